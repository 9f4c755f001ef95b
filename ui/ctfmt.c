/*
 * Container labels (see ctfmt.h).
 */
#include "config.h"
#include "ctfmt.h"

#include <stdio.h>
#include <string.h>

#include "proc/escape.h"
#include "proc/snapshot.h"

/* The ID as shown: the first CTFMT_SHORT_ID hex digits. */
static void
ctfmt_short_id(const struct cgroup_info *c, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", CTFMT_SHORT_ID, c->ident.id);
}

/* Whether the runtime's ID is already the name (lxc, nspawn). */
static bool
ctfmt_id_is_name(const struct cgroup_info *c)
{
	return c->ident.runtime == CT_LXC || c->ident.runtime == CT_NSPAWN;
}

/* Escape s (a C string) into out. */
static void
ctfmt_escape(const char *s, bool utf8, char *out, size_t size)
{
	(void)escape_bytes(s, strlen(s), utf8, out, size);
}

const char *
ctfmt_name(const struct cgroup_info *c, bool utf8, char *buf, size_t size)
{
	char	id[CTFMT_SHORT_ID + 1];

	if (c->names.name[0] != '\0')
		ctfmt_escape(c->names.name, utf8, buf, size);
	else if (ctfmt_id_is_name(c))
		ctfmt_escape(c->ident.id, utf8, buf, size);
	else {
		ctfmt_short_id(c, id, sizeof id);
		snprintf(buf, size, "%s", id);
	}
	return buf;
}

const char *
ctfmt_label(const struct cgroup_info *c, bool utf8, char *buf, size_t size)
{
	char	 name[CT_NAME_MAX * 4], ns[CT_NAME_MAX * 4], pod[CT_NAME_MAX * 4];
	char	 id[CTFMT_SHORT_ID + 1];
	const char *rt = ct_runtime_name(c->ident.runtime);

	ctfmt_short_id(c, id, sizeof id);
	if (ctfmt_id_is_name(c)) {
		ctfmt_escape(c->ident.id, utf8, name, sizeof name);
		snprintf(buf, size, "%s (%s)", name, rt);
		return buf;
	}
	if (c->names.pod_name[0] != '\0') {
		ctfmt_escape(c->names.pod_namespace, utf8, ns, sizeof ns);
		ctfmt_escape(c->names.pod_name, utf8, pod, sizeof pod);
		ctfmt_escape(c->names.name, utf8, name, sizeof name);
		snprintf(buf, size, "%s/%s/%s (%s %s)", ns, pod, name, rt, id);
	} else if (c->names.name[0] != '\0') {
		ctfmt_escape(c->names.name, utf8, name, sizeof name);
		snprintf(buf, size, "%s (%s %s)", name, rt, id);
	} else
		snprintf(buf, size, "%s %s", rt, id);
	return buf;
}
