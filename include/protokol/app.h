/*
 * app.h - the action layer: the one place that turns a request (a script line, a key in
 * the UI, an import row) into an engine call, records the accepted action durably, and
 * only then reports success. The UI and scripts never touch the engine or store directly.
 */
#ifndef PROTOKOL_APP_H
#define PROTOKOL_APP_H

#include <stdbool.h>

#include "protokol/engine.h"
#include "protokol/store.h"
#include "protokol/util.h"

struct app;

enum app_result {
        AR_OK = 0,     /* accepted and committed (or a query answered) */
        AR_DENIED = 1, /* refused by the rules; nothing changed */
        AR_ERROR = 2,  /* malformed or invalid request; nothing changed */
        AR_IO = 3,     /* the database failed; nothing was recorded */
        AR_EMPTY = 4,  /* a blank or comment line */
};

/*
 * Opens the database at path (creating it) and rebuilds the state by replaying the
 * record. read_only opens it as a follower. Returns 0, or -1 with err set.
 */
int app_open(const char *path, bool read_only, struct app **out, struct pk_err *err);
/*
 * The same, but replaying every event: app_open leaves out the inner events of signed and
 * locked meetings (they cannot change), so such a meeting is marked partial; exports of it
 * and verify need the full replay.
 */
int app_open_full(const char *path, bool read_only, struct app **out, struct pk_err *err);
/*
 * Reloads a's state with meeting (id) in full although it is archived (a view of a past
 * meeting): the open stays flat, as only that meeting's events are replayed beside the live
 * ones. 0, or -1 with err (the state is then as it was).
 */
int app_load_meeting(struct app *a, int meeting, struct pk_err *err);
void app_close(struct app **a);

/*
 * Executes one script line (len bytes, no newline). Writes the result line, without a
 * trailing newline, into out: "ok: ...", "denied: ... (§ N, stk. M)", "error: line N: ...",
 * or for status/allowed several lines. An ok is written only after its event is committed.
 */
enum app_result app_exec(struct app *a, const char *line, size_t len, int lineno, struct sb *out);

/* The answer to one line, in parts (what app_exec renders as one line). */
struct app_reply {
        enum app_result result;
        enum pk_verb verb; /* the line's verb (V_BODY when it did not parse: see result) */
        bool query;        /* status or allowed: text is the answer, several lines */
        int lineno;        /* an error about the line: its number (0: typed); -1: another error */
        enum rule_id
            rule;       /* refused under a rule of the body's profile: that rule; else R__COUNT */
        char cite[48];  /* that rule's citation, "" where none */
        struct sb text; /* the message alone: no "ok: "/"denied: "/"error: " and no citation */
};
void app_reply_free(struct app_reply *r);
/* The script form: "ok: TEXT", "denied: TEXT (CITE)", "error: line N: TEXT", or the answer. */
void app_reply_render(const struct app_reply *r, struct sb *out);
/* app_exec, answering in parts (for the UI, which shows them without reading text back). */
enum app_result app_exec_reply(struct app *a, const char *line, size_t len, int lineno,
                               struct app_reply *out);

/*
 * Executes n lines as one unit: every line is accepted and all are committed in one
 * transaction, or nothing is recorded and out holds the first line's refusal (named by
 * linenos[i]). status, allowed and undo cannot be part of a batch.
 */
enum app_result app_exec_batch(struct app *a, const char *const *lines, const int *linenos, int n,
                               struct sb *out);

/* The state as it stands (read-only for callers). */
const struct pk_state *app_state(const struct app *a);
struct store *app_store(struct app *a);

/*
 * Checks the record: the hash chain, the replay, and every derived table against the
 * replayed state. Returns 0 with a summary in report, or -1 with err naming the first
 * event or row that does not match.
 */
int app_verify(struct app *a, struct sb *report, struct pk_err *err);

/*
 * verify --head N:HASH, on the record whose chain has been checked: event N must have that
 * hash; the events after it are reported by meeting (in report, one line); they must not
 * belong to a meeting that was signed and locked at event N. 0, or -1 with err.
 */
int app_verify_head(struct store *st, long long seq, const char *hex, struct sb *report,
                    struct pk_err *err);

/*
 * Renders the minutes of meeting (1-based) with the record's corrections and chain head.
 * format: 0 md, 1 txt, 2 html (enum minutes_format). Returns 0, or -1 with err set.
 */
int app_export_minutes(struct app *a, int meeting, int format, bool public_, struct sb *out,
                       struct pk_err *err);
/* Writes the CSV export named what (votes, member-votes, attendance) of meeting. */
int app_export_csv(struct app *a, int meeting, const char *what, bool public_, struct sb *out,
                   struct pk_err *err);

/*
 * The same in a chosen language: lang "da" or "en", or NULL for the body's (its profile's
 * language key). The translation is switched for the rendering only (pk_use_language).
 * format 3 is PDF.
 */
int app_export_minutes_lang(struct app *a, int meeting, int format, bool public_, const char *lang,
                            struct sb *out, struct pk_err *err);
/* The language a meeting's exports are written in by default (its body's). */
/* The register of body (NULL: the current one) as of day (export members --date): CSV. */
int app_export_members(struct app *a, const char *body, pk_day day, bool excel, struct sb *out,
                       struct pk_err *err);
int app_export_language(struct app *a, int meeting, const char **lang, struct pk_err *err);

enum { CSV_STYLE_AUTO, CSV_STYLE_CSV, CSV_STYLE_EXCEL };
/*
 * A CSV export in a style: CSV_STYLE_CSV (RFC 4180: comma, CRLF, UTF-8 without BOM, English
 * headers), CSV_STYLE_EXCEL (as Danish Excel opens it: UTF-8 with BOM, semicolons, CRLF,
 * Danish headers and words), or CSV_STYLE_AUTO (Excel when the language, lang or the body's,
 * is Danish). Cells that a spreadsheet would read as a formula are neutralised in both.
 */
int app_export_csv_style(struct app *a, int meeting, const char *what, bool public_,
                         const char *lang, int style, struct sb *out, struct pk_err *err);

/* Re-reads the record if another process appended to it; true if the state changed. */
bool app_refresh(struct app *a, struct pk_err *err);

#endif
