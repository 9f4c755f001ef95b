/*
 * Tests for proc/passwd.c: a container's /etc/passwd is parsed without
 * trusting it.  Ordinary files, the last line without a newline, the
 * first line of a uid winning, and hostile text: malformed lines, NUL
 * bytes, names too long, uids out of range, NIS lines, a name of escape
 * sequences (kept raw, escaped by the writers: checked through
 * nsinfo_user_label() and escape_bytes()), a file of one huge line and
 * one of more lines than are kept.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/escape.h"
#include "proc/nsinfo.h"
#include "proc/passwd.h"
#include "proc/snapshot.h"
#include "proc/xalloc.h"
#include "tests/runner.h"
#include "tests/testutil.h"

/* Parse the C string text; *n entries. */
static struct passwd_entry *
parse(const char *text, size_t *n)
{
	return passwd_parse(text, strlen(text), n);
}

static void
test_ordinary(void)
{
	static const char	text[] =
	    "root:x:0:0:root:/root:/bin/sh\n"
	    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
	    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
	    "app:x:1000:1000::/home/app:/bin/sh";	/* no newline */
	struct passwd_entry	*v;
	size_t			 n = 99;

	v = parse(text, &n);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 0), "root");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 33), "www-data");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 1000), "app");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 65534), "nobody");
	CU_ASSERT_PTR_NULL(passwd_name(v, n, 2));
	CU_ASSERT_EQUAL(v[0].uid, 0);		/* sorted by uid */
	CU_ASSERT_EQUAL(v[4].uid, 65534);
	free(v);
	/* nothing at all, or nothing valid: NULL, 0 */
	CU_ASSERT_PTR_NULL(parse("", &n));
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NULL(parse("\n\n\n", &n));
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NULL(passwd_name(NULL, 0, 0));
	/* a file of one line and no newline */
	v = parse("solo:x:7:7::/:/bin/sh", &n);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 7), "solo");
	free(v);
	/* three fields are enough (the uid ends the line) */
	v = parse("short:x:8", &n);
	CU_ASSERT_EQUAL(n, 1);
	free(v);
}

/* The first line naming a uid wins, as getpwuid(3) finds it. */
static void
test_first_wins(void)
{
	static const char	text[] =
	    "zed:x:500:500::/:/bin/sh\n"
	    "alpha:x:9:9::/:/bin/sh\n"
	    "toor:x:0:0::/:/bin/sh\n"
	    "root:x:0:0::/:/bin/sh\n"
	    "second:x:500:500::/:/bin/sh\n";
	struct passwd_entry	*v;
	size_t			 n;

	v = parse(text, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 500), "zed");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 0), "toor");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 9), "alpha");
	free(v);
}

static void
test_malformed(void)
{
	static const char	text[] =
	    "nocolon\n"
	    "one:colon\n"
	    ":x:10:10::/:/bin/sh\n"			/* empty name */
	    "neg:x:-1:0::/:/bin/sh\n"
	    "big:x:4294967295:0::/:/bin/sh\n"		/* (uid_t)-1 */
	    "bigger:x:99999999999:0::/:/bin/sh\n"
	    "hex:x:0x10:0::/:/bin/sh\n"
	    "space:x: 11:0::/:/bin/sh\n"
	    "crlf:x:12\r\n"
	    "empty:x::0::/:/bin/sh\n"
	    "+nis::0:0:::\n"
	    "-nis::0:0:::\n"
	    "+\n"
	    "thirtythreebytesthirtythreebytes3:x:13:0::/:/bin/sh\n"
	    "thirtytwobytesthirtytwobytes__32:x:14:0::/:/bin/sh\n"
	    "max:x:4294967294:0::/:/bin/sh\n";
	struct passwd_entry	*v;
	size_t			 n;

	v = parse(text, &n);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 14),
	    "thirtytwobytesthirtytwobytes__32");
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 4294967294u), "max");
	CU_ASSERT_PTR_NULL(passwd_name(v, n, 0));
	CU_ASSERT_PTR_NULL(passwd_name(v, n, 13));
	free(v);
}

/* A NUL in a name drops the line; in another field it is harmless. */
static void
test_nul_bytes(void)
{
	static const char	text[] = "a\0b:x:20:0::/:/bin/sh\n"
	    "ok:x:21:0:\0gecos:/:/bin/sh\n"
	    "\0\0\0\0\n";
	struct passwd_entry	*v;
	size_t			 n;

	v = passwd_parse(text, sizeof text - 1, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 21), "ok");
	free(v);
}

/*
 * A name of escape sequences is kept as it is; the USER label built from
 * it reaches the screen only through escape_bytes(), without an ESC.
 */
static void
test_escapes(void)
{
	static const char	text[] = "\x1b]0;owned\x07\x1b[2J:x:0:0::/:\n";
	struct passwd_entry	*v;
	struct snapshot		*snap = snapshot_new();
	struct mntns_users	*m;
	struct procinfo		*p;
	char			 label[NSINFO_USER_MAX];
	char			 esc[NSINFO_USER_MAX * 4 + 1];
	size_t			 n;

	v = parse(text, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 0), "\x1b]0;owned\x07\x1b[2J");
	/* a process as root in a mount namespace whose passwd this is */
	p = snapshot_add(snap);
	p->pid = 42;
	p->uid = 0;
	p->user = "root";
	snapshot_set_ns1(snap, p, NS_MNT, 4026532999);
	snapshot_set_ns1(snap, p, NS_USER, 4026531837);
	snapshot_sort(snap);
	snapshot_set_idmap(snap, &snapshot_add_userns(snap,
	    4026531837)->uid_map, (const struct idmap_extent[]){ { 0, 0,
	    4294967295u } }, 1);
	m = snapshot_add_mntusers(snap, 4026532999);
	snapshot_set_mntusers(snap, m, v, n);
	nsinfo_sort(snap);
	nsinfo_user_label(snap, snapshot_find(snap, 42), label, sizeof label);
	CU_ASSERT_STRING_EQUAL(label, "\x1b]0;owned\x07\x1b[2J(root)");
	CU_ASSERT_TRUE(nsinfo_user_differs(snap, snapshot_find(snap, 42)));
	escape_bytes(label, strlen(label), true, esc, sizeof esc);
	TU_CHECK_MSG(strchr(esc, '\x1b') == NULL && strchr(esc, '\x07') ==
	    NULL, "escaped label still holds control bytes: %s", esc);
	free(v);
	snapshot_free(snap);
}

/* A huge single line, and more lines than are kept: bounded, no crash. */
static void
test_huge(void)
{
	size_t			 size = 4 * 1024 * 1024, n, i, len = 0;
	char			*text = xmalloc(size + 64);
	struct passwd_entry	*v;

	/* one line of 4 MiB: a name far too long */
	memset(text, 'A', size);
	memcpy(text + size, ":x:1:1::/:", 10);
	CU_ASSERT_PTR_NULL(passwd_parse(text, size + 10, &n));
	CU_ASSERT_EQUAL(n, 0);
	/* 3 * PASSWD_ENTRIES_MAX short valid lines: the first ones kept */
	for (i = 0; i < 3 * PASSWD_ENTRIES_MAX && len + 32 < size; i++)
		len += (size_t)snprintf(text + len, 32, "u%zu:x:%zu:0::/:\n",
		    i, 3 * PASSWD_ENTRIES_MAX - i);
	v = passwd_parse(text, len, &n);
	CU_ASSERT_EQUAL(n, PASSWD_ENTRIES_MAX);
	CU_ASSERT_STRING_EQUAL(passwd_name(v, n, 3 * PASSWD_ENTRIES_MAX),
	    "u0");
	CU_ASSERT_PTR_NULL(passwd_name(v, n, 1));	/* past the cap */
	free(v);
	free(text);
}

static const struct runner_test tests[] = {
	{ "ordinary files", test_ordinary },
	{ "the first line of a uid wins", test_first_wins },
	{ "malformed lines are ignored", test_malformed },
	{ "NUL bytes", test_nul_bytes },
	{ "names of escapes stay raw, shown escaped", test_escapes },
	{ "huge files", test_huge },
};

int
main(void)
{
	static const struct runner_suite suites[] = {
		RUNNER_SUITE("passwd", NULL, NULL, tests),
	};

	return runner_run(suites, RUNNER_COUNT(suites));
}
