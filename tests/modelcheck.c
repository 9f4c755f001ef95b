/*
 * Invariant checks of one refresh through the model.  Each check works
 * the answer out its own way (parent rows by the pre-order rule, new
 * identities by a merge walk of its own) rather than trusting the
 * module's scratch arrays.
 */
#include "config.h"
#include "modelcheck.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"

const char *const modelcheck_names[MC_COUNT] = {
	[MC_ORDER] = "pids sorted and unique",
	[MC_PID] = "pid > 0",
	[MC_RELEASED] = "pgid and sid >= 0 (not a reaped task)",
	[MC_COMM] = "comm terminated",
	[MC_CMDLINE] = "cmdline consistent",
	[MC_CLASSIFY] = "zombie flag",
	[MC_TREE_ONCE] = "tree rows: once each",
	[MC_TREE_PARENT] = "tree rows: parent and depth",
	[MC_NS_ONCE] = "by-pidns rows: once each",
	[MC_NS_PARENT] = "by-pidns rows: section, parent and depth",
	[MC_ZOMBIE_ROWS] = "zombie rows",
	[MC_DIFF] = "diff events",
};

void
modelcheck_init(struct modelcheck *mc)
{
	memset(mc, 0, sizeof *mc);
}

void
modelcheck_done(struct modelcheck *mc)
{
	free(mc->prow);
	free(mc->last);
	free(mc->seen);
	modelcheck_init(mc);
}

unsigned long
modelcheck_violations(const struct modelcheck *mc)
{
	unsigned long	n = 0;
	int		k;

	for (k = 0; k < MC_COUNT; k++)
		n += mc->v[k];
	return n;
}

static void modelcheck_bad(struct modelcheck *, enum modelcheck_violation,
    const char *, ...) __attribute__((format(printf, 3, 4)));

/* Count a violation; print the first few of each kind. */
static void
modelcheck_bad(struct modelcheck *mc, enum modelcheck_violation v,
    const char *fmt, ...)
{
	va_list	ap;

	if (mc->v[v]++ >= MODELCHECK_REPORT_MAX)
		return;
	fprintf(stderr, "refresh %lu: %s: ", mc->refreshes,
	    modelcheck_names[v]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
modelcheck_records(struct modelcheck *mc, const struct snapshot *s)
{
	size_t	i;

	for (i = 0; i < s->nprocs; i++) {
		const struct procinfo	*p = &s->procs[i];

		if (i > 0 && p->pid <= s->procs[i - 1].pid)
			modelcheck_bad(mc, MC_ORDER, "pid %d after %d", p->pid,
			    s->procs[i - 1].pid);
		if (p->pid <= 0)
			modelcheck_bad(mc, MC_PID, "pid %d (ppid %d)", p->pid,
			    p->ppid);
		if (p->pgid < 0 || p->sid < 0)
			modelcheck_bad(mc, MC_RELEASED, "pid %d state %c ppid "
			    "%d pgid %d sid %d", p->pid, p->state, p->ppid,
			    p->pgid, p->sid);
		if (memchr(p->comm, '\0', COMM_MAX) == NULL)
			modelcheck_bad(mc, MC_COMM, "pid %d", p->pid);
		if ((p->cmdline == NULL) != (p->cmdline_len == 0))
			modelcheck_bad(mc, MC_CMDLINE, "pid %d, cmdline_len "
			    "%zu", p->pid, (size_t)p->cmdline_len);
		if (((p->flags & PI_ZOMBIE) != 0) != (p->state == 'Z'))
			modelcheck_bad(mc, MC_CLASSIFY, "pid %d state %c",
			    p->pid, p->state);
		if (p->flags & PI_PARTIAL)
			mc->partial++;
	}
	mc->records += s->nprocs;
}

/*
 * The parent row of each row by the pre-order rule (the nearest earlier
 * row one level up) into mc->prow; false if a depth jumps by more than
 * one, which no drawn tree can show.
 */
static bool
modelcheck_parents(struct modelcheck *mc, const struct rows *r)
{
	size_t	k;

	for (k = 0; k < r->n; k++) {
		unsigned	d = r->v[k].depth;

		if (d > 0 && (k == 0 || d > r->v[k - 1].depth + 1))
			return false;
		mc->prow[k] = d == 0 ? PTREE_NONE : mc->last[d - 1];
		mc->last[d] = k;
	}
	return true;
}

/* Whether parent is the record p hangs under, by pid. */
static bool
modelcheck_is_parent(const struct procinfo *parent, const struct procinfo *p)
{
	pid_t	key = (p->flags & PI_THREAD) ? p->tgid : p->ppid;

	return parent->pid == key;
}

/* Tree layout, every record: once each, under its tree parent. */
static void
modelcheck_tree_rows(struct modelcheck *mc, const struct ptree *tree,
    const struct rows *r)
{
	const struct snapshot	*s = tree->snap;
	const struct procinfo	*up;
	size_t			 k, i;

	memset(mc->seen, 0, s->nprocs);
	if (r->n != s->nprocs)
		modelcheck_bad(mc, MC_TREE_ONCE, "%zu rows for %zu records",
		    r->n, s->nprocs);
	if (!modelcheck_parents(mc, r)) {
		modelcheck_bad(mc, MC_TREE_PARENT, "depth jumps");
		return;
	}
	for (k = 0; k < r->n; k++) {
		const struct row	*row = &r->v[k];

		i = row->index;
		if (row->proc == NULL || i >= s->nprocs ||
		    row->proc != &s->procs[i] || mc->seen[i]++) {
			modelcheck_bad(mc, MC_TREE_ONCE, "row %zu (record %zu)",
			    k, i);
			continue;
		}
		if (row->depth != tree->depth[i])
			modelcheck_bad(mc, MC_TREE_PARENT, "pid %d at depth %u",
			    row->proc->pid, row->depth);
		up = mc->prow[k] == PTREE_NONE ? NULL : r->v[mc->prow[k]].proc;
		if (up == NULL ? tree->parent[i] != PTREE_NONE :
		    r->v[mc->prow[k]].index != tree->parent[i] ||
		    !modelcheck_is_parent(up, row->proc))
			modelcheck_bad(mc, MC_TREE_PARENT, "pid %d under the "
			    "wrong row (ppid %d)", row->proc->pid,
			    row->proc->ppid);
		else if (up != NULL && up->start_ticks > row->proc->start_ticks)
			mc->older_child++;
	}
}

/*
 * By-namespace layout: a header per section, then every record once, in
 * the section of its namespace, under its tree parent's row when that
 * parent is in the same namespace (and so the same section), else under
 * the header.
 */
static void
modelcheck_pidns_rows(struct modelcheck *mc, const struct ptree *tree,
    const struct rows *r)
{
	const struct snapshot	*s = tree->snap;
	const struct row	*hdr = NULL;
	const struct pidns_info	*hns;
	size_t			*row_of = mc->prow;	/* by record here */
	size_t			 k, i, up, want, h = PTREE_NONE, n = 0;

	memset(mc->seen, 0, s->nprocs);
	for (i = 0; i < s->nprocs; i++)
		row_of[i] = PTREE_NONE;
	for (k = 0; k < r->n; k++) {
		const struct row	*row = &r->v[k];
		const struct procinfo	*p = row->proc;

		if (p == NULL) {
			if (row->depth != 0)
				modelcheck_bad(mc, MC_NS_PARENT, "header row "
				    "%zu at depth %u", k, row->depth);
			hdr = row;
			h = k;
			continue;
		}
		i = row->index;
		if (i >= s->nprocs || p != &s->procs[i] || mc->seen[i]++) {
			modelcheck_bad(mc, MC_NS_ONCE, "row %zu (record %zu)",
			    k, i);
			continue;
		}
		n++;
		row_of[i] = k;
		if (hdr == NULL) {
			modelcheck_bad(mc, MC_NS_PARENT, "pid %d before any "
			    "header", p->pid);
			continue;
		}
		hns = rows_header_pidns(s, NS_PID, hdr);
		if (hns != NULL ? hns->inode != procinfo_pidns(s, p) :
		    procinfo_pidns(s, p) != INODE_UNKNOWN &&
		    snapshot_find_pidns(s, procinfo_pidns(s, p)) != NULL)
			modelcheck_bad(mc, MC_NS_PARENT, "pid %d (pidns %"
			    PRIu64 ") in the section of %" PRIu64, p->pid,
			    procinfo_pidns(s, p),
			    hns != NULL ? hns->inode : 0);
		/*
		 * Under its nearest ancestor shown in the same section (its
		 * parent may live in another or an unknown namespace), else
		 * under the header.
		 */
		want = h;
		for (up = tree->parent[i]; up != PTREE_NONE;
		    up = tree->parent[up])
			if (row_of[up] != PTREE_NONE && row_of[up] > h &&
			    procinfo_pidns(s, &s->procs[up]) ==
			    procinfo_pidns(s, p)) {
				want = row_of[up];
				break;
			}
		if (row->depth != r->v[want].depth + 1)
			modelcheck_bad(mc, MC_NS_PARENT, "pid %d at depth %u "
			    "under row %zu at depth %u", p->pid, row->depth,
			    want, r->v[want].depth);
	}
	if (n != s->nprocs)
		modelcheck_bad(mc, MC_NS_ONCE, "%zu records shown of %zu", n,
		    s->nprocs);
	/* No row may sit deeper than one below the row above it. */
	if (!modelcheck_parents(mc, r))
		modelcheck_bad(mc, MC_NS_PARENT, "depth jumps");
}

/* Zombies filter: every zombie, each row under its parent, no strays. */
static void
modelcheck_zombie_rows(struct modelcheck *mc, const struct ptree *tree,
    const struct rows *r)
{
	const struct snapshot	*s = tree->snap;
	size_t			 k, i, zombies = 0, shown = 0;

	for (i = 0; i < s->nprocs; i++)
		if (s->procs[i].flags & PI_ZOMBIE)
			zombies++;
	if (!modelcheck_parents(mc, r)) {
		modelcheck_bad(mc, MC_ZOMBIE_ROWS, "depth jumps");
		return;
	}
	for (k = 0; k < r->n; k++) {
		const struct row	*row = &r->v[k];

		if (row->proc == NULL || row->index >= s->nprocs) {
			modelcheck_bad(mc, MC_ZOMBIE_ROWS, "row %zu without "
			    "a record", k);
			continue;
		}
		i = row->index;
		if (row->proc->flags & PI_ZOMBIE)
			shown++;
		else if (k + 1 == r->n || r->v[k + 1].depth <= row->depth)
			modelcheck_bad(mc, MC_ZOMBIE_ROWS, "pid %d: not a "
			    "zombie, no rows below", row->proc->pid);
		if (mc->prow[k] == PTREE_NONE ? tree->parent[i] != PTREE_NONE :
		    r->v[mc->prow[k]].index != tree->parent[i])
			modelcheck_bad(mc, MC_ZOMBIE_ROWS, "pid %d under the "
			    "wrong row (ppid %d)", row->proc->pid,
			    row->proc->ppid);
	}
	if (shown != zombies)
		modelcheck_bad(mc, MC_ZOMBIE_ROWS, "%zu of %zu zombies shown",
		    shown, zombies);
}

/* Whether s holds the identity (pid, start). */
static bool
modelcheck_has(const struct snapshot *s, pid_t pid, uint64_t start)
{
	const struct procinfo	*p = s != NULL ? snapshot_find(s, pid) : NULL;

	return p != NULL && p->start_ticks == start;
}

/* Identities in cur and not in prev, by a merge walk of our own. */
static unsigned long
modelcheck_count_new(const struct snapshot *prev, const struct snapshot *cur)
{
	unsigned long	n = 0;
	size_t		i = 0, j;

	for (j = 0; j < cur->nprocs; j++) {
		const struct procinfo	*b = &cur->procs[j];

		while (prev != NULL && i < prev->nprocs &&
		    prev->procs[i].pid < b->pid)
			i++;
		if (prev == NULL || i == prev->nprocs ||
		    prev->procs[i].pid != b->pid ||
		    prev->procs[i].start_ticks != b->start_ticks)
			n++;
	}
	return n;
}

/* Whether a later event for the identity of event at is k1 or k2. */
static bool
modelcheck_later(const struct diff *d, size_t at, enum diff_kind k1,
    enum diff_kind k2)
{
	const struct diff_event	*e = &d->events[at];
	size_t			 m;

	for (m = at + 1; m < d->n && d->events[m].pid == e->pid; m++)
		if ((d->events[m].kind == k1 || d->events[m].kind == k2) &&
		    d->events[m].start_ticks == e->start_ticks)
			return true;
	return false;
}

static void
modelcheck_diff(struct modelcheck *mc, const struct snapshot *prev,
    const struct snapshot *cur, const struct diff *d)
{
	unsigned long	started = 0, fresh;
	size_t		k;

	for (k = 0; k < d->n; k++) {
		const struct diff_event	*e = &d->events[k];
		bool			 in_prev, in_cur;

		in_prev = modelcheck_has(prev, e->pid, e->start_ticks);
		in_cur = modelcheck_has(cur, e->pid, e->start_ticks);
		if (k > 0 && e->pid < d->events[k - 1].pid)
			modelcheck_bad(mc, MC_DIFF, "event for pid %d after "
			    "pid %d", e->pid, d->events[k - 1].pid);
		switch (e->kind) {
		case DIFF_STARTED:
			started++;
			mc->started++;
			if (!in_cur || in_prev)
				modelcheck_bad(mc, MC_DIFF, "started pid %d is "
				    "not new in cur", e->pid);
			if (modelcheck_later(d, k, DIFF_EXITED, DIFF_REAPED))
				modelcheck_bad(mc, MC_DIFF, "pid %d started "
				    "and exited", e->pid);
			break;
		case DIFF_EXITED:
		case DIFF_REAPED:
			if (e->kind == DIFF_EXITED)
				mc->exited++;
			else
				mc->reaped++;
			if (!in_prev || in_cur)
				modelcheck_bad(mc, MC_DIFF, "gone pid %d is "
				    "not gone (%s)", e->pid,
				    diff_kind_names[e->kind]);
			if (modelcheck_later(d, k, DIFF_STARTED, DIFF_STARTED))
				modelcheck_bad(mc, MC_DIFF, "pid %d exited "
				    "and started", e->pid);
			break;
		case DIFF_ZOMBIE:
			/* Also for one that is new in cur (after STARTED). */
			if (!in_cur)
				modelcheck_bad(mc, MC_DIFF, "zombie pid %d not "
				    "in cur", e->pid);
			break;
		default:
			if (e->kind == DIFF_EXEC)
				mc->execs++;
			if (!in_prev || !in_cur)
				modelcheck_bad(mc, MC_DIFF, "%s event for pid "
				    "%d not in both", diff_kind_names[e->kind],
				    e->pid);
			break;
		}
	}
	fresh = modelcheck_count_new(prev, cur);
	if (started != fresh)
		modelcheck_bad(mc, MC_DIFF, "%lu started events, %lu new "
		    "identities", started, fresh);
}

/* Room for n records: rows are at most records plus headers plus one. */
static void
modelcheck_reserve(struct modelcheck *mc, size_t n)
{
	if (n + 1 <= mc->cap)
		return;
	mc->cap = (n + 1) * 2;
	free(mc->prow);
	free(mc->last);
	free(mc->seen);
	mc->prow = xcalloc(mc->cap, sizeof *mc->prow);
	mc->last = xcalloc(mc->cap, sizeof *mc->last);
	mc->seen = xcalloc(mc->cap, 1);
}

void
modelcheck_refresh(struct modelcheck *mc, const struct snapshot *prev,
    struct snapshot *cur, struct diff *d, struct rows *rows)
{
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct ptree		*tree;

	mc->refreshes++;
	diff_snapshots(prev, cur, d);
	classify_snapshot(cur);
	nstable_build(cur);
	tree = ptree_build(cur);
	modelcheck_reserve(mc, cur->nprocs + cur->npidns + 1);
	modelcheck_records(mc, cur);
	modelcheck_diff(mc, prev, cur, d);

	vs.layout = ROWS_TREE;
	rows_build(rows, tree, &vs);
	modelcheck_tree_rows(mc, tree, rows);
	vs.layout = ROWS_BY_PIDNS;
	rows_build(rows, tree, &vs);
	modelcheck_pidns_rows(mc, tree, rows);
	vs.layout = ROWS_TREE;
	vs.filter = ROWS_ZOMBIES;
	rows_build(rows, tree, &vs);
	modelcheck_zombie_rows(mc, tree, rows);
	ptree_free(tree);
}
