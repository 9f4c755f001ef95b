/*
 * The PID-namespace table, derived from the records alone (so it works
 * the same on a loaded snapshot): members, level from NSpid, the init,
 * and the parent namespace from the parent of a member that sits one
 * level up.
 */
#include "config.h"
#include "nstable.h"

#include <stdlib.h>

#include "snapshot.h"
#include "xalloc.h"

static int
nstable_cmp_inode(const void *a, const void *b)
{
	const struct pidns_info	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

static int
nstable_cmp_u64(const void *a, const void *b)
{
	const uint64_t	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

static int
nstable_cmp_level(const void *a, const void *b)
{
	const struct pidns_info	*x = a, *y = b;

	if (x->level != y->level)
		return (x->level > y->level) - (x->level < y->level);
	return nstable_cmp_inode(a, b);
}

static struct pidns_info *
nstable_find(struct pidns_info *v, size_t n, uint64_t inode)
{
	struct pidns_info	key = { .inode = inode };

	return bsearch(&key, v, n, sizeof *v, nstable_cmp_inode);
}

static int
nstable_level_of(const struct snapshot *snap, const struct procinfo *p)
{
	if (procinfo_pidns(snap, p) == snap->self_pidns || p->nspid_len == 0)
		return 0;
	return p->nspid_len - 1;
}

void
nstable_build(struct snapshot *snap)
{
	struct pidns_info	*v = NULL, *ns, *pns;
	const struct procinfo	*p, *parent;
	uint64_t		*inodes;
	size_t			 n = 0, i, u;

	free(snap->pidns);
	/* The distinct inodes, sorted: a few namespaces among many records. */
	inodes = xreallocarray(NULL, snap->nprocs + 1, sizeof *inodes);
	for (i = 0; i < snap->nprocs; i++) {
		uint64_t inode = procinfo_pidns(snap, &snap->procs[i]);

		/* Neighbours mostly share one: a run is sorted once. */
		if (inode != INODE_UNKNOWN && (n == 0 || inodes[n - 1] != inode))
			inodes[n++] = inode;
	}
	qsort(inodes, n, sizeof *inodes, nstable_cmp_u64);
	for (i = u = 0; i < n; i++)
		if (u == 0 || inodes[u - 1] != inodes[i])
			inodes[u++] = inodes[i];
	n = u;
	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i].inode = inodes[i];
	free(inodes);

	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (procinfo_pidns(snap, p) == INODE_UNKNOWN ||
		    (p->flags & PI_THREAD))
			continue;
		ns = nstable_find(v, n, procinfo_pidns(snap, p));
		if (ns == NULL)
			continue;
		ns->level = nstable_level_of(snap, p);
		ns->processes++;
		if (p->state == 'Z')
			ns->zombies++;
		if (procinfo_inner_pid(p) == 1)
			ns->init_pid = p->pid;
	}
	/* The parent namespace: where a member's parent lives, one level up. */
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (procinfo_pidns(snap, p) == INODE_UNKNOWN ||
		    (p->flags & PI_THREAD))
			continue;
		ns = nstable_find(v, n, procinfo_pidns(snap, p));
		if (ns == NULL || ns->parent != INODE_UNKNOWN || ns->level == 0)
			continue;
		parent = snapshot_find(snap, p->ppid);
		if (parent == NULL ||
		    procinfo_pidns(snap, parent) == INODE_UNKNOWN ||
		    procinfo_pidns(snap, parent) == procinfo_pidns(snap, p))
			continue;
		pns = nstable_find(v, n, procinfo_pidns(snap, parent));
		if (pns != NULL && pns->level == ns->level - 1)
			ns->parent = pns->inode;
	}
	/*
	 * PID 1 in the scanner's own numbering is that namespace's init, even
	 * where its ns/pid link cannot be read (its record keeps "unknown").
	 */
	ns = nstable_find(v, n, snap->self_pidns);
	if (ns != NULL && ns->init_pid == 0 && snapshot_find(snap, 1) != NULL)
		ns->init_pid = 1;
	qsort(v, n, sizeof *v, nstable_cmp_level);
	snap->pidns = v;
	snap->npidns = n;
}
