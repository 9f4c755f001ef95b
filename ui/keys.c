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
	{ KEY_UP, ACT_UP },		{ CTRL('p'), ACT_UP },
	{ KEY_DOWN, ACT_DOWN },		{ 'j', ACT_DOWN },
	{ CTRL('n'), ACT_DOWN },
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
	{ '/', ACT_SEARCH },		{ KEY_F(3), ACT_SEARCH_NEXT },
	{ '\\', ACT_FILTER },		{ KEY_F(4), ACT_FILTER },
	{ 'n', ACT_SEARCH_NEXT },	{ 'N', ACT_NS_VIEW_OR_PREV },
	{ 't', ACT_FLAT },		{ KEY_F(5), ACT_FLAT },
	{ '<', ACT_SORT_PREV },		{ '>', ACT_SORT_NEXT },
	{ KEY_F(6), ACT_SORT_NEXT },	{ 'I', ACT_SORT_INVERT },
	{ 'H', ACT_THREADS },		{ KEY_F(2), ACT_SETUP },
	{ '\n', ACT_DETAILS },		{ '\r', ACT_DETAILS },
	{ KEY_ENTER, ACT_DETAILS },
	{ 'k', ACT_SIGNAL },		{ KEY_F(9), ACT_SIGNAL },
	{ KEY_MOUSE, ACT_MOUSE },
	{ 'e', ACT_EVENTS },
	{ '[', ACT_STEP_BACK },		{ ']', ACT_STEP_FORWARD },
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
