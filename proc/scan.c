/*
 * The live scanner: /proc -> struct snapshot.  With scan_read.c (one
 * task's files) and scan_inspect.c (the detail pane's), the only code
 * that reads /proc.
 *
 * A refresh is one pass over the /proc directory that reads one file per
 * task, /proc/PID/stat, and parses it by hand (and, with threads, the
 * task/TID/stat of the other threads of multi-threaded processes).  The
 * file is opened once, when the task is first seen, and re-read with
 * pread(2) at later refreshes (scan_statfd.c): half the cost of opening
 * it again.  That
 * file carries everything that changes from one refresh to the next, the
 * byte-exact comm and, for a zombie, the wait status nobody collected.
 * Besides, the machine's CPU ticks (the first line of /proc/stat) and its
 * memory (MemTotal and MemAvailable in /proc/meminfo), for the header's
 * meters.
 *
 * What is expensive and seldom changes is read once per identity
 * (pid, start time), through one /proc/PID directory fd opened after a
 * start-time check: the effective uid (from status, or, when status
 * cannot be read, the owner of that directory, taken by one fstat()),
 * the command line, the eight namespace inodes, NSpid and the signal
 * masks.  The previous snapshot is the cache: those details are copied
 * from its record, and read again when comm changes (exec, PR_SET_NAME),
 * when the process becomes a zombie (its ns/ links other than pid and
 * user disappear), when it has used CPU since that snapshot (only a
 * running process can rewrite its title, change its signal dispositions,
 * setuid or call setns), when the last read was incomplete, and in any
 * case once every SCAN_REVALIDATE refreshes (more where the delay is
 * short: scan_set_delay()), staggered by pid: a process can do any of it
 * in less than a clock tick.  Keeping no cache of its own, the scanner
 * holds no memory per process between refreshes.
 * The hostname of each UTS namespace and the ID maps of each user
 * namespace are read after the walk, in the same way: once per
 * namespace, then copied from the base (scan_nsinfo.c).
 *
 * libproc2 4.0.2 is not used on this path: its readproc() stat()s every
 * /proc/PID directory for the owner and parses stat with sscanf, which
 * cost a third of a refresh at 10,000 processes (bench/README.md).
 */
#include "config.h"
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libproc2/misc.h>

#include "scan_nsinfo.h"
#include "scan_passwd.h"
#include "cgroup.h"
#include "pidvec.h"
#include "containers.h"
#include "ctnames.h"
#include "scan_read.h"
#include "scan_statfd.h"
#include "snapshot.h"
#include "xalloc.h"


struct scan_user {
	uint32_t	uid;
	char		name[USER_MAX];
};

struct scanner {
	unsigned		 flags;		/* enum scan_flag */
	unsigned		 gen;		/* refresh counter */
	unsigned		 revalidate;	/* refreshes between detail reads */
	struct scan_user	*users;		/* owned; uid -> name cache */
	size_t			 nusers;
	size_t			 last_count;	/* tasks in the last refresh */
	unsigned		 page_shift;	/* pages -> KiB */
	long			 clk_tck;
	int64_t			 boot_time;
	uint64_t		 self_pidns;	/* whose PIDs /proc shows */
	uint64_t		 self_userns;	/* ours */
	uint64_t		 own_pidns;	/* ours */
	bool			 foreign;	/* /proc is not our namespace's */
	pid_t			 self_pid;	/* we in /proc's numbering; 0: absent */
	struct scan_nsinfo_ctx	 nsinfo;	/* for scan_nsinfo_fill() */
	uint64_t		 self_mnt;	/* our mount namespace */
	bool			 hidepid;	/* see scan_hidepid() */
	struct ctnames		*names;		/* owned; container names */
	struct statfd_table	*statfds;	/* owned; kept-open stat files */
	enum events_source	 events_source;	/* stamped on each snapshot */
	pid_t			*walked;	/* the processes the last refresh
						   found, rising */
	size_t			 nwalked;
	pid_t			*hint;		/* scan_hint_births() */
	size_t			 nhint, hint_cap;
	bool			 hinted;	/* for the next refresh */
	struct scan_stats	 stats;
};

/* The inode of a namespace link; INODE_UNKNOWN if unreadable. */
static uint64_t
scan_ns_at(const char *link)
{
	struct stat	st;

	if (stat(link, &st) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
}

/* The PID /proc/self names: ours in /proc's numbering; 0 if absent. */
static pid_t
scan_self_in_proc(void)
{
	char	buf[32], *end;
	ssize_t	n = readlink("/proc/self", buf, sizeof buf - 1);
	long	v;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	v = strtol(buf, &end, 10);
	return *end == '\0' && v > 0 && v <= INT_MAX ? (pid_t)v : 0;
}

/*
 * Whose PIDs /proc shows.  Usually ours.  A /proc mounted in another PID
 * namespace (unshare --pid --fork without --mount-proc leaves the
 * parent's) shows that namespace: /proc/self is not getpid() there, or
 * is missing (a child namespace's /proc).  Its namespace is then the one
 * of its PID 1, where that can be read (else the scan works it out).
 */
static void
scan_proc_namespace(struct scanner *sc)
{
	/* Ours whatever /proc shows, as long as we are in it at all. */
	sc->own_pidns = scan_ns_at("/proc/self/ns/pid");
	sc->self_pid = scan_self_in_proc();
	sc->foreign = sc->self_pid != getpid();
	sc->self_pidns = sc->foreign ? scan_ns_at("/proc/1/ns/pid") :
	    sc->own_pidns;
	sc->self_userns = scan_ns_at("/proc/self/ns/user");
}

/*
 * A foreign /proc whose PID 1 could not be read: its namespace is that
 * of any process with a single NSpid entry (one PID: in /proc's
 * namespace).
 */
static void
scan_foreign_pidns(struct scanner *sc, struct snapshot *snap)
{
	size_t	i;

	for (i = 0; i < snap->nprocs && sc->self_pidns == INODE_UNKNOWN; i++)
		if (snap->procs[i].nspid_len == 1)
			sc->self_pidns = snap->procs[i].ns[NS_PID];
	snap->self_pidns = sc->self_pidns;
}

/*
 * True when /proc is mounted with hidepid (other than 0/off) and we are
 * not root: the snapshot then holds only what this user may see.
 */
static bool
scan_hidepid(void)
{
	FILE	*f;
	char	 line[1024], *dash, *opt;
	bool	 hidden = false;

	if (geteuid() == 0 || (f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return false;
	while (!hidden && fgets(line, sizeof line, f) != NULL) {
		/* "... MOUNTPOINT OPTS ... - proc SOURCE SUPEROPTS" */
		if (strstr(line, " /proc ") == NULL ||
		    (dash = strstr(line, " - proc ")) == NULL)
			continue;
		opt = strstr(dash, "hidepid=");
		hidden = opt != NULL && strncmp(opt, "hidepid=0", 9) != 0 &&
		    strncmp(opt, "hidepid=off", 11) != 0;
	}
	fclose(f);
	return hidden;
}

static int64_t
scan_boot_time(void)
{
	FILE		*f = fopen("/proc/stat", "re");
	char		 line[256];
	long long	 btime = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "btime %lld", &btime) == 1)
			break;
	fclose(f);
	return btime;
}

/*
 * The first line of /proc/stat, "cpu  user nice system idle iowait irq
 * softirq steal guest guest_nice": every tick of every CPU since boot,
 * and those idle or waiting for I/O.  guest and guest_nice are already
 * counted in user and nice.  Left 0 if it cannot be read.  Also the
 * count of forks since boot.
 */
static void
scan_machine_cpu(struct snapshot *snap)
{
	FILE			*f = fopen("/proc/stat", "re");
	char			 line[512];
	unsigned long long	 v[8] = { 0 }, forks;
	int			 n, k;

	if (f == NULL)
		return;
	n = fgets(line, sizeof line, f) == NULL ? 0 : sscanf(line,
	    "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
	    &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	/* Further down, "processes N" (long lines come in pieces). */
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "processes %llu", &forks) == 1) {
			snap->forks_total = forks;
			break;
		}
	fclose(f);
	if (n < 4)
		return;
	for (k = 0; k < 8; k++)
		snap->cpu_total += v[k];
	snap->cpu_idle = v[3] + v[4];
}

/* MemTotal and MemAvailable from /proc/meminfo; left 0 if unreadable. */
static void
scan_machine_memory(struct snapshot *snap)
{
	FILE			*f = fopen("/proc/meminfo", "re");
	char			 line[256];
	unsigned long long	 kb;

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL &&
	    (snap->mem_total_kb == 0 || snap->mem_avail_kb == 0)) {
		if (sscanf(line, "MemTotal: %llu kB", &kb) == 1)
			snap->mem_total_kb = kb;
		else if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			snap->mem_avail_kb = kb;
	}
	fclose(f);
}

struct scanner *
scan_open(unsigned flags, char **cause)
{
	struct scanner	*sc;
	long		 page;

	if (access("/proc/self/stat", R_OK) < 0) {
		xasprintf(cause, "/proc is not mounted (%s)", strerror(errno));
		return NULL;
	}
	sc = xcalloc(1, sizeof *sc);
	sc->flags = flags;
	sc->revalidate = SCAN_REVALIDATE;
	page = sysconf(_SC_PAGESIZE);
	while (page > 1024 && (1L << (sc->page_shift + 10)) < page)
		sc->page_shift++;
	sc->clk_tck = procps_hertz_get();
	if (sc->clk_tck <= 0)
		sc->clk_tck = 100;
	sc->boot_time = scan_boot_time();
	scan_proc_namespace(sc);
	sc->nsinfo.self_uts = scan_nsinfo_self_uts();
	sc->nsinfo.privileged = geteuid() == 0;
	sc->nsinfo.revalidate = SCAN_REVALIDATE;
	sc->nsinfo.budget_ms = SCAN_NSINFO_BUDGET_MS;
	sc->self_mnt = scan_passwd_self_mnt();
	sc->hidepid = scan_hidepid();
	sc->names = ctnames_new_default();
	sc->statfds = statfd_new(statfd_raise_limit());
	sc->events_source = EVENTS_SOURCE_POLLING;
	return sc;
}

void
scan_close(struct scanner *sc)
{
	if (sc == NULL)
		return;
	free(sc->users);
	ctnames_free(sc->names);
	statfd_free(sc->statfds);
	free(sc->walked);
	free(sc->hint);
	free(sc);
}

void
scan_set_hostname_budget(struct scanner *sc, unsigned ms)
{
	sc->nsinfo.budget_ms = ms;
}

void
scan_set_delay(struct scanner *sc, double delay_s)
{
	double	n = delay_s > 0 ? SCAN_REVALIDATE_S / delay_s : 0;

	if (n > SCAN_REVALIDATE_MAX)
		n = SCAN_REVALIDATE_MAX;
	sc->revalidate = n > SCAN_REVALIDATE ? (unsigned)n : SCAN_REVALIDATE;
}

unsigned
scan_revalidate_period(const struct scanner *sc)
{
	return sc->revalidate;
}

void
scan_hint_births(struct scanner *sc, const pid_t *tgids, size_t n)
{
	if (n > sc->hint_cap) {
		sc->hint_cap = n;
		sc->hint = xreallocarray(sc->hint, n, sizeof *sc->hint);
	}
	if (n > 0)
		memcpy(sc->hint, tgids, n * sizeof *tgids);
	sc->nhint = n;
	sc->hinted = true;
}

void
scan_set_flags(struct scanner *sc, unsigned flags)
{
	sc->flags = flags;
}

void
scan_set_events_source(struct scanner *sc, int source)
{
	sc->events_source = (enum events_source)source;
}

struct scan_stats
scan_get_stats(const struct scanner *sc)
{
	return sc->stats;
}

/* --- users ------------------------------------------------------------- */

static const char *
scan_user_name(struct scanner *sc, uint32_t uid)
{
	struct passwd	 pw, *res = NULL;
	struct scan_user *u;
	char		 buf[1024];
	size_t		 i;

	for (i = 0; i < sc->nusers; i++)
		if (sc->users[i].uid == uid)
			return sc->users[i].name;
	sc->users = xreallocarray(sc->users, sc->nusers + 1,
	    sizeof *sc->users);
	u = &sc->users[sc->nusers++];
	u->uid = uid;
	if (getpwuid_r(uid, &pw, buf, sizeof buf, &res) == 0 && res != NULL)
		snprintf(u->name, sizeof u->name, "%s", pw.pw_name);
	else
		snprintf(u->name, sizeof u->name, "%u", uid);
	return u->name;
}

/* --- the refresh ------------------------------------------------------- */

/*
 * Whether p's details can be copied from q, its record in the base
 * snapshot: the same identity, read in full, and nothing since that
 * would have changed them (see the top of this file).
 */
static bool
scan_base_fresh(const struct scanner *sc, const struct procinfo *p,
    const struct procinfo *q)
{
	return q != NULL && q->start_ticks == p->start_ticks &&
	    q->tgid == p->tgid && (q->state == 'Z') == (p->state == 'Z') &&
	    q->cpu_ticks == p->cpu_ticks && !(q->flags & PI_PARTIAL) &&
	    strcmp(q->comm, p->comm) == 0 &&
	    (sc->gen + (unsigned)p->pid) % sc->revalidate != 0 &&
	    !(sc->flags & SCAN_NOCACHE);
}

/* A record whose details the walk left to read. */
struct scan_pending {
	size_t		 index;		/* in the new snapshot */
	int		 taskfd;	/* its directory, opened before its
					   stat was read; -1: open it then */
	uint32_t	 owner;		/* the directory's, with taskfd */
};

/* Scan state shared by the walk's helpers. */
struct scan_walk {
	struct scanner		*sc;
	struct snapshot		*snap;
	const struct snapshot	*base;		/* borrowed; may be NULL */
	size_t			 base_pos;	/* scan_base_find()'s cursor */
	struct scan_pending	*pending;	/* records whose details
						   must be read */
	size_t			 npending, pending_cap;
	uint32_t		*cgroup_map;	/* base's cgroup entry index
						   -> snap's (0: not yet) */
	/*
	 * The last namespace set and user name carried from the base, and
	 * their copies in snap: neighbours mostly share them.
	 */
	const uint64_t		*base_ns, *snap_ns;
	const char		*base_user, *snap_user;
	const struct procinfo	*last_cmdline;	/* in snap: the last
						   record given one */
};

/* Whether q's command line is the len bytes at bytes (q may be NULL). */
static bool
scan_same_cmdline(const struct procinfo *q, const char *bytes, size_t len)
{
	return q != NULL && q->cmdline != NULL && q->cmdline_len == len &&
	    memcmp(q->cmdline, bytes, len) == 0;
}

/*
 * Give p the command line just read.  Forked workers (a prefork
 * server's, a pool's) keep their parent's, and /proc lists siblings side
 * by side: the record read just before and p's parent in the base are
 * compared first, and an equal one's copy is shared, not duplicated.
 */
static void
scan_set_cmdline(struct scan_walk *w, struct procinfo *p,
    const struct scan_detail *d)
{
	const struct procinfo	*parent;

	if (d->cmdline_len == 0)
		snapshot_set_cmdline(w->snap, p, d->cmdline, 0);
	else if (scan_same_cmdline(w->last_cmdline, d->cmdline,
	    d->cmdline_len))
		procinfo_share_cmdline(p, w->last_cmdline);
	else if (w->base != NULL && (parent = snapshot_find(w->base,
	    p->ppid)) != NULL && scan_same_cmdline(parent, d->cmdline,
	    d->cmdline_len))
		procinfo_share_cmdline(p, parent);
	else
		snapshot_set_cmdline(w->snap, p, d->cmdline, d->cmdline_len);
	if (p->cmdline != NULL)
		w->last_cmdline = p;
}

/* Put the details just read into p. */
static void
scan_apply_detail(struct scan_walk *w, struct procinfo *p,
    const struct scan_detail *d)
{
	struct snapshot	*snap = w->snap;

	if (d->gone || d->nspid == NULL)
		snapshot_set_nspid(snap, p, &p->pid, 1);
	else
		snapshot_set_nspid(snap, p, d->nspid, d->nspid_len);
	if (d->gone) {
		/* Vanished before its details could be read: keep stat's. */
		p->flags |= PI_PARTIAL;
		return;
	}
	if (d->partial)
		p->flags |= PI_PARTIAL;
	scan_set_cmdline(w, p, d);
	snapshot_set_ns(snap, p, d->ns);
	p->uid = d->uid;
	if (p->uid != UID_UNKNOWN)
		snapshot_set_user(snap, p, scan_user_name(w->sc, p->uid));
	snapshot_set_sig(snap, p, d->sig_known ? &(struct sigmasks){
	    d->sig_caught, d->sig_ignored, d->sig_blocked } : NULL);
}

/* Copy the per-identity details of q (the base's) into p. */
static void
scan_copy_details(struct scan_walk *w, struct procinfo *p,
    const struct procinfo *q)
{
	procinfo_share_cmdline(p, q);
	snapshot_set_nspid(w->snap, p, q->nspid, q->nspid_len);
	if (w->base_ns != q->ns) {
		snapshot_set_ns(w->snap, p, q->ns);
		w->base_ns = q->ns;
		w->snap_ns = p->ns;
	} else
		p->ns = w->snap_ns;
	p->uid = q->uid;
	if (w->base_user != q->user) {
		snapshot_set_user(w->snap, p, q->user);
		w->base_user = q->user;
		w->snap_user = p->user;
	} else
		p->user = w->snap_user;
	snapshot_set_sig(w->snap, p, q->sig);
}

/*
 * pid's record in the base snapshot.  /proc lists processes by rising
 * pid, as the base is sorted, so a cursor finds most of them in a step;
 * threads (whose TIDs interleave) fall back to a binary search.
 */
static const struct procinfo *
scan_base_find(struct scan_walk *w, pid_t pid)
{
	const struct snapshot	*base = w->base;

	if (base == NULL)
		return NULL;
	while (w->base_pos < base->nprocs &&
	    base->procs[w->base_pos].pid < pid)
		w->base_pos++;
	if (w->base_pos < base->nprocs && base->procs[w->base_pos].pid == pid)
		return &base->procs[w->base_pos];
	if (w->base_pos > 0 && base->procs[w->base_pos - 1].pid >= pid)
		return snapshot_find(base, pid);	/* out of order */
	return NULL;
}

/*
 * Give p the cgroup entry of q, its record in the base, when it is the
 * same process and there is no reason to read its cgroup file again:
 * it has not exec'd (a runtime moves what it starts before the exec),
 * and its SCAN_REVALIDATE turn has not come.  A zombie keeps what it had
 * alive: its file reads as the root.
 */
static void
scan_carry_cgroup(struct scan_walk *w, struct procinfo *p,
    const struct procinfo *q)
{
	const struct cgroup_info	*c;

	if (q == NULL || q->cgroup == 0 || q->start_ticks != p->start_ticks ||
	    q->tgid != p->tgid || (w->sc->flags & SCAN_NOCACHE) ||
	    (p->state != 'Z' && (strcmp(q->comm, p->comm) != 0 ||
	    (w->sc->gen + (unsigned)p->pid) % w->sc->revalidate == 0)))
		return;
	if (w->cgroup_map[q->cgroup - 1] == 0) {
		c = snapshot_cgroup(w->base, q->cgroup);
		w->cgroup_map[q->cgroup - 1] = snapshot_intern_cgroup(w->snap,
		    &c->ident, &c->names);
	}
	p->cgroup = w->cgroup_map[q->cgroup - 1];
}

/* A /proc directory entry's pid, or 0 if it is not a number. */
static pid_t
scan_dirent_pid(const struct dirent *de)
{
	const char	*s = de->d_name;
	long		 v = 0;

	if (*s < '1' || *s > '9')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > INT_MAX / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v <= INT_MAX ? (pid_t)v : 0;
}

/* The directory /proc/TGID/task listed, procfd being /proc's; NULL if gone. */
static DIR *
scan_open_tasks(int procfd, pid_t tgid)
{
	char	path[32];
	DIR	*dir;
	int	fd;

	snprintf(path, sizeof path, "%d/task", (int)tgid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if ((dir = fdopendir(fd)) == NULL)
		close(fd);
	return dir;
}

/*
 * A leader thread that exited while the others run on (pthread_exit()
 * in main()) reads as a zombie, yet the process lives: it takes the
 * state of its first live thread (exited threads are gone at once,
 * unless traced).  procfd is /proc's.
 */
static void
scan_leader_gone(int procfd, struct procinfo *p)
{
	struct procinfo	 t;
	struct dirent	*de;
	char		 path[48];
	DIR		*dir;
	pid_t		 tid;

	if ((dir = scan_open_tasks(procfd, p->pid)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if ((tid = scan_dirent_pid(de)) == 0 || tid == p->pid)
			continue;
		snprintf(path, sizeof path, "%d/stat", (int)tid);
		memset(&t, 0, sizeof t);
		if (scan_read_stat(0, dirfd(dir), path, &t) &&
		    t.state != 'Z' && t.state != 'X') {
			p->state = t.state;
			break;
		}
	}
	closedir(dir);
}

/* Queue p's details to be read after the walk, through taskfd if >= 0. */
static void
scan_add_pending(struct scan_walk *w, int taskfd, uint32_t owner)
{
	struct scan_pending	*e;

	if (w->npending == w->pending_cap) {
		w->pending_cap = w->pending_cap ? w->pending_cap * 2 : 64;
		w->pending = xreallocarray(w->pending, w->pending_cap,
		    sizeof *w->pending);
	}
	e = &w->pending[w->npending++];
	e->index = w->snap->nprocs - 1;
	e->taskfd = taskfd;
	e->owner = owner;
}

/*
 * A task the base does not have, and whose stat file is not kept open,
 * has its directory opened first and its stat file read through it:
 * its details are then read through the same directory, without a
 * second read of its stat file to prove it is still the same task.
 */
static int
scan_open_first_sight(struct scan_walk *w, const struct procinfo *q,
    int dirfd, const char *name, pid_t pid, uint32_t *owner)
{
	int	fd;

	if (q != NULL || statfd_kept(w->sc->statfds, pid))
		return -1;
	fd = scan_open_new_task(dirfd, name, owner);
	if (fd >= 0 && !statfd_may_hold(w->sc->statfds, fd)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/*
 * Add task pid, whose directory is dirfd/name, to the snapshot (its stat
 * read through the descriptor kept open on it since the last refresh,
 * if any).
 */
static struct procinfo *
scan_add_task(struct scan_walk *w, int dirfd, const char *name, pid_t pid,
    pid_t tgid)
{
	struct procinfo		*p = snapshot_add(w->snap);
	const struct procinfo	*q = scan_base_find(w, pid);
	char			 buf[SCAN_STAT_MAX], path[48];
	uint32_t		 owner = UID_UNKNOWN;
	int			 taskfd;
	ssize_t			 n;

	taskfd = scan_open_first_sight(w, q, dirfd, name, pid, &owner);
	if (taskfd >= 0)
		n = statfd_read(w->sc->statfds, taskfd, "stat", pid, buf,
		    sizeof buf);
	else {
		snprintf(path, sizeof path, "%s/stat", name);
		n = statfd_read(w->sc->statfds, dirfd, path, pid, buf,
		    sizeof buf);
	}
	if (n < 0 || !scan_stat_line(w->sc->page_shift, buf, p) ||
	    p->pid != pid) {
		w->snap->nprocs--;	/* gone between readdir and read */
		if (taskfd >= 0)
			close(taskfd);
		return NULL;
	}
	snapshot_set_comm(w->snap, p, p->comm);	/* it was in buf */
	p->tgid = tgid;
	if (p->pid != tgid)
		p->flags |= PI_THREAD;
	else if (p->state == 'Z' && p->threads > 1)
		scan_leader_gone(dirfd, p);	/* dirfd is /proc's */
	scan_carry_cgroup(w, p, q);
	if (taskfd < 0 && scan_base_fresh(w->sc, p, q)) {
		scan_copy_details(w, p, q);
		w->sc->stats.cache_hits++;
		return p;
	}
	scan_add_pending(w, taskfd, owner);
	return p;
}

/* The other threads of tgid, from /proc/TGID/task. */
static void
scan_add_threads(struct scan_walk *w, int procfd, pid_t tgid)
{
	struct dirent	*de;
	DIR		*dir;
	pid_t		 tid;

	if ((dir = scan_open_tasks(procfd, tgid)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if ((tid = scan_dirent_pid(de)) == 0 || tid == tgid)
			continue;
		(void)scan_add_task(w, dirfd(dir), de->d_name, tid, tgid);
	}
	closedir(dir);
}

/* Add process pid (directory name) and, with -T, its threads. */
static void
scan_add_process(struct scan_walk *w, int procfd, const char *name,
    pid_t pid, struct pidvec *found)
{
	struct procinfo	*p = scan_add_task(w, procfd, name, pid, pid);

	if (p == NULL)
		return;
	pidvec_push(found, pid);
	if (p->threads > 1 && (w->sc->flags & SCAN_THREADS))
		scan_add_threads(w, procfd, pid);
}

static int
scan_cmp_pid(const void *a, const void *b)
{
	pid_t	x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* pid in decimal, in name (room for 12); name. */
static const char *
scan_pid_name(pid_t pid, char name[static 12])
{
	char	digits[12];
	int	n = 0, k = 0;

	do
		digits[n++] = (char)('0' + pid % 10);
	while ((pid /= 10) > 0);
	while (n > 0)
		name[k++] = digits[--n];
	name[k] = '\0';
	return name;
}

/*
 * Without listing /proc: the processes the last refresh found and those
 * born since, in rising order as /proc lists them.  One that exited is
 * not found; a PID reused since is a birth, read afresh.
 */
static void
scan_walk_known(struct scan_walk *w, int procfd, struct pidvec *found)
{
	struct scanner	*sc = w->sc;
	char		 name[16];
	size_t		 i = 0, j = 0;
	pid_t		 pid;

	if (sc->nhint > 1)
		qsort(sc->hint, sc->nhint, sizeof *sc->hint, scan_cmp_pid);
	while (i < sc->nwalked || j < sc->nhint) {
		if (j == sc->nhint || (i < sc->nwalked &&
		    sc->walked[i] <= sc->hint[j]))
			pid = sc->walked[i++];
		else
			pid = sc->hint[j++];
		/* Repeats: births already found, or hinted twice. */
		if (found->n > 0 && found->v[found->n - 1] >= pid)
			continue;
		if (pid <= 0)
			continue;
		scan_add_process(w, procfd, scan_pid_name(pid, name), pid,
		    found);
	}
}

/*
 * One pass over /proc, listed or, after scan_hint_births(), not; -1 with
 * errno if /proc cannot be opened or listed.
 */
static int
scan_walk(struct scan_walk *w)
{
	struct scanner	*sc = w->sc;
	struct pidvec	 found = { NULL, 0, 0 };
	struct dirent	*de;
	DIR		*dir;
	pid_t		 pid;

	/* Opened by name each time: bench/scanlog.so counts refreshes so. */
	if ((dir = opendir("/proc")) == NULL)
		return -1;
	/* The events name PIDs as our namespace does: not a foreign /proc's. */
	sc->stats.listed = !sc->hinted || sc->walked == NULL || sc->foreign ||
	    sc->gen % sc->revalidate == 0;
	if (sc->stats.listed) {
		while ((de = readdir(dir)) != NULL)
			if ((pid = scan_dirent_pid(de)) != 0)
				scan_add_process(w, dirfd(dir), de->d_name,
				    pid, &found);
	} else
		scan_walk_known(w, dirfd(dir), &found);
	closedir(dir);
	sc->hinted = false;
	free(sc->walked);
	sc->walked = found.v;
	sc->nwalked = found.n;
	return 0;
}

/*
 * A zombie's command line is gone from /proc: keep the one it had when
 * the base snapshot saw it alive (the same identity), so that what died
 * still has its name and arguments.
 */
static void
scan_keep_cmdline(struct scan_walk *w, struct procinfo *p)
{
	const struct procinfo	*q;

	if (w->base == NULL || (q = snapshot_find(w->base, p->pid)) == NULL ||
	    q->start_ticks != p->start_ticks || q->cmdline_len == 0)
		return;
	procinfo_share_cmdline(p, q);
}

/* The cgroup file just read, as p's entry. */
static void
scan_apply_cgroup(struct snapshot *snap, struct procinfo *p,
    const struct scan_detail *d)
{
	struct cgroup_ident	ident;

	(void)cgroup_parse(d->cgroup, d->cgroup_len, &ident);
	p->cgroup = snapshot_intern_cgroup(snap, &ident, NULL);
}

/*
 * Names for the containers that have none yet: the cache reads a
 * runtime's files once per ID, and an unknown ID again only after a
 * while.
 */
static void
scan_name_containers(struct scanner *sc, struct snapshot *snap)
{
	struct cgroup_info	*c;
	size_t			 i;

	for (i = 0; i < snap->ncgroups; i++) {
		c = &snap->cgroups[i];
		if (c->ident.runtime != CT_NONE && c->names.name[0] == '\0')
			(void)ctnames_lookup(sc->names, &c->ident, snap->time,
			    &c->names);
	}
}

/* The namespaces a task is at home in (scan_read.h). */
static struct scan_home
scan_home(const struct scanner *sc)
{
	return (struct scan_home){ .pidns = sc->self_pidns,
	    .userns = sc->self_userns };
}

/* Read the details of the records the walk could not copy from the base. */
static void
scan_read_pending(struct scan_walk *w)
{
	struct scan_detail	 d;
	struct scan_home	 home;
	struct scan_pending	*e;
	struct procinfo		*p;
	size_t			 i;

	memset(&d, 0, sizeof d);
	home = scan_home(w->sc);
	d.want_signals = (w->sc->flags & SCAN_SIGNALS) != 0;
	d.lean = (w->sc->flags & SCAN_LEAN) != 0;
	for (i = 0; i < w->npending; i++) {
		e = &w->pending[i];
		p = &w->snap->procs[e->index];
		d.pid = p->pid;
		d.start_ticks = p->start_ticks;
		d.zombie = p->state == 'Z';
		d.want_cgroup = p->cgroup == 0;
		if (e->taskfd >= 0) {
			scan_read_detail_at(&home, e->taskfd, e->owner, &d);
			close(e->taskfd);
			e->taskfd = -1;
		} else
			scan_read_detail(&home, w->sc->page_shift, p->tgid,
			    statfd_fd(w->sc->statfds, p->pid), &d);
		scan_apply_detail(w, p, &d);
		if (d.cgroup != NULL)
			scan_apply_cgroup(w->snap, p, &d);
		/* A zombie, or a process whose leader thread is gone. */
		if (p->cmdline_len == 0 && (p->state == 'Z' || p->threads > 1))
			scan_keep_cmdline(w, p);
	}
	scan_detail_clear(&d);
}

/*
 * SCAN_LEAN read only the PID and user namespaces of most processes: the
 * parent of one in another PID or user namespace has its other
 * namespaces read too, so that the marks of what the child does not
 * share are whole.
 */
static void
scan_complete_parents(struct scanner *sc, struct snapshot *snap)
{
	struct procinfo	*p, *parent;
	uint64_t	 ns[NS_COUNT];
	size_t		 i;

	for (i = 0; i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->pid != p->tgid || p->ns[NS_MNT] == INODE_UNKNOWN ||
		    p->ns[NS_PID] == INODE_UNKNOWN)
			continue;
		parent = snapshot_find(snap, p->ppid);
		if (parent == NULL || parent->ns[NS_MNT] != INODE_UNKNOWN ||
		    parent->ns[NS_PID] == INODE_UNKNOWN ||
		    (parent->ns[NS_PID] == p->ns[NS_PID] &&
		    parent->ns[NS_USER] == p->ns[NS_USER]))
			continue;
		memcpy(ns, parent->ns, sizeof ns);
		if (scan_read_more_ns(sc->page_shift, parent->tgid,
		    parent->pid, parent->start_ticks,
		    statfd_fd(sc->statfds, parent->pid), ns) == 0)
			snapshot_set_ns(snap, parent, ns);
	}
}

struct snapshot *
scan_refresh(struct scanner *sc, const struct snapshot *base, char **cause)
{
	struct scan_walk	 w;
	struct snapshot		*snap;
	struct timespec		 now;
	struct stat		 proc_st;
	struct scan_nsinfo_stats nsst;

	sc->gen++;
	memset(&sc->stats, 0, sizeof sc->stats);
	snap = snapshot_new();
	clock_gettime(CLOCK_REALTIME, &now);
	snap->time = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
	snap->boot_time = sc->boot_time;
	snap->clk_tck = sc->clk_tck;
	if (gethostname(snap->host, sizeof snap->host - 1) < 0)
		snprintf(snap->host, sizeof snap->host, "unknown");
	snap->loadavg_known = procps_loadavg(&snap->loadavg[0],
	    &snap->loadavg[1], &snap->loadavg[2]) >= 0;
	if (!snap->loadavg_known)
		snap->loadavg[0] = snap->loadavg[1] = snap->loadavg[2] = 0;
	scan_machine_cpu(snap);
	scan_machine_memory(snap);
	snap->self_pid = sc->self_pid;
	snap->self_pidns = sc->self_pidns;
	snap->own_pidns = sc->own_pidns;
	snap->proc_foreign = sc->foreign;
	snap->has_threads = (sc->flags & SCAN_THREADS) != 0;
	snap->hidepid = sc->hidepid;
	snap->events_source = sc->events_source;
	/*
	 * Room for what the last refresh saw and some growth: no doubling.
	 * The first time, /proc's link count says about how many processes
	 * there are (one subdirectory each, and a few others).
	 */
	if (sc->last_count == 0 && !(sc->flags & SCAN_THREADS) &&
	    stat("/proc", &proc_st) == 0)
		sc->last_count = (size_t)proc_st.st_nlink;
	snapshot_reserve(snap, sc->last_count + sc->last_count / 16 + 64);

	memset(&w, 0, sizeof w);
	w.sc = sc;
	w.snap = snap;
	w.base = base;
	w.cgroup_map = xcalloc(base != NULL ? base->ncgroups + 1 : 1,
	    sizeof *w.cgroup_map);
	if (scan_walk(&w) < 0) {
		xasprintf(cause, "reading /proc failed: %s", strerror(errno));
		snapshot_free(snap);
		free(w.pending);
		free(w.cgroup_map);
		return NULL;
	}
	/* Descriptors of tasks not listed any more are closed. */
	statfd_sweep(sc->statfds);
	/* The details are read after the walk, one task at a time. */
	scan_read_pending(&w);
	sc->stats.tasks = snap->nprocs;
	sc->stats.detail_reads = w.npending;
	sc->stats.kept_open = statfd_count(sc->statfds);
	sc->last_count = snap->nprocs;
	free(w.pending);
	free(w.cgroup_map);
	snapshot_sort(snap);
	if (sc->foreign && sc->self_pidns == INODE_UNKNOWN)
		scan_foreign_pidns(sc, snap);
	if (sc->flags & SCAN_LEAN)
		scan_complete_parents(sc, snap);
	scan_name_containers(sc, snap);
	containers_place(snap);
	sc->nsinfo.gen = sc->gen;
	scan_nsinfo_fill(&sc->nsinfo, snap, base, &nsst);
	sc->stats.hostname_reads = nsst.read;
	sc->stats.hostnames_deferred = nsst.deferred;
	sc->stats.hostname_ms = nsst.ms;
	scan_passwd_fill(snap, base, sc->self_mnt);
	return snap;
}

int
scan_read_fresh(struct scanner *sc, struct procinfo *p,
    struct procinfo_own *own)
{
	struct scan_detail	d;
	struct scan_home	home = scan_home(sc);

	memset(&d, 0, sizeof d);
	d.pid = p->pid;
	d.start_ticks = p->start_ticks;
	d.zombie = p->state == 'Z';
	d.want_signals = true;
	scan_read_detail(&home, sc->page_shift,
	    p->tgid > 0 ? p->tgid : p->pid, -1, &d);
	if (d.gone) {
		scan_detail_clear(&d);
		return -ESRCH;
	}
	procinfo_own_ns(p, own, d.ns);
	p->nspid[0] = p->pid;	/* p->nspid has room for NSPID_MAX */
	p->nspid_len = 1;
	if (d.nspid != NULL) {
		memcpy(p->nspid, d.nspid, (size_t)d.nspid_len *
		    sizeof *d.nspid);
		p->nspid_len = d.nspid_len;
	}
	procinfo_own_sig(p, own, d.sig_known ? &(struct sigmasks){
	    d.sig_caught, d.sig_ignored, d.sig_blocked } : NULL);
	scan_detail_clear(&d);
	return 0;
}

/* --- identity check for signals ------------------------------------------ */

int
scan_start_ticks(pid_t pid, uint64_t *start_ticks)
{
	return scan_read_start_ticks(pid, start_ticks);
}

bool
scan_proc_is_ours(void)
{
	char	buf[32];
	ssize_t	n = readlink("/proc/self", buf, sizeof buf - 1);

	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strtol(buf, NULL, 10) == (long)getpid();
}
