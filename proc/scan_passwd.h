/*
 * The scanner's reading of the user names of other mount namespaces
 * (scan_passwd.c), for scan.c only: nothing outside proc/scan*.c
 * includes this.
 */
#ifndef PROC_SCAN_PASSWD_H
#define PROC_SCAN_PASSWD_H

#include <stdint.h>

struct snapshot;

/* A mount namespace's names are read again after this many seconds. */
#define SCAN_PASSWD_REREAD_S	60

/* The inode of the scanner's own mount namespace, or INODE_UNKNOWN. */
uint64_t scan_passwd_self_mnt(void);
/*
 * Fill snap's table of user names (sorted by inode): one entry for each
 * mount namespace other than self_mnt that a live process of snap is
 * in, copied from base while fresh, else read.  snap must be sorted.
 */
void	scan_passwd_fill(struct snapshot *snap, const struct snapshot *base,
	    uint64_t self_mnt);

#endif
