/*
 * engine.c - the meeting state machine: applies one action to the state or refuses it.
 *
 * One table says, for every verb, what it needs (PK_VERBS' needs column: a body, a meeting
 * that is open, an item under treatment, no open ballot, quorum), its own check, and its
 * handler. engine_apply checks the needs generically (verbs.c), then the verb's own check,
 * then runs the handler. The checks and handlers live in the file of their rule area
 * (src/core/rules/); the table below is where a verb is found.
 *
 * Every handler first checks everything that could make the action fail, and only then
 * changes the state, so a refused action leaves the state exactly as it was. A refusal
 * names the profile rule it rests on (pk_reply.rule) and ends with its citation.
 *
 * Pure: no I/O, no SQLite, no curses, no clock, no randomness. Times arrive in the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/i18n.h"

/* Handlers of verbs that share one, with the verb told apart by c->a->verb. */
static enum pk_result h_none(struct ctx *c)
{
        sb_add(c->msg, _("not an engine action"));
        return PK_ERROR;
}

static const struct {
        verb_check *check;   /* the verb's own precondition, or NULL */
        verb_handler *apply; /* its handler */
} impl[V__COUNT] = {
    [V_BODY] = {NULL, h_body},
    [V_MEMBER] = {NULL, h_member},
    [V_CORRECT] = {NULL, h_correct},
    [V_ON_LEAVE] = {NULL, h_on_leave},
    [V_RETURN] = {NULL, h_return},
    [V_VACANCY] = {NULL, h_vacancy},
    [V_PARTY] = {NULL, h_party_role},
    [V_ROLE] = {NULL, h_party_role},
    [V_NEW_SUBSTITUTE] = {chk_new_substitute, h_new_substitute},
    [V_TERM] = {NULL, h_term},
    [V_DROP] = {NULL, h_drop},
    [V_MEETING] = {chk_meeting, h_meeting},
    [V_PLAN] = {NULL, h_meeting},
    [V_ITEM] = {NULL, h_item},
    [V_DISPATCHED] = {NULL, h_dispatched},
    [V_URGENT] = {NULL, h_urgent},
    [V_PRESENT] = {NULL, h_present},
    [V_ABSENT] = {NULL, h_absent},
    [V_ARRIVE] = {NULL, h_arrive},
    [V_LEAVE] = {NULL, h_leave},
    [V_SUBSTITUTE] = {chk_substitute, h_substitute},
    [V_OPEN] = {chk_open, h_open},
    [V_SUSPEND] = {NULL, h_lifecycle},
    [V_RESUME] = {chk_resume, h_lifecycle},
    [V_CLOSE] = {chk_close, h_lifecycle},
    [V_TAKE] = {chk_take, h_take},
    [V_MOVE] = {chk_move, h_move},
    [V_ORDER_VOTE] = {chk_order_vote, h_order_vote},
    [V_DOORS] = {NULL, h_doors},
    [V_INHABIL] = {NULL, h_inhabil},
    [V_SPEAKER] = {chk_speaker, h_speaker},
    [V_NEXT] = {chk_next, h_next},
    [V_CALL_TO_ORDER] = {NULL, h_call_to_order},
    [V_DENY_FLOOR] = {NULL, h_deny_floor},
    [V_CLOSURE] = {chk_closure, h_closure},
    [V_MOTION] = {chk_motion, h_motion},
    [V_AMEND] = {chk_amend, h_amend},
    [V_AMEND_DEADLINE] = {NULL, h_amend_deadline},
    [V_PROCEDURAL] = {NULL, h_procedural},
    [V_RANK] = {NULL, h_rank},
    [V_BALLOT] = {chk_ballot, h_ballot},
    [V_VOTE] = {chk_vote, h_vote},
    [V_ANSWER] = {chk_answer, h_answer},
    [V_DECLARE] = {chk_declare, h_declare},
    [V_DEMAND] = {chk_demand_election, h_demand_election},
    [V_DECIDE] = {chk_decide_election, h_decide_election},
    [V_INCOMPATIBLE] = {chk_incompatible, h_incompatible},
    [V_DECISION] = {chk_record, h_decision},
    [V_DISSENT] = {chk_dissent, h_dissent},
    [V_POSTPONE] = {NULL, h_end_item},
    [V_REFER] = {NULL, h_end_item},
    [V_WITHDRAW] = {NULL, h_end_item},
    [V_DONE] = {chk_done, h_end_item},
    [V_RULING] = {NULL, h_ruling},
    [V_RULING_DECIDED] = {chk_ruling_decided, h_ruling_decided},
    [V_ELECTION] = {chk_election, h_election_verb},
    [V_CANDIDATE] = {chk_election, h_election_verb},
    [V_GROUP] = {chk_election, h_election_verb},
    [V_ROUND] = {chk_election, h_election_verb},
    [V_ALLOCATE] = {chk_election, h_election_verb},
    [V_WAIVE] = {chk_election, h_election_verb},
    [V_LOT] = {chk_election, h_election_verb},
    [V_ALLIANCE] = {chk_alliance, h_alliance},
    [V_ACTING_CHAIR] = {chk_acting_chair, h_acting_chair},
    [V_SIGN] = {chk_sign, h_sign},
    [V_UNDO] = {chk_undo, h_none},
    [V_CONVENER] = {NULL, h_none},
    [V_STATUS] = {NULL, h_none},
    [V_ALLOWED] = {NULL, h_none},
};

bool eng_verb_check(const struct pk_state *s, enum pk_verb v, const struct action *a,
                    struct why *why)
{
        if (v >= V__COUNT || !eng_needs(s, pk_verb_info[v].needs, why))
                return false;
        if (!impl[v].check)
                return true;
        const struct meeting *m = engine_current_meeting(s);
        struct action bare = {.verb = v};
        return impl[v].check(s, m, m ? eng_profile(s, m) : NULL, a ? a : &bare, why);
}

/*
 * The meeting (id) an accepted action belongs to: the one it created, planned or selected,
 * else the current one; 0 for what belongs to the body (bodies, members, the register's
 * corrections and changes over time).
 */
static int event_meeting(const struct pk_state *s, const struct action *a)
{
        enum pk_verb v = a->verb;
        /* a correction of the register belongs to the body, like the registration: it is
         * replayed whichever meetings are archived */
        if (v == V_CORRECT && a->npos > 0 && !strcmp(a->pos[0].text, "member"))
                return 0;
        if (v == V_MEMBER || v == V_ON_LEAVE || v == V_RETURN || v == V_VACANCY || v == V_PARTY ||
            v == V_ROLE || v == V_TERM || v == V_NEW_SUBSTITUTE ||
            (v == V_BODY && s->cur_meeting < 0))
                return 0;
        if (v == V_MEETING || v == V_PLAN)
                return s->event_meeting;
        return s->cur_meeting + 1;
}

void pk_reply_free(struct pk_reply *r)
{
        sb_free(&r->msg);
        r->rule = R__COUNT;
        r->cite[0] = '\0';
}

void pk_reply_render(const struct pk_reply *r, struct sb *out)
{
        sb_add(out, sb_str(&r->msg));
        if (r->result == PK_DENIED && r->cite[0])
                sb_addf(out, " (%s)", r->cite);
}

enum pk_result engine_apply(struct pk_state *s, const struct engine_input *in, struct pk_reply *out)
{
        engine_touched_clear(s);
        sb_free(&s->archive);
        s->event_meeting = 0;
        sb_clear(&out->msg);
        out->rule = R__COUNT;
        out->cite[0] = '\0';
        out->touched = NULL;
        enum pk_verb v = in->action->verb;
        struct ctx c = {.s = s, .in = in, .a = in->action, .reply = out, .msg = &out->msg};
        c.m = eng_meeting(s);
        c.p = eng_profile(s, c.m);
        enum pk_result r;
        struct why why = WHY_INIT;
        if (v >= V__COUNT || v == V_STATUS || v == V_ALLOWED || v == V_CONVENER || v == V_UNDO) {
                r = h_none(&c);
        } else if (!eng_verb_check(s, v, in->action, &why)) {
                sb_add(c.msg, sb_str(&why.text));
                out->rule = why.rule;
                r = PK_DENIED;
        } else {
                r = impl[v].apply(&c);
        }
        why_free(&why);
        out->result = r;
        if (r != PK_OK) {
                engine_touched_clear(s);
                sb_free(&s->archive);
                if (r == PK_DENIED && out->rule < R__COUNT && c.p)
                        pk_rule_cite(c.p, out->rule, out->cite, sizeof out->cite);
                else
                        out->rule = R__COUNT;
                return r;
        }
        out->rule = R__COUNT;
        if (impl[v].apply == h_election_verb || v == V_DEMAND || v == V_DECIDE) {
                struct meeting *m = eng_meeting(s);
                if (m && m->nelections > 0)
                        eng_t_election(s, (int)(m - s->meetings), m->nelections - 1);
        }
        s->event_meeting = event_meeting(s, in->action);
        out->touched = &s->touched;
        return PK_OK;
}

/* ---------- lifetime ---------- */

struct pk_state *engine_new(void)
{
        struct pk_state *s = pk_xcalloc(1, sizeof *s);
        s->cur_body = -1;
        s->cur_meeting = -1;
        return s;
}

static void free_meeting(struct meeting *m)
{
        eng_free_details(m);
        free(m->place);
        free(m->dispatched);
        free(m->opened_at);
        free(m->closed_at);
        free(m->locked_at);
        for (int i = 0; i < m->arch.nfirst_readings; i++)
                free(m->arch.first_readings[i]);
        free(m->arch.first_readings);
}

void engine_free(struct pk_state **sp)
{
        struct pk_state *s = *sp;
        if (!s)
                return;
        for (int i = 0; i < s->nbodies; i++) {
                free(s->bodies[i].name);
                eng_extra_seats_free(&s->bodies[i]);
        }
        free(s->bodies);
        for (int i = 0; i < s->nmembers; i++) {
                free(s->members[i].name);
                free(s->members[i].party);
                free(s->members[i].born);
                free(s->members[i].since);
                free(s->members[i].was);
                for (int k = 0; k < s->members[i].npast; k++)
                        free(s->members[i].past[k].party);
                free(s->members[i].past);
        }
        free(s->members);
        free(s->leaves);
        for (int i = 0; i < s->nmeetings; i++)
                free_meeting(&s->meetings[i]);
        free(s->meetings);
        engine_touched_clear(s);
        free(s->touched.u);
        sb_free(&s->archive);
        free(s);
        *sp = NULL;
}
