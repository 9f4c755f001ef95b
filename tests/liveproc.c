/*
 * The live tests' oracle: reads /proc/PID with plain system calls.
 */
#include "config.h"
#include "liveproc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read up to size bytes of a /proc file with plain system calls. */
static ssize_t
liveproc_read_file(const char *path, char *buf, size_t size)
{
	size_t	off = 0;
	ssize_t	n;
	int	fd, err;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	while (off < size) {
		n = read(fd, buf + off, size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			close(fd);
			return err;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	return (ssize_t)off;
}

uint32_t
liveproc_owner(pid_t pid)
{
	char		path[32];
	struct stat	st;

	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	return stat(path, &st) == 0 ? (uint32_t)st.st_uid : UINT32_MAX;
}

uint64_t
liveproc_ns_inode(pid_t pid, const char *name)
{
	char	path[64], buf[64], *lb;
	ssize_t	n;

	snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, name);
	if ((n = readlink(path, buf, sizeof buf - 1)) <= 0)
		return INODE_UNKNOWN;
	buf[n] = '\0';
	if ((lb = strchr(buf, '[')) == NULL)
		return INODE_UNKNOWN;
	return strtoull(lb + 1, NULL, 10);
}

/* Fields 3 to 52 of /proc/PID/stat, after the comm. */
int
liveproc_read_stat(pid_t pid, struct liveproc *o)
{
	char		 path[64], buf[2048], *lp, *rp, *f[64], *save;
	unsigned long	 rss;
	size_t		 len, n = 0;
	ssize_t		 got;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((got = liveproc_read_file(path, buf, sizeof buf - 1)) < 0)
		return (int)got;
	buf[got] = '\0';
	lp = strchr(buf, '(');
	rp = strrchr(buf, ')');	/* comm may itself hold ')' */
	if (lp == NULL || rp == NULL || rp < lp)
		return -EPROTO;
	len = (size_t)(rp - lp - 1);
	if (len >= sizeof o->comm)
		len = sizeof o->comm - 1;
	memcpy(o->comm, lp + 1, len);
	o->comm[len] = '\0';
	for (f[n] = strtok_r(rp + 1, " \n", &save); f[n] != NULL &&
	    n < 63; f[n] = strtok_r(NULL, " \n", &save))
		n++;
	if (n < 50)
		return -EPROTO;
#define F(k)	(f[(k) - 3])
	o->state = F(3)[0];
	o->ppid = (pid_t)strtol(F(4), NULL, 10);
	o->pgid = (pid_t)strtol(F(5), NULL, 10);
	o->sid = (pid_t)strtol(F(6), NULL, 10);
	o->tty_nr = (int)strtol(F(7), NULL, 10);
	o->tpgid = (pid_t)strtol(F(8), NULL, 10);
	o->kflags = (unsigned)strtoul(F(9), NULL, 10);
	o->cpu_ticks = strtoull(F(14), NULL, 10) + strtoull(F(15), NULL, 10);
	o->threads = (int)strtol(F(20), NULL, 10);
	o->start_ticks = strtoull(F(22), NULL, 10);
	rss = strtoul(F(24), NULL, 10);
	o->rss_kb = (uint64_t)rss * (uint64_t)sysconf(_SC_PAGESIZE) / 1024;
	o->vsz_kb = strtoull(F(23), NULL, 10) / 1024;
	o->exit_code = (int)strtol(F(52), NULL, 10);
#undef F
	return 0;
}

int
liveproc_read_status(pid_t pid, struct liveproc *o)
{
	char	 path[64], buf[8192], *line, *next, *end;
	ssize_t	 got;
	long	 v;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((got = liveproc_read_file(path, buf, sizeof buf - 1)) < 0)
		return (int)got;
	buf[got] = '\0';
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		sscanf(line, "Tgid: %d", &o->tgid);
		sscanf(line, "Uid: %*u %" SCNu32, &o->uid);	/* effective */
		sscanf(line, "SigBlk: %" SCNx64, &o->sig_blocked);
		sscanf(line, "SigIgn: %" SCNx64, &o->sig_ignored);
		sscanf(line, "SigCgt: %" SCNx64, &o->sig_caught);
		if (strncmp(line, "NSpid:", 6) == 0)
			for (line += 6; o->nspid_len < NSPID_MAX; line = end) {
				v = strtol(line, &end, 10);
				if (end == line)
					break;
				o->nspid[o->nspid_len++] = (int)v;
			}
	}
	return 0;
}

int
liveproc_read(pid_t pid, struct liveproc *o)
{
	char	path[64];
	ssize_t	got;
	int	r, t;

	memset(o, 0, sizeof *o);
	o->pid = pid;
	o->uid = UID_UNKNOWN;
	if ((r = liveproc_read_stat(pid, o)) < 0 ||
	    (r = liveproc_read_status(pid, o)) < 0)
		return r;
	for (t = 0; t < NS_COUNT; t++)
		o->ns[t] = liveproc_ns_inode(pid, ns_type_names[t]);
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	if ((got = liveproc_read_file(path, o->cmdline, sizeof o->cmdline)) < 0)
		return (int)got;
	o->cmdline_len = (size_t)got;
	return 0;
}

const char *
liveproc_escape(const char *s, size_t len, char *buf, size_t size)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, o = 0;

	if (size == 0)
		return buf;
	for (i = 0; i < len && o + 5 < size; i++) {
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\')
			buf[o++] = (char)u[i];
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x",
			    u[i]);
	}
	buf[o] = '\0';
	return buf;
}
