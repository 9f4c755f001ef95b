/*
 * Thread groups for the events listener: a table by tgid, open
 * addressing with linear probing and deletion by shifting back, so that
 * a storm of forks and exits leaves no tombstones behind.
 */
#include "config.h"
#include "procev_groups.h"

#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

enum {
	GROUP_SINGLE	= 1u << 0,
	GROUP_THREADED	= 1u << 1,
	GROUP_EARLY	= 1u << 2,
};

struct procev_group {
	pid_t		tgid;	/* 0: a free slot */
	unsigned	flags;
};

void
procev_groups_init(struct procev_groups *g)
{
	g->slots = NULL;
	g->cap = 0;
	g->n = 0;
}

void
procev_groups_done(struct procev_groups *g)
{
	free(g->slots);
	procev_groups_init(g);
}

static size_t
procev_groups_hash(pid_t tgid, size_t cap)
{
	return ((uint32_t)tgid * 2654435761u) & (cap - 1);
}

/* The slot of tgid, or the free slot where it would go. */
static size_t
procev_groups_slot(const struct procev_groups *g, pid_t tgid)
{
	size_t	i = procev_groups_hash(tgid, g->cap);

	while (g->slots[i].tgid != 0 && g->slots[i].tgid != tgid)
		i = (i + 1) & (g->cap - 1);
	return i;
}

static struct procev_group *
procev_groups_find(const struct procev_groups *g, pid_t tgid)
{
	size_t	i;

	if (g->cap == 0 || tgid <= 0)
		return NULL;
	i = procev_groups_slot(g, tgid);
	return g->slots[i].tgid == tgid ? &g->slots[i] : NULL;
}

/* Rebuild with room for twice as many, keeping the entries with keep. */
static void
procev_groups_rehash(struct procev_groups *g, size_t cap, unsigned keep)
{
	struct procev_group	*old = g->slots;
	size_t			 oldcap = g->cap, i, to;

	g->slots = xcalloc(cap, sizeof *g->slots);
	g->cap = cap;
	g->n = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i].tgid == 0 || (old[i].flags & keep) == 0)
			continue;
		to = procev_groups_slot(g, old[i].tgid);
		g->slots[to] = old[i];
		g->n++;
	}
	free(old);
}

/* tgid's entry, made if need be (its flags then 0). */
static struct procev_group *
procev_groups_get(struct procev_groups *g, pid_t tgid)
{
	size_t	i;

	if (g->n >= PROCEV_GROUPS_MAX)
		procev_groups_rehash(g, g->cap, GROUP_EARLY);
	if (2 * (g->n + 1) >= g->cap)
		procev_groups_rehash(g, g->cap ? 2 * g->cap : 256,
		    ~0u);
	i = procev_groups_slot(g, tgid);
	if (g->slots[i].tgid == 0) {
		g->slots[i].tgid = tgid;
		g->slots[i].flags = 0;
		g->n++;
	}
	return &g->slots[i];
}

void
procev_groups_fork(struct procev_groups *g, pid_t pid, pid_t tgid)
{
	struct procev_group	*e;

	if (tgid <= 0)
		return;
	if (pid == tgid) {
		procev_groups_get(g, tgid)->flags = GROUP_SINGLE;
		return;
	}
	/* A thread of a process we knew nothing of: still unknown. */
	if ((e = procev_groups_find(g, tgid)) != NULL)
		e->flags = (e->flags & ~(unsigned)GROUP_SINGLE) |
		    GROUP_THREADED;
}

bool
procev_groups_single(const struct procev_groups *g, pid_t tgid)
{
	const struct procev_group	*e = procev_groups_find(g, tgid);

	return e != NULL && (e->flags & GROUP_SINGLE) != 0;
}

void
procev_groups_set_early(struct procev_groups *g, pid_t tgid)
{
	if (tgid > 0)
		procev_groups_get(g, tgid)->flags = GROUP_THREADED |
		    GROUP_EARLY;
}

bool
procev_groups_take_early(struct procev_groups *g, pid_t tgid)
{
	struct procev_group	*e = procev_groups_find(g, tgid);

	if (e == NULL || (e->flags & GROUP_EARLY) == 0)
		return false;
	e->flags &= ~(unsigned)GROUP_EARLY;
	return true;
}

void
procev_groups_forget(struct procev_groups *g, pid_t tgid)
{
	size_t	i, j, home;

	if (procev_groups_find(g, tgid) == NULL)
		return;
	i = procev_groups_slot(g, tgid);
	g->slots[i].tgid = 0;
	g->n--;
	/* Shift back what probed past the hole. */
	for (j = (i + 1) & (g->cap - 1); g->slots[j].tgid != 0;
	    j = (j + 1) & (g->cap - 1)) {
		home = procev_groups_hash(g->slots[j].tgid, g->cap);
		if (((j - home) & (g->cap - 1)) < ((j - i) & (g->cap - 1)))
			continue;
		g->slots[i] = g->slots[j];
		g->slots[j].tgid = 0;
		i = j;
	}
}

void
procev_groups_doubt(struct procev_groups *g)
{
	if (g->cap > 0)
		procev_groups_rehash(g, g->cap, GROUP_EARLY);
}
