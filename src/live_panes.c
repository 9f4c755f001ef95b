/*
 * The detail pane and the signal menu of the live explorer.  Details of
 * a live process come from the scanner (the UI never reads /proc); on a
 * loaded snapshot only what the file holds is shown.  Signals go through
 * sigsend, which checks the start time through a pidfd first.
 */
#include "config.h"
#include "live_panes.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/diff.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/events.h"
#include "src/live.h"
#include "proc/sigsend.h"
#include "ui/detailview.h"
#include "ui/draw.h"
#include "ui/glyphs.h"
#include "ui/ui.h"

void
live_panes_init(struct live_panes *p)
{
	memset(p, 0, sizeof *p);
	procdetail_init(&p->detail);
	detail_lines_init(&p->lines);
}

void
live_panes_done(struct live_panes *p)
{
	procdetail_done(&p->detail);
	detail_lines_done(&p->lines);
	free(p->events);
}

void
live_panes_log_events(struct live_panes *p, const struct diff *d)
{
	size_t	i;

	if (p->events == NULL)
		p->events = xcalloc(LIVE_EVENTS_KEPT, sizeof *p->events);
	for (i = 0; i < d->n; i++) {
		p->events[p->next_event] = d->events[i];
		p->next_event = (p->next_event + 1) % LIVE_EVENTS_KEPT;
		if (p->nevents < LIVE_EVENTS_KEPT)
			p->nevents++;
	}
}

void
live_panes_clear_events(struct live_panes *p)
{
	p->nevents = 0;
	p->next_event = 0;
}

void
live_panes_toggle_events(struct live_panes *p)
{
	p->events_open = !p->events_open;
	p->detail_open = false;
	p->scroll = 0;
}

/* The log as pane lines, newest first. */
static void
live_panes_event_lines(struct live_panes *p, bool utf8)
{
	const struct diff_event	*e;
	char			 line[512];
	size_t			 k;

	detail_lines_done(&p->lines);
	detail_lines_add(&p->lines, DR_HEADING, "Events, newest first "
	    "(%zu kept; e or Esc closes)", p->nevents);
	if (p->nevents == 0)
		detail_lines_add(&p->lines, DR_DIM, "  nothing has happened "
		    "since treetop started");
	for (k = 1; k <= p->nevents; k++) {
		e = &p->events[(p->next_event + LIVE_EVENTS_KEPT - k) %
		    LIVE_EVENTS_KEPT];
		events_format_line(e, utf8, line, sizeof line);
		detail_lines_add(&p->lines, e->kind == DIFF_ZOMBIE ?
		    DR_REMOVED : e->kind == DIFF_STARTED ? DR_ADDED :
		    e->kind == DIFF_REPARENTED ? DR_CHANGED : DR_NORMAL,
		    "  %s", line);
	}
}

bool
live_panes_active(const struct live_panes *p)
{
	return p->detail_open || p->menu.open || p->events_open;
}

/* A ghost row: the process is gone, so neither details nor signals. */
static void
live_panes_say_gone(struct live *l, const struct procinfo *gone)
{
	char	msg[128];

	snprintf(msg, sizeof msg, "PID %d has exited: its row stays a few "
	    "seconds, there is nothing left to inspect or signal",
	    (int)gone->pid);
	live_say(l, msg);
}

void
live_panes_open_details(struct live_panes *p, struct live *l)
{
	const struct procinfo	*sel = live_selected_proc(l);
	struct app		*a = live_app(l);
	char			*cause = NULL;
	int			 rc;

	if (sel == NULL) {
		live_say(l, "select a process first");
		return;
	}
	if (live_selected_is_ghost(l)) {
		live_panes_say_gone(l, sel);
		return;
	}
	procdetail_done(&p->detail);
	procdetail_init(&p->detail);
	if (a->scanner != NULL)
		rc = scan_inspect(a->scanner, sel->pid, sel->start_ticks,
		    a->cur, &p->detail, &cause);
	else
		rc = procdetail_from_snapshot(&p->detail, a->cur, sel->pid,
		    sel->start_ticks);
	if (rc < 0) {
		live_say(l, cause != NULL ? cause : "the process has exited");
		free(cause);
		return;
	}
	detailfmt_format(&p->detail, a->cur,
	    glyphs_from_locale() == GLYPHS_UTF8, &p->lines);
	p->scroll = 0;
	p->detail_open = true;
}

void
live_panes_open_signals(struct live_panes *p, struct live *l)
{
	const struct procinfo	*sel = live_selected_proc(l);
	struct app		*a = live_app(l);

	if (sel == NULL) {
		live_say(l, "select a process first");
		return;
	}
	if (live_selected_is_ghost(l)) {
		live_panes_say_gone(l, sel);	/* nothing left to signal */
		return;
	}
	if (a->scanner == NULL) {
		/* Its PIDs belong to the moment (and maybe the host) it was saved. */
		live_say(l, "a saved snapshot: signals go only to processes of "
		    "the live system");
		return;
	}
	p->detail_open = false;
	sigmenu_open(&p->menu, sel, snapshot_find(a->cur, sel->ppid));
}

/* Scroll a text pane; true when the key closes it. */
static bool
live_panes_scroll_key(struct live_panes *p, int key)
{
	int	height = LINES - DRAW_HEADER_LINES - DRAW_FOOTER_LINES;
	size_t	max = detailview_max_scroll(&p->lines, height);
	size_t	page = height > 1 ? (size_t)height - 1 : 1;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (p->scroll > 0)
			p->scroll--;
		break;
	case KEY_DOWN:
	case 'j':
		if (p->scroll < max)
			p->scroll++;
		break;
	case KEY_PPAGE:
		p->scroll = p->scroll > page ? p->scroll - page : 0;
		break;
	case KEY_NPAGE:
	case ' ':
		p->scroll = p->scroll + page < max ? p->scroll + page : max;
		break;
	case KEY_HOME:
		p->scroll = 0;
		break;
	case KEY_END:
		p->scroll = max;
		break;
	case 27:
	case 'q':
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_LEFT:
		return true;
	default:
		break;
	}
	return false;
}

static void
live_panes_send(struct live *l, pid_t pid, uint64_t start_ticks, int sig)
{
	enum sigsend_result	r;
	char			msg[256];
	bool			racy = false;
	int			err = 0;

	r = sigsend_send(pid, start_ticks, sig, &err, &racy);
	sigsend_describe(msg, sizeof msg, r, sig, pid, err, racy);
	live_say(l, msg);
}

bool
live_panes_key(struct live_panes *p, struct live *l, int key)
{
	enum sigmenu_outcome	out;
	uint64_t		start_ticks;
	pid_t			pid;
	int			sig;

	if (p->events_open) {
		if (key == 'e' || live_panes_scroll_key(p, key))
			p->events_open = false;
		return true;
	}
	if (p->detail_open) {
		if (live_panes_scroll_key(p, key))
			p->detail_open = false;
		return true;
	}
	if (!p->menu.open)
		return false;
	out = sigmenu_key(&p->menu, key, &sig, &pid, &start_ticks);
	if (out == SIGMENU_SEND)
		live_panes_send(l, pid, start_ticks, sig);
	return true;
}

void
live_panes_draw(struct live_panes *p, struct live *l, struct ui *ui)
{
	(void)l;
	if (p->events_open) {
		live_panes_event_lines(p, glyphs_from_locale() == GLYPHS_UTF8);
		detailview_draw(ui_draw_ctx(ui), &p->lines, p->scroll,
		    DRAW_HEADER_LINES - 1, LINES - DRAW_FOOTER_LINES);
	} else if (p->detail_open)
		detailview_draw(ui_draw_ctx(ui), &p->lines, p->scroll,
		    DRAW_HEADER_LINES - 1, LINES - DRAW_FOOTER_LINES);
	else if (p->menu.open)
		sigmenu_draw(ui_draw_ctx(ui), &p->menu, DRAW_HEADER_LINES - 1,
		    LINES - DRAW_FOOTER_LINES);
	else
		return;
	refresh();
}
