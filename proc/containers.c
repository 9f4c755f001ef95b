/*
 * Zombie placement and "entered" marks (see containers.h): one table of
 * PID namespace -> its init's record, then two passes over the records.
 */
#include "config.h"
#include "containers.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

/* A PID namespace and its init (inner PID 1), sorted by inode. */
struct ns_init {
	uint64_t		 inode;
	const struct procinfo	*init;
};

static int
ns_init_cmp(const void *a, const void *b)
{
	const struct ns_init	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

/* The namespace inits of snap, sorted; *n of them.  Caller frees. */
static struct ns_init *
containers_inits(const struct snapshot *snap, size_t *n)
{
	struct ns_init	*v = NULL;
	size_t		 i, cap = 0;

	*n = 0;
	for (i = 0; i < snap->nprocs; i++) {
		const struct procinfo	*p = &snap->procs[i];

		if (procinfo_inner_pid(p) != 1 || (p->flags & PI_THREAD))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[*n].inode = procinfo_pidns(snap, p);
		v[(*n)++].init = p;
	}
	if (*n > 0)
		qsort(v, *n, sizeof *v, ns_init_cmp);
	return v;
}

/* The init of PID namespace inode, or NULL. */
static const struct procinfo *
containers_init_of(const struct ns_init *v, size_t n, uint64_t inode)
{
	struct ns_init	 key = { .inode = inode };
	struct ns_init	*hit;

	if (inode == INODE_UNKNOWN || n == 0)
		return NULL;
	hit = bsearch(&key, v, n, sizeof *v, ns_init_cmp);
	return hit != NULL ? hit->init : NULL;
}

/* True when the entries a and b (indexes) name the same container. */
static bool
containers_same(const struct snapshot *snap, uint32_t a, uint32_t b)
{
	const struct cgroup_info	*x = snapshot_cgroup(snap, a);
	const struct cgroup_info	*y = snapshot_cgroup(snap, b);
	enum ct_runtime			 rx, ry;

	rx = x != NULL ? x->ident.runtime : CT_NONE;
	ry = y != NULL ? y->ident.runtime : CT_NONE;
	if (rx == CT_NONE || ry == CT_NONE)
		return rx == ry;
	return cgroup_same_container(&x->ident, &y->ident);
}

/* A zombie (or unread) record without a container: its init's or parent's. */
static void
containers_place_zombie(struct snapshot *snap, const struct ns_init *v,
    size_t n, struct procinfo *p)
{
	const struct procinfo	*from;

	if (procinfo_container(snap, p) != NULL ||
	    (p->state != 'Z' && p->cgroup != 0))
		return;
	from = containers_init_of(v, n, procinfo_pidns(snap, p));
	if (from == p || from == NULL || procinfo_container(snap, from) == NULL)
		from = snapshot_find(snap, p->ppid);
	if (from != NULL && from != p && procinfo_container(snap, from) != NULL)
		p->cgroup = from->cgroup;
}

/*
 * For each entry (index - 1), the outermost init among v in the same
 * container, or NULL: the container's own PID 1.  Caller frees.
 */
static const struct procinfo **
containers_own_inits(const struct snapshot *snap, const struct ns_init *v,
    size_t n)
{
	const struct procinfo	**own;
	const struct procinfo	 *init;
	size_t			  i, j;

	own = xcalloc(snap->ncgroups + 1, sizeof *own);
	for (j = 0; j < snap->ncgroups; j++) {
		if (snap->cgroups[j].ident.runtime == CT_NONE)
			continue;
		for (i = 0; i < n; i++) {
			init = v[i].init;
			if (containers_same(snap, init->cgroup,
			    (uint32_t)j + 1) && (own[j] == NULL ||
			    init->nspid_len < own[j]->nspid_len))
				own[j] = init;
		}
	}
	return own;
}

/*
 * Whether p was put into another container's PID namespace than its
 * cgroup's, or into its container's cgroup from outside its PID
 * namespace.  own: containers_own_inits().
 */
static bool
containers_entered(const struct snapshot *snap, const struct ns_init *v,
    size_t n, const struct procinfo **own, const struct procinfo *p)
{
	const struct procinfo	*init;

	init = containers_init_of(v, n, procinfo_pidns(snap, p));
	if (init != NULL && init != p && procinfo_container(snap, init) &&
	    !containers_same(snap, init->cgroup, p->cgroup))
		return true;
	if (procinfo_container(snap, p) == NULL ||
	    (init = own[p->cgroup - 1]) == NULL || init == p)
		return false;
	/* in the container's PID namespace, or nested below it */
	if (p->nspid_len > init->nspid_len)
		return false;
	return procinfo_pidns(snap, p) != procinfo_pidns(snap, init);
}

void
containers_place(struct snapshot *snap)
{
	const struct procinfo	**own;
	struct ns_init		 *v;
	size_t			  n, i;

	v = containers_inits(snap, &n);
	for (i = 0; i < snap->nprocs; i++)
		containers_place_zombie(snap, v, n, &snap->procs[i]);
	own = containers_own_inits(snap, v, n);
	for (i = 0; i < snap->nprocs; i++) {
		snap->procs[i].flags &= ~(unsigned)PI_ENTERED;
		if (containers_entered(snap, v, n, own, &snap->procs[i]))
			snap->procs[i].flags |= PI_ENTERED;
	}
	free(own);
	free(v);
}

size_t
containers_count(const struct snapshot *snap)
{
	bool	*used = xcalloc(snap->ncgroups + 1, sizeof *used);
	size_t	 i, j, count = 0;

	for (i = 0; i < snap->nprocs; i++)
		if (procinfo_container(snap, &snap->procs[i]) != NULL)
			used[snap->procs[i].cgroup - 1] = true;
	/* one container may have several entries (one per unit) */
	for (j = 0; j < snap->ncgroups; j++) {
		if (!used[j])
			continue;
		count++;
		for (i = j + 1; i < snap->ncgroups; i++)
			if (used[i] && containers_same(snap, (uint32_t)i + 1,
			    (uint32_t)j + 1))
				used[i] = false;
	}
	free(used);
	return count;
}

/* --- finding a container by name or ID --------------------------------- */

/* 2: c is query by name or full ID; 1: by an ID prefix; 0: not at all. */
static int
containers_match(const struct cgroup_info *c, const char *query)
{
	size_t	n = strlen(query);

	if (strcmp(c->names.name, query) == 0 ||
	    strcmp(c->ident.id, query) == 0)
		return 2;
	if (c->ident.runtime != CT_LXC && c->ident.runtime != CT_NSPAWN &&
	    n > 0 && strncmp(c->ident.id, query, n) == 0)
		return 1;
	return 0;
}

/*
 * How many distinct containers match query at level: 0, 1, or more
 * (then the first two are in hit).
 */
static size_t
containers_matching(const struct snapshot *snap, const char *query,
    int level, const struct cgroup_info *hit[2])
{
	const struct cgroup_info	*c;
	size_t				 i, n = 0;

	for (i = 0; i < snap->ncgroups; i++) {
		c = &snap->cgroups[i];
		if (c->ident.runtime == CT_NONE ||
		    containers_match(c, query) != level ||
		    (n > 0 && cgroup_same_container(&hit[0]->ident, &c->ident)))
			continue;
		if (n < 2)
			hit[n] = c;
		n++;
	}
	return n;
}

const struct cgroup_info *
containers_find(const struct snapshot *snap, const char *query, char **cause)
{
	const struct cgroup_info	*hit[2] = { NULL, NULL };
	char				*q, *a, *b;
	size_t				 n;

	n = containers_matching(snap, query, 2, hit);
	if (n == 0)
		n = containers_matching(snap, query, 1, hit);
	if (n == 1)
		return hit[0];
	q = escape_strdup(query);
	if (n == 0)
		xasprintf(cause, "no container '%s' (by name, ID or ID "
		    "prefix)", q);
	else {
		a = escape_strdup(hit[0]->ident.id);
		b = escape_strdup(hit[1]->ident.id);
		xasprintf(cause, "container '%s' is ambiguous: it matches "
		    "%.12s (%s) and %.12s (%s) at least", q, a,
		    ct_runtime_name(hit[0]->ident.runtime), b,
		    ct_runtime_name(hit[1]->ident.runtime));
		free(a);
		free(b);
	}
	free(q);
	return NULL;
}

const struct procinfo *
containers_init(const struct snapshot *snap, const struct cgroup_ident *c)
{
	const struct procinfo		*best = NULL, *p;
	const struct cgroup_info	*in;
	size_t				 i;

	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (procinfo_inner_pid(p) != 1 || (p->flags & PI_THREAD) ||
		    procinfo_pidns(snap, p) == snap->self_pidns ||
		    (in = procinfo_container(snap, p)) == NULL ||
		    !cgroup_same_container(&in->ident, c))
			continue;
		if (best == NULL || p->nspid_len < best->nspid_len)
			best = p;
	}
	return best;
}
