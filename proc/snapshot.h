/*
 * The snapshot: plain data describing every process at one instant.
 *
 * A snapshot is produced by the scanner (live /proc) or the loader (JSON)
 * and consumed by classification, the tree, the writers and the UI.  It
 * depends on nothing but libc: no libproc2, no curses, no jansson.
 */
#ifndef PROC_SNAPSHOT_H
#define PROC_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cgroup.h"

enum ns_type {
	NS_PID,
	NS_MNT,
	NS_NET,
	NS_UTS,
	NS_IPC,
	NS_USER,
	NS_CGROUP,
	NS_TIME,
	NS_COUNT
};

#define NSPID_MAX	33	/* kernel nests at most 32 PID namespaces */
#define COMM_MAX	64	/* comm is 16 bytes in the kernel; loaded files may differ */
#define USER_MAX	33

#define UID_UNKNOWN	((uint32_t)-1)
#define INODE_UNKNOWN	0	/* no namespace has inode 0 */

/*
 * The ranges a snapshot's numbers are held to (the loader refuses a file
 * beyond them, the formatters clamp to them): times in unix seconds up
 * to the last second of the year 9999, counters (ticks, KiB) up to 2^53-1,
 * the largest integer every JSON reader holds exactly.
 */
#define SNAPSHOT_TIME_MAX	253402300799.0	/* 9999-12-31T23:59:59Z */
#define SNAPSHOT_COUNT_MAX	9007199254740991ull	/* 2^53 - 1 */

/* procinfo.flags: classification results and record properties. */
enum procinfo_flag {
	PI_ZOMBIE	= 1u << 0,	/* state Z */
	PI_ORPHAN	= 1u << 1,	/* either orphan rule holds */
	PI_DAEMON	= 1u << 2,
	PI_KTHREAD	= 1u << 3,
	PI_NSINIT	= 1u << 4,	/* PID 1 of its own PID namespace */
	PI_THREAD	= 1u << 5,	/* a non-leader thread (pid != tgid) */
	PI_PARTIAL	= 1u << 6,	/* some fields could not be read */
	PI_REPARENTED	= 1u << 7,	/* live rule: PPID changed across snapshots */
	PI_ADOPTER	= 1u << 8,	/* parent of at least one orphan */
	PI_ZPARENT	= 1u << 9,	/* parent of at least one zombie */
	PI_PGRP_ORPHAN	= 1u << 10,	/* in an orphaned process group
					   other than its session
					   leader's (a job left behind) */
	PI_NO_LEADER	= 1u << 11,	/* its session's leader is gone */
	PI_ENTERED	= 1u << 12,	/* its PID namespace is another
					   container's than its cgroup's
					   (nsenter; containers_place()) */
	PI_EXIT_TIMED	= 1u << 13,	/* zombie_since is its exit event's
					   time (procinfo_exit_time()) */
	/* flags is 16 bits wide: room up to 1u << 15. */
};

/*
 * Mask of the flags classify_snapshot() recomputes from the fields.
 * Unsigned, as flags is: an enumerator is an int, and ~ of an int mask is
 * negative (clang's -fsanitize=implicit-conversion says so).
 */
#define PI_CLASS_MASK	((unsigned)(PI_ZOMBIE | PI_ORPHAN | PI_DAEMON | \
			 PI_NSINIT | PI_ADOPTER | PI_ZPARENT | \
			 PI_PGRP_ORPHAN | PI_NO_LEADER))

#define PF_KTHREAD_BIT	0x00200000u	/* PF_KTHREAD in /proc/PID/stat flags */

/* A process's signal masks: bit n-1 for signal n. */
struct sigmasks {
	uint64_t	 caught;	/* SigCgt */
	uint64_t	 ignored;	/* SigIgn */
	uint64_t	 blocked;	/* SigBlk */
};

struct procinfo {
	/* Widest first, so that the record has no holes. */
	uint64_t	 start_ticks;	/* clock ticks after boot, stat field 22 */
	uint64_t	 cpu_ticks;	/* utime + stime */
	uint64_t	 rss_kb;	/* KiB, stat rss * page size */
	uint64_t	 vsz_kb;	/* KiB, stat vsize (field 23, bytes) */
	double		 zombie_since;	/* unix time it was first seen a
					   zombie, or with PI_EXIT_TIMED its
					   exit event's time (lineage, or a
					   loaded file's exit_time); 0:
					   unknown (diff) */
	const char	*cmdline;	/* args NUL-separated and NUL-terminated;
					   shared (snapshot_set_cmdline(),
					   procinfo_share_cmdline()) */
	const uint64_t	*ns;		/* NS_COUNT namespace inodes,
					   INODE_UNKNOWN if unreadable; one
					   copy per distinct set, shared
					   (snapshot_set_ns()) */
	const char	*user;		/* name for uid, or the number; ""
					   unknown; shared
					   (snapshot_set_user()) */
	const struct sigmasks *sig;	/* NULL: not read; shared
					   (snapshot_set_sig()) */
	const char	*comm;		/* raw bytes, NUL-terminated (at
					   most COMM_MAX - 1), unescaped;
					   shared (snapshot_set_comm()) */
	int		*nspid;		/* NSpid, outermost first, nspid_len
					   entries in the snapshot's pool
					   (snapshot_set_nspid()) */
	uint32_t	 cmdline_len;	/* bytes incl. every arg's NUL; 0: no
					   cmdline (at most 4 GiB - 1 kept) */
	pid_t		 pid;		/* TID for a thread record */
	pid_t		 ppid;
	pid_t		 pgid;
	pid_t		 sid;
	pid_t		 tpgid;		/* -1 without a controlling tty */
	pid_t		 tgid;
	uint32_t	 uid;		/* effective uid, UID_UNKNOWN if unreadable */
	uint32_t	 cgroup;	/* snapshot_cgroup() index; 0: not read */
	int		 threads;	/* num_threads, stat field 20 */
	float		 cpu_pct;	/* % of one CPU since the previous snapshot (diff) */
	int		 tty_nr;	/* stat field 7; 0: no controlling terminal */
	unsigned	 kflags;	/* kernel PF_* flags, stat field 9 */
	int		 exit_code;	/* zombies: stat field 52, the uncollected wait status */
	unsigned	 zombie_children;	/* classify: children that are zombies */
	uint16_t	 flags;		/* enum procinfo_flag */
	uint8_t		 nspid_len;	/* 0 only while unknown; at most
					   NSPID_MAX */
	char		 state;		/* one letter, as in /proc/PID/stat */
};

/* The zombie's exit event's time (unix seconds), 0 when not known. */
static inline double
procinfo_exit_time(const struct procinfo *p)
{
	return (p->flags & PI_EXIT_TIMED) ? p->zombie_since : 0;
}

/* Its exit event came at t (unix seconds, > 0): the zombie's age from. */
static inline void
procinfo_set_exit_time(struct procinfo *p, double t)
{
	p->zombie_since = t;
	p->flags |= PI_EXIT_TIMED;
}

/*
 * Room for what a record copied out of its snapshot points at
 * (procinfo_copy()), and for a record of its own (procinfo_own_init()).
 */
struct procinfo_own {
	uint64_t	 ns[NS_COUNT];
	struct sigmasks	 sig;
	char		 user[USER_MAX];
	char		 comm[COMM_MAX];
};

/* One PID namespace, filled by nstable_build(). */
struct pidns_info {
	uint64_t	 inode;
	int		 level;		/* 0: the scanner's own namespace */
	uint64_t	 parent;	/* INODE_UNKNOWN for the top or when unknown */
	pid_t		 init_pid;	/* its PID 1 in the scanner's numbering, or 0 */
	unsigned	 processes;	/* direct members (threads not counted) */
	unsigned	 zombies;	/* direct members that are zombies */
};

/* The hostname of one UTS namespace, as uname(2) gives it inside. */
#define HOSTNAME_MAX	65	/* a nodename: 64 bytes and the NUL */

struct utsns_info {
	uint64_t	 inode;
	bool		 known;		/* false: unreadable (not root, gone) */
	bool		 deferred;	/* not read yet: the refresh's time
					   for hostnames ran out */
	char		 hostname[HOSTNAME_MAX];	/* raw bytes, unescaped */
};

/* One line of a uid_map or gid_map: count IDs from inside on. */
struct idmap_extent {
	uint32_t	 inside;	/* first ID inside the namespace */
	uint32_t	 outside;	/* the ID it is, seen by the scanner */
	uint32_t	 count;
};

#define IDMAP_MAX	340	/* the kernel allows at most 340 lines */

struct idmap {
	struct idmap_extent	*v;	/* in the snapshot's pool */
	size_t			 n;	/* 0: not written yet (all unmapped) */
	bool			 known;	/* false: unreadable */
};

/* One user namespace and its ID maps. */
struct userns_info {
	uint64_t	 inode;
	struct idmap	 uid_map;
	struct idmap	 gid_map;
};

struct passwd_entry;

/*
 * The user names of one mount namespace other than the scanner's: the
 * /etc/passwd of its members' root (a container's own), by uid.
 */
struct mntns_users {
	uint64_t		 inode;
	double			 read_at;	/* snapshot time of the reading */
	bool			 known;		/* false: no such file, unreadable */
	struct passwd_entry	*v;		/* in the pool; sorted by uid */
	size_t			 n;
};

/*
 * One distinct /proc/PID/cgroup reading in a snapshot: a container (or
 * none) and a unit (or none), and the container's names.  Records point
 * at it by index (procinfo.cgroup), so that each is stored once.
 */
struct cgroup_info {
	struct cgroup_ident	 ident;
	struct ct_names		 names;
};

struct strpool;

/* Where a run learns of births and exits. */
enum events_source {
	EVENTS_SOURCE_UNKNOWN,	/* a file written without it */
	EVENTS_SOURCE_POLLING,	/* only what /proc shows at each refresh */
	EVENTS_SOURCE_KERNEL,	/* the kernel's process events: all */
};

/* "kernel", "polling", or NULL for unknown. */
const char	*events_source_name(enum events_source s);

struct snapshot {
	double			 time;		/* unix seconds, when the scan began */
	int64_t			 boot_time;	/* unix seconds */
	long			 clk_tck;	/* ticks per second for start_ticks */
	char			 host[256];
	double			 loadavg[3];	/* 1, 5, 15 minutes, when known */
	uint64_t		 mem_total_kb;	/* MemTotal; 0 if unknown */
	uint64_t		 mem_avail_kb;	/* MemAvailable; 0 if unknown */
	uint64_t		 cpu_total;	/* /proc/stat's "cpu" line: every
						   tick of every CPU since
						   boot; 0 if unknown */
	uint64_t		 cpu_idle;	/* of them idle or iowait */
	uint64_t		 forks_total;	/* /proc/stat's "processes":
						   forks since boot (threads
						   too); 0 if unknown */
	float			 cpu_pct;	/* the whole machine busy since
						   the previous snapshot, 0 to
						   100 (diff) */
	bool			 cpu_known;	/* cpu_pct was worked out */
	pid_t			 self_pid;	/* the scanner, in the snapshot's
						   numbering; 0: not in it */
	uint64_t		 self_pidns;	/* the PID namespace whose PIDs the
						   snapshot holds: the scanner's,
						   or /proc's when proc_foreign */
	uint64_t		 own_pidns;	/* the scanner's own PID namespace
						   (self_pidns unless foreign) */
	bool			 proc_foreign;	/* /proc is another PID namespace's
						   than the scanner's */
	bool			 has_threads;	/* thread records are present */
	bool			 hidepid;	/* /proc hides other users' processes from us */
	bool			 loadavg_known;	/* false: unreadable, or a file
						   written without it */
	enum events_source	 events_source;	/* the run's, when taken */
	struct procinfo		*procs;		/* owned; sorted by pid */
	size_t			 nprocs;
	size_t			 cap;
	struct pidns_info	*pidns;		/* owned; nstable_build() fills it */
	size_t			 npidns;
	struct utsns_info	*utsns;		/* owned; sorted by inode */
	size_t			 nutsns;
	struct userns_info	*userns;	/* owned; sorted by inode */
	size_t			 nuserns;
	struct mntns_users	*mntusers;	/* owned; sorted by inode */
	size_t			 nmntusers;
	struct strpool		*pool;		/* owned; NSpid, shared names */
	struct cgroup_info	*cgroups;	/* owned; procinfo.cgroup - 1 */
	size_t			 ncgroups, cgroups_cap;
};

/* New empty snapshot. */
struct snapshot	*snapshot_new(void);
/* Free a snapshot and everything it owns; NULL is a no-op. */
void		 snapshot_free(struct snapshot *snap);

/* Append a zeroed record (ns unknown, uid unknown); valid until the next add. */
struct procinfo	*snapshot_add(struct snapshot *snap);
/* Make room for n records in all, so that adding them does not reallocate. */
void		 snapshot_reserve(struct snapshot *snap, size_t n);
/* p's user name for display: "?" when unknown (it went before it was read). */
const char	*procinfo_user(const struct procinfo *p);
/* The namespace set of a record whose namespaces are all unknown. */
extern const uint64_t procinfo_ns_unknown[NS_COUNT];
/*
 * Copy p into *to so that the copy outlives p's snapshot: its command
 * line into a new buffer (*cmdline, NULL if it has none; the caller
 * frees it), its NSpid into nspid (room for p->nspid_len entries), its
 * namespaces and names into own.  The copy has no cgroup (an index
 * into p's snapshot).
 */
void		 procinfo_copy(struct procinfo *to, const struct procinfo *p,
		    char **cmdline, int *nspid, struct procinfo_own *own);
/* Give p, a record outside any snapshot, these namespaces, kept in own. */
void		 procinfo_own_ns(struct procinfo *p, struct procinfo_own *own,
		    const uint64_t ns[NS_COUNT]);
/* Give p, a record outside any snapshot, these masks (NULL: unknown). */
void		 procinfo_own_sig(struct procinfo *p, struct procinfo_own *own,
		    const struct sigmasks *sig);
/* Give p these masks (NULL: unknown), shared in snap's pool. */
void		 snapshot_set_sig(struct snapshot *snap, struct procinfo *p,
		    const struct sigmasks *sig);
/* Give p the namespaces of ns (NS_COUNT inodes), shared in snap's pool. */
void		 snapshot_set_ns(struct snapshot *snap, struct procinfo *p,
		    const uint64_t ns[NS_COUNT]);
/* Set one of p's namespaces, keeping the others. */
void		 snapshot_set_ns1(struct snapshot *snap, struct procinfo *p,
		    enum ns_type t, uint64_t inode);
/* Give p the comm (NUL-terminated, cut to COMM_MAX - 1 bytes). */
void		 snapshot_set_comm(struct snapshot *snap, struct procinfo *p,
		    const char *comm);
/* Give p the user name (NUL-terminated, cut to USER_MAX - 1 bytes). */
void		 snapshot_set_user(struct snapshot *snap, struct procinfo *p,
		    const char *name);
/*
 * Give p an NSpid of n entries (1 to NSPID_MAX) in the snapshot's pool,
 * copied from v unless v is NULL; returns it, for the caller to fill.
 */
int		*snapshot_set_nspid(struct snapshot *snap, struct procinfo *p,
		    const int *v, int n);
/* Give p a copy of the len bytes of a command line (0: none). */
void		 snapshot_set_cmdline(struct snapshot *snap, struct procinfo *p,
		     const char *bytes, size_t len);
/*
 * Give p, a record of a snapshot, the command line of q, a record of the
 * same or another snapshot, without a copy: the bytes are counted, and
 * live as long as the last record that has them.
 */
void		 procinfo_share_cmdline(struct procinfo *p,
		     const struct procinfo *q);
/* Append a zeroed UTS namespace entry; valid until the next add. */
struct utsns_info *snapshot_add_utsns(struct snapshot *snap, uint64_t inode);
/* Append a user namespace entry (maps unknown); likewise. */
struct userns_info *snapshot_add_userns(struct snapshot *snap, uint64_t inode);
/* Append a mount namespace's user names (none known); likewise. */
struct mntns_users *snapshot_add_mntusers(struct snapshot *snap,
		    uint64_t inode);
/* Give m a copy of the n entries of v, in the pool; m is then known. */
void		 snapshot_set_mntusers(struct snapshot *snap,
		     struct mntns_users *m, const struct passwd_entry *v,
		     size_t n);
/* Give m a copy of the n (at most IDMAP_MAX) extents of v, in the pool. */
void		 snapshot_set_idmap(struct snapshot *snap, struct idmap *m,
		     const struct idmap_extent *v, size_t n);
/* Sort the records by pid; call after the last snapshot_add(). */
void		 snapshot_sort(struct snapshot *snap);
/* The record for pid, or NULL; needs snapshot_sort(). */
struct procinfo	*snapshot_find(const struct snapshot *snap, pid_t pid);
/* Index of the record for pid, or -1; needs snapshot_sort(). */
ssize_t		 snapshot_index(const struct snapshot *snap, pid_t pid);

/* The record's start time in seconds after boot. */
double		 snapshot_start_seconds(const struct snapshot *snap,
		     const struct procinfo *p);
/*
 * t held to 0 to the end of SNAPSHOT_TIME_MAX's second (beyond it:
 * SNAPSHOT_TIME_MAX); NaN is 0.  For the formatters, before a cast.
 */
double		 snapshot_clamp_time(double t);
/*
 * True when p has a command line worth showing: one with a byte other
 * than NUL.  An empty argv (argc 0, or argv ["", ""]) has none, and is
 * shown as [comm], as ps shows it; the bytes stay as the kernel gave them.
 */
bool		 procinfo_has_args(const struct procinfo *p);
/* The PID of p inside its own PID namespace (the last NSpid entry). */
pid_t		 procinfo_inner_pid(const struct procinfo *p);
/*
 * The PID namespace p lives in: its ns/pid inode, or, where that link
 * could not be read (another user's process), treetop's own namespace
 * when p's NSpid has a single entry, as it only has in the namespace of
 * the /proc that was read.  INODE_UNKNOWN otherwise.  For grouping and
 * counting; the record itself keeps what was read.
 */
uint64_t	 procinfo_pidns(const struct snapshot *snap,
		     const struct procinfo *p);
/* True when a and b are the same process: same pid and start time. */
bool		 procinfo_same(const struct procinfo *a, const struct procinfo *b);
/* Find a PID namespace by inode, or NULL. */
const struct pidns_info *snapshot_find_pidns(const struct snapshot *snap,
		     uint64_t inode);

/* --- containers and units --- */

/*
 * The index (1 and up) of the entry for ident in snap, added with names
 * (NULL: none yet) if there is none; an entry found keeps its names.
 */
/* The index (1 and up) of the entry for ident in snap, or 0: none. */
uint32_t	 snapshot_find_cgroup(const struct snapshot *snap,
		     const struct cgroup_ident *ident);
uint32_t	 snapshot_intern_cgroup(struct snapshot *snap,
		     const struct cgroup_ident *ident,
		     const struct ct_names *names);
/* Entry index, or NULL for 0 and out of range. */
const struct cgroup_info *snapshot_cgroup(const struct snapshot *snap,
		     uint32_t index);
/* p's container: its entry when that names one, else NULL. */
const struct cgroup_info *procinfo_container(const struct snapshot *snap,
		     const struct procinfo *p);
/* p's systemd unit, or NULL. */
const char	*procinfo_unit(const struct snapshot *snap,
		     const struct procinfo *p);

/* Names used in JSON and text: "pid", "mnt", ... */
extern const char *const ns_type_names[NS_COUNT];

#endif
