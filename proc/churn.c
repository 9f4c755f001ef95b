/*
 * Churn rates and the busiest parents: a window of starts and exits,
 * grouped by parent on demand (a sort, then one pass).
 */
#include "config.h"
#include "churn.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "diff.h"
#include "snapshot.h"
#include "xalloc.h"

/* At most this many marks are kept: a storm's window is cut shorter. */
#define CHURN_MARKS_MAX	50000

void
churn_init(struct churn *c)
{
	memset(c, 0, sizeof *c);
}

void
churn_done(struct churn *c)
{
	free(c->v);
	churn_init(c);
}

/* Tasks (threads included) of a snapshot, for the polled exit rate. */
static double
churn_tasks(const struct snapshot *s)
{
	double	n = 0;
	size_t	i;

	for (i = 0; i < s->nprocs; i++)
		if (!(s->procs[i].flags & PI_THREAD))
			n += s->procs[i].threads > 0 ? s->procs[i].threads : 1;
	return n;
}

/* Forks and exits per second from the fork counter and the task count. */
static void
churn_polled_rates(struct churn *c, const struct snapshot *prev,
    const struct snapshot *cur, double dt)
{
	double	forks, exits;

	if (cur->forks_total == 0 || prev->forks_total == 0 ||
	    cur->forks_total < prev->forks_total)
		return;
	forks = (double)(cur->forks_total - prev->forks_total);
	exits = forks - (churn_tasks(cur) - churn_tasks(prev));
	c->forks_rate = forks / dt;
	c->exits_rate = exits > 0 ? exits / dt : 0;
	c->rates_known = true;
}

static void
churn_add(struct churn *c, const struct diff_event *e)
{
	struct churn_mark	*m;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	m = &c->v[c->n++];
	memset(m, 0, sizeof *m);
	m->time = e->time;
	m->exit = e->kind != DIFF_STARTED;
	m->ppid = m->exit ? e->old_ppid : e->new_ppid;
	m->lifetime = m->exit ? e->lifetime : -1;
	m->status_known = e->status_known || e->kind == DIFF_REAPED;
	m->status = e->exit_code;
}

/* Drop what is older than the window, or past the bound. */
static void
churn_expire(struct churn *c, double now)
{
	size_t	drop = 0;

	while (drop < c->n && (c->v[drop].time < now - CHURN_WINDOW ||
	    c->n - drop > CHURN_MARKS_MAX))
		drop++;
	if (drop == 0)
		return;
	memmove(c->v, c->v + drop, (c->n - drop) * sizeof *c->v);
	c->n -= drop;
	if (c->n > 0 && c->v[0].time > c->since)
		c->since = c->v[0].time;
}

void
churn_update(struct churn *c, const struct snapshot *prev,
    const struct snapshot *cur, const struct diff *d)
{
	const struct diff_event	*e;
	double			 dt, starts = 0, exits = 0;
	size_t			 i;

	c->rates_known = false;
	c->exact = cur->events_source == EVENTS_SOURCE_KERNEL;
	if (prev == NULL || (dt = cur->time - prev->time) <= 0) {
		c->since = cur->time;
		return;
	}
	for (i = 0; i < d->n; i++) {
		e = &d->events[i];
		if (e->kind == DIFF_STARTED)
			starts++;
		else if (e->kind == DIFF_EXITED || (!c->exact &&
		    e->kind == DIFF_REAPED))
			exits++;
		else
			continue;
		churn_add(c, e);
	}
	if (c->exact) {
		c->forks_rate = starts / dt;
		c->exits_rate = exits / dt;
		c->rates_known = true;
	} else
		churn_polled_rates(c, prev, cur, dt);
	if (cur->time - CHURN_WINDOW > c->since)
		c->since = cur->time - CHURN_WINDOW;
	churn_expire(c, cur->time);
}

/* By parent; a parent's exits with a known lifetime by lifetime. */
static int
churn_cmp_mark(const void *a, const void *b)
{
	const struct churn_mark	*x = a, *y = b;

	if (x->ppid != y->ppid)
		return (x->ppid > y->ppid) - (x->ppid < y->ppid);
	if (x->exit != y->exit)
		return (int)x->exit - (int)y->exit;
	return (x->lifetime > y->lifetime) - (x->lifetime < y->lifetime);
}

static int
churn_cmp_parent(const void *a, const void *b)
{
	const struct churn_parent	*x = a, *y = b;

	if (x->starts != y->starts)
		return (x->starts < y->starts) - (x->starts > y->starts);
	if (x->failed != y->failed)
		return (x->failed < y->failed) - (x->failed > y->failed);
	return (x->ppid > y->ppid) - (x->ppid < y->ppid);
}

/* One parent's marks m[0..n-1] (sorted) into p. */
static void
churn_one(const struct churn_mark *m, size_t n, double span,
    struct churn_parent *p)
{
	size_t	i, known = 0, first = n;

	memset(p, 0, sizeof *p);
	p->ppid = m[0].ppid;
	p->median_life = -1;
	for (i = 0; i < n; i++) {
		if (!m[i].exit) {
			p->starts++;
			continue;
		}
		p->exits++;
		if (m[i].status_known && (WIFSIGNALED(m[i].status) ||
		    (WIFEXITED(m[i].status) && WEXITSTATUS(m[i].status))))
			p->failed++;
		if (m[i].status_known && WIFSIGNALED(m[i].status))
			p->signalled++;
		if (m[i].lifetime >= 0 && known++ == 0)
			first = i;
	}
	p->starts_rate = span > 0 ? p->starts / span : 0;
	if (known > 0)
		p->median_life = m[first + known / 2].lifetime;
}

struct churn_parent *
churn_parents(const struct churn *c, double now, size_t *n)
{
	struct churn_mark	*m;
	struct churn_parent	*out;
	double			 span = now - c->since;
	size_t			 i, j;

	*n = 0;
	if (c->n == 0)
		return NULL;
	m = xreallocarray(NULL, c->n, sizeof *m);
	memcpy(m, c->v, c->n * sizeof *m);
	qsort(m, c->n, sizeof *m, churn_cmp_mark);
	out = xreallocarray(NULL, c->n, sizeof *out);
	for (i = 0; i < c->n; i = j) {
		for (j = i + 1; j < c->n && m[j].ppid == m[i].ppid; j++)
			;
		churn_one(m + i, j - i, span, &out[(*n)++]);
	}
	free(m);
	qsort(out, *n, sizeof *out, churn_cmp_parent);
	return out;
}
