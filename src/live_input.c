/*
 * The live explorer's input beyond single keys: typing a search or a
 * filter, the mouse, Esc's way back, and stepping through a recording.
 */
#include "config.h"
#include "live_priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "proc/diff.h"
#include "proc/recording.h"
#include "proc/rows.h"
#include "src/app.h"
#include "ui/columns.h"
#include "ui/draw.h"

/* The event log of a recording: what happened up to the snapshot shown. */
void
live_replay_events(struct live *l)
{
	struct app	*a = l->app;
	struct diff	 d;
	size_t		 i;

	live_panes_clear_events(&l->panes);
	diff_init(&d);
	for (i = 1; a->recording != NULL && i <= a->rec_index; i++) {
		/* Replaying a pair again sets the same flags: idempotent. */
		diff_snapshots(a->recording->snaps[i - 1],
		    a->recording->snaps[i], &d);
		live_panes_log_events(&l->panes, &d);
	}
	diff_done(&d);
}

/* [ and ]: move through a loaded recording, replayed as it happened. */
void
live_step(struct live *l, int dir)
{
	struct app	*a = l->app;
	size_t		 n = a->recording != NULL ? a->recording->n : 0;
	char		 msg[96];

	if (n < 2) {
		live_say(l, a->scanner != NULL ? "[ and ] step through a "
		    "recording: treetop --load FILE" : "this file holds one "
		    "snapshot");
		return;
	}
	if ((dir < 0 && a->rec_index == 0) || (dir > 0 &&
	    a->rec_index + 1 >= n)) {
		live_say(l, dir < 0 ? "the first snapshot of the recording" :
		    "the last snapshot of the recording");
		return;
	}
	app_seek(a, a->rec_index + (size_t)(dir > 0 ? 1 : 0) -
	    (size_t)(dir < 0 ? 1 : 0));
	live_reap(l);
	live_replay_events(l);
	live_locate(l);
	snprintf(msg, sizeof msg, "snapshot %zu of %zu", a->rec_index + 1, n);
	live_say(l, msg);
}

void
live_mouse(struct live *l)
{
	MEVENT	ev;
	size_t	row;
	int	col;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		live_select_row(l, l->selected > LIVE_WHEEL_ROWS ?
		    l->selected - LIVE_WHEEL_ROWS : 0);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		live_select_row(l, l->selected + LIVE_WHEEL_ROWS);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (ev.y == DRAW_HEADER_LINES - 1) {
		col = columns_at(&l->columns, ev.x);
		if (col < 0)
			return;
		if (col == l->sort_column && l->app->vs.layout == ROWS_FLAT)
			l->app->vs.descending = !l->app->vs.descending;
		else {
			l->sort_column = col;
			l->app->vs.sort = columns_defs[col].sort;
			l->app->vs.layout = ROWS_FLAT;
		}
		live_rebuild(l);
		return;
	}
	if (ev.y >= DRAW_HEADER_LINES && ev.y < LINES - DRAW_FOOTER_LINES) {
		row = l->top + (size_t)(ev.y - DRAW_HEADER_LINES);
		if (row < l->app->rows.n)
			live_select_row(l, row);
	}
}

/* A key while typing a search or filter. */
void
live_edit_key(struct live *l, int key)
{
	size_t	len = strlen(l->edit);

	if (key == 27) {
		if (l->input == INPUT_FILTER) {
			l->filter[0] = '\0';
			l->app->vs.match = NULL;
			live_rebuild(l);
		} else
			l->search[0] = '\0';
		l->input = INPUT_NONE;
		return;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		if (l->input == INPUT_SEARCH)
			snprintf(l->search, sizeof l->search, "%s", l->edit);
		l->input = INPUT_NONE;
		return;
	}
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (len > 0)
			l->edit[len - 1] = '\0';
	} else if (key >= 0x20 && key < 0x7f && len + 1 < sizeof l->edit) {
		l->edit[len] = (char)key;
		l->edit[len + 1] = '\0';
	} else
		return;
	if (l->input == INPUT_FILTER) {
		snprintf(l->filter, sizeof l->filter, "%s", l->edit);
		l->app->vs.match = l->filter;
		live_rebuild(l);
	} else if (l->edit[0] != '\0' &&
	    !live_find(l, 0, l->edit, 1, true))
		live_say(l, "no match");
}

void
live_start_input(struct live *l, enum live_input input)
{
	l->input = input;
	snprintf(l->edit, sizeof l->edit, "%s",
	    input == INPUT_FILTER ? l->filter : "");
}

bool
live_escape(struct live *l)
{
	struct viewstate	*vs = &l->app->vs;

	if (l->search[0] != '\0') {
		l->search[0] = '\0';
		return true;
	}
	if (l->filter[0] != '\0') {
		l->filter[0] = '\0';
		vs->match = NULL;
	} else if (vs->filter != l->base_filter)
		vs->filter = l->base_filter;
	else if (vs->layout != ROWS_TREE)
		vs->layout = ROWS_TREE;
	else
		return false;
	live_rebuild(l);
	return true;
}
