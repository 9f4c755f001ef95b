/*
 * The live explorer's loop: ask the refresh thread for a snapshot every
 * delay, install it when it is done, read keys in between, and draw a
 * frame after each.  The view keeps selection and folds by process
 * identity, so they survive every refresh; a key never rescans (except
 * H, which changes what the scanner reads).
 */
#include "config.h"
#include "live.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc/escape.h"
#include "proc/recording.h"
#include "proc/scan.h"
#include "proc/view.h"
#include "src/app.h"
#include "src/bgrefresh.h"
#include "src/cli.h"
#include "src/live_keys.h"
#include "src/live_state.h"
#include "src/settings.h"
#include "ui/draw.h"
#include "ui/glyphs.h"
#include "ui/ui.h"

/* A query escaped: a byte may become \xHH, a character \uHHHH. */
#define LIVE_QUERY_ESC_MAX	(VIEW_QUERY_MAX * 6)
#define LIVE_PROMPT_MAX	(LIVE_QUERY_ESC_MAX + 96)
#define LIVE_COMMAND_MIN	30	/* COMMAND's columns when narrow */

static double
live_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The view's name in the header, by namespace type. */
static const char *const live_group_labels[NS_COUNT] = {
	[NS_PID] = "by PID namespace", [NS_MNT] = "by mnt namespace",
	[NS_NET] = "by net namespace", [NS_UTS] = "by uts namespace",
	[NS_IPC] = "by ipc namespace", [NS_USER] = "by user namespace",
	[NS_CGROUP] = "by cgroup namespace", [NS_TIME] = "by time namespace",
};

static const char *
live_view_label(const struct viewstate *vs)
{
	switch (vs->filter) {
	case ROWS_ZOMBIES:
		return "zombies";
	case ROWS_ORPHANS:
		return "orphans";
	case ROWS_SUBTREES:
		return "subtrees";
	case ROWS_PIDNS:
		return "PID namespace";
	case ROWS_CONTAINER:
		return "container";
	case ROWS_ALL:
		break;
	}
	switch (vs->layout) {
	case ROWS_BY_PIDNS:
		return live_group_labels[vs->group_ns];
	case ROWS_FLAT:
		return "flat list";
	case ROWS_TREE:
		break;
	}
	return NULL;
}

/*
 * A typed query made safe for the terminal (it may hold any UTF-8, and
 * what is typed reaches the screen only escaped), without the start of a
 * character whose other bytes have not arrived yet.
 */
static const char *
live_escape_query(const char *q, char *out, size_t size)
{
	size_t	len = strlen(q), lead = len, need;

	while (lead > 0 && len - lead < 4 &&
	    ((unsigned char)q[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead > 0 && (unsigned char)q[lead - 1] >= 0xc0) {
		need = (unsigned char)q[lead - 1] >= 0xf0 ? 4 :
		    (unsigned char)q[lead - 1] >= 0xe0 ? 3 : 2;
		if (len - (lead - 1) < need)
			len = lead - 1;
	}
	escape_bytes(q, len, glyphs_from_locale() == GLYPHS_UTF8, out, size);
	return out;
}

/* The status line: a message, the line being typed, or the kept search. */
static void
live_frame_status(struct view *v, struct ui_frame *f, char *prompt,
    size_t size)
{
	char	esc[LIVE_QUERY_ESC_MAX];

	f->status = view_status(v, live_now());
	if (v->input != VIEW_INPUT_NONE) {
		snprintf(prompt, size, "%s: %s", v->input ==
		    VIEW_INPUT_SEARCH ? "Search (Enter keeps, Esc clears)" :
		    v->input == VIEW_INPUT_FILTER ?
		    "Filter (Enter keeps, Esc clears)" :
		    v->input == VIEW_INPUT_EVENTS ?
		    "Events of (a PID or a name; Enter keeps, Esc clears)" :
		    "User, name or uid (Enter shows only theirs, empty: all)",
		    live_escape_query(v->edit, esc, sizeof esc));
		f->prompt = prompt;
	} else if (f->status == NULL && v->search[0] != '\0') {
		snprintf(prompt, size, "search '%s': n next, Shift-F3 "
		    "previous, Esc clears",
		    live_escape_query(v->search, esc, sizeof esc));
		f->status = prompt;
	}
	f->filter = v->filter;
}

/* "events: kernel", "events: kernel, 3 lost" or "events: polling". */
static void
live_events_label(const struct app *a, char *buf, size_t size)
{
	if (!a->events_kernel)
		snprintf(buf, size, "events: polling");
	else if (a->events_lost > 0)
		snprintf(buf, size, "events: kernel, %lu overruns",
		    a->events_lost);
	else
		snprintf(buf, size, "events: kernel");
}

static void
live_draw(struct live *l)
{
	struct app	*a = l->app;
	struct view	*v = &a->view;
	struct ui_frame	 f;
	char		 prompt[LIVE_PROMPT_MAX], label[LIVE_QUERY_ESC_MAX + 32];
	char		 user[LIVE_QUERY_ESC_MAX];
	char		 events[64], churn[64];

	view_scroll(v, draw_page_rows());
	l->columns.user_width = columns_user_width(a->cur);
	columns_fit(&l->columns, ui_width(), LIVE_COMMAND_MIN, &l->shown);
	memset(&f, 0, sizeof f);
	f.snap = a->cur;
	f.rows = &v->rows;
	f.selected = v->selected;
	f.top = v->top;
	f.hscroll = v->hscroll;
	f.delay = a->opts->delay;
	f.paused = l->paused;
	f.view_label = live_view_label(&v->vs);
	if (v->vs.one_user) {
		snprintf(label, sizeof label, "%s%suser %s", f.view_label ?
		    f.view_label : "", f.view_label ? ", " : "",
		    live_escape_query(v->user, user, sizeof user));
		f.view_label = label;
	}
	live_frame_status(v, &f, prompt, sizeof prompt);
	/* A resize may leave fewer pages than the one shown. */
	if (l->help > draw_help_pages())
		l->help = draw_help_pages();
	f.help = l->help;
	if (l->help > 0 && draw_help_pages() > 1) {
		snprintf(prompt, sizeof prompt, "help page %zu of %zu: Space "
		    "next, any other key closes", l->help, draw_help_pages());
		f.status = prompt;
	}
	f.columns = &l->shown;
	f.ns_view = v->vs.layout == ROWS_BY_PIDNS && v->vs.group_ns == NS_PID;
	f.group_ns = v->vs.group_ns;
	f.flat = v->vs.layout == ROWS_FLAT;
	f.sort_column = l->sort_column;
	f.descending = v->vs.descending;
	f.threads = !v->vs.hide_threads;
	f.saved = a->scanner == NULL;
	if (!f.saved) {
		live_events_label(a, events, sizeof events);
		f.events = events;
	}
	if (!f.saved && a->churn.rates_known) {
		snprintf(churn, sizeof churn, "%.0f forks/s, %s%.0f exits/s",
		    a->churn.forks_rate, a->churn.exact ? "" : "~",
		    a->churn.exits_rate);
		f.churn = churn;
	}
	if (a->recording != NULL) {
		f.rec_pos = a->rec_index + 1;
		f.rec_len = a->recording->n;
	}
	f.reap = &a->reap;
	f.body_drawn = l->setup.open || live_panes_mode(&l->panes) !=
	    KEYS_TREE;
	ui_draw(l->ui, &f);
	if (l->setup.open)
		ui_draw_setup(l->ui, &l->setup);
	else
		live_panes_draw(&l->panes, a, l->ui);
}

enum live_woke {
	LIVE_WOKE_TIMEOUT,
	LIVE_WOKE_KEY,
	LIVE_WOKE_REFRESH,
	LIVE_WOKE_END,		/* SIGHUP, SIGTERM, or the terminal is gone */
};

/*
 * Set by SIGHUP and SIGTERM: the explorer ends as 'q' ends it, with the
 * terminal restored.  A flag for a signal handler is global by nature.
 */
static volatile sig_atomic_t	live_ending;

static void
live_on_end_signal(int sig)
{
	(void)sig;
	live_ending = 1;
}

/*
 * Wait for a key, a finished refresh or, when none is under way and the
 * display is not paused, for seconds.  A signal (SIGWINCH) counts as a
 * key: ncurses turns it into a resize.
 */
static enum live_woke
live_wait(struct live *l, double seconds)
{
	struct pollfd	 fds[2];
	struct timespec	 ts, *timeout = NULL;
	double		 status_left = l->app->view.status_until - live_now();
	int		 n;

	fds[0].fd = STDIN_FILENO;
	fds[0].events = POLLIN;
	/* Paused, a finished refresh waits (unless a key asked for it). */
	fds[1].fd = l->bg != NULL && (!l->paused || l->forced) ?
	    bgrefresh_fd(l->bg) : -1;
	fds[1].events = POLLIN;
	if (l->paused || (l->bg != NULL && bgrefresh_busy(l->bg)))
		seconds = -1;
	/* A status message goes when its time is up. */
	if (status_left > 0 && (seconds < 0 || status_left < seconds))
		seconds = status_left + 0.001;
	if (seconds >= 0) {
		ts.tv_sec = (time_t)seconds;
		ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
		timeout = &ts;
	}
	/*
	 * SIGWINCH is blocked but here: arriving in ppoll() it wakes us, and
	 * the next key read is the resize.  Delivered anywhere else, it
	 * would set ncurses' flag just after the last read and leave the
	 * screen at its old size until the next key.
	 */
	n = ppoll(fds, 2, timeout, &l->wait_mask);
	/*
	 * A hung-up terminal polls readable for ever and reads nothing: a
	 * process outside its session (or PID 1 of a namespace, which the
	 * kernel's SIGHUP does not reach) must notice it here, or spin.
	 */
	if (live_ending || (n > 0 &&
	    (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))))
		return LIVE_WOKE_END;
	if (n < 0)
		return LIVE_WOKE_KEY;
	if (n > 0 && (fds[1].revents & POLLIN))
		return LIVE_WOKE_REFRESH;
	if (n > 0)
		return LIVE_WOKE_KEY;
	return LIVE_WOKE_TIMEOUT;
}

/* Show the refresh the thread finished; -1 with *cause if it failed. */
static int
live_install(struct live *l, char **cause)
{
	struct app_next	n;
	int		rc;

	memset(&n, 0, sizeof n);
	rc = bgrefresh_collect(l->bg, &n, cause);
	l->forced = false;
	if (rc != 0) {
		app_next_discard(&n);
		return rc < 0 ? -1 : 0;
	}
	rc = n.record_failed ? -1 : 0;
	app_next_install(l->app, &n);
	return rc < 0 ? -1 : app_write_metrics(l->app, cause);
}

/* Ask for a refresh when one is due (or asked for) and none is under way. */
static void
live_request(struct live *l, double now, double *next)
{
	struct app	*a = l->app;

	if (l->bg == NULL) {
		if (now >= *next)
			*next = now + a->opts->delay;	/* a file: redraw */
		return;
	}
	if (bgrefresh_busy(l->bg) ||
	    !((!l->paused && now >= *next) || l->refresh_now))
		return;
	l->forced = l->refresh_now;
	l->refresh_now = false;
	/* a->cur is only read by the thread until collected. */
	bgrefresh_request(l->bg, a->cur, app_scan_flags(a->opts,
	    !a->view.vs.hide_threads), a->recorder);
	/* Refreshes start every delay, however long one takes. */
	*next = now + a->opts->delay;
}

/* The loop; its exit status. */
static int
live_loop(struct live *l, char **cause)
{
	const struct options	*o = l->app->opts;
	struct key_event	 ev;
	double			 next = live_now() + o->delay, now;

	while (!l->quit) {
		live_draw(l);
		/* -n N: quit once N snapshots were shown (the first counts). */
		if (o->iterations > 0 &&
		    l->app->refreshes >= (unsigned long)o->iterations)
			break;
		now = live_now();
		live_request(l, now, &next);
		switch (live_wait(l, next - now)) {
		case LIVE_WOKE_REFRESH:
			if (live_install(l, cause) < 0)
				return 1;
			break;
		case LIVE_WOKE_KEY:
			/* Every key waiting, then one redraw. */
			while (!l->quit &&
			    ui_key(l->ui, live_keys_mode(l), &ev))
				live_keys_handle(l, &ev);
			break;
		case LIVE_WOKE_TIMEOUT:
			break;
		case LIVE_WOKE_END:
			l->quit = true;
			break;
		}
	}
	return 0;
}

/* The columns, saved or default, and the view the explorer starts with. */
static void
live_init(struct live *l, struct app *a, char **warn)
{
	memset(l, 0, sizeof *l);
	l->app = a;
	columns_default(&l->columns);
	if (settings_load(&l->columns, warn) < 0)
		columns_default(&l->columns);
	l->sort_column = COL_CPU;
	a->view.vs.sort = SORT_CPU;
	a->view.vs.descending = true;
	view_rebuild(&a->view);
	live_panes_init(&l->panes);
}

/* The terminal and the refresh thread; -1 with *cause. */
static int
live_start(struct live *l, char **cause)
{
	const struct options	*o = l->app->opts;
	struct ui_config	 cfg;

	cfg.no_color = o->no_color || getenv("NO_COLOR") != NULL;
	cfg.utf8 = glyphs_from_locale() == GLYPHS_UTF8;
	cfg.glyphs = cli_glyphs(o);
	if ((l->ui = ui_open(&cfg, cause)) == NULL)
		return -1;
	if (l->app->scanner != NULL && (l->bg = bgrefresh_start(
	    l->app->scanner, &l->app->lin, app_next_build, cause)) == NULL) {
		ui_close(l->ui);
		return -1;
	}
	return 0;
}

/*
 * SIGWINCH, SIGHUP and SIGTERM blocked but in ppoll() (live_wait()), where
 * they wake the loop; the old mask into *saved, the old actions of SIGHUP
 * and SIGTERM into acts.
 */
static void
live_signals(struct live *l, sigset_t *saved, struct sigaction acts[2])
{
	struct sigaction	sa;
	sigset_t		set;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = live_on_end_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, &acts[0]);
	sigaction(SIGTERM, &sa, &acts[1]);
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &l->wait_mask);
	*saved = l->wait_mask;
	sigdelset(&l->wait_mask, SIGWINCH);
	sigdelset(&l->wait_mask, SIGHUP);
	sigdelset(&l->wait_mask, SIGTERM);
}

int
live_run(struct app *a)
{
	struct live		 l;
	char			*cause = NULL, *warn = NULL;
	struct sigaction	 saved_acts[2];
	sigset_t		 saved_mask;
	int			 status = 1;

	live_init(&l, a, &warn);
	if (warn != NULL) {
		view_say(&a->view, warn);
		free(warn);
	}
	if (live_start(&l, &cause) == 0) {
		live_signals(&l, &saved_mask, saved_acts);
		status = live_loop(&l, &cause);
		/* The terminal first: a scan under way may take a second. */
		ui_close(l.ui);
		bgrefresh_stop(l.bg);
		sigaction(SIGHUP, &saved_acts[0], NULL);
		sigaction(SIGTERM, &saved_acts[1], NULL);
		pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
	}
	live_panes_done(&l.panes);
	if (status != 0) {
		fprintf(stderr, "treetop: %s\n", cause);
		free(cause);
	}
	return status;
}
