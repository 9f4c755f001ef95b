/*
 * Per-process classification: zombie, kthread, ns_init, orphan (static
 * rule, plus the live rule's PI_REPARENTED mark that diff_snapshots()
 * leaves), daemon (the rule heads classify.c), orphaned process group
 * and leaderless session.
 */
#ifndef PROC_CLASSIFY_H
#define PROC_CLASSIFY_H

#include <stdbool.h>

struct snapshot;
struct procinfo;

/* Recompute the classification flags of every record in snap. */
void	classify_snapshot(struct snapshot *snap);
#define CLASSIFY_MARKS_MAX	9	/* bytes classify_marks() may write */

/*
 * The MARK letters of the batch format for flags: Z zombie, O orphan,
 * D daemon, I PID-namespace init, K kernel thread, G in an orphaned
 * process group (a job whose shell is gone), S in a session whose
 * leader is gone; "-" for none.  buf holds CLASSIFY_MARKS_MAX bytes.
 */
void	classify_marks(unsigned flags, char *buf);
/* True if p is a kernel thread: PF_KTHREAD, or marked one already. */
bool	classify_is_kthread(const struct procinfo *p);
/*
 * True if p counts as a member of its process group and session: a
 * process of its own (not a thread record, not a kernel thread) that is
 * not dead (a zombie that wait() could collect).
 */
bool	classify_group_member(const struct procinfo *p);
/*
 * True if member m ties its process group to its session (POSIX): its
 * parent is in another group of the same session.  As the kernel's
 * will_become_orphaned_pgrp(), a child of the global init (PID 1) ties
 * nothing.  A group no member ties is orphaned.  parent may be NULL.
 */
bool	classify_ties_group(const struct procinfo *m,
	    const struct procinfo *parent);

#endif
