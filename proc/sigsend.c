/*
 * Signals to a process identity (pid, start time), through pidfd_open(2)
 * and pidfd_send_signal(2) after a start-time check, with kill(2) and a
 * check just before it where pidfds are missing.  A hold keeps the pidfd
 * from the moment the process is chosen until the signal goes.  The
 * start time and whether /proc is our PID namespace's come from the
 * scanner (scan_start_ticks(), scan_proc_is_ours()), which does every
 * read of /proc; this file uses no curses, so the tests link it without a
 * terminal.
 */
#include "config.h"
#include "sigsend.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exitlog.h"
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
#ifndef PIDFS_MAGIC
#define PIDFS_MAGIC		0x50494446	/* Linux 6.9: pidfds in pidfs */
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

/*
 * A pidfd on pid, or on the thread pid where pid is not a thread-group
 * leader (Linux 6.9+; *flags then makes a signal go to its process);
 * -errno on failure.
 */
static int
sigsend_pidfd_open(pid_t pid, unsigned *flags)
{
	long	fd = syscall(SYS_pidfd_open, pid, 0u);

	*flags = 0;
	if (fd < 0 && (errno == EINVAL || errno == ENOENT)) {
		fd = syscall(SYS_pidfd_open, pid, (unsigned)PIDFD_THREAD);
		*flags = PIDFD_SIGNAL_THREAD_GROUP;
	}
	return fd < 0 ? -errno : (int)fd;
}

/*
 * The pidfd's inode where pidfds live in pidfs (Linux 6.9+): one per
 * process, never given to another while the system runs.  0 elsewhere
 * (an anonymous inode, the same for every pidfd).
 */
static uint64_t
sigsend_pidfs_ino(int fd)
{
	struct statfs	sfs;
	struct stat	st;

	if (fstatfs(fd, &sfs) < 0 || (unsigned long)sfs.f_type !=
	    PIDFS_MAGIC || fstat(fd, &st) < 0)
		return 0;
	return (uint64_t)st.st_ino;
}

/* Whether the process (or thread) of a pidfd has exited: it polls readable. */
static bool
sigsend_exited(int fd)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLIN | POLLHUP));
}

/* Whether pid still names the held process: a fresh pidfd's inode. */
static bool
sigsend_same_process(const struct sigsend_hold *h)
{
	unsigned	flags;
	int		fd = sigsend_pidfd_open(h->pid, &flags);
	bool		same;

	if (fd < 0)
		return fd != -ESRCH && fd != -ENOENT;	/* reaped: gone */
	same = sigsend_pidfs_ino(fd) == h->ino;
	close(fd);
	return same;
}

void
sigsend_hold(struct sigsend_hold *h, pid_t pid, uint64_t start_ticks)
{
	int	fd;

	memset(h, 0, sizeof *h);
	h->pid = pid;
	h->start_ticks = start_ticks;
	h->fd = -1;
	h->state = SIGSEND_SENT;
	if (pid <= 0) {
		h->state = SIGSEND_FAILED;
		h->err = EINVAL;	/* process groups are never signalled */
		return;
	}
	if (!scan_proc_is_ours()) {
		/* Start times from another namespace's /proc prove nothing. */
		h->state = SIGSEND_FAILED;
		h->err = EXDEV;
		return;
	}
	fd = sigsend_pidfd_open(pid, &h->flags);
	/* An old kernel, a thread before 6.9, or a seccomp filter. */
	if (fd == -ENOSYS || fd == -EPERM || fd == -EINVAL) {
		h->racy = true;
		return;
	}
	if (fd < 0) {
		h->state = sigsend_errno_result(-fd, &h->err);
		return;
	}
	/*
	 * The pidfd now stays on whatever process had pid when it was
	 * opened.  The chosen process held pid before that and keeps it
	 * until it is reaped, so if pid has its start time now, the pidfd
	 * is the chosen process; anything else means it is gone.
	 */
	h->state = sigsend_check(pid, start_ticks, &h->err);
	if (h->state != SIGSEND_SENT) {
		close(fd);
		return;
	}
	h->fd = fd;
	h->ino = sigsend_pidfs_ino(fd);
}

void
sigsend_hold_watch(struct sigsend_hold *h, struct exitlog *exits,
    double shown)
{
	h->exits = exits;
	h->shown = shown;
}

double
sigsend_hold_exit_time(const struct sigsend_hold *h)
{
	double	when = 0;

	if (h->exits == NULL || !exitlog_exited_after(h->exits, h->pid,
	    h->shown, &when))
		return 0;
	return when;
}

enum sigsend_result
sigsend_hold_send(const struct sigsend_hold *h, int sig, int *err,
    bool *racy)
{
	if (err != NULL)
		*err = 0;
	if (racy != NULL)
		*racy = false;
	if (sig < 0 || sig > SIGRTMAX) {
		if (err != NULL)
			*err = EINVAL;
		return SIGSEND_FAILED;
	}
	if (h->state != SIGSEND_SENT) {
		if (err != NULL)
			*err = h->err;
		return h->state;
	}
	/* Exited after it was shown: whatever has the pid now is another. */
	if (sigsend_hold_exit_time(h) > 0)
		return SIGSEND_GONE;
	if (h->racy)
		return sigsend_kill(h->pid, h->start_ticks, sig, err, racy);
	/*
	 * Exited since it was chosen, zombie or reaped: refused, even when
	 * the pid went to a new process within the same clock tick, where
	 * the start time cannot tell them apart.
	 */
	if (sigsend_exited(h->fd) || (h->ino != 0 && !sigsend_same_process(h)))
		return SIGSEND_GONE;
	if (syscall(SYS_pidfd_send_signal, h->fd, sig, NULL, h->flags) < 0)
		return sigsend_errno_result(errno, err);
	return SIGSEND_SENT;
}

void
sigsend_release(struct sigsend_hold *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
	h->state = SIGSEND_GONE;
}

enum sigsend_result
sigsend_send(pid_t pid, uint64_t start_ticks, int sig, int *err, bool *racy)
{
	struct sigsend_hold	h;
	enum sigsend_result	r;

	sigsend_hold(&h, pid, start_ticks);
	r = sigsend_hold_send(&h, sig, err, racy);
	sigsend_release(&h);
	return r;
}
