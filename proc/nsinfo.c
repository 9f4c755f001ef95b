/*
 * The UTS and user namespace tables: lookups by inode (binary search,
 * the tables are sorted by nsinfo_sort()), and the uid maps read
 * backwards, from the host's uid to the one a process has inside.
 */
#include "config.h"
#include "nsinfo.h"

#include <stdio.h>
#include <stdlib.h>

#include "snapshot.h"

static int
nsinfo_cmp_uts(const void *a, const void *b)
{
	const struct utsns_info	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

static int
nsinfo_cmp_user(const void *a, const void *b)
{
	const struct userns_info	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

void
nsinfo_sort(struct snapshot *snap)
{
	if (snap->nutsns > 1)
		qsort(snap->utsns, snap->nutsns, sizeof *snap->utsns,
		    nsinfo_cmp_uts);
	if (snap->nuserns > 1)
		qsort(snap->userns, snap->nuserns, sizeof *snap->userns,
		    nsinfo_cmp_user);
}

const struct utsns_info *
nsinfo_uts(const struct snapshot *snap, uint64_t inode)
{
	struct utsns_info	key = { .inode = inode };

	if (inode == INODE_UNKNOWN || snap->nutsns == 0)
		return NULL;
	return bsearch(&key, snap->utsns, snap->nutsns, sizeof key,
	    nsinfo_cmp_uts);
}

const struct userns_info *
nsinfo_user(const struct snapshot *snap, uint64_t inode)
{
	struct userns_info	key = { .inode = inode };

	if (inode == INODE_UNKNOWN || snap->nuserns == 0)
		return NULL;
	return bsearch(&key, snap->userns, snap->nuserns, sizeof key,
	    nsinfo_cmp_user);
}

const char *
nsinfo_hostname(const struct snapshot *snap, const struct procinfo *p)
{
	const struct utsns_info	*u = nsinfo_uts(snap, p->ns[NS_UTS]);

	return u != NULL && u->known ? u->hostname : NULL;
}

const char *
nsinfo_pidns_hostname(const struct snapshot *snap,
    const struct pidns_info *ns)
{
	const struct procinfo	*init;

	if (ns->init_pid == 0 ||
	    (init = snapshot_find(snap, ns->init_pid)) == NULL)
		return NULL;
	return nsinfo_hostname(snap, init);
}

uint32_t
nsinfo_map_back(const struct idmap *m, uint32_t outside)
{
	size_t	i;

	for (i = 0; m->known && i < m->n; i++)
		if (outside >= m->v[i].outside &&
		    outside - m->v[i].outside < m->v[i].count)
			return m->v[i].inside + (outside - m->v[i].outside);
	return UID_UNKNOWN;
}

uint32_t
nsinfo_ns_uid(const struct snapshot *snap, const struct procinfo *p)
{
	const struct userns_info	*u;

	if (snap == NULL || p->uid == UID_UNKNOWN ||
	    (u = nsinfo_user(snap, p->ns[NS_USER])) == NULL)
		return UID_UNKNOWN;
	return nsinfo_map_back(&u->uid_map, p->uid);
}

void
nsinfo_user_label(const struct snapshot *snap, const struct procinfo *p,
    char *buf, size_t size)
{
	uint32_t	inside = nsinfo_ns_uid(snap, p);

	if (inside == UID_UNKNOWN || inside == p->uid)
		snprintf(buf, size, "%s", procinfo_user(p));
	else if (inside == 0)
		snprintf(buf, size, "root(%s)", procinfo_user(p));
	else
		snprintf(buf, size, "%u(%s)", inside, procinfo_user(p));
}
