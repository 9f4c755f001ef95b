/*
 * User names from the text of a passwd(5) file that another root file
 * system holds (a container's /etc/passwd): untrusted bytes, parsed
 * without trusting them.  Only the name and the uid of each line are
 * kept; names stay raw bytes, to be escaped before they are shown.
 */
#ifndef PROC_PASSWD_H
#define PROC_PASSWD_H

#include <stddef.h>
#include <stdint.h>

/* A name as useradd(8) allows it: at most 32 bytes, and the NUL. */
#define PASSWD_NAME_MAX		33
/* Larger files are not read: a passwd file of a container is a few KiB. */
#define PASSWD_FILE_MAX		(256 * 1024)
/* At most this many entries are kept, the first ones. */
#define PASSWD_ENTRIES_MAX	4096

struct passwd_entry {
	uint32_t	uid;
	uint32_t	line;			/* its entry's rank in the file */
	char		name[PASSWD_NAME_MAX];	/* raw bytes, NUL-terminated */
};

/*
 * The entries of text (len bytes, no NUL needed; the last line needs no
 * newline), sorted by uid, one per uid: the first line that names it,
 * as getpwuid(3) would find.  A line is kept only as "name:pw:uid..."
 * with a name of 1 to 32 bytes, none of them NUL, not starting with '+'
 * or '-' (NIS), and a uid of decimal digits below 4294967295 (-1).
 * Returns a new array (NULL when none), *n entries.
 */
struct passwd_entry *passwd_parse(const char *text, size_t len, size_t *n);
/* The name of uid in v (n entries, as passwd_parse() made), or NULL. */
const char	*passwd_name(const struct passwd_entry *v, size_t n,
		    uint32_t uid);

#endif
