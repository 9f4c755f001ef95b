/*
 * The live explorer's modal panes: the detail pane (Enter) and the signal
 * menu (k, F9).  Each takes the keys while it is open.
 */
#ifndef SRC_LIVE_PANES_H
#define SRC_LIVE_PANES_H

#include <stdbool.h>
#include <stddef.h>

#include "proc/procdetail.h"
#include "ui/detailfmt.h"
#include "ui/sigmenu.h"

struct live;
struct ui;
struct diff;
struct diff_event;

#define LIVE_EVENTS_KEPT	2000	/* the log keeps the newest this many */

struct live_panes {
	bool			 detail_open;
	struct procdetail	 detail;	/* of the process shown */
	struct detail_lines	 lines;		/* the pane's text */
	size_t			 scroll;
	struct sigmenu		 menu;
	bool			 events_open;	/* the event log pane */
	struct diff_event	*events;	/* owned ring of LIVE_EVENTS_KEPT */
	size_t			 nevents;	/* in the ring */
	size_t			 next_event;	/* where the next one goes */
};

void	live_panes_init(struct live_panes *p);
void	live_panes_done(struct live_panes *p);
/* Open the detail pane on the selected process. */
void	live_panes_open_details(struct live_panes *p, struct live *l);
/* Open the signal menu on the selected process. */
void	live_panes_open_signals(struct live_panes *p, struct live *l);
/* Keep the events of the latest refresh in the log. */
void	live_panes_log_events(struct live_panes *p, const struct diff *d);
/* Empty the event log. */
void	live_panes_clear_events(struct live_panes *p);
/* Open or close the event log pane. */
void	live_panes_toggle_events(struct live_panes *p);
/* True while a pane covers the process list. */
bool	live_panes_active(const struct live_panes *p);
/* Give a key to the open pane; false if no pane took it. */
bool	live_panes_key(struct live_panes *p, struct live *l, int key);
/* Draw the open pane below the header. */
void	live_panes_draw(struct live_panes *p, struct live *l, struct ui *ui);

#endif
