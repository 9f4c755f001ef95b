/*
 * Tests for proc/signals.c: signal names ("SIGTERM", and "TERM" in the
 * masks of /proc/PID/status), the menu table and the menu's choices for
 * live processes and zombies.  No /proc, no terminal, nothing sent.
 */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "proc/signals.h"
#include "proc/snapshot.h"
#include "tests/runner.h"

static void
test_names(void)
{
	static const struct {
		int		 sig;
		const char	*name;
	} names[] = {
		{ 15, "SIGTERM" }, { 9, "SIGKILL" }, { SIGCHLD, "SIGCHLD" },
		{ 0, "SIG?" }, { -3, "SIG?" },
	};
	char	buf[16];
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		CU_ASSERT_STRING_EQUAL(signals_name(names[i].sig),
		    names[i].name);
	CU_ASSERT_STRING_EQUAL(signals_name(SIGRTMIN), "SIGRTMIN");
	CU_ASSERT_STRING_EQUAL(signals_name(SIGRTMIN + 1), "SIGRTMIN+1");
	CU_ASSERT_STRING_EQUAL(signals_name(SIGRTMAX), "SIGRTMAX");
	CU_ASSERT_STRING_EQUAL(signals_name(SIGRTMAX + 1), "SIG?");
	CU_ASSERT_STRING_EQUAL(signals_short_name(SIGKILL, buf, sizeof buf),
	    "KILL");
}

static void
test_mask_names(void)
{
	char	buf[256], want[64];

	CU_ASSERT_STRING_EQUAL(signals_mask_names(0x4000, buf, sizeof buf),
	    "TERM");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(0x1 | 0x2, buf,
	    sizeof buf), "HUP INT");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(0x1 | 0x2 | 0x4000,
	    buf, sizeof buf), "HUP INT TERM");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(0, buf, sizeof buf), "-");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(UINT64_C(1) << 16,
	    buf, sizeof buf), "CHLD");
	/* Real-time signals are named from SIGRTMIN, as "kill -l" does. */
	snprintf(want, sizeof want, "USR1 RTMIN RTMIN+2");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(
	    (UINT64_C(1) << (SIGUSR1 - 1)) |
	    (UINT64_C(1) << (SIGRTMIN - 1)) |
	    (UINT64_C(1) << (SIGRTMIN + 1)), buf, sizeof buf), want);
	snprintf(want, sizeof want, "RTMIN+%d", 64 - SIGRTMIN);
	CU_ASSERT_STRING_EQUAL(signals_mask_names(UINT64_C(1) << 63,
	    buf, sizeof buf), want);
	if (SIGRTMIN > 32)
		CU_ASSERT_STRING_EQUAL(signals_mask_names(
		    UINT64_C(1) << 31, buf, sizeof buf), "32");
	/* Cut at a whole name. */
	CU_ASSERT_STRING_EQUAL(signals_mask_names(0x1 | 0x2 | 0x4000,
	    buf, 10), "HUP INT");
	CU_ASSERT_STRING_EQUAL(signals_mask_names(0x4000, buf, 3), "");
}

static void
test_menu_table(void)
{
	static const int	order[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT,
				    SIGKILL, SIGUSR1, SIGUSR2, SIGCHLD,
				    SIGCONT, SIGSTOP, SIGTSTP, SIGALRM,
				    SIGABRT };
	int			seen[32] = { 0 }, sig;
	size_t			i;

	CU_ASSERT_FATAL(signals_menu_count >= sizeof order / sizeof order[0]);
	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		CU_ASSERT_EQUAL(signals_menu[i].sig, order[i]);
	CU_ASSERT(signals_menu_count < SIGNALS_CHOICES_MAX);
	for (i = 0; i < signals_menu_count; i++) {
		sig = signals_menu[i].sig;
		CU_ASSERT_FATAL(sig >= 1 && sig <= 31);
		seen[sig]++;
		CU_ASSERT(strcmp(signals_name(sig), "SIG?") != 0);
		CU_ASSERT(signals_menu[i].meaning[0] != '\0');
	}
	for (sig = 1; sig <= 31; sig++)
		CU_ASSERT_EQUAL(seen[sig], 1);
	CU_ASSERT_STRING_EQUAL(signals_menu[0].meaning,
	    "terminate (polite): the process may clean up first");
}

/* A record for the choice tests. */
static void
fake_proc(struct procinfo *p, pid_t pid, pid_t ppid, char state,
    uint64_t start)
{
	memset(p, 0, sizeof *p);
	p->pid = p->tgid = pid;
	p->ppid = ppid;
	p->state = state;
	p->start_ticks = start;
	p->comm = state == 'Z' ? "zombie" : "sleeper";
	if (state == 'Z')
		p->flags |= PI_ZOMBIE;
}

static void
test_choices(void)
{
	struct signals_choice	c[SIGNALS_CHOICES_MAX];
	struct procinfo		live, zombie, parent, init, other;
	size_t			n;

	fake_proc(&live, 100, 50, 'S', 1000);
	fake_proc(&zombie, 101, 50, 'Z', 1001);
	fake_proc(&parent, 50, 1, 'S', 500);
	fake_proc(&init, 1, 0, 'S', 1);
	fake_proc(&other, 51, 1, 'S', 501);

	n = signals_choices(&live, &parent, c, SIGNALS_CHOICES_MAX);
	CU_ASSERT_EQUAL(n, signals_menu_count);
	CU_ASSERT_EQUAL(c[0].kind, SIGNALS_CHOICE_SIGNAL);
	CU_ASSERT_EQUAL(c[0].sig, SIGTERM);
	CU_ASSERT_EQUAL(c[0].pid, 100);
	CU_ASSERT_EQUAL(c[0].start_ticks, 1000);
	CU_ASSERT_EQUAL(signals_choices(&live, NULL, c, 3), 3);

	/* A zombie: never itself; SIGCHLD, then SIGTERM, to its parent. */
	n = signals_choices(&zombie, &parent, c, SIGNALS_CHOICES_MAX);
	CU_ASSERT_FATAL(n == 2);
	CU_ASSERT_EQUAL(c[0].kind, SIGNALS_CHOICE_NUDGE_PARENT);
	CU_ASSERT_EQUAL(c[0].sig, SIGCHLD);
	CU_ASSERT_EQUAL(c[0].pid, 50);
	CU_ASSERT_EQUAL(c[0].start_ticks, 500);
	CU_ASSERT_EQUAL(c[1].kind, SIGNALS_CHOICE_END_PARENT);
	CU_ASSERT_EQUAL(c[1].sig, SIGTERM);
	CU_ASSERT_EQUAL(c[1].pid, 50);
	CU_ASSERT_EQUAL(c[1].start_ticks, 500);
	/* Unclassified state Z counts too. */
	zombie.flags = 0;
	CU_ASSERT_EQUAL(signals_choices(&zombie, &parent, c, 1), 1);
	/* No parent, or a record that is not its parent: nothing. */
	CU_ASSERT_EQUAL(signals_choices(&zombie, NULL, c, 4), 0);
	CU_ASSERT_EQUAL(signals_choices(&zombie, &other, c, 4), 0);
	/* An init parent is nudged, never ended. */
	zombie.ppid = 1;
	n = signals_choices(&zombie, &init, c, SIGNALS_CHOICES_MAX);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(c[0].sig, SIGCHLD);
	CU_ASSERT_EQUAL(c[0].pid, 1);
	zombie.ppid = 50;
	parent.flags |= PI_NSINIT;
	CU_ASSERT_EQUAL(signals_choices(&zombie, &parent, c, 4), 1);
}

static const struct runner_test tests[] = {
	{ "names", test_names },
	{ "mask names", test_mask_names },
	{ "menu table", test_menu_table },
	{ "choices", test_choices },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("signals", NULL, NULL, tests);

	return runner_run(&suite, 1);
}
