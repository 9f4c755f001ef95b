/*
 * The pool's chunks and its table of shared values: open addressing,
 * FNV-1a, kept at most half full.  A snapshot holds a few hundred
 * distinct names and namespace sets however many processes it has.
 */
#include "config.h"
#include "strpool.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define POOL_CHUNK	(64 * 1024)
#define INTERN_MIN	64	/* slots in the first table */

/* Chunks never move, so records may keep pointers into them. */
struct pool_chunk {
	struct pool_chunk	*next;
	size_t			 used;
	size_t			 size;
	_Alignas(max_align_t) char data[];
};

struct intern_slot {
	const void	*v;		/* NULL: empty */
	uint32_t	 len;
	uint32_t	 hash;
	size_t		 align;
};

struct strpool {
	struct pool_chunk	*head;
	struct intern_slot	*slots;
	size_t			 nslots;	/* 0 or a power of two */
	size_t			 nused;
};

struct strpool *
strpool_new(void)
{
	return xcalloc(1, sizeof(struct strpool));
}

void
strpool_free(struct strpool *pool)
{
	struct pool_chunk	*c, *next;

	if (pool == NULL)
		return;
	for (c = pool->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(pool->slots);
	free(pool);
}

void *
strpool_alloc(struct strpool *pool, size_t len, size_t align)
{
	struct pool_chunk	*c = pool->head;
	size_t			 at = 0;
	char			*out;

	if (c != NULL)
		at = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || at > c->size || c->size - at < len) {
		size_t	size = len > POOL_CHUNK ? len : POOL_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->next = pool->head;
		pool->head = c;
		at = 0;
	}
	out = c->data + at;
	c->used = at + len;
	return out;
}

static uint32_t
strpool_hash(const void *v, size_t len, size_t align)
{
	const unsigned char	*b = v;
	uint32_t		 h = 2166136261u ^ (uint32_t)align;
	size_t			 i;

	for (i = 0; i < len; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* The slot holding the value, or the empty one where it would go. */
static struct intern_slot *
strpool_slot(struct strpool *pool, const void *v, size_t len, size_t align,
    uint32_t hash)
{
	size_t			 mask = pool->nslots - 1, i = hash & mask;
	struct intern_slot	*s;

	for (;; i = (i + 1) & mask) {
		s = &pool->slots[i];
		if (s->v == NULL || (s->hash == hash && s->len == len &&
		    s->align == align && memcmp(s->v, v, len) == 0))
			return s;
	}
}

static void
strpool_grow(struct strpool *pool)
{
	struct intern_slot	*old = pool->slots;
	size_t			 n = pool->nslots, i;

	pool->nslots = n ? n * 2 : INTERN_MIN;
	pool->slots = xcalloc(pool->nslots, sizeof *pool->slots);
	for (i = 0; i < n; i++)
		if (old[i].v != NULL)
			*strpool_slot(pool, old[i].v, old[i].len,
			    old[i].align, old[i].hash) = old[i];
	free(old);
}

const void *
strpool_intern(struct strpool *pool, const void *v, size_t len, size_t align)
{
	struct intern_slot	*s;
	uint32_t		 hash = strpool_hash(v, len, align);
	void			*copy;

	if ((pool->nused + 1) * 2 > pool->nslots)
		strpool_grow(pool);
	s = strpool_slot(pool, v, len, align, hash);
	if (s->v != NULL)
		return s->v;
	copy = strpool_alloc(pool, len, align);
	memcpy(copy, v, len);
	s->v = copy;
	s->len = (uint32_t)len;
	s->hash = hash;
	s->align = align;
	pool->nused++;
	return copy;
}

const char *
strpool_intern_str(struct strpool *pool, const char *s)
{
	return strpool_intern(pool, s, strlen(s) + 1, 1);
}
