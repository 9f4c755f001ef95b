/*
 * Churn: how fast processes start and end, and which parents start the
 * most (crash loops, fork storms).  Rates come from the refresh's events
 * with the kernel's (every start and exit, lineage.h), or when polling
 * from /proc/stat's fork counter and the change in the number of tasks.
 * The busiest parents are worked out over the last CHURN_WINDOW seconds
 * of the refreshes' events.  No /proc, no clock: the snapshots' times.
 */
#ifndef PROC_CHURN_H
#define PROC_CHURN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct diff;
struct snapshot;

#define CHURN_WINDOW	10.0	/* seconds the busiest parents cover */

/* A start or an exit, by parent. */
struct churn_mark {
	double	time;
	double	lifetime;	/* exits: seconds; < 0 unknown */
	pid_t	ppid;
	int	status;		/* exits with status_known: wait status */
	bool	exit;		/* false: a start */
	bool	status_known;
};

struct churn {
	struct churn_mark	*v;	/* owned; by time, within the window */
	size_t			 n;
	size_t			 cap;
	double			 since;	/* the window's start: the first
					   refresh's time, or now - window */
	double			 forks_rate;	/* per second, last refresh */
	double			 exits_rate;
	bool			 rates_known;
	bool			 exact;		/* rates from the kernel */
};

/* One parent in the window. */
struct churn_parent {
	pid_t		 ppid;
	unsigned	 starts;	/* children started */
	unsigned	 exits;		/* children ended */
	unsigned	 failed;	/* of them non-zero or by a signal */
	unsigned	 signalled;	/* of them by a signal */
	double		 starts_rate;	/* per second over the window */
	double		 median_life;	/* seconds; < 0 unknown */
};

void	churn_init(struct churn *c);
void	churn_done(struct churn *c);
/*
 * The refresh from prev (NULL: the first) to cur, whose events (merged
 * with the kernel's when cur->events_source says so) are d.
 */
void	churn_update(struct churn *c, const struct snapshot *prev,
	    const struct snapshot *cur, const struct diff *d);
/*
 * The parents of the window, busiest first (most starts, then most
 * failures): a new array of *n (caller frees), NULL when empty.
 */
struct churn_parent *churn_parents(const struct churn *c, double now,
	    size_t *n);

#endif
