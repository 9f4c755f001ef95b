/*
 * Live tier: treetop without privileges.  A root-owned sleeper is started,
 * then a child drops to nobody (uid and gid 65534, no groups) and scans:
 * the namespace inodes of PID 1 and of the sleeper cannot be read by
 * nobody, so they must be unknown, while their uid and command line (world
 * readable) must still be there, and the child's own eight inodes must be
 * known and right, which shows that unknown means unreadable and not a
 * broken read.  A signal to the sleeper must come back DENIED with a text
 * that says so.  The child reports "name=ok" lines through a pipe; the
 * parent turns them into assertions.  `treetop --json` run as nobody must
 * agree.  Needs root to drop privileges: exits 77 without it.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc/scan.h"
#include "proc/sigsend.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define NOBODY		65534
#define WAIT_MS		60000	/* for a child's report or treetop's JSON */
#define CMDLINE_MAX	4096
#define REPORT_MAX	8192

/* The root-owned sleeper, started by the suite's init. */
static pid_t	 sleeper;		/* also its process group */
static uint64_t	 sleeper_start;
/* The sleeper's command line, as root reads it. */
static char	 sleeper_cmdline[CMDLINE_MAX];
static size_t	 sleeper_cmdline_len;

/* The checks the child reports, in the order it makes them. */
static const char *const child_checks[] = {
	"drop", "scan", "self-found", "self-uid", "self-ns",
	"pid1-found", "pid1-uid", "pid1-ns",
	"sleeper-found", "sleeper-uid", "sleeper-ns", "sleeper-cmdline",
	"sleeper-sig", "sigsend-denied", "sigsend-text", "sigsend-alive",
	"sigsend-self",
};
#define NCHECKS	(sizeof child_checks / sizeof child_checks[0])

/* Become nobody for good: groups, gid, then uid.  0 or -errno. */
static int
drop_privileges(void)
{
	if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
		return -errno;
	if (getuid() != NOBODY || geteuid() != NOBODY ||
	    getgid() != NOBODY || getegid() != NOBODY ||
	    setuid(0) == 0)
		return -EPERM;
	return 0;
}

static size_t
read_cmdline(const char *path, char *buf, size_t size)
{
	int	fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t	n;
	size_t	len = 0;

	if (fd < 0)
		return 0;
	while (len < size && (n = read(fd, buf + len, size - len)) > 0)
		len += (size_t)n;
	close(fd);
	return len;
}

/* --- the sleeper (suite init and cleanup) ------------------------------ */

static int	suite_cleanup(void);

static int
suite_init(void)
{
	char	path[64], b;
	int	fds[2];
	bool	ok;

	if (pipe(fds) < 0)
		return -1;
	sleeper = fork();
	if (sleeper < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (sleeper == 0) {
		close(fds[0]);
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGTERM, SIG_DFL);
		(void)!write(fds[1], "r", 1);
		close(fds[1]);
		for (;;)
			pause();
	}
	setpgid(sleeper, sleeper);
	close(fds[1]);
	ok = read(fds[0], &b, 1) == 1;
	close(fds[0]);
	/*
	 * Its command line, read as root from its own /proc entry (not
	 * /proc/self, which valgrind rewrites), is what nobody must see.
	 */
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)sleeper);
	if (ok)
		sleeper_cmdline_len = read_cmdline(path, sleeper_cmdline,
		    sizeof sleeper_cmdline - 1);
	if (!ok || sleeper_cmdline_len == 0 ||
	    scan_start_ticks(sleeper, &sleeper_start) < 0) {
		/* CUnit runs no cleanup after a failed init. */
		suite_cleanup();
		return -1;
	}
	return 0;
}

static int
suite_cleanup(void)
{
	if (sleeper > 0) {
		kill(-sleeper, SIGKILL);
		waitpid(sleeper, NULL, 0);
		sleeper = 0;
	}
	return 0;
}

/* --- the child, as nobody ----------------------------------------------- */

static void report(int, const char *, bool, const char *, ...)
    __attribute__((format(printf, 4, 5)));

/* Write "name=ok" or "name=FAIL: why" to fd. */
static void
report(int fd, const char *name, bool ok, const char *fmt, ...)
{
	char	line[512];
	int	n;
	va_list	ap;

	n = snprintf(line, sizeof line, "%s=%s", name, ok ? "ok" : "FAIL: ");
	if (!ok && n > 0 && (size_t)n < sizeof line) {
		va_start(ap, fmt);
		vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
		va_end(ap);
	}
	n = (int)strlen(line);
	if ((size_t)n + 1 < sizeof line)
		line[n++] = '\n';
	(void)!write(fd, line, (size_t)n);
}

/* The inode readlink(/proc/self/ns/NAME) names, or INODE_UNKNOWN. */
static uint64_t
self_ns_inode(const char *name)
{
	char		path[64], link[64], *lb;
	ssize_t		n;

	snprintf(path, sizeof path, "/proc/self/ns/%s", name);
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return INODE_UNKNOWN;
	link[n] = '\0';
	lb = strchr(link, '[');
	return lb != NULL ? strtoull(lb + 1, NULL, 10) : INODE_UNKNOWN;
}

/* Every namespace inode of p unknown; else the first known type in *k. */
static bool
all_ns_unknown(const struct procinfo *p, int *k)
{
	for (*k = 0; *k < NS_COUNT; (*k)++)
		if (p->ns[*k] != INODE_UNKNOWN)
			return false;
	return true;
}

static void
child_check_self(int fd, const struct snapshot *s)
{
	const struct procinfo	*p = snapshot_find(s, getpid());
	uint64_t		 want = INODE_UNKNOWN;
	int			 k;

	report(fd, "self-found", p != NULL, "own pid %d not in the snapshot",
	    (int)getpid());
	if (p == NULL)
		return;
	report(fd, "self-uid", p->uid == NOBODY, "own uid is %" PRIu32,
	    p->uid);
	for (k = 0; k < NS_COUNT; k++) {
		want = self_ns_inode(ns_type_names[k]);
		if (want == INODE_UNKNOWN || p->ns[k] != want)
			break;
	}
	report(fd, "self-ns", k == NS_COUNT, "own %s inode %" PRIu64 ", "
	    "readlink says %" PRIu64, k < NS_COUNT ? ns_type_names[k] : "",
	    k < NS_COUNT ? p->ns[k] : 0, k < NS_COUNT ? want : 0);
}

/* A root-owned process: ns unknown, uid known. */
static const struct procinfo *
child_check_root_proc(int fd, const struct snapshot *s, const char *who,
    pid_t pid, uint32_t uid)
{
	const struct procinfo	*p = snapshot_find(s, pid);
	char			 name[32];
	int			 k = 0;

	snprintf(name, sizeof name, "%s-found", who);
	report(fd, name, p != NULL, "pid %d not in the snapshot", (int)pid);
	if (p == NULL)
		return NULL;
	snprintf(name, sizeof name, "%s-uid", who);
	report(fd, name, p->uid == uid, "uid %" PRIu32 ", want %" PRIu32,
	    p->uid, uid);
	snprintf(name, sizeof name, "%s-ns", who);
	report(fd, name, all_ns_unknown(p, &k), "%s inode %" PRIu64 " read "
	    "as nobody", k < NS_COUNT ? ns_type_names[k] : "",
	    k < NS_COUNT ? p->ns[k] : 0);
	return p;
}

static void
child_check_signal(int fd)
{
	enum sigsend_result	r;
	char			text[256];
	uint64_t		self_start = 0;
	bool			racy = false;
	int			err = 0;

	r = sigsend_send(sleeper, sleeper_start, SIGTERM, &err, &racy);
	report(fd, "sigsend-denied", r == SIGSEND_DENIED && err == EPERM,
	    "result %d (%s), errno %d", (int)r, sigsend_result_text(r), err);
	sigsend_describe(text, sizeof text, r, SIGTERM, sleeper, err, racy);
	report(fd, "sigsend-text", strstr(text, "no permission") != NULL &&
	    strcmp(sigsend_result_text(r), "no permission") == 0,
	    "status line '%s'", text);
	report(fd, "sigsend-alive", kill(sleeper, 0) < 0 && errno == EPERM &&
	    scan_start_ticks(sleeper, &self_start) == 0 &&
	    self_start == sleeper_start, "the sleeper is gone");
	/* Denied is about the target: our own process can be signalled. */
	if (scan_start_ticks(getpid(), &self_start) == 0)
		r = sigsend_send(getpid(), self_start, 0, &err, &racy);
	else
		r = SIGSEND_FAILED;
	report(fd, "sigsend-self", r == SIGSEND_SENT, "signal 0 to ourselves: "
	    "%s, errno %d", sigsend_result_text(r), err);
}

/* The child's whole run, reporting to fd; it never returns. */
static void
child_main(int fd, uid_t pid1_uid)
{
	struct scanner		*sc = NULL;
	struct snapshot		*s = NULL;
	const struct procinfo	*p;
	char			*cause = NULL;
	int			 rc = drop_privileges();

	report(fd, "drop", rc == 0, "%s", strerror(-rc));
	if (rc < 0)
		_exit(1);
	prctl(PR_SET_PDEATHSIG, SIGKILL);	/* setuid() cleared it */
	sc = scan_open(0, &cause);
	if (sc != NULL)
		s = scan_refresh(sc, NULL, &cause);
	report(fd, "scan", s != NULL, "%s", cause != NULL ? cause : "?");
	if (s != NULL) {
		child_check_self(fd, s);
		(void)child_check_root_proc(fd, s, "pid1", 1, pid1_uid);
		p = child_check_root_proc(fd, s, "sleeper", sleeper, 0);
		if (p != NULL) {
			report(fd, "sleeper-cmdline",
			    p->cmdline_len == sleeper_cmdline_len &&
			    p->cmdline != NULL && memcmp(p->cmdline,
			    sleeper_cmdline, sleeper_cmdline_len) == 0,
			    "%zu bytes, want %zu", (size_t)p->cmdline_len,
			    sleeper_cmdline_len);
			report(fd, "sleeper-sig", p->sig != NULL,
			    "signal masks unknown (status is world-readable)");
		}
	}
	child_check_signal(fd);
	snapshot_free(s);
	scan_close(sc);
	free(cause);
	close(fd);
	_exit(0);
}

/* Read everything from fd until EOF or WAIT_MS; NUL-terminated. */
static size_t
read_all(int fd, char *buf, size_t size)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	size_t		len = 0;
	ssize_t		n;

	while (len + 1 < size && poll(&pfd, 1, WAIT_MS) > 0) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	return len;
}

/* Assert one reported check, with the child's words as the message. */
static void
assert_check(const char *report_text, const char *name)
{
	char		 msg[600];
	const char	*line = report_text;
	size_t		 n = strlen(name), len;
	bool		 ok = false;

	snprintf(msg, sizeof msg, "%s: not reported by the child", name);
	while (line != NULL && *line != '\0') {
		len = strcspn(line, "\n");
		if (len > n && strncmp(line, name, n) == 0 && line[n] == '=') {
			ok = len == n + 3 &&
			    strncmp(line + n + 1, "ok", 2) == 0;
			snprintf(msg, sizeof msg, "%.*s", (int)len, line);
			break;
		}
		line = line[len] != '\0' ? line + len + 1 : NULL;
	}
	if (!ok)
		fprintf(stderr, "unpriv: %s\n", msg);
	TU_CHECK_MSG(ok, "%s", msg);
}

static void
test_scanner_as_nobody(void)
{
	static char	 text[REPORT_MAX];
	struct stat	 st;
	pid_t		 child;
	int		 fds[2], status = 0;
	size_t		 i;

	CU_ASSERT_FATAL(sleeper > 0);
	CU_ASSERT_FATAL(stat("/proc/1", &st) == 0);
	CU_ASSERT_FATAL(st.st_uid != NOBODY);
	CU_ASSERT_FATAL(pipe(fds) == 0);
	child = fork();
	CU_ASSERT_FATAL(child >= 0);
	if (child == 0) {
		close(fds[0]);
		child_main(fds[1], st.st_uid);
	}
	close(fds[1]);
	read_all(fds[0], text, sizeof text);
	close(fds[0]);
	CU_ASSERT(waitpid(child, &status, 0) == child);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (i = 0; i < NCHECKS; i++)
		assert_check(text, child_checks[i]);
}

static json_t *
json_find_proc(json_t *procs, pid_t pid)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(procs, i, p)
		if (json_integer_value(json_object_get(p, "pid")) == pid)
			return p;
	return NULL;
}

/* How many of the eight "ns" values of p are null, or -1 if malformed. */
static int
json_ns_nulls(json_t *p)
{
	json_t	*ns = json_object_get(p, "ns"), *v;
	int	 k, nulls = 0;

	if (!json_is_object(ns))
		return -1;
	for (k = 0; k < NS_COUNT; k++) {
		v = json_object_get(ns, ns_type_names[k]);
		if (json_is_null(v))
			nulls++;
		else if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return -1;
	}
	return nulls;
}

static void
test_json_as_nobody(void)
{
	const char	*bin = testutil_treetop_bin();
	json_error_t	 jerr;
	json_t		*root, *procs, *p, *argv;
	FILE		*f;
	pid_t		 child;
	int		 fds[2], status = 0, rc;

	CU_ASSERT_FATAL(sleeper > 0);
	CU_ASSERT_FATAL(pipe(fds) == 0);
	child = fork();
	CU_ASSERT_FATAL(child >= 0);
	if (child == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[1]);
		if ((rc = drop_privileges()) < 0) {
			fprintf(stderr, "cannot become nobody: %s\n",
			    strerror(-rc));
			_exit(126);
		}
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execl(bin, bin, "--json", (char *)NULL);
		fprintf(stderr, "nobody cannot run %s: %s\n", bin,
		    strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	root = json_loadf(f, JSON_DISABLE_EOF_CHECK, &jerr);
	fclose(f);
	CU_ASSERT(waitpid(child, &status, 0) == child);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (root == NULL)
		fprintf(stderr, "treetop --json as nobody: %s (line %d)\n",
		    jerr.text, jerr.line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	procs = json_object_get(root, "processes");
	CU_ASSERT(json_is_array(procs));

	/* The sleeper: ns unreadable, but uid and cmdline are there. */
	p = json_find_proc(procs, sleeper);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL) {
		CU_ASSERT_EQUAL(json_ns_nulls(p), NS_COUNT);
		argv = json_object_get(p, "cmdline");
		CU_ASSERT(json_is_array(argv) && json_array_size(argv) > 0);
		CU_ASSERT(json_is_string(json_array_get(argv, 0)) &&
		    strcmp(json_string_value(json_array_get(argv, 0)),
		    sleeper_cmdline) == 0);
		CU_ASSERT(json_is_integer(json_object_get(p, "uid")) &&
		    json_integer_value(json_object_get(p, "uid")) == 0);
		CU_ASSERT(json_is_object(json_object_get(p, "sig")));
	}
	/* PID 1 alike. */
	p = json_find_proc(procs, 1);
	CU_ASSERT(p != NULL && json_ns_nulls(p) == NS_COUNT);
	/* treetop itself, as nobody: every inode known. */
	p = json_find_proc(procs, child);
	CU_ASSERT(p != NULL && json_ns_nulls(p) == 0);
	CU_ASSERT(p != NULL &&
	    json_integer_value(json_object_get(p, "uid")) == NOBODY);
	json_decref(root);
}

static const struct runner_test tests[] = {
	{ "scanner as nobody: unknown, not 0, and denied",
	    test_scanner_as_nobody },
	{ "treetop --json as nobody", test_json_as_nobody },
};

/* Whether a child can become nobody here (root, 65534 mapped). */
static bool
can_drop(void)
{
	pid_t	pid = fork();
	int	status;

	if (pid == 0)
		_exit(drop_privileges() == 0 ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("unpriv", suite_init, suite_cleanup, tests);

	testutil_require_proc();
	testutil_require_root("to drop privileges to nobody");
	if (!can_drop()) {
		fprintf(stderr, "test_unpriv: cannot become uid/gid %d here: "
		    "skipped\n", NOBODY);
		return 77;
	}
	return runner_run(&suite, 1);
}
