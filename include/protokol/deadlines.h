/*
 * deadlines.h - the deadlines a profile sets before a meeting (SPEC §5.4), computed on the
 * Danish calendar (pure: no clock, no I/O).
 *
 * Each deadline is the LAST day on which the thing may happen and still be in time:
 *  - "N days" (DL_DAYS): calendar days, the meeting day minus N (KKR's "the same weekday
 *    the week before" is 7 days);
 *  - "N working-days" (DL_WORKING_DAYS): the N-th working day counted backwards from the
 *    day before the meeting, with the profile's grundlovsdag / juleaftensdag /
 *    nytårsaftensdag switches;
 *  - "none" (DL_NONE): no deadline; the key is left out.
 *
 * Which keys a meeting has (deadlines_for_meeting), in this order:
 *   member-proposals     agenda.member-proposals   ordinary and constituent meetings
 *   agenda-dispatch      agenda.dispatch           ordinary and constituent meetings
 *   material             agenda.material           only where the profile sets one
 *   electoral-alliances  election.alliances        constituent meetings only
 * An extraordinary meeting has none of them: the rules speak of ordinary meetings, and an
 * extraordinary one is called at whatever notice the situation allows.
 */
#ifndef PROTOKOL_DEADLINES_H
#define PROTOKOL_DEADLINES_H

#include <stdbool.h>

#include "protokol/calendar.h"
#include "protokol/engine.h"
#include "protokol/profile.h"

enum deadline_key {
        DK_MEMBER_PROPOSALS,
        DK_AGENDA_DISPATCH,
        DK_MATERIAL,
        DK_ELECTORAL_ALLIANCES,
        DK__COUNT
};

struct deadline {
        enum deadline_key key;
        enum rule_id rule; /* the profile rule it comes from (for cite and text) */
        pk_day day;        /* the last day that is in time */
};

/* The key as printed, e.g. "agenda-dispatch". */
const char *deadline_key_name(enum deadline_key k);
/* The deadline's name for people, in the UI's language ("agenda-dispatch", "udsendelse af
 * dagsorden"); the key name above stays for scripts and files. */
const char *deadline_key_label(enum deadline_key k);
/* The profile rule behind a key. */
enum rule_id deadline_key_rule(enum deadline_key k);

/* The working-day rules of a profile (its grundlovsdag etc. switches). */
struct cal_rules deadlines_cal_rules(const struct profile *p);

/*
 * The deadline that rule r (a deadline rule) sets for a meeting on day meeting. Returns true
 * with *out set, or false when the rule is "none" (or not a deadline rule; *out untouched).
 */
bool deadline_of_rule(const struct profile *p, enum rule_id r, pk_day meeting, pk_day *out);

/*
 * Fills out[] with the deadlines of a meeting of this kind on day meeting, in the order of
 * enum deadline_key, leaving out those the profile or the kind does not have. Returns the
 * number written (0..DK__COUNT).
 */
int deadlines_for_meeting(const struct profile *p, pk_day meeting, enum meeting_kind kind,
                          struct deadline out[DK__COUNT]);

/*
 * The next ordinary meeting a member's proposal submitted on day submitted is entitled to:
 * among the n planned meetings days[i] (any order; kinds[i] their kinds, or kinds NULL when
 * all are ordinary), the earliest ordinary one whose member-proposals deadline is on or after
 * submitted. A profile without such a deadline entitles it to any meeting on or after the
 * submission day. Returns that meeting's index, or -1 if there is none. Ties (two meetings
 * on one day) go to the lower index.
 */
int deadlines_next_entitled(const struct profile *p, const pk_day *days,
                            const enum meeting_kind *kinds, int n, pk_day submitted);

#endif
