/*
 * Signals to a process identity (pid, start time), through pidfd_open(2)
 * and pidfd_send_signal(2) after a start-time check, with kill(2) and a
 * check just before it where pidfds are missing.  The start time and
 * whether /proc is our PID namespace's come from the scanner
 * (scan_start_ticks(), scan_proc_is_ours()), which does every read of
 * /proc; this file uses no curses, so the tests link it without a
 * terminal.
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

#include "scan.h"
#include "signals.h"

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
	const char	*name = signals_name(sig);
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
		if (err == EXDEV)
			snprintf(buf, size, "%s not sent to PID %d: /proc shows "
			    "another PID namespace, so the process cannot be "
			    "verified", name, (int)pid);
		else
			snprintf(buf, size, "sending %s to PID %d failed: %s%s",
			    name, (int)pid, strerror(err), how);
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
	if (!scan_proc_is_ours()) {
		/* Start times from another namespace's /proc prove nothing. */
		if (err != NULL)
			*err = EXDEV;
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
