/*
 * One process event from the kernel (the proc connector), as plain data:
 * what the listener (procevents.c) puts in the queue (procev_queue.c) and
 * the model (lineage.c) reads.  Times are unix seconds; process numbers
 * are in the listener's own PID namespace.  No /proc, no netlink here.
 */
#ifndef PROC_PROCEV_H
#define PROC_PROCEV_H

#include <stddef.h>
#include <sys/types.h>

#define PROCEV_COMM_MAX	17	/* the kernel's 16 bytes and a NUL */

enum procev_kind {
	PROCEV_FORK,		/* pid/tgid born of ppid/ptgid */
	PROCEV_EXEC,		/* tgid ran a new program: comm, cmdline */
	PROCEV_EXIT,		/* pid/tgid exited with status; ppid/ptgid
				   its parent then */
	PROCEV_COMM,		/* tgid renamed itself: comm */
	PROCEV_LOST,		/* the kernel dropped count events */
};

struct procev {
	double		 time;		/* unix seconds: the kernel's stamp */
	double		 boot_time;	/* unix seconds the machine booted,
					   to the clocks' precision (a
					   snapshot's is whole seconds);
					   0 unknown */
	char		*cmdline;	/* EXEC: owned, args NUL-separated, or
					   NULL when it had gone */
	size_t		 cmdline_len;
	unsigned long	 count;		/* LOST: how many */
	enum procev_kind kind;
	pid_t		 pid;		/* the task (a thread's TID) */
	pid_t		 tgid;		/* its process */
	pid_t		 ppid;		/* FORK, EXIT: the parent task */
	pid_t		 ptgid;		/* FORK, EXIT: the parent process */
	int		 status;	/* EXIT: the wait status (exit code
					   << 8, or the signal, 0x80 core) */
	char		 comm[PROCEV_COMM_MAX];	/* EXEC, COMM; "" unknown */
};

#endif
