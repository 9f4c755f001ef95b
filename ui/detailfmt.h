/*
 * The detail pane as lines of safe text with roles; see detailfmt.c.
 */
#ifndef UI_DETAILFMT_H
#define UI_DETAILFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "proc/procdetail.h"

struct snapshot;

/* --- the pane as lines ----------------------------------------------- */

enum detail_role {
	DR_NORMAL,
	DR_HEADING,
	DR_DIFFERS,		/* a namespace that differs from the parent's */
	DR_ADDED,		/* "+ NAME=value" */
	DR_CHANGED,		/* "~ NAME=value (parent: old)" */
	DR_REMOVED,		/* "- NAME=old" */
	DR_DIM,			/* explanations: unknown, not readable */
};

struct detail_line {
	enum detail_role role;
	char		*text;		/* owned; escaped, safe to draw */
};

struct detail_lines {
	struct detail_line	*v;	/* owned */
	size_t			 n;
	size_t			 cap;
};

void	detail_lines_init(struct detail_lines *dl);
/* Free every line; dl is empty afterwards and can be reused. */
void	detail_lines_done(struct detail_lines *dl);
/*
 * Append a line made by printf.  The text must already be safe: bytes
 * from a process go through escape.c first.
 */
void	detail_lines_add(struct detail_lines *dl, enum detail_role role,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Replace out's lines with the whole pane for d: title, IDs, NSpid chain,
 * state, flags, user, start time, threads, CPU time, RSS, exit status
 * (zombies), open files, command, namespaces, signal dispositions, cgroup
 * and the environment against the parent's.  snap gives the boot time
 * and clock ticks; the wall clock is local time (localtime_r).  With
 * utf8 the NSpid chain uses "→" and valid UTF-8 passes; else all is ASCII.
 */
void	detailfmt_format(const struct procdetail *d,
	    const struct snapshot *snap, bool utf8, struct detail_lines *out);

#endif
