/*
 * Real containers for the live tests: podman, a busybox root file system
 * built in a temporary directory, and `podman run --rootfs` (no image
 * registry needed); its /etc/passwd names root and PODFX_USER.  What
 * this machine needs to start a container is found by trying (the
 * default runtime, else runc; the systemd cgroup manager, else cgroupfs
 * with the file events backend; ulimits podman can set, where the
 * defaults exceed the machine's hard limits), not assumed.  Every
 * container started here is removed at exit, on SIGINT, SIGTERM,
 * SIGHUP, SIGSEGV and SIGABRT too, by the name it was given.
 */
#ifndef TESTS_PODFX_H
#define TESTS_PODFX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PODFX_NAME_MAX	64
/* The user the root's /etc/passwd has besides root, and its uid. */
#define PODFX_USER	"ttuser"
#define PODFX_UID	1234
#define PODFX_ID_MAX	65

/* A running container. */
struct podfx_ctr {
	char	name[PODFX_NAME_MAX];
	char	id[PODFX_ID_MAX];	/* podman inspect's .Id */
	pid_t	pid;			/* its init, in our numbering */
};

/*
 * Find podman and a static busybox, build the root, find the options
 * that start a container here.  0, or -1 with *why (a static string)
 * when containers cannot run here.  Registers podfx_cleanup().
 */
int		 podfx_setup(const char **why);
/*
 * Start container name (made unique per run: "ttfx-PID-name") running
 * /bin/sh -c script, with more `podman run` options in extra (NULL for
 * none).  0 with *c filled, or -1 (said on stderr).
 */
int		 podfx_start(struct podfx_ctr *c, const char *name,
		    const char *extra, const char *script);
/* As podfx_start() with --hostname host. */
int		 podfx_start_hostname(struct podfx_ctr *c, const char *name,
		    const char *host, const char *script);
/*
 * As podfx_start() in a user namespace: --uidmap and --gidmap given as
 * podman takes them ("0:100000:65536").
 */
int		 podfx_start_userns(struct podfx_ctr *c, const char *name,
		    const char *uidmap, const char *gidmap, const char *script);
/*
 * podman inspect -f format of container name into buf, the trailing
 * newline removed; 0, or -1.
 */
int		 podfx_inspect(const char *name, const char *format, char *buf,
		    size_t size);
/* Whether --init (a reaping init podman provides) works here. */
bool		 podfx_has_init(void);
/* Remove container name now (podman rm -f -t 0). */
void		 podfx_remove(const char *name);
/* Remove every container started and the root; safe to call twice. */
void		 podfx_cleanup(void);

#endif
