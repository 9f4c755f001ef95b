/*
 * --record: append one snapshot per refresh to a file, as JSON lines
 * (one compact treetop/1 document per line; doc/recording.md).
 *
 * Each line reaches the file whole or not at all: it goes out in one
 * write(2) on an O_APPEND descriptor, and a short write is cut back off.
 * Depends on jsonout.c and libc; no curses, no /proc.
 */
#ifndef SRC_RECORD_H
#define SRC_RECORD_H

struct diff;
struct snapshot;
struct recorder;

/*
 * Open path for appending, creating it (mode 0644) if needed; an existing
 * file is never truncated.  If it ends mid-line (a writer died), a newline
 * is added first so the next line starts clean.  NULL with errno set and
 * *cause ("FILE: problem", caller frees) on failure.  Free with
 * record_close().
 */
struct recorder	*record_open(const char *path, char **cause);
/*
 * Append snap as one line.  0, or -errno with nothing of the line left in
 * the file (a full disk gives -ENOSPC).  The caller reports a failure.
 */
int		 record_write(struct recorder *r, const struct snapshot *snap);
/*
 * The same, with the kernel's events that led to snap (from events, the
 * refresh's merged events; NULL: none) in its line.
 */
int		 record_write_step(struct recorder *r,
		    const struct snapshot *snap, const struct diff *events);
/* The path the recorder writes to (borrowed from it). */
const char	*record_path(const struct recorder *r);
/* fsync and close; 0 or the first -errno.  NULL is a no-op. */
int		 record_close(struct recorder *r);

#endif
