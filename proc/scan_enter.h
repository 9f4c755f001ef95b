/*
 * A shell inside another process's namespaces (scan_enter.c), as
 * `nsenter --all --target PID --root --wd` starts one: every namespace
 * type the process does not share with treetop, its root directory and
 * its working directory.  The process is named by its identity (pid,
 * start time), checked after the fds that lead to it are opened, so a
 * reused PID is never entered.  Needs root; no curses.
 */
#ifndef PROC_SCAN_ENTER_H
#define PROC_SCAN_ENTER_H

#include <stdint.h>
#include <sys/types.h>

/*
 * Run a shell in the namespaces of (pid, start_ticks) on the calling
 * process's terminal (standard input, output and error), in a process
 * group of its own that has the terminal while it runs, and wait for it.
 * The shell is $SHELL where that is an absolute path that exists inside
 * the process's root, else /bin/sh there.  Returns 0 with the shell's
 * wait status in *status, or -errno with *cause set (caller frees):
 * -ESRCH when the process is gone (or its PID reused), -EPERM without
 * the privilege, other values when a namespace or the root could not be
 * entered or no shell could run.  The caller leaves curses first; it may
 * have other threads (the child does only what is safe after fork(2)).
 */
int	scan_enter_shell(pid_t pid, uint64_t start_ticks, int *status,
	    char **cause);

#endif
