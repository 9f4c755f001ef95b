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

#include "proc/recording.h"
#include "proc/snapshot.h"
#include "proc/view.h"
#include "src/app.h"
#include "src/live_state.h"
#include "src/settings.h"
#include "ui/draw.h"
#include "ui/ui.h"

#define LIVE_WHEEL_ROWS	3	/* rows a mouse wheel step moves */

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

static enum live_next
live_view_filter(struct live *l, const struct key_event *ev)
{
	view_toggle_filter(&l->app->view, ev->act == ACT_VIEW_ZOMBIES ?
	    ROWS_ZOMBIES : ROWS_ORPHANS);
	return LIVE_DRAW;
}

static enum live_next
live_start_input(struct live *l, const struct key_event *ev)
{
	view_input_start(&l->app->view, ev->act == ACT_FILTER ?
	    VIEW_INPUT_FILTER : VIEW_INPUT_SEARCH);
	return LIVE_DRAW;
}

/* n, and N with a search kept: the next or previous match. */
static void
live_search_again(struct view *v, int dir)
{
	if (v->search[0] == '\0')
		view_say(v, "no search: press / first");
	else if (!view_find(v, 0, v->search, dir, false))
		view_say(v, "no match");
}

static enum live_next
live_search_next(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_search_again(&l->app->view, 1);
	return LIVE_DRAW;
}

/* N: back through the search if one is kept, else the namespaces. */
static enum live_next
live_ns_view_or_prev(struct live *l, const struct key_event *ev)
{
	struct view	*v = &l->app->view;

	(void)ev;
	if (v->search[0] != '\0')
		live_search_again(v, -1);
	else
		view_toggle_layout(v, ROWS_BY_PIDNS);
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
	    sort == SORT_RSS || sort == SORT_TIME);
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

static enum live_next
live_setup(struct live *l, const struct key_event *ev)
{
	(void)ev;
	setup_open(&l->setup, &l->columns);
	return LIVE_DRAW;
}

static enum live_next
live_details(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_open_details(&l->panes, l->app);
	return LIVE_DRAW;
}

static enum live_next
live_signal(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_open_signals(&l->panes, l->app);
	return LIVE_DRAW;
}

static enum live_next
live_events(struct live *l, const struct key_event *ev)
{
	(void)ev;
	live_panes_toggle_events(&l->panes);
	return LIVE_DRAW;
}

/* [ and ]: move through a loaded recording, replayed as it happened. */
static enum live_next
live_step(struct live *l, const struct key_event *ev)
{
	struct app	*a = l->app;
	size_t		 n = a->recording != NULL ? a->recording->n : 0;
	bool		 back = ev->act == ACT_STEP_BACK;
	char		 msg[96];

	if (n < 2)
		view_say(&a->view, a->scanner != NULL ? "[ and ] step "
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
	l->help = true;
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
	[ACT_NEXT_ZOMBIE] = live_next_zombie,
	[ACT_NEXT_ORPHAN] = live_next_orphan,
	[ACT_VIEW_ZOMBIES] = live_view_filter,
	[ACT_VIEW_ORPHANS] = live_view_filter,
	[ACT_SEARCH] = live_start_input,	[ACT_FILTER] = live_start_input,
	[ACT_SEARCH_NEXT] = live_search_next,
	[ACT_NS_VIEW_OR_PREV] = live_ns_view_or_prev,
	[ACT_FLAT] = live_flat,
	[ACT_SORT_PREV] = live_sort_step,	[ACT_SORT_NEXT] = live_sort_step,
	[ACT_SORT_INVERT] = live_sort_invert,
	[ACT_THREADS] = live_threads,		[ACT_SETUP] = live_setup,
	[ACT_DETAILS] = live_details,		[ACT_SIGNAL] = live_signal,
	[ACT_EVENTS] = live_events,
	[ACT_STEP_BACK] = live_step,		[ACT_STEP_FORWARD] = live_step,
	[ACT_ESCAPE] = live_escape,		[ACT_PAUSE] = live_pause,
	[ACT_HELP] = live_help,			[ACT_QUIT] = live_quit,
	[ACT_WHEEL_UP] = live_wheel,		[ACT_WHEEL_DOWN] = live_wheel,
	[ACT_CLICK] = live_click,
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
		if (ev->act == ACT_CANCEL)
			l->help = false;
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
