/*
 * The Prometheus text exposition format (0.0.4): each family with its
 * # HELP and # TYPE lines, then its samples.  A label value holding a
 * process name is escaped twice: by escape.c first, so that no control
 * byte and no invalid UTF-8 is left, then as the format asks (backslash,
 * double quote, newline).  Numbers are written without printf's
 * floating point, which follows LC_NUMERIC and could write a comma.
 */
#include "config.h"
#include "metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/reap.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "ui/ctfmt.h"

/* Room for an escaped comm: at most 4 bytes out per byte in. */
#define METRICS_COMM_SIZE	(COMM_MAX * 4 + 1)

/* States always written, 0 or not, so that a rule always has a series. */
static const char metrics_states[] = "DIRSTZt";

struct metrics_family {
	const char	*name;
	const char	*type;
	const char	*help;
};

static const struct metrics_family metrics_families[] = {
	{ "treetop_build_info", "gauge",
	  "The version of treetop writing these metrics; always 1." },
	{ "treetop_collection_duration_seconds", "gauge",
	  "Seconds the refresh that made these figures took." },
	{ "treetop_processes", "gauge",
	  "Processes by state letter (threads not counted)." },
	{ "treetop_orphans", "gauge",
	  "Processes adopted by a reaper after their parent went away." },
	{ "treetop_orphaned_process_groups", "gauge",
	  "Process groups orphaned in the POSIX sense." },
	{ "treetop_leaderless_sessions", "gauge",
	  "Sessions whose leader is gone." },
	{ "treetop_forks_total", "counter",
	  "Processes seen started since treetop began." },
	{ "treetop_zombie_parent_zombies", "gauge",
	  "Zombie children of a parent, for the parents holding most." },
	{ "treetop_zombie_parent_oldest_zombie_seconds", "gauge",
	  "Seconds the parent's oldest zombie has been seen a zombie." },
	{ "treetop_pidns_processes", "gauge",
	  "Processes of a PID namespace (threads not counted)." },
	{ "treetop_pidns_zombies", "gauge",
	  "Zombies of a PID namespace." },
	{ "treetop_pidns_init_reaps", "gauge",
	  "1 if the namespace's PID 1 holds no zombie children, else 0." },
	{ "treetop_pidns_init_handles_sigterm", "gauge",
	  "1 if the namespace's PID 1 catches or blocks SIGTERM, else 0." },
};

/* The # HELP and # TYPE lines of the family called name. */
static void
metrics_family(FILE *out, const char *name)
{
	const struct metrics_family	*f;
	size_t				 i;

	for (i = 0; i < sizeof metrics_families /
	    sizeof metrics_families[0]; i++) {
		f = &metrics_families[i];
		if (strcmp(f->name, name) == 0) {
			fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", f->name,
			    f->help, f->name, f->type);
			return;
		}
	}
}

/* s as a label value: backslash, double quote and newline escaped. */
static void
metrics_label_value(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", out);
		else if (*s == '"')
			fputs("\\\"", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

/* A process name as a label value: made safe, then escaped. */
static void
metrics_comm(FILE *out, const char *label, const char *comm)
{
	char	buf[METRICS_COMM_SIZE];

	escape_bytes(comm, strnlen(comm, COMM_MAX), true, buf, sizeof buf);
	fprintf(out, "%s=\"", label);
	metrics_label_value(out, buf);
	fputc('"', out);
}

/*
 * ,container="NAME" for p (the name, else the short ID; "" outside any
 * container or for NULL), made safe, then escaped.
 */
static void
metrics_container(FILE *out, const struct snapshot *snap,
    const struct procinfo *p)
{
	const struct cgroup_info	*c = p != NULL ?
	    procinfo_container(snap, p) : NULL;
	char				 buf[CT_NAME_MAX * 4];

	buf[0] = '\0';
	if (c != NULL)
		(void)ctfmt_name(c, true, buf, sizeof buf);
	fputs(",container=\"", out);
	metrics_label_value(out, buf);
	fputc('"', out);
}

/*
 * ,hostname="NAME": the UTS hostname of ns's init ("" when unknown), made
 * safe, then escaped; its owner chooses it.
 */
static void
metrics_hostname(FILE *out, const struct snapshot *snap,
    const struct pidns_info *ns)
{
	const char	*host = nsinfo_pidns_hostname(snap, ns);
	char		 buf[HOSTNAME_MAX * 4];

	buf[0] = '\0';
	if (host != NULL)
		escape_bytes(host, strnlen(host, HOSTNAME_MAX), true, buf,
		    sizeof buf);
	fputs(",hostname=\"", out);
	metrics_label_value(out, buf);
	fputc('"', out);
}

/* Seconds with up to six decimals, without trailing zeros; never < 0. */
static void
metrics_seconds(FILE *out, double v)
{
	unsigned long long	us, frac;
	char			digits[8];
	int			n;

	if (!(v > 0.0))
		v = 0.0;
	us = (unsigned long long)(v * 1e6 + 0.5);
	frac = us % 1000000;
	fprintf(out, "%llu", us / 1000000);
	if (frac == 0)
		return;
	n = snprintf(digits, sizeof digits, "%06llu", frac);
	while (n > 0 && digits[n - 1] == '0')
		digits[--n] = '\0';
	fprintf(out, ".%s", digits);
}

/* Whether p counts as a process: thread records do not. */
static bool
metrics_counts(const struct procinfo *p)
{
	return !(p->flags & PI_THREAD);
}

/* The label value of a state: itself if a letter, else '?'. */
static int
metrics_state_slot(char state)
{
	return (unsigned char)escape_state(state);
}

static void
metrics_processes(FILE *out, const struct snapshot *snap)
{
	unsigned	counts[UCHAR_MAX + 1];
	size_t		i;
	int		c;

	memset(counts, 0, sizeof counts);
	for (i = 0; i < snap->nprocs; i++)
		if (metrics_counts(&snap->procs[i]))
			counts[metrics_state_slot(snap->procs[i].state)]++;
	metrics_family(out, "treetop_processes");
	for (c = 1; c <= UCHAR_MAX; c++)
		if (counts[c] > 0 || strchr(metrics_states, c) != NULL)
			fprintf(out, "treetop_processes{state=\"%c\"} %u\n",
			    c, counts[c]);
}

/* One family of a single sample with no labels. */
static void
metrics_single(FILE *out, const char *name, unsigned long long v)
{
	metrics_family(out, name);
	fprintf(out, "%s %llu\n", name, v);
}

static void
metrics_totals(FILE *out, const struct snapshot *snap,
    const struct reap_report *r, const struct metrics_stats *st)
{
	unsigned long long	orphans = 0;
	size_t			i;

	for (i = 0; i < snap->nprocs; i++)
		if (metrics_counts(&snap->procs[i]) &&
		    (snap->procs[i].flags & PI_ORPHAN))
			orphans++;
	metrics_single(out, "treetop_orphans", orphans);
	metrics_single(out, "treetop_orphaned_process_groups", r->npgroups);
	metrics_single(out, "treetop_leaderless_sessions", r->nsessions);
	metrics_single(out, "treetop_forks_total", st->forks);
}

/* Most zombies first, then the oldest, then the lower PID. */
static int
metrics_zparent_cmp(const void *va, const void *vb)
{
	const struct reap_zparent	*a, *b;

	a = *(const struct reap_zparent *const *)va;
	b = *(const struct reap_zparent *const *)vb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->oldest_seen != b->oldest_seen)
		return a->oldest_seen > b->oldest_seen ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

/* The labels of a zombie parent: pid, comm, container, pidns. */
static void
metrics_zparent_labels(FILE *out, const struct snapshot *snap,
    const struct reap_zparent *z)
{
	const struct procinfo	*p = snapshot_find(snap, z->pid);
	uint64_t		 ns = p != NULL ? procinfo_pidns(snap, p) :
				    INODE_UNKNOWN;

	fprintf(out, "{pid=\"%d\",", (int)z->pid);
	metrics_comm(out, "comm", z->comm);
	metrics_container(out, snap, p);
	if (ns != INODE_UNKNOWN)
		fprintf(out, ",pidns=\"%llu\"}", (unsigned long long)ns);
	else
		fputs(",pidns=\"\"}", out);
}

/* The top zombie parents, as both families. */
static void
metrics_zparents(FILE *out, const struct snapshot *snap,
    const struct reap_report *r, size_t top)
{
	const struct reap_zparent	**v;
	size_t				  i, n;

	v = xcalloc(r->nzparents + 1, sizeof *v);
	for (i = 0; i < r->nzparents; i++)
		v[i] = &r->zparents[i];
	qsort(v, r->nzparents, sizeof *v, metrics_zparent_cmp);
	n = r->nzparents < top ? r->nzparents : top;
	metrics_family(out, "treetop_zombie_parent_zombies");
	for (i = 0; i < n; i++) {
		fputs("treetop_zombie_parent_zombies", out);
		metrics_zparent_labels(out, snap, v[i]);
		fprintf(out, " %zu\n", v[i]->count);
	}
	metrics_family(out, "treetop_zombie_parent_oldest_zombie_seconds");
	for (i = 0; i < n; i++) {
		if (v[i]->oldest_seen < 0.0)
			continue;
		fputs("treetop_zombie_parent_oldest_zombie_seconds", out);
		metrics_zparent_labels(out, snap, v[i]);
		fputc(' ', out);
		metrics_seconds(out, v[i]->oldest_seen);
		fputc('\n', out);
	}
	free(v);
}

/* A namespace's init record, or NULL (init_pid 0: not visible). */
static const struct procinfo *
metrics_init(const struct snapshot *snap, pid_t init_pid)
{
	return init_pid > 0 ? snapshot_find(snap, init_pid) : NULL;
}

static unsigned
metrics_pidns_processes(const struct pidns_info *ns)
{
	return ns->processes;
}

static unsigned
metrics_pidns_zombies(const struct pidns_info *ns)
{
	return ns->zombies;
}

/* The per-namespace counts, a family each. */
static const struct {
	const char	*name;
	unsigned	(*count)(const struct pidns_info *);
} metrics_pidns_counts[] = {
	{ "treetop_pidns_processes", metrics_pidns_processes },
	{ "treetop_pidns_zombies", metrics_pidns_zombies },
};

static void
metrics_pidns(FILE *out, const struct snapshot *snap)
{
	const struct pidns_info	*ns;
	const char		*name;
	size_t			 f, i;

	for (f = 0; f < sizeof metrics_pidns_counts /
	    sizeof metrics_pidns_counts[0]; f++) {
		name = metrics_pidns_counts[f].name;
		metrics_family(out, name);
		for (i = 0; i < snap->npidns; i++) {
			ns = &snap->pidns[i];
			fprintf(out, "%s{pidns=\"%llu\"", name,
			    (unsigned long long)ns->inode);
			metrics_container(out, snap,
			    metrics_init(snap, ns->init_pid));
			metrics_hostname(out, snap, ns);
			fprintf(out, "} %u\n", metrics_pidns_counts[f].count(ns));
		}
	}
}

/*
 * One sample of a namespace init's family: name{pidns,container,init_comm}
 * v.
 */
static void
metrics_init_sample(FILE *out, const struct snapshot *snap, const char *name,
    const struct reap_entry *e, int v)
{
	fprintf(out, "%s{pidns=\"%llu\"", name, (unsigned long long)e->pidns);
	metrics_container(out, snap, metrics_init(snap, e->init_pid));
	fputc(',', out);
	metrics_comm(out, "init_comm", e->init_comm);
	fprintf(out, "} %d\n", v);
}

/* The verdicts on each visible namespace init. */
static void
metrics_inits(FILE *out, const struct snapshot *snap,
    const struct reap_report *r)
{
	const struct reap_entry	*e;
	size_t			 i;

	metrics_family(out, "treetop_pidns_init_reaps");
	for (i = 0; i < r->nreapers; i++) {
		e = &r->reapers[i];
		if (e->init_pid > 0)
			metrics_init_sample(out, snap,
			    "treetop_pidns_init_reaps", e,
			    !(e->verdict & REAP_V_NOT_REAPING));
	}
	metrics_family(out, "treetop_pidns_init_handles_sigterm");
	for (i = 0; i < r->nreapers; i++) {
		e = &r->reapers[i];
		if (e->init_pid > 0 && e->handles_sigterm != REAP_UNKNOWN)
			metrics_init_sample(out, snap,
			    "treetop_pidns_init_handles_sigterm", e,
			    e->handles_sigterm == REAP_YES);
	}
}

int
metrics_render(FILE *out, const struct snapshot *snap,
    const struct reap_report *r, const struct metrics_stats *st)
{
	metrics_family(out, "treetop_build_info");
	fputs("treetop_build_info{version=\"", out);
	metrics_label_value(out, PACKAGE_VERSION);
	fputs("\"} 1\n", out);
	if (st->duration >= 0.0) {
		metrics_family(out, "treetop_collection_duration_seconds");
		fputs("treetop_collection_duration_seconds ", out);
		metrics_seconds(out, st->duration);
		fputc('\n', out);
	}
	metrics_processes(out, snap);
	metrics_totals(out, snap, r, st);
	metrics_zparents(out, snap, r, st->top);
	metrics_pidns(out, snap);
	metrics_inits(out, snap, r);
	return ferror(out) ? -(errno != 0 ? errno : EIO) : 0;
}

/* The temporary file's name: ".NAME.XXXXXX" in path's directory. */
static char *
metrics_temp_name(const char *path)
{
	const char	*slash = strrchr(path, '/');
	size_t		 dirlen = 0;
	char		*tmp;

	if (slash != NULL)
		dirlen = (size_t)(slash - path) + 1;
	xasprintf(&tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	return tmp;
}

/* Render into the open temporary file fd and close it; 0 or -errno. */
static int
metrics_fill(int fd, const struct snapshot *snap,
    const struct reap_report *r, const struct metrics_stats *st)
{
	FILE	*f;
	int	 rc, saved;

	if (fchmod(fd, 0644) < 0 || (f = fdopen(fd, "w")) == NULL) {
		saved = -errno;
		close(fd);
		return saved;
	}
	errno = 0;
	rc = metrics_render(f, snap, r, st);
	if (fclose(f) == EOF && rc == 0)
		rc = -(errno != 0 ? errno : EIO);
	return rc;
}

int
metrics_write_file(const char *path, const struct snapshot *snap,
    const struct reap_report *r, const struct metrics_stats *st)
{
	char	*tmp;
	int	 fd, rc;

	if (strcmp(path, METRICS_STDOUT) == 0) {
		errno = 0;
		rc = metrics_render(stdout, snap, r, st);
		if (fflush(stdout) == EOF && rc == 0)
			rc = -(errno != 0 ? errno : EIO);
		return rc;
	}
	tmp = metrics_temp_name(path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	rc = metrics_fill(fd, snap, r, st);
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

unsigned long long
metrics_started(const struct diff *d, const struct snapshot *cur)
{
	const struct procinfo	*p;
	unsigned long long	 n = 0;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		if (d->events[i].kind != DIFF_STARTED)
			continue;
		p = snapshot_find(cur, d->events[i].pid);
		if (p == NULL || metrics_counts(p))
			n++;
	}
	return n;
}
