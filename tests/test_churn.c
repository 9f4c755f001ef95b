/*
 * Live tier: churn.  A churner in its own process group forks short-lived
 * children as fast as it can for a few seconds (some exit at once, some
 * after 0-5 ms, some rename themselves, some leave an orphaned grandchild;
 * all linger briefly as zombies until the churner reaps them), while one
 * reused scanner refreshes back to back and every refresh goes through
 * diff, classify, the namespace table, the tree and three row layouts.
 * Every refresh must be well formed: sorted unique pids, sane records, each
 * record exactly once in the rows under its real parent, and diff events
 * that agree with the two snapshots.  `treetop -b` runs during the churn
 * too and must print clean trees.  Exits 77 without /proc.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/rows.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/modelcheck.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define CHURN_SECONDS	4.0	/* how long the churner forks */
#define CHURN_ALIVE_MAX	48	/* unreaped children at most */
#define CHURN_REAP_NS	2000000	/* reap every 2 ms: zombies linger */
#define CHURN_NAME	"churn-renamed"
#define BATCH_RUNS	"20"	/* treetop -b -n */
#define BATCH_DELAY	"0.1"	/* treetop -b -d: its floor */
#define WAIT_SECONDS	120	/* for the churner and treetop to finish */
#define REPORT_MAX	5	/* bad batch lines printed */

struct churn_tally {
	unsigned long	 seen;		/* the churner's descendants seen */
	unsigned long	 zombies;	/* of those, zombies */
	unsigned long	 reparented;	/* of those, PI_REPARENTED */
};

/* --- the churner ------------------------------------------------------- */

static double
now_mono(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t
churn_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
churn_sleep_ns(long ns)
{
	struct timespec	ts = { ns / 1000000000L, ns % 1000000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* What one churned child does; it never returns. */
static void
churn_child(uint32_t r)
{
	pid_t	g;

	switch (r % 8) {
	case 0: case 1: case 2:
		_exit((int)(r >> 8) % 4);
	case 3: case 4: case 5:
		churn_sleep_ns((long)((r >> 8) % 5000001));
		_exit(0);
	case 6:
		/*
		 * Leave a grandchild behind, to be orphaned and adopted by
		 * the churner: it outlives us by 2-5 ms.
		 */
		g = fork();
		if (g == 0) {
			churn_sleep_ns(2000000 + (long)((r >> 8) % 3000001));
			_exit(0);
		}
		churn_sleep_ns((long)((r >> 8) % 2000001));
		_exit(0);
	default:
		prctl(PR_SET_NAME, CHURN_NAME);
		churn_sleep_ns((long)((r >> 8) % 5000001));
		_exit(0);
	}
}

/* Reap what has exited; count it, and forget our own children's pids. */
static void
churn_reap(pid_t *kids, size_t *nkids, unsigned long *reaped, int flags)
{
	pid_t	w;
	size_t	i;

	while ((w = waitpid(-1, NULL, flags)) > 0 ||
	    (w < 0 && errno == EINTR)) {
		if (w < 0)
			continue;
		(*reaped)++;
		for (i = 0; i < *nkids; i++)
			if (kids[i] == w) {
				kids[i] = kids[--*nkids];
				break;
			}
	}
}

/*
 * The churner: a subreaper that forks until the deadline with at most
 * CHURN_ALIVE_MAX children of its own alive, reaps (its children and the
 * grandchildren it adopted) every CHURN_REAP_NS, then reaps everything
 * and writes "created=N forks=M" to fd.  Never returns.
 */
static void
churn_main(int fd, pid_t parent)
{
	pid_t		kids[CHURN_ALIVE_MAX], pid;
	size_t		nkids = 0;
	unsigned long	forks = 0, reaped = 0;
	uint32_t	seed = (uint32_t)getpid() * 2654435761u | 1, r;
	double		end = now_mono() + CHURN_SECONDS, last_reap = 0, t;
	char		line[64];
	int		n;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(99);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	while ((t = now_mono()) < end) {
		if (t - last_reap >= CHURN_REAP_NS / 1e9 ||
		    nkids == CHURN_ALIVE_MAX) {
			churn_reap(kids, &nkids, &reaped, WNOHANG);
			last_reap = t;
			if (nkids == CHURN_ALIVE_MAX) {
				churn_sleep_ns(100000);
				continue;
			}
		}
		r = churn_rand(&seed);
		pid = fork();
		if (pid == 0)
			churn_child(r);
		if (pid > 0) {
			kids[nkids++] = pid;
			forks++;
		} else
			churn_sleep_ns(1000000);	/* EAGAIN: reap first */
	}
	churn_reap(kids, &nkids, &reaped, 0);
	n = snprintf(line, sizeof line, "created=%lu forks=%lu\n", reaped,
	    forks);
	(void)!write(fd, line, (size_t)n);
	_exit(0);
}

struct churner {
	pid_t	pid;		/* also its process group */
	int	fd;		/* read end: its report */
};

static int
churn_start(struct churner *c)
{
	int	fds[2];
	pid_t	self = getpid();

	if (pipe(fds) < 0)
		return -errno;
	c->pid = fork();
	if (c->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (c->pid == 0) {
		close(fds[0]);
		churn_main(fds[1], self);
	}
	setpgid(c->pid, c->pid);
	close(fds[1]);
	c->fd = fds[0];
	return 0;
}

/* Wait for the report; the number of processes created, or 0. */
static unsigned long
churn_collect(struct churner *c, unsigned long *forks)
{
	struct pollfd	pfd = { .fd = c->fd, .events = POLLIN };
	char		buf[128];
	ssize_t		n = 0;
	unsigned long	created = 0;

	*forks = 0;
	if (poll(&pfd, 1, WAIT_SECONDS * 1000) > 0 &&
	    (n = read(c->fd, buf, sizeof buf - 1)) > 0) {
		buf[n] = '\0';
		if (sscanf(buf, "created=%lu forks=%lu", &created, forks) != 2)
			created = 0;
	}
	return created;
}

/*
 * Kill the churner's group while its leader is still unreaped (so the
 * pgid cannot belong to anyone else), then reap it and every member we
 * adopted.  True when the group is empty afterwards.
 */
static bool
churn_teardown(struct churner *c)
{
	if (c->pid <= 0)
		return true;
	kill(-c->pid, SIGKILL);
	for (;;) {
		if (waitpid(-c->pid, NULL, 0) > 0)
			continue;
		if (errno != EINTR)
			break;
	}
	close(c->fd);
	return kill(-c->pid, 0) < 0 && errno == ESRCH;
}

/* --- treetop -b during the churn --------------------------------------- */

/* A temporary file, already unlinked; fd or -1. */
static int
tmpfile_fd(void)
{
	char	path[] = "/tmp/treetop-churn-XXXXXX";
	int	fd = mkstemp(path);

	if (fd >= 0)
		unlink(path);
	return fd;
}

/* Start treetop -b in its own process group, output to out and err. */
static pid_t
batch_start(int out, int err)
{
	const char	*bin = testutil_treetop_bin();
	pid_t		 pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(out, STDOUT_FILENO);
		dup2(err, STDERR_FILENO);
		execl(bin, bin, "-b", "-n", BATCH_RUNS, "-d", BATCH_DELAY,
		    (char *)NULL);
		fprintf(stderr, "cannot run %s: %s\n", bin, strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

/* Wait at most WAIT_SECONDS for pid; its wait status, or -1 (killed). */
static int
batch_wait(pid_t pid)
{
	double	end = now_mono() + WAIT_SECONDS;
	int	status;

	while (now_mono() < end) {
		pid_t	w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			return status;
		if (w < 0 && errno != EINTR)
			return -1;
		churn_sleep_ns(10000000);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t	x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Sort the PIDs of one tree; the number of duplicates. */
static unsigned long
batch_dups(pid_t *pids, size_t n)
{
	unsigned long	dups = 0;
	size_t		i;

	qsort(pids, n, sizeof *pids, cmp_pid);
	for (i = 1; i < n; i++)
		if (pids[i] == pids[i - 1]) {
			if (dups++ < REPORT_MAX)
				fprintf(stderr, "batch: PID %d twice in a "
				    "tree\n", (int)pids[i]);
		}
	return dups;
}

/*
 * Check the batch output in fd: trees separated by a blank line, each
 * a header and then one line per process starting with a PID > 0,
 * unique within its tree.
 */
static void
batch_check(int fd, int expect_trees)
{
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, n = 0, npids = 0, pcap = 0;
	pid_t		*pids = NULL;
	ssize_t		 len;
	unsigned long	 bad = 0, dups = 0, lines = 0;
	int		 trees = 0;
	bool		 in_tree = false;

	lseek(fd, 0, SEEK_SET);
	f = fdopen(dup(fd), "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while ((len = getline(&line, &cap, f)) >= 0) {
		long	 pid;
		char	*end;

		n++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0) {
			dups += batch_dups(pids, npids);
			npids = 0;
			in_tree = false;
			continue;
		}
		if (!in_tree) {
			in_tree = true;
			trees++;
			if (strncmp(line + strspn(line, " "), "PID ", 4) == 0)
				continue;
		}
		lines++;
		pid = strtol(line, &end, 10);
		if (end == line || *end != ' ' || pid <= 0) {
			if (bad++ < REPORT_MAX)
				fprintf(stderr, "batch line %zu has no PID: "
				    "'%.80s'\n", n, line);
			continue;
		}
		if (npids == pcap) {
			pcap = pcap ? pcap * 2 : 256;
			pids = realloc(pids, pcap * sizeof *pids);
			CU_ASSERT_PTR_NOT_NULL_FATAL(pids);
		}
		pids[npids++] = (pid_t)pid;
	}
	dups += batch_dups(pids, npids);
	fprintf(stderr, "treetop -b: %d trees, %lu process lines\n", trees,
	    lines);
	CU_ASSERT_EQUAL(trees, expect_trees);
	CU_ASSERT(lines > 0);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(dups, 0);
	free(pids);
	free(line);
	fclose(f);
}

/* Copy what treetop wrote to stderr into ours. */
static void
batch_show_stderr(int fd)
{
	char	buf[512];
	ssize_t	n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		(void)!write(STDERR_FILENO, buf, (size_t)n);
}

/* --- the test ---------------------------------------------------------- */

/* Count the churner's descendants in s (the group, less the churner). */
static void
churn_count(struct churn_tally *ct, const struct snapshot *s, pid_t pgid)
{
	size_t	i;

	for (i = 0; i < s->nprocs; i++) {
		const struct procinfo	*p = &s->procs[i];

		if (p->pgid != pgid || p->pid == pgid)
			continue;
		ct->seen++;
		if (p->state == 'Z')
			ct->zombies++;
		if (p->flags & PI_REPARENTED)
			ct->reparented++;
	}
}

/*
 * Refresh back to back with one reused scanner until CHURN_SECONDS after
 * t0, every refresh through the model check, counting the descendants
 * of the churner pgid.
 */
static void
churn_refresh_all(struct scanner *scan, double t0, pid_t pgid,
    struct modelcheck *mc, struct churn_tally *ct)
{
	struct snapshot	*prev = NULL, *cur;
	struct diff	 d;
	struct rows	 rows;
	char		*cause = NULL;

	diff_init(&d);
	rows_init(&rows);
	while (now_mono() - t0 < CHURN_SECONDS) {
		cur = scan_refresh(scan, prev, &cause);
		if (cur == NULL) {
			fprintf(stderr, "scan_refresh: %s\n", cause);
			CU_FAIL("scan_refresh failed during churn");
			break;
		}
		modelcheck_refresh(mc, prev, cur, &d, &rows);
		churn_count(ct, cur, pgid);
		snapshot_free(prev);
		prev = cur;
	}
	snapshot_free(prev);
	diff_done(&d);
	rows_done(&rows);
	free(cause);
}

/* Say what the churn did and was seen to do; no rule of the model broke. */
static void
churn_check(const struct modelcheck *mc, const struct churn_tally *ct,
    unsigned long created, unsigned long forks, double elapsed)
{
	int	k;

	fprintf(stderr, "\nchurn: %lu refreshes (%.0f/s), %lu records; "
	    "%lu processes created (%lu forked by the churner), "
	    "%.0f per second\n", mc->refreshes, mc->refreshes / elapsed,
	    mc->records, created, forks, created / CHURN_SECONDS);
	fprintf(stderr, "churn: seen %lu churn records, %lu of them zombies, "
	    "%lu reparented; %lu partial records; events: %lu started, "
	    "%lu exited, %lu reaped, %lu exec; %lu parents younger than "
	    "their child\n", ct->seen, ct->zombies, ct->reparented,
	    mc->partial, mc->started, mc->exited, mc->reaped, mc->execs,
	    mc->older_child);
	CU_ASSERT(mc->refreshes >= 2);
	CU_ASSERT(created > 0);
	CU_ASSERT(ct->seen > 0);
	for (k = 0; k < MC_COUNT; k++)
		TU_CHECK_MSG(mc->v[k] == 0, "churn: %lu violations of '%s'",
		    mc->v[k], modelcheck_names[k]);
}

/* treetop -b, started during the churn: it ends well, with clean trees. */
static void
batch_finish(pid_t batch, int out, int err)
{
	int	status = batch_wait(batch);

	if (!TU_CHECK_MSG(status >= 0 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "treetop -b: wait status %#x "
	    "(-1: killed after %d s); its stderr follows", status,
	    WAIT_SECONDS))
		batch_show_stderr(err);
	batch_check(out, atoi(BATCH_RUNS));
}

static void
test_churn(void)
{
	struct churner		 c = { .pid = -1, .fd = -1 };
	struct churn_tally	 ct = { 0 };
	struct modelcheck	 mc;
	struct scanner		*scan;
	char			*cause = NULL;
	double			 t0, elapsed;
	unsigned long		 created, forks;
	int			 out, err;
	pid_t			 batch;

	out = tmpfile_fd();
	err = tmpfile_fd();
	CU_ASSERT_FATAL(out >= 0 && err >= 0);
	scan = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(scan);
	modelcheck_init(&mc);

	t0 = now_mono();
	CU_ASSERT_FATAL(churn_start(&c) == 0);
	batch = batch_start(out, err);
	CU_ASSERT(batch > 0);
	churn_refresh_all(scan, t0, c.pid, &mc, &ct);
	created = churn_collect(&c, &forks);
	elapsed = now_mono() - t0;
	CU_ASSERT(churn_teardown(&c));
	churn_check(&mc, &ct, created, forks, elapsed);
	if (batch > 0)
		batch_finish(batch, out, err);

	modelcheck_done(&mc);
	scan_close(scan);
	free(cause);
	close(out);
	close(err);
}

static const struct runner_test tests[] = {
	{ "hundreds of processes a second", test_churn },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("churn", NULL, NULL, tests);

	testutil_require_proc();
	/* Orphans of the churner's group come to us, and we reap them. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		return 99;
	return runner_run(&suite, 1);
}
