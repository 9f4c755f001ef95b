/*
 * Live tier, end to end: wide (CJK) and combining characters in user
 * names and process names do not move the columns after them, in the
 * explorer in tmux and in `treetop -b`.
 *
 * The processes are real: one runs as a user named 用户名 (6 columns, 9
 * bytes) and is called 宽字名称é (e + U+0301: 9 columns, the 15 bytes
 * PR_SET_NAME allows), with a zombie child of the same name; another
 * runs as jose + U+0301 (4 columns, 6 bytes).  The names come from a
 * passwd file bind-mounted over /etc/passwd in a mount namespace of
 * treetop's own (unshare -m), so nothing on the machine changes.  Each
 * UI test starts an explorer of its own, so any one can run alone.
 * Needs root, as the other live tests do: exits 77 without it.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/liveproc.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define WAIT_MS		30000
#define WIDE_UID	4242
#define ACCENT_UID	4243
/* UTF-8 spelled out, so the source stays ASCII. */
#define WIDE_USER	"\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d"	/* 用户名 */
#define ACCENT_USER	"jose\xcc\x81"		/* jose + U+0301 */
#define WIDE_COMM	"\xe5\xae\xbd\xe5\xad\x97\xe5\x90\x8d\xe7\xa7\xb0" \
			"e\xcc\x81"		/* 宽字名称é, 15 bytes */
#define ACCENT_COMM	"e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" \
			"e\xcc\x81"		/* ééééé, 15 bytes */

/* The titles of the live view, and whether each is left-aligned. */
static const struct {
	const char	*title;
	bool		 left;
} titles[] = {
	{ "PID", false }, { "PPID", false }, { "PGID", false },
	{ "SID", false }, { "TGID", false }, { "NSPID", false },
	{ "USER", true }, { "S", true }, { "MARK", true }, { "%CPU", false },
	{ "RSS", false }, { "TIME", false },
};

static struct tmuxfx	 tx;
static char		 dir[64];	/* the passwd file's directory */
static char		 passwd[96];
static pid_t		 wide, zombie, accent;	/* each its own group */

/* /etc/passwd plus our two users, in a file of our own. */
static int
passwd_write(void)
{
	FILE	*in, *out;
	char	 line[4096];

	snprintf(dir, sizeof dir, "/tmp/treetop-wide-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(passwd, sizeof passwd, "%s/passwd", dir);
	if ((in = fopen("/etc/passwd", "r")) == NULL)
		return -1;
	if ((out = fopen(passwd, "w")) == NULL) {
		fclose(in);
		return -1;
	}
	while (fgets(line, sizeof line, in) != NULL)
		fputs(line, out);
	fclose(in);
	fprintf(out, "%s:x:%d:%d::/nonexistent:/usr/sbin/nologin\n",
	    WIDE_USER, WIDE_UID, WIDE_UID);
	fprintf(out, "%s:x:%d:%d::/nonexistent:/usr/sbin/nologin\n",
	    ACCENT_USER, ACCENT_UID, ACCENT_UID);
	return fclose(out) == 0 ? 0 : -1;
}

/*
 * A sleeper in its own group with comm name, running as uid; with
 * zombie_too, it first leaves a child of the same name and uid
 * unreaped.  Reports through a pipe; returns its pid or -1.
 */
static pid_t
spawn(const char *name, uid_t uid, bool zombie_too, pid_t *child)
{
	pid_t	pid, ids[2] = { 0, 0 };
	int	fds[2];

	if (pipe(fds) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(fds[0]);
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, name);
		if (setgid(uid) < 0 || setuid(uid) < 0)
			_exit(90);
		ids[0] = getpid();
		if (zombie_too && (ids[1] = fork()) == 0)
			_exit(0);
		if (write(fds[1], ids, sizeof ids) != sizeof ids)
			_exit(91);
		close(fds[1]);
		alarm(300);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid > 0) {
		setpgid(pid, pid);
		if (read(fds[0], ids, sizeof ids) != sizeof ids ||
		    ids[0] <= 0 || (zombie_too && ids[1] <= 0)) {
			kill(-pid, SIGKILL);
			waitpid(pid, NULL, 0);
			pid = -1;
		}
	}
	close(fds[0]);
	if (child != NULL)
		*child = ids[1];
	return pid;
}

/* Wait (bounded) until pid's state is one of states. */
static bool
wait_state(pid_t pid, const char *states)
{
	struct liveproc	o;
	int		waited;

	for (waited = 0; waited < WAIT_MS; waited += 20) {
		if (liveproc_read_stat(pid, &o) == 0 &&
		    strchr(states, o.state) != NULL)
			return true;
		testutil_sleep_ms(20);
	}
	return false;
}

/* Kill a group of ours and reap it, zombies too. */
static void
group_end(pid_t pgid)
{
	int	waited;

	if (pgid <= 0)
		return;
	kill(-pgid, SIGKILL);
	for (waited = 0; waited < WAIT_MS; waited += 20) {
		while (waitpid(-pgid, NULL, WNOHANG) > 0)
			continue;
		if (kill(-pgid, 0) < 0 && errno == ESRCH)
			return;
		testutil_sleep_ms(20);
	}
}

static int	suite_cleanup(void);

static int
suite_init(void)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0 ||
	    passwd_write() < 0)
		goto fail;
	wide = spawn(WIDE_COMM, WIDE_UID, true, &zombie);
	accent = spawn(ACCENT_COMM, ACCENT_UID, false, NULL);
	if (wide < 0 || accent < 0 || !wait_state(zombie, "Z") ||
	    !wait_state(wide, "S") || !wait_state(accent, "S"))
		goto fail;
	return 0;
fail:
	/* CUnit runs no cleanup after a failed init. */
	suite_cleanup();
	return 1;
}

static int
suite_cleanup(void)
{
	tmuxfx_stop(&tx);
	group_end(wide);
	group_end(accent);
	if (passwd[0] != '\0')
		unlink(passwd);
	if (dir[0] != '\0')
		rmdir(dir);
	return 0;
}

/*
 * A fresh explorer, the wide one selected with /: the known state every
 * UI test starts from.  treetop sees the passwd file; nothing else does.
 */
static bool
ui_start_on_wide(void)
{
	char	pid[16], row[1024];

	if (tmuxfx_start(&tx, "wide", WAIT_MS, "Tasks:", "unshare -m sh "
	    "-c 'mount --bind %s /etc/passwd && exec env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "%s -d 0.5'", passwd, testutil_treetop_bin()) < 0)
		return false;
	snprintf(pid, sizeof pid, "%d", (int)wide);
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	return tmuxfx_wait_row(&tx, wide, false, row, sizeof row);
}

/* The start and end display columns of a title in the header line. */
static bool
title_cols(const char *header, const char *title, int *start, int *end)
{
	size_t	n = strlen(title);
	const char	*p;

	/* Titles are ASCII words between blanks. */
	for (p = header; (p = strstr(p, title)) != NULL; p += n)
		if ((p == header || p[-1] == ' ' || p[-1] == '^' ||
		    p[-1] == 'v') && (p[n] == ' ' || p[n] == '\0')) {
			*start = (int)(p - header);
			*end = *start + (int)n;
			return true;
		}
	return false;
}

/* The byte at display column col of row ('\0' past its end). */
static char
at(const char *row, int col)
{
	return row[tmuxfx_offset(row, col)];
}

/*
 * Every cell of row sits under its title: a left-aligned one starts at
 * its title's first column, a right-aligned one ends at its last, and a
 * blank gap follows each.
 */
static bool
row_aligned(const char *header, const char *row)
{
	size_t	i;
	int	start, end;
	bool	ok = true;

	for (i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		if (!title_cols(header, titles[i].title, &start, &end))
			return false;
		if (titles[i].left)
			ok &= at(row, start) != ' ' &&
			    at(row, start - 1) == ' ';
		else
			ok &= at(row, end - 1) != ' ' && at(row, end) == ' ';
		if (!ok) {
			fprintf(stderr, "\n%s not under its title:\n%s\n%s\n",
			    titles[i].title, header, row);
			return false;
		}
	}
	return true;
}

/* The header line of the screen, into buf. */
static bool
header_line(char *buf, size_t size)
{
	const char	*t = strstr(tx.screen, "COMMAND (tree)"), *bol;

	if (t == NULL)
		return false;
	for (bol = t; bol > tx.screen && bol[-1] != '\n'; bol--)
		;
	snprintf(buf, size, "%.*s", (int)(strchr(t, '\n') != NULL ?
	    strchr(t, '\n') - bol : (long)strlen(bol)), bol);
	return true;
}

/* The text of row from display column start to end, into buf. */
static void
cell(const char *row, int start, int end, char *buf, size_t size)
{
	size_t	a = tmuxfx_offset(row, start), b = tmuxfx_offset(row, end);

	snprintf(buf, size, "%.*s", (int)(b - a), row + a);
}

/*
 * / selects the wide one.  Every row on screen, its zombie's and the
 * accented one's among them, has each cell under its title; the USER
 * cells hold the whole names, padded to 8 columns, and the zombie's name
 * and <defunct> follow its connector intact.
 */
static void
test_ui_columns_aligned(void)
{
	char		 header[512], row[1024], text[128];
	const char	*line, *nl;
	int		 start, end, rows = 0, aligned = 0;

	CU_ASSERT_FATAL(ui_start_on_wide());
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, accent, false, row,
	    sizeof row));
	CU_ASSERT_FATAL(header_line(header, sizeof header));
	CU_ASSERT_FATAL(title_cols(header, "USER", &start, &end));
	for (line = tx.screen; *line != '\0'; line = *nl ? nl + 1 : nl) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		snprintf(row, sizeof row, "%.*s", (int)(nl - line), line);
		if (strlen(row) < 10 || strspn(row + 2, " ") > 6 ||
		    atol(row + 2) <= 0)
			continue;
		rows++;
		if (row_aligned(header, row))
			aligned++;
	}
	CU_ASSERT(rows >= 3);
	CU_ASSERT_EQUAL(aligned, rows);

	CU_ASSERT_FATAL(tmuxfx_row(&tx, wide, row, sizeof row));
	cell(row, start, start + 8, text, sizeof text);
	CU_ASSERT_STRING_EQUAL(text, WIDE_USER "  ");
	CU_ASSERT(strstr(row, "[holds 1 zombie") != NULL);
	CU_ASSERT_FATAL(tmuxfx_row(&tx, zombie, row, sizeof row));
	cell(row, start, start + 8, text, sizeof text);
	CU_ASSERT_STRING_EQUAL(text, WIDE_USER "  ");
	CU_ASSERT(strstr(row, "\xe2\x94\x80[" WIDE_COMM "] <defunct>") !=
	    NULL);
	CU_ASSERT_FATAL(tmuxfx_row(&tx, accent, row, sizeof row));
	cell(row, start, start + 8, text, sizeof text);
	CU_ASSERT_STRING_EQUAL(text, ACCENT_USER "    ");
	tmuxfx_stop(&tx);
}

/* The details of the wide one: its name and its user, whole. */
static void
test_ui_details(void)
{
	char	text[128];

	CU_ASSERT_FATAL(ui_start_on_wide());
	tmuxfx_type(&tx, NULL, "Enter");	/* on the one / found */
	snprintf(text, sizeof text, "PID %d  %s", (int)wide, WIDE_COMM);
	CU_ASSERT(tmuxfx_wait(&tx, text, false));
	snprintf(text, sizeof text, "User         %s (uid %d)", WIDE_USER,
	    WIDE_UID);
	CU_ASSERT(strstr(tx.screen, text) != NULL);
	/* Open, so its going shows that Escape closed the pane. */
	CU_ASSERT(strstr(tx.screen, "Environment") != NULL);
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", true));
	tmuxfx_type(&tx, NULL, "Escape");
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
}

/* treetop -b, with the same passwd file: S right after USER. */
static void
test_batch_aligned(void)
{
	char	 cmd[512], line[1024], ref[1024] = "", *nl;
	FILE	*f;
	int	 s_col = -1, found = 0;

	snprintf(cmd, sizeof cmd, "unshare -m sh -c 'mount --bind %s "
	    "/etc/passwd && exec %s -b'", passwd, testutil_treetop_bin());
	f = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof line, f) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (s_col < 0) {
			int	end;

			if (!title_cols(line, "S", &s_col, &end))
				break;
			continue;
		}
		if (atol(line) == (long)getpid())
			snprintf(ref, sizeof ref, "%s", line);
		if (atol(line) != (long)wide && atol(line) != (long)zombie &&
		    atol(line) != (long)accent)
			continue;
		found++;
		/* The state letter under S, a blank before and after. */
		CU_ASSERT(at(line, s_col - 1) == ' ' &&
		    strchr("SZ", at(line, s_col)) != NULL &&
		    at(line, s_col + 1) == ' ');
		CU_ASSERT(strstr(line, atol(line) == (long)accent ?
		    ACCENT_USER : WIDE_USER) != NULL);
	}
	pclose(f);
	CU_ASSERT(s_col > 0);
	CU_ASSERT_EQUAL(found, 3);
	CU_ASSERT(ref[0] != '\0' && at(ref, s_col) == 'S');
}

static const struct runner_test tests[] = {
	{ "UI: wide and combining names keep columns aligned",
	    test_ui_columns_aligned },
	{ "UI: details show the wide name and user", test_ui_details },
	{ "-b: S stays after a wide USER", test_batch_aligned },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("wide_tmux", suite_init, suite_cleanup, tests);

	testutil_require_proc();
	testutil_require_root("to run processes as other users and bind-mount "
	    "a passwd file");
	testutil_require_utf8();
	return runner_run(&suite, 1);
}
