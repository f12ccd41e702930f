/*
 * test_deadlines.c - unit tests of the deadline module (src/core/deadlines.c): the SPEC §5.4
 * keys for every shipped profile, on the days that make Danish deadlines hard (Easter,
 * Christmas and New Year, grundlovsdag, store bededag before and after its abolition,
 * meetings on a Monday), KKR's calendar-day deadlines and the constituent meeting's
 * electoral alliances, and the next meeting a member's proposal is entitled to.
 *
 * Every expected date was worked out by hand from a wall calendar (the weekday of each
 * meeting is checked too), not with the code under test. The profiles are loaded from
 * SRCDIR/assets/profiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/deadlines.h"
#include "protokol/profile.h"

#ifndef SRCDIR
#error "build with -DSRCDIR=\"/path/to/repository\""
#endif

#define PROFILES SRCDIR "/assets/profiles"

enum { STANDARD, LOLLAND, KKR, NPROFILES };
static const char *const profile_names[NPROFILES] = {"standard-2023", "lolland-2023", "kkr-2026"};
static struct profile profiles[NPROFILES];

static int load_profiles(void **state)
{
        (void)state;
        for (int i = 0; i < NPROFILES; i++) {
                char path[512];
                struct pk_err err;
                pk_err_clear(&err);
                snprintf(path, sizeof path, "%s/%s.ini", PROFILES, profile_names[i]);
                if (profile_load(path, &profiles[i], &err) != 0) {
                        fprintf(stderr, "%s:%d: %s: %s\n", err.file, err.line, err.field, err.msg);
                        return -1;
                }
        }
        return 0;
}

static pk_day day_of(const char *iso)
{
        pk_day d;
        if (!cal_parse(iso, &d))
                fail_msg("bad date in the test: %s", iso);
        return d;
}

/* The keys of one meeting as "key: YYYY-MM-DD" lines, in order, exactly as the CLI prints. */
static void render(const struct profile *p, const char *meeting, enum meeting_kind kind, char *buf,
                   size_t n)
{
        struct deadline d[DK__COUNT];
        int k = deadlines_for_meeting(p, day_of(meeting), kind, d);
        size_t off = 0;
        buf[0] = '\0';
        for (int i = 0; i < k; i++) {
                char b[11];
                cal_format(d[i].day, b);
                off += (size_t)snprintf(buf + off, n - off, "%s: %s\n", deadline_key_name(d[i].key),
                                        b);
        }
}

#define expect_deadlines(p, meeting, kind, want)                                                   \
        do {                                                                                       \
                char got_[512];                                                                    \
                render((p), (meeting), (kind), got_, sizeof got_);                                 \
                assert_string_equal(got_, (want));                                                 \
        } while (0)

/* The meeting is on the weekday the test says (1 = Monday). */
static void assert_weekday(const char *iso, int wd)
{
        assert_int_equal(cal_weekday(day_of(iso)), wd);
}

/* ---------- every profile, an ordinary week ---------- */

static void test_deadlines__lolland__thursday_meeting_has_three_keys(void **state)
{
        (void)state;
        assert_weekday("2027-01-21", 4);
        expect_deadlines(&profiles[LOLLAND], "2027-01-21", MK_ORDINARY,
                         "member-proposals: 2027-01-13\n"
                         "agenda-dispatch: 2027-01-15\n"
                         "material: 2027-01-18\n");
}

static void test_deadlines__standard__no_separate_material_deadline(void **state)
{
        (void)state;
        expect_deadlines(&profiles[STANDARD], "2027-01-21", MK_ORDINARY,
                         "member-proposals: 2027-01-13\n"
                         "agenda-dispatch: 2027-01-15\n");
}

static void test_deadlines__kkr__ten_days_and_same_weekday_week_before(void **state)
{
        (void)state;
        assert_weekday("2026-03-12", 4);
        expect_deadlines(&profiles[KKR], "2026-03-12", MK_ORDINARY,
                         "member-proposals: 2026-03-02\n"
                         "agenda-dispatch: 2026-03-05\n");
}

/* ---------- the SPEC's example: Monday 7 December 2026 ---------- */

static void test_deadlines__monday_meeting__four_working_days_is_tuesday(void **state)
{
        (void)state;
        assert_weekday("2026-12-07", 1);
        expect_deadlines(&profiles[STANDARD], "2026-12-07", MK_ORDINARY,
                         "member-proposals: 2026-11-29\n"
                         "agenda-dispatch: 2026-12-01\n");
        expect_deadlines(&profiles[LOLLAND], "2026-12-07", MK_ORDINARY,
                         "member-proposals: 2026-11-29\n"
                         "agenda-dispatch: 2026-12-01\n"
                         "material: 2026-12-02\n");
}

/* ---------- Easter ---------- */

/* Easter 2027 is 28 March: skærtorsdag 25, langfredag 26, 2. påskedag 29 March are skipped. */
static void test_deadlines__easter_2027__holidays_skipped(void **state)
{
        (void)state;
        assert_weekday("2027-03-30", 2);
        expect_deadlines(&profiles[LOLLAND], "2027-03-30", MK_ORDINARY,
                         "member-proposals: 2027-03-22\n"
                         "agenda-dispatch: 2027-03-19\n"
                         "material: 2027-03-22\n");
}

/* Easter 2026 is 5 April: a Wednesday meeting after Easter reaches back into March. */
static void test_deadlines__easter_2026__back_into_march(void **state)
{
        (void)state;
        assert_weekday("2026-04-08", 3);
        expect_deadlines(&profiles[STANDARD], "2026-04-08", MK_ORDINARY,
                         "member-proposals: 2026-03-31\n"
                         "agenda-dispatch: 2026-03-30\n");
}

/* KKR counts calendar days: holidays do not move "the same weekday the week before". */
static void test_deadlines__kkr_easter__calendar_days_ignore_holidays(void **state)
{
        (void)state;
        expect_deadlines(&profiles[KKR], "2027-03-30", MK_ORDINARY,
                         "member-proposals: 2027-03-20\n"
                         "agenda-dispatch: 2027-03-23\n");
        /* the week before Friday 8 January 2027 is nytårsdag: it stays the deadline */
        expect_deadlines(&profiles[KKR], "2027-01-08", MK_ORDINARY,
                         "member-proposals: 2026-12-29\n"
                         "agenda-dispatch: 2027-01-01\n");
}

/* ---------- Christmas and New Year ---------- */

/* Monday 4 January 2027: nytårsdag (Fri), nytårsaftensdag (Thu), juledag (Fri 25),
 * juleaftensdag (Thu 24) and two weekends lie in between. */
static void test_deadlines__new_year__christmas_days_skipped(void **state)
{
        (void)state;
        assert_weekday("2027-01-04", 1);
        expect_deadlines(&profiles[LOLLAND], "2027-01-04", MK_ORDINARY,
                         "member-proposals: 2026-12-27\n"
                         "agenda-dispatch: 2026-12-23\n"
                         "material: 2026-12-28\n");
}

static void test_deadlines__new_year__profile_switches_count_the_eves(void **state)
{
        (void)state;
        struct profile p = profiles[STANDARD];
        p.juleaftensdag_working = true;
        expect_deadlines(&p, "2027-01-04", MK_ORDINARY,
                         "member-proposals: 2026-12-27\n"
                         "agenda-dispatch: 2026-12-24\n");
        p.juleaftensdag_working = false;
        p.nytaarsaftensdag_working = true;
        expect_deadlines(&p, "2027-01-04", MK_ORDINARY,
                         "member-proposals: 2026-12-27\n"
                         "agenda-dispatch: 2026-12-28\n");
        /* the calendar rules handed to the calendar module follow the switches */
        struct cal_rules cr = deadlines_cal_rules(&p);
        assert_true(cr.grundlovsdag_off);
        assert_true(cr.juleaftensdag_off);
        assert_false(cr.nytaarsaftensdag_off);
}

/* A meeting between Christmas and New Year. */
static void test_deadlines__between_the_holidays(void **state)
{
        (void)state;
        assert_weekday("2026-12-30", 3);
        /* Tue 29, Mon 28, (Sun, Sat, 2. juledag, juledag, juleaftensdag), Wed 23, Tue 22 */
        expect_deadlines(&profiles[STANDARD], "2026-12-30", MK_ORDINARY,
                         "member-proposals: 2026-12-22\n"
                         "agenda-dispatch: 2026-12-22\n");
}

/* ---------- grundlovsdag ---------- */

/* 2025: grundlovsdag Thursday 5 June, 2. pinsedag Monday 9 June. */
static void test_deadlines__grundlovsdag__off_by_default_working_when_switched(void **state)
{
        (void)state;
        assert_weekday("2025-06-10", 2);
        expect_deadlines(&profiles[STANDARD], "2025-06-10", MK_ORDINARY,
                         "member-proposals: 2025-06-02\n"
                         "agenda-dispatch: 2025-06-02\n");
        struct profile p = profiles[STANDARD];
        p.grundlovsdag_working = true;
        expect_deadlines(&p, "2025-06-10", MK_ORDINARY,
                         "member-proposals: 2025-06-02\n"
                         "agenda-dispatch: 2025-06-03\n");
}

/* 2026: grundlovsdag Friday 5 June. */
static void test_deadlines__grundlovsdag_friday(void **state)
{
        (void)state;
        assert_weekday("2026-06-09", 2);
        expect_deadlines(&profiles[LOLLAND], "2026-06-09", MK_ORDINARY,
                         "member-proposals: 2026-06-01\n"
                         "agenda-dispatch: 2026-06-02\n"
                         "material: 2026-06-03\n");
}

/* ---------- store bededag: a holiday in 2023, a working day from 2024 ---------- */

static void test_deadlines__store_bededag_2023__skipped(void **state)
{
        (void)state;
        /* store bededag 2023: Friday 5 May */
        assert_weekday("2023-05-10", 3);
        expect_deadlines(&profiles[STANDARD], "2023-05-10", MK_ORDINARY,
                         "member-proposals: 2023-05-02\n"
                         "agenda-dispatch: 2023-05-03\n");
}

static void test_deadlines__store_bededag_2024__a_working_day(void **state)
{
        (void)state;
        /* what would have been store bededag 2024: Friday 26 April */
        assert_weekday("2024-05-01", 3);
        expect_deadlines(&profiles[STANDARD], "2024-05-01", MK_ORDINARY,
                         "member-proposals: 2024-04-23\n"
                         "agenda-dispatch: 2024-04-25\n");
        expect_deadlines(&profiles[LOLLAND], "2024-04-30", MK_ORDINARY,
                         "member-proposals: 2024-04-22\n"
                         "agenda-dispatch: 2024-04-24\n"
                         "material: 2024-04-25\n");
}

/* ---------- meeting kinds ---------- */

/* KL's letter (seed 001): KKR Sjælland met Monday 17 January 2022, KKR Hovedstaden on
 * 25 January 2022 (a Tuesday; the letter says Monday). */
static void test_deadlines__constituent_kkr__electoral_alliances(void **state)
{
        (void)state;
        assert_weekday("2022-01-17", 1);
        expect_deadlines(&profiles[KKR], "2022-01-17", MK_CONSTITUENT,
                         "member-proposals: 2022-01-07\n"
                         "agenda-dispatch: 2022-01-10\n"
                         "electoral-alliances: 2022-01-12\n");
        assert_weekday("2022-01-25", 2);
        expect_deadlines(&profiles[KKR], "2022-01-25", MK_CONSTITUENT,
                         "member-proposals: 2022-01-15\n"
                         "agenda-dispatch: 2022-01-18\n"
                         "electoral-alliances: 2022-01-20\n");
}

/* Monday 5 January 2026, after the 2025 elections: nytårsdag and nytårsaftensdag skipped. */
static void test_deadlines__constituent_kkr__across_new_year(void **state)
{
        (void)state;
        assert_weekday("2026-01-05", 1);
        expect_deadlines(&profiles[KKR], "2026-01-05", MK_CONSTITUENT,
                         "member-proposals: 2025-12-26\n"
                         "agenda-dispatch: 2025-12-29\n"
                         "electoral-alliances: 2025-12-29\n");
}

static void test_deadlines__ordinary_kkr__no_electoral_alliances(void **state)
{
        (void)state;
        expect_deadlines(&profiles[KKR], "2022-01-17", MK_ORDINARY,
                         "member-proposals: 2022-01-07\n"
                         "agenda-dispatch: 2022-01-10\n");
}

/* The councils' profiles have no electoral alliances: a constituent council meeting has
 * the ordinary keys only. */
static void test_deadlines__constituent_council__no_alliances_key(void **state)
{
        (void)state;
        expect_deadlines(&profiles[LOLLAND], "2027-01-21", MK_CONSTITUENT,
                         "member-proposals: 2027-01-13\n"
                         "agenda-dispatch: 2027-01-15\n"
                         "material: 2027-01-18\n");
}

static void test_deadlines__extraordinary__none(void **state)
{
        (void)state;
        for (int i = 0; i < NPROFILES; i++)
                expect_deadlines(&profiles[i], "2027-01-21", MK_EXTRAORDINARY, "");
}

/* ---------- the rules themselves ---------- */

static void test_deadlines__of_rule__none_and_non_deadline_rules(void **state)
{
        (void)state;
        pk_day d = 12345;
        assert_false(deadline_of_rule(&profiles[STANDARD], R_MATERIAL_DEADLINE, 20000, &d));
        assert_false(deadline_of_rule(&profiles[STANDARD], R_ELECTION_ALLIANCES, 20000, &d));
        assert_false(deadline_of_rule(&profiles[STANDARD], R_QUORUM_PERCENT, 20000, &d));
        assert_int_equal(d, 12345);
        assert_true(deadline_of_rule(&profiles[KKR], R_AGENDA_DEADLINE, 20000, &d));
        assert_int_equal(d, 20000 - 7);
}

static void test_deadlines__key_names_and_rules(void **state)
{
        (void)state;
        assert_string_equal(deadline_key_name(DK_MEMBER_PROPOSALS), "member-proposals");
        assert_string_equal(deadline_key_name(DK_AGENDA_DISPATCH), "agenda-dispatch");
        assert_string_equal(deadline_key_name(DK_MATERIAL), "material");
        assert_string_equal(deadline_key_name(DK_ELECTORAL_ALLIANCES), "electoral-alliances");
        assert_int_equal(deadline_key_rule(DK_MEMBER_PROPOSALS), R_PROPOSAL_DEADLINE);
        assert_int_equal(deadline_key_rule(DK_AGENDA_DISPATCH), R_AGENDA_DEADLINE);
        assert_int_equal(deadline_key_rule(DK_MATERIAL), R_MATERIAL_DEADLINE);
        assert_int_equal(deadline_key_rule(DK_ELECTORAL_ALLIANCES), R_ELECTION_ALLIANCES);
        struct deadline d[DK__COUNT];
        int n = deadlines_for_meeting(&profiles[LOLLAND], day_of("2027-01-21"), MK_ORDINARY, d);
        assert_int_equal(n, 3);
        assert_int_equal(d[2].rule, R_MATERIAL_DEADLINE);
}

/* A user's profile may set working days for proposals, or zero days. */
static void test_deadlines__edited_profile__other_units(void **state)
{
        (void)state;
        struct profile p = profiles[STANDARD];
        p.rules[R_PROPOSAL_DEADLINE].unit = DL_WORKING_DAYS;
        p.rules[R_PROPOSAL_DEADLINE].ival = 5;
        p.rules[R_AGENDA_DEADLINE].unit = DL_DAYS;
        p.rules[R_AGENDA_DEADLINE].ival = 0;
        /* 5 working days before Monday 7 December 2026: Mon 30 November */
        expect_deadlines(&p, "2026-12-07", MK_ORDINARY,
                         "member-proposals: 2026-11-30\n"
                         "agenda-dispatch: 2026-12-07\n");
}

/* Over sixteen years of meeting days: a working-day deadline is a working day before the
 * meeting with exactly N working days from it up to the meeting; a calendar-day deadline is
 * exactly N days before (for KKR's dispatch, the same weekday). */
static void test_deadlines__every_day_2020_2035__invariants(void **state)
{
        (void)state;
        struct cal_rules cr = deadlines_cal_rules(&profiles[LOLLAND]);
        for (pk_day m = cal_from_ymd(2020, 1, 1); m < cal_from_ymd(2036, 1, 1); m++) {
                struct deadline d[DK__COUNT];
                int n = deadlines_for_meeting(&profiles[LOLLAND], m, MK_ORDINARY, d);
                assert_int_equal(n, 3);
                assert_int_equal(m - d[0].day, 8);
                assert_true(cal_is_working_day(d[1].day, &cr));
                assert_int_equal(cal_working_days_between(d[1].day, m, &cr), 4);
                assert_true(cal_is_working_day(d[2].day, &cr));
                assert_int_equal(cal_working_days_between(d[2].day, m, &cr), 3);
                assert_true(d[1].day < d[2].day);

                n = deadlines_for_meeting(&profiles[KKR], m, MK_CONSTITUENT, d);
                assert_int_equal(n, 3);
                assert_int_equal(m - d[0].day, 10);
                assert_int_equal(m - d[1].day, 7);
                assert_int_equal(cal_weekday(d[1].day), cal_weekday(m));
                assert_int_equal(d[2].key, DK_ELECTORAL_ALLIANCES);
                assert_int_equal(cal_working_days_between(d[2].day, m, &cr), 3);
        }
}

/* ---------- the next meeting a proposal is entitled to ---------- */

static void test_deadlines__next_entitled__lolland_plan(void **state)
{
        (void)state;
        /* a plan given out of order: 25 February, 21 January, 18 March 2027 (Thursdays) */
        const pk_day days[] = {day_of("2027-02-25"), day_of("2027-01-21"), day_of("2027-03-18")};
        const struct profile *p = &profiles[LOLLAND];
        /* the deadline day itself is in time */
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-01-01")), 1);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-01-13")), 1);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-01-14")), 0);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-02-17")), 0);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-02-18")), 2);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-03-10")), 2);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 3, day_of("2027-03-11")), -1);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 0, day_of("2027-01-01")), -1);
}

static void test_deadlines__next_entitled__skips_other_kinds(void **state)
{
        (void)state;
        const pk_day days[] = {day_of("2027-01-21"), day_of("2027-01-28"), day_of("2027-02-04"),
                               day_of("2027-02-25")};
        const enum meeting_kind kinds[] = {MK_ORDINARY, MK_EXTRAORDINARY, MK_CONSTITUENT,
                                           MK_ORDINARY};
        const struct profile *p = &profiles[STANDARD];
        assert_int_equal(deadlines_next_entitled(p, days, kinds, 4, day_of("2027-01-14")), 3);
        assert_int_equal(deadlines_next_entitled(p, days, kinds, 4, day_of("2027-01-13")), 0);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 4, day_of("2027-01-14")), 1);
}

static void test_deadlines__next_entitled__kkr_ten_days(void **state)
{
        (void)state;
        const pk_day days[] = {day_of("2026-03-12"), day_of("2026-06-11")};
        const struct profile *p = &profiles[KKR];
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 2, day_of("2026-03-02")), 0);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 2, day_of("2026-03-03")), 1);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 2, day_of("2026-06-01")), 1);
        assert_int_equal(deadlines_next_entitled(p, days, NULL, 2, day_of("2026-06-02")), -1);
}

static void test_deadlines__next_entitled__no_deadline_means_the_meeting_day(void **state)
{
        (void)state;
        struct profile p = profiles[STANDARD];
        p.rules[R_PROPOSAL_DEADLINE].unit = DL_NONE;
        const pk_day days[] = {day_of("2027-01-21"), day_of("2027-02-25")};
        assert_int_equal(deadlines_next_entitled(&p, days, NULL, 2, day_of("2027-01-21")), 0);
        assert_int_equal(deadlines_next_entitled(&p, days, NULL, 2, day_of("2027-01-22")), 1);
}

/* Two meetings on one day: the first listed wins. */
static void test_deadlines__next_entitled__same_day_lower_index(void **state)
{
        (void)state;
        const pk_day days[] = {day_of("2027-02-25"), day_of("2027-02-25")};
        assert_int_equal(
            deadlines_next_entitled(&profiles[LOLLAND], days, NULL, 2, day_of("2027-02-01")), 0);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_deadlines__lolland__thursday_meeting_has_three_keys),
            cmocka_unit_test(test_deadlines__standard__no_separate_material_deadline),
            cmocka_unit_test(test_deadlines__kkr__ten_days_and_same_weekday_week_before),
            cmocka_unit_test(test_deadlines__monday_meeting__four_working_days_is_tuesday),
            cmocka_unit_test(test_deadlines__easter_2027__holidays_skipped),
            cmocka_unit_test(test_deadlines__easter_2026__back_into_march),
            cmocka_unit_test(test_deadlines__kkr_easter__calendar_days_ignore_holidays),
            cmocka_unit_test(test_deadlines__new_year__christmas_days_skipped),
            cmocka_unit_test(test_deadlines__new_year__profile_switches_count_the_eves),
            cmocka_unit_test(test_deadlines__between_the_holidays),
            cmocka_unit_test(test_deadlines__grundlovsdag__off_by_default_working_when_switched),
            cmocka_unit_test(test_deadlines__grundlovsdag_friday),
            cmocka_unit_test(test_deadlines__store_bededag_2023__skipped),
            cmocka_unit_test(test_deadlines__store_bededag_2024__a_working_day),
            cmocka_unit_test(test_deadlines__constituent_kkr__electoral_alliances),
            cmocka_unit_test(test_deadlines__constituent_kkr__across_new_year),
            cmocka_unit_test(test_deadlines__ordinary_kkr__no_electoral_alliances),
            cmocka_unit_test(test_deadlines__constituent_council__no_alliances_key),
            cmocka_unit_test(test_deadlines__extraordinary__none),
            cmocka_unit_test(test_deadlines__of_rule__none_and_non_deadline_rules),
            cmocka_unit_test(test_deadlines__key_names_and_rules),
            cmocka_unit_test(test_deadlines__edited_profile__other_units),
            cmocka_unit_test(test_deadlines__every_day_2020_2035__invariants),
            cmocka_unit_test(test_deadlines__next_entitled__lolland_plan),
            cmocka_unit_test(test_deadlines__next_entitled__skips_other_kinds),
            cmocka_unit_test(test_deadlines__next_entitled__kkr_ten_days),
            cmocka_unit_test(test_deadlines__next_entitled__no_deadline_means_the_meeting_day),
            cmocka_unit_test(test_deadlines__next_entitled__same_day_lower_index),
        };
        return cmocka_run_group_tests(tests, load_profiles, NULL);
}
