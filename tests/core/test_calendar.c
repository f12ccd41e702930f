/*
 * test_calendar.c - unit tests for the Danish calendar module (src/core/calendar.c):
 * date conversion, parsing, Easter, holidays and working-day deadlines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "protokol/calendar.h"

static const struct cal_rules all_working = {false, false, false};

static pk_day ymd(int y, int m, int d)
{
        return cal_from_ymd(y, m, d);
}

static void assert_day_eq(pk_day got, int y, int m, int d)
{
        char got_s[11], want_s[40];
        cal_format(got, got_s);
        snprintf(want_s, sizeof want_s, "%04d-%02d-%02d", y, m, d);
        assert_string_equal(got_s, want_s);
}

/* Easter Sundays 2020-2035, written down independently of the algorithm under test. */
static const struct {
        int y, m, d;
} easter_table[] = {
    {2020, 4, 12}, {2021, 4, 4},  {2022, 4, 17}, {2023, 4, 9},  {2024, 3, 31}, {2025, 4, 20},
    {2026, 4, 5},  {2027, 3, 28}, {2028, 4, 16}, {2029, 4, 1},  {2030, 4, 21}, {2031, 4, 13},
    {2032, 3, 28}, {2033, 4, 17}, {2034, 4, 9},  {2035, 3, 25},
};
#define EASTER_YEARS ((int)(sizeof easter_table / sizeof easter_table[0]))

/* ISO weekday (1 = Monday) of 1 January for 2020-2035, written down independently. */
static const int jan1_weekday[EASTER_YEARS] = {3, 5, 6, 7, 1, 3, 4, 5, 6, 1, 2, 3, 4, 6, 7, 1};

/* Working days per year 2020-2035 with the default rules and with every customary day
 * off counted as working. */
static const int working_days_default[EASTER_YEARS] = {251, 252, 253, 251, 251, 250, 251, 253,
                                                       253, 250, 250, 250, 254, 254, 252, 250};
static const int working_days_all_working[EASTER_YEARS] = {254, 254, 253, 252, 254, 253, 254, 255,
                                                           253, 253, 253, 253, 256, 254, 253, 253};

/* --- conversion ------------------------------------------------------------------------- */

static void test_calendar__from_ymd__known_day_numbers(void **state)
{
        (void)state;
        assert_int_equal(ymd(1970, 1, 1), 0);
        assert_int_equal(ymd(1970, 1, 2), 1);
        assert_int_equal(ymd(1969, 12, 31), -1);
        assert_int_equal(ymd(2000, 3, 1), 11017);
        assert_int_equal(ymd(2026, 1, 1), 20454);
        assert_int_equal(ymd(1, 1, 1), -719162);
        assert_int_equal(ymd(9999, 12, 31), 2932896);
}

static void test_calendar__to_ymd__round_trips_every_day_of_years_1_to_9999(void **state)
{
        (void)state;
        static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y = 1, m = 1, d = 1;
        for (pk_day day = ymd(1, 1, 1); day <= ymd(9999, 12, 31); day++) {
                int gy, gm, gd;
                cal_to_ymd(day, &gy, &gm, &gd);
                if (gy != y || gm != m || gd != d)
                        fail_msg("day %ld: got %04d-%02d-%02d, want %04d-%02d-%02d", (long)day, gy,
                                 gm, gd, y, m, d);
                if (cal_from_ymd(y, m, d) != day)
                        fail_msg("%04d-%02d-%02d does not map back to day %ld", y, m, d, (long)day);
                int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                int mlen = len[m - 1] + (m == 2 && leap ? 1 : 0);
                if (++d > mlen) {
                        d = 1;
                        if (++m > 12) {
                                m = 1;
                                y++;
                        }
                }
        }
}

static void test_calendar__weekday__known_dates(void **state)
{
        (void)state;
        assert_int_equal(cal_weekday(ymd(1970, 1, 1)), 4);   /* Thursday */
        assert_int_equal(cal_weekday(ymd(1969, 12, 31)), 3); /* Wednesday */
        assert_int_equal(cal_weekday(ymd(1969, 12, 28)), 7); /* Sunday */
        assert_int_equal(cal_weekday(ymd(2000, 1, 1)), 6);   /* Saturday */
        assert_int_equal(cal_weekday(ymd(2024, 2, 29)), 4);  /* Thursday */
        assert_int_equal(cal_weekday(ymd(2026, 6, 5)), 5);   /* Friday */
        assert_int_equal(cal_weekday(ymd(2026, 12, 7)), 1);  /* Monday */
        assert_int_equal(cal_weekday(ymd(2027, 1, 21)), 4);  /* Thursday */
        assert_int_equal(cal_weekday(ymd(2027, 3, 28)), 7);  /* Sunday */
        assert_int_equal(cal_weekday(ymd(1, 1, 1)), 1);      /* Monday */
}

/* --- parsing and formatting ------------------------------------------------------------- */

static void test_calendar__parse__accepts_real_dates(void **state)
{
        (void)state;
        pk_day day = -12345;
        assert_true(cal_parse("2024-02-29", &day));
        assert_int_equal(day, ymd(2024, 2, 29));
        assert_true(cal_parse("2000-02-29", &day));
        assert_int_equal(day, ymd(2000, 2, 29));
        assert_true(cal_parse("1970-01-01", &day));
        assert_int_equal(day, 0);
        assert_true(cal_parse("2026-12-07", &day));
        assert_int_equal(day, ymd(2026, 12, 7));
        assert_true(cal_parse("0001-01-01", &day));
        assert_int_equal(day, ymd(1, 1, 1));
        assert_true(cal_parse("9999-12-31", &day));
        assert_int_equal(day, ymd(9999, 12, 31));
        assert_true(cal_parse("2027-04-30", &day));
        assert_int_equal(day, ymd(2027, 4, 30));
}

static void test_calendar__parse__refuses_malformed_and_unreal_dates(void **state)
{
        (void)state;
        static const char *const bad[] = {
            "2027-02-30", "2023-02-29",  "1900-02-29",  "2026-04-31", "2026-13-01", "2026-00-10",
            "2026-01-00", "2026-01-32",  "0000-01-01",  "2026-1-5",   "2026-01-5",  "2026-01-05x",
            "",           "2026/01/05",  "2026-01-05 ", " 2026-01-0", "+026-01-05", "2026-0a-05",
            "20260105",   "2026--01-05", "-026-01-05",  "2026-01-+5",
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                pk_day day = -12345;
                if (cal_parse(bad[i], &day))
                        fail_msg("accepted \"%s\"", bad[i]);
                assert_int_equal(day, -12345);
        }
        assert_false(cal_parse(NULL, NULL));
}

static void test_calendar__format__writes_padded_iso_date(void **state)
{
        (void)state;
        char buf[16];
        memset(buf, 'x', sizeof buf);
        cal_format(0, buf);
        assert_string_equal(buf, "1970-01-01");
        cal_format(ymd(1, 2, 3), buf);
        assert_string_equal(buf, "0001-02-03");
        cal_format(ymd(9999, 12, 31), buf);
        assert_string_equal(buf, "9999-12-31");
        cal_format(ymd(2024, 2, 29), buf);
        assert_string_equal(buf, "2024-02-29");
}

static void test_calendar__format__round_trips_through_parse(void **state)
{
        (void)state;
        for (pk_day day = ymd(1999, 1, 1); day <= ymd(2036, 12, 31); day++) {
                char buf[11];
                pk_day back = -1;
                cal_format(day, buf);
                assert_int_equal(strlen(buf), 10);
                if (!cal_parse(buf, &back) || back != day)
                        fail_msg("\"%s\" does not parse back to day %ld", buf, (long)day);
        }
}

/* --- Easter ----------------------------------------------------------------------------- */

static void test_calendar__easter__table_2020_to_2035(void **state)
{
        (void)state;
        for (int i = 0; i < EASTER_YEARS; i++)
                assert_day_eq(cal_easter(easter_table[i].y), easter_table[i].y, easter_table[i].m,
                              easter_table[i].d);
}

static void test_calendar__easter__is_a_sunday_between_22_march_and_25_april(void **state)
{
        (void)state;
        for (int y = 1583; y <= 9999; y++) {
                pk_day e = cal_easter(y);
                if (cal_weekday(e) != 7)
                        fail_msg("Easter %d is not a Sunday", y);
                if (e < ymd(y, 3, 22) || e > ymd(y, 4, 25))
                        fail_msg("Easter %d is outside 22 March to 25 April", y);
        }
        /* Known extremes: the earliest and latest possible dates. */
        assert_day_eq(cal_easter(2285), 2285, 3, 22);
        assert_day_eq(cal_easter(1943), 1943, 4, 25);
        assert_day_eq(cal_easter(2038), 2038, 4, 25);
}

/* --- holidays --------------------------------------------------------------------------- */

static void test_calendar__rules_default__all_customary_days_off(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        assert_true(r.grundlovsdag_off);
        assert_true(r.juleaftensdag_off);
        assert_true(r.nytaarsaftensdag_off);
}

static void test_calendar__holiday__names_of_2026(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        static const struct {
                int m, d;
                const char *name;
        } want[] = {
            {1, 1, "nytårsdag"},         {4, 2, "skærtorsdag"},  {4, 3, "langfredag"},
            {4, 5, "påskedag"},          {4, 6, "2. påskedag"},  {5, 14, "kristi himmelfartsdag"},
            {5, 24, "pinsedag"},         {5, 25, "2. pinsedag"}, {6, 5, "grundlovsdag"},
            {12, 24, "juleaftensdag"},   {12, 25, "juledag"},    {12, 26, "2. juledag"},
            {12, 31, "nytårsaftensdag"},
        };
        size_t n = sizeof want / sizeof want[0];
        size_t found = 0;
        for (size_t i = 0; i < n; i++) {
                const char *name = cal_holiday(ymd(2026, want[i].m, want[i].d), &r);
                assert_non_null(name);
                assert_string_equal(name, want[i].name);
        }
        /* No other day of 2026 is named. */
        for (pk_day day = ymd(2026, 1, 1); day < ymd(2027, 1, 1); day++)
                if (cal_holiday(day, &r))
                        found++;
        assert_int_equal(found, n);
}

static void test_calendar__holiday__ordinary_days_and_weekends_are_unnamed(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        assert_null(cal_holiday(ymd(2026, 1, 2), &r));   /* Friday */
        assert_null(cal_holiday(ymd(2026, 1, 3), &r));   /* Saturday */
        assert_null(cal_holiday(ymd(2026, 1, 4), &r));   /* Sunday */
        assert_null(cal_holiday(ymd(2026, 4, 4), &r));   /* påskelørdag */
        assert_null(cal_holiday(ymd(2026, 4, 7), &r));   /* day after 2. påskedag */
        assert_null(cal_holiday(ymd(2026, 12, 23), &r)); /* lillejuleaften */
        assert_false(cal_is_working_day(ymd(2026, 1, 3), &r));
        assert_false(cal_is_working_day(ymd(2026, 1, 4), &r));
        assert_true(cal_is_working_day(ymd(2026, 1, 2), &r));
        assert_true(cal_is_working_day(ymd(2026, 12, 23), &r));
}

static void test_calendar__holiday__store_bededag_until_2023_only(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        const char *name = cal_holiday(ymd(2023, 5, 5), &r);
        assert_non_null(name);
        assert_string_equal(name, "store bededag");
        assert_false(cal_is_working_day(ymd(2023, 5, 5), &r));
        name = cal_holiday(ymd(2022, 5, 13), &r);
        assert_non_null(name);
        assert_string_equal(name, "store bededag");

        assert_int_equal(cal_weekday(ymd(2024, 4, 26)), 5);
        assert_null(cal_holiday(ymd(2024, 4, 26), &r));
        assert_true(cal_is_working_day(ymd(2024, 4, 26), &r));
        assert_null(cal_holiday(ymd(2026, 5, 1), &r));
        assert_true(cal_is_working_day(ymd(2026, 5, 1), &r));
}

static void test_calendar__holiday__kristi_himmelfart_and_2_pinsedag_2026(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        assert_int_equal(cal_weekday(ymd(2026, 5, 14)), 4);
        assert_false(cal_is_working_day(ymd(2026, 5, 14), &r));
        assert_false(cal_is_working_day(ymd(2026, 5, 14), &all_working));
        assert_true(cal_is_working_day(ymd(2026, 5, 15), &r));
        assert_int_equal(cal_weekday(ymd(2026, 5, 25)), 1);
        assert_false(cal_is_working_day(ymd(2026, 5, 25), &r));
        assert_false(cal_is_working_day(ymd(2026, 5, 25), &all_working));
        assert_true(cal_is_working_day(ymd(2026, 5, 26), &r));
}

static void test_calendar__holiday__grundlovsdag_2026_switchable(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day day = ymd(2026, 6, 5);
        assert_int_equal(cal_weekday(day), 5);
        assert_false(cal_is_working_day(day, &r));
        r.grundlovsdag_off = false;
        assert_null(cal_holiday(day, &r));
        assert_true(cal_is_working_day(day, &r));
        /* Switching grundlovsdag leaves the other customary days alone. */
        assert_false(cal_is_working_day(ymd(2026, 12, 24), &r));
        assert_false(cal_is_working_day(ymd(2026, 12, 31), &r));
}

static void test_calendar__holiday__christmas_eve_and_new_years_eve_switchable(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day eve = ymd(2026, 12, 24), nye = ymd(2026, 12, 31);
        assert_false(cal_is_working_day(eve, &r));
        assert_false(cal_is_working_day(nye, &r));

        r.juleaftensdag_off = false;
        assert_null(cal_holiday(eve, &r));
        assert_true(cal_is_working_day(eve, &r));
        assert_false(cal_is_working_day(nye, &r));

        r = cal_rules_default();
        r.nytaarsaftensdag_off = false;
        assert_null(cal_holiday(nye, &r));
        assert_true(cal_is_working_day(nye, &r));
        assert_false(cal_is_working_day(eve, &r));
        assert_false(cal_is_working_day(ymd(2026, 6, 5), &r));

        /* Public holidays are not switchable. */
        assert_false(cal_is_working_day(ymd(2026, 12, 25), &all_working));
        assert_false(cal_is_working_day(ymd(2027, 1, 1), &all_working));
}

static void test_calendar__holiday__2_pinsedag_on_grundlovsdag_2017(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day day = ymd(2017, 6, 5);
        assert_int_equal(cal_weekday(day), 1);
        assert_string_equal(cal_holiday(day, &r), "2. pinsedag");
        r.grundlovsdag_off = false;
        assert_non_null(cal_holiday(day, &r));
        assert_string_equal(cal_holiday(day, &r), "2. pinsedag");
        assert_false(cal_is_working_day(day, &r));
}

static void test_calendar__holiday__null_rules_mean_default(void **state)
{
        (void)state;
        assert_string_equal(cal_holiday(ymd(2026, 6, 5), NULL), "grundlovsdag");
        assert_false(cal_is_working_day(ymd(2026, 12, 24), NULL));
        assert_true(cal_is_working_day(ymd(2026, 12, 23), NULL));
}

/*
 * An independent count of each year's working days: day-of-year ordinals, weekdays from
 * a literal table of 1 January, fixed holidays as literal dates and movable ones as
 * offsets from the literal Easter table. Valid for 2020-2035 only (every fourth year is
 * a leap year there).
 */
static void independent_year(int idx, const struct cal_rules *r, unsigned char *working,
                             int *len_out)
{
        static const int cum[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        int y = easter_table[idx].y;
        int leap = y % 4 == 0;
#define DOY(m, d) (cum[(m)-1] + (d) + ((m) > 2 ? leap : 0))
        int len = 365 + leap;
        int easter = DOY(easter_table[idx].m, easter_table[idx].d);
        int off[32], n = 0;
        off[n++] = DOY(1, 1);
        off[n++] = DOY(12, 25);
        off[n++] = DOY(12, 26);
        off[n++] = easter - 3;
        off[n++] = easter - 2;
        off[n++] = easter;
        off[n++] = easter + 1;
        if (y <= 2023)
                off[n++] = easter + 26;
        off[n++] = easter + 39;
        off[n++] = easter + 49;
        off[n++] = easter + 50;
        if (r->grundlovsdag_off)
                off[n++] = DOY(6, 5);
        if (r->juleaftensdag_off)
                off[n++] = DOY(12, 24);
        if (r->nytaarsaftensdag_off)
                off[n++] = DOY(12, 31);
#undef DOY
        for (int doy = 1; doy <= len; doy++) {
                int wd = (jan1_weekday[idx] - 1 + doy - 1) % 7 + 1;
                int free_day = wd >= 6;
                for (int i = 0; i < n; i++)
                        if (off[i] == doy)
                                free_day = 1;
                working[doy] = (unsigned char)!free_day;
        }
        *len_out = len;
}

static void check_years(const struct cal_rules *r, const int *want_totals)
{
        for (int idx = 0; idx < EASTER_YEARS; idx++) {
                unsigned char working[367];
                int len, total = 0;
                int y = easter_table[idx].y;
                independent_year(idx, r, working, &len);
                pk_day jan1 = ymd(y, 1, 1);
                for (int doy = 1; doy <= len; doy++) {
                        bool got = cal_is_working_day(jan1 + doy - 1, r);
                        if (got != (bool)working[doy]) {
                                char buf[11];
                                cal_format(jan1 + doy - 1, buf);
                                fail_msg("%s: module says %s", buf,
                                         got ? "working" : "non-working");
                        }
                        total += working[doy];
                }
                if (total != want_totals[idx])
                        fail_msg("%d: independent count %d, table %d", y, total, want_totals[idx]);
                int got_total = cal_working_days_between(jan1, ymd(y + 1, 1, 1), r);
                if (got_total != total)
                        fail_msg("%d: module counts %d working days, want %d", y, got_total, total);
        }
}

static void test_calendar__is_working_day__every_day_2020_to_2035_default_rules(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        check_years(&r, working_days_default);
}

static void
test_calendar__is_working_day__every_day_2020_to_2035_customary_days_working(void **state)
{
        (void)state;
        check_years(&all_working, working_days_all_working);
}

/* --- deadlines -------------------------------------------------------------------------- */

static void test_calendar__working_days_before__monday_meeting_2026_12_07(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        assert_int_equal(cal_weekday(ymd(2026, 12, 7)), 1);
        pk_day got = cal_working_days_before(ymd(2026, 12, 7), 4, &r);
        assert_day_eq(got, 2026, 12, 1);
        assert_int_equal(cal_weekday(got), 2);
}

static void test_calendar__working_days_before__thursday_meeting_2027_01_21(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day got = cal_working_days_before(ymd(2027, 1, 21), 4, &r);
        assert_day_eq(got, 2027, 1, 15);
        assert_int_equal(cal_weekday(got), 5);
}

static void test_calendar__working_days_before__across_easter_2027(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        /* Skips 2. påskedag 29 Mar, the weekend, langfredag 26 Mar and skærtorsdag 25 Mar. */
        assert_day_eq(cal_working_days_before(ymd(2027, 3, 30), 4, &r), 2027, 3, 19);
        assert_day_eq(cal_working_days_before(ymd(2027, 3, 30), 1, &r), 2027, 3, 24);
        assert_day_eq(cal_working_days_before(ymd(2027, 3, 30), 4, &all_working), 2027, 3, 19);
}

static void test_calendar__working_days_before__across_christmas_and_new_year(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        /* Mon 2027-01-04: skips nytårsdag, nytårsaftensdag, 30, 29, 28 Dec count, then the
         * weekend, 2. juledag, juledag and juleaftensdag, landing on Wed 23 Dec. */
        assert_day_eq(cal_working_days_before(ymd(2027, 1, 4), 4, &r), 2026, 12, 23);
        assert_day_eq(cal_working_days_before(ymd(2027, 1, 4), 1, &r), 2026, 12, 30);
        /* With the customary days working, 31 Dec counts. */
        assert_day_eq(cal_working_days_before(ymd(2027, 1, 4), 4, &all_working), 2026, 12, 28);
        assert_day_eq(cal_working_days_before(ymd(2027, 1, 4), 1, &all_working), 2026, 12, 31);
        /* Mon 2026-12-28, 3 working days: Wed 23, Tue 22, Mon 21. */
        assert_day_eq(cal_working_days_before(ymd(2026, 12, 28), 3, &r), 2026, 12, 21);
        assert_day_eq(cal_working_days_before(ymd(2026, 12, 28), 3, &all_working), 2026, 12, 22);
}

static void test_calendar__working_days_before__across_grundlovsdag_2026(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        /* Mon 2026-06-08: Fri 5 June is grundlovsdag. */
        assert_day_eq(cal_working_days_before(ymd(2026, 6, 8), 4, &r), 2026, 6, 1);
        r.grundlovsdag_off = false;
        assert_day_eq(cal_working_days_before(ymd(2026, 6, 8), 4, &r), 2026, 6, 2);
}

static void test_calendar__working_days_before__monday_meeting_one_day(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        /* The working day before a Monday is the Friday. */
        assert_day_eq(cal_working_days_before(ymd(2026, 3, 9), 1, &r), 2026, 3, 6);
        /* A meeting on a Sunday or a holiday still counts from the day before. */
        assert_day_eq(cal_working_days_before(ymd(2026, 4, 6), 1, &r), 2026, 4, 1);
}

static void test_calendar__working_days_before__n_zero_or_negative_is_meeting(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day m = ymd(2026, 12, 7);
        assert_int_equal(cal_working_days_before(m, 0, &r), m);
        assert_int_equal(cal_working_days_before(m, -3, &r), m);
}

static void test_calendar__working_days_before__agrees_with_between(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        for (pk_day m = ymd(2020, 1, 1); m < ymd(2036, 1, 1); m++) {
                for (int n = 1; n <= 12; n++) {
                        pk_day got = cal_working_days_before(m, n, &r);
                        if (got >= m || !cal_is_working_day(got, &r) ||
                            cal_working_days_between(got, m, &r) != n) {
                                char buf[11];
                                cal_format(m, buf);
                                fail_msg("meeting %s, n=%d: inconsistent deadline", buf, n);
                        }
                }
        }
}

static void test_calendar__working_days_between__ranges(void **state)
{
        (void)state;
        struct cal_rules r = cal_rules_default();
        pk_day mon = ymd(2026, 3, 9);
        assert_int_equal(cal_working_days_between(mon, mon, &r), 0);
        assert_int_equal(cal_working_days_between(mon + 5, mon, &r), 0);
        assert_int_equal(cal_working_days_between(mon, mon + 1, &r), 1);
        assert_int_equal(cal_working_days_between(mon, mon + 7, &r), 5);
        assert_int_equal(cal_working_days_between(mon + 5, mon + 7, &r), 0);
        /* Easter week 2026: Mon 30 Mar to Mon 6 Apr has skærtorsdag and langfredag. */
        assert_int_equal(cal_working_days_between(ymd(2026, 3, 30), ymd(2026, 4, 6), &r), 3);
        /* Christmas week 2026: Mon 21 Dec to Mon 28 Dec has 21, 22, 23 only. */
        assert_int_equal(cal_working_days_between(ymd(2026, 12, 21), ymd(2026, 12, 28), &r), 3);
        assert_int_equal(
            cal_working_days_between(ymd(2026, 12, 21), ymd(2026, 12, 28), &all_working), 4);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_calendar__from_ymd__known_day_numbers),
            cmocka_unit_test(test_calendar__to_ymd__round_trips_every_day_of_years_1_to_9999),
            cmocka_unit_test(test_calendar__weekday__known_dates),
            cmocka_unit_test(test_calendar__parse__accepts_real_dates),
            cmocka_unit_test(test_calendar__parse__refuses_malformed_and_unreal_dates),
            cmocka_unit_test(test_calendar__format__writes_padded_iso_date),
            cmocka_unit_test(test_calendar__format__round_trips_through_parse),
            cmocka_unit_test(test_calendar__easter__table_2020_to_2035),
            cmocka_unit_test(test_calendar__easter__is_a_sunday_between_22_march_and_25_april),
            cmocka_unit_test(test_calendar__rules_default__all_customary_days_off),
            cmocka_unit_test(test_calendar__holiday__names_of_2026),
            cmocka_unit_test(test_calendar__holiday__ordinary_days_and_weekends_are_unnamed),
            cmocka_unit_test(test_calendar__holiday__store_bededag_until_2023_only),
            cmocka_unit_test(test_calendar__holiday__kristi_himmelfart_and_2_pinsedag_2026),
            cmocka_unit_test(test_calendar__holiday__grundlovsdag_2026_switchable),
            cmocka_unit_test(test_calendar__holiday__christmas_eve_and_new_years_eve_switchable),
            cmocka_unit_test(test_calendar__holiday__2_pinsedag_on_grundlovsdag_2017),
            cmocka_unit_test(test_calendar__holiday__null_rules_mean_default),
            cmocka_unit_test(test_calendar__is_working_day__every_day_2020_to_2035_default_rules),
            cmocka_unit_test(
                test_calendar__is_working_day__every_day_2020_to_2035_customary_days_working),
            cmocka_unit_test(test_calendar__working_days_before__monday_meeting_2026_12_07),
            cmocka_unit_test(test_calendar__working_days_before__thursday_meeting_2027_01_21),
            cmocka_unit_test(test_calendar__working_days_before__across_easter_2027),
            cmocka_unit_test(test_calendar__working_days_before__across_christmas_and_new_year),
            cmocka_unit_test(test_calendar__working_days_before__across_grundlovsdag_2026),
            cmocka_unit_test(test_calendar__working_days_before__monday_meeting_one_day),
            cmocka_unit_test(test_calendar__working_days_before__n_zero_or_negative_is_meeting),
            cmocka_unit_test(test_calendar__working_days_before__agrees_with_between),
            cmocka_unit_test(test_calendar__working_days_between__ranges),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
