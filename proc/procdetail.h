/*
 * The detail pane's model: everything known about one process, what its
 * state, signal masks and wait status mean, and its environment compared
 * with its parent's.  ui/detailfmt.c turns it into lines of text.
 *
 * A struct procdetail holds copies, never pointers into a snapshot, so it
 * outlives the snapshot it was taken from.  The scanner fills it with what
 * it reads on demand (scan_inspect() in scan.c); a saved snapshot fills it
 * from the records alone (procdetail_from_snapshot()).  This module reads
 * no /proc and draws nothing: no curses, no libproc2.
 */
#ifndef PROC_PROCDETAIL_H
#define PROC_PROCDETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

#define PROCDETAIL_ENV_MAX	(1024 * 1024)	/* bytes read per environ */
#define PROCDETAIL_FILES_MAX	1000	/* open files listed one by one */

struct procdetail {
	struct procinfo	 proc;		/* copy; its cmdline and NSpid are ours */
	char		*cmdline;	/* owned; proc.cmdline, or NULL */
	int		 nspid[NSPID_MAX];	/* proc.nspid points here */
	struct procinfo_own own;	/* proc.ns and proc.user point here */
	struct procinfo	 parent;	/* copy, valid when has_parent */
	char		*parent_cmdline;	/* owned; parent.cmdline */
	int		 parent_nspid[NSPID_MAX];	/* parent.nspid */
	struct procinfo_own parent_own;	/* parent.ns and parent.user */
	bool		 has_parent;	/* the parent is in the snapshot */
	char		*cgroup;	/* owned; /proc/PID/cgroup, or NULL */
	struct cgroup_info cgroup_info;	/* its container and unit, as the
					   snapshot had them */
	bool		 has_cgroup_info;
	int		 open_files;	/* /proc/PID/fd entries; -1 unknown */
	char		*files;		/* owned; "FD -> target" entries,
					   NUL-separated, the targets raw;
					   the first PROCDETAIL_FILES_MAX */
	size_t		 files_len;	/* bytes */
	char		*environ;	/* owned; NUL-separated NAME=value */
	size_t		 environ_len;	/* bytes */
	bool		 environ_known;
	char		*parent_environ;	/* owned; the parent's */
	size_t		 parent_environ_len;
	bool		 parent_environ_known;
	char		*unreadable;	/* owned; "environment: permission
					   denied; ...", or NULL */
};

/* Make d empty (nothing owned, open_files -1). */
void	procdetail_init(struct procdetail *d);
/* Free what d owns and make it empty again; calling it twice is fine. */
void	procdetail_done(struct procdetail *d);
/*
 * Replace d's contents with copies of the record (pid, start_ticks) in
 * snap and of its parent's.  Returns 0, or -ESRCH (d left empty) when
 * snap has no such process.  unreadable says that environment, cgroup and
 * open files are not in a saved snapshot; scan_inspect() reuses this for
 * its copying and then reads them.
 */
int	procdetail_from_snapshot(struct procdetail *d,
	    const struct snapshot *snap, pid_t pid, uint64_t start_ticks);

/*
 * "S (sleeping: interruptible wait)" for a state letter of
 * /proc/PID/stat; NULL for a letter this module does not know.
 */
const char	*procdetail_state_text(char state);
/*
 * A wait status decoded: "exited 3", "killed by SIGSEGV (core dumped)",
 * "stopped by SIGSTOP", "continued".  Returns buf.
 */
char	*procdetail_wait_status_text(int status, char *buf, size_t size);

/* --- the environment compared with the parent's ---------------------- */

enum envdiff_kind {
	ENVDIFF_SAME,		/* same value in the parent */
	ENVDIFF_ADDED,		/* not in the parent */
	ENVDIFF_CHANGED,	/* in the parent with another value */
	ENVDIFF_REMOVED,	/* in the parent only */
};

/*
 * One variable.  An entry is the whole "NAME=value" (or "NAME" alone,
 * without '='); the pointers borrow from the blocks given to
 * procdetail_envdiff_build().  A name that appears more than once counts
 * by its first entry, the one getenv() finds.
 */
struct envdiff_entry {
	enum envdiff_kind kind;
	const char	*cur;		/* borrowed; this process's entry, NULL
					   when removed */
	size_t		 cur_len;
	const char	*old;		/* borrowed; the parent's entry, NULL
					   when added */
	size_t		 old_len;
	size_t		 name_len;	/* bytes of NAME, the same in both */
	unsigned	 dups;		/* further entries of the name in this
					   process's block (or the parent's,
					   when removed) */
};

struct envdiff {
	struct envdiff_entry	*v;	/* owned; sorted by name, bytewise */
	size_t			 n;
	size_t			 added, changed, removed;	/* counts */
};

/*
 * Compare two NUL-separated environment blocks (the last entry need not
 * end in NUL; empty entries are skipped).  Give penv NULL to list env
 * alone, all as ENVDIFF_SAME.  out borrows from both blocks: free it with
 * procdetail_envdiff_done() before them.
 */
void	procdetail_envdiff_build(struct envdiff *out, const char *env,
	    size_t len, const char *penv, size_t plen);
/* Free what out owns; calling it twice is fine. */
void	procdetail_envdiff_done(struct envdiff *out);

#endif
