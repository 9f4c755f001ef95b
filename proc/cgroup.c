/*
 * /proc/PID/cgroup text -> container identity and systemd unit (see
 * cgroup.h for the paths recognised).  One pass over each line's path,
 * component by component, with a little state for the layouts where a
 * container is named by its parent (/docker/ID, /kubepods/.../podUID/ID).
 */
#include "config.h"
#include "cgroup.h"

#include <string.h>

#define ID_MIN	12	/* the short form docker ps prints */

/* The state of one path's walk. */
struct cgroup_walk {
	struct cgroup_ident	 found;
	bool			 after_docker;	/* the last component was "docker" */
	bool			 in_kubepods;	/* below a kubepods component */
	bool			 have_pod;	/* a pod's component was seen */
	char			 pod_uid[CGROUP_POD_UID_MAX];
};

static const char *const runtime_names[CT_RUNTIME_COUNT] = {
	[CT_DOCKER] = "docker", [CT_PODMAN] = "podman",
	[CT_CONTAINERD] = "containerd", [CT_CRIO] = "cri-o",
	[CT_LXC] = "lxc", [CT_NSPAWN] = "nspawn",
};

const char *
ct_runtime_name(enum ct_runtime rt)
{
	return rt > CT_NONE && rt < CT_RUNTIME_COUNT ? runtime_names[rt] : NULL;
}

enum ct_runtime
ct_runtime_from_name(const char *name)
{
	int	rt;

	for (rt = CT_NONE + 1; rt < CT_RUNTIME_COUNT; rt++)
		if (strcmp(runtime_names[rt], name) == 0)
			return (enum ct_runtime)rt;
	return CT_NONE;
}

bool
cgroup_same_container(const struct cgroup_ident *a,
    const struct cgroup_ident *b)
{
	return a->runtime == b->runtime && strcmp(a->id, b->id) == 0;
}

/*
 * Whether the n bytes at c are prefix, something, then suffix; the
 * something in *mid, *midlen.
 */
static bool
cgroup_affix(const char *c, size_t n, const char *prefix, const char *suffix,
    const char **mid, size_t *midlen)
{
	size_t	pl = strlen(prefix), sl = strlen(suffix);

	if (n <= pl + sl || memcmp(c, prefix, pl) != 0 ||
	    memcmp(c + n - sl, suffix, sl) != 0)
		return false;
	*mid = c + pl;
	*midlen = n - pl - sl;
	return true;
}

/* As cgroup_affix(), the suffix ".scope" optional. */
static bool
cgroup_prefixed(const char *c, size_t n, const char *prefix,
    const char **mid, size_t *midlen)
{
	return cgroup_affix(c, n, prefix, ".scope", mid, midlen) ||
	    cgroup_affix(c, n, prefix, "", mid, midlen);
}

static int
cgroup_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
cgroup_hex_id(const char *s, size_t n)
{
	size_t	i;

	if (n < ID_MIN || n >= CGROUP_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (cgroup_hexval(s[i]) < 0 || (s[i] >= 'A' && s[i] <= 'F'))
			return false;
	return true;
}

/* Copy n bytes to a buffer of size bytes as a string; false if too long. */
static bool
cgroup_copy(char *to, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return false;
	memcpy(to, s, n);
	to[n] = '\0';
	return true;
}

/* Record the container rt, id (a hex ID, unless any_name). */
static bool
cgroup_set(struct cgroup_walk *w, enum ct_runtime rt, const char *id,
    size_t n, bool any_name)
{
	if (!(any_name ? n > 0 && memchr(id, '\0', n) == NULL :
	    cgroup_hex_id(id, n)))
		return false;
	if (!cgroup_copy(w->found.id, sizeof w->found.id, id, n))
		return false;
	w->found.runtime = rt;
	memcpy(w->found.pod_uid, w->pod_uid, sizeof w->pod_uid);
	return true;
}

/* A pod UID (systemd writes its dashes as underscores) into w. */
static bool
cgroup_pod_uid(struct cgroup_walk *w, const char *s, size_t n)
{
	size_t	i;

	if (n < 32 || n >= sizeof w->pod_uid)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '_' || s[i] == '-')
			w->pod_uid[i] = '-';
		else if ((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f'))
			w->pod_uid[i] = s[i];
		else
			return false;
	}
	w->pod_uid[n] = '\0';
	w->have_pod = true;
	return true;
}

/*
 * A machine name with systemd's escaping (\xHH) undone into to; false
 * when it does not fit, is empty, or decodes to NUL or '/'.
 */
static bool
cgroup_unescape(char *to, size_t size, const char *s, size_t n)
{
	size_t	i, o = 0;
	int	hi, lo;
	char	c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\\' && i + 3 < n && s[i + 1] == 'x' &&
		    (hi = cgroup_hexval(s[i + 2])) >= 0 &&
		    (lo = cgroup_hexval(s[i + 3])) >= 0) {
			c = (char)(hi << 4 | lo);
			i += 3;
		}
		if (c == '\0' || c == '/' || o + 1 >= size)
			return false;
		to[o++] = c;
	}
	to[o] = '\0';
	return o > 0;
}

/* A unit name: .service or .scope, of the bytes systemd allows. */
static bool
cgroup_unit(struct cgroup_walk *w, const char *c, size_t n)
{
	static const char allowed[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.\\@";
	const char	*mid;
	size_t		 i, midlen;

	if (!cgroup_affix(c, n, "", ".service", &mid, &midlen) &&
	    !cgroup_affix(c, n, "", ".scope", &mid, &midlen))
		return false;
	for (i = 0; i < n; i++)
		if (c[i] == '\0' || strchr(allowed, c[i]) == NULL)
			return false;
	return cgroup_copy(w->found.unit, sizeof w->found.unit, c, n);
}

/* The Kubernetes components: kubepods*, a pod's, a bare container ID. */
static bool
cgroup_kube(struct cgroup_walk *w, const char *c, size_t n)
{
	const char	*mid;
	size_t		 midlen, i;

	if (n >= 8 && memcmp(c, "kubepods", 8) == 0) {
		w->in_kubepods = true;
		/* kubepods-burstable-pod<uid>.slice: the last "-pod" */
		for (i = n; i >= 4; i--)
			if (memcmp(c + i - 4, "-pod", 4) == 0)
				break;
		if (i >= 4 && cgroup_affix(c + i, n - i, "", ".slice", &mid,
		    &midlen))
			(void)cgroup_pod_uid(w, mid, midlen);
		return true;
	}
	if (!w->in_kubepods)
		return false;
	if (cgroup_affix(c, n, "pod", "", &mid, &midlen) &&
	    cgroup_pod_uid(w, mid, midlen))
		return true;
	return w->have_pod && cgroup_set(w, CT_CONTAINERD, c, n, false);
}

/* One path component c (n bytes, no '/'). */
static void
cgroup_component(struct cgroup_walk *w, const char *c, size_t n)
{
	const char	*mid;
	size_t		 midlen;
	bool		 after_docker = w->after_docker;
	char		 name[CGROUP_ID_MAX];

	w->after_docker = n == 6 && memcmp(c, "docker", 6) == 0;
	(void)cgroup_unit(w, c, n);
	if ((after_docker && cgroup_set(w, CT_DOCKER, c, n, false)) ||
	    cgroup_kube(w, c, n))
		return;
	if ((cgroup_prefixed(c, n, "docker-", &mid, &midlen) &&
	    cgroup_set(w, CT_DOCKER, mid, midlen, false)) ||
	    (cgroup_prefixed(c, n, "libpod-", &mid, &midlen) &&
	    cgroup_set(w, CT_PODMAN, mid, midlen, false)) ||
	    (cgroup_prefixed(c, n, "cri-containerd-", &mid, &midlen) &&
	    cgroup_set(w, CT_CONTAINERD, mid, midlen, false)) ||
	    (cgroup_prefixed(c, n, "crio-", &mid, &midlen) &&
	    cgroup_set(w, CT_CRIO, mid, midlen, false)) ||
	    (cgroup_affix(c, n, "lxc.payload.", "", &mid, &midlen) &&
	    cgroup_set(w, CT_LXC, mid, midlen, true)))
		return;
	if (cgroup_affix(c, n, "machine-", ".scope", &mid, &midlen) &&
	    cgroup_unescape(name, sizeof name, mid, midlen))
		(void)cgroup_set(w, CT_NSPAWN, name, strlen(name), true);
}

/* Walk one path (n bytes, starting with '/') into *out. */
static void
cgroup_path(const char *s, size_t n, struct cgroup_ident *out)
{
	struct cgroup_walk	 w;
	const char		*end = s + n, *slash;

	memset(&w, 0, sizeof w);
	while (s < end) {
		slash = memchr(s, '/', (size_t)(end - s));
		if (slash == NULL)
			slash = end;
		if (slash > s)
			cgroup_component(&w, s, (size_t)(slash - s));
		s = slash + 1;
	}
	*out = w.found;
}

/*
 * How much a line is trusted: 0 for v2's "0::", 1 for name=systemd, 2
 * for any other v1 hierarchy; -1 when it is not "ID:CONTROLLERS:/PATH".
 * *path and *pathlen get the path.
 */
static int
cgroup_line(const char *s, size_t n, const char **path, size_t *pathlen)
{
	const char	*c1, *c2;

	if ((c1 = memchr(s, ':', n)) == NULL ||
	    (c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s))) == NULL ||
	    c2 + 1 >= s + n || c2[1] != '/')
		return -1;
	*path = c2 + 1;
	*pathlen = n - (size_t)(c2 + 1 - s);
	if (c1 - s == 1 && s[0] == '0' && c2 == c1 + 1)
		return 0;
	if (c2 - c1 - 1 == 12 && memcmp(c1 + 1, "name=systemd", 12) == 0)
		return 1;
	return 2;
}

bool
cgroup_parse(const char *text, size_t len, struct cgroup_ident *out)
{
	struct cgroup_ident	 line;
	const char		*end, *nl, *path;
	size_t			 pathlen;
	int			 rank, ct_rank = 3, unit_rank = 2;

	memset(out, 0, sizeof *out);
	/* NULL + 0 is undefined too: a process without the file. */
	end = text != NULL ? text + len : NULL;
	while (text != NULL && text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		if (nl == NULL)
			nl = end;
		rank = cgroup_line(text, (size_t)(nl - text), &path, &pathlen);
		text = nl + 1;
		if (rank < 0)
			continue;
		cgroup_path(path, pathlen, &line);
		if (line.runtime != CT_NONE && rank < ct_rank) {
			ct_rank = rank;
			out->runtime = line.runtime;
			memcpy(out->id, line.id, sizeof out->id);
			memcpy(out->pod_uid, line.pod_uid, sizeof out->pod_uid);
		}
		if (line.unit[0] != '\0' && rank < unit_rank) {
			unit_rank = rank;
			memcpy(out->unit, line.unit, sizeof out->unit);
		}
	}
	return out->runtime != CT_NONE || out->unit[0] != '\0';
}
