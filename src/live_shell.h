/*
 * Key !: a shell inside the selected process's namespaces, run on the
 * explorer's terminal with curses suspended, and the explorer back when
 * it exits.  What cannot be entered is said in the status line.
 */
#ifndef SRC_LIVE_SHELL_H
#define SRC_LIVE_SHELL_H

struct app;
struct ui;

/* Enter the selected process's namespaces, or say why not. */
void	live_shell_run(struct app *a, struct ui *ui);

#endif
