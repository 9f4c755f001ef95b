/*
 * The one key layer: what each key means in each mode of the explorer,
 * htop's meaning wherever htop binds the key.  Keys come from curses
 * here and leave as actions, so nothing above ui/ sees a curses key.
 */
#ifndef UI_KEYS_H
#define UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "proc/listnav.h"

enum keys_mode {
	KEYS_TREE,		/* the process list */
	KEYS_TYPING,		/* a search or a filter being typed */
	KEYS_PANE,		/* a text pane: details, the event log */
	KEYS_MENU,		/* the signal menu */
	KEYS_SETUP,		/* the column setup */
	KEYS_HELP,		/* the help screen: any key closes it */
};

enum action {
	ACT_NONE,		/* unbound */
	/* Moving in a list, in every mode that has one. */
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	/* Panes, menus and typing. */
	ACT_ACCEPT,		/* Enter */
	ACT_CANCEL,		/* Esc, q: close */
	ACT_TYPE,		/* printable ASCII or a byte of UTF-8: ch */
	ACT_ERASE,		/* Backspace */
	ACT_DIGIT,		/* a digit typed into the menu: ch 0-9 */
	ACT_TOGGLE,		/* setup: show or hide */
	ACT_MOVE_UP, ACT_MOVE_DOWN,	/* setup: move a column */
	/* The process list: htop's keys. */
	ACT_COLLAPSE, ACT_EXPAND, ACT_EXPAND_ALL,
	ACT_SEARCH, ACT_FIND, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_FILTER,
	ACT_USER, ACT_FLAT, ACT_SORT_PREV, ACT_SORT_NEXT, ACT_SORT_INVERT,
	ACT_SORT_CPU, ACT_SORT_MEM, ACT_SORT_TIME, ACT_SORT_PID,
	ACT_THREADS, ACT_KTHREADS, ACT_TAG, ACT_TAG_SUBTREE, ACT_UNTAG,
	ACT_FOLLOW, ACT_SETUP, ACT_SIGNAL, ACT_ENVIRONMENT, ACT_FILES,
	ACT_PAUSE, ACT_HELP, ACT_QUIT,
	ACT_HTOP_ONLY,		/* an htop key treetop has no action for: ch */
	/* The process list: treetop's own. */
	ACT_NEXT_ZOMBIE, ACT_NEXT_ORPHAN, ACT_VIEW_CYCLE, ACT_NS_VIEW,
	ACT_DETAILS, ACT_EVENTS, ACT_CHURN, ACT_STEP_BACK, ACT_STEP_FORWARD, ACT_ESCAPE,
	ACT_EVENT_KIND, ACT_EVENT_NS,	/* the event log's filters */
	ACT_SHELL,		/* a shell in the process's namespaces */
	ACT_UNBOUND,		/* a key nothing is bound to: ch */
	/* Sideways, in the process list and the panes. */
	ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT, ACT_SCROLL_HOME,
	/* The mouse, in the process list: x and y. */
	ACT_WHEEL_UP, ACT_WHEEL_DOWN, ACT_CLICK,
	/* Every mode. */
	ACT_REDRAW, ACT_RESIZE,
	ACT_COUNT
};

/* One key (or mouse event) as the explorer sees it. */
struct key_event {
	enum action	 act;
	int		 ch;		/* ACT_TYPE: the character;
					   ACT_DIGIT: 0-9; else the key */
	int		 x, y;		/* ACT_CLICK: the screen cell */
};

/* The event of key in mode; the mouse's is read with getmouse(). */
void		keys_event(enum keys_mode mode, int key, struct key_event *ev);
/* What htop does with a key treetop leaves to it ("nice +"), or NULL. */
const char	*keys_htop_only(int key);
/* A key's name for a message: "x", "F7", "Ctrl-A". */
void		keys_name(int key, char *buf, size_t size);
/* For a move in a list, its step and true; false for any other action. */
bool		keys_step(enum action act, enum listnav_step *step);

#endif
