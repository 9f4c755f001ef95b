/*
 * The shared main() of the CUnit test programs.  Needs only CUnit: no
 * treetop module, no /proc, no terminal.
 */
#include "config.h"
#include "runner.h"

#include <CUnit/Basic.h>

/* Add the suites and their tests to the registry: 0, or -1 on failure. */
static int
runner_add(const struct runner_suite *suites, size_t nsuites)
{
	const struct runner_suite	*rs;
	CU_pSuite			 suite;
	size_t				 i, j;

	for (i = 0; i < nsuites; i++) {
		rs = &suites[i];
		suite = CU_add_suite(rs->name, rs->init, rs->cleanup);
		if (suite == NULL)
			return -1;
		for (j = 0; j < rs->ntests; j++)
			if (CU_add_test(suite, rs->tests[j].name,
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
