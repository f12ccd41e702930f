/*
 * rows.h - the read model: the rows of the derived tables (meetings, members, items,
 * ballots, member votes, decisions, attendance, signatures, ...) that the state implies.
 *
 * The store keeps these tables beside the events so the record can be queried with SQL;
 * `verify` regenerates them by replaying the events and compares every row. Pure.
 */
#ifndef PROTOKOL_ROWS_H
#define PROTOKOL_ROWS_H

#include "protokol/engine.h"
#include "protokol/util.h"

#define DT_MAXCOLS 16

enum dt_table {
        DT_MEETINGS,
        DT_MEMBERS,
        DT_ITEMS,
        DT_SUBJECTS,
        DT_BALLOTS,
        DT_MEMBER_VOTES,
        DT_DECISIONS,
        DT_DISSENTS,
        DT_ATTENDANCE,
        DT_SIGNATURES,
        DT_RULINGS,
        DT_ELECTIONS,
        DT__COUNT
};

/* A table: its name, columns (the first nkeys form the primary key), and column types
 * ('i' integer, 't' text), one letter per column. */
struct dt_desc {
        const char *name;
        int ncols, nkeys;
        const char *types;
        const char *cols[DT_MAXCOLS];
};
extern const struct dt_desc dt_tables[DT__COUNT];

/* One row; a NULL value is SQL NULL. Owned strings. */
struct dt_row {
        enum dt_table table;
        char *vals[DT_MAXCOLS];
};

struct dt_rows {
        struct dt_row *rows;
        int n, cap;
};

/* Append the rows of one meeting (index into s->meetings) / of one body's members.
 * Indexes out of range add nothing. */
void dt_rows_meeting(const struct pk_state *s, int meeting, struct dt_rows *out);
void dt_rows_body(const struct pk_state *s, int body, struct dt_rows *out);
/* Every row of every table. */
void dt_rows_all(const struct pk_state *s, struct dt_rows *out);
/* The rows of one unit of the read model as the state has them now (none when the state no
 * longer holds the unit's key). The same renderers make dt_rows_all. */
void dt_rows_unit(const struct pk_state *s, const struct dt_unit *u, struct dt_rows *out);
/* Does row r belong to unit u (the rows the store deletes for u)? For checking touched-sets. */
bool dt_unit_owns(const struct dt_unit *u, const struct dt_row *r);
/* Sorts by table, then key. */
void dt_rows_sort(struct dt_rows *r);
void dt_rows_free(struct dt_rows *r);
/* Compares two rows' tables and keys (<0, 0, >0). */
int dt_row_keycmp(const struct dt_row *a, const struct dt_row *b);
/* True if all values are equal. */
bool dt_row_equal(const struct dt_row *a, const struct dt_row *b);
/* "table(key1, key2)" for messages. */
void dt_row_describe(const struct dt_row *r, struct sb *out);

#endif
