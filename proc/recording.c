/*
 * A file -> the snapshots of a recording.  The whole file is tried as one
 * treetop/1 document first (what --json writes, pretty-printed over many
 * lines); if that fails, it is read as JSON lines (what --record writes):
 * each line a document on its own, a bad line skipped and described, so
 * one torn or corrupt line never costs the rest.  Lines are read one at a
 * time, so a long recording is never held twice in memory.  Depends on
 * load.c (and jansson, only to tell a truncated line from a wrong one).
 */
#include "config.h"
#include "recording.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "diff.h"
#include "escape.h"
#include "load.h"
#include "model.h"
#include "recevents.h"

/* A line with the kernel's events holds this (jansson writes no spaces). */
#define RECORDING_EVENTS_KEY	"\"events\":["
#include "snapshot.h"
#include "xalloc.h"

struct recording_ctx {
	const char		*path;		/* raw, for opening and loading */
	char			*shown;		/* owned; path escaped, for messages */
	struct recording	*rec;		/* borrowed; the result */
	size_t			 cap;		/* of rec->snaps */
	size_t			 nonblank;	/* lines holding anything */
	size_t			 json_lines;	/* bad lines that were JSON */
	size_t			 bad;		/* lines skipped */
	char			*listed;	/* owned; the first warnings */
	char			*first;		/* owned; the first problem */
};

/* Note that a line is skipped, for problem ("FILE:LINE: what"). */
static void
recording_skip(struct recording_ctx *c, const char *problem, bool truncated)
{
	char	*line, *all;

	c->bad++;
	if (c->first == NULL)
		c->first = xstrdup(problem);
	if (c->bad > RECORDING_WARN_MAX)
		return;
	if (truncated)
		xasprintf(&line, "%s skipped\n", problem);
	else
		xasprintf(&line, "%s (line skipped)\n", problem);
	if (c->listed == NULL) {
		c->listed = line;
		return;
	}
	xasprintf(&all, "%s%s", c->listed, line);
	free(c->listed);
	free(line);
	c->listed = all;
}

/*
 * A one-line text's syntax error reads "NAME:1:COL: what": the line in
 * the line is always 1, so make it "NAME:COL: what", which with NAME
 * being "FILE:LINE" is the usual FILE:LINE:COL.
 */
static char *
recording_cause_fix(char *cause, const char *name)
{
	size_t	 n = strlen(name);
	char	*fixed;

	if (cause == NULL)
		return xstrdup(name);
	if (strncmp(cause, name, n) != 0 || strncmp(cause + n, ":1:", 3) != 0)
		return cause;
	xasprintf(&fixed, "%s:%s", name, cause + n + 3);
	free(cause);
	return fixed;
}

/* Skip a line load_string() refused, saying why. */
static void
recording_bad_line(struct recording_ctx *c, const char *name,
    const char *line, size_t len, bool torn, char *cause)
{
	json_error_t	 err;
	json_t		*v = json_loadb(line, len, JSON_ALLOW_NUL, &err);
	char		*problem;

	const char	*nul = memchr(line, '\0', len);

	if (v != NULL) {
		c->json_lines++;
		json_decref(v);
	} else if (nul != NULL && json_error_code(&err) ==
	    json_error_premature_end_of_input) {
		/* The parser stops at a NUL: the line is not cut short. */
		xasprintf(&problem, "%s:%zu: a NUL byte, not JSON", name,
		    (size_t)(nul - line) + 1);
		free(cause);
		recording_skip(c, problem, false);
		free(problem);
		return;
	} else if (json_error_code(&err) == json_error_premature_end_of_input)
		torn = true;
	if (torn) {
		xasprintf(&problem, "%s: truncated line", name);
		free(cause);
	} else
		problem = recording_cause_fix(cause, name);
	recording_skip(c, problem, torn);
	free(problem);
}

static void
recording_add(struct recording_ctx *c, struct snapshot *snap)
{
	struct recording	*r = c->rec;

	if (r->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		r->snaps = xreallocarray(r->snaps, c->cap, sizeof *r->snaps);
		r->events = xreallocarray(r->events, c->cap,
		    sizeof *r->events);
	}
	diff_init(&r->events[r->n]);
	r->snaps[r->n++] = snap;
}

/*
 * The kernel's events recorded with the snapshot just added (its line's
 * "events" member), into rec->events; a line without them has none.  A
 * bad member costs the events, said as a warning, not the snapshot.
 */
static void
recording_events(struct recording_ctx *c, const char *line, size_t len,
    const char *name)
{
	struct diff	*d = &c->rec->events[c->rec->n - 1];
	json_error_t	 err;
	json_t		*root;
	char		*cause = NULL, *problem;

	if (memmem(line, len, RECORDING_EVENTS_KEY,
	    strlen(RECORDING_EVENTS_KEY)) == NULL)
		return;
	root = json_loadb(line, len, 0, &err);
	if (root == NULL || json_object_get(root, "events") == NULL ||
	    recevents_parse(json_object_get(root, "events"), d, &cause) == 0) {
		json_decref(root);
		return;
	}
	json_decref(root);
	diff_done(d);
	diff_init(d);
	xasprintf(&problem, "%s: %s (its events skipped)", name, cause);
	recording_skip(c, problem, false);
	free(problem);
	free(cause);
}

/* One line of a JSON-lines file, without its newline. */
static void
recording_line(struct recording_ctx *c, const char *line, size_t len,
    size_t lineno, bool torn)
{
	const struct snapshot	*last;
	struct snapshot		*snap;
	char			*name, *shown, *cause = NULL, *problem;

	/* load_string() escapes the raw name in its causes itself. */
	xasprintf(&name, "%s:%zu", c->path, lineno);
	xasprintf(&shown, "%s:%zu", c->shown, lineno);
	snap = load_string(line, len, name, &cause);
	free(name);
	name = shown;
	if (snap == NULL) {
		recording_bad_line(c, name, line, len, torn, cause);
		free(name);
		return;
	}
	last = c->rec->n > 0 ? c->rec->snaps[c->rec->n - 1] : NULL;
	if (last != NULL && snap->time < last->time) {
		xasprintf(&problem, "%s: time %.3f goes back before the "
		    "previous snapshot's %.3f", name, snap->time, last->time);
		recording_skip(c, problem, false);
		free(problem);
		snapshot_free(snap);
	} else {
		recording_add(c, snap);
		recording_events(c, line, len, name);
	}
	free(name);
}

/* Read f as JSON lines; 0 or -errno on a read error. */
static int
recording_lines(struct recording_ctx *c, FILE *f)
{
	char	*line = NULL;
	size_t	 size = 0, lineno = 0, len;
	ssize_t	 n;
	bool	 torn;

	errno = 0;
	while ((n = getline(&line, &size, f)) >= 0) {
		lineno++;
		len = (size_t)n;
		torn = len == 0 || line[len - 1] != '\n';
		if (!torn)
			len--;
		if (strspn(line, " \t\r") >= len)
			continue;	/* blank */
		c->nonblank++;
		recording_line(c, line, len, lineno, torn);
		errno = 0;
	}
	free(line);
	return ferror(f) ? -(errno != 0 ? errno : EIO) : 0;
}

/* The warnings for the caller: the first few, then a count of the rest. */
static char *
recording_warnings(struct recording_ctx *c)
{
	char	*all;

	if (c->bad <= RECORDING_WARN_MAX) {
		all = c->listed;
		c->listed = NULL;
		return all;
	}
	xasprintf(&all, "%s%s: and %zu more lines skipped\n", c->listed,
	    c->shown, c->bad - RECORDING_WARN_MAX);
	return all;
}

/*
 * A pipe (--load <(ssh host cat rec.jsonl)) can be read only once: read
 * it into *buf (owned by the caller either way), up to
 * RECORDING_STREAM_MAX bytes.  0, -EFBIG past the limit, or -errno.
 */
static int
recording_slurp(FILE *f, char **buf, size_t *len)
{
	size_t	cap = 65536, n;

	*len = 0;
	*buf = xmalloc(cap);
	while ((n = fread(*buf + *len, 1, cap - *len, f)) > 0) {
		*len += n;
		if (*len < cap)
			continue;
		if (cap == RECORDING_STREAM_MAX) {
			/* Full: the input may end exactly here. */
			if (getc(f) != EOF)
				return -EFBIG;
			break;
		}
		cap = cap * 2 < RECORDING_STREAM_MAX ? cap * 2 :
		    RECORDING_STREAM_MAX;
		*buf = xreallocarray(*buf, cap, 1);
	}
	return ferror(f) ? -EIO : 0;
}

/*
 * Open path for reading.  A regular file is read twice (whole, then by
 * lines); anything else is read into *buf and given back as a stream on
 * it.  NULL with errno set on failure; *buf is the caller's to free.
 */
static FILE *
recording_open(const char *path, char **buf, size_t *len)
{
	struct stat	 st;
	FILE		*f = fopen(path, "re"), *mem;
	int		 rc;

	*buf = NULL;
	if (f == NULL)
		return NULL;
	if (fstat(fileno(f), &st) < 0)
		rc = -errno;
	else if (S_ISDIR(st.st_mode))
		rc = -EISDIR;
	else if (S_ISREG(st.st_mode))
		return f;
	else if ((rc = recording_slurp(f, buf, len)) == 0) {
		if (*len == 0)
			return f;	/* at its end: nothing left to read */
		mem = fmemopen(*buf, *len, "r");
		if (mem == NULL)
			rc = -errno;
		else {
			fclose(f);
			return mem;
		}
	}
	fclose(f);
	errno = -rc;
	return NULL;
}

int
recording_load(const char *path, struct recording *out, char **cause,
    char **warnings)
{
	struct recording_ctx	 c;
	struct snapshot		*whole;
	char			*wcause = NULL, *buf;
	size_t			 len = 0;
	FILE			*f;
	int			 rc;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.path = path;
	c.shown = escape_strdup(path);
	c.rec = out;
	if (cause != NULL)
		*cause = NULL;
	if (warnings != NULL)
		*warnings = NULL;
	f = recording_open(path, &buf, &len);
	if (f == NULL) {
		rc = -errno;
		if (cause != NULL && rc == -EFBIG)
			xasprintf(cause, "%s: more than " RECORDING_STREAM_MAX_TEXT
			    ", the most read from a pipe or a device", c.shown);
		else if (cause != NULL)
			xasprintf(cause, "%s: %s", c.shown, strerror(-rc));
		free(buf);
		free(c.shown);
		return rc;
	}
	if (buf != NULL)
		whole = load_string(buf, len, path, &wcause);
	else
		whole = load_file(path, &wcause);
	if (whole != NULL) {
		fclose(f);
		free(buf);
		recording_add(&c, whole);
		free(c.shown);
		return 0;
	}
	rc = recording_lines(&c, f);
	fclose(f);
	free(buf);
	if (rc == 0 && out->n > 0) {
		if (warnings != NULL)
			*warnings = recording_warnings(&c);
	} else if (rc < 0) {
		if (cause != NULL)
			xasprintf(cause, "%s: %s", c.shown, strerror(-rc));
	} else if (c.nonblank >= 2 && c.json_lines > 0) {
		/* JSON lines, but not one of them a snapshot. */
		rc = -EINVAL;
		if (cause != NULL)
			xasprintf(cause, "%s: no line holds a valid snapshot; "
			    "the first problem: %s", c.shown, c.first);
	} else {
		/* A single document that is broken: its own error says why. */
		rc = -EINVAL;
		if (cause != NULL) {
			*cause = wcause;
			wcause = NULL;
		}
	}
	if (rc < 0)
		recording_free(out);
	free(wcause);
	free(c.listed);
	free(c.first);
	free(c.shown);
	return rc;
}

void
recording_prepare(struct recording *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		model_prepare(i > 0 ? r->snaps[i - 1] : NULL, r->snaps[i],
		    NULL);
}

void
recording_free(struct recording *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		snapshot_free(r->snaps[i]);
		diff_done(&r->events[i]);
	}
	free(r->snaps);
	free(r->events);
	r->snaps = NULL;
	r->events = NULL;
	r->n = 0;
}
