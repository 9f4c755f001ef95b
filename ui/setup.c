/*
 * Column setup: a list of every column, the shown ones first in their
 * order.  Space shows or hides, [ and ] (or Shift-Up/Down) move.  On a
 * short screen the list scrolls with the cursor.
 */
#include "config.h"
#include "setup.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "colors.h"
#include "draw.h"
#include "keys.h"

void
setup_open(struct setup *s, struct column_set *set)
{
	size_t	i, n = 0;
	int	c;

	s->open = true;
	s->set = set;
	s->cursor = 0;
	for (i = 0; i < set->n; i++)
		s->list[n++] = set->order[i];
	for (c = 0; c < COL_COUNT; c++)
		if (!columns_shown(set, (enum column_id)c))
			s->list[n++] = (enum column_id)c;
}

static void
setup_swap(struct setup *s, int a, int b)
{
	enum column_id	t;

	if (a < 0 || b < 0 || a >= COL_COUNT || b >= COL_COUNT ||
	    (size_t)a >= s->set->n || (size_t)b >= s->set->n)
		return;
	t = s->list[a];
	s->list[a] = s->list[b];
	s->list[b] = t;
	memcpy(s->set->order, s->list, s->set->n * sizeof *s->list);
	s->cursor = b;
}

/* Show or hide the column under the cursor, keeping shown ones first. */
static void
setup_toggle(struct setup *s)
{
	enum column_id	c = s->list[s->cursor];
	size_t		n = s->set->n;
	int		i;

	if ((size_t)s->cursor < n) {
		if (n == 1)
			return;		/* keep at least one column */
		memmove(&s->list[s->cursor], &s->list[s->cursor + 1],
		    (n - 1 - (size_t)s->cursor) * sizeof *s->list);
		s->list[n - 1] = c;
		n--;
	} else {
		for (i = s->cursor; i > (int)n; i--)
			s->list[i] = s->list[i - 1];
		s->list[n] = c;
		s->cursor = (int)n;
		n++;
	}
	s->set->n = n;
	memcpy(s->set->order, s->list, n * sizeof *s->list);
}

bool
setup_key(struct setup *s, enum action act)
{
	enum listnav_step	step;

	if (keys_step(act, &step)) {
		s->cursor = (int)listnav_move((size_t)s->cursor, COL_COUNT,
		    COL_COUNT, step);
		return s->open;
	}
	switch (act) {
	case ACT_TOGGLE:
		setup_toggle(s);
		break;
	case ACT_MOVE_UP:
		setup_swap(s, s->cursor, s->cursor - 1);
		break;
	case ACT_MOVE_DOWN:
		setup_swap(s, s->cursor, s->cursor + 1);
		break;
	case ACT_CANCEL:
		s->open = false;
		break;
	default:
		break;
	}
	return s->open;
}

/*
 * The first column of the list on screen: on a screen too short for all
 * of them the list scrolls, so the cursor stays in view.
 */
static int
setup_first(const struct setup *s, int rows)
{
	if (rows < 1)
		rows = 1;
	return s->cursor >= rows ? s->cursor - rows + 1 : 0;
}

void
setup_draw(struct draw_ctx *dc, const struct setup *s, int top, int bottom)
{
	char	line[256];
	int	i, y = top;

	move(y++, 0);
	attrset(colors_attr(dc->color, CR_HEADER_VALUE));
	draw_text(dc, "Columns: Space shows/hides, [ ] move, Enter or Esc "
	    "saves and closes.  COMMAND is always last.", COLS);
	draw_fill_line(0);
	for (i = setup_first(s, bottom - y); i < COL_COUNT && y < bottom;
	    i++, y++) {
		const struct column_def	*d = &columns_defs[s->list[i]];
		bool			 shown = (size_t)i < s->set->n;
		int			 attr = i == s->cursor ?
					    colors_attr(dc->color, CR_SELECTED) :
					    (shown ? 0 : colors_attr(dc->color,
					    CR_KTHREAD));

		snprintf(line, sizeof line, " [%c] %-6s %s", shown ? 'x' : ' ',
		    d->name, d->help);
		move(y, 0);
		attrset(attr);
		draw_text(dc, line, COLS);
		draw_fill_line(attr);
	}
	for (; y < bottom; y++) {
		move(y, 0);
		attrset(0);
		clrtoeol();
	}
}
