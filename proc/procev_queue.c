/*
 * The kernel events queue: a growable array behind a mutex.  The drain
 * swaps arrays, so the listener never waits for the model's work.
 */
#include "config.h"
#include "procev_queue.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define PROCEV_BATCH_FIRST	256	/* events in a new array */
#define PROCEV_BATCH_KEEP	1024	/* kept whatever a batch uses */

void
procev_batch_init(struct procev_batch *b)
{
	memset(b, 0, sizeof *b);
}

void
procev_batch_clear(struct procev_batch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].cmdline);
	/*
	 * A burst grew the array: once a batch uses a quarter of it, give
	 * it back (the next one grows again from PROCEV_BATCH_FIRST).
	 */
	if (b->n > 0 && b->cap > PROCEV_BATCH_KEEP && b->n * 4 < b->cap) {
		free(b->v);
		b->v = NULL;
		b->cap = 0;
	}
	b->n = 0;
}

void
procev_batch_done(struct procev_batch *b)
{
	procev_batch_clear(b);
	free(b->v);
	procev_batch_init(b);
}

static struct procev *
procev_batch_add(struct procev_batch *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : PROCEV_BATCH_FIRST;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	return &b->v[b->n++];
}

void
procev_queue_init(struct procev_queue *q)
{
	memset(q, 0, sizeof *q);
	pthread_mutex_init(&q->lock, NULL);
	procev_batch_init(&q->pending);
}

void
procev_queue_done(struct procev_queue *q)
{
	procev_batch_done(&q->pending);
	pthread_mutex_destroy(&q->lock);
}

/* Append a LOST event, or grow the one just before; under the lock. */
static void
procev_queue_add_lost(struct procev_queue *q, unsigned long count,
    double time)
{
	struct procev_batch	*b = &q->pending;
	struct procev		*e;

	q->lost_total += count;
	if (b->n > 0 && b->v[b->n - 1].kind == PROCEV_LOST) {
		b->v[b->n - 1].count += count;
		return;
	}
	e = procev_batch_add(b);
	memset(e, 0, sizeof *e);
	e->kind = PROCEV_LOST;
	e->count = count;
	e->time = time;
}

void
procev_queue_push(struct procev_queue *q, const struct procev *e)
{
	pthread_mutex_lock(&q->lock);
	if (q->pending.n >= PROCEV_QUEUE_MAX) {
		/* Said as a loss once there is room again. */
		q->dropped++;
		q->lost_total++;
		pthread_mutex_unlock(&q->lock);
		free(e->cmdline);
		return;
	}
	if (q->dropped > 0) {
		q->lost_total -= q->dropped;	/* counted once, below */
		procev_queue_add_lost(q, q->dropped, e->time);
		q->dropped = 0;
	}
	*procev_batch_add(&q->pending) = *e;
	pthread_mutex_unlock(&q->lock);
}

void
procev_queue_lost(struct procev_queue *q, unsigned long count)
{
	double	time;

	pthread_mutex_lock(&q->lock);
	time = q->pending.n > 0 ? q->pending.v[q->pending.n - 1].time : 0;
	procev_queue_add_lost(q, count, time);
	pthread_mutex_unlock(&q->lock);
}

unsigned long
procev_queue_lost_total(struct procev_queue *q)
{
	unsigned long	n;

	pthread_mutex_lock(&q->lock);
	n = q->lost_total;
	pthread_mutex_unlock(&q->lock);
	return n;
}

void
procev_queue_drain(struct procev_queue *q, struct procev_batch *out)
{
	struct procev_batch	swap;

	procev_batch_clear(out);
	pthread_mutex_lock(&q->lock);
	swap = q->pending;
	q->pending = *out;
	if (q->dropped > 0 && q->pending.n < PROCEV_QUEUE_MAX) {
		q->lost_total -= q->dropped;
		procev_queue_add_lost(q, q->dropped, swap.n > 0 ?
		    swap.v[swap.n - 1].time : 0);
		q->dropped = 0;
	}
	pthread_mutex_unlock(&q->lock);
	*out = swap;
}

void
procev_batch_births(const struct procev_batch *b, struct pidvec *pv)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].kind == PROCEV_FORK && b->v[i].pid == b->v[i].tgid)
			pidvec_push(pv, b->v[i].tgid);
}

void
procev_queue_births(struct procev_queue *q, struct pidvec *births)
{
	pthread_mutex_lock(&q->lock);
	procev_batch_births(&q->pending, births);
	pthread_mutex_unlock(&q->lock);
}
