/*
 * The live scanner: /proc -> struct snapshot.  The only file that uses
 * libproc2 or reads /proc; nothing outside it sees a libproc2 type.
 *
 * Two libproc2 contexts.  The refresh context asks only for items that
 * come from /proc/PID/stat (plus the owner of /proc/PID), read for every
 * task on every refresh.  The detail context asks for the namespace
 * inodes, which libproc2 gets by stat()ing all eight ns/ links: it runs
 * through procps_pids_select() only for identities (pid, start time)
 * seen for the first time.  Per identity we also read, ourselves, what
 * libproc2 cannot give byte-exact or at all: comm (libproc2 replaces
 * control bytes), cmdline (libproc2 turns an empty one into "-"), NSpid,
 * the signal masks and a zombie's exit code.  Those details are cached
 * and read again when comm changes (exec, PR_SET_NAME), when the process
 * becomes a zombie (its ns/ links other than pid and user disappear),
 * when it has used CPU since they were read (only a running process can
 * rewrite its title, change its signal dispositions or call setns), and
 * in any case once every SCAN_REVALIDATE refreshes, staggered by pid:
 * a process can change them in less than a clock tick.
 */
#include "config.h"
#include "scan.h"

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

#include <libproc2/pids.h>

#include "readfile.h"
#include "snapshot.h"
#include "xalloc.h"

/* The refresh context's items; keep enum and array in the same order. */
enum refresh_pos {
	RP_PID, RP_TGID, RP_PPID, RP_PGRP, RP_SID, RP_TPGID, RP_STATE, RP_CMD,
	RP_FLAGS, RP_START, RP_TICS, RP_RSS, RP_NLWP, RP_TTY, RP_EUID,
	RP_COUNT
};

static enum pids_item scan_refresh_items[RP_COUNT] = {
	[RP_PID] = PIDS_ID_PID,		[RP_TGID] = PIDS_ID_TGID,
	[RP_PPID] = PIDS_ID_PPID,	[RP_PGRP] = PIDS_ID_PGRP,
	[RP_SID] = PIDS_ID_SESSION,	[RP_TPGID] = PIDS_ID_TPGID,
	[RP_STATE] = PIDS_STATE,	[RP_CMD] = PIDS_CMD,
	[RP_FLAGS] = PIDS_FLAGS,	[RP_START] = PIDS_TICS_BEGAN,
	[RP_TICS] = PIDS_TICS_ALL,	[RP_RSS] = PIDS_RSS,
	[RP_NLWP] = PIDS_NLWP,		[RP_TTY] = PIDS_TTY,
	[RP_EUID] = PIDS_ID_EUID,
};

#define SCAN_SELECT_MAX	255	/* libproc2's FILL_ID_MAX */
#define SCAN_REVALIDATE	16	/* idle details are read again this often */

#define RVAL(pos, type, stack, info) PIDS_VAL(pos, type, stack, info)

/* What is read once per identity. */
struct scan_detail {
	pid_t		 pid;
	uint64_t	 start_ticks;
	char		 libcomm[COMM_MAX];	/* libproc2's comm, to notice changes */
	bool		 zombie;		/* state when read */
	unsigned	 gen;			/* last refresh that saw it */
	uint64_t	 cpu_ticks;		/* CPU time when read */
	bool		 partial;		/* some file could not be read */
	char		 comm[COMM_MAX];	/* raw */
	char		*cmdline;		/* owned; NUL-separated */
	size_t		 cmdline_len;
	int		 exit_code;
	int		 nspid[NSPID_MAX];
	int		 nspid_len;
	uint64_t	 ns[NS_COUNT];
	uint64_t	 sig_caught, sig_ignored, sig_blocked;
	bool		 sig_known;
};

struct scan_user {
	uint32_t	uid;
	char		name[USER_MAX];
};

struct scanner {
	unsigned		 flags;		/* enum scan_flag */
	struct pids_info	*refresh_info;	/* libproc2 context, stat items */
	unsigned		 gen;		/* refresh counter */
	struct scan_detail	**table;	/* owned; open addressing by pid */
	size_t			 table_size;	/* a power of two */
	size_t			 table_used;
	struct scan_user	*users;		/* owned; uid -> name cache */
	size_t			 nusers;
	unsigned		 page_shift;	/* pages -> KiB */
	long			 clk_tck;
	int64_t			 boot_time;
	uint64_t		 self_pidns;
	bool			 hidepid;	/* see scan_hidepid() */
	struct scan_stats	 stats;
};

static uint64_t
scan_self_pidns(void)
{
	struct stat	st;

	if (stat("/proc/self/ns/pid", &st) < 0)
		return INODE_UNKNOWN;
	return (uint64_t)st.st_ino;
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

struct scanner *
scan_open(unsigned flags, char **cause)
{
	struct scanner	*sc;
	long		 page;
	int		 rc;

	/* libproc2 may _exit() without /proc; find out first. */
	if (access("/proc/self/stat", R_OK) < 0) {
		xasprintf(cause, "/proc is not mounted (%s)", strerror(errno));
		return NULL;
	}
	sc = xcalloc(1, sizeof *sc);
	sc->flags = flags;
	rc = procps_pids_new(&sc->refresh_info, scan_refresh_items, RP_COUNT);
	if (rc < 0) {
		xasprintf(cause, "libproc2: %s", strerror(-rc));
		scan_close(sc);
		return NULL;
	}
	page = sysconf(_SC_PAGESIZE);
	while (page > 1024 && (1L << (sc->page_shift + 10)) < page)
		sc->page_shift++;
	sc->clk_tck = sysconf(_SC_CLK_TCK);
	if (sc->clk_tck <= 0)
		sc->clk_tck = 100;
	sc->boot_time = scan_boot_time();
	sc->self_pidns = scan_self_pidns();
	sc->hidepid = scan_hidepid();
	sc->table_size = 1024;
	sc->table = xcalloc(sc->table_size, sizeof *sc->table);
	return sc;
}

static void
scan_detail_free(struct scan_detail *d)
{
	if (d != NULL) {
		free(d->cmdline);
		free(d);
	}
}

void
scan_close(struct scanner *sc)
{
	size_t	i;

	if (sc == NULL)
		return;
	if (sc->table != NULL)
		for (i = 0; i < sc->table_size; i++)
			scan_detail_free(sc->table[i]);
	free(sc->table);
	free(sc->users);
	if (sc->refresh_info != NULL)
		procps_pids_unref(&sc->refresh_info);
	free(sc);
}

void
scan_set_flags(struct scanner *sc, unsigned flags)
{
	sc->flags = flags;
}

struct scan_stats
scan_get_stats(const struct scanner *sc)
{
	return sc->stats;
}

/* --- the identity cache ------------------------------------------------ */

static size_t
scan_slot(const struct scanner *sc, pid_t pid)
{
	return ((uint32_t)pid * 2654435761u) & (sc->table_size - 1);
}

static struct scan_detail **
scan_lookup(struct scanner *sc, pid_t pid)
{
	size_t	i = scan_slot(sc, pid);

	while (sc->table[i] != NULL && sc->table[i]->pid != pid)
		i = (i + 1) & (sc->table_size - 1);
	return &sc->table[i];
}

/*
 * Rehash into a table sized for live entries, at most half full; with
 * drop_stale, free the entries the current refresh did not see.
 * Rehashing from scratch keeps probing simple (no tombstones).
 */
static void
scan_table_rehash(struct scanner *sc, size_t live, bool drop_stale)
{
	struct scan_detail	**old = sc->table;
	size_t			  old_size = sc->table_size, i, size = 1024;

	while (size < live * 2)
		size *= 2;
	sc->table_size = size;
	sc->table = xcalloc(size, sizeof *sc->table);
	sc->table_used = 0;
	for (i = 0; i < old_size; i++) {
		if (old[i] == NULL)
			continue;
		if (drop_stale && old[i]->gen != sc->gen) {
			scan_detail_free(old[i]);
			continue;
		}
		*scan_lookup(sc, old[i]->pid) = old[i];
		sc->table_used++;
	}
	free(old);
}

/* --- per-identity reads ------------------------------------------------ */

/* Read a whole file below a /proc/PID fd into a malloc'd buffer; NULL if gone. */
static char *
scan_read_file(int dirfd, const char *name, size_t *lenp)
{
	bool	truncated;
	int	err;

	return readfile_bounded(dirfd, name, SIZE_MAX, lenp, &truncated,
	    &err);
}

/*
 * From /proc/PID/stat: the raw comm, the start time (to check the identity)
 * and, for zombies, field 52 (exit_code).  Returns false if unreadable.
 */
static bool
scan_read_stat(int dirfd, struct scan_detail *d, uint64_t *start)
{
	char		*buf, *open_paren, *close_paren, *p;
	unsigned long long value;
	size_t		 len, n;
	int		 field;

	buf = scan_read_file(dirfd, "stat", &len);
	if (buf == NULL)
		return false;
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (open_paren == NULL || close_paren == NULL ||
	    close_paren < open_paren) {
		free(buf);
		return false;
	}
	n = (size_t)(close_paren - open_paren - 1);
	if (n >= sizeof d->comm)
		n = sizeof d->comm - 1;
	memcpy(d->comm, open_paren + 1, n);
	d->comm[n] = '\0';
	/* Field 3 (state) follows ") "; count fields from there. */
	p = close_paren + 1;
	for (field = 3; *p != '\0'; field++) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		value = strtoull(p, &p, 10);
		if (field == 22)
			*start = value;
		else if (field == 52)
			d->exit_code = (int)value;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	free(buf);
	return true;
}

static uint64_t
scan_parse_hex_mask(const char *s, bool *ok)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno != 0 || end == s)
		*ok = false;
	return v;
}

/* From /proc/PID/status: NSpid (outside our namespace) and signal masks. */
static bool
scan_read_status(struct scanner *sc, int dirfd, uint64_t pidns,
    struct scan_detail *d)
{
	char	*buf, *line, *next;
	size_t	 len;
	bool	 ok = true;
	int	 seen = 0;

	buf = scan_read_file(dirfd, "status", &len);
	if (buf == NULL)
		return false;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, "SigBlk:", 7) == 0) {
			d->sig_blocked = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "SigIgn:", 7) == 0) {
			d->sig_ignored = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "SigCgt:", 7) == 0) {
			d->sig_caught = scan_parse_hex_mask(line + 7, &ok);
			seen++;
		} else if (strncmp(line, "NSpid:", 6) == 0 &&
		    pidns != sc->self_pidns) {
			char	*p = line + 6, *end;
			long	 v;

			d->nspid_len = 0;
			while (d->nspid_len < NSPID_MAX) {
				v = strtol(p, &end, 10);
				if (end == p)
					break;
				d->nspid[d->nspid_len++] = (int)v;
				p = end;
			}
		}
	}
	free(buf);
	d->sig_known = ok && seen == 3;
	return true;
}

static void
scan_read_cmdline(int dirfd, struct scan_detail *d)
{
	free(d->cmdline);
	d->cmdline = NULL;
	d->cmdline_len = 0;
	d->cmdline = scan_read_file(dirfd, "cmdline", &d->cmdline_len);
	if (d->cmdline == NULL)
		d->partial = true;
	else if (d->cmdline_len == 0) {
		free(d->cmdline);
		d->cmdline = NULL;
	}
}

/* The eight namespace inodes, by fstatat below the /proc/PID fd. */
static void
scan_read_ns(int dirfd, struct scan_detail *d)
{
	struct stat	st;
	char		name[16];
	int		k;

	for (k = 0; k < NS_COUNT; k++) {
		snprintf(name, sizeof name, "ns/%s", ns_type_names[k]);
		d->ns[k] = fstatat(dirfd, name, &st, 0) == 0 ?
		    (uint64_t)st.st_ino : INODE_UNKNOWN;
	}
}

/*
 * Read d's details through one /proc/PID directory fd.  Its stat must
 * still show the identity's start time; after that, every read through
 * the fd is of the same process or fails (a reused pid is another
 * /proc entry), so no field can come from a stranger.
 */
static void
scan_read_detail(struct scanner *sc, struct scan_detail *d)
{
	uint64_t	start = d->start_ticks + 1;
	char		path[32];
	int		dirfd;

	d->partial = true;
	d->comm[0] = '\0';
	d->nspid[0] = d->pid;
	d->nspid_len = 1;
	d->sig_known = false;
	d->exit_code = 0;
	free(d->cmdline);
	d->cmdline = NULL;
	d->cmdline_len = 0;
	for (int k = 0; k < NS_COUNT; k++)
		d->ns[k] = INODE_UNKNOWN;
	snprintf(path, sizeof path, "/proc/%d", (int)d->pid);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return;
	if (!scan_read_stat(dirfd, d, &start) || start != d->start_ticks) {
		/* Gone, or the pid was reused since the refresh read it. */
		d->comm[0] = '\0';
		close(dirfd);
		return;
	}
	d->partial = false;
	scan_read_ns(dirfd, d);
	if (!d->zombie)
		scan_read_cmdline(dirfd, d);
	if (!scan_read_status(sc, dirfd, d->ns[NS_PID], d))
		d->partial = true;
	close(dirfd);
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

static void
scan_loadavg(double load[3])
{
	FILE	*f = fopen("/proc/loadavg", "re");

	if (f == NULL)
		return;
	if (fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
		load[0] = load[1] = load[2] = 0;
	fclose(f);
}

static void
scan_fill_from_stack(struct scanner *sc, struct procinfo *p,
    struct pids_stack *s)
{
	const char		*cmd;

	p->pid = RVAL(RP_PID, s_int, s, sc->refresh_info);
	p->tgid = RVAL(RP_TGID, s_int, s, sc->refresh_info);
	p->ppid = RVAL(RP_PPID, s_int, s, sc->refresh_info);
	p->pgid = RVAL(RP_PGRP, s_int, s, sc->refresh_info);
	p->sid = RVAL(RP_SID, s_int, s, sc->refresh_info);
	p->tpgid = RVAL(RP_TPGID, s_int, s, sc->refresh_info);
	p->state = RVAL(RP_STATE, s_ch, s, sc->refresh_info);
	cmd = RVAL(RP_CMD, str, s, sc->refresh_info);
	snprintf(p->comm, sizeof p->comm, "%s", cmd != NULL ? cmd : "");
	p->kflags = (unsigned)RVAL(RP_FLAGS, ul_int, s, sc->refresh_info);
	p->start_ticks = RVAL(RP_START, ull_int, s, sc->refresh_info);
	p->cpu_ticks = RVAL(RP_TICS, ull_int, s, sc->refresh_info);
	p->rss_kb = (uint64_t)RVAL(RP_RSS, ul_int, s, sc->refresh_info) << sc->page_shift;
	p->threads = RVAL(RP_NLWP, s_int, s, sc->refresh_info);
	p->tty_nr = RVAL(RP_TTY, s_int, s, sc->refresh_info);
	p->uid = RVAL(RP_EUID, u_int, s, sc->refresh_info);
	snprintf(p->user, sizeof p->user, "%s", scan_user_name(sc, p->uid));
	if (p->pid != p->tgid)
		p->flags |= PI_THREAD;
}

/*
 * The cached detail for p, or a fresh entry queued on pending when the
 * identity is new, exec'd or just became a zombie.
 */
static struct scan_detail *
scan_detail_for(struct scanner *sc, const struct procinfo *p,
    struct scan_detail ***pending, size_t *npending, size_t *pending_cap)
{
	struct scan_detail	**slot = scan_lookup(sc, p->pid);
	struct scan_detail	 *d = *slot;
	bool			  zombie = p->state == 'Z';

	if (d != NULL && d->start_ticks == p->start_ticks &&
	    d->zombie == zombie && strcmp(d->libcomm, p->comm) == 0 &&
	    d->cpu_ticks == p->cpu_ticks &&
	    (sc->gen + (unsigned)p->pid) % SCAN_REVALIDATE != 0 &&
	    !(sc->flags & SCAN_NOCACHE)) {
		d->gen = sc->gen;
		sc->stats.cache_hits++;
		return d;
	}
	if (d == NULL) {
		d = xcalloc(1, sizeof *d);
		d->pid = p->pid;
		*slot = d;
		if (++sc->table_used * 2 > sc->table_size)
			scan_table_rehash(sc, sc->table_used * 2, false);
	}
	d->start_ticks = p->start_ticks;
	d->zombie = zombie;
	d->gen = sc->gen;
	d->cpu_ticks = p->cpu_ticks;
	snprintf(d->libcomm, sizeof d->libcomm, "%s", p->comm);
	if (*npending == *pending_cap) {
		*pending_cap = *pending_cap ? *pending_cap * 2 : 64;
		*pending = xreallocarray(*pending, *pending_cap,
		    sizeof **pending);
	}
	(*pending)[(*npending)++] = d;
	return d;
}

static void
scan_apply_detail(struct snapshot *snap, struct procinfo *p,
    const struct scan_detail *d)
{
	int	k;

	if (d->partial && d->comm[0] == '\0') {
		/* Vanished before its details could be read: keep stat's. */
		p->flags |= PI_PARTIAL;
		p->nspid[0] = p->pid;
		p->nspid_len = 1;
		return;
	}
	if (d->partial)
		p->flags |= PI_PARTIAL;
	memcpy(p->comm, d->comm, sizeof p->comm);
	snapshot_set_cmdline(snap, p, d->cmdline, d->cmdline_len);
	p->exit_code = d->exit_code;
	memcpy(p->nspid, d->nspid, sizeof p->nspid);
	p->nspid_len = d->nspid_len;
	for (k = 0; k < NS_COUNT; k++)
		p->ns[k] = d->ns[k];
	p->sig_caught = d->sig_caught;
	p->sig_ignored = d->sig_ignored;
	p->sig_blocked = d->sig_blocked;
	p->sig_known = d->sig_known;
}

struct snapshot *
scan_refresh(struct scanner *sc, char **cause)
{
	struct snapshot		 *snap;
	struct pids_fetch	 *fetch;
	struct scan_detail	**details, **pending = NULL;
	struct timespec		  now;
	size_t			  npending = 0, pending_cap = 0, i;
	int			  t, total;

	sc->gen++;
	memset(&sc->stats, 0, sizeof sc->stats);
	snap = snapshot_new();
	clock_gettime(CLOCK_REALTIME, &now);
	snap->time = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
	snap->boot_time = sc->boot_time;
	snap->clk_tck = sc->clk_tck;
	if (gethostname(snap->host, sizeof snap->host - 1) < 0)
		snprintf(snap->host, sizeof snap->host, "unknown");
	scan_loadavg(snap->loadavg);
	snap->self_pid = getpid();
	snap->self_pidns = sc->self_pidns;
	snap->has_threads = (sc->flags & SCAN_THREADS) != 0;
	snap->hidepid = sc->hidepid;

	fetch = procps_pids_reap(sc->refresh_info,
	    (sc->flags & SCAN_THREADS) ? PIDS_FETCH_THREADS_TOO :
	    PIDS_FETCH_TASKS_ONLY);
	if (fetch == NULL) {
		xasprintf(cause, "reading /proc failed: %s", strerror(errno));
		snapshot_free(snap);
		return NULL;
	}
	total = fetch->counts->total;
	details = xcalloc((size_t)total, sizeof *details);
	for (t = 0; t < total; t++) {
		struct procinfo	*p = snapshot_add(snap);

		scan_fill_from_stack(sc, p, fetch->stacks[t]);
		details[t] = scan_detail_for(sc, p, &pending, &npending,
		    &pending_cap);
	}
	/* The pending details are read after the walk: nothing else moves. */
	for (i = 0; i < npending; i++)
		scan_read_detail(sc, pending[i]);
	for (t = 0; t < total; t++)
		scan_apply_detail(snap, &snap->procs[t], details[t]);
	sc->stats.tasks = (size_t)total;
	sc->stats.detail_reads = npending;
	free(pending);
	free(details);
	if (sc->table_used > sc->stats.cache_hits + npending)
		scan_table_rehash(sc, (size_t)total, true);
	snapshot_sort(snap);
	return snap;
}

/* --- identity check for signals ------------------------------------------ */

int
scan_start_ticks(pid_t pid, uint64_t *start_ticks)
{
	char			 path[64], buf[4096], *p, *end;
	unsigned long long	 value;
	size_t			 len = 0;
	ssize_t			 n;
	int			 fd, field, err;

	if (pid <= 0)
		return -ESRCH;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	for (;;) {
		n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == sizeof buf - 1)
			break;
	}
	err = n < 0 ? errno : 0;
	close(fd);
	if (err != 0)
		return err == ENOENT ? -ESRCH : -err;
	if (len == 0)
		return -ESRCH;	/* reaped between open() and read() */
	buf[len] = '\0';
	/* comm may hold spaces and ')': the fields start after the last ')'. */
	p = strrchr(buf, ')');
	if (p == NULL)
		return -EINVAL;
	p++;
	for (field = 3; field <= 22; field++) {
		while (*p == ' ')
			p++;
		if (*p == '\0' || *p == '\n')
			return -EINVAL;
		if (field == 22) {
			errno = 0;
			value = strtoull(p, &end, 10);
			if (end == p || errno != 0)
				return -EINVAL;
			*start_ticks = value;
			return 0;
		}
		while (*p != '\0' && *p != ' ')
			p++;
	}
	return -EINVAL;
}

int
scan_read_fresh(struct scanner *sc, struct procinfo *p)
{
	struct scan_detail	d;

	memset(&d, 0, sizeof d);
	d.pid = p->pid;
	d.start_ticks = p->start_ticks;
	d.zombie = p->state == 'Z';
	scan_read_detail(sc, &d);
	free(d.cmdline);
	if (d.partial && d.comm[0] == '\0')
		return -ESRCH;
	memcpy(p->ns, d.ns, sizeof p->ns);
	memcpy(p->nspid, d.nspid, sizeof p->nspid);
	p->nspid_len = d.nspid_len;
	p->sig_caught = d.sig_caught;
	p->sig_ignored = d.sig_ignored;
	p->sig_blocked = d.sig_blocked;
	p->sig_known = d.sig_known;
	return 0;
}
