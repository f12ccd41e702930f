/*
 * pane_agenda.c - the agenda: the meeting's items in treatment order, each with its
 * number, status, closed-door marker and reading. Enter takes the selected item.
 */
#include <stdio.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

/* One column that says where an item stands: '>' under treatment, '*' decided, ... */
static const char *status_mark(const struct item *it)
{
        switch (it->status) {
        case IS_PENDING:
                return " ";
        case IS_DEBATE:
                return "▶";
        case IS_DECIDED:
                return "✓";
        case IS_POSTPONED:
                return "~";
        case IS_REFERRED:
                return "→";
        case IS_WITHDRAWN:
                return "✗";
        }
        return "?";
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        (void)p;
        const struct meeting *m = tui_meeting(t);
        if (!m) {
                rows_add(out, _("no meeting: create one with : meeting YYYY-MM-DD HH:MM"), NULL,
                         TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        if (m->nitems == 0)
                rows_add(out, _("no items yet: add one with : item \"TITLE\""), NULL, TC_DIM,
                         TC_NORMAL, false, -1);
        for (int i = 0; i < m->nitems; i++) {
                int k = m->order ? m->order[i] : i;
                const struct item *it = &m->items[k];
                char left[600], right[64] = "";
                snprintf(left, sizeof left, "%s%2d %s%s", status_mark(it), it->number,
                         it->closed ? _("[closed] ") : "", it->title);
                if (it->reading == 1)
                        snprintf(right, sizeof right, "%s", _("1st rdg"));
                else if (it->reading == 2)
                        snprintf(right, sizeof right, "%s", _("2nd rdg"));
                if (it->status != IS_PENDING && it->status != IS_DEBATE)
                        snprintf(right + strlen(right), sizeof right - strlen(right), "%s%s",
                                 right[0] ? " " : "", engine_item_status_name(it->status));
                enum tui_color c = it->status == IS_DEBATE    ? TC_OK
                                   : it->status == IS_PENDING ? TC_NORMAL
                                                              : TC_DIM;
                rows_add(out, left, right, c, TC_DIM, true, k);
        }
}

/* The item number under the cursor, or -1. */
static int cursor_item(struct tui *t, struct pane *p)
{
        const struct meeting *m = tui_meeting(t);
        if (!m || p->cursor < 0 || p->cursor >= p->rows.n)
                return -1;
        int k = p->rows.v[p->cursor].payload;
        return k >= 0 && k < m->nitems ? m->items[k].number : -1;
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        if (a != TA_SELECT)
                return TH_UNHANDLED;
        int n = cursor_item(t, p);
        if (n < 0)
                return TH_HANDLED;
        char line[32];
        snprintf(line, sizeof line, "take %d", n);
        tui_exec(t, line);
        return TH_HANDLED | TH_REDRAW;
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        const struct meeting *m = tui_meeting(t);
        if (!m) {
                snprintf(buf, n, "%s", _("Agenda"));
                return;
        }
        char d[11];
        cal_format(m->date, d);
        /* the meeting's number too where it fits (the header has it from 100 columns) */
        snprintf(buf, n, _("Agenda · meeting %d, %s %02d:%02d"), app_state(t->app)->cur_meeting + 1,
                 d, m->minute / 60, m->minute % 60);
        if (tui_width(buf) + 2 > p->w - 1)
                snprintf(buf, n, _("Agenda · %s %02d:%02d"), d, m->minute / 60, m->minute % 60);
}

const struct pane_ops pane_agenda_ops = {
    .name = "agenda",
    .title = N_("Agenda"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};
