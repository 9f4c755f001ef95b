/*
 * One frame on stdscr.  Lines are written whole and cleared to their end,
 * so curses sends only what changed; nothing here calls clear().  Text
 * from processes is escaped, then cut by display width, never by bytes.
 */
#include "config.h"
#include "draw.h"

#include <curses.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "colors.h"
#include "columns.h"
#include "ctfmt.h"
#include "meter.h"
#include "textwidth.h"
#include "proc/containers.h"
#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/procdetail.h"
#include "proc/reap.h"
#include "proc/recent.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"

#define DRAW_INDENT_MAX	24	/* tree levels drawn before the depth is shown */

static const char *const draw_help_lines[] = {
	"treetop keys: htop's where htop has the key",
	"  Up Down PgUp PgDn Home End  move      Left - / Right + "
	    " fold / unfold, * all",
	"  F3 /   search (n next, Shift-F3 back)  F4 \\  filter   u"
	    "  one user's processes",
	"  F5 t   tree or flat list   F6 < >  sort column   I invert"
	    "   P M T N  sort by",
	"         CPU, memory, time, PID   H  threads   K  kernel"
	    " threads   F2 S  columns",
	"  Space  tag   c  tag a subtree   U  untag all   F9 k "
	    " signal (to the tagged)",
	"  Enter  details   e  environment   l  open files   F "
	    " follow   Z  pause",
	"  F10 q  quit      Ctrl-L  redraw   Mouse: click selects,"
	    " wheel, click a title",
	"  Shift-Left/Right  the command column sideways, Ctrl-A back",
	"treetop's own keys",
	"  z o    next zombie parent, next orphan   v  all, only zombies,"
	    " only orphans",
	"  g      by namespace: pid (PIDs inside), mnt net uts ipc user"
	    " cgroup time",
	"  E      event log (in it: / a PID or name, f one kind, n one"
	    " namespace)",
	"  B      busiest parents: children started per second, failed,"
	    " median lifetime",
	"  !      a shell in the selected process's namespaces, root and"
	    " cwd (root only)",
	"  { }    step through a recording (--load FILE)  Esc "
	    " back: search, filter, view",
	"MARK  Z zombie  O orphan  D daemon  I PID-namespace init  K"
	    " kernel thread",
	"      G orphaned process group (its shell is gone)  S"
	    " session leader gone",
	"[new] started, [exited]/[reaped] gone: 3 s (green, red); *"
	    " tagged (yellow)",
	"Left band: a PID namespace's letter, * its init   [uts,pid]"
	    " ns not the parent's",
	"Any key closes this screen.",
};


void
draw_init(struct draw_ctx *dc, bool color, bool utf8, enum glyph_set glyphs)
{
	memset(dc, 0, sizeof *dc);
	dc->color = color;
	dc->utf8 = utf8;
	dc->glyphs = glyphs;
}

void
draw_done(struct draw_ctx *dc)
{
	free(dc->text);
	free(dc->wide);
	memset(dc, 0, sizeof *dc);
}

size_t
draw_page_rows(void)
{
	int	n = LINES - DRAW_HEADER_LINES - DRAW_FOOTER_LINES;

	return n > 0 ? (size_t)n : 0;
}

const char *
draw_skip(const char *s, size_t skip)
{
	if (skip == 0)
		return s;
	return s + textwidth_fit(s, skip > INT_MAX ? INT_MAX : (int)skip, NULL);
}

int
draw_text(struct draw_ctx *dc, const char *s, int cols)
{
	mbstate_t	 st;
	wchar_t		*w;
	size_t		 len = strlen(s), n = 0, k;
	int		 used = 0, cw;

	if (cols <= 0)
		return 0;
	/* Most text is printable ASCII: one column a byte, nothing to decode. */
	for (n = 0; n < (size_t)cols && s[n] >= 0x20 && s[n] < 0x7f; n++)
		continue;
	if (s[n] == '\0' || n == (size_t)cols) {
		addnstr(s, (int)n);
		return (int)n;
	}
	n = 0;
	if (dc->wide_cap < len + 1) {
		dc->wide_cap = len + 1;
		dc->wide = xreallocarray(dc->wide, dc->wide_cap,
		    sizeof(wchar_t));
	}
	w = dc->wide;
	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		k = mbrtowc(&w[n], s, len, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* Not valid here (escape.c made it ASCII-safe anyway). */
			w[n] = L'?';
			k = 1;
			memset(&st, 0, sizeof st);
		}
		cw = wcwidth(w[n]);
		if (cw < 0) {
			/*
			 * Unassigned here: terminals disagree on its width,
			 * so draw one column that all agree on, as
			 * textwidth_char() counts it.
			 */
			w[n] = L'?';
			cw = 1;
		}
		if (used + cw > cols)
			break;
		used += cw;
		n++;
		s += k;
		len -= k;
	}
	addnwstr(w, (int)n);
	return used;
}

const char *
draw_escape(struct draw_ctx *dc, const char *bytes, size_t len, bool cmdline)
{
	return escape_into(&dc->text, &dc->text_cap, bytes, len, cmdline,
	    dc->utf8);
}

void
draw_fill_line(int attr)
{
	int	y, x;

	getyx(stdscr, y, x);
	(void)y;
	attrset(attr);
	if (x < COLS)
		hline(' ', COLS - x);	/* one call, not a call per cell */
	attrset(A_NORMAL);
}

static void
draw_uptime(char *buf, size_t size, double secs)
{
	long	s = (long)snapshot_clamp_time(secs);
	long	days = s / 86400;

	if (days > 0)
		snprintf(buf, size, "%ldd %02ld:%02ld", days, s % 86400 / 3600,
		    s % 3600 / 60);
	else
		snprintf(buf, size, "%02ld:%02ld", s / 3600, s % 3600 / 60);
}

/*
 * The CPU and memory meters on line y: the text meter_line() makes, its
 * bars in their colour (they read the same without).
 */
static void
draw_meters(struct draw_ctx *dc, const struct snapshot *snap, int y)
{
	char	line[512];
	int	bar = colors_attr(dc->color, CR_METER);
	int	text = colors_attr(dc->color, CR_HEADER);
	size_t	i, run;

	meter_line(snap, COLS < (int)sizeof line ? COLS : (int)sizeof line - 1,
	    line, sizeof line);
	move(y, 0);
	for (i = 0; line[i] != '\0'; i += run) {
		run = line[i] == '|' ? strspn(line + i, "|") :
		    strcspn(line + i, "|");
		attrset(line[i] == '|' ? bar : text);
		addnstr(line + i, (int)run);
	}
	draw_fill_line(A_NORMAL);
}

/* "; N containers" after the task counts, when there are any. */
static void
draw_count_containers(const struct snapshot *snap, char *line, size_t size)
{
	size_t	n = containers_count(snap), len = strlen(line);

	if (n > 0)
		snprintf(line + len, size - len, "; %zu container%s", n,
		    n == 1 ? "" : "s");
}

/*
 * The task counts line: "Tasks: 3 R, ... 2 Z (zombie), ...; 4 PID
 * namespaces; 3 containers", compact ("2 Z", "4 PID ns") for a narrow
 * terminal.
 */
static void
draw_tasks(const struct ui_frame *f, const unsigned st[6], unsigned orphans,
    bool compact, char *line, size_t size)
{
	const struct snapshot	*snap = f->snap;
	size_t			 len;

	snprintf(line, size, "Tasks: %u R, %u S, %u D, %u T, %u Z%s, %u I; "
	    "%u orphan%s; %zu PID %s%s", st[0], st[1], st[2], st[3], st[4],
	    compact ? "" : " (zombie)", st[5], orphans,
	    orphans == 1 ? "" : "s", snap->npidns, compact ? "ns" :
	    "namespace", compact || snap->npidns == 1 ? "" : "s");
	draw_count_containers(snap, line, size);
	if (f->churn != NULL) {
		len = strlen(line);
		snprintf(line + len, size - len, "; %s", f->churn);
	}
}

/* The snapshot's load average, or "-" when it has none (an old file). */
static void
draw_loadavg(char *buf, size_t size, const struct snapshot *snap)
{
	if (snap->loadavg_known)
		snprintf(buf, size, "%.2f %.2f %.2f", snap->loadavg[0],
		    snap->loadavg[1], snap->loadavg[2]);
	else
		snprintf(buf, size, "-");
}

/* What /proc keeps from view, appended to the header line. */
static void
draw_proc_notes(char *line, size_t size, const struct snapshot *snap)
{
	size_t	len = strlen(line);

	if (snap->proc_foreign && len < size)
		len += (size_t)snprintf(line + len, size - len, "  [/proc of "
		    "another PID namespace: its PIDs, no signals]");
	if (snap->hidepid && len < size)
		snprintf(line + len, size - len, "  [hidepid: only your "
		    "processes are visible]");
}

static void
draw_header(struct draw_ctx *dc, const struct ui_frame *f)
{
	const struct snapshot	*snap = f->snap;
	unsigned		 st[7] = { 0 }, orphans = 0;
	const char		*letters = "RSDTZI";
	char			 line[512], up[32], when[96], load[80];
	const char		*host;
	size_t			 i;

	for (i = 0; i < snap->nprocs; i++) {
		const struct procinfo	*p = &snap->procs[i];
		const char		*c = strchr(letters, p->state);

		if (p->flags & PI_THREAD)
			continue;
		st[c != NULL && p->state ? c - letters : 6]++;
		if (p->flags & PI_ORPHAN)
			orphans++;
	}
	draw_uptime(up, sizeof up, snap->time - (double)snap->boot_time);
	draw_loadavg(load, sizeof load, snap);
	if (f->saved) {
		time_t		t = (time_t)snapshot_clamp_time(snap->time);
		struct tm	tm;
		char		stamp[64] = "?";

		if (localtime_r(&t, &tm) != NULL)
			strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S %Z", &tm);
		if (f->rec_len > 1)
			snprintf(when, sizeof when, "recording %zu/%zu, %s "
			    "([ ] step)", f->rec_pos, f->rec_len, stamp);
		else
			snprintf(when, sizeof when, "saved snapshot of %s",
			    stamp);
	} else
		snprintf(when, sizeof when, "every %gs", f->delay);
	host = draw_escape(dc, snap->host, strlen(snap->host), false);
	move(0, 0);
	attrset(colors_attr(dc->color, CR_HEADER));
	snprintf(line, sizeof line, "treetop - %s  up %s  load %s"
	    "  %s%s%s%s%s%s", host, up, load, when,
	    f->paused ? "  [PAUSED]" : "", f->threads ? "  [threads]" : "",
	    f->view_label ? "  [view: " : "",
	    f->view_label ? f->view_label : "", f->view_label ? "]" : "");
	draw_proc_notes(line, sizeof line, snap);
	if (f->events != NULL) {
		size_t	len = strlen(line);

		snprintf(line + len, sizeof line - len, "  [%s]", f->events);
	}
	if (f->filter != NULL && f->filter[0] != '\0') {
		size_t	len = strlen(line);

		snprintf(line + len, sizeof line - len, "  [filter: %s]",
		    draw_escape(dc, f->filter, strlen(f->filter), false));
	}
	draw_text(dc, line, COLS);
	draw_fill_line(A_NORMAL);
	draw_meters(dc, snap, 1);
	move(2, 0);
	attrset(colors_attr(dc->color, CR_HEADER_VALUE));
	draw_tasks(f, st, orphans, false, line, sizeof line);
	/* Narrow: shorter words, so that the containers still show. */
	if (textwidth_str(line) > COLS)
		draw_tasks(f, st, orphans, true, line, sizeof line);
	draw_text(dc, line, COLS);
	draw_fill_line(A_NORMAL);
}


/*
 * The role a row is drawn in: the most important thing about it.  A
 * ghost is dead whatever it was; a new process is green unless it is
 * already a zombie or holds some.
 */
static enum color_role
draw_row_role(const struct row *row)
{
	const struct procinfo	*p = row->proc;

	if (row->flags & ROW_GHOST)
		return CR_GHOST;
	if (row->flags & ROW_TAGGED)
		return CR_TAGGED;
	if (p->flags & PI_ZOMBIE)
		return CR_ZOMBIE;
	if (p->flags & PI_ZPARENT)
		return CR_ZOMBIE_PARENT;
	if (row->flags & ROW_NEW)
		return CR_NEW;
	if (p->flags & PI_ORPHAN)
		return CR_ORPHAN;
	if (p->flags & PI_NSINIT && p->pid != 1)
		return CR_NSINIT;
	if (p->flags & PI_DAEMON)
		return CR_DAEMON;
	if (p->flags & PI_KTHREAD)
		return CR_KTHREAD;
	if (p->flags & PI_THREAD)
		return CR_THREAD;
	return CR_DEFAULT;
}

/*
 * A letter and colour per PID namespace, from its inode, so a container
 * keeps its letter while others come and go.
 */
static void
draw_ns_band(struct draw_ctx *dc, const struct snapshot *snap,
    const struct procinfo *p, int attr_row)
{
	uint64_t		 inode = procinfo_pidns(snap, p);
	const struct pidns_info	*ns = snapshot_find_pidns(snap, inode);

	if (ns == NULL || ns->level == 0) {
		attrset(attr_row);
		addstr("  ");
		return;
	}
	attrset(colors_attr(dc->color, CR_NS_BAND0 + (enum color_role)
	    (inode % CR_NS_BANDS)) | ((p->flags & PI_NSINIT) ? A_BOLD : 0));
	addch((chtype)('A' + (int)(inode % 26)));
	attrset(attr_row);
	addch((p->flags & PI_NSINIT) ? '*' : ' ');
}

static void
draw_tree(struct draw_ctx *dc, const struct row *row, int attr_tree)
{
	unsigned	n, cells = row->depth;
	char		depth[24];

	if (cells == 0)
		return;
	if (cells > DRAW_INDENT_MAX)
		cells = DRAW_INDENT_MAX;
	attrset(attr_tree);
	for (n = 0; n + 1 < cells; n++)
		draw_text(dc, glyphs_get(dc->glyphs, n < ROWS_RAIL_MAX &&
		    (row->rails & (UINT64_C(1) << n)) ? GLYPH_VERT :
		    GLYPH_BLANK), 2);
	if (row->depth > DRAW_INDENT_MAX) {
		snprintf(depth, sizeof depth, "[%u]", row->depth);
		addstr(depth);
	}
	draw_text(dc, glyphs_get(dc->glyphs, (row->flags & ROW_LAST) ?
	    GLYPH_ELBOW : GLYPH_TEE), 2);
}

/* "42s", "3m12s", "2h05m": a duration for a row. */
static void
draw_duration(double seconds, char *buf, size_t size)
{
	long	s = seconds > 0 && seconds < 1e9 ? (long)seconds : 0;

	if (s >= 3600)
		snprintf(buf, size, "%ldh%02ldm", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		snprintf(buf, size, "%ldm%02lds", s / 60, s % 60);
	else
		snprintf(buf, size, "%lds", s);
}

/*
 * ", seen for 3m12s": how long p's oldest zombie has been watched
 * as one, when refreshes (or a recording) have told; "" on a single
 * snapshot.  Not its age: when it died before treetop looked is unknown.
 */
static void
draw_zombie_age(const struct reap_report *r, const struct procinfo *p,
    char *buf, size_t size)
{
	char	d[32];
	size_t	i;

	buf[0] = '\0';
	for (i = 0; r != NULL && i < r->nzparents; i++) {
		if (r->zparents[i].pid != p->pid ||
		    r->zparents[i].oldest_seen < 0)
			continue;
		draw_duration(r->zparents[i].oldest_seen, d, sizeof d);
		snprintf(buf, size, ", seen for %s", d);
		return;
	}
}

/*
 * A ghost's mark: "[reaped] ", "[exited] ", or with the kernel's word
 * "[exited 3 after 2ms] ", "[killed by SIGSEGV after 1s] ".
 */
static void
draw_ghost_mark(const struct recent_ghost *g)
{
	char	status[64], mark[128];
	double	ms;

	if (g == NULL || !g->status_known) {
		addstr(g != NULL && g->reaped ? "[reaped] " : "[exited] ");
		return;
	}
	procdetail_wait_status_text(g->status, status, sizeof status);
	ms = g->lifetime * 1000;
	if (g->lifetime < 0)
		snprintf(mark, sizeof mark, "[%s] ", status);
	else if (ms < 10000)
		snprintf(mark, sizeof mark, "[%s after %.0fms] ", status, ms);
	else
		snprintf(mark, sizeof mark, "[%s after %.0fs] ", status,
		    g->lifetime);
	addstr(mark);
}

/*
 * A zombie's row after its name: " <defunct> exited 3, seen for 12s",
 * the wait status its parent has not collected and, when refreshes have
 * told, how long it has been watched as a zombie.
 */
static void
draw_zombie_status(const struct snapshot *snap, const struct procinfo *p,
    char *buf, size_t size)
{
	char	status[64], d[32];
	double	exit_time = procinfo_exit_time(p);

	procdetail_wait_status_text(p->exit_code, status, sizeof status);
	if (exit_time > 0 && snap->time >= exit_time) {
		/* The kernel's exit event: its age, exactly. */
		draw_duration(snap->time - exit_time, d, sizeof d);
		snprintf(buf, size, " <defunct> %s, died %s ago", status, d);
	} else if (p->zombie_since > 0 && snap->time >= p->zombie_since) {
		draw_duration(snap->time - p->zombie_since, d, sizeof d);
		snprintf(buf, size, " <defunct> %s, seen for %s", status, d);
	} else
		snprintf(buf, size, " <defunct> %s", status);
}

static bool
draw_verdict_is_bad(const struct reap_report *r, uint64_t inode)
{
	const struct reap_entry	*e = reap_find(r, inode);

	return e != NULL && e->verdict != 0;
}

/* The namespace's PID-1 verdict in words, escaped: it holds a comm. */
static void
draw_verdict(struct draw_ctx *dc, const struct reap_report *r, uint64_t inode,
    char *buf, size_t size)
{
	const struct reap_entry	*e = reap_find(r, inode);
	char			 raw[320];

	buf[0] = '\0';
	if (e == NULL)
		return;
	reap_verdict_sentence(e, raw, sizeof raw);
	snprintf(buf, size, "%s", draw_escape(dc, raw, strlen(raw), false));
}

/* "  hostname NAME" of a PID namespace's init, escaped, or "". */
static void
draw_pidns_hostname(struct draw_ctx *dc, const struct snapshot *snap,
    const struct pidns_info *ns, char *buf, size_t size)
{
	const char	*name = nsinfo_pidns_hostname(snap, ns);

	buf[0] = '\0';
	if (name != NULL && ns->level > 0)
		snprintf(buf, size, "  hostname %s", draw_escape(dc, name,
		    strnlen(name, HOSTNAME_MAX), false));
}

/*
 * What names PID namespace init's container in a section header: "  " and
 * the label, or "" outside any.  The UTS hostname belongs beside it.
 */
static void
draw_ns_container(const struct draw_ctx *dc, const struct ui_frame *f,
    const struct procinfo *init, char *buf, size_t size)
{
	const struct cgroup_info	*c = init != NULL ?
	    procinfo_container(f->snap, init) : NULL;
	char				 label[CT_NAME_MAX * 12];

	buf[0] = '\0';
	if (c != NULL)
		snprintf(buf, size, "  %s", ctfmt_label(c, dc->utf8, label,
		    sizeof label));
}

/* A section header of the by-namespace view. */
static void
draw_ns_header(struct draw_ctx *dc, const struct ui_frame *f,
    const struct row *row, bool selected, int y)
{
	const struct pidns_info	*ns = rows_header_pidns(f->snap,
				    (enum ns_type)f->group_ns, row);
	const struct procinfo	*init;
	int			 attr = colors_attr(dc->color, selected ?
				    CR_SELECTED : CR_HEADER_VALUE);
	char			 line[2048], who[128], verdict[320];
	char			 ctr[1024], host[HOSTNAME_MAX * 4 + 16];

	verdict[0] = '\0';
	if (f->group_ns != NS_PID)
		nsinfo_group_title(f->snap, (enum ns_type)f->group_ns,
		    row->group_inode, row->group_members, NULL, dc->utf8,
		    line, sizeof line);
	else if (ns == NULL)
		snprintf(line, sizeof line, "PID namespace unknown "
		    "(its ns/pid link could not be read)");
	else {
		init = ns->init_pid ? snapshot_find(f->snap, ns->init_pid) :
		    NULL;
		draw_verdict(dc, f->reap, ns->inode, verdict, sizeof verdict);
		if (!selected && verdict[0] != '\0' &&
		    draw_verdict_is_bad(f->reap, ns->inode))
			attr = colors_attr(dc->color, CR_ZOMBIE_PARENT);
		if (init != NULL)
			snprintf(who, sizeof who, "init %d [%s]", (int)init->pid,
			    draw_escape(dc, init->comm, strlen(init->comm),
			    false));
		else
			snprintf(who, sizeof who, "init not visible");
		draw_ns_container(dc, f, init, ctr, sizeof ctr);
		draw_pidns_hostname(dc, f->snap, ns, host, sizeof host);
		/* who it is first: readable at 80 columns */
		snprintf(line, sizeof line, "PID namespace %llu%s%s  level "
		    "%d%s  %s  %u process%s, %u zombie%s%s%s",
		    (unsigned long long)ns->inode, ctr, host, ns->level,
		    ns->level == 0 ? " (host)" : "", who,
		    ns->processes, ns->processes == 1 ? "" : "es",
		    ns->zombies, ns->zombies == 1 ? "" : "s",
		    verdict[0] ? "  -  " : "", verdict);
	}
	move(y, 0);
	attrset(attr);
	/* Sideways with the commands: a long verdict can be read whole. */
	draw_text(dc, draw_skip(line, f->hscroll), COLS);
	draw_fill_line(attr);
}

/*
 * The command at the cursor, in at most cols columns: a thread as pstree
 * draws one ({name}); a zombie with the command line it had when seen
 * alive, else [name], then what its parent has not collected.
 */
static void
draw_command(struct draw_ctx *dc, const struct ui_frame *f,
    const struct procinfo *p, int cols, size_t skip)
{
	char		 buf[COMM_MAX * 4 + 8], zombie[128];
	const char	*name;
	int		 used;

	if (p->flags & PI_THREAD) {
		name = draw_escape(dc, p->comm, strlen(p->comm), false);
		snprintf(buf, sizeof buf, "{%s}", name);
		draw_text(dc, draw_skip(buf, skip), cols);
		return;
	}
	if (procinfo_has_args(p) && !(p->flags & PI_KTHREAD))
		used = draw_text(dc, draw_skip(draw_escape(dc, p->cmdline,
		    p->cmdline_len, true), skip), cols);
	else {
		name = draw_escape(dc, p->comm, strlen(p->comm), false);
		snprintf(buf, sizeof buf, "[%s]", name);
		used = draw_text(dc, draw_skip(buf, skip), cols);
	}
	if (!(p->flags & PI_ZOMBIE) || used >= cols)
		return;
	draw_zombie_status(f->snap, p, zombie, sizeof zombie);
	draw_text(dc, zombie, cols - used);
}

/*
 * What a folded row hides, "[12 hidden, 2 zombies] ", in the zombies'
 * colour when it hides some (the words say it without colour).
 */
static void
draw_hidden(struct draw_ctx *dc, const struct row *row, bool selected,
    int attr)
{
	char	buf[96];
	int	x0, y0;

	if (!(row->flags & ROW_FOLDED) || row->hidden == 0)
		return;
	if (row->hidden_zombies > 0)
		snprintf(buf, sizeof buf, "[%u hidden, %u zombie%s] ",
		    row->hidden, row->hidden_zombies,
		    row->hidden_zombies == 1 ? "" : "s");
	else
		snprintf(buf, sizeof buf, "[%u hidden] ", row->hidden);
	attrset(selected || row->hidden_zombies == 0 ? attr :
	    colors_attr(dc->color, CR_ZOMBIE));
	getyx(stdscr, y0, x0);
	(void)y0;
	draw_text(dc, buf, COLS - x0);
	attrset(attr);
}

/*
 * The namespace types in which p differs from its parent, "[uts,pid] ",
 * before the command (pstree -S says the same after it); it scrolls
 * sideways with the command, *skip columns of them off the left.
 */
static void
draw_ns_differs(struct draw_ctx *dc, const struct snapshot *snap,
    const struct procinfo *p, size_t *skip)
{
	char	buf[NSINFO_DIFFERS_MAX + 1];
	size_t	len;
	int	x0, y0;

	nsinfo_differs_text(nsinfo_differs(snap, p), buf, sizeof buf - 1);
	if (buf[0] == '\0')
		return;
	strcat(buf, " ");
	len = strlen(buf);
	if (*skip >= len) {
		*skip -= len;
		return;
	}
	getyx(stdscr, y0, x0);
	(void)y0;
	draw_text(dc, buf + *skip, COLS - x0);
	*skip = 0;
}

static void
draw_row(struct draw_ctx *dc, const struct ui_frame *f, size_t k, int y)
{
	const struct row	*row = &f->rows->v[k];
	const struct procinfo	*p = row->proc;
	bool			 selected = k == f->selected;
	int			 attr, used, x0, y0;
	char			 cols[COMM_MAX * 4 + 512];
	size_t			 skip = f->hscroll;

	if (p == NULL) {
		draw_ns_header(dc, f, row, selected, y);
		return;
	}
	attr = selected ? colors_attr(dc->color, CR_SELECTED) :
	    colors_attr(dc->color, draw_row_role(row));
	move(y, 0);
	draw_ns_band(dc, f->snap, p, attr);
	attrset(attr);
	columns_line(f->columns, p, f->snap, f->ns_view, dc->utf8, cols,
	    sizeof cols);
	used = 2 + draw_text(dc, cols, COLS - 2);
	if (used < COLS) {
		draw_tree(dc, row, selected ? attr :
		    colors_attr(dc->color, CR_TREE));
		attrset(attr);
		if (row->flags & ROW_FOLDED)
			addstr("+");
		if (row->flags & ROW_TAGGED)
			addstr("*");	/* tagged, also without colour */
		draw_hidden(dc, row, selected, attr);
		/* In text too: the marks must read without colour. */
		if (row->flags & ROW_GHOST)
			draw_ghost_mark(rows_ghost(row));
		else if (row->flags & ROW_NEW)
			addstr("[new] ");
		/* Before the command, so a long command line cannot hide it. */
		if (p->zombie_children > 0) {
			char	age[64];

			draw_zombie_age(f->reap, p, age, sizeof age);
			snprintf(cols, sizeof cols, "[holds %u zombie%s%s] ",
			    p->zombie_children,
			    p->zombie_children == 1 ? "" : "s", age);
			attrset(selected ? attr :
			    colors_attr(dc->color, CR_ZOMBIE));
			getyx(stdscr, y0, x0);
			/* It scrolls sideways with the command after it. */
			if (skip < (size_t)textwidth_str(cols)) {
				draw_text(dc, draw_skip(cols, skip), COLS - x0);
				skip = 0;
			} else
				skip -= (size_t)textwidth_str(cols);
			attrset(attr);
		}
		draw_ns_differs(dc, f->snap, p, &skip);
		getyx(stdscr, y0, x0);
		(void)y0;
		draw_command(dc, f, p, COLS - x0, skip);
	}
	draw_fill_line(attr);
}

/* The column titles; in the flat list the sort column is marked. */
static void
draw_titles(struct draw_ctx *dc, const struct ui_frame *f)
{
	char	line[256];
	int	attr = colors_attr(dc->color, CR_COLUMNS), at = -1;

	move(DRAW_HEADER_LINES - 1, 0);
	attrset(attr);
	addstr("NS");
	columns_line(f->columns, NULL, f->snap, f->ns_view, dc->utf8, line,
	    sizeof line);
	/* The sort column: an arrow in the blank just before its title. */
	if (f->flat && f->sort_column >= 0 && f->sort_column < COL_COUNT)
		at = columns_title_at(f->columns, (enum column_id)
		    f->sort_column, f->ns_view);
	if (at > 0 && (size_t)at < sizeof line)
		line[at - 1] = f->descending ? 'v' : '^';
	draw_text(dc, line, COLS - 2);
	if (f->hscroll > 0) {
		snprintf(line, sizeof line, "%s [+%zu]", f->flat ?
		    "COMMAND" : "COMMAND (tree)", f->hscroll);
		draw_text(dc, line, COLS);
	} else
		draw_text(dc, f->flat ? "COMMAND" : "COMMAND (tree)", COLS);
	draw_fill_line(attr);
}

static void
draw_footer(struct draw_ctx *dc, const struct ui_frame *f)
{
	static const char *const keys[][2] = {
		{ "F1", "Help" }, { "z", "Zombie" }, { "Enter", "Details" },
		{ "F3", "Search" }, { "F4", "Filter" }, { "F5", "Tree" },
		{ "F6", "Sort" }, { "F9", "Kill" }, { "v", "View" },
		{ "g", "Namespaces" }, { "E", "Events" }, { "F10", "Quit" },
	};
	size_t	i;

	move(LINES - 1, 0);
	if (f->prompt != NULL) {
		attrset(colors_attr(dc->color, CR_STATUS));
		draw_text(dc, f->prompt, COLS - 1);
		attrset(A_NORMAL);
		addch('_');
		draw_fill_line(A_NORMAL);
		return;
	}
	if (f->status != NULL) {
		attrset(colors_attr(dc->color, CR_STATUS));
		draw_text(dc, f->status, COLS);
		draw_fill_line(A_NORMAL);
		return;
	}
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		/* Whole items only: what does not fit is left to the help. */
		if (getcurx(stdscr) + (int)(strlen(keys[i][0]) +
		    strlen(keys[i][1])) + 1 > COLS)
			break;
		attrset(colors_attr(dc->color, CR_FOOTER_KEY));
		addstr(keys[i][0]);
		attrset(colors_attr(dc->color, CR_FOOTER_LABEL));
		addstr(keys[i][1]);
		addch(' ');
	}
	draw_fill_line(colors_attr(dc->color, CR_FOOTER_LABEL));
}

/* Help lines a page holds between the header and the footer. */
static size_t
draw_help_page_lines(void)
{
	return LINES > 3 ? (size_t)LINES - 3 : 1;
}

size_t
draw_help_pages(void)
{
	size_t	n = sizeof draw_help_lines / sizeof draw_help_lines[0];
	size_t	per = draw_help_page_lines();

	return (n + per - 1) / per;
}

static void
draw_help(struct draw_ctx *dc, size_t page)
{
	size_t	i, n = sizeof draw_help_lines / sizeof draw_help_lines[0];
	size_t	per = draw_help_page_lines(), first = (page - 1) * per;
	int	y = 2;

	for (i = first; i < n && i < first + per; i++, y++) {
		move(y, 0);
		attrset(i == 0 || draw_help_lines[i][0] != ' ' ?
		    colors_attr(dc->color, CR_HEADER_VALUE) : 0);
		draw_text(dc, draw_help_lines[i], COLS);
		draw_fill_line(A_NORMAL);
	}
	for (; y < LINES - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
}

void
draw_frame(struct draw_ctx *dc, const struct ui_frame *f)
{
	size_t	k, page = draw_page_rows();
	int	y;

	if (COLS < DRAW_MIN_COLS || LINES < DRAW_MIN_LINES) {
		erase();
		move(0, 0);
		attrset(0);
		draw_text(dc, COLS >= 18 ? "terminal too small" : "too small",
		    COLS);
		refresh();
		return;
	}
	draw_header(dc, f);
	if (f->help > 0) {
		draw_help(dc, f->help);
		draw_footer(dc, f);
		refresh();
		return;
	}
	draw_titles(dc, f);
	if (f->body_drawn) {
		draw_footer(dc, f);	/* the pane draws the body, then refreshes */
		return;
	}
	y = DRAW_HEADER_LINES;
	for (k = f->top; k < f->rows->n && k < f->top + page; k++)
		draw_row(dc, f, k, y++);
	for (; y < LINES - DRAW_FOOTER_LINES; y++) {
		move(y, 0);
		attrset(A_NORMAL);
		clrtoeol();
	}
	draw_footer(dc, f);
	refresh();
}
