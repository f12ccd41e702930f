/*
 * pane_protocol.c - the protocol as it is written: the result of every accepted action
 * of the current meeting, newest at the bottom, with its time. Retracted actions stay
 * (struck through in the record, dimmed here) and the retraction is its own line:
 * corrections are additions. Scrolls; follows the newest line unless scrolled up.
 */
#include <stdio.h>

#include "protokol/i18n.h"
#include "tui_int.h"

struct wrapctx {
        struct rows *out;
        enum tui_color c;
        int i;
};

static void add_line(void *ctx, const char *line)
{
        struct wrapctx *w = ctx;
        rows_add(w->out, line, NULL, w->c, TC_NORMAL, false, w->i);
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        if (t->nlog == 0)
                rows_add(out, _("nothing recorded yet in this meeting"), NULL, TC_DIM, TC_NORMAL,
                         false, -1);
        for (int i = 0; i < t->nlog; i++) {
                const struct log_line *l = &t->log[i];
                char b[1200];
                /* two spaces after the time: wrapped lines hang under the text */
                if (t->public_view)
                        snprintf(b, sizeof b, "%s", l->text); /* the public minutes' lines */
                else
                        snprintf(b, sizeof b, "%s  %s%s", l->at, l->retracted ? _("(undone) ") : "",
                                 l->text);
                struct wrapctx w = {out,
                                    l->retracted    ? TC_DIM
                                    : l->correction ? TC_WARN
                                                    : TC_NORMAL,
                                    i};
                tui_wrap(b, p->w - (p->sep ? 1 : 0), add_line, &w);
        }
}

const struct pane_ops pane_protocol_ops = {
    .name = "protocol",
    .title = N_("Protocol"),
    .build = build,
    .stick_bottom = true,
};
