/*
 * Rows with the marks of struct recent: ghosts of exited processes under
 * their old parent (a live one, another ghost, or the top), PID reuse,
 * expiry, the views that show or hide them, the flat and by-namespace
 * layouts, and new processes flagged.  Synthetic snapshots diffed as the
 * refresh loop does; no /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/ptree.h"
#include "proc/recent.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define PIDNS_A		4026532177ull	/* a container */

/* prev and cur diffed into rc; cur's tree and rows in sc. */
struct gscene {
	struct snapshot	*prev;		/* owned */
	struct fx_scene	 sc;		/* owns cur */
	struct recent	 rc;
	struct diff	 d;
};

static void
gscene_build(struct gscene *g, struct snapshot *prev, struct snapshot *cur)
{
	recent_init(&g->rc);
	diff_init(&g->d);
	g->prev = prev;
	snapshot_sort(prev);
	diff_snapshots(NULL, prev, &g->d);
	classify_snapshot(prev);
	recent_update(&g->rc, NULL, prev, &g->d);
	cur->time = prev->time + 1.0;
	snapshot_sort(cur);
	diff_snapshots(prev, cur, &g->d);
	fx_scene_build(&g->sc, cur);
	recent_update(&g->rc, prev, cur, &g->d);
}

/* Move the scene on to later (time set by the caller): cur becomes prev. */
static void
gscene_advance(struct gscene *g, struct snapshot *later)
{
	snapshot_sort(later);
	diff_snapshots(g->sc.snap, later, &g->d);
	recent_update(&g->rc, g->sc.snap, later, &g->d);
	snapshot_free(g->prev);
	g->prev = g->sc.snap;
	ptree_free(g->sc.tree);
	classify_snapshot(later);
	g->sc.snap = later;
	g->sc.tree = ptree_build(later);
}

static void
gscene_free(struct gscene *g)
{
	fx_scene_free(&g->sc);
	snapshot_free(g->prev);
	recent_done(&g->rc);
	diff_done(&g->d);
}

static void
gscene_rows(struct gscene *g, struct viewstate *vs)
{
	vs->recent = &g->rc;
	rows_build(&g->sc.rows, g->sc.tree, vs);
}

/* "1 10 11g 12n": the rows' pids, g for a ghost, n for a new one. */
static const char *
rows_text(const struct rows *r, char *buf, size_t size)
{
	size_t	k, used = 0;

	buf[0] = '\0';
	for (k = 0; k < r->n && used < size; k++) {
		if (r->v[k].proc == NULL)
			used += (size_t)snprintf(buf + used, size - used,
			    "%s#", k ? " " : "");
		else
			used += (size_t)snprintf(buf + used, size - used,
			    "%s%d%s%s", k ? " " : "", (int)r->v[k].proc->pid,
			    (r->v[k].flags & ROW_GHOST) ? "g" : "",
			    (r->v[k].flags & ROW_NEW) ? "n" : "");
	}
	return buf;
}

#define ROWS_TEXT_IS(g, want) do {					\
	char	buf_[512];						\
									\
	rows_text(&(g)->sc.rows, buf_, sizeof buf_);			\
	if (strcmp(buf_, (want)) != 0)					\
		fprintf(stderr, "\nrows: '%s', want '%s'\n", buf_,	\
		    (want));						\
	CU_ASSERT_STRING_EQUAL(buf_, (want));				\
} while (0)

/* The k-th row showing pid (ghost or not), or NULL. */
static const struct row *
row_for(const struct gscene *g, pid_t pid, bool ghost)
{
	size_t	k;

	for (k = 0; k < g->sc.rows.n; k++)
		if (g->sc.rows.v[k].proc != NULL &&
		    g->sc.rows.v[k].proc->pid == pid &&
		    ((g->sc.rows.v[k].flags & ROW_GHOST) != 0) == ghost)
			return &g->sc.rows.v[k];
	return NULL;
}

/*
 * The tree's invariants hold with ghosts in it: each row's depth is its
 * parent row's plus one, a parent comes before its children, a ghost
 * row points at a ghost and a live one into the snapshot.
 */
static bool
rows_sane(const struct gscene *g)
{
	const struct rows	*r = &g->sc.rows;
	size_t			 k, p;

	for (k = 0; k < r->n; k++) {
		p = r->parent_row[k];
		if (p != PTREE_NONE && (p >= k ||
		    r->v[k].depth != r->v[p].depth + 1))
			return false;
		if (p == PTREE_NONE && r->v[k].depth != 0)
			return false;
		if (r->v[k].flags & ROW_GHOST) {
			if (rows_ghost(&r->v[k]) == NULL ||
			    r->v[k].proc != &rows_ghost(&r->v[k])->proc ||
			    r->v[k].index != ROWS_NO_INDEX)
				return false;
		} else if (r->v[k].proc != NULL &&
		    (rows_ghost(&r->v[k]) != NULL || r->v[k].index >=
		    g->sc.snap->nprocs ||
		    r->v[k].proc != &g->sc.snap->procs[r->v[k].index]))
			return false;
	}
	return true;
}

/* 1 -> {10 -> {11, 13}, 20}. */
static struct snapshot *
family(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "bash");
	fx_proc(s, 11, 10, 10, 'S', "sleep");
	fx_proc(s, 13, 10, 10, 'S', "vim");
	fx_proc(s, 20, 1, 20, 'S', "sshd");
	return s;
}

/* 11 exits, 12 starts: the ghost keeps its place among the children. */
static void
test_ghost_in_place(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*cur = fx_new();
	const struct row	*r;

	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 10, 1, 10, 'S', "bash");
	fx_proc(cur, 12, 10, 10, 'R', "make");
	fx_proc(cur, 13, 10, 10, 'S', "vim");
	fx_proc(cur, 20, 1, 20, 'S', "sshd");
	gscene_build(&g, family(), cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11g 12n 13 20");
	CU_ASSERT(rows_sane(&g));
	r = row_for(&g, 11, true);
	CU_ASSERT(r != NULL && r->depth == 2 && !(r->flags & ROW_LAST) &&
	    strcmp(r->proc->comm, "sleep") == 0);
	r = row_for(&g, 13, false);
	CU_ASSERT(r != NULL && (r->flags & ROW_LAST));
	CU_ASSERT(g.sc.snap->nprocs == 5);	/* the snapshot has no ghost */
	/* Without recent: the snapshot's rows only. */
	vs.recent = NULL;
	rows_build(&g.sc.rows, g.sc.tree, &vs);
	ROWS_TEXT_IS(&g, "1 10 12 13 20");
	gscene_free(&g);
}

/*
 * A whole subtree exits: its ghosts keep their shape; the last child of
 * its parent is a ghost (ROW_LAST, rails).  A ghost whose parent is gone
 * without a trace goes to the top, among the roots by PID.
 */
static void
test_ghost_subtree_and_top(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = family(), *cur = fx_new();
	const struct row	*r;

	fx_proc(prev, 30, 20, 20, 'S', "sshd-session");
	fx_proc(prev, 31, 30, 31, 'S', "bash");
	fx_proc(prev, 32, 31, 31, 'S', "top");
	fx_proc(prev, 5, 4, 4, 'S', "stray");	/* parent 4 never seen */
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 10, 1, 10, 'S', "bash");
	fx_proc(cur, 11, 10, 10, 'S', "sleep");
	fx_proc(cur, 13, 10, 10, 'S', "vim");
	fx_proc(cur, 20, 1, 20, 'S', "sshd");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 20 30g 31g 32g 5g");
	CU_ASSERT(rows_sane(&g));
	r = row_for(&g, 32, true);
	CU_ASSERT(r != NULL && r->depth == 4 && (r->flags & ROW_LAST));
	r = row_for(&g, 30, true);
	CU_ASSERT(r != NULL && r->depth == 2 && (r->flags & ROW_LAST) &&
	    (r->flags & ROW_HAS_KIDS));
	r = row_for(&g, 20, false);
	CU_ASSERT(r != NULL && (r->flags & ROW_HAS_KIDS) &&
	    (r->flags & ROW_LAST));
	r = row_for(&g, 1, false);	/* the root 5 comes after it */
	CU_ASSERT(r != NULL && !(r->flags & ROW_LAST));
	r = row_for(&g, 5, true);
	CU_ASSERT(r != NULL && r->depth == 0 && (r->flags & ROW_LAST));
	gscene_free(&g);
}

/*
 * PID reuse: 30 and its child 31 exit and a new 30 starts under init.
 * Ghost 31 belongs under ghost 30 (the new 30 started after it), and
 * both 30s are shown, the new one marked new.
 */
static void
test_pid_reuse(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = family(), *cur = family();
	const struct row	*old, *kid;

	fx_proc(prev, 30, 1, 30, 'S', "old");
	fx_proc(prev, 31, 30, 30, 'S', "oldkid");
	fx_proc(cur, 30, 1, 30, 'S', "new")->start_ticks = 9000;
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 20 30n 30g 31g");
	CU_ASSERT(rows_sane(&g));
	old = row_for(&g, 30, true);
	kid = row_for(&g, 31, true);
	CU_ASSERT(old != NULL && old->proc->start_ticks == 300 &&
	    strcmp(old->proc->comm, "old") == 0);
	CU_ASSERT(old != NULL && kid != NULL && kid->depth == old->depth + 1);
	CU_ASSERT(row_for(&g, 30, false) != NULL &&
	    row_for(&g, 30, false)->proc->start_ticks == 9000);
	gscene_free(&g);
}

/* After hold seconds the ghost and the new mark are gone. */
static void
test_expiry(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = family(), *cur = family(), *later;

	fx_proc(prev, 15, 10, 10, 'S', "gone");
	fx_proc(cur, 16, 10, 10, 'S', "born");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 15g 16n 20");
	later = family();
	fx_proc(later, 16, 10, 10, 'S', "born");
	later->time = g.sc.snap->time + RECENT_HOLD_SECONDS;
	gscene_advance(&g, later);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 16 20");
	gscene_free(&g);
}

/*
 * Views: none in the zombie view; under a fold, hidden; in a subtree
 * view only inside the subtrees; with a text filter only when matching,
 * its ancestors kept.
 */
static void
test_views(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ZOMBIES };
	struct snapshot		*prev = family(), *cur = family();
	struct proc_ident	 fold = { 10, 100 };
	pid_t			 sub10 = 10, sub20 = 20;

	fx_proc(prev, 14, 13, 10, 'S', "less");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "");
	vs.filter = ROWS_ALL;
	vs.folded = &fold;
	vs.nfolded = 1;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 20");
	vs.nfolded = 0;
	vs.filter = ROWS_SUBTREES;
	vs.pids = &sub10;
	vs.npids = 1;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "10 11 13 14g");
	CU_ASSERT(rows_sane(&g));
	vs.pids = &sub20;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "20");
	vs.filter = ROWS_ALL;
	vs.match = "less";
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 13 14g");
	CU_ASSERT(row_for(&g, 14, true) != NULL &&
	    (row_for(&g, 14, true)->flags & ROW_MATCH));
	vs.match = "vim";
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 13");
	gscene_free(&g);
}

/* Flat: sorted in with the rest; by namespace: in their own section. */
static void
test_flat_and_by_pidns(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL, .layout = ROWS_FLAT,
				    .sort = SORT_PID };
	struct snapshot		*prev = family(), *cur = family();
	struct procinfo		*p;

	p = fx_proc(prev, 40, 20, 40, 'S', "tini");
	fx_nspid(p, PIDNS_A, 2, 40, 1);
	p = fx_proc(prev, 41, 40, 40, 'S', "app");
	fx_nspid(p, PIDNS_A, 2, 41, 2);
	p = fx_proc(prev, 42, 40, 40, 'S', "worker");
	fx_nspid(p, PIDNS_A, 2, 42, 3);
	p = fx_proc(cur, 40, 20, 40, 'S', "tini");
	fx_nspid(p, PIDNS_A, 2, 40, 1);
	p = fx_proc(cur, 42, 40, 40, 'S', "worker");
	fx_nspid(p, PIDNS_A, 2, 42, 3);
	fx_proc(prev, 12, 10, 10, 'S', "cc");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 12g 13 20 40 41g 42");
	vs.sort = SORT_START;
	vs.descending = true;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "42 41g 40 20 13 12g 11 10 1");
	vs.descending = false;
	vs.layout = ROWS_BY_PIDNS;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "# 1 10 11 12g 13 20 # 40 41g 42");
	CU_ASSERT(rows_sane(&g));
	CU_ASSERT(row_for(&g, 41, true) != NULL &&
	    row_for(&g, 41, true)->depth == 2);
	gscene_free(&g);
}

/*
 * A container init exits with its children: in the by-namespace view
 * its ghost heads its section (its parent lives in another one), and
 * its children's ghosts stay under it.
 */
static void
test_by_pidns_parent_elsewhere(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL,
				    .layout = ROWS_BY_PIDNS };
	struct snapshot		*prev = family(), *cur = family();
	struct procinfo		*p;

	p = fx_proc(prev, 40, 20, 40, 'S', "tini");
	fx_nspid(p, PIDNS_A, 2, 40, 1);
	p = fx_proc(prev, 41, 40, 40, 'S', "app");
	fx_nspid(p, PIDNS_A, 2, 41, 2);
	p = fx_proc(prev, 43, 40, 40, 'S', "app");
	fx_nspid(p, PIDNS_A, 2, 43, 4);
	p = fx_proc(cur, 43, 1, 40, 'S', "app");	/* outlived it */
	fx_nspid(p, PIDNS_A, 2, 43, 4);
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "# 1 10 11 13 20 # 40g 41g 43");
	CU_ASSERT(rows_sane(&g));
	CU_ASSERT(row_for(&g, 41, true) != NULL &&
	    row_for(&g, 41, true)->depth == 2);
	vs.layout = ROWS_TREE;
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 20 40g 41g 43");
	gscene_free(&g);
}

/* Many ghosts under one parent with many children: order and counts. */
static void
test_many(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	size_t			 k, ghosts = 0, want = 0, bad = 0;
	pid_t			 pid, last = 0;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	for (pid = 100; pid < 5100; pid++) {
		fx_proc(prev, pid, 1, pid, 'S', "w");
		if (pid % 3 != 0)
			fx_proc(cur, pid, 1, pid, 'S', "w");
		else
			want++;
	}
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	CU_ASSERT_EQUAL(g.sc.rows.n, 5001);
	for (k = 1; k < g.sc.rows.n; k++) {
		pid = g.sc.rows.v[k].proc->pid;
		if (pid <= last || g.sc.rows.v[k].depth != 1 ||
		    ((g.sc.rows.v[k].flags & ROW_GHOST) != 0) !=
		    (pid % 3 == 0))
			bad++;
		ghosts += (g.sc.rows.v[k].flags & ROW_GHOST) != 0;
		last = pid;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(ghosts, want);
	CU_ASSERT(g.sc.rows.v[g.sc.rows.n - 1].flags & ROW_LAST);
	CU_ASSERT(rows_sane(&g));
	gscene_free(&g);
}

/*
 * A text filter that matches a ghost whose parent is a ghost that does
 * not match: the parent stays, to give it a place (as live ancestors do).
 */
static void
test_filter_through_ghost_parent(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL, .match = "top" };
	struct snapshot		*prev = family(), *cur = fx_new();

	fx_proc(prev, 30, 20, 20, 'S', "sshd-session");
	fx_proc(prev, 31, 30, 31, 'S', "bash");
	fx_proc(prev, 32, 31, 31, 'S', "top");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 10, 1, 10, 'S', "bash");
	fx_proc(cur, 20, 1, 20, 'S', "sshd");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 20 30g 31g 32g");
	CU_ASSERT(rows_sane(&g));
	vs.match = "nothing here";
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "");
	gscene_free(&g);
}

/* The wall clock stepped back: marks go, they do not last the step. */
static void
test_clock_steps_back(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = family(), *cur = family(), *later;

	fx_proc(prev, 15, 10, 10, 'S', "gone");
	fx_proc(cur, 16, 10, 10, 'S', "born");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 15g 16n 20");
	later = family();
	fx_proc(later, 16, 10, 10, 'S', "born");
	later->time = g.sc.snap->time - 3600;	/* an hour back */
	gscene_advance(&g, later);
	gscene_rows(&g, &vs);
	ROWS_TEXT_IS(&g, "1 10 11 13 16 20");
	gscene_free(&g);
}

/*
 * A chain 200 deep (the merge's stack of open rows grows past its first
 * size) with a ghost at its end and one beside it halfway: each in its
 * place and depth, every live row kept.
 */
static void
test_deep_chain(void)
{
	struct gscene		 g;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct row	*r;
	pid_t			 pid;
	bool			 chain = true;

	for (pid = 1; pid <= 200; pid++) {
		fx_proc(prev, pid, pid - 1, 1, 'S', "link");
		fx_proc(cur, pid, pid - 1, 1, 'S', "link");
	}
	fx_proc(prev, 201, 200, 1, 'S', "end");
	fx_proc(prev, 300, 150, 1, 'S', "side");
	gscene_build(&g, prev, cur);
	gscene_rows(&g, &vs);
	CU_ASSERT(rows_sane(&g));
	CU_ASSERT_EQUAL_FATAL(g.sc.rows.n, 202);
	for (pid = 1; pid <= 200; pid++)
		chain &= g.sc.rows.v[pid - 1].proc->pid == pid &&
		    g.sc.rows.v[pid - 1].depth == (unsigned)pid - 1;
	CU_ASSERT(chain);
	r = &g.sc.rows.v[200];
	CU_ASSERT(r->proc->pid == 201 && (r->flags & ROW_GHOST) &&
	    r->depth == 200);
	r = &g.sc.rows.v[201];
	CU_ASSERT(r->proc->pid == 300 && (r->flags & ROW_GHOST) &&
	    r->depth == 150);
	gscene_free(&g);
}

static const struct runner_test tests[] = {
	{ "a deep chain with ghosts", test_deep_chain },
	{ "ghost in its place, new marked", test_ghost_in_place },
	{ "ghost subtree and top level", test_ghost_subtree_and_top },
	{ "pid reuse", test_pid_reuse },
	{ "expiry", test_expiry },
	{ "views", test_views },
	{ "flat and by namespace", test_flat_and_by_pidns },
	{ "by namespace: parent elsewhere",
	    test_by_pidns_parent_elsewhere },
	{ "5,000 siblings", test_many },
	{ "filter: a matching ghost under a ghost parent",
	    test_filter_through_ghost_parent },
	{ "the clock steps back", test_clock_steps_back },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("rows_ghosts", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
