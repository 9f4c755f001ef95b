/*
 * The helpers of testutil.h.  Needs only libc and CUnit: no treetop
 * module, so every test program can link it.
 */
#include "config.h"
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#define TESTUTIL_CHUNK	65536

int64_t
testutil_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
testutil_sleep_ms(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		continue;
}

const char *
testutil_treetop_bin(void)
{
	static const char *const	 guess[] = {
		"src/treetop", "../src/treetop"
	};
	const char			*env = getenv("TREETOP");
	size_t				 i;

	if (env != NULL && *env != '\0')
		return env;
	for (i = 0; i < sizeof guess / sizeof guess[0]; i++)
		if (access(guess[i], X_OK) == 0)
			return guess[i];
	return guess[0];
}

char *
testutil_read_all(FILE *f, size_t *len)
{
	char	*buf = NULL, *nb;
	size_t	 cap = 0, n = 0, got;

	do {
		if (cap - n < TESTUTIL_CHUNK) {
			cap = cap != 0 ? cap * 2 : 2 * TESTUTIL_CHUNK;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Say why the program stops, on one line, and exit with status. */
static void __attribute__((noreturn))
testutil_stop(int status, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name,
	    status == 77 ? "skipped" : "cannot run", why);
	exit(status);
}

void
testutil_require_proc(void)
{
	if (access("/proc/self/stat", R_OK) != 0)
		testutil_stop(77, "/proc is not mounted");
}

void
testutil_require_root(const char *why)
{
	char	line[256];

	if (geteuid() == 0)
		return;
	snprintf(line, sizeof line, "needs root (%s)", why);
	testutil_stop(77, line);
}

bool
testutil_set_next_pid(pid_t pid)
{
	char	buf[32];
	int	fd, len;
	bool	ok;

	fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	len = snprintf(buf, sizeof buf, "%d", (int)pid - 1);
	ok = write(fd, buf, (size_t)len) == len;
	close(fd);
	return ok;
}

void
testutil_end_group(pid_t *pgid)
{
	if (*pgid <= 0)
		return;
	kill(-*pgid, SIGKILL);
	while (waitpid(-*pgid, NULL, 0) > 0 || errno == EINTR)
		;
	*pgid = 0;
}

void
testutil_require_utf8(void)
{
	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		testutil_stop(99, "needs a UTF-8 locale (make check sets "
		    "LC_ALL=C.UTF-8)");
}

bool
testutil_check(bool ok, const char *cond, const char *file,
    unsigned int line, const char *fmt, ...)
{
	char	text[1024];
	int	n;
	va_list	ap;

	if (ok) {
		CU_assertImplementation(CU_TRUE, line, cond, file, "",
		    CU_FALSE);
		return true;
	}
	n = snprintf(text, sizeof text, "%s: ", cond);
	if (n < 0 || (size_t)n >= sizeof text)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	va_end(ap);
	/* CUnit keeps a copy of the text. */
	CU_assertImplementation(CU_FALSE, line, text, file, "", CU_FALSE);
	return false;
}
