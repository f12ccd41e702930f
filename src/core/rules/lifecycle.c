/*
 * rules/lifecycle.c - the meeting's course: `open`, `suspend`, `resume`, `close`, `doors`
 * (public or closed doors) and `sign` (approving the protocol, which locks it); and what may no
 * longer be undone once a meeting is locked.
 *
 * Rules: R_MEETINGS_PUBLIC, R_CLOSED_MANDATORY, R_SIGNING, R_LEADER.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: open. */
bool chk_open(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->state != MS_PLANNED) {
                why_add(why, "%s", _("the meeting is already open"));
                return false;
        }
        return true;
}

/* Verb: resume. */
bool chk_resume(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->state != MS_SUSPENDED) {
                why_add(why, "%s", _("the meeting is not suspended"));
                return false;
        }
        return true;
}

/* Verb: close. */
bool chk_close(const struct pk_state *s, const struct meeting *m, const struct profile *p,
               const struct action *a, struct why *why)
{
        (void)s, (void)p, (void)a;
        if (m->state == MS_PLANNED) {
                why_add(why, "%s", _("the meeting has not been opened"));
                return false;
        }
        return eng_no_item_running(m, why);
}

/* Verb: sign. Rules: R_SIGNING (the minutes are signed once the meeting is closed). */
bool chk_sign(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)a;
        if (m->state != MS_CLOSED) {
                why_add(why, "%s", _("the meeting must be closed before it is signed"));
                return false;
        }
        if (!strcmp(p->rules[R_SIGNING].sval, "chair") && engine_meeting_leader(s, m) < 0) {
                eng_why(why, p, R_LEADER,
                        _("the chair approves the minutes, and neither the chair nor the "
                          "vice-chair attended: record the acting chair the meeting elected "
                          "with acting-chair \"NAME\""));
                return false;
        }
        return true;
}

/* Verb: acting-chair. Rules: R_LEADER (seed 000 § 5, stk. 7: the chair, and in the chair's
 * absence the vice-chair, leads; with both absent the meeting elects who leads it, and that
 * member approves the minutes where the chair does). */
bool chk_acting_chair(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                      const struct action *a, struct why *why)
{
        (void)a;
        if (strcmp(p->rules[R_LEADER].sval, "chair") != 0) {
                eng_why(why, p, R_LEADER,
                        _("the mayor, or a deputy mayor, leads this body's meetings"));
                return false;
        }
        enum role pref[4];
        engine_leader_roles(p, pref);
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == m->body &&
                    (s->members[i].role == pref[0] || s->members[i].role == pref[1]) &&
                    (eng_seated(s, m, i) || eng_catt(m, i)->attended)) {
                        eng_why(why, p, R_LEADER, _("\"%s\" (%s) leads the meeting"),
                                s->members[i].name, engine_role_label(s->members[i].role));
                        return false;
                }
        return true;
}

/*
 * Verb: acting-chair (its check: chk_acting_chair).
 * Rules: R_LEADER, R_OBSERVERS.
 * Needs: PN_MEETING (verbs.c).
 */
enum pk_result h_acting_chair(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        if (c->s->members[k].role == ROLE_OBSERVER)
                return eng_deny(c, R_OBSERVERS, _("\"%s\" attends as an observer, without a vote"),
                                eng_pos(c, 0));
        if (!eng_seated(c->s, m, k) && !eng_catt(m, k)->attended)
                return eng_deny(c, R_LEADER, _("\"%s\" is not present"), eng_pos(c, 0));
        if (m->acting_chair == k + 1)
                return eng_deny(c, NO_RULE, _("\"%s\" already leads the meeting"), eng_pos(c, 0));
        m->acting_chair = k + 1;
        eng_t_meeting(c->s, MI(c));
        sb_addf(c->msg,
                _("\"%s\" leads the meeting, elected by it in the absence of the chair and the "
                  "vice-chair, and approves the minutes (%s)"),
                eng_pos(c, 0), c->p->rules[R_LEADER].cite);
        return PK_OK;
}

/* Verb: undo. Rules: R_SIGNING (nothing of a signed meeting is retracted). */
bool chk_undo(const struct pk_state *s, const struct meeting *m, const struct profile *p,
              const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (m && m->state == MS_LOCKED) {
                eng_why(why, p, R_SIGNING, _("the protocol is signed and locked"));
                return false;
        }
        return true;
}

/*
 * Verb: undo, against the action it retracts (the action layer finds it in the record).
 * Rules: R_SIGNING - a signed and locked protocol stays as its members signed it.
 *
 * An action of meeting mi (0-based; -1 for none) may be retracted unless that meeting is
 * signed and locked. sign_by: the action is NAME's signature and the state does not hold it
 * (a replay leaves retracted actions out): refused where that signature locked the meeting.
 */
enum pk_result engine_undo_check(const struct pk_state *s, int mi, const char *sign_by,
                                 struct pk_reply *rep)
{
        rep->result = PK_OK;
        rep->rule = R__COUNT;
        rep->cite[0] = '\0';
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole)
                return PK_OK;
        const struct meeting *m = &s->meetings[mi];
        bool locked = m->state == MS_LOCKED || (sign_by && engine_sign_would_lock(s, mi, sign_by));
        if (!locked)
                return PK_OK;
        rep->result = PK_DENIED;
        rep->rule = R_SIGNING;
        pk_rule_cite(&s->bodies[m->body].profile, R_SIGNING, rep->cite, sizeof rep->cite);
        sb_clear(&rep->msg);
        if (mi == s->cur_meeting)
                sb_add(&rep->msg, _("the protocol is signed and locked"));
        else
                sb_addf(&rep->msg,
                        _("the last action belongs to meeting %d, whose protocol is signed and "
                          "locked"),
                        mi + 1);
        return PK_DENIED;
}

/*
 * Verb: open (its check: chk_open).
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_open(struct ctx *c)
{
        struct meeting *m = c->m;
        m->state = MS_OPEN;
        eng_set_str(&m->opened_at, c->in->time);
        eng_t_meeting(c->s, MI(c));
        for (int i = 0; i < m->natt && i < c->s->nmembers; i++)
                if (m->att[i].status == ATT_PRESENT && !m->att[i].attended) {
                        m->att[i].attended = true;
                        eng_t_att(c->s, MI(c), i);
                }
        eng_archive_body(c->s, m->body, MI(c));
        int present = engine_present(c->s, m), need = engine_quorum_need(c->s, m);
        sb_addf(c->msg, _("%d of %d present, %s (need %d)"), present, eng_seats_in(c->s, m),
                present >= need ? _("quorate") : _("not quorate"), need);
        if (!m->dispatched)
                sb_add(c->msg, _("; the agenda's dispatch was not recorded"));
        return PK_OK;
}

/*
 * Verbs: suspend, resume, close (its check: chk_resume, chk_close).
 * Rules: R_SIGNING.
 * Needs (verbs.c): suspend PN_NO_BALLOT | PN_OPEN; resume PN_NOT_CLOSED; close PN_NOT_CLOSED |
 *        PN_NO_BALLOT.
 */
enum pk_result h_lifecycle(struct ctx *c)
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
                eng_set_str(&m->closed_at, c->in->time);
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

/*
 * Verb: doors.
 * Rules: R_CLOSED_MANDATORY, R_MEETINGS_PUBLIC.
 * Needs: PN_OPEN (verbs.c).
 */
enum pk_result h_doors(struct ctx *c)
{
        struct meeting *m = c->m;
        const char *w = eng_pos(c, 0);
        if (strcmp(w, "open") && strcmp(w, "closed"))
                return eng_err(c, _("doors: \"%s\" is not open or closed"), w);
        bool close = !strcmp(w, "closed");
        if (!close && !profile_int(c->p, R_MEETINGS_PUBLIC))
                return eng_deny(c, R_MEETINGS_PUBLIC, _("this body's meetings are not public"));
        if (!close && m->current >= 0) {
                const struct item *it = &m->items[m->current];
                if (it->category && profile_list_has(c->p, R_CLOSED_MANDATORY, it->category))
                        return eng_deny(
                            c, R_CLOSED_MANDATORY,
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

/*
 * Verb: sign (its check: chk_sign).
 * Rules: R_LEADER, R_SIGNING.
 * Needs: PN_MEETING (verbs.c).
 */
enum pk_result h_sign(struct ctx *c)
{
        struct meeting *m = c->m;
        int k = eng_member_arg(c, eng_pos(c, 0));
        if (k < 0)
                return PK_ERROR;
        const struct attendance *a = eng_catt(m, k);
        bool chair_only = !strcmp(c->p->rules[R_SIGNING].sval, "chair");
        if (!a->attended)
                return eng_deny(c, R_SIGNING, _("\"%s\" did not attend the meeting"),
                                eng_pos(c, 0));
        if (a->signed_at)
                return eng_deny(c, NO_RULE, _("\"%s\" has already signed"), eng_pos(c, 0));
        if (chair_only && k != engine_meeting_leader(c->s, m))
                return eng_deny(c, R_SIGNING, _("the chair approves the minutes"));
        eng_set_str(&eng_att(m, k)->signed_at, c->in->time ? c->in->time : "");
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
                eng_set_str(&m->locked_at, c->in->time);
                eng_t_meeting(c->s, MI(c));
                if (!chair_only)
                        sb_add(c->msg, _("all who attended have signed; the protocol is locked"));
                else if (engine_role_at(c->s, k, m->date) == ROLE_CHAIR)
                        sb_add(c->msg, _("the chair has approved; the protocol is locked"));
                else /* the vice-chair, the acting chair or the convener who led the meeting */
                        sb_addf(c->msg,
                                _("\"%s\", who led the meeting, has approved; the protocol is "
                                  "locked"),
                                eng_pos(c, 0));
                return PK_OK;
        }
        sb_addf(c->msg, _("\"%s\" signed (%d of %d)"), eng_pos(c, 0), done, total);
        return PK_OK;
}

bool engine_sign_would_lock(const struct pk_state *s, int mi, const char *name)
{
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole)
                return false;
        const struct meeting *m = &s->meetings[mi];
        int k = eng_find_member(s, m->body, name);
        if (k < 0 || m->state != MS_CLOSED || !eng_catt(m, k)->attended ||
            eng_catt(m, k)->signed_at)
                return false;
        if (!strcmp(s->bodies[m->body].profile.rules[R_SIGNING].sval, "chair"))
                return k == engine_meeting_leader(s, m);
        for (int i = 0; i < m->natt; i++)
                if (i != k && m->att[i].attended && !m->att[i].signed_at)
                        return false;
        return true;
}
