/*
 * popgen: a population of sleeping processes for the benchmark.
 *
 * The main process P (a child subreaper, outside the population) forks the
 * root R, which becomes a new process group; everything else descends from
 * R and inherits that group.  R's subtree is an N-process tree in
 * breadth-first order: fan-out F below the first level, depth at most D
 * (R's own fan-out widens when F and D cannot hold N).  Spread evenly over
 * the tree: Z zombies (children that exit and are never waited for), O
 * orphans (their middle parent exits, so P adopts them), K processes in
 * nested PID namespaces (groups of at most POPGEN_NS_GROUP, half of each
 * in a second namespace inside the first), and T extra threads in
 * processes that hold POPGEN_THREADS_PER_PROC each.  Every process sleeps
 * in pause() and dies with its parent (PR_SET_PDEATHSIG).
 */
#ifndef BENCH_POPGEN_H
#define BENCH_POPGEN_H

#include <sys/types.h>

enum {
	POPGEN_NS_GROUP = 16,		/* processes per PID-namespace group */
	POPGEN_THREADS_PER_PROC = 64	/* extra threads per threaded process */
};

/* What to build; read-only once the first child exists. */
struct popgen_shape {
	long	n;		/* tree processes, R included */
	long	fanout;		/* children per node below the first level */
	long	depth;		/* levels below R, at most */
	long	width;		/* R's children */
	long	zombies;
	long	orphans;
	long	pidns;		/* processes inside nested PID namespaces */
	long	threads;	/* extra threads in all */
	pid_t	main_pid;	/* P, the subreaper that adopts orphans */
	int	ready_fd;	/* write end: '+' per process ready, 'E' */
};

/* Be tree node idx (0 is R): build its part of the population, sleep. */
void	popgen_node(const struct popgen_shape *sh, long idx)
	    __attribute__((noreturn));

/* In a new child: die with the parent, and check it is still there. */
void	popgen_child_init(pid_t parent);

#endif
