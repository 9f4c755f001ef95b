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

/*
 * The namespaces of the /proc the scanner reads: a task in both, other
 * than PID 1, is at home, and a lean reading leaves its others out.
 */
struct scan_home {
	uint64_t	 pidns;			/* whose PIDs /proc shows */
	uint64_t	 userns;		/* the scanner's own */
};

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
	/* Set by the caller: what to read besides stat, cmdline and ns/pid. */
	bool		 want_cgroup;		/* the cgroup file */
	bool		 want_signals;		/* the signal masks of any task,
						   not only of a namespace's init */
	bool		 lean;			/* at home: no other namespace,
						   no cgroup */
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
 * Fill d (pid, start_ticks, zombie and the want_ fields set by the
 * caller) from /proc/TGID[/task/PID]; d->gone if it is gone or another
 * task now has its pid.  stat_fd: a descriptor kept open on the task's
 * stat file (scan_statfd.h), or -1.  The uid is the directory's owner.
 * status (NSpid, signal masks) is read only for a task not at home (see
 * struct scan_home), for PID 1, or with d->want_signals; the cgroup file
 * only with d->want_cgroup, and not for a zombie (it reads as the root).
 * With d->lean, a task at home has only its PID and user namespaces
 * read, and no cgroup.
 */
void	scan_read_detail(const struct scan_home *home, unsigned page_shift,
	    pid_t tgid, int stat_fd, struct scan_detail *d);
/*
 * Open the directory dirfd/name of a task seen for the first time,
 * before its stat file is read through it, and take its owner (the
 * task's effective uid) into *owner: a read of that stat file then
 * proves the owner right, and every read through the directory is of
 * that task or fails.  The descriptor, or -1.
 */
int	scan_open_new_task(int dirfd, const char *name, uint32_t *owner);
/*
 * scan_read_detail() for a task whose directory dirfd and owner
 * scan_open_new_task() gave, and whose stat file was read through dirfd
 * since: no second look at its start time.  d->gone is false.
 */
void	scan_read_detail_at(const struct scan_home *home, int dirfd,
	    uint32_t owner, struct scan_detail *d);
/*
 * Read the namespace inodes ns does not have yet (INODE_UNKNOWN) of the
 * task (pid, start_ticks), of thread group tgid: for a lean record
 * whose child turned out to be in another namespace.  0, or -ESRCH if it
 * is gone.
 */
int	scan_read_more_ns(unsigned page_shift, pid_t tgid, pid_t pid,
	    uint64_t start_ticks, int stat_fd, uint64_t ns[NS_COUNT]);
/* A stat line's length limit, for buffers. */
#define SCAN_STAT_MAX	2048	/* a stat line is at most about 1,100 bytes */
/* scan_start_ticks(): pid's start time, from /proc/PID/stat. */
int	scan_read_start_ticks(pid_t pid, uint64_t *start_ticks);

#endif
