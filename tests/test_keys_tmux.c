/*
 * End to end: htop's keys in the explorer do what they do in htop, and
 * the explorer fits 80x24 and 60x15.  The real binary in tmux, on sleepers
 * this program starts: tag with Space and c, untag with U, signal every
 * tagged process, refuse one that exited after it was shown, sort with P M T N, one user with u, kernel threads with
 * K, threads with H, the environment and open files with e and l, pause
 * with Z, F3 F4 F5 and F; htop keys treetop lacks, and keys bound to
 * nothing, say so; the header's CPU and memory meters, and what a fold
 * hides.  Each test starts its own explorer.  Needs /proc;
 * signals only its own processes.
 */
#include "config.h"

#include <CUnit/Basic.h>
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

#define KEYS_WAIT_MS	8000
#define KEYS_SLEEPERS	2

static struct tmuxfx	tx;
static pid_t		sleepers[KEYS_SLEEPERS];	/* "sleep 4242N" */

/* A sleep of our own in its own process group: "sleep 42420", ... */
static pid_t
sleeper_start(int k)
{
	char	arg[16];
	pid_t	pid;

	snprintf(arg, sizeof arg, "4242%d", k);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execlp("sleep", "sleep", arg, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid);
	return sleepers[k] = pid;
}

static void
sleepers_end(void)
{
	int	k;

	for (k = 0; k < KEYS_SLEEPERS; k++) {
		if (sleepers[k] <= 0)
			continue;
		kill(-sleepers[k], SIGKILL);
		waitpid(sleepers[k], NULL, 0);
		sleepers[k] = 0;
	}
}

/* A fresh explorer of cols x lines with the sleepers running. */
static int
ui_start(int cols, int lines)
{
	int	k;

	sleepers_end();
	for (k = 0; k < KEYS_SLEEPERS; k++)
		if (sleeper_start(k) <= 0)
			return -1;
	if (tmuxfx_start(&tx, "keys", KEYS_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5", testutil_treetop_bin()) < 0)
		return -1;
	if (tmuxfx_resize(&tx, cols, lines) != 0)
		return -1;
	return tmuxfx_wait(&tx, "Tasks:", false) ? 0 : -1;
}

/* / and the sleeper's PID: the search selects its row. */
static void
ui_find(int k)
{
	char	pid[16];

	snprintf(pid, sizeof pid, "%d", (int)sleepers[k]);
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	tmuxfx_type(&tx, NULL, "Escape");	/* the kept search */
}

static void
suite_end(void)
{
	tmuxfx_stop(&tx);
	sleepers_end();
}

/* At 80x24 and 60x15 a searched-for row shows its command. */
static void
test_narrow_rows_show_command(void)
{
	static const int	sizes[][2] = { { 80, 24 }, { 60, 15 } };
	char			row[1024];
	size_t			i;

	for (i = 0; i < RUNNER_COUNT(sizes); i++) {
		CU_ASSERT_FATAL(ui_start(sizes[i][0], sizes[i][1]) == 0);
		ui_find(0);
		TU_CHECK_MSG(tmuxfx_wait(&tx, "sleep 42420", false),
		    "at %dx%d the command is not shown", sizes[i][0],
		    sizes[i][1]);
		CU_ASSERT(tmuxfx_row(&tx, sleepers[0], row, sizeof row) &&
		    strstr(row, "sleep 42420") != NULL);
		/* The footer fits: whole items, never a cut one. */
		CU_ASSERT(strstr(tx.screen, "F1Help") != NULL);
		CU_ASSERT(strstr(tx.screen, "Namespa\n") == NULL);
	}
	suite_end();
}

/* The help is one screen at 80x24, and pages at 60x15. */
static void
test_help_fits(void)
{
	CU_ASSERT_FATAL(ui_start(80, 24) == 0);
	tmuxfx_type(&tx, "?", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Any key closes this screen.", false));
	CU_ASSERT(strstr(tx.screen, "help page") == NULL);
	tmuxfx_type(&tx, "x", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop keys", true));
	CU_ASSERT_FATAL(ui_start(60, 15) == 0);
	tmuxfx_type(&tx, "?", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "help page 1 of 2", false));
	tmuxfx_type(&tx, " ", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "help page 2 of 2", false));
	CU_ASSERT(strstr(tx.screen, "Any key closes this screen.") != NULL);
	tmuxfx_type(&tx, " ", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "F1Help", false));
	suite_end();
}

/* Space tags (and moves down), k signals every tagged process. */
static void
test_tag_and_signal(void)
{
	int	k, status;

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	for (k = 0; k < KEYS_SLEEPERS; k++) {
		ui_find(k);
		tmuxfx_type(&tx, " ", NULL);
		CU_ASSERT(tmuxfx_wait(&tx, k == 0 ? "*sleep 42420" :
		    "*sleep 42421", false));
	}
	tmuxfx_type(&tx, "k", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Send signal to the 2 tagged processes",
	    false));
	tmuxfx_type(&tx, NULL, "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "SIGTERM sent to 2 of 2 tagged", false));
	for (k = 0; k < KEYS_SLEEPERS; k++) {
		TU_CHECK_MSG(waitpid(sleepers[k], &status, 0) == sleepers[k] &&
		    WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
		    "sleeper %d did not die of SIGTERM", k);
		sleepers[k] = 0;
	}
	suite_end();
}

/*
 * A process shown, then gone before the menu opened on it (the display
 * paused, so its row stays): k and Enter send nothing, and with the
 * kernel's process events (the header says so) say when it exited.
 */
static void
test_signal_exited_since_shown(void)
{
	char	want[64];
	pid_t	pid;

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	ui_find(0);
	CU_ASSERT(tmuxfx_wait(&tx, "sleep 42420", false));
	tmuxfx_type(&tx, "Z", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[PAUSED]", false));
	pid = sleepers[0];
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
	sleepers[0] = 0;
	tmuxfx_type(&tx, "k", NULL);
	snprintf(want, sizeof want, "Send signal to PID %d", (int)pid);
	CU_ASSERT(tmuxfx_wait(&tx, want, false));
	tmuxfx_type(&tx, NULL, "Enter");
	/* The kernel's events need root and the first namespaces. */
	if (strstr(tx.screen, "[events: kernel]") != NULL) {
		snprintf(want, sizeof want, "PID %d exited at ", (int)pid);
		CU_ASSERT(tmuxfx_wait(&tx, want, false));
		CU_ASSERT(strstr(tx.screen, "after it was shown: SIGTERM not "
		    "sent") != NULL);
	} else {
		snprintf(want, sizeof want, "PID %d is gone", (int)pid);
		CU_ASSERT(tmuxfx_wait(&tx, want, false));
	}
	suite_end();
}

/* c tags a subtree, U untags all. */
static void
test_tag_subtree_untag(void)
{
	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	ui_find(0);
	tmuxfx_type(&tx, "c", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "1 tagged", false));
	CU_ASSERT(tmuxfx_wait(&tx, "*sleep 42420", false));
	tmuxfx_type(&tx, "U", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "nothing tagged", false));
	CU_ASSERT(strstr(tx.screen, "*sleep 42420") == NULL);
	suite_end();
}

/* P M T N sort, with the marker on the sorted title; N again inverts. */
static void
test_sort_keys(void)
{
	static const char *const keys[][2] = {
		{ "P", "v%CPU" }, { "M", "vRSS" }, { "T", "vTIME" },
		{ "N", "^PID" }, { "N", "vPID" },
	};
	size_t	i;

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	for (i = 0; i < RUNNER_COUNT(keys); i++) {
		tmuxfx_type(&tx, keys[i][0], NULL);
		TU_CHECK_MSG(tmuxfx_wait(&tx, keys[i][1], false),
		    "%s did not sort: no %s title", keys[i][0], keys[i][1]);
	}
	CU_ASSERT(strstr(tx.screen, "[view: flat list]") != NULL);
	suite_end();
}

/* u one user, K kernel threads, H threads, Z pause, F follow. */
static void
test_view_keys(void)
{
	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	tmuxfx_type(&tx, "u", NULL);
	tmuxfx_type(&tx, "nosuchuser", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "no process of user nosuchuser", false));
	tmuxfx_type(&tx, "u", NULL);
	tmuxfx_type(&tx, "root", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "[view: user root]", false));
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "[view: user root]", true));
	/* Hidden, a kernel thread is not found; shown, it is. */
	tmuxfx_type(&tx, "K", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "kernel threads hidden", false));
	/*
	 * Typed in two parts: with the kernel's events the tmux commands
	 * typing it are ghosts, and their command lines must not match.
	 */
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, "kthread", NULL);
	tmuxfx_type(&tx, "d", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "no match", false));
	CU_ASSERT(strstr(tx.screen, "[kthreadd]") == NULL);
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, "K", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "showing kernel threads", false));
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, "kthread", NULL);
	tmuxfx_type(&tx, "d", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "[kthreadd]", false));
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, "H", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "showing threads", false));
	tmuxfx_type(&tx, "Z", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[PAUSED]", false));
	tmuxfx_type(&tx, "Z", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[PAUSED]", true));
	ui_find(0);
	tmuxfx_type(&tx, "F", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "following PID", false));
	suite_end();
}

/* e and l: the details at the environment and at the open files. */
static void
test_environment_and_files(void)
{
	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	ui_find(0);
	tmuxfx_type(&tx, "e", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", false));
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", true));
	tmuxfx_type(&tx, "l", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Open files (", false));
	CU_ASSERT(strstr(tx.screen, "0 -> ") != NULL);
	suite_end();
}

/* Shift-Right scrolls the command column at 80x24; Ctrl-A brings it back. */
static void
test_sideways(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(ui_start(80, 24) == 0);
	ui_find(0);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "sleep 42420", false));
	tmuxfx_type(&tx, NULL, "S-Right");
	CU_ASSERT(tmuxfx_wait(&tx, "(tree) [+8]", false));
	CU_ASSERT(tmuxfx_row(&tx, sleepers[0], row, sizeof row) &&
	    strstr(row, "sleep 42420") == NULL);
	tmuxfx_type(&tx, NULL, "C-a");
	CU_ASSERT(tmuxfx_wait(&tx, "(tree) [+8]", true));
	CU_ASSERT(tmuxfx_row(&tx, sleepers[0], row, sizeof row) &&
	    strstr(row, "sleep 42420") != NULL);
	suite_end();
}

/* The event log: / shows one PID's events, f one kind. */
static void
test_event_log_filter(void)
{
	char	pid[16], want[64];

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	snprintf(pid, sizeof pid, "%d", (int)sleepers[1]);
	kill(sleepers[1], SIGKILL);	/* a zombie of ours: an event */
	tmuxfx_type(&tx, "E", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Events, newest first", false));
	/*
	 * Filtered first: unfiltered, the events of this test's own tmux
	 * polling, newer, push the zombie's off a loaded machine's screen.
	 */
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	snprintf(want, sizeof want, "Events ('%s')", pid);
	CU_ASSERT(tmuxfx_wait(&tx, want, false));
	snprintf(want, sizeof want, "zombie pid=%s", pid);
	CU_ASSERT(tmuxfx_wait(&tx, want, false));
	CU_ASSERT(strstr(tx.screen, "started pid=1 ") == NULL);
	tmuxfx_type(&tx, "f", NULL);
	snprintf(want, sizeof want, "Events (started, '%s')", pid);
	CU_ASSERT(tmuxfx_wait(&tx, want, false));
	CU_ASSERT(tmuxfx_wait(&tx, "no event matches", false));
	tmuxfx_type(&tx, "E", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Events (", true));
	suite_end();
}

/* v cycles every view, whichever one the command line started in. */
static void
test_view_cycle_from_orphans(void)
{
	sleepers_end();
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "keys", KEYS_WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' --orphans",
	    testutil_treetop_bin()) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "[view: orphans]", false));
	tmuxfx_type(&tx, "v", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[view: orphans]", true));
	tmuxfx_type(&tx, "v", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[view: zombies]", false));
	tmuxfx_type(&tx, "v", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[view: orphans]", false));
	suite_end();
}

/* { and } step through a recording, and say where they are. */
static void
test_recording_steps(void)
{
	char	path[] = "/tmp/treetop-keys-XXXXXX", cmd[512];
	int	fd;

	sleepers_end();
	CU_ASSERT_FATAL((fd = mkstemp(path)) >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "'%s' -b -n 3 -d 0.2 --record '%s' "
	    ">/dev/null", testutil_treetop_bin(), path);
	CU_ASSERT_FATAL(system(cmd) == 0);
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "keys", KEYS_WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' --load '%s'",
	    testutil_treetop_bin(), path) == 0);
	tmuxfx_type(&tx, "{", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "snapshot 2 of 3", false));
	tmuxfx_type(&tx, "}", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "snapshot 3 of 3", false));
	tmuxfx_type(&tx, "}", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "the last snapshot of the recording",
	    false));
	unlink(path);
	suite_end();
}

/* F3 searches, F4 filters, F5 the flat list; Escape backs out. */
static void
test_function_keys(void)
{
	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	tmuxfx_type(&tx, NULL, "F3");
	CU_ASSERT(tmuxfx_wait(&tx, "Search (Enter keeps", false));
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, NULL, "F4");
	CU_ASSERT(tmuxfx_wait(&tx, "Filter (Enter keeps", false));
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, NULL, "F5");
	CU_ASSERT(tmuxfx_wait(&tx, "[view: flat list]", false));
	suite_end();
}

/* htop keys treetop lacks, and keys bound to nothing, say so. */
static void
test_unbound_keys_say_so(void)
{
	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	tmuxfx_type(&tx, "x", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "x is htop's key for file locks", false));
	tmuxfx_type(&tx, "[", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[ is htop's key for lowering priority",
	    false));
	tmuxfx_type(&tx, "~", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "~ is not bound to anything", false));
	suite_end();
}

/*
 * A process killed while watched keeps its command line as a zombie, in
 * the explorer and in -b: the sleeper dies and this program, its parent,
 * does not reap it until the checks are done.
 */
static void
test_zombie_keeps_command(void)
{
	char	row[1024], cmd[256], out[64 * 1024];
	FILE	*f;
	size_t	n;

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	ui_find(0);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "sleep 42420", false));
	/* -b with three refreshes: alive in the first, dead by the last. */
	snprintf(cmd, sizeof cmd, "'%s' -b -n 3 -d 0.6 -p %d",
	    testutil_treetop_bin(), (int)getpid());
	f = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	/* Killed once the first refresh has shown it alive, not before. */
	n = 0;
	while (n < sizeof out - 1 && fgets(out + n, (int)(sizeof out - n),
	    f) != NULL) {
		bool	alive = strstr(out + n, "sleep 42420") != NULL;

		n += strlen(out + n);
		if (alive)
			break;
	}
	kill(sleepers[0], SIGKILL);
	n += fread(out + n, 1, sizeof out - 1 - n, f);
	out[n] = '\0';
	CU_ASSERT(pclose(f) == 0);
	TU_CHECK_MSG(strstr(out, "sleep 42420 <defunct>") != NULL,
	    "-b lost the zombie's command line:\n%s", out);
	TU_CHECK_MSG(tmuxfx_wait_row_any(&tx, sleepers[0],
	    (const char *const[]){ "sleep 42420 <defunct> killed by SIGKILL" },
	    1, row, sizeof row) == 0, "the explorer's row: %s", row);
	suite_end();
}

/* Line n (from 0) of the last capture into buf; false if there is none. */
static bool
screen_line(int n, char *buf, size_t size)
{
	const char	*s = tx.screen, *end;

	for (; n > 0 && s != NULL; n--)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL || *s == '\0')
		return false;
	end = strchr(s, '\n');
	snprintf(buf, size, "%.*s", (int)(end != NULL ? end - s : (long)
	    strlen(s)), s);
	return true;
}

/*
 * The meters, line 2 of the header, fill it at 80x24 and 60x15: the CPU
 * figure once two refreshes have been compared, the memory used of all.
 */
static void
test_header_meters(void)
{
	static const int	sizes[][2] = { { 80, 24 }, { 60, 15 } };
	char			line[1024];
	size_t			i, len;

	for (i = 0; i < RUNNER_COUNT(sizes); i++) {
		CU_ASSERT_FATAL(ui_start(sizes[i][0], sizes[i][1]) == 0);
		TU_CHECK_MSG(tmuxfx_wait(&tx, "%]  Mem [", false),
		    "at %dx%d no CPU figure", sizes[i][0], sizes[i][1]);
		CU_ASSERT_FATAL(screen_line(1, line, sizeof line));
		len = strlen(line);
		TU_CHECK_MSG(strncmp(line, "CPU [", 5) == 0 &&
		    len == (size_t)sizes[i][0] && line[len - 1] == ']' &&
		    strstr(line, "/") != NULL, "at %dx%d the meters are "
		    "[%s]", sizes[i][0], sizes[i][1], line);
		CU_ASSERT(screen_line(2, line, sizeof line) &&
		    strncmp(line, "Tasks:", 6) == 0);
		CU_ASSERT(screen_line(3, line, sizeof line) &&
		    strstr(line, "PID") != NULL);
	}
	suite_end();
}

/* The header shows the delay as given, not rounded to "0.2". */
static void
test_header_delay(void)
{
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "keys", KEYS_WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' -d 0.25",
	    testutil_treetop_bin()) == 0);
	TU_CHECK_MSG(tmuxfx_wait(&tx, "every 0.25s", false),
	    "the header is [%.*s]", 160, tx.screen);
	suite_end();
}

/*
 * Left on this program's row folds its children, the sleepers: the row
 * says how many it hides, and that one of them is a zombie (a sleeper
 * killed and not reaped yet).
 */
static void
test_fold_says_hidden(void)
{
	char	pid[16], row[1024];

	CU_ASSERT_FATAL(ui_start(160, 50) == 0);
	ui_find(1);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "sleep 42421", false));
	kill(sleepers[1], SIGKILL);
	TU_CHECK_MSG(tmuxfx_wait_row_any(&tx, sleepers[1],
	    (const char *const[]){ "<defunct>" }, 1, row, sizeof row) == 0,
	    "no zombie: %s", row);
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, NULL, "Left");
	TU_CHECK_MSG(tmuxfx_wait_row_any(&tx, getpid(),
	    (const char *const[]){ " hidden, 1 zombie] " }, 1, row,
	    sizeof row) == 0, "the folded row: %s", row);
	CU_ASSERT(strstr(row, "+[") != NULL);
	CU_ASSERT(tmuxfx_wait_row(&tx, sleepers[0], true, row, sizeof row));
	tmuxfx_type(&tx, NULL, "Right");
	CU_ASSERT(tmuxfx_wait_row(&tx, sleepers[0], false, row, sizeof row));
	suite_end();
}

/* Under TERM=vt100, End is End: never Esc, [, 4 and ~ read as keys. */
static void
test_vt100_home_end(void)
{
	char	last[32];

	sleepers_end();
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "keys", KEYS_WAIT_MS, "Tasks:",
	    "env TERM=vt100 LC_ALL=C XDG_CONFIG_HOME=/nonexistent '%s' "
	    "-d 0.5", testutil_treetop_bin()) == 0);
	tmuxfx_type(&tx, NULL, "End");
	tmuxfx_type(&tx, NULL, "Home");
	snprintf(last, sizeof last, "is not bound");
	CU_ASSERT(tmuxfx_wait(&tx, "PPID", false));
	tmuxfx_type(&tx, "x", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "x is htop's key", false));
	CU_ASSERT(strstr(tx.screen, last) == NULL);
	CU_ASSERT(strstr(tx.screen, "lowering priority") == NULL);
	suite_end();
}

int
main(void)
{
	static const struct runner_test tests[] = {
		{ "80x24 and 60x15 show the command", test_narrow_rows_show_command },
		{ "help fits, and pages", test_help_fits },
		{ "Space tags, k signals the tagged", test_tag_and_signal },
		{ "k on a process gone since shown: when it exited",
		    test_signal_exited_since_shown },
		{ "c tags a subtree, U untags", test_tag_subtree_untag },
		{ "P M T N sort", test_sort_keys },
		{ "u K H Z F", test_view_keys },
		{ "e and l", test_environment_and_files },
		{ "F3 F4 F5", test_function_keys },
		{ "v from --orphans", test_view_cycle_from_orphans },
		{ "{ and } step through a recording", test_recording_steps },
		{ "the event log's filters", test_event_log_filter },
		{ "the command column sideways", test_sideways },
		{ "unbound keys say so", test_unbound_keys_say_so },
		{ "Home and End under vt100", test_vt100_home_end },
		{ "a zombie keeps its command line", test_zombie_keeps_command },
		{ "the header's meters", test_header_meters },
		{ "a fold says what it hides", test_fold_says_hidden },
		{ "the header's delay", test_header_delay },
	};
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("htop keys", NULL, NULL, tests),
	};
	int	status;

	testutil_require_proc();
	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_keys_tmux: tmux is not installed\n");
		return 99;
	}
	status = runner_run(suites, RUNNER_COUNT(suites));
	suite_end();
	return status;
}
