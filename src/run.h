/*
 * The run modes, dispatched from one place: the live explorer, batch
 * text, JSON, and --events, each on the model of src/app.h.
 */
#ifndef SRC_RUN_H
#define SRC_RUN_H

struct options;

/* Run the mode o asks for; returns the process exit status. */
int	run_mode(const struct options *o);

#endif
