/*
 * The header's meters as text: the bar and its figure, memory sizes, and
 * the line of two meters at 80 and 60 columns and narrower, known and
 * unknown.  No /proc, no terminal.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"
#include "ui/meter.h"

#define GIB	(1024ull * 1024)	/* in KiB */

static void
check_meter(const char *label, double fraction, const char *text, int width,
    const char *want)
{
	char	buf[256];

	meter_format(label, fraction, text, width, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n  got  [%s]\n  want [%s]\n", buf, want);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void
test_format(void)
{
	check_meter("CPU", 0.234, "23.4%", 30,
	    "CPU [||||||             23.4%]");
	/* A full bar: the figure is written over its end. */
	check_meter("CPU", 1.0, "100.0%", 30,
	    "CPU [||||||||||||||||||100.0%]");
	check_meter("CPU", 7.5, "750.0%", 30,
	    "CPU [||||||||||||||||||750.0%]");
	check_meter("Mem", 0, "0K/1.0G", 20, "Mem [       0K/1.0G]");
	/* Unknown: an empty bar and a dash. */
	check_meter("CPU", -1, "-", 20, "CPU [             -]");
	/* No room for the figure: the bar alone; no room for that either. */
	check_meter("CPU", 0.234, "23.4%", 10, "CPU [|   ]");
	check_meter("CPU", 0.5, "50%", 7, "CPU [|]");
	check_meter("CPU", 0.5, "50%", 6, "CPU");
	check_meter("CPU", 0.5, "50%", 4, "CPU");
	check_meter("CPU", 0.5, "50%", 2, "CP");
	check_meter("CPU", 0.5, NULL, 12, "CPU [|||   ]");
}

static void
test_sizes(void)
{
	static const struct {
		uint64_t	 kb;
		const char	*want;
	} sizes[] = {
		{ 0, "0K" }, { 900, "900K" }, { 1024, "1M" },
		{ 812 * 1024, "812M" }, { GIB, "1.0G" },
		{ GIB * 12 / 10, "1.2G" }, { GIB * 38 / 10, "3.8G" },
		{ GIB * 1024 * 2, "2.0T" },
	};
	char	buf[32];
	size_t	i;

	for (i = 0; i < RUNNER_COUNT(sizes); i++) {
		meter_size(sizes[i].kb, buf, sizeof buf);
		CU_ASSERT_STRING_EQUAL(buf, sizes[i].want);
	}
}

/* The two meters of a line fill it, the memory meter after a gap. */
static void
test_line(void)
{
	struct snapshot	*s = fx_new();
	char		 buf[256];

	s->cpu_known = true;
	s->cpu_pct = 23.4f;
	s->mem_total_kb = 4 * GIB;
	s->mem_avail_kb = 3 * GIB;
	meter_line(s, 60, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "CPU [|||||             23.4%]  "
	    "Mem [||||||        1.0G/4.0G]");
	meter_line(s, 80, buf, sizeof buf);
	CU_ASSERT_EQUAL(strlen(buf), 80);
	CU_ASSERT(strncmp(buf, "CPU [", 5) == 0);
	CU_ASSERT(strstr(buf, " 23.4%]  Mem [") != NULL);
	CU_ASSERT(strncmp(buf + 41, "Mem [", 5) == 0);
	CU_ASSERT(strstr(buf, " 1.0G/4.0G]") != NULL);
	/* Narrow: what does not fit goes, never past the width. */
	meter_line(s, 20, buf, sizeof buf);
	CU_ASSERT(strlen(buf) <= 20);
	CU_ASSERT(strncmp(buf, "CPU [", 5) == 0);
	/* A buffer smaller than the width: cut, still terminated. */
	meter_line(s, 80, buf, 40);
	CU_ASSERT(strlen(buf) < 40);
	snapshot_free(s);
}

/* Nothing known (a single snapshot of a file without the fields). */
static void
test_unknown(void)
{
	struct snapshot	*s = fx_new();
	char		 buf[256];

	meter_line(s, 60, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "CPU [                      -]  "
	    "Mem [                      -]");
	s->mem_total_kb = 4 * GIB;	/* no MemAvailable: used unknown */
	meter_line(s, 60, buf, sizeof buf);
	CU_ASSERT(strstr(buf, "Mem [                 -/4.0G]") != NULL);
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "a meter: bar and figure", test_format },
	{ "memory sizes", test_sizes },
	{ "the line of two meters", test_line },
	{ "unknown figures", test_unknown },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("meter", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
