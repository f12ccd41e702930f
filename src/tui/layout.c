/*
 * layout.c - owns the windows: decides where each pane goes for the terminal's size and
 * the UI's mode, draws the header, the message line, the key line and the panes' rows
 * (with cursor and scrolling), and the "terminal too small" screen. Also the colours (with a
 * monochrome fallback) and the screen dump of the test seam; text widths and wrapping are
 * text.c's.
 *
 * Layout at 80×24 (the minimum): header, then agenda over attendance on the left and
 * the current item over the protocol on the right, then the message and key lines.
 * From 120 columns three columns: the agenda; the item over the protocol; attendance. The
 * named vote takes the attendance's place (and the agenda's when narrow); the rulings
 * and help views take the whole body.
 */
#include <langinfo.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

enum { MIN_W = 80, MIN_H = 24, WIDE_W = 120 };

/* ---------- colours ---------- */

static attr_t attrs[TC__COUNT];

void tui_colors_init(bool use_colors)
{
        /* monochrome first: every role must read without colour */
        attrs[TC_NORMAL] = A_NORMAL;
        attrs[TC_HEADER] = A_REVERSE;
        attrs[TC_TITLE] = A_BOLD | A_UNDERLINE;
        attrs[TC_TITLE_FOCUS] = A_REVERSE | A_BOLD;
        attrs[TC_CURSOR] = A_REVERSE;
        attrs[TC_OK] = A_BOLD;
        attrs[TC_DENIED] = A_BOLD | A_UNDERLINE;
        attrs[TC_DIM] = A_DIM;
        attrs[TC_WARN] = A_BOLD | A_UNDERLINE;
        attrs[TC_FOR] = A_BOLD;
        attrs[TC_AGAINST] = A_UNDERLINE;
        attrs[TC_ABSTAIN] = A_DIM;
        attrs[TC_KEY] = A_BOLD;
        if (!use_colors || !has_colors())
                return;
        start_color();
        use_default_colors();
        init_pair(1, COLOR_WHITE, COLOR_BLUE);
        init_pair(2, COLOR_BLACK, COLOR_CYAN);
        init_pair(3, COLOR_GREEN, -1);
        init_pair(4, COLOR_RED, -1);
        init_pair(5, COLOR_YELLOW, -1);
        init_pair(6, COLOR_CYAN, -1);
        init_pair(7, COLOR_WHITE, COLOR_RED);
        attrs[TC_HEADER] = COLOR_PAIR(1) | A_BOLD;
        attrs[TC_TITLE] = A_BOLD;
        attrs[TC_TITLE_FOCUS] = COLOR_PAIR(2) | A_BOLD;
        attrs[TC_OK] = COLOR_PAIR(3) | A_BOLD;
        attrs[TC_DENIED] = COLOR_PAIR(4) | A_BOLD;
        attrs[TC_WARN] = COLOR_PAIR(7) | A_BOLD;
        attrs[TC_FOR] = COLOR_PAIR(3) | A_BOLD;
        attrs[TC_AGAINST] = COLOR_PAIR(4) | A_BOLD;
        attrs[TC_ABSTAIN] = COLOR_PAIR(5);
        attrs[TC_KEY] = COLOR_PAIR(6) | A_BOLD;
}

attr_t tui_attr(enum tui_color c)
{
        return attrs[c];
}

/* ---------- rows ---------- */

void rows_add(struct rows *r, const char *left, const char *right, enum tui_color lc,
              enum tui_color rc, bool selectable, int payload)
{
        if (r->n == r->cap) {
                r->cap = r->cap ? 2 * r->cap : 32;
                r->v = pk_xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
        }
        struct row *x = &r->v[r->n++];
        x->left = pk_xstrdup(left ? left : "");
        x->right = right && right[0] ? pk_xstrdup(right) : NULL;
        x->lcolor = lc;
        x->rcolor = rc;
        x->selectable = selectable;
        x->payload = payload;
}

void rows_clear(struct rows *r)
{
        for (int i = 0; i < r->n; i++) {
                free(r->v[i].left);
                free(r->v[i].right);
        }
        r->n = 0;
}

static int visible_rows(const struct pane *p)
{
        return p->h > 1 ? p->h - 1 : 0;
}

/* Puts the cursor on a selectable row (searching down, then up), or -1. */
static void fix_cursor(struct pane *p)
{
        if (!p->ops->cursor) {
                p->cursor = -1;
                return;
        }
        int n = p->rows.n;
        if (p->cursor >= n)
                p->cursor = n - 1;
        if (p->cursor < 0)
                p->cursor = 0;
        for (int i = p->cursor; i < n; i++)
                if (p->rows.v[i].selectable) {
                        p->cursor = i;
                        return;
                }
        for (int i = p->cursor; i >= 0 && i < n; i--)
                if (p->rows.v[i].selectable) {
                        p->cursor = i;
                        return;
                }
        p->cursor = -1;
}

static void fix_top(struct pane *p)
{
        int vis = visible_rows(p), n = p->rows.n;
        int maxtop = n > vis ? n - vis : 0;
        if (p->ops->stick_bottom && p->at_bottom)
                p->top = maxtop;
        if (p->cursor >= 0) {
                if (p->cursor < p->top)
                        p->top = p->cursor;
                if (p->cursor >= p->top + vis)
                        p->top = p->cursor - vis + 1;
        }
        if (p->top > maxtop)
                p->top = maxtop;
        if (p->top < 0)
                p->top = 0;
}

static int step(const struct pane *p, int from, int dir)
{
        for (int i = from + dir; i >= 0 && i < p->rows.n; i += dir)
                if (p->rows.v[i].selectable)
                        return i;
        return from;
}

unsigned pane_move(struct pane *p, enum tui_action a)
{
        int vis = visible_rows(p), n = p->rows.n;
        if (!p->ops->cursor) {
                int maxtop = n > vis ? n - vis : 0;
                switch (a) {
                case TA_UP:
                        p->top--;
                        break;
                case TA_DOWN:
                        p->top++;
                        break;
                case TA_PGUP:
                        p->top -= vis > 1 ? vis - 1 : 1;
                        break;
                case TA_PGDN:
                        p->top += vis > 1 ? vis - 1 : 1;
                        break;
                case TA_HOME:
                        p->top = 0;
                        break;
                case TA_END:
                        p->top = maxtop;
                        break;
                default:
                        return TH_UNHANDLED;
                }
                if (p->top > maxtop)
                        p->top = maxtop;
                if (p->top < 0)
                        p->top = 0;
                p->at_bottom = p->top >= maxtop;
                return TH_HANDLED | TH_REDRAW;
        }
        switch (a) {
        case TA_UP:
                p->cursor = step(p, p->cursor, -1);
                break;
        case TA_DOWN:
                p->cursor = step(p, p->cursor, 1);
                break;
        case TA_PGUP:
                for (int i = 0; i < vis - 1; i++)
                        p->cursor = step(p, p->cursor, -1);
                break;
        case TA_PGDN:
                for (int i = 0; i < vis - 1; i++)
                        p->cursor = step(p, p->cursor, 1);
                break;
        case TA_HOME:
                p->cursor = step(p, -1, 1);
                break;
        case TA_END:
                p->cursor = step(p, n, -1);
                break;
        default:
                return TH_UNHANDLED;
        }
        return TH_HANDLED | TH_REDRAW;
}

/* ---------- placing the windows ---------- */

static void place(struct pane *p, int y, int x, int h, int w, bool sep)
{
        p->visible = true;
        p->y = y;
        p->x = x;
        p->h = h;
        p->w = w;
        p->sep = sep;
        p->win = newwin(h, w, y, x);
}

static WINDOW *line_win(int y, int w)
{
        WINDOW *win = newwin(1, w, y, 0);
        keypad(win, TRUE);
        return win;
}

void layout_free(struct tui *t)
{
        for (int i = 0; i < P__COUNT; i++) {
                if (t->panes[i].win)
                        delwin(t->panes[i].win);
                t->panes[i].win = NULL;
                t->panes[i].visible = false;
        }
        if (t->hdr)
                delwin(t->hdr);
        if (t->msgw)
                delwin(t->msgw);
        if (t->keysw)
                delwin(t->keysw);
        t->hdr = t->msgw = t->keysw = NULL;
}

struct msgfit {
        int n, w;
};

static void count_line(void *ctx, const char *line)
{
        (void)line;
        ((struct msgfit *)ctx)->n++;
}

struct msgdraw {
        WINDOW *w;
        int y, max;
        attr_t a;
};

static void draw_msg_line(void *ctx, const char *line)
{
        struct msgdraw *d = ctx;
        if (d->y < d->max)
                tui_put(d->w, d->y, 0, line, getmaxx(d->w), d->a);
        d->y++;
}

void layout_apply(struct tui *t)
{
        layout_free(t);
        int H = LINES, W = COLS;
        t->too_small = H < MIN_H || W < MIN_W;
        t->need_layout = false;
        if (t->too_small) {
                t->keysw = line_win(H > 0 ? H - 1 : 0, W > 0 ? W : 1);
                return;
        }
        /* a message longer than the line takes up to 4 lines (M shows the last ones) */
        int ml = 1;
        if (!t->prompt.active && t->msg[0]) {
                struct msgfit f = {0, W};
                tui_wrap(t->msg, W, count_line, &f);
                ml = f.n < 1 ? 1 : f.n > 4 ? 4 : f.n;
        }
        t->hdr = newwin(1, W, 0, 0);
        t->msgw = newwin(ml, W, H - 1 - ml, 0);
        keypad(t->msgw, TRUE);
        t->keysw = line_win(H - 1, W);
        int by = 1, bh = H - 2 - ml;
        if (t->overlay != OV_NONE) {
                place(&t->panes[tui_overlay_pane(t->overlay)], by, 0, bh, W, false);
                return;
        }
        if (t->vote_mode && t->vote.summary) {
                /* the vote's summary on one screen before it is recorded */
                place(&t->panes[P_VOTE], by, 0, bh, W, false);
                return;
        }
        if (W >= WIDE_W) {
                int c1 = W * 3 / 10, c2 = W * 4 / 10, c3 = W - c1 - c2;
                int ih = bh / 2;
                place(&t->panes[P_AGENDA], by, 0, bh, c1, true);
                place(&t->panes[P_ITEM], by, c1, ih, c2, true);
                place(&t->panes[P_PROTOCOL], by + ih, c1, bh - ih, c2, true);
                place(&t->panes[t->vote_mode ? P_VOTE : P_ATTEND], by, c1 + c2, bh, c3, false);
                return;
        }
        int L = W * 9 / 20, R = W - L;
        if (t->vote_mode) {
                place(&t->panes[P_VOTE], by, 0, bh, L, true);
        } else {
                int ah = bh * 2 / 5;
                place(&t->panes[P_AGENDA], by, 0, ah, L, true);
                place(&t->panes[P_ATTEND], by + ah, 0, bh - ah, L, true);
        }
        int ih = bh * 3 / 5;
        place(&t->panes[P_ITEM], by, L, ih, R, false);
        place(&t->panes[P_PROTOCOL], by + ih, L, bh - ih, R, false);
}

/* ---------- drawing ---------- */

static void draw_header(struct tui *t)
{
        WINDOW *w = t->hdr;
        int W = getmaxx(w);
        wbkgdset(w, ' ' | tui_attr(TC_HEADER));
        werase(w);
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        char left[512], right[512];
        bool short_left = false;
        int body = tui_body(t);
        if (body < 0) {
                snprintf(left, sizeof left, " protokol · %s", _("no body yet"));
                right[0] = '\0';
        } else if (!m) {
                snprintf(left, sizeof left, " %s · %s", s->bodies[body].name, _("no meeting"));
                right[0] = '\0';
        } else {
                char d[11];
                cal_format(m->date, d);
                snprintf(left, sizeof left, " %s · %s %d, %s %02d:%02d%s", s->bodies[body].name,
                         _("meeting"), s->cur_meeting + 1, d, m->minute / 60, m->minute % 60,
                         t->archive  ? _(" · ARCHIVE")
                         : t->follow ? _(" · following")
                                     : "");
                short_left = true;
                int present = engine_present(s, m), need = engine_quorum_need(s, m);
                snprintf(right, sizeof right, "%s │ %s │ %s %d/%d │ %s %s (%s %d) ",
                         engine_meeting_state_name(m->state),
                         m->doors_closed ? _("doors closed") : _("doors open"), _("present"),
                         present, engine_seats_at(s, m->body, m->date), _("quorum"),
                         present >= need ? _("yes") : _("no"), _("need"), need);
        }
        int rw = tui_width(right);
        if (rw > W)
                rw = W;
        if (short_left && tui_width(left) > W - rw - 1) {
                /* narrow: the body's name alone; the meeting is in the agenda's title */
                snprintf(left, sizeof left, " %s%s", s->bodies[body].name,
                         t->archive  ? _(" · ARCHIVE")
                         : t->follow ? _(" · following")
                                     : "");
        }
        tui_put(w, 0, 0, left, W - rw - 1, tui_attr(TC_HEADER));
        if (m && right[0]) {
                bool quorate = engine_present(s, m) >= engine_quorum_need(s, m);
                tui_put(w, 0, W - rw, right, rw, quorate ? tui_attr(TC_HEADER) : tui_attr(TC_WARN));
        }
        wnoutrefresh(w);
}

/* Draws the message line; a long refusal keeps its citation "(§ ...)" visible. */
static void draw_message(struct tui *t)
{
        WINDOW *w = t->msgw;
        int W = getmaxx(w);
        wbkgdset(w, ' ');
        werase(w);
        if (t->prompt.active) {
                struct prompt *pr = &t->prompt;
                if (pr->yesno) {
                        /* the question may be long (it quotes a line); the answer keys show */
                        const char *yn = _(" (y/n)");
                        int yw = tui_width(yn);
                        int lw = tui_put(w, 0, 0, pr->label, W - yw, tui_attr(TC_KEY));
                        tui_put(w, 0, lw, yn, yw, tui_attr(TC_KEY));
                        wnoutrefresh(w);
                        return;
                }
                int lw = tui_put(w, 0, 0, pr->label, W / 2, tui_attr(TC_KEY));
                int avail = W - lw - 1;
                /* scroll the text so the cursor stays in view */
                int start = 0, wpos = 0;
                for (int i = 0; i < pr->pos; i++)
                        wpos += tui_cwidth(pr->buf[i]);
                while (wpos >= avail && start < pr->pos)
                        wpos -= tui_cwidth(pr->buf[start++]);
                int cols = 0, cnt = 0;
                while (start + cnt < pr->len) {
                        int cw = tui_cwidth(pr->buf[start + cnt]);
                        if (cols + cw > avail)
                                break;
                        cols += cw;
                        cnt++;
                }
                char text[4 * 1024 + 1];
                tui_wcs_to_u8(pr->buf + start, cnt, text, sizeof text);
                tui_put(w, 0, lw, text, avail, 0);
                wmove(w, 0, lw + wpos);
                wnoutrefresh(w);
                return;
        }
        enum tui_color c = t->msg_kind == MK_OK       ? TC_OK
                           : t->msg_kind == MK_DENIED ? TC_DENIED
                           : t->msg_kind == MK_ERROR  ? TC_DENIED
                                                      : TC_NORMAL;
        const char *msg = t->msg;
        int mw = tui_width(msg);
        const char *cite = t->msg_cite >= 0 ? msg + t->msg_cite : NULL;
        if (mw > W && cite && getmaxy(w) == 1) {
                int cw = tui_width(cite);
                if (cw < W - 10) {
                        char head[1024];
                        size_t hl = (size_t)(cite - msg);
                        memcpy(head, msg, hl < sizeof head ? hl : sizeof head - 1);
                        head[hl < sizeof head ? hl : sizeof head - 1] = '\0';
                        int used = tui_put(w, 0, 0, head, W - cw, tui_attr(c));
                        tui_put(w, 0, used, cite, cw, tui_attr(c));
                        wnoutrefresh(w);
                        return;
                }
        }
        if (mw > W && getmaxy(w) > 1) {
                /* wrapped over the lines the layout gave it */
                struct msgdraw d = {w, 0, getmaxy(w), tui_attr(c)};
                tui_wrap(msg, W, draw_msg_line, &d);
                wnoutrefresh(w);
                return;
        }
        tui_put(w, 0, 0, msg, W, tui_attr(c));
        wnoutrefresh(w);
}

struct keyhint {
        struct sb *b;
        WINDOW *w;
        int x, maxx;
};

static void hint(struct keyhint *h, const char *key, const char *label)
{
        int need = tui_width(key) + 1 + tui_width(label) + 2;
        if (h->x + need > h->maxx)
                return;
        h->x += tui_put(h->w, 0, h->x, key, h->maxx - h->x, tui_attr(TC_KEY));
        h->x += tui_put(h->w, 0, h->x, " ", 1, 0);
        h->x += tui_put(h->w, 0, h->x, label, h->maxx - h->x, 0);
        h->x += tui_put(h->w, 0, h->x, "  ", 2, 0);
}

/* An action's word on the key bar, in the UI's language (its name stays the binding file's). */
const char *tui_action_label(enum tui_action a)
{
        static const char *const labels[TA__COUNT] = {
            [TA_QUIT] = N_("quit"),
            [TA_HELP] = N_("help"),
            [TA_RULINGS] = N_("rulings"),
            [TA_DEADLINES] = N_("deadlines"),
            [TA_COMMAND] = N_("command"),
            [TA_UNDO] = N_("undo"),
            [TA_TAKE] = N_("take"),
            [TA_DONE] = N_("done"),
            [TA_POSTPONE] = N_("postpone"),
            [TA_MOTION] = N_("motion"),
            [TA_AMEND] = N_("amend"),
            [TA_SUBAMEND] = N_("sub-amend"),
            [TA_PROCEDURAL] = N_("procedural"),
            [TA_VOTE] = N_("vote"),
            [TA_BALLOT] = N_("ballot"),
            [TA_SPEAKER] = N_("speaker"),
            [TA_NEXT] = N_("next"),
            [TA_ARRIVE] = N_("arrive"),
            [TA_LEAVE] = N_("leave"),
            [TA_INHABIL] = N_("inhabil"),
            [TA_CALL] = N_("call-to-order"),
            [TA_DENY] = N_("deny-floor"),
            [TA_DEMAND] = N_("demand"),
            [TA_CLOSURE] = N_("closure"),
            [TA_DECLARE] = N_("declare"),
            [TA_DECIDE] = N_("decide"),
            [TA_DECISION] = N_("decision"),
            [TA_DOORS] = N_("doors"),
            [TA_RULING] = N_("ruling"),
            [TA_V_COUNTS] = N_("vote-counts"),
            [TA_V_CLEAR] = N_("vote-clear"),
        };
        return labels[a] ? _(labels[a]) : tui_actions[a].name;
}

static void hint_action(struct keyhint *h, const char *pane, enum tui_action a, const char *label)
{
        int k = keys_for(pane, a);
        if (!k)
                return;
        char name[32];
        keys_name(k, name, sizeof name);
        hint(h, name, label ? label : tui_action_label(a));
}

/* The key line: the keys that work now (the allowed verbs' keys), then the views. */
static void draw_keys(struct tui *t)
{
        WINDOW *w = t->keysw;
        int W = getmaxx(w);
        werase(w);
        struct keyhint h = {.w = w, .x = 0, .maxx = W};
        if (t->prompt.active) {
                hint(&h, t->prompt.yesno ? "y" : _("Enter"),
                     t->prompt.yesno ? _("yes") : _("accept"));
                hint(&h, t->prompt.yesno ? _("other") : _("Esc"), _("cancel"));
                wnoutrefresh(w);
                return;
        }
        if (t->overlay != OV_NONE) {
                hint(&h, "↑↓", _("scroll"));
                hint(&h, "PgUp/PgDn", _("page"));
                hint(&h, _("Esc"), _("close"));
                hint_action(&h, NULL, TA_QUIT, _("quit"));
                wnoutrefresh(w);
                return;
        }
        if (t->pick != TA_NONE) {
                hint(&h, "↑↓", _("choose a member"));
                hint(&h, _("Enter"), tui_action_label(t->pick));
                hint(&h, _("Esc"), _("cancel"));
                wnoutrefresh(w);
                return;
        }
        if (t->vote_mode) {
                hint(&h, "1-9", _("party"));
                hint(&h, "f/a/x", _("row"));
                hint(&h, "F/A/X", _("rest"));
                hint(&h, _("Enter"), _("record"));
                hint(&h, _("Esc"), _("back"));
                hint_action(&h, "vote", TA_V_CYCLE, _("cycle"));
                hint_action(&h, "vote", TA_V_COUNTS, _("counts"));
                wnoutrefresh(w);
                return;
        }
        /* the views and quitting always fit at the right */
        struct sb right = {0};
        int rkeys[] = {TA_COMMAND, TA_DEADLINES, TA_RULINGS, TA_HELP, TA_QUIT};
        const char *rlabels[] = {_("cmd"), _("deadlines"), _("rulings"), _("help"), _("quit")};
        enum { NR = 5 };
        bool rshow[NR];
        for (int i = 0; i < NR; i++)
                rshow[i] = !(t->follow && rkeys[i] == TA_COMMAND);
        /* the deadlines view's key when a deadline is ahead */
        rshow[1] = tui_deadline_ahead(app_state(t->app), tui_body(t), tui_today());
        int rw = 0;
        for (int i = 0; i < NR; i++) {
                if (!rshow[i])
                        continue;
                char name[32];
                int k = keys_for(NULL, (enum tui_action)rkeys[i]);
                if (!k)
                        continue;
                keys_name(k, name, sizeof name);
                rw += tui_width(name) + 1 + tui_width(rlabels[i]) + 2;
        }
        h.maxx = W - rw;
        if (t->follow) {
                hint(&h, _("follower"), _("read-only"));
                hint(&h, "↑↓", _("scroll"));
                hint_action(&h, NULL, TA_FOCUS_NEXT, _("pane"));
        } else {
                int n;
                const struct binding *b = keys_table(&n);
                for (int i = 0; i < n; i++) {
                        enum pk_verb v = tui_actions[b[i].action].verb;
                        if (strcmp(b[i].pane, "global") || v == V__COUNT)
                                continue;
                        bool ok = t->allowed[v];
                        if (b[i].action == TA_VOTE)
                                ok = t->allowed[V_BALLOT] || t->allowed[V_VOTE];
                        if (b[i].action == TA_BALLOT)
                                ok = t->allowed[V_BALLOT] && tui_meeting(t) &&
                                     tui_meeting(t)->current >= 0;
                        if (b[i].action == TA_UNDO || b[i].action == TA_RULING)
                                continue; /* always there; in help */
                        if (!ok)
                                continue;
                        char name[32];
                        keys_name(b[i].key, name, sizeof name);
                        hint(&h, name, tui_action_label(b[i].action));
                }
        }
        h.x = W - rw;
        h.maxx = W;
        for (int i = 0; i < NR; i++)
                if (rshow[i])
                        hint_action(&h, NULL, (enum tui_action)rkeys[i], rlabels[i]);
        sb_free(&right);
        wnoutrefresh(w);
}

static void draw_pane(struct tui *t, struct pane *p)
{
        WINDOW *w = p->win;
        werase(w);
        rows_clear(&p->rows);
        p->ops->build(t, p, &p->rows);
        fix_cursor(p);
        fix_top(p);
        int cw = p->sep ? p->w - 1 : p->w;
        bool focus = t->focus == (enum pane_id)(p - t->panes) || t->overlay != OV_NONE;
        char title[256];
        if (p->ops->title_text)
                p->ops->title_text(t, p, title, sizeof title);
        else
                snprintf(title, sizeof title, "%s", _(p->ops->title));
        attr_t ta = tui_attr(focus ? TC_TITLE_FOCUS : TC_TITLE);
        wattron(w, ta);
        mvwhline(w, 0, 0, ' ', cw);
        wattroff(w, ta);
        char t2[300];
        snprintf(t2, sizeof t2, " %s ", title);
        tui_put(w, 0, 0, t2, cw, ta);
        if (p->rows.n > visible_rows(p) && cw > 12) {
                char pos[32];
                snprintf(pos, sizeof pos, " %d/%d ", p->top + 1, p->rows.n);
                int pw = tui_width(pos);
                tui_put(w, 0, cw - pw, pos, pw, ta);
        }
        int vis = visible_rows(p);
        for (int i = 0; i < vis && p->top + i < p->rows.n; i++) {
                const struct row *r = &p->rows.v[p->top + i];
                int y = i + 1;
                bool cur = p->cursor == p->top + i && focus;
                attr_t base = cur ? tui_attr(TC_CURSOR) : 0;
                if (cur) {
                        wattron(w, base);
                        mvwhline(w, y, 0, ' ', cw);
                        wattroff(w, base);
                }
                int rw = r->right ? tui_width(r->right) : 0;
                if (rw > cw / 2)
                        rw = cw / 2;
                int lw = r->right ? cw - rw - 1 : cw;
                tui_put(w, y, 0, r->left, lw, base | tui_attr(r->lcolor));
                if (r->right)
                        tui_put(w, y, cw - rw, r->right, rw, base | tui_attr(r->rcolor));
        }
        if (p->sep) {
                /* a real │ in a UTF-8 locale (so a screen dump reads as drawn), else | */
                cchar_t vl;
                if (tui_utf8 && setcchar(&vl, L"│", 0, 0, NULL) == OK)
                        mvwvline_set(w, 0, p->w - 1, &vl, p->h);
                else
                        mvwvline(w, 0, p->w - 1, '|', p->h);
        }
        wnoutrefresh(w);
}

static void draw_too_small(struct tui *t)
{
        WINDOW *w = stdscr;
        werase(w);
        char a[128], b[128];
        snprintf(a, sizeof a, _("terminal too small (need %d×%d)"), MIN_W, MIN_H);
        snprintf(b, sizeof b, _("now %d×%d; enlarge the window, or q to quit"), COLS, LINES);
        int y = LINES / 2 - 1;
        if (y < 0)
                y = 0;
        int aw = tui_width(a), bw = tui_width(b);
        tui_put(w, y, aw < COLS ? (COLS - aw) / 2 : 0, a, COLS, tui_attr(TC_DENIED));
        if (y + 1 < LINES)
                tui_put(w, y + 1, bw < COLS ? (COLS - bw) / 2 : 0, b, COLS, 0);
        wnoutrefresh(w);
        (void)t;
}

void layout_draw(struct tui *t, bool flush)
{
        if (t->need_layout)
                layout_apply(t);
        if (t->too_small) {
                draw_too_small(t);
        } else {
                draw_header(t);
                for (int i = 0; i < P__COUNT; i++)
                        if (t->panes[i].visible)
                                draw_pane(t, &t->panes[i]);
                draw_keys(t);
                draw_message(t);
        }
        if (!flush)
                return;
        curs_set(!t->too_small && t->prompt.active && !t->prompt.yesno ? 1 : 0);
        doupdate();
}

int layout_dump(const char *path)
{
        FILE *f = fopen(path, "w");
        if (!f)
                return -1;
        wchar_t line[1024];
        for (int y = 0; y < LINES; y++) {
                int n = mvwinnwstr(newscr, y, 0, line, COLS < 1023 ? COLS : 1023);
                if (n == ERR)
                        n = 0;
                line[n > 0 ? n : 0] = L'\0';
                int len = (int)wcslen(line);
                while (len > 0 && line[len - 1] == L' ')
                        line[--len] = L'\0';
                char mb[4 * 1024 + 1];
                tui_wcs_to_u8(line, len, mb, sizeof mb);
                fprintf(f, "%s\n", mb);
        }
        return fclose(f);
}
