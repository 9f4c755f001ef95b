/*
 * The user names of the mount namespaces a snapshot's processes live in,
 * other than the scanner's own: the /etc/passwd of a member's root, so
 * that a container's users are named as the container names them.
 *
 * The file belongs to whoever controls the container, so it is opened
 * without trusting it: openat2(2) with RESOLVE_IN_ROOT resolves every
 * symbolic link (an absolute one too) inside the member's root,
 * /proc/PID/root, never on the host, and refuses magic links; the path
 * is opened O_PATH first and read only if it is a regular file of at
 * most PASSWD_FILE_MAX bytes (no FIFO to block on, no device to touch).
 * Where openat2 is missing (before Linux 5.6) nothing is read: users
 * are then shown by number.  The member's ns/mnt link is checked to be
 * the inode expected before and after reading, so a reused PID cannot
 * lend another namespace's names.  What was read (or found unreadable)
 * is carried from snapshot to snapshot and read again every
 * SCAN_PASSWD_REREAD_S seconds, or when the namespace is new.
 */
#include "config.h"
#include "scan_passwd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<linux/openat2.h>) && defined(SYS_openat2)
#include <linux/openat2.h>
#define SCAN_PASSWD_OPENAT2	1
#endif
#endif

#include "nsinfo.h"
#include "passwd.h"
#include "scan_nsinfo.h"
#include "snapshot.h"
#include "xalloc.h"

uint64_t
scan_passwd_self_mnt(void)
{
	struct stat	st;

	if (stat("/proc/self/ns/mnt", &st) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
}

/* etc/passwd under rootfd, resolved inside it, as an O_PATH fd; or -1. */
static int
scan_passwd_open_path(int rootfd)
{
#ifdef SCAN_PASSWD_OPENAT2
	struct open_how	how;

	memset(&how, 0, sizeof how);
	how.flags = O_PATH | O_CLOEXEC;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, rootfd, "etc/passwd", &how,
	    sizeof how);
#else
	(void)rootfd;
	errno = ENOSYS;
	return -1;
#endif
}

/* The file behind the O_PATH fd pfd, opened to read if it may be; or -1. */
static int
scan_passwd_reopen(int pfd)
{
	struct stat	st, st2;
	char		path[48];
	int		fd;

	if (fstat(pfd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > PASSWD_FILE_MAX)
		return -1;
	snprintf(path, sizeof path, "/proc/self/fd/%d", pfd);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd >= 0 && (fstat(fd, &st2) < 0 || st2.st_dev != st.st_dev ||
	    st2.st_ino != st.st_ino)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* All of fd, at most PASSWD_FILE_MAX bytes (more: NULL); caller frees. */
static char *
scan_passwd_slurp(int fd, size_t *len)
{
	char	*buf = xmalloc(PASSWD_FILE_MAX + 1);
	size_t	 n = 0;
	ssize_t	 r;

	while (n <= PASSWD_FILE_MAX) {
		r = read(fd, buf + n, PASSWD_FILE_MAX + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (r < 0 || n > PASSWD_FILE_MAX) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The ns/mnt inode of the process dirfd is, or INODE_UNKNOWN. */
static uint64_t
scan_passwd_mnt_of(int dirfd)
{
	struct stat	st;

	if (fstatat(dirfd, "ns/mnt", &st, 0) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
}

/* The passwd text of pid's root, pid being in mount namespace inode. */
static char *
scan_passwd_read(pid_t pid, uint64_t inode, size_t *len)
{
	char	 path[32], *text = NULL;
	int	 dirfd, rootfd = -1, pfd = -1, fd = -1;

	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	if ((dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return NULL;
	if (scan_passwd_mnt_of(dirfd) == inode &&
	    (rootfd = openat(dirfd, "root", O_PATH | O_DIRECTORY |
	    O_CLOEXEC)) >= 0 && (pfd = scan_passwd_open_path(rootfd)) >= 0 &&
	    (fd = scan_passwd_reopen(pfd)) >= 0)
		text = scan_passwd_slurp(fd, len);
	/* Gone, and its PID reused, meanwhile? */
	if (text != NULL && scan_passwd_mnt_of(dirfd) != inode) {
		free(text);
		text = NULL;
	}
	if (fd >= 0)
		close(fd);
	if (pfd >= 0)
		close(pfd);
	if (rootfd >= 0)
		close(rootfd);
	close(dirfd);
	return text;
}

/* Fill m (inode set) by reading through member pid. */
static void
scan_passwd_read_into(struct snapshot *snap, struct mntns_users *m, pid_t pid)
{
	struct passwd_entry	*v;
	char			*text;
	size_t			 len = 0, n = 0;

	m->read_at = snap->time;
	if ((text = scan_passwd_read(pid, m->inode, &len)) == NULL)
		return;
	v = passwd_parse(text, len, &n);
	snapshot_set_mntusers(snap, m, v, n);
	free(v);
	free(text);
}

void
scan_passwd_fill(struct snapshot *snap, const struct snapshot *base,
    uint64_t self_mnt)
{
	struct scan_nsinfo_member	*mem;
	const struct mntns_users	*old;
	struct mntns_users		*m;
	size_t				 n, i;

	mem = scan_nsinfo_members(snap, NS_MNT, &n);
	for (i = 0; i < n; i++) {
		if (mem[i].inode == self_mnt)
			continue;
		m = snapshot_add_mntusers(snap, mem[i].inode);
		old = base != NULL ? nsinfo_mntusers(base, mem[i].inode) : NULL;
		if (old != NULL && snap->time - old->read_at >= 0 &&
		    snap->time - old->read_at < SCAN_PASSWD_REREAD_S) {
			m->read_at = old->read_at;
			if (old->known)
				snapshot_set_mntusers(snap, m, old->v, old->n);
		} else
			scan_passwd_read_into(snap, m, mem[i].pid);
	}
	free(mem);
}
