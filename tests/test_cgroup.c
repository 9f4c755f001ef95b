/*
 * Tests for proc/cgroup.c: every container layout it recognises, read
 * from fixture files (tests/fixtures/cgroup/) written as the kernel shows
 * them under docker, podman (rootful, rootless, cgroupfs), Kubernetes
 * (containerd and cri-o, systemd and cgroupfs drivers), LXC, nspawn and
 * plain systemd units; then malformed and hostile ones: no newline,
 * empty, garbage lines, IDs of the wrong shape, escapes in names, and
 * lines of hundreds of kilobytes made here.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/cgroup.h"
#include "proc/readfile.h"
#include "proc/xalloc.h"
#include "tests/runner.h"

#define ID "a185261865f65828dacec02e8d4b6ddf783e390b51f450ff47850118bb226a6c"
#define ID2 "3f1c0e7d9b2a4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f67"
#define POD "0f3c2a5e-9b1d-4c7e-8a6f-2d4b6c8e0a1f"

/* Parse the fixture called name into *out; returns what cgroup_parse() did. */
static bool
parse_fixture(const char *name, struct cgroup_ident *out)
{
	const char	*dir = getenv("FIXTURES");
	char		*path, *text;
	size_t		 len;
	bool		 truncated, found;
	int		 err;

	xasprintf(&path, "%s/cgroup/%s", dir != NULL && *dir != '\0' ?
	    dir : "tests/fixtures", name);
	text = readfile_bounded(-100 /* AT_FDCWD */, path, 1 << 20, &len,
	    &truncated, &err);
	if (text == NULL)
		fprintf(stderr, "\n  cannot read %s\n", path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	found = cgroup_parse(text, len, out);
	free(text);
	free(path);
	return found;
}

/* The fixture name says container rt/id, pod and unit ("" for none). */
static void
check(const char *name, enum ct_runtime rt, const char *id, const char *pod,
    const char *unit)
{
	struct cgroup_ident	c;
	bool			found = parse_fixture(name, &c);

	if (c.runtime != rt || strcmp(c.id, id) != 0 ||
	    strcmp(c.pod_uid, pod) != 0 || strcmp(c.unit, unit) != 0)
		fprintf(stderr, "\n  %s: got %d '%s' pod '%s' unit '%s'\n",
		    name, (int)c.runtime, c.id, c.pod_uid, c.unit);
	CU_ASSERT_EQUAL(c.runtime, rt);
	CU_ASSERT_STRING_EQUAL(c.id, id);
	CU_ASSERT_STRING_EQUAL(c.pod_uid, pod);
	CU_ASSERT_STRING_EQUAL(c.unit, unit);
	CU_ASSERT_EQUAL(found, rt != CT_NONE || *unit != '\0');
}

static void
test_docker(void)
{
	check("docker-systemd-v2", CT_DOCKER, ID, "", "docker-" ID ".scope");
	check("docker-cgroupfs-v1", CT_DOCKER, ID, "", "");
	check("no-newline", CT_DOCKER, ID, "", "docker-" ID ".scope");
}

static void
test_podman(void)
{
	check("podman-cgroupfs-hybrid", CT_PODMAN, ID, "", "");
	check("podman-systemd-v2", CT_PODMAN, ID, "", "libpod-" ID ".scope");
	check("podman-rootless", CT_PODMAN, ID, "", "libpod-" ID ".scope");
	/* conmon watches the container from outside it */
	check("podman-conmon", CT_NONE, "", "", "libpod-conmon-" ID ".scope");
}

static void
test_kubernetes(void)
{
	check("k8s-containerd-systemd", CT_CONTAINERD, ID2, POD,
	    "cri-containerd-" ID2 ".scope");
	check("k8s-crio-systemd", CT_CRIO, ID2, POD, "crio-" ID2 ".scope");
	check("k8s-guaranteed-systemd", CT_CONTAINERD, ID2, POD,
	    "cri-containerd-" ID2 ".scope");
	check("k8s-cgroupfs-v1", CT_CONTAINERD, ID2, POD, "");
	check("crio-plain", CT_CRIO, ID2, "", "crio-" ID2 ".scope");
}

static void
test_lxc_nspawn(void)
{
	check("lxc-payload", CT_LXC, "web01", "", "");
	check("lxc-nested-unit", CT_LXC, "web01", "", "nginx.service");
	check("nspawn", CT_NSPAWN, "db-primary", "", "postgresql.service");
}

static void
test_units(void)
{
	check("unit-service", CT_NONE, "", "", "nginx.service");
	check("unit-user-scope", CT_NONE, "", "",
	    "app-gnome-firefox-4242.scope");
	check("root-v2", CT_NONE, "", "", "");
	check("this-machine-shape", CT_NONE, "", "", "");
}

static void
test_malformed(void)
{
	check("empty", CT_NONE, "", "", "");
	check("malformed", CT_NONE, "", "", "");
	/* not container IDs, but still the scope systemd made */
	check("upper-hex", CT_NONE, "", "",
	    "docker-ABCDEF0123456789ABCDEF0123456789.scope");
	check("id-too-long", CT_NONE, "", "", "docker-" ID "0.scope");
	check("id-too-short", CT_NONE, "", "", "docker-abc.scope");
	check("lxc-long-name", CT_NONE, "", "", "");
	check("nspawn-slash", CT_NONE, "", "", "machine-a\\x2fb.scope");
	/* no such bytes in a unit name: not a unit */
	check("unit-escape", CT_NONE, "", "", "");
}

/* Names are kept as they are, for the writers to escape. */
static void
test_hostile_names(void)
{
	check("lxc-escape-name", CT_LXC, "\x1b]0;pwned\x07", "", "");
	check("nspawn-escape", CT_NSPAWN, "ev\x1bil", "",
	    "machine-ev\\x1bil.scope");
}

/* Hundreds of kilobytes in one line: parsed in one pass, nothing kept. */
static void
test_huge_lines(void)
{
	static const char	 tail[] = "docker-" ID ".scope\n";
	static const char	 nul[] = "0::/lxc.payload.a\0b\n0::/docker-" ID
	    ".scope";
	struct cgroup_ident	 c;
	size_t			 n = 400000, i;
	char			*text = xmalloc(n + sizeof tail + 32);

	memcpy(text, "0::/", 4);
	for (i = 4; i < n; i += 2)
		memcpy(text + i, "a/", 2);
	memcpy(text + n, tail, sizeof tail);
	CU_ASSERT_TRUE(cgroup_parse(text, strlen(text), &c));
	CU_ASSERT_EQUAL(c.runtime, CT_DOCKER);
	CU_ASSERT_STRING_EQUAL(c.id, ID);

	/* one component far longer than any name, then a good line */
	memcpy(text, "0::/", 4);
	memset(text + 4, 'x', n - 4);
	memcpy(text + n, ".service\n1:name=systemd:/ok.service\n", 37);
	CU_ASSERT_TRUE(cgroup_parse(text, strlen(text), &c));
	CU_ASSERT_EQUAL(c.runtime, CT_NONE);
	CU_ASSERT_STRING_EQUAL(c.unit, "ok.service");

	/* NUL bytes inside a line stop nothing and are never copied */
	CU_ASSERT_TRUE(cgroup_parse(nul, sizeof nul - 1, &c));
	CU_ASSERT_EQUAL(c.runtime, CT_DOCKER);
	free(text);
}

static void
test_runtime_names(void)
{
	CU_ASSERT_PTR_NULL(ct_runtime_name(CT_NONE));
	CU_ASSERT_STRING_EQUAL(ct_runtime_name(CT_CRIO), "cri-o");
	CU_ASSERT_EQUAL(ct_runtime_from_name("podman"), CT_PODMAN);
	CU_ASSERT_EQUAL(ct_runtime_from_name("rkt"), CT_NONE);
	CU_ASSERT_TRUE(cgroup_parse(NULL, 0, &(struct cgroup_ident){ 0 }) ==
	    false);
}

static const struct runner_test layout_tests[] = {
	{ "docker", test_docker },
	{ "podman", test_podman },
	{ "kubernetes", test_kubernetes },
	{ "lxc and nspawn", test_lxc_nspawn },
	{ "systemd units", test_units },
	{ "runtime names", test_runtime_names },
};

static const struct runner_test hostile_tests[] = {
	{ "malformed", test_malformed },
	{ "escapes in names", test_hostile_names },
	{ "huge lines", test_huge_lines },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("cgroup layouts", NULL, NULL, layout_tests),
		RUNNER_SUITE("hostile cgroup files", NULL, NULL, hostile_tests),
	};

	return runner_run(suites, RUNNER_COUNT(suites));
}
