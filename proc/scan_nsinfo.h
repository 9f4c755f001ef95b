/*
 * The scanner's reading of UTS hostnames and user namespace ID maps
 * (scan_nsinfo.c), for scan.c only: nothing outside proc/scan*.c
 * includes this.
 */
#ifndef PROC_SCAN_NSINFO_H
#define PROC_SCAN_NSINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

struct snapshot;

/*
 * What one refresh after the first may spend entering UTS namespaces, by
 * default: past it, the hostnames still to read are deferred to the next
 * refresh, so a burst of new namespaces (containers starting) on a
 * loaded machine slows no refresh by more than about this plus one
 * hostname's wait.  The first snapshot (a one-shot --json) reads them all.
 */
#define SCAN_NSINFO_BUDGET_MS	200

/* What scan_nsinfo_fill() needs to know of the scanner. */
struct scan_nsinfo_ctx {
	unsigned	 gen;		/* refresh counter: staggers re-reads */
	unsigned	 revalidate;	/* a hostname is read every this many */
	unsigned	 budget_ms;	/* see SCAN_NSINFO_BUDGET_MS */
	uint64_t	 self_uts;	/* the scanner's own UTS namespace */
	bool		 privileged;	/* may enter other UTS namespaces */
};

/* What the last scan_nsinfo_fill() did with hostnames. */
struct scan_nsinfo_stats {
	size_t		 read;		/* hostnames read (entered or not) */
	size_t		 deferred;	/* left for a later refresh */
	long		 ms;		/* time spent reading them */
};

/* A namespace and a member that can be asked about it. */
struct scan_nsinfo_member {
	uint64_t	 inode;
	pid_t		 pid;
};

/*
 * The distinct namespaces of type t in snap, each with one member (a
 * live process rather than a zombie, whose links are mostly gone); a
 * new array sorted by inode, *n entries.
 */
struct scan_nsinfo_member *scan_nsinfo_members(const struct snapshot *snap,
	    enum ns_type t, size_t *n);
/* The inode of the scanner's own UTS namespace, or INODE_UNKNOWN. */
uint64_t scan_nsinfo_self_uts(void);
/*
 * Fill snap's UTS and user namespace tables (sorted by inode), one entry
 * for each namespace its records name, from base's entries where those
 * are fresh enough (NULL: read them all).  snap must be sorted.
 */
void	scan_nsinfo_fill(const struct scan_nsinfo_ctx *ctx,
	    struct snapshot *snap, const struct snapshot *base,
	    struct scan_nsinfo_stats *stats);

#endif
