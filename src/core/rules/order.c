/*
 * rules/order.c - the order of items and the end of an item: `take` (the next item, closed items
 * last), `move` and `order-vote` (the council's vote on the order of items), and `postpone`,
 * `refer`, `withdraw` and `done` (an item's end, an election's lot first).
 *
 * Rules: R_ORDER_DEMAND, R_CLOSED_LAST, R_AGENDA_FLOOR, R_MEETINGS_PUBLIC, R_ELECTION_LOT,
 * R_QUORUM_PERCENT (a written hearing decides with answers from half the seats).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/i18n.h"

static bool no_item_running(const struct meeting *m, struct why *why)
{
        if (m->current >= 0) {
                why_add(why,
                        _("item %d is still under treatment: end it with done, postpone, refer or "
                          "withdraw"),
                        m->items[m->current].number);
                return false;
        }
        return true;
}

/* Verb: take. Rules: R_ORDER_DEMAND (a demanded vote on the order is taken first). */
bool chk_take(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)a;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN) {
                        eng_why(why, p, R_ORDER_DEMAND,
                                _("the vote on the order of items (%s) is taken first"),
                                m->subjects[i].id);
                        return false;
                }
        return no_item_running(m, why);
}

/* Verb: close (lifecycle.c) shares the item check. */
bool eng_no_item_running(const struct meeting *m, struct why *why)
{
        return no_item_running(m, why);
}

/* Verb: move. */
bool chk_move(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->nitems < 2) {
                why_add(why, "%s", _("there is nothing to reorder"));
                return false;
        }
        return true;
}

/* Verb: order-vote. Rules: R_ORDER_DEMAND (where the chair alone orders the items, none). */
bool chk_order_vote(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                    const struct action *a, struct why *why)
{
        (void)s, (void)m, (void)a;
        if (profile_int(p, R_ORDER_DEMAND) == 0) {
                eng_why(why, p, R_ORDER_DEMAND, _("the chair decides the order of items"));
                return false;
        }
        return true;
}

/* Has the council voted on the order of items (§ 5, stk. 1)? Its order then binds the chair. */
static bool order_decided(const struct meeting *m)
{
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER &&
                    (m->subjects[i].status == SS_ADOPTED || m->subjects[i].status == SS_REJECTED))
                        return true;
        return false;
}

int engine_next_item(const struct pk_state *s, const struct meeting *m)
{
        if (!m)
                return -1;
        const struct body *b = engine_body_of(s, m);
        bool closed_last = b && profile_int(&b->profile, R_CLOSED_LAST) && !order_decided(m);
        int first = -1;
        for (int k = 0; k < m->nitems; k++) {
                int n = m->order ? m->order[k] : k;
                const struct item *it = &m->items[n];
                if (it->status != IS_PENDING || it->dropped)
                        continue;
                if (!closed_last || !it->closed)
                        return n;
                if (first < 0)
                        first = n;
        }
        return first;
}

/*
 * Verb: take (its check: chk_take).
 * Rules: R_CLOSED_LAST, R_MEETINGS_PUBLIC, R_ORDER_DEMAND.
 * Needs: PN_NO_BALLOT | PN_OPEN (verbs.c).
 */
enum pk_result h_take(struct ctx *c)
{
        struct meeting *m = c->m;
        enum pk_result r;
        int i = eng_pending_item_arg(c, 0, &r);
        if (i < 0)
                return r;
        struct item *it = &m->items[i];
        if (order_decided(m))
                for (int k = 0; k < m->nitems; k++) {
                        int n = m->order[k];
                        if (m->items[n].status != IS_PENDING)
                                continue;
                        if (n != i)
                                return eng_deny(c, R_ORDER_DEMAND,
                                                _("the council has decided the order of items: "
                                                  "item %d is next"),
                                                m->items[n].number);
                        break;
                }
        else if (profile_int(c->p, R_CLOSED_LAST) && it->closed)
                /* closed items come last unless the council has decided the order (§ 1, stk. 4
                 * with § 5, stk. 1): an open item still pending is taken first */
                for (int k = 0; k < m->nitems; k++) {
                        int n = m->order[k];
                        const struct item *o = &m->items[n];
                        if (o->status == IS_PENDING && !o->dropped && !o->closed)
                                return eng_deny(c, R_CLOSED_LAST,
                                                _("item %d is treated behind closed doors and "
                                                  "comes after the open items: item %d is still "
                                                  "pending (the council may decide otherwise "
                                                  "with a vote on the order of items)"),
                                                it->number, o->number);
                }
        m->current = i;
        it->status = IS_DEBATE;
        /* the floor on the agenda ends with the first item taken (R_AGENDA_FLOOR) */
        m->nagenda_speakers = 0;
        m->agenda_speaker = -1;
        eng_t_item(c->s, MI(c), i);
        bool was_closed = m->doors_closed;
        if (it->closed)
                m->doors_closed = true;
        else if (profile_int(c->p, R_MEETINGS_PUBLIC))
                m->doors_closed = false;
        if (it->reading == 1 && eng_find_subject(m, i, "R") < 0) {
                eng_add_subject(m, SK_READING, i, "R", N_("the case passes to the 2nd reading"),
                                NULL);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        sb_addf(c->msg, _("item %d \"%s\" under treatment"), it->number, it->title);
        if (it->reading)
                sb_addf(c->msg, _(" (reading %d)"), it->reading);
        if (it->closed && !was_closed)
                sb_add(c->msg, _(" (doors closed: closed item)"));
        else if (!m->doors_closed && was_closed)
                sb_add(c->msg, _(" (doors open)"));
        if (it->late_proposal)
                sb_add(c->msg, _("; note: the member's proposal was submitted after the deadline"));
        return PK_OK;
}

/*
 * Verb: move (its check: chk_move).
 * Rules: R_ORDER_DEMAND.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_move(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = eng_item_arg(c, 0);
        const char *to_s = action_opt(c->a, "to");
        if (i < 0)
                return PK_ERROR;
        if (order_decided(m))
                return eng_deny(c, R_ORDER_DEMAND, _("the council has decided the order of items"));
        if (!to_s)
                return eng_err(c, _("move needs to=K (the new place in the order)"));
        int to = atoi(to_s);
        if (to < 1 || to > m->nitems)
                return eng_err(c, _("to=%d is outside 1..%d"), to, m->nitems);
        int at = 0;
        for (int k = 0; k < m->nitems; k++)
                if (m->order[k] == i)
                        at = k;
        for (int k = at < to - 1 ? at : to - 1; k <= (at < to - 1 ? to - 1 : at); k++)
                eng_t_item(c->s, MI(c), m->order[k]);
        memmove(&m->order[at], &m->order[at + 1], (size_t)(m->nitems - at - 1) * sizeof(int));
        memmove(&m->order[to], &m->order[to - 1], (size_t)(m->nitems - to) * sizeof(int));
        m->order[to - 1] = i;
        if (m->state == MS_PLANNED)
                memcpy(m->agenda_order, m->order, (size_t)m->nitems * sizeof(int));
        sb_addf(c->msg, _("item %d moved to place %d; order: "), m->items[i].number, to);
        eng_order_text(m, m->order, c->msg);
        const char *ct = c->p->rules[R_ORDER_DEMAND].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

/*
 * Verb: order-vote (its check: chk_order_vote).
 * Rules: R_ORDER_DEMAND.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_order_vote(struct ctx *c)
{
        struct meeting *m = c->m;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN)
                        return eng_deny(c, NO_RULE,
                                        _("a vote on the order (%s) is already pending"),
                                        m->subjects[i].id);
        int d = eng_demanders(c, R_ORDER_DEMAND, _("a vote on the order of items"));
        if (d < 0)
                return d == -2 ? PK_ERROR : PK_DENIED;
        char id[16];
        snprintf(id, sizeof id, "O%d", ++m->next_order);
        struct sb t = {0};
        sb_add(&t, N_("the order of items: "));
        eng_order_text(m, m->order, &t);
        struct subject *sj = eng_add_subject(m, SK_ORDER, -1, id, sb_str(&t), NULL);
        sj->order = pk_xmalloc((size_t)m->nitems * sizeof(int));
        memcpy(sj->order, m->order, (size_t)m->nitems * sizeof(int));
        sj->norder = m->nitems;
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: vote on %s"), id, sb_str(&t));
        sb_free(&t);
        return PK_OK;
}

/*
 * Verb: done. Rules: R_ELECTION_LOT. An item is decided only when its election is: while a
 * lot is due, the election has no result and the item cannot be declared decided.
 */
bool chk_done(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)a;
        if (m->kind == MK_WRITTEN) {
                int n = m->items[m->current].nanswers, need = engine_quorum_need(s, m);
                if (n < need) {
                        eng_why(why, p, R_QUORUM_PERCENT,
                                _("%d written answer(s), %d needed to decide in writing"), n, need);
                        return false;
                }
        }
        const struct election *e = eng_election((struct meeting *)m);
        if (e && !e->done && engine_lot_pending(s, NULL, 0) > 0) {
                eng_why(why, p, R_ELECTION_LOT,
                        _("the election \"%s\" awaits its lot: draw it before the item is "
                          "decided"),
                        e->title);
                return false;
        }
        return true;
}

/*
 * Verbs: postpone, refer, withdraw, done (its check: chk_done).
 * Rules: R_ELECTION_LOT, R_QUORUM_PERCENT.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_end_item(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        eng_t_item(c->s, MI(c), m->current);
        eng_t_outcome(c->s, MI(c), m->current);
        switch (c->a->verb) {
        case V_POSTPONE:
                it->status = IS_POSTPONED;
                break;
        case V_REFER:
                it->status = IS_REFERRED;
                eng_set_str(&it->referred_to, eng_pos(c, 0));
                break;
        case V_WITHDRAW:
                it->status = IS_WITHDRAWN;
                break;
        default:
                it->status = IS_DECIDED;
                break;
        }
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].item == m->current && m->subjects[i].status == SS_OPEN &&
                    c->a->verb != V_DONE) {
                        m->subjects[i].status = SS_LAPSED;
                        eng_t_subject(c->s, MI(c), i);
                }
        m->last_item = m->current;
        m->current = -1;
        it->speaker = -1;
        it->nspeakers = 0;
        sb_addf(c->msg, _("item %d %s"), it->number, engine_item_status_name(it->status));
        if (m->kind == MK_WRITTEN && c->a->verb == V_DONE)
                eng_hearing_result(c, it);
        if (it->status == IS_REFERRED)
                sb_addf(c->msg, _(" to %s"), it->referred_to);
        eng_item_ended(c, it);
        return PK_OK;
}
