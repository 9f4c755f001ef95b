/*
 * Recordings: record.c appends (never truncates, repairs a torn tail, cuts
 * a short write back off) and recording.c loads what it wrote, skipping
 * and naming bad lines, refusing time that goes backwards, and reading a
 * single document as a recording of one; recording_prepare() carries the
 * live orphan rule across the history.  Files live in a mkdtemp()
 * directory under /tmp that the suite removes.  No /proc, no terminal.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/nstable.h"
#include "proc/recording.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/jsonout.h"
#include "src/record.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define T0	1732370000.0	/* the first snapshot's time */

static char	tmpdir[] = "/tmp/treetop-rec-XXXXXX";

/* A new path in the suite's directory; caller frees. */
static char *
rec_path(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", tmpdir, name);
	return path;
}

/* init, a shell, and worker pid w, at time t; classified as live would be. */
static struct snapshot *
rec_snap(double t, pid_t w)
{
	struct snapshot	*s = fx_new();

	s->time = t;
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "sh");
	fx_proc(s, w, 10, 10, 'S', "worker");
	snapshot_sort(s);
	classify_snapshot(s);
	nstable_build(s);
	return s;
}

/* Record one snapshot made by rec_snap() to r. */
static void
rec_put(struct recorder *r, double t, pid_t w)
{
	struct snapshot	*s = rec_snap(t, w);

	CU_ASSERT_EQUAL(record_write(r, s), 0);
	snapshot_free(s);
}

/* Record n snapshots, one second apart from T0, to a fresh path. */
static void
rec_make(const char *path, int n)
{
	struct recorder	*r;
	char		*cause = NULL;
	int		 i;

	unlink(path);
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	for (i = 0; i < n; i++)
		rec_put(r, T0 + i, (pid_t)(100 + i));
	CU_ASSERT_EQUAL(record_close(r), 0);
}

/* Append raw bytes to path. */
static void
rec_append(const char *path, const char *text, size_t len)
{
	FILE	*f = fopen(path, "a");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
	CU_ASSERT_EQUAL(fclose(f), 0);
}

/* The whole file as a string (caller frees), its length in *len. */
static char *
rec_read(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "r");
	char	*buf;
	long	 n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static off_t
rec_size(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* How many lines warnings has (each ends in '\n'). */
static size_t
rec_lines(const char *warnings)
{
	size_t	n = 0;

	for (; warnings != NULL && *warnings != '\0'; warnings++)
		n += *warnings == '\n';
	return n;
}

static void
test_write_append(void)
{
	struct recording	 rec;
	struct recorder		*r;
	char			*path = rec_path("append.jsonl");
	char			*cause = NULL, *warn = NULL, *before, *after;
	size_t			 lb, la, i;

	rec_make(path, 3);
	before = rec_read(path, &lb);
	CU_ASSERT_EQUAL(rec_lines(before), 3);
	CU_ASSERT_EQUAL(before[lb - 1], '\n');
	r = record_open(path, &cause);	/* again: appended to, not truncated */
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(record_path(r), path);
	rec_put(r, T0 + 3, 103);
	CU_ASSERT_EQUAL(record_close(r), 0);
	after = rec_read(path, &la);
	CU_ASSERT(la > lb);
	CU_ASSERT(memcmp(before, after, lb) == 0);
	CU_ASSERT_EQUAL(rec_lines(after), 4);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_PTR_NULL(warn);
	CU_ASSERT_EQUAL_FATAL(rec.n, 4);
	for (i = 0; i < rec.n; i++) {
		CU_ASSERT_DOUBLE_EQUAL(rec.snaps[i]->time, T0 + (double)i,
		    1e-6);
		CU_ASSERT_EQUAL(rec.snaps[i]->nprocs, 3);
		CU_ASSERT_PTR_NOT_NULL(snapshot_find(rec.snaps[i],
		    (pid_t)(100 + i)));
	}
	CU_ASSERT_STRING_EQUAL(rec.snaps[3]->host, "fixture");
	recording_free(&rec);
	CU_ASSERT_EQUAL(rec.n, 0);
	recording_free(&rec);		/* empty: harmless */
	free(before);
	free(after);
	free(path);
}

static void
test_torn_tail(void)
{
	struct recording	 rec;
	struct recorder		*r;
	struct snapshot		*s = rec_snap(T0 + 2, 102);
	char			*path = rec_path("torn.jsonl");
	char			*cause = NULL, *warn = NULL, *want, *text;
	char			*line;
	size_t			 len;

	/* Two lines, then half of a third: the writer died mid-line. */
	rec_make(path, 2);
	line = jsonout_string(s, NULL, JSONOUT_COMPACT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	rec_append(path, line, strlen(line) / 2);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL(rec.n, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(warn);
	xasprintf(&want, "%s:3: truncated line skipped\n", path);
	CU_ASSERT_STRING_EQUAL(warn, want);
	recording_free(&rec);
	free(warn);

	/* A new writer ends the torn line first, so its own line is whole. */
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	rec_put(r, T0 + 3, 103);
	CU_ASSERT_EQUAL(record_close(r), 0);
	text = rec_read(path, &len);
	CU_ASSERT_EQUAL(rec_lines(text), 4);	/* the torn line, ended */
	free(text);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL_FATAL(rec.n, 3);
	CU_ASSERT_DOUBLE_EQUAL(rec.snaps[2]->time, T0 + 3, 1e-6);
	CU_ASSERT_STRING_EQUAL(warn, want);	/* still line 3 */
	recording_free(&rec);
	free(warn);
	free(want);
	free(line);
	snapshot_free(s);
	free(path);
}

/*
 * A line holding only a NUL byte, and one with a NUL amid its JSON, are
 * not cut short: the warning says what they hold, and where.
 */
static void
test_nul_lines(void)
{
	struct recording	 rec;
	char			*path = rec_path("nul.jsonl");
	char			*cause = NULL, *warn = NULL, *want;

	rec_make(path, 1);
	rec_append(path, "\0\n", 2);
	rec_append(path, "{\"schema\":\0}\n", 13);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL(rec.n, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(warn);
	xasprintf(&want, "%s:2:1: a NUL byte, not JSON (line skipped)\n"
	    "%s:3:11: a NUL byte, not JSON (line skipped)\n", path, path);
	CU_ASSERT_STRING_EQUAL(warn, want);
	recording_free(&rec);
	free(warn);
	free(want);
	free(path);
}

static void
test_corrupt_middle(void)
{
	static const char	 junk[] =
	    "{\"schema\": \"treetop/1\", \x01junk\n";
	static const char	 nopid[] = "{\"schema\": \"treetop/1\", "
				    "\"time\": 5, \"processes\": [{}]}\n";
	struct recording	 rec;
	struct recorder		*r;
	char			*path = rec_path("middle.jsonl");
	char			*cause = NULL, *warn = NULL, *want;

	rec_make(path, 1);
	rec_append(path, junk, sizeof junk - 1);
	rec_append(path, "\n  \n", 4);		/* blank lines count, quietly */
	rec_append(path, nopid, sizeof nopid - 1);
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	rec_put(r, T0 + 1, 101);
	CU_ASSERT_EQUAL(record_close(r), 0);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL_FATAL(rec.n, 2);
	CU_ASSERT_PTR_NOT_NULL(snapshot_find(rec.snaps[1], 101));
	CU_ASSERT_EQUAL(rec_lines(warn), 2);
	/* FILE:LINE:COL for the syntax error, escaped, then the skip. */
	xasprintf(&want, "%s:2:25: ", path);
	CU_ASSERT(warn != NULL && strncmp(warn, want, strlen(want)) == 0);
	CU_ASSERT(warn != NULL && strchr(warn, '\x01') == NULL);
	free(want);
	xasprintf(&want, "\n%s:5: processes[0]", path);
	CU_ASSERT_PTR_NOT_NULL(warn != NULL ? strstr(warn, want) : NULL);
	CU_ASSERT_PTR_NOT_NULL(warn != NULL ? strstr(warn,
	    "(line skipped)\n") : NULL);
	free(want);
	recording_free(&rec);
	free(warn);
	free(path);
}

static void
test_many_bad(void)
{
	struct recording	 rec;
	char			*path = rec_path("many.jsonl");
	char			*cause = NULL, *warn = NULL, *want;
	int			 i;

	rec_make(path, 1);
	for (i = 0; i < RECORDING_WARN_MAX + 3; i++)
		rec_append(path, "nonsense\n", 9);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL(rec.n, 1);
	CU_ASSERT_EQUAL(rec_lines(warn), RECORDING_WARN_MAX + 1);
	xasprintf(&want, "%s: and 3 more lines skipped\n", path);
	CU_ASSERT_PTR_NOT_NULL(warn != NULL ? strstr(warn, want) : NULL);
	free(want);
	recording_free(&rec);
	free(warn);
	free(path);
}

static void
test_garbage(void)
{
	static const char	 text[] = "garbage\n\x1b[2J more\nand more\n";
	static const char	 json[] = "{\"a\": 1}\n{\"b\": 2}\n";
	struct recording	 rec;
	char			*path = rec_path("garbage.jsonl");
	char			*cause = NULL, *warn = NULL;

	unlink(path);
	rec_append(path, text, sizeof text - 1);
	CU_ASSERT(recording_load(path, &rec, &cause, &warn) < 0);
	CU_ASSERT_EQUAL(rec.n, 0);
	CU_ASSERT_PTR_NULL(warn);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT(strncmp(cause, path, strlen(path)) == 0);
	CU_ASSERT_PTR_NULL(strchr(cause, '\x1b'));
	free(cause);

	/* JSON lines, but none of them a snapshot. */
	unlink(path);
	rec_append(path, json, sizeof json - 1);
	CU_ASSERT(recording_load(path, &rec, &cause, &warn) < 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT(strncmp(cause, path, strlen(path)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "no line holds a valid"));
	free(cause);

	/* Empty, missing, a directory. */
	unlink(path);
	rec_append(path, "", 0);
	CU_ASSERT(recording_load(path, &rec, &cause, NULL) < 0);
	CU_ASSERT(cause != NULL && strncmp(cause, path, strlen(path)) == 0);
	free(cause);
	unlink(path);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, NULL), -ENOENT);
	CU_ASSERT(cause != NULL && strstr(cause, "No such file") != NULL);
	free(cause);
	CU_ASSERT_EQUAL(recording_load(tmpdir, &rec, &cause, NULL), -EISDIR);
	free(cause);
	CU_ASSERT(recording_load(path, &rec, NULL, NULL) < 0);
	free(path);
}

static void
test_single_document(void)
{
	struct recording	 rec;
	struct snapshot		*s = rec_snap(T0, 100);
	char			*path = rec_path("single.json");
	char			*cause = NULL, *warn = NULL, *text;

	text = jsonout_string(s, NULL, 0);	/* pretty, as --json writes */
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(rec_lines(text) > 10);
	unlink(path);
	rec_append(path, text, strlen(text));
	rec_append(path, "\n\n", 2);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_PTR_NULL(warn);
	CU_ASSERT_EQUAL_FATAL(rec.n, 1);
	CU_ASSERT_EQUAL(rec.snaps[0]->nprocs, 3);
	recording_free(&rec);

	/* Cut short: the document's own error, with its line. */
	unlink(path);
	rec_append(path, text, strlen(text) / 2);
	CU_ASSERT(recording_load(path, &rec, &cause, &warn) < 0);
	CU_ASSERT(cause != NULL && strncmp(cause, path, strlen(path)) == 0 &&
	    cause[strlen(path)] == ':' && cause[strlen(path) + 1] != ' ');
	free(cause);
	free(text);
	snapshot_free(s);
	free(path);
}

/*
 * Each snapshot keeps its own load average: one recorded with it, one
 * recorded without (libproc2 could not read it), and a line from a
 * treetop that wrote no "loadavg" at all, which reads as unknown too.
 */
static void
test_loadavg(void)
{
	static const char	 old[] = "{\"schema\":\"treetop/1\",\"time\":"
	    "1732370002,\"processes\":[{\"pid\":1,\"ppid\":0,\"pgid\":1,"
	    "\"sid\":1,\"tgid\":1,\"state\":\"S\",\"comm\":\"init\"}]}\n";
	struct recording	 rec;
	struct recorder		*r;
	struct snapshot		*s;
	char			*path = rec_path("loadavg.jsonl");
	char			*cause = NULL;

	unlink(path);
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	s = rec_snap(T0, 100);
	s->loadavg[0] = 3.25;
	s->loadavg[1] = 2.5;
	s->loadavg[2] = 0.75;
	s->loadavg_known = true;
	CU_ASSERT_EQUAL(record_write(r, s), 0);
	snapshot_free(s);
	rec_put(r, T0 + 1, 101);
	CU_ASSERT_EQUAL(record_close(r), 0);
	rec_append(path, old, sizeof old - 1);
	CU_ASSERT_EQUAL_FATAL(recording_load(path, &rec, &cause, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(rec.n, 3);
	recording_prepare(&rec);
	CU_ASSERT_TRUE(rec.snaps[0]->loadavg_known);
	CU_ASSERT_DOUBLE_EQUAL(rec.snaps[0]->loadavg[0], 3.25, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(rec.snaps[0]->loadavg[1], 2.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(rec.snaps[0]->loadavg[2], 0.75, 1e-9);
	CU_ASSERT_FALSE(rec.snaps[1]->loadavg_known);
	CU_ASSERT_FALSE(rec.snaps[2]->loadavg_known);
	CU_ASSERT_EQUAL(rec.snaps[2]->loadavg[0], 0);
	recording_free(&rec);
	free(path);
}

static void
test_time_backwards(void)
{
	static const double	 times[] = { T0, T0 + 10, T0 + 5, T0 + 10,
				    T0 + 20 };
	struct recording	 rec;
	struct recorder		*r;
	char			*path = rec_path("time.jsonl");
	char			*cause = NULL, *warn = NULL, *want;
	size_t			 i;

	unlink(path);
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	for (i = 0; i < sizeof times / sizeof times[0]; i++)
		rec_put(r, times[i], (pid_t)(100 + i));
	CU_ASSERT_EQUAL(record_close(r), 0);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL_FATAL(rec.n, 4);	/* an equal time is kept */
	for (i = 1; i < rec.n; i++)
		CU_ASSERT(rec.snaps[i]->time >= rec.snaps[i - 1]->time);
	CU_ASSERT_EQUAL(rec_lines(warn), 1);
	xasprintf(&want, "%s:3: time ", path);
	CU_ASSERT(warn != NULL && strncmp(warn, want, strlen(want)) == 0);
	CU_ASSERT_PTR_NOT_NULL(warn != NULL ? strstr(warn, "back") : NULL);
	free(want);
	recording_free(&rec);
	free(warn);
	free(path);
}

/*
 * Worker 50 starts under sh (10), in init's session; sh exits and init
 * adopts 50, still in the same session, so only the live rule can tell.
 */
static void
test_orphan_history(void)
{
	struct recording	 rec;
	struct recorder		*r;
	struct snapshot		*s;
	char			*path = rec_path("orphan.jsonl");
	char			*cause = NULL, *warn = NULL;
	int			 i;

	unlink(path);
	r = record_open(path, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	for (i = 0; i < 3; i++) {
		s = fx_new();
		s->time = T0 + i;
		fx_proc(s, 1, 0, 1, 'S', "init");
		if (i == 0)
			fx_proc(s, 10, 1, 1, 'S', "sh");
		fx_proc(s, 50, i == 0 ? 10 : 1, 1, 'S', "worker");
		snapshot_sort(s);
		classify_snapshot(s);
		nstable_build(s);
		CU_ASSERT_EQUAL(record_write(r, s), 0);
		snapshot_free(s);
	}
	CU_ASSERT_EQUAL(record_close(r), 0);
	CU_ASSERT_EQUAL(recording_load(path, &rec, &cause, &warn), 0);
	CU_ASSERT_EQUAL_FATAL(rec.n, 3);
	/* Each snapshot on its own: the static rule sees nothing. */
	classify_snapshot(rec.snaps[1]);
	CU_ASSERT_FALSE(snapshot_find(rec.snaps[1], 50)->flags & PI_ORPHAN);
	recording_prepare(&rec);
	CU_ASSERT_FALSE(snapshot_find(rec.snaps[0], 50)->flags & PI_ORPHAN);
	CU_ASSERT(snapshot_find(rec.snaps[1], 50)->flags & PI_ORPHAN);
	CU_ASSERT(snapshot_find(rec.snaps[2], 50)->flags & PI_ORPHAN);
	CU_ASSERT(snapshot_find(rec.snaps[2], 1)->flags & PI_ADOPTER);
	CU_ASSERT(rec.snaps[2]->npidns == 1);
	recording_free(&rec);
	free(path);
}

static void
test_open_errors(void)
{
	struct recorder	*r;
	char		*cause = NULL;
	const char	*bad = "/nonexistent/treetop-test/rec.jsonl";

	errno = 0;
	r = record_open(bad, &cause);
	CU_ASSERT_PTR_NULL(r);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT(strncmp(cause, bad, strlen(bad)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "No such file"));
	free(cause);
	r = record_open(tmpdir, &cause);	/* a directory */
	CU_ASSERT_PTR_NULL(r);
	CU_ASSERT_EQUAL(errno, EISDIR);
	free(cause);
	CU_ASSERT_PTR_NULL(record_open(bad, NULL));	/* cause is optional */
	CU_ASSERT_EQUAL(record_close(NULL), 0);
}

/*
 * In a child: a file size limit that the second line overruns.  The
 * short write must be cut back off, leaving the first line alone.
 */
static int
rec_short_child(const char *path)
{
	struct snapshot	*s1 = rec_snap(T0, 100), *s2 = rec_snap(T0 + 1, 101);
	struct recorder	*r;
	struct rlimit	 rl;
	off_t		 one;
	int		 rc;

	signal(SIGXFSZ, SIG_IGN);
	unlink(path);
	r = record_open(path, NULL);
	rc = r != NULL ? record_write(r, s1) : -1;
	one = rec_size(path);
	rl.rlim_cur = rl.rlim_max = (rlim_t)(one + one / 2);
	if (rc == 0 && setrlimit(RLIMIT_FSIZE, &rl) == 0)
		rc = record_write(r, s2) < 0 ? 0 : 4;
	else
		rc = 3;
	record_close(r);
	snapshot_free(s1);
	snapshot_free(s2);
	if (rc != 0)
		return rc;
	return rec_size(path) == one ? 0 : 5;
}

static void
test_short_write(void)
{
	char	*path = rec_path("short.jsonl");
	pid_t	 pid;
	int	 status = -1;

	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		_exit(rec_short_child(path));
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(path);
}

/*
 * In a child: open the FIFO path and write head, then pad bytes of
 * spaces (pad < 0: lines of head without end), until the reader goes.
 */
static void
fifo_writer(const char *path, const char *head, long long pad)
{
	static char	 spaces[65536];
	FILE		*f;
	size_t		 n;

	signal(SIGPIPE, SIG_IGN);
	memset(spaces, ' ', sizeof spaces);
	if ((f = fopen(path, "w")) == NULL)
		_exit(1);
	if (fputs(head, f) == EOF)
		_exit(0);
	while (pad != 0) {
		if (pad < 0) {
			if (fputs(head, f) == EOF)
				_exit(0);
			continue;
		}
		n = (size_t)pad < sizeof spaces ? (size_t)pad : sizeof spaces;
		if (fwrite(spaces, 1, n, f) != n)
			_exit(0);
		pad -= (long long)n;
	}
	_exit(fclose(f) == 0 ? 0 : 1);
}

/* Load the FIFO name fed by fifo_writer(head, pad); 0 or -errno. */
static int
fifo_load(const char *name, const char *head, long long pad,
    struct recording *rec, char **cause)
{
	char	*path = rec_path(name);
	pid_t	 pid;
	int	 rc, status = -1;

	unlink(path);
	CU_ASSERT_FATAL(mkfifo(path, 0600) == 0);
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0)
		fifo_writer(path, head, pad);
	rc = recording_load(path, rec, cause, NULL);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unlink(path);
	free(path);
	return rc;
}

#define ONE_DOC	"{\"schema\":\"treetop/1\",\"time\":5,\"processes\":[]}\n"

/*
 * An endless input that is not a regular file stops at 256 MiB with a
 * message, not when memory runs out: /dev/zero, and a pipe that never
 * ends (a writer repeating a line).
 */
static void
test_endless_input(void)
{
	struct recording	 rec;
	char			*cause = NULL, *want;

	CU_ASSERT_EQUAL(recording_load("/dev/zero", &rec, &cause, NULL),
	    -EFBIG);
	CU_ASSERT_EQUAL(rec.n, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT_STRING_EQUAL(cause, "/dev/zero: more than 256 MiB, the "
	    "most read from a pipe or a device");
	free(cause);
	cause = NULL;
	CU_ASSERT_EQUAL(fifo_load("endless", ONE_DOC, -1, &rec, &cause),
	    -EFBIG);
	CU_ASSERT_EQUAL(rec.n, 0);
	xasprintf(&want, "%s/endless: more than 256 MiB", tmpdir);
	CU_ASSERT(cause != NULL && strncmp(cause, want, strlen(want)) == 0);
	free(want);
	free(cause);
}

/* Exactly 256 MiB from a pipe is still read: the limit is inclusive. */
static void
test_stream_at_limit(void)
{
	struct recording	 rec;
	char			*cause = NULL;

	CU_ASSERT_EQUAL_FATAL(fifo_load("limit", ONE_DOC,
	    (long long)RECORDING_STREAM_MAX - (long long)strlen(ONE_DOC), &rec,
	    &cause), 0);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_EQUAL(rec.n, 1);
	CU_ASSERT(rec.n == 1 && rec.snaps[0]->time == 5.0);
	recording_free(&rec);
}

/* Remove the suite's directory and what the tests left in it. */
static int
rec_cleanup(void)
{
	DIR		*d = opendir(tmpdir);
	struct dirent	*e;
	char		*path;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = rec_path(e->d_name);
		unlink(path);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	return rmdir(tmpdir) == 0 ? 0 : -1;
}

static const struct runner_test tests[] = {
	{ "write, reopen, append, load", test_write_append },
	{ "torn last line, then a new writer", test_torn_tail },
	{ "corrupt and blank middle lines", test_corrupt_middle },
	{ "lines with a NUL byte", test_nul_lines },
	{ "many bad lines: ten listed", test_many_bad },
	{ "garbage, empty, missing", test_garbage },
	{ "single pretty document", test_single_document },
	{ "time going backwards", test_time_backwards },
	{ "load average per snapshot, old lines unknown", test_loadavg },
	{ "live orphan rule across the history", test_orphan_history },
	{ "record_open errors", test_open_errors },
	{ "short write cut back", test_short_write },
	{ "endless input: /dev/zero, a pipe", test_endless_input },
	{ "a pipe of exactly the limit", test_stream_at_limit },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("recording", NULL, NULL, tests);
	int					rc;

	if (mkdtemp(tmpdir) == NULL)
		return 99;
	rc = runner_run(&suite, 1);
	if (rec_cleanup() < 0)
		return 99;
	return rc;
}
