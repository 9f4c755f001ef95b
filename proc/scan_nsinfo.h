/*
 * The scanner's reading of UTS hostnames and user namespace ID maps
 * (scan_nsinfo.c), for scan.c only: nothing outside proc/scan*.c
 * includes this.
 */
#ifndef PROC_SCAN_NSINFO_H
#define PROC_SCAN_NSINFO_H

#include <stdbool.h>
#include <stdint.h>

struct snapshot;

/* What scan_nsinfo_fill() needs to know of the scanner. */
struct scan_nsinfo_ctx {
	unsigned	 gen;		/* refresh counter: staggers re-reads */
	unsigned	 revalidate;	/* a hostname is read every this many */
	uint64_t	 self_uts;	/* the scanner's own UTS namespace */
	bool		 privileged;	/* may enter other UTS namespaces */
};

/* The inode of the scanner's own UTS namespace, or INODE_UNKNOWN. */
uint64_t scan_nsinfo_self_uts(void);
/*
 * Fill snap's UTS and user namespace tables (sorted by inode), one entry
 * for each namespace its records name, from base's entries where those
 * are fresh enough (NULL: read them all).  snap must be sorted.
 */
void	scan_nsinfo_fill(const struct scan_nsinfo_ctx *ctx,
	    struct snapshot *snap, const struct snapshot *base);

#endif
