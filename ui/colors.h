/*
 * Colour roles -> curses attributes.  Code names roles, never colours.
 * Without colour (NO_COLOR, --no-color, a monochrome terminal) roles map
 * to bold/reverse/dim only; markers still say everything in text.
 */
#ifndef UI_COLORS_H
#define UI_COLORS_H

#include <stdbool.h>

enum color_role {
	CR_DEFAULT,
	CR_HEADER,		/* the summary lines */
	CR_HEADER_VALUE,	/* numbers in the summary */
	CR_COLUMNS,		/* the column titles */
	CR_SELECTED,		/* the selection bar */
	CR_ZOMBIE,
	CR_ZOMBIE_PARENT,	/* holds zombies it does not reap */
	CR_ORPHAN,
	CR_DAEMON,
	CR_KTHREAD,
	CR_NSINIT,
	CR_TREE,		/* connectors */
	CR_FOOTER_KEY,
	CR_FOOTER_LABEL,
	CR_STATUS,		/* messages */
	CR_NEW,			/* started a moment ago */
	CR_GHOST,		/* exited a moment ago, still shown */
	CR_TAGGED,		/* tagged for a signal */
	CR_THREAD,		/* a thread of a process (-T, H) */
	CR_METER,		/* the bars of the header's meters */
	CR_NS_BAND0,		/* first of the PID-namespace bands */
	CR_COUNT = CR_NS_BAND0 + 6
};

#define CR_NS_BANDS	(CR_COUNT - CR_NS_BAND0)

/* Set up pairs after initscr(); returns whether colour is in use. */
bool	colors_init(bool mono);
/* The attributes for a role, in colour or not (attr_t fits in an int). */
int	colors_attr(bool color, enum color_role role);

#endif
