/*
 * The shared main() of the CUnit test programs.  Needs only CUnit: no
 * treetop module, no /proc, no terminal.
 */
#include "config.h"
#include "runner.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

/* Whether a test is to run: every one, or those RUNNER_ONLY names. */
static bool
runner_wanted(const struct runner_test *t)
{
	const char	*only = getenv("RUNNER_ONLY");

	return only == NULL || *only == '\0' || strstr(t->name, only) != NULL;
}

/* The tests of a suite that are to run. */
static size_t
runner_nwanted(const struct runner_suite *rs)
{
	size_t	j, n = 0;

	for (j = 0; j < rs->ntests; j++)
		n += runner_wanted(&rs->tests[j]);
	return n;
}

/* Add the suites and their tests to the registry: 0, or -1 on failure. */
static int
runner_add(const struct runner_suite *suites, size_t nsuites)
{
	const struct runner_suite	*rs;
	CU_pSuite			 suite;
	size_t				 i, j;

	for (i = 0; i < nsuites; i++) {
		rs = &suites[i];
		if (runner_nwanted(rs) == 0)
			continue;
		suite = CU_add_suite(rs->name, rs->init, rs->cleanup);
		if (suite == NULL)
			return -1;
		for (j = 0; j < rs->ntests; j++)
			if (runner_wanted(&rs->tests[j]) &&
			    CU_add_test(suite, rs->tests[j].name,
			    rs->tests[j].fn) == NULL)
				return -1;
	}
	return 0;
}

int
runner_run(const struct runner_suite *suites, size_t nsuites)
{
	unsigned int	failed, broken;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	if (runner_add(suites, nsuites) < 0) {
		CU_cleanup_registry();
		return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures();
	broken = CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return broken ? 99 : failed ? 1 : 0;
}
