/*
 * libFuzzer target: any bytes through the snapshot/recording loader.
 * A document that loads must survive the whole model (classify, the
 * namespace table, the tree, rows) and write out again as JSON.
 * Build and run: see tests/fuzz/README.md.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "proc/classify.h"
#include "proc/load.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "src/jsonout.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot		*snap;
	struct ptree		*tree;
	struct rows		 rows;
	struct viewstate	 vs = { .filter = ROWS_ALL };
	char			*cause = NULL, *json;

	snap = load_string((const char *)data, size, "fuzz", &cause);
	free(cause);
	if (snap == NULL)
		return 0;
	classify_snapshot(snap);
	nstable_build(snap);
	tree = ptree_build(snap);
	rows_init(&rows);
	rows_build(&rows, tree, &vs);
	vs.layout = ROWS_BY_PIDNS;
	rows_build(&rows, tree, &vs);
	vs.filter = ROWS_ZOMBIES;
	vs.layout = ROWS_FLAT;
	rows_build(&rows, tree, &vs);
	json = jsonout_string(snap, NULL, JSONOUT_COMPACT);
	free(json);
	rows_done(&rows);
	ptree_free(tree);
	snapshot_free(snap);
	return 0;
}
