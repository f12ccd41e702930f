/*
 * rules/floor.c - the floor: `speaker` (asking for the floor), `next` (giving it),
 * `call-to-order`, `deny-floor` and `closure` (closing the debate).
 *
 * Before the first item is taken, `speaker` and `next` act on the floor on the agenda.
 *
 * Rules: R_SPEAKERS, R_CALLS_BEFORE_DENIAL, R_CLOSURE_DEMAND, R_AGENDA_FLOOR.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* The speakers' list the floor verbs act on: the item's under treatment, or, before the first
 * item is taken, the meeting's list on the agenda (R_AGENDA_FLOOR). */
struct floor_list {
        int **queue;
        int *n;
        int *holder;
};

static struct floor_list floor_of(struct meeting *m)
{
        if (m->current >= 0) {
                struct item *it = &m->items[m->current];
                return (struct floor_list){&it->speakers, &it->nspeakers, &it->speaker};
        }
        return (struct floor_list){&m->agenda_speakers, &m->nagenda_speakers, &m->agenda_speaker};
}

/* Has an item of the meeting been taken up (the start of the meeting is over)? */
static bool items_begun(const struct meeting *m)
{
        for (int i = 0; i < m->nitems; i++)
                if (!m->items[i].dropped && m->items[i].status != IS_PENDING)
                        return true;
        return false;
}

/* In the room: seated, or an observer present (R_OBSERVERS: attends and may be given the floor,
 * without a seat or a vote). */
static bool in_room(const struct pk_state *s, const struct meeting *m, int k)
{
        return eng_seated(s, m, k) ||
               (s->members[k].role == ROLE_OBSERVER && eng_catt(m, k)->status == ATT_PRESENT);
}

/* Verbs speaker and next without an item: the floor on the agenda at the start of the meeting.
 * Rules: R_AGENDA_FLOOR. */
static bool agenda_floor_open(const struct meeting *m, const struct profile *p, struct why *why)
{
        if (!profile_int(p, R_AGENDA_FLOOR)) {
                why_add(why, "%s", _("no item is under treatment: take one with take N"));
                return false;
        }
        if (items_begun(m)) {
                eng_why(why, p, R_AGENDA_FLOOR,
                        _("no item is under treatment, and the floor on the agenda is asked for "
                          "only at the start of the meeting, before the first item is taken"));
                return false;
        }
        return true;
}

/* Verb: speaker. Rules: R_CLOSURE_DEMAND (no one asks for the floor after closure),
 * R_AGENDA_FLOOR (without an item: on the agenda, at the start of the meeting). */
bool chk_speaker(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m->current < 0)
                return agenda_floor_open(m, p, why);
        if (m->items[m->current].debate_closed) {
                eng_why(why, p, R_CLOSURE_DEMAND, _("the debate has been closed"));
                return false;
        }
        return true;
}

/* Verb: next. */
bool chk_next(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m->current < 0 && !agenda_floor_open(m, p, why))
                return false;
        int n = m->current >= 0 ? m->items[m->current].nspeakers : m->nagenda_speakers;
        if (n == 0) {
                why_add(why, "%s", _("no one has asked for the floor"));
                return false;
        }
        return true;
}

/* Verb: closure. */
bool chk_closure(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->items[m->current].debate_closed) {
                why_add(why, "%s", _("the debate is already closed"));
                return false;
        }
        return true;
}

/*
 * Verb: speaker "NAME"... (its check: chk_speaker).
 * Rules: R_AGENDA_FLOOR, R_CALLS_BEFORE_DENIAL, R_CLOSURE_DEMAND, R_DISQUALIFICATION, R_SPEAKERS.
 * Needs: PN_OPEN (verbs.c).
 *
 * One name: the member asks for the floor and is entered last in line. Several names: they asked
 * at the same time, and the chair orders them (seeds 003/004 § 4, stk. 3): they are entered in
 * the order named.
 */
enum pk_result h_speaker(struct ctx *c)
{
        struct meeting *m = c->m;
        struct floor_list f = floor_of(m);
        int n = c->a->npos;
        int *ks = pk_xmalloc((size_t)n * sizeof(int));
        enum pk_result r = PK_OK;
        for (int j = 0; j < n && r == PK_OK; j++) {
                const char *name = eng_pos(c, j);
                int k = eng_member_arg(c, name);
                if (k < 0)
                        r = PK_ERROR;
                else if (eng_in_list(ks, j, k))
                        r = eng_err(c, _("\"%s\" is named twice"), name);
                else if (!in_room(c->s, m, k))
                        r = eng_deny(c, NO_RULE, _("\"%s\" is not present"), name);
                else if (m->current >= 0 && eng_inhabil(m, m->current, k))
                        r = eng_deny(
                            c, R_DISQUALIFICATION,
                            _("\"%s\" is disqualified for this item and has left the room"), name);
                else if (eng_catt(m, k)->denied)
                        r = eng_deny(c, R_CALLS_BEFORE_DENIAL,
                                     _("\"%s\" has been denied the floor for this meeting"), name);
                else if (eng_in_list(*f.queue, *f.n, k))
                        r = eng_deny(c, NO_RULE, _("\"%s\" is already on the list of speakers"),
                                     name);
                ks[j] = k;
        }
        if (r != PK_OK) {
                free(ks);
                return r;
        }
        *f.queue = pk_xrealloc(*f.queue, (size_t)(*f.n + n) * sizeof(int));
        for (int j = 0; j < n; j++)
                (*f.queue)[(*f.n)++] = ks[j];
        free(ks);
        const char *on = m->current < 0 ? _(" on the agenda") : "";
        if (n == 1)
                sb_addf(c->msg, _("\"%s\" asks for the floor%s (%d in line)"), eng_pos(c, 0), on,
                        *f.n);
        else {
                for (int j = 0; j < n; j++)
                        sb_addf(c->msg, "%s\"%s\"", j ? ", " : "", eng_pos(c, j));
                sb_addf(c->msg,
                        _(" ask for the floor%s at the same time, in the chair's order (%d to %d "
                          "in line)"),
                        on, *f.n - n + 1, *f.n);
        }
        /* the rules the entry rests on: the chair's order of simultaneous requests, the floor on
         * the agenda */
        const char *cites[2] = {n > 1 ? c->p->rules[R_SPEAKERS].cite : "",
                                m->current < 0 ? c->p->rules[R_AGENDA_FLOOR].cite : ""};
        int shown = 0;
        for (int j = 0; j < 2; j++)
                if (cites[j][0] && strcmp(cites[j], "-"))
                        sb_addf(c->msg, "%s%s", shown++ ? "; " : " (", cites[j]);
        if (shown)
                sb_add(c->msg, ")");
        return PK_OK;
}

/*
 * Verb: next ["NAME"] (its check: chk_next).
 * Rules: R_AGENDA_FLOOR, R_SPEAKERS.
 * Needs: PN_OPEN (verbs.c).
 *
 * The floor goes to the first in line; where the chair gives it by choice ("chair"), to anyone
 * waiting. Where it goes in the order asked ("request-order"), requests made at the same time are
 * entered in the order the chair decides, and `next "NAME"` may only name the first in line.
 */
enum pk_result h_next(struct ctx *c)
{
        struct floor_list f = floor_of(c->m);
        int at = 0;
        if (c->a->npos > 1)
                return eng_err(c, "%s", _("next gives the floor to one speaker"));
        if (c->a->npos == 1) {
                int k = eng_member_arg(c, eng_pos(c, 0));
                if (k < 0)
                        return PK_ERROR;
                for (at = 0; at < *f.n && (*f.queue)[at] != k; at++)
                        ;
                if (at == *f.n)
                        return eng_deny(c, NO_RULE, _("\"%s\" has not asked for the floor"),
                                        eng_pos(c, 0));
                if (at > 0 && strcmp(c->p->rules[R_SPEAKERS].sval, "chair") != 0)
                        return eng_deny(c, R_SPEAKERS,
                                        _("the floor is given in the order it was asked for: "
                                          "\"%s\" is first in line"),
                                        c->s->members[(*f.queue)[0]].name);
        }
        *f.holder = (*f.queue)[at];
        if (c->m->current >= 0)
                c->m->items[c->m->current].debate_begun = true;
        memmove(*f.queue + at, *f.queue + at + 1, (size_t)(*f.n - at - 1) * sizeof(int));
        (*f.n)--;
        if (c->m->current < 0)
                sb_addf(c->msg, _("\"%s\" has the floor on the agenda"),
                        c->s->members[*f.holder].name);
        else
                sb_addf(c->msg, _("\"%s\" has the floor"), c->s->members[*f.holder].name);
        return PK_OK;
}

/*
 * Verb: call-to-order.
 * Rules: R_CALLS_BEFORE_DENIAL.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_call_to_order(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!eng_seated(c->s, m, k))
                return eng_deny(c, NO_RULE, _("\"%s\" is not present"), eng_pos(c, 0));
        struct attendance *a = eng_att(m, k);
        a->calls++;
        eng_t_att(c->s, MI(c), k);
        int limit = profile_int(c->p, R_CALLS_BEFORE_DENIAL);
        if (a->calls <= 3)
                sb_addf(c->msg, _("\"%s\" called to order (%s time in this meeting)"),
                        eng_pos(c, 0), eng_ordinal(a->calls));
        else
                sb_addf(c->msg, _("\"%s\" called to order (%d times in this meeting)"),
                        eng_pos(c, 0), a->calls);
        if (limit > 0 && a->calls >= limit)
                sb_addf(c->msg, _("; the council may now deny the member the floor (%s)"),
                        c->p->rules[R_CALLS_BEFORE_DENIAL].cite);
        return PK_OK;
}

/*
 * Verb: deny-floor.
 * Rules: R_CALLS_BEFORE_DENIAL.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_deny_floor(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = eng_att(m, k);
        if (a->denied)
                return eng_deny(c, NO_RULE, _("\"%s\" has already been denied the floor"),
                                eng_pos(c, 0));
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_DENY && m->subjects[i].status == SS_OPEN &&
                    m->subjects[i].target == k)
                        return eng_deny(c, NO_RULE,
                                        _("denying \"%s\" the floor is already proposed (%s)"),
                                        eng_pos(c, 0), m->subjects[i].id);
        int limit = profile_int(c->p, R_CALLS_BEFORE_DENIAL);
        if (limit == 0) {
                a->denied = true;
                eng_t_att(c->s, MI(c), k);
                eng_drop_speaker(m, k);
                sb_addf(c->msg, _("\"%s\" denied the floor by the chair"), eng_pos(c, 0));
                const char *ct = c->p->rules[R_CALLS_BEFORE_DENIAL].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                return PK_OK;
        }
        if (a->calls < limit)
                return eng_deny(c, R_CALLS_BEFORE_DENIAL,
                                _("\"%s\" has been called to order %d time(s) in this meeting; the "
                                  "floor can be denied after %d"),
                                eng_pos(c, 0), a->calls, limit);
        char id[16], text[256];
        snprintf(id, sizeof id, "D%d", ++m->next_deny);
        snprintf(text, sizeof text, N_("deny \"%s\" the floor for the rest of the meeting"),
                 eng_pos(c, 0));
        struct subject *sj = eng_add_subject(m, SK_DENY, -1, id, text, NULL);
        sj->target = k;
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: %s"), id, text);
        return PK_OK;
}

/*
 * Verb: closure (its check: chk_closure).
 * Rules: R_CLOSURE_DEMAND.
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_closure(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_CLOSURE && m->subjects[i].status == SS_OPEN &&
                    m->subjects[i].item == m->current)
                        return eng_deny(c, NO_RULE, _("closure is already proposed (%s)"),
                                        m->subjects[i].id);
        int need = profile_int(c->p, R_CLOSURE_DEMAND);
        if (need == 0) {
                it->debate_closed = true;
                it->nspeakers = 0;
                it->speaker = -1;
                sb_add(c->msg, _("debate closed by the chair"));
                const char *ct = c->p->rules[R_CLOSURE_DEMAND].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                return PK_OK;
        }
        const struct opt *o = action_optv(c->a, "by");
        int d = o ? eng_demanders(c, R_CLOSURE_DEMAND, _("closure of the debate")) : 0;
        if (d < 0)
                return d == -2 ? PK_ERROR : PK_DENIED;
        char id[16];
        snprintf(id, sizeof id, "C%d", ++it->next_closure);
        eng_add_subject(m, SK_CLOSURE, m->current, id, N_("close the debate"), NULL);
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: closure of the debate, voted now"), id);
        return PK_OK;
}
