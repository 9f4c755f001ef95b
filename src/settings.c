/*
 * The settings file.  Written whole to a temporary file and renamed, so
 * a crash never leaves half a file.
 */
#include "config.h"
#include "settings.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc/xalloc.h"
#include "ui/columns.h"

/* The settings file's path into buf; -1 if no home directory is known. */
static int
settings_path(char *buf, size_t size)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");
	int		 n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, size, "%s/treetop/treetoprc", xdg);
	else if (home != NULL && home[0] != '\0')
		n = snprintf(buf, size, "%s/.config/treetop/treetoprc", home);
	else
		return -1;
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static char *
settings_trim(char *s)
{
	char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

int
settings_load(struct column_set *set, char **cause)
{
	char	 path[4096], line[1024], *key, *value, *eq, *why = NULL;
	FILE	*f;
	int	 lineno = 0;

	if (settings_path(path, sizeof path) < 0)
		return 0;
	f = fopen(path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		key = settings_trim(line);
		if (*key == '#' || *key == '\0')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			xasprintf(cause, "%s:%d: expected key = value", path,
			    lineno);
			fclose(f);
			return -1;
		}
		*eq = '\0';
		value = settings_trim(eq + 1);
		key = settings_trim(key);
		if (strcmp(key, "columns") == 0 &&
		    columns_parse(set, value, &why) < 0) {
			xasprintf(cause, "%s:%d: %s", path, lineno, why);
			free(why);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}

/* mkdir -p for the directories above path. */
static int
settings_mkdirs(char *path)
{
	char	*slash;

	for (slash = strchr(path + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*slash = '/';
			return -1;
		}
		*slash = '/';
	}
	return 0;
}

int
settings_save(const struct column_set *set, char **cause)
{
	char	 path[4096], tmp[4200], spec[512];
	FILE	*f;
	bool	 failed;
	int	 err = 0;

	if (settings_path(path, sizeof path) < 0) {
		xasprintf(cause, "no home directory: settings not saved");
		return -1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if (settings_mkdirs(tmp) < 0 || (f = fopen(tmp, "we")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	columns_format_spec(set, spec, sizeof spec);
	fprintf(f, "# treetop settings; written by treetop (F2)\n"
	    "columns = %s\n", spec);
	/* fclose runs whatever the flush and fsync gave, so f never leaks. */
	failed = fflush(f) == EOF || fsync(fileno(f)) < 0;
	if (failed)
		err = errno;
	if (fclose(f) == EOF && !failed) {
		failed = true;
		err = errno;
	}
	if (!failed && rename(tmp, path) < 0) {
		failed = true;
		err = errno;
	}
	if (failed) {
		xasprintf(cause, "%s: %s", path, strerror(err));
		unlink(tmp);
		return -1;
	}
	return 0;
}
