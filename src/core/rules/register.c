/*
 * rules/register.c - the register of bodies and members: `body` (create or select a body under
 * a profile, with its seats) and `member` (a member with party, role and personal substitute).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

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
}

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
                    c, _("role: \"%s\" is not one of mayor, chair, vice-chair, deputy, member"),
                    action_opt(c->a, "role"));
        if (!party || !party[0])
                return eng_err(c, _("a member needs party=X"));
        if (!name[0])
                return eng_err(c, _("a member needs a name"));
        if (eng_find_member(s, s->cur_body, name) >= 0)
                return eng_deny(c, NO_RULE, _("a member named \"%s\" is already registered"), name);
        if (sub && !profile_int(p, R_SUBSTITUTES))
                return eng_deny(c, R_SUBSTITUTES,
                                _("this body's rules have no personal substitutes"));
        if (sub && (eng_find_member(s, s->cur_body, sub) >= 0 || !strcmp(sub, name)))
                return eng_deny(c, NO_RULE, _("a member named \"%s\" is already registered"), sub);
        int seats = s->bodies[s->cur_body].seats;
        if (seats > 0 && eng_body_seats(s, s->cur_body) >= seats) {
                int n = 0;
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == s->cur_body && s->members[i].principal < 0)
                                n++;
                if (n >= seats)
                        return eng_deny(c, NO_RULE, _("all %d seats are taken"), seats);
        }
        add_member(s, name, party, r, -1, action_opt(c->a, "born"), action_opt(c->a, "since"));
        int idx = s->nmembers - 1;
        eng_t_member(s, idx);
        if (sub) {
                add_member(s, sub, party, ROLE_MEMBER, idx, NULL, NULL);
                eng_t_member(s, s->nmembers - 1);
        }
        sb_addf(c->msg, _("member \"%s\" (%s, %s) registered"), name, party, engine_role_word(r));
        if (sub)
                sb_addf(c->msg, _(" with personal substitute \"%s\""), sub);
        return PK_OK;
}
