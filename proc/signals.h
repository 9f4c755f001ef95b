/*
 * What is known about signals, as plain data: their names ("SIGTERM",
 * "TERM" in a mask), what each one does, the list the signal menu offers
 * and which choices a process gets (a zombie's go to its parent).  One
 * table holds the names and the meanings.  Nothing here sends a signal
 * (sigsend.c does), reads /proc or draws: no curses, no libproc2.
 */
#ifndef PROC_SIGNALS_H
#define PROC_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct procinfo;

/*
 * "SIGTERM", "SIGRTMIN+1", ...: a constant string, never a buffer;
 * "SIG?" for a number that has no name.
 */
const char	*signals_name(int sig);
/*
 * The signal's name without "SIG" into buf: "TERM", "RTMIN", "RTMIN+3",
 * or the number where it has no name (32 and 33 under glibc, whose
 * SIGRTMIN is 34, as "kill -l" shows).  Real-time signals count from
 * SIGRTMIN, the last one too.  Returns buf.
 */
char		*signals_short_name(int sig, char *buf, size_t size);
/*
 * The signals of a mask (bit n-1 is signal n, as in /proc/PID/status)
 * by short name, space-separated: "HUP INT TERM"; "-" for an empty mask.
 * Cut at a whole name when buf is too small.  Returns buf.
 */
char		*signals_mask_names(uint64_t mask, char *buf, size_t size);

/* One signal the menu offers. */
struct signals_signal {
	int		 sig;
	const char	*name;		/* "SIGTERM" */
	const char	*meaning;	/* one line: "terminate (polite)" */
};

/*
 * The menu's signals, SIGTERM first, then as htop users expect them:
 * every signal below the real-time ones that has a name, once.
 */
extern const struct signals_signal	signals_menu[];
extern const size_t			signals_menu_count;

enum signals_choice_kind {
	SIGNALS_CHOICE_SIGNAL,		/* sig to the chosen process itself */
	SIGNALS_CHOICE_NUDGE_PARENT,	/* SIGCHLD to a zombie's parent */
	SIGNALS_CHOICE_END_PARENT,	/* SIGTERM to a zombie's parent */
};

/* One line of the menu: which signal goes to which process, and why. */
struct signals_choice {
	enum signals_choice_kind kind;
	int		 sig;
	pid_t		 pid;		/* who receives it */
	uint64_t	 start_ticks;	/* its identity, with pid */
	const char	*meaning;	/* static text: the consequence */
};

#define SIGNALS_CHOICES_MAX	40	/* more than signals_menu_count */

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
size_t		 signals_choices(const struct procinfo *target,
		    const struct procinfo *parent,
		    struct signals_choice *out, size_t max);
/* Whether p is a zombie: classified as one, or in state Z. */
bool		 signals_is_zombie(const struct procinfo *p);

#endif
