/*
 * JSON round trip (jsonout.c -> load.c), the loader's reading of each
 * field, and malformed input, which must give NULL and a cause naming the
 * file.  No /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <jansson.h>

#include "proc/classify.h"
#include "proc/load.h"
#include "proc/nsinfo.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/jsonout.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define NESTED_PIDNS	4026532177ull
#define WEIRD_PID	600
#define BAD		"bad.json"

/* ESC, newline, a lone 0xff and a valid "é", in a name and an argument. */
static const char weird_comm[] = "x\033y\nz\xff\xc3\xa9";
static const char weird_comm_back[] = "x\033y\nz\\xff\xc3\xa9";
static const char weird_cmd[] = "prog\0a\033\n\xff\xc3\xa9" "end\0last";
static const char weird_cmd_back[] = "prog\0a\033\n\\xff\xc3\xa9" "end\0last";

static struct snapshot *
build_sample(void)
{
	static const char	 init_cmd[] = "/sbin/init\0splash\0--log=x";
	struct snapshot		*s = fx_new();
	struct procinfo		*p;

	s->time = 1732370000.123;
	s->boot_time = 1732300000;
	snprintf(s->host, sizeof s->host, "round-trip");
	s->loadavg[0] = 0.52;
	s->loadavg[1] = 12.25;
	s->loadavg[2] = 1234.5;
	s->loadavg_known = true;
	s->self_pid = 100;
	s->mem_total_kb = 16303412;
	s->mem_avail_kb = 9876543;
	s->cpu_total = 123456789012ull;
	s->cpu_idle = 98765432109ull;
	p = fx_proc(s, 1, 0, 1, 'S', "init");
	snapshot_set_cmdline(s, p, init_cmd, sizeof init_cmd);
	snapshot_set_sig(s, p, &(struct sigmasks){ 0x14a4, 0x1000,
	    0xfffffffe7ffbfeffull });
	p->flags = PI_NSINIT;
	p->kflags = 0x400100;
	p = fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	snapshot_set_cmdline(s, p, NULL, 0);
	p->pgid = 0;
	p->kflags = PF_KTHREAD_BIT | 0x8040;
	p->flags = PI_KTHREAD;
	p = fx_proc(s, 3, 2, 0, 'I', "kworker/0:1");
	p->kflags = PF_KTHREAD_BIT;
	p->flags = PI_KTHREAD;	/* its cmdline must not be written */
	p = fx_proc(s, 100, 1, 100, 'S', "bash");
	p->tty_nr = 34816;
	p->tpgid = 100;
	p->uid = 1000;
	p->user = "alice";
	p->cpu_ticks = 1ull << 40;
	p->rss_kb = 123456789;
	p->vsz_kb = 987654321;
	p->start_ticks = 123457;
	p = fx_proc(s, 101, 100, 100, 'Z', "defunct");
	p->exit_code = 139;
	p->flags = PI_ZOMBIE;
	p = fx_proc(s, 102, 1, 100, 'S', "worker");
	p->threads = 2;
	p->flags = PI_ORPHAN;
	p = fx_proc(s, 103, 1, 100, 'S', "worker");
	p->tgid = 102;
	p->threads = 2;
	p->flags = PI_THREAD | PI_ORPHAN;
	s->has_threads = true;
	p = fx_proc(s, 500, 1, 500, 'S', "nested");
	fx_nspid(p, NESTED_PIDNS, 2, 500, 1);
	fx_ns(p)[NS_NET] = INODE_UNKNOWN;
	fx_ns(p)[NS_TIME] = INODE_UNKNOWN;
	p->uid = UID_UNKNOWN;
	p->user = "";
	p->flags = PI_NSINIT | PI_DAEMON;
	p = fx_proc(s, WEIRD_PID, 1, 600, 'R', weird_comm);
	snapshot_set_cmdline(s, p, weird_cmd, sizeof weird_cmd);
	snapshot_sort(s);
	return s;
}

/* Compare a record with the one loaded back from its JSON. */
static void
check_proc(const struct procinfo *o, const struct procinfo *l)
{
	unsigned	kept = PI_KTHREAD | PI_THREAD;
	int		i;

	CU_ASSERT_EQUAL(l->pid, o->pid);
	CU_ASSERT_EQUAL(l->ppid, o->ppid);
	CU_ASSERT_EQUAL(l->pgid, o->pgid);
	CU_ASSERT_EQUAL(l->sid, o->sid);
	CU_ASSERT_EQUAL(l->tpgid, o->tpgid);
	CU_ASSERT_EQUAL(l->tgid, o->tgid);
	CU_ASSERT_EQUAL(l->state, o->state);
	CU_ASSERT_STRING_EQUAL(l->comm, o->pid == WEIRD_PID ?
	    weird_comm_back : o->comm);
	if (o->pid == WEIRD_PID) {
		CU_ASSERT_EQUAL(l->cmdline_len, sizeof weird_cmd_back);
		CU_ASSERT(l->cmdline != NULL && memcmp(l->cmdline,
		    weird_cmd_back, sizeof weird_cmd_back) == 0);
	} else if (o->state == 'Z' || (o->flags & PI_KTHREAD) ||
	    o->cmdline_len == 0) {
		CU_ASSERT_EQUAL(l->cmdline_len, 0);
		CU_ASSERT_PTR_NULL(l->cmdline);
	} else {
		CU_ASSERT_EQUAL(l->cmdline_len, o->cmdline_len);
		CU_ASSERT(l->cmdline != NULL && memcmp(l->cmdline, o->cmdline,
		    o->cmdline_len) == 0);
	}
	CU_ASSERT_EQUAL(l->uid, o->uid);
	CU_ASSERT_STRING_EQUAL(l->user, o->user);
	CU_ASSERT_EQUAL(l->start_ticks, o->start_ticks);
	CU_ASSERT_EQUAL(l->threads, o->threads);
	CU_ASSERT_EQUAL(l->cpu_ticks, o->cpu_ticks);
	CU_ASSERT_EQUAL(l->rss_kb, o->rss_kb);
	CU_ASSERT_EQUAL(l->vsz_kb, o->vsz_kb);
	CU_ASSERT_EQUAL(l->tty_nr, o->tty_nr);
	CU_ASSERT_EQUAL(l->kflags, o->kflags);
	CU_ASSERT_EQUAL(l->exit_code, o->state == 'Z' ? o->exit_code : 0);
	CU_ASSERT_EQUAL(l->nspid_len, o->nspid_len);
	for (i = 0; i < o->nspid_len && i < l->nspid_len; i++)
		CU_ASSERT_EQUAL(l->nspid[i], o->nspid[i]);
	for (i = 0; i < NS_COUNT; i++)
		CU_ASSERT_EQUAL(l->ns[i], o->ns[i]);
	CU_ASSERT_EQUAL(l->sig != NULL, o->sig != NULL);
	if (l->sig != NULL && o->sig != NULL) {
		CU_ASSERT_EQUAL(l->sig->caught, o->sig->caught);
		CU_ASSERT_EQUAL(l->sig->ignored, o->sig->ignored);
		CU_ASSERT_EQUAL(l->sig->blocked, o->sig->blocked);
	}
	CU_ASSERT_EQUAL(l->flags, o->flags & kept);
}

static void
check_round_trip(struct snapshot *s, unsigned flags)
{
	struct snapshot	*l;
	char		*json, *cause = NULL;
	double		 dt;
	size_t		 i;

	json = jsonout_string(s, NULL, flags);
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	l = load_string(json, strlen(json), "rt.json", &cause);
	if (l == NULL)
		fprintf(stderr, "\n%s\n%s\n", cause, json);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_PTR_NOT_NULL(l);
	if (l != NULL) {
		dt = l->time - s->time;
		CU_ASSERT(dt > -0.0005 && dt < 0.0005);
		CU_ASSERT_EQUAL(l->boot_time, s->boot_time);
		CU_ASSERT_EQUAL(l->clk_tck, s->clk_tck);
		CU_ASSERT_STRING_EQUAL(l->host, s->host);
		CU_ASSERT_EQUAL(l->self_pid, s->self_pid);
		CU_ASSERT_EQUAL(l->self_pidns, s->self_pidns);
		CU_ASSERT_EQUAL(l->has_threads, s->has_threads);
		CU_ASSERT_EQUAL(l->mem_total_kb, s->mem_total_kb);
		CU_ASSERT_EQUAL(l->mem_avail_kb, s->mem_avail_kb);
		CU_ASSERT_EQUAL(l->cpu_total, s->cpu_total);
		CU_ASSERT_EQUAL(l->cpu_idle, s->cpu_idle);
		CU_ASSERT_EQUAL(l->loadavg_known, s->loadavg_known);
		for (i = 0; i < 3; i++)
			CU_ASSERT_DOUBLE_EQUAL(l->loadavg[i],
			    s->loadavg_known ? s->loadavg[i] : 0, 1e-9);
		CU_ASSERT_EQUAL_FATAL(l->nprocs, s->nprocs);
		for (i = 0; i < s->nprocs; i++)
			check_proc(&s->procs[i], &l->procs[i]);
	}
	snapshot_free(l);
	free(cause);
	free(json);
}

static void
test_round_trip(void)
{
	struct snapshot	*s = build_sample();
	size_t		 i;

	check_round_trip(s, 0);
	check_round_trip(s, JSONOUT_COMPACT);
	s->clk_tck = 250;
	for (i = 0; i < s->nprocs; i++)
		s->procs[i].start_ticks = 987654321 + i * 7;
	check_round_trip(s, JSONOUT_COMPACT);
	/* Unknown (no libproc2 answer) goes out as null and comes back so. */
	s->loadavg_known = false;
	check_round_trip(s, 0);
	snapshot_free(s);
}

/* Parse the writer's output with jansson for direct inspection. */
static json_t *
dump_parse(const struct snapshot *s)
{
	char	*text = jsonout_string(s, NULL, JSONOUT_COMPACT);
	json_t	*root;

	if (text == NULL)
		return NULL;
	root = json_loads(text, 0, NULL);
	free(text);
	return root;
}

/* The written record for pid, or NULL. */
static json_t *
dump_proc(json_t *root, int pid)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(root, "processes"), i, p)
		if (json_integer_value(json_object_get(p, "pid")) == pid)
			return p;
	return NULL;
}

#define JINT(o, key)	json_integer_value(json_object_get((o), (key)))
#define JNULL(o, key)	json_is_null(json_object_get((o), (key)))
#define JLEN(o, key)	json_array_size(json_object_get((o), (key)))

/* The string member key, or "" (never NULL, for CU_ASSERT_STRING_EQUAL). */
static const char *
jstr(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* The two PID namespaces test_written_fields() writes. */
static void
check_written_pidns(json_t *nss)
{
	json_t	*n;

	CU_ASSERT_EQUAL_FATAL(json_array_size(nss), 2);
	n = json_array_get(nss, 0);
	CU_ASSERT_EQUAL(JINT(n, "inode"), (json_int_t)FX_HOST_PIDNS);
	CU_ASSERT_EQUAL(JINT(n, "level"), 0);
	CU_ASSERT(JNULL(n, "parent"));
	CU_ASSERT_EQUAL(JINT(n, "init_pid"), 1);
	CU_ASSERT_EQUAL(JINT(n, "processes"), 8);
	CU_ASSERT_EQUAL(JINT(n, "zombies"), 1);
	n = json_array_get(nss, 1);
	CU_ASSERT_EQUAL(JINT(n, "level"), 1);
	CU_ASSERT_EQUAL(JINT(n, "parent"), (json_int_t)FX_HOST_PIDNS);
	CU_ASSERT(JNULL(n, "init_pid"));
	CU_ASSERT_EQUAL(JINT(n, "processes"), 1);
	CU_ASSERT_EQUAL(JINT(n, "zombies"), 0);
}

static void
test_written_fields(void)
{
	static const char *const names[] = {
		"zombie", "orphan", "daemon", "kthread", "ns_init",
	};
	struct snapshot	*s = build_sample();
	json_t		*root, *p, *ns, *sig, *n;
	size_t		 i;

	fx_proc(s, 700, 1, 700, 'S', "all")->flags = PI_ZOMBIE | PI_ORPHAN |
	    PI_DAEMON | PI_KTHREAD | PI_NSINIT | PI_ADOPTER | PI_PARTIAL;
	fx_get(s, 100)->nspid_len = 0;
	s->npidns = 2;
	s->pidns = xcalloc(s->npidns, sizeof *s->pidns);
	s->pidns[0] = (struct pidns_info){ FX_HOST_PIDNS, 0, INODE_UNKNOWN,
	    1, 8, 1 };
	s->pidns[1] = (struct pidns_info){ NESTED_PIDNS, 1, FX_HOST_PIDNS,
	    0, 1, 0 };
	root = dump_parse(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_STRING_EQUAL(jstr(root, "schema"), "treetop/1");
	n = json_object_get(root, "loadavg");
	CU_ASSERT(json_is_array(n) && json_array_size(n) == 3 &&
	    json_number_value(json_array_get(n, 0)) == 0.52 &&
	    json_number_value(json_array_get(n, 1)) == 12.25 &&
	    json_number_value(json_array_get(n, 2)) == 1234.5);
	n = json_object_get(dump_proc(root, 700), "flags");
	CU_ASSERT_EQUAL(json_array_size(n), 5);
	for (i = 0; i < 5 && i < json_array_size(n); i++)
		CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(n, i)),
		    names[i]);
	CU_ASSERT_EQUAL(JLEN(dump_proc(root, 100), "flags"), 0);
	CU_ASSERT_EQUAL(JINT(root, "clk_tck"), 100);
	p = dump_proc(root, 101);
	CU_ASSERT_EQUAL(JINT(p, "exit_code"), 139);
	CU_ASSERT_EQUAL(JLEN(p, "cmdline"), 0);
	CU_ASSERT_STRING_EQUAL(jstr(p, "state"), "Z");
	p = dump_proc(root, 3);
	CU_ASSERT_PTR_NULL(json_object_get(p, "exit_code"));
	CU_ASSERT(json_is_array(json_object_get(p, "cmdline")));
	CU_ASSERT_EQUAL(JLEN(p, "cmdline"), 0);
	p = dump_proc(root, 100);
	CU_ASSERT_EQUAL(JLEN(p, "nspid"), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(json_object_get(p,
	    "nspid"), 0)), 100);
	CU_ASSERT(JNULL(p, "sig"));
	CU_ASSERT_EQUAL(JINT(p, "tty_nr"), 34816);
	CU_ASSERT_EQUAL(JINT(p, "vsz_kb"), 987654321);
	CU_ASSERT_EQUAL(JINT(root, "mem_total_kb"), 16303412);
	CU_ASSERT_EQUAL(JINT(root, "mem_available_kb"), 9876543);
	CU_ASSERT_EQUAL(JINT(root, "cpu_total_ticks"), 123456789012ll);
	CU_ASSERT_EQUAL(JINT(root, "cpu_idle_ticks"), 98765432109ll);
	p = dump_proc(root, 500);
	CU_ASSERT(JNULL(p, "uid"));
	ns = json_object_get(p, "ns");
	CU_ASSERT(JNULL(ns, "net") && JNULL(ns, "time"));
	CU_ASSERT_EQUAL(JINT(ns, "pid"), (json_int_t)NESTED_PIDNS);
	CU_ASSERT_EQUAL(json_object_size(ns), NS_COUNT);
	p = dump_proc(root, 1);
	CU_ASSERT_EQUAL(JLEN(p, "cmdline"), 3);
	sig = json_object_get(p, "sig");
	CU_ASSERT_STRING_EQUAL(jstr(sig, "caught"), "00000000000014a4");
	CU_ASSERT_STRING_EQUAL(jstr(sig, "blocked"), "fffffffe7ffbfeff");
	CU_ASSERT_STRING_EQUAL(jstr(dump_proc(root, WEIRD_PID), "comm"),
	    weird_comm_back);
	check_written_pidns(json_object_get(root, "pid_namespaces"));
	json_decref(root);
	snapshot_free(s);
}

/* The i-th entry of the top-level array key. */
static json_t *
dump_entry(json_t *root, const char *key, size_t i)
{
	return json_array_get(json_object_get(root, key), i);
}

/*
 * The snapshot of the reaping report: bash (100) holds two zombies with
 * their exit codes, systemd blocks SIGTERM, a stopped vim is left in a
 * leaderless session, and a python3 (4000) is the init of a nested PID
 * namespace that holds a zombie of its own.
 */
static struct snapshot *
reap_sample(void)
{
	static const char	 py_cmd[] = "python3\0app.py";
	struct snapshot		*s = fx_new();
	struct procinfo		*p;

	p = fx_proc(s, 1, 0, 1, 'S', "systemd");
	/* SIGTERM, by signalfd */
	snapshot_set_sig(s, p, &(struct sigmasks){ 0, 0, 1u << 14 });
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 101, 100, 100, 'Z', "job")->exit_code = 3 << 8;
	fx_proc(s, 102, 100, 100, 'Z', "crash")->exit_code = 11 | 0x80;
	fx_proc(s, 201, 1, 200, 'T', "vim");	/* stopped, leader gone */
	p = fx_proc(s, 4000, 1, 4000, 'S', "python3");
	fx_nspid(p, NESTED_PIDNS, 2, 4000, 1);
	snapshot_set_cmdline(s, p, py_cmd, sizeof py_cmd);
	snapshot_set_sig(s, p, &(struct sigmasks){ 0, 0, 0 });
	p = fx_proc(s, 4001, 4000, 4000, 'Z', "w\xff");
	fx_nspid(p, NESTED_PIDNS, 2, 4001, 2);
	snapshot_sort(s);
	classify_snapshot(s);
	nstable_build(s);
	return s;
}

/* reap_sample() as JSON with only the subtree of 4000 in its rows. */
static char *
reap_dump_4000(struct snapshot *s)
{
	static const pid_t	 only = 4000;
	struct ptree		*tree = ptree_build(s);
	struct rows		 rows;
	struct viewstate	 vs = { .filter = ROWS_SUBTREES };
	char			*text;

	rows_init(&rows);
	vs.pids = &only;
	vs.npids = 1;
	rows_build(&rows, tree, &vs);
	text = jsonout_string(s, &rows, JSONOUT_COMPACT);
	rows_done(&rows);
	ptree_free(tree);
	return text;
}

/* zombie_parents, orphaned_pgroups and leaderless_sessions. */
static void
check_written_parents_groups(json_t *root)
{
	json_t	*e, *v;

	CU_ASSERT_EQUAL(JLEN(root, "zombie_parents"), 2);
	e = dump_entry(root, "zombie_parents", 0);
	CU_ASSERT_EQUAL(JINT(e, "pid"), 100);
	CU_ASSERT_STRING_EQUAL(jstr(e, "comm"), "bash");
	CU_ASSERT_EQUAL(JINT(e, "count"), 2);
	v = json_object_get(e, "zombies");
	CU_ASSERT_EQUAL(json_array_size(v), 2);
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(v, 0)), 101);
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(v, 1)), 102);
	CU_ASSERT(JNULL(e, "oldest_seen"));
	CU_ASSERT_EQUAL(JINT(dump_entry(root, "zombie_parents", 1), "pid"),
	    4000);

	e = dump_entry(root, "orphaned_pgroups", 2);	/* 1, 100, 200, 4000 */
	CU_ASSERT_EQUAL(JLEN(root, "orphaned_pgroups"), 4);
	CU_ASSERT_EQUAL(JINT(e, "pgid"), 200);
	CU_ASSERT_EQUAL(JINT(e, "sid"), 200);
	CU_ASSERT_EQUAL(JINT(e, "members"), 1);
	CU_ASSERT(json_is_true(json_object_get(e, "stopped")));
	CU_ASSERT(json_is_false(json_object_get(dump_entry(root,
	    "orphaned_pgroups", 0), "stopped")));
	CU_ASSERT_EQUAL(JLEN(root, "leaderless_sessions"), 1);
	e = dump_entry(root, "leaderless_sessions", 0);
	CU_ASSERT_EQUAL(JINT(e, "sid"), 200);
	CU_ASSERT_EQUAL(JINT(e, "members"), 1);
}

/* reapers: systemd handles SIGTERM; the nested init is a poor one. */
static void
check_written_reapers(json_t *root)
{
	json_t	*e, *v;

	CU_ASSERT_EQUAL(JLEN(root, "reapers"), 2);
	e = dump_entry(root, "reapers", 0);
	CU_ASSERT_EQUAL(JINT(e, "pidns"), (json_int_t)FX_HOST_PIDNS);
	CU_ASSERT_STRING_EQUAL(jstr(e, "known_init"), "systemd");
	CU_ASSERT(json_is_true(json_object_get(e, "handles_sigterm")));
	CU_ASSERT(json_is_false(json_object_get(e, "handles_sigint")));
	CU_ASSERT_EQUAL(JINT(e, "unreaped_zombies"), 0);
	CU_ASSERT_EQUAL(JINT(e, "adopted"), 1);		/* vim */
	CU_ASSERT_EQUAL(JLEN(e, "verdict"), 0);
	e = dump_entry(root, "reapers", 1);
	CU_ASSERT_EQUAL(JINT(e, "pidns"), (json_int_t)NESTED_PIDNS);
	CU_ASSERT_EQUAL(JINT(e, "init_pid"), 4000);
	CU_ASSERT_STRING_EQUAL(jstr(e, "init_comm"), "python3");
	CU_ASSERT(JNULL(e, "known_init"));
	CU_ASSERT(json_is_false(json_object_get(e, "handles_sigterm")));
	CU_ASSERT_EQUAL(JINT(e, "unreaped_zombies"), 1);
	CU_ASSERT_EQUAL(JINT(e, "adopted"), 0);
	v = json_object_get(e, "verdict");
	CU_ASSERT_EQUAL_FATAL(json_array_size(v), 3);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(v, 0)),
	    "not-reaping");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(v, 1)),
	    "ignores-sigterm");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(v, 2)),
	    "not-an-init");
}

/* Every process, with exit_status; the loader takes it all back. */
static void
check_written_reap_loads(const struct snapshot *s)
{
	struct snapshot	*back;
	json_t		*root;
	char		*text, *cause = NULL;

	text = jsonout_string(s, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	root = json_loads(text, 0, NULL);
	CU_ASSERT_STRING_EQUAL(jstr(dump_proc(root, 101), "exit_status"),
	    "exited 3");
	CU_ASSERT_STRING_EQUAL(jstr(dump_proc(root, 102), "exit_status"),
	    "killed by SIGSEGV (core dumped)");
	json_decref(root);
	back = load_string(text, strlen(text), "reap.json", &cause);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_PTR_NOT_NULL(back);
	if (back != NULL) {
		CU_ASSERT_EQUAL(back->nprocs, s->nprocs);
		CU_ASSERT_EQUAL(snapshot_find(back, 101)->exit_code, 3 << 8);
	}
	snapshot_free(back);
	free(cause);
	free(text);
}

/*
 * The reaping report in the document: zombie parents, orphaned groups,
 * leaderless sessions and reapers, from the whole snapshot even when rows
 * restrict the processes; the loader takes the document back.
 */
static void
test_written_reap(void)
{
	struct snapshot	*s = reap_sample();
	json_t		*root, *e;
	char		*text;

	text = reap_dump_4000(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	root = json_loads(text, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_EQUAL(JLEN(root, "processes"), 2);
	check_written_parents_groups(root);
	check_written_reapers(root);
	e = dump_proc(root, 4001);
	CU_ASSERT_STRING_EQUAL(jstr(e, "comm"), "w\\xff");
	CU_ASSERT_STRING_EQUAL(jstr(e, "exit_status"), "exited 0");
	CU_ASSERT_PTR_NULL(json_object_get(dump_proc(root, 4000),
	    "exit_status"));
	json_decref(root);
	free(text);
	check_written_reap_loads(s);
	snapshot_free(s);
}

/* Documents for the loader tests, as string literals. */
#define DOC(procs)	"{\"schema\":\"treetop/1\",\"processes\":[" procs "]}"
#define PROC(pid, more)	"{\"pid\":" pid ",\"ppid\":1,\"pgid\":1," \
			"\"sid\":1,\"tgid\":" pid ",\"state\":\"S\"," \
			"\"comm\":\"c\"" more "}"

#define C10	"cccccccccc"
#define C100	C10 C10 C10 C10 C10 C10 C10 C10 C10 C10

/* Load text that must load; the caller frees the snapshot. */
static struct snapshot *
load_ok(const char *text)
{
	struct snapshot	*s;
	char		*cause = NULL;

	s = load_string(text, strlen(text), "ok.json", &cause);
	if (s == NULL)
		fprintf(stderr, "\nunexpected: %s\n", cause);
	CU_ASSERT_PTR_NOT_NULL(s);
	free(cause);
	return s;
}

static void
test_defaults(void)
{
	struct snapshot	*s = load_ok("{\"schema\":\"treetop/1\","
	    "\"pid_namespaces\":5,\"processes\":[{\"pid\":7,\"ppid\":1,"
	    "\"pgid\":1,\"sid\":1,\"tgid\":7,\"state\":\"S\","
	    "\"comm\":\"" C100 "\",\"user\":\"" C100 "\","
	    "\"start_time\":1.5,\"cmdline\":[],"
	    "\"flags\":[\"kthread\",\"zombie\",\"bogus\"]}]}");
	struct procinfo	*p;
	int		 i;

	if (s == NULL)
		return;
	CU_ASSERT_EQUAL(s->clk_tck, 100);
	/* A file from before the meters: the machine is unknown. */
	CU_ASSERT_EQUAL(s->mem_total_kb, 0);
	CU_ASSERT_EQUAL(s->mem_avail_kb, 0);
	CU_ASSERT_EQUAL(s->cpu_total, 0);
	CU_ASSERT_EQUAL(s->cpu_idle, 0);
	CU_ASSERT_EQUAL_FATAL(s->nprocs, 1);
	p = &s->procs[0];
	CU_ASSERT_EQUAL(p->vsz_kb, 0);
	CU_ASSERT_EQUAL(p->start_ticks, 150);
	CU_ASSERT_EQUAL(p->nspid_len, 1);
	CU_ASSERT_EQUAL(p->nspid[0], 7);
	CU_ASSERT_EQUAL(p->uid, UID_UNKNOWN);
	CU_ASSERT_EQUAL(p->tpgid, -1);
	CU_ASSERT_PTR_NULL(p->sig);
	CU_ASSERT_PTR_NULL(p->cmdline);
	CU_ASSERT_EQUAL(p->cmdline_len, 0);
	CU_ASSERT_EQUAL(p->flags, PI_KTHREAD);	/* "zombie" is not input */
	CU_ASSERT(p->kflags & PF_KTHREAD_BIT);
	CU_ASSERT_FALSE(s->has_threads);
	CU_ASSERT_EQUAL(strlen(p->comm), COMM_MAX - 1);	/* truncated */
	CU_ASSERT_EQUAL(strlen(p->user), USER_MAX - 1);
	for (i = 0; i < NS_COUNT; i++)
		CU_ASSERT_EQUAL(p->ns[i], INODE_UNKNOWN);
	snapshot_free(s);
}

static void
test_fields(void)
{
	struct snapshot	*s = load_ok("{\"schema\":\"treetop/1\","
	    "\"clk_tck\":250,\"time\":5,\"boot_time\":3,\"host\":\"h\","
	    "\"self\":{\"pid\":8,\"pidns\":null},\"processes\":["
	    "{\"pid\":9,\"ppid\":1,\"pgid\":9,\"sid\":9,\"tgid\":8,"
	    "\"state\":\"S\",\"comm\":\"t\",\"uid\":null,\"user\":\"u\","
	    "\"cmdline\":[\"a\\u0000b\",\"cd\"],\"start_time\":1.5,"
	    "\"ns\":{\"pid\":null,\"net\":42},\"kflags\":64,"
	    "\"flags\":[\"kthread\"],\"sig\":{\"caught\":\"fF\","
	    "\"ignored\":\"0\",\"blocked\":\"ffffffffffffffff\"}},"
	    PROC("8", ",\"cmdline\":[\"a\",\"bc\"],\"nspid\":[8,3],"
	    "\"exit_code\":-1,\"tty_nr\":1025") "]}");
	struct procinfo	*p;

	if (s == NULL)
		return;
	CU_ASSERT_EQUAL(s->clk_tck, 250);
	CU_ASSERT_EQUAL(s->boot_time, 3);
	CU_ASSERT_STRING_EQUAL(s->host, "h");
	CU_ASSERT_EQUAL(s->self_pid, 8);
	CU_ASSERT_EQUAL(s->self_pidns, INODE_UNKNOWN);
	CU_ASSERT_TRUE(s->has_threads);
	CU_ASSERT_EQUAL_FATAL(s->nprocs, 2);
	CU_ASSERT_EQUAL(s->procs[0].pid, 8);	/* sorted */
	p = snapshot_find(s, 9);
	CU_ASSERT_EQUAL(p->flags, PI_THREAD | PI_KTHREAD);
	CU_ASSERT_EQUAL(p->kflags, 64);		/* given: not forced */
	CU_ASSERT_EQUAL(p->start_ticks, 375);
	CU_ASSERT_EQUAL(p->uid, UID_UNKNOWN);
	CU_ASSERT_EQUAL(p->cmdline_len, 7);	/* a NUL inside an argument */
	CU_ASSERT(memcmp(p->cmdline, "a\0b\0cd", 7) == 0);
	CU_ASSERT_EQUAL(p->ns[NS_PID], INODE_UNKNOWN);
	CU_ASSERT_EQUAL(p->ns[NS_NET], 42);
	CU_ASSERT_FATAL(p->sig != NULL);
	CU_ASSERT_EQUAL(p->sig->caught, 0xff);
	CU_ASSERT_EQUAL(p->sig->ignored, 0);
	CU_ASSERT_EQUAL(p->sig->blocked, UINT64_MAX);
	p = snapshot_find(s, 8);
	CU_ASSERT_EQUAL(p->cmdline_len, 5);
	CU_ASSERT(memcmp(p->cmdline, "a\0bc\0", 5) == 0);
	CU_ASSERT_EQUAL(p->nspid_len, 2);
	CU_ASSERT_EQUAL(p->nspid[1], 3);
	CU_ASSERT_EQUAL(p->exit_code, -1);
	CU_ASSERT_EQUAL(p->tty_nr, 1025);
	CU_ASSERT_PTR_NULL(p->sig);
	snapshot_free(s);
}

static void
test_fixture(void)
{
	const char	*dir = getenv("FIXTURES");
	struct snapshot	*s, *again;
	struct procinfo	*p;
	char		*path, *cause = NULL, *j1, *j2;

	if (asprintf(&path, "%s/small.json", dir != NULL && *dir != '\0' ?
	    dir : "tests/fixtures") < 0)
		die("out of memory");
	s = load_file(path, &cause);
	if (s == NULL)
		fprintf(stderr, "\n%s\n", cause);
	free(path);
	free(cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->nprocs, 10);
	CU_ASSERT_EQUAL(s->self_pid, 412);
	CU_ASSERT_STRING_EQUAL(s->host, "small");
	CU_ASSERT_EQUAL(s->boot_time, 1732300000);
	/* Written before "loadavg": unknown, not 0.00. */
	CU_ASSERT_FALSE(s->loadavg_known);
	p = snapshot_find(s, 1);
	CU_ASSERT_EQUAL_FATAL(p->cmdline_len, 18);
	CU_ASSERT(memcmp(p->cmdline, "/sbin/init\0splash\0", 18) == 0);
	CU_ASSERT_EQUAL(p->start_ticks, 52);
	CU_ASSERT_EQUAL(p->flags, 0);		/* ns_init is recomputed */
	CU_ASSERT(snapshot_find(s, 2)->flags & PI_KTHREAD);
	p = snapshot_find(s, 3);
	CU_ASSERT(p->flags & PI_KTHREAD);
	CU_ASSERT(p->kflags & PF_KTHREAD_BIT);	/* from "kthread" alone */
	p = snapshot_find(s, 411);
	CU_ASSERT_EQUAL(p->state, 'Z');
	CU_ASSERT_EQUAL(p->exit_code, 9);
	CU_ASSERT_EQUAL(p->ns[NS_MNT], INODE_UNKNOWN);
	p = snapshot_find(s, 4243);
	CU_ASSERT_EQUAL_FATAL(p->nspid_len, 2);
	CU_ASSERT_EQUAL(p->nspid[0], 4243);
	CU_ASSERT_EQUAL(p->nspid[1], 2);
	CU_ASSERT_EQUAL(p->ns[NS_PID], NESTED_PIDNS);
	CU_ASSERT_EQUAL(p->start_ticks, 20001);
	CU_ASSERT_EQUAL(snapshot_find(s, 4242)->nspid[1], 1);
	CU_ASSERT_EQUAL(snapshot_find(s, 500)->sid, 410);
	/* Written and read back, a loaded snapshot writes the same text. */
	j1 = jsonout_string(s, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j1);
	again = load_string(j1, strlen(j1), "again.json", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(again);
	j2 = jsonout_string(again, NULL, 0);
	CU_ASSERT(j2 != NULL && strcmp(j1, j2) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(j1, "\"loadavg\": null"));
	free(j1);
	free(j2);
	snapshot_free(again);
	snapshot_free(s);
}

/*
 * text must fail with a cause that starts with BAD, contains want and
 * carries no control character (it quotes the input).
 */
static void
expect_bad(const char *text, size_t len, const char *want)
{
	struct snapshot	*s;
	char		*cause = NULL;
	const char	*c;

	s = load_string(text, len, BAD, &cause);
	CU_ASSERT_PTR_NULL(s);
	snapshot_free(s);
	CU_ASSERT_PTR_NOT_NULL(cause);
	if (cause == NULL)
		return;
	CU_ASSERT(strncmp(cause, BAD, strlen(BAD)) == 0);
	for (c = cause; *c != '\0'; c++)
		CU_ASSERT((unsigned char)*c >= 0x20 && *c != 0x7f);
	if (strstr(cause, want) == NULL) {
		fprintf(stderr, "\ncause \"%s\" lacks \"%s\"\n", cause, want);
		CU_FAIL("cause lacks the expected text");
	}
	free(cause);
}

static const struct {
	const char	*text;
	const char	*want;		/* part of the cause */
} bad_docs[] = {
	{ "", BAD ":1:0: '[' or '{' expected" },
	{ "{", BAD ":1:1:" },
	{ "{} x", BAD ":1:4:" },
	{ "\033[2J", BAD ":1:1: '[' or '{' expected near '\\e'" },
	{ "{\"schema\":\"treetop/1\",\"schema\":\"treetop/1\"}", "duplicate" },
	{ "[]", BAD ": expected a JSON object" },
	{ "{\"schema\":\"treetop/2\",\"processes\":[]}",
	    BAD ": schema: expected \"treetop/1\"" },
	{ "{\"processes\":[]}", "schema: missing" },
	{ "{\"schema\":\"treetop/1\"}", BAD ": processes: missing" },
	{ "{\"schema\":\"treetop/1\",\"processes\":{}}",
	    "processes: expected an array" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],\"time\":\"x\"}",
	    "time: expected a number" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],\"clk_tck\":0}",
	    "clk_tck: 0 is out of range" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],\"self\":{\"pid\":-3}}",
	    "self.pid: -3 is out of range" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],\"loadavg\":1}",
	    BAD ": loadavg: expected an array of 3 numbers" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],\"loadavg\":[1,2]}",
	    "loadavg: expected an array of 3 numbers" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],"
	    "\"loadavg\":[1,2,\"3\"]}", "loadavg: expected an array of 3" },
	{ "{\"schema\":\"treetop/1\",\"processes\":[],"
	    "\"loadavg\":[0,-0.5,0]}", "loadavg: -0.5 is out of range" },
	{ DOC("1"), BAD ": processes[0]: expected an object" },
	{ DOC(PROC("\"7\"", "")), BAD ": processes[0].pid: expected an "
	    "integer" },
	{ DOC(PROC("-5", "")), "processes[0].pid: -5 is out of range" },
	{ DOC(PROC("0", "")), "processes[0].pid: 0 is out of range" },
	{ DOC(PROC("1099511627776", "")),
	    "processes[0].pid: 1099511627776 is out of range" },
	{ DOC(PROC("7", "") "," PROC("8", "") "," PROC("9", "") ","
	    "{\"pid\":\"x\"}"), "processes[3].pid: expected an integer" },
	{ DOC(PROC("7", "") "," PROC("7", ",\"user\":\"b\"")),
	    BAD ": processes: duplicate pid 7" },
	{ DOC("{\"pid\":3}"), "processes[0].ppid: missing" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"SS\",\"comm\":\"c\"}"),
	    "processes[0].state: expected one of RSDZTtWXxKPI" },
	/* Drawn as is by a UI: only the kernel's letters may pass. */
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"\\u001b\",\"comm\":\"c\"}"),
	    BAD ": processes[0].state: expected one of RSDZTtWXxKPI" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"\\u009b\",\"comm\":\"c\"}"),
	    "processes[0].state: expected one of RSDZTtWXxKPI" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"\\u0000\",\"comm\":\"c\"}"),
	    "processes[0].state: expected one of RSDZTtWXxKPI" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"Q\",\"comm\":\"c\"}"),
	    "processes[0].state: expected one of RSDZTtWXxKPI" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"?\",\"comm\":\"c\"}"),
	    "processes[0].state: expected one of RSDZTtWXxKPI" },
	{ DOC("{\"pid\":7,\"ppid\":1,\"pgid\":1,\"sid\":1,\"tgid\":7,"
	    "\"state\":\"S\"}"), "processes[0].comm: missing" },
	{ DOC(PROC("7", ",\"comm\":1")), "duplicate object key" },
	{ DOC(PROC("7", ",\"cmdline\":[\"a\",1]")),
	    "processes[0].cmdline[1]: expected a string" },
	{ DOC(PROC("7", ",\"cmdline\":\"a\"")),
	    "processes[0].cmdline: expected an array" },
	{ DOC(PROC("7", ",\"uid\":-1")), "processes[0].uid: -1 is out of" },
	{ DOC(PROC("7", ",\"start_time\":-1")), "processes[0].start_time:" },
	{ DOC(PROC("7", ",\"start_time\":1e300")),
	    "processes[0].start_time:" },
	{ DOC(PROC("7", ",\"ns\":{\"net\":\"x\"}")),
	    "processes[0].ns.net: expected an integer" },
	{ DOC(PROC("7", ",\"sig\":{\"caught\":\"xyz\"}")),
	    "processes[0].sig.caught: expected a hex string" },
	{ DOC(PROC("7", ",\"sig\":{\"caught\":\"0\",\"ignored\":\"0\"}")),
	    "processes[0].sig.blocked: missing" },
	{ DOC(PROC("7", ",\"flags\":[1]")),
	    "processes[0].flags[0]: expected a string" },
	{ DOC(PROC("7", ",\"nspid\":[]")), "processes[0].nspid: expected 1" },
	{ DOC(PROC("7", ",\"nspid\":[7,0]")), "processes[0].nspid[1]: 0 is" },
	{ DOC(PROC("7", ",\"tty_nr\":1.5")),
	    "processes[0].tty_nr: expected an integer" },
	{ DOC(PROC("7", ",\"vsz_kb\":-1")), "processes[0].vsz_kb: -1 is" },
	{ "{\"schema\":\"treetop/1\",\"mem_total_kb\":\"8G\","
	    "\"processes\":[]}", "mem_total_kb: expected an integer" },
};

#define TOP(more)	"{\"schema\":\"treetop/1\",\"processes\":[]," more "}"

/*
 * Numbers beyond the documented ranges: each refused with a message
 * naming the field (they overflowed the formatters' casts once).
 */
static const struct {
	const char	*text;
	const char	*want;
} hostile_docs[] = {
	{ TOP("\"time\":1e300"), BAD ": time: 1e+300 is out of range "
	    "(0 to 253402300799 seconds, the year 9999)" },
	{ TOP("\"time\":-1e308"), BAD ": time: -1e+308 is out of range" },
	{ TOP("\"time\":-0.5"), BAD ": time: -0.5 is out of range" },
	{ TOP("\"time\":253402300800"), BAD ": time: 253402300800 is out of" },
	{ TOP("\"time\":1e400"), BAD ":1:" },	/* jansson: overflow */
	{ TOP("\"time\":NaN"), BAD ":1:" },
	{ TOP("\"time\":Infinity"), BAD ":1:" },
	{ TOP("\"boot_time\":9223372036854775807"), BAD ": boot_time: "
	    "9223372036854775807 is out of range (0 to 253402300799)" },
	{ DOC(PROC("7", ",\"start_time\":92233720368547758.08")),
	    BAD ": processes[0].start_time: 9.22337203685478e+16 is out "
	    "of range" },
	{ DOC(PROC("7", ",\"start_time\":253402300800")),
	    "processes[0].start_time: 253402300800 is out of range" },
	{ DOC(PROC("7", ",\"cpu_ticks\":9223372036854775807")),
	    BAD ": processes[0].cpu_ticks: 9223372036854775807 is out of "
	    "range (0 to 9007199254740991)" },
	{ DOC(PROC("7", ",\"cpu_ticks\":9007199254740992")),
	    "processes[0].cpu_ticks: 9007199254740992 is out of range" },
	{ DOC(PROC("7", ",\"rss_kb\":9007199254740992")),
	    "processes[0].rss_kb: 9007199254740992 is out of range" },
	{ DOC(PROC("7", ",\"vsz_kb\":9223372036854775807")),
	    "processes[0].vsz_kb: 9223372036854775807 is out of range" },
	{ TOP("\"mem_total_kb\":9007199254740992"),
	    BAD ": mem_total_kb: 9007199254740992 is out of range" },
	{ TOP("\"mem_available_kb\":9007199254740992"),
	    BAD ": mem_available_kb: 9007199254740992 is out of range" },
	{ TOP("\"cpu_total_ticks\":9007199254740992"),
	    BAD ": cpu_total_ticks: 9007199254740992 is out of range" },
	{ TOP("\"cpu_idle_ticks\":9007199254740992"),
	    BAD ": cpu_idle_ticks: 9007199254740992 is out of range" },
	{ TOP("\"clk_tck\":1000001"), BAD ": clk_tck: 1000001 is out of" },
	{ TOP("\"loadavg\":[1e10,0,0]"), BAD ": loadavg: 1e+10 is out of" },
	{ DOC(PROC("7", ",\"threads\":2147483648")),
	    "processes[0].threads: 2147483648 is out of range" },
	{ DOC(PROC("7", ",\"ns\":{\"pid\":-1}")),
	    "processes[0].ns.pid: -1 is out of range" },
};

static void
test_hostile_numbers(void)
{
	size_t	i;

	for (i = 0; i < sizeof hostile_docs / sizeof hostile_docs[0]; i++)
		expect_bad(hostile_docs[i].text, strlen(hostile_docs[i].text),
		    hostile_docs[i].want);
}

/*
 * A snapshot taken under another namespace's /proc: "proc_pidns" is the
 * numbering, "self.pidns" treetop's own, "self.pid" may be null; written
 * back the same.  Without the fields (an older file) self.pidns is both.
 */
static void
test_proc_foreign(void)
{
	static const char	 doc[] = "{\"schema\":\"treetop/1\","
	    "\"self\":{\"pid\":null,\"pidns\":4026532250},"
	    "\"proc_foreign\":true,\"proc_pidns\":4026531836,"
	    "\"processes\":[" PROC("7", "") "]}";
	static const char	 old[] = "{\"schema\":\"treetop/1\","
	    "\"self\":{\"pid\":7,\"pidns\":4026531836},\"processes\":[]}";
	static const char	 bad[] = "{\"schema\":\"treetop/1\","
	    "\"proc_foreign\":1,\"processes\":[]}";
	struct snapshot		*s;
	json_t			*j;
	char			*cause = NULL, *text;

	s = load_string(doc, strlen(doc), "foreign.json", &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(s->proc_foreign);
	CU_ASSERT_EQUAL(s->self_pid, 0);
	CU_ASSERT_EQUAL(s->self_pidns, 4026531836ull);
	CU_ASSERT_EQUAL(s->own_pidns, 4026532250ull);
	text = jsonout_string(s, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	j = json_loads(text, 0, NULL);
	free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	CU_ASSERT(json_is_true(json_object_get(j, "proc_foreign")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(j, "proc_pidns")),
	    4026531836ll);
	CU_ASSERT(json_is_null(json_object_get(json_object_get(j, "self"),
	    "pid")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(j,
	    "self"), "pidns")), 4026532250ll);
	json_decref(j);
	snapshot_free(s);
	s = load_string(old, strlen(old), "old.json", &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_FALSE(s->proc_foreign);
	CU_ASSERT_EQUAL(s->self_pid, 7);
	CU_ASSERT_EQUAL(s->self_pidns, 4026531836ull);
	snapshot_free(s);
	expect_bad(bad, strlen(bad), BAD ": proc_foreign: expected true or "
	    "false");
}

/*
 * A container's users as named inside it ("ns_user") come back with the
 * document: USER shows "app(101234)" loaded as it did live, and the
 * document written again says the same; a zombie's own name is not
 * taken (its init's namespace names it), a malformed one is left out.
 */
static void
test_ns_user_read_back(void)
{
	static const char	 doc[] = "{\"schema\":\"treetop/1\","
	    "\"user_namespaces\":[{\"inode\":4026532900,"
	    "\"uid_map\":[[0,100000,65536]],\"gid_map\":[]}],"
	    "\"processes\":["
	    PROC("7", ",\"uid\":101234,\"user\":\"101234\","
	    "\"ns\":{\"mnt\":4026532901,\"user\":4026532900},"
	    "\"ns_uid\":1234,\"ns_user\":\"app\"") ","
	    PROC("8", ",\"uid\":100000,\"user\":\"100000\","
	    "\"ns\":{\"mnt\":4026532901,\"user\":4026532900},"
	    "\"ns_uid\":0,\"ns_user\":\"root\"") ","
	    PROC("9", ",\"uid\":100000,\"user\":\"100000\","
	    "\"ns\":{\"mnt\":4026532902,\"user\":4026532900},"
	    "\"ns_uid\":0,\"ns_user\":7") "]}";
	struct snapshot		*s;
	const json_t		*p;
	json_t			*j;
	char			*cause = NULL, *text, label[NSINFO_USER_MAX];

	s = load_string(doc, strlen(doc), "nsuser.json", &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	nsinfo_user_label(s, snapshot_find(s, 7), label, sizeof label);
	CU_ASSERT_STRING_EQUAL(label, "app(101234)");
	nsinfo_user_label(s, snapshot_find(s, 8), label, sizeof label);
	CU_ASSERT_STRING_EQUAL(label, "root(100000)");
	/* Its name left out: the uid inside, as the map gives it. */
	nsinfo_user_label(s, snapshot_find(s, 9), label, sizeof label);
	CU_ASSERT_STRING_EQUAL(label, "root(100000)");
	CU_ASSERT_PTR_NULL(nsinfo_ns_user(s, snapshot_find(s, 9)));
	text = jsonout_string(s, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	j = json_loads(text, 0, NULL);
	free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	p = json_object_get(json_array_get(json_object_get(j, "processes"), 0),
	    "ns_user");
	CU_ASSERT(json_is_string(p) && strcmp(json_string_value(p), "app") ==
	    0);
	json_decref(j);
	snapshot_free(s);
}

/* The largest values of every range load, exactly. */
static void
test_range_limits(void)
{
	static const char	 doc[] = "{\"schema\":\"treetop/1\","
	    "\"time\":253402300799,\"boot_time\":253402300799,"
	    "\"mem_total_kb\":9007199254740991,\"processes\":["
	    PROC("7", ",\"start_time\":253402300799,"
	    "\"cpu_ticks\":9007199254740991,\"rss_kb\":9007199254740991")
	    "]}";
	struct snapshot		*s;
	char			*cause = NULL;

	s = load_string(doc, strlen(doc), "max.json", &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_PTR_NULL(cause);
	CU_ASSERT_EQUAL(s->time, SNAPSHOT_TIME_MAX);
	CU_ASSERT_EQUAL(s->boot_time, 253402300799);
	CU_ASSERT_EQUAL(s->mem_total_kb, SNAPSHOT_COUNT_MAX);
	CU_ASSERT_EQUAL(s->procs[0].start_ticks, 25340230079900ull);
	CU_ASSERT_EQUAL(s->procs[0].cpu_ticks, SNAPSHOT_COUNT_MAX);
	snapshot_free(s);
}

static void
test_bad_docs(void)
{
	size_t	i;

	for (i = 0; i < sizeof bad_docs / sizeof bad_docs[0]; i++)
		expect_bad(bad_docs[i].text, strlen(bad_docs[i].text),
		    bad_docs[i].want);
	expect_bad(NULL, 0, BAD);
}

/* A document with one process whose NSpid has n entries, malloc'd. */
static char *
nspid_doc(int n)
{
	char	*ids = xstrdup("7"), *next, *text;
	int	 i;

	for (i = 1; i < n; i++) {
		if (asprintf(&next, "%s,%d", ids, i) < 0)
			die("out of memory");
		free(ids);
		ids = next;
	}
	if (asprintf(&text, DOC(PROC("7", ",\"nspid\":[%s]")), ids) < 0)
		die("out of memory");
	free(ids);
	return text;
}

static void
test_nspid_length(void)
{
	char		*text = nspid_doc(NSPID_MAX);
	struct snapshot	*s = load_ok(text);

	free(text);
	if (s != NULL)
		CU_ASSERT_EQUAL(s->procs[0].nspid_len, NSPID_MAX);
	snapshot_free(s);
	text = nspid_doc(40);
	expect_bad(text, strlen(text), "processes[0].nspid: expected 1 to 33 "
	    "entries, not 40");
	free(text);
}

/* Every state letter the kernel uses loads. */
static void
test_kernel_states(void)
{
	static const char	 states[] = "RSDZTtWXxKPI";
	char			 text[256];
	struct snapshot		*s;
	size_t			 i;

	for (i = 0; i < sizeof states - 1; i++) {
		snprintf(text, sizeof text, "{\"schema\":\"treetop/1\","
		    "\"processes\":[{\"pid\":7,\"ppid\":1,\"pgid\":1,"
		    "\"sid\":1,\"tgid\":7,\"state\":\"%c\",\"comm\":\"c\"}]}",
		    states[i]);
		s = load_ok(text);
		if (s != NULL)
			CU_ASSERT_EQUAL(s->procs[0].state, states[i]);
		snapshot_free(s);
	}
}

/* No byte of text is a raw ESC or outside ASCII. */
static bool
all_ascii(const char *text)
{
	const unsigned char	*c;

	for (c = (const unsigned char *)text; *c != '\0'; c++)
		if (*c >= 0x80 || *c == 0x1b)
			return false;
	return true;
}

/*
 * A C1 CSI (U+009B, which xterm obeys) and an RLO (U+202E) in a name and
 * an argument: --json writes them as \uXXXX, never raw, and they load
 * back as the same bytes.
 */
static void
test_json_ascii(void)
{
	static const char	 comm[] = "a\xc2\x9b" "2J\xe2\x80\xae" "b";
	static const char	 cmd[] =
	    "p\xc2\x9b" "31m\0\xe2\x80\xae\xc3\xa9";
	static const unsigned	 modes[] = { 0, JSONOUT_COMPACT };
	struct snapshot		*s = fx_new(), *l;
	struct procinfo		*p;
	char			*json, *mem = NULL, *cause = NULL;
	size_t			 i, memlen = 0;
	FILE			*f;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 2, 1, 1, 'R', comm);
	snapshot_set_cmdline(s, p, cmd, sizeof cmd);
	snapshot_sort(s);
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		json = jsonout_string(s, NULL, modes[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(json);
		CU_ASSERT_TRUE(all_ascii(json));
		CU_ASSERT_PTR_NOT_NULL(strcasestr(json, "a\\u009b2J\\u202eb"));
		l = load_string(json, strlen(json), "ascii.json", &cause);
		CU_ASSERT_PTR_NULL(cause);
		CU_ASSERT_PTR_NOT_NULL(l);
		p = l != NULL ? snapshot_find(l, 2) : NULL;
		CU_ASSERT_PTR_NOT_NULL(p);
		if (p != NULL) {
			CU_ASSERT_STRING_EQUAL(p->comm, comm);
			CU_ASSERT_EQUAL(p->cmdline_len, sizeof cmd);
			CU_ASSERT(p->cmdline != NULL &&
			    memcmp(p->cmdline, cmd, sizeof cmd) == 0);
		}
		snapshot_free(l);
		free(cause);
		cause = NULL;
		free(json);
	}
	/* The stream writer (--json) dumps with the same flags. */
	f = open_memstream(&mem, &memlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(jsonout_write(f, s, NULL, 0), 0);
	fclose(f);
	CU_ASSERT(mem != NULL && memlen > 0 && all_ascii(mem));
	CU_ASSERT(mem != NULL && strcasestr(mem, "\\u009b") != NULL);
	free(mem);
	snapshot_free(s);
}

/*
 * A file name is input too (--load $'/tmp/x\e[31m'): every cause that
 * names it must carry it escaped, never a raw ESC.
 */
static void
test_bad_name_escaped(void)
{
	static const char	 path[] =
	    "/nonexistent/treetop-test/x\033[31m\xc2\x9b.json";
	static const char	 want[] =
	    "/nonexistent/treetop-test/x\\e[31m\\xc2\\x9b.json: ";
	static const char	 name[] = "n\033]0;t\007.json";
	static const char	 wname[] = "n\\e]0;t\\x07.json";
	static const char	*docs[] = {
		"{",				/* a syntax error */
		"[]",				/* not an object */
		DOC(PROC("0", "")),		/* a field */
	};
	char			*cause = NULL;
	struct snapshot		*s;
	size_t			 i;

	s = load_file(path, &cause);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT_TRUE(all_ascii(cause));
	if (strncmp(cause, want, strlen(want)) != 0)
		fprintf(stderr, "\ncause \"%s\"\n", cause);
	CU_ASSERT(strncmp(cause, want, strlen(want)) == 0);
	free(cause);
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		cause = NULL;
		s = load_string(docs[i], strlen(docs[i]), name, &cause);
		CU_ASSERT_PTR_NULL(s);
		snapshot_free(s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
		CU_ASSERT_TRUE(all_ascii(cause));
		CU_ASSERT(strchr(cause, '\a') == NULL);
		if (strncmp(cause, wname, strlen(wname)) != 0)
			fprintf(stderr, "\ncause \"%s\"\n", cause);
		CU_ASSERT(strncmp(cause, wname, strlen(wname)) == 0);
		free(cause);
	}
}

/* A document cut in half, random bytes, 64 KiB of nesting. */
static void
test_bad_generated(void)
{
	struct snapshot	*s = build_sample();
	char		*json = jsonout_string(s, NULL, 0), *deep;
	unsigned char	 buf[4096];
	uint32_t	 x = 12345;
	size_t		 i, len = 64 * 1024;
	int		 round;

	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	expect_bad(json, strlen(json) / 2, BAD ":");
	free(json);
	snapshot_free(s);
	for (round = 0; round < 8; round++) {
		for (i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
		}
		buf[0] = round & 1 ? '{' : buf[0] | 0x80;
		expect_bad((const char *)buf, sizeof buf, BAD ":1:");
	}
	deep = xmalloc(len);
	memset(deep, '[', len);
	expect_bad(deep, len, "maximum parsing depth");
	memset(deep, '{', len);
	expect_bad(deep, len, BAD ":1:");
	free(deep);
}

static void
test_bad_file(void)
{
	const char	*path = "/nonexistent/treetop-test/missing.json";
	char		*cause = NULL;
	struct snapshot	*s;

	s = load_file(path, &cause);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
	CU_ASSERT(strncmp(cause, path, strlen(path)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "No such file"));
	free(cause);
	s = load_file("/", &cause);	/* a directory: a read error */
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT(cause != NULL && strncmp(cause, "/:", 2) == 0);
	free(cause);
	CU_ASSERT_PTR_NULL(load_file(path, NULL));	/* cause is optional */
}

/* Containers and units: loaded, written back the same, bad ones refused. */
/* expect_bad() for a C string. */
#define bad_doc(text, want)	expect_bad((text), strlen(text), (want))

static void
test_containers(void)
{
	static const char	 doc[] = DOC(
	    PROC("5", ",\"unit\":\"nginx.service\",\"container\":null") ","
	    PROC("6", ",\"unit\":null,\"container\":{\"runtime\":\"cri-o\","
	    "\"id\":\"3f1c0e7d9b2a\",\"name\":\"web\",\"pod\":{"
	    "\"namespace\":\"default\",\"name\":\"web-0\",\"uid\":\"u-1\"}}")
	    "," PROC("7", ",\"container\":{\"runtime\":\"podman\","
	    "\"id\":\"abc\",\"name\":null,\"pod\":null}"));
	const struct cgroup_info	*c;
	struct snapshot			*s = load_ok(doc), *back;
	char				*text, *again;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(procinfo_unit(s, snapshot_find(s, 5)),
	    "nginx.service");
	CU_ASSERT_PTR_NULL(procinfo_container(s, snapshot_find(s, 5)));
	c = procinfo_container(s, snapshot_find(s, 6));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->ident.runtime, CT_CRIO);
	CU_ASSERT_STRING_EQUAL(c->names.name, "web");
	CU_ASSERT_STRING_EQUAL(c->names.pod_namespace, "default");
	CU_ASSERT_STRING_EQUAL(c->ident.pod_uid, "u-1");
	c = procinfo_container(s, snapshot_find(s, 7));
	CU_ASSERT(c != NULL && c->names.name[0] == '\0');
	text = jsonout_string(s, NULL, 0);
	back = load_ok(text);
	again = back != NULL ? jsonout_string(back, NULL, 0) : NULL;
	CU_ASSERT(again != NULL && strcmp(text, again) == 0);
	free(text);
	free(again);
	snapshot_free(back);
	snapshot_free(s);
	bad_doc(DOC(PROC("5", ",\"container\":{\"runtime\":\"rkt\","
	    "\"id\":\"a\"}")), "unknown runtime");
	bad_doc(DOC(PROC("5", ",\"container\":{\"runtime\":\"lxc\"}")),
	    "container.id: missing");
	bad_doc(DOC(PROC("5", ",\"container\":7")),
	    "expected an object or null");
	bad_doc(DOC(PROC("5", ",\"unit\":7")), "expected a string");
}

static const struct runner_test tests[] = {
	{ "containers and units", test_containers },
	{ "round trip", test_round_trip },
	{ "written fields, flags, pid_namespaces", test_written_fields },
	{ "written reaping report, exit_status", test_written_reap },
	{ "defaults and truncation", test_defaults },
	{ "fields", test_fields },
	{ "fixture small.json", test_fixture },
	{ "bad documents", test_bad_docs },
	{ "hostile numbers: out of range, named", test_hostile_numbers },
	{ "range limits load", test_range_limits },
	{ "proc_foreign, proc_pidns, self.pid null", test_proc_foreign },
	{ "ns_user read back", test_ns_user_read_back },
	{ "nspid length", test_nspid_length },
	{ "bad: truncated, binary, deep", test_bad_generated },
	{ "bad: missing file", test_bad_file },
	{ "kernel state letters", test_kernel_states },
	{ "json output is ASCII, C1 and bidi escaped", test_json_ascii },
	{ "bad: file name escaped in causes", test_bad_name_escaped },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("load", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
