/*
 * elect.c - election calculations: d'Hondt with waivers, reserved seats and lots; majority
 * election by rounds; electoral alliances. The KKR composition and the convener of a
 * constituent KKR meeting: elect_kkr.c. Pure: no I/O, no clock, no randomness (lots come in as
 * input). See elect.h for the rules and the intended use, and README.md ("How protokol reads the
 * election rules") for the reading of each rule.
 *
 * Quotients are kept as exact fractions num/den and compared by cross-multiplication, so
 * equal quotients (6/2 and 3/1) are recognised as equal and never differ by rounding.
 */
#include <stdio.h>
#include <string.h>

#include "elect_int.h"
#include "protokol/elect.h"
#include "protokol/i18n.h"

/* a/b compared with c/d (b, d > 0): -1, 0 or 1. */
int elect_qcmp(long long a, long long b, long long c, long long d)
{
        /* a, c <= ELECT_MAX_VOTES and b, d <= ELECT_MAX_SEATS: the products fit */
        long long l = a * d, r = c * b;
        return l < r ? -1 : l > r;
}

/* ---- lots --------------------------------------------------------------------------- */

/* Position of x in the lot, or -1. */
static int lot_pos(const struct elect_lot *l, int x)
{
        for (int i = 0; i < l->n; i++)
                if (l->order[i] == x)
                        return i;
        return -1;
}

static bool lot_covers(const struct elect_lot *l, const int *tied, int n)
{
        for (int i = 0; i < n; i++)
                if (lot_pos(l, tied[i]) < 0)
                        return false;
        return true;
}

/* The lot must hold exactly the tied entries, each once. */
int elect_lot_check(const struct elect_lot *l, const int *tied, int n, struct pk_err *err)
{
        if (l->n != n) {
                pk_err_set(err, _("the lot must rank all %d tied and only them (it ranks %d)"), n,
                           l->n);
                return -1;
        }
        for (int i = 0; i < n; i++) {
                if (lot_pos(l, tied[i]) < 0) {
                        pk_err_set(err, _("the lot leaves out one of the tied"));
                        return -1;
                }
                for (int j = i + 1; j < n; j++)
                        if (l->order[i] == l->order[j]) {
                                pk_err_set(err, _("the lot names the same entry twice"));
                                return -1;
                        }
        }
        return 0;
}

/* Sorts tied[] (n entries) into the lot's order. */
void elect_lot_sort(const struct elect_lot *l, int *tied, int n)
{
        for (int i = 1; i < n; i++) {
                int x = tied[i], j = i;
                while (j > 0 && lot_pos(l, tied[j - 1]) > lot_pos(l, x)) {
                        tied[j] = tied[j - 1];
                        j--;
                }
                tied[j] = x;
        }
}

const struct elect_lot *elect_find_keyed(const struct elect_keyed_lot *lots, int nlots, int stage,
                                         long long num, long long den, const int *tied, int n)
{
        for (int i = 0; i < nlots; i++) {
                const struct elect_keyed_lot *k = &lots[i];
                if (k->stage == stage && elect_qcmp(k->num, k->den, num, den) == 0 &&
                    lot_covers(&k->lot, tied, n))
                        return &k->lot;
        }
        return NULL;
}

void elect_format_quotient(long long num, long long den, char *buf, int n)
{
        if (den <= 0) {
                snprintf(buf, (size_t)n, "-");
                return;
        }
        long long c = (num * 200 + den) / (2 * den);
        snprintf(buf, (size_t)n, "%lld.%02lld", c / 100, c % 100);
}

void elect_format_names(const char *const *names, const int *idx, int n, struct sb *out)
{
        for (int i = 0; i < n; i++) {
                if (i > 0)
                        sb_add(out, i == n - 1 ? _(" and ") : ", ");
                sb_addf(out, "\"%s\"", names[idx[i]]);
        }
}

/* ---- proportional election ---------------------------------------------------------- */

void elect_prop_init(struct elect_prop *e, int seats)
{
        memset(e, 0, sizeof *e);
        e->seats = seats;
        e->lot_allowed = true;
}

int elect_prop_find(const struct elect_prop *e, const char *name)
{
        for (int i = 0; i < e->ngroups; i++)
                if (!strcmp(e->group[i].name, name))
                        return i;
        return -1;
}

int elect_prop_group(struct elect_prop *e, const char *name, long long votes, struct pk_err *err)
{
        if (!name[0]) {
                pk_err_set(err, _("a group needs a name"));
                return -1;
        }
        if (strlen(name) >= ELECT_NAME_MAX) {
                pk_err_set(err, _("the name is longer than %d bytes"), ELECT_NAME_MAX - 1);
                return -1;
        }
        if (elect_prop_find(e, name) >= 0) {
                pk_err_set(err, _("the group \"%s\" is declared twice"), name);
                return -1;
        }
        if (votes < 0 || votes > ELECT_MAX_VOTES) {
                pk_err_set(err, _("votes must be between 0 and %lld"), ELECT_MAX_VOTES);
                return -1;
        }
        if (e->ngroups >= ELECT_MAX_GROUPS) {
                pk_err_set(err, _("more than %d groups"), ELECT_MAX_GROUPS);
                return -1;
        }
        struct elect_group *g = &e->group[e->ngroups];
        memset(g, 0, sizeof *g);
        pk_strlcpy(g->name, name, sizeof g->name);
        g->votes = votes;
        g->cap = -1;
        return e->ngroups++;
}

int elect_prop_reserve(struct elect_prop *e, int g, struct pk_err *err)
{
        if (g < 0 || g >= e->ngroups) {
                pk_err_set(err, _("no such group"));
                return -1;
        }
        int total = 0;
        for (int i = 0; i < e->ngroups; i++)
                total += e->group[i].reserved;
        if (total >= e->seats) {
                pk_err_set(err, _("all %d seats are already held ex officio"), e->seats);
                return -1;
        }
        e->group[g].reserved++;
        return 0;
}

static void add_seat(struct elect_prop_result *r, int g, long long num, long long den)
{
        struct elect_seat *s = &r->order[r->nseats++];
        memset(s, 0, sizeof *s);
        s->group = g;
        s->num = num;
        s->den = den;
        r->seats[g]++;
}

int elect_prop_allocate(const struct elect_prop *e, struct elect_prop_result *r, struct pk_err *err)
{
        memset(r, 0, sizeof *r);
        r->status = EP_DONE;
        if (e->seats < 1 || e->seats > ELECT_MAX_SEATS) {
                pk_err_set(err, _("the number of seats must be between 1 and %d"), ELECT_MAX_SEATS);
                return -1;
        }
        if (e->ngroups < 1) {
                pk_err_set(err, _("no groups are declared"));
                return -1;
        }
        int reserved = 0;
        for (int g = 0; g < e->ngroups; g++)
                reserved += e->group[g].reserved;
        if (reserved > e->seats) {
                pk_err_set(err, _("%d seats are held ex officio, but only %d are to be filled"),
                           reserved, e->seats);
                return -1;
        }
        /* § 13, stk. 4: the seats held ex officio are their groups' first seats. */
        for (int g = 0; g < e->ngroups; g++)
                for (int k = 0; k < e->group[g].reserved; k++) {
                        add_seat(r, g, e->group[g].votes, k + 1);
                        r->order[r->nseats - 1].reserved = true;
                }
        while (r->nseats < e->seats) {
                int remaining = e->seats - r->nseats;
                /* the highest next quotient among the groups that can still take a seat */
                long long bn = 0, bd = 1;
                bool any = false;
                for (int g = 0; g < e->ngroups; g++) {
                        const struct elect_group *gr = &e->group[g];
                        if (gr->votes <= 0 || (gr->cap >= 0 && r->seats[g] >= gr->cap))
                                continue;
                        long long n = gr->votes, d = r->seats[g] + 1;
                        if (!any || elect_qcmp(n, d, bn, bd) > 0) {
                                bn = n;
                                bd = d;
                                any = true;
                        }
                }
                if (!any) {
                        r->status = EP_UNFILLED;
                        r->unfilled = remaining;
                        return 0;
                }
                int tied[ELECT_MAX_GROUPS], nt = 0;
                for (int g = 0; g < e->ngroups; g++) {
                        const struct elect_group *gr = &e->group[g];
                        if (gr->votes <= 0 || (gr->cap >= 0 && r->seats[g] >= gr->cap))
                                continue;
                        if (elect_qcmp(gr->votes, r->seats[g] + 1, bn, bd) == 0)
                                tied[nt++] = g;
                }
                if (nt == 1) {
                        add_seat(r, tied[0], bn, bd);
                        continue;
                }
                bool boundary = nt > remaining;
                if (!boundary && !e->rank_all_ties) {
                        /* every tied group gets a seat; the order among them is not drawn */
                        for (int i = 0; i < nt; i++) {
                                int g = tied[i];
                                add_seat(r, g, e->group[g].votes, r->seats[g] + 1);
                                r->order[r->nseats - 1].tie = true;
                        }
                        continue;
                }
                const struct elect_lot *l =
                    elect_find_keyed(e->lots, e->nlots, ELECT_STAGE_DHONDT, bn, bd, tied, nt);
                if (!l) {
                        r->status = e->lot_allowed ? EP_LOT_NEEDED : EP_TIE;
                        r->ntied = nt;
                        memcpy(r->tied, tied, sizeof(int) * (size_t)nt);
                        r->places = boundary ? remaining : nt;
                        r->num = bn;
                        r->den = bd;
                        return 0;
                }
                elect_lot_sort(l, tied, nt);
                int take = boundary ? remaining : nt;
                for (int i = 0; i < take; i++) {
                        int g = tied[i];
                        add_seat(r, g, e->group[g].votes, r->seats[g] + 1);
                        r->order[r->nseats - 1].by_lot = boundary;
                        r->order[r->nseats - 1].order_by_lot = !boundary;
                }
        }
        return 0;
}

int elect_prop_lot(struct elect_prop *e, const struct elect_prop_result *r,
                   const struct elect_lot *lot, struct pk_err *err)
{
        if (r->status != EP_LOT_NEEDED) {
                pk_err_set(err, _("no lot is needed now"));
                return -1;
        }
        if (elect_lot_check(lot, r->tied, r->ntied, err) < 0)
                return -1;
        if (e->nlots >= ELECT_MAX_LOTS) {
                pk_err_set(err, _("more than %d lots"), ELECT_MAX_LOTS);
                return -1;
        }
        struct elect_keyed_lot *k = &e->lots[e->nlots++];
        k->stage = ELECT_STAGE_DHONDT;
        k->num = r->num;
        k->den = r->den;
        k->lot = *lot;
        return 0;
}

int elect_prop_waive(struct elect_prop *e, const struct elect_prop_result *r, int g,
                     struct pk_err *err)
{
        if (g < 0 || g >= e->ngroups) {
                pk_err_set(err, _("no such group"));
                return -1;
        }
        if (r->status != EP_DONE && r->status != EP_UNFILLED) {
                pk_err_set(err, _("the seats are not allocated yet"));
                return -1;
        }
        struct elect_group *gr = &e->group[g];
        if (r->seats[g] <= gr->reserved) {
                if (gr->reserved > 0)
                        pk_err_set(
                            err,
                            _("\"%s\" has only its seat held ex officio, which it cannot give up"),
                            gr->name);
                else
                        pk_err_set(err, _("\"%s\" has no seat to give up"), gr->name);
                return -1;
        }
        gr->cap = r->seats[g] - 1;
        return 0;
}

int elect_prop_vacancy_group(const struct elect_prop_result *r, int seat)
{
        if (seat < 1 || seat > r->nseats)
                return -1;
        return r->order[seat - 1].group;
}

/* ---- electoral alliances ------------------------------------------------------------ */

pk_day elect_alliance_deadline(pk_day meeting, int working_days, const struct cal_rules *cr)
{
        return cal_working_days_before(meeting, working_days, cr);
}

struct cal_rules elect_cal_rules(const struct profile *p)
{
        struct cal_rules r = cal_rules_default();
        r.grundlovsdag_off = !p->grundlovsdag_working;
        r.juleaftensdag_off = !p->juleaftensdag_working;
        r.nytaarsaftensdag_off = !p->nytaarsaftensdag_working;
        return r;
}

int elect_alliance_groups(const struct elect_group *parties, int nparties,
                          const struct elect_alliance *al, int nal, pk_day deadline,
                          struct elect_prop *out, bool *valid, int *group_of, struct pk_err *err)
{
        int in_alliance[ELECT_MAX_GROUPS];
        if (nparties > ELECT_MAX_GROUPS || nal > ELECT_MAX_GROUPS) {
                pk_err_set(err, _("more than %d parties or alliances"), ELECT_MAX_GROUPS);
                return -1;
        }
        for (int p = 0; p < nparties; p++)
                in_alliance[p] = -1;
        for (int a = 0; a < nal; a++) {
                valid[a] = al[a].reported <= deadline;
                if (al[a].nparties < 2) {
                        pk_err_set(err, _("the alliance \"%s\" has fewer than two parties"),
                                   al[a].name);
                        return -1;
                }
                for (int i = 0; i < al[a].nparties; i++) {
                        int p = al[a].party[i];
                        if (p < 0 || p >= nparties) {
                                pk_err_set(err, _("the alliance \"%s\" names an unknown party"),
                                           al[a].name);
                                return -1;
                        }
                        if (!valid[a])
                                continue;
                        if (in_alliance[p] == a) {
                                pk_err_set(err, _("the alliance \"%s\" names \"%s\" twice"),
                                           al[a].name, parties[p].name);
                                return -1;
                        }
                        if (in_alliance[p] >= 0) {
                                pk_err_set(err, _("\"%s\" is in both \"%s\" and \"%s\""),
                                           parties[p].name, al[in_alliance[p]].name, al[a].name);
                                return -1;
                        }
                        in_alliance[p] = a;
                }
        }
        int group_of_alliance[ELECT_MAX_GROUPS];
        for (int a = 0; a < nal; a++)
                group_of_alliance[a] = -1;
        for (int p = 0; p < nparties; p++) {
                int a = in_alliance[p];
                if (a < 0) {
                        group_of[p] = elect_prop_group(out, parties[p].name, parties[p].votes, err);
                        if (group_of[p] < 0)
                                return -1;
                        continue;
                }
                if (group_of_alliance[a] < 0) {
                        long long sum = 0;
                        for (int i = 0; i < al[a].nparties; i++)
                                sum += parties[al[a].party[i]].votes;
                        group_of_alliance[a] = elect_prop_group(out, al[a].name, sum, err);
                        if (group_of_alliance[a] < 0)
                                return -1;
                }
                group_of[p] = group_of_alliance[a];
        }
        return 0;
}

/* ---- majority election -------------------------------------------------------------- */

struct elect_majority_rules elect_majority_rules_from_profile(const struct profile *p)
{
        struct elect_majority_rules r;
        r.basis = profile_int(p, R_ELECTION_MAJORITY_BASIS) == 1 ? EB_CAST : EB_PRESENT;
        r.round2_sole = profile_int(p, R_ELECTION_ROUND2_SOLE) != 0;
        r.lot = profile_int(p, R_ELECTION_LOT) != 0;
        return r;
}

void elect_majority_init(struct elect_majority *e, const struct elect_majority_rules *r)
{
        memset(e, 0, sizeof *e);
        e->rules = *r;
}

int elect_majority_find(const struct elect_majority *e, const char *name)
{
        for (int i = 0; i < e->ncand; i++)
                if (!strcmp(e->cand[i], name))
                        return i;
        return -1;
}

int elect_majority_candidate(struct elect_majority *e, const char *name, struct pk_err *err)
{
        int i = elect_majority_find(e, name);
        if (i >= 0)
                return i;
        if (!name[0]) {
                pk_err_set(err, _("a candidate needs a name"));
                return -1;
        }
        if (strlen(name) >= ELECT_NAME_MAX) {
                pk_err_set(err, _("the name is longer than %d bytes"), ELECT_NAME_MAX - 1);
                return -1;
        }
        if (e->nrounds >= 2) {
                pk_err_set(err,
                           _("no new candidate after round 2: the bound election is between the "
                             "two with most votes in round 2"));
                return -1;
        }
        if (e->ncand >= ELECT_MAX_CANDIDATES) {
                pk_err_set(err, _("more than %d candidates"), ELECT_MAX_CANDIDATES);
                return -1;
        }
        pk_strlcpy(e->cand[e->ncand], name, sizeof e->cand[0]);
        for (int r = 0; r < 3; r++)
                e->round[r].votes[e->ncand] = 0;
        return e->ncand++;
}

/* The basis of a majority in a round: members present, or ballots handed in. */
static int round_basis(const struct elect_majority *e, const struct elect_round *r)
{
        if (e->rules.basis == EB_PRESENT)
                return r->present;
        int cast = r->blank;
        for (int i = 0; i < e->ncand; i++)
                cast += r->votes[i];
        return cast;
}

/* A candidate with more than half of the basis, or -1. */
static int majority_of(const struct elect_majority *e, const struct elect_round *r)
{
        int basis = round_basis(e, r);
        for (int i = 0; i < e->ncand; i++)
                if (r->votes[i] > 0 && 2LL * r->votes[i] > basis)
                        return i;
        return -1;
}

static void lot_needed(const struct elect_majority *e, struct elect_outcome *o, const int *tied,
                       int n, int places)
{
        o->state = e->rules.lot ? ES_LOT_NEEDED : ES_TIE;
        o->ntied = n;
        memcpy(o->tied, tied, sizeof(int) * (size_t)n);
        o->places = places;
}

void elect_majority_eval(const struct elect_majority *e, struct elect_outcome *o)
{
        memset(o, 0, sizeof *o);
        o->elected = -1;
        o->pair[0] = o->pair[1] = -1;
        o->state = ES_WAITING;
        o->next_round = 1;
        for (int k = 0; k < e->nrounds; k++) {
                const struct elect_round *r = &e->round[k];
                o->round = k + 1;
                o->basis = round_basis(e, r);
                o->needed = o->basis / 2 + 1;
                if (k < 2) {
                        int w = majority_of(e, r);
                        if (w >= 0) {
                                o->state = ES_ELECTED;
                                o->elected = w;
                                o->how = EH_MAJORITY;
                                return;
                        }
                }
                if (k == 0) {
                        o->state = ES_ROUND2;
                        o->next_round = 2;
                        continue;
                }
                if (k == 1) {
                        int with_votes = 0, last = -1;
                        for (int i = 0; i < e->ncand; i++)
                                if (r->votes[i] > 0) {
                                        with_votes++;
                                        last = i;
                                }
                        if (e->rules.round2_sole && with_votes == 1) {
                                o->state = ES_ELECTED;
                                o->elected = last;
                                o->how = EH_SOLE;
                                return;
                        }
                        if (e->ncand == 1) {
                                o->state = ES_ELECTED;
                                o->elected = 0;
                                o->how = EH_ALONE;
                                return;
                        }
                        /* the two with most votes in round 2; a tie for a place by lot */
                        int first = -1, second = -1;
                        for (int i = 0; i < e->ncand; i++) {
                                if (first < 0 || r->votes[i] > r->votes[first]) {
                                        second = first;
                                        first = i;
                                } else if (second < 0 || r->votes[i] > r->votes[second]) {
                                        second = i;
                                }
                        }
                        int cut = r->votes[second];
                        int sure[2] = {-1, -1}, ns = 0, tied[ELECT_MAX_CANDIDATES] = {0}, nt = 0;
                        for (int i = 0; i < e->ncand; i++) {
                                if (r->votes[i] > cut)
                                        sure[ns++] = i;
                                else if (r->votes[i] == cut)
                                        tied[nt++] = i;
                        }
                        if (ns + nt > 2) {
                                if (!e->pair_lot_set) {
                                        lot_needed(e, o, tied, nt, 2 - ns);
                                        return;
                                }
                                elect_lot_sort(&e->pair_lot, tied, nt);
                                o->pair_by_lot = true;
                        }
                        for (int i = 0; ns < 2; i++)
                                sure[ns++] = tied[i];
                        o->pair[0] = sure[0];
                        o->pair[1] = sure[1];
                        o->state = ES_BOUND;
                        o->next_round = 3;
                        continue;
                }
                /* round 3: the bound election, decided by most votes, a tie by lot */
                int a = o->pair[0], b = o->pair[1];
                if (r->votes[a] != r->votes[b]) {
                        o->state = ES_ELECTED;
                        o->elected = r->votes[a] > r->votes[b] ? a : b;
                        o->how = EH_BOUND;
                        return;
                }
                if (!e->final_lot_set) {
                        int pair[2] = {a < b ? a : b, a < b ? b : a};
                        lot_needed(e, o, pair, 2, 1);
                        return;
                }
                o->state = ES_ELECTED;
                o->elected = lot_pos(&e->final_lot, a) < lot_pos(&e->final_lot, b) ? a : b;
                o->how = EH_LOT;
                return;
        }
}

int elect_majority_round(struct elect_majority *e, const int *votes, int blank, int present,
                         struct elect_outcome *o, struct pk_err *err)
{
        struct elect_outcome now;
        elect_majority_eval(e, &now);
        switch (now.state) {
        case ES_ELECTED:
                pk_err_set(err, _("the election is decided: \"%s\" is elected"),
                           e->cand[now.elected]);
                return -1;
        case ES_LOT_NEEDED:
                pk_err_set(err, _("a lot must be drawn first"));
                return -1;
        case ES_TIE:
                pk_err_set(err, _("the election is tied and the rules provide no lot"));
                return -1;
        default:
                break;
        }
        if (e->ncand < 1) {
                pk_err_set(err, _("no candidates"));
                return -1;
        }
        if (blank < 0) {
                pk_err_set(err, _("blank ballots cannot be negative"));
                return -1;
        }
        long long ballots = blank;
        for (int i = 0; i < e->ncand; i++) {
                if (votes[i] < 0) {
                        pk_err_set(err, _("\"%s\" cannot have a negative number of votes"),
                                   e->cand[i]);
                        return -1;
                }
                ballots += votes[i];
        }
        if (e->rules.basis == EB_PRESENT && present < 0) {
                pk_err_set(err, _("the number of members present is needed: the rules require a "
                                  "majority of the members present"));
                return -1;
        }
        if (present >= 0 && ballots > present) {
                pk_err_set(err, _("%lld ballots counted, but only %d members are present"), ballots,
                           present);
                return -1;
        }
        if (ballots > ELECT_MAX_VOTES) {
                pk_err_set(err, _("too many ballots"));
                return -1;
        }
        if (now.next_round == 3)
                for (int i = 0; i < e->ncand; i++)
                        if (votes[i] > 0 && i != now.pair[0] && i != now.pair[1]) {
                                pk_err_set(
                                    err,
                                    _("the bound election is between \"%s\" and \"%s\": votes "
                                      "for \"%s\" are not valid"),
                                    e->cand[now.pair[0]], e->cand[now.pair[1]], e->cand[i]);
                                return -1;
                        }
        struct elect_round *r = &e->round[e->nrounds];
        memset(r, 0, sizeof *r);
        memcpy(r->votes, votes, sizeof(int) * (size_t)e->ncand);
        r->blank = blank;
        r->present = present;
        e->nrounds++;
        elect_majority_eval(e, o);
        return 0;
}

int elect_majority_lot(struct elect_majority *e, const struct elect_lot *lot,
                       struct elect_outcome *o, struct pk_err *err)
{
        struct elect_outcome now;
        elect_majority_eval(e, &now);
        if (now.state != ES_LOT_NEEDED) {
                pk_err_set(err, _("no lot is needed now"));
                return -1;
        }
        if (elect_lot_check(lot, now.tied, now.ntied, err) < 0)
                return -1;
        if (e->nrounds == 2) {
                e->pair_lot = *lot;
                e->pair_lot_set = true;
        } else {
                e->final_lot = *lot;
                e->final_lot_set = true;
        }
        elect_majority_eval(e, o);
        return 0;
}

void elect_outcome_format(const struct elect_majority *e, const struct elect_outcome *o,
                          struct sb *out)
{
        const char *names[ELECT_MAX_CANDIDATES];
        for (int i = 0; i < e->ncand; i++)
                names[i] = e->cand[i];
        switch (o->state) {
        case ES_WAITING:
                sb_addf(out, _("round %d is next"), o->next_round);
                break;
        case ES_ELECTED:
                sb_addf(out, _("elected \"%s\""), e->cand[o->elected]);
                break;
        case ES_ROUND2:
                sb_add(out, _("no majority; round 2"));
                break;
        case ES_BOUND:
                sb_add(out, _("no majority; bound election between "));
                elect_format_names(names, o->pair, 2, out);
                break;
        case ES_LOT_NEEDED:
                sb_add(out, _("lot needed between "));
                elect_format_names(names, o->tied, o->ntied, out);
                break;
        case ES_TIE:
                sb_add(out, _("tie between "));
                elect_format_names(names, o->tied, o->ntied, out);
                sb_add(out, _("; the rules provide no lot"));
                break;
        }
}
