/*
 * A fixed ring of copied events: an event is plain data, so the log
 * outlives the snapshots it came from.
 */
#include "config.h"
#include "eventlog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

	if (d->n > 0)
		log->gen++;
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
	log->gen++;
}

/* Case-insensitive: is needle in hay? */
static bool
eventlog_contains(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool
eventlog_text_match(const struct diff_event *e, const char *q)
{
	char	*end;
	long	 pid;

	if (q == NULL || *q == '\0')
		return true;
	if (strspn(q, "0123456789") == strlen(q)) {
		pid = strtol(q, &end, 10);
		return pid == e->pid || pid == e->old_ppid ||
		    pid == e->new_ppid;
	}
	return eventlog_contains(e->comm, q) ||
	    (e->kind == DIFF_EXEC && eventlog_contains(e->old_comm, q)) ||
	    eventlog_contains(diff_kind_names[e->kind], q);
}

bool
eventlog_match(const struct diff_event *e, const struct eventlog_filter *f)
{
	return (!f->one_kind || e->kind == f->kind) &&
	    (f->pidns == 0 || e->pidns == f->pidns) &&
	    eventlog_text_match(e, f->text);
}

const struct diff_event *
eventlog_get(const struct eventlog *log, size_t k)
{
	assert(k < log->n);
	return &log->ring[(log->next + EVENTLOG_KEPT - 1 - k) % EVENTLOG_KEPT];
}
