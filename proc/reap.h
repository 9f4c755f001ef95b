/*
 * Who fails to reap, and how fit each PID namespace's init is: zombies
 * grouped by their parent, orphaned process groups, sessions whose leader
 * is gone, and one reaper entry (PID 1 and its verdict) per PID namespace.
 *
 * A pure function of a classified snapshot: run classify_snapshot() and
 * nstable_build() first.  The report holds copies and plain numbers, never
 * pointers into the snapshot, so it outlives it.  No /proc, no clock, no
 * curses, no jansson.
 */
#ifndef PROC_REAP_H
#define PROC_REAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snapshot.h"

/*
 * Whether an init handles a signal: it catches it (SigCgt) or blocks it to
 * take it with sigwait() or a signalfd (SigBlk); unknown when the masks
 * were not read.
 */
enum reap_tristate {
	REAP_UNKNOWN	= -1,
	REAP_NO		= 0,
	REAP_YES	= 1,
};

/* One process with zombie children. */
struct reap_zparent {
	pid_t		 pid;
	uint64_t	 start_ticks;	/* its identity, with pid */
	char		 comm[COMM_MAX];	/* copy; raw bytes, unescaped */
	size_t		 count;		/* zombie children */
	pid_t		*zombies;	/* owned; count pids, ascending */
	double		 oldest_seen;	/* seconds the oldest has been seen
					   a zombie: snap->time minus the
					   earliest zombie_since; negative:
					   unknown (always, on a single
					   snapshot) */
};

/* A process group orphaned in the POSIX sense. */
struct reap_pgroup {
	pid_t		 pgid;
	pid_t		 sid;
	unsigned	 members;	/* live (not zombie) processes */
	unsigned	 nstopped;	/* members in state T */
	bool		 stopped;	/* a member is in state T: the kernel
					   sent or will send SIGHUP+SIGCONT */
};

/* A session whose leader (pid == sid) is not in the snapshot. */
struct reap_session {
	pid_t		 sid;
	unsigned	 members;	/* live (not zombie) processes */
};

/* Verdict bits, in the order of their codes (reap_verdict_codes[]). */
enum reap_verdict {
	REAP_V_NOT_REAPING	= 1u << 0,	/* "not-reaping" */
	REAP_V_IGNORES_SIGTERM	= 1u << 1,	/* "ignores-sigterm" */
	REAP_V_NOT_AN_INIT	= 1u << 2,	/* "not-an-init" */
	REAP_V_STOPPED		= 1u << 3,	/* "stopped" */
};
#define REAP_VERDICT_COUNT	4

/* "not-reaping", ...: the code of bit 1 << i, for i < REAP_VERDICT_COUNT. */
extern const char *const reap_verdict_codes[REAP_VERDICT_COUNT];

/* The init of one PID namespace, judged. */
struct reap_entry {
	uint64_t	 pidns;		/* namespace inode */
	int		 level;		/* 0: the scanner's namespace */
	pid_t		 init_pid;	/* in the scanner's numbering; 0: not
					   visible */
	char		 init_comm[COMM_MAX];	/* copy; "" when not visible */
	const char	*known_init;	/* static: "systemd", "tini", ...;
					   NULL: none known */
	enum reap_tristate handles_sigterm;
	enum reap_tristate handles_sigint;
	unsigned	 unreaped_zombies;	/* its zombie children */
	unsigned	 adopted;	/* children flagged orphan */
	unsigned	 children;	/* all its children, threads not
					   counted */
	unsigned	 verdict;	/* enum reap_verdict bits; 0: healthy */
};

struct reap_report {
	struct reap_zparent	*zparents;	/* owned; by pid */
	size_t			 nzparents;
	struct reap_pgroup	*pgroups;	/* owned; by sid, then pgid */
	size_t			 npgroups;
	struct reap_session	*sessions;	/* owned; by sid */
	size_t			 nsessions;
	struct reap_entry	*reapers;	/* owned; as snap->pidns */
	size_t			 nreapers;
};

/*
 * Fill r from snap (sorted, classified, its PID-namespace table built).
 * r's previous contents are overwritten, not freed: reap_report_done() a
 * built report before building it again.  Zombies whose parent is not in
 * the snapshot belong to no entry.  Out of memory is fatal (xalloc).
 */
void		 reap_report_build(struct reap_report *r,
		     const struct snapshot *snap);
/* Free what r owns and leave it empty; calling it twice is fine. */
void		 reap_report_done(struct reap_report *r);
/*
 * Whether p handles signal sig: catches it (SigCgt), or blocks it to take
 * it with sigwait() or a signalfd (SigBlk) as tini and systemd do; an
 * ignored signal is not handled.  REAP_UNKNOWN when the masks were not
 * read.
 */
enum reap_tristate reap_handles(const struct procinfo *p, int sig);
/* The entry of PID namespace pidns in r (NULL: none, or r is NULL). */
const struct reap_entry *reap_find(const struct reap_report *r,
		     uint64_t pidns);

/*
 * The known init that p runs, judged from its comm, the basename of its
 * argv[0] and, for an interpreter, its script: "systemd", "tini",
 * "docker-init" (Docker's tini), "dumb-init", "catatonit", "s6-svscan",
 * "runit", "supervisord" or "init" (sysvinit, busybox); a static string,
 * or NULL.
 */
const char	*reap_known_init(const struct procinfo *p);

/*
 * The verdict in words for a container user, into buf: "PID 1 is
 * python3: it does not handle SIGTERM and leaves 2 zombies; run it under
 * an init such as tini or use --init", "PID 1 is tini: healthy".  The
 * host's init (level 0) is not run under another: what the kernel does
 * with signals it does not handle is said instead.  The name is the raw
 * comm: escape it before drawing.  Returns buf.
 */
char		*reap_verdict_sentence(const struct reap_entry *e, char *buf,
		     size_t size);

#endif
