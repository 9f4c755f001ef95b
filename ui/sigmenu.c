/*
 * The signal menu: which signal goes to which process, chosen with the
 * keys and drawn between the header and the footer.  The choices and
 * their meaning come from signals_choices(); this file only keeps the
 * selection and draws.  It sends nothing and reads no /proc; process
 * names are copied raw at open and escaped each time they are drawn.
 */
#include "config.h"
#include "sigmenu.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "colors.h"
#include "draw.h"
#include "keys.h"
#include "proc/reap.h"

#define SIGMENU_PAGE_DEFAULT	10	/* PgUp/PgDn before the first draw */
#define SIGMENU_NOTES_MAX	3
#define SIGMENU_LINE_MAX	512

void
sigmenu_open(struct sigmenu *m, const struct procinfo *target,
    const struct procinfo *parent_or_null)
{
	const struct procinfo	*parent = parent_or_null;
	size_t			 i;

	memset(m, 0, sizeof *m);
	m->open = true;
	m->pid = target->pid;
	m->start_ticks = target->start_ticks;
	m->tgid = target->tgid > 0 ? target->tgid : target->pid;
	snprintf(m->comm, sizeof m->comm, "%s", target->comm);
	m->zombie = signals_is_zombie(target);
	m->kthread = (target->flags & PI_KTHREAD) != 0;
	m->nsinit = (target->flags & PI_NSINIT) != 0;
	m->host_init = m->nsinit && procinfo_inner_pid(target) == target->pid;
	m->deaf_init = m->nsinit && reap_handles(target, SIGTERM) == REAP_NO;
	if (parent != NULL && parent->pid > 0 && parent->pid == target->ppid) {
		m->parent_pid = parent->pid;
		snprintf(m->parent_comm, sizeof m->parent_comm, "%s",
		    parent->comm);
	}
	m->nchoices = signals_choices(target, parent, m->choices,
	    SIGNALS_CHOICES_MAX);
	/*
	 * SIGTERM first for a live process, SIGCHLD first for a zombie;
	 * SIGKILL for a container's init the kernel would drop SIGTERM to.
	 */
	for (i = 0; i < m->nchoices; i++)
		if (!m->zombie && m->choices[i].sig == (m->deaf_init &&
		    !m->host_init ? SIGKILL : SIGTERM))
			m->selected = i;
	m->page = SIGMENU_PAGE_DEFAULT;
}

/* Close the menu without sending. */
static void
sigmenu_close(struct sigmenu *m)
{
	m->open = false;
	m->number = 0;
}

/* Typed digits: select the signal with that number, if offered. */
static void
sigmenu_type_digit(struct sigmenu *m, int digit)
{
	int	tries[2], t;
	size_t	i;

	if (m->zombie)
		return;
	tries[0] = m->number * 10 + digit;
	tries[1] = digit;
	for (t = 0; t < 2; t++) {
		for (i = 0; i < m->nchoices; i++) {
			if (m->choices[i].sig == tries[t]) {
				m->selected = i;
				m->number = tries[t];
				return;
			}
		}
	}
	m->number = 0;
}

/* Enter: close, and name what to send (if anything). */
static enum sigmenu_outcome
sigmenu_choose(struct sigmenu *m, int *sig, pid_t *pid, uint64_t *start_ticks)
{
	sigmenu_close(m);
	if (m->nchoices == 0 || m->selected >= m->nchoices)
		return SIGMENU_CANCEL;
	*sig = m->choices[m->selected].sig;
	*pid = m->choices[m->selected].pid;
	*start_ticks = m->choices[m->selected].start_ticks;
	return SIGMENU_SEND;
}

enum sigmenu_outcome
sigmenu_key(struct sigmenu *m, const struct key_event *ev, int *sig,
    pid_t *pid, uint64_t *start_ticks)
{
	enum listnav_step	step;

	if (!m->open)
		return SIGMENU_NONE;
	if (ev->act == ACT_DIGIT) {
		sigmenu_type_digit(m, ev->ch);
		return SIGMENU_NONE;
	}
	m->number = 0;
	if (keys_step(ev->act, &step)) {
		m->selected = listnav_move(m->selected, m->nchoices,
		    m->page > 1 ? m->page - 1 : 1, step);
		return SIGMENU_NONE;
	}
	if (ev->act == ACT_ACCEPT)
		return sigmenu_choose(m, sig, pid, start_ticks);
	if (ev->act == ACT_CANCEL) {
		sigmenu_close(m);
		return SIGMENU_CANCEL;
	}
	return SIGMENU_NONE;
}

/* Escape raw process bytes into buf (the draw scratch is reused). */
static void
sigmenu_name(struct draw_ctx *dc, const char *raw, char *buf, size_t size)
{
	snprintf(buf, size, "%s", draw_escape(dc, raw, strlen(raw), false));
}

/* The title line and the notes that say what the target is. */
static size_t
sigmenu_texts(struct draw_ctx *dc, const struct sigmenu *m, char *title,
    char notes[][SIGMENU_LINE_MAX])
{
	char	name[COMM_MAX * 4 + 1], pname[COMM_MAX * 4 + 1];
	size_t	n = 0;

	sigmenu_name(dc, m->comm, name, sizeof name);
	sigmenu_name(dc, m->parent_comm, pname, sizeof pname);
	if (m->tagged > 0) {
		snprintf(title, SIGMENU_LINE_MAX, "Send signal to the %zu "
		    "tagged process%s", m->tagged, m->tagged == 1 ? "" : "es");
		snprintf(notes[n++], SIGMENU_LINE_MAX, "Each start time is "
		    "checked first; U untags them all.");
		return n;
	}
	if (!m->zombie) {
		snprintf(title, SIGMENU_LINE_MAX, "Send signal to PID %d (%s)",
		    (int)m->pid, name);
		if (m->tgid != m->pid)
			snprintf(notes[n++], SIGMENU_LINE_MAX,
			    "A thread: the signal goes to its whole process, "
			    "PID %d.", (int)m->tgid);
		if (m->kthread)
			snprintf(notes[n++], SIGMENU_LINE_MAX,
			    "A kernel thread: it ignores most signals.");
		if (m->nsinit && n < SIGMENU_NOTES_MAX)
			snprintf(notes[n++], SIGMENU_LINE_MAX,
			    "PID 1 of its namespace: if it ends, the kernel "
			    "kills every process in that namespace.");
		if (m->deaf_init && n < SIGMENU_NOTES_MAX)
			snprintf(notes[n++], SIGMENU_LINE_MAX, m->host_init ?
			    "The host's init: the kernel drops every signal "
			    "it does not handle, SIGKILL too." :
			    "It does not handle SIGTERM, so the kernel drops "
			    "it: SIGKILL (selected) ends it.");
		return n;
	}
	snprintf(title, SIGMENU_LINE_MAX, "PID %d (%s) is a zombie",
	    (int)m->pid, name);
	snprintf(notes[n++], SIGMENU_LINE_MAX, "It has already exited and "
	    "cannot be signalled; only its parent can reap it.");
	if (m->parent_pid <= 0 || m->nchoices == 0) {
		snprintf(notes[n++], SIGMENU_LINE_MAX, "Its parent is not "
		    "known here, so there is nothing to send.");
		return n;
	}
	snprintf(notes[n++], SIGMENU_LINE_MAX, "Its parent PID %d (%s) has "
	    "not reaped it.", (int)m->parent_pid, pname);
	if (m->nchoices == 1)
		snprintf(notes[n++], SIGMENU_LINE_MAX, "That parent is an "
		    "init: ending it would end everything under it.");
	return n;
}

/* One choice as a line of text. */
static void
sigmenu_choice_text(struct draw_ctx *dc, const struct sigmenu *m,
    const struct signals_choice *c, char *line, size_t size)
{
	char	pname[COMM_MAX * 4 + 1];

	if (c->kind == SIGNALS_CHOICE_SIGNAL) {
		snprintf(line, size, "%2d %-9s  %s", c->sig,
		    signals_name(c->sig), c->meaning);
		return;
	}
	sigmenu_name(dc, m->parent_comm, pname, sizeof pname);
	if (c->kind == SIGNALS_CHOICE_NUDGE_PARENT)
		snprintf(line, size, "send %s to its parent PID %d (%s): %s",
		    signals_name(c->sig), (int)c->pid, pname,
		    c->meaning);
	else	/* the name is in the notes: keep the consequence on screen */
		snprintf(line, size, "terminate the parent PID %d with %s: %s",
		    (int)c->pid, signals_name(c->sig), c->meaning);
}

/* One full-width line at y in attr. */
static void
sigmenu_line(struct draw_ctx *dc, int y, int attr, const char *text)
{
	move(y, 0);
	attrset(attr);
	draw_text(dc, text, COLS);
	draw_fill_line(attr);
}

/* The hint line, footer style. */
static void
sigmenu_hint(struct draw_ctx *dc, const struct sigmenu *m, int y)
{
	int	key = colors_attr(dc->color, CR_FOOTER_KEY);
	int	label = colors_attr(dc->color, CR_FOOTER_LABEL);
	char	pos[48];
	int	x;

	move(y, 0);
	attrset(key);
	x = draw_text(dc, "Enter", COLS);
	attrset(label);
	x += draw_text(dc, m->nchoices > 0 ? " send  " : " close  ", COLS - x);
	attrset(key);
	x += draw_text(dc, "Esc", COLS - x);
	attrset(label);
	x += draw_text(dc, " cancel  ", COLS - x);
	if (m->nchoices > 1) {
		snprintf(pos, sizeof pos, "%zu/%zu", m->selected + 1,
		    m->nchoices);
		draw_text(dc, pos, COLS - x);
	}
	draw_fill_line(label);
}

void
sigmenu_draw(struct draw_ctx *dc, struct sigmenu *m, int top_y, int bottom_y)
{
	char	title[SIGMENU_LINE_MAX], line[SIGMENU_LINE_MAX];
	char	notes[SIGMENU_NOTES_MAX][SIGMENU_LINE_MAX];
	int	h, y, has_title, has_hint, nshow, list_h, i, normal;
	size_t	nnotes, k;

	if (!m->open)
		return;
	if (top_y < 0)
		top_y = 0;
	if (bottom_y > LINES)
		bottom_y = LINES;
	h = bottom_y - top_y;
	if (h <= 0)
		return;
	if (m->selected >= m->nchoices)
		m->selected = m->nchoices > 0 ? m->nchoices - 1 : 0;
	nnotes = sigmenu_texts(dc, m, title, notes);
	has_title = h >= 1;
	has_hint = h >= 3;
	/* Room for one choice comes before the notes. */
	nshow = h - has_title - has_hint - (m->nchoices > 0);
	if (nshow > (int)nnotes)
		nshow = (int)nnotes;
	if (nshow < 0)
		nshow = 0;
	list_h = h - has_title - has_hint - nshow;
	m->page = list_h > 0 ? (size_t)list_h : 1;
	if (m->selected < m->scroll)
		m->scroll = m->selected;
	if (m->selected >= m->scroll + m->page)
		m->scroll = m->selected - m->page + 1;
	if (m->scroll + m->page > m->nchoices)
		m->scroll = m->nchoices > m->page ? m->nchoices - m->page : 0;

	normal = colors_attr(dc->color, CR_DEFAULT);
	y = top_y;
	if (has_title)
		sigmenu_line(dc, y++, colors_attr(dc->color,
		    m->zombie ? CR_ZOMBIE : CR_COLUMNS), title);
	for (i = 0; i < nshow; i++)
		sigmenu_line(dc, y++, normal, notes[i]);
	for (i = 0; i < list_h; i++, y++) {
		k = m->scroll + (size_t)i;
		if (k >= m->nchoices) {
			sigmenu_line(dc, y, normal, "");
			continue;
		}
		sigmenu_choice_text(dc, m, &m->choices[k], line, sizeof line);
		sigmenu_line(dc, y, k == m->selected ?
		    colors_attr(dc->color, CR_SELECTED) : normal, line);
	}
	if (has_hint)
		sigmenu_hint(dc, m, y);
	attrset(A_NORMAL);
}
