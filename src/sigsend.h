/*
 * Sending a signal to the process the user chose, and never to another
 * one that has since taken its PID.  A process is named by its identity
 * (pid, start time); the signal goes through a pidfd after the start time
 * is checked (DESIGN.md, "Signals").  Also the signal names, the menu's
 * list of signals and what each choice does, as plain data: no curses.
 */
#ifndef SRC_SIGSEND_H
#define SRC_SIGSEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct procinfo;

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
/*
 * "SIGTERM", "SIGRTMIN+1", ...: a constant string, never a buffer;
 * "SIG?" for a number that has no name.
 */
const char		*sigsend_signal_name(int sig);

/* One signal the menu offers. */
struct sigsend_signal {
	int		 sig;
	const char	*meaning;	/* one line: "terminate (polite)" */
};

/* The menu's signals, SIGTERM first, then as htop users expect them. */
extern const struct sigsend_signal	sigsend_menu_signals[];
extern const size_t			sigsend_menu_count;

enum sigsend_choice_kind {
	SIGSEND_CHOICE_SIGNAL,		/* sig to the chosen process itself */
	SIGSEND_CHOICE_NUDGE_PARENT,	/* SIGCHLD to a zombie's parent */
	SIGSEND_CHOICE_END_PARENT,	/* SIGTERM to a zombie's parent */
};

/* One line of the menu: which signal goes to which process, and why. */
struct sigsend_choice {
	enum sigsend_choice_kind kind;
	int		 sig;
	pid_t		 pid;		/* who receives it */
	uint64_t	 start_ticks;	/* its identity, with pid */
	const char	*meaning;	/* static text: the consequence */
};

#define SIGSEND_CHOICES_MAX	40	/* more than sigsend_menu_count */

/*
 * What the menu offers for target.  A live process: every menu signal,
 * to itself.  A zombie cannot be signalled (it is already dead): SIGCHLD
 * to its parent, then SIGTERM to its parent so that init adopts and reaps
 * the zombie, except when the parent is an init itself (PID 1, or PID 1
 * of its namespace: ending it ends the system or the whole namespace).
 * parent is the target's parent record or NULL; one whose pid is not the
 * target's ppid counts as unknown, and a zombie with no known parent gets
 * no choices.  Fills at most max entries of out; returns the count.
 */
size_t			 sigsend_choices(const struct procinfo *target,
			    const struct procinfo *parent,
			    struct sigsend_choice *out, size_t max);
/* Whether p is a zombie: classified as one, or in state Z. */
bool			 sigsend_is_zombie(const struct procinfo *p);

#endif
