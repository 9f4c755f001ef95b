/*
 * The UTS and user namespace tables of a snapshot (filled by the scanner
 * or the loader): finding an entry, the hostname of a PID namespace's
 * init, and a process's user as seen inside its user namespace.
 */
#ifndef PROC_NSINFO_H
#define PROC_NSINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

struct idmap;
struct mntns_users;
struct pidns_info;
struct procinfo;
struct snapshot;
struct userns_info;
struct utsns_info;

/*
 * Room for nsinfo_user_label(): a name from a container's passwd (32
 * bytes), "(", a user name (32), ")".
 */
#define NSINFO_USER_MAX	72

/* Sort both tables by inode, as the lookups below need. */
void	nsinfo_sort(struct snapshot *snap);
/* The entry for a UTS namespace inode, or NULL. */
const struct utsns_info *nsinfo_uts(const struct snapshot *snap,
	    uint64_t inode);
/* The entry for a user namespace inode, or NULL. */
const struct userns_info *nsinfo_user(const struct snapshot *snap,
	    uint64_t inode);
/*
 * The hostname of p's UTS namespace, raw bytes (escape before showing),
 * or NULL when it is not known.
 */
const char *nsinfo_hostname(const struct snapshot *snap,
	    const struct procinfo *p);
/* The hostname of a PID namespace: its init's, or NULL. */
const char *nsinfo_pidns_hostname(const struct snapshot *snap,
	    const struct pidns_info *ns);
/* The user names of a mount namespace inode, or NULL. */
const struct mntns_users *nsinfo_mntusers(const struct snapshot *snap,
	    uint64_t inode);
/*
 * The name of p's uid inside its user namespace (nsinfo_ns_uid()) in
 * the /etc/passwd of its root, when it is in another mount namespace
 * than the scanner's and that file names it: raw bytes (escape before
 * showing), or NULL.  A zombie, whose root is gone, is named by its PID
 * namespace init's.
 */
const char *nsinfo_ns_user(const struct snapshot *snap,
	    const struct procinfo *p);
/* The ID inside that outside maps to under m, or UID_UNKNOWN (unmapped). */
uint32_t nsinfo_map_back(const struct idmap *m, uint32_t outside);
/*
 * p's effective uid as seen inside its own user namespace, or
 * UID_UNKNOWN when that namespace or its map is not known (or snap is
 * NULL).
 */
uint32_t nsinfo_ns_uid(const struct snapshot *snap, const struct procinfo *p);
/*
 * The USER text of p: its user; or, when its container (its root's
 * /etc/passwd) names it otherwise, that name and the host user in
 * parentheses: "app(100999)", "www-data(33)" (or just "www-data" when
 * the host names uid 33 so too); or, when its user namespace maps its
 * uid to another inside that no passwd names, that one ("root" for 0,
 * else the number) and the host user: "root(100000)", "1000(alice)".
 */
void	nsinfo_user_label(const struct snapshot *snap,
	    const struct procinfo *p, char *buf, size_t size);
/* Whether nsinfo_user_label() says more of p than its host user. */
bool	nsinfo_user_differs(const struct snapshot *snap,
	    const struct procinfo *p);

/* Room for nsinfo_differs_text(): "[pid,mnt,net,uts,ipc,user,cgroup,time]". */
#define NSINFO_DIFFERS_MAX	48
/*
 * The namespace types (bit 1 << enum ns_type) in which p differs from
 * its parent, among those whose inodes are known for both: what
 * unshare(2), clone(2) with CLONE_NEW* or setns(2) made of it.  0 for a
 * thread or a process whose parent is not in snap.
 */
unsigned nsinfo_differs(const struct snapshot *snap, const struct procinfo *p);
/* mask as "[uts,mnt]" in enum ns_type order, or "" for 0. */
void	nsinfo_differs_text(unsigned mask, char *buf, size_t size);
/*
 * What is known of a namespace besides its members, escaped as below:
 * "  hostname web-01" (UTS; PID: its init's), "  uid map 0:100000:65536"
 * (user, podman's --uidmap form, at most 3 extents), or "".
 */
void	nsinfo_group_extra(const struct snapshot *snap, enum ns_type t,
	    uint64_t inode, bool utf8, char *buf, size_t size);
/*
 * The title of a section of processes sharing the namespace of type t
 * with inode (INODE_UNKNOWN: those whose link could not be read), of
 * members processes: "net namespace 4026532180 (treetop's)  shared by 3
 * processes", with the hostname of a UTS namespace and the uid map of a
 * user namespace when known.  who, when not NULL, names the namespace's
 * owner after its inode ("pid namespace 4026532252  tt-web (podman
 * a185261865f6)  shared by ..."); the caller has escaped it.  A hostname
 * is escaped (proc/escape.c), UTF-8 kept when utf8.
 */
void	nsinfo_group_title(const struct snapshot *snap, enum ns_type t,
	    uint64_t inode, unsigned members, const char *who, bool utf8,
	    char *buf, size_t size);

#endif
