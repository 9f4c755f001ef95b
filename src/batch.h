/*
 * Rows -> the batch text format of DESIGN.md: a header line, then one line
 * per row with PID first, the columns, a MARK column and the command drawn
 * with tree connectors.  Every byte from a process is escaped.
 */
#ifndef SRC_BATCH_H
#define SRC_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "proc/snapshot.h"
#include "ui/glyphs.h"

struct reap_report;
struct rows;
struct snapshot;

struct batch_style {
	enum glyph_set	 glyphs;
	bool		 utf8;		/* pass valid UTF-8 through unescaped */
	const struct snapshot *snap;	/* the rows' snapshot, for USER as
					   seen inside a user namespace and
					   container names; NULL: the plain
					   user, no names */
	enum ns_type	 group_ns;	/* rows by namespace: the type */
	const struct reap_report *reap;	/* snap's; a PID namespace's title
					   says what is wrong with its init;
					   NULL: nothing said */
};

/* Write the header and one line per row. */
void	batch_write(FILE *out, const struct rows *rows,
	    const struct batch_style *style);

#endif
