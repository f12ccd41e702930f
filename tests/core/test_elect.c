/*
 * test_elect.c - unit tests of the election calculations (src/core/elect.c): d'Hondt with
 * seats held ex officio, waivers, lots and vacancies (§ 13 of seeds 003/004); electoral
 * alliances for a KKR chair election (seed 000 § 4, stk. 2); majority elections by rounds
 * under standard-2023 and lolland-2023 (§ 12); the KKR composition (seed 000 § 3, SPEC
 * §5.6); the convener of a constituent KKR meeting (seed 000 § 4, stk. 1).
 *
 * Every expected number is worked out by hand in the comment above its test. The majority
 * rules come from the shipped profiles, loaded from SRCDIR/assets/profiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/elect.h"
#include "protokol/profile.h"

#ifndef SRCDIR
#error "build with -DSRCDIR=\"/path/to/repository\""
#endif

/* ---- helpers ------------------------------------------------------------------------ */

static struct elect_prop *prop_new(int seats, const char *const *names, const long long *votes,
                                   int n)
{
        struct elect_prop *e = calloc(1, sizeof *e);
        struct pk_err err = {0};
        elect_prop_init(e, seats);
        for (int i = 0; i < n; i++)
                assert_int_equal(elect_prop_group(e, names[i], votes[i], &err), i);
        return e;
}

static void assert_seats(const struct elect_prop_result *r, const int *want, int n)
{
        for (int i = 0; i < n; i++)
                assert_int_equal(r->seats[i], want[i]);
}

static struct elect_lot lot_of(int n, ...)
{
        struct elect_lot l = {0};
        va_list ap;
        va_start(ap, n);
        l.n = n;
        for (int i = 0; i < n; i++)
                l.order[i] = va_arg(ap, int);
        va_end(ap);
        return l;
}

static struct elect_majority_rules rules_of(const char *profile)
{
        static struct profile p;
        struct pk_err err = {0};
        char path[1024];
        snprintf(path, sizeof path, "%s/assets/profiles/%s.ini", SRCDIR, profile);
        if (profile_load(path, &p, &err) != 0)
                fail_msg("cannot load %s: %s", path, err.msg);
        return elect_majority_rules_from_profile(&p);
}

static struct elect_majority *maj_new(const char *profile, int ncand, ...)
{
        struct elect_majority *e = calloc(1, sizeof *e);
        struct elect_majority_rules r = rules_of(profile);
        struct pk_err err = {0};
        elect_majority_init(e, &r);
        va_list ap;
        va_start(ap, ncand);
        for (int i = 0; i < ncand; i++)
                assert_int_equal(elect_majority_candidate(e, va_arg(ap, const char *), &err), i);
        va_end(ap);
        return e;
}

/* Records a round of three candidates; returns the outcome text. */
static const char *round3(struct elect_majority *e, int a, int b, int c, int blank, int present,
                          struct elect_outcome *o)
{
        static char text[256];
        int v[3] = {a, b, c};
        struct pk_err err = {0};
        if (elect_majority_round(e, v, blank, present, o, &err) != 0)
                fail_msg("round refused: %s", err.msg);
        struct sb s = {0};
        elect_outcome_format(e, o, &s);
        snprintf(text, sizeof text, "%s", sb_str(&s));
        sb_free(&s);
        return text;
}

static const char *outcome_text(const struct elect_majority *e, const struct elect_outcome *o)
{
        static char text[256];
        struct sb s = {0};
        elect_outcome_format(e, o, &s);
        snprintf(text, sizeof text, "%s", sb_str(&s));
        sb_free(&s);
        return text;
}

/* ---- d'Hondt ------------------------------------------------------------------------ */

/*
 * Lolland Kommune's council, 25 seats, the 2025 vote totals of the nine lists that won
 * seats (A 4419, Æ 3415, J 2715, O 1879, V 1709, F 1636, L 1532, Ø 1482, C 1177; from the
 * published result of 18 November 2025). Plain d'Hondt over the nine lists, by hand - the
 * 25 largest quotients:
 *    1 A/1 4419.00    6 V/1 1709.00   11 A/3 1473.00   16 O/2 939.50   21 F/2 818.00
 *    2 Æ/1 3415.00    7 Æ/2 1707.50   12 J/2 1357.50   17 J/3 905.00   22 L/2 766.00
 *    3 J/1 2715.00    8 F/1 1636.00   13 C/1 1177.00   18 A/5 883.80   23 Ø/2 741.00
 *    4 A/2 2209.50    9 L/1 1532.00   14 Æ/3 1138.33   19 V/2 854.50   24 A/6 736.50
 *    5 O/1 1879.00   10 Ø/1 1482.00   15 A/4 1104.75   20 Æ/4 853.75   25 Æ/5 683.00
 * then 26 J/4 678.75, 27 A/7 631.29, 28 O/3 626.33, 29 C/2 588.50.
 * Seats: A 6, Æ 5, J 3, O 2, V 2, F 2, L 2, Ø 2, C 1 = 25. (The council actually seated
 * Æ 4 and C 2: lists may form electoral alliances at a municipal election, which this
 * plain calculation leaves out.)
 */
static const char *const lolland_names[] = {"A", "Æ", "J", "O", "V", "F", "L", "Ø", "C"};
static const long long lolland_votes[] = {4419, 3415, 2715, 1879, 1709, 1636, 1532, 1482, 1177};

static void test_elect__dhondt__lolland_2025_by_hand(void **state)
{
        (void)state;
        struct elect_prop *e = prop_new(25, lolland_names, lolland_votes, 9);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_DONE);
        assert_int_equal(r->nseats, 25);
        const int want[] = {6, 5, 3, 2, 2, 2, 2, 2, 1};
        assert_seats(r, want, 9);
        /* the order of picking, spot checks */
        assert_int_equal(r->order[0].group, 0);
        assert_int_equal(r->order[3].group, 0);
        assert_int_equal(r->order[3].den, 2);
        assert_int_equal(r->order[12].group, 8); /* C/1 is seat 13 */
        assert_int_equal(r->order[24].group, 1); /* Æ/5 is seat 25 */
        assert_int_equal(r->order[24].den, 5);
        char q[32];
        elect_format_quotient(r->order[14].num, r->order[14].den, q, sizeof q);
        assert_string_equal(q, "1104.75");
        elect_format_quotient(r->order[13].num, r->order[13].den, q, sizeof q);
        assert_string_equal(q, "1138.33");
        for (int i = 0; i < 25; i++)
                assert_false(r->order[i].by_lot || r->order[i].tie || r->order[i].reserved);
        free(r);
        free(e);
}

/*
 * § 13, stk. 2, last sentence: V gives up one of its 2 seats. V keeps 1; the seat goes to
 * the next quotient among the others: 26th J/4 678.75, so J gets 4. Then C gives up its
 * only seat: the next quotient not V's is 27th A/7 631.29, so A gets 7.
 */
static void test_elect__dhondt__waived_seat_goes_to_next_quotient(void **state)
{
        (void)state;
        struct elect_prop *e = prop_new(25, lolland_names, lolland_votes, 9);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(elect_prop_waive(e, r, 4, &err), 0); /* V */
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        const int want1[] = {6, 5, 4, 2, 1, 2, 2, 2, 1};
        assert_seats(r, want1, 9);
        assert_int_equal(r->order[24].group, 2);              /* J/4 is now seat 25 */
        assert_int_equal(elect_prop_waive(e, r, 8, &err), 0); /* C */
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        const int want2[] = {7, 5, 4, 2, 1, 2, 2, 2, 0};
        assert_seats(r, want2, 9);
        /* C has nothing left to give up */
        assert_int_equal(elect_prop_waive(e, r, 8, &err), -1);
        assert_non_null(strstr(err.msg, "no seat to give up"));
        free(r);
        free(e);
}

/*
 * A committee of 7 elected by a 25-member council whose members declared four groups:
 * "A+F" 10, "V+C" 8, "Æ+O" 5, "J" 2. Quotients: 10, 8, 5 (A+F/2), 5 (Æ+O/1), 4, 3.33,
 * 2.67 (V+C/3), then 2.5, 2.5, 2 (J/1): A+F 3, V+C 3, Æ+O 1, J 0. Seats 3 and 4 share the
 * quotient 5; both are seated, so no lot is needed for the seats.
 * § 13, stk. 4: the mayor, who declared for J, sits on the committee ex officio. The seat is
 * J's first: J 1, and the 6 others go 10, 8, 5, 5, 4, 3.33: A+F 3, V+C 2, Æ+O 1.
 * Had the mayor declared for A+F, A+F's first seat would be the mayor's: the same 3-3-1-0.
 */
static const char *const committee_names[] = {"A+F", "V+C", "Æ+O", "J"};
static const long long committee_votes[] = {10, 8, 5, 2};

static void test_elect__dhondt__seat_held_ex_officio_counts_in_its_group(void **state)
{
        (void)state;
        struct elect_prop *e = prop_new(7, committee_names, committee_votes, 4);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        const int plain[] = {3, 3, 1, 0};
        assert_seats(r, plain, 4);
        /* equal quotients, both seated: input order, flagged, no lot */
        assert_int_equal(r->status, EP_DONE);
        assert_true(r->order[2].tie && r->order[3].tie);
        assert_int_equal(r->order[2].group, 0);
        assert_int_equal(r->order[3].group, 2);

        assert_int_equal(elect_prop_reserve(e, 3, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        const int mayor_in_j[] = {3, 2, 1, 1};
        assert_seats(r, mayor_in_j, 4);
        assert_true(r->order[0].reserved);
        assert_int_equal(r->order[0].group, 3);
        /* the mayor's seat cannot be given up */
        assert_int_equal(elect_prop_waive(e, r, 3, &err), -1);
        assert_non_null(strstr(err.msg, "ex officio"));
        free(e);

        e = prop_new(7, committee_names, committee_votes, 4);
        assert_int_equal(elect_prop_reserve(e, 0, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_seats(r, plain, 4);
        assert_true(r->order[0].reserved);
        free(r);
        free(e);
}

/*
 * § 13, stk. 2: equal quotients are ordered by lot. Groups A 4, B 4, C 2 for 3 seats:
 * quotients 4 (A), 4 (B), then A/2 = B/2 = C/1 = 2 for the one seat left: a lot among all
 * three. The lot drawn C, A, B gives the seat to C.
 */
static void test_elect__dhondt__tie_for_last_seat_decided_by_recorded_lot(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "B", "C"};
        static const long long v[] = {4, 4, 2};
        struct elect_prop *e = prop_new(3, n, v, 3);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_LOT_NEEDED);
        assert_int_equal(r->ntied, 3);
        assert_int_equal(r->places, 1);
        char q[32];
        elect_format_quotient(r->num, r->den, q, sizeof q);
        assert_string_equal(q, "2.00");
        /* a lot that leaves one out, or names one twice, is refused */
        struct elect_lot bad = lot_of(2, 2, 0);
        assert_int_equal(elect_prop_lot(e, r, &bad, &err), -1);
        bad = lot_of(3, 2, 0, 0);
        assert_int_equal(elect_prop_lot(e, r, &bad, &err), -1);
        struct elect_lot l = lot_of(3, 2, 0, 1);
        assert_int_equal(elect_prop_lot(e, r, &l, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_DONE);
        const int want[] = {1, 1, 1};
        assert_seats(r, want, 3);
        assert_true(r->order[2].by_lot);
        assert_int_equal(r->order[2].group, 2);
        /* the same input and the same lot give the same result (replay) */
        struct elect_prop_result *r2 = calloc(1, sizeof *r2);
        assert_int_equal(elect_prop_allocate(e, r2, &err), 0);
        assert_memory_equal(r, r2, sizeof *r);
        /* no further lot is accepted */
        assert_int_equal(elect_prop_lot(e, r, &l, &err), -1);
        free(r2);
        free(r);
        free(e);

        /* without lots (a profile that has none) the tie is reported, not drawn */
        e = prop_new(3, n, v, 3);
        e->lot_allowed = false;
        r = calloc(1, sizeof *r);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_TIE);
        free(r);
        free(e);
}

/*
 * When the order of picking matters (rank_all_ties), two groups of 4 for 2 seats tie at
 * quotient 4 for the first pick: a lot orders them (B, A), and both are seated.
 */
static void test_elect__dhondt__order_of_equal_quotients_by_lot(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "B"};
        static const long long v[] = {4, 4};
        struct elect_prop *e = prop_new(2, n, v, 2);
        e->rank_all_ties = true;
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_LOT_NEEDED);
        assert_int_equal(r->places, 2);
        struct elect_lot l = lot_of(2, 1, 0);
        assert_int_equal(elect_prop_lot(e, r, &l, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->order[0].group, 1);
        assert_int_equal(r->order[1].group, 0);
        assert_true(r->order[0].order_by_lot && !r->order[0].by_lot);
        free(r);
        free(e);
}

/*
 * § 13, stk. 5-6: a seat that falls vacant is filled by the group that won it. In the
 * committee with the mayor in J: seat 1 is the mayor's (J), seat 2 A+F (10), seat 3 V+C (8).
 */
static void test_elect__dhondt__vacancy_filled_by_same_group(void **state)
{
        (void)state;
        struct elect_prop *e = prop_new(7, committee_names, committee_votes, 4);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_reserve(e, 3, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(elect_prop_vacancy_group(r, 1), 3);
        assert_int_equal(elect_prop_vacancy_group(r, 2), 0);
        assert_int_equal(elect_prop_vacancy_group(r, 3), 1);
        assert_int_equal(elect_prop_vacancy_group(r, 0), -1);
        assert_int_equal(elect_prop_vacancy_group(r, 8), -1);
        free(r);
        free(e);
}

/* Every group gives up what it has: the seats stay empty, and the result says how many. */
static void test_elect__dhondt__all_waived_leaves_seats_unfilled(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "B"};
        static const long long v[] = {3, 1};
        struct elect_prop *e = prop_new(2, n, v, 2);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_prop_allocate(e, r, &err), 0); /* 3, 1.5 -> A 2 */
        assert_int_equal(r->seats[0], 2);
        assert_int_equal(elect_prop_waive(e, r, 0, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0); /* A 1, B 1 */
        assert_int_equal(r->seats[1], 1);
        assert_int_equal(elect_prop_waive(e, r, 1, &err), 0);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_int_equal(r->status, EP_UNFILLED);
        assert_int_equal(r->unfilled, 1);
        free(r);
        free(e);
}

static void test_elect__dhondt__bad_input_refused(void **state)
{
        (void)state;
        struct elect_prop *e = calloc(1, sizeof *e);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        elect_prop_init(e, 2);
        assert_int_equal(elect_prop_allocate(e, r, &err), -1); /* no groups */
        assert_int_equal(elect_prop_group(e, "A", 3, &err), 0);
        assert_int_equal(elect_prop_group(e, "A", 3, &err), -1);
        assert_non_null(strstr(err.msg, "twice"));
        assert_int_equal(elect_prop_group(e, "", 3, &err), -1);
        assert_int_equal(elect_prop_group(e, "B", -1, &err), -1);
        assert_int_equal(elect_prop_reserve(e, 0, &err), 0);
        assert_int_equal(elect_prop_reserve(e, 0, &err), 0);
        assert_int_equal(elect_prop_reserve(e, 0, &err), -1); /* both seats already */
        assert_int_equal(elect_prop_reserve(e, 5, &err), -1);
        e->seats = 0;
        assert_int_equal(elect_prop_allocate(e, r, &err), -1);
        free(r);
        free(e);
}

/* ---- electoral alliances ------------------------------------------------------------ */

/*
 * A constituent KKR meeting on Monday 19 January 2026 elects its chair and vice-chair by
 * d'Hondt on the parties' vote totals (seed 000 § 4, stk. 2). Alliances are due 3 working
 * days before: counting back from Sunday 18th, Fri 16 (1), Thu 15 (2), Wed 14 (3): the
 * deadline is Wednesday 14 January 2026.
 * "Blå" = V 70000 + C 35000 + O 15000 + D 9500 + L 3000 = 132500, reported on the 14th,
 * counts: Blå 132500 > A 120000 takes seat 1 (the chair); seat 2 goes to A 120000 over
 * Blå/2 66250 (the vice-chair). Reported on the 15th it is too late: A 120000 then V 70000.
 * With "Rød" = A + F 25000 + Ø 18000 + B 9100 = 172100 also in time: Rød chair, Blå vice.
 */
static void test_elect__alliances__kkr_chair_election(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err = {0};
        char path[1024];
        snprintf(path, sizeof path, "%s/assets/profiles/kkr-2026.ini", SRCDIR);
        assert_int_equal(profile_load(path, &p, &err), 0);
        assert_int_equal(p.rules[R_ELECTION_ALLIANCES].unit, DL_WORKING_DAYS);
        struct cal_rules cr = elect_cal_rules(&p);
        pk_day meeting = cal_from_ymd(2026, 1, 19);
        pk_day deadline =
            elect_alliance_deadline(meeting, profile_int(&p, R_ELECTION_ALLIANCES), &cr);
        assert_int_equal(deadline, cal_from_ymd(2026, 1, 14));

        static const char *const names[] = {"A", "V", "C", "F", "O", "Ø", "B", "D", "L"};
        static const long long votes[] = {120000, 70000, 35000, 25000, 15000,
                                          18000,  9100,  9500,  3000};
        struct elect_group parties[9];
        memset(parties, 0, sizeof parties);
        for (int i = 0; i < 9; i++) {
                snprintf(parties[i].name, sizeof parties[i].name, "%s", names[i]);
                parties[i].votes = votes[i];
        }
        struct elect_alliance al[2];
        memset(al, 0, sizeof al);
        snprintf(al[0].name, sizeof al[0].name, "Blå");
        al[0].nparties = 5;
        int blue[] = {1, 2, 4, 7, 8};
        memcpy(al[0].party, blue, sizeof blue);
        al[0].reported = cal_from_ymd(2026, 1, 14);
        snprintf(al[1].name, sizeof al[1].name, "Rød");
        al[1].nparties = 4;
        int red[] = {0, 3, 5, 6};
        memcpy(al[1].party, red, sizeof red);
        al[1].reported = cal_from_ymd(2026, 1, 16); /* too late, first */

        struct elect_prop *e = calloc(1, sizeof *e);
        struct elect_prop_result *r = calloc(1, sizeof *r);
        bool valid[2];
        int group_of[9];
        elect_prop_init(e, 2);
        assert_int_equal(
            elect_alliance_groups(parties, 9, al, 2, deadline, e, valid, group_of, &err), 0);
        assert_true(valid[0]);
        assert_false(valid[1]);
        assert_int_equal(e->ngroups, 5); /* A, Blå, F, Ø, B */
        assert_string_equal(e->group[group_of[1]].name, "Blå");
        assert_int_equal(e->group[group_of[1]].votes, 132500);
        assert_int_equal(group_of[2], group_of[8]);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_string_equal(e->group[r->order[0].group].name, "Blå");
        assert_string_equal(e->group[r->order[1].group].name, "A");

        al[0].reported = cal_from_ymd(2026, 1, 15); /* one day late */
        elect_prop_init(e, 2);
        assert_int_equal(
            elect_alliance_groups(parties, 9, al, 2, deadline, e, valid, group_of, &err), 0);
        assert_false(valid[0]);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_string_equal(e->group[r->order[0].group].name, "A");
        assert_string_equal(e->group[r->order[1].group].name, "V");

        al[0].reported = al[1].reported = cal_from_ymd(2026, 1, 12);
        elect_prop_init(e, 2);
        assert_int_equal(
            elect_alliance_groups(parties, 9, al, 2, deadline, e, valid, group_of, &err), 0);
        assert_int_equal(e->group[group_of[0]].votes, 172100);
        assert_int_equal(elect_prop_allocate(e, r, &err), 0);
        assert_string_equal(e->group[r->order[0].group].name, "Rød");
        assert_string_equal(e->group[r->order[1].group].name, "Blå");

        /* a party in two alliances in time is refused */
        al[1].party[0] = 1; /* V in Rød too */
        elect_prop_init(e, 2);
        assert_int_equal(
            elect_alliance_groups(parties, 9, al, 2, deadline, e, valid, group_of, &err), -1);
        assert_non_null(strstr(err.msg, "both"));
        free(r);
        free(e);
}

/* ---- majority election -------------------------------------------------------------- */

static void test_elect__majority__profiles_read(void **state)
{
        (void)state;
        struct elect_majority_rules s = rules_of("standard-2023");
        assert_int_equal(s.basis, EB_PRESENT);
        assert_true(s.round2_sole);
        assert_true(s.lot);
        struct elect_majority_rules l = rules_of("lolland-2023");
        assert_int_equal(l.basis, EB_CAST);
        assert_false(l.round2_sole);
        assert_true(l.lot);
        struct elect_majority_rules k = rules_of("kkr-2026");
        assert_int_equal(k.basis, EB_PRESENT);
}

/* standard-2023 § 12: 13 of 25 present is a majority; 12 is not (12 * 2 = 24 < 25). */
static void test_elect__majority__standard_majority_of_present(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct elect_majority *e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 13, 10, 0, 2, 25, &o), "elected \"Anna\"");
        assert_int_equal(o.how, EH_MAJORITY);
        assert_int_equal(o.needed, 13);
        free(e);
        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 12, 11, 0, 2, 25, &o), "no majority; round 2");
        /* 12 votes, 3 members present who handed in nothing: still not a majority of 25 */
        free(e);
        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 12, 10, 0, 0, 25, &o), "no majority; round 2");
        free(e);
}

/*
 * lolland-2023 § 12: an absolute majority of the votes cast. Blank ballots are handed in,
 * so they are votes cast: Anna 12, Bent 10, blank 3 is 25 cast, 13 needed, no majority
 * (were blanks left out, 12 of 22 would elect her). Members who hand in nothing do not
 * count: Anna 10, Bent 5 of 25 present is 15 cast, 10 > 7.5, elected - where standard-2023
 * (10 of 25 present) goes to round 2.
 */
static void test_elect__majority__lolland_majority_of_votes_cast(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct elect_majority *e = maj_new("lolland-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 12, 10, 0, 3, 25, &o), "no majority; round 2");
        assert_int_equal(o.basis, 25);
        assert_int_equal(o.needed, 13);
        free(e);
        e = maj_new("lolland-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 10, 5, 0, 0, 25, &o), "elected \"Anna\"");
        free(e);
        e = maj_new("lolland-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 10, 5, 0, 0, -1, &o), "elected \"Anna\""); /* no count */
        free(e);
        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 10, 5, 0, 0, 25, &o), "no majority; round 2");
        free(e);
}

/*
 * Round 2 with only Anna receiving votes (11) and 14 blank of 25 present:
 * standard-2023 § 12 elects her as the only candidate with votes. lolland-2023 § 12 has no
 * such rule: 11 of 25 cast is no absolute majority, so a bound election follows between
 * Anna and the next - Bent and Carl have 0 each, a tie for the second place, so a lot is
 * needed between them first.
 */
static void test_elect__majority__round2_only_candidate_with_votes(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct elect_majority *e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 12, 11, 0, 2, 25, &o), "no majority; round 2");
        assert_string_equal(round3(e, 11, 0, 0, 14, 25, &o), "elected \"Anna\"");
        assert_int_equal(o.how, EH_SOLE);
        assert_int_equal(o.round, 2);
        free(e);

        e = maj_new("lolland-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 12, 11, 0, 2, 25, &o), "no majority; round 2");
        assert_string_equal(round3(e, 11, 0, 0, 14, 25, &o),
                            "lot needed between \"Bent\" and \"Carl\"");
        assert_int_equal(o.places, 1);
        struct elect_lot l = lot_of(2, 2, 1);
        struct pk_err err = {0};
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), 0);
        assert_string_equal(outcome_text(e, &o),
                            "no majority; bound election between \"Anna\" and \"Carl\"");
        assert_true(o.pair_by_lot);
        free(e);

        /* the sole-candidate rule is for round 2 only: in round 1 it is not enough */
        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 11, 0, 0, 14, 25, &o), "no majority; round 2");
        free(e);
}

/*
 * The bound 3rd round (§ 12 of both): round 2 Anna 10, Bent 8, Carl 7 (25 present) gives no
 * majority: bound election between Anna and Bent. A vote for Carl in round 3 is refused;
 * Anna 13, Bent 12 elects Anna (most votes decides the bound round).
 */
static void test_elect__majority__bound_third_round(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct pk_err err = {0};
        struct elect_majority *e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 10, 8, 7, 0, 25, &o), "no majority; round 2");
        assert_string_equal(round3(e, 10, 8, 7, 0, 25, &o),
                            "no majority; bound election between \"Anna\" and \"Bent\"");
        assert_int_equal(o.next_round, 3);
        int v[3] = {12, 11, 1};
        assert_int_equal(elect_majority_round(e, v, 1, 25, &o, &err), -1);
        assert_non_null(strstr(err.msg, "not valid"));
        /* no new candidate for the bound round */
        assert_int_equal(elect_majority_candidate(e, "Dora", &err), -1);
        assert_string_equal(round3(e, 13, 12, 0, 0, 25, &o), "elected \"Anna\"");
        assert_int_equal(o.how, EH_BOUND);
        /* nothing after the decision */
        assert_int_equal(elect_majority_round(e, v, 0, 25, &o, &err), -1);
        assert_non_null(strstr(err.msg, "decided"));
        free(e);
}

/*
 * Lots (§ 12): in round 2 Anna 10, Bent 7, Carl 7 - Anna is in the bound election, and a lot
 * decides between Bent and Carl for the other place (lot: Carl). In round 3 Anna 12, Carl 12,
 * 1 blank: a tie, decided by the lot the mayor draws (lot: Carl, Anna) - Carl is elected.
 * And all three at 8: a lot for both places (lot: Bent, Carl, Anna -> Bent and Carl).
 */
static void test_elect__majority__lots_for_the_pair_and_the_bound_round(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct pk_err err = {0};
        struct elect_majority *e = maj_new("lolland-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 10, 7, 7, 1, 25, &o), "no majority; round 2");
        assert_string_equal(round3(e, 10, 7, 7, 1, 25, &o),
                            "lot needed between \"Bent\" and \"Carl\"");
        /* no round while a lot is pending */
        int v[3] = {12, 0, 12};
        assert_int_equal(elect_majority_round(e, v, 1, 25, &o, &err), -1);
        struct elect_lot wrong = lot_of(2, 0, 2);
        assert_int_equal(elect_majority_lot(e, &wrong, &o, &err), -1);
        struct elect_lot l = lot_of(2, 2, 1);
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), 0);
        assert_string_equal(outcome_text(e, &o),
                            "no majority; bound election between \"Anna\" and \"Carl\"");
        assert_string_equal(round3(e, 12, 0, 12, 1, 25, &o),
                            "lot needed between \"Anna\" and \"Carl\"");
        assert_int_equal(o.places, 1);
        l = lot_of(2, 2, 0);
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), 0);
        assert_string_equal(outcome_text(e, &o), "elected \"Carl\"");
        assert_int_equal(o.how, EH_LOT);
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), -1); /* nothing left to draw */
        free(e);

        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        assert_string_equal(round3(e, 8, 8, 8, 1, 25, &o), "no majority; round 2");
        assert_string_equal(round3(e, 8, 8, 8, 1, 25, &o),
                            "lot needed between \"Anna\", \"Bent\" and \"Carl\"");
        assert_int_equal(o.places, 2);
        l = lot_of(3, 1, 2, 0);
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), 0);
        assert_string_equal(outcome_text(e, &o),
                            "no majority; bound election between \"Bent\" and \"Carl\"");
        free(e);

        /* two at the top tie: both go on, no lot */
        e = maj_new("standard-2023", 3, "Anna", "Bent", "Carl");
        round3(e, 9, 9, 6, 1, 25, &o);
        assert_string_equal(round3(e, 9, 9, 6, 1, 25, &o),
                            "no majority; bound election between \"Anna\" and \"Bent\"");
        assert_false(o.pair_by_lot);
        free(e);
}

/* A profile without lots (none ships one) reports the tie and stops. */
static void test_elect__majority__no_lot_rule_reports_tie(void **state)
{
        (void)state;
        struct elect_majority_rules r = {EB_PRESENT, true, false};
        struct elect_majority *e = calloc(1, sizeof *e);
        struct elect_outcome o;
        struct pk_err err = {0};
        elect_majority_init(e, &r);
        elect_majority_candidate(e, "Anna", &err);
        elect_majority_candidate(e, "Bent", &err);
        elect_majority_candidate(e, "Carl", &err);
        round3(e, 10, 8, 7, 0, 25, &o);
        round3(e, 10, 8, 7, 0, 25, &o);
        assert_string_equal(round3(e, 12, 12, 0, 1, 25, &o),
                            "tie between \"Anna\" and \"Bent\"; the rules provide no lot");
        assert_int_equal(o.state, ES_TIE);
        free(e);
}

static void test_elect__majority__bad_rounds_refused(void **state)
{
        (void)state;
        struct elect_outcome o;
        struct pk_err err = {0};
        struct elect_majority *e = maj_new("standard-2023", 2, "Anna", "Bent");
        int v[2] = {13, 10};
        assert_int_equal(elect_majority_round(e, v, 3, 25, &o, &err), -1); /* 26 ballots */
        assert_non_null(strstr(err.msg, "26 ballots"));
        assert_int_equal(elect_majority_round(e, v, 0, -1, &o, &err), -1); /* present needed */
        v[1] = -1;
        assert_int_equal(elect_majority_round(e, v, 0, 25, &o, &err), -1);
        assert_int_equal(elect_majority_round(e, v + 0, -2, 25, &o, &err), -1);
        assert_int_equal(e->nrounds, 0);
        struct elect_lot l = lot_of(2, 0, 1);
        assert_int_equal(elect_majority_lot(e, &l, &o, &err), -1);
        elect_majority_eval(e, &o);
        assert_string_equal(outcome_text(e, &o), "round 1 is next");
        assert_int_equal(elect_majority_candidate(e, "Anna", &err), 0); /* known: same index */
        free(e);

        /* a single candidate who never gets a majority: the bound election has one name */
        e = maj_new("lolland-2023", 1, "Anna");
        int one[1] = {10};
        assert_int_equal(elect_majority_round(e, one, 15, 25, &o, &err), 0);
        assert_int_equal(elect_majority_round(e, one, 15, 25, &o, &err), 0);
        assert_string_equal(outcome_text(e, &o), "elected \"Anna\"");
        assert_int_equal(o.how, EH_ALONE);
        free(e);
}

/* ---- KKR composition ---------------------------------------------------------------- */

static struct elect_kkr *kkr_new(int municipalities, int n, const char *const *names,
                                 const long long *votes, const int *mayors, const bool *rep)
{
        struct elect_kkr *k = calloc(1, sizeof *k);
        k->municipalities = municipalities;
        k->lot_allowed = true;
        k->nparties = n;
        for (int i = 0; i < n; i++) {
                snprintf(k->party[i].name, sizeof k->party[i].name, "%s", names[i]);
                k->party[i].votes = votes[i];
                k->party[i].mayors = mayors[i];
                k->party[i].represented = rep[i];
        }
        return k;
}

/*
 * A region of 11 municipalities, cap 22 (seed 000 § 3, stk. 2). Votes (total 315600, 2 % is
 * 6312) and mayors:
 *   A 120000 7 | V 70000 3 | C 35000 0 | F 25000 0 | O 15000 0 | Ø 18000 0 | B 9100 0 |
 *   D 9500 0 | I 4000 0 (1.3 %) | L 3000 1 (1.0 %, a local list with a mayor) |
 *   K 7000 0 (2.2 %, but no seat in any council: not eligible).
 * Rule 1: eligible A V C F O Ø B D; L's mayor sits anyway: other mayors 1.
 * Rule 2: B needs 1 seat at quotient 9100. Quotients >= 9100: A 120000/13 = 9230.8 (13),
 *   V 70000/7 = 10000 (7), C 35000/3 = 11666.7 (3), F 25000/2 (2), Ø 18000/1 (1; /2 = 9000),
 *   O 1, D 1, B 1: 29 - so S = 29 (B's is the smallest first quotient, and A's 7 and V's 3
 *   come far earlier). d'Hondt 29: A 13, V 7, C 3, F 2, O 1, Ø 1, B 1, D 1.
 * Rule 3: 29 + 1 > 22, so the eligible share 21 seats. Start A 7, V 3, the other six 1 each
 *   = 16; then by most votes per seat:
 *   17th C 35000 -> C 2 (17500); 18th F 25000 -> F 2 (12500); 19th V 23333.3 -> V 4 (17500);
 *   20th Ø 18000 -> Ø 2 (9000); 21st V 17500 = C 17500, a tie: C has fewer seats (2 < 4):
 *   C 3. Result A 7, V 4, C 3, F 2, O 1, Ø 2, B 1, D 1 = 21, with L 1 = 22 = the cap.
 *   The most underrepresented is V at 17500 votes per seat; no other split does better.
 * Rule 4: additional = seats - mayors: A 0, V 1, C 3, F 2, O 1, Ø 2, B 1, D 1, I 0, L 0, K 0.
 */
static void test_elect__kkr__cap_binds_and_small_party_with_mayor(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "V", "C", "F", "O", "Ø", "B", "D", "I", "L", "K"};
        static const long long v[] = {120000, 70000, 35000, 25000, 15000, 18000,
                                      9100,   9500,  4000,  3000,  7000};
        static const int m[] = {7, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        static const bool rep[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        struct elect_kkr *k = kkr_new(11, 11, n, v, m, rep);
        struct elect_kkr_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_int_equal(r->status, EK_DONE);
        assert_int_equal(r->total_votes, 315600);
        assert_int_equal(r->seats_eligible, 29);
        assert_int_equal(r->other_mayors, 1);
        assert_int_equal(r->cap, 22);
        assert_true(r->cap_binds);
        assert_int_equal(r->size, 22);
        static const bool eligible[] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0};
        static const int before[] = {13, 7, 3, 2, 1, 1, 1, 1, 0, 0, 0};
        static const int seats[] = {7, 4, 3, 2, 1, 2, 1, 1, 0, 1, 0};
        static const int additional[] = {0, 1, 3, 2, 1, 2, 1, 1, 0, 0, 0};
        for (int i = 0; i < 11; i++) {
                assert_int_equal(r->row[i].eligible, eligible[i]);
                assert_int_equal(r->row[i].before_cap, before[i]);
                assert_int_equal(r->row[i].seats, seats[i]);
                assert_int_equal(r->row[i].additional, additional[i]);
        }
        free(r);
        free(k);
}

/*
 * 10 municipalities, cap 20. A 50000 (5 mayors), B 30000 (3), C 15000 (1), D 5200 (1),
 * E 1500 (0; 1.5 % of 101700, below 2 % = 2034).
 * Rule 2: D needs its 1st quotient 5200: A 50000/9 = 5555.6 (9; /10 = 5000), B 30000/5 = 6000
 *   (5), C 15000/2 = 7500 (2), D 1: S = 17 (A's 5th quotient 10000 and B's 3rd 10000 come
 *   earlier). d'Hondt 17: A 9, B 5, C 2, D 1. 17 + 0 <= 20: the cap does not bind.
 * additional: A 4, B 2, C 1, D 0, E 0.
 */
static void test_elect__kkr__cap_does_not_bind(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "B", "C", "D", "E"};
        static const long long v[] = {50000, 30000, 15000, 5200, 1500};
        static const int m[] = {5, 3, 1, 1, 0};
        static const bool rep[] = {1, 1, 1, 1, 1};
        struct elect_kkr *k = kkr_new(10, 5, n, v, m, rep);
        struct elect_kkr_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_int_equal(r->seats_eligible, 17);
        assert_false(r->cap_binds);
        static const int seats[] = {9, 5, 2, 1, 0};
        static const int additional[] = {4, 2, 1, 0, 0};
        for (int i = 0; i < 5; i++) {
                assert_int_equal(r->row[i].seats, seats[i]);
                assert_int_equal(r->row[i].additional, additional[i]);
        }
        assert_int_equal(r->size, 17);
        free(r);
        free(k);
}

/*
 * Rule 2 with a tie at the margin: as the first region but B has 9000, equal to Ø's second
 * quotient 18000/2. At S = 29 the last seat would be a lot between Ø/2 and B/1, which could
 * leave B without a seat; protokol takes the smallest S at which B surely has one: the
 * quotients >= 9000 number 13 + 7 + 3 + 2 + 2 + 1 + 1 + 1 = 30, so S = 30, Ø 2, B 1.
 */
static void test_elect__kkr__rule2_tie_at_margin_takes_the_sure_size(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "V", "C", "F", "O", "Ø", "B", "D", "L"};
        static const long long v[] = {120000, 70000, 35000, 25000, 15000, 18000, 9000, 9500, 3000};
        static const int m[] = {7, 3, 0, 0, 0, 0, 0, 0, 1};
        static const bool rep[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        struct elect_kkr *k = kkr_new(11, 9, n, v, m, rep);
        struct elect_kkr_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_int_equal(r->status, EK_DONE);
        assert_int_equal(r->seats_eligible, 30);
        assert_int_equal(r->row[5].before_cap, 2);
        assert_int_equal(r->row[6].before_cap, 1);
        free(r);
        free(k);
}

/*
 * Rule 3 with a lot: 3 municipalities, cap 6. A, B, C 30000 with a mayor each, D 10000.
 * Rule 2: D's quotient 10000 comes after 3 of each other party: S = 10 > 6. The 6 seats:
 * start 1, 1, 1, 1; two seats left, A B C tied at 30000 votes per seat with 1 seat each: a
 * lot among three for two places. Lot C, A, B: C 2, A 2, B 1, D 1.
 */
static void test_elect__kkr__rule3_tie_by_lot(void **state)
{
        (void)state;
        static const char *const n[] = {"A", "B", "C", "D"};
        static const long long v[] = {30000, 30000, 30000, 10000};
        static const int m[] = {1, 1, 1, 0};
        static const bool rep[] = {1, 1, 1, 1};
        struct elect_kkr *k = kkr_new(3, 4, n, v, m, rep);
        struct elect_kkr_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_int_equal(r->status, EK_LOT_NEEDED);
        assert_int_equal(r->stage, ELECT_STAGE_KKR_CAP);
        assert_int_equal(r->ntied, 3);
        assert_int_equal(r->places, 2);
        struct elect_lot l = lot_of(3, 2, 0, 1);
        assert_int_equal(elect_kkr_lot(k, r, &l, &err), 0);
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_int_equal(r->status, EK_DONE);
        static const int seats[] = {2, 1, 2, 1};
        for (int i = 0; i < 4; i++)
                assert_int_equal(r->row[i].seats, seats[i]);
        assert_int_equal(r->size, 6);
        free(r);
        free(k);
}

/* Minimum seats over the cap, and inconsistent input. */
static void test_elect__kkr__edge_cases(void **state)
{
        (void)state;
        /* 2 municipalities, cap 4: two mayors of A and three more eligible parties need 5 */
        static const char *const n[] = {"A", "B", "C", "D"};
        static const long long v[] = {40000, 20000, 20000, 20000};
        static const int m[] = {2, 0, 0, 0};
        static const bool rep[] = {1, 1, 1, 1};
        struct elect_kkr *k = kkr_new(2, 4, n, v, m, rep);
        struct elect_kkr_result *r = calloc(1, sizeof *r);
        struct pk_err err = {0};
        assert_int_equal(elect_kkr(k, r, &err), 0);
        assert_true(r->cap_binds);
        assert_true(r->minimum_over_cap);
        assert_int_equal(r->size, 5);
        k->party[1].mayors = 1; /* 3 mayors in 2 municipalities */
        assert_int_equal(elect_kkr(k, r, &err), -1);
        assert_non_null(strstr(err.msg, "mayors"));
        k->party[1].mayors = 0;
        for (int i = 0; i < 4; i++)
                k->party[i].votes = 0;
        assert_int_equal(elect_kkr(k, r, &err), -1);
        k->municipalities = 0;
        assert_int_equal(elect_kkr(k, r, &err), -1);
        free(r);
        free(k);
}

/* ---- convener ----------------------------------------------------------------------- */

/*
 * Seed 000 § 4, stk. 1: the longest-serving mayor convenes, the eldest if equal. Hansen has
 * been mayor since 2014, Jensen and Nielsen since 1 January 2007: both longer than Hansen;
 * Nielsen (born 1955) is older than Jensen (1958), so Nielsen convenes.
 */
static void test_elect__convener__longest_serving_then_eldest(void **state)
{
        (void)state;
        struct elect_mayor m[3];
        memset(m, 0, sizeof m);
        snprintf(m[0].name, sizeof m[0].name, "Hansen");
        m[0].since = cal_from_ymd(2014, 1, 1);
        m[0].born = cal_from_ymd(1950, 5, 5);
        snprintf(m[1].name, sizeof m[1].name, "Jensen");
        m[1].since = cal_from_ymd(2007, 1, 1);
        m[1].born = cal_from_ymd(1958, 7, 11);
        snprintf(m[2].name, sizeof m[2].name, "Nielsen");
        m[2].since = cal_from_ymd(2007, 1, 1);
        m[2].born = cal_from_ymd(1955, 3, 2);
        int tied[3], nt;
        assert_int_equal(elect_convener(m, 3, tied, &nt), 2);
        assert_int_equal(nt, 0);
        m[2].since = cal_from_ymd(2010, 1, 1);
        assert_int_equal(elect_convener(m, 3, tied, &nt), 1);
        /* equal in both: the rule gives no answer, the caller decides */
        m[2].since = m[1].since;
        m[2].born = m[1].born;
        assert_int_equal(elect_convener(m, 3, tied, &nt), -1);
        assert_int_equal(nt, 2);
        assert_int_equal(tied[0], 1);
        assert_int_equal(tied[1], 2);
        assert_int_equal(elect_convener(m, 0, tied, &nt), -1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_elect__dhondt__lolland_2025_by_hand),
            cmocka_unit_test(test_elect__dhondt__waived_seat_goes_to_next_quotient),
            cmocka_unit_test(test_elect__dhondt__seat_held_ex_officio_counts_in_its_group),
            cmocka_unit_test(test_elect__dhondt__tie_for_last_seat_decided_by_recorded_lot),
            cmocka_unit_test(test_elect__dhondt__order_of_equal_quotients_by_lot),
            cmocka_unit_test(test_elect__dhondt__vacancy_filled_by_same_group),
            cmocka_unit_test(test_elect__dhondt__all_waived_leaves_seats_unfilled),
            cmocka_unit_test(test_elect__dhondt__bad_input_refused),
            cmocka_unit_test(test_elect__alliances__kkr_chair_election),
            cmocka_unit_test(test_elect__majority__profiles_read),
            cmocka_unit_test(test_elect__majority__standard_majority_of_present),
            cmocka_unit_test(test_elect__majority__lolland_majority_of_votes_cast),
            cmocka_unit_test(test_elect__majority__round2_only_candidate_with_votes),
            cmocka_unit_test(test_elect__majority__bound_third_round),
            cmocka_unit_test(test_elect__majority__lots_for_the_pair_and_the_bound_round),
            cmocka_unit_test(test_elect__majority__no_lot_rule_reports_tie),
            cmocka_unit_test(test_elect__majority__bad_rounds_refused),
            cmocka_unit_test(test_elect__kkr__cap_binds_and_small_party_with_mayor),
            cmocka_unit_test(test_elect__kkr__cap_does_not_bind),
            cmocka_unit_test(test_elect__kkr__rule2_tie_at_margin_takes_the_sure_size),
            cmocka_unit_test(test_elect__kkr__rule3_tie_by_lot),
            cmocka_unit_test(test_elect__kkr__edge_cases),
            cmocka_unit_test(test_elect__convener__longest_serving_then_eldest),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
