/*
 * rules/voting.c - votes: the voting order (which subject is voted next), `ballot`, `vote`
 * (counted or named, party lines, ties), and outcomes without a vote (`declare`, `demand`,
 * `decide`).
 *
 * Rules: R_QUORUM_PERCENT, R_VOTING_ORDER, R_PROCEDURAL_FIRST, R_FIRST_READING_VOTE,
 * R_MAJORITY, R_TIE, R_BEYOND_DOUBT, R_DISQUALIFICATION, R_LEADER (the chair's vote in a tie).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: ballot. The next subject in the voting order, unless `ballot ID` names one. */
bool chk_ballot(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)p;
        if (a->npos > 0)
                return true;
        return eng_next_subject_why(m, NULL, &why->text) >= 0;
}

/* Verb: vote. */
bool chk_vote(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->open_ballot < 0) {
                why_add(why, "%s", _("no ballot is open: open one with ballot"));
                return false;
        }
        return true;
}

/* Verb: declare. Rules: R_BEYOND_DOUBT (only where an outcome may be declared), R_MAJORITY
 * (cited: the body decides by a vote). */
bool chk_declare(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        (void)s, (void)m, (void)a;
        if (!profile_int(p, R_BEYOND_DOUBT)) {
                eng_why(why, p, R_MAJORITY,
                        _("this body decides by a vote: no outcome is declared without one"));
                return false;
        }
        return true;
}

/* Verb: demand. Rules: R_BEYOND_DOUBT (a vote is demanded on a declared outcome). */
bool chk_demand(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (!m->items[m->current].declared) {
                eng_why(why, p, R_BEYOND_DOUBT, _("the chair has declared no outcome"));
                return false;
        }
        return true;
}

/* Verb: decide. Rules: R_BEYOND_DOUBT, R_QUORUM_PERCENT. */
bool chk_decide(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        if (!chk_demand(s, m, p, a, why))
                return false;
        if (m->items[m->current].demanded) {
                eng_why(why, p, R_BEYOND_DOUBT,
                        _("a member has demanded a vote: put it to a ballot"));
                return false;
        }
        return eng_quorate(s, m, why);
}

/* The next subject in the voting order of SPEC §2, leaving out those in done. */
int eng_next_subject_why(const struct meeting *m, const char *done, struct sb *why)
{
        /* votes on closure, the floor and the order are taken as soon as proposed */
        for (int i = 0; i < m->nsubjects; i++)
                if (eng_is_immediate(m->subjects[i].kind) && eng_subject_open(m, i, done))
                        return i;
        int k;
        if ((k = eng_first_open_of(m, done, SK_PROC, -1)) >= 0)
                return k;
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->reading == 1) {
                if ((k = eng_first_open_of(m, done, SK_READING, -1)) >= 0)
                        return k;
                if (why)
                        sb_add(why, _("nothing left to vote on at the 1st reading"));
                return -1;
        }
        /* amendments in the chair's order, each after its own sub-amendments */
        int amend = eng_first_open_of(m, done, SK_AMEND, -1);
        if (amend >= 0) {
                int sub = eng_first_open_of(m, done, SK_SUB, amend);
                return sub >= 0 ? sub : amend;
        }
        /* sub-amendments whose amendment is gone are not voted: they lapse with it */
        if ((k = eng_first_open_of(m, done, SK_MAIN, -1)) >= 0)
                return k;
        if (why) {
                if (!it)
                        sb_add(why, _("no item is under treatment"));
                else
                        sb_add(why, _("nothing to vote on: table a motion first"));
        }
        return -1;
}

int engine_next_subject(const struct pk_state *s, const struct meeting *m, struct sb *why)
{
        (void)s;
        return eng_next_subject_why(m, NULL, why);
}

int engine_voting_order(const struct pk_state *s, const struct meeting *m, int *out, int max)
{
        (void)s;
        if (!m || m->nsubjects == 0)
                return 0;
        char *done = pk_xcalloc((size_t)m->nsubjects, 1);
        int n = 0, k;
        if (m->open_ballot >= 0 && n < max) {
                k = m->ballots[m->open_ballot].subject;
                out[n++] = k;
                done[k] = 1;
        }
        while (n < max && (k = eng_next_subject_why(m, done, NULL)) >= 0) {
                out[n++] = k;
                done[k] = 1;
        }
        free(done);
        return n;
}

/* The rule that puts a vote first as soon as it is proposed: closure of the debate, denial of
 * the floor, the order of items. */
static enum rule_id immediate_rule(enum subject_kind k)
{
        return k == SK_CLOSURE ? R_CLOSURE_DEMAND
               : k == SK_DENY  ? R_CALLS_BEFORE_DENIAL
                               : R_ORDER_DEMAND;
}

/*
 * May subject idx be voted now? The order of SPEC §2: immediate votes, then procedural
 * proposals, then each sub-amendment before its amendment, every amendment before the
 * main proposal. Among siblings the chair chooses.
 */
bool eng_order_allows(const struct pk_state *s, const struct meeting *m, int idx, struct why *why)
{
        const struct profile *p = eng_profile(s, m);
        const struct subject *sj = &m->subjects[idx];
        if (!eng_is_immediate(sj->kind)) {
                for (int i = 0; i < m->nsubjects; i++) {
                        const struct subject *o = &m->subjects[i];
                        if (eng_is_immediate(o->kind) && eng_subject_in_scope(m, o)) {
                                eng_why(why, p, immediate_rule(o->kind),
                                        _("%s (%s) is voted first, as soon as it is proposed"),
                                        o->id, engine_subject_kind_name(o->kind));
                                return false;
                        }
                }
        }
        bool council_order = !strcmp(p->rules[R_VOTING_ORDER].sval, "sub-amendments-first");
        if (sj->kind != SK_PROC && !eng_is_immediate(sj->kind) &&
            profile_int(p, R_PROCEDURAL_FIRST)) {
                int k = eng_first_open(m, SK_PROC, -1);
                if (k >= 0) {
                        eng_why(why, p, R_PROCEDURAL_FIRST,
                                _("the procedural proposal %s is decided first"),
                                m->subjects[k].id);
                        return false;
                }
        }
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->reading == 1 &&
            !strcmp(p->rules[R_FIRST_READING_VOTE].sval, "passing-only") &&
            (sj->kind == SK_MAIN || sj->kind == SK_AMEND || sj->kind == SK_SUB)) {
                eng_why(why, p, R_FIRST_READING_VOTE,
                        _("at the 1st reading only the passing to the 2nd reading is voted"));
                return false;
        }
        if (!council_order)
                return true; /* the chair formulates the voting themes and their order */
        if (sj->kind == SK_AMEND) {
                int sub = eng_first_open(m, SK_SUB, idx);
                if (sub >= 0) {
                        eng_why(why, p, R_VOTING_ORDER,
                                _("sub-amendments are voted before their amendment (%s first)"),
                                m->subjects[sub].id);
                        return false;
                }
        }
        if (sj->kind == SK_MAIN) {
                if (eng_first_open(m, SK_AMEND, -1) >= 0 || eng_first_open(m, SK_SUB, -1) >= 0) {
                        eng_why(why, p, R_VOTING_ORDER, _("amendments are voted first"));
                        return false;
                }
        }
        return true;
}

/*
 * Verb: ballot (its check: chk_ballot).
 * Rules: R_CALLS_BEFORE_DENIAL, R_CLOSURE_DEMAND, R_FIRST_READING_VOTE, R_LATE_AGENDA,
 *        R_ORDER_DEMAND, R_PROCEDURAL_FIRST, R_VOTING_ORDER.
 * Needs: PN_NO_BALLOT | PN_OPEN | PN_QUORUM (verbs.c).
 */
enum pk_result h_ballot(struct ctx *c)
{
        struct meeting *m = c->m;
        int k;
        if (c->a->npos > 0) {
                k = eng_find_subject(m, m->current, eng_pos(c, 0));
                if (k < 0)
                        return eng_err(c, _("there is no subject %s to vote on"), eng_pos(c, 0));
                if (m->subjects[k].status != SS_OPEN)
                        return eng_deny(c, NO_RULE, _("%s has already been decided"),
                                        eng_pos(c, 0));
                struct why why = WHY_INIT;
                bool ok = eng_order_allows(c->s, m, k, &why);
                sb_add(c->msg, sb_str(&why.text));
                c->reply->rule = why.rule;
                why_free(&why);
                if (!ok)
                        return PK_DENIED;
        } else {
                k = engine_next_subject(c->s, m, c->msg);
                if (k < 0)
                        return PK_DENIED;
        }
        struct subject *sj = &m->subjects[k];
        /* a procedural proposal (postpone, refer) lets the item wait: no reason it cannot
         * wait is asked before the council votes on it (§ 3, stk. 3 with § 11, stk. 4) */
        if (sj->item >= 0 && !eng_is_immediate(sj->kind) && sj->kind != SK_PROC) {
                const struct item *it = &m->items[sj->item];
                if (m->dispatch_late && !it->urgent &&
                    !strcmp(c->p->rules[R_LATE_AGENDA].sval, "reason-required"))
                        return eng_deny(
                            c, R_LATE_AGENDA,
                            _("the agenda was dispatched late: record why this item cannot "
                              "wait (urgent \"REASON\") before it is decided"));
        }
        m->ballots = pk_xrealloc(m->ballots, (size_t)(m->nballots + 1) * sizeof *m->ballots);
        struct ballot *b = &m->ballots[m->nballots];
        memset(b, 0, sizeof *b);
        b->subject = k;
        b->item = sj->item;
        b->room = m->current;
        b->open = true;
        b->opened_at = eng_strdup0(c->in->time);
        b->closed_doors = m->doors_closed;
        if (m->doors_closed)
                sj->closed_doors = true;
        m->open_ballot = m->nballots++;
        eng_t_ballot(c->s, MI(c), m->open_ballot);
        if (sj->item >= 0 && (sj->kind == SK_MAIN || sj->kind == SK_AMEND || sj->kind == SK_SUB) &&
            !m->items[sj->item].voting_begun) {
                m->items[sj->item].voting_begun = true;
                eng_t_item(c->s, MI(c), sj->item);
        }
        sb_addf(c->msg, _("ballot on %s (%s)"), sj->id, engine_subject_kind_name(sj->kind));
        return PK_OK;
}

/* Parses one vote option into counts or member choices. Returns -1 on error. */
static int vote_group(struct ctx *c, const struct opt *o, enum vote_choice choice,
                      enum vote_choice *votes, int *count, bool *named, bool *counted,
                      int *rest_choice, struct why *why)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        int item = m->ballots[m->open_ballot].room;
        if (!o)
                return 0;
        for (int i = 0; i < o->nvals; i++) {
                const struct tok *t = &o->vals[i];
                if (!t->quoted && t->text[0] >= '0' && t->text[0] <= '9') {
                        char *end;
                        long v = strtol(t->text, &end, 10);
                        if (*end || v < 0 || v > 100000) {
                                why_add(why, _("%s: \"%s\" is not a count"), o->key, t->text);
                                return -1;
                        }
                        if (*named || o->nvals > 1) {
                                why_add(why, _("%s: counts and names cannot be mixed"), o->key);
                                return -1;
                        }
                        *counted = true;
                        *count += (int)v;
                        continue;
                }
                if (*counted) {
                        why_add(why, _("%s: counts and names cannot be mixed"), o->key);
                        return -1;
                }
                *named = true;
                if (!t->quoted && !strcmp(t->text, "rest")) {
                        if (*rest_choice != VC_NONE) {
                                why_add(why, "%s", _("rest can be given only once"));
                                return -1;
                        }
                        *rest_choice = choice;
                        continue;
                }
                if (!t->quoted && !strncmp(t->text, "party:", 6))
                        continue; /* second pass */
                if (!t->quoted) {
                        why_add(why,
                                _("%s: \"%s\" is not a name (\"NAME\"), party:X, rest or a count"),
                                o->key, t->text);
                        return -1;
                }
                int k = eng_find_member(s, m->body, t->text);
                if (k < 0) {
                        eng_no_member(s, m->body, t->text, &why->text);
                        return -1;
                }
                if (s->members[k].role == ROLE_OBSERVER) {
                        eng_why(why, c->p, R_OBSERVERS,
                                _("\"%s\" attends as an observer, without a vote"), t->text);
                        return -2;
                }
                if (!eng_seated(s, m, k)) {
                        why_add(why, _("\"%s\" is not present and cannot vote"), t->text);
                        return -1;
                }
                if (eng_inhabil(m, item, k)) {
                        eng_why(why, c->p, R_DISQUALIFICATION,
                                _("\"%s\" is disqualified for this item and cannot vote"), t->text);
                        return -2;
                }
                if (votes[k] != VC_NONE) {
                        why_add(why, _("\"%s\" is named twice"), t->text);
                        return -1;
                }
                votes[k] = choice;
        }
        return 0;
}

static int party_pass(struct ctx *c, const struct opt *o, enum vote_choice choice,
                      enum vote_choice *votes, const bool *explicit_, struct why *why)
{
        const struct pk_state *s = c->s;
        const struct meeting *m = c->m;
        int item = m->ballots[m->open_ballot].room;
        if (!o)
                return 0;
        for (int i = 0; i < o->nvals; i++) {
                const struct tok *t = &o->vals[i];
                if (t->quoted || strncmp(t->text, "party:", 6))
                        continue;
                const char *party = t->text + 6;
                if (!eng_has_party(s, m->body, party, m->date)) {
                        why_add(why, _("no member of party %s"), party);
                        return -1;
                }
                for (int k = 0; k < s->nmembers; k++) {
                        if (s->members[k].body != m->body ||
                            strcmp(engine_party_at(s, k, m->date), party))
                                continue;
                        if (!eng_seated(s, m, k) || eng_inhabil(m, item, k) || explicit_[k])
                                continue;
                        if (votes[k] != VC_NONE) {
                                why_add(why, _("party %s is named twice"), party);
                                return -1;
                        }
                        votes[k] = choice;
                }
        }
        return 0;
}

/*
 * The votes of `vote`: the lists for=, against=, abstain= (names, party:X, rest or a count), the
 * party lines, the members who may vote, and chair= for a counted ballot's tie. On PK_OK, votes[]
 * (named: every voter's choice; owned by the caller), counts, *named and *voters are set; else
 * the reason is in the reply and votes[] is freed.
 */
static enum pk_result vote_read(struct ctx *c, const struct ballot *b, enum vote_choice **votes_out,
                                int counts[3], bool *named_out, int *voters_out)
{
        struct pk_state *s = c->s;
        struct meeting *m = c->m;
        static const char *keys[3] = {"for", "against", "abstain"};
        static const enum vote_choice ch[3] = {VC_FOR, VC_AGAINST, VC_ABSTAIN};
        const struct opt *o[3];
        for (int i = 0; i < 3; i++)
                o[i] = action_optv(c->a, keys[i]);
        if (!o[0] && !o[1] && !o[2])
                return eng_err(c, _("vote needs for=, against= or abstain="));
        enum vote_choice *votes = pk_xcalloc((size_t)s->nmembers + 1, sizeof *votes);
        bool *explicit_ = pk_xcalloc((size_t)s->nmembers + 1, sizeof *explicit_);
        bool named = false, counted = false;
        int rest = VC_NONE;
        struct why why = WHY_INIT;
        enum pk_result r = PK_OK;
        for (int i = 0; i < 3 && r == PK_OK; i++) {
                int g =
                    vote_group(c, o[i], ch[i], votes, &counts[i], &named, &counted, &rest, &why);
                if (g < 0)
                        r = g == -2 ? PK_DENIED : PK_ERROR;
        }
        for (int k = 0; k < s->nmembers; k++)
                explicit_[k] = votes[k] != VC_NONE;
        for (int i = 0; i < 3 && r == PK_OK; i++)
                if (party_pass(c, o[i], ch[i], votes, explicit_, &why) < 0)
                        r = PK_ERROR;
        int voters = 0;
        for (int k = 0; k < s->nmembers; k++)
                if (s->members[k].body == m->body && eng_seated(s, m, k) &&
                    !eng_inhabil(m, b->room, k))
                        voters++;
        if (r == PK_OK && named) {
                counts[0] = counts[1] = counts[2] = 0;
                for (int k = 0; k < s->nmembers; k++) {
                        if (s->members[k].body != m->body || !eng_seated(s, m, k) ||
                            eng_inhabil(m, b->room, k))
                                continue;
                        if (votes[k] == VC_NONE)
                                votes[k] = rest != VC_NONE ? (enum vote_choice)rest : VC_ABSTAIN;
                        counts[votes[k] - 1]++;
                }
        }
        if (r == PK_OK && counted && counts[0] + counts[1] + counts[2] > voters) {
                why_add(&why, _("%d votes, but only %d members may vote"),
                        counts[0] + counts[1] + counts[2], voters);
                r = PK_ERROR;
        }
        const char *chair_s = action_opt(c->a, "chair");
        if (r == PK_OK && chair_s && strcmp(chair_s, "for") && strcmp(chair_s, "against")) {
                why_add(&why, _("chair: \"%s\" is not for or against"), chair_s);
                r = PK_ERROR;
        }
        if (r != PK_OK) {
                sb_add(c->msg, sb_str(&why.text));
                c->reply->rule = r == PK_DENIED ? why.rule : NO_RULE;
                why_free(&why);
                free(votes);
                free(explicit_);
                return r;
        }
        why_free(&why);
        free(explicit_);
        *votes_out = votes;
        *named_out = named;
        *voters_out = voters;
        return PK_OK;
}

/*
 * The outcome of a ballot (R_MAJORITY): more for than against, abstentions not being cast
 * votes; or more for than half of the members present and entitled to vote. A tie (R_TIE):
 * not adopted, or where the chair decides, the vote of the one who leads the item (named) or
 * chair= (counted). *tie and *chair_decided say which.
 */
static bool vote_outcome(struct ctx *c, const struct ballot *b, const enum vote_choice *votes,
                         const int counts[3], bool named, int voters, bool *tie_out,
                         bool *chair_decided_out)
{
        struct pk_state *s = c->s;
        struct meeting *m = c->m;
        const char *chair_s = action_opt(c->a, "chair");
        bool adopted = !strcmp(c->p->rules[R_MAJORITY].sval, "members-present")
                           ? 2 * counts[0] > voters
                           : counts[0] > counts[1];
        bool tie = counts[0] == counts[1];
        bool chair_decided = false;
        const char *tie_rule = c->p->rules[R_TIE].sval;
        if (tie && !strcmp(tie_rule, "chair-decides")) {
                enum vote_choice cv = VC_NONE;
                if (named) {
                        /* a chair disqualified for the item is prevented from it (forfald):
                         * the one who leads the item in their place holds the casting vote */
                        int lead = eng_leader_for(s, m, b->room);
                        if (lead >= 0)
                                cv = votes[lead];
                } else if (chair_s) {
                        cv = !strcmp(chair_s, "for") ? VC_FOR : VC_AGAINST;
                }
                if (cv == VC_FOR || cv == VC_AGAINST) {
                        adopted = cv == VC_FOR;
                        chair_decided = true;
                }
        }
        *tie_out = tie;
        *chair_decided_out = chair_decided;
        return adopted;
}

/*
 * What an adopted or rejected subject brings about: a closure closes the debate, a denial
 * takes the floor, a disqualification (§ 8) sends the member out, a rejected order restores
 * the agenda's, a procedural proposal ends the item, a rejected amendment takes its
 * sub-amendments with it. Into the reply.
 */
static void vote_consequences(struct ctx *c, const struct ballot *b, struct subject *sj,
                              bool adopted)
{
        struct pk_state *s = c->s;
        struct meeting *m = c->m;
        struct item *it = sj->item >= 0 ? &m->items[sj->item] : NULL;
        switch (sj->kind) {
        case SK_CLOSURE:
                if (adopted && it) {
                        it->debate_closed = true;
                        it->nspeakers = 0;
                        it->speaker = -1;
                        sb_add(c->msg, _("; the debate is closed"));
                }
                break;
        case SK_DENY:
                if (adopted) {
                        eng_att(m, sj->target)->denied = true;
                        eng_t_att(c->s, MI(c), sj->target);
                        eng_drop_speaker(m, sj->target);
                        sb_addf(c->msg, _("; \"%s\" is denied the floor for this meeting"),
                                s->members[sj->target].name);
                }
                break;
        case SK_DISQ:
                if (adopted && sj->item >= 0) {
                        eng_set_inhabil(m, sj->item, sj->target, DH_VOTE);
                        sb_addf(c->msg,
                                _("; \"%s\" is disqualified for item %d and leaves the room"),
                                s->members[sj->target].name, m->items[sj->item].number);
                } else {
                        sb_addf(c->msg, _("; \"%s\" is not disqualified for item %d"),
                                s->members[sj->target].name, m->items[sj->item].number);
                }
                break;
        case SK_ORDER:
                if (!adopted) {
                        for (int i = 0; i < m->nitems; i++)
                                if (m->order[i] != m->agenda_order[i])
                                        eng_t_item(c->s, MI(c), m->agenda_order[i]);
                        memcpy(m->order, m->agenda_order, (size_t)m->nitems * sizeof(int));
                        sb_add(c->msg, _("; the agenda's order applies: "));
                        eng_order_text(m, m->order, c->msg);
                }
                break;
        case SK_PROC:
                if (adopted && it) {
                        bool refer = sj->proc_kind && !strcmp(sj->proc_kind, "refer");
                        it->status = refer ? IS_REFERRED : IS_POSTPONED;
                        eng_t_item(c->s, MI(c), sj->item);
                        for (int i = 0; i < m->nsubjects; i++)
                                if (m->subjects[i].item == sj->item &&
                                    m->subjects[i].status == SS_OPEN &&
                                    !eng_is_immediate(m->subjects[i].kind)) {
                                        m->subjects[i].status = SS_LAPSED;
                                        eng_t_subject(c->s, MI(c), i);
                                }
                        m->last_item = sj->item;
                        m->current = -1;
                        sb_addf(c->msg, _("; item %d %s"), it->number,
                                engine_item_status_name(it->status));
                        eng_item_ended(c, it);
                }
                break;
        case SK_READING:
                if (it)
                        sb_add(c->msg, adopted ? _("; the case passes to the 2nd reading")
                                               : _("; the case does not pass to the 2nd reading"));
                break;
        case SK_AMEND:
                if (!adopted) {
                        for (int i = 0; i < m->nsubjects; i++)
                                if (m->subjects[i].kind == SK_SUB &&
                                    m->subjects[i].parent == b->subject &&
                                    m->subjects[i].status == SS_OPEN) {
                                        m->subjects[i].status = SS_LAPSED;
                                        eng_t_subject(c->s, MI(c), i);
                                }
                }
                break;
        default:
                break;
        }
}

/*
 * Verb: vote (its check: chk_vote).
 * Rules: R_DISQUALIFICATION, R_MAJORITY, R_OBSERVERS, R_TIE.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_vote(struct ctx *c)
{
        struct pk_state *s = c->s;
        struct meeting *m = c->m;
        struct ballot *b = &m->ballots[m->open_ballot];
        struct subject *sj = &m->subjects[b->subject];
        enum vote_choice *votes = NULL;
        int counts[3] = {0, 0, 0}, voters = 0;
        bool named = false, tie = false, chair_decided = false;
        enum pk_result r = vote_read(c, b, &votes, counts, &named, &voters);
        if (r != PK_OK)
                return r;
        bool adopted = vote_outcome(c, b, votes, counts, named, voters, &tie, &chair_decided);
        b->open = false;
        if (m->doors_closed) /* voted behind closed doors: neither vote nor subject is public */
                b->closed_doors = m->subjects[b->subject].closed_doors = true;
        b->named = named;
        b->nfor = counts[0];
        b->nagainst = counts[1];
        b->nabstain = counts[2];
        b->adopted = adopted;
        b->tie = tie;
        b->chair_decided = chair_decided;
        if (named) {
                b->votes = votes;
                b->nvotes = s->nmembers;
        } else {
                free(votes);
        }
        eng_t_ballot(c->s, MI(c), m->open_ballot);
        eng_t_subject(c->s, MI(c), b->subject);
        m->open_ballot = -1;
        sj->status = adopted ? SS_ADOPTED : SS_REJECTED;
        sb_addf(c->msg, _("%s %s %d-%d-%d"), sj->id, adopted ? _("adopted") : _("rejected"),
                counts[0], counts[1], counts[2]);
        if (tie && chair_decided)
                sb_addf(c->msg, _(" (a tie: the chair's vote decides, %s)"),
                        c->p->rules[R_TIE].cite);
        else if (tie)
                sb_add(c->msg, _(" (a tie is not a majority)"));
        vote_consequences(c, b, sj, adopted);
        return PK_OK;
}

/*
 * Verb: declare (its check: chk_declare).
 * Rules: R_BEYOND_DOUBT, R_MAJORITY.
 * Needs: PN_ITEM | PN_NO_BALLOT (verbs.c).
 */
enum pk_result h_declare(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        eng_set_str(&it->declared, eng_pos(c, 0));
        it->demanded = false;
        eng_t_outcome(c->s, MI(c), c->m->current);
        sb_addf(c->msg, _("the chair declares: %s; decided unless a member demands a vote (%s)"),
                eng_pos(c, 0), c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}

enum pk_result h_demand(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!eng_seated(c->s, m, k))
                return eng_deny(c, NO_RULE, _("\"%s\" is not present"), eng_pos(c, 0));
        if (eng_inhabil(m, m->current, k))
                return eng_deny(c, R_DISQUALIFICATION, _("\"%s\" is disqualified for this item"),
                                eng_pos(c, 0));
        struct item *it = &m->items[m->current];
        it->demanded = true;
        if (eng_find_subject(m, m->current, "M") < 0) {
                eng_add_subject(m, SK_MAIN, m->current, "M", it->declared, NULL);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        sb_addf(c->msg, _("\"%s\" demands a vote: the outcome is put to a ballot (%s)"),
                eng_pos(c, 0), c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}

enum pk_result h_decide(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        if (m->dispatch_late && !it->urgent &&
            !strcmp(c->p->rules[R_LATE_AGENDA].sval, "reason-required"))
                return eng_deny(
                    c, R_LATE_AGENDA,
                    _("the agenda was dispatched late: record why this item cannot wait "
                      "(urgent \"REASON\") before it is decided"));
        it->decided_without_vote = true;
        if (!it->decision)
                it->decision = pk_xstrdup(it->declared);
        eng_t_outcome(c->s, MI(c), m->current);
        sb_addf(c->msg, _("decided without a vote (%s)"), c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}
