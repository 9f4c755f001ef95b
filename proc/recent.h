/*
 * What happened lately, for the live tree's marks: processes that started
 * in the last few seconds, and "ghosts", copies of processes that exited
 * in the last few seconds, shown where they were for a while (htop's
 * highlighting of new and dying processes).
 *
 * Ghosts live here and never in a snapshot: the snapshot stays the truth
 * for JSON, recordings, counts and classification.  Time is the
 * snapshots' (snap->time), never the clock, so a recording replays with
 * the same marks.  A mark lasts RECENT_HOLD_SECONDS of snapshot time: it
 * is dropped by the first update at least that long after it was set, so
 * it is shown for at least one refresh whatever the interval.  Thread
 * records are left out: the marks are about processes.  No /proc, no
 * curses.
 */
#ifndef PROC_RECENT_H
#define PROC_RECENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

struct diff;

#define RECENT_HOLD_SECONDS	3.0
#define RECENT_REPLAY_MAX	32	/* snapshot pairs recent_replay() reads */

/* A process that exited, as it was last seen. */
struct recent_ghost {
	struct procinfo	 proc;		/* copy of its last record; proc.cmdline
					   points into cmdline, proc.nspid
					   into nspid */
	char		*cmdline;	/* owned; NULL when it had none */
	struct cgroup_ident cgroup;	/* its container and unit; proc.cgroup
					   is this one's index in the last
					   snapshot updated with, 0 when that
					   has none (the container is gone) */
	bool		 has_cgroup;
	int		*nspid;		/* owned */
	struct procinfo_own *own;	/* owned; proc.ns and proc.user
					   point into it */
	double		 gone;		/* unix seconds: the first snapshot
					   without it */
	bool		 reaped;	/* it was a zombie: reaped, not exited */
	bool		 status_known;	/* the kernel said how it ended */
	int		 status;	/* then: its wait status */
	double		 lifetime;	/* seconds from fork to exit, when
					   the kernel said; < 0 unknown */
};

/* A process first seen recently. */
struct recent_birth {
	pid_t		 pid;
	uint64_t	 start_ticks;	/* its identity, with pid */
	double		 seen;		/* unix seconds: the first snapshot
					   with it */
};

struct recent {
	struct recent_ghost	*ghosts;	/* owned; by pid, then start */
	size_t			 nghosts;
	size_t			 ghosts_cap;
	struct recent_birth	*births;	/* owned; by pid, then start */
	size_t			 nbirths;
	size_t			 births_cap;
	double			 hold;		/* seconds a mark lasts */
};

void	recent_init(struct recent *r);
void	recent_done(struct recent *r);
/* Forget every mark (r stays usable). */
void	recent_clear(struct recent *r);
/*
 * Take the step from prev to cur, whose differences d holds
 * (diff_snapshots(prev, cur, d)): drop the marks that have lasted
 * r->hold by cur->time, then mark the processes d says started and
 * keep a ghost of each that exited or was reaped (copied from prev).  A
 * ghost whose identity is in cur again (a scan that missed a process
 * once) is dropped, and that process is not new.  With prev NULL (the
 * first snapshot) nothing is marked: everything would be new.  Pointers
 * into r->ghosts are valid until the next update, replay or clear.
 */
void	recent_update(struct recent *r, const struct snapshot *prev,
	    const struct snapshot *cur, const struct diff *d);
/*
 * The marks of snaps[index] in a recording (snaps[0..index] in time
 * order, prepared by recording_prepare()): cleared, then updated with
 * each pair of the last r->hold seconds (at most RECENT_REPLAY_MAX), as
 * they were when that snapshot was live.  Rediffs those pairs, which
 * sets the same flags again.
 */
void	recent_replay(struct recent *r, struct snapshot *const *snaps,
	    size_t index);
/* The first snapshot recent_replay() updates with (index when 0). */
size_t	recent_replay_first(const struct recent *r,
	    struct snapshot *const *snaps, size_t index);
/*
 * Ghosts of processes that lived and died between two snapshots (the
 * kernel's events, lineage.c): p[0..n-1], each with its status and
 * lifetime (< 0 unknown), gone at now.  One already a ghost is skipped.
 */
void	recent_add_short(struct recent *r, const struct procinfo *p,
	    const int *status, const double *lifetime, size_t n, double now);
/*
 * Say how the process (pid, start_ticks), a ghost, ended: its wait
 * status and lifetime (< 0 unknown).  False if it is no ghost.
 */
bool	recent_set_status(struct recent *r, pid_t pid, uint64_t start_ticks,
	    int status, double lifetime);
/* True if p started recently (its identity is marked). */
bool	recent_is_new(const struct recent *r, const struct procinfo *p);

#endif
