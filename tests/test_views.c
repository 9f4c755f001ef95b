/*
 * Row layouts and text filters: the flat sorted list, the sections of
 * the by-namespace view, the search/filter matcher, and hidden threads.
 * No /proc, no terminal.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/rows.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define PIDNS_A		4026532177ull
#define PIDNS_B		4026532300ull

static pid_t
pid_at(const struct fx_scene *sc, size_t k)
{
	return k < sc->rows.n && sc->rows.v[k].proc != NULL ?
	    sc->rows.v[k].proc->pid : -1;
}

/* The PID namespace inode of header row r, 0 when it has none. */
static uint64_t
header_pidns(const struct fx_scene *sc, const struct row *r)
{
	const struct pidns_info	*ns = rows_header_pidns(sc->snap, NS_PID, r);

	return ns != NULL ? ns->inode : 0;
}

/* init, a shell with two commands, a container (A) with B nested in it. */
static struct snapshot *
views_world(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 50, 1, 50, 'S', "bash");
	p->rss_kb = 300;
	p = fx_proc(s, 60, 50, 50, 'R', "make");
	p->rss_kb = 900;
	p->cpu_pct = 50;
	p = fx_proc(s, 70, 50, 50, 'S', "Vim");
	p->rss_kb = 100;
	p->cpu_pct = 2;
	fx_nspid(fx_proc(s, 4242, 1, 4242, 'S', "cinit"), PIDNS_A, 2, 4242, 1);
	fx_nspid(fx_proc(s, 4243, 4242, 4242, 'S', "app"), PIDNS_A, 2, 4243, 2);
	fx_nspid(fx_proc(s, 4300, 4243, 4300, 'S', "ninit"), PIDNS_B, 3,
	    4300, 5, 1);
	fx_nspid(fx_proc(s, 4301, 4300, 4300, 'S', "napp"), PIDNS_B, 3,
	    4301, 6, 2);
	return s;
}

static void
test_matcher(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p = fx_proc(s, 1234, 1, 1, 'S', "python3");

	snapshot_set_cmdline(s, p, "python3\0-m\0http.server\0", 23);
	CU_ASSERT(rows_proc_matches(NULL, p, "1234", false));
	/* digits: a PID */
	CU_ASSERT_FALSE(rows_proc_matches(NULL, p, "123", false));
	/* any case */
	CU_ASSERT(rows_proc_matches(NULL, p, "PYTHON", false));
	/* NUL as a space */
	CU_ASSERT(rows_proc_matches(NULL, p, "-m http", false));
	CU_ASSERT(rows_proc_matches(NULL, p, "server", false));
	CU_ASSERT_FALSE(rows_proc_matches(NULL, p, "servers", false));
	CU_ASSERT(rows_proc_matches(NULL, p, "", false));
	snapshot_free(s);
}

static void
test_text_filter(void)
{
	struct fx_scene		sc;
	struct viewstate	vs = { .match = "vim" };

	fx_scene_build(&sc, views_world());
	rows_build(&sc.rows, sc.tree, &vs);
	/* The match and its ancestors, nothing else. */
	CU_ASSERT_EQUAL(sc.rows.n, 3);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 1);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 50);
	CU_ASSERT_EQUAL(pid_at(&sc, 2), 70);
	CU_ASSERT(sc.rows.v[2].flags & ROW_LAST);

	/* A fold does not hide what the filter looks for. */
	{
		struct proc_ident	fold = { 50, 500 };

		vs.folded = &fold;
		vs.nfolded = 1;
		rows_build(&sc.rows, sc.tree, &vs);
		CU_ASSERT_EQUAL(sc.rows.n, 3);
		CU_ASSERT_EQUAL(pid_at(&sc, 2), 70);
		vs.folded = NULL;
		vs.nfolded = 0;
	}

	vs.match = "nothing like it";
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, 0);
	vs.match = "";
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, sc.snap->nprocs);
	fx_scene_free(&sc);
}

static void
test_flat_sort(void)
{
	struct fx_scene		sc;
	struct viewstate	vs = { .layout = ROWS_FLAT, .sort = SORT_RSS,
				    .descending = true };
	size_t			k;

	fx_scene_build(&sc, views_world());
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, sc.snap->nprocs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 60);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 50);
	CU_ASSERT_EQUAL(pid_at(&sc, 2), 70);
	for (k = 0; k < sc.rows.n; k++)
		CU_ASSERT_EQUAL(sc.rows.v[k].depth, 0);
	/* %MEM is RSS over one total: the same order. */
	vs.sort = SORT_MEM;
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 60);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 50);

	/* VIRT and NLWP, biggest first. */
	fx_get(sc.snap, 70)->vsz_kb = 1u << 30;
	fx_get(sc.snap, 1)->vsz_kb = 1u << 20;
	fx_get(sc.snap, 50)->threads = 9;
	fx_get(sc.snap, 1)->threads = 4;
	vs.sort = SORT_VIRT;
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 70);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 1);
	vs.sort = SORT_NLWP;
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 50);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 1);

	/* Ties go by PID, ascending, whatever the direction. */
	vs.sort = SORT_STATE;
	vs.descending = false;
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 60);	/* R before S */
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 1);

	vs.sort = SORT_CPU;
	vs.descending = true;
	vs.match = "a";		/* bash, make, cinit, app, ninit, napp */
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(pid_at(&sc, 0), 60);
	fx_scene_free(&sc);
}

static void
test_by_pidns(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .layout = ROWS_BY_PIDNS };
	const struct row	*r;

	fx_scene_build(&sc, views_world());
	rows_build(&sc.rows, sc.tree, &vs);
	/* 3 headers + 8 processes. */
	CU_ASSERT_EQUAL(sc.rows.n, 11);
	r = &sc.rows.v[0];
	CU_ASSERT(r->proc == NULL && header_pidns(&sc, r) == FX_HOST_PIDNS);
	CU_ASSERT_EQUAL(r->depth, 0);
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 1);
	CU_ASSERT_EQUAL(sc.rows.v[1].depth, 1);
	CU_ASSERT_EQUAL(pid_at(&sc, 2), 50);
	CU_ASSERT_EQUAL(sc.rows.v[2].depth, 2);
	/* Namespace A: its init heads the section, without B's processes. */
	r = &sc.rows.v[5];
	CU_ASSERT(r->proc == NULL && header_pidns(&sc, r) == PIDNS_A);
	CU_ASSERT_EQUAL(pid_at(&sc, 6), 4242);
	CU_ASSERT_EQUAL(sc.rows.v[6].depth, 1);
	CU_ASSERT_EQUAL(pid_at(&sc, 7), 4243);
	CU_ASSERT_EQUAL(sc.rows.v[7].depth, 2);
	r = &sc.rows.v[8];
	CU_ASSERT(r->proc == NULL && header_pidns(&sc, r) == PIDNS_B);
	CU_ASSERT(r->flags & ROW_LAST);
	CU_ASSERT_EQUAL(pid_at(&sc, 9), 4300);
	CU_ASSERT_EQUAL(sc.rows.v[9].depth, 1);
	CU_ASSERT_EQUAL(pid_at(&sc, 10), 4301);
	CU_ASSERT_EQUAL(sc.rows.v[10].depth, 2);
	fx_scene_free(&sc);
}

static void
test_by_pidns_folding(void)
{
	struct fx_scene		sc;
	struct proc_ident	fold = { 4242, 42420 };	/* fx: start = pid*10 */
	struct viewstate	vs = { .layout = ROWS_BY_PIDNS,
				    .folded = &fold, .nfolded = 1 };

	fx_scene_build(&sc, views_world());
	rows_build(&sc.rows, sc.tree, &vs);
	/* 4243 is hidden under the fold; B's own section is unaffected. */
	CU_ASSERT_EQUAL(sc.rows.n, 10);
	CU_ASSERT_EQUAL(pid_at(&sc, 6), 4242);
	CU_ASSERT(sc.rows.v[6].flags & ROW_FOLDED);
	CU_ASSERT(sc.rows.v[7].proc == NULL);
	CU_ASSERT_EQUAL(pid_at(&sc, 8), 4300);
	fx_scene_free(&sc);
}

/*
 * A member whose parent lies in another (here: an unknown) namespace
 * hangs under its nearest ancestor in its own section, so the rows that
 * follow are not drawn as its children.  Found by the churn test.
 */
static void
test_by_pidns_parent_elsewhere(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .layout = ROWS_BY_PIDNS };
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	size_t			 k;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "shell");
	p = fx_proc(s, 11, 10, 10, 'S', "sudo");
	/* In some nested namespace whose ns/pid link we may not read. */
	fx_nspid(p, INODE_UNKNOWN, 2, 11, 5);
	fx_proc(s, 12, 11, 10, 'S', "cmd");
	fx_proc(s, 13, 10, 10, 'S', "later");
	fx_scene_build(&sc, s);
	rows_build(&sc.rows, sc.tree, &vs);
	/* Host: header, 1, 10, 12, 13; then the unknown section: 11. */
	CU_ASSERT_EQUAL(pid_at(&sc, 1), 1);
	CU_ASSERT_EQUAL(pid_at(&sc, 2), 10);
	CU_ASSERT_EQUAL(pid_at(&sc, 3), 12);
	CU_ASSERT_EQUAL(sc.rows.v[3].depth, 3);		/* under 10 */
	CU_ASSERT_EQUAL(pid_at(&sc, 4), 13);
	CU_ASSERT_EQUAL(sc.rows.v[4].depth, 3);		/* 12's sibling */
	for (k = 1; k < sc.rows.n; k++)
		CU_ASSERT(sc.rows.v[k].depth <= sc.rows.v[k - 1].depth + 1);
	fx_scene_free(&sc);
}

/* Another user's process: its namespace unread, but NSpid says ours. */
static void
test_pidns_inferred_from_nspid(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	p = fx_proc(s, 20, 1, 20, 'S', "theirs");
	fx_ns(p)[NS_PID] = INODE_UNKNOWN;
	CU_ASSERT_EQUAL(procinfo_pidns(s, p), FX_HOST_PIDNS);
	fx_nspid(p, INODE_UNKNOWN, 2, 20, 3);
	CU_ASSERT_EQUAL(procinfo_pidns(s, p), INODE_UNKNOWN);
	snapshot_free(s);
}

static void
test_hide_threads(void)
{
	struct fx_scene		 sc;
	struct viewstate	 vs = { .hide_threads = true };
	struct snapshot		*s = fx_new();
	struct procinfo		*t;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "server");
	t = fx_proc(s, 11, 1, 10, 'S', "worker");
	t->tgid = 10;
	t->flags |= PI_THREAD;
	fx_scene_build(&sc, s);
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, 2);
	vs.hide_threads = false;
	rows_build(&sc.rows, sc.tree, &vs);
	CU_ASSERT_EQUAL(sc.rows.n, 3);
	CU_ASSERT_EQUAL(pid_at(&sc, 2), 11);
	CU_ASSERT_EQUAL(sc.rows.v[2].depth, 2);		/* under its leader */
	fx_scene_free(&sc);
}

static const struct runner_test tests[] = {
	{ "search and filter matcher", test_matcher },
	{ "text filter keeps ancestors", test_text_filter },
	{ "flat list sorted", test_flat_sort },
	{ "sections by PID namespace", test_by_pidns },
	{ "folding in the namespace view", test_by_pidns_folding },
	{ "threads hidden and shown", test_hide_threads },
	{ "namespace sections when a parent is elsewhere",
	    test_by_pidns_parent_elsewhere },
	{ "PID namespace inferred from NSpid", test_pidns_inferred_from_nspid },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("views", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
