/*
 * The columns of the process list: one const table (name, title, width,
 * sort key) and the user's choice of which to show in which order.
 * Cells are formatted into caller buffers; text from a process is
 * escaped.  No curses here.
 */
#ifndef UI_COLUMNS_H
#define UI_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "proc/rows.h"

struct procinfo;
struct snapshot;

enum column_id {
	COL_PID, COL_PPID, COL_PGID, COL_SID, COL_TGID, COL_NSPID, COL_USER,
	COL_STATE, COL_MARK, COL_CPU, COL_MEM, COL_RSS, COL_VIRT, COL_TIME,
	COL_START, COL_NLWP,
	COL_COUNT
};

struct column_def {
	const char	*name;		/* in the config file and --help */
	const char	*title;		/* header text */
	int		 width;		/* display columns, without the gap */
	bool		 left;		/* left-aligned */
	enum rows_sort	 sort;
	const char	*help;		/* one line for the setup screen */
	bool		 optional;	/* not in the default set */
};

extern const struct column_def columns_defs[COL_COUNT];

/* The visible columns, left to right; COMMAND always follows them. */
struct column_set {
	enum column_id	order[COL_COUNT];
	size_t		n;
	int		user_width;	/* USER wider than its default, to
					   fit "root(100000)"; 0: default */
};

/* The default set: every column but the optional ones (START, ...). */
void	columns_default(struct column_set *set);
/*
 * Parse "PID,PPID,USER,..." (names case-insensitive) into set.  Returns 0,
 * or -1 with *cause naming the bad name; set is unchanged then.
 */
int	columns_parse(struct column_set *set, const char *spec, char **cause);
/* Write set as "PID,PPID,..." into buf. */
void	columns_format_spec(const struct column_set *set, char *buf,
	    size_t size);
/* True if column c is in the set. */
bool	columns_shown(const struct column_set *set, enum column_id c);
/*
 * The text of one cell (not padded).  With ns_view the IDs are those
 * seen inside the process's own PID namespace (0 for what lies outside
 * it), and NSPID shows the PID in treetop's namespace.
 */
void	columns_cell(enum column_id c, const struct procinfo *p,
	    const struct snapshot *snap, bool ns_view, bool utf8, char *buf,
	    size_t size);
/*
 * When a process started, as ps shows it: "14:05" if that was on the
 * day of now (local time), "Mar 04" earlier in now's year, "2023" before.
 */
void	columns_clock(time_t started, time_t now, char *buf, size_t size);
/*
 * The whole left part of a line (every column, padded, with gaps) into
 * buf; returns its width in columns.  With p NULL, the header titles.
 */
int	columns_line(const struct column_set *set, const struct procinfo *p,
	    const struct snapshot *snap, bool ns_view, bool utf8, char *buf,
	    size_t size);
/*
 * Where column c's title begins in the line columns_line() writes for
 * the titles (its byte offset: the titles are ASCII), or -1 when c is
 * not in the set.
 */
int	columns_title_at(const struct column_set *set, enum column_id c,
	    bool ns_view);
/*
 * How wide USER must be for every process of snap whose user namespace
 * maps its uid to another ("root(100000)"): 0 when the default does,
 * else at most 24.  For column_set.user_width.
 */
int	columns_user_width(const struct snapshot *snap);
/* Display columns the left part of a line takes, from screen column 0. */
int	columns_width(const struct column_set *set);
/*
 * The columns of want that fit a screen width columns wide with at least
 * command columns left for COMMAND: on a narrow screen, columns give way
 * in a fixed order (TGID, SID, PGID, NLWP, VIRT, TIME, START, MEM, NSPID,
 * PPID, RSS, USER, CPU, MARK, S); PID always stays.
 */
void	columns_fit(const struct column_set *want, int width, int command,
	    struct column_set *out);
/* The column under screen x in a line laid out by columns_line(), or -1. */
int	columns_at(const struct column_set *set, int x);

#endif
