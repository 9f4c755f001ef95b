/*
 * Ghost rows (rows_ghosts.c), for rows.c only: the steps of rows_build()
 * that place the processes that exited, and what the two share while
 * building, the per-record marks and the ghosts' places.  The rows and
 * the view state are in rows_view.h, below both: rows_ghosts.c needs
 * nothing from rows.c.
 */
#ifndef PROC_ROWS_GHOSTS_H
#define PROC_ROWS_GHOSTS_H

#include <stdbool.h>
#include <stddef.h>

struct ptree;
struct rows;
struct snapshot;
struct viewstate;

/* rows.mark[]: per record, while building. */
enum {
	MARK_VISIBLE	= 1u << 0,
	MARK_MATCH	= 1u << 1,
	MARK_HIDDEN	= 1u << 2,	/* by-namespace layout: under a fold */
	MARK_TEXT	= 1u << 3,	/* matched the text filter */
};

/* Where a ghost goes, worked out once per build (rows.gplace[]). */
struct rows_gplace {
	size_t	 parent_rec;	/* its live parent's record, or PTREE_NONE */
	size_t	 parent_ghost;	/* its parent ghost, or PTREE_NONE */
	size_t	 anchor;	/* nearest live ancestor's record, or
				   PTREE_NONE */
	size_t	 attach;	/* the row it hangs under, PTREE_NONE at the
				   top, ROWS_GHOST_HIDDEN when not shown */
	size_t	 first_kid;	/* ghost children, by descending pid */
	size_t	 next_sib;
	bool	 shown;		/* it passes the view's filters */
	bool	 emitted;
};

#define ROWS_GHOST_HIDDEN	((size_t)-2)

/* The ghosts vs shows at all (none in the zombie and orphan views). */
size_t	rows_ghosts_count(const struct viewstate *vs);
/* Resolve each ghost's parent and live anchor into r->gplace. */
void	rows_ghosts_prepare(struct rows *r, const struct snapshot *snap,
	    const struct viewstate *vs);
/* After the view's filter marked records: which ghosts it keeps. */
void	rows_ghosts_filter(struct rows *r, const struct viewstate *vs);
/* After the text filter: keep matching ghosts, and their anchors. */
void	rows_ghosts_text(struct rows *r, const struct ptree *t,
	    const struct viewstate *vs);
/* Tree and by-namespace layouts: insert the ghosts among the rows. */
void	rows_ghosts_merge(struct rows *r, const struct ptree *t,
	    const struct viewstate *vs);
/* Flat layout: append ghost j as t->n + j to r->sorted[n...]; new n. */
size_t	rows_ghosts_flat(struct rows *r, const struct viewstate *vs,
	    size_t base, size_t n);
/* ROW_NEW on the rows of processes vs->recent holds as new. */
void	rows_ghosts_mark_new(struct rows *r, const struct viewstate *vs);

#endif
