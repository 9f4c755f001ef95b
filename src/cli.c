/*
 * Option parsing: argv -> struct options.  Errors go back to main() as
 * one-line causes; nothing here prints or exits.  Arguments quoted in a
 * cause pass through escape.c first, since main() prints causes to a
 * terminal.  Needs libc only: no curses, no libproc2.
 */
#include "config.h"
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proc/xalloc.h"
#include "proc/escape.h"
#include "proc/snapshot.h"
#include "src/metrics.h"

#define CLI_DELAY_MAX	86400.0		/* seconds: one day */
/* As htop's and watch's floor: a scan ten times a second at most. */
#define CLI_DELAY_MIN	0.1
#define CLI_DELAY_RANGE	"0.1 and at most 86400"	/* the two, for messages */
#define CLI_PID_MAX	4194304L	/* PID_MAX_LIMIT on 64-bit Linux */
#define CLI_TOP_MAX	100000L		/* --metrics-top */
#define CLI_QUOTE_MAX	80		/* bytes of an argument in a cause */
#define CLI_QUOTE_SIZE	(CLI_QUOTE_MAX + sizeof "...")

/* Values for options that have no short form. */
enum cli_long_only {
	OPT_JSON = 256,
	OPT_ZOMBIES,
	OPT_ORPHANS,
	OPT_PIDNS,
	OPT_LOAD,
	OPT_ASCII,
	OPT_UTF8,
	OPT_NO_COLOR,
	OPT_EVENTS,
	OPT_RECORD,
	OPT_METRICS,
	OPT_METRICS_TOP,
	OPT_GROUP_NS,
	OPT_CONTAINER,
	OPT_NS_MARKS,
};

/* Leading ':' makes getopt return ':' for a missing argument. */
static const char cli_short[] = ":bn:d:p:ThV";

static const struct option cli_long[] = {
	{ "batch",	no_argument,		NULL,	'b' },
	{ "json",	no_argument,		NULL,	OPT_JSON },
	{ "iterations",	required_argument,	NULL,	'n' },
	{ "delay",	required_argument,	NULL,	'd' },
	{ "pid",	required_argument,	NULL,	'p' },
	{ "threads",	no_argument,		NULL,	'T' },
	{ "zombies",	no_argument,		NULL,	OPT_ZOMBIES },
	{ "orphans",	no_argument,		NULL,	OPT_ORPHANS },
	{ "pidns",	required_argument,	NULL,	OPT_PIDNS },
	{ "load",	required_argument,	NULL,	OPT_LOAD },
	{ "ascii",	no_argument,		NULL,	OPT_ASCII },
	{ "utf8",	no_argument,		NULL,	OPT_UTF8 },
	{ "no-color",	no_argument,		NULL,	OPT_NO_COLOR },
	{ "events",	no_argument,		NULL,	OPT_EVENTS },
	{ "record",	required_argument,	NULL,	OPT_RECORD },
	{ "metrics",	required_argument,	NULL,	OPT_METRICS },
	{ "metrics-top", required_argument,	NULL,	OPT_METRICS_TOP },
	{ "group-ns",	required_argument,	NULL,	OPT_GROUP_NS },
	{ "container",	required_argument,	NULL,	OPT_CONTAINER },
	{ "ns-marks",	no_argument,		NULL,	OPT_NS_MARKS },
	{ "help",	no_argument,		NULL,	'h' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

/* What was asked for, before the checks that look at combinations. */
struct cli_seen {
	bool	batch;		/* -b */
	bool	json;		/* --json */
	bool	metrics_top;	/* --metrics-top */
};

static const char cli_help[] =
"Usage: treetop [OPTION]...\n"
"Explore the Linux process tree: zombies, orphans and PID namespaces.\n"
"\n"
"Modes (default: the live explorer):\n"
"  -b, --batch            print the tree as text and exit\n"
"      --json             print one snapshot as JSON and exit\n"
"      --load FILE        explore a saved JSON snapshot or a recording "
"instead\n"
"                           of this system\n"
"      --record FILE      append every refresh to FILE as one JSON line\n"
"                           (live explorer and batch mode)\n"
"      --events           with -b: print births, deaths, zombies and\n"
"                           reparenting as they happen, one line each;\n"
"                           as root every fork, exec and exit (the\n"
"                           kernel's process events)\n"
"      --metrics FILE     write Prometheus metrics to FILE at every "
"refresh,\n"
"                           replacing it whole; '-' prints them instead of\n"
"                           the tree (and implies --batch)\n"
"      --metrics-top N    series for the N parents holding most zombies\n"
"                           (default 20; 0: none)\n"
"  -n, --iterations N     exit after N refreshes (N >= 1; default: 1 in "
"batch\n"
"                           mode, unlimited in the live explorer)\n"
"  -d, --delay SECS       seconds between refreshes, fractions allowed\n"
"                           (default 1.5, at least 0.1, at most 86400)\n"
"\n"
"Selection:\n"
"  -p, --pid PID[,PID...] only the subtrees rooted at these PIDs "
"(repeatable)\n"
"  -T, --threads          show threads under their thread group\n"
"      --zombies          only zombies, with their chain of ancestors\n"
"      --orphans          only orphans, with their chain of ancestors\n"
"      --pidns INODE      only the processes of one PID namespace and of "
"the\n"
"                           namespaces nested in it; INODE is a number, or\n"
"                           pid:[INODE] as readlink /proc/PID/ns/pid "
"prints it,\n"
"                           or a container (as --container) whose PID\n"
"                           namespace it is\n"
"      --container NAME   only the processes of one container (docker,\n"
"                           podman, Kubernetes, LXC, nspawn): its name, its\n"
"                           full ID or a prefix of one ID only\n"
"\n"
"Display:\n"
"      --group-ns TYPE    a section per namespace of TYPE (pid, mnt, net,\n"
"                           uts, ipc, user, cgroup, time): who shares it\n"
"      --ns-marks         in the batch tree, mark every process whose\n"
"                           namespaces are not all its parent's, not only\n"
"                           at PID and user namespace boundaries (reads\n"
"                           eight links a process: about 1.7 times the CPU)\n"
"      --ascii            draw the tree with ASCII characters\n"
"      --utf8             draw the tree with Unicode line characters\n"
"                           (default: as the locale's character set allows)\n"
"      --no-color         no colours; markers still show as text\n"
"\n"
"  -h, --help             display this help and exit\n"
"  -V, --version          output version information and exit\n"
"\n"
"--pid cannot be combined with --pidns, --zombies or --orphans, nor\n"
"--zombies with --orphans, nor --container with any of them.\n"
"Setting NO_COLOR acts like --no-color.\n"
"\n"
"Batch MARK column:\n"
"  Z  zombie: exited, but its parent has not reaped it\n"
"  O  orphan: adopted by a reaper after its parent went away\n"
"  D  daemon: no terminal, child of a reaper, and a session leader or\n"
"     left by a double fork (in a session and group without leaders)\n"
"  I  init of a PID namespace (PID 1 inside it)\n"
"  E  entered: in a container's PID namespace but not its cgroup\n"
"  K  kernel thread\n"
"  G  in an orphaned process group: no shell controls it as a job\n"
"  S  in a session whose leader is gone\n"
"\n"
"Exit status: 0 ok, 1 runtime failure, 2 bad usage.\n"
"Full documentation: man treetop\n";

const char *
cli_help_text(void)
{
	return cli_help;
}

/* Escape len bytes of s into buf for quoting; "..." marks a cut. */
static const char *
cli_quote(const char *s, size_t len, char *buf)
{
	size_t	need;

	need = escape_bytes(s, len, true, buf, CLI_QUOTE_MAX + 1);
	if (need > CLI_QUOTE_MAX)
		strcat(buf, "...");
	return buf;
}

/* Set *cause from fmt and return -1. */
static int __attribute__((format(printf, 2, 3)))
cli_fail(char **cause, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (cause == NULL)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	*cause = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*cause, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Decimal integer in [min, max], digits only; 0 or -1. */
static int
cli_parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Seconds, read with a '.' whatever LC_NUMERIC says; 0 or -1. */
static int
cli_parse_delay(const char *s, double *out)
{
	locale_t	 c;
	char		*end;
	double		 d;

	if (s[0] == '\0' || isspace((unsigned char)s[0]))
		return -1;
	c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	errno = 0;
	d = c != (locale_t)0 ? strtod_l(s, &end, c) : strtod(s, &end);
	if (c != (locale_t)0)
		freelocale(c);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(d) ||
	    d < CLI_DELAY_MIN || d > CLI_DELAY_MAX)
		return -1;
	*out = d;
	return 0;
}

/* A namespace inode, as a number or as "pid:[NUMBER]"; 0 or -1. */
static int
cli_parse_pidns(const char *s, uint64_t *out)
{
	size_t			 len = strlen(s), i;
	unsigned long long	 v;
	char			 digits[24], *end;

	if (strncmp(s, "pid:[", 5) == 0 && len > 6 && s[len - 1] == ']') {
		s += 5;
		len -= 6;
	}
	if (len == 0 || len >= sizeof digits)
		return -1;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	memcpy(digits, s, len);
	digits[len] = '\0';
	errno = 0;
	v = strtoull(digits, &end, 10);
	if (errno != 0 || v == 0)
		return -1;
	*out = v;
	return 0;
}

/*
 * Whether an argument of --pidns is a container's name or ID prefix: it
 * starts as a name does (a letter or digit), is not all digits, and has
 * none of an inode's "pid:[...]" punctuation.
 */
static bool
cli_pidns_is_name(const char *s)
{
	return isalnum((unsigned char)s[0]) && s[strspn(s, "0123456789")] !=
	    '\0' && strpbrk(s, ":[]") == NULL;
}

/* --pidns (an inode or a container) and --container. */
static int
cli_set_selection(struct options *o, int opt, const char *arg, char **cause)
{
	char	q[CLI_QUOTE_SIZE];

	if (opt == OPT_CONTAINER) {
		if (arg[0] == '\0')
			return cli_fail(cause, "option --container needs a "
			    "name or an ID");
		o->container = arg;
	} else if (cli_pidns_is_name(arg))
		o->pidns_container = arg;
	else if (cli_parse_pidns(arg, &o->pidns) != 0)
		return cli_fail(cause, "invalid PID namespace '%s' "
		    "(expected an inode number or pid:[INODE])",
		    cli_quote(arg, strlen(arg), q));
	else
		o->has_pidns = true;
	return 0;
}

/* --container goes with no other selection. */
static int
cli_check_container(const struct options *o, char **cause)
{
	const char	*other = NULL;

	if (o->container == NULL)
		return 0;
	if (o->npids > 0)
		other = "--pid";
	else if (o->has_pidns || o->pidns_container != NULL)
		other = "--pidns";
	else if (o->zombies)
		other = "--zombies";
	else if (o->orphans)
		other = "--orphans";
	if (other == NULL)
		return 0;
	return cli_fail(cause, "options --container and %s are mutually "
	    "exclusive", other);
}

/* Append one PID unless it is already there. */
static void
cli_add_pid(struct options *o, pid_t pid)
{
	size_t	i;

	for (i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return;
	o->pids = xreallocarray(o->pids, o->npids + 1, sizeof *o->pids);
	o->pids[o->npids++] = pid;
}

/* Add the PIDs of one -p argument, a comma-separated list. */
static int
cli_parse_pids(struct options *o, const char *arg, char **cause)
{
	const char	*p = arg, *comma;
	char		 tok[16], q1[CLI_QUOTE_SIZE], q2[CLI_QUOTE_SIZE];
	size_t		 len;
	long		 v;

	for (;;) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (len < sizeof tok) {
			memcpy(tok, p, len);
			tok[len] = '\0';
		}
		if (len >= sizeof tok ||
		    cli_parse_long(tok, 1, CLI_PID_MAX, &v) != 0) {
			cli_quote(p, len, q1);
			if (p == arg && comma == NULL)
				return cli_fail(cause, "invalid PID '%s' "
				    "(expected 1 to %ld)", q1, CLI_PID_MAX);
			return cli_fail(cause, "invalid PID '%s' in '%s' "
			    "(expected 1 to %ld)", q1,
			    cli_quote(arg, strlen(arg), q2), CLI_PID_MAX);
		}
		cli_add_pid(o, (pid_t)v);
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* The name part of a "--name[=value]" argument, quoted. */
static const char *
cli_long_name(const char *elem, char *buf)
{
	return cli_quote(elem, strcspn(elem, "="), buf);
}

/* Whether val is one of ours, so an error on it came from a long option. */
static bool
cli_known_val(int val)
{
	const struct option	*lo;

	for (lo = cli_long; lo->name != NULL; lo++)
		if (lo->val == val)
			return true;
	return false;
}

/* Describe what getopt_long rejected: c is '?' or ':'. */
static int
cli_getopt_error(int c, int argc, char **argv, char **cause)
{
	const struct option	*lo;
	const char		*elem = "";
	char			 q[CLI_QUOTE_SIZE], ch;
	size_t			 namelen;
	int			 matches = 0;

	/* Long options, and short ones that end their word, moved optind. */
	if (optind > 0 && optind <= argc)
		elem = argv[optind - 1];
	if (c == ':') {
		if (strncmp(elem, "--", 2) == 0)
			return cli_fail(cause, "option '%s' requires an "
			    "argument", cli_long_name(elem, q));
		return cli_fail(cause, "option '-%c' requires an argument",
		    optopt);
	}
	if (optopt != 0 && cli_known_val(optopt) &&
	    strncmp(elem, "--", 2) == 0)
		return cli_fail(cause, "option '%s' doesn't allow an argument",
		    cli_long_name(elem, q));
	if (optopt != 0) {
		ch = (char)optopt;
		return cli_fail(cause, "unrecognized option '-%s'",
		    cli_quote(&ch, 1, q));
	}
	if (strncmp(elem, "--", 2) == 0) {
		namelen = strcspn(elem + 2, "=");
		for (lo = cli_long; lo->name != NULL; lo++)
			if (strncmp(lo->name, elem + 2, namelen) == 0)
				matches++;
		if (matches > 1)
			return cli_fail(cause, "option '%s' is ambiguous",
			    cli_long_name(elem, q));
	}
	return cli_fail(cause, "unrecognized option '%s'",
	    cli_long_name(elem, q));
}

/* The display options without an argument. */
static void
cli_set_display(struct options *o, int c)
{
	if (c == OPT_ASCII)
		o->charset = CHARSET_ASCII;
	else if (c == OPT_UTF8)
		o->charset = CHARSET_UTF8;
	else if (c == OPT_NO_COLOR)
		o->no_color = true;
	else if (c == OPT_NS_MARKS)
		o->ns_marks = true;
}

/* --group-ns TYPE: pid, mnt, net, uts, ipc, user, cgroup or time. */
static int
cli_set_group_ns(struct options *o, const char *arg, char **cause)
{
	char	q[CLI_QUOTE_SIZE];
	int	t;

	for (t = 0; t < NS_COUNT; t++)
		if (strcasecmp(arg, ns_type_names[t]) == 0) {
			o->group_ns = t;
			o->has_group_ns = true;
			return 0;
		}
	return cli_fail(cause, "invalid namespace type '%s' (expected pid, "
	    "mnt, net, uts, ipc, user, cgroup or time)",
	    cli_quote(arg, strlen(arg), q));
}

/* Apply one option with a value getopt_long accepted. */
static int
cli_option(struct options *o, struct cli_seen *seen, int c, const char *arg,
    char **cause)
{
	char	q[CLI_QUOTE_SIZE];

	switch (c) {
	case 'b':
		seen->batch = true;
		return 0;
	case OPT_JSON:
		seen->json = true;
		return 0;
	case 'n':
		if (cli_parse_long(arg, 1, LONG_MAX, &o->iterations) != 0)
			return cli_fail(cause, "invalid iteration count '%s' "
			    "(expected an integer >= 1)",
			    cli_quote(arg, strlen(arg), q));
		return 0;
	case 'd':
		if (cli_parse_delay(arg, &o->delay) != 0)
			return cli_fail(cause, "invalid delay '%s' (expected "
			    "seconds, at least " CLI_DELAY_RANGE ")",
			    cli_quote(arg, strlen(arg), q));
		return 0;
	case 'p':
		return cli_parse_pids(o, arg, cause);
	case 'T':
		o->threads = true;
		return 0;
	case OPT_ZOMBIES:
		o->zombies = true;
		return 0;
	case OPT_ORPHANS:
		o->orphans = true;
		return 0;
	case OPT_PIDNS:
	case OPT_CONTAINER:
		return cli_set_selection(o, c, arg, cause);
	case OPT_GROUP_NS:
		return cli_set_group_ns(o, arg, cause);
	case OPT_LOAD:
		if (arg[0] == '\0')
			return cli_fail(cause, "option '--load' requires a "
			    "file name");
		o->load_file = arg;
		return 0;
	case OPT_ASCII:
	case OPT_UTF8:
	case OPT_NO_COLOR:
	case OPT_NS_MARKS:
		cli_set_display(o, c);
		return 0;
	case OPT_EVENTS:
		o->events = true;
		return 0;
	case OPT_RECORD:
		if (arg[0] == '\0')
			return cli_fail(cause, "option '--record' requires a "
			    "file name");
		o->record_file = arg;
		return 0;
	case OPT_METRICS:
		if (arg[0] == '\0')
			return cli_fail(cause, "option '--metrics' requires a "
			    "file name");
		o->metrics_file = arg;
		return 0;
	case OPT_METRICS_TOP:
		if (cli_parse_long(arg, 0, CLI_TOP_MAX, &o->metrics_top) != 0)
			return cli_fail(cause, "invalid zombie parent count "
			    "'%s' (expected 0 to %ld)",
			    cli_quote(arg, strlen(arg), q), CLI_TOP_MAX);
		seen->metrics_top = true;
		return 0;
	}
	return cli_fail(cause, "internal error: option %d not handled", c);
}

/* --metrics: with a source that changes, and stdout for one writer. */
static int
cli_check_metrics(const struct options *o, const struct cli_seen *seen,
    char **cause)
{
	if (seen->metrics_top && o->metrics_file == NULL)
		return cli_fail(cause, "option --metrics-top goes with "
		    "--metrics");
	if (o->metrics_file == NULL)
		return 0;
	if (seen->json)
		return cli_fail(cause,
		    "options --metrics and --json are mutually exclusive");
	if (o->load_file != NULL)
		return cli_fail(cause,
		    "options --metrics and --load are mutually exclusive");
	if (o->events && strcmp(o->metrics_file, METRICS_STDOUT) == 0)
		return cli_fail(cause, "options --metrics - and --events "
		    "both write to standard output");
	return 0;
}

/* Reject combinations that have no meaning; pick the mode. */
static int
cli_check(struct options *o, const struct cli_seen *seen, char **cause)
{
	if (seen->batch && seen->json)
		return cli_fail(cause,
		    "options --batch and --json are mutually exclusive");
	if (o->events && !seen->batch)
		return cli_fail(cause, "option --events goes with --batch");
	if (o->record_file != NULL && o->load_file != NULL)
		return cli_fail(cause,
		    "options --record and --load are mutually exclusive");
	if (o->zombies && o->orphans)
		return cli_fail(cause,
		    "options --zombies and --orphans are mutually exclusive");
	if (o->npids > 0 && (o->has_pidns || o->pidns_container != NULL))
		return cli_fail(cause,
		    "options --pid and --pidns are mutually exclusive");
	if (cli_check_container(o, cause) < 0)
		return -1;
	if (o->npids > 0 && o->zombies)
		return cli_fail(cause,
		    "options --pid and --zombies are mutually exclusive");
	if (o->npids > 0 && o->orphans)
		return cli_fail(cause,
		    "options --pid and --orphans are mutually exclusive");
	if (seen->json && o->has_group_ns)
		return cli_fail(cause, "option --group-ns does not apply to "
		    "--json");
	if (seen->json && o->iterations > 1)
		return cli_fail(cause, "option --json prints one snapshot: "
		    "--iterations must be 1");
	if (cli_check_metrics(o, seen, cause) < 0)
		return -1;
	if (seen->batch || (o->metrics_file != NULL &&
	    strcmp(o->metrics_file, METRICS_STDOUT) == 0))
		o->mode = MODE_BATCH;
	else if (seen->json)
		o->mode = MODE_JSON;
	else
		o->mode = MODE_LIVE;
	return 0;
}

int
cli_parse(int argc, char **argv, struct options *o, char **cause)
{
	struct cli_seen	seen = { false, false, false };
	char		q[CLI_QUOTE_SIZE];
	int		c;

	memset(o, 0, sizeof *o);
	o->mode = MODE_LIVE;
	o->delay = CLI_DEFAULT_DELAY;
	o->iterations = 0;
	o->charset = CHARSET_AUTO;
	o->metrics_top = METRICS_TOP_DEFAULT;
	if (cause != NULL)
		*cause = NULL;

	/* optind 0 makes glibc start over, so this can run many times. */
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, cli_short, cli_long,
	    NULL)) != -1) {
		if (c == '?' || c == ':') {
			cli_getopt_error(c, argc, argv, cause);
			goto fail;
		}
		/* As GNU tools do: --help and --version act at once. */
		if (c == 'h' || c == 'V') {
			o->mode = c == 'h' ? MODE_HELP : MODE_VERSION;
			return 0;
		}
		if (cli_option(o, &seen, c, optarg, cause) != 0)
			goto fail;
	}
	if (optind < argc) {
		cli_fail(cause, "unexpected argument '%s'",
		    cli_quote(argv[optind], strlen(argv[optind]), q));
		goto fail;
	}
	if (cli_check(o, &seen, cause) != 0)
		goto fail;
	return 0;

fail:
	cli_free(o);
	return -1;
}

void
cli_free(struct options *o)
{
	if (o == NULL)
		return;
	free(o->pids);
	o->pids = NULL;
	o->npids = 0;
}

enum glyph_set
cli_glyphs(const struct options *o)
{
	switch (o->charset) {
	case CHARSET_ASCII:
		return GLYPHS_ASCII;
	case CHARSET_UTF8:
		return GLYPHS_UTF8;
	case CHARSET_AUTO:
		break;
	}
	return glyphs_from_locale();
}
