/*
 * The live explorer's loop: refresh on a timer, keys edit the view state
 * and rebuild rows without rescanning.
 */
#ifndef SRC_LIVE_H
#define SRC_LIVE_H

#include <stdbool.h>

struct app;
struct live;
struct procinfo;

/* Run the explorer on a model that has its first snapshot; exit status. */
int			 live_run(struct app *a);
/* For the panes: show a message in the status line for a few seconds. */
void			 live_say(struct live *l, const char *msg);
/*
 * The selected row's process, or NULL (a header row, no rows).  On a
 * ghost row it is the exited process's last record: see below.
 */
const struct procinfo	*live_selected_proc(const struct live *l);
/* True if the selected row is a ghost: a process that has exited. */
bool			 live_selected_is_ghost(const struct live *l);
/* The model the explorer shows. */
struct app		*live_app(const struct live *l);

#endif
