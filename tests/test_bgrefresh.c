/*
 * The background refresh: a request runs on another thread while the
 * caller goes on, the result (or the failure) comes back through the
 * pipe, details carry over from the base snapshot, and stopping with a
 * refresh under way frees it.  Waits are bounded only so that a hang
 * fails instead of blocking the suite; nothing here measures speed.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/ptree.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/bgrefresh.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define WAIT_MS	60000	/* a hang, not slowness: a scan takes < 1 s */

/* What the test's build functions saw; one test at a time. */
static struct {
	pthread_t	main;
	bool		on_other_thread;
	int		gate[2];	/* a build waits for a byte here */
	int		calls;
} seen;

/* Scan as app_next_build() does, minus the model. */
static int
build_scan(struct scanner *sc, struct app_lineage *lin,
    struct recorder *rec, const struct snapshot *base, struct app_next *n,
    char **cause)
{
	(void)lin;
	(void)rec;
	seen.calls++;
	seen.on_other_thread = !pthread_equal(pthread_self(), seen.main);
	n->snap = scan_refresh(sc, base, cause);
	return n->snap != NULL ? 0 : -1;
}

/* The same, after the test lets it go. */
static int
build_gated(struct scanner *sc, struct app_lineage *lin,
    struct recorder *rec, const struct snapshot *base, struct app_next *n,
    char **cause)
{
	char	b;

	if (read(seen.gate[0], &b, 1) != 1)
		return -1;
	return build_scan(sc, lin, rec, base, n, cause);
}

static int
build_failing(struct scanner *sc, struct app_lineage *lin,
    struct recorder *rec, const struct snapshot *base, struct app_next *n,
    char **cause)
{
	(void)sc; (void)lin; (void)rec; (void)base; (void)n;
	*cause = xstrdup("no /proc today");
	return -1;
}

static bool
wait_done(struct bgrefresh *bg)
{
	struct pollfd	pfd = { .fd = bgrefresh_fd(bg), .events = POLLIN };

	return poll(&pfd, 1, WAIT_MS) == 1;
}

static struct scanner *
open_scanner(void)
{
	char		*cause = NULL;
	struct scanner	*sc = scan_open(0, &cause);

	free(cause);
	memset(&seen, 0, sizeof seen);
	seen.main = pthread_self();
	return sc;
}

static void
test_result_comes_back(void)
{
	struct scanner	*sc = open_scanner();
	struct bgrefresh *bg;
	struct app_next	 first, second;
	struct scan_stats st;
	char		*cause = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	CU_ASSERT_EQUAL_FATAL(pipe(seen.gate), 0);
	bg = bgrefresh_start(sc, NULL, build_gated, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bg);
	memset(&first, 0, sizeof first);
	memset(&second, 0, sizeof second);
	diff_init(&first.diff);
	diff_init(&second.diff);

	CU_ASSERT_FALSE(bgrefresh_busy(bg));
	bgrefresh_request(bg, NULL, 0, NULL);
	/* Held at the gate: the caller is free and nothing is ready. */
	CU_ASSERT(bgrefresh_busy(bg));
	CU_ASSERT_EQUAL(bgrefresh_collect(bg, &first, &cause), 1);
	CU_ASSERT_PTR_NULL(first.snap);
	CU_ASSERT_EQUAL(write(seen.gate[1], "go", 2), 2);	/* both runs */
	CU_ASSERT_FATAL(wait_done(bg));
	CU_ASSERT_EQUAL(bgrefresh_collect(bg, &first, &cause), 0);
	CU_ASSERT_FALSE(bgrefresh_busy(bg));
	CU_ASSERT(seen.on_other_thread);
	CU_ASSERT_PTR_NOT_NULL_FATAL(first.snap);
	CU_ASSERT_PTR_NOT_NULL(snapshot_find(first.snap, getpid()));

	/* The second refresh copies the unchanged details from the first. */
	bgrefresh_request(bg, first.snap, 0, NULL);
	CU_ASSERT_FATAL(wait_done(bg));
	CU_ASSERT_EQUAL(bgrefresh_collect(bg, &second, &cause), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(second.snap);
	st = scan_get_stats(sc);	/* the thread is idle again */
	CU_ASSERT(st.cache_hits > 0);
	CU_ASSERT_EQUAL(seen.calls, 2);

	bgrefresh_stop(bg);
	snapshot_free(first.snap);
	snapshot_free(second.snap);
	diff_done(&first.diff);
	diff_done(&second.diff);
	close(seen.gate[0]);
	close(seen.gate[1]);
	scan_close(sc);
}

static void
test_failure_says_why(void)
{
	struct scanner	*sc = open_scanner();
	struct bgrefresh *bg;
	struct app_next	 n;
	char		*cause = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	bg = bgrefresh_start(sc, NULL, build_failing, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bg);
	memset(&n, 0, sizeof n);
	diff_init(&n.diff);
	bgrefresh_request(bg, NULL, 0, NULL);
	CU_ASSERT_FATAL(wait_done(bg));
	CU_ASSERT_EQUAL(bgrefresh_collect(bg, &n, &cause), -1);
	CU_ASSERT(cause != NULL && strcmp(cause, "no /proc today") == 0);
	CU_ASSERT_PTR_NULL(n.snap);
	CU_ASSERT_FALSE(bgrefresh_busy(bg));
	free(cause);
	bgrefresh_stop(bg);
	diff_done(&n.diff);
	scan_close(sc);
}

/* Stopping waits for the refresh under way and frees its result. */
static void
test_stop_while_busy(void)
{
	struct scanner	*sc = open_scanner();
	struct bgrefresh *bg;
	char		*cause = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	bg = bgrefresh_start(sc, NULL, build_scan, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bg);
	bgrefresh_request(bg, NULL, SCAN_THREADS, NULL);
	bgrefresh_stop(bg);	/* ASan and valgrind see a leak if not */
	CU_ASSERT(seen.calls <= 1);
	scan_close(sc);
}

static const struct runner_test tests[] = {
	{ "a request runs on the thread; its result comes back",
	    test_result_comes_back },
	{ "a failed refresh passes its cause", test_failure_says_why },
	{ "stop with a refresh under way", test_stop_while_busy },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("bgrefresh", NULL, NULL, tests);

	testutil_require_proc();
	return runner_run(&suite, 1);
}
