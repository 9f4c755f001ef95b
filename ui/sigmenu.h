/*
 * The signal menu (k, F9): a small modal state machine.  It offers the
 * choices of signals_choices() for the selected process and says what
 * each one does before anything is sent; it sends nothing itself.  While
 * it is open the caller passes it every key; on SIGMENU_SEND it returns
 * the chosen signal and identity (sig, pid, start_ticks), and the caller
 * sends it.
 */
#ifndef UI_SIGMENU_H
#define UI_SIGMENU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc/signals.h"
#include "proc/snapshot.h"

struct draw_ctx;
struct key_event;

struct sigmenu {
	bool		 open;
	pid_t		 pid;		/* the row it was opened on */
	uint64_t	 start_ticks;	/* with pid, its identity */
	pid_t		 tgid;		/* differs from pid for a thread */
	char		 comm[COMM_MAX];	/* raw; escaped when drawn */
	bool		 zombie;
	bool		 kthread;
	bool		 nsinit;	/* PID 1 of its namespace */
	bool		 host_init;	/* PID 1 of treetop's namespace */
	bool		 deaf_init;	/* an init known not to handle
					   SIGTERM: the kernel drops it */
	pid_t		 parent_pid;	/* a zombie's parent; 0: unknown */
	char		 parent_comm[COMM_MAX];	/* raw; escaped when drawn */
	struct signals_choice choices[SIGNALS_CHOICES_MAX];
	size_t		 nchoices;	/* 0: a zombie without known parent */
	size_t		 selected;	/* index into choices */
	size_t		 scroll;	/* first choice on screen */
	size_t		 page;		/* choices the last draw showed */
	int		 number;	/* signal number being typed */
	size_t		 tagged;	/* 0: for this process; else the
					   signal goes to this many tagged
					   ones (the caller sends it) */
};

enum sigmenu_outcome {
	SIGMENU_NONE,		/* the menu used the key, or ignored it */
	SIGMENU_CANCEL,		/* closed; nothing to send */
	SIGMENU_SEND,		/* closed; send *sig to (*pid, *start_ticks) */
};

/*
 * Open the menu on target, copying what it needs: the records may be
 * freed afterwards.  parent_or_null is the target's parent record (used
 * for a zombie) or NULL.  SIGTERM is preselected; for a zombie, SIGCHLD
 * to its parent; SIGKILL for a container's init that does not handle
 * SIGTERM (the kernel would drop it).
 */
void			 sigmenu_open(struct sigmenu *m,
			    const struct procinfo *target,
			    const struct procinfo *parent_or_null);
/*
 * Handle one key (ui/keys.h, mode KEYS_MENU): the list moves and digits
 * (a signal number) select; ACT_ACCEPT sends; ACT_CANCEL closes.
 * On SIGMENU_SEND the menu is closed and *sig, *pid and *start_ticks name
 * the signal and the process to send it to (a zombie's parent for the
 * zombie choices); the outputs are untouched otherwise.
 */
enum sigmenu_outcome	 sigmenu_key(struct sigmenu *m,
			    const struct key_event *ev, int *sig, pid_t *pid,
			    uint64_t *start_ticks);
/*
 * Draw the open menu over the full width of screen lines top_y up to,
 * not including, bottom_y: title, what a zombie or thread means, the
 * choices with the selection highlighted, and a hint line.  Keeps the
 * selection visible (updates scroll and page).  Does not refresh().
 */
void			 sigmenu_draw(struct draw_ctx *dc, struct sigmenu *m,
			    int top_y, int bottom_y);

#endif
