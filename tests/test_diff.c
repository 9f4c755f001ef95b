/*
 * Snapshot differences by identity (pid, start time): started and exited
 * processes, reparenting and the PI_REPARENTED mark it leaves (and keeps),
 * PID reuse, and the NULL cases.  No /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/snapshot.h"
#include "tests/fx.h"

/* The only event for pid of the given kind, or NULL (also if several). */
static const struct diff_event *
event_for(const struct diff *d, enum diff_kind kind, pid_t pid)
{
	const struct diff_event	*found = NULL;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		if (d->events[i].kind != kind || d->events[i].pid != pid)
			continue;
		if (found != NULL)
			return NULL;
		found = &d->events[i];
	}
	return found;
}

/* e, or a blank event that fails every field check if e is NULL. */
static const struct diff_event *
must(const struct diff_event *e)
{
	static const struct diff_event	none = { .pid = -1, .old_ppid = -1,
					    .new_ppid = -1 };

	CU_ASSERT_PTR_NOT_NULL(e);
	return e != NULL ? e : &none;
}

static size_t
count_kind(const struct diff *d, enum diff_kind kind)
{
	size_t	i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->events[i].kind == kind)
			n++;
	return n;
}

static void
test_started_exited(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 1, 'S', "gone");
	fx_proc(prev, 20, 1, 1, 'S', "stays");
	fx_proc(cur, 30, 20, 1, 'S', "new");
	fx_proc(cur, 20, 1, 1, 'S', "stays");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 5, 1, 1, 'S', "low");
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 3);
	e = must(event_for(&d, DIFF_EXITED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 100);
	CU_ASSERT_EQUAL(e->old_ppid, 1);
	e = must(event_for(&d, DIFF_STARTED, 30));
	CU_ASSERT_EQUAL(e->start_ticks, 300);
	CU_ASSERT_EQUAL(e->new_ppid, 20);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 5));
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 0);
	CU_ASSERT_FALSE(fx_get(cur, 20)->flags & PI_REPARENTED);

	/* The same struct diff again: the events are replaced, not added. */
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 3);
	/* Identical snapshots: nothing. */
	diff_snapshots(cur, cur, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	diff_done(&d);
	CU_ASSERT_PTR_NULL(d.events);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void
test_reparent_and_carry(void)
{
	struct snapshot		*s1 = fx_new(), *s2 = fx_new(), *s3 = fx_new();
	const struct diff_event	*e;
	struct diff		 d;

	/* 11 runs under 10 in 10's session; 10 exits, init adopts 11. */
	fx_proc(s1, 1, 0, 1, 'S', "init");
	fx_proc(s1, 10, 1, 1, 'S', "parent");
	fx_proc(s1, 11, 10, 1, 'S', "child");
	fx_proc(s2, 1, 0, 1, 'S', "init");
	fx_proc(s2, 11, 1, 1, 'S', "child");
	fx_proc(s3, 1, 0, 1, 'S', "init");
	fx_proc(s3, 11, 1, 1, 'S', "child");
	snapshot_sort(s1);
	snapshot_sort(s2);
	snapshot_sort(s3);
	diff_init(&d);

	diff_snapshots(NULL, s1, &d);
	classify_snapshot(s1);
	CU_ASSERT_FALSE(fx_get(s1, 11)->flags & (PI_REPARENTED | PI_ORPHAN));

	diff_snapshots(s1, s2, &d);
	CU_ASSERT_EQUAL(d.n, 2);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_EXITED, 10));
	e = must(event_for(&d, DIFF_REPARENTED, 11));
	CU_ASSERT_EQUAL(e->old_ppid, 10);
	CU_ASSERT_EQUAL(e->new_ppid, 1);
	CU_ASSERT_EQUAL(e->start_ticks, 110);
	CU_ASSERT(fx_get(s2, 11)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(s2, 1)->flags & PI_REPARENTED);
	classify_snapshot(s2);
	/* Same session as init: only the live rule sees the orphan. */
	CU_ASSERT(fx_get(s2, 11)->flags & PI_ORPHAN);
	CU_ASSERT(fx_get(s2, 1)->flags & PI_ADOPTER);

	/* Nothing changes any more: the mark is carried, no event. */
	diff_snapshots(s2, s3, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT(fx_get(s3, 11)->flags & PI_REPARENTED);
	classify_snapshot(s3);
	CU_ASSERT(fx_get(s3, 11)->flags & PI_ORPHAN);
	CU_ASSERT(fx_get(s3, 1)->flags & PI_ADOPTER);
	diff_done(&d);
	snapshot_free(s1);
	snapshot_free(s2);
	snapshot_free(s3);
}

static void
test_pid_reuse(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct procinfo		*p;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 5, 1, 5, 'S', "shell");
	fx_proc(prev, 10, 1, 1, 'S', "old")->flags |= PI_REPARENTED;
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 5, 1, 5, 'S', "shell");
	p = fx_proc(cur, 10, 5, 5, 'S', "new");	/* pid 10 again, later */
	p->start_ticks = 99999;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 2);
	e = must(event_for(&d, DIFF_EXITED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 100);
	CU_ASSERT_EQUAL(e->old_ppid, 1);
	e = must(event_for(&d, DIFF_STARTED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 99999);
	CU_ASSERT_EQUAL(e->new_ppid, 5);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 0);
	/* Neither the new reparenting nor the old process's mark. */
	CU_ASSERT_FALSE(fx_get(cur, 10)->flags & PI_REPARENTED);
	classify_snapshot(cur);
	CU_ASSERT_FALSE(fx_get(cur, 10)->flags & PI_ORPHAN);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void
test_prev_null(void)
{
	struct snapshot	*cur = fx_new();
	struct diff	 d;
	size_t		 i;
	bool		 ok = true;

	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 7, 1, 7, 'S', "a");
	fx_proc(cur, 3, 1, 3, 'S', "b");
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(NULL, cur, &d);
	CU_ASSERT_EQUAL_FATAL(d.n, 3);
	for (i = 0; i < d.n; i++)
		if (d.events[i].kind != DIFF_STARTED ||
		    snapshot_find(cur, d.events[i].pid) == NULL ||
		    d.events[i].new_ppid !=
		    snapshot_find(cur, d.events[i].pid)->ppid)
			ok = false;
	CU_ASSERT(ok);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 1));
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 3));
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 7));
	for (i = 0; i < cur->nprocs; i++)
		CU_ASSERT_FALSE(cur->procs[i].flags & PI_REPARENTED);
	diff_done(&d);
	snapshot_free(cur);

	/* Both empty. */
	cur = fx_new();
	diff_init(&d);
	diff_snapshots(NULL, cur, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	diff_done(&d);
	snapshot_free(cur);
}

static void
test_d_null(void)
{
	struct snapshot	*prev = fx_new(), *cur = fx_new(), *next = fx_new();

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 1, 'S', "parent");
	fx_proc(prev, 11, 10, 1, 'S', "child");
	fx_proc(prev, 12, 1, 1, 'S', "gone");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 11, 1, 1, 'S', "child");
	fx_proc(cur, 13, 1, 1, 'S', "new");
	fx_proc(next, 1, 0, 1, 'S', "init");
	fx_proc(next, 11, 1, 1, 'S', "child");
	snapshot_sort(prev);
	snapshot_sort(cur);
	snapshot_sort(next);
	diff_snapshots(prev, cur, NULL);
	CU_ASSERT(fx_get(cur, 11)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(cur, 13)->flags & PI_REPARENTED);
	diff_snapshots(cur, next, NULL);
	CU_ASSERT(fx_get(next, 11)->flags & PI_REPARENTED);
	diff_snapshots(NULL, prev, NULL);
	snapshot_free(prev);
	snapshot_free(cur);
	snapshot_free(next);
}

static void
test_many(void)
{
	struct snapshot	*prev = fx_new(), *cur = fx_new();
	struct diff	 d;
	pid_t		 pid;

	/* Odd pids leave, multiples of 3 reparent to 1, the rest stay. */
	for (pid = 1; pid <= 1000; pid++)
		fx_proc(prev, pid, pid > 1 ? 2 : 0, 1, 'S', "p");
	for (pid = 1; pid <= 1000; pid++)
		if (pid <= 2 || pid % 2 == 0)
			fx_proc(cur, pid, pid > 2 && pid % 3 == 0 ? 1 :
			    pid > 1 ? 2 : 0, 1, 'S', "p");
	for (pid = 1001; pid <= 1100; pid++)
		fx_proc(cur, pid, 1, 1, 'S', "p");
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_EXITED), 499);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_STARTED), 100);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 166);
	CU_ASSERT(fx_get(cur, 6)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(cur, 4)->flags & PI_REPARENTED);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

static const struct {
	const char	*name;
	void		(*fn)(void);
} tests[] = {
	{ "started and exited", test_started_exited },
	{ "reparented, carried, orphan", test_reparent_and_carry },
	{ "pid reuse", test_pid_reuse },
	{ "prev NULL: all started", test_prev_null },
	{ "d NULL", test_d_null },
	{ "a thousand processes", test_many },
};

int
main(void)
{
	CU_pSuite	suite;
	unsigned int	failed;
	size_t		i;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	suite = CU_add_suite("diff", NULL, NULL);
	if (suite == NULL) {
		CU_cleanup_registry();
		return 99;
	}
	for (i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL) {
			CU_cleanup_registry();
			return 99;
		}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
