/*
 * Live tier, zombie hunting on real processes: a parent with zombies; a
 * PID namespace whose init never waits, has no SIGTERM handler and holds
 * a zombie of its own (A); another (C) whose init adopts two strays that
 * then die unreaped, one from another session (the static orphan rule
 * sees it) and one from our session (only the live rule does); a process
 * orphaned under our child subreaper in our own session; and a job whose
 * shell is killed, leaving an orphaned process group with a stopped
 * member in a leaderless session.  The adoptions happen while a
 * recording runs.  The JSON (zombie_parents, reapers, orphaned_pgroups,
 * leaderless_sessions), the --batch marks, the --zombies view, the
 * --events lines and the recording replayed with --load are checked
 * against what was built and against /proc read by the independent
 * oracle (tests/liveproc.c).  Needs root (for PID namespaces) and
 * /proc: exits 77 without either.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/livefx.h"
#include "tests/runner.h"
#include "tests/testutil.h"

/* Bound on the wait for the recorder's lines: a slow scan is no failure. */
#define REC_WAIT_MS	60000
/* It stops on SIGTERM; -n only bounds it if this test dies first. */
#define REC_MAX		"3000"

#define SIGBIT(sig)	(UINT64_C(1) << ((sig) - 1))

static struct livefx	fx;
static char		dir[64];
static char		rec_path[128];	/* the recording */
static char		ev_path[128];	/* what --events printed meanwhile */
static char		last_path[128];	/* its last line alone */
static pid_t		rec_pid;	/* the recorder while it runs */
static off_t		rec_off;	/* how far rec_lines() has read */
static size_t		rec_seen;	/* and the newlines it found */
static char		short_path[128];	/* a batch -n recording */

/* Run treetop with args and parse its stdout as one JSON document. */
static json_t *
run_json(const char *args)
{
	char		 cmd[1024];
	json_error_t	 err;
	json_t		*root;
	FILE		*f;

	snprintf(cmd, sizeof cmd, "'%s' %s", testutil_treetop_bin(), args);
	if ((f = popen(cmd, "r")) == NULL)
		return NULL;
	root = json_loadf(f, 0, &err);
	pclose(f);
	if (root == NULL)
		fprintf(stderr, "%s: %s\n", cmd, err.text);
	return root;
}

static json_int_t
int_of(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static json_t *
find_by(json_t *array, const char *key, json_int_t value)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(array, i, v)
		if (int_of(v, key) == value)
			return v;
	return NULL;
}

static bool
has_string(json_t *array, const char *s)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(array, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/* The process pid in a document, or NULL. */
static json_t *
doc_proc(json_t *root, pid_t pid)
{
	return find_by(json_object_get(root, "processes"), "pid", pid);
}

static bool
proc_flagged(json_t *root, pid_t pid, const char *flag)
{
	json_t	*p = doc_proc(root, pid);

	return p != NULL && has_string(json_object_get(p, "flags"), flag);
}

static pid_t
ad(enum livefx_adrole role)
{
	return fx.ad[role].outer;
}

/* Complete lines in path: each snapshot is one, ended by its newline. */
static size_t
count_lines(const char *path)
{
	FILE	*f = fopen(path, "r");
	size_t	 n = 0;
	int	 c;

	if (f == NULL)
		return 0;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/*
 * The recorder's lines so far.  A line of this machine is megabytes:
 * only what was added since the last look is read.
 */
static size_t
rec_lines(void)
{
	static char	 buf[65536];
	FILE		*f;
	size_t		 got, i;

	if ((f = fopen(rec_path, "r")) == NULL)
		return rec_seen;
	if (fseeko(f, rec_off, SEEK_SET) == 0)
		while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
			for (i = 0; i < got; i++)
				rec_seen += buf[i] == '\n';
			rec_off += (off_t)got;
		}
	fclose(f);
	return rec_seen;
}

/* Wait until the recorder has written n lines; false if it ended first. */
static bool
wait_lines(size_t n)
{
	int64_t	deadline = testutil_now_ms() + REC_WAIT_MS;
	int	status;

	while (rec_lines() < n) {
		if (waitpid(rec_pid, &status, WNOHANG) == rec_pid) {
			fprintf(stderr, "recorder ended early (status %#x)\n",
			    status);
			rec_pid = 0;
			return false;
		}
		if (testutil_now_ms() > deadline)
			return false;
		testutil_sleep_ms(10);
	}
	return true;
}

/* SIGTERM the recorder and collect it; its exit status, or -1. */
static int
stop_recorder(void)
{
	pid_t	got;
	int	status = 0;

	if (rec_pid <= 0)
		return -1;
	kill(rec_pid, SIGTERM);
	while ((got = waitpid(rec_pid, &status, 0)) < 0 && errno == EINTR)
		continue;
	rec_pid = 0;
	return got > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
suite_init(void)
{
	int	r;

	snprintf(dir, sizeof dir, "/tmp/treetop-reap-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(rec_path, sizeof rec_path, "%s/rec.jsonl", dir);
	snprintf(ev_path, sizeof ev_path, "%s/events.txt", dir);
	snprintf(last_path, sizeof last_path, "%s/last.json", dir);
	snprintf(short_path, sizeof short_path, "%s/short.jsonl", dir);
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_pidns(&fx)) < 0 || (r = livefx_chain(&fx)) < 0 ||
	    (r = livefx_adopt(&fx)) < 0 || (r = livefx_job(&fx)) < 0) {
		fprintf(stderr, "scenario: %s\n", strerror(-r));
		livefx_teardown(&fx);
		return 1;
	}
	return 0;
}

static int
suite_cleanup(void)
{
	stop_recorder();
	unlink(rec_path);
	unlink(ev_path);
	unlink(last_path);
	unlink(short_path);
	rmdir(dir);
	return livefx_teardown(&fx) < 0;
}

/* The parent that never waits: grouped with its zombies. */
static void
test_zombie_parents(void)
{
	json_t	*root = run_json("--json");
	json_t	*zp, *list;
	size_t	 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	zp = find_by(json_object_get(root, "zombie_parents"), "pid",
	    fx.zparent);
	CU_ASSERT_PTR_NOT_NULL(zp);
	if (zp != NULL) {
		CU_ASSERT_EQUAL(int_of(zp, "count"), LIVEFX_ZOMBIES);
		list = json_object_get(zp, "zombies");
		for (i = 0; i < LIVEFX_ZOMBIES; i++)
			CU_ASSERT(json_array_size(list) == LIVEFX_ZOMBIES &&
			    doc_proc(root, fx.zombies[i]) != NULL);
	}
	json_decref(root);
}

/* The reaper entry whose init is init, or NULL. */
static json_t *
find_reaper(json_t *root, pid_t init)
{
	return find_by(json_object_get(root, "reapers"), "init_pid", init);
}

/* Namespace A's init: never waits, no SIGTERM handler, holds a zombie. */
static void
test_reaper_verdict(void)
{
	json_t		*root = run_json("--json");
	json_t		*r, *v;
	pid_t		 init = fx.ns[LIVEFX_NS_A_INIT].outer;

	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	r = find_reaper(root, init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(int_of(r, "unreaped_zombies"), 1);
	CU_ASSERT(json_is_false(json_object_get(r, "handles_sigterm")));
	CU_ASSERT(has_string(json_object_get(r, "verdict"), "not-reaping"));
	CU_ASSERT(has_string(json_object_get(r, "verdict"),
	    "ignores-sigterm"));
	/* Its zombie is its own child, not one it adopted. */
	CU_ASSERT_EQUAL(int_of(r, "adopted"), 0);
	/* Its zombie is listed under it, with the decoded status. */
	v = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	CU_ASSERT(v != NULL && int_of(v, "count") == 1);
	v = doc_proc(root, fx.ns[LIVEFX_NS_A_ZOMBIE].outer);
	CU_ASSERT(v != NULL && json_is_string(json_object_get(v,
	    "exit_status")));
	json_decref(root);
}

/* Whether the events file has a line holding both needles. */
static bool
has_event(const char *a, const char *b)
{
	char	 line[1024];
	FILE	*f = fopen(ev_path, "r");
	bool	 found = false;

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof line, f) != NULL)
		found = strstr(line, a) != NULL &&
		    (b == NULL || strstr(line, b) != NULL);
	fclose(f);
	return found;
}

/*
 * A recording runs, with --events, while the orphans are made: first the
 * chain's middle is killed (we, a subreaper in the same session, adopt
 * the grandchild), and C's middles exit (its init adopts the strays);
 * then the strays die.  Each step waits for lines the recorder wrote
 * after it, so the history holds every stage whatever the machine's
 * speed: a line scanned before the step is the one being written when it
 * is taken, at worst, so the second line after it was scanned after it.
 */
static void
test_recording_made(void)
{
	char	a[96], b[96], cmd[320];
	bool	ok;
	int	fd;

	CU_ASSERT_FATAL(!fx.chain_cut && fx.ad_stage == LIVEFX_AD_BUILT);
	unlink(rec_path);
	rec_off = 0;
	rec_seen = 0;
	rec_pid = fork();
	if (rec_pid == 0) {
		if ((fd = open(ev_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) <
		    0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		execl(testutil_treetop_bin(), "treetop", "-b", "--events",
		    "-d", "0.1", "-n", REC_MAX, "--record", rec_path,
		    (char *)NULL);
		_exit(127);
	}
	CU_ASSERT_FATAL(rec_pid > 0);
	/* No FATAL from here until the recorder is stopped. */
	ok = wait_lines(1);
	ok = ok && livefx_chain_cut(&fx) == 0 && livefx_adopt_cut(&fx) == 0;
	ok = ok && wait_lines(rec_lines() + 2);
	ok = ok && livefx_adopt_exit(&fx) == 0;
	/* Two lines that saw them dead: a zombie's age needs two. */
	ok = ok && wait_lines(rec_lines() + 3);
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(stop_recorder(), 0);
	CU_ASSERT_FATAL(ok);

	/* The events it printed meanwhile, one line each. */
	snprintf(a, sizeof a, " reparented pid=%d ppid=%d->%d ",
	    (int)fx.chain[2], (int)fx.chain[1], (int)fx.self);
	CU_ASSERT(has_event(a, NULL));
	snprintf(a, sizeof a, " reparented pid=%d ppid=%d->%d ",
	    (int)ad(LIVEFX_AD_STRAY_SID), (int)ad(LIVEFX_AD_MID_SID),
	    (int)ad(LIVEFX_AD_INIT));
	CU_ASSERT(has_event(a, NULL));
	snprintf(a, sizeof a, " reparented pid=%d ppid=%d->%d ",
	    (int)ad(LIVEFX_AD_STRAY), (int)ad(LIVEFX_AD_MID),
	    (int)ad(LIVEFX_AD_INIT));
	CU_ASSERT(has_event(a, NULL));
	snprintf(a, sizeof a, " zombie pid=%d ppid=%d ",
	    (int)ad(LIVEFX_AD_STRAY_SID), (int)ad(LIVEFX_AD_INIT));
	snprintf(b, sizeof b, " status=\"exited %d\"",
	    WEXITSTATUS(LIVEFX_AD_STATUS_SID));
	CU_ASSERT(has_event(a, b));
	snprintf(a, sizeof a, " zombie pid=%d ppid=%d ",
	    (int)ad(LIVEFX_AD_STRAY), (int)ad(LIVEFX_AD_INIT));
	CU_ASSERT(has_event(a, " status=\"killed by SIGTERM\""));
	/* The keeper reaped the middles: gone, never zombies. */
	snprintf(a, sizeof a, " exited pid=%d ppid=%d ",
	    (int)ad(LIVEFX_AD_MID), (int)ad(LIVEFX_AD_KEEPER));
	CU_ASSERT(has_event(a, NULL));

	/* The last line alone, a snapshot without history, for later. */
	snprintf(cmd, sizeof cmd, "tail -n 1 '%s' > '%s'", rec_path,
	    last_path);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

/*
 * The chain's grandchild, adopted by us in our own session: replaying
 * the recording must mark it orphan; its last snapshot alone cannot.
 */
static void
test_recording_live_orphan(void)
{
	char		 args[512];
	json_t		*root, *p;

	snprintf(args, sizeof args, "--load '%s' --json", rec_path);
	root = run_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	p = doc_proc(root, fx.chain[2]);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL) {
		CU_ASSERT_EQUAL(int_of(p, "ppid"), fx.self);
		CU_ASSERT(has_string(json_object_get(p, "flags"), "orphan"));
	}
	json_decref(root);
	snprintf(args, sizeof args, "--load '%s' --json", last_path);
	root = run_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	p = doc_proc(root, fx.chain[2]);
	CU_ASSERT(p != NULL && int_of(p, "ppid") == fx.self &&
	    !has_string(json_object_get(p, "flags"), "orphan"));
	json_decref(root);
}

/*
 * Whether --load reads every line of path: a line treetop wrote and its
 * loader skips (it says so on stderr) is a bug of one or the other.
 */
static bool
loads_whole(const char *path)
{
	char	 cmd[512], err[160], line[512];
	FILE	*f;
	bool	 clean;

	snprintf(err, sizeof err, "%s.err", path);
	snprintf(cmd, sizeof cmd, "'%s' --load '%s' --json >/dev/null "
	    "2>'%s'", testutil_treetop_bin(), path, err);
	clean = system(cmd) == 0;
	if ((f = fopen(err, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			fprintf(stderr, "%s", line);
			clean = false;
		}
		fclose(f);
	}
	unlink(err);
	return clean;
}

/* What the recording holds of one stray, line by line. */
struct history {
	int	stage;		/* 0 under its middle, 1 alive under the init,
				   2 a zombie under the init; -1 out of order */
	unsigned seen;		/* bit i: stage i was seen */
	double	dead_since;	/* time of the first line it is a zombie in */
	double	last;		/* time of the last line */
};

/*
 * Read the recording with jansson, line by line, and follow one stray
 * through the stages: proof that the history spans what is checked.
 */
static void
follow(enum livefx_adrole stray, struct history *h)
{
	FILE		*f = fopen(rec_path, "r");
	char		*line = NULL;
	size_t		 cap = 0;
	json_t		*root, *p;
	const char	*state;
	int		 stage;

	memset(h, 0, sizeof *h);
	if (f == NULL) {
		h->stage = -1;
		return;
	}
	while (getline(&line, &cap, f) > 0 && h->stage >= 0) {
		if ((root = json_loads(line, 0, NULL)) == NULL) {
			h->stage = -1;
			break;
		}
		h->last = json_number_value(json_object_get(root, "time"));
		p = doc_proc(root, ad(stray));
		state = p != NULL ? json_string_value(json_object_get(p,
		    "state")) : NULL;
		if (p == NULL || state == NULL)
			stage = -1;
		else if (int_of(p, "ppid") == ad(stray - 1))
			stage = 0;
		else if (int_of(p, "ppid") != ad(LIVEFX_AD_INIT))
			stage = -1;
		else
			stage = strcmp(state, "Z") == 0 ? 2 : 1;
		if (stage < h->stage)
			stage = -1;	/* back in time */
		else if (stage == 2 && !(h->seen & 4))
			h->dead_since = h->last;
		if (stage >= 0)
			h->seen |= 1u << stage;
		h->stage = stage;
		json_decref(root);
	}
	free(line);
	fclose(f);
}

/* Whether list is both strays' PIDs, ascending. */
static bool
is_strays(json_t *list)
{
	pid_t	a = ad(LIVEFX_AD_STRAY_SID), b = ad(LIVEFX_AD_STRAY);

	return json_array_size(list) == 2 &&
	    json_integer_value(json_array_get(list, 0)) == (a < b ? a : b) &&
	    json_integer_value(json_array_get(list, 1)) == (a < b ? b : a);
}

/* The earlier exit_time of zombies a and b, or 0 if either has none. */
static double
exit_time_of(json_t *root, pid_t a, pid_t b)
{
	json_t	*pa = find_by(json_object_get(root, "processes"), "pid", a);
	json_t	*pb = find_by(json_object_get(root, "processes"), "pid", b);
	json_t	*ta = pa != NULL ? json_object_get(pa, "exit_time") : NULL;
	json_t	*tb = pb != NULL ? json_object_get(pb, "exit_time") : NULL;

	if (!json_is_number(ta) || !json_is_number(tb))
		return 0;
	return json_number_value(ta) < json_number_value(tb) ?
	    json_number_value(ta) : json_number_value(tb);
}

/*
 * C's strays through the recording: both were adopted (the live rule
 * saw the one from our session change parents), both died unreaped, and
 * the init's zombies have an age.  The last line alone sees only the one
 * from another session adopted, and no age.
 */
static void
test_recording_adopted(void)
{
	struct history	 h[2];
	char		 args[512];
	json_t		*root, *r, *zp, *list;
	pid_t		 init = ad(LIVEFX_AD_INIT);
	double		 since, want;

	follow(LIVEFX_AD_STRAY_SID, &h[0]);
	follow(LIVEFX_AD_STRAY, &h[1]);
	/* Seen under its middle, then alive under the init, then dead. */
	CU_ASSERT_FATAL(h[0].stage == 2 && h[0].seen == 7);
	CU_ASSERT_FATAL(h[1].stage == 2 && h[1].seen == 7);
	since = h[0].dead_since < h[1].dead_since ? h[0].dead_since :
	    h[1].dead_since;
	want = h[0].last - since;
	CU_ASSERT(want > 0);
	CU_ASSERT(loads_whole(rec_path));

	snprintf(args, sizeof args, "--load '%s' --json", rec_path);
	root = run_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	r = find_reaper(root, init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(int_of(r, "unreaped_zombies"), 2);
	CU_ASSERT_EQUAL(int_of(r, "adopted"), 2);
	CU_ASSERT(json_is_false(json_object_get(r, "handles_sigterm")));
	CU_ASSERT(has_string(json_object_get(r, "verdict"), "not-reaping"));
	CU_ASSERT(has_string(json_object_get(r, "verdict"),
	    "ignores-sigterm"));
	CU_ASSERT(proc_flagged(root, ad(LIVEFX_AD_STRAY_SID), "orphan"));
	CU_ASSERT(proc_flagged(root, ad(LIVEFX_AD_STRAY), "orphan"));
	CU_ASSERT(proc_flagged(root, ad(LIVEFX_AD_STRAY), "zombie"));
	zp = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(zp);
	list = json_object_get(zp, "zombies");
	CU_ASSERT_EQUAL(int_of(zp, "count"), 2);
	CU_ASSERT(is_strays(list));
	/*
	 * From the first line that saw one dead to the last line, or with
	 * the kernel's events from the earliest exit event.
	 */
	since = exit_time_of(root, ad(LIVEFX_AD_STRAY_SID),
	    ad(LIVEFX_AD_STRAY));
	if (since > 0)
		want = h[0].last - since;
	CU_ASSERT(json_is_real(json_object_get(zp, "oldest_seen")));
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(zp,
	    "oldest_seen")), want, 1e-6);
	json_decref(root);

	snprintf(args, sizeof args, "--load '%s' --json", last_path);
	root = run_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	r = find_reaper(root, init);
	CU_ASSERT(r != NULL && int_of(r, "adopted") == 1 &&
	    int_of(r, "unreaped_zombies") == 2);
	CU_ASSERT(proc_flagged(root, ad(LIVEFX_AD_STRAY_SID), "orphan"));
	CU_ASSERT_FALSE(proc_flagged(root, ad(LIVEFX_AD_STRAY), "orphan"));
	zp = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	/* One line alone knows an age only from the exit events. */
	CU_ASSERT(zp != NULL && json_is_null(json_object_get(zp,
	    "oldest_seen")) == (exit_time_of(root, ad(LIVEFX_AD_STRAY_SID),
	    ad(LIVEFX_AD_STRAY)) == 0));
	json_decref(root);
}

/* The "time" of line n (from 1) of path, or NAN. */
static double
line_time(const char *path, size_t n)
{
	FILE	*f = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0, i;
	json_t	*root;
	double	 t = NAN;

	if (f == NULL)
		return t;
	for (i = 0; i < n && getline(&line, &cap, f) > 0; i++)
		continue;
	if (i == n && (root = json_loads(line, 0, NULL)) != NULL) {
		t = json_number_value(json_object_get(root, "time"));
		json_decref(root);
	}
	free(line);
	fclose(f);
	return t;
}

/*
 * The aftermath, recorded in batch mode: -n 3 writes three lines.  Its
 * history starts with the strays already dead, so their age counts from
 * the first line, and the adoption in our session is not in it.
 */
static void
test_short_recording(void)
{
	char	 cmd[512];
	json_t	*root, *r, *zp;
	pid_t	 init = ad(LIVEFX_AD_INIT);

	CU_ASSERT_EQUAL_FATAL(livefx_adopt_exit(&fx), 0);
	snprintf(cmd, sizeof cmd, "'%s' -b -n 3 -d 0.1 --record '%s' "
	    ">/dev/null", testutil_treetop_bin(), short_path);
	CU_ASSERT_EQUAL(system(cmd), 0);
	CU_ASSERT_EQUAL_FATAL(count_lines(short_path), 3);
	CU_ASSERT(loads_whole(short_path));
	snprintf(cmd, sizeof cmd, "--load '%s' --json", short_path);
	root = run_json(cmd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	r = find_reaper(root, init);
	CU_ASSERT(r != NULL && int_of(r, "adopted") == 1 &&
	    int_of(r, "unreaped_zombies") == 2);
	CU_ASSERT(proc_flagged(root, ad(LIVEFX_AD_STRAY_SID), "orphan"));
	CU_ASSERT_FALSE(proc_flagged(root, ad(LIVEFX_AD_STRAY), "orphan"));
	zp = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(zp);
	CU_ASSERT(is_strays(json_object_get(zp, "zombies")));
	CU_ASSERT(json_is_real(json_object_get(zp, "oldest_seen")));
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(zp,
	    "oldest_seen")), line_time(short_path, 3) -
	    line_time(short_path, 1), 1e-6);
	json_decref(root);
}

/* One line of the batch view. */
struct row {
	long	pid, ppid;
	char	state;
	char	mark[16];
	char	text[512];
};

/* Run treetop -b with args; the rows it printed (header left out). */
static size_t
run_rows(const char *args, struct row *rows, size_t max)
{
	char	 cmd[1024], line[4096];
	FILE	*f;
	size_t	 n = 0;

	snprintf(cmd, sizeof cmd, "'%s' -b --ascii %s", testutil_treetop_bin(),
	    args);
	if ((f = popen(cmd, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		struct row	*r = &rows[n];

		if (n < max && sscanf(line, "%ld %ld %*d %*d %*s %*s %c %15s",
		    &r->pid, &r->ppid, &r->state, r->mark) == 4) {
			snprintf(r->text, sizeof r->text, "%.*s",
			    (int)sizeof r->text - 1, line);
			n++;
		}
	}
	pclose(f);
	return n;
}

static const struct row *
find_row(const struct row *rows, size_t n, pid_t pid)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (rows[i].pid == pid)
			return &rows[i];
	return NULL;
}

/* The replayed recording's --zombies view marks the strays orphan. */
static void
test_recording_view(void)
{
	static struct row	 rows[4096];
	const struct row	*r;
	char			 args[512];
	size_t			 n;

	snprintf(args, sizeof args, "--load '%s' --zombies", rec_path);
	n = run_rows(args, rows, RUNNER_COUNT(rows));
	r = find_row(rows, n, ad(LIVEFX_AD_INIT));
	CU_ASSERT(r != NULL && strstr(r->text, "[holds 2 zombies]") != NULL);
	r = find_row(rows, n, ad(LIVEFX_AD_STRAY));
	CU_ASSERT(r != NULL && r->state == 'Z' && strcmp(r->mark, "ZO") == 0);
	r = find_row(rows, n, ad(LIVEFX_AD_STRAY_SID));
	CU_ASSERT(r != NULL && strcmp(r->mark, "ZO") == 0);
	/* Without the history, the one from our session is no orphan. */
	snprintf(args, sizeof args, "--load '%s' --zombies", last_path);
	n = run_rows(args, rows, RUNNER_COUNT(rows));
	r = find_row(rows, n, ad(LIVEFX_AD_STRAY));
	CU_ASSERT(r != NULL && strcmp(r->mark, "Z") == 0);
	r = find_row(rows, n, ad(LIVEFX_AD_STRAY_SID));
	CU_ASSERT(r != NULL && strcmp(r->mark, "ZO") == 0);
}

/*
 * C's init and strays now, in one snapshot, against /proc: what the
 * oracle reads is what treetop claims, and the claims follow from it.
 */
static void
test_adopted_live(void)
{
	static const enum livefx_adrole	 strays[] = {
		LIVEFX_AD_STRAY_SID, LIVEFX_AD_STRAY
	};
	static const int		 status[] = {
		LIVEFX_AD_STATUS_SID, LIVEFX_AD_STATUS
	};
	struct liveproc			*o, *oi;
	json_t				*root, *r, *zp, *p, *ns, *list;
	pid_t				 init = ad(LIVEFX_AD_INIT);
	size_t				 i, j;

	CU_ASSERT_EQUAL_FATAL(livefx_adopt_exit(&fx), 0);
	o = calloc(1, sizeof *o);
	oi = calloc(1, sizeof *oi);
	CU_ASSERT_FATAL(o != NULL && oi != NULL);
	/* The init: PID 1 of C, neither catching nor blocking SIGTERM. */
	CU_ASSERT_FATAL(liveproc_read(init, oi) == 0);
	CU_ASSERT(oi->nspid_len == 2 && oi->nspid[1] == 1);
	CU_ASSERT_FALSE((oi->sig_caught | oi->sig_blocked) & SIGBIT(SIGTERM));
	root = run_json("--json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	for (i = 0; i < RUNNER_COUNT(strays); i++) {
		pid_t	pid = ad(strays[i]);

		CU_ASSERT_FATAL(liveproc_read(pid, o) == 0);
		/* What /proc says: a zombie of the init, status uncollected. */
		CU_ASSERT(o->state == 'Z' && o->ppid == init);
		CU_ASSERT_EQUAL(o->exit_code, status[i]);
		CU_ASSERT(o->nspid_len == 2 &&
		    o->nspid[1] == fx.ad[strays[i]].inner);
		/* Another session than its parent's, not its own: static. */
		CU_ASSERT_EQUAL(o->sid != oi->sid && o->sid != o->pid,
		    strays[i] == LIVEFX_AD_STRAY_SID);
		/* What treetop says of it. */
		p = doc_proc(root, pid);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_EQUAL(int_of(p, "ppid"), o->ppid);
		CU_ASSERT_EQUAL(int_of(p, "sid"), o->sid);
		CU_ASSERT_EQUAL(int_of(p, "exit_code"), o->exit_code);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(p,
		    "state")), "Z");
		ns = json_object_get(p, "nspid");
		CU_ASSERT_EQUAL(json_array_size(ns), (size_t)o->nspid_len);
		for (j = 0; j < json_array_size(ns) && j < NSPID_MAX; j++)
			CU_ASSERT_EQUAL(json_integer_value(json_array_get(ns,
			    j)), o->nspid[j]);
		CU_ASSERT(has_string(json_object_get(p, "flags"), "zombie"));
		/* One snapshot: only the static rule can say orphan. */
		CU_ASSERT_EQUAL(has_string(json_object_get(p, "flags"),
		    "orphan"), strays[i] == LIVEFX_AD_STRAY_SID);
	}
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(doc_proc(root,
	    fx.ad[LIVEFX_AD_STRAY].outer), "exit_status")),
	    "killed by SIGTERM");
	r = find_reaper(root, init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL((uint64_t)int_of(r, "pidns"), oi->ns[NS_PID]);
	CU_ASSERT(json_is_false(json_object_get(r, "handles_sigterm")));
	CU_ASSERT_EQUAL(int_of(r, "unreaped_zombies"), 2);
	CU_ASSERT_EQUAL(int_of(r, "adopted"), 1);
	CU_ASSERT(has_string(json_object_get(r, "verdict"), "not-reaping"));
	CU_ASSERT(has_string(json_object_get(r, "verdict"),
	    "ignores-sigterm"));
	zp = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(zp);
	CU_ASSERT_EQUAL(int_of(zp, "count"), 2);
	list = json_object_get(zp, "zombies");
	CU_ASSERT(is_strays(list));
	CU_ASSERT(json_is_null(json_object_get(zp, "oldest_seen")));
	/* The keeper reaped what it forked: no zombie parent. */
	CU_ASSERT_PTR_NULL(find_by(json_object_get(root, "zombie_parents"),
	    "pid", ad(LIVEFX_AD_KEEPER)));
	json_decref(root);
	free(o);
	free(oi);
}

/*
 * --zombies -b: the zombies, their parents and ancestors, nothing else.
 * Within the one snapshot printed, a row that is no zombie must have a
 * child row (it is a parent or an ancestor of one); our zombies appear
 * with every ancestor /proc gives them, and what holds none does not.
 */
static void
test_zombies_view(void)
{
	static struct row	 rows[4096];
	const pid_t		 unrelated[] = {
		fx.chain[2], fx.ns[LIVEFX_NS_B_CHILD].outer,
		ad(LIVEFX_AD_KEEPER)
	};
	struct liveproc		 o;
	const struct row	*r;
	pid_t			 ours[LIVEFX_ZOMBIES + 3], pid;
	size_t			 n, i, j, bare = 0, missing = 0;
	int			 hops;

	CU_ASSERT_EQUAL_FATAL(livefx_adopt_exit(&fx), 0);
	n = run_rows("--zombies", rows, RUNNER_COUNT(rows));
	CU_ASSERT_FATAL(n > 0);
	for (i = 0; i < n; i++) {
		if (rows[i].state == 'Z')
			continue;
		for (j = 0; j < n && rows[j].ppid != rows[i].pid; j++)
			continue;
		if (j == n) {
			fprintf(stderr, "unrelated row: %s", rows[i].text);
			bare++;
		}
	}
	CU_ASSERT_EQUAL(bare, 0);
	r = find_row(rows, n, fx.zparent);
	CU_ASSERT(r != NULL && strstr(r->text, "[holds 3 zombies]") != NULL);
	r = find_row(rows, n, fx.ns[LIVEFX_NS_A_INIT].outer);
	CU_ASSERT(r != NULL && strstr(r->text, "[holds 1 zombie]") != NULL);
	r = find_row(rows, n, ad(LIVEFX_AD_INIT));
	CU_ASSERT(r != NULL && strstr(r->text, "[holds 2 zombies]") != NULL);
	for (i = 0; i < LIVEFX_ZOMBIES; i++)
		ours[i] = fx.zombies[i];
	ours[i++] = fx.ns[LIVEFX_NS_A_ZOMBIE].outer;
	ours[i++] = ad(LIVEFX_AD_STRAY_SID);
	ours[i++] = ad(LIVEFX_AD_STRAY);
	for (i = 0; i < RUNNER_COUNT(ours); i++) {
		r = find_row(rows, n, ours[i]);
		CU_ASSERT(r != NULL && r->state == 'Z' &&
		    strstr(r->text, "<defunct>") != NULL);
		/* Up to PID 1 as /proc has it: our ancestors stay put. */
		for (pid = ours[i], hops = 0; pid > 0 && hops < 64; hops++) {
			if (liveproc_read_stat(pid, &o) < 0)
				break;
			if (find_row(rows, n, pid) == NULL) {
				fprintf(stderr, "missing ancestor %d\n",
				    (int)pid);
				missing++;
			}
			pid = o.ppid;
		}
	}
	CU_ASSERT_EQUAL(missing, 0);
	for (i = 0; i < RUNNER_COUNT(unrelated); i++)
		CU_ASSERT_PTR_NULL(find_row(rows, n, unrelated[i]));
}

/* Whether sig is pending for pid, to the thread or the process. */
static bool
sig_pending(pid_t pid, int sig)
{
	char		 path[64], line[256];
	unsigned long long mask;
	FILE		*f;
	bool		 pending = false;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	while (fgets(line, sizeof line, f) != NULL)
		if ((sscanf(line, "SigPnd: %llx", &mask) == 1 ||
		    sscanf(line, "ShdPnd: %llx", &mask) == 1) &&
		    (mask & SIGBIT(sig)))
			pending = true;
	fclose(f);
	return pending;
}

/*
 * "ignores-sigterm" is what the kernel does: PID 1 of C has no handler,
 * so SIGTERM, even from the parent namespace, is dropped when sent
 * (docker stop's first signal).  Had it been taken, it would be pending
 * or the init dying; it is neither, and a later scan still finds it.
 */
static void
test_sigterm_ignored(void)
{
	struct liveproc	 o;
	json_t		*root;
	pid_t		 init = ad(LIVEFX_AD_INIT);

	CU_ASSERT_EQUAL_FATAL(kill(init, SIGTERM), 0);
	CU_ASSERT_FALSE(sig_pending(init, SIGTERM));
	root = run_json("--json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT(find_reaper(root, init) != NULL &&
	    has_string(json_object_get(find_reaper(root, init), "verdict"),
	    "ignores-sigterm"));
	json_decref(root);
	CU_ASSERT(liveproc_read_stat(init, &o) == 0 && o.state == 'S');
}

/* The MARK field of pid's line in `treetop -b -p pid`, or "?". */
static const char *
batch_marks(pid_t pid, char *buf, size_t size)
{
	char	 cmd[512], line[4096], f[8][32];
	FILE	*out;

	snprintf(buf, size, "?");
	snprintf(cmd, sizeof cmd, "'%s' -b -p %d", testutil_treetop_bin(),
	    (int)pid);
	if ((out = popen(cmd, "r")) == NULL)
		return buf;
	while (fgets(line, sizeof line, out) != NULL)
		if (sscanf(line, "%31s %31s %31s %31s %31s %31s %31s %31s",
		    f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]) == 8 &&
		    atol(f[0]) == (long)pid)
			snprintf(buf, size, "%s", f[7]);
	pclose(out);
	return buf;
}

/*
 * A job control shell leads a session; its job (a group of two, one
 * stopped) is tied to the session by it: no G, no S.  Kill the shell:
 * the group is orphaned (its leader's parent is now us, in another
 * session) and the kernel agrees, as it continues the stopped member
 * with SIGHUP+SIGCONT; the session has lost its leader.  --batch marks
 * both members G and S; the adopted leader O too, and D, as it leads its
 * group without a terminal under a reaper, as a double fork leaves a
 * daemon.  The JSON lists the group and the session.
 */
static void
test_orphaned_pgroup(void)
{
	char	 m[32];
	json_t	*root, *g;
	pid_t	 shell = fx.job_shell;

	CU_ASSERT_PTR_NULL(strpbrk(batch_marks(fx.job[0], m, sizeof m),
	    "GS?"));
	CU_ASSERT_PTR_NULL(strpbrk(batch_marks(fx.job[1], m, sizeof m),
	    "GS?"));
	CU_ASSERT_EQUAL_FATAL(livefx_job_orphan(&fx), 0);
	CU_ASSERT_STRING_EQUAL(batch_marks(fx.job[0], m, sizeof m), "ODGS");
	CU_ASSERT_STRING_EQUAL(batch_marks(fx.job[1], m, sizeof m), "GS");
	root = run_json("--json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	g = find_by(json_object_get(root, "orphaned_pgroups"), "pgid",
	    fx.job[0]);
	CU_ASSERT(g != NULL && json_integer_value(json_object_get(g,
	    "sid")) == shell && json_integer_value(json_object_get(g,
	    "members")) == 2);
	CU_ASSERT(find_by(json_object_get(root, "leaderless_sessions"),
	    "sid", shell) != NULL);
	json_decref(root);
}

static const struct runner_test tests[] = {
	{ "zombie parents", test_zombie_parents },
	{ "reaper verdict of a namespace init", test_reaper_verdict },
	{ "recording while orphans are made", test_recording_made },
	{ "live orphan rule through a recording", test_recording_live_orphan },
	{ "adopted zombies through a recording", test_recording_adopted },
	{ "--zombies view of a recording", test_recording_view },
	{ "a batch recording of the aftermath", test_short_recording },
	{ "adopted zombies against /proc", test_adopted_live },
	{ "--zombies view", test_zombies_view },
	{ "an init without a handler ignores SIGTERM", test_sigterm_ignored },
	{ "orphaned process group, leaderless session",
	    test_orphaned_pgroup },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("reap_live", suite_init, suite_cleanup, tests);

	testutil_require_proc();
	testutil_require_root("to make PID namespaces");
	return runner_run(&suite, 1);
}
