/*
 * The process tree of a snapshot: parent and child links, roots, and a
 * depth-first pre-order, all as index arrays.  Building and walking it
 * never recurses, so a chain of any depth is fine.
 */
#ifndef PROC_PTREE_H
#define PROC_PTREE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct snapshot;

/* Indexes are 32 bits wide, half a size_t: a snapshot holds fewer records. */
#define PTREE_NONE	((size_t)UINT32_MAX)

struct ptree {
	const struct snapshot	*snap;		/* borrowed */
	size_t			 n;		/* == snap->nprocs */
	uint32_t		*parent;	/* owned; by record index, PTREE_NONE for roots */
	uint32_t		*first_child;	/* owned; children ordered by pid */
	uint32_t		*next_sibling;	/* owned */
	uint32_t		*order;		/* owned; record indices in pre-order */
	uint32_t		*pos;		/* owned; record index -> position in order */
	uint32_t		*subtree_end;	/* owned; by position: one past the subtree */
	unsigned		*depth;		/* owned; by record index, roots are 0 */
	size_t			 first_root;	/* roots are linked by next_sibling */
	size_t			 nroots;
};

/*
 * Build the tree of snap.  A process's parent is its PPID's record (a
 * thread's is its group leader); a process whose parent is missing, or
 * that would close a cycle in a loaded file, is a root.
 * The tree borrows snap: free the tree before the snapshot.
 */
struct ptree	*ptree_build(const struct snapshot *snap);
/* Free the tree; NULL is a no-op. */
void		 ptree_free(struct ptree *tree);

#endif
