/*
 * The --events loop: sleep, refresh, print the refresh's events, flush.
 * A signal only sets a flag; the loop looks at it between short sleeps,
 * so SIGINT and SIGTERM end the run promptly with status 0.  SIGPIPE is
 * ignored: a reader that went away shows as EPIPE (or POLLERR on the
 * pipe while idle) and ends the run with status 0 too.
 */
#include "config.h"
#include "events_run.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/identset.h"
#include "proc/recording.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "src/app.h"
#include "src/cli.h"
#include "src/events.h"
#include "ui/glyphs.h"

/* The longest nap between looks at the stop flag, in seconds. */
#define EVENTS_RUN_SLICE	0.2

static volatile sig_atomic_t	events_run_stop;

static void
events_run_on_signal(int sig)
{
	(void)sig;
	events_run_stop = 1;
}

static void
events_run_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = events_run_on_signal;
	sa.sa_flags = SA_RESTART;	/* a write in progress finishes */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);
}

/* True when stdout is a pipe whose reader has gone (head -n 3 is done). */
static bool
events_run_reader_gone(void)
{
	struct pollfd	pfd = { .fd = STDOUT_FILENO, .events = 0 };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLERR);
}

static void
events_run_sleep(double seconds)
{
	double	slice;

	while (seconds > 0 && !events_run_stop && !events_run_reader_gone()) {
		slice = seconds < EVENTS_RUN_SLICE ? seconds : EVENTS_RUN_SLICE;
		app_sleep(slice);
		seconds -= slice;
	}
}

/* Replace s with the processes of the visible rows. */
static void
events_run_sel_build(struct identset *s, const struct rows *rows)
{
	struct proc_ident	id;
	size_t			i;

	identset_clear(s);
	for (i = 0; i < rows->n; i++) {
		if (rows->v[i].proc == NULL)
			continue;
		id.pid = rows->v[i].proc->pid;
		id.start_ticks = rows->v[i].proc->start_ticks;
		identset_append(s, &id);
	}
	identset_sort(s);
}

/*
 * Whether e is about a process of s, or, from the kernel's events, about
 * a child of one: a process of a selection's that lived between two
 * refreshes is in none of its rows.
 */
static bool
events_run_sel_has(const struct identset *s, const struct diff_event *e)
{
	struct proc_ident	id = { e->pid, e->start_ticks };
	pid_t			ppid = e->kind == DIFF_EXITED ? e->old_ppid :
				    e->new_ppid;

	if (identset_has(s, &id))
		return true;
	return (e->kind == DIFF_STARTED || e->kind == DIFF_EXITED ||
	    e->kind == DIFF_EXEC) && ppid > 0 && identset_has_pid(s, ppid);
}

/*
 * Print the events of the last refresh (with a selection, those of the
 * processes it showed before or shows now: one reparented out of a -p
 * subtree is still reported); -1 when the run must end, *status set.
 */
static int
events_run_print(const struct diff *d, const struct identset *before,
    const struct identset *now, bool utf8, int *status)
{
	char				 line[EVENTS_LINE_MAX];
	size_t				 i;
	int				 err = 0;

	for (i = 0; i < d->n; i++) {
		if (before != NULL && !events_run_sel_has(before,
		    &d->events[i]) && !events_run_sel_has(now, &d->events[i]))
			continue;
		events_format_line(&d->events[i], utf8, line, sizeof line);
		if (fputs(line, stdout) == EOF || putc('\n', stdout) == EOF) {
			err = errno != 0 ? errno : EIO;
			break;
		}
	}
	if (fflush(stdout) == EOF && err == 0)
		err = errno != 0 ? errno : EIO;
	if (err == 0)
		return 0;
	if (err != EPIPE) {
		fprintf(stderr, "treetop: writing events failed: %s\n",
		    strerror(err));
		*status = 1;
	} else
		clearerr(stdout);	/* quiet: main() must not say it */
	return -1;
}

/* The first line: where the events come from, and why not the kernel. */
static void
events_run_source(const struct app *a)
{
	char	line[EVENTS_LINE_MAX];

	events_format_source(a->cur != NULL ? a->cur->time : 0,
	    a->events_kernel, a->events_why, line, sizeof line);
	errno = 0;
	puts(line);
	/* A reader gone is seen again, and quietly, by the loop. */
	if (fflush(stdout) == EOF && errno == EPIPE)
		clearerr(stdout);
}

/*
 * --load of a recording: every step from its first snapshot to its last,
 * as it was live (with the kernel's events recorded with it).
 */
static int
events_run_replay(struct app *a, bool utf8)
{
	struct identset	 before, now;
	bool		 select = a->view.vs.filter != ROWS_ALL;
	size_t		 i;
	int		 status = 0;

	identset_init(&before);
	identset_init(&now);
	for (i = 1; i < a->recording->n && !events_run_stop; i++) {
		app_seek(a, i - 1);
		if (select)
			events_run_sel_build(&before, &a->view.rows);
		app_seek(a, i);
		if (select)
			events_run_sel_build(&now, &a->view.rows);
		if (events_run_print(&a->diff, select ? &before : NULL,
		    select ? &now : NULL, utf8, &status) < 0)
			break;
	}
	identset_done(&before);
	identset_done(&now);
	return status;
}

int
events_run_batch(struct app *a)
{
	const struct options	*o = a->opts;
	struct identset		 before, now, swap;
	bool			 utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	bool			 select = a->view.vs.filter != ROWS_ALL;
	bool			 kernel = a->events_kernel;
	unsigned long		 taken;
	char			*cause = NULL;
	int			 status = 0;

	events_run_signals();
	if (a->recording != NULL)
		return events_run_replay(a, utf8);
	identset_init(&before);
	identset_init(&now);
	events_run_source(a);
	if (select)
		events_run_sel_build(&now, &a->view.rows);
	while (!events_run_stop) {
		if (o->iterations > 0 &&
		    a->refreshes >= (unsigned long)o->iterations)
			break;
		if (a->scanner != NULL)
			events_run_sleep(o->delay);
		if (events_run_stop || events_run_reader_gone())
			break;
		taken = a->refreshes;
		if (app_refresh(a, &cause) < 0) {
			fprintf(stderr, "treetop: %s\n", cause);
			free(cause);
			status = 1;
			break;
		}
		if (a->refreshes == taken)
			break;		/* a loaded source has no more */
		if (select) {
			swap = before;
			before = now;
			now = swap;
			events_run_sel_build(&now, &a->view.rows);
		}
		/* The listener stopped: said again, with why. */
		if (kernel && !a->events_kernel)
			events_run_source(a);
		kernel = a->events_kernel;
		if (events_run_print(&a->diff, select ? &before : NULL,
		    select ? &now : NULL, utf8, &status) < 0)
			break;
	}
	identset_done(&before);
	identset_done(&now);
	return status;
}
