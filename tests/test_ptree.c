/*
 * The process tree: roots, child order, depth-first pre-order with
 * contiguous subtrees, self-parents, cycles in loaded files, threads, and
 * trees too deep or too large for anything recursive.  No /proc, no
 * terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "proc/ptree.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define CHAIN_DEPTH	30000
#define RANDOM_PROCS	100000
#define RANDOM_SEED	0x7ee7091u

/* Sort s and build its tree. */
static struct ptree *
tree_of(struct snapshot *s)
{
	snapshot_sort(s);
	return ptree_build(s);
}

/* The record index of pid; aborts the test if there is none. */
static size_t
idx(const struct ptree *t, pid_t pid)
{
	ssize_t	i = snapshot_index(t->snap, pid);

	CU_ASSERT_FATAL(i >= 0);
	return (size_t)i;
}

static pid_t
pid_at(const struct ptree *t, size_t i)
{
	return i == PTREE_NONE ? -1 : t->snap->procs[i].pid;
}

/* The pid of the record at pre-order position k. */
static pid_t
pid_in_order(const struct ptree *t, size_t k)
{
	return t->snap->procs[t->order[k]].pid;
}

/*
 * Check that a sibling list starting at first (under parent, PTREE_NONE
 * for the roots) is in increasing pid order, that its subtrees follow each
 * other from position start, and that the last one ends at end.  Returns
 * the number of problems.
 */
static size_t
check_siblings(const struct ptree *t, size_t parent, size_t first,
    size_t start, size_t end)
{
	size_t	bad = 0, c, expect = start;
	pid_t	last = -1;

	for (c = first; c != PTREE_NONE; c = t->next_sibling[c]) {
		if (t->parent[c] != parent)
			bad++;
		if (t->snap->procs[c].pid <= last)
			bad++;
		last = t->snap->procs[c].pid;
		if (t->pos[c] != expect)
			bad++;
		if (parent == PTREE_NONE ? t->depth[c] != 0 :
		    t->depth[c] != t->depth[parent] + 1)
			bad++;
		if (t->subtree_end[t->pos[c]] <= t->pos[c] ||
		    t->subtree_end[t->pos[c]] > end)
			bad++;
		expect = t->subtree_end[t->pos[c]];
		if (expect <= t->pos[c] || expect > t->n)
			return bad + 1;	/* would loop or run off */
	}
	if (expect != end)
		bad++;
	return bad;
}

/*
 * Check every invariant of a tree in linear time: order and pos are
 * inverse permutations (every record exactly once), each node's children
 * are in pid order and their subtrees tile the node's subtree right after
 * it, the roots tile the whole order, parents come before children, and
 * depths count the edges.  Returns the number of problems.
 */
static size_t
check_tree(const struct ptree *t)
{
	unsigned char	*seen = xcalloc(t->n, 1);
	size_t		 bad = 0, k, i, roots = 0;

	if (t->n != t->snap->nprocs) {
		free(seen);
		return 1;
	}
	for (k = 0; k < t->n; k++) {
		i = t->order[k];
		if (i >= t->n || seen[i]) {
			bad++;
			continue;
		}
		seen[i] = 1;
		if (t->pos[i] != k)
			bad++;
	}
	for (i = 0; i < t->n; i++) {
		if (!seen[i])
			bad++;
		if (t->parent[i] == PTREE_NONE) {
			roots++;
			continue;
		}
		if (t->parent[i] >= t->n ||
		    t->pos[t->parent[i]] >= t->pos[i])
			bad++;
	}
	free(seen);
	if (bad != 0)
		return bad;
	if (roots != t->nroots)
		bad++;
	bad += check_siblings(t, PTREE_NONE, t->first_root, 0, t->n);
	for (i = 0; i < t->n; i++)
		bad += check_siblings(t, i, t->first_child[i], t->pos[i] + 1,
		    t->subtree_end[t->pos[i]]);
	return bad;
}

static void
test_roots(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	size_t		 r;

	fx_proc(s, 500, 400, 500, 'S', "lost");	/* parent 400 is missing */
	fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 3, 2, 0, 'I', "kworker/0:0");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 3);
	r = t->first_root;
	CU_ASSERT_EQUAL(pid_at(t, r), 1);
	r = t->next_sibling[r];
	CU_ASSERT_EQUAL(pid_at(t, r), 2);
	r = t->next_sibling[r];
	CU_ASSERT_EQUAL(pid_at(t, r), 500);
	CU_ASSERT_EQUAL(t->next_sibling[r], PTREE_NONE);
	CU_ASSERT_EQUAL(t->parent[idx(t, 500)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->depth[idx(t, 500)], 0);
	CU_ASSERT_EQUAL(t->parent[idx(t, 3)], idx(t, 2));
	CU_ASSERT_EQUAL(t->parent[idx(t, 100)], idx(t, 1));
	/* Pre-order: 1 100 2 3 500. */
	CU_ASSERT_EQUAL(pid_in_order(t, 0), 1);
	CU_ASSERT_EQUAL(pid_in_order(t, 1), 100);
	CU_ASSERT_EQUAL(pid_in_order(t, 2), 2);
	CU_ASSERT_EQUAL(pid_in_order(t, 3), 3);
	CU_ASSERT_EQUAL(pid_in_order(t, 4), 500);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_empty(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t = tree_of(s);

	CU_ASSERT_EQUAL(t->n, 0);
	CU_ASSERT_EQUAL(t->nroots, 0);
	CU_ASSERT_EQUAL(t->first_root, PTREE_NONE);
	ptree_free(t);
	ptree_free(NULL);
	snapshot_free(s);
}

static void
test_child_order(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	size_t		 c;

	/* Children inserted out of pid order, the parent last. */
	fx_proc(s, 30, 1, 1, 'S', "c30");
	fx_proc(s, 10, 1, 1, 'S', "c10");
	fx_proc(s, 25, 10, 1, 'S', "c25");
	fx_proc(s, 20, 1, 1, 'S', "c20");
	fx_proc(s, 12, 10, 1, 'S', "c12");
	fx_proc(s, 1, 0, 1, 'S', "init");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	c = t->first_child[idx(t, 1)];
	CU_ASSERT_EQUAL(pid_at(t, c), 10);
	c = t->next_sibling[c];
	CU_ASSERT_EQUAL(pid_at(t, c), 20);
	c = t->next_sibling[c];
	CU_ASSERT_EQUAL(pid_at(t, c), 30);
	CU_ASSERT_EQUAL(t->next_sibling[c], PTREE_NONE);
	c = t->first_child[idx(t, 10)];
	CU_ASSERT_EQUAL(pid_at(t, c), 12);
	CU_ASSERT_EQUAL(pid_at(t, t->next_sibling[c]), 25);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_preorder(void)
{
	static const pid_t	 expect[] = { 1, 10, 11, 12, 13, 20, 21, 30 };
	struct snapshot		*s = fx_new();
	struct ptree		*t;
	size_t			 k, i;

	fx_proc(s, 30, 1, 1, 'S', "c");
	fx_proc(s, 13, 11, 1, 'S', "c");
	fx_proc(s, 21, 20, 1, 'S', "c");
	fx_proc(s, 12, 11, 1, 'S', "c");
	fx_proc(s, 11, 10, 1, 'S', "c");
	fx_proc(s, 20, 1, 1, 'S', "c");
	fx_proc(s, 10, 1, 1, 'S', "c");
	fx_proc(s, 1, 0, 1, 'S', "init");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL_FATAL(t->n, sizeof expect / sizeof expect[0]);
	for (k = 0; k < t->n; k++)
		CU_ASSERT_EQUAL(pid_in_order(t, k), expect[k]);
	/* Subtrees are contiguous: [pos, subtree_end). */
	i = idx(t, 10);
	CU_ASSERT_EQUAL(t->pos[i], 1);
	CU_ASSERT_EQUAL(t->subtree_end[t->pos[i]], 5);
	i = idx(t, 11);
	CU_ASSERT_EQUAL(t->subtree_end[t->pos[i]], 5);
	i = idx(t, 12);
	CU_ASSERT_EQUAL(t->subtree_end[t->pos[i]], t->pos[i] + 1);
	i = idx(t, 20);
	CU_ASSERT_EQUAL(t->pos[i], 5);
	CU_ASSERT_EQUAL(t->subtree_end[t->pos[i]], 7);
	i = idx(t, 1);
	CU_ASSERT_EQUAL(t->subtree_end[t->pos[i]], 8);
	CU_ASSERT_EQUAL(t->depth[idx(t, 13)], 3);
	CU_ASSERT_EQUAL(t->depth[idx(t, 30)], 1);
	ptree_free(t);
	snapshot_free(s);
}

/* The checker itself must notice a broken order or subtree end. */
static void
test_checker(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	size_t		 tmp;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 11, 10, 1, 'S', "b");
	fx_proc(s, 20, 1, 1, 'S', "c");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	tmp = t->order[1];
	t->order[1] = t->order[3];
	t->order[3] = tmp;
	CU_ASSERT_NOT_EQUAL(check_tree(t), 0);
	t->order[3] = t->order[1];
	t->order[1] = tmp;
	CU_ASSERT_EQUAL(check_tree(t), 0);
	t->subtree_end[1]++;
	CU_ASSERT_NOT_EQUAL(check_tree(t), 0);
	t->subtree_end[1]--;
	t->depth[idx(t, 11)] = 1;
	CU_ASSERT_NOT_EQUAL(check_tree(t), 0);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_self_parent_and_pid0(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 7, 7, 7, 'S', "self");	/* its own parent */
	fx_proc(s, 8, 7, 7, 'S', "kid");
	fx_proc(s, 9, -1, 9, 'S', "neg");	/* nonsense from a file */
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 3);
	CU_ASSERT_EQUAL(t->parent[idx(t, 1)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->parent[idx(t, 7)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->parent[idx(t, 9)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->parent[idx(t, 8)], idx(t, 7));
	CU_ASSERT_EQUAL(t->depth[idx(t, 8)], 1);
	ptree_free(t);
	snapshot_free(s);

	/* A record with pid 0 (the swapper, from a file) is a root too. */
	s = fx_new();
	fx_proc(s, 0, 0, 0, 'S', "swapper");
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 3);
	CU_ASSERT_EQUAL(t->parent[idx(t, 1)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->parent[idx(t, 2)], PTREE_NONE);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_cycle(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	size_t		 a, b;

	/* 100 -> 200 -> 100, with a child and a tail hanging off the cycle. */
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 200, 1, 'S', "a");
	fx_proc(s, 200, 100, 1, 'S', "b");
	fx_proc(s, 300, 200, 1, 'S', "child");
	fx_proc(s, 400, 300, 1, 'S', "tail");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 2);
	a = idx(t, 100);
	b = idx(t, 200);
	/* Exactly one of the two became a root, the other hangs below it. */
	CU_ASSERT((t->parent[a] == PTREE_NONE) != (t->parent[b] == PTREE_NONE));
	if (t->parent[a] == PTREE_NONE) {
		CU_ASSERT_EQUAL(t->parent[b], a);
	} else {
		CU_ASSERT_EQUAL(t->parent[a], b);
	}
	CU_ASSERT_EQUAL(t->parent[idx(t, 300)], b);
	CU_ASSERT_EQUAL(t->parent[idx(t, 400)], idx(t, 300));
	ptree_free(t);
	snapshot_free(s);

	/* A three-cycle with a branch and no other root at all. */
	s = fx_new();
	fx_proc(s, 5, 7, 5, 'S', "x");
	fx_proc(s, 6, 5, 5, 'S', "y");
	fx_proc(s, 7, 6, 5, 'S', "z");
	fx_proc(s, 8, 6, 5, 'S', "w");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 1);
	CU_ASSERT_EQUAL(t->n, 4);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_threads(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	struct ptree	*t;
	size_t		 c, leader;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "server");
	p = fx_proc(s, 103, 1, 100, 'S', "worker");
	p->tgid = 100;
	p->flags |= PI_THREAD;
	fx_proc(s, 102, 100, 100, 'S', "child");
	p = fx_proc(s, 101, 1, 100, 'S', "worker");
	p->tgid = 100;
	p->flags |= PI_THREAD;
	p = fx_proc(s, 900, 1, 800, 'S', "stray");	/* leader 800 missing */
	p->tgid = 800;
	p->flags |= PI_THREAD;
	s->has_threads = true;
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	leader = idx(t, 100);
	/* Threads hang under their leader, not under the leader's parent. */
	CU_ASSERT_EQUAL(t->parent[idx(t, 101)], leader);
	CU_ASSERT_EQUAL(t->parent[idx(t, 103)], leader);
	CU_ASSERT_EQUAL(t->parent[idx(t, 102)], leader);
	c = t->first_child[leader];
	CU_ASSERT_EQUAL(pid_at(t, c), 101);
	c = t->next_sibling[c];
	CU_ASSERT_EQUAL(pid_at(t, c), 102);
	c = t->next_sibling[c];
	CU_ASSERT_EQUAL(pid_at(t, c), 103);
	CU_ASSERT_EQUAL(t->depth[idx(t, 103)], 2);
	CU_ASSERT_EQUAL(t->parent[idx(t, 900)], PTREE_NONE);
	CU_ASSERT_EQUAL(t->nroots, 2);
	ptree_free(t);
	snapshot_free(s);
}

static void
test_deep_chain(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	pid_t		 pid;
	size_t		 k;
	bool		 ok = true;

	for (pid = 1; pid <= CHAIN_DEPTH; pid++)
		fx_proc(s, pid, pid - 1, 1, 'S', "link");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 1);
	CU_ASSERT_EQUAL(t->depth[idx(t, CHAIN_DEPTH)], CHAIN_DEPTH - 1);
	for (k = 0; k < t->n; k++)
		if (pid_in_order(t, k) != (pid_t)k + 1 ||
		    t->subtree_end[k] != t->n)
			ok = false;
	CU_ASSERT(ok);
	ptree_free(t);
	snapshot_free(s);

	/* The same chain inserted deepest first. */
	s = fx_new();
	for (pid = CHAIN_DEPTH; pid >= 1; pid--)
		fx_proc(s, pid, pid - 1, 1, 'S', "link");
	t = tree_of(s);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->depth[idx(t, CHAIN_DEPTH)], CHAIN_DEPTH - 1);
	ptree_free(t);
	snapshot_free(s);
}

/* xorshift32: the same sequence on every platform. */
static uint32_t
rnd(uint32_t *state)
{
	uint32_t	x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static void
test_random_tree(void)
{
	struct snapshot	*s = fx_new();
	struct ptree	*t;
	pid_t		*pids = xmalloc(RANDOM_PROCS * sizeof *pids);
	pid_t		*ppids = xmalloc(RANDOM_PROCS * sizeof *ppids);
	size_t		*perm = xmalloc(RANDOM_PROCS * sizeof *perm);
	uint32_t	 st = RANDOM_SEED;
	size_t		 i, j, tmp, mismatched = 0, before = 0;
	pid_t		 ptmp;

	/* Random distinct pids; node k's parent is a random earlier node. */
	for (i = 0; i < RANDOM_PROCS; i++)
		pids[i] = (pid_t)(i + 1) * 3;
	for (i = RANDOM_PROCS - 1; i > 1; i--) {
		j = 1 + rnd(&st) % i;
		ptmp = pids[i];
		pids[i] = pids[j];
		pids[j] = ptmp;
	}
	ppids[0] = 0;
	for (i = 1; i < RANDOM_PROCS; i++)
		ppids[i] = pids[rnd(&st) % i];
	/* Insert in a random order, so the snapshot has to sort. */
	for (i = 0; i < RANDOM_PROCS; i++)
		perm[i] = i;
	for (i = RANDOM_PROCS - 1; i > 0; i--) {
		j = rnd(&st) % (i + 1);
		tmp = perm[i];
		perm[i] = perm[j];
		perm[j] = tmp;
	}
	for (i = 0; i < RANDOM_PROCS; i++)
		fx_proc(s, pids[perm[i]], ppids[perm[i]], 1, 'S', "r");
	t = tree_of(s);
	CU_ASSERT_EQUAL(t->n, RANDOM_PROCS);
	CU_ASSERT_EQUAL(check_tree(t), 0);
	CU_ASSERT_EQUAL(t->nroots, 1);
	for (i = 1; i < RANDOM_PROCS; i++) {
		ssize_t	c = snapshot_index(s, pids[i]);

		if (c < 0 || pid_at(t, t->parent[c]) != ppids[i])
			mismatched++;
		else if (t->pos[t->parent[c]] >= t->pos[c])
			before++;
	}
	CU_ASSERT_EQUAL(mismatched, 0);
	CU_ASSERT_EQUAL(before, 0);
	ptree_free(t);
	snapshot_free(s);
	free(perm);
	free(ppids);
	free(pids);
}

static const struct runner_test tests[] = {
	{ "roots", test_roots },
	{ "empty snapshot", test_empty },
	{ "children by pid", test_child_order },
	{ "pre-order, contiguous subtrees", test_preorder },
	{ "tree checker notices damage", test_checker },
	{ "self-parent and pid 0", test_self_parent_and_pid0 },
	{ "cycle in a loaded file", test_cycle },
	{ "threads under their leader", test_threads },
	{ "30,000-deep chain", test_deep_chain },
	{ "100,000-process random tree", test_random_tree },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("ptree", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
