/*
 * A snapshot's pool: bytes that live as long as the snapshot (NSpid,
 * ID maps, passwd entries), in chunks that never move, and one copy of each
 * distinct value records share (names, namespace sets).
 */
#ifndef PROC_STRPOOL_H
#define PROC_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool	*strpool_new(void);
/* Free the pool and every byte in it; NULL is a no-op. */
void		 strpool_free(struct strpool *pool);
/* len bytes, uninitialised, at a multiple of align (a power of two). */
void		*strpool_alloc(struct strpool *pool, size_t len, size_t align);
/*
 * The pool's copy of the len bytes at v, at a multiple of align: one
 * copy per distinct value and alignment, so equal values share it.
 */
const void	*strpool_intern(struct strpool *pool, const void *v,
		    size_t len, size_t align);
/* The same for the NUL-terminated s (its NUL included). */
const char	*strpool_intern_str(struct strpool *pool, const char *s);

#endif
