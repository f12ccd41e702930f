/*
 * script.h - the meeting-script language (SPEC §5.2): one action per line, '#' starts a
 * comment, names are double-quoted UTF-8 strings, options are key=value.
 */
#ifndef PROTOKOL_SCRIPT_H
#define PROTOKOL_SCRIPT_H

#include "protokol/action.h"
#include "protokol/util.h"

/* Longest line accepted, in bytes. */
#define SCRIPT_MAX_LINE 4096

enum script_parse { SP_ACTION, SP_EMPTY, SP_ERROR };

/*
 * Parses one line (without its newline; len bytes, which may contain NULs) into *a.
 * Returns SP_ACTION with *a filled (free with action_free), SP_EMPTY for a blank or
 * comment line, or SP_ERROR with err->msg saying what is wrong and err->column where.
 */
enum script_parse script_parse_line(const char *line, size_t len, struct action *a,
                                    struct pk_err *err);

/*
 * Why s cannot be a name (of a member, a substitute, a body or a group), or NULL if it can:
 * blank (empty or only white space), or holding a character that changes the direction of
 * the text or is invisible (U+202A-U+202E, U+2066-U+2069, U+200B-U+200F, U+2060, U+FEFF),
 * which would let two names look alike. The reason (translated, naming the character and
 * its place) is written into why (n bytes).
 */
const char *script_name_problem(const char *s, char *why, size_t n);
/* Why s cannot be a text that must say something (a motion, a decision, a title...), or NULL. */
const char *script_text_problem(const char *s, char *why, size_t n);
/* The first control character of UTF-8 text s other than tab (C0, DEL or C1 U+0080-U+009F):
 * its code point, and in *off its byte offset; 0 if there is none. */
unsigned script_control_char(const char *s, size_t n, size_t *off);

/* Appends s to b as a quoted script string: `"` and `\` escaped as `\"` and `\\`. */
void script_quote(struct sb *b, const char *s);

/*
 * The inverse of script_parse_line: appends to b a line that parses back to the same action
 * (verb, positional arguments, flags, options and their values, each quoted as it was).
 * Positional arguments come first, then flags in the verb's order, then options in the
 * action's order; a.text is not used.
 */
void script_format_action(const struct action *a, struct sb *b);

#endif
