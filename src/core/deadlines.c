/*
 * deadlines.c - the deadlines a profile sets before a meeting (SPEC §2 interpretations,
 * §5.4): calendar-day and working-day deadlines on the Danish calendar, which of them a
 * meeting has, and the next meeting a member's proposal is entitled to.
 *
 * Pure: no clock, no I/O. Every number comes from the profile; nothing here knows which
 * forretningsorden says what.
 */
#include "protokol/deadlines.h"

#include <stddef.h>

#include "protokol/i18n.h"

static const struct {
        const char *name;
        enum rule_id rule;
} keys[DK__COUNT] = {
    [DK_MEMBER_PROPOSALS] = {"member-proposals", R_PROPOSAL_DEADLINE},
    [DK_AGENDA_DISPATCH] = {"agenda-dispatch", R_AGENDA_DEADLINE},
    [DK_MATERIAL] = {"material", R_MATERIAL_DEADLINE},
    [DK_ELECTORAL_ALLIANCES] = {"electoral-alliances", R_ELECTION_ALLIANCES},
};

const char *deadline_key_name(enum deadline_key k)
{
        return (unsigned)k < DK__COUNT ? keys[k].name : "?";
}

const char *deadline_key_label(enum deadline_key k)
{
        static const char *const labels[DK__COUNT] = {
            [DK_MEMBER_PROPOSALS] = N_("member-proposals"),
            [DK_AGENDA_DISPATCH] = N_("agenda-dispatch"),
            [DK_MATERIAL] = N_("material"),
            [DK_ELECTORAL_ALLIANCES] = N_("electoral-alliances"),
        };
        return (unsigned)k < DK__COUNT ? _(labels[k]) : "?";
}

enum rule_id deadline_key_rule(enum deadline_key k)
{
        return (unsigned)k < DK__COUNT ? keys[k].rule : R__COUNT;
}

struct cal_rules deadlines_cal_rules(const struct profile *p)
{
        struct cal_rules cr = cal_rules_default();
        cr.grundlovsdag_off = !p->grundlovsdag_working;
        cr.juleaftensdag_off = !p->juleaftensdag_working;
        cr.nytaarsaftensdag_off = !p->nytaarsaftensdag_working;
        return cr;
}

bool deadline_of_rule(const struct profile *p, enum rule_id r, pk_day meeting, pk_day *out)
{
        if ((unsigned)r >= R__COUNT || profile_rule_type(r) != RT_DEADLINE)
                return false;
        const struct rule *ru = &p->rules[r];
        switch (ru->unit) {
        case DL_DAYS:
                *out = meeting - ru->ival;
                return true;
        case DL_WORKING_DAYS: {
                struct cal_rules cr = deadlines_cal_rules(p);
                /* "0 working-days" is the meeting day itself (cal_working_days_before's n <= 0). */
                *out = cal_working_days_before(meeting, ru->ival, &cr);
                return true;
        }
        case DL_NONE:
        default:
                return false;
        }
}

/* Whether a meeting of this kind has the key at all (before asking the profile). */
static bool kind_has(enum meeting_kind kind, enum deadline_key k)
{
        switch (kind) {
        case MK_ORDINARY:
                return k != DK_ELECTORAL_ALLIANCES;
        case MK_CONSTITUENT:
                return true;
        case MK_EXTRAORDINARY:
        default:
                return false;
        }
}

int deadlines_for_meeting(const struct profile *p, pk_day meeting, enum meeting_kind kind,
                          struct deadline out[DK__COUNT])
{
        int n = 0;
        for (int k = 0; k < DK__COUNT; k++) {
                pk_day day;
                if (!kind_has(kind, (enum deadline_key)k))
                        continue;
                if (!deadline_of_rule(p, keys[k].rule, meeting, &day))
                        continue;
                out[n].key = (enum deadline_key)k;
                out[n].rule = keys[k].rule;
                out[n].day = day;
                n++;
        }
        return n;
}

int deadlines_next_entitled(const struct profile *p, const pk_day *days,
                            const enum meeting_kind *kinds, int n, pk_day submitted)
{
        int best = -1;
        for (int i = 0; i < n; i++) {
                pk_day last;
                if (kinds && kinds[i] != MK_ORDINARY)
                        continue;
                if (!deadline_of_rule(p, R_PROPOSAL_DEADLINE, days[i], &last))
                        last = days[i];
                if (last < submitted)
                        continue;
                if (best < 0 || days[i] < days[best])
                        best = i;
        }
        return best;
}
