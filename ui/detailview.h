/*
 * The detail pane on screen: draws the lines procdetail_format() made,
 * scrolled, between two screen rows.  Draws only what it is given; the
 * model (and every escape) is proc/procdetail.c's.
 */
#ifndef UI_DETAILVIEW_H
#define UI_DETAILVIEW_H

#include <stddef.h>

struct draw_ctx;
struct detail_lines;

/*
 * Draw lines[scroll..] on rows top_y .. bottom_y - 1, full width, each in
 * its role's attributes and without its first hscroll columns (scrolled
 * sideways); rows past the last line are cleared.  Does not
 * refresh the screen.
 */
void	detailview_draw(struct draw_ctx *dc, const struct detail_lines *lines,
	    size_t scroll, size_t hscroll, int top_y, int bottom_y);
/* The largest useful scroll for a pane height rows high. */
size_t	detailview_max_scroll(const struct detail_lines *lines, int height);

#endif
