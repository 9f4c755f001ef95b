/*
 * Kept-open /proc/PID/stat descriptors: see scan_statfd.h.
 *
 * The table is two arrays of (pid, fd).  "kept" holds the descriptors of
 * the last refresh, sorted by pid; a refresh takes each one out as it
 * reads through it and appends it, with those it opened, to "taken".
 * The sweep closes what is left in kept (tasks gone or no longer
 * listed) and makes taken, sorted, the new kept.  /proc lists pids in
 * rising order, so a cursor finds most entries in a step; threads, whose
 * TIDs interleave with other processes' pids, fall back to a binary search.
 */
#include "config.h"
#include "scan_statfd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "xalloc.h"

struct statfd_entry {
	pid_t	pid;
	int	fd;		/* -1 once taken out */
};

struct statfd_table {
	struct statfd_entry	*kept;		/* sorted by pid */
	size_t			 nkept, kept_pos, kept_cap;
	struct statfd_entry	*taken;		/* this refresh's, walk order */
	size_t			 ntaken, taken_cap;
	size_t			 fd_limit;	/* keep only fds below this */
	size_t			 open;		/* descriptors kept now */
};

/* The soft limit statfd_raise_limit() found; 0: not raised. */
static rlim_t	statfd_saved_soft;

struct statfd_table *
statfd_new(size_t nofile)
{
	struct statfd_table	*t = xcalloc(1, sizeof *t);

	t->fd_limit = nofile > STATFD_RESERVE ? nofile - STATFD_RESERVE : 0;
	return t;
}

static void
statfd_close_all(struct statfd_entry *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].fd >= 0)
			close(v[i].fd);
}

void
statfd_free(struct statfd_table *t)
{
	if (t == NULL)
		return;
	statfd_close_all(t->kept, t->nkept);
	statfd_close_all(t->taken, t->ntaken);
	free(t->kept);
	free(t->taken);
	free(t);
}

static int
statfd_cmp(const void *a, const void *b)
{
	const struct statfd_entry	*x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* pid's entry in kept, or NULL. */
static struct statfd_entry *
statfd_find(struct statfd_table *t, pid_t pid)
{
	struct statfd_entry	key = { .pid = pid, .fd = -1 };

	while (t->kept_pos < t->nkept && t->kept[t->kept_pos].pid < pid)
		t->kept_pos++;
	if (t->kept_pos < t->nkept && t->kept[t->kept_pos].pid == pid)
		return &t->kept[t->kept_pos];
	if (t->kept_pos > 0 && t->kept[t->kept_pos - 1].pid >= pid)
		return bsearch(&key, t->kept, t->kept_pos, sizeof *t->kept,
		    statfd_cmp);
	return NULL;
}

static void
statfd_take(struct statfd_table *t, pid_t pid, int fd)
{
	if (t->ntaken == t->taken_cap) {
		t->taken_cap = t->taken_cap ? t->taken_cap * 2 : 256;
		t->taken = xreallocarray(t->taken, t->taken_cap,
		    sizeof *t->taken);
	}
	t->taken[t->ntaken].pid = pid;
	t->taken[t->ntaken].fd = fd;
	t->ntaken++;
}

/*
 * One read at offset 0, whole: a stat line is far shorter than the
 * buffer, and the kernel gives it in one piece.  Its length, or -1 if
 * the task is gone (ESRCH, or empty: reaped between open and read).
 */
static ssize_t
statfd_pread(int fd, char *buf, size_t size)
{
	ssize_t	n;

	do
		n = pread(fd, buf, size - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

ssize_t
statfd_read(struct statfd_table *t, int dirfd, const char *path, pid_t pid,
    char *buf, size_t size)
{
	struct statfd_entry	*e = statfd_find(t, pid);
	ssize_t			 n;
	int			 fd;

	if (e != NULL && e->fd >= 0) {
		fd = e->fd;
		e->fd = -1;
		if ((n = statfd_pread(fd, buf, size)) > 0) {
			statfd_take(t, pid, fd);
			return n;
		}
		/* Its task is gone; pid may name a new one now. */
		close(fd);
		t->open--;
	}
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	n = statfd_pread(fd, buf, size);
	/*
	 * The kernel gives the lowest free number: one above the limit
	 * means the process (other tables, everything else) has nearly
	 * used its descriptors, and those left are for the rest.
	 */
	if (n > 0 && (size_t)fd < t->fd_limit && t->open < STATFD_KEEP_MAX) {
		statfd_take(t, pid, fd);
		t->open++;
	} else
		close(fd);
	return n;
}

bool
statfd_kept(struct statfd_table *t, pid_t pid)
{
	const struct statfd_entry	*e = statfd_find(t, pid);

	return e != NULL && e->fd >= 0;
}

bool
statfd_may_hold(const struct statfd_table *t, int fd)
{
	return fd >= 0 && (size_t)fd < t->fd_limit / 2;
}

int
statfd_fd(const struct statfd_table *t, pid_t pid)
{
	struct statfd_entry		 key = { .pid = pid, .fd = -1 };
	const struct statfd_entry	*e;

	e = bsearch(&key, t->kept, t->nkept, sizeof *t->kept, statfd_cmp);
	return e != NULL ? e->fd : -1;
}

void
statfd_sweep(struct statfd_table *t)
{
	struct statfd_entry	*v;
	size_t			 i, cap;

	for (i = 0; i < t->nkept; i++)
		if (t->kept[i].fd >= 0) {
			close(t->kept[i].fd);
			t->open--;
		}
	/* Mostly sorted already: sort only when the walk was not. */
	for (i = 1; i < t->ntaken && t->taken[i - 1].pid < t->taken[i].pid;
	    i++)
		;
	if (i < t->ntaken)
		qsort(t->taken, t->ntaken, sizeof *t->taken, statfd_cmp);
	/* The old array, emptied, takes the next refresh's. */
	v = t->kept;
	cap = t->kept_cap;
	t->kept = t->taken;
	t->kept_cap = t->taken_cap;
	t->nkept = t->ntaken;
	t->kept_pos = 0;
	t->taken = v;
	t->taken_cap = cap;
	t->ntaken = 0;
}

size_t
statfd_count(const struct statfd_table *t)
{
	return t->open;
}

size_t
statfd_raise_limit(void)
{
	struct rlimit	rl;
	rlim_t		want = STATFD_KEEP_MAX + STATFD_RESERVE;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 0;
	if (statfd_saved_soft == 0)
		statfd_saved_soft = rl.rlim_cur;
	if (rl.rlim_cur < want && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > SIZE_MAX ?
	    SIZE_MAX : (size_t)rl.rlim_cur;
}

void
statfd_restore_limit(void)
{
	struct rlimit	rl;

	if (statfd_saved_soft == 0 || getrlimit(RLIMIT_NOFILE, &rl) < 0 ||
	    rl.rlim_cur <= statfd_saved_soft)
		return;
	rl.rlim_cur = statfd_saved_soft;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}
