/*
 * Per-process classification by the rules in DESIGN.md: zombie, kthread,
 * ns_init, orphan (static rule, plus the live rule's PI_REPARENTED mark
 * that diff_snapshots() leaves) and daemon.
 */
#ifndef PROC_CLASSIFY_H
#define PROC_CLASSIFY_H

#include <stdbool.h>

struct snapshot;
struct procinfo;

/* Recompute the classification flags of every record in snap. */
void	classify_snapshot(struct snapshot *snap);
/*
 * The MARK letters of the batch format for flags: Z zombie, O orphan,
 * D daemon, I PID-namespace init, K kernel thread; "-" for none.  buf
 * holds at least 6 bytes.
 */
void	classify_marks(unsigned flags, char *buf);
/* True if p is a kernel thread by the DESIGN.md rule. */
bool	classify_is_kthread(const struct procinfo *p);

#endif
