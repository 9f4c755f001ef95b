/*
 * rows -> batch text.  Fixed columns, then the command drawn with tree
 * connectors.  Every byte that came from a process (comm, cmdline, user
 * name from a loaded file) is escaped before it is written.
 */
#include "config.h"
#include "batch.h"

#include <stdlib.h>
#include <string.h>

#include "proc/classify.h"
#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/reap.h"
#include "proc/rows.h"
#include "proc/snapshot.h"
#include "ui/ctfmt.h"
#include "ui/textwidth.h"

/* Beyond this depth the indentation stops growing and the depth is shown. */
#define BATCH_INDENT_MAX	40
/* Width of the USER column, and how far it grows for mapped users. */
#define BATCH_USER_COLS		8
#define BATCH_USER_COLS_MAX	24

/* Append s to the line at *at, within end; returns the new end of it. */
static char *
batch_put(char *at, const char *end, const char *s)
{
	size_t	len = strlen(s);

	if (len > (size_t)(end - at))
		len = (size_t)(end - at);
	memcpy(at, s, len);
	return at + len;
}

static void
batch_write_tree(FILE *out, const struct row *row,
    const struct batch_style *style)
{
	/* BATCH_INDENT_MAX glyphs of at most 4 bytes, and "[depth]". */
	char		 line[BATCH_INDENT_MAX * 4 + 16], *at = line;
	const char	*end = line + sizeof line;
	unsigned	 n, cells = row->depth;

	if (cells == 0)
		return;
	if (cells > BATCH_INDENT_MAX)
		cells = BATCH_INDENT_MAX;
	for (n = 0; n + 1 < cells; n++)
		at = batch_put(at, end, glyphs_get(style->glyphs,
		    n < ROWS_RAIL_MAX && (row->rails & (UINT64_C(1) << n)) ?
		    GLYPH_VERT : GLYPH_BLANK));
	if (row->depth > BATCH_INDENT_MAX)
		at += snprintf(at, (size_t)(end - at), "[%u]", row->depth);
	at = batch_put(at, end, glyphs_get(style->glyphs,
	    (row->flags & ROW_LAST) ? GLYPH_ELBOW : GLYPH_TEE));
	fwrite(line, 1, (size_t)(at - line), out);
}

/*
 * v right-aligned in width columns (wider if it needs more) at at, and a
 * space after; returns the end.  Faster than printf for 10,000 lines.
 */
static char *
batch_put_num(char *at, int width, long long v)
{
	char			 digits[24];
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
				    (unsigned long long)v;
	int			 n = 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[n++] = '-';
	for (; width > n; width--)
		*at++ = ' ';
	while (n > 0)
		*at++ = digits[--n];
	*at++ = ' ';
	return at;
}

/*
 * p's USER text, escaped into user (NSINFO_USER_MAX * 4 + 1): as seen
 * inside its user namespace and the host's user, "root(100000)", where
 * those differ.
 */
static void
batch_user(const struct procinfo *p, const struct batch_style *style,
    char *user, size_t size)
{
	char	label[NSINFO_USER_MAX];

	if (style->snap != NULL)
		nsinfo_user_label(style->snap, p, label, sizeof label);
	else
		snprintf(label, sizeof label, "%s", procinfo_user(p));
	escape_bytes(label, strlen(label), style->utf8, user, size);
}

/* The USER column's width: 8, or as wide as the widest mapped user. */
static int
batch_user_cols(const struct rows *rows, const struct batch_style *style)
{
	char	user[NSINFO_USER_MAX * 4 + 1];
	int	cols = BATCH_USER_COLS, w;
	size_t	k;

	for (k = 0; style->snap != NULL && k < rows->n; k++) {
		if (rows->v[k].proc == NULL ||
		    !nsinfo_user_differs(style->snap, rows->v[k].proc))
			continue;
		batch_user(rows->v[k].proc, style, user, sizeof user);
		if ((w = textwidth_str(user)) > cols)
			cols = w;
	}
	return cols < BATCH_USER_COLS_MAX ? cols : BATCH_USER_COLS_MAX;
}

/* "[uts,pid] ": the namespaces p does not share with its parent. */
static void
batch_write_ns_differs(FILE *out, const struct snapshot *snap,
    const struct procinfo *p)
{
	char	buf[NSINFO_DIFFERS_MAX];

	nsinfo_differs_text(nsinfo_differs(snap, p), buf, sizeof buf);
	if (buf[0] != '\0')
		fprintf(out, "%s ", buf);
}

/*
 * The container of PID namespace inode (its init's), as a label, into
 * buf; NULL outside any.
 */
static const char *
batch_pidns_container(const struct snapshot *snap, uint64_t inode,
    bool utf8, char *buf, size_t size)
{
	const struct pidns_info		*ns = snapshot_find_pidns(snap, inode);
	const struct procinfo		*init;
	const struct cgroup_info	*c;

	if (ns == NULL || ns->init_pid == 0 ||
	    (init = snapshot_find(snap, ns->init_pid)) == NULL ||
	    (c = procinfo_container(snap, init)) == NULL)
		return NULL;
	return ctfmt_label(c, utf8, buf, size);
}

/* "  -  PID 1 is sleep: it does not handle SIGTERM...", escaped; or nothing. */
static void
batch_write_verdict(FILE *out, uint64_t pidns, const struct batch_style *style)
{
	const struct reap_entry	*e = reap_find(style->reap, pidns);
	char			 raw[320], text[320 * 4];

	if (e == NULL || e->verdict == 0)
		return;
	reap_verdict_sentence(e, raw, sizeof raw);
	escape_bytes(raw, strlen(raw), style->utf8, text, sizeof text);
	fprintf(out, "  -  %s", text);
}

/*
 * A section's title in the by-namespace layout: "--- net namespace ...";
 * a PID namespace's names its container.
 */
static void
batch_write_section(FILE *out, const struct row *row,
    const struct batch_style *style)
{
	char		 title[CT_NAME_MAX * 12 + HOSTNAME_MAX * 4 + 256];
	char		 label[CT_NAME_MAX * 12];
	const char	*who = NULL;

	if (style->snap == NULL)
		return;
	if (style->group_ns == NS_PID)
		who = batch_pidns_container(style->snap, row->group_inode,
		    style->utf8, label, sizeof label);
	nsinfo_group_title(style->snap, style->group_ns, row->group_inode,
	    row->group_members, who, style->utf8, title, sizeof title);
	fprintf(out, "--- %s", title);
	if (style->group_ns == NS_PID)
		batch_write_verdict(out, row->group_inode, style);
	fputc('\n', out);
}

/* p's hostname where its UTS namespace is not PID 1's, or NULL. */
static const char *
batch_own_hostname(const struct snapshot *snap, const struct procinfo *p)
{
	const struct procinfo	*init = snapshot_find(snap, 1);

	if (init != NULL && init->ns[NS_UTS] == p->ns[NS_UTS])
		return NULL;
	return nsinfo_hostname(snap, p);
}

/*
 * A nested namespace init's container and hostname, before its command:
 * "[tt-web (podman a185261865f6), hostname web-01] ", where the
 * namespace's section would be titled; the hostname only where the UTS
 * namespace is not the host's (PID 1's), either alone where only it is
 * known.
 */
static void
batch_write_container(FILE *out, const struct procinfo *p,
    const struct batch_style *style)
{
	const struct cgroup_info	*c;
	const char			*host;
	char				 label[CT_NAME_MAX * 12];
	char				 hbuf[HOSTNAME_MAX * 4 + 1];

	if (style->snap == NULL || !(p->flags & PI_NSINIT) ||
	    p->nspid_len < 2)
		return;
	c = procinfo_container(style->snap, p);
	host = batch_own_hostname(style->snap, p);
	/* podman's and docker's default hostname: the short ID again. */
	if (c != NULL && host != NULL && host[0] != '\0' &&
	    strncmp(c->ident.id, host, strlen(host)) == 0)
		host = NULL;
	if (c == NULL && host == NULL)
		return;
	fputc('[', out);
	if (c != NULL)
		fputs(ctfmt_label(c, style->utf8, label, sizeof label), out);
	if (host != NULL) {
		escape_bytes(host, strnlen(host, HOSTNAME_MAX), style->utf8,
		    hbuf, sizeof hbuf);
		fprintf(out, "%shostname %s", c != NULL ? ", " : "", hbuf);
	}
	fputs("] ", out);
}

/*
 * The fixed columns, as "%7d %7d %7d %7d %6s %s %c %-5s %8llu " would
 * write them.
 */
static void
batch_write_columns(FILE *out, const struct procinfo *p, const char *nspid,
    const char *ucell, const char *marks)
{
	char	line[4 * 24 + 16 + 1 + 8 + 24 + 8], *at = line;
	size_t	len;

	at = batch_put_num(at, 7, p->pid);
	at = batch_put_num(at, 7, p->ppid);
	at = batch_put_num(at, 7, p->pgid);
	at = batch_put_num(at, 7, p->sid);
	for (len = strlen(nspid); len < 6; len++)
		*at++ = ' ';
	at = batch_put(at, line + sizeof line, nspid);
	*at++ = ' ';
	fwrite(line, 1, (size_t)(at - line), out);
	fputs(ucell, out);
	at = line;
	*at++ = ' ';
	*at++ = escape_state(p->state);
	*at++ = ' ';
	at = batch_put(at, line + sizeof line - 32, marks);
	for (len = strlen(marks); len < 5; len++)
		*at++ = ' ';
	*at++ = ' ';
	at = batch_put_num(at, 8, (long long)p->rss_kb);
	fwrite(line, 1, (size_t)(at - line), out);
}

/*
 * The last USER cell made, for the next process with the same user and
 * namespaces (the records share those: pointers compare): most lines.
 */
struct batch_user_memo {
	bool		 valid;
	const uint64_t	*ns;
	const char	*user;
	uint32_t	 uid;
	char		 cell[NSINFO_USER_MAX * 4 + 1 + BATCH_USER_COLS_MAX];
};

/* p's USER cell, cut and padded to user_cols by display width. */
static const char *
batch_user_cell(const struct procinfo *p, const struct batch_style *style,
    int user_cols, struct batch_user_memo *memo)
{
	char	user[NSINFO_USER_MAX * 4 + 1];

	/* A zombie's mount namespace is its init's: not memoised. */
	if (memo->valid && memo->ns == p->ns && memo->user == p->user &&
	    memo->uid == p->uid && p->state != 'Z')
		return memo->cell;
	batch_user(p, style, user, sizeof user);
	/* Cut and padded by display width: wide names keep S aligned. */
	textwidth_pad(memo->cell, sizeof memo->cell, user, user_cols, true);
	memo->valid = p->state != 'Z';
	memo->ns = p->ns;
	memo->user = p->user;
	memo->uid = p->uid;
	return memo->cell;
}

static void
batch_write_row(FILE *out, const struct row *row,
    const struct batch_style *style, int user_cols,
    struct batch_user_memo *memo, char **buf, size_t *cap)
{
	const struct procinfo	*p = row->proc;
	char			 nspid[16], marks[CLASSIFY_MARKS_MAX];
	pid_t			 inner = procinfo_inner_pid(p);

	if (inner != p->pid)
		snprintf(nspid, sizeof nspid, "%d", (int)inner);
	else
		snprintf(nspid, sizeof nspid, "-");
	classify_marks(p->flags, marks);
	batch_write_columns(out, p, nspid,
	    batch_user_cell(p, style, user_cols, memo), marks);
	batch_write_tree(out, row, style);
	/* Before the command, so a long command line cannot hide it. */
	batch_write_container(out, p, style);
	if (p->zombie_children > 0)
		fprintf(out, "[holds %u zombie%s] ", p->zombie_children,
		    p->zombie_children == 1 ? "" : "s");
	if (style->snap != NULL)
		batch_write_ns_differs(out, style->snap, p);
	if (p->flags & PI_THREAD) {
		/* A thread as pstree writes one: {name}. */
		fputc('{', out);
		fputs(escape_into(buf, cap, p->comm, strlen(p->comm), false,
		    style->utf8), out);
		fputc('}', out);
	} else if (procinfo_has_args(p) && !(p->flags & PI_KTHREAD)) {
		/* A zombie keeps the command line it had, if seen. */
		fputs(escape_into(buf, cap, p->cmdline, p->cmdline_len, true,
		    style->utf8), out);
		if (p->flags & PI_ZOMBIE)
			fputs(" <defunct>", out);
	} else {
		fputc('[', out);
		fputs(escape_into(buf, cap, p->comm, strlen(p->comm), false, style->utf8), out);
		fputc(']', out);
		if (p->flags & PI_ZOMBIE)
			fputs(" <defunct>", out);
	}
	fputc('\n', out);
}

void
batch_write(FILE *out, const struct rows *rows, const struct batch_style *style)
{
	struct batch_user_memo	 memo = { .valid = false };
	char			*buf = NULL;
	size_t			 cap = 0, k;
	int			 user_cols = batch_user_cols(rows, style);

	fprintf(out, "%7s %7s %7s %7s %6s %-*s %c %-5s %8s %s\n", "PID",
	    "PPID", "PGID", "SID", "NSPID", user_cols, "USER", 'S', "MARK",
	    "RSS", "COMMAND");
	for (k = 0; k < rows->n; k++)
		if (rows->v[k].proc == NULL)
			batch_write_section(out, &rows->v[k], style);
		else
			batch_write_row(out, &rows->v[k], style, user_cols,
			    &memo, &buf, &cap);
	free(buf);
}
