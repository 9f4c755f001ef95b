/*
 * Snapshot differences by identity (pid, start time): started and exited
 * processes, reparenting and the PI_REPARENTED mark it leaves (and keeps),
 * zombies and their ages, reaping, exec, namespace changes, PID reuse,
 * the NULL cases, and the whole machine's CPU use.  No /proc, no terminal,
 * no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

/* The only event for pid of the given kind, or NULL (also if several). */
static const struct diff_event *
event_for(const struct diff *d, enum diff_kind kind, pid_t pid)
{
	const struct diff_event	*found = NULL;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		if (d->events[i].kind != kind || d->events[i].pid != pid)
			continue;
		if (found != NULL)
			return NULL;
		found = &d->events[i];
	}
	return found;
}

/* e, or a blank event that fails every field check if e is NULL. */
static const struct diff_event *
must(const struct diff_event *e)
{
	static const struct diff_event	none = { .pid = -1, .old_ppid = -1,
					    .new_ppid = -1 };

	CU_ASSERT_PTR_NOT_NULL(e);
	return e != NULL ? e : &none;
}

static size_t
count_kind(const struct diff *d, enum diff_kind kind)
{
	size_t	i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->events[i].kind == kind)
			n++;
	return n;
}

static void
test_started_exited(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 1, 'S', "gone");
	fx_proc(prev, 20, 1, 1, 'S', "stays");
	fx_proc(cur, 30, 20, 1, 'S', "new");
	fx_proc(cur, 20, 1, 1, 'S', "stays");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 5, 1, 1, 'S', "low");
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 3);
	e = must(event_for(&d, DIFF_EXITED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 100);
	CU_ASSERT_EQUAL(e->old_ppid, 1);
	e = must(event_for(&d, DIFF_STARTED, 30));
	CU_ASSERT_EQUAL(e->start_ticks, 300);
	CU_ASSERT_EQUAL(e->new_ppid, 20);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 5));
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 0);
	CU_ASSERT_FALSE(fx_get(cur, 20)->flags & PI_REPARENTED);

	/* The same struct diff again: the events are replaced, not added. */
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 3);
	/* Identical snapshots: nothing. */
	diff_snapshots(cur, cur, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	diff_done(&d);
	CU_ASSERT_PTR_NULL(d.events);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void
test_reparent_and_carry(void)
{
	struct snapshot		*s1 = fx_new(), *s2 = fx_new(), *s3 = fx_new();
	const struct diff_event	*e;
	struct diff		 d;

	/* 11 runs under 10 in 10's session; 10 exits, init adopts 11. */
	fx_proc(s1, 1, 0, 1, 'S', "init");
	fx_proc(s1, 10, 1, 1, 'S', "parent");
	fx_proc(s1, 11, 10, 1, 'S', "child");
	fx_proc(s2, 1, 0, 1, 'S', "init");
	fx_proc(s2, 11, 1, 1, 'S', "child");
	fx_proc(s3, 1, 0, 1, 'S', "init");
	fx_proc(s3, 11, 1, 1, 'S', "child");
	snapshot_sort(s1);
	snapshot_sort(s2);
	snapshot_sort(s3);
	diff_init(&d);

	diff_snapshots(NULL, s1, &d);
	classify_snapshot(s1);
	CU_ASSERT_FALSE(fx_get(s1, 11)->flags & (PI_REPARENTED | PI_ORPHAN));

	diff_snapshots(s1, s2, &d);
	CU_ASSERT_EQUAL(d.n, 2);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_EXITED, 10));
	e = must(event_for(&d, DIFF_REPARENTED, 11));
	CU_ASSERT_EQUAL(e->old_ppid, 10);
	CU_ASSERT_EQUAL(e->new_ppid, 1);
	CU_ASSERT_EQUAL(e->start_ticks, 110);
	CU_ASSERT(fx_get(s2, 11)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(s2, 1)->flags & PI_REPARENTED);
	classify_snapshot(s2);
	/* Same session as init: only the live rule sees the orphan. */
	CU_ASSERT(fx_get(s2, 11)->flags & PI_ORPHAN);
	CU_ASSERT(fx_get(s2, 1)->flags & PI_ADOPTER);

	/* Nothing changes any more: the mark is carried, no event. */
	diff_snapshots(s2, s3, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT(fx_get(s3, 11)->flags & PI_REPARENTED);
	classify_snapshot(s3);
	CU_ASSERT(fx_get(s3, 11)->flags & PI_ORPHAN);
	CU_ASSERT(fx_get(s3, 1)->flags & PI_ADOPTER);
	diff_done(&d);
	snapshot_free(s1);
	snapshot_free(s2);
	snapshot_free(s3);
}

static void
test_pid_reuse(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct procinfo		*p;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 5, 1, 5, 'S', "shell");
	fx_proc(prev, 10, 1, 1, 'S', "old")->flags |= PI_REPARENTED;
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 5, 1, 5, 'S', "shell");
	p = fx_proc(cur, 10, 5, 5, 'S', "new");	/* pid 10 again, later */
	p->start_ticks = 99999;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(d.n, 2);
	e = must(event_for(&d, DIFF_EXITED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 100);
	CU_ASSERT_EQUAL(e->old_ppid, 1);
	e = must(event_for(&d, DIFF_STARTED, 10));
	CU_ASSERT_EQUAL(e->start_ticks, 99999);
	CU_ASSERT_EQUAL(e->new_ppid, 5);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 0);
	/* Neither the new reparenting nor the old process's mark. */
	CU_ASSERT_FALSE(fx_get(cur, 10)->flags & PI_REPARENTED);
	classify_snapshot(cur);
	CU_ASSERT_FALSE(fx_get(cur, 10)->flags & PI_ORPHAN);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void
test_prev_null(void)
{
	struct snapshot	*cur = fx_new();
	struct diff	 d;
	size_t		 i;
	bool		 ok = true;

	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 7, 1, 7, 'S', "a");
	fx_proc(cur, 3, 1, 3, 'S', "b");
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(NULL, cur, &d);
	CU_ASSERT_EQUAL_FATAL(d.n, 3);
	for (i = 0; i < d.n; i++)
		if (d.events[i].kind != DIFF_STARTED ||
		    snapshot_find(cur, d.events[i].pid) == NULL ||
		    d.events[i].new_ppid !=
		    snapshot_find(cur, d.events[i].pid)->ppid)
			ok = false;
	CU_ASSERT(ok);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 1));
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 3));
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 7));
	for (i = 0; i < cur->nprocs; i++)
		CU_ASSERT_FALSE(cur->procs[i].flags & PI_REPARENTED);
	diff_done(&d);
	snapshot_free(cur);

	/* Both empty. */
	cur = fx_new();
	diff_init(&d);
	diff_snapshots(NULL, cur, &d);
	CU_ASSERT_EQUAL(d.n, 0);
	diff_done(&d);
	snapshot_free(cur);
}

static void
test_d_null(void)
{
	struct snapshot	*prev = fx_new(), *cur = fx_new(), *next = fx_new();

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 1, 'S', "parent");
	fx_proc(prev, 11, 10, 1, 'S', "child");
	fx_proc(prev, 12, 1, 1, 'S', "gone");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 11, 1, 1, 'S', "child");
	fx_proc(cur, 13, 1, 1, 'S', "new");
	fx_proc(next, 1, 0, 1, 'S', "init");
	fx_proc(next, 11, 1, 1, 'S', "child");
	snapshot_sort(prev);
	snapshot_sort(cur);
	snapshot_sort(next);
	diff_snapshots(prev, cur, NULL);
	CU_ASSERT(fx_get(cur, 11)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(cur, 13)->flags & PI_REPARENTED);
	diff_snapshots(cur, next, NULL);
	CU_ASSERT(fx_get(next, 11)->flags & PI_REPARENTED);
	diff_snapshots(NULL, prev, NULL);
	snapshot_free(prev);
	snapshot_free(cur);
	snapshot_free(next);
}

static void
test_many(void)
{
	struct snapshot	*prev = fx_new(), *cur = fx_new();
	struct diff	 d;
	pid_t		 pid;

	/* Odd pids leave, multiples of 3 reparent to 1, the rest stay. */
	for (pid = 1; pid <= 1000; pid++)
		fx_proc(prev, pid, pid > 1 ? 2 : 0, 1, 'S', "p");
	for (pid = 1; pid <= 1000; pid++)
		if (pid <= 2 || pid % 2 == 0)
			fx_proc(cur, pid, pid > 2 && pid % 3 == 0 ? 1 :
			    pid > 1 ? 2 : 0, 1, 'S', "p");
	for (pid = 1001; pid <= 1100; pid++)
		fx_proc(cur, pid, 1, 1, 'S', "p");
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_EXITED), 499);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_STARTED), 100);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_REPARENTED), 166);
	CU_ASSERT(fx_get(cur, 6)->flags & PI_REPARENTED);
	CU_ASSERT_FALSE(fx_get(cur, 4)->flags & PI_REPARENTED);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* Each event carries its time and a copy of comm: it outlives both. */
static void
test_zombie_and_reaped(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct diff		 d;

	cur->time = prev->time + 2;
	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 10, 'S', "bash");
	fx_proc(prev, 11, 10, 10, 'S', "job");
	fx_proc(prev, 12, 10, 10, 'Z', "done")->exit_code = 9;	/* SIGKILL */
	fx_proc(prev, 13, 10, 10, 'S', "quick");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 10, 1, 10, 'S', "bash");
	fx_proc(cur, 11, 10, 10, 'Z', "job")->exit_code = 3 << 8;
	fx_proc(cur, 14, 10, 10, 'Z', "brief")->exit_code = 1 << 8;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);

	e = must(event_for(&d, DIFF_ZOMBIE, 11));
	CU_ASSERT_EQUAL(e->exit_code, 3 << 8);
	CU_ASSERT_STRING_EQUAL(e->comm, "job");
	CU_ASSERT_DOUBLE_EQUAL(e->time, cur->time, 1e-9);
	CU_ASSERT_EQUAL(e->start_ticks, 110);
	CU_ASSERT_EQUAL(e->old_ppid, 10);
	CU_ASSERT_EQUAL(e->new_ppid, 10);
	/* Becoming a zombie drops the cmdline: not an exec. */
	CU_ASSERT_PTR_NULL(event_for(&d, DIFF_EXEC, 11));
	CU_ASSERT_DOUBLE_EQUAL(fx_get(cur, 11)->zombie_since, cur->time, 1e-9);

	/* A zombie that is gone was reaped; a live one gone just exited. */
	e = must(event_for(&d, DIFF_REAPED, 12));
	CU_ASSERT_EQUAL(e->exit_code, 9);
	CU_ASSERT_EQUAL(e->old_ppid, 10);
	CU_ASSERT_STRING_EQUAL(e->comm, "done");
	CU_ASSERT_PTR_NULL(event_for(&d, DIFF_EXITED, 12));
	e = must(event_for(&d, DIFF_EXITED, 13));
	CU_ASSERT_STRING_EQUAL(e->comm, "quick");
	CU_ASSERT_EQUAL(e->exit_code, 0);
	CU_ASSERT_PTR_NULL(event_for(&d, DIFF_REAPED, 13));

	/* Started and died between two refreshes: both, in that order. */
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_STARTED, 14));
	e = must(event_for(&d, DIFF_ZOMBIE, 14));
	CU_ASSERT_EQUAL(e->exit_code, 1 << 8);
	CU_ASSERT(e > event_for(&d, DIFF_STARTED, 14));
	CU_ASSERT_EQUAL(d.n, 5);

	/* The events stay readable with the snapshots gone. */
	snapshot_free(prev);
	snapshot_free(cur);
	CU_ASSERT_STRING_EQUAL(must(event_for(&d, DIFF_REAPED, 12))->comm,
	    "done");
	diff_done(&d);
}

static void
test_exec(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct procinfo		*p;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 9, 1, 9, 'S', "sh");
	p = fx_proc(prev, 20, 1, 20, 'S', "bash");
	snapshot_set_cmdline(prev, p, "bash\0-c\0x\0", 10);
	fx_proc(prev, 30, 1, 30, 'S', "exiting");
	fx_proc(prev, 40, 2, 0, 'I', "kworker/0:1-events")->kflags =
	    PF_KTHREAD_BIT;
	fx_proc(prev, 50, 1, 50, 'S', "part");
	p = fx_proc(prev, 60, 1, 1, 'S', "main");
	p->tgid = 59;
	p->flags |= PI_THREAD;

	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 9, 1, 9, 'S', "python3");		/* comm changed */
	p = fx_proc(cur, 20, 1, 20, 'S', "bash");	/* args changed */
	snapshot_set_cmdline(cur, p, "bash\0-c\0y\0", 10);
	p = fx_proc(cur, 30, 1, 30, 'S', "exiting");
	snapshot_set_cmdline(cur, p, NULL, 0);	/* mm gone: no cmdline, no exec */
	fx_proc(cur, 40, 2, 0, 'I', "kworker/0:1-mm_percpu_wq")->kflags =
	    PF_KTHREAD_BIT;
	fx_proc(cur, 50, 1, 50, 'S', "other")->flags |= PI_PARTIAL;
	p = fx_proc(cur, 60, 1, 1, 'S', "renamed");	/* a thread */
	p->tgid = 59;
	p->flags |= PI_THREAD;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	e = must(event_for(&d, DIFF_EXEC, 9));
	CU_ASSERT_STRING_EQUAL(e->old_comm, "sh");
	CU_ASSERT_STRING_EQUAL(e->comm, "python3");
	CU_ASSERT_EQUAL(e->new_ppid, 1);
	e = must(event_for(&d, DIFF_EXEC, 20));
	CU_ASSERT_STRING_EQUAL(e->old_comm, "bash");
	CU_ASSERT_STRING_EQUAL(e->comm, "bash");
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_EXEC), 2);
	CU_ASSERT_EQUAL(d.n, 2);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void
test_ns_changed(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct procinfo		*p;
	struct diff		 d;
	size_t			 i;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 9, 1, 9, 'S', "unshare");
	fx_proc(prev, 10, 1, 10, 'S', "setns");
	fx_proc(prev, 11, 1, 11, 'S', "unread");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	p = fx_proc(cur, 9, 1, 9, 'S', "unshare");	/* unshare -mn */
	fx_ns(p)[NS_MNT] = 4026532500ull;
	fx_ns(p)[NS_NET] = 4026532501ull;
	p = fx_proc(cur, 10, 1, 10, 'S', "setns");
	fx_ns(p)[NS_PID] = 4026532600ull;	/* pid: children only, ignored */
	p = fx_proc(cur, 11, 1, 11, 'S', "unread");
	fx_ns(p)[NS_UTS] = INODE_UNKNOWN;	/* unknown is not a change */
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL_FATAL(d.n, 2);
	for (i = 0; i < d.n; i++)
		CU_ASSERT_EQUAL(d.events[i].kind, DIFF_NS_CHANGED);
	e = &d.events[0];		/* in namespace order */
	CU_ASSERT_EQUAL(e->pid, 9);
	CU_ASSERT_EQUAL(e->ns, NS_MNT);
	CU_ASSERT_EQUAL(e->old_ns, FX_HOST_PIDNS + NS_MNT);
	CU_ASSERT_EQUAL(e->new_ns, 4026532500ull);
	CU_ASSERT_STRING_EQUAL(e->comm, "unshare");
	e = &d.events[1];
	CU_ASSERT_EQUAL(e->ns, NS_NET);
	CU_ASSERT_EQUAL(e->new_ns, 4026532501ull);
	CU_ASSERT_STRING_EQUAL(ns_type_names[e->ns], "net");
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* A zombie's pid reused: it was reaped and someone new started. */
static void
test_zombie_pid_reuse(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	const struct diff_event	*e;
	struct procinfo		*p;
	struct diff		 d;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 10, 1, 1, 'Z', "old")->exit_code = 2 << 8;
	fx_proc(prev, 11, 1, 1, 'Z', "old2");
	fx_proc(cur, 1, 0, 1, 'S', "init");
	p = fx_proc(cur, 10, 1, 1, 'S', "new");
	p->start_ticks = 5000;
	p = fx_proc(cur, 11, 1, 1, 'Z', "new2");	/* a zombie again */
	p->start_ticks = 6000;
	snapshot_sort(prev);
	snapshot_sort(cur);
	diff_init(&d);
	diff_snapshots(prev, cur, &d);
	CU_ASSERT_EQUAL_FATAL(d.n, 5);
	CU_ASSERT_EQUAL(d.events[0].kind, DIFF_REAPED);
	CU_ASSERT_EQUAL(d.events[0].pid, 10);
	CU_ASSERT_EQUAL(d.events[0].start_ticks, 100);
	CU_ASSERT_EQUAL(d.events[0].exit_code, 2 << 8);
	CU_ASSERT_STRING_EQUAL(d.events[0].comm, "old");
	CU_ASSERT_EQUAL(d.events[1].kind, DIFF_STARTED);
	CU_ASSERT_EQUAL(d.events[1].pid, 10);
	CU_ASSERT_EQUAL(d.events[1].start_ticks, 5000);
	CU_ASSERT_STRING_EQUAL(d.events[1].comm, "new");
	CU_ASSERT_EQUAL(d.events[2].kind, DIFF_REAPED);
	CU_ASSERT_EQUAL(d.events[3].kind, DIFF_STARTED);
	e = &d.events[4];
	CU_ASSERT_EQUAL(e->kind, DIFF_ZOMBIE);
	CU_ASSERT_EQUAL(e->start_ticks, 6000);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_EXITED), 0);
	/* The new zombie's age starts now, not with the old one's. */
	CU_ASSERT_DOUBLE_EQUAL(fx_get(cur, 11)->zombie_since, cur->time,
	    1e-9);
	diff_done(&d);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* zombie_since: unknown at first, then at least since the first sight. */
static void
test_zombie_since(void)
{
	struct snapshot	*s[4];
	struct diff	 d;
	int		 i;

	for (i = 0; i < 4; i++) {
		s[i] = fx_new();
		s[i]->time = 1000000.0 + 10 * i;
		fx_proc(s[i], 1, 0, 1, 'S', "init");
		fx_proc(s[i], 10, 1, 1, 'Z', "early");
		fx_proc(s[i], 20, 1, 1, i == 0 ? 'S' : 'Z', "later");
		if (i < 3)
			fx_proc(s[i], 30, 1, 1, 'Z', "reaped");
		snapshot_sort(s[i]);
	}
	diff_init(&d);
	diff_snapshots(NULL, s[0], &d);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_ZOMBIE), 0);
	CU_ASSERT_EQUAL(fx_get(s[0], 10)->zombie_since, 0);
	CU_ASSERT_EQUAL(fx_get(s[0], 20)->zombie_since, 0);

	diff_snapshots(s[0], s[1], &d);
	/* Seen a zombie at s[0]'s time, when it was first seen at all. */
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[1], 10)->zombie_since, s[0]->time,
	    1e-9);
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[1], 20)->zombie_since, s[1]->time,
	    1e-9);
	CU_ASSERT_EQUAL(fx_get(s[1], 1)->zombie_since, 0);
	CU_ASSERT_EQUAL(count_kind(&d, DIFF_ZOMBIE), 1);

	diff_snapshots(s[1], s[2], &d);
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[2], 10)->zombie_since, s[0]->time,
	    1e-9);
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[2], 20)->zombie_since, s[1]->time,
	    1e-9);
	CU_ASSERT_EQUAL(d.n, 0);

	diff_snapshots(s[2], s[3], &d);
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[3], 10)->zombie_since, s[0]->time,
	    1e-9);
	CU_ASSERT_EQUAL(d.n, 1);
	CU_ASSERT_PTR_NOT_NULL(event_for(&d, DIFF_REAPED, 30));

	/* Without a struct diff the ages are kept all the same. */
	fx_get(s[3], 20)->zombie_since = 0;
	diff_snapshots(s[2], s[3], NULL);
	CU_ASSERT_DOUBLE_EQUAL(fx_get(s[3], 20)->zombie_since, s[1]->time,
	    1e-9);
	diff_done(&d);
	for (i = 0; i < 4; i++)
		snapshot_free(s[i]);
}

/* A snapshot of the machine with these CPU ticks since boot. */
static struct snapshot *
cpu_snap(uint64_t total, uint64_t idle)
{
	struct snapshot	*s = fx_new();

	s->cpu_total = total;
	s->cpu_idle = idle;
	fx_proc(s, 1, 0, 1, 'S', "init");
	snapshot_sort(s);
	return s;
}

/* The machine's CPU use: busy ticks over all ticks between two scans. */
static void
test_machine_cpu(void)
{
	struct snapshot	*a = cpu_snap(10000, 8000), *b = cpu_snap(10400, 8300);
	struct snapshot	*c = cpu_snap(10400, 8300), *z = cpu_snap(0, 0);

	diff_snapshots(NULL, a, NULL);
	CU_ASSERT_FALSE(a->cpu_known);		/* nothing to compare with */
	/* 400 ticks passed, 300 of them idle: a quarter busy. */
	diff_snapshots(a, b, NULL);
	CU_ASSERT_TRUE(b->cpu_known);
	CU_ASSERT_DOUBLE_EQUAL(b->cpu_pct, 25.0, 1e-4);
	/* No tick between two scans: the last figure stands. */
	diff_snapshots(b, c, NULL);
	CU_ASSERT_TRUE(c->cpu_known);
	CU_ASSERT_DOUBLE_EQUAL(c->cpu_pct, 25.0, 1e-4);
	/* Counts unknown (a file from before them), or going back: unknown. */
	diff_snapshots(c, z, NULL);
	CU_ASSERT_FALSE(z->cpu_known);
	diff_snapshots(z, a, NULL);
	CU_ASSERT_FALSE(a->cpu_known);
	diff_snapshots(b, a, NULL);
	CU_ASSERT_FALSE(a->cpu_known);
	/* Idle that went backwards (iowait does) counts as none: all busy. */
	b->cpu_idle = 7000;
	diff_snapshots(a, b, NULL);
	CU_ASSERT_DOUBLE_EQUAL(b->cpu_pct, 100.0, 1e-4);
	/* More idle than ticks cannot be: never below 0%. */
	b->cpu_idle = 9000;
	diff_snapshots(a, b, NULL);
	CU_ASSERT_DOUBLE_EQUAL(b->cpu_pct, 0.0, 1e-4);
	snapshot_free(a);
	snapshot_free(b);
	snapshot_free(c);
	snapshot_free(z);
}

static void
test_kind_names(void)
{
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_STARTED], "started");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_EXITED], "exited");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_REPARENTED],
	    "reparented");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_ZOMBIE], "zombie");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_REAPED], "reaped");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_EXEC], "exec");
	CU_ASSERT_STRING_EQUAL(diff_kind_names[DIFF_NS_CHANGED],
	    "ns-changed");
}

static const struct runner_test tests[] = {
	{ "started and exited", test_started_exited },
	{ "reparented, carried, orphan", test_reparent_and_carry },
	{ "pid reuse", test_pid_reuse },
	{ "prev NULL: all started", test_prev_null },
	{ "d NULL", test_d_null },
	{ "a thousand processes", test_many },
	{ "zombie with exit code, reaped, exited", test_zombie_and_reaped },
	{ "exec by comm and by cmdline", test_exec },
	{ "namespace changed, by type", test_ns_changed },
	{ "a zombie's pid reused", test_zombie_pid_reuse },
	{ "zombie_since carried, unknown at first", test_zombie_since },
	{ "the machine's CPU use", test_machine_cpu },
	{ "kind names", test_kind_names },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("diff", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
