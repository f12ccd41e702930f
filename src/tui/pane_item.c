/*
 * pane_item.c - the item under treatment: its motion tree (procedural proposals,
 * closure and floor votes, the main proposal M with its amendments A1 and
 * sub-amendments A1.1 beneath), the voting order numbered 1., 2., ... for the subjects
 * still open, the results of the ones voted, and the speakers' list with who has the
 * floor. Enter (or b) on a subject opens the ballot on it, if the order allows.
 */
#include <stdio.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

static const char *subject_status(const struct subject *sj)
{
        switch (sj->status) {
        case SS_OPEN:
                return "";
        case SS_ADOPTED:
                return _("adopted");
        case SS_REJECTED:
                return _("rejected");
        case SS_LAPSED:
                return _("lapsed");
        }
        return "";
}

/* The result of the last closed ballot on subject k ("adopted 14-9-2"), or its status. */
static void result_text(const struct meeting *m, int k, char *buf, size_t n)
{
        const struct subject *sj = &m->subjects[k];
        snprintf(buf, n, "%s", subject_status(sj));
        for (int i = m->nballots - 1; i >= 0; i--) {
                const struct ballot *b = &m->ballots[i];
                if (b->subject != k)
                        continue;
                if (b->open)
                        snprintf(buf, n, "%s", _("voting now"));
                else
                        snprintf(buf, n, "%s %d-%d-%d", subject_status(sj), b->nfor, b->nagainst,
                                 b->nabstain);
                return;
        }
}

static void subject_row(struct rows *out, const struct meeting *m, int k, const int *order,
                        int norder, int depth)
{
        const struct subject *sj = &m->subjects[k];
        char num[16] = "   ";
        for (int i = 0; i < norder; i++)
                if (order[i] == k)
                        snprintf(num, sizeof num, "%2d.", i + 1);
        char left[700], right[64];
        snprintf(left, sizeof left, "%s %*s%s %s%s%s%s", num, depth * 2, "", sj->id,
                 /* the engine words the reading's subject in English (the record's language) */
                 sj->kind == SK_READING && sj->text ? _(sj->text)
                 : sj->text                         ? sj->text
                                                    : "",
                 sj->by ? " (" : "", sj->by ? sj->by : "", sj->by ? ")" : "");
        result_text(m, k, right, sizeof right);
        enum tui_color rc = sj->status == SS_ADOPTED    ? TC_FOR
                            : sj->status == SS_REJECTED ? TC_AGAINST
                            : sj->status == SS_LAPSED   ? TC_DIM
                                                        : TC_WARN;
        bool voting = m->open_ballot >= 0 && m->ballots[m->open_ballot].subject == k;
        rows_add(out, left, right, sj->status == SS_OPEN ? (voting ? TC_OK : TC_NORMAL) : TC_DIM,
                 rc, true, k);
}

static bool shown(const struct meeting *m, const struct subject *sj)
{
        if (sj->kind == SK_DENY || sj->kind == SK_ORDER)
                return sj->status == SS_OPEN || (m->current >= 0 && sj->item == m->current);
        return m->current >= 0 && sj->item == m->current;
}

/* Who has the floor (label with %s: the name, or "no one") and who waits, the first marked
 * as next. */
static void floor_rows(struct rows *out, const struct pk_state *s, const char *label, int holder,
                       const int *wait, int nwait)
{
        char b[700];
        snprintf(b, sizeof b, label, holder >= 0 ? s->members[holder].name : _("no one"));
        rows_add(out, b, NULL, holder >= 0 ? TC_OK : TC_DIM, TC_NORMAL, false, -1);
        for (int i = 0; i < nwait; i++) {
                snprintf(b, sizeof b, "  %d. %s", i + 1, s->members[wait[i]].name);
                rows_add(out, b, i == 0 ? _("next (n)") : NULL, TC_NORMAL, TC_DIM, false, -1);
        }
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        (void)p;
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        if (!m) {
                rows_add(out, _("no meeting"), NULL, TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->closed && t->public_view) {
                /* the projector shows nothing of a closed item but that it is closed */
                rows_add(out, _("treated behind closed doors"), NULL, TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        if (!it) {
                rows_add(out, _("no item under treatment"), NULL, TC_DIM, TC_NORMAL, false, -1);
                for (int i = 0; i < m->nitems; i++) {
                        int k = m->order ? m->order[i] : i;
                        if (m->items[k].status == IS_PENDING) {
                                char b[600];
                                const char *title = m->items[k].title;
                                if (t->public_view && m->items[k].closed)
                                        title = m->items[k].public_title ? m->items[k].public_title
                                                                         : _("Closed item");
                                snprintf(b, sizeof b, _("next: item %d %s (t takes it)"),
                                         m->items[k].number, title);
                                rows_add(out, b, NULL, TC_NORMAL, TC_NORMAL, false, -1);
                                break;
                        }
                }
        }
        int order[256];
        int norder = tui_voting_order(s, m, order, 256);
        /* meeting-level and procedural subjects first, then the motion tree */
        static const enum subject_kind first[] = {SK_ORDER,   SK_DENY, SK_DISQ,
                                                  SK_CLOSURE, SK_PROC, SK_READING};
        for (size_t f = 0; f < sizeof first / sizeof first[0]; f++)
                for (int k = 0; k < m->nsubjects; k++)
                        if (m->subjects[k].kind == first[f] && shown(m, &m->subjects[k]))
                                subject_row(out, m, k, order, norder, 0);
        for (int k = 0; k < m->nsubjects; k++) {
                if (m->subjects[k].kind != SK_MAIN || !shown(m, &m->subjects[k]))
                        continue;
                subject_row(out, m, k, order, norder, 0);
        }
        for (int k = 0; k < m->nsubjects; k++) {
                if (m->subjects[k].kind != SK_AMEND || !shown(m, &m->subjects[k]))
                        continue;
                subject_row(out, m, k, order, norder, 1);
                for (int j = 0; j < m->nsubjects; j++)
                        if (m->subjects[j].kind == SK_SUB && m->subjects[j].parent == k)
                                subject_row(out, m, j, order, norder, 2);
        }
        if (!it) {
                /* the floor on the agenda, before the first item (§ 5, stk. 2) */
                if (m->agenda_speaker >= 0 || m->nagenda_speakers > 0)
                        floor_rows(out, s, _("floor on the agenda: %s"), m->agenda_speaker,
                                   m->agenda_speakers, m->nagenda_speakers);
                return;
        }
        char b[700];
        if (m->open_ballot >= 0) {
                const struct subject *sj = &m->subjects[m->ballots[m->open_ballot].subject];
                snprintf(b, sizeof b, _("ballot open on %s (%s): v records the vote"), sj->id,
                         engine_subject_kind_name(sj->kind));
                rows_add(out, b, NULL, TC_WARN, TC_NORMAL, false, -1);
        } else if (norder > 0) {
                const struct subject *sj = &m->subjects[order[0]];
                snprintf(b, sizeof b, _("next vote: %s (%s)"), sj->id,
                         engine_subject_kind_name(sj->kind));
                rows_add(out, b, NULL, TC_DIM, TC_NORMAL, false, -1);
        }
        if (it->declared) {
                snprintf(b, sizeof b, _("declared: %s%s"), it->declared,
                         it->demanded ? _(" (a vote is demanded)") : "");
                rows_add(out, b, NULL, TC_NORMAL, TC_NORMAL, false, -1);
        }
        if (it->decision) {
                snprintf(b, sizeof b, _("decision: %s"), it->decision);
                rows_add(out, b, NULL, TC_NORMAL, TC_NORMAL, false, -1);
        }
        if (it->debate_closed)
                rows_add(out, _("the debate is closed"), NULL, TC_DIM, TC_NORMAL, false, -1);
        floor_rows(out, s, _("floor: %s"), it->speaker, it->speakers, it->nspeakers);
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        const struct meeting *m = tui_meeting(t);
        const struct item *it = m && m->current >= 0 ? &m->items[m->current] : NULL;
        if (!it) {
                snprintf(buf, n, "%s", _("Current item"));
                return;
        }
        if (t->public_view && it->closed) {
                snprintf(buf, n, _("Item %d%s%s: %s"), it->number, _(" [closed]"), "",
                         it->public_title ? it->public_title : _("Closed item"));
                return;
        }
        snprintf(buf, n, _("Item %d%s%s: %s"), it->number, it->closed ? _(" [closed]") : "",
                 it->reading == 1   ? _(" (1st reading)")
                 : it->reading == 2 ? _(" (2nd reading)")
                                    : "",
                 it->title);
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        if (a != TA_SELECT && a != TA_BALLOT)
                return TH_UNHANDLED;
        const struct meeting *m = tui_meeting(t);
        if (!m || p->cursor < 0 || p->cursor >= p->rows.n || p->rows.v[p->cursor].payload < 0)
                return a == TA_BALLOT ? TH_UNHANDLED : TH_HANDLED;
        const struct subject *sj = &m->subjects[p->rows.v[p->cursor].payload];
        char line[64];
        snprintf(line, sizeof line, "ballot %s", sj->id);
        if (tui_exec(t, line) == AR_OK)
                tui_vote_begin(t);
        return TH_HANDLED | TH_REDRAW;
}

const struct pane_ops pane_item_ops = {
    .name = "item",
    .title = N_("Current item"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};
