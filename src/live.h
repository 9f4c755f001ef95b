/*
 * The live explorer's loop: refresh on a timer, keys edit the view state
 * and rebuild rows without rescanning.
 */
#ifndef SRC_LIVE_H
#define SRC_LIVE_H

struct app;

/* Run the explorer on a model that has its first snapshot; exit status. */
int	live_run(struct app *a);

#endif
