/*
 * calendar_export.c - `protokol export calendar`: the meetings of one year (of every body, or
 * of one) with their deadlines, as an iCalendar file for Outlook, Apple Calendar, Google and
 * Thunderbird.
 *
 *   protokol [--db FILE] export calendar --year YYYY [--body "NAME"] [-o FILE]
 *
 * Each meeting is a timed VEVENT (Europe/Copenhagen, three hours, the deadlines listed in its
 * description, a reminder the day before). Each deadline is an all-day VEVENT of its own on
 * its last day, with one reminder at 09:00 the day before. Deadlines are separate events
 * rather than several VALARMs on the meeting because Outlook keeps only one VALARM per event
 * ([MS-OXCICAL] 2.1.3.1.1.20.62: 0 or 1 instances) and Google Calendar drops VALARMs on
 * import: an all-day event shows in every client, and one relative DISPLAY alarm (a negative
 * TRIGGER, which Outlook turns into its reminder delta) is what they all keep.
 *
 * UIDs are stable per database and meeting: the first 16 hex digits of the hash of the
 * record's first event (which never changes in an append-only record) with the meeting's
 * number, so a re-imported file updates the events instead of duplicating them.
 *
 * The database is opened read-only. Exit status: 0; 1 an unknown body; 2 usage; 3 the
 * database cannot be read or the file cannot be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "protokol/app.h"
#include "protokol/cli.h"
#include "protokol/fileio.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"
#include "protokol/ical.h"
#include "protokol/store.h"

/* A meeting lasts this long in the calendar (the record has no planned end). */
#define MEETING_MINUTES 180
/* The meeting's reminder: the day before. */
#define MEETING_ALARM_MINUTES 1440
/* A deadline's reminder: 15 hours before its all-day start, i.e. 09:00 the day before. */
#define DEADLINE_ALARM_MINUTES (15 * 60)

static int usage(const char *why)
{
        if (why)
                fprintf(stderr, "protokol: export calendar: %s\n", why);
        fprintf(stderr, "%s",
                _("usage: protokol [--db FILE] export calendar --year YYYY [--body \"NAME\"] "
                  "[-o FILE]\n"));
        return PK_EXIT_USAGE;
}

static int report(const struct pk_err *e, int fallback)
{
        char buf[1200];
        pk_err_format(e, buf, sizeof buf);
        fprintf(stderr, "protokol: %s\n", buf);
        return e->exit_code ? e->exit_code : fallback;
}

/*
 * DTSTAMP: now in UTC, or PROTOKOL_NOW (local time "YYYY-MM-DDTHH:MM:SS", as for recorded
 * actions) for reproducible output.
 */
static void dtstamp(char buf[17])
{
        time_t t = time(NULL);
        const char *fixed = getenv("PROTOKOL_NOW");
        struct tm tm = {0};
        if (fixed && strlen(fixed) == 19 &&
            sscanf(fixed, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
                tm.tm_year -= 1900;
                tm.tm_mon -= 1;
                tm.tm_isdst = -1;
                t = mktime(&tm);
        }
        struct tm u;
        gmtime_r(&t, &u);
        strftime(buf, 17, "%Y%m%dT%H%M%SZ", &u);
}

/* The record's identity for UIDs: 16 hex digits of its first event's hash. */
static int record_id(struct app *a, char out[17], struct pk_err *err)
{
        (void)err;
        char hex[65];
        strcpy(out, "0000000000000000");
        if (store_event_hash(app_store(a), 1, hex) == 0)
                memcpy(out, hex, 16);
        out[16] = '\0';
        return 0;
}

static const char *kind_name(enum meeting_kind k)
{
        switch (k) {
        case MK_EXTRAORDINARY:
                return _("extraordinary");
        case MK_CONSTITUENT:
                return _("constituent");
        case MK_WRITTEN:
                return _("written hearing");
        case MK_ORDINARY:
        default:
                return _("ordinary");
        }
}

/* What the secretary must have done by a deadline, for the summary of its event. */
static const char *deadline_what(enum deadline_key k)
{
        switch (k) {
        case DK_MEMBER_PROPOSALS:
                return _("last day for members' proposals");
        case DK_AGENDA_DISPATCH:
                return _("last day to send the agenda");
        case DK_MATERIAL:
                return _("last day to make the material available");
        case DK_ELECTORAL_ALLIANCES:
                return _("last day to report electoral alliances");
        case DK__COUNT:
        default:
                return "?";
        }
}

static void add_cite(struct sb *b, const struct rule *r)
{
        if (r->cite[0] && strcmp(r->cite, "-"))
                sb_addf(b, " (%s)", r->cite);
}

/* The strings every event of one calendar points into; freed together. */
struct strings {
        char **v;
        int n, cap;
};

static const char *keep(struct strings *s, struct sb *b)
{
        if (s->n == s->cap) {
                s->cap = s->cap ? 2 * s->cap : 32;
                s->v = pk_xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
        }
        s->v[s->n++] = pk_xstrdup(sb_str(b));
        sb_clear(b);
        return s->v[s->n - 1];
}

static void strings_free(struct strings *s)
{
        for (int i = 0; i < s->n; i++)
                free(s->v[i]);
        free(s->v);
}

/* The reminders; without a description an alarm shows its event's summary. */
static const struct ical_alarm meeting_alarm = {MEETING_ALARM_MINUTES, NULL};
static const struct ical_alarm deadline_alarm = {DEADLINE_ALARM_MINUTES, NULL};

/* Events for meeting index i: the meeting, then one all-day event per deadline. */
static void meeting_events(const struct pk_state *s, int i, const char *rid, struct strings *str,
                           struct ical_event **ev, int *nev, int *cap)
{
        const struct meeting *m = &s->meetings[i];
        const struct body *body = &s->bodies[m->body];
        const struct profile *p = &body->profile;
        struct deadline d[DK__COUNT];
        int nd = deadlines_for_meeting(p, m->date, m->kind, d);
        struct sb b = {0};
        char day[11], dl[11];
        cal_format(m->date, day);

        if (*nev + nd + 1 > *cap) {
                *cap = 2 * (*cap + nd + 1);
                *ev = pk_xrealloc(*ev, (size_t)*cap * sizeof **ev);
        }
        struct ical_event *e = &(*ev)[(*nev)++];
        memset(e, 0, sizeof *e);
        sb_addf(&b, "%s-m%d@protokol", rid, i + 1);
        e->uid = keep(str, &b);
        sb_addf(&b, _("%s: meeting %d"), body->name, i + 1);
        e->summary = keep(str, &b);
        sb_addf(&b, _("Meeting %d of %s (%s), %s %02d:%02d, under the rules of %s."), i + 1,
                body->name, kind_name(m->kind), day, m->minute / 60, m->minute % 60, p->name);
        if (m->dispatched)
                sb_addf(&b, _("\nThe agenda was sent %s%s."), m->dispatched,
                        m->dispatch_late ? _(", after the deadline") : "");
        if (nd > 0)
                sb_add(&b, _("\nDeadlines:"));
        for (int k = 0; k < nd; k++) {
                cal_format(d[k].day, dl);
                sb_addf(&b, "\n%s: %s", deadline_key_name(d[k].key), dl);
                add_cite(&b, &p->rules[d[k].rule]);
        }
        e->description = keep(str, &b);
        if (m->place && m->place[0]) {
                sb_add(&b, m->place);
                if (m->virtual_)
                        sb_addf(&b, " (%s)", _("virtual"));
                e->location = keep(str, &b);
        } else if (m->virtual_) {
                sb_add(&b, _("virtual meeting"));
                e->location = keep(str, &b);
        }
        e->categories = _("meeting");
        e->day = m->date;
        e->minute = m->minute;
        e->duration_minutes = MEETING_MINUTES;
        e->alarms = &meeting_alarm;
        e->nalarms = 1;

        for (int k = 0; k < nd; k++) {
                const struct rule *r = &p->rules[d[k].rule];
                e = &(*ev)[(*nev)++];
                memset(e, 0, sizeof *e);
                cal_format(d[k].day, dl);
                sb_addf(&b, "%s-m%d-%s@protokol", rid, i + 1, deadline_key_name(d[k].key));
                e->uid = keep(str, &b);
                sb_addf(&b, _("%s, meeting %d: %s"), body->name, i + 1, deadline_what(d[k].key));
                e->summary = keep(str, &b);
                sb_addf(&b, _("%s: %s for meeting %d of %s on %s %02d:%02d."),
                        deadline_key_name(d[k].key), dl, i + 1, body->name, day, m->minute / 60,
                        m->minute % 60);
                sb_addf(&b, "\n%s", r->text);
                add_cite(&b, r);
                e->description = keep(str, &b);
                sb_add(&b, _("deadline"));
                e->categories = keep(str, &b);
                e->all_day = true;
                e->day = d[k].day;
                e->alarms = &deadline_alarm;
                e->nalarms = 1;
        }
        sb_free(&b);
}

/* Writes the calendar to path (or stdout); 0 or PK_EXIT_IO with the message on stderr. */
static int write_out(const char *path, const char *db, const char *text, size_t len)
{
        struct pk_err err = {0};
        (void)db;
        if (pk_write_file(path, text, len, 0644, &err) == 0)
                return 0;
        char buf[1200];
        pk_err_format(&err, buf, sizeof buf);
        fprintf(stderr, "protokol: %s\n", buf);
        return err.exit_code ? err.exit_code : PK_EXIT_IO;
}

int cli_export_calendar(const char *db, int argc, char **argv)
{
        const char *year_s = NULL, *body_name = NULL, *out = NULL;
        for (int i = 0; i < argc; i++) {
                const char **slot = NULL;
                if (!strcmp(argv[i], "--year"))
                        slot = &year_s;
                else if (!strcmp(argv[i], "--body"))
                        slot = &body_name;
                else if (!strcmp(argv[i], "-o"))
                        slot = &out;
                char why[300];
                if (!slot) {
                        snprintf(why, sizeof why, _("unknown argument \"%s\""), argv[i]);
                        return usage(why);
                }
                if (i + 1 >= argc) {
                        snprintf(why, sizeof why, _("%s needs a value"), argv[i]);
                        return usage(why);
                }
                if (*slot) {
                        snprintf(why, sizeof why, _("%s is given twice"), argv[i]);
                        return usage(why);
                }
                *slot = argv[++i];
        }
        if (!year_s)
                return usage(_("--year YYYY is required"));
        char *end;
        long year = strtol(year_s, &end, 10);
        if (strlen(year_s) != 4 || *end || year < 1 || year > 9999) {
                char why[300];
                snprintf(why, sizeof why, _("--year: \"%s\" is not a year (YYYY)"), year_s);
                return usage(why);
        }

        struct stat st;
        if (stat(db, &st) != 0) {
                fprintf(stderr, _("protokol: %s: no such database\n"), db);
                return PK_EXIT_IO;
        }
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, true, &a, &err) < 0)
                return report(&err, PK_EXIT_IO);
        const struct pk_state *s = app_state(a);
        int body = -1;
        if (body_name) {
                for (int i = 0; i < s->nbodies; i++)
                        if (!strcmp(s->bodies[i].name, body_name))
                                body = i;
                if (body < 0) {
                        fprintf(stderr, _("protokol: export calendar: there is no body \"%s\""),
                                body_name);
                        for (int i = 0; i < s->nbodies; i++)
                                fprintf(stderr, "%s\"%s\"", i ? ", " : _(" (known: "),
                                        s->bodies[i].name);
                        fprintf(stderr, "%s\n", s->nbodies ? ")" : "");
                        app_close(&a);
                        return PK_EXIT_REFUSED;
                }
        }
        char rid[17];
        if (record_id(a, rid, &err) < 0) {
                app_close(&a);
                return report(&err, PK_EXIT_IO);
        }

        struct strings str = {0};
        struct ical_event *ev = NULL;
        int nev = 0, cap = 0, nmeet = 0;
        for (int i = 0; i < s->nmeetings; i++) {
                int y;
                cal_to_ymd(s->meetings[i].date, &y, NULL, NULL);
                if (y != year || (body >= 0 && s->meetings[i].body != body))
                        continue;
                meeting_events(s, i, rid, &str, &ev, &nev, &cap);
                nmeet++;
        }
        if (nmeet == 0)
                fprintf(stderr, _("protokol: export calendar: no meetings in %ld%s%s%s\n"), year,
                        body_name ? " (" : "", body_name ? body_name : "", body_name ? ")" : "");

        char stamp[17], prodid[64], name[400];
        dtstamp(stamp);
        snprintf(prodid, sizeof prodid, "-//protokol//protokol %s//EN", PROTOKOL_VERSION);
        if (body_name)
                snprintf(name, sizeof name, _("%s: meetings %ld"), body_name, year);
        else
                snprintf(name, sizeof name, _("Meetings %ld"), year);
        struct ical_calendar cal = {
            .prodid = prodid, .name = name, .dtstamp = stamp, .events = ev, .nevents = nev};
        struct sb text = {0};
        ical_render(&cal, &text);
        int rc = write_out(out, db, sb_str(&text), text.len);
        sb_free(&text);
        free(ev);
        strings_free(&str);
        app_close(&a);
        return rc;
}
