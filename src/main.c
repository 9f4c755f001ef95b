/*
 * treetop: argv -> options -> app.  Exit status 0, 1 (runtime failure)
 * or 2 (bad usage), as DESIGN.md says.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/app.h"
#include "src/cli.h"

int
main(int argc, char **argv)
{
	struct options	 o;
	char		*cause = NULL;
	int		 status;

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
		status = app_run(&o);
		break;
	}
	cli_free(&o);
	return status;
}
