/*
 * Refreshes in a background thread, so that the live UI answers keys
 * while /proc is read (100,000 threads take most of a second).  One
 * refresh at a time: the UI asks for one, goes on with its keys, and
 * installs the result when the thread's pipe becomes readable.
 */
#ifndef SRC_BGREFRESH_H
#define SRC_BGREFRESH_H

#include <stdbool.h>


struct app_lineage;
struct app_next;
struct bgrefresh;
struct recorder;
struct scanner;
struct snapshot;

/* What the thread runs for a request: app_next_build(), or a test's. */
typedef int	(*bgrefresh_build_fn)(struct scanner *sc,
		    struct app_lineage *lin, struct recorder *rec,
		    const struct snapshot *base, struct app_next *n,
		    char **cause);

/*
 * Start the thread, which builds with sc and lin (may be NULL), both the
 * caller's and the thread's alone while a refresh is under way; NULL with
 * *cause (caller frees) if it cannot.
 */
struct bgrefresh *bgrefresh_start(struct scanner *sc,
		    struct app_lineage *lin, bgrefresh_build_fn build,
		    char **cause);
/* Stop the thread (waiting for a refresh under way) and free all. */
void		 bgrefresh_stop(struct bgrefresh *bg);
/* The fd that becomes readable when a requested refresh is done. */
int		 bgrefresh_fd(const struct bgrefresh *bg);
/* Whether a refresh was requested and not collected yet. */
bool		 bgrefresh_busy(const struct bgrefresh *bg);
/*
 * Ask for a refresh against base, with scan flags and recorder rec (may
 * be NULL).  base and rec must stay alive and unchanged until it is
 * collected.  Not while busy.
 */
void		 bgrefresh_request(struct bgrefresh *bg,
		    const struct snapshot *base, unsigned scan_flags,
		    struct recorder *rec);
/*
 * After the fd is readable: move the result into *n (zeroed by the
 * caller, who then owns what it holds) and return 0, or -1 with *cause
 * if the scan failed.
 * Returns 1 if the refresh is not done yet.
 */
int		 bgrefresh_collect(struct bgrefresh *bg, struct app_next *n,
		    char **cause);

#endif
