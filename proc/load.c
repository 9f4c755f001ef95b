/*
 * JSON (treetop/1) -> snapshot, through jansson.  The loader validates
 * every field it reads and reports the first problem as "FILE: WHERE: what"
 * (or "FILE:LINE:COL: what" for a syntax error), so a hand-written fixture
 * or a file from another host can never crash or mislead the model.
 *
 * Required per process: pid, ppid, pgid, sid, tgid, state, comm; the other
 * schema fields take the defaults of snapshot_add() when absent, but must
 * have the right type when present.  "flags" is read only for "kthread"
 * (the classifier recomputes the rest), "pid_namespaces" is ignored
 * (nstable_build() rebuilds it).  "state" must be one of the kernel's
 * letters.  Every number is held to a documented range (doc/recording.md,
 * "Numbers out of range"): times to the year 9999, counters to 2^53-1, so
 * no formatter meets a value its casts cannot hold.  "loadavg" absent or
 * null (a file from before it) leaves the load average unknown, never 0.
 * A cause ends up on a terminal, so the file name and any quoted input in
 * it are escaped (escape.c, all non-ASCII too: the loader cannot
 * know the terminal's charset).  Depends on jansson and libc only.
 */
#include "config.h"
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "containers.h"
#include "escape.h"
#include "nsinfo.h"
#include "passwd.h"
#include "snapshot.h"
#include "xalloc.h"

#define LOAD_SCHEMA	"treetop/1"
#define LOAD_FLAGS	(JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES)
#define LOAD_INT_MAX	LLONG_MAX	/* json_int_t is long long */
#define LOAD_COUNT_MAX	((json_int_t)SNAPSHOT_COUNT_MAX)	/* ticks, KiB */
#define LOAD_TIME_MAX	((json_int_t)SNAPSHOT_TIME_MAX)	/* unix seconds */
#define LOAD_STATES	"RSDZTtWXxKPI"	/* the kernel's, as in /proc/PID/stat */
#define LOAD_LOADAVG_MAX	1e9	/* more than any kernel could count */

enum load_opt {
	LOAD_REQUIRED	= 1u << 0,	/* absent is an error */
	LOAD_NULLABLE	= 1u << 1,	/* null reads as absent */
};

struct load_ctx {
	const char	*name;		/* file name for messages */
	char		 where[40];	/* "processes[3]." or "" */
	const char	*sub;		/* "ns.", "sig.", "self." or "" */
	char		**cause;
	long		 clk_tck;
};

/* Set *cause to "NAME: WHEREWHAT: message"; always returns -EINVAL. */
static int __attribute__((format(printf, 3, 4)))
load_fail(struct load_ctx *c, const char *what, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *name;

	if (c->cause == NULL)
		return -EINVAL;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	name = escape_strdup(c->name);
	xasprintf(c->cause, "%s: %s%s%s%s%s", name, c->where, c->sub, what,
	    *what != '\0' || *c->where != '\0' ? ": " : "", msg);
	free(name);
	free(msg);
	return -EINVAL;
}

/* Look key up in obj; 0 found, 1 absent (or null and nullable), <0 error. */
static int
load_lookup(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, json_t **out)
{
	*out = json_object_get(obj, key);
	if (*out == NULL || (json_is_null(*out) && (opt & LOAD_NULLABLE))) {
		if (opt & LOAD_REQUIRED)
			return load_fail(c, key, "missing");
		return 1;
	}
	return 0;
}

/* Check that v is an integer in [min, max]. */
static int
load_check_int(struct load_ctx *c, const json_t *v, const char *what,
    json_int_t min, json_int_t max, json_int_t *out)
{
	json_int_t	n = 0;

	if (!json_is_integer(v))
		return load_fail(c, what, "expected an integer");
	n = json_integer_value(v);
	if (n < min || n > max)
		return load_fail(c, what, "%" JSON_INTEGER_FORMAT
		    " is out of range (%" JSON_INTEGER_FORMAT " to %"
		    JSON_INTEGER_FORMAT ")", n, min, max);
	*out = n;
	return 0;
}

/* Read an integer member; 0 read, 1 absent, <0 error. */
static int
load_int(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, json_int_t min, json_int_t max, json_int_t *out)
{
	json_t	*v;
	int	 r = load_lookup(c, obj, key, opt, &v);

	if (r != 0)
		return r;
	return load_check_int(c, v, key, min, max, out);
}

/* Read an int-sized member into *out, leaving it alone when absent. */
static int
load_int32(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, json_int_t min, json_int_t max, int *out)
{
	json_int_t	n = 0;
	int		r = load_int(c, obj, key, opt, min, max, &n);

	if (r == 0)
		*out = (int)n;
	return r < 0 ? r : 0;
}

/* Read an integer in [0, max] into *out, leaving it when absent. */
static int
load_u64(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, json_int_t max, uint64_t *out)
{
	json_int_t	n = 0;
	int		r = load_int(c, obj, key, opt, 0, max, &n);

	if (r == 0)
		*out = (uint64_t)n;
	return r < 0 ? r : 0;
}

/* Read a string member, copied and truncated into buf (size > 0). */
static int
load_str(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, char *buf, size_t size)
{
	json_t	*v;
	size_t	 len;
	int	 r = load_lookup(c, obj, key, opt, &v);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_string(v))
		return load_fail(c, key, "expected a string");
	len = json_string_length(v);
	if (len > size - 1)
		len = size - 1;
	memcpy(buf, json_string_value(v), len);
	buf[len] = '\0';
	return 0;
}

/*
 * Read a number (integer or real) of seconds in [0, SNAPSHOT_TIME_MAX]
 * (a time or a duration: up to the year 9999); 0 read, 1 absent, <0
 * error.  jansson refuses NaN, infinities and overflowing reals itself.
 */
static int
load_seconds(struct load_ctx *c, const json_t *obj, const char *key,
    unsigned opt, double *out)
{
	json_t	*v;
	double	 d;
	int	 r = load_lookup(c, obj, key, opt, &v);

	if (r != 0)
		return r;
	if (!json_is_number(v))
		return load_fail(c, key, "expected a number");
	d = json_number_value(v);
	if (!(d >= 0 && d <= SNAPSHOT_TIME_MAX))
		return load_fail(c, key, "%.15g is out of range (0 to %.0f "
		    "seconds, the year 9999)", d, SNAPSHOT_TIME_MAX);
	*out = d;
	return 0;
}

static int
load_state(struct load_ctx *c, const json_t *obj, struct procinfo *p)
{
	json_t	*v;
	int	 r = load_lookup(c, obj, "state", LOAD_REQUIRED, &v);

	if (r != 0)
		return r;
	/* Displayed as is: a NUL, ESC or any other byte must not pass. */
	if (!json_is_string(v) || json_string_length(v) != 1 ||
	    json_string_value(v)[0] == '\0' ||
	    strchr(LOAD_STATES, json_string_value(v)[0]) == NULL)
		return load_fail(c, "state", "expected one of " LOAD_STATES);
	p->state = json_string_value(v)[0];
	return 0;
}

static int
load_start_time(struct load_ctx *c, const json_t *obj, struct procinfo *p)
{
	double	secs = 0;
	int	r = load_seconds(c, obj, "start_time", 0, &secs);

	if (r != 0)
		return r < 0 ? r : 0;
	/*
	 * llround() without libm: non-negative, and at most 2.6e17 ticks
	 * (the year 9999 at clk_tck 1000000), far below 2^63.
	 */
	p->start_ticks = (uint64_t)(secs * (double)c->clk_tck + 0.5);
	return 0;
}

/* The array of strings key of obj, as p's command line. */
static int
load_args(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p, const char *key)
{
	json_t	*v, *arg;
	size_t	 i, total = 0, off = 0;
	char	*buf, what[48];
	int	 r = load_lookup(c, obj, key, LOAD_NULLABLE, &v);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_array(v))
		return load_fail(c, key, "expected an array of strings");
	json_array_foreach(v, i, arg) {
		if (!json_is_string(arg)) {
			snprintf(what, sizeof what, "%s[%zu]", key, i);
			return load_fail(c, what, "expected a string");
		}
		total += json_string_length(arg) + 1;
	}
	if (total == 0)
		return 0;
	buf = xmalloc(total);
	json_array_foreach(v, i, arg) {
		size_t	len = json_string_length(arg);

		memcpy(buf + off, json_string_value(arg), len);
		off += len;
		buf[off++] = '\0';
	}
	snapshot_set_cmdline(snap, p, buf, total);
	free(buf);
	return 0;
}

/*
 * "cmdline": ["a", "bc"] -> "a\0bc\0", each argument's NUL counted; for
 * a zombie, whose "cmdline" is [], its "last_cmdline" if it has one.
 */
static int
load_cmdline(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	int	r = load_args(c, snap, obj, p, "cmdline");

	if (r == 0 && p->cmdline_len == 0 && p->state == 'Z')
		r = load_args(c, snap, obj, p, "last_cmdline");
	return r;
}

static int
load_nspid(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	json_t		*v, *id;
	json_int_t	 n = 0;
	size_t		 i;
	char		 what[32];
	int		 nspid[NSPID_MAX];
	int		 r = load_lookup(c, obj, "nspid", 0, &v);

	if (r < 0)
		return r;
	if (r > 0) {
		snapshot_set_nspid(snap, p, &p->pid, 1);
		return 0;
	}
	if (!json_is_array(v))
		return load_fail(c, "nspid", "expected an array of integers");
	if (json_array_size(v) < 1 || json_array_size(v) > NSPID_MAX)
		return load_fail(c, "nspid", "expected 1 to %d entries, "
		    "not %zu", NSPID_MAX, json_array_size(v));
	json_array_foreach(v, i, id) {
		snprintf(what, sizeof what, "nspid[%zu]", i);
		if ((r = load_check_int(c, id, what, 1, INT_MAX, &n)) < 0)
			return r;
		nspid[i] = (int)n;
	}
	snapshot_set_nspid(snap, p, nspid, (int)json_array_size(v));
	return 0;
}

static int
load_ns(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	json_t		*v;
	uint64_t	 ns[NS_COUNT] = { 0 };
	int		 t, r = load_lookup(c, obj, "ns", LOAD_NULLABLE, &v);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_object(v))
		return load_fail(c, "ns", "expected an object");
	c->sub = "ns.";
	for (t = 0; t < NS_COUNT && r == 0; t++)
		r = load_u64(c, v, ns_type_names[t], LOAD_NULLABLE,
		    LOAD_INT_MAX, &ns[t]);
	c->sub = "";
	snapshot_set_ns(snap, p, ns);
	return r;
}

/* "comm", required. */
static int
load_comm(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	char	comm[COMM_MAX] = "";
	int	r = load_str(c, obj, "comm", LOAD_REQUIRED, comm, sizeof comm);

	if (r >= 0)
		snapshot_set_comm(snap, p, comm);
	return r;
}

/* "user": a name, or null (unknown). */
static int
load_user(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	char	user[USER_MAX] = "";
	int	r = load_str(c, obj, "user", LOAD_NULLABLE, user, sizeof user);

	if (r >= 0)
		snapshot_set_user(snap, p, user);
	return r;
}

/* Only "kthread" is input; the classifier recomputes the other flags. */
static int
load_flags(struct load_ctx *c, const json_t *obj, struct procinfo *p)
{
	json_t	*v, *f;
	size_t	 i;
	char	 what[32];
	int	 r = load_lookup(c, obj, "flags", LOAD_NULLABLE, &v);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_array(v))
		return load_fail(c, "flags", "expected an array of strings");
	json_array_foreach(v, i, f) {
		if (!json_is_string(f)) {
			snprintf(what, sizeof what, "flags[%zu]", i);
			return load_fail(c, what, "expected a string");
		}
		if (strcmp(json_string_value(f), "kthread") == 0)
			p->flags |= PI_KTHREAD;
	}
	return 0;
}

/* One mask of "sig": up to 16 hex digits, as SigCgt in /proc status. */
static int
load_sigmask(struct load_ctx *c, const json_t *obj, const char *key,
    uint64_t *out)
{
	json_t		*v;
	const char	*s;
	size_t		 len, i;
	int		 r = load_lookup(c, obj, key, LOAD_REQUIRED, &v);

	if (r != 0)
		return r;
	if (!json_is_string(v))
		return load_fail(c, key, "expected a hex string");
	s = json_string_value(v);
	len = json_string_length(v);
	if (len < 1 || len > 16)
		return load_fail(c, key, "expected 1 to 16 hex digits");
	for (i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') &&
		    !(s[i] >= 'a' && s[i] <= 'f') &&
		    !(s[i] >= 'A' && s[i] <= 'F'))
			return load_fail(c, key, "expected a hex string");
	*out = strtoull(s, NULL, 16);
	return 0;
}

static int
load_sig(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	struct sigmasks	 sig;
	json_t		*v;
	int		 r = load_lookup(c, obj, "sig", LOAD_NULLABLE, &v);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_object(v))
		return load_fail(c, "sig", "expected an object or null");
	c->sub = "sig.";
	if ((r = load_sigmask(c, v, "caught", &sig.caught)) == 0 &&
	    (r = load_sigmask(c, v, "ignored", &sig.ignored)) == 0 &&
	    (r = load_sigmask(c, v, "blocked", &sig.blocked)) == 0)
		snapshot_set_sig(snap, p, &sig);
	c->sub = "";
	return r;
}

/* The integer fields, in schema order, with their ranges. */
static int
load_proc_ids(struct load_ctx *c, const json_t *obj, struct procinfo *p)
{
	json_int_t	n = 0;
	double		exit_time;
	int		r;

	if ((r = load_int32(c, obj, "pid", LOAD_REQUIRED, 1, INT_MAX,
	    &p->pid)) < 0 ||
	    (r = load_int32(c, obj, "ppid", LOAD_REQUIRED, 0, INT_MAX,
	    &p->ppid)) < 0 ||
	    (r = load_int32(c, obj, "pgid", LOAD_REQUIRED, 0, INT_MAX,
	    &p->pgid)) < 0 ||
	    (r = load_int32(c, obj, "sid", LOAD_REQUIRED, 0, INT_MAX,
	    &p->sid)) < 0 ||
	    (r = load_int32(c, obj, "tpgid", 0, -1, INT_MAX, &p->tpgid)) < 0 ||
	    (r = load_int32(c, obj, "tgid", LOAD_REQUIRED, 1, INT_MAX,
	    &p->tgid)) < 0)
		return r;
	r = load_int(c, obj, "uid", LOAD_NULLABLE, 0, UINT32_MAX, &n);
	if (r < 0)
		return r;
	if (r == 0)
		p->uid = (uint32_t)n;
	if ((r = load_int32(c, obj, "threads", 0, 0, INT_MAX,
	    &p->threads)) < 0 ||
	    (r = load_u64(c, obj, "cpu_ticks", 0, LOAD_COUNT_MAX,
	    &p->cpu_ticks)) < 0 ||
	    (r = load_u64(c, obj, "rss_kb", 0, LOAD_COUNT_MAX,
	    &p->rss_kb)) < 0 ||
	    (r = load_u64(c, obj, "vsz_kb", 0, LOAD_COUNT_MAX,
	    &p->vsz_kb)) < 0 ||
	    (r = load_int32(c, obj, "exit_code", 0, INT_MIN, INT_MAX,
	    &p->exit_code)) < 0 ||
	    (r = load_int32(c, obj, "tty_nr", 0, INT_MIN, INT_MAX,
	    &p->tty_nr)) < 0)
		return r;
	exit_time = 0;
	r = load_seconds(c, obj, "exit_time", LOAD_NULLABLE, &exit_time);
	if (r < 0)
		return r;
	if (exit_time > 0)
		procinfo_set_exit_time(p, exit_time);
	r = load_int(c, obj, "kflags", 0, 0, UINT_MAX, &n);
	if (r < 0)
		return r;
	if (r == 0)
		p->kflags = (unsigned)n;
	else if (p->flags & PI_KTHREAD)
		p->kflags |= PF_KTHREAD_BIT;
	return 0;
}

/* "pod": null or {"namespace", "name", "uid"}, into ident and names. */
static int
load_pod(struct load_ctx *c, const json_t *ct, struct cgroup_ident *ident,
    struct ct_names *names)
{
	json_t	*pod;
	int	 r = load_lookup(c, ct, "pod", LOAD_NULLABLE, &pod);

	if (r != 0)
		return r < 0 ? r : 0;
	if (!json_is_object(pod))
		return load_fail(c, "pod", "expected an object or null");
	c->sub = "container.pod.";
	if ((r = load_str(c, pod, "namespace", LOAD_NULLABLE,
	    names->pod_namespace, sizeof names->pod_namespace)) < 0 ||
	    (r = load_str(c, pod, "name", LOAD_NULLABLE, names->pod_name,
	    sizeof names->pod_name)) < 0 ||
	    (r = load_str(c, pod, "uid", LOAD_NULLABLE, ident->pod_uid,
	    sizeof ident->pod_uid)) < 0)
		return r;
	c->sub = "container.";
	return 0;
}

/* "container" (null or an object) and "unit" (null or a string). */
static int
load_container(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    struct procinfo *p)
{
	struct cgroup_ident	 ident;
	struct ct_names		 names;
	char			 runtime[16] = "";
	json_t			*ct;
	int			 r;

	memset(&ident, 0, sizeof ident);
	memset(&names, 0, sizeof names);
	if ((r = load_str(c, obj, "unit", LOAD_NULLABLE, ident.unit,
	    sizeof ident.unit)) < 0 ||
	    (r = load_lookup(c, obj, "container", LOAD_NULLABLE, &ct)) < 0)
		return r;
	if (r == 0 && !json_is_object(ct))
		return load_fail(c, "container", "expected an object or null");
	if (r == 0) {
		c->sub = "container.";
		if ((r = load_str(c, ct, "runtime", LOAD_REQUIRED, runtime,
		    sizeof runtime)) < 0 ||
		    (r = load_str(c, ct, "id", LOAD_REQUIRED, ident.id,
		    sizeof ident.id)) < 0 ||
		    (r = load_str(c, ct, "name", LOAD_NULLABLE, names.name,
		    sizeof names.name)) < 0 || (r = load_pod(c, ct, &ident,
		    &names)) < 0)
			return r;
		if ((ident.runtime = ct_runtime_from_name(runtime)) == CT_NONE)
			return load_fail(c, "runtime", "unknown runtime");
		c->sub = "";
	}
	if (ident.runtime != CT_NONE || ident.unit[0] != '\0')
		p->cgroup = snapshot_intern_cgroup(snap, &ident, &names);
	return 0;
}

static int
load_proc(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    size_t i)
{
	struct procinfo	*p;
	int		 r;

	snprintf(c->where, sizeof c->where, "processes[%zu]", i);
	if (!json_is_object(obj))
		return load_fail(c, "", "expected an object");
	snprintf(c->where, sizeof c->where, "processes[%zu].", i);
	p = snapshot_add(snap);
	/* flags first: an absent "kflags" depends on "kthread". */
	if ((r = load_flags(c, obj, p)) < 0 ||
	    (r = load_proc_ids(c, obj, p)) < 0 ||
	    (r = load_state(c, obj, p)) < 0 ||
	    (r = load_comm(c, snap, obj, p)) < 0 ||
	    (r = load_cmdline(c, snap, obj, p)) < 0 ||
	    (r = load_user(c, snap, obj, p)) < 0 ||
	    (r = load_start_time(c, obj, p)) < 0 ||
	    (r = load_nspid(c, snap, obj, p)) < 0 ||
	    (r = load_ns(c, snap, obj, p)) < 0 ||
	    (r = load_sig(c, snap, obj, p)) < 0 ||
	    (r = load_container(c, snap, obj, p)) < 0)
		return r;
	if (p->tgid != p->pid) {
		p->flags |= PI_THREAD;
		snap->has_threads = true;
	}
	return 0;
}

/* The meters' fields: absent, they stay 0, unknown. */
static int
load_machine(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	int	r;

	if ((r = load_u64(c, root, "mem_total_kb", 0, LOAD_COUNT_MAX,
	    &snap->mem_total_kb)) < 0 ||
	    (r = load_u64(c, root, "mem_available_kb", 0, LOAD_COUNT_MAX,
	    &snap->mem_avail_kb)) < 0 ||
	    (r = load_u64(c, root, "cpu_total_ticks", 0, LOAD_COUNT_MAX,
	    &snap->cpu_total)) < 0 ||
	    (r = load_u64(c, root, "cpu_idle_ticks", 0, LOAD_COUNT_MAX,
	    &snap->cpu_idle)) < 0)
		return r;
	return 0;
}

/* "loadavg": 3 numbers; absent or null (an older file) is unknown. */
static int
load_loadavg(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	json_t	*v, *e;
	size_t	 i;
	double	 d;
	int	 r;

	if ((r = load_lookup(c, root, "loadavg", LOAD_NULLABLE, &v)) != 0)
		return r < 0 ? r : 0;
	if (!json_is_array(v) || json_array_size(v) != 3)
		return load_fail(c, "loadavg", "expected an array of 3 numbers");
	json_array_foreach(v, i, e) {
		if (!json_is_number(e))
			return load_fail(c, "loadavg", "expected an array of 3 "
			    "numbers");
		d = json_number_value(e);
		if (!(d >= 0 && d <= LOAD_LOADAVG_MAX))
			return load_fail(c, "loadavg", "%g is out of range (0 "
			    "to %g)", d, LOAD_LOADAVG_MAX);
		snap->loadavg[i] = d;
	}
	snap->loadavg_known = true;
	return 0;
}

/* "kernel" or "polling"; absent (or another word): unknown. */
static int
load_events_source(struct load_ctx *c, struct snapshot *snap,
    const json_t *root)
{
	char	word[16] = "";
	int	r = load_str(c, root, "events_source", LOAD_NULLABLE, word,
		    sizeof word);

	if (r < 0)
		return r;
	if (strcmp(word, "kernel") == 0)
		snap->events_source = EVENTS_SOURCE_KERNEL;
	else if (strcmp(word, "polling") == 0)
		snap->events_source = EVENTS_SOURCE_POLLING;
	return 0;
}

/* "self": treetop's PID (null: not in the document) and namespace. */
static int
load_self(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	json_t	*v;
	int	 r;

	if ((r = load_lookup(c, root, "self", LOAD_NULLABLE, &v)) != 0)
		return r < 0 ? r : 0;
	if (!json_is_object(v))
		return load_fail(c, "self", "expected an object");
	c->sub = "self.";
	if ((r = load_int32(c, v, "pid", LOAD_NULLABLE, 0, INT_MAX,
	    &snap->self_pid)) < 0 ||
	    (r = load_u64(c, v, "pidns", LOAD_NULLABLE, LOAD_INT_MAX,
	    &snap->own_pidns)) < 0)
		return r;
	c->sub = "";
	snap->self_pidns = snap->own_pidns;
	return 0;
}

/*
 * "proc_foreign" and "proc_pidns": whose PIDs the document holds, when
 * /proc was another namespace's than treetop's.  Absent (an older file):
 * treetop's own, self.pidns.
 */
static int
load_proc_ns(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	json_t	*v;
	int	 r;

	if ((r = load_lookup(c, root, "proc_foreign", LOAD_NULLABLE, &v)) < 0)
		return r;
	if (r == 0 && !json_is_boolean(v))
		return load_fail(c, "proc_foreign", "expected true or false");
	snap->proc_foreign = r == 0 && json_is_true(v);
	return load_u64(c, root, "proc_pidns", LOAD_NULLABLE, LOAD_INT_MAX,
	    &snap->self_pidns);
}

static int
load_header(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	json_t		*v;
	json_int_t	 n = 0;
	int		 r;

	if ((r = load_lookup(c, root, "schema", LOAD_REQUIRED, &v)) != 0)
		return r;
	if (!json_is_string(v) || strcmp(json_string_value(v), LOAD_SCHEMA))
		return load_fail(c, "schema", "expected \"%s\"", LOAD_SCHEMA);
	if ((r = load_seconds(c, root, "time", 0, &snap->time)) < 0 ||
	    (r = load_int(c, root, "clk_tck", 0, 1, 1000000, &n)) < 0)
		return r;
	snap->clk_tck = r == 0 ? (long)n : 100;
	c->clk_tck = snap->clk_tck;
	if ((r = load_int(c, root, "boot_time", 0, 0, LOAD_TIME_MAX,
	    &n)) < 0)
		return r;
	if (r == 0)
		snap->boot_time = n;
	if ((r = load_events_source(c, snap, root)) < 0 ||
	    (r = load_str(c, root, "host", LOAD_NULLABLE, snap->host,
	    sizeof snap->host)) < 0 ||
	    (r = load_machine(c, snap, root)) < 0 ||
	    (r = load_loadavg(c, snap, root)) < 0)
		return r;
	if ((r = load_self(c, snap, root)) < 0)
		return r;
	return load_proc_ns(c, snap, root);
}

/* --- the UTS and user namespace tables (absent in older files) --------- */

/* One "uts_namespaces" entry: {"inode", "hostname" (null: unknown)}. */
static int
load_utsns(struct load_ctx *c, struct snapshot *snap, const json_t *obj)
{
	struct utsns_info	*u;
	json_t			*v;
	uint64_t		 inode = INODE_UNKNOWN;
	int			 r;

	if ((r = load_u64(c, obj, "inode", LOAD_REQUIRED, LOAD_INT_MAX,
	    &inode)) < 0)
		return r;
	u = snapshot_add_utsns(snap, inode);
	if ((r = load_lookup(c, obj, "hostname", LOAD_NULLABLE, &v)) != 0)
		return r < 0 ? r : 0;
	u->known = true;
	return load_str(c, obj, "hostname", 0, u->hostname,
	    sizeof u->hostname);
}

/* A map, [[inside, outside, count], ...] (null: unknown), into m. */
static int
load_idmap(struct load_ctx *c, struct snapshot *snap, const json_t *obj,
    const char *key, struct idmap *m)
{
	struct idmap_extent	 v[IDMAP_MAX];
	json_t			*arr, *e;
	json_int_t		 x[3];
	size_t			 i, k;
	int			 r;

	if ((r = load_lookup(c, obj, key, LOAD_NULLABLE, &arr)) != 0)
		return r < 0 ? r : 0;
	if (!json_is_array(arr) || json_array_size(arr) > IDMAP_MAX)
		return load_fail(c, key, "expected an array of at most %d "
		    "extents", IDMAP_MAX);
	json_array_foreach(arr, i, e) {
		if (!json_is_array(e) || json_array_size(e) != 3)
			return load_fail(c, key, "expected [inside, outside, "
			    "count]");
		for (k = 0; k < 3; k++)
			if ((r = load_check_int(c, json_array_get(e, k), key, 0,
			    UINT32_MAX, &x[k])) < 0)
				return r;
		v[i].inside = (uint32_t)x[0];
		v[i].outside = (uint32_t)x[1];
		v[i].count = (uint32_t)x[2];
	}
	snapshot_set_idmap(snap, m, v, json_array_size(arr));
	return 0;
}

/* One "user_namespaces" entry: {"inode", "uid_map", "gid_map"}. */
static int
load_userns(struct load_ctx *c, struct snapshot *snap, const json_t *obj)
{
	struct userns_info	*u;
	uint64_t		 inode = INODE_UNKNOWN;
	int			 r;

	if ((r = load_u64(c, obj, "inode", LOAD_REQUIRED, LOAD_INT_MAX,
	    &inode)) < 0)
		return r;
	u = snapshot_add_userns(snap, inode);
	if ((r = load_idmap(c, snap, obj, "uid_map", &u->uid_map)) < 0)
		return r;
	u = &snap->userns[snap->nuserns - 1];
	return load_idmap(c, snap, obj, "gid_map", &u->gid_map);
}

/* Both tables, each entry checked; sorted for the lookups. */
static int
load_nstables(struct load_ctx *c, struct snapshot *snap, const json_t *root)
{
	static const char *const keys[2] = { "uts_namespaces",
	    "user_namespaces" };
	json_t	*arr, *obj;
	size_t	 t, i;
	int	 r;

	for (t = 0; t < 2; t++) {
		if ((r = load_lookup(c, root, keys[t], LOAD_NULLABLE,
		    &arr)) != 0) {
			if (r < 0)
				return r;
			continue;
		}
		if (!json_is_array(arr))
			return load_fail(c, keys[t], "expected an array");
		json_array_foreach(arr, i, obj) {
			snprintf(c->where, sizeof c->where, "%s[%zu]",
			    keys[t], i);
			if (!json_is_object(obj))
				return load_fail(c, "", "expected an object");
			strcat(c->where, ".");
			r = t == 0 ? load_utsns(c, snap, obj) :
			    load_userns(c, snap, obj);
			if (r < 0)
				return r;
		}
		c->where[0] = '\0';
	}
	nsinfo_sort(snap);
	return 0;
}

/* A user name a document gives a process inside its mount namespace. */
struct load_nsuser {
	uint64_t		 mnt;
	struct passwd_entry	 e;
};

static int
load_nsuser_cmp(const void *a, const void *b)
{
	const struct load_nsuser	*x = a, *y = b;

	if (x->mnt != y->mnt)
		return (x->mnt > y->mnt) - (x->mnt < y->mnt);
	return (x->e.uid > y->e.uid) - (x->e.uid < y->e.uid);
}

/*
 * The names the processes had inside their mount namespaces ("ns_uid",
 * "ns_user"), as those namespaces' user tables, so that a loaded
 * document shows "app(101234)" where the live explorer did.  A zombie's
 * name came from its namespace init's table: not taken from it.  Not
 * checked beyond its type: a malformed one is left out.
 */
static void
load_mntusers(struct snapshot *snap, const json_t *procs)
{
	struct load_nsuser	*v;
	struct passwd_entry	*run;
	struct mntns_users	*m;
	const struct procinfo	*p;
	const json_t		*obj, *name, *uid, *pid;
	size_t			 i, j, k, n = 0;

	v = xreallocarray(NULL, json_array_size(procs) + 1, sizeof *v);
	json_array_foreach(procs, i, obj) {
		name = json_object_get(obj, "ns_user");
		uid = json_object_get(obj, "ns_uid");
		pid = json_object_get(obj, "pid");
		if (!json_is_string(name) || !json_is_integer(uid) ||
		    !json_is_integer(pid) || json_integer_value(uid) < 0 ||
		    json_integer_value(uid) >= UID_UNKNOWN ||
		    json_integer_value(pid) <= 0 ||
		    json_integer_value(pid) > INT_MAX ||
		    json_string_length(name) >= PASSWD_NAME_MAX ||
		    (p = snapshot_find(snap,
		    (pid_t)json_integer_value(pid))) == NULL ||
		    p->state == 'Z' || p->ns[NS_MNT] == INODE_UNKNOWN)
			continue;
		memset(&v[n], 0, sizeof v[n]);
		v[n].mnt = p->ns[NS_MNT];
		v[n].e.uid = (uint32_t)json_integer_value(uid);
		memcpy(v[n].e.name, json_string_value(name),
		    json_string_length(name));
		n++;
	}
	qsort(v, n, sizeof *v, load_nsuser_cmp);
	run = xreallocarray(NULL, n + 1, sizeof *run);
	for (i = 0; i < n; i = j) {
		for (j = i, k = 0; j < n && v[j].mnt == v[i].mnt; j++)
			if (k == 0 || run[k - 1].uid != v[j].e.uid)
				run[k++] = v[j].e;
		m = snapshot_add_mntusers(snap, v[i].mnt);
		m->read_at = snap->time;
		snapshot_set_mntusers(snap, m, run, k);
	}
	free(run);
	free(v);
	nsinfo_sort(snap);
}

/* The document root -> snapshot; NULL with *cause set on error. */
static struct snapshot *
load_root(struct load_ctx *c, const json_t *root)
{
	struct snapshot	*snap;
	json_t		*procs, *obj;
	size_t		 i;

	if (!json_is_object(root)) {
		load_fail(c, "", "expected a JSON object at the top level");
		return NULL;
	}
	snap = snapshot_new();
	if (load_header(c, snap, root) < 0 ||
	    load_lookup(c, root, "processes", LOAD_REQUIRED, &procs) < 0)
		goto fail;
	if (!json_is_array(procs)) {
		load_fail(c, "processes", "expected an array");
		goto fail;
	}
	json_array_foreach(procs, i, obj)
		if (load_proc(c, snap, obj, i) < 0)
			goto fail;
	c->where[0] = '\0';
	if (load_nstables(c, snap, root) < 0)
		goto fail;
	snapshot_sort(snap);
	for (i = 1; i < snap->nprocs; i++)
		if (snap->procs[i - 1].pid == snap->procs[i].pid) {
			load_fail(c, "processes", "duplicate pid %d",
			    (int)snap->procs[i].pid);
			goto fail;
		}
	load_mntusers(snap, procs);
	containers_place(snap);
	return snap;
fail:
	snapshot_free(snap);
	return NULL;
}

/*
 * Set *cause from a jansson parse error, with its position when known.
 * Its "near '...'" quotes the input: escape what a terminal would obey.
 */
static void
load_parse_error(const char *name, const json_error_t *err, char **cause)
{
	char	*ename, *text;

	if (cause == NULL)
		return;
	ename = escape_strdup(name);
	text = escape_strdup(err->text);
	if (err->line > 0)
		xasprintf(cause, "%s:%d:%d: %s", ename, err->line,
		    err->column, text);
	else
		xasprintf(cause, "%s: %s", ename, text);
	free(text);
	free(ename);
}

static struct snapshot *
load_json(json_t *root, const char *name, char **cause)
{
	struct load_ctx	 c = { .name = name, .sub = "", .cause = cause,
	    .clk_tck = 100 };
	struct snapshot	*snap;

	snap = load_root(&c, root);
	json_decref(root);
	return snap;
}

struct snapshot *
load_string(const char *text, size_t len, const char *name, char **cause)
{
	json_error_t	 err;
	json_t		*root;

	if (cause != NULL)
		*cause = NULL;
	if (name == NULL)
		name = "(string)";
	root = json_loadb(text != NULL ? text : "", text != NULL ? len : 0,
	    LOAD_FLAGS, &err);
	if (root == NULL) {
		load_parse_error(name, &err, cause);
		return NULL;
	}
	return load_json(root, name, cause);
}

struct snapshot *
load_file(const char *path, char **cause)
{
	json_error_t	 err;
	json_t		*root;
	FILE		*f;

	if (cause != NULL)
		*cause = NULL;
	f = fopen(path, "r");
	if (f == NULL) {
		if (cause != NULL) {
			int	 e = errno;
			char	*epath = escape_strdup(path);

			xasprintf(cause, "%s: %s", epath, strerror(e));
			free(epath);
		}
		return NULL;
	}
	root = json_loadf(f, LOAD_FLAGS, &err);
	fclose(f);
	if (root == NULL) {
		load_parse_error(path, &err, cause);
		return NULL;
	}
	return load_json(root, path, cause);
}
