/*
 * The fuzz targets of tests/fuzz/ without libFuzzer: every file of their
 * seed corpora and every input that once crashed or misbehaved
 * (tests/fuzz/regressions/) goes through each target, as a fuzzing run
 * would feed it.  A target aborts on anything wrong, and the sanitizer
 * build (configure --enable-sanitizers) catches what it does not check
 * itself, so an input that regresses fails here, with no clang needed.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/runner.h"
#include "tests/testutil.h"

typedef int	(*fuzz_target)(const uint8_t *data, size_t size);

int	fuzz_replay_load(const uint8_t *data, size_t size);
int	fuzz_replay_escape(const uint8_t *data, size_t size);
int	fuzz_replay_document(const uint8_t *data, size_t size);
int	fuzz_replay_cgroup(const uint8_t *data, size_t size);

/* tests/fuzz/NAME under the source tree ($SRCDIR, or the current one). */
static char *
fuzz_dir(const char *name)
{
	const char	*src = getenv("SRCDIR");
	char		*path;

	if (asprintf(&path, "%s/tests/fuzz/%s", src != NULL ? src : ".",
	    name) < 0)
		return NULL;
	return path;
}

/* Feed every file of tests/fuzz/NAME to target; how many it read. */
static size_t
fuzz_replay_dir(fuzz_target target, const char *name)
{
	char		*dir = fuzz_dir(name), *path, *data;
	DIR		*d;
	FILE		*f;
	struct dirent	*e;
	size_t		 n = 0, len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	d = opendir(dir);
	TU_CHECK_MSG(d != NULL, "cannot open %s", dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		CU_ASSERT_FATAL(asprintf(&path, "%s/%s", dir, e->d_name) >= 0);
		f = fopen(path, "rb");
		TU_CHECK_MSG(f != NULL, "cannot open %s", path);
		data = f != NULL ? testutil_read_all(f, &len) : NULL;
		if (f != NULL)
			fclose(f);
		if (data != NULL) {
			CU_ASSERT_EQUAL(target((const uint8_t *)data, len), 0);
			n++;
		}
		free(data);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
	return n;
}

/* The target's own corpus, then every regression input. */
static void
fuzz_replay(fuzz_target target, const char *corpus)
{
	TU_CHECK_MSG(fuzz_replay_dir(target, corpus) >= 2, "%s holds fewer "
	    "than 2 seeds", corpus);
	TU_CHECK_MSG(fuzz_replay_dir(target, "regressions") >= 5,
	    "tests/fuzz/regressions is missing inputs");
}

static void
test_load(void)
{
	fuzz_replay(fuzz_replay_load, "corpus-load");
}

static void
test_escape(void)
{
	fuzz_replay(fuzz_replay_escape, "corpus-escape");
}

static void
test_document(void)
{
	fuzz_replay(fuzz_replay_document, "corpus-document");
	/* Also the other targets' seeds: every one is a --load file too. */
	fuzz_replay_dir(fuzz_replay_document, "corpus-load");
	fuzz_replay_dir(fuzz_replay_document, "corpus-escape");
}

static void
test_cgroup(void)
{
	fuzz_replay(fuzz_replay_cgroup, "corpus-cgroup");
}

int
main(void)
{
	static const struct runner_test		tests[] = {
		{ "fuzz_load: corpus and regressions", test_load },
		{ "fuzz_escape: corpus and regressions", test_escape },
		{ "fuzz_document: corpus and regressions", test_document },
		{ "fuzz_cgroup: corpus and regressions", test_cgroup },
	};
	static const struct runner_suite	suite =
	    RUNNER_SUITE("fuzz replay", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
