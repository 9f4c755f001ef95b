/*
 * Display width of text that escape.c has made safe: how many terminal
 * columns it takes, by wcwidth(3) in the current locale, so that wide
 * (CJK) and combining characters keep columns aligned.  Shared by the
 * live view's columns, its drawing and the batch writer.  No curses here.
 */
#ifndef UI_TEXTWIDTH_H
#define UI_TEXTWIDTH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The width of the character at s (len > 0 bytes available); its length
 * in bytes goes to *n.  A character the locale cannot convert, or one it
 * gives no width (wcwidth -1), counts as one column: draw_text() draws it
 * as '?', so the count is what the screen shows.
 */
int	textwidth_char(const char *s, size_t len, size_t *n);
/* The columns the C string s takes. */
int	textwidth_str(const char *s);
/*
 * The bytes of the longest start of escaped text s that fits in cols
 * columns, never splitting a character or an escape (after escaping,
 * every backslash starts one: \\, \e, \xHH, \uHHHH); zero-width
 * characters after the last one kept stay with it.  Its width goes to
 * *width when width is not NULL.
 */
size_t	textwidth_fit(const char *s, int cols, int *width);
/*
 * Write escaped text s, cut by textwidth_fit() and padded with spaces to
 * exactly cols columns (on the right with left, else on the left), into
 * buf (always NUL-terminated when size > 0).  Returns the bytes written,
 * or 0 with buf "" if they would not all fit in size.
 */
size_t	textwidth_pad(char *buf, size_t size, const char *s, int cols,
	    bool left);

#endif
