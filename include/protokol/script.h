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

#endif
