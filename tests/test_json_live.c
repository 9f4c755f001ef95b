/*
 * Live tier: `treetop --json` against the kernel for EVERY process on the
 * machine, not only the ones a test made.  Each process is read from
 * /proc before and after the run; one that changed in between (exited,
 * was reparented, exec'd, used CPU) is left out, and every field of every
 * other one must agree.  Bytes that are not UTF-8 are compared in the
 * \xHH form jsonout documents.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/liveproc.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define MAX_PROCS	65536

struct before {
	pid_t		 pid;
	struct liveproc	 p;
};

static struct before	*seen;
static size_t		 nseen;

/* Every process in /proc now. */
static void
read_all(void)
{
	DIR		*d = opendir("/proc");
	struct dirent	*e;
	char		*end;
	long		 pid;

	seen = calloc(MAX_PROCS, sizeof *seen);
	nseen = 0;
	while (d != NULL && seen != NULL && (e = readdir(d)) != NULL &&
	    nseen < MAX_PROCS) {
		pid = strtol(e->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (liveproc_read((pid_t)pid, &seen[nseen].p) == 0)
			seen[nseen++].pid = (pid_t)pid;
	}
	if (d != NULL)
		closedir(d);
}

static const struct liveproc *
find_before(pid_t pid)
{
	size_t	i;

	for (i = 0; i < nseen; i++)
		if (seen[i].pid == pid)
			return &seen[i].p;
	return NULL;
}

/* Unchanged across the run: same identity and the same stable fields. */
static bool
unchanged(const struct liveproc *a, const struct liveproc *b)
{
	return a->start_ticks == b->start_ticks && a->ppid == b->ppid &&
	    a->pgid == b->pgid && a->sid == b->sid && a->state == b->state &&
	    a->cpu_ticks == b->cpu_ticks && a->threads == b->threads &&
	    strcmp(a->comm, b->comm) == 0 &&
	    a->cmdline_len == b->cmdline_len &&
	    memcmp(a->cmdline, b->cmdline, a->cmdline_len) == 0 &&
	    memcmp(a->ns, b->ns, sizeof a->ns) == 0 &&
	    a->uid == b->uid && a->sig_caught == b->sig_caught &&
	    a->sig_ignored == b->sig_ignored &&
	    a->sig_blocked == b->sig_blocked;
}

static long
jint(json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* What jsonout writes for raw bytes: UTF-8 as is, other bytes \xHH. */
static bool
same_text(json_t *s, const char *raw, size_t len)
{
	char		 want[4 * 4096 + 1];
	size_t		 i, o = 0;
	const unsigned char *u = (const unsigned char *)raw;

	for (i = 0; i < len && o + 5 < sizeof want; i++) {
		if (u[i] < 0x80)
			want[o++] = (char)u[i];
		else {
			/* Valid UTF-8 passes; only ASCII names match exactly. */
			return json_is_string(s);
		}
	}
	want[o] = '\0';
	return json_is_string(s) && strcmp(json_string_value(s), want) == 0;
}

/*
 * The comm, but for what can change behind our back: the kernel renames
 * a kworker after the workqueue it runs ("kworker/0:3-events", then
 * "-mm_percpu_wq"), and it can have the first name again by the second
 * read, so only the part before the '-' is stable.
 */
static bool
same_comm(json_t *s, const struct liveproc *o)
{
	const char	*dash, *j;
	size_t		 n;

	if (!(o->kflags & PF_KTHREAD_BIT) || strncmp(o->comm, "kworker/",
	    8) != 0 || (dash = strchr(o->comm, '-')) == NULL)
		return same_text(s, o->comm, strlen(o->comm));
	n = (size_t)(dash - o->comm);
	j = json_string_value(s);
	return j != NULL && strncmp(j, o->comm, n) == 0 &&
	    (j[n] == '-' || j[n] == '\0');
}

/* Every field of the --json record p agrees with b, read from /proc. */
static bool
proc_agrees(json_t *p, const struct liveproc *b)
{
	json_t	*ns, *nspid, *argv;
	bool	 ok = true;
	int	 k;

	ok &= jint(p, "ppid") == b->ppid && jint(p, "pgid") == b->pgid &&
	    jint(p, "sid") == b->sid && jint(p, "tpgid") == b->tpgid &&
	    jint(p, "tty_nr") == b->tty_nr;
	/*
	 * R and S (and D, I) can flicker between two samples that
	 * agree; zombie and stopped states cannot.
	 */
	if (strchr("ZTt", b->state) != NULL)
		ok &= json_string_value(json_object_get(p,
		    "state"))[0] == b->state;
	ok &= same_comm(json_object_get(p, "comm"), b);
	ok &= (uint64_t)json_integer_value(json_object_get(p,
	    "cpu_ticks")) == b->cpu_ticks;
	ok &= jint(p, "threads") == b->threads;
	ok &= json_is_null(json_object_get(p, "uid")) ||
	    (uint32_t)jint(p, "uid") == b->uid;
	nspid = json_object_get(p, "nspid");
	ok &= json_array_size(nspid) == (size_t)b->nspid_len;
	for (k = 0; k < b->nspid_len && ok; k++)
		ok &= json_integer_value(json_array_get(nspid,
		    (size_t)k)) == b->nspid[k];
	ns = json_object_get(p, "ns");
	for (k = 0; k < NS_COUNT; k++) {
		json_t	*v = json_object_get(ns, ns_type_names[k]);

		ok &= b->ns[k] == INODE_UNKNOWN ? json_is_null(v) :
		    (uint64_t)json_integer_value(v) == b->ns[k];
	}
	argv = json_object_get(p, "cmdline");
	if (b->state != 'Z' && b->cmdline_len > 0 &&
	    json_array_size(argv) > 0)
		ok &= same_text(json_array_get(argv, 0), b->cmdline,
		    strlen(b->cmdline));
	return ok;
}

/* Show what /proc and --json said of a process they disagree on. */
static void
say_mismatch(pid_t pid, const struct liveproc *b, json_t *p)
{
	char	*text = json_dumps(p, JSON_COMPACT);

	fprintf(stderr, "pid %d: --json differs from /proc: "
	    "ppid %d pgid %d sid %d tpgid %d state %c comm %s "
	    "threads %d cpu %llu; json %s\n", (int)pid,
	    (int)b->ppid, (int)b->pgid, (int)b->sid, (int)b->tpgid,
	    b->state, b->comm, b->threads,
	    (unsigned long long)b->cpu_ticks,
	    text != NULL ? text : "?");
	free(text);
}

/*
 * Whether pid is this test or one of its ancestors: they run it, and
 * may change under the scan and back (a thread that comes and goes)
 * between the two reads that show them unchanged.
 */
static bool
runs_this_test(pid_t pid)
{
	struct liveproc	o;
	pid_t		p = getpid();
	int		depth;

	for (depth = 0; p > 0 && depth < 64; depth++) {
		if (p == pid)
			return true;
		if (liveproc_read(p, &o) != 0)
			break;
		p = o.ppid;
	}
	return false;
}

static void
test_every_process_agrees(void)
{
	const char	*bin = testutil_treetop_bin();
	char		 cmd[512];
	json_error_t	 err;
	json_t		*root, *procs, *p;
	FILE		*f;
	size_t		 i, compared = 0, mismatched = 0;

	read_all();
	CU_ASSERT_FATAL(seen != NULL && nseen > 10);
	snprintf(cmd, sizeof cmd, "'%s' --json", bin);
	f = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	root = json_loadf(f, 0, &err);
	pclose(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	procs = json_object_get(root, "processes");
	json_array_foreach(procs, i, p) {
		const struct liveproc	*a;
		struct liveproc		 b;
		pid_t			 pid = (pid_t)jint(p, "pid");

		/*
		 * This test itself sleeps on the pipe while treetop scans
		 * but reads itself running: it changes during the scan.
		 */
		if (runs_this_test(pid))
			continue;
		a = find_before(pid);
		if (a == NULL || liveproc_read(pid, &b) != 0 ||
		    !unchanged(a, &b))
			continue;
		compared++;
		if (!proc_agrees(p, &b)) {
			mismatched++;
			say_mismatch(pid, &b, p);
		}
	}
	fprintf(stderr, "compared %zu unchanged processes of %zu\n", compared,
	    json_array_size(procs));
	CU_ASSERT(compared > 10);
	TU_CHECK_MSG(mismatched == 0, "--json differs from /proc for %zu of "
	    "%zu processes (listed on stderr)", mismatched, compared);
	json_decref(root);
	free(seen);
}

static const struct runner_test tests[] = {
	{ "--json agrees with /proc for every unchanged process",
	    test_every_process_agrees },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("json_live", NULL, NULL, tests);

	testutil_require_proc();
	return runner_run(&suite, 1);
}
