/*
 * The refresh loop: where snapshots come from (scanner or file), the
 * model built from them (diff, classify, namespaces, tree, rows), and
 * the run modes.  The live explorer (live.c) drives the same model.
 */
#ifndef SRC_APP_H
#define SRC_APP_H

#include <stdbool.h>

#include "proc/diff.h"
#include "proc/recent.h"
#include "proc/rows.h"
#include "ui/glyphs.h"

struct options;
struct recorder;
struct recording;
struct scanner;
struct snapshot;
struct ptree;

struct app {
	const struct options	*opts;		/* borrowed */
	struct scanner		*scanner;	/* owned; NULL with --load */
	struct recorder		*recorder;	/* owned; --record, else NULL */
	struct recording	*recording;	/* owned; --load (a single
						   document is a recording of
						   one), else NULL */
	size_t			 rec_index;	/* the recording's snapshot
						   shown as cur */
	struct snapshot		*prev;		/* owned; borrowed from the
						   recording with --load */
	struct snapshot		*cur;		/* owned; likewise */
	struct ptree		*tree;		/* owned; borrows cur */
	struct rows		 rows;		/* borrows tree */
	struct viewstate	 vs;
	struct diff		 diff;
	struct recent		 recent;	/* the live tree's new marks
						   and ghosts; vs.recent
						   points here in MODE_LIVE */
	unsigned long		 refreshes;	/* snapshots taken */
};

/*
 * What one refresh makes before the rows: the snapshot diffed against
 * the one before, classified, with its namespace table and tree (and
 * written to the recording).  Built by app_next_build() on any thread,
 * shown by app_next_install() on the UI's.
 */
struct app_next {
	struct snapshot		*snap;		/* owned until installed */
	struct ptree		*tree;		/* likewise; borrows snap */
	struct diff		 diff;		/* the events (diff_init()ed) */
	bool			 record_failed;	/* cause says why */
};

/* Run the mode o asks for; returns the process exit status. */
int		app_run(const struct options *o);
/* Take the next snapshot and rebuild the model; -1 with *cause on failure. */
int		app_refresh(struct app *a, char **cause);
/*
 * Scan and build n against cur (only read: the previous snapshot, also
 * the scanner's detail cache) and write it to rec if not NULL.  -1 with
 * *cause when the scan fails; a failed recording sets n->record_failed
 * and *cause but returns 0.  Touches nothing of the app but sc and rec.
 */
int		app_next_build(struct scanner *sc, struct recorder *rec,
		    const struct snapshot *cur, struct app_next *n,
		    char **cause);
/* Make n the current snapshot (n keeps the old events' buffer). */
void		app_next_install(struct app *a, struct app_next *n);
/*
 * With --load, show the recording's snapshot at index (< recording->n):
 * prev becomes the one before it, and the events, tree and rows are
 * rebuilt, with no rescan.  The first app_refresh() shows the last one.
 */
void		app_seek(struct app *a, size_t index);
/* Rebuild only the rows, after a view change (no rescan). */
void		app_rebuild_rows(struct app *a);
/* The glyph set the options and locale ask for. */
enum glyph_set	app_glyphs(const struct options *o);
/* Sleep, resuming after signals. */
void		app_sleep(double seconds);

#endif
