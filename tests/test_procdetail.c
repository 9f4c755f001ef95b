/*
 * The detail pane's model: state texts, wait statuses, the environment
 * diff, and the formatted pane on small synthetic snapshots (signal
 * names are tested in test_signals.c).
 * No /proc, no terminal; the clock is the snapshot's, TZ is UTC.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/nsinfo.h"
#include "proc/passwd.h"
#include "proc/procdetail.h"
#include "ui/detailfmt.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define ENV(s)	(s), sizeof(s) - 1	/* a literal block, NULs included */

static void
test_state_text(void)
{
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('S'),
	    "S (sleeping: interruptible wait)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('D'),
	    "D (disk sleep: uninterruptible wait)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('Z'),
	    "Z (zombie: exited, not yet reaped by its parent)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('T'),
	    "T (stopped by a signal)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('t'),
	    "t (stopped by a debugger)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('I'),
	    "I (idle kernel thread)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('R'),
	    "R (running or runnable)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('X'), "X (dead)");
	CU_ASSERT_STRING_EQUAL(procdetail_state_text('P'), "P (parked)");
	CU_ASSERT_PTR_NULL(procdetail_state_text('?'));
	CU_ASSERT_PTR_NULL(procdetail_state_text('\033'));
}

static void
test_wait_status(void)
{
	char	buf[64];

	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(768, buf,
	    sizeof buf), "exited 3");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(0, buf,
	    sizeof buf), "exited 0");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(11, buf,
	    sizeof buf), "killed by SIGSEGV");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(139, buf,
	    sizeof buf), "killed by SIGSEGV (core dumped)");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(9, buf,
	    sizeof buf), "killed by SIGKILL");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(255 << 8, buf,
	    sizeof buf), "exited 255");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(
	    (SIGSTOP << 8) | 0x7f, buf, sizeof buf), "stopped by SIGSTOP");
	CU_ASSERT_STRING_EQUAL(procdetail_wait_status_text(0xffff, buf,
	    sizeof buf), "continued");
}

/* The entry of the diff for name, or NULL. */
static const struct envdiff_entry *
find_var(const struct envdiff *d, const char *name)
{
	size_t	i, n = strlen(name);

	for (i = 0; i < d->n; i++) {
		const char	*s = d->v[i].cur ? d->v[i].cur : d->v[i].old;

		if (d->v[i].name_len == n && memcmp(s, name, n) == 0)
			return &d->v[i];
	}
	return NULL;
}

static void
test_envdiff_kinds(void)
{
	struct envdiff			 d;
	const struct envdiff_entry	*e;
	size_t				 i;

	/* Unsorted on purpose. */
	procdetail_envdiff_build(&d,
	    ENV("PATH=/bin\0NEW=1\0HOME=/root\0LANG=C\0"),
	    ENV("LANG=C.UTF-8\0HOME=/root\0GONE=x\0PATH=/bin\0"));
	CU_ASSERT_EQUAL(d.n, 5);
	CU_ASSERT_EQUAL(d.added, 1);
	CU_ASSERT_EQUAL(d.changed, 1);
	CU_ASSERT_EQUAL(d.removed, 1);
	for (i = 1; i < d.n; i++) {
		const char	*a = d.v[i - 1].cur ? d.v[i - 1].cur :
				    d.v[i - 1].old;
		const char	*b = d.v[i].cur ? d.v[i].cur : d.v[i].old;

		CU_ASSERT(strncmp(a, b, 4) < 0);	/* sorted by name */
	}
	e = find_var(&d, "NEW");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_ADDED && e->old == NULL);
	e = find_var(&d, "LANG");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_CHANGED);
	if (e != NULL) {
		CU_ASSERT_EQUAL(e->cur_len, 6);
		CU_ASSERT_EQUAL(e->old_len, 12);
		CU_ASSERT(memcmp(e->old, "LANG=C.UTF-8", 12) == 0);
	}
	e = find_var(&d, "GONE");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_REMOVED && e->cur == NULL);
	CU_ASSERT(find_var(&d, "HOME") != NULL &&
	    find_var(&d, "HOME")->kind == ENVDIFF_SAME);
	CU_ASSERT(find_var(&d, "PATH") != NULL &&
	    find_var(&d, "PATH")->kind == ENVDIFF_SAME);
	procdetail_envdiff_done(&d);
	procdetail_envdiff_done(&d);	/* twice is fine */
}

static void
test_envdiff_edges(void)
{
	struct envdiff			 d;
	const struct envdiff_entry	*e;

	/*
	 * Duplicates count by their first entry (getenv's); '=' in a
	 * value; an entry without '='; no NUL after the last entry; an
	 * empty entry in the middle.
	 */
	procdetail_envdiff_build(&d,
	    ENV("A=1\0A=2\0OPTS=a=b=c\0BARE\0\0Z=last"),
	    ENV("OPTS=a=b\0A=1\0BARE\0Z=last\0"));
	CU_ASSERT_EQUAL(d.n, 4);
	e = find_var(&d, "A");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_SAME && e->dups == 1);
	e = find_var(&d, "OPTS");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_CHANGED &&
	    e->name_len == 4 && e->cur_len == 10);
	e = find_var(&d, "BARE");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_SAME && e->cur_len == 4);
	e = find_var(&d, "Z");
	CU_ASSERT(e != NULL && e->kind == ENVDIFF_SAME && e->cur_len == 6);
	procdetail_envdiff_done(&d);

	/* "X" and "X=" differ; a name that is a prefix of another. */
	procdetail_envdiff_build(&d, ENV("X=\0AB=1\0"), ENV("X\0A=1\0"));
	CU_ASSERT_EQUAL(d.n, 3);
	CU_ASSERT(find_var(&d, "X") != NULL &&
	    find_var(&d, "X")->kind == ENVDIFF_CHANGED);
	CU_ASSERT(find_var(&d, "AB") != NULL &&
	    find_var(&d, "AB")->kind == ENVDIFF_ADDED);
	CU_ASSERT(find_var(&d, "A") != NULL &&
	    find_var(&d, "A")->kind == ENVDIFF_REMOVED);
	procdetail_envdiff_done(&d);

	/* Empty blocks. */
	procdetail_envdiff_build(&d, "", 0, "", 0);
	CU_ASSERT_EQUAL(d.n, 0);
	procdetail_envdiff_done(&d);
	procdetail_envdiff_build(&d, ENV("\0\0"), ENV("A=1\0"));
	CU_ASSERT(d.n == 1 && d.removed == 1);
	procdetail_envdiff_done(&d);
	procdetail_envdiff_build(&d, ENV("A=1\0"), "", 0);
	CU_ASSERT(d.n == 1 && d.added == 1);
	procdetail_envdiff_done(&d);
	/* No parent block: everything listed as the same. */
	procdetail_envdiff_build(&d, ENV("B=2\0A=1\0"), NULL, 0);
	CU_ASSERT(d.n == 2 && d.added == 0 && d.v[0].kind == ENVDIFF_SAME);
	CU_ASSERT(d.n == 2 && memcmp(d.v[0].cur, "A=1", 3) == 0);
	procdetail_envdiff_done(&d);
	procdetail_envdiff_build(&d, NULL, 0, NULL, 0);
	CU_ASSERT_EQUAL(d.n, 0);
	procdetail_envdiff_done(&d);
}

/* A host init, a container runtime, and a container process in it. */
static struct snapshot *
container_snapshot(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "systemd");
	fx_proc(s, 31000, 1, 31000, 'S', "containerd-shim");
	p = fx_proc(s, 31052, 31000, 31052, 'S', "sleep");
	fx_nspid(p, 4026532177ull, 3, 31052, 6, 2);
	fx_ns(p)[NS_NET] = 4026532300ull;		/* its own net namespace */
	fx_ns(p)[NS_CGROUP] = INODE_UNKNOWN;
	snapshot_set_sig(s, p, &(struct sigmasks){ 0x1 | 0x2, 0, 0x4000 });
	snapshot_sort(s);
	return s;
}

/* The first line that contains needle, or NULL. */
static const struct detail_line *
find_line(const struct detail_lines *dl, const char *needle)
{
	size_t	i;

	for (i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].text, needle) != NULL)
			return &dl->v[i];
	return NULL;
}

/* The namespace line for name ("  net     ..."), or NULL. */
static const struct detail_line *
find_ns_line(const struct detail_lines *dl, const char *name)
{
	char	prefix[32];
	size_t	i;

	snprintf(prefix, sizeof prefix, "  %-7s ", name);
	for (i = 0; i < dl->n; i++)
		if (strncmp(dl->v[i].text, prefix, strlen(prefix)) == 0)
			return &dl->v[i];
	return NULL;
}

static void
test_format_container(void)
{
	struct snapshot			*s = container_snapshot();
	struct procdetail		 d;
	struct detail_lines		 dl;
	const struct detail_line	*l;

	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 31052, 310520), 0);
	CU_ASSERT(d.has_parent && d.parent.pid == 31000);
	CU_ASSERT(d.unreadable != NULL && strstr(d.unreadable,
	    "not in a saved snapshot") != NULL);
	/* The copy outlives the snapshot. */
	snapshot_free(s);
	s = fx_new();
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT(dl.n > 20);
	CU_ASSERT(dl.n > 0 && strcmp(dl.v[0].text, "PID 31052  sleep") == 0);
	CU_ASSERT(dl.n > 0 && dl.v[0].role == DR_HEADING);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "31052 \xe2\x86\x92 6 \xe2\x86\x92 2"));	/* 31052 → 6 → 2 */
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "PPID 31000"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "S (sleeping: interruptible wait)"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "3105.20 s after boot, "
	    "1970-01-11 10:51:45 UTC"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "caught   HUP INT"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "ignored  -"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "blocked  TERM"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Command      sleep"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Command line (1 argument"));

	/* pid and net differ from the parent's; mnt does not. */
	l = find_ns_line(&dl, "pid");
	CU_ASSERT(l != NULL && l->role == DR_DIFFERS &&
	    strstr(l->text, "4026532177") != NULL &&
	    strstr(l->text, "differs from parent") != NULL);
	l = find_ns_line(&dl, "net");
	CU_ASSERT(l != NULL && l->role == DR_DIFFERS);
	l = find_ns_line(&dl, "mnt");
	CU_ASSERT(l != NULL && l->role != DR_DIFFERS &&
	    strstr(l->text, "differs") == NULL);
	/* Unknown on one side is not a difference. */
	l = find_ns_line(&dl, "cgroup");
	CU_ASSERT(l != NULL && l->role != DR_DIFFERS &&
	    strstr(l->text, "unknown") != NULL);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "unknown: environment, cgroup "
	    "and open files are not in a saved snapshot"));

	detailfmt_format(&d, s, false, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "31052 -> 6 -> 2"));
	CU_ASSERT_PTR_NULL(find_line(&dl, "\xe2\x86\x92"));

	detail_lines_done(&dl);
	procdetail_done(&d);
	procdetail_done(&d);	/* twice is fine */
	snapshot_free(s);
}

/* No line may carry a control byte to the terminal. */
static void
assert_all_safe(const struct detail_lines *dl)
{
	const unsigned char	*c;
	size_t			 i;

	for (i = 0; i < dl->n; i++)
		for (c = (const unsigned char *)dl->v[i].text; *c; c++)
			if (*c < 0x20 || *c == 0x7f) {
				CU_FAIL("control byte in a line");
				return;
			}
}

static void
set_env(char **dst, size_t *len, bool *known, const char *bytes, size_t n)
{
	*dst = malloc(n);
	memcpy(*dst, bytes, n);
	*len = n;
	*known = true;
}

static void
test_format_escaped_env(void)
{
	struct snapshot			*s = fx_new();
	struct procinfo			*p;
	struct procdetail		 d;
	struct detail_lines		 dl;
	const struct detail_line	*l;
	static const char		 cmd[] = "evil\0--title=\033]0;x\007\0";

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 77, 1, 77, 'S', "ev\033[31mil\n");
	snapshot_set_cmdline(s, p, cmd, sizeof cmd - 1);
	p->user = "bad\tuser";
	snapshot_sort(s);

	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 77, 770), 0);
	free(d.unreadable);
	d.unreadable = NULL;
	set_env(&d.environ, &d.environ_len, &d.environ_known,
	    ENV("SAME=1\0NEW=two\nlines\0CHG=\033[2Jnew\0SAME=2\0"));
	set_env(&d.parent_environ, &d.parent_environ_len,
	    &d.parent_environ_known,
	    ENV("SAME=1\0CHG=old\r\0OLD=gone\033\0"));
	d.cgroup = strdup("0::/user.slice/\033x\n");
	d.open_files = 5;
	detailfmt_format(&d, s, true, &dl);
	assert_all_safe(&dl);
	CU_ASSERT(dl.n > 0 && strcmp(dl.v[0].text,
	    "PID 77  ev\\e[31mil\\n") == 0);
	l = find_line(&dl, "+ NEW=two\\nlines");
	CU_ASSERT(l != NULL && l->role == DR_ADDED);
	l = find_line(&dl, "~ CHG=\\e[2Jnew (parent: old\\r)");
	CU_ASSERT(l != NULL && l->role == DR_CHANGED);
	l = find_line(&dl, "- OLD=gone\\e");
	CU_ASSERT(l != NULL && l->role == DR_REMOVED);
	l = find_line(&dl, "  SAME=1  (and 1 later entry, unused)");
	CU_ASSERT(l != NULL && l->role == DR_NORMAL);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "1 added, 1 changed, 1 removed"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "  0::/user.slice/\\ex"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Open files   5"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "Command      evil --title=\\e]0;x\\x07"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "  evil $'--title=\\e]0;x\\x07'"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "bad\\tuser (uid 0)"));

	/* The parent's unknown: listed, nothing marked. */
	free(d.parent_environ);
	d.parent_environ = NULL;
	d.parent_environ_len = 0;
	d.parent_environ_known = false;
	d.unreadable = strdup("cgroup: x; parent environment: permission "
	    "denied");
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "nothing compared"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "  parent's: parent environment: permission denied"));
	l = find_line(&dl, "NEW=two\\nlines");
	CU_ASSERT(l != NULL && l->role == DR_NORMAL && l->text[0] == ' ');
	CU_ASSERT_PTR_NULL(find_line(&dl, "OLD=gone"));
	free(d.unreadable);

	/* The environment unknown: say why, and nothing is compared. */
	free(d.environ);
	d.environ = NULL;
	d.environ_len = 0;
	d.environ_known = false;
	d.unreadable = strdup("environment: permission denied");
	detailfmt_format(&d, s, false, &dl);
	assert_all_safe(&dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "unknown: environment: permission denied"));
	CU_ASSERT_PTR_NULL(find_line(&dl, "SAME=1"));

	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

/* The command line section: every argument, quoted, wrapped at 76. */
static void
test_format_cmdline_wrapped(void)
{
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	struct procdetail	 d;
	struct detail_lines	 dl;
	char			 cmd[4096];
	size_t			 i, len = 0, lines = 0;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 60, 1, 60, 'S', "cc");
	len += (size_t)sprintf(cmd + len, "cc") + 1;
	for (i = 0; i < 30; i++)
		len += (size_t)sprintf(cmd + len, "-Dname%02zu=1", i) + 1;
	len += (size_t)sprintf(cmd + len, "two words") + 1;
	/* One column of 801 bytes: longer than a line's buffer starts. */
	cmd[len++] = 'e';
	for (i = 0; i < 400; i++) {
		cmd[len++] = '\xcc';
		cmd[len++] = '\x81';
	}
	cmd[len++] = '\0';
	len += (size_t)sprintf(cmd + len, "after") + 1;
	snapshot_set_cmdline(s, p, cmd, len);
	snapshot_sort(s);
	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 60, 600), 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Command line (34 arguments"));
	for (i = 0; i < dl.n; i++) {
		/* The one-line field is cut by the screen; the section wraps. */
		if (strstr(dl.v[i].text, "-Dname") == NULL ||
		    strncmp(dl.v[i].text, "  Command ", 10) == 0)
			continue;
		lines++;
		CU_ASSERT(strlen(dl.v[i].text) <= 2 + 76);
		if (lines > 1)
			CU_ASSERT_NSTRING_EQUAL(dl.v[i].text, "      -Dname", 12);
	}
	CU_ASSERT(lines >= 4);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "  cc -Dname00=1 -Dname01=1"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "      'two words' 'e\xcc\x81"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "\xcc\x81' after"));
	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

static void
test_format_zombie(void)
{
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	struct procdetail	 d;
	struct detail_lines	 dl;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 50, 1, 50, 'S', "negligent");
	p = fx_proc(s, 51, 50, 50, 'Z', "crashed");
	p->exit_code = 139;
	p->flags |= PI_ZOMBIE;
	p->cpu_ticks = 370012;		/* 1:01:40.12 at 100 ticks/s */
	snapshot_sort(s);
	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 51, 510), 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "killed by SIGSEGV (core "
	    "dumped) (not yet collected by PID 50)"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Z (zombie"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Flags        zombie"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Command      [crashed]"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "1:01:40.12"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "Parent       50  negligent"));
	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

/*
 * The User line names the user as the process's root's /etc/passwd
 * does only where that says something else than the host's name.
 */
static void
test_format_user_inside(void)
{
	static const char	text[] = "root:x:0:0::/:\napp:x:999:999::/:\n";
	struct snapshot		*s = fx_new();
	struct passwd_entry	*v;
	struct procinfo		*p;
	struct procdetail	 d;
	struct detail_lines	 dl;
	size_t			 n;
	pid_t			 pid;

	fx_proc(s, 1, 0, 1, 'S', "init");
	for (pid = 42; pid <= 43; pid++) {
		p = fx_proc(s, pid, 1, pid, 'S', "inside");
		p->uid = pid == 42 ? 0 : 999;
		p->user = pid == 42 ? "root" : "999";
		fx_ns(p)[NS_MNT] = 4026532999;
		fx_ns(p)[NS_USER] = 4026531837;
	}
	snapshot_sort(s);
	snapshot_set_idmap(s, &snapshot_add_userns(s, 4026531837)->uid_map,
	    (const struct idmap_extent[]){ { 0, 0, 4294967295u } }, 1);
	v = passwd_parse(text, sizeof text - 1, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	snapshot_set_mntusers(s, snapshot_add_mntusers(s, 4026532999), v, n);
	nsinfo_sort(s);
	for (pid = 42; pid <= 43; pid++) {
		procdetail_init(&d);
		detail_lines_init(&dl);
		CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, pid,
		    (uint64_t)pid * 10), 0);
		detailfmt_format(&d, s, true, &dl);
		if (pid == 42) {
			/* root inside and out: said once */
			CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
			    "User         root (uid 0)"));
			CU_ASSERT_PTR_NULL(find_line(&dl, "in its root's"));
		} else
			CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "User         999 "
			    "(uid 999), app (uid 999) in its root's /etc/passwd"));
		detail_lines_done(&dl);
		procdetail_done(&d);
	}
	free(v);
	snapshot_free(s);
}

/*
 * Numbers no loader lets in (a snapshot built by hand): the pane clamps
 * them to the year 9999 and 2^53 ticks instead of overflowing a cast.
 */
static void
test_format_huge_numbers(void)
{
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	struct procdetail	 d;
	struct detail_lines	 dl;

	s->boot_time = INT64_MAX;
	p = fx_proc(s, 1, 0, 1, 'S', "init");
	p->cpu_ticks = UINT64_MAX;
	p->start_ticks = UINT64_MAX;
	snapshot_sort(s);
	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 1, UINT64_MAX), 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "25019997929:50:09.91"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl,
	    "253402300799.00 s after boot, 9999-12-31 23:59:59 UTC"));
	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

/*
 * A job left by its shell: session 590's leader is gone, group 600 is
 * orphaned with one of its two members stopped.  The pane says so in
 * words; a process of a tied group in a led session says nothing.
 */
static void
test_format_orphaned_group(void)
{
	struct snapshot		*s = fx_new();
	struct procinfo		*p;
	struct procdetail	 d;
	struct detail_lines	 dl;
	const struct detail_line *l;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 600, 1, 590, 'S', "rsync");
	p->pgid = 600;
	p = fx_proc(s, 601, 600, 590, 'T', "ssh");
	p->pgid = 600;
	fx_proc(s, 100, 1, 100, 'S', "bash");
	p = fx_proc(s, 101, 100, 100, 'S', "vim");
	p->pgid = 101;
	snapshot_sort(s);
	classify_snapshot(s);
	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_EQUAL_FATAL(procdetail_from_snapshot(&d, s, 601, 6010), 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "orphaned process group, "
	    "session leader gone"));
	l = find_line(&dl, "Job control  process group 600 is orphaned "
	    "(2 members, 1 stopped)");
	CU_ASSERT(l != NULL && l->role == DR_DIFFERS);
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "another group of session "
	    "590: no shell controls it"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "until something sends them "
	    "SIGCONT"));
	CU_ASSERT_PTR_NOT_NULL(find_line(&dl, "SIGHUP+SIGCONT"));
	l = find_line(&dl, "Session      590: its leader (PID 590) is gone; "
	    "2 processes left in it");
	CU_ASSERT(l != NULL && l->role == DR_DIFFERS);

	CU_ASSERT_EQUAL_FATAL(procdetail_from_snapshot(&d, s, 101, 1010), 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT_PTR_NULL(find_line(&dl, "Job control"));
	CU_ASSERT_PTR_NULL(find_line(&dl, "leader"));
	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

static void
test_from_snapshot_missing(void)
{
	struct snapshot		*s = container_snapshot();
	struct procdetail	 d;

	procdetail_init(&d);
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 4242, 42420), -ESRCH);
	CU_ASSERT_PTR_NULL(d.unreadable);
	/* Same pid, another start time: a reused pid is another process. */
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 31052, 1), -ESRCH);
	/* A record without a parent in the snapshot. */
	CU_ASSERT_EQUAL(procdetail_from_snapshot(&d, s, 1, 10), 0);
	CU_ASSERT(!d.has_parent && d.open_files == -1 && !d.environ_known);
	procdetail_done(&d);
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "state texts", test_state_text },
	{ "wait statuses", test_wait_status },
	{ "environment diff", test_envdiff_kinds },
	{ "environment diff edges", test_envdiff_edges },
	{ "format: container", test_format_container },
	{ "format: escaping and env", test_format_escaped_env },
	{ "format: zombie", test_format_zombie },
	{ "format: the command line wrapped", test_format_cmdline_wrapped },
	{ "format: orphaned group, leaderless session",
	    test_format_orphaned_group },
	{ "from snapshot: missing", test_from_snapshot_missing },
	{ "format: huge numbers clamped", test_format_huge_numbers },
	{ "format: the user inside said once", test_format_user_inside },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("procdetail", NULL, NULL, tests);

	setenv("TZ", "UTC", 1);
	setlocale(LC_ALL, "");
	return runner_run(&suite, 1);
}
