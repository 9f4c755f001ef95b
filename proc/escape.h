/*
 * Untrusted bytes (comm, cmdline) -> text that is safe for a terminal.
 * Control characters become C-style escapes (\e, \n, \x07), invalid UTF-8
 * bytes become \xHH, a backslash becomes \\.  C1 controls and the
 * characters that reorder a line or are invisible (bidi controls, zero
 * widths, BOM) become \uHHHH.  In proc/ so that load.c can escape what it
 * quotes in a cause; it depends on libc only.  No curses here.
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
/*
 * A process state for display: state itself when it is an ASCII letter
 * (the kernel's are), '?' for anything else, including NUL.
 */
char	escape_state(char state);

/*
 * Escape len bytes into *buf, growing it (and *cap) as needed; the caller
 * keeps the buffer for reuse and frees it.  Returns *buf.  With cmdline,
 * NULs separate arguments as for escape_cmdline().
 */
const char *escape_into(char **buf, size_t *cap, const char *bytes,
	    size_t len, bool cmdline, bool utf8);
/*
 * One argument as a shell would quote it, and safe for a terminal: as it
 * is when every byte is plain ([A-Za-z0-9_@%+=:,./-]), in '...' when it
 * is printable, else in $'...' with the escapes above.  Caller frees.
 */
char	*escape_shell_word(const char *arg, size_t len, bool utf8);
/* A new escaped copy of the C string s (ASCII-only output); caller frees. */
char	*escape_strdup(const char *s);

#endif
