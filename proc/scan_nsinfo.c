/*
 * The hostname of every UTS namespace and the ID maps of every user
 * namespace a snapshot's processes live in, for the scanner (scan.c).
 *
 * A hostname is what uname(2) says inside the namespace, so it is read
 * from inside: the namespace's /proc/PID/ns/uts link of one member is
 * opened (close-on-exec) and checked to be the inode the snapshot holds
 * (a reused PID cannot mislead: the fd pins that namespace), then a
 * short-lived child joins it with setns(2), calls uname(2) and writes
 * the nodename to a pipe.  The scanner may run in a thread beside the
 * explorer's, so the child does nothing but those async-signal-safe
 * system calls and _exit(2).  The parent waits at most
 * SCAN_NSINFO_WAIT_MS for it and kills it after that, so a namespace that
 * cannot be entered costs a bounded time and reads as unknown.  Entering
 * needs CAP_SYS_ADMIN over the namespace: without root only the
 * scanner's own namespace, whose hostname is uname(2)'s, is known.
 *
 * The maps are /proc/PID/uid_map and gid_map of one member, read between
 * two checks that the member's ns/user link is still the inode expected.
 * A map is written once and never changes, so a non-empty one is copied
 * from the base snapshot; a hostname is read again every ctx->revalidate
 * refreshes (staggered by inode), since sethostname(2) may change it.
 * Entering namespaces is the costly part: a refresh spends at most about
 * ctx->budget_ms on it and defers the rest (scan_nsinfo.h).
 * An entry follows its namespace: one that no process names any more is
 * not carried over, so a reused inode is read afresh.
 */
#include "config.h"
#include "scan_nsinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nsinfo.h"
#include "readfile.h"
#include "snapshot.h"
#include "xalloc.h"

#define SCAN_NSINFO_WAIT_MS	500	/* longest wait for one hostname */
#define SCAN_NSINFO_MAP_MAX	(IDMAP_MAX * 36)	/* 3 numbers a line */

uint64_t
scan_nsinfo_self_uts(void)
{
	struct stat	st;

	if (stat("/proc/self/ns/uts", &st) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
}

static int
scan_nsinfo_cmp_member(const void *a, const void *b)
{
	const struct scan_nsinfo_member	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

struct scan_nsinfo_member *
scan_nsinfo_members(const struct snapshot *snap, enum ns_type t, size_t *n)
{
	struct scan_nsinfo_member	*v;
	const struct procinfo		*p;
	size_t				 i, k = 0, u = 0;

	v = xreallocarray(NULL, snap->nprocs + 1, sizeof *v);
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->ns[t] == INODE_UNKNOWN || (p->flags & PI_THREAD) ||
		    p->state == 'Z')
			continue;
		/* Neighbours mostly share one: a run is sorted once. */
		if (k > 0 && v[k - 1].inode == p->ns[t])
			continue;
		v[k].inode = p->ns[t];
		v[k++].pid = p->pid;
	}
	qsort(v, k, sizeof *v, scan_nsinfo_cmp_member);
	for (i = 0; i < k; i++)
		if (u == 0 || v[u - 1].inode != v[i].inode)
			v[u++] = v[i];
	*n = u;
	return v;
}

/* --- hostnames --------------------------------------------------------- */

/* In the child: join the namespace, write the nodename, exit. */
static void __attribute__((noreturn))
scan_nsinfo_child(int nsfd, int wfd)
{
	struct utsname	u;
	size_t		len = 0;

	if (setns(nsfd, CLONE_NEWUTS) < 0 || uname(&u) < 0)
		_exit(1);
	while (len < sizeof u.nodename && u.nodename[len] != '\0')
		len++;
	_exit(write(wfd, u.nodename, len) == (ssize_t)len ? 0 : 1);
}

static long
scan_nsinfo_ms_since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Read what the child writes to rfd into out (HOSTNAME_MAX), then reap
 * it; true if it exited 0 in time.  A child still running after the
 * wait is killed.
 */
static bool
scan_nsinfo_collect(int rfd, pid_t child, char *out)
{
	struct pollfd	pfd = { .fd = rfd, .events = POLLIN };
	struct timespec	t0;
	size_t		len = 0;
	ssize_t		n = 1;
	long		left;
	int		status = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (n != 0 && len < HOSTNAME_MAX - 1) {
		left = SCAN_NSINFO_WAIT_MS - scan_nsinfo_ms_since(&t0);
		if (left <= 0 || (poll(&pfd, 1, (int)left) < 0 &&
		    errno != EINTR))
			break;
		if (!(pfd.revents & (POLLIN | POLLHUP)))
			continue;
		n = read(rfd, out + len, HOSTNAME_MAX - 1 - len);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0)
			len += (size_t)n;
	}
	out[len] = '\0';
	if (n != 0)
		kill(child, SIGKILL);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	return n == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The hostname of UTS namespace inode, through member pid; false: unknown. */
static bool
scan_nsinfo_hostname(pid_t pid, uint64_t inode, char *out)
{
	struct stat	st;
	char		path[48];
	pid_t		child;
	bool		ok = false;
	int		nsfd, pfd[2];

	snprintf(path, sizeof path, "/proc/%d/ns/uts", (int)pid);
	if ((nsfd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	if (fstat(nsfd, &st) < 0 || (uint64_t)st.st_ino != inode ||
	    pipe2(pfd, O_CLOEXEC) < 0) {
		close(nsfd);
		return false;
	}
	child = fork();
	if (child == 0)
		scan_nsinfo_child(nsfd, pfd[1]);
	close(nsfd);
	close(pfd[1]);
	if (child > 0)
		ok = scan_nsinfo_collect(pfd[0], child, out);
	close(pfd[0]);
	return ok;
}

/* Fill u (inode set) by reading, or leave it unknown. */
static void
scan_nsinfo_read_uts(const struct scan_nsinfo_ctx *ctx,
    struct utsns_info *u, pid_t pid)
{
	struct utsname	un;

	if (u->inode == ctx->self_uts) {
		u->known = uname(&un) == 0;
		if (u->known)
			snprintf(u->hostname, sizeof u->hostname, "%s",
			    un.nodename);
		return;
	}
	if (ctx->privileged)
		u->known = scan_nsinfo_hostname(pid, u->inode, u->hostname);
	if (!u->known)
		u->hostname[0] = '\0';
}

/*
 * Whether a hostname not read yet (or due again) is read now: always on
 * the first snapshot and for our own namespace, else while the refresh
 * is within its budget, and at least one per refresh, so that every
 * deferred one is read in the end whatever the budget.
 */
static bool
scan_nsinfo_may_read(const struct scan_nsinfo_ctx *ctx, bool first,
    uint64_t inode, const struct scan_nsinfo_stats *st, long spent)
{
	return first || inode == ctx->self_uts || st->read == 0 ||
	    spent < (long)ctx->budget_ms;
}

static void
scan_nsinfo_fill_uts(const struct scan_nsinfo_ctx *ctx,
    struct snapshot *snap, const struct snapshot *base,
    struct scan_nsinfo_stats *st)
{
	struct scan_nsinfo_member	*m;
	const struct utsns_info		*old;
	struct utsns_info		*u;
	size_t				 n, i;
	struct timespec			 t0;

	m = scan_nsinfo_members(snap, NS_UTS, &n);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		u = snapshot_add_utsns(snap, m[i].inode);
		old = base != NULL ? nsinfo_uts(base, m[i].inode) : NULL;
		if (old != NULL && !old->deferred &&
		    (ctx->gen + m[i].inode) % ctx->revalidate != 0)
			*u = *old;
		else if (scan_nsinfo_may_read(ctx, base == NULL, m[i].inode,
		    st, scan_nsinfo_ms_since(&t0))) {
			scan_nsinfo_read_uts(ctx, u, m[i].pid);
			st->read++;
		} else if (old != NULL && !old->deferred)
			*u = *old;	/* read again at its next turn */
		else {
			u->deferred = true;
			st->deferred++;
		}
	}
	st->ms = scan_nsinfo_ms_since(&t0);
	free(m);
}

/* --- ID maps ----------------------------------------------------------- */

/* Parse a uid_map or gid_map ("inside outside count" lines) into m. */
static void
scan_nsinfo_parse_map(struct snapshot *snap, struct idmap *m, char *text)
{
	struct idmap_extent	 v[IDMAP_MAX];
	unsigned long		 in, out, count;
	char			*line, *save = NULL;
	size_t			 n = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL && n < IDMAP_MAX;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%lu %lu %lu", &in, &out, &count) != 3 ||
		    in > UINT32_MAX || out > UINT32_MAX || count > UINT32_MAX)
			continue;
		v[n].inside = (uint32_t)in;
		v[n].outside = (uint32_t)out;
		v[n++].count = (uint32_t)count;
	}
	snapshot_set_idmap(snap, m, v, n);
}

/* Read dirfd/name (a map) into m; left unknown if it cannot be read. */
static void
scan_nsinfo_read_map(struct snapshot *snap, int dirfd, const char *name,
    struct idmap *m)
{
	char	*text;
	size_t	 len;
	bool	 truncated;
	int	 err;

	text = readfile_bounded(dirfd, name, SCAN_NSINFO_MAP_MAX, &len,
	    &truncated, &err);
	if (text == NULL)
		return;
	scan_nsinfo_parse_map(snap, m, text);
	free(text);
}

/* The ns/user inode of the process dirfd is, or INODE_UNKNOWN. */
static uint64_t
scan_nsinfo_userns_of(int dirfd)
{
	struct stat	st;

	if (fstatat(dirfd, "ns/user", &st, 0) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
}

/* Read u's maps (inode set) through member pid. */
static void
scan_nsinfo_read_user(struct snapshot *snap, struct userns_info *u, pid_t pid)
{
	char	path[32];
	int	dirfd;

	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return;
	if (scan_nsinfo_userns_of(dirfd) == u->inode) {
		scan_nsinfo_read_map(snap, dirfd, "uid_map", &u->uid_map);
		scan_nsinfo_read_map(snap, dirfd, "gid_map", &u->gid_map);
		/* Gone, and its PID reused, between the two checks? */
		if (scan_nsinfo_userns_of(dirfd) != u->inode)
			u->uid_map.known = u->gid_map.known = false;
	}
	close(dirfd);
}

static void
scan_nsinfo_fill_user(struct snapshot *snap, const struct snapshot *base)
{
	struct scan_nsinfo_member	*m;
	const struct userns_info	*old;
	struct userns_info		*u;
	size_t				 n, i;

	m = scan_nsinfo_members(snap, NS_USER, &n);
	for (i = 0; i < n; i++) {
		u = snapshot_add_userns(snap, m[i].inode);
		old = base != NULL ? nsinfo_user(base, m[i].inode) : NULL;
		if (old != NULL && old->uid_map.n > 0 && old->gid_map.n > 0) {
			snapshot_set_idmap(snap, &u->uid_map, old->uid_map.v,
			    old->uid_map.n);
			snapshot_set_idmap(snap, &u->gid_map, old->gid_map.v,
			    old->gid_map.n);
		} else
			scan_nsinfo_read_user(snap, u, m[i].pid);
	}
	free(m);
}

void
scan_nsinfo_fill(const struct scan_nsinfo_ctx *ctx, struct snapshot *snap,
    const struct snapshot *base, struct scan_nsinfo_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	scan_nsinfo_fill_uts(ctx, snap, base, stats);
	scan_nsinfo_fill_user(snap, base);
}
