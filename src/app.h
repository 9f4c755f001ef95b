/*
 * The model a run shows: where snapshots come from (scanner or file),
 * what each refresh makes of them (proc/model.h: diff, classify,
 * namespaces, tree), the recent births and exits, and the view whose
 * rows every mode prints or draws.  The run modes (src/run.c) drive it.
 */
#ifndef SRC_APP_H
#define SRC_APP_H

#include <stdbool.h>

#include "proc/cgroup.h"
#include "proc/churn.h"
#include "proc/diff.h"
#include "proc/exitlog.h"
#include "proc/lineage.h"
#include "proc/procev_queue.h"
#include "proc/reap.h"
#include "proc/recent.h"
#include "proc/view.h"

struct options;
struct procevents;
struct recorder;
struct recording;
struct scanner;
struct snapshot;
struct ptree;

/*
 * The kernel's events and their merge into each refresh: used by the
 * refresh under way (app_next_build(), on the refresh thread in the
 * explorer), so read by nothing else while one is; what the view needs
 * of it comes out with each refresh (struct app_next).
 */
struct app_lineage {
	struct procevents	*listener;	/* owned; NULL when polling */
	char			*why;		/* owned; why polling, or NULL */
	struct lineage		 lineage;	/* the events merged in */
	struct procev_batch	 batch;		/* the last refresh's events */
	struct pidvec		 births;	/* the processes born in them */
	unsigned long		 lost_seen;	/* procevents_lost() then */
	bool			 births_whole;	/* no event lost up to then */
};

struct app {
	const struct options	*opts;		/* borrowed */
	struct scanner		*scanner;	/* owned; NULL with --load */
	struct recorder		*recorder;	/* owned; --record, else NULL */
	struct recording	*recording;	/* owned; --load (a single
						   document is a recording of
						   one), else NULL */
	size_t			 rec_index;	/* the recording's snapshot
						   shown as cur */
	struct app_lineage	 lin;		/* the kernel's process events */
	struct exitlog		 exits;		/* their exits, for the
						   signal menu; any thread */
	bool			 events_kernel;	/* the snapshot shown had them */
	unsigned long		 events_lost;	/* overruns so far */
	bool			 stdout_gone;	/* --metrics -: the reader of
						   the pipe went away (EPIPE),
						   which ends the run quietly */
	char			*events_why;	/* owned; why polling, or NULL */
	struct churn		 churn;		/* forks and exits per second,
						   the busiest parents */
	struct snapshot		*prev;		/* borrowed from the recording
						   with --load, else NULL */
	struct snapshot		*cur;		/* owned; likewise */
	struct ptree		*tree;		/* owned; borrows cur */
	struct diff		 diff;		/* the events of cur */
	struct recent		 recent;	/* the live tree's new marks
						   and ghosts; view.vs.recent
						   points here in MODE_LIVE */
	struct view		 view;		/* rows of tree, as shown */
	struct reap_report	 reap;		/* PID-1 verdicts of cur, for
						   the explorer's namespace
						   headers (MODE_LIVE) */
	unsigned long		 refreshes;	/* snapshots taken */
	unsigned long long	 forks;		/* processes seen started
						   since the first snapshot */
	double			 refresh_seconds;	/* what making cur
							   took; negative:
							   unknown */
	struct cgroup_ident	 container;	/* --container's, once
						   app_select_container()
						   found it */
};

/*
 * What one refresh makes: the snapshot made ready against the one
 * before, its tree, its own events, and whether writing it to the
 * recording failed.  Built by app_next_build() on any thread, shown by
 * app_next_install() on the UI's.
 */
struct app_next {
	struct snapshot		*snap;		/* owned until installed */
	struct ptree		*tree;		/* likewise; borrows snap */
	struct diff		 diff;		/* likewise; with the kernel's
						   events merged in */
	struct diff		 polled;	/* likewise: the two snapshots'
						   events alone, for the marks */
	bool			 kernel;	/* the kernel's events were on */
	unsigned long		 lost;		/* overruns so far */
	char			*why;		/* owned; set when they stopped */
	bool			 record_failed;	/* cause says why */
	double			 seconds;	/* the scan and the model took */
};

/*
 * Open the model o asks for (scanner or file, recorder) and take the
 * first snapshot; -1 with *cause (caller frees), a->... then closable.
 */
int		app_open(struct app *a, const struct options *o, char **cause);
/*
 * The scanner's flags (scan.h) for the options, threads or not: every
 * signal mask where a document is written (--json, --record), only what
 * the text shows for a plain batch tree (SCAN_LEAN).
 */
unsigned	app_scan_flags(const struct options *o, bool threads);
void		app_close(struct app *a);
/* Take the next snapshot and rebuild the model; -1 with *cause on failure. */
int		app_refresh(struct app *a, char **cause);
/*
 * Turn --container and --pidns NAME into the view's selection, by what
 * the first snapshot holds.  -1 with *cause when no container or more
 * than one matches, or the one that does has no PID namespace of its
 * own (--pidns): bad usage.
 */
int		app_select_container(struct app *a, char **cause);
/*
 * Scan and build n (zeroed by the caller) against cur (only read: the
 * previous snapshot, also the scanner's detail cache), merge the kernel's
 * events of lin (if not NULL) into it, and write it to rec if not NULL.
 * -1 with *cause when the scan fails; a failed recording sets
 * n->record_failed and *cause but returns 0.  Touches nothing of the app
 * but sc, lin and rec.
 */
int		app_next_build(struct scanner *sc, struct app_lineage *lin,
		    struct recorder *rec, const struct snapshot *cur,
		    struct app_next *n, char **cause);
/* Make n the current snapshot; n is left empty. */
void		app_next_install(struct app *a, struct app_next *n);
/*
 * With --metrics, write the figures of the snapshot installed; 0, or -1
 * with *cause (caller frees) when the file could not be written.
 */
int		app_write_metrics(struct app *a, char **cause);
/* Free what n holds (a refresh built and never installed). */
void		app_next_discard(struct app_next *n);
/*
 * With --load, show the recording's snapshot at index (< recording->n):
 * prev becomes the one before it, and the events, tree and rows are
 * rebuilt, with no rescan.  The first app_refresh() shows the last one.
 */
void		app_seek(struct app *a, size_t index);
/* Sleep, resuming after signals. */
void		app_sleep(double seconds);

#endif
