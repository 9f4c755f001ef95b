/*
 * The one cursor movement of every list on the screen.
 */
#include "config.h"
#include "listnav.h"

size_t
listnav_move(size_t cur, size_t n, size_t page, enum listnav_step step)
{
	size_t	last = n > 0 ? n - 1 : 0;

	if (page == 0)
		page = 1;
	if (cur > last)
		cur = last;
	switch (step) {
	case LISTNAV_UP:
		return cur > 0 ? cur - 1 : 0;
	case LISTNAV_DOWN:
		return cur < last ? cur + 1 : last;
	case LISTNAV_PAGE_UP:
		return cur > page ? cur - page : 0;
	case LISTNAV_PAGE_DOWN:
		return last - cur > page ? cur + page : last;
	case LISTNAV_HOME:
		return 0;
	case LISTNAV_END:
		break;
	}
	return last;
}
