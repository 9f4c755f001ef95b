/*
 * Visible rows: the tree, filtered and folded by a view state, flattened
 * into display order with depth and tree-rail bits.  Shared by the batch
 * writer and the UI; no curses, no /proc.
 */
#ifndef PROC_ROWS_H
#define PROC_ROWS_H

#include "rows_view.h"

struct ptree;

void	rows_init(struct rows *r);
void	rows_done(struct rows *r);
/*
 * Build the visible rows from the tree and view state.  With vs->recent,
 * processes it holds as new get ROW_NEW, and its ghosts are shown where
 * the view shows everything around them: in the tree under their parent
 * (a live process that started before them, or another ghost) or at the
 * top when that is gone too; in the by-namespace layout likewise in
 * their namespace's section; in the flat list sorted with the rest.  No
 * ghost is shown in the zombie or orphan views, outside the subtrees or
 * namespace a filter selects, under a fold, or, with a text filter,
 * unless it matches (its live ancestors are then kept too).
 */
void	rows_build(struct rows *r, const struct ptree *tree,
	    const struct viewstate *vs);

#endif
