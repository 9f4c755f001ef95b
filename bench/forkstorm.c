/*
 * forkstorm RATE SECONDS: start RATE short-lived children per second for
 * SECONDS, from this one process (tests/churngen.c: each lives 1-5 ms and
 * ends with a known status), reaping each as it ends.  Prints one line:
 * "started N in S seconds".  SIGTERM ends it within a second, its last
 * children reaped.  For bench/events.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/churngen.h"

static volatile sig_atomic_t	forkstorm_stop;

static void
forkstorm_on_term(int sig)
{
	(void)sig;
	forkstorm_stop = 1;
}

static double
forkstorm_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	struct churn_child	*kids;
	double			 rate, secs, t0;
	size_t			 chunk, got = 0;

	if (argc != 3 || (rate = atof(argv[1])) < 1 ||
	    (secs = atof(argv[2])) <= 0) {
		fprintf(stderr, "usage: forkstorm RATE SECONDS\n");
		return 2;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = forkstorm_on_term;
	sa.sa_flags = SA_RESTART;	/* waitpid() goes on reaping */
	sigaction(SIGTERM, &sa, NULL);
	chunk = (size_t)rate;		/* a second's worth at a time */
	if ((kids = calloc(chunk, sizeof *kids)) == NULL)
		return 1;
	t0 = forkstorm_now();
	while (!forkstorm_stop && forkstorm_now() - t0 < secs)
		got += churngen_run(chunk, 256, rate, kids);
	printf("started %zu in %.3f seconds\n", got, forkstorm_now() - t0);
	free(kids);
	return 0;
}
