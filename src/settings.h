/*
 * The user's settings file: $XDG_CONFIG_HOME/treetop/treetoprc (default
 * ~/.config/treetop/treetoprc), lines of "key = value", '#' comments.
 * Known keys: columns.  Unknown keys are kept out of the way, not errors.
 */
#ifndef SRC_SETTINGS_H
#define SRC_SETTINGS_H

#include <stddef.h>

struct column_set;

/*
 * Read the settings into set (left at its defaults for what is missing).
 * A missing file is not an error.  Returns 0, or -1 with *cause naming the
 * file, the line and the problem.
 */
int	settings_load(struct column_set *set, char **cause);
/* Write the settings, creating the directory; 0, or -1 with *cause. */
int	settings_save(const struct column_set *set, char **cause);

#endif
