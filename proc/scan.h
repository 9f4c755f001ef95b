/*
 * The live scanner: /proc into a snapshot.  With scan_inspect.c, the only
 * module that reads /proc.
 *
 * Per refresh it reads only what changes (/proc/PID/stat, through a
 * descriptor kept open from one refresh to the next).  What is
 * expensive and seldom changes (uid, cmdline, namespace inodes, NSpid,
 * signal masks) is read once per process identity (pid, start time) and
 * then carried from snapshot to snapshot, and read again when the process
 * execs (comm changes), becomes a zombie or has run since; an idle
 * process's details are at most SCAN_REVALIDATE refreshes or
 * SCAN_REVALIDATE_S seconds old, whichever is longer.
 */
#ifndef PROC_SCAN_H
#define PROC_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct snapshot;
struct procinfo;
struct procinfo_own;
struct scanner;

/*
 * An idle process's cached details are read again every this many
 * refreshes, or, when the refreshes come faster than SCAN_REVALIDATE_S /
 * SCAN_REVALIDATE seconds apart (scan_set_delay()), every
 * SCAN_REVALIDATE_S seconds: the safety net costs the same CPU a second
 * whatever the delay.
 */
#define SCAN_REVALIDATE		64
#define SCAN_REVALIDATE_S	60
#define SCAN_REVALIDATE_MAX	1024	/* refreshes, at the shortest delay */

enum scan_flag {
	SCAN_THREADS	= 1u << 0,	/* include non-leader threads */
	SCAN_NOCACHE	= 1u << 1,	/* read everything every time (tests) */
	/*
	 * Every process's signal masks (--json, recordings); without it,
	 * only those of PID 1 and of processes in other PID or user
	 * namespaces (namespace inits among them), which say whether an
	 * init reaps and stops.
	 */
	SCAN_SIGNALS	= 1u << 2,
	/*
	 * Only what the batch text shows: a process in the scanner's own
	 * PID and user namespaces, other than PID 1, has only those two
	 * namespaces and no cgroup read.  The other namespaces are read for
	 * the rest, and for the parent of a process in another PID or user
	 * namespace, so that the boundary's marks are whole.
	 */
	SCAN_LEAN	= 1u << 3,
};

struct scan_stats {
	size_t	tasks;		/* records in the last snapshot */
	size_t	detail_reads;	/* records whose details were read */
	size_t	cache_hits;	/* records whose details came from the base */
	size_t	kept_open;	/* stat files kept open for the next refresh */
	bool	listed;		/* /proc was listed (no births hinted) */
	size_t	hostname_reads;	/* UTS hostnames read */
	size_t	hostnames_deferred; /* left for a later refresh (budget) */
	long	hostname_ms;	/* milliseconds spent reading them */
};

/*
 * Open a scanner.  Returns NULL with *cause set (caller frees) if /proc
 * is not mounted or libproc2 cannot start.
 */
struct scanner	*scan_open(unsigned flags, char **cause);
/* Close the scanner; NULL is a no-op. */
void		 scan_close(struct scanner *sc);
/*
 * Where the run learns of births and exits (enum events_source in
 * snapshot.h), stamped on every snapshot from now on; polling at first.
 */
void		 scan_set_events_source(struct scanner *sc, int source);
/*
 * What a refresh after the first may spend reading UTS hostnames, in
 * milliseconds (default 200); past it the rest wait for the next
 * refresh, at least one being read per refresh.
 */
void		 scan_set_hostname_budget(struct scanner *sc, unsigned ms);
/*
 * The run's delay between refreshes, in seconds: sets how many refreshes
 * apart an idle process's details are read again (SCAN_REVALIDATE).
 * Without it, every SCAN_REVALIDATE refreshes.
 */
void		 scan_set_delay(struct scanner *sc, double delay_s);
/* The refreshes between two reads of an idle process's details now. */
unsigned	 scan_revalidate_period(const struct scanner *sc);
/*
 * For the next refresh only: the processes born since the last refresh
 * began (tgids, in any order, repeats allowed), from the kernel's
 * events, none of which was lost.  That refresh then lists no /proc
 * directory: it reads the processes the last refresh found and these
 * (the listing costs about an eighth of a refresh).  Every
 * scan_revalidate_period()-th refresh lists /proc anyway.
 */
void		 scan_hint_births(struct scanner *sc, const pid_t *tgids,
		    size_t n);
/* Change enum scan_flag bits between refreshes. */
void		 scan_set_flags(struct scanner *sc, unsigned flags);
/*
 * Take a new snapshot (sorted, unclassified).  The per-identity details
 * of a process that has not changed are copied from its record in base,
 * normally the snapshot the previous call returned (NULL: read them all);
 * base is only read, and only during the call.  A process that vanishes
 * before the refresh reads it is not in it; one that vanishes between
 * the refresh and the reading of its details keeps what the refresh read
 * and is marked PI_PARTIAL.  Returns NULL with *cause on failure.
 */
struct snapshot	*scan_refresh(struct scanner *sc, const struct snapshot *base,
		    char **cause);
/* Counters of the last refresh. */
struct scan_stats scan_get_stats(const struct scanner *sc);

#include <stdint.h>
#include <sys/types.h>

/*
 * Read the start time of pid (clock ticks after boot, field 22 of
 * /proc/PID/stat); with pid it is the process's identity.  Returns 0,
 * -ESRCH if there is no such process (any more), or another -errno.
 */
int		 scan_start_ticks(pid_t pid, uint64_t *start_ticks);
/*
 * Whether /proc shows our own PID namespace (/proc/self names this
 * process): only then is a pid read there the one pidfd_open(2) and
 * kill(2) take, and a start time read there proof of an identity.
 */
bool		 scan_proc_is_ours(void);

struct procdetail;

/*
 * Fill out (procdetail_init()ed) for the process (pid, start_ticks) of
 * snap: copies of its record and its parent's, then what is read on
 * demand: cgroup, the count of open files, its environment and its
 * parent's (at most 1 MiB each).  What cannot be read for lack of
 * permission is said in out->unreadable, not an error.  Returns 0, or
 * -ESRCH with *cause set (caller frees) when the process is not in snap
 * or has exited (its start time no longer matches); out is then empty.
 */
int		 scan_inspect(struct scanner *sc, pid_t pid,
		    uint64_t start_ticks, const struct snapshot *snap,
		    struct procdetail *out, char **cause);

/*
 * Read p's namespace inodes, NSpid and signal masks afresh, bypassing the
 * cache (which may be a few refreshes old), for the process a person is
 * looking at; p->nspid must have room for NSPID_MAX entries (a
 * procdetail's copy has), and the namespaces go into own.  0, or -ESRCH
 * if p (pid and start time) is gone.  Reads only what scan_open() set:
 * safe while another thread refreshes.
 */
int		 scan_read_fresh(struct scanner *sc, struct procinfo *p,
		    struct procinfo_own *own);

/*
 * The comm (NUL-terminated, at most comm_size - 1 bytes) and the command
 * line (a new buffer, *cmdline NULL when empty or unreadable; at most
 * 4 KiB) of pid, read now: for a process that may live a millisecond.
 * 0, or -errno (-ENOENT: it has gone; comm is then left as it was).
 */
int		 scan_task_names(pid_t pid, char *comm, size_t comm_size,
		    char **cmdline, size_t *cmdline_len);
/*
 * How many threads of process tgid other than its leader are there now
 * (exited threads are gone at once, unless traced); 0 when it has gone.
 */
size_t		 scan_task_others(pid_t tgid);

#endif
