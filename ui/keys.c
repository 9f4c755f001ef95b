/*
 * The key maps: one const table per mode, and one for moving in a list
 * that the panes, the menu and the setup share.  Keys a mode does not
 * bind are ACT_NONE, which the explorer answers in the status line.
 */
#include "config.h"
#include "keys.h"

#include <curses.h>
#include <stddef.h>
#include <stdio.h>

#define CTRL(c)		((c) & 0x1f)
#define KEYS_ESC	27
#define KEYS_COUNT(a)	(sizeof (a) / sizeof (a)[0])

struct keys_binding {
	int		key;
	enum action	action;
};

static const struct keys_binding keys_tree[] = {
	/*
	 * htop's keys as htop binds them, but for Left and Right, which fold
	 * here (htop: sideways; here Shift-Left/Right) and F6, which moves
	 * to the next sort column (htop: a menu).
	 */
	{ KEY_UP, ACT_UP },		{ CTRL('p'), ACT_UP },
	{ KEY_DOWN, ACT_DOWN },		{ CTRL('n'), ACT_DOWN },
	{ KEY_PPAGE, ACT_PAGE_UP },	{ KEY_NPAGE, ACT_PAGE_DOWN },
	{ KEY_HOME, ACT_HOME },		{ KEY_END, ACT_END },
	{ KEY_LEFT, ACT_COLLAPSE },	{ '-', ACT_COLLAPSE },
	{ KEY_BACKSPACE, ACT_COLLAPSE },	{ 127, ACT_COLLAPSE },
	{ KEY_RIGHT, ACT_EXPAND },	{ '+', ACT_EXPAND },
	{ '*', ACT_EXPAND_ALL },
	{ '?', ACT_HELP },		{ KEY_F(1), ACT_HELP },
	{ 'h', ACT_HELP },
	{ KEY_F(2), ACT_SETUP },	{ 'S', ACT_SETUP },
	{ 'C', ACT_SETUP },
	{ '/', ACT_SEARCH },		{ KEY_F(3), ACT_FIND },
	{ KEY_F(15), ACT_SEARCH_PREV },	/* Shift-F3 */
	{ '\\', ACT_FILTER },		{ KEY_F(4), ACT_FILTER },
	{ 't', ACT_FLAT },		{ KEY_F(5), ACT_FLAT },
	{ '<', ACT_SORT_PREV },		{ '>', ACT_SORT_NEXT },
	{ KEY_F(6), ACT_SORT_NEXT },	{ 'I', ACT_SORT_INVERT },
	{ 'P', ACT_SORT_CPU },		{ 'M', ACT_SORT_MEM },
	{ 'T', ACT_SORT_TIME },		{ 'N', ACT_SORT_PID },
	{ 'u', ACT_USER },		{ 'F', ACT_FOLLOW },
	{ 'H', ACT_THREADS },		{ 'K', ACT_KTHREADS },
	{ ' ', ACT_TAG },		{ 'c', ACT_TAG_SUBTREE },
	{ 'U', ACT_UNTAG },
	{ 'k', ACT_SIGNAL },		{ KEY_F(9), ACT_SIGNAL },
	{ 'e', ACT_ENVIRONMENT },	{ 'l', ACT_FILES },
	{ 'Z', ACT_PAUSE },
	{ 'q', ACT_QUIT },		{ KEY_F(10), ACT_QUIT },
	/* treetop's own, on keys htop leaves free. */
	{ 'z', ACT_NEXT_ZOMBIE },	{ 'o', ACT_NEXT_ORPHAN },
	{ 'v', ACT_VIEW_CYCLE },	{ 'g', ACT_NS_VIEW },
	{ 'n', ACT_SEARCH_NEXT },
	{ '\n', ACT_DETAILS },		{ '\r', ACT_DETAILS },
	{ KEY_ENTER, ACT_DETAILS },
	{ 'E', ACT_EVENTS },		{ 'B', ACT_CHURN },
	{ '!', ACT_SHELL },
	{ '{', ACT_STEP_BACK },		{ '}', ACT_STEP_FORWARD },
	{ KEYS_ESC, ACT_ESCAPE },
	{ KEY_SLEFT, ACT_SCROLL_LEFT },	{ KEY_SRIGHT, ACT_SCROLL_RIGHT },
	{ CTRL('a'), ACT_SCROLL_HOME },
};

/* htop's keys that treetop leaves to htop, and what they do there. */
static const struct {
	int		 key;
	const char	*what;
} keys_htop[] = {
	{ ']', "raising priority (nice -)" },
	{ KEY_F(7), "raising priority (nice -)" },
	{ '[', "lowering priority (nice +)" },
	{ KEY_F(8), "lowering priority (nice +)" },
	{ 's', "tracing system calls (strace)" },
	{ 'a', "CPU affinity" },
	{ 'i', "I/O priority" },
	{ 'x', "file locks" },
	{ 'w', "the command line in a window (Enter shows it here)" },
	{ 'p', "program paths" },
	{ 'm', "merged command names" },
	{ '#', "hiding the meters" },
	{ '\t', "screen tabs" },
};

/* Moving in a pane, the menu or the setup: the same keys everywhere. */
static const struct keys_binding keys_list[] = {
	{ KEY_UP, ACT_UP },		{ 'k', ACT_UP },
	{ KEY_DOWN, ACT_DOWN },		{ 'j', ACT_DOWN },
	{ KEY_PPAGE, ACT_PAGE_UP },	{ KEY_NPAGE, ACT_PAGE_DOWN },
	{ KEY_HOME, ACT_HOME },		{ 'g', ACT_HOME },
	{ KEY_END, ACT_END },		{ 'G', ACT_END },
};

static const struct keys_binding keys_pane[] = {
	{ ' ', ACT_PAGE_DOWN },
	{ KEY_SLEFT, ACT_SCROLL_LEFT },	{ KEY_SRIGHT, ACT_SCROLL_RIGHT },
	{ CTRL('a'), ACT_SCROLL_HOME },
	{ KEYS_ESC, ACT_CANCEL },	{ 'q', ACT_CANCEL },
	{ '\n', ACT_CANCEL },		{ '\r', ACT_CANCEL },
	{ KEY_ENTER, ACT_CANCEL },	{ KEY_LEFT, ACT_CANCEL },
	{ 'E', ACT_EVENTS },		{ 'B', ACT_CHURN },
	/* The event log's: search, one kind, one namespace. */
	{ '/', ACT_SEARCH },		{ 'f', ACT_EVENT_KIND },
	{ 'n', ACT_EVENT_NS },
};

static const struct keys_binding keys_menu[] = {
	{ '\n', ACT_ACCEPT },		{ '\r', ACT_ACCEPT },
	{ KEY_ENTER, ACT_ACCEPT },
	{ KEYS_ESC, ACT_CANCEL },	{ 'q', ACT_CANCEL },
	{ KEY_F(10), ACT_CANCEL },
};

static const struct keys_binding keys_setup[] = {
	{ ' ', ACT_TOGGLE },
	{ '[', ACT_MOVE_UP },		{ KEY_SR, ACT_MOVE_UP },
	{ ']', ACT_MOVE_DOWN },		{ KEY_SF, ACT_MOVE_DOWN },
	{ KEYS_ESC, ACT_CANCEL },	{ 'q', ACT_CANCEL },
	{ '\n', ACT_CANCEL },		{ '\r', ACT_CANCEL },
	{ KEY_ENTER, ACT_CANCEL },	{ KEY_F(2), ACT_CANCEL },
};

static const struct keys_binding keys_typing[] = {
	{ '\n', ACT_ACCEPT },		{ '\r', ACT_ACCEPT },
	{ KEY_ENTER, ACT_ACCEPT },	{ KEYS_ESC, ACT_CANCEL },
	{ KEY_BACKSPACE, ACT_ERASE },	{ 127, ACT_ERASE },
	{ CTRL('h'), ACT_ERASE },
};

/* In every mode. */
static const struct keys_binding keys_all[] = {
	{ KEY_RESIZE, ACT_RESIZE },	{ CTRL('l'), ACT_REDRAW },
};

static enum action
keys_lookup(const struct keys_binding *map, size_t n, int key)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (map[i].key == key)
			return map[i].action;
	return ACT_NONE;
}

/* The mode's own table, then the list moves where the mode has a list. */
static enum action
keys_mode_action(enum keys_mode mode, int key)
{
	enum action	act = ACT_NONE;

	switch (mode) {
	case KEYS_TREE:
		return keys_lookup(keys_tree, KEYS_COUNT(keys_tree), key);
	case KEYS_TYPING:
		return keys_lookup(keys_typing, KEYS_COUNT(keys_typing), key);
	case KEYS_HELP:
		/* Space pages on; any other key closes it, as it says. */
		return key == ' ' || key == KEY_NPAGE ? ACT_PAGE_DOWN :
		    ACT_CANCEL;
	case KEYS_PANE:
		act = keys_lookup(keys_pane, KEYS_COUNT(keys_pane), key);
		break;
	case KEYS_MENU:
		act = keys_lookup(keys_menu, KEYS_COUNT(keys_menu), key);
		break;
	case KEYS_SETUP:
		act = keys_lookup(keys_setup, KEYS_COUNT(keys_setup), key);
		break;
	}
	if (act == ACT_NONE)
		act = keys_lookup(keys_list, KEYS_COUNT(keys_list), key);
	return act;
}

/* The action key (from getch()) has in mode. */
static enum action
keys_action(enum keys_mode mode, int key)
{
	enum action	act = keys_lookup(keys_all, KEYS_COUNT(keys_all), key);

	if (act != ACT_NONE)
		return act;
	if (key == KEY_MOUSE)
		return ACT_NONE;	/* keys_event() reads it */
	/* getch() hands over a UTF-8 character one byte at a time. */
	if (mode == KEYS_TYPING && key >= 0x20 && key <= 0xff && key != 0x7f)
		return ACT_TYPE;
	if (mode == KEYS_MENU && key >= '0' && key <= '9')
		return ACT_DIGIT;
	act = keys_mode_action(mode, key);
	if (act == ACT_NONE && mode == KEYS_TREE)
		act = keys_htop_only(key) != NULL ? ACT_HTOP_ONLY :
		    ACT_UNBOUND;
	return act;
}

const char *
keys_htop_only(int key)
{
	size_t	i;

	for (i = 0; i < KEYS_COUNT(keys_htop); i++)
		if (keys_htop[i].key == key)
			return keys_htop[i].what;
	return NULL;
}

void
keys_name(int key, char *buf, size_t size)
{
	const char	*name;

	if (key >= KEY_F(1) && key <= KEY_F(24))
		snprintf(buf, size, "F%d", key - KEY_F(0));
	else if (key == '\t')
		snprintf(buf, size, "Tab");
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else if ((name = keyname(key)) != NULL)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "key %d", key);
}

/* A mouse event: the wheel, or a click in the process list. */
static void
keys_mouse(enum keys_mode mode, struct key_event *ev)
{
	MEVENT	m;

	if (getmouse(&m) != OK || mode != KEYS_TREE)
		return;
	if (m.bstate & BUTTON4_PRESSED)
		ev->act = ACT_WHEEL_UP;
	else if (m.bstate & BUTTON5_PRESSED)
		ev->act = ACT_WHEEL_DOWN;
	else if (m.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
		ev->act = ACT_CLICK;
		ev->x = m.x;
		ev->y = m.y;
	}
}

void
keys_event(enum keys_mode mode, int key, struct key_event *ev)
{
	ev->act = keys_action(mode, key);
	ev->ch = ev->act == ACT_DIGIT ? key - '0' : key;
	ev->x = ev->y = -1;
	if (key == KEY_MOUSE)
		keys_mouse(mode, ev);
}

bool
keys_step(enum action act, enum listnav_step *step)
{
	switch (act) {
	case ACT_UP:
		*step = LISTNAV_UP;
		return true;
	case ACT_DOWN:
		*step = LISTNAV_DOWN;
		return true;
	case ACT_PAGE_UP:
		*step = LISTNAV_PAGE_UP;
		return true;
	case ACT_PAGE_DOWN:
		*step = LISTNAV_PAGE_DOWN;
		return true;
	case ACT_HOME:
		*step = LISTNAV_HOME;
		return true;
	case ACT_END:
		*step = LISTNAV_END;
		return true;
	default:
		break;
	}
	return false;
}
