/*
 * What the kernel events listener (procevents.c) knows of thread groups,
 * to tell a process's exit from a thread's without reading /proc at each
 * one.  The kernel reports every task's exit, the leader's (pid == tgid)
 * too, and the leader may exit while other threads run on (pthread_exit()
 * in main()): the process ends with its last thread.  Kept per process:
 *
 * - single: born since the listener started, and no thread started in
 *   it since: its leader's exit is its end, nothing to read;
 * - threaded: a thread was started in it;
 * - early: its leader exited while other threads ran: the exit of one of
 *   them that leaves none is its end.
 *
 * A process not in the table (it was there before the listener) may have
 * threads.  Only the listener's thread uses it.  No /proc, no locks.
 */
#ifndef PROC_PROCEV_GROUPS_H
#define PROC_PROCEV_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Processes kept at most; past it the table starts again, early kept. */
#define PROCEV_GROUPS_MAX	(1u << 20)

struct procev_group;

struct procev_groups {
	struct procev_group	*slots;		/* owned; open addressing by
						   tgid, a power of two */
	size_t			 cap;
	size_t			 n;
};

void	procev_groups_init(struct procev_groups *g);
void	procev_groups_done(struct procev_groups *g);
/* A fork: of a process (pid == tgid, single now) or of a thread. */
void	procev_groups_fork(struct procev_groups *g, pid_t pid, pid_t tgid);
/* Whether tgid is known to have had no thread but its leader. */
bool	procev_groups_single(const struct procev_groups *g, pid_t tgid);
/* Its leader exited while other threads ran on. */
void	procev_groups_set_early(struct procev_groups *g, pid_t tgid);
/* Whether tgid's leader exited early (the mark is taken off). */
bool	procev_groups_take_early(struct procev_groups *g, pid_t tgid);
/* tgid ended: forgotten. */
void	procev_groups_forget(struct procev_groups *g, pid_t tgid);
/* Events were lost: what was known of threads is doubtful, early kept. */
void	procev_groups_doubt(struct procev_groups *g);

#endif
