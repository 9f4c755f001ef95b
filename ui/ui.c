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

/*
 * Keys whose sequences a terminal description may lack: vt100 has no
 * Home, End or F5 and up, yet terminals and tmux send them.  Known to
 * ncurses, a sequence arrives as one key, never as Esc and letters.
 */
static void
ui_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
		{ "\033[F", KEY_END }, { "\033OF", KEY_END },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
		{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
		{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
		{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
		{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
		{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
		{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
		{ "\033[1;2R", KEY_F(15) }, { "\033O2R", KEY_F(15) },
		{ "\033[25~", KEY_F(15) },
	};
	size_t	i;

	for (i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

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
	ui_define_keys();
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
ui_suspend(struct ui *ui)
{
	(void)ui;
	def_prog_mode();
	endwin();
}

void
ui_resume(struct ui *ui)
{
	(void)ui;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
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
ui_draw_pane(struct ui *ui, const struct detail_lines *text, size_t scroll,
    size_t hscroll)
{
	detailview_draw(&ui->draw, text, scroll, hscroll,
	    DRAW_HEADER_LINES - 1, LINES - DRAW_FOOTER_LINES);
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
