/*
 * pane_archive.c - the archive: the meetings list (A), the search (/) with its
 * results, and a past meeting shown read-only in the same panes as the live one.
 *
 * A past meeting is opened through app_view_meeting, which gives an app of its own whose
 * current meeting is the past one; while it is shown it takes the live app's place in
 * t->app (so every pane shows it unchanged), the header says ARCHIVE, and nothing can be
 * recorded. Esc or q puts the live app back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/archive.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/search.h"
#include "tui_int.h"

struct tui_archive {
        struct app *live;        /* the live app while a past meeting is shown */
        struct app *view;        /* the last view opened, kept for the next past meeting */
        int64_t view_seq;        /* the record's last event when it was opened */
        struct search_hits hits; /* the last search's results */
        char query[512];         /* and its query */
        int *items;              /* items per meeting id (from the record), for the list */
        int nitems;
        struct search_hits prec; /* the body's rulings (precedents), and the record's */
        int64_t prec_seq;        /* last seq when they were read */
        int prec_body;
};

static struct tui_archive *arc(struct tui *t)
{
        if (!t->arc)
                t->arc = pk_xcalloc(1, sizeof *t->arc);
        return t->arc;
}

/* The live app, whether or not a past meeting is shown. */
static struct app *live(struct tui *t)
{
        return t->archive ? t->arc->live : t->app;
}

static void back_to_live(struct tui *t)
{
        if (!t->archive)
                return;
        t->app = t->arc->live; /* the view stays in t->arc->view for the next one */
        t->arc->live = NULL;
        t->archive = false;
        t->focus = P_AGENDA;
        tui_log_reload(t);
        const struct meeting *m = tui_meeting(t);
        if (m && m->open_ballot >= 0 && !t->follow)
                tui_vote_begin(t);
        t->need_layout = true;
        tui_message(t, MK_INFO, "%s", _("back to the live meeting"));
}

void tui_archive_free(struct tui *t)
{
        if (!t->arc)
                return;
        if (t->archive) {
                t->app = t->arc->live;
                t->archive = false;
        }
        app_close(&t->arc->view);
        search_hits_free(&t->arc->hits);
        search_hits_free(&t->arc->prec);
        free(t->arc->items);
        free(t->arc);
        t->arc = NULL;
}

/* Shows meeting (id) read-only, with item (number; 0 the first) under view. */
static void open_meeting(struct tui *t, int meeting, int item)
{
        struct app *lv = live(t);
        if (meeting == app_state(lv)->cur_meeting + 1) {
                /* the live meeting itself: back to it, the agenda's cursor on the item */
                back_to_live(t);
                t->overlay = OV_NONE;
                t->need_layout = true;
                const struct meeting *m = tui_meeting(t);
                for (int p = 0; m && item && p < m->nitems; p++)
                        if (m->items[m->order[p]].number == item)
                                t->panes[P_AGENDA].cursor = p;
                t->focus = P_AGENDA;
                tui_message(t, MK_INFO, "%s", _("the live meeting"));
                return;
        }
        struct tui_archive *ar = arc(t);
        struct pk_err err = {0};
        int64_t seq = store_last_seq(app_store(lv));
        if (ar->view && ar->view_seq == seq) {
                /* the view opened last serves while the record has not changed since */
                if (app_view_switch(ar->view, meeting, item, &err) < 0) {
                        tui_message(t, MK_ERROR, _("error: the meeting cannot be opened: %s"),
                                    err.msg);
                        return;
                }
        } else {
                struct app *view = NULL;
                if (app_view_meeting(t->db, meeting, item, &view, &err) < 0) {
                        tui_message(t, MK_ERROR, _("error: the meeting cannot be opened: %s"),
                                    err.msg);
                        return;
                }
                if (t->archive)
                        t->app = ar->live; /* the old view goes */
                app_close(&ar->view);
                ar->view = view;
                ar->view_seq = seq;
        }
        if (t->vote_mode)
                tui_vote_end(t);
        if (!t->archive)
                ar->live = t->app;
        t->app = ar->view;
        t->archive = true;
        t->overlay = OV_NONE;
        t->pick = TA_NONE;
        const struct meeting *m = tui_meeting(t);
        t->focus = P_AGENDA; /* where Enter shows another item */
        /* the agenda's cursor on the item under view */
        struct pane *ag = &t->panes[P_AGENDA];
        ag->cursor = 0;
        for (int p = 0; m && p < m->nitems; p++)
                if (m->order[p] == m->current)
                        ag->cursor = p;
        tui_log_reload(t);
        t->need_layout = true;
        char d[11] = "";
        if (m)
                cal_format(m->date, d);
        tui_message(t, MK_INFO,
                    _("archive: meeting %d of %s, read-only; Enter in the agenda shows an item, "
                      "Esc returns to the live meeting"),
                    meeting, d);
}

static void search_done(struct tui *t, const char *text)
{
        struct sb expr = {0};
        if (search_match_expr(text, &expr) < 0) {
                tui_message(t, MK_INFO, _("the query \"%s\" holds no word to search for"), text);
                sb_free(&expr);
                return;
        }
        struct tui_archive *ar = arc(t);
        search_hits_free(&ar->hits);
        snprintf(ar->query, sizeof ar->query, "%s", text);
        struct search_query q = {.match = sb_str(&expr), .limit = 200};
        struct pk_err err = {0};
        int rc = app_search_query(live(t), t->db, &q, &ar->hits, &err);
        sb_free(&expr);
        if (rc < 0) {
                tui_message(t, MK_ERROR, _("error: %s"), err.msg);
                return;
        }
        if (!ar->hits.n) {
                tui_message(t, MK_INFO, _("nothing found for \"%s\""), text);
                return;
        }
        t->overlay = OV_SEARCH;
        t->panes[P_SEARCH].cursor = 0;
        t->panes[P_SEARCH].top = 0;
        t->need_layout = true;
        tui_message(t, MK_INFO, "%s", _("Enter opens the hit's meeting at its item; Esc closes"));
}

static void open_list(struct tui *t)
{
        struct tui_archive *ar = arc(t);
        free(ar->items);
        ar->items = NULL;
        ar->nitems = 0;
        struct pk_err err = {0};
        store_item_counts(app_store(live(t)), &ar->items, &ar->nitems, &err);
        t->overlay = OV_ARCHIVE;
        t->panes[P_ARCHIVE].cursor = 1 << 30; /* the latest meeting */
        t->panes[P_ARCHIVE].top = 0;
        t->need_layout = true;
        tui_message(t, MK_INFO, "%s", _("Enter opens the meeting read-only; Esc closes"));
}

static int cursor_payload(struct tui *t, enum pane_id id)
{
        struct pane *p = &t->panes[id];
        if (p->cursor < 0 || p->cursor >= p->rows.n)
                return -1;
        return p->rows.v[p->cursor].payload;
}

bool tui_archive_dispatch(struct tui *t, enum tui_action a)
{
        if (a == TA_ARCHIVE && t->overlay != OV_ARCHIVE) {
                open_list(t);
                return true;
        }
        if (a == TA_SEARCH) {
                tui_prompt(t, _("Search every meeting: "), t->arc ? t->arc->query : "", search_done,
                           NULL);
                return true;
        }
        if (t->overlay == OV_ARCHIVE || t->overlay == OV_SEARCH) {
                if (a != TA_SELECT)
                        return false; /* Esc, moves, q: as in every view */
                int k = cursor_payload(t, t->overlay == OV_ARCHIVE ? P_ARCHIVE : P_SEARCH);
                if (k < 0)
                        return true;
                if (t->overlay == OV_ARCHIVE) {
                        open_meeting(t, k, 0);
                } else if (k < t->arc->hits.n) {
                        const struct search_hit *h = &t->arc->hits.v[k];
                        int meeting = h->d.meeting, item = h->d.item;
                        open_meeting(t, meeting, item ? item : 0);
                }
                return true;
        }
        if (!t->archive || t->overlay != OV_NONE)
                return false;
        /* a past meeting is shown */
        if (a == TA_CANCEL || a == TA_QUIT) {
                back_to_live(t);
                return true;
        }
        if (a == TA_SELECT && t->focus == P_AGENDA) {
                struct pane *p = &t->panes[P_AGENDA];
                const struct meeting *m = tui_meeting(t);
                int k = cursor_payload(t, P_AGENDA);
                if (m && k >= 0 && k < m->nitems) {
                        app_view_item(t->app, m->items[k].number);
                        (void)p;
                }
                return true;
        }
        if (a == TA_SELECT || a == TA_COMMAND || a == TA_UNDO || tui_actions[a].verb != V__COUNT) {
                tui_message(t, MK_DENIED, "%s",
                            _("the archive is read-only: Esc returns to the live meeting"));
                return true;
        }
        return false;
}

/* ---------- the meetings list ---------- */

static void build_list(struct tui *t, struct pane *p, struct rows *out)
{
        (void)p;
        struct app *lv = live(t);
        const struct pk_state *s = app_state(lv);
        int body = t->archive ? app_state(t->app)->cur_body : tui_body(t);
        if (body < 0) {
                rows_add(out, _("no body yet"), NULL, TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        /* by date and time (the ids follow creation, and plans come in any order) */
        int n = 0, *idx = pk_xmalloc((size_t)(s->nmeetings + 1) * sizeof *idx);
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].body == body)
                        idx[n++] = i;
        for (int i = 1; i < n; i++)
                for (int j = i; j > 0; j--) {
                        const struct meeting *x = &s->meetings[idx[j - 1]],
                                             *y = &s->meetings[idx[j]];
                        if (x->date < y->date || (x->date == y->date && x->minute <= y->minute))
                                break;
                        int tmp = idx[j];
                        idx[j] = idx[j - 1];
                        idx[j - 1] = tmp;
                }
        int viewing = t->archive ? app_state(t->app)->cur_meeting : -1;
        for (int k = 0; k < n; k++) {
                int i = idx[k];
                const struct meeting *m = &s->meetings[i];
                char d[11], left[200], right[120];
                cal_format(m->date, d);
                int items = i < t->arc->nitems ? t->arc->items[i] : m->nitems;
                snprintf(left, sizeof left, _("%s %02d:%02d  meeting %d%s"), d, m->minute / 60,
                         m->minute % 60, i + 1,
                         i == s->cur_meeting ? _("  (live)")
                         : i == viewing      ? _("  (shown)")
                                             : "");
                snprintf(right, sizeof right, _("%s · %d items"),
                         engine_meeting_state_name(m->state), items);
                rows_add(out, left, right, i == s->cur_meeting ? TC_OK : TC_NORMAL, TC_DIM, true,
                         i + 1);
        }
        if (!n)
                rows_add(out, _("no meetings yet"), NULL, TC_DIM, TC_NORMAL, false, -1);
        free(idx);
}

static void title_list(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        int body = t->archive ? app_state(t->app)->cur_body : tui_body(t);
        const struct pk_state *s = app_state(live(t));
        snprintf(buf, n, _("Archive · the meetings of %s (Enter opens one read-only)"),
                 body >= 0 && body < s->nbodies ? s->bodies[body].name : "");
}

const struct pane_ops pane_archive_ops = {
    .name = "archive",
    .title = N_("Archive"),
    .build = build_list,
    .title_text = title_list,
    .cursor = true,
};

/* ---------- the search results ---------- */

static void build_hits(struct tui *t, struct pane *p, struct rows *out)
{
        struct tui_archive *ar = arc(t);
        for (int i = 0; i < ar->hits.n; i++) {
                const struct search_hit *h = &ar->hits.v[i];
                char left[900];
                struct sb oc = {0};
                search_outcome_words(h, &oc);
                if (!strcmp(h->d.kind, "item"))
                        snprintf(left, sizeof left, _("%s %s · meeting %d, item %d: %s"), h->d.date,
                                 h->d.body, h->d.meeting, h->d.item,
                                 h->d.title ? h->d.title : _("Closed item"));
                else if (!strcmp(h->d.kind, "ruling"))
                        snprintf(left, sizeof left, _("%s %s · meeting %d, ruling %d%s%s"),
                                 h->d.date, h->d.body, h->d.meeting, h->d.ruling,
                                 h->d.rule ? _(" on ") : "", h->d.rule ? h->d.rule : "");
                else
                        snprintf(left, sizeof left,
                                 _("%s %s · meeting %d: the council on ruling %d of meeting %d"),
                                 h->d.date, h->d.body, h->d.meeting, h->d.ruling, h->d.ref_meeting);
                rows_add(out, left, sb_str(&oc), TC_NORMAL, TC_DIM, true, i);
                sb_free(&oc);
                char snip[900];
                snprintf(snip, sizeof snip, "    %s", h->snippet ? h->snippet : "");
                for (char *c = snip; *c; c++)
                        if (*c == '\n' || *c == '\t')
                                *c = ' ';
                (void)p;
                rows_add(out, snip, NULL, TC_DIM, TC_NORMAL, false, -1);
        }
}

static void title_hits(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        snprintf(buf, n, _("Search · «%s»: %d hits, best first (Enter opens one)"),
                 t->arc ? t->arc->query : "", t->arc ? t->arc->hits.n : 0);
}

const struct pane_ops pane_search_ops = {
    .name = "search",
    .title = N_("Search"),
    .build = build_hits,
    .title_text = title_hits,
    .cursor = true,
};

/* ---------- the chair's precedents, in the rulings view ---------- */

struct wrapctx {
        struct rows *out;
        enum tui_color c;
};

static void add_line(void *ctx, const char *line)
{
        struct wrapctx *w = ctx;
        rows_add(w->out, line, NULL, w->c, TC_NORMAL, false, -1);
}

static void precedent(const struct search_hit *h, int width, struct wrapctx *w)
{
        struct sb line = {0}, oc = {0};
        search_outcome_words(h, &oc);
        sb_addf(&line, _("  %s, meeting %d: %s (%s)"), h->d.date, h->d.meeting,
                h->d.text ? h->d.text : "", sb_str(&oc));
        w->c = TC_NORMAL;
        tui_wrap(sb_str(&line), width, add_line, w);
        sb_free(&line);
        sb_free(&oc);
}

void tui_precedents(struct tui *t, int width, struct rows *out)
{
        struct tui_archive *ar = arc(t);
        struct app *lv = live(t);
        int body = tui_body(t);
        const struct pk_state *s = app_state(t->app);
        if (body < 0 || body >= s->nbodies)
                return;
        int64_t seq = store_last_seq(app_store(lv));
        if (seq != ar->prec_seq || body != ar->prec_body) {
                search_hits_free(&ar->prec);
                struct search_query q = {
                    .kind = "ruling", .body = s->bodies[body].name, .limit = 100000};
                struct pk_err err = {0};
                if (app_search_query(lv, t->db, &q, &ar->prec, &err) < 0) {
                        rows_add(out, err.msg, NULL, TC_DENIED, TC_NORMAL, false, -1);
                        return;
                }
                ar->prec_seq = seq;
                ar->prec_body = body;
        }
        if (!ar->prec.n)
                return; /* no rulings yet: the view stays as it was */
        struct wrapctx w = {out, TC_TITLE};
        add_line(&w, "");
        add_line(&w, _("Precedents: the chair's rulings on each rule, earliest first"));
        const struct profile *p = &s->bodies[body].profile;
        for (int r = 0; r <= R__COUNT; r++) {
                const char *key = r < R__COUNT ? profile_rule_name((enum rule_id)r) : NULL;
                bool any = false;
                for (int i = 0; i < ar->prec.n; i++) {
                        const struct search_hit *h = &ar->prec.v[i];
                        if (key ? !h->d.rule || strcmp(h->d.rule, key) : h->d.rule != NULL)
                                continue;
                        if (!any) {
                                char title[300];
                                if (key)
                                        snprintf(title, sizeof title, "%s (%s)", key,
                                                 p->rules[r].cite[0] ? p->rules[r].cite : "-");
                                else
                                        snprintf(title, sizeof title, "%s", _("tied to no rule"));
                                w.c = TC_KEY;
                                add_line(&w, title);
                                any = true;
                        }
                        precedent(h, width, &w);
                }
        }
}

/* ---------- R: a ruling, with the rule it reads ---------- */

/* The rule the chair is most likely ruling on: the one the last refusal rested on, else the
 * one the open ballot's question falls under; NULL if none. */
static const char *guess_rule(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        if (!m)
                return NULL;
        const struct profile *p = &app_state(t->app)->bodies[m->body].profile;
        (void)p;
        if (t->msg_kind == MK_DENIED && t->reply_rule < R__COUNT)
                return profile_rule_name(t->reply_rule);
        if (m->open_ballot >= 0) {
                switch (m->subjects[m->ballots[m->open_ballot].subject].kind) {
                case SK_CLOSURE:
                        return profile_rule_name(R_CLOSURE_DEMAND);
                case SK_DENY:
                        return profile_rule_name(R_CALLS_BEFORE_DENIAL);
                case SK_ORDER:
                        return profile_rule_name(R_ORDER_DEMAND);
                case SK_DISQ:
                        return profile_rule_name(R_DISQUALIFICATION);
                case SK_AMEND:
                case SK_SUB:
                        return profile_rule_name(R_VOTING_ORDER);
                case SK_PROC:
                        return profile_rule_name(R_PROCEDURAL_FIRST);
                default:
                        return profile_rule_name(R_MAJORITY);
                }
        }
        return NULL;
}

static void ruling_rule_done(struct tui *t, const char *rule)
{
        struct sb line = {0};
        sb_add(&line, "ruling ");
        script_quote(&line, t->prompt.ctx);
        while (*rule == ' ')
                rule++;
        if (*rule)
                sb_addf(&line, " rule=%s", rule);
        tui_exec(t, sb_str(&line));
        sb_free(&line);
}

static void ruling_text_done(struct tui *t, const char *text)
{
        if (!*text) {
                tui_message(t, MK_INFO, "%s", _("cancelled"));
                return;
        }
        const char *g = guess_rule(t);
        tui_prompt(t, _("The rule it reads (a profile key; empty for none): "), g ? g : "",
                   ruling_rule_done, text);
}

void tui_ruling_begin(struct tui *t)
{
        tui_prompt(t, _("Ruling of the chair: "), "", ruling_text_done, NULL);
}
