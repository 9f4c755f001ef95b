/*
 * The explorer's event log: the newest EVENTLOG_KEPT events of every
 * refresh (or of a recording up to the snapshot shown), in a ring.
 */
#ifndef PROC_EVENTLOG_H
#define PROC_EVENTLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diff.h"

#define EVENTLOG_KEPT	10000	/* the log keeps the newest this many */

struct eventlog {
	struct diff_event	*ring;	/* owned; EVENTLOG_KEPT, on first use */
	size_t			 n;	/* in the ring */
	size_t			 next;	/* where the next one goes */
	unsigned long		 gen;	/* changes with every change */
};

/* Which events the log shows; a zeroed one shows all. */
struct eventlog_filter {
	const char	*text;		/* NULL or "": any; digits: a PID (the
					   process or its parent); else a
					   name, case-insensitive */
	bool		 one_kind;	/* only events of kind */
	enum diff_kind	 kind;
	uint64_t	 pidns;		/* 0: any; else that PID namespace */
};

void	eventlog_init(struct eventlog *log);
void	eventlog_done(struct eventlog *log);
/* Keep the events of d (a refresh's), dropping the oldest if full. */
void	eventlog_add(struct eventlog *log, const struct diff *d);
/* Forget every event. */
void	eventlog_clear(struct eventlog *log);
/* True if e is one the filter shows. */
bool	eventlog_match(const struct diff_event *e,
	    const struct eventlog_filter *f);
/* The k-th newest event (0: the newest), k < log->n. */
const struct diff_event *eventlog_get(const struct eventlog *log, size_t k);

#endif
