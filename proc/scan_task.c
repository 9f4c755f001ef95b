/*
 * One process as the kernel's events need it read at once (procevents.c):
 * its names the moment it ran a new program, so that a process that
 * lives a millisecond keeps its name; whether threads other than its
 * leader are left, when the leader exits.  Part of the scanner: the only
 * code that reads /proc.
 */
#include "config.h"
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"

/* A command line longer than this is cut: a name, not an archive. */
#define SCAN_TASK_CMDLINE_MAX	4096

int
scan_task_names(pid_t pid, char *comm, size_t comm_size, char **cmdline,
    size_t *cmdline_len)
{
	char	path[64], *buf;
	size_t	len;
	bool	truncated;
	int	dirfd, err;

	*cmdline = NULL;
	*cmdline_len = 0;
	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	buf = readfile_whole(dirfd, "comm", comm_size, &len, &truncated,
	    &err);
	if (buf != NULL && len > 0 && comm_size > 0) {
		len -= buf[len - 1] == '\n';
		len = len < comm_size - 1 ? len : comm_size - 1;
		memcpy(comm, buf, len);
		comm[len] = '\0';
	}
	free(buf);
	buf = readfile_whole(dirfd, "cmdline", SCAN_TASK_CMDLINE_MAX, &len,
	    &truncated, &err);
	close(dirfd);
	if (buf != NULL && len > 0) {
		*cmdline = buf;
		*cmdline_len = len;
	} else
		free(buf);
	return 0;
}

size_t
scan_task_others(pid_t tgid)
{
	struct stat	st;
	char		path[64];

	/*
	 * One stat(), not a listing: the task directory's link count is 2
	 * and its live threads, the leader counted until it is reaped.
	 */
	snprintf(path, sizeof path, "/proc/%d/task", (int)tgid);
	if (stat(path, &st) < 0 || st.st_nlink < 3)
		return 0;
	return (size_t)(st.st_nlink - 3);
}
