/*
 * tmux driving for the end-to-end tests (tmuxfx.h).  Every tmux command
 * names the private socket; the window is session "t".
 */
#include "config.h"
#include "tmuxfx.h"
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#define TMUXFX_POLL_MS	100
#define TMUXFX_KEY_MS	150	/* after each key: let it be read */

static int	tmuxfx_cmd(const struct tmuxfx *t, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

static int
tmuxfx_cmd(const struct tmuxfx *t, const char *fmt, ...)
{
	char	line[2048], args[1800];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "tmux -L %s %s >/dev/null 2>&1", t->sock,
	    args);
	return system(line);
}

/* The server's pid, from tmux itself; 0 if it does not say. */
static pid_t
tmuxfx_server_pid(const struct tmuxfx *t)
{
	char	 line[256], out[32] = "";
	FILE	*f;

	snprintf(line, sizeof line, "tmux -L %s display-message -p "
	    "'#{pid}' 2>/dev/null", t->sock);
	if ((f = popen(line, "r")) == NULL)
		return 0;
	if (fgets(out, sizeof out, f) == NULL)
		out[0] = '\0';
	pclose(f);
	return (pid_t)atol(out);
}

int
tmuxfx_start(struct tmuxfx *t, const char *tag, int wait_ms,
    const char *ready, const char *fmt, ...)
{
	char	cmd[1500];
	va_list	ap;

	tmuxfx_stop(t);		/* what a test that failed left running */
	memset(t, 0, sizeof *t);
	t->wait_ms = wait_ms;
	snprintf(t->sock, sizeof t->sock, "treetop-%s-%ld", tag,
	    (long)getpid());
	if (system("tmux -V >/dev/null 2>&1") != 0) {
		fprintf(stderr, "tmux is not installed\n");
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (tmuxfx_cmd(t, "new-session -d -s t -x 160 -y 50 \"%s; "
	    "echo treetop-exit=\\$?; sleep 30\"", cmd) != 0) {
		fprintf(stderr, "tmux new-session failed\n");
		return -1;
	}
	t->server = tmuxfx_server_pid(t);
	return tmuxfx_wait(t, ready, false) ? 0 : -1;
}

void
tmuxfx_stop(struct tmuxfx *t)
{
	const char	*dir = getenv("TMUX_TMPDIR");
	char		 path[512];
	int		 waited;

	if (t->sock[0] == '\0')
		return;
	tmuxfx_cmd(t, "kill-server");
	/* kill-server leaves the socket file; it is ours to remove. */
	snprintf(path, sizeof path, "%s/tmux-%ld/%s",
	    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getuid(),
	    t->sock);
	unlink(path);
	/* A daemon: if it came to us, reap it (if not, ECHILD at once). */
	for (waited = 0; t->server > 0 && waited < t->wait_ms;
	    waited += TMUXFX_POLL_MS) {
		pid_t	r = waitpid(t->server, NULL, WNOHANG);

		if (r != 0)
			break;
		testutil_sleep_ms(TMUXFX_POLL_MS);
	}
	t->server = 0;
	t->sock[0] = '\0';
}

void
tmuxfx_type(struct tmuxfx *t, const char *text, const char *key)
{
	if (text != NULL && *text != '\0')
		tmuxfx_cmd(t, "send-keys -t t -l '%s'", text);
	if (key != NULL)
		tmuxfx_cmd(t, "send-keys -t t %s", key);
	testutil_sleep_ms(TMUXFX_KEY_MS);
}

int
tmuxfx_resize(struct tmuxfx *t, int cols, int lines)
{
	return tmuxfx_cmd(t, "resize-window -t t -x %d -y %d", cols, lines);
}

const char *
tmuxfx_capture(struct tmuxfx *t)
{
	char	 line[256];
	FILE	*f;
	size_t	 n;

	snprintf(line, sizeof line, "tmux -L %s capture-pane -p -t t "
	    "2>/dev/null", t->sock);
	t->screen[0] = '\0';
	if ((f = popen(line, "r")) == NULL)
		return t->screen;
	n = fread(t->screen, 1, sizeof t->screen - 1, f);
	t->screen[n] = '\0';
	pclose(f);
	return t->screen;
}

bool
tmuxfx_wait(struct tmuxfx *t, const char *text, bool absent)
{
	int	waited;

	for (waited = 0; waited < t->wait_ms; waited += TMUXFX_POLL_MS) {
		if ((strstr(tmuxfx_capture(t), text) != NULL) != absent)
			return true;
		testutil_sleep_ms(TMUXFX_POLL_MS);
	}
	fprintf(stderr, "screen %s '%s' after %d ms:\n%s\n",
	    absent ? "still shows" : "never showed", text, t->wait_ms,
	    t->screen);
	return false;
}

/* The index of the first of the n texts that s holds, or -1. */
static int
tmuxfx_find_any(const char *s, const char *const *texts, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strstr(s, texts[i]) != NULL)
			return (int)i;
	return -1;
}

/* Say which of the n texts never showed in what (the screen, a row). */
static void
tmuxfx_say_none(const struct tmuxfx *t, const char *what,
    const char *const *texts, size_t n)
{
	size_t	i;

	fprintf(stderr, "%s showed none of", what);
	for (i = 0; i < n; i++)
		fprintf(stderr, " '%s'", texts[i]);
	fprintf(stderr, " after %d ms:\n%s\n", t->wait_ms, t->screen);
}

int
tmuxfx_wait_any(struct tmuxfx *t, const char *const *texts, size_t n)
{
	int	waited, i;

	for (waited = 0; waited < t->wait_ms; waited += TMUXFX_POLL_MS) {
		if ((i = tmuxfx_find_any(tmuxfx_capture(t), texts, n)) >= 0)
			return i;
		testutil_sleep_ms(TMUXFX_POLL_MS);
	}
	tmuxfx_say_none(t, "screen", texts, n);
	return -1;
}

bool
tmuxfx_row(const struct tmuxfx *t, pid_t pid, char *row, size_t size)
{
	const char	*line = t->screen, *nl;
	size_t		 len;

	for (; *line != '\0'; line = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		len = (size_t)(nl - line);
		/* The band, then the PID right-aligned in columns 2 to 8. */
		if (len < 10 || strspn(line + 2, " ") > 6 ||
		    atol(line + 2) != (long)pid)
			continue;
		snprintf(row, size, "%.*s", (int)len, line);
		return true;
	}
	return false;
}

bool
tmuxfx_wait_row(struct tmuxfx *t, pid_t pid, bool absent, char *row,
    size_t size)
{
	int	waited;

	for (waited = 0; waited < t->wait_ms; waited += TMUXFX_POLL_MS) {
		tmuxfx_capture(t);
		if (tmuxfx_row(t, pid, row, size) != absent)
			return true;
		testutil_sleep_ms(TMUXFX_POLL_MS);
	}
	fprintf(stderr, "row of PID %d %s after %d ms:\n%s\n", (int)pid,
	    absent ? "still shown" : "never shown", t->wait_ms, t->screen);
	return false;
}

int
tmuxfx_wait_row_any(struct tmuxfx *t, pid_t pid, const char *const *texts,
    size_t n, char *row, size_t size)
{
	char	what[64];
	int	waited, i;

	for (waited = 0; waited < t->wait_ms; waited += TMUXFX_POLL_MS) {
		tmuxfx_capture(t);
		if (tmuxfx_row(t, pid, row, size) &&
		    (i = tmuxfx_find_any(row, texts, n)) >= 0)
			return i;
		testutil_sleep_ms(TMUXFX_POLL_MS);
	}
	snprintf(what, sizeof what, "row of PID %d", (int)pid);
	tmuxfx_say_none(t, what, texts, n);
	return -1;
}

/* The width of the character at s and its length in bytes in *k. */
static int
tmuxfx_char(const char *s, size_t len, size_t *k)
{
	mbstate_t	st;
	wchar_t		wc;
	int		w;

	memset(&st, 0, sizeof st);
	*k = mbrtowc(&wc, s, len, &st);
	if (*k == 0 || *k > len) {
		*k = 1;		/* not UTF-8: a column a byte */
		return 1;
	}
	return (w = wcwidth(wc)) < 0 ? 1 : w;
}

int
tmuxfx_cols(const char *s, size_t len)
{
	size_t	i = 0, k;
	int	cols = 0;

	while (i < len) {
		cols += tmuxfx_char(s + i, len - i, &k);
		i += k;
	}
	return cols;
}

int
tmuxfx_col_of(const struct tmuxfx *t, const char *text)
{
	const char	*at = strstr(t->screen, text), *bol;

	if (at == NULL)
		return -1;
	for (bol = at; bol > t->screen && bol[-1] != '\n'; bol--)
		;
	return tmuxfx_cols(bol, (size_t)(at - bol));
}

size_t
tmuxfx_offset(const char *row, int col)
{
	size_t	i = 0, k, len = strlen(row);
	int	cols = 0, w;

	while (i < len) {
		w = tmuxfx_char(row + i, len - i, &k);
		/* Zero-width marks belong to the character before them. */
		if (cols >= col && w > 0)
			break;
		cols += w;
		i += k;
	}
	return i;
}
