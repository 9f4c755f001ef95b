/*
 * Tests for proc/strpool.c and the shared fields of a record: one copy
 * of each distinct value, aligned as asked, that survives the table's
 * growth; and a record's copy (procinfo_copy()) that outlives its
 * snapshot; a command line shared between two snapshots.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/snapshot.h"
#include "proc/strpool.h"
#include "tests/runner.h"

static void
test_equal_values_shared(void)
{
	struct strpool	*pool = strpool_new();
	char		 buf[16];
	const char	*a, *b, *c;

	snprintf(buf, sizeof buf, "bash");
	a = strpool_intern_str(pool, buf);
	snprintf(buf, sizeof buf, "bash");
	b = strpool_intern_str(pool, buf);
	c = strpool_intern_str(pool, "bas");
	CU_ASSERT_PTR_EQUAL(a, b);
	CU_ASSERT_PTR_NOT_EQUAL(a, buf);
	CU_ASSERT_PTR_NOT_EQUAL(a, c);
	CU_ASSERT_STRING_EQUAL(a, "bash");
	CU_ASSERT_STRING_EQUAL(c, "bas");
	/* The same bytes asked at another alignment are another copy. */
	CU_ASSERT_EQUAL((uintptr_t)strpool_intern(pool, "bash", 5, 8) % 8, 0);
	strpool_free(pool);
}

/* Thousands of distinct values: the table grows, every one stays found. */
static void
test_growth(void)
{
	struct strpool	*pool = strpool_new();
	const char	*first[3000];
	char		 buf[32];
	size_t		 i;
	bool		 same = true, right = true;

	for (i = 0; i < 3000; i++) {
		snprintf(buf, sizeof buf, "name-%zu", i);
		first[i] = strpool_intern_str(pool, buf);
	}
	for (i = 0; i < 3000; i++) {
		snprintf(buf, sizeof buf, "name-%zu", i);
		same &= strpool_intern_str(pool, buf) == first[i];
		right &= strcmp(first[i], buf) == 0;
	}
	CU_ASSERT(same);
	CU_ASSERT(right);
	strpool_free(pool);
}

static void
test_alloc_aligned(void)
{
	struct strpool	*pool = strpool_new();
	char		*big;
	size_t		 i;

	for (i = 0; i < 100; i++) {
		(void)strpool_alloc(pool, 3, 1);
		CU_ASSERT_EQUAL((uintptr_t)strpool_alloc(pool, 24, 8) % 8, 0);
	}
	/* Larger than a chunk: a chunk of its own. */
	big = strpool_alloc(pool, 200000, 8);
	memset(big, 'x', 200000);
	CU_ASSERT_EQUAL(big[199999], 'x');
	strpool_free(pool);
}

/* Records with the same namespaces share one set; one change is theirs. */
static void
test_record_ns_and_user(void)
{
	struct snapshot	*s = snapshot_new();
	struct procinfo	*a, *b;
	uint64_t	 ns[NS_COUNT];
	int		 t;

	for (t = 0; t < NS_COUNT; t++)
		ns[t] = 4026531835u + (uint64_t)t;
	a = snapshot_add(s);
	CU_ASSERT_EQUAL(a->ns[NS_NET], INODE_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(procinfo_user(a), "?");
	CU_ASSERT_STRING_EQUAL(a->comm, "");
	snapshot_set_ns(s, a, ns);
	snapshot_set_user(s, a, "alice");
	b = snapshot_add(s);
	a = &s->procs[0];
	snapshot_set_ns(s, b, ns);
	snapshot_set_user(s, b, "alice");
	CU_ASSERT_PTR_EQUAL(a->ns, b->ns);
	CU_ASSERT_PTR_EQUAL(a->user, b->user);
	snapshot_set_ns1(s, b, NS_NET, 4026532999u);
	CU_ASSERT_EQUAL(b->ns[NS_NET], 4026532999u);
	CU_ASSERT_EQUAL(b->ns[NS_MNT], ns[NS_MNT]);
	CU_ASSERT_EQUAL(a->ns[NS_NET], ns[NS_NET]);
	snapshot_set_comm(s, a, "kworker/0:1-events");
	snapshot_set_comm(s, b, "kworker/0:1-events");
	CU_ASSERT_PTR_EQUAL(a->comm, b->comm);
	CU_ASSERT_STRING_EQUAL(b->comm, "kworker/0:1-events");
	/* Names longer than a record holds are cut. */
	snapshot_set_comm(s, b, "kworker/u8:0-a-workqueue-name-that-is-longer-"
	    "than-sixty-four-bytes");
	CU_ASSERT_EQUAL(strlen(b->comm), COMM_MAX - 1);
	snapshot_set_user(s, b, "a-user-name-of-more-than-thirty-two-bytes");
	CU_ASSERT_EQUAL(strlen(b->user), USER_MAX - 1);
	snapshot_free(s);
}

/* A copy keeps its namespaces and user once the snapshot is gone. */
static void
test_copy_outlives(void)
{
	struct snapshot		*s = snapshot_new();
	struct procinfo		*p, copy;
	struct procinfo_own	 own;
	uint64_t		 ns[NS_COUNT] = { 0 };
	char			*cmdline;
	int			 nspid[NSPID_MAX];

	p = snapshot_add(s);
	p->pid = 42;
	ns[NS_PID] = 4026532100u;
	snapshot_set_ns(s, p, ns);
	snapshot_set_user(s, p, "bob");
	snapshot_set_comm(s, p, "sleep");
	snapshot_set_nspid(s, p, (const int[]){ 42, 1 }, 2);
	snapshot_set_cmdline(s, p, "sleep\0" "9", 8);
	procinfo_copy(&copy, p, &cmdline, nspid, &own);
	snapshot_free(s);
	CU_ASSERT_EQUAL(copy.ns[NS_PID], 4026532100u);
	CU_ASSERT_STRING_EQUAL(copy.user, "bob");
	CU_ASSERT_STRING_EQUAL(copy.comm, "sleep");
	CU_ASSERT_EQUAL(copy.nspid[1], 1);
	CU_ASSERT_EQUAL(memcmp(copy.cmdline, "sleep\0" "9", 8), 0);
	free(cmdline);
}

/*
 * A command line shared with the next snapshot's record outlives the
 * first; set again, a record lets go of what it had (valgrind and ASan
 * see a leak or a double free).
 */
static void
test_shared_cmdline(void)
{
	struct snapshot	*a = snapshot_new(), *b = snapshot_new();
	struct procinfo	*p, *q, *r;

	p = snapshot_add(a);
	snapshot_set_cmdline(a, p, "sleep\0" "100", 10);
	q = snapshot_add(b);
	r = snapshot_add(b);
	p = &a->procs[0];
	q = &b->procs[0];
	procinfo_share_cmdline(q, p);
	procinfo_share_cmdline(r, p);
	procinfo_share_cmdline(r, p);	/* the same again: no second count */
	CU_ASSERT_PTR_EQUAL(q->cmdline, p->cmdline);
	CU_ASSERT_EQUAL(q->cmdline_len, 10);
	snapshot_free(a);
	CU_ASSERT_EQUAL(memcmp(q->cmdline, "sleep\0" "100", 10), 0);
	CU_ASSERT_EQUAL(r->cmdline[10], '\0');
	snapshot_set_cmdline(b, r, "true", 5);
	CU_ASSERT_STRING_EQUAL(r->cmdline, "true");
	CU_ASSERT_STRING_EQUAL(q->cmdline, "sleep");
	snapshot_set_cmdline(b, q, NULL, 0);
	CU_ASSERT_PTR_NULL(q->cmdline);
	CU_ASSERT_EQUAL(q->cmdline_len, 0);
	snapshot_free(b);
}

static const struct runner_test tests[] = {
	{ "shared command line", test_shared_cmdline },
	{ "equal values shared", test_equal_values_shared },
	{ "growth", test_growth },
	{ "aligned allocation", test_alloc_aligned },
	{ "record namespaces and user", test_record_ns_and_user },
	{ "copy outlives its snapshot", test_copy_outlives },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("strpool", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
