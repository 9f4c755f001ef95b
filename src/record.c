/*
 * --record: one compact treetop/1 document per line, appended.  A line
 * goes out in a single write(2) on an O_APPEND descriptor, which a local
 * file system applies whole against other appenders; a short write (a
 * full disk, the file size limit) is cut back off with ftruncate(), so
 * a line is either complete or absent.  jansson's compact output never
 * holds a raw newline: strings escape it.  Depends on jsonout.c and libc.
 */
#include "config.h"
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/xalloc.h"
#include "src/jsonout.h"

struct recorder {
	int	 fd;		/* O_WRONLY | O_APPEND */
	bool	 regular;	/* a regular file: can be cut back and synced */
	char	*path;		/* owned; for messages */
};

/* Append len bytes in one write(2); cut a short write back off. */
static int
record_append(struct recorder *r, const char *buf, size_t len)
{
	ssize_t	n;
	off_t	end;

	do
		n = write(r->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n == len)
		return 0;
	/* With O_APPEND the offset is now the end of our partial line. */
	if (r->regular) {
		end = lseek(r->fd, 0, SEEK_CUR);
		if (end < 0 || ftruncate(r->fd, end - n) < 0)
			return -errno;
	}
	/* A short write to a file means the space or the size limit ran out. */
	return -ENOSPC;
}

/*
 * A previous writer may have died mid-line: end that line so ours starts
 * clean.  The descriptor is write-only, so the last byte is read through
 * a second one; if it cannot be read, a newline is written anyway, since
 * the loader skips blank lines.
 */
static int
record_end_line(struct recorder *r, off_t size)
{
	char	last = '\0';
	int	fd;

	if (!r->regular || size == 0)
		return 0;
	fd = open(r->path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (pread(fd, &last, 1, size - 1) != 1)
			last = '\0';
		close(fd);
	}
	return last == '\n' ? 0 : record_append(r, "\n", 1);
}

struct recorder *
record_open(const char *path, char **cause)
{
	struct recorder	*r;
	struct stat	 st;
	int		 fd, rc;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || fstat(fd, &st) < 0) {
		rc = -errno;
		goto fail;
	}
	r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->regular = S_ISREG(st.st_mode);
	r->path = xstrdup(path);
	rc = record_end_line(r, st.st_size);
	if (rc == 0)
		return r;
	free(r->path);
	free(r);
fail:
	if (fd >= 0)
		close(fd);
	if (cause != NULL)
		xasprintf(cause, "%s: %s", path, strerror(-rc));
	errno = -rc;
	return NULL;
}

int
record_write(struct recorder *r, const struct snapshot *snap)
{
	return record_write_step(r, snap, NULL);
}

int
record_write_step(struct recorder *r, const struct snapshot *snap,
    const struct diff *events)
{
	char	*text;
	size_t	 len;
	int	 rc;

	text = jsonout_record_line(snap, events);
	if (text == NULL)
		return -ENOMEM;
	len = strlen(text);
	/* The newline goes in the same write: no torn line between them. */
	text = xreallocarray(text, len + 2, 1);
	text[len++] = '\n';
	text[len] = '\0';
	rc = record_append(r, text, len);
	free(text);
	return rc;
}

const char *
record_path(const struct recorder *r)
{
	return r->path;
}

int
record_close(struct recorder *r)
{
	int	rc = 0;

	if (r == NULL)
		return 0;
	/*
	 * Only a regular file can be synced (not a pipe or a terminal);
	 * EINVAL is a file that cannot be (procfs, sysfs): nothing lost.
	 */
	if (r->regular && fsync(r->fd) < 0 && errno != EINVAL)
		rc = -errno;
	if (close(r->fd) < 0 && rc == 0)
		rc = -errno;
	free(r->path);
	free(r);
	return rc;
}
