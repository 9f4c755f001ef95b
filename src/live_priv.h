/*
 * The live explorer's state, shared by live.c (the loop, keys, drawing)
 * and live_input.c (typed input, mouse, recordings).  Private to them.
 */
#ifndef SRC_LIVE_PRIV_H
#define SRC_LIVE_PRIV_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "proc/diff.h"
#include "proc/reap.h"
#include "proc/rows.h"
#include "src/live.h"
#include "src/live_panes.h"
#include "ui/columns.h"
#include "ui/setup.h"

#define LIVE_QUERY_MAX		128
#define LIVE_WHEEL_ROWS		3	/* rows a mouse wheel step moves */

enum live_input {
	INPUT_NONE,
	INPUT_SEARCH,		/* typing after '/' */
	INPUT_FILTER,		/* typing after '\' */
};

struct live {
	struct app		*app;		/* borrowed */
	struct ui		*ui;		/* owned */
	struct bgrefresh	*bg;		/* owned; NULL with --load */
	bool			 forced;	/* the refresh under way was asked
						   for (refresh_now): shown even
						   while paused */
	struct diff		 spare;		/* events buffer for the next one */
	sigset_t		 wait_mask;	/* ours, less SIGWINCH: ppoll() */
	struct live_panes	 panes;		/* detail pane and signal menu */
	struct reap_report	 reap;		/* of the current snapshot */
	struct proc_ident	 sel;		/* selected process (pid 0: a header) */
	pid_t			 sel_ppid;	/* where to go if it exits */
	size_t			 selected;	/* its row, after live_locate() */
	size_t			 top;		/* first row on screen */
	struct proc_ident	*folded;	/* owned; sorted by pid */
	size_t			 nfolded;
	size_t			 folded_cap;
	enum rows_filter	 base_filter;	/* the command line's view */
	struct column_set	 columns;
	struct setup		 setup;		/* F2 */
	int			 sort_column;	/* enum column_id */
	enum live_input		 input;
	char			 edit[LIVE_QUERY_MAX];	/* being typed */
	char			 search[LIVE_QUERY_MAX];	/* kept for n/N */
	char			 filter[LIVE_QUERY_MAX];	/* the text filter */
	bool			 threads;	/* thread records shown */
	bool			 paused;
	bool			 help;
	bool			 quit;
	bool			 refresh_now;
	char			 status[256];
	double			 status_until;
};


/* live.c */
void	live_select_row(struct live *l, size_t k);
void	live_locate(struct live *l);
void	live_rebuild(struct live *l);
bool	live_find(struct live *l, unsigned flag, const char *q, int dir,
	    bool from_here);
void	live_reap(struct live *l);

/* live_input.c */
void	live_replay_events(struct live *l);
void	live_step(struct live *l, int dir);
void	live_mouse(struct live *l);
void	live_edit_key(struct live *l, int key);
void	live_start_input(struct live *l, enum live_input input);
bool	live_escape(struct live *l);

#endif
