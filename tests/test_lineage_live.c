/*
 * Live tier: the kernel's process events.  A churn generator starts
 * 2,000 children from one parent, each living 1 to 5 ms and ending in a
 * known way (exit codes, signals), and reaps each at once: `treetop -b
 * --events` running over that window must report every one started and
 * exited under that parent with the status waitpid() saw.  A zombie made
 * at a known time carries exit_time within 50 ms in a recording.  As
 * nobody treetop says it polls.  With a tiny receive buffer (the
 * TREETOP_EVENTS_RCVBUF testing aid) the same storm overruns it: the
 * loss is reported and no status is ever wrong.  In the explorer (tmux),
 * a crash loop's short lives are ghosts with their status, its zombie's
 * age counts from its exit, and B lists it among the busiest parents.
 *
 * Needs root and a kernel that delivers process events here (the first
 * PID and network namespaces): exits 77 without them, except under CI.
 */
#include "config.h"

#include <CUnit/CUnit.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc/procdetail.h"
#include "tests/churngen.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define CHURN_N		2000
#define CHURN_LIVE	64	/* children alive at once */
#define WAIT_MS		20000
#define NOBODY		65534
#define LINE_MAX_	1024

static char	tmpdir[] = "/tmp/treetop-lineage-XXXXXX";

/* Start treetop with args, stdout to path (NULL: /dev/null); its pid. */
/* In a child about to exec: argv of treetop and args (copies). */
static void
exec_treetop(const char *const *args)
{
	char	*argv[16];
	size_t	 n = 0;

	argv[n++] = strdup(testutil_treetop_bin());
	while (*args != NULL && n < 15)
		argv[n++] = strdup(*args++);
	argv[n] = NULL;
	execv(argv[0], argv);
	_exit(127);
}

static pid_t
treetop_start(const char *const *args, const char *path, const char *rcvbuf)
{
	pid_t	pid;
	int	fd;

	pid = fork();
	if (pid != 0)
		return pid;
	fd = open(path != NULL ? path : "/dev/null",
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		_exit(127);
	if (rcvbuf != NULL)
		setenv("TREETOP_EVENTS_RCVBUF", rcvbuf, 1);
	exec_treetop(args);
	return -1;
}

/* Whether path holds needle yet, waiting up to ms. */
static bool
file_wait(const char *path, const char *needle, int ms)
{
	FILE	*f;
	char	*text;
	size_t	 len;
	bool	 found = false;
	int	 waited;

	for (waited = 0; !found && waited < ms; waited += 50) {
		if ((f = fopen(path, "r")) != NULL) {
			text = testutil_read_all(f, &len);
			fclose(f);
			found = strstr(text, needle) != NULL;
			free(text);
		}
		if (!found)
			testutil_sleep_ms(50);
	}
	return found;
}

/* Whether path holds count lines yet, waiting up to ms. */
static bool
file_lines_wait(const char *path, size_t count, int ms)
{
	FILE	*f;
	char	*text, *c;
	size_t	 len, lines = 0;
	int	 waited;

	for (waited = 0; lines < count && waited < ms; waited += 50) {
		if ((f = fopen(path, "r")) != NULL) {
			text = testutil_read_all(f, &len);
			fclose(f);
			for (lines = 0, c = text; (c = strchr(c, '\n')) != NULL;
			    c++)
				lines++;
			free(text);
		}
		if (lines < count)
			testutil_sleep_ms(50);
	}
	return lines >= count;
}

static char *
file_text(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*text;
	size_t	 len;

	if (f == NULL)
		return strdup("");
	text = testutil_read_all(f, &len);
	fclose(f);
	return text;
}

/* End treetop with SIGTERM (it stops at once, status 0). */
static void
treetop_stop(pid_t pid)
{
	int	status = -1;

	kill(pid, SIGTERM);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	TU_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "treetop ended with wait status %#x", status);
}

/*
 * Run the generator in a parent of its own (so that its children's
 * parent is known): its pid, and its children in kids[0..CHURN_N-1].
 */
static pid_t
churn(struct churn_child *kids, size_t live)
{
	size_t	got = 0;
	ssize_t	n;
	pid_t	gen;
	int	fd[2], status;

	CU_ASSERT_FATAL(pipe(fd) == 0);
	gen = fork();
	CU_ASSERT_FATAL(gen >= 0);
	if (gen == 0) {
		close(fd[0]);
		got = churngen_run(CHURN_N, live, 0, kids);
		n = write(fd[1], kids, got * sizeof *kids);
		_exit(n == (ssize_t)(got * sizeof *kids) ? 0 : 1);
	}
	close(fd[1]);
	while ((n = read(fd[0], (char *)kids + got,
	    CHURN_N * sizeof *kids - got)) > 0)
		got += (size_t)n;
	close(fd[0]);
	CU_ASSERT_EQUAL(waitpid(gen, &status, 0), gen);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	TU_CHECK_MSG(got == CHURN_N * sizeof *kids, "the generator started "
	    "%zu of %d children", got / sizeof *kids, CHURN_N);
	return gen;
}

/* What --events said of one child. */
struct seen {
	bool	started;	/* under the generator */
	bool	exited;		/* under it, with the right status */
	bool	wrong;		/* an exit with another status */
};

/* The child with pid among kids, or -1. */
static long
kid_index(const struct churn_child *kids, pid_t pid)
{
	long	i;

	for (i = 0; i < CHURN_N; i++)
		if (kids[i].pid == pid)
			return i;
	return -1;
}

/* One --events line about a child of gen, into seen[]. */
static void
parse_line(const char *line, pid_t gen, const struct churn_child *kids,
    struct seen *seen)
{
	char		 kind[32], want[96], text[64];
	const char	*st;
	int		 pid, ppid;
	long		 k;

	if (sscanf(line, "%*s %31s pid=%d ppid=%d", kind, &pid, &ppid) != 3 ||
	    ppid != gen || (k = kid_index(kids, pid)) < 0)
		return;
	if (strcmp(kind, "started") == 0)
		seen[k].started = true;
	if (strcmp(kind, "exited") != 0 ||
	    (st = strstr(line, " status=\"")) == NULL)
		return;
	snprintf(want, sizeof want, " status=\"%s\"",
	    procdetail_wait_status_text(kids[k].status, text, sizeof text));
	if (strncmp(st, want, strlen(want)) == 0)
		seen[k].exited = true;
	else
		seen[k].wrong = true;
}

/* Say what treetop printed of a child it missed. */
static void
show_missed(const char *text, const struct churn_child *kid,
    const struct seen *seen)
{
	char		 needle[32];
	const char	*at, *bol, *eol;

	fprintf(stderr, "missed: pid %d, wait status %#x (started %d, "
	    "exited %d); its lines:\n", (int)kid->pid, kid->status,
	    seen->started, seen->exited);
	snprintf(needle, sizeof needle, " pid=%d ", (int)kid->pid);
	for (at = strstr(text, needle); at != NULL;
	    at = strstr(at + 1, needle)) {
		for (bol = at; bol > text && bol[-1] != '\n'; bol--)
			;
		eol = strchr(at, '\n');
		fprintf(stderr, "  %.*s\n", (int)(eol != NULL ? eol - bol :
		    (long)strlen(bol)), bol);
	}
}

/*
 * Parse treetop's output; how many children it missed, and got wrong.
 * With show, the first few missed are described on stderr.
 */
static void
tally(const char *text, pid_t gen, const struct churn_child *kids,
    bool show, size_t *missed, size_t *wrong)
{
	struct seen	*seen = calloc(CHURN_N, sizeof *seen);
	const char	*line, *end;
	char		 buf[LINE_MAX_];
	size_t		 i, len;

	for (line = text; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		len = (size_t)(end - line) < sizeof buf - 1 ?
		    (size_t)(end - line) : sizeof buf - 1;
		memcpy(buf, line, len);
		buf[len] = '\0';
		parse_line(buf, gen, kids, seen);
	}
	*missed = *wrong = 0;
	for (i = 0; i < CHURN_N; i++) {
		if (!seen[i].started || !seen[i].exited)
			(*missed)++;
		if (seen[i].wrong)
			(*wrong)++;
		if ((!seen[i].started || !seen[i].exited) && *missed <= 3 &&
		    show)
			show_missed(text, &kids[i], &seen[i]);
	}
	free(seen);
}

/* --events over a storm: path gets the lines; the generator's pid. */
static pid_t
events_over_churn(const char *path, const char *rcvbuf, size_t live,
    struct churn_child *kids)
{
	static const char *const args[] = { "-b", "--events", "-d", "0.25",
	    NULL };
	pid_t	tt, gen;

	tt = treetop_start(args, path, rcvbuf);
	CU_ASSERT_FATAL(tt > 0);
	CU_ASSERT_FATAL(file_wait(path, "events_source=kernel", WAIT_MS));
	gen = churn(kids, live);
	/* Four refreshes: the last events are drained and printed. */
	testutil_sleep_ms(1000);
	treetop_stop(tt);
	return gen;
}

static void
test_every_short_life(void)
{
	struct churn_child	*kids = calloc(CHURN_N, sizeof *kids);
	char			 path[256], *text;
	size_t			 missed, wrong;
	pid_t			 gen;

	snprintf(path, sizeof path, "%s/events.txt", tmpdir);
	gen = events_over_churn(path, NULL, CHURN_LIVE, kids);
	text = file_text(path);
	tally(text, gen, kids, true, &missed, &wrong);
	TU_CHECK_MSG(missed == 0, "%zu of %d children missed", missed,
	    CHURN_N);
	TU_CHECK_MSG(wrong == 0, "%zu children with a wrong status", wrong);
	CU_ASSERT(strstr(text, " lost count=") == NULL);
	free(text);
	free(kids);
}

/* Run treetop with args to the end, stdout into path. */
static void
treetop_run(const char *const *args, const char *path)
{
	pid_t	tt = treetop_start(args, path, NULL);
	int	status = -1;

	CU_ASSERT_EQUAL(waitpid(tt, &status, 0), tt);
	TU_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "treetop %s: wait status %#x", args[0], status);
}

/* A recording of the storm, replayed by --load --events: every one. */
static void
test_recording_replays(void)
{
	struct churn_child	*kids = calloc(CHURN_N, sizeof *kids);
	char			 rec[256], path[256], *text;
	/* 10 s: the storm and its last exits, also under the sanitizers. */
	const char		*record[] = { "-b", "-d", "0.25", "-n", "40",
				    "--record", rec, NULL };
	const char		*replay[] = { "-b", "--events", "--load", rec,
				    NULL };
	size_t			 missed, wrong;
	pid_t			 tt, gen;
	int			 status;

	snprintf(rec, sizeof rec, "%s/storm.jsonl", tmpdir);
	snprintf(path, sizeof path, "%s/replay.txt", tmpdir);
	tt = treetop_start(record, NULL, NULL);
	CU_ASSERT_FATAL(tt > 0);
	CU_ASSERT_FATAL(file_wait(rec, "\"events_source\":\"kernel\"",
	    WAIT_MS));
	gen = churn(kids, CHURN_LIVE);
	CU_ASSERT_EQUAL(waitpid(tt, &status, 0), tt);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	treetop_run(replay, path);
	text = file_text(path);
	tally(text, gen, kids, true, &missed, &wrong);
	TU_CHECK_MSG(missed == 0, "replayed: %zu of %d children missed",
	    missed, CHURN_N);
	TU_CHECK_MSG(wrong == 0, "replayed: %zu with a wrong status", wrong);
	free(text);
	free(kids);
}

/* With a tiny buffer the storm overruns it: said, and nothing wrong. */
static void
test_overrun(void)
{
	struct churn_child	*kids = calloc(CHURN_N, sizeof *kids);
	char			 path[256], *text;
	size_t			 missed, wrong;
	pid_t			 gen;

	snprintf(path, sizeof path, "%s/overrun.txt", tmpdir);
	gen = events_over_churn(path, "1", CHURN_N, kids);
	text = file_text(path);
	tally(text, gen, kids, false, &missed, &wrong);
	TU_CHECK_MSG(strstr(text, " lost count=") != NULL,
	    "no loss reported (%zu of %d children missed)", missed, CHURN_N);
	TU_CHECK_MSG(missed > 0, "nothing was missed: no overrun");
	TU_CHECK_MSG(wrong == 0, "%zu children with a wrong status", wrong);
	free(text);
	free(kids);
}

/* The zombie of test_zombie_exit_time: exits with 4 and says when. */
static pid_t
zombie_make(double *when)
{
	struct timespec	ts;
	pid_t		pid;
	int		fd[2];

	CU_ASSERT_FATAL(pipe(fd) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		*when = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
		if (write(fd[1], when, sizeof *when) != sizeof *when)
			_exit(1);
		_exit(4);
	}
	close(fd[1]);
	CU_ASSERT(read(fd[0], when, sizeof *when) == sizeof *when);
	close(fd[0]);
	return pid;
}

/* The record of pid in the last line of a recording, as JSON. */
static json_t *
recording_last(const char *path, pid_t pid, json_t **root)
{
	char		*text = file_text(path), *last, *end;
	json_t		*procs, *p;
	json_error_t	 err;
	size_t		 i;

	end = text + strlen(text);
	while (end > text && end[-1] == '\n')
		*--end = '\0';
	last = strrchr(text, '\n');
	last = last != NULL ? last + 1 : text;
	*root = json_loads(last, 0, &err);
	free(text);
	if (*root == NULL)
		return NULL;
	procs = json_object_get(*root, "processes");
	json_array_foreach(procs, i, p)
		if (json_integer_value(json_object_get(p, "pid")) == pid)
			return p;
	return NULL;
}

static void
test_zombie_exit_time(void)
{
	static const char *const args[] = { "-b", "-d", "0.2", "-n", "8",
	    "--record", NULL, NULL };
	const char	*argv[8];
	char		 path[256];
	json_t		*root = NULL, *z, *t;
	double		 when = 0;
	pid_t		 tt, zombie;
	int		 status;

	snprintf(path, sizeof path, "%s/zombie.jsonl", tmpdir);
	memcpy(argv, args, sizeof args);
	argv[6] = path;
	tt = treetop_start(argv, NULL, NULL);
	CU_ASSERT_FATAL(tt > 0);
	CU_ASSERT_FATAL(file_wait(path, "\"events_source\":\"kernel\"",
	    WAIT_MS));
	/*
	 * After the third refresh: from the third on, with no event lost,
	 * a refresh lists no /proc directory, and knows of the zombie from
	 * its birth event alone.
	 */
	CU_ASSERT_FATAL(file_lines_wait(path, 3, WAIT_MS));
	zombie = zombie_make(&when);
	CU_ASSERT_EQUAL(waitpid(tt, &status, 0), tt);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	z = recording_last(path, zombie, &root);
	TU_CHECK_MSG(z != NULL, "zombie %d not in the last snapshot",
	    (int)zombie);
	t = z != NULL ? json_object_get(z, "exit_time") : NULL;
	TU_CHECK_MSG(json_is_number(t), "zombie %d has no exit_time",
	    (int)zombie);
	if (json_is_number(t))
		TU_CHECK_MSG(json_number_value(t) >= when - 0.001 &&
		    json_number_value(t) - when < 0.050, "exit_time %.3f, "
		    "exit at %.3f", json_number_value(t), when);
	t = z != NULL ? json_object_get(z, "exit_status") : NULL;
	CU_ASSERT(json_is_string(t) &&
	    strcmp(json_string_value(t), "exited 4") == 0);
	json_decref(root);
	CU_ASSERT_EQUAL(waitpid(zombie, &status, 0), zombie);
}

/* Run treetop (as nobody if asked) with args; its stdout (caller frees). */
static char *
run_treetop(const char *const *args, bool nobody)
{
	char		*out;
	size_t		 len;
	FILE		*f;
	pid_t		 pid;
	int		 fd[2], status;

	CU_ASSERT_FATAL(pipe(fd) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		if (nobody && (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 ||
		    setuid(NOBODY) < 0))
			_exit(126);
		exec_treetop(args);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	out = testutil_read_all(f, &len);
	fclose(f);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	TU_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "treetop %s%s: wait status %#x", args[0], nobody ? " as nobody" :
	    "", status);
	return out;
}

/* The second thread of leaderless(): told (a byte on its pipe), exit 6. */
static void *
leaderless_thread(void *arg)
{
	char	byte;

	if (read(*(int *)arg, &byte, 1) != 1)
		_exit(99);
	exit(6);
}

/*
 * Fork a child that dies with us.  In the parent: the child's pid, *go
 * the write end of a pipe whose read end the child gets in *rd.  In the
 * child: 0.
 */
static pid_t
fork_told(int *go, int *rd)
{
	pid_t	pid;
	int	fd[2];

	CU_ASSERT_FATAL(pipe(fd) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid > 0) {
		close(fd[0]);
		*go = fd[1];
		return pid;
	}
	close(fd[1]);
	*rd = fd[0];
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	return 0;
}

/*
 * A process whose leader thread exits (SYS_exit, as pthread_exit() in
 * main() does) while a second thread waits for a byte on *go, then ends
 * the process with exit(6).  Its pid.
 */
static pid_t
leaderless(int *go)
{
	static int	rd;
	pthread_t	t;
	pid_t		pid;

	if ((pid = fork_told(go, &rd)) > 0)
		return pid;
	prctl(PR_SET_NAME, "leaderless");
	if (pthread_create(&t, NULL, leaderless_thread, &rd) != 0)
		_exit(98);
	syscall(SYS_exit, 0);
	return -1;
}

/* Whether pid's leader thread has exited while another runs on. */
static bool
leader_gone(pid_t pid)
{
	char	path[64], *text;
	bool	gone;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	text = file_text(path);
	gone = strstr(text, "State:\tZ") != NULL &&
	    strstr(text, "Threads:\t2\n") != NULL;
	free(text);
	return gone;
}

/* How many times text holds needle. */
static size_t
count_of(const char *text, const char *needle)
{
	size_t	n = 0;

	while ((text = strstr(text, needle)) != NULL) {
		n++;
		text += strlen(needle);
	}
	return n;
}

/*
 * Its leader thread gone, the process lives on: no exit in --events and
 * no zombie in the tree until its last thread ends it, then one exit
 * with the status its parent gets.
 */
static void
test_leader_exits_first(void)
{
	static const char *const events[] = { "-b", "--events", "-d", "0.2",
	    NULL };
	const char	*tree[] = { "-b", "-n", "2", "-d", "0.2", "-p", NULL,
			    NULL };
	char		 path[256], pidarg[16], exited[64], *text;
	pid_t		 tt, pid;
	int		 go = -1, status = -1, waited;

	snprintf(path, sizeof path, "%s/leader.txt", tmpdir);
	tt = treetop_start(events, path, NULL);
	CU_ASSERT_FATAL(tt > 0);
	CU_ASSERT_FATAL(file_wait(path, "events_source=kernel", WAIT_MS));
	pid = leaderless(&go);
	for (waited = 0; !leader_gone(pid) && waited < WAIT_MS; waited += 10)
		testutil_sleep_ms(10);
	CU_ASSERT_FATAL(leader_gone(pid));
	snprintf(exited, sizeof exited, " exited pid=%d ", (int)pid);
	snprintf(pidarg, sizeof pidarg, "%d", (int)pid);
	tree[6] = pidarg;
	text = run_treetop(tree, false);
	TU_CHECK_MSG(strstr(text, "leaderless") != NULL &&
	    strstr(text, "<defunct>") == NULL, "its tree: %s", text);
	free(text);
	/* Five refreshes and more: time enough to say a wrong exit. */
	testutil_sleep_ms(1000);
	text = file_text(path);
	TU_CHECK_MSG(strstr(text, exited) == NULL, "an exit while it runs");
	free(text);
	CU_ASSERT(write(go, "g", 1) == 1);
	CU_ASSERT(file_wait(path, exited, WAIT_MS));
	CU_ASSERT(file_wait(path, "zombie pid=", WAIT_MS));
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 6);
	testutil_sleep_ms(500);
	treetop_stop(tt);
	text = file_text(path);
	CU_ASSERT_EQUAL(count_of(text, exited), 1);
	snprintf(exited, sizeof exited, " exited pid=%d ppid=%d "
	    "comm=leaderless status=\"exited 6\"", (int)pid, (int)getpid());
	TU_CHECK_MSG(strstr(text, exited) != NULL, "no %s", exited);
	free(text);
	close(go);
}

static void
test_nobody_polls(void)
{
	static const char *const events[] = { "-b", "--events", "-n", "1",
	    NULL };
	static const char *const json[] = { "--json", NULL };
	char	*out;

	out = run_treetop(events, true);
	TU_CHECK_MSG(strstr(out, " source events_source=polling why=\"") !=
	    NULL, "as nobody: %.200s", out);
	free(out);
	out = run_treetop(json, true);
	TU_CHECK_MSG(strstr(out, "\"events_source\": \"polling\"") != NULL ||
	    strstr(out, "\"events_source\":\"polling\"") != NULL,
	    "--json as nobody says no polling");
	free(out);
}

/*
 * A single snapshot listens to nothing: even as root, where a run that
 * refreshes says "kernel", --json says "polling" (the schema's words).
 */
static void
test_single_snapshot_polls(void)
{
	static const char *const json[] = { "--json", NULL };
	static const char *const events[] = { "-b", "--events", "-n", "2",
	    "-d", "0.1", NULL };
	char	*out;

	out = run_treetop(json, false);
	TU_CHECK_MSG(strstr(out, "\"events_source\": \"polling\"") != NULL,
	    "--json as root: %.200s", out);
	CU_ASSERT(strstr(out, "\"kernel\"") == NULL);
	free(out);
	out = run_treetop(events, false);
	TU_CHECK_MSG(strstr(out, " source events_source=kernel") != NULL,
	    "-b --events -n 2 as root: %.200s", out);
	free(out);
}

static int
suite_cleanup(void)
{
	static const char *const names[] = { "events.txt", "overrun.txt",
	    "zombie.jsonl", "probe.txt", "storm.jsonl", "replay.txt", "ghosts.jsonl", "leader.txt" };
	char	path[256];
	size_t	i;

	for (i = 0; i < RUNNER_COUNT(names); i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
}

/*
 * Whether the kernel's events reach treetop here; if not, skip (77), or
 * fail under CI, where they must.
 */
static void
require_kernel_events(void)
{
	static const char *const args[] = { "-b", "--events", "-n", "1",
	    NULL };
	char		 path[256], *text;
	const char	*ci = getenv("CI");
	pid_t		 tt;
	int		 status;
	bool		 kernel;

	snprintf(path, sizeof path, "%s/probe.txt", tmpdir);
	tt = treetop_start(args, path, NULL);
	if (tt < 0 || waitpid(tt, &status, 0) != tt)
		exit(99);
	text = file_text(path);
	kernel = strstr(text, "events_source=kernel") != NULL;
	if (!kernel)
		fprintf(stderr, "%s: no kernel process events here: %s\n",
		    program_invocation_short_name, text);
	free(text);
	if (!kernel) {
		suite_cleanup();
		exit(ci != NULL && strcmp(ci, "true") == 0 ? 1 : 77);
	}
}

/*
 * A crash loop for the explorer: once told (a byte on go), a zombie that
 * exits 5 and is never reaped, then a child every 20 ms that lives 1 ms
 * and exits 3, reaped, until SIGTERM.
 */
static pid_t
crash_loop(int *go)
{
	struct timespec	pause = { 0, 20000000 }, life = { 0, 1000000 };
	pid_t		pid, c;
	int		rd;
	char		byte;

	if ((pid = fork_told(go, &rd)) > 0)
		return pid;
	if (read(rd, &byte, 1) != 1 || fork() == 0)
		_exit(5);
	for (;;) {
		if ((c = fork()) == 0) {
			nanosleep(&life, NULL);
			_exit(3);
		}
		waitpid(c, NULL, 0);
		nanosleep(&pause, NULL);
	}
}

/* The explorer shows the short lives, the zombie's age, the parents. */
static void
test_explorer(void)
{
	struct tmuxfx	tx;
	char		row[64];
	pid_t		loop;
	int		go, status;

	memset(&tx, 0, sizeof tx);
	loop = crash_loop(&go);
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "lineage", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' -d 0.5 -p %d",
	    testutil_treetop_bin(), (int)loop) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "[events: kernel]", false));
	CU_ASSERT(write(go, "g", 1) == 1);
	CU_ASSERT(tmuxfx_wait(&tx, "[exited 3 after ", false));
	CU_ASSERT(tmuxfx_wait(&tx, "<defunct> exited 5, died ", false));
	CU_ASSERT(tmuxfx_wait(&tx, " forks/s, ", false));
	tmuxfx_type(&tx, "B", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "Busiest parents", false));
	snprintf(row, sizeof row, " %d ", (int)loop);
	CU_ASSERT(tmuxfx_wait(&tx, row, false));
	tmuxfx_stop(&tx);
	close(go);
	kill(loop, SIGKILL);
	CU_ASSERT_EQUAL(waitpid(loop, &status, 0), loop);
}

/* A ghost row's pid and its status ("exited 3"), from one screen line. */
static bool
ghost_row(const char *line, pid_t *pid, char *status, size_t size)
{
	const char	*from = strstr(line, "\u2500[exited ");
	const char	*to;
	long		 v;

	if (from == NULL || sscanf(line, " %ld", &v) != 1)
		return false;
	from += strlen("\u2500[");
	if ((to = strstr(from, " after ")) == NULL || (size_t)(to - from) >=
	    size)
		return false;
	memcpy(status, from, (size_t)(to - from));
	status[to - from] = '\0';
	*pid = (pid_t)v;
	return true;
}

/* The next line of *p into line (cut to size); false at the end. */
static bool
next_line(const char **p, char *line, size_t size)
{
	const char	*end = strchrnul(*p, '\n');
	size_t		 len = (size_t)(end - *p);

	if (**p == '\0')
		return false;
	len = len < size ? len : size - 1;
	memcpy(line, *p, len);
	line[len] = '\0';
	*p = *end != '\0' ? end + 1 : end;
	return true;
}

/*
 * The ghosts of one screen: how many, each checked against the crash
 * loop's truth (its children exit 3) and against the other screen (NULL:
 * none) where that shows the same pid, counted in *common.
 */
static size_t
ghosts_agree(const char *screen, const char *other, size_t *common)
{
	char		 line[LINE_MAX_], status[64], ostatus[64];
	const char	*p = screen, *q;
	size_t		 n = 0;
	pid_t		 pid, opid;

	while (next_line(&p, line, sizeof line)) {
		if (!ghost_row(line, &pid, status, sizeof status))
			continue;
		n++;
		TU_CHECK_MSG(strcmp(status, "exited 3") == 0, "ghost %d: %s",
		    (int)pid, status);
		for (q = other; q != NULL && next_line(&q, line, sizeof line);) {
			if (!ghost_row(line, &opid, ostatus, sizeof ostatus) ||
			    opid != pid)
				continue;
			(*common)++;
			TU_CHECK_MSG(strcmp(status, ostatus) == 0, "ghost %d: "
			    "%s live, %s loaded", (int)pid, ostatus, status);
		}
	}
	return n;
}

/*
 * The explorer records the crash loop; the recording loaded shows the
 * ghosts the live screen showed, with the same statuses.
 */
static void
test_recording_ghosts(void)
{
	struct tmuxfx	tx;
	char		rec[256], *live;
	size_t		common = 0, nlive, nloaded;
	pid_t		loop;
	int		go, status;

	snprintf(rec, sizeof rec, "%s/ghosts.jsonl", tmpdir);
	memset(&tx, 0, sizeof tx);
	loop = crash_loop(&go);
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "lineage-rec", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' -d 0.5 -p %d --record '%s'",
	    testutil_treetop_bin(), (int)loop, rec) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "[events: kernel]", false));
	CU_ASSERT(write(go, "g", 1) == 1);
	CU_ASSERT(tmuxfx_wait(&tx, "[exited 3 after ", false));
	live = strdup(tmuxfx_capture(&tx));
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
	close(go);
	kill(loop, SIGKILL);
	CU_ASSERT_EQUAL(waitpid(loop, &status, 0), loop);
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "lineage-load", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' --load '%s' -p %d",
	    testutil_treetop_bin(), rec, (int)loop) == 0);
	CU_ASSERT(tmuxfx_wait(&tx, "[exited 3 after ", false));
	nlive = ghosts_agree(live, NULL, &common);
	nloaded = ghosts_agree(tx.screen, live, &common);
	TU_CHECK_MSG(nlive > 0 && nloaded > 0 && common > 0, "%zu ghosts "
	    "live, %zu loaded, %zu on both", nlive, nloaded, common);
	tmuxfx_stop(&tx);
	free(live);
}

static const struct runner_test tests[] = {
	{ "2,000 short lives: every one, its parent, its status",
	    test_every_short_life },
	{ "a zombie's exit_time is its exit event's", test_zombie_exit_time },
	{ "a recording replays every short life", test_recording_replays },
	{ "as nobody it says it polls", test_nobody_polls },
	{ "a leader thread's exit is not its process's",
	    test_leader_exits_first },
	{ "a single snapshot says it polls, also as root",
	    test_single_snapshot_polls },
	{ "the explorer: ghosts with statuses, zombie age, busiest parents",
	    test_explorer },
	{ "a loaded recording shows the live run's ghosts",
	    test_recording_ghosts },
	{ "an overrun is reported, no status is wrong", test_overrun },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("lineage_live", NULL, suite_cleanup, tests);
	int					status;

	testutil_require_proc();
	testutil_require_root("process events and dropping to nobody");
	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_lineage_live: tmux is not installed\n");
		return 99;
	}
	if (mkdtemp(tmpdir) == NULL)
		return 99;
	require_kernel_events();
	status = runner_run(&suite, 1);
	suite_cleanup();
	return status;
}
