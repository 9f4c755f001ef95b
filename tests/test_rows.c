/*
 * Visible rows: pre-order and depth, last-child flags and rails, the
 * filters (each keeping the ancestors it needs), folding by identity and
 * what a fold hides, and a chain far deeper than the rail bits.  No
 * /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define PIDNS_A		4026532177ull	/* a container */
#define PIDNS_B		4026532300ull	/* nested in A */
#define PIDNS_C		4026532400ull	/* another container */
#define CHAIN_DEPTH	30000
#define COMB_LEAF_BASE	100000

static void
scene_rows(struct fx_scene *sc, const struct viewstate *vs)
{
	rows_build(&sc->rows, sc->tree, vs);
}

/* The row showing pid, or NULL; section headers show none. */
static const struct row *
row_of(const struct fx_scene *sc, pid_t pid)
{
	size_t	k;

	for (k = 0; k < sc->rows.n; k++)
		if (sc->rows.v[k].proc != NULL &&
		    sc->rows.v[k].proc->pid == pid)
			return &sc->rows.v[k];
	return NULL;
}

/* row_of(), or a blank row that fails every check if pid has none. */
static const struct row *
must_row(const struct fx_scene *sc, pid_t pid)
{
	static const struct procinfo	none_proc = { .pid = -1 };
	static const struct row		none = { .proc = &none_proc,
					    .depth = 9999, .rails = ~0ull,
					    .flags = ~0u };
	const struct row		*r = row_of(sc, pid);

	CU_ASSERT_PTR_NOT_NULL(r);
	return r != NULL ? r : &none;
}

/* True if the rows show exactly these pids in this order. */
static bool
rows_are(const struct fx_scene *sc, const pid_t *pids, size_t n)
{
	size_t	k;

	if (sc->rows.n != n)
		return false;
	for (k = 0; k < n; k++)
		if (sc->rows.v[k].proc->pid != pids[k])
			return false;
	return true;
}

#define ROWS_ARE(sc, ...) do {						\
	static const pid_t	expect_[] = { __VA_ARGS__ };		\
									\
	CU_ASSERT(rows_are((sc), expect_,				\
	    sizeof expect_ / sizeof expect_[0]));			\
} while (0)

/* Each row's depth is its nearest shown ancestor's plus one. */
static bool
rows_depths_consistent(const struct fx_scene *sc)
{
	const struct ptree	*t = sc->tree;
	size_t			 k, up;
	bool			 ok = true;
	long			*row_at = calloc(t->n ? t->n : 1,
				    sizeof *row_at);

	if (row_at == NULL)
		return false;
	for (k = 0; k < t->n; k++)
		row_at[k] = -1;
	for (k = 0; k < sc->rows.n; k++) {
		const struct row	*r = &sc->rows.v[k];
		unsigned		 want = 0;

		for (up = t->parent[r->index]; up != PTREE_NONE;
		    up = t->parent[up])
			if (row_at[up] >= 0) {
				want = sc->rows.v[row_at[up]].depth + 1;
				break;
			}
		if (r->depth != want || row_at[r->index] != -1)
			ok = false;
		row_at[r->index] = (long)k;
	}
	free(row_at);
	return ok;
}

/* 1 -> {10 -> {11 -> {12}}, 20}, and a second root 2 (kthreadd). */
static struct snapshot *
small_tree(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 20, 1, 1, 'S', "b");
	fx_proc(s, 12, 11, 1, 'S', "c");
	fx_proc(s, 11, 10, 1, 'S', "d");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	fx_proc(s, 1, 0, 1, 'S', "init");
	return s;
}

static void
test_all(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	size_t			 k;
	bool			 ok = true;

	fx_scene_build(&sc, small_tree());
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 12, 20, 2);
	CU_ASSERT_EQUAL_FATAL(sc.rows.n, sc.tree->n);
	for (k = 0; k < sc.rows.n; k++) {
		const struct row	*r = &sc.rows.v[k];

		if (r->index != sc.tree->order[k] ||
		    r->proc != &sc.snap->procs[r->index] ||
		    r->depth != sc.tree->depth[r->index])
			ok = false;
	}
	CU_ASSERT(ok);
	CU_ASSERT(rows_depths_consistent(&sc));
	CU_ASSERT_EQUAL(must_row(&sc, 1)->depth, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 12)->depth, 3);
	CU_ASSERT_EQUAL(must_row(&sc, 2)->depth, 0);
	/* Building again on the same rows gives the same result. */
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 12, 20, 2);
	fx_scene_free(&sc);
}

static void
test_last_and_rails(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*s;

	fx_scene_build(&sc, small_tree());
	scene_rows(&sc, &vs);
	/* Last: 11, 12 are only children, 20 is 1's last, 2 the last root. */
	CU_ASSERT_FALSE(must_row(&sc, 1)->flags & ROW_LAST);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 11)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 12)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 20)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 2)->flags & ROW_LAST);
	/* Kids. */
	CU_ASSERT(must_row(&sc, 1)->flags & ROW_HAS_KIDS);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_HAS_KIDS);
	CU_ASSERT(must_row(&sc, 11)->flags & ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 12)->flags & ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 20)->flags & ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 2)->flags & ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 2)->flags & ROW_FOLDED);
	/*
	 * Row 12 (depth 3): rail 0 is set because 10 has a later sibling
	 * (20); rail 1 is clear because 11 is the last child of 10.
	 */
	CU_ASSERT_EQUAL(must_row(&sc, 12)->rails, UINT64_C(1) << 0);
	CU_ASSERT_EQUAL(must_row(&sc, 11)->rails, UINT64_C(1) << 0);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->rails, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 20)->rails, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 1)->rails, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 2)->rails, 0);
	fx_scene_free(&sc);

	/* 1 -> {10 -> {11 -> {12}, 13}}: rail 1 of 12 is set, rail 0 not. */
	s = fx_new();
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 11, 10, 1, 'S', "b");
	fx_proc(s, 12, 11, 1, 'S', "c");
	fx_proc(s, 13, 10, 1, 'S', "d");
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(must_row(&sc, 12)->rails, UINT64_C(1) << 1);
	CU_ASSERT_FALSE(must_row(&sc, 11)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 13)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 1)->flags & ROW_LAST);
	fx_scene_free(&sc);
}

static void
test_zombies(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ZOMBIES };
	struct snapshot		*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 11, 10, 1, 'Z', "dead");
	fx_proc(s, 12, 10, 1, 'S', "alive");
	fx_proc(s, 20, 1, 1, 'S', "b");
	fx_proc(s, 21, 20, 1, 'S', "c");
	fx_proc(s, 30, 1, 1, 'S', "d");
	fx_proc(s, 31, 30, 1, 'S', "e");
	fx_proc(s, 32, 31, 1, 'Z', "dead2");
	fx_proc(s, 33, 31, 1, 'Z', "dead3");
	fx_proc(s, 40, 1, 1, 'S', "f");
	fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 30, 31, 32, 33);
	CU_ASSERT(rows_depths_consistent(&sc));
	CU_ASSERT(must_row(&sc, 11)->flags & ROW_MATCH);
	CU_ASSERT(must_row(&sc, 32)->flags & ROW_MATCH);
	CU_ASSERT(must_row(&sc, 33)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 1)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 30)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 31)->flags & ROW_MATCH);
	CU_ASSERT_EQUAL(must_row(&sc, 33)->depth, 3);
	/* Last among the shown rows: 11 (12 is hidden), 30 (40 is hidden). */
	CU_ASSERT(must_row(&sc, 11)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 30)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 1)->flags & ROW_LAST);	/* 2 is hidden */
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_LAST);
	CU_ASSERT_FALSE(must_row(&sc, 32)->flags & ROW_LAST);
	/* Rails follow the shown rows: 32's ancestor 30 is last, 31 too. */
	CU_ASSERT_EQUAL(must_row(&sc, 32)->rails, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 11)->rails, UINT64_C(1) << 0);
	fx_scene_free(&sc);

	/* No zombies: no rows. */
	s = fx_new();
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, 0);
	fx_scene_free(&sc);
}

static void
test_orphans(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ORPHANS };
	struct snapshot		*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "bash");
	fx_proc(s, 11, 10, 10, 'S', "job");
	fx_proc(s, 40, 1, 10, 'S', "orphan");		/* static rule */
	fx_proc(s, 50, 1, 50, 'S', "reaper");
	fx_proc(s, 51, 50, 50, 'S', "kid");
	fx_proc(s, 52, 50, 50, 'S', "adopted")->flags |= PI_REPARENTED;
	fx_proc(s, 53, 52, 50, 'S', "grandkid");
	fx_proc(s, 60, 1, 60, 'S', "other");
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 40, 50, 52);
	CU_ASSERT(rows_depths_consistent(&sc));
	CU_ASSERT(must_row(&sc, 40)->flags & ROW_MATCH);
	CU_ASSERT(must_row(&sc, 52)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 1)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 50)->flags & ROW_MATCH);
	CU_ASSERT_EQUAL(must_row(&sc, 52)->depth, 2);
	CU_ASSERT_FALSE(must_row(&sc, 40)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 50)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 52)->flags & ROW_LAST);
	CU_ASSERT_FALSE(must_row(&sc, 52)->flags & ROW_HAS_KIDS);
	fx_scene_free(&sc);
}

static void
test_subtrees(void)
{
	struct fx_scene		 sc;
	static const pid_t	 two[] = { 30, 10 };
	static const pid_t	 nested[] = { 11, 10, 9999 };
	struct viewstate	 vs = { .filter = ROWS_SUBTREES };
	struct snapshot		*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 11, 10, 1, 'S', "b");
	fx_proc(s, 12, 11, 1, 'S', "c");
	fx_proc(s, 13, 10, 1, 'S', "d");
	fx_proc(s, 20, 1, 1, 'S', "e");
	fx_proc(s, 30, 1, 1, 'S', "f");
	fx_proc(s, 31, 30, 1, 'S', "g");
	fx_scene_build(&sc, s);
	vs.pids = two;
	vs.npids = 2;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 10, 11, 12, 13, 30, 31);
	CU_ASSERT(rows_depths_consistent(&sc));
	CU_ASSERT_EQUAL(must_row(&sc, 10)->depth, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 30)->depth, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 12)->depth, 2);
	CU_ASSERT_EQUAL(must_row(&sc, 31)->depth, 1);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_MATCH);
	CU_ASSERT(must_row(&sc, 30)->flags & ROW_MATCH);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 30)->flags & ROW_LAST);
	/* 12's rail 0 is for 11, which has a later sibling 13. */
	CU_ASSERT_EQUAL(must_row(&sc, 12)->rails, UINT64_C(1) << 0);

	/* A pid in another's subtree shows once; a missing one is ignored. */
	vs.pids = nested;
	vs.npids = 3;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 10, 11, 12, 13);
	CU_ASSERT_EQUAL(must_row(&sc, 11)->depth, 1);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_LAST);
	fx_scene_free(&sc);
}

static void
test_pidns(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_PIDNS };
	struct snapshot		*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "shim");
	fx_proc(s, 200, 1, 200, 'S', "sshd");
	fx_nspid(fx_proc(s, 4242, 100, 4242, 'S', "cinit"), PIDNS_A, 2,
	    4242, 1);
	fx_nspid(fx_proc(s, 4243, 4242, 4242, 'S', "app"), PIDNS_A, 2,
	    4243, 2);
	fx_nspid(fx_proc(s, 4244, 4242, 4242, 'S', "app2"), PIDNS_A, 2,
	    4244, 3);
	fx_nspid(fx_proc(s, 4300, 4243, 4300, 'S', "ninit"), PIDNS_B, 3,
	    4300, 10, 1);
	fx_nspid(fx_proc(s, 4301, 4300, 4300, 'S', "napp"), PIDNS_B, 3,
	    4301, 11, 2);
	fx_nspid(fx_proc(s, 5000, 100, 5000, 'S', "other"), PIDNS_C, 2,
	    5000, 1);
	fx_scene_build(&sc, s);
	CU_ASSERT_EQUAL(sc.snap->npidns, 4);

	vs.pidns = PIDNS_A;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 4242, 4243, 4300, 4301, 4244);
	CU_ASSERT(rows_depths_consistent(&sc));
	CU_ASSERT_EQUAL(must_row(&sc, 4242)->depth, 0);
	CU_ASSERT(must_row(&sc, 4242)->flags & ROW_LAST);
	CU_ASSERT_EQUAL(must_row(&sc, 4301)->depth, 3);
	CU_ASSERT(must_row(&sc, 4301)->flags & ROW_MATCH);
	CU_ASSERT(must_row(&sc, 4242)->flags & ROW_MATCH);
	CU_ASSERT_EQUAL(must_row(&sc, 4301)->rails, UINT64_C(1) << 0);

	vs.pidns = PIDNS_B;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 4300, 4301);
	CU_ASSERT_EQUAL(must_row(&sc, 4300)->depth, 0);
	CU_ASSERT_EQUAL(must_row(&sc, 4301)->depth, 1);

	vs.pidns = PIDNS_C;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 5000);

	/* Every namespace nests in the host's. */
	vs.pidns = FX_HOST_PIDNS;
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, sc.snap->nprocs);

	vs.pidns = 12345;	/* unknown: nothing */
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, 0);
	fx_scene_free(&sc);
}

static void
test_folding(void)
{
	struct fx_scene		 sc;
	struct proc_ident	 fold10[] = { { 10, 100 } };
	struct proc_ident	 reused[] = { { 10, 12345 } };
	struct proc_ident	 leaf[] = { { 1, 10 }, { 20, 200 } };
	struct proc_ident	 two[] = { { 10, 100 }, { 11, 110 } };
	struct viewstate	 vs = { .filter = ROWS_ALL };

	fx_scene_build(&sc, small_tree());
	vs.folded = fold10;
	vs.nfolded = 1;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 20, 2);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->flags & (ROW_FOLDED | ROW_HAS_KIDS),
	    ROW_FOLDED | ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 20)->flags & ROW_LAST);
	CU_ASSERT_FALSE(must_row(&sc, 1)->flags & ROW_FOLDED);

	/* Same pid, another start time: a different process, not folded. */
	vs.folded = reused;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 12, 20, 2);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_FOLDED);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_HAS_KIDS);

	/* A folded leaf hides nothing; folding the root hides everything. */
	vs.folded = leaf;
	vs.nfolded = 2;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 2);
	CU_ASSERT(must_row(&sc, 1)->flags & ROW_FOLDED);
	CU_ASSERT(must_row(&sc, 1)->flags & ROW_HAS_KIDS);
	CU_ASSERT_FALSE(must_row(&sc, 1)->flags & ROW_LAST);
	CU_ASSERT(must_row(&sc, 2)->flags & ROW_LAST);

	/* Nested folds: the outer one wins. */
	vs.folded = two;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 20, 2);

	/* Unfold: back to everything. */
	vs.folded = NULL;
	vs.nfolded = 0;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 12, 20, 2);
	fx_scene_free(&sc);
}

static void
test_fold_with_filter(void)
{
	struct fx_scene		 sc;
	struct proc_ident	 fold10[] = { { 10, 100 } };
	struct proc_ident	 fold11[] = { { 11, 110 } };
	struct viewstate	 vs = { .filter = ROWS_ZOMBIES };
	struct snapshot		*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'S', "a");
	fx_proc(s, 11, 10, 1, 'Z', "dead");
	fx_proc(s, 12, 10, 1, 'S', "alive");
	fx_scene_build(&sc, s);
	vs.folded = fold10;
	vs.nfolded = 1;
	/* A view that looks for zombies shows them, folded or not. */
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11);
	CU_ASSERT_FALSE(must_row(&sc, 10)->flags & ROW_FOLDED);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_LAST);
	/* Browsing the whole tree, the fold hides both children again. */
	vs.filter = ROWS_ALL;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_FOLDED);
	vs.filter = ROWS_ZOMBIES;
	/* The zombie's own fold hides nothing shown. */
	vs.folded = fold11;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11);
	CU_ASSERT_FALSE(must_row(&sc, 11)->flags & ROW_FOLDED);
	fx_scene_free(&sc);
}

/*
 * 1 -> {10 -> {11 (zombie), 12 -> {13 (zombie), 14, thread 16}, 17 in
 * PID namespace A}, 20}.
 */
static struct snapshot *
fold_tree(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "bash");
	fx_proc(s, 11, 10, 10, 'Z', "dead");
	fx_proc(s, 12, 10, 10, 'S', "make");
	fx_proc(s, 13, 12, 10, 'Z', "dead too");
	fx_proc(s, 14, 12, 10, 'S', "cc");
	p = fx_proc(s, 16, 10, 10, 'S', "make");
	p->tgid = 12;
	p->flags |= PI_THREAD;
	s->has_threads = true;
	fx_nspid(fx_proc(s, 17, 10, 17, 'S', "cinit"), PIDNS_A, 2, 17, 1);
	fx_proc(s, 20, 1, 20, 'S', "b");
	return s;
}

/* A folded row counts what its fold hides, and the zombies among it. */
static void
test_fold_counts(void)
{
	struct fx_scene		 sc;
	struct proc_ident	 fold10[] = { { 10, 100 } };
	struct proc_ident	 fold12[] = { { 12, 120 } };
	struct proc_ident	 both[] = { { 10, 100 }, { 12, 120 } };
	struct viewstate	 vs = { .filter = ROWS_ALL };
	size_t			 k;

	fx_scene_build(&sc, fold_tree());
	scene_rows(&sc, &vs);
	for (k = 0; k < sc.rows.n; k++)		/* nothing folded */
		CU_ASSERT_EQUAL(sc.rows.v[k].hidden, 0);
	vs.folded = fold10;
	vs.nfolded = 1;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 20);
	/* 11 12 13 14, the thread 16 and the container's 17. */
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden, 6);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden_zombies, 2);
	CU_ASSERT_EQUAL(must_row(&sc, 1)->hidden, 0);
	/* What the view leaves out anyway is not hidden by the fold. */
	vs.hide_threads = true;
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden, 5);
	/* Nested folds: the outer one counts all. */
	vs.folded = both;
	vs.nfolded = 2;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 20);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden, 5);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden_zombies, 2);
	vs.folded = fold12;
	vs.nfolded = 1;
	scene_rows(&sc, &vs);
	ROWS_ARE(&sc, 1, 10, 11, 12, 17, 20);
	CU_ASSERT_EQUAL(must_row(&sc, 12)->hidden, 2);	/* 13 and 14 */
	CU_ASSERT_EQUAL(must_row(&sc, 12)->hidden_zombies, 1);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden, 0);
	/* By namespace, a fold hides only its own section's members. */
	vs.layout = ROWS_BY_PIDNS;
	vs.folded = fold10;
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden, 4);
	CU_ASSERT_EQUAL(must_row(&sc, 10)->hidden_zombies, 2);
	CU_ASSERT(must_row(&sc, 10)->flags & ROW_FOLDED);
	CU_ASSERT_EQUAL(must_row(&sc, 17)->hidden, 0);
	CU_ASSERT_PTR_NULL(row_of(&sc, 13));
	fx_scene_free(&sc);
}

static void
test_deep_chain(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*s = fx_new();
	size_t			 k;
	pid_t			 pid;
	bool			 ok = true;

	for (pid = 1; pid <= CHAIN_DEPTH; pid++)
		fx_proc(s, pid, pid - 1, 1, 'S', "link");
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL_FATAL(sc.rows.n, CHAIN_DEPTH);
	CU_ASSERT_EQUAL(sc.rows.v[CHAIN_DEPTH - 1].depth, CHAIN_DEPTH - 1);
	for (k = 0; k < sc.rows.n; k++)
		if (sc.rows.v[k].depth != k || sc.rows.v[k].rails != 0 ||
		    !(sc.rows.v[k].flags & ROW_LAST))
			ok = false;
	CU_ASSERT(ok);
	fx_scene_free(&sc);
}

/*
 * A comb: chain node c_d at depth d (pid d + 1) also has a leaf sibling
 * with a higher pid, so every chain node below the root has a later
 * sibling and every rail that exists is drawn.  Rails are kept for the
 * depths below ROWS_RAIL_MAX, so a row at depth d has bits
 * 0 .. min(d - 2, ROWS_RAIL_MAX - 1) set and no others.
 */
static uint64_t
comb_rails(unsigned depth)
{
	if (depth < 2)
		return 0;
	if (depth - 1 >= ROWS_RAIL_MAX)
		return UINT64_MAX;
	return (UINT64_C(1) << (depth - 1)) - 1;
}

static void
test_deep_comb(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*s = fx_new();
	size_t			 k, bad = 0, leaves = 0;
	pid_t			 pid;

	for (pid = 1; pid <= CHAIN_DEPTH; pid++) {
		fx_proc(s, pid, pid - 1, 1, 'S', "link");
		if (pid > 1)
			fx_proc(s, COMB_LEAF_BASE + pid, pid - 1, 1, 'S',
			    "leaf");
	}
	fx_scene_build(&sc, s);
	scene_rows(&sc, &vs);
	CU_ASSERT_EQUAL_FATAL(sc.rows.n, 2 * CHAIN_DEPTH - 1);
	CU_ASSERT(rows_depths_consistent(&sc));
	for (k = 0; k < sc.rows.n; k++) {
		const struct row	*r = &sc.rows.v[k];
		bool			 is_leaf;

		is_leaf = r->proc->pid > COMB_LEAF_BASE;
		leaves += is_leaf;
		if (r->rails != comb_rails(r->depth))
			bad++;
		if (r->depth > 0 && !!(r->flags & ROW_LAST) != is_leaf)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(leaves, CHAIN_DEPTH - 1);
	/* Chain node pid d + 1 sits at depth d. */
	CU_ASSERT_EQUAL(must_row(&sc, 67)->rails, UINT64_MAX);
	CU_ASSERT_EQUAL(must_row(&sc, 66)->rails, UINT64_MAX);
	CU_ASSERT_EQUAL(must_row(&sc, 65)->rails, UINT64_MAX >> 1);
	CU_ASSERT_EQUAL(must_row(&sc, 64)->rails, UINT64_MAX >> 2);
	CU_ASSERT_EQUAL(must_row(&sc, CHAIN_DEPTH)->rails, UINT64_MAX);
	fx_scene_free(&sc);
}

/* One struct rows reused across trees that shrink and grow. */
static void
test_reuse(void)
{
	static const size_t	 sizes[] = { 5, 1000, 3, 0, 20000, 7 };
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*s;
	struct ptree		*t;
	struct rows		 rows;
	size_t			 i, k;
	pid_t			 pid;
	bool			 ok;

	rows_init(&rows);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		s = fx_new();
		for (pid = 1; pid <= (pid_t)sizes[i]; pid++)
			fx_proc(s, pid, pid / 2, 1, 'S', "p");
		snapshot_sort(s);
		classify_snapshot(s);
		t = ptree_build(s);
		rows_build(&rows, t, &vs);
		CU_ASSERT_EQUAL(rows.n, sizes[i]);
		ok = true;
		for (k = 0; k < rows.n; k++)
			if (rows.v[k].index != t->order[k] ||
			    rows.v[k].depth != t->depth[rows.v[k].index])
				ok = false;
		CU_ASSERT(ok);
		ptree_free(t);
		snapshot_free(s);
	}
	rows_done(&rows);
	rows_done(&rows);
}

static const struct runner_test tests[] = {
	{ "ROWS_ALL: pre-order and depth", test_all },
	{ "ROW_LAST and rails", test_last_and_rails },
	{ "ROWS_ZOMBIES keeps ancestors", test_zombies },
	{ "ROWS_ORPHANS keeps ancestors", test_orphans },
	{ "ROWS_SUBTREES", test_subtrees },
	{ "ROWS_PIDNS with nesting", test_pidns },
	{ "folding by identity", test_folding },
	{ "folding under a filter", test_fold_with_filter },
	{ "a fold counts what it hides", test_fold_counts },
	{ "rows reused across trees", test_reuse },
	{ "30,000-deep chain", test_deep_chain },
	{ "30,000-deep comb: rails past 64", test_deep_comb },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("rows", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
