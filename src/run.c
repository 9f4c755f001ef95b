/*
 * Open the model, check the command line's selection against the first
 * snapshot, and hand over to the mode: batch and JSON are short enough
 * to live here; --events and the explorer have their own files.
 */
#include "config.h"
#include "run.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/app.h"
#include "src/batch.h"
#include "src/cli.h"
#include "src/events_run.h"
#include "src/jsonout.h"
#include "src/live.h"
#include "src/metrics.h"
#include "ui/glyphs.h"

/*
 * The selections must name something that exists.  Of several -p PIDs,
 * the missing ones are reported and the rest shown, as ps -p does; if
 * none exists, that is an error.
 */
static int
run_check_selection(const struct app *a, char **cause)
{
	const struct options	*o = a->opts;
	size_t			 i, missing = 0;

	for (i = 0; i < o->npids; i++)
		if (snapshot_find(a->cur, o->pids[i]) == NULL)
			missing++;
	for (i = 0; missing < o->npids && i < o->npids; i++)
		if (snapshot_find(a->cur, o->pids[i]) == NULL)
			fprintf(stderr, "treetop: no process with PID %d\n",
			    (int)o->pids[i]);
	if (missing > 0 && missing == o->npids) {
		if (missing == 1)
			xasprintf(cause, "no process with PID %d",
			    (int)o->pids[0]);
		else
			xasprintf(cause, "none of the %zu PIDs given exists",
			    missing);
		return -1;
	}
	if (o->has_pidns && snapshot_find_pidns(a->cur, o->pidns) == NULL) {
		xasprintf(cause, "no PID namespace with inode %llu",
		    (unsigned long long)o->pidns);
		return -1;
	}
	return 0;
}

/*
 * Once, on stderr: /proc is another PID namespace's (unshare --pid
 * --fork without --mount-proc), so the PIDs are not the ones treetop's
 * own kill(2) would take.
 */
static void
run_note_foreign(const struct app *a)
{
	if (a->cur->proc_foreign)
		fputs("treetop: /proc belongs to another PID namespace than "
		    "treetop's (mount its own, as unshare --mount-proc does): "
		    "PIDs are that namespace's, and no signal is sent\n",
		    stderr);
}

/*
 * The reader of stdout went away (EPIPE): the run ends quietly with
 * status 0, as it does in every mode outside the explorer, and stdout's
 * error is cleared so that main() does not say it again.
 */
static int
run_reader_gone(void)
{
	clearerr(stdout);
	return 0;
}

static int
run_batch(struct app *a)
{
	const struct options	*o = a->opts;
	struct batch_style	 style;
	char			*cause = NULL;
	long			 n, iterations = o->iterations > 0 ?
				    o->iterations : 1;
	bool			 tree;

	tree = o->metrics_file == NULL ||
	    strcmp(o->metrics_file, METRICS_STDOUT) != 0;
	style.glyphs = cli_glyphs(o);
	style.utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	style.group_ns = (enum ns_type)o->group_ns;
	style.snap = NULL;
	style.reap = NULL;
	if (a->scanner == NULL)
		iterations = 1;
	if (a->cur->hidepid)
		fputs("treetop: /proc is mounted with hidepid: only your own "
		    "processes are shown\n", stderr);
	run_note_foreign(a);
	for (n = 0; n < iterations; n++) {
		if (n > 0) {
			app_sleep(o->delay);
			if (app_refresh(a, &cause) < 0) {
				fprintf(stderr, "treetop: %s\n", cause);
				free(cause);
				return 1;
			}
			if (tree)
				fputc('\n', stdout);
		}
		/* --metrics -: app_refresh() printed them instead. */
		style.snap = a->cur;
		style.reap = &a->reap;
		errno = 0;
		if (tree)
			batch_write(stdout, &a->view.rows, &style);
		if (a->stdout_gone)
			return run_reader_gone();	/* --metrics - | head */
		if (fflush(stdout) == EOF || ferror(stdout)) {
			if (errno == EPIPE)
				return run_reader_gone();	/* -b | head */
			fprintf(stderr, "treetop: write error: %s\n",
			    strerror(errno != 0 ? errno : EIO));
			return 1;
		}
	}
	return 0;
}

static int
run_json(struct app *a)
{
	const struct rows	*rows = a->view.vs.filter == ROWS_ALL ? NULL :
				    &a->view.rows;

	run_note_foreign(a);
	errno = 0;
	if (jsonout_write(stdout, a->cur, rows, 0) < 0 ||
	    fflush(stdout) == EOF) {
		if (errno == EPIPE)
			return run_reader_gone();	/* --json | head */
		fprintf(stderr, "treetop: writing JSON failed: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

int
run_mode(const struct options *o)
{
	struct app	 a;
	char		*cause = NULL;
	int		 status;

	if (app_open(&a, o, &cause) < 0 ||
	    run_check_selection(&a, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		app_close(&a);
		return 1;
	}
	/* A container that is not there, or not one: bad usage. */
	if (app_select_container(&a, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		app_close(&a);
		return 2;
	}
	switch (o->mode) {
	case MODE_JSON:
		status = run_json(&a);
		break;
	case MODE_LIVE:
		status = live_run(&a);
		break;
	case MODE_BATCH:
	default:
		if (o->events)
			run_note_foreign(&a);
		status = o->events ? events_run_batch(&a) : run_batch(&a);
		break;
	}
	app_close(&a);
	return status;
}
