/*
 * The header's meters, as htop draws them: "CPU [|||||      23.4%]", a
 * bar of '|' for the share in use with the figure at its right end, so
 * that a meter reads the same without colour.  Plain text, no curses:
 * draw.c lays it out and colours the bars.
 */
#ifndef UI_METER_H
#define UI_METER_H

#include <stddef.h>
#include <stdint.h>

struct snapshot;

#define METER_GAP	2	/* blanks between two meters on a line */

/*
 * One meter, width columns wide (less if width is too small even for
 * its label): label, a blank, then a bar in brackets filled for fraction
 * (0 to 1; below 0, unknown: empty), with text at the bar's right end
 * when it fits there.
 */
void	meter_format(const char *label, double fraction, const char *text,
	    int width, char *buf, size_t size);
/* An amount of memory given in KiB, short: "900K", "812M", "1.2G". */
void	meter_size(uint64_t kb, char *buf, size_t size);
/*
 * The CPU meter (the whole machine's use since the previous snapshot)
 * and the memory meter (used of total, used being what is not
 * available) of snap side by side, width columns in all.  "-" marks
 * what is unknown.
 */
void	meter_line(const struct snapshot *snap, int width, char *buf,
	    size_t size);

#endif
