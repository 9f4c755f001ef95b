/*
 * Live tier: the time a refresh may spend reading UTS hostnames.  Each
 * hostname is read by entering the namespace in a short-lived child, so
 * a burst of new namespaces would slow a refresh without the budget
 * (scan_set_hostname_budget()).  Here a batch of NS_BATCH processes,
 * each alone in a UTS namespace with a hostname of its own (unshare(2),
 * sethostname(2)), appears between two refreshes of one scanner:
 *
 * - the first snapshot (no base: a one-shot --json) reads them all;
 * - with a budget of 5 ms, the next refresh defers some (the count can
 *   only be 0 if the budget is not applied), shows the deferred ones as
 *   unknown rather than stale, and every hostname is known, and right,
 *   after a bounded number of refreshes (each reads at least one);
 * - with the default budget, the time the refresh spends on hostnames
 *   stays within the budget plus one hostname's wait (generous margin),
 *   and the deferred ones, if any, come in the next refreshes.
 *
 * Needs root (entering a namespace needs CAP_SYS_ADMIN).  Every process
 * started here is in one process group, killed whole at exit, and dies
 * with the test (PR_SET_PDEATHSIG) however that ends.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/nsinfo.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define NS_BATCH	64	/* new UTS namespaces at once */
#define NS_MAX		(2 * NS_BATCH)
/* Less than NS_BATCH hostnames take: each is a fork and a wait. */
#define TINY_BUDGET_MS	5
/* The default budget, one hostname's wait (scan_nsinfo.c), a margin. */
#define DEFAULT_LIMIT_MS	(200 + 500 + 500)

struct member {
	pid_t		pid;
	uint64_t	uts;		/* its UTS namespace's inode */
	char		host[16];	/* the hostname it set */
};

static struct member	members[NS_MAX];
static size_t		nmembers;
static pid_t		group;		/* the process group of them all */

/* The inode of /proc/PID/ns/uts, or INODE_UNKNOWN. */
static uint64_t
uts_inode(pid_t pid)
{
	char		path[48];
	struct stat	st;

	snprintf(path, sizeof path, "/proc/%d/ns/uts", (int)pid);
	return stat(path, &st) == 0 ? (uint64_t)st.st_ino : INODE_UNKNOWN;
}

/* In a child: a UTS namespace and hostname of its own; "1" once set. */
static void __attribute__((noreturn))
member_main(const char *host, int ack)
{
	/* gone with the test, however it ends */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() == 1 ||
	    unshare(CLONE_NEWUTS) < 0 ||
	    sethostname(host, strlen(host)) < 0)
		_exit(1);
	if (write(ack, "1", 1) != 1)
		_exit(1);
	close(ack);
	for (;;)
		pause();
}

/* Start n more members; 0, or -1 when one did not set its hostname. */
static int
start_batch(size_t n)
{
	struct member	*m;
	char		 b;
	int		 ack[2];
	pid_t		 pid;

	for (; n > 0 && nmembers < NS_MAX; n--) {
		m = &members[nmembers];
		snprintf(m->host, sizeof m->host, "ttb-%zu", nmembers);
		if (pipe(ack) < 0 || (pid = fork()) < 0)
			return -1;
		if (pid == 0) {
			close(ack[0]);
			(void)setpgid(0, group);
			member_main(m->host, ack[1]);
		}
		(void)setpgid(pid, group);
		if (group == 0)
			group = pid;
		m->pid = pid;
		nmembers++;
		close(ack[1]);
		if (read(ack[0], &b, 1) != 1) {
			close(ack[0]);
			return -1;
		}
		close(ack[0]);
		m->uts = uts_inode(pid);
	}
	return 0;
}

static void
stop_all(void)
{
	testutil_end_group(&group);
}

/* A snapshot of sc over base, which it frees; fatal when it fails. */
static struct snapshot *
refresh(struct scanner *sc, struct snapshot *base)
{
	struct snapshot	*snap;
	char		*cause = NULL;

	snap = scan_refresh(sc, base, &cause);
	TU_CHECK_MSG(snap != NULL, "scan_refresh: %s",
	    cause != NULL ? cause : "");
	free(cause);
	snapshot_free(base);
	return snap;
}

/*
 * How many of members from..to-1 are deferred in snap; *wrong counts the
 * others not known with their own hostname, and deferred ones that are
 * not shown as unknown.
 */
static size_t
deferred_of(const struct snapshot *snap, size_t from, size_t to,
    size_t *wrong)
{
	const struct utsns_info	*u;
	size_t			 i, n = 0;

	*wrong = 0;
	for (i = from; i < to; i++) {
		u = nsinfo_uts(snap, members[i].uts);
		if (u != NULL && u->deferred) {
			n++;
			*wrong += u->known || u->hostname[0] != '\0';
		} else
			*wrong += u == NULL || !u->known ||
			    strcmp(u->hostname, members[i].host) != 0;
	}
	return n;
}

/*
 * Refresh until none of members from..to-1 is deferred, at most limit
 * times; every one of them is then known, with its hostname.  The number
 * of refreshes it took.
 */
static unsigned
refresh_until_known(struct scanner *sc, struct snapshot **snap, size_t from,
    size_t to, unsigned limit)
{
	size_t		wrong = 0;
	unsigned	k = 0;

	while (deferred_of(*snap, from, to, &wrong) > 0 && k < limit) {
		*snap = refresh(sc, *snap);
		CU_ASSERT_PTR_NOT_NULL_FATAL(*snap);
		CU_ASSERT(scan_get_stats(sc).hostname_reads >= 1);
		k++;
	}
	TU_CHECK_MSG(deferred_of(*snap, from, to, &wrong) == 0 && wrong == 0,
	    "after %u refreshes: %zu deferred, %zu wrong", k,
	    deferred_of(*snap, from, to, &wrong), wrong);
	return k;
}

/* A tiny budget defers; every hostname comes in, at least one a refresh. */
static void
test_tiny_budget(void)
{
	struct scanner	*sc;
	struct snapshot	*snap;
	struct scan_stats st;
	char		*cause = NULL;
	size_t		 deferred, wrong;
	unsigned	 k;

	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	snap = refresh(sc, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
	CU_ASSERT_EQUAL_FATAL(start_batch(NS_BATCH), 0);
	scan_set_hostname_budget(sc, TINY_BUDGET_MS);
	snap = refresh(sc, snap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
	st = scan_get_stats(sc);
	deferred = deferred_of(snap, 0, NS_BATCH, &wrong);
	TU_CHECK_MSG(deferred > 0 && st.hostnames_deferred >= deferred,
	    "%d new namespaces, %d ms budget: %zu of ours deferred, %zu in "
	    "all, %zu read in %ld ms", NS_BATCH, TINY_BUDGET_MS, deferred,
	    st.hostnames_deferred, st.hostname_reads, st.hostname_ms);
	CU_ASSERT(st.hostname_reads >= 1);
	CU_ASSERT_EQUAL(wrong, 0);
	k = refresh_until_known(sc, &snap, 0, NS_BATCH, 4 * NS_BATCH);
	fprintf(stderr, "%d ms budget: %zu of %d deferred at first (%zu read "
	    "in %ld ms), all known after %u more refreshes\n",
	    TINY_BUDGET_MS, deferred, NS_BATCH, st.hostname_reads,
	    st.hostname_ms, k);
	snapshot_free(snap);
	scan_close(sc);
}

/*
 * The default budget: the refresh that meets a second batch spends
 * little more than it on hostnames; a one-shot snapshot reads them all.
 */
static void
test_default_budget(void)
{
	struct scanner	*sc;
	struct snapshot	*snap;
	struct scan_stats st;
	char		*cause = NULL;
	size_t		 wrong, deferred;
	unsigned	 k;

	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	snap = refresh(sc, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
	/* no base: the first batch is read whole, nothing deferred */
	CU_ASSERT_EQUAL(scan_get_stats(sc).hostnames_deferred, 0);
	CU_ASSERT_EQUAL(deferred_of(snap, 0, nmembers, &wrong), 0);
	CU_ASSERT_EQUAL(wrong, 0);
	CU_ASSERT_EQUAL_FATAL(start_batch(NS_BATCH), 0);
	snap = refresh(sc, snap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
	st = scan_get_stats(sc);
	deferred = deferred_of(snap, nmembers - NS_BATCH, nmembers, &wrong);
	TU_CHECK_MSG(st.hostname_ms <= DEFAULT_LIMIT_MS, "%zu hostnames read "
	    "in %ld ms, over %d", st.hostname_reads, st.hostname_ms,
	    DEFAULT_LIMIT_MS);
	CU_ASSERT(st.hostname_reads >= NS_BATCH - deferred);
	k = refresh_until_known(sc, &snap, 0, nmembers, 8);
	fprintf(stderr, "default budget: %zu new hostnames read in %ld ms, "
	    "%zu deferred, all known after %u more refreshes\n",
	    st.hostname_reads, st.hostname_ms, deferred, k);
	snapshot_free(snap);
	scan_close(sc);
}

static const struct runner_test tests[] = {
	{ "a tiny budget defers, all come in", test_tiny_budget },
	{ "the default budget bounds a refresh", test_default_budget },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("hostname budget, live", NULL, NULL, tests),
	};
	int	rc;

	testutil_require_proc();
	testutil_require_root("entering UTS namespaces needs CAP_SYS_ADMIN");
	atexit(stop_all);
	rc = runner_run(suites, RUNNER_COUNT(suites));
	stop_all();
	return rc;
}
