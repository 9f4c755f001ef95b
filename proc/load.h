/*
 * JSON (treetop/1) -> snapshot, for --load and for test fixtures.
 * Every malformed input yields a cause naming the file and the problem;
 * no input crashes it.  The file name and any input a cause quotes are
 * escaped to printable ASCII (escape.h), so a cause is safe to print.
 */
#ifndef PROC_LOAD_H
#define PROC_LOAD_H

#include <stddef.h>

struct snapshot;

/* Load a snapshot from path; NULL with *cause ("FILE: problem") on error. */
struct snapshot	*load_file(const char *path, char **cause);
/* Load a snapshot from a JSON text; name is used in messages. */
struct snapshot	*load_string(const char *text, size_t len, const char *name,
		    char **cause);

#endif
