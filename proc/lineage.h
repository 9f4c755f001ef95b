/*
 * The kernel's process events merged with the /proc snapshots: what the
 * events say that two refreshes cannot.  At each refresh the batch of
 * events drained since the last one (procev_queue.h) is folded in:
 *
 * - the refresh's events (diff.h) get every fork, exec and exit from the
 *   kernel, each at its own time, exits with their status and lifetime,
 *   also of processes that lived between two snapshots; the snapshot
 *   comparison's own started, exited and exec events are dropped, since
 *   the kernel's say the same, earlier and exactly.  After a loss
 *   (a LOST event) the refresh keeps them besides (the resynchronisation
 *   from /proc) and the state kept here is reset;
 * - zombies get their exit event's time (zombie_since, with
 *   PI_EXIT_TIMED: procinfo_exit_time()) from their exit event, and a reparenting the time of the old parent's exit;
 * - the explorer's ghosts (recent.h) get the processes born and gone in
 *   between, under their parents, and every ghost its status.
 *
 * Between refreshes it keeps what the events told of processes no
 * snapshot has shown yet (parent, fork time, names), and the exits of
 * the last two batches.  No /proc, no clock: times are the events' and
 * the snapshots'.
 */
#ifndef PROC_LINEAGE_H
#define PROC_LINEAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

struct diff;
struct procev_batch;
struct recent;

/* Short-lived ghosts kept per parent per refresh: the newest. */
#define LINEAGE_GHOSTS_PER_PARENT	16

/* One exit the kernel reported. */
struct lineage_exit {
	double		 born;		/* fork time; 0 unknown */
	double		 died;		/* exit time */
	char		*cmdline;	/* owned; from its exec, or NULL */
	size_t		 cmdline_len;
	pid_t		 pid;
	pid_t		 ppid;		/* its parent when it exited */
	uint64_t	 start_ticks;	/* its identity, with pid */
	int		 status;	/* wait status */
	char		 comm[COMM_MAX];
};

struct lineage_exits {
	struct lineage_exit	*v;	/* owned; by pid after a merge */
	size_t			 n;
	size_t			 cap;
};

struct lineage_proc;

struct lineage {
	struct lineage_proc	*slots;		/* owned; open addressing by
						   pid, a power of two */
	size_t			 cap;
	size_t			 n;
	struct lineage_exits	 exits;		/* the last batch's */
	struct lineage_exits	 old_exits;	/* the batch before */
	unsigned long		 lost;		/* events lost, all runs */
	bool			 resynced;	/* the last merge had a loss */
	unsigned long		 forks;		/* processes started, seen */
	unsigned long		 exited;	/* processes exited, seen */
};

void	lineage_init(struct lineage *l);
void	lineage_done(struct lineage *l);
/*
 * Fold batch b (its command lines are taken) into the refresh from prev
 * (NULL: the first) to cur, whose snapshot events are d: see above.
 */
void	lineage_merge(struct lineage *l, struct procev_batch *b,
	    const struct snapshot *prev, struct snapshot *cur, struct diff *d);
/*
 * After recent_update() for the same refresh: ghosts for the processes
 * of the last merge that lived and died between prev and cur (at most
 * LINEAGE_GHOSTS_PER_PARENT per parent), and each ghost's status.
 */
void	lineage_ghosts(const struct lineage *l, struct recent *r,
	    const struct snapshot *prev, const struct snapshot *cur);

/*
 * A recording's step: the kernel's events recorded for it (kernel) in
 * place of the snapshot comparison's started, exited and exec events in
 * d (kept besides after a loss), in time order, as the live merge left
 * them; their exits kept in l for lineage_ghosts() as a merge keeps a
 * batch's (l holds nothing else of a replay).
 */
void	lineage_apply_recorded(struct lineage *l, struct diff *d,
	    const struct diff *kernel);
/*
 * The explorer's marks at snaps[index] of a recording (recent_replay()),
 * with the ghosts of the short lives and the statuses its kernel's
 * events (events[k] those recorded with snaps[k]) give: each step of
 * the window through the path a live refresh takes, so the ghosts are
 * those the live run showed (without their command lines, which a
 * recording does not hold).
 */
void	lineage_replay_marks(struct recent *r, struct snapshot *const *snaps,
	    const struct diff *events, size_t index);

#endif
