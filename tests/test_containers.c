/*
 * Tests for proc/containers.c on synthetic snapshots: zombies (whose
 * cgroup file reads as the root) placed by their namespace's init or
 * their parent, processes entered into a container's PID namespace from
 * outside (nsenter) marked, and those that belong (docker exec, a
 * nested PID namespace, a container sharing the host's) left alone;
 * counting containers with several units.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/containers.h"
#include "proc/rows_view.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define CT_NS	4026532249ull
#define NEST_NS	4026532300ull

/* An entry for runtime rt, id (and unit), as the scanner would add it. */
static uint32_t
entry(struct snapshot *s, enum ct_runtime rt, const char *id,
    const char *unit)
{
	struct cgroup_ident	c;

	memset(&c, 0, sizeof c);
	c.runtime = rt;
	strcpy(c.id, id);
	strcpy(c.unit, unit);
	return snapshot_intern_cgroup(s, &c, NULL);
}

/*
 * host init 1; conmon 50 (no container) -> container init 100 (NSpid
 * 100 1, in web) -> 101 (2) and zombie 102 (3, cgroup unread); 103,
 * nsenter'd from the host (NSpid 103 4, host cgroup).
 */
static struct snapshot *
scene(uint32_t *web, uint32_t *host)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	*host = entry(s, CT_NONE, "", "");
	*web = entry(s, CT_PODMAN, "abcdefabcdef0123", "");
	fx_proc(s, 1, 0, 1, 'S', "init")->cgroup = *host;
	fx_proc(s, 50, 1, 50, 'S', "conmon")->cgroup = *host;
	p = fx_proc(s, 100, 50, 100, 'S', "sh");
	fx_nspid(p, CT_NS, 2, 100, 1);
	p->cgroup = *web;
	p = fx_proc(s, 101, 100, 100, 'S', "sleep");
	fx_nspid(p, CT_NS, 2, 101, 2);
	p->cgroup = *web;
	p = fx_proc(s, 102, 100, 100, 'Z', "dead");
	fx_nspid(p, CT_NS, 2, 102, 3);
	p = fx_proc(s, 103, 1, 103, 'S', "sh");
	fx_nspid(p, CT_NS, 2, 103, 4);
	p->cgroup = *host;
	snapshot_sort(s);
	return s;
}

static void
test_zombie_by_init(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);

	containers_place(s);
	CU_ASSERT_EQUAL(fx_get(s, 102)->cgroup, web);
	CU_ASSERT_FALSE(fx_get(s, 102)->flags & PI_ENTERED);
	CU_ASSERT_EQUAL(fx_get(s, 50)->cgroup, host);
	snapshot_free(s);
}

/* A zombie in the host's namespace, whose parent is in a container. */
static void
test_zombie_by_parent(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);
	struct procinfo	*p = fx_proc(s, 200, 101, 100, 'Z', "x");

	p->cgroup = host;	/* read as the root */
	snapshot_sort(s);
	containers_place(s);
	CU_ASSERT_EQUAL(fx_get(s, 200)->cgroup, web);
	snapshot_free(s);
}

static void
test_entered(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);

	containers_place(s);
	CU_ASSERT_TRUE(fx_get(s, 103)->flags & PI_ENTERED);
	CU_ASSERT_FALSE(fx_get(s, 101)->flags & PI_ENTERED);
	CU_ASSERT_FALSE(fx_get(s, 100)->flags & PI_ENTERED);
	CU_ASSERT_FALSE(fx_get(s, 1)->flags & PI_ENTERED);
	CU_ASSERT_FALSE(fx_get(s, 50)->flags & PI_ENTERED);
	snapshot_free(s);
}

/* In the container's cgroup but the host's PID namespace: moved in. */
static void
test_moved_into_cgroup(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);

	fx_proc(s, 300, 1, 300, 'S', "intruder")->cgroup = web;
	snapshot_sort(s);
	containers_place(s);
	CU_ASSERT_TRUE(fx_get(s, 300)->flags & PI_ENTERED);
	snapshot_free(s);
}

/* A PID namespace nested in the container's belongs to it. */
static void
test_nested(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);
	struct procinfo	*p = fx_proc(s, 400, 101, 100, 'S', "inner");

	fx_nspid(p, NEST_NS, 3, 400, 5, 1);
	p->cgroup = web;
	p = fx_proc(s, 401, 400, 100, 'S', "inner2");
	fx_nspid(p, NEST_NS, 3, 401, 6, 2);
	p->cgroup = web;
	snapshot_sort(s);
	containers_place(s);
	CU_ASSERT_FALSE(fx_get(s, 400)->flags & PI_ENTERED);
	CU_ASSERT_FALSE(fx_get(s, 401)->flags & PI_ENTERED);
	snapshot_free(s);
}

/* --pid=host: no init of its own, nothing to compare with. */
static void
test_host_pid(void)
{
	struct snapshot	*s = fx_new();
	uint32_t	 host = entry(s, CT_NONE, "", "");
	uint32_t	 db = entry(s, CT_DOCKER, "0123456789abcdef", "");

	fx_proc(s, 1, 0, 1, 'S', "init")->cgroup = host;
	fx_proc(s, 10, 1, 10, 'S', "db")->cgroup = db;
	snapshot_sort(s);
	containers_place(s);
	CU_ASSERT_FALSE(fx_get(s, 10)->flags & PI_ENTERED);
	CU_ASSERT_EQUAL(containers_count(s), 1);
	snapshot_free(s);
}

static void
test_count(void)
{
	uint32_t	 web, host;
	struct snapshot	*s = scene(&web, &host);
	uint32_t	 web_unit = entry(s, CT_PODMAN, "abcdefabcdef0123",
	    "x.service");
	uint32_t	 other = entry(s, CT_LXC, "box", "");

	CU_ASSERT_EQUAL(containers_count(s), 1);
	fx_proc(s, 500, 1, 500, 'S', "a")->cgroup = web_unit;
	fx_proc(s, 501, 1, 501, 'S', "b")->cgroup = other;
	snapshot_sort(s);
	CU_ASSERT_EQUAL(containers_count(s), 2);
	CU_ASSERT_STRING_EQUAL(procinfo_unit(s, fx_get(s, 500)), "x.service");
	CU_ASSERT_PTR_NULL(procinfo_unit(s, fx_get(s, 501)));
	CU_ASSERT_PTR_NULL(procinfo_container(s, fx_get(s, 1)));
	snapshot_free(s);
}

/* Name it and add a second podman container and an lxc one. */
static struct snapshot *
named_scene(void)
{
	uint32_t		 web, host, db, box;
	struct snapshot		*s = scene(&web, &host);
	struct cgroup_info	*c = &s->cgroups[web - 1];

	strcpy(c->names.name, "tt-web");
	db = entry(s, CT_PODMAN, "abcdef999999ffff", "");
	strcpy(s->cgroups[db - 1].names.name, "tt-db");
	box = entry(s, CT_LXC, "box", "");
	fx_proc(s, 600, 1, 600, 'S', "db")->cgroup = db;
	fx_proc(s, 700, 1, 700, 'S', "box")->cgroup = box;
	snapshot_sort(s);
	containers_place(s);
	return s;
}

/* Find query: the ID of what it finds, or NULL with the cause checked. */
static const char *
find(const struct snapshot *s, const char *query, const char *cause_has)
{
	const struct cgroup_info	*c;
	char				*cause = NULL;

	c = containers_find(s, query, &cause);
	if (c == NULL) {
		CU_ASSERT_PTR_NOT_NULL(cause);
		if (cause != NULL && cause_has != NULL &&
		    strstr(cause, cause_has) == NULL)
			fprintf(stderr, "\n  cause: %s\n", cause);
		CU_ASSERT(cause != NULL && (cause_has == NULL ||
		    strstr(cause, cause_has) != NULL));
	}
	free(cause);
	return c != NULL ? c->ident.id : NULL;
}

static void
test_find(void)
{
	struct snapshot	*s = named_scene();
	const char	*id;

	id = find(s, "tt-web", NULL);
	CU_ASSERT(id != NULL && strcmp(id, "abcdefabcdef0123") == 0);
	id = find(s, "abcdef9", NULL);
	CU_ASSERT(id != NULL && strcmp(id, "abcdef999999ffff") == 0);
	id = find(s, "abcdefabcdef0123", NULL);
	CU_ASSERT(id != NULL && strcmp(id, "abcdefabcdef0123") == 0);
	id = find(s, "box", NULL);
	CU_ASSERT(id != NULL && strcmp(id, "box") == 0);
	/* two IDs start so; a name nobody has; an lxc name is not a prefix */
	CU_ASSERT_PTR_NULL(find(s, "abcdef", "ambiguous"));
	CU_ASSERT_PTR_NULL(find(s, "nope", "no container 'nope'"));
	CU_ASSERT_PTR_NULL(find(s, "bo", "no container"));
	/* escaped in the message */
	CU_ASSERT_PTR_NULL(find(s, "\x1b[2J", "'\\e[2J'"));
	snapshot_free(s);
}

static void
test_init_of(void)
{
	struct snapshot			*s = named_scene();
	const struct cgroup_info	*web = containers_find(s, "tt-web", NULL);
	const struct cgroup_info	*db = containers_find(s, "tt-db", NULL);
	const struct procinfo		*init;

	CU_ASSERT_PTR_NOT_NULL_FATAL(web);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	init = containers_init(s, &web->ident);
	CU_ASSERT(init != NULL && init->pid == 100);
	CU_ASSERT_PTR_NULL(containers_init(s, &db->ident));
	snapshot_free(s);
}

/*
 * / finds a process by its container's name (not a ghost's copy), and
 * in the namespace view by its PID inside.
 */
static void
test_search(void)
{
	struct snapshot	*s = named_scene();
	struct procinfo	 copy = *fx_get(s, 101);

	CU_ASSERT_TRUE(rows_proc_matches(s, fx_get(s, 101), "T-WEB", false));
	CU_ASSERT_TRUE(rows_proc_matches(s, fx_get(s, 600), "tt-db", false));
	CU_ASSERT_FALSE(rows_proc_matches(s, fx_get(s, 1), "tt-", false));
	CU_ASSERT_FALSE(rows_proc_matches(NULL, fx_get(s, 101), "tt-web",
	    false));
	/* in the namespace view, a PID inside the namespace too */
	CU_ASSERT_TRUE(rows_proc_matches(s, fx_get(s, 101), "2", true));
	CU_ASSERT_FALSE(rows_proc_matches(s, fx_get(s, 101), "2", false));
	CU_ASSERT_TRUE(rows_proc_matches(s, fx_get(s, 101), "101", true));
	copy.cgroup = 0;
	CU_ASSERT_FALSE(rows_proc_matches(s, &copy, "tt-web", false));
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "search by container name", test_search },
	{ "find by name, ID, prefix", test_find },
	{ "a container's init", test_init_of },
	{ "zombie placed by its init", test_zombie_by_init },
	{ "zombie placed by its parent", test_zombie_by_parent },
	{ "nsenter marked entered", test_entered },
	{ "moved into a cgroup", test_moved_into_cgroup },
	{ "nested PID namespace", test_nested },
	{ "container with the host's PIDs", test_host_pid },
	{ "count", test_count },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("containers", NULL, NULL, tests),
	};

	return runner_run(suites, RUNNER_COUNT(suites));
}
