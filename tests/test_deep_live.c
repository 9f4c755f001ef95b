/*
 * Live tier: a real chain of 3,000 processes, each the only child of the
 * one before (tests/livedeep.c), through the real binary: `treetop -b`
 * (the chain contiguous and in order, each link's depth shown right
 * against the parents /proc gives, the indentation capped so lines do not
 * grow with depth), `--json` (every link, with its parent) and the live
 * explorer in tmux (search selects the deepest link, whose row shows the
 * capped indentation and its depth as a number; details, moving to its
 * parent, folding and unfolding there, help and quit).
 *
 * The oracle is /proc, read with plain system calls (liveproc.c), and
 * the pids the links wrote themselves.  Waits are bounded generously for
 * a loaded two-CPU machine and assert nothing about speed.  Each UI test
 * starts an explorer of its own, so any one can run alone.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "tests/livedeep.h"
#include "tests/liveproc.h"
#include "tests/runner.h"
#include "tests/testutil.h"
#include "tests/tmuxfx.h"

#define DEEP_N		3000
#define WAIT_MS		60000	/* bound on every wait for the screen */
#define TREE_MAX_COLS	100	/* a sensible indentation, however deep */

/* A link's pid and its place in the chain, sorted by pid for lookups. */
struct link_index {
	pid_t	pid;
	size_t	k;
};

static struct livedeep		 deep;
static struct link_index	*by_pid;
static int			 base_depth;	/* the reaper's, in treetop */
static char			 cmd[512];	/* the links' command line */
static struct tmuxfx		 tx;

static int
link_cmp(const void *a, const void *b)
{
	const struct link_index	*x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The link's index for pid, or -1. */
static long
link_of(pid_t pid)
{
	struct link_index	 key = { pid, 0 }, *f;

	f = bsearch(&key, by_pid, deep.n, sizeof *by_pid, link_cmp);
	return f != NULL ? (long)f->k : -1;
}

/* treetop's depth of link k: the reaper's plus k + 1. */
static int
depth_of(size_t k)
{
	return base_depth + (int)k + 1;
}

/*
 * The depth treetop gives pid: the number of parents, read from /proc,
 * up to a process whose parent is 0 (or is not there to read).
 */
static int
proc_depth(pid_t pid)
{
	struct liveproc	o, up;
	int		depth = 0;

	while (depth < 1000000 && liveproc_read_stat(pid, &o) == 0 &&
	    o.ppid > 0 && liveproc_read_stat(o.ppid, &up) == 0) {
		depth++;
		pid = o.ppid;
	}
	return depth;
}

/* The whole output of a shell command, NUL-terminated; caller frees. */
static char *
run(const char *command, size_t *len)
{
	FILE	*f = popen(command, "r");
	char	*buf;

	if (f == NULL)
		return NULL;
	buf = testutil_read_all(f, len);
	pclose(f);
	return buf;
}

/* The next line of text (not NUL-terminated), or NULL at the end. */
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
 * The tree part of a row (from the tree column to the command): the
 * rails' width, and the depth number shown before the connector (0 if
 * none).  Returns a pointer just past the connector, or NULL if the row
 * has none.
 */
static const char *
tree_part(const char *tree, size_t len, int *rails, int *shown)
{
	static const char *const	conn[] = {
		"\xe2\x94\x9c\xe2\x94\x80", "\xe2\x94\x94\xe2\x94\x80",
	};
	const char			*c = NULL, *p, *lb;
	size_t				 i;

	for (i = 0; i < 2; i++) {
		p = memmem(tree, len, conn[i], strlen(conn[i]));
		if (p != NULL && (c == NULL || p < c))
			c = p;
	}
	if (c == NULL)
		return NULL;
	*shown = 0;
	lb = NULL;
	if (c > tree && c[-1] == ']')
		for (p = c - 1; p > tree; p--)
			if (*p == '[') {
				lb = p;
				break;
			}
	if (lb != NULL)
		*shown = atoi(lb + 1);
	*rails = tmuxfx_cols(tree, (size_t)((lb != NULL ? lb : c) - tree));
	return c + strlen(conn[0]);
}

static int
suite_init(void)
{
	FILE	*f;
	size_t	 n, k;
	int	 r;

	/* Orphans (the tmux server, links if the reaper went first): ours. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return 1;
	if ((f = fopen("/proc/self/cmdline", "r")) == NULL)
		return 1;
	n = fread(cmd, 1, sizeof cmd - 1, f);
	fclose(f);
	while (n > 0 && cmd[n - 1] == '\0')
		n--;
	cmd[n] = '\0';
	for (k = 0; k < n; k++)
		if (cmd[k] == '\0')
			cmd[k] = ' ';
	if ((r = livedeep_start(&deep, DEEP_N)) < 0) {
		fprintf(stderr, "deep chain: %s\n", strerror(-r));
		return 1;
	}
	if ((by_pid = calloc(deep.n, sizeof *by_pid)) == NULL)
		return 1;
	for (k = 0; k < deep.n; k++) {
		by_pid[k].pid = deep.pids[k];
		by_pid[k].k = k;
	}
	qsort(by_pid, deep.n, sizeof *by_pid, link_cmp);
	base_depth = proc_depth(deep.reaper);
	return 0;
}

static int
suite_cleanup(void)
{
	int	r = livedeep_stop(&deep);

	free(by_pid);
	by_pid = NULL;
	return r < 0;
}

/* The oracle first: every link is there, the child of the one before. */
static void
test_chain_in_proc(void)
{
	struct liveproc	o;
	size_t		k, bad = 0;

	CU_ASSERT_EQUAL_FATAL(deep.n, DEEP_N);
	for (k = 0; k < deep.n; k++)
		if (liveproc_read_stat(deep.pids[k], &o) < 0 ||
		    o.ppid != (k == 0 ? deep.reaper : deep.pids[k - 1]) ||
		    o.pgid != deep.group)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(proc_depth(deep.pids[deep.n - 1]),
	    depth_of(deep.n - 1));
}

static void
test_batch(void)
{
	char		 command[512];
	char		*text;
	const char	*line, *tree, *after, *col;
	size_t		 len = 0, pos = 0, llen = 0, lines = 0, at_first = 0;
	size_t		 cmdlen;
	size_t		 found = 0, in_order = 0, depth_ok = 0, cmd_ok = 0;
	int		 tree_col, rails, shown, capped_rails = -1, widest = 0;
	long		 k, last = -1;
	bool		 numbered = false, cap_ok = true;

	snprintf(command, sizeof command, "'%s' -b", testutil_treetop_bin());
	text = run(command, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	line = next_line(text, len, &pos, &llen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	col = memmem(line, llen, "COMMAND", 7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(col);
	tree_col = (int)(col - line);	/* the header is ASCII */
	cmdlen = strlen(cmd);
	while ((line = next_line(text, len, &pos, &llen)) != NULL) {
		lines++;
		if ((k = link_of((pid_t)atol(line))) < 0)
			continue;
		found++;
		if (k == 0)
			at_first = lines;
		/* Contiguous and in order: link k is k lines after link 0. */
		if (k == last + 1 && (k == 0 || lines == at_first + (size_t)k))
			in_order++;
		last = k;
		if ((size_t)tree_col > llen)
			continue;
		tree = line + tree_col;
		after = tree_part(tree, llen - (size_t)tree_col, &rails,
		    &shown);
		if (after == NULL)
			continue;
		/*
		 * Shallow links are indented two columns a level; deeper
		 * ones stop at one width and show their depth instead, from
		 * then on.
		 */
		if (shown == 0 && !numbered &&
		    rails == 2 * (depth_of((size_t)k) - 1))
			depth_ok++;
		else if (shown == depth_of((size_t)k)) {
			depth_ok++;
			if (capped_rails < 0)
				capped_rails = rails;
			numbered = true;
			cap_ok &= rails == capped_rails;
		}
		if ((size_t)(line + llen - after) == cmdlen &&
		    memcmp(after, cmd, cmdlen) == 0)
			cmd_ok++;
		if (tmuxfx_cols(tree, (size_t)(after - tree)) > widest)
			widest = tmuxfx_cols(tree, (size_t)(after - tree));
	}
	fprintf(stderr, "\n    %zu lines; chain at line %zu; depths %d to "
	    "%d; tree part at most %d columns ", lines, at_first,
	    depth_of(0), depth_of(deep.n - 1), widest);
	CU_ASSERT_EQUAL(found, DEEP_N);
	CU_ASSERT_EQUAL(in_order, DEEP_N);
	CU_ASSERT_EQUAL(depth_ok, DEEP_N);
	CU_ASSERT_EQUAL(cmd_ok, DEEP_N);
	CU_ASSERT(numbered);		/* 3,000 deep is beyond the cap */
	CU_ASSERT(cap_ok);
	CU_ASSERT(widest <= TREE_MAX_COLS);
	free(text);
}

static void
test_json(void)
{
	char		 command[512];
	json_error_t	 err;
	json_t		*root, *procs, *p;
	FILE		*f;
	size_t		 i, found = 0, parent_ok = 0, comm_ok = 0;
	long		 k;
	pid_t		 want;

	snprintf(command, sizeof command, "'%s' --json",
	    testutil_treetop_bin());
	f = popen(command, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	root = json_loadf(f, 0, &err);
	pclose(f);
	if (root == NULL)
		fprintf(stderr, "\n    --json: %s at line %d ", err.text,
		    err.line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	procs = json_object_get(root, "processes");
	json_array_foreach(procs, i, p) {
		k = link_of((pid_t)json_integer_value(json_object_get(p,
		    "pid")));
		if (k < 0)
			continue;
		found++;
		want = k == 0 ? deep.reaper : deep.pids[k - 1];
		if (json_integer_value(json_object_get(p, "ppid")) == want)
			parent_ok++;
		if (json_is_string(json_object_get(p, "comm")) &&
		    strcmp(json_string_value(json_object_get(p, "comm")),
		    "deep-link") == 0)
			comm_ok++;
	}
	CU_ASSERT_EQUAL(found, DEEP_N);
	CU_ASSERT_EQUAL(parent_ok, DEEP_N);
	CU_ASSERT_EQUAL(comm_ok, DEEP_N);
	json_decref(root);
}

/* --- the live explorer in tmux -------------------------------------- */

/* A fresh explorer: 0, or -1 if it did not start. */
static int
ui_start(void)
{
	return tmuxfx_start(&tx, "deep", WAIT_MS, "Tasks:", "env "
	    "TERM=tmux-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent "
	    "'%s' -d 2", testutil_treetop_bin());
}

/*
 * A fresh explorer, the deepest link selected with / and its row in row:
 * the known state the UI tests start from.
 */
static bool
ui_start_on_leaf(char *row, size_t size)
{
	pid_t	leaf = deep.pids[deep.n - 1];
	char	pid[16];

	if (ui_start() < 0)
		return false;
	snprintf(pid, sizeof pid, "%d", (int)leaf);
	tmuxfx_type(&tx, "/", NULL);
	tmuxfx_type(&tx, pid, "Enter");
	return tmuxfx_wait_row(&tx, leaf, false, row, size);
}

static int
ui_cleanup(void)
{
	tmuxfx_stop(&tx);
	return suite_cleanup();
}

/* The tree part of the screen row of pid: rails and depth shown. */
static const char *
screen_tree(pid_t pid, char *row, size_t size, int *rails, int *shown)
{
	int	tree_col = tmuxfx_col_of(&tx, "COMMAND (tree)");
	size_t	n;

	if (tree_col <= 0 || !tmuxfx_row(&tx, pid, row, size))
		return NULL;
	n = tmuxfx_offset(row, tree_col);
	return tree_part(row + n, strlen(row + n), rails, shown);
}

/*
 * / and the deepest link's PID select it; its row shows the rails capped
 * at a sensible width, its depth as a number, and its command.
 */
static void
test_ui_search_deepest(void)
{
	pid_t		 leaf = deep.pids[deep.n - 1];
	char		 row[1024];
	const char	*after;
	int		 leaf_rails = -1, shown = 0;

	CU_ASSERT_FATAL(ui_start_on_leaf(row, sizeof row));
	after = screen_tree(leaf, row, sizeof row, &leaf_rails, &shown);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_EQUAL(shown, depth_of(deep.n - 1));
	CU_ASSERT(leaf_rails > 0 && leaf_rails <= TREE_MAX_COLS / 2);
	/* The command follows, as much of it as the screen holds. */
	CU_ASSERT(strncmp(after, cmd, 8) == 0);
	if (shown != depth_of(deep.n - 1))
		fprintf(stderr, "\nrow: %s\n", row);
	tmuxfx_stop(&tx);
}

/* Enter on it: the details name it and its parent. */
static void
test_ui_details(void)
{
	char	text[128], row[1024];

	CU_ASSERT_FATAL(ui_start_on_leaf(row, sizeof row));
	tmuxfx_type(&tx, NULL, "Enter");
	snprintf(text, sizeof text, "PID %d  deep-link",
	    (int)deep.pids[deep.n - 1]);
	CU_ASSERT(tmuxfx_wait(&tx, text, false));
	snprintf(text, sizeof text, "Parent       %d  deep-link",
	    (int)deep.pids[deep.n - 2]);
	CU_ASSERT(strstr(tx.screen, text) != NULL);
	/* Open, so its going shows that Escape closed the pane. */
	CU_ASSERT(strstr(tx.screen, "Environment") != NULL);
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", true));
	tmuxfx_stop(&tx);
}

/*
 * Up selects the parent: its row has the same rails and its own depth;
 * its details name it.  Folding it hides the leaf, unfolding shows it.
 */
static void
test_ui_navigate_and_fold(void)
{
	char	text[128], row[1024];
	pid_t	leaf = deep.pids[deep.n - 1], parent = deep.pids[deep.n - 2];
	int	leaf_rails = -1, rails = -2, shown = 0;

	CU_ASSERT_FATAL(ui_start_on_leaf(row, sizeof row));
	CU_ASSERT_PTR_NOT_NULL_FATAL(screen_tree(leaf, row, sizeof row,
	    &leaf_rails, &shown));
	tmuxfx_type(&tx, NULL, "Escape");	/* the search */
	tmuxfx_type(&tx, NULL, "Up");
	CU_ASSERT_FATAL(tmuxfx_wait_row(&tx, parent, false, row, sizeof row));
	CU_ASSERT_PTR_NOT_NULL(screen_tree(parent, row, sizeof row, &rails,
	    &shown));
	CU_ASSERT_EQUAL(shown, depth_of(deep.n - 2));
	CU_ASSERT_EQUAL(rails, leaf_rails);
	tmuxfx_type(&tx, NULL, "Enter");
	snprintf(text, sizeof text, "PID %d  deep-link", (int)parent);
	CU_ASSERT(tmuxfx_wait(&tx, text, false));
	CU_ASSERT(strstr(tx.screen, "Environment") != NULL);
	tmuxfx_type(&tx, NULL, "Escape");
	CU_ASSERT(tmuxfx_wait(&tx, "Environment", true));
	tmuxfx_type(&tx, NULL, "Left");
	CU_ASSERT(tmuxfx_wait_row(&tx, leaf, true, row, sizeof row));
	tmuxfx_type(&tx, NULL, "Right");
	CU_ASSERT(tmuxfx_wait_row(&tx, leaf, false, row, sizeof row));
	/* Home leaves the chain: the first rows are near PID 1. */
	tmuxfx_type(&tx, NULL, "Home");
	CU_ASSERT(tmuxfx_wait_row(&tx, leaf, true, row, sizeof row));
	CU_ASSERT(tmuxfx_wait_row(&tx, 1, false, row, sizeof row));
	tmuxfx_stop(&tx);
}

/* It still answers: help opens and closes, q quits with status 0. */
static void
test_ui_help_and_quit(void)
{
	CU_ASSERT_FATAL(ui_start() == 0);
	tmuxfx_type(&tx, "?", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop keys", false));
	tmuxfx_type(&tx, "x", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop keys", true));
	tmuxfx_type(&tx, "q", NULL);
	CU_ASSERT(tmuxfx_wait(&tx, "treetop-exit=0", false));
	tmuxfx_stop(&tx);
}

static const struct runner_test tests[] = {
	{ "3,000 links in /proc", test_chain_in_proc },
	{ "-b: contiguous, depths, capped indentation", test_batch },
	{ "--json: every link and its parent", test_json },
	{ "UI: / selects the deepest link, depth shown",
	    test_ui_search_deepest },
	{ "UI: its details", test_ui_details },
	{ "UI: up to its parent, fold, unfold, Home",
	    test_ui_navigate_and_fold },
	{ "UI: help, quit", test_ui_help_and_quit },
};

/* CUnit runs no cleanup after a failed init: clean up here then. */
static int
init_all(void)
{
	if (suite_init() != 0) {
		ui_cleanup();
		return 1;
	}
	return 0;
}

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("deep_live", init_all, ui_cleanup, tests);

	testutil_require_proc();
	/* Display widths are the locale's: make check pins C.UTF-8. */
	testutil_require_utf8();
	return runner_run(&suite, 1);
}
