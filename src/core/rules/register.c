/*
 * rules/register.c - the register of bodies and members: `body` (create or select a body under
 * a profile, with its seats) and `member` (a member with party, role and personal substitute).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/calendar.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/*
 * Verb: body.
 * Rules: none of the profile (the verb's own conditions only).
 */
enum pk_result h_body(struct ctx *c)
{
        struct pk_state *s = c->s;
        const char *name = eng_pos(c, 0);
        const char *pname = action_opt(c->a, "profile");
        const char *seats_s = action_opt(c->a, "seats");
        int seats = seats_s ? atoi(seats_s) : 0;
        for (int i = 0; i < s->nbodies; i++) {
                if (strcmp(s->bodies[i].name, name) != 0)
                        continue;
                if (pname && strcmp(pname, s->bodies[i].profile.name) != 0 &&
                    (!c->in->profile || strcmp(c->in->profile->name, s->bodies[i].profile.name)))
                        return eng_err(c, _("body \"%s\" exists with profile %s"), name,
                                       s->bodies[i].profile.name);
                if (seats_s && seats != s->bodies[i].seats)
                        return eng_err(c, _("body \"%s\" exists with %d seats"), name,
                                       s->bodies[i].seats);
                s->cur_body = i;
                s->cur_meeting = -1;
                if (c->in->replay) {
                        /* a replay repeats the recorded choice: what else is loaded cannot
                         * change it */
                        int k = c->in->recorded_meeting - 1;
                        if (k >= s->nmeetings || (k >= 0 && s->meetings[k].body != i))
                                return eng_err(c, _("the recorded meeting %d is not one of \"%s\""),
                                               k + 1, name);
                        s->cur_meeting = k;
                        sb_addf(c->msg, _("body \"%s\" selected"), name);
                        return PK_OK;
                }
                /* the body's running meeting, else its latest held one (not archived), else
                 * its latest planned */
                int held = -1, planned = -1;
                for (int k = s->nmeetings - 1; k >= 0; k--) {
                        const struct meeting *o = &s->meetings[k];
                        if (o->body != i || o->hole || o->archived)
                                continue;
                        if (o->state == MS_OPEN || o->state == MS_SUSPENDED) {
                                s->cur_meeting = k;
                                break;
                        }
                        if (o->state != MS_PLANNED && held < 0)
                                held = k;
                        if (planned < 0)
                                planned = k;
                }
                if (s->cur_meeting < 0)
                        s->cur_meeting = held >= 0 ? held : planned;
                sb_addf(c->msg, _("body \"%s\" selected"), name);
                return PK_OK;
        }
        if (!pname || !c->in->profile)
                return eng_err(c, _("a new body needs a rule profile: profile=NAME"));
        if (seats_s && seats < 1)
                return eng_err(c, _("seats must be at least 1"));
        s->bodies = pk_xrealloc(s->bodies, (size_t)(s->nbodies + 1) * sizeof *s->bodies);
        struct body *b = &s->bodies[s->nbodies];
        memset(b, 0, sizeof *b);
        b->name = pk_xstrdup(name);
        b->profile = *c->in->profile;
        b->seats = seats;
        s->cur_body = s->nbodies++;
        s->cur_meeting = -1;
        if (seats)
                sb_addf(c->msg, _("body \"%s\" created (profile %s, %d seats)"), name,
                        b->profile.name, seats);
        else
                sb_addf(c->msg, _("body \"%s\" created (profile %s)"), name, b->profile.name);
        return PK_OK;
}

static void add_member(struct pk_state *s, const char *name, const char *party, enum role r,
                       int principal, const char *born, const char *since)
{
        s->members = pk_xrealloc(s->members, (size_t)(s->nmembers + 1) * sizeof *s->members);
        struct member *mb = &s->members[s->nmembers++];
        mb->name = pk_xstrdup(name);
        mb->party = pk_xstrdup(party);
        mb->role = r;
        mb->body = s->cur_body;
        mb->principal = principal;
        mb->born = eng_strdup0(born);
        mb->since = eng_strdup0(since);
        mb->was = NULL;
        mb->holds = principal < 0;
        mb->rank = 0;
        mb->term = s->bodies[s->cur_body].term;
        mb->past = NULL;
        mb->npast = 0;
        /* registered in a later term: held nothing before it */
        if (mb->term) {
                mb->past = pk_xcalloc(1, sizeof *mb->past);
                mb->past[0] = (struct member_past){.until = mb->term,
                                                   .holds = false,
                                                   .party = pk_xstrdup(party),
                                                   .role = r,
                                                   .principal = -1};
                mb->npast = 1;
        }
}

/*
 * A member of an earlier term registered again in the new one (`term`): the same person, with
 * what they were kept as a past period; principal >= 0 for a personal substitute, rank > 0 for a
 * substitute of the list.
 */
static void reregister(struct pk_state *s, int k, const char *party, enum role r, int principal,
                       int rank)
{
        struct member *mb = &s->members[k];
        pk_day t = s->bodies[s->cur_body].term;
        if (!mb->npast || mb->past[mb->npast - 1].until != t) {
                mb->past = pk_xrealloc(mb->past, (size_t)(mb->npast + 1) * sizeof *mb->past);
                mb->past[mb->npast++] = (struct member_past){.until = t,
                                                             .holds = mb->holds,
                                                             .party = pk_xstrdup(mb->party),
                                                             .role = mb->role,
                                                             .principal = mb->principal};
        }
        free(mb->party);
        mb->party = pk_xstrdup(party);
        mb->role = r;
        mb->principal = principal;
        mb->holds = principal < 0 && rank == 0;
        mb->rank = rank;
        mb->term = t;
}

/* A name registered in an earlier term (not yet in this one): -1 if it is not. */
static int earlier_term(const struct pk_state *s, const char *name)
{
        int k = eng_find_member(s, s->cur_body, name);
        if (k < 0 || s->members[k].term >= s->bodies[s->cur_body].term)
                return -1;
        return k;
}

/*
 * With every seat taken: the seat beyond the maximum that party may fill now (KKR § 3, stk.
 * 9-10, R_SEAT_PARTY), or -1. *seats becomes the seats with those already filled.
 */
static int extra_seat_for(const struct pk_state *s, const char *party, int *seats)
{
        const struct body *b = &s->bodies[s->cur_body];
        int open = -1;
        for (int i = 0; i < b->nextra; i++) {
                if (b->extra[i].until)
                        continue;
                if (b->extra[i].filled)
                        ++*seats;
                else if (open < 0 && !strcmp(b->extra[i].party, party))
                        open = i;
        }
        return open;
}

/*
 * Verb: member.
 * Rules: R_OBSERVERS, R_SUBSTITUTES.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_member(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct profile *p = &s->bodies[s->cur_body].profile;
        c->p = p;
        const char *name = eng_pos(c, 0), *party = action_opt(c->a, "party");
        const char *sub = action_opt(c->a, "substitute");
        bool ok;
        enum role r = eng_parse_role(action_opt(c->a, "role"), &ok);
        if (!ok)
                return eng_err(
                    c,
                    _("role: \"%s\" is not one of mayor, chair, vice-chair, deputy, member, "
                      "observer"),
                    action_opt(c->a, "role"));
        if (r == ROLE_OBSERVER && !profile_int(p, R_OBSERVERS))
                return eng_deny(c, R_OBSERVERS,
                                _("this body's rules have no observers: only members attend"));
        if (r == ROLE_OBSERVER && sub)
                return eng_err(c, _("an observer has no personal substitute"));
        if (!party || !party[0])
                return eng_err(c, _("a member needs party=X"));
        if (!name[0])
                return eng_err(c, _("a member needs a name"));
        const char *rank_s = action_opt(c->a, "rank");
        int rank = rank_s ? atoi(rank_s) : 0;
        if (rank_s && rank < 1)
                return eng_err(c, _("rank: the place on the list of substitutes is 1 or more"));
        if (rank_s && (sub || r != ROLE_MEMBER))
                return eng_err(c, "%s",
                               _("a substitute of the list (rank=) has no role and no substitute"));
        int again = earlier_term(s, name);
        if (again < 0 && eng_find_member(s, s->cur_body, name) >= 0)
                return eng_deny(c, NO_RULE, _("a member named \"%s\" is already registered"), name);
        if (sub && !profile_int(p, R_SUBSTITUTES))
                return eng_deny(c, R_SUBSTITUTES,
                                _("this body's rules have no personal substitutes"));
        int sub_again = sub ? earlier_term(s, sub) : -1;
        if (sub &&
            ((sub_again < 0 && eng_find_member(s, s->cur_body, sub) >= 0) || !strcmp(sub, name)))
                return eng_deny(c, NO_RULE, _("a member named \"%s\" is already registered"), sub);
        int seats = s->bodies[s->cur_body].seats, extra = -1;
        if (!rank_s && seats > 0 && r != ROLE_OBSERVER) {
                int n = 0;
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == s->cur_body && eng_holds_seat(&s->members[i]))
                                n++;
                if (n >= seats) {
                        extra = extra_seat_for(s, party, &seats);
                        if (n < seats) /* a seat beyond the maximum, filled before, is free */
                                extra = -1;
                        else if (extra < 0)
                                return eng_deny(c, NO_RULE, _("all %d seats are taken"), seats);
                }
        }
        int idx;
        if (again >= 0) {
                idx = again;
                reregister(s, idx, party, r, -1, rank);
        } else {
                add_member(s, name, party, r, -1, action_opt(c->a, "born"),
                           action_opt(c->a, "since"));
                idx = s->nmembers - 1;
                if (rank) {
                        s->members[idx].holds = false;
                        s->members[idx].rank = rank;
                        if (s->members[idx].npast)
                                s->members[idx].past[0].role = ROLE_MEMBER;
                }
        }
        eng_t_member(s, idx);
        if (sub && sub_again >= 0) {
                reregister(s, sub_again, party, ROLE_MEMBER, idx, 0);
                eng_t_member(s, sub_again);
        } else if (sub) {
                add_member(s, sub, party, ROLE_MEMBER, idx, NULL, NULL);
                eng_t_member(s, s->nmembers - 1);
        }
        if (rank) {
                sb_addf(c->msg, _("substitute \"%s\" registered, number %d on the list of %s"),
                        name, rank, party);
                return PK_OK;
        }
        sb_addf(c->msg, _("member \"%s\" (%s, %s) registered"), name, party, engine_role_word(r));
        if (sub)
                sb_addf(c->msg, _(" with personal substitute \"%s\""), sub);
        if (extra >= 0) {
                s->bodies[s->cur_body].extra[extra].filled = true;
                sb_addf(c->msg, _("; a member beyond the maximum for %s (%s)"), party,
                        c->p->rules[R_SEAT_PARTY].cite);
        }
        return PK_OK;
}

/*
 * `correct member "OLD" name="NEW" party=X role=R` - a correction of the register, recorded as an
 * event of its own beside the original registration (the record keeps both; a replay applies it
 * in its place). Every meeting of the body then shows the corrected name, party or role; the
 * minutes note the name as first registered. A correction that would change who led a signed
 * meeting (the leader settles a tie and approves the minutes, R_LEADER) is refused.
 */
static void touch_body_meetings(struct pk_state *s, int body, int k)
{
        for (int mi = 0; mi < s->nmeetings; mi++) {
                const struct meeting *m = &s->meetings[mi];
                if (m->body != body || m->hole)
                        continue;
                eng_t_meeting(s, mi);
                if (k < m->natt)
                        eng_t_att(s, mi, k);
                for (int i = 0; i < m->nitems; i++) {
                        eng_t_item(s, mi, i);
                        eng_t_outcome(s, mi, i);
                }
                for (int j = 0; j < m->nsubjects; j++)
                        eng_t_subject(s, mi, j);
                for (int b = 0; b < m->nballots; b++)
                        eng_t_ballot(s, mi, b);
                for (int r = 0; r < m->nrulings; r++)
                        eng_t_ruling(s, mi, r);
                for (int e = 0; e < m->nelections; e++)
                        eng_t_election(s, mi, e);
        }
}

/*
 * Verb: correct.
 * Rules: R_LEADER, R_OBSERVERS.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_correct(struct ctx *c)
{
        struct pk_state *s = c->s;
        const char *what = eng_pos(c, 0), *old = eng_pos(c, 1);
        const char *name = action_opt(c->a, "name"), *party = action_opt(c->a, "party");
        const char *role_s = action_opt(c->a, "role");
        if (!strcmp(what, "item"))
                return eng_correct_item(c);
        if (strcmp(what, "member") != 0)
                return eng_err(c, _("correct: \"%s\" is not one of member, item"), what);
        if (!c->a->pos[1].quoted)
                return eng_err(c, _("correct member: the name must be in double quotes"));
        if (action_opt(c->a, "title") || action_opt(c->a, "public-title") ||
            action_opt(c->a, "category") || action_opt(c->a, "case"))
                return eng_err(c, _("correct member takes name=, party= and role= only"));
        if (!name && !party && !role_s)
                return eng_err(c, _("correct member needs name=, party= or role="));
        int k = eng_find_member(s, s->cur_body, old);
        if (k < 0) {
                eng_no_member(s, s->cur_body, old, c->msg);
                return PK_ERROR;
        }
        bool ok;
        enum role r = eng_parse_role(role_s, &ok);
        if (!ok)
                return eng_err(
                    c,
                    _("role: \"%s\" is not one of mayor, chair, vice-chair, deputy, member, "
                      "observer"),
                    role_s);
        if (party && !party[0])
                return eng_err(c, _("a member needs party=X"));
        if (name && strcmp(name, old) != 0 && eng_find_member(s, s->cur_body, name) >= 0)
                return eng_deny(c, NO_RULE, _("a member named \"%s\" is already registered"), name);
        struct member *mb = &s->members[k];
        if (role_s && s->members[k].principal >= 0 && r != ROLE_MEMBER)
                return eng_err(c, _("a personal substitute has no role of its own"));
        if (role_s && (r == ROLE_OBSERVER) != (mb->role == ROLE_OBSERVER))
                return eng_deny(c, R_OBSERVERS,
                                _("an observer holds no seat: a correction cannot make a member "
                                  "an observer or an observer a member"));
        if (role_s && r != mb->role) {
                enum role was = mb->role;
                for (int mi = 0; mi < s->nmeetings; mi++) {
                        const struct meeting *m = &s->meetings[mi];
                        if (m->body != s->cur_body || m->hole || m->state != MS_LOCKED)
                                continue;
                        int before = engine_meeting_leader(s, m);
                        mb->role = r;
                        int after = engine_meeting_leader(s, m);
                        mb->role = was;
                        if (before != after) {
                                char d[16];
                                cal_format(m->date, d);
                                c->p = &s->bodies[s->cur_body].profile;
                                return eng_deny(c, R_LEADER,
                                                _("the signed meeting of %s would get another "
                                                  "leader (who settles a tie and approves the "
                                                  "minutes)"),
                                                d);
                        }
                }
        }
        if (name && !strcmp(name, old) && !party && !role_s)
                return eng_err(c, _("correct member: the name is unchanged"));
        /* the old keys go first: their rows are removed, the new ones written */
        eng_t_member(s, k);
        touch_body_meetings(s, s->cur_body, k);
        if (name && strcmp(name, old) != 0) {
                for (int mi = 0; mi < s->nmeetings; mi++) {
                        struct meeting *m = &s->meetings[mi];
                        if (m->body != s->cur_body || m->hole)
                                continue;
                        for (int i = 0; i < m->nitems; i++)
                                if (m->items[i].proposer && !strcmp(m->items[i].proposer, old)) {
                                        free(m->items[i].proposer);
                                        m->items[i].proposer = pk_xstrdup(name);
                                }
                        for (int j = 0; j < m->nsubjects; j++)
                                if (m->subjects[j].by && !strcmp(m->subjects[j].by, old)) {
                                        free(m->subjects[j].by);
                                        m->subjects[j].by = pk_xstrdup(name);
                                }
                }
                if (!mb->was)
                        mb->was = pk_xstrdup(old);
                else if (!strcmp(mb->was, name)) {
                        free(mb->was);
                        mb->was = NULL;
                }
                free(mb->name);
                mb->name = pk_xstrdup(name);
        }
        if (party) {
                free(mb->party);
                mb->party = pk_xstrdup(party);
        }
        if (role_s)
                mb->role = r;
        eng_t_member(s, k);
        touch_body_meetings(s, s->cur_body, k);
        sb_addf(c->msg, _("member \"%s\" corrected: \"%s\" (%s, %s)"), old, mb->name, mb->party,
                engine_role_word(mb->role));
        return PK_OK;
}
