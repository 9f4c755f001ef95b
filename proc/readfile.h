/*
 * Bounded whole-file reads (for /proc); no libproc2, no curses.
 */
#ifndef PROC_READFILE_H
#define PROC_READFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Read at most max bytes of path (relative to dirfd, or AT_FDCWD) into a
 * new NUL-terminated buffer; *lenp gets the length, *truncated whether
 * there was more.  NULL with *err set when it cannot be opened or read.
 * Reads until a read returns 0.
 */
char	*readfile_bounded(int dirfd, const char *path, size_t max,
	    size_t *lenp, bool *truncated, int *err);
/*
 * The same for a /proc file that gives all it has up to the size asked
 * for in one read (status, stat, comm, cgroup: one seq_file record;
 * cmdline and environ: the kernel loops until the buffer is full), so a
 * short read is the end, and the read that would return 0 is saved.  Not
 * for files of several records (uid_map: seq_file stops at a page).
 */
char	*readfile_whole(int dirfd, const char *path, size_t max,
	    size_t *lenp, bool *truncated, int *err);

#endif
