/*
 * rules/attendance.c - who is in the room: `present`, `absent`, `arrive`, `leave`,
 * `substitute` (a personal substitute takes the seat) and `inhabil` (disqualified for the item).
 *
 * Rules: R_QUORUM_PERCENT (seats), R_SUBSTITUTES, R_DISQUALIFICATION, R_ABSENTEES.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: substitute. Rules: R_SUBSTITUTES (only where the body has personal substitutes). */
bool chk_substitute(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                    const struct action *a, struct why *why)
{
        (void)s, (void)m, (void)a;
        if (!profile_int(p, R_SUBSTITUTES)) {
                eng_why(why, p, R_SUBSTITUTES, _("this body's rules have no personal substitutes"));
                return false;
        }
        return true;
}

/*
 * The seat member k takes in meeting m on its date: their own (*seat -1), or that of a member
 * on leave for whom they were called in (*seat that member). A member on leave, and one who
 * holds no seat that day (before they entered, after they left, a substitute of the list not
 * called in), is refused.
 */
static enum pk_result seat_for(struct ctx *c, int k, int *seat)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        char d[16];
        cal_format(m->date, d);
        *seat = -1;
        int l = engine_leave_sub_at(s, k, m->date);
        if (l >= 0) {
                *seat = s->leaves[l].member;
                return PK_OK;
        }
        l = engine_leave_at(s, k, m->date);
        if (l >= 0) {
                char f[16];
                cal_format(s->leaves[l].from, f);
                return eng_deny(c, R_SEAT_LEAVE,
                                _("\"%s\" is on leave from %s: \"%s\" holds the seat"),
                                s->members[k].name, f, s->members[s->leaves[l].sub].name);
        }
        if (s->members[k].principal >= 0 || engine_role_at(s, k, m->date) == ROLE_OBSERVER)
                return PK_OK; /* an observer attends without a seat */
        if (!engine_own_seat_at(s, k, m->date))
                return eng_deny(c, NO_RULE, _("\"%s\" holds no seat on %s"), s->members[k].name, d);
        return PK_OK;
}

/*
 * Verb: present.
 * Rules: R_SEAT_LEAVE, R_SUBSTITUTES.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_present(struct ctx *c)
{
        struct meeting *m = c->m;
        int idx[256], seat[256], n = 0;
        bool all = action_flag(c->a, "all"), except = action_flag(c->a, "except");
        if (!all && (except || c->a->npos == 0))
                return eng_err(c, "%s",
                               _("present: name the members, or write present all [except "
                                 "\"A\" \"B\"]"));
        if (all && !except && c->a->npos > 0)
                return eng_err(c, "%s", _("present all: the members left out follow except"));
        if (except && c->a->npos == 0)
                return eng_err(c, "%s", _("present all except: name the members left out"));
        for (int i = 0; i < c->a->npos; i++) {
                int k = eng_member_arg(c, eng_pos(c, i));
                if (k < 0)
                        return PK_ERROR;
                int st = -1;
                if (!all && seat_for(c, k, &st) != PK_OK)
                        return PK_DENIED;
                if (!all && st < 0 && c->s->members[k].principal >= 0)
                        return eng_deny(
                            c, R_SUBSTITUTES,
                            _("\"%s\" is a substitute: seat them with substitute \"%s\" "
                              "for \"%s\""),
                            eng_pos(c, i), eng_pos(c, i),
                            c->s->members[c->s->members[k].principal].name);
                int sub = all ? -1 : eng_seat_taken_by(c->s, m, k);
                if (sub >= 0)
                        return eng_deny(c, R_SUBSTITUTES,
                                        _("the seat of \"%s\" is taken by \"%s\""), eng_pos(c, i),
                                        c->s->members[sub].name);
                if (eng_in_list(idx, n, k))
                        return eng_err(c, _("\"%s\" is named twice"), eng_pos(c, i));
                if (n < 256) {
                        seat[n] = st;
                        idx[n++] = k;
                }
        }
        if (all) {
                /* every member of the body in their own seat, but those named */
                int left[256], nl = n;
                memcpy(left, idx, sizeof left);
                n = 0;
                for (int k = 0; k < c->s->nmembers && n < 256; k++) {
                        if (c->s->members[k].body != m->body || eng_in_list(left, nl, k) ||
                            !engine_sits_at(c->s, k, m->date) || eng_seat_taken_by(c->s, m, k) >= 0)
                                continue;
                        int l = engine_leave_sub_at(c->s, k, m->date);
                        if (l >= 0 && eng_catt(m, c->s->leaves[l].member)->status == ATT_PRESENT)
                                continue;
                        seat[n] = l >= 0 ? c->s->leaves[l].member : -1;
                        idx[n++] = k;
                }
        }
        char t[6];
        eng_hhmm(c->in->time, t);
        for (int i = 0; i < n; i++) {
                struct attendance *a = eng_att(m, idx[i]);
                eng_t_att(c->s, MI(c), idx[i]);
                if (a->status != ATT_PRESENT && eng_running(m))
                        eng_set_str(&a->arrived, t);
                a->status = ATT_PRESENT;
                if (seat[i] >= 0)
                        a->seat_of = seat[i];
                if (eng_running(m))
                        a->attended = true;
        }
        sb_addf(c->msg, _("%d of %d present"), engine_present(c->s, m), eng_seats_in(c->s, m));
        return PK_OK;
}

/*
 * Verb: absent.
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_absent(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = eng_att(m, k);
        if (a->status == ATT_PRESENT && eng_running(m))
                return eng_deny(c, NO_RULE, _("\"%s\" is present: record a departure with leave"),
                                eng_pos(c, 0));
        a->status = ATT_ABSENT;
        eng_set_str(&a->reason, action_opt(c->a, "reason"));
        eng_t_att(c->s, MI(c), k);
        sb_addf(c->msg, _("\"%s\" absent"), eng_pos(c, 0));
        if (a->reason)
                sb_addf(c->msg, " (%s)", a->reason);
        return PK_OK;
}

static enum pk_result arrive_leave(struct ctx *c, bool arrive)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = eng_att(m, k);
        char t[6];
        eng_hhmm(c->in->time, t);
        if (arrive) {
                int st = -1;
                if (seat_for(c, k, &st) != PK_OK)
                        return PK_DENIED;
                if (st < 0 && c->s->members[k].principal >= 0 && a->seat_of < 0)
                        return eng_deny(c, R_SUBSTITUTES,
                                        _("\"%s\" is a substitute: seat them with substitute"),
                                        eng_pos(c, 0));
                int sub = eng_seat_taken_by(c->s, m, k);
                if (sub >= 0)
                        return eng_deny(c, R_SUBSTITUTES,
                                        _("the seat of \"%s\" is taken by \"%s\""), eng_pos(c, 0),
                                        c->s->members[sub].name);
                if (a->status == ATT_PRESENT)
                        return eng_deny(c, NO_RULE, _("\"%s\" is already present"), eng_pos(c, 0));
                a->status = ATT_PRESENT;
                if (st >= 0)
                        a->seat_of = st;
                if (eng_running(m)) {
                        a->attended = true;
                        eng_set_str(&a->arrived, t);
                }
                eng_t_att(c->s, MI(c), k);
                sb_addf(c->msg, _("\"%s\" arrives: %d of %d present"), eng_pos(c, 0),
                        engine_present(c->s, m), eng_seats_in(c->s, m));
        } else {
                if (a->status != ATT_PRESENT)
                        return eng_deny(c, NO_RULE, _("\"%s\" is not present"), eng_pos(c, 0));
                if (m->open_ballot >= 0)
                        return eng_deny(c, NO_RULE,
                                        _("the ballot on %s is open: record the votes first"),
                                        m->subjects[m->ballots[m->open_ballot].subject].id);
                a->status = eng_running(m) ? ATT_LEFT : ATT_ABSENT;
                if (eng_running(m))
                        eng_set_str(&a->left, t);
                eng_t_att(c->s, MI(c), k);
                eng_drop_speaker(m, k);
                sb_addf(c->msg, _("\"%s\" leaves: %d of %d present"), eng_pos(c, 0),
                        engine_present(c->s, m), eng_seats_in(c->s, m));
        }
        return PK_OK;
}

/*
 * Verb: arrive.
 * Rules: R_SEAT_LEAVE, R_SUBSTITUTES.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_arrive(struct ctx *c)
{
        return arrive_leave(c, true);
}

/*
 * Verb: leave.
 * Rules: R_SEAT_LEAVE, R_SUBSTITUTES.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_leave(struct ctx *c)
{
        return arrive_leave(c, false);
}

/*
 * Verb: substitute (its check: chk_substitute).
 * Rules: R_SEAT_LEAVE, R_SUBSTITUTES.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_substitute(struct ctx *c)
{
        struct meeting *m = c->m;
        if (strcmp(eng_pos(c, 1), "for") != 0)
                return eng_err(c, _("write substitute \"SUBSTITUTE\" for \"MEMBER\""));
        int sub = eng_member_arg(c, eng_pos(c, 0));
        if (sub < 0)
                return PK_ERROR;
        int k = eng_member_arg(c, eng_pos(c, 2));
        if (k < 0)
                return PK_ERROR;
        if (c->s->members[sub].principal != k)
                return eng_deny(c, R_SUBSTITUTES,
                                _("\"%s\" is not the personal substitute of \"%s\""), eng_pos(c, 0),
                                eng_pos(c, 2));
        int seat;
        if (seat_for(c, k, &seat) != PK_OK)
                return PK_DENIED;
        if (eng_catt(m, k)->status == ATT_PRESENT)
                return eng_deny(
                    c, R_SUBSTITUTES,
                    _("\"%s\" is present: a substitute sits only in a member's absence"),
                    eng_pos(c, 2));
        if (eng_catt(m, sub)->status == ATT_PRESENT)
                return eng_deny(c, NO_RULE, _("\"%s\" is already seated"), eng_pos(c, 0));
        struct attendance *am = eng_att(m, k);
        if (am->status == ATT_UNKNOWN)
                am->status = ATT_ABSENT;
        eng_t_att(c->s, MI(c), k);
        eng_t_att(c->s, MI(c), sub);
        struct attendance *as = eng_att(m, sub);
        as->status = ATT_PRESENT;
        as->seat_of = k;
        if (eng_running(m)) {
                as->attended = true;
                char t[6];
                eng_hhmm(c->in->time, t);
                eng_set_str(&as->arrived, t);
        }
        sb_addf(c->msg, _("\"%s\" takes the seat of \"%s\": %d of %d present"), eng_pos(c, 0),
                eng_pos(c, 2), engine_present(c->s, m), eng_seats_in(c->s, m));
        return PK_OK;
}

/* Records member k as disqualified for item ii, decided as how says; the member leaves the
 * list of speakers. */
void eng_set_inhabil(struct meeting *m, int ii, int k, enum disq_how how)
{
        struct item *it = &m->items[ii];
        if (k >= it->ninhabil) {
                int n = k + 8;
                it->inhabil = pk_xrealloc(it->inhabil, (size_t)n * sizeof(bool));
                it->inhabil_how = pk_xrealloc(it->inhabil_how, (size_t)n);
                for (int i = it->ninhabil; i < n; i++) {
                        it->inhabil[i] = false;
                        it->inhabil_how[i] = DH_LAW;
                }
                it->ninhabil = n;
        }
        it->inhabil[k] = true;
        it->inhabil_how[k] = (unsigned char)how;
        it->inhabil_set = true;
        int w = 0;
        for (int j = 0; j < it->nspeakers; j++)
                if (it->speakers[j] != k)
                        it->speakers[w++] = it->speakers[j];
        it->nspeakers = w;
        if (it->speaker == k)
                it->speaker = -1;
}

/*
 * Verb: inhabil.
 * Rules: R_DISQUALIFICATION.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 *
 * Where it follows from the law ("law"), the secretary records it. Where the council decides
 * ("council-decides"), the question is the council's: recorded as decided without a vote, or
 * (flag vote) tabled as a subject the council votes on, the member concerned taking part in that
 * vote; adopting it disqualifies.
 */
enum pk_result h_inhabil(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct item *it = &m->items[m->current];
        bool by_vote = action_flag(c->a, "vote"), without = action_flag(c->a, "without-vote");
        if (by_vote && without)
                return eng_err(
                    c, _("inhabil: vote and without-vote exclude each other: write one of them"));
        bool council = !strcmp(c->p->rules[R_DISQUALIFICATION].sval, "council-decides");
        if (!council && (by_vote || without))
                return eng_deny(c, R_DISQUALIFICATION,
                                _("under this body's rules disqualification follows from the law: "
                                  "the secretary records it, without a decision of the body"));
        if (eng_inhabil(m, m->current, k))
                return eng_deny(c, NO_RULE, _("\"%s\" is already disqualified for this item"),
                                eng_pos(c, 0));
        for (int i = 0; i < m->nsubjects; i++) {
                const struct subject *sj = &m->subjects[i];
                if (sj->kind != SK_DISQ || sj->item != m->current || sj->target != k)
                        continue;
                if (sj->status == SS_OPEN)
                        return eng_deny(c, R_DISQUALIFICATION,
                                        _("the question whether \"%s\" is disqualified is put "
                                          "to a vote (%s): open the ballot"),
                                        eng_pos(c, 0), sj->id);
                if (sj->status == SS_REJECTED)
                        return eng_deny(c, R_DISQUALIFICATION,
                                        _("the council has decided in a vote (%s) that \"%s\" is "
                                          "not disqualified for this item"),
                                        sj->id, eng_pos(c, 0));
        }
        const char *ct = c->p->rules[R_DISQUALIFICATION].cite;
        bool cite = ct[0] && strcmp(ct, "-");
        if (by_vote) {
                char id[16], text[256];
                snprintf(id, sizeof id, "I%d", ++it->next_disq);
                snprintf(text, sizeof text, N_("\"%s\" is disqualified for item %d"), eng_pos(c, 0),
                         it->number);
                struct subject *sj = eng_add_subject(m, SK_DISQ, m->current, id, text, NULL);
                sj->target = k;
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
                sb_addf(c->msg,
                        _("%s tabled: %s; the council decides by a vote, \"%s\" taking "
                          "part"),
                        id, text, eng_pos(c, 0));
                if (cite)
                        sb_addf(c->msg, " (%s)", ct);
                return PK_OK;
        }
        eng_set_inhabil(m, m->current, k, council ? DH_WITHOUT_VOTE : DH_LAW);
        if (council)
                sb_addf(c->msg,
                        _("the council decides without a vote that \"%s\" is disqualified for "
                          "item %d; \"%s\" leaves the room: %d of %d present"),
                        eng_pos(c, 0), it->number, eng_pos(c, 0), engine_present(c->s, m),
                        eng_seats_in(c->s, m));
        else
                sb_addf(c->msg,
                        _("\"%s\" disqualified for item %d and leaves the room: %d of %d present"),
                        eng_pos(c, 0), it->number, engine_present(c->s, m), eng_seats_in(c->s, m));
        if (cite)
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}
