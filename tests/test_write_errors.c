/*
 * Live tier: every writer of stdout, with stdout on /dev/full (a full
 * disk): treetop must say so on stderr ("No space left on device") and
 * exit 1, never exit quietly as if the output had been written.  A pipe
 * whose reader has gone is the one exception: quiet, with status 0.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/runner.h"
#include "tests/testutil.h"

#define ENOSPC_TEXT	"No space left on device"

/*
 * Run treetop with args (a shell word list), stdout redirected by redir
 * (">/dev/full"), before that the shell command pre (or nothing); what
 * it wrote on stderr, then "rc=STATUS\n"; *status is the shell's.
 */
static char *
run_redirected(const char *pre, const char *args, const char *redir,
    int *status)
{
	char	 cmd[1024], *out;
	FILE	*p;
	size_t	 len;

	snprintf(cmd, sizeof cmd, "%s '%s' %s 2>&1 %s; echo \"rc=$?\"",
	    pre != NULL ? pre : "", testutil_treetop_bin(), args, redir);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	out = testutil_read_all(p, &len);
	*status = pclose(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	return out;
}

/* treetop ARGS > /dev/full: the message and exit status 1. */
static void
expect_full(const char *pre, const char *args, const char *want)
{
	char	*out;
	int	 status;

	out = run_redirected(pre, args, ">/dev/full", &status);
	TU_CHECK_MSG(strstr(out, want) != NULL && strstr(out, "rc=1\n") !=
	    NULL, "treetop %s > /dev/full said [%s], wanted [%s] and exit "
	    "status 1", args, out, want);
	TU_CHECK_MSG(status == 0, "the shell around treetop %s: %d", args,
	    status);
	free(out);
}

static void
test_batch(void)
{
	expect_full(NULL, "-b", "treetop: write error: " ENOSPC_TEXT "\n");
	expect_full(NULL, "-b -n 2 -d 0.1",
	    "treetop: write error: " ENOSPC_TEXT "\n");
}

static void
test_help_version(void)
{
	expect_full(NULL, "--help", "treetop: write error: " ENOSPC_TEXT);
	expect_full(NULL, "--version", "treetop: write error: " ENOSPC_TEXT);
}

static void
test_json(void)
{
	expect_full(NULL, "--json", ENOSPC_TEXT);
}

static void
test_metrics(void)
{
	expect_full(NULL, "-b --metrics -", ENOSPC_TEXT);
	expect_full(NULL, "-b -n 2 -d 0.1 --metrics -", ENOSPC_TEXT);
}

/* Processes start and exit all through the run, so events are written. */
static void
test_events(void)
{
	expect_full("(i=0; while [ $i -lt 100 ]; do true & i=$((i+1)); "
	    "sleep 0.01; done) & ", "-b --events -n 4 -d 0.1", ENOSPC_TEXT);
}

/* Not every failure is a full disk: a closed stdout is an error too. */
static void
test_closed(void)
{
	char	*out;
	int	 status;

	out = run_redirected(NULL, "--version", ">&-", &status);
	TU_CHECK_MSG(strstr(out, "treetop: write error: ") != NULL &&
	    strstr(out, "rc=1\n") != NULL, "treetop --version >&- said [%s]",
	    out);
	free(out);
}

/*
 * treetop ARGS into a pipe whose reader has gone (closed before treetop
 * writes, as head -1 leaves it): no message and status 0, in every mode
 * outside the explorer, as tools in a pipeline into head are expected to
 * end.  Without the rule SIGPIPE ends treetop with 141.
 */
static void
expect_quiet_pipe(const char *args)
{
	char	 cmd[1024], *out;
	FILE	*p;
	size_t	 len;

	snprintf(cmd, sizeof cmd, "exec 3>&1; ( sleep 0.3; '%s' %s 2>&3; "
	    "echo \"rc=$?\" >&3 ) | ( exec <&-; sleep 1 )",
	    testutil_treetop_bin(), args);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	out = testutil_read_all(p, &len);
	pclose(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	TU_CHECK_MSG(strcmp(out, "rc=0\n") == 0, "treetop %s | (a reader "
	    "that has gone) said [%s], wanted only rc=0", args, out);
	free(out);
}

static void
test_closed_pipe(void)
{
	expect_quiet_pipe("-b");
	expect_quiet_pipe("-b -n 3 -d 0.1");
	expect_quiet_pipe("--json");
	expect_quiet_pipe("-b --metrics -");
	expect_quiet_pipe("-b -n 3 -d 0.1 --metrics -");
	expect_quiet_pipe("-b --events -n 3 -d 0.1");
	expect_quiet_pipe("--help");
	expect_quiet_pipe("--version");
}

int
main(void)
{
	static const struct runner_test	tests[] = {
		{ "-b", test_batch },
		{ "--help and --version", test_help_version },
		{ "--json", test_json },
		{ "--metrics -", test_metrics },
		{ "--events", test_events },
		{ "a closed stdout", test_closed },
		{ "a pipe whose reader has gone", test_closed_pipe },
	};
	static const struct runner_suite	suite =
	    RUNNER_SUITE("write errors", NULL, NULL, tests);

	testutil_require_proc();
	if (access("/dev/full", W_OK) != 0) {
		fprintf(stderr, "test_write_errors: no /dev/full\n");
		return getenv("CI") != NULL && strcmp(getenv("CI"), "true") == 0 ?
		    1 : 77;
	}
	return runner_run(&suite, 1);
}
