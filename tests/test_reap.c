/*
 * Tests for proc/reap.c: zombies grouped by parent, orphaned process
 * groups, leaderless sessions, and the verdict on each PID namespace's
 * init from synthetic SigCgt masks and zombie sets.  No /proc, no
 * terminal, no clock.
 */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/classify.h"
#include "proc/diff.h"
#include "proc/nstable.h"
#include "proc/reap.h"
#include "proc/snapshot.h"
#include "tests/fx.h"
#include "tests/runner.h"

#define NS_TINI		4026532001ull
#define NS_PY		4026532002ull
#define NS_SLEEP	4026532003ull
#define NS_IDLE		4026532004ull
#define NS_HIDDEN	4026532005ull

#define SIGBIT(sig)	(UINT64_C(1) << ((sig) - 1))

/* Sort, classify and build the namespace table: what the report needs. */
static void
ready(struct snapshot *s)
{
	snapshot_sort(s);
	classify_snapshot(s);
	nstable_build(s);
}

static void
set_sig(struct snapshot *s, struct procinfo *p, uint64_t caught,
    uint64_t blocked)
{
	snapshot_set_sig(s, p, &(struct sigmasks){ caught, 0, blocked });
}

/* The orphaned group pgid, or an empty entry (pgid 0): never NULL. */
static const struct reap_pgroup *
pgroup_find(const struct reap_report *r, pid_t pgid)
{
	static const struct reap_pgroup	none;
	size_t				i;

	for (i = 0; i < r->npgroups; i++)
		if (r->pgroups[i].pgid == pgid)
			return &r->pgroups[i];
	return &none;
}

/* The entry for pidns, or (after a failed assertion) an empty one. */
static const struct reap_entry *
reaper_of(const struct reap_report *r, uint64_t pidns)
{
	static const struct reap_entry	none;
	size_t				i;

	for (i = 0; i < r->nreapers; i++)
		if (r->reapers[i].pidns == pidns)
			return &r->reapers[i];
	CU_FAIL("no such reaper");
	return &none;
}

static void
test_zombie_parents(void)
{
	struct snapshot			*s = fx_new();
	struct reap_report		 r;
	const struct reap_zparent	*z;
	struct procinfo			*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 10, 1, 10, 'S', "bash");
	fx_proc(s, 12, 10, 10, 'Z', "job")->exit_code = 3 << 8;
	fx_proc(s, 11, 10, 10, 'Z', "job");
	fx_proc(s, 20, 1, 20, 'S', "python3");
	fx_proc(s, 25, 20, 20, 'Z', "worker");
	fx_proc(s, 30, 1, 30, 'Z', "gone");
	fx_proc(s, 40, 999, 40, 'Z', "lost");	/* parent not in the snapshot */
	p = fx_proc(s, 50, 20, 20, 'Z', "leader");
	p->threads = 3;		/* its threads still run: not reapable yet */
	p = fx_proc(s, 21, 20, 20, 'Z', "python3");
	p->tgid = 20;		/* a thread record, not a child */
	p->flags = PI_THREAD;
	ready(s);
	reap_report_build(&r, s);
	CU_ASSERT_EQUAL_FATAL(r.nzparents, 3);
	CU_ASSERT_EQUAL(r.zparents[0].pid, 1);
	CU_ASSERT_EQUAL(r.zparents[1].pid, 10);
	CU_ASSERT_EQUAL(r.zparents[2].pid, 20);
	z = &r.zparents[1];
	CU_ASSERT_STRING_EQUAL(z->comm, "bash");
	CU_ASSERT_EQUAL_FATAL(z->count, 2);
	CU_ASSERT_EQUAL(z->zombies[0], 11);	/* sorted by pid */
	CU_ASSERT_EQUAL(z->zombies[1], 12);
	CU_ASSERT(z->oldest_seen < 0);
	CU_ASSERT_EQUAL(z->start_ticks, 100);
	z = &r.zparents[2];
	CU_ASSERT_EQUAL_FATAL(z->count, 1);
	CU_ASSERT_EQUAL(z->zombies[0], 25);
	CU_ASSERT_EQUAL(r.zparents[0].count, 1);
	reap_report_done(&r);
	CU_ASSERT_EQUAL(r.nzparents, 0);
	CU_ASSERT_PTR_NULL(r.zparents);
	reap_report_done(&r);		/* twice is fine */
	snapshot_free(s);
}

static void
test_orphaned_pgroups(void)
{
	struct snapshot			*s = fx_new();
	struct reap_report		 r;
	const struct reap_pgroup	*g;
	struct procinfo			*p;

	fx_proc(s, 1, 0, 1, 'S', "init");
	p = fx_proc(s, 2, 0, 0, 'S', "kthreadd");
	p->pgid = 0;
	p->kflags = PF_KTHREAD_BIT;
	fx_proc(s, 100, 1, 100, 'S', "bash");
	/* A job of the shell: its parent is in another group of the session. */
	fx_proc(s, 200, 100, 100, 'S', "make")->pgid = 200;
	fx_proc(s, 201, 200, 100, 'S', "cc")->pgid = 200;
	p = fx_proc(s, 202, 200, 100, 'S', "cc");
	p->pgid = 200;
	p->tgid = 201;
	p->flags = PI_THREAD;
	/* Stopped, adopted by init: the global init ties nothing. */
	fx_proc(s, 300, 1, 100, 'T', "vim")->pgid = 300;
	fx_proc(s, 301, 300, 100, 'T', "less")->pgid = 300;
	fx_proc(s, 302, 300, 100, 'Z', "dead")->pgid = 300;
	/* Its parent lives in another session. */
	fx_proc(s, 500, 1, 500, 'S', "sshd");
	fx_proc(s, 400, 500, 100, 'S', "odd")->pgid = 400;
	ready(s);
	reap_report_build(&r, s);
	CU_ASSERT_EQUAL(pgroup_find(&r, 200)->pgid, 0);
	CU_ASSERT_EQUAL(pgroup_find(&r, 0)->members, 0);
	g = pgroup_find(&r, 300);
	CU_ASSERT_EQUAL(g->pgid, 300);
	CU_ASSERT_EQUAL(g->sid, 100);
	CU_ASSERT_EQUAL(g->members, 2);		/* the zombie is not counted */
	CU_ASSERT_TRUE(g->stopped);
	g = pgroup_find(&r, 400);
	CU_ASSERT_EQUAL(g->pgid, 400);
	CU_ASSERT_EQUAL(g->members, 1);
	CU_ASSERT_FALSE(g->stopped);
	/* A session leader's own group is orphaned by definition. */
	g = pgroup_find(&r, 100);
	CU_ASSERT_EQUAL(g->pgid, 100);
	CU_ASSERT_FALSE(g->stopped);
	CU_ASSERT_EQUAL(r.npgroups, 5);		/* 1, 100, 300, 400, 500 */
	CU_ASSERT_EQUAL(r.pgroups[0].pgid, 1);
	CU_ASSERT_EQUAL(r.pgroups[4].pgid, 500);
	reap_report_done(&r);

	/* Made a job of the shell, group 300 is tied again. */
	fx_get(s, 300)->ppid = 100;
	classify_snapshot(s);
	reap_report_build(&r, s);
	CU_ASSERT_EQUAL(pgroup_find(&r, 300)->pgid, 0);
	reap_report_done(&r);
	snapshot_free(s);
}

static void
test_leaderless_sessions(void)
{
	struct snapshot		*s = fx_new();
	struct reap_report	 r;

	fx_proc(s, 1, 0, 1, 'S', "init");
	fx_proc(s, 100, 1, 100, 'S', "bash");
	fx_proc(s, 101, 100, 100, 'S', "vim");
	/* The daemon's double fork: the session leader is gone. */
	fx_proc(s, 601, 1, 600, 'S', "daemon");
	fx_proc(s, 602, 601, 600, 'S', "helper");
	fx_proc(s, 701, 1, 700, 'Z', "dead");	/* only dead members */
	ready(s);
	reap_report_build(&r, s);
	CU_ASSERT_EQUAL_FATAL(r.nsessions, 1);
	CU_ASSERT_EQUAL(r.sessions[0].sid, 600);
	CU_ASSERT_EQUAL(r.sessions[0].members, 2);
	reap_report_done(&r);
	snapshot_free(s);
}

/* The host, plus containers with tini, python3 and two sleeps. */
static struct snapshot *
containers(void)
{
	static const char	 py_cmd[] = "python3\0app.py";
	struct snapshot		*s = fx_new();
	struct procinfo		*p;

	p = fx_proc(s, 1, 0, 1, 'S', "systemd");
	set_sig(s, p, 0, SIGBIT(SIGTERM) | SIGBIT(SIGINT));	/* signalfd */
	p = fx_proc(s, 4000, 1, 4000, 'S', "tini");
	fx_nspid(p, NS_TINI, 2, 4000, 1);
	set_sig(s, p, SIGBIT(SIGTERM) | SIGBIT(SIGINT), 0);
	p = fx_proc(s, 4001, 4000, 4000, 'S', "app");
	fx_nspid(p, NS_TINI, 2, 4001, 2);

	p = fx_proc(s, 5000, 1, 5000, 'S', "python3");
	fx_nspid(p, NS_PY, 2, 5000, 1);
	snapshot_set_cmdline(s, p, py_cmd, sizeof py_cmd);
	set_sig(s, p, 0, 0);
	p = fx_proc(s, 5001, 5000, 5000, 'Z', "worker");
	fx_nspid(p, NS_PY, 2, 5001, 7);
	p = fx_proc(s, 5002, 5000, 5100, 'S', "stray");	/* adopted */
	fx_nspid(p, NS_PY, 2, 5002, 8);
	p = fx_proc(s, 5003, 5000, 5000, 'S', "child");
	fx_nspid(p, NS_PY, 2, 5003, 9);

	p = fx_proc(s, 6000, 1, 6000, 'S', "sleep");	/* masks unknown */
	fx_nspid(p, NS_SLEEP, 2, 6000, 1);
	p = fx_proc(s, 6100, 1, 6100, 'S', "sleep");
	fx_nspid(p, NS_IDLE, 2, 6100, 1);
	p = fx_proc(s, 6101, 6100, 6100, 'S', "sh");	/* sleep never forks */
	fx_nspid(p, NS_IDLE, 2, 6101, 5);
	p = fx_proc(s, 7000, 1, 7000, 'S', "hidden");	/* its init unseen */
	fx_nspid(p, NS_HIDDEN, 2, 7000, 3);
	ready(s);
	return s;
}

static void
test_reaper_tini(void)
{
	struct snapshot			*s = containers();
	struct reap_report		 r;
	const struct reap_entry		*e;
	char				 buf[256];

	reap_report_build(&r, s);
	CU_ASSERT_EQUAL(r.nreapers, 6);
	e = reaper_of(&r, NS_TINI);
	CU_ASSERT_EQUAL(e->level, 1);
	CU_ASSERT_EQUAL(e->init_pid, 4000);
	CU_ASSERT_STRING_EQUAL(e->init_comm, "tini");
	CU_ASSERT_STRING_EQUAL(e->known_init, "tini");
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_YES);
	CU_ASSERT_EQUAL(e->handles_sigint, REAP_YES);
	CU_ASSERT_EQUAL(e->unreaped_zombies, 0);
	CU_ASSERT_EQUAL(e->adopted, 0);
	CU_ASSERT_EQUAL(e->children, 1);
	CU_ASSERT_EQUAL(e->verdict, 0);
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, sizeof buf),
	    "PID 1 is tini: healthy");
	/* The host's systemd takes its signals through a signalfd. */
	e = reaper_of(&r, FX_HOST_PIDNS);
	CU_ASSERT_EQUAL(e->level, 0);
	CU_ASSERT_STRING_EQUAL(e->known_init, "systemd");
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_YES);
	CU_ASSERT_EQUAL(e->verdict, 0);
	CU_ASSERT_EQUAL(e->children, 5);
	reap_report_done(&r);
	snapshot_free(s);
}

static void
test_reaper_python(void)
{
	struct snapshot			*s = containers();
	struct reap_report		 r;
	const struct reap_entry		*e;
	char				 buf[256];

	reap_report_build(&r, s);
	e = reaper_of(&r, NS_PY);
	CU_ASSERT_STRING_EQUAL(e->init_comm, "python3");
	CU_ASSERT_PTR_NULL(e->known_init);
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_NO);
	CU_ASSERT_EQUAL(e->handles_sigint, REAP_NO);
	CU_ASSERT_EQUAL(e->unreaped_zombies, 1);
	CU_ASSERT_EQUAL(e->adopted, 1);
	CU_ASSERT_EQUAL(e->children, 3);
	CU_ASSERT_EQUAL(e->verdict, REAP_V_NOT_REAPING |
	    REAP_V_IGNORES_SIGTERM | REAP_V_NOT_AN_INIT);
	CU_ASSERT_STRING_EQUAL(reap_verdict_codes[0], "not-reaping");
	CU_ASSERT_STRING_EQUAL(reap_verdict_codes[1], "ignores-sigterm");
	CU_ASSERT_STRING_EQUAL(reap_verdict_codes[2], "not-an-init");
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, sizeof buf),
	    "PID 1 is python3: it is not an init, does not handle SIGTERM "
	    "and leaves 1 zombie; run it under an init such as tini or use "
	    "--init");
	/* SIG_IGN is no handler either: SIGTERM still does nothing. */
	snapshot_set_sig(s, fx_get(s, 5000),
	    &(struct sigmasks){ 0, SIGBIT(SIGTERM), 0 });
	reap_report_done(&r);
	reap_report_build(&r, s);
	e = reaper_of(&r, NS_PY);
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_NO);
	CU_ASSERT(e->verdict & REAP_V_IGNORES_SIGTERM);
	reap_report_done(&r);
	snapshot_free(s);
}

static void
test_reaper_unknown_masks(void)
{
	struct snapshot			*s = containers();
	struct reap_report		 r;
	const struct reap_entry		*e;
	char				 buf[256];

	reap_report_build(&r, s);
	e = reaper_of(&r, NS_SLEEP);
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_UNKNOWN);
	CU_ASSERT_EQUAL(e->handles_sigint, REAP_UNKNOWN);
	CU_ASSERT_EQUAL(e->verdict, 0);		/* no claim about SIGTERM */
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, sizeof buf),
	    "PID 1 is sleep: no problem seen (its signal handlers are "
	    "unknown)");
	/* sleep never forks: its child was adopted, and it will not reap. */
	e = reaper_of(&r, NS_IDLE);
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_UNKNOWN);
	CU_ASSERT_EQUAL(e->verdict, REAP_V_NOT_AN_INIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(reap_verdict_sentence(e, buf,
	    sizeof buf), "is not an init; run it under an init such as tini"));
	e = reaper_of(&r, NS_HIDDEN);
	CU_ASSERT_EQUAL(e->init_pid, 0);
	CU_ASSERT_STRING_EQUAL(e->init_comm, "");
	CU_ASSERT_PTR_NULL(e->known_init);
	CU_ASSERT_EQUAL(e->handles_sigterm, REAP_UNKNOWN);
	CU_ASSERT_EQUAL(e->verdict, 0);
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, sizeof buf),
	    "PID 1 is not visible");
	reap_report_done(&r);
	snapshot_free(s);
}

/* A known init that holds zombies, is stopped, and adopted daemons. */
static void
test_reaper_adopted(void)
{
	struct snapshot			*s = fx_new();
	struct reap_report		 r;
	const struct reap_entry		*e;
	struct procinfo			*p;
	char				 buf[256];

	p = fx_proc(s, 1, 0, 1, 'T', "systemd");
	set_sig(s, p, SIGBIT(SIGTERM), 0);
	fx_proc(s, 50, 1, 40, 'S', "stray");	/* sid != parent's, no leader */
	fx_proc(s, 51, 1, 40, 'S', "stray");
	fx_proc(s, 60, 1, 60, 'S', "sshd");	/* a leader: not adopted */
	fx_proc(s, 61, 60, 40, 'S', "other");	/* adopted, but not by init */
	fx_proc(s, 70, 1, 70, 'Z', "dead");
	ready(s);
	reap_report_build(&r, s);
	CU_ASSERT_EQUAL_FATAL(r.nreapers, 1);
	e = &r.reapers[0];
	CU_ASSERT_EQUAL(e->adopted, 2);
	CU_ASSERT_EQUAL(e->children, 4);
	CU_ASSERT_EQUAL(e->unreaped_zombies, 1);
	CU_ASSERT_EQUAL(e->verdict, REAP_V_NOT_REAPING | REAP_V_STOPPED);
	/* A known init gets no advice to run under one. */
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, sizeof buf),
	    "PID 1 is systemd: it leaves 1 zombie and is stopped (SIGCONT "
	    "resumes it)");
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(e, buf, 12),
	    "PID 1 is sy");
	buf[0] = 'x';
	reap_verdict_sentence(e, buf, 0);
	CU_ASSERT_EQUAL(buf[0], 'x');
	reap_report_done(&r);
	snapshot_free(s);
}

static void
test_known_init(void)
{
	static const struct {
		const char	*comm;
		const char	*cmd;		/* NUL-separated */
		size_t		 len;		/* 0: no cmdline */
		const char	*want;		/* NULL: not an init */
	} cases[] = {
#define C(comm, cmd, want)	{ comm, cmd, sizeof cmd, want }
		C("systemd", "/sbin/init\0splash", "systemd"),
		C("tini", "/tini\0--\0app", "tini"),
		C("tini-static", "/tini-static\0-s\0app", "tini"),
		C("docker-init", "/sbin/docker-init\0--\0app", "docker-init"),
		C("dumb-init", "/usr/bin/dumb-init\0app", "dumb-init"),
		C("catatonit", "/usr/libexec/catatonit\0-P", "catatonit"),
		C("podman-init", "/run/podman-init\0--\0app", "catatonit"),
		C("s6-svscan", "s6-svscan\0-t0\0/run/service", "s6-svscan"),
		C("runit", "runit", "runit"),
		C("runsvdir", "runsvdir\0-P\0/etc/service", "runit"),
		C("supervisord", "/usr/bin/python3\0/usr/bin/supervisord\0-n",
		    "supervisord"),
		C("python3.11", "/usr/local/bin/python3.11\0-u\0"
		    "/usr/local/bin/supervisord\0-c\0/etc/s.conf",
		    "supervisord"),
		C("python3", "python3\0-m\0supervisor.supervisord",
		    "supervisord"),
		C("init", "/sbin/init", "init"),
		C("init", "init", "init"),		/* busybox */
		C("conmon", "/usr/bin/conmon\0--api-version\0" "1", NULL),
		C("init", "/bin/sh\0/init", NULL),	/* a "#!" script */
		C("python3", "python3\0app.py", NULL),
		C("node", "node\0server.js", NULL),
		C("pause", "/pause", NULL),
		C("myinit", "/usr/bin/myinit", NULL),
		{ "tini", NULL, 0, "tini" },	/* a zombie: comm alone */
		{ "", NULL, 0, NULL },
#undef C
	};
	struct snapshot	*s = fx_new();
	struct procinfo	*p;
	const char	*got;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p = fx_proc(s, (pid_t)i + 1, 0, 1, 'S', cases[i].comm);
		snapshot_set_cmdline(s, p, cases[i].cmd, cases[i].len);
		got = reap_known_init(p);
		if (got == cases[i].want || (got != NULL &&
		    cases[i].want != NULL && strcmp(got, cases[i].want) == 0))
			continue;
		fprintf(stderr, "\n%s: got %s, want %s\n", cases[i].comm,
		    got != NULL ? got : "NULL",
		    cases[i].want != NULL ? cases[i].want : "NULL");
		CU_FAIL("reap_known_init");
	}
	snapshot_free(s);
}

/* The docker-init PID 1 names itself, with tini's identity in the field. */
static void
test_sentence_names(void)
{
	struct reap_entry	e = {
		.pidns = NS_TINI, .level = 1, .init_pid = 4000,
		.init_comm = "python3", .known_init = "supervisord",
		.handles_sigterm = REAP_YES, .handles_sigint = REAP_YES,
	};
	char			buf[128];

	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(&e, buf, sizeof buf),
	    "PID 1 is python3 (supervisord): healthy");
	e.verdict = REAP_V_IGNORES_SIGTERM;
	e.handles_sigterm = REAP_NO;
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(&e, buf, sizeof buf),
	    "PID 1 is python3 (supervisord): it does not handle SIGTERM; the "
	    "kernel drops SIGTERM to it: only SIGKILL stops it");
	e.known_init = NULL;
	e.verdict = REAP_V_NOT_REAPING;
	e.unreaped_zombies = 3;
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(&e, buf, sizeof buf),
	    "PID 1 is python3: it leaves 3 zombies; run it under an init "
	    "such as tini or use --init");
	/* The host's init is not run under tini: the kernel's rule instead. */
	e.level = 0;
	e.verdict = REAP_V_IGNORES_SIGTERM;
	CU_ASSERT_STRING_EQUAL(reap_verdict_sentence(&e, buf, sizeof buf),
	    "PID 1 is python3: it does not handle SIGTERM; the host's init: "
	    "the kernel drops every signal it does not handle, SIGKILL too");
}

/*
 * Zombie ages across two refreshes: a zombie seen in both counts from the
 * first snapshot; one new in the second is 0 seconds old; on the first
 * snapshot alone no age is known.
 */
static void
test_oldest_seen(void)
{
	struct snapshot		*s1 = fx_new(), *s2 = fx_new();
	struct reap_report	 r;

	memset(&r, 0, sizeof r);
	fx_proc(s1, 1, 0, 1, 'S', "init");
	fx_proc(s1, 10, 1, 10, 'S', "bash");
	fx_proc(s1, 11, 10, 10, 'Z', "old");
	fx_proc(s1, 12, 10, 10, 'S', "dies");
	fx_proc(s1, 20, 1, 20, 'S', "python3");
	fx_proc(s1, 21, 20, 20, 'S', "worker");
	s2->time = s1->time + 7.5;
	fx_proc(s2, 1, 0, 1, 'S', "init");
	fx_proc(s2, 10, 1, 10, 'S', "bash");
	fx_proc(s2, 11, 10, 10, 'Z', "old");
	fx_proc(s2, 12, 10, 10, 'Z', "dies");
	fx_proc(s2, 20, 1, 20, 'S', "python3");
	fx_proc(s2, 21, 20, 20, 'Z', "worker");
	snapshot_sort(s1);
	diff_snapshots(NULL, s1, NULL);
	ready(s1);
	reap_report_build(&r, s1);
	CU_ASSERT_EQUAL_FATAL(r.nzparents, 1);
	CU_ASSERT(r.zparents[0].oldest_seen < 0);
	reap_report_done(&r);

	snapshot_sort(s2);
	diff_snapshots(s1, s2, NULL);
	ready(s2);
	reap_report_build(&r, s2);
	CU_ASSERT_EQUAL_FATAL(r.nzparents, 2);
	CU_ASSERT_EQUAL(r.zparents[0].pid, 10);
	CU_ASSERT_EQUAL(r.zparents[0].count, 2);
	CU_ASSERT_DOUBLE_EQUAL(r.zparents[0].oldest_seen, 7.5, 1e-9);
	CU_ASSERT_EQUAL(r.zparents[1].pid, 20);
	CU_ASSERT_DOUBLE_EQUAL(r.zparents[1].oldest_seen, 0, 1e-9);
	reap_report_done(&r);
	snapshot_free(s1);
	snapshot_free(s2);
}

static const struct runner_test tests[] = {
	{ "zombies grouped by parent", test_zombie_parents },
	{ "orphaned process groups", test_orphaned_pgroups },
	{ "leaderless sessions", test_leaderless_sessions },
	{ "reaper: tini and systemd healthy", test_reaper_tini },
	{ "reaper: python3 as PID 1", test_reaper_python },
	{ "reaper: unknown masks, idle init, unseen init",
	    test_reaper_unknown_masks },
	{ "reaper: adopted, zombies, stopped", test_reaper_adopted },
	{ "known inits", test_known_init },
	{ "verdict sentences", test_sentence_names },
	{ "oldest_seen across two snapshots", test_oldest_seen },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("reap", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
