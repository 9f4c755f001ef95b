/*
 * The tests of one process against a view state: whether it matches a
 * text query, and whether it is folded.  The rows (rows.c) and the
 * ghosts among them (rows_ghosts.c) both ask them.  No curses, no /proc.
 */
#include "config.h"
#include "rows_view.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

/* Case-insensitive search for needle in len bytes; NULs count as spaces. */
static bool
rows_bytes_contain(const char *hay, size_t len, const char *needle)
{
	size_t	n = strlen(needle), i, j;

	if (n == 0)
		return true;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			unsigned char	c = (unsigned char)hay[i + j];

			if (c == '\0')
				c = ' ';
			if (tolower(c) != tolower((unsigned char)needle[j]))
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

bool
rows_proc_matches(const struct procinfo *p, const char *query)
{
	const char	*q;
	char		*end;
	long		 v;

	for (q = query; *q != '\0' && isdigit((unsigned char)*q); q++)
		;
	if (*query != '\0' && *q == '\0') {
		v = strtol(query, &end, 10);
		return v == p->pid;
	}
	return rows_bytes_contain(p->comm, strlen(p->comm), query) ||
	    rows_bytes_contain(p->cmdline, p->cmdline_len, query);
}

bool
rows_proc_hidden(const struct viewstate *vs, const struct procinfo *p)
{
	return (vs->hide_threads && (p->flags & PI_THREAD)) ||
	    (vs->hide_kthreads && (p->flags & PI_KTHREAD)) ||
	    (vs->one_user && p->uid != vs->uid);
}

bool
rows_is_folded(const struct viewstate *vs, const struct procinfo *p)
{
	size_t	lo = 0, hi = vs->nfolded;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;

		const struct proc_ident	*f = &vs->folded[mid];

		if (f->pid < p->pid || (f->pid == p->pid &&
		    f->start_ticks < p->start_ticks))
			lo = mid + 1;
		else if (f->pid > p->pid || f->start_ticks > p->start_ticks)
			hi = mid;
		else
			return true;
	}
	return false;
}

/*
 * Folds apply to browsing; a view that looks for something (zombies,
 * orphans, a text filter) shows every match, folded or not.
 */
bool
rows_folding(const struct viewstate *vs)
{
	return vs->nfolded > 0 && vs->filter != ROWS_ZOMBIES &&
	    vs->filter != ROWS_ORPHANS &&
	    (vs->match == NULL || vs->match[0] == '\0');
}

uint64_t
rows_group_key(const struct snapshot *snap, const struct procinfo *p,
    enum ns_type t)
{
	return t == NS_PID ? procinfo_pidns(snap, p) : p->ns[t];
}
