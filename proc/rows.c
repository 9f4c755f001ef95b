/*
 * tree + view state -> visible rows.  Linear in the number of records,
 * no recursion: filters mark records, one walk over the pre-order emits
 * the visible ones (each under its nearest visible ancestor), ghosts of
 * exited processes are merged in (rows_ghosts.c), and two passes over
 * the rows settle last-child flags and rails.  A folded row counts what
 * its fold hides, and the zombies among it, on the way.
 */
#include "config.h"
#include "rows.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "ptree.h"
#include "recent.h"
#include "rows_ghosts.h"
#include "snapshot.h"
#include "xalloc.h"

#define ROW_LAST_SEEN	(1u << 31)	/* rows_mark_last(): a later child seen */

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
	free(r->sorted);
	free(r->gplace);
	rows_init(r);
}

/*
 * The scratch arrays by record are freed once the rows are built: the
 * next build may be many seconds away, and they held 17 bytes for each
 * process until then (the refresh thread builds the next snapshot
 * meanwhile, when memory is at its peak).
 */
static void
rows_free_scratch(struct rows *r)
{
	free(r->mark);
	free(r->row_of);
	free(r->sorted);
	r->mark = NULL;
	r->row_of = NULL;
	r->sorted = NULL;
	r->scratch_cap = 0;
	r->sorted_cap = 0;
}

/*
 * Room for n records, ng ghosts and up to n + ng + extra rows (section
 * headers).
 */
static void
rows_reserve(struct rows *r, size_t n, size_t ng, size_t extra)
{
	size_t	rows = n + ng + extra;

	if (rows > r->cap || r->v == NULL) {
		r->cap = rows > 16 ? rows : 16;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
		r->parent_row = xreallocarray(r->parent_row, r->cap,
		    sizeof *r->parent_row);
	}
	if (ng > r->gplace_cap) {
		r->gplace_cap = ng;
		r->gplace = xreallocarray(r->gplace, ng, sizeof *r->gplace);
	}
	if (n + ng > r->sorted_cap || r->sorted == NULL) {
		r->sorted_cap = n + ng > 16 ? n + ng : 16;
		r->sorted = xreallocarray(r->sorted, r->sorted_cap,
		    sizeof *r->sorted);
	}
	if (n <= r->scratch_cap && r->mark != NULL)
		return;
	r->scratch_cap = n > 16 ? n : 16;
	r->mark = xreallocarray(r->mark, r->scratch_cap, sizeof *r->mark);
	r->row_of = xreallocarray(r->row_of, r->scratch_cap,
	    sizeof *r->row_of);
	if (r->cont == NULL)
		r->cont = xcalloc(ROWS_RAIL_MAX + 1, sizeof *r->cont);
}

/* Flat sort: index i < n is record i, n + j is ghost j. */
struct rows_sort_ctx {
	const struct viewstate	*vs;
	const struct procinfo	*procs;
	size_t			 n;
	const struct snapshot	*snap;
};

static const struct procinfo *
rows_sort_proc(const struct rows_sort_ctx *ctx, size_t i)
{
	return i < ctx->n ? &ctx->procs[i] :
	    &ctx->vs->recent->ghosts[i - ctx->n].proc;
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

/* Section (or PID-namespace table) indices sorted by inode, for search. */
struct rows_nsidx {
	uint64_t	inode;
	size_t		idx;		/* into the inodes it was built from */
};

static int
rows_cmp_nsidx(const void *a, const void *b)
{
	uint64_t	x = ((const struct rows_nsidx *)a)->inode;
	uint64_t	y = ((const struct rows_nsidx *)b)->inode;

	return (x > y) - (x < y);
}

static int
rows_cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* New index of n inodes (v[k] -> k) by inode; the caller frees it. */
static struct rows_nsidx *
rows_nsidx_of(const uint64_t *v, size_t n)
{
	struct rows_nsidx	*ix = xcalloc(n + 1, sizeof *ix);
	size_t			 k;

	for (k = 0; k < n; k++) {
		ix[k].inode = v[k];
		ix[k].idx = k;
	}
	qsort(ix, n, sizeof *ix, rows_cmp_nsidx);
	return ix;
}

/* New table of snap's PID namespaces by inode; the caller frees it. */
static struct rows_nsidx *
rows_nsidx_build(const struct snapshot *snap)
{
	uint64_t		*v = xcalloc(snap->npidns + 1, sizeof *v);
	struct rows_nsidx	*ix;
	size_t			 k;

	for (k = 0; k < snap->npidns; k++)
		v[k] = snap->pidns[k].inode;
	ix = rows_nsidx_of(v, snap->npidns);
	free(v);
	return ix;
}

/*
 * The namespaces of type t the sections are for, in display order; *n
 * of them.  By PID namespace, the table's order (level, then inode);
 * else every inode the n records name, treetop's own first, then by
 * inode.
 */
static uint64_t *
rows_sections(const struct snapshot *snap, enum ns_type t, size_t n,
    size_t *count)
{
	const struct procinfo	*self;
	uint64_t		*v, own;
	size_t			 i, u = 0;

	v = xcalloc((t == NS_PID ? snap->npidns : n) + 1, sizeof *v);
	if (t == NS_PID) {
		for (i = 0; i < snap->npidns; i++)
			v[i] = snap->pidns[i].inode;
		*count = snap->npidns;
		return v;
	}
	for (i = 0; i < n; i++)
		if (snap->procs[i].ns[t] != INODE_UNKNOWN)
			v[u++] = snap->procs[i].ns[t];
	qsort(v, u, sizeof *v, rows_cmp_u64);
	for (i = 0, n = 0; i < u; i++)
		if (n == 0 || v[n - 1] != v[i])
			v[n++] = v[i];
	self = snapshot_find(snap, snap->self_pid);
	own = self != NULL ? self->ns[t] : INODE_UNKNOWN;
	for (i = 1; own != INODE_UNKNOWN && i < n; i++)
		if (v[i] == own) {
			memmove(v + 1, v, i * sizeof *v);
			v[0] = own;
			break;
		}
	*count = n;
	return v;
}

/* The index of the namespace with inode, or n if none. */
static size_t
rows_nsidx_find(const struct rows_nsidx *v, size_t n, uint64_t inode)
{
	struct rows_nsidx	 key = { .inode = inode };
	const struct rows_nsidx	*hit = bsearch(&key, v, n, sizeof *v,
				    rows_cmp_nsidx);

	return hit != NULL ? hit->idx : n;
}

/*
 * Mark the records of namespace target and of the namespaces nested in
 * it.  The answer is worked out once per namespace (a walk up its
 * parents), then each record costs one binary search: linear in the
 * records however many namespaces there are.
 */
static void
rows_mark_pidns(struct rows *r, const struct ptree *t, uint64_t target)
{
	const struct snapshot	*snap = t->snap;
	size_t			 n = snap->npidns, i, k, steps, at;
	struct rows_nsidx	*byino = rows_nsidx_build(snap);
	unsigned char		*within = xcalloc(n + 1, 1);
	uint64_t		 inode;

	for (k = 0; k < n; k++) {
		inode = snap->pidns[k].inode;
		for (steps = 0; steps <= n && inode != INODE_UNKNOWN; steps++) {
			if (inode == target) {
				within[k] = 1;
				break;
			}
			at = rows_nsidx_find(byino, n, inode);
			inode = at < n ? snap->pidns[at].parent : INODE_UNKNOWN;
		}
	}
	for (i = 0; i < t->n; i++)
		if (within[rows_nsidx_find(byino, n,
		    procinfo_pidns(snap, &snap->procs[i]))])
			r->mark[i] |= MARK_VISIBLE | MARK_MATCH;
	free(byino);
	free(within);
}

/* Mark the records whose cgroup puts them in container c. */
static void
rows_mark_container(struct rows *r, const struct ptree *t,
    const struct cgroup_ident *c)
{
	const struct cgroup_info	*in;
	size_t				 i;

	for (i = 0; c != NULL && i < t->n; i++)
		if ((in = procinfo_container(t->snap, &t->snap->procs[i])) !=
		    NULL && cgroup_same_container(&in->ident, c))
			r->mark[i] |= MARK_VISIBLE | MARK_MATCH;
}

/* Keep the visible records that match the text, and their ancestors. */
static void
rows_mark_text(struct rows *r, const struct ptree *t, const char *query,
    bool ancestors, bool inside)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		if ((r->mark[i] & MARK_VISIBLE) &&
		    rows_proc_matches(t->snap, &t->snap->procs[i], query,
		    inside))
			r->mark[i] |= MARK_TEXT;
	for (i = 0; i < t->n; i++)
		r->mark[i] &= MARK_TEXT;
	for (i = 0; i < t->n; i++)
		if (r->mark[i] & MARK_TEXT) {
			if (ancestors)
				rows_mark_with_ancestors(r, t, i);
			else
				r->mark[i] |= MARK_VISIBLE | MARK_MATCH;
		}
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
		rows_mark_pidns(r, t, vs->pidns);
		break;
	case ROWS_CONTAINER:
		rows_mark_container(r, t, vs->container);
		break;
	}
	rows_ghosts_filter(r, vs);
	for (i = 0; i < t->n; i++)
		if (rows_proc_hidden(vs, &snap->procs[i]))
			r->mark[i] = 0;
	if (vs->match != NULL && vs->match[0] != '\0') {
		/* A list has no tree to place a match in: matches only. */
		rows_mark_text(r, t, vs->match, vs->layout != ROWS_FLAT,
		    vs->layout == ROWS_BY_PIDNS);
		rows_ghosts_text(r, t, vs);
	}
}

/* Count p among what the fold on row fold hides. */
static void
rows_count_hidden(struct row *fold, const struct procinfo *p)
{
	fold->hidden++;
	if (p->flags & PI_ZOMBIE)
		fold->hidden_zombies++;
}

/*
 * Count on row what a fold on record i hides: the visible records below
 * it.  Only a folded row's subtree is walked, and the walk that emits
 * rows then skips it, so the rows stay linear in the records.
 */
static void
rows_count_subtree(const struct rows *r, const struct ptree *t, size_t i,
    struct row *row)
{
	size_t	pos, k;

	for (pos = t->pos[i] + 1; pos < t->subtree_end[t->pos[i]]; pos++) {
		k = t->order[pos];
		if (r->mark[k] & MARK_VISIBLE)
			rows_count_hidden(row, &t->snap->procs[k]);
	}
}

/* Emit visible records in pre-order, each under its nearest visible ancestor. */
static void
rows_emit(struct rows *r, const struct ptree *t, const struct viewstate *vs)
{
	size_t	pos = 0, i, up, prow;
	struct row *row;

	r->n = 0;
	/* A folded subtree is skipped: its records get no row. */
	for (i = 0; i < t->n; i++)
		r->row_of[i] = PTREE_NONE;
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
		row->index = (uint32_t)i;
		row->depth = prow == PTREE_NONE ? 0 : r->v[prow].depth + 1;
		row->rails = 0;
		row->flags = (r->mark[i] & MARK_MATCH) ? ROW_MATCH : 0;
		row->hidden = row->hidden_zombies = 0;
		r->parent_row[r->n] = prow;
		if (prow != PTREE_NONE)
			r->v[prow].flags |= ROW_HAS_KIDS;
		r->row_of[i] = r->n++;
		if (rows_folding(vs) && rows_is_folded(vs, row->proc))
			rows_count_subtree(r, t, i, row);
		if (row->hidden > 0) {
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

	for (k = r->n; k-- > 0;) {
		prow = r->parent_row[k];
		if (prow == PTREE_NONE) {
			if (!root_seen)
				r->v[k].flags |= ROW_LAST;
			root_seen = true;
		} else if (!(r->v[prow].flags & ROW_LAST_SEEN)) {
			r->v[k].flags |= ROW_LAST;
			r->v[prow].flags |= ROW_LAST_SEEN;
		}
	}
	for (k = 0; k < r->n; k++)
		r->v[k].flags &= ~ROW_LAST_SEEN;
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

/* A container's name (its ID without one), or "" outside any. */
static const char *
rows_container_key(const struct snapshot *snap, const struct procinfo *p)
{
	const struct cgroup_info	*c = procinfo_container(snap, p);

	if (c == NULL)
		return "";
	return c->names.name[0] != '\0' ? c->names.name : c->ident.id;
}

/* A unit, or "". */
static const char *
rows_unit_key(const struct snapshot *snap, const struct procinfo *p)
{
	const char	*unit = procinfo_unit(snap, p);

	return unit != NULL ? unit : "";
}

static int
rows_cmp(const void *a, const void *b, void *arg)
{
	const struct rows_sort_ctx *ctx = arg;
	const struct viewstate	*vs = ctx->vs;
	const struct procinfo	*x = rows_sort_proc(ctx, *(const size_t *)a);
	const struct procinfo	*y = rows_sort_proc(ctx, *(const size_t *)b);
	int			 c = 0;

	switch (vs->sort) {
	case SORT_PID:
		break;
	case SORT_PPID:
		c = (x->ppid > y->ppid) - (x->ppid < y->ppid);
		break;
	case SORT_PGID:
		c = (x->pgid > y->pgid) - (x->pgid < y->pgid);
		break;
	case SORT_SID:
		c = (x->sid > y->sid) - (x->sid < y->sid);
		break;
	case SORT_TGID:
		c = (x->tgid > y->tgid) - (x->tgid < y->tgid);
		break;
	case SORT_NSPID:
		c = (procinfo_inner_pid(x) > procinfo_inner_pid(y)) -
		    (procinfo_inner_pid(x) < procinfo_inner_pid(y));
		break;
	case SORT_USER:
		c = strcmp(x->user, y->user);
		break;
	case SORT_STATE:
		c = (x->state > y->state) - (x->state < y->state);
		break;
	case SORT_CPU:
		c = (x->cpu_pct > y->cpu_pct) - (x->cpu_pct < y->cpu_pct);
		break;
	case SORT_RSS:
	case SORT_MEM:		/* the same order: a share of one total */
		c = (x->rss_kb > y->rss_kb) - (x->rss_kb < y->rss_kb);
		break;
	case SORT_VIRT:
		c = (x->vsz_kb > y->vsz_kb) - (x->vsz_kb < y->vsz_kb);
		break;
	case SORT_NLWP:
		c = (x->threads > y->threads) - (x->threads < y->threads);
		break;
	case SORT_TIME:
		c = (x->cpu_ticks > y->cpu_ticks) - (x->cpu_ticks < y->cpu_ticks);
		break;
	case SORT_START:
		c = (x->start_ticks > y->start_ticks) -
		    (x->start_ticks < y->start_ticks);
		break;
	case SORT_COMMAND:
		c = strcmp(x->comm, y->comm);
		break;
	case SORT_CONTAINER:
		c = strcmp(rows_container_key(ctx->snap, x),
		    rows_container_key(ctx->snap, y));
		break;
	case SORT_UNIT:
		c = strcmp(rows_unit_key(ctx->snap, x),
		    rows_unit_key(ctx->snap, y));
		break;
	case SORT_COUNT:
		break;
	}
	if (vs->descending)
		c = -c;
	if (c == 0)
		c = (x->pid > y->pid) - (x->pid < y->pid);
	/* A ghost and the process that reused its PID: the older first. */
	return c != 0 ? c : (x->start_ticks > y->start_ticks) -
	    (x->start_ticks < y->start_ticks);
}

static struct row *
rows_add(struct rows *r, const struct procinfo *p, size_t index,
    size_t prow)
{
	struct row	*row = &r->v[r->n];

	row->proc = p;
	row->index = (uint32_t)index;
	row->depth = prow == PTREE_NONE ? 0 : r->v[prow].depth + 1;
	row->rails = 0;
	row->flags = 0;
	row->hidden = row->hidden_zombies = 0;
	r->parent_row[r->n++] = prow;
	if (prow != PTREE_NONE)
		r->v[prow].flags |= ROW_HAS_KIDS;
	return row;
}

/* Every visible record, sorted, at depth 0. */
static void
rows_emit_flat(struct rows *r, const struct ptree *t,
    const struct viewstate *vs)
{
	struct rows_sort_ctx	ctx = { vs, t->snap->procs, t->n, t->snap };
	const struct recent	*rc = vs->recent;
	struct row		*row;
	size_t			 i, k, n = 0;

	for (i = 0; i < t->n; i++)
		if (r->mark[i] & MARK_VISIBLE)
			r->sorted[n++] = i;
	n = rows_ghosts_flat(r, vs, t->n, n);
	qsort_r(r->sorted, n, sizeof *r->sorted, rows_cmp, &ctx);
	r->n = 0;
	for (i = 0; i < n; i++) {
		k = r->sorted[i];
		if (k >= t->n) {
			row = rows_add(r, &rc->ghosts[k - t->n].proc,
			    ROWS_NO_INDEX, PTREE_NONE);
			row->flags |= ROW_GHOST;
			if (vs->match != NULL && vs->match[0] != '\0')
				row->flags |= ROW_MATCH;
			continue;
		}
		row = rows_add(r, &t->snap->procs[k], k, PTREE_NONE);
		if (r->mark[k] & MARK_MATCH)
			row->flags |= ROW_MATCH;
	}
}

/*
 * Bucket the records by section (a counting sort, so this stays
 * linear): sorted[] gets the pre-order grouped by section, start[k] the
 * end of section k's run (section nns: unknown), members[k] the
 * processes of section k.
 */
static void
rows_bucket_sections(struct rows *r, const struct ptree *t,
    const struct viewstate *vs, const uint64_t *keys, size_t nns,
    size_t *start, unsigned *members)
{
	const struct snapshot	*snap = t->snap;
	struct rows_nsidx	*byino = rows_nsidx_of(keys, nns);
	size_t			*ns_of = r->row_of;	/* reused, then overwritten */
	size_t			 i, k, pos;

	for (i = 0; i < t->n; i++) {
		ns_of[i] = rows_nsidx_find(byino, nns,
		    rows_group_key(snap, &snap->procs[i], vs->group_ns));
		start[ns_of[i] + 1]++;
		if (!(snap->procs[i].flags & PI_THREAD))
			members[ns_of[i]]++;
	}
	free(byino);
	for (k = 1; k <= nns + 1; k++)
		start[k] += start[k - 1];
	for (pos = 0; pos < t->n; pos++) {
		i = t->order[pos];
		r->sorted[start[ns_of[i]]++] = i;
	}
}

/* The header row of section k of nns (nns: the unknown namespaces). */
static void
rows_add_header(struct rows *r, const uint64_t *keys, size_t nns, size_t k,
    unsigned members)
{
	struct row	*h = rows_add(r, NULL, 0, PTREE_NONE);

	h->group_inode = k < nns ? keys[k] : INODE_UNKNOWN;
	h->group_members = members;
}

/*
 * A section per namespace of type vs->group_ns (for PID, the table's
 * order), headed by a row with the namespace, holding its members as a
 * tree in pre-order.
 */
static void
rows_emit_by_pidns(struct rows *r, const struct ptree *t,
    const struct viewstate *vs)
{
	const struct snapshot	*snap = t->snap;
	size_t			 nns, k, pos, i, up, prow;
	uint64_t		*keys = rows_sections(snap, vs->group_ns, t->n,
				    &nns);
	size_t			*start = xcalloc(nns + 2, sizeof *start);
	unsigned		*members = xcalloc(nns + 1, sizeof *members);
	size_t			*stack = xcalloc(t->n + 1, sizeof *stack);
	size_t			 depth;

	rows_bucket_sections(r, t, vs, keys, nns, start, members);
	/* start[k] is now the end of section k; section k begins at start[k-1]. */
	for (i = 0; i < t->n; i++)
		r->mark[i] = (unsigned char)(r->mark[i] & ~MARK_HIDDEN);
	r->n = 0;
	for (k = 0; k <= nns; k++) {
		size_t	from = k == 0 ? 0 : start[k - 1], header;

		if (from == start[k])
			continue;
		header = PTREE_NONE;	/* added with the first visible member */
		depth = 0;
		for (pos = from; pos < start[k]; pos++) {
			i = r->sorted[pos];
			/*
			 * The section is in tree pre-order, so the members
			 * on the stack whose subtree holds i are its
			 * ancestors in this section; the top is the nearest.
			 * Its real parent may be elsewhere (another or an
			 * unknown namespace): that must not cut the tree.
			 */
			while (depth > 0 && t->pos[i] >= t->subtree_end[
			    t->pos[stack[depth - 1]]])
				depth--;
			up = depth > 0 ? stack[depth - 1] : PTREE_NONE;
			if (!(r->mark[i] & MARK_VISIBLE))
				continue;
			stack[depth++] = i;
			if (up != PTREE_NONE && (r->mark[up] & MARK_HIDDEN)) {
				r->mark[i] |= MARK_HIDDEN;
				r->row_of[i] = r->row_of[up];	/* the fold's */
				rows_count_hidden(&r->v[r->row_of[i]],
				    &snap->procs[i]);
				continue;
			}
			if (header == PTREE_NONE) {
				header = r->n;
				rows_add_header(r, keys, nns, k, members[k]);
			}
			prow = up != PTREE_NONE ? r->row_of[up] : header;
			r->row_of[i] = r->n;
			rows_add(r, &snap->procs[i], i, prow)->flags |=
			    (r->mark[i] & MARK_MATCH) ? ROW_MATCH : 0;
			if (rows_folding(vs) && t->first_child[i] != PTREE_NONE &&
			    rows_is_folded(vs, &snap->procs[i])) {
				r->v[r->n - 1].flags |= ROW_FOLDED | ROW_HAS_KIDS;
				r->mark[i] |= MARK_HIDDEN;
			}
		}
	}
	free(stack);
	free(members);
	free(start);
	free(keys);
}

const struct recent_ghost *
rows_ghost(const struct row *row)
{
	if (!(row->flags & ROW_GHOST) || row->proc == NULL)
		return NULL;
	return (const struct recent_ghost *)(const void *)
	    ((const char *)row->proc - offsetof(struct recent_ghost, proc));
}

const struct pidns_info *
rows_header_pidns(const struct snapshot *snap, enum ns_type group_ns,
    const struct row *row)
{
	if (row->proc != NULL || group_ns != NS_PID ||
	    row->group_inode == INODE_UNKNOWN)
		return NULL;
	return snapshot_find_pidns(snap, row->group_inode);
}

void
rows_build(struct rows *r, const struct ptree *t, const struct viewstate *vs)
{
	rows_reserve(r, t->n, rows_ghosts_count(vs), vs->group_ns == NS_PID ?
	    t->snap->npidns + 1 : t->n + 1);
	rows_ghosts_prepare(r, t->snap, vs);
	rows_mark(r, t, vs);
	switch (vs->layout) {
	case ROWS_TREE:
		rows_emit(r, t, vs);
		rows_ghosts_merge(r, t, vs);
		break;
	case ROWS_FLAT:
		rows_emit_flat(r, t, vs);
		break;
	case ROWS_BY_PIDNS:
		rows_emit_by_pidns(r, t, vs);
		rows_ghosts_merge(r, t, vs);
		break;
	}
	rows_ghosts_mark_new(r, vs);
	rows_mark_last(r);
	rows_set_rails(r);
	rows_free_scratch(r);
}
