/*
 * snapshot -> JSON (treetop/1), built with jansson and dumped by it, so
 * every string is escaped by the library, never by hand.
 *
 * Process names and arguments are raw bytes, and JSON strings must be
 * valid UTF-8.  Valid UTF-8 keeps its meaning and is written as pure
 * ASCII: jansson writes controls and every non-ASCII character as \uXXXX
 * (JSON_ENSURE_ASCII), so no byte >= 0x80 reaches a terminal and a load
 * gives back the same bytes.  Each byte that is not part of a valid UTF-8
 * sequence (stray continuation, truncated or overlong sequence,
 * surrogate, above U+10FFFF) is replaced by the four ASCII characters
 * \xHH (backslash, 'x', two lower-case hex digits), so a name with byte
 * 0xff reads back as the text "\xff".  The mapping is one-way:
 * the loader does not undo it, and a name that really contains "\xff" is
 * indistinguishable.  Depends on jansson, the snapshot, rows, the reaping
 * report and the wait-status text of procdetail only.
 *
 * Added to the DESIGN.md schema, and read back by load.c: top-level
 * "clk_tck", "loadavg" (null when unknown), "mem_total_kb",
 * "mem_available_kb", "cpu_total_ticks" and "cpu_idle_ticks"; per
 * process "vsz_kb", "tty_nr", "kflags" and "sig" ({"caught", "ignored",
 * "blocked"} as 16 hex digits like SigCgt, or null).  Added
 * and not read back (they follow from the records): per zombie
 * "exit_status", and the top-level "zombie_parents", "orphaned_pgroups",
 * "leaderless_sessions" and "reapers", always computed from the
 * whole snapshot, even when rows restricts "processes".
 */
#include "config.h"
#include "jsonout.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "proc/nsinfo.h"
#include "proc/procdetail.h"
#include "proc/recevents.h"
#include "proc/reap.h"
#include "proc/rows.h"
#include "proc/snapshot.h"

/* 15 significant digits: "time" to the millisecond, no 0.1229999 noise. */
#define JSONOUT_REAL	JSON_REAL_PRECISION(15)

/* Collects jansson failures (out of memory) so they are reported once. */
struct jsonout {
	bool	failed;
};

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
jsonout_utf8_len(const unsigned char *s, size_t n)
{
	uint32_t	cp;
	size_t		len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* A JSON string for len raw bytes, invalid UTF-8 bytes as "\xHH". */
static json_t *
jsonout_bytes(const char *bytes, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)bytes;
	json_t			*v;
	char			*buf;
	size_t			 i = 0, o = 0, n;

	if ((buf = malloc(len * 4 + 1)) == NULL)
		return NULL;
	while (i < len) {
		if ((n = jsonout_utf8_len(s + i, len - i)) > 0) {
			memcpy(buf + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		buf[o++] = '\\';
		buf[o++] = 'x';
		buf[o++] = hex[s[i] >> 4];
		buf[o++] = hex[s[i] & 0xf];
		i++;
	}
	v = json_stringn(buf, o);
	free(buf);
	return v;
}

/* A comm of size bytes at most (a record's or the report's copy). */
static json_t *
jsonout_comm(const char *comm, size_t size)
{
	return jsonout_bytes(comm, strnlen(comm, size));
}

/* Set key in obj to v (stolen); remember a failure. */
static void
jsonout_set(struct jsonout *j, json_t *obj, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(obj, key, v) < 0)
		j->failed = true;
}

/* Append v (stolen) to arr; remember a failure. */
static void
jsonout_append(struct jsonout *j, json_t *arr, json_t *v)
{
	if (v == NULL || json_array_append_new(arr, v) < 0)
		j->failed = true;
}

/* An inode, or null for INODE_UNKNOWN. */
static json_t *
jsonout_inode(uint64_t inode)
{
	return inode == INODE_UNKNOWN ? json_null() :
	    json_integer((json_int_t)inode);
}

static json_t *
jsonout_sigmask(uint64_t mask)
{
	char	buf[17];

	snprintf(buf, sizeof buf, "%016" PRIx64, mask);
	return json_string(buf);
}

static bool
jsonout_is_zombie(const struct procinfo *p)
{
	return p->state == 'Z' || (p->flags & PI_ZOMBIE);
}

static bool
jsonout_is_kthread(const struct procinfo *p)
{
	return (p->flags & PI_KTHREAD) || (p->kflags & PF_KTHREAD_BIT);
}

/* The arguments, split on NUL. */
static json_t *
jsonout_args(struct jsonout *j, const struct procinfo *p)
{
	json_t	*arr = json_array();
	size_t	 start = 0, i;

	if (arr == NULL || p->cmdline == NULL)
		return arr;
	for (i = 0; i <= p->cmdline_len; i++) {
		if (i < p->cmdline_len && p->cmdline[i] != '\0')
			continue;
		/* A last argument without its NUL still counts. */
		if (i < p->cmdline_len || i > start)
			jsonout_append(j, arr,
			    jsonout_bytes(p->cmdline + start, i - start));
		start = i + 1;
	}
	return arr;
}

static json_t *
jsonout_nspid(struct jsonout *j, const struct procinfo *p)
{
	json_t	*arr = json_array();
	int	 i;

	if (arr == NULL)
		return NULL;
	if (p->nspid_len == 0)
		jsonout_append(j, arr, json_integer(p->pid));
	for (i = 0; i < p->nspid_len && i < NSPID_MAX; i++)
		jsonout_append(j, arr, json_integer(p->nspid[i]));
	return arr;
}

static json_t *
jsonout_ns(struct jsonout *j, const struct procinfo *p)
{
	json_t	*obj = json_object();
	int	 t;

	for (t = 0; obj != NULL && t < NS_COUNT; t++)
		jsonout_set(j, obj, ns_type_names[t], jsonout_inode(p->ns[t]));
	return obj;
}

static json_t *
jsonout_flags(struct jsonout *j, const struct procinfo *p)
{
	static const struct {
		unsigned	 bit;
		const char	*name;
	} names[] = {
		{ PI_ZOMBIE, "zombie" }, { PI_ORPHAN, "orphan" },
		{ PI_DAEMON, "daemon" }, { PI_KTHREAD, "kthread" },
		{ PI_NSINIT, "ns_init" }, { PI_ENTERED, "entered" },
	};
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; arr != NULL && i < sizeof names / sizeof names[0]; i++)
		if (p->flags & names[i].bit)
			jsonout_append(j, arr, json_string(names[i].name));
	return arr;
}

static json_t *
jsonout_sig(struct jsonout *j, const struct procinfo *p)
{
	json_t	*obj;

	if (p->sig == NULL)
		return json_null();
	if ((obj = json_object()) == NULL)
		return NULL;
	jsonout_set(j, obj, "caught", jsonout_sigmask(p->sig->caught));
	jsonout_set(j, obj, "ignored", jsonout_sigmask(p->sig->ignored));
	jsonout_set(j, obj, "blocked", jsonout_sigmask(p->sig->blocked));
	return obj;
}

static double	jsonout_time(double t);

/* A uid or gid, or null for UID_UNKNOWN. */
static json_t *
jsonout_id(uint32_t id)
{
	return id == UID_UNKNOWN ? json_null() : json_integer(id);
}

/* --- containers ---------------------------------------------------------- */

/* A name from a runtime's files: "" is null; any bytes, as jsonout_bytes(). */
static json_t *
jsonout_name(const char *s)
{
	return *s == '\0' ? json_null() : jsonout_bytes(s, strlen(s));
}

/* The pod of c, or null outside Kubernetes. */
static json_t *
jsonout_pod(struct jsonout *j, const struct cgroup_info *c)
{
	json_t	*o;

	if (c->ident.pod_uid[0] == '\0')
		return json_null();
	if ((o = json_object()) == NULL)
		return NULL;
	jsonout_set(j, o, "namespace", jsonout_name(c->names.pod_namespace));
	jsonout_set(j, o, "name", jsonout_name(c->names.pod_name));
	jsonout_set(j, o, "uid", jsonout_name(c->ident.pod_uid));
	return o;
}

/* {"runtime", "id", "name", "pod"} for c, or null. */
static json_t *
jsonout_container(struct jsonout *j, const struct cgroup_info *c)
{
	json_t	*o;

	if (c == NULL)
		return json_null();
	if ((o = json_object()) == NULL)
		return NULL;
	jsonout_set(j, o, "runtime",
	    json_string(ct_runtime_name(c->ident.runtime)));
	jsonout_set(j, o, "id", jsonout_bytes(c->ident.id,
	    strlen(c->ident.id)));
	jsonout_set(j, o, "name", jsonout_name(c->names.name));
	jsonout_set(j, o, "pod", jsonout_pod(j, c));
	return o;
}

/* "container" and "unit" of p. */
static void
jsonout_proc_container(struct jsonout *j, json_t *o,
    const struct snapshot *snap, const struct procinfo *p)
{
	const char	*unit = procinfo_unit(snap, p);

	jsonout_set(j, o, "container",
	    jsonout_container(j, procinfo_container(snap, p)));
	jsonout_set(j, o, "unit", unit != NULL ? jsonout_name(unit) :
	    json_null());
}

/* A PID namespace's "container": its init's. */
static void
jsonout_pidns_container(struct jsonout *j, json_t *o,
    const struct snapshot *snap, const struct pidns_info *ns)
{
	const struct procinfo	*init = ns->init_pid != 0 ?
	    snapshot_find(snap, ns->init_pid) : NULL;

	jsonout_set(j, o, "container", jsonout_container(j, init != NULL ?
	    procinfo_container(snap, init) : NULL));
}

static json_t *
jsonout_proc(struct jsonout *j, const struct snapshot *snap,
    const struct procinfo *p)
{
	json_t	*o = json_object();
	char	 state[2] = { p->state != '\0' ? p->state : '?', '\0' };
	char	 status[64];
	const char	*user;

	if (o == NULL)
		return NULL;
	jsonout_set(j, o, "pid", json_integer(p->pid));
	jsonout_set(j, o, "ppid", json_integer(p->ppid));
	jsonout_set(j, o, "pgid", json_integer(p->pgid));
	jsonout_set(j, o, "sid", json_integer(p->sid));
	jsonout_set(j, o, "tpgid", json_integer(p->tpgid));
	jsonout_set(j, o, "tgid", json_integer(p->tgid));
	jsonout_set(j, o, "state", jsonout_bytes(state, 1));
	jsonout_set(j, o, "comm", jsonout_comm(p->comm, COMM_MAX));
	/* [] for zombies and kernel threads: what /proc says of them. */
	jsonout_set(j, o, "cmdline", jsonout_is_zombie(p) ||
	    jsonout_is_kthread(p) ? json_array() : jsonout_args(j, p));
	/* A zombie's command line from when it was alive, if seen. */
	if (jsonout_is_zombie(p) && p->cmdline_len > 0)
		jsonout_set(j, o, "last_cmdline", jsonout_args(j, p));
	jsonout_set(j, o, "uid", p->uid == UID_UNKNOWN ? json_null() :
	    json_integer(p->uid));
	jsonout_set(j, o, "user", p->user[0] == '\0' ? json_null() :
	    jsonout_bytes(p->user, strlen(p->user)));
	jsonout_set(j, o, "start_time",
	    json_real(snapshot_start_seconds(snap, p)));
	jsonout_set(j, o, "threads", json_integer(p->threads));
	jsonout_set(j, o, "cpu_ticks", json_integer((json_int_t)p->cpu_ticks));
	jsonout_set(j, o, "rss_kb", json_integer((json_int_t)p->rss_kb));
	jsonout_set(j, o, "vsz_kb", json_integer((json_int_t)p->vsz_kb));
	jsonout_set(j, o, "nspid", jsonout_nspid(j, p));
	if (jsonout_is_zombie(p)) {
		jsonout_set(j, o, "exit_code", json_integer(p->exit_code));
		jsonout_set(j, o, "exit_status", json_string(
		    procdetail_wait_status_text(p->exit_code, status,
		    sizeof status)));
		jsonout_set(j, o, "exit_time", procinfo_exit_time(p) > 0 ?
		    json_real(jsonout_time(procinfo_exit_time(p))) :
		    json_null());
	}
	jsonout_set(j, o, "ns", jsonout_ns(j, p));
	jsonout_set(j, o, "flags", jsonout_flags(j, p));
	jsonout_set(j, o, "tty_nr", json_integer(p->tty_nr));
	jsonout_set(j, o, "kflags", json_integer(p->kflags));
	jsonout_set(j, o, "sig", jsonout_sig(j, p));
	jsonout_set(j, o, "ns_uid", jsonout_id(nsinfo_ns_uid(snap, p)));
	user = nsinfo_ns_user(snap, p);
	jsonout_set(j, o, "ns_user", user != NULL ? jsonout_bytes(user,
	    strlen(user)) : json_null());
	jsonout_proc_container(j, o, snap, p);
	return o;
}

/* A hostname (raw bytes) or null. */
static json_t *
jsonout_hostname(const char *name)
{
	return name == NULL ? json_null() :
	    jsonout_bytes(name, strnlen(name, HOSTNAME_MAX));
}

/* What a PID namespace is called: its init's hostname. */
static void
jsonout_pidns_names(struct jsonout *j, json_t *o,
    const struct snapshot *snap, const struct pidns_info *ns)
{
	jsonout_set(j, o, "hostname", jsonout_hostname(
	    nsinfo_pidns_hostname(snap, ns)));
}

/* "uts_namespaces": [{"inode", "hostname"}]. */
static json_t *
jsonout_utsns(struct jsonout *j, const struct snapshot *snap)
{
	const struct utsns_info	*u;
	json_t			*arr = json_array(), *o;
	size_t			 i;

	for (i = 0; arr != NULL && i < snap->nutsns; i++) {
		u = &snap->utsns[i];
		if ((o = json_object()) != NULL) {
			jsonout_set(j, o, "inode",
			    json_integer((json_int_t)u->inode));
			jsonout_set(j, o, "hostname", jsonout_hostname(
			    u->known ? u->hostname : NULL));
		}
		jsonout_append(j, arr, o);
	}
	return arr;
}

/* A uid_map or gid_map as [[inside, outside, count], ...], or null. */
static json_t *
jsonout_idmap(struct jsonout *j, const struct idmap *m)
{
	json_t	*arr;
	size_t	 i;

	if (!m->known)
		return json_null();
	arr = json_array();
	for (i = 0; arr != NULL && i < m->n; i++)
		jsonout_append(j, arr, json_pack("[I, I, I]",
		    (json_int_t)m->v[i].inside, (json_int_t)m->v[i].outside,
		    (json_int_t)m->v[i].count));
	return arr;
}

/* "user_namespaces": [{"inode", "uid_map", "gid_map"}]. */
static json_t *
jsonout_userns(struct jsonout *j, const struct snapshot *snap)
{
	const struct userns_info	*u;
	json_t				*arr = json_array(), *o;
	size_t				 i;

	for (i = 0; arr != NULL && i < snap->nuserns; i++) {
		u = &snap->userns[i];
		if ((o = json_object()) != NULL) {
			jsonout_set(j, o, "inode",
			    json_integer((json_int_t)u->inode));
			jsonout_set(j, o, "uid_map", jsonout_idmap(j, &u->uid_map));
			jsonout_set(j, o, "gid_map", jsonout_idmap(j, &u->gid_map));
		}
		jsonout_append(j, arr, o);
	}
	return arr;
}

static json_t *
jsonout_pidns(struct jsonout *j, const struct snapshot *snap,
    const struct pidns_info *ns)
{
	json_t	*o = json_object();

	if (o == NULL)
		return NULL;
	jsonout_set(j, o, "inode", json_integer((json_int_t)ns->inode));
	jsonout_set(j, o, "level", json_integer(ns->level));
	jsonout_set(j, o, "parent", jsonout_inode(ns->parent));
	jsonout_set(j, o, "init_pid", ns->init_pid == 0 ? json_null() :
	    json_integer(ns->init_pid));
	jsonout_set(j, o, "processes", json_integer(ns->processes));
	jsonout_set(j, o, "zombies", json_integer(ns->zombies));
	jsonout_pidns_names(j, o, snap, ns);
	jsonout_pidns_container(j, o, snap, ns);
	return o;
}

static json_t *
jsonout_tristate(enum reap_tristate t)
{
	return t == REAP_UNKNOWN ? json_null() : json_boolean(t == REAP_YES);
}

static json_t *
jsonout_zparent(struct jsonout *j, const struct reap_zparent *z)
{
	json_t	*o = json_object(), *zs;
	size_t	 i;

	if (o == NULL)
		return NULL;
	jsonout_set(j, o, "pid", json_integer(z->pid));
	jsonout_set(j, o, "comm", jsonout_comm(z->comm, sizeof z->comm));
	jsonout_set(j, o, "count", json_integer((json_int_t)z->count));
	zs = json_array();
	for (i = 0; zs != NULL && i < z->count; i++)
		jsonout_append(j, zs, json_integer(z->zombies[i]));
	jsonout_set(j, o, "zombies", zs);
	jsonout_set(j, o, "oldest_seen", z->oldest_seen < 0 ? json_null() :
	    json_real(z->oldest_seen));
	return o;
}

static json_t *
jsonout_reaper(struct jsonout *j, const struct reap_entry *e)
{
	json_t	*o = json_object(), *verdict;
	int	 i;

	if (o == NULL)
		return NULL;
	jsonout_set(j, o, "pidns", jsonout_inode(e->pidns));
	jsonout_set(j, o, "init_pid", e->init_pid == 0 ? json_null() :
	    json_integer(e->init_pid));
	jsonout_set(j, o, "init_comm", e->init_pid == 0 ? json_null() :
	    jsonout_comm(e->init_comm, sizeof e->init_comm));
	jsonout_set(j, o, "known_init", e->known_init == NULL ? json_null() :
	    json_string(e->known_init));
	jsonout_set(j, o, "handles_sigterm",
	    jsonout_tristate(e->handles_sigterm));
	jsonout_set(j, o, "handles_sigint",
	    jsonout_tristate(e->handles_sigint));
	jsonout_set(j, o, "unreaped_zombies",
	    json_integer(e->unreaped_zombies));
	jsonout_set(j, o, "adopted", json_integer(e->adopted));
	verdict = json_array();
	for (i = 0; verdict != NULL && i < REAP_VERDICT_COUNT; i++)
		if (e->verdict & (1u << i))
			jsonout_append(j, verdict,
			    json_string(reap_verdict_codes[i]));
	jsonout_set(j, o, "verdict", verdict);
	return o;
}

/* The four arrays of the reaping report, from the whole snapshot. */
static void
jsonout_reap(struct jsonout *j, json_t *root, const struct snapshot *snap)
{
	struct reap_report	 r;
	json_t			*zp = json_array(), *pg = json_array();
	json_t			*ls = json_array(), *rp = json_array();
	size_t			 i;

	reap_report_build(&r, snap);
	for (i = 0; zp != NULL && i < r.nzparents; i++)
		jsonout_append(j, zp, jsonout_zparent(j, &r.zparents[i]));
	for (i = 0; pg != NULL && i < r.npgroups; i++)
		jsonout_append(j, pg, json_pack("{s:i, s:i, s:I, s:b}",
		    "pgid", (int)r.pgroups[i].pgid, "sid", (int)r.pgroups[i].sid,
		    "members", (json_int_t)r.pgroups[i].members,
		    "stopped", (int)r.pgroups[i].stopped));
	for (i = 0; ls != NULL && i < r.nsessions; i++)
		jsonout_append(j, ls, json_pack("{s:i, s:I}",
		    "sid", (int)r.sessions[i].sid,
		    "members", (json_int_t)r.sessions[i].members));
	for (i = 0; rp != NULL && i < r.nreapers; i++)
		jsonout_append(j, rp, jsonout_reaper(j, &r.reapers[i]));
	jsonout_set(j, root, "zombie_parents", zp);
	jsonout_set(j, root, "orphaned_pgroups", pg);
	jsonout_set(j, root, "leaderless_sessions", ls);
	jsonout_set(j, root, "reapers", rp);
	reap_report_done(&r);
}

/* Unix seconds rounded to the millisecond, without libm. */
static double
jsonout_time(double t)
{
	if (!(t > -9e15 && t < 9e15))
		return 0;
	return (double)(int64_t)(t * 1000 + (t < 0 ? -0.5 : 0.5)) / 1000;
}

/* [1, 5, 15 minutes], or null when the snapshot does not know it. */
static json_t *
jsonout_loadavg(const struct snapshot *snap)
{
	if (!snap->loadavg_known)
		return json_null();
	return json_pack("[f, f, f]", snap->loadavg[0], snap->loadavg[1],
	    snap->loadavg[2]);
}

static json_t *
jsonout_self(struct jsonout *j, const struct snapshot *snap)
{
	json_t	*o = json_object();

	if (o == NULL)
		return NULL;
	jsonout_set(j, o, "pid", snap->self_pid > 0 ?
	    json_integer(snap->self_pid) : json_null());
	jsonout_set(j, o, "pidns", jsonout_inode(snap->proc_foreign ?
	    snap->own_pidns : snap->self_pidns));
	return o;
}

/* The machine's memory and CPU ticks, for the meters; 0 when unknown. */
static void
jsonout_machine(struct jsonout *j, json_t *root, const struct snapshot *snap)
{
	jsonout_set(j, root, "mem_total_kb",
	    json_integer((json_int_t)snap->mem_total_kb));
	jsonout_set(j, root, "mem_available_kb",
	    json_integer((json_int_t)snap->mem_avail_kb));
	jsonout_set(j, root, "cpu_total_ticks",
	    json_integer((json_int_t)snap->cpu_total));
	jsonout_set(j, root, "cpu_idle_ticks",
	    json_integer((json_int_t)snap->cpu_idle));
}

/* The whole document; NULL with errno set on failure. */
static json_t *
jsonout_build(const struct snapshot *snap, const struct rows *rows)
{
	struct jsonout	 j = { .failed = false };
	json_t		*root = json_object(), *procs, *nss;
	size_t		 i;

	if (root == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	jsonout_set(&j, root, "schema", json_string("treetop/1"));
	jsonout_set(&j, root, "time", json_real(jsonout_time(snap->time)));
	jsonout_set(&j, root, "boot_time", json_integer(snap->boot_time));
	jsonout_set(&j, root, "clk_tck", json_integer(snap->clk_tck));
	jsonout_set(&j, root, "host", jsonout_bytes(snap->host,
	    strnlen(snap->host, sizeof snap->host)));
	jsonout_set(&j, root, "loadavg", jsonout_loadavg(snap));
	jsonout_set(&j, root, "self", jsonout_self(&j, snap));
	if (events_source_name(snap->events_source) != NULL)
		jsonout_set(&j, root, "events_source", json_string(
		    events_source_name(snap->events_source)));
	jsonout_set(&j, root, "proc_foreign", json_boolean(snap->proc_foreign));
	jsonout_set(&j, root, "proc_pidns", jsonout_inode(snap->self_pidns));
	jsonout_machine(&j, root, snap);
	procs = json_array();
	if (procs != NULL && rows != NULL)
		for (i = 0; i < rows->n; i++) {
			if (rows->v[i].proc == NULL)
				continue;	/* a section's title */
			jsonout_append(&j, procs,
			    jsonout_proc(&j, snap, rows->v[i].proc));
		}
	else if (procs != NULL)
		for (i = 0; i < snap->nprocs; i++)
			jsonout_append(&j, procs,
			    jsonout_proc(&j, snap, &snap->procs[i]));
	jsonout_set(&j, root, "processes", procs);
	nss = json_array();
	for (i = 0; nss != NULL && i < snap->npidns; i++)
		jsonout_append(&j, nss, jsonout_pidns(&j, snap,
		    &snap->pidns[i]));
	jsonout_set(&j, root, "pid_namespaces", nss);
	jsonout_set(&j, root, "uts_namespaces", jsonout_utsns(&j, snap));
	jsonout_set(&j, root, "user_namespaces", jsonout_userns(&j, snap));
	jsonout_reap(&j, root, snap);
	if (j.failed) {
		json_decref(root);
		errno = ENOMEM;
		return NULL;
	}
	return root;
}

/*
 * Pure ASCII out: every non-ASCII character, C1 controls (U+009B is a CSI
 * to xterm) and bidi overrides included, as \uXXXX, so the output is safe
 * on a terminal and reads back to the same bytes.
 */
static size_t
jsonout_dump_flags(unsigned flags)
{
	return JSONOUT_REAL | JSON_ENSURE_ASCII | (flags & JSONOUT_COMPACT ?
	    JSON_COMPACT : JSON_INDENT(2));
}

int
jsonout_write(FILE *out, const struct snapshot *snap, const struct rows *rows,
    unsigned flags)
{
	json_t	*root = jsonout_build(snap, rows);
	int	 r;

	if (root == NULL)
		return -errno;
	errno = 0;
	r = json_dumpf(root, out, jsonout_dump_flags(flags));
	json_decref(root);
	if (r < 0 || fputc('\n', out) == EOF || fflush(out) == EOF)
		return errno != 0 ? -errno : -EIO;
	return 0;
}

char *
jsonout_string(const struct snapshot *snap, const struct rows *rows,
    unsigned flags)
{
	json_t	*root = jsonout_build(snap, rows);
	char	*s;

	if (root == NULL)
		return NULL;
	s = json_dumps(root, jsonout_dump_flags(flags));
	json_decref(root);
	if (s == NULL)
		errno = ENOMEM;
	return s;
}

char *
jsonout_record_line(const struct snapshot *snap, const struct diff *events)
{
	json_t	*root = jsonout_build(snap, NULL), *list;
	char	*s;

	if (root == NULL)
		return NULL;
	list = events != NULL ? recevents_json(events) : NULL;
	if (list != NULL && json_object_set_new(root, "events", list) < 0) {
		json_decref(root);
		errno = ENOMEM;
		return NULL;
	}
	s = json_dumps(root, jsonout_dump_flags(JSONOUT_COMPACT));
	json_decref(root);
	if (s == NULL)
		errno = ENOMEM;
	return s;
}
