/*
 * Invariant checks of one refresh through the whole model, for the live
 * tests that feed it a changing system: the snapshot's records, the diff
 * against the previous snapshot, and the rows of the tree layout, the
 * by-namespace layout and the zombies filter.  Violations are counted,
 * the first few of each kind printed to stderr; the caller asserts.
 * Needs libcore only: no /proc, no libproc2, no CUnit.
 */
#ifndef TESTS_MODELCHECK_H
#define TESTS_MODELCHECK_H

#include <stddef.h>

struct diff;
struct rows;
struct snapshot;

#define MODELCHECK_REPORT_MAX	5	/* violations printed per kind */

enum modelcheck_violation {
	MC_ORDER,	/* pids not sorted and unique */
	MC_PID,		/* pid <= 0 */
	MC_RELEASED,	/* pgid or sid < 0: the kernel's -1 for a task
			   already reaped, which no snapshot may keep */
	MC_COMM,	/* comm not NUL-terminated within COMM_MAX */
	MC_CMDLINE,	/* cmdline NULL iff cmdline_len 0 does not hold */
	MC_CLASSIFY,	/* PI_ZOMBIE disagrees with state Z */
	MC_TREE_ONCE,	/* tree layout: a record missing or repeated */
	MC_TREE_PARENT,	/* tree layout: wrong parent row or depth */
	MC_NS_ONCE,	/* by-pidns layout: a record missing or repeated */
	MC_NS_PARENT,	/* by-pidns layout: wrong section, parent or depth */
	MC_ZOMBIE_ROWS,	/* zombies filter: a zombie missing, or a stray row */
	MC_DIFF,	/* events that disagree with the snapshots */
	MC_COUNT
};

/* "pids sorted and unique", ...: what each kind checks. */
extern const char *const modelcheck_names[MC_COUNT];

struct modelcheck {
	unsigned long	 refreshes;
	unsigned long	 records;	/* over all refreshes */
	unsigned long	 partial;	/* PI_PARTIAL records */
	unsigned long	 started, exited, reaped, execs;	/* events */
	unsigned long	 older_child;	/* parent rows younger than the child */
	unsigned long	 v[MC_COUNT];	/* violations of each kind */
	size_t		*prow;		/* owned scratch, by row */
	size_t		*last;		/* owned scratch, by depth */
	unsigned char	*seen;		/* owned scratch, by record */
	size_t		 cap;
};

void	modelcheck_init(struct modelcheck *mc);
void	modelcheck_done(struct modelcheck *mc);
/*
 * Take cur (sorted, fresh from the scanner) through diff_snapshots()
 * against prev (NULL for the first), classify_snapshot(), nstable_build(),
 * ptree_build() and rows_build() in three views, checking each; d and
 * rows are reused across calls, as the app reuses them.
 */
void	modelcheck_refresh(struct modelcheck *mc, const struct snapshot *prev,
	    struct snapshot *cur, struct diff *d, struct rows *rows);
/* The total of all violations. */
unsigned long modelcheck_violations(const struct modelcheck *mc);

#endif
