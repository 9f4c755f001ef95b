/*
 * Containers and units as text for people: the label that titles a PID
 * namespace, names a row's container in a column or the detail pane.
 * Every name is escaped (escape.c): a container name is untrusted.  No
 * curses; in libcore.a.
 */
#ifndef UI_CTFMT_H
#define UI_CTFMT_H

#include <stdbool.h>
#include <stddef.h>

struct cgroup_info;

#define CTFMT_SHORT_ID	12	/* hex digits of an ID shown, as docker ps */

/*
 * "NAME (RUNTIME SHORTID)", "RUNTIME SHORTID" without a name, and for
 * Kubernetes "NAMESPACE/POD/NAME (RUNTIME SHORTID)"; lxc and nspawn,
 * whose ID is the name: "NAME (RUNTIME)".  Escaped, as snprintf() into
 * buf; returns buf.  utf8: pass valid UTF-8 through.
 */
const char	*ctfmt_label(const struct cgroup_info *c, bool utf8, char *buf,
		    size_t size);
/* Just the name, else the short ID (a column's cell); escaped. */
const char	*ctfmt_name(const struct cgroup_info *c, bool utf8, char *buf,
		    size_t size);

#endif
