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
struct scanner;
struct snapshot;
struct ptree;

struct app {
	const struct options	*opts;		/* borrowed */
	struct scanner		*scanner;	/* owned; NULL with --load */
	struct snapshot		*loaded;	/* owned; --load, until taken */
	struct snapshot		*prev;		/* owned */
	struct snapshot		*cur;		/* owned */
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
/* Rebuild only the rows, after a view change (no rescan). */
void		app_rebuild_rows(struct app *a);
/* The glyph set the options and locale ask for. */
enum glyph_set	app_glyphs(const struct options *o);
/* Sleep, resuming after signals. */
void		app_sleep(double seconds);

#endif
