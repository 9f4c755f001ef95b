/*
 * Classification by the rules of DESIGN.md.  Reads only the records:
 * no /proc, no clock.  The live orphan rule arrives as PI_REPARENTED,
 * set by diff_snapshots() before this runs.
 */
#include "config.h"
#include "classify.h"

#include <string.h>

#include "snapshot.h"

#define KTHREADD_PID	2

bool
classify_is_kthread(const struct procinfo *p)
{
	return (p->kflags & PF_KTHREAD_BIT) != 0 || (p->flags & PI_KTHREAD);
}

static bool
classify_is_kthreadd(const struct procinfo *p)
{
	return p->pid == KTHREADD_PID && p->ppid == 0 &&
	    strcmp(p->comm, "kthreadd") == 0;
}

/* The parent a process was forked from or adopted by; NULL for threads. */
static struct procinfo *
classify_parent(const struct snapshot *snap, const struct procinfo *p)
{
	if ((p->flags & PI_THREAD) || p->ppid <= 0 || p->ppid == p->pid)
		return NULL;
	return snapshot_find(snap, p->ppid);
}

/* zombie, kthread and ns_init need nothing but the record itself. */
static void
classify_own(const struct snapshot *snap, struct procinfo *p)
{
	const struct procinfo	*parent;

	p->flags &= ~PI_CLASS_MASK;
	p->zombie_children = 0;
	if (p->state == 'Z')
		p->flags |= PI_ZOMBIE;
	if (classify_is_kthread(p) || classify_is_kthreadd(p))
		p->flags |= PI_KTHREAD;
	else if (p->cmdline_len == 0 && !(p->flags & PI_ZOMBIE) &&
	    (parent = classify_parent(snap, p)) != NULL &&
	    classify_is_kthreadd(parent))
		p->flags |= PI_KTHREAD;
	if (p->nspid_len > 0 && p->nspid[p->nspid_len - 1] == 1 &&
	    !(p->flags & PI_THREAD))
		p->flags |= PI_NSINIT;
}

/*
 * Static rule: a child inherits its parent's session, so a process in
 * another session that does not lead its own was adopted.
 */
static bool
classify_static_orphan(const struct procinfo *p, const struct procinfo *parent)
{
	return parent != NULL && !(p->flags & PI_KTHREAD) &&
	    p->sid != parent->sid && p->sid != p->pid;
}

void
classify_snapshot(struct snapshot *snap)
{
	struct procinfo	*p, *parent;
	size_t		 i;

	for (i = 0; i < snap->nprocs; i++)
		classify_own(snap, &snap->procs[i]);
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->flags & PI_THREAD)
			continue;
		parent = classify_parent(snap, p);
		if ((p->flags & PI_ZOMBIE) && parent != NULL) {
			parent->flags |= PI_ZPARENT;
			parent->zombie_children++;
		}
		if (classify_static_orphan(p, parent) ||
		    ((p->flags & PI_REPARENTED) && !(p->flags & PI_KTHREAD))) {
			p->flags |= PI_ORPHAN;
			if (parent != NULL)
				parent->flags |= PI_ADOPTER;
		}
	}
	/*
	 * Daemons need every reaper known, so they come last.  A zombie is
	 * no daemon: it is dead, and exit cleared its terminal anyway.
	 */
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->flags & (PI_THREAD | PI_KTHREAD | PI_ZOMBIE))
			continue;
		parent = classify_parent(snap, p);
		if (p->tty_nr == 0 && p->sid == p->pid && parent != NULL &&
		    (parent->flags & (PI_NSINIT | PI_ADOPTER)))
			p->flags |= PI_DAEMON;
	}
}

void
classify_marks(unsigned flags, char *buf)
{
	char	*p = buf;

	if (flags & PI_ZOMBIE)
		*p++ = 'Z';
	if (flags & PI_ORPHAN)
		*p++ = 'O';
	if (flags & PI_DAEMON)
		*p++ = 'D';
	if (flags & PI_NSINIT)
		*p++ = 'I';
	if (flags & PI_KTHREAD)
		*p++ = 'K';
	if (p == buf)
		*p++ = '-';
	*p = '\0';
}
