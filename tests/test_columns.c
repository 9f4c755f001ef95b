/*
 * The column table: parsing and writing the saved choice, cell texts
 * (including the namespace view's swapped PIDs), line layout and the
 * column under a mouse click; display widths of wide (CJK) and combining
 * characters, which must not move the columns after USER.  Runs in the
 * UTF-8 locale make check pins (LC_ALL=C.UTF-8).  No terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "tests/fx.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "ui/columns.h"
#include "ui/textwidth.h"

/* UTF-8 spelled out, so the source stays ASCII. */
#define YONG_HU		"\xe7\x94\xa8\xe6\x88\xb7"	/* 用户: 2 wide */
#define ACUTE		"\xcc\x81"		/* U+0301, combining: 0 wide */
#define FULL_A		"\xef\xbc\xa1"	/* U+FF21 fullwidth A: 2 wide */

static void
test_parse_and_format(void)
{
	struct column_set	set, keep;
	char			*cause = NULL, buf[256];

	columns_default(&set);
	CU_ASSERT_FALSE(columns_shown(&set, COL_START));
	CU_ASSERT_FALSE(columns_shown(&set, COL_MEM));
	CU_ASSERT_FALSE(columns_shown(&set, COL_VIRT));
	CU_ASSERT_FALSE(columns_shown(&set, COL_NLWP));
	CU_ASSERT(columns_shown(&set, COL_MARK));
	CU_ASSERT_EQUAL(set.n, 12);
	CU_ASSERT_EQUAL(columns_parse(&set, "nlwp,VIRT,mem,start", &cause), 0);
	columns_format_spec(&set, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "NLWP,VIRT,MEM,START");
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
	p->user = "ev\x1bil";
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

/* Set TZ to tz (NULL: unset it) for localtime_r(). */
static void
set_tz(const char *tz)
{
	if (tz != NULL)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
}

#define DAY0	1709510400	/* 2024-03-04 00:00:00 UTC, a Monday */
#define HOUR	3600

/* %MEM, VIRT and NLWP, as htop shows them. */
static void
test_htop_cells(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p = fx_proc(s, 4242, 1, 4242, 'S', "x");
	char		 buf[64];

	p->rss_kb = 512 * 1024;
	p->vsz_kb = 30ull * 1024 * 1024;
	p->threads = 17;
	/* The machine's memory unknown (an older file): no share. */
	columns_cell(COL_MEM, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "-");
	s->mem_total_kb = 4ull * 1024 * 1024;
	columns_cell(COL_MEM, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "12.5");
	p->rss_kb = s->mem_total_kb;
	columns_cell(COL_MEM, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "100.0");
	columns_cell(COL_VIRT, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "30G");
	p->vsz_kb = 200 * 1024;
	columns_cell(COL_VIRT, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "200M");
	p->vsz_kb = 0;		/* a kernel thread's */
	columns_cell(COL_VIRT, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "0");
	columns_cell(COL_NLWP, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "17");
	snapshot_free(s);
}

/*
 * START: the clock time on the day of the snapshot, else the day, else
 * the year, all in local time.  EST5 is five hours behind UTC, with no
 * summer time, so the test needs no time zone files.
 */
static void
test_start_clock(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p = fx_proc(s, 4242, 1, 4242, 'S', "x");
	const char	*old = getenv("TZ");
	char		*keep = old != NULL ? strdup(old) : NULL, buf[64];

	set_tz("EST5");
	s->time = DAY0 + 15 * HOUR;		/* 10:00 in New York */
	s->clk_tck = 100;
	/* Not known when the machine booted: no clock time. */
	s->boot_time = 0;
	columns_cell(COL_START, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "-");
	s->boot_time = DAY0 - 120 * 24 * HOUR;	/* in November 2023 */
	p->start_ticks = (uint64_t)(DAY0 + 14 * HOUR + 7 * 60 -
	    s->boot_time) * 100;
	columns_cell(COL_START, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "09:07");
	/* 03:30 UTC is still the day before in New York. */
	p->start_ticks = (uint64_t)(3 * HOUR + 30 * 60 + 120 * 24 * HOUR) *
	    100;
	columns_cell(COL_START, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "Mar 03");
	set_tz("UTC0");
	columns_cell(COL_START, p, s, false, true, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "03:30");
	/* The pure function, with the times passed in. */
	columns_clock(DAY0 - 30 * 24 * HOUR, DAY0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "Feb 03");
	columns_clock(DAY0 - 70 * 24 * HOUR, DAY0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "2023");
	columns_clock(DAY0 + 23 * HOUR + 59 * 60, DAY0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "23:59");
	columns_clock(DAY0 - 1, DAY0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "Mar 03");
	set_tz(keep);
	free(keep);
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

/* The sort marker's place: the title's own, also for S after SID. */
static void
test_title_at(void)
{
	struct column_set	set;
	char			line[256];
	char			*err = NULL;
	int			at;

	CU_ASSERT_EQUAL_FATAL(columns_parse(&set, "SID,USER,S,PID", &err), 0);
	columns_line(&set, NULL, NULL, false, false, line, sizeof line);
	at = columns_title_at(&set, COL_STATE, false);
	CU_ASSERT_EQUAL(at, 17);	/* 8 for SID, 9 for USER */
	CU_ASSERT_EQUAL(line[at], 'S');
	CU_ASSERT_EQUAL(line[at - 1], ' ');
	at = columns_title_at(&set, COL_PID, false);
	CU_ASSERT_EQUAL(strncmp(line + at, "PID", 3), 0);
	CU_ASSERT_EQUAL(columns_title_at(&set, COL_TIME, false), -1);
}

/* On a narrow screen columns give way in order, so COMMAND keeps room. */
static void
test_fit_narrow(void)
{
	struct column_set	want, got;

	columns_default(&want);
	columns_fit(&want, 200, 30, &got);
	CU_ASSERT_EQUAL(got.n, want.n);
	columns_fit(&want, 80, 30, &got);
	CU_ASSERT(columns_width(&got) + 30 <= 80);
	CU_ASSERT_FALSE(columns_shown(&got, COL_TGID));
	CU_ASSERT_FALSE(columns_shown(&got, COL_SID));
	CU_ASSERT_FALSE(columns_shown(&got, COL_PGID));
	CU_ASSERT_TRUE(columns_shown(&got, COL_PID));
	CU_ASSERT_TRUE(columns_shown(&got, COL_USER));
	CU_ASSERT_TRUE(columns_shown(&got, COL_MARK));
	CU_ASSERT_TRUE(columns_shown(&got, COL_CPU));
	/* The user's order stays. */
	CU_ASSERT_EQUAL(got.order[0], COL_PID);
	CU_ASSERT_EQUAL(got.order[1], COL_PPID);
	/* Wider by one column than needed: nothing more goes. */
	columns_fit(&want, columns_width(&got) + 30, 30, &want);
	CU_ASSERT_EQUAL(want.n, got.n);
	/* However narrow, PID stays. */
	columns_fit(&want, 10, 30, &got);
	CU_ASSERT_EQUAL(got.n, 1);
	CU_ASSERT_EQUAL(got.order[0], COL_PID);
	/* Every column: the optional ones give way before NSPID. */
	CU_ASSERT_FATAL(columns_parse(&want, "PID,PPID,PGID,SID,TGID,NSPID,"
	    "USER,S,MARK,CPU,MEM,RSS,VIRT,TIME,START,NLWP,CONTAINER,UNIT",
	    NULL) == 0);
	CU_ASSERT_EQUAL(want.n, COL_COUNT);
	columns_fit(&want, 86, 30, &got);
	CU_ASSERT_FALSE(columns_shown(&got, COL_UNIT));
	CU_ASSERT_FALSE(columns_shown(&got, COL_CONTAINER));
	CU_ASSERT(columns_width(&got) + 30 <= 86);
	CU_ASSERT_FALSE(columns_shown(&got, COL_NLWP));
	CU_ASSERT_FALSE(columns_shown(&got, COL_VIRT));
	CU_ASSERT_FALSE(columns_shown(&got, COL_START));
	CU_ASSERT_FALSE(columns_shown(&got, COL_MEM));
	CU_ASSERT_TRUE(columns_shown(&got, COL_NSPID));
	CU_ASSERT_TRUE(columns_shown(&got, COL_RSS));
}

static void
test_text_widths(void)
{
	int	w = -1;

	CU_ASSERT_EQUAL(textwidth_str(""), 0);
	CU_ASSERT_EQUAL(textwidth_str("root"), 4);
	CU_ASSERT_EQUAL(textwidth_str(YONG_HU), 4);
	CU_ASSERT_EQUAL(textwidth_str("jose" ACUTE), 4);
	CU_ASSERT_EQUAL(textwidth_str("e" ACUTE ACUTE ACUTE), 1);
	CU_ASSERT_EQUAL(textwidth_str(FULL_A "b"), 3);
	/* └─ */
	CU_ASSERT_EQUAL(textwidth_str("\xe2\x94\x94\xe2\x94\x80"), 2);
	/* Not UTF-8 (escape.c never lets it through): a column a byte. */
	CU_ASSERT_EQUAL(textwidth_str("\xff\xfe"), 2);
	/* U+0378 is unassigned: one column, drawn as '?'. */
	CU_ASSERT_EQUAL(textwidth_str("\xcd\xb8"), 1);

	/* A wide character that would straddle the edge is left out. */
	CU_ASSERT_EQUAL(textwidth_fit(YONG_HU YONG_HU, 5, &w), 6);
	CU_ASSERT_EQUAL(w, 4);
	CU_ASSERT_EQUAL(textwidth_fit(YONG_HU, 1, &w), 0);
	CU_ASSERT_EQUAL(w, 0);
	/* Combining marks stay with the character they follow. */
	CU_ASSERT_EQUAL(textwidth_fit("abe" ACUTE "d", 3, &w), 5);
	CU_ASSERT_EQUAL(w, 3);
	/* An escape is one unit: never cut into "\\x" or "\\u20". */
	CU_ASSERT_EQUAL(textwidth_fit("a\\xff", 4, &w), 1);
	CU_ASSERT_EQUAL(textwidth_fit("a\\u202e", 6, &w), 1);
	CU_ASSERT_EQUAL(textwidth_fit("a\\u202e", 7, &w), 7);
	CU_ASSERT_EQUAL(textwidth_fit("ab\\e", 3, &w), 2);
}

static void
test_text_pad(void)
{
	char	buf[32];

	CU_ASSERT_EQUAL(textwidth_pad(buf, sizeof buf, YONG_HU, 8, true), 10);
	CU_ASSERT_STRING_EQUAL(buf, YONG_HU "    ");
	CU_ASSERT_EQUAL(textwidth_pad(buf, sizeof buf, YONG_HU, 6, false), 8);
	CU_ASSERT_STRING_EQUAL(buf, "  " YONG_HU);
	/* Cut: three wide characters do not fit in 5 columns; pad one. */
	textwidth_pad(buf, sizeof buf, YONG_HU FULL_A, 5, true);
	CU_ASSERT_STRING_EQUAL(buf, YONG_HU " ");
	textwidth_pad(buf, sizeof buf, "jose" ACUTE "phine", 5, true);
	CU_ASSERT_STRING_EQUAL(buf, "jose" ACUTE "p");
	/* Too small for the whole cell: nothing, not a partial cell. */
	CU_ASSERT_EQUAL(textwidth_pad(buf, 8, YONG_HU, 8, true), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

/*
 * A user name of wide or combining characters fills exactly the USER
 * column: the line is as wide as columns_line() says, the cell is 8
 * columns, and everything after it is the same bytes as for "root".
 */
static void
test_wide_user_aligned(void)
{
	static const char *const	users[] = {
		YONG_HU,			/* 4 columns, 6 bytes */
		YONG_HU YONG_HU YONG_HU,	/* 12 columns: cut to 8 */
		"a" YONG_HU YONG_HU YONG_HU,	/* cut to 7, padded to 8 */
		"jose" ACUTE,			/* 4 columns, 6 bytes */
		"e" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE
		    ACUTE ACUTE,		/* 1 column, 21 bytes */
		ACUTE "x",			/* starts with a mark */
		FULL_A FULL_A FULL_A FULL_A FULL_A,	/* 10 columns */
		"\xe7\x94",			/* a cut character: \xHH */
	};
	struct snapshot		*s = fx_new();
	struct procinfo		*p = fx_proc(s, 7, 1, 7, 'S', "x");
	struct column_set	 set;
	char			 ref[256], line[256], cell[64];
	const char		*ref_tail, *tail;
	int			 ref_width, width, ucol = 2, ucols;
	size_t			 i, k, len;

	CU_ASSERT_FATAL(columns_parse(&set, "PID,USER,S,MARK,CPU,RSS,TIME",
	    NULL) == 0);
	ucols = columns_defs[COL_USER].width;
	p->user = "root";
	ref_width = columns_line(&set, p, s, false, true, ref, sizeof ref);
	/* The USER cell starts after PID and its gap. */
	ucol = columns_defs[COL_PID].width + 1;
	ref_tail = ref + ucol + ucols;
	for (i = 0; i < sizeof users / sizeof users[0]; i++) {
		p->user = users[i];
		width = columns_line(&set, p, s, false, true, line,
		    sizeof line);
		CU_ASSERT_EQUAL(width, ref_width);
		CU_ASSERT_EQUAL(textwidth_str(line), width);
		/* The cell: exactly 8 display columns, however many bytes. */
		len = textwidth_fit(line + ucol, ucols, NULL);
		for (k = 0; k < len && k + 1 < sizeof cell; k++)
			cell[k] = line[ucol + k];
		cell[k] = '\0';
		CU_ASSERT_EQUAL(textwidth_str(cell), ucols);
		tail = line + ucol + len;
		if (strcmp(tail, ref_tail) != 0 ||
		    textwidth_str(cell) != ucols)
			fprintf(stderr, "\nuser %zu: [%s] vs [%s]\n", i, line,
			    ref);
		CU_ASSERT_STRING_EQUAL(tail, ref_tail);
		/* A click on S still finds S. */
		CU_ASSERT_EQUAL(columns_at(&set, 2 + ucol + ucols + 1),
		    COL_STATE);
	}
	p->user = YONG_HU;
	columns_cell(COL_USER, p, s, false, true, cell, sizeof cell);
	CU_ASSERT_STRING_EQUAL(cell, YONG_HU);
	/* Without UTF-8 the name is all escapes, one column a byte. */
	columns_line(&set, p, s, false, false, line, sizeof line);
	CU_ASSERT(strncmp(line + ucol, "\\xe7\\x94", 8) == 0);
	CU_ASSERT_STRING_EQUAL(line + ucol + ucols, ref_tail);
	snapshot_free(s);
}

/* USER grows to fit "root(100000)", and the columns after it move. */
static void
test_mapped_user_width(void)
{
	static const struct idmap_extent	box[] = { { 0, 100000, 65536 } };
	struct snapshot		*s = fx_new();
	struct column_set	 set;
	struct userns_info	*u;
	struct procinfo		*p;
	char			 line[256];
	int			 narrow;

	p = fx_proc(s, 20, 1, 20, 'S', "boxinit");
	p->uid = 100000;
	p->user = "100000";
	fx_ns(p)[NS_USER] = 4026532400;
	columns_default(&set);
	narrow = columns_width(&set);
	CU_ASSERT_EQUAL(columns_user_width(s), 0);	/* no map known */
	u = snapshot_add_userns(s, 4026532400);
	snapshot_set_idmap(s, &u->uid_map, box, 1);
	set.user_width = columns_user_width(s);
	CU_ASSERT_EQUAL(set.user_width, 12);
	CU_ASSERT_EQUAL(columns_width(&set), narrow + 4);
	columns_line(&set, fx_get(s, 20), s, false, true, line, sizeof line);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, " root(100000) S "));
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "USER widened for mapped users", test_mapped_user_width },
	{ "parse and format", test_parse_and_format },
	{ "cells", test_cells },
	{ "%MEM, VIRT, NLWP", test_htop_cells },
	{ "START as a clock time", test_start_clock },
	{ "layout and click", test_layout_and_click },
	{ "columns give way on a narrow screen", test_fit_narrow },
	{ "where a title begins", test_title_at },
	{ "text widths: wide, combining, escapes", test_text_widths },
	{ "text cut and padded by width", test_text_pad },
	{ "wide and combining user names stay aligned",
	    test_wide_user_aligned },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("columns", NULL, NULL, tests);

	/* Widths are the locale's; without a UTF-8 one they cannot hold. */
	testutil_require_utf8();
	return runner_run(&suite, 1);
}
