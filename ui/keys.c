/*
 * The key map: one const table.
 */
#include "config.h"
#include "keys.h"

#include <curses.h>
#include <stddef.h>

#define CTRL(c)	((c) & 0x1f)

static const struct {
	int		key;
	enum action	action;
} keys_map[] = {
	{ KEY_UP, ACT_UP },		{ 'k', ACT_UP },
	{ KEY_DOWN, ACT_DOWN },		{ 'j', ACT_DOWN },
	{ KEY_PPAGE, ACT_PAGE_UP },	{ KEY_NPAGE, ACT_PAGE_DOWN },
	{ KEY_HOME, ACT_HOME },		{ KEY_END, ACT_END },
	{ KEY_LEFT, ACT_COLLAPSE },	{ '-', ACT_COLLAPSE },
	{ KEY_RIGHT, ACT_EXPAND },	{ '+', ACT_EXPAND },
	{ '*', ACT_EXPAND_ALL },
	{ 'z', ACT_NEXT_ZOMBIE },	{ 'Z', ACT_VIEW_ZOMBIES },
	{ 'o', ACT_NEXT_ORPHAN },	{ 'O', ACT_VIEW_ORPHANS },
	{ 27, ACT_ESCAPE },
	{ ' ', ACT_PAUSE },
	{ '?', ACT_HELP },		{ KEY_F(1), ACT_HELP },
	{ 'h', ACT_HELP },
	{ CTRL('l'), ACT_REDRAW },	{ KEY_RESIZE, ACT_RESIZE },
	{ 'q', ACT_QUIT },		{ KEY_F(10), ACT_QUIT },
};

enum action
keys_action(int key)
{
	size_t	i;

	for (i = 0; i < sizeof keys_map / sizeof keys_map[0]; i++)
		if (keys_map[i].key == key)
			return keys_map[i].action;
	return ACT_NONE;
}
