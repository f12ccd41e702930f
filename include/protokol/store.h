/*
 * store.h - the durable, append-only decision protocol in SQLite.
 *
 * Every accepted action is one row of the events table, committed (WAL,
 * synchronous=FULL) before it is reported. Each row carries the SHA-256 of its content
 * chained to the previous row's hash, so any change to the record can be detected.
 * This is the only module that includes sqlite3.h.
 */
#ifndef PROTOKOL_STORE_H
#define PROTOKOL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "protokol/rows.h"
#include "protokol/util.h"

struct store;

/* One recorded action. Strings are owned by whoever filled the struct. */
struct event {
        int64_t seq; /* 1, 2, ... assigned by store_append */
        char *at;    /* ISO 8601 local time it was recorded */
        char *verb;
        char *line;       /* the action as written (a script line) */
        char *result;     /* the ok message */
        char *attachment; /* extra data the action needs to replay (a body's profile), or NULL */
        int64_t retracts; /* for an undo: the seq it retracts; else 0 */
        int meeting;      /* the meeting (id) the event belongs to; 0: the body (bodies, members);
                           * an undo belongs to the meeting of the event it retracts */
        unsigned char hash[32];
};

enum store_mode { STORE_WRITE, STORE_READ };

/* Exit status class of a failure: input problems vs database/I/O problems. */
enum store_status { ST_OK = 0, ST_IO = 3 };

/*
 * Opens (creating with mode 0600 if needed, in write mode) the database at path,
 * migrating its schema to the current version. Returns 0 or -1 with err set.
 */
int store_open(const char *path, enum store_mode mode, struct store **out, struct pk_err *err);
void store_close(struct store **st);

/*
 * What an event changes in the derived tables: the rows of each unit are deleted, then rows
 * (the units' rows as the state has them after the event) are inserted.
 */
struct dt_write {
        const struct dt_unit *units;
        int nunits;
        const struct dt_rows *rows; /* the units' rows, unit after unit */
        const int *nrows;           /* how many rows each unit has in rows, or NULL: all
                                     * units are deleted first, then every row inserted */
};

/*
 * Appends ev (seq, hash filled in) and writes w to the derived tables, all in one
 * committed transaction. 0 or -1 with err (then nothing was written).
 */
int store_append(struct store *st, struct event *ev, const struct dt_write *w, struct pk_err *err);

/*
 * The same in steps, for several events in one transaction: begin, add each (seq and hash
 * filled in), then commit; on any failure roll back (nothing is written).
 */
int store_begin(struct store *st, struct pk_err *err);
int store_add(struct store *st, struct event *ev, const struct dt_write *w, struct pk_err *err);
int store_commit(struct store *st, struct pk_err *err);
void store_rollback(struct store *st);

/* Reads every row of a derived table (appended to out). 0 or -1 with err. */
int store_load_rows(struct store *st, enum dt_table t, struct dt_rows *out, struct pk_err *err);

/* Loads all events in order into a newly allocated array (free with store_events_free). */
int store_load(struct store *st, struct event **evs, int *n, struct pk_err *err);
void store_events_free(struct event *evs, int n);

/*
 * The summaries of the archived meetings (engine.h: engine_restore_archive): the attachments
 * of the events that archived meetings (verb open), in order, leaving out retracted ones and
 * the event numbered exclude, appended to text. Returns how many, or -1 with err.
 */
int store_load_archives(struct store *st, int64_t exclude, struct sb *text, struct pk_err *err);
/* The events of the meetings ids[0..nids) (0: the body's own events), in order: one index
 * lookup per meeting. */
int store_load_meetings(struct store *st, const int *ids, int nids, struct event **evs, int *n,
                        struct pk_err *err);
/* The last 500 events of the record, in order. */
int store_load_tail(struct store *st, struct event **evs, int *n, struct pk_err *err);
/* The highest meeting id any event names (0 for none). */
int store_max_meeting(struct store *st, struct pk_err *err);
/*
 * The last event that is neither an undo nor retracted (what `undo` would retract), into
 * *ev (free its strings with store_events_free(ev, 1) semantics: use store_event_clear).
 * Returns 1 when found, 0 when there is none, -1 on error.
 */
int store_last_live(struct store *st, struct event *ev, struct pk_err *err);
void store_event_clear(struct event *ev);

/*
 * The corrections of a meeting: its undo events, each with at (when) and line (the action
 * it retracted). Free with store_events_free. 0 or -1 with err.
 */
int store_load_corrections(struct store *st, int meeting, struct event **evs, int *n,
                           struct pk_err *err);

/* The number of the last event in the file (re-read, so another writer's appends count). */
int64_t store_last_seq(struct store *st);

/*
 * Recomputes the hash chain. Returns 0 if intact; otherwise -1 with err naming the first
 * event that does not match.
 */
int store_verify_chain(struct store *st, struct pk_err *err);

/* The hash of the last event as 64 hex digits (all zeros for an empty record). */
void store_head(struct store *st, char hex[65]);
/* The stored hash of event seq as hex; 0, or -1 if there is no such event. */
int store_event_hash(struct store *st, int64_t seq, char hex[65]);

/*
 * Compares the file's schema (tables with their columns and types, indexes, triggers) with
 * the one protokol makes. 0, or -1 with err naming the first difference.
 */
int store_verify_schema(struct store *st, struct pk_err *err);

/* Read-only: 0 if the write-ahead log is sound, else -1 with err naming the damaged frame
 * (a store open for writing refuses a damaged log at open). */
int store_wal_damage(struct store *st, struct pk_err *err);

/* The number and time of the last event (0 and "" for an empty record). 0 or -1. */
int store_last_event(struct store *st, int64_t *seq, char *at, size_t atn);

/* The events after event seq, counted by meeting (events.meeting) and verb. */
struct head_group {
        int meeting;
        char verb[32];
        int count;
        bool locked_at_head; /* the meeting was signed and locked at event seq */
};
int store_after_head(struct store *st, int64_t seq, struct head_group **out, int *n,
                     struct pk_err *err);

/*
 * A consistent copy of the open database in dest (SQLite's online backup, in one read
 * transaction, so a writer may keep appending), mode 0600, written to a temporary file
 * that is then linked into place; dest must not exist. 0, or -1 with err.
 */
int store_backup(struct store *st, const char *dest, struct pk_err *err);

/* For tests only: gives up the writer's lock while the store stays open for writing, so
 * that two writers on one file can be simulated. */
void store_release_lock_for_test(struct store *st);

#endif
