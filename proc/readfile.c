/*
 * Reading a whole file, bounded, for /proc: files whose size stat()
 * does not tell, that may vanish between open and read, and that a
 * process controls (a command line can be very long).
 */
#include "config.h"
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

/*
 * Read at most max bytes of a /proc file.  NULL with *err set if it
 * cannot be opened or read; *truncated when there was more.  With
 * short_is_end, a read short of the buffer is the end.
 */
static char *
readfile_read(int dirfd, const char *path, size_t max, bool short_is_end,
    size_t *lenp, bool *truncated, int *err)
{
	size_t	 cap = 4096, len = 0;
	char	*buf;
	ssize_t	 n = 0;
	int	 fd;

	*truncated = false;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	buf = xmalloc(cap + 1);
	while (len < max) {
		if (len == cap) {
			cap = cap * 2 < max ? cap * 2 : max;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (short_is_end && len < cap)
			break;
	}
	if (n < 0) {
		*err = errno;
		close(fd);
		free(buf);
		return NULL;
	}
	if (len == max) {
		char	extra;

		*truncated = read(fd, &extra, 1) > 0;
	}
	close(fd);
	/*
	 * Callers keep these buffers for the life of a process: give back
	 * what the file did not use (most command lines are short).
	 */
	if (cap - len > 256)
		buf = xreallocarray(buf, len + 1, 1);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

char *
readfile_bounded(int dirfd, const char *path, size_t max, size_t *lenp,
    bool *truncated, int *err)
{
	return readfile_read(dirfd, path, max, false, lenp, truncated, err);
}

char *
readfile_whole(int dirfd, const char *path, size_t max, size_t *lenp,
    bool *truncated, int *err)
{
	return readfile_read(dirfd, path, max, true, lenp, truncated, err);
}
