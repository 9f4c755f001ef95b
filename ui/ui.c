/*
 * Terminal setup and teardown.  die() runs ui's cleanup hook first, so a
 * fatal error never leaves the terminal in curses mode.
 */
#include "config.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "colors.h"
#include "draw.h"
#include "detailview.h"
#include "setup.h"
#include "sigmenu.h"
#include "proc/escape.h"
#include "proc/xalloc.h"
/* Last: term.h defines capability names (columns, lines) as macros. */
#include <term.h>

struct ui {
	SCREEN		*screen;	/* owned */
	struct draw_ctx	 draw;
};

static void
ui_cleanup_hook(void)
{
	endwin();
}

/* The cause for an unknown TERM, which is quoted escaped: it is input. */
static void
ui_term_cause(const char *term, bool utf8, char **cause)
{
	size_t	 len = strlen(term), need;
	char	*safe;

	need = escape_bytes(term, len, utf8, NULL, 0);
	safe = xmalloc(need + 1);
	escape_bytes(term, len, utf8, safe, need + 1);
	xasprintf(cause, "unknown terminal type '%s'", safe);
	free(safe);
}

struct ui *
ui_open(const struct ui_config *cfg, char **cause)
{
	const char	*term = getenv("TERM");
	struct ui	*ui;
	bool		 color;
	int		 err;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		xasprintf(cause, "the live explorer needs a terminal; "
		    "use --batch or --json for output to a pipe or file");
		return NULL;
	}
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		xasprintf(cause, "TERM is %s: the live explorer needs a "
		    "terminal with cursor movement; use --batch",
		    term == NULL || *term == '\0' ? "unset" : "dumb");
		return NULL;
	}
	/*
	 * Ask terminfo first: a newterm() that fails on an unknown TERM
	 * leaves ncurses' pre-screen allocated, setupterm() does not.
	 */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		ui_term_cause(term, cfg->utf8, cause);
		return NULL;
	}
	del_curterm(cur_term);
	ui = xcalloc(1, sizeof *ui);
	/*
	 * The explorer follows the terminal's real size.  Exported LINES and
	 * COLUMNS would pin ncurses to them and make it ignore every resize.
	 */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	ui->screen = newterm(NULL, stdout, stdin);
	if (ui->screen == NULL) {
		ui_term_cause(term, cfg->utf8, cause);
		free(ui);
		return NULL;
	}
	xalloc_set_cleanup(ui_cleanup_hook);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	color = colors_init(cfg->no_color);
	draw_init(&ui->draw, color, cfg->utf8, cfg->glyphs);
	return ui;
}

void
ui_close(struct ui *ui)
{
	if (ui == NULL)
		return;
	endwin();
	xalloc_set_cleanup(NULL);
	delscreen(ui->screen);
	draw_done(&ui->draw);
	free(ui);
}

bool
ui_key(struct ui *ui, enum keys_mode mode, struct key_event *ev)
{
	int	key;

	(void)ui;
	timeout(0);
	if ((key = getch()) == ERR)
		return false;
	keys_event(mode, key, ev);
	return true;
}

void
ui_redraw_all(struct ui *ui)
{
	(void)ui;
	clearok(curscr, TRUE);
}

void
ui_draw(struct ui *ui, const struct ui_frame *f)
{
	draw_frame(&ui->draw, f);
}

struct draw_ctx *
ui_draw_ctx(struct ui *ui)
{
	return &ui->draw;
}

void
ui_draw_pane(struct ui *ui, const struct detail_lines *text, size_t scroll)
{
	detailview_draw(&ui->draw, text, scroll, DRAW_HEADER_LINES - 1,
	    LINES - DRAW_FOOTER_LINES);
	refresh();
}

int
ui_width(void)
{
	return COLS;
}

size_t
ui_pane_height(void)
{
	return draw_page_rows();
}

void
ui_draw_menu(struct ui *ui, struct sigmenu *m)
{
	sigmenu_draw(&ui->draw, m, DRAW_HEADER_LINES - 1,
	    LINES - DRAW_FOOTER_LINES);
	refresh();
}

void
ui_draw_setup(struct ui *ui, const struct setup *s)
{
	setup_draw(&ui->draw, s, DRAW_HEADER_LINES, LINES - DRAW_FOOTER_LINES);
	refresh();
}
