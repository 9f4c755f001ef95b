/*
 * Real containers for the live tests (see podfx.h).
 */
#include "config.h"
#include "podfx.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PODFX_MAX	32		/* containers a program may start */
#define PODFX_ULIMITS	"--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"

static char	podfx_root[64];			/* the busybox root */
static char	podfx_global[160];		/* options before "run" */
static char	podfx_run[160];			/* options after it */
static bool	podfx_init_works;
static char	podfx_names[PODFX_MAX][PODFX_NAME_MAX];	/* to remove */
static volatile sig_atomic_t podfx_n;

/* The busybox applets the tests' scripts use. */
static const char *const podfx_applets[] = {
	"sh", "sleep", "hostname", "cat", "true", "id", "ls", "echo", "kill",
	"unshare",
};

/* Run the shell command fmt; its output (at most size - 1) in out. */
static int __attribute__((format(printf, 3, 4)))
podfx_sh(char *out, size_t size, const char *fmt, ...)
{
	char	*cmd, sink[256];
	FILE	*p;
	size_t	 n = 0;
	va_list	 ap;
	int	 st;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		cmd = NULL;
	va_end(ap);
	if (cmd == NULL || (p = popen(cmd, "r")) == NULL) {
		free(cmd);
		return -1;
	}
	if (out != NULL && size > 0) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
		while (n > 0 && out[n - 1] == '\n')
			out[--n] = '\0';
	}
	/* All of it: closing the pipe early would make the writer fail. */
	while (fread(sink, 1, sizeof sink, p) > 0)
		;
	st = pclose(p);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A root with a static busybox and its applets; false if impossible. */
static bool
podfx_build_root(void)
{
	static const char *const dirs[] = {
		"bin", "proc", "sys", "dev", "etc", "tmp", "run",
	};
	char	path[128];
	size_t	i;

	snprintf(podfx_root, sizeof podfx_root, "/tmp/ttfx-root-XXXXXX");
	/* Readable by all: a user namespace maps root to another uid. */
	if (mkdtemp(podfx_root) == NULL || chmod(podfx_root, 0755) < 0)
		return false;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", podfx_root, dirs[i]);
		(void)mkdir(path, 0755);
	}
	if (podfx_sh(NULL, 0, "cp \"$(command -v busybox)\" %s/bin/busybox "
	    "2>/dev/null", podfx_root) != 0)
		return false;
	/* a user of its own: the tests run a container as ttuser */
	snprintf(path, sizeof path, "%s/etc/passwd", podfx_root);
	if (podfx_sh(NULL, 0, "printf '%%s\\n' 'root:x:0:0:root:/:/bin/sh' "
	    "'%s:x:%d:%d::/tmp:/bin/sh' > %s", PODFX_USER, PODFX_UID,
	    PODFX_UID, path) != 0)
		return false;
	for (i = 0; i < sizeof podfx_applets / sizeof podfx_applets[0]; i++) {
		snprintf(path, sizeof path, "%s/bin/%s", podfx_root,
		    podfx_applets[i]);
		if (symlink("busybox", path) < 0)
			return false;
	}
	return true;
}

/* Whether a container starts with these options (and runs true). */
static bool
podfx_try(const char *global, const char *run)
{
	return podfx_sh(NULL, 0, "timeout 120 podman %s run --rm %s "
	    "--name ttfx-%d-probe --rootfs %s /bin/true >/dev/null 2>&1",
	    global, run, (int)getpid(), podfx_root) == 0;
}

/* The first options that start a container here, tried in order. */
static bool
podfx_find_options(void)
{
	static const char *const globals[] = {
		"", "--runtime runc",
		"--runtime runc --cgroup-manager cgroupfs --events-backend file",
	};
	static const char *const runs[] = { "", PODFX_ULIMITS };
	size_t	g, r;

	for (g = 0; g < sizeof globals / sizeof globals[0]; g++)
		for (r = 0; r < sizeof runs / sizeof runs[0]; r++)
			if (podfx_try(globals[g], runs[r])) {
				snprintf(podfx_global, sizeof podfx_global, "%s",
				    globals[g]);
				snprintf(podfx_run, sizeof podfx_run, "%s",
				    runs[r]);
				return true;
			}
	return false;
}

/* SIGINT, SIGTERM, SIGHUP: remove the containers (fork and exec only). */
static void
podfx_on_signal(int sig)
{
	sig_atomic_t	i;
	pid_t		pid;

	for (i = 0; i < podfx_n; i++) {
		if ((pid = fork()) == 0) {
			execlp("podman", "podman", "rm", "-f", "-t", "0",
			    podfx_names[i], (char *)NULL);
			_exit(127);
		}
		if (pid > 0)
			(void)waitpid(pid, NULL, 0);
	}
	podfx_n = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

int
podfx_setup(const char **why)
{
	if (podfx_sh(NULL, 0, "command -v podman && command -v busybox") != 0) {
		*why = "podman or busybox is not installed";
		return -1;
	}
	atexit(podfx_cleanup);
	signal(SIGINT, podfx_on_signal);
	signal(SIGTERM, podfx_on_signal);
	signal(SIGHUP, podfx_on_signal);
	/* a crashing test must not leave its containers behind either */
	signal(SIGSEGV, podfx_on_signal);
	signal(SIGABRT, podfx_on_signal);
	if (!podfx_build_root()) {
		*why = "cannot build a busybox root (is busybox static?)";
		return -1;
	}
	if (!podfx_find_options()) {
		*why = "podman cannot start a container here";
		return -1;
	}
	podfx_init_works = podfx_sh(NULL, 0, "timeout 120 podman %s run --rm "
	    "--init %s --name ttfx-%d-probe --rootfs %s /bin/true "
	    ">/dev/null 2>&1", podfx_global, podfx_run, (int)getpid(),
	    podfx_root) == 0;
	return 0;
}

bool
podfx_has_init(void)
{
	return podfx_init_works;
}

int
podfx_inspect(const char *name, const char *format, char *buf, size_t size)
{
	return podfx_sh(buf, size, "podman %s inspect -f '%s' %s 2>/dev/null",
	    podfx_global, format, name) == 0 ? 0 : -1;
}

int
podfx_start(struct podfx_ctr *c, const char *name, const char *extra,
    const char *script)
{
	char	out[256], *end;
	long	pid;
	int	tries;

	memset(c, 0, sizeof *c);
	if (podfx_n >= PODFX_MAX || strchr(script, '\'') != NULL) {
		fprintf(stderr, "podfx: too many containers, or a ' in the "
		    "script\n");
		return -1;
	}
	snprintf(c->name, sizeof c->name, "ttfx-%d-%s", (int)getpid(), name);
	memcpy(podfx_names[podfx_n], c->name, sizeof c->name);
	podfx_n++;	/* before it starts: removed even if run fails late */
	if (podfx_sh(out, sizeof out, "timeout 120 podman %s run -d %s %s "
	    "--name %s --rootfs %s /bin/sh -c '%s' 2>&1", podfx_global,
	    podfx_run, extra != NULL ? extra : "", c->name, podfx_root,
	    script) != 0) {
		fprintf(stderr, "podman run %s: %s\n", c->name, out);
		return -1;
	}
	if (podfx_inspect(c->name, "{{.Id}}", c->id, sizeof c->id) < 0) {
		fprintf(stderr, "podman inspect %s failed\n", c->name);
		return -1;
	}
	/* Its PID can read 0 for a moment after run -d returns. */
	for (tries = 0; tries < 100; tries++) {
		if (podfx_inspect(c->name, "{{.State.Pid}}", out,
		    sizeof out) == 0 && (pid = strtol(out, &end, 10)) > 0 &&
		    *end == '\0') {
			c->pid = (pid_t)pid;
			return 0;
		}
		usleep(100 * 1000);
	}
	fprintf(stderr, "podman inspect %s: no PID\n", c->name);
	return -1;
}

int
podfx_start_hostname(struct podfx_ctr *c, const char *name, const char *host,
    const char *script)
{
	char	extra[128];

	snprintf(extra, sizeof extra, "--hostname %s", host);
	return podfx_start(c, name, extra, script);
}

int
podfx_start_userns(struct podfx_ctr *c, const char *name, const char *uidmap,
    const char *gidmap, const char *script)
{
	char	extra[160];

	snprintf(extra, sizeof extra, "--uidmap %s --gidmap %s", uidmap,
	    gidmap);
	return podfx_start(c, name, extra, script);
}

void
podfx_remove(const char *name)
{
	(void)podfx_sh(NULL, 0, "podman %s rm -f -t 0 %s >/dev/null 2>&1",
	    podfx_global, name);
}

void
podfx_cleanup(void)
{
	while (podfx_n > 0)
		podfx_remove(podfx_names[--podfx_n]);
	if (podfx_root[0] != '\0') {
		(void)podfx_sh(NULL, 0, "rm -rf %s", podfx_root);
		podfx_root[0] = '\0';
	}
}
