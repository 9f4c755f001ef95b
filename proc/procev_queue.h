/*
 * The queue between the kernel events listener's thread and the model:
 * the listener pushes, the refresh drains everything at once.  One lock,
 * held for a push or for swapping the whole array out, never while
 * anything is read or parsed.  Bounded: past PROCEV_QUEUE_MAX events
 * not drained, pushes are counted as lost (a LOST event), as the
 * kernel's own overruns are.
 */
#ifndef PROC_PROCEV_QUEUE_H
#define PROC_PROCEV_QUEUE_H

#include <pthread.h>
#include <stddef.h>

#include "pidvec.h"
#include "procev.h"

#define PROCEV_QUEUE_MAX	(1u << 18)	/* about 20 MB */

/* Events drained at once, in the order they came. */
struct procev_batch {
	struct procev	*v;		/* owned */
	size_t		 n;
	size_t		 cap;
};

/* Append to pv the process births (leaders' FORK events) among b's. */
void	procev_batch_births(const struct procev_batch *b, struct pidvec *pv);

struct procev_queue {
	pthread_mutex_t		 lock;
	struct procev_batch	 pending;
	unsigned long		 dropped;	/* over the bound, not yet
						   reported */
	unsigned long		 lost_total;	/* every loss so far */
};

void	procev_queue_init(struct procev_queue *q);
void	procev_queue_done(struct procev_queue *q);
/* Push a copy of e; the queue owns e's command line from now on. */
void	procev_queue_push(struct procev_queue *q, const struct procev *e);
/* Push a LOST event for count events (coalesced with a LOST before it). */
void	procev_queue_lost(struct procev_queue *q, unsigned long count);
/* Every loss since the queue was made (kernel overruns and the bound). */
unsigned long procev_queue_lost_total(struct procev_queue *q);
/*
 * Append to births the processes born (FORK of a leader: pid == tgid)
 * among the pending events, which stay queued.
 */
void	procev_queue_births(struct procev_queue *q, struct pidvec *births);
/* Move every pending event into *out (emptied first). */
void	procev_queue_drain(struct procev_queue *q, struct procev_batch *out);

void	procev_batch_init(struct procev_batch *b);
/*
 * Free the events' command lines; b stays usable.  An array a burst
 * grew is freed once a batch fills less than a quarter of it.
 */
void	procev_batch_clear(struct procev_batch *b);
void	procev_batch_done(struct procev_batch *b);

#endif
