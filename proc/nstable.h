/*
 * The PID-namespace table: one entry per PID namespace seen in a snapshot,
 * with its nesting level, parent, init and member counts.
 */
#ifndef PROC_NSTABLE_H
#define PROC_NSTABLE_H

struct snapshot;

/* Rebuild snap->pidns from the records; sorted by level, then inode. */
void	nstable_build(struct snapshot *snap);

#endif
