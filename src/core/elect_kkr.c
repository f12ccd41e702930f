/*
 * elect_kkr.c - the composition of a KKR (KL's letter on the KKR elections, seed 001; kkr-2026
 * § 4): which parties take part (rule 1), how many seats give every eligible party its mayors
 * (rule 2), the cap of twice the municipalities (rule 3), the additional seats (rule 4); and the
 * convener of the constituent meeting (§ 4, stk. 1). Pure, as elect.c.
 */
#include <stdio.h>
#include <string.h>

#include "elect_int.h"
#include "protokol/elect.h"
#include "protokol/i18n.h"

/* A lot (or, where the rules provide none, a tie) stops the calculation at stage: r says
 * between whom, for how many places, at which quotient. */
static int kkr_lot_needed(const struct elect_kkr *k, struct elect_kkr_result *r, int stage,
                          const int *tied, int n, int places, long long num, long long den)
{
        r->status = k->lot_allowed ? EK_LOT_NEEDED : EK_TIE;
        r->stage = stage;
        r->ntied = n;
        memcpy(r->tied, tied, sizeof(int) * (size_t)n);
        r->places = places;
        r->num = num;
        r->den = den;
        return 0;
}

/* The input is sound: municipalities, parties, votes and mayors. Sets r->total_votes and
 * r->cap. 0, or -1 with err. */
static int kkr_input(const struct elect_kkr *k, struct elect_kkr_result *r, struct pk_err *err)
{
        if (k->municipalities < 1 || k->municipalities > ELECT_MAX_SEATS / 2) {
                pk_err_set(err, _("the number of municipalities must be between 1 and %d"),
                           ELECT_MAX_SEATS / 2);
                return -1;
        }
        if (k->nparties < 1) {
                pk_err_set(err, _("no parties"));
                return -1;
        }
        int mayors = 0;
        long long total = 0;
        for (int p = 0; p < k->nparties; p++) {
                if (k->party[p].votes < 0 || k->party[p].votes > ELECT_MAX_VOTES ||
                    k->party[p].mayors < 0) {
                        pk_err_set(err, _("\"%s\": votes and mayors cannot be negative"),
                                   k->party[p].name);
                        return -1;
                }
                mayors += k->party[p].mayors;
                total += k->party[p].votes;
        }
        if (mayors > k->municipalities) {
                pk_err_set(err, _("%d mayors, but only %d municipalities"), mayors,
                           k->municipalities);
                return -1;
        }
        if (total <= 0) {
                pk_err_set(err, _("no votes at all"));
                return -1;
        }
        r->total_votes = total;
        r->cap = 2 * k->municipalities;
        return 0;
}

/* Rule 1: a party takes part with at least 2 % of the votes and a seat in a council of the
 * region; the others keep their mayors. The eligible parties become dh's groups (party_of:
 * group to party; need: the seats each must get, its mayors or at least one). */
static void kkr_eligible(const struct elect_kkr *k, struct elect_kkr_result *r,
                         struct elect_prop *dh, int *party_of, int *need)
{
        elect_prop_init(dh, 1);
        dh->lot_allowed = k->lot_allowed;
        for (int p = 0; p < k->nparties; p++) {
                const struct elect_kkr_party *pp = &k->party[p];
                r->row[p].eligible = pp->represented && pp->votes * 50 >= r->total_votes;
                if (!r->row[p].eligible) {
                        r->other_mayors += pp->mayors;
                        r->row[p].seats = pp->mayors;
                        continue;
                }
                struct elect_group *g = &dh->group[dh->ngroups];
                pk_strlcpy(g->name, pp->name, sizeof g->name);
                g->votes = pp->votes;
                g->cap = -1;
                party_of[dh->ngroups] = p;
                need[dh->ngroups] = pp->mayors > 1 ? pp->mayors : 1;
                dh->ngroups++;
        }
}

/* Rule 2: the smallest S at which every eligible party surely gets need[] seats. The need-th
 * quotient of p is surely among the first S when S covers p's own first need quotients and
 * every other quotient at least as large (a tie with it included). -1 with err if too many. */
static long long kkr_size(const struct elect_prop *dh, const int *need, struct pk_err *err)
{
        long long S = 0;
        for (int i = 0; i < dh->ngroups; i++) {
                long long s = need[i];
                for (int j = 0; j < dh->ngroups; j++)
                        if (j != i)
                                s += dh->group[j].votes * need[i] / dh->group[i].votes;
                if (s > S)
                        S = s;
        }
        if (S > ELECT_MAX_SEATS) {
                pk_err_set(err, _("the eligible parties would need %lld seats, more than %d"), S,
                           ELECT_MAX_SEATS);
                return -1;
        }
        return S;
}

/* The d'Hondt lots drawn so far, which name parties, as lots over dh's groups. */
static void kkr_dhondt_lots(const struct elect_kkr *k, struct elect_prop *dh, const int *party_of)
{
        dh->nlots = 0;
        for (int i = 0; i < k->nlots; i++) {
                if (k->lots[i].stage != ELECT_STAGE_DHONDT)
                        continue;
                struct elect_keyed_lot kl = k->lots[i];
                kl.lot.n = 0;
                for (int j = 0; j < k->lots[i].lot.n; j++)
                        for (int g = 0; g < dh->ngroups; g++)
                                if (party_of[g] == k->lots[i].lot.order[j])
                                        kl.lot.order[kl.lot.n++] = g;
                dh->lots[dh->nlots++] = kl;
        }
}

/* Whether group g's quotient votes/seats ties best's at the same number of seats. */
static bool kkr_ties(const struct elect_prop *dh, const int *seats, int g, int best)
{
        return seats[g] == seats[best] &&
               elect_qcmp(dh->group[g].votes, seats[g], dh->group[best].votes, seats[best]) == 0;
}

/* Rule 3: over the cap, the eligible parties share cap - other mayors seats, each from its
 * minimum, one by one to the most votes per seat (fewest seats, then a lot). 1 when a lot is
 * still to be drawn (r says which), else 0 with seats[] final. */
static int kkr_cap(const struct elect_kkr *k, struct elect_kkr_result *r,
                   const struct elect_prop *dh, const int *party_of, const int *need, int *seats)
{
        r->cap_binds = true;
        int share = r->cap - r->other_mayors, have = 0;
        for (int g = 0; g < dh->ngroups; g++) {
                seats[g] = need[g];
                have += need[g];
        }
        if (have > share)
                r->minimum_over_cap = true;
        while (have < share) {
                int best = 0;
                for (int g = 1; g < dh->ngroups; g++) {
                        int c = elect_qcmp(dh->group[g].votes, seats[g], dh->group[best].votes,
                                           seats[best]);
                        if (c > 0 || (c == 0 && seats[g] < seats[best]))
                                best = g;
                }
                int tied[ELECT_MAX_GROUPS], nt = 0;
                for (int g = 0; g < dh->ngroups; g++)
                        if (kkr_ties(dh, seats, g, best))
                                tied[nt++] = party_of[g];
                int left = share - have;
                if (nt == 1 || nt <= left) {
                        /* all tied get one (none of them loses by the order) */
                        for (int g = 0; g < dh->ngroups; g++)
                                if (g != best && kkr_ties(dh, seats, g, best)) {
                                        seats[g]++;
                                        have++;
                                }
                        seats[best]++;
                        have++;
                        continue;
                }
                long long vn = dh->group[best].votes, vd = seats[best];
                const struct elect_lot *l =
                    elect_find_keyed(k->lots, k->nlots, ELECT_STAGE_KKR_CAP, vn, vd, tied, nt);
                if (!l) {
                        kkr_lot_needed(k, r, ELECT_STAGE_KKR_CAP, tied, nt, left, vn, vd);
                        return 1;
                }
                elect_lot_sort(l, tied, nt);
                for (int i = 0; i < left; i++)
                        for (int g = 0; g < dh->ngroups; g++)
                                if (party_of[g] == tied[i])
                                        seats[g]++;
                have += left;
        }
        return 0;
}

int elect_kkr(const struct elect_kkr *k, struct elect_kkr_result *r, struct pk_err *err)
{
        memset(r, 0, sizeof *r);
        r->status = EK_DONE;
        if (kkr_input(k, r, err) < 0)
                return -1;
        struct elect_prop dh;
        int party_of[ELECT_MAX_GROUPS], need[ELECT_MAX_GROUPS];
        kkr_eligible(k, r, &dh, party_of, need);
        if (dh.ngroups == 0) {
                r->size = r->other_mayors;
                return 0;
        }
        long long S = kkr_size(&dh, need, err);
        if (S < 0)
                return -1;
        r->seats_eligible = (int)S;
        dh.seats = (int)S;
        kkr_dhondt_lots(k, &dh, party_of);
        struct elect_prop_result pr;
        if (elect_prop_allocate(&dh, &pr, err) < 0)
                return -1;
        if (pr.status == EP_LOT_NEEDED || pr.status == EP_TIE) {
                int tied[ELECT_MAX_GROUPS];
                for (int i = 0; i < pr.ntied; i++)
                        tied[i] = party_of[pr.tied[i]];
                return kkr_lot_needed(k, r, ELECT_STAGE_DHONDT, tied, pr.ntied, pr.places, pr.num,
                                      pr.den);
        }
        int seats[ELECT_MAX_GROUPS];
        for (int g = 0; g < dh.ngroups; g++) {
                seats[g] = pr.seats[g];
                r->row[party_of[g]].before_cap = pr.seats[g];
        }
        if (S + r->other_mayors > r->cap && kkr_cap(k, r, &dh, party_of, need, seats))
                return 0;
        for (int g = 0; g < dh.ngroups; g++)
                r->row[party_of[g]].seats = seats[g];
        /* rule 4: the seats beyond the mayors */
        for (int p = 0; p < k->nparties; p++) {
                r->row[p].additional = r->row[p].seats - k->party[p].mayors;
                r->size += r->row[p].seats;
        }
        return 0;
}

int elect_kkr_lot(struct elect_kkr *k, const struct elect_kkr_result *r,
                  const struct elect_lot *lot, struct pk_err *err)
{
        if (r->status != EK_LOT_NEEDED) {
                pk_err_set(err, _("no lot is needed now"));
                return -1;
        }
        if (elect_lot_check(lot, r->tied, r->ntied, err) < 0)
                return -1;
        if (k->nlots >= ELECT_MAX_LOTS) {
                pk_err_set(err, _("more than %d lots"), ELECT_MAX_LOTS);
                return -1;
        }
        struct elect_keyed_lot *kl = &k->lots[k->nlots++];
        kl->stage = r->stage;
        kl->num = r->num;
        kl->den = r->den;
        kl->lot = *lot;
        return 0;
}

int elect_convener(const struct elect_mayor *m, int n, int *tied, int *ntied)
{
        *ntied = 0;
        if (n <= 0)
                return -1;
        int best = 0;
        for (int i = 1; i < n; i++)
                if (m[i].since < m[best].since ||
                    (m[i].since == m[best].since && m[i].born < m[best].born))
                        best = i;
        for (int i = 0; i < n; i++)
                if (m[i].since == m[best].since && m[i].born == m[best].born)
                        tied[(*ntied)++] = i;
        if (*ntied > 1)
                return -1;
        *ntied = 0;
        return best;
}
