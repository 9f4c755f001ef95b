/*
 * The Prometheus tools of the metrics tests: see promfx.h.  The groups
 * started are kept in a small table, since exit() and a signal handler
 * take no arguments; it is the only state here.
 */
#include "config.h"
#include "promfx.h"
#include "testutil.h"

#include <CUnit/CUnit.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROMFX_MAX_GROUPS	8
#define PROMFX_RETRY_MS		100
#define PROMFX_MAX_ARGS		16	/* of a command promfx_start() runs */

static volatile pid_t	promfx_groups[PROMFX_MAX_GROUPS];	/* 0: free */
static bool		promfx_tool_missed;
static bool		promfx_armed;		/* atexit and handlers set */

bool
promfx_need(const char *tool)
{
	const char	*ci = getenv("CI");

	if (promfx_run("command -v %s >/dev/null 2>&1", tool) == 0)
		return true;
	if (ci != NULL && strcmp(ci, "true") == 0 && geteuid() == 0)
		TU_CHECK_MSG(false, "%s is not installed (CI=true)", tool);
	else
		fprintf(stderr, "\n  %s is not installed: not checked\n",
		    tool);
	promfx_tool_missed = true;
	return false;
}

bool
promfx_missed(void)
{
	return promfx_tool_missed;
}

int
promfx_run(const char *fmt, ...)
{
	char	cmd[2048];
	va_list	ap;
	int	st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *
promfx_slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*text;
	size_t	 len;

	if (f == NULL)
		return NULL;
	text = testutil_read_all(f, &len);
	fclose(f);
	return text;
}

double
promfx_sample(const char *text, const char *head)
{
	const char	*p;
	size_t		 len = strlen(head);

	for (p = text; (p = strstr(p, head)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && p[len] == ' ')
			return strtod(p + len + 1, NULL);
	return -1.0;
}

int
promfx_free_port(void)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof sa;
	int			fd, port = 0;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return 0;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

/* SIGKILL to every group in the table; safe in a signal handler. */
static void
promfx_kill_all(void)
{
	int	i;

	for (i = 0; i < PROMFX_MAX_GROUPS; i++)
		if (promfx_groups[i] > 0)
			kill(-promfx_groups[i], SIGKILL);
}

static void
promfx_on_signal(int sig)
{
	promfx_kill_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Once: the groups die at exit() and on the signals that end a run. */
static void
promfx_arm(void)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction	sa;
	size_t			i;

	if (promfx_armed)
		return;
	promfx_armed = true;
	atexit(promfx_stop_all);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = promfx_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* In the child: its own group, dead with the test, output to log. */
static void __attribute__((noreturn))
promfx_exec(pid_t test, const char *log, const char *const argv[])
{
	char	*args[PROMFX_MAX_ARGS + 1];
	int	fd, i;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != test)		/* the test ended before prctl() */
		_exit(127);
	fd = open(log != NULL ? log : "/dev/null",
	    O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
	    dup2(fd, STDERR_FILENO) < 0)
		_exit(127);
	close(fd);
	/* execvp()'s argv is not const: copies. */
	for (i = 0; i < PROMFX_MAX_ARGS && argv[i] != NULL; i++)
		if ((args[i] = strdup(argv[i])) == NULL)
			_exit(127);
	args[i] = NULL;
	execvp(args[0], args);
	_exit(127);
}

pid_t
promfx_start(const char *log, const char *const argv[])
{
	pid_t	test = getpid(), pid;
	int	i;

	for (i = 0; i < PROMFX_MAX_GROUPS && promfx_groups[i] > 0; i++)
		continue;
	if (i == PROMFX_MAX_GROUPS)
		return -ENOSPC;
	promfx_arm();
	fflush(NULL);
	if ((pid = fork()) < 0)
		return -errno;
	if (pid == 0)
		promfx_exec(test, log, argv);
	setpgid(pid, pid);	/* the child does it too: no race */
	promfx_groups[i] = pid;
	return pid;
}

pid_t
promfx_start_exporter(int port, const char *textdir, const char *log)
{
	char	listen[64], dir[1024];
	const char	*argv[] = { PROMFX_EXPORTER, listen, dir,
		    "--collector.disable-defaults", "--collector.textfile",
		    "--log.level=error", NULL };

	snprintf(listen, sizeof listen, "--web.listen-address=127.0.0.1:%d",
	    port);
	snprintf(dir, sizeof dir, "--collector.textfile.directory=%s",
	    textdir);
	return promfx_start(log, argv);
}

void
promfx_stop(pid_t pgid)
{
	int	i;

	for (i = 0; i < PROMFX_MAX_GROUPS; i++)
		if (pgid > 0 && promfx_groups[i] == pgid) {
			kill(-pgid, SIGKILL);
			waitpid(pgid, NULL, 0);
			promfx_groups[i] = 0;
		}
}

void
promfx_stop_all(void)
{
	int	i;

	for (i = 0; i < PROMFX_MAX_GROUPS; i++)
		promfx_stop(promfx_groups[i]);
}

char *
promfx_get(const char *args, int timeout_ms)
{
	int64_t	 deadline = testutil_now_ms() + timeout_ms;
	char	 cmd[2048], *body = NULL;
	FILE	*f;
	size_t	 len;

	snprintf(cmd, sizeof cmd, PROMFX_CURL " -sf --max-time 2 %s", args);
	for (;;) {
		if ((f = popen(cmd, "r")) != NULL) {
			body = testutil_read_all(f, &len);
			if (pclose(f) == 0)
				return body;
			free(body);
		}
		if (testutil_now_ms() >= deadline)
			return NULL;
		testutil_sleep_ms(PROMFX_RETRY_MS);
	}
}
