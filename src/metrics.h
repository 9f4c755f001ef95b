/*
 * --metrics: a snapshot's figures in the Prometheus text exposition
 * format (version 0.0.4), for node_exporter's textfile collector or any
 * scraper that reads a file.  Rendering is a pure function of a
 * classified snapshot, its reap report and two counters; writing a file
 * replaces it whole with rename(2).  Depends on libc and proc/ only.
 */
#ifndef SRC_METRICS_H
#define SRC_METRICS_H

#include <stddef.h>
#include <stdio.h>

struct diff;
struct reap_report;
struct snapshot;

#define METRICS_TOP_DEFAULT	20	/* zombie parents with series */
#define METRICS_STDOUT		"-"	/* the path that means stdout */

/* What the snapshot alone does not say. */
struct metrics_stats {
	unsigned long long	 forks;		/* processes seen started
						   since the first snapshot */
	double			 duration;	/* seconds the refresh took;
						   negative: unknown */
	size_t			 top;		/* zombie parents with series,
						   those holding most first */
};

/*
 * Write the exposition of snap (sorted, classified, its PID-namespace
 * table built) and r (reap_report_build() of snap) to out.  Returns 0 or
 * -errno when out failed.
 */
int	metrics_render(FILE *out, const struct snapshot *snap,
	    const struct reap_report *r, const struct metrics_stats *st);
/*
 * The same into path: a temporary file beside it, renamed over it, so a
 * reader sees the old text or the new, never a part; "-" writes to
 * stdout instead.  Returns 0 or -errno.
 */
int	metrics_write_file(const char *path, const struct snapshot *snap,
	    const struct reap_report *r, const struct metrics_stats *st);
/*
 * The processes d saw start (threads not counted) in cur, the snapshot
 * d was made for: what one refresh adds to metrics_stats.forks.
 */
unsigned long long metrics_started(const struct diff *d,
	    const struct snapshot *cur);

#endif
