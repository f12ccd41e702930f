/*
 * tui.h - the live terminal UI (ncursesw): agenda, attendance, the current item, the
 * named vote, the protocol as it is written, the chair's rulings view and help.
 *
 * The UI only reads the engine's state; every change it makes is a script line given to
 * the action layer (app_exec), so it is recorded, undoable and in the protocol exactly
 * as if it had come from `protokol run`.
 */
#ifndef PROTOKOL_TUI_H
#define PROTOKOL_TUI_H

#include <stdbool.h>

/*
 * Runs the UI on the database at db until the user quits. follow: open the database
 * read-only and show the live meeting another protokol is writing (refreshed about
 * twice a second); only scrolling, the views and q work then.
 *
 * Keys come from the terminal, or, when the environment variable PROTOKOL_TUI_KEYS
 * names a file, from that file (one key per line; see src/tui/keys.c), with the screen
 * written to /dev/null: the test seam.
 *
 * Returns the process exit status: 0 after a normal quit, 1 if the database is locked
 * by another writer or there is no terminal, 2 if curses cannot drive the terminal (TERM
 * unset, unknown, or a type without cursor addressing such as dumb; found before the
 * database is opened, so it is left untouched), 3 if the database cannot be opened.
 *
 * In a locale that is not UTF-8 the texts (always UTF-8) are drawn with ASCII stand-ins
 * for what the locale lacks (æ as ae) and keys typed in UTF-8 are still read as such.
 */
int tui_run(const char *db, bool follow, bool public_);

#endif
