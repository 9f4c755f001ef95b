/*
 * The model pipeline: what every snapshot goes through before it is
 * shown, whether it was just scanned or loaded from a file.  diff
 * (against the one before: the live orphan rule, zombie ages, events),
 * classify, and the namespace table; the tree is built from the result.
 * The live refresh, batch, --events and recordings all call this.
 */
#ifndef PROC_MODEL_H
#define PROC_MODEL_H

#include "diff.h"

struct ptree;
struct snapshot;

/*
 * Make snap ready against prev (NULL for the first): diffed, with the
 * events in *events when not NULL (none for the first snapshot, which
 * has nothing to compare with), classified, with its namespace table.
 * prev is only read.
 */
void		 model_prepare(const struct snapshot *prev,
		    struct snapshot *snap, struct diff *events);
/* model_prepare(), then the tree of snap (which borrows it). */
struct ptree	*model_build(const struct snapshot *prev,
		    struct snapshot *snap, struct diff *events);

#endif
