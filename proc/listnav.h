/*
 * Moving a cursor through a list of n entries: one line, one page, to
 * either end.  The process list, the panes, the signal menu and the
 * column setup all move with it, so the same key moves the same way.
 */
#ifndef PROC_LISTNAV_H
#define PROC_LISTNAV_H

#include <stddef.h>

enum listnav_step {
	LISTNAV_UP, LISTNAV_DOWN, LISTNAV_PAGE_UP, LISTNAV_PAGE_DOWN,
	LISTNAV_HOME, LISTNAV_END,
};

/*
 * The cursor after step from cur in a list of n (0 when n is 0), with
 * page entries to a page (0 counts as 1).  Never past either end.
 */
size_t	listnav_move(size_t cur, size_t n, size_t page,
	    enum listnav_step step);

#endif
