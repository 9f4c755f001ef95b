/*
 * Classification: each DESIGN.md rule (zombie, kthread, ns_init, orphan by
 * the static and the live rule, daemon) with a case where it holds and one
 * where it does not, and re-classification clearing stale flags.  No
 * /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
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
	CU_ASSERT_FALSE(flags_of(s, 510) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 520) & PI_DAEMON);
	CU_ASSERT(flags_of(s, 4250) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 4251) & PI_DAEMON);
	CU_ASSERT_FALSE(flags_of(s, 1) & PI_DAEMON);	/* no parent */
	/* 4242's parent 300 is neither an init nor an adopter. */
	CU_ASSERT_FALSE(flags_of(s, 4242) & PI_DAEMON);
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

static const struct runner_test tests[] = {
	{ "zombie", test_zombie },
	{ "kthread by PF_KTHREAD", test_kthread_flag },
	{ "kthread by kthreadd parent", test_kthread_child_of_kthreadd },
	{ "ns_init", test_ns_init },
	{ "orphan: static rule", test_orphan_static },
	{ "orphan: live rule", test_orphan_live },
	{ "daemon", test_daemon },
	{ "daemon under a live adopter", test_daemon_adopter_by_live_rule },
	{ "re-classify clears stale flags", test_reclassify },
	{ "threads", test_threads_unclassified },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("classify", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
