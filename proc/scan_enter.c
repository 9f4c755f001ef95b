/*
 * A shell inside the namespaces of a process: the /proc side (which
 * namespaces differ from ours, fds for them, the root and the working
 * directory) and the fork(2)s that enter them.
 *
 * In the parent, everything is opened close-on-exec through one
 * /proc/PID directory fd, and the start time is read through that same
 * fd afterwards: if it matches, every fd opened before leads to the
 * chosen process, not to one that took its PID.  A pidfd is opened too.
 *
 * The first child joins the namespaces: with setns(2) on the pidfd and
 * every CLONE_NEW* flag at once (Linux 5.8 and later, which orders them
 * itself), else one ns fd at a time, the user namespace first (so that
 * its capabilities cover the namespaces it owns), then cgroup, ipc, uts,
 * net, pid, mnt and time, as nsenter(1) does.  Only types that differ
 * from treetop's are joined: joining one's own user namespace is an
 * error.  In a user namespace it becomes root (uid and gid 0, no
 * supplementary groups), as nsenter does.  Then it takes the root and
 * the working directory (fchdir(2) to the fds, chroot(".")), and forks
 * again, since a new PID or time namespace applies to children only;
 * the grandchild makes a process group of its own, gives it the
 * terminal and executes the shell; the first child waits for it and
 * exits with its status.  The parent takes the terminal back after.  Both
 * do only async-signal-safe work: treetop has other threads.  A failure
 * before the shell runs is written (step and errno) to a close-on-exec
 * pipe, which the parent reads to its end: at the shell's execve(2), or
 * at the failure.
 */
#include "config.h"
#include "scan_enter.h"
#include "scan_statfd.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scan_read.h"
#include "snapshot.h"
#include "xalloc.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME		0x00000080
#endif

extern char **environ;

/* Where the children can fail, for the message. */
enum scan_enter_step {
	ENTER_SETNS, ENTER_IDS, ENTER_ROOT, ENTER_FORK, ENTER_EXEC,
};

/* What a child reports through the pipe when it fails. */
struct scan_enter_error {
	int	step;		/* enum scan_enter_step */
	int	type;		/* ENTER_SETNS: the enum ns_type, or -1 */
	int	err;		/* errno */
};

/* Everything the children need, made ready before fork(2). */
struct scan_enter {
	int		 procfd;		/* /proc/PID */
	int		 pidfd;			/* -1 without pidfd_open(2) */
	int		 nsfd[NS_COUNT];	/* -1: shared with us */
	int		 flags;			/* CLONE_NEW* of those */
	int		 rootfd, cwdfd;
	int		 report;		/* the pipe's write end */
	char		*shell;			/* $SHELL, or NULL */
	char		*argv[2];
};

/* setns(2) flag per type, and the order in which they are joined one by one. */
static const int scan_enter_flag[NS_COUNT] = {
	[NS_PID] = CLONE_NEWPID, [NS_MNT] = CLONE_NEWNS,
	[NS_NET] = CLONE_NEWNET, [NS_UTS] = CLONE_NEWUTS,
	[NS_IPC] = CLONE_NEWIPC, [NS_USER] = CLONE_NEWUSER,
	[NS_CGROUP] = CLONE_NEWCGROUP, [NS_TIME] = CLONE_NEWTIME,
};
static const enum ns_type scan_enter_order[NS_COUNT] = {
	NS_USER, NS_CGROUP, NS_IPC, NS_UTS, NS_NET, NS_PID, NS_MNT, NS_TIME,
};

static void
scan_enter_close(struct scan_enter *e)
{
	int	t;

	for (t = 0; t < NS_COUNT; t++)
		if (e->nsfd[t] >= 0)
			close(e->nsfd[t]);
	if (e->pidfd >= 0)
		close(e->pidfd);
	if (e->rootfd >= 0)
		close(e->rootfd);
	if (e->cwdfd >= 0)
		close(e->cwdfd);
	if (e->procfd >= 0)
		close(e->procfd);
}

/* --- in the children: async-signal-safe only ---------------------------- */

/* Report a failure to the parent and exit. */
static void __attribute__((noreturn))
scan_enter_fail(const struct scan_enter *e, enum scan_enter_step step,
    int type, int err)
{
	struct scan_enter_error	r = { (int)step, type, err };

	(void)!write(e->report, &r, sizeof r);
	_exit(127);
}

/* Join every namespace that differs: all at once, else one by one. */
static void
scan_enter_join(const struct scan_enter *e)
{
	enum ns_type	t;
	int		k;

	if (e->flags == 0 ||
	    (e->pidfd >= 0 && setns(e->pidfd, e->flags) == 0))
		return;
	for (k = 0; k < NS_COUNT; k++) {
		t = scan_enter_order[k];
		if (e->nsfd[t] >= 0 && setns(e->nsfd[t], scan_enter_flag[t]) < 0)
			scan_enter_fail(e, ENTER_SETNS, (int)t, errno);
	}
}

/* Signals as a new program expects them: default, none blocked. */
static void
scan_enter_reset_signals(void)
{
	static const int	sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN,
				    SIGTTOU, SIGPIPE, SIGCHLD, SIGWINCH };
	struct sigaction	sa;
	sigset_t		none;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * The grandchild: in a process group of its own that has the terminal
 * (made here, inside the PID namespace, so that the shell sees its group
 * and the terminal's as the same PID), then the shell, $SHELL if it
 * runs, else /bin/sh.
 */
static void __attribute__((noreturn))
scan_enter_exec(struct scan_enter *e)
{
	static char	sh[] = "/bin/sh";

	setpgid(0, 0);
	signal(SIGTTOU, SIG_IGN);
	(void)tcsetpgrp(STDIN_FILENO, getpid());
	signal(SIGTTOU, SIG_DFL);
	/* The shell gets the descriptor limit we were started with. */
	statfd_restore_limit();
	if (e->shell != NULL) {
		e->argv[0] = e->shell;
		execve(e->shell, e->argv, environ);
	}
	e->argv[0] = sh;
	execve(sh, e->argv, environ);
	scan_enter_fail(e, ENTER_EXEC, -1, errno);
}

/*
 * Root of a user namespace just joined, as nsenter(1) makes its shell:
 * the caller's own IDs are not mapped there.
 */
static void
scan_enter_ids(const struct scan_enter *e)
{
	if (!(e->flags & CLONE_NEWUSER))
		return;
	if (syscall(SYS_setgroups, 0, NULL) < 0 ||
	    syscall(SYS_setresgid, 0, 0, 0) < 0 ||
	    syscall(SYS_setresuid, 0, 0, 0) < 0)
		scan_enter_fail(e, ENTER_IDS, NS_USER, errno);
}

/* The first child: inside, then the shell's parent. */
static void __attribute__((noreturn))
scan_enter_child(struct scan_enter *e)
{
	int	status = 0;
	pid_t	shell;

	scan_enter_reset_signals();
	scan_enter_join(e);
	scan_enter_ids(e);
	if (fchdir(e->rootfd) < 0 || chroot(".") < 0)
		scan_enter_fail(e, ENTER_ROOT, -1, errno);
	if (fchdir(e->cwdfd) < 0 && chdir("/") < 0)
		scan_enter_fail(e, ENTER_ROOT, -1, errno);
	if ((shell = fork()) < 0)
		scan_enter_fail(e, ENTER_FORK, -1, errno);
	if (shell == 0)
		scan_enter_exec(e);
	/*
	 * It only waits now: the pipe and everything else it inherited
	 * (the scanner's kept stat files, the namespaces' fds) need not stay
	 * open, inside the namespaces, for as long as the shell runs.
	 */
	if (close_range(3, ~0U, 0) < 0)
		close(e->report);
	while (waitpid(shell, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		_exit(128 + WTERMSIG(status));
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/* --- in the parent ------------------------------------------------------ */

/* The inode of path relative to dirfd, or 0 with errno. */
static uint64_t
scan_enter_inode(int dirfd, const char *path)
{
	struct stat	st;

	return fstatat(dirfd, path, &st, 0) == 0 ? (uint64_t)st.st_ino : 0;
}

/* Open what leads into the namespaces that differ from ours. */
static int
scan_enter_open_ns(struct scan_enter *e)
{
	char		path[32];
	uint64_t	mine, theirs;
	int		t;

	for (t = 0; t < NS_COUNT; t++) {
		snprintf(path, sizeof path, "ns/%s", ns_type_names[t]);
		if ((theirs = scan_enter_inode(e->procfd, path)) == 0) {
			if (errno == ENOENT && t == NS_TIME)
				continue;	/* no time namespaces here */
			return -errno;
		}
		snprintf(path, sizeof path, "/proc/self/ns/%s",
		    ns_type_names[t]);
		mine = scan_enter_inode(AT_FDCWD, path);
		if (mine == theirs)
			continue;
		snprintf(path, sizeof path, "ns/%s", ns_type_names[t]);
		e->nsfd[t] = openat(e->procfd, path, O_RDONLY | O_CLOEXEC);
		if (e->nsfd[t] < 0)
			return -errno;
		e->flags |= scan_enter_flag[t];
	}
	return 0;
}

/*
 * Open /proc/PID, the pidfd, the ns fds, the root and the working
 * directory, then check the start time through the same directory fd.
 */
static int
scan_enter_open(struct scan_enter *e, pid_t pid, uint64_t start_ticks)
{
	struct procinfo	p;
	char		path[32];
	int		r;

	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	e->procfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (e->procfd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	e->pidfd = (int)syscall(SYS_pidfd_open, pid, 0u);
	if ((r = scan_enter_open_ns(e)) < 0)
		return r == -ENOENT ? -ESRCH : r;
	e->rootfd = openat(e->procfd, "root", O_PATH | O_DIRECTORY |
	    O_CLOEXEC);
	e->cwdfd = openat(e->procfd, "cwd", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (e->rootfd < 0 || e->cwdfd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	memset(&p, 0, sizeof p);
	if (!scan_read_stat(0, e->procfd, "stat", &p) ||
	    p.start_ticks != start_ticks)
		return -ESRCH;
	if (p.state == 'Z')
		return -ESRCH;
	return 0;
}

/* The cause for a failure the first child reported. */
static void
scan_enter_cause(const struct scan_enter_error *r, char **cause)
{
	const char	*what = strerror(r->err);

	switch ((enum scan_enter_step)r->step) {
	case ENTER_SETNS:
		xasprintf(cause, "cannot enter its %s namespace: %s",
		    r->type >= 0 && r->type < NS_COUNT ?
		    ns_type_names[r->type] : "?", what);
		break;
	case ENTER_IDS:
		xasprintf(cause, "cannot become root in its user namespace: "
		    "%s", what);
		break;
	case ENTER_ROOT:
		xasprintf(cause, "cannot enter its root directory: %s", what);
		break;
	case ENTER_FORK:
		xasprintf(cause, "cannot start the shell: %s", what);
		break;
	case ENTER_EXEC:
		xasprintf(cause, "no shell inside it (not even /bin/sh): %s",
		    what);
		break;
	}
}

/* Fork the first child and wait for it; 0 or -errno with *cause. */
static int
scan_enter_run(struct scan_enter *e, int *status, char **cause)
{
	struct scan_enter_error	r;
	ssize_t			n;
	pid_t			child;
	int			fds[2];

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	e->report = fds[1];
	if ((child = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (child == 0)
		scan_enter_child(e);
	close(fds[1]);
	while ((n = read(fds[0], &r, sizeof r)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	while (waitpid(child, status, 0) < 0 && errno == EINTR)
		;
	(void)tcsetpgrp(STDIN_FILENO, getpgrp());
	if (n == (ssize_t)sizeof r) {
		scan_enter_cause(&r, cause);
		return r.err == EPERM ? -EPERM : -EINVAL;
	}
	return 0;
}

int
scan_enter_shell(pid_t pid, uint64_t start_ticks, int *status, char **cause)
{
	static const int	 quiet[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTOU };
	struct sigaction	 ign, old[4];
	struct scan_enter	 e;
	char			*shell = getenv("SHELL");
	size_t			 i;
	int			 r;

	*cause = NULL;
	memset(&e, 0, sizeof e);
	e.procfd = e.pidfd = e.rootfd = e.cwdfd = -1;
	for (i = 0; i < NS_COUNT; i++)
		e.nsfd[i] = -1;
	e.shell = shell != NULL && shell[0] == '/' ? shell : NULL;
	if (geteuid() != 0) {
		xasprintf(cause, "entering another process's namespaces "
		    "needs root");
		return -EPERM;
	}
	if ((r = scan_enter_open(&e, pid, start_ticks)) < 0) {
		xasprintf(cause, r == -ESRCH ? "PID %d is gone (exited or PID "
		    "reused)" : "cannot open PID %d's namespaces: %s",
		    (int)pid, strerror(-r));
		scan_enter_close(&e);
		return r;
	}
	/* The keyboard's signals are the shell's while it runs, not ours. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	for (i = 0; i < 4; i++)
		sigaction(quiet[i], &ign, &old[i]);
	r = scan_enter_run(&e, status, cause);
	for (i = 0; i < 4; i++)
		sigaction(quiet[i], &old[i], NULL);
	if (r < 0 && *cause == NULL)
		xasprintf(cause, "cannot start the shell: %s", strerror(-r));
	scan_enter_close(&e);
	return r;
}
