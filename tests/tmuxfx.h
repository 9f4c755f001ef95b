/*
 * The live explorer in tmux for the end-to-end tests: a private server
 * (tmux -L), one 160x50 window running a command, keys typed as a person
 * would, the screen read back and measured in display columns (wcwidth,
 * so call setlocale() first).  The server is ours alone: tmuxfx_stop()
 * kills it, removes its socket and, when it came to us as an orphan (the
 * caller is a child subreaper), reaps it.  Nothing is killed by name.
 */
#ifndef TESTS_TMUXFX_H
#define TESTS_TMUXFX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define TMUXFX_SCREEN_MAX	(64 * 1024)

struct tmuxfx {
	char	sock[64];		/* the -L name */
	pid_t	server;			/* its pid, 0 if unknown */
	int	wait_ms;		/* bound on every wait */
	char	screen[TMUXFX_SCREEN_MAX];	/* the last capture */
};

/*
 * Start a server running the shell command made from fmt, followed by
 * "echo treetop-exit=$?; sleep 30" so the exit status can be read; the
 * command goes inside double quotes.  t is zeroed or was started before:
 * a server it still has is stopped first, so every start is a fresh
 * explorer.  Returns 0 once the screen shows ready (bounded by wait_ms),
 * else -1.
 */
int	tmuxfx_start(struct tmuxfx *t, const char *tag, int wait_ms,
	    const char *ready, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Kill the server and clean up after it.  Safe to call again. */
void	tmuxfx_stop(struct tmuxfx *t);
/* Type text literally, then the named key (Enter, Escape, Up...) if any. */
void	tmuxfx_type(struct tmuxfx *t, const char *text, const char *key);
/* Resize the window to cols x lines; the status of the tmux command. */
int	tmuxfx_resize(struct tmuxfx *t, int cols, int lines);
/* Capture the window into t->screen and return it. */
const char *tmuxfx_capture(struct tmuxfx *t);
/* Wait until the screen shows text (or, with absent, does not). */
bool	tmuxfx_wait(struct tmuxfx *t, const char *text, bool absent);
/*
 * Wait until the screen shows one of the n texts; the index of the first
 * it shows, or -1.  For checking that a key did not do something: wait
 * for what the explorer draws once it has handled the key, then look in
 * t->screen, the capture that showed it, for what must not be there
 * (never for an absence after a fixed sleep, which passes when the key
 * is merely slow).
 */
int	tmuxfx_wait_any(struct tmuxfx *t, const char *const *texts,
	    size_t n);
/*
 * The row of the captured screen whose PID column (after the two columns
 * of namespace band) holds pid, into row; false if there is none.
 */
bool	tmuxfx_row(const struct tmuxfx *t, pid_t pid, char *row,
	    size_t size);
/* Wait until the row of pid is on screen (or, with absent, is not). */
bool	tmuxfx_wait_row(struct tmuxfx *t, pid_t pid, bool absent, char *row,
	    size_t size);
/*
 * Wait until the row of pid shows one of the n texts; the index of the
 * first it shows, or -1.  The row is left in row.
 */
int	tmuxfx_wait_row_any(struct tmuxfx *t, pid_t pid,
	    const char *const *texts, size_t n, char *row, size_t size);
/* Display columns of len bytes of UTF-8, by wcwidth(3). */
int	tmuxfx_cols(const char *s, size_t len);
/*
 * The display column where text starts on the first screen line that
 * has it, or -1.
 */
int	tmuxfx_col_of(const struct tmuxfx *t, const char *text);
/*
 * The bytes of row that start at display column col: the offset of the
 * first character at or after col.
 */
size_t	tmuxfx_offset(const char *row, int col);

#endif
