/*
 * What the metrics tests share around the Prometheus tools: a tool found
 * or missed (a failure under CI=true, else noted so that the program can
 * exit 77), shell commands, the value of one sample in an exposition, a
 * free TCP port on 127.0.0.1, background processes (the servers, a
 * treetop that keeps writing) each in a process group of its own, and
 * HTTP GETs with curl.
 *
 * A process started here never outlives the test: it gets SIGKILL when
 * the test's thread ends (PR_SET_PDEATHSIG), and every group still
 * running is killed at exit() and on SIGINT, SIGTERM and SIGHUP.  Only
 * the groups started here are ever signalled.
 */
#ifndef TESTS_PROMFX_H
#define TESTS_PROMFX_H

#include <stdbool.h>
#include <sys/types.h>

#define PROMFX_PROMTOOL		"promtool"
#define PROMFX_EXPORTER		"prometheus-node-exporter"
#define PROMFX_PROMETHEUS	"prometheus"
#define PROMFX_CURL		"curl"

/*
 * Whether tool is on PATH.  If not: under CI=true as root a CUnit
 * failure, else a line on stderr; either way promfx_missed() says so.
 */
bool	promfx_need(const char *tool);
/* Whether promfx_need() ever missed a tool. */
bool	promfx_missed(void);

/* Run a shell command made from fmt; its exit status, or -1. */
int	promfx_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The whole file at path, or NULL; the caller frees. */
char	*promfx_slurp(const char *path);
/*
 * The value of the sample whose line in text starts with head (a name and
 * its labels, exactly as written), or -1.
 */
double	promfx_sample(const char *text, const char *head);

/* A TCP port on 127.0.0.1 that was free a moment ago, or 0. */
int	promfx_free_port(void);
/*
 * Start argv[0] (found on PATH) with argv, in a new process group it
 * leads, its standard output and error appended to log (/dev/null if log
 * is NULL).  Its PID, which is the group's, or -errno.
 */
pid_t	promfx_start(const char *log, const char *const argv[]);
/*
 * node_exporter on 127.0.0.1:port with only its textfile collector,
 * reading textdir: promfx_start()'s result.
 */
pid_t	promfx_start_exporter(int port, const char *textdir, const char *log);
/* Kill the group pgid started by promfx_start() and reap its leader. */
void	promfx_stop(pid_t pgid);
/* promfx_stop() every group still running. */
void	promfx_stop_all(void);

/*
 * curl -sf with args (shell words, quoted by the caller), again every
 * 100 ms until it succeeds or timeout_ms have passed: the body, or NULL.
 * The caller frees.
 */
char	*promfx_get(const char *args, int timeout_ms);

#endif
