/*
 * diff events -> --events lines.  The format is documented in events.h
 * and in the man page; scripts parse it, so it changes only by adding
 * fields at the end.
 */
#include "config.h"
#include "events.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "proc/diff.h"
#include "proc/escape.h"
#include "proc/procdetail.h"
#include "proc/snapshot.h"

/* An escaped comm: at most 4 bytes out per byte in ("\xff"). */
#define EVENTS_ESC_MAX		(4 * COMM_MAX + 1)
/* Quoted: each double quote doubles, plus the two quotes. */
#define EVENTS_QUOTED_MAX	(2 * EVENTS_ESC_MAX + 2)

/* A line being built: snprintf's contract over several appends. */
struct events_line {
	char	*buf;
	size_t	 size;
	size_t	 len;		/* the whole line's length so far */
};

static void __attribute__((format(printf, 2, 3)))
events_put(struct events_line *l, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(l->len < l->size ? l->buf + l->len : NULL,
	    l->len < l->size ? l->size - l->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
}

/* The escaped comm, quoted if a script would split or misread it. */
static void
events_put_comm(struct events_line *l, const char *comm, bool utf8)
{
	char	esc[EVENTS_ESC_MAX], quoted[EVENTS_QUOTED_MAX];
	size_t	i, n = 0;

	escape_bytes(comm, strnlen(comm, COMM_MAX), utf8, esc, sizeof esc);
	if (esc[0] != '\0' && strpbrk(esc, " \">") == NULL) {
		events_put(l, "%s", esc);
		return;
	}
	quoted[n++] = '"';
	for (i = 0; esc[i] != '\0'; i++) {
		if (esc[i] == '"')
			quoted[n++] = '\\';
		quoted[n++] = esc[i];
	}
	quoted[n++] = '"';
	quoted[n] = '\0';
	events_put(l, "%s", quoted);
}

/* 2026-11-23T14:20:01.123Z; held to 1970 to 9999 (NaN is 1970). */
static void
events_put_time(struct events_line *l, double t)
{
	struct tm	tm;
	time_t		secs;
	long		ms;

	t = snapshot_clamp_time(t);
	secs = (time_t)t;

	/* No libm in libcore: floor by hand, then round to milliseconds. */
	if ((double)secs > t)
		secs--;
	ms = (long)((t - (double)secs) * 1000.0 + 0.5);
	if (ms >= 1000 && secs >= (time_t)SNAPSHOT_TIME_MAX)
		ms = 999;	/* not into the year 10000 */
	else if (ms >= 1000) {
		secs++;
		ms -= 1000;
	}
	if (gmtime_r(&secs, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	events_put(l, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);
}

static void
events_put_status(struct events_line *l, int status)
{
	char	text[64];

	procdetail_wait_status_text(status, text, sizeof text);
	events_put(l, " status=\"%s\"", text);
}

size_t
events_format_source(double time, bool kernel, const char *why, char *buf,
    size_t size)
{
	struct events_line	 l = { buf, size, 0 };
	char			 esc[256];
	size_t			 i;

	if (size > 0)
		buf[0] = '\0';
	events_put_time(&l, time);
	events_put(&l, " source events_source=%s", kernel ? "kernel" :
	    "polling");
	if (why == NULL)
		return l.len;
	escape_bytes(why, strnlen(why, 200), false, esc, sizeof esc);
	events_put(&l, " why=\"");
	for (i = 0; esc[i] != '\0'; i++)
		events_put(&l, esc[i] == '"' ? "\\\"" : "%c", esc[i]);
	events_put(&l, "\"");
	return l.len;
}

size_t
events_format_line(const struct diff_event *e, bool utf8, char *buf,
    size_t size)
{
	struct events_line	 l = { buf, size, 0 };
	const char		*kind = (unsigned)e->kind < DIFF_KIND_COUNT ?
				    diff_kind_names[e->kind] : "unknown";
	pid_t			 ppid;

	if (size > 0)
		buf[0] = '\0';
	events_put_time(&l, e->time);
	if (e->kind == DIFF_LOST) {
		events_put(&l, " lost count=%lu", e->count);
		return l.len;
	}
	ppid = e->kind == DIFF_EXITED || e->kind == DIFF_REAPED ?
	    e->old_ppid : e->new_ppid;
	events_put(&l, " %s pid=%d ppid=", kind, (int)e->pid);
	if (e->kind == DIFF_REPARENTED)
		events_put(&l, "%d->", (int)e->old_ppid);
	events_put(&l, "%d comm=", (int)ppid);
	if (e->kind == DIFF_EXEC) {
		events_put_comm(&l, e->old_comm, utf8);
		events_put(&l, "->");
	}
	events_put_comm(&l, e->comm, utf8);
	switch (e->kind) {
	case DIFF_ZOMBIE:
	case DIFF_REAPED:
		events_put_status(&l, e->exit_code);
		break;
	case DIFF_NS_CHANGED:
		events_put(&l, " ns=%s inode=%llu->%llu",
		    (unsigned)e->ns < NS_COUNT ? ns_type_names[e->ns] : "?",
		    (unsigned long long)e->old_ns,
		    (unsigned long long)e->new_ns);
		break;
	case DIFF_EXITED:
		if (!e->status_known)
			break;
		events_put_status(&l, e->exit_code);
		if (e->lifetime >= 0)
			events_put(&l, " lifetime=%.3f", e->lifetime);
		break;
	case DIFF_STARTED:
	case DIFF_REPARENTED:
	case DIFF_EXEC:
	case DIFF_LOST:
		break;
	}
	return l.len;
}
