/*
 * The churn generator: fork, live 1-5 ms, end in a known way; the parent
 * reaps with waitpid() as the children end.
 */
#include "config.h"
#include "churngen.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
churngen_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
churngen_child(size_t i)
{
	static const int	sigs[] = { SIGTERM, SIGKILL, SIGUSR1 };
	struct timespec		ts = { 0, 1000000L * (long)(1 + i * 7919 % 5) };

	signal(SIGTERM, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	nanosleep(&ts, NULL);
	if (i % 10 >= 7)
		raise(sigs[i % 10 - 7]);
	_exit((int)(i % 7));
}

/* Reap what has ended (all of it with block); the number reaped. */
static size_t
churngen_reap(struct churn_child *out, size_t started, bool block)
{
	size_t	reaped = 0, k;
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0) {
		for (k = started; k > 0; k--)
			if (out[k - 1].pid == pid) {
				out[k - 1].status = status;
				break;
			}
		reaped++;
		if (block)
			break;
	}
	return reaped;
}

size_t
churngen_run(size_t n, size_t live, double per_second,
    struct churn_child *out)
{
	size_t	started = 0, alive = 0;
	double	start = churngen_now();
	pid_t	pid;

	memset(out, 0, n * sizeof *out);
	while (started < n) {
		alive -= churngen_reap(out, started, alive >= live);
		if (alive >= live)
			continue;
		if (per_second > 0 && churngen_now() - start <
		    (double)started / per_second) {
			nanosleep(&(struct timespec){ 0, 20000 }, NULL);
			continue;
		}
		pid = fork();
		if (pid < 0)
			break;
		if (pid == 0)
			churngen_child(started);
		out[started++].pid = pid;
		alive++;
	}
	while (alive > 0 && churngen_reap(out, started, true) > 0)
		alive--;
	return started;
}
