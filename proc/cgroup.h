/*
 * The text of /proc/PID/cgroup -> which container a process runs in, and
 * its systemd unit.  Pure: the caller reads the file (the scanner does)
 * and passes the bytes in; no I/O, no libproc2, no curses.
 *
 * Every layout is read: cgroup v1 (one line per hierarchy), v2 (the one
 * "0::" line) and hybrid (both).  The container comes from the first
 * line that names one, v2 first, then name=systemd, then the others; the
 * unit only from the v2 or name=systemd line, the hierarchies systemd
 * manages.  Within a path the deepest container wins (a container inside
 * a container is the inner one).  Paths recognised:
 *
 *	docker		docker-ID.scope, /docker/ID
 *	podman		libpod-ID.scope, /libpod_parent/libpod-ID, and
 *			rootless .../libpod-ID.scope/container
 *	containerd	kubepods...-podUID.slice/cri-containerd-ID.scope, and
 *			/kubepods/CLASS/podUID/ID (the cgroupfs driver)
 *	cri-o		crio-ID.scope (under kubepods, or not)
 *	lxc		lxc.payload.NAME
 *	nspawn		machine-NAME.scope (NAME unescaped from systemd's \xHH)
 *
 * An ID is 12 to 64 lower-case hex digits; a name at most CGROUP_ID_MAX - 1
 * bytes, any but '/' and NUL (escape it before showing it).  A unit is
 * the deepest .service or .scope component made of the bytes systemd
 * allows in unit names.  Anything else (a component too long, a stray
 * byte, a line without two colons) is not recognised, never an error.
 */
#ifndef PROC_CGROUP_H
#define PROC_CGROUP_H

#include <stdbool.h>
#include <stddef.h>

enum ct_runtime {
	CT_NONE,
	CT_DOCKER,
	CT_PODMAN,
	CT_CONTAINERD,
	CT_CRIO,
	CT_LXC,
	CT_NSPAWN,
	CT_RUNTIME_COUNT
};

#define CGROUP_ID_MAX		65	/* 64 hex digits, or a name */
#define CGROUP_POD_UID_MAX	37	/* a UUID with its dashes */
#define CGROUP_UNIT_MAX		256	/* systemd's UNIT_NAME_MAX */

/* What one /proc/PID/cgroup says; empty strings where it says nothing. */
struct cgroup_ident {
	enum ct_runtime	runtime;		/* CT_NONE: no container */
	char		id[CGROUP_ID_MAX];	/* lxc, nspawn: the name */
	char		pod_uid[CGROUP_POD_UID_MAX];	/* Kubernetes */
	char		unit[CGROUP_UNIT_MAX];
};

#define CT_NAME_MAX		256	/* a name, a pod's name or namespace */

/*
 * A container's names, from the runtime's state files (ctnames.h); ""
 * when unknown.
 */
struct ct_names {
	char	name[CT_NAME_MAX];
	char	pod_namespace[CT_NAME_MAX];
	char	pod_name[CT_NAME_MAX];
};

/*
 * Parse len bytes of a /proc/PID/cgroup file into *out (always filled,
 * cleared first).  Returns true when it names a container or a unit.
 */
bool		 cgroup_parse(const char *text, size_t len,
		    struct cgroup_ident *out);
/* "docker", "podman", ... as in the JSON output; NULL for CT_NONE. */
const char	*ct_runtime_name(enum ct_runtime rt);
/* The runtime called name, or CT_NONE. */
enum ct_runtime	 ct_runtime_from_name(const char *name);
/* True when a and b are the same container (runtime and ID). */
bool		 cgroup_same_container(const struct cgroup_ident *a,
		    const struct cgroup_ident *b);

#endif
