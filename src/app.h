/*
 * The refresh loop: where snapshots come from (scanner or file), the
 * model built from them (diff, classify, namespaces, tree, rows), and
 * the run modes.  The live explorer (live.c) drives the same model.
 */
#ifndef SRC_APP_H
#define SRC_APP_H

#include "proc/diff.h"
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
	unsigned long		 refreshes;	/* snapshots taken */
};

/* Run the mode o asks for; returns the process exit status. */
int		app_run(const struct options *o);
/* Take the next snapshot and rebuild the model; -1 with *cause on failure. */
int		app_refresh(struct app *a, char **cause);
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
