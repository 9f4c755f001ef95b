/*
 * The detail pane as text: a list of lines, each with a role, every byte
 * from a process escaped.  No curses: detailview.c draws the lines, and
 * the tests read them.
 */
#include "config.h"
#include "detailfmt.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "proc/classify.h"
#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/signals.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "ctfmt.h"
#include "textwidth.h"

#define DETAILFMT_ARROW_UTF8	" \xe2\x86\x92 "	/* " → " */
#define DETAILFMT_ARROW_ASCII	" -> "
#define DETAILFMT_LABEL		"  %-12s "	/* a field's label column */

/* --- lines ------------------------------------------------------------- */

void
detail_lines_init(struct detail_lines *dl)
{
	memset(dl, 0, sizeof *dl);
}

void
detail_lines_done(struct detail_lines *dl)
{
	size_t	i;

	for (i = 0; i < dl->n; i++)
		free(dl->v[i].text);
	free(dl->v);
	detail_lines_init(dl);
}

void
detail_lines_add(struct detail_lines *dl, enum detail_role role,
    const char *fmt, ...)
{
	va_list	ap;
	char	*text;

	va_start(ap, fmt);
	xvasprintf(&text, fmt, ap);
	va_end(ap);
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 64;
		dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
	}
	dl->v[dl->n].role = role;
	dl->v[dl->n].text = text;
	dl->n++;
}

/* len untrusted bytes -> a new escaped string (cmdline: NULs are gaps). */
static char *
detailfmt_esc(const char *bytes, size_t len, bool utf8, bool cmdline)
{
	char	*out = NULL;
	size_t	 cap = 0;

	escape_into(&out, &cap, bytes, len, cmdline, utf8);
	return out;
}

/* --- the pane ---------------------------------------------------------- */

static void
detailfmt_fmt_flags(const struct procinfo *p, char *buf, size_t size)
{
	static const struct {
		unsigned	 bit;
		const char	*word;
	} words[] = {
		{ PI_ZOMBIE, "zombie" },	{ PI_ORPHAN, "orphan" },
		{ PI_DAEMON, "daemon" },	{ PI_THREAD, "thread" },
		{ PI_REPARENTED, "reparented" },
		{ PI_ZPARENT, "holds zombies" },
		{ PI_ADOPTER, "adopted orphans" },
		{ PI_PGRP_ORPHAN, "orphaned process group" },
		{ PI_NO_LEADER, "session leader gone" },
		{ PI_PARTIAL, "partly read" },
	};
	size_t	i, used = 0;

	buf[0] = '\0';
	if (classify_is_kthread(p))
		used = (size_t)snprintf(buf, size, "kernel thread");
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (p->flags & words[i].bit)
			used += (size_t)snprintf(buf + used, size - used,
			    "%s%s", used ? ", " : "", words[i].word);
	if ((p->flags & PI_NSINIT) && p->ns[NS_PID] != INODE_UNKNOWN)
		snprintf(buf + used, size - used,
		    "%sinit of PID namespace %llu", used ? ", " : "",
		    (unsigned long long)p->ns[NS_PID]);
	else if (p->flags & PI_NSINIT)
		snprintf(buf + used, size - used,
		    "%sinit of its PID namespace", used ? ", " : "");
	if (buf[0] == '\0')
		snprintf(buf, size, "-");
}

static void
detailfmt_fmt_tty(int tty_nr, char *buf, size_t size)
{
	unsigned	major = ((unsigned)tty_nr >> 8) & 0xfff;
	unsigned	minor = ((unsigned)tty_nr & 0xff) |
			    (((unsigned)tty_nr >> 12) & 0xfff00);

	if (tty_nr == 0)
		snprintf(buf, size, "none");
	else if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else
		snprintf(buf, size, "device %u:%u", major, minor);
}

static void
detailfmt_fmt_ids(const struct procdetail *d, bool utf8,
    struct detail_lines *out)
{
	const struct procinfo	*p = &d->proc;
	char			 chain[NSPID_MAX * 16], *e, tty[32];
	size_t			 used = 0;
	int			 i;

	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "PID %d  PPID %d  "
	    "PGID %d  SID %d  TGID %d  TPGID %d", "IDs", (int)p->pid,
	    (int)p->ppid, (int)p->pgid, (int)p->sid, (int)p->tgid,
	    (int)p->tpgid);
	if (d->has_parent) {
		e = detailfmt_esc(d->parent.comm, strlen(d->parent.comm),
		    utf8, false);
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%d  %s",
		    "Parent", (int)d->parent.pid, e);
		free(e);
	} else
		detail_lines_add(out, DR_DIM, DETAILFMT_LABEL "%s", "Parent",
		    p->ppid > 0 ? "not in the snapshot" : "none");
	chain[0] = '\0';
	for (i = 0; i < p->nspid_len && i < NSPID_MAX; i++)
		used += (size_t)snprintf(chain + used, sizeof chain - used,
		    "%s%d", i == 0 ? "" : utf8 ? DETAILFMT_ARROW_UTF8 :
		    DETAILFMT_ARROW_ASCII, p->nspid[i]);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s", "NSpid",
	    p->nspid_len > 0 ? chain : "unknown");
	detailfmt_fmt_tty(p->tty_nr, tty, sizeof tty);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s", "Terminal",
	    tty);
}

/*
 * The User line of p whose container names its user: "alice (uid
 * 100999), app (uid 999) in its root's /etc/passwd"; host is p's user,
 * escaped.
 */
static void
detailfmt_ns_user(struct detail_lines *out, const struct snapshot *snap,
    const struct procinfo *p, const char *host, bool utf8)
{
	const char	*name = nsinfo_ns_user(snap, p);
	char		*e = detailfmt_esc(name, strlen(name), utf8, false);

	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s (uid %u), %s "
	    "(uid %u) in its root's /etc/passwd", "User", host,
	    (unsigned)p->uid, e, (unsigned)nsinfo_ns_uid(snap, p));
	free(e);
}

/*
 * What the G and S marks mean for p, with the group and session counted
 * in snap as the reaping report counts them: live processes of their own.
 */
static void
detailfmt_fmt_groups(const struct procinfo *p, const struct snapshot *snap,
    struct detail_lines *out)
{
	const struct procinfo	*q;
	unsigned		 members = 0, stopped = 0, in_session = 0;
	size_t			 i;

	if (!(p->flags & (PI_PGRP_ORPHAN | PI_NO_LEADER)))
		return;
	for (i = 0; i < snap->nprocs; i++) {
		q = &snap->procs[i];
		if (!classify_group_member(q) || q->sid != p->sid)
			continue;
		in_session++;
		if (q->pgid == p->pgid) {
			members++;
			if (q->state == 'T')
				stopped++;
		}
	}
	if (p->flags & PI_PGRP_ORPHAN) {
		detail_lines_add(out, DR_DIFFERS, DETAILFMT_LABEL "process "
		    "group %d is orphaned (%u member%s, %u stopped)",
		    "Job control", (int)p->pgid, members, members == 1 ?
		    "" : "s", stopped);
		detail_lines_add(out, DR_DIM, DETAILFMT_LABEL "no member's "
		    "parent is in another group of session %d: no shell "
		    "controls it", "", (int)p->sid);
		if (stopped > 0)
			detail_lines_add(out, DR_DIFFERS, DETAILFMT_LABEL
			    "its stopped members stay stopped until something "
			    "sends them SIGCONT", "");
		detail_lines_add(out, DR_DIM, DETAILFMT_LABEL "(as a group "
		    "becomes orphaned the kernel sends it SIGHUP+SIGCONT if "
		    "a member is stopped)", "");
	}
	if (p->flags & PI_NO_LEADER)
		detail_lines_add(out, DR_DIFFERS, DETAILFMT_LABEL "%d: its "
		    "leader (PID %d) is gone; %u process%s left in it",
		    "Session", (int)p->sid, (int)p->sid, in_session,
		    in_session == 1 ? "" : "es");
}

static void
detailfmt_fmt_state(const struct procdetail *d, const struct snapshot *snap,
    bool utf8, struct detail_lines *out)
{
	const struct procinfo	*p = &d->proc;
	const char		*st = procdetail_state_text(p->state);
	char			 buf[512], when[64], *e;
	double			 secs;
	long			 tck = snap->clk_tck > 0 ? snap->clk_tck : 100;
	unsigned long long	 cs;
	struct tm		 tm;
	time_t			 t;

	if (st != NULL)
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s",
		    "State", st);
	else {
		e = detailfmt_esc(&p->state, 1, utf8, false);
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL
		    "%s (unknown state)", "State", e);
		free(e);
	}
	detailfmt_fmt_flags(p, buf, sizeof buf);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s", "Flags", buf);
	detailfmt_fmt_groups(p, snap, out);
	e = detailfmt_esc(p->user, strlen(p->user), utf8, false);
	if (p->uid == UID_UNKNOWN)
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "unknown",
		    "User");
	else if (nsinfo_ns_user(snap, p) != NULL &&
	    nsinfo_user_differs(snap, p))
		detailfmt_ns_user(out, snap, p, e, utf8);
	else if (nsinfo_ns_uid(snap, p) != UID_UNKNOWN &&
	    nsinfo_ns_uid(snap, p) != p->uid)
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s (uid %u), "
		    "uid %u inside its user namespace%s", "User", e,
		    (unsigned)p->uid, (unsigned)nsinfo_ns_uid(snap, p),
		    nsinfo_ns_uid(snap, p) == 0 ? " (root)" : "");
	else
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s (uid %u)",
		    "User", e, (unsigned)p->uid);
	free(e);
	secs = snapshot_clamp_time(snapshot_start_seconds(snap, p));
	when[0] = '\0';
	t = (time_t)snapshot_clamp_time((double)snap->boot_time + secs);
	if (snap->boot_time > 0 && localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, ", %Y-%m-%d %H:%M:%S %Z", &tm);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%.2f s after boot%s",
	    "Started", secs, when);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%d", "Threads",
	    p->threads);
	/* Centiseconds in integers: ticks held to 2^53, no overflow. */
	cs = p->cpu_ticks < SNAPSHOT_COUNT_MAX ? p->cpu_ticks :
	    SNAPSHOT_COUNT_MAX;
	cs = (cs * 100 + (unsigned long long)tck / 2) /
	    (unsigned long long)tck;
	if (cs >= 360000)
		snprintf(buf, sizeof buf, "%llu:%02llu:%02llu.%02llu",
		    cs / 360000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
	else
		snprintf(buf, sizeof buf, "%llu:%02llu.%02llu", cs / 6000,
		    cs / 100 % 60, cs % 100);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s (%llu ticks)",
	    "CPU time", buf, (unsigned long long)p->cpu_ticks);
	detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%llu KiB", "RSS",
	    (unsigned long long)p->rss_kb);
	if (p->state == 'Z' || (p->flags & PI_ZOMBIE)) {
		procdetail_wait_status_text(p->exit_code, buf, sizeof buf);
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL
		    "%s (not yet collected by PID %d)", "Exit status", buf,
		    (int)p->ppid);
	}
}

static void
detailfmt_fmt_ns(const struct procdetail *d, const struct snapshot *snap,
    bool utf8, struct detail_lines *out)
{
	const struct pidns_info	*ns;
	uint64_t		 mine, theirs;
	char			 inode[32], extra[HOSTNAME_MAX * 4 + 64];
	int			 k;

	detail_lines_add(out, DR_HEADING, "Namespaces%s", d->has_parent ?
	    "" : " (no parent to compare with)");
	for (k = 0; k < NS_COUNT; k++) {
		mine = d->proc.ns[k];
		theirs = d->has_parent ? d->parent.ns[k] : INODE_UNKNOWN;
		extra[0] = '\0';
		if (mine == INODE_UNKNOWN)
			snprintf(inode, sizeof inode, "unknown");
		else
			snprintf(inode, sizeof inode, "%llu",
			    (unsigned long long)mine);
		if (k == NS_PID && mine != INODE_UNKNOWN &&
		    (ns = snapshot_find_pidns(snap, mine)) != NULL)
			snprintf(extra, sizeof extra, ns->init_pid > 0 ?
			    "  level %d, its init is PID %d" : "  level %d",
			    ns->level, (int)ns->init_pid);
		else if ((k == NS_UTS || k == NS_USER) && mine != INODE_UNKNOWN)
			nsinfo_group_extra(snap, (enum ns_type)k, mine, utf8,
			    extra, sizeof extra);
		if (mine != INODE_UNKNOWN && theirs != INODE_UNKNOWN &&
		    mine != theirs)
			detail_lines_add(out, DR_DIFFERS, "  %-7s %-12s%s  "
			    "differs from parent (%llu)", ns_type_names[k],
			    inode, extra, (unsigned long long)theirs);
		else
			detail_lines_add(out, mine == INODE_UNKNOWN ? DR_DIM :
			    DR_NORMAL, "  %-7s %s%s", ns_type_names[k], inode,
			    extra);
	}
}

static void
detailfmt_fmt_signals(const struct procinfo *p, struct detail_lines *out)
{
	char	names[512];

	detail_lines_add(out, DR_HEADING, "Signal dispositions");
	if (p->sig == NULL) {
		detail_lines_add(out, DR_DIM, "  unknown");
		return;
	}
	detail_lines_add(out, DR_NORMAL, "  %-8s %s", "caught",
	    signals_mask_names(p->sig->caught, names, sizeof names));
	detail_lines_add(out, DR_NORMAL, "  %-8s %s", "ignored",
	    signals_mask_names(p->sig->ignored, names, sizeof names));
	detail_lines_add(out, DR_NORMAL, "  %-8s %s", "blocked",
	    signals_mask_names(p->sig->blocked, names, sizeof names));
}

/* "container NAME (RUNTIME ID)", its full ID and the unit, as scanned. */
static void
detailfmt_fmt_container(const struct procdetail *d, bool utf8,
    struct detail_lines *out)
{
	const struct cgroup_info	*c = &d->cgroup_info;
	char				 label[CT_NAME_MAX * 12];
	char				*e;

	if (!d->has_cgroup_info)
		return;
	if (c->ident.runtime != CT_NONE) {
		detail_lines_add(out, DR_NORMAL, "  container  %s%s",
		    ctfmt_label(c, utf8, label, sizeof label),
		    d->proc.flags & PI_ENTERED ? "  (entered: its PID "
		    "namespace is another container's)" : "");
		e = detailfmt_esc(c->ident.id, strlen(c->ident.id), utf8,
		    false);
		detail_lines_add(out, DR_NORMAL, "  id         %s", e);
		free(e);
	} else if (d->proc.flags & PI_ENTERED)
		detail_lines_add(out, DR_NORMAL, "  container  none, but "
		    "entered a container's PID namespace");
	if (c->ident.unit[0] != '\0') {
		e = detailfmt_esc(c->ident.unit, strlen(c->ident.unit), utf8,
		    false);
		detail_lines_add(out, DR_NORMAL, "  unit       %s", e);
		free(e);
	}
}

static void
detailfmt_fmt_cgroup(const struct procdetail *d, bool utf8,
    struct detail_lines *out)
{
	const char	*p, *nl;
	char		*e;

	detail_lines_add(out, DR_HEADING, "Cgroup");
	detailfmt_fmt_container(d, utf8, out);
	if (d->cgroup == NULL) {
		detail_lines_add(out, DR_DIM, "  unknown");
		return;
	}
	if (d->cgroup[0] == '\0')
		detail_lines_add(out, DR_DIM, "  (empty)");
	for (p = d->cgroup; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl == p)
			continue;
		e = detailfmt_esc(p, (size_t)(nl - p), utf8, false);
		detail_lines_add(out, DR_NORMAL, "  %s", e);
		free(e);
	}
}

/* The notes of unreadable ("a: why; b: why") that concern the environment. */
static void
detailfmt_env_why(const char *notes, char *buf, size_t size)
{
	const char	*p = notes, *end;
	size_t		 used = 0, n;

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		end = strstr(p, "; ");
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (memmem(p, n, "environment", 11) != NULL &&
		    used + n + 3 < size) {
			if (used > 0) {
				memcpy(buf + used, "; ", 2);
				used += 2;
			}
			memcpy(buf + used, p, n);
			used += n;
			buf[used] = '\0';
		}
		p = end != NULL ? end + 2 : NULL;
	}
	if (buf[0] == '\0')
		snprintf(buf, size, "not read");
}

static void
detailfmt_fmt_env(const struct procdetail *d, bool utf8,
    struct detail_lines *out)
{
	const struct envdiff_entry	*e;
	struct envdiff			 diff;
	char				*cur, *old, dups[64], why[256];
	const char			*ov;
	size_t				 i, olen;

	if (!d->environ_known) {
		detail_lines_add(out, DR_HEADING, "Environment");
		detailfmt_env_why(d->unreadable, why, sizeof why);
		detail_lines_add(out, DR_DIM, "  unknown: %s", why);
		return;
	}
	procdetail_envdiff_build(&diff, d->environ, d->environ_len,
	    d->parent_environ_known ? d->parent_environ : NULL,
	    d->parent_environ_len);
	if (d->parent_environ_known) {
		detail_lines_add(out, DR_HEADING, "Environment (%zu added, "
		    "%zu changed, %zu removed against PID %d)", diff.added,
		    diff.changed, diff.removed, (int)d->parent.pid);
		detail_lines_add(out, DR_DIM, "  + added  ~ changed  "
		    "- removed  (compared with the parent's)");
	} else {
		detail_lines_add(out, DR_HEADING, "Environment (the parent's "
		    "is unknown: nothing compared)");
		detailfmt_env_why(d->unreadable, why, sizeof why);
		detail_lines_add(out, DR_DIM, "  parent's: %s", why);
	}
	if (diff.n == 0)
		detail_lines_add(out, DR_DIM, "  (empty)");
	for (i = 0; i < diff.n; i++) {
		e = &diff.v[i];
		dups[0] = '\0';
		if (e->dups > 0)
			snprintf(dups, sizeof dups, "  (and %u later entr%s, "
			    "unused)", e->dups, e->dups == 1 ? "y" : "ies");
		cur = e->cur ? detailfmt_esc(e->cur, e->cur_len, utf8, false) :
		    NULL;
		switch (e->kind) {
		case ENVDIFF_SAME:
			detail_lines_add(out, DR_NORMAL, "  %s%s", cur, dups);
			break;
		case ENVDIFF_ADDED:
			detail_lines_add(out, DR_ADDED, "+ %s%s", cur, dups);
			break;
		case ENVDIFF_CHANGED:
			olen = e->old_len > e->name_len ?
			    e->old_len - e->name_len - 1 : 0;
			ov = e->old + e->old_len - olen;
			old = detailfmt_esc(ov, olen, utf8, false);
			detail_lines_add(out, DR_CHANGED, "~ %s (parent: %s)%s",
			    cur, e->old_len > e->name_len ? old : "no '='",
			    dups);
			free(old);
			break;
		case ENVDIFF_REMOVED:
			old = detailfmt_esc(e->old, e->old_len, utf8, false);
			detail_lines_add(out, DR_REMOVED, "- %s%s", old, dups);
			free(old);
			break;
		}
		free(cur);
	}
	procdetail_envdiff_done(&diff);
}

#define DETAILFMT_WRAP	76	/* columns a wrapped line takes at most */
#define DETAILFMT_CONT	"    "	/* the indent of a continued line */

/* Lines being filled word by word, for the pane. */
struct detailfmt_wrap {
	struct detail_lines	*out;
	char			*line;		/* owned; grown as needed */
	size_t			 cap;
	size_t			 used;		/* bytes in line */
	int			 width;		/* its columns */
	bool			 fresh;		/* nothing on it yet */
};

/* Append n bytes of s, cols columns wide, to the line being filled. */
static void
detailfmt_wrap_put(struct detailfmt_wrap *w, const char *s, size_t n,
    int cols)
{
	if (w->used + n + 1 > w->cap) {
		w->cap = w->used + n + 1 + DETAILFMT_WRAP;
		w->line = xreallocarray(w->line, w->cap, 1);
	}
	memcpy(w->line + w->used, s, n);
	w->used += n;
	w->line[w->used] = '\0';
	w->width += cols;
	w->fresh = false;
}

/* Add the line being filled (if any) and start a continued one. */
static void
detailfmt_wrap_break(struct detailfmt_wrap *w)
{
	if (!w->fresh)
		detail_lines_add(w->out, DR_NORMAL, "  %s", w->line);
	w->used = 0;
	w->width = 0;
	detailfmt_wrap_put(w, DETAILFMT_CONT, strlen(DETAILFMT_CONT),
	    (int)strlen(DETAILFMT_CONT));
	w->fresh = true;
}

/*
 * Append a word (safe text), on a new line if it would pass
 * DETAILFMT_WRAP there; one wider than a line is cut over several, and
 * none of it is ever dropped.
 */
static void
detailfmt_wrap_word(struct detailfmt_wrap *w, const char *word)
{
	size_t	n;
	int	cols;

	if (!w->fresh && w->width + 1 + textwidth_str(word) > DETAILFMT_WRAP)
		detailfmt_wrap_break(w);
	else if (!w->fresh)
		detailfmt_wrap_put(w, " ", 1, 1);
	for (;;) {
		n = textwidth_fit(word, DETAILFMT_WRAP - w->width, &cols);
		if (n == 0)
			n = textwidth_fit(word, 2, &cols);	/* one char */
		if (n == 0) {
			n = strlen(word);
			cols = textwidth_str(word);
		}
		detailfmt_wrap_put(w, word, n, cols);
		word += n;
		if (*word == '\0')
			return;
		detailfmt_wrap_break(w);
	}
}

/*
 * The whole command line, every argument quoted as a shell would, wrapped
 * at argument boundaries; what a zombie had when seen alive.
 */
static void
detailfmt_fmt_cmdline(const struct procinfo *p, bool utf8,
    struct detail_lines *out)
{
	struct detailfmt_wrap	 w;
	const char		*arg, *end = p->cmdline + p->cmdline_len;
	char			*word;
	size_t			 len, nargs = 0;

	for (arg = p->cmdline; arg < end; arg += strnlen(arg,
	    (size_t)(end - arg)) + 1)
		nargs++;
	detail_lines_add(out, DR_HEADING, "Command line (%zu argument%s, "
	    "quoted as a shell would)", nargs, nargs == 1 ? "" : "s");
	memset(&w, 0, sizeof w);
	w.out = out;
	w.fresh = true;
	w.cap = DETAILFMT_WRAP * 4;
	w.line = xcalloc(w.cap, 1);
	for (arg = p->cmdline; arg < end; arg += len + 1) {
		len = strnlen(arg, (size_t)(end - arg));
		word = escape_shell_word(arg, len, utf8);
		detailfmt_wrap_word(&w, word);
		free(word);
	}
	if (!w.fresh)
		detail_lines_add(out, DR_NORMAL, "  %s", w.line);
	free(w.line);
}

/* The open files, as /proc/PID/fd links to them. */
static void
detailfmt_fmt_files(const struct procdetail *d, bool utf8,
    struct detail_lines *out)
{
	const char	*f;
	char		*e;
	size_t		 len, shown = 0;

	if (d->open_files < 0) {
		detail_lines_add(out, DR_HEADING, "Open files");
		detail_lines_add(out, DR_DIM, "  unknown");
		return;
	}
	detail_lines_add(out, DR_HEADING, "Open files (%d)", d->open_files);
	for (f = d->files; f != NULL && f < d->files + d->files_len;
	    f += len + 1) {
		len = strnlen(f, (size_t)(d->files + d->files_len - f));
		e = detailfmt_esc(f, len, utf8, false);
		detail_lines_add(out, DR_NORMAL, "  %s", e);
		free(e);
		shown++;
	}
	if ((size_t)d->open_files > shown)
		detail_lines_add(out, DR_DIM, "  ... and %zu more, or closed "
		    "while read", (size_t)d->open_files - shown);
}

void
detailfmt_format(const struct procdetail *d, const struct snapshot *snap,
    bool utf8, struct detail_lines *out)
{
	const struct procinfo	*p = &d->proc;
	char			*e;

	detail_lines_done(out);
	e = detailfmt_esc(p->comm, strlen(p->comm), utf8, false);
	if (p->flags & PI_THREAD)
		detail_lines_add(out, DR_HEADING, "TID %d  %s  (thread of %d)",
		    (int)p->pid, e, (int)p->tgid);
	else
		detail_lines_add(out, DR_HEADING, "PID %d  %s", (int)p->pid, e);
	free(e);
	detailfmt_fmt_ids(d, utf8, out);
	detailfmt_fmt_state(d, snap, utf8, out);
	if (d->open_files >= 0)
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%d",
		    "Open files", d->open_files);
	else
		detail_lines_add(out, DR_DIM, DETAILFMT_LABEL "unknown",
		    "Open files");
	if (procinfo_has_args(p)) {
		e = detailfmt_esc(p->cmdline, p->cmdline_len, utf8, true);
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "%s",
		    "Command", e);
	} else {
		e = detailfmt_esc(p->comm, strlen(p->comm), utf8, false);
		detail_lines_add(out, DR_NORMAL, DETAILFMT_LABEL "[%s]",
		    "Command", e);
	}
	free(e);
	if (d->unreadable != NULL)
		detail_lines_add(out, DR_DIM, DETAILFMT_LABEL "%s",
		    "Not read", d->unreadable);
	if (p->cmdline != NULL && p->cmdline_len > 0)
		detailfmt_fmt_cmdline(p, utf8, out);
	detailfmt_fmt_ns(d, snap, utf8, out);
	detailfmt_fmt_signals(p, out);
	detailfmt_fmt_cgroup(d, utf8, out);
	detailfmt_fmt_env(d, utf8, out);
	detailfmt_fmt_files(d, utf8, out);
}
