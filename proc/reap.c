/*
 * The reaping report: zombie parents, orphaned process groups, leaderless
 * sessions and a verdict on the init of every PID namespace.  Reads only
 * the classified records and the PID-namespace table: no /proc, no clock,
 * no curses.
 */
#include "config.h"
#include "reap.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "xalloc.h"

#define REAP_GLOBAL_INIT	1	/* PID 1 of the scanner's namespace */
#define REAP_SIGBIT(sig)	(UINT64_C(1) << ((sig) - 1))

const char *const reap_verdict_codes[REAP_VERDICT_COUNT] = {
	"not-reaping", "ignores-sigterm", "not-an-init", "stopped",
};

/* What a program is, as far as being PID 1 goes. */
enum reap_kind {
	REAP_KIND_INIT,		/* a known init */
	REAP_KIND_RUNTIME,	/* shell, interpreter or VM: comm may name
				   its script, and it reaps only what it
				   started itself, if that */
	REAP_KIND_SERVER,	/* a server that reaps its own workers */
	REAP_KIND_IDLE,		/* never forks: every child was adopted */
};

struct reap_name {
	const char	*name;		/* comm or argv[0] basename */
	enum reap_kind	 kind;
	const char	*init;		/* REAP_KIND_INIT: the known_init */
};

/*
 * A name matches with a version suffix of digits and dots too
 * ("python3.12", "perl5.36").  conmon is not here: it supervises a
 * container from outside and is never its PID 1.  Neither is Kubernetes'
 * pause, which is built to be an init.
 */
static const struct reap_name reap_names[] = {
	{ "systemd", REAP_KIND_INIT, "systemd" },
	{ "tini", REAP_KIND_INIT, "tini" },
	{ "tini-static", REAP_KIND_INIT, "tini" },
	{ "docker-init", REAP_KIND_INIT, "docker-init" },	/* tini */
	{ "dumb-init", REAP_KIND_INIT, "dumb-init" },
	{ "catatonit", REAP_KIND_INIT, "catatonit" },
	{ "podman-init", REAP_KIND_INIT, "catatonit" },	/* podman --init */
	{ "s6-svscan", REAP_KIND_INIT, "s6-svscan" },
	{ "runit", REAP_KIND_INIT, "runit" },
	{ "runsvdir", REAP_KIND_INIT, "runit" },
	{ "supervisord", REAP_KIND_INIT, "supervisord" },
	{ "init", REAP_KIND_INIT, "init" },		/* sysvinit, busybox */
	{ "sh", REAP_KIND_RUNTIME, NULL },
	{ "bash", REAP_KIND_RUNTIME, NULL },
	{ "dash", REAP_KIND_RUNTIME, NULL },
	{ "ash", REAP_KIND_RUNTIME, NULL },
	{ "zsh", REAP_KIND_RUNTIME, NULL },
	{ "ksh", REAP_KIND_RUNTIME, NULL },
	{ "mksh", REAP_KIND_RUNTIME, NULL },
	{ "fish", REAP_KIND_RUNTIME, NULL },
	{ "python", REAP_KIND_RUNTIME, NULL },
	{ "node", REAP_KIND_RUNTIME, NULL },
	{ "nodejs", REAP_KIND_RUNTIME, NULL },
	{ "java", REAP_KIND_RUNTIME, NULL },
	{ "ruby", REAP_KIND_RUNTIME, NULL },
	{ "perl", REAP_KIND_RUNTIME, NULL },
	{ "php", REAP_KIND_RUNTIME, NULL },
	{ "nginx", REAP_KIND_SERVER, NULL },
	{ "postgres", REAP_KIND_SERVER, NULL },
	{ "postmaster", REAP_KIND_SERVER, NULL },
	{ "mysqld", REAP_KIND_SERVER, NULL },
	{ "mariadbd", REAP_KIND_SERVER, NULL },
	{ "redis-server", REAP_KIND_SERVER, NULL },
	{ "httpd", REAP_KIND_SERVER, NULL },
	{ "apache2", REAP_KIND_SERVER, NULL },
	{ "mongod", REAP_KIND_SERVER, NULL },
	{ "sleep", REAP_KIND_IDLE, NULL },
	{ "tail", REAP_KIND_IDLE, NULL },
	{ "cat", REAP_KIND_IDLE, NULL },
};

static const struct reap_name reap_supervisord = {
	"supervisord", REAP_KIND_INIT, "supervisord"
};

/* --- who is who ------------------------------------------------------ */

static bool
reap_is_zombie(const struct procinfo *p)
{
	return p->state == 'Z' || (p->flags & PI_ZOMBIE);
}

/* A process of its own: not a thread record, not a kernel thread. */
static bool
reap_counts(const struct procinfo *p)
{
	return !(p->flags & PI_THREAD) && !classify_is_kthread(p);
}

/*
 * A zombie that wait() could collect now.  A thread-group leader that
 * exited while its other threads run shows state Z too, but nobody can
 * reap it before they end: that is not its parent's failure.
 */
static bool
reap_is_dead(const struct procinfo *p)
{
	return reap_is_zombie(p) && p->threads <= 1;
}

/* The record index of p's parent, or -1. */
static ssize_t
reap_parent_index(const struct snapshot *snap, const struct procinfo *p)
{
	if (p->ppid <= 0 || p->ppid == p->pid)
		return -1;
	return snapshot_index(snap, p->ppid);
}

static const char *
reap_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* The argument after arg in p's cmdline, or NULL after the last. */
static const char *
reap_next_arg(const struct procinfo *p, const char *arg)
{
	const char	*next = arg + strlen(arg) + 1;

	return next < p->cmdline + p->cmdline_len ? next : NULL;
}

/* name is want, or want followed by a version ("python3.12"). */
static bool
reap_name_match(const char *name, const char *want)
{
	size_t	n = strlen(want);

	if (strncmp(name, want, n) != 0)
		return false;
	return strspn(name + n, "0123456789.") == strlen(name + n);
}

static const struct reap_name *
reap_lookup(const char *name)
{
	size_t	i;

	for (i = 0; *name != '\0' && i < sizeof reap_names /
	    sizeof reap_names[0]; i++)
		if (reap_name_match(name, reap_names[i].name))
			return &reap_names[i];
	return NULL;
}

/* A python whose script is supervisord, or "-m supervisor.supervisord". */
static bool
reap_runs_supervisord(const struct procinfo *p)
{
	const char	*a;
	bool		 module = false;

	for (a = reap_next_arg(p, p->cmdline); a != NULL;
	    a = reap_next_arg(p, a)) {
		if (module)
			return strcmp(a, "supervisor.supervisord") == 0;
		if (strcmp(a, "-m") == 0)
			module = true;
		else if (a[0] != '-')
			return strcmp(reap_basename(a), "supervisord") == 0;
	}
	return false;
}

/*
 * What p runs.  When argv[0] is an interpreter, comm names the script it
 * runs (a "#!" script named init is a shell, not sysvinit), so only the
 * script can make it a known init.  Otherwise comm decides (systemd sets
 * its comm but keeps argv[0] "/sbin/init"), then argv[0].
 */
static const struct reap_name *
reap_identify(const struct procinfo *p)
{
	const struct reap_name	*by_comm = reap_lookup(p->comm);
	const struct reap_name	*by_argv0 = NULL;

	if (p->cmdline != NULL && p->cmdline_len > 0)
		by_argv0 = reap_lookup(reap_basename(p->cmdline));
	if (by_argv0 != NULL && by_argv0->kind == REAP_KIND_RUNTIME) {
		if (strncmp(by_argv0->name, "python", 6) == 0 &&
		    reap_runs_supervisord(p))
			return &reap_supervisord;
		return by_argv0;
	}
	return by_comm != NULL ? by_comm : by_argv0;
}

const char *
reap_known_init(const struct procinfo *p)
{
	const struct reap_name	*id = reap_identify(p);

	return id != NULL && id->kind == REAP_KIND_INIT ? id->init : NULL;
}

/* --- zombie parents -------------------------------------------------- */

/* Count zombie p's age (known once diff_snapshots() saw it twice) in z. */
static void
reap_age_zombie(struct reap_zparent *z, const struct snapshot *snap,
    const struct procinfo *p)
{
	double	age;

	if (p->zombie_since <= 0)
		return;
	age = snap->time - p->zombie_since;
	if (age < 0)
		age = 0;
	if (age > z->oldest_seen)
		z->oldest_seen = age;
}

static void
reap_build_zparents(struct reap_report *r, const struct snapshot *snap)
{
	const struct procinfo	*p;
	struct reap_zparent	*z;
	size_t			*slot, i, n = 0;
	ssize_t			 pi;

	/* slot[i]: zombie children of record i, then its entry's index. */
	slot = xcalloc(snap->nprocs + 1, sizeof *slot);
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (reap_counts(p) && reap_is_dead(p) &&
		    (pi = reap_parent_index(snap, p)) >= 0 && slot[pi]++ == 0)
			n++;
	}
	r->zparents = xcalloc(n + 1, sizeof *r->zparents);
	for (i = 0; i < snap->nprocs; i++) {
		if (slot[i] == 0)
			continue;
		p = &snap->procs[i];
		z = &r->zparents[r->nzparents];
		z->pid = p->pid;
		z->start_ticks = p->start_ticks;
		snprintf(z->comm, sizeof z->comm, "%s", p->comm);
		z->zombies = xcalloc(slot[i], sizeof *z->zombies);
		z->oldest_seen = -1;
		slot[i] = r->nzparents++;
	}
	/* In record order, so each list comes out ascending. */
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (reap_counts(p) && reap_is_dead(p) &&
		    (pi = reap_parent_index(snap, p)) >= 0) {
			z = &r->zparents[slot[pi]];
			z->zombies[z->count++] = p->pid;
			reap_age_zombie(z, snap, p);
		}
	}
	free(slot);
}

/* --- process groups and sessions ------------------------------------- */

/* By session, then group, then pid: both lists read runs of this order. */
static int
reap_cmp_session(const void *a, const void *b)
{
	const struct procinfo	*x = *(const struct procinfo *const *)a;
	const struct procinfo	*y = *(const struct procinfo *const *)b;

	if (x->sid != y->sid)
		return (x->sid > y->sid) - (x->sid < y->sid);
	if (x->pgid != y->pgid)
		return (x->pgid > y->pgid) - (x->pgid < y->pgid);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Whether m ties its group to the session (classify.h has the rule). */
static bool
reap_ties_group(const struct snapshot *snap, const struct procinfo *m)
{
	ssize_t	pi = reap_parent_index(snap, m);

	return classify_ties_group(m, pi >= 0 ? &snap->procs[pi] : NULL);
}

/*
 * v[0..n) in session order: one entry per orphaned group.  A group lives
 * in one session; one that a loaded file spreads over two counts twice.
 */
static void
reap_build_pgroups(struct reap_report *r, const struct snapshot *snap,
    const struct procinfo **v, size_t n)
{
	struct reap_pgroup	*g;
	size_t			 i, j;
	bool			 tied;

	r->pgroups = xcalloc(n + 1, sizeof *r->pgroups);
	for (i = 0; i < n; i = j) {
		g = &r->pgroups[r->npgroups];
		memset(g, 0, sizeof *g);
		g->pgid = v[i]->pgid;
		g->sid = v[i]->sid;
		tied = v[i]->pgid <= 0;	/* not a group we can name */
		for (j = i; j < n && v[j]->pgid == v[i]->pgid &&
		    v[j]->sid == v[i]->sid; j++) {
			tied = tied || reap_ties_group(snap, v[j]);
			if (v[j]->state == 'T')
				g->nstopped++;
			g->members++;
		}
		g->stopped = g->nstopped > 0;
		if (!tied)
			r->npgroups++;
	}
}

/* v[0..n) in session order: one entry per session without its leader. */
static void
reap_build_sessions(struct reap_report *r, const struct snapshot *snap,
    const struct procinfo **v, size_t n)
{
	struct reap_session	*s;
	size_t			 i, j;

	r->sessions = xcalloc(n + 1, sizeof *r->sessions);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j]->sid == v[i]->sid; j++)
			;
		if (v[i]->sid <= 0 || snapshot_find(snap, v[i]->sid) != NULL)
			continue;
		s = &r->sessions[r->nsessions++];
		s->sid = v[i]->sid;
		s->members = (unsigned)(j - i);
	}
}

/* Live processes of their own: the members of both lists. */
static void
reap_build_groups(struct reap_report *r, const struct snapshot *snap)
{
	const struct procinfo	**v, *p;
	size_t			  i, n = 0;

	v = xcalloc(snap->nprocs + 1, sizeof *v);
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (classify_group_member(p))
			v[n++] = p;
	}
	qsort(v, n, sizeof *v, reap_cmp_session);
	reap_build_pgroups(r, snap, v, n);
	reap_build_sessions(r, snap, v, n);
	free(v);
}

/* --- reapers --------------------------------------------------------- */

/*
 * Caught, or blocked: tini, dumb-init, catatonit and systemd block their
 * signals and take them with sigwait() or a signalfd, so SigCgt alone
 * would call every one of them deaf.  Ignored is not handled.
 */
enum reap_tristate
reap_handles(const struct procinfo *p, int sig)
{
	if (p->sig == NULL)
		return REAP_UNKNOWN;
	if ((p->sig->caught | p->sig->blocked) & REAP_SIGBIT(sig))
		return REAP_YES;
	return REAP_NO;
}

/*
 * The verdict.  "ignores-sigterm": PID 1 of a namespace gets no default
 * action for a signal it does not handle, so SIGTERM (docker stop,
 * kubectl delete) does nothing and SIGKILL follows after the grace
 * period; said only when the masks were read, and not of a dead init.
 * "not-an-init" is kept conservative: PID 1 runs a program we know is no
 * init (a shell, interpreter, server, or sleep/tail/cat) AND it already
 * carries an init's load: zombie children, adopted orphans, or, for a
 * program that never forks, any child at all (every one was adopted).
 * Its own workers alone (nginx, postgres) are not enough: those programs
 * reap them.  "stopped": a stopped init (T, or t under a tracer) reaps
 * nothing and takes no signal until it runs again.
 */
static unsigned
reap_judge(const struct reap_entry *e, const struct procinfo *init)
{
	const struct reap_name	*id = reap_identify(init);
	unsigned		 v = 0;

	if (e->unreaped_zombies > 0)
		v |= REAP_V_NOT_REAPING;
	if (e->handles_sigterm == REAP_NO && !reap_is_dead(init))
		v |= REAP_V_IGNORES_SIGTERM;
	if (id != NULL && id->kind != REAP_KIND_INIT &&
	    (e->unreaped_zombies > 0 || e->adopted > 0 ||
	    (id->kind == REAP_KIND_IDLE && e->children > 0)))
		v |= REAP_V_NOT_AN_INIT;
	if (init->state == 'T' || init->state == 't')
		v |= REAP_V_STOPPED;
	return v;
}

static void
reap_build_reapers(struct reap_report *r, const struct snapshot *snap)
{
	const struct pidns_info	*ns;
	const struct procinfo	*p, *init;
	struct reap_entry	*e;
	size_t			*entry_of, i;	/* record -> entry + 1, or 0 */
	ssize_t			 ii, pi;

	entry_of = xcalloc(snap->nprocs + 1, sizeof *entry_of);
	r->reapers = xcalloc(snap->npidns + 1, sizeof *r->reapers);
	r->nreapers = snap->npidns;
	for (i = 0; i < snap->npidns; i++) {
		ns = &snap->pidns[i];
		e = &r->reapers[i];
		e->pidns = ns->inode;
		e->level = ns->level;
		e->handles_sigterm = e->handles_sigint = REAP_UNKNOWN;
		ii = ns->init_pid > 0 ? snapshot_index(snap, ns->init_pid) : -1;
		if (ii < 0)
			continue;
		init = &snap->procs[ii];
		e->init_pid = init->pid;
		snprintf(e->init_comm, sizeof e->init_comm, "%s",
		    init->comm);
		e->known_init = reap_known_init(init);
		e->handles_sigterm = reap_handles(init, SIGTERM);
		e->handles_sigint = reap_handles(init, SIGINT);
		entry_of[ii] = i + 1;
	}
	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (!reap_counts(p) || (pi = reap_parent_index(snap, p)) < 0 ||
		    entry_of[pi] == 0)
			continue;
		e = &r->reapers[entry_of[pi] - 1];
		e->children++;
		if (reap_is_dead(p))
			e->unreaped_zombies++;
		if (p->flags & PI_ORPHAN)
			e->adopted++;
	}
	for (i = 0; i < r->nreapers; i++) {
		e = &r->reapers[i];
		if (e->init_pid > 0)
			e->verdict = reap_judge(e, snapshot_find(snap,
			    e->init_pid));
	}
	free(entry_of);
}

void
reap_report_build(struct reap_report *r, const struct snapshot *snap)
{
	memset(r, 0, sizeof *r);
	reap_build_zparents(r, snap);
	reap_build_groups(r, snap);
	reap_build_reapers(r, snap);
}

void
reap_report_done(struct reap_report *r)
{
	size_t	i;

	for (i = 0; i < r->nzparents; i++)
		free(r->zparents[i].zombies);
	free(r->zparents);
	free(r->pgroups);
	free(r->sessions);
	free(r->reapers);
	memset(r, 0, sizeof *r);
}

/* --- the sentence ---------------------------------------------------- */

/* Append to buf at *len, never past size. */
static void __attribute__((format(printf, 4, 5)))
reap_cat(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

const struct reap_entry *
reap_find(const struct reap_report *r, uint64_t pidns)
{
	size_t	i;

	for (i = 0; r != NULL && i < r->nreapers; i++)
		if (r->reapers[i].pidns == pidns)
			return &r->reapers[i];
	return NULL;
}

char *
reap_verdict_sentence(const struct reap_entry *e, char *buf, size_t size)
{
	const char	*said[REAP_VERDICT_COUNT];
	char		 zombies[48];
	size_t		 len = 0, n = 0, i;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (e->init_pid == 0) {
		reap_cat(buf, size, &len, "PID 1 is not visible");
		return buf;
	}
	reap_cat(buf, size, &len, "PID 1 is %s", e->init_comm);
	if (e->known_init != NULL && strcmp(e->known_init, e->init_comm) != 0)
		reap_cat(buf, size, &len, " (%s)", e->known_init);
	snprintf(zombies, sizeof zombies, "leaves %u zombie%s",
	    e->unreaped_zombies, e->unreaped_zombies == 1 ? "" : "s");
	if (e->verdict & REAP_V_NOT_AN_INIT)
		said[n++] = "is not an init";
	if (e->verdict & REAP_V_IGNORES_SIGTERM)
		said[n++] = "does not handle SIGTERM";
	if (e->verdict & REAP_V_NOT_REAPING)
		said[n++] = zombies;
	if (e->verdict & REAP_V_STOPPED)
		said[n++] = "is stopped (SIGCONT resumes it)";
	if (n == 0) {
		reap_cat(buf, size, &len, e->handles_sigterm == REAP_UNKNOWN ?
		    ": no problem seen (its signal handlers are unknown)" :
		    ": healthy");
		return buf;
	}
	reap_cat(buf, size, &len, ": it");
	for (i = 0; i < n; i++)
		reap_cat(buf, size, &len, "%s%s", i == 0 ? " " :
		    i + 1 == n ? " and " : ", ", said[i]);
	if (e->level == 0) {
		if (e->verdict & REAP_V_IGNORES_SIGTERM)
			reap_cat(buf, size, &len, "; the host's init: the "
			    "kernel drops every signal it does not handle, "
			    "SIGKILL too");
	} else if (e->known_init == NULL && (e->verdict & (REAP_V_NOT_REAPING |
	    REAP_V_IGNORES_SIGTERM | REAP_V_NOT_AN_INIT)))
		reap_cat(buf, size, &len,
		    "; run it under an init such as tini or use --init");
	else if (e->verdict & REAP_V_IGNORES_SIGTERM)
		reap_cat(buf, size, &len, "; the kernel drops SIGTERM to "
		    "it: only SIGKILL stops it");
	return buf;
}
