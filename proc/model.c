/*
 * One order for the model's steps: classification reads the marks the
 * diff sets, and the namespace table counts what classification found.
 */
#include "config.h"
#include "model.h"

#include <stddef.h>

#include "classify.h"
#include "nstable.h"
#include "ptree.h"
#include "snapshot.h"

void
model_prepare(const struct snapshot *prev, struct snapshot *snap,
    struct diff *events)
{
	if (events != NULL)
		events->n = 0;
	diff_snapshots(prev, snap, prev != NULL ? events : NULL);
	classify_snapshot(snap);
	nstable_build(snap);
}

struct ptree *
model_build(const struct snapshot *prev, struct snapshot *snap,
    struct diff *events)
{
	model_prepare(prev, snap, events);
	return ptree_build(snap);
}
