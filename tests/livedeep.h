/*
 * A real chain of thousands of processes for the live tests: each link
 * is the only child of the one before it and sleeps in pause().  The
 * links after the first are made with clone(CLONE_VM), so they share the
 * first link's memory and a link costs no page-table copy: 3,000 of them
 * take a fraction of a second where fork() would take seconds.  Each is
 * still a process of its own (its own PID, thread group and parent) as
 * /proc and treetop see it.
 *
 * The chain hangs below a reaper of ours, in a process group of its own.
 * If the test dies, the reaper (PR_SET_PDEATHSIG) kills the group and
 * reaps every link, so nothing is left to init; it does the same after
 * LIVEDEEP_LIFETIME seconds.  Nothing is signalled by name.
 */
#ifndef TESTS_LIVEDEEP_H
#define TESTS_LIVEDEEP_H

#include <stddef.h>
#include <sys/types.h>

#define LIVEDEEP_LIFETIME	600	/* s before the reaper ends the chain */

struct livedeep {
	pid_t	 reaper;	/* our child: the parent of pids[0] */
	pid_t	 group;		/* the links' process group (pids[0]) */
	pid_t	*pids;		/* owned (shared mapping): pids[k] is k + 1
				   levels below the reaper */
	size_t	 n;
};

/*
 * Build a chain of n links.  Returns 0 once the deepest link has started
 * (a bounded wait of a minute, for a loaded machine), or -errno; call
 * livedeep_stop() either way.
 */
int	livedeep_start(struct livedeep *d, size_t n);
/*
 * Kill the chain and its reaper and reap them all.  0, or -EBUSY if some
 * survive a minute.  Safe to call again.
 */
int	livedeep_stop(struct livedeep *d);

#endif
