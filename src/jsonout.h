/*
 * snapshot -> JSON (treetop/1), through jansson: any byte of a process
 * name or argument comes out as valid JSON.
 */
#ifndef SRC_JSONOUT_H
#define SRC_JSONOUT_H

#include <stdio.h>

struct diff;
struct snapshot;
struct rows;

enum jsonout_flag {
	JSONOUT_COMPACT	= 1u << 0,	/* one line, no indentation */
};

/*
 * Write snap as one JSON document followed by a newline.  With rows not
 * NULL, only the processes in rows are written.  Returns 0 or -errno.
 */
int	jsonout_write(FILE *out, const struct snapshot *snap,
	    const struct rows *rows, unsigned flags);
/* The same document as a string the caller frees; NULL on failure. */
char	*jsonout_string(const struct snapshot *snap, const struct rows *rows,
	    unsigned flags);
/*
 * A recording's line: the whole snapshot, compact, with the kernel's
 * events of events (NULL: none) as its "events" member.
 */
char	*jsonout_record_line(const struct snapshot *snap,
	    const struct diff *events);

#endif
