/*
 * The detail pane on screen.  Each line's role maps to a colour role;
 * without colour the line's own text (the +, ~ and - prefixes, "differs
 * from parent") still says everything.  Never reads /proc.
 */
#include "config.h"
#include "detailview.h"

#include <curses.h>

#include "colors.h"
#include "draw.h"
#include "detailfmt.h"
#include "proc/procdetail.h"

static enum color_role
detailview_role(enum detail_role role)
{
	switch (role) {
	case DR_HEADING:
		return CR_HEADER_VALUE;
	case DR_DIFFERS:
	case DR_ADDED:
		return CR_NSINIT;
	case DR_CHANGED:
		return CR_ORPHAN;
	case DR_REMOVED:
		return CR_ZOMBIE;
	case DR_DIM:
		return CR_KTHREAD;
	case DR_NORMAL:
		break;
	}
	return CR_DEFAULT;
}

void
detailview_draw(struct draw_ctx *dc, const struct detail_lines *lines,
    size_t scroll, size_t hscroll, int top_y, int bottom_y)
{
	const struct detail_line	*l;
	size_t				 i;
	int				 y, attr;

	if (top_y < 0)
		top_y = 0;
	if (bottom_y > LINES)
		bottom_y = LINES;
	for (y = top_y; y < bottom_y; y++) {
		i = scroll + (size_t)(y - top_y);
		move(y, 0);
		if (i >= lines->n) {
			draw_fill_line(A_NORMAL);
			continue;
		}
		l = &lines->v[i];
		attr = colors_attr(dc->color, detailview_role(l->role));
		attrset(attr);
		draw_text(dc, draw_skip(l->text, hscroll), COLS);
		draw_fill_line(attr);
	}
	attrset(A_NORMAL);
}

size_t
detailview_max_scroll(const struct detail_lines *lines, int height)
{
	if (height < 1)
		height = 1;
	return lines->n > (size_t)height ? lines->n - (size_t)height : 0;
}
