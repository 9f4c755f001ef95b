/*
 * The deep chain of livedeep.h.  Link code only makes system calls and
 * writes to the shared pid table; it never returns.  Errors travel to the
 * test through a pipe as a negative errno in place of a pid.
 */
#include "config.h"
#include "livedeep.h"
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIVEDEEP_STACK		(16 * 1024)	/* per link after the first */
#define LIVEDEEP_WAIT_MS	60000
#define LIVEDEEP_POLL_US	2000

/* In the first link's memory, which every later link shares. */
struct livedeep_ctx {
	pid_t	*pids;		/* the test's shared table */
	size_t	 n;
	char	*stacks;	/* n slices of LIVEDEEP_STACK */
	int	 fd;		/* report pipe */
};

struct livedeep_link {
	struct livedeep_ctx	*ctx;
	size_t			 k;
};

/* In the reaper only: the group to kill when the test goes away. */
static volatile pid_t	livedeep_group;

static void
livedeep_report(int fd, pid_t v)
{
	ssize_t	n;

	do
		n = write(fd, &v, sizeof v);
	while (n < 0 && errno == EINTR);
}

/* Link k: record itself, start link k + 1 (or report, if last), sleep. */
static int
livedeep_link_main(void *arg)
{
	struct livedeep_link	*l = arg;
	struct livedeep_ctx	*c = l->ctx;
	pid_t			 me = getpid(), r;

	c->pids[l->k] = me;
	if (l->k + 1 < c->n) {
		/* Slice k + 1 is the next link's stack; it grows down. */
		r = clone(livedeep_link_main,
		    c->stacks + (l->k + 2) * LIVEDEEP_STACK, CLONE_VM | SIGCHLD,
		    l + 1);
		if (r < 0)
			livedeep_report(c->fd, -errno);
	} else
		livedeep_report(c->fd, me);
	close(c->fd);	/* the next link has its own copy */
	for (;;)
		pause();
	return 0;
}

/* The first link, forked by the reaper: the memory the others share. */
static void __attribute__((noreturn))
livedeep_first(int fd, pid_t *pids, size_t n)
{
	struct livedeep_link	*links;
	struct livedeep_ctx	*c;
	void			*m;
	size_t			 k;

	setpgid(0, 0);
	prctl(PR_SET_NAME, "deep-link", 0, 0, 0);
	m = mmap(NULL, sizeof *c + n * sizeof *links, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		livedeep_report(fd, -errno);
		_exit(1);
	}
	c = m;
	links = (struct livedeep_link *)(c + 1);
	c->stacks = mmap(NULL, n * LIVEDEEP_STACK, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
	if (c->stacks == MAP_FAILED) {
		livedeep_report(fd, -errno);
		_exit(1);
	}
	c->pids = pids;
	c->n = n;
	c->fd = fd;
	for (k = 0; k < n; k++) {
		links[k].ctx = c;
		links[k].k = k;
	}
	livedeep_link_main(&links[0]);
	_exit(0);
}

static void
livedeep_on_term(int sig)
{
	(void)sig;
	if (livedeep_group > 0)
		kill(-livedeep_group, SIGKILL);
}

/*
 * The reaper: a child subreaper over the chain, so every link comes to it
 * when its parent dies.  When the test dies (or the lifetime ends) it
 * kills the chain; it exits once it has reaped every link.
 */
static void __attribute__((noreturn))
livedeep_reaper(int fd, pid_t *pids, size_t n, pid_t test)
{
	pid_t	first;

	setpgid(0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	signal(SIGTERM, livedeep_on_term);
	signal(SIGALRM, livedeep_on_term);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	if (getppid() != test)
		_exit(1);
	alarm(LIVEDEEP_LIFETIME);
	if ((first = fork()) == 0)
		livedeep_first(fd, pids, n);
	if (first < 0) {
		livedeep_report(fd, -errno);
		_exit(1);
	}
	setpgid(first, first);		/* the link does it too: no race */
	livedeep_group = first;
	livedeep_report(fd, first);
	close(fd);
	if (getppid() != test)
		livedeep_on_term(SIGTERM);
	for (;;)
		if (waitpid(-1, NULL, 0) < 0 && errno == ECHILD)
			_exit(0);
}

/* One pid_t from fd before the deadline: the value, or -errno. */
static pid_t
livedeep_read(int fd, int64_t deadline)
{
	struct pollfd	 pfd = { .fd = fd, .events = POLLIN };
	pid_t		 v;
	char		*p = (char *)&v;
	size_t		 off = 0;
	ssize_t		 n;
	int64_t		 left;

	while (off < sizeof v) {
		if ((left = deadline - testutil_now_ms()) <= 0)
			return -ETIMEDOUT;
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n <= 0)
			continue;
		n = read(fd, p + off, sizeof v - off);
		if (n == 0)
			return -EPIPE;
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0)
			off += (size_t)n;
	}
	return v;
}

int
livedeep_start(struct livedeep *d, size_t n)
{
	int64_t	deadline = testutil_now_ms() + LIVEDEEP_WAIT_MS;
	pid_t	pid, v;
	int	fds[2], err;

	memset(d, 0, sizeof *d);
	if (n == 0)
		return -EINVAL;
	d->pids = mmap(NULL, n * sizeof *d->pids, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (d->pids == MAP_FAILED) {
		d->pids = NULL;
		return -errno;
	}
	d->n = n;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid = getpid();
	if ((v = fork()) == 0) {
		close(fds[0]);
		livedeep_reaper(fds[1], d->pids, n, pid);
	}
	err = errno;
	close(fds[1]);
	if (v < 0) {
		close(fds[0]);
		return -err;
	}
	d->reaper = v;
	setpgid(v, v);
	if ((v = livedeep_read(fds[0], deadline)) > 0) {
		d->group = v;
		v = livedeep_read(fds[0], deadline);
	}
	close(fds[0]);
	if (v < 0)
		return v;
	return v == d->pids[n - 1] ? 0 : -EPROTO;
}

int
livedeep_stop(struct livedeep *d)
{
	int64_t	deadline = testutil_now_ms() + LIVEDEEP_WAIT_MS;
	bool	left;

	if (d->group > 0)
		kill(-d->group, SIGKILL);
	if (d->reaper > 0)
		kill(d->reaper, SIGTERM);	/* kills its group too */
	/* The reaper collects the links, then exits; we collect it. */
	for (;;) {
		if (d->reaper > 0 && waitpid(d->reaper, NULL, WNOHANG) ==
		    d->reaper)
			d->reaper = 0;
		/* Links that came to us because the reaper went first. */
		while (d->group > 0 && waitpid(-d->group, NULL, WNOHANG) > 0)
			continue;
		left = d->reaper > 0 || (d->group > 0 &&
		    (kill(-d->group, 0) == 0 || errno != ESRCH));
		if (!left || testutil_now_ms() > deadline)
			break;
		usleep(LIVEDEEP_POLL_US);
	}
	if (left) {
		if (d->reaper > 0)
			kill(d->reaper, SIGKILL);
		return -EBUSY;
	}
	d->group = 0;
	if (d->pids != NULL)
		munmap(d->pids, d->n * sizeof *d->pids);
	d->pids = NULL;
	d->n = 0;
	return 0;
}
