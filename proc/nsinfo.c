/*
 * The UTS and user namespace tables: lookups by inode (binary search,
 * the tables are sorted by nsinfo_sort()), and the uid maps read
 * backwards, from the host's uid to the one a process has inside.
 */
#include "config.h"
#include "nsinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "passwd.h"
#include "snapshot.h"

static int
nsinfo_cmp_uts(const void *a, const void *b)
{
	const struct utsns_info	*x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

static int
nsinfo_cmp_mnt(const void *a, const void *b)
{
	const struct mntns_users	*x = a, *y = b;

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
	if (snap->nmntusers > 1)
		qsort(snap->mntusers, snap->nmntusers, sizeof *snap->mntusers,
		    nsinfo_cmp_mnt);
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

const struct mntns_users *
nsinfo_mntusers(const struct snapshot *snap, uint64_t inode)
{
	struct mntns_users	key = { .inode = inode };

	if (inode == INODE_UNKNOWN || snap->nmntusers == 0)
		return NULL;
	return bsearch(&key, snap->mntusers, snap->nmntusers, sizeof key,
	    nsinfo_cmp_mnt);
}

/*
 * p's mount namespace; a zombie's, whose link is gone, is taken to be
 * its PID namespace init's.
 */
static uint64_t
nsinfo_mnt_of(const struct snapshot *snap, const struct procinfo *p)
{
	const struct pidns_info	*ns;
	const struct procinfo	*init;

	if (p->ns[NS_MNT] != INODE_UNKNOWN || p->state != 'Z')
		return p->ns[NS_MNT];
	ns = snapshot_find_pidns(snap, procinfo_pidns(snap, p));
	if (ns == NULL || ns->init_pid == 0 ||
	    (init = snapshot_find(snap, ns->init_pid)) == NULL)
		return INODE_UNKNOWN;
	return init->ns[NS_MNT];
}

const char *
nsinfo_ns_user(const struct snapshot *snap, const struct procinfo *p)
{
	const struct mntns_users	*m;
	uint32_t			 inside;

	if (snap == NULL ||
	    (m = nsinfo_mntusers(snap, nsinfo_mnt_of(snap, p))) == NULL ||
	    !m->known || (inside = nsinfo_ns_uid(snap, p)) == UID_UNKNOWN)
		return NULL;
	return passwd_name(m->v, m->n, inside);
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
	const char	*name = nsinfo_ns_user(snap, p);

	if (name != NULL && (inside != p->uid ||
	    strcmp(name, procinfo_user(p)) != 0))
		snprintf(buf, size, "%s(%s)", name, procinfo_user(p));
	else if (inside == UID_UNKNOWN || inside == p->uid)
		snprintf(buf, size, "%s", procinfo_user(p));
	else if (inside == 0)
		snprintf(buf, size, "root(%s)", procinfo_user(p));
	else
		snprintf(buf, size, "%u(%s)", inside, procinfo_user(p));
}

bool
nsinfo_user_differs(const struct snapshot *snap, const struct procinfo *p)
{
	char	label[NSINFO_USER_MAX];

	nsinfo_user_label(snap, p, label, sizeof label);
	return strcmp(label, procinfo_user(p)) != 0;
}

unsigned
nsinfo_differs(const struct snapshot *snap, const struct procinfo *p)
{
	const struct procinfo	*parent;
	unsigned		 mask = 0;
	int			 t;

	if ((p->flags & PI_THREAD) ||
	    (parent = snapshot_find(snap, p->ppid)) == NULL || parent == p)
		return 0;
	for (t = 0; t < NS_COUNT; t++)
		if (p->ns[t] != INODE_UNKNOWN &&
		    parent->ns[t] != INODE_UNKNOWN && p->ns[t] != parent->ns[t])
			mask |= 1u << t;
	return mask;
}

void
nsinfo_differs_text(unsigned mask, char *buf, size_t size)
{
	size_t	used = 0;
	int	t, n;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (t = 0; mask != 0 && t < NS_COUNT; t++) {
		if (!(mask & (1u << t)))
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used == 0 ?
		    "[" : ",", ns_type_names[t]);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
	if (used > 0 && used + 1 < size)
		snprintf(buf + used, size - used, "]");
}

/* Up to 3 extents of m as "0:100000:65536,...", podman's --uidmap form. */
static void
nsinfo_map_text(const struct idmap *m, char *buf, size_t size)
{
	size_t	used = 0, i;
	int	n;

	buf[0] = '\0';
	for (i = 0; i < m->n && i < 3; i++) {
		n = snprintf(buf + used, size - used, "%s%u:%u:%u", i ? "," : "",
		    m->v[i].inside, m->v[i].outside, m->v[i].count);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
	if (m->n > 3)
		snprintf(buf + used, size - used, ",...");
}

void
nsinfo_group_extra(const struct snapshot *snap, enum ns_type t,
    uint64_t inode, bool utf8, char *buf, size_t size)
{
	const struct utsns_info		*u;
	const struct userns_info	*us;
	char				 map[128];

	const struct pidns_info		*ns;
	const char			*host = NULL;

	buf[0] = '\0';
	if (t == NS_UTS && (u = nsinfo_uts(snap, inode)) != NULL && u->known)
		host = u->hostname;
	else if (t == NS_PID && (ns = snapshot_find_pidns(snap, inode)) != NULL)
		host = nsinfo_pidns_hostname(snap, ns);
	if (host != NULL) {
		snprintf(buf, size, "  hostname ");
		escape_bytes(host, strnlen(host, HOSTNAME_MAX), utf8,
		    buf + strlen(buf), size - strlen(buf));
	} else if (t == NS_USER && (us = nsinfo_user(snap, inode)) != NULL &&
	    us->uid_map.known) {
		nsinfo_map_text(&us->uid_map, map, sizeof map);
		snprintf(buf, size, "  uid map %s", us->uid_map.n > 0 ? map :
		    "not written");
	}
}

void
nsinfo_group_title(const struct snapshot *snap, enum ns_type t,
    uint64_t inode, unsigned members, const char *who, bool utf8, char *buf,
    size_t size)
{
	const struct procinfo	*self = snapshot_find(snap, snap->self_pid);
	char			 extra[HOSTNAME_MAX * 4 + 32];
	bool			 own = self != NULL && inode != INODE_UNKNOWN &&
				    (t == NS_PID ? procinfo_pidns(snap, self) :
				    self->ns[t]) == inode;

	if (inode == INODE_UNKNOWN) {
		snprintf(buf, size, "%s namespace unknown (its ns/%s link "
		    "could not be read)  %u process%s", ns_type_names[t],
		    ns_type_names[t], members, members == 1 ? "" : "es");
		return;
	}
	nsinfo_group_extra(snap, t, inode, utf8, extra, sizeof extra);
	snprintf(buf, size, "%s namespace %llu%s%s%s  shared by %u process%s%s",
	    ns_type_names[t], (unsigned long long)inode,
	    own ? " (treetop's)" : "", who != NULL ? "  " : "",
	    who != NULL ? who : "", members, members == 1 ? "" : "es", extra);
}
