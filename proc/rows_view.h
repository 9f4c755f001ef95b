/*
 * What a list of processes is made of: the view state that chooses and
 * orders what is shown, the rows it comes out as (struct rows, built by
 * rows.c with rows_ghosts.c), and the tests of one process against a
 * view state.  The lowest layer of the rows: it includes no other part
 * of them.  Users include rows.h, which includes this.
 */
#ifndef PROC_ROWS_VIEW_H
#define PROC_ROWS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

struct procinfo;
struct pidns_info;
struct recent;
struct recent_ghost;
struct rows_gplace;

#define ROWS_RAIL_MAX	64	/* rails are kept for depths below this */

enum row_flag {
	ROW_LAST	= 1u << 0,	/* last child of its parent (or last root) */
	ROW_FOLDED	= 1u << 1,	/* has hidden children */
	ROW_HAS_KIDS	= 1u << 2,	/* has visible or folded children */
	ROW_MATCH	= 1u << 3,	/* matched the filter itself */
	ROW_GHOST	= 1u << 4,	/* an exited process: proc is the
					   ghost's copy, not the snapshot's */
	ROW_NEW		= 1u << 5,	/* started a moment ago */
	ROW_TAGGED	= 1u << 6,	/* tagged in the explorer (view.c) */
};

#define ROWS_NO_INDEX	UINT32_MAX	/* row.index of a ghost row */

/*
 * One visible line; points into the tree until the next rows_build().
 * In the by-namespace layout a section starts with a header row whose
 * proc is NULL (rows_header_pidns() gives its PID namespace).  A ghost
 * row (ROW_GHOST) points into the struct recent it came from, valid until
 * its next update (rows_ghost()).  A row is 40 bytes: there is one per
 * process on screen or scrolled past.
 */
struct row {
	const struct procinfo	*proc;		/* NULL on a header row */
	uint64_t		 rails;		/* bit n set: draw a vertical rail at depth n */
	union {
		struct {			/* process and ghost rows */
			uint32_t	 index;		/* record index in the
							   snapshot; ROWS_NO_INDEX
							   on a ghost */
			unsigned	 hidden;	/* ROW_FOLDED: the records
							   its fold hides (threads
							   too, when shown) */
			unsigned	 hidden_zombies;	/* of them zombies */
		};
		struct {			/* header rows */
			uint64_t	 group_inode;	/* the section's
							   namespace,
							   INODE_UNKNOWN for the
							   unknown ones */
			unsigned	 group_members;	/* the processes in it
							   (threads not
							   counted) */
		};
	};
	unsigned		 depth;
	unsigned		 flags;		/* enum row_flag */
};

/* The ghost a ROW_GHOST row shows; NULL on any other row. */
const struct recent_ghost *rows_ghost(const struct row *row);

/*
 * The PID namespace a header row stands for, when the sections are by
 * PID namespace (group_ns) and snap knows it; NULL otherwise.
 */
const struct pidns_info *rows_header_pidns(const struct snapshot *snap,
	    enum ns_type group_ns, const struct row *row);

enum rows_filter {
	ROWS_ALL,		/* every process */
	ROWS_SUBTREES,		/* the subtrees rooted at vs->pids */
	ROWS_ZOMBIES,		/* zombies and their ancestors */
	ROWS_ORPHANS,		/* orphans and their ancestors */
	ROWS_PIDNS,		/* members of vs->pidns and namespaces nested in it */
	ROWS_CONTAINER,		/* the processes of container vs->container */
};

enum rows_layout {
	ROWS_TREE,		/* the process tree */
	ROWS_FLAT,		/* a sorted list, depth 0 */
	ROWS_BY_PIDNS,		/* a section per namespace of type
				   viewstate.group_ns (PID by default), a
				   tree in each */
};

enum rows_sort {
	SORT_PID, SORT_PPID, SORT_PGID, SORT_SID, SORT_TGID, SORT_NSPID,
	SORT_USER, SORT_STATE, SORT_CPU, SORT_RSS, SORT_TIME, SORT_START,
	SORT_COMMAND, SORT_MEM, SORT_VIRT, SORT_NLWP, SORT_CONTAINER, SORT_UNIT,
	SORT_COUNT
};

/* Process identity, for state that must survive rebuilds. */
struct proc_ident {
	pid_t		pid;
	uint64_t	start_ticks;
};

struct viewstate {
	enum rows_filter	 filter;
	const pid_t		*pids;		/* borrowed; ROWS_SUBTREES */
	size_t			 npids;
	uint64_t		 pidns;		/* ROWS_PIDNS */
	const struct cgroup_ident *container;	/* borrowed; ROWS_CONTAINER:
						   its runtime and ID */
	const struct proc_ident	*folded;	/* borrowed; by pid, then start */
	size_t			 nfolded;
	const char		*match;		/* borrowed; NULL or "": no text filter */
	bool			 hide_threads;	/* leave PI_THREAD records out */
	bool			 hide_kthreads;	/* leave kernel threads out */
	bool			 one_user;	/* only the processes of uid */
	uint32_t		 uid;
	enum rows_layout	 layout;
	enum ns_type		 group_ns;	/* ROWS_BY_PIDNS: sections by
						   this namespace type */
	enum rows_sort		 sort;		/* ROWS_FLAT */
	bool			 descending;	/* ROWS_FLAT */
	const struct recent	*recent;	/* borrowed; births to mark and
						   ghosts to show, or NULL */
};

struct rows {
	struct row	*v;		/* owned */
	size_t		 n;
	size_t		 cap;
	unsigned char	*mark;		/* owned scratch, by record index,
					   during rows_build() only */
	size_t		*row_of;	/* likewise */
	size_t		*parent_row;	/* owned scratch, by row */
	uint8_t		*cont;		/* owned scratch, by depth */
	size_t		*sorted;	/* likewise, records and ghosts */
	size_t		 scratch_cap;
	size_t		 sorted_cap;	/* of sorted: records and ghosts */
	struct rows_gplace *gplace;	/* owned scratch, by ghost */
	size_t		 gplace_cap;
};

/*
 * True if p matches a search or filter query: a query of digits is a PID
 * (with inside, as in the namespace view, also the PID p has inside its
 * own PID namespace: /42 finds PID 42 of each); otherwise a
 * case-insensitive substring of comm, of the command line or of the name
 * of the container p runs in (snap: p's snapshot, or NULL for a record
 * of none, as a ghost's copy is).
 */
bool	rows_proc_matches(const struct snapshot *snap, const struct procinfo *p,
	    const char *query, bool inside);
/* True if p is in vs->folded (by pid and start time). */
/*
 * True if p is left out whatever else shows: a thread or a kernel thread
 * that vs hides, another user's process under a user filter.  Its
 * children move up to its nearest shown ancestor.
 */
bool	rows_proc_hidden(const struct viewstate *vs, const struct procinfo *p);
bool	rows_is_folded(const struct viewstate *vs, const struct procinfo *p);
/*
 * Whether vs's folds apply: they do while browsing, not in a view that
 * looks for something (zombies, orphans, a text filter).
 */
bool	rows_folding(const struct viewstate *vs);
/*
 * The namespace of type t that p's section is by: for PID, as
 * procinfo_pidns() says; else its ns link's inode, INODE_UNKNOWN if
 * unreadable.
 */
uint64_t rows_group_key(const struct snapshot *snap, const struct procinfo *p,
	    enum ns_type t);

#endif
