/*
 * Kernel events <-> the "events" member of a snapshot line:
 *
 *	"events": [
 *	    {"kind": "started", "time": T, "pid": P, "ppid": Q, "comm": C},
 *	    {"kind": "exec", ..., "old_comm": C},
 *	    {"kind": "exited", ..., "status": 768, "lifetime": 0.003},
 *	    {"kind": "lost", "time": T, "count": N}]
 */
#include "config.h"
#include "recevents.h"

#include <string.h>

#include "diff.h"
#include "escape.h"
#include "snapshot.h"
#include "xalloc.h"

/* A comm as JSON: as is when it is UTF-8, else escaped. */
static json_t *
recevents_comm(const char *comm)
{
	char	esc[4 * COMM_MAX + 1];
	size_t	len = strnlen(comm, COMM_MAX);
	json_t	*v = json_stringn(comm, len);

	if (v != NULL)
		return v;
	escape_bytes(comm, len, false, esc, sizeof esc);
	return json_string(esc);
}

static json_t *
recevents_one(const struct diff_event *e)
{
	json_t	*o = json_object();

	json_object_set_new(o, "kind", json_string(diff_kind_names[e->kind]));
	json_object_set_new(o, "time", json_real(e->time));
	if (e->kind == DIFF_LOST) {
		json_object_set_new(o, "count", json_integer((json_int_t)
		    e->count));
		return o;
	}
	json_object_set_new(o, "pid", json_integer(e->pid));
	json_object_set_new(o, "ppid", json_integer(e->kind == DIFF_EXITED ?
	    e->old_ppid : e->new_ppid));
	json_object_set_new(o, "start_ticks", json_integer((json_int_t)
	    e->start_ticks));
	json_object_set_new(o, "comm", recevents_comm(e->comm));
	if (e->kind == DIFF_EXEC)
		json_object_set_new(o, "old_comm", recevents_comm(e->old_comm));
	if (e->kind == DIFF_EXITED && e->status_known)
		json_object_set_new(o, "status", json_integer(e->exit_code));
	if (e->kind == DIFF_EXITED && e->lifetime >= 0)
		json_object_set_new(o, "lifetime", json_real(e->lifetime));
	return o;
}

json_t *
recevents_json(const struct diff *d)
{
	json_t	*list = NULL;
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		if (!d->events[i].kernel)
			continue;
		if (list == NULL && (list = json_array()) == NULL)
			return NULL;
		json_array_append_new(list, recevents_one(&d->events[i]));
	}
	return list;
}

static void
recevents_copy(char *to, const json_t *v)
{
	size_t	len = json_is_string(v) ? json_string_length(v) : 0;

	if (len > COMM_MAX - 1)
		len = COMM_MAX - 1;
	memset(to, 0, COMM_MAX);
	if (len > 0)
		memcpy(to, json_string_value(v), len);
}

/* The kind of o, if it is one an events line holds; else -1. */
static int
recevents_kind(const json_t *o)
{
	static const enum diff_kind	kinds[] = { DIFF_STARTED, DIFF_EXEC,
					    DIFF_EXITED, DIFF_LOST };
	const char			*word = json_string_value(
					    json_object_get(o, "kind"));
	size_t				 i;

	for (i = 0; word != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(word, diff_kind_names[kinds[i]]) == 0)
			return (int)kinds[i];
	return -1;
}

/* One event object into e; false if it is not one. */
static bool
recevents_read(const json_t *o, struct diff_event *e)
{
	const json_t	*v;
	int		 kind = recevents_kind(o);
	json_int_t	 pid, ppid;

	v = json_object_get(o, "time");
	if (kind < 0 || !json_is_number(v) || !(json_number_value(v) >= 0 &&
	    json_number_value(v) <= SNAPSHOT_TIME_MAX))
		return false;	/* a time from 1970 to the year 9999 */
	e->kind = (enum diff_kind)kind;
	e->kernel = true;
	e->time = json_number_value(v);
	if (e->kind == DIFF_LOST) {
		v = json_object_get(o, "count");
		e->count = json_is_integer(v) && json_integer_value(v) > 0 ?
		    (unsigned long)json_integer_value(v) : 0;
		return true;
	}
	pid = json_integer_value(json_object_get(o, "pid"));
	ppid = json_integer_value(json_object_get(o, "ppid"));
	if (pid <= 0 || pid > INT32_MAX || ppid < 0 || ppid > INT32_MAX)
		return false;
	e->pid = (pid_t)pid;
	e->new_ppid = e->old_ppid = (pid_t)ppid;
	if (e->kind == DIFF_STARTED)
		e->old_ppid = 0;
	if (e->kind == DIFF_EXITED)
		e->new_ppid = 0;
	v = json_object_get(o, "start_ticks");
	e->start_ticks = json_is_integer(v) && json_integer_value(v) > 0 ?
	    (uint64_t)json_integer_value(v) : 0;
	recevents_copy(e->comm, json_object_get(o, "comm"));
	if (e->kind == DIFF_EXEC)
		recevents_copy(e->old_comm, json_object_get(o, "old_comm"));
	v = json_object_get(o, "status");
	e->status_known = json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) <= 0xffff;
	e->exit_code = e->status_known ? (int)json_integer_value(v) : 0;
	v = json_object_get(o, "lifetime");
	e->lifetime = json_is_number(v) && json_number_value(v) >= 0 &&
	    json_number_value(v) <= SNAPSHOT_TIME_MAX ? json_number_value(v) :
	    -1;
	return true;
}

int
recevents_parse(const json_t *list, struct diff *out, char **cause)
{
	const json_t	*o;
	size_t		 i;

	if (!json_is_array(list)) {
		xasprintf(cause, "events: expected an array");
		return -1;
	}
	json_array_foreach(list, i, o) {
		if (!recevents_read(o, diff_append(out, DIFF_LOST, 0))) {
			xasprintf(cause, "events[%zu]: not an event", i);
			return -1;
		}
	}
	return 0;
}
