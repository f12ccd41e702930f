/*
 * engine.c - the meeting state machine: applies one action to the state or refuses it.
 *
 * Every handler first checks everything that could make the action fail, and only then
 * changes the state, so a refused action leaves the state exactly as it was. Refusals
 * carry the citation of the profile's rule they enforce.
 *
 * Pure: no I/O, no SQLite, no curses, no clock, no randomness. Times arrive in the input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* ---------- small helpers ---------- */

static char *dup_or_null(const char *s)
{
        return s ? pk_xstrdup(s) : NULL;
}

static void set_str(char **dst, const char *src)
{
        free(*dst);
        *dst = dup_or_null(src);
}

/* "16:05" out of "2027-01-21T16:05:00". */
static void hhmm(const char *time, char out[6])
{
        if (time && strlen(time) >= 16)
                memcpy(out, time + 11, 5), out[5] = '\0';
        else
                pk_strlcpy(out, "", 6);
}

void eng_why(struct sb *why, const struct profile *p, enum rule_id rule, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(why, fmt, ap);
        va_end(ap);
        if (p) {
                const char *c = p->rules[rule].cite;
                if (c[0] && strcmp(c, "-") != 0)
                        sb_addf(why, " (%s)", c);
        }
}

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

static int body_seats(const struct pk_state *s, int body)
{
        const struct body *b = &s->bodies[body];
        if (b->seats > 0)
                return b->seats;
        int n = 0;
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && s->members[i].principal < 0)
                        n++;
        return n;
}

static int find_member(const struct pk_state *s, int body, const char *name)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && strcmp(s->members[i].name, name) == 0)
                        return i;
        return -1;
}

static struct attendance *att(struct meeting *m, int member)
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

static const struct attendance *catt(const struct meeting *m, int member)
{
        static const struct attendance none = {.seat_of = -1};
        if (member < 0 || member >= m->natt)
                return &none;
        return &m->att[member];
}

/* A member (or a seated substitute) who is in the room and holds a seat. */
bool eng_seated(const struct pk_state *s, const struct meeting *m, int member)
{
        const struct attendance *a = catt(m, member);
        if (a->status != ATT_PRESENT)
                return false;
        if (s->members[member].principal >= 0)
                return a->seat_of >= 0;
        return true;
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
        int seats = body_seats(s, m->body);
        int pct = profile_int(&s->bodies[m->body].profile, R_QUORUM_PERCENT);
        return (seats * pct + 99) / 100;
}

/* The member who leads the meeting: the chair or mayor if present, else a deputy. */
int eng_leader(const struct pk_state *s, const struct meeting *m)
{
        static const enum role pref[] = {ROLE_CHAIR, ROLE_MAYOR, ROLE_VICE_CHAIR, ROLE_DEPUTY};
        for (size_t r = 0; r < sizeof pref / sizeof pref[0]; r++)
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == m->body && s->members[i].role == pref[r] &&
                            eng_seated(s, m, i))
                                return i;
        return -1;
}

const char *engine_subject_kind_name(enum subject_kind k)
{
        switch (k) {
        case SK_MAIN:
                return _("main proposal");
        case SK_AMEND:
                return _("amendment");
        case SK_SUB:
                return _("sub-amendment");
        case SK_PROC:
                return _("procedural proposal");
        case SK_CLOSURE:
                return _("closure of the debate");
        case SK_DENY:
                return _("denial of the floor");
        case SK_ORDER:
                return _("order of items");
        case SK_READING:
                return _("passing to the 2nd reading");
        }
        return "?";
}

const char *engine_item_status_name(enum item_status st)
{
        switch (st) {
        case IS_PENDING:
                return _("pending");
        case IS_DEBATE:
                return _("debate");
        case IS_DECIDED:
                return _("decided");
        case IS_POSTPONED:
                return _("postponed");
        case IS_REFERRED:
                return _("referred");
        case IS_WITHDRAWN:
                return _("withdrawn");
        }
        return "?";
}

const char *engine_meeting_state_name(enum meeting_state st)
{
        switch (st) {
        case MS_PLANNED:
                return _("planned");
        case MS_OPEN:
                return _("open");
        case MS_SUSPENDED:
                return _("suspended");
        case MS_CLOSED:
                return _("closed");
        case MS_LOCKED:
                return _("signed and locked");
        }
        return "?";
}

static int find_subject(const struct meeting *m, int item, const char *id)
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

static struct subject *add_subject(struct meeting *m, enum subject_kind k, int item, const char *id,
                                   const char *text, const char *by)
{
        m->subjects = pk_xrealloc(m->subjects, (size_t)(m->nsubjects + 1) * sizeof *m->subjects);
        struct subject *sj = &m->subjects[m->nsubjects];
        memset(sj, 0, sizeof *sj);
        pk_strlcpy(sj->id, id, sizeof sj->id);
        sj->kind = k;
        sj->status = SS_OPEN;
        sj->item = item;
        sj->text = dup_or_null(text);
        sj->by = dup_or_null(by);
        sj->parent = -1;
        sj->room = m->current;
        sj->closed_doors = m->doors_closed;
        sj->target = -1;
        sj->rank = m->nsubjects;
        m->nsubjects++;
        return sj;
}

/* ---------- voting order ---------- */

static bool is_immediate(enum subject_kind k)
{
        return k == SK_CLOSURE || k == SK_DENY || k == SK_ORDER;
}

/* Open, in the scope of the item under treatment (or of the meeting), and not yet placed
 * in the voting order being built (done may be NULL). */
static bool subject_open(const struct meeting *m, int i, const char *done)
{
        const struct subject *sj = &m->subjects[i];
        if (sj->status != SS_OPEN || (done && done[i]))
                return false;
        if (sj->kind == SK_DENY || sj->kind == SK_ORDER)
                return true;
        return m->current >= 0 && sj->item == m->current;
}

static bool subject_in_scope(const struct meeting *m, const struct subject *sj)
{
        return subject_open(m, (int)(sj - m->subjects), NULL);
}

/* Lowest-ranked open subject of kind k (optionally children of parent), or -1. */
static int first_open_of(const struct meeting *m, const char *done, enum subject_kind k, int parent)
{
        int best = -1;
        for (int i = 0; i < m->nsubjects; i++) {
                const struct subject *sj = &m->subjects[i];
                if (sj->kind != k || !subject_open(m, i, done))
                        continue;
                if (parent >= 0 && sj->parent != parent)
                        continue;
                if (best < 0 || sj->rank < m->subjects[best].rank)
                        best = i;
        }
        return best;
}

static int first_open(const struct meeting *m, enum subject_kind k, int parent)
{
        return first_open_of(m, NULL, k, parent);
}

/* The next subject in the voting order of SPEC §2, leaving out those in done. */
static int next_subject(const struct meeting *m, const char *done, struct sb *why)
{
        /* votes on closure, the floor and the order are taken as soon as proposed */
        for (int i = 0; i < m->nsubjects; i++)
                if (is_immediate(m->subjects[i].kind) && subject_open(m, i, done))
                        return i;
        int k;
        if ((k = first_open_of(m, done, SK_PROC, -1)) >= 0)
                return k;
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->reading == 1) {
                if ((k = first_open_of(m, done, SK_READING, -1)) >= 0)
                        return k;
                if (why)
                        sb_add(why, _("nothing left to vote on at the 1st reading"));
                return -1;
        }
        /* amendments in the chair's order, each after its own sub-amendments */
        int amend = first_open_of(m, done, SK_AMEND, -1);
        if (amend >= 0) {
                int sub = first_open_of(m, done, SK_SUB, amend);
                return sub >= 0 ? sub : amend;
        }
        /* sub-amendments whose amendment is gone are not voted: they lapse with it */
        if ((k = first_open_of(m, done, SK_MAIN, -1)) >= 0)
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
        return next_subject(m, NULL, why);
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
        while (n < max && (k = next_subject(m, done, NULL)) >= 0) {
                out[n++] = k;
                done[k] = 1;
        }
        free(done);
        return n;
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

/*
 * May subject idx be voted now? The order of SPEC §2: immediate votes, then procedural
 * proposals, then each sub-amendment before its amendment, every amendment before the
 * main proposal. Among siblings the chair chooses.
 */
static bool order_allows(const struct pk_state *s, const struct meeting *m, int idx, struct sb *why)
{
        const struct profile *p = eng_profile(s, m);
        const struct subject *sj = &m->subjects[idx];
        if (!is_immediate(sj->kind)) {
                for (int i = 0; i < m->nsubjects; i++) {
                        const struct subject *o = &m->subjects[i];
                        if (is_immediate(o->kind) && subject_in_scope(m, o)) {
                                eng_why(why, p, R_PROCEDURAL_FIRST,
                                        _("%s (%s) is voted first, as soon as it is proposed"),
                                        o->id, engine_subject_kind_name(o->kind));
                                return false;
                        }
                }
        }
        bool council_order = !strcmp(p->rules[R_VOTING_ORDER].sval, "sub-amendments-first");
        if (sj->kind != SK_PROC && !is_immediate(sj->kind) && profile_int(p, R_PROCEDURAL_FIRST)) {
                int k = first_open(m, SK_PROC, -1);
                if (k >= 0) {
                        eng_why(why, p, R_PROCEDURAL_FIRST,
                                _("the procedural proposal %s is decided first"),
                                m->subjects[k].id);
                        return false;
                }
        }
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->reading == 1 &&
            (sj->kind == SK_MAIN || sj->kind == SK_AMEND || sj->kind == SK_SUB)) {
                eng_why(why, p, R_FIRST_READING_VOTE,
                        _("at the 1st reading only the passing to the 2nd reading is voted"));
                return false;
        }
        if (!council_order)
                return true; /* the chair formulates the voting themes and their order */
        if (sj->kind == SK_AMEND) {
                int sub = first_open(m, SK_SUB, idx);
                if (sub >= 0) {
                        eng_why(why, p, R_VOTING_ORDER,
                                _("sub-amendments are voted before their amendment (%s first)"),
                                m->subjects[sub].id);
                        return false;
                }
        }
        if (sj->kind == SK_MAIN) {
                if (first_open(m, SK_AMEND, -1) >= 0 || first_open(m, SK_SUB, -1) >= 0) {
                        eng_why(why, p, R_VOTING_ORDER, _("amendments are voted first"));
                        return false;
                }
        }
        return true;
}

/* ---------- generic preconditions ---------- */

static bool need_body(const struct pk_state *s, struct sb *why)
{
        if (s->cur_body < 0) {
                sb_add(why, _("no body: create one with body \"NAME\" profile=P"));
                return false;
        }
        return true;
}

static bool need_meeting(const struct pk_state *s, struct sb *why)
{
        const struct meeting *m = engine_current_meeting(s);
        if (!m) {
                sb_add(why, _("no meeting: create one with meeting YYYY-MM-DD HH:MM"));
                return false;
        }
        if (m->state == MS_LOCKED) {
                eng_why(why, eng_profile(s, m), R_SIGNING, _("the protocol is signed and locked"));
                return false;
        }
        return true;
}

static bool need_not_closed(const struct pk_state *s, struct sb *why)
{
        if (!need_meeting(s, why))
                return false;
        const struct meeting *m = engine_current_meeting(s);
        if (m->state == MS_CLOSED) {
                sb_add(why, _("the meeting is closed"));
                return false;
        }
        return true;
}

static bool need_open(const struct pk_state *s, struct sb *why)
{
        if (!need_not_closed(s, why))
                return false;
        const struct meeting *m = engine_current_meeting(s);
        if (m->state == MS_PLANNED) {
                sb_add(why, _("the meeting has not been opened"));
                return false;
        }
        if (m->state == MS_SUSPENDED) {
                sb_add(why, _("the meeting is suspended"));
                return false;
        }
        return true;
}

static bool need_no_ballot(const struct pk_state *s, struct sb *why)
{
        const struct meeting *m = engine_current_meeting(s);
        if (m && m->open_ballot >= 0) {
                sb_addf(why, _("the ballot on %s is open: record the votes first"),
                        m->subjects[m->ballots[m->open_ballot].subject].id);
                return false;
        }
        return true;
}

static bool need_item(const struct pk_state *s, struct sb *why)
{
        if (!need_open(s, why))
                return false;
        const struct meeting *m = engine_current_meeting(s);
        if (m->current < 0) {
                sb_add(why, _("no item is under treatment: take one with take N"));
                return false;
        }
        return true;
}

static bool quorate(const struct pk_state *s, const struct meeting *m, struct sb *why)
{
        int present = engine_present(s, m), need = engine_quorum_need(s, m);
        if (present >= need)
                return true;
        eng_why(why, eng_profile(s, m), R_QUORUM_PERCENT,
                _("not quorate: %d of %d present, %d needed"), present, body_seats(s, m->body),
                need);
        return false;
}

/* The item a decision, dissent or dissent-like record applies to: current or last ended. */
static int target_item(const struct meeting *m)
{
        return m->current >= 0 ? m->current : m->last_item;
}

bool eng_verb_possible(const struct pk_state *s, enum pk_verb v, struct sb *why)
{
        return eng_verb_check(s, v, false, why);
}

bool eng_verb_check(const struct pk_state *s, enum pk_verb v, bool ballot_with_id, struct sb *why)
{
        const struct meeting *m = engine_current_meeting(s);
        const struct profile *p = m ? eng_profile(s, m) : NULL;
        switch (v) {
        case V_BODY:
        case V_STATUS:
        case V_ALLOWED:
                return true;
        case V_PLAN:
                return need_body(s, why);
        case V_MEMBER:
        case V_MEETING:
                if (!need_body(s, why))
                        return false;
                if (v == V_MEETING && m && m->body == s->cur_body &&
                    (m->state == MS_OPEN || m->state == MS_SUSPENDED)) {
                        sb_add(why, _("the current meeting is still open: close it first"));
                        return false;
                }
                return true;
        case V_ITEM:
        case V_DISPATCHED:
        case V_PRESENT:
        case V_ABSENT:
                return need_not_closed(s, why);
        case V_ARRIVE:
        case V_LEAVE:
        case V_SUBSTITUTE:
                if (!need_not_closed(s, why))
                        return false;
                if (v == V_SUBSTITUTE && !profile_int(p, R_SUBSTITUTES)) {
                        eng_why(why, p, R_SUBSTITUTES,
                                _("this body's rules have no personal substitutes"));
                        return false;
                }
                return true;
        case V_OPEN:
                if (!need_not_closed(s, why))
                        return false;
                if (m->state != MS_PLANNED) {
                        sb_add(why, _("the meeting is already open"));
                        return false;
                }
                return true;
        case V_SUSPEND:
                return need_open(s, why) && need_no_ballot(s, why);
        case V_RESUME:
                if (!need_not_closed(s, why))
                        return false;
                if (m->state != MS_SUSPENDED) {
                        sb_add(why, _("the meeting is not suspended"));
                        return false;
                }
                return true;
        case V_CLOSE:
                if (!need_not_closed(s, why))
                        return false;
                if (m->state == MS_PLANNED) {
                        sb_add(why, _("the meeting has not been opened"));
                        return false;
                }
                if (!need_no_ballot(s, why))
                        return false;
                if (m->current >= 0) {
                        sb_addf(why,
                                _("item %d is still under treatment: end it with done, postpone, "
                                  "refer or withdraw"),
                                m->items[m->current].number);
                        return false;
                }
                return true;
        case V_TAKE:
                if (!need_open(s, why) || !need_no_ballot(s, why))
                        return false;
                for (int i = 0; i < m->nsubjects; i++)
                        if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN) {
                                eng_why(why, p, R_ORDER_DEMAND,
                                        _("the vote on the order of items (%s) is taken first"),
                                        m->subjects[i].id);
                                return false;
                        }
                if (m->current >= 0) {
                        sb_addf(why,
                                _("item %d is still under treatment: end it with done, postpone, "
                                  "refer or withdraw"),
                                m->items[m->current].number);
                        return false;
                }
                return true;
        case V_MOVE:
                if (!need_not_closed(s, why))
                        return false;
                if (m->nitems < 2) {
                        sb_add(why, _("there is nothing to reorder"));
                        return false;
                }
                return true;
        case V_ORDER_VOTE:
                if (!need_open(s, why))
                        return false;
                if (profile_int(p, R_ORDER_DEMAND) == 0) {
                        eng_why(why, p, R_ORDER_DEMAND, _("the chair decides the order of items"));
                        return false;
                }
                return true;
        case V_DOORS:
                return need_open(s, why);
        case V_INHABIL:
                return need_item(s, why) && need_no_ballot(s, why);
        case V_SPEAKER:
                if (!need_item(s, why))
                        return false;
                if (m->items[m->current].debate_closed) {
                        eng_why(why, p, R_CLOSURE_DEMAND, _("the debate has been closed"));
                        return false;
                }
                return true;
        case V_NEXT:
                if (!need_item(s, why))
                        return false;
                if (m->items[m->current].nspeakers == 0) {
                        sb_add(why, _("no one has asked for the floor"));
                        return false;
                }
                return true;
        case V_CALL_TO_ORDER:
        case V_DENY_FLOOR:
        case V_RULING:
                return need_open(s, why);
        case V_RULING_DECIDED:
                if (!need_open(s, why))
                        return false;
                if (strcmp(p->rules[R_RULINGS].sval, "binding") != 0) {
                        eng_why(why, p, R_RULINGS,
                                _("the chair's rulings are final: there is no appeal to the "
                                  "meeting"));
                        return false;
                }
                return true;
        case V_CLOSURE:
                if (!need_item(s, why))
                        return false;
                if (m->items[m->current].debate_closed) {
                        sb_add(why, _("the debate is already closed"));
                        return false;
                }
                return true;
        case V_MOTION:
        case V_AMEND:
        case V_PROCEDURAL:
        case V_RANK:
        case V_URGENT:
                if (!need_item(s, why))
                        return false;
                if (v == V_AMEND && m->items[m->current].voting_begun &&
                    profile_rule_type(R_AMEND_UNTIL) == RT_ENUM &&
                    strcmp(p->rules[R_AMEND_UNTIL].sval, "voting-begins") == 0) {
                        eng_why(why, p, R_AMEND_UNTIL, _("voting has begun"));
                        return false;
                }
                if (v == V_MOTION && find_subject(m, m->current, "M") >= 0) {
                        sb_add(why, _("the item already has a main proposal (M)"));
                        return false;
                }
                return true;
        case V_BALLOT: {
                if (!need_open(s, why) || !need_no_ballot(s, why) || !quorate(s, m, why))
                        return false;
                if (ballot_with_id)
                        return true;
                struct sb tmp = {0};
                int k = engine_next_subject(s, m, &tmp);
                if (k < 0)
                        sb_add(why, sb_str(&tmp));
                sb_free(&tmp);
                return k >= 0;
        }
        case V_VOTE:
                if (!need_open(s, why))
                        return false;
                if (m->open_ballot < 0) {
                        sb_add(why, _("no ballot is open: open one with ballot"));
                        return false;
                }
                return true;
        case V_DECLARE:
                if (!need_item(s, why) || !need_no_ballot(s, why))
                        return false;
                if (!profile_int(p, R_BEYOND_DOUBT)) {
                        eng_why(
                            why, p, R_MAJORITY,
                            _("this body decides by a vote: no outcome is declared without one"));
                        return false;
                }
                return true;
        case V_DEMAND:
        case V_DECIDE:
                if (!need_item(s, why) || !need_no_ballot(s, why))
                        return false;
                if (!m->items[m->current].declared) {
                        eng_why(why, p, R_BEYOND_DOUBT, _("the chair has declared no outcome"));
                        return false;
                }
                if (v == V_DECIDE && m->items[m->current].demanded) {
                        eng_why(why, p, R_BEYOND_DOUBT,
                                _("a member has demanded a vote: put it to a ballot"));
                        return false;
                }
                if (v == V_DECIDE && !quorate(s, m, why))
                        return false;
                return true;
        case V_INCOMPATIBLE: {
                if (!need_item(s, why) || !need_no_ballot(s, why))
                        return false;
                for (int i = 0; i < m->nsubjects; i++)
                        if (m->subjects[i].item == m->current &&
                            (m->subjects[i].kind == SK_AMEND || m->subjects[i].kind == SK_SUB) &&
                            m->subjects[i].status == SS_ADOPTED)
                                return true;
                eng_why(why, p, R_VOTING_ORDER, _("no amendment has been adopted"));
                return false;
        }
        case V_DECISION:
        case V_DISSENT:
                if (!need_not_closed(s, why) && !(m && m->state == MS_CLOSED))
                        return false;
                if (v == V_DISSENT && !profile_int(p, R_DISSENT)) {
                        eng_why(why, p, R_DISSENT, _("this body's minutes record decisions only"));
                        return false;
                }
                if (target_item(m) < 0) {
                        sb_add(why, _("no item has been treated"));
                        return false;
                }
                return true;
        case V_POSTPONE:
        case V_REFER:
        case V_WITHDRAW:
        case V_DONE:
                return need_item(s, why) && need_no_ballot(s, why);
        case V_SIGN:
                if (!need_meeting(s, why))
                        return false;
                if (m->state != MS_CLOSED) {
                        sb_add(why, _("the meeting must be closed before it is signed"));
                        return false;
                }
                return true;
        case V_ELECTION:
        case V_CANDIDATE:
        case V_GROUP:
        case V_ROUND:
        case V_ALLOCATE:
        case V_WAIVE:
        case V_LOT:
                if (!need_item(s, why) || !need_no_ballot(s, why))
                        return false;
                return eng_election_possible(s, v, why);
        case V_UNDO:
                if (m && m->state == MS_LOCKED) {
                        eng_why(why, p, R_SIGNING, _("the protocol is signed and locked"));
                        return false;
                }
                return true;
        case V__COUNT:
                break;
        }
        return false;
}

/* ---------- name lists in votes and demands ---------- */

static bool in_list(const int *v, int n, int x)
{
        for (int i = 0; i < n; i++)
                if (v[i] == x)
                        return true;
        return false;
}

/* Resolves quoted names in an option to distinct present members; -1 on error. */
static int resolve_names(const struct pk_state *s, const struct meeting *m, const struct opt *o,
                         int *out, int max, struct sb *why)
{
        int n = 0;
        for (int i = 0; o && i < o->nvals; i++) {
                int k = find_member(s, m->body, o->vals[i].text);
                if (k < 0) {
                        eng_no_member(s, m->body, o->vals[i].text, why);
                        return -1;
                }
                if (!eng_seated(s, m, k)) {
                        sb_addf(why, _("\"%s\" is not present"), o->vals[i].text);
                        return -1;
                }
                if (in_list(out, n, k)) {
                        sb_addf(why, _("\"%s\" is named twice"), o->vals[i].text);
                        return -1;
                }
                if (n < max)
                        out[n++] = k;
        }
        return n;
}

static bool has_party(const struct pk_state *s, int body, const char *party)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && strcmp(s->members[i].party, party) == 0)
                        return true;
        return false;
}

/* ---------- handlers ---------- */

struct ctx {
        struct pk_state *s;
        const struct engine_input *in;
        const struct action *a;
        struct sb *msg;
        struct meeting *m;
        const struct profile *p;
};

/* The index of the context's meeting, for the touched-set. */
#define MI(c) ((int)((c)->m - (c)->s->meetings))

static const char *pos(const struct ctx *c, int i)
{
        return i < c->a->npos ? c->a->pos[i].text : NULL;
}

static enum pk_result deny(struct ctx *c, enum rule_id rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum pk_result deny(struct ctx *c, enum rule_id rule, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(c->msg, fmt, ap);
        va_end(ap);
        if (c->p && (int)rule >= 0) {
                const char *ct = c->p->rules[rule].cite;
                if (ct[0] && strcmp(ct, "-") != 0)
                        sb_addf(c->msg, " (%s)", ct);
        }
        return PK_DENIED;
}

#define NO_RULE ((enum rule_id) - 1)

static enum pk_result err(struct ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static enum pk_result err(struct ctx *c, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(c->msg, fmt, ap);
        va_end(ap);
        return PK_ERROR;
}

static int member_arg(struct ctx *c, const char *name)
{
        int body = c->m ? c->m->body : c->s->cur_body;
        int k = find_member(c->s, body, name);
        if (k < 0)
                eng_no_member(c->s, body, name, c->msg);
        return k;
}

static enum role parse_role(const char *w, bool *ok)
{
        *ok = true;
        if (!w || !strcmp(w, "member"))
                return ROLE_MEMBER;
        if (!strcmp(w, "mayor"))
                return ROLE_MAYOR;
        if (!strcmp(w, "chair"))
                return ROLE_CHAIR;
        if (!strcmp(w, "vice-chair"))
                return ROLE_VICE_CHAIR;
        if (!strcmp(w, "deputy"))
                return ROLE_DEPUTY;
        *ok = false;
        return ROLE_MEMBER;
}

static const char *role_name(enum role r)
{
        static const char *n[] = {"member", "mayor", "chair", "vice-chair", "deputy"};
        return n[r];
}

static enum pk_result h_body(struct ctx *c)
{
        struct pk_state *s = c->s;
        const char *name = pos(c, 0);
        const char *pname = action_opt(c->a, "profile");
        const char *seats_s = action_opt(c->a, "seats");
        int seats = seats_s ? atoi(seats_s) : 0;
        for (int i = 0; i < s->nbodies; i++) {
                if (strcmp(s->bodies[i].name, name) != 0)
                        continue;
                if (pname && strcmp(pname, s->bodies[i].profile.name) != 0 &&
                    (!c->in->profile || strcmp(c->in->profile->name, s->bodies[i].profile.name)))
                        return err(c, _("body \"%s\" exists with profile %s"), name,
                                   s->bodies[i].profile.name);
                if (seats_s && seats != s->bodies[i].seats)
                        return err(c, _("body \"%s\" exists with %d seats"), name,
                                   s->bodies[i].seats);
                s->cur_body = i;
                s->cur_meeting = -1;
                if (c->in->replay) {
                        /* a replay repeats the recorded choice: what else is loaded cannot
                         * change it */
                        int k = c->in->recorded_meeting - 1;
                        if (k >= s->nmeetings || (k >= 0 && s->meetings[k].body != i))
                                return err(c, _("the recorded meeting %d is not one of \"%s\""),
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
                return err(c, _("a new body needs a rule profile: profile=NAME"));
        if (seats_s && seats < 1)
                return err(c, _("seats must be at least 1"));
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
        mb->born = dup_or_null(born);
        mb->since = dup_or_null(since);
}

static enum pk_result h_member(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct profile *p = &s->bodies[s->cur_body].profile;
        c->p = p;
        const char *name = pos(c, 0), *party = action_opt(c->a, "party");
        const char *sub = action_opt(c->a, "substitute");
        bool ok;
        enum role r = parse_role(action_opt(c->a, "role"), &ok);
        if (!ok)
                return err(c,
                           _("role: \"%s\" is not one of mayor, chair, vice-chair, deputy, member"),
                           action_opt(c->a, "role"));
        if (!party || !party[0])
                return err(c, _("a member needs party=X"));
        if (!name[0])
                return err(c, _("a member needs a name"));
        if (find_member(s, s->cur_body, name) >= 0)
                return deny(c, NO_RULE, _("a member named \"%s\" is already registered"), name);
        if (sub && !profile_int(p, R_SUBSTITUTES))
                return deny(c, R_SUBSTITUTES, _("this body's rules have no personal substitutes"));
        if (sub && (find_member(s, s->cur_body, sub) >= 0 || !strcmp(sub, name)))
                return deny(c, NO_RULE, _("a member named \"%s\" is already registered"), sub);
        int seats = s->bodies[s->cur_body].seats;
        if (seats > 0 && body_seats(s, s->cur_body) >= seats) {
                int n = 0;
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == s->cur_body && s->members[i].principal < 0)
                                n++;
                if (n >= seats)
                        return deny(c, NO_RULE, _("all %d seats are taken"), seats);
        }
        add_member(s, name, party, r, -1, action_opt(c->a, "born"), action_opt(c->a, "since"));
        int idx = s->nmembers - 1;
        eng_t_member(s, idx);
        if (sub) {
                add_member(s, sub, party, ROLE_MEMBER, idx, NULL, NULL);
                eng_t_member(s, s->nmembers - 1);
        }
        sb_addf(c->msg, _("member \"%s\" (%s, %s) registered"), name, party, role_name(r));
        if (sub)
                sb_addf(c->msg, _(" with personal substitute \"%s\""), sub);
        return PK_OK;
}

static enum pk_result h_meeting(struct ctx *c)
{
        struct pk_state *s = c->s;
        pk_day d;
        if (!cal_parse(pos(c, 0), &d))
                return err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), pos(c, 0));
        const char *t = pos(c, 1);
        int hh = (t[0] - '0') * 10 + (t[1] - '0'), mm = (t[3] - '0') * 10 + (t[4] - '0');
        bool plan = c->a->verb == V_PLAN;
        for (int i = 0; i < s->nmeetings; i++) {
                const struct meeting *o = &s->meetings[i];
                if (o->hole || o->body != s->cur_body || o->date != d || o->minute != hh * 60 + mm)
                        continue;
                if (plan || o->state != MS_PLANNED)
                        return deny(c, NO_RULE, _("meeting %d is already on %s %s"), i + 1,
                                    pos(c, 0), t);
                if (action_opt(c->a, "kind") || action_opt(c->a, "place") ||
                    action_flag(c->a, "virtual"))
                        return err(c,
                                   _("meeting %d is planned on %s %s: select it without options"),
                                   i + 1, pos(c, 0), t);
                s->cur_meeting = i;
                s->event_meeting = i + 1;
                sb_addf(c->msg, _("meeting %d on %s %s selected (%s)"), i + 1, pos(c, 0), t,
                        s->bodies[s->cur_body].name);
                return PK_OK;
        }
        const char *kind = action_opt(c->a, "kind");
        enum meeting_kind k = MK_ORDINARY;
        if (kind && !strcmp(kind, "extraordinary"))
                k = MK_EXTRAORDINARY;
        else if (kind && !strcmp(kind, "constituent"))
                k = MK_CONSTITUENT;
        else if (kind && strcmp(kind, "ordinary"))
                return err(c, _("kind: \"%s\" is not one of ordinary, extraordinary, constituent"),
                           kind);
        /* an open keeps places for the meetings created before archived ones: the first
         * hole is this creation's place */
        int idx = s->nmeetings;
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].hole) {
                        idx = i;
                        break;
                }
        if (idx == s->nmeetings) {
                s->meetings =
                    pk_xrealloc(s->meetings, (size_t)(s->nmeetings + 1) * sizeof *s->meetings);
                s->nmeetings++;
        }
        struct meeting *m = &s->meetings[idx];
        memset(m, 0, sizeof *m);
        m->body = s->cur_body;
        m->date = d;
        m->minute = hh * 60 + mm;
        m->kind = k;
        m->virtual_ = action_flag(c->a, "virtual");
        m->place = dup_or_null(action_opt(c->a, "place"));
        m->current = -1;
        m->last_item = -1;
        m->open_ballot = -1;
        m->doors_closed = !profile_int(&s->bodies[s->cur_body].profile, R_MEETINGS_PUBLIC);
        eng_t_meeting(s, idx);
        s->event_meeting = idx + 1;
        if (!plan)
                s->cur_meeting = idx;
        sb_addf(c->msg,
                plan ? _("meeting %d on %s %s planned (%s)")
                     : _("meeting %d on %s %s created (%s)"),
                idx + 1, pos(c, 0), t, s->bodies[s->cur_body].name);
        return PK_OK;
}

static bool find_first_reading(const struct pk_state *s, int body, const char *case_id, pk_day *day,
                               int *minute);

bool engine_find_first_reading(const struct pk_state *s, const char *case_id, pk_day *day,
                               int *minute)
{
        const struct meeting *m = engine_current_meeting(s);
        return m && case_id && find_first_reading(s, m->body, case_id, day, minute);
}

/* Finds the first reading of a case in another meeting of the body. */
static bool find_first_reading(const struct pk_state *s, int body, const char *case_id, pk_day *day,
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

static enum pk_result h_item(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        const char *title = pos(c, 0);
        bool closed = action_flag(c->a, "closed"), open = action_flag(c->a, "open");
        const char *cat = action_opt(c->a, "category");
        const char *reading_s = action_opt(c->a, "reading");
        const char *kind_s = action_opt(c->a, "kind");
        const char *case_id = action_opt(c->a, "case");
        const char *proposer = action_opt(c->a, "proposer");
        const char *submitted = action_opt(c->a, "submitted");
        const char *first = action_opt(c->a, "first-reading");
        int reading = reading_s ? atoi(reading_s) : 0;
        enum item_kind kind = IK_ORDINARY;
        if (!title[0])
                return err(c, _("an item needs a title"));
        if (closed && open)
                return err(c, _("an item cannot be both closed and open"));
        if (kind_s && !strcmp(kind_s, "budget"))
                kind = IK_BUDGET;
        else if (kind_s && !strcmp(kind_s, "bylaws"))
                kind = IK_BYLAWS;
        else if (kind_s && strcmp(kind_s, "ordinary"))
                return err(c, _("kind: \"%s\" is not one of ordinary, budget, bylaws"), kind_s);
        if (reading_s && reading != 1 && reading != 2)
                return err(c, _("reading: \"%s\" is not 1 or 2"), reading_s);
        if ((proposer == NULL) != (submitted == NULL))
                return err(c, _("a member's proposal needs both proposer=\"NAME\" and "
                                "submitted=YYYY-MM-DD"));
        if (proposer && find_member(c->s, m->body, proposer) < 0)
                return eng_no_member(c->s, m->body, proposer, c->msg), PK_ERROR;
        if (cat && profile_list_has(p, R_CLOSED_MANDATORY, cat)) {
                if (open)
                        return deny(c, R_CLOSED_MANDATORY,
                                    _("items of category %s must be treated behind closed doors"),
                                    cat);
                closed = true;
        }
        if (cat && profile_list_has(p, R_CLOSED_DEFAULT, cat) && !open)
                closed = true;
        if (reading && !profile_int(p, R_TWO_READINGS))
                return deny(c, R_TWO_READINGS, _("this body's rules have no two readings"));
        if (kind == IK_BUDGET && !reading && profile_int(p, R_TWO_READINGS))
                return deny(c, R_TWO_READINGS, _("the budget is always given two readings"));
        if (kind == IK_BYLAWS && !reading && profile_int(p, R_READING_BYLAWS_DAYS))
                return deny(c, R_READING_BYLAWS_DAYS,
                            _("the bylaws (styrelsesvedtægt) are always given two readings"));
        char first_buf[24] = "";
        if (reading == 2) {
                pk_day fd = 0;
                int fmin = 0;
                bool have = false;
                if (first) {
                        if (!cal_parse(first, &fd))
                                return err(c, _("first-reading: \"%s\" is not a valid date"),
                                           first);
                        const char *ft = action_opt(c->a, "first-reading-time");
                        if (ft)
                                fmin = (ft[0] - '0') * 600 + (ft[1] - '0') * 60 +
                                       (ft[3] - '0') * 10 + (ft[4] - '0');
                        have = true;
                } else if (case_id) {
                        have = find_first_reading(c->s, m->body, case_id, &fd, &fmin);
                }
                if (have) {
                        long gap = (long)(m->date - fd) * 1440 + (m->minute - fmin);
                        int hours = profile_int(p, R_READING_INTERVAL_HOURS);
                        enum rule_id rid = R_READING_INTERVAL_HOURS;
                        long need = (long)hours * 60;
                        const char *what = _("24 hours");
                        char buf[64];
                        if (kind == IK_BUDGET && profile_int(p, R_READING_BUDGET_DAYS)) {
                                rid = R_READING_BUDGET_DAYS;
                                need = (long)profile_int(p, rid) * 1440;
                        } else if (kind == IK_BYLAWS && profile_int(p, R_READING_BYLAWS_DAYS)) {
                                rid = R_READING_BYLAWS_DAYS;
                                need = (long)profile_int(p, rid) * 1440;
                        }
                        if (rid == R_READING_INTERVAL_HOURS)
                                snprintf(buf, sizeof buf, _("%d hours"), hours);
                        else
                                snprintf(buf, sizeof buf, _("%d days"), profile_int(p, rid));
                        what = buf;
                        cal_format(fd, first_buf);
                        if (gap < 0)
                                return deny(c, rid, _("the 1st reading (%s) is after this meeting"),
                                            first_buf);
                        if (need > 0 && gap < need)
                                return deny(c, rid,
                                            _("the 2nd reading must be at least %s after the 1st "
                                              "reading (%s)"),
                                            what, first_buf);
                }
        }
        bool late = false;
        pk_day sub_day = 0, dl = 0;
        if (submitted) {
                if (!cal_parse(submitted, &sub_day))
                        return err(c, _("submitted: \"%s\" is not a valid date"), submitted);
                if (deadline_of_rule(p, R_PROPOSAL_DEADLINE, m->date, &dl) && sub_day > dl)
                        late = true;
        }
        m->items = pk_xrealloc(m->items, (size_t)(m->nitems + 1) * sizeof *m->items);
        struct item *it = &m->items[m->nitems];
        memset(it, 0, sizeof *it);
        it->number = m->nitems + 1;
        it->title = pk_xstrdup(title);
        it->closed = closed;
        it->public_title = dup_or_null(action_opt(c->a, "public-title"));
        it->category = dup_or_null(cat);
        it->reading = reading;
        it->case_id = dup_or_null(case_id);
        it->kind = kind;
        it->proposer = dup_or_null(proposer);
        it->submitted = dup_or_null(submitted);
        it->late_proposal = late;
        it->first_reading = first_buf[0] ? pk_xstrdup(first_buf) : NULL;
        it->speaker = -1;
        m->order = pk_xrealloc(m->order, (size_t)(m->nitems + 1) * sizeof *m->order);
        m->agenda_order =
            pk_xrealloc(m->agenda_order, (size_t)(m->nitems + 1) * sizeof *m->agenda_order);
        m->order[m->nitems] = m->nitems;
        m->agenda_order[m->nitems] = m->nitems;
        m->nitems++;
        eng_t_item(c->s, MI(c), m->nitems - 1);
        sb_addf(c->msg, _("item %d \"%s\" added"), it->number, title);
        if (closed)
                sb_add(c->msg, _(" (closed)"));
        if (reading)
                sb_addf(c->msg, _(" (reading %d)"), reading);
        if (late) {
                char a[11], b[11];
                cal_format(sub_day, a);
                cal_format(dl, b);
                sb_addf(c->msg,
                        _("; proposal submitted %s, after the deadline %s: not entitled to "
                          "this meeting"),
                        a, b);
                const char *ct = p->rules[R_PROPOSAL_DEADLINE].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                int next = -1;
                for (int i = 0; i < c->s->nmeetings; i++) {
                        const struct meeting *o = &c->s->meetings[i];
                        pk_day odl;
                        if (o->hole || o->body != m->body || o->date <= m->date ||
                            o->kind != MK_ORDINARY ||
                            !deadline_of_rule(p, R_PROPOSAL_DEADLINE, o->date, &odl) ||
                            odl < sub_day)
                                continue;
                        if (next < 0 || o->date < c->s->meetings[next].date)
                                next = i;
                }
                if (next >= 0) {
                        char nd[11];
                        cal_format(c->s->meetings[next].date, nd);
                        sb_addf(c->msg, _("; entitled to meeting %d on %s"), next + 1, nd);
                } else {
                        sb_add(c->msg, _("; entitled to the next ordinary meeting"));
                }
        }
        return PK_OK;
}

static enum pk_result h_dispatched(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        pk_day d, dl;
        if (!cal_parse(pos(c, 0), &d))
                return err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), pos(c, 0));
        if (d > m->date)
                return err(c, _("the agenda cannot be dispatched after the meeting (%s)"),
                           pos(c, 0));
        bool late = false;
        char dls[11] = "";
        if (deadline_of_rule(p, R_AGENDA_DEADLINE, m->date, &dl)) {
                cal_format(dl, dls);
                late = d > dl;
        }
        set_str(&m->dispatched, pos(c, 0));
        m->dispatch_late = late;
        eng_t_meeting(c->s, MI(c));
        if (!dls[0]) {
                sb_addf(c->msg, _("agenda dispatched %s"), pos(c, 0));
                return PK_OK;
        }
        if (!late) {
                sb_addf(c->msg, _("agenda dispatched %s (deadline %s)"), pos(c, 0), dls);
        } else {
                sb_addf(c->msg, _("agenda dispatched %s, after the deadline %s"), pos(c, 0), dls);
                const char *ct = p->rules[R_AGENDA_DEADLINE].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                const char *late_rule = p->rules[R_LATE_AGENDA].sval;
                const char *lc = p->rules[R_LATE_AGENDA].cite;
                if (!strcmp(late_rule, "reason-required"))
                        sb_addf(c->msg,
                                _("; an item may be decided only if the reason it cannot wait is "
                                  "recorded (%s)"),
                                lc);
                else if (!strcmp(late_rule, "special-cases"))
                        sb_addf(c->msg, _("; allowed in special cases (%s)"), lc);
        }
        pk_day md;
        if (deadline_of_rule(p, R_MATERIAL_DEADLINE, m->date, &md)) {
                char b[11];
                cal_format(md, b);
                sb_addf(c->msg, _("; material due %s"), b);
        }
        return PK_OK;
}

static enum pk_result h_urgent(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        if (!c->m->dispatch_late)
                return deny(c, R_LATE_AGENDA,
                            _("the agenda was not dispatched late: no reason is needed"));
        set_str(&it->urgent, pos(c, 0));
        eng_t_item(c->s, MI(c), c->m->current);
        sb_addf(c->msg, _("item %d: reason it cannot wait recorded"), it->number);
        return PK_OK;
}

/* The seat of member k is taken by a seated substitute? Returns that substitute or -1. */
static int seat_taken_by(const struct pk_state *s, const struct meeting *m, int k)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].principal == k && catt(m, i)->status == ATT_PRESENT &&
                    catt(m, i)->seat_of == k)
                        return i;
        return -1;
}

static bool running(const struct meeting *m)
{
        return m->state == MS_OPEN || m->state == MS_SUSPENDED;
}

static enum pk_result h_present(struct ctx *c)
{
        struct meeting *m = c->m;
        int idx[256], n = 0;
        bool all = action_flag(c->a, "all"), except = action_flag(c->a, "except");
        if (!all && (except || c->a->npos == 0))
                return err(c, "%s",
                           _("present: name the members, or write present all [except "
                             "\"A\" \"B\"]"));
        if (all && !except && c->a->npos > 0)
                return err(c, "%s", _("present all: the members left out follow except"));
        if (except && c->a->npos == 0)
                return err(c, "%s", _("present all except: name the members left out"));
        for (int i = 0; i < c->a->npos; i++) {
                int k = member_arg(c, pos(c, i));
                if (k < 0)
                        return PK_ERROR;
                if (!all && c->s->members[k].principal >= 0)
                        return deny(c, R_SUBSTITUTES,
                                    _("\"%s\" is a substitute: seat them with substitute \"%s\" "
                                      "for \"%s\""),
                                    pos(c, i), pos(c, i),
                                    c->s->members[c->s->members[k].principal].name);
                int sub = all ? -1 : seat_taken_by(c->s, m, k);
                if (sub >= 0)
                        return deny(c, R_SUBSTITUTES, _("the seat of \"%s\" is taken by \"%s\""),
                                    pos(c, i), c->s->members[sub].name);
                if (in_list(idx, n, k))
                        return err(c, _("\"%s\" is named twice"), pos(c, i));
                if (n < 256)
                        idx[n++] = k;
        }
        if (all) {
                /* every member of the body in their own seat, but those named */
                int left[256], nl = n;
                memcpy(left, idx, sizeof left);
                n = 0;
                for (int k = 0; k < c->s->nmembers && n < 256; k++)
                        if (c->s->members[k].body == m->body && c->s->members[k].principal < 0 &&
                            !in_list(left, nl, k) && seat_taken_by(c->s, m, k) < 0)
                                idx[n++] = k;
        }
        char t[6];
        hhmm(c->in->time, t);
        for (int i = 0; i < n; i++) {
                struct attendance *a = att(m, idx[i]);
                eng_t_att(c->s, MI(c), idx[i]);
                if (a->status != ATT_PRESENT && running(m))
                        set_str(&a->arrived, t);
                a->status = ATT_PRESENT;
                if (running(m))
                        a->attended = true;
        }
        sb_addf(c->msg, _("%d of %d present"), engine_present(c->s, m), body_seats(c->s, m->body));
        return PK_OK;
}

static enum pk_result h_absent(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = att(m, k);
        if (a->status == ATT_PRESENT && running(m))
                return deny(c, NO_RULE, _("\"%s\" is present: record a departure with leave"),
                            pos(c, 0));
        a->status = ATT_ABSENT;
        set_str(&a->reason, action_opt(c->a, "reason"));
        eng_t_att(c->s, MI(c), k);
        sb_addf(c->msg, _("\"%s\" absent"), pos(c, 0));
        if (a->reason)
                sb_addf(c->msg, " (%s)", a->reason);
        return PK_OK;
}

static void drop_speaker(struct meeting *m, int k)
{
        for (int i = 0; i < m->nitems; i++) {
                struct item *it = &m->items[i];
                int w = 0;
                for (int j = 0; j < it->nspeakers; j++)
                        if (it->speakers[j] != k)
                                it->speakers[w++] = it->speakers[j];
                it->nspeakers = w;
                if (it->speaker == k)
                        it->speaker = -1;
        }
}

static enum pk_result h_arrive_leave(struct ctx *c, bool arrive)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = att(m, k);
        char t[6];
        hhmm(c->in->time, t);
        if (arrive) {
                if (c->s->members[k].principal >= 0 && a->seat_of < 0)
                        return deny(c, R_SUBSTITUTES,
                                    _("\"%s\" is a substitute: seat them with substitute"),
                                    pos(c, 0));
                int sub = seat_taken_by(c->s, m, k);
                if (sub >= 0)
                        return deny(c, R_SUBSTITUTES, _("the seat of \"%s\" is taken by \"%s\""),
                                    pos(c, 0), c->s->members[sub].name);
                if (a->status == ATT_PRESENT)
                        return deny(c, NO_RULE, _("\"%s\" is already present"), pos(c, 0));
                a->status = ATT_PRESENT;
                if (running(m)) {
                        a->attended = true;
                        set_str(&a->arrived, t);
                }
                eng_t_att(c->s, MI(c), k);
                sb_addf(c->msg, _("\"%s\" arrives: %d of %d present"), pos(c, 0),
                        engine_present(c->s, m), body_seats(c->s, m->body));
        } else {
                if (a->status != ATT_PRESENT)
                        return deny(c, NO_RULE, _("\"%s\" is not present"), pos(c, 0));
                if (m->open_ballot >= 0)
                        return deny(c, NO_RULE,
                                    _("the ballot on %s is open: record the votes first"),
                                    m->subjects[m->ballots[m->open_ballot].subject].id);
                a->status = running(m) ? ATT_LEFT : ATT_ABSENT;
                if (running(m))
                        set_str(&a->left, t);
                eng_t_att(c->s, MI(c), k);
                drop_speaker(m, k);
                sb_addf(c->msg, _("\"%s\" leaves: %d of %d present"), pos(c, 0),
                        engine_present(c->s, m), body_seats(c->s, m->body));
        }
        return PK_OK;
}

static enum pk_result h_substitute(struct ctx *c)
{
        struct meeting *m = c->m;
        if (strcmp(pos(c, 1), "for") != 0)
                return err(c, _("write substitute \"SUBSTITUTE\" for \"MEMBER\""));
        int sub = member_arg(c, pos(c, 0));
        if (sub < 0)
                return PK_ERROR;
        int k = member_arg(c, pos(c, 2));
        if (k < 0)
                return PK_ERROR;
        if (c->s->members[sub].principal != k)
                return deny(c, R_SUBSTITUTES, _("\"%s\" is not the personal substitute of \"%s\""),
                            pos(c, 0), pos(c, 2));
        if (catt(m, k)->status == ATT_PRESENT)
                return deny(c, R_SUBSTITUTES,
                            _("\"%s\" is present: a substitute sits only in a member's absence"),
                            pos(c, 2));
        if (catt(m, sub)->status == ATT_PRESENT)
                return deny(c, NO_RULE, _("\"%s\" is already seated"), pos(c, 0));
        struct attendance *am = att(m, k);
        if (am->status == ATT_UNKNOWN)
                am->status = ATT_ABSENT;
        eng_t_att(c->s, MI(c), k);
        eng_t_att(c->s, MI(c), sub);
        struct attendance *as = att(m, sub);
        as->status = ATT_PRESENT;
        as->seat_of = k;
        if (running(m)) {
                as->attended = true;
                char t[6];
                hhmm(c->in->time, t);
                set_str(&as->arrived, t);
        }
        sb_addf(c->msg, _("\"%s\" takes the seat of \"%s\": %d of %d present"), pos(c, 0),
                pos(c, 2), engine_present(c->s, m), body_seats(c->s, m->body));
        return PK_OK;
}

static enum pk_result h_open(struct ctx *c)
{
        struct meeting *m = c->m;
        m->state = MS_OPEN;
        set_str(&m->opened_at, c->in->time);
        eng_t_meeting(c->s, MI(c));
        for (int i = 0; i < m->natt && i < c->s->nmembers; i++)
                if (m->att[i].status == ATT_PRESENT && !m->att[i].attended) {
                        m->att[i].attended = true;
                        eng_t_att(c->s, MI(c), i);
                }
        eng_archive_body(c->s, m->body, MI(c));
        int present = engine_present(c->s, m), need = engine_quorum_need(c->s, m);
        sb_addf(c->msg, _("%d of %d present, %s (need %d)"), present, body_seats(c->s, m->body),
                present >= need ? _("quorate") : _("not quorate"), need);
        if (!m->dispatched)
                sb_add(c->msg, _("; the agenda's dispatch was not recorded"));
        return PK_OK;
}

static enum pk_result h_lifecycle(struct ctx *c)
{
        struct meeting *m = c->m;
        eng_t_meeting(c->s, MI(c));
        switch (c->a->verb) {
        case V_SUSPEND:
                m->state = MS_SUSPENDED;
                sb_add(c->msg, _("meeting suspended"));
                break;
        case V_RESUME:
                m->state = MS_OPEN;
                sb_add(c->msg, _("meeting resumed"));
                break;
        default: {
                m->state = MS_CLOSED;
                set_str(&m->closed_at, c->in->time);
                int n = 0;
                for (int i = 0; i < m->natt; i++)
                        if (m->att[i].attended)
                                n++;
                if (!strcmp(c->p->rules[R_SIGNING].sval, "chair"))
                        sb_add(c->msg, _("meeting closed; the chair approves the minutes"));
                else
                        sb_addf(c->msg,
                                _("meeting closed; the protocol is read out and signed by the %d "
                                  "who attended"),
                                n);
        }
        }
        return PK_OK;
}

static int item_by_number(const struct meeting *m, const char *s)
{
        int n = atoi(s);
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == n)
                        return i;
        return -1;
}

static enum pk_result h_take(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = item_by_number(m, pos(c, 0));
        if (i < 0)
                return err(c, _("there is no item %s"), pos(c, 0));
        struct item *it = &m->items[i];
        if (it->status != IS_PENDING)
                return deny(c, NO_RULE, _("item %d is %s"), it->number,
                            engine_item_status_name(it->status));
        m->current = i;
        it->status = IS_DEBATE;
        eng_t_item(c->s, MI(c), i);
        bool was_closed = m->doors_closed;
        if (it->closed)
                m->doors_closed = true;
        else if (profile_int(c->p, R_MEETINGS_PUBLIC))
                m->doors_closed = false;
        if (it->reading == 1 && find_subject(m, i, "R") < 0) {
                add_subject(m, SK_READING, i, "R", N_("the case passes to the 2nd reading"), NULL);
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

static void order_text(const struct meeting *m, const int *order, struct sb *out)
{
        for (int i = 0; i < m->nitems; i++)
                sb_addf(out, "%s%d", i ? ", " : "", m->items[order[i]].number);
}

static enum pk_result h_move(struct ctx *c)
{
        struct meeting *m = c->m;
        int i = item_by_number(m, pos(c, 0));
        const char *to_s = action_opt(c->a, "to");
        if (i < 0)
                return err(c, _("there is no item %s"), pos(c, 0));
        if (!to_s)
                return err(c, _("move needs to=K (the new place in the order)"));
        int to = atoi(to_s);
        if (to < 1 || to > m->nitems)
                return err(c, _("to=%d is outside 1..%d"), to, m->nitems);
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
        order_text(m, m->order, c->msg);
        const char *ct = c->p->rules[R_ORDER_DEMAND].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

/* Checks a by= list of demanding members against the profile's minimum. */
static int demanders(struct ctx *c, enum rule_id rule, const char *what)
{
        const struct opt *o = action_optv(c->a, "by");
        int idx[256];
        int need = profile_int(c->p, rule);
        int n = resolve_names(c->s, c->m, o, idx, 256, c->msg);
        if (n < 0)
                return -2; /* a name that is not a member present: a bad line */
        for (int i = 0; i < n; i++)
                if (eng_inhabil(c->m, c->m->current, idx[i])) {
                        deny(c, R_DISQUALIFICATION, _("\"%s\" is disqualified for this item"),
                             c->s->members[idx[i]].name);
                        return -1;
                }
        if (n < need) {
                deny(c, rule, _("%s needs %d members to demand it; %d did"), what, need, n);
                return -1;
        }
        return n;
}

static enum pk_result h_order_vote(struct ctx *c)
{
        struct meeting *m = c->m;
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_ORDER && m->subjects[i].status == SS_OPEN)
                        return deny(c, NO_RULE, _("a vote on the order (%s) is already pending"),
                                    m->subjects[i].id);
        int d = demanders(c, R_ORDER_DEMAND, _("a vote on the order of items"));
        if (d < 0)
                return d == -2 ? PK_ERROR : PK_DENIED;
        char id[16];
        snprintf(id, sizeof id, "O%d", ++m->next_order);
        struct sb t = {0};
        sb_add(&t, N_("the order of items: "));
        order_text(m, m->order, &t);
        struct subject *sj = add_subject(m, SK_ORDER, -1, id, sb_str(&t), NULL);
        sj->order = pk_xmalloc((size_t)m->nitems * sizeof(int));
        memcpy(sj->order, m->order, (size_t)m->nitems * sizeof(int));
        sj->norder = m->nitems;
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: vote on %s"), id, sb_str(&t));
        sb_free(&t);
        return PK_OK;
}

static enum pk_result h_doors(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *w = pos(c, 0);
        if (strcmp(w, "open") && strcmp(w, "closed"))
                return err(c, _("doors: \"%s\" is not open or closed"), w);
        bool close = !strcmp(w, "closed");
        if (!close && !profile_int(c->p, R_MEETINGS_PUBLIC))
                return deny(c, R_MEETINGS_PUBLIC, _("this body's meetings are not public"));
        if (!close && m->current >= 0) {
                const struct item *it = &m->items[m->current];
                if (it->category && profile_list_has(c->p, R_CLOSED_MANDATORY, it->category))
                        return deny(c, R_CLOSED_MANDATORY,
                                    _("items of category %s must be treated behind closed doors"),
                                    it->category);
        }
        bool was_closed = m->doors_closed;
        m->doors_closed = close;
        sb_add(c->msg, close ? _("doors closed") : _("doors open"));
        if (close && !was_closed && m->current >= 0 && !m->items[m->current].closed) {
                /* what follows is closed-door treatment: the item is shown publicly as closed */
                m->items[m->current].closed = true;
                m->items[m->current].closed_during = true;
                eng_t_item(c->s, MI(c), m->current);
                sb_addf(c->msg, _("; item %d is now treated behind closed doors"),
                        m->items[m->current].number);
        }
        return PK_OK;
}

static enum pk_result h_inhabil(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct item *it = &m->items[m->current];
        if (eng_inhabil(m, m->current, k))
                return deny(c, NO_RULE, _("\"%s\" is already disqualified for this item"),
                            pos(c, 0));
        if (k >= it->ninhabil) {
                int n = k + 8;
                it->inhabil = pk_xrealloc(it->inhabil, (size_t)n * sizeof(bool));
                for (int i = it->ninhabil; i < n; i++)
                        it->inhabil[i] = false;
                it->ninhabil = n;
        }
        it->inhabil[k] = true;
        it->inhabil_set = true;
        int w = 0;
        for (int j = 0; j < it->nspeakers; j++)
                if (it->speakers[j] != k)
                        it->speakers[w++] = it->speakers[j];
        it->nspeakers = w;
        if (it->speaker == k)
                it->speaker = -1;
        sb_addf(c->msg, _("\"%s\" disqualified for item %d and leaves the room: %d of %d present"),
                pos(c, 0), it->number, engine_present(c->s, m), body_seats(c->s, m->body));
        const char *ct = c->p->rules[R_DISQUALIFICATION].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

static enum pk_result h_speaker(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct item *it = &m->items[m->current];
        if (!eng_seated(c->s, m, k))
                return deny(c, NO_RULE, _("\"%s\" is not present"), pos(c, 0));
        if (eng_inhabil(m, m->current, k))
                return deny(c, R_DISQUALIFICATION,
                            _("\"%s\" is disqualified for this item and has left the room"),
                            pos(c, 0));
        if (catt(m, k)->denied)
                return deny(c, R_CALLS_BEFORE_DENIAL,
                            _("\"%s\" has been denied the floor for this meeting"), pos(c, 0));
        if (in_list(it->speakers, it->nspeakers, k))
                return deny(c, NO_RULE, _("\"%s\" is already on the list of speakers"), pos(c, 0));
        it->speakers = pk_xrealloc(it->speakers, (size_t)(it->nspeakers + 1) * sizeof(int));
        it->speakers[it->nspeakers++] = k;
        sb_addf(c->msg, _("\"%s\" asks for the floor (%d in line)"), pos(c, 0), it->nspeakers);
        return PK_OK;
}

static enum pk_result h_next(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        it->speaker = it->speakers[0];
        memmove(it->speakers, it->speakers + 1, (size_t)(it->nspeakers - 1) * sizeof(int));
        it->nspeakers--;
        sb_addf(c->msg, _("\"%s\" has the floor"), c->s->members[it->speaker].name);
        return PK_OK;
}

static const char *ordinal(int n)
{
        switch (n) {
        case 1:
                return _("1st");
        case 2:
                return _("2nd");
        case 3:
                return _("3rd");
        default:
                return _("nth");
        }
}

static enum pk_result h_call_to_order(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!eng_seated(c->s, m, k))
                return deny(c, NO_RULE, _("\"%s\" is not present"), pos(c, 0));
        struct attendance *a = att(m, k);
        a->calls++;
        eng_t_att(c->s, MI(c), k);
        int limit = profile_int(c->p, R_CALLS_BEFORE_DENIAL);
        if (a->calls <= 3)
                sb_addf(c->msg, _("\"%s\" called to order (%s time in this meeting)"), pos(c, 0),
                        ordinal(a->calls));
        else
                sb_addf(c->msg, _("\"%s\" called to order (%d times in this meeting)"), pos(c, 0),
                        a->calls);
        if (limit > 0 && a->calls >= limit)
                sb_addf(c->msg, _("; the council may now deny the member the floor (%s)"),
                        c->p->rules[R_CALLS_BEFORE_DENIAL].cite);
        return PK_OK;
}

static enum pk_result h_deny_floor(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        struct attendance *a = att(m, k);
        if (a->denied)
                return deny(c, NO_RULE, _("\"%s\" has already been denied the floor"), pos(c, 0));
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_DENY && m->subjects[i].status == SS_OPEN &&
                    m->subjects[i].target == k)
                        return deny(c, NO_RULE,
                                    _("denying \"%s\" the floor is already proposed (%s)"),
                                    pos(c, 0), m->subjects[i].id);
        int limit = profile_int(c->p, R_CALLS_BEFORE_DENIAL);
        if (limit == 0) {
                a->denied = true;
                eng_t_att(c->s, MI(c), k);
                drop_speaker(m, k);
                sb_addf(c->msg, _("\"%s\" denied the floor by the chair"), pos(c, 0));
                const char *ct = c->p->rules[R_CALLS_BEFORE_DENIAL].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                return PK_OK;
        }
        if (a->calls < limit)
                return deny(c, R_CALLS_BEFORE_DENIAL,
                            _("\"%s\" has been called to order %d time(s) in this meeting; the "
                              "floor can be denied after %d"),
                            pos(c, 0), a->calls, limit);
        char id[16], text[256];
        snprintf(id, sizeof id, "D%d", ++m->next_deny);
        snprintf(text, sizeof text, N_("deny \"%s\" the floor for the rest of the meeting"),
                 pos(c, 0));
        struct subject *sj = add_subject(m, SK_DENY, -1, id, text, NULL);
        sj->target = k;
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: %s"), id, text);
        return PK_OK;
}

static enum pk_result h_closure(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        for (int i = 0; i < m->nsubjects; i++)
                if (m->subjects[i].kind == SK_CLOSURE && m->subjects[i].status == SS_OPEN &&
                    m->subjects[i].item == m->current)
                        return deny(c, NO_RULE, _("closure is already proposed (%s)"),
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
        int d = o ? demanders(c, R_CLOSURE_DEMAND, _("closure of the debate")) : 0;
        if (d < 0)
                return d == -2 ? PK_ERROR : PK_DENIED;
        char id[16];
        snprintf(id, sizeof id, "C%d", ++it->next_closure);
        add_subject(m, SK_CLOSURE, m->current, id, N_("close the debate"), NULL);
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled: closure of the debate, voted now"), id);
        return PK_OK;
}

static bool voted_main(const struct meeting *m)
{
        int k = find_subject(m, m->current, "M");
        return k >= 0 && m->subjects[k].status != SS_OPEN;
}

static enum pk_result h_motion(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *by = action_opt(c->a, "by");
        if (by && find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        add_subject(m, SK_MAIN, m->current, "M", pos(c, 0), by);
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_add(c->msg, _("M tabled (main proposal)"));
        return PK_OK;
}

static enum pk_result h_amend(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        const char *to = action_opt(c->a, "to");
        const char *by = action_opt(c->a, "by");
        if (by && find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        if (voted_main(m))
                return deny(c, R_AMEND_UNTIL, _("the main proposal has been voted"));
        char id[16];
        if (to && strcmp(to, "M") != 0) {
                int k = find_subject(m, m->current, to);
                if (k < 0)
                        return err(c, _("there is no proposal %s on this item"), to);
                if (m->subjects[k].kind != SK_AMEND)
                        return err(c, _("%s is not an amendment: sub-amendments amend amendments"),
                                   to);
                if (m->subjects[k].status != SS_OPEN)
                        return deny(c, R_AMEND_UNTIL, _("%s has already been voted"), to);
                if (k >= it->nsub_counts) {
                        int n = k + 8;
                        it->sub_counts = pk_xrealloc(it->sub_counts, (size_t)n * sizeof(int));
                        for (int i = it->nsub_counts; i < n; i++)
                                it->sub_counts[i] = 0;
                        it->nsub_counts = n;
                }
                snprintf(id, sizeof id, "%s.%d", to, ++it->sub_counts[k]);
                struct subject *sj = add_subject(m, SK_SUB, m->current, id, pos(c, 0), by);
                sj->parent = k;
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        } else {
                snprintf(id, sizeof id, "A%d", ++it->next_amend);
                add_subject(m, SK_AMEND, m->current, id, pos(c, 0), by);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        sb_addf(c->msg, _("%s tabled"), id);
        return PK_OK;
}

static enum pk_result h_procedural(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        const char *kind = action_opt(c->a, "kind");
        const char *by = action_opt(c->a, "by");
        if (kind && strcmp(kind, "refer") && strcmp(kind, "postpone"))
                return err(c, _("kind: \"%s\" is not refer or postpone"), kind);
        if (it->voting_begun && profile_int(c->p, R_PROCEDURAL_FIRST))
                return deny(c, R_PROCEDURAL_FIRST, _("voting has begun"));
        if (by && find_member(c->s, m->body, by) < 0)
                return eng_no_member(c->s, m->body, by, c->msg), PK_ERROR;
        char id[16];
        snprintf(id, sizeof id, "P%d", ++it->next_proc);
        struct subject *sj = add_subject(m, SK_PROC, m->current, id, pos(c, 0), by);
        sj->proc_kind = pk_xstrdup(kind ? kind : "postpone");
        eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        sb_addf(c->msg, _("%s tabled (procedural: %s), decided before the other subjects"), id,
                sj->proc_kind);
        const char *ct = c->p->rules[R_PROCEDURAL_FIRST].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        return PK_OK;
}

static enum pk_result h_rank(struct ctx *c)
{
        struct meeting *m = c->m;
        int idx[64], n = 0;
        for (int i = 0; i < c->a->npos && n < 64; i++) {
                int k = find_subject(m, m->current, pos(c, i));
                if (k < 0)
                        return err(c, _("there is no proposal %s on this item"), pos(c, i));
                const struct subject *sj = &m->subjects[k];
                if (sj->kind != SK_AMEND && sj->kind != SK_SUB)
                        return err(c, _("%s is not an amendment"), pos(c, i));
                if (sj->status != SS_OPEN)
                        return deny(c, R_VOTING_ORDER, _("%s has already been voted"), pos(c, i));
                if (n && (sj->kind != m->subjects[idx[0]].kind ||
                          sj->parent != m->subjects[idx[0]].parent))
                        return err(c, _("%s and %s are not amendments of the same proposal"),
                                   m->subjects[idx[0]].id, pos(c, i));
                if (in_list(idx, n, k))
                        return err(c, _("%s is named twice"), pos(c, i));
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

static enum pk_result h_ballot(struct ctx *c)
{
        struct meeting *m = c->m;
        int k;
        if (c->a->npos > 0) {
                k = find_subject(m, m->current, pos(c, 0));
                if (k < 0)
                        return err(c, _("there is no subject %s to vote on"), pos(c, 0));
                if (m->subjects[k].status != SS_OPEN)
                        return deny(c, NO_RULE, _("%s has already been decided"), pos(c, 0));
                if (!order_allows(c->s, m, k, c->msg))
                        return PK_DENIED;
        } else {
                k = engine_next_subject(c->s, m, c->msg);
                if (k < 0)
                        return PK_DENIED;
        }
        struct subject *sj = &m->subjects[k];
        if (sj->item >= 0 && !is_immediate(sj->kind)) {
                const struct item *it = &m->items[sj->item];
                if (m->dispatch_late && !it->urgent &&
                    !strcmp(c->p->rules[R_LATE_AGENDA].sval, "reason-required"))
                        return deny(c, R_LATE_AGENDA,
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
        b->opened_at = dup_or_null(c->in->time);
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
                      int *rest_choice, struct sb *why)
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
                                sb_addf(why, _("%s: \"%s\" is not a count"), o->key, t->text);
                                return -1;
                        }
                        if (*named || o->nvals > 1) {
                                sb_addf(why, _("%s: counts and names cannot be mixed"), o->key);
                                return -1;
                        }
                        *counted = true;
                        *count += (int)v;
                        continue;
                }
                if (*counted) {
                        sb_addf(why, _("%s: counts and names cannot be mixed"), o->key);
                        return -1;
                }
                *named = true;
                if (!t->quoted && !strcmp(t->text, "rest")) {
                        if (*rest_choice != VC_NONE) {
                                sb_add(why, _("rest can be given only once"));
                                return -1;
                        }
                        *rest_choice = choice;
                        continue;
                }
                if (!t->quoted && !strncmp(t->text, "party:", 6))
                        continue; /* second pass */
                if (!t->quoted) {
                        sb_addf(why,
                                _("%s: \"%s\" is not a name (\"NAME\"), party:X, rest or a count"),
                                o->key, t->text);
                        return -1;
                }
                int k = find_member(s, m->body, t->text);
                if (k < 0) {
                        eng_no_member(s, m->body, t->text, why);
                        return -1;
                }
                if (!eng_seated(s, m, k)) {
                        sb_addf(why, _("\"%s\" is not present and cannot vote"), t->text);
                        return -1;
                }
                if (eng_inhabil(m, item, k)) {
                        eng_why(why, c->p, R_DISQUALIFICATION,
                                _("\"%s\" is disqualified for this item and cannot vote"), t->text);
                        return -2;
                }
                if (votes[k] != VC_NONE) {
                        sb_addf(why, _("\"%s\" is named twice"), t->text);
                        return -1;
                }
                votes[k] = choice;
        }
        return 0;
}

static int party_pass(struct ctx *c, const struct opt *o, enum vote_choice choice,
                      enum vote_choice *votes, const bool *explicit_, struct sb *why)
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
                if (!has_party(s, m->body, party)) {
                        sb_addf(why, _("no member of party %s"), party);
                        return -1;
                }
                for (int k = 0; k < s->nmembers; k++) {
                        if (s->members[k].body != m->body || strcmp(s->members[k].party, party))
                                continue;
                        if (!eng_seated(s, m, k) || eng_inhabil(m, item, k) || explicit_[k])
                                continue;
                        if (votes[k] != VC_NONE) {
                                sb_addf(why, _("party %s is named twice"), party);
                                return -1;
                        }
                        votes[k] = choice;
                }
        }
        return 0;
}

/*
 * An item treated behind closed doors has ended: the doors open again where the body's
 * meetings are public, since only single items are closed (lolland-2023 § 1). Doors closed
 * between items stay closed until `doors open` or until an open item is taken.
 */
static void item_ended(struct ctx *c, const struct item *it)
{
        if (it->closed && c->m->doors_closed && profile_int(c->p, R_MEETINGS_PUBLIC)) {
                c->m->doors_closed = false;
                sb_add(c->msg, _("; the doors are open again"));
        }
}

static enum pk_result h_vote(struct ctx *c)
{
        struct pk_state *s = c->s;
        struct meeting *m = c->m;
        struct ballot *b = &m->ballots[m->open_ballot];
        struct subject *sj = &m->subjects[b->subject];
        static const char *keys[3] = {"for", "against", "abstain"};
        static const enum vote_choice ch[3] = {VC_FOR, VC_AGAINST, VC_ABSTAIN};
        const struct opt *o[3];
        for (int i = 0; i < 3; i++)
                o[i] = action_optv(c->a, keys[i]);
        if (!o[0] && !o[1] && !o[2])
                return err(c, _("vote needs for=, against= or abstain="));
        enum vote_choice *votes = pk_xcalloc((size_t)s->nmembers + 1, sizeof *votes);
        bool *explicit_ = pk_xcalloc((size_t)s->nmembers + 1, sizeof *explicit_);
        int counts[3] = {0, 0, 0};
        bool named = false, counted = false;
        int rest = VC_NONE;
        struct sb why = {0};
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
                sb_addf(&why, _("%d votes, but only %d members may vote"),
                        counts[0] + counts[1] + counts[2], voters);
                r = PK_ERROR;
        }
        const char *chair_s = action_opt(c->a, "chair");
        if (r == PK_OK && chair_s && strcmp(chair_s, "for") && strcmp(chair_s, "against")) {
                sb_addf(&why, _("chair: \"%s\" is not for or against"), chair_s);
                r = PK_ERROR;
        }
        if (r != PK_OK) {
                sb_add(c->msg, sb_str(&why));
                sb_free(&why);
                free(votes);
                free(explicit_);
                return r;
        }
        sb_free(&why);
        free(explicit_);
        /* the outcome */
        bool adopted = counts[0] > counts[1];
        bool tie = counts[0] == counts[1];
        bool chair_decided = false;
        const char *tie_rule = c->p->rules[R_TIE].sval;
        if (tie && !strcmp(tie_rule, "chair-decides")) {
                enum vote_choice cv = VC_NONE;
                if (named) {
                        int lead = eng_leader(s, m);
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
        /* consequences */
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
                        att(m, sj->target)->denied = true;
                        eng_t_att(c->s, MI(c), sj->target);
                        drop_speaker(m, sj->target);
                        sb_addf(c->msg, _("; \"%s\" is denied the floor for this meeting"),
                                s->members[sj->target].name);
                }
                break;
        case SK_ORDER:
                if (!adopted) {
                        for (int i = 0; i < m->nitems; i++)
                                if (m->order[i] != m->agenda_order[i])
                                        eng_t_item(c->s, MI(c), m->agenda_order[i]);
                        memcpy(m->order, m->agenda_order, (size_t)m->nitems * sizeof(int));
                        sb_add(c->msg, _("; the agenda's order applies: "));
                        order_text(m, m->order, c->msg);
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
                                    !is_immediate(m->subjects[i].kind)) {
                                        m->subjects[i].status = SS_LAPSED;
                                        eng_t_subject(c->s, MI(c), i);
                                }
                        m->last_item = sj->item;
                        m->current = -1;
                        sb_addf(c->msg, _("; item %d %s"), it->number,
                                engine_item_status_name(it->status));
                        item_ended(c, it);
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
        return PK_OK;
}

static enum pk_result h_declare(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        set_str(&it->declared, pos(c, 0));
        it->demanded = false;
        eng_t_outcome(c->s, MI(c), c->m->current);
        sb_addf(c->msg, _("the chair declares: %s; decided unless a member demands a vote (%s)"),
                pos(c, 0), c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}

static enum pk_result h_demand(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (!eng_seated(c->s, m, k))
                return deny(c, NO_RULE, _("\"%s\" is not present"), pos(c, 0));
        if (eng_inhabil(m, m->current, k))
                return deny(c, R_DISQUALIFICATION, _("\"%s\" is disqualified for this item"),
                            pos(c, 0));
        struct item *it = &m->items[m->current];
        it->demanded = true;
        if (find_subject(m, m->current, "M") < 0) {
                add_subject(m, SK_MAIN, m->current, "M", it->declared, NULL);
                eng_t_subject(c->s, MI(c), m->nsubjects - 1);
        }
        sb_addf(c->msg, _("\"%s\" demands a vote: the outcome is put to a ballot (%s)"), pos(c, 0),
                c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}

static enum pk_result h_decide(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[m->current];
        if (m->dispatch_late && !it->urgent &&
            !strcmp(c->p->rules[R_LATE_AGENDA].sval, "reason-required"))
                return deny(c, R_LATE_AGENDA,
                            _("the agenda was dispatched late: record why this item cannot wait "
                              "(urgent \"REASON\") before it is decided"));
        it->decided_without_vote = true;
        if (!it->decision)
                it->decision = pk_xstrdup(it->declared);
        eng_t_outcome(c->s, MI(c), m->current);
        sb_addf(c->msg, _("decided without a vote (%s)"), c->p->rules[R_BEYOND_DOUBT].cite);
        return PK_OK;
}

static enum pk_result h_incompatible(struct ctx *c)
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
                int k = find_subject(m, m->current, pos(c, i));
                if (k < 0)
                        return err(c, _("there is no proposal %s on this item"), pos(c, i));
                if (m->subjects[k].kind != SK_AMEND && m->subjects[k].kind != SK_SUB)
                        return err(c, _("%s is not an amendment"), pos(c, i));
                if (m->subjects[k].status != SS_OPEN)
                        return deny(c, R_VOTING_ORDER, _("%s has already been decided"), pos(c, i));
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

static enum pk_result h_decision(struct ctx *c)
{
        struct meeting *m = c->m;
        struct item *it = &m->items[target_item(m)];
        eng_t_outcome(c->s, MI(c), target_item(m));
        set_str(&it->decision, pos(c, 0));
        const char *pub = action_opt(c->a, "public");
        if (pub)
                set_str(&it->public_decision, pub);
        sb_addf(c->msg, _("decision recorded for item %d"), it->number);
        if (it->closed && !pub)
                sb_add(c->msg, _(" (closed item: the public minutes show no wording)"));
        return PK_OK;
}

static enum pk_result h_dissent(struct ctx *c)
{
        struct meeting *m = c->m;
        int ii = target_item(m);
        struct item *it = &m->items[ii];
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        /* the deciding ballot of the item: the last closed ballot on it */
        int bi = -1;
        for (int i = 0; i < m->nballots; i++)
                if (m->ballots[i].item == ii && !m->ballots[i].open &&
                    !is_immediate(m->subjects[m->ballots[i].subject].kind))
                        bi = i;
        if (bi < 0)
                return deny(c, R_DISSENT,
                            _("only a member in the minority may have a dissent "
                              "recorded, and item %d had no vote"),
                            it->number);
        const struct ballot *b = &m->ballots[bi];
        if (b->named) {
                enum vote_choice v = k < b->nvotes ? b->votes[k] : VC_NONE;
                bool minority = (b->adopted && v == VC_AGAINST) || (!b->adopted && v == VC_FOR);
                if (!minority)
                        return deny(c, R_DISSENT,
                                    _("only a member in the minority may have a dissent recorded"));
        } else if ((b->adopted ? b->nagainst : b->nfor) == 0) {
                return deny(c, R_DISSENT,
                            _("only a member in the minority may have a dissent "
                              "recorded, and the vote had no minority"));
        }
        for (int i = 0; i < it->ndissents; i++)
                if (it->dissents[i].member == k)
                        return deny(c, NO_RULE, _("a dissent of \"%s\" is already recorded"),
                                    pos(c, 0));
        it->dissents =
            pk_xrealloc(it->dissents, (size_t)(it->ndissents + 1) * sizeof *it->dissents);
        it->dissents[it->ndissents].member = k;
        it->dissents[it->ndissents].text = pk_xstrdup(pos(c, 1));
        it->ndissents++;
        eng_t_outcome(c->s, MI(c), ii);
        sb_addf(c->msg, _("dissent of \"%s\" recorded for item %d"), pos(c, 0), it->number);
        return PK_OK;
}

static enum pk_result h_end_item(struct ctx *c)
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
                set_str(&it->referred_to, pos(c, 0));
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
        if (it->status == IS_REFERRED)
                sb_addf(c->msg, _(" to %s"), it->referred_to);
        item_ended(c, it);
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

/* ruling-decided N upheld|overturned ["TEXT"] [meeting=ID]: the council's decision on a
 * ruling of the chair. Of an earlier meeting only the header is read (its body); that the
 * ruling exists there is checked by the action layer against the record. */
static enum pk_result h_ruling_decided(struct ctx *c)
{
        struct meeting *m = c->m;
        int n = atoi(pos(c, 0));
        const char *how = pos(c, 1);
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
        d->text = dup_or_null(pos(c, 2));
        d->at = dup_or_null(c->in->time);
        sb_addf(c->msg,
                upheld ? _("ruling %d of meeting %d upheld by the council (%s)")
                       : _("ruling %d of meeting %d overturned by the council (%s)"),
                n, mi + 1, c->p->rules[R_RULINGS].cite);
        return PK_OK;
}

static enum pk_result h_ruling(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *rule;
        if (ruling_rule(c, &rule) != PK_OK)
                return PK_ERROR;
        m->rulings = pk_xrealloc(m->rulings, (size_t)(m->nrulings + 1) * sizeof *m->rulings);
        m->rulings[m->nrulings].item = m->current;
        m->rulings[m->nrulings].text = pk_xstrdup(pos(c, 0));
        m->rulings[m->nrulings].at = dup_or_null(c->in->time);
        eng_t_ruling(c->s, MI(c), m->nrulings);
        m->rulings[m->nrulings].closed_doors = m->doors_closed;
        m->rulings[m->nrulings].rule = dup_or_null(rule);
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

/* Who approves the minutes where the chair alone does: the chair if present at the meeting,
 * else the vice-chair (who led in the chair's absence), else a mayor or deputy. */
static int signing_chair(const struct pk_state *s, const struct meeting *m)
{
        static const enum role pref[] = {ROLE_CHAIR, ROLE_MAYOR, ROLE_VICE_CHAIR, ROLE_DEPUTY};
        for (size_t r = 0; r < sizeof pref / sizeof pref[0]; r++)
                for (int i = 0; i < s->nmembers; i++)
                        if (s->members[i].body == m->body && s->members[i].role == pref[r] &&
                            catt(m, i)->attended)
                                return i;
        return -1;
}

static enum pk_result h_sign(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = member_arg(c, pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        const struct attendance *a = catt(m, k);
        bool chair_only = !strcmp(c->p->rules[R_SIGNING].sval, "chair");
        if (!a->attended)
                return deny(c, R_SIGNING, _("\"%s\" did not attend the meeting"), pos(c, 0));
        if (a->signed_at)
                return deny(c, NO_RULE, _("\"%s\" has already signed"), pos(c, 0));
        if (chair_only && k != signing_chair(c->s, m))
                return deny(c, R_SIGNING, _("the chair approves the minutes"));
        set_str(&att(m, k)->signed_at, c->in->time ? c->in->time : "");
        eng_t_att(c->s, MI(c), k);
        int total = 0, done = 0;
        for (int i = 0; i < m->natt; i++)
                if (m->att[i].attended) {
                        total++;
                        if (m->att[i].signed_at)
                                done++;
                }
        if (chair_only || done == total) {
                m->state = MS_LOCKED;
                set_str(&m->locked_at, c->in->time);
                eng_t_meeting(c->s, MI(c));
                sb_add(c->msg, chair_only
                                   ? _("the chair has approved; the protocol is locked")
                                   : _("all who attended have signed; the protocol is locked"));
                return PK_OK;
        }
        sb_addf(c->msg, _("\"%s\" signed (%d of %d)"), pos(c, 0), done, total);
        return PK_OK;
}

bool engine_sign_would_lock(const struct pk_state *s, int mi, const char *name)
{
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole)
                return false;
        const struct meeting *m = &s->meetings[mi];
        int k = find_member(s, m->body, name);
        if (k < 0 || m->state != MS_CLOSED || !catt(m, k)->attended || catt(m, k)->signed_at)
                return false;
        if (!strcmp(s->bodies[m->body].profile.rules[R_SIGNING].sval, "chair"))
                return k == signing_chair(s, m);
        for (int i = 0; i < m->natt; i++)
                if (i != k && m->att[i].attended && !m->att[i].signed_at)
                        return false;
        return true;
}

/* ---------- dispatch ---------- */

static enum pk_result dispatch(struct ctx *c, enum pk_verb v);

/*
 * The meeting (id) an accepted action belongs to: the one it created, planned or selected,
 * else the current one; 0 for what belongs to the body (bodies, members).
 */
static int event_meeting(const struct pk_state *s, enum pk_verb v)
{
        if (v == V_MEMBER || (v == V_BODY && s->cur_meeting < 0))
                return 0;
        if (v == V_MEETING || v == V_PLAN)
                return s->event_meeting;
        return s->cur_meeting + 1;
}

enum pk_result engine_apply(struct pk_state *s, const struct engine_input *in, struct sb *msg)
{
        engine_touched_clear(s);
        sb_free(&s->archive);
        s->event_meeting = 0;
        int cur0 = s->cur_meeting;
        enum pk_result r = dispatch(&(struct ctx){.s = s, .in = in, .a = in->action, .msg = msg},
                                    in->action->verb);
        if (r != PK_OK) {
                engine_touched_clear(s);
                sb_free(&s->archive);
                return r;
        }
        enum pk_verb v = in->action->verb;
        if (v == V_ELECTION || v == V_CANDIDATE || v == V_GROUP || v == V_ROUND ||
            v == V_ALLOCATE || v == V_WAIVE || v == V_LOT) {
                struct meeting *m = eng_meeting(s);
                if (m && m->nelections > 0)
                        eng_t_election(s, (int)(m - s->meetings), m->nelections - 1);
        }
        (void)cur0;
        s->event_meeting = event_meeting(s, v);
        return PK_OK;
}

static enum pk_result dispatch(struct ctx *cp, enum pk_verb v)
{
        struct ctx c = *cp;
        struct pk_state *s = c.s;
        const struct engine_input *in = c.in;
        struct sb *msg = c.msg;
        c.m = eng_meeting(s);
        c.p = eng_profile(s, c.m);
        if (v == V_STATUS || v == V_ALLOWED || v == V_UNDO || v >= V__COUNT) {
                sb_add(msg, _("not an engine action"));
                return PK_ERROR;
        }
        struct sb why = {0};
        if (!eng_verb_check(s, v, v == V_BALLOT && in->action->npos > 0, &why)) {
                sb_add(msg, sb_str(&why));
                sb_free(&why);
                return PK_DENIED;
        }
        sb_free(&why);
        switch (v) {
        case V_BODY:
                return h_body(&c);
        case V_MEMBER:
                return h_member(&c);
        case V_MEETING:
        case V_PLAN:
                return h_meeting(&c);
        case V_ITEM:
                return h_item(&c);
        case V_DISPATCHED:
                return h_dispatched(&c);
        case V_URGENT:
                return h_urgent(&c);
        case V_PRESENT:
                return h_present(&c);
        case V_ABSENT:
                return h_absent(&c);
        case V_ARRIVE:
                return h_arrive_leave(&c, true);
        case V_LEAVE:
                return h_arrive_leave(&c, false);
        case V_SUBSTITUTE:
                return h_substitute(&c);
        case V_OPEN:
                return h_open(&c);
        case V_SUSPEND:
        case V_RESUME:
        case V_CLOSE:
                return h_lifecycle(&c);
        case V_TAKE:
                return h_take(&c);
        case V_MOVE:
                return h_move(&c);
        case V_ORDER_VOTE:
                return h_order_vote(&c);
        case V_DOORS:
                return h_doors(&c);
        case V_INHABIL:
                return h_inhabil(&c);
        case V_SPEAKER:
                return h_speaker(&c);
        case V_NEXT:
                return h_next(&c);
        case V_CALL_TO_ORDER:
                return h_call_to_order(&c);
        case V_DENY_FLOOR:
                return h_deny_floor(&c);
        case V_CLOSURE:
                return h_closure(&c);
        case V_MOTION:
                return h_motion(&c);
        case V_AMEND:
                return h_amend(&c);
        case V_PROCEDURAL:
                return h_procedural(&c);
        case V_RANK:
                return h_rank(&c);
        case V_BALLOT:
                return h_ballot(&c);
        case V_VOTE:
                return h_vote(&c);
        case V_DECLARE:
                return h_declare(&c);
        case V_DEMAND:
                return h_demand(&c);
        case V_DECIDE:
                return h_decide(&c);
        case V_INCOMPATIBLE:
                return h_incompatible(&c);
        case V_DECISION:
                return h_decision(&c);
        case V_DISSENT:
                return h_dissent(&c);
        case V_POSTPONE:
        case V_REFER:
        case V_WITHDRAW:
        case V_DONE:
                return h_end_item(&c);
        case V_RULING:
                return h_ruling(&c);
        case V_RULING_DECIDED:
                return h_ruling_decided(&c);
        case V_SIGN:
                return h_sign(&c);
        case V_ELECTION:
        case V_CANDIDATE:
        case V_GROUP:
        case V_ROUND:
        case V_ALLOCATE:
        case V_WAIVE:
        case V_LOT:
                return eng_election_apply(s, in->action, msg);
        default:
                break;
        }
        sb_add(msg, _("not an engine action"));
        return PK_ERROR;
}

/* ---------- lifetime ---------- */

struct pk_state *engine_new(void)
{
        struct pk_state *s = pk_xcalloc(1, sizeof *s);
        s->cur_body = -1;
        s->cur_meeting = -1;
        return s;
}

void eng_free_details(struct meeting *m)
{
        for (int i = 0; i < m->nitems; i++) {
                struct item *it = &m->items[i];
                free(it->title);
                free(it->public_title);
                free(it->category);
                free(it->case_id);
                free(it->proposer);
                free(it->submitted);
                free(it->first_reading);
                free(it->inhabil);
                free(it->speakers);
                free(it->declared);
                free(it->decision);
                free(it->public_decision);
                free(it->referred_to);
                free(it->urgent);
                for (int k = 0; k < it->ndissents; k++)
                        free(it->dissents[k].text);
                free(it->dissents);
                free(it->sub_counts);
        }
        free(m->items);
        for (int i = 0; i < m->nsubjects; i++) {
                free(m->subjects[i].text);
                free(m->subjects[i].by);
                free(m->subjects[i].proc_kind);
                free(m->subjects[i].order);
        }
        free(m->subjects);
        for (int i = 0; i < m->nballots; i++) {
                free(m->ballots[i].votes);
                free(m->ballots[i].opened_at);
        }
        free(m->ballots);
        for (int i = 0; i < m->natt; i++) {
                free(m->att[i].reason);
                free(m->att[i].arrived);
                free(m->att[i].left);
                free(m->att[i].signed_at);
        }
        free(m->att);
        for (int i = 0; i < m->nrulings; i++) {
                free(m->rulings[i].text);
                free(m->rulings[i].at);
                free(m->rulings[i].rule);
        }
        free(m->rulings);
        for (int i = 0; i < m->nruling_decisions; i++) {
                free(m->ruling_decisions[i].text);
                free(m->ruling_decisions[i].at);
        }
        free(m->ruling_decisions);
        for (int i = 0; i < m->nelections; i++)
                eng_election_free(&m->elections[i]);
        free(m->elections);
        free(m->order);
        free(m->agenda_order);
        m->items = NULL;
        m->subjects = NULL;
        m->ballots = NULL;
        m->att = NULL;
        m->rulings = NULL;
        m->elections = NULL;
        m->order = m->agenda_order = NULL;
        m->nitems = m->nsubjects = m->nballots = m->natt = m->nrulings = m->nelections = 0;
        m->current = m->last_item = m->open_ballot = -1;
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
        for (int i = 0; i < s->nbodies; i++)
                free(s->bodies[i].name);
        free(s->bodies);
        for (int i = 0; i < s->nmembers; i++) {
                free(s->members[i].name);
                free(s->members[i].party);
                free(s->members[i].born);
                free(s->members[i].since);
        }
        free(s->members);
        for (int i = 0; i < s->nmeetings; i++)
                free_meeting(&s->meetings[i]);
        free(s->meetings);
        engine_touched_clear(s);
        free(s->touched.u);
        sb_free(&s->archive);
        free(s);
        *sp = NULL;
}
