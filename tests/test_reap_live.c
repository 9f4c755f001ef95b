/*
 * Live tier, zombie hunting on real processes: a parent with zombies; a
 * PID namespace whose init never waits, has no SIGTERM handler and holds
 * a zombie; a process orphaned under our child subreaper in our own
 * session (only the live rule can see it) while a recording runs; and a
 * job whose shell is killed, leaving an orphaned process group with a
 * stopped member in a leaderless session.  The JSON (zombie_parents,
 * reapers, orphaned_pgroups, leaderless_sessions), the --batch marks,
 * the --zombies view and the recording replayed with --load are checked
 * against what was built.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/livefx.h"
#include "tests/runner.h"

static struct livefx	fx;
static char		dir[64];

static const char *
treetop(void)
{
	const char	*bin = getenv("TREETOP");

	return bin != NULL && *bin != '\0' ? bin : "../src/treetop";
}

/* Run treetop with args and parse its stdout as one JSON document. */
static json_t *
run_json(const char *args)
{
	char		 cmd[1024];
	json_error_t	 err;
	json_t		*root;
	FILE		*f;

	snprintf(cmd, sizeof cmd, "'%s' %s", treetop(), args);
	if ((f = popen(cmd, "r")) == NULL)
		return NULL;
	root = json_loadf(f, 0, &err);
	pclose(f);
	if (root == NULL)
		fprintf(stderr, "%s: %s\n", cmd, err.text);
	return root;
}

static json_t *
find_by(json_t *array, const char *key, json_int_t value)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(array, i, v)
		if (json_integer_value(json_object_get(v, key)) == value)
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

static int
suite_init(void)
{
	int	r;

	snprintf(dir, sizeof dir, "/tmp/treetop-reap-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_pidns(&fx)) < 0 || (r = livefx_chain(&fx)) < 0 ||
	    (r = livefx_job(&fx)) < 0) {
		fprintf(stderr, "scenario: %s\n", strerror(-r));
		livefx_teardown(&fx);
		return 1;
	}
	return 0;
}

static int
suite_cleanup(void)
{
	char	path[128];

	snprintf(path, sizeof path, "%s/rec.jsonl", dir);
	unlink(path);
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
		CU_ASSERT_EQUAL(json_integer_value(json_object_get(zp,
		    "count")), LIVEFX_ZOMBIES);
		list = json_object_get(zp, "zombies");
		for (i = 0; i < LIVEFX_ZOMBIES; i++)
			CU_ASSERT(json_array_size(list) == LIVEFX_ZOMBIES &&
			    find_by(json_object_get(root, "processes"),
			    "pid", fx.zombies[i]) != NULL);
	}
	json_decref(root);
}

/* Namespace A's init: never waits, no SIGTERM handler, holds a zombie. */
static void
test_reaper_verdict(void)
{
	json_t		*root = run_json("--json");
	json_t		*reapers, *r = NULL, *v;
	size_t		 i;
	pid_t		 init = fx.ns[LIVEFX_NS_A_INIT].outer;

	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	reapers = json_object_get(root, "reapers");
	json_array_foreach(reapers, i, v)
		if (json_integer_value(json_object_get(v, "init_pid")) == init)
			r = v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r,
	    "unreaped_zombies")), 1);
	CU_ASSERT(json_is_false(json_object_get(r, "handles_sigterm")));
	CU_ASSERT(has_string(json_object_get(r, "verdict"), "not-reaping"));
	CU_ASSERT(has_string(json_object_get(r, "verdict"),
	    "ignores-sigterm"));
	/* Its zombie is listed under it, with the decoded status. */
	v = find_by(json_object_get(root, "zombie_parents"), "pid", init);
	CU_ASSERT(v != NULL && json_integer_value(json_object_get(v,
	    "count")) == 1);
	v = find_by(json_object_get(root, "processes"), "pid",
	    fx.ns[LIVEFX_NS_A_ZOMBIE].outer);
	CU_ASSERT(v != NULL && json_is_string(json_object_get(v,
	    "exit_status")));
	json_decref(root);
}

/* --zombies -b: the zombies, their parents and ancestors, nothing else. */
static void
test_zombies_view(void)
{
	char	 cmd[512], line[4096];
	FILE	*f;
	bool	 parent = false, nsinit = false, unrelated = false;
	int	 zombies = 0;

	snprintf(cmd, sizeof cmd, "'%s' -b --zombies", treetop());
	f = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof line, f) != NULL) {
		long	pid = strtol(line, NULL, 10);

		if (pid == fx.zparent)
			parent = strstr(line, "holds 3 zombies") != NULL;
		if (pid == fx.ns[LIVEFX_NS_A_INIT].outer)
			nsinit = true;
		if (strstr(line, "<defunct>") != NULL)
			zombies++;
		/* The chain's processes hold no zombie: not shown. */
		if (pid == fx.chain[2] || pid == fx.ns[LIVEFX_NS_B_CHILD].outer)
			unrelated = true;
	}
	pclose(f);
	CU_ASSERT(parent);
	CU_ASSERT(nsinit);
	CU_ASSERT(zombies >= LIVEFX_ZOMBIES + 1);
	CU_ASSERT_FALSE(unrelated);
}

/*
 * A recording runs while the chain's middle process is killed: the
 * grandchild is adopted by us, a subreaper in the same session, so no
 * static rule sees it; replaying the recording must mark it orphan.
 */
static void
test_recording_live_orphan(void)
{
	char		 cmd[512], path[128];
	json_t		*root, *p;
	pid_t		 rec;
	int		 status;

	snprintf(path, sizeof path, "%s/rec.jsonl", dir);
	rec = fork();
	if (rec == 0) {
		int	null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execl(treetop(), "treetop", "-b", "-n", "8", "-d", "0.25",
		    "--record", path, (char *)NULL);
		_exit(127);
	}
	CU_ASSERT_FATAL(rec > 0);
	usleep(700 * 1000);
	CU_ASSERT_EQUAL(livefx_chain_cut(&fx), 0);
	CU_ASSERT_EQUAL(waitpid(rec, &status, 0), rec);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	snprintf(cmd, sizeof cmd, "--load '%s' --json", path);
	root = run_json(cmd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	p = find_by(json_object_get(root, "processes"), "pid", fx.chain[2]);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL) {
		CU_ASSERT_EQUAL(json_integer_value(json_object_get(p, "ppid")),
		    getpid());
		CU_ASSERT(has_string(json_object_get(p, "flags"), "orphan"));
	}
	json_decref(root);
	/* The same last snapshot alone has no history: no orphan there. */
	snprintf(cmd, sizeof cmd, "sh -c \"tail -n 1 '%s' > '%s.last'\"",
	    path, path);
	CU_ASSERT_EQUAL(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "--load '%s.last' --json", path);
	root = run_json(cmd);
	p = root != NULL ? find_by(json_object_get(root, "processes"), "pid",
	    fx.chain[2]) : NULL;
	CU_ASSERT(p != NULL && !has_string(json_object_get(p, "flags"),
	    "orphan"));
	json_decref(root);
	snprintf(cmd, sizeof cmd, "%s.last", path);
	unlink(cmd);
}

/* The MARK field of pid's line in `treetop -b -p pid`, or "?". */
static const char *
batch_marks(pid_t pid, char *buf, size_t size)
{
	char	 cmd[512], line[4096], f[8][32];
	FILE	*out;

	snprintf(buf, size, "?");
	snprintf(cmd, sizeof cmd, "'%s' -b -p %d", treetop(), (int)pid);
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
 * both members G and S (the adopted leader O too), and the JSON lists
 * the group and the session.
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
	CU_ASSERT_STRING_EQUAL(batch_marks(fx.job[0], m, sizeof m), "OGS");
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
	{ "--zombies view", test_zombies_view },
	{ "live orphan rule through a recording", test_recording_live_orphan },
	{ "orphaned process group, leaderless session",
	    test_orphaned_pgroup },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("reap_live", suite_init, suite_cleanup, tests);

	if (access("/proc/self/stat", R_OK) != 0)
		return 77;
	return runner_run(&suite, 1);
}
