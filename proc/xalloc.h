/*
 * Allocation that cannot fail, and the one fatal-exit path.
 *
 * Running out of memory is fatal and handled here once.  die() runs the
 * cleanup hook first (src/ registers endwin() while curses is up) so the
 * terminal is restored before the message is printed.
 */
#ifndef PROC_XALLOC_H
#define PROC_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*xalloc_cleanup_fn)(void);

void	*xmalloc(size_t size);
void	*xcalloc(size_t n, size_t size);
void	*xreallocarray(void *ptr, size_t n, size_t size);
char	*xstrdup(const char *s);
/* asprintf() into *out that cannot fail. */
void	 xasprintf(char **out, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* vasprintf() into *out that cannot fail. */
void	 xvasprintf(char **out, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Run the cleanup hook, print "treetop: MESSAGE" to stderr and exit 1. */
void	 die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Register the hook die() runs first; NULL removes it. */
void	 xalloc_set_cleanup(xalloc_cleanup_fn fn);

#endif
