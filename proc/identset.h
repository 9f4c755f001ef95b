/*
 * A set of process identities (pid, start time), kept sorted: the folds
 * and tags of the explorer, the processes a selection shows.  State keyed
 * by identity survives every rebuild and never follows a reused PID.
 */
#ifndef PROC_IDENTSET_H
#define PROC_IDENTSET_H

#include <stdbool.h>
#include <stddef.h>

#include "rows_view.h"

struct snapshot;

struct identset {
	struct proc_ident	*v;	/* owned; by pid, then start */
	size_t			 n;
	size_t			 cap;
};

void	identset_init(struct identset *s);
void	identset_done(struct identset *s);
void	identset_clear(struct identset *s);
bool	identset_has(const struct identset *s, const struct proc_ident *id);
/* Whether some identity of the set has pid (whatever its start time). */
bool	identset_has_pid(const struct identset *s, pid_t pid);
/* Add id; false if it was there already. */
bool	identset_add(struct identset *s, const struct proc_ident *id);
/* Remove id; false if it was not there. */
bool	identset_remove(struct identset *s, const struct proc_ident *id);
/*
 * Many at once: append each (any order, no duplicates), then sort once
 * before the set is searched again.
 */
void	identset_append(struct identset *s, const struct proc_ident *id);
void	identset_sort(struct identset *s);
/* Keep only the identities that are processes of snap. */
void	identset_prune(struct identset *s, const struct snapshot *snap);
/* Order of two identities, for qsort() and bsearch(). */
int	identset_cmp(const void *x, const void *y);

#endif
