/*
 * Live tier: the scanner reads a process's user names from its own
 * root's /etc/passwd, and only from there.  Each case is a process in a
 * mount namespace of its own (unshare(2)), chrooted into a root built
 * here, whose etc/passwd is:
 *
 * - a plain file: its name for uid 0 is used, and kept (not read again
 *   on the next refresh, even when the file changes);
 * - an absolute symbolic link to a path that exists both on the host,
 *   naming uid 0 "onhost", and in the root, naming it otherwise: the
 *   root's wins (resolved inside the root, never on the host);
 * - a relative link climbing out with "../..": the same;
 * - a FIFO (nobody writes it): no name, and no refresh that hangs;
 * - a file of PASSWD_FILE_MAX + 1 bytes: no name.
 *
 * Needs root (chroot, unshare) and openat2(2) (Linux 5.6).  Every process started here is in one
 * process group, killed whole at exit, and dies with the test.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/nsinfo.h"
#include "proc/passwd.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

enum pw_case { PW_PLAIN, PW_ABSOLUTE, PW_CLIMB, PW_FIFO, PW_HUGE, PW_N };

static const char *const case_names[PW_N] = {
	"plain", "absolute", "climb", "fifo", "huge",
};

static char	top[64];		/* the temporary directory */
static pid_t	pids[PW_N];		/* the chrooted processes */
static pid_t	group;

/* Write text to path; false on failure. */
static bool
put(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");
	bool	 ok;

	if (f == NULL)
		return false;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

/* Run the shell command fmt (printf-like); whether it exited 0. */
static bool __attribute__((format(printf, 1, 2)))
sh(const char *fmt, ...)
{
	char	cmd[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd) == 0;
}

/*
 * The root of case c: top/c, with etc/ and, at the host file's absolute
 * path inside it, a passwd naming uid 0 "inroot-c".
 */
static bool
build_root(enum pw_case c, char *root, size_t size)
{
	char	path[256], text[128];

	snprintf(root, size, "%s/%s", top, case_names[c]);
	snprintf(path, sizeof path, "%s/etc", root);
	if (!sh("mkdir -p %s%s %s", root, top, path))
		return false;
	snprintf(path, sizeof path, "%s%s/host-passwd", root, top);
	snprintf(text, sizeof text, "inroot-%s:x:0:0::/:/bin/sh\n",
	    case_names[c]);
	if (!put(path, text))
		return false;
	snprintf(path, sizeof path, "%s/etc/passwd", root);
	switch (c) {
	case PW_PLAIN:
		return put(path, "plain:x:0:0::/:/bin/sh\n");
	case PW_ABSOLUTE:
		snprintf(text, sizeof text, "%s/host-passwd", top);
		return symlink(text, path) == 0;
	case PW_CLIMB:
		snprintf(text, sizeof text, "../../../../../../..%s/host-passwd",
		    top);
		return symlink(text, path) == 0;
	case PW_FIFO:
		return mkfifo(path, 0644) == 0;
	case PW_HUGE:
		return sh("{ echo 'big:x:0:0::/:/bin/sh'; head -c %d /dev/zero "
		    "| tr '\\0' x; } > %s", PASSWD_FILE_MAX, path);
	default:
		return false;
	}
}

/* Start a process in its own mount namespace, chrooted into root. */
static pid_t
start_in(const char *root)
{
	int	ack[2];
	char	b = 0;
	pid_t	pid;

	if (pipe(ack) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(ack[0]);
		(void)setpgid(0, group);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    unshare(CLONE_NEWNS) < 0 || chroot(root) < 0 ||
		    chdir("/") < 0 || write(ack[1], "1", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	(void)setpgid(pid, group);
	if (group == 0)
		group = pid;
	close(ack[1]);
	if (read(ack[0], &b, 1) != 1)
		pid = -1;
	close(ack[0]);
	return pid;
}

static void
stop_all(void)
{
	testutil_end_group(&group);
	if (top[0] != '\0') {
		(void)sh("rm -rf %s", top);
		top[0] = '\0';
	}
}

/* The name snap gives case c's process (uid 0 inside), or NULL. */
static const char *
name_of(const struct snapshot *snap, enum pw_case c)
{
	const struct procinfo	*p = snapshot_find(snap, pids[c]);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return nsinfo_ns_user(snap, p);
}

static void
test_roots(void)
{
	struct scanner	*sc;
	struct snapshot	*snap, *next;
	const char	*name;
	char		*cause = NULL, label[NSINFO_USER_MAX], path[128];
	int64_t		 t0;

	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	t0 = testutil_now_ms();
	snap = scan_refresh(sc, NULL, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
	/* the FIFO did not block it: a refresh here takes well under this */
	CU_ASSERT(testutil_now_ms() - t0 < 20000);
	name = name_of(snap, PW_PLAIN);
	CU_ASSERT_TRUE(name != NULL && strcmp(name, "plain") == 0);
	nsinfo_user_label(snap, snapshot_find(snap, pids[PW_PLAIN]), label,
	    sizeof label);
	CU_ASSERT_STRING_EQUAL(label, "plain(root)");
	name = name_of(snap, PW_ABSOLUTE);
	TU_CHECK_MSG(name != NULL && strcmp(name, "inroot-absolute") == 0,
	    "an absolute link in the root gave %s", name != NULL ? name :
	    "no name");
	name = name_of(snap, PW_CLIMB);
	TU_CHECK_MSG(name != NULL && strcmp(name, "inroot-climb") == 0,
	    "a link climbing out of the root gave %s", name != NULL ? name :
	    "no name");
	CU_ASSERT_PTR_NULL(name_of(snap, PW_FIFO));
	CU_ASSERT_PTR_NULL(name_of(snap, PW_HUGE));
	/* read once a while: a change is not seen on the next refresh */
	snprintf(path, sizeof path, "%s/plain/etc/passwd", top);
	CU_ASSERT_FATAL(put(path, "changed:x:0:0::/:/bin/sh\n"));
	next = scan_refresh(sc, snap, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(next);
	snapshot_free(snap);
	name = name_of(next, PW_PLAIN);
	CU_ASSERT_TRUE(name != NULL && strcmp(name, "plain") == 0);
	/* with no base to copy from, it is read afresh */
	snapshot_free(next);
	next = scan_refresh(sc, NULL, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(next);
	name = name_of(next, PW_PLAIN);
	CU_ASSERT_TRUE(name != NULL && strcmp(name, "changed") == 0);
	snapshot_free(next);
	scan_close(sc);
}

static const struct runner_test tests[] = {
	{ "names from each root, never the host's", test_roots },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("passwd of other roots, live", NULL, NULL, tests),
	};
	char	host[128], root[128];
	int	c, rc;

	testutil_require_proc();
	testutil_require_root("chroot and unshare need root");
#ifdef SYS_openat2
	/* a kernel before 5.6 has no openat2: users are then numbers */
	if (syscall(SYS_openat2, -1, "", NULL, (size_t)0) < 0 &&
	    errno == ENOSYS) {
		fprintf(stderr, "test_passwd_live: no openat2(2) here\n");
		return 77;
	}
#endif
	snprintf(top, sizeof top, "/tmp/ttpw-XXXXXX");
	if (mkdtemp(top) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	atexit(stop_all);
	/* on the host, at the path every root's link names: "onhost" */
	snprintf(host, sizeof host, "%s/host-passwd", top);
	if (!put(host, "onhost:x:0:0::/:/bin/sh\n"))
		return 99;
	for (c = 0; c < PW_N; c++)
		if (!build_root((enum pw_case)c, root, sizeof root) ||
		    (pids[c] = start_in(root)) < 0) {
			fprintf(stderr, "test_passwd_live: cannot start the %s "
			    "case\n", case_names[c]);
			return 99;
		}
	rc = runner_run(suites, RUNNER_COUNT(suites));
	stop_all();
	return rc;
}
