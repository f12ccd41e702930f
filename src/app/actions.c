/*
 * actions.c - the action layer: parse a request, let the engine judge it, record the
 * accepted action in one committed transaction, and only then report "ok".
 *
 * The state is never kept anywhere but in the record: opening a database replays its
 * events through the same engine. An undo appends a retraction and rebuilds the state
 * from the record without the retracted action.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>

#include "protokol/app.h"
#include "protokol/search.h"
#include "protokol/fileio.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/rows.h"
#include "protokol/script.h"

struct app {
        struct store *st;
        struct pk_state *s;
        int64_t seen; /* last event seq applied */
        bool read_only;
        bool full;   /* replay every event (for exports and verify), not only what resuming needs */
        int include; /* a meeting (id) loaded in full although archived (a view of it), or 0 */
};

const struct pk_state *app_state(const struct app *a)
{
        return a->s;
}

struct store *app_store(struct app *a)
{
        return a->st;
}

/* The time an action is recorded: the clock, or PROTOKOL_NOW for reproducible runs. */
static void now_iso(char buf[32])
{
        const char *fixed = getenv("PROTOKOL_NOW");
        if (fixed && strlen(fixed) == 19) {
                pk_strlcpy(buf, fixed, 32);
                return;
        }
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* The profile file's text, as recorded with its body. NULL with err. */
static char *read_profile_text(const char *path, struct pk_err *err)
{
        static const struct pk_input profile_input = {N_("the profile"), N_("a profile file"),
                                                      1024 * 1024};
        char *s;
        size_t n;
        return pk_read_file(path, &profile_input, &s, &n, err) < 0 ? NULL : s;
}

/* Parses a recorded event's line back into an action. 0, or -1 with err. */
static int parse_event(const struct event *e, struct action *act, struct pk_err *err)
{
        struct pk_err perr = {0};
        if (script_parse_line(e->line, strlen(e->line), act, &perr) != SP_ACTION) {
                pk_err_set(err, _("event %lld cannot be read back: %s"), (long long)e->seq,
                           perr.msg);
                return -1;
        }
        return 0;
}

/*
 * Applies one recorded event to the state during replay, under the same rules as live: the
 * engine judges it again and must accept it, and (check_archive) the archive summaries it
 * wrote must be the ones recorded with it.
 */
static int replay_one(struct app *a, const struct event *e, bool check_archive, struct pk_err *err)
{
        struct action act;
        if (parse_event(e, &act, err) < 0)
                return -1;
        struct pk_err perr = {0};
        struct profile *prof = NULL;
        if (act.verb == V_BODY && e->attachment) {
                prof = pk_xmalloc(sizeof *prof);
                if (profile_parse(e->attachment, "recorded profile", prof, &perr) < 0) {
                        pk_err_set(err, _("event %lld: its recorded profile does not load: %s"),
                                   (long long)e->seq, perr.msg);
                        free(prof);
                        action_free(&act);
                        return -1;
                }
        }
        struct engine_input in = {.action = &act,
                                  .time = e->at,
                                  .profile = prof,
                                  .replay = true,
                                  .recorded_meeting = e->meeting};
        struct pk_reply rep = {0};
        enum pk_result r = engine_apply(a->s, &in, &rep);
        int rc = 0;
        if (r != PK_OK) {
                struct sb why = {0};
                pk_reply_render(&rep, &why);
                pk_err_set(err, _("event %lld (%s) does not replay: %s"), (long long)e->seq,
                           e->line, sb_str(&why));
                sb_free(&why);
                rc = -1;
        } else if (a->s->event_meeting != e->meeting) {
                pk_err_set(err,
                           _("event %lld (%s) is recorded under meeting %d, but belongs to "
                             "meeting %d"),
                           (long long)e->seq, e->line, e->meeting, a->s->event_meeting);
                rc = -1;
        } else if (check_archive && act.verb != V_BODY &&
                   strcmp(sb_str(&a->s->archive), e->attachment ? e->attachment : "") != 0) {
                pk_err_set(err,
                           _("event %lld (%s): the archived meetings recorded with it are "
                             "not the ones the record gives"),
                           (long long)e->seq, e->line);
                rc = -1;
        }
        pk_reply_free(&rep);
        free(prof);
        action_free(&act);
        return rc;
}

/*
 * The rules an undo obeys live, checked again when it is replayed: it retracts the last
 * action that is neither an undo nor retracted (check_undo_order, over the events alone),
 * of the same meeting, and never one of a meeting that is signed, nor the signature that
 * locked it (check_undo_lock, against the state at the undo's place).
 */
static int check_undo_order(const struct event *evs, int n, struct pk_err *err)
{
        int *stack = pk_xcalloc((size_t)n + 1, sizeof *stack);
        int depth = 0, rc = 0;
        for (int i = 0; i < n && rc == 0; i++) {
                if (evs[i].retracts <= 0) {
                        stack[depth++] = i;
                        continue;
                }
                const struct event *u = &evs[i];
                const struct event *t = depth > 0 && evs[stack[depth - 1]].seq == u->retracts
                                            ? &evs[stack[depth - 1]]
                                            : NULL;
                if (!t) {
                        pk_err_set(err,
                                   _("event %lld retracts event %lld, which is not the last action "
                                     "then"),
                                   (long long)u->seq, (long long)u->retracts);
                        rc = -1;
                } else if (u->meeting != t->meeting) {
                        pk_err_set(err,
                                   _("event %lld retracts an action of meeting %d but is recorded "
                                     "under meeting %d"),
                                   (long long)u->seq, t->meeting, u->meeting);
                        rc = -1;
                } else {
                        depth--;
                }
        }
        free(stack);
        return rc;
}

static int check_undo_lock(struct app *a, const struct event *u, const struct event *t,
                           struct pk_err *err)
{
        const struct pk_state *s = a->s;
        struct action act;
        struct pk_err pe = {0};
        bool is_sign = !strcmp(t->verb, "sign") && parse_event(t, &act, &pe) == 0;
        struct pk_reply rep = {0};
        enum pk_result r = engine_undo_check(
            s, t->meeting - 1, is_sign && act.npos > 0 ? act.pos[0].text : NULL, &rep);
        pk_reply_free(&rep);
        if (is_sign)
                action_free(&act);
        if (r != PK_OK) {
                pk_err_set(err,
                           _("event %lld retracts event %lld of meeting %d, which was "
                             "signed and locked"),
                           (long long)u->seq, (long long)t->seq, t->meeting);
                return -1;
        }
        return 0;
}

/* The position of the event numbered seq among evs[0..n) (ordered), or -1. */
static int find_seq(const struct event *evs, int n, int64_t seq)
{
        int lo = 0, hi = n - 1;
        while (lo <= hi) {
                int mid = (lo + hi) / 2;
                if (evs[mid].seq == seq)
                        return mid;
                if (evs[mid].seq < seq)
                        lo = mid + 1;
                else
                        hi = mid - 1;
        }
        return -1;
}

/*
 * Replays evs (in order) into a new state: undos and what they retract are left out, after
 * checking each undo as live would. track_last: record the touched-set of the last event
 * applied. exclude: an event to leave out as if retracted (0: none).
 */
static int replay_events(struct app *a, struct event *evs, int n, int64_t exclude,
                         bool check_archive, bool track_last, struct pk_err *err)
{
        if (check_undo_order(evs, n, err) < 0)
                return -1;
        char *retracted = pk_xcalloc((size_t)n + 1, 1);
        for (int i = 0; i < n; i++) {
                int t = evs[i].retracts > 0 ? find_seq(evs, i, evs[i].retracts) : -1;
                if (t >= 0)
                        retracted[t] = 1;
        }
        int last = -1, rc = 0;
        for (int i = n - 1; i >= 0; i--)
                if (evs[i].retracts <= 0 && !retracted[i] && evs[i].seq != exclude) {
                        last = i;
                        break;
                }
        for (int i = 0; i < n && rc == 0; i++) {
                if (evs[i].retracts > 0) {
                        int t = find_seq(evs, i, evs[i].retracts);
                        if (t >= 0)
                                rc = check_undo_lock(a, &evs[i], &evs[t], err);
                        continue;
                }
                if (retracted[i] || evs[i].seq == exclude)
                        continue;
                a->s->touched.track = track_last && i == last;
                rc = replay_one(a, &evs[i], check_archive, err);
                a->s->touched.track = false;
        }
        free(retracted);
        return rc;
}

/* Leaves meeting id's line out of the archive summaries text (its events are loaded). */
static void drop_summary(struct sb *text, int id)
{
        struct sb out = {0};
        char pre[24];
        int n = snprintf(pre, sizeof pre, "%d\t", id);
        for (const char *p = sb_str(text); *p;) {
                const char *e = strchr(p, '\n');
                size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
                if (strncmp(p, pre, (size_t)n) != 0)
                        sb_addn(&out, p, len);
                p += len;
        }
        sb_free(text);
        *text = out;
}

/*
 * Loads the state from the record. In full mode every event is replayed (exports, verify).
 * Otherwise the archived meetings are restored from the summaries recorded when they were
 * archived, and only the events of the body and of meetings not archived are replayed: a
 * handful of index lookups, whatever the years behind. Both give the same state (archive.c).
 */
static int load_state(struct app *a, int64_t exclude, bool track_last, struct pk_state **out,
                      struct pk_err *err)
{
        struct pk_state *s = engine_new();
        s->keep_detail = a->full || a->include > 0;
        struct pk_state *saved = a->s;
        a->s = s;
        struct event *evs = NULL;
        int n = 0, rc = 0;
        if (a->full) {
                rc = store_load(a->st, &evs, &n, err);
        } else {
                struct sb arch = {0}, why = {0};
                rc = store_load_archives(a->st, exclude, &arch, err) < 0 ? -1 : 0;
                if (rc == 0 && a->include > 0)
                        drop_summary(&arch, a->include);
                if (rc == 0 && engine_restore_archive(s, sb_str(&arch), &why) < 0) {
                        pk_err_set(err, _("the archived meetings: %s"), sb_str(&why));
                        rc = -1;
                }
                sb_free(&why);
                sb_free(&arch);
                int max = rc == 0 ? store_max_meeting(a->st, err) : -1;
                if (max < 0)
                        rc = -1;
                if (rc == 0) {
                        int *ids = pk_xcalloc((size_t)max + 2, sizeof *ids), nids = 0;
                        for (int id = 0; id <= max; id++)
                                if (id == 0 || id > s->nmeetings || !s->meetings[id - 1].archived)
                                        ids[nids++] = id;
                        rc = store_load_meetings(a->st, ids, nids, &evs, &n, err);
                        free(ids);
                }
        }
        if (rc == 0)
                rc = replay_events(a, evs, n, exclude, a->full, track_last, err);
        if (rc == 0 && engine_has_holes(s)) {
                pk_err_set(err, _("the record names a meeting whose creation is missing"));
                rc = -1;
        }
        store_events_free(evs, n);
        a->s = saved;
        if (rc < 0) {
                engine_free(&s);
                return -1;
        }
        *out = s;
        return 0;
}

/* Rebuilds the state from the record, leaving out the event numbered exclude (0: none). */
static int rebuild_excluding(struct app *a, int64_t exclude, struct pk_err *err)
{
        struct pk_state *s;
        if (load_state(a, exclude, false, &s, err) < 0)
                return -1;
        engine_free(&a->s);
        a->s = s;
        a->seen = store_last_seq(a->st);
        return 0;
}

static int rebuild(struct app *a, struct pk_err *err)
{
        return rebuild_excluding(a, 0, err);
}

static int app_open_mode(const char *path, bool read_only, bool full, struct app **out,
                         struct pk_err *err);

/* Renders the rows of units[0..n) from s into rows, unit after unit; *nrows (allocated)
 * gets how many rows each unit has. */
static void render_units(const struct pk_state *s, const struct dt_unit *units, int n,
                         struct dt_rows *rows, int **nrows)
{
        *nrows = pk_xcalloc((size_t)n + 1, sizeof **nrows);
        for (int i = 0; i < n; i++) {
                int before = rows->n;
                dt_rows_unit(s, &units[i], rows);
                (*nrows)[i] = rows->n - before;
        }
}

int app_open(const char *path, bool read_only, struct app **out, struct pk_err *err)
{
        return app_open_mode(path, read_only, false, out, err);
}

int app_open_full(const char *path, bool read_only, struct app **out, struct pk_err *err)
{
        return app_open_mode(path, read_only, true, out, err);
}

int app_load_meeting(struct app *a, int meeting, struct pk_err *err)
{
        int was = a->include;
        a->include = meeting;
        if (rebuild(a, err) < 0) {
                a->include = was;
                return -1;
        }
        return 0;
}

static int app_open_mode(const char *path, bool read_only, bool full, struct app **out,
                         struct pk_err *err)
{
        struct app *a = pk_xcalloc(1, sizeof *a);
        a->read_only = read_only;
        a->full = full;
        a->s = engine_new();
        if (store_open(path, read_only ? STORE_READ : STORE_WRITE, &a->st, err) < 0) {
                engine_free(&a->s);
                free(a);
                return -1;
        }
        if (rebuild(a, err) < 0) {
                app_close(&a);
                return -1;
        }
        *out = a;
        return 0;
}

void app_close(struct app **ap)
{
        struct app *a = *ap;
        if (!a)
                return;
        store_close(&a->st);
        engine_free(&a->s);
        free(a);
        *ap = NULL;
}

bool app_refresh(struct app *a, struct pk_err *err)
{
        if (store_last_seq(a->st) == a->seen)
                return false;
        return rebuild(a, err) == 0;
}

/* ---------- the answer to a line ---------- */

void app_reply_free(struct app_reply *r)
{
        sb_free(&r->text);
        memset(r, 0, sizeof *r);
        r->rule = R__COUNT;
}

static enum app_result reply_set(struct app_reply *r, enum app_result res, int lineno,
                                 const char *fmt, va_list ap)
{
        sb_clear(&r->text);
        sb_vaddf(&r->text, fmt, ap);
        r->result = res;
        r->lineno = lineno;
        return res;
}

/* An error about line lineno (0: typed, -1: not about a line), nothing changed. */
static enum app_result reply_error(struct app_reply *r, enum app_result res, int lineno,
                                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum app_result reply_error(struct app_reply *r, enum app_result res, int lineno,
                                   const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        reply_set(r, res, lineno, fmt, ap);
        va_end(ap);
        return res;
}

/* A refusal under rule (R__COUNT: none) of profile p. */
static enum app_result reply_denied(struct app_reply *r, const struct profile *p, enum rule_id rule,
                                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum app_result reply_denied(struct app_reply *r, const struct profile *p, enum rule_id rule,
                                    const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        reply_set(r, AR_DENIED, -1, fmt, ap);
        va_end(ap);
        r->rule = rule;
        pk_rule_cite(p, rule, r->cite, sizeof r->cite);
        return AR_DENIED;
}

static enum app_result reply_ok(struct app_reply *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static enum app_result reply_ok(struct app_reply *r, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        reply_set(r, AR_OK, -1, fmt, ap);
        va_end(ap);
        return AR_OK;
}

void app_reply_render(const struct app_reply *r, struct sb *out)
{
        const char *t = sb_str(&r->text);
        switch (r->result) {
        case AR_EMPTY:
                break;
        case AR_OK:
                if (r->query)
                        sb_add(out, t);
                else
                        sb_addf(out, "ok: %s", t);
                break;
        case AR_DENIED:
                sb_addf(out, "denied: %s", t);
                if (r->cite[0])
                        sb_addf(out, " (%s)", r->cite);
                break;
        case AR_ERROR:
        case AR_IO:
                if (r->lineno >= 0)
                        sb_addf(out, _("error: line %d: %s"), r->lineno, t);
                else
                        sb_addf(out, _("error: %s"), t);
                break;
        }
}

static enum app_result record(struct app *a, const struct action *act, const char *at,
                              const char *result, const char *attachment, int64_t retracts,
                              int meeting, const struct dt_write *w, struct app_reply *out)
{
        struct event ev = {0};
        ev.at = (char *)at;
        ev.verb = (char *)pk_verb_info[act->verb].name;
        ev.line = act->text;
        ev.result = (char *)result;
        ev.attachment = (char *)attachment;
        ev.retracts = retracts;
        ev.meeting = meeting;
        struct pk_err err = {0};
        if (store_append(a->st, &ev, w, &err) < 0) {
                char buf[1024];
                pk_err_format(&err, buf, sizeof buf);
                reply_error(out, AR_IO, -1, _("the action was not recorded: %s"), buf);
                /* the state went ahead of the record: bring it back */
                struct pk_err e2 = {0};
                rebuild(a, &e2);
                return AR_IO;
        }
        a->seen = ev.seq;
        return AR_OK;
}

/*
 * undo: retracts the last action that is neither an undo nor retracted, with a new event
 * of that action's meeting. The rows it rewrites are exactly those the retracted action
 * touched, rendered from the state without it.
 */
static enum app_result do_undo(struct app *a, const struct action *act, const char *at,
                               struct app_reply *out)
{
        struct pk_err err = {0};
        struct event t;
        int found = store_last_live(a->st, &t, &err);
        if (found < 0) {
                return reply_error(out, AR_IO, -1, "%s", err.msg);
        }
        if (found == 0)
                return reply_denied(out, NULL, R__COUNT, "%s", _("there is nothing to undo"));
        struct pk_reply rep = {0};
        if (engine_undo_check(a->s, t.meeting - 1, NULL, &rep) != PK_OK) {
                reply_denied(out, NULL, R__COUNT, "%s", sb_str(&rep.msg));
                out->rule = rep.rule;
                pk_strlcpy(out->cite, rep.cite, sizeof out->cite);
                pk_reply_free(&rep);
                store_event_clear(&t);
                return AR_DENIED;
        }
        pk_reply_free(&rep);
        struct sb res = {0};
        sb_addf(&res, _("retracted %lld: %s"), (long long)t.seq, t.line);
        /* what the retracted action touched: replay it last, tracking */
        struct pk_state *with = NULL;
        enum app_result r = AR_OK;
        if (load_state(a, 0, true, &with, &err) < 0 || rebuild_excluding(a, t.seq, &err) < 0) {
                reply_error(out, AR_IO, -1, _("the record cannot be replayed without it: %s"),
                            err.msg);
                rebuild(a, &err);
                r = AR_IO;
        } else {
                struct dt_rows rows = {0};
                int *nrows;
                engine_touched_unique(with);
                render_units(a->s, with->touched.u, with->touched.n, &rows, &nrows);
                struct dt_write w = {with->touched.u, with->touched.n, &rows, nrows};
                r = record(a, act, at, sb_str(&res), NULL, t.seq, t.meeting, &w, out);
                if (r == AR_OK)
                        reply_ok(out, "%s", sb_str(&res));
                dt_rows_free(&rows);
                free(nrows);
        }
        engine_free(&with);
        store_event_clear(&t);
        sb_free(&res);
        return r;
}

/* An action the engine accepted, waiting to be recorded. */
struct pending {
        struct action act;
        char at[32];
        struct pk_reply reply; /* the engine's answer */
        char *attachment;      /* the body's profile text, or the archive summaries */
        int meeting;
        struct dt_unit *units; /* the touched-set, taken from the state */
        int nunits;
        struct dt_rows rows; /* their rows, unit after unit */
        int *nrows;
};

static void pending_free(struct pending *p)
{
        action_free(&p->act);
        pk_reply_free(&p->reply);
        free(p->attachment);
        for (int i = 0; i < p->nunits; i++)
                dt_unit_free(&p->units[i]);
        free(p->units);
        free(p->nrows);
        dt_rows_free(&p->rows);
        memset(p, 0, sizeof *p);
}

/* Loads the profile a new body names. Returns 0 (prof NULL when none is needed) or -1. */
static int load_body_profile(struct app *a, const struct action *act, struct profile **prof,
                             char **prof_text, struct pk_err *e)
{
        *prof = NULL;
        *prof_text = NULL;
        const char *pname = action_opt(act, "profile");
        if (act->verb != V_BODY || !pname)
                return 0;
        for (int i = 0; i < a->s->nbodies; i++)
                if (!strcmp(a->s->bodies[i].name, act->pos[0].text))
                        return 0;
        char path[1024];
        *prof = pk_xmalloc(sizeof **prof);
        /* the file is checked whole (directory, NUL bytes, UTF-8, every rule) before its
         * text is recorded with the body */
        if (profile_locate(pname, path, sizeof path, e) < 0 || profile_load(path, *prof, e) < 0 ||
            !(*prof_text = read_profile_text(path, e)) ||
            profile_parse(*prof_text, path, *prof, e) < 0)
                goto fail;
        bool is_path =
            strchr(pname, '/') || (strlen(pname) > 4 && !strcmp(pname + strlen(pname) - 4, ".ini"));
        if (!is_path && strcmp((*prof)->name, pname) != 0) {
                pk_strlcpy(e->file, path, sizeof e->file);
                pk_err_set(e, _("the profile file declares the name \"%s\""), (*prof)->name);
                goto fail;
        }
        return 0;
fail:
        free(*prof);
        free(*prof_text);
        *prof = NULL;
        *prof_text = NULL;
        return -1;
}

/*
 * What the engine found at this point of the record, written into the action's own line
 * (opts: options to add, e.g. "meeting=3"), so that the event holds it and a replay reads it
 * instead of looking again. 0, or -1 with out saying why (what: a message with one %s).
 */
static int add_options(struct action *act, const char *opts, const char *what,
                       struct app_reply *out)
{
        struct sb line = {0};
        sb_addf(&line, "%s %s", act->text, opts);
        struct action found;
        struct pk_err e = {0};
        if (script_parse_line(sb_str(&line), line.len, &found, &e) != SP_ACTION) {
                reply_error(out, AR_ERROR, -1, what, e.msg);
                sb_free(&line);
                return -1;
        }
        sb_free(&line);
        action_free(act);
        *act = found;
        return 0;
}

/*
 * `on-leave` / `vacancy` with decided=N and without meeting=: the current meeting (where the
 * council decided) is written into the recorded line, so a replay finds the same item whatever
 * else is current then. 0, or -1 with out set.
 */
static int record_decided_meeting(struct app *a, struct action *act, struct app_reply *out)
{
        if ((act->verb != V_ON_LEAVE && act->verb != V_VACANCY) || !action_opt(act, "decided") ||
            action_opt(act, "meeting") || a->s->cur_meeting < 0)
                return 0;
        struct sb opts = {0};
        sb_addf(&opts, "meeting=%d", a->s->cur_meeting + 1);
        int rc = add_options(act, sb_str(&opts),
                             _("the deciding meeting could not be recorded: %s"), out);
        sb_free(&opts);
        return rc;
}

/*
 * Lets the engine judge a parsed action (taking ownership of act). On AR_OK the state has
 * changed and *p holds what must be recorded; otherwise out holds the refusal and the
 * state is unchanged.
 */
/*
 * A `lot` typed without its result is drawn here, from the operating system's randomness,
 * and rewritten as `lot order="B","A"` so the record holds what was drawn and replays it.
 * Returns 0, or -1 if the randomness could not be had (then nothing is recorded).
 */
static int draw_lot(struct app *a, struct action *act, struct app_reply *out)
{
        if (act->verb != V_LOT || action_optv(act, "order"))
                return 0;
        const char *names[256];
        int n = engine_lot_pending(a->s, names, 256);
        if (n <= 0 || n > 256)
                return 0; /* the engine refuses it with its reason */
        if (sodium_init() < 0) {
                reply_error(out, AR_ERROR, -1, "%s", _("no randomness for the lot could be had"));
                return -1;
        }
        /* Fisher-Yates with libsodium's unbiased randombytes_uniform: every order is equally
         * likely */
        struct tok order[256];
        for (int i = 0; i < n; i++)
                order[i] = (struct tok){(char *)names[i], true};
        for (int i = n - 1; i > 0; i--) {
                int j = (int)randombytes_uniform((uint32_t)i + 1);
                struct tok t = order[i];
                order[i] = order[j];
                order[j] = t;
        }
        struct opt o = {.key = "order", .nvals = n, .vals = order};
        struct action spec = {.verb = V_LOT, .nopts = 1, .opts = &o};
        struct sb line = {0};
        script_format_action(&spec, &line);
        struct action drawn;
        struct pk_err e = {0};
        if (script_parse_line(sb_str(&line), line.len, &drawn, &e) != SP_ACTION) {
                reply_error(out, AR_ERROR, -1, _("the lot could not be recorded: %s"), e.msg);
                sb_free(&line);
                return -1;
        }
        sb_free(&line);
        action_free(act);
        *act = drawn;
        return 0;
}

/*
 * `item … reading=2 case=X` without first-reading=: the first reading the engine finds in
 * another meeting now is written into the recorded line (first-reading=, first-reading-time=),
 * so a replay does not depend on which other meetings are loaded. 0, or -1 with out set.
 */
static int record_first_reading(struct app *a, struct action *act, struct app_reply *out)
{
        const char *reading = action_opt(act, "reading");
        const char *case_id = action_opt(act, "case");
        if (act->verb != V_ITEM || !reading || strcmp(reading, "2") || !case_id ||
            action_opt(act, "first-reading"))
                return 0;
        pk_day day;
        int minute;
        if (!engine_find_first_reading(a->s, case_id, &day, &minute))
                return 0;
        char d[11];
        cal_format(day, d);
        struct sb opts = {0};
        sb_addf(&opts, "first-reading=%s first-reading-time=%02d:%02d", d, minute / 60,
                minute % 60);
        int rc =
            add_options(act, sb_str(&opts), _("the first reading could not be recorded: %s"), out);
        sb_free(&opts);
        return rc;
}

/*
 * `correct member ... name=`: a correction shows in every meeting of the body, the archived
 * ones too (their attendance, votes, dissents and proposers carry the name), so their rows must
 * be written again. A state that holds only the summaries of archived meetings is rebuilt in
 * full first (a replay of every event, as for the exports), and stays so for the session.
 * 0, or -1 with out set.
 */
static int full_for_correction(struct app *a, const struct action *act, struct app_reply *out)
{
        if (act->verb != V_CORRECT || a->full || act->npos < 1 ||
            strcmp(act->pos[0].text, "member") != 0)
                return 0;
        bool summaries = false;
        for (int i = 0; i < a->s->nmeetings && !summaries; i++)
                summaries = a->s->meetings[i].summary_only;
        if (!summaries)
                return 0;
        struct pk_err e = {0};
        a->full = true;
        int rc = rebuild(a, &e);
        if (rc < 0) {
                a->full = false;
                reply_error(out, AR_IO, -1, "%s", e.msg);
        }
        return rc;
}

/*
 * Lets the engine judge a parsed action (taking ownership of act). On AR_OK the state has
 * changed and *p holds what must be recorded: the event and the rows of exactly the units
 * the engine touched; otherwise out holds the refusal and the state is unchanged.
 */
static enum app_result apply(struct app *a, struct action *act, int lineno, struct pending *p,
                             struct app_reply *out)
{
        memset(p, 0, sizeof *p);
        if (draw_lot(a, act, out) < 0 || record_first_reading(a, act, out) < 0 ||
            record_decided_meeting(a, act, out) < 0 || full_for_correction(a, act, out) < 0) {
                action_free(act);
                return AR_ERROR;
        }
        p->act = *act;
        memset(act, 0, sizeof *act);
        now_iso(p->at);
        struct profile *prof = NULL;
        struct pk_err e = {0};
        if (load_body_profile(a, &p->act, &prof, &p->attachment, &e) < 0) {
                char buf[1024];
                pk_err_format(&e, buf, sizeof buf);
                reply_error(out, AR_ERROR, lineno, "%s", buf);
                pending_free(p);
                return AR_ERROR;
        }
        struct sb why = {0};
        if (app_check_ruling_ref(a, &p->act, &why) < 0) {
                reply_error(out, AR_ERROR, lineno, "%s", sb_str(&why));
                sb_free(&why);
                free(prof);
                pending_free(p);
                return AR_ERROR;
        }
        sb_free(&why);
        struct engine_input in = {.action = &p->act, .time = p->at, .profile = prof};
        a->s->touched.track = true;
        enum pk_result er = engine_apply(a->s, &in, &p->reply);
        a->s->touched.track = false;
        free(prof);
        if (er != PK_OK) {
                if (er == PK_DENIED) {
                        reply_denied(out, NULL, p->reply.rule, "%s", sb_str(&p->reply.msg));
                        snprintf(out->cite, sizeof out->cite, "%s", p->reply.cite);
                } else {
                        reply_error(out, AR_ERROR, lineno, "%s", sb_str(&p->reply.msg));
                }
                pending_free(p);
                return er == PK_DENIED ? AR_DENIED : AR_ERROR;
        }
        engine_touched_unique(a->s);
        render_units(a->s, a->s->touched.u, a->s->touched.n, &p->rows, &p->nrows);
        /* the units move to the pending action; the state's set is left empty */
        p->units = a->s->touched.u;
        p->nunits = a->s->touched.n;
        a->s->touched.u = NULL;
        a->s->touched.n = a->s->touched.cap = 0;
        p->meeting = a->s->event_meeting;
        if (a->s->archive.len) {
                free(p->attachment);
                p->attachment = pk_xstrdup(sb_str(&a->s->archive));
        }
        return AR_OK;
}

static struct event pending_event(const struct pending *p)
{
        struct event ev = {0};
        ev.at = (char *)p->at;
        ev.verb = (char *)pk_verb_info[p->act.verb].name;
        ev.line = p->act.text;
        ev.result = (char *)sb_str(&p->reply.msg);
        ev.attachment = p->attachment;
        ev.meeting = p->meeting;
        return ev;
}

/* Answers status, allowed and convener; true if the action was one of them. */
static bool query(struct app *a, const struct action *act, struct app_reply *out)
{
        if (act->verb != V_STATUS && act->verb != V_ALLOWED && act->verb != V_CONVENER)
                return false;
        struct sb s = {0};
        if (act->verb == V_STATUS)
                engine_status(a->s, &s);
        else if (act->verb == V_CONVENER)
                engine_convener_text(a->s, &s);
        else
                engine_allowed(a->s, false, &s);
        if (s.len && s.s[s.len - 1] == '\n')
                s.s[--s.len] = '\0';
        reply_ok(out, "%s", sb_str(&s));
        out->query = true;
        sb_free(&s);
        return true;
}

enum app_result app_exec_reply(struct app *a, const char *line, size_t len, int lineno,
                               struct app_reply *out)
{
        app_reply_free(out);
        struct action act;
        struct pk_err perr = {0};
        enum script_parse sp = script_parse_line(line, len, &act, &perr);
        if (sp == SP_EMPTY)
                return out->result = AR_EMPTY;
        if (sp == SP_ERROR)
                return reply_error(out, AR_ERROR, lineno, "%s", perr.msg);
        out->verb = act.verb;
        enum app_result r = AR_OK;
        if (query(a, &act, out))
                goto done;
        if (a->read_only) {
                r = reply_denied(out, NULL, R__COUNT, "%s",
                                 _("the database is open read-only (a follower)"));
                goto done;
        }
        if (act.verb == V_UNDO) {
                char at[32];
                now_iso(at);
                r = do_undo(a, &act, at, out);
                goto done;
        }
        struct pending p;
        r = apply(a, &act, lineno, &p, out);
        if (r == AR_OK) {
                struct dt_write w = {p.units, p.nunits, &p.rows, p.nrows};
                r = record(a, &p.act, p.at, sb_str(&p.reply.msg), p.attachment, 0, p.meeting, &w,
                           out);
                if (r == AR_OK)
                        reply_ok(out, "%s", sb_str(&p.reply.msg));
                pending_free(&p);
        }
done:
        action_free(&act);
        return r;
}

enum app_result app_exec(struct app *a, const char *line, size_t len, int lineno, struct sb *out)
{
        struct app_reply r = {0};
        enum app_result res = app_exec_reply(a, line, len, lineno, &r);
        app_reply_render(&r, out);
        app_reply_free(&r);
        return res;
}

enum app_result app_exec_batch(struct app *a, const char *const *lines, const int *linenos, int n,
                               struct sb *out)
{
        struct app_reply rep = {0};
        if (a->read_only) {
                reply_denied(&rep, NULL, R__COUNT, "%s",
                             _("the database is open read-only (a follower)"));
                app_reply_render(&rep, out);
                app_reply_free(&rep);
                return AR_DENIED;
        }
        struct pending *ps = pk_xcalloc((size_t)n + 1, sizeof *ps);
        int np = 0;
        enum app_result r = AR_OK;
        for (int i = 0; i < n && r == AR_OK; i++) {
                struct action act;
                struct pk_err perr = {0};
                enum script_parse sp = script_parse_line(lines[i], strlen(lines[i]), &act, &perr);
                if (sp == SP_EMPTY)
                        continue;
                if (sp == SP_ERROR) {
                        r = reply_error(&rep, AR_ERROR, linenos[i], "%s", perr.msg);
                        break;
                }
                if (!pk_verb_info[act.verb].records || act.verb == V_UNDO) {
                        reply_error(&rep, AR_ERROR, linenos[i], _("%s cannot be part of an import"),
                                    pk_verb_info[act.verb].name);
                        action_free(&act);
                        r = AR_ERROR;
                        break;
                }
                r = apply(a, &act, linenos[i], &ps[np], &rep);
                if (r == AR_OK)
                        np++;
                action_free(&act);
        }
        struct pk_err err = {0};
        if (r == AR_OK && store_begin(a->st, &err) == 0) {
                for (int i = 0; i < np && r == AR_OK; i++) {
                        struct event ev = pending_event(&ps[i]);
                        struct dt_write w = {ps[i].units, ps[i].nunits, &ps[i].rows, ps[i].nrows};
                        if (store_add(a->st, &ev, &w, &err) < 0)
                                r = AR_IO;
                        else
                                a->seen = ev.seq;
                }
                if (r == AR_OK && store_commit(a->st, &err) < 0)
                        r = AR_IO;
                else if (r != AR_OK)
                        store_rollback(a->st);
        } else if (r == AR_OK) {
                r = AR_IO;
        }
        if (r == AR_IO) {
                char buf[1024];
                pk_err_format(&err, buf, sizeof buf);
                reply_error(&rep, AR_IO, -1, _("nothing was recorded: %s"), buf);
        }
        if (r != AR_OK) {
                /* nothing was recorded: the state goes back to what the record says */
                struct pk_err e2 = {0};
                rebuild(a, &e2);
        } else {
                reply_ok(&rep, _("%d actions recorded"), np);
        }
        app_reply_render(&rep, out);
        app_reply_free(&rep);
        for (int i = 0; i < np; i++)
                pending_free(&ps[i]);
        free(ps);
        return r;
}

int app_check_ruling_ref(struct app *a, const struct action *act, struct sb *why)
{
        if (act->verb != V_RULING_DECIDED)
                return 0;
        const char *ms = action_opt(act, "meeting");
        const struct pk_state *s = app_state(a);
        if (!ms || atoi(ms) - 1 == s->cur_meeting || act->npos < 1)
                return 0; /* the engine checks the current meeting's rulings */
        int meeting = atoi(ms), n = atoi(act->pos[0].text);
        if (meeting < 1 || meeting > s->nmeetings)
                return 0; /* the engine names the bad meeting */
        if (store_ruling_exists(app_store(a), meeting, n) == 1)
                return 0;
        sb_addf(why, _("meeting %d has no ruling %d"), meeting, n);
        return -1;
}
