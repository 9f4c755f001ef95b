/*
 * Key !: the checks (a live process of the live system, not a kernel
 * thread or a zombie, and root), then proc/scan_enter.c's shell between
 * ui_suspend() and ui_resume().  The explorer's loop is this thread, so
 * nothing draws while the shell runs; the refresh thread only scans.
 */
#include "config.h"
#include "live_shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/escape.h"
#include "proc/scan_enter.h"
#include "proc/snapshot.h"
#include "proc/view.h"
#include "src/app.h"
#include "ui/ui.h"

/* Why p cannot be entered, or NULL if it can. */
static const char *
live_shell_refusal(const struct app *a, const struct procinfo *p,
    bool ghost)
{
	if (a->scanner == NULL)
		return "a saved snapshot: there is no process to enter";
	if (p == NULL || ghost)
		return "select a running process to open a shell in its "
		    "namespaces";
	if ((p->flags & PI_KTHREAD) || (p->kflags & PF_KTHREAD_BIT))
		return "a kernel thread has no namespaces of its own to enter";
	if (p->state == 'Z' || (p->flags & PI_ZOMBIE))
		return "a zombie has left its namespaces: nothing to enter";
	if (geteuid() != 0)
		return "a shell in another process's namespaces needs root";
	return NULL;
}

/* The status line after the shell: how it ended. */
static void
live_shell_said(struct view *v, pid_t pid, int status)
{
	char	msg[128];

	if (WIFSIGNALED(status))
		snprintf(msg, sizeof msg, "the shell in PID %d's namespaces "
		    "was killed by signal %d", (int)pid, WTERMSIG(status));
	else
		snprintf(msg, sizeof msg, "the shell in PID %d's namespaces "
		    "exited (status %d)", (int)pid, WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
	view_say(v, msg);
}

void
live_shell_run(struct app *a, struct ui *ui)
{
	struct view		*v = &a->view;
	const struct procinfo	*p = view_selected_proc(v);
	const char		*no = live_shell_refusal(a, p,
				    view_selected_is_ghost(v));
	char			*cause = NULL, *name;
	pid_t			 pid;
	uint64_t		 start;
	int			 status = 0;

	if (no != NULL) {
		view_say(v, no);
		return;
	}
	pid = p->flags & PI_THREAD ? p->tgid : p->pid;
	start = p->start_ticks;
	if (p->flags & PI_THREAD) {
		const struct procinfo	*leader = snapshot_find(a->cur, pid);

		start = leader != NULL ? leader->start_ticks : 0;
	}
	name = escape_strdup(p->comm);
	ui_suspend(ui);
	printf("treetop: a shell in the namespaces of PID %d (%s); exit it "
	    "to return\n", (int)pid, name);
	fflush(stdout);
	if (scan_enter_shell(pid, start, &status, &cause) < 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		view_say(v, cause);
	} else
		live_shell_said(v, pid, status);
	ui_resume(ui);
	free(cause);
	free(name);
}
