/*
 * rules/seats.c - the seats over a term: a member's leave with a substitute called in
 * (`on-leave`, `return`), a permanent vacancy filled by a successor (`vacancy`), a change of
 * party or role from a date (`party`, `role`) and a new term after an election (`term`).
 *
 * Each is a change of the register from a date, recorded as an event of the body. Meetings
 * before that date keep the register they were held with: a change is refused where it would
 * alter a meeting that is closed, one the member concerned attended, or (party, role) one where
 * votes were taken.
 *
 * Rules: R_SEAT_LEAVE (the expected absence and the council's decision), R_SEAT_VACANCY (who
 * fills a vacancy), R_SEAT_PARTY (a change of party), R_SEAT_CHAIR (a new chair or mayor).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/i18n.h"

static const struct profile *body_profile(const struct ctx *c)
{
        return &c->s->bodies[c->s->cur_body].profile;
}

/* A date option that must be given: 0, or a line error. */
static enum pk_result date_opt(struct ctx *c, const char *key, pk_day *out)
{
        const char *v = action_opt(c->a, key);
        if (!v)
                return eng_err(c, _("%s needs %s=YYYY-MM-DD"), pk_verb_info[c->a->verb].name, key);
        if (!cal_parse(v, out))
                return eng_err(c, _("%s: \"%s\" is not a date (YYYY-MM-DD)"), key, v);
        return PK_OK;
}

enum change_kind { CH_SEAT, CH_VOTES, CH_TERM };

/*
 * May the register change from day d? Not where a meeting of the body on or after d is closed,
 * was attended by who (the one who gives up the seat), or (CH_VOTES) had a vote, or (CH_TERM)
 * has begun or has attendance recorded.
 */
static enum pk_result change_from(struct ctx *c, pk_day d, int who, enum change_kind kind)
{
        const struct pk_state *s = c->s;
        c->p = body_profile(c);
        for (int mi = 0; mi < s->nmeetings; mi++) {
                const struct meeting *m = &s->meetings[mi];
                if (m->hole || m->body != s->cur_body || m->date < d)
                        continue;
                /* an archived meeting restored from its summary before the replay: it may be of
                 * a later date than this event (checked live, and by verify's full replay) */
                if (c->in->replay && m->summary_only)
                        continue;
                char md[16];
                cal_format(m->date, md);
                if (m->state == MS_CLOSED || m->state == MS_LOCKED)
                        return eng_deny(c, NO_RULE,
                                        _("the meeting of %s is closed and keeps the register it "
                                          "was held with: the change must be from a later date"),
                                        md);
                if (who >= 0 && who < m->natt &&
                    (m->att[who].status == ATT_PRESENT || m->att[who].attended))
                        return eng_deny(c, NO_RULE,
                                        _("\"%s\" is recorded present at the meeting of %s: the "
                                          "change must be from a later date"),
                                        s->members[who].name, md);
                if (kind == CH_VOTES)
                        for (int b = 0; b < m->nballots; b++)
                                if (!m->ballots[b].open)
                                        return eng_deny(c, NO_RULE,
                                                        _("votes were taken at the meeting of %s: "
                                                          "the change must be from a later date"),
                                                        md);
                if (kind == CH_TERM) {
                        bool any = m->state != MS_PLANNED;
                        for (int k = 0; k < m->natt && !any; k++)
                                any = m->att[k].status != ATT_UNKNOWN;
                        if (any)
                                return eng_deny(c, NO_RULE,
                                                _("the meeting of %s has begun under the old "
                                                  "term: the new term must begin later"),
                                                md);
                }
        }
        return PK_OK;
}

/* A change of member k from day d must come after k's earlier changes. */
static enum pk_result after_past(struct ctx *c, int k, pk_day d)
{
        const struct member *mb = &c->s->members[k];
        if (mb->npast && d < mb->past[mb->npast - 1].until) {
                char pd[16];
                cal_format(mb->past[mb->npast - 1].until, pd);
                return eng_deny(c, NO_RULE,
                                _("the register of \"%s\" changed from %s: a change must be from "
                                  "that date or later"),
                                mb->name, pd);
        }
        return PK_OK;
}

/* Keeps what member k is now as a past period ending on day until. */
static void keep_past(struct pk_state *s, int k, pk_day until)
{
        struct member *mb = &s->members[k];
        if (mb->npast && mb->past[mb->npast - 1].until == until)
                return;
        mb->past = pk_xrealloc(mb->past, (size_t)(mb->npast + 1) * sizeof *mb->past);
        struct member_past *p = &mb->past[mb->npast++];
        p->until = until;
        p->holds = mb->holds;
        p->party = pk_xstrdup(mb->party);
        p->role = mb->role;
        p->rank = mb->rank;
        p->principal = mb->principal;
}

/* A new member of the current body who holds nothing before day from. */
static int new_person(struct pk_state *s, const char *name, const char *party, bool holds,
                      pk_day from)
{
        s->members = pk_xrealloc(s->members, (size_t)(s->nmembers + 1) * sizeof *s->members);
        int k = s->nmembers++;
        struct member *mb = &s->members[k];
        memset(mb, 0, sizeof *mb);
        mb->name = pk_xstrdup(name);
        mb->party = pk_xstrdup(party);
        mb->role = ROLE_MEMBER;
        mb->body = s->cur_body;
        mb->principal = -1;
        mb->term = s->bodies[s->cur_body].term;
        mb->holds = false;
        if (holds) {
                keep_past(s, k, from);
                mb->holds = true;
        }
        return k;
}

/*
 * decided=N: the item of the meeting (meeting=ID as recorded, else the current one) where the
 * council decided the matter: decided, or its main proposal adopted, and not rejected. An
 * archived meeting whose details are not loaded was checked when the line was recorded.
 */
static enum pk_result decided_ref(struct ctx *c, enum rule_id rule, bool required)
{
        const struct pk_state *s = c->s;
        const char *dec = action_opt(c->a, "decided");
        const char *mid = action_opt(c->a, "meeting");
        c->p = body_profile(c);
        if (!dec) {
                if (required)
                        return eng_err(c,
                                       _("%s needs decided=N: the item of this meeting where the "
                                         "council found the conditions met"),
                                       pk_verb_info[c->a->verb].name);
                return PK_OK;
        }
        int mi = mid ? atoi(mid) - 1 : s->cur_meeting;
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole ||
            s->meetings[mi].body != s->cur_body)
                return eng_err(c, "%s",
                               mid ? _("meeting=: no such meeting of this body")
                                   : _("decided=: there is no current meeting"));
        const struct meeting *m = &s->meetings[mi];
        if (m->summary_only)
                return PK_OK;
        int i = eng_item_by_number(m, dec);
        if (i < 0)
                return eng_err(c, _("decided=: no item %s in this meeting"), dec);
        const struct item *it = &m->items[i];
        int ms = -1;
        for (int j = 0; j < m->nsubjects; j++)
                if (m->subjects[j].item == i && !strcmp(m->subjects[j].id, "M"))
                        ms = j;
        bool adopted = ms >= 0 && m->subjects[ms].status == SS_ADOPTED;
        bool rejected = ms >= 0 && m->subjects[ms].status == SS_REJECTED;
        if (rejected)
                return eng_deny(c, rule, _("the proposal of item %d was rejected"), it->number);
        if (!adopted && it->status != IS_DECIDED)
                return eng_deny(c, rule, _("item %d has not been decided"), it->number);
        return PK_OK;
}

/* Does a leave of k overlap the days from d on? */
static int leave_from(const struct pk_state *s, int k, pk_day d)
{
        for (int i = 0; i < s->nleaves; i++)
                if (s->leaves[i].member == k && (s->leaves[i].until == 0 || s->leaves[i].until > d))
                        return i;
        return -1;
}

/* Is k called in for someone from day d on? */
static int sub_from(const struct pk_state *s, int k, pk_day d)
{
        for (int i = 0; i < s->nleaves; i++)
                if (s->leaves[i].sub == k && (s->leaves[i].until == 0 || s->leaves[i].until > d))
                        return i;
        return -1;
}

/* The next free substitute for k on day d: the personal substitute where the body has them
 * (R_SEAT_VACANCY personal-substitute), else the first of k's list (lowest rank). */
static int next_substitute(const struct pk_state *s, int k, pk_day d, bool personal)
{
        int best = -1;
        const char *party = engine_party_at(s, k, d);
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *o = &s->members[i];
                if (o->body != s->members[k].body || i == k || o->holds || sub_from(s, i, d) >= 0)
                        continue;
                if (personal) {
                        if (o->principal == k)
                                return i;
                        continue;
                }
                if (o->rank > 0 && o->principal < 0 && !strcmp(o->party, party) &&
                    (best < 0 || o->rank < s->members[best].rank))
                        best = i;
        }
        return best;
}

/* A note on who elects a new chair or mayor when k, who has role r, leaves (R_SEAT_CHAIR). */
static void chair_note(struct ctx *c, enum role r)
{
        const struct profile *p = body_profile(c);
        if (r == ROLE_MEMBER)
                return;
        const char *ct = p->rules[R_SEAT_CHAIR].cite;
        if (!strcmp(p->rules[R_SEAT_CHAIR].sval, "group-elects"))
                sb_addf(c->msg, _("; the group that elected the %s elects a successor"),
                        _(engine_role_label(r)));
        else
                sb_addf(c->msg, _("; the council elects a new %s"), _(engine_role_label(r)));
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
}

/* The substitute named in key, or the next one (*out); a refusal when there is none or the one
 * named may not be called in. *fresh: the name is not registered (a new person, who gets the
 * index s->nmembers). */
static enum pk_result pick_substitute(struct ctx *c, const char *key, int k, pk_day d,
                                      enum rule_id rule, int *out, bool *fresh)
{
        const struct pk_state *s = c->s;
        bool personal = !strcmp(body_profile(c)->rules[R_SEAT_VACANCY].sval, "personal-substitute");
        const char *name = action_opt(c->a, key);
        *fresh = false;
        *out = -1;
        if (!name) {
                int n = next_substitute(s, k, d, personal);
                if (n < 0 && personal)
                        return eng_deny(c, rule,
                                        _("\"%s\" has no personal substitute free: name one "
                                          "with %s=\"NAME\""),
                                        s->members[k].name, key);
                if (n < 0)
                        return eng_deny(c, rule,
                                        _("no substitute left on the list of %s: name one with "
                                          "%s=\"NAME\""),
                                        engine_party_at(s, k, d), key);
                *out = n;
                return PK_OK;
        }
        int n = eng_find_member(s, s->cur_body, name);
        if (n < 0) {
                *fresh = true;
                *out = s->nmembers;
                return PK_OK;
        }
        if (n == k)
                return eng_err(c, _("%s: \"%s\" is the member"), key, name);
        if (s->members[n].holds || engine_own_seat_at(s, n, d))
                return eng_deny(c, NO_RULE, _("\"%s\" holds a seat of their own"), name);
        if (personal && s->members[n].principal >= 0 && s->members[n].principal != k)
                return eng_deny(c, rule, _("\"%s\" is the personal substitute of \"%s\""), name,
                                s->members[s->members[n].principal].name);
        int l = sub_from(s, n, d);
        if (l >= 0 && s->leaves[l].member != k)
                return eng_deny(c, NO_RULE, _("\"%s\" holds the seat of \"%s\""), name,
                                s->members[s->leaves[l].member].name);
        *out = n;
        return PK_OK;
}

/* Months between two days, counted as the calendar does (1 March to 1 April: one). */
static bool at_least_months(pk_day from, pk_day until, int months)
{
        int y, m, d, y2, m2, d2;
        cal_to_ymd(from, &y, &m, &d);
        cal_to_ymd(until, &y2, &m2, &d2);
        long a = ((long)y * 12 + m - 1 + months) * 32 + d;
        long b = ((long)y2 * 12 + m2 - 1) * 32 + d2;
        return b >= a;
}

/*
 * Verb: on-leave "MEMBER" from=D [until=D] [substitute="SUB"] decided=N.
 * Rules: R_SEAT_CHAIR, R_SEAT_LEAVE, R_SEAT_VACANCY.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_on_leave(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct profile *p = body_profile(c);
        c->p = p;
        pk_day from, until = 0;
        if (date_opt(c, "from", &from) != PK_OK)
                return PK_ERROR;
        if (action_opt(c->a, "until") && date_opt(c, "until", &until) != PK_OK)
                return PK_ERROR;
        if (until && until <= from)
                return eng_err(c, "%s", _("until= must be after from="));
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        enum pk_result r = decided_ref(c, R_SEAT_LEAVE, true);
        if (r != PK_OK)
                return r;
        char fd[16];
        cal_format(from, fd);
        if (!engine_own_seat_at(s, k, from))
                return eng_deny(c, NO_RULE, _("\"%s\" holds no seat on %s"), eng_pos(c, 0), fd);
        int months = profile_int(p, R_SEAT_LEAVE);
        if (until && !at_least_months(from, until, months))
                return eng_deny(c, R_SEAT_LEAVE,
                                _("a substitute is called in only for an absence expected to "
                                  "last at least %d month(s)"),
                                months);
        int l = leave_from(s, k, from);
        if (l >= 0) {
                char ld[16];
                cal_format(s->leaves[l].from, ld);
                return eng_deny(c, NO_RULE, _("\"%s\" is already on leave from %s"), eng_pos(c, 0),
                                ld);
        }
        if ((r = after_past(c, k, from)) != PK_OK || (r = change_from(c, from, k, CH_SEAT)))
                return r;
        bool fresh;
        int sub;
        if ((r = pick_substitute(c, "substitute", k, from, R_SEAT_LEAVE, &sub, &fresh)) != PK_OK)
                return r;
        if (!fresh && (r = after_past(c, sub, from)) != PK_OK)
                return r;
        if (fresh) {
                sub = new_person(s, action_opt(c->a, "substitute"), engine_party_at(s, k, from),
                                 false, from);
        }
        eng_t_member(s, sub);
        s->leaves = pk_xrealloc(s->leaves, (size_t)(s->nleaves + 1) * sizeof *s->leaves);
        s->leaves[s->nleaves++] =
            (struct seat_leave){.body = s->cur_body, .member = k, .sub = sub, .from = from};
        sb_addf(c->msg, _("\"%s\" on leave from %s: substitute \"%s\" holds the seat"),
                s->members[k].name, fd, s->members[sub].name);
        chair_note(c, engine_role_at(s, k, from));
        return PK_OK;
}

/*
 * Verb: return "MEMBER" date=D.
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_return(struct ctx *c)
{
        struct pk_state *s = c->s;
        c->p = body_profile(c);
        pk_day d;
        if (date_opt(c, "date", &d) != PK_OK)
                return PK_ERROR;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        int l = -1;
        for (int i = 0; i < s->nleaves; i++)
                if (s->leaves[i].member == k && s->leaves[i].until == 0)
                        l = i;
        if (l < 0)
                return eng_deny(c, NO_RULE, _("\"%s\" is not on leave"), eng_pos(c, 0));
        char fd[16], dd[16];
        cal_format(s->leaves[l].from, fd);
        cal_format(d, dd);
        if (d <= s->leaves[l].from)
                return eng_deny(c, NO_RULE,
                                _("the leave of \"%s\" began on %s: the return must be later"),
                                eng_pos(c, 0), fd);
        enum pk_result r = change_from(c, d, s->leaves[l].sub, CH_SEAT);
        if (r != PK_OK)
                return r;
        s->leaves[l].until = d;
        sb_addf(c->msg, _("\"%s\" returns on %s: substitute \"%s\" leaves the seat"),
                s->members[k].name, dd, s->members[s->leaves[l].sub].name);
        return PK_OK;
}

/*
 * Verb: vacancy "MEMBER" from=D [successor="NAME"] [decided=N].
 * Rules: R_SEAT_CHAIR, R_SEAT_VACANCY.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_vacancy(struct ctx *c)
{
        struct pk_state *s = c->s;
        c->p = body_profile(c);
        pk_day from;
        if (date_opt(c, "from", &from) != PK_OK)
                return PK_ERROR;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        enum pk_result r = decided_ref(c, R_SEAT_VACANCY, false);
        if (r != PK_OK)
                return r;
        char fd[16];
        cal_format(from, fd);
        int principal = s->members[k].principal;
        if (principal >= 0 && !s->members[k].holds) {
                /* a personal substitute who stops being one (KKR § 3, stk. 7 and 12): the group
                 * chooses a new one (new-substitute) */
                if (action_opt(c->a, "successor"))
                        return eng_err(c, "%s",
                                       _("a personal substitute leaves without a successor: "
                                         "choose the new one with new-substitute"));
                int l = sub_from(s, k, from);
                if (l >= 0)
                        return eng_deny(c, NO_RULE,
                                        _("\"%s\" holds the seat of \"%s\": record the return "
                                          "first"),
                                        eng_pos(c, 0), s->members[s->leaves[l].member].name);
                if ((r = change_from(c, from, k, CH_SEAT)) != PK_OK)
                        return r;
                keep_past(s, k, from);
                s->members[k].principal = -1;
                eng_t_member(s, k);
                sb_addf(c->msg,
                        _("\"%s\" is no longer the personal substitute of \"%s\" from %s; the "
                          "group chooses a new one"),
                        s->members[k].name, s->members[principal].name, fd);
                const char *ct = c->p->rules[R_SEAT_VACANCY].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                return PK_OK;
        }
        if (!s->members[k].holds || !engine_own_seat_at(s, k, from))
                return eng_deny(c, NO_RULE, _("\"%s\" holds no seat on %s"), eng_pos(c, 0), fd);
        if ((r = after_past(c, k, from)) != PK_OK || (r = change_from(c, from, k, CH_SEAT)))
                return r;
        bool fresh;
        int succ;
        if ((r = pick_substitute(c, "successor", k, from, R_SEAT_VACANCY, &succ, &fresh)) != PK_OK)
                return r;
        if (!fresh && (r = after_past(c, succ, from)) != PK_OK)
                return r;
        if (!fresh && (r = change_from(c, from, succ, CH_SEAT)) != PK_OK)
                return r;
        enum role was = s->members[k].role;
        /* the member's leave, and the successor's stand-in seat, end where the vacancy begins */
        for (int i = 0; i < s->nleaves; i++) {
                struct seat_leave *lv = &s->leaves[i];
                if ((lv->member == k || (!fresh && lv->sub == succ)) &&
                    (lv->until == 0 || lv->until > from))
                        lv->until = lv->from > from ? lv->from : from;
        }
        eng_t_member(s, k);
        keep_past(s, k, from);
        s->members[k].holds = false;
        if (fresh) {
                succ = new_person(s, action_opt(c->a, "successor"), engine_party_at(s, k, from),
                                  true, from);
        } else {
                keep_past(s, succ, from);
                s->members[succ].holds = true;
                s->members[succ].principal = -1;
                s->members[succ].role = ROLE_MEMBER;
        }
        eng_t_member(s, succ);
        /* the member's other personal substitutes stand in for the successor (KKR § 3, stk. 11) */
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].principal == k && i != succ) {
                        keep_past(s, i, from);
                        s->members[i].principal = succ;
                        eng_t_member(s, i);
                }
        sb_addf(c->msg, _("\"%s\" leaves the seat from %s: \"%s\" enters in their place"),
                s->members[k].name, fd, s->members[succ].name);
        chair_note(c, was);
        return PK_OK;
}

/* Whether a member of body other than k holds a seat of party on day d. */
static bool other_of_party(const struct pk_state *s, int k, const char *party, pk_day d)
{
        for (int i = 0; i < s->nmembers; i++)
                if (i != k && s->members[i].body == s->members[k].body &&
                    engine_own_seat_at(s, i, d) && !strcmp(engine_party_at(s, i, d), party))
                        return true;
        return false;
}

/*
 * Verbs: party "MEMBER" party=X from=D, role "MEMBER" role=R from=D.
 * Rules: R_SEAT_PARTY.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_party_role(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct profile *p = body_profile(c);
        c->p = p;
        bool is_party = c->a->verb == V_PARTY;
        const char *v = action_opt(c->a, is_party ? "party" : "role");
        if (!v || !v[0])
                return eng_err(c, is_party ? _("party needs party=X") : _("role needs role=R"));
        pk_day from;
        if (date_opt(c, "from", &from) != PK_OK)
                return PK_ERROR;
        bool ok = true;
        enum role r = is_party ? ROLE_MEMBER : eng_parse_role(v, &ok);
        if (!ok)
                return eng_err(
                    c, _("role: \"%s\" is not one of mayor, chair, vice-chair, deputy, member"), v);
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct member *mb = &s->members[k];
        char fd[16];
        cal_format(from, fd);
        if (!is_party && !mb->holds)
                return eng_deny(c, NO_RULE, _("\"%s\" holds no seat on %s"), eng_pos(c, 0), fd);
        if (is_party ? !strcmp(engine_party_at(s, k, from), v) : engine_role_at(s, k, from) == r)
                return eng_err(c, _("\"%s\" already has %s on %s"), eng_pos(c, 0), v, fd);
        enum role role_then = engine_role_at(s, k, from);
        bool leaves = !strcmp(p->rules[R_SEAT_PARTY].sval, "leaves-unless-mayor");
        if (is_party && leaves && role_then != ROLE_MAYOR)
                return eng_deny(c, R_SEAT_PARTY,
                                _("a member elected by a party who leaves it leaves this body too: "
                                  "record vacancy \"%s\" from=%s"),
                                eng_pos(c, 0), fd);
        enum pk_result res;
        if ((res = after_past(c, k, from)) != PK_OK || (res = change_from(c, from, -1, CH_VOTES)))
                return res;
        /* the mayor was the old party's only member (KKR § 3, stk. 9) */
        bool only = is_party && leaves && !other_of_party(s, k, engine_party_at(s, k, from), from);
        char *old_party = pk_xstrdup(engine_party_at(s, k, from));
        eng_t_member(s, k);
        keep_past(s, k, from);
        if (is_party) {
                free(mb->party);
                mb->party = pk_xstrdup(v);
                sb_addf(c->msg, _("\"%s\" is of %s from %s"), mb->name, v, fd);
                if (leaves)
                        sb_addf(c->msg,
                                _("; a mayor stays a member and the composition is not "
                                  "recalculated (%s)"),
                                p->rules[R_SEAT_PARTY].cite);
                struct body *b = &s->bodies[mb->body];
                if (only && b->seats <= 0)
                        sb_addf(c->msg,
                                _("; %s has no other member here: its council members may appoint "
                                  "a new member from their midst"),
                                old_party);
                else if (only) {
                        b->extra =
                            pk_xrealloc(b->extra, (size_t)(b->nextra + 1) * sizeof *b->extra);
                        b->extra[b->nextra++] =
                            (struct extra_seat){pk_xstrdup(old_party), from, 0, false};
                        sb_addf(c->msg,
                                _("; %s has no other member here: its council members may appoint "
                                  "a new member from their midst, beyond the %d seats"),
                                old_party, b->seats);
                }
        } else {
                mb->role = r;
                sb_addf(c->msg, _("\"%s\" is %s from %s"), mb->name, _(engine_role_label(r)), fd);
        }
        free(old_party);
        return PK_OK;
}

/*
 * Verb: term.
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_BODY (verbs.c).
 *
 * a new term after an election: every seat of the body ends on D.
 */
enum pk_result h_term(struct ctx *c)
{
        struct pk_state *s = c->s;
        c->p = body_profile(c);
        pk_day d;
        if (!cal_parse(eng_pos(c, 0), &d))
                return eng_err(c, _("term: \"%s\" is not a date (YYYY-MM-DD)"), eng_pos(c, 0));
        struct body *b = &s->bodies[s->cur_body];
        char dd[16];
        cal_format(d, dd);
        if (b->term && d <= b->term) {
                char td[16];
                cal_format(b->term, td);
                return eng_deny(c, NO_RULE, _("the current term began on %s"), td);
        }
        enum pk_result r = change_from(c, d, -1, CH_TERM);
        if (r != PK_OK)
                return r;
        for (int k = 0; k < s->nmembers; k++) {
                if (s->members[k].body != s->cur_body)
                        continue;
                if (s->members[k].npast && s->members[k].past[s->members[k].npast - 1].until > d)
                        return eng_deny(c, NO_RULE, _("the register of \"%s\" changes after %s"),
                                        s->members[k].name, dd);
        }
        int n = 0;
        for (int k = 0; k < s->nmembers; k++) {
                struct member *mb = &s->members[k];
                if (mb->body != s->cur_body)
                        continue;
                if (mb->holds)
                        n++;
                keep_past(s, k, d);
                mb->holds = false;
                mb->rank = 0;
                /* a personal substitute of the last term is no one's in the new one (until
                 * registered again) */
                if (mb->principal >= 0) {
                        mb->principal = -1;
                        eng_t_member(s, k);
                }
        }
        for (int i = 0; i < s->nleaves; i++) {
                struct seat_leave *lv = &s->leaves[i];
                if (lv->body == s->cur_body && (lv->until == 0 || lv->until > d))
                        lv->until = lv->from > d ? lv->from : d;
        }
        for (int i = 0; i < b->nextra; i++)
                if (!b->extra[i].until)
                        b->extra[i].until = d;
        b->term = d;
        sb_addf(c->msg,
                _("new term from %s: the %d members of the last term keep their meetings; "
                  "register the members of the new term"),
                dd, n);
        return PK_OK;
}

/* Verb: new-substitute. Rules: R_SUBSTITUTES (only where the body has personal substitutes). */
bool chk_new_substitute(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                        const struct action *a, struct why *why)
{
        (void)m, (void)p, (void)a;
        const struct profile *bp = &s->bodies[s->cur_body].profile;
        if (!profile_int(bp, R_SUBSTITUTES)) {
                eng_why(why, bp, R_SUBSTITUTES,
                        _("this body's rules have no personal substitutes"));
                return false;
        }
        return true;
}

/*
 * Verb: new-substitute "MEMBER" substitute="NAME" [from=D] (its check: chk_new_substitute).
 * Rules: R_SEAT_VACANCY, R_SUBSTITUTES.
 * Needs: PN_BODY (verbs.c).
 *
 * the member's group chooses a new personal substitute where the member has none (KKR § 3, stk.
 * 11-12: after the substitute entered as member, or stopped being a substitute). Rule:
 * R_SUBSTITUTES (chk_new_substitute).
 */
enum pk_result h_new_substitute(struct ctx *c)
{
        struct pk_state *s = c->s;
        c->p = body_profile(c);
        const char *name = action_opt(c->a, "substitute");
        if (!name)
                return eng_err(c, "%s", _("new-substitute needs substitute=\"NAME\""));
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!s->members[k].holds)
                return eng_deny(c, NO_RULE, _("\"%s\" holds no seat"), eng_pos(c, 0));
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].principal == k)
                        return eng_deny(c, R_SEAT_VACANCY,
                                        _("\"%s\" has a personal substitute: \"%s\""),
                                        eng_pos(c, 0), s->members[i].name);
        int n = eng_find_member(s, s->cur_body, name);
        if (n >= 0 &&
            (s->members[n].holds || s->members[n].principal >= 0 || sub_from(s, n, 0) >= 0))
                return eng_deny(c, R_SEAT_VACANCY,
                                _("\"%s\" is a member or another member's substitute"), name);
        pk_day from = 0;
        if (action_opt(c->a, "from") && date_opt(c, "from", &from) != PK_OK)
                return PK_ERROR;
        if (n < 0)
                n = new_person(s, name, s->members[k].party, false, 0);
        if (from) /* before that day the link was not (export members --date) */
                keep_past(s, n, from);
        s->members[n].principal = k;
        eng_t_member(s, n);
        sb_addf(c->msg, _("\"%s\" is the personal substitute of \"%s\""), s->members[n].name,
                s->members[k].name);
        if (from) {
                char fd[16];
                cal_format(from, fd);
                sb_addf(c->msg, _(" from %s"), fd);
        }
        return PK_OK;
}
