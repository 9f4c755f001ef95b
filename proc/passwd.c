/*
 * passwd(5) text to a table of uid and name (see passwd.h).
 */
#include "config.h"
#include "passwd.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* The uid field [s, end): decimal digits, below 4294967295. */
static bool
passwd_uid(const char *s, const char *end, uint32_t *uid)
{
	uint64_t	v = 0;

	if (s == end || end - s > 10)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v >= UINT32_MAX)
		return false;
	*uid = (uint32_t)v;
	return true;
}

/* Parse the line [s, end) into e; false if it is not a valid entry. */
static bool
passwd_line(const char *s, const char *end, struct passwd_entry *e)
{
	const char	*c1, *c2, *c3;
	size_t		 len;

	if ((c1 = memchr(s, ':', (size_t)(end - s))) == NULL ||
	    (c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))) == NULL)
		return false;
	if ((c3 = memchr(c2 + 1, ':', (size_t)(end - c2 - 1))) == NULL)
		c3 = end;
	len = (size_t)(c1 - s);
	if (len == 0 || len >= PASSWD_NAME_MAX || *s == '+' || *s == '-' ||
	    memchr(s, '\0', len) != NULL || !passwd_uid(c2 + 1, c3, &e->uid))
		return false;
	memcpy(e->name, s, len);
	e->name[len] = '\0';
	return true;
}

/* By uid, then by position in the file (the array's order). */
static int
passwd_cmp(const void *a, const void *b)
{
	const struct passwd_entry	*x = a, *y = b;

	if (x->uid != y->uid)
		return (x->uid > y->uid) - (x->uid < y->uid);
	return (x->line > y->line) - (x->line < y->line);
}

struct passwd_entry *
passwd_parse(const char *text, size_t len, size_t *n)
{
	struct passwd_entry	*v = NULL;
	const char		*s = text, *end = text + len, *eol;
	size_t			 k = 0, cap = 0, i, u = 0;

	while (s < end && k < PASSWD_ENTRIES_MAX) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		if (k == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		if (passwd_line(s, eol, &v[k])) {
			v[k].line = (uint32_t)k;
			k++;
		}
		s = eol + 1;
	}
	/* qsort is not stable: the first line of a uid wins by its rank */
	if (k > 1)
		qsort(v, k, sizeof *v, passwd_cmp);
	for (i = 0; i < k; i++)
		if (u == 0 || v[u - 1].uid != v[i].uid)
			v[u++] = v[i];
	*n = u;
	if (u == 0) {
		free(v);
		return NULL;
	}
	return v;
}

static int
passwd_cmp_uid(const void *key, const void *elem)
{
	uint32_t			 uid = *(const uint32_t *)key;
	const struct passwd_entry	*e = elem;

	return (uid > e->uid) - (uid < e->uid);
}

const char *
passwd_name(const struct passwd_entry *v, size_t n, uint32_t uid)
{
	const struct passwd_entry	*e;

	if (v == NULL || n == 0)
		return NULL;
	e = bsearch(&uid, v, n, sizeof *v, passwd_cmp_uid);
	return e != NULL ? e->name : NULL;
}
