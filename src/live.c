/*
 * The live explorer: a timer drives refreshes, keys edit the view state.
 * UI state is keyed by process identity (pid, start time), so selection
 * and folding survive every rebuild; a key press never rescans (except
 * H, which changes what the scanner reads).
 */
#include "config.h"
#include "live.h"

#include <curses.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/ptree.h"
#include "proc/reap.h"
#include "proc/recording.h"
#include "proc/rows.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/bgrefresh.h"
#include "src/cli.h"
#include "src/live_panes.h"
#include "src/live_priv.h"
#include "src/settings.h"
#include "ui/columns.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/setup.h"
#include "ui/ui.h"

#define LIVE_STATUS_SECONDS	3.0

static double
live_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
live_say(struct live *l, const char *msg)
{
	snprintf(l->status, sizeof l->status, "%s", msg);
	l->status_until = live_now() + LIVE_STATUS_SECONDS;
}

/* The identity a row stands for; a header row is (0, namespace inode). */
static struct proc_ident
live_row_ident(const struct row *row)
{
	struct proc_ident	id = { 0, 0 };

	if (row->proc != NULL) {
		id.pid = row->proc->pid;
		id.start_ticks = row->proc->start_ticks;
	} else if (row->ns != NULL)
		id.start_ticks = row->ns->inode;
	return id;
}

void
live_select_row(struct live *l, size_t k)
{
	const struct rows	*rows = &l->app->rows;

	if (rows->n == 0)
		return;
	if (k >= rows->n)
		k = rows->n - 1;
	l->selected = k;
	l->sel = live_row_ident(&rows->v[k]);
	l->sel_ppid = rows->v[k].proc ? rows->v[k].proc->ppid : 0;
}

const struct procinfo *
live_selected_proc(const struct live *l)
{
	const struct rows	*rows = &l->app->rows;

	return l->selected < rows->n ? rows->v[l->selected].proc : NULL;
}

bool
live_selected_is_ghost(const struct live *l)
{
	const struct rows	*rows = &l->app->rows;

	return l->selected < rows->n &&
	    (rows->v[l->selected].flags & ROW_GHOST);
}

struct app *
live_app(const struct live *l)
{
	return l->app;
}

/* Find the selected process's row again; if it is gone, its parent's. */
void
live_locate(struct live *l)
{
	const struct rows	*rows = &l->app->rows;
	size_t			 k, parent = (size_t)-1;

	for (k = 0; k < rows->n; k++) {
		struct proc_ident	id = live_row_ident(&rows->v[k]);

		if (id.pid == l->sel.pid &&
		    id.start_ticks == l->sel.start_ticks) {
			l->selected = k;
			return;
		}
		if (l->sel_ppid > 0 && id.pid == l->sel_ppid)
			parent = k;
	}
	live_select_row(l, parent != (size_t)-1 ? parent :
	    (l->selected < rows->n ? l->selected : 0));
}

static void
live_scroll(struct live *l)
{
	size_t	page = draw_page_rows(), n = l->app->rows.n;

	if (page == 0)
		return;
	if (l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + page)
		l->top = l->selected - page + 1;
	if (l->top + page > n)
		l->top = n > page ? n - page : 0;
}

void
live_rebuild(struct live *l)
{
	app_rebuild_rows(l->app);
	live_locate(l);
}

static ssize_t
live_folded_index(const struct live *l, const struct proc_ident *id)
{
	size_t	i;

	for (i = 0; i < l->nfolded; i++)
		if (l->folded[i].pid == id->pid &&
		    l->folded[i].start_ticks == id->start_ticks)
			return (ssize_t)i;
	return -1;
}

static void
live_set_folded(struct live *l, bool fold)
{
	ssize_t	i = live_folded_index(l, &l->sel);
	size_t	at;

	if (l->sel.pid == 0)
		return;
	if (fold && i < 0) {
		if (l->nfolded == l->folded_cap) {
			l->folded_cap = l->folded_cap ? l->folded_cap * 2 : 16;
			l->folded = xreallocarray(l->folded, l->folded_cap,
			    sizeof *l->folded);
		}
		for (at = 0; at < l->nfolded && (l->folded[at].pid <
		    l->sel.pid || (l->folded[at].pid == l->sel.pid &&
		    l->folded[at].start_ticks < l->sel.start_ticks)); at++)
			;
		memmove(&l->folded[at + 1], &l->folded[at],
		    (l->nfolded - at) * sizeof *l->folded);
		l->folded[at] = l->sel;
		l->nfolded++;
	} else if (!fold && i >= 0) {
		memmove(&l->folded[i], &l->folded[i + 1],
		    (l->nfolded - (size_t)i - 1) * sizeof *l->folded);
		l->nfolded--;
	}
	l->app->vs.folded = l->folded;
	l->app->vs.nfolded = l->nfolded;
	live_rebuild(l);
}

static void
live_collapse(struct live *l)
{
	const struct rows	*rows = &l->app->rows;
	const struct row	*row;
	size_t			 k;

	if (rows->n == 0)
		return;
	row = &rows->v[l->selected];
	if ((row->flags & ROW_HAS_KIDS) && !(row->flags & ROW_FOLDED) &&
	    row->proc != NULL) {
		live_set_folded(l, true);
		return;
	}
	/* Already folded or a leaf: go to the parent, as htop does. */
	for (k = l->selected; k-- > 0;)
		if (rows->v[k].depth + 1 == row->depth) {
			live_select_row(l, k);
			return;
		}
}

/*
 * A match hidden under a fold: open the folds above the first one (in
 * tree order) and select it.  Searching must not stop at a fold.
 */
static bool
live_find_folded(struct live *l, unsigned flag, const char *q)
{
	const struct ptree	*t = l->app->tree;
	const struct procinfo	*p = NULL;
	struct proc_ident	 id;
	size_t			 pos, i = 0, up;
	ssize_t			 f;

	if (l->nfolded == 0 || t == NULL)
		return false;
	for (pos = 0; pos < t->n; pos++) {
		i = t->order[pos];
		p = &t->snap->procs[i];
		if ((flag && (p->flags & flag)) ||
		    (q != NULL && rows_proc_matches(p, q)))
			break;
	}
	if (pos == t->n)
		return false;
	for (up = t->parent[i]; up != PTREE_NONE; up = t->parent[up]) {
		id.pid = t->snap->procs[up].pid;
		id.start_ticks = t->snap->procs[up].start_ticks;
		if ((f = live_folded_index(l, &id)) >= 0) {
			memmove(&l->folded[f], &l->folded[f + 1],
			    (l->nfolded - (size_t)f - 1) * sizeof *l->folded);
			l->nfolded--;
		}
	}
	l->app->vs.nfolded = l->nfolded;
	app_rebuild_rows(l->app);
	l->sel.pid = p->pid;
	l->sel.start_ticks = p->start_ticks;
	l->sel_ppid = p->ppid;
	live_locate(l);
	l->status_until = 0;
	return true;
}

/* The next row (in direction dir) whose process has flag, or matches q. */
bool
live_find(struct live *l, unsigned flag, const char *q, int dir,
    bool from_here)
{
	const struct rows	*rows = &l->app->rows;
	size_t			 i, k, n = rows->n;

	for (i = from_here ? 0 : 1; i <= n && n > 0; i++) {
		k = (l->selected + (dir > 0 ? i : n - i % n)) % n;
		/* A ghost holds no zombies and is nobody's orphan now. */
		if (rows->v[k].proc == NULL ||
		    (flag && (rows->v[k].flags & ROW_GHOST)))
			continue;
		if ((flag && (rows->v[k].proc->flags & flag)) ||
		    (q != NULL && rows_proc_matches(rows->v[k].proc, q))) {
			live_select_row(l, k);
			l->status_until = 0;	/* an earlier "no match" is stale */
			return true;
		}
	}
	return live_find_folded(l, flag, q);
}

static void
live_set_view(struct live *l, enum rows_filter filter)
{
	struct viewstate	*vs = &l->app->vs;

	vs->filter = vs->filter == filter ? l->base_filter : filter;
	live_rebuild(l);
}

/* The PID-1 verdicts of the snapshot shown, for the namespace headers. */
void
live_reap(struct live *l)
{
	reap_report_done(&l->reap);
	reap_report_build(&l->reap, l->app->cur);
}

static void
live_set_layout(struct live *l, enum rows_layout layout)
{
	struct viewstate	*vs = &l->app->vs;

	vs->layout = vs->layout == layout ? ROWS_TREE : layout;
	live_rebuild(l);
}

/* Move the flat list's sort to the next or previous shown column. */
static void
live_sort_step(struct live *l, int step)
{
	struct viewstate	*vs = &l->app->vs;
	size_t			 i, n = l->columns.n;

	for (i = 0; i < n; i++)
		if ((int)l->columns.order[i] == l->sort_column)
			break;
	i = i == n ? 0 : (i + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	l->sort_column = (int)l->columns.order[i];
	vs->sort = columns_defs[l->sort_column].sort;
	vs->descending = vs->sort == SORT_CPU || vs->sort == SORT_RSS ||
	    vs->sort == SORT_TIME;
	if (vs->layout != ROWS_FLAT)
		vs->layout = ROWS_FLAT;
	live_rebuild(l);
}

static void
live_toggle_threads(struct live *l)
{
	struct app	*a = l->app;

	l->threads = !l->threads;
	a->vs.hide_threads = !l->threads;
	if (a->scanner != NULL)
		l->refresh_now = true;	/* the next request carries the flag */
	else
		live_rebuild(l);
	live_say(l, l->threads ? "showing threads" : "threads hidden");
}

static void
live_act(struct live *l, enum action act)
{
	size_t	page = draw_page_rows(), n = l->app->rows.n;

	switch (act) {
	case ACT_UP:
		live_select_row(l, l->selected > 0 ? l->selected - 1 : 0);
		break;
	case ACT_DOWN:
		live_select_row(l, l->selected + 1);
		break;
	case ACT_PAGE_UP:
		live_select_row(l, l->selected > page ? l->selected - page : 0);
		break;
	case ACT_PAGE_DOWN:
		live_select_row(l, l->selected + page);
		break;
	case ACT_HOME:
		live_select_row(l, 0);
		break;
	case ACT_END:
		live_select_row(l, n > 0 ? n - 1 : 0);
		break;
	case ACT_COLLAPSE:
		live_collapse(l);
		break;
	case ACT_EXPAND:
		live_set_folded(l, false);
		break;
	case ACT_EXPAND_ALL:
		l->nfolded = 0;
		l->app->vs.nfolded = 0;
		live_rebuild(l);
		break;
	case ACT_NEXT_ZOMBIE:
		/* To the parent that fails to reap, with its zombies shown. */
		if (!live_find(l, PI_ZPARENT, NULL, 1, false))
			live_say(l, "no zombies in view");
		else if (live_folded_index(l, &l->sel) >= 0)
			live_set_folded(l, false);
		break;
	case ACT_NEXT_ORPHAN:
		if (!live_find(l, PI_ORPHAN, NULL, 1, false))
			live_say(l, "no orphans in view");
		break;
	case ACT_VIEW_ZOMBIES:
		live_set_view(l, ROWS_ZOMBIES);
		break;
	case ACT_VIEW_ORPHANS:
		live_set_view(l, ROWS_ORPHANS);
		break;
	case ACT_SEARCH:
		live_start_input(l, INPUT_SEARCH);
		break;
	case ACT_FILTER:
		live_start_input(l, INPUT_FILTER);
		break;
	case ACT_SEARCH_NEXT:
		if (l->search[0] == '\0')
			live_say(l, "no search: press / first");
		else if (!live_find(l, 0, l->search, 1, false))
			live_say(l, "no match");
		break;
	case ACT_NS_VIEW_OR_PREV:
		/* With a search kept, N goes back; otherwise namespaces. */
		if (l->search[0] != '\0') {
			if (!live_find(l, 0, l->search, -1, false))
				live_say(l, "no match");
		} else
			live_set_layout(l, ROWS_BY_PIDNS);
		break;
	case ACT_FLAT:
		live_set_layout(l, ROWS_FLAT);
		break;
	case ACT_SORT_PREV:
		live_sort_step(l, -1);
		break;
	case ACT_SORT_NEXT:
		live_sort_step(l, 1);
		break;
	case ACT_SORT_INVERT:
		l->app->vs.descending = !l->app->vs.descending;
		live_rebuild(l);
		break;
	case ACT_THREADS:
		live_toggle_threads(l);
		break;
	case ACT_SETUP:
		setup_open(&l->setup, &l->columns);
		break;
	case ACT_DETAILS:
		live_panes_open_details(&l->panes, l);
		break;
	case ACT_SIGNAL:
		live_panes_open_signals(&l->panes, l);
		break;
	case ACT_MOUSE:
		live_mouse(l);
		break;
	case ACT_EVENTS:
		live_panes_toggle_events(&l->panes);
		break;
	case ACT_STEP_BACK:
	case ACT_STEP_FORWARD:
		live_step(l, act == ACT_STEP_FORWARD ? 1 : -1);
		break;
	case ACT_ESCAPE:
		live_escape(l);
		break;
	case ACT_PAUSE:
		l->paused = !l->paused;
		break;
	case ACT_HELP:
		l->help = true;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_QUIT:
		l->quit = true;
		break;
	case ACT_RESIZE:
	case ACT_NONE:
		break;
	}
}

static void
live_key(struct live *l, int key)
{
	char	*cause = NULL;

	if (l->help && key != KEY_RESIZE && key != KEY_MOUSE) {
		l->help = false;	/* any key closes the help, as it says */
		return;
	}
	if (l->input != INPUT_NONE) {
		live_edit_key(l, key);
		return;
	}
	if (l->setup.open) {
		if (!setup_key(&l->setup, key)) {
			if (settings_save(&l->columns, &cause) < 0) {
				live_say(l, cause);
				free(cause);
			} else
				live_say(l, "columns saved");
		}
		return;
	}
	if (live_panes_key(&l->panes, l, key))
		return;
	live_act(l, keys_action(key));
}

/* Forget folds of processes that are gone, so a reused PID starts open. */
static void
live_prune_folds(struct live *l)
{
	const struct procinfo	*p;
	size_t			 i, kept = 0;

	for (i = 0; i < l->nfolded; i++) {
		p = snapshot_find(l->app->cur, l->folded[i].pid);
		if (p != NULL && p->start_ticks == l->folded[i].start_ticks)
			l->folded[kept++] = l->folded[i];
	}
	l->nfolded = kept;
	l->app->vs.nfolded = kept;
}


static const char *
live_view_label(const struct live *l)
{
	switch (l->app->vs.filter) {
	case ROWS_ZOMBIES:
		return "zombies";
	case ROWS_ORPHANS:
		return "orphans";
	case ROWS_SUBTREES:
		return "subtrees";
	case ROWS_PIDNS:
		return "PID namespace";
	case ROWS_ALL:
		break;
	}
	switch (l->app->vs.layout) {
	case ROWS_BY_PIDNS:
		return "by PID namespace";
	case ROWS_FLAT:
		return "flat list";
	case ROWS_TREE:
		break;
	}
	return NULL;
}

static void
live_draw(struct live *l)
{
	struct ui_frame	f;
	char		prompt[LIVE_QUERY_MAX + 96];

	live_locate(l);
	live_scroll(l);
	memset(&f, 0, sizeof f);
	f.snap = l->app->cur;
	f.rows = &l->app->rows;
	f.selected = l->selected;
	f.top = l->top;
	f.delay = l->app->opts->delay;
	f.paused = l->paused;
	f.view_label = live_view_label(l);
	f.status = live_now() < l->status_until ? l->status : NULL;
	if (l->input != INPUT_NONE) {
		/* Only printable ASCII is ever typed into edit. */
		snprintf(prompt, sizeof prompt, "%s: %s", l->input ==
		    INPUT_SEARCH ? "Search (Enter keeps, Esc clears)" :
		    "Filter (Enter keeps, Esc clears)", l->edit);
		f.prompt = prompt;
	} else if (f.status == NULL && l->search[0] != '\0') {
		snprintf(prompt, sizeof prompt, "search '%s': n next, N "
		    "previous, Esc clears", l->search);
		f.status = prompt;
	}
	f.filter = l->filter;
	f.help = l->help;
	f.columns = &l->columns;
	f.ns_view = l->app->vs.layout == ROWS_BY_PIDNS;
	f.flat = l->app->vs.layout == ROWS_FLAT;
	f.sort_column = l->sort_column;
	f.descending = l->app->vs.descending;
	f.threads = l->threads;
	f.saved = l->app->scanner == NULL;
	if (l->app->recording != NULL) {
		f.rec_pos = l->app->rec_index + 1;
		f.rec_len = l->app->recording->n;
	}
	f.reap = &l->reap;
	f.body_drawn = l->setup.open || live_panes_active(&l->panes);
	ui_draw(l->ui, &f);
	if (l->setup.open)
		ui_draw_setup(l->ui, &l->setup);
	else
		live_panes_draw(&l->panes, l, l->ui);
}

enum live_woke { LIVE_WOKE_TIMEOUT, LIVE_WOKE_KEY, LIVE_WOKE_REFRESH };

/*
 * Wait for a key, a finished refresh or, when none is under way and the
 * display is not paused, for seconds.  A signal (SIGWINCH) counts as a
 * key: ncurses turns it into KEY_RESIZE.
 */
static enum live_woke
live_wait(struct live *l, double seconds)
{
	struct pollfd	 fds[2];
	struct timespec	 ts, *timeout = NULL;
	double		 status_left = l->status_until - live_now();
	int		 n;

	fds[0].fd = STDIN_FILENO;
	fds[0].events = POLLIN;
	/* Paused, a finished refresh waits (unless a key asked for it). */
	fds[1].fd = l->bg != NULL && (!l->paused || l->forced) ?
	    bgrefresh_fd(l->bg) : -1;
	fds[1].events = POLLIN;
	if (l->paused || (l->bg != NULL && bgrefresh_busy(l->bg)))
		seconds = -1;
	/* A status message goes when its time is up. */
	if (status_left > 0 && (seconds < 0 || status_left < seconds))
		seconds = status_left + 0.001;
	if (seconds >= 0) {
		ts.tv_sec = (time_t)seconds;
		ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
		timeout = &ts;
	}
	/*
	 * SIGWINCH is blocked but here: arriving in ppoll() it wakes us, and
	 * the next getch() returns KEY_RESIZE.  Delivered anywhere else, it
	 * would set ncurses' flag just after the last getch() and leave the
	 * screen at its old size until the next key.
	 */
	n = ppoll(fds, 2, timeout, &l->wait_mask);
	if (n < 0)
		return LIVE_WOKE_KEY;
	if (n > 0 && (fds[1].revents & POLLIN))
		return LIVE_WOKE_REFRESH;
	if (n > 0)
		return LIVE_WOKE_KEY;
	return LIVE_WOKE_TIMEOUT;
}

/* Show the refresh the thread finished; -1 with *cause if it failed. */
static int
live_install(struct live *l, char **cause)
{
	struct app	*a = l->app;
	struct app_next	 n;
	int		 rc;

	memset(&n, 0, sizeof n);
	n.diff = l->spare;	/* the events buffer goes round, not away */
	diff_init(&l->spare);
	rc = bgrefresh_collect(l->bg, &n, cause);
	l->forced = false;
	if (rc != 0) {
		l->spare = n.diff;
		return rc < 0 ? -1 : 0;
	}
	rc = n.record_failed ? -1 : 0;
	app_next_install(a, &n);
	l->spare = n.diff;
	live_reap(l);
	live_prune_folds(l);
	live_panes_log_events(&l->panes, &a->diff);
	return rc;
}

int
live_run(struct app *a)
{
	const struct options	*o = a->opts;
	struct ui_config	 cfg;
	struct live		 l;
	char			*cause = NULL, *warn = NULL;
	double			 next, now;
	sigset_t		 winch, saved_mask;
	int			 key, status = 0;

	memset(&l, 0, sizeof l);
	l.app = a;
	l.base_filter = a->vs.filter;
	l.threads = o->threads;
	a->vs.hide_threads = !o->threads;
	columns_default(&l.columns);
	if (settings_load(&l.columns, &warn) < 0)
		columns_default(&l.columns);
	l.sort_column = COL_CPU;
	a->vs.sort = SORT_CPU;
	a->vs.descending = true;
	app_rebuild_rows(a);
	live_panes_init(&l.panes);
	cfg.no_color = o->no_color || getenv("NO_COLOR") != NULL;
	cfg.utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	cfg.glyphs = app_glyphs(o);
	l.ui = ui_open(&cfg, &cause);
	if (l.ui == NULL) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		free(warn);
		return 1;
	}
	if (warn != NULL) {
		live_say(&l, warn);
		free(warn);
	}
	live_select_row(&l, 0);
	live_reap(&l);
	live_replay_events(&l);
	if (a->scanner != NULL && (l.bg = bgrefresh_start(a->scanner,
	    app_next_build, &cause)) == NULL) {
		ui_close(l.ui);
		live_panes_done(&l.panes);
		reap_report_done(&l.reap);
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		return 1;
	}
	diff_init(&l.spare);
	sigemptyset(&winch);
	sigaddset(&winch, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &winch, &l.wait_mask);
	saved_mask = l.wait_mask;
	sigdelset(&l.wait_mask, SIGWINCH);
	next = live_now() + o->delay;
	while (!l.quit) {
		live_draw(&l);
		/* -n N: quit once N snapshots have been shown (the first counts). */
		if (o->iterations > 0 &&
		    a->refreshes >= (unsigned long)o->iterations)
			break;
		now = live_now();
		if (l.bg == NULL && now >= next)
			next = now + o->delay;	/* a loaded file: just redraw */
		if (l.bg != NULL && !bgrefresh_busy(l.bg) &&
		    ((!l.paused && now >= next) || l.refresh_now)) {
			l.forced = l.refresh_now;
			l.refresh_now = false;
			/* a->cur is only read by the thread until collected. */
			bgrefresh_request(l.bg, a->cur, l.threads ?
			    SCAN_THREADS : 0, a->recorder);
			/* Refreshes start every delay, however long one takes. */
			next = now + o->delay;
		}
		switch (live_wait(&l, next - now)) {
		case LIVE_WOKE_REFRESH:
			if (live_install(&l, &cause) < 0) {
				status = 1;
				l.quit = true;
			}
			break;
		case LIVE_WOKE_KEY:
			/* Every key ncurses holds, then one redraw. */
			while (!l.quit && (key = ui_key(l.ui, 0)) != ERR)
				live_key(&l, key);
			break;
		case LIVE_WOKE_TIMEOUT:
			break;
		}
	}
	/* The terminal first: a scan under way may take a second to end. */
	ui_close(l.ui);
	bgrefresh_stop(l.bg);
	pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
	diff_done(&l.spare);
	live_panes_done(&l.panes);
	reap_report_done(&l.reap);
	free(l.folded);
	a->vs.folded = NULL;
	a->vs.nfolded = 0;
	if (status != 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
	}
	return status;
}
