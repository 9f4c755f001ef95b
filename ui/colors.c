/*
 * The one colour theme and its monochrome fallback, as const tables.
 */
#include "config.h"
#include "colors.h"

#include <curses.h>

struct color_spec {
	short	fg;
	short	bg;
	int	attr;		/* added to the pair */
	int	mono;		/* used alone without colour */
};

static const struct color_spec colors_theme[CR_COUNT] = {
	[CR_DEFAULT]		= { -1, -1, 0, 0 },
	[CR_HEADER]		= { COLOR_CYAN, -1, 0, 0 },
	[CR_HEADER_VALUE]	= { -1, -1, A_BOLD, A_BOLD },
	[CR_COLUMNS]		= { COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE },
	[CR_SELECTED]		= { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[CR_ZOMBIE]		= { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[CR_ZOMBIE_PARENT]	= { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[CR_ORPHAN]		= { COLOR_YELLOW, -1, 0, A_UNDERLINE },
	[CR_DAEMON]		= { COLOR_CYAN, -1, 0, 0 },
	[CR_KTHREAD]		= { COLOR_BLUE, -1, A_BOLD, A_DIM },
	[CR_NSINIT]		= { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[CR_TREE]		= { COLOR_CYAN, -1, 0, 0 },
	[CR_FOOTER_KEY]		= { -1, -1, A_BOLD, A_BOLD },
	[CR_FOOTER_LABEL]	= { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[CR_STATUS]		= { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[CR_NEW]		= { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[CR_GHOST]		= { COLOR_RED, -1, A_DIM, A_DIM },
	[CR_THREAD]		= { COLOR_GREEN, -1, 0, A_DIM },
	[CR_TAGGED]		= { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[CR_METER]		= { COLOR_GREEN, -1, A_BOLD, 0 },
	[CR_NS_BAND0]		= { COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE },
	[CR_NS_BAND0 + 1]	= { COLOR_BLACK, COLOR_MAGENTA, 0, A_REVERSE },
	[CR_NS_BAND0 + 2]	= { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[CR_NS_BAND0 + 3]	= { COLOR_BLACK, COLOR_BLUE, 0, A_REVERSE },
	[CR_NS_BAND0 + 4]	= { COLOR_BLACK, COLOR_RED, 0, A_REVERSE },
	[CR_NS_BAND0 + 5]	= { COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
};

bool
colors_init(bool mono)
{
	int	r;

	if (mono || !has_colors() || start_color() != OK)
		return false;
	use_default_colors();
	for (r = 1; r < CR_COUNT; r++)
		init_pair((short)r, colors_theme[r].fg, colors_theme[r].bg);
	return true;
}

int
colors_attr(bool color, enum color_role role)
{
	if (role <= CR_DEFAULT || role >= CR_COUNT)
		return 0;
	if (!color)
		return colors_theme[role].mono;
	return (int)COLOR_PAIR(role) | colors_theme[role].attr;
}
