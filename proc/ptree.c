/*
 * snapshot -> tree of index arrays.  Everything here is iterative: the
 * depth of a tree is chosen by whoever forks, not by us.
 */
#include "config.h"
#include "ptree.h"

#include <assert.h>
#include <stdlib.h>

#include "snapshot.h"
#include "xalloc.h"

static size_t
ptree_parent_of(const struct snapshot *snap, size_t i)
{
	const struct procinfo	*p = &snap->procs[i];
	pid_t			 key = (p->flags & PI_THREAD) ? p->tgid : p->ppid;
	ssize_t			 j;

	if (key <= 0 || key == p->pid)
		return PTREE_NONE;
	j = snapshot_index(snap, key);
	return j < 0 ? PTREE_NONE : (size_t)j;
}

/*
 * A snapshot from the kernel has no cycles, a loaded file may.  Walk up
 * from each unvisited node; meeting a node of the current walk closes a
 * cycle, which we open by making the last node of the walk a root.
 */
static void
ptree_break_cycles(struct ptree *t)
{
	enum { NEW, ON_PATH, DONE };
	unsigned char	*state = xcalloc(t->n, 1);
	size_t		*path = xmalloc(t->n * sizeof *path);
	size_t		 i, j, len;

	for (i = 0; i < t->n; i++) {
		if (state[i] != NEW)
			continue;
		len = 0;
		for (j = i; j != PTREE_NONE && state[j] == NEW; j = t->parent[j]) {
			state[j] = ON_PATH;
			path[len++] = j;
		}
		if (j != PTREE_NONE && state[j] == ON_PATH)
			t->parent[path[len - 1]] = PTREE_NONE;
		while (len > 0)
			state[path[--len]] = DONE;
	}
	free(path);
	free(state);
}

/* Link children (and roots) in pid order: records are sorted by pid. */
static void
ptree_link_children(struct ptree *t)
{
	size_t	i;

	t->first_root = PTREE_NONE;
	t->nroots = 0;
	for (i = 0; i < t->n; i++)
		t->first_child[i] = PTREE_NONE;
	for (i = t->n; i-- > 0;) {
		if (t->parent[i] == PTREE_NONE) {
			t->next_sibling[i] = (uint32_t)t->first_root;
			t->first_root = i;
			t->nroots++;
		} else {
			t->next_sibling[i] = t->first_child[t->parent[i]];
			t->first_child[t->parent[i]] = (uint32_t)i;
		}
	}
}

/* Depth-first pre-order without a stack: down, across, then back up. */
static void
ptree_order(struct ptree *t)
{
	size_t	pos = 0, root, node;

	for (root = t->first_root; root != PTREE_NONE;
	    root = t->next_sibling[root]) {
		node = root;
		for (;;) {
			t->depth[node] = t->parent[node] == PTREE_NONE ? 0 :
			    t->depth[t->parent[node]] + 1;
			t->pos[node] = pos;
			t->order[pos++] = node;
			if (t->first_child[node] != PTREE_NONE) {
				node = t->first_child[node];
				continue;
			}
			/* A leaf: close it and each ancestor it was the last of. */
			while (node != root &&
			    t->next_sibling[node] == PTREE_NONE) {
				t->subtree_end[t->pos[node]] = pos;
				node = t->parent[node];
			}
			t->subtree_end[t->pos[node]] = pos;
			if (node == root)
				break;
			node = t->next_sibling[node];
		}
	}
	assert(pos == t->n);
}

struct ptree *
ptree_build(const struct snapshot *snap)
{
	struct ptree	*t = xcalloc(1, sizeof *t);
	size_t		 i, n = snap->nprocs;

	t->snap = snap;
	t->n = n;
	t->parent = xcalloc(n, sizeof *t->parent);
	t->first_child = xcalloc(n, sizeof *t->first_child);
	t->next_sibling = xcalloc(n, sizeof *t->next_sibling);
	t->order = xcalloc(n, sizeof *t->order);
	t->pos = xcalloc(n, sizeof *t->pos);
	t->subtree_end = xcalloc(n, sizeof *t->subtree_end);
	t->depth = xcalloc(n, sizeof *t->depth);
	for (i = 0; i < n; i++)
		t->parent[i] = ptree_parent_of(snap, i);
	ptree_break_cycles(t);
	ptree_link_children(t);
	ptree_order(t);
	return t;
}

void
ptree_free(struct ptree *t)
{
	if (t == NULL)
		return;
	free(t->parent);
	free(t->first_child);
	free(t->next_sibling);
	free(t->order);
	free(t->pos);
	free(t->subtree_end);
	free(t->depth);
	free(t);
}
