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
#include "proc/snapshot.h"
#include "src/jsonout.h"
#include "tests/fx.h"
#include "tests/runner.h"

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
		p->ns[NS_UTS] = p->pid >= 20 && p->pid < 30 ? UTS_BOX :
		    p->pid == 30 ? UTS_DARK : UTS_HOST;
		p->ns[NS_USER] = p->pid >= 20 && p->pid < 30 ? USER_BOX :
		    USER_HOST;
		snprintf(p->user, USER_MAX, "%u", p->uid);
	}
	snprintf(fx_get(s, 10)->user, USER_MAX, "alice");
	snprintf(fx_get(s, 1)->user, USER_MAX, "root");
	snprintf(fx_get(s, 30)->user, USER_MAX, "root");
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
	fx_get(s, 21)->ns[NS_USER] = INODE_UNKNOWN;	/* another user's */
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

static const struct runner_test tests[] = {
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
