/*
 * libFuzzer target: any bytes as a /proc/PID/cgroup file.  What the
 * parser keeps must have the shape cgroup.h promises (a known runtime; a
 * hex ID of 12 to 64 digits for the runtimes that have one, else a name
 * without '/' or NUL; a pod UID of hex digits and dashes; a unit of
 * systemd's bytes), and the label made of it must be safe on a terminal.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc/cgroup.h"
#include "proc/snapshot.h"
#include "ui/ctfmt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless every byte of s is in allowed. */
static void
fuzz_only(const char *s, const char *allowed)
{
	if (s[strspn(s, allowed)] != '\0')
		abort();
}

static void
fuzz_check_label(const struct cgroup_info *c)
{
	char	buf[CT_NAME_MAX * 12];
	size_t	i;

	ctfmt_label(c, true, buf, sizeof buf);
	for (i = 0; buf[i] != '\0'; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cgroup_info	c;

	memset(&c, 0, sizeof c);
	(void)cgroup_parse((const char *)data, size, &c.ident);
	if (c.ident.runtime >= CT_RUNTIME_COUNT)
		abort();
	if (c.ident.runtime == CT_NONE && (c.ident.id[0] != '\0' ||
	    c.ident.pod_uid[0] != '\0'))
		abort();
	if (c.ident.runtime == CT_LXC || c.ident.runtime == CT_NSPAWN) {
		if (c.ident.id[0] == '\0' || strchr(c.ident.id, '/') != NULL)
			abort();
	} else if (c.ident.runtime != CT_NONE) {
		fuzz_only(c.ident.id, "0123456789abcdef");
		if (strlen(c.ident.id) < 12 || strlen(c.ident.id) > 64)
			abort();
	}
	fuzz_only(c.ident.pod_uid, "0123456789abcdef-");
	fuzz_only(c.ident.unit, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.\\@");
	if (c.ident.runtime != CT_NONE)
		fuzz_check_label(&c);
	return 0;
}
