/*
 * Untrusted bytes (comm, cmdline) -> text that is safe for a terminal.
 * Control characters become C-style escapes (\e, \n, \x07), invalid UTF-8
 * bytes become \xHH, a backslash becomes \\.  No curses here.
 */
#ifndef PROC_ESCAPE_H
#define PROC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Escape len bytes of in into out (always NUL-terminated when size > 0).
 * With utf8 false every non-ASCII byte is escaped.  Returns the length the
 * whole escaped text needs, excluding the NUL, as snprintf does.
 */
size_t	escape_bytes(const char *in, size_t len, bool utf8, char *out,
	    size_t size);
/*
 * Escape a NUL-separated argument vector, joining the arguments with
 * single spaces.  Returns as escape_bytes().
 */
size_t	escape_cmdline(const char *cmd, size_t len, bool utf8, char *out,
	    size_t size);

#endif
