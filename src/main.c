/*
 * treetop: argv -> options -> the run mode.  Exit status 0, 1 (runtime
 * failure) or 2 (bad usage).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/run.h"
#include "src/cli.h"

/*
 * Everything written to stdout must have got there: flush and close it,
 * and turn a failure (a full disk: treetop -b > /dev/full) into exit
 * status 1 and a message, unless the mode has said so already (status
 * not 0).  A reader that went away (EPIPE) is not an error: every
 * mode stops quietly when it does (main_quiet_pipe()).
 */
static int
main_close_stdout(int status)
{
	int	err = 0;

	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout))
		err = errno != 0 ? errno : EIO;
	if (fclose(stdout) == EOF && err == 0)
		err = errno != 0 ? errno : EIO;
	if (err == 0 || err == EPIPE || status != 0)
		return status;
	fprintf(stderr, "treetop: write error: %s\n", strerror(err));
	return 1;
}

/*
 * Outside the explorer, a reader of stdout that goes away (treetop -b |
 * head -1) ends the run quietly with status 0, in every mode: SIGPIPE
 * would end it with 141, so each writer sees EPIPE instead and stops.
 * The explorer keeps the default, which the shells it starts inherit.
 */
static void
main_quiet_pipe(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

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
	 * array in its own mapping, returned on free.  One arena for every
	 * thread: the refresh thread allocates what the main thread frees,
	 * and a second arena kept its own free pages beside the main one's
	 * (0.7 MB more peak RSS at 10,000 processes).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024);
	mallopt(M_ARENA_MAX, 1);
	setlocale(LC_ALL, "");
	if (cli_parse(argc, argv, &o, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n"
		    "Try 'treetop --help' for more information.\n", cause);
		free(cause);
		cli_free(&o);
		return 2;
	}
	if (o.mode != MODE_LIVE)
		main_quiet_pipe();
	switch (o.mode) {
	case MODE_HELP:
		fputs(cli_help_text(), stdout);
		status = 0;
		break;
	case MODE_VERSION:
		printf("treetop %s\n", PACKAGE_VERSION);
		status = 0;
		break;
	default:
		status = run_mode(&o);
		break;
	}
	cli_free(&o);
	return main_close_stdout(status);
}
