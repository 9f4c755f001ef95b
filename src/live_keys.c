/*
 * The explorer's keys: the mode decides who reads a key, and in the
 * process list a table maps each action to its handler.  A handler
 * changes the view (proc/view.h) or the loop's flags and returns what
 * the loop must do next.
 */
#include "config.h"
#include "live_keys.h"

#include <stdio.h>
#include <stdlib.h>

#include "proc/listnav.h"
#include "proc/recording.h"
#include "proc/snapshot.h"
#include "proc/view.h"
#include "src/app.h"
#include "src/live_shell.h"
#include "src/live_state.h"
#include "src/settings.h"
#include "ui/draw.h"
#include "ui/ui.h"

#define LIVE_WHEEL_ROWS	3	/* rows a mouse wheel step moves */
#define LIVE_HSCROLL_STEP	8	/* columns a sideways step moves */

enum live_next {
	LIVE_DRAW,		/* the view is up to date: draw it */
	LIVE_REBUILD,		/* the view state changed: rows again */
	LIVE_RESCAN,		/* what the scanner reads changed */
};

typedef enum live_next	live_handler(struct live *, const struct key_event *);

static enum live_next
live_move(struct live *l, const struct key_event *ev)
{
	enum listnav_step	step;

	if (keys_step(ev->act, &step))
		view_move(&l->app->view, step, draw_page_rows());
	return LIVE_DRAW;
}

static enum live_next
live_collapse(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_collapse(&l->app->view);
	return LIVE_DRAW;
}

static enum live_next
live_expand(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_fold(&l->app->view, false);
	return LIVE_DRAW;
}

static enum live_next
live_expand_all(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_unfold_all(&l->app->view);
	return LIVE_DRAW;
}

/* z: to the next parent that fails to reap, with its zombies shown. */
static enum live_next
live_next_zombie(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	(void)ev;
	if (!view_find(v, PI_ZPARENT, NULL, 1, false))
		view_say(v, "no zombies in view");
	else
		view_fold(v, false);
	return LIVE_DRAW;
}

static enum live_next
live_next_orphan(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	(void)ev;
	if (!view_find(v, PI_ORPHAN, NULL, 1, false))
		view_say(v, "no orphans in view");
	return LIVE_DRAW;
}

/*
 * v: the command line's view, only zombies, only orphans, every process,
 * and round again (each once, whichever the command line chose).
 */
static enum live_next
live_view_cycle(struct live *l, const struct key_event *ev)
{
	static const enum rows_filter	 cycle[] = {
		ROWS_ZOMBIES, ROWS_ORPHANS, ROWS_ALL,
	};
	struct view			*v = &l->app->view;
	size_t				 i, n = sizeof cycle / sizeof cycle[0];

	(void)ev;
	for (i = 0; i < n && cycle[i] != v->vs.filter; i++)
		;
	/* A base outside the cycle (-p, --pidns) comes after the last. */
	if (i + 1 < n)
		view_set_filter(v, cycle[i + 1]);
	else if (i + 1 == n && v->base_filter != ROWS_ZOMBIES &&
	    v->base_filter != ROWS_ORPHANS && v->base_filter != ROWS_ALL)
		view_set_filter(v, v->base_filter);
	else
		view_set_filter(v, cycle[0]);
	return LIVE_DRAW;
}

static enum live_next
live_start_input(struct live *l, const struct key_event *ev)
{
	view_input_start(&l->app->view, ev->act == ACT_FILTER ?
	    VIEW_INPUT_FILTER : ev->act == ACT_USER ? VIEW_INPUT_USER :
	    VIEW_INPUT_SEARCH);
	return LIVE_DRAW;
}

/* n, Shift-F3: the next or previous match of the kept search. */
static enum live_next
live_search_next(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	if (v->search[0] == '\0')
		view_say(v, "no search: press / first");
	else if (!view_find(v, 0, v->search, ev->act == ACT_SEARCH_PREV ?
	    -1 : 1, false))
		view_say(v, "no match");
	return LIVE_DRAW;
}

/* F3: the next match, or a new search when none is kept, as in htop. */
static enum live_next
live_find(struct live *l, const struct key_event *ev)
{
	if (l->app->view.search[0] == '\0')
		return live_start_input(l, ev);
	return live_search_next(l, ev);
}

/*
 * g: a section per PID namespace, with PIDs as seen inside; again, per
 * mnt, net, uts, ipc, user, cgroup, time namespace; then the tree.
 */
static enum live_next
live_ns_view(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_cycle_ns_group(&l->app->view);
	return LIVE_DRAW;
}

static enum live_next
live_flat(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_toggle_layout(&l->app->view, ROWS_FLAT);
	return LIVE_DRAW;
}

/* Sort the flat list by column c; CPU, memory and time biggest first. */
static void
live_sort_by(struct live *l, int c, bool descending)
{
	l->sort_column = c;
	view_sort(&l->app->view, columns_defs[c].sort, descending);
}

/* < and >: sort by the previous or next shown column. */
static enum live_next
live_sort_step(struct live *l, const struct key_event *ev)
{
	size_t		i, n = l->columns.n;
	enum rows_sort	sort;

	for (i = 0; i < n; i++)
		if ((int)l->columns.order[i] == l->sort_column)
			break;
	i = i == n ? 0 : (i + n + (ev->act == ACT_SORT_NEXT ? 1 : n - 1)) % n;
	sort = columns_defs[l->columns.order[i]].sort;
	live_sort_by(l, (int)l->columns.order[i], sort == SORT_CPU ||
	    sort == SORT_RSS || sort == SORT_TIME || sort == SORT_MEM ||
	    sort == SORT_VIRT || sort == SORT_NLWP);
	return LIVE_DRAW;
}

/*
 * P, M, T, N: sort by CPU, memory, time, PID, as htop does; the same key
 * again inverts the order.
 */
static enum live_next
live_sort_key(struct live *l, const struct key_event *ev)
{
	const struct viewstate	*vs = &l->app->view.vs;
	int			 c;

	c = ev->act == ACT_SORT_CPU ? COL_CPU : ev->act == ACT_SORT_MEM ?
	    COL_RSS : ev->act == ACT_SORT_TIME ? COL_TIME : COL_PID;

	if (c == l->sort_column && vs->layout == ROWS_FLAT)
		live_sort_by(l, c, !vs->descending);
	else
		live_sort_by(l, c, c != COL_PID);
	return LIVE_DRAW;
}

static enum live_next
live_sort_invert(struct live *l, const struct key_event *ev)
{
	(void)ev;
	l->app->view.vs.descending = !l->app->view.vs.descending;
	return LIVE_REBUILD;
}

/* H: thread records; a live system must be scanned again for them. */
static enum live_next
live_threads(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;
	bool		 show = v->vs.hide_threads;

	(void)ev;
	view_show_threads(v, show);
	view_say(v, show ? "showing threads" : "threads hidden");
	return l->app->scanner != NULL ? LIVE_RESCAN : LIVE_DRAW;
}

/* K: kernel threads, shown or hidden. */
static enum live_next
live_kthreads(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;
	bool		 show = v->vs.hide_kthreads;

	(void)ev;
	view_show_kthreads(v, show);
	view_say(v, show ? "showing kernel threads" : "kernel threads hidden");
	return LIVE_DRAW;
}

/* Space: tag or untag, then down a row, as htop does. */
static enum live_next
live_tag(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	(void)ev;
	if (!view_tag(v))
		view_say(v, "nothing to tag here: select a running process");
	else
		view_move(v, LISTNAV_DOWN, 1);
	return LIVE_DRAW;
}

static enum live_next
live_tag_subtree(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;
	char		 msg[64];

	(void)ev;
	snprintf(msg, sizeof msg, "%zu tagged", view_tag_subtree(v));
	view_say(v, msg);
	return LIVE_DRAW;
}

static enum live_next
live_untag(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_untag_all(&l->app->view);
	view_say(&l->app->view, "nothing tagged");
	return LIVE_DRAW;
}

/* F: the selection follows its process already; say so. */
static enum live_next
live_follow(struct live *l, const struct key_event *ev)
{
	const struct procinfo	*p = view_selected_proc(&l->app->view);
	char			 msg[96];

	(void)ev;
	if (p == NULL)
		return LIVE_DRAW;
	snprintf(msg, sizeof msg, "following PID %d: the selection always "
	    "stays on its process", (int)p->pid);
	view_say(&l->app->view, msg);
	return LIVE_DRAW;
}

/* An htop key treetop leaves to htop. */
static enum live_next
live_htop_only(struct live *l, const struct key_event *ev)
{
	char	name[32], msg[160];

	keys_name(ev->ch, name, sizeof name);
	snprintf(msg, sizeof msg, "%s is htop's key for %s: not in treetop; "
	    "? lists the keys", name, keys_htop_only(ev->ch));
	view_say(&l->app->view, msg);
	return LIVE_DRAW;
}

static enum live_next
live_unbound(struct live *l, const struct key_event *ev)
{
	char	name[32], msg[96];

	keys_name(ev->ch, name, sizeof name);
	snprintf(msg, sizeof msg, "%s is not bound to anything; ? lists the "
	    "keys", name);
	view_say(&l->app->view, msg);
	return LIVE_DRAW;
}

static enum live_next
live_setup(struct live *l, const struct key_event *ev)
{
	(void)ev;
	setup_open(&l->setup, &l->columns);
	return LIVE_DRAW;
}

/* Enter, e, l: the details, at the top, the environment or the files. */
static enum live_next
live_details(struct live *l, const struct key_event *ev)
{
	live_panes_open_details(&l->panes, l->app, ev->act ==
	    ACT_ENVIRONMENT ? "Environment" : ev->act == ACT_FILES ?
	    "Open files" : NULL);
	return LIVE_DRAW;
}

static enum live_next
live_signal(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_open_signals(&l->panes, l->app);
	return LIVE_DRAW;
}

/* !: a shell in the selected process's namespaces. */
static enum live_next
live_shell(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_shell_run(l->app, l->ui);
	return LIVE_DRAW;
}

static enum live_next
live_events(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_toggle_events(&l->panes);
	return LIVE_DRAW;
}

static enum live_next
live_churn(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_toggle_churn(&l->panes);
	return LIVE_DRAW;
}

/* { and }: move through a loaded recording, replayed as it happened. */
static enum live_next
live_step(struct live *l, const struct key_event *ev)
{
	struct app	*a = l->app;
	size_t		 n = a->recording != NULL ? a->recording->n : 0;
	bool		 back = ev->act == ACT_STEP_BACK;
	char		 msg[96];

	if (n < 2)
		view_say(&a->view, a->scanner != NULL ? "{ and } step "
		    "through a recording: treetop --load FILE" :
		    "this file holds one snapshot");
	else if (back && a->rec_index == 0)
		view_say(&a->view, "the first snapshot of the recording");
	else if (!back && a->rec_index + 1 >= n)
		view_say(&a->view, "the last snapshot of the recording");
	else {
		app_seek(a, back ? a->rec_index - 1 : a->rec_index + 1);
		snprintf(msg, sizeof msg, "snapshot %zu of %zu",
		    a->rec_index + 1, n);
		view_say(&a->view, msg);
	}
	return LIVE_DRAW;
}

static enum live_next
live_escape(struct live *l, const struct key_event *ev)
{
	(void)ev;
	view_escape(&l->app->view);
	return LIVE_DRAW;
}

static enum live_next
live_pause(struct live *l, const struct key_event *ev)
{
	(void)ev;
	l->paused = !l->paused;
	return LIVE_DRAW;
}

static enum live_next
live_help(struct live *l, const struct key_event *ev)
{
	(void)ev;
	l->help = 1;
	return LIVE_DRAW;
}

static enum live_next
live_quit(struct live *l, const struct key_event *ev)
{
	(void)ev;
	l->quit = true;
	return LIVE_DRAW;
}

static enum live_next
live_wheel(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	view_select(v, ev->act == ACT_WHEEL_UP ? (v->selected >
	    LIVE_WHEEL_ROWS ? v->selected - LIVE_WHEEL_ROWS : 0) :
	    v->selected + LIVE_WHEEL_ROWS);
	return LIVE_DRAW;
}

/* A click on a column title sorts by it (again: the other way round). */
static enum live_next
live_click(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;
	int		 col;

	if (ev->y == DRAW_HEADER_LINES - 1) {
		col = columns_at(&l->shown, ev->x);
		if (col < 0)
			return LIVE_DRAW;
		live_sort_by(l, col, col == l->sort_column &&
		    v->vs.layout == ROWS_FLAT ? !v->vs.descending :
		    v->vs.descending);
	} else if (ev->y >= DRAW_HEADER_LINES && (size_t)(ev->y -
	    DRAW_HEADER_LINES) < draw_page_rows() &&
	    v->top + (size_t)(ev->y - DRAW_HEADER_LINES) < v->rows.n)
		view_select(v, v->top + (size_t)(ev->y - DRAW_HEADER_LINES));
	return LIVE_DRAW;
}

/* Shift-Left, Shift-Right, Ctrl-A: the command column sideways. */
static enum live_next
live_hscroll(struct live *l, const struct key_event *ev)
{
	view_hscroll(&l->app->view, ev->act == ACT_SCROLL_HOME ? 0 :
	    ev->act == ACT_SCROLL_LEFT ? -LIVE_HSCROLL_STEP :
	    LIVE_HSCROLL_STEP);
	return LIVE_DRAW;
}

static enum live_next
live_redraw(struct live *l, const struct key_event *ev)
{
	(void)ev;
	ui_redraw_all(l->ui);
	return LIVE_DRAW;
}

/* The process list's actions; a missing one does nothing. */
static live_handler *const live_handlers[ACT_COUNT] = {
	[ACT_UP] = live_move,			[ACT_DOWN] = live_move,
	[ACT_PAGE_UP] = live_move,		[ACT_PAGE_DOWN] = live_move,
	[ACT_HOME] = live_move,			[ACT_END] = live_move,
	[ACT_COLLAPSE] = live_collapse,		[ACT_EXPAND] = live_expand,
	[ACT_EXPAND_ALL] = live_expand_all,
	[ACT_SEARCH] = live_start_input,	[ACT_FILTER] = live_start_input,
	[ACT_USER] = live_start_input,		[ACT_FIND] = live_find,
	[ACT_SEARCH_NEXT] = live_search_next,
	[ACT_SEARCH_PREV] = live_search_next,
	[ACT_FLAT] = live_flat,
	[ACT_SORT_PREV] = live_sort_step,
	[ACT_SORT_NEXT] = live_sort_step,
	[ACT_SORT_INVERT] = live_sort_invert,
	[ACT_SORT_CPU] = live_sort_key,		[ACT_SORT_MEM] = live_sort_key,
	[ACT_SORT_TIME] = live_sort_key,	[ACT_SORT_PID] = live_sort_key,
	[ACT_THREADS] = live_threads,		[ACT_KTHREADS] = live_kthreads,
	[ACT_TAG] = live_tag,
	[ACT_TAG_SUBTREE] = live_tag_subtree,
	[ACT_UNTAG] = live_untag,		[ACT_FOLLOW] = live_follow,
	[ACT_SETUP] = live_setup,		[ACT_SIGNAL] = live_signal,
	[ACT_ENVIRONMENT] = live_details,	[ACT_FILES] = live_details,
	[ACT_PAUSE] = live_pause,		[ACT_HELP] = live_help,
	[ACT_QUIT] = live_quit,
	[ACT_HTOP_ONLY] = live_htop_only,
	[ACT_NEXT_ZOMBIE] = live_next_zombie,
	[ACT_NEXT_ORPHAN] = live_next_orphan,
	[ACT_VIEW_CYCLE] = live_view_cycle,	[ACT_NS_VIEW] = live_ns_view,
	[ACT_DETAILS] = live_details,		[ACT_EVENTS] = live_events,
	[ACT_CHURN] = live_churn,
	[ACT_SHELL] = live_shell,
	[ACT_STEP_BACK] = live_step,		[ACT_STEP_FORWARD] = live_step,
	[ACT_ESCAPE] = live_escape,		[ACT_UNBOUND] = live_unbound,
	[ACT_WHEEL_UP] = live_wheel,		[ACT_WHEEL_DOWN] = live_wheel,
	[ACT_CLICK] = live_click,
	[ACT_SCROLL_LEFT] = live_hscroll,
	[ACT_SCROLL_RIGHT] = live_hscroll,
	[ACT_SCROLL_HOME] = live_hscroll,
};

enum keys_mode
live_keys_mode(const struct live *l)
{
	if (l->help)
		return KEYS_HELP;
	if (l->app->view.input != VIEW_INPUT_NONE)
		return KEYS_TYPING;
	if (l->setup.open)
		return KEYS_SETUP;
	return live_panes_mode(&l->panes);
}

/* A key while a search or filter is typed. */
static void
live_typing_key(struct view *v, const struct key_event *ev)
{
	if (ev->act == ACT_TYPE)
		view_input_char(v, ev->ch);
	else if (ev->act == ACT_ERASE)
		view_input_erase(v);
	else if (ev->act == ACT_ACCEPT)
		view_input_accept(v);
	else if (ev->act == ACT_CANCEL)
		view_input_cancel(v);
}

/* A key on the setup screen; closing it saves the columns. */
static void
live_setup_key(struct live *l, const struct key_event *ev)
{
	char	*cause = NULL;

	if (setup_key(&l->setup, ev->act))
		return;
	if (settings_save(&l->columns, &cause) < 0) {
		view_say(&l->app->view, cause);
		free(cause);
	} else
		view_say(&l->app->view, "columns saved");
}

static void
live_tree_key(struct live *l, const struct key_event *ev)
{
	live_handler	*fn = live_handlers[ev->act];

	if (fn == NULL)
		return;
	switch (fn(l, ev)) {
	case LIVE_REBUILD:
		view_rebuild(&l->app->view);
		break;
	case LIVE_RESCAN:
		l->refresh_now = true;
		break;
	case LIVE_DRAW:
		break;
	}
}

void
live_keys_handle(struct live *l, const struct key_event *ev)
{
	if (ev->act == ACT_REDRAW) {
		live_redraw(l, ev);
		return;
	}
	switch (live_keys_mode(l)) {
	case KEYS_HELP:
		if (ev->act == ACT_PAGE_DOWN && l->help < draw_help_pages())
			l->help++;
		else if (ev->act == ACT_CANCEL || ev->act == ACT_PAGE_DOWN)
			l->help = 0;
		break;
	case KEYS_TYPING:
		live_typing_key(&l->app->view, ev);
		break;
	case KEYS_SETUP:
		live_setup_key(l, ev);
		break;
	case KEYS_PANE:
	case KEYS_MENU:
		live_panes_key(&l->panes, l->app, ev);
		break;
	case KEYS_TREE:
		live_tree_key(l, ev);
		break;
	}
}
