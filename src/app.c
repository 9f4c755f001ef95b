/*
 * The model of a run: snapshots from the scanner or a recording, each
 * made ready by the model pipeline (proc/model.h), and the view built
 * on the newest.  Only the newest snapshot is kept: the next diff needs
 * no more.
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

#include "proc/containers.h"
#include "proc/escape.h"
#include "proc/model.h"
#include "proc/procevents.h"
#include "proc/ptree.h"
#include "proc/recording.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/cli.h"
#include "src/metrics.h"
#include "src/record.h"

/* The command line's selection, as the view state the rows start from. */
static void
app_base_view(struct viewstate *vs, const struct options *o)
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
	if (o->has_group_ns) {
		vs->layout = ROWS_BY_PIDNS;
		vs->group_ns = (enum ns_type)o->group_ns;
	}
}

/* Seconds on the monotonic clock. */
static double
app_clock(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append a copy of every event of d to out. */
static void
app_diff_copy(struct diff *out, const struct diff *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		*diff_append(out, d->events[i].kind, 0) = d->events[i];
}

/*
 * The births among the events just drained, for the next refresh's hint
 * (app_next_hint()), and whether none was lost since the last drain.
 */
static void
app_note_births(struct app_lineage *lin, const struct snapshot *cur)
{
	unsigned long	lost;

	lin->births.n = 0;
	procev_batch_births(&lin->batch, &lin->births);
	lost = lin->listener != NULL ? procevents_lost(lin->listener) : 0;
	lin->births_whole = cur != NULL && lin->listener != NULL &&
	    lost == lin->lost_seen;
	lin->lost_seen = lost;
}

/*
 * Tell the scanner which processes were born since its last refresh
 * began: those of the last drain (born while it ran) and those queued
 * since, when no event was lost.  It then need not list /proc.
 */
static void
app_next_hint(struct scanner *sc, struct app_lineage *lin)
{
	size_t	n;

	if (lin == NULL || lin->listener == NULL || !lin->births_whole ||
	    procevents_failed(lin->listener) != 0)
		return;
	n = lin->births.n;
	procevents_births(lin->listener, &lin->births);
	if (procevents_lost(lin->listener) == lin->lost_seen)
		scan_hint_births(sc, lin->births.v, lin->births.n);
	lin->births.n = n;
}

/*
 * The kernel's events since the last refresh, merged into n: its events
 * and its zombies' exit times (so that a recording has them).  Those
 * before the first snapshot are dropped: it has nothing to compare with.
 * A listener that stopped gives its last events, then hands over to
 * polling.
 */
static void
app_next_merge(struct scanner *sc, struct app_lineage *lin,
    const struct snapshot *cur, struct app_next *n)
{
	int	err;

	if (lin == NULL || lin->listener == NULL)
		return;
	procevents_drain(lin->listener, &lin->batch);
	if ((err = procevents_failed(lin->listener)) != 0) {
		procevents_close(lin->listener);
		lin->listener = NULL;
		free(lin->why);
		xasprintf(&lin->why, "the process events stopped: %s",
		    strerror(err));
		n->why = xstrdup(lin->why);
		scan_set_events_source(sc, EVENTS_SOURCE_POLLING);
	}
	n->kernel = true;
	app_note_births(lin, cur);
	app_diff_copy(&n->polled, &n->diff);
	if (cur == NULL)
		procev_batch_clear(&lin->batch);
	lineage_merge(&lin->lineage, &lin->batch, cur, n->snap, &n->diff);
	procev_batch_clear(&lin->batch);
	n->lost = lin->lineage.lost;
}

int
app_next_build(struct scanner *sc, struct app_lineage *lin,
    struct recorder *rec, const struct snapshot *cur, struct app_next *n,
    char **cause)
{
	double	start = app_clock();
	int	rc;

	app_next_hint(sc, lin);
	n->snap = scan_refresh(sc, cur, cause);
	if (n->snap == NULL)
		return -1;
	n->tree = model_build(cur, n->snap, &n->diff);
	app_next_merge(sc, lin, cur, n);
	n->seconds = app_clock() - start;
	/* Recorded after classification, so the file holds the flags. */
	if (rec != NULL && (rc = record_write_step(rec, n->snap, n->kernel ?
	    &n->diff : NULL)) < 0) {
		xasprintf(cause, "%s: recording failed: %s", record_path(rec),
		    strerror(-rc));
		n->record_failed = true;
	}
	return 0;
}

/* The PID-1 verdicts of the snapshot shown. */
static void
app_reap(struct app *a)
{
	reap_report_done(&a->reap);
	reap_report_build(&a->reap, a->cur);
}

void
app_next_discard(struct app_next *n)
{
	ptree_free(n->tree);
	snapshot_free(n->snap);
	diff_done(&n->diff);
	diff_done(&n->polled);
	free(n->why);
	memset(n, 0, sizeof *n);
}

/* Where births and exits came from, for the view. */
static void
app_events_state(struct app *a, struct app_next *n)
{
	a->events_kernel = n->kernel && n->why == NULL;
	a->events_lost = n->lost;
	if (n->why != NULL) {
		free(a->events_why);
		a->events_why = n->why;
		n->why = NULL;
	}
}

void
app_next_install(struct app *a, struct app_next *n)
{
	struct snapshot	*old = a->cur;

	ptree_free(a->tree);
	diff_done(&a->diff);
	a->cur = n->snap;
	a->tree = n->tree;
	a->diff = n->diff;
	a->refresh_seconds = n->seconds;
	app_events_state(a, n);
	/*
	 * Marks by identity, from the two snapshots; then the ghosts of the
	 * short lives the kernel reported (the refresh thread is idle).
	 */
	if (a->view.vs.recent != NULL) {
		recent_update(&a->recent, old, a->cur, n->kernel ? &n->polled :
		    &a->diff);
		if (n->kernel)
			lineage_ghosts(&a->lin.lineage, &a->recent, old,
			    a->cur);
	}
	diff_done(&n->polled);
	/* The first snapshot's processes were there before us. */
	if (old != NULL)
		a->forks += metrics_started(&a->diff, a->cur);
	churn_update(&a->churn, old, a->cur, &a->diff);
	snapshot_free(old);
	view_prune(&a->view, a->cur);
	view_set_tree(&a->view, a->tree);
	if (a->opts->mode == MODE_LIVE) {
		eventlog_add(&a->view.log, &a->diff);
		app_reap(a);
	} else if (a->opts->metrics_file != NULL || a->opts->has_group_ns)
		app_reap(a);	/* metrics, or -b's namespace titles */
	a->refreshes++;
	if (n->record_failed) {
		record_close(a->recorder);	/* said once: this is it */
		a->recorder = NULL;
	}
	memset(n, 0, sizeof *n);
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
	if (app_next_build(a->scanner, &a->lin, a->recorder, a->cur, &n,
	    cause) < 0) {
		app_next_discard(&n);
		return -1;
	}
	failed = n.record_failed;
	app_next_install(a, &n);
	return failed ? -1 : app_write_metrics(a, cause);
}

int
app_write_metrics(struct app *a, char **cause)
{
	const char		*path = a->opts->metrics_file;
	struct metrics_stats	 st;
	char			*name;
	int			 rc;

	if (path == NULL || a->cur == NULL)
		return 0;
	st.forks = a->forks;
	st.duration = a->refresh_seconds;
	st.top = (size_t)a->opts->metrics_top;
	/* On stdout, one document per refresh, apart as the trees are. */
	if (strcmp(path, METRICS_STDOUT) == 0 && a->refreshes > 1)
		fputc('\n', stdout);
	rc = metrics_write_file(path, a->cur, &a->reap, &st);
	if (rc == -EPIPE && strcmp(path, METRICS_STDOUT) == 0)
		a->stdout_gone = true;
	if (rc == 0 || a->stdout_gone)
		return 0;
	name = escape_strdup(path);
	xasprintf(cause, "%s: writing metrics failed: %s", name,
	    strerror(-rc));
	free(name);
	return -1;
}

/* The event log of a recording: what happened up to the snapshot shown. */
static void
app_replay_events(struct app *a)
{
	struct lineage	l;
	struct diff	d;
	size_t		i;

	eventlog_clear(&a->view.log);
	lineage_init(&l);
	diff_init(&d);
	for (i = 1; i <= a->rec_index; i++) {
		/* Replaying a pair again sets the same flags: idempotent. */
		diff_snapshots(a->recording->snaps[i - 1],
		    a->recording->snaps[i], &d);
		if (a->recording->events[i].n > 0)
			lineage_apply_recorded(&l, &d,
			    &a->recording->events[i]);
		eventlog_add(&a->view.log, &d);
	}
	diff_done(&d);
	lineage_done(&l);
}

void
app_seek(struct app *a, size_t index)
{
	struct recording	*r = a->recording;
	bool			 next;

	assert(r != NULL && index < r->n);
	next = a->cur != NULL && index == a->rec_index + 1;
	a->rec_index = index;
	a->prev = index > 0 ? r->snaps[index - 1] : NULL;
	a->cur = r->snaps[index];
	/* recording_prepare() diffed it already: this refills the events. */
	diff_snapshots(a->prev, a->cur, &a->diff);
	/* Those the kernel reported, recorded with it, as they were live. */
	if (index > 0 && r->events[index].n > 0)
		lineage_apply_recorded(&a->lin.lineage, &a->diff,
		    &r->events[index]);
	if (a->view.vs.recent != NULL)
		lineage_replay_marks(&a->recent, r->snaps, r->events, index);
	ptree_free(a->tree);
	a->tree = ptree_build(a->cur);
	view_set_tree(&a->view, a->tree);
	if (a->opts->mode == MODE_LIVE) {
		/* One step on adds a step's events; anything else replays. */
		if (next)
			eventlog_add(&a->view.log, &a->diff);
		else
			app_replay_events(a);
		app_reap(a);
	}
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

/* Whether the run takes a single snapshot: --json, -b without -n. */
static bool
app_takes_one(const struct options *o)
{
	if (o->mode == MODE_JSON)
		return true;
	return o->mode == MODE_BATCH && !o->events && o->iterations <= 1;
}

unsigned
app_scan_flags(const struct options *o, bool threads)
{
	unsigned	flags = threads ? SCAN_THREADS : 0;

	if (o->mode == MODE_JSON || o->record_file != NULL)
		flags |= SCAN_SIGNALS;
	if (o->mode == MODE_BATCH && !o->events && o->record_file == NULL &&
	    o->metrics_file == NULL && !o->has_group_ns && !o->ns_marks &&
	    o->container == NULL && o->pidns_container == NULL)
		flags |= SCAN_LEAN;
	return flags;
}

/* The scanner or the file, and the recorder. */
static int
app_open_source(struct app *a, const struct options *o, char **cause)
{
	if (o->load_file != NULL)
		return app_open_recording(a, o->load_file, cause);
	a->scanner = scan_open(app_scan_flags(o, o->threads), cause);
	if (a->scanner == NULL)
		return -1;
	scan_set_delay(a->scanner, o->delay);
	/*
	 * Before the first snapshot, so that nothing after it is missed;
	 * a single snapshot has nothing to learn from them.
	 */
	if (app_takes_one(o))
		xasprintf(&a->lin.why, "a single snapshot");
	else
		a->lin.listener = procevents_open(&a->lin.why);
	a->events_kernel = a->lin.listener != NULL;
	/* The signal menu asks whether a chosen process exited since. */
	if (a->events_kernel && o->mode == MODE_LIVE)
		procevents_watch_exits(a->lin.listener, &a->exits);
	if (a->lin.why != NULL)
		a->events_why = xstrdup(a->lin.why);
	scan_set_events_source(a->scanner, a->events_kernel ?
	    EVENTS_SOURCE_KERNEL : EVENTS_SOURCE_POLLING);
	if (o->record_file != NULL &&
	    (a->recorder = record_open(o->record_file, cause)) == NULL)
		return -1;
	return 0;
}

int
app_open(struct app *a, const struct options *o, char **cause)
{
	struct viewstate	base;

	memset(a, 0, sizeof *a);
	a->opts = o;
	a->refresh_seconds = -1.0;
	diff_init(&a->diff);
	recent_init(&a->recent);
	lineage_init(&a->lin.lineage);
	exitlog_init(&a->exits);
	churn_init(&a->churn);
	procev_batch_init(&a->lin.batch);
	view_init(&a->view);
	app_base_view(&base, o);
	if (o->mode == MODE_LIVE) {
		/* The explorer marks births and exits, and H shows threads. */
		base.recent = &a->recent;
		base.hide_threads = !o->threads;
	}
	view_set_base(&a->view, &base);
	if (app_open_source(a, o, cause) < 0)
		return -1;
	return app_refresh(a, cause);
}

int
app_select_container(struct app *a, char **cause)
{
	const struct options		*o = a->opts;
	const char			*query = o->container != NULL ?
					    o->container : o->pidns_container;
	const struct cgroup_info	*c;
	const struct procinfo		*init = NULL;
	struct viewstate		 vs = a->view.vs;
	char				*q;

	if (query == NULL)
		return 0;
	if ((c = containers_find(a->cur, query, cause)) == NULL)
		return -1;
	a->container = c->ident;
	if (o->container != NULL) {
		vs.filter = ROWS_CONTAINER;
		vs.container = &a->container;
	} else if ((init = containers_init(a->cur, &c->ident)) != NULL) {
		vs.filter = ROWS_PIDNS;
		vs.pidns = procinfo_pidns(a->cur, init);
	} else {
		q = escape_strdup(query);
		xasprintf(cause, "container '%s' has no PID namespace of its "
		    "own", q);
		free(q);
		return -1;
	}
	view_set_base(&a->view, &vs);
	view_set_tree(&a->view, a->tree);
	return 0;
}

void
app_close(struct app *a)
{
	int	rc;

	ptree_free(a->tree);
	if (a->recording == NULL)
		snapshot_free(a->cur);
	recording_free(a->recording);
	free(a->recording);
	/* Synced here, at exit: a failure is said, the status unchanged. */
	if ((rc = record_close(a->recorder)) < 0)
		fprintf(stderr, "treetop: %s: %s\n", a->opts->record_file,
		    strerror(-rc));
	procevents_close(a->lin.listener);
	exitlog_done(&a->exits);	/* after the listener that feeds it */
	free(a->lin.why);
	free(a->events_why);
	lineage_done(&a->lin.lineage);
	churn_done(&a->churn);
	procev_batch_done(&a->lin.batch);
	pidvec_done(&a->lin.births);
	scan_close(a->scanner);
	view_done(&a->view);
	reap_report_done(&a->reap);
	diff_done(&a->diff);
	recent_done(&a->recent);
}
