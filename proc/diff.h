/*
 * Differences between two snapshots, by process identity (pid, start time).
 * Carries the live orphan rule: a process whose PPID changed is marked
 * PI_REPARENTED, and keeps the mark in every later snapshot.
 */
#ifndef PROC_DIFF_H
#define PROC_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct snapshot;

enum diff_kind {
	DIFF_STARTED,		/* in cur only */
	DIFF_EXITED,		/* in prev only */
	DIFF_REPARENTED,	/* same identity, PPID changed */
};

struct diff_event {
	enum diff_kind	 kind;
	pid_t		 pid;
	uint64_t	 start_ticks;
	pid_t		 old_ppid;	/* DIFF_REPARENTED and DIFF_EXITED */
	pid_t		 new_ppid;	/* DIFF_REPARENTED and DIFF_STARTED */
};

struct diff {
	struct diff_event	*events;	/* owned */
	size_t			 n;
	size_t			 cap;
};

void	diff_init(struct diff *d);
void	diff_done(struct diff *d);
/*
 * Compare prev with cur (both sorted): set PI_REPARENTED and cpu_pct in
 * cur, and, if d is not NULL, replace its events with the differences.
 * prev may be NULL.
 */
void	diff_snapshots(const struct snapshot *prev, struct snapshot *cur,
	    struct diff *d);

#endif
