/*
 * ical.h - iCalendar (RFC 5545) rendering of meetings and deadlines (pure: no clock, no I/O).
 *
 * The output is one VCALENDAR with METHOD:PUBLISH, a VTIMEZONE for Europe/Copenhagen (CET/CEST
 * with the EU rules: last Sunday of March 02:00 and last Sunday of October 03:00) and one VEVENT
 * per event. Timed events are in local time with TZID=Europe/Copenhagen; all-day events use
 * VALUE=DATE and are transparent (they do not block time).
 *
 * Invariants of the text produced: every line ends in CRLF; no line is longer than 75 octets
 * (longer content lines are folded with CRLF + one space, never inside a UTF-8 sequence);
 * TEXT values have \ ; , and newlines escaped; every BEGIN has its END.
 */
#ifndef PROTOKOL_ICAL_H
#define PROTOKOL_ICAL_H

#include <stdbool.h>

#include "protokol/calendar.h"
#include "protokol/util.h"

#define ICAL_TZID "Europe/Copenhagen"
/* Longest line in octets, CRLF not counted (RFC 5545 §3.1). */
#define ICAL_LINE_MAX 75

/* A reminder: ACTION:DISPLAY, TRIGGER relative to the start of its event. */
struct ical_alarm {
        int minutes_before;      /* > 0: before the start; written as -PnD, -PTnH or -PTnM */
        const char *description; /* the reminder's text (required by RFC 5545 for DISPLAY) */
};

struct ical_event {
        const char *uid;         /* globally unique and stable across exports */
        const char *summary;     /* UTF-8 text */
        const char *description; /* UTF-8 text with \n line breaks, or NULL */
        const char *location;    /* or NULL */
        const char *categories;  /* one category (escaped as TEXT), or NULL */
        bool all_day;            /* a whole day: DTSTART;VALUE=DATE, DTEND the next day */
        pk_day day;              /* the (first) day */
        int minute;              /* timed: start, minutes after local midnight (0..1439) */
        int duration_minutes;    /* timed: length (> 0); DTEND = start + this, in local time */
        const struct ical_alarm *alarms;
        int nalarms;
};

struct ical_calendar {
        const char *prodid;  /* e.g. "-//protokol//protokol 0.1.0//EN" */
        const char *name;    /* X-WR-CALNAME, or NULL */
        const char *dtstamp; /* when the file was made, UTC: "YYYYMMDDTHHMMSSZ" */
        const struct ical_event *events;
        int nevents;
};

/* Appends the whole calendar to out. */
void ical_render(const struct ical_calendar *cal, struct sb *out);

/* Appends s escaped as an RFC 5545 TEXT value (\\ \; \, \n; other control characters and a
 * CR are dropped). */
void ical_escape_text(struct sb *out, const char *s);

/* Appends one unfolded content line (no CR or LF inside), folded at ICAL_LINE_MAX octets
 * without splitting a UTF-8 sequence, each physical line ended by CRLF. */
void ical_content_line(struct sb *out, const char *line);

#endif
