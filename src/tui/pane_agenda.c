/*
 * pane_agenda.c - the agenda: the meeting's items in treatment order, each with its
 * number, status, closed-door marker and reading. Enter takes the selected item.
 *
 * And the deadlines the rules set before the body's planned and open meetings
 * (deadlines_for_meeting; "today" is the clock's, or PROTOKOL_NOW's): above the items of a
 * planned meeting its own deadlines; otherwise the next one ahead below the items; and
 * the deadlines view (F) with every one of them, its meeting and the rule's § and text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

/* One column that says where an item stands: '>' under treatment, '*' decided, ... */
static const char *status_mark(const struct item *it)
{
        switch (it->status) {
        case IS_PENDING:
                return " ";
        case IS_DEBATE:
                return "▶";
        case IS_DECIDED:
                return "✓";
        case IS_POSTPONED:
                return "~";
        case IS_REFERRED:
                return "→";
        case IS_WITHDRAWN:
                return "✗";
        }
        return "?";
}

/* ---------- deadlines ---------- */

/* How a deadline stands today ("passed", "today", "in 4 days"; the agenda's dispatch
 * when it is recorded), into buf; its colour. */
static enum tui_color standing(const struct pk_state *s, const struct tui_deadline *d, pk_day today,
                               char *buf, size_t n)
{
        const struct meeting *m = &s->meetings[d->meeting];
        int days = (int)(d->day - today);
        if (d->key == DK_AGENDA_DISPATCH && m->dispatched) {
                snprintf(buf, n, "%s", m->dispatch_late ? _("sent late") : _("sent"));
                return m->dispatch_late ? TC_DENIED : TC_DIM;
        }
        if (days < 0) {
                snprintf(buf, n, "%s", _("passed"));
                return TC_DIM;
        }
        if (days == 0)
                snprintf(buf, n, "%s", _("today"));
        else if (days == 1)
                snprintf(buf, n, "%s", _("tomorrow"));
        else
                snprintf(buf, n, _("in %d days"), days);
        return days <= 1 ? TC_WARN : TC_OK;
}

struct wrapctx {
        struct rows *out;
        enum tui_color c;
};

static void add_line(void *ctx, const char *line)
{
        struct wrapctx *w = ctx;
        rows_add(w->out, line, NULL, w->c, TC_NORMAL, false, -1);
}

/* Above a planned meeting's items: its deadlines, each with how it stands. */
static void meeting_deadlines(struct tui *t, struct pane *p, struct rows *out)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        if (!m || m->state != MS_PLANNED)
                return;
        pk_day today = tui_today();
        struct tui_deadline *d;
        int n = tui_deadlines(s, m->body, &d), shown = 0, cw = p->w - 1;
        for (int i = 0; i < n; i++) {
                if (d[i].meeting != s->cur_meeting)
                        continue;
                char when[64], left[128], day[11];
                if (!shown++) {
                        cal_format(today, day);
                        snprintf(left, sizeof left, _("Deadlines (today %s)"), day);
                        rows_add(out, left, NULL, TC_TITLE, TC_NORMAL, false, -1);
                }
                enum tui_color c = standing(s, &d[i], today, when, sizeof when);
                cal_format(d[i].day, day);
                snprintf(left, sizeof left, "%s %s", day, deadline_key_label(d[i].key));
                /* the date says it: "in N days" only where it fits */
                if (d[i].day > today + 1 && tui_width(left) + 1 + tui_width(when) > cw)
                        when[0] = '\0';
                rows_add(out, left, when, d[i].day < today ? TC_DIM : TC_NORMAL, c, false, -1);
        }
        if (shown)
                rows_add(out, "", NULL, TC_NORMAL, TC_NORMAL, false, -1);
        free(d);
}

/*
 * Below the items: the body's next deadline ahead, unless it is one of the planned meeting's
 * own shown above.
 */
static void next_deadline(struct tui *t, struct pane *p, struct rows *out)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        pk_day today = tui_today();
        struct tui_deadline *d;
        int n = tui_deadlines(s, tui_body(t), &d);
        for (int i = 0; i < n; i++) {
                if (d[i].day < today)
                        continue;
                if (m && m->state == MS_PLANNED && d[i].meeting == s->cur_meeting)
                        break;
                const struct meeting *dm = &s->meetings[d[i].meeting];
                char when[64], day[11], mday[11], line[300];
                standing(s, &d[i], today, when, sizeof when);
                cal_format(d[i].day, day);
                cal_format(dm->date, mday);
                snprintf(line, sizeof line, _("next deadline: %s %s (%s), meeting %d on %s"), day,
                         deadline_key_label(d[i].key), when, d[i].meeting + 1, mday);
                struct wrapctx w = {out, TC_DIM};
                add_line(&w, "");
                tui_wrap(line, p->w - 1, add_line, &w);
                break;
        }
        free(d);
}

/* ---------- the agenda ---------- */

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        const struct meeting *m = tui_meeting(t);
        if (!m) {
                rows_add(out, _("no meeting: create one with : meeting YYYY-MM-DD HH:MM"), NULL,
                         TC_DIM, TC_NORMAL, false, -1);
                next_deadline(t, p, out);
                return;
        }
        meeting_deadlines(t, p, out);
        if (m->nitems == 0)
                rows_add(out, _("no items yet: add one with : item \"TITLE\""), NULL, TC_DIM,
                         TC_NORMAL, false, -1);
        for (int i = 0; i < m->nitems; i++) {
                int k = m->order ? m->order[i] : i;
                const struct item *it = &m->items[k];
                char left[600], right[64] = "";
                if (t->public_view && it->closed) {
                        /* the projector: a closed item by its number and public title only */
                        snprintf(left, sizeof left, "%s%2d %s%s", status_mark(it), it->number,
                                 _("[closed] "),
                                 it->public_title ? it->public_title : _("Closed item"));
                        rows_add(out, left, NULL, TC_DIM, TC_DIM, true, k);
                        continue;
                }
                /* the case number, and marks for an urgent item and a late proposal */
                snprintf(left, sizeof left, "%s%2d %s%s%s%s%s%s", status_mark(it), it->number,
                         it->urgent ? _("[urgent] ") : "", it->late_proposal ? _("[late] ") : "",
                         it->closed ? _("[closed] ") : "", it->title,
                         it->case_id && !t->public_view ? " · " : "",
                         it->case_id && !t->public_view ? it->case_id : "");
                if (it->reading == 1)
                        snprintf(right, sizeof right, "%s", _("1st rdg"));
                else if (it->reading == 2)
                        snprintf(right, sizeof right, "%s", _("2nd rdg"));
                if (it->status != IS_PENDING && it->status != IS_DEBATE)
                        snprintf(right + strlen(right), sizeof right - strlen(right), "%s%s",
                                 right[0] ? " " : "", engine_item_status_name(it->status));
                enum tui_color c = it->status == IS_DEBATE    ? TC_OK
                                   : it->status == IS_PENDING ? TC_NORMAL
                                                              : TC_DIM;
                rows_add(out, left, right, c, TC_DIM, true, k);
        }
        next_deadline(t, p, out);
}

/* The item number under the cursor, or -1. */
static int cursor_item(struct tui *t, struct pane *p)
{
        const struct meeting *m = tui_meeting(t);
        if (!m || p->cursor < 0 || p->cursor >= p->rows.n)
                return -1;
        int k = p->rows.v[p->cursor].payload;
        return k >= 0 && k < m->nitems ? m->items[k].number : -1;
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        if (a != TA_SELECT)
                return TH_UNHANDLED;
        int n = cursor_item(t, p);
        if (n < 0)
                return TH_HANDLED;
        char line[32];
        snprintf(line, sizeof line, "take %d", n);
        tui_exec(t, line);
        return TH_HANDLED | TH_REDRAW;
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        const struct meeting *m = tui_meeting(t);
        if (!m) {
                snprintf(buf, n, "%s", _("Agenda"));
                return;
        }
        char d[11];
        cal_format(m->date, d);
        /* the meeting's number too where it fits (the header has it from 100 columns) */
        snprintf(buf, n, _("Agenda · meeting %d, %s %02d:%02d"), app_state(t->app)->cur_meeting + 1,
                 d, m->minute / 60, m->minute % 60);
        if (tui_width(buf) + 2 > p->w - 1)
                snprintf(buf, n, _("Agenda · %s %02d:%02d"), d, m->minute / 60, m->minute % 60);
}

const struct pane_ops pane_agenda_ops = {
    .name = "agenda",
    .title = N_("Agenda"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};

/* ---------- the deadlines view ---------- */

/* Appends s padded with spaces to width columns. */
static void pad(struct sb *b, const char *s, int width)
{
        sb_add(b, s);
        for (int w = tui_width(s); w < width; w++)
                sb_add(b, " ");
}

static void deadlines_build(struct tui *t, struct pane *p, struct rows *out)
{
        const struct pk_state *s = app_state(t->app);
        int body = tui_body(t), width = p->w - 1;
        struct wrapctx w = {out, TC_DIM};
        if (body < 0) {
                tui_wrap(_("no body yet: create one with : body \"NAME\" profile=PROFILE"), width,
                         add_line, &w);
                return;
        }
        const struct profile *pr = &s->bodies[body].profile;
        pk_day today = tui_today();
        struct tui_deadline *d;
        int n = tui_deadlines(s, body, &d);
        if (n == 0) {
                tui_wrap(_("no deadlines: no planned or open meeting of this body has one (plan a "
                           "meeting with : plan YYYY-MM-DD HH:MM)"),
                         width, add_line, &w);
                return;
        }
        int kw = 0, cw = 0;
        bool used[DK__COUNT] = {false};
        for (int i = 0; i < n; i++) {
                int k = tui_width(deadline_key_label(d[i].key)),
                    c = tui_width(pr->rules[d[i].rule].cite);
                kw = k > kw ? k : kw;
                cw = c > cw ? c : cw;
                used[d[i].key] = true;
        }
        /* the ones ahead, then those passed before a meeting that is still to be held */
        for (int pass = 0; pass < 2; pass++) {
                bool any = false;
                for (int i = 0; i < n; i++) {
                        if ((d[i].day < today) != (pass == 1))
                                continue;
                        if (!any) {
                                if (pass == 1)
                                        add_line(&w, "");
                                w.c = TC_TITLE;
                                add_line(&w, pass == 0
                                                 ? _("Ahead")
                                                 : _("Passed (the meeting is still to come)"));
                                any = true;
                        }
                        const struct meeting *m = &s->meetings[d[i].meeting];
                        char day[11], mday[11], when[64], mtg[128];
                        cal_format(d[i].day, day);
                        cal_format(m->date, mday);
                        enum tui_color c = standing(s, &d[i], today, when, sizeof when);
                        snprintf(mtg, sizeof mtg, _("meeting %d, %s"), d[i].meeting + 1, mday);
                        struct sb line = {0};
                        sb_addf(&line, "  %s  ", day);
                        pad(&line, deadline_key_label(d[i].key), kw);
                        sb_add(&line, "  ");
                        pad(&line, pr->rules[d[i].rule].cite, cw);
                        sb_addf(&line, "  %s", mtg);
                        rows_add(out, sb_str(&line), when, pass ? TC_DIM : TC_NORMAL, c, false, -1);
                        sb_free(&line);
                }
        }
        /* what each deadline is, in the profile's words */
        add_line(&w, "");
        w.c = TC_TITLE;
        add_line(&w, _("The rules"));
        for (int k = 0; k < DK__COUNT; k++) {
                if (!used[k])
                        continue;
                enum rule_id rid = deadline_key_rule((enum deadline_key)k);
                const struct rule *r = &pr->rules[rid];
                const char *text = profile_rule_text(pr, rid);
                char line[800];
                if (r->cite[0])
                        snprintf(line, sizeof line, "  %s (%s): %s", deadline_key_label(k), r->cite,
                                 text);
                else
                        snprintf(line, sizeof line, "  %s: %s", deadline_key_label(k), text);
                w.c = TC_NORMAL;
                tui_wrap(line, width, add_line, &w);
        }
        free(d);
}

static void deadlines_title(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        const struct pk_state *s = app_state(t->app);
        int body = tui_body(t);
        char day[11];
        cal_format(tui_today(), day);
        if (body < 0)
                snprintf(buf, n, _("Deadlines · today %s"), day);
        else
                snprintf(buf, n, _("Deadlines of %s (%s) · today %s"), s->bodies[body].name,
                         s->bodies[body].profile.name, day);
}

const struct pane_ops pane_deadlines_ops = {
    .name = "deadlines",
    .title = N_("Deadlines"),
    .build = deadlines_build,
    .title_text = deadlines_title,
};
