/*
 * Classification: each rule (zombie, kthread, ns_init, orphan by the
 * static and the live rule, daemon, also by the double fork) with a case
 * where it holds and one where it does not, and re-classification
 * clearing stale flags; the orphaned process group (G) and leaderless
 * session (S) marks, checked against the reaping report's lists.  No
 * /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/reap.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define CONTAINER_PIDNS	4026532177ull
#define TTY_PTS0	34816	/* /dev/pts/0 */

/* The flags of pid after sorting; fails the test if pid is missing. */
static unsigned
flags_of(struct snapshot *s, pid_t pid)
{
	struct procinfo	*p = fx_get(s, pid);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return p->flags;
}

/* Sort and classify. */
static void
classify(struct snapshot *s)
{
	snapshot_sort(s);
	classify_snapshot(s);
}

/* Add kthreadd as the kernel has it: pid 2, ppid 0, no cmdline. */
static void
add_kthreadd(struct snapshot *s)
{
	struct procinfo	*p = fx_proc(s, 2, 0, 0, 'S', "kthreadd");

	snapshot_set_cmdline(s, p, NULL, 0);
	p->pgid = 0;
	p->kflags = PF_KTHREAD_BIT;
}

static void
test_zombie(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'Z', "dead")->exit_code = 9;
	fx_proc(s, 11, 1, 1, 'S', "alive");
	fx_proc(s, 12, 1, 1, 'R', "running");
	classify(s);
	CU_ASSERT(flags_of(s, 10) & PI_ZOMBIE);
	CU_ASSERT_FALSE(flags_of(s, 11) & PI_ZOMBIE);
	CU_ASSERT_FALSE(flags_of(s, 12) & PI_ZOMBIE);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ZOMBIE);
	/* A zombie is not a kernel thread for lacking a cmdline. */
	CU_ASSERT_FALSE(flags_of(s, 10) & PI_KTHREAD);
	CU_ASSERT(flags_of(s, 1) & PI_ZPARENT);
	CU_ASSERT_FALSE(flags_of(s, 11) & PI_ZPARENT);
	snapshot_free(s);
}

static void
test_kthread_flag(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 50, 1, 0, 'S', "odd_kthread");	/* PF_KTHREAD, ppid 1 */
	snapshot_set_cmdline(s, p, NULL, 0);
	p->kflags = PF_KTHREAD_BIT | 0x40;
	p = fx_proc(s, 51, 1, 1, 'S', "user");		/* other PF_* bits */
	p->kflags = 0x400100;
	classify(s);
	CU_ASSERT(flags_of(s, 50) & PI_KTHREAD);
	CU_ASSERT(classify_is_kthread(fx_get(s, 50)));
	CU_ASSERT_FALSE(flags_of(s, 51) & PI_KTHREAD);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_KTHREAD);
	snapshot_free(s);
}

static void
test_kthread_child_of_kthreadd(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	add_kthreadd(s);
	/* No PF_KTHREAD (a loaded file may lack kflags), no cmdline. */
	p = fx_proc(s, 3, 2, 0, 'I', "kworker/0:0");
	snapshot_set_cmdline(s, p, NULL, 0);
	/* Under kthreadd but with a cmdline: not a kernel thread. */
	fx_proc(s, 4, 2, 0, 'S', "weird");
	/* No cmdline, but its parent is not kthreadd. */
	p = fx_proc(s, 60, 1, 60, 'S', "wiped");
	snapshot_set_cmdline(s, p, NULL, 0);
	classify(s);
	CU_ASSERT(flags_of(s, 2) & PI_KTHREAD);
	CU_ASSERT(flags_of(s, 3) & PI_KTHREAD);
	CU_ASSERT_FALSE(flags_of(s, 4) & PI_KTHREAD);
	CU_ASSERT_FALSE(flags_of(s, 60) & PI_KTHREAD);
	snapshot_free(s);

	/* A pid 2 that is not kthreadd (wrong name) makes no kthreads. */
	s = fx_new();
	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 2, 0, 2, 'S', "notkthreadd");
	snapshot_set_cmdline(s, p, NULL, 0);
	p = fx_proc(s, 3, 2, 2, 'S', "child");
	snapshot_set_cmdline(s, p, NULL, 0);
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 2) & PI_KTHREAD);
	CU_ASSERT_FALSE(flags_of(s, 3) & PI_KTHREAD);
	snapshot_free(s);

	/* Nor does a kthreadd-named pid 2 that has a parent. */
	s = fx_new();
	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 2, 1, 1, 'S', "kthreadd");
	snapshot_set_cmdline(s, p, NULL, 0);
	p = fx_proc(s, 3, 2, 1, 'S', "child");
	snapshot_set_cmdline(s, p, NULL, 0);
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 3) & PI_KTHREAD);
	snapshot_free(s);
}

static void
test_ns_init(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 300, 1, 300, 'S', "shim");
	fx_nspid(fx_proc(s, 4242, 300, 4242, 'S', "cinit"), CONTAINER_PIDNS,
	    2, 4242, 1);
	fx_nspid(fx_proc(s, 4243, 4242, 4242, 'S', "app"), CONTAINER_PIDNS,
	    2, 4243, 2);
	classify(s);
	CU_ASSERT(flags_of(s, 1) & PI_NSINIT);
	CU_ASSERT(flags_of(s, 4242) & PI_NSINIT);
	CU_ASSERT_FALSE(flags_of(s, 4243) & PI_NSINIT);
	CU_ASSERT_FALSE(flags_of(s, 300) & PI_NSINIT);
	snapshot_free(s);
}

static void
test_orphan_static(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 42, 1, 7, 'S', "worker");	/* session 7, not its own */
	fx_proc(s, 43, 1, 43, 'S', "leader");	/* leads another session */
	fx_proc(s, 44, 1, 1, 'S', "same");	/* its parent's session */
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 101, 100, 100, 'S', "job");
	p = fx_proc(s, 50, 1, 0, 'S', "kt");	/* kthread, other session */
	snapshot_set_cmdline(s, p, NULL, 0);
	p->kflags = PF_KTHREAD_BIT;
	classify(s);
	CU_ASSERT(flags_of(s, 42) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 43) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 44) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 101) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 50) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ORPHAN);	/* no parent */
	CU_ASSERT(flags_of(s, 1) & PI_ADOPTER);
	CU_ASSERT_FALSE(flags_of(s, 100) & PI_ADOPTER);
	snapshot_free(s);

	/* Only a kthread in another session: init adopted nobody. */
	s = fx_new();
	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 50, 1, 0, 'S', "kt");
	snapshot_set_cmdline(s, p, NULL, 0);
	p->kflags = PF_KTHREAD_BIT;
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 50) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ADOPTER);
	snapshot_free(s);
}

static void
test_orphan_live(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 200, 100, 100, 'S', "subreaper");
	/* Adopted by a subreaper in the same session: only the live rule. */
	fx_proc(s, 210, 200, 100, 'S', "adopted")->flags |= PI_REPARENTED;
	fx_proc(s, 220, 200, 100, 'S', "born_here");
	/* A kthread is never an orphan, reparented or not. */
	p = fx_proc(s, 60, 1, 0, 'S', "kt");
	snapshot_set_cmdline(s, p, NULL, 0);
	p->kflags = PF_KTHREAD_BIT;
	p->flags |= PI_REPARENTED;
	classify(s);
	CU_ASSERT(flags_of(s, 210) & PI_ORPHAN);
	CU_ASSERT(flags_of(s, 210) & PI_REPARENTED);	/* not cleared */
	CU_ASSERT_FALSE(flags_of(s, 220) & PI_ORPHAN);
	CU_ASSERT(flags_of(s, 200) & PI_ADOPTER);
	CU_ASSERT_FALSE(flags_of(s, 100) & PI_ADOPTER);
	CU_ASSERT_FALSE(flags_of(s, 60) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ADOPTER);
	snapshot_free(s);
}

static void
test_daemon(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 300, 1, 300, 'S', "sshd");		/* daemon */
	fx_proc(s, 301, 1, 301, 'S', "getty")->tty_nr = TTY_PTS0;
	fx_proc(s, 302, 1, 1, 'S', "nosid");		/* not a leader */
	fx_proc(s, 303, 1, 303, 'Z', "dead");		/* dead, no daemon */
	/* A plain parent that adopted nobody. */
	fx_proc(s, 100, 1, 100, 'S', "bash")->tty_nr = TTY_PTS0;
	fx_proc(s, 110, 100, 110, 'S', "setsid");
	/* A subreaper that adopted an orphan: its leaders are daemons. */
	fx_proc(s, 500, 1, 500, 'S', "systemd");
	fx_proc(s, 510, 500, 77, 'S', "orphan");
	fx_proc(s, 520, 500, 520, 'S', "userd");
	/* The init of a container is a reaper too. */
	fx_nspid(fx_proc(s, 4242, 300, 4242, 'S', "cinit"), CONTAINER_PIDNS,
	    2, 4242, 1);
	fx_nspid(fx_proc(s, 4250, 4242, 4250, 'S', "cdaemon"),
	    CONTAINER_PIDNS, 2, 4250, 5);
	p = fx_proc(s, 4251, 4242, 4251, 'S', "ctty");
	p->tty_nr = TTY_PTS0;
	fx_nspid(p, CONTAINER_PIDNS, 2, 4251, 6);
	classify(s);
	CU_ASSERT(flags_of(s, 300) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 301) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 302) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 303) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 110) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 500) & PI_ADOPTER);
	CU_ASSERT(flags_of(s, 510) & PI_ORPHAN);
	/* Session and group 77 are gone: a double-forked daemon. */
	CU_ASSERT(flags_of(s, 510) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 520) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 4250) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 4251) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_DAEMON);	/* no parent */
	/* 4242's parent 300 is neither an init nor an adopter. */
	CU_ASSERT_FALSE(flags_of(s, 4242) & PI_DAEMON);
	snapshot_free(s);
}

/* A process in session sid and group pgid. */
static struct procinfo *
grouped(struct snapshot *s, pid_t pid, pid_t ppid, pid_t pgid, pid_t sid,
    char state)
{
	struct procinfo	*p = fx_proc(s, pid, ppid, sid, state, "job");

	p->pgid = pgid;
	return p;
}

/*
 * The double fork: fork, setsid() in the child, fork again, and the
 * middle exits, leaving its session and group without a leader.  The
 * grandchild is a daemon when it leads its group or the group's leader
 * is gone too; not a later member of a living leader's group, nor one
 * on a terminal, nor one whose parent adopted nobody, nor one whose
 * session leader is still there (a zombie counts), nor the dead, nor a
 * kernel thread; and not under hidepid.
 */
static void
test_daemon_double_fork(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	char		 marks[CLASSIFY_MARKS_MAX];

	fx_proc(s, 1, 0, 1, 'S', "init");
	grouped(s, 700, 1, 650, 650, 'S');		/* textbook */
	grouped(s, 710, 1, 710, 660, 'S');		/* setpgid(0, 0) */
	grouped(s, 720, 1, 720, 670, 'S');		/* a job left behind */
	grouped(s, 721, 1, 720, 670, 'S');		/* its second stage */
	grouped(s, 730, 1, 680, 680, 'S')->tty_nr = TTY_PTS0;
	grouped(s, 800, 1, 800, 690, 'S');
	grouped(s, 740, 800, 740, 690, 'S');		/* 800 adopted nobody */
	grouped(s, 750, 1, 750, 750, 'Z');		/* a dead leader */
	grouped(s, 751, 1, 751, 750, 'S');
	grouped(s, 760, 1, 655, 655, 'Z');		/* dead itself */
	p = grouped(s, 770, 1, 656, 656, 'S');
	p->kflags = PF_KTHREAD_BIT;
	/* In a container, adopted by its init. */
	fx_nspid(grouped(s, 4242, 1, 4242, 4242, 'S'), CONTAINER_PIDNS, 2,
	    4242, 1);
	fx_nspid(grouped(s, 4260, 4242, 4255, 4255, 'S'), CONTAINER_PIDNS, 2,
	    4260, 9);
	classify(s);
	CU_ASSERT(flags_of(s, 700) & PI_DAEMON);
	classify_marks(flags_of(s, 700), marks);
	CU_ASSERT_STRING_EQUAL(marks, "ODS");
	CU_ASSERT(flags_of(s, 710) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 720) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 721) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 730) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 800) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 740) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 751) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 760) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 770) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 4260) & PI_DAEMON);
	/* Under hidepid a hidden leader would look gone: leaders only. */
	s->hidepid = true;
	classify_snapshot(s);
	CU_ASSERT_FALSE(flags_of(s, 700) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 720) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 4242) & PI_DAEMON);
	/* The leader comes back (a loaded file can say so). */
	s->hidepid = false;
	grouped(s, 650, 1, 650, 650, 'S');
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 700) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 650) & PI_DAEMON);
	snapshot_free(s);
}

static void
test_daemon_adopter_by_live_rule(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "reaper");
	fx_proc(s, 110, 100, 100, 'S', "adopted")->flags |= PI_REPARENTED;
	fx_proc(s, 120, 100, 120, 'S', "leader");
	classify(s);
	CU_ASSERT(flags_of(s, 100) & PI_ADOPTER);
	CU_ASSERT(flags_of(s, 120) & PI_DAEMON);
	snapshot_free(s);
}

static void
test_reclassify(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 1, 'Z', "dead");
	fx_proc(s, 20, 1, 7, 'S', "orphan");
	fx_proc(s, 30, 1, 30, 'S', "daemon");
	fx_nspid(fx_proc(s, 40, 1, 40, 'S', "cinit"), CONTAINER_PIDNS, 2,
	    40, 1);
	classify(s);
	CU_ASSERT(flags_of(s, 10) & PI_ZOMBIE);
	CU_ASSERT(flags_of(s, 1) & PI_ZPARENT);
	CU_ASSERT(flags_of(s, 20) & PI_ORPHAN);
	CU_ASSERT(flags_of(s, 1) & PI_ADOPTER);
	CU_ASSERT(flags_of(s, 30) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 40) & PI_NSINIT);

	/* Everything changes; nothing stale may survive. */
	fx_get(s, 10)->state = 'S';
	fx_get(s, 20)->sid = 1;
	fx_get(s, 30)->tty_nr = TTY_PTS0;
	p = fx_get(s, 40);
	p->nspid[1] = 3;
	fx_get(s, 1)->nspid[0] = 5;	/* no reaper left for a daemon */
	classify_snapshot(s);
	CU_ASSERT_FALSE(flags_of(s, 10) & PI_ZOMBIE);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ZPARENT);
	CU_ASSERT_FALSE(flags_of(s, 20) & PI_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ADOPTER);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_NSINIT);
	CU_ASSERT_FALSE(flags_of(s, 30) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 40) & PI_NSINIT);
	CU_ASSERT_FALSE(flags_of(s, 40) & PI_DAEMON);

	/* And back. */
	fx_get(s, 10)->state = 'Z';
	fx_get(s, 1)->nspid[0] = 1;
	fx_get(s, 30)->tty_nr = 0;
	classify_snapshot(s);
	CU_ASSERT(flags_of(s, 10) & PI_ZOMBIE);
	CU_ASSERT(flags_of(s, 30) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 40) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ADOPTER);
	snapshot_free(s);
}

static void
test_threads_unclassified(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "server");
	/* A thread's ppid is the group's parent; it is still no orphan. */
	p = fx_proc(s, 101, 1, 100, 'S', "worker");
	p->tgid = 100;
	p->flags |= PI_THREAD;
	classify(s);
	CU_ASSERT(flags_of(s, 100) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 101) & (PI_ORPHAN | PI_DAEMON));
	CU_ASSERT(flags_of(s, 101) & PI_THREAD);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_ADOPTER);
	snapshot_free(s);
}

/*
 * Session 100 (bash, on a terminal) runs job 200 (200, 201): tied by
 * bash.  Job 300's parent is gone (adopted by init): orphaned.  Job 400
 * was adopted by 150, a subreaper in the same session but another group:
 * tied again, as the kernel sees it.  Job 500 was adopted by 600, a
 * subreaper in another session: orphaned.  Job 700 has a member tied by
 * bash and one adopted by init: one tie is enough.
 */
static void
test_orphaned_pgroup(void)
{
	struct snapshot	*s = fx_new();

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "bash")->tty_nr = TTY_PTS0;
	grouped(s, 150, 100, 150, 100, 'S');
	grouped(s, 200, 100, 200, 100, 'S');
	grouped(s, 201, 200, 200, 100, 'T');
	grouped(s, 300, 1, 300, 100, 'S');
	grouped(s, 301, 300, 300, 100, 'T');
	grouped(s, 400, 150, 400, 100, 'S');
	fx_proc(s, 600, 1, 600, 'S', "subreaper");
	grouped(s, 500, 600, 500, 100, 'S');
	grouped(s, 700, 100, 700, 100, 'S');
	grouped(s, 701, 1, 700, 100, 'S');
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 200) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 201) & PI_PGRP_ORPHAN);
	CU_ASSERT(flags_of(s, 300) & PI_PGRP_ORPHAN);
	CU_ASSERT(flags_of(s, 301) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 400) & PI_PGRP_ORPHAN);
	CU_ASSERT(flags_of(s, 500) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 700) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 701) & PI_PGRP_ORPHAN);
	/* A session leader's own group is orphaned by construction: no G. */
	CU_ASSERT_FALSE(flags_of(s, 100) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 600) & PI_PGRP_ORPHAN);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_PGRP_ORPHAN);
	/* Every leader is here. */
	CU_ASSERT_FALSE(flags_of(s, 301) & PI_NO_LEADER);
	snapshot_free(s);
}

/*
 * Session 50's leader is gone: its members are marked S, and its job
 * (pgid 60, parent gone) G as well.  A zombie is no member; nor is a
 * thread record, and session 0 (the kernel's) has no leader to lose.
 */
static void
test_leaderless_session(void)
{
	struct snapshot	*s = fx_new();
	struct procinfo	*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	grouped(s, 55, 1, 50, 50, 'S');
	grouped(s, 60, 1, 60, 50, 'S');
	grouped(s, 61, 60, 60, 50, 'S');
	grouped(s, 62, 60, 60, 50, 'Z');
	p = grouped(s, 63, 1, 60, 50, 'S');
	p->tgid = 60;
	p->flags |= PI_THREAD;
	grouped(s, 80, 1, 80, 0, 'S');
	classify(s);
	CU_ASSERT(flags_of(s, 55) & PI_NO_LEADER);
	/* pgid == sid */
	CU_ASSERT_FALSE(flags_of(s, 55) & PI_PGRP_ORPHAN);
	CU_ASSERT((flags_of(s, 60) & (PI_NO_LEADER | PI_PGRP_ORPHAN)) ==
	    (PI_NO_LEADER | PI_PGRP_ORPHAN));
	CU_ASSERT((flags_of(s, 61) & (PI_NO_LEADER | PI_PGRP_ORPHAN)) ==
	    (PI_NO_LEADER | PI_PGRP_ORPHAN));
	CU_ASSERT_FALSE(flags_of(s, 62) & (PI_NO_LEADER | PI_PGRP_ORPHAN));
	CU_ASSERT_FALSE(flags_of(s, 63) & (PI_NO_LEADER | PI_PGRP_ORPHAN));
	CU_ASSERT_FALSE(flags_of(s, 80) & (PI_NO_LEADER | PI_PGRP_ORPHAN));
	/* The leader comes back (a loaded file can say so): flags cleared. */
	fx_proc(s, 50, 1, 50, 'S', "leader");
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 55) & PI_NO_LEADER);
	CU_ASSERT_FALSE(flags_of(s, 61) & PI_NO_LEADER);
	CU_ASSERT(flags_of(s, 61) & PI_PGRP_ORPHAN);
	/* Under hidepid a hidden parent or leader would look gone. */
	s->hidepid = true;
	classify(s);
	CU_ASSERT_FALSE(flags_of(s, 61) & PI_PGRP_ORPHAN);
	snapshot_free(s);
}

/*
 * The marks and the report's lists are one rule: every record marked G
 * belongs to a group of "orphaned_pgroups", every record marked S to a
 * session of "leaderless_sessions", and every member of a listed group
 * other than a session leader's own is marked.
 */
static void
test_marks_match_report(void)
{
	struct snapshot		*s = fx_new();
	struct reap_report	 r;
	const struct procinfo	*p;
	size_t			 i, k, bad = 0;
	bool			 listed;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	for (i = 0; i < 40; i++) {
		/* Jobs of sessions 100 (tied) and 90 (gone), some adopted. */
		pid_t	pid = 200 + (pid_t)i * 3;

		grouped(s, pid, i % 3 == 0 ? 1 : 100, pid, i % 2 ? 90 : 100,
		    'S');
		grouped(s, pid + 1, pid, pid, i % 2 ? 90 : 100, i % 4 ? 'S' :
		    'T');
	}
	classify(s);
	reap_report_build(&r, s);
	CU_ASSERT(r.npgroups > 0 && r.nsessions == 1);
	for (i = 0; i < s->nprocs; i++) {
		p = &s->procs[i];
		listed = false;
		for (k = 0; k < r.npgroups; k++)
			if (r.pgroups[k].pgid == p->pgid &&
			    r.pgroups[k].sid == p->sid)
				listed = true;
		if (classify_group_member(p) && p->pgid != p->sid &&
		    listed != ((p->flags & PI_PGRP_ORPHAN) != 0))
			bad++;
		listed = false;
		for (k = 0; k < r.nsessions; k++)
			if (r.sessions[k].sid == p->sid)
				listed = true;
		if (classify_group_member(p) &&
		    listed != ((p->flags & PI_NO_LEADER) != 0))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	reap_report_done(&r);
	snapshot_free(s);
}

static const struct runner_test tests[] = {
	{ "zombie", test_zombie },
	{ "kthread by PF_KTHREAD", test_kthread_flag },
	{ "kthread by kthreadd parent", test_kthread_child_of_kthreadd },
	{ "ns_init", test_ns_init },
	{ "orphan: static rule", test_orphan_static },
	{ "orphan: live rule", test_orphan_live },
	{ "daemon", test_daemon },
	{ "daemon by the double fork", test_daemon_double_fork },
	{ "daemon under a live adopter", test_daemon_adopter_by_live_rule },
	{ "re-classify clears stale flags", test_reclassify },
	{ "threads", test_threads_unclassified },
	{ "orphaned process group (G)", test_orphaned_pgroup },
	{ "leaderless session (S)", test_leaderless_session },
	{ "G and S agree with the reaping report", test_marks_match_report },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("classify", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
