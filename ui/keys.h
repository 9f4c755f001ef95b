/*
 * Keys -> actions, htop-compatible where htop has the key.
 */
#ifndef UI_KEYS_H
#define UI_KEYS_H

enum action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_COLLAPSE, ACT_EXPAND, ACT_EXPAND_ALL,
	ACT_NEXT_ZOMBIE, ACT_VIEW_ZOMBIES, ACT_NEXT_ORPHAN, ACT_VIEW_ORPHANS,
	ACT_ESCAPE, ACT_PAUSE, ACT_HELP, ACT_REDRAW, ACT_RESIZE, ACT_QUIT,
};

/* The action bound to a key from getch(). */
enum action	keys_action(int key);

#endif
