/*
 * The header's meters as text: the bar, the figure written over its
 * right end, and the two meters of a line.  No curses, no clock.
 */
#include "config.h"
#include "meter.h"

#include <stdio.h>
#include <string.h>

#include "proc/snapshot.h"

void
meter_format(const char *label, double fraction, const char *text,
    int width, char *buf, size_t size)
{
	int	inner, fill, len, i;
	size_t	used;

	if (size == 0)
		return;
	used = (size_t)snprintf(buf, size, "%s [", label);
	inner = width - (int)used - 1;
	if (inner < 1 || used + (size_t)inner + 2 > size) {
		snprintf(buf, size, "%.*s", width > 0 ? width : 0, label);
		return;
	}
	fill = fraction < 0 ? 0 : fraction >= 1 ? inner :
	    (int)(fraction * inner + 0.5);
	for (i = 0; i < inner; i++)
		buf[used + (size_t)i] = i < fill ? '|' : ' ';
	len = text != NULL ? (int)strlen(text) : 0;
	if (len > 0 && len <= inner)
		memcpy(buf + used + (size_t)(inner - len), text, (size_t)len);
	used += (size_t)inner;
	buf[used++] = ']';
	buf[used] = '\0';
}

void
meter_size(uint64_t kb, char *buf, size_t size)
{
	if (kb < 1024)
		snprintf(buf, size, "%lluK", (unsigned long long)kb);
	else if (kb < 1024ull * 1024)
		snprintf(buf, size, "%lluM", (unsigned long long)kb >> 10);
	else if (kb < 1024ull * 1024 * 1024)
		snprintf(buf, size, "%.1fG", (double)kb / (1024.0 * 1024));
	else
		snprintf(buf, size, "%.1fT", (double)kb /
		    (1024.0 * 1024 * 1024));
}

/* The memory meter's share and figure: "1.2G/3.8G". */
static double
meter_memory(const struct snapshot *snap, char *text, size_t size)
{
	char		used[32], total[32];
	uint64_t	in_use;

	if (snap->mem_total_kb == 0) {
		snprintf(text, size, "-");
		return -1;
	}
	meter_size(snap->mem_total_kb, total, sizeof total);
	if (snap->mem_avail_kb == 0 || snap->mem_avail_kb > snap->mem_total_kb) {
		snprintf(text, size, "-/%s", total);
		return -1;
	}
	in_use = snap->mem_total_kb - snap->mem_avail_kb;
	meter_size(in_use, used, sizeof used);
	snprintf(text, size, "%s/%s", used, total);
	return (double)in_use / (double)snap->mem_total_kb;
}

void
meter_line(const struct snapshot *snap, int width, char *buf, size_t size)
{
	char	text[64];
	double	share;
	int	left = (width - METER_GAP) / 2;
	size_t	used;

	if (size == 0)
		return;
	if (left < 0)
		left = 0;
	if (snap->cpu_known)
		snprintf(text, sizeof text, "%.1f%%", (double)snap->cpu_pct);
	else
		snprintf(text, sizeof text, "-");
	meter_format("CPU", snap->cpu_known ? snap->cpu_pct / 100.0 : -1,
	    text, left, buf, size);
	/* The memory meter starts after the CPU meter's width and the gap. */
	for (used = strlen(buf); used + 1 < size &&
	    used < (size_t)(left + METER_GAP); used++)
		buf[used] = ' ';
	buf[used] = '\0';
	share = meter_memory(snap, text, sizeof text);
	meter_format("Mem", share, text, width - (int)used, buf + used,
	    size - used);
}
