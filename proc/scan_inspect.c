/*
 * On-demand details for the detail pane: the cgroup, the open file count
 * and the environments of a process and its parent, read from /proc when
 * the user asks, never on a refresh.  With scan.c, the only code that
 * reads /proc.
 */
#include "config.h"
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procdetail.h"
#include "readfile.h"
#include "snapshot.h"
#include "xalloc.h"

/* --- on-demand details for the detail pane ----------------------------- */

/* The reason for an errno, as the detail pane says it. */
static const char *
scan_why(int err)
{
	return err == EACCES || err == EPERM ? "permission denied" :
	    strerror(err);
}

/* Append "what: why" to *notes, separated by "; ". */
static void
scan_note(char **notes, const char *what, const char *why)
{
	char	*joined;

	if (*notes == NULL)
		xasprintf(&joined, "%s: %s", what, why);
	else
		xasprintf(&joined, "%s; %s: %s", *notes, what, why);
	free(*notes);
	*notes = joined;
}


static bool
scan_is_kthread(const struct procinfo *p)
{
	return (p->kflags & PF_KTHREAD_BIT) || (p->flags & PI_KTHREAD);
}

/* Append "FD -> target" (target raw, maybe cut) and its NUL to *buf. */
static void
scan_file_entry(char **buf, size_t *len, size_t *cap, const char *fd,
    const char *target, size_t tlen)
{
	size_t	need = strlen(fd) + 4 + tlen + 1;

	while (*len + need > *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	*len += (size_t)sprintf(*buf + *len, "%s -> ", fd);
	memcpy(*buf + *len, target, tlen);
	*len += tlen;
	(*buf)[(*len)++] = '\0';
}

/*
 * Count the entries of an open /proc/PID/fd and list the first
 * PROCDETAIL_FILES_MAX with their targets; one closed meanwhile is
 * skipped.
 */
static void
scan_inspect_files(DIR *dir, struct procdetail *out)
{
	struct dirent	*de;
	char		 target[4096];
	size_t		 cap = 0;
	ssize_t		 n;

	out->open_files = 0;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		out->open_files++;
		if (out->open_files > PROCDETAIL_FILES_MAX)
			continue;
		n = readlinkat(dirfd(dir), de->d_name, target, sizeof target);
		if (n < 0)
			continue;
		scan_file_entry(&out->files, &out->files_len, &cap,
		    de->d_name, target, (size_t)n);
	}
}

static void
scan_inspect_environ(pid_t pid, const char *what, char **env, size_t *len,
    bool *known, char **notes)
{
	char	path[64];
	bool	truncated;
	int	err = 0;

	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	*env = readfile_bounded(AT_FDCWD, path, PROCDETAIL_ENV_MAX, len, &truncated,
	    &err);
	*known = *env != NULL;
	if (*env == NULL)
		scan_note(notes, what, scan_why(err));
	else if (truncated)
		scan_note(notes, what, "cut at 1 MiB");
}

int
scan_inspect(struct scanner *sc, pid_t pid, uint64_t start_ticks,
    const struct snapshot *snap, struct procdetail *out, char **cause)
{
	char		 path[64];
	uint64_t	 start;
	size_t		 len;
	bool		 truncated;
	DIR		*dir;
	int		 err = 0;

	if (procdetail_from_snapshot(out, snap, pid, start_ticks) < 0) {
		xasprintf(cause, "process %d is not in the snapshot", (int)pid);
		return -ESRCH;
	}
	/* What the pane shows of namespaces and signals is read now. */
	if (scan_read_fresh(sc, &out->proc, &out->own) < 0)
		goto gone;
	if (out->has_parent)
		(void)scan_read_fresh(sc, &out->parent, &out->parent_own);
	free(out->unreadable);
	out->unreadable = NULL;
	if (scan_start_ticks(pid, &start) < 0 || start != start_ticks)
		goto gone;

	snprintf(path, sizeof path, "/proc/%d/cgroup", (int)pid);
	out->cgroup = readfile_bounded(AT_FDCWD, path, PROCDETAIL_ENV_MAX, &len,
	    &truncated, &err);
	if (out->cgroup == NULL)
		scan_note(&out->unreadable, "cgroup", scan_why(err));

	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	if ((dir = opendir(path)) == NULL)
		scan_note(&out->unreadable, "open files", scan_why(errno));
	else {
		scan_inspect_files(dir, out);
		closedir(dir);
	}

	/* Zombies and kernel threads have no memory, so no environment. */
	if (out->proc.state == 'Z')
		scan_note(&out->unreadable, "environment", "a zombie has none");
	else if (scan_is_kthread(&out->proc))
		scan_note(&out->unreadable, "environment",
		    "a kernel thread has none");
	else
		scan_inspect_environ(pid, "environment", &out->environ,
		    &out->environ_len, &out->environ_known, &out->unreadable);
	if (out->has_parent && !scan_is_kthread(&out->parent)) {
		scan_inspect_environ(out->parent.pid, "parent environment",
		    &out->parent_environ, &out->parent_environ_len,
		    &out->parent_environ_known, &out->unreadable);
		if (out->parent_environ_known &&
		    (scan_start_ticks(out->parent.pid, &start) < 0 ||
		    start != out->parent.start_ticks)) {
			/* The parent exited and its pid may be reused. */
			free(out->parent_environ);
			out->parent_environ = NULL;
			out->parent_environ_len = 0;
			out->parent_environ_known = false;
			scan_note(&out->unreadable, "parent environment",
			    "the parent has exited");
		}
	} else if (out->has_parent && out->environ_known)
		scan_note(&out->unreadable, "parent environment",
		    "a kernel thread has none");

	/* Everything above belongs to this process only if it still runs. */
	if (scan_start_ticks(pid, &start) == 0 && start == start_ticks)
		return 0;
gone:
	procdetail_done(out);
	xasprintf(cause, "process %d has exited", (int)pid);
	return -ESRCH;
}
