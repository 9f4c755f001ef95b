/*
 * Tests for src/cli.c: every option, every bad-usage case main() turns
 * into exit status 2, and parsing many times in one process.  cli.c never
 * prints or exits, so everything is checked through struct options and
 * the cause string.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/snapshot.h"
#include "src/cli.h"
#include "tests/runner.h"

#define ARGS_MAX	32
#define ARGS_STORE	4096

/* A writable argv; getopt_long permutes it, and load_file points into it. */
struct args {
	char	*v[ARGS_MAX + 1];
	char	 store[ARGS_STORE];
	int	 c;
};

/* Build argv from "treetop" and the NULL-terminated list, then parse. */
static int
args_parse(struct args *a, struct options *o, char **cause, ...)
{
	va_list		 ap;
	const char	*s;
	size_t		 used = 0, len;

	a->c = 0;
	va_start(ap, cause);
	for (s = "treetop"; s != NULL; s = va_arg(ap, const char *)) {
		len = strlen(s) + 1;
		if (a->c == ARGS_MAX || used + len > sizeof a->store) {
			va_end(ap);
			CU_FAIL_FATAL("argument list too long for the test");
		}
		memcpy(a->store + used, s, len);
		a->v[a->c++] = a->store + used;
		used += len;
	}
	va_end(ap);
	a->v[a->c] = NULL;
	return cli_parse(a->c, a->v, o, cause);
}

#define PARSE(a, o, cause, ...) \
	args_parse((a), (o), (cause), __VA_ARGS__, (const char *)NULL)

/* Parse the arguments, which must succeed; the caller frees o. */
#define PARSE_OK(a, o, ...) do {					\
	char	*cause_ = NULL;						\
	int	 rc_ = PARSE((a), (o), &cause_, __VA_ARGS__);		\
	if (rc_ != 0)							\
		fprintf(stderr, "\n  unexpected error: %s\n", cause_);	\
	CU_ASSERT_EQUAL(rc_, 0);					\
	CU_ASSERT_PTR_NULL(cause_);					\
	free(cause_);							\
} while (0)

/* Check a failed parse: one line naming the problem, nothing left owned. */
static void
check_cause(int rc, const struct options *o, char *cause, const char *want1,
    const char *want2)
{
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	if (strstr(cause, want1) == NULL ||
	    (want2 != NULL && strstr(cause, want2) == NULL))
		fprintf(stderr, "\n  cause '%s' lacks '%s'%s%s\n", cause,
		    want1, want2 != NULL ? " or " : "",
		    want2 != NULL ? want2 : "");
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, want1));
	if (want2 != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(cause, want2));
	CU_ASSERT_PTR_NULL(strchr(cause, '\n'));
	CU_ASSERT_PTR_NULL(strchr(cause, '\x1b'));
	CU_ASSERT_NOT_EQUAL(strncmp(cause, "treetop:", 8), 0);
	CU_ASSERT_PTR_NULL(o->pids);
	CU_ASSERT_EQUAL(o->npids, 0);
	free(cause);
}

/* The parse must fail with a cause containing want1 (and want2). */
#define PARSE_ERR(want1, want2, ...) do {				\
	struct args	a_;						\
	struct options	o_;						\
	char		*cause_ = NULL;					\
	int		 rc_ = PARSE(&a_, &o_, &cause_, __VA_ARGS__);	\
	check_cause(rc_, &o_, cause_, (want1), (want2));		\
} while (0)

static void
test_defaults(void)
{
	struct args	a;
	struct options	o;
	char		*cause = (char *)&a;	/* must be reset to NULL */

	CU_ASSERT_EQUAL(args_parse(&a, &o, &cause, (const char *)NULL), 0);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_EQUAL(o.mode, MODE_LIVE);
	CU_ASSERT_DOUBLE_EQUAL(o.delay, CLI_DEFAULT_DELAY, 1e-9);
	CU_ASSERT_EQUAL(o.iterations, 0);
	CU_ASSERT_PTR_NULL(o.pids);
	CU_ASSERT_EQUAL(o.npids, 0);
	CU_ASSERT_FALSE(o.threads);
	CU_ASSERT_FALSE(o.zombies);
	CU_ASSERT_FALSE(o.orphans);
	CU_ASSERT_FALSE(o.has_pidns);
	CU_ASSERT_PTR_NULL(o.load_file);
	CU_ASSERT_EQUAL(o.charset, CHARSET_AUTO);
	CU_ASSERT_FALSE(o.no_color);
	cli_free(&o);
}

static void
test_modes(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-b");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	PARSE_OK(&a, &o, "--batch");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	PARSE_OK(&a, &o, "--json");
	CU_ASSERT_EQUAL(o.mode, MODE_JSON);
	PARSE_OK(&a, &o, "-h");
	CU_ASSERT_EQUAL(o.mode, MODE_HELP);
	PARSE_OK(&a, &o, "--help");
	CU_ASSERT_EQUAL(o.mode, MODE_HELP);
	PARSE_OK(&a, &o, "-V");
	CU_ASSERT_EQUAL(o.mode, MODE_VERSION);
	PARSE_OK(&a, &o, "--version");
	CU_ASSERT_EQUAL(o.mode, MODE_VERSION);
	/* --help acts when it is reached, as in GNU tools. */
	PARSE_OK(&a, &o, "-b", "--json", "--help");
	CU_ASSERT_EQUAL(o.mode, MODE_HELP);
	PARSE_OK(&a, &o, "-p", "1", "--version", "bogus");
	CU_ASSERT_EQUAL(o.mode, MODE_VERSION);
	cli_free(&o);
}

static void
test_iterations_and_delay(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-b", "-n", "5");
	CU_ASSERT_EQUAL(o.iterations, 5);
	PARSE_OK(&a, &o, "-b", "--iterations=3");
	CU_ASSERT_EQUAL(o.iterations, 3);
	PARSE_OK(&a, &o, "-n7");
	CU_ASSERT_EQUAL(o.mode, MODE_LIVE);	/* live: quit after 7 */
	CU_ASSERT_EQUAL(o.iterations, 7);
	PARSE_OK(&a, &o, "--json", "-n", "1");
	CU_ASSERT_EQUAL(o.iterations, 1);
	PARSE_OK(&a, &o, "-d", "0.5");
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 0.5, 1e-9);
	PARSE_OK(&a, &o, "--delay", "2");
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 2.0, 1e-9);
	PARSE_OK(&a, &o, "--delay=86400");
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 86400.0, 1e-9);
	PARSE_OK(&a, &o, "-d1e-1");			/* the floor */
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 0.1, 1e-12);
	PARSE_OK(&a, &o, "-d", "0.15");
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 0.15, 1e-12);
	PARSE_OK(&a, &o, "--del", ".25");		/* abbreviation */
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 0.25, 1e-9);
}

static void
test_delay_locale(void)
{
	struct args	a;
	struct options	o;
	const char	*loc[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE" };
	size_t		 i;

	/* A decimal comma locale must not change how "1.5" reads. */
	for (i = 0; i < sizeof loc / sizeof loc[0]; i++)
		if (setlocale(LC_NUMERIC, loc[i]) != NULL)
			break;
	PARSE_OK(&a, &o, "-d", "1.5");
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 1.5, 1e-9);
	setlocale(LC_NUMERIC, "C");
}

static void
test_pids(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-p", "42");
	CU_ASSERT_EQUAL_FATAL(o.npids, 1);
	CU_ASSERT_EQUAL(o.pids[0], 42);
	cli_free(&o);
	CU_ASSERT_PTR_NULL(o.pids);
	CU_ASSERT_EQUAL(o.npids, 0);
	cli_free(&o);				/* twice is harmless */

	PARSE_OK(&a, &o, "-p", "1,2", "--pid=30", "-p4194304", "-p", "2");
	CU_ASSERT_EQUAL_FATAL(o.npids, 4);	/* duplicates dropped */
	CU_ASSERT_EQUAL(o.pids[0], 1);
	CU_ASSERT_EQUAL(o.pids[1], 2);
	CU_ASSERT_EQUAL(o.pids[2], 30);
	CU_ASSERT_EQUAL(o.pids[3], 4194304);
	cli_free(&o);
	cli_free(NULL);
}

static void
test_filters(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-T");
	CU_ASSERT_TRUE(o.threads);
	PARSE_OK(&a, &o, "--threads", "--zombies");
	CU_ASSERT_TRUE(o.threads);
	CU_ASSERT_TRUE(o.zombies);
	CU_ASSERT_FALSE(o.orphans);
	PARSE_OK(&a, &o, "--orphans");
	CU_ASSERT_TRUE(o.orphans);
	PARSE_OK(&a, &o, "--pidns", "4026531836");
	CU_ASSERT_TRUE(o.has_pidns);
	CU_ASSERT_EQUAL(o.pidns, 4026531836ULL);
	PARSE_OK(&a, &o, "--pidns=pid:[4026532177]", "--zombies");
	CU_ASSERT_EQUAL(o.pidns, 4026532177ULL);
	CU_ASSERT_TRUE(o.zombies);
	PARSE_OK(&a, &o, "--pidns", "18446744073709551615");
	CU_ASSERT_EQUAL(o.pidns, UINT64_MAX);
	/* a container's name or ID prefix: looked up after the first scan */
	PARSE_OK(&a, &o, "--pidns", "tt-web");
	CU_ASSERT_FALSE(o.has_pidns);
	CU_ASSERT_STRING_EQUAL(o.pidns_container, "tt-web");
	PARSE_OK(&a, &o, "--pidns", "3f1c0e");
	CU_ASSERT_STRING_EQUAL(o.pidns_container, "3f1c0e");
	PARSE_OK(&a, &o, "--container", "a18526");
	CU_ASSERT_STRING_EQUAL(o.container, "a18526");
	CU_ASSERT_PTR_NULL(o.pidns_container);
	PARSE_OK(&a, &o, "--container=db", "-b");
	CU_ASSERT_STRING_EQUAL(o.container, "db");
}

static void
test_display_and_load(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "--ascii");
	CU_ASSERT_EQUAL(o.charset, CHARSET_ASCII);
	PARSE_OK(&a, &o, "--utf8");
	CU_ASSERT_EQUAL(o.charset, CHARSET_UTF8);
	PARSE_OK(&a, &o, "--utf8", "--ascii");		/* the last wins */
	CU_ASSERT_EQUAL(o.charset, CHARSET_ASCII);
	PARSE_OK(&a, &o, "--no-color");
	CU_ASSERT_TRUE(o.no_color);
	PARSE_OK(&a, &o, "--load", "snap.json", "-b");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o.load_file);
	CU_ASSERT_STRING_EQUAL(o.load_file, "snap.json");
	CU_ASSERT_TRUE(o.load_file >= a.store &&
	    o.load_file < a.store + sizeof a.store);	/* borrowed */
}

static void
test_clusters_and_order(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-bTn2", "-d", "3");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	CU_ASSERT_TRUE(o.threads);
	CU_ASSERT_EQUAL(o.iterations, 2);
	CU_ASSERT_DOUBLE_EQUAL(o.delay, 3.0, 1e-9);
	PARSE_OK(&a, &o, "-Tp", "9");
	CU_ASSERT_EQUAL_FATAL(o.npids, 1);
	CU_ASSERT_EQUAL(o.pids[0], 9);
	cli_free(&o);
	PARSE_OK(&a, &o, "-b", "--");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
}

static void
test_bad_options(void)
{
	PARSE_ERR("unrecognized option '--bogus'", NULL, "--bogus");
	PARSE_ERR("unrecognized option '--bogus'", NULL, "--bogus=1");
	PARSE_ERR("unrecognized option '-x'", NULL, "-x");
	PARSE_ERR("unrecognized option '-x'", NULL, "-bxT");
	PARSE_ERR("'--pi'", "ambiguous", "--pi", "1");
	PARSE_ERR("'--batch'", "doesn't allow an argument", "--batch=1");
	PARSE_ERR("option '-d' requires an argument", NULL, "-d");
	PARSE_ERR("option '-d' requires an argument", NULL, "-bd");
	PARSE_ERR("option '--delay' requires an argument", NULL, "--delay");
	PARSE_ERR("option '-p' requires an argument", NULL, "-p");
	PARSE_ERR("option '--pidns' requires an argument", NULL, "--pidns");
	PARSE_ERR("unexpected argument 'foo'", NULL, "foo");
	PARSE_ERR("unexpected argument 'foo'", NULL, "foo", "-b");
	PARSE_ERR("unexpected argument '-x'", NULL, "-b", "--", "-x");
	PARSE_ERR("unexpected argument '-'", NULL, "-");
	PARSE_ERR("--load", "file name", "--load", "");
}

static void
test_bad_delay(void)
{
	PARSE_ERR("delay", "'-1'", "-d", "-1");
	PARSE_ERR("delay", "'abc'", "-d", "abc");
	PARSE_ERR("delay", "'0'", "-d", "0");
	PARSE_ERR("delay", "'0.0'", "--delay=0.0");
	PARSE_ERR("delay", "'nan'", "-d", "nan");
	PARSE_ERR("delay", "'inf'", "-d", "inf");
	PARSE_ERR("delay", "'1x'", "-d", "1x");
	PARSE_ERR("delay", "''", "-d", "");
	PARSE_ERR("delay", "' 1'", "-d", " 1");
	PARSE_ERR("delay", "'86401'", "-d", "86401");
	PARSE_ERR("delay", "'1e999'", "-d", "1e999");
	/* The floor, 0.1 s, as htop's and watch's. */
	PARSE_ERR("at least 0.1 and at most 86400", "'0.09'", "-d", "0.09");
	PARSE_ERR("delay", "'0.01'", "-d", "0.01");
	PARSE_ERR("delay", "'1e-300'", "-d", "1e-300");
	PARSE_ERR("delay", "'-inf'", "-d", "-inf");
	PARSE_ERR("delay", "'-0.5'", "--delay=-0.5");
}

static void
test_bad_iterations(void)
{
	PARSE_ERR("iteration count", "'0'", "-b", "-n", "0");
	PARSE_ERR("iteration count", "'x'", "-n", "x");
	PARSE_ERR("iteration count", "'-1'", "-n", "-1");
	PARSE_ERR("iteration count", "'2x'", "--iterations=2x");
	PARSE_ERR("iteration count", "''", "-n", "");
	PARSE_ERR("iteration count", "'99999999999999999999'", "-n",
	    "99999999999999999999");
}

static void
test_bad_pids(void)
{
	PARSE_ERR("invalid PID", "'notanumber'", "-p", "notanumber");
	PARSE_ERR("invalid PID", "'0'", "-p", "0");
	PARSE_ERR("invalid PID", "'-3'", "-p", "-3");
	PARSE_ERR("invalid PID", "'12abc'", "-p", "12abc");
	PARSE_ERR("invalid PID", "'4194305'", "-p", "4194305");
	PARSE_ERR("invalid PID", "'+5'", "-p", "+5");
	PARSE_ERR("invalid PID '' in '1,,2'", NULL, "-p", "1,,2");
	PARSE_ERR("invalid PID '' in '1,'", NULL, "-p", "1,");
	PARSE_ERR("invalid PID 'x' in '3,x'", NULL, "-p", "1", "-p", "3,x");
	PARSE_ERR("invalid PID", "'123456789012345678901234'", "-p",
	    "123456789012345678901234");
}

static void
test_bad_pidns(void)
{
	PARSE_ERR("PID namespace", "'0'", "--pidns", "0");
	PARSE_ERR("PID namespace", "'pid:[]'", "--pidns", "pid:[]");
	PARSE_ERR("PID namespace", "'pid:[12'", "--pidns", "pid:[12");
	PARSE_ERR("PID namespace", "'net:[4026531840]'", "--pidns",
	    "net:[4026531840]");
	PARSE_ERR("PID namespace", "'-1'", "--pidns", "-1");
	PARSE_ERR("PID namespace", "'18446744073709551616'", "--pidns",
	    "18446744073709551616");
}

static void
test_conflicts(void)
{
	PARSE_ERR("options --batch and --json are mutually exclusive", NULL,
	    "-b", "--json");
	PARSE_ERR("--zombies", "--orphans", "--zombies", "--orphans");
	PARSE_ERR("--pid", "--pidns", "-p", "1", "--pidns", "4026531836");
	PARSE_ERR("--pid", "--zombies", "--zombies", "-p", "1");
	PARSE_ERR("--pid", "--orphans", "-p", "1", "--orphans");
	PARSE_ERR("--iterations", "--json", "--json", "-n", "2");
	PARSE_ERR("--container", "--pid", "--container", "x", "-p", "1");
	PARSE_ERR("--container", "--pidns", "--container", "x", "--pidns",
	    "4026531836");
	PARSE_ERR("--container", "--pidns", "--container", "x", "--pidns", "y");
	PARSE_ERR("--container", "--zombies", "--zombies", "--container", "x");
	PARSE_ERR("--container", "--orphans", "--container", "x", "--orphans");
	PARSE_ERR("--pid", "--pidns", "-p", "1", "--pidns", "web");
	PARSE_ERR("--container", "name or an ID", "--container", "");
}

static void
test_cause_is_escaped(void)
{
	char	buf[600];

	/* An argument never reaches the terminal raw. */
	PARSE_ERR("'\\e[2J'", NULL, "\x1b[2J");
	PARSE_ERR("'\\e]0;x\\x07'", "delay", "-d", "\x1b]0;x\x07");
	PARSE_ERR("'-\\x01'", "unrecognized", "-\x01");
	/* A long argument is cut, so the cause stays one short line. */
	memset(buf, 'a', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	PARSE_ERR("unexpected argument 'aaaa", "...'", buf);
}

static void
test_repeated_parsing(void)
{
	struct args	a;
	struct options	o;
	char		*cause;
	int		 i;

	for (i = 0; i < 50; i++) {
		/* An error inside a cluster leaves getopt mid-word. */
		CU_ASSERT_EQUAL(PARSE(&a, &o, &cause, "-Tx", "-b"), -1);
		free(cause);
		PARSE_OK(&a, &o, "-p", "5,6", "-d", "2");
		CU_ASSERT_EQUAL(o.npids, 2);
		CU_ASSERT_FALSE(o.threads);
		cli_free(&o);
		PARSE_OK(&a, &o, "-T");
		CU_ASSERT_TRUE(o.threads);
		CU_ASSERT_EQUAL(o.mode, MODE_LIVE);
		CU_ASSERT_DOUBLE_EQUAL(o.delay, CLI_DEFAULT_DELAY, 1e-9);
		CU_ASSERT_EQUAL(PARSE(&a, &o, &cause, "-p", "7", "foo"), -1);
		free(cause);
		PARSE_OK(&a, &o, "--json");
		CU_ASSERT_EQUAL(o.mode, MODE_JSON);
		CU_ASSERT_PTR_NULL(o.pids);
	}
}

static void
test_help_text(void)
{
	static const char *const want[] = {
		"Usage: treetop [OPTION]...", "-b, --batch", "--json",
		"-n, --iterations N", "-d, --delay SECS", "-p, --pid PID",
		"-T, --threads", "--zombies", "--orphans", "--pidns INODE",
		"--load FILE", "--ascii", "--utf8", "--no-color",
		"-h, --help", "-V, --version", "Batch MARK column:",
		"Z  zombie", "O  orphan", "D  daemon",
		"I  init of a PID namespace (PID 1 inside it)",
		"K  kernel thread",
		"Exit status: 0 ok, 1 runtime failure, 2 bad usage.",
	};
	const char	*h = cli_help_text(), *line, *nl;
	size_t		 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(strncmp(h, "Usage: treetop [OPTION]...\n", 27), 0);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (strstr(h, want[i]) == NULL)
			fprintf(stderr, "\n  help lacks '%s'\n", want[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(h, want[i]));
	}
	for (line = h; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		CU_ASSERT(nl - line <= 79);
	}
	for (i = 0; h[i] != '\0'; i++)
		CU_ASSERT((unsigned char)h[i] < 0x80);
}

static void
test_metrics(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-b", "--metrics", "/tmp/t.prom");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	CU_ASSERT_STRING_EQUAL(o.metrics_file, "/tmp/t.prom");
	CU_ASSERT_EQUAL(o.metrics_top, 20);
	cli_free(&o);
	/* A file keeps the explorer; stdout cannot be both. */
	PARSE_OK(&a, &o, "--metrics", "t.prom", "--metrics-top", "0");
	CU_ASSERT_EQUAL(o.mode, MODE_LIVE);
	CU_ASSERT_EQUAL(o.metrics_top, 0);
	cli_free(&o);
	PARSE_OK(&a, &o, "--metrics", "-", "-n", "3");
	CU_ASSERT_EQUAL(o.mode, MODE_BATCH);
	CU_ASSERT_STRING_EQUAL(o.metrics_file, "-");
	cli_free(&o);
	PARSE_OK(&a, &o, "-b", "--events", "--metrics=m.prom");
	CU_ASSERT_TRUE(o.events);
	cli_free(&o);
	PARSE_OK(&a, &o, "--metrics", "x", "--metrics-top", "100000");
	CU_ASSERT_EQUAL(o.metrics_top, 100000);
	cli_free(&o);
}

static void
test_bad_metrics(void)
{
	PARSE_ERR("'--metrics' requires a file name", NULL, "--metrics", "");
	PARSE_ERR("'--metrics' requires an argument", NULL, "--metrics");
	PARSE_ERR("invalid zombie parent count '-1'", "0 to 100000",
	    "--metrics", "m", "--metrics-top", "-1");
	PARSE_ERR("invalid zombie parent count '100001'", NULL,
	    "--metrics", "m", "--metrics-top", "100001");
	PARSE_ERR("invalid zombie parent count 'x'", NULL,
	    "--metrics", "m", "--metrics-top", "x");
	PARSE_ERR("--metrics-top goes with --metrics", NULL,
	    "-b", "--metrics-top", "3");
	PARSE_ERR("--metrics and --json", NULL, "--json", "--metrics", "m");
	PARSE_ERR("--metrics and --load", NULL, "--load", "f.json",
	    "--metrics", "m");
	PARSE_ERR("both write to standard output", NULL, "-b", "--events",
	    "--metrics", "-");
	PARSE_ERR("is ambiguous", NULL, "--metr", "m");
}

/* --group-ns TYPE: the eight types, any case; not with --json. */
static void
test_group_ns(void)
{
	struct args	a;
	struct options	o;

	PARSE_OK(&a, &o, "-b");
	CU_ASSERT_FALSE(o.has_group_ns);
	PARSE_OK(&a, &o, "-b", "--group-ns", "uts");
	CU_ASSERT_TRUE(o.has_group_ns);
	CU_ASSERT_EQUAL(o.group_ns, NS_UTS);
	PARSE_OK(&a, &o, "--group-ns=Cgroup");
	CU_ASSERT_EQUAL(o.group_ns, NS_CGROUP);
	CU_ASSERT_EQUAL(o.mode, MODE_LIVE);
	PARSE_OK(&a, &o, "--group-ns", "pid", "--zombies");
	CU_ASSERT_EQUAL(o.group_ns, NS_PID);
	PARSE_ERR("invalid namespace type 'pids'", "pid, mnt, net",
	    "--group-ns", "pids");
	PARSE_ERR("invalid namespace type '\\e[2J'", NULL, "--group-ns",
	    "\033[2J");
	PARSE_ERR("--group-ns does not apply to --json", NULL, "--json",
	    "--group-ns", "net");
	PARSE_ERR("requires an argument", NULL, "--group-ns");
}

static const struct runner_test tests[] = {
	{ "--group-ns", test_group_ns },
	{ "metrics", test_metrics },
	{ "bad metrics", test_bad_metrics },
	{ "defaults", test_defaults },
	{ "modes", test_modes },
	{ "iterations and delay", test_iterations_and_delay },
	{ "delay ignores LC_NUMERIC", test_delay_locale },
	{ "pids", test_pids },
	{ "filters", test_filters },
	{ "display and load", test_display_and_load },
	{ "clusters and order", test_clusters_and_order },
	{ "bad options", test_bad_options },
	{ "bad delay", test_bad_delay },
	{ "bad iterations", test_bad_iterations },
	{ "bad pids", test_bad_pids },
	{ "bad pidns", test_bad_pidns },
	{ "conflicts", test_conflicts },
	{ "causes are escaped", test_cause_is_escaped },
	{ "repeated parsing", test_repeated_parsing },
	{ "help text", test_help_text },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("cli", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
