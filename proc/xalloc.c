/*
 * Allocation wrappers that die on exhaustion, and die() itself.
 */
#include "config.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xalloc_cleanup_fn xalloc_cleanup;

void
xalloc_set_cleanup(xalloc_cleanup_fn fn)
{
	xalloc_cleanup = fn;
}

void
die(const char *fmt, ...)
{
	va_list	ap;

	if (xalloc_cleanup != NULL)
		xalloc_cleanup();
	fputs("treetop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p = malloc(size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void	*p = reallocarray(ptr, n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		die("out of memory");
	return p;
}

void
xvasprintf(char **out, const char *fmt, va_list ap)
{
	if (vasprintf(out, fmt, ap) < 0)
		die("out of memory");
}

void
xasprintf(char **out, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xvasprintf(out, fmt, ap);
	va_end(ap);
}
