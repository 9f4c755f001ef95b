/*
 * treetop: argv -> options -> the run mode.  Exit status 0, 1 (runtime
 * failure) or 2 (bad usage).
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/run.h"
#include "src/cli.h"

int
main(int argc, char **argv)
{
	struct options	 o;
	char		*cause = NULL;
	int		 status;

	/*
	 * Each refresh frees the arrays of a snapshot and allocates the next
	 * one's.  glibc would raise its mmap threshold after the first such
	 * free and put later arrays on the heap, where a freed one leaves a
	 * hole the heap never gives back: fixed thresholds keep every large
	 * array in its own mapping, returned on free.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024);
	setlocale(LC_ALL, "");
	if (cli_parse(argc, argv, &o, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n"
		    "Try 'treetop --help' for more information.\n", cause);
		free(cause);
		cli_free(&o);
		return 2;
	}
	switch (o.mode) {
	case MODE_HELP:
		fputs(cli_help_text(), stdout);
		status = fflush(stdout) == EOF ? 1 : 0;
		break;
	case MODE_VERSION:
		printf("treetop %s\n", PACKAGE_VERSION);
		status = fflush(stdout) == EOF ? 1 : 0;
		break;
	default:
		status = run_mode(&o);
		break;
	}
	cli_free(&o);
	return status;
}
