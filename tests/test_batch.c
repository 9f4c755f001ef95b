/*
 * Batch text: a fixed scenario (zombie, orphan, daemon, container init and
 * child, kernel threads, hostile names) through classify, nstable, ptree,
 * rows and batch_write, compared byte for byte with the golden files in
 * both glyph sets; plus line-level checks that need no golden file, and a
 * chain deep enough to test the indentation cap.  No /proc, no terminal,
 * no clock.  With GOLDEN_UPDATE=1 in the environment the golden files are
 * rewritten from the output: read them before committing.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/batch.h"
#include "tests/fx.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define CONTAINER_PIDNS	4026532177ull
#define TTY_PTS0	34816	/* /dev/pts/0 */
#define DEEP_CHAIN	3000
#define LINE_COLS_MAX	200

static const struct batch_style style_utf8 = { GLYPHS_UTF8, true, NULL, NS_PID, NULL };
static const struct batch_style style_ascii = { GLYPHS_ASCII, false, NULL, NS_PID, NULL };

/* Set a cmdline from a literal with NUL-separated arguments. */
#define SET_CMD(s, p, lit) \
	snapshot_set_cmdline((s), (p), (lit), sizeof lit)

static void
set_user(struct procinfo *p, uint32_t uid, const char *name)
{
	p->uid = uid;
	p->user = name;
}

/*
 * The scenario:
 *   1 init (ns init, adopted 150)
 *     100 bash on a tty
 *       101 zombie, 102 vim, 500 hostile cmdline, 501 UTF-8 cmdline,
 *       502 zombie with a hostile name
 *     150 orphan (session 100, reparented to init): its group is
 *         orphaned (G)
 *     600 a job whose shell (590, leader of session 590) is gone: an
 *         orphan in an orphaned group of a leaderless session, and,
 *         leading its group without a terminal under init, a daemon
 *         as a double fork leaves one (ODGS)
 *       601 its child, stopped, in the same group and session (GS)
 *     200 sshd (daemon)
 *     300 containerd-shim (daemon)
 *       4242 container init, NSpid [4242, 1]
 *         4243 its child, NSpid [4243, 2]
 *   2 kthreadd
 *     3 kworker (a kthread only because its parent is kthreadd)
 */
static struct snapshot *
fixture(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	p = fx_proc(s, 1, 0, 1, 'S', "systemd");
	SET_CMD(s, p, "/sbin/init\0splash");
	p->rss_kb = 12345;
	p = fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	snapshot_set_cmdline(s, p, NULL, 0);
	p->pgid = 0;
	p->kflags = PF_KTHREAD_BIT;
	p = fx_proc(s, 3, 2, 0, 'I', "kworker/0:1");
	snapshot_set_cmdline(s, p, NULL, 0);
	p->pgid = 0;
	p = fx_proc(s, 100, 1, 100, 'S', "bash");
	SET_CMD(s, p, "-bash");
	set_user(p, 1000, "alice");
	p->tty_nr = TTY_PTS0;
	p->tpgid = 102;
	p->rss_kb = 5120;
	p = fx_proc(s, 101, 100, 100, 'Z', "sleep");
	set_user(p, 1000, "alice");
	p->pgid = 101;
	p->tty_nr = TTY_PTS0;
	p->exit_code = 9;	/* killed by SIGKILL, never waited for */
	p = fx_proc(s, 102, 100, 100, 'R', "vim");
	SET_CMD(s, p, "vim\0notes.txt");
	set_user(p, 1000, "alice");
	p->pgid = 102;
	p->tty_nr = TTY_PTS0;
	p->rss_kb = 9000;
	p = fx_proc(s, 150, 1, 100, 'S', "sleep");
	SET_CMD(s, p, "sleep\0" "1000");
	set_user(p, 1000, "alice");
	p->pgid = 150;
	p->rss_kb = 800;
	p = fx_proc(s, 200, 1, 200, 'S', "sshd");
	SET_CMD(s, p, "sshd: /usr/sbin/sshd -D [listener]");
	p->rss_kb = 7000;
	p = fx_proc(s, 300, 1, 300, 'S', "containerd-shim");
	SET_CMD(s, p, "/usr/bin/containerd-shim-runc-v2\0-id\0abc");
	p->rss_kb = 11000;
	p = fx_proc(s, 4242, 300, 4242, 'S', "tini");
	SET_CMD(s, p, "/sbin/tini\0--\0app");
	fx_nspid(p, CONTAINER_PIDNS, 2, 4242, 1);
	p->rss_kb = 600;
	p = fx_proc(s, 4243, 4242, 4242, 'S', "app");
	SET_CMD(s, p, "app\0--port\0" "8080");
	fx_nspid(p, CONTAINER_PIDNS, 2, 4243, 2);
	set_user(p, 65534, "nobody");
	p->rss_kb = 40000;
	p = fx_proc(s, 500, 100, 100, 'S', "evil");
	SET_CMD(s, p, "evil\0\033[31mred\nline\0\033]0;title\007");
	set_user(p, 1000, "alice");
	p->pgid = 500;
	p = fx_proc(s, 501, 100, 100, 'S', "cafe");
	SET_CMD(s, p, "caf\xc3\xa9\0--menu");
	set_user(p, 1000, "alice");
	p->pgid = 501;
	p = fx_proc(s, 502, 100, 100, 'Z', "x\033[2Jy\n");
	set_user(p, 1000, "alice");
	p->pgid = 502;
	p = fx_proc(s, 600, 1, 590, 'S', "rsync");
	SET_CMD(s, p, "rsync\0-a\0src/\0host:dst/");
	set_user(p, 1000, "alice");
	p->pgid = 600;
	p->rss_kb = 2100;
	p = fx_proc(s, 601, 600, 590, 'T', "ssh");
	SET_CMD(s, p, "ssh\0host\0rsync\0--server");
	set_user(p, 1000, "alice");
	p->pgid = 600;
	p->rss_kb = 3300;
	return s;
}

/* classify, nstable, ptree, rows (all), batch_write; returns the text. */
static char *
render(struct snapshot *s, const struct batch_style *style, size_t *len)
{
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct ptree		*t;
	struct rows		 rows;
	char			*text = NULL;
	FILE			*f;

	snapshot_sort(s);
	classify_snapshot(s);
	nstable_build(s);
	t = ptree_build(s);
	rows_init(&rows);
	rows_build(&rows, t, &vs);
	f = open_memstream(&text, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	batch_write(f, &rows, style);
	CU_ASSERT_EQUAL(fclose(f), 0);
	rows_done(&rows);
	ptree_free(t);
	return text;
}

static char *
golden_path(const char *name)
{
	const char	*dir = getenv("GOLDEN");
	char		*path = NULL;

	if (dir == NULL || *dir == '\0')
		dir = "tests/golden";
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	return path;
}

/* Read a whole file; NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;

	if (f == NULL)
		return NULL;
	buf = testutil_read_all(f, len);
	fclose(f);
	return buf;
}

/* Compare text with the golden file; on a difference, name the line. */
static void
check_golden(const char *name, const char *text, size_t len)
{
	char		*path = golden_path(name), *want;
	const char	*upd = getenv("GOLDEN_UPDATE");
	size_t		 wlen = 0, i, line = 1;
	FILE		*f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	if (upd != NULL && *upd != '\0' && strcmp(upd, "0") != 0) {
		f = fopen(path, "wb");
		CU_ASSERT_PTR_NOT_NULL(f);
		if (f != NULL) {
			CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
			CU_ASSERT_EQUAL(fclose(f), 0);
		}
	}
	want = slurp(path, &wlen);
	if (want == NULL) {
		fprintf(stderr, "\n%s: cannot read the golden file\n", path);
		CU_FAIL("golden file missing");
	} else if (wlen != len || memcmp(want, text, len) != 0) {
		for (i = 0; i < len && i < wlen && want[i] == text[i]; i++)
			if (text[i] == '\n')
				line++;
		fprintf(stderr, "\n%s: output differs at line %zu\n", path,
		    line);
		CU_FAIL("output differs from the golden file");
	}
	free(want);
	free(path);
}

/* The next line of text from *pos (without its newline), or NULL. */
static const char *
next_line(const char *text, size_t len, size_t *pos, size_t *llen)
{
	const char	*start, *nl;

	if (*pos >= len)
		return NULL;
	start = text + *pos;
	nl = memchr(start, '\n', len - *pos);
	*llen = nl != NULL ? (size_t)(nl - start) : len - *pos;
	*pos += *llen + 1;
	return start;
}

/*
 * Terminal columns of a line, by wcwidth(3) in the UTF-8 locale: a wide
 * character takes two, a combining one none.
 */
static size_t
line_cols(const char *line, size_t len)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		i = 0, k, cols = 0;
	int		w;

	memset(&st, 0, sizeof st);
	while (i < len) {
		k = mbrtowc(&wc, line + i, len - i, &st);
		if (k == 0 || k > len - i) {
			k = 1;		/* not UTF-8: a column a byte */
			w = 1;
			memset(&st, 0, sizeof st);
		} else if ((w = wcwidth(wc)) < 0)
			w = 1;
		cols += (size_t)w;
		i += k;
	}
	return cols;
}

/* Field n (0-based, split on blanks) of a line, into buf. */
static bool
line_field(const char *line, size_t len, int n, char *buf, size_t size)
{
	size_t	i = 0, start;

	for (;;) {
		while (i < len && line[i] == ' ')
			i++;
		if (i == len)
			return false;
		start = i;
		while (i < len && line[i] != ' ')
			i++;
		if (n-- == 0) {
			if (i - start >= size)
				return false;
			memcpy(buf, line + start, i - start);
			buf[i - start] = '\0';
			return true;
		}
	}
}

/* The line whose PID field is pid, or NULL. */
static const char *
line_of(const char *text, size_t len, pid_t pid, size_t *llen)
{
	size_t		 pos = 0;
	const char	*line;
	char		 f[32];

	next_line(text, len, &pos, llen);	/* header */
	while ((line = next_line(text, len, &pos, llen)) != NULL)
		if (line_field(line, *llen, 0, f, sizeof f) &&
		    atol(f) == (long)pid)
			return line;
	return NULL;
}

/* Field n of pid's line, or "?" (so that comparisons fail). */
static const char *
field_of(const char *text, size_t len, pid_t pid, int n, char *buf,
    size_t size)
{
	size_t		 llen;
	const char	*line = line_of(text, len, pid, &llen);

	if (line == NULL || !line_field(line, llen, n, buf, size))
		snprintf(buf, size, "?");
	return buf;
}

/* True if pid's line contains needle. */
static bool
line_has(const char *text, size_t len, pid_t pid, const char *needle)
{
	size_t		 llen;
	const char	*line = line_of(text, len, pid, &llen);

	return line != NULL && memmem(line, llen, needle, strlen(needle)) !=
	    NULL;
}

static void
test_golden_utf8(void)
{
	struct snapshot	*s = fixture();
	size_t		 len;
	char		*text = render(s, &style_utf8, &len);

	check_golden("small.txt", text, len);
	free(text);
	snapshot_free(s);
}

static void
test_golden_ascii(void)
{
	struct snapshot	*s = fixture();
	size_t		 len, i;
	char		*text = render(s, &style_ascii, &len);
	bool		 ascii = true;

	check_golden("small-ascii.txt", text, len);
	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] >= 0x7f)
			ascii = false;
	CU_ASSERT(ascii);
	CU_ASSERT(line_has(text, len, 501, "caf\\xc3\\xa9 --menu"));
	CU_ASSERT(line_has(text, len, 4243, "`-app --port 8080"));
	free(text);
	snapshot_free(s);
}

static void
test_lines(void)
{
	struct snapshot	*s = fixture();
	size_t		 len, pos = 0, llen, i, lines = 0, bad = 0;
	char		*text = render(s, &style_utf8, &len);
	const char	*line;
	char		 f[64];
	unsigned	*seen = calloc(s->nprocs, sizeof *seen);

	CU_ASSERT_PTR_NOT_NULL_FATAL(seen);
	CU_ASSERT(len > 0 && text[len - 1] == '\n');
	line = next_line(text, len, &pos, &llen);
	CU_ASSERT(line != NULL && llen > 3 && memcmp(line + 4, "PID", 3) == 0);
	/* Each record's PID appears on exactly one line. */
	while ((line = next_line(text, len, &pos, &llen)) != NULL) {
		ssize_t	k;

		lines++;
		if (!line_field(line, llen, 0, f, sizeof f) ||
		    (k = snapshot_index(s, (pid_t)atol(f))) < 0)
			bad++;
		else
			seen[k]++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(lines, s->nprocs);
	for (i = 0; i < s->nprocs; i++)
		if (seen[i] != 1)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	free(seen);
	/* No raw control byte but the line ends. */
	for (i = 0; i < len; i++)
		if (((unsigned char)text[i] < 0x20 && text[i] != '\n') ||
		    text[i] == 0x7f)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);

	/* NSPID: the inner pid for the container, "-" on the host. */
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 4242, 4, f, sizeof f), "1");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 4243, 4, f, sizeof f), "2");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 1, 4, f, sizeof f), "-");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 300, 4, f, sizeof f), "-");
	/* MARK letters. */
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 1, 7, f, sizeof f), "I");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 2, 7, f, sizeof f), "K");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 3, 7, f, sizeof f), "K");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 100, 7, f, sizeof f), "-");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 101, 7, f, sizeof f), "Z");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 150, 7, f, sizeof f), "OG");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 102, 7, f, sizeof f), "-");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 600, 7, f, sizeof f), "ODGS");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 601, 7, f, sizeof f), "GS");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 200, 7, f, sizeof f), "D");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 300, 7, f, sizeof f), "D");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 4242, 7, f, sizeof f), "I");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 4243, 7, f, sizeof f), "-");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 502, 7, f, sizeof f), "Z");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 101, 6, f, sizeof f), "Z");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 4243, 5, f, sizeof f),
	    "nobody");
	/* Commands, connectors, escapes. */
	CU_ASSERT(line_has(text, len, 1, " /sbin/init splash"));
	CU_ASSERT(line_has(text, len, 101, "\xe2\x94\x9c\xe2\x94\x80"
	    "[sleep] <defunct>"));
	CU_ASSERT(line_has(text, len, 3, "\xe2\x94\x94\xe2\x94\x80"
	    "[kworker/0:1]"));
	CU_ASSERT(line_has(text, len, 2, " [kthreadd]"));
	CU_ASSERT(line_has(text, len, 500,
	    "evil \\e[31mred\\nline \\e]0;title\\x07"));
	CU_ASSERT(line_has(text, len, 502, "[x\\e[2Jy\\n] <defunct>"));
	CU_ASSERT(line_has(text, len, 501, "caf\xc3\xa9 --menu"));
	CU_ASSERT(line_has(text, len, 4242, " 600 \xe2\x94\x82 "
	    "\xe2\x94\x94\xe2\x94\x80" "/sbin/tini -- app"));
	CU_ASSERT(line_has(text, len, 4243, " 40000 \xe2\x94\x82   "
	    "\xe2\x94\x94\xe2\x94\x80" "app --port 8080"));
	free(text);
	snapshot_free(s);
}

static void
test_deep_chain(void)
{
	struct snapshot	*s = fx_new();
	size_t		 len, pos = 0, llen, lines = 0, widest = 0, cols;
	char		*text;
	const char	*line, *last = NULL;
	size_t		 last_len = 0;
	pid_t		 pid;
	char		 f[16];

	for (pid = 1; pid <= DEEP_CHAIN; pid++)
		fx_proc(s, pid, pid - 1, 1, 'S', "link");
	text = render(s, &style_utf8, &len);
	next_line(text, len, &pos, &llen);
	while ((line = next_line(text, len, &pos, &llen)) != NULL) {
		lines++;
		cols = line_cols(line, llen);
		if (cols > widest)
			widest = cols;
		last = line;
		last_len = llen;
	}
	CU_ASSERT_EQUAL(lines, DEEP_CHAIN);
	CU_ASSERT(widest < LINE_COLS_MAX);
	CU_ASSERT_PTR_NOT_NULL_FATAL(last);
	CU_ASSERT(line_field(last, last_len, 0, f, sizeof f) &&
	    atol(f) == DEEP_CHAIN);
	snprintf(f, sizeof f, "%d", DEEP_CHAIN - 1);
	CU_ASSERT_PTR_NOT_NULL(memmem(last, last_len, f, strlen(f)));
	free(text);
	snapshot_free(s);
}

/* True if len bytes at s are valid UTF-8. */
static bool
valid_utf8(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, k;

	while (i < len) {
		if (u[i] < 0x80)
			n = 0;
		else if (u[i] >= 0xc2 && u[i] <= 0xdf)
			n = 1;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			n = 2;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			n = 3;
		else
			return false;
		if (len - i - 1 < n)
			return false;
		for (k = 1; k <= n; k++)
			if ((u[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/*
 * The USER column is 8 wide: a longer name from a loaded file is cut, but
 * never inside a UTF-8 character or an escape, and the columns after it
 * stay aligned, by display width: a CJK character takes two columns, a
 * combining accent none.
 */
static void
test_long_user(void)
{
	static const char		 nine_e[] = "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
	static const char *const	 names[] = {
		"jos\xc3\xa9_m\xc3\xbcller",		/* josé_müller */
		nine_e,
		"abcdef\\z",			/* a backslash: \\ fits */
		"abcdef\a",			/* BEL: \x07 does not */
		"abcdefg\033",			/* ESC: \e does not */
		"abcde\033",			/* \e fits */
		"ab",
		"\xe7\x94\xa8\xe6\x88\xb7",		/* 用户: 4 columns */
		"\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d\xe5\xad\x97"
		    "\xe5\xa4\xaa\xe9\x95\xbf",	/* 用户名字太长: 12 */
		/* a用用用用 */
		"a\xe7\x94\xa8\xe7\x94\xa8\xe7\x94\xa8\xe7\x94\xa8",
		"jose\xcc\x81phine",		/* e + U+0301 */
	};
	struct snapshot			*s = fx_new();
	struct procinfo			*p;
	size_t				 len, llen, i;
	char				*text;
	const char			*line, *cmd;
	char				 f[64];

	fx_proc(s, 1, 0, 1, 'S', "init");
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		p = fx_proc(s, 10 + (pid_t)i, 1, 1, 'S', "x");
		set_user(p, 2000, names[i]);
	}
	text = render(s, &style_utf8, &len);
	CU_ASSERT(valid_utf8(text, len));
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		line = line_of(text, len, 10 + (pid_t)i, &llen);
		CU_ASSERT_PTR_NOT_NULL_FATAL(line);
		/* S sits right after an 8-column USER column. */
		cmd = memmem(line, llen, " S -", 4);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cmd);
		CU_ASSERT_EQUAL(line_cols(line, (size_t)(cmd - line)),
		    7 * 4 + 3 + 1 + 6 + 1 + 8);
	}
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 10, 5, f, sizeof f),
	    "jos\xc3\xa9_m\xc3\xbcl");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 11, 5, f, sizeof f),
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 12, 5, f, sizeof f),
	    "abcdef\\\\");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 13, 5, f, sizeof f),
	    "abcdef");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 14, 5, f, sizeof f),
	    "abcdefg");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 15, 5, f, sizeof f),
	    "abcde\\e");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 16, 5, f, sizeof f), "ab");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 17, 5, f, sizeof f),
	    "\xe7\x94\xa8\xe6\x88\xb7");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 18, 5, f, sizeof f),
	    "\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d\xe5\xad\x97");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 19, 5, f, sizeof f),
	    "a\xe7\x94\xa8\xe7\x94\xa8\xe7\x94\xa8");
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 20, 5, f, sizeof f),
	    "jose\xcc\x81phin");
	free(text);
	snapshot_free(s);
}

static void
test_marks(void)
{
	char	buf[CLASSIFY_MARKS_MAX];

	classify_marks(0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "-");
	classify_marks(PI_ZOMBIE | PI_ORPHAN | PI_DAEMON | PI_NSINIT |
	    PI_KTHREAD, buf);
	CU_ASSERT_STRING_EQUAL(buf, "ZODIK");
	classify_marks(~0u, buf);
	CU_ASSERT_STRING_EQUAL(buf, "ZODIEKGS");
	classify_marks(PI_ENTERED, buf);
	CU_ASSERT_STRING_EQUAL(buf, "E");
	classify_marks(PI_ORPHAN | PI_PGRP_ORPHAN | PI_NO_LEADER, buf);
	CU_ASSERT_STRING_EQUAL(buf, "OGS");
	classify_marks(PI_THREAD | PI_ADOPTER | PI_REPARENTED, buf);
	CU_ASSERT_STRING_EQUAL(buf, "-");
	classify_marks(PI_ORPHAN | PI_REPARENTED, buf);
	CU_ASSERT_STRING_EQUAL(buf, "O");
}

/*
 * A state byte is printed only when it is a letter: a loaded or corrupt
 * snapshot must not put ESC or a C1 CSI on the terminal through S.
 */
static void
test_state_escaped(void)
{
	static const char	 states[] = { '\033', (char)0x9b, '\n', '\0' };
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	size_t			 len, llen, i;
	char			*text, f[16];
	const char		*line;

	fx_proc(s, 1, 0, 1, 'S', "init");
	for (i = 0; i < sizeof states; i++) {
		p = fx_proc(s, 10 + (pid_t)i, 1, 1, 'S', "x");
		p->state = states[i];
		set_user(p, 0, "root");
	}
	p = fx_proc(s, 20, 1, 1, 't', "traced");
	set_user(p, 0, "root");
	text = render(s, &style_utf8, &len);
	CU_ASSERT_PTR_NULL(memchr(text, '\033', len));
	CU_ASSERT_PTR_NULL(memchr(text, 0x9b, len));
	for (i = 0; i < sizeof states; i++) {
		line = line_of(text, len, 10 + (pid_t)i, &llen);
		CU_ASSERT_PTR_NOT_NULL(line);
		CU_ASSERT_STRING_EQUAL(field_of(text, len, 10 + (pid_t)i, 6,
		    f, sizeof f), "?");
	}
	CU_ASSERT_STRING_EQUAL(field_of(text, len, 20, 6, f, sizeof f), "t");
	free(text);
	snapshot_free(s);
}

/*
 * A thread is drawn as pstree draws one, {name} under its process, not
 * as a child with the whole command line; a zombie keeps the command
 * line it had when it was seen alive.
 */
static void
test_threads_and_zombie_command(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	size_t		 len, llen;
	char		*text;
	const char	*line;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 30, 1, 30, 'S', "server");
	snapshot_set_cmdline(s, p, "server\0--port\0" "80\0", 18);
	p = fx_proc(s, 31, 1, 30, 'S', "worker\033");
	p->tgid = 30;
	p->flags |= PI_THREAD;
	snapshot_set_cmdline(s, p, "server\0--port\0" "80\0", 18);
	p = fx_proc(s, 40, 30, 30, 'Z', "sleep");
	snapshot_set_cmdline(s, p, "sleep\0" "90002\0", 12);
	text = render(s, &style_utf8, &len);
	line = line_of(text, len, 31, &llen);
	CU_ASSERT(line != NULL && strstr(line, "{worker\\e}") != NULL &&
	    strstr(line, "--port") == NULL);
	line = line_of(text, len, 40, &llen);
	CU_ASSERT(line != NULL && strstr(line, "sleep 90002 <defunct>") != NULL);
	free(text);
	snapshot_free(s);
}

/*
 * Out of memory while escaping a command line is fatal (exit 1), never a
 * line with the command silently left out.  The child escapes an 8 MiB
 * command line with no address space left to grow into.
 */
static void
test_escape_no_memory(void)
{
	const size_t		 big = 8u << 20;	/* 16 MiB escaped */
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct rlimit		 rl = { 4096, 4096 };	/* no room to grow */
	struct snapshot		*s;
	struct procinfo		*p;
	struct ptree		*t;
	struct rows		 rows;
	FILE			*out;
	char			*cmd;
	pid_t			 pid;
	int			 status = 0;

	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL ||
		    (out = tmpfile()) == NULL)
			_exit(99);
		s = fx_new();
		fx_proc(s, 1, 0, 1, 'S', "init");
		p = fx_proc(s, 2, 1, 1, 'S', "big");
		cmd = xmalloc(big);
		memset(cmd, '\033', big);
		snapshot_set_cmdline(s, p, cmd, big);
		free(cmd);
		snapshot_sort(s);
		classify_snapshot(s);
		t = ptree_build(s);
		rows_init(&rows);
		rows_build(&rows, t, &vs);
		fputs("warm\n", out);	/* the stream's buffer, before */
		setrlimit(RLIMIT_AS, &rl);
		batch_write(out, &rows, &style_utf8);
		_exit(fflush(out) == 0 ? 0 : 98);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	/* Exit 1 from die(), or a sanitizer's abort: anything but 0. */
	CU_ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) >= 98);
}

/*
 * A container's root (uid 100000 on the host) and its user 1000: USER
 * shows them as seen inside, with the host's uid, and grows to fit; a
 * host process keeps its name.  Without the snapshot, the plain user.
 */
static void
test_mapped_users(void)
{
	static const struct idmap_extent	box[] = { { 0, 100000, 65536 } };
	struct batch_style	 style = style_utf8;
	struct snapshot		*s = fx_new();
	struct userns_info	*u;
	char			*text;
	size_t			 len;

	set_user(fx_proc(s, 1, 0, 1, 'S', "init"), 0, "root");
	set_user(fx_proc(s, 20, 1, 20, 'S', "boxinit"), 100000, "100000");
	set_user(fx_proc(s, 21, 20, 20, 'S', "app"), 101000, "101000");
	fx_ns(fx_get(s, 20))[NS_USER] = fx_ns(fx_get(s, 21))[NS_USER] = 4026532400;
	fx_ns(fx_get(s, 1))[NS_USER] = 4026531837;
	u = snapshot_add_userns(s, 4026532400);
	snapshot_set_idmap(s, &u->uid_map, box, 1);
	style.snap = s;
	text = render(s, &style, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " USER         S MARK"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " root         S "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " root(100000) S "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " 1000(101000) S "));
	free(text);
	text = render(s, &style_utf8, &len);
	CU_ASSERT(text != NULL && strstr(text, " USER     S MARK") != NULL &&
	    strstr(text, " 100000   S ") != NULL);
	free(text);
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "USER as seen inside a user namespace", test_mapped_users },
	{ "golden small.txt (UTF-8)", test_golden_utf8 },
	{ "golden small-ascii.txt", test_golden_ascii },
	{ "one line per process, columns", test_lines },
	{ "3,000-deep chain: indentation capped", test_deep_chain },
	{ "long user names", test_long_user },
	{ "MARK letters", test_marks },
	{ "state letter escaped", test_state_escaped },
	{ "threads and a zombie's command", test_threads_and_zombie_command },
	{ "out of memory while escaping is fatal", test_escape_no_memory },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("batch", NULL, NULL, tests);

	/* Display widths are the locale's: make check pins C.UTF-8. */
	testutil_require_utf8();
	return runner_run(&suite, 1);
}
