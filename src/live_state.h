/*
 * The live explorer's state beyond the view (proc/view.h, inside the
 * app): the terminal, the refresh thread, the panes, the columns, and
 * the flags of the loop.  Shared by live.c (the loop) and live_keys.c
 * (what keys do); private to them.
 */
#ifndef SRC_LIVE_STATE_H
#define SRC_LIVE_STATE_H

#include <signal.h>
#include <stdbool.h>

#include "src/live_panes.h"
#include "ui/columns.h"
#include "ui/setup.h"

struct app;
struct bgrefresh;
struct ui;

struct live {
	struct app		*app;		/* borrowed; its view is ours */
	struct ui		*ui;		/* owned */
	struct bgrefresh	*bg;		/* owned; NULL with --load */
	bool			 forced;	/* the refresh under way was
						   asked for (refresh_now):
						   shown even while paused */
	sigset_t		 wait_mask;	/* ours but SIGWINCH: ppoll() */
	struct live_panes	 panes;		/* details, events, signals */
	struct column_set	 columns;	/* the user's choice */
	struct column_set	 shown;		/* those that fit the screen */
	struct setup		 setup;		/* F2 */
	int			 sort_column;	/* enum column_id */
	bool			 paused;
	size_t			 help;		/* its page; 0: closed */
	bool			 quit;
	bool			 refresh_now;
};

#endif
