/*
 * The kernel's recent exits: a ring under a lock of its own, the newest
 * overwriting the oldest.  Exits come in time order (one listener), so a
 * question walks back from the newest and stops at the first exit not
 * after its time.
 */
#include "config.h"
#include "exitlog.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
exitlog_init(struct exitlog *l)
{
	memset(l, 0, sizeof *l);
	pthread_mutex_init(&l->lock, NULL);
}

void
exitlog_done(struct exitlog *l)
{
	free(l->ring);
	l->ring = NULL;
	l->n = l->next = 0;
	pthread_mutex_destroy(&l->lock);
}

void
exitlog_add(struct exitlog *l, pid_t pid, double time)
{
	pthread_mutex_lock(&l->lock);
	if (l->ring == NULL)
		l->ring = xreallocarray(NULL, EXITLOG_KEPT, sizeof *l->ring);
	l->ring[l->next].pid = pid;
	l->ring[l->next].time = time;
	l->next = (l->next + 1) % EXITLOG_KEPT;
	if (l->n < EXITLOG_KEPT)
		l->n++;
	pthread_mutex_unlock(&l->lock);
}

bool
exitlog_exited_after(struct exitlog *l, pid_t pid, double since,
    double *when)
{
	const struct exitlog_entry	*e;
	size_t				 i;
	bool				 found = false;

	pthread_mutex_lock(&l->lock);
	for (i = 1; i <= l->n; i++) {
		e = &l->ring[(l->next + EXITLOG_KEPT - i) % EXITLOG_KEPT];
		if (!(e->time > since))
			break;
		if (e->pid == pid) {
			found = true;	/* the earliest is said */
			if (when != NULL)
				*when = e->time;
		}
	}
	pthread_mutex_unlock(&l->lock);
	return found;
}
