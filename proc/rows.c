/*
 * tree + view state -> visible rows.  Linear in the number of records,
 * no recursion: filters mark records, one walk over the pre-order emits
 * the visible ones (each under its nearest visible ancestor), and two
 * passes over the rows settle last-child flags and rails.
 */
#include "config.h"
#include "rows.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "ptree.h"
#include "snapshot.h"
#include "xalloc.h"

enum {
	MARK_VISIBLE	= 1u << 0,
	MARK_MATCH	= 1u << 1,
	MARK_LAST_SEEN	= 1u << 2,	/* a later child of this row was seen */
};

void
rows_init(struct rows *r)
{
	memset(r, 0, sizeof *r);
}

void
rows_done(struct rows *r)
{
	free(r->v);
	free(r->mark);
	free(r->row_of);
	free(r->parent_row);
	free(r->cont);
	rows_init(r);
}

static void
rows_reserve(struct rows *r, size_t n)
{
	if (n <= r->scratch_cap && r->v != NULL)
		return;
	r->scratch_cap = n > 16 ? n : 16;
	r->v = xreallocarray(r->v, r->scratch_cap, sizeof *r->v);
	r->cap = r->scratch_cap;
	r->mark = xreallocarray(r->mark, r->scratch_cap, sizeof *r->mark);
	r->row_of = xreallocarray(r->row_of, r->scratch_cap,
	    sizeof *r->row_of);
	r->parent_row = xreallocarray(r->parent_row, r->scratch_cap,
	    sizeof *r->parent_row);
	if (r->cont == NULL)
		r->cont = xcalloc(ROWS_RAIL_MAX + 1, sizeof *r->cont);
}

/* Mark i as a match and its ancestors as visible, stopping at marked ones. */
static void
rows_mark_with_ancestors(struct rows *r, const struct ptree *t, size_t i)
{
	r->mark[i] |= MARK_MATCH;
	while (i != PTREE_NONE && !(r->mark[i] & MARK_VISIBLE)) {
		r->mark[i] |= MARK_VISIBLE;
		i = t->parent[i];
	}
}

static void
rows_mark_subtree(struct rows *r, const struct ptree *t, size_t i)
{
	size_t	pos;

	r->mark[i] |= MARK_MATCH;
	for (pos = t->pos[i]; pos < t->subtree_end[t->pos[i]]; pos++)
		r->mark[t->order[pos]] |= MARK_VISIBLE;
}

/* True if the namespace inode is target or nested below it. */
static bool
rows_pidns_within(const struct snapshot *snap, uint64_t inode,
    uint64_t target)
{
	const struct pidns_info	*ns;
	size_t			 steps;

	for (steps = 0; steps <= snap->npidns && inode != INODE_UNKNOWN;
	    steps++) {
		if (inode == target)
			return true;
		ns = snapshot_find_pidns(snap, inode);
		if (ns == NULL)
			return false;
		inode = ns->parent;
	}
	return false;
}

static void
rows_mark(struct rows *r, const struct ptree *t, const struct viewstate *vs)
{
	const struct snapshot	*snap = t->snap;
	const struct procinfo	*p;
	size_t			 i;
	ssize_t			 k;

	memset(r->mark, vs->filter == ROWS_ALL ? MARK_VISIBLE : 0, t->n);
	switch (vs->filter) {
	case ROWS_ALL:
		break;
	case ROWS_SUBTREES:
		for (i = 0; i < vs->npids; i++)
			if ((k = snapshot_index(snap, vs->pids[i])) >= 0)
				rows_mark_subtree(r, t, (size_t)k);
		break;
	case ROWS_ZOMBIES:
	case ROWS_ORPHANS:
		for (i = 0; i < t->n; i++) {
			p = &snap->procs[i];
			if (p->flags & (vs->filter == ROWS_ZOMBIES ?
			    PI_ZOMBIE : PI_ORPHAN))
				rows_mark_with_ancestors(r, t, i);
		}
		break;
	case ROWS_PIDNS:
		for (i = 0; i < t->n; i++)
			if (rows_pidns_within(snap, snap->procs[i].ns[NS_PID],
			    vs->pidns))
				r->mark[i] |= MARK_VISIBLE | MARK_MATCH;
		break;
	}
}

static bool
rows_is_folded(const struct viewstate *vs, const struct procinfo *p)
{
	size_t	lo = 0, hi = vs->nfolded;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;

		if (vs->folded[mid].pid < p->pid)
			lo = mid + 1;
		else if (vs->folded[mid].pid > p->pid)
			hi = mid;
		else
			return vs->folded[mid].start_ticks == p->start_ticks;
	}
	return false;
}

static bool
rows_subtree_has_visible(const struct rows *r, const struct ptree *t,
    size_t i)
{
	size_t	pos;

	for (pos = t->pos[i] + 1; pos < t->subtree_end[t->pos[i]]; pos++)
		if (r->mark[t->order[pos]] & MARK_VISIBLE)
			return true;
	return false;
}

/* Emit visible records in pre-order, each under its nearest visible ancestor. */
static void
rows_emit(struct rows *r, const struct ptree *t, const struct viewstate *vs)
{
	size_t	pos = 0, i, up, prow;
	struct row *row;

	r->n = 0;
	while (pos < t->n) {
		i = t->order[pos];
		up = t->parent[i];
		prow = up == PTREE_NONE ? PTREE_NONE : r->row_of[up];
		if (!(r->mark[i] & MARK_VISIBLE)) {
			r->row_of[i] = prow;
			pos++;
			continue;
		}
		row = &r->v[r->n];
		row->proc = &t->snap->procs[i];
		row->index = i;
		row->depth = prow == PTREE_NONE ? 0 : r->v[prow].depth + 1;
		row->rails = 0;
		row->flags = (r->mark[i] & MARK_MATCH) ? ROW_MATCH : 0;
		r->parent_row[r->n] = prow;
		if (prow != PTREE_NONE)
			r->v[prow].flags |= ROW_HAS_KIDS;
		r->row_of[i] = r->n++;
		if (vs->nfolded > 0 && rows_is_folded(vs, row->proc) &&
		    rows_subtree_has_visible(r, t, i)) {
			row->flags |= ROW_FOLDED | ROW_HAS_KIDS;
			pos = t->subtree_end[pos];
			continue;
		}
		pos++;
	}
}

/* The first row met walking backwards among its siblings is the last. */
static void
rows_mark_last(struct rows *r)
{
	bool	root_seen = false;
	size_t	k, prow;

	for (k = 0; k < r->n; k++)
		r->mark[r->v[k].index] &= ~MARK_LAST_SEEN;
	for (k = r->n; k-- > 0;) {
		prow = r->parent_row[k];
		if (prow == PTREE_NONE) {
			if (!root_seen)
				r->v[k].flags |= ROW_LAST;
			root_seen = true;
		} else if (!(r->mark[r->v[prow].index] & MARK_LAST_SEEN)) {
			r->v[k].flags |= ROW_LAST;
			r->mark[r->v[prow].index] |= MARK_LAST_SEEN;
		}
	}
}

/*
 * Rail n of a row: does its ancestor at depth n+1 have later siblings?
 * The latest row seen at each depth is the current row's ancestor there.
 */
static void
rows_set_rails(struct rows *r)
{
	size_t		 k;
	unsigned	 d, n;

	for (k = 0; k < r->n; k++) {
		struct row	*row = &r->v[k];

		d = row->depth;
		for (n = 0; n + 1 < d && n < ROWS_RAIL_MAX; n++)
			if (r->cont[n + 1])
				row->rails |= UINT64_C(1) << n;
		if (d <= ROWS_RAIL_MAX)
			r->cont[d] = !(row->flags & ROW_LAST);
	}
}

void
rows_build(struct rows *r, const struct ptree *t, const struct viewstate *vs)
{
	rows_reserve(r, t->n);
	rows_mark(r, t, vs);
	rows_emit(r, t, vs);
	rows_mark_last(r);
	rows_set_rails(r);
}
