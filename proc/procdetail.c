/*
 * The detail pane's model: copies of a process's record and its parent's,
 * what the scanner read on demand, and the pane as lines of escaped text.
 *
 * Everything here is plain data in, plain data out, so the tests can pin
 * each line.  It must not read /proc (scan.c does) or use curses
 * (ui/detailview.c draws the lines); proc/escape.c is the one way bytes
 * from a process become text.
 */
#include "config.h"
#include "procdetail.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "classify.h"
#include "signals.h"
#include "xalloc.h"


static const struct {
	char		 letter;
	const char	*text;
} procdetail_states[] = {
	{ 'R', "R (running or runnable)" },
	{ 'S', "S (sleeping: interruptible wait)" },
	{ 'D', "D (disk sleep: uninterruptible wait)" },
	{ 'Z', "Z (zombie: exited, not yet reaped by its parent)" },
	{ 'T', "T (stopped by a signal)" },
	{ 't', "t (stopped by a debugger)" },
	{ 'I', "I (idle kernel thread)" },
	{ 'X', "X (dead)" },
	{ 'x', "x (dead)" },
	{ 'P', "P (parked)" },
	{ 'K', "K (wakekill: sleeping, woken by fatal signals)" },
	{ 'W', "W (waking or paging)" },
};

/* --- lifecycle --------------------------------------------------------- */

void
procdetail_init(struct procdetail *d)
{
	memset(d, 0, sizeof *d);
	d->proc.ns = d->parent.ns = procinfo_ns_unknown;
	d->proc.user = d->parent.user = "";
	d->proc.comm = d->parent.comm = "";
	d->open_files = -1;
}

void
procdetail_done(struct procdetail *d)
{
	free(d->cmdline);
	free(d->parent_cmdline);
	free(d->cgroup);
	free(d->files);
	free(d->environ);
	free(d->parent_environ);
	free(d->unreadable);
	procdetail_init(d);
}


int
procdetail_from_snapshot(struct procdetail *d, const struct snapshot *snap,
    pid_t pid, uint64_t start_ticks)
{
	const struct procinfo	*p, *pp = NULL;

	procdetail_done(d);
	p = snapshot_find(snap, pid);
	if (p == NULL || p->start_ticks != start_ticks)
		return -ESRCH;
	procinfo_copy(&d->proc, p, &d->cmdline, d->nspid, &d->own);
	if (snapshot_cgroup(snap, p->cgroup) != NULL) {
		d->cgroup_info = *snapshot_cgroup(snap, p->cgroup);
		d->has_cgroup_info = true;
	}
	if (p->ppid > 0 && p->ppid != p->pid)
		pp = snapshot_find(snap, p->ppid);
	if (pp != NULL) {
		procinfo_copy(&d->parent, pp, &d->parent_cmdline,
		    d->parent_nspid, &d->parent_own);
		d->has_parent = true;
	}
	d->unreadable = xstrdup("environment, cgroup and open files are not "
	    "in a saved snapshot");
	return 0;
}

/* --- states, signals, wait statuses ------------------------------------ */

const char *
procdetail_state_text(char state)
{
	size_t	i;

	for (i = 0; i < sizeof procdetail_states / sizeof procdetail_states[0];
	    i++)
		if (procdetail_states[i].letter == state)
			return procdetail_states[i].text;
	return NULL;
}

/* "SIGSEGV", or "signal 32" for a signal without a name. */
static void
procdetail_sig_word(int signo, char *buf, size_t size)
{
	char	name[16];

	signals_short_name(signo, name, sizeof name);
	if (name[0] >= '0' && name[0] <= '9')
		snprintf(buf, size, "signal %s", name);
	else
		snprintf(buf, size, "SIG%s", name);
}

char *
procdetail_wait_status_text(int status, char *buf, size_t size)
{
	char	sig[32];

	if (WIFEXITED(status))
		snprintf(buf, size, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status)) {
		procdetail_sig_word(WTERMSIG(status), sig, sizeof sig);
		snprintf(buf, size, "killed by %s%s", sig,
		    WCOREDUMP(status) ? " (core dumped)" : "");
	} else if (WIFSTOPPED(status)) {
		procdetail_sig_word(WSTOPSIG(status), sig, sizeof sig);
		snprintf(buf, size, "stopped by %s", sig);
	} else if (WIFCONTINUED(status))
		snprintf(buf, size, "continued");
	else
		snprintf(buf, size, "wait status %#x", (unsigned)status);
	return buf;
}

/* --- the environment diff ---------------------------------------------- */

struct procdetail_var {
	const char	*s;		/* borrowed; the whole entry */
	size_t		 len;
	size_t		 name_len;
	size_t		 order;		/* position in the block */
	unsigned	 dups;
};

static int
procdetail_name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int	c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int
procdetail_var_cmp(const void *va, const void *vb)
{
	const struct procdetail_var	*a = va, *b = vb;
	int				 c;

	c = procdetail_name_cmp(a->s, a->name_len, b->s, b->name_len);
	if (c != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Split a block into sorted entries, one per name (the first). */
static struct procdetail_var *
procdetail_env_split(const char *env, size_t len, size_t *np)
{
	struct procdetail_var	*v;
	const char		*p, *end, *nul, *eq;
	size_t			 n = 0, cap = 0, i, k;

	v = NULL;
	*np = 0;
	if (env == NULL)
		return NULL;
	p = env;
	end = env + len;
	while (p < end) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL)
			nul = end;
		if (nul > p) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof *v);
			}
			eq = memchr(p, '=', (size_t)(nul - p));
			v[n].s = p;
			v[n].len = (size_t)(nul - p);
			v[n].name_len = (size_t)((eq != NULL ? eq : nul) - p);
			v[n].order = n;
			v[n].dups = 0;
			n++;
		}
		p = nul + 1;
	}
	if (n > 0)
		qsort(v, n, sizeof *v, procdetail_var_cmp);
	for (i = 0, k = 0; i < n; i++) {
		if (k > 0 && procdetail_name_cmp(v[k - 1].s, v[k - 1].name_len,
		    v[i].s, v[i].name_len) == 0) {
			v[k - 1].dups++;
			continue;
		}
		v[k++] = v[i];
	}
	*np = k;
	return v;
}

static void
procdetail_envdiff_push(struct envdiff *out, size_t *cap,
    enum envdiff_kind kind, const struct procdetail_var *cur,
    const struct procdetail_var *old)
{
	struct envdiff_entry	*e;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	e = &out->v[out->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	if (cur != NULL) {
		e->cur = cur->s;
		e->cur_len = cur->len;
		e->name_len = cur->name_len;
		e->dups = cur->dups;
	}
	if (old != NULL) {
		e->old = old->s;
		e->old_len = old->len;
		e->name_len = old->name_len;
		if (cur == NULL)
			e->dups = old->dups;
	}
	out->added += kind == ENVDIFF_ADDED;
	out->changed += kind == ENVDIFF_CHANGED;
	out->removed += kind == ENVDIFF_REMOVED;
}

void
procdetail_envdiff_build(struct envdiff *out, const char *env, size_t len,
    const char *penv, size_t plen)
{
	struct procdetail_var	*cur, *par = NULL;
	size_t			 ncur, npar = 0, i = 0, j = 0, cap = 0;
	int			 c;

	memset(out, 0, sizeof *out);
	cur = procdetail_env_split(env, len, &ncur);
	if (penv != NULL)
		par = procdetail_env_split(penv, plen, &npar);
	while (i < ncur || j < npar) {
		if (penv == NULL)
			c = -1;
		else if (i == ncur)
			c = 1;
		else if (j == npar)
			c = -1;
		else
			c = procdetail_name_cmp(cur[i].s, cur[i].name_len,
			    par[j].s, par[j].name_len);
		if (c < 0) {
			procdetail_envdiff_push(out, &cap, penv == NULL ?
			    ENVDIFF_SAME : ENVDIFF_ADDED, &cur[i++], NULL);
		} else if (c > 0)
			procdetail_envdiff_push(out, &cap, ENVDIFF_REMOVED,
			    NULL, &par[j++]);
		else {
			bool	same = cur[i].len == par[j].len &&
			    memcmp(cur[i].s, par[j].s, cur[i].len) == 0;

			procdetail_envdiff_push(out, &cap, same ? ENVDIFF_SAME :
			    ENVDIFF_CHANGED, &cur[i++], &par[j++]);
		}
	}
	free(cur);
	free(par);
}

void
procdetail_envdiff_done(struct envdiff *out)
{
	free(out->v);
	memset(out, 0, sizeof *out);
}
