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
/*
 * Part of a meeting's rows: the meeting-level rows (the meeting, its items' rows in the items
 * table, attendance, signatures, rulings, and votes on the meeting itself) when
 * meeting_level, and the rows belonging to items item_a and item_b (their decisions,
 * dissents, subjects, ballots, member votes and elections; -1 for none), or of every item
 * when all_items. The rows an action can change lie in the meeting level and the items that are
 * current or last ended before and after it.
 */
void dt_rows_meeting_scoped(const struct pk_state *s, int mi, bool meeting_level, bool all_items,
                            int item_a, int item_b, struct dt_rows *out);
/* Every row of every table. */
void dt_rows_all(const struct pk_state *s, struct dt_rows *out);
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
