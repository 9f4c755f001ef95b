/*
 * Live tier, end to end: the real binary in tmux, on real zombies, an
 * orphan and nested PID namespaces.  Types keys as a person would and
 * reads the screen back: search, the detail pane with the NSpid chain,
 * collapse and expand, a process marked new and, once killed, shown as
 * a ghost until it goes, a signal sent with k, the event log, resize,
 * the load average of a loaded recording, quit.
 *
 * tmux runs on a private socket (-L) so no user session is touched
 * (tests/tmuxfx.c).  Every test starts its own explorer and makes the
 * processes it needs, so each one can run alone and in any order.
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
#include "tests/tmuxfx.h"

#define TMUX_WAIT_MS	8000

static struct livefx	fx;
static struct tmuxfx	tx;
static pid_t		sleeper;	/* the test's own sleeper, or 0 */

/*
 * A sleeper in a process group of its own, for a test to find, signal
 * or kill; one at a time, ended by sleeper_end() (or by the suite's
 * cleanup if a test stops half way).
 */
static pid_t
sleeper_start(void)
{
	pid_t	pid;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(300);
		for (;;)
			pause();
	}
	if (pid > 0)
		setpgid(pid, pid);
	return sleeper = pid;
}

/* Kill the sleeper's group and reap it, unless it is reaped already. */
static void
sleeper_end(void)
{
	if (sleeper <= 0)
		return;
	kill(-sleeper, SIGKILL);
	waitpid(sleeper, NULL, 0);
	sleeper = 0;
}

/* A fresh explorer: the known state every test starts from. */
static int
ui_start(void)
{
	return tmuxfx_start(&tx, "ui", TMUX_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5", testutil_treetop_bin());
}

/* / and text, Enter: the search selects the first row that matches. */
static void
ui_search(const char *text)
{
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, text, "Enter");
}

static int
suite_init(void)
{
	int	r;

	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "tmux is not installed\n");
		return 1;
	}
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_orphan(&fx)) < 0 || (r = livefx_pidns(&fx)) < 0) {
		fprintf(stderr, "scenario: %s\n", strerror(-r));
		livefx_teardown(&fx);
		return 1;
	}
	return 0;
}

static int
suite_cleanup(void)
{
	tmuxfx_stop(&tx);
	sleeper_end();
	return livefx_teardown(&fx) < 0;
}

static void
test_starts_with_header(void)
{
	CU_ASSERT_FATAL(ui_start() == 0);
	CU_ASSERT(strstr(tmuxfx_capture(&tx), "treetop - ") != NULL);
	CU_ASSERT(strstr(tx.screen, "zombie") != NULL);
	CU_ASSERT(strstr(tx.screen, "PID namespace") != NULL);
	CU_ASSERT(strstr(tx.screen, "F10Quit") != NULL);
	tmuxfx_stop(&tx);
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
	CU_ASSERT_FATAL(ui_start() == 0);
	tmuxfx_type(&tx, "/", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Search", false));
	tmuxfx_type(&tx, pid, "Enter");
	tmuxfx_type(&tx, NULL, "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, chain, false));
	CU_ASSERT(strstr(tx.screen, "Environment") != NULL);
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", true));
	tmuxfx_stop(&tx);
}

/* Collapse the zombie parent: its zombies vanish; expand: back. */
static void
test_collapse_expand(void)
{
	char	parent[16], row[1024];
	pid_t	zombie = fx.zombies[0];

	snprintf(parent, sizeof parent, "%d", (int)fx.zparent);
	CU_ASSERT_FATAL(ui_start() == 0);
	ui_search(parent);
	CU_ASSERT(tmuxfx_wait_row(&tx, zombie, false, row, sizeof row));
	tmuxfx_type(&tx, NULL, "Left");
	CU_ASSERT(tmuxfx_wait_row(&tx, zombie, true, row, sizeof row));
	CU_ASSERT(strstr(tx.screen, "holds 3 zombies") != NULL);
	tmuxfx_type(&tx, NULL, "Right");
	CU_ASSERT(tmuxfx_wait_row(&tx, zombie, false, row, sizeof row));
	/* Folded again, z still finds a zombie: it opens the fold. */
	tmuxfx_type(&tx, NULL, "Left");
	CU_ASSERT(tmuxfx_wait_row(&tx, zombie, true, row, sizeof row));
	tmuxfx_type(&tx, "z", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "<defunct>", false));
	tmuxfx_stop(&tx);
}

/*
 * Only zombies: v; the zombie parent says what it holds, and a sleeper
 * the explorer saw from its first refresh is not shown.
 */
static void
test_zombie_view(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(sleeper_start() > 0);
	CU_ASSERT_FATAL(ui_start() == 0);
	tmuxfx_type(&tx, "v", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "[view: zombies]", false));
	CU_ASSERT(tmuxfx_wait(&tx, "<defunct>", false));
	/* By its PID column: " 5232 " could be another row's RSS. */
	CU_ASSERT(!tmuxfx_row(&tx, sleeper, row, sizeof row));
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "[view: zombies]", true));
	tmuxfx_stop(&tx);
	sleeper_end();
}

/*
 * k on a ghost offers no signal: it has exited.  Should the ghost have
 * gone meanwhile, k selects its parent, the test: the menu then opens,
 * but never on the dead child.  Either answer shows k was handled.
 */
static void
check_no_signal_to_ghost(pid_t child)
{
	char		 gone[64], menu[64];
	const char	*answer[] = { gone, "Send signal to PID" };
	int		 i;

	snprintf(gone, sizeof gone, "PID %d has exited", (int)child);
	snprintf(menu, sizeof menu, "Send signal to PID %d ", (int)child);
	tmuxfx_type(&tx, "k", NULL);
	i = tmuxfx_wait_any(&tx, answer, RUNNER_COUNT(answer));
	CU_ASSERT(i >= 0);
	TU_CHECK_MSG(strstr(tx.screen, menu) == NULL, "k on the ghost of "
	    "PID %d opened the signal menu", (int)child);
	if (i == 1)
		tmuxfx_type(&tx, NULL, "Escape");
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
	const char	*is_new[] = { "[new] " };
	const char	*ghost[] = { "[exited", "[killed by ", "[reaped] " };
	char		 pid[16], row[1024];
	pid_t		 child;
	int		 waited;
	bool		 found = false;

	CU_ASSERT_FATAL(ui_start() == 0);
	CU_ASSERT_FATAL((child = sleeper_start()) > 0);
	snprintf(pid, sizeof pid, "%d", (int)child);
	/* Search until a refresh has shown it. */
	for (waited = 0; !found && waited < TMUX_WAIT_MS; waited += 300) {
		ui_search(pid);
		tmuxfx_capture(&tx);
		found = tmuxfx_row(&tx, child, row, sizeof row);
	}
	CU_ASSERT(found);
	CU_ASSERT(tmuxfx_wait_row_any(&tx, child, is_new,
	    RUNNER_COUNT(is_new), row, sizeof row) >= 0);
	kill(child, SIGKILL);
	CU_ASSERT_EQUAL(waitpid(child, NULL, 0), child);
	sleeper = 0;
	CU_ASSERT(tmuxfx_wait_row_any(&tx, child, ghost, RUNNER_COUNT(ghost),
	    row, sizeof row) >= 0);
	check_no_signal_to_ghost(child);
	CU_ASSERT(tmuxfx_wait_row(&tx, child, true, row, sizeof row));
	tmuxfx_stop(&tx);
}

/* k on a sleeper, Enter: SIGTERM (preselected) reaches it. */
static void
test_signal_through_k(void)
{
	char	pid[16], menu[64];
	int	status = 0, waited;
	pid_t	victim, r = 0;

	CU_ASSERT_FATAL((victim = sleeper_start()) > 0);
	snprintf(pid, sizeof pid, "%d", (int)victim);
	snprintf(menu, sizeof menu, "Send signal to PID %d (", (int)victim);
	CU_ASSERT_FATAL(ui_start() == 0);
	ui_search(pid);
	tmuxfx_type(&tx, "k", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "SIGTERM", false));
	CU_ASSERT(tmuxfx_wait(&tx, menu, false));
	tmuxfx_type(&tx, NULL, "Enter");
	for (waited = 0; waited < TMUX_WAIT_MS && r == 0; waited += 50) {
		r = waitpid(victim, &status, WNOHANG);
		if (r == 0)
			testutil_sleep_ms(50);
	}
	CU_ASSERT_EQUAL(r, victim);
	TU_CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	    "PID %d: wait status %#x, not killed by SIGTERM", (int)victim,
	    status);
	if (r == victim)
		sleeper = 0;
	CU_ASSERT(tmuxfx_wait(&tx, "sent", false));
	tmuxfx_stop(&tx);
	sleeper_end();
}

/*
 * k chooses a process; it exits (a zombie: its PID and start time still
 * there) before Enter: the menu's pidfd says so, or, with the kernel's
 * process events, when it exited; nothing is sent.
 */
static void
test_signal_after_exit(void)
{
	char		pid[16], menu[64], gone[64], exited[64];
	const char	*refused[] = { gone, exited };
	siginfo_t	si;
	pid_t		victim;

	CU_ASSERT_FATAL((victim = sleeper_start()) > 0);
	snprintf(pid, sizeof pid, "%d", (int)victim);
	snprintf(menu, sizeof menu, "Send signal to PID %d (", (int)victim);
	snprintf(gone, sizeof gone, "PID %d is gone", (int)victim);
	snprintf(exited, sizeof exited, "PID %d exited at ", (int)victim);
	CU_ASSERT_FATAL(ui_start() == 0);
	ui_search(pid);
	tmuxfx_type(&tx, "k", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, menu, false));
	CU_ASSERT_FATAL(kill(victim, SIGKILL) == 0);
	memset(&si, 0, sizeof si);
	CU_ASSERT(waitid(P_PID, (id_t)victim, &si, WEXITED | WNOWAIT) == 0);
	tmuxfx_type(&tx, NULL, "Enter");
	TU_CHECK_MSG(tmuxfx_wait_any(&tx, refused, 2) >= 0, "no \"%s\" or "
	    "\"%s\" in [%s]", gone, exited, tx.screen);
	CU_ASSERT_PTR_NULL(strstr(tx.screen, "SIGTERM sent"));
	tmuxfx_stop(&tx);
	sleeper_end();
}

/*
 * e: the event log; a sleeper the explorer saw alive, killed, is in it
 * (as exited, or as reaped if a refresh caught it a zombie).
 */
static void
test_event_log(void)
{
	const char	*ghost[] = { "[exited", "[killed by ", "[reaped] " };
	char		 pid[16], exited[48], reaped[48], row[1024];
	const char	*death[] = { exited, reaped };
	pid_t		 child;

	CU_ASSERT_FATAL((child = sleeper_start()) > 0);
	snprintf(pid, sizeof pid, "%d", (int)child);
	snprintf(exited, sizeof exited, " exited pid=%d ", (int)child);
	snprintf(reaped, sizeof reaped, " reaped pid=%d ", (int)child);
	CU_ASSERT_FATAL(ui_start() == 0);
	ui_search(pid);
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, child, false, row, sizeof row));
	sleeper_end();
	/* Its ghost: a refresh has seen it go, so the event is logged. */
	CU_ASSERT(tmuxfx_wait_row_any(&tx, child, ghost, RUNNER_COUNT(ghost),
	    row, sizeof row) >= 0);
	tmuxfx_type(&tx, NULL, "Escape");	/* the search */
	tmuxfx_type(&tx, "E", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Events, newest first", false));
	/*
	 * Its events only: with the kernel's, this test's own tmux
	 * commands fill the first page.
	 */
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	snprintf(row, sizeof row, "Events ('%s')", pid);
	CU_ASSERT(tmuxfx_wait(&tx, row, false));
	TU_CHECK_MSG(tmuxfx_wait_any(&tx, death, RUNNER_COUNT(death)) >= 0,
	    "the event log has no death of PID %d", (int)child);
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, ", newest first (", true));
	tmuxfx_stop(&tx);
}

/* Down to 20x6 and below, and back: it redraws and stays alive. */
static void
test_resize(void)
{
	CU_ASSERT_FATAL(ui_start() == 0);
	tmuxfx_resize(&tx, 20, 6);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop", false));
	tmuxfx_resize(&tx, 12, 4);
	CU_ASSERT(tmuxfx_wait(&tx, "too small", false));
	tmuxfx_resize(&tx, 160, 50);
	CU_ASSERT(tmuxfx_wait(&tx, "F10Quit", false));
	tmuxfx_stop(&tx);
}

/* One line of a recording: init alone at time t, with loadavg or not. */
#define UI_REC_LINE(t, more) "{\"schema\":\"treetop/1\",\"time\":" t \
	more ",\"processes\":[{\"pid\":1,\"ppid\":0,\"pgid\":1," \
	"\"sid\":1,\"tgid\":1,\"state\":\"S\",\"comm\":\"init\"}]}\n"

/*
 * A loaded recording shows each snapshot's own load average in the
 * header, and "-" for a line written before treetop recorded it.
 */
static void
test_loaded_loadavg(void)
{
	static const char	 rec[] = UI_REC_LINE("1732370000", "")
	    UI_REC_LINE("1732370001", ",\"loadavg\":[3.25,2.5,0.75]");
	char			 dir[] = "/tmp/treetop-ui-XXXXXX", path[64];
	FILE			*f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/rec.jsonl", dir);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT(fputs(rec, f) >= 0 && fclose(f) == 0);
	CU_ASSERT(tmuxfx_start(&tx, "ui", TMUX_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' --load '%s'", testutil_treetop_bin(), path) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "load 3.25 2.50 0.75  recording 2/2",
	    false));
	tmuxfx_type(&tx, "{", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "load -  recording 1/2", false));
	CU_ASSERT_PTR_NULL(strstr(tx.screen, "load 0.00"));
	tmuxfx_stop(&tx);
	unlink(path);
	rmdir(dir);
}

static void
test_quit(void)
{
	CU_ASSERT_FATAL(ui_start() == 0);
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
}

/*
 * The explorer in tmux through sh, which writes the explorer's PID (it
 * execs it) to a file first; with setsid, in a session of its own, which
 * the terminal's SIGHUP does not reach.  Its PID, or -1.
 */
static pid_t
ui_start_pid(bool own_session)
{
	char	path[64], buf[32] = "";
	FILE	*f;
	pid_t	pid = -1;
	int	waited;

	snprintf(path, sizeof path, "/tmp/treetop-ui-pid-%ld", (long)getpid());
	unlink(path);
	if (tmuxfx_start(&tx, "ui", TMUX_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "%s sh -c 'echo \\$\\$ > %s; exec %s -d 0.5'",
	    own_session ? "setsid -w" : "", path, testutil_treetop_bin()) != 0)
		return -1;
	for (waited = 0; pid <= 0 && waited < TMUX_WAIT_MS; waited += 50) {
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(buf, sizeof buf, f) != NULL)
				pid = (pid_t)atoi(buf);
			fclose(f);
		}
		if (pid <= 0)
			usleep(50 * 1000);
	}
	unlink(path);
	return pid > 0 ? pid : -1;
}

/* Whether pid has ended (reaped here if it came to us), within 5 s. */
static bool
ui_ended(pid_t pid)
{
	int	waited;

	for (waited = 0; waited < 5000; waited += 50) {
		if (waitpid(pid, NULL, WNOHANG) == pid ||
		    (kill(pid, 0) < 0 && errno == ESRCH))
			return true;
		usleep(50 * 1000);
	}
	return false;
}

/* SIGTERM ends the explorer as q does: the terminal back, status 0. */
static void
test_sigterm(void)
{
	pid_t	pid = ui_start_pid(false);

	CU_ASSERT_FATAL(pid > 0);
	CU_ASSERT(kill(pid, SIGTERM) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
	if (!ui_ended(pid))
		kill(pid, SIGKILL);
}

/*
 * The terminal goes away under an explorer that its SIGHUP does not
 * reach (another session; PID 1 of a namespace is alike): it ends, and
 * does not spin on a terminal that polls readable for ever.
 */
static void
test_hangup(void)
{
	pid_t	pid = ui_start_pid(true);

	CU_ASSERT_FATAL(pid > 0);
	tmuxfx_stop(&tx);		/* the pty hangs up */
	TU_CHECK_MSG(ui_ended(pid), "the explorer (PID %d) outlived its "
	    "terminal", (int)pid);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, WNOHANG);
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
	{ "k, then the process exits: refused", test_signal_after_exit },
	{ "event log", test_event_log },
	{ "resize", test_resize },
	{ "loaded recording: its load average", test_loaded_loadavg },
	{ "quit with status 0", test_quit },
	{ "SIGTERM: ends, status 0", test_sigterm },
	{ "the terminal hangs up: ends", test_hangup },
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
