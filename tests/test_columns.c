/*
 * The column table: parsing and writing the saved choice, cell texts
 * (including the namespace view's swapped PIDs), line layout and the
 * column under a mouse click.  No terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "tests/fx.h"
#include "tests/runner.h"
#include "ui/columns.h"

static void
test_parse_and_format(void)
{
	struct column_set	set, keep;
	char			*cause = NULL, buf[256];

	columns_default(&set);
	CU_ASSERT_FALSE(columns_shown(&set, COL_START));
	CU_ASSERT(columns_shown(&set, COL_MARK));
	CU_ASSERT_EQUAL(columns_parse(&set, "pid, Mark,RSS,pid", &cause), 0);
	CU_ASSERT_EQUAL(set.n, 3);		/* the repeat is dropped */
	CU_ASSERT_EQUAL(set.order[1], COL_MARK);
	columns_format_spec(&set, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "PID,MARK,RSS");

	keep = set;
	CU_ASSERT_EQUAL(columns_parse(&set, "PID,\x1b[2Jbogus", &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(cause);
	if (cause != NULL) {
		CU_ASSERT(strstr(cause, "unknown column") != NULL);
		CU_ASSERT(strchr(cause, '\x1b') == NULL);	/* escaped */
	}
	free(cause);
	CU_ASSERT_EQUAL(set.n, keep.n);		/* unchanged on error */
}

static void
test_cells(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	char		 buf[64];

	fx_nspid(fx_proc(s, 31000, 1, 31000, 'S', "cinit"), 4026532177ull, 3,
	    31000, 1, 1);
	p = fx_proc(s, 31052, 31000, 31052, 'Z', "x");
	fx_nspid(p, 4026532177ull, 3, 31052, 6, 2);
	p->flags |= PI_ZOMBIE | PI_ORPHAN;
	p->rss_kb = 300 * 1024;
	p->cpu_ticks = 125 * 100;	/* 125 s at 100 Hz */
	columns_cell(COL_PID, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "31052");
	columns_cell(COL_NSPID, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "2");
	/* The namespace view shows the inside PID first, the host's after. */
	columns_cell(COL_PID, p, s, true, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "2");
	columns_cell(COL_NSPID, p, s, true, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "31052");
	/* Its parent, inside: 1; its session leader is itself: 2. */
	columns_cell(COL_PPID, p, s, true, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "1");
	columns_cell(COL_SID, p, s, true, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "2");
	/* The container init's parent lies outside: 0, as ps shows inside. */
	columns_cell(COL_PPID, snapshot_find(s, 31000), s, true, true, buf,
	    sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "0");
	columns_cell(COL_PPID, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "31000");
	columns_cell(COL_MARK, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "ZO");
	columns_cell(COL_RSS, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "300M");
	columns_cell(COL_TIME, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "2:05");
	snprintf(p->user, sizeof p->user, "ev\x1bil");
	columns_cell(COL_USER, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "ev\\eil");
	/* S shows only a letter: never ESC or a C1 CSI from a snapshot. */
	columns_cell(COL_STATE, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "Z");
	p->state = '\x1b';
	columns_cell(COL_STATE, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "?");
	p->state = (char)0x9b;
	columns_cell(COL_STATE, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "?");
	p->state = '\0';
	columns_cell(COL_STATE, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "?");
	snapshot_free(s);
}

/* Every cell of a line sits where columns_at() says its column is. */
static void
test_layout_and_click(void)
{
	struct snapshot		*s = fx_new();
	struct procinfo		*p = fx_proc(s, 7, 1, 7, 'S', "x");
	struct column_set	 set;
	char			 line[256];
	int			 width, x, lead = 2;
	size_t			 i;

	columns_default(&set);
	width = columns_line(&set, p, s, false, true, line, sizeof line);
	CU_ASSERT_EQUAL((int)strlen(line), width);
	columns_line(&set, NULL, s, false, true, line, sizeof line);
	CU_ASSERT(strstr(line, "%CPU") != NULL);
	for (i = 0, x = lead; i < set.n; i++) {
		int	w = columns_defs[set.order[i]].width + 1;

		CU_ASSERT_EQUAL(columns_at(&set, x), (int)set.order[i]);
		CU_ASSERT_EQUAL(columns_at(&set, x + w - 1),
		    (int)set.order[i]);
		x += w;
	}
	CU_ASSERT_EQUAL(columns_at(&set, x), -1);	/* the command */
	CU_ASSERT_EQUAL(columns_at(&set, 0), -1);	/* the band */
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "parse and format", test_parse_and_format },
	{ "cells", test_cells },
	{ "layout and click", test_layout_and_click },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("columns", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
