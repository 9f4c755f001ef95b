/*
 * Tests for src/events.c: the --events line of each event kind, times in
 * UTC with milliseconds, escaping and quoting of hostile names, truncation,
 * and the lines of a whole snapshot pair.  No /proc, no terminal, no
 * clock.
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/diff.h"
#include "proc/snapshot.h"
#include "src/events.h"
#include "tests/fx.h"
#include "tests/runner.h"

/* 2026-11-23T14:20:01.123Z */
#define T0	1795443601.123

static struct diff_event
ev(enum diff_kind kind, pid_t pid, const char *comm)
{
	struct diff_event	e;

	memset(&e, 0, sizeof e);
	e.kind = kind;
	e.time = T0;
	e.pid = pid;
	e.start_ticks = (uint64_t)pid * 10;
	snprintf(e.comm, sizeof e.comm, "%s", comm);
	return e;
}

/* Format e and compare with want, and the returned length too. */
static void
check(const struct diff_event *e, bool utf8, const char *want)
{
	char	line[EVENTS_LINE_MAX];
	size_t	n;

	memset(line, 'Z', sizeof line);
	n = events_format_line(e, utf8, line, sizeof line);
	if (strcmp(line, want) != 0)
		fprintf(stderr, "\n  got  '%s'\n  want '%s'\n", line, want);
	CU_ASSERT_STRING_EQUAL(line, want);
	CU_ASSERT_EQUAL(n, strlen(want));
}

static void
test_kinds(void)
{
	struct diff_event	e;

	e = ev(DIFF_STARTED, 4242, "sleep");
	e.new_ppid = 1;
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=4242 ppid=1 "
	    "comm=sleep");

	e = ev(DIFF_EXITED, 4243, "true");
	e.old_ppid = 4242;
	check(&e, true, "2026-11-23T14:20:01.123Z exited pid=4243 "
	    "ppid=4242 comm=true");

	e = ev(DIFF_ZOMBIE, 4250, "sleep");
	e.old_ppid = e.new_ppid = 4242;
	e.exit_code = 3 << 8;
	check(&e, true, "2026-11-23T14:20:01.123Z zombie pid=4250 ppid=4242 "
	    "comm=sleep status=\"exited 3\"");
	e.exit_code = 11 | 0x80;	/* SIGSEGV, core dumped */
	check(&e, true, "2026-11-23T14:20:01.123Z zombie pid=4250 ppid=4242 "
	    "comm=sleep status=\"killed by SIGSEGV (core dumped)\"");

	e = ev(DIFF_REAPED, 4250, "sleep");
	e.old_ppid = 1;
	e.exit_code = 0;
	check(&e, true, "2026-11-23T14:20:01.123Z reaped pid=4250 ppid=1 "
	    "comm=sleep status=\"exited 0\"");

	e = ev(DIFF_REPARENTED, 77, "x");
	e.old_ppid = 12;
	e.new_ppid = 1;
	check(&e, true, "2026-11-23T14:20:01.123Z reparented pid=77 "
	    "ppid=12->1 comm=x");

	e = ev(DIFF_EXEC, 9, "python3");
	snprintf(e.old_comm, sizeof e.old_comm, "sh");
	e.old_ppid = e.new_ppid = 1;
	check(&e, true, "2026-11-23T14:20:01.123Z exec pid=9 ppid=1 "
	    "comm=sh->python3");

	e = ev(DIFF_NS_CHANGED, 9, "unshare");
	e.new_ppid = 8;
	e.ns = NS_NET;
	e.old_ns = 4026531840ull;
	e.new_ns = 4026532201ull;
	check(&e, true, "2026-11-23T14:20:01.123Z ns-changed pid=9 ppid=8 "
	    "comm=unshare ns=net inode=4026531840->4026532201");
}

static void
test_times(void)
{
	struct diff_event	e = ev(DIFF_STARTED, 1, "init");

	e.time = 0;
	check(&e, true, "1970-01-01T00:00:00.000Z started pid=1 ppid=0 "
	    "comm=init");
	/* Rounds to the nearest millisecond, carrying into the second. */
	e.time = 1795443599.9996;
	check(&e, true, "2026-11-23T14:20:00.000Z started pid=1 ppid=0 "
	    "comm=init");
	e.time = 1795443601.0004;
	check(&e, true, "2026-11-23T14:20:01.000Z started pid=1 ppid=0 "
	    "comm=init");
	e.time = 951782400.5;		/* a leap day */
	check(&e, true, "2000-02-29T00:00:00.500Z started pid=1 ppid=0 "
	    "comm=init");
}

/* No byte of a process reaches the line raw; the line stays one line. */
static void
test_hostile(void)
{
	struct diff_event	 e = ev(DIFF_EXEC, 66, "\x1b]0;pwned\x07\n"
				    "x\xff");
	char			 line[EVENTS_LINE_MAX];
	const unsigned char	*c;
	bool			 clean = true;

	snprintf(e.old_comm, sizeof e.old_comm, "a\rb\x7f\x9b");
	e.new_ppid = 1;
	check(&e, false, "2026-11-23T14:20:01.123Z exec pid=66 ppid=1 "
	    "comm=a\\rb\\x7f\\x9b->\\e]0;pwned\\x07\\nx\\xff");
	check(&e, true, "2026-11-23T14:20:01.123Z exec pid=66 ppid=1 "
	    "comm=a\\rb\\x7f\\x9b->\\e]0;pwned\\x07\\nx\\xff");
	events_format_line(&e, true, line, sizeof line);
	for (c = (const unsigned char *)line; *c != '\0'; c++)
		if (*c < 0x20 || *c >= 0x7f)
			clean = false;
	CU_ASSERT(clean);

	/* Valid UTF-8 passes in a UTF-8 locale, C1 and bidi controls not. */
	e = ev(DIFF_STARTED, 67, "caf\xc3\xa9\xc2\x9b\xe2\x80\xae");
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=67 ppid=0 "
	    "comm=caf\xc3\xa9\\u009b\\u202e");
	check(&e, false, "2026-11-23T14:20:01.123Z started pid=67 ppid=0 "
	    "comm=caf\\xc3\\xa9\\xc2\\x9b\\xe2\\x80\\xae");
}

/* A name a script would split or misread is quoted. */
static void
test_quoting(void)
{
	struct diff_event	e = ev(DIFF_STARTED, 5, "Web Content");

	check(&e, true, "2026-11-23T14:20:01.123Z started pid=5 ppid=0 "
	    "comm=\"Web Content\"");
	snprintf(e.comm, sizeof e.comm, "say \"hi\"");
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=5 ppid=0 "
	    "comm=\"say \\\"hi\\\"\"");
	snprintf(e.comm, sizeof e.comm, "%s", "");
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=5 ppid=0 "
	    "comm=\"\"");
	snprintf(e.comm, sizeof e.comm, "a->b");
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=5 ppid=0 "
	    "comm=\"a->b\"");
	/* = and backslashes need no quotes: the key ends at the first =. */
	snprintf(e.comm, sizeof e.comm, "k=v\\");
	check(&e, true, "2026-11-23T14:20:01.123Z started pid=5 ppid=0 "
	    "comm=k=v\\\\");
}

/* The longest line fits; a short buffer truncates as snprintf does. */
static void
test_sizes(void)
{
	struct diff_event	e = ev(DIFF_EXEC, 2147483647, "");
	char			line[EVENTS_LINE_MAX], small[16];
	size_t			n;

	memset(e.comm, '"', sizeof e.comm - 1);
	memset(e.old_comm, 0xff, sizeof e.old_comm - 1);
	e.old_ppid = e.new_ppid = 2147483647;
	e.time = 253402300799.999;	/* 9999-12-31T23:59:59.999Z */
	n = events_format_line(&e, false, line, sizeof line);
	CU_ASSERT(n < sizeof line);
	CU_ASSERT_EQUAL(strlen(line), n);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "9999-12-31T23:59:59.999Z"));

	n = events_format_line(&e, false, small, sizeof small);
	CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
	CU_ASSERT(n > 400);
	CU_ASSERT_EQUAL(events_format_line(&e, false, NULL, 0), n);
}

/*
 * Times beyond 1970 to 9999 (no loader lets them in; a snapshot built by
 * hand can hold them) are clamped, never cast past time_t's range.
 */
static void
test_times_clamped(void)
{
	struct diff_event	e = ev(DIFF_STARTED, 7, "x");

	e.time = 1e300;
	check(&e, true, "9999-12-31T23:59:59.000Z started pid=7 ppid=0 "
	    "comm=x");
	e.time = -1e300;
	check(&e, true, "1970-01-01T00:00:00.000Z started pid=7 ppid=0 "
	    "comm=x");
	e.time = NAN;
	check(&e, true, "1970-01-01T00:00:00.000Z started pid=7 ppid=0 "
	    "comm=x");
	e.time = -INFINITY;
	check(&e, true, "1970-01-01T00:00:00.000Z started pid=7 ppid=0 "
	    "comm=x");
	/* The clamp the header's uptime and clock and the pane use too. */
	CU_ASSERT_EQUAL(snapshot_clamp_time(1e300), SNAPSHOT_TIME_MAX);
	CU_ASSERT_EQUAL(snapshot_clamp_time(INFINITY), SNAPSHOT_TIME_MAX);
	CU_ASSERT_EQUAL(snapshot_clamp_time(SNAPSHOT_TIME_MAX + 0.5),
	    SNAPSHOT_TIME_MAX + 0.5);
	CU_ASSERT_EQUAL(snapshot_clamp_time(-1e300), 0);
	CU_ASSERT_EQUAL(snapshot_clamp_time(NAN), 0);
	CU_ASSERT_EQUAL(snapshot_clamp_time(1795443601.123), 1795443601.123);
}

/* From two snapshots to lines, as --events prints them. */
static void
test_snapshot_pair(void)
{
	static const char *const	want[] = {
		"1970-01-12T13:46:42.250Z reaped pid=12 ppid=10 comm=old "
		    "status=\"exited 1\"",
		"1970-01-12T13:46:42.250Z exec pid=20 ppid=1 "
		    "comm=sh->python3",
		"1970-01-12T13:46:42.250Z reparented pid=21 ppid=10->1 "
		    "comm=\"tmux: server\"",
		"1970-01-12T13:46:42.250Z zombie pid=22 ppid=20 comm=job "
		    "status=\"killed by SIGTERM\"",
		"1970-01-12T13:46:42.250Z exited pid=10 ppid=1 comm=bash",
		"1970-01-12T13:46:42.250Z started pid=30 ppid=20 "
		    "comm=\\e[1mx",
	};
	struct snapshot	*prev = fx_new(), *cur = fx_new();
	struct diff	 d;
	char		 line[EVENTS_LINE_MAX];
	size_t		 i, j;
	bool		 seen[sizeof want / sizeof want[0]] = { false };

	cur->time = prev->time + 2.25;
	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 10, 'S', "bash");
	fx_proc(prev, 12, 10, 10, 'Z', "old")->exit_code = 1 << 8;
	fx_proc(prev, 20, 1, 20, 'S', "sh");
	fx_proc(prev, 21, 10, 10, 'S', "tmux: server");
	fx_proc(prev, 22, 20, 20, 'S', "job");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 20, 1, 20, 'S', "python3");
	fx_proc(cur, 21, 1, 10, 'S', "tmux: server");
	fx_proc(cur, 22, 20, 20, 'Z', "job")->exit_code = 15;
	fx_proc(cur, 30, 20, 20, 'S', "\x1b[1mx");
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, sizeof want / sizeof want[0]);
	for (i = 0; i < d.n; i++) {
		events_format_line(&d.events[i], true, line, sizeof line);
		for (j = 0; j < sizeof want / sizeof want[0]; j++)
			if (strcmp(line, want[j]) == 0)
				seen[j] = true;
	}
	for (j = 0; j < sizeof want / sizeof want[0]; j++) {
		if (!seen[j])
			fprintf(stderr, "\n  missing '%s'\n", want[j]);
		CU_ASSERT(seen[j]);
	}
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* The kernel's lines: an exit's status and lifetime, a loss, the source. */
static void
test_kernel_lines(void)
{
	struct diff_event	e;
	char			line[EVENTS_LINE_MAX];

	memset(&e, 0, sizeof e);
	e.time = 1795443601.123;
	e.kind = DIFF_EXITED;
	e.pid = 4243;
	e.old_ppid = 4242;
	strcpy(e.comm, "crash");
	e.status_known = true;
	e.exit_code = 11 | 0x80;
	e.lifetime = 0.0014;
	events_format_line(&e, true, line, sizeof line);
	CU_ASSERT_STRING_EQUAL(line, "2026-11-23T14:20:01.123Z exited "
	    "pid=4243 ppid=4242 comm=crash status=\"killed by SIGSEGV (core "
	    "dumped)\" lifetime=0.001");
	e.kind = DIFF_LOST;
	e.count = 7;
	events_format_line(&e, true, line, sizeof line);
	CU_ASSERT_STRING_EQUAL(line, "2026-11-23T14:20:01.123Z lost count=7");
	events_format_source(e.time, true, NULL, line, sizeof line);
	CU_ASSERT_STRING_EQUAL(line, "2026-11-23T14:20:01.123Z source "
	    "events_source=kernel");
	events_format_source(e.time, false, "not \"root\"\n", line,
	    sizeof line);
	CU_ASSERT_STRING_EQUAL(line, "2026-11-23T14:20:01.123Z source "
	    "events_source=polling why=\"not \\\"root\\\"\\n\"");
}

static const struct runner_test tests[] = {
	{ "one line per kind", test_kinds },
	{ "the kernel's: exit status, lifetime, loss, source",
	    test_kernel_lines },
	{ "UTC times with milliseconds", test_times },
	{ "hostile names are escaped", test_hostile },
	{ "names with spaces and quotes", test_quoting },
	{ "line sizes and truncation", test_sizes },
	{ "times out of range clamped", test_times_clamped },
	{ "snapshot pair to lines", test_snapshot_pair },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("events", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
