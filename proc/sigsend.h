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

struct exitlog;

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
/*
 * A process chosen for a signal, held from the moment it is chosen (the
 * signal menu opens on it) until the signal goes: sigsend_hold() opens a
 * pidfd on pid and checks pid's start time once, as sigsend_send() does.
 * From then on the signal reaches that process or nobody: a pidfd never
 * follows a PID to another process, and sigsend_hold_send() refuses
 * (GONE) a process that has exited since (its pidfd polls readable),
 * zombie or reaped, even when a new process took the PID within the same
 * clock tick, where start times cannot tell the two apart.  Where pidfds
 * live in pidfs (Linux 6.9+), whose inode is unique to a process, a fresh
 * pidfd on pid must have the held one's inode as well.  Without pidfds
 * (racy), the send falls back to sigsend_send()'s check before kill(2).
 */
struct sigsend_hold {
	pid_t			pid;
	uint64_t		start_ticks;	/* with pid, the identity */
	int			fd;		/* the pidfd; -1: none */
	unsigned		flags;		/* for pidfd_send_signal(2) */
	uint64_t		ino;		/* its pidfs inode; 0: no pidfs */
	bool			racy;		/* no pidfd here: kill(2) */
	enum sigsend_result	state;		/* SENT: held; else why not */
	int			err;		/* the errno behind state */
	struct exitlog		*exits;		/* borrowed; NULL: none */
	double			shown;		/* unix seconds: when the
						   snapshot it was chosen
						   from was taken */
};

/* Hold (pid, start_ticks); h->state says whether that worked, and why not. */
void			 sigsend_hold(struct sigsend_hold *h, pid_t pid,
			    uint64_t start_ticks);
/*
 * Once held, with the kernel's process events (exits, fed by
 * procevents.h): refuse (GONE) also when pid exited after shown, the
 * time of the snapshot the process was chosen from.  That covers what
 * the hold cannot see: the chosen process exiting between that snapshot
 * and sigsend_hold(), and a new process taking its PID within the same
 * clock tick, with the whole identity; the pidfd, opened after that, is
 * the new process's.
 */
void			 sigsend_hold_watch(struct sigsend_hold *h,
			    struct exitlog *exits, double shown);
/*
 * After sigsend_hold_send() said GONE: the unix time at which the held
 * pid exited after it was shown, as the kernel's events say; 0 if they
 * do not (not watched, or not known to have exited).
 */
double			 sigsend_hold_exit_time(const struct sigsend_hold *h);
/* Send sig (0 only checks) to the held process; as sigsend_send(). */
enum sigsend_result	 sigsend_hold_send(const struct sigsend_hold *h,
			    int sig, int *err, bool *racy);
/* Close the pidfd; h is then GONE.  Safe to call again. */
void			 sigsend_release(struct sigsend_hold *h);
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
