/*
 * store.c - SQLite storage of the decision protocol: an append-only, hash-chained
 * events table. WAL journal, synchronous=FULL, schema versioned by PRAGMA user_version.
 * SQL only through prepared statements with bound parameters.
 *
 * Invariant: events.hash = SHA-256(prev hash || content of the row), and rows are never
 * updated or deleted by protokol (triggers refuse it).
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protokol/i18n.h"
#include "protokol/store.h"
#include "store_int.h"

struct store {
        sqlite3 *db;
        char path[1024];
        enum store_mode mode;
        sqlite3_stmt *ins;
        sqlite3_stmt *put[DT__COUNT], *del[DT__COUNT];
        unsigned char head[32];
        int64_t last_seq;
        int lockfd; /* the writer's lock on PATH.lock, or -1 */
        bool empty; /* read-only, and the file holds no schema yet: a record with no events */
};

/*
 * One writer at a time: a write lock (fcntl) on PATH.lock, holding the writer's pid. The
 * kernel drops the lock when the process ends, however it ends.
 */
static int take_lock(struct store *st, struct pk_err *err)
{
        char lp[1100];
        snprintf(lp, sizeof lp, "%s.lock", st->path);
        int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("cannot create the lock file %s: %s"), lp, strerror(errno));
                return -1;
        }
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (fcntl(fd, F_SETLK, &fl) < 0) {
                char buf[32] = "";
                ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
                buf[n > 0 ? n : 0] = '\0';
                struct flock who = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
                long pid = fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK ? (long)who.l_pid
                                                                                  : atol(buf);
                close(fd);
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err,
                           _("the database is being written by another protokol (process %ld); "
                             "follow it read-only with --follow"),
                           pid);
                err->exit_code = 1;
                return -1;
        }
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
                /* the pid is a courtesy for the message; the lock itself holds */
        }
        st->lockfd = fd;
        return 0;
}

#define SCHEMA_VERSION 1

static int db_fail(struct store *st, struct pk_err *err, const char *what)
{
        pk_strlcpy(err->file, st->path, sizeof err->file);
        pk_err_set(err, "%s: %s", what, st->db ? sqlite3_errmsg(st->db) : _("no database"));
        return -1;
}

static int exec(struct store *st, const char *sql, struct pk_err *err)
{
        char *msg = NULL;
        if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, "%s", msg ? msg : sqlite3_errmsg(st->db));
                sqlite3_free(msg);
                return -1;
        }
        return 0;
}

/* The derived tables' DDL, from the constant table descriptions (never from data). */
static int create_derived(struct store *st, struct pk_err *err)
{
        for (int t = 0; t < DT__COUNT; t++) {
                const struct dt_desc *d = &dt_tables[t];
                struct sb q = {0};
                sb_addf(&q, "CREATE TABLE %s (", d->name);
                for (int i = 0; i < d->ncols; i++)
                        sb_addf(&q, "%s%s %s", i ? ", " : "", d->cols[i],
                                d->types[i] == 'i' ? "INTEGER" : "TEXT");
                sb_add(&q, ", PRIMARY KEY (");
                for (int i = 0; i < d->nkeys; i++)
                        sb_addf(&q, "%s%s", i ? ", " : "", d->cols[i]);
                sb_add(&q, ")) WITHOUT ROWID;");
                int rc = exec(st, sb_str(&q), err);
                sb_free(&q);
                if (rc < 0)
                        return -1;
        }
        return 0;
}

static int prepare_derived(struct store *st, struct pk_err *err)
{
        for (int t = 0; t < DT__COUNT; t++) {
                const struct dt_desc *d = &dt_tables[t];
                struct sb q = {0};
                sb_addf(&q, "INSERT OR REPLACE INTO %s (", d->name);
                for (int i = 0; i < d->ncols; i++)
                        sb_addf(&q, "%s%s", i ? ", " : "", d->cols[i]);
                sb_add(&q, ") VALUES (");
                for (int i = 0; i < d->ncols; i++)
                        sb_add(&q, i ? ", ?" : "?");
                sb_add(&q, ")");
                int rc = sqlite3_prepare_v2(st->db, sb_str(&q), -1, &st->put[t], NULL);
                sb_clear(&q);
                sb_addf(&q, "DELETE FROM %s WHERE ", d->name);
                for (int i = 0; i < d->nkeys; i++)
                        sb_addf(&q, "%s%s = ?", i ? " AND " : "", d->cols[i]);
                if (rc == SQLITE_OK)
                        rc = sqlite3_prepare_v2(st->db, sb_str(&q), -1, &st->del[t], NULL);
                sb_free(&q);
                if (rc != SQLITE_OK)
                        return db_fail(st, err, _("cannot prepare the derived tables"));
        }
        return 0;
}

static void bind_val(sqlite3_stmt *q, int idx, char type, const char *v)
{
        if (!v)
                sqlite3_bind_null(q, idx);
        else if (type == 'i')
                sqlite3_bind_int64(q, idx, strtoll(v, NULL, 10));
        else
                sqlite3_bind_text(q, idx, v, -1, SQLITE_STATIC);
}

static int apply_change(struct store *st, const struct dt_change *c)
{
        const struct dt_desc *d = &dt_tables[c->row->table];
        sqlite3_stmt *q = c->del ? st->del[c->row->table] : st->put[c->row->table];
        int n = c->del ? d->nkeys : d->ncols;
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        for (int i = 0; i < n; i++)
                bind_val(q, i + 1, d->types[i], c->row->vals[i]);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        return rc == SQLITE_DONE ? 0 : -1;
}

static int migrate_to_v1(struct store *st, struct pk_err *err)
{
        if (create_derived(st, err) < 0)
                return -1;
        static const char *sql = "CREATE TABLE events ("
                                 " seq INTEGER PRIMARY KEY,"
                                 " at TEXT NOT NULL,"
                                 " verb TEXT NOT NULL,"
                                 " line TEXT NOT NULL,"
                                 " result TEXT NOT NULL,"
                                 " attachment TEXT,"
                                 " retracts INTEGER,"
                                 " meeting INTEGER NOT NULL,"
                                 " prev BLOB NOT NULL,"
                                 " hash BLOB NOT NULL);"
                                 "CREATE INDEX events_meeting ON events (meeting, seq);"
                                 "CREATE INDEX events_verb ON events (verb, seq);"
                                 "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                                 " BEGIN SELECT RAISE(ABORT, 'the protocol is append-only'); END;"
                                 "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
                                 " BEGIN SELECT RAISE(ABORT, 'the protocol is append-only'); END;"
                                 "PRAGMA user_version = 1;";
        return exec(st, sql, err);
}

static int migrate(struct store *st, struct pk_err *err)
{
        sqlite3_stmt *q = NULL;
        int version = 0;
        if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the schema version"));
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
                version = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW)
                return db_fail(st, err, _("cannot read the schema version"));
        if (version > SCHEMA_VERSION) {
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err,
                           _("the database has schema version %d; this protokol knows up to %d"),
                           version, SCHEMA_VERSION);
                return -1;
        }
        if (version == SCHEMA_VERSION)
                return 0;
        if (st->mode == STORE_READ) {
                /* a file created but never written to (e.g. a writer killed at once) is an empty
                 * record; anything else without our schema is not ours */
                int tables = -1;
                if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &q,
                                       NULL) == SQLITE_OK) {
                        if (sqlite3_step(q) == SQLITE_ROW)
                                tables = sqlite3_column_int(q, 0);
                        sqlite3_finalize(q);
                }
                if (version == 0 && tables == 0) {
                        st->empty = true;
                        return 0;
                }
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("the database is not a protokol database"));
                return -1;
        }
        if (exec(st, "BEGIN IMMEDIATE", err) < 0)
                return -1;
        if (version < 1 && migrate_to_v1(st, err) < 0) {
                exec(st, "ROLLBACK", err);
                return -1;
        }
        return exec(st, "COMMIT", err);
}

static void hash_event(const unsigned char prev[32], const struct event *ev, unsigned char out[32])
{
        crypto_hash_sha256_state h;
        crypto_hash_sha256_init(&h);
        crypto_hash_sha256_update(&h, prev, 32);
        char num[64];
        const char *parts[6] = {ev->at, ev->verb, ev->line, ev->result,
                                ev->attachment ? ev->attachment : ""};
        snprintf(num, sizeof num, "%lld|%lld|%d|%d", (long long)ev->seq, (long long)ev->retracts,
                 ev->meeting, ev->attachment != NULL);
        parts[5] = num;
        for (int i = 0; i < 6; i++) {
                const char *p = parts[i] ? parts[i] : "";
                uint64_t n = strlen(p);
                unsigned char len[8];
                for (int k = 0; k < 8; k++)
                        len[k] = (unsigned char)(n >> (8 * k));
                crypto_hash_sha256_update(&h, len, 8);
                crypto_hash_sha256_update(&h, (const unsigned char *)p, n);
        }
        crypto_hash_sha256_final(&h, out);
}

static int load_head(struct store *st, struct pk_err *err)
{
        sqlite3_stmt *q = NULL;
        memset(st->head, 0, 32);
        st->last_seq = 0;
        if (st->empty)
                return 0;
        if (sqlite3_prepare_v2(st->db, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", -1,
                               &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
                st->last_seq = sqlite3_column_int64(q, 0);
                if (sqlite3_column_bytes(q, 1) == 32)
                        memcpy(st->head, sqlite3_column_blob(q, 1), 32);
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return 0;
}

int store_open(const char *path, enum store_mode mode, struct store **out, struct pk_err *err)
{
        *out = NULL;
        if (sodium_init() < 0) {
                pk_err_set(err, _("the cryptographic library could not start"));
                return -1;
        }
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                pk_strlcpy(err->file, path, sizeof err->file);
                pk_err_set(err, _("is a directory, not a database file"));
                return -1;
        }
        struct store *st = pk_xcalloc(1, sizeof *st);
        pk_strlcpy(st->path, path, sizeof st->path);
        st->mode = mode;
        st->lockfd = -1;
        if (mode == STORE_WRITE && stat(path, &sb) == 0 && access(path, W_OK) != 0) {
                pk_strlcpy(err->file, path, sizeof err->file);
                pk_err_set(err,
                           _("the database file is read-only (%s); it can be read with --follow, "
                             "verify and export"),
                           strerror(errno));
                free(st);
                return -1;
        }
        if (mode == STORE_WRITE && take_lock(st, err) < 0) {
                free(st);
                return -1;
        }
        if (mode == STORE_WRITE && stat(path, &sb) != 0) {
                /* create it readable and writable by its owner only */
                int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
                if (fd < 0 && errno != EEXIST) {
                        pk_strlcpy(err->file, path, sizeof err->file);
                        pk_err_set(err, _("cannot create the database: %s"), strerror(errno));
                        store_close(&st);
                        return -1;
                }
                if (fd >= 0)
                        close(fd);
        }

        int flags = mode == STORE_WRITE ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
        if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
                db_fail(st, err, _("cannot open the database"));
                store_close(&st);
                return -1;
        }
        if (mode == STORE_READ &&
            sqlite3_exec(st->db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) !=
                SQLITE_OK &&
            ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CANTOPEN ||
             (sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_READONLY)) {
                /* a WAL database in a directory we cannot write: read it as immutable */
                sqlite3_close(st->db);
                st->db = NULL;
                struct sb uri = {0};
                sb_add(&uri, "file:");
                for (const char *c = path; *c; c++) {
                        if (*c == '%' || *c == '?' || *c == '#')
                                sb_addf(&uri, "%%%02X", (unsigned char)*c);
                        else
                                sb_addn(&uri, c, 1);
                }
                sb_add(&uri, "?immutable=1");
                int orc = sqlite3_open_v2(sb_str(&uri), &st->db, flags | SQLITE_OPEN_URI, NULL);
                sb_free(&uri);
                if (orc != SQLITE_OK) {
                        db_fail(st, err, _("cannot open the database"));
                        store_close(&st);
                        return -1;
                }
        }
        sqlite3_busy_timeout(st->db, 2000);
        sqlite3_extended_result_codes(st->db, 1);
        if (mode == STORE_WRITE) {
                if (exec(st, "PRAGMA journal_mode=WAL", err) < 0 ||
                    exec(st, "PRAGMA synchronous=FULL", err) < 0) {
                        store_close(&st);
                        return -1;
                }
        }
        if (exec(st, "PRAGMA foreign_keys=ON", err) < 0 || migrate(st, err) < 0 ||
            load_head(st, err) < 0) {
                store_close(&st);
                return -1;
        }
        if (mode == STORE_WRITE && prepare_derived(st, err) < 0) {
                store_close(&st);
                return -1;
        }
        if (mode == STORE_WRITE &&
            sqlite3_prepare_v2(st->db,
                               "INSERT INTO events (seq, at, verb, line, result, attachment,"
                               " retracts, meeting, prev, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               -1, &st->ins, NULL) != SQLITE_OK) {
                db_fail(st, err, _("cannot prepare the protocol"));
                store_close(&st);
                return -1;
        }
        *out = st;
        return 0;
}

void store_close(struct store **stp)
{
        struct store *st = *stp;
        if (!st)
                return;
        sqlite3_finalize(st->ins);
        for (int t = 0; t < DT__COUNT; t++) {
                sqlite3_finalize(st->put[t]);
                sqlite3_finalize(st->del[t]);
        }
        sqlite3_close(st->db);
        if (st->lockfd >= 0)
                close(st->lockfd);
        free(st);
        *stp = NULL;
}

int store_begin(struct store *st, struct pk_err *err)
{
        if (st->mode != STORE_WRITE) {
                pk_err_set(err, _("the database is open read-only"));
                return -1;
        }
        if (exec(st, "BEGIN IMMEDIATE", err) < 0)
                return -1;
        /* another writer may have appended: take the head inside the transaction */
        if (load_head(st, err) < 0) {
                store_rollback(st);
                return -1;
        }
        return 0;
}

void store_rollback(struct store *st)
{
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        load_head(st, &(struct pk_err){0});
}

int store_add(struct store *st, struct event *ev, const struct dt_change *ch, int nch,
              struct pk_err *err)
{
        ev->seq = st->last_seq + 1;
        hash_event(st->head, ev, ev->hash);
        sqlite3_stmt *q = st->ins;
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        sqlite3_bind_int64(q, 1, ev->seq);
        sqlite3_bind_text(q, 2, ev->at, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, ev->verb, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, ev->line, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, ev->result, -1, SQLITE_STATIC);
        if (ev->attachment)
                sqlite3_bind_text(q, 6, ev->attachment, -1, SQLITE_STATIC);
        if (ev->retracts)
                sqlite3_bind_int64(q, 7, ev->retracts);
        sqlite3_bind_int(q, 8, ev->meeting);
        sqlite3_bind_blob(q, 9, st->head, 32, SQLITE_STATIC);
        sqlite3_bind_blob(q, 10, ev->hash, 32, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE) {
                db_fail(st, err, _("cannot record the action"));
                sqlite3_reset(q);
                return -1;
        }
        sqlite3_reset(q);
        for (int i = 0; i < nch; i++)
                if (apply_change(st, &ch[i]) < 0)
                        return db_fail(st, err, _("cannot update the derived tables"));
        memcpy(st->head, ev->hash, 32);
        st->last_seq = ev->seq;
        return 0;
}

int store_commit(struct store *st, struct pk_err *err)
{
        if (exec(st, "COMMIT", err) < 0) {
                store_rollback(st);
                return -1;
        }
        return 0;
}

int store_append(struct store *st, struct event *ev, const struct dt_change *ch, int nch,
                 struct pk_err *err)
{
        if (store_begin(st, err) < 0)
                return -1;
        if (store_add(st, ev, ch, nch, err) < 0) {
                store_rollback(st);
                return -1;
        }
        return store_commit(st, err);
}

static char *col_text(sqlite3_stmt *q, int i)
{
        const unsigned char *t = sqlite3_column_text(q, i);
        return t ? pk_xstrdup((const char *)t) : NULL;
}

static char *col_text(sqlite3_stmt *q, int i);

#define EVENT_COLS "seq, at, verb, line, result, attachment, retracts, meeting, hash"

static int load_query(struct store *st, const char *sql, struct event **evs, int *n,
                      struct pk_err *err);

int store_load(struct store *st, struct event **evs, int *n, struct pk_err *err)
{
        return load_query(st, "SELECT " EVENT_COLS " FROM events ORDER BY seq", evs, n, err);
}

int store_load_lazy(struct store *st, struct event **evs, int *n, int **locked, int *nlocked,
                    struct pk_err *err)
{
        *locked = NULL;
        *nlocked = 0;
        *evs = NULL;
        *n = 0;
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db, "SELECT meeting FROM meetings WHERE state = 'locked'", -1,
                               &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int cap = 0, rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*nlocked == cap) {
                        cap = cap ? cap * 2 : 64;
                        *locked = pk_xrealloc(*locked, (size_t)cap * sizeof **locked);
                }
                (*locked)[(*nlocked)++] = sqlite3_column_int(q, 0);
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        /* each part is an index lookup (events by meeting, events by verb), and the events
         * are then fetched by number (CROSS JOIN keeps that order of the loops), so the cost
         * follows what is loaded, not the length of the record */
        return load_query(st,
                          "WITH s(seq) AS ("
                          " SELECT seq FROM events WHERE meeting IN"
                          "  (SELECT 0 UNION ALL SELECT meeting FROM meetings"
                          "   WHERE state <> 'locked')"
                          " UNION SELECT seq FROM events"
                          "  WHERE verb IN ('body', 'member', 'meeting', 'plan', 'undo')"
                          " UNION SELECT seq FROM events"
                          "  WHERE verb = 'item' AND instr(line, 'reading=1') > 0)"
                          " SELECT e.seq, e.at, e.verb, e.line, e.result, e.attachment,"
                          " e.retracts, e.meeting, e.hash"
                          " FROM s CROSS JOIN events e ON e.seq = s.seq ORDER BY s.seq",
                          evs, n, err);
}

int store_load_corrections(struct store *st, int meeting, struct event **evs, int *n,
                           struct pk_err *err)
{
        /* the undos recorded while the meeting was current, each followed by what it
         * retracted (as attachment) */
        *evs = NULL;
        *n = 0;
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT u.seq, u.at, r.line FROM events u JOIN events r"
                               " ON r.seq = u.retracts WHERE u.meeting = ? AND u.verb = 'undo'"
                               " ORDER BY u.seq",
                               -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        sqlite3_bind_int(q, 1, meeting);
        int rc, cap = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*n == cap) {
                        cap = cap ? cap * 2 : 16;
                        *evs = pk_xrealloc(*evs, (size_t)cap * sizeof **evs);
                }
                struct event *e = &(*evs)[(*n)++];
                memset(e, 0, sizeof *e);
                e->seq = sqlite3_column_int64(q, 0);
                e->at = col_text(q, 1);
                e->line = col_text(q, 2);
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return 0;
}

int64_t store_last_seq(struct store *st)
{
        struct pk_err e = {0};
        load_head(st, &e);
        return st->last_seq;
}

static int load_query(struct store *st, const char *sql, struct event **evs, int *n,
                      struct pk_err *err)
{
        sqlite3_stmt *q = NULL;
        *evs = NULL;
        *n = 0;
        if (st->empty)
                return 0;
        if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int cap = 0, rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*n == cap) {
                        cap = cap ? cap * 2 : 256;
                        *evs = pk_xrealloc(*evs, (size_t)cap * sizeof **evs);
                }
                struct event *e = &(*evs)[(*n)++];
                memset(e, 0, sizeof *e);
                e->seq = sqlite3_column_int64(q, 0);
                e->at = col_text(q, 1);
                e->verb = col_text(q, 2);
                e->line = col_text(q, 3);
                e->result = col_text(q, 4);
                e->attachment = col_text(q, 5);
                e->retracts = sqlite3_column_int64(q, 6);
                e->meeting = sqlite3_column_int(q, 7);
                if (sqlite3_column_bytes(q, 8) == 32)
                        memcpy(e->hash, sqlite3_column_blob(q, 8), 32);
                if (!e->at || !e->verb || !e->line || !e->result) {
                        sqlite3_finalize(q);
                        pk_strlcpy(err->file, st->path, sizeof err->file);
                        pk_err_set(err, _("event %lld is incomplete"), (long long)e->seq);
                        return -1;
                }
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return 0;
}

void store_events_free(struct event *evs, int n)
{
        for (int i = 0; i < n; i++) {
                free(evs[i].at);
                free(evs[i].verb);
                free(evs[i].line);
                free(evs[i].result);
                free(evs[i].attachment);
        }
        free(evs);
}

int store_verify_chain(struct store *st, struct pk_err *err)
{
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT seq, at, verb, line, result, attachment, retracts, meeting,"
                               " prev, hash FROM events ORDER BY seq",
                               -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        unsigned char prev[32] = {0};
        int64_t expect = 1;
        int rc, result = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                struct event e = {0};
                e.seq = sqlite3_column_int64(q, 0);
                e.at = (char *)sqlite3_column_text(q, 1);
                e.verb = (char *)sqlite3_column_text(q, 2);
                e.line = (char *)sqlite3_column_text(q, 3);
                e.result = (char *)sqlite3_column_text(q, 4);
                e.attachment = (char *)sqlite3_column_text(q, 5);
                e.retracts = sqlite3_column_int64(q, 6);
                e.meeting = sqlite3_column_int(q, 7);
                unsigned char h[32];
                pk_strlcpy(err->file, st->path, sizeof err->file);
                if (e.seq != expect) {
                        pk_err_set(err, _("event %lld is missing (found %lld next)"),
                                   (long long)expect, (long long)e.seq);
                        result = -1;
                        break;
                }
                if (sqlite3_column_bytes(q, 8) != 32 ||
                    memcmp(sqlite3_column_blob(q, 8), prev, 32) != 0) {
                        pk_err_set(err, _("event %lld does not link to the event before it"),
                                   (long long)e.seq);
                        result = -1;
                        break;
                }
                hash_event(prev, &e, h);
                if (sqlite3_column_bytes(q, 9) != 32 || memcmp(sqlite3_column_blob(q, 9), h, 32)) {
                        pk_err_set(err, _("event %lld has been changed: its hash does not match"),
                                   (long long)e.seq);
                        result = -1;
                        break;
                }
                memcpy(prev, h, 32);
                expect++;
        }
        sqlite3_finalize(q);
        if (result == 0 && rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return result;
}

int store_load_rows(struct store *st, enum dt_table t, struct dt_rows *out, struct pk_err *err)
{
        if (st->empty)
                return 0;
        const struct dt_desc *d = &dt_tables[t];
        struct sb q = {0};
        sb_add(&q, "SELECT ");
        for (int i = 0; i < d->ncols; i++)
                sb_addf(&q, "%s%s", i ? ", " : "", d->cols[i]);
        sb_addf(&q, " FROM %s", d->name);
        sqlite3_stmt *s = NULL;
        int rc = sqlite3_prepare_v2(st->db, sb_str(&q), -1, &s, NULL);
        sb_free(&q);
        if (rc != SQLITE_OK)
                return db_fail(st, err, _("cannot read a derived table"));
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                if (out->n == out->cap) {
                        out->cap = out->cap ? out->cap * 2 : 256;
                        out->rows = pk_xrealloc(out->rows, (size_t)out->cap * sizeof *out->rows);
                }
                struct dt_row *r = &out->rows[out->n++];
                memset(r, 0, sizeof *r);
                r->table = t;
                for (int i = 0; i < d->ncols; i++)
                        r->vals[i] = col_text(s, i);
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read a derived table"));
        return 0;
}

int store_event_hash(struct store *st, int64_t seq, char hex[65])
{
        sqlite3_stmt *q = NULL;
        int rc = -1;
        if (st->empty)
                return -1;
        if (sqlite3_prepare_v2(st->db, "SELECT hash FROM events WHERE seq = ?", -1, &q, NULL) !=
            SQLITE_OK)
                return -1;
        sqlite3_bind_int64(q, 1, seq);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_bytes(q, 0) == 32) {
                sodium_bin2hex(hex, 65, sqlite3_column_blob(q, 0), 32);
                rc = 0;
        }
        sqlite3_finalize(q);
        return rc;
}

void store_head(struct store *st, char hex[65])
{
        sodium_bin2hex(hex, 65, st->head, 32);
}

/* For the search index (search.c): the connection, and whether this store may write. */
sqlite3 *store_sqlite(struct store *st)
{
        return st->empty ? NULL : st->db;
}

bool store_writable(const struct store *st)
{
        return st->mode == STORE_WRITE;
}
