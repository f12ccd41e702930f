/*
 * rules/record.c - what the protocol records beyond votes: `decision` (the wording), `dissent`
 * (a member's dissent), `ruling` (the chair's ruling on the rules) and `ruling-decided` (the
 * council's decision on it).
 *
 * Rules: R_DISSENT, R_RULINGS.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: decision (and dissent). It may follow the item's end, until the meeting is signed. */
bool chk_record(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (eng_target_item(m) < 0) {
                why_add(why, "%s", _("no item has been treated"));
                return false;
        }
        return true;
}

/* Verb: dissent. Rules: R_DISSENT (only where the minutes record dissent). */
bool chk_dissent(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        if (!profile_int(p, R_DISSENT)) {
                eng_why(why, p, R_DISSENT, _("this body's minutes record decisions only"));
                return false;
        }
        return chk_record(s, m, p, a, why);
}

/* Verb: ruling-decided. Rules: R_RULINGS (only where the chair's rulings may be put to the
 * meeting). */
bool chk_ruling_decided(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                        const struct action *a, struct why *why)
{
        (void)s, (void)m, (void)a;
        if (strcmp(p->rules[R_RULINGS].sval, "binding") != 0) {
                eng_why(why, p, R_RULINGS,
                        _("the chair's rulings are final: there is no appeal to the meeting"));
                return false;
        }
        return true;
}

/*
 * Verb: decision (its check: chk_record).
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_MEETING (verbs.c).
 */
enum pk_result h_decision(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[eng_target_item(m)];
        eng_t_outcome(c->s, MI(c), eng_target_item(m));
        eng_set_str(&it->decision, eng_pos(c, 0));
        const char *pub = action_opt(c->a, "public");
        if (pub)
                eng_set_str(&it->public_decision, pub);
        sb_addf(c->msg, _("decision recorded for item %d"), it->number);
        if (it->closed && !pub)
                sb_add(c->msg, _(" (closed item: the public minutes show no wording)"));
        return PK_OK;
}

/*
 * Verb: dissent (its check: chk_dissent).
 * Rules: R_DISSENT.
 * Needs: PN_MEETING (verbs.c).
 */
enum pk_result h_dissent(struct ctx *c)
{
        struct meeting *m = c->m;
        int ii = eng_target_item(m);
        struct item *it = &m->items[ii];
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        /* the deciding ballot of the item: the last closed ballot on it */
        int bi = -1;
        for (int i = 0; i < m->nballots; i++)
                if (m->ballots[i].item == ii && !m->ballots[i].open &&
                    !eng_is_immediate(m->subjects[m->ballots[i].subject].kind))
                        bi = i;
        if (bi < 0)
                return eng_deny(c, R_DISSENT,
                                _("only a member in the minority may have a dissent "
                                  "recorded, and item %d had no vote"),
                                it->number);
        /* § 14, stk. 2: a member who took part in the meeting, and in the item's decision */
        if (!eng_catt(m, k)->attended)
                return eng_deny(c, R_DISSENT,
                                _("only a member who took part in the meeting may have a dissent "
                                  "recorded, and \"%s\" did not attend"),
                                eng_pos(c, 0));
        if (eng_inhabil(m, ii, k))
                return eng_deny(c, R_DISSENT,
                                _("\"%s\" was disqualified for item %d and took no part in its "
                                  "decision"),
                                eng_pos(c, 0), it->number);
        const struct ballot *b = &m->ballots[bi];
        if (b->named) {
                enum vote_choice v = k < b->nvotes ? b->votes[k] : VC_NONE;
                bool minority = (b->adopted && v == VC_AGAINST) || (!b->adopted && v == VC_FOR);
                if (!minority)
                        return eng_deny(
                            c, R_DISSENT,
                            _("only a member in the minority may have a dissent recorded"));
        } else if ((b->adopted ? b->nagainst : b->nfor) == 0) {
                return eng_deny(c, R_DISSENT,
                                _("only a member in the minority may have a dissent "
                                  "recorded, and the vote had no minority"));
        }
        for (int i = 0; i < it->ndissents; i++)
                if (it->dissents[i].member == k)
                        return eng_deny(c, NO_RULE, _("a dissent of \"%s\" is already recorded"),
                                        eng_pos(c, 0));
        it->dissents =
            pk_xrealloc(it->dissents, (size_t)(it->ndissents + 1) * sizeof *it->dissents);
        it->dissents[it->ndissents].member = k;
        it->dissents[it->ndissents].text = pk_xstrdup(eng_pos(c, 1));
        it->ndissents++;
        eng_t_outcome(c->s, MI(c), ii);
        sb_addf(c->msg, _("dissent of \"%s\" recorded for item %d"), eng_pos(c, 0), it->number);
        return PK_OK;
}

/* The rule= of a ruling: a rule of the profile by its section name. An unknown name is an
 * error that lists the known ones, the closest first. */
static enum pk_result ruling_rule(struct ctx *c, const char **key)
{
        *key = action_opt(c->a, "rule");
        if (!*key || profile_rule_lookup(*key) >= 0)
                return PK_OK;
        int order[R__COUNT];
        profile_rules_by_closeness(*key, order);
        sb_addf(c->msg, _("rule=%s: the profile has no such rule; its rules are "), *key);
        for (int i = 0; i < R__COUNT; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", profile_rule_name((enum rule_id)order[i]));
        return PK_ERROR;
}

/*
 * Verb: ruling-decided (its check: chk_ruling_decided).
 * Rules: R_RULINGS.
 * Needs: PN_OPEN (verbs.c).
 *
 * ruling-decided N upheld|overturned ["TEXT"] [meeting=ID]: the council's decision on a ruling of
 * the chair. Of an earlier meeting only the header is read (its body); that the ruling exists
 * there is checked by the action layer against the record.
 */
enum pk_result h_ruling_decided(struct ctx *c)
{
        struct meeting *m = c->m;
        int n = atoi(eng_pos(c, 0));
        const char *how = eng_pos(c, 1);
        bool upheld = !strcmp(how, "upheld");
        if (!upheld && strcmp(how, "overturned") != 0) {
                sb_addf(c->msg, _("the decision must be upheld or overturned, not %s"), how);
                return PK_ERROR;
        }
        int cur = c->s->cur_meeting, mi = cur;
        const char *ms = action_opt(c->a, "meeting");
        if (ms) {
                mi = atoi(ms) - 1;
                if (mi < 0 || mi > cur || c->s->meetings[mi].body != m->body) {
                        sb_addf(c->msg,
                                _("meeting=%s: not this meeting or an earlier one of the body"),
                                ms);
                        return PK_ERROR;
                }
        }
        if (n < 1 || (mi == cur && n > m->nrulings)) {
                sb_addf(c->msg, _("meeting %d has no ruling %d"), mi + 1, n);
                return PK_ERROR;
        }
        for (int i = 0; i < m->nruling_decisions; i++)
                if (m->ruling_decisions[i].meeting == mi && m->ruling_decisions[i].ruling == n) {
                        sb_addf(c->msg, _("ruling %d of meeting %d has already been decided"), n,
                                mi + 1);
                        return PK_ERROR;
                }
        m->ruling_decisions = pk_xrealloc(m->ruling_decisions, (size_t)(m->nruling_decisions + 1) *
                                                                   sizeof *m->ruling_decisions);
        struct ruling_decision *d = &m->ruling_decisions[m->nruling_decisions++];
        d->meeting = mi;
        d->ruling = n;
        d->upheld = upheld;
        d->text = eng_strdup0(eng_pos(c, 2));
        d->at = eng_strdup0(c->in->time);
        sb_addf(c->msg,
                upheld ? _("ruling %d of meeting %d upheld by the council (%s)")
                       : _("ruling %d of meeting %d overturned by the council (%s)"),
                n, mi + 1, c->p->rules[R_RULINGS].cite);
        return PK_OK;
}

/*
 * Verb: ruling.
 * Rules: R_RULINGS.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_ruling(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *rule;
        if (ruling_rule(c, &rule) != PK_OK)
                return PK_ERROR;
        m->rulings = pk_xrealloc(m->rulings, (size_t)(m->nrulings + 1) * sizeof *m->rulings);
        m->rulings[m->nrulings].item = m->current;
        m->rulings[m->nrulings].text = pk_xstrdup(eng_pos(c, 0));
        m->rulings[m->nrulings].at = eng_strdup0(c->in->time);
        eng_t_ruling(c->s, MI(c), m->nrulings);
        m->rulings[m->nrulings].closed_doors = m->doors_closed;
        m->rulings[m->nrulings].rule = eng_strdup0(rule);
        m->nrulings++;
        if (!strcmp(c->p->rules[R_RULINGS].sval, "binding"))
                sb_addf(c->msg,
                        _("ruling recorded: binding for now; it may be brought before the next "
                          "meeting (%s)"),
                        c->p->rules[R_RULINGS].cite);
        else
                sb_addf(c->msg, _("ruling recorded (%s)"), c->p->rules[R_RULINGS].cite);
        return PK_OK;
}
