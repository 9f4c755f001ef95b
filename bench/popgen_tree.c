/*
 * popgen's population side: what runs in the processes it creates.  Each
 * tree node forks its children, then its share of the zombies, orphans,
 * PID-namespace groups and threads, reports '+' on the ready pipe and
 * sleeps.  Errors report 'E' and end the process; the main process then
 * tears everything down.
 */
#include "config.h"
#include "popgen.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
	POPGEN_THREAD_STACK = 64 * 1024	/* bytes per extra thread */
};

/* Tell P that this process is ready ('+') or failed ('E'). */
static void
popgen_report(const struct popgen_shape *sh, char c)
{
	while (write(sh->ready_fd, &c, 1) < 0 && errno == EINTR)
		;
}

static void __attribute__((noreturn))
popgen_fail(const struct popgen_shape *sh, const char *what)
{
	fprintf(stderr, "popgen: %s (pid %d): %s\n", what, (int)getpid(),
	    strerror(errno));
	popgen_report(sh, 'E');
	_exit(1);	/* our children follow through PR_SET_PDEATHSIG */
}

static void __attribute__((noreturn))
popgen_sleep_forever(void)
{
	for (;;)
		pause();
}

void
popgen_child_init(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
}

/* The items [*first, *last) of total that node i of n owns. */
static void
popgen_share(long i, long n, long total, long *first, long *last)
{
	*first = i * total / n;
	*last = (i + 1) * total / n;
}

/* fork() into a new PID namespace: the child is its init (pid 1). */
static pid_t
popgen_fork_ns(void)
{
	return (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
}

/* A plain sleeper: reports and pauses. */
static void
popgen_spawn_sleeper(const struct popgen_shape *sh)
{
	pid_t	self = getpid(), pid;

	if ((pid = fork()) < 0)
		popgen_fail(sh, "fork (sleeper)");
	if (pid == 0) {
		popgen_child_init(self);
		popgen_report(sh, '+');
		popgen_sleep_forever();
	}
}

/*
 * Init of a PID namespace holding size processes, itself included.  At
 * level 1, half of the rest go into a second namespace nested in this one.
 */
static void __attribute__((noreturn))
popgen_ns_init(const struct popgen_shape *sh, long size, int level)
{
	long	rest = size - 1, nested = 0, i;
	pid_t	pid;

	if (level == 1 && rest >= 1)
		nested = rest - rest / 2;
	for (i = 0; i < rest - nested; i++)
		popgen_spawn_sleeper(sh);
	if (nested > 0) {
		if ((pid = popgen_fork_ns()) < 0)
			popgen_fail(sh, "clone(CLONE_NEWPID)");
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			popgen_ns_init(sh, nested, level + 1);
		}
	}
	popgen_report(sh, '+');
	popgen_sleep_forever();
}

static void *
popgen_thread(void *arg)
{
	(void)arg;
	popgen_sleep_forever();
}

static void
popgen_add_threads(const struct popgen_shape *sh, long count)
{
	pthread_attr_t	attr;
	pthread_t	t;
	long		i;
	int		rc;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, POPGEN_THREAD_STACK);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < count; i++) {
		rc = pthread_create(&t, &attr, popgen_thread, NULL);
		if (rc != 0) {
			errno = rc;
			popgen_fail(sh, "pthread_create");
		}
	}
	pthread_attr_destroy(&attr);
}

static void
popgen_add_zombie(const struct popgen_shape *sh)
{
	siginfo_t	si;
	pid_t		pid;

	if ((pid = fork()) < 0)
		popgen_fail(sh, "fork (zombie)");
	if (pid == 0) {
		popgen_report(sh, '+');
		_exit(0);
	}
	/* Wait until it is a zombie, but leave it unreaped. */
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR)
			popgen_fail(sh, "waitid (zombie)");
}

static void
popgen_add_orphan(const struct popgen_shape *sh)
{
	pid_t	self = getpid(), mid, pid;
	int	status;

	if ((mid = fork()) < 0)
		popgen_fail(sh, "fork (orphan's parent)");
	if (mid == 0) {
		popgen_child_init(self);
		if ((pid = fork()) < 0)
			popgen_fail(sh, "fork (orphan)");
		if (pid == 0) {
			/* No death signal until P has adopted us. */
			while (getppid() != sh->main_pid)
				usleep(1000);
			popgen_child_init(sh->main_pid);
			popgen_report(sh, '+');
			popgen_sleep_forever();
		}
		_exit(0);
	}
	while (waitpid(mid, &status, 0) < 0)
		if (errno != EINTR)
			popgen_fail(sh, "waitpid (orphan's parent)");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = ECHILD;
		popgen_fail(sh, "orphan's parent failed");
	}
}

void
popgen_node(const struct popgen_shape *sh, long idx)
{
	long	first, last, i, f, l, g, gf, gl, ngroups, nowners;
	pid_t	self = getpid(), pid;

	if (idx == 0) {
		first = 1;
		last = 1 + sh->width;
	} else {
		first = 1 + sh->width + (idx - 1) * sh->fanout;
		last = first + sh->fanout;
	}
	if (last > sh->n)
		last = sh->n;
	for (i = first; i < last; i++) {
		if ((pid = fork()) < 0)
			popgen_fail(sh, "fork (tree)");
		if (pid == 0) {
			popgen_child_init(self);
			popgen_node(sh, i);
		}
	}
	popgen_share(idx, sh->n, sh->zombies, &f, &l);
	for (i = f; i < l; i++)
		popgen_add_zombie(sh);
	popgen_share(idx, sh->n, sh->orphans, &f, &l);
	for (i = f; i < l; i++)
		popgen_add_orphan(sh);
	ngroups = (sh->pidns + POPGEN_NS_GROUP - 1) / POPGEN_NS_GROUP;
	popgen_share(idx, sh->n, ngroups, &f, &l);
	for (g = f; g < l; g++) {
		popgen_share(g, ngroups, sh->pidns, &gf, &gl);
		if ((pid = popgen_fork_ns()) < 0)
			popgen_fail(sh, "clone(CLONE_NEWPID)");
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			popgen_ns_init(sh, gl - gf, 1);
		}
	}
	nowners = (sh->threads + POPGEN_THREADS_PER_PROC - 1) /
	    POPGEN_THREADS_PER_PROC;
	if (nowners > sh->n)
		nowners = sh->n;
	popgen_share(idx, sh->n, nowners, &f, &l);
	if (f < l) {
		popgen_share(f, nowners, sh->threads, &f, &l);
		popgen_add_threads(sh, l - f);
	}
	popgen_report(sh, '+');
	popgen_sleep_forever();
}
