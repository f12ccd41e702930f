/*
 * elect.h - election calculations (SPEC §5.6), pure: no I/O, no clock and NO randomness.
 *
 * A lot is an INPUT. Whenever the rules call for a lot, a function stops and reports
 * "lot needed" with the tied names and the number of places at stake; the caller draws
 * (from the operating system, or takes the lot the mayor drew in the room), records the
 * draw as a struct elect_lot and calls again. The same inputs give the same result, so a
 * recorded election replays exactly.
 *
 * Four calculations:
 *
 *  1. Proportional election (forholdstalsvalg, d'Hondt over declared groups; seed 003/004
 *     § 13): struct elect_prop holds the groups, the seats, the waivers and the lots drawn
 *     so far; elect_prop_allocate() shares the seats.
 *     - quotients votes/1, votes/2, ... in falling order give the seats and the order in
 *       which the groups pick their members (§ 13, stk. 2);
 *     - equal quotients where it matters are settled by a lot (§ 13, stk. 2);
 *     - a group that gives up a seat (elect_prop_waive) keeps the seats it had less one, and
 *       the seat goes to the next quotient among the other groups (§ 13, stk. 2, last
 *       sentence);
 *     - a seat held ex officio (the mayor's, a committee chair's) counts as the first seat
 *       of the group its holder declared for (§ 13, stk. 4): `reserved`;
 *     - a seat that falls vacant is filled by the group that won it (§ 13, stk. 5-6):
 *       elect_prop_vacancy_group().
 *     The same d'Hondt serves a KKR's chair and vice-chair election, on the vote totals of
 *     the parties and of their electoral alliances (seed 000 § 4, stk. 2):
 *     elect_alliance_groups() builds the groups, leaving out alliances reported too late.
 *
 *  2. Majority election by rounds (flertalsvalg; § 12 of seed 003/004, § 4 stk. 4 of seed
 *     000): struct elect_majority holds the candidates, the rounds so far and the lots.
 *     elect_majority_eval() says where the election stands: elected, round 2, a bound 3rd
 *     round between two, or a lot needed.
 *
 *  3. KKR composition (seed 000 § 3, stk. 1-2; seed 001; SPEC §5.6 rules 1-4): elect_kkr().
 *
 *  4. The convener of a constituent KKR meeting (seed 000 § 4, stk. 1): elect_convener().
 *
 * Intended use by the meeting engine (the `election`, `candidate`, `group`, `round`,
 * `allocate`, `waive` and `lot` verbs): the engine keeps one struct elect_majority or
 * struct elect_prop per election (both are plain values without pointers, so they can be
 * copied for undo and rebuilt by replay), and for every accepted action calls:
 *   majority:      `election ... method=majority` -> elect_majority_init(&e, rules from
 *                  elect_majority_rules_from_profile());
 *                  `candidate "A"`           -> elect_majority_candidate();
 *                  `round "A"=N ... blank=N` -> elect_majority_round() (refused with the
 *                                               message in err if it does not fit);
 *                  `lot`                     -> the action layer draws a permutation of
 *                                               outcome.tied[] and records it in the action;
 *                                               the engine calls elect_majority_lot();
 *                  then elect_outcome_format() gives the `ok:` text of SPEC §5.2.
 *   proportional:  `election ... method=proportional seats=N` -> elect_prop_init();
 *                  `group "G" members=...`   -> elect_prop_group() (votes = members);
 *                  `allocate`                -> elect_prop_allocate(); on EP_LOT_NEEDED
 *                  `lot`                     -> draw a permutation of result.tied[] and
 *                                               elect_prop_lot(), then allocate again;
 *                  `waive "G"`               -> elect_prop_waive(), then allocate again.
 * The engine must never draw itself: the draw comes in with the recorded action.
 */
#ifndef PROTOKOL_ELECT_H
#define PROTOKOL_ELECT_H

#include <stdbool.h>

#include "protokol/calendar.h"
#include "protokol/profile.h"
#include "protokol/util.h"

#define ELECT_NAME_MAX 128           /* bytes of a group, party or candidate name, with the NUL */
#define ELECT_MAX_GROUPS 128         /* groups, parties or alliances in one calculation */
#define ELECT_MAX_CANDIDATES 64      /* candidates in one majority election */
#define ELECT_MAX_SEATS 512          /* seats in one proportional election */
#define ELECT_MAX_LOTS 64            /* lots recorded in one proportional election or KKR */
#define ELECT_MAX_VOTES 1000000000LL /* the largest vote total or group size accepted */

/*
 * A drawn lot: the tied entries (group, party or candidate indices) in the order the draw
 * put them, the first being the luckiest. A lot covers a tie when every tied entry appears
 * in it; entries of the lot that are not in the tie are skipped.
 */
struct elect_lot {
        int n;
        int order[ELECT_MAX_GROUPS];
};

/* ------------------------------------------------------------------------------------ */
/* Proportional election (d'Hondt)                                                      */

struct elect_group {
        char name[ELECT_NAME_MAX];
        long long votes; /* members in the group (council), or a vote total (KKR chair election) */
        int reserved;    /* seats held ex officio by members who declared for this group (§ 13,
                            stk. 4); they are the group's first seats */
        int cap;         /* the most seats the group accepts after waivers, or -1 for no limit */
};

/* Where a lot was needed: the quotient (num/den) the tied entries share. */
struct elect_keyed_lot {
        int stage;          /* ELECT_STAGE_* below: which calculation the tie arose in */
        long long num, den; /* the shared quotient (d'Hondt) or votes per seat (KKR step 3) */
        struct elect_lot lot;
};

enum {
        ELECT_STAGE_DHONDT = 0, /* a d'Hondt quotient */
        ELECT_STAGE_KKR_CAP = 1 /* KKR rule 3: votes per seat with equal seats */
};

struct elect_prop {
        int seats;          /* seats to fill, reserved seats included */
        bool rank_all_ties; /* also draw the order among equal quotients that all get a seat
                               (needed when the order of picking matters, e.g. --order); when
                               false such seats follow the groups' input order, flagged `tie` */
        bool lot_allowed;   /* the profile's election.lot; false: a tie is reported, not drawn */
        int ngroups;
        struct elect_group group[ELECT_MAX_GROUPS];
        int nlots;
        struct elect_keyed_lot lots[ELECT_MAX_LOTS];
};

struct elect_seat {
        int group;          /* index of the group that won it */
        long long num, den; /* its quotient votes/divisor (num/den; den = divisor) */
        bool reserved;      /* an ex-officio seat counted in the group (§ 13, stk. 4) */
        bool by_lot;        /* the seat itself went to this group by lot */
        bool order_by_lot;  /* equal quotient with other seats; their order was drawn */
        bool tie;           /* equal quotient with other seats, all seated, order not drawn */
};

enum elect_prop_status {
        EP_DONE,       /* every seat filled */
        EP_LOT_NEEDED, /* a tie must be drawn: tied[], places, num/den */
        EP_TIE,        /* a tie, and the rules provide no lot */
        EP_UNFILLED,   /* the groups waived so many seats that some stay empty (unfilled) */
};

struct elect_prop_result {
        enum elect_prop_status status;
        int seats[ELECT_MAX_GROUPS]; /* seats per group (in the group order) */
        int nseats;                  /* seats in order[] (< seats when not EP_DONE) */
        struct elect_seat order[ELECT_MAX_SEATS];
        int unfilled; /* EP_UNFILLED: seats no group could take */
        /* EP_LOT_NEEDED / EP_TIE: the tied groups (in input order), how many of them get a
         * seat now, and the quotient they share. */
        int ntied;
        int tied[ELECT_MAX_GROUPS];
        int places;
        long long num, den;
};

/* Starts an election of `seats` seats with no groups. */
void elect_prop_init(struct elect_prop *e, int seats);
/*
 * Adds a group. votes >= 0 (at most ELECT_MAX_VOTES), a non-empty unique name. Returns its
 * index, or -1 with *err set.
 */
int elect_prop_group(struct elect_prop *e, const char *name, long long votes, struct pk_err *err);
/* Index of the group called name, or -1. */
int elect_prop_find(const struct elect_prop *e, const char *name);
/* Records that one more seat of group g is held ex officio (§ 13, stk. 4). Returns 0, or
 * -1 with *err set (no such group, or every seat already reserved). */
int elect_prop_reserve(struct elect_prop *e, int g, struct pk_err *err);
/*
 * Shares the seats. Always fills *r; r->status says whether the allocation is complete.
 * Returns 0, or -1 with *err set when the input is inconsistent (no seats, more reserved
 * seats than seats).
 */
int elect_prop_allocate(const struct elect_prop *e, struct elect_prop_result *r,
                        struct pk_err *err);
/*
 * Records a lot for the tie that r (from elect_prop_allocate on the same e) asks for. The
 * lot must name every tied group exactly once (in any order) and nothing else. Returns 0,
 * or -1 with *err set.
 */
int elect_prop_lot(struct elect_prop *e, const struct elect_prop_result *r,
                   const struct elect_lot *lot, struct pk_err *err);
/*
 * Group g gives up one of the seats it has in the complete allocation r (from
 * elect_prop_allocate on the same e): it keeps one seat fewer, and that seat goes to the
 * next quotient among the others when allocating again. A group cannot give up a seat held
 * ex officio. Returns 0, or -1 with *err set.
 */
int elect_prop_waive(struct elect_prop *e, const struct elect_prop_result *r, int g,
                     struct pk_err *err);
/* The group that fills seat number seat (1-based, in r->order) when it falls vacant
 * (§ 13, stk. 6): the group that won it. -1 if there is no such seat. */
int elect_prop_vacancy_group(const struct elect_prop_result *r, int seat);

/* Formats a quotient num/den with two decimals ("1104.75"), rounded half up. */
void elect_format_quotient(long long num, long long den, char *buf, int n);

/* ------------------------------------------------------------------------------------ */
/* Electoral alliances for a KKR's chair and vice-chair election (seed 000 § 4, stk. 2)  */

struct elect_alliance {
        char name[ELECT_NAME_MAX];
        int nparties;
        int party[ELECT_MAX_GROUPS]; /* indices into the parties */
        pk_day reported;             /* the day it was reported to the KKR secretariat */
};

/* The last day an alliance may be reported for a meeting on day meeting: the
 * working_days-th working day counted back from the day before (cal_working_days_before). */
pk_day elect_alliance_deadline(pk_day meeting, int working_days, const struct cal_rules *cr);
/* The calendar rules of a profile (its grundlovsdag / juleaftensdag / nytårsaftensdag
 * switches). */
struct cal_rules elect_cal_rules(const struct profile *p);

/*
 * Builds the groups of the chair election into *out (elect_prop_init(out, seats) first):
 * each alliance reported in time is one group named after it, with its parties' votes
 * summed; every other party is a group of its own, in the parties' order, an alliance
 * taking the place of its first party. valid[i] says whether alliance i counted (an
 * alliance reported after the deadline does not; its parties stand alone). group_of[p]
 * receives the group index of party p. Returns 0, or -1 with *err set (a party in two
 * alliances in time, an alliance of fewer than two parties, an unknown party).
 */
int elect_alliance_groups(const struct elect_group *parties, int nparties,
                          const struct elect_alliance *al, int nal, pk_day deadline,
                          struct elect_prop *out, bool *valid, int *group_of, struct pk_err *err);

/* ------------------------------------------------------------------------------------ */
/* Majority election by rounds (flertalsvalg)                                            */

enum elect_basis {
        EB_PRESENT, /* more than half of the members present (seed 003 § 12) */
        EB_CAST     /* more than half of the votes cast; blank ballots are votes cast (seed 004
                       § 12, see README) */
};

struct elect_majority_rules {
        enum elect_basis basis;
        bool round2_sole; /* round 2 is also won by the only candidate with votes */
        bool lot;         /* ties are settled by lot */
};

/* The rules of a profile (election.majority-basis, election.round2-sole-candidate,
 * election.lot). */
struct elect_majority_rules elect_majority_rules_from_profile(const struct profile *p);

struct elect_round {
        int votes[ELECT_MAX_CANDIDATES]; /* per candidate */
        int blank;                       /* blank (and invalid) ballots */
        int present;                     /* members present and entitled to vote, or -1 */
};

struct elect_majority {
        struct elect_majority_rules rules;
        int ncand;
        char cand[ELECT_MAX_CANDIDATES][ELECT_NAME_MAX];
        int nrounds; /* rounds recorded: 0..3 */
        struct elect_round round[3];
        bool pair_lot_set; /* the lot that chose the two of the bound election */
        struct elect_lot pair_lot;
        bool final_lot_set; /* the lot that decided a tie in the bound election */
        struct elect_lot final_lot;
};

enum elect_state {
        ES_WAITING,    /* round 1 is next */
        ES_ELECTED,    /* elected: the election is over */
        ES_ROUND2,     /* no majority in round 1: round 2 is next */
        ES_BOUND,      /* no decision in round 2: bound election between pair[0] and pair[1] */
        ES_LOT_NEEDED, /* a lot is needed among tied[] for `places` places */
        ES_TIE,        /* a tie the rules give no lot for: the election cannot go on */
};

enum elect_how {
        EH_MAJORITY, /* a majority under the profile's basis */
        EH_SOLE,     /* round 2: the only candidate with votes */
        EH_ALONE,    /* the only candidate left for the bound election */
        EH_BOUND,    /* the most votes in the bound election */
        EH_LOT,      /* a lot in the bound election */
};

struct elect_outcome {
        enum elect_state state;
        int round;      /* the last round recorded (0 = none) */
        int next_round; /* ES_WAITING, ES_ROUND2, ES_BOUND: the round to vote next */
        int elected;    /* ES_ELECTED: the candidate */
        enum elect_how how;
        int pair[2]; /* the two of the bound election (-1 until known) */
        bool pair_by_lot;
        int ntied; /* ES_LOT_NEEDED, ES_TIE: who is tied, for how many places */
        int tied[ELECT_MAX_CANDIDATES];
        int places;
        int basis;  /* the last round's basis: members present, or votes cast */
        int needed; /* the votes that made a majority in the last round (basis/2 + 1) */
};

void elect_majority_init(struct elect_majority *e, const struct elect_majority_rules *r);
/* Adds a candidate (before or between rounds). Returns its index (the existing index if
 * the name is known), or -1 with *err set. A candidate cannot be added once the bound
 * election is set. */
int elect_majority_candidate(struct elect_majority *e, const char *name, struct pk_err *err);
/* Index of a candidate, or -1. */
int elect_majority_find(const struct elect_majority *e, const char *name);
/*
 * Records the next round: votes[i] for candidate i (ncand entries), blank ballots and the
 * members present (-1 if not known; required under EB_PRESENT). Refused (-1, *err set, e
 * unchanged) when no round is due, when a count is negative, when more ballots than members
 * present are counted, or when a bound round gives votes to others than the two. On
 * success fills *o with the new outcome and returns 0.
 */
int elect_majority_round(struct elect_majority *e, const int *votes, int blank, int present,
                         struct elect_outcome *o, struct pk_err *err);
/*
 * Records the lot that the outcome asks for (ES_LOT_NEEDED): it must name every tied
 * candidate exactly once and nothing else. Returns 0 with *o updated, or -1 with *err set.
 */
int elect_majority_lot(struct elect_majority *e, const struct elect_lot *lot,
                       struct elect_outcome *o, struct pk_err *err);
/* Where the election stands after the rounds and lots recorded. */
void elect_majority_eval(const struct elect_majority *e, struct elect_outcome *o);
/*
 * The SPEC §5.2 text of an outcome: `elected "NAME"`, `no majority; round 2`,
 * `no majority; bound election between "A" and "B"`, `lot needed between "A" and "B"`
 * (`"A", "B" and "C"` for more), `tie between ...; the rules provide no lot`, or
 * `round 1 is next`. Appended to out.
 */
void elect_outcome_format(const struct elect_majority *e, const struct elect_outcome *o,
                          struct sb *out);
/* Appends `"A", "B" and "C"` for the names of idx[0..n-1] (candidates or groups). */
void elect_format_names(const char *const *names, const int *idx, int n, struct sb *out);

/* ------------------------------------------------------------------------------------ */
/* KKR composition (seed 000 § 3, stk. 1-2; SPEC §5.6)                                   */

struct elect_kkr_party {
        char name[ELECT_NAME_MAX];
        long long votes;  /* votes in the region at the municipal election */
        int mayors;       /* mayors elected for the party in the region */
        bool represented; /* has a seat in at least one council in the region */
};

struct elect_kkr_row {
        bool eligible; /* rule 1 */
        int seats;     /* members of the KKR from the party, mayors included */
        int additional;
        int before_cap; /* rule 2's d'Hondt seats (eligible parties), before any reduction */
};

enum elect_kkr_status { EK_DONE, EK_LOT_NEEDED, EK_TIE };

struct elect_kkr_result {
        enum elect_kkr_status status;
        struct elect_kkr_row row[ELECT_MAX_GROUPS];
        long long total_votes;
        int seats_eligible;    /* rule 2's S */
        int other_mayors;      /* mayors of parties that are not eligible */
        int cap;               /* twice the municipalities */
        bool cap_binds;        /* rule 3 applied */
        bool minimum_over_cap; /* even the minimum seats (rule 3's start) exceed the cap */
        int size;              /* members of the KKR */
        /* EK_LOT_NEEDED / EK_TIE: tied parties, places, the stage and the shared value */
        int ntied;
        int tied[ELECT_MAX_GROUPS];
        int places;
        int stage;
        long long num, den;
};

struct elect_kkr {
        int municipalities;
        bool lot_allowed;
        int nparties;
        struct elect_kkr_party party[ELECT_MAX_GROUPS];
        int nlots;
        struct elect_keyed_lot lots[ELECT_MAX_LOTS];
};

/*
 * Computes the composition (SPEC §5.6 rules 1-4). Always fills *r; r->status says whether
 * a lot is needed. Returns 0, or -1 with *err set on inconsistent input (no municipalities,
 * more mayors than municipalities, no votes at all).
 */
int elect_kkr(const struct elect_kkr *k, struct elect_kkr_result *r, struct pk_err *err);
/* Records a lot for the tie r asks for (as elect_prop_lot). */
int elect_kkr_lot(struct elect_kkr *k, const struct elect_kkr_result *r,
                  const struct elect_lot *lot, struct pk_err *err);

/* ------------------------------------------------------------------------------------ */
/* The convener of a constituent KKR meeting (seed 000 § 4, stk. 1)                      */

struct elect_mayor {
        char name[ELECT_NAME_MAX];
        pk_day since; /* mayor without a break since this day */
        pk_day born;
};

/*
 * The mayor who has been mayor longest (the earliest `since`), the eldest of those if
 * several have been mayor equally long. Returns the index, or -1 if n == 0 or if two or
 * more are equal in both (then tied[] and *ntied name them; the rule gives no tie-break).
 */
int elect_convener(const struct elect_mayor *m, int n, int *tied, int *ntied);

#endif
