/*
 * Container names from the runtimes' state files (see ctnames.h): one
 * small cache by container ID, filled from podman's containers.json
 * (every container of a storage root at once), docker's config.v2.json
 * (one container) and the kubelet's log directories (one pod).
 */
#include "config.h"
#include "ctnames.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

#define PODMAN_JSON_MAX	(4u << 20)	/* containers.json: every container */
#define DOCKER_JSON_MAX	(1u << 20)	/* config.v2.json: one */
#define CONF_MAX	(64u << 10)	/* storage.conf */

struct ctnames_entry {
	enum ct_runtime	 runtime;
	char		 id[CGROUP_ID_MAX];
	bool		 named;
	double		 tried;		/* when it was last looked up */
	struct ct_names	 names;
};

struct ctnames_stamp {
	struct timespec	mtime;
	off_t		size;
	bool		seen;
};

struct ctnames {
	char			*podman[CTNAMES_ROOTS];
	char			*docker, *kube_pods, *kube_containers;
	struct ctnames_stamp	 podman_stamp[CTNAMES_ROOTS];
	struct ctnames_entry	*entries;
	size_t			 nentries, cap;
};

static char *
ctnames_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct ctnames *
ctnames_new(const struct ctnames_roots *roots)
{
	struct ctnames	*cn = xcalloc(1, sizeof *cn);
	int		 i;

	for (i = 0; i < CTNAMES_ROOTS; i++)
		cn->podman[i] = ctnames_dup(roots->podman[i]);
	cn->docker = ctnames_dup(roots->docker);
	cn->kube_pods = ctnames_dup(roots->kube_pods);
	cn->kube_containers = ctnames_dup(roots->kube_containers);
	return cn;
}

void
ctnames_free(struct ctnames *cn)
{
	int	i;

	if (cn == NULL)
		return;
	for (i = 0; i < CTNAMES_ROOTS; i++)
		free(cn->podman[i]);
	free(cn->docker);
	free(cn->kube_pods);
	free(cn->kube_containers);
	free(cn->entries);
	free(cn);
}

/*
 * A regular file of at most max bytes, whole and NUL-terminated, or NULL.
 * Opened without blocking (a FIFO planted there must not stall a refresh)
 * and without following a final symlink.
 */
static char *
ctnames_read(const char *path, size_t max, size_t *lenp, struct stat *stp)
{
	struct stat	 st;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (size_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	if (stp != NULL)
		*stp = st;
	return buf;
}

/* A JSON string value as a name: non-empty, short enough. */
static bool
ctnames_take(char *to, const json_t *v)
{
	const char	*s = json_string_value(v);
	size_t		 n;

	if (s == NULL || (n = json_string_length(v)) == 0 ||
	    n >= CT_NAME_MAX || strlen(s) != n)
		return false;
	memcpy(to, s, n + 1);
	return true;
}

/* The entry for (rt, id), or NULL. */
static struct ctnames_entry *
ctnames_find(struct ctnames *cn, enum ct_runtime rt, const char *id)
{
	size_t	i;

	for (i = 0; i < cn->nentries; i++)
		if (cn->entries[i].runtime == rt &&
		    strcmp(cn->entries[i].id, id) == 0)
			return &cn->entries[i];
	return NULL;
}

/* The entry for (rt, id), made (unnamed, never tried) if new. */
static struct ctnames_entry *
ctnames_entry(struct ctnames *cn, enum ct_runtime rt, const char *id)
{
	struct ctnames_entry	*e = ctnames_find(cn, rt, id);

	if (e != NULL)
		return e;
	if (cn->nentries == CTNAMES_MAX)
		cn->nentries = 0;	/* bounded: start afresh */
	if (cn->nentries == cn->cap) {
		cn->cap = cn->cap ? cn->cap * 2 : 16;
		cn->entries = xreallocarray(cn->entries, cn->cap,
		    sizeof *cn->entries);
	}
	e = &cn->entries[cn->nentries++];
	memset(e, 0, sizeof *e);
	e->runtime = rt;
	snprintf(e->id, sizeof e->id, "%s", id);
	e->tried = -1e18;
	return e;
}

/* --- podman ------------------------------------------------------------ */

/* Every container of one containers.json into the cache, named. */
static void
ctnames_podman_parse(struct ctnames *cn, const char *text, size_t len)
{
	json_t			*all, *c;
	struct ct_names		 names;
	struct ctnames_entry	*e;
	const char		*id;
	size_t			 i;

	all = json_loadb(text, len, 0, NULL);
	if (!json_is_array(all)) {
		json_decref(all);
		return;
	}
	json_array_foreach(all, i, c) {
		id = json_string_value(json_object_get(c, "id"));
		memset(&names, 0, sizeof names);
		if (id == NULL || strlen(id) >= CGROUP_ID_MAX ||
		    !ctnames_take(names.name,
		    json_array_get(json_object_get(c, "names"), 0)))
			continue;
		e = ctnames_entry(cn, CT_PODMAN, id);
		e->names = names;
		e->named = true;
	}
	json_decref(all);
}

/* Read each storage root's containers.json again if it changed. */
static void
ctnames_podman_load(struct ctnames *cn)
{
	struct ctnames_stamp	*stamp;
	struct stat		 st;
	char			*path, *text;
	size_t			 len;
	int			 i;

	for (i = 0; i < CTNAMES_ROOTS; i++) {
		if (cn->podman[i] == NULL)
			continue;
		stamp = &cn->podman_stamp[i];
		xasprintf(&path, "%s/overlay-containers/containers.json",
		    cn->podman[i]);
		if (stat(path, &st) == 0 && stamp->seen &&
		    st.st_mtim.tv_sec == stamp->mtime.tv_sec &&
		    st.st_mtim.tv_nsec == stamp->mtime.tv_nsec &&
		    st.st_size == stamp->size) {
			free(path);
			continue;
		}
		text = ctnames_read(path, PODMAN_JSON_MAX, &len, &st);
		free(path);
		if (text == NULL)
			continue;
		stamp->seen = true;
		stamp->mtime = st.st_mtim;
		stamp->size = st.st_size;
		ctnames_podman_parse(cn, text, len);
		free(text);
	}
}

/* --- docker ------------------------------------------------------------ */

static bool
ctnames_docker(struct ctnames *cn, const char *id, struct ct_names *out)
{
	json_t		*cfg;
	char		*path, *text, *name;
	size_t		 len;
	bool		 ok;

	if (cn->docker == NULL)
		return false;
	xasprintf(&path, "%s/containers/%s/config.v2.json", cn->docker, id);
	text = ctnames_read(path, DOCKER_JSON_MAX, &len, NULL);
	free(path);
	if (text == NULL)
		return false;
	cfg = json_loadb(text, len, 0, NULL);
	free(text);
	ok = ctnames_take(out->name, json_object_get(cfg, "Name"));
	json_decref(cfg);
	/* docker writes "/name" */
	if (ok && out->name[0] == '/') {
		name = out->name;
		memmove(name, name + 1, strlen(name));
		ok = name[0] != '\0';
	}
	return ok;
}

/* --- Kubernetes -------------------------------------------------------- */

/* Copy the n bytes at s into to (CT_NAME_MAX); false if empty or long. */
static bool
ctnames_copy(char *to, const char *s, size_t n)
{
	if (n == 0 || n >= CT_NAME_MAX)
		return false;
	memcpy(to, s, n);
	to[n] = '\0';
	return true;
}

/* The only subdirectory of dir/sub, into to. */
static bool
ctnames_only_subdir(const char *dir, const char *sub, char *to)
{
	struct dirent	*de;
	char		*path;
	DIR		*d;
	int		 found = 0;
	struct stat	 st;

	xasprintf(&path, "%s/%s", dir, sub);
	d = opendir(path);
	free(path);
	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL && found < 2) {
		if (de->d_name[0] == '.' || (de->d_type != DT_DIR &&
		    (de->d_type != DT_UNKNOWN || fstatat(dirfd(d), de->d_name,
		    &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))))
			continue;
		if (found++ == 0)
			(void)ctnames_copy(to, de->d_name, strlen(de->d_name));
	}
	closedir(d);
	return found == 1;
}

/*
 * The container's name from CONTAINERS/POD_NAMESPACE_CONTAINER-ID.log
 * (the kubelet's symlinks), into out->name.
 */
static bool
ctnames_kube_container(struct ctnames *cn, const char *id,
    struct ct_names *out)
{
	struct dirent	*de;
	const char	*s, *u1, *u2;
	size_t		 n, idlen = strlen(id);
	DIR		*d;
	bool		 ok = false;

	if (cn->kube_containers == NULL ||
	    (d = opendir(cn->kube_containers)) == NULL)
		return false;
	while (!ok && (de = readdir(d)) != NULL) {
		s = de->d_name;
		n = strlen(s);
		if (n < idlen + 6 || strcmp(s + n - 4, ".log") != 0 ||
		    s[n - 5 - idlen] != '-' ||
		    memcmp(s + n - 4 - idlen, id, idlen) != 0 ||
		    (u1 = strchr(s, '_')) == NULL ||
		    (u2 = strchr(u1 + 1, '_')) == NULL)
			continue;
		ok = ctnames_copy(out->name, u2 + 1,
		    (size_t)(s + n - 5 - idlen - (u2 + 1)));
	}
	closedir(d);
	return ok;
}

/* Namespace and pod from PODS/NAMESPACE_POD_UID; then the container. */
static bool
ctnames_kube(struct ctnames *cn, const struct cgroup_ident *c,
    struct ct_names *out)
{
	struct dirent	*de;
	const char	*s, *u1, *u2;
	size_t		 n, ulen = strlen(c->pod_uid);
	DIR		*d;
	bool		 pod = false;

	if (ulen == 0 || cn->kube_pods == NULL ||
	    (d = opendir(cn->kube_pods)) == NULL)
		return false;
	while (!pod && (de = readdir(d)) != NULL) {
		s = de->d_name;
		n = strlen(s);
		if (n < ulen + 4 || strcmp(s + n - ulen, c->pod_uid) != 0 ||
		    s[n - ulen - 1] != '_' || (u1 = strchr(s, '_')) == NULL ||
		    (u2 = strchr(u1 + 1, '_')) != s + n - ulen - 1)
			continue;
		pod = ctnames_copy(out->pod_namespace, s, (size_t)(u1 - s)) &&
		    ctnames_copy(out->pod_name, u1 + 1, (size_t)(u2 - u1 - 1));
		if (pod && !ctnames_kube_container(cn, c->id, out))
			(void)ctnames_only_subdir(cn->kube_pods, s, out->name);
	}
	closedir(d);
	if (!pod)
		memset(out, 0, sizeof *out);
	return pod;
}

/* --- the usual roots -------------------------------------------------- */

/*
 * graphroot from a containers-storage.conf ('graphroot = "/path"' in
 * [storage]); NULL if the file or the key is missing.
 */
static char *
ctnames_graphroot(const char *conf)
{
	char	*text, *line, *save = NULL, *q, *end, *root = NULL;
	size_t	 len;

	if ((text = ctnames_read(conf, CONF_MAX, &len, NULL)) == NULL)
		return NULL;
	for (line = strtok_r(text, "\n", &save); line != NULL && root == NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		if (strncmp(line, "graphroot", 9) != 0 ||
		    (q = strchr(line + 9, '"')) == NULL ||
		    (end = strchr(q + 1, '"')) == NULL || end == q + 1 ||
		    strspn(line + 9, " \t=") != (size_t)(q - line - 9))
			continue;
		*end = '\0';
		root = xstrdup(q + 1);
	}
	free(text);
	return root;
}

/*
 * As root: the rootless storage roots of the other users (uid 1000 and
 * up) that have one, into roots->podman from slot *n on; owned copies
 * the caller frees.  The users are /etc/passwd's, read as a file:
 * getpwent() would go through every NSS source, loading libnss_systemd
 * and libm (0.6 MB of memory) to list users that have no home here.
 */
static void
ctnames_rootless_roots(struct ctnames_roots *roots, int *n, char **owned)
{
	struct passwd	*pw;
	struct stat	 st;
	char		*path;
	FILE		*f;

	if (geteuid() != 0 || (f = fopen("/etc/passwd", "re")) == NULL)
		return;
	while (*n < CTNAMES_ROOTS && (pw = fgetpwent(f)) != NULL) {
		if (pw->pw_uid < 1000 || pw->pw_dir == NULL ||
		    pw->pw_dir[0] != '/')
			continue;
		xasprintf(&path, "%s/.local/share/containers/storage",
		    pw->pw_dir);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			owned[*n] = path;
			roots->podman[(*n)++] = path;
		} else
			free(path);
	}
	fclose(f);
}

struct ctnames *
ctnames_new_default(void)
{
	struct ctnames_roots	 roots;
	struct ctnames		*cn;
	const char		*xdg = getenv("XDG_DATA_HOME");
	const char		*home = getenv("HOME");
	char			*owned[CTNAMES_ROOTS] = { NULL };
	int			 n = 0, i;

	memset(&roots, 0, sizeof roots);
	owned[n] = ctnames_graphroot("/etc/containers/storage.conf");
	if (owned[n] == NULL)
		owned[n] = ctnames_graphroot(
		    "/usr/share/containers/storage.conf");
	if (owned[n] == NULL)
		owned[n] = xstrdup("/var/lib/containers/storage");
	roots.podman[n] = owned[n];
	n++;
	if (xdg != NULL && *xdg == '/')
		xasprintf(&owned[n], "%s/containers/storage", xdg);
	else if (home != NULL && *home == '/')
		xasprintf(&owned[n], "%s/.local/share/containers/storage",
		    home);
	if (owned[n] != NULL) {
		roots.podman[n] = owned[n];
		n++;
	}
	ctnames_rootless_roots(&roots, &n, owned);
	roots.docker = "/var/lib/docker";
	roots.kube_pods = "/var/log/pods";
	roots.kube_containers = "/var/log/containers";
	cn = ctnames_new(&roots);
	for (i = 0; i < CTNAMES_ROOTS; i++)
		free(owned[i]);
	return cn;
}

/* --- lookup ------------------------------------------------------------ */

bool
ctnames_lookup(struct ctnames *cn, const struct cgroup_ident *c, double now,
    struct ct_names *out)
{
	struct ctnames_entry	*e;
	struct ct_names		 names;

	memset(out, 0, sizeof *out);
	if (c->runtime == CT_NONE)
		return false;
	/* lxc and nspawn: the cgroup path has the name, not an ID */
	if (c->runtime == CT_LXC || c->runtime == CT_NSPAWN) {
		snprintf(out->name, sizeof out->name, "%s", c->id);
		return true;
	}
	e = ctnames_entry(cn, c->runtime, c->id);
	if (!e->named && now - e->tried >= CTNAMES_RETRY) {
		e->tried = now;
		memset(&names, 0, sizeof names);
		if (c->runtime == CT_PODMAN) {
			ctnames_podman_load(cn);
			/* the load may have moved the entries */
			e = ctnames_entry(cn, c->runtime, c->id);
			e->tried = now;
		} else if (c->runtime == CT_DOCKER) {
			e->named = ctnames_docker(cn, c->id, &names);
			e->names = names;
		} else if (c->pod_uid[0] != '\0') {
			e->named = ctnames_kube(cn, c, &names);
			e->names = names;
		}
	}
	*out = e->names;
	return e->named && out->name[0] != '\0';
}
