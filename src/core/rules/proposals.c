/*
 * rules/proposals.c - what is put to the vote: `motion` (the main proposal), `amend`
 * (amendments and sub-amendments), `procedural` (referral, postponement), `rank` (the chair's
 * order among amendments) and `incompatible` (amendments that lapse after an adopted one).
 *
 * `amend-deadline` records the council's deadline for amendments to a 2nd reading; an amendment
 * after it needs the council's consent, and at a 2nd reading the amendments tabled before the
 * debate begins are announced by the chair.
 *
 * Rules: R_AMEND_UNTIL, R_VOTING_ORDER, R_PROCEDURAL_FIRST, R_AMEND_DEADLINE.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: motion. */
bool chk_motion(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (eng_find_subject(m, m->current, "M") >= 0) {
                why_add(why, "%s", _("the item already has a main proposal (M)"));
                return false;
        }
        return true;
}

/* Verb: amend. Rules: R_AMEND_UNTIL (amendments until voting on the item has begun). */
bool chk_amend(const struct pk_state *s, const struct meeting *m, const struct profile *p,
               const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m->items[m->current].voting_begun &&
            strcmp(p->rules[R_AMEND_UNTIL].sval, "voting-begins") == 0) {
                eng_why(why, p, R_AMEND_UNTIL, _("voting has begun"));
                return false;
        }
        return true;
}

/* Verb: incompatible. Rules: R_VOTING_ORDER (only after an amendment was adopted). */
bool chk_incompatible(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                      const struct action *a, struct why *why)
{
        (void)s, (void)a;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].item == m->current &&
                    (m->subjects[i].kind == SK_AMEND || m->subjects[i].kind == SK_SUB) &&
                    m->subjects[i].status == SS_ADOPTED)
                        return true;
        eng_why(why, p, R_VOTING_ORDER, _("no amendment has been adopted"));
        return false;
}

/*
 * Verb: motion (its check: chk_motion).
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_motion(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *by = action_opt(c->a, "by");
        if (by && eng_find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        eng_add_subject(m, SK_MAIN, m->current, "M", eng_pos(c, 0), by);
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_add(c->msg, _("M tabled (main proposal)"));
        return PK_OK;
}

/*
 * Verb: amend (its check: chk_amend).
 * Rules: R_AMEND_DEADLINE, R_AMEND_UNTIL, R_VOTING_ORDER.
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_amend(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        const char *to = action_opt(c->a, "to");
        const char *by = action_opt(c->a, "by");
        if (by && eng_find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        if (eng_voted_main(m))
                return eng_deny(c, R_AMEND_UNTIL, _("the main proposal has been voted"));
        /* R_AMEND_DEADLINE: submitted in writing on (else tabled at the meeting), against the
         * deadline the council set for the item, which binds sub-amendments where it said so */
        const char *sub_s = action_opt(c->a, "submitted");
        bool consented = action_flag(c->a, "consented");
        pk_day when = m->date, dl = 0;
        if (sub_s && !cal_parse(sub_s, &when))
                return eng_err(c, _("submitted: \"%s\" is not a valid date (YYYY-MM-DD)"), sub_s);
        if (when > m->date)
                return eng_err(c, _("submitted: %s is after the meeting"), sub_s);
        bool is_sub = to && strcmp(to, "M") != 0;
        bool bound = it->amend_deadline && (!is_sub || it->amend_deadline_subs) &&
                     cal_parse(it->amend_deadline, &dl);
        bool late = bound && when > dl;
        if (late && !consented)
                return eng_deny(c, R_AMEND_DEADLINE,
                                _("the deadline for amendments to item %d was %s: a later one "
                                  "needs the council's consent by a majority (consented)"),
                                it->number, it->amend_deadline);
        if (consented && !late)
                return eng_err(c, "%s",
                               _("consented: the amendment is not after a deadline for "
                                 "amendments"));
        char id[16];
        if (to && strcmp(to, "M") != 0) {
                int k = eng_find_subject(m, m->current, to);
                if (k < 0)
                        return eng_err(c, _("there is no proposal %s on this item"), to);
                if (m->subjects[k].kind != SK_AMEND)
                        return eng_err(
                            c, _("%s is not an amendment: sub-amendments amend amendments"), to);
                if (m->subjects[k].status != SS_OPEN)
                        return eng_deny(c, R_AMEND_UNTIL, _("%s has already been voted"), to);
                if (k >= it->nsub_counts) {
                        int n = k + 8;
                        it->sub_counts = pk_xrealloc(it->sub_counts, (size_t)n * sizeof(int));
                        for (int i = it->nsub_counts; i < n; i++)
                                it->sub_counts[i] = 0;
                        it->nsub_counts = n;
                }
                snprintf(id, sizeof id, "%s.%d", to, ++it->sub_counts[k]);
                struct subject *sj = eng_add_subject(m, SK_SUB, m->current, id, eng_pos(c, 0), by);
                sj->parent = k;
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        } else {
                snprintf(id, sizeof id, "A%d", ++it->next_amend);
                eng_add_subject(m, SK_AMEND, m->current, id, eng_pos(c, 0), by);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        struct subject *sj = &m->subjects[m->nsubjects - 1];
        sj->submitted = sub_s ? pk_xstrdup(sub_s) : NULL;
        sj->consented = late;
        /* § 11, stk. 3: at a 2nd reading the chair announces, when the debate begins, the
         * amendments there are then */
        sj->announced = it->reading == 2 && !it->debate_begun;
        sb_addf(c->msg, _("%s tabled"), id);
        if (late)
                sb_addf(c->msg, _(" after the deadline %s, with the council's consent (%s)"),
                        it->amend_deadline, c->p->rules[R_AMEND_DEADLINE].cite);
        if (sj->announced) {
                sb_add(c->msg, _("; the chair announces it at the start of the 2nd reading"));
                const char *ct = c->p->rules[R_VOTING_ORDER].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
        }
        return PK_OK;
}

/*
 * Verb: amend-deadline N DATE [sub-amendments].
 * Rules: R_AMEND_DEADLINE.
 * Needs: PN_NOT_CLOSED (verbs.c).
 *
 * The deadline the council set for amendments to a case in two readings, recorded on its 2nd
 * reading (item N), before the item's treatment has ended; with sub-amendments it binds them too.
 */
enum pk_result h_amend_deadline(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = eng_item_arg(c, 0);
        if (i < 0)
                return PK_ERROR;
        pk_day d;
        if (!cal_parse(eng_pos(c, 1), &d))
                return eng_err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), eng_pos(c, 1));
        struct item *it = &m->items[i];
        if (!profile_int(c->p, R_AMEND_DEADLINE))
                return eng_deny(c, R_AMEND_DEADLINE,
                                _("this body's rules set no deadline for amendments"));
        if (it->reading != 2)
                return eng_deny(c, R_AMEND_DEADLINE,
                                _("item %d is not the 2nd reading of a case: a deadline for "
                                  "amendments is set for a case in two readings"),
                                it->number);
        if (it->status != IS_PENDING && it->status != IS_DEBATE)
                return eng_deny(c, NO_RULE, _("item %d is %s"), it->number,
                                engine_item_status_name(it->status));
        if (d > m->date)
                return eng_err(c, _("the deadline %s is after the meeting"), eng_pos(c, 1));
        for (int k = 0; k < m->nsubjects; k++)
                if (m->subjects[k].item == i &&
                    (m->subjects[k].kind == SK_AMEND || m->subjects[k].kind == SK_SUB))
                        return eng_deny(c, NO_RULE,
                                        _("amendments to item %d have already been tabled"),
                                        it->number);
        eng_set_str(&it->amend_deadline, eng_pos(c, 1));
        it->amend_deadline_subs = action_flag(c->a, "sub-amendments");
        eng_t_item(c->s, MI(c), i);
        sb_addf(c->msg,
                it->amend_deadline_subs
                    ? _("item %d: amendments and sub-amendments may be tabled until %s")
                    : _("item %d: amendments may be tabled until %s"),
                it->number, eng_pos(c, 1));
        sb_addf(c->msg, " (%s)", c->p->rules[R_AMEND_DEADLINE].cite);
        return PK_OK;
}

/*
 * Verb: procedural.
 * Rules: R_PROCEDURAL_FIRST.
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_procedural(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        const char *kind = action_opt(c->a, "kind");
        const char *by = action_opt(c->a, "by");
        if (kind && strcmp(kind, "refer") && strcmp(kind, "postpone"))
                return eng_err(c, _("kind: \"%s\" is not refer or postpone"), kind);
        if (it->voting_begun && profile_int(c->p, R_PROCEDURAL_FIRST))
                return eng_deny(c, R_PROCEDURAL_FIRST, _("voting has begun"));
        if (by && eng_find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        char id[16];
        snprintf(id, sizeof id, "P%d", ++it->next_proc);
        struct subject *sj = eng_add_subject(m, SK_PROC, m->current, id, eng_pos(c, 0), by);
        sj->proc_kind = pk_xstrdup(kind ? kind : "postpone");
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled (procedural: %s), decided before the other subjects"), id,
                sj->proc_kind);
        const char *ct = c->p->rules[R_PROCEDURAL_FIRST].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

/*
 * Verb: rank.
 * Rules: R_VOTING_ORDER.
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_rank(struct ctx *c)
{
        struct meeting *m = c->m;
        int idx[64], n = 0;
        for (int i = 0; i < c->a->npos && n < 64; i++) {
                int k = eng_find_subject(m, m->current, eng_pos(c, i));
                if (k < 0)
                        return eng_err(c, _("there is no proposal %s on this item"), eng_pos(c, i));
                const struct subject *sj = &m->subjects[k];
                if (sj->kind != SK_AMEND && sj->kind != SK_SUB)
                        return eng_err(c, _("%s is not an amendment"), eng_pos(c, i));
                if (sj->status != SS_OPEN)
                        return eng_deny(c, R_VOTING_ORDER, _("%s has already been voted"),
                                        eng_pos(c, i));
                if (n && (sj->kind != m->subjects[idx[0]].kind ||
                          sj->parent != m->subjects[idx[0]].parent))
                        return eng_err(c, _("%s and %s are not amendments of the same proposal"),
                                       m->subjects[idx[0]].id, eng_pos(c, i));
                if (eng_in_list(idx, n, k))
                        return eng_err(c, _("%s is named twice"), eng_pos(c, i));
                idx[n++] = k;
        }
        int base = -1;
        for (int i = 0; i < n; i++)
                if (base < 0 || m->subjects[idx[i]].rank < base)
                        base = m->subjects[idx[i]].rank;
        /* ranked ones first, in the given order, ahead of unranked siblings */
        for (int i = 0; i < n; i++)
                m->subjects[idx[i]].rank = -1000000 + i;
        sb_add(c->msg, _("voting order: "));
        for (int i = 0; i < n; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", m->subjects[idx[i]].id);
        const char *ct = c->p->rules[R_VOTING_ORDER].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        (void)base;
        return PK_OK;
}

/*
 * Verb: incompatible (its check: chk_incompatible).
 * Rules: R_VOTING_ORDER.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_incompatible(struct ctx *c)
{
        struct meeting *m = c->m;
        int idx[64], n = 0;
        int adopted = -1;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].item == m->current &&
                    (m->subjects[i].kind == SK_AMEND || m->subjects[i].kind == SK_SUB) &&
                    m->subjects[i].status == SS_ADOPTED)
                        adopted = i;
        for (int i = 0; i < c->a->npos && n < 64; i++) {
                int k = eng_find_subject(m, m->current, eng_pos(c, i));
                if (k < 0)
                        return eng_err(c, _("there is no proposal %s on this item"), eng_pos(c, i));
                if (m->subjects[k].kind != SK_AMEND && m->subjects[k].kind != SK_SUB)
                        return eng_err(c, _("%s is not an amendment"), eng_pos(c, i));
                if (m->subjects[k].status != SS_OPEN)
                        return eng_deny(c, R_VOTING_ORDER, _("%s has already been decided"),
                                        eng_pos(c, i));
                idx[n++] = k;
        }
        for (int i = 0; i < n; i++) {
                m->subjects[idx[i]].status = SS_LAPSED;
                eng_t_subject(c->s, MI(c), idx[i]);
                for (int j = 0; j < m->nsubjects; j++)
                        if (m->subjects[j].kind == SK_SUB && m->subjects[j].parent == idx[i] &&
                            m->subjects[j].status == SS_OPEN) {
                                m->subjects[j].status = SS_LAPSED;
                                eng_t_subject(c->s, MI(c), j);
                        }
        }
        for (int i = 0; i < n; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", m->subjects[idx[i]].id);
        sb_addf(c->msg, _(" lapsed (incompatible with %s)"), m->subjects[adopted].id);
        return PK_OK;
}
