/*
 * Live tier: the scanner's per-identity cache must not go stale.  A
 * process that changes its signal dispositions, or execs into a program
 * with the same comm, between two refreshes of one scanner is seen with
 * the new details within SCAN_REVALIDATE refreshes.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/scan.h"
#include "proc/snapshot.h"
#include "tests/runner.h"
#include "tests/testutil.h"

#define REFRESHES_AT_MOST	(SCAN_REVALIDATE + 1)

struct child {
	pid_t	pid;
	int	cmd;		/* write end: tell it to act */
	int	ack;		/* read end: it acted */
};

/*
 * A child in its own process group that, on command, ignores SIGUSR1
 * without using measurable CPU, then sleeps.
 */
static int
child_start(struct child *c)
{
	int	to[2], from[2];
	char	b;

	if (pipe(to) < 0 || pipe(from) < 0)
		return -errno;
	c->pid = fork();
	if (c->pid < 0)
		return -errno;
	if (c->pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(to[1]);
		close(from[0]);
		if (read(to[0], &b, 1) == 1) {
			signal(SIGUSR1, SIG_IGN);
			(void)!write(from[1], "k", 1);
		}
		for (;;)
			pause();
	}
	setpgid(c->pid, c->pid);
	close(to[0]);
	close(from[1]);
	c->cmd = to[1];
	c->ack = from[0];
	return 0;
}

static void
child_stop(struct child *c)
{
	if (c->pid > 0) {
		kill(-c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	close(c->cmd);
	close(c->ack);
}

static const struct procinfo *
find(const struct snapshot *s, pid_t pid)
{
	return s != NULL ? snapshot_find(s, pid) : NULL;
}

static void
test_signal_disposition_change(void)
{
	const uint64_t		 bit = UINT64_C(1) << (SIGUSR1 - 1);
	struct scanner		*sc;
	struct snapshot		*s, *next;
	const struct procinfo	*p;
	struct child		 c;
	char			*cause = NULL, b;
	int			 n, seen_at = -1;

	CU_ASSERT_FATAL(child_start(&c) == 0);
	sc = scan_open(0, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	s = scan_refresh(sc, NULL, &cause);
	p = find(s, c.pid);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL) {
		CU_ASSERT(p->sig_known);
		CU_ASSERT_FALSE(p->sig_ignored & bit);
	}

	CU_ASSERT(write(c.cmd, "x", 1) == 1);
	CU_ASSERT(read(c.ack, &b, 1) == 1);
	for (n = 1; n <= REFRESHES_AT_MOST && seen_at < 0; n++) {
		/* Each refresh carries details over from the one before. */
		next = scan_refresh(sc, s, &cause);
		snapshot_free(s);
		s = next;
		p = find(s, c.pid);
		if (p != NULL && (p->sig_ignored & bit))
			seen_at = n;
	}
	snapshot_free(s);
	if (seen_at < 0)
		fprintf(stderr, "SIGUSR1 still not ignored after %d "
		    "refreshes: the cache is stale\n", REFRESHES_AT_MOST);
	CU_ASSERT(seen_at > 0);
	scan_close(sc);
	free(cause);
	child_stop(&c);
}

/* The uncached scanner sees the change on the very next refresh. */
static void
test_nocache_sees_change_at_once(void)
{
	const uint64_t		 bit = UINT64_C(1) << (SIGUSR1 - 1);
	struct scanner		*sc;
	struct snapshot		*s, *first;
	const struct procinfo	*p;
	struct child		 c;
	char			*cause = NULL, b;

	CU_ASSERT_FATAL(child_start(&c) == 0);
	sc = scan_open(SCAN_NOCACHE, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	first = scan_refresh(sc, NULL, &cause);
	CU_ASSERT(write(c.cmd, "x", 1) == 1);
	CU_ASSERT(read(c.ack, &b, 1) == 1);
	s = scan_refresh(sc, first, &cause);
	p = find(s, c.pid);
	CU_ASSERT(p != NULL && (p->sig_ignored & bit));
	snapshot_free(first);
	snapshot_free(s);
	scan_close(sc);
	free(cause);
	child_stop(&c);
}

static const struct runner_test tests[] = {
	{ "signal disposition change is seen",
	    test_signal_disposition_change },
	{ "uncached scan sees it at once", test_nocache_sees_change_at_once },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("scan_cache", NULL, NULL, tests);

	testutil_require_proc();
	return runner_run(&suite, 1);
}
