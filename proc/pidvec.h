/*
 * A growing array of PIDs: the processes a refresh found, those born
 * since (proc/scan.c, proc/procev_queue.c).
 */
#ifndef PROC_PIDVEC_H
#define PROC_PIDVEC_H

#include <stddef.h>
#include <sys/types.h>

struct pidvec {
	pid_t		*v;		/* owned */
	size_t		 n;
	size_t		 cap;
};

/* Append pid to pv. */
void	pidvec_push(struct pidvec *pv, pid_t pid);
/* Free what pv owns; it is then empty and usable. */
void	pidvec_done(struct pidvec *pv);

#endif
