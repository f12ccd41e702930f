/*
 * session.c - the services the panes ask of the UI: the current body and meeting, today, the
 * message line, the log of actions, running a script line through the action layer
 * (tui_exec), prompts and questions, the member actions and the vote being entered. The
 * main loop (tui.c) calls the panes; the panes call these, never the loop.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "protokol/i18n.h"
#include "protokol/store.h"
#include "protokol/search.h"
#include "tui_int.h"

const struct meeting *tui_meeting(const struct tui *t)
{
        return engine_current_meeting(app_state(t->app));
}

int tui_body(const struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        return m ? m->body : app_state(t->app)->cur_body;
}

void tui_message(struct tui *t, enum msg_kind k, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->msg, sizeof t->msg, fmt, ap);
        va_end(ap);
        t->msg_cite = -1;
        t->msg_kind = k;
        t->need_layout = true; /* a long message takes more lines */
        if (!t->msg[0])
                return;
        if (t->nmsgs == (int)(sizeof t->msgs / sizeof t->msgs[0])) {
                free(t->msgs[0]);
                memmove(t->msgs, t->msgs + 1, (size_t)(t->nmsgs - 1) * sizeof t->msgs[0]);
                t->nmsgs--;
        }
        t->msgs[t->nmsgs++] = pk_xstrdup(t->msg);
}

/* A follower changes nothing: every action says so. */
void tui_read_only(struct tui *t)
{
        tui_message(t, MK_DENIED, "%s", _("a follower is read-only: nothing is changed here"));
}

void tui_refresh_allowed(struct tui *t)
{
        struct pk_verdict vd[V__COUNT];
        engine_allowed_set(app_state(t->app), vd);
        for (int v = 0; v < V__COUNT; v++)
                t->allowed[v] = vd[v].allowed;
        engine_verdicts_free(vd);
}

static void log_push(struct tui *t, const char *at, const char *text, bool retracted,
                     bool correction)
{
        enum { KEEP = 1000 };
        if (t->nlog == KEEP) {
                free(t->log[0].text);
                memmove(t->log, t->log + 1, (KEEP - 1) * sizeof *t->log);
                t->nlog--;
        }
        t->log = pk_xrealloc(t->log, (size_t)(t->nlog + 1) * sizeof *t->log);
        struct log_line *l = &t->log[t->nlog++];
        snprintf(l->at, sizeof l->at, "%s", at);
        l->text = pk_xstrdup(text);
        l->retracted = retracted;
        l->correction = correction;
}

void tui_log_clear(struct tui *t)
{
        for (int i = 0; i < t->nlog; i++)
                free(t->log[i].text);
        free(t->log);
        t->log = NULL;
        t->nlog = 0;
}

void tui_log_reload(struct tui *t)
{
        tui_log_clear(t);
        if (t->public_view) {
                /* the projector: the public minutes as they stand, nothing else */
                struct sb out = {0};
                struct pk_err err = {0};
                int mi = app_state(t->app)->cur_meeting + 1;
                if (mi > 0 && app_export_minutes(t->app, mi, 1, true, &out, &err) == 0) {
                        const char *s = sb_str(&out);
                        while (*s) {
                                const char *e = strchr(s, '\n');
                                size_t n = e ? (size_t)(e - s) : strlen(s);
                                char line[1200];
                                snprintf(line, sizeof line, "%.*s", (int)n, s);
                                log_push(t, "", line, false, false);
                                s = e ? e + 1 : s + n;
                        }
                }
                sb_free(&out);
                t->panes[P_PROTOCOL].at_bottom = true;
                return;
        }
        /* the current meeting's events only (an index lookup), whatever the years behind */
        struct event *evs;
        int n;
        struct pk_err err = {0};
        int mnum = app_state(t->app)->cur_meeting + 1;
        /* no meeting current: the record's latest actions (bodies, members, plans) */
        if ((mnum > 0 ? store_load_meetings(app_store(t->app), &mnum, 1, &evs, &n, &err)
                      : store_load_tail(app_store(t->app), &evs, &n, &err)) < 0) {
                tui_message(t, MK_ERROR, _("error: the protocol cannot be read: %s"), err.msg);
                return;
        }
        /* an undo belongs to the meeting of what it retracts: both are here */
        char *retracted = pk_xcalloc((size_t)n + 1, 1);
        for (int i = 0; i < n; i++)
                for (int j = i - 1; evs[i].retracts > 0 && j >= 0; j--)
                        if (evs[j].seq == evs[i].retracts) {
                                retracted[j] = 1;
                                break;
                        }
        for (int i = 0; i < n; i++) {
                char at[6] = "";
                if (evs[i].at && strlen(evs[i].at) >= 16)
                        snprintf(at, sizeof at, "%.5s", evs[i].at + 11);
                log_push(t, at, evs[i].result ? evs[i].result : evs[i].line, retracted[i] != 0,
                         evs[i].retracts > 0);
        }
        free(retracted);
        store_events_free(evs, n);
        t->panes[P_PROTOCOL].at_bottom = true;
}

pk_day tui_today(void)
{
        const char *fixed = getenv("PROTOKOL_NOW");
        char d[11];
        pk_day day;
        if (fixed && strlen(fixed) == 19) {
                snprintf(d, sizeof d, "%.10s", fixed);
                if (cal_parse(d, &day))
                        return day;
        }
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        return cal_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

enum pane_id tui_overlay_pane(enum overlay o)
{
        if (o == OV_ARCHIVE || o == OV_SEARCH)
                return o == OV_ARCHIVE ? P_ARCHIVE : P_SEARCH;
        return o == OV_RULINGS     ? P_RULINGS
               : o == OV_DEADLINES ? P_DEADLINES
               : o == OV_SIGN      ? P_SIGN
                                   : P_HELP;
}

void tui_log_add(struct tui *t, const char *text)
{
        char at[6];
        const char *fixed = getenv("PROTOKOL_NOW");
        if (fixed && strlen(fixed) == 19) {
                snprintf(at, sizeof at, "%.5s", fixed + 11);
        } else {
                time_t now = time(NULL);
                struct tm tm;
                localtime_r(&now, &tm);
                strftime(at, sizeof at, "%H:%M", &tm);
        }
        log_push(t, at, text, false, false);
        t->panes[P_PROTOCOL].at_bottom = true;
}

enum app_result tui_exec(struct tui *t, const char *line)
{
        if (t->follow) {
                tui_read_only(t);
                return AR_DENIED;
        }
        int meeting0 = app_state(t->app)->cur_meeting;
        struct app_reply rep = {0};
        enum app_result r = app_exec_reply(t->app, line, strlen(line), 0, &rep);
        const char *text = sb_str(&rep.text);
        snprintf(t->reply_text, sizeof t->reply_text, "%s", text);
        t->reply_rule = r == AR_DENIED ? rep.rule : R__COUNT;
        if (r == AR_EMPTY) {
                t->msg[0] = '\0';
        } else if (rep.query) {
                /* status, allowed: shown whole in a view */
                free(t->text_view);
                t->text_view = pk_xstrdup(text);
                snprintf(t->text_title, sizeof t->text_title, "%s", line);
                t->overlay = OV_HELP;
                t->need_layout = true;
                tui_message(t, MK_INFO, "%s", _("Esc closes this view"));
        } else {
                struct sb hints = {0};
                if (r == AR_DENIED)
                        tui_key_hints(text, &hints);
                /* the result in the UI's language (`protokol run` keeps ok:/denied:/error: for
                   scripts); a line typed here has no line number */
                const char *prefix = r == AR_OK       ? _("ok: ")
                                     : r == AR_DENIED ? _("denied: ")
                                                      : _("error: ");
                tui_message(t,
                            r == AR_OK       ? MK_OK
                            : r == AR_DENIED ? MK_DENIED
                                             : MK_ERROR,
                            "%s%s", prefix, text);
                if (rep.cite[0]) {
                        size_t at = strlen(t->msg);
                        snprintf(t->msg + at, sizeof t->msg - at, " (%s)", rep.cite);
                        t->msg_cite = (int)at;
                }
                if (hints.len) {
                        size_t at = strlen(t->msg);
                        snprintf(t->msg + at, sizeof t->msg - at, "%s", sb_str(&hints));
                }
                free(t->msgs[t->nmsgs - 1]);
                t->msgs[t->nmsgs - 1] = pk_xstrdup(t->msg);
                sb_free(&hints);
                if (r == AR_OK) {
                        const struct pk_state *s = app_state(t->app);
                        if (s->cur_meeting != meeting0 || rep.verb == V_UNDO)
                                tui_log_reload(t);
                        else
                                tui_log_add(t, text);
                }
        }
        app_reply_free(&rep);
        tui_refresh_allowed(t);
        return r;
}

void tui_prompt(struct tui *t, const char *label, const char *init,
                void (*done)(struct tui *t, const char *text), const char *ctx)
{
        struct prompt *pr = &t->prompt;
        memset(pr, 0, sizeof *pr);
        pr->active = true;
        snprintf(pr->label, sizeof pr->label, "%s", label);
        pr->len = pr->pos =
            tui_u8_to_wcs(init ? init : "", pr->buf, (int)(sizeof pr->buf / sizeof pr->buf[0]) - 1);
        pr->done = done;
        snprintf(pr->ctx, sizeof pr->ctx, "%s", ctx ? ctx : "");
        t->need_layout = true;
}

void tui_ask(struct tui *t, const char *question, void (*done)(struct tui *t, const char *text),
             const char *ctx)
{
        tui_prompt(t, question, "", done, ctx);
        t->prompt.yesno = true;
}

static void absent_done(struct tui *t, const char *text)
{
        struct sb line = {0};
        sb_add(&line, "absent ");
        script_quote(&line, t->prompt.ctx);
        if (text[strspn(text, " ")]) {
                sb_add(&line, " reason=");
                script_quote(&line, text);
        }
        tui_exec(t, sb_str(&line));
        sb_free(&line);
}

static void dissent_done(struct tui *t, const char *text)
{
        if (!text[strspn(text, " ")]) {
                tui_message(t, MK_INFO, "%s", _("nothing entered: cancelled"));
                return;
        }
        struct sb line = {0};
        sb_add(&line, "dissent ");
        script_quote(&line, t->prompt.ctx);
        sb_add(&line, " ");
        script_quote(&line, text);
        tui_exec(t, sb_str(&line));
        sb_free(&line);
}

int tui_cursor_member(struct tui *t)
{
        struct pane *p = &t->panes[P_ATTEND];
        if (p->cursor < 0 || p->cursor >= p->rows.n)
                return -1;
        int k = p->rows.v[p->cursor].payload;
        return k >= 0 && k < app_state(t->app)->nmembers ? k : -1;
}

void tui_member_action(struct tui *t, enum tui_action a)
{
        if (t->follow) {
                tui_read_only(t);
                return;
        }
        if (t->focus != P_ATTEND || !t->panes[P_ATTEND].visible) {
                bool any = false;
                for (int i = 0; i < t->panes[P_ATTEND].rows.n; i++)
                        any = any || t->panes[P_ATTEND].rows.v[i].payload >= 0;
                if (!any || !t->panes[P_ATTEND].visible) {
                        tui_message(t, MK_ERROR, "%s", _("there is no member to choose"));
                        return;
                }
                /* pick the member in the attendance pane first; a call to order or a
                 * denial of the floor starts on the member who has the floor */
                const struct meeting *m = tui_meeting(t);
                int fl = m && m->current >= 0 ? m->items[m->current].speaker : -1;
                struct pane *ap = &t->panes[P_ATTEND];
                for (int i = 0; fl >= 0 && (a == TA_CALL || a == TA_DENY) && i < ap->rows.n; i++)
                        if (ap->rows.v[i].payload == fl && ap->rows.v[i].selectable)
                                ap->cursor = i;
                t->find[0] = '\0';
                t->pick = a;
                t->pick_from = t->focus;
                t->focus = P_ATTEND;
                tui_message(t, MK_INFO, _("%s: choose the member with ↑/↓ and press Enter"),
                            tui_actions[a].name);
                return;
        }
        int k = tui_cursor_member(t);
        if (k < 0) {
                tui_message(t, MK_ERROR, "%s", _("select a member (not a party) first"));
                return;
        }
        t->find[0] = '\0';
        const struct pk_state *s = app_state(t->app);
        struct sb line = {0};
        if (a == TA_ABSENT || a == TA_DISSENT) {
                char label[300];
                snprintf(label, sizeof label,
                         a == TA_ABSENT ? _("Why is %s absent (Enter: no reason)? ")
                                        : _("Dissent of %s: "),
                         s->members[k].name);
                tui_prompt(t, label, "", a == TA_ABSENT ? absent_done : dissent_done,
                           s->members[k].name);
        } else if (a == TA_SUBSTITUTE) {
                int sub = -1;
                for (int j = 0; j < s->nmembers; j++)
                        if (s->members[j].principal == k)
                                sub = j;
                if (sub < 0) {
                        tui_message(t, MK_DENIED, _("%s has no personal substitute registered"),
                                    s->members[k].name);
                } else {
                        sb_add(&line, "substitute ");
                        script_quote(&line, s->members[sub].name);
                        sb_add(&line, " for ");
                        script_quote(&line, s->members[k].name);
                        tui_exec(t, sb_str(&line));
                }
        } else {
                tui_member_line(&line, pk_verb_info[tui_actions[a].verb].name, s, k);
                tui_exec(t, sb_str(&line));
        }
        sb_free(&line);
        if (t->pick != TA_NONE) {
                t->pick = TA_NONE;
                t->focus = t->pick_from;
        }
}

void tui_vote_begin(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        if (!m || m->open_ballot < 0)
                return;
        int subject = m->ballots[m->open_ballot].subject;
        /*
         * back to the same open ballot after Esc: the draft stays; any other ballot opens
         * clean (a draft is dropped when its vote is recorded or its ballot goes, so a
         * retracted vote never comes back pre-filled)
         */
        if (!t->vote.choice || t->vote.ballot != m->open_ballot || t->vote.subject != subject) {
                tui_vote_reset(t);
                t->vote.n = app_state(t->app)->nmembers;
                t->vote.choice = pk_xcalloc((size_t)t->vote.n + 1, sizeof *t->vote.choice);
                t->vote.exc = pk_xcalloc((size_t)t->vote.n + 1, sizeof *t->vote.exc);
        }
        t->vote.ballot = m->open_ballot;
        t->vote.subject = subject;
        t->vote.warned = false;
        t->vote.summary = false;
        t->vote_mode = true;
        t->pick = TA_NONE;
        t->focus = P_VOTE;
        t->vote.fresh = true; /* the cursor starts on the first member */
        t->panes[P_VOTE].top = 0;
        t->need_layout = true;
}

void tui_vote_reset(struct tui *t)
{
        free(t->vote.choice);
        free(t->vote.exc);
        t->vote.choice = NULL;
        t->vote.exc = NULL;
        t->vote.n = 0;
        t->vote.ballot = -1;
        t->vote.subject = -1;
        t->vote.summary = false;
}

void tui_vote_end(struct tui *t)
{
        t->vote.summary = false;
        t->vote_mode = false;
        t->focus = P_ITEM;
        t->need_layout = true;
}

void tui_key_hints(const char *advice, struct sb *out)
{
        /* the advice follows the last ": " */
        const char *adv = NULL, *q = advice;
        while ((q = strstr(q, ": "))) {
                adv = q + 2;
                q += 2;
        }
        if (!adv)
                return;
        size_t alen = strlen(adv);
        int n;
        const struct binding *b = keys_table(&n);
        int nout = 0;
        for (int i = 0; i < n; i++) {
                enum pk_verb v = tui_actions[b[i].action].verb;
                if (strcmp(b[i].pane, "global") || v == V__COUNT || b[i].action == TA_BALLOT ||
                    b[i].action == TA_SUBAMEND)
                        continue;
                const char *name = pk_verb_info[v].name;
                size_t nl = strlen(name);
                bool found = false;
                for (const char *w = adv; w < adv + alen && !found; w++) {
                        if ((size_t)(adv + alen - w) < nl || strncmp(w, name, nl))
                                continue;
                        bool start = w == adv || !((w[-1] >= 'a' && w[-1] <= 'z') || w[-1] == '-');
                        char e = w[nl];
                        bool end = !((e >= 'a' && e <= 'z') || e == '-');
                        found = start && end;
                }
                if (!found)
                        continue;
                char key[32];
                keys_name(b[i].key, key, sizeof key);
                sb_addf(out, "%s%s %s", nout ? ", " : " (", key, name);
                nout++;
        }
        if (nout)
                sb_add(out, ")");
}

/* ---------- type-to-find ---------- */

/* Whether name has a word (or the whole name) that starts with what was typed. */
bool tui_find_match(const char *name, const char *find)
{
        if (pk_fold_prefix(name, find))
                return true;
        for (const char *w = strchr(name, ' '); w; w = strchr(w + 1, ' '))
                if (pk_fold_prefix(w + 1, find))
                        return true;
        return false;
}

bool tui_find_key(struct tui *t, struct pane *p, int key, bool upper_too)
{
        size_t n = strlen(t->find);
        if (key == (TK_FN | KEY_BACKSPACE) && n > 0) {
                /* drop the last character (UTF-8) */
                while (n > 0 && (t->find[n - 1] & 0xC0) == 0x80)
                        n--;
                t->find[n > 0 ? n - 1 : 0] = '\0';
        } else {
                bool letter = (key >= 'a' && key <= 'z') || (key >= 0xC0 && key < 0x250) ||
                              (upper_too && key >= 'A' && key <= 'Z') ||
                              ((key == ' ' || key == '-' || key == '\'') && n > 0);
                if (!letter || (key & TK_FN))
                        return false;
                char u[4];
                size_t k = tui_u8_encode((uint32_t)key, u);
                if (n + k + 1 >= sizeof t->find)
                        return true;
                memcpy(t->find + n, u, k);
                t->find[n + k] = '\0';
        }
        if (!t->find[0])
                return true;
        const struct pk_state *s = app_state(t->app);
        for (int i = 0; i < p->rows.n; i++) {
                int k = p->rows.v[i].payload;
                if (p->rows.v[i].selectable && k >= 0 && k < s->nmembers &&
                    tui_find_match(s->members[k].name, t->find)) {
                        p->cursor = i;
                        return true;
                }
        }
        tui_message(t, MK_DENIED, _("no member's name starts with \"%s\""), t->find);
        return true;
}
