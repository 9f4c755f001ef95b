/*
 * curses lifecycle for the live explorer: start, keys with a timeout,
 * one frame, and a teardown that always restores the terminal.
 */
#ifndef UI_UI_H
#define UI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "glyphs.h"
#include "keys.h"

struct ui;
struct ui_frame;
struct draw_ctx;
struct setup;
struct sigmenu;
struct detail_lines;

struct ui_config {
	bool		 no_color;	/* --no-color or NO_COLOR */
	bool		 utf8;		/* the locale is UTF-8 */
	enum glyph_set	 glyphs;
};

/*
 * Start curses on the controlling terminal.  NULL with *cause when there
 * is no usable terminal (not a tty, TERM unset or dumb, unknown TERM).
 */
struct ui	*ui_open(const struct ui_config *cfg, char **cause);
/* End curses and restore the terminal; NULL is a no-op. */
void		 ui_close(struct ui *ui);
/* The next key waiting, as mode reads it; false when none is. */
bool		 ui_key(struct ui *ui, enum keys_mode mode,
		    struct key_event *ev);
/* Redraw the whole screen at the next frame (Ctrl-L). */
void		 ui_redraw_all(struct ui *ui);
/* Leave curses for a program on the terminal (its modes kept)... */
void		 ui_suspend(struct ui *ui);
/* ...and come back to them, the whole screen drawn again. */
void		 ui_resume(struct ui *ui);
/* Draw one frame (with f->body_drawn, the caller then draws a pane). */
void		 ui_draw(struct ui *ui, const struct ui_frame *f);
/* The drawing context, for panes drawn over the process list. */
struct draw_ctx	*ui_draw_ctx(struct ui *ui);
/* Draw a text pane (details, events) over the process list and show it. */
void		 ui_draw_pane(struct ui *ui, const struct detail_lines *text,
		    size_t scroll, size_t hscroll);
/* The screen's width in columns. */
int		 ui_width(void);
/* Lines of text a pane shows at a time. */
size_t		 ui_pane_height(void);
/* Draw the signal menu over the process list and show it. */
void		 ui_draw_menu(struct ui *ui, struct sigmenu *m);
/* Draw the column setup screen over the process list and show it. */
void		 ui_draw_setup(struct ui *ui, const struct setup *s);

#endif
