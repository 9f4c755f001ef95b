/*
 * Scenario builders for model tests: small synthetic snapshots, inline.
 */
#ifndef TESTS_FX_H
#define TESTS_FX_H

#include <stdint.h>
#include <sys/types.h>

#include "proc/rows.h"
#include "proc/snapshot.h"

#define FX_HOST_PIDNS	4026531836ull	/* the default PID namespace inode */

/* New snapshot with clk_tck 100, time 1000000, self pid 1 in FX_HOST_PIDNS. */
struct snapshot	*fx_new(void);
/*
 * Add a process: pgid = sid, tgid = pid, start_ticks = pid * 10, tty 0,
 * nspid [pid], pid namespace FX_HOST_PIDNS, cmdline = comm.
 */
struct procinfo	*fx_proc(struct snapshot *s, pid_t pid, pid_t ppid, pid_t sid,
		    char state, const char *comm);
/* Put p into PID namespace ns with NSpid given as n ids, outermost first. */
void		 fx_nspid(struct procinfo *p, uint64_t ns, int n, ...);
/*
 * The namespace inodes of p, a record from fx_proc(), to change: each
 * such record has a set of its own (a scanned or loaded one shares it).
 */
uint64_t	*fx_ns(struct procinfo *p);
/* The record for pid (sorting first); NULL if none. */
struct procinfo	*fx_get(struct snapshot *s, pid_t pid);

/* A snapshot made ready for rows: sorted, classified, tree built. */
struct fx_scene {
	struct snapshot	*snap;		/* owned */
	struct ptree	*tree;		/* owned */
	struct rows	 rows;
};

/* Take s, sort and classify it, build its namespace table and tree. */
void		 fx_scene_build(struct fx_scene *sc, struct snapshot *s);
void		 fx_scene_free(struct fx_scene *sc);

#endif
