/*
 * test_ical.c - unit tests of the iCalendar renderer (src/io/ical.c). A calendar is rendered
 * and then PARSED BACK by a small independent reader in this file (unfold, split into
 * components and properties, unescape TEXT), so the tests check what a calendar program would
 * read: CRLF line ends, no physical line over 75 octets, folds that never split a UTF-8
 * character, BEGIN/END balance, the required properties (VERSION, PRODID, UID, DTSTAMP,
 * DTSTART), a VTIMEZONE for every TZID used, and that every TEXT value comes back exactly
 * as it went in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/ical.h"

/* ---------- a small iCalendar reader ---------- */

struct prop {
        char *name;   /* upper case as written */
        char *params; /* ";A=B;C=D" or "" */
        char *value;  /* raw (still escaped) */
};

struct comp {
        char name[32];
        struct prop *props;
        int nprops;
        struct comp **kids;
        int nkids;
        struct comp *parent;
};

static void comp_free(struct comp *c)
{
        if (!c)
                return;
        for (int i = 0; i < c->nprops; i++) {
                free(c->props[i].name);
                free(c->props[i].params);
                free(c->props[i].value);
        }
        free(c->props);
        for (int i = 0; i < c->nkids; i++)
                comp_free(c->kids[i]);
        free(c->kids);
        free(c);
}

static bool utf8_valid(const char *s, size_t n)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;
        while (i < n) {
                int len = p[i] < 0x80         ? 1
                          : (p[i] >> 5) == 6  ? 2
                          : (p[i] >> 4) == 14 ? 3
                          : (p[i] >> 3) == 30 ? 4
                                              : 0;
                if (!len || i + (size_t)len > n)
                        return false;
                for (int k = 1; k < len; k++)
                        if ((p[i + k] & 0xC0) != 0x80)
                                return false;
                i += (size_t)len;
        }
        return true;
}

/*
 * Splits text into physical lines, checking the framing rules on the way (every line ends in
 * CRLF, at most 75 octets, valid UTF-8 on its own, no empty line), and unfolds them into
 * logical lines. Returns the number of logical lines; *out is a NULL-terminated array.
 */
static int unfold(const char *text, char ***out)
{
        size_t n = strlen(text);
        assert_true(n >= 2);
        assert_memory_equal(text + n - 2, "\r\n", 2);
        char **lines = NULL;
        int nl = 0;
        size_t off = 0;
        while (off < n) {
                const char *crlf = strstr(text + off, "\r\n");
                assert_non_null(crlf);
                size_t len = (size_t)(crlf - (text + off));
                /* no bare CR or LF inside a physical line */
                assert_null(memchr(text + off, '\n', len));
                assert_null(memchr(text + off, '\r', len));
                if (len > ICAL_LINE_MAX)
                        fail_msg("a line of %zu octets: %.*s", len, (int)len, text + off);
                assert_true(len > 0);
                if (!utf8_valid(text + off, len))
                        fail_msg("a fold split a UTF-8 character: %.*s", (int)len, text + off);
                if (text[off] == ' ' || text[off] == '\t') {
                        assert_true(nl > 0); /* a continuation needs a line to continue */
                        size_t old = strlen(lines[nl - 1]);
                        lines[nl - 1] = realloc(lines[nl - 1], old + len);
                        memcpy(lines[nl - 1] + old, text + off + 1, len - 1);
                        lines[nl - 1][old + len - 1] = '\0';
                } else {
                        lines = realloc(lines, (size_t)(nl + 2) * sizeof *lines);
                        lines[nl] = malloc(len + 1);
                        memcpy(lines[nl], text + off, len);
                        lines[nl][len] = '\0';
                        nl++;
                        lines[nl] = NULL;
                }
                off += len + 2;
        }
        *out = lines;
        return nl;
}

static void lines_free(char **lines)
{
        for (int i = 0; lines && lines[i]; i++)
                free(lines[i]);
        free(lines);
}

/* Splits "NAME;P=V:value" at the first ':' outside a quoted parameter value. */
static struct prop parse_prop(const char *line)
{
        struct prop p;
        size_t i = 0;
        while ((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= '0' && line[i] <= '9') ||
               line[i] == '-')
                i++;
        if (i == 0 || (line[i] != ':' && line[i] != ';'))
                fail_msg("not a content line: %s", line);
        p.name = strndup(line, i);
        size_t start = i;
        bool quoted = false;
        while (line[i] && (quoted || line[i] != ':')) {
                if (line[i] == '"')
                        quoted = !quoted;
                i++;
        }
        if (line[i] != ':')
                fail_msg("no ':' in %s", line);
        p.params = strndup(line + start, i - start);
        p.value = strdup(line + i + 1);
        return p;
}

/* Parses the unfolded lines into one VCALENDAR tree, checking BEGIN/END balance. */
static struct comp *parse(const char *text)
{
        char **lines;
        int n = unfold(text, &lines);
        struct comp *root = NULL, *cur = NULL;
        for (int i = 0; i < n; i++) {
                struct prop p = parse_prop(lines[i]);
                if (!strcmp(p.name, "BEGIN")) {
                        struct comp *c = calloc(1, sizeof *c);
                        snprintf(c->name, sizeof c->name, "%s", p.value);
                        c->parent = cur;
                        if (cur) {
                                cur->kids = realloc(cur->kids,
                                                    (size_t)(cur->nkids + 1) * sizeof *cur->kids);
                                cur->kids[cur->nkids++] = c;
                        } else {
                                assert_null(root); /* exactly one top-level component */
                                root = c;
                        }
                        cur = c;
                        free(p.name);
                        free(p.params);
                        free(p.value);
                } else if (!strcmp(p.name, "END")) {
                        assert_non_null(cur);
                        if (strcmp(cur->name, p.value))
                                fail_msg("END:%s closes BEGIN:%s", p.value, cur->name);
                        cur = cur->parent;
                        free(p.name);
                        free(p.params);
                        free(p.value);
                } else {
                        assert_non_null(cur); /* no property outside a component */
                        cur->props =
                            realloc(cur->props, (size_t)(cur->nprops + 1) * sizeof *cur->props);
                        cur->props[cur->nprops++] = p;
                }
        }
        assert_null(cur); /* every BEGIN has its END */
        assert_non_null(root);
        assert_string_equal(root->name, "VCALENDAR");
        lines_free(lines);
        return root;
}

static int count_props(const struct comp *c, const char *name)
{
        int k = 0;
        for (int i = 0; i < c->nprops; i++)
                k += !strcmp(c->props[i].name, name);
        return k;
}

static const struct prop *get(const struct comp *c, const char *name)
{
        for (int i = 0; i < c->nprops; i++)
                if (!strcmp(c->props[i].name, name))
                        return &c->props[i];
        return NULL;
}

/* The property's raw value; fails the test if it is not there exactly once. */
static const char *one(const struct comp *c, const char *name)
{
        if (count_props(c, name) != 1)
                fail_msg("%s has %d %s properties, expected 1", c->name, count_props(c, name),
                         name);
        return get(c, name)->value;
}

/* RFC 5545 §3.3.11 TEXT unescaping; fails on an unescaped , or ; or a bad escape. */
static char *unescape(const char *v)
{
        char *out = malloc(strlen(v) + 1), *o = out;
        for (const char *p = v; *p; p++) {
                if (*p == ',' || *p == ';')
                        fail_msg("unescaped '%c' in TEXT: %s", *p, v);
                if (*p != '\\') {
                        *o++ = *p;
                        continue;
                }
                p++;
                if (*p == 'n' || *p == 'N')
                        *o++ = '\n';
                else if (*p == '\\' || *p == ',' || *p == ';')
                        *o++ = *p;
                else
                        fail_msg("bad escape \\%c in TEXT: %s", *p ? *p : '0', v);
        }
        *o = '\0';
        return out;
}

static void assert_text(const struct comp *c, const char *name, const char *want)
{
        char *got = unescape(one(c, name));
        assert_string_equal(got, want);
        free(got);
}

static const struct comp *kid(const struct comp *c, const char *name, int nth)
{
        for (int i = 0; i < c->nkids; i++)
                if (!strcmp(c->kids[i]->name, name) && nth-- == 0)
                        return c->kids[i];
        return NULL;
}

static int count_kids(const struct comp *c, const char *name)
{
        int k = 0;
        for (int i = 0; i < c->nkids; i++)
                k += !strcmp(c->kids[i]->name, name);
        return k;
}

/* ---------- the calendar under test ---------- */

/* Texts that exercise escaping and folding: Danish letters, a 4-byte emoji, every
 * character TEXT escapes, CRLF and LF line breaks, and lines far longer than 75 octets. */
static const char *const summary1 = "Lolland Kommune: møde 3 (æøå ÆØÅ), dagsorden; punkt 1,2";
static const char *const desc1 =
    "Deadlines:\nmember-proposals: 2027-01-13 (§ 3, stk. 1)\nagenda-dispatch: "
    "2027-01-15 (§ 3, stk. 2)\nsti: C:\\møder\\2027; \"citat\", komma, semikolon; "
    "backslash \\ slut\nlang linje: ØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØØ"
    "ØØØØØØØØØØØØØØØØØØØØ og 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 ende";
static const char *const loc1 = "Rådhuset, Jernbanevej 7; 4930 Maribo";

static const struct ical_alarm alarm_day = {1440, NULL};
static const struct ical_alarm alarm_15h = {900, "Husk: dagsorden, sendes i morgen"};
static const struct ical_alarm alarm_30m = {30, NULL};

static const struct ical_event events[] = {
    {.uid = "0123456789abcdef-m3@protokol",
     /* summary1, desc1 and loc1 are set in setup */
     .categories = "meeting",
     .day = 0, /* 2027-01-21, set in setup */
     .minute = 16 * 60,
     .duration_minutes = 180,
     .alarms = &alarm_day,
     .nalarms = 1},
    {.uid = "0123456789abcdef-m3-agenda-dispatch@protokol",
     .summary = "Lolland Kommune, meeting 3: last day to send the agenda",
     .description = "agenda-dispatch: 2027-01-15\r\nThe mayor sends the agenda.",
     .categories = "deadline",
     .all_day = true,
     .alarms = &alarm_15h,
     .nalarms = 1},
    {.uid = "0123456789abcdef-m4@protokol",
     .summary = "KKR Sjælland: meeting 4",
     .day = 0,
     .minute = 22 * 60 + 30,
     .duration_minutes = 180,
     .alarms = &alarm_30m,
     .nalarms = 1},
    {.uid = "0123456789abcdef-m4-member-proposals@protokol",
     .summary = "nytårsaftensdag",
     .all_day = true},
};
#define NEVENTS ((int)(sizeof events / sizeof events[0]))

struct fixture {
        struct ical_event ev[NEVENTS];
        struct sb text;
        struct comp *cal;
};

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof *f);
        memcpy(f->ev, events, sizeof events);
        f->ev[0].summary = summary1;
        f->ev[0].description = desc1;
        f->ev[0].location = loc1;
        f->ev[0].day = cal_from_ymd(2027, 1, 21);
        f->ev[1].day = cal_from_ymd(2027, 1, 15);
        f->ev[2].day = cal_from_ymd(2026, 3, 28);  /* 22:30 + 3 h: ends after midnight */
        f->ev[3].day = cal_from_ymd(2026, 12, 31); /* all day: ends 1 January 2027 */
        struct ical_calendar cal = {.prodid = "-//protokol//protokol 0.1.0//EN",
                                    .name = "Møder 2027, alle organer; test",
                                    .dtstamp = "20270105T100000Z",
                                    .events = f->ev,
                                    .nevents = NEVENTS};
        ical_render(&cal, &f->text);
        f->cal = parse(sb_str(&f->text));
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        comp_free(f->cal);
        sb_free(&f->text);
        free(f);
        return 0;
}

/* ---------- the calendar as a whole ---------- */

static void test_ical__calendar__required_properties(void **state)
{
        struct fixture *f = *state;
        assert_string_equal(one(f->cal, "VERSION"), "2.0");
        assert_string_equal(one(f->cal, "PRODID"), "-//protokol//protokol 0.1.0//EN");
        assert_string_equal(one(f->cal, "CALSCALE"), "GREGORIAN");
        assert_string_equal(one(f->cal, "METHOD"), "PUBLISH");
        assert_text(f->cal, "X-WR-CALNAME", "Møder 2027, alle organer; test");
        assert_int_equal(count_kids(f->cal, "VEVENT"), NEVENTS);
        assert_int_equal(count_kids(f->cal, "VTIMEZONE"), 1);
        /* the text starts with the calendar */
        assert_memory_equal(sb_str(&f->text), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30);
}

static void test_ical__every_line__short_and_crlf(void **state)
{
        struct fixture *f = *state;
        /* unfold() checked every line while parsing; make sure folding really happened */
        const char *t = sb_str(&f->text);
        assert_non_null(strstr(t, "\r\n "));
        size_t longest = 0, len = 0;
        for (const char *p = t; *p; p++) {
                if (*p == '\r') {
                        assert_int_equal(p[1], '\n');
                        longest = len > longest ? len : longest;
                        len = 0;
                        p++;
                } else {
                        len++;
                }
        }
        assert_true(longest <= ICAL_LINE_MAX);
        assert_true(longest >= ICAL_LINE_MAX - 3); /* long lines fill the room they have */
}

static void test_ical__vtimezone__copenhagen_with_eu_rules(void **state)
{
        struct fixture *f = *state;
        const struct comp *tz = kid(f->cal, "VTIMEZONE", 0);
        assert_non_null(tz);
        assert_string_equal(one(tz, "TZID"), "Europe/Copenhagen");
        const struct comp *dl = kid(tz, "DAYLIGHT", 0), *st = kid(tz, "STANDARD", 0);
        assert_non_null(dl);
        assert_non_null(st);
        assert_string_equal(one(dl, "TZOFFSETFROM"), "+0100");
        assert_string_equal(one(dl, "TZOFFSETTO"), "+0200");
        assert_string_equal(one(dl, "RRULE"), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
        assert_string_equal(one(st, "TZOFFSETFROM"), "+0200");
        assert_string_equal(one(st, "TZOFFSETTO"), "+0100");
        assert_string_equal(one(st, "RRULE"), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        /* each observance starts on an instance of its own rule: the last Sunday of the
         * month, at 02:00 (March) and 03:00 (October) local time */
        const struct comp *obs[2] = {dl, st};
        const char *hour[2] = {"020000", "030000"};
        for (int i = 0; i < 2; i++) {
                const char *v = one(obs[i], "DTSTART");
                int y, m, d;
                assert_int_equal(strlen(v), 15);
                assert_int_equal(sscanf(v, "%4d%2d%2d", &y, &m, &d), 3);
                assert_string_equal(v + 9, hour[i]);
                pk_day day = cal_from_ymd(y, m, d);
                assert_int_equal(cal_weekday(day), 7);
                int m2;
                cal_to_ymd(day + 7, NULL, &m2, NULL);
                assert_int_not_equal(m2, m);
        }
}

/* ---------- events ---------- */

static void test_ical__every_event__required_properties_and_unique_uid(void **state)
{
        struct fixture *f = *state;
        for (int i = 0; i < NEVENTS; i++) {
                const struct comp *e = kid(f->cal, "VEVENT", i);
                assert_text(e, "UID", events[i].uid);
                assert_string_equal(one(e, "DTSTAMP"), "20270105T100000Z");
                one(e, "DTSTART");
                one(e, "DTEND");
                assert_int_equal(count_props(e, "DURATION"), 0); /* not with DTEND */
                for (int k = 0; k < i; k++)
                        assert_string_not_equal(one(e, "UID"),
                                                one(kid(f->cal, "VEVENT", k), "UID"));
        }
}

static void test_ical__timed_event__local_time_with_tzid(void **state)
{
        struct fixture *f = *state;
        const struct comp *e = kid(f->cal, "VEVENT", 0);
        const struct prop *p = get(e, "DTSTART");
        assert_string_equal(p->params, ";TZID=Europe/Copenhagen");
        assert_string_equal(p->value, "20270121T160000");
        p = get(e, "DTEND");
        assert_string_equal(p->params, ";TZID=Europe/Copenhagen");
        assert_string_equal(p->value, "20270121T190000");
        assert_string_equal(one(e, "TRANSP"), "OPAQUE");
        /* past midnight: the end is on the next day (28 March 2026 is the eve of CEST) */
        e = kid(f->cal, "VEVENT", 2);
        assert_string_equal(one(e, "DTSTART"), "20260328T223000");
        assert_string_equal(one(e, "DTEND"), "20260329T013000");
        /* every TZID used has its VTIMEZONE */
        for (int i = 0; i < NEVENTS; i++) {
                e = kid(f->cal, "VEVENT", i);
                for (int k = 0; k < e->nprops; k++) {
                        const char *tz = strstr(e->props[k].params, "TZID=");
                        if (tz)
                                assert_string_equal(tz + 5,
                                                    one(kid(f->cal, "VTIMEZONE", 0), "TZID"));
                }
        }
}

static void test_ical__all_day_event__date_values_and_transparent(void **state)
{
        struct fixture *f = *state;
        const struct comp *e = kid(f->cal, "VEVENT", 1);
        const struct prop *p = get(e, "DTSTART");
        assert_string_equal(p->params, ";VALUE=DATE");
        assert_string_equal(p->value, "20270115");
        p = get(e, "DTEND");
        assert_string_equal(p->params, ";VALUE=DATE");
        assert_string_equal(p->value, "20270116");
        assert_string_equal(one(e, "TRANSP"), "TRANSPARENT");
        /* across the year's end */
        e = kid(f->cal, "VEVENT", 3);
        assert_string_equal(one(e, "DTSTART"), "20261231");
        assert_string_equal(one(e, "DTEND"), "20270101");
        assert_int_equal(count_kids(e, "VALARM"), 0);
}

static void test_ical__text__escaping_round_trip(void **state)
{
        struct fixture *f = *state;
        const struct comp *e = kid(f->cal, "VEVENT", 0);
        assert_text(e, "SUMMARY", summary1);
        assert_text(e, "DESCRIPTION", desc1);
        assert_text(e, "LOCATION", loc1);
        assert_text(e, "CATEGORIES", "meeting");
        /* a CRLF in the input comes back as one line break */
        assert_text(kid(f->cal, "VEVENT", 1), "DESCRIPTION",
                    "agenda-dispatch: 2027-01-15\nThe mayor sends the agenda.");
        /* the escapes are there in the raw value */
        assert_non_null(strstr(one(e, "DESCRIPTION"), "C:\\\\møder\\\\2027\\; \"citat\"\\, "));
        assert_non_null(strstr(one(e, "DESCRIPTION"), "\\nagenda-dispatch"));
}

static void test_ical__alarms__display_with_relative_trigger(void **state)
{
        struct fixture *f = *state;
        static const char *const triggers[] = {"-P1D", "-PT15H", "-PT30M"};
        for (int i = 0; i < 3; i++) {
                const struct comp *e = kid(f->cal, "VEVENT", i);
                assert_int_equal(count_kids(e, "VALARM"), 1);
                const struct comp *a = kid(e, "VALARM", 0);
                assert_string_equal(one(a, "ACTION"), "DISPLAY");
                assert_string_equal(one(a, "TRIGGER"), triggers[i]);
                one(a, "DESCRIPTION");
        }
        /* without its own text an alarm shows the summary */
        assert_text(kid(kid(f->cal, "VEVENT", 0), "VALARM", 0), "DESCRIPTION", summary1);
        assert_text(kid(kid(f->cal, "VEVENT", 1), "VALARM", 0), "DESCRIPTION",
                    "Husk: dagsorden, sendes i morgen");
}

/* The event's properties all come before its alarms (RFC 5545 §3.6.1; the new Outlook
 * drops properties written after a VALARM). */
static void test_ical__alarms__after_every_property(void **state)
{
        struct fixture *f = *state;
        const char *t = sb_str(&f->text);
        const char *ev = strstr(t, "BEGIN:VEVENT");
        const char *alarm = strstr(ev, "BEGIN:VALARM");
        const char *end = strstr(ev, "END:VEVENT");
        const char *after = strstr(alarm, "END:VALARM\r\n") + strlen("END:VALARM\r\n");
        assert_true(alarm < end);
        assert_ptr_equal(after, end);
}

/* ---------- the building blocks ---------- */

static void test_ical__escape_text__each_special_character(void **state)
{
        (void)state;
        struct sb b = {0};
        ical_escape_text(&b, "a,b;c\\d\ne\r\nf\tg\x01h");
        assert_string_equal(sb_str(&b), "a\\,b\\;c\\\\d\\ne\\nf\tgh");
        sb_free(&b);
}

static void test_ical__content_line__exactly_75_is_not_folded(void **state)
{
        (void)state;
        char line[100];
        memset(line, 'x', 75);
        line[75] = '\0';
        struct sb b = {0};
        ical_content_line(&b, line);
        assert_int_equal(b.len, 77);
        assert_memory_equal(b.s + 75, "\r\n", 2);
        sb_clear(&b);
        line[75] = 'y';
        line[76] = '\0';
        ical_content_line(&b, line);
        assert_int_equal(b.len, 75 + 2 + 1 + 1 + 2);
        assert_memory_equal(b.s + 75, "\r\n y\r\n", 6);
        sb_free(&b);
}

/* A two-byte character across the 75th octet moves whole to the next line. */
static void test_ical__content_line__never_splits_a_character(void **state)
{
        (void)state;
        for (int lead = 60; lead <= 80; lead++) {
                for (int width = 2; width <= 4; width++) {
                        static const char *const chars[5] = {"", "", "æ", "€", "😀"};
                        struct sb in = {0}, out = {0};
                        for (int i = 0; i < lead; i++)
                                sb_add(&in, "x");
                        for (int i = 0; i < 60; i++)
                                sb_add(&in, chars[width]);
                        ical_content_line(&out, sb_str(&in));
                        char **lines;
                        int n = unfold(sb_str(&out), &lines);
                        assert_int_equal(n, 1);
                        assert_string_equal(lines[0], sb_str(&in));
                        lines_free(lines);
                        sb_free(&in);
                        sb_free(&out);
                }
        }
}

static void test_ical__content_line__short_and_empty(void **state)
{
        (void)state;
        struct sb b = {0};
        ical_content_line(&b, "END:VEVENT");
        assert_string_equal(sb_str(&b), "END:VEVENT\r\n");
        sb_clear(&b);
        ical_content_line(&b, "");
        assert_string_equal(sb_str(&b), "\r\n");
        sb_free(&b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_ical__calendar__required_properties, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_ical__every_line__short_and_crlf, setup, teardown),
            cmocka_unit_test_setup_teardown(test_ical__vtimezone__copenhagen_with_eu_rules, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(
                test_ical__every_event__required_properties_and_unique_uid, setup, teardown),
            cmocka_unit_test_setup_teardown(test_ical__timed_event__local_time_with_tzid, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_ical__all_day_event__date_values_and_transparent,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_ical__text__escaping_round_trip, setup, teardown),
            cmocka_unit_test_setup_teardown(test_ical__alarms__display_with_relative_trigger, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_ical__alarms__after_every_property, setup,
                                            teardown),
            cmocka_unit_test(test_ical__escape_text__each_special_character),
            cmocka_unit_test(test_ical__content_line__exactly_75_is_not_folded),
            cmocka_unit_test(test_ical__content_line__never_splits_a_character),
            cmocka_unit_test(test_ical__content_line__short_and_empty),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
