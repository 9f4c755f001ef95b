/*
 * Column definitions and cell formatting, shared by the live view's rows,
 * its header and its setup screen.
 */
#include "config.h"
#include "columns.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc/classify.h"
#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "ctfmt.h"
#include "textwidth.h"

#define COLUMNS_GAP	1
#define COLUMNS_LEAD	2	/* the namespace band before the first column */
#define COLUMNS_USER_MAX	24	/* how far USER grows for mapped users */

const struct column_def columns_defs[COL_COUNT] = {
	[COL_PID] = { "PID", "PID", 7, false, SORT_PID,
	    "process ID (thread ID for threads)", false },
	[COL_PPID] = { "PPID", "PPID", 7, false, SORT_PPID,
	    "parent's PID", false },
	[COL_PGID] = { "PGID", "PGID", 7, false, SORT_PGID,
	    "process group", false },
	[COL_SID] = { "SID", "SID", 7, false, SORT_SID,
	    "session", false },
	[COL_TGID] = { "TGID", "TGID", 7, false, SORT_TGID,
	    "thread group (the process a thread belongs to)", false },
	[COL_NSPID] = { "NSPID", "NSPID", 6, false, SORT_NSPID,
	    "PID inside its own PID namespace, where it differs", false },
	[COL_USER] = { "USER", "USER", 8, true, SORT_USER,
	    "effective user", false },
	[COL_STATE] = { "S", "S", 1, true, SORT_STATE,
	    "state letter", false },
	[COL_MARK] = { "MARK", "MARK", 5, true, SORT_STATE,
	    "Z zombie O orphan D daemon I ns init K kernel thread", false },
	[COL_CPU] = { "CPU", "%CPU", 5, false, SORT_CPU,
	    "CPU use since the last refresh, % of one CPU", false },
	[COL_MEM] = { "MEM", "%MEM", 5, false, SORT_MEM,
	    "resident memory, % of the machine's", true },
	[COL_RSS] = { "RSS", "RSS", 7, false, SORT_RSS,
	    "resident memory (KiB, M, G)", false },
	[COL_VIRT] = { "VIRT", "VIRT", 7, false, SORT_VIRT,
	    "virtual memory size (KiB, M, G)", true },
	[COL_TIME] = { "TIME", "TIME", 8, false, SORT_TIME,
	    "CPU time used, minutes:seconds", false },
	[COL_START] = { "START", "START", 6, false, SORT_START,
	    "when it started: HH:MM today, else the day", true },
	[COL_NLWP] = { "NLWP", "NLWP", 4, false, SORT_NLWP,
	    "number of threads", true },
	[COL_CONTAINER] = { "CONTAINER", "CONTAINER", 14, true, SORT_CONTAINER,
	    "container name (or short ID), from its cgroup", true },
	[COL_UNIT] = { "UNIT", "UNIT", 20, true, SORT_UNIT,
	    "systemd unit or scope, from its cgroup", true },
};

static const char *const columns_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

void
columns_default(struct column_set *set)
{
	int	c;

	set->n = 0;
	set->user_width = 0;
	for (c = 0; c < COL_COUNT; c++)
		if (!columns_defs[c].optional)
			set->order[set->n++] = (enum column_id)c;
}

bool
columns_shown(const struct column_set *set, enum column_id c)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		if (set->order[i] == c)
			return true;
	return false;
}

int
columns_parse(struct column_set *set, const char *spec, char **cause)
{
	struct column_set	 out = { .n = 0 };
	char			*copy = xstrdup(spec), *tok, *save = NULL;
	int			 c;

	for (tok = strtok_r(copy, ", \t\n", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t\n", &save)) {
		for (c = 0; c < COL_COUNT; c++)
			if (strcasecmp(tok, columns_defs[c].name) == 0)
				break;
		if (c == COL_COUNT) {
			char	safe[64];

			escape_bytes(tok, strlen(tok), false, safe, sizeof safe);
			xasprintf(cause, "unknown column '%s'", safe);
			free(copy);
			return -1;
		}
		if (!columns_shown(&out, (enum column_id)c))
			out.order[out.n++] = (enum column_id)c;
	}
	free(copy);
	*set = out;
	return 0;
}

void
columns_format_spec(const struct column_set *set, char *buf, size_t size)
{
	size_t	i, used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < set->n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    i ? "," : "", columns_defs[set->order[i]].name);
}

static void
columns_memory(uint64_t kb, char *buf, size_t size)
{
	if (kb >= 10ull * 1024 * 1024)
		snprintf(buf, size, "%lluG", (unsigned long long)kb >> 20);
	else if (kb >= 100ull * 1024)
		snprintf(buf, size, "%lluM", (unsigned long long)kb >> 10);
	else
		snprintf(buf, size, "%llu", (unsigned long long)kb);
}

/* The English month names keep the cell ASCII and as wide in any locale. */
void
columns_clock(time_t started, time_t now, char *buf, size_t size)
{
	struct tm	s, n;

	if (localtime_r(&started, &s) == NULL ||
	    localtime_r(&now, &n) == NULL || s.tm_mon < 0 || s.tm_mon > 11)
		snprintf(buf, size, "-");
	else if (s.tm_year == n.tm_year && s.tm_yday == n.tm_yday)
		snprintf(buf, size, "%02d:%02d", s.tm_hour, s.tm_min);
	else if (s.tm_year == n.tm_year)
		snprintf(buf, size, "%s %02d", columns_months[s.tm_mon],
		    s.tm_mday);
	else
		snprintf(buf, size, "%d", s.tm_year + 1900);
}

/* p's share of the machine's memory, or "-" when that is unknown. */
static void
columns_mem_pct(const struct procinfo *p, const struct snapshot *snap,
    char *buf, size_t size)
{
	if (snap->mem_total_kb == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", (double)p->rss_kb * 100.0 /
		    (double)snap->mem_total_kb);
}

/* When p started, as a clock time; "-" without the boot time. */
static void
columns_start(const struct procinfo *p, const struct snapshot *snap,
    char *buf, size_t size)
{
	long	hz = snap->clk_tck > 0 ? snap->clk_tck : 100;

	if (snap->boot_time <= 0)
		snprintf(buf, size, "-");
	else
		columns_clock((time_t)snapshot_clamp_time(
		    (double)snap->boot_time + (double)(p->start_ticks /
		    (uint64_t)hz)), (time_t)snapshot_clamp_time(snap->time),
		    buf, size);
}

/*
 * An ID of p's (parent, group, session) as seen inside p's own PID
 * namespace: the inside PID of that process when it lives there too,
 * else 0, as ps inside a container shows for what is outside it.
 */
static pid_t
columns_inside(const struct snapshot *snap, const struct procinfo *p,
    pid_t id)
{
	const struct procinfo	*q;

	if (id <= 0 || p->ns[NS_PID] == INODE_UNKNOWN ||
	    p->ns[NS_PID] == snap->self_pidns)
		return id;	/* in treetop's own namespace, inside is outside */
	q = snapshot_find(snap, id);
	if (q == NULL || q->ns[NS_PID] != p->ns[NS_PID])
		return 0;
	return procinfo_inner_pid(q);
}

/* CONTAINER: its name or short ID; UNIT: the unit; "-" for none. */
static void
columns_cgroup(enum column_id c, const struct procinfo *p,
    const struct snapshot *snap, bool utf8, char *buf, size_t size)
{
	const struct cgroup_info	*ct = procinfo_container(snap, p);
	const char			*unit = procinfo_unit(snap, p);

	if (c == COL_CONTAINER && ct != NULL)
		(void)ctfmt_name(ct, utf8, buf, size);
	else if (c == COL_UNIT && unit != NULL)
		escape_bytes(unit, strlen(unit), utf8, buf, size);
	else
		snprintf(buf, size, "-");
}

void
columns_cell(enum column_id c, const struct procinfo *p,
    const struct snapshot *snap, bool ns_view, bool utf8, char *buf,
    size_t size)
{
	long			hz = snap->clk_tck > 0 ? snap->clk_tck : 100;
	unsigned long long	secs;
	pid_t			inner = procinfo_inner_pid(p);
	char			user[NSINFO_USER_MAX];

	switch (c) {
	case COL_PID:
		snprintf(buf, size, "%d", (int)(ns_view ? inner : p->pid));
		break;
	case COL_PPID:
		snprintf(buf, size, "%d", (int)(ns_view ?
		    columns_inside(snap, p, p->ppid) : p->ppid));
		break;
	case COL_PGID:
		snprintf(buf, size, "%d", (int)(ns_view ?
		    columns_inside(snap, p, p->pgid) : p->pgid));
		break;
	case COL_SID:
		snprintf(buf, size, "%d", (int)(ns_view ?
		    columns_inside(snap, p, p->sid) : p->sid));
		break;
	case COL_TGID:
		snprintf(buf, size, "%d", (int)(ns_view ?
		    columns_inside(snap, p, p->tgid) : p->tgid));
		break;
	case COL_NSPID:
		if (inner == p->pid)
			snprintf(buf, size, "-");
		else
			snprintf(buf, size, "%d", (int)(ns_view ? p->pid : inner));
		break;
	case COL_USER:
		nsinfo_user_label(snap, p, user, sizeof user);
		escape_bytes(user, strlen(user), utf8, buf, size);
		break;
	case COL_STATE:
		snprintf(buf, size, "%c", escape_state(p->state));
		break;
	case COL_MARK:
		if (size >= CLASSIFY_MARKS_MAX)
			classify_marks(p->flags, buf);
		break;
	case COL_CPU:
		snprintf(buf, size, "%.1f", (double)p->cpu_pct);
		break;
	case COL_MEM:
		columns_mem_pct(p, snap, buf, size);
		break;
	case COL_RSS:
		columns_memory(p->rss_kb, buf, size);
		break;
	case COL_VIRT:
		columns_memory(p->vsz_kb, buf, size);
		break;
	case COL_TIME:
		secs = p->cpu_ticks / (unsigned long long)hz;
		snprintf(buf, size, "%llu:%02llu", secs / 60, secs % 60);
		break;
	case COL_START:
		columns_start(p, snap, buf, size);
		break;
	case COL_NLWP:
		snprintf(buf, size, "%d", p->threads);
		break;
	case COL_CONTAINER:
	case COL_UNIT:
		columns_cgroup(c, p, snap, utf8, buf, size);
		break;
	case COL_COUNT:
		buf[0] = '\0';
		break;
	}
}

/*
 * Append text cut and padded to width display columns, then the gap.
 * USER holds any UTF-8 a user name has (escaped): wide and combining
 * characters are measured by their display width, so the columns after
 * it stay where columns_at() says they are.
 */
static size_t
columns_put(char *buf, size_t size, size_t used, const char *text,
    int width, bool left)
{
	size_t	n;

	if (used >= size)
		return used;
	n = textwidth_pad(buf + used, size - used - 1, text, width, left);
	if (n == 0 && width > 0)
		return used;	/* no room: the line ends here */
	used += n;
	buf[used++] = ' ';
	buf[used] = '\0';
	return used;
}

/* Column c's width in set: USER may be widened (user_width). */
static int
columns_col_width(const struct column_set *set, enum column_id c)
{
	if (c == COL_USER && set->user_width > columns_defs[c].width)
		return set->user_width;
	return columns_defs[c].width;
}

int
columns_user_width(const struct snapshot *snap)
{
	char		label[NSINFO_USER_MAX], esc[NSINFO_USER_MAX * 4 + 1];
	const struct procinfo	*p;
	int		width = 0, w;
	size_t		i;

	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (!nsinfo_user_differs(snap, p))
			continue;
		nsinfo_user_label(snap, p, label, sizeof label);
		escape_bytes(label, strlen(label), true, esc, sizeof esc);
		if ((w = textwidth_str(esc)) > width)
			width = w;
	}
	if (width <= columns_defs[COL_USER].width)
		return 0;
	return width < COLUMNS_USER_MAX ? width : COLUMNS_USER_MAX;
}

int
columns_line(const struct column_set *set, const struct procinfo *p,
    const struct snapshot *snap, bool ns_view, bool utf8, char *buf,
    size_t size)
{
	char	cell[128];
	size_t	i, used = 0;
	int	width = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (i = 0; i < set->n; i++) {
		const struct column_def	*d = &columns_defs[set->order[i]];

		if (p == NULL)
			snprintf(cell, sizeof cell, "%s", ns_view &&
			    set->order[i] == COL_NSPID ? "HOST" : d->title);
		else
			columns_cell(set->order[i], p, snap, ns_view, utf8,
			    cell, sizeof cell);
		used = columns_put(buf, size, used, cell,
		    columns_col_width(set, set->order[i]), d->left);
		width += columns_col_width(set, set->order[i]) + COLUMNS_GAP;
	}
	return width;
}

int
columns_title_at(const struct column_set *set, enum column_id c,
    bool ns_view)
{
	const struct column_def	*d;
	size_t			 i;
	int			 left = 0, len;

	for (i = 0; i < set->n; i++) {
		d = &columns_defs[set->order[i]];
		if (set->order[i] == c) {
			len = (int)strlen(ns_view && c == COL_NSPID ? "HOST" :
			    d->title);
			return d->left || len >= d->width ? left :
			    left + d->width - len;
		}
		left += columns_col_width(set, set->order[i]) + COLUMNS_GAP;
	}
	return -1;
}

int
columns_width(const struct column_set *set)
{
	size_t	i;
	int	width = COLUMNS_LEAD;

	for (i = 0; i < set->n; i++)
		width += columns_col_width(set, set->order[i]) + COLUMNS_GAP;
	return width;
}

/* Which columns give way first on a narrow screen; PID never does. */
static const enum column_id columns_give_way[] = {
	COL_UNIT, COL_CONTAINER,
	COL_TGID, COL_SID, COL_PGID, COL_NLWP, COL_VIRT, COL_TIME, COL_START,
	COL_MEM, COL_NSPID, COL_PPID, COL_RSS, COL_USER, COL_CPU, COL_MARK,
	COL_STATE,
};

static void
columns_remove(struct column_set *set, enum column_id c)
{
	size_t	i, kept = 0;

	for (i = 0; i < set->n; i++)
		if (set->order[i] != c)
			set->order[kept++] = set->order[i];
	set->n = kept;
}

void
columns_fit(const struct column_set *want, int width, int command,
    struct column_set *out)
{
	size_t	i;

	*out = *want;
	for (i = 0; i < sizeof columns_give_way / sizeof columns_give_way[0] &&
	    columns_width(out) + command > width; i++)
		columns_remove(out, columns_give_way[i]);
}

int
columns_at(const struct column_set *set, int x)
{
	size_t	i;
	int	left = COLUMNS_LEAD;

	for (i = 0; i < set->n; i++) {
		int	right = left + columns_col_width(set, set->order[i]) +
			    COLUMNS_GAP;

		if (x >= left && x < right)
			return (int)set->order[i];
		left = right;
	}
	return -1;
}
