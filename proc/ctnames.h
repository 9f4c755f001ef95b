/*
 * Container names without a daemon: read from the state files the
 * runtimes write, where they are readable.
 *
 *	podman		STORAGE/overlay-containers/containers.json, for each
 *			storage root (the system's graphroot, from
 *			containers-storage.conf, and the user's rootless one)
 *	docker		DOCKER/containers/ID/config.v2.json ("Name")
 *	Kubernetes	PODS/NAMESPACE_POD_UID/ (the kubelet's pod log
 *			directories: namespace and pod), and the container's
 *			name from CONTAINERS/POD_NAMESPACE_CONTAINER-ID.log,
 *			else from the pod directory's only subdirectory
 *	lxc, nspawn	the name the cgroup path has (no file read)
 *
 * Each answer is cached by container ID, a missing name too: an unknown
 * ID is looked up again at most every CTNAMES_RETRY seconds, and
 * containers.json read again only when its mtime changed.  The cache
 * holds at most CTNAMES_MAX containers (then starts afresh).  A file
 * that is missing, unreadable, not a regular file, bigger than its cap,
 * or not the JSON expected gives no name: never an error.  Names are
 * kept as the files have them (any bytes but NUL): escape them before
 * showing them.  No /proc, no curses; the roots are passed in, so tests
 * point them at fixture trees.
 */
#ifndef PROC_CTNAMES_H
#define PROC_CTNAMES_H

#include <stdbool.h>

#include "cgroup.h"

#define CTNAMES_ROOTS	16	/* podman storage roots */
#define CTNAMES_RETRY	5.0	/* seconds before an unknown ID is retried */
#define CTNAMES_MAX	4096	/* containers cached */

/* Where the state files are; NULL: not looked at. */
struct ctnames_roots {
	const char	*podman[CTNAMES_ROOTS];	/* storage roots */
	const char	*docker;		/* /var/lib/docker */
	const char	*kube_pods;		/* /var/log/pods */
	const char	*kube_containers;	/* /var/log/containers */
};

struct ctnames;

/* A cache over roots (copied). */
struct ctnames	*ctnames_new(const struct ctnames_roots *roots);
void		 ctnames_free(struct ctnames *cn);
/*
 * A cache over the usual roots: podman's graphroot (from
 * /etc/containers/storage.conf or /usr/share/containers/storage.conf,
 * else /var/lib/containers/storage) and $XDG_DATA_HOME/containers/storage
 * (else ~/.local/share/...); run as root, also each user's rootless
 * ~/.local/share/containers/storage that exists (as many as there is
 * room for); docker's /var/lib/docker, the kubelet's /var/log/pods and
 * /var/log/containers.
 */
struct ctnames	*ctnames_new_default(void);
/*
 * Fill *out with the names of container c (now: unix seconds, for the
 * retry delay).  Returns true when it has a name.
 */
bool		 ctnames_lookup(struct ctnames *cn, const struct cgroup_ident *c,
		    double now, struct ct_names *out);

#endif
