/*
 * Signal names and meanings, the menu's list and its choices.  One table,
 * signals_menu[], names every signal below the real-time ones and says
 * what it does; real-time signals are named by their offset from
 * SIGRTMIN.  Plain data in, plain data out: the sending is in
 * sigsend.c, the drawing in ui/sigmenu.c.
 */
#include "config.h"
#include "signals.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "snapshot.h"

#define SIGNALS_PREFIX_LEN	3	/* strlen("SIG") */

const struct signals_signal signals_menu[] = {
	{ SIGTERM, "SIGTERM",
	    "terminate (polite): the process may clean up first" },
	{ SIGHUP, "SIGHUP",
	    "hang up; many daemons reload their configuration" },
	{ SIGINT, "SIGINT", "interrupt, as Ctrl-C does" },
	{ SIGQUIT, "SIGQUIT", "quit with a core dump, as Ctrl-\\ does" },
	{ SIGKILL, "SIGKILL", "kill (cannot be caught): no clean-up" },
	{ SIGUSR1, "SIGUSR1",
	    "user-defined 1: meaning depends on the program" },
	{ SIGUSR2, "SIGUSR2",
	    "user-defined 2: meaning depends on the program" },
	{ SIGCHLD, "SIGCHLD",
	    "child status changed: a nudge to reap zombies" },
	{ SIGCONT, "SIGCONT", "continue if stopped" },
	{ SIGSTOP, "SIGSTOP", "stop (cannot be caught) until SIGCONT" },
	{ SIGTSTP, "SIGTSTP", "stop from the terminal, as Ctrl-Z does" },
	{ SIGALRM, "SIGALRM", "timer alarm" },
	{ SIGABRT, "SIGABRT", "abort with a core dump" },
	{ SIGILL, "SIGILL", "illegal instruction (core dump)" },
	{ SIGTRAP, "SIGTRAP", "trace or breakpoint trap (core dump)" },
	{ SIGBUS, "SIGBUS", "bus error (core dump)" },
	{ SIGFPE, "SIGFPE", "arithmetic error (core dump)" },
	{ SIGSEGV, "SIGSEGV", "segmentation fault (core dump)" },
	{ SIGPIPE, "SIGPIPE", "broken pipe" },
#ifdef SIGSTKFLT
	{ SIGSTKFLT, "SIGSTKFLT", "coprocessor stack fault (unused)" },
#endif
	{ SIGTTIN, "SIGTTIN", "background read from the terminal: stops" },
	{ SIGTTOU, "SIGTTOU", "background write to the terminal: stops" },
	{ SIGURG, "SIGURG", "urgent data on a socket (ignored by default)" },
	{ SIGXCPU, "SIGXCPU", "CPU time limit exceeded (core dump)" },
	{ SIGXFSZ, "SIGXFSZ", "file size limit exceeded (core dump)" },
	{ SIGVTALRM, "SIGVTALRM", "virtual timer alarm" },
	{ SIGPROF, "SIGPROF", "profiling timer alarm" },
	{ SIGWINCH, "SIGWINCH",
	    "terminal size changed (ignored by default)" },
	{ SIGIO, "SIGIO", "I/O possible" },
#ifdef SIGPWR
	{ SIGPWR, "SIGPWR", "power failure" },
#endif
	{ SIGSYS, "SIGSYS", "bad system call (core dump)" },
};

const size_t signals_menu_count =
    sizeof signals_menu / sizeof signals_menu[0];

/* SIGRTMIN is a function call in glibc, so the table is by offset. */
static const char *const signals_rt_names[] = {
	"SIGRTMIN", "SIGRTMIN+1", "SIGRTMIN+2", "SIGRTMIN+3", "SIGRTMIN+4",
	"SIGRTMIN+5", "SIGRTMIN+6", "SIGRTMIN+7", "SIGRTMIN+8", "SIGRTMIN+9",
	"SIGRTMIN+10", "SIGRTMIN+11", "SIGRTMIN+12", "SIGRTMIN+13",
	"SIGRTMIN+14", "SIGRTMIN+15", "SIGRTMIN+16", "SIGRTMIN+17",
	"SIGRTMIN+18", "SIGRTMIN+19", "SIGRTMIN+20", "SIGRTMIN+21",
	"SIGRTMIN+22", "SIGRTMIN+23", "SIGRTMIN+24", "SIGRTMIN+25",
	"SIGRTMIN+26", "SIGRTMIN+27", "SIGRTMIN+28", "SIGRTMIN+29",
	"SIGRTMIN+30",
};

/* "SIGTERM", "SIGRTMIN+3" (the last one too), or NULL: no name. */
static const char *
signals_lookup(int sig)
{
	size_t	i;

	for (i = 0; i < signals_menu_count; i++)
		if (signals_menu[i].sig == sig)
			return signals_menu[i].name;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX &&
	    (size_t)(sig - SIGRTMIN) < sizeof signals_rt_names /
	    sizeof signals_rt_names[0])
		return signals_rt_names[sig - SIGRTMIN];
	return NULL;
}

const char *
signals_name(int sig)
{
	const char	*name;

	if (sig == SIGRTMAX)
		return "SIGRTMAX";
	name = signals_lookup(sig);
	return name != NULL ? name : "SIG?";
}

char *
signals_short_name(int sig, char *buf, size_t size)
{
	const char	*name = signals_lookup(sig);

	if (name != NULL)
		snprintf(buf, size, "%s", name + SIGNALS_PREFIX_LEN);
	else
		snprintf(buf, size, "%d", sig);
	return buf;
}

char *
signals_mask_names(uint64_t mask, char *buf, size_t size)
{
	char	name[16];
	size_t	used = 0, len;
	int	sig;

	snprintf(buf, size, "%s", mask == 0 ? "-" : "");
	for (sig = 1; sig <= 64; sig++) {
		if (!(mask & (UINT64_C(1) << (sig - 1))))
			continue;
		signals_short_name(sig, name, sizeof name);
		len = strlen(name) + (used > 0);
		if (used + len >= size)
			break;		/* whole names only */
		snprintf(buf + used, size - used, "%s%s", used ? " " : "",
		    name);
		used += len;
	}
	return buf;
}

bool
signals_is_zombie(const struct procinfo *p)
{
	return (p->flags & PI_ZOMBIE) != 0 || p->state == 'Z';
}

size_t
signals_choices(const struct procinfo *target, const struct procinfo *parent,
    struct signals_choice *out, size_t max)
{
	size_t	n = 0, i;

	if (!signals_is_zombie(target)) {
		for (i = 0; i < signals_menu_count && n < max; i++, n++) {
			out[n].kind = SIGNALS_CHOICE_SIGNAL;
			out[n].sig = signals_menu[i].sig;
			out[n].pid = target->pid;
			out[n].start_ticks = target->start_ticks;
			out[n].meaning = signals_menu[i].meaning;
		}
		return n;
	}
	if (parent == NULL || parent->pid <= 0 ||
	    parent->pid != target->ppid || signals_is_zombie(parent))
		return 0;
	if (n < max) {
		out[n].kind = SIGNALS_CHOICE_NUDGE_PARENT;
		out[n].sig = SIGCHLD;
		out[n].pid = parent->pid;
		out[n].start_ticks = parent->start_ticks;
		out[n].meaning = "a nudge to reap it";
		n++;
	}
	if (n < max && parent->pid != 1 && !(parent->flags & PI_NSINIT)) {
		out[n].kind = SIGNALS_CHOICE_END_PARENT;
		out[n].sig = SIGTERM;
		out[n].pid = parent->pid;
		out[n].start_ticks = parent->start_ticks;
		out[n].meaning = "init adopts and reaps its zombies";
		n++;
	}
	return n;
}
