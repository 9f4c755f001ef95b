/*
 * Live tier: processes with odd argument vectors, made by this program
 * executing itself with them.  An empty argv (argv ["", ""], or argc 0,
 * for which the kernel gives an argv of one empty string since 5.18) is
 * shown as [comm], as ps shows it, in -b, in -b of a --json document,
 * and in the explorer; --json keeps the command line as the kernel
 * gives it.  A UTF-8 argv[0] is found by typing it into the explorer's
 * search prompt.  Signals only its own processes.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <jansson.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define ARGV_HOLD_ENV	"TREETOP_TEST_ARGV_HOLD"
#define ARGV_WAIT_MS	8000
#define ARGV_UTF8_NAME	"\xc5\xbc\xc3\xb3\xc5\x82w\xc5\xbc\xc3\xb3\xc5\x82w"

enum holder {
	HOLD_EMPTY_ARGS,	/* argv ["", ""] */
	HOLD_NO_ARGS,		/* argc 0 */
	HOLD_UTF8,		/* argv ["żółwżółw"] */
	HOLD_COUNT
};

static pid_t		holders[HOLD_COUNT];
static struct tmuxfx	tx;
static char		self[PATH_MAX];

/* This program again, with argv, in its own process group, waiting. */
static pid_t
holder_start(char *const argv[])
{
	static char	env_hold[] = ARGV_HOLD_ENV "=1";
	char		*envp[] = { env_hold, NULL };
	pid_t		 pid;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execve(self, argv, envp);
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

/* Until the holder has executed itself (its command line has changed). */
static bool
holder_wait_exec(pid_t pid)
{
	char	path[64], env[32] = "";
	FILE	*f;
	int64_t	end = testutil_now_ms() + ARGV_WAIT_MS;

	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	while (testutil_now_ms() < end) {
		if ((f = fopen(path, "r")) != NULL) {
			size_t	n = fread(env, 1, sizeof env - 1, f);

			fclose(f);
			env[n] = '\0';
			if (strncmp(env, ARGV_HOLD_ENV, strlen(ARGV_HOLD_ENV))
			    == 0)
				return true;
		}
		testutil_sleep_ms(20);
	}
	return false;
}

static int
holders_start(void)
{
	static char	empty[] = "", utf8[] = ARGV_UTF8_NAME;
	char		*empty_args[] = { empty, empty, NULL };
	char		*no_args[] = { NULL };
	char		*utf8_args[] = { utf8, NULL };
	char *const	*argvs[HOLD_COUNT] = { empty_args, no_args, utf8_args };
	ssize_t		 n;
	int		 k;

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) < 0)
		return -1;
	self[n] = '\0';
	for (k = 0; k < HOLD_COUNT; k++)
		if ((holders[k] = holder_start(argvs[k])) <= 0 ||
		    !holder_wait_exec(holders[k]))
			return -1;
	return 0;
}

static int
holders_end(void)
{
	int	k;

	tmuxfx_stop(&tx);
	for (k = 0; k < HOLD_COUNT; k++) {
		if (holders[k] <= 0)
			continue;
		kill(-holders[k], SIGKILL);
		waitpid(holders[k], NULL, 0);
		holders[k] = 0;
	}
	return 0;
}

/* "[comm]" of pid, as /proc/PID/comm has it. */
static void
holder_bracketed_comm(pid_t pid, char *buf, size_t size)
{
	char	path[64], comm[32] = "";
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(comm, sizeof comm, f) == NULL)
			comm[0] = '\0';
		fclose(f);
	}
	comm[strcspn(comm, "\n")] = '\0';
	snprintf(buf, size, "[%s]", comm);
}

/* The output of a shell command, whole; the caller frees it. */
static char *
run_capture(const char *cmd)
{
	FILE	*p = popen(cmd, "r");
	char	*out;
	size_t	 len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	out = testutil_read_all(p, &len);
	pclose(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	return out;
}

/* The line of -b output whose PID column is pid, into line. */
static bool
batch_line(const char *out, pid_t pid, char *line, size_t size)
{
	const char	*s = out, *nl;
	char		*end;

	for (; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		if (strtol(s, &end, 10) == pid && end != s && *end == ' ') {
			snprintf(line, size, "%.*s", (int)(nl - s), s);
			return true;
		}
		if (*nl == '\0')
			break;
	}
	return false;
}

/* The -b lines of both empty argvs end in [comm]. */
static void
check_batch_names(const char *out, const char *how)
{
	char	line[1024], want[40];
	size_t	n;
	int	k;

	for (k = HOLD_EMPTY_ARGS; k <= HOLD_NO_ARGS; k++) {
		holder_bracketed_comm(holders[k], want, sizeof want);
		TU_CHECK_MSG(batch_line(out, holders[k], line, sizeof line),
		    "%s has no line for PID %d", how, (int)holders[k]);
		n = strlen(line);
		TU_CHECK_MSG(n >= strlen(want) && strcmp(line + n -
		    strlen(want), want) == 0, "%s shows PID %d as [%s], "
		    "wanted it to end in %s", how, (int)holders[k], line, want);
	}
}

static void
test_batch(void)
{
	char	cmd[PATH_MAX + 64], *out;

	snprintf(cmd, sizeof cmd, "'%s' -b", testutil_treetop_bin());
	out = run_capture(cmd);
	check_batch_names(out, "treetop -b");
	free(out);
}

/* The command line of pid in a --json document, as a JSON array. */
static json_t *
json_cmdline(json_t *doc, pid_t pid)
{
	json_t	*procs = json_object_get(doc, "processes"), *p;
	size_t	 i;

	json_array_foreach(procs, i, p)
		if (json_integer_value(json_object_get(p, "pid")) == pid)
			return json_object_get(p, "cmdline");
	return NULL;
}

/* --json keeps [""] or ["", ""]; -b of that document shows [comm]. */
static void
test_json(void)
{
	char		 path[] = "/tmp/treetop-argv-XXXXXX", cmd[PATH_MAX + 128];
	char		*out;
	json_t		*doc, *args;
	json_error_t	 err;
	int		 fd;

	CU_ASSERT_FATAL((fd = mkstemp(path)) >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "'%s' --json > '%s'",
	    testutil_treetop_bin(), path);
	CU_ASSERT_FATAL(system(cmd) == 0);
	doc = json_load_file(path, 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	args = json_cmdline(doc, holders[HOLD_EMPTY_ARGS]);
	TU_CHECK_MSG(json_is_array(args) && json_array_size(args) == 2 &&
	    strcmp(json_string_value(json_array_get(args, 0)), "") == 0 &&
	    strcmp(json_string_value(json_array_get(args, 1)), "") == 0,
	    "argv [\"\", \"\"] is not kept in --json");
	/* argc 0: [""] since Linux 5.18, [] before. */
	args = json_cmdline(doc, holders[HOLD_NO_ARGS]);
	TU_CHECK_MSG(json_is_array(args) && json_array_size(args) <= 1,
	    "argc 0 has a command line of more than one argument");
	json_decref(doc);
	snprintf(cmd, sizeof cmd, "'%s' -b --load '%s'",
	    testutil_treetop_bin(), path);
	out = run_capture(cmd);
	check_batch_names(out, "treetop -b --load (a --json document)");
	free(out);
	unlink(path);
}

static int
explorer_start(void)
{
	if (tmuxfx_start(&tx, "argv", ARGV_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5", testutil_treetop_bin()) < 0)
		return -1;
	return tmuxfx_wait(&tx, "Tasks:", false) ? 0 : -1;
}

/* Searched for by PID, each empty argv's row shows [comm]. */
static void
test_explorer(void)
{
	char	pid[16], row[1024], want[40];
	int	k;

	CU_ASSERT_FATAL(explorer_start() == 0);
	for (k = HOLD_EMPTY_ARGS; k <= HOLD_NO_ARGS; k++) {
		snprintf(pid, sizeof pid, "%d", (int)holders[k]);
		holder_bracketed_comm(holders[k], want, sizeof want);
		tmuxfx_type(&tx, "/", NULL);
		tmuxfx_type(&tx, pid, "Enter");
		tmuxfx_type(&tx, NULL, "Escape");
		TU_CHECK_MSG(tmuxfx_wait_row(&tx, holders[k], false, row,
		    sizeof row) && strstr(row, want) != NULL, "the explorer "
		    "shows PID %d as [%s], wanted %s", (int)holders[k], row,
		    want);
	}
	tmuxfx_stop(&tx);
}

/* A name in UTF-8, typed into the search prompt, is found. */
static void
test_utf8_search(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(explorer_start() == 0);
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, ARGV_UTF8_NAME, NULL);
	TU_CHECK_MSG(tmuxfx_wait(&tx, "Esc clears): " ARGV_UTF8_NAME, false),
	    "the search prompt does not show what was typed");
	tmuxfx_type(&tx, NULL, "Enter");
	TU_CHECK_MSG(tmuxfx_wait(&tx, "search '" ARGV_UTF8_NAME "'", false),
	    "the search was not kept");
	CU_ASSERT(strstr(tx.screen, "no match") == NULL);
	TU_CHECK_MSG(tmuxfx_row(&tx, holders[HOLD_UTF8], row, sizeof row) &&
	    strstr(row, ARGV_UTF8_NAME) != NULL, "the row found is [%s]",
	    row);
	/* Backspace takes a whole character: the prompt shows the rest. */
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, ARGV_UTF8_NAME, "BSpace");
	CU_ASSERT(tmuxfx_wait(&tx, "Esc clears): \xc5\xbc\xc3\xb3\xc5\x82w"
	    "\xc5\xbc\xc3\xb3\xc5\x82_", false));
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_stop(&tx);
}

int
main(void)
{
	static const struct runner_test	tests[] = {
		{ "-b shows [comm] for an empty argv", test_batch },
		{ "--json keeps it, -b of the document shows [comm]",
		    test_json },
		{ "the explorer shows [comm] for an empty argv",
		    test_explorer },
		{ "a UTF-8 name typed into the search is found",
		    test_utf8_search },
	};
	static const struct runner_suite	suite =
	    RUNNER_SUITE("odd argument vectors", NULL, holders_end, tests);
	const char	*ci = getenv("CI");
	int		 status;

	if (getenv(ARGV_HOLD_ENV) != NULL) {
		for (;;)
			pause();	/* a holder: until killed */
	}
	setlocale(LC_ALL, "");
	testutil_require_proc();
	testutil_require_utf8();
	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_argv_live: tmux is not installed\n");
		return ci != NULL && strcmp(ci, "true") == 0 ? 1 : 77;
	}
	if (holders_start() < 0) {
		fprintf(stderr, "test_argv_live: the holders did not start\n");
		holders_end();
		return 99;
	}
	status = runner_run(&suite, 1);
	holders_end();
	return status;
}
