/*
 * Differences between two snapshots, by process identity (pid, start time):
 * the events of what changed between two refreshes.  Carries the live
 * orphan rule (a process whose PPID changed is marked PI_REPARENTED, and
 * keeps the mark in every later snapshot) and zombie ages (zombie_since),
 * and works out each process's CPU use and the whole machine's.
 *
 * An event is plain data copied out of the snapshots, so it outlives both.
 * No /proc, no clock (an event's time is the current snapshot's), no curses.
 */
#ifndef PROC_DIFF_H
#define PROC_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

enum diff_kind {
	DIFF_STARTED,		/* in cur only (a reused pid: a new identity) */
	DIFF_EXITED,		/* in prev only, and not a zombie there: it
				   exited and was reaped between the two */
	DIFF_REPARENTED,	/* same identity, PPID changed */
	DIFF_ZOMBIE,		/* state Z in cur and not in prev (also for
				   one new in cur, after its STARTED) */
	DIFF_REAPED,		/* a zombie in prev, gone in cur */
	DIFF_EXEC,		/* same identity, comm or cmdline bytes changed
				   (an exec, or a rename: PR_SET_NAME, a
				   rewritten argv) */
	DIFF_NS_CHANGED,	/* same identity, a namespace other than pid
				   changed, both inodes known (setns, unshare);
				   one event per namespace type */
	DIFF_LOST,		/* the kernel dropped events (lineage.h):
				   count of them, the tree resynchronised */
};
#define DIFF_KIND_COUNT	8

/* "started", "exited", ..., "ns-changed": the word for each kind. */
extern const char *const diff_kind_names[DIFF_KIND_COUNT];

/*
 * One change.  Every field is a copy: the event stays valid after both
 * snapshots are freed.  For the process's fields, the record in cur is
 * used when there is one, else the record in prev (EXITED, REAPED).
 */
struct diff_event {
	/* Widest first, so that the event has no holes: the explorer's log
	   keeps 10,000 of them. */
	double		 time;		/* unix seconds: cur->time */
	uint64_t	 start_ticks;	/* its identity, with pid */
	uint64_t	 pidns;		/* its PID namespace's inode, or
					   INODE_UNKNOWN */
	double		 lifetime;	/* EXITED with status_known: seconds
					   from fork to exit; < 0 unknown */
	enum diff_kind	 kind;
	pid_t		 pid;
	pid_t		 old_ppid;	/* the PPID in prev; 0 for STARTED */
	pid_t		 new_ppid;	/* the PPID in cur; 0 for EXITED and
					   REAPED */
	int		 exit_code;	/* ZOMBIE and REAPED: the wait status
					   (stat field 52); EXITED with
					   status_known: the kernel's; 0
					   otherwise */
	bool		 status_known;	/* EXITED: exit_code is the status */
	bool		 kernel;	/* from the kernel's events
					   (lineage.c), not two snapshots */
	char		 comm[COMM_MAX];	/* copy; raw bytes, unescaped */
	/* What only one kind has; read it only on that kind. */
	union {
		char	 old_comm[COMM_MAX];	/* DIFF_EXEC: the comm
						   before */
		struct {			/* DIFF_NS_CHANGED */
			enum ns_type	 ns;	/* which namespace */
			uint64_t	 old_ns;	/* inode in prev */
			uint64_t	 new_ns;	/* inode in cur */
		};
		unsigned long	 count;		/* DIFF_LOST: events lost */
	};
};

struct diff {
	struct diff_event	*events;	/* owned; in pid order, the
						   events of one pid in the
						   order they happened */
	size_t			 n;
	size_t			 cap;
};

void	diff_init(struct diff *d);
/*
 * Append a zeroed event of kind at time (lifetime unknown) for the caller
 * to fill: for events that do not come from two snapshots (lineage.c).
 * Valid until the next append.
 */
struct diff_event *diff_append(struct diff *d, enum diff_kind kind,
	    double time);
void	diff_done(struct diff *d);
/*
 * Compare prev with cur (both sorted by pid) in one linear merge walk:
 * set PI_REPARENTED, cpu_pct and zombie_since in cur, and, if d is not
 * NULL, replace its events with the differences.  prev may be NULL: then
 * every process of cur is STARTED and no zombie's age is known.  Also
 * the whole machine's CPU use, cur->cpu_pct and cpu_known, from the two
 * snapshots' CPU ticks (unknown without them or without prev).
 *
 * zombie_since: a zombie whose exit event's time is known
 * (PI_EXIT_TIMED) keeps it, and takes prev's when only prev had it (with
 * its exit_code).  Otherwise a zombie that was one in prev keeps prev's
 * value (prev's time if that was unknown); one that became a zombie
 * since prev gets cur->time; with prev NULL it stays 0 (unknown).
 */
void	diff_snapshots(const struct snapshot *prev, struct snapshot *cur,
	    struct diff *d);

#endif
