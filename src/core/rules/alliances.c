/*
 * rules/alliances.c - KKR electoral alliances (seed 000 § 4, stk. 2; KL's letter, seed 001):
 * `alliance "NAME" parties=A,B reported=DATE` records an alliance reported for the constituent
 * meeting; the chair's election counts it (rules/elections.c, at the first allocation).
 *
 * Rules: R_ELECTION_PROPORTIONAL (dhondt-alliances), R_ELECTION_ALLIANCES (the deadline).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

bool eng_alliances_apply(const struct profile *p)
{
        return !strcmp(p->rules[R_ELECTION_PROPORTIONAL].sval, "dhondt-alliances");
}

/* Verb: alliance. Rules: R_ELECTION_PROPORTIONAL (only where the chair's election counts
 * alliances), R_ELECTION_ALLIANCES (reported for the constituent meeting, before the chair's
 * election is counted). */
bool chk_alliance(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                  const struct action *a, struct why *why)
{
        (void)s, (void)a;
        if (!eng_alliances_apply(p)) {
                eng_why(why, p, R_ELECTION_PROPORTIONAL,
                        _("this body's proportional elections know no electoral alliances"));
                return false;
        }
        if (m->kind != MK_CONSTITUENT) {
                eng_why(why, p, R_ELECTION_ALLIANCES,
                        _("electoral alliances are reported for the constituent meeting"));
                return false;
        }
        for (int i = 0; i < m->nelections; i++)
                if (m->elections[i].alliances_applied) {
                        eng_why(why, p, R_ELECTION_ALLIANCES,
                                _("the chair's election has been counted with the alliances "
                                  "reported before it"));
                        return false;
                }
        return true;
}

static int alliance_of_party(const struct meeting *m, const char *party)
{
        for (int i = 0; i < m->nalliances; i++)
                for (int j = 0; j < m->alliances[i].nparties; j++)
                        if (!strcmp(m->alliances[i].parties[j], party))
                                return i;
        return -1;
}

/*
 * Verb: alliance (its check: chk_alliance).
 * Rules: R_ELECTION_ALLIANCES, R_ELECTION_PROPORTIONAL.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_alliance(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        const char *name = eng_pos(c, 0);
        const struct opt *pa = action_optv(c->a, "parties");
        const char *rep_s = action_opt(c->a, "reported");
        if (!pa || pa->nvals < 2)
                return eng_err(c, _("alliance: parties= needs at least two parties (parties=A,B)"));
        if (!rep_s)
                return eng_err(c, _("alliance: reported= is missing (the day it was reported, "
                                    "YYYY-MM-DD)"));
        pk_day reported;
        if (!cal_parse(rep_s, &reported))
                return eng_err(c, _("alliance: reported: \"%s\" is not a date (YYYY-MM-DD)"),
                               rep_s);
        for (int i = 0; i < m->nalliances; i++)
                if (!strcmp(m->alliances[i].name, name))
                        return eng_err(c, _("alliance: \"%s\" is already reported"), name);
        for (int i = 0; i < pa->nvals; i++) {
                const char *party = pa->vals[i].text;
                if (!eng_has_party(c->s, m->body, party, m->date))
                        return eng_err(c, _("alliance: parties: no member of party %s"), party);
                for (int j = 0; j < i; j++)
                        if (!strcmp(pa->vals[j].text, party))
                                return eng_err(c, _("alliance: parties: %s is named twice"), party);
                int other = alliance_of_party(m, party);
                if (other >= 0)
                        return eng_deny(c, R_ELECTION_PROPORTIONAL,
                                        _("party %s is already in the alliance \"%s\""), party,
                                        m->alliances[other].name);
        }
        struct deadline dl[DK__COUNT];
        int n = deadlines_for_meeting(p, m->date, m->kind, dl);
        char last[11] = "";
        for (int i = 0; i < n; i++)
                if (dl[i].key == DK_ELECTORAL_ALLIANCES) {
                        cal_format(dl[i].day, last);
                        if (reported > dl[i].day)
                                return eng_deny(c, R_ELECTION_ALLIANCES,
                                                _("the alliance \"%s\" was reported on %s, after "
                                                  "the last day, %s: its parties stand alone"),
                                                name, rep_s, last);
                }
        m->alliances =
            pk_xrealloc(m->alliances, (size_t)(m->nalliances + 1) * sizeof *m->alliances);
        struct meeting_alliance *al = &m->alliances[m->nalliances++];
        al->name = pk_xstrdup(name);
        al->nparties = pa->nvals;
        al->parties = pk_xcalloc((size_t)pa->nvals, sizeof *al->parties);
        for (int i = 0; i < pa->nvals; i++)
                al->parties[i] = pk_xstrdup(pa->vals[i].text);
        al->reported = pk_xstrdup(rep_s);
        sb_addf(c->msg, _("electoral alliance \"%s\" of "), name);
        for (int i = 0; i < pa->nvals; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", pa->vals[i].text);
        sb_addf(c->msg, _(", reported on %s"), rep_s);
        if (last[0])
                sb_addf(c->msg, _(" (in time: the last day is %s, %s)"), last,
                        p->rules[R_ELECTION_ALLIANCES].cite);
        return PK_OK;
}
