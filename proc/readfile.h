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
 * A read short of what was asked for is taken as the end, as it is for
 * every /proc file (one that comes in pieces, such as a pipe, would be cut).
 */
char	*readfile_bounded(int dirfd, const char *path, size_t max,
	    size_t *lenp, bool *truncated, int *err);

#endif
