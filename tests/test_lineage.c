/*
 * The kernel's events merged with synthetic snapshots (proc/lineage.c)
 * and the churn worked out of them (proc/churn.c): a child born and gone
 * between two refreshes reported at its own times with its status and
 * lifetime, a ghost for it, a zombie dated by its exit event, the
 * snapshot comparison's own started lines dropped, and after a loss
 * kept; the busiest parents; the events as a recording holds them, and
 * replayed; the recent exits the signal menu asks about (exitlog.c).
 * No /proc, no kernel, no clock.
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/churn.h"
#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/exitlog.h"
#include "proc/lineage.h"
#include "proc/procev_groups.h"
#include "proc/procev_queue.h"
#include "proc/recent.h"
#include "proc/recevents.h"
#include "proc/snapshot.h"
#include "src/events.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define T0	1000000.0	/* fx_new()'s time */

/* init (1) and a shell (100) at T0; at T0 + 1.5 also its zombie 300. */
static void
pair(struct snapshot **prev, struct snapshot **cur)
{
	struct procinfo	*z;

	*prev = fx_new();
	fx_proc(*prev, 1, 0, 1, 'S', "init");
	fx_proc(*prev, 100, 1, 100, 'S', "bash");
	snapshot_sort(*prev);
	*cur = fx_new();
	(*cur)->time = T0 + 1.5;
	(*cur)->events_source = EVENTS_SOURCE_KERNEL;
	fx_proc(*cur, 1, 0, 1, 'S', "init");
	fx_proc(*cur, 100, 1, 100, 'S', "bash");
	z = fx_proc(*cur, 300, 100, 100, 'Z', "crash");
	z->exit_code = SIGSEGV;
	snapshot_sort(*cur);
}

static struct procev *
ev(struct procev_batch *b, enum procev_kind kind, double t, pid_t pid,
    pid_t ppid)
{
	struct procev	*e;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->v = realloc(b->v, b->cap * sizeof *b->v);
	}
	e = &b->v[b->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->time = t;
	e->pid = e->tgid = pid;
	e->ppid = e->ptgid = ppid;
	return e;
}

/* 200: forked by 100, ran true, exited 3, all between the snapshots. */
static void
short_life(struct procev_batch *b)
{
	struct procev	*e;

	ev(b, PROCEV_FORK, T0 + 0.5, 200, 100);
	e = ev(b, PROCEV_EXEC, T0 + 0.501, 200, 0);
	strcpy(e->comm, "true");
	e->cmdline = strdup("true");
	e->cmdline_len = 5;
	ev(b, PROCEV_EXIT, T0 + 0.503, 200, 100)->status = 3 << 8;
	ev(b, PROCEV_EXIT, T0 + 1.2, 300, 100)->status = SIGSEGV;
}

/*
 * One refresh's worth: two snapshots, the kernel's events between them
 * and what merging them makes.
 */
struct scene {
	struct snapshot		*prev, *cur;
	struct procev_batch	 b;
	struct lineage		 l;
	struct diff		 d;
};

/* A scene on prev and cur (taken), with no events yet. */
static void
scene_open_on(struct scene *s, struct snapshot *prev, struct snapshot *cur)
{
	s->prev = prev;
	s->cur = cur;
	procev_batch_init(&s->b);
	lineage_init(&s->l);
	diff_init(&s->d);
}

/* A scene on pair()'s snapshots, with short_life()'s events if asked. */
static void
scene_open(struct scene *s, bool with_short_life)
{
	struct snapshot	*prev, *cur;

	pair(&prev, &cur);
	scene_open_on(s, prev, cur);
	if (with_short_life)
		short_life(&s->b);
}

/* The snapshots compared, and the events merged in. */
static void
scene_merge(struct scene *s)
{
	diff_snapshots(s->prev, s->cur, &s->d);
	lineage_merge(&s->l, &s->b, s->prev, s->cur, &s->d);
}

static void
scene_close(struct scene *s)
{
	diff_done(&s->d);
	lineage_done(&s->l);
	procev_batch_done(&s->b);
	snapshot_free(s->prev);
	snapshot_free(s->cur);
}

static const struct diff_event *
find(const struct diff *d, enum diff_kind kind, pid_t pid)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (d->events[i].kind == kind && d->events[i].pid == pid)
			return &d->events[i];
	return NULL;
}

static void
test_short_life(void)
{
	struct scene		 sc;
	struct recent		 r;
	const struct diff_event	*e;
	char			 line[EVENTS_LINE_MAX];
	size_t			 i;

	scene_open(&sc, true);
	recent_init(&r);
	diff_snapshots(sc.prev, sc.cur, &sc.d);
	CU_ASSERT_PTR_NOT_NULL(find(&sc.d, DIFF_STARTED, 300));
	lineage_merge(&sc.l, &sc.b, sc.prev, sc.cur, &sc.d);
	/* The kernel's, at their own times; the polled started dropped. */
	CU_ASSERT_PTR_NULL(find(&sc.d, DIFF_STARTED, 300));
	CU_ASSERT_PTR_NOT_NULL(find(&sc.d, DIFF_ZOMBIE, 300));
	e = find(&sc.d, DIFF_STARTED, 200);
	CU_ASSERT(e != NULL && e->time == T0 + 0.5 && e->new_ppid == 100 &&
	    strcmp(e->comm, "bash") == 0);
	e = find(&sc.d, DIFF_EXEC, 200);
	CU_ASSERT(e != NULL && strcmp(e->old_comm, "bash") == 0 &&
	    strcmp(e->comm, "true") == 0);
	e = find(&sc.d, DIFF_EXITED, 200);
	CU_ASSERT(e != NULL && e->status_known && e->exit_code == 3 << 8 &&
	    e->old_ppid == 100 && fabs(e->lifetime - 0.003) < 1e-6);
	if (e != NULL)
		events_format_line(e, true, line, sizeof line);
	CU_ASSERT(e != NULL && strstr(line, " exited pid=200 ppid=100 "
	    "comm=true status=\"exited 3\" lifetime=0.003") != NULL);
	e = find(&sc.d, DIFF_EXITED, 300);
	CU_ASSERT(e != NULL && e->time == T0 + 1.2 && e->exit_code == SIGSEGV);
	for (i = 1; i < sc.d.n; i++)
		CU_ASSERT(sc.d.events[i - 1].time <= sc.d.events[i].time);
	/* The zombie's age from its exit event. */
	CU_ASSERT_EQUAL(procinfo_exit_time(fx_get(sc.cur, 300)), T0 + 1.2);
	CU_ASSERT_EQUAL(fx_get(sc.cur, 300)->zombie_since, T0 + 1.2);
	/* A ghost under 100, with its status and its command line. */
	lineage_ghosts(&sc.l, &r, sc.prev, sc.cur);
	CU_ASSERT_EQUAL_FATAL(r.nghosts, 1);
	CU_ASSERT(r.ghosts[0].proc.pid == 200 && r.ghosts[0].proc.ppid == 100);
	CU_ASSERT(r.ghosts[0].status_known && r.ghosts[0].status == 3 << 8);
	CU_ASSERT(r.ghosts[0].cmdline != NULL &&
	    strcmp(r.ghosts[0].cmdline, "true") == 0);
	recent_done(&r);
	scene_close(&sc);
}

static void
test_loss_resyncs(void)
{
	struct scene		 sc;
	const struct diff_event	*e;

	scene_open(&sc, false);
	ev(&sc.b, PROCEV_LOST, T0 + 0.2, 0, 0)->count = 2;
	ev(&sc.b, PROCEV_FORK, T0 + 0.4, 400, 100);
	scene_merge(&sc);
	e = find(&sc.d, DIFF_LOST, 0);
	CU_ASSERT(e != NULL && e->count == 2);
	CU_ASSERT_EQUAL(sc.l.lost, 2);
	CU_ASSERT(sc.l.resynced);
	/* What /proc saw is kept: the lost events may have held it. */
	CU_ASSERT_PTR_NOT_NULL(find(&sc.d, DIFF_STARTED, 300));
	CU_ASSERT_PTR_NOT_NULL(find(&sc.d, DIFF_STARTED, 400));
	scene_close(&sc);
}

static void
test_busiest_parents(void)
{
	struct scene		 sc;
	struct churn		 c;
	struct churn_parent	*v;
	size_t			 n;

	scene_open(&sc, true);
	churn_init(&c);
	scene_merge(&sc);
	churn_update(&c, sc.prev, sc.cur, &sc.d);
	CU_ASSERT(c.rates_known && c.exact);
	CU_ASSERT_DOUBLE_EQUAL(c.forks_rate, 1 / 1.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(c.exits_rate, 2 / 1.5, 1e-9);
	v = churn_parents(&c, sc.cur->time, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT(v[0].ppid == 100 && v[0].starts == 1 && v[0].exits == 2);
	CU_ASSERT(v[0].failed == 2 && v[0].signalled == 1);
	CU_ASSERT(v[0].median_life >= 0.003);
	free(v);
	churn_done(&c);
	scene_close(&sc);
}

/* The kernel's events of a step through a recording's line and back. */
static void
test_recorded_events(void)
{
	struct scene		 sc;
	struct lineage		 lr;
	struct diff		 back, replay;
	const struct diff_event	*e;
	json_t			*list;
	size_t			 i, kernel = 0;

	scene_open(&sc, true);
	diff_init(&back);
	diff_init(&replay);
	scene_merge(&sc);
	for (i = 0; i < sc.d.n; i++)
		kernel += sc.d.events[i].kernel;
	list = recevents_json(&sc.d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(list);
	CU_ASSERT_EQUAL(json_array_size(list), kernel);
	CU_ASSERT_EQUAL(recevents_parse(list, &back, NULL), 0);
	CU_ASSERT_EQUAL(back.n, kernel);
	/* Replayed over the snapshots alone: what the live merge gave. */
	diff_snapshots(sc.prev, sc.cur, &replay);
	lineage_init(&lr);
	lineage_apply_recorded(&lr, &replay, &back);
	CU_ASSERT_EQUAL(lr.exits.n, 2);
	lineage_done(&lr);
	CU_ASSERT_EQUAL(replay.n, sc.d.n);
	e = find(&replay, DIFF_EXITED, 200);
	CU_ASSERT(e != NULL && e->status_known && e->exit_code == 3 << 8 &&
	    fabs(e->lifetime - 0.003) < 1e-6 && strcmp(e->comm, "true") == 0);
	CU_ASSERT_PTR_NULL(find(&replay, DIFF_STARTED, 300));
	for (i = 1; i < replay.n; i++)
		CU_ASSERT(replay.events[i - 1].time <= replay.events[i].time);
	json_decref(list);
	diff_done(&replay);
	diff_done(&back);
	scene_close(&sc);
}

/*
 * Live: snaps[0..2] refreshed one after the other, the short life and
 * the zombie's exit in the second step's batch, each step's marks in
 * live and its kernel's events, as a recording holds them, in events.
 */
static void
record_steps(struct snapshot **snaps, struct diff *events,
    struct recent *live)
{
	struct procev_batch	 b;
	struct lineage		 l;
	struct diff		 d;
	json_t			*list;
	size_t			 k;

	procev_batch_init(&b);
	lineage_init(&l);
	for (k = 0; k < 3; k++) {
		diff_init(&events[k]);
		if (k == 0)
			continue;
		if (k == 2)
			short_life(&b);
		diff_init(&d);
		diff_snapshots(snaps[k - 1], snaps[k], &d);
		recent_update(live, snaps[k - 1], snaps[k], &d);
		lineage_merge(&l, &b, snaps[k - 1], snaps[k], &d);
		procev_batch_clear(&b);
		lineage_ghosts(&l, live, snaps[k - 1], snaps[k]);
		if ((list = recevents_json(&d)) != NULL)
			CU_ASSERT_EQUAL(recevents_parse(list, &events[k],
			    NULL), 0);
		json_decref(list);
		diff_done(&d);
	}
	lineage_done(&l);
	procev_batch_done(&b);
}

/*
 * A synthetic recording of three snapshots whose second step holds a
 * short life and the zombie's exit: replayed at its last snapshot, the
 * marks are those the live refreshes left, ghost and statuses alike.
 */
static void
test_recording_ghosts(void)
{
	struct snapshot		*snaps[3], *prev, *cur;
	struct diff		 events[3];
	struct recent		 live, replay;
	const struct diff_event	*twice;
	struct diff_event	 copy;
	size_t			 i, k;

	snaps[0] = fx_new();
	fx_proc(snaps[0], 1, 0, 1, 'S', "init");
	fx_proc(snaps[0], 100, 1, 100, 'S', "bash");
	snaps[0]->time = T0 - 1.5;
	snaps[0]->events_source = EVENTS_SOURCE_KERNEL;
	snapshot_sort(snaps[0]);
	pair(&prev, &cur);
	prev->events_source = EVENTS_SOURCE_KERNEL;
	snaps[1] = prev;
	snaps[2] = cur;
	recent_init(&live);
	recent_init(&replay);
	record_steps(snaps, events, &live);
	CU_ASSERT_EQUAL_FATAL(live.nghosts, 1);
	lineage_replay_marks(&replay, snaps, events, 2);
	CU_ASSERT_EQUAL_FATAL(replay.nghosts, live.nghosts);
	for (i = 0; i < live.nghosts; i++) {
		CU_ASSERT_EQUAL(replay.ghosts[i].proc.pid,
		    live.ghosts[i].proc.pid);
		CU_ASSERT_EQUAL(replay.ghosts[i].proc.ppid,
		    live.ghosts[i].proc.ppid);
		CU_ASSERT_EQUAL(replay.ghosts[i].proc.start_ticks,
		    live.ghosts[i].proc.start_ticks);
		CU_ASSERT(replay.ghosts[i].status_known);
		CU_ASSERT_EQUAL(replay.ghosts[i].status,
		    live.ghosts[i].status);
		CU_ASSERT_DOUBLE_EQUAL(replay.ghosts[i].lifetime,
		    live.ghosts[i].lifetime, 1e-9);
		CU_ASSERT_STRING_EQUAL(replay.ghosts[i].proc.comm,
		    live.ghosts[i].proc.comm);
		CU_ASSERT_EQUAL(replay.ghosts[i].gone, live.ghosts[i].gone);
	}
	CU_ASSERT(replay.ghosts[0].proc.pid == 200 &&
	    replay.ghosts[0].status == 3 << 8);
	/* An exit recorded twice (a damaged file) is one ghost. */
	twice = find(&events[2], DIFF_EXITED, 200);
	CU_ASSERT_PTR_NOT_NULL(twice);
	if (twice != NULL) {
		copy = *twice;
		*diff_append(&events[2], DIFF_EXITED, 0) = copy;
	}
	lineage_replay_marks(&replay, snaps, events, 2);
	CU_ASSERT_EQUAL(replay.nghosts, live.nghosts);
	/* Without the kernel's events (a polled recording): no ghost. */
	lineage_replay_marks(&replay, snaps, events, 1);
	CU_ASSERT_EQUAL(replay.nghosts, 0);
	for (k = 0; k < 3; k++)
		diff_done(&events[k]);
	recent_done(&live);
	recent_done(&replay);
	for (k = 0; k < 3; k++)
		snapshot_free(snaps[k]);
}

/*
 * A process whose leader thread exited first reads in /proc with the
 * leader's status (0); its zombie and zombie event take the kernel's.
 */
static void
test_zombie_status_from_event(void)
{
	struct snapshot		*prev, *cur;
	struct procev_batch	 b;
	struct lineage		 l;
	struct diff		 d;
	const struct diff_event	*e;

	pair(&prev, &cur);
	fx_get(cur, 300)->exit_code = 0;
	procev_batch_init(&b);
	lineage_init(&l);
	diff_init(&d);
	ev(&b, PROCEV_EXIT, T0 + 1.2, 300, 100)->status = 6 << 8;
	diff_snapshots(prev, cur, &d);
	lineage_merge(&l, &b, prev, cur, &d);
	CU_ASSERT_EQUAL(fx_get(cur, 300)->exit_code, 6 << 8);
	e = find(&d, DIFF_ZOMBIE, 300);
	CU_ASSERT(e != NULL && e->exit_code == 6 << 8);
	diff_done(&d);
	lineage_done(&l);
	procev_batch_done(&b);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* The listener's thread groups: single, threaded, early; a storm. */
static void
test_procev_groups(void)
{
	struct procev_groups	g;
	pid_t			pid;
	size_t			wrong = 0;

	procev_groups_init(&g);
	CU_ASSERT(!procev_groups_single(&g, 10));	/* before us */
	procev_groups_fork(&g, 11, 10);			/* still unknown */
	CU_ASSERT(!procev_groups_single(&g, 10));
	procev_groups_fork(&g, 20, 20);
	CU_ASSERT(procev_groups_single(&g, 20));
	procev_groups_fork(&g, 21, 20);			/* a thread */
	CU_ASSERT(!procev_groups_single(&g, 20));
	CU_ASSERT(!procev_groups_take_early(&g, 20));
	procev_groups_set_early(&g, 20);
	procev_groups_doubt(&g);			/* early is kept */
	CU_ASSERT(procev_groups_take_early(&g, 20));
	CU_ASSERT(!procev_groups_take_early(&g, 20));
	procev_groups_forget(&g, 20);
	procev_groups_fork(&g, 20, 20);			/* the pid reused */
	CU_ASSERT(procev_groups_single(&g, 20));
	procev_groups_doubt(&g);
	CU_ASSERT(!procev_groups_single(&g, 20));
	/* A storm: every other one gone, the rest still found. */
	for (pid = 1000; pid < 40000; pid++)
		procev_groups_fork(&g, pid, pid);
	for (pid = 1001; pid < 40000; pid += 2)
		procev_groups_forget(&g, pid);
	for (pid = 1000; pid < 40000; pid++)
		wrong += procev_groups_single(&g, pid) != (pid % 2 == 0);
	CU_ASSERT_EQUAL(wrong, 0);
	CU_ASSERT_EQUAL(g.n, 19500);
	procev_groups_done(&g);
}

/* treetop's own children (helpers) are not reported. */
static void
test_own_children(void)
{
	struct scene	sc;

	scene_open(&sc, true);
	sc.cur->self_pid = 100;	/* the shell plays treetop */
	scene_merge(&sc);
	CU_ASSERT_PTR_NULL(find(&sc.d, DIFF_STARTED, 200));
	CU_ASSERT_PTR_NULL(find(&sc.d, DIFF_EXEC, 200));
	CU_ASSERT_PTR_NULL(find(&sc.d, DIFF_EXITED, 200));
	CU_ASSERT_PTR_NOT_NULL(find(&sc.d, DIFF_EXITED, 300));
	CU_ASSERT_EQUAL(sc.l.forks, 0);
	scene_close(&sc);
}

/* Its parent's exit dates the reparenting of a process /proc saw. */
static void
test_reparent_time(void)
{
	struct snapshot		*prev = fx_new(), *cur = fx_new();
	struct scene		 sc;
	const struct diff_event	*e;

	fx_proc(prev, 1, 0, 1, 'S', "init");
	fx_proc(prev, 100, 1, 100, 'S', "bash");
	fx_proc(prev, 150, 100, 100, 'S', "sleep");
	snapshot_sort(prev);
	cur->time = T0 + 1.5;
	fx_proc(cur, 1, 0, 1, 'S', "init");
	fx_proc(cur, 150, 1, 100, 'S', "sleep");
	snapshot_sort(cur);
	scene_open_on(&sc, prev, cur);
	ev(&sc.b, PROCEV_EXIT, T0 + 0.7, 100, 1)->status = 1 << 8;
	scene_merge(&sc);
	e = find(&sc.d, DIFF_REPARENTED, 150);
	CU_ASSERT(e != NULL && e->time == T0 + 0.7 && e->old_ppid == 100 &&
	    e->new_ppid == 1);
	e = find(&sc.d, DIFF_EXITED, 100);
	CU_ASSERT(e != NULL && e->status_known && e->exit_code == 1 << 8);
	CU_ASSERT(sc.d.n >= 2 &&
	    sc.d.events[0].time <= sc.d.events[sc.d.n - 1].time);
	scene_close(&sc);
}

/*
 * Exits asked about by time: only those after it count, the earliest is
 * said, and once the ring has gone round the oldest are no longer known.
 */
static void
test_exitlog(void)
{
	struct exitlog	l;
	double		when = 0;
	size_t		i;

	exitlog_init(&l);
	CU_ASSERT_FALSE(exitlog_exited_after(&l, 42, 0, NULL));
	exitlog_add(&l, 42, T0 + 1);
	exitlog_add(&l, 7, T0 + 2);
	exitlog_add(&l, 42, T0 + 3);	/* the pid again, a new process */
	CU_ASSERT(exitlog_exited_after(&l, 42, T0, &when));
	CU_ASSERT_DOUBLE_EQUAL(when, T0 + 1, 1e-9);
	CU_ASSERT(exitlog_exited_after(&l, 42, T0 + 1, &when));
	CU_ASSERT_DOUBLE_EQUAL(when, T0 + 3, 1e-9);
	CU_ASSERT_FALSE(exitlog_exited_after(&l, 42, T0 + 3, NULL));
	CU_ASSERT_FALSE(exitlog_exited_after(&l, 8, T0, NULL));
	for (i = 0; i < EXITLOG_KEPT - 2; i++)	/* one over */
		exitlog_add(&l, 1000 + (pid_t)i, T0 + 4 + (double)i);
	/* The first exit of 42 went round: the second is the earliest. */
	CU_ASSERT(exitlog_exited_after(&l, 42, T0, &when));
	CU_ASSERT_DOUBLE_EQUAL(when, T0 + 3, 1e-9);
	CU_ASSERT(exitlog_exited_after(&l, 7, T0, &when));
	CU_ASSERT_DOUBLE_EQUAL(when, T0 + 2, 1e-9);
	exitlog_add(&l, 9, T0 + 1e6);
	CU_ASSERT_FALSE(exitlog_exited_after(&l, 7, T0, NULL));
	exitlog_done(&l);
}

/* A burst's arrays are given back once the batches are small again. */
static void
test_queue_burst_shrinks(void)
{
	struct procev_queue	q;
	struct procev_batch	b;
	struct procev		e;
	size_t			i, round;

	procev_queue_init(&q);
	procev_batch_init(&b);
	memset(&e, 0, sizeof e);
	e.kind = PROCEV_FORK;
	for (i = 0; i < 20000; i++) {
		e.pid = e.tgid = (pid_t)(1000 + i);
		procev_queue_push(&q, &e);
	}
	procev_queue_drain(&q, &b);
	CU_ASSERT_EQUAL(b.n, 20000);
	procev_batch_clear(&b);
	CU_ASSERT(b.cap >= 20000);	/* a full batch keeps its array */
	/* Two quiet refreshes: each of the two arrays is a batch once. */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 10; i++)
			procev_queue_push(&q, &e);
		procev_queue_drain(&q, &b);
		CU_ASSERT_EQUAL(b.n, 10);
		procev_batch_clear(&b);
		CU_ASSERT(b.cap <= 1024);
	}
	CU_ASSERT(q.pending.cap <= 1024);
	procev_batch_done(&b);
	procev_queue_done(&q);
}

static const struct runner_test tests[] = {
	{ "a short life: times, status, lifetime, ghost, zombie age",
	    test_short_life },
	{ "a loss keeps what /proc saw", test_loss_resyncs },
	{ "a reparenting at its parent's exit", test_reparent_time },
	{ "treetop's own children are left out", test_own_children },
	{ "busiest parents", test_busiest_parents },
	{ "recorded events, replayed", test_recorded_events },
	{ "recent exits, asked about by time", test_exitlog },
	{ "a recording's ghosts are the live run's", test_recording_ghosts },
	{ "the listener's thread groups", test_procev_groups },
	{ "the events queue gives a burst's memory back",
	    test_queue_burst_shrinks },
	{ "a zombie's status is its exit event's",
	    test_zombie_status_from_event },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("lineage", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
