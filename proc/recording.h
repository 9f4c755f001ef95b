/*
 * A recording: the snapshots of one file, in time order, as --record
 * writes them (JSON lines, one compact treetop/1 document per line;
 * doc/recording.md).  A single treetop/1 document, pretty-printed or
 * not, is a recording of one.  Depends on load.c and model.c; no
 * curses, no /proc.
 */
#ifndef PROC_RECORDING_H
#define PROC_RECORDING_H

#include <stddef.h>

struct diff;
struct snapshot;

struct recording {
	struct snapshot	**snaps;	/* owned, each one too; in time order */
	struct diff	 *events;	/* owned; n of them: the kernel's
					   events recorded after each
					   snapshot (recevents.h), empty
					   when none */
	size_t		  n;		/* at least 1 once loaded */
};

/*
 * A pipe or a device (anything but a regular file) is read whole into
 * memory first, up to this many bytes; beyond it, recording_load() fails
 * with -EFBIG, so an endless input (/dev/zero) cannot take all memory.
 */
#define RECORDING_STREAM_MAX	((size_t)256 << 20)	/* 256 MiB */
#define RECORDING_STREAM_MAX_TEXT	"256 MiB"

/* How many bad lines *warnings lists one by one before summing up. */
#define RECORDING_WARN_MAX	10

/*
 * Load path into out (which it initialises).  A bad line of a JSON-lines
 * file is skipped, and so is a line whose time goes backwards; each is
 * described on a line of *warnings ("FILE:LINE: problem", each line ending
 * in '\n'; NULL when there is nothing to say; caller frees).  Returns 0,
 * or -errno with out empty and *cause ("FILE: problem", caller frees) when
 * nothing can be read.  warnings may be NULL.  The snapshots come as the
 * loader gives them: run recording_prepare() before using them.
 */
int	recording_load(const char *path, struct recording *out, char **cause,
	    char **warnings);
/*
 * Make each snapshot ready against the one before it (model_prepare():
 * the live orphan rule carried across the history), from the first to
 * the last, as the live refresh does.
 */
void	recording_prepare(struct recording *r);
/* Free what r owns and leave it empty; r itself is the caller's. */
void	recording_free(struct recording *r);

#endif
