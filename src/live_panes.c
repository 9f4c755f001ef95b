/*
 * The detail pane, the event log and the signal menu of the live
 * explorer.  Details of a live process come from the scanner (the UI
 * never reads /proc); on a loaded snapshot only what the file holds is
 * shown.  Signals go through sigsend: each process the menu can signal
 * is held by a pidfd from the moment the menu opens, its start time
 * checked then, so a signal reaches the chosen process or nobody.
 */
#include "config.h"
#include "live_panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc/churn.h"
#include "proc/diff.h"
#include "proc/escape.h"
#include "proc/eventlog.h"
#include "proc/listnav.h"
#include "proc/scan.h"
#include "proc/signals.h"
#include "proc/sigsend.h"
#include "proc/snapshot.h"
#include "proc/view.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/events.h"
#include "ui/detailview.h"
#include "ui/glyphs.h"
#include "ui/ui.h"

#define LIVE_PANES_HSTEP	8	/* columns a sideways step moves */

void
live_panes_init(struct live_panes *p)
{
	memset(p, 0, sizeof *p);
	procdetail_init(&p->detail);
	detail_lines_init(&p->lines);
}

/* Let go of the menu's processes (their pidfds). */
static void
live_panes_release(struct live_panes *p)
{
	size_t	i;

	for (i = 0; i < p->nholds; i++)
		sigsend_release(&p->holds[i]);
	free(p->holds);
	p->holds = NULL;
	p->nholds = 0;
}

/*
 * Hold (pid, start_ticks) unless it is held already, watched by the
 * kernel's exits since the snapshot shown was taken.
 */
static void
live_panes_hold(struct live_panes *p, struct app *a, pid_t pid,
    uint64_t start_ticks, size_t cap)
{
	size_t	i;

	for (i = 0; i < p->nholds; i++)
		if (p->holds[i].pid == pid &&
		    p->holds[i].start_ticks == start_ticks)
			return;
	if (p->nholds >= cap)
		return;
	sigsend_hold(&p->holds[p->nholds], pid, start_ticks);
	sigsend_hold_watch(&p->holds[p->nholds++], &a->exits, a->cur->time);
}

/*
 * The moment the menu opens is when its processes are chosen: hold each
 * one (every tagged one, or those its choices name) from now on.
 */
static void
live_panes_hold_chosen(struct live_panes *p, struct app *a)
{
	const struct view	*v = &a->view;
	size_t			 i, cap = p->menu.tagged > 0 ? v->tagged.n :
				    p->menu.nchoices;

	live_panes_release(p);
	if (cap == 0)
		return;
	p->holds = xreallocarray(NULL, cap, sizeof *p->holds);
	if (p->menu.tagged > 0)
		for (i = 0; i < v->tagged.n; i++)
			live_panes_hold(p, a, v->tagged.v[i].pid,
			    v->tagged.v[i].start_ticks, cap);
	else
		for (i = 0; i < p->menu.nchoices; i++)
			live_panes_hold(p, a, p->menu.choices[i].pid,
			    p->menu.choices[i].start_ticks, cap);
}

void
live_panes_done(struct live_panes *p)
{
	live_panes_release(p);
	procdetail_done(&p->detail);
	detail_lines_done(&p->lines);
}

void
live_panes_toggle_events(struct live_panes *p)
{
	p->events_open = !p->events_open;
	p->detail_open = p->churn_open = false;
	p->log_made = false;	/* the lines were the details' meanwhile */
	p->scroll = p->hscroll = 0;
}

/* What the log's filter shows, for its heading: "", " (zombie, 'ssh')". */
static void
live_panes_filter_text(const struct view *v, char *buf, size_t size)
{
	const struct eventlog_filter	*f = &v->log_filter;
	char				*safe = escape_strdup(v->log_text);
	size_t				 n = 0;

	buf[0] = '\0';
	if (f->one_kind)
		n += (size_t)snprintf(buf + n, size - n, ", %s",
		    diff_kind_names[f->kind]);
	if (f->pidns != 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, ", one namespace");
	if (safe[0] != '\0' && n < size)
		n += (size_t)snprintf(buf + n, size - n, ", '%s'", safe);
	free(safe);
	if (n > 0 && n < size) {
		buf[0] = ' ';
		buf[1] = '(';
		snprintf(buf + n, size - n, ")");
	}
}

/* The log as pane lines, newest first, as its filter shows it. */
static void
live_panes_event_lines(struct live_panes *p, const struct view *v,
    bool utf8)
{
	const struct eventlog	*log = &v->log;
	const struct diff_event	*e;
	char			 line[512], filter[VIEW_QUERY_MAX + 64];
	size_t			 k, shown = 0;

	detail_lines_done(&p->lines);
	p->churn_made = 0;	/* the lines are the log's now */
	live_panes_filter_text(v, filter, sizeof filter);
	detail_lines_add(&p->lines, DR_HEADING, "Events%s, newest first "
	    "(%zu kept; / search, f kind, n namespace, E or Esc closes)",
	    filter, log->n);
	for (k = 0; k < log->n; k++) {
		e = eventlog_get(log, k);
		if (!eventlog_match(e, &v->log_filter))
			continue;
		shown++;
		events_format_line(e, utf8, line, sizeof line);
		detail_lines_add(&p->lines, e->kind == DIFF_ZOMBIE ?
		    DR_REMOVED : e->kind == DIFF_STARTED ? DR_ADDED :
		    e->kind == DIFF_REPARENTED ? DR_CHANGED : DR_NORMAL,
		    "  %s", line);
	}
	if (shown == 0)
		detail_lines_add(&p->lines, DR_DIM, log->n == 0 ?
		    "  nothing has happened since treetop started" :
		    "  no event matches");
}

void
live_panes_toggle_churn(struct live_panes *p)
{
	/* Its lines are kept for the refresh they are of. */
	p->churn_open = !p->churn_open;
	p->detail_open = p->events_open = false;
	p->log_made = false;
	p->scroll = p->hscroll = 0;
}

/* "12ms", "3.2s", "-" */
static void
live_panes_life(double seconds, char *buf, size_t size)
{
	if (seconds < 0)
		snprintf(buf, size, "-");
	else if (seconds < 10)
		snprintf(buf, size, "%.0fms", seconds * 1000);
	else
		snprintf(buf, size, "%.0fs", seconds);
}

/* The busiest parents of the churn window, as pane lines. */
static void
live_panes_churn_lines(struct live_panes *p, const struct app *a, bool utf8)
{
	const struct procinfo	*parent;
	struct churn_parent	*v;
	char			 name[4 * COMM_MAX + 1], life[32];
	size_t			 i, n;

	detail_lines_done(&p->lines);
	v = churn_parents(&a->churn, a->cur->time, &n);
	detail_lines_add(&p->lines, DR_HEADING, "Busiest parents, last %.0f s "
	    "(%s; B or Esc closes)", CHURN_WINDOW, a->churn.exact ?
	    "every start and exit, from the kernel" :
	    "polling: what refreshes saw, no statuses of short lives");
	detail_lines_add(&p->lines, DR_DIM, "  %7s %9s %7s %6s %6s %8s  %s",
	    "PID", "STARTS/s", "ENDED", "FAILED", "SIGNAL", "MEDIAN", "COMMAND");
	for (i = 0; i < n; i++) {
		parent = snapshot_find(a->cur, v[i].ppid);
		escape_bytes(parent != NULL ? parent->comm : "?", parent !=
		    NULL ? strnlen(parent->comm, COMM_MAX) : 1, utf8, name,
		    sizeof name);
		live_panes_life(v[i].median_life, life, sizeof life);
		detail_lines_add(&p->lines, v[i].failed > 0 ? DR_REMOVED :
		    DR_NORMAL, "  %7d %9.1f %7u %6u %6u %8s  %s",
		    (int)v[i].ppid, v[i].starts_rate, v[i].exits, v[i].failed,
		    v[i].signalled, life, name);
	}
	if (n == 0)
		detail_lines_add(&p->lines, DR_DIM, "  no process started or "
		    "ended in the window");
	free(v);
}

enum keys_mode
live_panes_mode(const struct live_panes *p)
{
	if (p->detail_open || p->events_open || p->churn_open)
		return KEYS_PANE;
	return p->menu.open ? KEYS_MENU : KEYS_TREE;
}

/*
 * The selected process, if there is one to inspect or signal; else NULL
 * with the reason said.  A ghost row's process is gone: nothing is left.
 */
static const struct procinfo *
live_panes_target(struct view *v)
{
	const struct procinfo	*sel = view_selected_proc(v);
	char			 msg[128];

	if (sel == NULL) {
		view_say(v, "select a process first");
		return NULL;
	}
	if (view_selected_is_ghost(v)) {
		snprintf(msg, sizeof msg, "PID %d has exited: its row stays a "
		    "few seconds, there is nothing left to inspect or signal",
		    (int)sel->pid);
		view_say(v, msg);
		return NULL;
	}
	return sel;
}

/* The first line of the section whose title starts with section, or 0. */
static size_t
live_panes_section(const struct detail_lines *lines, const char *section)
{
	size_t	i;

	for (i = 0; section != NULL && i < lines->n; i++)
		if (lines->v[i].role == DR_HEADING &&
		    strncmp(lines->v[i].text, section, strlen(section)) == 0)
			return i;
	return 0;
}

void
live_panes_open_details(struct live_panes *p, struct app *a,
    const char *section)
{
	const struct procinfo	*sel = live_panes_target(&a->view);
	char			*cause = NULL;
	size_t			 max;
	int			 rc;

	if (sel == NULL)
		return;
	procdetail_done(&p->detail);
	procdetail_init(&p->detail);
	if (a->scanner != NULL)
		rc = scan_inspect(a->scanner, sel->pid, sel->start_ticks,
		    a->cur, &p->detail, &cause);
	else
		rc = procdetail_from_snapshot(&p->detail, a->cur, sel->pid,
		    sel->start_ticks);
	if (rc < 0) {
		view_say(&a->view, cause != NULL ? cause :
		    "the process has exited");
		free(cause);
		return;
	}
	p->churn_made = 0;	/* the lines are the details' now */
	detailfmt_format(&p->detail, a->cur,
	    glyphs_from_locale() == GLYPHS_UTF8, &p->lines);
	p->scroll = live_panes_section(&p->lines, section);
	p->hscroll = 0;
	max = detailview_max_scroll(&p->lines, (int)ui_pane_height());
	if (p->scroll > max)
		p->scroll = max;
	p->detail_open = true;
}

/* A live (not zombie) tagged process, for the menu's choices; or NULL. */
static const struct procinfo *
live_panes_tagged_live(const struct app *a)
{
	const struct identset	*t = &a->view.tagged;
	const struct procinfo	*q;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		q = snapshot_find(a->cur, t->v[i].pid);
		if (q != NULL && q->start_ticks == t->v[i].start_ticks &&
		    !(q->flags & PI_ZOMBIE))
			return q;
	}
	return NULL;
}

void
live_panes_open_signals(struct live_panes *p, struct app *a)
{
	const struct procinfo	*sel;

	if (a->view.tagged.n > 0) {
		if ((sel = live_panes_tagged_live(a)) == NULL) {
			view_say(&a->view, "every tagged process is a zombie: "
			    "signal its parent (U untags)");
			return;
		}
	} else if ((sel = live_panes_target(&a->view)) == NULL)
		return;
	if (a->scanner == NULL) {
		/* Its PIDs are the moment's (maybe the host's) it was saved. */
		view_say(&a->view, "a saved snapshot: signals go only to "
		    "processes of the live system");
		return;
	}
	p->detail_open = false;
	sigmenu_open(&p->menu, sel, snapshot_find(a->cur, sel->ppid));
	p->menu.tagged = a->view.tagged.n;
	live_panes_hold_chosen(p, a);
}

/* A key in a text pane: scroll, or close. */
static void
live_panes_text_key(struct live_panes *p, const struct key_event *ev)
{
	size_t			height = ui_pane_height();
	size_t			max = detailview_max_scroll(&p->lines,
				    (int)height);
	enum listnav_step	step;

	if (keys_step(ev->act, &step))
		p->scroll = listnav_move(p->scroll, max + 1,
		    height > 1 ? height - 1 : 1, step);
	else if (ev->act == ACT_SCROLL_HOME)
		p->hscroll = 0;
	else if (ev->act == ACT_SCROLL_LEFT)
		p->hscroll = p->hscroll > LIVE_PANES_HSTEP ?
		    p->hscroll - LIVE_PANES_HSTEP : 0;
	else if (ev->act == ACT_SCROLL_RIGHT && p->hscroll < VIEW_HSCROLL_MAX)
		p->hscroll += LIVE_PANES_HSTEP;
	else if (ev->act == ACT_CANCEL)
		p->detail_open = p->events_open = p->churn_open = false;
	else if (ev->act == ACT_EVENTS)
		live_panes_toggle_events(p);
	else if (ev->act == ACT_CHURN)
		live_panes_toggle_churn(p);
}

/* A key only the event log has: its filters. */
static void
live_panes_log_key(struct live_panes *p, struct app *a,
    const struct key_event *ev)
{
	const struct procinfo	*sel = view_selected_proc(&a->view);

	if (ev->act == ACT_SEARCH)
		view_input_start(&a->view, VIEW_INPUT_EVENTS);
	else if (ev->act == ACT_EVENT_KIND)
		view_log_next_kind(&a->view);
	else if (ev->act == ACT_EVENT_NS && sel != NULL &&
	    sel->ns[NS_PID] != INODE_UNKNOWN)
		view_log_toggle_pidns(&a->view, sel->ns[NS_PID]);
	p->scroll = 0;
}

/*
 * How a signal to hold h went, as sigsend_describe() says it, or, when
 * the kernel saw h's process exit after it was shown, when.
 */
static void
live_panes_describe(char *buf, size_t size, const struct sigsend_hold *h,
    enum sigsend_result r, int sig, int err, bool racy)
{
	double		when = r == SIGSEND_GONE ? sigsend_hold_exit_time(h) : 0;
	time_t		secs = (time_t)when;
	struct tm	tm;
	char		clock[16];

	if (when <= 0 || localtime_r(&secs, &tm) == NULL) {
		sigsend_describe(buf, size, r, sig, h->pid, err, racy);
		return;
	}
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	snprintf(buf, size, "PID %d exited at %s.%03d after it was shown: "
	    "%s not sent", (int)h->pid, clock,
	    (int)((when - (double)secs) * 1000) % 1000, signals_name(sig));
}

/* The signal to every tagged process held; one line says how it went. */
static void
live_panes_send_tagged(const struct live_panes *p, struct view *v, int sig)
{
	enum sigsend_result	r;
	char			msg[256], first[160] = "";
	size_t			i, sent = 0;
	bool			racy;
	int			err;

	for (i = 0; i < p->nholds; i++) {
		r = sigsend_hold_send(&p->holds[i], sig, &err, &racy);
		if (r == SIGSEND_SENT)
			sent++;
		else if (first[0] == '\0')
			live_panes_describe(first, sizeof first, &p->holds[i],
			    r, sig, err, racy);
	}
	snprintf(msg, sizeof msg, "%s sent to %zu of %zu tagged%s%s",
	    signals_name(sig), sent, p->nholds, first[0] ? "; " : "", first);
	view_say(v, msg);
}

/* The signal to the held process (pid, start_ticks). */
static void
live_panes_send(const struct live_panes *p, struct view *v, pid_t pid,
    uint64_t start_ticks, int sig)
{
	const struct sigsend_hold	*h = NULL;
	enum sigsend_result		 r = SIGSEND_GONE;
	char				 msg[256];
	bool				 racy = false;
	int				 err = 0;
	size_t				 i;

	for (i = 0; i < p->nholds; i++)
		if (p->holds[i].pid == pid &&
		    p->holds[i].start_ticks == start_ticks)
			h = &p->holds[i];
	if (h == NULL)
		sigsend_describe(msg, sizeof msg, r, sig, pid, err, racy);
	else {
		r = sigsend_hold_send(h, sig, &err, &racy);
		live_panes_describe(msg, sizeof msg, h, r, sig, err, racy);
	}
	view_say(v, msg);
}

void
live_panes_key(struct live_panes *p, struct app *a,
    const struct key_event *ev)
{
	uint64_t	start_ticks;
	pid_t		pid;
	int		sig;

	if (p->events_open && (ev->act == ACT_SEARCH ||
	    ev->act == ACT_EVENT_KIND || ev->act == ACT_EVENT_NS))
		live_panes_log_key(p, a, ev);
	else if (live_panes_mode(p) == KEYS_PANE)
		live_panes_text_key(p, ev);
	else if (p->menu.open && sigmenu_key(&p->menu, ev, &sig, &pid,
	    &start_ticks) == SIGMENU_SEND) {
		if (p->menu.tagged > 0)
			live_panes_send_tagged(p, &a->view, sig);
		else
			live_panes_send(p, &a->view, pid, start_ticks, sig);
	}
	if (!p->menu.open)
		live_panes_release(p);
}

bool
live_panes_draw(struct live_panes *p, const struct app *a, struct ui *ui)
{
	if (p->events_open) {
		/* Made again only when the log or what it shows changed. */
		if (!p->log_made || p->log_gen != a->view.log.gen ||
		    p->filter_gen != a->view.log_filter_gen)
			live_panes_event_lines(p, &a->view,
			    glyphs_from_locale() == GLYPHS_UTF8);
		p->log_made = true;
		p->log_gen = a->view.log.gen;
		p->filter_gen = a->view.log_filter_gen;
		ui_draw_pane(ui, &p->lines, p->scroll, p->hscroll);
	} else if (p->churn_open) {
		/* Made again at each refresh. */
		if (p->churn_made != a->refreshes)
			live_panes_churn_lines(p, a,
			    glyphs_from_locale() == GLYPHS_UTF8);
		p->churn_made = a->refreshes;
		ui_draw_pane(ui, &p->lines, p->scroll, p->hscroll);
	} else if (p->detail_open)
		ui_draw_pane(ui, &p->lines, p->scroll, p->hscroll);
	else if (p->menu.open)
		ui_draw_menu(ui, &p->menu);
	else
		return false;
	return true;
}
