/*
 * A sorted array of identities: binary search to find, memmove to insert
 * and remove.  Folds are few; a selection of thousands is appended and
 * sorted once.
 */
#include "config.h"
#include "identset.h"

#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "xalloc.h"

void
identset_init(struct identset *s)
{
	memset(s, 0, sizeof *s);
}

void
identset_done(struct identset *s)
{
	free(s->v);
	identset_init(s);
}

void
identset_clear(struct identset *s)
{
	s->n = 0;
}

int
identset_cmp(const void *x, const void *y)
{
	const struct proc_ident	*a = x, *b = y;

	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if (a->start_ticks != b->start_ticks)
		return a->start_ticks < b->start_ticks ? -1 : 1;
	return 0;
}

/* Where id is, or where it would go; *found says which. */
static size_t
identset_find(const struct identset *s, const struct proc_ident *id,
    bool *found)
{
	size_t	lo = 0, hi = s->n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = identset_cmp(&s->v[mid], id);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

bool
identset_has(const struct identset *s, const struct proc_ident *id)
{
	bool	found;

	identset_find(s, id, &found);
	return found;
}

bool
identset_has_pid(const struct identset *s, pid_t pid)
{
	struct proc_ident	first = { pid, 0 };
	size_t			at;
	bool			found;

	at = identset_find(s, &first, &found);
	return found || (at < s->n && s->v[at].pid == pid);
}

static void
identset_grow(struct identset *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
}

bool
identset_add(struct identset *s, const struct proc_ident *id)
{
	bool	found;
	size_t	at = identset_find(s, id, &found);

	if (found)
		return false;
	identset_grow(s);
	memmove(&s->v[at + 1], &s->v[at], (s->n - at) * sizeof *s->v);
	s->v[at] = *id;
	s->n++;
	return true;
}

bool
identset_remove(struct identset *s, const struct proc_ident *id)
{
	bool	found;
	size_t	at = identset_find(s, id, &found);

	if (!found)
		return false;
	memmove(&s->v[at], &s->v[at + 1], (s->n - at - 1) * sizeof *s->v);
	s->n--;
	return true;
}

void
identset_append(struct identset *s, const struct proc_ident *id)
{
	identset_grow(s);
	s->v[s->n++] = *id;
}

void
identset_sort(struct identset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, identset_cmp);
}

void
identset_prune(struct identset *s, const struct snapshot *snap)
{
	const struct procinfo	*p;
	size_t			 i, kept = 0;

	for (i = 0; i < s->n; i++) {
		p = snapshot_find(snap, s->v[i].pid);
		if (p != NULL && p->start_ticks == s->v[i].start_ticks)
			s->v[kept++] = s->v[i];
	}
	s->n = kept;
}
