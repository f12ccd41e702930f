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

int app_export_minutes(struct app *a, int meeting, int f, bool public_, struct sb *out,
                       struct pk_err *err)
{
        if (check_meeting(a, meeting, err) < 0)
                return -1;
        struct event *evs;
        int n;
        if (store_load_corrections(app_store(a), meeting, &evs, &n, err) < 0)
                return -1;
        struct correction *corr = pk_xcalloc((size_t)n + 1, sizeof *corr);
        int nc = 0;
        for (int i = 0; i < n; i++) {
                corr[nc].at = evs[i].at;
                corr[nc].retracted = evs[i].line;
                nc++;
        }
        char head[65];
        store_head(app_store(a), head);
        struct minutes_opts o = {.format = (enum minutes_format)f,
                                 .public_ = public_,
                                 .chain_head = head,
                                 .chain_seq = (long long)store_last_seq(app_store(a)),
                                 .corrections = corr,
                                 .ncorrections = nc};
        minutes_render(app_state(a), meeting - 1, &o, out);
        free(corr);
        store_events_free(evs, n);
        return 0;
}

int app_export_csv(struct app *a, int meeting, const char *what, bool public_, struct sb *out,
                   struct pk_err *err)
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
        csv_export(app_state(a), meeting - 1, ce, public_, out);
        return 0;
}
