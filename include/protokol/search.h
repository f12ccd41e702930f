/*
 * search.h - full-text search over every meeting of the record.
 *
 * The index is derived from the record, like the derived tables: one document per agenda
 * item (its title, case number, proposals and amendments, decision, dissents, elections and
 * the names of proposers and dissenters), per ruling of the chair and per council decision
 * on a ruling. An item treated behind closed doors has two documents: the full one, and the
 * public one that holds only what the public minutes show (its number, public title and
 * the public wording of its decision). The index lives in the database (tables
 * search_docs, search_fts and search_meta) with the event seq it reflects; see README.md,
 * "Search", for how it is kept current.
 */
#ifndef PROTOKOL_SEARCH_H
#define PROTOKOL_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "protokol/engine.h"
#include "protokol/store.h"
#include "protokol/util.h"

/* Bump when the documents built from a state change shape: the index is then rebuilt. */
#define SEARCH_INDEX_VERSION 2

struct search_doc {
        char scope;      /* 'A' the same in full and public, 'F' full only, 'P' public only */
        int meeting;     /* the meeting's id (1-based, as --meeting takes it) */
        int item;        /* the item's number, 0 at meeting level */
        int ruling;      /* a ruling's number (for a council decision: the ruling decided) */
        int ref_meeting; /* a council decision: the meeting of the ruling; else 0 */
        char *kind;      /* "item", "ruling" or "council" */
        char *body, *date, *outcome, *rule, *cite;
        char *title, *case_id, *text, *names; /* the indexed columns */
};

struct search_docs {
        struct search_doc *v;
        int n, cap;
};

struct search_doc *search_docs_add(struct search_docs *d);
void search_docs_free(struct search_docs *d);
/* Sorts by meeting, kind, item, ruling, scope (the order verify compares in). */
void search_docs_sort(struct search_docs *d);
bool search_doc_equal(const struct search_doc *a, const struct search_doc *b);

/* The documents of meeting mi (an index into s->meetings; its details must be loaded). */
void search_docs_meeting(const struct pk_state *s, int mi, struct search_docs *out);

struct search_query {
        const char *match;     /* an FTS5 expression (search_match_expr), or NULL for none */
        bool public_;          /* only what the public minutes show */
        const char *body;      /* the body's name, or NULL */
        const char *from, *to; /* YYYY-MM-DD bounds (inclusive), or NULL */
        const char *kind;      /* only documents of this kind ("ruling"), or NULL */
        int limit;             /* at most this many hits (0: 50) */
};

struct search_hit {
        struct search_doc d; /* title holds the title shown (the public one when public) */
        char *snippet;       /* what matched, the match in [ ] */
        char *council;       /* for a ruling: the council's decision on it, or NULL */
        double score;        /* bm25: lower is better */
};

struct search_hits {
        struct search_hit *v;
        int n, cap;
};
void search_hits_free(struct search_hits *h);
void search_hit_free(struct search_hit *h); /* its strings */

/*
 * Turns what the user typed into an FTS5 expression: words (all must match), "phrases",
 * prefix* words and OR; everything else is quoted, so no input is a syntax error.
 * Returns 0, or -1 when the query holds no word.
 */
int search_match_expr(const char *query, struct sb *out);

/* --- the index in the store (src/store/search.c) --- */

/* Whether the index exists whole, the seq it reflects and its version. 0 or -1 with err. */
int store_search_info(struct store *st, bool *present, int64_t *seq, int *version,
                      struct pk_err *err);
/* The meetings (ids) of the events after seq: those whose documents may have changed. */
int store_search_changed(struct store *st, int64_t seq, int **meetings, int *n, struct pk_err *err);
/*
 * Replaces the documents of the given meetings (every document when all) with docs and
 * records seq and version, in one transaction. temp: in TEMP tables of this connection
 * (a reader that may not write), which then stand in for those meetings in queries.
 */
int store_search_write(struct store *st, bool temp, bool all, const int *meetings, int n,
                       const struct search_docs *docs, int64_t seq, struct pk_err *err);
/* Forgets the TEMP part (the stored index has caught up). */
void store_search_drop_temp(struct store *st);
/* Runs a query over the index (and the TEMP part, if written), best first. */
int store_search_query(struct store *st, const struct search_query *q, struct search_hits *out,
                       struct pk_err *err);
/* Every stored document (for verify), and FTS5's own check of its index. */
int store_search_load(struct store *st, struct search_docs *out, struct pk_err *err);
int store_search_integrity(struct store *st, struct pk_err *err);
/* Whether the record's rulings table holds ruling n of meeting (1 yes, 0 no, -1 error). */
int store_ruling_exists(struct store *st, int meeting, int ruling);

/* Whether this store may write the index (else a reader's TEMP part is used). */
bool store_search_writable(struct store *st);

/* --- the app layer (src/app/search.c) --- */
struct app;
struct action;

/*
 * Brings the index up to date with the record (a: an app open on path; its state is used
 * where it holds the meetings' details, else the record is replayed in full read-only).
 * only_if_present: refresh an existing index only (a writer's exit). 0 or -1 with err.
 */
int app_search_update(struct app *a, const char *path, bool only_if_present, struct pk_err *err);
/* Updates the index and runs q. */
int app_search_query(struct app *a, const char *path, const struct search_query *q,
                     struct search_hits *out, struct pk_err *err);
/* verify's part: the index equals a rebuild from the (fully replayed) state of a. */
int app_search_verify(struct app *a, struct sb *report, struct pk_err *err);
/* ruling-decided with meeting= an earlier meeting: the ruling must be in the record.
 * 0, or -1 with "error: line N: ..." in out. */
int app_check_ruling_ref(struct app *a, const struct action *act, struct sb *why);

/*
 * `protokol search`: the whole command (arguments after "search"). Returns the exit status:
 * 0 hits found, 1 none (or a bad query), 2 usage, 3 the database failed.
 */
int search_cli(const char *db, int argc, char **argv);

/* A hit's outcome in words (from the coded outcome of its document). */
void search_outcome_words(const struct search_hit *h, struct sb *out);

#endif
