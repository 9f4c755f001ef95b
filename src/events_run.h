/*
 * --events in batch mode: refresh every --delay seconds and print what
 * changed (the lines of src/events.h) instead of trees.  Needs the
 * scanner through the refresh loop (src/app.h), so it is not in libcore.
 */
#ifndef SRC_EVENTS_RUN_H
#define SRC_EVENTS_RUN_H

struct app;

/*
 * Print the events of every refresh after the first one, which app_open()
 * has taken already and which has nothing to compare with.  Stops once
 * a->refreshes reaches -n (N snapshots: N-1 comparisons), or without -n
 * on SIGINT, SIGTERM or a closed stdout, and when a loaded source has no
 * more snapshots.  With a selection (-p, --zombies, --orphans, --pidns)
 * only the events of the processes it shows, in the older or the newer
 * snapshot, are printed.  Returns the exit status: 0, or 1 after a
 * failed refresh or write (message on stderr).
 */
int	events_run_batch(struct app *a);

#endif
