/*
 * i18n.h - message translation. Every user-visible string goes through _() (or N_() where it
 * is only marked, in a table, and translated where it is used).
 *
 * _() calls a translator the program installs at start (gettext in protokol's main); until
 * then, and in the pure engine's tests, it returns the English text. The engine thereby
 * needs no message catalogue of its own and does no I/O. Text the engine stores in the
 * record (subjects it words itself) is marked N_() and stays English, so that replaying a
 * record gives the same state in any locale.
 */
#ifndef PROTOKOL_I18N_H
#define PROTOKOL_I18N_H

#include <stdbool.h>

typedef const char *(*pk_translator)(const char *msgid);

/* Installs the translator (NULL: none). */
void pk_set_translator(pk_translator t);
/* The translation of msgid, or msgid itself. */
const char *pk_tr(const char *msgid) __attribute__((format_arg(1)));

/*
 * Turns translation off (off = true) or back on, returning the previous setting. Text the
 * engine keeps in the state (an election's log) is written with translation off, so the
 * state, and the record's tables derived from it, do not depend on the locale.
 */
bool pk_tr_off(bool off);

/*
 * The language the translation speaks now: "en" (no translation) or the catalogue's code
 * (its translation of the msgid "en"), e.g. "da".
 */
const char *pk_language(void);
bool pk_language_is_da(void);

/*
 * Switching the translation for one piece of output (the minutes are written in the body's
 * language, not the terminal's): the program installs a switcher (protokol's main does it
 * with gettext); pk_use_language("da" or "en") asks it to speak that language until
 * pk_use_language(NULL) returns to the locale's. Returns false (and changes nothing) when no
 * switcher is installed or the language is unavailable.
 */
typedef bool (*pk_lang_switcher)(const char *lang);
void pk_set_lang_switcher(pk_lang_switcher f);
bool pk_use_language(const char *lang);

#define _(s) pk_tr(s)
#define N_(s) (s)

#endif
