/*
 * Recent marks: births and ghosts kept across synthetic snapshots by
 * identity, their expiry on snapshot time, PID reuse, a process a scan
 * missed once, threads left out, copies that outlive their snapshot, and
 * a recording replayed to the same marks as the live sequence.  No
 * /proc, no terminal, no clock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/recent.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define T0	1000000.0	/* fx_new()'s time */

/* init (1), a shell (100) and its child (150), at time t. */
static struct snapshot *
base(double t)
{
	struct snapshot	*s = fx_new();

	s->time = t;
	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 150, 100, 100, 'S', "make");
	return s;
}

/* Sort and classify s, diff it against prev and update r. */
static void
step(struct recent *r, struct diff *d, const struct snapshot *prev,
    struct snapshot *s)
{
	snapshot_sort(s);
	diff_snapshots(prev, s, d);
	classify_snapshot(s);
	recent_update(r, prev, s, d);
}

static const struct recent_ghost *
ghost_of(const struct recent *r, pid_t pid, uint64_t start_ticks)
{
	size_t	i;

	for (i = 0; i < r->nghosts; i++)
		if (r->ghosts[i].proc.pid == pid &&
		    r->ghosts[i].proc.start_ticks == start_ticks)
			return &r->ghosts[i];
	return NULL;
}

static bool
is_new(const struct recent *r, pid_t pid, uint64_t start_ticks)
{
	struct procinfo	p;

	memset(&p, 0, sizeof p);
	p.pid = pid;
	p.start_ticks = start_ticks;
	return recent_is_new(r, &p);
}

/* The first snapshot marks nothing: everything would be new. */
static void
test_first_snapshot(void)
{
	struct recent	 r;
	struct diff	 d;
	struct snapshot	*s = base(T0);

	recent_init(&r);
	diff_init(&d);
	step(&r, &d, NULL, s);
	CU_ASSERT(d.n > 0);		/* diff says STARTED for each */
	CU_ASSERT_EQUAL(r.nbirths, 0);
	CU_ASSERT_EQUAL(r.nghosts, 0);
	CU_ASSERT_FALSE(is_new(&r, 150, 1500));
	diff_done(&d);
	recent_done(&r);
	snapshot_free(s);
}

/* A birth is marked from the first snapshot with it, for hold seconds. */
static void
test_birth_expires(void)
{
	struct recent	 r;
	struct diff	 d;
	struct snapshot	*s[4];
	int		 k;

	recent_init(&r);
	diff_init(&d);
	for (k = 0; k < 4; k++) {
		s[k] = base(T0 + 1.5 * k);
		if (k > 0)
			fx_proc(s[k], 200, 150, 100, 'R', "cc");
		step(&r, &d, k > 0 ? s[k - 1] : NULL, s[k]);
		switch (k) {
		case 0:
			CU_ASSERT_FALSE(is_new(&r, 200, 2000));
			break;
		case 1:	/* seen now */
		case 2:	/* 1.5 s later */
			CU_ASSERT(is_new(&r, 200, 2000));
			CU_ASSERT_FALSE(is_new(&r, 150, 1500));
			break;
		case 3:	/* 3 s later: held long enough */
			CU_ASSERT_FALSE(is_new(&r, 200, 2000));
			CU_ASSERT_EQUAL(r.nbirths, 0);
			break;
		}
	}
	for (k = 0; k < 4; k++)
		snapshot_free(s[k]);
	diff_done(&d);
	recent_done(&r);
}

/*
 * An exit leaves a ghost: a deep copy of its last record (it outlives
 * the snapshot), reaped when it was a zombie, gone after hold seconds.
 */
static void
test_ghost_copy_and_expiry(void)
{
	struct recent			 r;
	struct diff			 d;
	struct snapshot			*a = base(T0), *b, *c;
	const struct recent_ghost	*g;
	struct procinfo			*p;

	recent_init(&r);
	diff_init(&d);
	p = fx_proc(a, 200, 150, 100, 'S', "cc");
	snapshot_set_cmdline(a, p, "cc\0-c\0x.c", 10);
	fx_proc(a, 300, 150, 100, 'Z', "ld")->exit_code = 256;
	step(&r, &d, NULL, a);
	b = base(T0 + 1.0);
	step(&r, &d, a, b);
	snapshot_free(a);	/* the ghosts hold copies */
	CU_ASSERT_EQUAL(r.nghosts, 2);
	g = ghost_of(&r, 200, 2000);
	CU_ASSERT_PTR_NOT_NULL(g);
	if (g != NULL) {
		CU_ASSERT_STRING_EQUAL(g->proc.comm, "cc");
		CU_ASSERT_EQUAL(g->proc.ppid, 150);
		CU_ASSERT_EQUAL(g->proc.cmdline_len, 10);
		CU_ASSERT(g->proc.cmdline != NULL &&
		    memcmp(g->proc.cmdline, "cc\0-c\0x.c", 10) == 0);
		CU_ASSERT_FALSE(g->reaped);
		CU_ASSERT_EQUAL(g->gone, T0 + 1.0);
	}
	g = ghost_of(&r, 300, 3000);
	CU_ASSERT(g != NULL && g->reaped && g->proc.cmdline == NULL &&
	    (g->proc.flags & PI_ZOMBIE));
	/* make held the zombie; its ghost would hold none. */
	CU_ASSERT_EQUAL(r.nbirths, 0);
	c = base(T0 + 3.5);	/* 2.5 s after it was gone: kept */
	step(&r, &d, b, c);
	CU_ASSERT_EQUAL(r.nghosts, 2);
	snapshot_free(b);
	b = base(T0 + 4.0);	/* 3 s: gone */
	step(&r, &d, c, b);
	CU_ASSERT_EQUAL(r.nghosts, 0);
	snapshot_free(b);
	snapshot_free(c);
	diff_done(&d);
	recent_done(&r);
}

/* A parent that dies holding zombies leaves a ghost holding none. */
static void
test_ghost_holds_no_zombies(void)
{
	struct recent			 r;
	struct diff			 d;
	struct snapshot			*a = base(T0), *b = fx_new();
	const struct recent_ghost	*g;

	recent_init(&r);
	diff_init(&d);
	fx_proc(a, 151, 150, 100, 'Z', "child");
	step(&r, &d, NULL, a);
	CU_ASSERT(fx_get(a, 150)->flags & PI_ZPARENT);
	b->time = T0 + 1;
	fx_proc(b, 1, 0, 1, 'S', "init");
	fx_proc(b, 100, 1, 100, 'S', "bash");
	fx_proc(b, 151, 1, 100, 'Z', "child");
	step(&r, &d, a, b);
	g = ghost_of(&r, 150, 1500);
	CU_ASSERT(g != NULL && !(g->proc.flags & PI_ZPARENT) &&
	    g->proc.zombie_children == 0);
	snapshot_free(a);
	snapshot_free(b);
	diff_done(&d);
	recent_done(&r);
}

/* The container of pid in s, ident "web" (podman): its index. */
static uint32_t
in_web(struct snapshot *s, pid_t pid)
{
	struct cgroup_ident	id;
	struct ct_names		names;
	struct procinfo		*p = fx_get(s, pid);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memset(&id, 0, sizeof id);
	memset(&names, 0, sizeof names);
	id.runtime = CT_PODMAN;
	snprintf(id.id, sizeof id.id, "a185261865f65828dacec02e8d4b6ddf");
	snprintf(names.name, sizeof names.name, "web");
	p->cgroup = snapshot_intern_cgroup(s, &id, &names);
	return p->cgroup;
}

/*
 * A ghost keeps its container while the snapshot shown still has it (its
 * index there, not the old one), and has none once the container is gone.
 */
static void
test_ghost_container(void)
{
	struct recent			 r;
	struct diff			 d;
	struct snapshot			*a = base(T0), *b = base(T0 + 1);
	struct snapshot			*c = fx_new();
	const struct recent_ghost	*g;
	const struct cgroup_info	*ct;

	recent_init(&r);
	diff_init(&d);
	fx_proc(a, 160, 150, 100, 'S', "worker");
	fx_proc(a, 170, 1, 170, 'S', "other");
	(void)in_web(a, 100);
	(void)in_web(a, 160);
	step(&r, &d, NULL, a);
	/* b: 160 is gone; web is interned after another container */
	fx_get(b, 150)->cgroup = 0;
	(void)snapshot_intern_cgroup(b, &(struct cgroup_ident){ .runtime =
	    CT_DOCKER, .id = "ffff" }, NULL);
	CU_ASSERT_EQUAL(in_web(b, 100), 2);
	step(&r, &d, a, b);
	g = ghost_of(&r, 160, 1600);
	CU_ASSERT(g != NULL && g->proc.cgroup == 2);
	ct = g != NULL ? procinfo_container(b, &g->proc) : NULL;
	CU_ASSERT(ct != NULL && strcmp(ct->names.name, "web") == 0);
	/* c: the container is gone with 100; the ghost has none */
	c->time = T0 + 1.5;
	fx_proc(c, 1, 0, 1, 'S', "init");
	step(&r, &d, b, c);
	g = ghost_of(&r, 160, 1600);
	CU_ASSERT(g != NULL && g->proc.cgroup == 0);
	snapshot_free(a);
	snapshot_free(b);
	snapshot_free(c);
	diff_done(&d);
	recent_done(&r);
}

/* PID reuse: the old identity is a ghost, the new one a birth. */
static void
test_pid_reuse(void)
{
	struct recent	 r;
	struct diff	 d;
	struct snapshot	*a = base(T0), *b = base(T0 + 1);

	recent_init(&r);
	diff_init(&d);
	fx_proc(a, 500, 150, 100, 'S', "old");
	step(&r, &d, NULL, a);
	fx_proc(b, 500, 100, 100, 'S', "new")->start_ticks = 9000;
	step(&r, &d, a, b);
	CU_ASSERT_EQUAL(r.nghosts, 1);
	CU_ASSERT_PTR_NOT_NULL(ghost_of(&r, 500, 5000));
	CU_ASSERT_PTR_NULL(ghost_of(&r, 500, 9000));
	CU_ASSERT(is_new(&r, 500, 9000));
	CU_ASSERT_FALSE(is_new(&r, 500, 5000));
	snapshot_free(a);
	snapshot_free(b);
	diff_done(&d);
	recent_done(&r);
}

/*
 * A process one scan missed is back: its ghost goes and it is not new.
 * Thread records get neither mark.
 */
static void
test_missed_once_and_threads(void)
{
	struct recent	 r;
	struct diff	 d;
	struct snapshot	*a = base(T0), *b = base(T0 + 1), *c = base(T0 + 2);
	struct procinfo	*p;

	recent_init(&r);
	diff_init(&d);
	fx_proc(a, 42, 1, 42, 'S', "flaky");
	step(&r, &d, NULL, a);
	p = fx_proc(b, 160, 150, 100, 'S', "make");	/* a new thread */
	p->tgid = 150;
	p->flags |= PI_THREAD;
	step(&r, &d, a, b);
	CU_ASSERT_PTR_NOT_NULL(ghost_of(&r, 42, 420));
	CU_ASSERT_FALSE(is_new(&r, 160, 1600));
	fx_proc(c, 42, 1, 42, 'S', "flaky");
	step(&r, &d, b, c);	/* the thread is gone: no ghost either */
	CU_ASSERT_EQUAL(r.nghosts, 0);
	CU_ASSERT_FALSE(is_new(&r, 42, 420));
	snapshot_free(a);
	snapshot_free(b);
	snapshot_free(c);
	diff_done(&d);
	recent_done(&r);
}

/*
 * A recording replayed at each index has the marks the live sequence
 * had at that snapshot.
 */
static void
test_replay_matches_live(void)
{
	struct recent	 live, rep;
	struct diff	 d;
	struct snapshot	*s[6];
	size_t		 k, i, bad = 0;

	recent_init(&live);
	recent_init(&rep);
	diff_init(&d);
	for (k = 0; k < 6; k++) {
		s[k] = base(T0 + 1.2 * (double)k);
		/* 200 lives at 1..3; 300 at 0..1; 400 from 4 on. */
		if (k >= 1 && k <= 3)
			fx_proc(s[k], 200, 150, 100, 'S', "a");
		if (k <= 1)
			fx_proc(s[k], 300, 100, 100, 'S', "b");
		if (k >= 4)
			fx_proc(s[k], 400, 1, 400, 'S', "c");
		step(&live, &d, k > 0 ? s[k - 1] : NULL, s[k]);
		recent_replay(&rep, s, k);
		if (live.nghosts != rep.nghosts ||
		    live.nbirths != rep.nbirths)
			bad++;
		for (i = 0; i < live.nghosts && i < rep.nghosts; i++)
			if (live.ghosts[i].proc.pid != rep.ghosts[i].proc.pid ||
			    live.ghosts[i].gone != rep.ghosts[i].gone)
				bad++;
		for (i = 0; i < live.nbirths && i < rep.nbirths; i++)
			if (live.births[i].pid != rep.births[i].pid ||
			    live.births[i].seen != rep.births[i].seen)
				bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* At 3 the ghost of 300 (gone at 2) is kept; at 5 of 200 too. */
	recent_replay(&rep, s, 3);
	CU_ASSERT_PTR_NOT_NULL(ghost_of(&rep, 300, 3000));
	recent_replay(&rep, s, 5);
	CU_ASSERT_PTR_NOT_NULL(ghost_of(&rep, 200, 2000));
	CU_ASSERT(is_new(&rep, 400, 4000));
	recent_replay(&rep, s, 0);
	CU_ASSERT(rep.nghosts == 0 && rep.nbirths == 0);
	for (k = 0; k < 6; k++)
		snapshot_free(s[k]);
	diff_done(&d);
	recent_done(&live);
	recent_done(&rep);
}

static const struct runner_test tests[] = {
	{ "first snapshot marks nothing", test_first_snapshot },
	{ "a birth lasts hold seconds", test_birth_expires },
	{ "ghost: a copy, reaped, expiry", test_ghost_copy_and_expiry },
	{ "ghost holds no zombies", test_ghost_holds_no_zombies },
	{ "ghost keeps its container", test_ghost_container },
	{ "pid reuse", test_pid_reuse },
	{ "missed once; threads", test_missed_once_and_threads },
	{ "replay matches live", test_replay_matches_live },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("recent", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
