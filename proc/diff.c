/*
 * prev vs cur by identity (pid, start time), as one merge walk over the
 * two pid-sorted record arrays.
 */
#include "config.h"
#include "diff.h"

#include <stdlib.h>

#include "snapshot.h"
#include "xalloc.h"

void
diff_init(struct diff *d)
{
	d->events = NULL;
	d->n = d->cap = 0;
}

void
diff_done(struct diff *d)
{
	free(d->events);
	diff_init(d);
}

static void
diff_add(struct diff *d, enum diff_kind kind, const struct procinfo *p,
    pid_t old_ppid, pid_t new_ppid)
{
	struct diff_event	*e;

	if (d == NULL)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->events = xreallocarray(d->events, d->cap, sizeof *d->events);
	}
	e = &d->events[d->n++];
	e->kind = kind;
	e->pid = p->pid;
	e->start_ticks = p->start_ticks;
	e->old_ppid = old_ppid;
	e->new_ppid = new_ppid;
}

void
diff_snapshots(const struct snapshot *prev, struct snapshot *cur,
    struct diff *d)
{
	const struct procinfo	*a;
	struct procinfo		*b;
	size_t			 i = 0, j = 0, na, nb = cur->nprocs;
	double			 elapsed;

	if (d != NULL)
		d->n = 0;
	na = prev != NULL ? prev->nprocs : 0;
	elapsed = prev != NULL ? cur->time - prev->time : 0;
	while (i < na || j < nb) {
		if (j == nb ||
		    (i < na && prev->procs[i].pid < cur->procs[j].pid)) {
			a = &prev->procs[i++];
			diff_add(d, DIFF_EXITED, a, a->ppid, 0);
			continue;
		}
		b = &cur->procs[j++];
		if (i == na || b->pid < prev->procs[i].pid) {
			diff_add(d, DIFF_STARTED, b, 0, b->ppid);
			continue;
		}
		a = &prev->procs[i++];
		if (!procinfo_same(a, b)) {
			/* The pid was reused: one exited, another started. */
			diff_add(d, DIFF_EXITED, a, a->ppid, 0);
			diff_add(d, DIFF_STARTED, b, 0, b->ppid);
			continue;
		}
		if (elapsed > 0 && b->cpu_ticks >= a->cpu_ticks)
			b->cpu_pct = (float)((double)(b->cpu_ticks -
			    a->cpu_ticks) * 100.0 / ((double)cur->clk_tck *
			    elapsed));
		if (a->ppid != b->ppid) {
			b->flags |= PI_REPARENTED;
			diff_add(d, DIFF_REPARENTED, b, a->ppid, b->ppid);
		} else if (a->flags & PI_REPARENTED)
			b->flags |= PI_REPARENTED;
	}
}
