/*
 * The UTS and user namespace tables of a snapshot (filled by the scanner
 * or the loader): finding an entry, the hostname of a PID namespace's
 * init, and a process's user as seen inside its user namespace.
 */
#ifndef PROC_NSINFO_H
#define PROC_NSINFO_H

#include <stddef.h>
#include <stdint.h>

struct idmap;
struct pidns_info;
struct procinfo;
struct snapshot;
struct userns_info;
struct utsns_info;

/* Room for nsinfo_user_label(): "4294967295(" a user name ")". */
#define NSINFO_USER_MAX	48

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
/* The ID inside that outside maps to under m, or UID_UNKNOWN (unmapped). */
uint32_t nsinfo_map_back(const struct idmap *m, uint32_t outside);
/*
 * p's effective uid as seen inside its own user namespace, or
 * UID_UNKNOWN when that namespace or its map is not known (or snap is
 * NULL).
 */
uint32_t nsinfo_ns_uid(const struct snapshot *snap, const struct procinfo *p);
/*
 * The USER text of p: its user, or, when its user namespace maps its uid
 * to another inside, that one ("root" for 0, else the number) and the
 * host user in parentheses: "root(100000)", "1000(alice)".
 */
void	nsinfo_user_label(const struct snapshot *snap,
	    const struct procinfo *p, char *buf, size_t size);

#endif
