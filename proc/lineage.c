/*
 * Kernel events into the model.  Per batch: one pass over the events,
 * each a hash lookup by pid; then one pass over the refresh's events to
 * drop what the kernel said already, a sort by time, and a binary search
 * per zombie.  Nothing walks the whole snapshot but the zombie pass.
 */
#include "config.h"
#include "lineage.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "procev_queue.h"
#include "recent.h"
#include "xalloc.h"

/* What the events said of a process no snapshot has shown as it is. */
struct lineage_proc {
	double		 born;		/* fork time; 0 unknown */
	double		 touched;	/* its last event's time */
	char		*cmdline;	/* owned; from its exec */
	size_t		 cmdline_len;
	pid_t		 pid;		/* 0: a free slot */
	pid_t		 ppid;
	bool		 dead;		/* it exited: the slot is reusable */
	bool		 own;		/* treetop's own helper: unreported */
	char		 comm[COMM_MAX];	/* "" unknown */
};

/* A process the events told of, not seen since, is forgotten after this. */
#define LINEAGE_FORGET_SECONDS	60.0

void
lineage_init(struct lineage *l)
{
	memset(l, 0, sizeof *l);
}

static void
lineage_exits_clear(struct lineage_exits *x)
{
	size_t	i;

	for (i = 0; i < x->n; i++)
		free(x->v[i].cmdline);
	x->n = 0;
}

static void
lineage_table_free(struct lineage_proc *slots, size_t cap)
{
	size_t	i;

	for (i = 0; i < cap; i++)
		free(slots[i].cmdline);
	free(slots);
}

void
lineage_done(struct lineage *l)
{
	lineage_table_free(l->slots, l->cap);
	lineage_exits_clear(&l->exits);
	lineage_exits_clear(&l->old_exits);
	free(l->exits.v);
	free(l->old_exits.v);
	lineage_init(l);
}

static size_t
lineage_hash(pid_t pid, size_t cap)
{
	return ((uint32_t)pid * 2654435761u) & (cap - 1);
}

/* The slot of pid, or the free slot where it would go; cap > n. */
static struct lineage_proc *
lineage_slot(struct lineage_proc *slots, size_t cap, pid_t pid)
{
	size_t	i = lineage_hash(pid, cap);

	while (slots[i].pid != 0 && slots[i].pid != pid)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static struct lineage_proc *
lineage_find(const struct lineage *l, pid_t pid)
{
	struct lineage_proc	*p;

	if (l->cap == 0)
		return NULL;
	p = lineage_slot(l->slots, l->cap, pid);
	return p->pid == pid && !p->dead ? p : NULL;
}

/* Rebuild the table with room for want entries, keeping those keep says. */
static void
lineage_rehash(struct lineage *l, size_t want, const struct snapshot *cur,
    bool (*keep)(const struct lineage_proc *, const struct snapshot *))
{
	struct lineage_proc	*old = l->slots, *to;
	size_t			 oldcap = l->cap, cap = 64, i;

	while (cap < 2 * want + 2)
		cap *= 2;
	l->slots = xcalloc(cap, sizeof *l->slots);
	l->cap = cap;
	l->n = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i].pid == 0 || (keep != NULL && !keep(&old[i], cur)))
			continue;
		to = lineage_slot(l->slots, cap, old[i].pid);
		*to = old[i];
		old[i].cmdline = NULL;
		l->n++;
	}
	lineage_table_free(old, oldcap);
}

/* The entry for pid, made fresh (a new process, or a reused pid). */
static struct lineage_proc *
lineage_fresh(struct lineage *l, pid_t pid)
{
	struct lineage_proc	*p;

	if (2 * (l->n + 1) >= l->cap)
		lineage_rehash(l, l->n + 1, NULL, NULL);
	p = lineage_slot(l->slots, l->cap, pid);
	if (p->pid == 0)
		l->n++;
	free(p->cmdline);
	memset(p, 0, sizeof *p);
	p->pid = pid;
	return p;
}

/* pid's record in cur, else in prev, else NULL. */
static const struct procinfo *
lineage_record(pid_t pid, const struct snapshot *prev,
    const struct snapshot *cur)
{
	const struct procinfo	*p = snapshot_find(cur, pid);

	if (p == NULL && prev != NULL)
		p = snapshot_find(prev, pid);
	return p;
}

/* pid's name now: the events' if they told, else a snapshot's. */
static void
lineage_comm_of(const struct lineage *l, pid_t pid,
    const struct snapshot *prev, const struct snapshot *cur, char *out)
{
	const struct lineage_proc	*lp = lineage_find(l, pid);
	const struct procinfo		*p;

	out[0] = '\0';
	if (lp != NULL && lp->comm[0] != '\0')
		memcpy(out, lp->comm, COMM_MAX);
	else if ((p = lineage_record(pid, prev, cur)) != NULL)
		snprintf(out, COMM_MAX, "%s", p->comm);
	out[COMM_MAX - 1] = '\0';
}

/* Clock ticks after boot for a unix time (a start_ticks to match). */
static uint64_t
lineage_ticks(const struct snapshot *cur, double t)
{
	double	after = t - (double)cur->boot_time;

	return after > 0 && cur->clk_tck > 0 ?
	    (uint64_t)(after * (double)cur->clk_tck) : 0;
}

/*
 * An event about pid: its identity and namespace from a snapshot's
 * record when there is one, else from born (and its parent's).
 */
static struct diff_event *
lineage_event(struct diff *d, enum diff_kind kind, double time, pid_t pid,
    pid_t ppid, double born, const struct snapshot *prev,
    const struct snapshot *cur)
{
	struct diff_event	*e = diff_append(d, kind, time);
	const struct procinfo	*p = lineage_record(pid, prev, cur);

	e->kernel = true;
	e->pid = pid;
	e->new_ppid = ppid;
	e->old_ppid = ppid;
	/* Within a second: boot_time is whole seconds, rounded down. */
	if (p != NULL && (born <= 0 || p->start_ticks + (uint64_t)cur->clk_tck +
	    1 >= lineage_ticks(cur, born))) {
		e->start_ticks = p->start_ticks;
		e->pidns = p->ns[NS_PID];
		return e;
	}
	e->start_ticks = lineage_ticks(cur, born);
	p = lineage_record(ppid, prev, cur);
	e->pidns = p != NULL ? p->ns[NS_PID] : INODE_UNKNOWN;
	return e;
}

static void
lineage_fork(struct lineage *l, const struct procev *ev,
    const struct snapshot *prev, const struct snapshot *cur, struct diff *d)
{
	struct lineage_proc	*p;
	struct diff_event	*e;
	char			 comm[COMM_MAX];

	/* A child is its parent's copy until it execs. */
	lineage_comm_of(l, ev->ptgid, prev, cur, comm);
	p = lineage_fresh(l, ev->tgid);
	p->ppid = ev->ptgid;
	p->born = ev->time;
	p->touched = ev->time;
	memcpy(p->comm, comm, sizeof comm);
	/* treetop's own children (a namespace's hostname) are not news. */
	if ((p->own = ev->ptgid == cur->self_pid))
		return;
	e = lineage_event(d, DIFF_STARTED, ev->time, ev->tgid, ev->ptgid,
	    ev->time, prev, cur);
	e->old_ppid = 0;
	memcpy(e->comm, comm, sizeof comm);
	l->forks++;
}

/* An exec (new names, read then) or a rename (PR_SET_NAME). */
static void
lineage_exec(struct lineage *l, struct procev *ev,
    const struct snapshot *prev, const struct snapshot *cur, struct diff *d)
{
	struct lineage_proc	*p = lineage_find(l, ev->tgid);
	const struct procinfo	*rec;
	struct diff_event	*e;
	char			 old[COMM_MAX];

	if (p != NULL && p->own)
		return;
	lineage_comm_of(l, ev->tgid, prev, cur, old);
	if (p == NULL) {
		rec = lineage_record(ev->tgid, prev, cur);
		p = lineage_fresh(l, ev->tgid);
		p->ppid = rec != NULL ? rec->ppid : 0;
	}
	p->touched = ev->time;
	if (ev->comm[0] != '\0') {
		memset(p->comm, 0, sizeof p->comm);
		memcpy(p->comm, ev->comm, strnlen(ev->comm, sizeof ev->comm));
	} else if (p->comm[0] == '\0')
		memcpy(p->comm, old, sizeof old);
	if (ev->kind == PROCEV_EXEC) {
		free(p->cmdline);
		p->cmdline = ev->cmdline;
		p->cmdline_len = ev->cmdline_len;
		ev->cmdline = NULL;
	}
	e = lineage_event(d, DIFF_EXEC, ev->time, ev->tgid, p->ppid, p->born,
	    prev, cur);
	memcpy(e->old_comm, old, sizeof old);
	memcpy(e->comm, p->comm, sizeof p->comm);
}

static struct lineage_exit *
lineage_exits_add(struct lineage_exits *x)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->v = xreallocarray(x->v, x->cap, sizeof *x->v);
	}
	memset(&x->v[x->n], 0, sizeof x->v[x->n]);
	return &x->v[x->n++];
}

/*
 * When ev's process started: its fork's time, else its record's start
 * after the boot time the event came with (a snapshot's boot time is
 * whole seconds: up to one too early); 0 unknown.
 */
static double
lineage_born(const struct lineage_proc *p, const struct procev *ev,
    const struct snapshot *prev, const struct snapshot *cur)
{
	const struct procinfo	*rec;

	if (p != NULL && p->born > 0)
		return p->born;
	rec = lineage_record(ev->tgid, prev, cur);
	if (rec == NULL || cur->clk_tck <= 0 || ev->boot_time <= 0)
		return 0;
	return ev->boot_time + snapshot_start_seconds(cur, rec);
}

/* pid's parent as last known: the events' fork, else a snapshot's. */
static pid_t
lineage_parent(const struct lineage_proc *p, pid_t pid,
    const struct snapshot *prev, const struct snapshot *cur)
{
	const struct procinfo	*rec;

	if (p != NULL && p->ppid > 0)
		return p->ppid;
	rec = lineage_record(pid, prev, cur);
	return rec != NULL ? rec->ppid : 0;
}

static void
lineage_exit(struct lineage *l, const struct procev *ev,
    const struct snapshot *prev, const struct snapshot *cur, struct diff *d)
{
	struct lineage_proc	*p = lineage_find(l, ev->tgid);
	struct lineage_exit	*x;
	struct diff_event	*e;

	if (p != NULL && p->own) {
		p->dead = true;
		return;
	}
	x = lineage_exits_add(&l->exits);
	x->pid = ev->tgid;
	/* The kernel says 0 when the parent link is already cut. */
	x->ppid = ev->ptgid > 0 ? ev->ptgid : lineage_parent(p, ev->tgid,
	    prev, cur);
	x->died = ev->time;
	x->status = ev->status;
	x->born = lineage_born(p, ev, prev, cur);
	lineage_comm_of(l, ev->tgid, prev, cur, x->comm);
	if (p != NULL) {
		x->cmdline = p->cmdline;
		x->cmdline_len = p->cmdline_len;
		p->cmdline = NULL;
		p->dead = true;
	}
	e = lineage_event(d, DIFF_EXITED, ev->time, ev->tgid, x->ppid,
	    x->born, prev, cur);
	x->start_ticks = e->start_ticks;
	e->new_ppid = 0;
	memcpy(e->comm, x->comm, sizeof x->comm);
	e->exit_code = ev->status;
	e->status_known = true;
	if (x->born > 0 && x->died >= x->born)
		e->lifetime = x->died - x->born;
	l->exited++;
}

static void
lineage_lost(struct lineage *l, const struct procev *ev,
    const struct snapshot *cur, struct diff *d)
{
	struct diff_event	*e;

	e = diff_append(d, DIFF_LOST, ev->time > 0 ? ev->time : cur->time);
	e->kernel = true;
	e->count = ev->count;
	l->lost += ev->count;
	l->resynced = true;
}

/* A kernel event's kind and pid, to look the polled ones up. */
struct lineage_key {
	enum diff_kind	kind;
	pid_t		pid;
};

static int
lineage_cmp_key(const void *a, const void *b)
{
	const struct lineage_key	*x = a, *y = b;

	if (x->kind != y->kind)
		return (x->kind > y->kind) - (x->kind < y->kind);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/*
 * Drop the snapshot comparison's started, exited and exec events (the
 * first n of d): the kernel's say it.  After a loss keep those the
 * kernel's do not have: what /proc saw that the lost events hid.
 * Returns how many of the first n are left (still first).
 */
static size_t
lineage_drop_polled(bool resync, struct diff *d, size_t n)
{
	struct lineage_key	*keys = NULL, key;
	struct diff_event	*e;
	size_t			 i, kept = 0, polled = 0, nkeys = d->n - n;
	bool			 drop;

	if (resync && nkeys > 0) {
		keys = xreallocarray(NULL, nkeys, sizeof *keys);
		for (i = 0; i < nkeys; i++) {
			keys[i].kind = d->events[n + i].kind;
			keys[i].pid = d->events[n + i].pid;
		}
		qsort(keys, nkeys, sizeof *keys, lineage_cmp_key);
	}
	for (i = 0; i < d->n; i++) {
		e = &d->events[i];
		drop = i < n && (e->kind == DIFF_STARTED ||
		    e->kind == DIFF_EXITED || e->kind == DIFF_EXEC);
		if (drop && resync) {
			key.kind = e->kind;
			key.pid = e->pid;
			drop = keys != NULL && bsearch(&key, keys, nkeys,
			    sizeof *keys, lineage_cmp_key) != NULL;
		}
		if (!drop)
			d->events[kept++] = *e;
		if (i + 1 == n)
			polled = kept;
	}
	d->n = kept;
	free(keys);
	return polled;
}

/* An event's place in time, and before: ties keep their order. */
struct lineage_when {
	double	time;
	size_t	index;
};

static int
lineage_cmp_when(const void *a, const void *b)
{
	const struct lineage_when	*x = a, *y = b;

	if (x->time != y->time)
		return (x->time > y->time) - (x->time < y->time);
	return (x->index > y->index) - (x->index < y->index);
}

/* Time order, stable: the polled events and the kernel's among them. */
static void
lineage_order(struct diff *d)
{
	struct lineage_when	*w;
	struct diff_event	*v;
	size_t			 i;

	if (d->n < 2)
		return;
	w = xreallocarray(NULL, d->n, sizeof *w);
	for (i = 0; i < d->n; i++) {
		w[i].time = d->events[i].time;
		w[i].index = i;
	}
	qsort(w, d->n, sizeof *w, lineage_cmp_when);
	v = xreallocarray(NULL, d->n, sizeof *v);
	for (i = 0; i < d->n; i++)
		v[i] = d->events[w[i].index];
	memcpy(d->events, v, d->n * sizeof *v);
	free(v);
	free(w);
}

static int
lineage_cmp_exit(const void *a, const void *b)
{
	const struct lineage_exit	*x = a, *y = b;

	if (x->pid != y->pid)
		return (x->pid > y->pid) - (x->pid < y->pid);
	return (x->died > y->died) - (x->died < y->died);
}

/* The last exit of pid in x (sorted), or NULL. */
static const struct lineage_exit *
lineage_exit_of(const struct lineage_exits *x, pid_t pid)
{
	size_t	lo = 0, hi = x->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->v[mid].pid <= pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && x->v[lo - 1].pid == pid ? &x->v[lo - 1] : NULL;
}

/*
 * Each zombie of cur not dated yet: its exit event's time and status, if
 * seen.  The status is the kernel's word for it: a process whose leader
 * thread exited first (pthread_exit() in main()) reads in /proc with the
 * leader's, not with the last thread's, which its parent will be told.
 * The zombie events of d say the same.
 */
static void
lineage_date_zombies(const struct lineage *l, struct snapshot *cur,
    struct diff *d)
{
	const struct lineage_exit	*x;
	struct procinfo			*p;
	size_t				 i;
	double				 start;

	for (i = 0; i < cur->nprocs; i++) {
		p = &cur->procs[i];
		if (p->state != 'Z' || (p->flags & PI_EXIT_TIMED) ||
		    (p->flags & PI_THREAD))
			continue;
		x = lineage_exit_of(&l->exits, p->pid);
		if (x == NULL)
			x = lineage_exit_of(&l->old_exits, p->pid);
		start = (double)cur->boot_time +
		    snapshot_start_seconds(cur, p);
		/* Not an exit of an earlier process with this pid. */
		if (x == NULL || x->died + 1.0 / (double)cur->clk_tck < start)
			continue;
		procinfo_set_exit_time(p, x->died);
		p->exit_code = x->status;
	}
	for (i = 0; i < d->n; i++)
		if (d->events[i].kind == DIFF_ZOMBIE &&
		    (p = snapshot_find(cur, d->events[i].pid)) != NULL &&
		    (p->flags & PI_EXIT_TIMED))
			d->events[i].exit_code = p->exit_code;
}

/*
 * A reparenting is known when the parent exits: the first polled of d
 * whose old parent's exit the kernel reported take that exit's time.
 */
static void
lineage_time_reparents(const struct lineage *l, struct diff *d,
    size_t polled)
{
	const struct lineage_exit	*x;
	struct diff_event		*e;
	size_t				 i;

	for (i = 0; i < polled; i++) {
		e = &d->events[i];
		if (e->kind != DIFF_REPARENTED)
			continue;
		x = lineage_exit_of(&l->exits, e->old_ppid);
		if (x == NULL)
			x = lineage_exit_of(&l->old_exits, e->old_ppid);
		if (x != NULL && x->died <= e->time)
			e->time = x->died;
	}
}

/* Kept between refreshes: alive, not yet shown as it is, not stale. */
static bool
lineage_keep(const struct lineage_proc *p, const struct snapshot *cur)
{
	if (p->dead || cur->time - p->touched > LINEAGE_FORGET_SECONDS)
		return false;
	return p->touched >= cur->time || snapshot_find(cur, p->pid) == NULL;
}

static bool
lineage_keep_none(const struct lineage_proc *p, const struct snapshot *cur)
{
	(void)p;
	(void)cur;
	return false;
}

/* A new batch: the last one's exits become the batch before's. */
static void
lineage_next_batch(struct lineage *l)
{
	struct lineage_exits	swap;

	lineage_exits_clear(&l->old_exits);
	swap = l->old_exits;
	l->old_exits = l->exits;
	l->exits = swap;
	l->resynced = false;
}

/*
 * After a batch's events were appended to d (its first polled events
 * the snapshot comparison's): what the kernel said in place of the
 * polled, exits by pid, reparentings timed, all in time order.
 */
static void
lineage_finish(struct lineage *l, struct diff *d, size_t polled)
{
	polled = lineage_drop_polled(l->resynced, d, polled);
	if (l->exits.n > 1)
		qsort(l->exits.v, l->exits.n, sizeof *l->exits.v,
		    lineage_cmp_exit);
	lineage_time_reparents(l, d, polled);
	lineage_order(d);
}

void
lineage_merge(struct lineage *l, struct procev_batch *b,
    const struct snapshot *prev, struct snapshot *cur, struct diff *d)
{
	struct procev		*ev;
	size_t			 i, polled = d->n;

	lineage_next_batch(l);
	for (i = 0; i < b->n; i++) {
		ev = &b->v[i];
		switch (ev->kind) {
		case PROCEV_FORK:
			lineage_fork(l, ev, prev, cur, d);
			break;
		case PROCEV_EXEC:
		case PROCEV_COMM:
			lineage_exec(l, ev, prev, cur, d);
			break;
		case PROCEV_EXIT:
			lineage_exit(l, ev, prev, cur, d);
			break;
		case PROCEV_LOST:
			lineage_lost(l, ev, cur, d);
			break;
		}
	}
	lineage_finish(l, d, polled);
	lineage_date_zombies(l, cur, d);
	/* After a loss what was kept may be wrong: /proc is the truth. */
	lineage_rehash(l, l->resynced ? 0 : l->n, cur, l->resynced ?
	    lineage_keep_none : lineage_keep);
}

/* The ghost of a process that lived and died between two snapshots. */
static void
lineage_ghost_record(const struct lineage_exit *x,
    const struct snapshot *prev, const struct snapshot *cur,
    struct procinfo *g)
{
	const struct procinfo	*parent = lineage_record(x->ppid, prev, cur);

	memset(g, 0, sizeof *g);
	g->pid = x->pid;
	g->tgid = x->pid;
	g->ppid = x->ppid;
	g->state = 'X';
	g->uid = UID_UNKNOWN;
	g->tpgid = -1;
	g->threads = 1;
	g->start_ticks = x->start_ticks;
	g->comm = x->comm;	/* x outlives g, as prev and cur do */
	g->cmdline = x->cmdline;
	g->cmdline_len = x->cmdline_len;
	g->ns = procinfo_ns_unknown;
	g->user = "";
	if (parent == NULL)
		return;
	/*
	 * Born of it: in its namespaces, session and group, unless it moved.
	 * The names point into prev or cur, which outlive g (the ghost's
	 * copy keeps its own).
	 */
	g->ns = parent->ns;
	g->pgid = parent->pgid;
	g->sid = parent->sid;
	g->uid = parent->uid;
	g->user = parent->user;
}

/* Exits by parent, the newest first: the order ghosts are kept in. */
static int
lineage_cmp_by_parent(const void *a, const void *b)
{
	const struct lineage_exit	*x = *(const struct lineage_exit *const *)a;
	const struct lineage_exit	*y = *(const struct lineage_exit *const *)b;

	if (x->ppid != y->ppid)
		return (x->ppid > y->ppid) - (x->ppid < y->ppid);
	if (x->died != y->died)
		return (x->died < y->died) - (x->died > y->died);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The short lives of the last merge, at most so many per parent. */
static size_t
lineage_short_lives(const struct lineage *l, const struct snapshot *prev,
    const struct snapshot *cur, const struct lineage_exit **out)
{
	const struct lineage_exit	*x;
	size_t				 i, n = 0, kept = 0, run = 0;

	for (i = 0; i < l->exits.n; i++) {
		x = &l->exits.v[i];
		if (x->born <= 0 || snapshot_find(cur, x->pid) != NULL ||
		    (prev != NULL && snapshot_find(prev, x->pid) != NULL))
			continue;
		out[n++] = x;
	}
	if (n > 1)
		qsort(out, n, sizeof *out, lineage_cmp_by_parent);
	for (i = 0; i < n; i++) {
		/* One ghost an exit, told twice or not (a recording's). */
		if (kept > 0 && out[i]->pid == out[kept - 1]->pid &&
		    out[i]->start_ticks == out[kept - 1]->start_ticks &&
		    out[i]->died == out[kept - 1]->died)
			continue;
		run = kept > 0 && out[i]->ppid == out[kept - 1]->ppid ?
		    run + 1 : 0;
		if (run < LINEAGE_GHOSTS_PER_PARENT)
			out[kept++] = out[i];
	}
	return kept;
}

/* Ghosts of what prev had: the status their exit events gave. */
static void
lineage_ghost_statuses(const struct lineage *l, struct recent *r,
    const struct snapshot *prev)
{
	const struct lineage_exit	*x;
	const struct procinfo		*p;
	size_t				 i;

	/* An exit between a scan and its drain is in the batch before. */
	for (i = 0; prev != NULL && i < l->exits.n + l->old_exits.n; i++) {
		x = i < l->exits.n ? &l->exits.v[i] :
		    &l->old_exits.v[i - l->exits.n];
		if ((p = snapshot_find(prev, x->pid)) != NULL)
			recent_set_status(r, p->pid, p->start_ticks, x->status,
			    x->born > 0 ? x->died - x->born : -1);
	}
}

void
lineage_ghosts(const struct lineage *l, struct recent *r,
    const struct snapshot *prev, const struct snapshot *cur)
{
	const struct lineage_exit	**lives;
	struct procinfo			*g;
	int				*status;
	double				*lifetime;
	size_t				 i, n;

	lineage_ghost_statuses(l, r, prev);
	if (l->exits.n == 0)
		return;
	lives = xreallocarray(NULL, l->exits.n, sizeof *lives);
	n = lineage_short_lives(l, prev, cur, lives);
	g = xreallocarray(NULL, n + 1, sizeof *g);
	status = xreallocarray(NULL, n + 1, sizeof *status);
	lifetime = xreallocarray(NULL, n + 1, sizeof *lifetime);
	for (i = 0; i < n; i++) {
		lineage_ghost_record(lives[i], prev, cur, &g[i]);
		status[i] = lives[i]->status;
		lifetime[i] = lives[i]->died - lives[i]->born;
	}
	recent_add_short(r, g, status, lifetime, n, cur->time);
	free(lives);
	free(g);
	free(status);
	free(lifetime);
}

/* A recorded exit as the live merge kept it. */
static void
lineage_recorded_exit(struct lineage *l, const struct diff_event *e)
{
	struct lineage_exit	*x = lineage_exits_add(&l->exits);

	x->pid = e->pid;
	x->ppid = e->old_ppid;
	x->died = e->time;
	x->status = e->exit_code;
	/* Written when the fork time was known, and only then. */
	x->born = e->lifetime >= 0 ? e->time - e->lifetime : 0;
	x->start_ticks = e->start_ticks;
	memcpy(x->comm, e->comm, sizeof x->comm);
}

void
lineage_apply_recorded(struct lineage *l, struct diff *d,
    const struct diff *kernel)
{
	const struct diff_event	*e;
	size_t			 i, polled = d->n;

	lineage_next_batch(l);
	for (i = 0; i < kernel->n; i++) {
		e = &kernel->events[i];
		*diff_append(d, e->kind, 0) = *e;
		if (e->kind == DIFF_LOST) {
			l->lost += e->count;
			l->resynced = true;
		} else if (e->kind == DIFF_EXITED && e->status_known)
			lineage_recorded_exit(l, e);
	}
	lineage_finish(l, d, polled);
}

void
lineage_replay_marks(struct recent *r, struct snapshot *const *snaps,
    const struct diff *events, size_t index)
{
	struct lineage	l;
	struct diff	d;
	size_t		first = recent_replay_first(r, snaps, index), k;

	recent_clear(r);
	if (index == 0)
		return;
	lineage_init(&l);
	diff_init(&d);
	/* From the batch before the first: a status may be there. */
	for (k = first > 1 ? first - 1 : first; k <= index; k++) {
		diff_snapshots(snaps[k - 1], snaps[k], &d);
		if (k >= first)
			recent_update(r, snaps[k - 1], snaps[k], &d);
		if (snaps[k]->events_source != EVENTS_SOURCE_KERNEL)
			continue;
		lineage_apply_recorded(&l, &d, &events[k]);
		if (k >= first)
			lineage_ghosts(&l, r, snaps[k - 1], snaps[k]);
	}
	diff_done(&d);
	lineage_done(&l);
}
