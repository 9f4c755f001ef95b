/*
 * Kept-open /proc/PID/stat descriptors (scan_statfd.c), for the scanner
 * only: nothing outside proc/scan*.c includes this.
 *
 * Opening a stat file costs more than reading it: an open descriptor
 * re-read with pread(2) at offset 0 costs about half of open, read and
 * close.  A descriptor stays bound to the task it was opened for: once
 * that task is reaped, reads fail with ESRCH, even when its pid has been
 * given to a new process, so a reused pid is never read through the old
 * descriptor.  The kernel keeps a page of buffer per descriptor read
 * (about 4 KiB of kernel memory per process watched).
 */
#ifndef PROC_SCAN_STATFD_H
#define PROC_SCAN_STATFD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* At most this many descriptors are kept, whatever RLIMIT_NOFILE allows. */
#define STATFD_KEEP_MAX		65536
/* Descriptors left for everything else the process opens. */
#define STATFD_RESERVE		256

struct statfd_table;

/*
 * A table for a process whose descriptor limit is nofile: it keeps at
 * most STATFD_KEEP_MAX, and only while the descriptors it gets are
 * numbered below nofile - STATFD_RESERVE (other tables and the rest of
 * the process count); the others are opened, read and closed.
 */
struct statfd_table	*statfd_new(size_t nofile);
/* Close every descriptor and free the table; NULL is a no-op. */
void			 statfd_free(struct statfd_table *t);
/*
 * Read the stat file of task pid, dirfd/path, whole into buf
 * (NUL-terminated): through the descriptor kept for pid, else by opening
 * it (and keeping it while there is room).  Returns its length, or -1 if
 * the task is gone.  A task keeps its descriptor only if it is read
 * again before the next statfd_sweep().
 */
ssize_t			 statfd_read(struct statfd_table *t, int dirfd,
			    const char *path, pid_t pid, char *buf,
			    size_t size);
/*
 * Whether a descriptor is kept for pid from the last refresh, not read
 * yet in this one (statfd_read() would read through it).
 */
bool			 statfd_kept(struct statfd_table *t, pid_t pid);
/*
 * Whether the caller may hold descriptor fd open until the end of the
 * refresh: it is numbered below half the limit the table keeps its own
 * under, so that those, which last from one refresh to the next, have
 * the other half.
 */
bool			 statfd_may_hold(const struct statfd_table *t, int fd);
/*
 * The descriptor kept for pid since this sweep's statfd_read(), or -1:
 * its task is the one that read saw, as long as a read through it works.
 */
int			 statfd_fd(const struct statfd_table *t, pid_t pid);
/*
 * End of a refresh: close the descriptors of the tasks not read since
 * the last sweep (they have exited, or are no longer shown).
 */
void			 statfd_sweep(struct statfd_table *t);
/* Descriptors kept open now. */
size_t			 statfd_count(const struct statfd_table *t);

/*
 * Raise RLIMIT_NOFILE's soft limit toward its hard limit, for
 * STATFD_KEEP_MAX descriptors and STATFD_RESERVE more, and return the
 * soft limit now (for statfd_new()).  The limit found is remembered for
 * statfd_restore_limit().
 */
size_t			 statfd_raise_limit(void);
/*
 * Put back the soft limit statfd_raise_limit() found: for a child before
 * it executes another program, which may not expect descriptors above
 * 1024 (select(2)).  Async-signal-safe.
 */
void			 statfd_restore_limit(void);

#endif
