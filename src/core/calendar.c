/*
 * calendar.c - Danish calendar arithmetic: civil dates as day counts since 1970-01-01,
 * Easter, Danish public holidays and customary days off, and working-day ("hverdage")
 * deadlines. Pure: no clock, no I/O.
 *
 * A NULL rules pointer means cal_rules_default().
 */
#include "protokol/calendar.h"

#include <string.h>

struct cal_rules cal_rules_default(void)
{
        struct cal_rules r;
        r.grundlovsdag_off = true;
        r.juleaftensdag_off = true;
        r.nytaarsaftensdag_off = true;
        return r;
}

/* Howard Hinnant's days_from_civil. */
pk_day cal_from_ymd(int y, int m, int d)
{
        long yy = (long)y - (m <= 2 ? 1 : 0);
        long era = (yy >= 0 ? yy : yy - 399) / 400;
        long yoe = yy - era * 400;                        /* [0, 399] */
        long mp = (m + 9) % 12;                           /* March = 0 */
        long doy = (153 * mp + 2) / 5 + d - 1;            /* [0, 365] */
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
        return (pk_day)(era * 146097 + doe - 719468);
}

/* Howard Hinnant's civil_from_days. */
void cal_to_ymd(pk_day day, int *y, int *m, int *d)
{
        long z = (long)day + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;                                      /* [0, 146096] */
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
        long yy = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
        long mp = (5 * doy + 2) / 153;                      /* [0, 11] */
        long dd = doy - (153 * mp + 2) / 5 + 1;             /* [1, 31] */
        long mm = mp < 10 ? mp + 3 : mp - 9;                /* [1, 12] */
        if (y)
                *y = (int)(yy + (mm <= 2 ? 1 : 0));
        if (m)
                *m = (int)mm;
        if (d)
                *d = (int)dd;
}

int cal_weekday(pk_day day)
{
        /* 1970-01-01 (day 0) was a Thursday (4). */
        long w = ((long)day + 3) % 7;
        if (w < 0)
                w += 7;
        return (int)w + 1;
}

static bool is_leap(int y)
{
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
        static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (m == 2 && is_leap(y))
                return 29;
        return len[m - 1];
}

static bool parse_digits(const char *s, int count, int *out)
{
        int v = 0;
        for (int i = 0; i < count; i++) {
                if (s[i] < '0' || s[i] > '9')
                        return false;
                v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
}

bool cal_parse(const char *s, pk_day *out)
{
        int y, m, d;
        if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
                return false;
        if (!parse_digits(s, 4, &y) || !parse_digits(s + 5, 2, &m) || !parse_digits(s + 8, 2, &d))
                return false;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
                return false;
        if (out)
                *out = cal_from_ymd(y, m, d);
        return true;
}

static void put_digits(char *out, int value, int count)
{
        for (int i = count - 1; i >= 0; i--) {
                out[i] = (char)('0' + value % 10);
                value /= 10;
        }
}

void cal_format(pk_day day, char *buf)
{
        int y, m, d;
        cal_to_ymd(day, &y, &m, &d);
        /* Years outside 1..9999 are clamped so the output always fits 11 bytes. */
        if (y < 0)
                y = 0;
        if (y > 9999)
                y = 9999;
        put_digits(buf, y, 4);
        buf[4] = '-';
        put_digits(buf + 5, m, 2);
        buf[7] = '-';
        put_digits(buf + 8, d, 2);
        buf[10] = '\0';
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
pk_day cal_easter(int year)
{
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return cal_from_ymd(year, month, day);
}

/* The public holiday tied to Easter that day is, or NULL. */
static const char *movable_holiday(pk_day day, int y, int m)
{
        /* Skærtorsdag is at the earliest 19 March, 2. pinsedag at the latest 14 June. */
        if (m < 3 || m > 6)
                return NULL;
        switch (day - cal_easter(y)) {
        case -3:
                return "skærtorsdag";
        case -2:
                return "langfredag";
        case 0:
                return "påskedag";
        case 1:
                return "2. påskedag";
        case 26:
                /* Store bededag was abolished as a public holiday from 2024. */
                return y <= 2023 ? "store bededag" : NULL;
        case 39:
                return "kristi himmelfartsdag";
        case 49:
                return "pinsedag";
        case 50:
                return "2. pinsedag";
        default:
                return NULL;
        }
}

/*
 * Public holidays win over customary days off: pinsedag or 2. pinsedag can fall on
 * 5 June (2. pinsedag did in 2017), and that day stays a holiday when grundlovsdag is
 * counted as a working day.
 */
const char *cal_holiday(pk_day day, const struct cal_rules *r)
{
        struct cal_rules def = cal_rules_default();
        const char *name;
        int y, m, d;
        if (!r)
                r = &def;
        cal_to_ymd(day, &y, &m, &d);

        if (m == 1 && d == 1)
                return "nytårsdag";
        if (m == 12 && d == 25)
                return "juledag";
        if (m == 12 && d == 26)
                return "2. juledag";
        name = movable_holiday(day, y, m);
        if (name)
                return name;
        if (m == 6 && d == 5 && r->grundlovsdag_off)
                return "grundlovsdag";
        if (m == 12 && d == 24 && r->juleaftensdag_off)
                return "juleaftensdag";
        if (m == 12 && d == 31 && r->nytaarsaftensdag_off)
                return "nytårsaftensdag";
        return NULL;
}

bool cal_is_working_day(pk_day day, const struct cal_rules *r)
{
        return cal_weekday(day) <= 5 && cal_holiday(day, r) == NULL;
}

/* n <= 0 is outside the contract and returns the meeting day itself. */
pk_day cal_working_days_before(pk_day meeting, int n, const struct cal_rules *r)
{
        pk_day day = meeting;
        if (n <= 0)
                return meeting;
        while (n > 0) {
                day--;
                if (cal_is_working_day(day, r))
                        n--;
        }
        return day;
}

int cal_working_days_between(pk_day from, pk_day to, const struct cal_rules *r)
{
        int count = 0;
        for (pk_day day = from; day < to; day++) {
                if (cal_is_working_day(day, r))
                        count++;
        }
        return count;
}
