/*
 * The live explorer's modal panes: the detail pane (Enter, e, l), the
 * event log (E) and the signal menu (k, F9).  The open one takes the keys;
 * each works on the model and its view, and says what went wrong in the
 * view's status line.
 */
#ifndef SRC_LIVE_PANES_H
#define SRC_LIVE_PANES_H

#include <stdbool.h>
#include <stddef.h>

#include "proc/procdetail.h"
#include "proc/sigsend.h"
#include "ui/detailfmt.h"
#include "ui/keys.h"
#include "ui/sigmenu.h"

struct app;
struct ui;

struct live_panes {
	bool			 detail_open;
	bool			 events_open;	/* the event log */
	bool			 churn_open;	/* the busiest parents */
	unsigned long		 churn_made;	/* the refresh its lines
						   are of, from 1; 0 none */
	struct procdetail	 detail;	/* of the process shown */
	struct detail_lines	 lines;		/* the open text pane's */
	size_t			 scroll;
	size_t			 hscroll;	/* columns scrolled sideways */
	unsigned long		 log_gen;	/* the log and filter the */
	unsigned long		 filter_gen;	/* event lines were made of */
	bool			 log_made;
	struct sigmenu		 menu;
	/*
	 * While the menu is open: each process it can signal (the chosen
	 * one, a zombie's parent, or every tagged one), held by a pidfd
	 * since the menu opened, so that a signal reaches them or nobody.
	 */
	struct sigsend_hold	*holds;		/* owned */
	size_t			 nholds;
};

void	live_panes_init(struct live_panes *p);
void	live_panes_done(struct live_panes *p);
/*
 * Open the detail pane on the selected process, scrolled to the section
 * whose title starts with section (NULL: the top).
 */
void	live_panes_open_details(struct live_panes *p, struct app *a,
	    const char *section);
/* Open the signal menu on the tagged processes, or else the selected one. */
void	live_panes_open_signals(struct live_panes *p, struct app *a);
/* Open or close the event log pane. */
void	live_panes_toggle_events(struct live_panes *p);
/* Open or close the busiest parents pane. */
void	live_panes_toggle_churn(struct live_panes *p);
/* The keys mode of the open pane; KEYS_TREE when none is open. */
enum keys_mode	live_panes_mode(const struct live_panes *p);
/*
 * Give a key to the open pane (the mode live_panes_mode() said); the
 * event log's filters are the view's.
 */
void	live_panes_key(struct live_panes *p, struct app *a,
	    const struct key_event *ev);
/* Draw the open pane below the header; false if none is open. */
bool	live_panes_draw(struct live_panes *p, const struct app *a,
	    struct ui *ui);

#endif
