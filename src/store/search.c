/*
 * search.c - the search index in the database: SQLite FTS5 over the documents the app layer
 * derives from the record (include/protokol/search.h).
 *
 * Tables: search_docs (the documents, one row each), search_fts (an FTS5 index with
 * search_docs as its external content, kept in step by triggers) and search_meta (the
 * event seq the index reflects and the format version). The tokenizer is unicode61 with
 * remove_diacritics 0: letters are folded to lower case (Ø finds ø, Æ finds æ), but æ, ø and å
 * stay letters of their own (as in Danish: "ae" does not find "æ", nor "o" "ø").
 *
 * A reader that may not write (another protokol holds the record) puts the documents of
 * the meetings changed since the index was written into TEMP tables of its own connection
 * (search_tdocs, search_tfts); queries then take those meetings from there.
 * Table names in the SQL below come from the two constant sets, never from data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/archive.h"
#include "protokol/i18n.h"
#include "protokol/search.h"
#include "store_int.h"

struct names {
        const char *schema, *docs, *fts, *meta, *ai, *ad;
};
static const struct names MAIN = {"main",        "search_docs",    "search_fts",
                                  "search_meta", "search_docs_ai", "search_docs_ad"};
static const struct names TEMP = {"temp",         "search_tdocs",    "search_tfts",
                                  "search_tmeta", "search_tdocs_ai", "search_tdocs_ad"};

static void doc_free(struct search_doc *d)
{
        free(d->kind);
        free(d->body);
        free(d->date);
        free(d->outcome);
        free(d->rule);
        free(d->cite);
        free(d->title);
        free(d->case_id);
        free(d->text);
        free(d->names);
}

struct search_doc *search_docs_add(struct search_docs *d)
{
        if (d->n == d->cap) {
                d->cap = d->cap ? d->cap * 2 : 32;
                d->v = pk_xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
        }
        struct search_doc *x = &d->v[d->n++];
        memset(x, 0, sizeof *x);
        return x;
}

void search_docs_free(struct search_docs *d)
{
        for (int i = 0; i < d->n; i++)
                doc_free(&d->v[i]);
        free(d->v);
        memset(d, 0, sizeof *d);
}

static int strcmp0(const char *a, const char *b)
{
        return strcmp(a ? a : "", b ? b : "") ? strcmp(a ? a : "", b ? b : "")
                                              : (a != NULL) - (b != NULL);
}

static int doc_keycmp(const struct search_doc *a, const struct search_doc *b)
{
        if (a->meeting != b->meeting)
                return a->meeting - b->meeting;
        int c = strcmp0(a->kind, b->kind);
        if (c)
                return c;
        if (a->item != b->item)
                return a->item - b->item;
        if (a->ruling != b->ruling)
                return a->ruling - b->ruling;
        if (a->ref_meeting != b->ref_meeting)
                return a->ref_meeting - b->ref_meeting;
        return a->scope - b->scope;
}

static int cmp_doc(const void *a, const void *b)
{
        return doc_keycmp(a, b);
}

void search_docs_sort(struct search_docs *d)
{
        if (d->n > 1)
                qsort(d->v, (size_t)d->n, sizeof *d->v, cmp_doc);
}

bool search_doc_equal(const struct search_doc *a, const struct search_doc *b)
{
        return doc_keycmp(a, b) == 0 && !strcmp0(a->body, b->body) && !strcmp0(a->date, b->date) &&
               !strcmp0(a->outcome, b->outcome) && !strcmp0(a->rule, b->rule) &&
               !strcmp0(a->cite, b->cite) && !strcmp0(a->title, b->title) &&
               !strcmp0(a->case_id, b->case_id) && !strcmp0(a->text, b->text) &&
               !strcmp0(a->names, b->names);
}

void search_hit_free(struct search_hit *h)
{
        doc_free(&h->d);
        free(h->snippet);
        free(h->council);
}

void search_hits_free(struct search_hits *h)
{
        for (int i = 0; i < h->n; i++)
                search_hit_free(&h->v[i]);
        free(h->v);
        memset(h, 0, sizeof *h);
}

static int fail(sqlite3 *db, struct pk_err *err, const char *what)
{
        pk_err_set(err, "%s: %s", what, db ? sqlite3_errmsg(db) : _("no database"));
        return -1;
}

static int run(sqlite3 *db, const char *sql, struct pk_err *err)
{
        char *msg = NULL;
        if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
                pk_err_set(err, _("search index: %s"), msg ? msg : sqlite3_errmsg(db));
                sqlite3_free(msg);
                return -1;
        }
        return 0;
}

static bool table_exists(sqlite3 *db, const char *schema, const char *name)
{
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT 1 FROM %s.sqlite_schema WHERE name = ?1", schema);
        sqlite3_stmt *q = NULL;
        bool yes = false;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
                sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
                yes = sqlite3_step(q) == SQLITE_ROW;
        }
        sqlite3_finalize(q);
        return yes;
}

static int create(sqlite3 *db, const struct names *t, struct pk_err *err)
{
        char sql[2400];
        snprintf(sql, sizeof sql,
                 "CREATE TABLE IF NOT EXISTS %1$s.%2$s (id INTEGER PRIMARY KEY,"
                 " scope TEXT NOT NULL, meeting INTEGER NOT NULL, item INTEGER NOT NULL,"
                 " ruling INTEGER NOT NULL, ref_meeting INTEGER NOT NULL, kind TEXT NOT NULL,"
                 " body TEXT, date TEXT, outcome TEXT, rule TEXT, cite TEXT,"
                 " title TEXT, case_id TEXT, text TEXT, names TEXT);"
                 "CREATE INDEX IF NOT EXISTS %1$s.%2$s_meeting ON %2$s (meeting);"
                 "CREATE VIRTUAL TABLE IF NOT EXISTS %1$s.%3$s USING fts5(title, case_id, text,"
                 " names, scope, content='%2$s', content_rowid='id',"
                 " tokenize='unicode61 remove_diacritics 0');"
                 "CREATE TRIGGER IF NOT EXISTS %1$s.%5$s AFTER INSERT ON %2$s BEGIN"
                 " INSERT INTO %3$s (rowid, title, case_id, text, names, scope)"
                 " VALUES (new.id, new.title, new.case_id, new.text, new.names, new.scope); END;"
                 "CREATE TRIGGER IF NOT EXISTS %1$s.%6$s AFTER DELETE ON %2$s BEGIN"
                 " INSERT INTO %3$s (%3$s, rowid, title, case_id, text, names, scope)"
                 " VALUES ('delete', old.id, old.title, old.case_id, old.text, old.names,"
                 " old.scope); END;"
                 "CREATE TABLE IF NOT EXISTS %1$s.%4$s (key TEXT PRIMARY KEY, value INTEGER);",
                 t->schema, t->docs, t->fts, t->meta, t->ai, t->ad);
        return run(db, sql, err);
}

static int drop(sqlite3 *db, const struct names *t, struct pk_err *err)
{
        char sql[600];
        snprintf(sql, sizeof sql,
                 "DROP TRIGGER IF EXISTS %1$s.%5$s; DROP TRIGGER IF EXISTS %1$s.%6$s;"
                 "DROP TABLE IF EXISTS %1$s.%3$s; DROP TABLE IF EXISTS %1$s.%2$s;"
                 "DROP TABLE IF EXISTS %1$s.%4$s;",
                 t->schema, t->docs, t->fts, t->meta, t->ai, t->ad);
        return run(db, sql, err);
}

static int64_t meta_get(sqlite3 *db, const struct names *t, const char *key, bool *found)
{
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT value FROM %s.%s WHERE key = ?1", t->schema, t->meta);
        sqlite3_stmt *q = NULL;
        int64_t v = 0;
        *found = false;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
                sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
                if (sqlite3_step(q) == SQLITE_ROW) {
                        v = sqlite3_column_int64(q, 0);
                        *found = true;
                }
        }
        sqlite3_finalize(q);
        return v;
}

static int meta_put(sqlite3 *db, const struct names *t, const char *key, int64_t v,
                    struct pk_err *err)
{
        char sql[200];
        snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO %s.%s (key, value) VALUES (?1, ?2)",
                 t->schema, t->meta);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, v);
        int rc = sqlite3_step(q);
        sqlite3_finalize(q);
        return rc == SQLITE_DONE ? 0 : fail(db, err, _("search index"));
}

int store_search_info(struct store *st, bool *present, int64_t *seq, int *version,
                      struct pk_err *err)
{
        (void)err;
        sqlite3 *db = store_sqlite(st);
        *present = false;
        *seq = 0;
        *version = 0;
        if (!db)
                return 0;
        if (!table_exists(db, "main", MAIN.docs) || !table_exists(db, "main", MAIN.fts) ||
            !table_exists(db, "main", MAIN.meta) || !table_exists(db, "main", MAIN.ai) ||
            !table_exists(db, "main", MAIN.ad))
                return 0;
        bool f1, f2;
        *seq = meta_get(db, &MAIN, "seq", &f1);
        *version = (int)meta_get(db, &MAIN, "version", &f2);
        *present = f1 && f2;
        return 0;
}

int store_search_changed(struct store *st, int64_t seq, int **meetings, int *n, struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        *meetings = NULL;
        *n = 0;
        if (!db)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, "SELECT DISTINCT meeting FROM events WHERE seq > ?1", -1, &q,
                               NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        sqlite3_bind_int64(q, 1, seq);
        int cap = 0, rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (*n == cap) {
                        cap = cap ? cap * 2 : 16;
                        *meetings = pk_xrealloc(*meetings, (size_t)cap * sizeof **meetings);
                }
                (*meetings)[(*n)++] = sqlite3_column_int(q, 0);
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE) {
                free(*meetings);
                *meetings = NULL;
                *n = 0;
                return fail(db, err, _("search index"));
        }
        return 0;
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
        if (s)
                sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
        else
                sqlite3_bind_null(q, i);
}

static int insert_docs(sqlite3 *db, const struct names *t, const struct search_docs *docs,
                       struct pk_err *err)
{
        char sql[400];
        snprintf(sql, sizeof sql,
                 "INSERT INTO %s.%s (scope, meeting, item, ruling, ref_meeting, kind, body, date,"
                 " outcome, rule, cite, title, case_id, text, names)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                 t->schema, t->docs);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        for (int i = 0; i < docs->n; i++) {
                const struct search_doc *d = &docs->v[i];
                char scope[2] = {d->scope, '\0'};
                sqlite3_reset(q);
                sqlite3_bind_text(q, 1, scope, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(q, 2, d->meeting);
                sqlite3_bind_int(q, 3, d->item);
                sqlite3_bind_int(q, 4, d->ruling);
                sqlite3_bind_int(q, 5, d->ref_meeting);
                bind_text(q, 6, d->kind);
                bind_text(q, 7, d->body);
                bind_text(q, 8, d->date);
                bind_text(q, 9, d->outcome);
                bind_text(q, 10, d->rule);
                bind_text(q, 11, d->cite);
                bind_text(q, 12, d->title);
                bind_text(q, 13, d->case_id);
                bind_text(q, 14, d->text);
                bind_text(q, 15, d->names);
                if (sqlite3_step(q) != SQLITE_DONE) {
                        sqlite3_finalize(q);
                        return fail(db, err, _("search index"));
                }
        }
        sqlite3_finalize(q);
        return 0;
}

static int delete_meetings(sqlite3 *db, const struct names *t, const int *meetings, int n,
                           struct pk_err *err)
{
        char sql[200];
        snprintf(sql, sizeof sql, "DELETE FROM %s.%s WHERE meeting = ?1", t->schema, t->docs);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        for (int i = 0; i < n; i++) {
                sqlite3_reset(q);
                sqlite3_bind_int(q, 1, meetings[i]);
                if (sqlite3_step(q) != SQLITE_DONE) {
                        sqlite3_finalize(q);
                        return fail(db, err, _("search index"));
                }
        }
        sqlite3_finalize(q);
        return 0;
}

/* The TEMP part: its documents, and which meetings it stands in for (-1: all). */
static int write_temp(sqlite3 *db, bool all, const int *meetings, int n,
                      const struct search_docs *docs, struct pk_err *err)
{
        if (drop(db, &TEMP, err) < 0 || create(db, &TEMP, err) < 0)
                return -1;
        if (run(db,
                "DROP TABLE IF EXISTS temp.search_tstale;"
                "CREATE TABLE temp.search_tstale (meeting INTEGER PRIMARY KEY);",
                err) < 0)
                return -1;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.search_tstale VALUES (?1)", -1, &q,
                               NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        for (int i = 0; i < (all ? 1 : n); i++) {
                sqlite3_reset(q);
                sqlite3_bind_int(q, 1, all ? -1 : meetings[i]);
                sqlite3_step(q);
        }
        sqlite3_finalize(q);
        return insert_docs(db, &TEMP, docs, err);
}

int store_search_write(struct store *st, bool temp, bool all, const int *meetings, int n,
                       const struct search_docs *docs, int64_t seq, struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        if (!db)
                return 0;
        if (run(db, temp ? "BEGIN" : "BEGIN IMMEDIATE", err) < 0)
                return -1;
        int rc;
        if (temp) {
                rc = write_temp(db, all, meetings, n, docs, err);
        } else {
                rc = all ? drop(db, &MAIN, err) : 0;
                if (rc == 0)
                        rc = create(db, &MAIN, err);
                if (rc == 0 && !all)
                        rc = delete_meetings(db, &MAIN, meetings, n, err);
                if (rc == 0)
                        rc = insert_docs(db, &MAIN, docs, err);
                if (rc == 0)
                        rc = meta_put(db, &MAIN, "seq", seq, err);
                if (rc == 0)
                        rc = meta_put(db, &MAIN, "version", SEARCH_INDEX_VERSION, err);
        }
        if (rc < 0) {
                struct pk_err e2 = {0};
                run(db, "ROLLBACK", &e2);
                return -1;
        }
        return run(db, "COMMIT", err);
}

static char *col(sqlite3_stmt *q, int i)
{
        const unsigned char *s = sqlite3_column_text(q, i);
        return s ? pk_xstrdup((const char *)s) : NULL;
}

static const char DOC_COLS[] = "d.scope, d.meeting, d.item, d.ruling, d.ref_meeting, d.kind,"
                               " d.body, d.date, d.outcome, d.rule, d.cite, d.title, d.case_id,"
                               " d.text, d.names";

static void read_doc(sqlite3_stmt *q, struct search_doc *d)
{
        const unsigned char *sc = sqlite3_column_text(q, 0);
        d->scope = sc ? (char)sc[0] : '?';
        d->meeting = sqlite3_column_int(q, 1);
        d->item = sqlite3_column_int(q, 2);
        d->ruling = sqlite3_column_int(q, 3);
        d->ref_meeting = sqlite3_column_int(q, 4);
        d->kind = col(q, 5);
        d->body = col(q, 6);
        d->date = col(q, 7);
        d->outcome = col(q, 8);
        d->rule = col(q, 9);
        d->cite = col(q, 10);
        d->title = col(q, 11);
        d->case_id = col(q, 12);
        d->text = col(q, 13);
        d->names = col(q, 14);
}

static struct search_hit *hit_add(struct search_hits *h)
{
        if (h->n == h->cap) {
                h->cap = h->cap ? h->cap * 2 : 16;
                h->v = pk_xrealloc(h->v, (size_t)h->cap * sizeof *h->v);
        }
        struct search_hit *x = &h->v[h->n++];
        memset(x, 0, sizeof *x);
        return x;
}

/*
 * The full text of the hits ranked first: their documents and snippets, in one query over
 * their ids (computing a snippet for every match before ranking would cost more than the
 * ranking itself). ids[i] gets its row in out->v[first + i].
 */
static int fill_hits(sqlite3 *db, const struct names *t, const char *match, const int64_t *ids,
                     int n, struct search_hits *out, int first, struct pk_err *err)
{
        for (int at = 0; at < n; at += 200) {
                int k = n - at < 200 ? n - at : 200;
                struct sb sql = {0};
                sb_addf(&sql,
                        "SELECT %s, snippet(%s, -1, '[', ']', '…', 14), %s.rowid"
                        " FROM %s.%s JOIN %s.%s d ON d.id = %s.rowid"
                        " WHERE %s MATCH ?1 AND %s.rowid IN (",
                        DOC_COLS, t->fts, t->fts, t->schema, t->fts, t->schema, t->docs, t->fts,
                        t->fts, t->fts);
                for (int i = 0; i < k; i++)
                        sb_add(&sql, i ? ", ?" : "?");
                sb_add(&sql, ")");
                sqlite3_stmt *q = NULL;
                int rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &q, NULL);
                sb_free(&sql);
                if (rc != SQLITE_OK)
                        return fail(db, err, _("search index"));
                sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
                for (int i = 0; i < k; i++)
                        sqlite3_bind_int64(q, i + 2, ids[at + i]);
                while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                        int64_t id = sqlite3_column_int64(q, 16);
                        for (int i = at; i < at + k; i++)
                                if (ids[i] == id) {
                                        struct search_hit *h = &out->v[first + i];
                                        read_doc(q, &h->d);
                                        h->snippet = col(q, 15);
                                }
                }
                sqlite3_finalize(q);
                if (rc != SQLITE_DONE)
                        return fail(db, err, _("search index"));
        }
        return 0;
}

/* Runs the query over one part (main without the meetings TEMP stands in for, or TEMP). */
static int query_part(sqlite3 *db, const struct names *t, bool exclude_temp,
                      const struct search_query *qq, int limit, struct search_hits *out,
                      struct pk_err *err)
{
        char sql[2000];
        const char *excl = exclude_temp ? " AND d.meeting NOT IN (SELECT meeting FROM"
                                          " temp.search_tstale)"
                                        : "";
        const char *filters = " d.scope IN ('A', ?2) AND (?3 IS NULL OR d.body = ?3)"
                              " AND (?4 IS NULL OR d.date >= ?4) AND (?5 IS NULL OR d.date <= ?5)"
                              " AND (?6 IS NULL OR d.kind = ?6)";
        /* the user's words in the text columns; the visibility (scope) is indexed too, so
         * that without other filters the ranking needs no join */
        struct sb words = {0}, match = {0};
        if (qq->match) {
                sb_addf(&words, "{title case_id text names} : (%s)", qq->match);
                sb_addf(&match, "(%s) AND scope : (a OR %s)", sb_str(&words),
                        qq->public_ ? "p" : "f");
        }
        bool plain = !exclude_temp && !qq->body && !qq->from && !qq->to && !qq->kind;
        if (qq->match && plain)
                snprintf(sql, sizeof sql,
                         "SELECT rowid, bm25(%s, 10.0, 6.0, 1.0, 2.0, 0.0) AS score FROM %s.%s"
                         " WHERE %s MATCH ?1 AND ?2 IS NOT NULL ORDER BY score LIMIT ?7",
                         t->fts, t->schema, t->fts, t->fts);
        else if (qq->match)
                /* the ranking first, over ids only */
                snprintf(sql, sizeof sql,
                         "SELECT %s.rowid, bm25(%s, 10.0, 6.0, 1.0, 2.0, 0.0) AS score"
                         " FROM %s.%s JOIN %s.%s d ON d.id = %s.rowid"
                         " WHERE %s MATCH ?1 AND%s%s ORDER BY score LIMIT ?7",
                         t->fts, t->fts, t->schema, t->fts, t->schema, t->docs, t->fts, t->fts,
                         filters, excl);
        else
                snprintf(sql, sizeof sql,
                         "SELECT %s, d.text, 0.0 FROM %s.%s d WHERE ?1 IS NULL AND%s%s"
                         " ORDER BY d.date, d.meeting, d.item, d.ruling LIMIT ?7",
                         DOC_COLS, t->schema, t->docs, filters, excl);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
                sb_free(&words);
                sb_free(&match);
                return fail(db, err, _("search index"));
        }
        bind_text(q, 1, qq->match ? sb_str(&match) : NULL);
        sqlite3_bind_text(q, 2, qq->public_ ? "P" : "F", -1, SQLITE_STATIC);
        bind_text(q, 3, qq->body);
        bind_text(q, 4, qq->from);
        bind_text(q, 5, qq->to);
        bind_text(q, 6, qq->kind);
        sqlite3_bind_int(q, 7, limit);
        int rc, first = out->n, cap = 0, n = 0;
        int64_t *ids = NULL;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                struct search_hit *h = hit_add(out);
                if (qq->match) {
                        if (n == cap) {
                                cap = cap ? cap * 2 : 64;
                                ids = pk_xrealloc(ids, (size_t)cap * sizeof *ids);
                        }
                        ids[n++] = sqlite3_column_int64(q, 0);
                        h->score = sqlite3_column_double(q, 1);
                } else {
                        read_doc(q, &h->d);
                        h->snippet = col(q, 15);
                        h->score = sqlite3_column_double(q, 16);
                }
        }
        if (rc != SQLITE_DONE) {
                /* an FTS5 syntax error is the user's query, not the database */
                pk_err_set(err, _("the query cannot be searched: %s"), sqlite3_errmsg(db));
                sqlite3_finalize(q);
                free(ids);
                sb_free(&words);
                sb_free(&match);
                return -1;
        }
        sqlite3_finalize(q);
        /* the snippets highlight the user's words only */
        rc = n ? fill_hits(db, t, sb_str(&words), ids, n, out, first, err) : 0;
        free(ids);
        sb_free(&words);
        sb_free(&match);
        return rc;
}

/* The council's decisions on ruling r of meeting m, as one line. */
static char *council_of(sqlite3 *db, bool have_main, bool have_temp, bool public_, int m, int r)
{
        struct sb s = {0};
        for (int part = 0; part < 2; part++) {
                const struct names *t = part ? &TEMP : &MAIN;
                if (part ? !have_temp : !have_main)
                        continue;
                char sql[600];
                snprintf(sql, sizeof sql,
                         "SELECT d.outcome, d.date, d.meeting, d.text FROM %s.%s d"
                         " WHERE d.kind = 'council' AND d.ref_meeting = ?1 AND d.ruling = ?2"
                         " AND d.scope IN ('A', ?3)%s ORDER BY d.date",
                         t->schema, t->docs,
                         part == 0 && have_temp ? " AND d.meeting NOT IN (SELECT meeting FROM"
                                                  " temp.search_tstale)"
                                                : "");
                sqlite3_stmt *q = NULL;
                if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
                        continue;
                sqlite3_bind_int(q, 1, m);
                sqlite3_bind_int(q, 2, r);
                sqlite3_bind_text(q, 3, public_ ? "P" : "F", -1, SQLITE_STATIC);
                while (sqlite3_step(q) == SQLITE_ROW) {
                        const char *o = (const char *)sqlite3_column_text(q, 0);
                        const char *dt = (const char *)sqlite3_column_text(q, 1);
                        const char *tx = (const char *)sqlite3_column_text(q, 3);
                        if (s.len)
                                sb_add(&s, "; ");
                        sb_addf(&s, _("%s by the council on %s (meeting %d)"),
                                o && !strcmp(o, "upheld") ? _("upheld") : _("overturned"),
                                dt ? dt : "", sqlite3_column_int(q, 2));
                        if (tx && *tx)
                                sb_addf(&s, ": %s", tx);
                }
                sqlite3_finalize(q);
        }
        if (!s.len) {
                sb_free(&s);
                return NULL;
        }
        return s.s;
}

static int cmp_hit(const void *a, const void *b)
{
        const struct search_hit *x = a, *y = b;
        if (x->score != y->score)
                return x->score < y->score ? -1 : 1;
        int c = strcmp(x->d.date ? x->d.date : "", y->d.date ? y->d.date : "");
        if (c)
                return c;
        if (x->d.meeting != y->d.meeting)
                return x->d.meeting - y->d.meeting;
        if (x->d.item != y->d.item)
                return x->d.item - y->d.item;
        return x->d.ruling - y->d.ruling;
}

int store_search_query(struct store *st, const struct search_query *q, struct search_hits *out,
                       struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        if (!db)
                return 0;
        int limit = q->limit > 0 ? q->limit : 50;
        bool have_temp = table_exists(db, "temp", "search_tstale");
        bool temp_all = false;
        if (have_temp) {
                sqlite3_stmt *s = NULL;
                if (sqlite3_prepare_v2(db, "SELECT 1 FROM temp.search_tstale WHERE meeting = -1",
                                       -1, &s, NULL) == SQLITE_OK)
                        temp_all = sqlite3_step(s) == SQLITE_ROW;
                sqlite3_finalize(s);
        }
        bool have_main =
            !temp_all && table_exists(db, "main", MAIN.docs) && table_exists(db, "main", MAIN.fts);
        if (have_main && query_part(db, &MAIN, have_temp, q, limit, out, err) < 0)
                return -1;
        if (have_temp && query_part(db, &TEMP, false, q, limit, out, err) < 0)
                return -1;
        if (have_main && have_temp) {
                /* two parts: merge by score (their bm25 figures come from different corpora,
                 * a small difference from one index) */
                qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_hit);
                if (!q->match) {
                        /* a listing: by date */
                        for (int i = 0; i < out->n; i++)
                                out->v[i].score = 0;
                        qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_hit);
                }
                while (out->n > limit)
                        search_hit_free(&out->v[--out->n]);
        }
        for (int i = 0; i < out->n; i++)
                if (out->v[i].d.kind && !strcmp(out->v[i].d.kind, "ruling"))
                        out->v[i].council = council_of(db, have_main, have_temp, q->public_,
                                                       out->v[i].d.meeting, out->v[i].d.ruling);
        return 0;
}

int store_search_load(struct store *st, struct search_docs *out, struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        if (!db)
                return 0;
        char sql[400];
        snprintf(sql, sizeof sql, "SELECT %s FROM main.search_docs d", DOC_COLS);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
                return fail(db, err, _("search index"));
        int rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW)
                read_doc(q, search_docs_add(out));
        sqlite3_finalize(q);
        return rc == SQLITE_DONE ? 0 : fail(db, err, _("search index"));
}

/*
 * FTS5's index must hold exactly the tokens of the documents. A read-only connection cannot
 * run FTS5's integrity-check, so the index is compared with one built afresh from the stored
 * documents in TEMP: every (term, document, column, offset) of either must be in the other.
 */
int store_search_integrity(struct store *st, struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        if (!db)
                return 0;
        if (run(db,
                "DROP TABLE IF EXISTS temp.search_vmain; DROP TABLE IF EXISTS temp.search_vcheck;"
                "DROP TABLE IF EXISTS temp.search_check;"
                "CREATE VIRTUAL TABLE temp.search_check USING fts5(title, case_id, text, names, "
                "scope,"
                " tokenize='unicode61 remove_diacritics 0');"
                "INSERT INTO temp.search_check (rowid, title, case_id, text, names, scope)"
                " SELECT id, title, case_id, text, names, scope FROM main.search_docs;"
                "CREATE VIRTUAL TABLE temp.search_vmain USING fts5vocab(main, search_fts,"
                " instance);"
                "CREATE VIRTUAL TABLE temp.search_vcheck USING fts5vocab(temp, search_check,"
                " instance);",
                err) < 0)
                return -1;
        sqlite3_stmt *q = NULL;
        int diff = -1;
        if (sqlite3_prepare_v2(db,
                               "SELECT (SELECT count(*) FROM (SELECT term, doc, col, offset FROM"
                               " temp.search_vmain EXCEPT SELECT term, doc, col, offset FROM"
                               " temp.search_vcheck)) + (SELECT count(*) FROM (SELECT term, doc,"
                               " col, offset FROM temp.search_vcheck EXCEPT SELECT term, doc, col,"
                               " offset FROM temp.search_vmain))",
                               -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
                diff = sqlite3_column_int(q, 0);
        const char *msg = sqlite3_errmsg(db);
        char why[300];
        snprintf(why, sizeof why, "%s", msg);
        sqlite3_finalize(q);
        struct pk_err e2 = {0};
        run(db,
            "DROP TABLE IF EXISTS temp.search_vmain; DROP TABLE IF EXISTS temp.search_vcheck;"
            "DROP TABLE IF EXISTS temp.search_check;",
            &e2);
        if (diff < 0) {
                pk_err_set(err, _("the search index cannot be read: %s"), why);
                return -1;
        }
        if (diff > 0) {
                pk_err_set(err,
                           _("the search index (search_fts) does not match its documents "
                             "(%d entries differ)"),
                           diff);
                return -1;
        }
        return 0;
}

int store_ruling_exists(struct store *st, int meeting, int ruling)
{
        sqlite3 *db = store_sqlite(st);
        if (!db)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, "SELECT 1 FROM rulings WHERE meeting = ?1 AND ruling = ?2", -1,
                               &q, NULL) != SQLITE_OK)
                return -1;
        sqlite3_bind_int(q, 1, meeting);
        sqlite3_bind_int(q, 2, ruling);
        int rc = sqlite3_step(q);
        sqlite3_finalize(q);
        return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

bool store_search_writable(struct store *st)
{
        return store_writable(st);
}

int store_item_counts(struct store *st, int **counts, int *n, struct pk_err *err)
{
        sqlite3 *db = store_sqlite(st);
        *counts = NULL;
        *n = 0;
        if (!db)
                return 0;
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, "SELECT meeting, count(*) FROM items GROUP BY meeting", -1, &q,
                               NULL) != SQLITE_OK)
                return fail(db, err, _("cannot read the items"));
        int rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                int m = sqlite3_column_int(q, 0);
                if (m < 1 || m > 1000000)
                        continue;
                if (m > *n) {
                        *counts = pk_xrealloc(*counts, (size_t)m * sizeof **counts);
                        for (int i = *n; i < m; i++)
                                (*counts)[i] = 0;
                        *n = m;
                }
                (*counts)[m - 1] = sqlite3_column_int(q, 1);
        }
        sqlite3_finalize(q);
        return rc == SQLITE_DONE ? 0 : fail(db, err, _("cannot read the items"));
}

void store_search_drop_temp(struct store *st)
{
        sqlite3 *db = store_sqlite(st);
        struct pk_err e = {0};
        if (db && table_exists(db, "temp", "search_tstale")) {
                drop(db, &TEMP, &e);
                run(db, "DROP TABLE IF EXISTS temp.search_tstale", &e);
        }
}
