/*
 * Scenario builders for model tests.
 */
#include "config.h"
#include "fx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "proc/classify.h"
#include "proc/nstable.h"
#include "proc/ptree.h"
#include "proc/strpool.h"

struct snapshot *
fx_new(void)
{
	struct snapshot	*s = snapshot_new();

	s->clk_tck = 100;
	s->time = 1000000.0;
	s->boot_time = 900000;
	snprintf(s->host, sizeof s->host, "fixture");
	s->self_pid = 1;
	s->self_pidns = FX_HOST_PIDNS;
	return s;
}

struct procinfo *
fx_proc(struct snapshot *s, pid_t pid, pid_t ppid, pid_t sid, char state,
    const char *comm)
{
	struct procinfo	*p = snapshot_add(s);
	uint64_t	*own;
	int		 ns;

	p->pid = pid;
	p->ppid = ppid;
	p->pgid = sid;
	p->sid = sid;
	p->tgid = pid;
	p->state = state;
	snapshot_set_comm(s, p, comm);
	p->uid = 0;
	p->user = "root";
	p->start_ticks = (uint64_t)pid * 10;
	p->threads = 1;
	/* Room for the deepest NSpid, so that fx_nspid() can fill it in. */
	snapshot_set_nspid(s, p, NULL, NSPID_MAX)[0] = pid;
	p->nspid_len = 1;
	/* A set of its own, so that fx_ns() may change it. */
	own = strpool_alloc(s->pool, sizeof own[0] * NS_COUNT, sizeof own[0]);
	for (ns = 0; ns < NS_COUNT; ns++)
		own[ns] = FX_HOST_PIDNS + (uint64_t)ns;
	own[NS_PID] = FX_HOST_PIDNS;
	p->ns = own;
	if (state != 'Z')
		snapshot_set_cmdline(s, p, comm, strlen(comm) + 1);
	return p;
}

void
fx_nspid(struct procinfo *p, uint64_t ns, int n, ...)
{
	va_list	ap;
	int	i;

	va_start(ap, n);
	for (i = 0; i < n && i < NSPID_MAX; i++)
		p->nspid[i] = va_arg(ap, int);
	va_end(ap);
	p->nspid_len = i;
	fx_ns(p)[NS_PID] = ns;
}

uint64_t *
fx_ns(struct procinfo *p)
{
	return (uint64_t *)(uintptr_t)p->ns;
}

struct procinfo *
fx_get(struct snapshot *s, pid_t pid)
{
	snapshot_sort(s);
	return snapshot_find(s, pid);
}

void
fx_scene_build(struct fx_scene *sc, struct snapshot *s)
{
	sc->snap = s;
	snapshot_sort(s);
	classify_snapshot(s);
	nstable_build(s);
	sc->tree = ptree_build(s);
	rows_init(&sc->rows);
}

void
fx_scene_free(struct fx_scene *sc)
{
	rows_done(&sc->rows);
	ptree_free(sc->tree);
	snapshot_free(sc->snap);
}
