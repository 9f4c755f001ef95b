/*
 * floor: the cheapest scan a process-tree viewer could make, as the
 * benchmark's yardstick.  For each /proc/PID: one read of stat, parsed for
 * the fields a tree needs (pid, comm, state, ppid, pgrp, session, tty,
 * times, threads, start time, rss), and one readlinkat (or, with --fstatat,
 * fstatat) of ns/pid for the PID-namespace inode.  "floor -n K" makes K
 * scans and prints only the number of processes the last one saw, so that
 * the caller can measure its CPU time per scan.  Depends on nothing of
 * treetop's.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One process as a tree needs it; parsed from stat and ns/pid. */
struct floor_proc {
	int		pid;
	int		ppid;
	int		pgrp;
	int		sid;
	int		tty;
	int		nlwp;
	char		state;
	char		comm[16];	/* from stat, up to 15 bytes */
	uint64_t	tics;		/* utime + stime, clock ticks */
	uint64_t	start;		/* clock ticks after boot */
	uint64_t	rss;		/* pages */
	uint64_t	ns_pid;		/* inode of ns/pid; 0 if unreadable */
};

struct floor_scan {
	struct floor_proc	*procs;		/* owned */
	size_t			 n;
	size_t			 cap;
	int			 use_fstatat;
};

/* The next decimal field after *s; a minus sign is skipped. */
static uint64_t
floor_field(char **s)
{
	uint64_t	v = 0;
	char		*p = *s;

	while (*p == ' ')
		p++;
	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (uint64_t)(*p++ - '0');
	*s = p;
	return v;
}

/* Parse a stat line; 0, or -1 if it is malformed. */
static int
floor_parse_stat(char *buf, struct floor_proc *p)
{
	uint64_t	f[25];		/* f[4] is field 4 (ppid) of proc(5) */
	char		*open, *close, *s;
	size_t		 len;
	int		 i;

	if ((open = strchr(buf, '(')) == NULL ||
	    (close = strrchr(buf, ')')) == NULL || close < open ||
	    close[1] != ' ' || close[2] == '\0')
		return -1;
	p->pid = atoi(buf);
	len = (size_t)(close - open - 1);
	if (len >= sizeof p->comm)
		len = sizeof p->comm - 1;
	memcpy(p->comm, open + 1, len);
	p->comm[len] = '\0';
	p->state = close[2];
	s = close + 3;
	for (i = 4; i <= 24; i++) {
		if (*s != ' ')
			return -1;
		f[i] = floor_field(&s);
	}
	p->ppid = (int)f[4];
	p->pgrp = (int)f[5];
	p->sid = (int)f[6];
	p->tty = (int)f[7];
	p->tics = f[14] + f[15];
	p->nlwp = (int)f[20];
	p->start = f[22];
	p->rss = f[24];
	return 0;
}

/* The inode of PID's PID namespace, through dfd (/proc); 0 if gone. */
static uint64_t
floor_ns_pid(int dfd, const char *pid, int use_fstatat)
{
	char		path[300], link[64];
	struct stat	st;
	ssize_t		len;

	snprintf(path, sizeof path, "%s/ns/pid", pid);
	if (use_fstatat)
		return fstatat(dfd, path, &st, 0) == 0 ? (uint64_t)st.st_ino :
		    0;
	if ((len = readlinkat(dfd, path, link, sizeof link - 1)) < 6)
		return 0;
	link[len] = '\0';	/* "pid:[4026531836]" */
	return strtoull(link + 5, NULL, 10);
}

/* One pass over /proc; returns the number of processes read, or -1. */
static long
floor_scan_once(struct floor_scan *sc)
{
	struct floor_proc	*p;
	struct dirent		*de;
	DIR			*d;
	char			 path[300], buf[1024];
	ssize_t			 len;
	int			 dfd, fd;

	if ((d = opendir("/proc")) == NULL)
		return -1;
	dfd = dirfd(d);
	sc->n = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "%s/stat", de->d_name);
		if ((fd = openat(dfd, path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;	/* exited since readdir */
		len = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		if (sc->n == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 1024;
			sc->procs = realloc(sc->procs,
			    sc->cap * sizeof *sc->procs);
			if (sc->procs == NULL) {
				perror("floor");
				exit(1);
			}
		}
		p = &sc->procs[sc->n];
		if (floor_parse_stat(buf, p) < 0)
			continue;
		p->ns_pid = floor_ns_pid(dfd, de->d_name, sc->use_fstatat);
		sc->n++;
	}
	closedir(d);
	return (long)sc->n;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iterations", required_argument, NULL, 'n' },
		{ "fstatat", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct floor_scan	 sc;
	long			 k = 1, i, count = 0;
	char			*end;
	int			 c;

	memset(&sc, 0, sizeof sc);
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			errno = 0;
			k = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || k < 1) {
				fprintf(stderr, "floor: bad count '%s'\n",
				    optarg);
				return 2;
			}
			break;
		case 'f':
			sc.use_fstatat = 1;
			break;
		case 'h':
			printf("Usage: floor [-n K] [--fstatat]\n"
			    "Scan /proc K times (stat + ns/pid of each "
			    "process); print the last count.\n");
			return 0;
		case 'V':
			printf("floor (%s) %s\n", PACKAGE_NAME,
			    PACKAGE_VERSION);
			return 0;
		default:
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "floor: unexpected argument '%s'\n",
		    argv[optind]);
		return 2;
	}
	for (i = 0; i < k; i++)
		if ((count = floor_scan_once(&sc)) < 0) {
			perror("floor: /proc");
			return 1;
		}
	printf("%ld\n", count);
	free(sc.procs);
	return 0;
}
