/*
 * Classification: the MARK letters of every record.  Reads only the
 * records: no /proc, no clock.  The live orphan rule arrives as
 * PI_REPARENTED, set by diff_snapshots() before this runs.
 *
 * A daemon (D) has no controlling terminal, is no kernel thread and no
 * zombie, is a child of a reaper (its namespace's init, or a process
 * that adopted an orphan), and either
 *  - leads its session (setsid -f: fork, and the child calls setsid()),
 *  - or was left by the classic double fork (fork, the child calls
 *    setsid() and forks again, and the middle exits): its session's
 *    leader is gone (S), and it leads its own process group or that
 *    group's leader is gone too.  The middle led both, so the grandchild
 *    keeps a session and a group nobody leads any more.
 * The second case leaves out a member of a group whose leader lives (a
 * later stage of a pipeline whose shell died: its group leader carries
 * the mark), and, like S, it is never decided under hidepid, where a
 * hidden leader would look gone.  A leader that is a zombie is not gone.
 */
#include "config.h"
#include "classify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "xalloc.h"

#define KTHREADD_PID	2
#define GLOBAL_INIT_PID	1	/* PID 1 of the scanner's namespace */

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

bool
classify_group_member(const struct procinfo *p)
{
	if ((p->flags & PI_THREAD) || classify_is_kthread(p))
		return false;
	/* A leader whose other threads run is not dead yet (reap.c). */
	return !((p->state == 'Z' || (p->flags & PI_ZOMBIE)) &&
	    p->threads <= 1);
}

bool
classify_ties_group(const struct procinfo *m, const struct procinfo *parent)
{
	return parent != NULL && parent->pid != GLOBAL_INIT_PID &&
	    parent->pgid != m->pgid && parent->sid == m->sid;
}

/* One process group in the open-addressing table of classify_groups(). */
struct classify_group {
	pid_t	pgid;
	pid_t	sid;
	bool	used;
	bool	tied;		/* a member's parent ties it to the session */
};

static struct classify_group *
classify_group_slot(struct classify_group *tab, size_t mask,
    const struct procinfo *p)
{
	size_t	h;

	h = ((uint32_t)p->pgid * UINT32_C(2654435761) ^
	    (uint32_t)p->sid * UINT32_C(40503)) & mask;
	while (tab[h].used && (tab[h].pgid != p->pgid ||
	    tab[h].sid != p->sid))
		h = (h + 1) & mask;
	tab[h].used = true;
	tab[h].pgid = p->pgid;
	tab[h].sid = p->sid;
	return &tab[h];
}

/*
 * PI_PGRP_ORPHAN and PI_NO_LEADER, in two linear passes over a hash
 * table of the groups.  A session leader's own group (pgid == sid) is
 * orphaned by construction, as the leader's parent is in another
 * session: every daemon and login shell leads one, so the mark is kept
 * for the other groups, the jobs, where it means the process that tied
 * the job to its session (a shell) is gone.  Nothing is marked under
 * hidepid: a hidden parent or leader would look gone.
 */
static void
classify_groups(struct snapshot *snap)
{
	struct classify_group	*tab, *g;
	struct procinfo		*p;
	size_t			 i, size = 16, members = 0;
	pid_t			 last_sid = 0;
	bool			 led = true;

	if (snap->hidepid)
		return;
	/* Sized by the members, at most three quarters full. */
	for (i = 0; i < snap->nprocs; i++)
		members += classify_group_member(&snap->procs[i]);
	while (size * 3 < members * 4)
		size *= 2;
	tab = xcalloc(size, sizeof *tab);
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (!classify_group_member(p))
			continue;
		g = classify_group_slot(tab, size - 1, p);
		if (!g->tied && classify_ties_group(p,
		    classify_parent(snap, p)))
			g->tied = true;
	}
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (!classify_group_member(p) || p->sid <= 0)
			continue;
		/* Neighbours by pid often share a session: look up once. */
		if (p->sid != last_sid) {
			last_sid = p->sid;
			led = snapshot_index(snap, p->sid) >= 0;
		}
		if (!led)
			p->flags |= PI_NO_LEADER;
		if (p->pgid > 0 && p->pgid != p->sid &&
		    !classify_group_slot(tab, size - 1, p)->tied)
			p->flags |= PI_PGRP_ORPHAN;
	}
	free(tab);
}

/* True if p's process group is its own or its group leader is gone. */
static bool
classify_group_unled(const struct snapshot *snap, const struct procinfo *p)
{
	return p->pgid == p->pid ||
	    (p->pgid > 0 && snapshot_index(snap, p->pgid) < 0);
}

/*
 * PI_DAEMON, by the rule at the top of this file.  Daemons need every
 * reaper known and PI_NO_LEADER set, so they come last.  A zombie is no
 * daemon: it is dead, and exit cleared its terminal anyway.
 */
static void
classify_daemons(struct snapshot *snap)
{
	struct procinfo	*p, *parent;
	size_t		 i;

	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if ((p->flags & (PI_THREAD | PI_KTHREAD | PI_ZOMBIE)) ||
		    p->tty_nr != 0)
			continue;
		parent = classify_parent(snap, p);
		if (parent == NULL ||
		    !(parent->flags & (PI_NSINIT | PI_ADOPTER)))
			continue;
		if (p->sid == p->pid || ((p->flags & PI_NO_LEADER) &&
		    classify_group_unled(snap, p)))
			p->flags |= PI_DAEMON;
	}
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
	classify_groups(snap);
	classify_daemons(snap);
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
	if (flags & PI_ENTERED)
		*p++ = 'E';
	if (flags & PI_KTHREAD)
		*p++ = 'K';
	if (flags & PI_PGRP_ORPHAN)
		*p++ = 'G';
	if (flags & PI_NO_LEADER)
		*p++ = 'S';
	if (p == buf)
		*p++ = '-';
	*p = '\0';
}
