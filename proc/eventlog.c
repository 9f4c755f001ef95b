/*
 * A fixed ring of copied events: an event is plain data, so the log
 * outlives the snapshots it came from.
 */
#include "config.h"
#include "eventlog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "xalloc.h"

void
eventlog_init(struct eventlog *log)
{
	memset(log, 0, sizeof *log);
}

void
eventlog_done(struct eventlog *log)
{
	free(log->ring);
	eventlog_init(log);
}

void
eventlog_add(struct eventlog *log, const struct diff *d)
{
	size_t	i;

	if (d->n > 0 && log->ring == NULL)
		log->ring = xcalloc(EVENTLOG_KEPT, sizeof *log->ring);
	for (i = 0; i < d->n; i++) {
		log->ring[log->next] = d->events[i];
		log->next = (log->next + 1) % EVENTLOG_KEPT;
		if (log->n < EVENTLOG_KEPT)
			log->n++;
	}
}

void
eventlog_clear(struct eventlog *log)
{
	log->n = 0;
	log->next = 0;
}

const struct diff_event *
eventlog_get(const struct eventlog *log, size_t k)
{
	assert(k < log->n);
	return &log->ring[(log->next + EVENTLOG_KEPT - 1 - k) % EVENTLOG_KEPT];
}
