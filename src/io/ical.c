/*
 * ical.c - renders meetings and deadlines as an iCalendar (RFC 5545) stream.
 *
 * Pure: the caller supplies the time stamp (DTSTAMP) and every value. Content lines are
 * built unfolded in a scratch buffer and then written through ical_content_line, which
 * folds them at 75 octets (a fold is CRLF + one space, which counts towards the next line's
 * 75) and never cuts a UTF-8 sequence in two.
 */
#include "protokol/ical.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ical_escape_text(struct sb *out, const char *s)
{
        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
                switch (*p) {
                case '\\':
                        sb_add(out, "\\\\");
                        break;
                case ';':
                        sb_add(out, "\\;");
                        break;
                case ',':
                        sb_add(out, "\\,");
                        break;
                case '\n':
                        sb_add(out, "\\n");
                        break;
                case '\t':
                        sb_addn(out, "\t", 1);
                        break;
                default:
                        /* CR (of a CRLF) and other control characters are not allowed in TEXT */
                        if (*p < 0x20 || *p == 0x7f)
                                break;
                        sb_addn(out, (const char *)p, 1);
                }
        }
}

static bool is_continuation(unsigned char c)
{
        return (c & 0xC0) == 0x80;
}

void ical_content_line(struct sb *out, const char *line)
{
        size_t len = strlen(line), off = 0;
        bool first = true;
        do {
                /* a continuation line's leading space is one of its 75 octets */
                size_t room = first ? ICAL_LINE_MAX : ICAL_LINE_MAX - 1;
                size_t take = len - off;
                if (take > room) {
                        take = room;
                        /* back off to the start of the character that would be cut */
                        size_t k = take;
                        while (k > 0 && is_continuation((unsigned char)line[off + k]))
                                k--;
                        if (k > 0)
                                take = k;
                }
                if (!first)
                        sb_add(out, " ");
                sb_addn(out, line + off, take);
                sb_add(out, "\r\n");
                off += take;
                first = false;
        } while (off < len);
}

/* A property with a TEXT value: NAME[;params]:escaped value. */
static void text_prop(struct sb *out, struct sb *tmp, const char *name, const char *value)
{
        sb_clear(tmp);
        sb_add(tmp, name);
        sb_add(tmp, ":");
        ical_escape_text(tmp, value);
        ical_content_line(out, sb_str(tmp));
}

static void raw_prop(struct sb *out, struct sb *tmp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void raw_prop(struct sb *out, struct sb *tmp, const char *fmt, ...)
{
        va_list ap;
        sb_clear(tmp);
        va_start(ap, fmt);
        sb_vaddf(tmp, fmt, ap);
        va_end(ap);
        ical_content_line(out, sb_str(tmp));
}

/* YYYYMMDD of a day (years outside 1..9999 are clamped, as cal_format does). */
static void date_value(pk_day day, char buf[9])
{
        char iso[11];
        cal_format(day, iso);
        memcpy(buf, iso, 4);
        memcpy(buf + 4, iso + 5, 2);
        memcpy(buf + 6, iso + 8, 2);
        buf[8] = '\0';
}

/*
 * Europe/Copenhagen since 1996 (the EU rules): CEST from the last Sunday of March 02:00
 * local, CET from the last Sunday of October 03:00 local. The DTSTART of each observance
 * is its first onset under the rule (29 March 1981 and 27 October 1996).
 */
static void vtimezone(struct sb *out)
{
        static const char *const lines[] = {
            "BEGIN:VTIMEZONE",
            "TZID:" ICAL_TZID,
            "X-LIC-LOCATION:" ICAL_TZID,
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19810329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19961027T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
        };
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
                ical_content_line(out, lines[i]);
}

/* A duration before the start: -PnD, -PTnH or -PTnM (the largest unit that is exact). */
static void trigger(struct sb *out, struct sb *tmp, int minutes)
{
        if (minutes < 0)
                minutes = 0;
        if (minutes > 0 && minutes % 1440 == 0)
                raw_prop(out, tmp, "TRIGGER:-P%dD", minutes / 1440);
        else if (minutes > 0 && minutes % 60 == 0)
                raw_prop(out, tmp, "TRIGGER:-PT%dH", minutes / 60);
        else
                raw_prop(out, tmp, "TRIGGER:-PT%dM", minutes);
}

static void vevent(struct sb *out, struct sb *tmp, const struct ical_calendar *cal,
                   const struct ical_event *e)
{
        char d[9];
        ical_content_line(out, "BEGIN:VEVENT");
        text_prop(out, tmp, "UID", e->uid);
        raw_prop(out, tmp, "DTSTAMP:%s", cal->dtstamp);
        if (e->all_day) {
                date_value(e->day, d);
                raw_prop(out, tmp, "DTSTART;VALUE=DATE:%s", d);
                date_value(e->day + 1, d);
                raw_prop(out, tmp, "DTEND;VALUE=DATE:%s", d);
                ical_content_line(out, "TRANSP:TRANSPARENT");
                ical_content_line(out, "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
                ical_content_line(out, "X-MICROSOFT-CDO-BUSYSTATUS:FREE");
        } else {
                int minute = e->minute < 0 ? 0 : e->minute % 1440;
                int dur = e->duration_minutes > 0 ? e->duration_minutes : 60;
                date_value(e->day, d);
                raw_prop(out, tmp, "DTSTART;TZID=" ICAL_TZID ":%sT%02d%02d00", d, minute / 60,
                         minute % 60);
                int end = minute + dur;
                date_value(e->day + end / 1440, d);
                end %= 1440;
                raw_prop(out, tmp, "DTEND;TZID=" ICAL_TZID ":%sT%02d%02d00", d, end / 60, end % 60);
                ical_content_line(out, "TRANSP:OPAQUE");
        }
        text_prop(out, tmp, "SUMMARY", e->summary);
        if (e->description)
                text_prop(out, tmp, "DESCRIPTION", e->description);
        if (e->location)
                text_prop(out, tmp, "LOCATION", e->location);
        if (e->categories)
                text_prop(out, tmp, "CATEGORIES", e->categories);
        /* the alarms come after every property of the event (RFC 5545 §3.6.1: eventprop *alarmc) */
        for (int i = 0; i < e->nalarms; i++) {
                ical_content_line(out, "BEGIN:VALARM");
                ical_content_line(out, "ACTION:DISPLAY");
                trigger(out, tmp, e->alarms[i].minutes_before);
                text_prop(out, tmp, "DESCRIPTION",
                          e->alarms[i].description ? e->alarms[i].description : e->summary);
                ical_content_line(out, "END:VALARM");
        }
        ical_content_line(out, "END:VEVENT");
}

void ical_render(const struct ical_calendar *cal, struct sb *out)
{
        struct sb tmp = {0};
        ical_content_line(out, "BEGIN:VCALENDAR");
        ical_content_line(out, "VERSION:2.0");
        text_prop(out, &tmp, "PRODID", cal->prodid);
        ical_content_line(out, "CALSCALE:GREGORIAN");
        ical_content_line(out, "METHOD:PUBLISH");
        if (cal->name) {
                text_prop(out, &tmp, "X-WR-CALNAME", cal->name);
                ical_content_line(out, "X-WR-TIMEZONE:" ICAL_TZID);
        }
        vtimezone(out);
        for (int i = 0; i < cal->nevents; i++)
                vevent(out, &tmp, cal, &cal->events[i]);
        ical_content_line(out, "END:VCALENDAR");
        sb_free(&tmp);
}
