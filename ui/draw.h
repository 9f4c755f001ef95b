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
struct column_set;
struct reap_report;

#define DRAW_MIN_COLS	20
#define DRAW_MIN_LINES	6
#define DRAW_HEADER_LINES 4	/* summary, meters, tasks, column titles */
#define DRAW_FOOTER_LINES 1

struct ui_frame {
	const struct snapshot	*snap;		/* borrowed */
	const struct rows	*rows;		/* borrowed */
	size_t			 selected;	/* row index; ignored without rows */
	size_t			 top;		/* first row on screen */
	size_t			 hscroll;	/* command columns scrolled off */
	double			 delay;		/* seconds between refreshes */
	bool			 paused;
	const char		*view_label;	/* "zombies", ...; NULL for all */
	const char		*status;	/* message for the status line, or NULL */
	const char		*prompt;	/* "Search: text" being typed, or NULL */
	const char		*filter;	/* the kept text filter, or NULL */
	const char		*events;	/* where births and exits come
						   from: "events: kernel", ...;
						   NULL for a file */
	const char		*churn;		/* "12 forks/s, 12 exits/s",
						   or NULL */
	size_t			 help;		/* the help's page shown, from
						   1; 0: no help */
	bool			 body_drawn;	/* a pane drew the body: header/footer only */
	const struct column_set	*columns;	/* borrowed */
	bool			 ns_view;	/* rows are by PID namespace */
	int			 group_ns;	/* by-namespace rows: the
						   type (enum ns_type) */
	bool			 flat;		/* rows are a sorted list */
	int			 sort_column;	/* enum column_id, flat only */
	bool			 descending;
	bool			 threads;	/* thread records are shown */
	bool			 saved;		/* a loaded snapshot, not live */
	size_t			 rec_pos;	/* a recording: 1..rec_len, else 0 */
	size_t			 rec_len;
	const struct reap_report *reap;		/* borrowed; PID-1 verdicts, or NULL */
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
/* Pages the help takes on the screen now. */
size_t	draw_help_pages(void);
/* Rows of the tree that fit on the screen now. */
size_t	draw_page_rows(void);

/*
 * Primitives for the other views (detail pane, menus).
 * draw_text: add safe UTF-8 text at the cursor, at most cols display
 * columns, cut by width (wcwidth), never inside a character; returns the
 * columns used.  draw_escape: escape untrusted bytes (comm, cmdline, env)
 * with escape.c into dc's scratch buffer, valid until the next call;
 * with cmdline true, NULs separate arguments.  draw_fill_line: pad the
 * rest of the cursor's line with blanks in attr.
 */
int		 draw_text(struct draw_ctx *dc, const char *s, int cols);
/* Safe text s without its first skip display columns (scrolled sideways). */
const char	*draw_skip(const char *s, size_t skip);
const char	*draw_escape(struct draw_ctx *dc, const char *bytes, size_t len,
		    bool cmdline);
void		 draw_fill_line(int attr);

#endif
