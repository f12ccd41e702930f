/*
 * deadlines.c - `protokol deadlines`: the deadlines before one meeting (SPEC §5.4), for a
 * profile and a date, or for a meeting in the database (read-only, under the profile its
 * body was created with); and the next meeting a member's proposal is entitled to.
 *
 *   protokol [--db FILE] deadlines --profile NAME --date YYYY-MM-DD
 *                                  [--kind ordinary|constituent|extraordinary]
 *   protokol [--db FILE] deadlines --meeting ID
 *   protokol [--db FILE] deadlines --body "NAME" --submitted YYYY-MM-DD
 *
 * Output: `key: YYYY-MM-DD` lines on stdout. Exit status: 0; 1 an invalid date, an unknown
 * profile, meeting or body; 2 usage; 3 the database cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "protokol/app.h"
#include "protokol/cli.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"

static int usage(const char *why)
{
        if (why)
                fprintf(stderr, "protokol: deadlines: %s\n", why);
        fprintf(
            stderr, "%s",
            _("usage: protokol [--db FILE] deadlines --profile NAME --date YYYY-MM-DD\n"
              "                                      [--kind ordinary|constituent|extraordinary]\n"
              "       protokol [--db FILE] deadlines --meeting ID\n"
              "       protokol [--db FILE] deadlines --body \"NAME\" --submitted YYYY-MM-DD\n"));
        return PK_EXIT_USAGE;
}

static int report(const struct pk_err *e, int fallback)
{
        char buf[1200];
        pk_err_format(e, buf, sizeof buf);
        fprintf(stderr, "protokol: %s\n", buf);
        return e->exit_code ? e->exit_code : fallback;
}

static bool parse_kind(const char *s, enum meeting_kind *k)
{
        if (!strcmp(s, "ordinary"))
                *k = MK_ORDINARY;
        else if (!strcmp(s, "constituent"))
                *k = MK_CONSTITUENT;
        else if (!strcmp(s, "extraordinary"))
                *k = MK_EXTRAORDINARY;
        else
                return false;
        return true;
}

static void print_deadlines(const struct profile *p, pk_day day, enum meeting_kind kind)
{
        struct deadline d[DK__COUNT];
        int n = deadlines_for_meeting(p, day, kind, d);
        for (int i = 0; i < n; i++) {
                char b[11];
                cal_format(d[i].day, b);
                printf("%s: %s\n", deadline_key_name(d[i].key), b);
        }
        if (n == 0 && kind == MK_EXTRAORDINARY)
                fprintf(stderr, "%s\n",
                        _("protokol: deadlines: an extraordinary meeting has none of the "
                          "profile's deadlines (they apply to ordinary meetings)"));
}

/* Opens the database read-only; a file that does not exist is an I/O failure (exit 3). */
static int open_db(const char *db, struct app **a)
{
        struct stat sb;
        struct pk_err err = {0};
        if (stat(db, &sb) != 0) {
                fprintf(stderr, _("protokol: %s: no such database\n"), db);
                return PK_EXIT_IO;
        }
        if (app_open(db, true, a, &err) < 0)
                return report(&err, PK_EXIT_IO);
        return 0;
}

static int for_meeting(const char *db, long id)
{
        struct app *a;
        int rc = open_db(db, &a);
        if (rc)
                return rc;
        const struct pk_state *s = app_state(a);
        if (id < 1 || id > s->nmeetings) {
                fprintf(stderr,
                        _("protokol: deadlines: there is no meeting %ld (the record has %d)\n"), id,
                        s->nmeetings);
                app_close(&a);
                return PK_EXIT_REFUSED;
        }
        const struct meeting *m = &s->meetings[id - 1];
        print_deadlines(&s->bodies[m->body].profile, m->date, m->kind);
        app_close(&a);
        return fflush(stdout) == 0 ? 0 : PK_EXIT_IO;
}

static int for_submission(const char *db, const char *body, pk_day submitted)
{
        struct app *a;
        int rc = open_db(db, &a);
        if (rc)
                return rc;
        const struct pk_state *s = app_state(a);
        int b = -1;
        for (int i = 0; i < s->nbodies; i++)
                if (!strcmp(s->bodies[i].name, body))
                        b = i;
        if (b < 0) {
                fprintf(stderr, _("protokol: deadlines: there is no body \"%s\""), body);
                for (int i = 0; i < s->nbodies; i++)
                        fprintf(stderr, "%s\"%s\"", i ? ", " : _(" (known: "), s->bodies[i].name);
                fprintf(stderr, "%s\n", s->nbodies ? ")" : "");
                app_close(&a);
                return PK_EXIT_REFUSED;
        }
        /* the body's meetings, mapped back to their numbers */
        pk_day *days = pk_xcalloc((size_t)s->nmeetings + 1, sizeof *days);
        enum meeting_kind *kinds = pk_xcalloc((size_t)s->nmeetings + 1, sizeof *kinds);
        int *ids = pk_xcalloc((size_t)s->nmeetings + 1, sizeof *ids);
        int n = 0;
        for (int i = 0; i < s->nmeetings; i++) {
                if (s->meetings[i].body != b)
                        continue;
                days[n] = s->meetings[i].date;
                kinds[n] = s->meetings[i].kind;
                ids[n++] = i + 1;
        }
        int k = deadlines_next_entitled(&s->bodies[b].profile, days, kinds, n, submitted);
        char sub[11], b1[11], b2[11];
        cal_format(submitted, sub);
        if (k < 0) {
                fprintf(stderr,
                        _("protokol: deadlines: no planned ordinary meeting of \"%s\" is open to a "
                          "proposal submitted %s\n"),
                        body, sub);
                rc = PK_EXIT_REFUSED;
        } else {
                pk_day last = days[k];
                deadline_of_rule(&s->bodies[b].profile, R_PROPOSAL_DEADLINE, days[k], &last);
                cal_format(days[k], b1);
                cal_format(last, b2);
                printf("submitted: %s\n", sub);
                printf("entitled-meeting: %d %s\n", ids[k], b1);
                printf("member-proposals: %s\n", b2);
                rc = fflush(stdout) == 0 ? 0 : PK_EXIT_IO;
        }
        free(days);
        free(kinds);
        free(ids);
        app_close(&a);
        return rc;
}

int cli_deadlines(const char *db, int argc, char **argv)
{
        const char *profile = NULL, *date = NULL, *kind_s = NULL, *meeting_s = NULL;
        const char *body = NULL, *submitted_s = NULL;
        for (int i = 0; i < argc; i++) {
                const char **slot = NULL;
                if (!strcmp(argv[i], "--profile"))
                        slot = &profile;
                else if (!strcmp(argv[i], "--date"))
                        slot = &date;
                else if (!strcmp(argv[i], "--kind"))
                        slot = &kind_s;
                else if (!strcmp(argv[i], "--meeting"))
                        slot = &meeting_s;
                else if (!strcmp(argv[i], "--body"))
                        slot = &body;
                else if (!strcmp(argv[i], "--submitted"))
                        slot = &submitted_s;
                if (!slot) {
                        char why[300];
                        snprintf(why, sizeof why, _("unknown argument \"%s\""), argv[i]);
                        return usage(why);
                }
                if (i + 1 >= argc) {
                        char why[300];
                        snprintf(why, sizeof why, _("%s needs a value"), argv[i]);
                        return usage(why);
                }
                if (*slot) {
                        char why[300];
                        snprintf(why, sizeof why, _("%s is given twice"), argv[i]);
                        return usage(why);
                }
                *slot = argv[++i];
        }

        if (meeting_s) {
                if (profile || date || kind_s || body || submitted_s)
                        return usage(_("--meeting takes no other option (the meeting has its "
                                       "body's profile, date and kind)"));
                char *end;
                long id = strtol(meeting_s, &end, 10);
                if (!*meeting_s || *end || id < 1 || id > 1000000) {
                        fprintf(stderr,
                                _("protokol: deadlines: --meeting: \"%s\" is not a meeting "
                                  "number\n"),
                                meeting_s);
                        return PK_EXIT_USAGE;
                }
                return for_meeting(db, id);
        }
        if (body || submitted_s) {
                if (!body || !submitted_s || profile || date || kind_s)
                        return usage(
                            _("--body and --submitted go together, without other options"));
                pk_day sub;
                if (!cal_parse(submitted_s, &sub)) {
                        fprintf(stderr,
                                _("protokol: deadlines: --submitted: \"%s\" is not a valid date "
                                  "(YYYY-MM-DD)\n"),
                                submitted_s);
                        return PK_EXIT_REFUSED;
                }
                return for_submission(db, body, sub);
        }
        if (!profile || !date)
                return usage(_("give --profile NAME and --date YYYY-MM-DD, or --meeting ID"));

        enum meeting_kind kind = MK_ORDINARY;
        if (kind_s && !parse_kind(kind_s, &kind)) {
                char why[300];
                snprintf(why, sizeof why,
                         _("--kind: \"%s\" is not ordinary, constituent or extraordinary"), kind_s);
                return usage(why);
        }
        pk_day day;
        if (!cal_parse(date, &day)) {
                fprintf(stderr,
                        _("protokol: deadlines: --date: \"%s\" is not a valid date "
                          "(YYYY-MM-DD)\n"),
                        date);
                return PK_EXIT_REFUSED;
        }
        struct profile *p = pk_xmalloc(sizeof *p);
        struct pk_err err = {0};
        if (profile_find(profile, p, &err) < 0) {
                free(p);
                return report(&err, PK_EXIT_REFUSED);
        }
        print_deadlines(p, day, kind);
        free(p);
        return fflush(stdout) == 0 ? 0 : PK_EXIT_IO;
}
