/*
 * Reading one task's files below /proc (scan_read.c), for the scanner
 * only: nothing outside proc/scan*.c includes this.
 */
#ifndef PROC_SCAN_READ_H
#define PROC_SCAN_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

/* What is read once per identity (into a snapshot record). */
struct scan_detail {
	pid_t		 pid;
	bool		 zombie;		/* state when read */
	bool		 partial;		/* some file could not be read */
	bool		 gone;			/* vanished before it could be read */
	bool		 sig_known;
	uint64_t	 start_ticks;
	uint32_t	 uid;
	int		 nspid_len;
	int		*nspid;			/* owned; NULL when it is just [pid] */
	char		*cmdline;		/* owned; NUL-separated */
	size_t		 cmdline_len;
	uint64_t	 ns[NS_COUNT];
	uint64_t	 sig_caught, sig_ignored, sig_blocked;
	bool		 want_cgroup;		/* set by the caller: read cgroup */
	char		*cgroup;		/* owned; its text, or NULL */
	size_t		 cgroup_len;
};

/* Free what d owns and empty it (it can be filled again). */
void	scan_detail_clear(struct scan_detail *d);
/*
 * Read and parse the stat file dirfd/path into p (rss in KiB, pages
 * shifted by page_shift), all but the comm ("" after it); false if the
 * task is gone.
 */
bool	scan_read_stat(unsigned page_shift, int dirfd, const char *path,
	    struct procinfo *p);
/*
 * The same from a stat line already read into buf (which it changes),
 * with the comm: p->comm points into buf, for the caller to copy.
 */
bool	scan_stat_line(unsigned page_shift, char *buf, struct procinfo *p);
/*
 * Fill d (pid, start_ticks and zombie set by the caller) from
 * /proc/TGID[/task/PID]; d->gone if it is gone or another task now has
 * its pid.  stat_fd: a descriptor kept open on the task's stat file
 * (scan_statfd.h), or -1.  NSpid is read only outside self_pidns; the
 * cgroup file only with d->want_cgroup, and not for a zombie (it reads as
 * the root).
 */
void	scan_read_detail(uint64_t self_pidns, unsigned page_shift, pid_t tgid,
	    int stat_fd, struct scan_detail *d);
/* A stat line's length limit, for buffers. */
#define SCAN_STAT_MAX	2048	/* a stat line is at most about 1,100 bytes */
/* scan_start_ticks(): pid's start time, from /proc/PID/stat. */
int	scan_read_start_ticks(pid_t pid, uint64_t *start_ticks);

#endif
