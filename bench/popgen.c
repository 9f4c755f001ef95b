/*
 * popgen's main process P (popgen.h describes the population).  It raises
 * the limits it needs, forks the root R and waits until every process has
 * reported and /proc agrees.  Then it prints "ready PGID COUNT", waits for
 * end of file on stdin or SIGTERM/SIGINT/SIGHUP, kills the group and reaps
 * until it has no children left.  Any failure tears down what exists.
 * Depends on nothing of treetop's.
 */
#include "config.h"
#include "popgen.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	POPGEN_STALL_SECS = 60		/* give up without progress this long */
};

static volatile sig_atomic_t popgen_stop;

static void
popgen_on_signal(int sig)
{
	popgen_stop = sig;
}

static const char popgen_help[] =
"Usage: popgen -n N [--fanout F] [--depth D] [--zombies Z] [--orphans O]\n"
"              [--pidns K] [--threads T]\n"
"Create N sleeping processes as a tree, plus Z zombies, O orphans, K\n"
"processes in nested PID namespaces (root only) and T extra threads, in\n"
"one new process group.  Print \"ready PGID COUNT\" once /proc shows them,\n"
"wait for end of file on stdin or SIGTERM, then kill and reap the group.\n";

/* Processes (and their threads, zombies) whose group is pgid, per /proc. */
static long
popgen_census(pid_t pgid, long *zombies, long *threads)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[300], buf[1024], state, *p;
	long		 count = 0, ppid, pgrp, nlwp;
	ssize_t		 len;
	int		 fd;

	*zombies = *threads = 0;
	if ((d = opendir("/proc")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		len = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		if ((p = strrchr(buf, ')')) == NULL ||
		    sscanf(p + 1, " %c %ld %ld %*d %*d %*d %*u %*u %*u %*u %*u "
		    "%*u %*u %*d %*d %*d %*d %ld", &state, &ppid, &pgrp,
		    &nlwp) != 4 || pgrp != pgid)
			continue;
		count++;
		*zombies += state == 'Z';
		*threads += nlwp;
	}
	closedir(d);
	return count;
}

/* Raise a /proc/sys limit below need (root only); say so on stderr. */
static void
popgen_raise_sysctl(const char *path, long need)
{
	long	cur = 0, want;
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fscanf(f, "%ld", &cur) != 1)
		cur = 0;
	fclose(f);
	if (cur == 0 || cur >= need)
		return;
	want = need * 2 > 4194304 ? 4194304 : need * 2;
	if ((f = fopen(path, "w")) == NULL || fprintf(f, "%ld\n", want) < 0 ||
	    fclose(f) != 0)
		fprintf(stderr, "popgen: %s is %ld, need %ld: %s\n", path, cur,
		    need, strerror(errno));
	else
		fprintf(stderr, "popgen: raised %s from %ld to %ld\n", path,
		    cur, want);
}

static void
popgen_raise_limits(long tasks)
{
	struct rlimit	rl;
	long		in_use = 0;
	DIR		*d;

	if ((d = opendir("/proc")) != NULL) {
		while (readdir(d) != NULL)
			in_use++;
		closedir(d);
	}
	/* Thread ids come from the PID space too; keep headroom. */
	popgen_raise_sysctl("/proc/sys/kernel/pid_max",
	    in_use + tasks + tasks / 4 + 1000);
	popgen_raise_sysctl("/proc/sys/kernel/threads-max",
	    in_use + tasks + tasks / 4 + 1000);
	/* Root is exempt from RLIMIT_NPROC; others get the hard limit. */
	if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NPROC, &rl);
	}
}

/* Kill the group, reap everything we have, return once nothing is left. */
static void
popgen_teardown(pid_t root)
{
	struct timespec	ts = { 0, 5 * 1000 * 1000 };
	long		tries;
	pid_t		r;

	for (tries = 0; tries < 6000; tries++) {
		if (tries % 20 == 0) {
			kill(-root, SIGKILL);
			kill(root, SIGKILL);
		}
		while ((r = waitpid(-1, NULL, WNOHANG)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			return;
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "popgen: children still running after 30 s\n");
}

static int
popgen_parse(int argc, char **argv, struct popgen_shape *sh)
{
	static const struct option longopts[] = {
		{ "fanout", required_argument, NULL, 'f' },
		{ "depth", required_argument, NULL, 'D' },
		{ "zombies", required_argument, NULL, 'z' },
		{ "orphans", required_argument, NULL, 'o' },
		{ "pidns", required_argument, NULL, 'k' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	long	*target, v;
	char	*end;
	int	 c;

	memset(sh, 0, sizeof *sh);
	sh->n = 1000;
	sh->fanout = 8;
	sh->depth = 6;
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': target = &sh->n; break;
		case 'f': target = &sh->fanout; break;
		case 'D': target = &sh->depth; break;
		case 'z': target = &sh->zombies; break;
		case 'o': target = &sh->orphans; break;
		case 'k': target = &sh->pidns; break;
		case 't': target = &sh->threads; break;
		case 'h':
			fputs(popgen_help, stdout);
			exit(0);
		case 'V':
			printf("popgen (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			exit(0);
		default:
			return -1;
		}
		errno = 0;
		v = strtol(optarg, &end, 10);
		if (errno != 0 || end == optarg || *end != '\0' || v < 0 ||
		    v > 10000000) {
			fprintf(stderr, "popgen: bad number '%s'\n", optarg);
			return -1;
		}
		*target = v;
	}
	if (optind != argc || sh->n < 1 || sh->fanout < 1 || sh->depth < 1)
		return -1;
	return 0;
}

/* R's fan-out: wide enough that depth levels hold n processes. */
static long
popgen_width(const struct popgen_shape *sh)
{
	long	per_child = 0, level = 1, d, w;

	for (d = 0; d < sh->depth && per_child < sh->n; d++) {
		per_child += level;
		level *= sh->fanout;
	}
	w = (sh->n - 1 + per_child - 1) / per_child;
	if (w < sh->fanout)
		w = sh->fanout;
	return w > sh->n - 1 ? sh->n - 1 : w;
}

/* P: read the '+' bytes until everything reported, or fail. */
static int
popgen_await(int fd, long want, const sigset_t *mask)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	struct timespec	tick = { 1, 0 };
	char		buf[4096];
	long		got = 0, idle = 0;
	ssize_t		len, i;

	while (got < want) {
		if (popgen_stop)
			return -1;
		if (ppoll(&pfd, 1, &tick, mask) <= 0) {
			if (++idle > POPGEN_STALL_SECS) {
				fprintf(stderr, "popgen: stalled at %ld of "
				    "%ld processes\n", got, want);
				return -1;
			}
			continue;
		}
		idle = 0;
		if ((len = read(fd, buf, sizeof buf)) <= 0) {
			fprintf(stderr, "popgen: the population died\n");
			return -1;
		}
		for (i = 0; i < len; i++)
			if (buf[i] == 'E')
				return -1;
			else
				got++;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const int	 stop_signals[3] = { SIGTERM, SIGINT, SIGHUP };
	struct popgen_shape	 sh;
	struct sigaction	 sa;
	struct timespec		 t0, t1, nap = { 0, 50 * 1000 * 1000 };
	struct pollfd		 in = { .fd = 0, .events = POLLIN };
	sigset_t		 block, orig;
	long			 want, count = -1, zombies = 0, threads = 0, i;
	pid_t			 root, r;
	char			 c;
	int			 fds[2], fd, status = 1;

	if (popgen_parse(argc, argv, &sh) < 0) {
		fputs(popgen_help, stderr);
		return 2;
	}
	sh.width = popgen_width(&sh);
	want = sh.n + sh.zombies + sh.orphans + sh.pidns;
	popgen_raise_limits(want + sh.threads);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe(fds) < 0) {
		perror("popgen");
		return 1;
	}
	sh.main_pid = getpid();
	sh.ready_fd = fds[1];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fflush(NULL);
	if ((root = fork()) < 0) {
		perror("popgen: fork");
		return 1;
	}
	if (root == 0) {
		/* Keep the caller's pipes free: only stderr is inherited. */
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			if (fd > 2)
				close(fd);
		}
		close(fds[0]);
		setpgid(0, 0);
		popgen_child_init(sh.main_pid);
		popgen_node(&sh, 0);
	}
	setpgid(root, root);	/* whichever of the two runs first */
	close(fds[1]);

	/* The handlers only set a flag; ppoll() is where they may run. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = popgen_on_signal;
	sigemptyset(&block);
	for (i = 0; i < 3; i++) {
		sigaction(stop_signals[i], &sa, NULL);
		sigaddset(&block, stop_signals[i]);
	}
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_BLOCK, &block, &orig);

	if (popgen_await(fds[0], want, &orig) < 0)
		goto out;
	/* Zombies and adoptions are in place; let /proc agree. */
	for (i = 0; i < 200 && !popgen_stop; i++) {
		count = popgen_census(root, &zombies, &threads);
		if (count == want && zombies == sh.zombies)
			break;
		nanosleep(&nap, NULL);
	}
	if (count != want || zombies != sh.zombies) {
		fprintf(stderr, "popgen: /proc shows %ld processes (%ld "
		    "zombies), expected %ld (%ld)\n", count, zombies, want,
		    sh.zombies);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "popgen: %ld processes (tree %ld: fan-out %ld, root "
	    "fan-out %ld, depth <= %ld; %ld zombies, %ld orphans, %ld in PID "
	    "namespaces), %ld tasks, in %.1f s\n", count, sh.n, sh.fanout,
	    sh.width, sh.depth, sh.zombies, sh.orphans, sh.pidns, threads,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("ready %d %ld\n", (int)root, count);
	if (fflush(stdout) == EOF)
		goto out;

	/* Until stdin closes or a signal; reap adopted orphans meanwhile. */
	while (!popgen_stop) {
		if (ppoll(&in, 1, &(struct timespec){ 1, 0 }, &orig) > 0 &&
		    read(0, &c, 1) <= 0)
			break;
		while ((r = waitpid(-1, NULL, WNOHANG)) > 0)
			if (r == root) {
				fprintf(stderr, "popgen: the root died\n");
				goto out;
			}
	}
	status = 0;
out:
	popgen_teardown(root);
	return status;
}
