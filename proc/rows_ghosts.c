/*
 * Ghost rows: processes that exited a moment ago (struct recent), shown
 * among the live rows where they were.  A ghost's parent is the live
 * process with its PPID that started no later than it did (so a reused
 * PID is not taken for it), or another ghost, whichever started last.
 * The live rows are built first; one pass over them then inserts each
 * ghost (with the ghosts under it) among its parent's children by PID.
 * Linear in rows plus ghosts, apart from sorting the ghosts; no
 * recursion.  No curses, no /proc.
 */
#include "config.h"
#include "rows_ghosts.h"

#include <stdlib.h>
#include <string.h>

#include "ptree.h"
#include "recent.h"
#include "rows_view.h"
#include "snapshot.h"
#include "xalloc.h"

static size_t
rows_ghosts_n(const struct viewstate *vs)
{
	return vs->recent != NULL ? vs->recent->nghosts : 0;
}

size_t
rows_ghosts_count(const struct viewstate *vs)
{
	if (vs->filter == ROWS_ZOMBIES || vs->filter == ROWS_ORPHANS)
		return 0;
	return rows_ghosts_n(vs);
}

static bool
rows_ghosts_text_on(const struct viewstate *vs)
{
	return vs->match != NULL && vs->match[0] != '\0';
}

/* The first ghost with pid, or nghosts; the ghosts are by pid, start. */
static size_t
rows_ghosts_lower(const struct recent *rc, pid_t pid)
{
	size_t	lo = 0, hi = rc->nghosts, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rc->ghosts[mid].proc.pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Ghost j's parent: a live record or a ghost, whichever started last. */
static void
rows_ghosts_parent(const struct snapshot *snap, const struct recent *rc,
    size_t j, struct rows_gplace *pl)
{
	const struct procinfo	*g = &rc->ghosts[j].proc, *p;
	uint64_t		 live_start = 0;
	size_t			 i, best = PTREE_NONE;
	ssize_t			 k;

	pl->parent_rec = pl->parent_ghost = PTREE_NONE;
	if (g->ppid <= 0 || g->ppid == g->pid)
		return;
	if ((k = snapshot_index(snap, g->ppid)) >= 0 &&
	    !((p = &snap->procs[k])->flags & PI_THREAD) &&
	    p->start_ticks <= g->start_ticks) {
		pl->parent_rec = (size_t)k;
		live_start = p->start_ticks;
	}
	for (i = rows_ghosts_lower(rc, g->ppid); i < rc->nghosts &&
	    rc->ghosts[i].proc.pid == g->ppid &&
	    rc->ghosts[i].proc.start_ticks <= g->start_ticks; i++)
		best = i;
	if (best != PTREE_NONE && (pl->parent_rec == PTREE_NONE ||
	    rc->ghosts[best].proc.start_ticks > live_start)) {
		pl->parent_ghost = best;
		pl->parent_rec = PTREE_NONE;
	}
}

/*
 * Each ghost's anchor, its nearest live ancestor: a walk up the ghost
 * parents, each ghost settled once (the path is kept in path[]).  A
 * cycle, which only a strange loaded file could make, is cut: its ghosts
 * go to the top.
 */
static void
rows_ghosts_anchor(struct rows_gplace *pl, size_t ng)
{
	size_t	*path = xcalloc(ng + 1, sizeof *path);
	size_t	 j, x, len, anchor;

	for (j = 0; j < ng; j++)
		pl[j].emitted = false;	/* here: "anchor settled" */
	for (j = 0; j < ng; j++) {
		len = 0;
		x = j;
		while (!pl[x].emitted && pl[x].attach != ROWS_GHOST_HIDDEN) {
			pl[x].attach = ROWS_GHOST_HIDDEN;	/* on the path */
			path[len++] = x;
			if (pl[x].parent_ghost == PTREE_NONE)
				break;
			x = pl[x].parent_ghost;
		}
		if (pl[x].emitted)
			anchor = pl[x].anchor;
		else if (pl[x].parent_ghost == PTREE_NONE)
			anchor = pl[x].parent_rec;
		else {
			anchor = PTREE_NONE;	/* x closes a cycle */
			pl[x].parent_ghost = PTREE_NONE;
		}
		while (len > 0) {
			x = path[--len];
			pl[x].anchor = anchor;
			pl[x].emitted = true;
		}
	}
	free(path);
}

void
rows_ghosts_prepare(struct rows *r, const struct snapshot *snap,
    const struct viewstate *vs)
{
	size_t	j, ng = rows_ghosts_count(vs);

	for (j = 0; j < ng; j++) {
		rows_ghosts_parent(snap, vs->recent, j, &r->gplace[j]);
		r->gplace[j].attach = PTREE_NONE;
		r->gplace[j].shown = false;
	}
	rows_ghosts_anchor(r->gplace, ng);
}

void
rows_ghosts_filter(struct rows *r, const struct viewstate *vs)
{
	struct rows_gplace	*pl;
	size_t			 j, ng = rows_ghosts_count(vs);

	for (j = 0; j < ng; j++) {
		pl = &r->gplace[j];
		pl->shown = (vs->filter == ROWS_ALL || (pl->anchor !=
		    PTREE_NONE && (r->mark[pl->anchor] & MARK_VISIBLE))) &&
		    !rows_proc_hidden(vs, &vs->recent->ghosts[j].proc);
	}
}

void
rows_ghosts_text(struct rows *r, const struct ptree *t,
    const struct viewstate *vs)
{
	struct rows_gplace	*pl;
	size_t			 j, i, g, ng = rows_ghosts_count(vs);
	bool			*matched;

	if (ng == 0)
		return;
	matched = xcalloc(ng, sizeof *matched);
	for (j = 0; j < ng; j++)
		matched[j] = r->gplace[j].shown && rows_proc_matches(NULL,
		    &vs->recent->ghosts[j].proc, vs->match,
		    vs->layout == ROWS_BY_PIDNS);
	for (j = 0; j < ng; j++)
		r->gplace[j].shown = false;
	for (j = 0; j < ng; j++) {
		if (!matched[j])
			continue;
		/* Its ghost and live ancestors stay, to give it a place. */
		for (g = j; g != PTREE_NONE && !r->gplace[g].shown;
		    g = r->gplace[g].parent_ghost)
			r->gplace[g].shown = true;
		pl = &r->gplace[j];
		for (i = pl->anchor; i != PTREE_NONE &&
		    !(r->mark[i] & MARK_VISIBLE); i = t->parent[i])
			r->mark[i] |= MARK_VISIBLE;
	}
	free(matched);
}

size_t
rows_ghosts_flat(struct rows *r, const struct viewstate *vs, size_t base,
    size_t n)
{
	size_t	j, ng = rows_ghosts_count(vs);

	for (j = 0; j < ng; j++)
		if (r->gplace[j].shown)
			r->sorted[n++] = base + j;
	return n;
}

/* The row of record i if it was emitted, else PTREE_NONE. */
static size_t
rows_ghosts_row_of(const struct rows *r, const struct ptree *t, size_t i)
{
	size_t	k = r->row_of[i];

	return k < r->n && r->v[k].proc == &t->snap->procs[i] ? k :
	    PTREE_NONE;
}

/* The by-namespace layout's section header rows. */
struct rows_headers {
	size_t	*rows;		/* owned */
	size_t	 n;
};

/* The header row of the section of namespace ns, or hidden. */
static size_t
rows_ghosts_header(const struct rows *r, const struct rows_headers *h,
    const struct snapshot *snap, const struct viewstate *vs, uint64_t ns)
{
	bool			 known = vs->group_ns == NS_PID ?
				    snapshot_find_pidns(snap, ns) != NULL :
				    ns != INODE_UNKNOWN;
	const struct row	*row;
	size_t			 i;

	for (i = 0; i < h->n; i++) {
		row = &r->v[h->rows[i]];
		if (row->group_inode != INODE_UNKNOWN ?
		    row->group_inode == ns : !known)
			return h->rows[i];
	}
	return ROWS_GHOST_HIDDEN;
}

/* The row ghost j hangs under (ghost parents are linked, not here). */
static size_t
rows_ghosts_attach(const struct rows *r, const struct rows_headers *h,
    const struct ptree *t, const struct viewstate *vs, size_t j)
{
	const struct snapshot	*snap = t->snap;
	const struct rows_gplace *pl = &r->gplace[j];
	const struct procinfo	*g = &vs->recent->ghosts[j].proc, *p;
	bool			 by_ns = vs->layout == ROWS_BY_PIDNS;
	uint64_t		 ns = by_ns ? rows_group_key(snap, g,
				    vs->group_ns) : 0;
	size_t			 k;

	if (pl->parent_rec == PTREE_NONE) {
		if (by_ns)
			return rows_ghosts_header(r, h, snap, vs, ns);
		return vs->filter == ROWS_ALL ? PTREE_NONE : ROWS_GHOST_HIDDEN;
	}
	p = &snap->procs[pl->parent_rec];
	if (rows_folding(vs) && rows_is_folded(vs, p))
		return ROWS_GHOST_HIDDEN;
	if (by_ns && rows_group_key(snap, p, vs->group_ns) != ns)
		return rows_ghosts_header(r, h, snap, vs, ns);
	k = rows_ghosts_row_of(r, t, pl->parent_rec);
	return k != PTREE_NONE ? k : ROWS_GHOST_HIDDEN;
}

/* By attached row, then pid (the top, PTREE_NONE, sorts last). */
static int
rows_ghosts_cmp(const void *a, const void *b, void *arg)
{
	const struct rows_gplace	*pl = ((const struct rows *)arg)->gplace;
	size_t				 x = *(const size_t *)a;
	size_t				 y = *(const size_t *)b;

	if (pl[x].attach != pl[y].attach)
		return (pl[x].attach > pl[y].attach) -
		    (pl[x].attach < pl[y].attach);
	return (x > y) - (x < y);	/* ghost order: by pid, start */
}

/* The merge's state: the new rows and the blocks still to place. */
struct rows_merge {
	struct rows		*r;		/* its rows are written from 0 */
	const struct row	*src;		/* the rows before the merge, at
						   the end of r->v */
	const size_t		*src_parent;	/* their parent_row */
	const struct viewstate	*vs;
	size_t			*blocks;	/* ghosts under rows, sorted */
	size_t			 nblocks;
	size_t			*stack;		/* DFS over ghost children */
	size_t			*stack_par;
	size_t			 m;		/* new rows so far */
};

/* Emit ghost j and the ghosts under it, in pre-order, under new row par. */
static void
rows_ghosts_emit(struct rows_merge *mg, size_t j, size_t par)
{
	struct rows		*r = mg->r;
	const struct recent	*rc = mg->vs->recent;
	struct rows_gplace	*pl;
	struct row		*row;
	size_t			 n = 0, x, p, kid;

	mg->stack[n] = j;
	mg->stack_par[n++] = par;
	while (n > 0) {
		x = mg->stack[--n];
		p = mg->stack_par[n];
		pl = &r->gplace[x];
		if (pl->emitted)
			continue;
		pl->emitted = true;
		row = &r->v[mg->m];
		memset(row, 0, sizeof *row);
		row->proc = &rc->ghosts[x].proc;
		row->index = ROWS_NO_INDEX;
		row->depth = p == PTREE_NONE ? 0 : r->v[p].depth + 1;
		row->flags = ROW_GHOST | (rows_ghosts_text_on(mg->vs) ?
		    ROW_MATCH : 0);
		r->parent_row[mg->m] = p;
		if (p != PTREE_NONE)
			r->v[p].flags |= ROW_HAS_KIDS;
		mg->m++;
		if (pl->first_kid == PTREE_NONE)
			continue;
		if (rows_folding(mg->vs) && rows_is_folded(mg->vs, row->proc)) {
			row->flags |= ROW_FOLDED | ROW_HAS_KIDS;
			continue;
		}
		/* Kids are linked by descending pid: the smallest pops first. */
		for (kid = pl->first_kid; kid != PTREE_NONE;
		    kid = r->gplace[kid].next_sib)
			if (!r->gplace[kid].emitted &&
			    r->gplace[kid].shown) {
				mg->stack[n] = kid;
				mg->stack_par[n++] = mg->m - 1;
			}
	}
}

/* Emit the blocks of [*lo, hi) with a pid below limit under new row par. */
static void
rows_ghosts_flush(struct rows_merge *mg, size_t *lo, size_t hi, pid_t limit,
    bool all, size_t par)
{
	const struct recent	*rc = mg->vs->recent;

	while (*lo < hi && (all ||
	    rc->ghosts[mg->blocks[*lo]].proc.pid < limit))
		rows_ghosts_emit(mg, mg->blocks[(*lo)++], par);
}

/* Link ghost kids under ghost parents; list the blocks under rows. */
static size_t
rows_ghosts_place(struct rows *r, const struct ptree *t,
    const struct viewstate *vs, size_t *blocks)
{
	struct rows_gplace	*pl, *up;
	struct rows_headers	 h = { NULL, 0 };
	size_t			 j, k, nb = 0, ng = rows_ghosts_count(vs);

	if (vs->layout == ROWS_BY_PIDNS) {
		h.rows = xcalloc(r->n + 1, sizeof *h.rows);
		for (k = 0; k < r->n; k++)
			if (r->v[k].proc == NULL)
				h.rows[h.n++] = k;
	}
	for (j = 0; j < ng; j++) {
		r->gplace[j].first_kid = PTREE_NONE;
		r->gplace[j].next_sib = PTREE_NONE;
		r->gplace[j].emitted = false;
	}
	for (j = 0; j < ng; j++) {
		pl = &r->gplace[j];
		pl->attach = ROWS_GHOST_HIDDEN;
		if (!pl->shown)
			continue;
		if (pl->parent_ghost != PTREE_NONE) {
			up = &r->gplace[pl->parent_ghost];
			pl->next_sib = up->first_kid;
			up->first_kid = j;
			continue;
		}
		pl->attach = rows_ghosts_attach(r, &h, t, vs, j);
		if (pl->attach != ROWS_GHOST_HIDDEN)
			blocks[nb++] = j;
	}
	free(h.rows);
	qsort_r(blocks, nb, sizeof *blocks, rows_ghosts_cmp, r);
	return nb;
}

/* An open row of the merge: an ancestor of the current row. */
struct rows_open {
	size_t	old;		/* its index before the merge */
	size_t	nrow;		/* its index after */
	size_t	lo, hi;		/* its blocks not emitted yet */
};

/*
 * The merge is in place: the rows move up by ng (rows_reserve() made
 * room) and are written from the start.  Before row k is read, at most k
 * rows and ng - 1 ghosts are written: never over a row not read.
 */
static void
rows_ghosts_shift(struct rows_merge *mg, size_t ng)
{
	struct rows	*r = mg->r;

	memmove(r->v + ng, r->v, r->n * sizeof *r->v);
	memmove(r->parent_row + ng, r->parent_row,
	    r->n * sizeof *r->parent_row);
	mg->src = r->v + ng;
	mg->src_parent = r->parent_row + ng;
}

void
rows_ghosts_merge(struct rows *r, const struct ptree *t,
    const struct viewstate *vs)
{
	struct rows_merge	 mg = { .r = r, .vs = vs };
	struct rows_open	*open = NULL;	/* as deep as the tree */
	size_t			 ng = rows_ghosts_count(vs), k, pr, bp = 0;
	size_t			 sp = 0, top_lo, open_cap = 0;
	pid_t			 pid;

	if (ng == 0)
		return;
	mg.blocks = xcalloc(ng, sizeof *mg.blocks);
	mg.nblocks = rows_ghosts_place(r, t, vs, mg.blocks);
	if (mg.nblocks == 0) {
		free(mg.blocks);
		return;
	}
	mg.stack = xcalloc(ng, sizeof *mg.stack);
	mg.stack_par = xcalloc(ng, sizeof *mg.stack_par);
	for (top_lo = mg.nblocks; top_lo > 0 &&
	    r->gplace[mg.blocks[top_lo - 1]].attach == PTREE_NONE; top_lo--)
		;
	rows_ghosts_shift(&mg, ng);
	for (k = 0; k < r->n; k++) {
		pr = mg.src_parent[k];
		while (sp > 0 && open[sp - 1].old != pr) {
			sp--;
			rows_ghosts_flush(&mg, &open[sp].lo, open[sp].hi, 0,
			    true, open[sp].nrow);
		}
		pid = mg.src[k].proc != NULL ? mg.src[k].proc->pid : 0;
		if (sp > 0)
			rows_ghosts_flush(&mg, &open[sp - 1].lo,
			    open[sp - 1].hi, pid, false, open[sp - 1].nrow);
		else
			rows_ghosts_flush(&mg, &top_lo, mg.nblocks, pid, false,
			    PTREE_NONE);
		r->v[mg.m] = mg.src[k];
		r->parent_row[mg.m] = sp > 0 ? open[sp - 1].nrow : PTREE_NONE;
		if (sp == open_cap) {
			open_cap = open_cap ? open_cap * 2 : 64;
			open = xreallocarray(open, open_cap, sizeof *open);
		}
		open[sp].old = k;
		open[sp].nrow = mg.m++;
		/* The blocks under row k: the sweep meets rows in order. */
		while (bp < top_lo && r->gplace[mg.blocks[bp]].attach < k)
			bp++;
		open[sp].lo = bp;
		while (bp < top_lo && r->gplace[mg.blocks[bp]].attach == k)
			bp++;
		open[sp++].hi = bp;
	}
	while (sp > 0) {
		sp--;
		rows_ghosts_flush(&mg, &open[sp].lo, open[sp].hi, 0, true,
		    open[sp].nrow);
	}
	rows_ghosts_flush(&mg, &top_lo, mg.nblocks, 0, true, PTREE_NONE);
	r->n = mg.m;
	free(open);
	free(mg.stack);
	free(mg.stack_par);
	free(mg.blocks);
}

void
rows_ghosts_mark_new(struct rows *r, const struct viewstate *vs)
{
	size_t	k;

	if (vs->recent == NULL || vs->recent->nbirths == 0)
		return;
	for (k = 0; k < r->n; k++)
		if (r->v[k].proc != NULL && !(r->v[k].flags & ROW_GHOST) &&
		    recent_is_new(vs->recent, r->v[k].proc))
			r->v[k].flags |= ROW_NEW;
}
