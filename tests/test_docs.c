/*
 * The user's documents stand alone: README.md, doc/ and bench/README.md
 * name no file outside the repository, every relative link points at a
 * file that exists, they speak of no project-internal notes, and the man
 * page and --help explain every MARK letter the classifier can give.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <CUnit/Basic.h>

#include "proc/xalloc.h"
#include "src/cli.h"
#include "tests/runner.h"

/* A failure whose report says what was found (CU_FAIL shows its code). */
#define DOCS_FAIL(msg) \
	CU_assertImplementation(CU_FALSE, __LINE__, (msg), __FILE__, "", \
	    CU_FALSE)

static const char *const docs_files[] = {
	"README.md", "doc/json-schema.md", "doc/recording.md", "doc/metrics.md",
	"doc/treetop.1", "bench/README.md",
};

/* Words that point outside the project's own documents. */
static const char *const docs_outside[] = {
	"../shared", "DESIGN.md", "STYLE.md", "wish list", "the issue",
	"issue #", "/work/",
};

static char *
docs_read(const char *rel, char *path, size_t size)
{
	const char	*top = getenv("SRCDIR");
	FILE		*f;
	char		*buf;
	long		 len;

	snprintf(path, size, "%s/%s", top != NULL ? top : ".", rel);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)len + 1);
	buf[fread(buf, 1, (size_t)len, f)] = '\0';
	fclose(f);
	return buf;
}

/* Case-insensitive strstr. */
static const char *
docs_find(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* The line number of p in buf, for the message. */
static int
docs_line(const char *buf, const char *p)
{
	int	line = 1;

	for (; buf < p; buf++)
		line += *buf == '\n';
	return line;
}

static void
test_nothing_outside(void)
{
	char		 path[4096], msg[4600];
	const char	*hit;
	char		*text;
	size_t		 i, j;

	for (i = 0; i < RUNNER_COUNT(docs_files); i++) {
		text = docs_read(docs_files[i], path, sizeof path);
		CU_ASSERT_PTR_NOT_NULL(text);
		for (j = 0; text != NULL && j < RUNNER_COUNT(docs_outside); j++) {
			if ((hit = docs_find(text, docs_outside[j])) == NULL)
				continue;
			snprintf(msg, sizeof msg, "%s:%d names '%s'", path,
			    docs_line(text, hit), docs_outside[j]);
			DOCS_FAIL(msg);
		}
		free(text);
	}
}

/* dir "/" and len bytes of rel, cut to size. */
static void
docs_join(char *buf, size_t size, const char *dir, const char *rel,
    size_t len)
{
	size_t	used = strlen(dir);

	if (used + 2 + len > size)
		len = 0;
	memcpy(buf, dir, used);
	buf[used++] = '/';
	memcpy(buf + used, rel, len);
	buf[used + len] = '\0';
}

/* True if the len bytes at p climb out of a directory. */
static bool
docs_has_dotdot(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i + 1 < len; i++)
		if (p[i] == '.' && p[i + 1] == '.')
			return true;
	return false;
}

/* Every Markdown link that is not a URL or an anchor names a file here. */
static void
test_links_resolve(void)
{
	char		 path[4096], target[4096], msg[8400], dir[4096];
	const char	*p, *end, *slash;
	char		*text;
	struct stat	 st;
	size_t		 i, len;

	for (i = 0; i < RUNNER_COUNT(docs_files); i++) {
		if ((text = docs_read(docs_files[i], path, sizeof path)) == NULL)
			continue;
		slash = strrchr(path, '/');
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		for (p = text; (p = strstr(p, "](")) != NULL; p = end) {
			p += 2;
			end = p + strcspn(p, ") \n");
			len = (size_t)(end - p);
			if (len == 0 || *p == '#' || strncmp(p, "http", 4) == 0)
				continue;
			docs_join(target, sizeof target, dir, p,
			    strcspn(p, "#)"));
			if (stat(target, &st) == 0 &&
			    !docs_has_dotdot(p, len))
				continue;
			snprintf(msg, sizeof msg, "%s:%d links to %.*s, not a "
			    "file of the repository", path, docs_line(text, p),
			    (int)len, p);
			DOCS_FAIL(msg);
		}
		free(text);
	}
}

/* Every letter the classifier writes is explained in the man page and --help. */
static void
test_marks_explained(void)
{
	static const char	 letters[] = "ZODIKGS";
	char			 path[4096], want[16], msg[128];
	const char		*marks;
	char			*man;
	size_t			 i;

	man = docs_read("doc/treetop.1", path, sizeof path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(man);
	marks = strstr(man, ".B MARK");
	CU_ASSERT_PTR_NOT_NULL_FATAL(marks);
	for (i = 0; letters[i] != '\0'; i++) {
		snprintf(want, sizeof want, "\n.B %c\n", letters[i]);
		if (strstr(marks, want) == NULL) {
			snprintf(msg, sizeof msg, "the man page's MARK list has "
			    "no %c", letters[i]);
			DOCS_FAIL(msg);
		}
		snprintf(want, sizeof want, "\n  %c  ", letters[i]);
		if (strstr(cli_help_text(), want) == NULL) {
			snprintf(msg, sizeof msg, "--help's MARK legend has "
			    "no %c", letters[i]);
			DOCS_FAIL(msg);
		}
	}
	free(man);
}

int
main(void)
{
	static const struct runner_test tests[] = {
		{ "no references outside the repository", test_nothing_outside },
		{ "relative links resolve", test_links_resolve },
		{ "every MARK letter explained", test_marks_explained },
	};
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("documents", NULL, NULL, tests),
	};

	return runner_run(suites, RUNNER_COUNT(suites));
}
