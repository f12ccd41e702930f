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
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "protokol/i18n.h"
#include "protokol/store.h"
#include "store_int.h"

struct store {
        sqlite3 *db;
        char path[1024];
        dev_t dev; /* the file, while registered as open in this process (see store_open) */
        ino_t ino;
        bool registered;
        enum store_mode mode;
        sqlite3_stmt *ins;
        sqlite3_stmt *put[DT__COUNT], *del[DT__COUNT];
        sqlite3_stmt *udel[DU__COUNT][2];          /* a unit's rows, by its key (see unit_sql) */
        sqlite3_stmt *q_head, *q_begin, *q_commit; /* prepared once: every action runs them */
        unsigned char head[32];
        int64_t last_seq;
        int lockfd; /* the writer's fd on the database file, holding its flock, or -1 */
        bool empty; /* read-only, and the file holds no schema yet: a record with no events */
        bool fresh; /* the file was empty when opened: a new record */
        bool checkpoint_due;  /* a close or sign is in the transaction: checkpoint after it */
        char wal_damage[300]; /* read-only: what is wrong with the write-ahead log, or "" */
};

/*
 * One writer at a time: an exclusive flock(2) on the database file itself, so every path
 * that reaches the file (a symlink, a hard link) meets the same lock, and there is no lock
 * file to remove. flock locks are apart from the POSIX (fcntl) locks SQLite takes on the
 * same file, and the kernel drops the lock when the process ends, however it ends. The fd
 * is closed only after SQLite has closed the database. The file is created (mode 0600)
 * here if it does not exist.
 */
static void checkpoint(struct store *st);

static long lock_holder(int fd)
{
        /* /proc/locks: "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF" */
        struct stat sb;
        if (fstat(fd, &sb) < 0)
                return 0;
        FILE *f = fopen("/proc/locks", "re");
        if (!f)
                return 0;
        char line[256];
        long pid = 0;
        while (!pid && fgets(line, sizeof line, f)) {
                char kind[16];
                long p;
                unsigned maj, min;
                unsigned long ino;
                if (sscanf(line, "%*d: %15s %*s %*s %ld %x:%x:%lu", kind, &p, &maj, &min, &ino) ==
                        5 &&
                    !strcmp(kind, "FLOCK") && maj == major(sb.st_dev) && min == minor(sb.st_dev) &&
                    ino == (unsigned long)sb.st_ino && p != (long)getpid())
                        pid = p;
        }
        fclose(f);
        return pid;
}

static int take_lock(struct store *st, struct pk_err *err)
{
        int fd = open(st->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("cannot open the database for writing: %s"), strerror(errno));
                return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
                int e = errno;
                long pid = e == EWOULDBLOCK ? lock_holder(fd) : 0;
                close(fd);
                pk_strlcpy(err->file, st->path, sizeof err->file);
                if (e != EWOULDBLOCK)
                        pk_err_set(err, _("cannot lock the database: %s"), strerror(e));
                else if (pid)
                        pk_err_set(err,
                                   _("the database is being written by another protokol "
                                     "(process %ld); follow it read-only with --follow"),
                                   pid);
                else
                        pk_err_set(err, _("the database is being written by another protokol; "
                                          "follow it read-only with --follow"));
                err->exit_code = e == EWOULDBLOCK ? 1 : 0;
                return -1;
        }
        st->lockfd = fd;
        return 0;
}

void store_release_lock_for_test(struct store *st)
{
        if (st->lockfd >= 0)
                flock(st->lockfd, LOCK_UN);
}

#define SCHEMA_VERSION 2
#define PK_STR_(x) #x
#define PK_STR(x) PK_STR_(x)
#define APPLICATION_ID 0x504B544C /* "PKTL" in the SQLite header: a protokol database */

static uint32_t be32(const unsigned char *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Before anything is changed: an empty file is a new record; anything else must be an
 * SQLite database carrying protokol's application id (set when protokol creates it, before
 * the switch to WAL, so it is always in the main file).
 */
static int check_header(struct store *st, struct pk_err *err)
{
        int fd = st->lockfd >= 0 ? st->lockfd : open(st->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
                if (errno == ENOENT && st->mode == STORE_READ)
                        return 0; /* SQLite gives its own message */
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("cannot open the database: %s"), strerror(errno));
                return -1;
        }
        unsigned char h[100];
        ssize_t n = pread(fd, h, sizeof h, 0);
        struct stat sb;
        bool empty = fstat(fd, &sb) == 0 && sb.st_size == 0;
        if (fd != st->lockfd)
                close(fd);
        if (empty) {
                st->fresh = true;
                return 0;
        }
        pk_strlcpy(err->file, st->path, sizeof err->file);
        if (n == (ssize_t)sizeof h && !memcmp(h, "SQLite format 3", 16)) {
                if (be32(h + 68) == APPLICATION_ID)
                        return 0;
                if (be32(h + 68) == 0 && be32(h + 60) == 1) {
                        pk_err_set(err,
                                   _("the database was written by an earlier protokol format "
                                     "(schema 1); this protokol reads schema %d only"),
                                   SCHEMA_VERSION);
                        return -1;
                }
        }
        pk_err_set(err, _("the file is not a protokol database"));
        return -1;
}

/*
 * The write-ahead log (https://www.sqlite.org/fileformat.html, "The WAL File Format"):
 * a 32-byte header (magic, version, page size, checkpoint number, two salts, a checksum),
 * then frames of a 24-byte header (page, database size for a commit frame, the salts, a
 * checksum cumulative from the previous frame's) and a page. SQLite replays frames from
 * the start and stops at the first that does not check, silently dropping the rest. A
 * frame of the current log generation that fails while a checked run of frames after it
 * (chained from its stored checksum) ends in a commit frame means committed actions would
 * be lost: the log is damaged. A torn last frame (a crash while writing) is not damage.
 */
static void wal_sum(bool big, const unsigned char *p, size_t n, uint32_t s[2])
{
        for (size_t i = 0; i + 8 <= n; i += 8) {
                uint32_t x0, x1;
                if (big) {
                        x0 = be32(p + i);
                        x1 = be32(p + i + 4);
                } else {
                        x0 = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 |
                             (uint32_t)p[i + 3] << 24;
                        x1 = (uint32_t)p[i + 4] | (uint32_t)p[i + 5] << 8 |
                             (uint32_t)p[i + 6] << 16 | (uint32_t)p[i + 7] << 24;
                }
                s[0] += x0 + s[1];
                s[1] += x1 + s[0];
        }
}

/* One pass over the log: "" if sound, else what is damaged. hdr receives the header. */
static void wal_scan(int fd, unsigned char hdr[32], char *what, size_t wn)
{
        what[0] = '\0';
        memset(hdr, 0, 32);
        struct stat sb;
        if (fstat(fd, &sb) < 0 || sb.st_size < 32 || pread(fd, hdr, 32, 0) != 32)
                return;
        uint32_t magic = be32(hdr), psz = be32(hdr + 8);
        if (psz == 1)
                psz = 65536;
        bool big = magic == 0x377f0683;
        bool hdr_ok =
            (magic == 0x377f0682 || big) && psz >= 512 && psz <= 65536 && (psz & (psz - 1)) == 0;
        if (!hdr_ok) {
                if (sb.st_size > 32)
                        snprintf(what, wn, "%s", _("its header"));
                return;
        }
        uint32_t hs[2] = {0, 0};
        wal_sum(big, hdr, 24, hs);
        bool hdr_sum_ok = hs[0] == be32(hdr + 24) && hs[1] == be32(hdr + 28);
        size_t fsz = 24 + (size_t)psz;
        int64_t nframes = (sb.st_size - 32) / (int64_t)fsz;
        unsigned char *f = pk_xcalloc(1, fsz);
        uint32_t prev[2] = {be32(hdr + 24), be32(hdr + 28)};
        int64_t first_bad = hdr_sum_ok ? 0 : -1; /* -1: the header; k > 0: frame k */
        bool failed = !hdr_sum_ok;
        for (int64_t k = 1; k <= nframes; k++) {
                if (pread(fd, f, fsz, 32 + (off_t)(k - 1) * (off_t)fsz) != (ssize_t)fsz)
                        break;
                uint32_t s[2] = {prev[0], prev[1]};
                wal_sum(big, f, 8, s);
                wal_sum(big, f + 24, psz, s);
                bool ok =
                    !memcmp(f + 8, hdr + 16, 8) && s[0] == be32(f + 16) && s[1] == be32(f + 20);
                if (!ok) {
                        if (first_bad == 0)
                                first_bad = k;
                        failed = true;
                } else if (failed && be32(f + 4) != 0) {
                        /* a commit frame checks after a failure: committed work is cut off */
                        if (first_bad < 0)
                                snprintf(what, wn, "%s", _("its header"));
                        else
                                snprintf(what, wn, _("frame %lld"), (long long)first_bad);
                        break;
                }
                prev[0] = be32(f + 16);
                prev[1] = be32(f + 20);
        }
        free(f);
}

static int check_wal(struct store *st, struct pk_err *err)
{
        char wal[1100];
        snprintf(wal, sizeof wal, "%s-wal", st->path);
        int fd = open(wal, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return 0;
        char what[200] = "";
        /* a writer may restart the log while a reader scans it: a finding counts only if
         * the header stayed the same during the scan */
        for (int tries = 0; tries < 5; tries++) {
                unsigned char h1[32], h2[32];
                wal_scan(fd, h1, what, sizeof what);
                if (!what[0] || (pread(fd, h2, 32, 0) == 32 && !memcmp(h1, h2, 32)))
                        break;
                what[0] = '\0';
        }
        close(fd);
        if (!what[0])
                return 0;
        pk_strlcpy(err->file, st->path, sizeof err->file);
        if (st->mode == STORE_WRITE) {
                pk_err_set(err,
                           _("the write-ahead log %s is damaged at %s: actions committed after "
                             "it would be lost; nothing was changed (keep a copy of both files "
                             "and restore from a backup)"),
                           wal, what);
                return -1;
        }
        snprintf(st->wal_damage, sizeof st->wal_damage,
                 _("the write-ahead log %s is damaged at %s: actions committed after it are not "
                   "part of what SQLite reads"),
                 wal, what);
        return 0;
}

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
                sb_add(&q, ")) WITHOUT ROWID, STRICT;");
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

static int put_row(struct store *st, const struct dt_row *row)
{
        const struct dt_desc *d = &dt_tables[row->table];
        sqlite3_stmt *q = st->put[row->table];
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        for (int i = 0; i < d->ncols; i++)
                bind_val(q, i + 1, d->types[i], row->vals[i]);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The statements that delete a unit's rows (rows.h, engine.h: enum dt_unit_kind). The
 * letters say what each parameter is bound to: m the meeting, n the number, 1 and 2 the
 * unit's text keys.
 */
static const struct {
        const char *sql[2];
        const char *params;
} unit_sql[DU__COUNT] = {
    [DU_MEMBER] = {{"DELETE FROM members WHERE body = ? AND name = ?", NULL}, "12"},
    [DU_MEETING] = {{"DELETE FROM meetings WHERE meeting = ?", NULL}, "m"},
    [DU_ITEM] = {{"DELETE FROM items WHERE meeting = ? AND number = ?", NULL}, "mn"},
    [DU_OUTCOME] = {{"DELETE FROM decisions WHERE meeting = ? AND item = ?",
                     "DELETE FROM dissents WHERE meeting = ? AND item = ?"},
                    "mn"},
    [DU_SUBJECT] = {{"DELETE FROM subjects WHERE meeting = ? AND item = ? AND id = ?", NULL},
                    "mn1"},
    [DU_BALLOT] = {{"DELETE FROM ballots WHERE meeting = ? AND ballot = ?",
                    "DELETE FROM member_votes WHERE meeting = ? AND ballot = ?"},
                   "mn"},
    [DU_ATTEND] = {{"DELETE FROM attendance WHERE meeting = ? AND member = ?",
                    "DELETE FROM signatures WHERE meeting = ? AND member = ?"},
                   "m1"},
    [DU_RULING] = {{"DELETE FROM rulings WHERE meeting = ? AND ruling = ?", NULL}, "mn"},
    [DU_ELECTION] = {{"DELETE FROM elections WHERE meeting = ? AND election = ?", NULL}, "mn"},
};

static int prepare_units(struct store *st)
{
        for (int k = 0; k < DU__COUNT; k++)
                for (int i = 0; i < 2; i++)
                        if (unit_sql[k].sql[i] &&
                            sqlite3_prepare_v2(st->db, unit_sql[k].sql[i], -1, &st->udel[k][i],
                                               NULL) != SQLITE_OK)
                                return -1;
        return 0;
}

static int delete_unit(struct store *st, const struct dt_unit *u)
{
        for (int i = 0; i < 2; i++) {
                sqlite3_stmt *q = st->udel[u->kind][i];
                if (!q)
                        continue;
                sqlite3_reset(q);
                sqlite3_clear_bindings(q);
                const char *p = unit_sql[u->kind].params;
                for (int j = 0; p[j]; j++) {
                        if (p[j] == 'm')
                                sqlite3_bind_int64(q, j + 1, u->meeting);
                        else if (p[j] == 'n')
                                sqlite3_bind_int64(q, j + 1, u->num);
                        else
                                bind_val(q, j + 1, 't', p[j] == '1' ? u->k1 : u->k2);
                }
                int rc = sqlite3_step(q);
                sqlite3_reset(q);
                if (rc != SQLITE_DONE)
                        return -1;
        }
        return 0;
}

/* Units whose rows are one row of one table: a row rendered replaces the stored one by its
 * key, so only a unit that renders none needs its row deleted. */
static bool single_row(enum dt_unit_kind k)
{
        return k == DU_MEMBER || k == DU_MEETING || k == DU_ITEM || k == DU_SUBJECT ||
               k == DU_RULING || k == DU_ELECTION;
}

static int write_units(struct store *st, const struct dt_write *w)
{
        if (!w)
                return 0;
        int r = 0;
        for (int i = 0; i < w->nunits; i++) {
                int n = w->nrows ? w->nrows[i] : -1;
                if (!(n > 0 && single_row(w->units[i].kind)) && delete_unit(st, &w->units[i]) < 0)
                        return -1;
                int end = n < 0 ? (i == w->nunits - 1 ? w->rows->n : r) : r + n;
                for (; w->rows && r < end; r++)
                        if (put_row(st, &w->rows->rows[r]) < 0)
                                return -1;
        }
        for (; w->rows && r < w->rows->n; r++)
                if (put_row(st, &w->rows->rows[r]) < 0)
                        return -1;
        return 0;
}

/* The whole schema of a version-2 record (a new file, or the expected schema verify
 * compares the file's with). */
static int create_schema(struct store *st, struct pk_err *err)
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
                                 " hash BLOB NOT NULL) STRICT;"
                                 "CREATE INDEX events_meeting ON events (meeting, seq);"
                                 "CREATE INDEX events_retracts ON events (retracts)"
                                 " WHERE retracts IS NOT NULL;"
                                 "CREATE INDEX events_archives ON events (seq, verb, attachment)"
                                 " WHERE verb = 'open' AND attachment IS NOT NULL;"
                                 "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                                 " BEGIN SELECT RAISE(ABORT, 'the protocol is append-only'); END;"
                                 "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
                                 " BEGIN SELECT RAISE(ABORT, 'the protocol is append-only'); END;";
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
        int tables = -1;
        if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &q, NULL) ==
            SQLITE_OK) {
                if (sqlite3_step(q) == SQLITE_ROW)
                        tables = sqlite3_column_int(q, 0);
                sqlite3_finalize(q);
        }
        if (version != 0 || tables != 0) {
                /* version 1 (before application ids) is refused when the header is read */
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("the file is not a protokol database"));
                return -1;
        }
        if (st->mode == STORE_READ) {
                /* a file created but never written to (e.g. a writer killed at once) is an
                 * empty record */
                st->empty = true;
                return 0;
        }
        if (exec(st, "BEGIN IMMEDIATE", err) < 0)
                return -1;
        if (create_schema(st, err) < 0 ||
            exec(st, "PRAGMA user_version = " PK_STR(SCHEMA_VERSION), err) < 0) {
                exec(st, "ROLLBACK", &(struct pk_err){0});
                return -1;
        }
        return exec(st, "COMMIT", err);
}

/*
 * The hash of an event: SHA-256 over the previous event's hash and every column (seq, at,
 * verb, line, result, attachment, retracts, meeting) as SQLite holds it: a type tag, then
 * an integer as 8 bytes, or a text or blob as its length in 8 bytes and its exact bytes (a
 * NUL byte and what follows it count), or nothing for NULL.
 */
struct hcol {
        char type; /* 'N' null, 'I' integer, 'F' real, 'T' text, 'B' blob */
        int64_t i;
        const void *p;
        size_t n;
};

#define NHCOLS 8

static void hash_u64(crypto_hash_sha256_state *h, uint64_t v)
{
        unsigned char b[8];
        for (int k = 0; k < 8; k++)
                b[k] = (unsigned char)(v >> (8 * k));
        crypto_hash_sha256_update(h, b, 8);
}

static void hash_cols(const unsigned char prev[32], const struct hcol c[NHCOLS],
                      unsigned char out[32])
{
        static const unsigned char domain[] = "protokol event, schema 2";
        crypto_hash_sha256_state h;
        crypto_hash_sha256_init(&h);
        crypto_hash_sha256_update(&h, domain, sizeof domain);
        crypto_hash_sha256_update(&h, prev, 32);
        for (int i = 0; i < NHCOLS; i++) {
                unsigned char tag = (unsigned char)c[i].type;
                crypto_hash_sha256_update(&h, &tag, 1);
                if (c[i].type == 'I' || c[i].type == 'F') {
                        hash_u64(&h, (uint64_t)c[i].i);
                } else if (c[i].type == 'T' || c[i].type == 'B') {
                        hash_u64(&h, c[i].n);
                        if (c[i].n)
                                crypto_hash_sha256_update(&h, c[i].p, c[i].n);
                }
        }
        crypto_hash_sha256_final(&h, out);
}

static struct hcol htext(const char *s)
{
        return s ? (struct hcol){'T', 0, s, strlen(s)} : (struct hcol){'N', 0, NULL, 0};
}

/* The columns of an event as store_add binds them (retracts 0 and no attachment: NULL). */
static void hash_event(const unsigned char prev[32], const struct event *ev, unsigned char out[32])
{
        struct hcol c[NHCOLS] = {
            {'I', ev->seq, NULL, 0},
            htext(ev->at),
            htext(ev->verb),
            htext(ev->line),
            htext(ev->result),
            htext(ev->attachment),
            ev->retracts ? (struct hcol){'I', ev->retracts, NULL, 0}
                         : (struct hcol){'N', 0, NULL, 0},
            {'I', ev->meeting, NULL, 0},
        };
        hash_cols(prev, c, out);
}

/* Column i of a result row as the hash takes it. */
static struct hcol hcol_of(sqlite3_stmt *q, int i)
{
        switch (sqlite3_column_type(q, i)) {
        case SQLITE_INTEGER:
                return (struct hcol){'I', sqlite3_column_int64(q, i), NULL, 0};
        case SQLITE_FLOAT: {
                double d = sqlite3_column_double(q, i);
                int64_t bits;
                memcpy(&bits, &d, sizeof bits);
                return (struct hcol){'F', bits, NULL, 0};
        }
        case SQLITE_TEXT: {
                const void *p = sqlite3_column_text(q, i);
                return (struct hcol){'T', 0, p, (size_t)sqlite3_column_bytes(q, i)};
        }
        case SQLITE_BLOB: {
                const void *p = sqlite3_column_blob(q, i);
                return (struct hcol){'B', 0, p, (size_t)sqlite3_column_bytes(q, i)};
        }
        default:
                return (struct hcol){'N', 0, NULL, 0};
        }
}

static int load_head(struct store *st, struct pk_err *err)
{
        memset(st->head, 0, 32);
        st->last_seq = 0;
        if (st->empty)
                return 0;
        if (!st->q_head &&
            sqlite3_prepare_v2(st->db, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", -1,
                               &st->q_head, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        sqlite3_stmt *q = st->q_head;
        sqlite3_reset(q);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
                st->last_seq = sqlite3_column_int64(q, 0);
                if (sqlite3_column_bytes(q, 1) == 32)
                        memcpy(st->head, sqlite3_column_blob(q, 1), 32);
        }
        sqlite3_reset(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return 0;
}

/* The files this process has open as records (device and inode), see store_open. */
static struct {
        dev_t dev;
        ino_t ino;
        int count;
} open_here[16];

static bool open_here_find(dev_t dev, ino_t ino)
{
        for (size_t i = 0; i < sizeof open_here / sizeof open_here[0]; i++)
                if (open_here[i].count > 0 && open_here[i].dev == dev && open_here[i].ino == ino)
                        return true;
        return false;
}

static void open_here_add(dev_t dev, ino_t ino, int d)
{
        for (size_t i = 0; i < sizeof open_here / sizeof open_here[0]; i++)
                if (open_here[i].count > 0 && open_here[i].dev == dev && open_here[i].ino == ino) {
                        open_here[i].count += d;
                        return;
                }
        for (size_t i = 0; d > 0 && i < sizeof open_here / sizeof open_here[0]; i++)
                if (open_here[i].count == 0) {
                        open_here[i].dev = dev;
                        open_here[i].ino = ino;
                        open_here[i].count = 1;
                        return;
                }
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
        /* the checks read the files with a descriptor of their own; closing it would drop the
         * POSIX locks another connection of this process holds on the same file (the UI
         * opens a past meeting beside its own record), so a file already open here has been
         * checked and is not read again */
        bool open_here = stat(path, &sb) == 0 && open_here_find(sb.st_dev, sb.st_ino);
        if (!open_here && (check_header(st, err) < 0 || check_wal(st, err) < 0)) {
                store_close(&st);
                return -1;
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
                /* a new record: the application id goes into the main file's header first,
                 * before the switch to WAL, so that any protokol database has it there */
                if (st->fresh && exec(st, "PRAGMA application_id = 1347114060", err) < 0) {
                        store_close(&st);
                        return -1;
                }
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
        if (mode == STORE_WRITE && (prepare_derived(st, err) < 0 || prepare_units(st) < 0)) {
                if (!err->msg[0])
                        db_fail(st, err, _("cannot prepare the derived tables"));
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
        struct stat fsb;
        if (stat(path, &fsb) == 0) {
                st->dev = fsb.st_dev;
                st->ino = fsb.st_ino;
                st->registered = true;
                open_here_add(st->dev, st->ino, 1);
        }
        *out = st;
        return 0;
}

void store_close(struct store **stp)
{
        struct store *st = *stp;
        if (!st)
                return;
        if (st->registered)
                open_here_add(st->dev, st->ino, -1);
        sqlite3_finalize(st->ins);
        for (int t = 0; t < DT__COUNT; t++) {
                sqlite3_finalize(st->put[t]);
                sqlite3_finalize(st->del[t]);
        }
        for (int k = 0; k < DU__COUNT; k++)
                for (int i = 0; i < 2; i++)
                        sqlite3_finalize(st->udel[k][i]);
        sqlite3_finalize(st->q_head);
        sqlite3_finalize(st->q_begin);
        sqlite3_finalize(st->q_commit);
        if (st->mode == STORE_WRITE && st->db && st->lockfd >= 0 && sqlite3_get_autocommit(st->db))
                checkpoint(st);
        sqlite3_close(st->db);
        if (st->lockfd >= 0)
                close(st->lockfd);
        free(st);
        *stp = NULL;
}

/* Runs a statement without parameters, preparing it on first use. */
static int run_prepared(struct store *st, sqlite3_stmt **q, const char *sql, struct pk_err *err)
{
        if (!*q && sqlite3_prepare_v2(st->db, sql, -1, q, NULL) != SQLITE_OK)
                return db_fail(st, err, sql);
        sqlite3_reset(*q);
        int rc = sqlite3_step(*q);
        sqlite3_reset(*q);
        return rc == SQLITE_DONE ? 0 : db_fail(st, err, sql);
}

int store_begin(struct store *st, struct pk_err *err)
{
        if (st->mode != STORE_WRITE) {
                pk_err_set(err, _("the database is open read-only"));
                return -1;
        }
        if (run_prepared(st, &st->q_begin, "BEGIN IMMEDIATE", err) < 0)
                return -1;
        st->checkpoint_due = false;
        /* the record's head must still be the one this process built its state on: if
         * another writer appended (the lock bypassed), appending now would write actions
         * twice or fork the record */
        int64_t seq = st->last_seq;
        unsigned char head[32];
        memcpy(head, st->head, 32);
        if (load_head(st, err) < 0) {
                store_rollback(st);
                return -1;
        }
        if (st->last_seq != seq || memcmp(st->head, head, 32) != 0) {
                int64_t now = st->last_seq;
                store_rollback(st);
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err,
                           _("another process has written to the record (its last event is %lld, "
                             "this protokol knew %lld); nothing was written, and the record is "
                             "read again"),
                           (long long)now, (long long)seq);
                return -1;
        }
        return 0;
}

void store_rollback(struct store *st)
{
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->checkpoint_due = false;
        load_head(st, &(struct pk_err){0});
}

int store_add(struct store *st, struct event *ev, const struct dt_write *w, struct pk_err *err)
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
        if (write_units(st, w) < 0)
                return db_fail(st, err, _("cannot update the derived tables"));
        memcpy(st->head, ev->hash, 32);
        st->last_seq = ev->seq;
        if (ev->verb && (!strcmp(ev->verb, "close") || !strcmp(ev->verb, "sign")))
                st->checkpoint_due = true;
        return 0;
}

/* Copies the write-ahead log into the main file and empties it, so that the .db alone
 * holds the whole record. Best effort: a follower reading at that moment can keep part of
 * the log alive; it is then copied at the next checkpoint. */
static void checkpoint(struct store *st)
{
        sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

int store_commit(struct store *st, struct pk_err *err)
{
        if (run_prepared(st, &st->q_commit, "COMMIT", err) < 0) {
                store_rollback(st);
                return -1;
        }
        /* a meeting closed or signed: the .db alone holds it, whatever happens next */
        if (st->checkpoint_due)
                checkpoint(st);
        st->checkpoint_due = false;
        return 0;
}

int store_append(struct store *st, struct event *ev, const struct dt_write *w, struct pk_err *err)
{
        if (store_begin(st, err) < 0)
                return -1;
        if (store_add(st, ev, w, err) < 0) {
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

/* Reads the event of the current row (EVENT_COLS) into e. 0, or -1 with err. */
static int read_event(struct store *st, sqlite3_stmt *q, struct event *e, struct pk_err *err)
{
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
                pk_strlcpy(err->file, st->path, sizeof err->file);
                pk_err_set(err, _("event %lld is incomplete"), (long long)e->seq);
                return -1;
        }
        return 0;
}

static int event_seq_cmp(const void *a, const void *b)
{
        const struct event *x = a, *y = b;
        return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int store_load(struct store *st, struct event **evs, int *n, struct pk_err *err)
{
        return load_query(st, "SELECT " EVENT_COLS " FROM events ORDER BY seq", evs, n, err);
}

int store_load_archives(struct store *st, int64_t exclude, struct sb *text, struct pk_err *err)
{
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT seq, attachment FROM events e INDEXED BY events_archives"
                               " WHERE verb = 'open'"
                               " AND attachment IS NOT NULL AND NOT EXISTS"
                               " (SELECT 1 FROM events u WHERE u.retracts = e.seq) ORDER BY seq",
                               -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int rc, n = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (sqlite3_column_int64(q, 0) == exclude)
                        continue;
                const char *t = (const char *)sqlite3_column_text(q, 1);
                int len = sqlite3_column_bytes(q, 1);
                if (t)
                        sb_addn(text, t, (size_t)len);
                if (text->len && text->s[text->len - 1] != '\n')
                        sb_add(text, "\n");
                n++;
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return n;
}

int store_load_meetings(struct store *st, const int *ids, int nids, struct event **evs, int *n,
                        struct pk_err *err)
{
        *evs = NULL;
        *n = 0;
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT " EVENT_COLS " FROM events WHERE meeting = ? ORDER BY seq",
                               -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int cap = 0, rc = SQLITE_DONE;
        for (int k = 0; k < nids && rc == SQLITE_DONE; k++) {
                sqlite3_reset(q);
                sqlite3_bind_int(q, 1, ids[k]);
                while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                        if (*n == cap) {
                                cap = cap ? cap * 2 : 256;
                                *evs = pk_xrealloc(*evs, (size_t)cap * sizeof **evs);
                        }
                        if (read_event(st, q, &(*evs)[(*n)++], err) < 0) {
                                sqlite3_finalize(q);
                                return -1;
                        }
                }
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        /* one meeting after another: put them back in the order they were recorded */
        if (*n > 1)
                qsort(*evs, (size_t)*n, sizeof **evs, event_seq_cmp);
        return 0;
}

int store_load_tail(struct store *st, struct event **evs, int *n, struct pk_err *err)
{
        return load_query(st,
                          "SELECT * FROM (SELECT " EVENT_COLS " FROM events ORDER BY seq DESC"
                          " LIMIT 500) ORDER BY seq",
                          evs, n, err);
}

int store_max_meeting(struct store *st, struct pk_err *err)
{
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db, "SELECT max(meeting) FROM events", -1, &q, NULL) !=
            SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        int rc = sqlite3_step(q), max = 0;
        if (rc == SQLITE_ROW)
                max = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW)
                return db_fail(st, err, _("cannot read the protocol"));
        return max;
}

int store_last_live(struct store *st, struct event *ev, struct pk_err *err)
{
        memset(ev, 0, sizeof *ev);
        struct event *evs = NULL;
        int n = 0;
        if (load_query(st,
                       "SELECT " EVENT_COLS " FROM events e WHERE verb <> 'undo' AND NOT EXISTS"
                       " (SELECT 1 FROM events u WHERE u.retracts = e.seq)"
                       " ORDER BY seq DESC LIMIT 1",
                       &evs, &n, err) < 0)
                return -1;
        if (n == 0) {
                free(evs);
                return 0;
        }
        *ev = evs[0];
        free(evs);
        return 1;
}

void store_event_clear(struct event *ev)
{
        free(ev->at);
        free(ev->verb);
        free(ev->line);
        free(ev->result);
        free(ev->attachment);
        memset(ev, 0, sizeof *ev);
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
                if (read_event(st, q, &(*evs)[(*n)++], err) < 0) {
                        sqlite3_finalize(q);
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
                int64_t seq = sqlite3_column_int64(q, 0);
                struct hcol c[NHCOLS];
                for (int i = 0; i < NHCOLS; i++)
                        c[i] = hcol_of(q, i);
                unsigned char h[32];
                pk_strlcpy(err->file, st->path, sizeof err->file);
                if (seq != expect || sqlite3_column_type(q, 0) != SQLITE_INTEGER) {
                        pk_err_set(err, _("event %lld is missing (found %lld next)"),
                                   (long long)expect, (long long)seq);
                        result = -1;
                        break;
                }
                if (sqlite3_column_type(q, 8) != SQLITE_BLOB || sqlite3_column_bytes(q, 8) != 32 ||
                    memcmp(sqlite3_column_blob(q, 8), prev, 32) != 0) {
                        pk_err_set(err, _("event %lld does not link to the event before it"),
                                   (long long)seq);
                        result = -1;
                        break;
                }
                hash_cols(prev, c, h);
                if (sqlite3_column_type(q, 9) != SQLITE_BLOB || sqlite3_column_bytes(q, 9) != 32 ||
                    memcmp(sqlite3_column_blob(q, 9), h, 32)) {
                        pk_err_set(err, _("event %lld has been changed: its hash does not match"),
                                   (long long)seq);
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
                int nul = -1;
                for (int i = 0; i < d->ncols; i++) {
                        r->vals[i] = col_text(s, i);
                        /* compare exact bytes: text with a NUL byte in it is never protokol's */
                        if (r->vals[i] && nul < 0 &&
                            strlen(r->vals[i]) != (size_t)sqlite3_column_bytes(s, i))
                                nul = i;
                }
                if (nul >= 0) {
                        struct sb m = {0};
                        dt_row_describe(r, &m);
                        pk_strlcpy(err->file, st->path, sizeof err->file);
                        pk_err_set(err, _("%s: %s holds a NUL byte followed by more text"),
                                   sb_str(&m), d->cols[nul]);
                        sb_free(&m);
                        sqlite3_finalize(s);
                        return -1;
                }
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

/* The objects of a schema: type, name and definition, ordered by type and name. */
struct sobj {
        char *type, *name, *sql;
};

static int schema_objs(sqlite3 *db, struct sobj **out, int *n)
{
        sqlite3_stmt *q = NULL;
        *out = NULL;
        *n = 0;
        if (sqlite3_prepare_v2(db,
                               "SELECT type, name, sql FROM sqlite_schema"
                               " WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'"
                               /* the search index (search.c) is derived and checked apart */
                               " AND tbl_name NOT LIKE 'search\\_%' ESCAPE '\\'"
                               " ORDER BY type, name",
                               -1, &q, NULL) != SQLITE_OK)
                return -1;
        int rc, cap = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*n == cap) {
                        cap = cap ? cap * 2 : 32;
                        *out = pk_xrealloc(*out, (size_t)cap * sizeof **out);
                }
                struct sobj *o = &(*out)[(*n)++];
                o->type = col_text(q, 0);
                o->name = col_text(q, 1);
                o->sql = col_text(q, 2);
                if (!o->type)
                        o->type = pk_xstrdup("");
                if (!o->name)
                        o->name = pk_xstrdup("");
        }
        sqlite3_finalize(q);
        return rc == SQLITE_DONE ? 0 : -1;
}

static void sobjs_free(struct sobj *o, int n)
{
        for (int i = 0; i < n; i++) {
                free(o[i].type);
                free(o[i].name);
                free(o[i].sql);
        }
        free(o);
}

static const char *kind_name(const char *type)
{
        if (!strcmp(type, "table"))
                return _("table");
        if (!strcmp(type, "index"))
                return _("index");
        if (!strcmp(type, "trigger"))
                return _("trigger");
        if (!strcmp(type, "view"))
                return _("view");
        return type;
}

/* One column of a table: name, declared type, NOT NULL, place in the primary key. */
static int table_cols(sqlite3 *db, const char *table, struct sb *out)
{
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db,
                               "SELECT name, type, \"notnull\", pk FROM pragma_table_xinfo(?)"
                               " ORDER BY cid",
                               -1, &q, NULL) != SQLITE_OK)
                return -1;
        sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
        int n = 0;
        while (sqlite3_step(q) == SQLITE_ROW) {
                sb_addf(out, "%s %s%s%s\n", (const char *)sqlite3_column_text(q, 0),
                        (const char *)sqlite3_column_text(q, 1),
                        sqlite3_column_int(q, 2) ? " NOT NULL" : "",
                        sqlite3_column_int(q, 3) ? " PRIMARY KEY" : "");
                n++;
        }
        sqlite3_finalize(q);
        return n;
}

/* The first line of a that differs from b's (a column), or NULL; copied to buf. */
static const char *first_missing_line(const char *a, const char *b, char *buf, size_t n)
{
        for (const char *p = a; *p;) {
                const char *e = strchr(p, '\n');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                bool found = false;
                for (const char *r = b; *r;) {
                        const char *f = strchr(r, '\n');
                        size_t rl = f ? (size_t)(f - r) : strlen(r);
                        if (rl == len && !memcmp(p, r, len))
                                found = true;
                        r += rl + (f ? 1 : 0);
                }
                if (!found) {
                        snprintf(n ? buf : NULL, n, "%.*s", (int)len, p);
                        return buf;
                }
                p += len + (e ? 1 : 0);
        }
        return NULL;
}

/* Explains how table t of the file differs from protokol's. */
static void table_diff(struct store *st, sqlite3 *want, const char *t, struct pk_err *err)
{
        struct sb a = {0}, b = {0};
        table_cols(want, t, &a);
        table_cols(st->db, t, &b);
        char col[200];
        if (first_missing_line(sb_str(&a), sb_str(&b), col, sizeof col))
                pk_err_set(err, _("the schema differs: table %s lacks the column \"%s\""), t, col);
        else if (first_missing_line(sb_str(&b), sb_str(&a), col, sizeof col))
                pk_err_set(err,
                           _("the schema differs: table %s has a column \"%s\" that protokol does "
                             "not make"),
                           t, col);
        else
                pk_err_set(err,
                           _("the schema differs: table %s is not defined as protokol defines it "
                             "(STRICT, keys or order of its columns)"),
                           t);
        sb_free(&a);
        sb_free(&b);
}

int store_verify_schema(struct store *st, struct pk_err *err)
{
        if (st->empty)
                return 0;
        /* the expected schema: a new record's, made in memory by the same code */
        struct store mem = {.mode = STORE_WRITE, .lockfd = -1};
        pk_strlcpy(mem.path, ":memory:", sizeof mem.path);
        struct pk_err e2 = {0};
        if (sqlite3_open_v2(":memory:", &mem.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            create_schema(&mem, &e2) < 0) {
                sqlite3_close(mem.db);
                pk_err_set(err, _("cannot build the expected schema: %s"), e2.msg);
                return -1;
        }
        struct sobj *w = NULL, *h = NULL;
        int nw = 0, nh = 0, rc = 0;
        if (schema_objs(mem.db, &w, &nw) < 0 || schema_objs(st->db, &h, &nh) < 0) {
                rc = db_fail(st, err, _("cannot read the schema"));
                goto out;
        }
        pk_strlcpy(err->file, st->path, sizeof err->file);
        for (int i = 0, j = 0; rc == 0 && (i < nw || j < nh);) {
                int c = i >= nw                        ? 1
                        : j >= nh                      ? -1
                        : strcmp(w[i].type, h[j].type) ? strcmp(w[i].type, h[j].type)
                                                       : strcmp(w[i].name, h[j].name);
                if (c < 0) {
                        pk_err_set(err, _("the schema differs: the %s %s is missing"),
                                   kind_name(w[i].type), w[i].name);
                        rc = -1;
                } else if (c > 0) {
                        pk_err_set(err,
                                   _("the schema differs: the file has the %s %s, which protokol "
                                     "does not make"),
                                   kind_name(h[j].type), h[j].name);
                        rc = -1;
                } else {
                        if (!w[i].sql != !h[j].sql ||
                            (w[i].sql && strcmp(w[i].sql, h[j].sql) != 0)) {
                                if (!strcmp(w[i].type, "table"))
                                        table_diff(st, mem.db, w[i].name, err);
                                else
                                        pk_err_set(err,
                                                   _("the schema differs: the %s %s is not "
                                                     "defined as protokol defines it"),
                                                   kind_name(w[i].type), w[i].name);
                                rc = -1;
                        }
                        i++;
                        j++;
                }
        }
out:
        sobjs_free(w, nw);
        sobjs_free(h, nh);
        sqlite3_close(mem.db);
        return rc;
}

int store_wal_damage(struct store *st, struct pk_err *err)
{
        if (!st->wal_damage[0])
                return 0;
        pk_strlcpy(err->file, st->path, sizeof err->file);
        pk_err_set(err, "%s", st->wal_damage);
        return -1;
}

int store_last_event(struct store *st, int64_t *seq, char *at, size_t atn)
{
        *seq = 0;
        if (atn)
                at[0] = '\0';
        if (st->empty)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db, "SELECT seq, at FROM events ORDER BY seq DESC LIMIT 1", -1,
                               &q, NULL) != SQLITE_OK)
                return -1;
        if (sqlite3_step(q) == SQLITE_ROW) {
                *seq = sqlite3_column_int64(q, 0);
                const unsigned char *t = sqlite3_column_text(q, 1);
                pk_strlcpy(at, t ? (const char *)t : "", atn);
        }
        sqlite3_finalize(q);
        return 0;
}

int store_after_head(struct store *st, int64_t seq, struct head_group **out, int *n,
                     struct pk_err *err)
{
        *out = NULL;
        *n = 0;
        if (st->empty)
                return 0;
        /* per meeting and verb, in the order they first appear; whether the meeting was
         * locked at the head: it is locked now and none of its signatures comes after */
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT e.meeting, e.verb, count(*), min(e.seq),"
                               " (SELECT count(*) FROM meetings m WHERE m.meeting = e.meeting"
                               "   AND m.state = 'locked')"
                               " AND NOT EXISTS (SELECT 1 FROM events s WHERE s.seq > ?1"
                               "   AND s.meeting = e.meeting AND s.verb = 'sign')"
                               " FROM events e WHERE e.seq > ?1"
                               " GROUP BY e.meeting, e.verb ORDER BY e.meeting, min(e.seq)",
                               -1, &q, NULL) != SQLITE_OK)
                return db_fail(st, err, _("cannot read the protocol"));
        sqlite3_bind_int64(q, 1, seq);
        int rc, cap = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*n == cap) {
                        cap = cap ? cap * 2 : 16;
                        *out = pk_xrealloc(*out, (size_t)cap * sizeof **out);
                }
                struct head_group *g = &(*out)[(*n)++];
                memset(g, 0, sizeof *g);
                g->meeting = sqlite3_column_int(q, 0);
                const unsigned char *v = sqlite3_column_text(q, 1);
                pk_strlcpy(g->verb, v ? (const char *)v : "", sizeof g->verb);
                g->count = sqlite3_column_int(q, 2);
                g->locked_at_head = sqlite3_column_int(q, 4) != 0 && g->meeting > 0;
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
                return db_fail(st, err, _("cannot read the protocol"));
        return 0;
}

int store_backup(struct store *st, const char *dest, struct pk_err *err)
{
        struct stat sb;
        if (lstat(dest, &sb) == 0) {
                pk_strlcpy(err->file, dest, sizeof err->file);
                pk_err_set(err, _("the file exists; a backup never replaces a file"));
                err->exit_code = 1;
                return -1;
        }
        char tmp[1100];
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", dest, (long)getpid());
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
                pk_strlcpy(err->file, dest, sizeof err->file);
                pk_err_set(err, _("cannot write: %s"), strerror(errno));
                return -1;
        }
        close(fd);
        sqlite3 *d = NULL;
        int rc = sqlite3_open_v2(tmp, &d, SQLITE_OPEN_READWRITE, NULL);
        sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(d, "main", st->db, "main") : NULL;
        if (b) {
                /* one step copies every page in one read transaction: a consistent copy even
                 * while a writer appends */
                do {
                        rc = sqlite3_backup_step(b, -1);
                        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                                sqlite3_sleep(50);
                } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
                sqlite3_backup_finish(b);
        }
        char msg[300];
        snprintf(msg, sizeof msg, "%s", d ? sqlite3_errmsg(d) : _("no database"));
        /* the copy is one self-contained file (protokol switches it to WAL when it writes) */
        if (rc == SQLITE_DONE &&
            sqlite3_exec(d, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
                rc = SQLITE_ERROR;
        sqlite3_close(d);
        pk_strlcpy(err->file, dest, sizeof err->file);
        if (rc != SQLITE_DONE) {
                unlink(tmp);
                pk_err_set(err, _("the backup failed: %s"), msg);
                return -1;
        }
        fd = open(tmp, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fsync(fd) < 0) {
                pk_err_set(err, _("cannot write: %s"), strerror(errno));
                if (fd >= 0)
                        close(fd);
                unlink(tmp);
                return -1;
        }
        close(fd);
        /* link, not rename: it never replaces a file that appeared meanwhile */
        if (link(tmp, dest) < 0) {
                int e = errno;
                unlink(tmp);
                if (e == EEXIST) {
                        pk_err_set(err, _("the file exists; a backup never replaces a file"));
                        err->exit_code = 1;
                } else {
                        pk_err_set(err, _("cannot write: %s"), strerror(e));
                }
                return -1;
        }
        unlink(tmp);
        return 0;
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
