/*
 * Live scenario builders and the /proc oracle for test_scan_live.
 *
 * Every builder forks processes that report back through a pipe, then
 * polls /proc until the promised state is visible, so a test never races
 * the kernel.  Child code only makes system calls and ends in _exit() or
 * pause(), and every sleeper arms alarm() so a crashed test leaves nothing
 * behind for long.  Depends on libc and the snapshot's constants only:
 * never on the scanner it is there to check.
 */
#include "config.h"
#include "livefx.h"
#include "testutil.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIVEFX_WAIT_MS		5000	/* bound on every wait for a state */
#define LIVEFX_POLL_US		2000
#define LIVEFX_LIFETIME		300	/* s before a sleeper ends itself */
#define LIVEFX_STACK		(256 * 1024)	/* for clone() */
#define LIVEFX_NS_EXIT		5	/* exit status of the zombie in A */

/* What a process in the namespace scenario writes to the report pipe. */
struct livefx_nsreport {
	int			 role;	/* enum livefx_nsrole */
	int			 err;	/* -errno if it failed to do its part */
	struct livefx_nsproc	 proc;
};

static int64_t
livefx_deadline(void)
{
	return testutil_now_ms() + LIVEFX_WAIT_MS;
}

/* Read exactly len bytes from fd before the deadline.  0 or -errno. */
static int
livefx_read_before(int fd, void *buf, size_t len, int64_t deadline)
{
	struct pollfd	 pfd = { .fd = fd, .events = POLLIN };
	char		*p = buf;
	size_t		 off = 0;
	ssize_t		 n;
	int64_t		 left;
	int		 r = 0;

	while (r == 0 && off < len) {
		if ((left = deadline - testutil_now_ms()) <= 0)
			r = -ETIMEDOUT;
		else if ((n = poll(&pfd, 1, (int)left)) > 0 &&
		    (n = read(fd, p + off, len - off)) > 0)
			off += (size_t)n;
		else if (n < 0 && errno != EINTR)
			r = -errno;
		else if (n == 0 && (pfd.revents & (POLLIN | POLLHUP)))
			r = -EPIPE;
	}
	return r;
}

/* livefx_read_before(), then close fd. */
static int
livefx_collect(int fd, void *buf, size_t len, int64_t deadline)
{
	int	r = livefx_read_before(fd, buf, len, deadline);

	close(fd);
	return r;
}

/*
 * Put the n reports (one per role, in any order) in out by role; the
 * first error a process reported, or -EPROTO for a role out of range.
 */
static int
livefx_place_reports(const struct livefx_nsreport *rep, int n,
    struct livefx_nsproc *out)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (rep[i].err < 0)
			return rep[i].err;
		if (rep[i].role < 0 || rep[i].role >= n)
			return -EPROTO;
		out[rep[i].role] = rep[i].proc;
	}
	return 0;
}

static void
livefx_write_all(int fd, const void *buf, size_t len)
{
	ssize_t	n;

	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
}

/* pipe2() and fork(); each side closes the other's end.  pid or -errno. */
static pid_t
livefx_spawn(int fds[2])
{
	pid_t	pid;
	int	err;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	if ((pid = fork()) < 0) {
		err = -errno;
		close(fds[0]);
		close(fds[1]);
		return err;
	}
	close(fds[pid == 0 ? 0 : 1]);
	return pid;
}

static void
livefx_on_alarm(int sig)
{
	(void)sig;
	_exit(0);
}

/*
 * Sleep until killed.  A namespace init ignores signals it has no handler
 * for, even its own alarm, so an init gets a handler that exits.
 */
static void __attribute__((noreturn))
livefx_sleep_forever(bool init)
{
	if (init)
		signal(SIGALRM, livefx_on_alarm);
	alarm(LIVEFX_LIFETIME);
	for (;;)
		pause();
}

static void
livefx_on_usr1(int sig)
{
	(void)sig;
}

/* Non-trivial signal masks for the oracle to compare: one of each kind. */
static void
livefx_child_masks(void)
{
	sigset_t	set;

	signal(SIGUSR1, livefx_on_usr1);
	signal(SIGHUP, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
}


/* Wait until pid is in one of states and, if ppid > 0, has that parent. */
static int
livefx_wait_proc(pid_t pid, const char *states, pid_t ppid, int64_t deadline)
{
	struct liveproc	o;
	int			r;

	for (;;) {
		if ((r = liveproc_read_stat(pid, &o)) < 0)
			return r == -ENOENT ? -ESRCH : r;
		if (strchr(states, o.state) != NULL &&
		    (ppid <= 0 || o.ppid == ppid))
			return 0;
		if (testutil_now_ms() > deadline)
			return -ETIMEDOUT;
		usleep(LIVEFX_POLL_US);
	}
}

/* Record a group to kill at teardown; set in the child and the parent. */
static void
livefx_add_pgid(struct livefx *fx, pid_t pgid, bool set)
{
	assert(fx->npgids < LIVEFX_MAX_PGIDS);
	if (set)
		setpgid(pgid, pgid);	/* the child does it too: no race */
	fx->pgids[fx->npgids++] = pgid;
}

static void
livefx_add_member(struct livefx *fx, pid_t pid, unsigned want,
    const char *role)
{
	struct livefx_member	*m;

	assert(fx->nmembers < LIVEFX_MAX_MEMBERS);
	m = &fx->members[fx->nmembers++];
	m->pid = pid;
	m->want = want;
	snprintf(m->role, sizeof m->role, "%s", role);
}

/* A pid a child reported: > 0, or the -errno it reported instead. */
static int
livefx_reported(pid_t pid)
{
	return pid > 0 ? 0 : pid < 0 ? pid : -EPROTO;
}

int
livefx_init(struct livefx *fx)
{
	memset(fx, 0, sizeof *fx);
	fx->self = getpid();
	fx->self_pidns = liveproc_ns_inode(fx->self, "pid");
	fx->ad_cut_fd = fx->ad_exit_fd = -1;
	fx->grow_fd = fx->grown_fd = -1;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return -errno;
	return 0;
}

/* The wait status zombie i leaves: two exit codes and a SIGSEGV. */
static int
livefx_zombie_status(int i)
{
	static const int	status[LIVEFX_ZOMBIES] = {
		3 << 8, 42 << 8, SIGSEGV
	};

	return status[i];
}

/* End so that the parent's wait() would collect st. */
static void __attribute__((noreturn))
livefx_die(int st)
{
	struct rlimit	no_core = { 0, 0 };
	sigset_t	set;

	if (WIFEXITED(st))
		_exit(WEXITSTATUS(st));
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);	/* no core, even to a pipe */
	signal(WTERMSIG(st), SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, WTERMSIG(st));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(WTERMSIG(st));
	_exit(127);
}

int
livefx_zombies(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	kids[LIVEFX_ZOMBIES], pid;
	char	role[LIVEFX_ROLE_MAX];
	int	fds[2], r, i;

	if ((pid = livefx_spawn(fds)) < 0)
		return pid;
	if (pid == 0) {
		setpgid(0, 0);
		livefx_child_masks();
		for (i = 0; i < LIVEFX_ZOMBIES; i++)
			if ((kids[i] = fork()) == 0)
				livefx_die(livefx_zombie_status(i));
			else if (kids[i] < 0)
				kids[i] = -errno;
		livefx_write_all(fds[1], kids, sizeof kids);
		close(fds[1]);
		livefx_sleep_forever(false);	/* and never wait */
	}
	livefx_add_pgid(fx, pid, true);
	fx->zparent = pid;
	if ((r = livefx_collect(fds[0], kids, sizeof kids, deadline)) < 0)
		return r;
	livefx_add_member(fx, pid, 0, "zombie parent");
	for (i = 0; i < LIVEFX_ZOMBIES; i++) {
		if ((r = livefx_reported(kids[i])) < 0)
			return r;
		fx->zombies[i] = kids[i];
		fx->zstatus[i] = livefx_zombie_status(i);
		snprintf(role, sizeof role, "zombie#%d", i);
		livefx_add_member(fx, kids[i], 0, role);
	}
	for (i = 0; i < LIVEFX_ZOMBIES; i++)
		if ((r = livefx_wait_proc(kids[i], "Z", pid, deadline)) < 0)
			return r;
	return livefx_wait_proc(pid, "S", fx->self, deadline);
}

/*
 * The grower's loop: a child that exits at once for every byte read from
 * cmd, its PID (or -errno) written to report; never a wait().
 */
static void __attribute__((noreturn))
livefx_grower_loop(int cmd, int report)
{
	pid_t	kid;
	char	c;

	alarm(LIVEFX_LIFETIME);
	while (read(cmd, &c, 1) == 1) {
		if ((kid = fork()) == 0)
			_exit(0);
		if (kid < 0)
			kid = -errno;
		livefx_write_all(report, &kid, sizeof kid);
	}
	livefx_sleep_forever(false);	/* the test is done with us */
}

int
livefx_grower(struct livefx *fx)
{
	int	cmd[2], fds[2];
	pid_t	pid;

	if (pipe2(cmd, O_CLOEXEC) < 0)
		return -errno;
	if ((pid = livefx_spawn(fds)) < 0) {
		close(cmd[0]);
		close(cmd[1]);
		return pid;
	}
	if (pid == 0) {
		setpgid(0, 0);
		close(cmd[1]);
		livefx_grower_loop(cmd[0], fds[1]);
	}
	close(cmd[0]);
	livefx_add_pgid(fx, pid, true);
	fx->grower = pid;
	fx->grow_fd = cmd[1];
	fx->grown_fd = fds[0];
	livefx_add_member(fx, pid, 0, "zombie grower");
	return livefx_wait_proc(pid, "S", fx->self, livefx_deadline());
}

int
livefx_grow(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	kid = 0;
	int	r;

	if (fx->grow_fd < 0)
		return -EBADF;
	livefx_write_all(fx->grow_fd, "+", 1);
	if ((r = livefx_read_before(fx->grown_fd, &kid, sizeof kid,
	    deadline)) < 0 || (r = livefx_reported(kid)) < 0)
		return r;
	if ((r = livefx_wait_proc(kid, "Z", fx->grower, deadline)) < 0)
		return r;
	fx->grown++;
	return 0;
}

int
livefx_orphan(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	mid, g;
	int	fds[2], r;

	if ((mid = livefx_spawn(fds)) < 0)
		return mid;
	if (mid == 0) {
		/* Not a group leader, so setsid() works: a new session. */
		if (setsid() < 0)
			g = -errno;
		else if ((g = fork()) == 0)
			livefx_sleep_forever(false);
		else if (g < 0)
			g = -errno;
		livefx_write_all(fds[1], &g, sizeof g);
		_exit(0);
	}
	livefx_add_pgid(fx, mid, false);	/* the group outlives mid */
	if ((r = livefx_collect(fds[0], &g, sizeof g, deadline)) < 0)
		return r;
	waitpid(mid, NULL, 0);	/* it exits right after the report */
	if ((r = livefx_reported(g)) < 0)
		return r;
	fx->orphan = g;
	fx->orphan_sid = mid;
	/* Made by the double fork: mid led its session and group. */
	livefx_add_member(fx, g, PI_ORPHAN | PI_DAEMON, "orphan");
	return livefx_wait_proc(g, "S", fx->self, deadline);
}

int
livefx_daemon(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	mid, d;
	int	fds[2], r;

	if ((mid = livefx_spawn(fds)) < 0)
		return mid;
	if (mid == 0) {
		if ((d = fork()) == 0) {
			d = setsid() < 0 ? -errno : getpid();
			livefx_write_all(fds[1], &d, sizeof d);
			if (d < 0)
				_exit(1);
			close(fds[1]);
			livefx_sleep_forever(false);
		} else if (d < 0) {
			d = -errno;
			livefx_write_all(fds[1], &d, sizeof d);
		}
		_exit(0);	/* the daemon is adopted by the test process */
	}
	if ((r = livefx_collect(fds[0], &d, sizeof d, deadline)) < 0)
		return r;
	waitpid(mid, NULL, 0);
	if ((r = livefx_reported(d)) < 0)
		return r;
	fx->daemon = d;
	livefx_add_pgid(fx, d, false);
	livefx_add_member(fx, d, PI_DAEMON, "daemon");
	return livefx_wait_proc(d, "S", fx->self, deadline);
}

/* The daemon of the double fork: settle as daemons do, then report. */
static void __attribute__((noreturn))
livefx_dfork_daemon(int fd)
{
	pid_t	rep[2] = { getpid(), getsid(0) };
	int	null;

	if (chdir("/") < 0)
		rep[0] = -errno;
	umask(0);
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	livefx_write_all(fd, rep, sizeof rep);
	close(fd);
	livefx_sleep_forever(false);
}

/* The middle: a session of its own, a child in it, and gone. */
static void __attribute__((noreturn))
livefx_dfork_middle(int fd)
{
	pid_t	rep[2] = { 0, 0 };

	if (setsid() < 0)
		rep[0] = -errno;
	else if ((rep[0] = fork()) == 0)
		livefx_dfork_daemon(fd);
	else if (rep[0] > 0)
		_exit(0);	/* the daemon reports for itself */
	else
		rep[0] = -errno;
	livefx_write_all(fd, rep, sizeof rep);
	_exit(1);
}

/*
 * The subreaper: fork the middle, reap it as a parent does, and pass on
 * the daemon's report only then, so that nothing of ours is still
 * running when the test looks.
 */
static void __attribute__((noreturn))
livefx_dfork_reaper(int fd)
{
	pid_t	mid, rep[2] = { 0, 0 };
	int	inner[2];

	setpgid(0, 0);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0 ||
	    pipe2(inner, O_CLOEXEC) < 0)
		rep[0] = -errno;
	else if ((mid = fork()) == 0) {
		close(fd);
		close(inner[0]);
		livefx_dfork_middle(inner[1]);
	} else if (mid < 0)
		rep[0] = -errno;
	else {
		close(inner[1]);
		waitpid(mid, NULL, 0);
		if (livefx_collect(inner[0], rep, sizeof rep,
		    livefx_deadline()) < 0)
			rep[0] = -EPIPE;
	}
	livefx_write_all(fd, rep, sizeof rep);
	close(fd);
	livefx_sleep_forever(false);
}

int
livefx_daemon_fork(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	reaper, rep[2];
	int	fds[2], r;

	if ((reaper = livefx_spawn(fds)) < 0)
		return reaper;
	if (reaper == 0)
		livefx_dfork_reaper(fds[1]);
	livefx_add_pgid(fx, reaper, true);
	fx->dfork_reaper = reaper;
	livefx_add_member(fx, reaper, 0, "double-fork reaper");
	if ((r = livefx_collect(fds[0], rep, sizeof rep, deadline)) < 0 ||
	    (r = livefx_reported(rep[0])) < 0 ||
	    (r = livefx_reported(rep[1])) < 0)
		return r;
	/* Its session and group: the middle's, which outlive the middle. */
	livefx_add_pgid(fx, rep[1], false);
	fx->dfork = rep[0];
	livefx_add_member(fx, rep[0], PI_ORPHAN | PI_DAEMON,
	    "double-forked daemon");
	if ((r = livefx_wait_proc(reaper, "S", fx->self, deadline)) < 0)
		return r;
	return livefx_wait_proc(rep[0], "S", reaper, deadline);
}

int
livefx_owned(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	pid, z;
	int	fds[2], r;

	if ((pid = livefx_spawn(fds)) < 0)
		return pid;
	if (pid == 0) {
		setpgid(0, 0);
		if ((z = fork()) == 0)
			_exit(setresuid(LIVEFX_UID_ZOMBIE, LIVEFX_UID_ZOMBIE,
			    LIVEFX_UID_ZOMBIE) < 0);
		if (z < 0 || setresuid(LIVEFX_UID_SLEEPER, LIVEFX_UID_SLEEPER,
		    LIVEFX_UID_SLEEPER) < 0)
			z = -errno;
		livefx_write_all(fds[1], &z, sizeof z);
		close(fds[1]);
		livefx_sleep_forever(false);	/* and never wait */
	}
	livefx_add_pgid(fx, pid, true);
	fx->owned = pid;
	livefx_add_member(fx, pid, 0, "owned sleeper");
	if ((r = livefx_collect(fds[0], &z, sizeof z, deadline)) < 0 ||
	    (r = livefx_reported(z)) < 0)
		return r;
	fx->owned_zombie = z;
	livefx_add_member(fx, z, 0, "owned zombie");
	if ((r = livefx_wait_proc(z, "Z", pid, deadline)) < 0)
		return r;
	return livefx_wait_proc(pid, "S", fx->self, deadline);
}

/* Tell the test who we are: outer PID, PID here, and our NSpid. */
static void
livefx_ns_report(int fd, int role, int err)
{
	struct livefx_nsreport	 rep;
	struct liveproc	*o;
	char			 buf[32];
	ssize_t			 n;

	memset(&rep, 0, sizeof rep);
	rep.role = role;
	rep.err = err;
	rep.proc.inner = getpid();
	/* Our procfs belongs to the outer namespace: /proc/self is outer. */
	if ((n = readlink("/proc/self", buf, sizeof buf - 1)) > 0) {
		buf[n] = '\0';
		rep.proc.outer = (pid_t)strtol(buf, NULL, 10);
	}
	if ((o = calloc(1, sizeof *o)) != NULL &&
	    liveproc_read_status(rep.proc.outer, o) == 0 && o->nspid_len <= 4) {
		rep.proc.nspid_len = o->nspid_len;
		memcpy(rep.proc.nspid, o->nspid, sizeof rep.proc.nspid);
	}
	free(o);
	livefx_write_all(fd, &rep, sizeof rep);
}

/*
 * clone(CLONE_NEWPID) on a fresh mapping: fn runs as PID 1 of a new
 * namespace.  A static stack would not do: A's child runs on A's, and
 * B would start on top of the frame that holds its argument.
 */
static pid_t
livefx_clone_ns(int (*fn)(void *), void *arg)
{
	char	*stack;
	pid_t	 pid;
	int	 err;

	stack = mmap(NULL, LIVEFX_STACK, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -errno;
	pid = clone(fn, stack + LIVEFX_STACK, CLONE_NEWPID | SIGCHLD, arg);
	err = errno;
	munmap(stack, LIVEFX_STACK);	/* the child has its own copy */
	return pid < 0 ? -err : pid;
}

static int
livefx_ns_b_init(void *arg)
{
	int	fd = *(int *)arg;
	pid_t	c;

	livefx_ns_report(fd, LIVEFX_NS_B_INIT, 0);
	if ((c = fork()) == 0) {
		livefx_ns_report(fd, LIVEFX_NS_B_CHILD, 0);
		close(fd);
		livefx_sleep_forever(false);
	}
	if (c < 0)
		livefx_ns_report(fd, LIVEFX_NS_B_CHILD, -errno);
	close(fd);
	livefx_sleep_forever(true);
}

static int
livefx_ns_a_init(void *arg)
{
	int	fd = *(int *)arg;
	pid_t	c;

	setpgid(0, 0);
	livefx_ns_report(fd, LIVEFX_NS_A_INIT, 0);
	if ((c = fork()) == 0) {
		livefx_ns_report(fd, LIVEFX_NS_A_ZOMBIE, 0);
		_exit(LIVEFX_NS_EXIT);	/* and this init never waits */
	}
	if (c < 0)
		livefx_ns_report(fd, LIVEFX_NS_A_ZOMBIE, -errno);
	if ((c = fork()) == 0) {
		livefx_ns_report(fd, LIVEFX_NS_A_CHILD, 0);
		if ((c = livefx_clone_ns(livefx_ns_b_init, &fd)) < 0)
			livefx_ns_report(fd, LIVEFX_NS_B_INIT, c);
		close(fd);
		livefx_sleep_forever(false);
	}
	if (c < 0)
		livefx_ns_report(fd, LIVEFX_NS_A_CHILD, -errno);
	close(fd);
	livefx_sleep_forever(true);
}

int
livefx_pidns(struct livefx *fx)
{
	static const char *const roles[LIVEFX_NS_COUNT] = {
		"nsA init", "nsA zombie", "nsA child", "nsB init", "nsB child"
	};
	static const unsigned	want[LIVEFX_NS_COUNT] = {
		PI_NSINIT, 0, 0, PI_NSINIT, 0
	};
	static const int	depth[LIVEFX_NS_COUNT] = { 2, 2, 2, 3, 3 };
	struct livefx_nsreport	rep[LIVEFX_NS_COUNT];
	const struct livefx_nsproc *p;
	int64_t			deadline = livefx_deadline();
	pid_t			init;
	int			fds[2], r, i;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	init = livefx_clone_ns(livefx_ns_a_init, &fds[1]);
	close(fds[1]);
	if (init < 0) {
		close(fds[0]);
		return init;
	}
	livefx_add_pgid(fx, init, true);
	/* Every process writes one report; each write is atomic. */
	if ((r = livefx_collect(fds[0], rep, sizeof rep, deadline)) < 0 ||
	    (r = livefx_place_reports(rep, LIVEFX_NS_COUNT, fx->ns)) < 0)
		return r;
	for (i = 0; i < LIVEFX_NS_COUNT; i++) {
		p = &fx->ns[i];
		if (p->outer <= 0 || p->nspid_len != depth[i] ||
		    p->nspid[0] != p->outer ||
		    p->nspid[p->nspid_len - 1] != p->inner)
			return -EPROTO;
		livefx_add_member(fx, p->outer, want[i], roles[i]);
	}
	if (fx->ns[LIVEFX_NS_A_INIT].outer != init ||
	    fx->ns[LIVEFX_NS_A_INIT].inner != 1 ||
	    fx->ns[LIVEFX_NS_B_INIT].inner != 1 ||
	    fx->ns[LIVEFX_NS_B_CHILD].inner != 2)
		return -EPROTO;
	for (i = 0; i < LIVEFX_NS_COUNT; i++)
		if ((r = livefx_wait_proc(fx->ns[i].outer,
		    i == LIVEFX_NS_A_ZOMBIE ? "Z" : "S", 0, deadline)) < 0)
			return r;
	return 0;
}

int
livefx_hostile(struct livefx *fx)
{
	static char		 arg0[] = LIVEFX_HOSTILE_ARG0, secs[] = "600";
	struct liveproc	*p;
	int64_t			 deadline = livefx_deadline();
	char			 path[128], *argv[] = { arg0, secs, NULL };
	pid_t			 pid;
	int			 r;

	/* exec sets comm to the basename of the path: name a link so. */
	snprintf(fx->tmpdir, sizeof fx->tmpdir, "/tmp/livefx.XXXXXX");
	if (mkdtemp(fx->tmpdir) == NULL) {
		fx->tmpdir[0] = '\0';
		return -errno;
	}
	snprintf(path, sizeof path, "%s/%s", fx->tmpdir, LIVEFX_HOSTILE_COMM);
	if (symlink("/bin/sleep", path) < 0 || (pid = fork()) < 0)
		return -errno;
	if (pid == 0) {
		setpgid(0, 0);
		livefx_child_masks();	/* ignored and blocked survive exec */
		alarm(LIVEFX_LIFETIME);
		execv(path, argv);
		_exit(127);
	}
	livefx_add_pgid(fx, pid, true);
	livefx_add_member(fx, pid, 0, "hostile");
	fx->hostile = pid;
	if ((p = malloc(sizeof *p)) == NULL)
		return -ENOMEM;
	while ((r = liveproc_read(pid, p)) == 0 && p->state != 'Z' &&
	    !(p->state == 'S' && strcmp(p->comm, LIVEFX_HOSTILE_COMM) == 0 &&
	    p->cmdline_len == sizeof arg0 + sizeof secs &&
	    memcmp(p->cmdline, arg0, sizeof arg0) == 0)) {
		if (testutil_now_ms() > deadline) {
			r = -ETIMEDOUT;
			break;
		}
		usleep(LIVEFX_POLL_US);
	}
	if (r == 0 && p->state == 'Z')
		r = -ENOEXEC;
	free(p);
	return r;
}

static void *
livefx_thread_main(void *arg)
{
	pid_t	tid = gettid();

	livefx_write_all(*(int *)arg, &tid, sizeof tid);
	for (;;)
		pause();
	return NULL;
}

int
livefx_threads(struct livefx *fx)
{
	int64_t		deadline = livefx_deadline();
	pthread_t	th;
	pid_t		pid, err;
	int		fds[2], r, i;

	if ((pid = livefx_spawn(fds)) < 0)
		return pid;
	if (pid == 0) {
		setpgid(0, 0);
		livefx_child_masks();
		for (i = 1; i < LIVEFX_THREADS; i++)
			if ((err = pthread_create(&th, NULL,
			    livefx_thread_main, &fds[1])) != 0) {
				err = -err;
				livefx_write_all(fds[1], &err, sizeof err);
			}
		livefx_sleep_forever(false);
	}
	livefx_add_pgid(fx, pid, true);
	livefx_add_member(fx, pid, 0, "threaded");
	fx->threaded = fx->tids[0] = pid;
	/* The other threads report their TIDs themselves. */
	if ((r = livefx_collect(fds[0], fx->tids + 1,
	    sizeof fx->tids - sizeof fx->tids[0], deadline)) < 0)
		return r;
	for (i = 0; i < LIVEFX_THREADS; i++)
		if ((r = livefx_reported(fx->tids[i])) < 0 ||
		    (r = livefx_wait_proc(fx->tids[i], "S", fx->self,
		    deadline)) < 0)
			return r;
	return 0;
}

int
livefx_chain(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	pid, mid[2];
	int	fds[2], r, i;

	if ((pid = livefx_spawn(fds)) < 0)
		return pid;
	if (pid == 0) {
		setpgid(0, 0);
		if ((mid[0] = fork()) == 0) {
			/* The middle one reports itself and the grandchild. */
			mid[0] = getpid();
			if ((mid[1] = fork()) == 0)
				livefx_sleep_forever(false);
			else if (mid[1] < 0)
				mid[1] = -errno;
			livefx_write_all(fds[1], mid, sizeof mid);
		} else if (mid[0] < 0) {
			mid[0] = mid[1] = -errno;
			livefx_write_all(fds[1], mid, sizeof mid);
		}
		close(fds[1]);
		livefx_sleep_forever(false);
	}
	livefx_add_pgid(fx, pid, true);
	fx->chain[0] = pid;
	if ((r = livefx_collect(fds[0], mid, sizeof mid, deadline)) < 0 ||
	    (r = livefx_reported(mid[0])) < 0 ||
	    (r = livefx_reported(mid[1])) < 0)
		return r;
	fx->chain[1] = mid[0];
	fx->chain[2] = mid[1];
	livefx_add_member(fx, pid, 0, "chain parent");
	livefx_add_member(fx, mid[0], 0, "chain middle");
	livefx_add_member(fx, mid[1], 0, "chain grandchild");
	for (i = 0; i < 3; i++)
		if ((r = livefx_wait_proc(fx->chain[i], "S",
		    i == 0 ? fx->self : fx->chain[i - 1], deadline)) < 0)
			return r;
	return 0;
}

int
livefx_chain_cut(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	int	r;

	if (fx->chain[1] <= 0 || fx->chain_cut)
		return -EINVAL;
	if (kill(fx->chain[1], SIGKILL) < 0)
		return -errno;
	fx->chain_cut = 1;
	/* Its parent never waits: it stays a zombie; we adopt its child. */
	if ((r = livefx_wait_proc(fx->chain[1], "Z", fx->chain[0],
	    deadline)) < 0)
		return r;
	return livefx_wait_proc(fx->chain[2], "S", fx->self, deadline);
}

/*
 * Namespace C.  Its processes block on the two control pipes: a byte on
 * the cut pipe ends one middle, a byte on the exit pipe one stray.  Bytes,
 * not EOF: processes forked later by other builders inherit the write
 * ends.  What a process of C holds of the pipes.
 */
struct livefx_adfds {
	int	report;		/* write end of the report pipe */
	int	cut;		/* read ends */
	int	exit;
	int	cut_w;		/* the test's write ends: closed at once */
	int	exit_w;
};

/* Wait for one byte on fd; EOF or an error ends the wait too. */
static void
livefx_await(int fd)
{
	char	c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		continue;
}

/* Report roles from first to last (inclusive) as failed with err. */
static void
livefx_ad_fail(int fd, int first, int last, int err)
{
	for (; first <= last; first++)
		livefx_ns_report(fd, first, err);
}

/* A middle: fork its stray, wait for the cut, exit and leave it behind. */
static void __attribute__((noreturn))
livefx_ad_middle(const struct livefx_adfds *f, bool own_session)
{
	int	mid = own_session ? LIVEFX_AD_MID_SID : LIVEFX_AD_MID;
	int	status = own_session ? LIVEFX_AD_STATUS_SID : LIVEFX_AD_STATUS;
	pid_t	s;

	alarm(LIVEFX_LIFETIME);
	if (own_session && setsid() < 0) {
		livefx_ad_fail(f->report, mid, mid + 1, -errno);
		_exit(1);
	}
	livefx_ns_report(f->report, mid, 0);
	if ((s = fork()) == 0) {
		alarm(LIVEFX_LIFETIME);		/* not inherited */
		livefx_ns_report(f->report, mid + 1, 0);
		close(f->report);
		livefx_await(f->exit);
		livefx_die(status);
	}
	if (s < 0)
		livefx_ns_report(f->report, mid + 1, -errno);
	close(f->report);
	livefx_await(f->cut);
	_exit(0);
}

/* The keeper reaps the middles, so that only the strays stay behind. */
static void __attribute__((noreturn))
livefx_ad_keeper(const struct livefx_adfds *f)
{
	pid_t	m;

	alarm(LIVEFX_LIFETIME);
	livefx_ns_report(f->report, LIVEFX_AD_KEEPER, 0);
	if ((m = fork()) == 0)
		livefx_ad_middle(f, true);
	if (m < 0)
		livefx_ad_fail(f->report, LIVEFX_AD_MID_SID,
		    LIVEFX_AD_STRAY_SID, -errno);
	if ((m = fork()) == 0)
		livefx_ad_middle(f, false);
	if (m < 0)
		livefx_ad_fail(f->report, LIVEFX_AD_MID, LIVEFX_AD_STRAY,
		    -errno);
	close(f->report);
	while (wait(NULL) > 0 || errno == EINTR)
		continue;
	livefx_sleep_forever(false);
}

/* PID 1 of C: never waits, and has no SIGTERM handler. */
static int
livefx_ad_init(void *arg)
{
	const struct livefx_adfds	*f = arg;
	pid_t				 k;

	setpgid(0, 0);
	close(f->cut_w);
	close(f->exit_w);
	livefx_ns_report(f->report, LIVEFX_AD_INIT, 0);
	if ((k = fork()) == 0)
		livefx_ad_keeper(f);
	if (k < 0)
		livefx_ad_fail(f->report, LIVEFX_AD_KEEPER, LIVEFX_AD_COUNT - 1,
		    -errno);
	close(f->report);
	livefx_sleep_forever(true);
}

/* Write one byte per process to wake to fd. */
static int
livefx_poke(int fd, size_t n)
{
	static const char	bytes[2] = { 'x', 'x' };
	ssize_t			w;

	assert(n <= sizeof bytes);
	do
		w = write(fd, bytes, n);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return -errno;
	return (size_t)w == n ? 0 : -EIO;
}

/* Wait until the process (pid, start) is gone: reaped, or its pid reused. */
static int
livefx_wait_gone(pid_t pid, uint64_t start, int64_t deadline)
{
	struct liveproc	o;
	int		r;

	for (;;) {
		if ((r = liveproc_read_stat(pid, &o)) == -ENOENT ||
		    (r == 0 && o.start_ticks != start))
			return 0;
		if (r < 0)
			return r;
		if (testutil_now_ms() > deadline)
			return -ETIMEDOUT;
		usleep(LIVEFX_POLL_US);
	}
}

/* The member record of pid, to update what it must carry. */
static struct livefx_member *
livefx_member(struct livefx *fx, pid_t pid)
{
	size_t	i;

	for (i = 0; i < fx->nmembers; i++)
		if (fx->members[i].pid == pid)
			return &fx->members[i];
	return NULL;
}

int
livefx_adopt(struct livefx *fx)
{
	static const char *const roles[LIVEFX_AD_COUNT] = {
		"nsC init", "nsC keeper", "nsC middle/sid", "nsC stray/sid",
		"nsC middle", "nsC stray"
	};
	/* Who is whose parent, as built (-1: us). */
	static const int	parent[LIVEFX_AD_COUNT] = {
		-1, LIVEFX_AD_INIT, LIVEFX_AD_KEEPER, LIVEFX_AD_MID_SID,
		LIVEFX_AD_KEEPER, LIVEFX_AD_MID
	};
	struct livefx_nsreport	 rep[LIVEFX_AD_COUNT];
	struct livefx_adfds	 f;
	const struct livefx_nsproc *p;
	struct liveproc		 o;
	int64_t			 deadline = livefx_deadline();
	pid_t			 init;
	int			 pipes[6], *fds = pipes, *cut = pipes + 2;
	int			*ex = pipes + 4, r, i;

	if (fx->ad_cut_fd >= 0)
		return -EALREADY;
	for (i = 0; i < 3; i++)
		if (pipe2(pipes + 2 * i, O_CLOEXEC) < 0) {
			r = -errno;
			while (--i >= 0) {
				close(pipes[2 * i]);
				close(pipes[2 * i + 1]);
			}
			return r;
		}
	f.report = fds[1];
	f.cut = cut[0];
	f.exit = ex[0];
	f.cut_w = cut[1];
	f.exit_w = ex[1];
	init = livefx_clone_ns(livefx_ad_init, &f);
	close(fds[1]);
	close(cut[0]);
	close(ex[0]);
	fx->ad_cut_fd = cut[1];
	fx->ad_exit_fd = ex[1];
	fx->ad_stage = LIVEFX_AD_BUILT;
	if (init < 0) {
		close(fds[0]);
		return init;
	}
	livefx_add_pgid(fx, init, true);
	if ((r = livefx_collect(fds[0], rep, sizeof rep, deadline)) < 0 ||
	    (r = livefx_place_reports(rep, LIVEFX_AD_COUNT, fx->ad)) < 0)
		return r;
	/* The first middle's session and group outlive it: ours to end. */
	livefx_add_pgid(fx, fx->ad[LIVEFX_AD_MID_SID].outer, false);
	for (i = 0; i < LIVEFX_AD_COUNT; i++) {
		p = &fx->ad[i];
		if (p->outer <= 0 || p->nspid_len != 2 ||
		    p->nspid[0] != p->outer || p->nspid[1] != p->inner ||
		    (p->inner == 1) != (i == LIVEFX_AD_INIT))
			return -EPROTO;
		livefx_add_member(fx, p->outer, i == LIVEFX_AD_INIT ?
		    PI_NSINIT : 0, roles[i]);
	}
	if (fx->ad[LIVEFX_AD_INIT].outer != init)
		return -EPROTO;
	for (i = 0; i < LIVEFX_AD_COUNT; i++) {
		if ((r = livefx_wait_proc(fx->ad[i].outer, "S", parent[i] < 0 ?
		    fx->self : fx->ad[parent[i]].outer, deadline)) < 0 ||
		    (r = liveproc_read_stat(fx->ad[i].outer, &o)) < 0)
			return r;
		fx->ad_start[i] = o.start_ticks;
	}
	return 0;
}

int
livefx_adopt_cut(struct livefx *fx)
{
	static const int	mids[] = { LIVEFX_AD_MID_SID, LIVEFX_AD_MID };
	struct livefx_member	*m;
	int64_t			 deadline = livefx_deadline();
	pid_t			 init = fx->ad[LIVEFX_AD_INIT].outer;
	size_t			 i;
	int			 r;

	if (fx->ad_cut_fd < 0 || init <= 0)
		return -EINVAL;
	if (fx->ad_stage >= LIVEFX_AD_CUT)
		return 0;
	if ((r = livefx_poke(fx->ad_cut_fd, 2)) < 0)
		return r;
	fx->ad_stage = LIVEFX_AD_CUT;
	for (i = 0; i < sizeof mids / sizeof mids[0]; i++)
		if ((r = livefx_wait_proc(fx->ad[mids[i] + 1].outer, "S", init,
		    deadline)) < 0 ||
		    (r = livefx_wait_gone(fx->ad[mids[i]].outer,
		    fx->ad_start[mids[i]], deadline)) < 0)
			return r;
	/* Adopted across sessions: the static rule sees that one now. */
	if ((m = livefx_member(fx, fx->ad[LIVEFX_AD_STRAY_SID].outer)) != NULL)
		m->want |= PI_ORPHAN;
	return 0;
}

int
livefx_adopt_exit(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	init = fx->ad[LIVEFX_AD_INIT].outer;
	int	r;

	if ((r = livefx_adopt_cut(fx)) < 0)
		return r;
	if (fx->ad_stage >= LIVEFX_AD_DEAD)
		return 0;
	if ((r = livefx_poke(fx->ad_exit_fd, 2)) < 0)
		return r;
	fx->ad_stage = LIVEFX_AD_DEAD;
	if ((r = livefx_wait_proc(fx->ad[LIVEFX_AD_STRAY_SID].outer, "Z", init,
	    deadline)) < 0)
		return r;
	return livefx_wait_proc(fx->ad[LIVEFX_AD_STRAY].outer, "Z", init,
	    deadline);
}

int
livefx_job(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	pid_t	shell, job[2], kid;
	int	fds[2], r;

	if ((shell = livefx_spawn(fds)) < 0)
		return shell;
	if (shell == 0) {
		/* Not a group leader, so setsid() works: a new session. */
		if (setsid() < 0) {
			job[0] = job[1] = -errno;
			livefx_write_all(fds[1], job, sizeof job);
			_exit(1);
		}
		if ((job[0] = fork()) == 0) {
			setpgid(0, 0);
			signal(SIGHUP, SIG_IGN);
			if ((kid = fork()) == 0) {
				alarm(LIVEFX_LIFETIME);
				raise(SIGSTOP);
				livefx_sleep_forever(false);
			}
			job[0] = getpid();
			job[1] = kid < 0 ? -errno : kid;
			livefx_write_all(fds[1], job, sizeof job);
			close(fds[1]);
			livefx_sleep_forever(false);
		}
		if (job[0] < 0) {
			job[0] = job[1] = -errno;
			livefx_write_all(fds[1], job, sizeof job);
		}
		close(fds[1]);
		livefx_sleep_forever(false);
	}
	livefx_add_pgid(fx, shell, false);	/* its own, after setsid() */
	fx->job_shell = shell;
	if ((r = livefx_collect(fds[0], job, sizeof job, deadline)) < 0 ||
	    (r = livefx_reported(job[0])) < 0 ||
	    (r = livefx_reported(job[1])) < 0)
		return r;
	livefx_add_pgid(fx, job[0], false);
	fx->job[0] = job[0];
	fx->job[1] = job[1];
	if ((r = livefx_wait_proc(job[1], "T", job[0], deadline)) < 0)
		return r;
	return livefx_wait_proc(job[0], "S", shell, deadline);
}

int
livefx_job_orphan(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	int	r;

	if (fx->job_shell <= 0 || fx->job_orphaned)
		return -EINVAL;
	if (kill(fx->job_shell, SIGKILL) < 0)
		return -errno;
	fx->job_orphaned = 1;
	waitpid(fx->job_shell, NULL, 0);
	/* Continued by the kernel, not by us: nobody here sends SIGCONT. */
	if ((r = livefx_wait_proc(fx->job[1], "S", fx->job[0],
	    deadline)) < 0)
		return r;
	return livefx_wait_proc(fx->job[0], "S", fx->self, deadline);
}

int
livefx_teardown(struct livefx *fx)
{
	int64_t	deadline = livefx_deadline();
	char	path[128];
	size_t	i, left;

	if (fx->ad_cut_fd >= 0)
		close(fx->ad_cut_fd);
	if (fx->ad_exit_fd >= 0)
		close(fx->ad_exit_fd);
	fx->ad_cut_fd = fx->ad_exit_fd = -1;
	if (fx->grow_fd >= 0)
		close(fx->grow_fd);
	if (fx->grown_fd >= 0)
		close(fx->grown_fd);
	fx->grow_fd = fx->grown_fd = -1;
	for (i = 0; i < fx->npgids; i++)
		kill(-fx->pgids[i], SIGKILL);
	for (;;) {
		/* A group lasts until its last member, zombies too, is gone. */
		for (left = 0, i = 0; i < fx->npgids; i++) {
			while (waitpid(-fx->pgids[i], NULL, WNOHANG) > 0)
				continue;
			if (kill(-fx->pgids[i], 0) == 0 || errno != ESRCH)
				left++;
		}
		if (left == 0 || testutil_now_ms() > deadline)
			break;
		usleep(LIVEFX_POLL_US);
	}
	if (fx->tmpdir[0] != '\0') {
		snprintf(path, sizeof path, "%s/%s", fx->tmpdir,
		    LIVEFX_HOSTILE_COMM);
		unlink(path);
		rmdir(fx->tmpdir);
		fx->tmpdir[0] = '\0';
	}
	if (left > 0)
		return -EBUSY;
	fx->npgids = 0;
	return 0;
}
