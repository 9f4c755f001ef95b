/*
 * Recently started processes and ghosts of recently exited ones, kept
 * from one refresh to the next by identity (pid, start time).  Each
 * update costs a pass over the marks and one binary search per event or
 * mark: nothing here walks the whole snapshot.
 */
#include "config.h"
#include "recent.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "snapshot.h"
#include "xalloc.h"

void
recent_init(struct recent *r)
{
	memset(r, 0, sizeof *r);
	r->hold = RECENT_HOLD_SECONDS;
}

void
recent_clear(struct recent *r)
{
	size_t	i;

	for (i = 0; i < r->nghosts; i++) {
		free(r->ghosts[i].cmdline);
		free(r->ghosts[i].nspid);
		free(r->ghosts[i].own);
	}
	r->nghosts = 0;
	r->nbirths = 0;
}

void
recent_done(struct recent *r)
{
	recent_clear(r);
	free(r->ghosts);
	free(r->births);
	recent_init(r);
}

static int
recent_cmp_ident(pid_t apid, uint64_t astart, pid_t bpid, uint64_t bstart)
{
	if (apid != bpid)
		return (apid > bpid) - (apid < bpid);
	return (astart > bstart) - (astart < bstart);
}

static int
recent_cmp_ghost(const void *a, const void *b)
{
	const struct procinfo	*x = &((const struct recent_ghost *)a)->proc;
	const struct procinfo	*y = &((const struct recent_ghost *)b)->proc;

	return recent_cmp_ident(x->pid, x->start_ticks, y->pid,
	    y->start_ticks);
}

static int
recent_cmp_birth(const void *a, const void *b)
{
	const struct recent_birth	*x = a, *y = b;

	return recent_cmp_ident(x->pid, x->start_ticks, y->pid,
	    y->start_ticks);
}

/* The ghost of identity (pid, start_ticks) among the first n (sorted). */
static struct recent_ghost *
recent_find_ghost(const struct recent *r, size_t n, pid_t pid,
    uint64_t start_ticks)
{
	struct recent_ghost	key;

	if (n == 0)
		return NULL;
	key.proc.pid = pid;
	key.proc.start_ticks = start_ticks;
	return bsearch(&key, r->ghosts, n, sizeof *r->ghosts,
	    recent_cmp_ghost);
}

/* The record of identity (pid, start_ticks) in snap, or NULL. */
static const struct procinfo *
recent_in(const struct snapshot *snap, pid_t pid, uint64_t start_ticks)
{
	const struct procinfo	*p = snapshot_find(snap, pid);

	return p != NULL && p->start_ticks == start_ticks ? p : NULL;
}

bool
recent_is_new(const struct recent *r, const struct procinfo *p)
{
	struct recent_birth	key = { p->pid, p->start_ticks, 0 };

	return r->nbirths > 0 && bsearch(&key, r->births, r->nbirths,
	    sizeof *r->births, recent_cmp_birth) != NULL;
}

/* Drop the marks that have lasted, and ghosts that are back in cur. */
static void
recent_expire(struct recent *r, const struct snapshot *cur)
{
	struct recent_ghost	*g;
	struct recent_birth	*b;
	size_t			 i, kept;

	for (i = kept = 0; i < r->nghosts; i++) {
		g = &r->ghosts[i];
		/* Also when the clock stepped back past when it left. */
		if (cur->time - g->gone >= r->hold || cur->time < g->gone ||
		    recent_in(cur, g->proc.pid, g->proc.start_ticks) != NULL) {
			free(g->cmdline);
			free(g->nspid);
			free(g->own);
			continue;
		}
		/* proc's pointers point into heap copies. */
		r->ghosts[kept++] = *g;
	}
	r->nghosts = kept;
	for (i = kept = 0; i < r->nbirths; i++) {
		b = &r->births[i];
		if (cur->time - b->seen < r->hold && cur->time >= b->seen &&
		    recent_in(cur, b->pid, b->start_ticks) != NULL)
			r->births[kept++] = *b;
	}
	r->nbirths = kept;
}

static void
recent_add_birth(struct recent *r, const struct procinfo *p, double now)
{
	struct recent_birth	*b;

	if (r->nbirths == r->births_cap) {
		r->births_cap = r->births_cap ? r->births_cap * 2 : 64;
		r->births = xreallocarray(r->births, r->births_cap,
		    sizeof *r->births);
	}
	b = &r->births[r->nbirths++];
	b->pid = p->pid;
	b->start_ticks = p->start_ticks;
	b->seen = now;
}

/* A ghost of p, a record of prev (NULL: of none, so no container). */
static void
recent_add_ghost(struct recent *r, const struct snapshot *prev,
    const struct procinfo *p, double now, bool reaped)
{
	struct recent_ghost		*g;
	const struct cgroup_info	*c;

	if (r->nghosts == r->ghosts_cap) {
		r->ghosts_cap = r->ghosts_cap ? r->ghosts_cap * 2 : 64;
		r->ghosts = xreallocarray(r->ghosts, r->ghosts_cap,
		    sizeof *r->ghosts);
	}
	g = &r->ghosts[r->nghosts++];
	g->nspid = xreallocarray(NULL, p->nspid_len > 0 ?
	    (size_t)p->nspid_len : 1, sizeof *g->nspid);
	g->own = xmalloc(sizeof *g->own);
	procinfo_copy(&g->proc, p, &g->cmdline, g->nspid, g->own);
	c = prev != NULL ? snapshot_cgroup(prev, p->cgroup) : NULL;
	g->has_cgroup = c != NULL;
	if (c != NULL)
		g->cgroup = c->ident;
	/* Its zombies were adopted when it died: a ghost holds none. */
	g->proc.flags &= ~(unsigned)PI_ZPARENT;
	g->proc.zombie_children = 0;
	g->gone = now;
	g->reaped = reaped;
	g->status_known = false;
	g->status = 0;
	g->lifetime = -1;
}

void
recent_update(struct recent *r, const struct snapshot *prev,
    const struct snapshot *cur, const struct diff *d)
{
	const struct diff_event	*e;
	const struct procinfo	*p;
	size_t			 i, old_ghosts;

	/* A ghost back in cur: its STARTED event is no birth. */
	for (i = 0; prev != NULL && d != NULL && i < d->n; i++) {
		e = &d->events[i];
		if (e->kind != DIFF_STARTED ||
		    (p = recent_in(cur, e->pid, e->start_ticks)) == NULL ||
		    (p->flags & PI_THREAD))
			continue;
		if (recent_find_ghost(r, r->nghosts, e->pid,
		    e->start_ticks) == NULL)
			recent_add_birth(r, p, cur->time);
	}
	recent_expire(r, cur);
	old_ghosts = r->nghosts;
	for (i = 0; prev != NULL && d != NULL && i < d->n; i++) {
		e = &d->events[i];
		if ((e->kind != DIFF_EXITED && e->kind != DIFF_REAPED) ||
		    (p = recent_in(prev, e->pid, e->start_ticks)) == NULL ||
		    (p->flags & PI_THREAD))
			continue;
		/* Never two ghosts of one identity. */
		if (recent_find_ghost(r, old_ghosts, e->pid,
		    e->start_ticks) != NULL)
			continue;
		recent_add_ghost(r, prev, p, cur->time,
		    e->kind == DIFF_REAPED);
	}
	/* A ghost's container, where cur still has it: its index there. */
	for (i = 0; i < r->nghosts; i++)
		r->ghosts[i].proc.cgroup = r->ghosts[i].has_cgroup ?
		    snapshot_find_cgroup(cur, &r->ghosts[i].cgroup) : 0;
	if (r->nghosts > 1)
		qsort(r->ghosts, r->nghosts, sizeof *r->ghosts,
		    recent_cmp_ghost);
	if (r->nbirths > 1)
		qsort(r->births, r->nbirths, sizeof *r->births,
		    recent_cmp_birth);
}

void
recent_add_short(struct recent *r, const struct procinfo *p,
    const int *status, const double *lifetime, size_t n, double now)
{
	struct recent_ghost	*g;
	size_t			 i, old = r->nghosts;

	for (i = 0; i < n; i++) {
		if (recent_find_ghost(r, old, p[i].pid, p[i].start_ticks) !=
		    NULL)
			continue;
		/* a short life's record is in no snapshot: no container */
		recent_add_ghost(r, NULL, &p[i], now, false);
		g = &r->ghosts[r->nghosts - 1];
		g->status_known = true;
		g->status = status[i];
		g->lifetime = lifetime[i];
	}
	if (r->nghosts > old)
		qsort(r->ghosts, r->nghosts, sizeof *r->ghosts,
		    recent_cmp_ghost);
}

bool
recent_set_status(struct recent *r, pid_t pid, uint64_t start_ticks,
    int status, double lifetime)
{
	struct recent_ghost	*g;

	g = recent_find_ghost(r, r->nghosts, pid, start_ticks);
	if (g == NULL)
		return false;
	g->status_known = true;
	g->status = status;
	g->lifetime = lifetime;
	return true;
}

size_t
recent_replay_first(const struct recent *r, struct snapshot *const *snaps,
    size_t index)
{
	size_t	first = index;

	while (first > 1 && index - first + 1 < RECENT_REPLAY_MAX &&
	    snaps[index]->time - snaps[first - 1]->time < r->hold)
		first--;
	return first;
}

void
recent_replay(struct recent *r, struct snapshot *const *snaps, size_t index)
{
	struct diff	d;
	size_t		first = recent_replay_first(r, snaps, index), k;

	recent_clear(r);
	if (index == 0)
		return;
	diff_init(&d);
	for (k = first; k <= index; k++) {
		/* Replaying a pair again sets the same flags: idempotent. */
		diff_snapshots(snaps[k - 1], snaps[k], &d);
		recent_update(r, snaps[k - 1], snaps[k], &d);
	}
	diff_done(&d);
}
