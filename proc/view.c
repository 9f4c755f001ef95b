/*
 * The explorer's state and every change a key makes to it.  Nothing here
 * draws, reads /proc or looks at a clock: the caller gives the time.
 */
#include "config.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptree.h"
#include "snapshot.h"

void
view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
	rows_init(&v->rows);
	identset_init(&v->folded);
	identset_init(&v->tagged);
	eventlog_init(&v->log);
}

void
view_done(struct view *v)
{
	rows_done(&v->rows);
	identset_done(&v->folded);
	identset_done(&v->tagged);
	eventlog_done(&v->log);
}

void
view_set_base(struct view *v, const struct viewstate *base)
{
	v->vs = *base;
	v->base_filter = base->filter;
}

/* The identity a row stands for; a header row is (0, namespace inode). */
static struct proc_ident
view_row_ident(const struct row *row)
{
	struct proc_ident	id = { 0, 0 };

	if (row->proc != NULL) {
		id.pid = row->proc->pid;
		id.start_ticks = row->proc->start_ticks;
	} else
		id.start_ticks = row->group_inode;
	return id;
}

void
view_select(struct view *v, size_t k)
{
	const struct rows	*rows = &v->rows;

	if (rows->n == 0)
		return;
	if (k >= rows->n)
		k = rows->n - 1;
	v->selected = k;
	v->sel = view_row_ident(&rows->v[k]);
	v->sel_ppid = rows->v[k].proc ? rows->v[k].proc->ppid : 0;
}

/* Find the selected process's row again; if it is gone, its parent's. */
static void
view_locate(struct view *v)
{
	const struct rows	*rows = &v->rows;
	struct proc_ident	 id;
	size_t			 k, parent = (size_t)-1;

	for (k = 0; k < rows->n; k++) {
		id = view_row_ident(&rows->v[k]);
		if (id.pid == v->sel.pid &&
		    id.start_ticks == v->sel.start_ticks) {
			v->selected = k;
			/* Reparented: its parent now is where to go. */
			if (rows->v[k].proc != NULL)
				v->sel_ppid = rows->v[k].proc->ppid;
			return;
		}
		if (v->sel_ppid > 0 && id.pid == v->sel_ppid)
			parent = k;
	}
	view_select(v, parent != (size_t)-1 ? parent :
	    (v->selected < rows->n ? v->selected : 0));
}

/* Mark the rows of tagged processes (a ghost is never tagged). */
static void
view_mark_tags(struct view *v)
{
	struct row	*row;
	size_t		 k;

	for (k = 0; k < v->rows.n; k++) {
		row = &v->rows.v[k];
		row->flags &= ~(unsigned)ROW_TAGGED;
		if (row->proc != NULL && !(row->flags & ROW_GHOST) &&
		    view_is_tagged(v, row->proc))
			row->flags |= ROW_TAGGED;
	}
}

void
view_rebuild(struct view *v)
{
	v->vs.folded = v->folded.v;
	v->vs.nfolded = v->folded.n;
	if (v->tree != NULL)
		rows_build(&v->rows, v->tree, &v->vs);
	else
		v->rows.n = 0;
	if (v->tagged.n > 0)
		view_mark_tags(v);
	view_locate(v);
}

void
view_set_tree(struct view *v, const struct ptree *tree)
{
	v->tree = tree;
	view_rebuild(v);
}

void
view_prune(struct view *v, const struct snapshot *snap)
{
	identset_prune(&v->folded, snap);
	identset_prune(&v->tagged, snap);
}

void
view_move(struct view *v, enum listnav_step step, size_t page)
{
	view_select(v, listnav_move(v->selected, v->rows.n, page, step));
}

void
view_scroll(struct view *v, size_t page)
{
	size_t	n = v->rows.n;

	if (page == 0)
		return;
	if (v->selected < v->top)
		v->top = v->selected;
	if (v->selected >= v->top + page)
		v->top = v->selected - page + 1;
	if (v->top + page > n)
		v->top = n > page ? n - page : 0;
}

void
view_hscroll(struct view *v, int delta)
{
	if (delta == 0 || (delta < 0 && (size_t)-delta >= v->hscroll))
		v->hscroll = 0;
	else if (delta < 0)
		v->hscroll -= (size_t)-delta;
	else if (v->hscroll < VIEW_HSCROLL_MAX)
		v->hscroll += (size_t)delta;
}

const struct row *
view_selected_row(const struct view *v)
{
	return v->selected < v->rows.n ? &v->rows.v[v->selected] : NULL;
}

const struct procinfo *
view_selected_proc(const struct view *v)
{
	const struct row	*row = view_selected_row(v);

	return row != NULL ? row->proc : NULL;
}

bool
view_selected_is_ghost(const struct view *v)
{
	const struct row	*row = view_selected_row(v);

	return row != NULL && (row->flags & ROW_GHOST);
}

bool
view_fold(struct view *v, bool fold)
{
	bool	changed;

	if (v->sel.pid == 0)
		return false;	/* a namespace header */
	changed = fold ? identset_add(&v->folded, &v->sel) :
	    identset_remove(&v->folded, &v->sel);
	if (changed)
		view_rebuild(v);
	return changed;
}

void
view_collapse(struct view *v)
{
	const struct row	*row = view_selected_row(v);
	size_t			 k;

	if (row == NULL)
		return;
	if ((row->flags & ROW_HAS_KIDS) && !(row->flags & ROW_FOLDED) &&
	    row->proc != NULL) {
		view_fold(v, true);
		return;
	}
	/* Already folded or a leaf: go to the parent, as htop does. */
	for (k = v->selected; k-- > 0;)
		if (v->rows.v[k].depth + 1 == row->depth) {
			view_select(v, k);
			return;
		}
}

void
view_unfold_all(struct view *v)
{
	identset_clear(&v->folded);
	view_rebuild(v);
}

static bool
view_proc_is_match(const struct view *v, const struct procinfo *p,
    unsigned flag, const char *q)
{
	return (flag && (p->flags & flag)) || (q != NULL &&
	    rows_proc_matches(v->tree != NULL ? v->tree->snap : NULL, p, q,
	    v->vs.layout == ROWS_BY_PIDNS));
}

/*
 * A match hidden under a fold: open the folds above the first one (in
 * tree order) and select it.  Searching must not stop at a fold.
 */
static bool
view_find_folded(struct view *v, unsigned flag, const char *q)
{
	const struct ptree	*t = v->tree;
	const struct procinfo	*p = NULL;
	struct proc_ident	 id;
	size_t			 pos, i = 0, up;

	struct identset		 opened;
	struct proc_ident	 was = v->sel;
	pid_t			 was_ppid = v->sel_ppid;
	bool			 found;

	v->vs.folded = v->folded.v;
	v->vs.nfolded = v->folded.n;
	if (t == NULL || !rows_folding(&v->vs))
		return false;
	for (pos = 0; pos < t->n; pos++) {
		i = t->order[pos];
		p = &t->snap->procs[i];
		if (!rows_proc_hidden(&v->vs, p) &&
		    view_proc_is_match(v, p, flag, q))
			break;
	}
	if (pos == t->n)
		return false;
	identset_init(&opened);
	for (up = t->parent[i]; up != PTREE_NONE; up = t->parent[up]) {
		id.pid = t->snap->procs[up].pid;
		id.start_ticks = t->snap->procs[up].start_ticks;
		if (identset_remove(&v->folded, &id))
			identset_add(&opened, &id);
	}
	v->sel.pid = p->pid;
	v->sel.start_ticks = p->start_ticks;
	v->sel_ppid = p->ppid;
	view_rebuild(v);
	/* The view may leave it out (a view filter): then nothing changes. */
	found = view_selected_proc(v) != NULL &&
	    view_selected_proc(v)->pid == p->pid &&
	    view_selected_proc(v)->start_ticks == p->start_ticks;
	if (!found) {
		for (i = 0; i < opened.n; i++)
			identset_add(&v->folded, &opened.v[i]);
		v->sel = was;
		v->sel_ppid = was_ppid;
		view_rebuild(v);
	} else
		view_unsay(v);
	identset_done(&opened);
	return found;
}

bool
view_find(struct view *v, unsigned flag, const char *q, int dir,
    bool from_here)
{
	const struct rows	*rows = &v->rows;
	size_t			 i, k, n = rows->n;

	for (i = from_here ? 0 : 1; i <= n && n > 0; i++) {
		k = (v->selected + (dir > 0 ? i : n - i % n)) % n;
		/* A ghost holds no zombies and is nobody's orphan now. */
		if (rows->v[k].proc == NULL ||
		    (flag && (rows->v[k].flags & ROW_GHOST)))
			continue;
		/* A ghost's cgroup index is the shown snapshot's (recent.c). */
		if (view_proc_is_match(v, rows->v[k].proc, flag, q)) {
			view_select(v, k);
			view_unsay(v);	/* an earlier "no match" is stale */
			return true;
		}
	}
	return view_find_folded(v, flag, q);
}

/* The selected row's process if it can be tagged: live, not a header. */
static const struct procinfo *
view_taggable(const struct view *v)
{
	return view_selected_is_ghost(v) ? NULL : view_selected_proc(v);
}

bool
view_tag(struct view *v)
{
	if (view_taggable(v) == NULL)
		return false;
	if (!identset_add(&v->tagged, &v->sel))
		identset_remove(&v->tagged, &v->sel);
	view_mark_tags(v);
	return true;
}

size_t
view_tag_subtree(struct view *v)
{
	const struct ptree	*t = v->tree;
	const struct procinfo	*q;
	struct proc_ident	 id;
	size_t			 pos, end;

	if (view_taggable(v) == NULL || t == NULL)
		return v->tagged.n;
	/* Folded or filtered away, the subtree is still the tree's. */
	pos = t->pos[view_selected_row(v)->index];
	for (end = t->subtree_end[pos]; pos < end; pos++) {
		q = &t->snap->procs[t->order[pos]];
		id.pid = q->pid;
		id.start_ticks = q->start_ticks;
		identset_add(&v->tagged, &id);
	}
	view_mark_tags(v);
	return v->tagged.n;
}

void
view_untag_all(struct view *v)
{
	identset_clear(&v->tagged);
	view_mark_tags(v);
}

bool
view_is_tagged(const struct view *v, const struct procinfo *p)
{
	struct proc_ident	id = { p->pid, p->start_ticks };

	return v->tagged.n > 0 && identset_has(&v->tagged, &id);
}

void
view_set_filter(struct view *v, enum rows_filter filter)
{
	v->vs.filter = filter;
	view_rebuild(v);
}

void
view_toggle_filter(struct view *v, enum rows_filter filter)
{
	v->vs.filter = v->vs.filter == filter ? v->base_filter : filter;
	view_rebuild(v);
}

void
view_toggle_layout(struct view *v, enum rows_layout layout)
{
	v->vs.layout = v->vs.layout == layout ? ROWS_TREE : layout;
	view_rebuild(v);
}

void
view_cycle_ns_group(struct view *v)
{
	if (v->vs.layout != ROWS_BY_PIDNS) {
		v->vs.layout = ROWS_BY_PIDNS;
		v->vs.group_ns = NS_PID;
	} else if (v->vs.group_ns + 1 < NS_COUNT)
		v->vs.group_ns++;
	else {
		v->vs.layout = ROWS_TREE;
		v->vs.group_ns = NS_PID;
	}
	view_rebuild(v);
}

void
view_sort(struct view *v, enum rows_sort sort, bool descending)
{
	v->vs.sort = sort;
	v->vs.descending = descending;
	v->vs.layout = ROWS_FLAT;
	view_rebuild(v);
}

void
view_show_threads(struct view *v, bool show)
{
	v->vs.hide_threads = !show;
	view_rebuild(v);
}

void
view_show_kthreads(struct view *v, bool show)
{
	v->vs.hide_kthreads = !show;
	view_rebuild(v);
}

/* The uid of the first process whose user is name (or whose uid it is). */
static bool
view_find_user(const struct view *v, const char *name, uint32_t *uid)
{
	const struct snapshot	*snap = v->tree != NULL ? v->tree->snap : NULL;
	const struct procinfo	*p;
	size_t			 i;
	char			*end;
	unsigned long		 n = strtoul(name, &end, 10);
	bool			 number = *name != '\0' && *end == '\0';

	for (i = 0; snap != NULL && i < snap->nprocs; i++) {
		p = &snap->procs[i];
		if (p->uid == UID_UNKNOWN)
			continue;
		if (strcmp(procinfo_user(p), name) == 0 ||
		    (number && p->uid == n)) {
			*uid = p->uid;
			return true;
		}
	}
	return false;
}

bool
view_filter_user(struct view *v, const char *name)
{
	uint32_t	uid;

	if (*name == '\0')
		v->vs.one_user = false;
	else if (view_find_user(v, name, &uid)) {
		v->vs.one_user = true;
		v->vs.uid = uid;
	} else
		return false;
	snprintf(v->user, sizeof v->user, "%s", name);
	view_rebuild(v);
	return true;
}

/* Set the text filter to text ("" for none). */
static void
view_set_text_filter(struct view *v, const char *text)
{
	snprintf(v->filter, sizeof v->filter, "%s", text);
	v->vs.match = v->filter[0] != '\0' ? v->filter : NULL;
	view_rebuild(v);
}

bool
view_escape(struct view *v)
{
	if (v->search[0] != '\0') {
		v->search[0] = '\0';
		return true;
	}
	if (v->filter[0] != '\0') {
		view_set_text_filter(v, "");
		return true;
	}
	if (v->vs.one_user)
		v->vs.one_user = false;
	else if (v->vs.filter != v->base_filter)
		v->vs.filter = v->base_filter;
	else if (v->vs.layout != ROWS_TREE)
		v->vs.layout = ROWS_TREE;
	else
		return false;
	view_rebuild(v);
	return true;
}

void
view_log_next_kind(struct view *v)
{
	struct eventlog_filter	*f = &v->log_filter;

	v->log_filter_gen++;
	if (!f->one_kind) {
		f->one_kind = true;
		f->kind = 0;
	} else if ((int)f->kind + 1 < DIFF_KIND_COUNT)
		f->kind++;
	else
		f->one_kind = false;
}

void
view_log_toggle_pidns(struct view *v, uint64_t inode)
{
	v->log_filter.pidns = v->log_filter.pidns != 0 ? 0 : inode;
	v->log_filter_gen++;
}

void
view_input_start(struct view *v, enum view_input input)
{
	v->input = input;
	v->input_from = v->sel;
	v->input_from_ppid = v->sel_ppid;
	snprintf(v->edit, sizeof v->edit, "%s",
	    input == VIEW_INPUT_FILTER ? v->filter :
	    input == VIEW_INPUT_EVENTS ? v->log_text : "");
}

/* Enter on a user name: apply it, or say why not. */
static void
view_input_user(struct view *v)
{
	char	msg[VIEW_QUERY_MAX + 32];

	if (view_filter_user(v, v->edit))
		return;
	snprintf(msg, sizeof msg, "no process of user %s", v->edit);
	view_say(v, msg);
}

/* What the event log shows: events matching text ("" for all). */
static void
view_set_log_text(struct view *v, const char *text)
{
	snprintf(v->log_text, sizeof v->log_text, "%s", text);
	v->log_filter.text = v->log_text;
	v->log_filter_gen++;
}

/* True if q is a PID query: digits only. */
static bool
view_is_pid_query(const char *q)
{
	return *q != '\0' && strspn(q, "0123456789") == strlen(q);
}

/*
 * A search that finds nothing: a PID that is not there leaves the
 * selection where the search began, since a shorter PID typed on the way
 * (1, 12, 123) is not what was asked for.
 */
static void
view_search_failed(struct view *v)
{
	char	msg[VIEW_QUERY_MAX + 32];

	if (!view_is_pid_query(v->edit)) {
		view_say(v, "no match");
		return;
	}
	v->sel = v->input_from;
	v->sel_ppid = v->input_from_ppid;
	view_locate(v);
	snprintf(msg, sizeof msg, "no such PID %s", v->edit);
	view_say(v, msg);
}

/* What was typed changed: filter, or find from the selected row. */
static void
view_input_changed(struct view *v)
{
	if (v->input == VIEW_INPUT_FILTER)
		view_set_text_filter(v, v->edit);
	else if (v->input == VIEW_INPUT_EVENTS)
		view_set_log_text(v, v->edit);
	else if (v->input == VIEW_INPUT_SEARCH && v->edit[0] != '\0' &&
	    !view_find(v, 0, v->edit, 1, true))
		view_search_failed(v);
}

void
view_input_char(struct view *v, int ch)
{
	size_t	len = strlen(v->edit);

	/*
	 * Printable ASCII and the bytes of UTF-8 characters, which arrive
	 * one at a time; the prompt draws what does not decode as '?'.
	 */
	if (ch < 0x20 || ch == 0x7f || ch > 0xff || len + 1 >= sizeof v->edit)
		return;
	v->edit[len] = (char)ch;
	v->edit[len + 1] = '\0';
	view_input_changed(v);
}

void
view_input_erase(struct view *v)
{
	size_t	len = strlen(v->edit);

	/* A whole character: its continuation bytes (10xxxxxx) and lead. */
	while (len > 0 && ((unsigned char)v->edit[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	v->edit[len] = '\0';
	view_input_changed(v);
}

void
view_input_accept(struct view *v)
{
	if (v->input == VIEW_INPUT_SEARCH)
		snprintf(v->search, sizeof v->search, "%s", v->edit);
	else if (v->input == VIEW_INPUT_USER)
		view_input_user(v);
	v->input = VIEW_INPUT_NONE;
}

void
view_input_cancel(struct view *v)
{
	if (v->input == VIEW_INPUT_FILTER)
		view_set_text_filter(v, "");
	else if (v->input == VIEW_INPUT_EVENTS)
		view_set_log_text(v, "");
	else if (v->input == VIEW_INPUT_SEARCH)
		v->search[0] = '\0';
	v->input = VIEW_INPUT_NONE;
}

void
view_say(struct view *v, const char *msg)
{
	snprintf(v->status, sizeof v->status, "%s", msg);
	v->status_new = true;
}

void
view_unsay(struct view *v)
{
	v->status_new = false;
	v->status_until = 0;
}

const char *
view_status(struct view *v, double now)
{
	if (v->status_new) {
		v->status_until = now + VIEW_STATUS_SECONDS;
		v->status_new = false;
	}
	return now < v->status_until ? v->status : NULL;
}
