/*
 * The explorer's state, without a terminal: the rows of the current
 * tree as the view shows them (selection by the command line, folds,
 * text filter, layout, sort), the selected process, tags, the scroll
 * position, search, the line being typed, the status message and the
 * event log.  Selection, folds and tags are kept by process identity, so
 * they survive
 * every refresh.  The ui/ layer draws it and src/ feeds it keys; the
 * tests drive it on model scenes.  Every mode owns one: batch, JSON and
 * --events use its rows only.  A view holds pointers into itself (the
 * filters' text): it is never copied, only passed by pointer.
 */
#ifndef PROC_VIEW_H
#define PROC_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "eventlog.h"
#include "identset.h"
#include "listnav.h"
#include "rows.h"

struct ptree;
struct procinfo;
struct snapshot;

#define VIEW_QUERY_MAX		128
#define VIEW_STATUS_MAX		256
#define VIEW_STATUS_SECONDS	3.0	/* how long a status message shows */
#define VIEW_HSCROLL_MAX	4096	/* columns the command may scroll */

enum view_input {
	VIEW_INPUT_NONE,
	VIEW_INPUT_SEARCH,	/* typing a search: each key finds */
	VIEW_INPUT_FILTER,	/* typing a text filter: each key filters */
	VIEW_INPUT_USER,	/* typing a user name or uid: Enter applies */
	VIEW_INPUT_EVENTS,	/* typing what the event log shows */
};

struct view {
	struct viewstate	 vs;		/* what rows are built with;
						   its folded list is set
						   from folded at each build */
	struct rows		 rows;
	const struct ptree	*tree;		/* borrowed; NULL before the
						   first */
	enum rows_filter	 base_filter;	/* the command line's */
	struct identset		 folded;
	struct identset		 tagged;	/* marked for a signal */
	struct proc_ident	 sel;		/* the selected row's process;
						   pid 0: a namespace header,
						   start_ticks its inode */
	pid_t			 sel_ppid;	/* where to go if it exits */
	size_t			 selected;	/* its row */
	size_t			 top;		/* first row on screen */
	size_t			 hscroll;	/* command columns scrolled off
						   to the left */
	enum view_input		 input;
	struct proc_ident	 input_from;	/* the selection when typing
						   began */
	pid_t			 input_from_ppid;
	char			 edit[VIEW_QUERY_MAX];	/* being typed */
	char			 search[VIEW_QUERY_MAX];	/* kept for n */
	char			 filter[VIEW_QUERY_MAX];	/* by text */
	char			 user[VIEW_QUERY_MAX];	/* by user */
	char			 status[VIEW_STATUS_MAX];
	bool			 status_new;	/* said, not yet shown */
	double			 status_until;	/* on the caller's clock */
	struct eventlog		 log;
	struct eventlog_filter	 log_filter;	/* its text is log_text */
	char			 log_text[VIEW_QUERY_MAX];
	unsigned long		 log_filter_gen;	/* changes with it */
};

void	view_init(struct view *v);
void	view_done(struct view *v);
/* The command line's selection: the view Esc goes back to. */
void	view_set_base(struct view *v, const struct viewstate *base);
/*
 * Show tree (NULL: nothing yet): rebuild the rows and find the selected
 * process again, or its parent if it is gone.
 */
void	view_set_tree(struct view *v, const struct ptree *tree);
/* Rebuild the rows after a change of the view state, keeping the selection. */
void	view_rebuild(struct view *v);
/*
 * Forget folds and tags of processes that snap no longer has (a reused
 * PID starts open and untagged).
 */
void	view_prune(struct view *v, const struct snapshot *snap);

/* Select row k (clamped to the rows). */
void	view_select(struct view *v, size_t k);
/* Move the selection; page rows to a page. */
void	view_move(struct view *v, enum listnav_step step, size_t page);
/* Keep the selection on a screen of page rows, and no space below the end. */
void	view_scroll(struct view *v, size_t page);
/* Scroll the command column sideways by delta columns (0: back home). */
void	view_hscroll(struct view *v, int delta);
/* The selected row, or NULL when there are no rows. */
const struct row	*view_selected_row(const struct view *v);
/* Its process (on a ghost row, the exited one's last record), or NULL. */
const struct procinfo	*view_selected_proc(const struct view *v);
/* True if the selected row is an exited process's ghost. */
bool	view_selected_is_ghost(const struct view *v);

/* Fold or unfold the selected process; false if nothing changed. */
bool	view_fold(struct view *v, bool fold);
/* Left: fold the selected subtree, or go to the parent if folded or a leaf. */
void	view_collapse(struct view *v);
/* Open every fold. */
void	view_unfold_all(struct view *v);
/*
 * Select the next row (dir 1) or previous one (-1) whose process has
 * flag, or matches query q, wrapping round; with from_here, the selected
 * row counts.  When no row matches, a match hidden under folds (and only
 * under folds: not one the view leaves out) is found too, and the folds
 * above it open.  False when nothing matches.
 */
bool	view_find(struct view *v, unsigned flag, const char *q, int dir,
	    bool from_here);
/*
 * Tag or untag the selected process (not a header or a ghost); false if
 * there is none.  Tags are kept by identity and dropped when the process
 * exits.
 */
bool	view_tag(struct view *v);
/* Tag the selected process and every process below it; how many now. */
size_t	view_tag_subtree(struct view *v);
/* Untag every process. */
void	view_untag_all(struct view *v);
/* True if p (a snapshot's record) is tagged. */
bool	view_is_tagged(const struct view *v, const struct procinfo *p);

/* Show the processes filter selects. */
void	view_set_filter(struct view *v, enum rows_filter filter);
/* Toggle between filter and the command line's selection. */
void	view_toggle_filter(struct view *v, enum rows_filter filter);
/* Toggle between layout and the tree. */
void	view_toggle_layout(struct view *v, enum rows_layout layout);
/*
 * The namespace layout, one type after the other: from any other layout
 * by PID namespace, then mnt, net, uts, ipc, user, cgroup and time
 * (enum ns_type's order), then back to the tree.
 */
void	view_cycle_ns_group(struct view *v);
/* Show the flat list sorted by sort. */
void	view_sort(struct view *v, enum rows_sort sort, bool descending);
/* Show or hide thread records. */
void	view_show_threads(struct view *v, bool show);
/* Show or hide kernel threads. */
void	view_show_kthreads(struct view *v, bool show);
/*
 * Only the processes of user name (a name as the USER column shows it,
 * or a uid); "" shows every user again.  False, with nothing changed,
 * if no process of the snapshot shown has that user.
 */
bool	view_filter_user(struct view *v, const char *name);
/*
 * Esc: clear the search, else the text filter, else the user filter,
 * else go back to the command line's selection, else to the tree.
 * False if already there.
 */
bool	view_escape(struct view *v);

/* Start typing a search or a text filter (which starts from the kept one). */
void	view_input_start(struct view *v, enum view_input input);
/* A printable ASCII character typed: search or filter as typed. */
void	view_input_char(struct view *v, int ch);
/* Backspace while typing. */
void	view_input_erase(struct view *v);
/* Enter: keep what was typed (a user filter applies it, or says why not). */
void	view_input_accept(struct view *v);
/* Esc: drop what was typed (the search, or the text filter). */
void	view_input_cancel(struct view *v);

/* The event log: the next kind to show alone (all, started, ...). */
void	view_log_next_kind(struct view *v);
/* The event log: only PID namespace inode's, or (again) every one. */
void	view_log_toggle_pidns(struct view *v, uint64_t inode);

/* Show msg in the status line for VIEW_STATUS_SECONDS from its first draw. */
void	view_say(struct view *v, const char *msg);
/* Drop the status message (it no longer holds). */
void	view_unsay(struct view *v);
/*
 * The status message to show at time now (any monotonic clock in
 * seconds), or NULL; a new one's time starts with this call.
 */
const char *view_status(struct view *v, double now);

#endif
