/*
 * Reading one task's files below /proc, for the scanner (scan.c) only:
 * its stat line, the details read once per identity through a /proc/PID
 * directory fd opened after a start-time check (the uid is the
 * directory's owner), and the start time alone (scan_start_ticks()).  Every read tolerates the task
 * vanishing half-way.  The scanner's interface (scan.h) is not included here:
 * scan.c is built on this file, not the other way round.
 */
#include "config.h"
#include "scan_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"
#include "snapshot.h"
#include "xalloc.h"

#define SCAN_CGROUP_MAX	(64 * 1024)	/* /proc/PID/cgroup: a line a hierarchy */

void
scan_detail_clear(struct scan_detail *d)
{
	free(d->cmdline);
	d->cmdline = NULL;
	d->cmdline_len = 0;
	free(d->nspid);
	d->nspid = NULL;
	d->nspid_len = 0;
	free(d->cgroup);
	d->cgroup = NULL;
	d->cgroup_len = 0;
}

/* --- /proc/PID/stat ---------------------------------------------------- */

/*
 * Read a small /proc file whole into buf (NUL-terminated); its length,
 * or -1 if it is gone or empty (a task reaped between open and read).
 */
static ssize_t
scan_read_small(int dirfd, const char *path, char *buf, size_t size)
{
	size_t	len = 0, want;
	ssize_t	n;
	int	fd;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	while (len < size - 1) {
		want = size - 1 - len;
		n = read(fd, buf + len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				len = 0;
			break;
		}
		len += (size_t)n;
		/*
		 * A /proc file of one line comes whole from one read: a
		 * short read that ends the line is the end, and saves the
		 * read that would return 0 (a syscall per task per refresh).
		 */
		if ((size_t)n < want && buf[len - 1] == '\n')
			break;
	}
	close(fd);
	if (len == 0)
		return -1;
	buf[len] = '\0';
	return (ssize_t)len;
}

/*
 * The next space-separated decimal field at *pp (may be negative).
 * Summed unsigned: rsslim is 18446744073709551615 when unlimited, which
 * a signed sum would overflow; the fields kept all fit their types.
 */
static long long
scan_next_field(char **pp)
{
	char			*p = *pp;
	bool			 neg = false;
	unsigned long long	 v = 0;

	while (*p == ' ')
		p++;
	if (*p == '-') {
		neg = true;
		p++;
	}
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (unsigned)(*p++ - '0');
	while (*p != ' ' && *p != '\0' && *p != '\n')
		p++;
	*pp = p;
	return (long long)(neg ? -v : v);
}

/*
 * Parse a stat line (proc(5)) into p.  The comm is between the first
 * '(' and the last ')': it may itself hold spaces and parentheses.
 * False if the line is not one.
 */
static bool
scan_parse_stat(unsigned page_shift, char *buf, struct procinfo *p)
{
	char		*open_paren, *close_paren, *s;
	long long	 v;
	size_t		 n;
	int		 field, last;

	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (open_paren == NULL || close_paren == NULL ||
	    close_paren < open_paren || close_paren[1] != ' ' ||
	    close_paren[2] == '\0')
		return false;
	p->pid = (pid_t)atoi(buf);
	n = (size_t)(close_paren - open_paren - 1);
	p->state = close_paren[2];
	s = close_paren + 3;
	open_paren[1 + (n < COMM_MAX ? n : COMM_MAX - 1)] = '\0';
	p->comm = open_paren + 1;	/* in buf: the caller copies it */
	/*
	 * Fields 4 to 52; the kernel may add more, and older ones have fewer.
	 * The exit code (52) is only worth the rest of the line for a zombie
	 * (a stopped or traced task holds its stop signal there).
	 */
	last = strchr("ZXTt", p->state) != NULL ? 52 : 24;
	for (field = 4; field <= last && *s == ' '; field++) {
		v = scan_next_field(&s);
		switch (field) {
		case 4:		p->ppid = (pid_t)v; break;
		case 5:		p->pgid = (pid_t)v; break;
		case 6:		p->sid = (pid_t)v; break;
		case 7:		p->tty_nr = (int)v; break;
		case 8:		p->tpgid = (pid_t)v; break;
		case 9:		p->kflags = (unsigned)v; break;
		case 14:	p->cpu_ticks = (uint64_t)v; break;
		case 15:	p->cpu_ticks += (uint64_t)v; break;
		case 20:	p->threads = (int)v; break;
		case 22:	p->start_ticks = (uint64_t)v; break;
		case 23:	p->vsz_kb = (uint64_t)v >> 10; break;
		case 24:	p->rss_kb = (uint64_t)v << page_shift; break;
		case 52:	p->exit_code = (int)v; break;
		}
	}
	return field > 24;
}

/*
 * Read and parse dirfd/path into p; false if the task is gone.  A task
 * reaped between the walk and this read may still show a stat, with
 * ppid 0 and pgid, sid and tpgid -1 (the kernel can no longer lock the
 * signal handlers it takes them from): gone too.  No other task has a
 * negative group or session.
 */
bool
scan_read_stat(unsigned page_shift, int dirfd, const char *path,
    struct procinfo *p)
{
	char	buf[SCAN_STAT_MAX];
	bool	ok = scan_read_small(dirfd, path, buf, sizeof buf) > 0 &&
	    scan_stat_line(page_shift, buf, p);

	p->comm = "";	/* it pointed into buf */
	return ok;
}

bool
scan_stat_line(unsigned page_shift, char *buf, struct procinfo *p)
{
	return scan_parse_stat(page_shift, buf, p) && p->pgid >= 0 &&
	    p->sid >= 0;
}

/* The same through stat_fd, a descriptor kept open on the stat file. */
static bool
scan_pread_stat(unsigned page_shift, int stat_fd, struct procinfo *p)
{
	char	buf[SCAN_STAT_MAX];
	ssize_t	n;

	do
		n = pread(stat_fd, buf, sizeof buf - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	n = scan_stat_line(page_shift, buf, p);
	p->comm = "";	/* it pointed into buf */
	return n != 0;
}

/* --- per-identity reads ------------------------------------------------ */

static uint64_t
scan_parse_hex_mask(const char *s, bool *ok)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno != 0 || end == s)
		*ok = false;
	return v;
}

/* From /proc/PID/status: NSpid (outside our namespace) and the signal masks. */
static bool
scan_read_status(uint64_t self_pidns, int dirfd, struct scan_detail *d)
{
	char		*buf, *line, *next, *p, *end;
	size_t		 len;
	bool		 ok = true;
	int		 seen = 0, nspid[NSPID_MAX], n;
	long		 v;

	buf = readfile_whole(dirfd, "status", SIZE_MAX, &len, &(bool){ 0 },
	    &(int){ 0 });
	if (buf == NULL)
		return false;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, "SigBlk:", 7) == 0) {
			d->sig_blocked = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "SigIgn:", 7) == 0) {
			d->sig_ignored = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "SigCgt:", 7) == 0) {
			d->sig_caught = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "NSpid:", 6) == 0 &&
		    d->ns[NS_PID] != self_pidns) {
			p = line + 6;
			for (n = 0; n < NSPID_MAX; n++) {
				v = strtol(p, &end, 10);
				if (end == p)
					break;
				nspid[n] = (int)v;
				p = end;
			}
			if (n > 1) {
				d->nspid = xreallocarray(NULL, (size_t)n,
				    sizeof *d->nspid);
				memcpy(d->nspid, nspid, (size_t)n *
				    sizeof *nspid);
				d->nspid_len = n;
			}
		}
	}
	free(buf);
	d->sig_known = ok && seen == 3;
	return true;
}

static void
scan_read_cmdline(int dirfd, struct scan_detail *d)
{
	bool	truncated;
	int	err;

	d->cmdline = readfile_whole(dirfd, "cmdline", SIZE_MAX,
	    &d->cmdline_len, &truncated, &err);
	if (d->cmdline == NULL)
		d->partial = true;
	else if (d->cmdline_len == 0) {
		free(d->cmdline);
		d->cmdline = NULL;
	}
}

/*
 * The inode of one namespace link below the /proc/PID fd, or
 * INODE_UNKNOWN: readlinkat's "pid:[4026531836]" costs less than an
 * fstatat.
 */
static uint64_t
scan_read_ns_link(int dirfd, int type)
{
	char		name[16], link[64], *open_bracket, *end;
	unsigned long long v;
	ssize_t		n;

	snprintf(name, sizeof name, "ns/%s", ns_type_names[type]);
	n = readlinkat(dirfd, name, link, sizeof link - 1);
	if (n <= 0)
		return INODE_UNKNOWN;
	link[n] = '\0';
	if ((open_bracket = strchr(link, '[')) == NULL)
		return INODE_UNKNOWN;
	v = strtoull(open_bracket + 1, &end, 10);
	if (end == open_bracket + 1 || *end != ']')
		return INODE_UNKNOWN;
	return (uint64_t)v;
}

/* The namespace inodes ns does not have yet (INODE_UNKNOWN). */
static void
scan_read_ns_rest(int dirfd, uint64_t ns[NS_COUNT])
{
	for (int k = 0; k < NS_COUNT; k++)
		if (ns[k] == INODE_UNKNOWN)
			ns[k] = scan_read_ns_link(dirfd, k);
}

/*
 * The owner of the /proc/PID directory dirfd: the task's effective uid
 * (root for a kernel thread), even when it is not dumpable, unlike the
 * files inside.  Once the task is reaped, fstat() says root instead of
 * failing, so the caller takes this before the start-time check, which
 * then proves the task was still there when it was taken.
 */
static uint32_t
scan_read_owner(int dirfd)
{
	struct stat	st;

	return fstat(dirfd, &st) == 0 ? (uint32_t)st.st_uid : UID_UNKNOWN;
}

/*
 * Whether the task of the directory dirfd still has start_ticks: read
 * through stat_fd, a descriptor kept open on its stat file, if there is
 * one (cheaper than opening it again), else through dirfd.
 */
static bool
scan_still_there(unsigned page_shift, int stat_fd, int dirfd,
    uint64_t start_ticks)
{
	struct procinfo	now;

	memset(&now, 0, sizeof now);
	return (stat_fd >= 0 ? scan_pread_stat(page_shift, stat_fd, &now) :
	    scan_read_stat(page_shift, dirfd, "stat", &now)) &&
	    now.start_ticks == start_ticks;
}

/*
 * Open the /proc/PID (or /proc/TGID/task/TID) directory of the task
 * (pid, start_ticks): -1 if it is gone, or its pid now names another
 * task.  Its stat must still show the identity's start time after the
 * directory was opened; after that, every read through the fd is of the
 * same task or fails (a reused pid is another /proc entry), so no field
 * can come from a stranger.  *owner: the directory's owner, the task's
 * effective uid, taken before the check (once a task is reaped fstat()
 * says root instead of failing).
 */
static int
scan_open_task(unsigned page_shift, pid_t tgid, pid_t pid,
    uint64_t start_ticks, int stat_fd, uint32_t *owner)
{
	char	path[64];
	int	dirfd;

	if (tgid == pid)
		snprintf(path, sizeof path, "/proc/%d", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/%d/task/%d", (int)tgid,
		    (int)pid);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -1;
	*owner = scan_read_owner(dirfd);
	if (!scan_still_there(page_shift, stat_fd, dirfd, start_ticks)) {
		close(dirfd);
		return -1;
	}
	return dirfd;
}

/*
 * Whether the task is at home (struct scan_home), and not PID 1: the rest
 * need more than the lean reading.  In another PID or user namespace it
 * has an NSpid, a container, its own user names; PID 1's signal masks
 * say whether it reaps and stops.  Unknown is not at home.
 */
static bool
scan_at_home(const struct scan_home *home, const struct scan_detail *d)
{
	return d->pid != 1 && d->ns[NS_PID] != INODE_UNKNOWN &&
	    d->ns[NS_PID] == home->pidns && d->ns[NS_USER] != INODE_UNKNOWN &&
	    d->ns[NS_USER] == home->userns;
}

/* The fields of d that say nothing is known yet. */
static void
scan_detail_reset(struct scan_detail *d)
{
	scan_detail_clear(d);
	d->gone = true;
	d->partial = true;
	d->sig_known = false;
	d->uid = UID_UNKNOWN;
	for (int k = 0; k < NS_COUNT; k++)
		d->ns[k] = INODE_UNKNOWN;
}

void
scan_read_detail(const struct scan_home *home, unsigned page_shift,
    pid_t tgid, int stat_fd, struct scan_detail *d)
{
	uint32_t	 owner = UID_UNKNOWN;
	int		 dirfd;

	scan_detail_reset(d);
	dirfd = scan_open_task(page_shift, tgid, d->pid, d->start_ticks,
	    stat_fd, &owner);
	if (dirfd < 0)
		return;
	scan_read_detail_at(home, dirfd, owner, d);
	close(dirfd);
}

int
scan_open_new_task(int dirfd, const char *name, uint32_t *owner)
{
	int	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		*owner = scan_read_owner(fd);
	return fd;
}

void
scan_read_detail_at(const struct scan_home *home, int dirfd, uint32_t owner,
    struct scan_detail *d)
{
	bool	home_lean;

	scan_detail_reset(d);
	d->gone = false;
	d->partial = false;
	d->uid = owner;
	d->ns[NS_PID] = scan_read_ns_link(dirfd, NS_PID);
	d->ns[NS_USER] = scan_read_ns_link(dirfd, NS_USER);
	home_lean = d->lean && scan_at_home(home, d);
	if (!home_lean)
		scan_read_ns_rest(dirfd, d->ns);
	if (!d->zombie)
		scan_read_cmdline(dirfd, d);
	if (d->want_cgroup && !d->zombie && !home_lean)
		d->cgroup = readfile_whole(dirfd, "cgroup", SCAN_CGROUP_MAX,
		    &d->cgroup_len, &(bool){ 0 }, &(int){ 0 });
	if ((!scan_at_home(home, d) || d->want_signals) &&
	    !scan_read_status(home->pidns, dirfd, d))
		d->partial = true;
}

int
scan_read_more_ns(unsigned page_shift, pid_t tgid, pid_t pid,
    uint64_t start_ticks, int stat_fd, uint64_t ns[NS_COUNT])
{
	uint32_t	owner;
	int		dirfd;

	dirfd = scan_open_task(page_shift, tgid, pid, start_ticks, stat_fd,
	    &owner);
	if (dirfd < 0)
		return -ESRCH;
	scan_read_ns_rest(dirfd, ns);
	close(dirfd);
	return 0;
}

/* --- identity check for signals ------------------------------------------ */

int
scan_read_start_ticks(pid_t pid, uint64_t *start_ticks)
{
	struct procinfo	p;
	char		path[32], buf[SCAN_STAT_MAX];

	if (pid <= 0)
		return -ESRCH;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	errno = 0;
	if (scan_read_small(AT_FDCWD, path, buf, sizeof buf) < 0)
		/* No errno: empty, reaped between open() and read(). */
		return errno == 0 || errno == ENOENT ? -ESRCH : -errno;
	memset(&p, 0, sizeof p);
	if (!scan_parse_stat(0, buf, &p))
		return -EINVAL;
	*start_ticks = p.start_ticks;
	return 0;
}
