/*
 * Snapshot differences (proc/diff.h) -> the line format of --events: one
 * line per event, for scripts.  Every byte that came from a process is
 * escaped.  No curses, no /proc, no clock: the time is the event's.
 *
 * The format, stable (fields may be added at the end of a line, none
 * changes meaning):
 *
 *	TIME KIND pid=PID ppid=PPID comm=COMM [more]
 *
 * TIME is the snapshot's time in UTC, ISO 8601 with milliseconds
 * (2026-11-23T14:20:01.123Z).  KIND and what follows comm:
 *
 *	started		a new process (a reused pid is a new one)
 *	exited		gone, and not a zombie before: it exited and was
 *			reaped between two refreshes.  With the kernel's
 *			events: every exit, at its own time, with
 *			status="exited 3" and lifetime=SECONDS (from fork,
 *			when the fork was seen)
 *	zombie		became a zombie; status="exited 3" decodes the wait
 *			status nobody has collected yet
 *	reaped		a zombie that is gone; status= as for zombie
 *	reparented	ppid=OLD->NEW: its parent died, a reaper adopted it
 *			(with the kernel's events, at the parent's exit)
 *	exec		comm=OLD->NEW: comm or command line changed (an exec,
 *			or a rename: PR_SET_NAME, a rewritten argv)
 *	ns-changed	ns=TYPE inode=OLD->NEW: setns() or unshare() on a
 *			namespace other than pid (mnt, net, uts, ipc, user,
 *			cgroup, time); one line per namespace
 *	lost		TIME lost count=N, and nothing else: the kernel
 *			dropped N events (its receive buffer overran); the
 *			refresh's own started and exited lines are printed
 *			besides, from /proc
 *
 * With the kernel's events (the header says events_source=kernel),
 * started, exited and exec come from them, each stamped with its own
 * time, also for processes that lived between two refreshes; lines are
 * in time order.
 *
 * ppid is the parent in the newer snapshot, or for exited and reaped the
 * last one seen.  COMM is escaped as the batch view does (\e, \n, \xff,
 * \\), then written bare unless it is empty or holds a space, a double
 * quote or '>': then it is quoted ("Web Content"), a double quote inside
 * written as \".  Events of one refresh come in pid order.
 */
#ifndef SRC_EVENTS_H
#define SRC_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

struct diff_event;

/* A buffer this size always holds a whole line and its NUL. */
#define EVENTS_LINE_MAX	1024

/*
 * The first line of --events: "TIME source events_source=kernel", or
 * "... events_source=polling why=\"...\"" with why escaped (a double quote
 * as \"), into buf as events_format_line() does.
 */
size_t	events_format_source(double time, bool kernel, const char *why,
	    char *buf, size_t size);
/*
 * Format e as one line, without the newline, into buf (always
 * NUL-terminated when size > 0).  With utf8 false every non-ASCII byte is
 * escaped.  Returns the length of the whole line, as snprintf does.
 */
size_t	events_format_line(const struct diff_event *e, bool utf8, char *buf,
	    size_t size);

#endif
