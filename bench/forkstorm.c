/*
 * forkstorm RATE SECONDS: start RATE short-lived children per second for
 * SECONDS, from this one process (tests/churngen.c: each lives 1-5 ms and
 * ends with a known status), reaping each as it ends.  Prints one line:
 * "started N in S seconds".  For bench/events.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tests/churngen.h"

int
main(int argc, char **argv)
{
	struct churn_child	*kids;
	struct timespec		 t0, t1;
	double			 rate, secs, took;
	size_t			 n, got;

	if (argc != 3 || (rate = atof(argv[1])) <= 0 ||
	    (secs = atof(argv[2])) <= 0) {
		fprintf(stderr, "usage: forkstorm RATE SECONDS\n");
		return 2;
	}
	n = (size_t)(rate * secs);
	if ((kids = calloc(n, sizeof *kids)) == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	got = churngen_run(n, 256, rate, kids);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("started %zu in %.3f seconds\n", got, took);
	free(kids);
	return got == n ? 0 : 1;
}
