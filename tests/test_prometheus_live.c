/*
 * A real Prometheus server over treetop's metrics.  A treetop keeps
 * rewriting its --metrics file every second while one parent holds
 * zombies, another's zombies grow, and a PID namespace's init holds a
 * zombie it never reaps; node_exporter's textfile collector serves the
 * file; Prometheus scrapes node_exporter every second and evaluates the
 * alerting rules of contrib/treetop.rules.yml every second.  Its HTTP API
 * must give the treetop series with the values /proc gives, the rules as
 * shipped, and the zombie alerts firing for the growing parent and the
 * init, and not for the parent whose zombies stay as many.
 *
 * The shipped rules wait minutes (for: 10m, for: 5m) before an alert
 * fires.  The copy Prometheus loads here has every "for:" cut to 1s and
 * nothing else changed: its expressions are the shipped ones, which the
 * rules test compares with what Prometheus loaded.
 *
 * Everything listens on 127.0.0.1, on free ports.  The servers and the
 * treetop run in process groups of their own, killed at the end of the
 * suite, also after a failure, and at exit or on a signal
 * (tests/promfx.c).  Without prometheus, node_exporter or curl the
 * program exits 77, except under CI=true, where they must be there.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/livefx.h"
#include "tests/promfx.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define INTERVAL	"1s"	/* scrapes, rule evaluations and for: */
#define START_MS	30000	/* for Prometheus to say it is ready */
#define SERIES_MS	20000	/* for a value to reach the API */
#define ALERT_MS	30000	/* for the alerts to fire */
#define POLL_MS		250
#define RULES		3	/* alerts in contrib/treetop.rules.yml */

static struct livefx	fx;
static char		dir[64];	/* textfile dir, config, TSDB, logs */
static int		prom_port;	/* Prometheus, once it is ready */

/* The shell-quoted curl arguments of a GET of path on Prometheus. */
static void
api_args(char *buf, size_t size, const char *path, const char *promql)
{
	if (promql == NULL)
		snprintf(buf, size, "'http://127.0.0.1:%d%s'", prom_port,
		    path);
	else
		snprintf(buf, size, "-G --data-urlencode 'query=%s' "
		    "'http://127.0.0.1:%d%s'", promql, prom_port, path);
}

/* The "data" of a successful API answer (a new reference), or NULL. */
static json_t *
api_get(const char *path, const char *promql)
{
	char	 args[1024], *body;
	json_t	*doc, *data = NULL;

	api_args(args, sizeof args, path, promql);
	if ((body = promfx_get(args, 2000)) == NULL)
		return NULL;
	doc = json_loads(body, 0, NULL);
	free(body);
	if (doc != NULL && json_is_string(json_object_get(doc, "status")) &&
	    strcmp(json_string_value(json_object_get(doc, "status")),
	    "success") == 0)
		data = json_incref(json_object_get(doc, "data"));
	json_decref(doc);
	return data;
}

/* The value of the first series an instant query gives, or -1. */
static double
query_value(const char *promql)
{
	json_t	*data = api_get("/api/v1/query", promql), *v;
	double	 value = -1.0;

	v = json_array_get(json_object_get(json_array_get(
	    json_object_get(data, "result"), 0), "value"), 1);
	if (json_is_string(v))
		value = strtod(json_string_value(v), NULL);
	json_decref(data);
	return value;
}

/* Query until the value is want or SERIES_MS have passed; the last one. */
static double
wait_value(const char *promql, double want)
{
	int64_t	deadline = testutil_now_ms() + SERIES_MS;
	double	v;

	while ((v = query_value(promql)) != want &&
	    testutil_now_ms() < deadline)
		testutil_sleep_ms(POLL_MS);
	return v;
}

/* The comm of pid as /proc gives it (plain names only here). */
static void
comm_of(pid_t pid, char *buf, size_t size)
{
	struct liveproc	lp;

	buf[0] = '\0';
	if (liveproc_read(pid, &lp) == 0)
		snprintf(buf, size, "%s", lp.comm);
}

/* Zombie children of parent, from /proc. */
static int
zombies_of(pid_t parent, const pid_t *kids, int n)
{
	struct liveproc	lp;
	int		i, held = 0;

	for (i = 0; i < n; i++)
		if (liveproc_read(kids[i], &lp) == 0 && lp.state == 'Z' &&
		    lp.ppid == parent)
			held++;
	return held;
}

static int
suite_init(void)
{
	int	r;

	snprintf(dir, sizeof dir, "/tmp/treetop-prometheus-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	/* The grower starts with one zombie, so its series is there. */
	if ((r = livefx_init(&fx)) < 0 || (r = livefx_zombies(&fx)) < 0 ||
	    (r = livefx_pidns(&fx)) < 0 || (r = livefx_grower(&fx)) < 0 ||
	    (r = livefx_grow(&fx)) < 0) {
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
	/* What Prometheus said, when something went wrong. */
	if (CU_get_number_of_failures() > 0)
		promfx_run("tail -n 20 '%s/prometheus.log' >&2 2>/dev/null",
		    dir);
	promfx_run("rm -rf '%s'", dir);
	return livefx_teardown(&fx) < 0;
}

/*
 * The shipped rules with every for: cut to INTERVAL, and the server's
 * configuration: node_exporter on exporter_port, scraped and the rules
 * evaluated every INTERVAL.  0, or -1.
 */
static int
write_config(int exporter_port)
{
	const char	*src = getenv("SRCDIR") != NULL ? getenv("SRCDIR") :
			    ".";
	char		 path[128];
	FILE		*f;

	if (promfx_run("sed -E 's/^( *for:).*/\\1 " INTERVAL "/' "
	    "'%s/contrib/treetop.rules.yml' >'%s/rules.yml'", src, dir) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/prometheus.yml", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "global:\n"
	    "  scrape_interval: " INTERVAL "\n"
	    "  scrape_timeout: " INTERVAL "\n"
	    "  evaluation_interval: " INTERVAL "\n"
	    "rule_files:\n"
	    "  - %s/rules.yml\n"
	    "scrape_configs:\n"
	    "  - job_name: node\n"
	    "    static_configs:\n"
	    "      - targets: ['127.0.0.1:%d']\n", dir, exporter_port);
	return fclose(f) == 0 ? 0 : -1;
}

/* Prometheus on 127.0.0.1:port over dir; its PID or -errno. */
static pid_t
start_prometheus(int port)
{
	char		 config[128], tsdb[128], listen[64], log[128];
	const char	*argv[] = { PROMFX_PROMETHEUS, config, tsdb, listen,
			    "--log.level=warn", NULL };

	snprintf(config, sizeof config, "--config.file=%s/prometheus.yml",
	    dir);
	snprintf(tsdb, sizeof tsdb, "--storage.tsdb.path=%s/tsdb", dir);
	snprintf(listen, sizeof listen, "--web.listen-address=127.0.0.1:%d",
	    port);
	snprintf(log, sizeof log, "%s/prometheus.log", dir);
	return promfx_start(log, argv);
}

/*
 * A treetop that rewrites dir/treetop.prom every second, with every
 * zombie parent: those of other programs on the machine cannot push ours
 * out of the top 20.
 */
static pid_t
start_treetop(void)
{
	char		 out[128];
	const char	*argv[] = { testutil_treetop_bin(), "-b", "-n",
			    "1000000", "-d", "1", "--metrics-top", "100000",
			    "--metrics", out, NULL };

	snprintf(out, sizeof out, "%s/treetop.prom", dir);
	return promfx_start(NULL, argv);
}

/* treetop, node_exporter and Prometheus, up and ready. */
static void
test_start(void)
{
	char	ready[64], *body;
	int	exporter_port = promfx_free_port(), port = promfx_free_port();

	if (!promfx_need(PROMFX_PROMETHEUS) ||
	    !promfx_need(PROMFX_EXPORTER) || !promfx_need(PROMFX_CURL))
		return;
	CU_ASSERT_FATAL(exporter_port > 0 && port > 0 &&
	    exporter_port != port);
	CU_ASSERT_EQUAL_FATAL(write_config(exporter_port), 0);
	CU_ASSERT_FATAL(start_treetop() > 0);
	CU_ASSERT_FATAL(promfx_start_exporter(exporter_port, dir, NULL) > 0);
	CU_ASSERT_FATAL(start_prometheus(port) > 0);
	snprintf(ready, sizeof ready, "http://127.0.0.1:%d/-/ready", port);
	body = promfx_get(ready, START_MS);
	TU_CHECK_MSG(body != NULL, "Prometheus not ready after %d ms",
	    START_MS);
	if (body != NULL)
		prom_port = port;
	free(body);
}

/* The treetop series, with their labels, as /proc says they must be. */
static void
test_series(void)
{
	pid_t		 init = fx.ns[LIVEFX_NS_A_INIT].outer;
	unsigned long long ns_a = liveproc_ns_inode(init, "pid");
	unsigned long long ns_z = liveproc_ns_inode(fx.zparent, "pid");
	int		 held = zombies_of(fx.zparent, fx.zombies,
			    LIVEFX_ZOMBIES);
	char		 comm[COMM_MAX], q[256];
	double		 v;

	if (prom_port == 0)
		return;		/* no tool, or test_start failed */
	CU_ASSERT_EQUAL(held, LIVEFX_ZOMBIES);
	comm_of(fx.zparent, comm, sizeof comm);
	snprintf(q, sizeof q, "treetop_zombie_parent_zombies{job=\"node\","
	    "pid=\"%d\",comm=\"%s\",pidns=\"%llu\"}", (int)fx.zparent, comm,
	    ns_z);
	v = wait_value(q, held);
	TU_CHECK_MSG(v == held, "%s: %g, /proc says %d", q, v, held);
	snprintf(q, sizeof q, "treetop_pidns_init_reaps{pidns=\"%llu\"}",
	    ns_a);
	v = wait_value(q, 0.0);
	TU_CHECK_MSG(v == 0.0, "%s: %g", q, v);
	snprintf(q, sizeof q, "treetop_pidns_zombies{pidns=\"%llu\"}", ns_a);
	v = query_value(q);
	TU_CHECK_MSG(v >= 1.0, "%s: %g", q, v);
	v = query_value("node_textfile_scrape_error{job=\"node\"}");
	TU_CHECK_MSG(v == 0.0, "node_textfile_scrape_error: %g", v);
	v = query_value("up{job=\"node\"}");
	TU_CHECK_MSG(v == 1.0, "up: %g", v);
}

/* s without its white space, in buf. */
static const char *
squeeze(const char *s, char *buf, size_t size)
{
	size_t	n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (!isspace((unsigned char)*s))
			buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}

/* The expr: values of the shipped rules file, white space removed. */
static int
shipped_exprs(char exprs[][256], int max)
{
	const char	*src = getenv("SRCDIR") != NULL ? getenv("SRCDIR") :
			    ".";
	char		 path[512], line[512], *p;
	FILE		*f;
	int		 n = 0;

	snprintf(path, sizeof path, "%s/contrib/treetop.rules.yml", src);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (n < max && fgets(line, sizeof line, f) != NULL)
		if ((p = strstr(line, "expr:")) != NULL)
			squeeze(p + 5, exprs[n++], sizeof exprs[0]);
	fclose(f);
	return n;
}

/* The rules Prometheus loaded: the shipped expressions, for: cut. */
static void
test_rules(void)
{
	char		 exprs[RULES + 1][256], got[256];
	json_t		*data, *rules, *rule;
	const char	*query;
	size_t		 i;

	if (prom_port == 0)
		return;
	CU_ASSERT_EQUAL_FATAL(shipped_exprs(exprs, RULES + 1), RULES);
	data = api_get("/api/v1/rules", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	rules = json_object_get(json_array_get(json_object_get(data,
	    "groups"), 0), "rules");
	CU_ASSERT_EQUAL(json_array_size(rules), RULES);
	json_array_foreach(rules, i, rule) {
		if (i >= RULES)
			break;
		query = json_string_value(json_object_get(rule, "query"));
		squeeze(query != NULL ? query : "", got, sizeof got);
		TU_CHECK_MSG(strcmp(got, exprs[i]) == 0, "rule %zu: %s, "
		    "shipped: %s", i, got, exprs[i]);
		CU_ASSERT_EQUAL(json_number_value(json_object_get(rule,
		    "duration")), 1.0);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(rule,
		    "type")), "alerting");
	}
	json_decref(data);
}

/* Whether alerts holds one named name, in state, with label=value. */
static bool
has_alert(json_t *alerts, const char *name, const char *state,
    const char *label, const char *value)
{
	json_t		*a, *labels;
	const char	*s;
	size_t		 i;

	json_array_foreach(alerts, i, a) {
		labels = json_object_get(a, "labels");
		s = json_string_value(json_object_get(labels, "alertname"));
		if (s == NULL || strcmp(s, name) != 0)
			continue;
		s = json_string_value(json_object_get(labels, label));
		if (s == NULL || strcmp(s, value) != 0)
			continue;
		s = json_string_value(json_object_get(a, "state"));
		if (state == NULL || (s != NULL && strcmp(s, state) == 0))
			return true;
	}
	return false;
}

/*
 * Poll the alerts until both of grower and ns fire, or ALERT_MS; the
 * last list of alerts (a new reference) or NULL.
 */
static json_t *
wait_alerts(const char *grower, const char *ns)
{
	int64_t	 deadline = testutil_now_ms() + ALERT_MS;
	json_t	*data = NULL;

	for (;;) {
		json_decref(data);
		data = api_get("/api/v1/alerts", NULL);
		if ((has_alert(json_object_get(data, "alerts"),
		    "TreetopZombiesGrowing", "firing", "pid", grower) &&
		    has_alert(json_object_get(data, "alerts"),
		    "TreetopInitNotReaping", "firing", "pidns", ns)) ||
		    testutil_now_ms() >= deadline)
			return data;
		testutil_sleep_ms(POLL_MS);
	}
}

/*
 * The grower's zombies grow: its alert fires, and the init's; the
 * parent whose zombies stay as many has none.
 */
static void
test_alerts(void)
{
	unsigned long long ns_a = liveproc_ns_inode(
			    fx.ns[LIVEFX_NS_A_INIT].outer, "pid");
	char		 q[128], grower[16], zparent[16], ns[32];
	json_t		*data, *alerts;
	int64_t		 t0;
	double		 v;

	if (prom_port == 0)
		return;
	snprintf(grower, sizeof grower, "%d", (int)fx.grower);
	snprintf(zparent, sizeof zparent, "%d", (int)fx.zparent);
	snprintf(ns, sizeof ns, "%llu", ns_a);
	/* Prometheus has a sample from before the growth. */
	snprintf(q, sizeof q, "treetop_zombie_parent_zombies{pid=\"%s\"}",
	    grower);
	v = wait_value(q, fx.grown);
	TU_CHECK_MSG(v == fx.grown, "%s: %g, /proc says %d", q, v, fx.grown);
	CU_ASSERT_EQUAL_FATAL(livefx_grow(&fx), 0);
	t0 = testutil_now_ms();
	data = wait_alerts(grower, ns);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	alerts = json_object_get(data, "alerts");
	fprintf(stderr, "\n  %.1f s after the zombie\n",
	    (double)(testutil_now_ms() - t0) / 1000.0);
	TU_CHECK_MSG(has_alert(alerts, "TreetopZombiesGrowing", "firing",
	    "pid", grower), "no TreetopZombiesGrowing for PID %s", grower);
	TU_CHECK_MSG(has_alert(alerts, "TreetopInitNotReaping", "firing",
	    "pidns", ns), "no TreetopInitNotReaping for pidns %s", ns);
	TU_CHECK_MSG(!has_alert(alerts, "TreetopZombiesGrowing", NULL,
	    "pid", zparent), "TreetopZombiesGrowing for PID %s, whose "
	    "zombies do not grow", zparent);
	json_decref(data);
}

static const struct runner_test tests[] = {
	{ "treetop, node_exporter and Prometheus start", test_start },
	{ "the treetop series in Prometheus", test_series },
	{ "the shipped rules, loaded", test_rules },
	{ "the zombie alerts fire", test_alerts },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("prometheus_live", suite_init, suite_cleanup,
	    tests);
	int					status;

	testutil_require_proc();
	testutil_require_root("to make PID namespaces");
	status = runner_run(&suite, 1);
	if (status == 0 && promfx_missed()) {
		fprintf(stderr, "test_prometheus_live: a tool was missing: "
		    "skipped\n");
		return 77;
	}
	return status;
}
