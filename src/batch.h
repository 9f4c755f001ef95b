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

struct rows;
struct snapshot;

struct batch_style {
	enum glyph_set	 glyphs;
	bool		 utf8;		/* pass valid UTF-8 through unescaped */
	const struct snapshot *snap;	/* the rows' snapshot, for USER as
					   seen inside a user namespace;
					   NULL: the plain user */
	enum ns_type	 group_ns;	/* rows by namespace: the type */
};

/* Write the header and one line per row. */
void	batch_write(FILE *out, const struct rows *rows,
	    const struct batch_style *style);

#endif
