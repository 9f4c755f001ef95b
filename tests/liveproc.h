/*
 * The live tests' oracle: an independent /proc reader, with plain system
 * calls and no libproc2 or scanner code, so a bug there cannot hide itself.
 */
#ifndef TESTS_LIVEPROC_H
#define TESTS_LIVEPROC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc/snapshot.h"

#define LIVEFX_CMDLINE_MAX	4096

/* What the oracle reads from /proc for one process. */
struct liveproc {
	pid_t	 pid, ppid, pgid, sid, tpgid, tgid;
	char	 state;
	char	 comm[COMM_MAX];	/* between the first '(' and last ')' */
	int	 tty_nr;
	unsigned kflags;
	int	 threads;
	uint64_t start_ticks;
	uint64_t cpu_ticks;		/* utime + stime */
	uint64_t rss_kb;		/* rss * page size / 1024 */
	uint64_t vsz_kb;		/* vsize (bytes) / 1024 */
	int	 exit_code;		/* stat field 52 */
	uint32_t uid;			/* effective, 2nd Uid: field */
	int	 nspid[NSPID_MAX];
	int	 nspid_len;
	uint64_t ns[NS_COUNT];		/* INODE_UNKNOWN where unreadable */
	uint64_t sig_caught, sig_ignored, sig_blocked;
	char	 cmdline[LIVEFX_CMDLINE_MAX];
	size_t	 cmdline_len;
};

/* Read /proc/PID into *out.  0 or -errno (-ENOENT: gone). */
int	liveproc_read(pid_t pid, struct liveproc *out);
/* The inode of /proc/PID/ns/NAME, or INODE_UNKNOWN. */
uint64_t liveproc_ns_inode(pid_t pid, const char *name);
/* The owner of /proc/PID (the effective uid), or UINT32_MAX. */
uint32_t liveproc_owner(pid_t pid);
/* Copy s into buf with bytes outside printable ASCII as \xHH. */
const char *liveproc_escape(const char *s, size_t len, char *buf, size_t size);

/* Fields 3 to 52 of /proc/PID/stat into *o.  0 or -errno. */
int	liveproc_read_stat(pid_t pid, struct liveproc *o);
/* Tgid, effective uid, signal masks and NSpid from /proc/PID/status. */
int	liveproc_read_status(pid_t pid, struct liveproc *o);

#endif
