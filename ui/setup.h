/*
 * The column setup screen (F2): show, hide and reorder columns.  A small
 * modal state machine; the caller saves the result.
 */
#ifndef UI_SETUP_H
#define UI_SETUP_H

#include <stdbool.h>

#include "columns.h"
#include "keys.h"

struct draw_ctx;

struct setup {
	bool		 open;
	struct column_set *set;		/* borrowed; edited in place */
	enum column_id	 list[COL_COUNT];	/* shown ones first, in order */
	int		 cursor;
};

/* Open the screen on set. */
void	setup_open(struct setup *s, struct column_set *set);
/* Handle a key (mode KEYS_SETUP); false when the screen closed (save then). */
bool	setup_key(struct setup *s, enum action act);
/* Draw it between screen rows top and bottom (exclusive). */
void	setup_draw(struct draw_ctx *dc, const struct setup *s, int top,
	    int bottom);

#endif
