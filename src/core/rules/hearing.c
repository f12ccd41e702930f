/*
 * rules/hearing.c - a written hearing between meetings (KKR § 5, stk. 10): `answer` records a
 * member's answer by the deadline; `done` decides the item in writing from the answers.
 *
 * Rules: R_WRITTEN_HEARING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/i18n.h"

/*
 * The result of a written hearing (R_WRITTEN_HEARING) when its item is done: adopted by more
 * answers for than against (R_MAJORITY: abstentions are not cast); a tie as in a meeting
 * (R_TIE: where the chair's vote decides, the chair's answer). Writes it to the reply.
 */
void eng_hearing_result(struct ctx *c, struct item *it)
{
        int n[4] = {0};
        for (int k = 0; k < it->nanswers; k++)
                n[it->answers[k].choice]++;
        bool adopted = n[VC_FOR] > n[VC_AGAINST];
        bool chair = false;
        if (n[VC_FOR] == n[VC_AGAINST] && !strcmp(c->p->rules[R_TIE].sval, "chair-decides")) {
                int lead = engine_meeting_leader(c->s, c->m);
                for (int k = 0; k < it->nanswers; k++)
                        if (it->answers[k].member == lead && it->answers[k].choice != VC_ABSTAIN) {
                                adopted = it->answers[k].choice == VC_FOR;
                                chair = true;
                        }
        }
        it->hearing_result = adopted ? 1 : 2;
        sb_addf(c->msg, _(" in writing: %s, %d for, %d against, %d abstaining (%s)"),
                adopted ? _("adopted") : _("not adopted"), n[VC_FOR], n[VC_AGAINST], n[VC_ABSTAIN],
                c->p->rules[R_WRITTEN_HEARING].cite);
        if (chair)
                sb_addf(c->msg, _("; a tie, decided by the chair's answer (%s)"),
                        c->p->rules[R_TIE].cite);
}

/* Verb: answer. Only in a written hearing (R_WRITTEN_HEARING). */
bool chk_answer(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m->kind != MK_WRITTEN) {
                eng_why(why, p, R_WRITTEN_HEARING,
                        _("answers are given in a written hearing (meeting kind=written); in a "
                          "meeting the members vote"));
                return false;
        }
        return true;
}

/*
 * Verb: answer "NAME" for|against|abstain [on=DATE] (its check: chk_answer).
 * Rules: R_WRITTEN_HEARING.
 * Needs: PN_ITEM (verbs.c).
 *
 * A member's written answer on the item under treatment in a written hearing, given on DATE (else
 * the day it is recorded), by the hearing's deadline; each member answers once. Answering is
 * taking part: the member signs where all who attended sign.
 */
enum pk_result h_answer(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        const char *w = eng_pos(c, 1);
        enum vote_choice v = !strcmp(w, "for")       ? VC_FOR
                             : !strcmp(w, "against") ? VC_AGAINST
                             : !strcmp(w, "abstain") ? VC_ABSTAIN
                                                     : VC_NONE;
        if (v == VC_NONE)
                return eng_err(c, _("answer: \"%s\" is not one of for, against, abstain"), w);
        char today[11];
        snprintf(today, sizeof today, "%.10s", c->in->time ? c->in->time : "");
        const char *on = action_opt(c->a, "on") ? action_opt(c->a, "on") : today;
        pk_day day, dl;
        if (!cal_parse(on, &day))
                return eng_err(c, _("on: \"%s\" is not a valid date (YYYY-MM-DD)"), on);
        if (day < m->date)
                return eng_err(c, _("on: %s is before the hearing was sent"), on);
        if (!eng_holds_seat(&c->s->members[k]))
                return eng_deny(c, R_WRITTEN_HEARING,
                                _("\"%s\" holds no seat: the hearing is among the members"),
                                eng_pos(c, 0));
        for (int i = 0; i < it->nanswers; i++)
                if (it->answers[i].member == k)
                        return eng_deny(c, NO_RULE, _("\"%s\" has already answered"),
                                        eng_pos(c, 0));
        if (m->hearing_deadline && cal_parse(m->hearing_deadline, &dl) && day > dl)
                return eng_deny(c, R_WRITTEN_HEARING,
                                _("the answers were due by %s; \"%s\" answered on %s"),
                                m->hearing_deadline, eng_pos(c, 0), on);
        it->answers = pk_xrealloc(it->answers, (size_t)(it->nanswers + 1) * sizeof *it->answers);
        it->answers[it->nanswers++] = (struct written_answer){k, v, pk_xstrdup(on)};
        struct attendance *at = eng_att(m, k);
        at->attended = true;
        eng_t_att(c->s, MI(c), k);
        eng_t_item(c->s, MI(c), m->current);
        sb_addf(c->msg, _("\"%s\" answers %s in writing on %s (%d answer(s))"), eng_pos(c, 0), w,
                on, it->nanswers);
        return PK_OK;
}
