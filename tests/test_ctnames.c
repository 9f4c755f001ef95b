/*
 * Tests for proc/ctnames.c over fixture state trees
 * (tests/fixtures/ctstate/): podman's containers.json, docker's
 * config.v2.json and the kubelet's log directories, then what must give
 * no name and no error: truncated JSON, a file over its cap, a FIFO, a
 * missing root; names full of escapes are kept raw for the writers to
 * escape; an unknown ID is looked up again only after CTNAMES_RETRY.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/ctnames.h"
#include "proc/xalloc.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define ID "a185261865f65828dacec02e8d4b6ddf783e390b51f450ff47850118bb226a6c"
#define ID2 "3f1c0e7d9b2a4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f67"
#define ID3 "bbbb61865f65828dacec02e8d4b6ddf783e390b51f450ff47850118bb226a6c"
#define POD "0f3c2a5e-9b1d-4c7e-8a6f-2d4b6c8e0a1f"
#define POD2 "11111111-2222-3333-4444-555555555555"

static char	*state;	/* the fixture tree */

/* state/sub, for the roots; caller frees. */
static char *
fixture(const char *sub)
{
	char	*path;

	xasprintf(&path, "%s/%s", state, sub);
	return path;
}

/* A cache over the fixture tree (podman roots: podman, podman-bad). */
static struct ctnames *
fixture_cache(void)
{
	struct ctnames_roots	 r;
	struct ctnames		*cn;
	char			*p0 = fixture("podman-bad"), *p1 = fixture("podman");
	char			*d = fixture("docker"), *kp = fixture("kube/pods");
	char			*kc = fixture("kube/containers");

	memset(&r, 0, sizeof r);
	r.podman[0] = p0;
	r.podman[1] = p1;
	r.docker = d;
	r.kube_pods = kp;
	r.kube_containers = kc;
	cn = ctnames_new(&r);
	free(p0);
	free(p1);
	free(d);
	free(kp);
	free(kc);
	return cn;
}

/* Look up (rt, id, pod) at time now. */
static bool
lookup(struct ctnames *cn, enum ct_runtime rt, const char *id,
    const char *pod, double now, struct ct_names *out)
{
	struct cgroup_ident	c;

	memset(&c, 0, sizeof c);
	c.runtime = rt;
	snprintf(c.id, sizeof c.id, "%s", id);
	snprintf(c.pod_uid, sizeof c.pod_uid, "%s", pod);
	return ctnames_lookup(cn, &c, now, out);
}

static void
test_podman(void)
{
	struct ctnames	*cn = fixture_cache();
	struct ct_names	 n;

	CU_ASSERT_TRUE(lookup(cn, CT_PODMAN, ID, "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "tt-web");
	CU_ASSERT_STRING_EQUAL(n.pod_name, "");
	/* raw: escaping is the writers' job */
	CU_ASSERT_TRUE(lookup(cn, CT_PODMAN, ID3, "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "\x1b]0;pwned\x07red");
	/* no names[0], and an ID that is not there */
	CU_ASSERT_FALSE(lookup(cn, CT_PODMAN, ID2, "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "");
	CU_ASSERT_FALSE(lookup(cn, CT_PODMAN, "0123456789ab", "", 0, &n));
	/* the same ID under another runtime is another container */
	CU_ASSERT_FALSE(lookup(cn, CT_CRIO, ID, "", 0, &n));
	ctnames_free(cn);
}

static void
test_docker(void)
{
	struct ctnames	*cn = fixture_cache();
	struct ct_names	 n;

	CU_ASSERT_TRUE(lookup(cn, CT_DOCKER, ID, "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "tt-db");
	/* truncated JSON */
	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID2, "", 0, &n));
	CU_ASSERT_TRUE(lookup(cn, CT_DOCKER, ID3, "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "\x1b[2J\xe2\x80\xae" "evil");
	ctnames_free(cn);
}

static void
test_kubernetes(void)
{
	struct ctnames	*cn = fixture_cache();
	struct ct_names	 n;

	CU_ASSERT_TRUE(lookup(cn, CT_CONTAINERD, ID2, POD, 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "nginx");
	CU_ASSERT_STRING_EQUAL(n.pod_namespace, "default");
	CU_ASSERT_STRING_EQUAL(n.pod_name, "web-0");
	CU_ASSERT_TRUE(lookup(cn, CT_CRIO, ID3, POD, 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "sidecar");
	/* no log symlink: the pod's only container directory */
	CU_ASSERT_TRUE(lookup(cn, CT_CONTAINERD, ID, POD2, 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "coredns");
	CU_ASSERT_STRING_EQUAL(n.pod_namespace, "kube-system");
	CU_ASSERT_STRING_EQUAL(n.pod_name, "dns-1");
	/* a pod that is not there; a container without a pod */
	CU_ASSERT_FALSE(lookup(cn, CT_CONTAINERD, "cccccccccccc",
	    "99999999-2222-3333-4444-555555555555", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.pod_name, "");
	CU_ASSERT_FALSE(lookup(cn, CT_CONTAINERD, "dddddddddddd", "", 0, &n));
	ctnames_free(cn);
}

/* Write text to dir/containers/id/config.v2.json. */
static void
write_docker(const char *dir, const char *id, const char *text, size_t len)
{
	char	*path;
	FILE	*f;

	xasprintf(&path, "%s/containers/%s", dir, id);
	CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
	free(path);
	xasprintf(&path, "%s/containers/%s/config.v2.json", dir, id);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
	fclose(f);
	free(path);
}

/* A temporary docker root for the tests that make files; rm -r after. */
static char *
temp_docker(struct ctnames **cn)
{
	struct ctnames_roots	 r;
	char			*dir = xstrdup("/tmp/tt-ctnames-XXXXXX"), *sub;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	xasprintf(&sub, "%s/containers", dir);
	CU_ASSERT_EQUAL(mkdir(sub, 0700), 0);
	free(sub);
	memset(&r, 0, sizeof r);
	r.docker = dir;
	*cn = ctnames_new(&r);
	return dir;
}

static void
remove_tree(char *dir)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	CU_ASSERT_EQUAL(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* Over 1 MiB, a FIFO: no name, and no wait. */
static void
test_hostile_files(void)
{
	struct ctnames	*cn;
	struct ct_names	 n;
	char		*dir = temp_docker(&cn), *big, *path;
	size_t		 len = (1u << 20) + 100;
	int64_t		 t0;

	big = xmalloc(len);
	memset(big, ' ', len);
	memcpy(big, "{\"Name\": \"/big\"}", 16);
	write_docker(dir, ID, big, len);
	free(big);
	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID, "", 0, &n));
	xasprintf(&path, "%s/containers/%s", dir, ID2);
	CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
	free(path);
	xasprintf(&path, "%s/containers/%s/config.v2.json", dir, ID2);
	CU_ASSERT_EQUAL(mkfifo(path, 0600), 0);
	free(path);
	t0 = testutil_now_ms();
	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID2, "", 0, &n));
	CU_ASSERT_TRUE(testutil_now_ms() - t0 < 1000);
	ctnames_free(cn);
	remove_tree(dir);
}

/* An unknown ID is not read again until CTNAMES_RETRY has passed. */
static void
test_retry(void)
{
	static const char	 json[] = "{\"Name\": \"/late\"}";
	struct ctnames		*cn;
	struct ct_names		 n;
	char			*dir = temp_docker(&cn);

	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID, "", 100, &n));
	write_docker(dir, ID, json, sizeof json - 1);
	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID, "", 100 + CTNAMES_RETRY / 2,
	    &n));
	CU_ASSERT_TRUE(lookup(cn, CT_DOCKER, ID, "", 100 + CTNAMES_RETRY, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "late");
	/* once named, the cache answers even when the file is gone */
	remove_tree(dir);
	CU_ASSERT_TRUE(lookup(cn, CT_DOCKER, ID, "", 1000, &n));
	ctnames_free(cn);
}

/* Missing roots, and no roots at all. */
static void
test_missing(void)
{
	struct ctnames_roots	 r;
	struct ctnames		*cn;
	struct ct_names		 n;

	memset(&r, 0, sizeof r);
	r.podman[0] = "/nonexistent/storage";
	r.docker = "/nonexistent/docker";
	r.kube_pods = "/nonexistent/pods";
	cn = ctnames_new(&r);
	CU_ASSERT_FALSE(lookup(cn, CT_PODMAN, ID, "", 0, &n));
	CU_ASSERT_FALSE(lookup(cn, CT_DOCKER, ID, "", 0, &n));
	CU_ASSERT_FALSE(lookup(cn, CT_CONTAINERD, ID, POD, 0, &n));
	/* lxc and nspawn are named by their cgroup path alone */
	CU_ASSERT_TRUE(lookup(cn, CT_LXC, "web", "", 0, &n));
	CU_ASSERT_STRING_EQUAL(n.name, "web");
	ctnames_free(cn);
	memset(&r, 0, sizeof r);
	cn = ctnames_new(&r);
	CU_ASSERT_FALSE(lookup(cn, CT_PODMAN, ID, "", 0, &n));
	CU_ASSERT_FALSE(lookup(cn, CT_CONTAINERD, ID, POD, 0, &n));
	ctnames_free(cn);
}

static const struct runner_test tests[] = {
	{ "podman containers.json", test_podman },
	{ "docker config.v2.json", test_docker },
	{ "kubelet log directories", test_kubernetes },
	{ "big file and FIFO", test_hostile_files },
	{ "retry after a while", test_retry },
	{ "missing roots", test_missing },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("container names", NULL, NULL, tests),
	};
	const char	*dir = getenv("FIXTURES");
	int		 rc;

	xasprintf(&state, "%s/ctstate", dir != NULL && *dir != '\0' ? dir :
	    "tests/fixtures");
	rc = runner_run(suites, RUNNER_COUNT(suites));
	free(state);
	return rc;
}
