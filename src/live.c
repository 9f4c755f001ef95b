/*
 * The live explorer: a timer drives refreshes, keys edit the view state.
 * UI state is keyed by process identity (pid, start time), so selection
 * and folding survive every rebuild; a key press never rescans.
 */
#include "config.h"
#include "live.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/cli.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/ui.h"

#define LIVE_STATUS_SECONDS	3.0

struct live {
	struct app		*app;		/* borrowed */
	struct ui		*ui;		/* owned */
	struct proc_ident	 sel;		/* the selected process */
	pid_t			 sel_ppid;	/* where to go if it exits */
	size_t			 selected;	/* its row, after live_locate() */
	size_t			 top;		/* first row on screen */
	struct proc_ident	*folded;	/* owned; sorted by pid */
	size_t			 nfolded;
	size_t			 folded_cap;
	enum rows_filter	 base_filter;	/* the command line's view */
	bool			 paused;
	bool			 help;
	bool			 quit;
	char			 status[256];
	double			 status_until;
};

static double
live_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
live_say(struct live *l, const char *msg)
{
	snprintf(l->status, sizeof l->status, "%s", msg);
	l->status_until = live_now() + LIVE_STATUS_SECONDS;
}

static void
live_select_row(struct live *l, size_t k)
{
	const struct rows	*rows = &l->app->rows;

	if (rows->n == 0)
		return;
	if (k >= rows->n)
		k = rows->n - 1;
	l->selected = k;
	l->sel.pid = rows->v[k].proc->pid;
	l->sel.start_ticks = rows->v[k].proc->start_ticks;
	l->sel_ppid = rows->v[k].proc->ppid;
}

/* Find the selected process's row again; if it is gone, its parent's. */
static void
live_locate(struct live *l)
{
	const struct rows	*rows = &l->app->rows;
	size_t			 k, parent = (size_t)-1;

	for (k = 0; k < rows->n; k++) {
		const struct procinfo	*p = rows->v[k].proc;

		if (p->pid == l->sel.pid && p->start_ticks == l->sel.start_ticks) {
			l->selected = k;
			return;
		}
		if (p->pid == l->sel_ppid)
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

	if (fold && i < 0) {
		if (l->nfolded == l->folded_cap) {
			l->folded_cap = l->folded_cap ? l->folded_cap * 2 : 16;
			l->folded = xreallocarray(l->folded, l->folded_cap,
			    sizeof *l->folded);
		}
		for (at = 0; at < l->nfolded &&
		    l->folded[at].pid < l->sel.pid; at++)
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
	app_rebuild_rows(l->app);
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
	if ((row->flags & ROW_HAS_KIDS) && !(row->flags & ROW_FOLDED)) {
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

static void
live_jump(struct live *l, unsigned flag, const char *none)
{
	const struct rows	*rows = &l->app->rows;
	size_t			 i, k;

	for (i = 1; i <= rows->n; i++) {
		k = (l->selected + i) % rows->n;
		if (rows->v[k].proc->flags & flag) {
			live_select_row(l, k);
			return;
		}
	}
	live_say(l, none);
}

static void
live_set_view(struct live *l, enum rows_filter filter)
{
	struct viewstate	*vs = &l->app->vs;

	vs->filter = vs->filter == filter ? l->base_filter : filter;
	app_rebuild_rows(l->app);
	live_locate(l);
}

static void
live_act(struct live *l, enum action act)
{
	size_t	page = draw_page_rows(), n = l->app->rows.n;

	if (l->help && act != ACT_RESIZE && act != ACT_NONE) {
		l->help = false;
		if (act != ACT_QUIT)
			return;
	}
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
		app_rebuild_rows(l->app);
		break;
	case ACT_NEXT_ZOMBIE:
		live_jump(l, PI_ZOMBIE, "no zombies in view");
		break;
	case ACT_NEXT_ORPHAN:
		live_jump(l, PI_ORPHAN, "no orphans in view");
		break;
	case ACT_VIEW_ZOMBIES:
		live_set_view(l, ROWS_ZOMBIES);
		break;
	case ACT_VIEW_ORPHANS:
		live_set_view(l, ROWS_ORPHANS);
		break;
	case ACT_ESCAPE:
		if (l->app->vs.filter != l->base_filter)
			live_set_view(l, l->base_filter);
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
	return NULL;
}

static void
live_draw(struct live *l)
{
	struct ui_frame	f;

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
	f.help = l->help;
	ui_draw(l->ui, &f);
}

int
live_run(struct app *a)
{
	const struct options	*o = a->opts;
	struct ui_config	 cfg;
	struct live		 l;
	char			*cause = NULL;
	double			 next, now;
	int			 key, status = 0;

	memset(&l, 0, sizeof l);
	l.app = a;
	l.base_filter = a->vs.filter;
	cfg.no_color = o->no_color || getenv("NO_COLOR") != NULL;
	cfg.utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	cfg.glyphs = app_glyphs(o);
	l.ui = ui_open(&cfg, &cause);
	if (l.ui == NULL) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		return 1;
	}
	live_select_row(&l, 0);
	next = live_now() + o->delay;
	while (!l.quit) {
		live_draw(&l);
		now = live_now();
		if (!l.paused && now >= next) {
			if (a->scanner != NULL && app_refresh(a, &cause) < 0) {
				status = 1;
				break;
			}
			next = now + o->delay;
			if (o->iterations > 0 &&
			    a->refreshes >= (unsigned long)o->iterations)
				break;
			continue;
		}
		key = ui_key(l.ui, l.paused ? -1 :
		    (int)((next - now) * 1000.0) + 1);
		if (key != ERR)
			live_act(&l, keys_action(key));
	}
	ui_close(l.ui);
	free(l.folded);
	a->vs.folded = NULL;
	a->vs.nfolded = 0;
	if (status != 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
	}
	return status;
}
