/*
 * Namespaces made for real by unshare(1) and unshare(2), as root: a UTS
 * and PID namespace with its own hostname, a user namespace whose
 * uid_map and gid_map treetop did not write (0 inside is 100000
 * outside), with a process that is uid 1000 inside, and two nested PID
 * namespaces, each with a UTS namespace and hostname of its own.
 * --json and -b are checked against /proc and against what nsenter(1)
 * says inside (nsenter -u -t PID hostname); the explorer in tmux is
 * checked for g over the namespace types and for ! (a shell whose
 * hostname is the namespace's, with no descriptor of treetop's, and
 * the explorer back when it exits).  Every process started here is in
 * a process group of its own, killed whole at the end.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/liveproc.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define NS_WAIT_MS	8000
#define MAP_OUTSIDE	100000u
#define MAP_COUNT	65536u

/* The process groups started here: each killed whole at the end. */
static pid_t	groups[5];
static size_t	ngroups;

static pid_t	uts_init;	/* sleep 6001, PID 1 with hostname tt-inside */
static pid_t	user_root;	/* sleep 6002, root inside (100000 outside) */
static pid_t	user_1000;	/* sleep 6003, uid 1000 inside */
static pid_t	outer_init;	/* sleep 6004, PID 1 with hostname tt-outer */
static pid_t	nested_init;	/* sleep 6005, PID 1 one deeper, tt-nested */
static pid_t	mnt_net;	/* sleep 6006, new mount and network
				   namespaces only */

static struct tmuxfx	tx;

/* --- the scenario ------------------------------------------------------- */

/* Start sh -c cmd in a process group of its own; its pid. */
static pid_t
start_group(const char *cmd)
{
	pid_t	pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		setpgid(pid, pid);
		groups[ngroups++] = pid;
	}
	return pid;
}

/* Whether pgid is one of the groups started here. */
static bool
ours(pid_t pgid)
{
	size_t	i;

	for (i = 0; i < ngroups; i++)
		if (groups[i] == pgid)
			return true;
	return false;
}

/* Our "sleep ARG" running as uid (outside); 0 if none shows in time. */
static pid_t
find_sleep(const char *arg, uint32_t uid)
{
	struct liveproc	lp;
	struct dirent	*de;
	DIR		*dir;
	pid_t		 found = 0, pid;
	int64_t		 end = testutil_now_ms() + NS_WAIT_MS;

	while (found == 0 && testutil_now_ms() < end) {
		if ((dir = opendir("/proc")) == NULL)
			return 0;
		while (found == 0 && (de = readdir(dir)) != NULL) {
			pid = (pid_t)atoi(de->d_name);
			if (pid <= 0 || liveproc_read(pid, &lp) != 0 ||
			    !ours(lp.pgid) || lp.uid != uid ||
			    strcmp(lp.comm, "sleep") != 0 ||
			    lp.cmdline_len != 7 + strlen(arg) ||
			    strcmp(lp.cmdline + 6, arg) != 0)
				continue;
			found = pid;
		}
		closedir(dir);
		if (found == 0)
			testutil_sleep_ms(20);
	}
	return found;
}

/* Write text to /proc/PID/name; 0 or -errno. */
static int
write_proc(pid_t pid, const char *name, const char *text)
{
	char	path[64];
	int	fd, r = 0;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		r = -errno;
	close(fd);
	return r;
}

/*
 * A user and UTS namespace by unshare(2); its maps written from here:
 * 0-65535 inside are 100000-165535 outside.  Root inside sets the
 * hostname and runs sleep 6002; a child of it, uid 1000, sleep 6003.
 */
static int
start_userns(void)
{
	char	map[64], c = 0;
	int	go[2], ready[2];
	pid_t	pid;

	if (pipe(go) < 0 || pipe(ready) < 0)
		return -errno;
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		close(go[1]);
		close(ready[0]);
		/* The maps can be written once the namespace exists. */
		if (unshare(CLONE_NEWUSER | CLONE_NEWUTS) < 0 ||
		    write(ready[1], "u", 1) != 1 || read(go[0], &c, 1) != 1 ||
		    setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 ||
		    sethostname("tt-user", 7) < 0)
			_exit(1);
		if (fork() == 0) {
			if (setresuid(1000, 1000, 1000) == 0)
				execlp("sleep", "sleep", "6003", (char *)NULL);
			_exit(1);
		}
		execlp("sleep", "sleep", "6002", (char *)NULL);
		_exit(1);
	}
	close(go[0]);
	close(ready[1]);
	if (pid > 0) {
		setpgid(pid, pid);
		groups[ngroups++] = pid;
	}
	snprintf(map, sizeof map, "0 %u %u\n", MAP_OUTSIDE, MAP_COUNT);
	if (pid < 0 || read(ready[0], &c, 1) != 1 ||
	    write_proc(pid, "uid_map", map) < 0 ||
	    write_proc(pid, "gid_map", map) < 0 || write(go[1], "x", 1) != 1) {
		close(go[1]);
		close(ready[0]);
		return -EIO;
	}
	close(go[1]);
	close(ready[0]);
	return 0;
}

static int	suite_cleanup(void);

static int
suite_init(void)
{
	if (start_group("exec unshare --uts --pid --fork --mount-proc sh -c "
	    "'hostname tt-inside; exec sleep 6001'") < 0 ||
	    start_group("exec unshare --uts --pid --fork sh -c 'hostname "
	    "tt-outer; unshare --uts --pid --fork sh -c \"hostname tt-nested;"
	    " exec sleep 6005\" & exec sleep 6004'") < 0 ||
	    start_group("exec unshare --mount --net sleep 6006") < 0 ||
	    start_userns() < 0)
		return 1;
	uts_init = find_sleep("6001", 0);
	user_root = find_sleep("6002", MAP_OUTSIDE);
	user_1000 = find_sleep("6003", MAP_OUTSIDE + 1000);
	outer_init = find_sleep("6004", 0);
	nested_init = find_sleep("6005", 0);
	mnt_net = find_sleep("6006", 0);
	if (uts_init == 0 || user_root == 0 || user_1000 == 0 ||
	    outer_init == 0 || nested_init == 0 || mnt_net == 0) {
		fprintf(stderr, "scenario: not every namespace started\n");
		suite_cleanup();
		return 1;
	}
	testutil_sleep_ms(200);		/* the hostnames are set before exec */
	return 0;
}

static int
suite_cleanup(void)
{
	size_t	i;

	tmuxfx_stop(&tx);
	for (i = 0; i < ngroups; i++)
		kill(-groups[i], SIGKILL);
	for (i = 0; i < ngroups; i++)
		while (waitpid(groups[i], NULL, 0) < 0 && errno == EINTR)
			;
	ngroups = 0;
	return 0;
}

/* --- helpers ------------------------------------------------------------ */

/* The output of a shell command made from fmt; the caller frees it. */
static char * __attribute__((format(printf, 1, 2)))
run_capture(const char *fmt, ...)
{
	char	cmd[1024], *out;
	size_t	len;
	va_list	ap;
	FILE	*f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if ((f = popen(cmd, "r")) == NULL)
		return NULL;
	out = testutil_read_all(f, &len);
	pclose(f);
	while (out != NULL && len > 0 && out[len - 1] == '\n')
		out[--len] = '\0';
	return out;
}

/* What `hostname` says inside pid's UTS namespace (nsenter); "" if unknown. */
static void
hostname_inside(pid_t pid, char *buf, size_t size)
{
	char	*out = run_capture("nsenter -u -t %d hostname 2>/dev/null",
		    (int)pid);

	snprintf(buf, size, "%s", out != NULL ? out : "");
	free(out);
}

static json_t *
treetop_json(void)
{
	char	*out = run_capture("'%s' --json", testutil_treetop_bin());
	json_t	*root = out != NULL ? json_loads(out, 0, NULL) : NULL;

	free(out);
	return root;
}

/* The entry of table key whose "inode" is inode, or NULL. */
static json_t *
table_entry(json_t *root, const char *key, uint64_t inode)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(json_object_get(root, key), i, e)
		if ((uint64_t)json_integer_value(json_object_get(e, "inode")) ==
		    inode)
			return e;
	return NULL;
}

static json_t *
json_proc(json_t *root, pid_t pid)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(json_object_get(root, "processes"), i, e)
		if (json_integer_value(json_object_get(e, "pid")) == pid)
			return e;
	return NULL;
}

/* The string member key of o, or "(null)". */
static const char *
jstr(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "(null)";
}

/* /proc/PID/name (a map) as compact JSON: "[[0,100000,65536]]". */
static void
map_of(pid_t pid, const char *name, char *buf, size_t size)
{
	unsigned long	a, b, c;
	char		path[64];
	size_t		used;
	FILE		*f;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	snprintf(buf, size, "[");
	if ((f = fopen(path, "re")) != NULL) {
		while (fscanf(f, "%lu %lu %lu", &a, &b, &c) == 3) {
			used = strlen(buf);
			snprintf(buf + used, size - used, "%s[%lu,%lu,%lu]",
			    used > 1 ? "," : "", a, b, c);
		}
		fclose(f);
	}
	used = strlen(buf);
	snprintf(buf + used, size - used, "]");
}

/* "[pid,uts]": pid's namespace types that differ from its parent's. */
static void
differs_of(pid_t pid, char *buf, size_t size)
{
	static const char *const names[] = { "pid", "mnt", "net", "uts",
	    "ipc", "user", "cgroup", "time" };
	struct liveproc	lp;
	uint64_t	a, b;
	size_t		t, used = 0;

	buf[0] = '\0';
	if (liveproc_read(pid, &lp) != 0)
		return;
	for (t = 0; t < 8; t++) {
		a = liveproc_ns_inode(pid, names[t]);
		b = liveproc_ns_inode(lp.ppid, names[t]);
		if (a == 0 || b == 0 || a == b)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    used == 0 ? "[" : ",", names[t]);
	}
	if (used > 0)
		snprintf(buf + used, size - used, "]");
}

/* The line of text whose PID column is pid, into line; false if none. */
static bool
batch_line(const char *text, pid_t pid, char *line, size_t size)
{
	const char	*p = text, *end;
	int		 v;

	for (; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		if (sscanf(p, "%d", &v) == 1 && v == pid) {
			snprintf(line, size, "%.*s", (int)(end - p), p);
			return true;
		}
	}
	return false;
}

/* --- --json ------------------------------------------------------------- */

/* Each UTS namespace's hostname is what hostname(1) says inside it. */
static void
test_json_hostnames(void)
{
	static const struct {
		pid_t		*pid;
		const char	*name;
	} want[] = {
		{ &uts_init, "tt-inside" }, { &user_root, "tt-user" },
		{ &outer_init, "tt-outer" }, { &nested_init, "tt-nested" },
	};
	json_t	*root = treetop_json(), *e;
	char	 inside[128], self[128];
	size_t	 i;
	pid_t	 pid;

	CU_ASSERT_FATAL(root != NULL);
	for (i = 0; i < RUNNER_COUNT(want); i++) {
		pid = *want[i].pid;
		hostname_inside(pid, inside, sizeof inside);
		TU_CHECK_MSG(strcmp(inside, want[i].name) == 0,
		    "nsenter -u -t %d hostname: %s", (int)pid, inside);
		e = table_entry(root, "uts_namespaces",
		    liveproc_ns_inode(pid, "uts"));
		TU_CHECK_MSG(e != NULL && strcmp(jstr(e, "hostname"),
		    inside) == 0, "uts_namespaces of %d: %s, inside %s",
		    (int)pid, e != NULL ? jstr(e, "hostname") : "missing",
		    inside);
		/* Each is its PID namespace's init: the table names it. */
		e = table_entry(root, "pid_namespaces",
		    liveproc_ns_inode(pid, "pid"));
		if (pid != user_root)
			TU_CHECK_MSG(e != NULL && strcmp(jstr(e, "hostname"),
			    inside) == 0, "pid_namespaces of %d: %s",
			    (int)pid, e != NULL ? jstr(e, "hostname") : "-");
	}
	/* treetop's own: uname. */
	CU_ASSERT_EQUAL(gethostname(self, sizeof self), 0);
	e = table_entry(root, "uts_namespaces",
	    liveproc_ns_inode(getpid(), "uts"));
	CU_ASSERT(e != NULL && strcmp(jstr(e, "hostname"), self) == 0);
	json_decref(root);
}

/* The maps are /proc's; uid and ns_uid are the uid outside and inside. */
static void
test_json_user_maps(void)
{
	json_t	*root = treetop_json(), *e, *p;
	char	 want[256], *got;

	CU_ASSERT_FATAL(root != NULL);
	e = table_entry(root, "user_namespaces",
	    liveproc_ns_inode(user_root, "user"));
	CU_ASSERT_FATAL(e != NULL);
	map_of(user_root, "uid_map", want, sizeof want);
	got = json_dumps(json_object_get(e, "uid_map"), JSON_COMPACT);
	TU_CHECK_MSG(got != NULL && strcmp(got, want) == 0, "uid_map %s, "
	    "/proc %s", got != NULL ? got : "-", want);
	CU_ASSERT_STRING_EQUAL(want, "[[0,100000,65536]]");
	free(got);
	map_of(user_root, "gid_map", want, sizeof want);
	got = json_dumps(json_object_get(e, "gid_map"), JSON_COMPACT);
	CU_ASSERT(got != NULL && strcmp(got, want) == 0);
	free(got);
	p = json_proc(root, user_root);
	CU_ASSERT(p != NULL && json_integer_value(json_object_get(p, "uid")) ==
	    MAP_OUTSIDE && json_integer_value(json_object_get(p,
	    "ns_uid")) == 0 && json_is_integer(json_object_get(p, "ns_uid")));
	p = json_proc(root, user_1000);
	CU_ASSERT(p != NULL && json_integer_value(json_object_get(p, "uid")) ==
	    MAP_OUTSIDE + 1000 && json_integer_value(json_object_get(p,
	    "ns_uid")) == 1000);
	/* treetop's own namespace maps every uid to itself. */
	p = json_proc(root, getpid());
	CU_ASSERT(p == NULL || json_integer_value(json_object_get(p,
	    "ns_uid")) == 0);
	json_decref(root);
}

/* --- -b ----------------------------------------------------------------- */

/* USER as seen inside, and the namespaces that differ from the parent's. */
static void
test_batch_users_and_marks(void)
{
	char	*out = run_capture("'%s' -b", testutil_treetop_bin());
	char	 line[8192], mark[96];
	pid_t	 pids[] = { uts_init, outer_init, nested_init, user_root };
	size_t	 i;

	CU_ASSERT_FATAL(out != NULL);
	CU_ASSERT(batch_line(out, user_root, line, sizeof line) &&
	    strstr(line, " root(100000) ") != NULL);
	CU_ASSERT(batch_line(out, user_1000, line, sizeof line) &&
	    strstr(line, " 1000(101000) ") != NULL);
	for (i = 0; i < RUNNER_COUNT(pids); i++) {
		differs_of(pids[i], mark, sizeof mark);
		strcat(mark, " sleep 600");
		TU_CHECK_MSG(batch_line(out, pids[i], line, sizeof line) &&
		    strstr(line, mark) != NULL, "%d: want '%s' in %s",
		    (int)pids[i], mark, line);
	}
	CU_ASSERT(strstr(line, "[") != NULL);	/* something differed */
	free(out);
}

/* --group-ns: a titled section per namespace, its members under it. */
/*
 * A process in treetop's PID and user namespaces with new mount and
 * network namespaces: a plain -b does not read those links for it (no
 * mark), --ns-marks does.
 */
static void
test_batch_ns_marks(void)
{
	char	*plain = run_capture("'%s' -b", testutil_treetop_bin());
	char	*all = run_capture("'%s' -b --ns-marks", testutil_treetop_bin());
	char	 line[8192], mark[96];

	CU_ASSERT_FATAL(plain != NULL && all != NULL);
	differs_of(mnt_net, mark, sizeof mark);
	TU_CHECK_MSG(strcmp(mark, "[mnt,net]") == 0, "/proc says %s", mark);
	strcat(mark, " sleep 6006");
	TU_CHECK_MSG(batch_line(all, mnt_net, line, sizeof line) &&
	    strstr(line, mark) != NULL, "--ns-marks: want '%s' in %s", mark,
	    line);
	TU_CHECK_MSG(batch_line(plain, mnt_net, line, sizeof line) &&
	    strstr(line, "sleep 6006") != NULL &&
	    strchr(line, '[') == NULL, "plain -b: want no mark in %s", line);
	free(plain);
	free(all);
}

static void
test_batch_group_ns(void)
{
	char		*out, title[256], line[8192];
	const char	*at, *next;
	uint64_t	 uts = liveproc_ns_inode(uts_init, "uts");

	out = run_capture("'%s' -b --group-ns uts", testutil_treetop_bin());
	CU_ASSERT_FATAL(out != NULL);
	/* unshare and its sleep share it. */
	snprintf(title, sizeof title, "\n--- uts namespace %" PRIu64
	    "  shared by 2 processes  hostname tt-inside\n", uts);
	at = strstr(out, title);
	TU_CHECK_MSG(at != NULL, "no '%s'", title + 1);
	if (at != NULL) {
		next = strstr(at + 1, "\n---");
		snprintf(line, sizeof line, "\n%7d ", (int)uts_init);
		CU_ASSERT(strstr(at, line) != NULL && (next == NULL ||
		    strstr(at, line) < next));
	}
	free(out);
	out = run_capture("'%s' -b --group-ns user", testutil_treetop_bin());
	CU_ASSERT_FATAL(out != NULL);
	snprintf(title, sizeof title, "--- user namespace %" PRIu64
	    "  shared by 2 processes  uid map 0:100000:65536\n",
	    liveproc_ns_inode(user_root, "user"));
	TU_CHECK_MSG(strstr(out, title) != NULL, "no '%s'", title);
	free(out);
	out = run_capture("'%s' --json --group-ns net 2>&1; echo status=$?",
	    testutil_treetop_bin());
	CU_ASSERT(out != NULL && strstr(out, "status=2") != NULL);
	free(out);
}

/* --- the explorer ------------------------------------------------------- */

static int
ui_start(pid_t pid)
{
	return tmuxfx_start(&tx, "ns", NS_WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "SHELL=/bin/sh '%s' -d 0.5 -p %d", testutil_treetop_bin(),
	    (int)pid);
}

/* g: by PID namespace, then mnt, net, uts (with the hostname)... */
static void
test_g_cycles_types(void)
{
	char	title[128];

	CU_ASSERT_FATAL(ui_start(uts_init) == 0);
	tmuxfx_type(&tx, "g", NULL);
	snprintf(title, sizeof title, "PID namespace %" PRIu64,
	    liveproc_ns_inode(uts_init, "pid"));
	CU_ASSERT(tmuxfx_wait(&tx, title, false));
	CU_ASSERT(strstr(tx.screen, "hostname tt-inside") != NULL);
	tmuxfx_type(&tx, "g", NULL);
	snprintf(title, sizeof title, "mnt namespace %" PRIu64 "  shared by 2"
	    " processes", liveproc_ns_inode(uts_init, "mnt"));
	CU_ASSERT(tmuxfx_wait(&tx, title, false));
	tmuxfx_type(&tx, "gg", NULL);
	snprintf(title, sizeof title, "uts namespace %" PRIu64 "  shared by 2"
	    " processes  hostname tt-inside",
	    liveproc_ns_inode(uts_init, "uts"));
	CU_ASSERT(tmuxfx_wait(&tx, title, false));
	tmuxfx_type(&tx, "gggg", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "time namespace 40", false));
	tmuxfx_type(&tx, "g", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "namespace 40", true));
	tmuxfx_stop(&tx);
}

/* The shell's descriptors: only its terminal (no pipe, file or socket). */
static void
check_shell_fds(void)
{
	struct rlimit	 rl;
	char		*out;

	/* The shell: sh in uts_init's PID namespace, other than its init. */
	out = run_capture("for p in $(pgrep -x sh); do [ \"$(readlink "
	    "/proc/$p/ns/pid)\" = \"$(readlink /proc/%d/ns/pid)\" ] && "
	    "ls -l /proc/$p/fd | sed 1d; done", (int)uts_init);
	CU_ASSERT_FATAL(out != NULL);
	TU_CHECK_MSG(out[0] != '\0', "the shell was not found");
	TU_CHECK_MSG(strstr(out, "pipe:") == NULL && strstr(out, "socket:") ==
	    NULL && strstr(out, "/proc") == NULL && strstr(out, "ns:") ==
	    NULL && strstr(out, "anon_inode") == NULL, "leaked: %s", out);
	free(out);
	/* The descriptor limit treetop raised for its stat files: ours again. */
	out = run_capture("for p in $(pgrep -x sh); do [ \"$(readlink "
	    "/proc/$p/ns/pid)\" = \"$(readlink /proc/%d/ns/pid)\" ] && "
	    "awk '/^Max open files/ { print $4 }' /proc/$p/limits; done",
	    (int)uts_init);
	CU_ASSERT_FATAL(out != NULL);
	TU_CHECK_MSG(getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    strtoull(out, NULL, 10) == (unsigned long long)rl.rlim_cur,
	    "the shell's soft limit is %s", out);
	free(out);
}

/* !: a shell whose hostname is the namespace's; exit: the explorer. */
static void
test_shell_inside(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(ui_start(uts_init) == 0);
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, uts_init, false, row,
	    sizeof row));
	tmuxfx_type(&tx, "!", NULL);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "a shell in the namespaces of PID",
	    false));
	tmuxfx_type(&tx, "echo X$(hostname)X $$", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "Xtt-insideX", false));
	check_shell_fds();
	tmuxfx_type(&tx, "exit 7", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "namespaces exited (status 7)", false));
	CU_ASSERT(tmuxfx_wait_row(&tx, uts_init, false, row, sizeof row));
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
}

/* Into the user namespace too: root inside, the map's hostname. */
static void
test_shell_userns(void)
{
	char	row[1024];

	CU_ASSERT_FATAL(ui_start(user_root) == 0);
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, user_root, false, row,
	    sizeof row));
	tmuxfx_type(&tx, "!", NULL);
	CU_ASSERT_FATAL(tmuxfx_wait(&tx, "a shell in the namespaces of PID",
	    false));
	tmuxfx_type(&tx, "echo X$(hostname)X U$(id -u)U", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "Xtt-userX U0U", false));
	tmuxfx_type(&tx, "exit", "Enter");
	CU_ASSERT(tmuxfx_wait(&tx, "namespaces exited (status 0)", false));
	tmuxfx_stop(&tx);
}

/* ! on a kernel thread and on a zombie: refused, with the reason. */
static void
test_shell_refused(void)
{
	char	row[1024];
	pid_t	zombie;

	CU_ASSERT_FATAL(ui_start(2) == 0);	/* kthreadd */
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, 2, false, row, sizeof row));
	tmuxfx_type(&tx, "!", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "a kernel thread has no namespaces", false));
	CU_ASSERT(strstr(tx.screen, "a shell in the namespaces") == NULL);
	tmuxfx_stop(&tx);
	/* Ours, unreaped until the end of this test. */
	if ((zombie = fork()) == 0)
		_exit(3);
	CU_ASSERT_FATAL(zombie > 0);
	CU_ASSERT(ui_start(zombie) == 0);
	CU_ASSERT(tmuxfx_wait_row(&tx, zombie, false, row, sizeof row));
	tmuxfx_type(&tx, "!", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "a zombie has left its namespaces", false));
	tmuxfx_stop(&tx);
	while (waitpid(zombie, NULL, 0) < 0 && errno == EINTR)
		;
}

/*
 * Whether a process of root in UTS namespace inode was started for
 * hostname name ("churn-N"): its arguments hold "churn-N;" (unshare, sh)
 * or are "sleep 0.N".
 */
static bool
churn_member(json_t *root, uint64_t inode, const char *name)
{
	char	 mark[32], nap[32];
	json_t	*p, *arg;
	size_t	 i, k;

	snprintf(mark, sizeof mark, "%s;", name);
	snprintf(nap, sizeof nap, "0.%s", name + 6);
	json_array_foreach(json_object_get(root, "processes"), i, p) {
		if ((uint64_t)json_integer_value(json_object_get(
		    json_object_get(p, "ns"), "uts")) != inode)
			continue;
		json_array_foreach(json_object_get(p, "cmdline"), k, arg)
			if (strstr(json_string_value(arg), mark) != NULL ||
			    strcmp(json_string_value(arg), nap) == 0)
				return true;
	}
	return false;
}

/*
 * UTS namespaces that come and go while --json reads them: each answer
 * is the namespace's own hostname or null, never another's, and no
 * refresh stalls on one that went.
 */
static void
test_hostnames_churn(void)
{
	json_t		*root, *e;
	const char	*name;
	int64_t		 t0, slowest = 0;
	size_t		 i;
	pid_t		 churn;
	int		 round, named = 0;

	churn = start_group("i=0; while [ $i -lt 400 ]; do i=$((i+1)); "
	    "unshare --uts sh -c \"hostname churn-$i; exec sleep 0.$i\" & "
	    "[ $((i % 8)) = 0 ] && wait; done; wait");
	CU_ASSERT_FATAL(churn > 0);
	for (round = 0; round < 10; round++) {
		t0 = testutil_now_ms();
		root = treetop_json();
		if (testutil_now_ms() - t0 > slowest)
			slowest = testutil_now_ms() - t0;
		CU_ASSERT_FATAL(root != NULL);
		json_array_foreach(json_object_get(root, "uts_namespaces"), i,
		    e) {
			name = json_string_value(json_object_get(e,
			    "hostname"));
			if (name == NULL || strncmp(name, "churn-", 6) != 0)
				continue;
			named++;
			TU_CHECK_MSG(churn_member(root, (uint64_t)
			    json_integer_value(json_object_get(e, "inode")),
			    name), "hostname %s: not its namespace's", name);
		}
		json_decref(root);
	}
	/* Each namespace costs a fork at most half a second: no stall. */
	TU_CHECK_MSG(slowest < 5000, "slowest --json: %lld ms",
	    (long long)slowest);
	TU_CHECK_MSG(named > 0, "no churn hostname was ever read");
	fprintf(stderr, "(%d churn hostnames, slowest --json %lld ms) ",
	    named, (long long)slowest);
	kill(-churn, SIGKILL);
	while (waitpid(churn, NULL, 0) < 0 && errno == EINTR)
		;
	groups[--ngroups] = 0;
}

int
main(void)
{
	static const struct runner_test	json_tests[] = {
		{ "UTS hostnames against nsenter", test_json_hostnames },
		{ "user namespace maps and ns_uid", test_json_user_maps },
		{ "-b: USER inside, namespaces apart", test_batch_users_and_marks },
	{ "-b --ns-marks", test_batch_ns_marks },
	{ "-b --group-ns", test_batch_group_ns },
		{ "g cycles the namespace types", test_g_cycles_types },
		{ "! a shell inside: hostname, fds, back", test_shell_inside },
		{ "! into a user namespace", test_shell_userns },
		{ "! refused on a kernel thread, a zombie", test_shell_refused },
		{ "hostnames of namespaces that come and go",
		    test_hostnames_churn },
	};
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("namespaces", suite_init, suite_cleanup,
		    json_tests),
	};
	const char	*ci = getenv("CI");
	struct rlimit	 rl;

	testutil_require_proc();
	testutil_require_root("creating namespaces and entering them");
	/* Below the hard limit, so that treetop raises it and ! must lower it. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 1024) {
		rl.rlim_cur = 1024;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);
	if (system("unshare --version >/dev/null 2>&1 && "
	    "nsenter --version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_ns_live: unshare or nsenter is missing\n");
		return ci != NULL && strcmp(ci, "true") == 0 ? 1 : 77;
	}
	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_ns_live: tmux is not installed\n");
		return 99;
	}
	return runner_run(suites, RUNNER_COUNT(suites));
}
