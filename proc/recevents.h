/*
 * The kernel's events of one refresh in a recording (doc/recording.md):
 * the "events" member of the snapshot line they led to.  Only the events
 * that came from the kernel (diff_event kernel) are written: started,
 * exec, exited and lost.  Through jansson; no /proc, no curses.
 */
#ifndef PROC_RECEVENTS_H
#define PROC_RECEVENTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct diff;

/* d's kernel events as a JSON array (new reference); NULL when none. */
json_t	*recevents_json(const struct diff *d);
/*
 * Read such an array into out (diff_init()ed; events appended, kernel
 * set); 0, or -1 with *cause (caller frees) naming the problem.
 */
int	recevents_parse(const json_t *list, struct diff *out, char **cause);

#endif
