/*
 * prev vs cur by identity (pid, start time), as one merge walk over the
 * two pid-sorted record arrays.  Each pid is looked at once: gone, new,
 * reused, or the same process, whose records are then compared field by
 * field.
 */
#include "config.h"
#include "diff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "snapshot.h"
#include "xalloc.h"

const char *const diff_kind_names[DIFF_KIND_COUNT] = {
	[DIFF_STARTED] = "started",
	[DIFF_EXITED] = "exited",
	[DIFF_REPARENTED] = "reparented",
	[DIFF_ZOMBIE] = "zombie",
	[DIFF_REAPED] = "reaped",
	[DIFF_EXEC] = "exec",
	[DIFF_NS_CHANGED] = "ns-changed",
	[DIFF_LOST] = "lost",
};

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

/*
 * Append an event about p, filled with what every kind carries; the
 * caller adds the rest.  NULL when d is NULL (flags and ages only).  The
 * pointer is valid until the next diff_add().
 */
struct diff_event *
diff_append(struct diff *d, enum diff_kind kind, double time)
{
	struct diff_event	*e;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->events = xreallocarray(d->events, d->cap, sizeof *d->events);
	}
	e = &d->events[d->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->time = time;
	e->lifetime = -1;
	return e;
}

static struct diff_event *
diff_add(struct diff *d, enum diff_kind kind, double time,
    const struct procinfo *p)
{
	struct diff_event	*e;

	if (d == NULL)
		return NULL;
	e = diff_append(d, kind, time);
	e->pid = p->pid;
	e->start_ticks = p->start_ticks;
	e->pidns = p->ns[NS_PID];
	snprintf(e->comm, sizeof e->comm, "%s", p->comm);
	return e;
}

static bool
diff_is_zombie(const struct procinfo *p)
{
	return p->state == 'Z';
}

/* a is in prev only: it was reaped, as a zombie we saw or unseen. */
static void
diff_gone(struct diff *d, double time, const struct procinfo *a)
{
	struct diff_event	*e;

	e = diff_add(d, diff_is_zombie(a) ? DIFF_REAPED : DIFF_EXITED, time,
	    a);
	if (e == NULL)
		return;
	e->old_ppid = a->ppid;
	if (diff_is_zombie(a))
		e->exit_code = a->exit_code;
}

/* The zombie event, for one that was not a zombie in prev (or new). */
static void
diff_became_zombie(struct diff *d, double time, pid_t old_ppid,
    struct procinfo *b)
{
	struct diff_event	*e;

	/* Its exit event's time when known (a loaded file's exit_time). */
	if (!(b->flags & PI_EXIT_TIMED))
		b->zombie_since = time;
	e = diff_add(d, DIFF_ZOMBIE, time, b);
	if (e == NULL)
		return;
	e->old_ppid = old_ppid;
	e->new_ppid = b->ppid;
	e->exit_code = b->exit_code;
}

/* b is in cur only.  With prev NULL its zombie age stays unknown. */
static void
diff_new(struct diff *d, const struct snapshot *prev, double time,
    struct procinfo *b)
{
	struct diff_event	*e;

	e = diff_add(d, DIFF_STARTED, time, b);
	if (e != NULL)
		e->new_ppid = b->ppid;
	if (prev != NULL && diff_is_zombie(b))
		diff_became_zombie(d, time, 0, b);
}

/*
 * Whether a and b (same identity, neither a zombie) differ by an exec.  A
 * record read partly, a thread's (threads rename themselves) or a kernel
 * thread's (kworkers rename all the time) says nothing, nor does a command
 * line that could not be read or is gone (an exiting process).
 */
static bool
diff_execed(const struct procinfo *a, const struct procinfo *b)
{
	if (((a->flags | b->flags) & (PI_PARTIAL | PI_THREAD)) ||
	    classify_is_kthread(a) || classify_is_kthread(b))
		return false;
	if (strcmp(a->comm, b->comm) != 0)
		return true;
	return a->cmdline_len > 0 && b->cmdline_len > 0 &&
	    (a->cmdline_len != b->cmdline_len ||
	    memcmp(a->cmdline, b->cmdline, a->cmdline_len) != 0);
}

/* The namespace events: any type but pid, both inodes known. */
static void
diff_namespaces(struct diff *d, double time, const struct procinfo *a,
    const struct procinfo *b)
{
	struct diff_event	*e;
	int			 k;

	/* A setns() into a PID namespace moves only the children. */
	for (k = 0; k < NS_COUNT; k++) {
		if (k == NS_PID || a->ns[k] == INODE_UNKNOWN ||
		    b->ns[k] == INODE_UNKNOWN || a->ns[k] == b->ns[k])
			continue;
		e = diff_add(d, DIFF_NS_CHANGED, time, b);
		if (e == NULL)
			return;
		e->old_ppid = a->ppid;
		e->new_ppid = b->ppid;
		e->ns = (enum ns_type)k;
		e->old_ns = a->ns[k];
		e->new_ns = b->ns[k];
	}
}

/* a in prev and b in cur are the same process. */
static void
diff_same(struct diff *d, const struct snapshot *prev,
    const struct snapshot *cur, const struct procinfo *a, struct procinfo *b)
{
	struct diff_event	*e;
	double			 elapsed = cur->time - prev->time;

	if (elapsed > 0 && b->cpu_ticks >= a->cpu_ticks)
		b->cpu_pct = (float)((double)(b->cpu_ticks - a->cpu_ticks) *
		    100.0 / ((double)cur->clk_tck * elapsed));
	if (!diff_is_zombie(a) && !diff_is_zombie(b) && diff_execed(a, b) &&
	    (e = diff_add(d, DIFF_EXEC, cur->time, b)) != NULL) {
		snprintf(e->old_comm, sizeof e->old_comm, "%s", a->comm);
		e->old_ppid = a->ppid;
		e->new_ppid = b->ppid;
	}
	diff_namespaces(d, cur->time, a, b);
	if (a->ppid != b->ppid) {
		b->flags |= PI_REPARENTED;
		e = diff_add(d, DIFF_REPARENTED, cur->time, b);
		if (e != NULL) {
			e->old_ppid = a->ppid;
			e->new_ppid = b->ppid;
		}
	} else if (a->flags & PI_REPARENTED)
		b->flags |= PI_REPARENTED;
	if (!diff_is_zombie(b)) {
		b->zombie_since = 0;
		b->flags &= (uint16_t)~PI_EXIT_TIMED;
	} else if (!diff_is_zombie(a))
		diff_became_zombie(d, cur->time, a->ppid, b);
	else if (b->flags & PI_EXIT_TIMED)
		;	/* its own exit event's time */
	else if (a->flags & PI_EXIT_TIMED) {
		/* Set once from the kernel's event (lineage.c): kept. */
		procinfo_set_exit_time(b, a->zombie_since);
		b->exit_code = a->exit_code;	/* its status too */
	} else
		b->zombie_since = a->zombie_since > 0 ? a->zombie_since :
		    prev->time;
}

/*
 * The whole machine's CPU use between prev and cur: the share of the
 * ticks of all CPUs that were not idle.  Unknown without both counts;
 * when no tick passed (two refreshes within one), prev's stands.
 */
static void
diff_machine_cpu(const struct snapshot *prev, struct snapshot *cur)
{
	uint64_t	total, idle;

	cur->cpu_known = false;
	cur->cpu_pct = 0;
	if (prev == NULL || prev->cpu_total == 0 ||
	    cur->cpu_total < prev->cpu_total)
		return;
	total = cur->cpu_total - prev->cpu_total;
	if (total == 0) {
		cur->cpu_pct = prev->cpu_pct;
		cur->cpu_known = prev->cpu_known;
		return;
	}
	/* iowait may go backwards on some kernels: never below none. */
	idle = cur->cpu_idle > prev->cpu_idle ? cur->cpu_idle - prev->cpu_idle :
	    0;
	if (idle > total)
		idle = total;
	cur->cpu_pct = (float)((double)(total - idle) * 100.0 /
	    (double)total);
	cur->cpu_known = true;
}

void
diff_snapshots(const struct snapshot *prev, struct snapshot *cur,
    struct diff *d)
{
	const struct procinfo	*a;
	struct procinfo		*b;
	size_t			 i = 0, j = 0, na, nb = cur->nprocs;

	if (d != NULL)
		d->n = 0;
	diff_machine_cpu(prev, cur);
	na = prev != NULL ? prev->nprocs : 0;
	while (i < na || j < nb) {
		if (j == nb ||
		    (i < na && prev->procs[i].pid < cur->procs[j].pid)) {
			diff_gone(d, cur->time, &prev->procs[i++]);
			continue;
		}
		b = &cur->procs[j++];
		if (i == na || b->pid < prev->procs[i].pid) {
			diff_new(d, prev, cur->time, b);
			continue;
		}
		a = &prev->procs[i++];
		if (!procinfo_same(a, b)) {
			/* The pid was reused: one ended, another started. */
			diff_gone(d, cur->time, a);
			diff_new(d, prev, cur->time, b);
			continue;
		}
		diff_same(d, prev, cur, a, b);
	}
}
