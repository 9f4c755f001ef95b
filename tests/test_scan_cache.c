/*
 * Live tier: the scanner's per-identity cache must not go stale.  A
 * process that changes its signal dispositions, or execs into a program
 * with the same comm, between two refreshes of one scanner is seen with
 * the new details within SCAN_REVALIDATE refreshes.
 *
 * The stat files the scanner keeps open between refreshes: one per
 * process, closed when it is reaped, never read for the new process
 * that reuses its PID (needs root, for ns_last_pid), and fewer when
 * RLIMIT_NOFILE is low, with the same processes seen.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define REFRESHES_AT_MOST	(SCAN_REVALIDATE + 1)

struct child {
	pid_t	pid;
	int	cmd;		/* write end: tell it to act */
	int	ack;		/* read end: it acted */
};

/*
 * A child in its own process group that, on command, ignores SIGUSR1
 * without using measurable CPU, then sleeps.
 */
static int
child_start(struct child *c)
{
	int	to[2], from[2];
	char	b;

	if (pipe(to) < 0 || pipe(from) < 0)
		return -errno;
	c->pid = fork();
	if (c->pid < 0)
		return -errno;
	if (c->pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(to[1]);
		close(from[0]);
		if (read(to[0], &b, 1) == 1) {
			signal(SIGUSR1, SIG_IGN);
			(void)!write(from[1], "k", 1);
		}
		for (;;)
			pause();
	}
	setpgid(c->pid, c->pid);
	close(to[0]);
	close(from[1]);
	c->cmd = to[1];
	c->ack = from[0];
	return 0;
}

static void
child_stop(struct child *c)
{
	if (c->pid > 0) {
		kill(-c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	close(c->cmd);
	close(c->ack);
}

static const struct procinfo *
find(const struct snapshot *s, pid_t pid)
{
	return s != NULL ? snapshot_find(s, pid) : NULL;
}

static void
test_signal_disposition_change(void)
{
	const uint64_t		 bit = UINT64_C(1) << (SIGUSR1 - 1);
	struct scanner		*sc;
	struct snapshot		*s, *next;
	const struct procinfo	*p;
	struct child		 c;
	char			*cause = NULL, b;
	int			 n, seen_at = -1;

	CU_ASSERT_FATAL(child_start(&c) == 0);
	sc = scan_open(SCAN_SIGNALS, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	s = scan_refresh(sc, NULL, &cause);
	p = find(s, c.pid);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL) {
		CU_ASSERT(p->sig != NULL);
		CU_ASSERT(p->sig != NULL && !(p->sig->ignored & bit));
	}

	CU_ASSERT(write(c.cmd, "x", 1) == 1);
	CU_ASSERT(read(c.ack, &b, 1) == 1);
	for (n = 1; n <= REFRESHES_AT_MOST && seen_at < 0; n++) {
		/* Each refresh carries details over from the one before. */
		next = scan_refresh(sc, s, &cause);
		snapshot_free(s);
		s = next;
		p = find(s, c.pid);
		if (p != NULL && p->sig != NULL && (p->sig->ignored & bit))
			seen_at = n;
	}
	snapshot_free(s);
	if (seen_at < 0)
		fprintf(stderr, "SIGUSR1 still not ignored after %d "
		    "refreshes: the cache is stale\n", REFRESHES_AT_MOST);
	CU_ASSERT(seen_at > 0);
	scan_close(sc);
	free(cause);
	child_stop(&c);
}

/* The uncached scanner sees the change on the very next refresh. */
static void
test_nocache_sees_change_at_once(void)
{
	const uint64_t		 bit = UINT64_C(1) << (SIGUSR1 - 1);
	struct scanner		*sc;
	struct snapshot		*s, *first;
	const struct procinfo	*p;
	struct child		 c;
	char			*cause = NULL, b;

	CU_ASSERT_FATAL(child_start(&c) == 0);
	sc = scan_open(SCAN_NOCACHE | SCAN_SIGNALS, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	first = scan_refresh(sc, NULL, &cause);
	CU_ASSERT(write(c.cmd, "x", 1) == 1);
	CU_ASSERT(read(c.ack, &b, 1) == 1);
	s = scan_refresh(sc, first, &cause);
	p = find(s, c.pid);
	CU_ASSERT(p != NULL && p->sig != NULL && (p->sig->ignored & bit));
	snapshot_free(first);
	snapshot_free(s);
	scan_close(sc);
	free(cause);
	child_stop(&c);
}

/*
 * A child in its own process group named name (its comm), paused; back
 * once it has its name.
 */
static pid_t
named_sleeper(const char *name)
{
	pid_t	pid;
	int	fd[2];
	char	b;

	if (pipe(fd) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, name);
		(void)!write(fd[1], "k", 1);
		for (;;)
			pause();
	}
	if (pid > 0) {
		setpgid(pid, pid);
		if (read(fd[0], &b, 1) != 1)
			pid = -1;
	}
	close(fd[0]);
	close(fd[1]);
	return pid;
}

static void
sleeper_end(pid_t pid)
{
	if (pid > 0) {
		kill(-pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* The descriptors of ours open on a /proc/PID/stat file. */
static size_t
count_stat_fds(void)
{
	char	path[64], link[128];
	size_t	n = 0;
	ssize_t	len;
	int	fd;

	for (fd = 0; fd < 70000; fd++) {
		if (fcntl(fd, F_GETFD) < 0)
			continue;
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		len = readlink(path, link, sizeof link - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		if (strncmp(link, "/proc/", 6) == 0 &&
		    strcmp(link + len - 5, "/stat") == 0)
			n++;
	}
	return n;
}

/* Kept open from one refresh to the next, one per process, closed on exit. */
static void
test_stat_files_kept_open(void)
{
	struct scanner		*sc;
	struct snapshot		*s1, *s2;
	struct scan_stats	 st;
	struct rlimit		 rl;
	char			*cause = NULL;
	pid_t			 pid;
	size_t			 before;

	pid = named_sleeper("tt-kept");
	CU_ASSERT_FATAL(pid > 0);
	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	s1 = scan_refresh(sc, NULL, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
	st = scan_get_stats(sc);
	/*
	 * Every process, less those gone since, or as many as the
	 * descriptor limit leaves (scan_open() raised it).
	 */
	CU_ASSERT_FATAL(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	TU_CHECK_MSG((st.kept_open + 8 >= s1->nprocs ||
	    st.kept_open + 256 + 64 >= rl.rlim_cur) && st.kept_open <=
	    s1->nprocs + 8, "%zu kept for %zu", st.kept_open, s1->nprocs);
	before = count_stat_fds();
	TU_CHECK_MSG(before == st.kept_open, "%zu open, %zu said",
	    before, st.kept_open);
	CU_ASSERT(find(s1, pid) != NULL);
	sleeper_end(pid);
	s2 = scan_refresh(sc, s1, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	CU_ASSERT(find(s2, pid) == NULL);
	/* Its descriptor is closed: one fewer, give or take the machine's. */
	TU_CHECK_MSG(count_stat_fds() == scan_get_stats(sc).kept_open,
	    "%zu open, %zu said", count_stat_fds(),
	    scan_get_stats(sc).kept_open);
	snapshot_free(s1);
	snapshot_free(s2);
	scan_close(sc);
	CU_ASSERT(count_stat_fds() == 0);
	free(cause);
}

/*
 * A PID reused between two refreshes: the new process is read, not the
 * old one's descriptor (which fails once its task is reaped).
 */
static void
test_reused_pid_read_afresh(void)
{
	struct scanner		*sc;
	struct snapshot		*s1, *s2;
	const struct procinfo	*p;
	char			*cause = NULL;
	pid_t			 old, pid = -1;
	uint64_t		 start;
	int			 i;

	if (geteuid() != 0) {
		/* make check as a user: the rest of the suite still runs. */
		printf("\n    not root: PID reuse (ns_last_pid) not tried\n");
		return;
	}
	old = named_sleeper("tt-old");
	CU_ASSERT_FATAL(old > 0);
	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	s1 = scan_refresh(sc, NULL, &cause);
	CU_ASSERT_FATAL(find(s1, old) != NULL);
	sleeper_end(old);
	for (i = 0; i < 200 && pid != old; i++) {
		sleeper_end(pid);
		CU_ASSERT_FATAL(testutil_set_next_pid(old));
		pid = named_sleeper("tt-new");
		CU_ASSERT_FATAL(pid > 0);
	}
	TU_CHECK_MSG(pid == old, "PID %d not reused in 200 tries", (int)old);
	s2 = scan_refresh(sc, s1, &cause);
	p = find(s2, old);
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT(p != NULL && strcmp(p->comm, "tt-new") == 0);
	CU_ASSERT(p != NULL && scan_start_ticks(old, &start) == 0 &&
	    p->start_ticks == start);
	snapshot_free(s1);
	snapshot_free(s2);
	scan_close(sc);
	sleeper_end(pid);
	free(cause);
}

/*
 * In a child whose RLIMIT_NOFILE is 300 for good: at most 300 - 256
 * kept, the same processes listed as a scanner with room sees (the
 * child's exit status says which check failed).
 */
static int
low_limit_child(void)
{
	struct rlimit		 rl = { 300, 300 };
	struct scanner		*sc;
	struct snapshot		*s1, *s2;
	char			*cause = NULL;
	pid_t			 many[64];
	int			 i;

	/* More processes than descriptors to keep, wherever this runs. */
	for (i = 0; i < 64; i++)
		if ((many[i] = named_sleeper("tt-many")) < 0)
			return 9;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 10;
	if ((sc = scan_open(0, &cause)) == NULL)
		return 11;
	s1 = scan_refresh(sc, NULL, &cause);
	s2 = scan_refresh(sc, s1, &cause);
	if (s1 == NULL || s2 == NULL)
		return 12;
	if (scan_get_stats(sc).kept_open > 300 - 256)
		return 13;
	/* Every one of ours, kept or read afresh. */
	if (find(s2, getpid()) == NULL || find(s2, getppid()) == NULL)
		return 14;
	/* Counts alone would depend on what else runs beside. */
	for (i = 0; i < 64; i++)
		if (find(s1, many[i]) == NULL || find(s2, many[i]) == NULL)
			return 15;
	if (s2->nprocs < 64)
		return 16;
	snapshot_free(s1);
	snapshot_free(s2);
	scan_close(sc);
	/* The sleepers are in their own groups; they die with us (PDEATHSIG). */
	return 0;
}

static void
test_low_fd_limit(void)
{
	pid_t	pid;
	int	status = -1;

	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		_exit(low_limit_child());
	CU_ASSERT(waitpid(pid, &status, 0) == pid);
	TU_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %d", status);
}

/* A short delay spaces the re-reads of idle details out to a minute. */
static void
test_revalidate_period(void)
{
	struct scanner	*sc;
	char		*cause = NULL;

	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	CU_ASSERT_EQUAL(scan_revalidate_period(sc), SCAN_REVALIDATE);
	scan_set_delay(sc, 1.5);	/* 64 refreshes are 96 s */
	CU_ASSERT_EQUAL(scan_revalidate_period(sc), SCAN_REVALIDATE);
	scan_set_delay(sc, 0.2);	/* a minute is 300 refreshes */
	CU_ASSERT_EQUAL(scan_revalidate_period(sc), 300);
	scan_set_delay(sc, 0.001);
	CU_ASSERT_EQUAL(scan_revalidate_period(sc), SCAN_REVALIDATE_MAX);
	scan_set_delay(sc, 0);
	CU_ASSERT_EQUAL(scan_revalidate_period(sc), SCAN_REVALIDATE);
	scan_close(sc);
	free(cause);
}

/*
 * After scan_hint_births() a refresh lists no /proc directory: it finds
 * the processes the last one found, less one that exited, and the birth
 * it was told of, not one it was not told of; the next refresh, with no
 * hint, lists /proc and finds that one too.
 */
static void
test_hinted_births(void)
{
	struct scanner	*sc;
	struct snapshot	*s0, *s1, *s2;
	struct child	 gone, told, untold;
	char		*cause = NULL;

	CU_ASSERT_FATAL(child_start(&gone) == 0);
	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	s0 = scan_refresh(sc, NULL, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s0);
	CU_ASSERT(scan_get_stats(sc).listed);
	CU_ASSERT(find(s0, gone.pid) != NULL);
	child_stop(&gone);
	CU_ASSERT_FATAL(child_start(&told) == 0);
	CU_ASSERT_FATAL(child_start(&untold) == 0);
	scan_hint_births(sc, &told.pid, 1);
	s1 = scan_refresh(sc, s0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
	CU_ASSERT_FALSE(scan_get_stats(sc).listed);
	CU_ASSERT(find(s1, getpid()) != NULL);
	CU_ASSERT(find(s1, told.pid) != NULL);
	TU_CHECK_MSG(find(s1, untold.pid) == NULL, "pid %d was found "
	    "without listing /proc or a hint", (int)untold.pid);
	if (gone.pid != told.pid && gone.pid != untold.pid)
		CU_ASSERT(find(s1, gone.pid) == NULL);
	s2 = scan_refresh(sc, s1, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	CU_ASSERT(scan_get_stats(sc).listed);
	CU_ASSERT(find(s2, told.pid) != NULL && find(s2, untold.pid) != NULL);
	snapshot_free(s0);
	snapshot_free(s1);
	snapshot_free(s2);
	scan_close(sc);
	child_stop(&told);
	child_stop(&untold);
	free(cause);
}

static const struct runner_test tests[] = {
	{ "signal disposition change is seen",
	    test_signal_disposition_change },
	{ "uncached scan sees it at once", test_nocache_sees_change_at_once },
	{ "stat files kept open, closed on exit", test_stat_files_kept_open },
	{ "a reused PID is read afresh", test_reused_pid_read_afresh },
	{ "a low descriptor limit keeps fewer", test_low_fd_limit },
	{ "a short delay re-reads idle details each minute",
	    test_revalidate_period },
	{ "hinted births: no listing of /proc", test_hinted_births },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("scan_cache", NULL, NULL, tests);

	testutil_require_proc();
	return runner_run(&suite, 1);
}
