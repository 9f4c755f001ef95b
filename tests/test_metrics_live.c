/*
 * --metrics on the real kernel: a parent holding zombies and a PID
 * namespace whose init never reaps, written by treetop -b into a file,
 * checked against /proc (the oracle of liveproc.c), written by the
 * explorer in tmux at every refresh, checked by promtool, and
 * as node_exporter's textfile collector serves it.  The alerting rules
 * of contrib/ go through promtool too.  Without promtool or
 * node_exporter the program exits 77 after its other tests, except
 * under CI (CI=true), where they must be there.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/livefx.h"
#include "tests/promfx.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define FORKS		3	/* sleepers started during a run */

static struct livefx	fx;
static char		dir[64];		/* the textfile directory */
static char		prom_path[128];		/* dir/treetop.prom */

/* comm as treetop writes it in a label: only plain names are used here. */
static void
comm_of(pid_t pid, char *buf, size_t size)
{
	struct liveproc	lp;

	buf[0] = '\0';
	if (liveproc_read(pid, &lp) == 0)
		snprintf(buf, size, "%s", lp.comm);
}

static int
suite_init(void)
{
	int	r;

	snprintf(dir, sizeof dir, "/tmp/treetop-metrics-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(prom_path, sizeof prom_path, "%s/treetop.prom", dir);
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_pidns(&fx)) < 0) {
		fprintf(stderr, "scenario: %s\n", strerror(-r));
		livefx_teardown(&fx);
		return 1;
	}
	return 0;
}

static int
suite_cleanup(void)
{
	promfx_stop_all();
	unlink(prom_path);
	rmdir(dir);
	return livefx_teardown(&fx) < 0;
}

/* treetop -b -n 2 -d 0.3 --metrics: the zombie parent, against /proc. */
static void
test_zombie_parent(void)
{
	char		 comm[COMM_MAX], head[256], *t;
	struct liveproc	 lp;
	uint64_t	 ns = liveproc_ns_inode(fx.zparent, "pid");
	int		 i, held = 0;
	double		 v;

	CU_ASSERT_EQUAL_FATAL(promfx_run("\"%s\" -b -n 2 -d 0.3 --metrics %s "
	    ">/dev/null", testutil_treetop_bin(), prom_path), 0);
	t = promfx_slurp(prom_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = 0; i < LIVEFX_ZOMBIES; i++)
		if (liveproc_read(fx.zombies[i], &lp) == 0 &&
		    lp.state == 'Z' && lp.ppid == fx.zparent)
			held++;
	CU_ASSERT_EQUAL(held, LIVEFX_ZOMBIES);
	comm_of(fx.zparent, comm, sizeof comm);
	snprintf(head, sizeof head, "treetop_zombie_parent_zombies{pid=\"%d\","
	    "comm=\"%s\",container=\"\",pidns=\"%llu\"}", (int)fx.zparent, comm,
	    (unsigned long long)ns);
	v = promfx_sample(t, head);
	TU_CHECK_MSG(v == held, "%s: %g, /proc says %d", head, v, held);
	/* Seen a zombie in both snapshots, 0.3 s apart. */
	snprintf(head, sizeof head, "treetop_zombie_parent_oldest_zombie_"
	    "seconds{pid=\"%d\",comm=\"%s\",container=\"\",pidns=\"%llu\"}",
	    (int)fx.zparent, comm, (unsigned long long)ns);
	v = promfx_sample(t, head);
	TU_CHECK_MSG(v >= 0.25 && v < 30.0, "%s: %g", head, v);
	v = promfx_sample(t, "treetop_processes{state=\"Z\"}");
	TU_CHECK_MSG(v >= LIVEFX_ZOMBIES + 1, "Z: %g", v);
	free(t);
}

/* Namespace A: its init holds a zombie, so it does not reap. */
static void
test_pidns_init(void)
{
	pid_t		 init = fx.ns[LIVEFX_NS_A_INIT].outer;
	uint64_t	 ns = liveproc_ns_inode(init, "pid");
	char		 comm[COMM_MAX], head[512], host[256] = "", *t;
	double		 v;

	CU_ASSERT_EQUAL_FATAL(promfx_run("\"%s\" --metrics - >%s",
	    testutil_treetop_bin(), prom_path), 0);
	t = promfx_slurp(prom_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	/* '-' prints only the metrics: no tree. */
	CU_ASSERT_EQUAL(strncmp(t, "# HELP ", 7), 0);
	comm_of(init, comm, sizeof comm);
	snprintf(head, sizeof head, "treetop_pidns_init_reaps{pidns=\"%llu\","
	    "container=\"\",init_comm=\"%s\"}", (unsigned long long)ns, comm);
	v = promfx_sample(t, head);
	TU_CHECK_MSG(v == 0.0, "%s: %g\n%s", head, v, t);
	/* unshare --pid keeps the host's UTS namespace: its hostname */
	CU_ASSERT_EQUAL_FATAL(gethostname(host, sizeof host - 1), 0);
	snprintf(head, sizeof head, "treetop_pidns_zombies{pidns=\"%llu\","
	    "container=\"\",hostname=\"%s\"}", (unsigned long long)ns, host);
	v = promfx_sample(t, head);
	TU_CHECK_MSG(v >= 1.0, "%s: %g", head, v);
	free(t);
}

/* Start FORKS sleepers in a group of their own; its pgid. */
static pid_t
start_sleepers(void)
{
	pid_t	pgid = 0, pid;
	int	i;

	for (i = 0; i < FORKS; i++) {
		if ((pid = fork()) == 0) {
			setpgid(0, pgid);
			pause();
			_exit(0);
		}
		if (pid < 0)
			break;
		setpgid(pid, pgid);
		if (pgid == 0)
			pgid = pid;
	}
	return pgid;
}

/* Processes started between two snapshots count; the first counts none. */
static void
test_forks(void)
{
	pid_t	tt, pgid;
	int	st, i;
	char	*t;
	double	v;

	unlink(prom_path);
	tt = fork();
	CU_ASSERT_FATAL(tt >= 0);
	if (tt == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execl(testutil_treetop_bin(), "treetop", "-b", "-n", "2",
		    "-d", "1.5", "--metrics", prom_path, "--ascii",
		    (char *)NULL);
		_exit(127);
	}
	/*
	 * After the first refresh (its metrics are written): births before
	 * it are not counted, and on a machine with many processes it takes
	 * longer than a fixed wait.
	 */
	for (i = 0; i < 200 && access(prom_path, F_OK) < 0; i++)
		testutil_sleep_ms(50);
	pgid = start_sleepers();
	CU_ASSERT(waitpid(tt, &st, 0) == tt && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	if (pgid > 0) {
		kill(-pgid, SIGKILL);
		for (i = 0; i < FORKS; i++)
			waitpid(-pgid, NULL, 0);
	}
	t = promfx_slurp(prom_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	v = promfx_sample(t, "treetop_forks_total");
	TU_CHECK_MSG(v >= FORKS && v < 10000, "forks: %g", v);
	free(t);
}

static void
test_promtool_metrics(void)
{
	if (!promfx_need(PROMFX_PROMTOOL))
		return;
	CU_ASSERT_EQUAL(promfx_run("\"%s\" -b --metrics %s >/dev/null",
	    testutil_treetop_bin(), prom_path), 0);
	CU_ASSERT_EQUAL(promfx_run(PROMFX_PROMTOOL " check metrics <%s", prom_path), 0);
}

/*
 * --metrics - -n N: N whole expositions, one empty line between two,
 * none inside one; each passes promtool alone, the stream does not.
 */
static void
test_stdout_refreshes(void)
{
	char	*t, *block, *end, path[160];
	int	 n = 0;
	FILE	*f;

	CU_ASSERT_EQUAL_FATAL(promfx_run("\"%s\" --metrics - -n 3 -d 0.2 "
	    ">%s", testutil_treetop_bin(), prom_path), 0);
	t = promfx_slurp(prom_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (block = t; block != NULL; block = end, n++) {
		if ((end = strstr(block, "\n\n")) != NULL) {
			end[1] = '\0';	/* the block keeps its last \n */
			end += 2;
		}
		CU_ASSERT_EQUAL(strncmp(block, "# HELP ", 7), 0);
		CU_ASSERT(block[strlen(block) - 1] == '\n');
		CU_ASSERT(promfx_sample(block, "treetop_forks_total") >= 0.0);
		if (n >= 3 || !promfx_need(PROMFX_PROMTOOL))
			continue;
		snprintf(path, sizeof path, "%s/refresh.prom", dir);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "w"));
		fputs(block, f);
		fclose(f);
		CU_ASSERT_EQUAL(promfx_run(PROMFX_PROMTOOL " check metrics "
		    "<%s", path), 0);
		unlink(path);
	}
	TU_CHECK_MSG(n == 3, "%d expositions", n);
	free(t);
	if (promfx_need(PROMFX_PROMTOOL))
		CU_ASSERT_NOT_EQUAL(promfx_run(PROMFX_PROMTOOL " check "
		    "metrics <%s 2>/dev/null", prom_path), 0);
}

static void
test_promtool_rules(void)
{
	const char	*src = getenv("SRCDIR") != NULL ? getenv("SRCDIR") :
			    ".";

	if (!promfx_need(PROMFX_PROMTOOL))
		return;
	CU_ASSERT_EQUAL(promfx_run(PROMFX_PROMTOOL " check rules "
	    "%s/contrib/treetop.rules.yml", src), 0);
	/* promtool test rules finds the rule file beside the test's. */
	CU_ASSERT_EQUAL(promfx_run("cd %s/contrib && " PROMFX_PROMTOOL " test rules "
	    "treetop.rules.test.yml", src), 0);
}

static void
test_node_exporter(void)
{
	char	args[64], *body;
	pid_t	exporter;
	int	port;

	if (!promfx_need(PROMFX_EXPORTER) || !promfx_need(PROMFX_CURL))
		return;
	CU_ASSERT_EQUAL_FATAL(promfx_run("\"%s\" -b --metrics %s >/dev/null",
	    testutil_treetop_bin(), prom_path), 0);
	port = promfx_free_port();
	CU_ASSERT_FATAL(port > 0);
	exporter = promfx_start_exporter(port, dir, NULL);
	CU_ASSERT_FATAL(exporter > 0);
	snprintf(args, sizeof args, "http://127.0.0.1:%d/metrics", port);
	body = promfx_get(args, 5000);
	promfx_stop(exporter);
	CU_ASSERT_PTR_NOT_NULL_FATAL(body);
	TU_CHECK_MSG(promfx_sample(body, "node_textfile_scrape_error") == 0.0,
	    "node_textfile_scrape_error: %g",
	    promfx_sample(body, "node_textfile_scrape_error"));
	CU_ASSERT_PTR_NOT_NULL(strstr(body, "\ntreetop_build_info{"));
	CU_ASSERT_PTR_NOT_NULL(strstr(body,
	    "\ntreetop_zombie_parent_zombies{"));
	free(body);
}

/* The explorer, in tmux: four refreshes 0.3 s apart, each written. */
static void
test_explorer(void)
{
	struct tmuxfx	 tx;
	char		 head[128], *t;
	double		 v;

	memset(&tx, 0, sizeof tx);
	unlink(prom_path);
	CU_ASSERT_EQUAL(tmuxfx_start(&tx, "metrics", 10000, "treetop-exit=",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent '%s' -d 0.3 -n 4 --metrics %s",
	    testutil_treetop_bin(), prom_path), 0);
	CU_ASSERT_TRUE(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
	t = promfx_slurp(prom_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	/* The last of the four: the zombies were seen for three delays. */
	snprintf(head, sizeof head, "treetop_zombie_parent_oldest_zombie_"
	    "seconds{pid=\"%d\",", (int)fx.zparent);
	v = -1.0;
	if (strstr(t, head) != NULL)
		v = strtod(strchr(strstr(t, head), '}') + 2, NULL);
	TU_CHECK_MSG(v >= 0.8 && v < 30.0, "%s...: %g", head, v);
	free(t);
}

static const struct runner_test tests[] = {
	{ "zombie parent against /proc", test_zombie_parent },
	{ "namespace init", test_pidns_init },
	{ "forks", test_forks },
	{ "the explorer writes every refresh", test_explorer },
	{ "promtool check metrics", test_promtool_metrics },
	{ "--metrics - -n 3", test_stdout_refreshes },
	{ "alerting rules", test_promtool_rules },
	{ "node_exporter textfile", test_node_exporter },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("metrics_live", suite_init, suite_cleanup, tests);
	int					status;

	testutil_require_proc();
	testutil_require_root("to make PID namespaces");
	status = runner_run(&suite, 1);
	if (status == 0 && promfx_missed()) {
		fprintf(stderr, "test_metrics_live: a tool was missing: "
		    "skipped\n");
		return 77;
	}
	return status;
}
