/*
 * pane_attendance.c - attendance grouped by party: who is present, absent (with the
 * reason), gone, disqualified for the current item, which substitute holds whose seat,
 * who has the floor or is waiting for it, and calls to order. The cursor picks the
 * member for the member actions (speaker, arrive, leave, inhabil, call to order, ...).
 */
#include <stdio.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

static const struct attendance *att_of(const struct meeting *m, int k)
{
        return m && k < m->natt ? &m->att[k] : NULL;
}

/* The row of member k: a mark, the name and role; flags on the right. */
static void member_row(struct tui *t, struct rows *out, int k, bool sub)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct member *mb = &s->members[k];
        const struct attendance *a = att_of(m, k);
        const struct item *it = m && m->current >= 0 ? &m->items[m->current] : NULL;
        /* the projector shows no disqualification and no reason for an absence */
        bool inhabil = it && k < it->ninhabil && it->inhabil[k] && !t->public_view;
        const char *mark = " ";
        enum tui_color c = TC_NORMAL;
        struct sb right = {0};
        if (a && a->status == ATT_PRESENT) {
                mark = "+";
        } else if (a && a->status == ATT_ABSENT) {
                mark = "-";
                c = TC_DIM;
                sb_add(&right, a->reason && !t->public_view ? a->reason : _("absent"));
        } else if (a && a->status == ATT_LEFT) {
                mark = "<";
                c = TC_DIM;
                sb_addf(&right, _("left %s"), a->left ? a->left : "");
        } else if (m && engine_leave_at(s, k, m->date) >= 0) {
                mark = "-";
                c = TC_DIM;
                sb_add(&right, _("on leave"));
        } else if (m) {
                mark = "?";
                c = TC_DIM;
        }
        if (inhabil) {
                mark = "x";
                c = TC_DIM;
                sb_addf(&right, "%s%s", right.len ? " " : "", _("inhabil"));
        }
        if (it && it->speaker == k) {
                sb_addf(&right, "%s%s", right.len ? " " : "", _("FLOOR"));
                c = TC_OK;
        }
        for (int i = 0; it && i < it->nspeakers; i++)
                if (it->speakers[i] == k)
                        sb_addf(&right, "%s#%d", right.len ? " " : "", i + 1);
        if (a && a->calls > 0)
                sb_addf(&right, "%s%s %d", right.len ? " " : "", _("calls"), a->calls);
        if (a && a->denied)
                sb_addf(&right, "%s%s", right.len ? " " : "", _("no floor"));
        if (a && a->signed_at && strlen(a->signed_at) >= 16)
                sb_addf(&right, "%s%s %.5s", right.len ? " " : "", _("signed"), a->signed_at + 11);
        char left[400];
        const char *role = engine_role_short(engine_role_at(s, k, m ? m->date : INT32_MAX));
        snprintf(left, sizeof left, "%s %s%s%s%s%s", mark, sub ? "↳ " : "", mb->name,
                 role ? " (" : "", role ? role : "", role ? ")" : "");
        if (sub && a && a->seat_of >= 0) {
                if (right.len)
                        sb_add(&right, " ");
                sb_addf(&right, _("substitute for %s"), s->members[a->seat_of].name);
        } else if (sub)
                sb_addf(&right, "%s%s", right.len ? " " : "", _("substitute"));
        rows_add(out, left, sb_str(&right), c, inhabil ? TC_WARN : TC_DIM, true, k);
        sb_free(&right);
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        (void)p;
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        int body = tui_body(t);
        if (body < 0) {
                rows_add(out, _("no body: create one with : body \"NAME\" profile=P"), NULL, TC_DIM,
                         TC_NORMAL, false, -1);
                return;
        }
        const char *parties[256];
        int np = tui_parties(s, body, m, parties, 256);
        pk_day day = m ? m->date : INT32_MAX;
        for (int pi = 0; pi < np; pi++) {
                int total = 0, present = 0;
                for (int k = 0; k < s->nmembers; k++)
                        if (s->members[k].body == body && engine_own_seat_at(s, k, day) &&
                            !strcmp(tui_party(s, m, k), parties[pi])) {
                                total++;
                                for (int j = 0; j < s->nmembers; j++)
                                        if (j == k || (m && j < m->natt && m->att[j].seat_of == k))
                                                present += tui_seated(s, m, j) ? 1 : 0;
                        }
                char head[300], right[64];
                snprintf(head, sizeof head, "%s", parties[pi]);
                snprintf(right, sizeof right, m ? _("%d/%d present") : _("%d/%d"),
                         m ? present : total, total);
                rows_add(out, head, right, TC_TITLE, TC_DIM, false, -1);
                for (int k = 0; k < s->nmembers; k++) {
                        if (s->members[k].body != body || !engine_own_seat_at(s, k, day) ||
                            strcmp(tui_party(s, m, k), parties[pi]))
                                continue;
                        member_row(t, out, k, false);
                        /* a personal substitute appears under the member once in the room */
                        for (int j = 0; j < s->nmembers; j++) {
                                const struct attendance *a = att_of(m, j);
                                int lv = engine_leave_sub_at(s, j, day);
                                if ((lv >= 0 && s->leaves[lv].member == k) ||
                                    (a && a->seat_of == k) ||
                                    (s->members[j].principal == k && a && a->status == ATT_PRESENT))
                                        member_row(t, out, j, true);
                        }
                }
        }
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        if (t->pick != TA_NONE)
                snprintf(buf, n, _("Attendance: pick a member (%s)"), tui_actions[t->pick].name);
        else
                snprintf(buf, n, "%s", _("Attendance"));
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        (void)p;
        if (a == TA_SELECT && t->pick != TA_NONE) {
                tui_member_action(t, t->pick);
                return TH_HANDLED | TH_REDRAW;
        }
        if (a == TA_SELECT) {
                /* Enter on a member: a request for the floor, the most frequent action */
                tui_member_action(t, TA_SPEAKER);
                return TH_HANDLED | TH_REDRAW;
        }
        return TH_UNHANDLED;
}

const struct pane_ops pane_attend_ops = {
    .name = "attendance",
    .title = N_("Attendance"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};
