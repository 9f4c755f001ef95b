/*
 * Untrusted bytes -> terminal-safe text.  Whether a character passes is
 * decided by fixed rules, never by the locale (no wcwidth, no iswprint), so
 * batch output and tests are the same everywhere.  No curses here.
 *
 * The input is cut into units (one byte, or one UTF-8 character), and each
 * unit becomes one piece of output: itself, or an escape.  Pieces are
 * written whole or not at all, so truncation never splits an escape or a
 * character.
 */
#include "config.h"
#include "escape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ESCAPE_PIECE_MAX	8	/* longest piece: "\u202e" is 6 */

struct escape_out {
	char	*buf;
	size_t	 size;
	size_t	 used;		/* bytes written, excluding the NUL */
	size_t	 need;		/* bytes the whole text needs */
	int	 full;		/* a piece did not fit: write no more */
};

static const char escape_hex[] = "0123456789abcdef";

/* Append one piece, whole or not at all; always count it. */
static void
escape_put(struct escape_out *eo, const char *piece, size_t len)
{
	eo->need += len;
	if (eo->full || eo->size == 0)
		return;
	if (eo->used + len >= eo->size) {
		eo->full = 1;
		return;
	}
	memcpy(eo->buf + eo->used, piece, len);
	eo->used += len;
}

/*
 * Append len bytes that are each a piece of their own (plain ASCII): as
 * many as fit, as escape_put() would one by one.
 */
static void
escape_put_plain(struct escape_out *eo, const char *bytes, size_t len)
{
	size_t	room;

	eo->need += len;
	if (eo->full || eo->size == 0)
		return;
	room = eo->size - 1 - eo->used;	/* used < size always */
	if (len > room) {
		len = room;
		eo->full = 1;
	}
	memcpy(eo->buf + eo->used, bytes, len);
	eo->used += len;
}

/* Bytes from s on that stand for themselves: printable ASCII, no '\\'. */
static size_t
escape_plain_len(const unsigned char *s, size_t len)
{
	size_t	n = 0;

	while (n < len && s[n] >= 0x20 && s[n] < 0x7f && s[n] != '\\')
		n++;
	return n;
}

/* Length of a well-formed UTF-8 sequence at s, 0 if there is none. */
static size_t
escape_utf8_len(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		n, i;
	uint32_t	c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else
		return 0;	/* ASCII, continuation, C0, C1, F5-FF */
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

/*
 * Code points that are controls, can reorder the terminal line, or are
 * invisible, so that two names which look the same on screen differ.
 */
static int
escape_cp_unsafe(uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0x9f)		/* C1 controls */
		return 1;
	if (cp == 0x061c)			/* ALM */
		return 1;
	if (cp >= 0x200b && cp <= 0x200f)	/* ZWSP ZWNJ ZWJ LRM RLM */
		return 1;
	if (cp == 0x2028 || cp == 0x2029)	/* line, paragraph separator */
		return 1;
	if (cp >= 0x202a && cp <= 0x202e)	/* LRE RLE PDF LRO RLO */
		return 1;
	if (cp >= 0x2060 && cp <= 0x2064)	/* WJ, invisible operators */
		return 1;
	if (cp >= 0x2066 && cp <= 0x206f)	/* LRI RLI FSI PDI, ISS..NODS */
		return 1;
	if (cp == 0xfeff)			/* BOM, ZWNBSP */
		return 1;
	return 0;
}

/* Write the piece for the unit at s into piece; return bytes consumed. */
static size_t
escape_unit(const unsigned char *s, size_t len, int utf8, char *piece,
    size_t *plen)
{
	unsigned char	c = s[0];
	uint32_t	cp;
	size_t		n;

	if (c >= 0x20 && c < 0x7f) {
		if (c == '\\') {
			memcpy(piece, "\\\\", 2);
			*plen = 2;
		} else {
			piece[0] = (char)c;
			*plen = 1;
		}
		return 1;
	}
	piece[0] = '\\';
	*plen = 2;
	switch (c) {
	case 0x1b:
		piece[1] = 'e';
		return 1;
	case '\n':
		piece[1] = 'n';
		return 1;
	case '\t':
		piece[1] = 't';
		return 1;
	case '\r':
		piece[1] = 'r';
		return 1;
	}
	if (utf8 && (n = escape_utf8_len(s, len, &cp)) != 0) {
		if (!escape_cp_unsafe(cp)) {
			memcpy(piece, s, n);
			*plen = n;
			return n;
		}
		piece[1] = 'u';
		piece[2] = escape_hex[(cp >> 12) & 0xf];
		piece[3] = escape_hex[(cp >> 8) & 0xf];
		piece[4] = escape_hex[(cp >> 4) & 0xf];
		piece[5] = escape_hex[cp & 0xf];
		*plen = 6;
		return n;
	}
	/* Other C0 controls, DEL, and bytes that are not valid UTF-8. */
	piece[1] = 'x';
	piece[2] = escape_hex[c >> 4];
	piece[3] = escape_hex[c & 0xf];
	*plen = 4;
	return 1;
}

/* Escape in[0..len) into eo; a NUL becomes a space when nul_space is set. */
static void
escape_run(struct escape_out *eo, const char *in, size_t len, int utf8,
    int nul_space)
{
	const unsigned char	*s = (const unsigned char *)in;
	char			 piece[ESCAPE_PIECE_MAX];
	size_t			 i = 0, plen, n;

	while (i < len) {
		if (nul_space && s[i] == '\0') {
			escape_put(eo, " ", 1);
			i++;
			continue;
		}
		if ((n = escape_plain_len(s + i, len - i)) > 0) {
			escape_put_plain(eo, in + i, n);
			i += n;
			continue;
		}
		n = escape_unit(s + i, len - i, utf8, piece, &plen);
		escape_put(eo, piece, plen);
		i += n;
	}
	if (eo->size > 0)
		eo->buf[eo->used] = '\0';
}

size_t
escape_bytes(const char *in, size_t len, bool utf8, char *out, size_t size)
{
	struct escape_out	eo = { out, size, 0, 0, 0 };

	escape_run(&eo, in, len, utf8, 0);
	return eo.need;
}

size_t
escape_cmdline(const char *cmd, size_t len, bool utf8, char *out,
    size_t size)
{
	struct escape_out	eo = { out, size, 0, 0, 0 };

	/* Trailing NULs end arguments; they add no separator. */
	while (len > 0 && cmd[len - 1] == '\0')
		len--;
	escape_run(&eo, cmd, len, utf8, 1);
	return eo.need;
}

char
escape_state(char state)
{
	if ((state >= 'A' && state <= 'Z') || (state >= 'a' && state <= 'z'))
		return state;
	return '?';
}

const char *
escape_into(char **buf, size_t *cap, const char *bytes, size_t len,
    bool cmdline, bool utf8)
{
	size_t	need;

	for (;;) {
		need = cmdline ? escape_cmdline(bytes, len, utf8, *buf, *cap) :
		    escape_bytes(bytes, len, utf8, *buf, *cap);
		if (need < *cap)
			return *buf;
		*cap = need + 1;
		*buf = xreallocarray(*buf, *cap, 1);
	}
}

char *
escape_strdup(const char *s)
{
	char	*out = NULL;
	size_t	 cap = 0;

	escape_into(&out, &cap, s, strlen(s), false, false);
	return out;
}

/* True if the shell takes every byte of arg as it is, unquoted. */
static bool
escape_shell_plain(const char *arg, size_t len)
{
	size_t	i;

	if (len == 0)
		return false;
	/* ASCII only, whatever the locale says of other bytes. */
	for (i = 0; i < len; i++)
		if (arg[i] == '\0' || strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-",
		    arg[i]) == NULL)
			return false;
	return true;
}

char *
escape_shell_word(const char *arg, size_t len, bool utf8)
{
	char	*safe = NULL, *out, *o;
	size_t	 cap = 0, n, i;
	bool	 printable;

	if (escape_shell_plain(arg, len)) {
		out = xmalloc(len + 1);
		memcpy(out, arg, len);
		out[len] = '\0';
		return out;
	}
	escape_into(&safe, &cap, arg, len, false, utf8);
	n = strlen(safe);
	/* Nothing was escaped: '...' keeps it as it is. */
	printable = n == len && memcmp(safe, arg, len) == 0;
	/* Room for $' ' and a quote made four bytes ('\'' or \'). */
	o = out = xmalloc(4 * n + 4);
	if (!printable)
		*o++ = '$';
	*o++ = '\'';
	for (i = 0; i < n; i++) {
		if (safe[i] == '\'') {
			memcpy(o, printable ? "'\\''" : "\\'",
			    printable ? 4 : 2);
			o += printable ? 4 : 2;
		} else
			*o++ = safe[i];
	}
	*o++ = '\'';
	*o = '\0';
	free(safe);
	return out;
}
