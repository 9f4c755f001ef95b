/*
 * Drawing one frame: header, column titles, rows, footer, and the help
 * overlay.  Reads only the snapshot and rows it is given; never /proc.
 */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "glyphs.h"

struct snapshot;
struct rows;

#define DRAW_MIN_COLS	20
#define DRAW_MIN_LINES	6
#define DRAW_HEADER_LINES 3	/* summary, tasks, column titles */
#define DRAW_FOOTER_LINES 1

struct ui_frame {
	const struct snapshot	*snap;		/* borrowed */
	const struct rows	*rows;		/* borrowed */
	size_t			 selected;	/* row index; ignored without rows */
	size_t			 top;		/* first row on screen */
	double			 delay;		/* seconds between refreshes */
	bool			 paused;
	const char		*view_label;	/* "zombies", ...; NULL for all */
	const char		*status;	/* message for the status line, or NULL */
	bool			 help;		/* draw the help overlay */
};

struct draw_ctx {
	bool		 color;		/* colour in use */
	bool		 utf8;		/* the terminal takes UTF-8 */
	enum glyph_set	 glyphs;
	char		*text;		/* owned scratch for escaped text */
	size_t		 text_cap;
	void		*wide;		/* owned scratch, wchar_t[] */
	size_t		 wide_cap;
};

void	draw_init(struct draw_ctx *dc, bool color, bool utf8,
	    enum glyph_set glyphs);
void	draw_done(struct draw_ctx *dc);
/* Draw f on stdscr and refresh it. */
void	draw_frame(struct draw_ctx *dc, const struct ui_frame *f);
/* Rows of the tree that fit on the screen now. */
size_t	draw_page_rows(void);

#endif
