/*
 * Signals to a process identity (pid, start time), through pidfd_open(2)
 * and pidfd_send_signal(2) after a start-time check, with kill(2) and a
 * check just before it where pidfds are missing.  The start time comes
 * from scan_start_ticks(): this file reads no /proc itself and uses no
 * curses, so the tests link it without a terminal.
 */
#include "config.h"
#include "sigsend.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "proc/scan.h"
#include "proc/snapshot.h"

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal	424	/* the same on every architecture */
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD		O_EXCL	/* Linux 6.9: a pidfd for a thread */
#endif
#ifndef PIDFD_SIGNAL_THREAD_GROUP
#define PIDFD_SIGNAL_THREAD_GROUP (1u << 1)	/* Linux 6.9 */
#endif

static const char *const sigsend_names[] = {
	[SIGHUP] = "SIGHUP",		[SIGINT] = "SIGINT",
	[SIGQUIT] = "SIGQUIT",		[SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP",		[SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",		[SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL",		[SIGUSR1] = "SIGUSR1",
	[SIGSEGV] = "SIGSEGV",		[SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",		[SIGALRM] = "SIGALRM",
	[SIGTERM] = "SIGTERM",
#ifdef SIGSTKFLT
	[SIGSTKFLT] = "SIGSTKFLT",
#endif
	[SIGCHLD] = "SIGCHLD",		[SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP",		[SIGTSTP] = "SIGTSTP",
	[SIGTTIN] = "SIGTTIN",		[SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG",		[SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ",		[SIGVTALRM] = "SIGVTALRM",
	[SIGPROF] = "SIGPROF",		[SIGWINCH] = "SIGWINCH",
	[SIGIO] = "SIGIO",
#ifdef SIGPWR
	[SIGPWR] = "SIGPWR",
#endif
	[SIGSYS] = "SIGSYS",
};

/* SIGRTMIN is a function call in glibc, so the table is by offset. */
static const char *const sigsend_rt_names[] = {
	"SIGRTMIN", "SIGRTMIN+1", "SIGRTMIN+2", "SIGRTMIN+3", "SIGRTMIN+4",
	"SIGRTMIN+5", "SIGRTMIN+6", "SIGRTMIN+7", "SIGRTMIN+8", "SIGRTMIN+9",
	"SIGRTMIN+10", "SIGRTMIN+11", "SIGRTMIN+12", "SIGRTMIN+13",
	"SIGRTMIN+14", "SIGRTMIN+15", "SIGRTMIN+16", "SIGRTMIN+17",
	"SIGRTMIN+18", "SIGRTMIN+19", "SIGRTMIN+20", "SIGRTMIN+21",
	"SIGRTMIN+22", "SIGRTMIN+23", "SIGRTMIN+24", "SIGRTMIN+25",
	"SIGRTMIN+26", "SIGRTMIN+27", "SIGRTMIN+28", "SIGRTMIN+29",
	"SIGRTMIN+30",
};

const struct sigsend_signal sigsend_menu_signals[] = {
	{ SIGTERM, "terminate (polite): the process may clean up first" },
	{ SIGHUP, "hang up; many daemons reload their configuration" },
	{ SIGINT, "interrupt, as Ctrl-C does" },
	{ SIGQUIT, "quit with a core dump, as Ctrl-\\ does" },
	{ SIGKILL, "kill (cannot be caught): no clean-up" },
	{ SIGUSR1, "user-defined 1: meaning depends on the program" },
	{ SIGUSR2, "user-defined 2: meaning depends on the program" },
	{ SIGCHLD, "child status changed: a nudge to reap zombies" },
	{ SIGCONT, "continue if stopped" },
	{ SIGSTOP, "stop (cannot be caught) until SIGCONT" },
	{ SIGTSTP, "stop from the terminal, as Ctrl-Z does" },
	{ SIGALRM, "timer alarm" },
	{ SIGABRT, "abort with a core dump" },
	{ SIGILL, "illegal instruction (core dump)" },
	{ SIGTRAP, "trace or breakpoint trap (core dump)" },
	{ SIGBUS, "bus error (core dump)" },
	{ SIGFPE, "arithmetic error (core dump)" },
	{ SIGSEGV, "segmentation fault (core dump)" },
	{ SIGPIPE, "broken pipe" },
#ifdef SIGSTKFLT
	{ SIGSTKFLT, "coprocessor stack fault (unused)" },
#endif
	{ SIGTTIN, "background read from the terminal: stops" },
	{ SIGTTOU, "background write to the terminal: stops" },
	{ SIGURG, "urgent data on a socket (ignored by default)" },
	{ SIGXCPU, "CPU time limit exceeded (core dump)" },
	{ SIGXFSZ, "file size limit exceeded (core dump)" },
	{ SIGVTALRM, "virtual timer alarm" },
	{ SIGPROF, "profiling timer alarm" },
	{ SIGWINCH, "terminal size changed (ignored by default)" },
	{ SIGIO, "I/O possible" },
#ifdef SIGPWR
	{ SIGPWR, "power failure" },
#endif
	{ SIGSYS, "bad system call (core dump)" },
};

const size_t sigsend_menu_count =
    sizeof sigsend_menu_signals / sizeof sigsend_menu_signals[0];

const char *
sigsend_signal_name(int sig)
{
	if (sig > 0 && (size_t)sig < sizeof sigsend_names /
	    sizeof sigsend_names[0] && sigsend_names[sig] != NULL)
		return sigsend_names[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		if (sig == SIGRTMAX)
			return "SIGRTMAX";
		if ((size_t)(sig - SIGRTMIN) < sizeof sigsend_rt_names /
		    sizeof sigsend_rt_names[0])
			return sigsend_rt_names[sig - SIGRTMIN];
	}
	return "SIG?";
}

const char *
sigsend_result_text(enum sigsend_result r)
{
	switch (r) {
	case SIGSEND_SENT:
		return "sent";
	case SIGSEND_GONE:
		return "process gone";
	case SIGSEND_DENIED:
		return "no permission";
	case SIGSEND_FAILED:
		break;
	}
	return "failed";
}

void
sigsend_describe(char *buf, size_t size, enum sigsend_result r, int sig,
    pid_t pid, int err, bool racy)
{
	const char	*name = sigsend_signal_name(sig);
	const char	*how = racy ?
			    " (no pidfd: start time checked just before kill)" :
			    "";

	if (size == 0)
		return;
	switch (r) {
	case SIGSEND_SENT:
		snprintf(buf, size, "%s sent to PID %d%s", name, (int)pid, how);
		break;
	case SIGSEND_GONE:
		snprintf(buf, size,
		    "PID %d is gone (exited or PID reused): %s not sent%s",
		    (int)pid, name, how);
		break;
	case SIGSEND_DENIED:
		snprintf(buf, size, "no permission to send %s to PID %d%s",
		    name, (int)pid, how);
		break;
	case SIGSEND_FAILED:
	default:
		snprintf(buf, size, "sending %s to PID %d failed: %s%s", name,
		    (int)pid, strerror(err), how);
		break;
	}
}

/* Map the errno of a send to a result. */
static enum sigsend_result
sigsend_errno_result(int e, int *err)
{
	if (e == ESRCH || e == ENOENT)
		return SIGSEND_GONE;
	if (err != NULL)
		*err = e;
	return e == EPERM ? SIGSEND_DENIED : SIGSEND_FAILED;
}

/* Whether pid is still the process that started at start_ticks. */
static enum sigsend_result
sigsend_check(pid_t pid, uint64_t start_ticks, int *err)
{
	uint64_t	now;
	int		rc;

	rc = scan_start_ticks(pid, &now);
	if (rc == -ESRCH || (rc == 0 && now != start_ticks))
		return SIGSEND_GONE;
	if (rc < 0) {
		if (err != NULL)
			*err = -rc;
		return SIGSEND_FAILED;
	}
	return SIGSEND_SENT;
}

/* No pidfd: check the identity, then kill(2) at once. */
static enum sigsend_result
sigsend_kill(pid_t pid, uint64_t start_ticks, int sig, int *err, bool *racy)
{
	enum sigsend_result	r;

	if (racy != NULL)
		*racy = true;
	r = sigsend_check(pid, start_ticks, err);
	if (r != SIGSEND_SENT)
		return r;
	/* FIXME: the pid can be reused between the check and the kill. */
	if (kill(pid, sig) < 0)
		return sigsend_errno_result(errno, err);
	return SIGSEND_SENT;
}

enum sigsend_result
sigsend_send(pid_t pid, uint64_t start_ticks, int sig, int *err, bool *racy)
{
	enum sigsend_result	r;
	unsigned		flags = 0;
	long			fd;
	int			e;

	if (err != NULL)
		*err = 0;
	if (racy != NULL)
		*racy = false;
	if (pid <= 0 || sig < 0 || sig > SIGRTMAX) {
		if (err != NULL)
			*err = EINVAL;
		return SIGSEND_FAILED;
	}
	fd = syscall(SYS_pidfd_open, pid, 0u);
	if (fd < 0 && (errno == EINVAL || errno == ENOENT)) {
		/* Not a thread-group leader: a thread, from Linux 6.9 on. */
		fd = syscall(SYS_pidfd_open, pid, (unsigned)PIDFD_THREAD);
		flags = PIDFD_SIGNAL_THREAD_GROUP;
		if (fd < 0 && errno == EINVAL)
			return sigsend_kill(pid, start_ticks, sig, err, racy);
	}
	if (fd < 0) {
		e = errno;
		/* Old kernel, or a seccomp filter that refuses pidfds. */
		if (e == ENOSYS || e == EPERM)
			return sigsend_kill(pid, start_ticks, sig, err, racy);
		return sigsend_errno_result(e, err);
	}
	/*
	 * The pidfd now stays on whatever process had pid when it was
	 * opened.  The chosen process held pid before that and keeps it
	 * until it is reaped, so if pid has its start time now, the pidfd
	 * is the chosen process; anything else means it is gone.
	 */
	r = sigsend_check(pid, start_ticks, err);
	if (r == SIGSEND_SENT &&
	    syscall(SYS_pidfd_send_signal, (int)fd, sig, NULL, flags) < 0)
		r = sigsend_errno_result(errno, err);
	close((int)fd);
	return r;
}

bool
sigsend_is_zombie(const struct procinfo *p)
{
	return (p->flags & PI_ZOMBIE) != 0 || p->state == 'Z';
}

size_t
sigsend_choices(const struct procinfo *target, const struct procinfo *parent,
    struct sigsend_choice *out, size_t max)
{
	size_t	n = 0, i;

	if (!sigsend_is_zombie(target)) {
		for (i = 0; i < sigsend_menu_count && n < max; i++, n++) {
			out[n].kind = SIGSEND_CHOICE_SIGNAL;
			out[n].sig = sigsend_menu_signals[i].sig;
			out[n].pid = target->pid;
			out[n].start_ticks = target->start_ticks;
			out[n].meaning = sigsend_menu_signals[i].meaning;
		}
		return n;
	}
	if (parent == NULL || parent->pid <= 0 ||
	    parent->pid != target->ppid || sigsend_is_zombie(parent))
		return 0;
	if (n < max) {
		out[n].kind = SIGSEND_CHOICE_NUDGE_PARENT;
		out[n].sig = SIGCHLD;
		out[n].pid = parent->pid;
		out[n].start_ticks = parent->start_ticks;
		out[n].meaning = "a nudge to reap it";
		n++;
	}
	if (n < max && parent->pid != 1 && !(parent->flags & PI_NSINIT)) {
		out[n].kind = SIGSEND_CHOICE_END_PARENT;
		out[n].sig = SIGTERM;
		out[n].pid = parent->pid;
		out[n].start_ticks = parent->start_ticks;
		out[n].meaning = "init adopts and reaps its zombies";
		n++;
	}
	return n;
}
