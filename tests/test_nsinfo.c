/*
 * The UTS and user namespace tables (nsinfo.c): lookups, uid maps read
 * backwards, the USER text, and their JSON round trip through jsonout.c
 * and load.c, malformed tables included.  No /proc, no terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <jansson.h>

#include "proc/load.h"
#include "proc/nsinfo.h"
#include "proc/nstable.h"
#include "proc/procdetail.h"
#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/view.h"
#include "proc/snapshot.h"
#include "src/batch.h"
#include "src/jsonout.h"
#include "tests/fx.h"
#include "tests/runner.h"
#include "ui/detailfmt.h"

#define UTS_HOST	4026531838ull
#define UTS_BOX		4026532300ull
#define UTS_DARK	4026532301ull	/* hostname unknown */
#define USER_HOST	4026531837ull
#define USER_BOX	4026532400ull
#define PIDNS_BOX	4026532500ull

/* Bytes a container's owner may choose: ESC, a lone 0xff. */
static const char hostile_host[] = "web\033]0;x\a\xff";

/*
 * The host (pid 1, 10 as uid 1000) and a container: init 20 (root inside,
 * 100000 outside), 21 as uid 101000 (1000 inside), 22 as 300000
 * (unmapped), 30 in a UTS namespace whose hostname is unknown.
 */
static struct snapshot *
build_sample(void)
{
	static const struct idmap_extent	ident[] = { { 0, 0, 4294967295u } };
	static const struct idmap_extent	box[] = {
		{ 0, 100000, 1000 }, { 1000, 101000, 64536 },
	};
	struct snapshot		*s = fx_new();
	struct userns_info	*u;
	struct utsns_info	*t;
	struct procinfo		*p;
	char			 name[USER_MAX];
	pid_t			 pid;

	fx_proc(s, 1, 0, 1, 'S', "init")->uid = 0;
	fx_proc(s, 10, 1, 10, 'S', "sh")->uid = 1000;
	fx_proc(s, 20, 1, 20, 'S', "boxinit")->uid = 100000;
	fx_proc(s, 21, 20, 20, 'S', "app")->uid = 101000;
	fx_proc(s, 22, 20, 20, 'S', "odd")->uid = 300000;
	fx_proc(s, 30, 1, 30, 'S', "dark")->uid = 0;
	for (pid = 20; pid <= 22; pid++)
		fx_nspid(fx_get(s, pid), PIDNS_BOX, 2, pid, pid - 19);
	for (p = s->procs; p < s->procs + s->nprocs; p++) {
		fx_ns(p)[NS_UTS] = p->pid >= 20 && p->pid < 30 ? UTS_BOX :
		    p->pid == 30 ? UTS_DARK : UTS_HOST;
		fx_ns(p)[NS_USER] = p->pid >= 20 && p->pid < 30 ? USER_BOX :
		    USER_HOST;
		snprintf(name, sizeof name, "%u", p->uid);
		snapshot_set_user(s, p, name);
	}
	fx_get(s, 10)->user = "alice";
	fx_get(s, 1)->user = "root";
	fx_get(s, 30)->user = "root";
	/* Out of order on purpose: nsinfo_sort() sorts. */
	t = snapshot_add_utsns(s, UTS_DARK);
	t = snapshot_add_utsns(s, UTS_BOX);
	t->known = true;
	snprintf(t->hostname, sizeof t->hostname, "%s", hostile_host);
	t = snapshot_add_utsns(s, UTS_HOST);
	t->known = true;
	snprintf(t->hostname, sizeof t->hostname, "vm");
	u = snapshot_add_userns(s, USER_BOX);
	snapshot_set_idmap(s, &u->uid_map, box, 2);
	u = snapshot_add_userns(s, USER_HOST);
	snapshot_set_idmap(s, &u->uid_map, ident, 1);
	snapshot_set_idmap(s, &u->gid_map, ident, 1);
	snapshot_sort(s);
	nsinfo_sort(s);
	nstable_build(s);
	return s;
}

static void
test_lookups(void)
{
	struct snapshot		*s = build_sample();
	const struct pidns_info	*ns = snapshot_find_pidns(s, PIDNS_BOX);

	CU_ASSERT_PTR_NULL(nsinfo_uts(s, INODE_UNKNOWN));
	CU_ASSERT_PTR_NULL(nsinfo_uts(s, 12345));
	CU_ASSERT_PTR_NOT_NULL(nsinfo_user(s, USER_BOX));
	CU_ASSERT_STRING_EQUAL(nsinfo_hostname(s, fx_get(s, 21)),
	    hostile_host);
	CU_ASSERT_STRING_EQUAL(nsinfo_hostname(s, fx_get(s, 10)), "vm");
	CU_ASSERT_PTR_NULL(nsinfo_hostname(s, fx_get(s, 30)));
	CU_ASSERT_FATAL(ns != NULL && ns->init_pid == 20);
	CU_ASSERT_STRING_EQUAL(nsinfo_pidns_hostname(s, ns), hostile_host);
	snapshot_free(s);
}

static void
test_map_back(void)
{
	static const struct idmap_extent	v[] = {
		{ 0, 100000, 1 }, { 1, 200001, 9 }, { 4294967294u, 0, 1 },
	};
	struct snapshot	*s = fx_new();
	struct idmap	 m = { 0 };

	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 0), UID_UNKNOWN);	/* unknown */
	snapshot_set_idmap(s, &m, NULL, 0);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 0), UID_UNKNOWN);	/* unwritten */
	snapshot_set_idmap(s, &m, v, 3);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 100000), 0);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 100001), UID_UNKNOWN);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 200001), 1);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 200009), 9);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 200010), UID_UNKNOWN);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 0), 4294967294u);
	CU_ASSERT_EQUAL(nsinfo_map_back(&m, 199999), UID_UNKNOWN);
	snapshot_free(s);
}

static void
test_user_label(void)
{
	struct snapshot	*s = build_sample();
	char		 buf[NSINFO_USER_MAX];

	nsinfo_user_label(s, fx_get(s, 10), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "alice");	/* identity map */
	nsinfo_user_label(s, fx_get(s, 20), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "root(100000)");
	nsinfo_user_label(s, fx_get(s, 21), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "1000(101000)");
	nsinfo_user_label(s, fx_get(s, 22), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "300000");	/* unmapped: as is */
	CU_ASSERT_EQUAL(nsinfo_ns_uid(s, fx_get(s, 22)), UID_UNKNOWN);
	CU_ASSERT_EQUAL(nsinfo_ns_uid(s, fx_get(s, 21)), 1000);
	fx_ns(fx_get(s, 21))[NS_USER] = INODE_UNKNOWN;	/* another user's */
	nsinfo_user_label(s, fx_get(s, 21), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "101000");
	snapshot_free(s);
}

/* The written document, parsed back by jansson. */
static json_t *
dump_parse(const struct snapshot *s)
{
	char	*text = jsonout_string(s, NULL, JSONOUT_COMPACT);
	json_t	*root = text != NULL ? json_loads(text, 0, NULL) : NULL;

	free(text);
	return root;
}

static void
test_written(void)
{
	struct snapshot	*s = build_sample();
	json_t		*root = dump_parse(s), *uts, *usr, *pidns, *procs;
	char		*map;

	CU_ASSERT_FATAL(root != NULL);
	uts = json_object_get(root, "uts_namespaces");
	usr = json_object_get(root, "user_namespaces");
	pidns = json_object_get(root, "pid_namespaces");
	procs = json_object_get(root, "processes");
	CU_ASSERT_EQUAL(json_array_size(uts), 3);
	/* By inode; the hostname's bad byte as \xff, ESC kept as a JSON escape. */
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(uts,
	    0), "inode")), UTS_HOST);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(
	    json_array_get(uts, 1), "hostname")), "web\033]0;x\a\\xff");
	CU_ASSERT(json_is_null(json_object_get(json_array_get(uts, 2),
	    "hostname")));
	map = json_dumps(json_object_get(json_array_get(usr, 1), "uid_map"),
	    JSON_COMPACT);
	CU_ASSERT_STRING_EQUAL(map, "[[0,100000,1000],[1000,101000,64536]]");
	free(map);
	CU_ASSERT(json_is_null(json_object_get(json_array_get(usr, 1),
	    "gid_map")));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(
	    json_array_get(pidns, 1), "hostname")), "web\033]0;x\a\\xff");
	/* processes by pid: 1 10 20 21 22 30. */
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(
	    procs, 1), "ns_uid")), 1000);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(
	    procs, 2), "ns_uid")), 0);
	CU_ASSERT(json_is_null(json_object_get(json_array_get(procs, 4),
	    "ns_uid")));
	json_decref(root);
	snapshot_free(s);
}

static void
test_round_trip(void)
{
	struct snapshot	*s = build_sample(), *back;
	char		*text = jsonout_string(s, NULL, 0), *again, *cause = NULL;

	CU_ASSERT_FATAL(text != NULL);
	back = load_string(text, strlen(text), "t.json", &cause);
	CU_ASSERT_FATAL(back != NULL);
	nstable_build(back);
	CU_ASSERT_EQUAL(back->nutsns, 3);
	CU_ASSERT_EQUAL(back->nuserns, 2);
	CU_ASSERT_EQUAL(nsinfo_ns_uid(back, fx_get(back, 21)), 1000);
	CU_ASSERT_PTR_NULL(nsinfo_hostname(back, fx_get(back, 30)));
	again = jsonout_string(back, NULL, 0);
	CU_ASSERT(again != NULL && strcmp(text, again) == 0);
	free(again);
	free(text);
	free(cause);
	snapshot_free(back);
	snapshot_free(s);
}

/* Each document must be refused with a cause naming the place. */
static void
test_bad_tables(void)
{
	static const struct {
		const char	*tables;
		const char	*cause;
	} bad[] = {
		{ "\"uts_namespaces\": {}", "uts_namespaces: expected an array" },
		{ "\"uts_namespaces\": [{}]", "uts_namespaces[0].inode: missing" },
		{ "\"uts_namespaces\": [{\"inode\": 1, \"hostname\": 5}]",
		    "hostname: expected a string" },
		{ "\"user_namespaces\": [{\"inode\": 1, \"uid_map\": [[0, 1]]}]",
		    "uid_map: expected [inside, outside, count]" },
		{ "\"user_namespaces\": [{\"inode\": 1, \"gid_map\": "
		    "[[0, 1, 4294967296]]}]", "out of range" },
		{ "\"user_namespaces\": [{\"inode\": 1, \"uid_map\": 3}]",
		    "expected an array of at most 340" },
		{ "\"user_namespaces\": [7]", "user_namespaces[0]: expected" },
	};
	char		 doc[512], *cause;
	struct snapshot	*s;
	size_t		 i;

	for (i = 0; i < RUNNER_COUNT(bad); i++) {
		snprintf(doc, sizeof doc, "{\"schema\": \"treetop/1\", "
		    "\"processes\": [], %s}", bad[i].tables);
		cause = NULL;
		s = load_string(doc, strlen(doc), "bad.json", &cause);
		CU_ASSERT_PTR_NULL(s);
		CU_ASSERT(cause != NULL && strstr(cause, bad[i].cause) != NULL);
		if (cause == NULL || strstr(cause, bad[i].cause) == NULL)
			fprintf(stderr, "%zu: %s\n", i, cause ? cause : "(null)");
		free(cause);
		snapshot_free(s);
	}
}

/* 341 extents: one more than the kernel allows. */
static void
test_map_too_long(void)
{
	char		*doc, *cause = NULL, *o;
	struct snapshot	*s;
	size_t		 i;

	doc = o = malloc(64 + 341 * 16);
	CU_ASSERT_FATAL(doc != NULL);
	o += sprintf(o, "{\"schema\": \"treetop/1\", \"processes\": [], "
	    "\"user_namespaces\": [{\"inode\": 1, \"uid_map\": [");
	for (i = 0; i < 341; i++)
		o += sprintf(o, "%s[%zu,%zu,1]", i ? "," : "", i, i);
	sprintf(o, "]}]}");
	s = load_string(doc, strlen(doc), "long.json", &cause);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT(cause != NULL && strstr(cause, "at most 340") != NULL);
	free(cause);
	free(doc);
}

/*
 * The namespaces a process does not share with its parent: 20 made a
 * new UTS, user and PID namespace (as unshare does), 21 and 22 share
 * all of 20's, 30 only a UTS namespace.  Unknown links never count.
 */
static void
test_differs(void)
{
	struct snapshot	*s = build_sample();
	char		 buf[NSINFO_DIFFERS_MAX];

	fx_ns(fx_get(s, 20))[NS_PID] = PIDNS_BOX;
	fx_ns(fx_get(s, 1))[NS_PID] = FX_HOST_PIDNS;
	CU_ASSERT_EQUAL(nsinfo_differs(s, fx_get(s, 20)),
	    (1u << NS_PID) | (1u << NS_UTS) | (1u << NS_USER));
	nsinfo_differs_text(nsinfo_differs(s, fx_get(s, 20)), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "[pid,uts,user]");
	CU_ASSERT_EQUAL(nsinfo_differs(s, fx_get(s, 21)), 0);
	nsinfo_differs_text(nsinfo_differs(s, fx_get(s, 30)), buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "[uts]");
	fx_ns(fx_get(s, 30))[NS_UTS] = INODE_UNKNOWN;	/* a zombie's */
	CU_ASSERT_EQUAL(nsinfo_differs(s, fx_get(s, 30)), 0);
	CU_ASSERT_EQUAL(nsinfo_differs(s, fx_get(s, 1)), 0);	/* no parent */
	nsinfo_differs_text(0, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "");
	nsinfo_differs_text(0xff, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "[pid,mnt,net,uts,ipc,user,cgroup,time]");
	snapshot_free(s);
}

/* The rows of s grouped by namespace type t. */
static void
build_grouped(struct fx_scene *sc, struct snapshot *s, enum ns_type t)
{
	struct viewstate	vs;

	memset(&vs, 0, sizeof vs);
	vs.layout = ROWS_BY_PIDNS;
	vs.group_ns = t;
	fx_scene_build(sc, s);
	rows_build(&sc->rows, sc->tree, &vs);
}

/*
 * By UTS namespace: treetop's own (pid 10 is treetop here) first, then
 * by inode; each header with the inode and the processes sharing it,
 * each member under it as a tree.
 */
static void
test_group_by_uts(void)
{
	struct snapshot		*s = build_sample();
	struct fx_scene		 sc;
	const struct rows	*r = &sc.rows;
	char			 title[512];

	s->self_pid = 10;
	build_grouped(&sc, s, NS_UTS);
	CU_ASSERT_FATAL(r->n == 9);
	CU_ASSERT_PTR_NULL(r->v[0].proc);
	CU_ASSERT_EQUAL(r->v[0].group_inode, UTS_HOST);
	CU_ASSERT_EQUAL(r->v[0].group_members, 2);
	CU_ASSERT_EQUAL(r->v[1].proc->pid, 1);
	CU_ASSERT_EQUAL(r->v[2].proc->pid, 10);
	CU_ASSERT_EQUAL(r->v[2].depth, 2);	/* under init, under the header */
	CU_ASSERT_EQUAL(r->v[3].group_inode, UTS_BOX);
	CU_ASSERT_EQUAL(r->v[3].group_members, 3);
	CU_ASSERT_EQUAL(r->v[4].proc->pid, 20);
	CU_ASSERT_EQUAL(r->v[5].proc->pid, 21);
	CU_ASSERT_EQUAL(r->v[5].depth, 2);
	CU_ASSERT_EQUAL(r->v[7].group_inode, UTS_DARK);
	CU_ASSERT_EQUAL(r->v[8].proc->pid, 30);
	CU_ASSERT_EQUAL(r->v[8].depth, 1);	/* its parent is elsewhere */
	nsinfo_group_title(sc.snap, NS_UTS, r->v[0].group_inode,
	    r->v[0].group_members, NULL, true, title, sizeof title);
	CU_ASSERT_STRING_EQUAL(title, "uts namespace 4026531838 (treetop's)"
	    "  shared by 2 processes  hostname vm");
	/* The hostname escaped: ESC and BEL as \e and \x07, 0xff as \xff. */
	nsinfo_group_title(sc.snap, NS_UTS, UTS_BOX, 3, NULL, true, title,
	    sizeof title);
	CU_ASSERT_PTR_NULL(strchr(title, '\033'));
	CU_ASSERT_PTR_NOT_NULL(strstr(title, "hostname web\\e]0;x\\x07"
	    "\\xff"));
	nsinfo_group_title(sc.snap, NS_USER, USER_BOX, 3, NULL, true, title,
	    sizeof title);
	CU_ASSERT_STRING_EQUAL(title, "user namespace 4026532400  shared by "
	    "3 processes  uid map 0:100000:1000,1000:101000:64536");
	nsinfo_group_title(sc.snap, NS_NET, INODE_UNKNOWN, 1, NULL, true, title,
	    sizeof title);
	CU_ASSERT_STRING_EQUAL(title, "net namespace unknown (its ns/net link "
	    "could not be read)  1 process");
	fx_scene_free(&sc);
}

/* Unknown links make a last section of their own; threads do not count. */
static void
test_group_unknown_and_threads(void)
{
	struct snapshot		*s = build_sample();
	struct fx_scene		 sc;
	struct procinfo		*t;
	const struct rows	*r = &sc.rows;

	fx_ns(fx_get(s, 30))[NS_NET] = INODE_UNKNOWN;
	t = fx_proc(s, 23, 20, 20, 'S', "worker");
	t->tgid = 21;
	t->flags |= PI_THREAD;
	for (t = s->procs; t < s->procs + s->nprocs; t++)
		if (t->pid != 30)
			fx_ns(t)[NS_NET] = 4026531840;
	build_grouped(&sc, s, NS_NET);
	CU_ASSERT_FATAL(r->n >= 2);
	CU_ASSERT_EQUAL(r->v[0].group_inode, 4026531840);
	CU_ASSERT_EQUAL(r->v[0].group_members, 5);	/* not the thread */
	CU_ASSERT_PTR_NULL(r->v[r->n - 2].proc);
	CU_ASSERT_EQUAL(r->v[r->n - 2].group_inode, INODE_UNKNOWN);
	CU_ASSERT_EQUAL(r->v[r->n - 2].group_members, 1);
	CU_ASSERT_EQUAL(r->v[r->n - 1].proc->pid, 30);
	fx_scene_free(&sc);
}

/* g: PID, then mnt ... time, then back to the tree. */
static void
test_cycle(void)
{
	struct snapshot		*s = build_sample();
	struct viewstate	 base;
	struct fx_scene		 sc;
	struct view		 v;
	int			 t;

	fx_scene_build(&sc, s);
	memset(&base, 0, sizeof base);
	view_init(&v);
	view_set_base(&v, &base);
	view_set_tree(&v, sc.tree);
	for (t = 0; t < NS_COUNT; t++) {
		view_cycle_ns_group(&v);
		CU_ASSERT_EQUAL(v.vs.layout, ROWS_BY_PIDNS);
		CU_ASSERT_EQUAL((int)v.vs.group_ns, t);
		CU_ASSERT_PTR_NULL(v.rows.v[0].proc);
	}
	view_cycle_ns_group(&v);
	CU_ASSERT_EQUAL(v.vs.layout, ROWS_TREE);
	CU_ASSERT_PTR_NOT_NULL(v.rows.v[0].proc);
	view_done(&v);
	fx_scene_free(&sc);
}

/* -b --group-ns uts: a "---" title per section, [uts] before commands. */
static void
test_batch_sections(void)
{
	struct snapshot		*s = build_sample();
	struct batch_style	 style = { GLYPHS_ASCII, false, NULL, NS_UTS, NULL };
	struct fx_scene		 sc;
	char			*text = NULL;
	size_t			 len;
	FILE			*f;

	s->self_pid = 10;
	build_grouped(&sc, s, NS_UTS);
	style.snap = sc.snap;
	f = open_memstream(&text, &len);
	CU_ASSERT_FATAL(f != NULL);
	batch_write(f, &sc.rows, &style);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n--- uts namespace 4026531838 "
	    "(treetop's)  shared by 2 processes  hostname vm\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n--- uts namespace 4026532301  "
	    "shared by 1 process\n"));
	/* A nested init's hostname first, escaped: it is untrusted. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "`-[hostname web\\e]0;x\\x07"
	    "\\xff] [pid,uts,user] boxinit\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "`-[uts] dark\n"));
	CU_ASSERT_PTR_NULL(strchr(text, '\033'));
	free(text);
	fx_scene_free(&sc);
}

/* Whether a line of dl holds text. */
static bool
lines_hold(const struct detail_lines *dl, const char *text)
{
	size_t	i;

	for (i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].text, text) != NULL)
			return true;
	return false;
}

/* The details: the user inside, the hostname and the map, escaped. */
static void
test_details(void)
{
	struct snapshot		*s = build_sample();
	struct procdetail	 d;
	struct detail_lines	 dl;

	procdetail_init(&d);
	detail_lines_init(&dl);
	CU_ASSERT_FATAL(procdetail_from_snapshot(&d, s, 20, 200) == 0);
	detailfmt_format(&d, s, true, &dl);
	CU_ASSERT(lines_hold(&dl, "100000 (uid 100000), uid 0 inside its "
	    "user namespace (root)"));
	CU_ASSERT(lines_hold(&dl, "hostname web\\e]0;x\\x07\\xff"));
	CU_ASSERT(lines_hold(&dl, "uid map 0:100000:1000,1000:101000:64536"));
	detail_lines_done(&dl);
	procdetail_done(&d);
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "the details", test_details },
	{ "namespaces that differ from the parent's", test_differs },
	{ "grouped by UTS namespace, titles", test_group_by_uts },
	{ "grouped: unknown links, threads", test_group_unknown_and_threads },
	{ "g cycles the namespace types", test_cycle },
	{ "-b sections and marks", test_batch_sections },
	{ "lookups and a PID namespace's hostname", test_lookups },
	{ "uid maps read backwards", test_map_back },
	{ "USER as seen inside", test_user_label },
	{ "written uts_namespaces, user_namespaces, ns_uid", test_written },
	{ "round trip", test_round_trip },
	{ "bad tables refused", test_bad_tables },
	{ "a map longer than the kernel's", test_map_too_long },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("nsinfo", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
