/*
 * A churn generator: one parent that starts many short-lived children,
 * each with a known end (an exit code, or a signal), and reaps each as
 * soon as it ends.  For the kernel events tests (test_lineage_live.c)
 * and the benchmark (bench/forkstorm.c links it).
 */
#ifndef TESTS_CHURNGEN_H
#define TESTS_CHURNGEN_H

#include <stddef.h>
#include <sys/types.h>

/* One child, as its parent saw it end. */
struct churn_child {
	pid_t	pid;
	int	status;		/* what waitpid() said */
};

/*
 * Child i's end: exit code i % 7, or for one in ten each SIGTERM,
 * SIGKILL or SIGUSR1 it sends itself; it lives 1 to 5 ms first.
 */
void	churngen_child(size_t i);
/*
 * Start n children, at most live at once, reaping each as it ends, and
 * store them in out[0..n-1] in the order they were started.  With
 * per_second > 0 the starts are paced at that rate.  Returns how many
 * were started (fewer only if fork() failed).
 */
size_t	churngen_run(size_t n, size_t live, double per_second,
	    struct churn_child *out);

#endif
