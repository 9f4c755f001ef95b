/*
 * Live tier: the scanner, the model and the treetop binary against the
 * real kernel.  The suite builds a scenario of real processes once
 * (tests/livefx.c), then checks every field the scanner reports for them
 * against what this file reads from /proc itself, the classification
 * flags, the PID-namespace table, the live orphan rule, thread mode, the
 * detail cache, and the --json and --batch output of the real binary,
 * among them for a daemon made by the textbook double fork and for
 * processes whose status file cannot be read.
 * Needs root (for PID namespaces) and /proc: exits 77 without either.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <jansson.h>

#include "livefx.h"
#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/nstable.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define LIVE_FLAG_MASK	(PI_ZOMBIE | PI_ORPHAN | PI_DAEMON | PI_KTHREAD | \
			    PI_NSINIT)
#define LIVE_MSG_MAX	1024

static struct livefx	fx;	/* the scenario: built by the suite init */
static bool		self_led;	/* our session's leader is there */

static void	live_check(bool ok, unsigned line, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* An assertion whose failure message names the process and the field. */
#define CHECK(ok, ...)	live_check((ok), __LINE__, __VA_ARGS__)

static void
live_check(bool ok, unsigned line, const char *fmt, ...)
{
	char	msg[LIVE_MSG_MAX];
	va_list	ap;

	if (ok) {
		CU_assertImplementation(CU_TRUE, line, "", __FILE__, "",
		    CU_FALSE);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	CU_assertImplementation(CU_FALSE, line, msg, __FILE__, "", CU_FALSE);
}

/* One snapshot from a scanner opened with flags; NULL after a failure. */
static struct snapshot *
live_scan(unsigned flags)
{
	struct scanner	*sc;
	struct snapshot	*snap = NULL;
	char		*cause = NULL;

	if ((sc = scan_open(flags, &cause)) != NULL)
		snap = scan_refresh(sc, NULL, &cause);
	CHECK(snap != NULL, "scan with flags %#x: %s", flags,
	    cause != NULL ? cause : "no cause");
	free(cause);
	scan_close(sc);
	return snap;
}

/* The record for pid, with a failure naming the member if it is absent. */
static struct procinfo *
live_find(const struct snapshot *snap, const struct livefx_member *m,
    pid_t pid)
{
	struct procinfo	*p = snapshot_find(snap, pid);

	CHECK(p != NULL, "%s (pid %d): no record in the snapshot", m->role,
	    (int)pid);
	return p;
}

#define EQ(f, fmt)	CHECK(p->f == o->f, "%s (pid %d): " #f " is " fmt \
			    ", %s says " fmt, who, (int)o->pid, p->f, src, o->f)
#define SIGEQ(f)	CHECK(p->sig->f == o->sig_##f, "%s (pid %d): sig " \
			    #f " is %#" PRIx64 ", %s says %#" PRIx64, who, \
			    (int)o->pid, p->sig->f, src, o->sig_##f)

/* Compare every field of record p with o, which came from src. */
static void
live_compare(const struct procinfo *p, const struct liveproc *o,
    const char *who, const char *src)
{
	struct passwd	*pw = getpwuid(o->uid);
	char		 user[USER_MAX], e1[256], e2[256];
	uint64_t	 d;
	int		 i;

	EQ(pid, "%d"); EQ(ppid, "%d"); EQ(pgid, "%d"); EQ(sid, "%d");
	EQ(tpgid, "%d"); EQ(tgid, "%d"); EQ(state, "%c"); EQ(tty_nr, "%d");
	EQ(kflags, "%#x"); EQ(threads, "%d"); EQ(exit_code, "%d");
	EQ(start_ticks, "%" PRIu64); EQ(rss_kb, "%" PRIu64);
	EQ(vsz_kb, "%" PRIu64);
	EQ(uid, "%" PRIu32);
	/* Our processes sleep: their CPU time is fixed unless running. */
	d = p->cpu_ticks > o->cpu_ticks ? p->cpu_ticks - o->cpu_ticks :
	    o->cpu_ticks - p->cpu_ticks;
	CHECK(d <= (strchr("RD", o->state) != NULL ? 5u : 0u),
	    "%s (pid %d): cpu_ticks is %" PRIu64 ", %s says %" PRIu64, who,
	    (int)o->pid, p->cpu_ticks, src, o->cpu_ticks);
	CHECK(p->sig != NULL, "%s (pid %d): signal masks not read", who,
	    (int)o->pid);
	if (p->sig != NULL) {
		SIGEQ(caught); SIGEQ(ignored); SIGEQ(blocked);
	}
	CHECK(strcmp(p->comm, o->comm) == 0, "%s (pid %d): comm is \"%s\", "
	    "%s says \"%s\"", who, (int)o->pid,
	    liveproc_escape(p->comm, strlen(p->comm), e1, sizeof e1), src,
	    liveproc_escape(o->comm, strlen(o->comm), e2, sizeof e2));
	if (pw != NULL)
		snprintf(user, sizeof user, "%s", pw->pw_name);
	else
		snprintf(user, sizeof user, "%" PRIu32, o->uid);
	CHECK(strcmp(p->user, user) == 0, "%s (pid %d): user is \"%s\", "
	    "expected \"%s\"", who, (int)o->pid, p->user, user);
	CHECK(p->nspid_len == o->nspid_len, "%s (pid %d): %d NSpid entries, "
	    "%s has %d", who, (int)o->pid, p->nspid_len, src, o->nspid_len);
	for (i = 0; i < o->nspid_len && i < p->nspid_len; i++)
		CHECK(p->nspid[i] == o->nspid[i], "%s (pid %d): NSpid[%d] is "
		    "%d, %s says %d", who, (int)o->pid, i, p->nspid[i], src,
		    o->nspid[i]);
	for (i = 0; i < NS_COUNT; i++)
		CHECK(p->ns[i] == o->ns[i], "%s (pid %d): ns %s is %" PRIu64
		    ", %s says %" PRIu64, who, (int)o->pid, ns_type_names[i],
		    p->ns[i], src, o->ns[i]);
	/*
	 * A zombie's is gone from /proc; the scanner keeps the one it had
	 * when a refresh saw it alive: none, or a whole one.
	 */
	CHECK((p->cmdline_len == o->cmdline_len && (o->cmdline_len == 0 ||
	    memcmp(p->cmdline, o->cmdline, o->cmdline_len) == 0)) ||
	    (o->state == 'Z' && o->cmdline_len == 0 &&
	    p->cmdline[p->cmdline_len - 1] == '\0'),
	    "%s (pid %d): cmdline is \"%s\" (%zu bytes), %s says \"%s\" "
	    "(%zu)", who, (int)o->pid, p->cmdline == NULL ? "" :
	    liveproc_escape(p->cmdline, p->cmdline_len, e1, sizeof e1),
	    (size_t)p->cmdline_len, src,
	    liveproc_escape(o->cmdline, o->cmdline_len, e2, sizeof e2),
	    o->cmdline_len);
}

/* A record in the oracle's shape, to compare two scans field by field. */
static void
live_as_oracle(const struct procinfo *p, struct liveproc *o)
{
	memset(o, 0, sizeof *o);
	o->pid = p->pid; o->ppid = p->ppid; o->pgid = p->pgid;
	o->sid = p->sid; o->tpgid = p->tpgid; o->tgid = p->tgid;
	o->state = p->state; o->tty_nr = p->tty_nr; o->kflags = p->kflags;
	o->threads = p->threads; o->start_ticks = p->start_ticks;
	o->cpu_ticks = p->cpu_ticks; o->rss_kb = p->rss_kb;
	o->vsz_kb = p->vsz_kb;
	o->exit_code = p->exit_code; o->uid = p->uid;
	if (p->sig != NULL) {
		o->sig_caught = p->sig->caught;
		o->sig_ignored = p->sig->ignored;
		o->sig_blocked = p->sig->blocked;
	}
	snprintf(o->comm, sizeof o->comm, "%s", p->comm);
	o->nspid_len = p->nspid_len;
	memcpy(o->nspid, p->nspid, sizeof o->nspid);
	memcpy(o->ns, p->ns, sizeof o->ns);
	o->cmdline_len = p->cmdline_len < sizeof o->cmdline ?
	    p->cmdline_len : sizeof o->cmdline;
	if (o->cmdline_len > 0)
		memcpy(o->cmdline, p->cmdline, o->cmdline_len);
}

/*
 * The flags to compare for a member in session sid.  A member that leads
 * its group under a reaper (us) in a session whose leader is gone is a
 * daemon by the double fork, so when whatever started the tests left our
 * own session without its leader, D depends on that caller: it is not
 * compared for the members made in our session.
 */
static unsigned
live_mask(pid_t sid)
{
	if (!self_led && sid == getsid(0))
		return LIVE_FLAG_MASK & ~PI_DAEMON;
	return LIVE_FLAG_MASK;
}

/* The flags m must carry, PI_ZOMBIE following the state /proc shows. */
static unsigned
live_want(const struct livefx_member *m, char state)
{
	return m->want | (state == 'Z' ? PI_ZOMBIE : 0);
}

static void
test_fields(void)
{
	struct liveproc	 o;
	struct snapshot		*snap = live_scan(SCAN_SIGNALS);
	struct procinfo		*p;
	size_t			 i;
	int			 r;

	if (snap == NULL)
		return;
	classify_snapshot(snap);
	nstable_build(snap);
	CHECK(snap->self_pid == fx.self, "self_pid is %d, expected %d",
	    (int)snap->self_pid, (int)fx.self);
	CHECK(snap->self_pidns == fx.self_pidns, "self_pidns is %" PRIu64
	    ", expected %" PRIu64, snap->self_pidns, fx.self_pidns);
	/* The machine, for the meters: read, and consistent. */
	CHECK(snap->mem_total_kb > 0 && snap->mem_avail_kb > 0 &&
	    snap->mem_avail_kb <= snap->mem_total_kb, "memory %" PRIu64
	    " KiB available of %" PRIu64, snap->mem_avail_kb,
	    snap->mem_total_kb);
	CHECK(snap->cpu_total > 0 && snap->cpu_idle <= snap->cpu_total,
	    "CPU ticks: %" PRIu64 " idle of %" PRIu64, snap->cpu_idle,
	    snap->cpu_total);
	for (i = 0; i < fx.nmembers; i++) {
		const struct livefx_member *m = &fx.members[i];

		if ((p = live_find(snap, m, m->pid)) == NULL)
			continue;
		r = liveproc_read(m->pid, &o);
		CHECK(r == 0, "%s (pid %d): /proc read: %s", m->role,
		    (int)m->pid, strerror(-r));
		if (r == 0)
			live_compare(p, &o, m->role, "/proc");
	}
	for (i = 0; i < LIVEFX_ZOMBIES; i++)
		if ((p = snapshot_find(snap, fx.zombies[i])) != NULL)
			CHECK(p->exit_code == fx.zstatus[i], "zombie#%zu (pid "
			    "%d): exit_code is %d, it exited with status %d",
			    i, (int)p->pid, p->exit_code, fx.zstatus[i]);
	if ((p = snapshot_find(snap, fx.hostile)) != NULL)
		CHECK(strcmp(p->comm, LIVEFX_HOSTILE_COMM) == 0,
		    "hostile (pid %d): comm is not the raw hostile bytes",
		    (int)p->pid);
	snapshot_free(snap);
}

static void
test_flags(void)
{
	struct snapshot		*snap = live_scan(0);
	const struct procinfo	*p, *self;
	size_t			 i;
	bool			 kthreadd;

	if (snap == NULL)
		return;
	classify_snapshot(snap);
	for (i = 0; i < fx.nmembers; i++) {
		const struct livefx_member *m = &fx.members[i];

		if ((p = live_find(snap, m, m->pid)) == NULL)
			continue;
		CHECK((p->flags & live_mask(p->sid)) ==
		    (live_want(m, p->state) & live_mask(p->sid)),
		    "%s (pid %d): flags %#x, expected %#x", m->role,
		    (int)p->pid, p->flags & live_mask(p->sid),
		    live_want(m, p->state) & live_mask(p->sid));
	}
	self = snapshot_find(snap, fx.self);
	CHECK(self != NULL && (self->flags & PI_ADOPTER),
	    "the test process (pid %d) adopted the orphan but is no adopter",
	    (int)fx.self);
	/* Kernel threads: only where pid 2 really is kthreadd. */
	p = snapshot_find(snap, 2);
	kthreadd = p != NULL && strcmp(p->comm, "kthreadd") == 0;
	if (kthreadd)
		CHECK(p->flags & PI_KTHREAD, "kthreadd has no PI_KTHREAD");
	for (i = 0; kthreadd && i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->ppid == 2)
			CHECK(p->flags & PI_KTHREAD, "kernel thread %d (%s): "
			    "no PI_KTHREAD", (int)p->pid, p->comm);
	}
	snapshot_free(snap);
}

static void
test_pidns(void)
{
	static const unsigned	nprocs[2] = { 3, 2 }, nzombies[2] = { 1, 0 };
	const struct livefx_nsproc *init[2] = {
		&fx.ns[LIVEFX_NS_A_INIT], &fx.ns[LIVEFX_NS_B_INIT]
	};
	struct snapshot		*snap = live_scan(0);
	const struct pidns_info	*ns[2], *top;
	const struct procinfo	*p;
	uint64_t		 inode[2], parent[2];
	int			 i, k;

	if (snap == NULL)
		return;
	classify_snapshot(snap);
	nstable_build(snap);
	top = snapshot_find_pidns(snap, fx.self_pidns);
	CHECK(top != NULL && top->level == 0, "our own pidns %" PRIu64
	    " is missing or not at level 0", fx.self_pidns);
	for (i = 0; i < 2; i++) {
		inode[i] = liveproc_ns_inode(init[i]->outer, "pid");
		ns[i] = snapshot_find_pidns(snap, inode[i]);
		CHECK(ns[i] != NULL, "pidns %c (%" PRIu64 ") is not in the "
		    "table", 'A' + i, inode[i]);
	}
	parent[0] = fx.self_pidns;
	parent[1] = inode[0];
	for (i = 0; i < 2; i++) {
		if (ns[i] == NULL)
			continue;
		CHECK(ns[i]->level == i + 1, "pidns %c: level %d, expected %d",
		    'A' + i, ns[i]->level, i + 1);
		CHECK(ns[i]->parent == parent[i], "pidns %c: parent %" PRIu64
		    ", expected %" PRIu64, 'A' + i, ns[i]->parent, parent[i]);
		CHECK(ns[i]->init_pid == init[i]->outer, "pidns %c: init_pid "
		    "%d, expected %d", 'A' + i, (int)ns[i]->init_pid,
		    (int)init[i]->outer);
		CHECK(ns[i]->processes == nprocs[i], "pidns %c: %u processes, "
		    "expected %u", 'A' + i, ns[i]->processes, nprocs[i]);
		CHECK(ns[i]->zombies == nzombies[i], "pidns %c: %u zombies, "
		    "expected %u", 'A' + i, ns[i]->zombies, nzombies[i]);
	}
	/* NSpid as the processes saw it from inside. */
	for (i = 0; i < LIVEFX_NS_COUNT; i++) {
		const struct livefx_nsproc *n = &fx.ns[i];

		p = snapshot_find(snap, n->outer);
		CHECK(p != NULL && p->nspid_len == n->nspid_len,
		    "ns role %d (pid %d): NSpid length differs from %d", i,
		    (int)n->outer, n->nspid_len);
		for (k = 0; p != NULL && k < n->nspid_len &&
		    k < p->nspid_len; k++)
			CHECK(p->nspid[k] == n->nspid[k], "ns role %d (pid "
			    "%d): NSpid[%d] is %d, the process says %d", i,
			    (int)n->outer, k, p->nspid[k], n->nspid[k]);
	}
	snapshot_free(snap);
}

static void
test_threads(void)
{
	struct liveproc	 o;
	struct snapshot		*snap = live_scan(SCAN_THREADS), *plain;
	const struct procinfo	*p;
	char			 who[32];
	int			 i;

	if (snap == NULL)
		return;
	classify_snapshot(snap);
	CHECK(snap->has_threads, "SCAN_THREADS: has_threads is false");
	for (i = 0; i < LIVEFX_THREADS; i++) {
		snprintf(who, sizeof who, "thread#%d", i);
		p = snapshot_find(snap, fx.tids[i]);
		CHECK(p != NULL, "%s (tid %d): no record", who,
		    (int)fx.tids[i]);
		if (p == NULL)
			continue;
		CHECK(p->tgid == fx.threaded, "%s (tid %d): tgid %d, expected "
		    "%d", who, (int)p->pid, (int)p->tgid, (int)fx.threaded);
		CHECK(!(p->flags & PI_THREAD) == (i == 0), "%s (tid %d): "
		    "PI_THREAD is %s", who, (int)p->pid,
		    (p->flags & PI_THREAD) ? "set" : "clear");
		CHECK(!(p->flags & LIVE_FLAG_MASK), "%s (tid %d): flags %#x",
		    who, (int)p->pid, p->flags & LIVE_FLAG_MASK);
		CHECK(p->threads == LIVEFX_THREADS, "%s (tid %d): threads %d",
		    who, (int)p->pid, p->threads);
		if (liveproc_read(p->pid, &o) != 0)
			continue;
		CHECK(p->ppid == o.ppid && p->pgid == o.pgid &&
		    p->sid == o.sid && p->state == o.state &&
		    p->start_ticks == o.start_ticks &&
		    strcmp(p->comm, o.comm) == 0, "%s (tid %d): ppid/pgid/sid/"
		    "state/start/comm differ from /proc", who, (int)p->pid);
	}
	if ((plain = live_scan(0)) != NULL) {
		CHECK(!plain->has_threads, "a plain scan has thread records");
		for (i = 1; i < LIVEFX_THREADS; i++)
			CHECK(snapshot_find(plain, fx.tids[i]) == NULL,
			    "a plain scan has thread %d", (int)fx.tids[i]);
	}
	snapshot_free(plain);
	snapshot_free(snap);
}

static void
test_cache(void)
{
	struct liveproc	 o;
	struct scan_stats	 st;
	struct scanner		*sc;
	struct snapshot		*first = NULL, *cached = NULL, *fresh;
	struct procinfo		*a, *b;
	char			*cause = NULL, who[64];
	size_t			 i;

	sc = scan_open(SCAN_SIGNALS, &cause);
	CHECK(sc != NULL, "scan_open: %s", cause ? cause : "?");
	if (sc != NULL && (first = scan_refresh(sc, NULL, &cause)) != NULL)
		cached = scan_refresh(sc, first, &cause);
	CHECK(cached != NULL, "scan_refresh: %s", cause ? cause : "?");
	free(cause);
	if (cached != NULL) {
		st = scan_get_stats(sc);
		CHECK(st.cache_hits > 0, "second refresh: no cache hits "
		    "(%zu detail reads)", st.detail_reads);
	}
	fresh = live_scan(SCAN_NOCACHE | SCAN_SIGNALS);
	for (i = 0; cached != NULL && fresh != NULL && i < fx.nmembers;
	    i++) {
		const struct livefx_member *m = &fx.members[i];

		a = live_find(cached, m, m->pid);
		b = live_find(fresh, m, m->pid);
		if (a == NULL || b == NULL)
			continue;
		live_as_oracle(b, &o);
		snprintf(who, sizeof who, "%s, cached", m->role);
		live_compare(a, &o, who, "an uncached scan");
	}
	snapshot_free(fresh);
	snapshot_free(cached);
	snapshot_free(first);
	scan_close(sc);
}

/* The command that runs the binary; NULL (and a failure) if none. */
static const char *
live_treetop(void)
{
	const char	*bin = testutil_treetop_bin();

	if (TU_CHECK_MSG(access(bin, X_OK) == 0, "cannot run %s: %s (set "
	    "TREETOP to the binary)", bin, strerror(errno)))
		return bin;
	return NULL;
}

/* Run treetop with args; its stdout is open for reading, or NULL. */
static FILE *
live_popen(const char *args)
{
	const char	*bin = live_treetop();
	char		 cmd[1024];
	FILE		*f;

	if (bin == NULL)
		return NULL;
	snprintf(cmd, sizeof cmd, "'%s' %s", bin, args);
	f = popen(cmd, "r");
	CHECK(f != NULL, "popen %s: %s", cmd, strerror(errno));
	return f;
}

static void
live_pclose(FILE *f, const char *args)
{
	int	st = pclose(f);

	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "treetop %s: wait status %#x", args, (unsigned)st);
}

/*
 * Does JSON string js hold the raw bytes s as jsonout.c promises?  Valid
 * UTF-8 passes unchanged and every other byte reads "\xHH".  jansson has
 * already rejected invalid UTF-8 in the document, so a byte >= 0x80 that
 * does not match is one that had to be escaped.
 */
static bool
live_json_bytes(const json_t *js, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	const char		*v = json_string_value(js);
	size_t			 vlen = json_string_length(js), i, o = 0;
	char			 esc[5];

	for (i = 0; v != NULL && i < len; i++) {
		if (o < vlen && v[o] == s[i]) {
			o++;
			continue;
		}
		snprintf(esc, sizeof esc, "\\x%02x", u[i]);
		if (u[i] < 0x80 || vlen - o < 4 || memcmp(v + o, esc, 4) != 0)
			return false;
		o += 4;
	}
	return v != NULL && o == vlen;
}

static json_int_t
live_json_int(const json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

#define JEQ(key, want)	CHECK(live_json_int(j, key) == (json_int_t)(want), \
			    "json %s (pid %d): " key " is %" \
			    JSON_INTEGER_FORMAT ", /proc says %jd", m->role, \
			    (int)o->pid, live_json_int(j, key), \
			    (intmax_t)(want))

/* Check one process object of the JSON against the oracle. */
static void
live_json_proc(const json_t *j, const struct livefx_member *m,
    const struct liveproc *o)
{
	static const char *const fnames[] = {
		"zombie", "orphan", "daemon", "kthread", "ns_init"
	};
	static const unsigned	fbits[] = {
		PI_ZOMBIE, PI_ORPHAN, PI_DAEMON, PI_KTHREAD, PI_NSINIT
	};
	const json_t	*arr, *v, *ns = json_object_get(j, "ns");
	const char	*st = json_string_value(json_object_get(j, "state"));
	unsigned	 got = 0;
	size_t		 i, k, start, nargs;

	JEQ("pid", o->pid); JEQ("ppid", o->ppid); JEQ("pgid", o->pgid);
	JEQ("sid", o->sid); JEQ("tpgid", o->tpgid); JEQ("tgid", o->tgid);
	JEQ("uid", o->uid); JEQ("threads", o->threads);
	if (o->state == 'Z')
		JEQ("exit_code", o->exit_code);
	CHECK(st != NULL && st[0] == o->state && st[1] == '\0',
	    "json %s (pid %d): state is not \"%c\"", m->role, (int)o->pid,
	    o->state);
	CHECK(live_json_bytes(json_object_get(j, "comm"), o->comm,
	    strlen(o->comm)), "json %s (pid %d): comm does not carry the raw "
	    "comm bytes", m->role, (int)o->pid);
	arr = json_object_get(j, "cmdline");
	for (nargs = 0, i = 0; i < o->cmdline_len; i++)
		nargs += o->cmdline[i] == '\0';
	CHECK(json_is_array(arr) && json_array_size(arr) == nargs,
	    "json %s (pid %d): cmdline has %zu arguments, /proc has %zu",
	    m->role, (int)o->pid, json_array_size(arr), nargs);
	for (k = 0, start = 0, i = 0; i < o->cmdline_len; i++) {
		if (o->cmdline[i] != '\0')
			continue;
		CHECK(live_json_bytes(json_array_get(arr, k), o->cmdline +
		    start, i - start), "json %s (pid %d): cmdline[%zu] differs",
		    m->role, (int)o->pid, k);
		k++;
		start = i + 1;
	}
	arr = json_object_get(j, "nspid");
	CHECK(json_array_size(arr) == (size_t)o->nspid_len, "json %s (pid %d):"
	    " nspid has %zu entries, /proc %d", m->role, (int)o->pid,
	    json_array_size(arr), o->nspid_len);
	for (i = 0; i < (size_t)o->nspid_len; i++)
		CHECK(json_integer_value(json_array_get(arr, i)) ==
		    o->nspid[i], "json %s (pid %d): nspid[%zu] differs from %d",
		    m->role, (int)o->pid, i, o->nspid[i]);
	for (i = 0; i < NS_COUNT; i++) {
		v = json_object_get(ns, ns_type_names[i]);
		CHECK(o->ns[i] == INODE_UNKNOWN ? json_is_null(v) :
		    (uint64_t)json_integer_value(v) == o->ns[i], "json %s "
		    "(pid %d): ns.%s differs from %" PRIu64, m->role,
		    (int)o->pid, ns_type_names[i], o->ns[i]);
	}
	json_array_foreach(json_object_get(j, "flags"), i, v)
		for (k = 0; k < sizeof fbits / sizeof fbits[0]; k++)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), fnames[k]) == 0)
				got |= fbits[k];
	got &= live_mask(o->sid);
	CHECK(got == (live_want(m, o->state) & live_mask(o->sid)), "json %s "
	    "(pid %d): flags %#x, expected %#x", m->role, (int)o->pid, got,
	    live_want(m, o->state) & live_mask(o->sid));
}

/* The JSON object of pid in array arr, or NULL. */
static const json_t *
live_json_find(const json_t *arr, const char *key, json_int_t want)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(arr, i, v)
		if (live_json_int(v, key) == want)
			return v;
	return NULL;
}

static void
test_json(void)
{
	struct liveproc	 o;
	json_error_t		 err;
	const json_t		*procs, *j, *ns;
	json_t			*root;
	uint64_t		 inode[2];
	FILE			*f;
	size_t			 i;
	int			 n;

	if ((f = live_popen("--json")) == NULL)
		return;
	root = json_loadf(f, 0, &err);
	live_pclose(f, "--json");
	CHECK(root != NULL, "treetop --json: line %d: %s", err.line, err.text);
	if (root == NULL)
		return;
	CHECK(json_is_string(json_object_get(root, "schema")) &&
	    strcmp(json_string_value(json_object_get(root, "schema")),
	    "treetop/1") == 0, "json: schema is not \"treetop/1\"");
	CHECK((uint64_t)live_json_int(json_object_get(root, "self"), "pidns")
	    == fx.self_pidns, "json: self.pidns is not ours");
	procs = json_object_get(root, "processes");
	for (i = 0; i < fx.nmembers; i++) {
		const struct livefx_member *m = &fx.members[i];

		j = live_json_find(procs, "pid", m->pid);
		CHECK(j != NULL, "json: %s (pid %d) is missing", m->role,
		    (int)m->pid);
		if (j != NULL && liveproc_read(m->pid, &o) == 0)
			live_json_proc(j, m, &o);
	}
	ns = json_object_get(root, "pid_namespaces");
	inode[0] = liveproc_ns_inode(fx.ns[LIVEFX_NS_A_INIT].outer, "pid");
	inode[1] = liveproc_ns_inode(fx.ns[LIVEFX_NS_B_INIT].outer, "pid");
	for (n = 0; n < 2; n++) {
		j = live_json_find(ns, "inode", (json_int_t)inode[n]);
		CHECK(j != NULL, "json: pid_namespaces lacks %c", 'A' + n);
		if (j == NULL)
			continue;
		CHECK(live_json_int(j, "level") == n + 1 &&
		    (uint64_t)live_json_int(j, "parent") ==
		    (n == 0 ? fx.self_pidns : inode[0]) &&
		    live_json_int(j, "init_pid") == (n == 0 ?
		    fx.ns[LIVEFX_NS_A_INIT].outer :
		    fx.ns[LIVEFX_NS_B_INIT].outer) &&
		    live_json_int(j, "zombies") == (n == 0 ? 1 : 0),
		    "json: pid_namespaces %c: wrong level, parent, init_pid or "
		    "zombies", 'A' + n);
	}
	json_decref(root);
}

static int
live_cmp_pid(const void *a, const void *b)
{
	pid_t	x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static void
test_batch(void)
{
	unsigned	 seen[LIVEFX_MAX_MEMBERS] = { 0 };
	pid_t		*pids = NULL;
	size_t		 npids = 0, cap = 0, i, linecap = 0;
	ssize_t		 len;
	char		*line = NULL, *end;
	FILE		*f;
	long		 pid;
	bool		 header = true;

	if ((f = live_popen("--batch")) == NULL)
		return;
	while ((len = getline(&line, &linecap, f)) > 0) {
		CHECK(memchr(line, 0x1b, (size_t)len) == NULL &&
		    memchr(line, 0x07, (size_t)len) == NULL &&
		    memchr(line, 0xff, (size_t)len) == NULL,
		    "batch: a raw ESC, BEL or 0xff byte on line %zu",
		    npids + 1);
		if (header) {	/* the one header line */
			header = false;
			continue;
		}
		pid = strtol(line, &end, 10);
		CHECK(end != line && pid > 0, "batch: line %zu does not begin "
		    "with a PID", npids + 2);
		if (npids == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((pids = realloc(pids, cap * sizeof *pids)) == NULL)
				break;
		}
		pids[npids++] = (pid_t)pid;
		for (i = 0; i < fx.nmembers; i++)
			if (fx.members[i].pid == pid)
				seen[i]++;
	}
	free(line);
	live_pclose(f, "--batch");
	for (i = 0; i < fx.nmembers; i++)
		CHECK(seen[i] == 1, "batch: %s (pid %d) is on %u lines",
		    fx.members[i].role, (int)fx.members[i].pid, seen[i]);
	if (pids != NULL)
		qsort(pids, npids, sizeof *pids, live_cmp_pid);
	for (i = 1; i < npids; i++)
		CHECK(pids[i] != pids[i - 1], "batch: PID %d on two lines",
		    (int)pids[i]);
	free(pids);
}

static void
test_reparent(void)
{
	static const char *const who[3] = {
		"", "chain middle, refreshed", "chain grandchild, refreshed"
	};
	struct liveproc	 o;
	struct diff		 d;
	struct scanner		*sc;
	struct snapshot		*prev = NULL, *cur = NULL, *next = NULL;
	struct procinfo		*g, *self;
	char			*cause = NULL;
	size_t			 i;
	bool			 found = false;
	int			 r;

	/* One scanner throughout, as the UI does: its cache must notice. */
	if ((sc = scan_open(SCAN_SIGNALS, &cause)) != NULL)
		prev = scan_refresh(sc, NULL, &cause);
	r = livefx_chain_cut(&fx);
	CHECK(r == 0, "cutting the chain: %s", strerror(-r));
	if (prev != NULL && r == 0)
		cur = scan_refresh(sc, prev, &cause);
	CHECK(cur != NULL, "scan: %s", cause != NULL ? cause : "?");
	if (cur == NULL)
		goto out;
	/* The middle is a zombie now, and the grandchild has a new parent. */
	for (i = 1; i < 3; i++)
		if ((g = snapshot_find(cur, fx.chain[i])) != NULL &&
		    liveproc_read(fx.chain[i], &o) == 0)
			live_compare(g, &o, who[i], "/proc");
	diff_snapshots(prev, cur, NULL);
	classify_snapshot(cur);
	g = snapshot_find(cur, fx.chain[2]);
	self = snapshot_find(cur, fx.self);
	CHECK(g != NULL && self != NULL, "chain grandchild or the test "
	    "process is missing from the snapshot");
	if (g == NULL || self == NULL)
		goto out;
	CHECK(g->ppid == fx.self && g->sid == self->sid, "chain grandchild "
	    "(pid %d): ppid %d sid %d, expected ppid %d and our sid %d",
	    (int)g->pid, (int)g->ppid, (int)g->sid, (int)fx.self,
	    (int)self->sid);
	CHECK((g->flags & (PI_ORPHAN | PI_REPARENTED)) == (PI_ORPHAN |
	    PI_REPARENTED), "chain grandchild (pid %d): flags %#x after the "
	    "diff, expected orphan and reparented", (int)g->pid, g->flags);
	CHECK(self->flags & PI_ADOPTER, "the test process is no adopter");
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	for (i = 0; i < d.n; i++)
		found |= d.events[i].kind == DIFF_REPARENTED &&
		    d.events[i].pid == fx.chain[2] &&
		    d.events[i].old_ppid == fx.chain[1] &&
		    d.events[i].new_ppid == fx.self;
	CHECK(found, "no DIFF_REPARENTED event %d -> %d for pid %d",
	    (int)fx.chain[1], (int)fx.self, (int)fx.chain[2]);
	diff_done(&d);
	/* The mark stays; a lone snapshot cannot see it (same session). */
	if ((next = scan_refresh(sc, cur, &cause)) == NULL)
		goto out;
	classify_snapshot(next);
	g = snapshot_find(next, fx.chain[2]);
	CHECK(g != NULL && !(g->flags & PI_ORPHAN), "the static rule alone "
	    "marks the chain grandchild orphan");
	diff_snapshots(cur, next, NULL);
	classify_snapshot(next);
	CHECK(g != NULL && (g->flags & PI_ORPHAN), "chain grandchild lost "
	    "its orphan mark on the next refresh");
out:
	free(cause);
	snapshot_free(next);
	snapshot_free(cur);
	snapshot_free(prev);
	scan_close(sc);
}

/* The MARK field of pid in the output of treetop args; "" if none. */
static char *
live_batch_marks(const char *args, pid_t pid, char *buf, size_t size)
{
	char	 f[8][32], *line = NULL;
	size_t	 cap = 0;
	FILE	*out;

	buf[0] = '\0';
	if ((out = live_popen(args)) == NULL)
		return buf;
	while (getline(&line, &cap, out) > 0)
		if (sscanf(line, "%31s %31s %31s %31s %31s %31s %31s %31s",
		    f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]) == 8 &&
		    atol(f[0]) == (long)pid)
			snprintf(buf, size, "%s", f[7]);
	free(line);
	live_pclose(out, args);
	return buf;
}

/*
 * The textbook double fork, through the binary: under the subreaper
 * that adopted it, -b -p shows the daemon an orphan (O), a daemon (D) in
 * a session whose leader is gone (S); --json -p says "orphan" and
 * "daemon" among its flags.
 */
static void
test_double_fork(void)
{
	char		 args[64], marks[32];
	json_error_t	 err;
	json_t		*root;
	const json_t	*j, *v;
	FILE		*f;
	size_t		 i;
	bool		 daemon = false, orphan = false;

	snprintf(args, sizeof args, "-b -p %d", (int)fx.dfork_reaper);
	live_batch_marks(args, fx.dfork, marks, sizeof marks);
	CHECK(strcmp(marks, "ODS") == 0, "treetop %s: the daemon (pid %d) "
	    "is marked \"%s\", expected \"ODS\"", args, (int)fx.dfork, marks);
	snprintf(args, sizeof args, "--json -p %d", (int)fx.dfork);
	if ((f = live_popen(args)) == NULL)
		return;
	root = json_loadf(f, 0, &err);
	live_pclose(f, args);
	CHECK(root != NULL, "treetop %s: line %d: %s", args, err.line,
	    err.text);
	j = live_json_find(json_object_get(root, "processes"), "pid",
	    fx.dfork);
	CHECK(j != NULL, "treetop %s: pid %d is missing", args,
	    (int)fx.dfork);
	json_array_foreach(json_object_get(j, "flags"), i, v)
		if (json_is_string(v)) {
			daemon |= strcmp(json_string_value(v), "daemon") == 0;
			orphan |= strcmp(json_string_value(v), "orphan") == 0;
		}
	CHECK(daemon && orphan, "treetop %s: pid %d lacks the daemon or the orphan "
	    "flag", args, (int)fx.dfork);
	json_decref(root);
}

/* A unix socket at path: opening it fails with ENXIO.  0 or -errno. */
static int
live_make_socket(const char *path)
{
	struct sockaddr_un	 sa = { .sun_family = AF_UNIX };
	int			 fd, r = 0;

	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		r = -errno;
	close(fd);
	return r;
}

/*
 * treetop --json -p PID in a mount namespace of its own where sock is
 * bind-mounted over the status files of pids[0] and pids[1], after
 * making sure they cannot be read there; the document, or NULL.
 */
static json_t *
live_json_masked(const char *sock, const pid_t pids[2])
{
	const char	*bin = live_treetop();
	char		 cmd[1024];
	json_error_t	 err;
	json_t		*root;
	FILE		*f;

	if (bin == NULL)
		return NULL;
	snprintf(cmd, sizeof cmd, "unshare -m sh -c 'mount --bind %s "
	    "/proc/%d/status && mount --bind %s /proc/%d/status && ! head "
	    "-c1 /proc/%d/status 2>/dev/null && exec \"$0\" --json -p %d' "
	    "'%s'", sock, (int)pids[0], sock, (int)pids[1], (int)pids[1],
	    (int)pids[0], bin);
	if ((f = popen(cmd, "r")) == NULL)
		return NULL;
	root = json_loadf(f, 0, &err);
	live_pclose(f, "--json, status masked");
	CHECK(root != NULL, "%s: line %d: %s", cmd, err.line, err.text);
	return root;
}

/*
 * USER when status cannot be read: with the status files of a process
 * running as nobody and of its zombie (which took a uid no passwd file
 * names before it exited) masked, treetop still gives each the uid
 * stat(2) says owns its /proc directory, and that uid's name, while the
 * signal masks, which only status has, are unknown.
 */
static void
test_user_no_status(void)
{
	const pid_t	 pids[2] = { fx.owned, fx.owned_zombie };
	const uint32_t	 uids[2] = { LIVEFX_UID_SLEEPER, LIVEFX_UID_ZOMBIE };
	char		 dir[] = "/tmp/treetop-scan-XXXXXX", sock[64], path[32];
	char		 user[USER_MAX];
	struct passwd	*pw;
	struct stat	 st;
	const json_t	*j;
	json_t		*root = NULL;
	int		 i;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(sock, sizeof sock, "%s/status", dir);
	CHECK(live_make_socket(sock) == 0, "a socket at %s", sock);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "/proc/%d", (int)pids[i]);
		CHECK(stat(path, &st) == 0 && st.st_uid == uids[i], "%s is "
		    "not owned by %" PRIu32, path, uids[i]);
	}
	if ((root = live_json_masked(sock, pids)) == NULL)
		goto out;
	for (i = 0; i < 2; i++) {
		j = live_json_find(json_object_get(root, "processes"), "pid",
		    pids[i]);
		CHECK(j != NULL, "masked: pid %d is missing", (int)pids[i]);
		if ((pw = getpwuid(uids[i])) != NULL)
			snprintf(user, sizeof user, "%s", pw->pw_name);
		else
			snprintf(user, sizeof user, "%" PRIu32, uids[i]);
		CHECK(live_json_int(j, "uid") == (json_int_t)uids[i] &&
		    json_is_string(json_object_get(j, "user")) &&
		    strcmp(json_string_value(json_object_get(j, "user")),
		    user) == 0, "masked: pid %d has not uid %" PRIu32 " (%s)",
		    (int)pids[i], uids[i], user);
		CHECK(json_is_null(json_object_get(j, "sig")), "masked: pid "
		    "%d has signal masks: status was read", (int)pids[i]);
	}
out:
	json_decref(root);
	unlink(sock);
	rmdir(dir);
}

/* Whether p's namespaces are those /proc shows, all or only some types. */
static void
live_check_ns(const struct procinfo *p, const char *who, unsigned types)
{
	uint64_t	want;
	int		t;

	for (t = 0; t < NS_COUNT; t++) {
		want = (types & (1u << t)) ?
		    liveproc_ns_inode(p->pid, ns_type_names[t]) : INODE_UNKNOWN;
		CHECK(p->ns[t] == want, "%s (pid %d): ns %s is %" PRIu64
		    ", expected %" PRIu64, who, (int)p->pid, ns_type_names[t],
		    p->ns[t], want);
	}
}

#define LIVE_NS_ALL	((1u << NS_COUNT) - 1)

/*
 * What the default and the lean readings leave out.  By default, the
 * signal masks of a process at home (our PID and user namespaces, not
 * PID 1), whose uid comes from its /proc directory's owner, also when it
 * is not dumpable (the members running as other users are not).  Lean:
 * a process at home has only its PID and user namespaces and no cgroup,
 * while namespace inits, PID 1, and the parent of a process in another
 * PID namespace have all eight.
 */
static void
test_lean(void)
{
	const unsigned		 home = (1u << NS_PID) | (1u << NS_USER);
	const uint64_t		 userns = liveproc_ns_inode(getpid(), "user");
	struct snapshot		*def = live_scan(0), *lean = live_scan(SCAN_LEAN);
	const struct procinfo	*p, *q, *parent;
	size_t			 i;
	bool			 at_home;

	for (i = 0; def != NULL && lean != NULL && i < fx.nmembers; i++) {
		const struct livefx_member *m = &fx.members[i];

		if ((p = live_find(def, m, m->pid)) == NULL ||
		    (q = live_find(lean, m, m->pid)) == NULL)
			continue;
		CHECK(p->uid == liveproc_owner(p->pid) && q->uid == p->uid,
		    "%s (pid %d): uid %" PRIu32 " (lean %" PRIu32 "), its "
		    "directory's owner %" PRIu32, m->role, (int)p->pid,
		    p->uid, q->uid, liveproc_owner(p->pid));
		if (p->state == 'Z')
			continue;	/* may be reaped by now */
		at_home = liveproc_ns_inode(p->pid, "pid") == fx.self_pidns &&
		    liveproc_ns_inode(p->pid, "user") == userns;
		CHECK((p->sig != NULL) == !at_home, "%s (pid %d): signal "
		    "masks %sread by default", m->role, (int)p->pid,
		    p->sig != NULL ? "" : "not ");
		live_check_ns(p, m->role, LIVE_NS_ALL);
		live_check_ns(q, m->role, at_home ? home : LIVE_NS_ALL);
		CHECK((q->cgroup == 0) == at_home && p->cgroup != 0,
		    "%s (pid %d): cgroup %" PRIu32 " lean, %" PRIu32 " by "
		    "default", m->role, (int)p->pid, q->cgroup, p->cgroup);
		if (!at_home && (parent = snapshot_find(lean, q->ppid)) != NULL)
			live_check_ns(parent, "the parent of a process in "
			    "another namespace", LIVE_NS_ALL);
	}
	if (def != NULL && (p = snapshot_find(def, 1)) != NULL)
		CHECK(p->sig != NULL, "PID 1: no signal masks by default");
	if (lean != NULL && (p = snapshot_find(lean, 1)) != NULL)
		live_check_ns(p, "PID 1, lean", LIVE_NS_ALL);
	snapshot_free(def);
	snapshot_free(lean);
}

#define LIVE_KIDS	6	/* forked children of test_shared_cmdline() */

/* A child of ours that waits for SIGKILL: argv[] unchanged, or sleep's. */
static pid_t
live_spawn(bool exec_sleep)
{
	pid_t	pid = fork();

	if (pid == 0) {
		if (exec_sleep)
			execlp("sleep", "sleep", "6011", (char *)NULL);
		for (;;)
			pause();
	}
	return pid;
}

/* Whether p's command line is the bytes of /proc/PID/cmdline. */
static bool
live_cmdline_is(const struct procinfo *p)
{
	char	path[64], buf[4096];
	size_t	n;
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)p->pid);
	if ((f = fopen(path, "re")) == NULL)
		return false;
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return n > 0 && n == p->cmdline_len &&
	    memcmp(buf, p->cmdline, n) == 0;
}

/*
 * Forked workers keep their parent's command line: children that did not
 * exec share one copy with each other, read in one refresh, and one born
 * later shares its parent's from the refresh before; one that exec'd has
 * its own.  Every one of them has /proc's bytes.
 */
static void
test_shared_cmdline(void)
{
	struct scanner		*sc;
	struct snapshot		*first = NULL, *next = NULL;
	const struct procinfo	*kid[LIVE_KIDS], *self, *first_self, *late;
	const struct procinfo	*other;
	pid_t			 pids[LIVE_KIDS], late_pid = -1, other_pid;
	char			*cause = NULL;
	int			 i, neighbours = 0;

	for (i = 0; i < LIVE_KIDS; i++)
		pids[i] = live_spawn(false);
	other_pid = live_spawn(true);
	usleep(200 * 1000);	/* sleep has exec'd */
	if ((sc = scan_open(0, &cause)) != NULL &&
	    (first = scan_refresh(sc, NULL, &cause)) != NULL) {
		late_pid = live_spawn(false);
		next = scan_refresh(sc, first, &cause);
	}
	CHECK(next != NULL, "scan_refresh: %s", cause ? cause : "?");
	/*
	 * A kid is compared with the record read just before it: with no
	 * other process's pid between two kids (the walk goes by pid), they
	 * share.  Forked back to back, most are neighbours.
	 */
	for (i = 0; first != NULL && i < LIVE_KIDS; i++) {
		kid[i] = snapshot_find(first, pids[i]);
		CHECK(kid[i] != NULL && live_cmdline_is(kid[i]), "forked child "
		    "%d: not found, or not /proc's command line", (int)pids[i]);
		if (kid[i] == NULL || i == 0 || kid[i - 1] == NULL ||
		    kid[i] != kid[i - 1] + 1)
			continue;
		neighbours++;
		CHECK(kid[i]->cmdline == kid[i - 1]->cmdline, "forked "
		    "children %d and %d have two copies of one command line",
		    (int)pids[i - 1], (int)pids[i]);
	}
	CHECK(first == NULL || neighbours > 0, "no two of %d children forked "
	    "back to back were neighbours in /proc", LIVE_KIDS);
	if (next != NULL) {
		/*
		 * The late child shares the copy of the record read before it
		 * (ours, read again if we ran) or its parent's from the first
		 * refresh.
		 */
		self = snapshot_find(next, getpid());
		first_self = first != NULL ? snapshot_find(first, getpid()) :
		    NULL;
		late = snapshot_find(next, late_pid);
		other = snapshot_find(next, other_pid);
		CHECK(self != NULL && first_self != NULL && late != NULL &&
		    live_cmdline_is(late) && (late->cmdline == self->cmdline ||
		    late->cmdline == first_self->cmdline), "the child born "
		    "after the first refresh does not share its parent's "
		    "command line");
		CHECK(other != NULL && live_cmdline_is(other) &&
		    self != NULL && other->cmdline != self->cmdline,
		    "the child that exec'd sleep: not its own command line");
	}
	for (i = 0; i < LIVE_KIDS; i++)
		kill(pids[i], SIGKILL);
	kill(other_pid, SIGKILL);
	if (late_pid > 0)
		kill(late_pid, SIGKILL);
	for (i = 0; i < LIVE_KIDS; i++)
		waitpid(pids[i], NULL, 0);
	waitpid(other_pid, NULL, 0);
	if (late_pid > 0)
		waitpid(late_pid, NULL, 0);
	snapshot_free(first);
	snapshot_free(next);
	free(cause);
	scan_close(sc);
}

static void
test_teardown(void)
{
	int	r = livefx_teardown(&fx);

	CHECK(r == 0, "teardown: %s: a process of ours survived SIGKILL",
	    strerror(-r));
}

static int
live_suite_init(void)
{
	static const struct {
		const char	*name;
		int		(*build)(struct livefx *);
	} steps[] = {
		{ "zombies", livefx_zombies }, { "orphan", livefx_orphan },
		{ "daemon", livefx_daemon }, { "pidns", livefx_pidns },
		{ "hostile", livefx_hostile }, { "threads", livefx_threads },
		{ "chain", livefx_chain },
		{ "double fork", livefx_daemon_fork },
		{ "owned", livefx_owned },
	};
	size_t	i;
	int	r;

	/* A zombie leader still holds its session: the classifier agrees. */
	self_led = kill(getsid(0), 0) == 0 || errno == EPERM;
	if ((r = livefx_init(&fx)) < 0) {
		fprintf(stderr, "livefx_init: %s\n", strerror(-r));
		return 1;
	}
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if ((r = steps[i].build(&fx)) < 0) {
			fprintf(stderr, "livefx_%s: %s\n", steps[i].name,
			    strerror(-r));
			livefx_teardown(&fx);
			return 1;
		}
	return 0;
}

static int
live_suite_cleanup(void)
{
	return livefx_teardown(&fx) < 0;
}

static const struct runner_test tests[] = {
	{ "fields", test_fields }, { "flags", test_flags },
	{ "pidns", test_pidns }, { "threads", test_threads },
	{ "cache", test_cache }, { "json", test_json },
	{ "batch", test_batch }, { "reparent", test_reparent },
	{ "double fork", test_double_fork },
	{ "user without status", test_user_no_status },
	{ "lean and default readings", test_lean },
	{ "forked workers share a command line", test_shared_cmdline },
	{ "teardown", test_teardown },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("scan_live", live_suite_init, live_suite_cleanup,
	    tests);
	int					rc;

	testutil_require_proc();
	testutil_require_root("to make PID namespaces");
	rc = runner_run(&suite, 1);
	if (livefx_teardown(&fx) < 0)
		return 99;
	return rc;
}
