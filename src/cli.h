/*
 * argv -> struct options.  Reports errors through a cause string and
 * never prints or exits; main() decides.
 */
#ifndef SRC_CLI_H
#define SRC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ui/glyphs.h"

enum run_mode {
	MODE_LIVE,		/* the ncurses explorer */
	MODE_BATCH,		/* -b: text tree */
	MODE_JSON,		/* --json: one snapshot */
	MODE_HELP,		/* -h */
	MODE_VERSION,		/* -V */
};

enum cli_charset {
	CHARSET_AUTO,		/* from the locale */
	CHARSET_ASCII,		/* --ascii */
	CHARSET_UTF8,		/* --utf8 */
};

struct options {
	enum run_mode	 mode;
	double		 delay;		/* seconds between refreshes */
	long		 iterations;	/* -n; 0: the mode's default */
	pid_t		*pids;		/* owned; -p, in the order given */
	size_t		 npids;
	bool		 threads;	/* -T */
	bool		 zombies;	/* --zombies */
	bool		 orphans;	/* --orphans */
	bool		 has_pidns;	/* --pidns given an inode */
	uint64_t	 pidns;
	const char	*pidns_container;	/* borrowed; --pidns given a
						   container's name or ID */
	const char	*container;	/* borrowed; --container NAME|ID */
	const char	*load_file;	/* borrowed from argv; --load */
	const char	*record_file;	/* borrowed from argv; --record */
	const char	*metrics_file;	/* borrowed from argv; --metrics,
					   "-" for stdout */
	long		 metrics_top;	/* --metrics-top: zombie parents
					   with series */
	bool		 events;	/* --events (with -b) */
	enum cli_charset charset;
	bool		 no_color;	/* --no-color */
	bool		 ns_marks;	/* --ns-marks */
	bool		 has_group_ns;	/* --group-ns given */
	int		 group_ns;	/* its enum ns_type */
};

#define CLI_DEFAULT_DELAY	1.5

/*
 * Parse argv into o (which it initialises).  Returns 0, or -1 with *cause
 * like "invalid delay 'abc'" (caller frees); main() then exits 2.
 */
int		 cli_parse(int argc, char **argv, struct options *o, char **cause);
/* Free what cli_parse() allocated in o. */
void		 cli_free(struct options *o);
/* The --help text. */
const char	*cli_help_text(void);

/* The glyph set the options and the locale ask for. */
enum glyph_set	cli_glyphs(const struct options *o);

#endif
