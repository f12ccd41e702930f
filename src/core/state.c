/*
 * state.c - questions asked of the state: the current meeting and its profile, seats and
 * quorum, who is seated or disqualified, who leads, subjects and their order, first readings
 * in earlier meetings. Read-only; used by every rule area, the exports and the UI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/elect.h"
#include "protokol/i18n.h"

struct meeting *eng_meeting(struct pk_state *s)
{
        if (s->cur_meeting < 0 || s->cur_meeting >= s->nmeetings)
                return NULL;
        return &s->meetings[s->cur_meeting];
}

const struct meeting *engine_current_meeting(const struct pk_state *s)
{
        return eng_meeting((struct pk_state *)s);
}

const struct body *engine_body_of(const struct pk_state *s, const struct meeting *m)
{
        if (!m || m->body < 0 || m->body >= s->nbodies)
                return NULL;
        return &s->bodies[m->body];
}

const struct profile *eng_profile(const struct pk_state *s, const struct meeting *m)
{
        const struct body *b = engine_body_of(s, m);
        if (b)
                return &b->profile;
        if (s->cur_body >= 0)
                return &s->bodies[s->cur_body].profile;
        return NULL;
}

/* A member who holds a seat of their own now: not a personal substitute, a substitute of a
 * list, a member of an earlier term or one who left, and not an observer (R_OBSERVERS), who
 * attends without a seat. */
bool eng_holds_seat(const struct member *mb)
{
        return mb->holds && mb->principal < 0 && mb->role != ROLE_OBSERVER;
}

/* The seats now: the body's seats=, else the members who hold a seat of their own now. */
int engine_body_seats(const struct pk_state *s, int body)
{
        const struct body *b = &s->bodies[body];
        if (b->seats > 0) {
                int n = b->seats;
                for (int i = 0; i < b->nextra; i++)
                        if (!b->extra[i].until)
                                n++;
                return n;
        }
        int n = 0;
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && eng_holds_seat(&s->members[i]))
                        n++;
        return n;
}

int engine_seats_at(const struct pk_state *s, int body, pk_day d)
{
        const struct body *b = &s->bodies[body];
        if (b->seats > 0) {
                int n = b->seats;
                for (int i = 0; i < b->nextra; i++)
                        if (b->extra[i].from <= d && (!b->extra[i].until || d < b->extra[i].until))
                                n++;
                return n;
        }
        int n = 0;
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && engine_own_seat_at(s, i, d))
                        n++;
        return n;
}

int eng_seats_in(const struct pk_state *s, const struct meeting *m)
{
        return engine_seats_at(s, m->body, m->date);
}

/* The past period of member k that day d falls in, or NULL (d is in the present one). */
static const struct member_past *past_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member *mb = &s->members[k];
        for (int i = 0; i < mb->npast; i++)
                if (d < mb->past[i].until)
                        return &mb->past[i];
        return NULL;
}

const char *engine_party_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member_past *p = past_at(s, k, d);
        return p ? p->party : s->members[k].party;
}

int engine_principal_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member_past *p = past_at(s, k, d);
        return p ? p->principal : s->members[k].principal;
}

enum role engine_role_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member_past *p = past_at(s, k, d);
        return p ? p->role : s->members[k].role;
}

int engine_rank_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member_past *p = past_at(s, k, d);
        return p ? p->rank : s->members[k].rank;
}

bool engine_own_seat_at(const struct pk_state *s, int k, pk_day d)
{
        const struct member_past *p = past_at(s, k, d);
        if (p)
                return p->holds && p->role != ROLE_OBSERVER;
        return s->members[k].holds && s->members[k].role != ROLE_OBSERVER;
}

static bool leave_covers(const struct seat_leave *l, pk_day d)
{
        return l->from <= d && (l->until == 0 || d < l->until);
}

int engine_leave_at(const struct pk_state *s, int k, pk_day d)
{
        for (int i = 0; i < s->nleaves; i++)
                if (s->leaves[i].member == k && leave_covers(&s->leaves[i], d))
                        return i;
        return -1;
}

int engine_leave_sub_at(const struct pk_state *s, int k, pk_day d)
{
        for (int i = 0; i < s->nleaves; i++)
                if (s->leaves[i].sub == k && leave_covers(&s->leaves[i], d))
                        return i;
        return -1;
}

bool engine_sits_at(const struct pk_state *s, int k, pk_day d)
{
        if (engine_leave_sub_at(s, k, d) >= 0)
                return true;
        return engine_own_seat_at(s, k, d) && engine_leave_at(s, k, d) < 0;
}

int eng_find_member(const struct pk_state *s, int body, const char *name)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && strcmp(s->members[i].name, name) == 0)
                        return i;
        return -1;
}

struct attendance *eng_att(struct meeting *m, int member)
{
        if (member >= m->natt) {
                int n = member + 8;
                m->att = pk_xrealloc(m->att, (size_t)n * sizeof *m->att);
                for (int i = m->natt; i < n; i++) {
                        memset(&m->att[i], 0, sizeof m->att[i]);
                        m->att[i].seat_of = -1;
                }
                m->natt = n;
        }
        return &m->att[member];
}

const struct attendance *eng_catt(const struct meeting *m, int member)
{
        static const struct attendance none = {.seat_of = -1};
        if (member < 0 || member >= m->natt)
                return &none;
        return &m->att[member];
}

/* A member (or a seated substitute) who is in the room and holds a seat. An observer
 * (R_OBSERVERS) holds none: never counted for quorum, never votes. */
bool eng_seated(const struct pk_state *s, const struct meeting *m, int member)
{
        const struct attendance *a = eng_catt(m, member);
        if (a->status != ATT_PRESENT || s->members[member].role == ROLE_OBSERVER)
                return false;
        if (a->seat_of >= 0)
                return true;
        return engine_own_seat_at(s, member, m->date) && engine_leave_at(s, member, m->date) < 0;
}

bool eng_inhabil(const struct meeting *m, int item, int member)
{
        if (item < 0 || item >= m->nitems)
                return false;
        const struct item *it = &m->items[item];
        return member < it->ninhabil && it->inhabil[member];
}

int engine_present(const struct pk_state *s, const struct meeting *m)
{
        int n = 0;
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == m->body && eng_seated(s, m, i) &&
                    !eng_inhabil(m, m->current, i))
                        n++;
        return n;
}

int engine_quorum_need(const struct pk_state *s, const struct meeting *m)
{
        int seats = eng_seats_in(s, m);
        int pct = profile_int(&s->bodies[m->body].profile, R_QUORUM_PERCENT);
        return (seats * pct + 99) / 100;
}

/* R_LEADER: who leads the meetings. "mayor": the mayor, then the deputy mayors; "chair": the
 * chair, then the vice-chair. The other line follows, for a body that registered only it. */
void engine_leader_roles(const struct profile *p, enum role out[4])
{
        bool mayor = !strcmp(p->rules[R_LEADER].sval, "mayor");
        out[0] = mayor ? ROLE_MAYOR : ROLE_CHAIR;
        out[1] = mayor ? ROLE_DEPUTY : ROLE_VICE_CHAIR;
        out[2] = mayor ? ROLE_CHAIR : ROLE_MAYOR;
        out[3] = mayor ? ROLE_VICE_CHAIR : ROLE_DEPUTY;
}

int engine_convener(const struct pk_state *s, int body, int *tied, int *ntied)
{
        *ntied = 0;
        int n = 0;
        struct elect_mayor *em = pk_xcalloc((size_t)s->nmembers + 1, sizeof *em);
        int *idx = pk_xcalloc((size_t)s->nmembers + 1, sizeof *idx);
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                pk_day since, born;
                if (mb->body != body || mb->role == ROLE_OBSERVER || !mb->since ||
                    !cal_parse(mb->since, &since))
                        continue;
                if (!mb->born || !cal_parse(mb->born, &born))
                        born = 2147483647; /* no birth date: never the elder */
                snprintf(em[n].name, sizeof em[n].name, "%s", mb->name);
                em[n].since = since;
                em[n].born = born;
                idx[n++] = i;
        }
        int t[ELECT_MAX_GROUPS], nt = 0;
        int best = n > ELECT_MAX_GROUPS ? -1 : elect_convener(em, n, t, &nt);
        if (best >= 0)
                best = idx[best];
        for (int i = 0; i < nt; i++)
                tied[(*ntied)++] = idx[t[i]];
        free(em);
        free(idx);
        return best;
}

/*
 * The first member in the leader's line who is seated now (now) or attended the meeting,
 * leaving out one disqualified for item skip (-1: none). In a KKR's constituent meeting, the
 * convener (seed 000 § 4, stk. 1-2: the election of the chair is led by the member who
 * convened the meeting; the record keeps the convener as its leader, so electing the chair
 * does not change who led a meeting already held). Then the chair (or mayor) and the vice-
 * chair (or deputy) of R_LEADER; then the acting chair the meeting elected in their absence
 * (seed 000 § 5, stk. 7); then the other line, for a body that registered only it.
 */
static int first_leader(const struct pk_state *s, const struct meeting *m, bool now, int skip)
{
        enum role pref[4];
        engine_leader_roles(&s->bodies[m->body].profile, pref);
#define LEADS(i)                                                                                   \
        ((now ? eng_seated(s, m, (i)) : eng_catt(m, (i))->attended) && !eng_inhabil(m, skip, (i)))
        if (m->kind == MK_CONSTITUENT &&
            !strcmp(s->bodies[m->body].profile.rules[R_LEADER].sval, "chair")) {
                int *tied = pk_xcalloc((size_t)s->nmembers + 1, sizeof *tied), nt;
                int c = engine_convener(s, m->body, tied, &nt);
                free(tied);
                if (c >= 0 && LEADS(c))
                        return c;
        }
        for (int r = 0; r < 2; r++)
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == m->body &&
                            engine_role_at(s, i, m->date) == pref[r] && LEADS(i))
                                return i;
        if (m->acting_chair > 0 && m->acting_chair <= s->nmembers && LEADS(m->acting_chair - 1))
                return m->acting_chair - 1;
        for (int r = 2; r < 4; r++)
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == m->body &&
                            engine_role_at(s, i, m->date) == pref[r] && LEADS(i))
                                return i;
#undef LEADS
        return -1;
}

/* The member who leads the meeting now (R_LEADER), or -1. */
int eng_leader(const struct pk_state *s, const struct meeting *m)
{
        return first_leader(s, m, true, -1);
}

/* The member who leads the meeting now for item ii: a leader disqualified for the item is
 * prevented (forfald, seed 000 § 5, stk. 7) and the next in the line leads it. */
int eng_leader_for(const struct pk_state *s, const struct meeting *m, int ii)
{
        return first_leader(s, m, true, ii);
}

int eng_find_subject(const struct meeting *m, int item, const char *id)
{
        for (int i = 0; i < m->nsubjects; i++) {
                const struct subject *sj = &m->subjects[i];
                if (strcmp(sj->id, id) != 0)
                        continue;
                bool meeting_level = sj->kind == SK_DENY || sj->kind == SK_ORDER;
                if (meeting_level || sj->item == item)
                        return i;
        }
        return -1;
}

bool eng_is_immediate(enum subject_kind k)
{
        return k == SK_CLOSURE || k == SK_DENY || k == SK_ORDER || k == SK_DISQ;
}

/* Open, in the scope of the item under treatment (or of the meeting), and not yet placed
 * in the voting order being built (done may be NULL). */
bool eng_subject_open(const struct meeting *m, int i, const char *done)
{
        const struct subject *sj = &m->subjects[i];
        if (sj->status != SS_OPEN || (done && done[i]))
                return false;
        if (sj->kind == SK_DENY || sj->kind == SK_ORDER)
                return true;
        return m->current >= 0 && sj->item == m->current;
}

bool eng_subject_in_scope(const struct meeting *m, const struct subject *sj)
{
        return eng_subject_open(m, (int)(sj - m->subjects), NULL);
}

/* Lowest-ranked open subject of kind k (optionally children of parent), or -1. */
int eng_first_open_of(const struct meeting *m, const char *done, enum subject_kind k, int parent)
{
        int best = -1;
        for (int i = 0; i < m->nsubjects; i++) {
                const struct subject *sj = &m->subjects[i];
                if (sj->kind != k || !eng_subject_open(m, i, done))
                        continue;
                if (parent >= 0 && sj->parent != parent)
                        continue;
                if (best < 0 || sj->rank < m->subjects[best].rank)
                        best = i;
        }
        return best;
}

int eng_first_open(const struct meeting *m, enum subject_kind k, int parent)
{
        return eng_first_open_of(m, NULL, k, parent);
}

bool engine_may_vote(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                     int member)
{
        if (!m || member < 0 || member >= s->nmembers || s->members[member].body != m->body)
                return false;
        return eng_seated(s, m, member) && !eng_inhabil(m, b ? b->room : m->current, member);
}

bool engine_seated(const struct pk_state *s, const struct meeting *m, int member)
{
        return m && member >= 0 && member < s->nmembers && eng_seated(s, m, member);
}

/* The item a decision, dissent or dissent-like record applies to: current or last ended. */
int eng_target_item(const struct meeting *m)
{
        return m->current >= 0 ? m->current : m->last_item;
}

bool eng_in_list(const int *v, int n, int x)
{
        for (int i = 0; i < n; i++)
                if (v[i] == x)
                        return true;
        return false;
}

/* A member registered with party on day d. */
bool eng_has_party(const struct pk_state *s, int body, const char *party, pk_day d)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && strcmp(engine_party_at(s, i, d), party) == 0)
                        return true;
        return false;
}

bool engine_find_first_reading(const struct pk_state *s, const char *case_id, pk_day *day,
                               int *minute)
{
        const struct meeting *m = engine_current_meeting(s);
        return m && case_id && eng_find_first_reading(s, m->body, case_id, day, minute);
}

/* Finds the first reading of a case in another meeting of the body. */
bool eng_find_first_reading(const struct pk_state *s, int body, const char *case_id, pk_day *day,
                            int *minute)
{
        for (int i = s->nmeetings - 1; i >= 0; i--) {
                const struct meeting *m = &s->meetings[i];
                if (m->hole || m->body != body || i == s->cur_meeting)
                        continue;
                if (m->archived) {
                        for (int k = 0; k < m->arch.nfirst_readings; k++)
                                if (!strcmp(m->arch.first_readings[k], case_id)) {
                                        *day = m->date;
                                        *minute = m->minute;
                                        return true;
                                }
                        continue;
                }
                for (int k = 0; k < m->nitems; k++) {
                        const struct item *it = &m->items[k];
                        if (it->reading == 1 && it->case_id && !strcmp(it->case_id, case_id)) {
                                *day = m->date;
                                *minute = m->minute;
                                return true;
                        }
                }
        }
        return false;
}

/* The seat of member k is taken by a seated substitute? Returns that substitute or -1. */
int eng_seat_taken_by(const struct pk_state *s, const struct meeting *m, int k)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].principal == k && eng_catt(m, i)->status == ATT_PRESENT &&
                    eng_catt(m, i)->seat_of == k)
                        return i;
        return -1;
}

bool eng_running(const struct meeting *m)
{
        return m->state == MS_OPEN || m->state == MS_SUSPENDED;
}

int eng_item_by_number(const struct meeting *m, const char *s)
{
        int n = atoi(s);
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == n)
                        return i;
        return -1;
}

bool eng_voted_main(const struct meeting *m)
{
        int k = eng_find_subject(m, m->current, "M");
        return k >= 0 && m->subjects[k].status != SS_OPEN;
}

/* Who led the meeting (R_LEADER) among those who attended it, or -1: the one who approves the
 * minutes where the chair alone does, and who is named as chair in them. */
int engine_meeting_leader(const struct pk_state *s, const struct meeting *m)
{
        return first_leader(s, m, false, -1);
}

void engine_convener_text(const struct pk_state *s, struct sb *out)
{
        if (s->cur_body < 0) {
                sb_add(out, _("no body: create one with body \"NAME\" profile=P"));
                return;
        }
        const struct profile *p = &s->bodies[s->cur_body].profile;
        if (strcmp(p->rules[R_LEADER].sval, "chair") != 0) {
                sb_add(out, _("convener: this body's rules name no convener among its members: "
                              "the convener of the constituent meeting is a rule of the KKR "
                              "forretningsorden (§ 4, stk. 1)"));
                return;
        }
        int *tied = pk_xcalloc((size_t)s->nmembers + 1, sizeof *tied), nt = 0;
        int c = engine_convener(s, s->cur_body, tied, &nt);
        if (c >= 0) {
                const struct member *mb = &s->members[c];
                sb_addf(out, _("convener: %s, mayor since %s"), mb->name, mb->since);
                if (mb->born)
                        sb_addf(out, _(", born %s"), mb->born);
                sb_add(out, _(": the mayor who has been mayor longest, the eldest of those if "
                              "several have been equally long; the convener leads the "
                              "constituent meeting and the election of its chair"));
        } else if (nt > 1) {
                sb_add(out, _("convener: none: equally long mayor and equally old: "));
                for (int i = 0; i < nt; i++)
                        sb_addf(out, "%s%s", i ? ", " : "", s->members[tied[i]].name);
                sb_add(out, _("; the rules give no further tie-break"));
        } else {
                sb_add(out, _("convener: none: no member is registered with since= (mayor since "
                              "YYYY-MM-DD)"));
        }
        free(tied);
        sb_add(out, " (§ 4, stk. 1)");
}

void eng_extra_seats_free(struct body *b)
{
        for (int i = 0; i < b->nextra; i++)
                free(b->extra[i].party);
        free(b->extra);
        b->extra = NULL;
        b->nextra = 0;
}
