/*
 * Live tier: treetop under a /proc of another PID namespace, as
 * `unshare --pid --fork treetop` leaves it (no --mount-proc: the new
 * namespace's processes see their parent's /proc).  treetop must notice,
 * say so once (stderr for --json, -b and --events; the header in the
 * explorer; "proc_foreign" in the JSON), and describe the namespaces as
 * they are: /proc's namespace at level 0 with its own PID 1 as init, the
 * new one nested in it with treetop as its init, and "self" in the
 * document's numbering.  With --mount-proc nothing of that is said.
 * Needs root (unshare) and the unshare tool (util-linux).
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define NOTE		"/proc belongs to another PID namespace than treetop's"
#define HEADER_NOTE	"[/proc of another PID namespace"
#define WAIT_MS		8000

static struct tmuxfx	tx;

/*
 * Run the shell command made of pre, treetop and args; its stdout into
 * *out and its stderr into *err (both malloc'd).  The command's status.
 */
static int
run_capture(const char *pre, const char *args, char **out, char **err)
{
	char	 cmd[1024], errpath[] = "/tmp/treetop-foreign-XXXXXX";
	FILE	*p, *e;
	size_t	 len;
	int	 fd, status;

	fd = mkstemp(errpath);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "%s '%s' %s 2>'%s'", pre,
	    testutil_treetop_bin(), args, errpath);
	p = popen(cmd, "r");
	CU_ASSERT_FATAL(p != NULL);
	*out = testutil_read_all(p, &len);
	status = pclose(p);
	e = fopen(errpath, "r");
	*err = e != NULL ? testutil_read_all(e, &len) : NULL;
	if (e != NULL)
		fclose(e);
	unlink(errpath);
	CU_ASSERT_FATAL(*out != NULL && *err != NULL);
	return status;
}

/* How many times needle is in hay. */
static int
count_of(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The inode of our PID namespace: this /proc's (it is ours). */
static json_int_t
proc_pidns(void)
{
	struct stat	st;

	CU_ASSERT_FATAL(stat("/proc/self/ns/pid", &st) == 0);
	return (json_int_t)st.st_ino;
}

/* The pid_namespaces entry of inode, or NULL. */
static json_t *
find_ns(json_t *doc, json_int_t inode)
{
	json_t	*ns;
	size_t	 i;

	json_array_foreach(json_object_get(doc, "pid_namespaces"), i, ns)
		if (json_integer_value(json_object_get(ns, "inode")) == inode)
			return ns;
	return NULL;
}

/* The process record of pid, or NULL. */
static json_t *
find_proc(json_t *doc, json_int_t pid)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(doc, "processes"), i, p)
		if (json_integer_value(json_object_get(p, "pid")) == pid)
			return p;
	return NULL;
}

static json_int_t
int_at(json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static void
test_json_foreign(void)
{
	json_t		*doc, *self, *me, *nspid, *top, *inner;
	json_error_t	 jerr;
	json_int_t	 pid, own;
	char		*out, *err;

	CU_ASSERT_EQUAL_FATAL(run_capture("unshare --pid --fork", "--json",
	    &out, &err), 0);
	TU_CHECK_MSG(count_of(err, NOTE) == 1, "stderr: [%s]", err);
	doc = json_loads(out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT(json_is_true(json_object_get(doc, "proc_foreign")));
	CU_ASSERT_EQUAL(int_at(doc, "proc_pidns"), proc_pidns());
	self = json_object_get(doc, "self");
	pid = int_at(self, "pid");
	own = int_at(self, "pidns");
	/* self in the document's numbering: its record is treetop's. */
	TU_CHECK_MSG(pid > 1 && (me = find_proc(doc, pid)) != NULL,
	    "self.pid %lld is not in the document", (long long)pid);
	me = find_proc(doc, pid);
	if (me != NULL) {
		nspid = json_object_get(me, "nspid");
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(me,
		    "comm")), "treetop");
		CU_ASSERT(json_array_size(nspid) == 2 &&
		    json_integer_value(json_array_get(nspid, 0)) == pid &&
		    json_integer_value(json_array_get(nspid, 1)) == 1);
		CU_ASSERT_EQUAL(int_at(json_object_get(me, "ns"), "pid"), own);
	}
	CU_ASSERT_NOT_EQUAL(own, proc_pidns());
	/* /proc's namespace on top with its own PID 1; the new one in it. */
	top = find_ns(doc, proc_pidns());
	inner = find_ns(doc, own);
	CU_ASSERT_FATAL(top != NULL && inner != NULL);
	CU_ASSERT_EQUAL(int_at(top, "level"), 0);
	CU_ASSERT_EQUAL(int_at(top, "init_pid"), 1);
	CU_ASSERT_EQUAL(int_at(inner, "level"), 1);
	CU_ASSERT_EQUAL(int_at(inner, "parent"), proc_pidns());
	CU_ASSERT_EQUAL(int_at(inner, "init_pid"), pid);
	json_decref(doc);
	free(out);
	free(err);
}

/* Its own /proc (--mount-proc) and no namespace at all: nothing said. */
static void
test_json_own(void)
{
	json_t		*doc;
	json_error_t	 jerr;
	char		*out, *err;

	CU_ASSERT_EQUAL_FATAL(run_capture("unshare --pid --fork --mount-proc",
	    "--json", &out, &err), 0);
	CU_ASSERT_PTR_NULL(strstr(err, NOTE));
	doc = json_loads(out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT(json_is_false(json_object_get(doc, "proc_foreign")));
	CU_ASSERT_EQUAL(int_at(json_object_get(doc, "self"), "pid"), 1);
	CU_ASSERT_EQUAL(int_at(doc, "proc_pidns"),
	    int_at(json_object_get(doc, "self"), "pidns"));
	json_decref(doc);
	free(out);
	free(err);
	CU_ASSERT_EQUAL_FATAL(run_capture("", "--json", &out, &err), 0);
	CU_ASSERT_PTR_NULL(strstr(err, NOTE));
	doc = json_loads(out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT(json_is_false(json_object_get(doc, "proc_foreign")));
	CU_ASSERT_EQUAL(int_at(doc, "proc_pidns"), proc_pidns());
	json_decref(doc);
	free(out);
	free(err);
}

/* -b and --events say it once too, however many refreshes. */
static void
test_batch_events(void)
{
	static const char *const	args[] = {
		"-b -n 3 -d 0.1", "-b --events -n 3 -d 0.1",
	};
	char				*out, *err;
	size_t				 i;

	for (i = 0; i < RUNNER_COUNT(args); i++) {
		CU_ASSERT_EQUAL(run_capture("unshare --pid --fork", args[i],
		    &out, &err), 0);
		TU_CHECK_MSG(count_of(err, NOTE) == 1, "treetop %s: stderr "
		    "[%s]", args[i], err);
		free(out);
		free(err);
	}
}

/* The explorer says it in its header. */
static void
test_explorer_header(void)
{
	CU_ASSERT_FATAL(tmuxfx_start(&tx, "foreign", WAIT_MS, "Tasks:",
	    "env TERM=tmux-256color LC_ALL=C.UTF-8 "
	    "XDG_CONFIG_HOME=/nonexistent unshare --pid --fork '%s'",
	    testutil_treetop_bin()) == 0);
	TU_CHECK_MSG(tmuxfx_wait(&tx, HEADER_NOTE, false), "screen [%.*s]",
	    400, tx.screen);
	tmuxfx_stop(&tx);
}

int
main(void)
{
	static const struct runner_test	tests[] = {
		{ "--json under a foreign /proc", test_json_foreign },
		{ "--json with its own /proc", test_json_own },
		{ "-b and --events say it once", test_batch_events },
		{ "the explorer's header", test_explorer_header },
	};
	static const struct runner_suite	suite =
	    RUNNER_SUITE("foreign /proc", NULL, NULL, tests);
	const char				*ci = getenv("CI");
	bool					 in_ci;
	int					 status;

	setlocale(LC_ALL, "");
	testutil_require_proc();
	testutil_require_root("to make a PID namespace with unshare");
	in_ci = ci != NULL && strcmp(ci, "true") == 0;
	if (system("unshare --pid --fork true 2>/dev/null") != 0 ||
	    system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_foreign_proc: unshare or tmux does not "
		    "work here\n");
		return in_ci ? 1 : 77;
	}
	status = runner_run(&suite, 1);
	tmuxfx_stop(&tx);
	return status;
}
