/*
 * Sending a signal to the process the user chose, and never to another
 * one that has since taken its PID.  A process is named by its identity
 * (pid, start time); the signal goes through a pidfd after the start time
 * is checked (DESIGN.md, "Signals").  The names, the menu's list and
 * its choices are plain data in proc/signals.h.
 */
#ifndef PROC_SIGSEND_H
#define PROC_SIGSEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum sigsend_result {
	SIGSEND_SENT,
	SIGSEND_GONE,		/* exited, or its pid went to another process */
	SIGSEND_DENIED,		/* EPERM */
	SIGSEND_FAILED,		/* anything else; see *err */
};

/*
 * Send sig (0 only checks) to the process (pid, start_ticks).  It opens a
 * pidfd for pid, then checks that pid's start time still matches: the
 * pidfd stays on the process it was opened on even if the pid is reused,
 * so a match proves it is the chosen one.  For a thread (pid is a TID)
 * the signal goes to its whole process, as kill(2) does.  Where pidfds
 * are missing (ENOSYS, or a thread on a kernel before 6.9) the start time
 * is checked immediately before kill(2), which leaves a window of a few
 * microseconds; *racy then says so.  err (the errno behind DENIED or
 * FAILED, else 0) and racy may be NULL.  pid <= 0 is FAILED with EINVAL:
 * process groups are never signalled.
 */
enum sigsend_result	 sigsend_send(pid_t pid, uint64_t start_ticks, int sig,
			    int *err, bool *racy);
/* "sent", "process gone", "no permission", "failed". */
const char		*sigsend_result_text(enum sigsend_result r);
/*
 * One status line for the outcome of sigsend_send(), for example
 * "SIGTERM sent to PID 42" or "PID 42 is gone (exited or PID reused):
 * nothing sent", with "(no pidfd: start time checked just before kill)"
 * appended when racy.  Writes at most size bytes to buf.
 */
void			 sigsend_describe(char *buf, size_t size,
			    enum sigsend_result r, int sig, pid_t pid, int err,
			    bool racy);

#endif
