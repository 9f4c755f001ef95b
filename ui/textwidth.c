/*
 * Display widths by wcwidth(3).  escape.c decides what may reach the
 * terminal without the locale; this file only measures what it let
 * through, the way ncurses and the terminal will, so it must use the same
 * locale they do.  Without a UTF-8 locale escape.c lets only ASCII
 * through, and every byte is one column.  No curses here.
 */
#include "config.h"
#include "textwidth.h"

#include <string.h>
#include <wchar.h>

/* Length of a well-formed UTF-8 sequence at s, else 1. */
static size_t
textwidth_utf8_len(const unsigned char *s, size_t len)
{
	size_t	n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 1;
	if (len < n)
		return 1;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

int
textwidth_char(const char *s, size_t len, size_t *n)
{
	const unsigned char	*u = (const unsigned char *)s;
	mbstate_t		 st;
	wchar_t			 wc;
	size_t			 k;
	int			 w;

	if (u[0] < 0x80) {
		*n = 1;
		return 1;
	}
	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, s, len, &st);
	if (k == 0 || k == (size_t)-1 || k == (size_t)-2) {
		/* Not a character in this locale: one column per sequence. */
		*n = textwidth_utf8_len(u, len);
		return 1;
	}
	*n = k;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int
textwidth_str(const char *s)
{
	size_t	len = strlen(s), n;
	int	cols = 0;

	while (len > 0) {
		cols += textwidth_char(s, len, &n);
		s += n;
		len -= n;
	}
	return cols;
}

/* The bytes and width of the unit (escape or character) at s. */
static int
textwidth_unit(const char *s, size_t len, size_t *n)
{
	if (s[0] == '\\' && len > 1) {
		*n = s[1] == 'x' ? 4 : s[1] == 'u' ? 6 : 2;
		if (*n > len)
			*n = len;
		return (int)*n;
	}
	return textwidth_char(s, len, n);
}

size_t
textwidth_fit(const char *s, int cols, int *width)
{
	size_t	len = strlen(s), i = 0, n;
	int	used = 0, w;

	while (i < len) {
		w = textwidth_unit(s + i, len - i, &n);
		if (used + w > cols)
			break;
		used += w;
		i += n;
	}
	if (width != NULL)
		*width = used;
	return i;
}

size_t
textwidth_pad(char *buf, size_t size, const char *s, int cols, bool left)
{
	size_t	len, pad, out = 0;
	int	w;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (cols < 0)
		cols = 0;
	len = textwidth_fit(s, cols, &w);
	pad = (size_t)(cols - w);
	if (len + pad >= size)
		return 0;
	if (!left) {
		memset(buf, ' ', pad);
		out = pad;
	}
	memcpy(buf + out, s, len);
	out += len;
	if (left) {
		memset(buf + out, ' ', pad);
		out += pad;
	}
	buf[out] = '\0';
	return out;
}
