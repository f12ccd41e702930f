/*
 * verbs.c - the generic preconditions of the verb table: what PK_VERBS' needs column asks
 * (a body, a meeting that is not signed, not closed, opened, an item under treatment, no open
 * ballot, quorum), checked once for every verb in this order, each refusal saying what is
 * missing and what to do. A verb's own conditions are in its rule area (src/core/rules/).
 *
 * Rules: R_SIGNING (nothing changes in a signed meeting), R_QUORUM_PERCENT (no vote without
 * quorum).
 */
#include <string.h>

#include "engine_int.h"
#include "protokol/i18n.h"

static bool need_meeting(const struct pk_state *s, const struct meeting *m, struct why *why)
{
        if (!m) {
                why_add(why, "%s", _("no meeting: create one with meeting YYYY-MM-DD HH:MM"));
                return false;
        }
        if (m->state == MS_LOCKED) {
                eng_why(why, eng_profile(s, m), R_SIGNING, _("the protocol is signed and locked"));
                return false;
        }
        return true;
}

static bool need_open(const struct meeting *m, struct why *why)
{
        if (m->state == MS_PLANNED) {
                why_add(why, "%s", _("the meeting has not been opened"));
                return false;
        }
        if (m->state == MS_SUSPENDED) {
                why_add(why, "%s", _("the meeting is suspended"));
                return false;
        }
        return true;
}

bool eng_needs(const struct pk_state *s, unsigned needs, struct why *why)
{
        const struct meeting *m = engine_current_meeting(s);
        if ((needs & NEED_BODY) && s->cur_body < 0) {
                why_add(why, "%s", _("no body: create one with body \"NAME\" profile=P"));
                return false;
        }
        if ((needs & (NEED_MEETING | NEED_NOT_CLOSED | NEED_OPEN | NEED_ITEM)) &&
            !need_meeting(s, m, why))
                return false;
        if ((needs & (NEED_NOT_CLOSED | NEED_OPEN | NEED_ITEM)) && m->state == MS_CLOSED) {
                why_add(why, "%s", _("the meeting is closed"));
                return false;
        }
        if ((needs & (NEED_OPEN | NEED_ITEM)) && !need_open(m, why))
                return false;
        if ((needs & NEED_ITEM) && m->current < 0) {
                why_add(why, "%s", _("no item is under treatment: take one with take N"));
                return false;
        }
        if ((needs & NEED_NO_BALLOT) && m && m->open_ballot >= 0) {
                why_add(why, _("the ballot on %s is open: record the votes first"),
                        m->subjects[m->ballots[m->open_ballot].subject].id);
                return false;
        }
        if ((needs & NEED_QUORUM) && !eng_quorate(s, m, why))
                return false;
        return true;
}
