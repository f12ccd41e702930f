/*
 * export.c - the exports of a meeting as the action layer sees them: the minutes with the
 * record's corrections and chain head, and the CSV files.
 */
#include <stdlib.h>
#include <string.h>

#include "protokol/app.h"
#include "protokol/export.h"
#include "protokol/i18n.h"
#include "protokol/minutes.h"

static int check_meeting(struct app *a, int meeting, struct pk_err *err)
{
        const struct pk_state *s = app_state(a);
        if (meeting < 1 || meeting > s->nmeetings) {
                pk_err_set(err, _("there is no meeting %d (the record has %d)"), meeting,
                           s->nmeetings);
                err->exit_code = 1;
                return -1;
        }
        if (s->meetings[meeting - 1].hole ||
            (s->meetings[meeting - 1].archived && !s->keep_detail)) {
                pk_err_set(err,
                           _("meeting %d is not loaded: exports need the record replayed in "
                             "full (app_open_full)"),
                           meeting);
                return -1;
        }
        return 0;
}

/* The language of a meeting's exports: lang if given, else its body's (profile key language). */
static const char *export_language(struct app *a, int meeting, const char *lang)
{
        if (lang)
                return lang;
        const struct pk_state *s = app_state(a);
        const struct meeting *m = &s->meetings[meeting - 1];
        return s->bodies[m->body].profile.language[0] ? s->bodies[m->body].profile.language : "en";
}

int app_export_language(struct app *a, int meeting, const char **lang, struct pk_err *err)
{
        if (check_meeting(a, meeting, err) < 0)
                return -1;
        *lang = export_language(a, meeting, NULL);
        return 0;
}

/* The meeting's actions that stand, in order (for the minutes: when items were treated,
 * calls to order, doors). evs holds the meeting's events, in order (an undo belongs to the
 * meeting of what it retracts, so both are there). */
static struct minutes_event *meeting_events(const struct event *evs, int n, int meeting, int *nout)
{
        struct minutes_event *me = pk_xcalloc((size_t)n + 1, sizeof *me);
        bool *retracted = pk_xcalloc((size_t)n + 1, sizeof *retracted);
        for (int i = 0; i < n; i++) {
                if (evs[i].retracts <= 0)
                        continue;
                for (int j = i - 1; j >= 0; j--)
                        if (evs[j].seq == evs[i].retracts) {
                                retracted[j] = true;
                                break;
                        }
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
                if (evs[i].meeting != meeting || evs[i].retracts || !evs[i].line || retracted[i])
                        continue;
                me[k].at = evs[i].at;
                me[k].line = evs[i].line;
                k++;
        }
        free(retracted);
        *nout = k;
        return me;
}

int app_export_minutes_lang(struct app *a, int meeting, int f, bool public_, const char *lang,
                            struct sb *out, struct pk_err *err)
{
        if (check_meeting(a, meeting, err) < 0)
                return -1;
        struct event *evs, *all;
        int n, nall;
        if (store_load_corrections(app_store(a), meeting, &evs, &n, err) < 0)
                return -1;
        if (store_load_meetings(app_store(a), &meeting, 1, &all, &nall, err) < 0) {
                store_events_free(evs, n);
                return -1;
        }
        struct correction *corr = pk_xcalloc((size_t)n + 1, sizeof *corr);
        int nc = 0;
        for (int i = 0; i < n; i++) {
                corr[nc].at = evs[i].at;
                corr[nc].retracted = evs[i].line;
                nc++;
        }
        int nme;
        struct minutes_event *me = meeting_events(all, nall, meeting, &nme);
        char head[65];
        store_head(app_store(a), head);
        struct minutes_opts o = {.format = (enum minutes_format)f,
                                 .public_ = public_,
                                 .chain_head = head,
                                 .chain_seq = (long long)store_last_seq(app_store(a)),
                                 .corrections = corr,
                                 .ncorrections = nc,
                                 .events = me,
                                 .nevents = nme};
        bool switched = pk_use_language(export_language(a, meeting, lang));
        int rc = minutes_render_ex(app_state(a), meeting - 1, &o, out, err);
        if (switched)
                pk_use_language(NULL);
        free(me);
        free(corr);
        store_events_free(evs, n);
        store_events_free(all, nall);
        return rc;
}

int app_export_minutes(struct app *a, int meeting, int f, bool public_, struct sb *out,
                       struct pk_err *err)
{
        return app_export_minutes_lang(a, meeting, f, public_, NULL, out, err);
}

int app_export_csv_style(struct app *a, int meeting, const char *what, bool public_,
                         const char *lang, int style, struct sb *out, struct pk_err *err)
{
        enum csv_export ce;
        if (!csv_export_parse(what, &ce)) {
                pk_err_set(err,
                           _("unknown export \"%s\" (minutes, votes, member-votes, attendance)"),
                           what);
                err->exit_code = 2;
                return -1;
        }
        if (check_meeting(a, meeting, err) < 0)
                return -1;
        const char *l = export_language(a, meeting, lang);
        bool excel = style == CSV_STYLE_EXCEL || (style == CSV_STYLE_AUTO && !strcmp(l, "da"));
        csv_export_styled(app_state(a), meeting - 1, ce, public_, excel, out);
        return 0;
}

int app_export_csv(struct app *a, int meeting, const char *what, bool public_, struct sb *out,
                   struct pk_err *err)
{
        return app_export_csv_style(a, meeting, what, public_, NULL, CSV_STYLE_CSV, out, err);
}

int app_export_members(struct app *a, const char *body, pk_day day, bool excel, struct sb *out,
                       struct pk_err *err)
{
        const struct pk_state *s = app_state(a);
        int bi = s->cur_body;
        if (body) {
                bi = -1;
                for (int i = 0; i < s->nbodies; i++)
                        if (!strcmp(s->bodies[i].name, body))
                                bi = i;
        }
        if (bi < 0) {
                if (body)
                        pk_err_set(err, _("no body named \"%s\""), body);
                else
                        pk_err_set(err, "%s", _("the record has no body"));
                err->exit_code = 1;
                return -1;
        }
        csv_export_members(s, bi, day, excel, out);
        return 0;
}
