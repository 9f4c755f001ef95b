/*
 * Scenario builders for the live tests: real processes in known states
 * (zombies, an orphan, daemons, nested PID namespaces, hostile names,
 * threads, a parent chain to cut), plus an independent /proc reader that
 * the tests use as the oracle.  Nothing here links libproc2 or the
 * scanner, so a bug there cannot hide itself.
 *
 * A struct livefx owns every process it creates.  Each one lives in a
 * process group the fixture created and recorded; livefx_teardown() ends
 * them all with kill(-pgid, SIGKILL) and reaps them.  Nothing is ever
 * signalled by name.  livefx_init() makes the caller a child subreaper,
 * so the orphans it creates are adopted, and reaped, by the caller.
 */
#ifndef TESTS_LIVEFX_H
#define TESTS_LIVEFX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc/snapshot.h"
#include "liveproc.h"

#define LIVEFX_ZOMBIES		3	/* zombies of the zombie parent */
#define LIVEFX_THREADS		3	/* threads of the threaded process */
#define LIVEFX_MAX_PGIDS	16
#define LIVEFX_MAX_MEMBERS	32
#define LIVEFX_ROLE_MAX		24

/* The hostile process: its comm, and argv[0] (with a byte 0xff). */
#define LIVEFX_HOSTILE_COMM	"\x1b]0;pwn\x07"
#define LIVEFX_HOSTILE_ARG0	"\x1b[2J" "evil\xff"

/* The users of livefx_owned()'s processes: one with a name, one without. */
#define LIVEFX_UID_SLEEPER	65534	/* nobody */
#define LIVEFX_UID_ZOMBIE	4000017	/* in no passwd file */

/* Roles inside the PID-namespace scenario. */
enum livefx_nsrole {
	LIVEFX_NS_A_INIT,	/* PID 1 of namespace A; never reaps */
	LIVEFX_NS_A_ZOMBIE,	/* child of A's init, exited with status 5 */
	LIVEFX_NS_A_CHILD,	/* child of A's init; creates namespace B */
	LIVEFX_NS_B_INIT,	/* PID 1 of namespace B, nested in A */
	LIVEFX_NS_B_CHILD,	/* child of B's init: PID 2 in B */
	LIVEFX_NS_COUNT
};

/*
 * Roles in the adoption scenario, namespace C: its init never waits and
 * leaves SIGTERM at its default; two strays, left behind by the parents
 * that forked them, are adopted by that init and die unreaped.
 */
enum livefx_adrole {
	LIVEFX_AD_INIT,		/* PID 1 of namespace C */
	LIVEFX_AD_KEEPER,	/* the init's child: forks both middles and
				   reaps them */
	LIVEFX_AD_MID_SID,	/* the keeper's child, in a session of its
				   own */
	LIVEFX_AD_STRAY_SID,	/* its child, in that session: once adopted,
				   an orphan by the static rule too */
	LIVEFX_AD_MID,		/* the keeper's child, in our session */
	LIVEFX_AD_STRAY,	/* its child, in our session: only the live
				   rule sees its adoption */
	LIVEFX_AD_COUNT
};

/* The wait statuses the strays leave: exited 7, killed by SIGTERM. */
#define LIVEFX_AD_STATUS_SID	(7 << 8)
#define LIVEFX_AD_STATUS	15	/* SIGTERM */

/* How far the adoption scenario has gone. */
enum livefx_adstage {
	LIVEFX_AD_BUILT,	/* the strays live, under their middles */
	LIVEFX_AD_CUT,		/* middles gone: the init adopted the strays */
	LIVEFX_AD_DEAD,		/* the strays are zombies the init holds */
};

/* One process in a PID namespace, as it reported itself. */
struct livefx_nsproc {
	pid_t	 outer;			/* PID in our namespace (/proc/self) */
	pid_t	 inner;			/* getpid() in its own namespace */
	int	 nspid[4];		/* its /proc/self/status NSpid */
	int	 nspid_len;
};

/* A created process the tests check, with the flags it must carry. */
struct livefx_member {
	pid_t	 pid;
	char	 role[LIVEFX_ROLE_MAX];	/* "zombie#1", "daemon", ... */
	unsigned want;			/* PI_ORPHAN, PI_DAEMON, PI_NSINIT */
};

struct livefx {
	pid_t			 self;		/* the test: a subreaper */
	uint64_t		 self_pidns;	/* its PID namespace inode */
	pid_t			 pgids[LIVEFX_MAX_PGIDS];	/* ours */
	size_t			 npgids;
	struct livefx_member	 members[LIVEFX_MAX_MEMBERS];
	size_t			 nmembers;
	char			 tmpdir[64];	/* for the hostile link */

	pid_t			 zparent;	/* never waits */
	pid_t			 zombies[LIVEFX_ZOMBIES];
	int			 zstatus[LIVEFX_ZOMBIES];	/* wait(2) */
	pid_t			 orphan;	/* other session, ours now */
	pid_t			 orphan_sid;
	pid_t			 daemon;	/* session leader, ours now */
	pid_t			 dfork_reaper;	/* a subreaper of ours */
	pid_t			 dfork;		/* its double-forked daemon */
	pid_t			 owned;		/* runs as LIVEFX_UID_SLEEPER */
	pid_t			 owned_zombie;	/* its child, exited as
						   LIVEFX_UID_ZOMBIE */
	struct livefx_nsproc	 ns[LIVEFX_NS_COUNT];
	pid_t			 hostile;
	pid_t			 threaded;
	pid_t			 tids[LIVEFX_THREADS];	/* leader first */
	pid_t			 chain[3];	/* parent, middle, grandchild */
	int			 chain_cut;	/* middle was killed */
	pid_t			 job_shell;	/* session leader, our child */
	pid_t			 job[2];	/* leader, stopped member */
	int			 job_orphaned;	/* the shell was killed */
	struct livefx_nsproc	 ad[LIVEFX_AD_COUNT];
	uint64_t		 ad_start[LIVEFX_AD_COUNT];	/* ticks */
	enum livefx_adstage	 ad_stage;
	int			 ad_cut_fd;	/* a byte per middle: exit */
	int			 ad_exit_fd;	/* a byte per stray: exit */
	pid_t			 grower;	/* holds grown zombies */
	int			 grown;		/* how many it holds */
	int			 grow_fd;	/* a byte per zombie to make */
	int			 grown_fd;	/* the PID of each one made */
};

/* Zero fx and make the caller a child subreaper.  0 or -errno. */
int	livefx_init(struct livefx *fx);
/*
 * The builders.  Each returns 0 or -errno once the state is visible in
 * /proc (bounded wait of 5 s), and records the processes it made.
 */
/* A parent in its own group with LIVEFX_ZOMBIES unreaped children. */
int	livefx_zombies(struct livefx *fx);
/*
 * A parent in its own group that holds no zombie until livefx_grow()
 * makes it fork a child that exits at once: one more unreaped child each
 * time, a zombie count that grows while a test watches.
 */
int	livefx_grower(struct livefx *fx);
/* One more zombie for the grower; returns once /proc shows it. */
int	livefx_grow(struct livefx *fx);
/*
 * A grandchild in another session adopted by us: a static orphan, and,
 * as the session and group it is in lost their leader (its parent), a
 * daemon by the double fork.
 */
int	livefx_orphan(struct livefx *fx);
/* A session leader without a tty adopted by us (call after orphan). */
int	livefx_daemon(struct livefx *fx);
/*
 * The textbook daemon: a subreaper of ours in its own group forks a
 * middle that calls setsid(), forks the daemon (which moves to /, sets
 * umask 0 and puts /dev/null on its stdio) and exits; the subreaper
 * reaps it and adopts the daemon.
 */
int	livefx_daemon_fork(struct livefx *fx);
/*
 * A process in its own group running as LIVEFX_UID_SLEEPER, holding a
 * zombie child that exited after taking LIVEFX_UID_ZOMBIE.
 */
int	livefx_owned(struct livefx *fx);
/* Namespace A (init never reaps) with namespace B nested in it. */
int	livefx_pidns(struct livefx *fx);
/* /bin/sleep with comm LIVEFX_HOSTILE_COMM and argv[0] HOSTILE_ARG0. */
int	livefx_hostile(struct livefx *fx);
/* A process with LIVEFX_THREADS threads. */
int	livefx_threads(struct livefx *fx);
/* parent -> middle -> grandchild, all in our session. */
int	livefx_chain(struct livefx *fx);
/* Kill the chain's middle; return when we have adopted the grandchild. */
int	livefx_chain_cut(struct livefx *fx);
/* Namespace C, every process of it alive (LIVEFX_AD_BUILT). */
int	livefx_adopt(struct livefx *fx);
/*
 * End both middles; return when the keeper has reaped them and the init
 * of C is the strays' parent (LIVEFX_AD_CUT).  Then end the strays;
 * return when they are zombies of that init (LIVEFX_AD_DEAD).  Each does
 * the steps before it that are not done yet, and nothing when its own is.
 */
int	livefx_adopt_cut(struct livefx *fx);
int	livefx_adopt_exit(struct livefx *fx);
/*
 * A job control scene: a "shell" leading a new session, and its job, a
 * process group of two (job[0] leads it, job[1] is stopped), both
 * ignoring SIGHUP.  The shell ties the group to its session.
 */
int	livefx_job(struct livefx *fx);
/*
 * Kill the shell: we adopt job[0] (another session), so the group is
 * orphaned and the session leaderless.  Returns when the kernel has
 * continued job[1] (the SIGHUP+SIGCONT an orphaned group with a stopped
 * member gets) and we have adopted job[0].
 */
int	livefx_job_orphan(struct livefx *fx);
/*
 * Kill every group we created and reap.  0 when none of them has a member
 * left, -EBUSY if one survives 5 s.  Safe to call again.
 */
int	livefx_teardown(struct livefx *fx);

#endif
