/*
 * The live explorer: refreshes on a timer (in a background thread),
 * keys edit the view and rebuild rows without rescanning.
 */
#ifndef SRC_LIVE_H
#define SRC_LIVE_H

struct app;

/* Run the explorer on a model that has its first snapshot; exit status. */
int	live_run(struct app *a);

#endif
