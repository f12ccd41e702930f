/*
 * util.h - small shared helpers: the error record every fallible function fills,
 * a growable string buffer, and checked allocation.
 *
 * Invariant: an error record is owned by the caller; functions only write into it.
 */
#ifndef PROTOKOL_UTIL_H
#define PROTOKOL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* The exit status of every protokol command (the README's "Exit status" lists). */
enum pk_exit {
        PK_EXIT_OK = 0,
        PK_EXIT_REFUSED = 1, /* refused, invalid input, or nothing found */
        PK_EXIT_USAGE = 2,   /* wrong command line */
        PK_EXIT_IO = 3,      /* database or I/O failure */
};

/* A human-readable failure: where (file, line, column, field) and what. */
struct pk_err {
        char file[256]; /* input file name, or "" */
        int line;       /* 1-based line, 0 if unknown */
        int column;     /* 1-based column, 0 if unknown */
        char field[64]; /* key, column or field name, or "" */
        char msg[512];  /* the message itself, without location */
        int exit_code;  /* the exit status this failure calls for, or 0 for the caller's default */
};

void pk_err_clear(struct pk_err *e);
/* Sets the message (printf-style); keeps file/line/column/field already set. */
void pk_err_set(struct pk_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Formats "file:line:column: field: msg" (parts that are unset are left out). */
void pk_err_format(const struct pk_err *e, char *buf, size_t n);

/* Growable NUL-terminated string. Zero-initialise; free with sb_free. */
struct sb {
        char *s;
        size_t len, cap;
};
void sb_add(struct sb *b, const char *s);
void sb_addn(struct sb *b, const char *s, size_t n);
void sb_addf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct sb *b, const char *fmt, va_list ap);
void sb_clear(struct sb *b);
void sb_free(struct sb *b);
/* Returns the buffer's string ("" when empty); valid until the next change. */
const char *sb_str(const struct sb *b);

/* Allocation that aborts on exhaustion (nothing sensible can be saved then). */
/* Edit distance (Levenshtein, bytes) of a and b, capped: cap + 1 for anything farther. */
int pk_edit_distance(const char *a, const char *b, int cap);
void *pk_xmalloc(size_t n);
void *pk_xcalloc(size_t n, size_t size);
void *pk_xrealloc(void *p, size_t n);
char *pk_xstrdup(const char *s);

/* Copies at most n-1 bytes and NUL-terminates; never splits a UTF-8 sequence. */
void pk_strlcpy(char *dst, const char *src, size_t n);
/* True if s is valid UTF-8 (no overlongs, no surrogates); *bad_off receives the offset. */
bool pk_utf8_valid(const char *s, size_t n, size_t *bad_off);
/* Number of terminal columns of a UTF-8 string, counting each code point as one. */
size_t pk_utf8_len(const char *s);
/*
 * Folds a UTF-8 name for finding it: lower case, Latin letters without their accents
 * (ø and ö as o, å and á as a, æ as ae, ß as ss); other characters as they are. Writes at
 * most n-1 bytes to out (NUL-terminated). "Ørjan" and "orjan" fold alike.
 */
void pk_fold(const char *s, char *out, size_t n);
/* True if name starts with prefix once both are folded (an empty prefix matches all). */
bool pk_fold_prefix(const char *name, const char *prefix);

#endif
