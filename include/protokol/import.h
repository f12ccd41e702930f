/*
 * import.h - members and agenda items from CSV (SPEC §5.5), parsed with libcsv into
 * meeting-script lines that the action layer then runs as one unit.
 *
 * The parser is pure: it reads a buffer, never a file or the database. Whatever it needs
 * to know about the record (the names already registered, the next item number) comes in
 * through struct import_opts. A file is accepted whole or refused at its first problem,
 * which is named by line, column and CSV column (err->line, err->column, err->field).
 *
 * Accepted input: UTF-8 with or without a byte-order mark; ',' or ';' as the separator
 * (the one that occurs more often outside quotes in the header line); CRLF, LF or CR line
 * ends; RFC 4180 quoting (a quoted field may hold separators, doubled quotes and line
 * breaks). Blank lines and rows whose fields are all empty are skipped.
 */
#ifndef PROTOKOL_IMPORT_H
#define PROTOKOL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "protokol/util.h"

enum import_kind { IMPORT_MEMBERS, IMPORT_AGENDA };

/* The most data rows a file may have; the next row is refused, naming its line. */
#define IMPORT_MAX_ROWS 10000

/* What the parser must know about the record; a zeroed struct knows nothing. */
struct import_opts {
        /* the number the first imported item must have (0: the file's first number) */
        int first_number;
        /* names already registered in the body (members and substitutes) */
        const char *const *known;
        int nknown;
};

/* The script lines of an accepted file, one per imported row. */
struct import_result {
        char **lines;  /* owned; e.g. member "Anne Berg" party=V role=mayor */
        int *linenos;  /* the CSV line each row starts on */
        int n;         /* rows imported (= lines) */
        int rows_read; /* data rows read, the header and blank or all-empty rows not counted */
};

/*
 * Parses len bytes of CSV (the whole file) into out. file names the input in err. opts may
 * be NULL. Returns 0 with out filled (free with import_result_free), or -1 with err set
 * (file, line, column where known, field = the CSV column, msg) and out empty.
 */
int csv_import_parse(enum import_kind kind, const char *buf, size_t len, const char *file,
                     const struct import_opts *opts, struct import_result *out, struct pk_err *err);

void import_result_free(struct import_result *r);

/* "members" or "agenda"; false for any other word. */
bool import_kind_parse(const char *word, enum import_kind *out);

#endif
