/*
 * actions.c - the action layer: parse a request, let the engine judge it, record the
 * accepted action in one committed transaction, and only then report "ok".
 *
 * The state is never kept anywhere but in the record: opening a database replays its
 * events through the same engine. An undo appends a retraction and rebuilds the state
 * from the record without the retracted action.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <stdint.h>

#include "protokol/app.h"
#include "protokol/search.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/rows.h"
#include "protokol/script.h"

struct app {
        struct store *st;
        struct pk_state *s;
        int64_t seen; /* last event seq applied */
        bool read_only;
        bool full; /* replay every event (for exports and verify), not only what resuming needs */
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

static char *read_file(const char *path, struct pk_err *err)
{
        FILE *f = fopen(path, "rb");
        if (!f) {
                pk_strlcpy(err->file, path, sizeof err->file);
                pk_err_set(err, _("cannot read the profile"));
                return NULL;
        }
        struct sb b = {0};
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                sb_addn(&b, buf, n);
        fclose(f);
        char *s = pk_xstrdup(sb_str(&b));
        sb_free(&b);
        return s;
}

/* Applies one recorded event to the state during replay. */
static int replay_one(struct app *a, const struct event *e, struct pk_err *err)
{
        struct action act;
        struct pk_err perr = {0};
        if (script_parse_line(e->line, strlen(e->line), &act, &perr) != SP_ACTION) {
                pk_err_set(err, _("event %lld cannot be read back: %s"), (long long)e->seq,
                           perr.msg);
                return -1;
        }
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
        struct engine_input in = {.action = &act, .time = e->at, .profile = prof};
        struct sb msg = {0};
        enum pk_result r = engine_apply(a->s, &in, &msg);
        int rc = 0;
        if (r != PK_OK) {
                pk_err_set(err, _("event %lld (%s) does not replay: %s"), (long long)e->seq,
                           e->line, sb_str(&msg));
                rc = -1;
        }
        sb_free(&msg);
        free(prof);
        action_free(&act);
        return rc;
}

/* Rebuilds the state from the record, leaving out retracted events (and also the event
 * numbered exclude, when it is not 0). */
static int rebuild_excluding(struct app *a, int64_t exclude, struct pk_err *err)
{
        struct event *evs;
        int n, *locked = NULL, nlocked = 0;
        if ((a->full ? store_load(a->st, &evs, &n, err)
                     : store_load_lazy(a->st, &evs, &n, &locked, &nlocked, err)) < 0)
                return -1;
        engine_free(&a->s);
        a->s = engine_new();
        int64_t maxseq = n ? evs[n - 1].seq : 0;
        char *retracted = pk_xcalloc((size_t)maxseq + 2, 1);
        for (int i = 0; i < n; i++)
                if (evs[i].retracts > 0 && evs[i].retracts <= maxseq)
                        retracted[evs[i].retracts] = 1;
        int rc = 0;
        for (int i = 0; i < n && rc == 0; i++) {
                if (evs[i].retracts > 0 || retracted[evs[i].seq] || evs[i].seq == exclude)
                        continue;
                rc = replay_one(a, &evs[i], err);
        }
        /* a locked meeting replayed lazily holds only its creation (and first readings) */
        for (int i = 0; i < nlocked; i++)
                if (locked[i] >= 1 && locked[i] <= a->s->nmeetings) {
                        struct meeting *m = &a->s->meetings[locked[i] - 1];
                        m->state = MS_LOCKED;
                        m->partial = true;
                }
        free(locked);
        a->seen = store_last_seq(a->st);
        free(retracted);
        store_events_free(evs, n);
        return rc;
}

static int rebuild(struct app *a, struct pk_err *err)
{
        return rebuild_excluding(a, 0, err);
}

static int app_open_mode(const char *path, bool read_only, bool full, struct app **out,
                         struct pk_err *err);

/* The rows an action can change: the current body's members, and in the current meeting
 * the meeting-level rows and those of the items current or last ended (items a, b are
 * added: the ones current and last ended on the other side of the action). */
static void scope_rows(const struct pk_state *s, int body, int meeting, int a, int b,
                       struct dt_rows *out)
{
        dt_rows_body(s, body, out);
        if (meeting < 0 || meeting >= s->nmeetings)
                return;
        const struct meeting *m = &s->meetings[meeting];
        dt_rows_meeting_scoped(s, meeting, true, false, m->current, m->last_item, out);
        /* items the other side names, if they are not already in */
        int extra[2] = {a, b};
        for (int i = 0; i < 2; i++)
                if (extra[i] >= 0 && extra[i] != m->current && extra[i] != m->last_item &&
                    (i == 0 || extra[1] != extra[0]))
                        dt_rows_meeting_scoped(s, meeting, false, false, extra[i], -1, out);
}

/* Changes that turn the rows before into the rows after (both are sorted here). The
 * changes point into after and before, which must outlive them. */
static struct dt_change *diff_rows(struct dt_rows *before, struct dt_rows *after, int *n)
{
        dt_rows_sort(before);
        dt_rows_sort(after);
        struct dt_change *ch = pk_xcalloc((size_t)(before->n + after->n) + 1, sizeof *ch);
        int i = 0, j = 0, k = 0;
        while (i < before->n || j < after->n) {
                int c = i >= before->n  ? 1
                        : j >= after->n ? -1
                                        : dt_row_keycmp(&before->rows[i], &after->rows[j]);
                if (c < 0) {
                        ch[k++] = (struct dt_change){&before->rows[i++], true};
                } else if (c > 0) {
                        ch[k++] = (struct dt_change){&after->rows[j++], false};
                } else {
                        if (!dt_row_equal(&before->rows[i], &after->rows[j]))
                                ch[k++] = (struct dt_change){&after->rows[j], false};
                        i++;
                        j++;
                }
        }
        *n = k;
        return ch;
}

int app_open(const char *path, bool read_only, struct app **out, struct pk_err *err)
{
        return app_open_mode(path, read_only, false, out, err);
}

int app_open_full(const char *path, bool read_only, struct app **out, struct pk_err *err)
{
        return app_open_mode(path, read_only, true, out, err);
}

static int app_open_mode(const char *path, bool read_only, bool full, struct app **out,
                         struct pk_err *err)
{
        struct app *a = pk_xcalloc(1, sizeof *a);
        a->read_only = read_only;
        a->full = full;
        if (store_open(path, read_only ? STORE_READ : STORE_WRITE, &a->st, err) < 0) {
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

static enum app_result record(struct app *a, const struct action *act, const char *at,
                              const char *result, const char *attachment, int64_t retracts,
                              const struct dt_change *ch, int nch, struct sb *out)
{
        struct event ev = {0};
        ev.at = (char *)at;
        ev.verb = (char *)pk_verb_info[act->verb].name;
        ev.line = act->text;
        ev.result = (char *)result;
        ev.attachment = (char *)attachment;
        ev.retracts = retracts;
        ev.meeting = a->s->cur_meeting + 1;
        struct pk_err err = {0};
        if (store_append(a->st, &ev, ch, nch, &err) < 0) {
                char buf[1024];
                pk_err_format(&err, buf, sizeof buf);
                sb_addf(out, _("error: the action was not recorded: %s"), buf);
                /* the state went ahead of the record: bring it back */
                struct pk_err e2 = {0};
                rebuild(a, &e2);
                return AR_IO;
        }
        a->seen = ev.seq;
        return AR_OK;
}

static enum app_result do_undo(struct app *a, const struct action *act, const char *at,
                               struct sb *out)
{
        struct sb why = {0};
        struct pk_err err = {0};
        enum pk_verb v = V_UNDO;
        (void)v;
        const struct meeting *m = engine_current_meeting(a->s);
        if (m && m->state == MS_LOCKED) {
                const char *c = a->s->bodies[m->body].profile.rules[R_SIGNING].cite;
                sb_add(out, _("denied: the protocol is signed and locked"));
                if (c[0] && strcmp(c, "-"))
                        sb_addf(out, " (%s)", c);
                sb_free(&why);
                return AR_DENIED;
        }
        struct event *evs;
        int n;
        if (store_load(a->st, &evs, &n, &err) < 0) {
                sb_addf(out, _("error: %s"), err.msg);
                return AR_IO;
        }
        int64_t maxseq = n ? evs[n - 1].seq : 0;
        char *retracted = pk_xcalloc((size_t)maxseq + 2, 1);
        for (int i = 0; i < n; i++)
                if (evs[i].retracts > 0 && evs[i].retracts <= maxseq)
                        retracted[evs[i].retracts] = 1;
        int target = -1;
        for (int i = n - 1; i >= 0; i--)
                if (evs[i].retracts == 0 && !retracted[evs[i].seq]) {
                        target = i;
                        break;
                }
        free(retracted);
        if (target < 0) {
                store_events_free(evs, n);
                sb_add(out, _("denied: there is nothing to undo"));
                return AR_DENIED;
        }
        int64_t seq = evs[target].seq;
        struct sb res = {0};
        sb_addf(&res, _("retracted %lld: %s"), (long long)seq, evs[target].line);
        store_events_free(evs, n);
        struct dt_rows before = {0}, after = {0};
        dt_rows_all(a->s, &before);
        enum app_result r;
        if (rebuild_excluding(a, seq, &err) < 0) {
                sb_addf(out, _("error: the record cannot be replayed without it: %s"), err.msg);
                rebuild(a, &err);
                r = AR_IO;
        } else {
                dt_rows_all(a->s, &after);
                int nch;
                struct dt_change *ch = diff_rows(&before, &after, &nch);
                r = record(a, act, at, sb_str(&res), NULL, seq, ch, nch, out);
                free(ch);
                if (r == AR_OK)
                        sb_addf(out, "ok: %s", sb_str(&res));
        }
        dt_rows_free(&before);
        dt_rows_free(&after);
        sb_free(&res);
        sb_free(&why);
        return r;
}

/* An action the engine accepted, waiting to be recorded. */
struct pending {
        struct action act;
        char at[32];
        struct sb msg;
        char *prof_text;
        struct dt_rows before, after;
        struct dt_change *ch;
        int nch;
};

static void pending_free(struct pending *p)
{
        action_free(&p->act);
        sb_free(&p->msg);
        free(p->prof_text);
        dt_rows_free(&p->before);
        dt_rows_free(&p->after);
        free(p->ch);
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
            !(*prof_text = read_file(path, e)) || profile_parse(*prof_text, path, *prof, e) < 0)
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
 * Lets the engine judge a parsed action (taking ownership of act). On AR_OK the state has
 * changed and *p holds what must be recorded; otherwise out holds the refusal and the
 * state is unchanged.
 */
/* Appends s as a quoted script string. */
static void add_quoted(struct sb *b, const char *s)
{
        sb_add(b, "\"");
        for (; *s; s++) {
                if (*s == '"' || *s == '\\')
                        sb_add(b, "\\");
                sb_addn(b, s, 1);
        }
        sb_add(b, "\"");
}

/*
 * A `lot` typed without its result is drawn here, from the operating system's randomness,
 * and rewritten as `lot order="B","A"` so the record holds what was drawn and replays it.
 * Returns 0, or -1 if the randomness could not be had (then nothing is recorded).
 */
static int draw_lot(struct app *a, struct action *act, struct sb *out)
{
        if (act->verb != V_LOT || action_optv(act, "order"))
                return 0;
        const char *names[256];
        int n = engine_lot_pending(a->s, names, 256);
        if (n <= 0 || n > 256)
                return 0; /* the engine refuses it with its reason */
        int order[256];
        for (int i = 0; i < n; i++)
                order[i] = i;
        for (int i = n - 1; i > 0; i--) {
                uint32_t r;
                if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) {
                        sb_add(out, _("error: no randomness for the lot could be had"));
                        return -1;
                }
                /* rejection sampling keeps every order equally likely */
                uint32_t bound = (uint32_t)i + 1, lim = UINT32_MAX - UINT32_MAX % bound;
                while (r >= lim)
                        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
                                return -1;
                int j = (int)(r % bound), t = order[i];
                order[i] = order[j];
                order[j] = t;
        }
        struct sb line = {0};
        sb_add(&line, "lot order=");
        for (int i = 0; i < n; i++) {
                if (i)
                        sb_add(&line, ",");
                add_quoted(&line, names[order[i]]);
        }
        struct action drawn;
        struct pk_err e = {0};
        if (script_parse_line(sb_str(&line), line.len, &drawn, &e) != SP_ACTION) {
                sb_addf(out, _("error: the lot could not be recorded: %s"), e.msg);
                sb_free(&line);
                return -1;
        }
        sb_free(&line);
        action_free(act);
        *act = drawn;
        return 0;
}

static enum app_result apply(struct app *a, struct action *act, int lineno, struct pending *p,
                             struct sb *out)
{
        memset(p, 0, sizeof *p);
        if (draw_lot(a, act, out) < 0) {
                action_free(act);
                return AR_ERROR;
        }
        p->act = *act;
        memset(act, 0, sizeof *act);
        now_iso(p->at);
        struct profile *prof = NULL;
        struct pk_err e = {0};
        if (load_body_profile(a, &p->act, &prof, &p->prof_text, &e) < 0) {
                char buf[1024];
                pk_err_format(&e, buf, sizeof buf);
                sb_addf(out, _("error: line %d: %s"), lineno, buf);
                pending_free(p);
                return AR_ERROR;
        }
        if (app_check_ruling_ref(a, &p->act, lineno, out) < 0) {
                free(prof);
                pending_free(p);
                return AR_ERROR;
        }
        struct engine_input in = {.action = &p->act, .time = p->at, .profile = prof};
        int body0 = a->s->cur_body, meeting0 = a->s->cur_meeting;
        /* the items that may change: current and last ended, before and after the action;
         * the ones after are not known yet, so the before side covers every item that can
         * become current (take N names it) */
        const struct meeting *m0 = meeting0 >= 0 ? &a->s->meetings[meeting0] : NULL;
        int cur0 = m0 ? m0->current : -1, last0 = m0 ? m0->last_item : -1;
        int take = -1;
        if (m0 && p->act.verb == V_TAKE && p->act.npos > 0)
                for (int i = 0; i < m0->nitems; i++)
                        if (m0->items[i].number == atoi(p->act.pos[0].text))
                                take = i;
        scope_rows(a->s, body0, meeting0, take, -1, &p->before);
        enum pk_result er = engine_apply(a->s, &in, &p->msg);
        free(prof);
        if (er != PK_OK) {
                if (er == PK_DENIED)
                        sb_addf(out, "denied: %s", sb_str(&p->msg));
                else
                        sb_addf(out, _("error: line %d: %s"), lineno, sb_str(&p->msg));
                pending_free(p);
                return er == PK_DENIED ? AR_DENIED : AR_ERROR;
        }
        scope_rows(a->s, body0, meeting0, cur0, last0 != cur0 ? last0 : take, &p->after);
        if (a->s->cur_body != body0 || a->s->cur_meeting != meeting0) {
                /* another body or meeting became current: nothing in it changed but a
                 * new meeting's own row */
                dt_rows_body(a->s, a->s->cur_body, &p->after);
                if (a->s->cur_meeting >= 0)
                        dt_rows_meeting_scoped(a->s, a->s->cur_meeting, true, false, -1, -1,
                                               &p->after);
        }
        p->ch = diff_rows(&p->before, &p->after, &p->nch);
        return AR_OK;
}

static struct event pending_event(const struct app *a, const struct pending *p)
{
        struct event ev = {0};
        ev.at = (char *)p->at;
        ev.verb = (char *)pk_verb_info[p->act.verb].name;
        ev.line = p->act.text;
        ev.result = (char *)sb_str(&p->msg);
        ev.attachment = p->prof_text;
        ev.meeting = a->s->cur_meeting + 1;
        return ev;
}

/* Answers status and allowed; true if the action was one of them. */
static bool query(struct app *a, const struct action *act, struct sb *out)
{
        if (act->verb != V_STATUS && act->verb != V_ALLOWED)
                return false;
        const struct meeting *m = engine_current_meeting(a->s);
        if (m && m->partial && !a->full) {
                /* the current meeting is locked and was not loaded: load everything once */
                struct pk_err e = {0};
                a->full = true;
                if (rebuild(a, &e) < 0) {
                        sb_addf(out, _("error: %s"), e.msg);
                        return true;
                }
        }
        struct sb s = {0};
        if (act->verb == V_STATUS)
                engine_status(a->s, &s);
        else
                engine_allowed(a->s, false, &s);
        if (s.len && s.s[s.len - 1] == '\n')
                s.s[--s.len] = '\0';
        sb_add(out, sb_str(&s));
        sb_free(&s);
        return true;
}

enum app_result app_exec(struct app *a, const char *line, size_t len, int lineno, struct sb *out)
{
        struct action act;
        struct pk_err perr = {0};
        enum script_parse sp = script_parse_line(line, len, &act, &perr);
        if (sp == SP_EMPTY)
                return AR_EMPTY;
        if (sp == SP_ERROR) {
                sb_addf(out, _("error: line %d: %s"), lineno, perr.msg);
                return AR_ERROR;
        }
        enum app_result r = AR_OK;
        if (query(a, &act, out))
                goto done;
        if (a->read_only) {
                sb_add(out, _("denied: the database is open read-only (a follower)"));
                r = AR_DENIED;
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
                r = record(a, &p.act, p.at, sb_str(&p.msg), p.prof_text, 0, p.ch, p.nch, out);
                if (r == AR_OK)
                        sb_addf(out, "ok: %s", sb_str(&p.msg));
                pending_free(&p);
        }
done:
        action_free(&act);
        return r;
}

enum app_result app_exec_batch(struct app *a, const char *const *lines, const int *linenos, int n,
                               struct sb *out)
{
        if (a->read_only) {
                sb_add(out, _("denied: the database is open read-only (a follower)"));
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
                        sb_addf(out, _("error: line %d: %s"), linenos[i], perr.msg);
                        r = AR_ERROR;
                        break;
                }
                if (!pk_verb_info[act.verb].records || act.verb == V_UNDO) {
                        sb_addf(out, _("error: line %d: %s cannot be part of an import"),
                                linenos[i], pk_verb_info[act.verb].name);
                        action_free(&act);
                        r = AR_ERROR;
                        break;
                }
                r = apply(a, &act, linenos[i], &ps[np], out);
                if (r == AR_OK)
                        np++;
                action_free(&act);
        }
        struct pk_err err = {0};
        if (r == AR_OK && store_begin(a->st, &err) == 0) {
                for (int i = 0; i < np && r == AR_OK; i++) {
                        struct event ev = pending_event(a, &ps[i]);
                        if (store_add(a->st, &ev, ps[i].ch, ps[i].nch, &err) < 0)
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
                sb_addf(out, _("error: nothing was recorded: %s"), buf);
        }
        if (r != AR_OK) {
                /* nothing was recorded: the state goes back to what the record says */
                struct pk_err e2 = {0};
                rebuild(a, &e2);
        } else {
                sb_addf(out, _("ok: %d actions recorded"), np);
        }
        for (int i = 0; i < np; i++)
                pending_free(&ps[i]);
        free(ps);
        return r;
}
