/*
 * verify.c - `protokol verify`: recomputes the hash chain, replays the events through the
 * engine (done when the database is opened) and compares every derived table with the
 * rows the replayed state implies, naming the first event or row that does not match.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "protokol/app.h"
#include "protokol/i18n.h"
#include "protokol/rows.h"
#include "protokol/search.h"

static void describe_values(const struct dt_row *r, struct sb *out)
{
        const struct dt_desc *d = &dt_tables[r->table];
        for (int i = d->nkeys; i < d->ncols; i++)
                sb_addf(out, "%s%s=%s", i > d->nkeys ? ", " : "", d->cols[i],
                        r->vals[i] ? r->vals[i] : "NULL");
}

int app_verify(struct app *a, struct sb *report, struct pk_err *err)
{
        if (store_verify_chain(app_store(a), err) < 0)
                return -1;
        if (!app_state(a)->keep_detail) {
                pk_err_set(err, _("verify needs the record replayed in full (app_open_full)"));
                return -1;
        }
        struct dt_rows want = {0}, have = {0};
        dt_rows_all(app_state(a), &want);
        for (int t = 0; t < DT__COUNT; t++)
                if (store_load_rows(app_store(a), (enum dt_table)t, &have, err) < 0) {
                        dt_rows_free(&want);
                        dt_rows_free(&have);
                        return -1;
                }
        dt_rows_sort(&want);
        dt_rows_sort(&have);
        int i = 0, j = 0, rc = 0;
        struct sb msg = {0};
        while (i < want.n || j < have.n) {
                int c = i >= want.n   ? 1
                        : j >= have.n ? -1
                                      : dt_row_keycmp(&want.rows[i], &have.rows[j]);
                if (c < 0) {
                        dt_row_describe(&want.rows[i], &msg);
                        sb_add(&msg, _(" is missing from the file"));
                        rc = -1;
                        break;
                }
                if (c > 0) {
                        dt_row_describe(&have.rows[j], &msg);
                        sb_add(&msg, _(" is in the file but not in the record"));
                        rc = -1;
                        break;
                }
                if (!dt_row_equal(&want.rows[i], &have.rows[j])) {
                        dt_row_describe(&want.rows[i], &msg);
                        sb_add(&msg, _(" differs from the record: the record says "));
                        describe_values(&want.rows[i], &msg);
                        sb_add(&msg, _("; the file says "));
                        describe_values(&have.rows[j], &msg);
                        rc = -1;
                        break;
                }
                i++;
                j++;
        }
        if (rc < 0)
                pk_err_set(err, "%s", sb_str(&msg));
        else
                sb_addf(report, _("%d derived rows match the record"), want.n);
        if (rc == 0)
                rc = app_search_verify(a, report, err);
        sb_free(&msg);
        dt_rows_free(&want);
        dt_rows_free(&have);
        return rc;
}

int app_verify_head(struct store *st, long long seq, const char *hex, struct sb *report,
                    struct pk_err *err)
{
        char at[65];
        if (store_event_hash(st, seq, at) < 0 || strcasecmp(at, hex)) {
                pk_err_set(err,
                           _("event %lld does not have the hash printed in the minutes: the "
                             "record has been rewritten"),
                           seq);
                return -1;
        }
        struct head_group *g;
        int n;
        if (store_after_head(st, seq, &g, &n, err) < 0)
                return -1;
        int total = 0, locked = -1;
        for (int i = 0; i < n; i++) {
                total += g[i].count;
                if (g[i].locked_at_head && locked < 0)
                        locked = i;
        }
        if (!total) {
                sb_add(report, _("after the published head: no events"));
        } else {
                sb_addf(report, _("after the published head: %d events ("), total);
                for (int i = 0; i < n; i++) {
                        bool first = i == 0 || g[i].meeting != g[i - 1].meeting;
                        if (first && i)
                                sb_add(report, "; ");
                        if (first && g[i].meeting)
                                sb_addf(report, _("meeting %d: "), g[i].meeting);
                        else if (first)
                                sb_add(report, _("outside any meeting: "));
                        else
                                sb_add(report, ", ");
                        sb_addf(report, "%d %s", g[i].count, g[i].verb);
                }
                sb_add(report, ")");
        }
        int rc = 0;
        if (locked >= 0) {
                int c = 0;
                for (int i = 0; i < n; i++)
                        if (g[i].meeting == g[locked].meeting)
                                c += g[i].count;
                pk_err_set(err,
                           _("%d events after the published head belong to meeting %d, which was "
                             "signed and locked at the head"),
                           c, g[locked].meeting);
                rc = -1;
        }
        free(g);
        return rc;
}
