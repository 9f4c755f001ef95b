/*
 * The kernel's recent process exits, each with its time, kept apart from
 * the events queue (procev_queue.h) so that they can still be asked about
 * after a refresh drained them, and from any thread: the listener adds,
 * the signal path asks "did PID P exit after time T?", T being when the
 * snapshot it was chosen from was taken.  A PID taken over by a new
 * process within the same clock tick has the old one's whole identity
 * (pid, start time), and a pidfd opened after the takeover is the new
 * one's: only the exit itself tells.
 *
 * Bounded: the newest EXITLOG_KEPT exits.  What it no longer holds, or
 * never had (events lost), it cannot tell: it says "not seen", never
 * "exited", so it refuses nothing it does not know.
 */
#ifndef PROC_EXITLOG_H
#define PROC_EXITLOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define EXITLOG_KEPT	4096	/* 20 s of exits at 200 a second */

struct exitlog_entry {
	double		time;		/* unix seconds */
	pid_t		pid;
};

struct exitlog {
	pthread_mutex_t		 lock;
	struct exitlog_entry	*ring;	/* owned; EXITLOG_KEPT, made at
					   the first exit */
	size_t			 next;	/* where the next one goes */
	size_t			 n;	/* held, up to EXITLOG_KEPT */
};

void	exitlog_init(struct exitlog *l);
void	exitlog_done(struct exitlog *l);
/* Process pid exited at time (unix seconds). */
void	exitlog_add(struct exitlog *l, pid_t pid, double time);
/*
 * Whether pid exited after since (unix seconds), as far as l knows; if
 * so, *when (may be NULL) is the first such exit's time.
 */
bool	exitlog_exited_after(struct exitlog *l, pid_t pid, double since,
	    double *when);

#endif
