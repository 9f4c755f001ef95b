/*
 * Placing processes in containers once a snapshot's cgroup entries are
 * in (the scanner's, or a loaded file's): what /proc/PID/cgroup cannot
 * say by itself.  No I/O.
 *
 * A zombie's cgroup file reads as the root, so a zombie (or a process
 * whose file could not be read) with no container takes the container of
 * its PID namespace's init, else its parent's.  A process is marked
 * PI_ENTERED when its PID namespace belongs to one container (that of
 * the namespace's init) and its cgroup to another or to none (nsenter
 * from the host, a process moved by hand), or when its cgroup says a
 * container whose init lives in a PID namespace the process is neither
 * in nor below.
 */
#ifndef PROC_CONTAINERS_H
#define PROC_CONTAINERS_H

#include <stddef.h>

#include "snapshot.h"

/* Place the zombies and mark the entered processes of snap (sorted). */
void	containers_place(struct snapshot *snap);
/*
 * The container query names in snap: a name, a full ID, or a prefix of
 * one ID only.  An exact name or ID wins over prefixes.  NULL with
 * *cause set (caller frees; names escaped) when none or several match.
 */
const struct cgroup_info *containers_find(const struct snapshot *snap,
	    const char *query, char **cause);
/*
 * The init of container c's own PID namespace (the outermost PID 1 in
 * it), or NULL when it has none (it shares its host's).
 */
const struct procinfo *containers_init(const struct snapshot *snap,
	    const struct cgroup_ident *c);
/* How many distinct containers snap's processes are in. */
size_t	containers_count(const struct snapshot *snap);

#endif
