/*
 * Live tier: real podman containers (tests/podfx.c) against --json, -b,
 * --container and the explorer.  Container A's PID 1 is a plain process
 * (sleep, exec'd by sh) that adopts an orphan and leaves it a zombie;
 * container B has a reaping init (podman's --init, else a shell that
 * waits in a loop); C has its own hostname, D a user namespace (the
 * fixture's other starts), E (nest) a nested PID namespace (unshare -p
 * inside, with a zombie of its own), F (user) runs as PODFX_USER, whom
 * only its /etc/passwd names.  Names, IDs, hostnames and the uid map are
 * checked against `podman inspect`, selections and maps against /proc;
 * the titles in -b and the explorer (at 80 columns too), the signal
 * dialog's SIGTERM warning on A's PID 1, the ! shell's hostname in C,
 * E's nested namespace (its level, parent, container, init, NSpid and
 * zombie in --json, -b and the namespace view), and F's USER as the
 * container names it in --json, -b, the explorer and its details.
 * Without podman (or root) the program is skipped, except under CI
 * (CI=true), where that fails.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <jansson.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/liveproc.h"
#include "tests/podfx.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define ZOMBIE_SCRIPT	"sh -c \"sleep 0.2 &\"; exec sleep 1000"
#define REAPER_SCRIPT	"sh -c \"sleep 0.2 &\"; " \
			"while :; do wait; sleep 0.2; done"
#define WAIT_MS		10000

/*
 * E runs a nested PID namespace: its PID 1 (unshare) starts one whose
 * init, sleep, adopts an orphan and leaves it a zombie.  unshare -p and
 * mounting its /proc need CAP_SYS_ADMIN in the container.
 */
#define NESTED_SCRIPT	"unshare -p -f --mount-proc sh -c " \
			"\"sh -c \\\"sleep 0.2 &\\\"; exec sleep 1000\""
#define NESTED_EXTRA	"--cap-add SYS_ADMIN"

/* zombie, reaper, hostname, userns, nested PID namespace, --user */
static struct podfx_ctr	a, b, c, d, nest, user;
static pid_t		nest_inner;	/* the nested namespace's init */
static struct tmuxfx	tx;

/* A child of parent (a zombie one with zombie), from /proc; 0 if none. */
static pid_t
child_of(pid_t parent, bool zombie)
{
	struct liveproc	 lp;
	struct dirent	*e;
	DIR		*dir = opendir("/proc");
	pid_t		 found = 0, pid;

	while (dir != NULL && found == 0 && (e = readdir(dir)) != NULL) {
		pid = (pid_t)atoi(e->d_name);
		if (pid > 0 && liveproc_read(pid, &lp) == 0 &&
		    lp.ppid == parent && (!zombie || lp.state == 'Z'))
			found = pid;
	}
	if (dir != NULL)
		closedir(dir);
	return found;
}

/* Run treetop with args; its output (caller frees) and exit status. */
static char *
treetop(const char *args, int *status)
{
	char	*cmd, *out;
	FILE	*p;
	size_t	 len;
	int	 st;

	if (asprintf(&cmd, "'%s' %s 2>&1", testutil_treetop_bin(), args) < 0)
		return NULL;
	p = popen(cmd, "r");
	free(cmd);
	if (p == NULL)
		return NULL;
	out = testutil_read_all(p, &len);
	st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return out;
}

/* treetop --json with args, parsed; NULL on failure (checked). */
static json_t *
treetop_json(const char *args)
{
	char	*cmd, *out;
	json_t	*doc;
	int	 st;

	if (asprintf(&cmd, "--json %s", args) < 0)
		return NULL;
	out = treetop(cmd, &st);
	free(cmd);
	TU_CHECK_MSG(st == 0, "treetop --json %s: exit %d: %.300s", args, st,
	    out != NULL ? out : "");
	doc = out != NULL ? json_loads(out, 0, NULL) : NULL;
	free(out);
	CU_ASSERT_PTR_NOT_NULL(doc);
	return doc;
}

/* The element of array whose integer key is v, or NULL. */
static json_t *
by_int(json_t *array, const char *key, json_int_t v)
{
	size_t	 i;
	json_t	*e;

	json_array_foreach(array, i, e)
		if (json_integer_value(json_object_get(e, key)) == v)
			return e;
	return NULL;
}

/* Whether container object ct is podman's c. */
static bool
is_ctr(json_t *ct, const struct podfx_ctr *ctr)
{
	const char	*rt = json_string_value(json_object_get(ct, "runtime"));
	const char	*id = json_string_value(json_object_get(ct, "id"));
	const char	*nm = json_string_value(json_object_get(ct, "name"));

	return rt != NULL && id != NULL && nm != NULL &&
	    strcmp(rt, "podman") == 0 && strcmp(id, ctr->id) == 0 &&
	    strcmp(nm, ctr->name) == 0;
}

/* What podman inspect says agrees with what podfx_start() read. */
static void
check_inspect(const struct podfx_ctr *ctr)
{
	char	buf[256];

	CU_ASSERT_EQUAL_FATAL(podfx_inspect(ctr->name, "{{.Name}} {{.Id}}",
	    buf, sizeof buf), 0);
	CU_ASSERT_TRUE(strncmp(buf, ctr->name, strlen(ctr->name)) == 0 &&
	    strcmp(buf + strlen(ctr->name) + 1, ctr->id) == 0);
}

static void
test_json_names(void)
{
	const struct podfx_ctr	*all[] = { &a, &b, &c, &d, &nest, &user };
	json_t			*doc = treetop_json(""), *p, *ns;
	size_t			 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		check_inspect(all[i]);
		p = by_int(json_object_get(doc, "processes"), "pid",
		    all[i]->pid);
		TU_CHECK_MSG(p != NULL && is_ctr(json_object_get(p,
		    "container"), all[i]), "process %d is not in %s (%s)",
		    (int)all[i]->pid, all[i]->name, all[i]->id);
		ns = by_int(json_object_get(doc, "pid_namespaces"),
		    "init_pid", all[i]->pid);
		TU_CHECK_MSG(ns != NULL && is_ctr(json_object_get(ns,
		    "container"), all[i]), "namespace of %d is not %s",
		    (int)all[i]->pid, all[i]->name);
	}
	json_decref(doc);
}

static void
test_batch_label(void)
{
	char	*out, want[160], *line, *eol;
	int	 st;

	/*
	 * The label first, then what A's PID 1 holds, then the namespaces it
	 * does not share with its parent ([cgroup,ipc,...]), then the command.
	 */
	snprintf(want, sizeof want, "[%s (podman %.12s)] [holds 1 zombie] [",
	    a.name, a.id);
	out = treetop("-b", &st);
	CU_ASSERT_EQUAL(st, 0);
	line = out != NULL ? strstr(out, want) : NULL;
	TU_CHECK_MSG(line != NULL, "no '%s' in -b", want);
	if (line != NULL) {
		if ((eol = strchr(line, '\n')) != NULL)
			*eol = '\0';
		TU_CHECK_MSG(strstr(line, "] sleep 1000") != NULL &&
		    strstr(line, "pid") != NULL, "A's init in -b: %s", line);
	}
	free(out);
}

/* The PIDs of /proc in the PID namespace of pid, ascending; n of them. */
static size_t
pids_in_ns_of(pid_t pid, pid_t *v, size_t max)
{
	uint64_t	ns = liveproc_ns_inode(pid, "pid");
	char		*out;
	size_t		 n = 0, len;
	int		 st;
	char		*line, *save = NULL;
	char		 cmd[128];
	FILE		*p;

	snprintf(cmd, sizeof cmd, "ls /proc | grep -E '^[0-9]+$' | sort -n");
	if ((p = popen(cmd, "r")) == NULL)
		return 0;
	out = testutil_read_all(p, &len);
	st = pclose(p);
	(void)st;
	for (line = out != NULL ? strtok_r(out, "\n", &save) : NULL;
	    line != NULL && n < max; line = strtok_r(NULL, "\n", &save))
		if (liveproc_ns_inode((pid_t)atoi(line), "pid") == ns)
			v[n++] = (pid_t)atoi(line);
	free(out);
	return n;
}

/* --container QUERY lists exactly the processes of ctr's namespace. */
static void
check_selection(const struct podfx_ctr *ctr, const char *query)
{
	pid_t	 want[64];
	size_t	 n = pids_in_ns_of(ctr->pid, want, 64), i;
	char	 args[160];
	json_t	*doc, *procs;

	snprintf(args, sizeof args, "--container %s", query);
	doc = treetop_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	procs = json_object_get(doc, "processes");
	TU_CHECK_MSG(json_array_size(procs) == n, "--container %s: %zu "
	    "processes, /proc has %zu in its namespace", query,
	    json_array_size(procs), n);
	for (i = 0; i < n; i++)
		TU_CHECK_MSG(by_int(procs, "pid", want[i]) != NULL,
		    "--container %s: no pid %d", query, (int)want[i]);
	json_decref(doc);
}

static void
test_container_option(void)
{
	char	 prefix[16], *out;
	int	 st;

	check_selection(&a, a.name);
	snprintf(prefix, sizeof prefix, "%.12s", a.id);
	check_selection(&a, prefix);
	check_selection(&b, b.id);
	out = treetop("-b --container ttfx-no-such-container", &st);
	CU_ASSERT_EQUAL(st, 2);
	CU_ASSERT_TRUE(out != NULL && strstr(out, "no container") != NULL);
	free(out);
	/* --pidns NAME: that container's namespace */
	out = treetop("-b --pidns ttfx-no-such-container", &st);
	CU_ASSERT_EQUAL(st, 2);
	free(out);
}

static void
test_pidns_by_name(void)
{
	char	 args[128], want[160], *out;
	int	 st;

	snprintf(args, sizeof args, "-b --pidns %s", b.name);
	snprintf(want, sizeof want, "[%s (podman %.12s)]", b.name, b.id);
	out = treetop(args, &st);
	CU_ASSERT_EQUAL(st, 0);
	TU_CHECK_MSG(out != NULL && strstr(out, want) != NULL &&
	    strstr(out, a.name) == NULL, "--pidns %s:\n%s", b.name,
	    out != NULL ? out : "");
	free(out);
}

/* A's PID 1 holds a zombie and ignores SIGTERM; B's reaps. */
static void
test_verdicts(void)
{
	json_t		*doc = treetop_json(""), *r, *v, *z;
	uint64_t	 ns_a = liveproc_ns_inode(a.pid, "pid");
	uint64_t	 ns_b = liveproc_ns_inode(b.pid, "pid");
	size_t		 i;
	bool		 not_reaping = false;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	r = by_int(json_object_get(doc, "reapers"), "pidns", (json_int_t)ns_a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	json_array_foreach(json_object_get(r, "verdict"), i, v)
		not_reaping |= strcmp(json_string_value(v), "not-reaping") == 0;
	CU_ASSERT_TRUE(not_reaping);
	CU_ASSERT_TRUE(json_is_false(json_object_get(r, "handles_sigterm")));
	/* the zombie reads the root cgroup, yet is placed in A */
	json_array_foreach(json_object_get(doc, "processes"), i, z)
		if (json_integer_value(json_object_get(z, "ppid")) == a.pid &&
		    strcmp(json_string_value(json_object_get(z, "state")),
		    "Z") == 0)
			TU_CHECK_MSG(is_ctr(json_object_get(z, "container"),
			    &a), "zombie %d not placed in %s",
			    (int)json_integer_value(json_object_get(z, "pid")),
			    a.name);
	r = by_int(json_object_get(doc, "reapers"), "pidns", (json_int_t)ns_b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r,
	    "unreaped_zombies")), 0);
	json_decref(doc);
}

/*
 * nsenter into A's PID namespace from the host: the process it starts
 * is in A's namespace but the host's cgroup: "entered", no container.
 */
static void
test_entered(void)
{
	char	 args[64];
	pid_t	 pid, inner = 0;
	json_t	*doc, *p, *f;
	size_t	 i;
	bool	 entered = false;
	int	 k;

	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		snprintf(args, sizeof args, "%d", (int)a.pid);
		execlp("nsenter", "nsenter", "-t", args, "-p", "--",
		    "sleep", "30", (char *)NULL);
		_exit(127);
	}
	for (k = 0; k < 50 && inner == 0; k++) {
		testutil_sleep_ms(100);
		inner = child_of(pid, false);
	}
	CU_ASSERT_FATAL(inner > 0);
	doc = treetop_json("");
	p = doc != NULL ? by_int(json_object_get(doc, "processes"), "pid",
	    inner) : NULL;
	CU_ASSERT_PTR_NOT_NULL(p);
	json_array_foreach(json_object_get(p, "flags"), i, f)
		entered |= strcmp(json_string_value(f), "entered") == 0;
	CU_ASSERT_TRUE(entered);
	CU_ASSERT_TRUE(json_is_null(json_object_get(p, "container")));
	json_decref(doc);
	kill(inner, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * The explorer's namespace view names A, with its SIGTERM warning; the
 * header counts containers; the detail pane names A.
 */
static void
test_explorer(void)
{
	struct liveproc	lp;
	pid_t		zombie = child_of(a.pid, true);
	char		want[160], inner[16];

	CU_ASSERT_EQUAL_FATAL(tmuxfx_start(&tx, "ctr", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5 --container %s", testutil_treetop_bin(), a.name), 0);
	/* wide enough for the whole namespace title */
	CU_ASSERT_EQUAL(tmuxfx_resize(&tx, 320, 50), 0);
	tmuxfx_type(&tx, "g", NULL);
	snprintf(want, sizeof want, "%s (podman %.12s)", a.name, a.id);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in:\n%s", want,
	    tx.screen);
	TU_CHECK_MSG(tmuxfx_wait(&tx, "does not handle SIGTERM", false),
	    "no SIGTERM warning in:\n%s", tx.screen);
	/* the header counts them: these four at least */
	CU_ASSERT_TRUE(tmuxfx_wait(&tx, " containers", false));
	/*
	 * /N in the namespace view finds the zombie by its PID inside A; its
	 * details say it is one, and name A (where it was placed).
	 */
	CU_ASSERT_FATAL(zombie > 0 && liveproc_read(zombie, &lp) == 0);
	snprintf(inner, sizeof inner, "%d", lp.nspid[lp.nspid_len - 1]);
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, inner, "Enter");
	tmuxfx_type(&tx, "", "Enter");
	TU_CHECK_MSG(tmuxfx_wait(&tx, "State        Z", false),
	    "/%s did not select the zombie:\n%s", inner, tx.screen);
	snprintf(want, sizeof want, "container  %s (podman %.12s)", a.name,
	    a.id);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in:\n%s", want,
	    tx.screen);
	tmuxfx_stop(&tx);
}

/* The fixture's hostname and user namespace starts did what they say. */
static void
test_fixture_options(void)
{
	char	buf[128], path[64];
	FILE	*f;

	CU_ASSERT_EQUAL(podfx_inspect(c.name, "{{.Config.Hostname}}", buf,
	    sizeof buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "web-01");
	snprintf(path, sizeof path, "/proc/%d/uid_map", (int)d.pid);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof buf, f));
	fclose(f);
	CU_ASSERT_TRUE(strstr(buf, "100000") != NULL);
}

/* The first line of /proc/PID/file, the trailing newline removed. */
static void
proc_line(pid_t pid, const char *file, char *buf, size_t size)
{
	char	path[64];
	FILE	*f;

	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(buf, (int)size, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

/* Whether a map of --json ([[in, out, count]]) is /proc's one line. */
static bool
map_is(json_t *map, const char *line)
{
	unsigned long	in, out, count;
	json_t		*e = json_array_get(map, 0);

	return json_array_size(map) == 1 &&
	    sscanf(line, "%lu %lu %lu", &in, &out, &count) == 3 &&
	    json_integer_value(json_array_get(e, 0)) == (json_int_t)in &&
	    json_integer_value(json_array_get(e, 1)) == (json_int_t)out &&
	    json_integer_value(json_array_get(e, 2)) == (json_int_t)count;
}

/* Each container's hostname is podman's, in both tables of --json. */
static void
test_json_hostnames(void)
{
	const struct podfx_ctr	*all[] = { &a, &c };
	json_t			*doc = treetop_json(""), *ns, *uts;
	char			 want[128];
	size_t			 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(podfx_inspect(all[i]->name,
		    "{{.Config.Hostname}}", want, sizeof want), 0);
		ns = by_int(json_object_get(doc, "pid_namespaces"),
		    "init_pid", all[i]->pid);
		uts = by_int(json_object_get(doc, "uts_namespaces"), "inode",
		    (json_int_t)liveproc_ns_inode(all[i]->pid, "uts"));
		TU_CHECK_MSG(ns != NULL && json_is_string(json_object_get(ns,
		    "hostname")) && strcmp(json_string_value(json_object_get(
		    ns, "hostname")), want) == 0, "%s: pid_namespaces hostname "
		    "is not podman's %s", all[i]->name, want);
		TU_CHECK_MSG(uts != NULL && json_is_string(json_object_get(uts,
		    "hostname")) && strcmp(json_string_value(json_object_get(
		    uts, "hostname")), want) == 0, "%s: uts_namespaces hostname "
		    "is not podman's %s", all[i]->name, want);
	}
	CU_ASSERT_STRING_EQUAL(want, "web-01");	/* c's, last */
	json_decref(doc);
}

/*
 * D's maps are /proc's and podman's (its --uidmap, as podman inspect
 * recorded the command); its root is uid 100000 on the host, 0 inside.
 */
static void
test_json_userns(void)
{
	json_t		*doc = treetop_json(""), *us, *p;
	char		 uid_map[128], gid_map[128], want[1024], *opt;
	unsigned long	 in = 1, out = 0, count = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(podfx_inspect(d.name, "{{range .Config.CreateCommand}}"
	    "{{.}} {{end}}", want, sizeof want), 0);
	opt = strstr(want, "--uidmap ");
	CU_ASSERT_TRUE(opt != NULL && sscanf(opt, "--uidmap %lu:%lu:%lu",
	    &in, &out, &count) == 3);
	CU_ASSERT_TRUE(in == 0 && out == 100000 && count == 65536);
	proc_line(d.pid, "uid_map", uid_map, sizeof uid_map);
	proc_line(d.pid, "gid_map", gid_map, sizeof gid_map);
	us = by_int(json_object_get(doc, "user_namespaces"), "inode",
	    (json_int_t)liveproc_ns_inode(d.pid, "user"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(us);
	TU_CHECK_MSG(map_is(json_object_get(us, "uid_map"), uid_map),
	    "uid_map is not /proc's '%s'", uid_map);
	TU_CHECK_MSG(map_is(json_object_get(us, "gid_map"), gid_map),
	    "gid_map is not /proc's '%s'", gid_map);
	CU_ASSERT_TRUE(strstr(uid_map, "100000") != NULL);
	p = by_int(json_object_get(doc, "processes"), "pid", d.pid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(p, "uid")),
	    100000);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(p, "ns_uid")), 0);
	json_decref(doc);
}

/*
 * -b --group-ns pid titles C's namespace with its name, ID, hostname and
 * what is wrong with its init; -b shows D's root as root(100000).
 */
static void
test_batch_titles(void)
{
	char	want[256], *out, *line;
	int	st;

	snprintf(want, sizeof want, "--- pid namespace %llu  %s (podman "
	    "%.12s)  shared by 1 process  hostname web-01  -  PID 1 is sleep: "
	    "it does not handle SIGTERM", (unsigned long long)
	    liveproc_ns_inode(c.pid, "pid"), c.name, c.id);
	out = treetop("-b --group-ns pid", &st);
	CU_ASSERT_EQUAL(st, 0);
	TU_CHECK_MSG(out != NULL && strstr(out, want) != NULL,
	    "no '%s' in -b --group-ns pid:\n%.2000s", want,
	    out != NULL ? out : "");
	free(out);
	out = treetop("-b", &st);
	/* plain -b: C's init labelled with its hostname, not the others */
	snprintf(want, sizeof want, "[%s (podman %.12s), hostname web-01] ",
	    c.name, c.id);
	TU_CHECK_MSG(out != NULL && strstr(out, want) != NULL,
	    "no '%s' in -b:\n%.2000s", want, out != NULL ? out : "");
	snprintf(want, sizeof want, "[%s (podman %.12s)]", d.name, d.id);
	line = out != NULL ? strstr(out, want) : NULL;
	while (line != NULL && line > out && line[-1] != '\n')
		line--;
	TU_CHECK_MSG(line != NULL && strstr(line, " root(100000) ") != NULL &&
	    strstr(line, " root(100000) ") < strstr(line, want),
	    "no root(100000) on %s's init in -b", d.name);
	free(out);
}

/* The explorer on pid, wide enough for whole namespace titles. */
static int
ui_start(pid_t pid, int cols, int lines)
{
	if (tmuxfx_start(&tx, "ctr", WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "SHELL=/bin/sh '%s' -d 0.5 -p %d", testutil_treetop_bin(),
	    (int)pid) < 0)
		return -1;
	return tmuxfx_resize(&tx, cols, lines);
}

/*
 * The namespace view titles C with its name, ID and hostname; at 80
 * columns the title starts with them.  The signal dialog on A's PID 1
 * says the kernel drops SIGTERM and selects SIGKILL.
 */
static void
test_explorer_titles(void)
{
	char	want[256];

	CU_ASSERT_FATAL(ui_start(c.pid, 200, 50) == 0);
	tmuxfx_type(&tx, "g", NULL);
	snprintf(want, sizeof want, "PID namespace %llu  %s (podman %.12s)  "
	    "hostname web-01  level 1  init %d [sleep]", (unsigned long long)
	    liveproc_ns_inode(c.pid, "pid"), c.name, c.id, (int)c.pid);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in:\n%s", want,
	    tx.screen);
	CU_ASSERT_EQUAL(tmuxfx_resize(&tx, 80, 24), 0);
	snprintf(want, sizeof want, "PID namespace %llu  %s (podman %.12s)",
	    (unsigned long long)liveproc_ns_inode(c.pid, "pid"), c.name,
	    c.id);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' at 80 "
	    "columns:\n%s", want, tx.screen);
	/* the header's shorter words leave room for the containers */
	TU_CHECK_MSG(tmuxfx_wait(&tx, " PID ns; ", false) &&
	    strstr(tx.screen, " containers") != NULL, "the header at 80 "
	    "columns does not count the containers:\n%s", tx.screen);
	tmuxfx_stop(&tx);
	CU_ASSERT_FATAL(ui_start(a.pid, 120, 40) == 0);
	tmuxfx_type(&tx, "", "F9");
	TU_CHECK_MSG(tmuxfx_wait(&tx, "It does not handle SIGTERM, so the "
	    "kernel drops it: SIGKILL (selected) ends it.", false),
	    "no SIGTERM warning in the signal dialog:\n%s", tx.screen);
	tmuxfx_type(&tx, "", "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Send signal to PID", true));
	tmuxfx_stop(&tx);
	CU_ASSERT(kill(a.pid, 0) == 0);		/* nothing was sent */
}

/* !: a shell in C whose hostname is C's; exit: the explorer again. */
static void
test_shell_in_container(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(ui_start(c.pid, 120, 40) == 0);
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, c.pid, false, row,
	    sizeof row));
	tmuxfx_type(&tx, "!", NULL);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "a shell in the namespaces of PID",
	    false));
	tmuxfx_type(&tx, "echo X$(hostname)X", "Enter");
	TU_CHECK_MSG(tmuxfx_wait(&tx, "Xweb-01X", false),
	    "hostname in the shell is not web-01:\n%s", tx.screen);
	tmuxfx_type(&tx, "exit", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "namespaces exited (status 0)", false));
	CU_ASSERT(tmuxfx_wait_row(&tx, c.pid, false, row, sizeof row));
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
}

/* Whether nspid (a --json array) is what /proc says of pid. */
static bool
nspid_is(json_t *nspid, pid_t pid)
{
	struct liveproc	lp;
	int		i;

	if (liveproc_read(pid, &lp) != 0 ||
	    json_array_size(nspid) != (size_t)lp.nspid_len)
		return false;
	for (i = 0; i < lp.nspid_len; i++)
		if (json_integer_value(json_array_get(nspid, (size_t)i)) !=
		    lp.nspid[i])
			return false;
	return true;
}

/*
 * E's nested namespace in --json: a child of E's (level 2), E's by name
 * and ID, its init and PIDs inside as /proc has them, and the zombie in
 * it placed in it and in E.
 */
static void
test_json_nested(void)
{
	uint64_t	 outer = liveproc_ns_inode(nest.pid, "pid");
	uint64_t	 inner = liveproc_ns_inode(nest_inner, "pid");
	pid_t		 zombie = child_of(nest_inner, true);
	json_t		*doc = treetop_json(""), *ns, *p, *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_FATAL(zombie > 0 && outer != INODE_UNKNOWN &&
	    inner != INODE_UNKNOWN && inner != outer);
	ns = by_int(json_object_get(doc, "pid_namespaces"), "inode",
	    (json_int_t)outer);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ns);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "level")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "init_pid")),
	    nest.pid);
	ns = by_int(json_object_get(doc, "pid_namespaces"), "inode",
	    (json_int_t)inner);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ns);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "level")), 2);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "parent")),
	    (json_int_t)outer);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "init_pid")),
	    nest_inner);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "processes")),
	    2);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(ns, "zombies")), 1);
	TU_CHECK_MSG(is_ctr(json_object_get(ns, "container"), &nest),
	    "nested namespace %llu is not %s's", (unsigned long long)inner,
	    nest.name);
	p = by_int(json_object_get(doc, "processes"), "pid", nest_inner);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_TRUE(nspid_is(json_object_get(p, "nspid"), nest_inner));
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(json_object_get(p,
	    "nspid"), 2)), 1);
	CU_ASSERT_TRUE(is_ctr(json_object_get(p, "container"), &nest));
	p = by_int(json_object_get(doc, "processes"), "pid", zombie);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(p, "state")),
	    "Z");
	CU_ASSERT_TRUE(nspid_is(json_object_get(p, "nspid"), zombie));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(p,
	    "ns"), "pid")), (json_int_t)inner);
	TU_CHECK_MSG(is_ctr(json_object_get(p, "container"), &nest),
	    "nested zombie %d not placed in %s", (int)zombie, nest.name);
	/* named by its namespace init's root, its own being gone */
	CU_ASSERT_TRUE(json_is_string(json_object_get(p, "ns_user")) &&
	    strcmp(json_string_value(json_object_get(p, "ns_user")),
	    "root") == 0);
	/* its init, not E's, is judged for it */
	r = by_int(json_object_get(doc, "reapers"), "pidns", (json_int_t)inner);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r,
	    "unreaped_zombies")), 1);
	r = by_int(json_object_get(doc, "reapers"), "pidns", (json_int_t)outer);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(r,
	    "unreaped_zombies")), 0);
	json_decref(doc);
}

/* --container E selects its processes in both its namespaces, no more. */
static void
test_nested_selection(void)
{
	pid_t	 want[128];
	size_t	 n = pids_in_ns_of(nest.pid, want, 64), i;
	char	 args[160];
	json_t	*doc, *procs;

	n += pids_in_ns_of(nest_inner, want + n, 64);
	CU_ASSERT(n >= 3);	/* E's init, the nested init, its zombie */
	snprintf(args, sizeof args, "--container %s", nest.name);
	doc = treetop_json(args);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	procs = json_object_get(doc, "processes");
	TU_CHECK_MSG(json_array_size(procs) == n, "--container %s: %zu "
	    "processes, /proc has %zu in its two namespaces", nest.name,
	    json_array_size(procs), n);
	for (i = 0; i < n; i++)
		TU_CHECK_MSG(by_int(procs, "pid", want[i]) != NULL,
		    "--container %s: no pid %d", nest.name, (int)want[i]);
	json_decref(doc);
}

/*
 * -b --group-ns pid: the nested namespace's section is titled with E,
 * holds its init and the zombie, with their PIDs inside (NSPID).
 */
static void
test_batch_nested(void)
{
	char		 want[256], args[96], row[64], *out, *sec, *end;
	pid_t		 zombie = child_of(nest_inner, true);
	struct liveproc	 lp;
	int		 st;

	CU_ASSERT_FATAL(zombie > 0 && liveproc_read(zombie, &lp) == 0);
	snprintf(want, sizeof want, "--- pid namespace %llu  %s (podman "
	    "%.12s)  shared by 2 processes", (unsigned long long)
	    liveproc_ns_inode(nest_inner, "pid"), nest.name, nest.id);
	snprintf(args, sizeof args, "-b --group-ns pid --container %s",
	    nest.name);
	out = treetop(args, &st);
	CU_ASSERT_EQUAL(st, 0);
	sec = out != NULL ? strstr(out, want) : NULL;
	TU_CHECK_MSG(sec != NULL, "no '%s' in %s:\n%s", want, args,
	    out != NULL ? out : "");
	if (sec != NULL) {
		if ((end = strstr(sec + 3, "\n---")) != NULL)
			*end = '\0';
		/* PID, PPID, ..., NSPID: the zombie's own, inside */
		snprintf(row, sizeof row, "\n%7d ", (int)zombie);
		TU_CHECK_MSG(strstr(sec, row) != NULL, "zombie %d not in the "
		    "nested section:\n%s", (int)zombie, sec);
		snprintf(row, sizeof row, " %d root     Z ",
		    lp.nspid[lp.nspid_len - 1]);
		TU_CHECK_MSG(strstr(sec, row) != NULL, "no '%s' in the nested "
		    "section:\n%s", row, sec);
		snprintf(row, sizeof row, "\n%7d ", (int)nest.pid);
		CU_ASSERT_TRUE(strstr(sec, row) == NULL);	/* E's init */
	}
	free(out);
}

/* The namespace view titles the nested namespace: E, level 2, its init. */
static void
test_explorer_nested(void)
{
	char	want[256];

	CU_ASSERT_EQUAL_FATAL(tmuxfx_start(&tx, "ctr", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 0.5 --container %s", testutil_treetop_bin(), nest.name), 0);
	CU_ASSERT_EQUAL(tmuxfx_resize(&tx, 220, 50), 0);
	tmuxfx_type(&tx, "g", NULL);
	snprintf(want, sizeof want, "PID namespace %llu  %s (podman %.12s)  "
	    "hostname %.12s  level 2  init %d [sleep]", (unsigned long long)
	    liveproc_ns_inode(nest_inner, "pid"), nest.name, nest.id, nest.id,
	    (int)nest_inner);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in:\n%s", want,
	    tx.screen);
	snprintf(want, sizeof want, "PID namespace %llu  %s (podman %.12s)  "
	    "hostname %.12s  level 1  init %d [unshare]", (unsigned long long)
	    liveproc_ns_inode(nest.pid, "pid"), nest.name, nest.id, nest.id,
	    (int)nest.pid);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in:\n%s", want,
	    tx.screen);
	tmuxfx_stop(&tx);
}

/* The host's name for uid: getpwuid's, else the number. */
static void
host_user(uid_t uid, char *buf, size_t size)
{
	struct passwd	*pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
}

/*
 * USER of the container run as PODFX_USER is the name its own
 * /etc/passwd gives, then the host's: in --json (ns_user), -b, the
 * explorer's row and its details; D's root (user namespace) is root.
 */
static void
test_container_user(void)
{
	char	 host[64], want[160], args[96], row[1024], *out;
	json_t	*doc = treetop_json(""), *p;
	int	 st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	host_user(PODFX_UID, host, sizeof host);
	p = by_int(json_object_get(doc, "processes"), "pid", user.pid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(p, "uid")),
	    PODFX_UID);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(p, "ns_uid")),
	    PODFX_UID);
	TU_CHECK_MSG(json_is_string(json_object_get(p, "ns_user")) &&
	    strcmp(json_string_value(json_object_get(p, "ns_user")),
	    PODFX_USER) == 0, "ns_user of %d is not %s", (int)user.pid,
	    PODFX_USER);
	p = by_int(json_object_get(doc, "processes"), "pid", d.pid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_TRUE(json_is_string(json_object_get(p, "ns_user")) &&
	    strcmp(json_string_value(json_object_get(p, "ns_user")),
	    "root") == 0);
	/* treetop's own processes: no name from another root */
	p = by_int(json_object_get(doc, "processes"), "pid", getpid());
	CU_ASSERT_TRUE(p != NULL && json_is_null(json_object_get(p,
	    "ns_user")));
	json_decref(doc);
	snprintf(want, sizeof want, " %s(%s) ", PODFX_USER, host);
	snprintf(args, sizeof args, "-b --container %s", user.name);
	out = treetop(args, &st);
	CU_ASSERT_EQUAL(st, 0);
	TU_CHECK_MSG(out != NULL && strstr(out, want) != NULL, "no '%s' in "
	    "%s:\n%s", want, args, out != NULL ? out : "");
	free(out);
	CU_ASSERT_FATAL(ui_start(user.pid, 160, 40) == 0);
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, user.pid, false, row,
	    sizeof row));
	TU_CHECK_MSG(strstr(row, want) != NULL, "no '%s' in the row: %s",
	    want, row);
	tmuxfx_type(&tx, "", "Enter");
	snprintf(want, sizeof want, "%s (uid %d) in its root's /etc/passwd",
	    PODFX_USER, PODFX_UID);
	TU_CHECK_MSG(tmuxfx_wait(&tx, want, false), "no '%s' in the "
	    "details:\n%s", want, tx.screen);
	tmuxfx_stop(&tx);
}

/* Until pid has a zombie child, at most WAIT_MS. */
static bool
wait_zombie_child(pid_t pid)
{
	int64_t	end = testutil_now_ms() + WAIT_MS;

	while (testutil_now_ms() < end) {
		if (child_of(pid, true) > 0)
			return true;
		testutil_sleep_ms(50);
	}
	return false;
}

static int
start_all(void)
{
	char	extra[32];
	int	tries;

	if (podfx_start(&a, "zombie", NULL, ZOMBIE_SCRIPT) < 0)
		return -1;
	if (podfx_start(&b, "reaper", podfx_has_init() ? "--init" : NULL,
	    podfx_has_init() ? ZOMBIE_SCRIPT : REAPER_SCRIPT) < 0)
		return -1;
	if (podfx_start_hostname(&c, "host", "web-01", "exec sleep 1000") < 0)
		return -1;
	if (podfx_start_userns(&d, "userns", "0:100000:65536",
	    "0:100000:65536", "exec sleep 1000") < 0)
		return -1;
	if (podfx_start(&nest, "nested", NESTED_EXTRA, NESTED_SCRIPT) < 0)
		return -1;
	snprintf(extra, sizeof extra, "--user %d", PODFX_UID);
	if (podfx_start(&user, "user", extra, "exec sleep 1000") < 0)
		return -1;
	if (!wait_zombie_child(a.pid)) {
		fprintf(stderr, "%s: no zombie under its PID 1 (%d)\n", a.name,
		    (int)a.pid);
		return -1;
	}
	/* E's PID 1 (unshare) forks the nested namespace's init */
	for (tries = 0; tries < 100 && nest_inner == 0; tries++) {
		if ((nest_inner = child_of(nest.pid, false)) == 0)
			testutil_sleep_ms(100);
	}
	if (nest_inner == 0 || !wait_zombie_child(nest_inner)) {
		fprintf(stderr, "%s: no nested init with a zombie under %d\n",
		    nest.name, (int)nest.pid);
		return -1;
	}
	return 0;
}

static const struct runner_test tests[] = {
	{ "names and IDs in --json", test_json_names },
	{ "-b labels a container's init", test_batch_label },
	{ "--container by name, ID, prefix", test_container_option },
	{ "--pidns by container name", test_pidns_by_name },
	{ "PID 1 verdicts", test_verdicts },
	{ "nsenter marked entered", test_entered },
	{ "explorer namespace view", test_explorer },
	{ "hostname and user namespace starts", test_fixture_options },
	{ "hostnames in --json match podman", test_json_hostnames },
	{ "user namespace maps and USER", test_json_userns },
	{ "-b titles and root(100000)", test_batch_titles },
	{ "explorer titles and the SIGTERM dialog", test_explorer_titles },
	{ "! shell inside a container", test_shell_in_container },
	{ "nested PID namespace in --json", test_json_nested },
	{ "nested PID namespace in -b", test_batch_nested },
	{ "--container selects both namespaces", test_nested_selection },
	{ "nested PID namespace in the explorer", test_explorer_nested },
	{ "USER named by the container's passwd", test_container_user },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("containers, live", NULL, NULL, tests),
	};
	const char	*why = NULL, *ci = getenv("CI");
	bool		 under_ci = ci != NULL && strcmp(ci, "true") == 0;
	int		 rc;

	testutil_require_proc();
	testutil_require_root("podman runs containers as root here");
	if (podfx_setup(&why) < 0 || (why = "a container did not start",
	    start_all() < 0)) {
		fprintf(stderr, "test_containers_live: %s\n", why);
		podfx_cleanup();
		return under_ci ? 1 : 77;
	}
	rc = runner_run(suites, RUNNER_COUNT(suites));
	tmuxfx_stop(&tx);
	podfx_cleanup();
	return rc;
}
