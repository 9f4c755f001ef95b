/*
 * What a key does in the live explorer: one handler per action of the
 * process list (a table, as htop's actions are), and the other modes'
 * keys handed to the setup screen, the panes or the line being typed.
 */
#ifndef SRC_LIVE_KEYS_H
#define SRC_LIVE_KEYS_H

#include "ui/keys.h"

struct live;

/* The keys mode the explorer is in: help, typing, setup, a pane, the tree. */
enum keys_mode	live_keys_mode(const struct live *l);
/* Do what ev (read in live_keys_mode()) asks. */
void		live_keys_handle(struct live *l, const struct key_event *ev);

#endif
