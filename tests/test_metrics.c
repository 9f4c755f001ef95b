/*
 * Tests for src/metrics.c on synthetic snapshots: the exact lines of
 * each family, a hostile process name made safe and escaped as the
 * Prometheus text format asks, the bound on zombie parents, the fork
 * count from a diff, and the file replaced whole.  No /proc, no clock.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/nsinfo.h"
#include "proc/reap.h"
#include "proc/snapshot.h"
#include "src/metrics.h"
#include "tests/fx.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define NS_PY		4026532002ull
#define UTS_PY		4026532003ull
/* Quote, backslash, newline, ESC and a byte that is not UTF-8. */
#define HOSTILE_COMM	"a\"b\\c\nd\x1b\xff"
#define EXTRA_PARENTS	25	/* parents of one zombie each */

/*
 * The scene: systemd (1) over bash (100) over the hostile parent (200)
 * of zombies 201 and 202 (201 seen a zombie for 30 s), a worker (300)
 * of zombie 301 (age unknown), and a namespace whose init, python3 (400,
 * deaf to SIGTERM), holds zombie 401.  With extra, EXTRA_PARENTS more
 * parents of one zombie each.
 */
static struct snapshot *
scene(bool extra)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	int		 i;

	fx_proc(s, 1, 0, 1, 'S', "systemd");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 200, 100, 100, 'S', HOSTILE_COMM);
	p = fx_proc(s, 201, 200, 100, 'Z', "z1");
	p->zombie_since = s->time - 30.0;
	fx_proc(s, 202, 200, 100, 'Z', "z2");
	fx_proc(s, 300, 1, 300, 'R', "worker");
	fx_proc(s, 301, 300, 300, 'Z', "z3");
	p = fx_proc(s, 400, 1, 400, 'S', "python3");
	fx_nspid(p, NS_PY, 2, 400, 1);
	snapshot_set_sig(s, p, &(struct sigmasks){ 0, 0, 0 });
	p = fx_proc(s, 401, 400, 400, 'Z', "z4");
	fx_nspid(p, NS_PY, 2, 401, 2);
	for (i = 0; extra && i < EXTRA_PARENTS; i++) {
		fx_proc(s, 1000 + 2 * i, 1, 1000 + 2 * i, 'D', "many");
		fx_proc(s, 1001 + 2 * i, 1000 + 2 * i, 1000 + 2 * i, 'Z',
		    "z");
	}
	return s;
}

/* The exposition of s with at most top zombie parents; caller frees. */
static char *
render(struct snapshot *s, size_t top, unsigned long long forks)
{
	struct fx_scene		sc;
	struct reap_report	r;
	struct metrics_stats	st = { forks, 0.0125, top };
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	fx_scene_build(&sc, s);
	reap_report_build(&r, sc.snap);
	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(metrics_render(f, sc.snap, &r, &st), 0);
	fclose(f);
	reap_report_done(&r);
	fx_scene_free(&sc);
	return buf;
}

/* Whether text holds line as a whole line. */
static bool
has_line(const char *text, const char *line)
{
	size_t		 len = strlen(line);
	const char	*p;

	for (p = text; (p = strstr(p, line)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && p[len] == '\n')
			return true;
	return false;
}

/* How many lines of text start with prefix. */
static int
count_lines(const char *text, const char *prefix)
{
	const char	*p;
	int		 n = 0;

	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

#define CHECK_LINE(text, line)						\
	TU_CHECK_MSG(has_line((text), (line)), "no line '%s' in:\n%s",	\
	    (line), (text))

static void
test_exact_lines(void)
{
	char	*t = render(scene(false), METRICS_TOP_DEFAULT, 7);

	CHECK_LINE(t, "# HELP treetop_build_info The version of treetop "
	    "writing these metrics; always 1.");
	CHECK_LINE(t, "# TYPE treetop_build_info gauge");
	CHECK_LINE(t, "treetop_build_info{version=\"" PACKAGE_VERSION "\"} 1");
	CHECK_LINE(t, "treetop_collection_duration_seconds 0.0125");
	CHECK_LINE(t, "treetop_processes{state=\"S\"} 4");
	CHECK_LINE(t, "treetop_processes{state=\"R\"} 1");
	CHECK_LINE(t, "treetop_processes{state=\"Z\"} 4");
	CHECK_LINE(t, "treetop_processes{state=\"D\"} 0");
	CHECK_LINE(t, "treetop_processes{state=\"t\"} 0");
	CHECK_LINE(t, "# TYPE treetop_forks_total counter");
	CHECK_LINE(t, "treetop_forks_total 7");
	CHECK_LINE(t, "treetop_orphans 0");
	CHECK_LINE(t, "treetop_leaderless_sessions 0");
	CHECK_LINE(t, "treetop_zombie_parent_zombies{pid=\"300\","
	    "comm=\"worker\",container=\"\",pidns=\"4026531836\"} 1");
	CHECK_LINE(t, "treetop_zombie_parent_zombies{pid=\"400\","
	    "comm=\"python3\",container=\"\",pidns=\"4026532002\"} 1");
	CHECK_LINE(t, "treetop_pidns_processes{pidns=\"4026531836\","
	    "container=\"\",hostname=\"\"} 7");
	CHECK_LINE(t, "treetop_pidns_processes{pidns=\"4026532002\","
	    "container=\"\",hostname=\"\"} 2");
	CHECK_LINE(t, "treetop_pidns_zombies{pidns=\"4026531836\","
	    "container=\"\",hostname=\"\"} 3");
	CHECK_LINE(t, "treetop_pidns_zombies{pidns=\"4026532002\","
	    "container=\"\",hostname=\"\"} 1");
	CHECK_LINE(t, "treetop_pidns_init_reaps{pidns=\"4026532002\","
	    "container=\"\",init_comm=\"python3\"} 0");
	CHECK_LINE(t, "treetop_pidns_init_handles_sigterm{pidns="
	    "\"4026532002\",container=\"\",init_comm=\"python3\"} 0");
	/* The host's init: it holds no zombie, its masks were not read. */
	CHECK_LINE(t, "treetop_pidns_init_reaps{pidns=\"4026531836\","
	    "container=\"\",init_comm=\"systemd\"} 1");
	CU_ASSERT_EQUAL(count_lines(t,
	    "treetop_pidns_init_handles_sigterm{"), 1);
	/* The oldest zombie: only where its age is known. */
	CU_ASSERT_EQUAL(count_lines(t,
	    "treetop_zombie_parent_oldest_zombie_seconds{"), 1);
	CU_ASSERT_EQUAL(count_lines(t, "treetop_zombie_parent_zombies{"), 3);
	free(t);
}

/*
 * The python3 namespace is a podman container with a hostile name and a
 * hostile hostname.
 */
static void
test_container_label(void)
{
	struct snapshot		*s = scene(false);
	struct cgroup_ident	 id;
	struct ct_names		 names;
	struct utsns_info	*u;
	uint32_t		 k;
	char			*t;

	memset(&id, 0, sizeof id);
	memset(&names, 0, sizeof names);
	id.runtime = CT_PODMAN;
	strcpy(id.id, "a185261865f65828dacec02e8d4b6ddf");
	strcpy(names.name, "web\"\x1b[2J\\");
	k = snapshot_intern_cgroup(s, &id, &names);
	fx_get(s, 400)->cgroup = k;
	fx_get(s, 401)->cgroup = k;
	fx_ns(fx_get(s, 400))[NS_UTS] = UTS_PY;
	fx_ns(fx_get(s, 401))[NS_UTS] = UTS_PY;
	u = snapshot_add_utsns(s, UTS_PY);
	u->known = true;
	snprintf(u->hostname, sizeof u->hostname, "db\"\x1b]0;x\a");
	nsinfo_sort(s);
	t = render(s, METRICS_TOP_DEFAULT, 0);
	/* escape.c made it web"\e[2J\\; then \ and " were escaped. */
	CHECK_LINE(t, "treetop_zombie_parent_zombies{pid=\"400\","
	    "comm=\"python3\",container=\"web\\\"\\\\e[2J\\\\\\\\\","
	    "pidns=\"4026532002\"} 1");
	CHECK_LINE(t, "treetop_pidns_zombies{pidns=\"4026532002\","
	    "container=\"web\\\"\\\\e[2J\\\\\\\\\","
	    "hostname=\"db\\\"\\\\e]0;x\\\\x07\"} 1");
	CHECK_LINE(t, "treetop_pidns_processes{pidns=\"4026532002\","
	    "container=\"web\\\"\\\\e[2J\\\\\\\\\","
	    "hostname=\"db\\\"\\\\e]0;x\\\\x07\"} 2");
	CHECK_LINE(t, "treetop_pidns_zombies{pidns=\"4026531836\","
	    "container=\"\",hostname=\"\"} 3");
	free(t);
}

static void
test_hostile_comm(void)
{
	char		*t = render(scene(false), METRICS_TOP_DEFAULT, 0);
	const char	*label = "comm=\"a\\\"b\\\\\\\\c\\\\nd\\\\e\\\\xff\"";
	size_t		 i;
	char		 line[256];

	/* escape.c made it a"b\\c\nd\e\xff; then \ and " were escaped. */
	snprintf(line, sizeof line, "treetop_zombie_parent_zombies{pid="
	    "\"200\",%s,container=\"\",pidns=\"4026531836\"} 2", label);
	CHECK_LINE(t, line);
	snprintf(line, sizeof line, "treetop_zombie_parent_oldest_zombie_"
	    "seconds{pid=\"200\",%s,container=\"\",pidns=\"4026531836\"} 30", label);
	CHECK_LINE(t, line);
	for (i = 0; t[i] != '\0'; i++)
		TU_CHECK_MSG((unsigned char)t[i] >= 0x20 && t[i] != 0x7f ?
		    (unsigned char)t[i] < 0x80 : t[i] == '\n',
		    "byte 0x%02x at %zu", (unsigned char)t[i], i);
	free(t);
}

/* Whether the len bytes at text hold the C string s. */
static bool
holds(const char *text, size_t len, const char *s)
{
	return memmem(text, len, s, strlen(s)) != NULL;
}

/* Every sample's family has both comment lines, and they come first. */
static void
test_every_family_described(void)
{
	char		*t = render(scene(true), METRICS_TOP_DEFAULT, 0);
	const char	*line, *nl;
	char		 name[128], want[160];
	size_t		 n, before;

	for (line = t; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		if (line[0] == '#')
			continue;
		n = strcspn(line, "{ ");
		CU_ASSERT_FATAL(n < sizeof name);
		memcpy(name, line, n);
		name[n] = '\0';
		before = (size_t)(line - t);
		snprintf(want, sizeof want, "# TYPE %s ", name);
		TU_CHECK_MSG(holds(t, before, want), "%s: no TYPE", name);
		snprintf(want, sizeof want, "# HELP %s ", name);
		TU_CHECK_MSG(holds(t, before, want), "%s: no HELP", name);
	}
	free(t);
}

static void
test_top_bound(void)
{
	char	*t;

	t = render(scene(true), METRICS_TOP_DEFAULT, 0);
	CU_ASSERT_EQUAL(count_lines(t, "treetop_zombie_parent_zombies{"), 20);
	/* The parent holding most comes first. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "treetop_zombie_parent_zombies{"
	    "pid=\"200\""));
	free(t);
	t = render(scene(true), 2, 0);
	CU_ASSERT_EQUAL(count_lines(t, "treetop_zombie_parent_zombies{"), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "treetop_zombie_parent_zombies{"
	    "pid=\"200\""));
	/* Then those of one zombie by PID: 300 before 400 and 1000. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "treetop_zombie_parent_zombies{"
	    "pid=\"300\""));
	free(t);
	t = render(scene(true), 0, 0);
	CU_ASSERT_EQUAL(count_lines(t, "treetop_zombie_parent_"), 0);
	CHECK_LINE(t, "# TYPE treetop_zombie_parent_zombies gauge");
	free(t);
	t = render(scene(true), 1000, 0);
	CU_ASSERT_EQUAL(count_lines(t, "treetop_zombie_parent_zombies{"),
	    3 + EXTRA_PARENTS);
	free(t);
}

static void
test_forks_from_diff(void)
{
	struct snapshot	*prev = fx_new(), *cur = fx_new();
	struct procinfo	*p;
	struct diff	 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 100, 1, 100, 'S', "sh");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 100, 1, 100, 'S', "sh");
	fx_proc(cur, 500, 100, 100, 'S', "new");
	fx_proc(cur, 600, 100, 100, 'Z', "died");
	p = fx_proc(cur, 501, 100, 100, 'S', "thread");
	p->tgid = 500;
	p->flags |= PI_THREAD;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(metrics_started(&d, cur), 2);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* The names in dir other than . and ..; the first into first. */
static int
dir_entries(const char *dir, char *first, size_t size)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n++ == 0)
			snprintf(first, size, "%.63s", e->d_name);
	}
	closedir(d);
	return n;
}

static void
test_write_file(void)
{
	char			 dir[] = "/tmp/wt-metrics-test.XXXXXX", path[96];
	char			 name[64], *text;
	size_t			 len;
	struct fx_scene		 sc;
	struct reap_report	 r;
	struct metrics_stats	 st = { 3, -1.0, 5 };
	struct stat		 sb;
	FILE			*f;
	int			 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/treetop.prom", dir);
	fx_scene_build(&sc, scene(false));
	reap_report_build(&r, sc.snap);
	for (i = 0; i < 2; i++)
		CU_ASSERT_EQUAL(metrics_write_file(path, sc.snap, &r, &st), 0);
	/* Only the file: no temporary left beside it. */
	CU_ASSERT_EQUAL(dir_entries(dir, name, sizeof name), 1);
	CU_ASSERT_STRING_EQUAL(name, "treetop.prom");
	CU_ASSERT_EQUAL(stat(path, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0644);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	text = testutil_read_all(f, &len);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(has_line(text, "treetop_forks_total 3"));
	/* An unknown duration leaves the family out. */
	CU_ASSERT_PTR_NULL(strstr(text, "collection_duration"));
	free(text);
	unlink(path);
	/* A path that is a directory, a directory that does not exist. */
	CU_ASSERT_EQUAL(metrics_write_file(dir, sc.snap, &r, &st), -EISDIR);
	snprintf(path, sizeof path, "%s/none/treetop.prom", dir);
	CU_ASSERT_EQUAL(metrics_write_file(path, sc.snap, &r, &st), -ENOENT);
	CU_ASSERT_EQUAL(dir_entries(dir, name, sizeof name), 0);
	reap_report_done(&r);
	fx_scene_free(&sc);
	CU_ASSERT_EQUAL(rmdir(dir), 0);
}

static const struct runner_test tests[] = {
	{ "exact lines", test_exact_lines },
	{ "hostile comm", test_hostile_comm },
	{ "container label", test_container_label },
	{ "every family described", test_every_family_described },
	{ "top bound", test_top_bound },
	{ "forks from a diff", test_forks_from_diff },
	{ "file replaced whole", test_write_file },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("metrics", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
