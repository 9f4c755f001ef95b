/*
 * Live tier, end to end: the real binary in tmux, on real zombies, an
 * orphan and nested PID namespaces.  Types keys as a person would and
 * reads the screen back: search, the detail pane with the NSpid chain,
 * collapse and expand, a process marked new and, once killed, shown as
 * a ghost until it goes, a signal sent with k, resize, quit.
 *
 * tmux runs on a private socket (-L) so no user session is touched.
 * Needs root (for PID namespaces) and /proc: exits 77 without either.
 * A second suite needs no tmux: the binary on a pseudo-terminal of its
 * own, for what it says before curses starts.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/livefx.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define TMUX_WAIT_MS	8000
#define SCREEN_MAX	(64 * 1024)

static struct livefx	fx;
static char		sock[64];	/* tmux -L name */
static pid_t		victim;		/* a sleeper we signal through the UI */
static char		screen[SCREEN_MAX];

static int	tmux(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
tmux(const char *fmt, ...)
{
	char	cmd[1024], args[900];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "tmux -L %s %s >/dev/null 2>&1", sock, args);
	return system(cmd);
}

/* The pane's text now, into screen[]. */
static const char *
capture(void)
{
	char	 cmd[256];
	FILE	*f;
	size_t	 n;

	snprintf(cmd, sizeof cmd, "tmux -L %s capture-pane -p -t t 2>/dev/null",
	    sock);
	screen[0] = '\0';
	if ((f = popen(cmd, "r")) == NULL)
		return screen;
	n = fread(screen, 1, sizeof screen - 1, f);
	screen[n] = '\0';
	pclose(f);
	return screen;
}

/* Wait until the screen shows (or, with absent, stops showing) text. */
static bool
wait_screen(const char *text, bool absent)
{
	int	waited;

	for (waited = 0; waited < TMUX_WAIT_MS; waited += 100) {
		bool	has = strstr(capture(), text) != NULL;

		if (has != absent)
			return true;
		testutil_sleep_ms(100);
	}
	fprintf(stderr, "screen %s '%s' after %d ms:\n%s\n",
	    absent ? "still shows" : "never showed", text, TMUX_WAIT_MS,
	    screen);
	return false;
}

/* The screen's line containing needle, into line; false if none. */
static bool
screen_line(const char *needle, char *line, size_t size)
{
	const char	*at = strstr(screen, needle), *start, *end;

	if (at == NULL)
		return false;
	for (start = at; start > screen && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	if (end == NULL)
		end = at + strlen(at);
	snprintf(line, size, "%.*s", (int)(end - start), start);
	return true;
}

/* Wait until the line with needle shows one of want1, want2 (or NULL). */
static bool
wait_line(const char *needle, const char *want1, const char *want2)
{
	char	line[1024];
	int	waited;

	for (waited = 0; waited < TMUX_WAIT_MS; waited += 100) {
		capture();
		if (screen_line(needle, line, sizeof line) &&
		    (strstr(line, want1) != NULL ||
		    (want2 != NULL && strstr(line, want2) != NULL)))
			return true;
		testutil_sleep_ms(100);
	}
	fprintf(stderr, "no line with '%s' showed '%s' after %d ms:\n%s\n",
	    needle, want1, TMUX_WAIT_MS, screen);
	return false;
}

/* Type text literally, then optionally a named key (Enter, Escape...). */
static void
type(const char *text, const char *key)
{
	if (text != NULL && *text != '\0')
		tmux("send-keys -t t -l '%s'", text);
	if (key != NULL)
		tmux("send-keys -t t %s", key);
	testutil_sleep_ms(150);
}

static pid_t
victim_start(void)
{
	pid_t	pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(300);
		for (;;)
			pause();
	}
	if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

static int
suite_init(void)
{
	const char	*bin = testutil_treetop_bin();
	int		 r;

	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "tmux is not installed\n");
		return 1;
	}
	snprintf(sock, sizeof sock, "treetop-test-%ld", (long)getpid());
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_orphan(&fx)) < 0 || (r = livefx_pidns(&fx)) < 0) {
		fprintf(stderr, "scenario: %s\n", strerror(-r));
		livefx_teardown(&fx);
		return 1;
	}
	if ((victim = victim_start()) < 0)
		return 1;
	if (tmux("new-session -d -s t -x 160 -y 50 "
	    "\"env TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5; echo treetop-exit=\\$?; sleep 30\"", bin) != 0) {
		fprintf(stderr, "tmux new-session failed\n");
		return 1;
	}
	return wait_screen("Tasks:", false) ? 0 : 1;
}

static int
suite_cleanup(void)
{
	const char	*dir = getenv("TMUX_TMPDIR");
	char		 path[512];

	tmux("kill-server");
	/* kill-server leaves the socket file; it is ours to remove. */
	snprintf(path, sizeof path, "%s/tmux-%ld/%s",
	    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getuid(), sock);
	unlink(path);
	if (victim > 0) {
		kill(-victim, SIGKILL);
		waitpid(victim, NULL, 0);
	}
	return livefx_teardown(&fx) < 0;
}

static void
test_starts_with_header(void)
{
	CU_ASSERT(strstr(capture(), "treetop - ") != NULL);
	CU_ASSERT(strstr(screen, "zombie") != NULL);
	CU_ASSERT(strstr(screen, "PID namespace") != NULL);
	CU_ASSERT(strstr(screen, "F10Quit") != NULL);
}

/* Search for a PID, open its details: the NSpid chain is shown. */
static void
test_search_and_details_nspid_chain(void)
{
	const struct livefx_nsproc	*b = &fx.ns[LIVEFX_NS_B_CHILD];
	char				 pid[16], chain[96];

	snprintf(pid, sizeof pid, "%d", (int)b->outer);
	snprintf(chain, sizeof chain, "%d \xe2\x86\x92 %d \xe2\x86\x92 %d",
	    b->nspid[0], b->nspid[1], b->nspid[2]);
	type("/", NULL);
	CU_ASSERT(wait_screen("Search", false));
	type(pid, "Enter");
	type(NULL, "Enter");
	CU_ASSERT(wait_screen(chain, false));
	CU_ASSERT(strstr(screen, "Environment") != NULL);
	type(NULL, "Escape");
	CU_ASSERT(wait_screen("Environment", true));
	type(NULL, "Escape");	/* clear the search */
}

/* Collapse the zombie parent: its zombies vanish; expand: back. */
static void
test_collapse_expand(void)
{
	char	parent[16], zombie[32];

	snprintf(parent, sizeof parent, "%d", (int)fx.zparent);
	snprintf(zombie, sizeof zombie, " %d ", (int)fx.zombies[0]);
	type("/", NULL);
	type(parent, "Enter");
	CU_ASSERT(wait_screen(zombie, false));
	type(NULL, "Left");
	CU_ASSERT(wait_screen(zombie, true));
	CU_ASSERT(strstr(screen, "holds 3 zombies") != NULL);
	type(NULL, "Right");
	CU_ASSERT(wait_screen(zombie, false));
	/* Folded again, z still finds a zombie: it opens the fold. */
	type(NULL, "Left");
	CU_ASSERT(wait_screen(zombie, true));
	type("z", NULL);
	CU_ASSERT(wait_screen("<defunct>", false));
	type(NULL, "Escape");
}

/* Only zombies: Z; the zombie parent says what it holds. */
static void
test_zombie_view(void)
{
	char	victim_pid[32];

	snprintf(victim_pid, sizeof victim_pid, " %d ", (int)victim);
	type("Z", NULL);
	CU_ASSERT(wait_screen("[view: zombies]", false));
	CU_ASSERT(wait_screen("<defunct>", false));
	CU_ASSERT(strstr(screen, victim_pid) == NULL);
	type(NULL, "Escape");
	CU_ASSERT(wait_screen("[view: zombies]", true));
}

/*
 * A process the test starts is marked [new] once the explorer sees it;
 * killed, its row stays as a ghost ([exited], or [reaped] if a refresh
 * caught it a zombie), selected still, until it goes and the selection
 * falls to its parent.
 */
static void
test_new_and_ghost(void)
{
	char	pid[16], cell[24], menu[64];
	pid_t	child = victim_start();	/* a sleeper like the victim */
	int	waited;
	bool	found = false;

	CU_ASSERT_FATAL(child > 0);
	snprintf(pid, sizeof pid, "%d", (int)child);
	snprintf(cell, sizeof cell, " %d ", (int)child);
	/* Search until a refresh has shown it. */
	for (waited = 0; !found && waited < TMUX_WAIT_MS; waited += 300) {
		type("/", NULL);
		type(pid, "Enter");
		found = strstr(capture(), cell) != NULL;
	}
	CU_ASSERT(found);
	CU_ASSERT(wait_line(cell, "[new] ", NULL));
	kill(child, SIGKILL);
	CU_ASSERT_EQUAL(waitpid(child, NULL, 0), child);
	CU_ASSERT(wait_line(cell, "[exited] ", "[reaped] "));
	/*
	 * k on the ghost offers no signal: it has exited.  (Should the
	 * ghost have gone meanwhile, k selects its parent, the test: the
	 * menu then opens, but never on the dead child.)
	 */
	type("k", NULL);
	snprintf(menu, sizeof menu, "Send signal to PID %d ", (int)child);
	CU_ASSERT(strstr(capture(), menu) == NULL);
	if (strstr(screen, "Send signal to PID") != NULL)
		type(NULL, "Escape");
	else
		CU_ASSERT(wait_screen("has exited", false));
	CU_ASSERT(wait_screen(cell, true));
	type(NULL, "Escape");	/* clear the search */
}

/* k on the victim, Enter: SIGTERM (preselected) reaches it. */
static void
test_signal_through_k(void)
{
	char	pid[16];
	int	status = 0, waited;
	pid_t	r = 0;

	snprintf(pid, sizeof pid, "%d", (int)victim);
	type("/", NULL);
	type(pid, "Enter");
	type("k", NULL);
	CU_ASSERT(wait_screen("SIGTERM", false));
	type(NULL, "Enter");
	for (waited = 0; waited < TMUX_WAIT_MS && r == 0; waited += 50) {
		r = waitpid(victim, &status, WNOHANG);
		if (r == 0)
			testutil_sleep_ms(50);
	}
	CU_ASSERT_EQUAL(r, victim);
	CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	if (r == victim)
		victim = 0;
	CU_ASSERT(wait_screen("sent", false));
	type(NULL, "Escape");
}

/* e: the event log; the victim's death (signal test) is in it. */
static void
test_event_log(void)
{
	type("e", NULL);
	CU_ASSERT(wait_screen("Events, newest first", false));
	CU_ASSERT(wait_screen(" exited pid=", false));
	type(NULL, "Escape");
	CU_ASSERT(wait_screen("Events, newest first", true));
}

/* Down to 20x6 and below, and back: it redraws and stays alive. */
static void
test_resize(void)
{
	tmux("resize-window -t t -x 20 -y 6");
	CU_ASSERT(wait_screen("treetop", false));
	tmux("resize-window -t t -x 12 -y 4");
	CU_ASSERT(wait_screen("too small", false));
	tmux("resize-window -t t -x 160 -y 50");
	CU_ASSERT(wait_screen("F10Quit", false));
}

static void
test_quit(void)
{
	type("q", NULL);
	CU_ASSERT(wait_screen("treetop-exit=0", false));
}

/*
 * Run the binary on a fresh pseudo-terminal with TERM set to term; its
 * stderr goes into err (NUL-terminated).  Returns the wait status, or -1.
 */
static int
pty_run(const char *term, char *err, size_t size)
{
	struct pollfd	 pfd;
	const char	*name;
	size_t		 n = 0;
	ssize_t		 got;
	pid_t		 pid;
	int		 master, slave, pipefd[2], status = -1, waited;

	err[0] = '\0';
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0)
		return -1;
	if (grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (name = ptsname(master)) == NULL || pipe(pipefd) < 0) {
		close(master);
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) == 0) {
		setsid();
		if ((slave = open(name, O_RDWR)) < 0)
			_exit(127);
		dup2(slave, STDIN_FILENO);
		dup2(slave, STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(slave);
		close(master);
		close(pipefd[0]);
		close(pipefd[1]);
		setenv("TERM", term, 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		execl(testutil_treetop_bin(), testutil_treetop_bin(), "-n",
		    "1", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	while (pid > 0 && n + 1 < size && poll(&pfd, 1, TMUX_WAIT_MS) > 0 &&
	    (got = read(pipefd[0], err + n, size - n - 1)) > 0)
		n += (size_t)got;
	err[n] = '\0';
	close(pipefd[0]);
	/* Let it finish exiting (LeakSanitizer takes a while), then insist. */
	for (waited = 0; pid > 0 && waited < TMUX_WAIT_MS; waited += 20) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = 0;
			break;
		}
		testutil_sleep_ms(20);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	close(master);
	return status;
}

/*
 * TERM is input: an unknown one is named in the error escaped, so it
 * cannot colour (or retitle, or clear) the terminal it is printed on.
 */
static void
test_unknown_term_escaped(void)
{
	char	err[4096];
	int	status = pty_run("x\033[31mbogus", err, sizeof err);

	CU_ASSERT_FATAL(status != -1);
	if (strstr(err, "unknown terminal type") == NULL)
		fprintf(stderr, "\nstderr: %s\n", err);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	CU_ASSERT_PTR_NULL(strchr(err, '\033'));
	CU_ASSERT_PTR_NOT_NULL(strstr(err,
	    "unknown terminal type 'x\\e[31mbogus'"));
}

static const struct runner_test term_tests[] = {
	{ "unknown TERM escaped", test_unknown_term_escaped },
};

static const struct runner_test tests[] = {
	{ "starts with header and footer", test_starts_with_header },
	{ "search, details, NSpid chain",
	    test_search_and_details_nspid_chain },
	{ "collapse and expand", test_collapse_expand },
	{ "zombie view", test_zombie_view },
	{ "new process, then its ghost", test_new_and_ghost },
	{ "signal through k", test_signal_through_k },
	{ "event log", test_event_log },
	{ "resize", test_resize },
	{ "quit with status 0", test_quit },
};

int
main(void)
{
	static const struct runner_suite	suites[] = {
		RUNNER_SUITE("ui_term", NULL, NULL, term_tests),
		RUNNER_SUITE("ui_tmux", suite_init, suite_cleanup, tests),
	};

	testutil_require_proc();
	testutil_require_root("to make PID namespaces to show");
	return runner_run(suites, RUNNER_COUNT(suites));
}
