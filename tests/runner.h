/*
 * The main() of every CUnit test program: register a table of suites, run
 * them in verbose mode so CUnit prints its run summary, and turn the result
 * into an automake exit status.  Pre-checks that skip (77) and cleanup after
 * the run stay in each program.
 */
#ifndef TESTS_RUNNER_H
#define TESTS_RUNNER_H

#include <stddef.h>

#include <CUnit/CUnit.h>

/* Elements in an array (not a pointer). */
#define RUNNER_COUNT(a)	(sizeof (a) / sizeof (a)[0])

/* One test: its name in CUnit's report and its function. */
struct runner_test {
	const char	*name;
	CU_TestFunc	 fn;
};

/* One suite: init and cleanup may be NULL; tests is borrowed. */
struct runner_suite {
	const char			*name;
	CU_InitializeFunc		 init;
	CU_CleanupFunc			 cleanup;
	const struct runner_test	*tests;
	size_t				 ntests;
};

/* A suite initializer for a tests[] array (not a pointer). */
#define RUNNER_SUITE(name, init, cleanup, tests) \
	{ (name), (init), (cleanup), (tests), RUNNER_COUNT(tests) }

/*
 * Register and run the suites in order, then free the CUnit registry.
 * With RUNNER_ONLY set in the environment, only the tests whose name
 * holds it run (a suite left without one is not set up at all): any
 * test can run alone, e.g. RUNNER_ONLY='event log' tests/test_ui_tmux.
 * Returns the exit status: 0 all passed, 1 a test failed, 99 a setup error
 * or a suite whose init or cleanup failed.
 */
int	runner_run(const struct runner_suite *suites, size_t nsuites);

#endif
