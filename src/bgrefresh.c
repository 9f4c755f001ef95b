/*
 * The background refresh thread.  The thread owns the scanner while a
 * refresh runs; the UI thread only reads what scan_open() set (for
 * scan_read_fresh()).  Request and result pass under one mutex; the
 * result is announced by a byte on a pipe, which the UI polls together
 * with the terminal.
 */
#include "config.h"
#include "bgrefresh.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/ptree.h"
#include "proc/scan.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "src/app.h"

struct bgrefresh {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;
	int			 pipe[2];	/* done: read end, write end */
	struct scanner		*sc;		/* borrowed */
	struct app_lineage	*lin;		/* borrowed; may be NULL */
	bgrefresh_build_fn	 build;

	bool			 busy;		/* requested, not collected: only
						   the UI thread reads or writes it */

	/* Under lock. */
	bool			 requested;	/* a request waits for the thread */
	bool			 done;		/* result below is ready */
	bool			 stop;
	const struct snapshot	*base;
	unsigned		 scan_flags;
	struct recorder		*rec;
	struct app_next		 result;
	int			 rc;
	char			*cause;
};

static void *
bgrefresh_main(void *arg)
{
	struct bgrefresh	*bg = arg;
	const struct snapshot	*base;
	struct recorder		*rec;
	char			*cause, byte = 'r';
	int			 rc;

	pthread_mutex_lock(&bg->lock);
	for (;;) {
		while (!bg->requested && !bg->stop)
			pthread_cond_wait(&bg->wake, &bg->lock);
		if (bg->stop)
			break;
		bg->requested = false;
		base = bg->base;
		rec = bg->rec;
		scan_set_flags(bg->sc, bg->scan_flags);
		pthread_mutex_unlock(&bg->lock);

		/* The UI leaves result alone until done is set. */
		cause = NULL;
		rc = bg->build(bg->sc, bg->lin, rec, base, &bg->result,
		    &cause);

		pthread_mutex_lock(&bg->lock);
		bg->rc = rc;
		bg->cause = cause;
		bg->done = true;
		while (write(bg->pipe[1], &byte, 1) < 0 && errno == EINTR)
			continue;
	}
	pthread_mutex_unlock(&bg->lock);
	return NULL;
}

struct bgrefresh *
bgrefresh_start(struct scanner *sc, struct app_lineage *lin,
    bgrefresh_build_fn build, char **cause)
{
	struct bgrefresh	*bg = xcalloc(1, sizeof *bg);
	sigset_t		 all, old;
	int			 err;

	bg->sc = sc;
	bg->lin = lin;
	bg->build = build;
	if (pipe2(bg->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(bg);
		return NULL;
	}
	pthread_mutex_init(&bg->lock, NULL);
	pthread_cond_init(&bg->wake, NULL);
	/* Signals (SIGWINCH, SIGINT) stay with the UI thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&bg->thread, NULL, bgrefresh_main, bg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		xasprintf(cause, "starting the refresh thread: %s",
		    strerror(err));
		close(bg->pipe[0]);
		close(bg->pipe[1]);
		pthread_mutex_destroy(&bg->lock);
		pthread_cond_destroy(&bg->wake);
		free(bg);
		return NULL;
	}
	return bg;
}

/* Free a result nobody installed. */
static void
bgrefresh_discard(struct bgrefresh *bg)
{
	ptree_free(bg->result.tree);
	snapshot_free(bg->result.snap);
	diff_done(&bg->result.diff);
	diff_done(&bg->result.polled);
	free(bg->result.why);
	memset(&bg->result, 0, sizeof bg->result);
	free(bg->cause);
	bg->cause = NULL;
}

void
bgrefresh_stop(struct bgrefresh *bg)
{
	if (bg == NULL)
		return;
	pthread_mutex_lock(&bg->lock);
	bg->stop = true;
	pthread_cond_signal(&bg->wake);
	pthread_mutex_unlock(&bg->lock);
	pthread_join(bg->thread, NULL);
	bgrefresh_discard(bg);
	close(bg->pipe[0]);
	close(bg->pipe[1]);
	pthread_mutex_destroy(&bg->lock);
	pthread_cond_destroy(&bg->wake);
	free(bg);
}

int
bgrefresh_fd(const struct bgrefresh *bg)
{
	return bg->pipe[0];
}

bool
bgrefresh_busy(const struct bgrefresh *bg)
{
	return bg->busy;	/* only the UI thread writes it */
}

void
bgrefresh_request(struct bgrefresh *bg, const struct snapshot *base,
    unsigned scan_flags, struct recorder *rec)
{
	assert(!bg->busy);
	pthread_mutex_lock(&bg->lock);
	bg->base = base;
	bg->scan_flags = scan_flags;
	bg->rec = rec;
	bg->requested = true;
	bg->busy = true;
	pthread_cond_signal(&bg->wake);
	pthread_mutex_unlock(&bg->lock);
}

int
bgrefresh_collect(struct bgrefresh *bg, struct app_next *n, char **cause)
{
	char	buf[16];
	int	rc;

	pthread_mutex_lock(&bg->lock);
	if (!bg->done) {
		pthread_mutex_unlock(&bg->lock);
		return 1;
	}
	while (read(bg->pipe[0], buf, sizeof buf) > 0)
		continue;
	bg->done = false;
	bg->busy = false;
	rc = bg->rc;
	*cause = bg->cause;
	bg->cause = NULL;
	if (rc == 0) {
		/* The refresh is the caller's now, events and all. */
		*n = bg->result;
		memset(&bg->result, 0, sizeof bg->result);
	}
	pthread_mutex_unlock(&bg->lock);
	return rc < 0 ? -1 : 0;
}
