/*
 * The refresh loop that ties scanner (or loaded file), model and output.
 * Each refresh builds a new snapshot, diffs it against the previous one
 * (the live orphan rule), classifies it, and rebuilds tree and rows.
 */
#include "config.h"
#include "app.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/recent.h"
#include "proc/recording.h"
#include "proc/rows.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/batch.h"
#include "src/cli.h"
#include "src/events_run.h"
#include "src/jsonout.h"
#include "src/live.h"
#include "src/record.h"
#include "ui/glyphs.h"


static void
app_viewstate_from_options(struct viewstate *vs, const struct options *o)
{
	memset(vs, 0, sizeof *vs);
	if (o->npids > 0) {
		vs->filter = ROWS_SUBTREES;
		vs->pids = o->pids;
		vs->npids = o->npids;
	} else if (o->zombies)
		vs->filter = ROWS_ZOMBIES;
	else if (o->orphans)
		vs->filter = ROWS_ORPHANS;
	else if (o->has_pidns) {
		vs->filter = ROWS_PIDNS;
		vs->pidns = o->pidns;
	}
}

int
app_next_build(struct scanner *sc, struct recorder *rec,
    const struct snapshot *cur, struct app_next *n, char **cause)
{
	int	rc;

	n->snap = scan_refresh(sc, cur, cause);
	if (n->snap == NULL)
		return -1;
	/*
	 * The first snapshot has nothing to be compared with: every process
	 * would be a "started" event nobody reads.
	 */
	n->diff.n = 0;
	diff_snapshots(cur, n->snap, cur != NULL ? &n->diff : NULL);
	classify_snapshot(n->snap);
	nstable_build(n->snap);
	n->tree = ptree_build(n->snap);
	/* Recorded after classification, so the file holds the flags. */
	if (rec != NULL && (rc = record_write(rec, n->snap)) < 0) {
		xasprintf(cause, "%s: recording failed: %s", record_path(rec),
		    strerror(-rc));
		n->record_failed = true;
	}
	return 0;
}

void
app_next_install(struct app *a, struct app_next *n)
{
	struct diff	 swap = a->diff;
	struct snapshot	*old = a->cur;

	ptree_free(a->tree);
	/* Only the newest snapshot is kept: the next diff needs no more. */
	snapshot_free(a->prev);
	a->prev = NULL;
	a->cur = n->snap;
	a->tree = n->tree;
	a->diff = n->diff;
	n->diff = swap;
	n->snap = NULL;
	n->tree = NULL;
	if (a->vs.recent != NULL)
		recent_update(&a->recent, old, a->cur, &a->diff);
	snapshot_free(old);
	rows_build(&a->rows, a->tree, &a->vs);
	a->refreshes++;
	if (n->record_failed) {
		record_close(a->recorder);	/* said once: this is it */
		a->recorder = NULL;
		n->record_failed = false;
	}
}

int
app_refresh(struct app *a, char **cause)
{
	struct app_next	n;
	bool		failed;

	if (a->scanner == NULL) {
		if (a->recording != NULL && a->cur == NULL) {
			app_seek(a, a->recording->n - 1);
			a->refreshes++;
		}
		return 0;	/* a loaded recording does not change */
	}
	memset(&n, 0, sizeof n);
	diff_init(&n.diff);
	if (app_next_build(a->scanner, a->recorder, a->cur, &n, cause) < 0) {
		diff_done(&n.diff);
		return -1;
	}
	failed = n.record_failed;
	app_next_install(a, &n);
	diff_done(&n.diff);
	return failed ? -1 : 0;
}

void
app_seek(struct app *a, size_t index)
{
	struct recording	*r = a->recording;

	assert(r != NULL && index < r->n);
	a->rec_index = index;
	a->prev = index > 0 ? r->snaps[index - 1] : NULL;
	a->cur = r->snaps[index];
	/* recording_prepare() diffed it already: this refills the events. */
	diff_snapshots(a->prev, a->cur, &a->diff);
	if (a->vs.recent != NULL)
		recent_replay(&a->recent, r->snaps, index);
	ptree_free(a->tree);
	a->tree = ptree_build(a->cur);
	rows_build(&a->rows, a->tree, &a->vs);
}

void
app_rebuild_rows(struct app *a)
{
	rows_build(&a->rows, a->tree, &a->vs);
}

/*
 * The selections must name something that exists.  Of several -p PIDs,
 * the missing ones are reported and the rest shown, as ps -p does; if
 * none exists, that is an error.
 */
static int
app_check_selection(const struct app *a, char **cause)
{
	size_t	i, missing = 0;

	for (i = 0; i < a->opts->npids; i++)
		if (snapshot_find(a->cur, a->opts->pids[i]) == NULL)
			missing++;
	for (i = 0; missing < a->opts->npids && i < a->opts->npids; i++)
		if (snapshot_find(a->cur, a->opts->pids[i]) == NULL)
			fprintf(stderr, "treetop: no process with PID %d\n",
			    (int)a->opts->pids[i]);
	if (missing > 0 && missing == a->opts->npids) {
		if (missing == 1)
			xasprintf(cause, "no process with PID %d",
			    (int)a->opts->pids[0]);
		else
			xasprintf(cause, "none of the %zu PIDs given exists",
			    missing);
		return -1;
	}
	if (a->opts->has_pidns &&
	    snapshot_find_pidns(a->cur, a->opts->pidns) == NULL) {
		xasprintf(cause, "no PID namespace with inode %llu",
		    (unsigned long long)a->opts->pidns);
		return -1;
	}
	return 0;
}

void
app_sleep(double seconds)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - floor(seconds)) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* --load: the recording (or single snapshot), its warnings on stderr. */
static int
app_open_recording(struct app *a, const char *path, char **cause)
{
	char		*warnings = NULL;
	const char	*line;
	size_t		 len;

	a->recording = xcalloc(1, sizeof *a->recording);
	if (recording_load(path, a->recording, cause, &warnings) < 0)
		return -1;
	for (line = warnings; line != NULL && *line != '\0';
	    line += len + (line[len] != '\0')) {
		len = strcspn(line, "\n");
		fprintf(stderr, "treetop: %.*s\n", (int)len, line);
	}
	free(warnings);
	recording_prepare(a->recording);
	return 0;
}

static int
app_open(struct app *a, const struct options *o, char **cause)
{
	memset(a, 0, sizeof *a);
	a->opts = o;
	rows_init(&a->rows);
	diff_init(&a->diff);
	recent_init(&a->recent);
	app_viewstate_from_options(&a->vs, o);
	if (o->mode == MODE_LIVE)
		a->vs.recent = &a->recent;
	if (o->load_file != NULL)
		return app_open_recording(a, o->load_file, cause);
	a->scanner = scan_open(o->threads ? SCAN_THREADS : 0, cause);
	if (a->scanner == NULL)
		return -1;
	if (o->record_file != NULL &&
	    (a->recorder = record_open(o->record_file, cause)) == NULL)
		return -1;
	return 0;
}

static void
app_close(struct app *a)
{
	int	rc;

	ptree_free(a->tree);
	if (a->recording == NULL) {
		snapshot_free(a->cur);
		snapshot_free(a->prev);
	}
	recording_free(a->recording);
	free(a->recording);
	/* Synced here, at exit: a failure is said, the status unchanged. */
	if ((rc = record_close(a->recorder)) < 0)
		fprintf(stderr, "treetop: %s: %s\n", a->opts->record_file,
		    strerror(-rc));
	scan_close(a->scanner);
	rows_done(&a->rows);
	diff_done(&a->diff);
	recent_done(&a->recent);
}

enum glyph_set
app_glyphs(const struct options *o)
{
	switch (o->charset) {
	case CHARSET_ASCII:
		return GLYPHS_ASCII;
	case CHARSET_UTF8:
		return GLYPHS_UTF8;
	case CHARSET_AUTO:
		break;
	}
	return glyphs_from_locale();
}

static int
app_run_batch(struct app *a)
{
	const struct options	*o = a->opts;
	struct batch_style	 style;
	long			 n, iterations = o->iterations > 0 ?
				    o->iterations : 1;

	style.glyphs = app_glyphs(o);
	style.utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	if (a->scanner == NULL)
		iterations = 1;
	if (a->cur->hidepid)
		fputs("treetop: /proc is mounted with hidepid: only your own "
		    "processes are shown\n", stderr);
	for (n = 0; n < iterations; n++) {
		if (n > 0) {
			app_sleep(o->delay);
			fputc('\n', stdout);
		}
		batch_write(stdout, &a->rows, &style);
		if (fflush(stdout) == EOF)
			return 1;
		if (n + 1 < iterations) {
			char	*cause = NULL;

			if (app_refresh(a, &cause) < 0) {
				fprintf(stderr, "treetop: %s\n", cause);
				free(cause);
				return 1;
			}
		}
	}
	return 0;
}

static int
app_run_json(struct app *a)
{
	const struct rows	*rows = a->vs.filter == ROWS_ALL ? NULL :
				    &a->rows;

	if (jsonout_write(stdout, a->cur, rows, 0) < 0 ||
	    fflush(stdout) == EOF) {
		fprintf(stderr, "treetop: writing JSON failed: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

int
app_run(const struct options *o)
{
	struct app	 a;
	char		*cause = NULL;
	int		 status;

	if (app_open(&a, o, &cause) < 0 || app_refresh(&a, &cause) < 0 ||
	    app_check_selection(&a, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
		app_close(&a);
		return 1;
	}
	switch (o->mode) {
	case MODE_JSON:
		status = app_run_json(&a);
		break;
	case MODE_LIVE:
		status = live_run(&a);
		break;
	case MODE_BATCH:
	default:
		status = o->events ? events_run_batch(&a) :
		    app_run_batch(&a);
		break;
	}
	app_close(&a);
	return status;
}
