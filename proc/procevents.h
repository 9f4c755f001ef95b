/*
 * The kernel's process events (the netlink proc connector): every fork,
 * exec and exit, also of processes that live a millisecond, read by a
 * thread of its own into a queue (procev_queue.h) the model drains at
 * each refresh (lineage.h).  Threads are left out: the events are
 * about processes, and a process exits with its last thread (its leader
 * may go first: the leader's exit is held until no thread is left).
 *
 * Needs CAP_NET_ADMIN, a kernel with the connector, and to be in the
 * initial PID and network namespaces (elsewhere the kernel sends
 * nothing): procevents_open() checks all three by forking a child and
 * waiting for its events, and says why not otherwise; the caller then
 * polls /proc as before.
 */
#ifndef PROC_PROCEVENTS_H
#define PROC_PROCEVENTS_H

#include "procev_queue.h"

struct exitlog;
struct procevents;

/*
 * A testing aid: the receive buffer in bytes (the kernel's minimum if
 * small), so that a burst overruns it.  Unset: 8 MiB as root.
 */
#define PROCEVENTS_RCVBUF_ENV	"TREETOP_EVENTS_RCVBUF"

/* The listener thread's name (comm), for the benchmark to measure it. */
#define PROCEVENTS_THREAD_NAME	"tt-events"

/*
 * Subscribe, check delivery and start the thread.  NULL with *why (the
 * caller frees) saying why the events cannot be had: not privileged, no
 * connector, or nothing delivered here.
 */
struct procevents *procevents_open(char **why);
/* Stop the thread and free all; NULL is a no-op. */
void		 procevents_close(struct procevents *pe);
/*
 * From now on, also put every exit into exits (exitlog.h), which must
 * outlive pe; NULL stops that.
 */
void		 procevents_watch_exits(struct procevents *pe,
		    struct exitlog *exits);
/*
 * Append to births the processes born among the events received since
 * the last drain, leaving them to it.
 */
void		 procevents_births(struct procevents *pe, struct pidvec *births);
/* Move every event received since the last drain into *out. */
void		 procevents_drain(struct procevents *pe,
		    struct procev_batch *out);
/*
 * 0 while the thread listens; the errno that stopped it otherwise (the
 * events queued before can still be drained).
 */
int		 procevents_failed(struct procevents *pe);
/* Events lost so far (receive buffer overruns, the queue's bound). */
unsigned long	 procevents_lost(struct procevents *pe);

#endif
