/*
 * The explorer's state without a terminal (proc/view.h): selection and
 * folds kept by identity across refreshes, find-and-unfold, scrolling,
 * view toggles and Esc, typed search and filter, the status message,
 * and the parts it is made of (identity sets, list moves, the event
 * ring, the model pipeline).  Model scenes only: no /proc, no curses.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/diff.h"
#include "proc/eventlog.h"
#include "proc/identset.h"
#include "proc/listnav.h"
#include "proc/model.h"
#include "proc/ptree.h"
#include "proc/snapshot.h"
#include "proc/view.h"
#include "tests/fx.h"
#include "tests/runner.h"

/*
 * init(1) -> sshd(10) -> bash(20) -> make(30) -> cc(31), cc(32)
 *         -> cron(40) -> job(41)
 *         -> web(50) -> worker(51), zombie(52)
 */
static struct snapshot *
world_without(pid_t gone)
{
	static const struct {
		pid_t		 pid, ppid, sid;
		char		 state;
		const char	*comm;
	} procs[] = {
		{ 1, 0, 1, 'S', "init" },	{ 10, 1, 10, 'S', "sshd" },
		{ 20, 10, 20, 'S', "bash" },	{ 30, 20, 20, 'R', "make" },
		{ 31, 30, 20, 'R', "cc" },	{ 32, 30, 20, 'R', "cc" },
		{ 40, 1, 40, 'S', "cron" },	{ 41, 40, 40, 'S', "job" },
		{ 50, 1, 50, 'S', "web" },	{ 51, 50, 50, 'S', "worker" },
		{ 52, 50, 50, 'Z', "zombie" },
	};
	struct snapshot	*s = fx_new();
	size_t		 i;

	for (i = 0; i < RUNNER_COUNT(procs); i++)
		if (procs[i].pid != gone)
			fx_proc(s, procs[i].pid, procs[i].ppid, procs[i].sid,
			    procs[i].state, procs[i].comm);
	return s;
}

static struct snapshot *
world(void)
{
	return world_without(0);
}

static pid_t
sel_pid(const struct view *v)
{
	const struct procinfo	*p = view_selected_proc(v);

	return p != NULL ? p->pid : -1;
}

static size_t
row_of(const struct view *v, pid_t pid)
{
	size_t	k;

	for (k = 0; k < v->rows.n; k++)
		if (v->rows.v[k].proc != NULL && v->rows.v[k].proc->pid == pid)
			return k;
	return (size_t)-1;
}

/* A view on scene sc, as the command line leaves it (everything). */
static void
open_view(struct view *v, struct fx_scene *sc, struct snapshot *s)
{
	struct viewstate	base;

	fx_scene_build(sc, s);
	memset(&base, 0, sizeof base);
	view_init(v);
	view_set_base(v, &base);
	view_set_tree(v, sc->tree);
}

/* A refresh: show the scene of s, as the explorer installs one. */
static void
refresh(struct view *v, struct fx_scene *old, struct snapshot *s)
{
	struct fx_scene	sc;

	fx_scene_build(&sc, s);
	view_prune(v, sc.snap);
	view_set_tree(v, sc.tree);
	fx_scene_free(old);
	*old = sc;
}

static void
close_view(struct view *v, struct fx_scene *sc)
{
	view_done(v);
	fx_scene_free(sc);
}

static void
test_selection_follows_identity(void)
{
	struct fx_scene	 sc;
	struct view	 v;
	struct snapshot	*s;

	open_view(&v, &sc, world());
	view_select(&v, row_of(&v, 41));
	CU_ASSERT_EQUAL(sel_pid(&v), 41);
	/* A process appears above it: the row moves, the selection too. */
	s = world();
	fx_proc(s, 11, 10, 10, 'S', "sshd-session");
	refresh(&v, &sc, s);
	CU_ASSERT_EQUAL(sel_pid(&v), 41);
	CU_ASSERT_EQUAL(v.selected, row_of(&v, 41));
	/* It exits: its parent is selected. */
	refresh(&v, &sc, world_without(41));
	CU_ASSERT_PTR_NULL(snapshot_find(sc.snap, 41));
	CU_ASSERT_EQUAL(sel_pid(&v), 40);
	close_view(&v, &sc);
}

static void
test_reused_pid_is_another_process(void)
{
	struct fx_scene	 sc;
	struct view	 v;
	struct snapshot	*s;

	open_view(&v, &sc, world());
	view_select(&v, row_of(&v, 31));
	/* PID 31 now belongs to a process started later, under web. */
	s = world();
	fx_get(s, 31)->start_ticks = 9999;
	fx_get(s, 31)->ppid = 50;
	refresh(&v, &sc, s);
	CU_ASSERT_EQUAL(sel_pid(&v), 30);	/* the old one's parent */
	close_view(&v, &sc);
}

static void
test_folds_by_identity(void)
{
	struct fx_scene	 sc;
	struct view	 v;
	struct snapshot	*s;
	size_t		 all;

	open_view(&v, &sc, world());
	all = v.rows.n;
	view_select(&v, row_of(&v, 30));
	CU_ASSERT_TRUE(view_fold(&v, true));
	CU_ASSERT_FALSE(view_fold(&v, true));	/* folded already */
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	CU_ASSERT_EQUAL(row_of(&v, 31), (size_t)-1);
	CU_ASSERT(v.rows.v[row_of(&v, 30)].flags & ROW_FOLDED);
	/* The fold survives a refresh. */
	refresh(&v, &sc, world());
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	CU_ASSERT_EQUAL(v.folded.n, 1);
	/* make exits and its PID is reused: the new one starts open. */
	s = world();
	fx_get(s, 30)->start_ticks = 12345;
	refresh(&v, &sc, s);
	CU_ASSERT_EQUAL(v.folded.n, 0);
	CU_ASSERT_EQUAL(v.rows.n, all);
	close_view(&v, &sc);
}

static void
test_collapse_and_unfold_all(void)
{
	struct fx_scene	sc;
	struct view	v;
	size_t		all;

	open_view(&v, &sc, world());
	all = v.rows.n;
	/* Left on a leaf goes to its parent, as htop does. */
	view_select(&v, row_of(&v, 32));
	view_collapse(&v);
	CU_ASSERT_EQUAL(sel_pid(&v), 30);
	/* On an open parent it folds; again, it goes up. */
	view_collapse(&v);
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	CU_ASSERT_EQUAL(sel_pid(&v), 30);
	view_collapse(&v);
	CU_ASSERT_EQUAL(sel_pid(&v), 20);
	view_collapse(&v);
	CU_ASSERT_EQUAL(v.rows.n, all - 3);
	view_unfold_all(&v);
	CU_ASSERT_EQUAL(v.rows.n, all);
	CU_ASSERT_EQUAL(v.folded.n, 0);
	CU_ASSERT_EQUAL(sel_pid(&v), 20);
	close_view(&v, &sc);
}

static void
test_find_opens_folds(void)
{
	struct fx_scene	sc;
	struct view	v;

	open_view(&v, &sc, world());
	view_select(&v, row_of(&v, 20));
	view_fold(&v, true);
	view_select(&v, row_of(&v, 10));
	view_fold(&v, true);
	CU_ASSERT_EQUAL(row_of(&v, 31), (size_t)-1);
	/* cc is under both folds: both open, and it is selected. */
	view_select(&v, 0);
	CU_ASSERT_TRUE(view_find(&v, 0, "cc", 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 31);
	CU_ASSERT_EQUAL(v.folded.n, 0);
	/* Next and previous wrap round. */
	CU_ASSERT_TRUE(view_find(&v, 0, "cc", 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 32);
	CU_ASSERT_TRUE(view_find(&v, 0, "cc", 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 31);
	CU_ASSERT_TRUE(view_find(&v, 0, "cc", -1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 32);
	CU_ASSERT_FALSE(view_find(&v, 0, "nothing-like-it", 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 32);
	/* z: the parent that holds a zombie. */
	view_select(&v, 0);
	CU_ASSERT_TRUE(view_find(&v, PI_ZPARENT, NULL, 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 50);
	close_view(&v, &sc);
}

static void
test_moves_and_scroll(void)
{
	struct fx_scene	sc;
	struct view	v;
	size_t		n;

	open_view(&v, &sc, world());
	n = v.rows.n;
	view_move(&v, LISTNAV_END, 4);
	CU_ASSERT_EQUAL(v.selected, n - 1);
	view_scroll(&v, 4);
	CU_ASSERT_EQUAL(v.top, n - 4);
	view_move(&v, LISTNAV_PAGE_UP, 4);
	CU_ASSERT_EQUAL(v.selected, n - 5);
	view_scroll(&v, 4);
	CU_ASSERT_EQUAL(v.top, n - 5);
	view_move(&v, LISTNAV_HOME, 4);
	view_scroll(&v, 4);
	CU_ASSERT_EQUAL(v.top, 0);
	view_move(&v, LISTNAV_UP, 4);
	CU_ASSERT_EQUAL(v.selected, 0);
	/* Sideways: never left of the start. */
	view_hscroll(&v, 8);
	view_hscroll(&v, 8);
	CU_ASSERT_EQUAL(v.hscroll, 16);
	view_hscroll(&v, -20);
	CU_ASSERT_EQUAL(v.hscroll, 0);
	view_hscroll(&v, 8);
	view_hscroll(&v, 0);
	CU_ASSERT_EQUAL(v.hscroll, 0);
	/* A taller screen than the rows: no space left above the end. */
	v.top = 3;
	view_scroll(&v, 100);
	CU_ASSERT_EQUAL(v.top, 0);
	close_view(&v, &sc);
}

static void
test_toggles_and_escape(void)
{
	struct fx_scene	sc;
	struct view	v;
	size_t		all;

	open_view(&v, &sc, world());
	all = v.rows.n;
	view_select(&v, row_of(&v, 52));
	view_toggle_filter(&v, ROWS_ZOMBIES);
	CU_ASSERT_EQUAL(v.vs.filter, ROWS_ZOMBIES);
	CU_ASSERT_EQUAL(v.rows.n, 3);		/* init, web, the zombie */
	CU_ASSERT_EQUAL(sel_pid(&v), 52);
	view_toggle_filter(&v, ROWS_ZOMBIES);
	CU_ASSERT_EQUAL(v.vs.filter, ROWS_ALL);
	CU_ASSERT_EQUAL(v.rows.n, all);
	/* Esc takes back one thing at a time, the last-made first. */
	view_toggle_layout(&v, ROWS_FLAT);
	view_toggle_filter(&v, ROWS_ZOMBIES);
	view_input_start(&v, VIEW_INPUT_FILTER);
	view_input_char(&v, 'z');
	view_input_accept(&v);
	snprintf(v.search, sizeof v.search, "cc");
	CU_ASSERT_TRUE(view_escape(&v));
	CU_ASSERT_STRING_EQUAL(v.search, "");
	CU_ASSERT_STRING_EQUAL(v.filter, "z");
	CU_ASSERT_TRUE(view_escape(&v));
	CU_ASSERT_STRING_EQUAL(v.filter, "");
	CU_ASSERT_PTR_NULL(v.vs.match);
	CU_ASSERT_TRUE(view_escape(&v));
	CU_ASSERT_EQUAL(v.vs.filter, ROWS_ALL);
	CU_ASSERT_EQUAL(v.vs.layout, ROWS_FLAT);
	CU_ASSERT_TRUE(view_escape(&v));
	CU_ASSERT_EQUAL(v.vs.layout, ROWS_TREE);
	CU_ASSERT_FALSE(view_escape(&v));
	CU_ASSERT_EQUAL(v.rows.n, all);
	close_view(&v, &sc);
}

static void
test_typing(void)
{
	struct fx_scene	sc;
	struct view	v;
	size_t		all;

	open_view(&v, &sc, world());
	all = v.rows.n;
	/* A filter narrows as it is typed; Esc drops it. */
	view_input_start(&v, VIEW_INPUT_FILTER);
	view_input_char(&v, 'j');
	view_input_char(&v, 'o');
	CU_ASSERT_STRING_EQUAL(v.filter, "jo");
	CU_ASSERT(v.rows.n < all);
	CU_ASSERT_NOT_EQUAL(row_of(&v, 41), (size_t)-1);
	CU_ASSERT_EQUAL(row_of(&v, 31), (size_t)-1);
	view_input_char(&v, '\033');		/* never typed: not printable */
	CU_ASSERT_STRING_EQUAL(v.edit, "jo");
	view_input_cancel(&v);
	CU_ASSERT_EQUAL(v.input, VIEW_INPUT_NONE);
	CU_ASSERT_EQUAL(v.rows.n, all);
	/* A search finds as it is typed; Enter keeps it for n and N. */
	view_input_start(&v, VIEW_INPUT_SEARCH);
	view_input_char(&v, 'w');
	CU_ASSERT_EQUAL(sel_pid(&v), 50);
	view_input_char(&v, 'o');
	CU_ASSERT_EQUAL(sel_pid(&v), 51);
	view_input_erase(&v);
	CU_ASSERT_STRING_EQUAL(v.edit, "w");
	view_input_char(&v, 'x');
	CU_ASSERT_STRING_EQUAL(view_status(&v, 10.0), "no match");
	view_input_erase(&v);
	view_input_accept(&v);
	CU_ASSERT_STRING_EQUAL(v.search, "w");
	CU_ASSERT_EQUAL(v.rows.n, all);
	close_view(&v, &sc);
}

/* /12345: a PID that is not there does not move the selection. */
static void
test_pid_search(void)
{
	struct fx_scene	sc;
	struct view	v;
	size_t		all;

	open_view(&v, &sc, world());
	all = v.rows.n;
	view_select(&v, row_of(&v, 41));
	view_input_start(&v, VIEW_INPUT_SEARCH);
	view_input_char(&v, '5');
	CU_ASSERT_EQUAL(sel_pid(&v), 41);	/* no PID 5: stays */
	CU_ASSERT_STRING_EQUAL(view_status(&v, 1.0), "no such PID 5");
	view_input_char(&v, '2');
	CU_ASSERT_EQUAL(sel_pid(&v), 52);	/* exactly 52 */
	view_input_char(&v, '9');
	CU_ASSERT_EQUAL(sel_pid(&v), 41);	/* no 529: back to the start */
	CU_ASSERT_STRING_EQUAL(view_status(&v, 1.0), "no such PID 529");
	view_input_cancel(&v);
	/* In the flat list a filter shows the matches alone. */
	view_toggle_layout(&v, ROWS_FLAT);
	view_input_start(&v, VIEW_INPUT_FILTER);
	view_input_char(&v, 'c');
	view_input_char(&v, 'c');
	CU_ASSERT_EQUAL(v.rows.n, 2);
	view_toggle_layout(&v, ROWS_FLAT);	/* the tree: with ancestors */
	CU_ASSERT_EQUAL(v.rows.n, 6);
	view_input_cancel(&v);
	CU_ASSERT_EQUAL(v.rows.n, all);
	close_view(&v, &sc);
}

static void
test_status_lasts(void)
{
	struct view	v;

	view_init(&v);
	CU_ASSERT_PTR_NULL(view_status(&v, 100.0));
	view_say(&v, "columns saved");
	/* Its time starts when it is first shown. */
	CU_ASSERT_STRING_EQUAL(view_status(&v, 100.0), "columns saved");
	CU_ASSERT_STRING_EQUAL(view_status(&v, 102.9), "columns saved");
	CU_ASSERT_PTR_NULL(view_status(&v, 100.0 + VIEW_STATUS_SECONDS));
	view_say(&v, "no match");
	CU_ASSERT_PTR_NOT_NULL(view_status(&v, 200.0));
	view_unsay(&v);
	CU_ASSERT_PTR_NULL(view_status(&v, 200.0));
	view_done(&v);
}

static void
test_tags(void)
{
	struct fx_scene	 sc;
	struct view	 v;
	struct snapshot	*s;

	open_view(&v, &sc, world());
	view_select(&v, row_of(&v, 41));
	CU_ASSERT_TRUE(view_tag(&v));
	CU_ASSERT_TRUE(view_is_tagged(&v, fx_get(sc.snap, 41)));
	CU_ASSERT(v.rows.v[row_of(&v, 41)].flags & ROW_TAGGED);
	CU_ASSERT_FALSE(v.rows.v[row_of(&v, 40)].flags & ROW_TAGGED);
	CU_ASSERT_TRUE(view_tag(&v));		/* again: untagged */
	CU_ASSERT_FALSE(view_is_tagged(&v, fx_get(sc.snap, 41)));
	/* c tags a subtree, also the part under a fold. */
	view_select(&v, row_of(&v, 30));
	view_fold(&v, true);
	view_select(&v, row_of(&v, 20));
	CU_ASSERT_EQUAL(view_tag_subtree(&v), 4);	/* bash, make, 2 cc */
	CU_ASSERT_TRUE(view_is_tagged(&v, fx_get(sc.snap, 32)));
	CU_ASSERT_FALSE(view_is_tagged(&v, fx_get(sc.snap, 10)));
	/* A tag goes with its process: 32 exits, 31's PID is reused. */
	s = world_without(32);
	fx_get(s, 31)->start_ticks = 777;
	refresh(&v, &sc, s);
	CU_ASSERT_EQUAL(v.tagged.n, 2);
	CU_ASSERT_FALSE(view_is_tagged(&v, fx_get(sc.snap, 31)));
	CU_ASSERT_TRUE(view_is_tagged(&v, fx_get(sc.snap, 30)));
	CU_ASSERT(v.rows.v[row_of(&v, 30)].flags & ROW_TAGGED);
	view_untag_all(&v);
	CU_ASSERT_EQUAL(v.tagged.n, 0);
	CU_ASSERT_FALSE(v.rows.v[row_of(&v, 30)].flags & ROW_TAGGED);
	close_view(&v, &sc);
}

/* K hides kernel threads; u shows one user's processes. */
static void
test_kthreads_and_user(void)
{
	struct fx_scene	 sc;
	struct view	 v;
	struct snapshot	*s = world();
	struct procinfo	*p;
	size_t		 all;

	p = fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	p->flags |= PI_KTHREAD;
	p = fx_proc(s, 3, 2, 0, 'I', "kworker/0:1");
	p->flags |= PI_KTHREAD;
	for (p = fx_get(s, 40); p->pid <= 41; p++) {
		p->uid = 1000;
		p->user = "alice";
	}
	open_view(&v, &sc, s);
	all = v.rows.n;
	view_show_kthreads(&v, false);
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	CU_ASSERT_EQUAL(row_of(&v, 3), (size_t)-1);
	/* A hidden one is not found, even with a fold to open. */
	view_select(&v, row_of(&v, 30));
	view_fold(&v, true);
	view_select(&v, row_of(&v, 50));
	CU_ASSERT_FALSE(view_find(&v, 0, "kworker", 1, false));
	CU_ASSERT_EQUAL(sel_pid(&v), 50);
	CU_ASSERT_EQUAL(v.folded.n, 1);
	/* Nor under a fold in a view that leaves it out. */
	view_toggle_filter(&v, ROWS_ZOMBIES);
	CU_ASSERT_FALSE(view_find(&v, 0, "cc", 1, false));
	CU_ASSERT_EQUAL(v.folded.n, 1);
	view_toggle_filter(&v, ROWS_ZOMBIES);
	view_unfold_all(&v);
	view_show_kthreads(&v, true);
	CU_ASSERT_EQUAL(v.rows.n, all);
	/* By name or by uid; an unknown user changes nothing. */
	CU_ASSERT_TRUE(view_filter_user(&v, "alice"));
	CU_ASSERT_EQUAL(v.rows.n, 2);
	CU_ASSERT_EQUAL(v.rows.v[0].proc->pid, 40);
	CU_ASSERT_EQUAL(v.rows.v[1].depth, 1);	/* job under cron */
	CU_ASSERT_FALSE(view_filter_user(&v, "bob"));
	CU_ASSERT_EQUAL(v.rows.n, 2);
	CU_ASSERT_TRUE(view_filter_user(&v, "0"));
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	/* Typed after u; Esc takes it away. */
	view_input_start(&v, VIEW_INPUT_USER);
	view_input_char(&v, 'b');
	view_input_accept(&v);
	CU_ASSERT_STRING_EQUAL(view_status(&v, 1.0), "no process of user b");
	CU_ASSERT_EQUAL(v.rows.n, all - 2);
	CU_ASSERT_TRUE(view_escape(&v));
	CU_ASSERT_EQUAL(v.rows.n, all);
	close_view(&v, &sc);
}

static void
test_listnav(void)
{
	CU_ASSERT_EQUAL(listnav_move(0, 0, 5, LISTNAV_DOWN), 0);
	CU_ASSERT_EQUAL(listnav_move(0, 0, 5, LISTNAV_END), 0);
	CU_ASSERT_EQUAL(listnav_move(0, 10, 5, LISTNAV_UP), 0);
	CU_ASSERT_EQUAL(listnav_move(9, 10, 5, LISTNAV_DOWN), 9);
	CU_ASSERT_EQUAL(listnav_move(3, 10, 5, LISTNAV_PAGE_DOWN), 8);
	CU_ASSERT_EQUAL(listnav_move(5, 10, 5, LISTNAV_PAGE_DOWN), 9);
	CU_ASSERT_EQUAL(listnav_move(4, 10, 5, LISTNAV_PAGE_UP), 0);
	CU_ASSERT_EQUAL(listnav_move(7, 10, 5, LISTNAV_PAGE_UP), 2);
	CU_ASSERT_EQUAL(listnav_move(7, 10, 0, LISTNAV_PAGE_UP), 6);
	CU_ASSERT_EQUAL(listnav_move(50, 10, 5, LISTNAV_UP), 8);
	CU_ASSERT_EQUAL(listnav_move(4, 10, 5, LISTNAV_HOME), 0);
	CU_ASSERT_EQUAL(listnav_move(4, 10, 5, LISTNAV_END), 9);
}

static void
test_identset(void)
{
	struct identset		s;
	struct proc_ident	a = { 5, 50 }, b = { 5, 60 }, c = { 3, 99 };
	struct snapshot		*snap = fx_new();

	identset_init(&s);
	CU_ASSERT_TRUE(identset_add(&s, &b));
	CU_ASSERT_TRUE(identset_add(&s, &a));
	CU_ASSERT_FALSE(identset_add(&s, &a));
	CU_ASSERT_TRUE(identset_add(&s, &c));
	CU_ASSERT_EQUAL(s.n, 3);
	CU_ASSERT_EQUAL(s.v[0].pid, 3);
	CU_ASSERT_EQUAL(s.v[1].start_ticks, 50);
	CU_ASSERT_TRUE(identset_remove(&s, &a));
	CU_ASSERT_FALSE(identset_remove(&s, &a));
	CU_ASSERT_FALSE(identset_has(&s, &a));
	CU_ASSERT_TRUE(identset_has(&s, &b));
	/* Only 5 with start 60... is not in snap; 3 with start 30 is. */
	fx_proc(snap, 3, 1, 3, 'S', "three");
	snapshot_sort(snap);
	c.start_ticks = 30;
	identset_clear(&s);
	identset_append(&s, &b);
	identset_append(&s, &c);
	identset_sort(&s);
	CU_ASSERT_EQUAL(s.v[0].pid, 3);
	identset_prune(&s, snap);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_TRUE(identset_has(&s, &c));
	identset_done(&s);
	snapshot_free(snap);
}

static void
test_eventlog_ring(void)
{
	struct eventlog	log;
	struct diff	d;
	size_t		i;

	eventlog_init(&log);
	diff_init(&d);
	d.cap = EVENTLOG_KEPT + 5;
	d.events = calloc(d.cap, sizeof *d.events);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d.events);
	for (i = 0; i < d.cap; i++)
		d.events[i].pid = (pid_t)i + 1;
	d.n = 3;
	eventlog_add(&log, &d);
	CU_ASSERT_EQUAL(log.n, 3);
	CU_ASSERT_EQUAL(eventlog_get(&log, 0)->pid, 3);	/* newest first */
	CU_ASSERT_EQUAL(eventlog_get(&log, 2)->pid, 1);
	/* Past its size, the oldest go. */
	d.n = d.cap;
	eventlog_add(&log, &d);
	CU_ASSERT_EQUAL(log.n, EVENTLOG_KEPT);
	CU_ASSERT_EQUAL(eventlog_get(&log, 0)->pid, (pid_t)d.cap);
	CU_ASSERT_EQUAL(eventlog_get(&log, EVENTLOG_KEPT - 1)->pid,
	    (pid_t)(d.cap - EVENTLOG_KEPT + 1));
	eventlog_clear(&log);
	CU_ASSERT_EQUAL(log.n, 0);
	diff_done(&d);
	eventlog_done(&log);
}

/* The event log's filter: a PID (or parent), a name, a kind, a namespace. */
static void
test_eventlog_filter(void)
{
	struct diff_event	e;
	struct eventlog_filter	f;
	struct view		v;
	int			k;

	memset(&e, 0, sizeof e);
	e.kind = DIFF_ZOMBIE;
	e.pid = 4242;
	e.old_ppid = e.new_ppid = 77;
	e.pidns = 4026532177ull;
	snprintf(e.comm, sizeof e.comm, "Worker");
	memset(&f, 0, sizeof f);
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.text = "4242";
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.text = "77";			/* its parent's */
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.text = "424";			/* not a prefix */
	CU_ASSERT_FALSE(eventlog_match(&e, &f));
	f.text = "work";
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.text = "zombie";		/* the kind's word */
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.text = NULL;
	f.one_kind = true;
	f.kind = DIFF_STARTED;
	CU_ASSERT_FALSE(eventlog_match(&e, &f));
	f.kind = DIFF_ZOMBIE;
	CU_ASSERT_TRUE(eventlog_match(&e, &f));
	f.pidns = 4026531836ull;
	CU_ASSERT_FALSE(eventlog_match(&e, &f));
	/* f cycles every kind, then all again; / types the text. */
	view_init(&v);
	for (k = 0; k < DIFF_KIND_COUNT; k++) {
		view_log_next_kind(&v);
		CU_ASSERT_TRUE(v.log_filter.one_kind);
		CU_ASSERT_EQUAL((int)v.log_filter.kind, k);
	}
	view_log_next_kind(&v);
	CU_ASSERT_FALSE(v.log_filter.one_kind);
	view_log_toggle_pidns(&v, 99);
	CU_ASSERT_EQUAL(v.log_filter.pidns, 99);
	view_log_toggle_pidns(&v, 99);
	CU_ASSERT_EQUAL(v.log_filter.pidns, 0);
	view_input_start(&v, VIEW_INPUT_EVENTS);
	view_input_char(&v, 'w');
	CU_ASSERT_STRING_EQUAL(v.log_filter.text, "w");
	view_input_cancel(&v);
	CU_ASSERT_STRING_EQUAL(v.log_filter.text, "");
	view_done(&v);
}

/* The pipeline: no events for the first snapshot, then what changed. */
static void
test_model_pipeline(void)
{
	struct snapshot	*first = world(), *second = world();
	struct ptree	*t1, *t2;
	struct diff	 d;

	diff_init(&d);
	snapshot_sort(first);
	t1 = model_build(NULL, first, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_PTR_NOT_NULL(t1);
	CU_ASSERT(fx_get(first, 50)->flags & PI_ZPARENT);
	/* job (41) loses its parent cron to init: reparented, an orphan. */
	fx_get(second, 41)->ppid = 1;
	fx_proc(second, 60, 1, 60, 'S', "new");
	snapshot_sort(second);
	t2 = model_build(first, second, &d);
	CU_ASSERT_EQUAL(d.n, 2);
	CU_ASSERT(fx_get(second, 41)->flags & PI_ORPHAN);
	CU_ASSERT(fx_get(second, 41)->flags & PI_REPARENTED);
	CU_ASSERT_EQUAL(t2->parent[snapshot_find(second, 41) - second->procs],
	    (size_t)(snapshot_find(second, 1) - second->procs));
	ptree_free(t1);
	ptree_free(t2);
	snapshot_free(first);
	snapshot_free(second);
	diff_done(&d);
}

static const struct runner_test view_tests[] = {
	{ "selection follows identity", test_selection_follows_identity },
	{ "a reused PID is another process", test_reused_pid_is_another_process },
	{ "folds by identity", test_folds_by_identity },
	{ "collapse and unfold all", test_collapse_and_unfold_all },
	{ "find opens folds", test_find_opens_folds },
	{ "moves and scroll", test_moves_and_scroll },
	{ "toggles and Esc", test_toggles_and_escape },
	{ "typing search and filter", test_typing },
	{ "status message lasts", test_status_lasts },
	{ "PID search, flat filter", test_pid_search },
	{ "tags", test_tags },
	{ "kernel threads and one user", test_kthreads_and_user },
};

static const struct runner_test part_tests[] = {
	{ "list moves", test_listnav },
	{ "identity sets", test_identset },
	{ "event ring", test_eventlog_ring },
	{ "event log filter", test_eventlog_filter },
	{ "model pipeline", test_model_pipeline },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("explorer state", NULL, NULL, view_tests),
		RUNNER_SUITE("its parts", NULL, NULL, part_tests),
	};

	return runner_run(suites, RUNNER_COUNT(suites));
}
