/* A growing array of PIDs (pidvec.h). */
#include "config.h"
#include "pidvec.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
pidvec_push(struct pidvec *pv, pid_t pid)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? pv->cap * 2 : 64;
		pv->v = xreallocarray(pv->v, pv->cap, sizeof *pv->v);
	}
	pv->v[pv->n++] = pid;
}

void
pidvec_done(struct pidvec *pv)
{
	free(pv->v);
	memset(pv, 0, sizeof *pv);
}
