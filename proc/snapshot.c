/*
 * The snapshot container: a growable, pid-sorted array of process records
 * and a pool for their variable-length bytes.  No /proc, no curses.
 */
#include "config.h"
#include "snapshot.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passwd.h"
#include "strpool.h"
#include "xalloc.h"

const char *const ns_type_names[NS_COUNT] = {
	[NS_PID] = "pid", [NS_MNT] = "mnt", [NS_NET] = "net", [NS_UTS] = "uts",
	[NS_IPC] = "ipc", [NS_USER] = "user", [NS_CGROUP] = "cgroup",
	[NS_TIME] = "time",
};

/*
 * A command line, shared by the records of consecutive snapshots that
 * have it (procinfo_share_cmdline()): a refresh does not copy it again,
 * and it is freed with its last record.  Its count follows the bytes and
 * their NUL, so that the record points at the start of the block (what
 * valgrind calls reachable).  The count is atomic: the refresh thread
 * shares what the main thread frees.
 */
static size_t
cmdline_refs_at(size_t len)
{
	return (len + 1 + sizeof(unsigned) - 1) & ~(sizeof(unsigned) - 1);
}

static unsigned *
cmdline_refs(const char *bytes, size_t len)
{
	return (unsigned *)(uintptr_t)(bytes + cmdline_refs_at(len));
}

/* Let go of p's command line. */
static void
procinfo_drop_cmdline(struct procinfo *p)
{
	if (p->cmdline != NULL && __atomic_sub_fetch(cmdline_refs(p->cmdline,
	    p->cmdline_len), 1, __ATOMIC_ACQ_REL) == 0)
		free((char *)(uintptr_t)p->cmdline);
	p->cmdline = NULL;
	p->cmdline_len = 0;
}

struct snapshot *
snapshot_new(void)
{
	struct snapshot	*snap = xcalloc(1, sizeof *snap);

	snap->clk_tck = 100;
	snap->pool = strpool_new();
	return snap;
}

void
snapshot_free(struct snapshot *snap)
{
	size_t	i;

	if (snap == NULL)
		return;
	for (i = 0; i < snap->nprocs; i++)
		procinfo_drop_cmdline(&snap->procs[i]);
	strpool_free(snap->pool);
	free(snap->procs);
	free(snap->pidns);
	free(snap->utsns);
	free(snap->userns);
	free(snap->mntusers);
	free(snap->cgroups);
	free(snap);
}

struct procinfo *
snapshot_add(struct snapshot *snap)
{
	struct procinfo	*p;

	if (snap->nprocs == snap->cap) {
		snap->cap = snap->cap ? snap->cap * 2 : 256;
		snap->procs = xreallocarray(snap->procs, snap->cap,
		    sizeof *snap->procs);
	}
	p = &snap->procs[snap->nprocs++];
	memset(p, 0, sizeof *p);
	p->ns = procinfo_ns_unknown;
	p->user = "";
	p->comm = "";
	p->uid = UID_UNKNOWN;
	p->tpgid = -1;
	return p;
}

void
snapshot_reserve(struct snapshot *snap, size_t n)
{
	if (n > snap->cap) {
		snap->cap = n;
		snap->procs = xreallocarray(snap->procs, snap->cap,
		    sizeof *snap->procs);
	}
}

void
snapshot_set_cmdline(struct snapshot *snap, struct procinfo *p,
    const char *bytes, size_t len)
{
	char	*copy;

	(void)snap;
	procinfo_drop_cmdline(p);
	if (len == 0)
		return;
	if (len > UINT32_MAX - 2 * sizeof(unsigned))
		len = UINT32_MAX - 2 * sizeof(unsigned);
	copy = xmalloc(cmdline_refs_at(len) + sizeof(unsigned));
	memcpy(copy, bytes, len);
	copy[len] = '\0';	/* so the last argument is always terminated */
	*cmdline_refs(copy, len) = 1;
	p->cmdline = copy;
	p->cmdline_len = (uint32_t)len;
}

void
procinfo_share_cmdline(struct procinfo *p, const struct procinfo *q)
{
	if (p->cmdline == q->cmdline)
		return;
	procinfo_drop_cmdline(p);
	if (q->cmdline == NULL)
		return;
	__atomic_add_fetch(cmdline_refs(q->cmdline, q->cmdline_len), 1,
	    __ATOMIC_RELAXED);
	p->cmdline = q->cmdline;
	p->cmdline_len = q->cmdline_len;
}

const uint64_t procinfo_ns_unknown[NS_COUNT];

const char *
procinfo_user(const struct procinfo *p)
{
	return p->user != NULL && p->user[0] != '\0' ? p->user : "?";
}

void
procinfo_own_ns(struct procinfo *p, struct procinfo_own *own,
    const uint64_t ns[NS_COUNT])
{
	memmove(own->ns, ns, sizeof own->ns);
	p->ns = own->ns;
}

void
procinfo_own_sig(struct procinfo *p, struct procinfo_own *own,
    const struct sigmasks *sig)
{
	p->sig = NULL;
	if (sig != NULL) {
		own->sig = *sig;
		p->sig = &own->sig;
	}
}

void
snapshot_set_sig(struct snapshot *snap, struct procinfo *p,
    const struct sigmasks *sig)
{
	p->sig = sig == NULL ? NULL : strpool_intern(snap->pool, sig,
	    sizeof *sig, sizeof sig->caught);
}

void
snapshot_set_ns(struct snapshot *snap, struct procinfo *p,
    const uint64_t ns[NS_COUNT])
{
	p->ns = strpool_intern(snap->pool, ns, NS_COUNT * sizeof *ns,
	    sizeof *ns);
}

void
snapshot_set_ns1(struct snapshot *snap, struct procinfo *p, enum ns_type t,
    uint64_t inode)
{
	uint64_t	ns[NS_COUNT];

	memcpy(ns, p->ns, sizeof ns);
	ns[t] = inode;
	snapshot_set_ns(snap, p, ns);
}

void
snapshot_set_comm(struct snapshot *snap, struct procinfo *p,
    const char *comm)
{
	char	buf[COMM_MAX];

	if (strlen(comm) < COMM_MAX) {
		p->comm = strpool_intern_str(snap->pool, comm);
		return;
	}
	memcpy(buf, comm, COMM_MAX - 1);
	buf[COMM_MAX - 1] = '\0';
	p->comm = strpool_intern_str(snap->pool, buf);
}

void
snapshot_set_user(struct snapshot *snap, struct procinfo *p,
    const char *name)
{
	char	buf[USER_MAX];

	snprintf(buf, sizeof buf, "%s", name);
	p->user = strpool_intern_str(snap->pool, buf);
}

void
procinfo_copy(struct procinfo *to, const struct procinfo *p, char **cmdline,
    int *nspid, struct procinfo_own *own)
{
	*to = *p;
	to->cgroup = 0;		/* an index into p's snapshot only */
	procinfo_own_ns(to, own, p->ns);
	procinfo_own_sig(to, own, p->sig);
	snprintf(own->user, sizeof own->user, "%s", p->user);
	to->user = own->user;
	snprintf(own->comm, sizeof own->comm, "%s", p->comm);
	to->comm = own->comm;
	to->nspid = nspid;
	if (p->nspid_len > 0)
		memcpy(nspid, p->nspid, (size_t)p->nspid_len * sizeof *nspid);
	*cmdline = NULL;
	to->cmdline = NULL;
	if (p->cmdline == NULL || p->cmdline_len == 0) {
		to->cmdline_len = 0;
		return;
	}
	*cmdline = xmalloc(p->cmdline_len + 1);
	memcpy(*cmdline, p->cmdline, p->cmdline_len);
	(*cmdline)[p->cmdline_len] = '\0';
	to->cmdline = *cmdline;
}

int *
snapshot_set_nspid(struct snapshot *snap, struct procinfo *p, const int *v,
    int n)
{
	size_t	size = (size_t)n * sizeof *p->nspid;

	p->nspid = strpool_alloc(snap->pool, size, sizeof *p->nspid);
	if (v != NULL)
		memcpy(p->nspid, v, size);
	p->nspid_len = n;
	return p->nspid;
}

struct utsns_info *
snapshot_add_utsns(struct snapshot *snap, uint64_t inode)
{
	struct utsns_info	*u;

	snap->utsns = xreallocarray(snap->utsns, snap->nutsns + 1,
	    sizeof *snap->utsns);
	u = &snap->utsns[snap->nutsns++];
	memset(u, 0, sizeof *u);
	u->inode = inode;
	return u;
}

struct userns_info *
snapshot_add_userns(struct snapshot *snap, uint64_t inode)
{
	struct userns_info	*u;

	snap->userns = xreallocarray(snap->userns, snap->nuserns + 1,
	    sizeof *snap->userns);
	u = &snap->userns[snap->nuserns++];
	memset(u, 0, sizeof *u);
	u->inode = inode;
	return u;
}

struct mntns_users *
snapshot_add_mntusers(struct snapshot *snap, uint64_t inode)
{
	struct mntns_users	*m;

	snap->mntusers = xreallocarray(snap->mntusers, snap->nmntusers + 1,
	    sizeof *snap->mntusers);
	m = &snap->mntusers[snap->nmntusers++];
	memset(m, 0, sizeof *m);
	m->inode = inode;
	return m;
}

void
snapshot_set_mntusers(struct snapshot *snap, struct mntns_users *m,
    const struct passwd_entry *v, size_t n)
{
	m->known = true;
	m->n = n;
	m->v = NULL;
	if (n == 0)
		return;
	m->v = strpool_alloc(snap->pool, n * sizeof *m->v, sizeof(uint64_t));
	memcpy(m->v, v, n * sizeof *m->v);
}

void
snapshot_set_idmap(struct snapshot *snap, struct idmap *m,
    const struct idmap_extent *v, size_t n)
{
	if (n > IDMAP_MAX)
		n = IDMAP_MAX;
	m->known = true;
	m->n = n;
	m->v = NULL;
	if (n == 0)
		return;
	m->v = strpool_alloc(snap->pool, n * sizeof *m->v, sizeof(uint32_t));
	memcpy(m->v, v, n * sizeof *m->v);
}

static int
snapshot_cmp_pid(const void *a, const void *b)
{
	const struct procinfo	*pa = a, *pb = b;

	return (pa->pid > pb->pid) - (pa->pid < pb->pid);
}

void
snapshot_sort(struct snapshot *snap)
{
	size_t	i;

	for (i = 1; i < snap->nprocs; i++)
		if (snap->procs[i - 1].pid > snap->procs[i].pid)
			break;
	if (i < snap->nprocs)
		qsort(snap->procs, snap->nprocs, sizeof *snap->procs,
		    snapshot_cmp_pid);
}

ssize_t
snapshot_index(const struct snapshot *snap, pid_t pid)
{
	size_t	lo = 0, hi = snap->nprocs;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;

		if (snap->procs[mid].pid < pid)
			lo = mid + 1;
		else if (snap->procs[mid].pid > pid)
			hi = mid;
		else
			return (ssize_t)mid;
	}
	return -1;
}

struct procinfo *
snapshot_find(const struct snapshot *snap, pid_t pid)
{
	ssize_t	i = snapshot_index(snap, pid);

	return i < 0 ? NULL : &snap->procs[i];
}

double
snapshot_start_seconds(const struct snapshot *snap, const struct procinfo *p)
{
	return (double)p->start_ticks / (double)(snap->clk_tck > 0 ?
	    snap->clk_tck : 100);
}

double
snapshot_clamp_time(double t)
{
	if (!(t > 0))
		return 0;
	/* The last second's fraction kept: 23:59:59.999 is still 9999. */
	return t < SNAPSHOT_TIME_MAX + 1 ? t : SNAPSHOT_TIME_MAX;
}

bool
procinfo_has_args(const struct procinfo *p)
{
	size_t	i;

	if (p->cmdline == NULL)
		return false;
	for (i = 0; i < p->cmdline_len; i++)
		if (p->cmdline[i] != '\0')
			return true;
	return false;
}

pid_t
procinfo_inner_pid(const struct procinfo *p)
{
	return p->nspid_len > 0 ? p->nspid[p->nspid_len - 1] : p->pid;
}

uint64_t
procinfo_pidns(const struct snapshot *snap, const struct procinfo *p)
{
	if (p->ns[NS_PID] != INODE_UNKNOWN)
		return p->ns[NS_PID];
	return p->nspid_len == 1 ? snap->self_pidns : INODE_UNKNOWN;
}

bool
procinfo_same(const struct procinfo *a, const struct procinfo *b)
{
	return a->pid == b->pid && a->start_ticks == b->start_ticks;
}

const struct pidns_info *
snapshot_find_pidns(const struct snapshot *snap, uint64_t inode)
{
	size_t	i;

	for (i = 0; i < snap->npidns; i++)
		if (snap->pidns[i].inode == inode)
			return &snap->pidns[i];
	return NULL;
}

/* --- containers and units ---------------------------------------------- */

uint32_t
snapshot_find_cgroup(const struct snapshot *snap,
    const struct cgroup_ident *ident)
{
	const struct cgroup_info	*c;
	size_t				 i;

	for (i = snap->ncgroups; i > 0; i--) {
		c = &snap->cgroups[i - 1];
		if (c->ident.runtime == ident->runtime &&
		    strcmp(c->ident.id, ident->id) == 0 &&
		    strcmp(c->ident.unit, ident->unit) == 0 &&
		    strcmp(c->ident.pod_uid, ident->pod_uid) == 0)
			return (uint32_t)i;
	}
	return 0;
}

uint32_t
snapshot_intern_cgroup(struct snapshot *snap, const struct cgroup_ident *ident,
    const struct ct_names *names)
{
	struct cgroup_info	*c;
	uint32_t		 found = snapshot_find_cgroup(snap, ident);

	if (found != 0)
		return found;
	if (snap->ncgroups == snap->cgroups_cap) {
		snap->cgroups_cap = snap->cgroups_cap ? snap->cgroups_cap * 2 :
		    8;
		snap->cgroups = xreallocarray(snap->cgroups, snap->cgroups_cap,
		    sizeof *snap->cgroups);
	}
	c = &snap->cgroups[snap->ncgroups++];
	memset(c, 0, sizeof *c);
	c->ident = *ident;
	if (names != NULL)
		c->names = *names;
	return (uint32_t)snap->ncgroups;
}

const struct cgroup_info *
snapshot_cgroup(const struct snapshot *snap, uint32_t index)
{
	if (index == 0 || index > snap->ncgroups)
		return NULL;
	return &snap->cgroups[index - 1];
}

const struct cgroup_info *
procinfo_container(const struct snapshot *snap, const struct procinfo *p)
{
	const struct cgroup_info	*c = snapshot_cgroup(snap, p->cgroup);

	return c != NULL && c->ident.runtime != CT_NONE ? c : NULL;
}

const char *
procinfo_unit(const struct snapshot *snap, const struct procinfo *p)
{
	const struct cgroup_info	*c = snapshot_cgroup(snap, p->cgroup);

	return c != NULL && c->ident.unit[0] != '\0' ? c->ident.unit : NULL;
}

const char *
events_source_name(enum events_source s)
{
	switch (s) {
	case EVENTS_SOURCE_KERNEL:
		return "kernel";
	case EVENTS_SOURCE_POLLING:
		return "polling";
	case EVENTS_SOURCE_UNKNOWN:
		break;
	}
	return NULL;
}
