/*
 * libFuzzer target: any bytes as a --load file, through the whole path a
 * loaded document takes: the recording loader (one document or JSON
 * lines), the replay (diff, classify, namespaces, the live orphan rule),
 * every step's events as --events prints them, births and ghosts, the
 * tree and its rows in three layouts with ghosts among them, the batch
 * text, every column of every row, the JSON, the metrics, the reaping
 * report and the detail pane of every process.  Everything is written
 * into memory; nothing may crash, leak or reach undefined behaviour.
 * Build and run: see tests/fuzz/README.md.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/diff.h"
#include "proc/lineage.h"
#include "proc/procdetail.h"
#include "proc/ptree.h"
#include "proc/reap.h"
#include "proc/recent.h"
#include "proc/recording.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "src/batch.h"
#include "src/events.h"
#include "src/jsonout.h"
#include "src/metrics.h"
#include "ui/columns.h"
#include "ui/detailfmt.h"
#include "ui/glyphs.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every step's events, as --events prints them (both charsets). */
static void
fuzz_events(const struct recording *rec)
{
	struct diff	d;
	char		line[EVENTS_LINE_MAX];
	size_t		i, k;

	diff_init(&d);
	for (i = 1; i < rec->n; i++) {
		diff_snapshots(rec->snaps[i - 1], rec->snaps[i], &d);
		for (k = 0; k < d.n; k++) {
			events_format_line(&d.events[k], true, line,
			    sizeof line);
			events_format_line(&d.events[k], false, line,
			    sizeof line);
		}
	}
	diff_done(&d);
}

/* Each row's columns, and the detail pane of its process. */
static void
fuzz_rows_out(const struct rows *rows, const struct snapshot *snap)
{
	struct column_set	 cols;
	struct procdetail	 d;
	struct detail_lines	 dl;
	char			*cause = NULL, line[1024];
	size_t			 i;

	if (columns_parse(&cols, "PID,PPID,PGID,SID,TGID,NSPID,USER,S,MARK,"
	    "CPU%,MEM%,RSS,VIRT,TIME+,START,NLWP", &cause) < 0)
		columns_default(&cols);
	free(cause);
	procdetail_init(&d);
	for (i = 0; i < rows->n; i++) {
		const struct procinfo	*p = rows->v[i].proc;

		if (p == NULL)
			continue;
		columns_line(&cols, p, snap, false, true, line, sizeof line);
		columns_line(&cols, p, snap, true, false, line, sizeof line);
		if (procdetail_from_snapshot(&d, snap, p->pid,
		    p->start_ticks) == 0) {
			detail_lines_init(&dl);
			detailfmt_format(&d, snap, i % 2 == 0, &dl);
			detail_lines_done(&dl);
		}
	}
	procdetail_done(&d);
}

/* -b: the tree (and --zombies) in both charsets, without ghosts. */
static void
fuzz_batch(const struct ptree *tree, struct rows *rows, FILE *out)
{
	struct batch_style	 style = { .glyphs = GLYPHS_UTF8, .utf8 = true };
	struct viewstate	 vs = { .filter = ROWS_ALL };

	rows_build(rows, tree, &vs);
	batch_write(out, rows, &style);
	style.glyphs = GLYPHS_ASCII;
	style.utf8 = false;
	vs.filter = ROWS_ZOMBIES;
	rows_build(rows, tree, &vs);
	batch_write(out, rows, &style);
}

/*
 * The last snapshot as -b, the explorer (births and ghosts marked; the
 * tree, by namespace, flat), --json and --metrics show it.
 */
static void
fuzz_show(struct recording *rec, FILE *out)
{
	struct snapshot		*snap = rec->snaps[rec->n - 1];
	struct recent		 recent;
	struct reap_report	 reap;
	struct metrics_stats	 st = { .forks = 0, .duration = -1, .top = 5 };
	struct viewstate	 vs = { .filter = ROWS_ALL };
	struct ptree		*tree;
	struct rows		 rows;
	char			*json;

	recent_init(&recent);
	/* As the explorer on --load: with the recorded events' ghosts. */
	lineage_replay_marks(&recent, rec->snaps, rec->events, rec->n - 1);
	tree = ptree_build(snap);
	rows_init(&rows);
	fuzz_batch(tree, &rows, out);
	vs.recent = &recent;
	rows_build(&rows, tree, &vs);
	fuzz_rows_out(&rows, snap);
	vs.layout = ROWS_BY_PIDNS;
	rows_build(&rows, tree, &vs);
	fuzz_rows_out(&rows, snap);
	vs.layout = ROWS_FLAT;
	vs.sort = SORT_START;
	rows_build(&rows, tree, &vs);
	fuzz_rows_out(&rows, snap);
	json = jsonout_string(snap, &rows, JSONOUT_COMPACT);
	free(json);
	memset(&reap, 0, sizeof reap);
	reap_report_build(&reap, snap);
	metrics_render(out, snap, &reap, &st);
	reap_report_done(&reap);
	rows_done(&rows);
	ptree_free(tree);
	recent_done(&recent);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 path[64];
	struct recording	 rec;
	char			*cause = NULL, *warnings = NULL, *mem = NULL;
	size_t			 memlen = 0;
	FILE			*f, *out;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz_document.%d",
		    (int)getpid());
	if ((f = fopen(path, "w")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if (recording_load(path, &rec, &cause, &warnings) == 0) {
		recording_prepare(&rec);
		fuzz_events(&rec);
		if ((out = open_memstream(&mem, &memlen)) == NULL)
			abort();
		fuzz_show(&rec, out);
		fclose(out);
		free(mem);
		recording_free(&rec);
	}
	free(cause);
	free(warnings);
	unlink(path);
	return 0;
}
