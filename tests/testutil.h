/*
 * Helpers every kind of test program shares: the monotonic clock and
 * sleeping, the binary under test, reading a stream whole, the checks in
 * main() that skip a program (exit 77, automake's SKIP) or call it broken
 * (99) before anything runs, and a CUnit check whose failure says more
 * than the expression that failed.
 */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <stdbool.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Milliseconds on the monotonic clock. */
int64_t		 testutil_now_ms(void);
/* Sleep ms milliseconds, however many signals arrive. */
void		 testutil_sleep_ms(int ms);
/*
 * The treetop binary under test: $TREETOP (make check sets it), else
 * src/treetop or ../src/treetop, whichever can run, else src/treetop.
 */
const char	*testutil_treetop_bin(void);
/*
 * Everything left on f, NUL-terminated (not counted in *len); the caller
 * frees it.  NULL if memory runs out.
 */
char		*testutil_read_all(FILE *f, size_t *len);

/*
 * Pre-checks for main(), before any suite runs; each says on stderr,
 * in one line with the program's name, why it stops.  Without a mounted
 * /proc or without root (why says what for), exit 77: the test cannot
 * run here.  Without a UTF-8 locale after setlocale(LC_ALL, ""), exit
 * 99: make check sets one, so the setup is broken.
 */
void		 testutil_require_proc(void);
void		 testutil_require_root(const char *why);
void		 testutil_require_utf8(void);

/*
 * Make pid the next PID fork() gives in our PID namespace, through
 * /proc/sys/kernel/ns_last_pid (root): the rest of the machine may fork
 * first, so callers try again.  False if it cannot be written.
 */
bool		 testutil_set_next_pid(pid_t pid);
/*
 * SIGKILL the process group *pgid (ours: its members are our children)
 * and reap them all; *pgid becomes 0.  Nothing when it is 0.
 */
void		 testutil_end_group(pid_t *pgid);

/*
 * A CUnit check, not fatal: when cond is false the failure reads "cond:
 * message", the message made from a printf format and its arguments.
 * Evaluates to cond (true or false).
 */
#define TU_CHECK_MSG(cond, ...)						\
	testutil_check((cond) ? true : false, #cond, __FILE__,		\
	    __LINE__, __VA_ARGS__)

bool		 testutil_check(bool ok, const char *cond, const char *file,
		    unsigned int line, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));

#endif
