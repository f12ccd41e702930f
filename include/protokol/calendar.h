/*
 * calendar.h - Danish calendar arithmetic for deadlines (pure: no clock).
 *
 * A day is an integer count of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so date differences are plain subtraction.
 */
#ifndef PROTOKOL_CALENDAR_H
#define PROTOKOL_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t pk_day;

/* Which of the customary days off count as non-working days (all true by default). */
struct cal_rules {
        bool grundlovsdag_off;     /* 5 June */
        bool juleaftensdag_off;    /* 24 December */
        bool nytaarsaftensdag_off; /* 31 December */
};

/* The default: grundlovsdag, juleaftensdag and nytårsaftensdag are days off. */
struct cal_rules cal_rules_default(void);

/* Converts; y in 1..9999, m 1..12, d valid for the month (not checked here). */
pk_day cal_from_ymd(int y, int m, int d);
void cal_to_ymd(pk_day day, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday. */
int cal_weekday(pk_day day);
/* Strict YYYY-MM-DD with a real date (2027-02-30 is refused). Returns false on error. */
bool cal_parse(const char *s, pk_day *out);
/* Writes YYYY-MM-DD and a NUL into buf (at least 11 bytes). */
void cal_format(pk_day day, char *buf);
/* Easter Sunday of a Gregorian year. */
pk_day cal_easter(int year);
/* The English-free Danish name of the holiday or customary day off that day is under the
 * rules, or NULL if it is none. Weekends are not holidays here. */
const char *cal_holiday(pk_day day, const struct cal_rules *r);
/* Monday to Friday and not a holiday under r. */
bool cal_is_working_day(pk_day day, const struct cal_rules *r);
/* The latest allowed day for "n working days before the meeting": the n-th working day
 * counted backwards from the day before the meeting. n >= 1. */
pk_day cal_working_days_before(pk_day meeting, int n, const struct cal_rules *r);
/* Number of working days in the half-open range [from, to). 0 if to <= from. */
int cal_working_days_between(pk_day from, pk_day to, const struct cal_rules *r);

#endif
