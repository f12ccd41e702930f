/*
 * tui.c - the terminal UI's one main loop: read a key, look it up (the focused pane's
 * bindings, then the global ones), dispatch it, redraw. A resize only sets a flag; the
 * loop lays the windows out again before the next draw. A follower polls the record
 * about twice a second.
 *
 * Every change goes through tui_exec(): a script line handed to the action layer, so it
 * is recorded, undoable and in the protocol exactly as from `protokol run`. A refusal
 * shows the engine's reason and citation on the message line and changes nothing.
 *
 * The test seam: with PROTOKOL_TUI_KEYS=FILE the keys come from FILE (see keys.c), the
 * screen goes to /dev/null through newterm(), and <Dump FILE> writes the screen's text.
 */
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "protokol/i18n.h"
#include "protokol/store.h"
#include "protokol/tui.h"
#include "protokol/search.h"
#include "tui_int.h"

/* ---------- prompts' continuations ---------- */

static bool empty(struct tui *t, const char *text)
{
        if (text[strspn(text, " ")])
                return false;
        tui_message(t, MK_INFO, "%s", _("nothing entered: cancelled"));
        return true;
}

/* Runs VERB "TEXT" [extra]. */
static void exec_text(struct tui *t, const char *verb, const char *text, const char *extra)
{
        if (empty(t, text))
                return;
        struct sb line = {0};
        sb_addf(&line, "%s ", verb);
        script_quote(&line, text);
        if (extra && extra[0])
                sb_addf(&line, " %s", extra);
        tui_exec(t, sb_str(&line));
        sb_free(&line);
}

static void exec_done(struct tui *t, const char *text)
{
        (void)text;
        tui_exec(t, t->prompt.ctx);
}

/* The verbs whose act the UI confirms first when typed on the command line. */
static bool weighty(const char *line)
{
        static const char *verbs[] = {"postpone", "refer", "withdraw"};
        for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
                size_t n = strlen(verbs[i]);
                if (!strncmp(line, verbs[i], n) && (line[n] == '\0' || line[n] == ' '))
                        return true;
        }
        return false;
}

static void hist_add(struct tui *t, const char *text)
{
        enum { KEEP = sizeof t->hist / sizeof t->hist[0] };
        if (t->nhist > 0 && !strcmp(t->hist[t->nhist - 1], text))
                return;
        if (t->nhist == KEEP) {
                free(t->hist[0]);
                memmove(t->hist, t->hist + 1, (KEEP - 1) * sizeof t->hist[0]);
                t->nhist--;
        }
        t->hist[t->nhist++] = pk_xstrdup(text);
}

static void cmd_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        hist_add(t, text);
        const char *l = text + strspn(text, " ");
        if (weighty(l)) {
                char q[1300];
                snprintf(q, sizeof q, _("Really «%.1200s»?"), l);
                tui_ask(t, q, exec_done, l);
                return;
        }
        tui_exec(t, text);
}

static void take_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        char line[64];
        snprintf(line, sizeof line, "take %d", atoi(text));
        tui_exec(t, line);
}

static void motion_done(struct tui *t, const char *text)
{
        exec_text(t, "motion", text, NULL);
}

static void amend_by_done(struct tui *t, const char *text)
{
        /* ctx: the amended subject's id (or nothing), a newline, the amendment's text */
        const char *nl = strchr(t->prompt.ctx, '\n');
        if (!nl)
                return;
        struct sb extra = {0};
        if (nl > t->prompt.ctx)
                sb_addf(&extra, "to=%.*s", (int)(nl - t->prompt.ctx), t->prompt.ctx);
        if (text[strspn(text, " ")]) {
                sb_addf(&extra, "%sby=", extra.len ? " " : "");
                script_quote(&extra, text);
        }
        char body[4200];
        snprintf(body, sizeof body, "%s", nl + 1);
        exec_text(t, "amend", body, sb_str(&extra));
        sb_free(&extra);
}

static void amend_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        /* who proposes it (Enter skips; Tab completes the name) */
        char ctx[4200];
        snprintf(ctx, sizeof ctx, "%.40s\n%s", t->prompt.ctx, text);
        tui_prompt(t, _("Proposed by (Enter: no one): "), "", amend_by_done, ctx);
        t->prompt.names = true;
}

static void proc_kind_done(struct tui *t, const char *text)
{
        char extra[64] = "";
        if (text[0])
                snprintf(extra, sizeof extra, "kind=%.40s", text);
        exec_text(t, "procedural", t->prompt.ctx, extra);
}

static void proc_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        tui_prompt(t, _("Kind (refer or postpone): "), "refer", proc_kind_done, text);
}

static void declare_done(struct tui *t, const char *text)
{
        exec_text(t, "declare", text, NULL);
}

static void decision_public_done(struct tui *t, const char *text)
{
        struct sb extra = {0};
        if (text[strspn(text, " ")]) {
                sb_add(&extra, "public=");
                script_quote(&extra, text);
        }
        exec_text(t, "decision", t->prompt.ctx, sb_str(&extra));
        sb_free(&extra);
}

static void decision_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        const struct meeting *m = tui_meeting(t);
        int k = m ? (m->current >= 0 ? m->current : m->last_item) : -1;
        if (k >= 0 && m->items[k].closed)
                tui_prompt(t, _("Public wording (Enter: none): "), "", decision_public_done, text);
        else
                exec_text(t, "decision", text, NULL);
}

static void ballot_done(struct tui *t, const char *text)
{
        if (empty(t, text))
                return;
        char line[64];
        snprintf(line, sizeof line, "ballot %.40s", text);
        if (tui_exec(t, line) == AR_OK)
                tui_vote_begin(t);
}

static void undo_done(struct tui *t, const char *text)
{
        (void)text;
        tui_exec(t, "undo");
}

/* The line the next undo would retract, into buf; false if there is none. */
static bool undo_target(struct tui *t, char *buf, size_t n)
{
        struct event *evs;
        int ne;
        struct pk_err err = {0};
        if (store_load(app_store(t->app), &evs, &ne, &err) < 0)
                return false;
        int64_t maxseq = ne ? evs[ne - 1].seq : 0;
        char *gone = pk_xcalloc((size_t)maxseq + 2, 1);
        for (int i = 0; i < ne; i++)
                if (evs[i].retracts > 0 && evs[i].retracts <= maxseq)
                        gone[evs[i].retracts] = 1;
        bool found = false;
        for (int i = ne - 1; i >= 0 && !found; i--)
                if (evs[i].retracts == 0 && !gone[evs[i].seq]) {
                        snprintf(buf, n, "%s", evs[i].line);
                        found = true;
                }
        free(gone);
        store_events_free(evs, ne);
        return found;
}

/* ---------- dispatch ---------- */

/* The item the engine would take next (engine_next_item), proposed in the prompt. */
static const char *next_pending(const struct pk_state *s, const struct meeting *m, char *buf,
                                size_t n)
{
        buf[0] = '\0';
        int k = engine_next_item(s, m);
        if (k >= 0)
                snprintf(buf, n, "%d", m->items[k].number);
        return buf;
}

/* The subject under the item pane's cursor when it has the focus, or -1. */
static int cursor_subject(struct tui *t)
{
        struct pane *p = &t->panes[P_ITEM];
        if (t->focus != P_ITEM || p->cursor < 0 || p->cursor >= p->rows.n)
                return -1;
        return p->rows.v[p->cursor].payload;
}

static void focus_step(struct tui *t, int dir)
{
        static const enum pane_id ring[] = {P_AGENDA, P_ATTEND, P_VOTE, P_ITEM, P_PROTOCOL};
        int n = (int)(sizeof ring / sizeof ring[0]), at = 0;
        for (int i = 0; i < n; i++)
                if (ring[i] == t->focus)
                        at = i;
        for (int i = 1; i <= n; i++) {
                enum pane_id p = ring[(at + dir * i + 2 * n) % n];
                if (t->panes[p].visible) {
                        t->focus = p;
                        return;
                }
        }
}

static bool is_member_action(enum tui_action a)
{
        return a == TA_SPEAKER || a == TA_ARRIVE || a == TA_LEAVE || a == TA_INHABIL ||
               a == TA_CALL || a == TA_DENY || a == TA_DEMAND || a == TA_ABSENT ||
               a == TA_DISSENT || a == TA_SUBSTITUTE;
}

static void close_done(struct tui *t, const char *text)
{
        (void)text;
        if (tui_exec(t, "close") == AR_OK) {
                /* the signing sheet follows */
                t->overlay = OV_SIGN;
                t->panes[P_SIGN].cursor = 0;
                t->need_layout = true;
        }
}

/* The items not yet treated (pending) in meeting m. */
static int untreated(const struct meeting *m)
{
        int n = 0;
        for (int i = 0; m && i < m->nitems; i++)
                n += m->items[i].status == IS_PENDING ? 1 : 0;
        return n;
}

static void show_text(struct tui *t, const char *title, const char *text)
{
        free(t->text_view);
        t->text_view = pk_xstrdup(text);
        snprintf(t->text_title, sizeof t->text_title, "%s", title);
        t->overlay = OV_HELP;
        t->panes[P_HELP].top = 0;
        t->need_layout = true;
}

/* The meeting course: items, opening, closing, attendance, signing; false if a is not one. */
static bool course_action(struct tui *t, enum tui_action a)
{
        const struct meeting *m = tui_meeting(t);
        char buf[1200];
        switch (a) {
        case TA_TAKE:
                tui_prompt(t, _("Take item: "), next_pending(app_state(t->app), m, buf, sizeof buf),
                           take_done, NULL);
                break;
        case TA_DONE:
                tui_exec(t, "done");
                break;
        case TA_POSTPONE:
                if (!t->allowed[V_POSTPONE] || !m || m->current < 0) {
                        tui_exec(t, "postpone"); /* the refusal says why */
                        break;
                }
                snprintf(buf, sizeof buf, _("Postpone item %d «%.200s» to a later meeting?"),
                         m->items[m->current].number, m->items[m->current].title);
                tui_ask(t, buf, exec_done, "postpone");
                break;
        case TA_OPEN:
                if (m && m->state == MS_PLANNED && m->date != tui_today() && t->allowed[V_OPEN]) {
                        char d[11], today[11];
                        cal_format(m->date, d);
                        cal_format(tui_today(), today);
                        snprintf(buf, sizeof buf,
                                 _("The meeting is dated %s, today is %s: open it today?"), d,
                                 today);
                        tui_ask(t, buf, exec_done, "open");
                } else {
                        tui_exec(t, "open");
                }
                break;
        case TA_CLOSE: {
                int n = untreated(m);
                if (n > 0 && t->allowed[V_CLOSE]) {
                        snprintf(buf, sizeof buf,
                                 _("items not treated: %d; close the meeting anyway?"), n);
                        tui_ask(t, buf, close_done, NULL);
                } else {
                        close_done(t, "");
                }
                break;
        }
        case TA_PRESENT_ALL: {
                /* everyone but those recorded absent or gone */
                const struct pk_state *s = app_state(t->app);
                struct sb line = {0};
                int out = 0, here = 0;
                sb_add(&line, "present all");
                for (int k = 0; m && k < s->nmembers; k++) {
                        if (s->members[k].body != m->body || s->members[k].principal >= 0)
                                continue;
                        const struct attendance *at = k < m->natt ? &m->att[k] : NULL;
                        bool seated_by_sub = false;
                        for (int j = 0; j < s->nmembers; j++)
                                if (s->members[j].principal == k && j < m->natt &&
                                    m->att[j].seat_of == k)
                                        seated_by_sub = true;
                        if ((at && (at->status == ATT_ABSENT || at->status == ATT_LEFT)) ||
                            seated_by_sub) {
                                sb_add(&line, out ? " " : " except ");
                                script_quote(&line, s->members[k].name);
                                out++;
                        } else {
                                here++;
                        }
                }
                if (!m) {
                        tui_exec(t, "present all"); /* the refusal says why */
                } else {
                        snprintf(buf, sizeof buf,
                                 _("Record %d present (all but the %d recorded absent)?"), here,
                                 out);
                        tui_ask(t, buf, exec_done, sb_str(&line));
                }
                sb_free(&line);
                break;
        }
        case TA_SIGN:
                t->overlay = OV_SIGN;
                t->find[0] = '\0';
                t->need_layout = true;
                break;
        case TA_DOORS:
                if (m && m->doors_closed && m->current >= 0 && m->items[m->current].closed) {
                        snprintf(buf, sizeof buf,
                                 _("Item %d is treated behind closed doors: open the doors?"),
                                 m->items[m->current].number);
                        tui_ask(t, buf, exec_done, "doors open");
                        break;
                }
                tui_exec(t, m && m->doors_closed ? "doors open" : "doors closed");
                break;
        case TA_RULING:
                tui_ruling_begin(t); /* the text, then the rule it reads */
                break;

        default:
                return false;
        }
        return true;
}

/* Proposals, ballots, decisions and elections; false if a is not one. */
static bool motion_action(struct tui *t, enum tui_action a)
{
        const struct meeting *m = tui_meeting(t);
        switch (a) {
        case TA_ELECTION:
                tui_prompt(t, ":", "election \"", cmd_done, NULL);
                break;
        case TA_CANDIDATE:
                tui_prompt(t, ":", "candidate \"", cmd_done, NULL);
                break;
        case TA_ROUND:
                tui_prompt(t, ":", "round ", cmd_done, NULL);
                break;
        case TA_ALLOCATE:
                tui_exec(t, "allocate");
                break;
        case TA_LOT:
                tui_exec(t, "lot");
                break;
        case TA_MOTION:
                tui_prompt(t, _("Main proposal (M): "), "", motion_done, NULL);
                break;
        case TA_AMEND:
                tui_prompt(t, _("Amendment: "), "", amend_done, NULL);
                break;
        case TA_SUBAMEND: {
                int k = cursor_subject(t);
                if (!m || k < 0 || k >= m->nsubjects || m->subjects[k].kind != SK_AMEND ||
                    m->subjects[k].status != SS_OPEN) {
                        k = -1;
                        for (int i = 0; m && i < m->nsubjects; i++)
                                if (m->subjects[i].kind == SK_AMEND &&
                                    m->subjects[i].item == m->current &&
                                    m->subjects[i].status == SS_OPEN)
                                        k = i;
                }
                if (k < 0) {
                        tui_message(t, MK_DENIED, "%s",
                                    _("there is no open amendment to amend: table one with e"));
                        break;
                }
                char label[128];
                snprintf(label, sizeof label, _("Sub-amendment to %s: "), m->subjects[k].id);
                tui_prompt(t, label, "", amend_done, m->subjects[k].id);
                break;
        }
        case TA_PROCEDURAL:
                tui_prompt(t, _("Procedural proposal: "), "", proc_done, NULL);
                break;
        case TA_VOTE:
                if (m && m->open_ballot >= 0)
                        tui_vote_begin(t);
                else if (tui_exec(t, "ballot") == AR_OK)
                        tui_vote_begin(t);
                break;
        case TA_BALLOT: {
                int k = cursor_subject(t);
                int next = m ? engine_next_subject(app_state(t->app), m, NULL) : -1;
                const char *id = k >= 0 && m && k < m->nsubjects ? m->subjects[k].id
                                 : next >= 0 && m                ? m->subjects[next].id
                                                                 : "";
                tui_prompt(t, _("Ballot on subject: "), id, ballot_done, NULL);
                break;
        }
        case TA_NEXT:
                tui_exec(t, "next");
                break;
        case TA_CLOSURE:
                tui_exec(t, "closure");
                break;
        case TA_DECLARE:
                tui_prompt(t, _("The chair declares: "), "", declare_done, NULL);
                break;
        case TA_DECIDE:
                tui_exec(t, "decide");
                break;
        case TA_DECISION:
                tui_prompt(t, _("Decision: "), "", decision_done, NULL);
                break;
        default:
                return false;
        }
        return true;
}

/* Views, navigation, the command line and undo; false if a is not one. */
static bool view_action(struct tui *t, enum tui_action a)
{
        char buf[1200];
        switch (a) {
        case TA_QUIT:
                t->quit = true;
                break;
        case TA_HELP:
        case TA_RULINGS:
        case TA_DEADLINES:
                free(t->text_view);
                t->text_view = NULL;
                t->overlay = a == TA_HELP ? OV_HELP : a == TA_RULINGS ? OV_RULINGS : OV_DEADLINES;
                t->panes[tui_overlay_pane(t->overlay)].top = 0;
                t->need_layout = true;
                break;
        case TA_COMMAND:
                if (t->follow) {
                        tui_read_only(t);
                        break;
                }
                tui_prompt(t, ":", "", cmd_done, NULL);
                t->prompt.hist = t->nhist;
                break;
        case TA_UNDO:
                if (!undo_target(t, buf, sizeof buf)) {
                        tui_message(t, MK_DENIED, "%s", _("denied: there is nothing to undo"));
                        break;
                }
                {
                        char q[1300];
                        snprintf(q, sizeof q, _("Undo «%s»?"), buf);
                        tui_ask(t, q, undo_done, NULL);
                }
                break;
        case TA_FOCUS_NEXT:
        case TA_FOCUS_PREV:
                focus_step(t, a == TA_FOCUS_NEXT ? 1 : -1);
                break;
        case TA_REDRAW:
                clearok(curscr, TRUE);
                t->need_layout = true;
                break;
        case TA_CANCEL:
                t->msg[0] = '\0';
                break;
        case TA_SELECT:
                tui_message(t, MK_INFO, "%s",
                            _("Enter acts in the agenda, the attendance and the current item "
                              "(Tab moves between them)"));
                break;
        case TA_MESSAGES: {
                struct sb all = {0};
                for (int i = t->nmsgs - 1; i >= 0; i--)
                        sb_addf(&all, "%s\n", t->msgs[i]);
                show_text(t, _("The last messages, newest first"),
                          all.len ? sb_str(&all) : _("no messages yet"));
                sb_free(&all);
                break;
        }
        case TA_READ: {
                struct sb out = {0};
                struct pk_err err = {0};
                if (app_export_minutes(t->app, app_state(t->app)->cur_meeting + 1, 1, false, &out,
                                       &err) < 0)
                        tui_message(t, MK_ERROR, _("error: the protocol cannot be read: %s"),
                                    err.msg);
                else
                        show_text(t, _("The protocol, for reading aloud (PgDn pages)"),
                                  sb_str(&out));
                sb_free(&out);
                break;
        }
        default:
                return false;
        }
        return true;
}

static void global_action(struct tui *t, enum tui_action a)
{
        if (t->follow && tui_actions[a].verb != V__COUNT) {
                tui_read_only(t);
                return;
        }
        if (t->vote_mode && (tui_actions[a].verb != V__COUNT && a != TA_UNDO)) {
                tui_message(t, MK_INFO, "%s",
                            _("in the vote: Enter records it, Esc leaves it (the ballot stays "
                              "open)"));
                return;
        }
        if (is_member_action(a)) {
                tui_member_action(t, a);
                return;
        }
        if (!view_action(t, a) && !course_action(t, a))
                motion_action(t, a);
}

static bool is_move(enum tui_action a)
{
        return a == TA_UP || a == TA_DOWN || a == TA_PGUP || a == TA_PGDN || a == TA_HOME ||
               a == TA_END;
}

static void dispatch(struct tui *t, enum tui_action a)
{
        if (tui_archive_dispatch(t, a))
                return;
        if (t->overlay != OV_NONE) {
                struct pane *p = &t->panes[tui_overlay_pane(t->overlay)];
                if (p->ops->key && (p->ops->key(t, p, a) & TH_HANDLED))
                        return;
                if (a == TA_CANCEL) {
                        t->find[0] = '\0';
                        t->overlay = OV_NONE;
                        free(t->text_view);
                        t->text_view = NULL;
                        t->need_layout = true;
                } else if (is_move(a)) {
                        pane_move(p, a);
                } else if (a == TA_QUIT || a == TA_HELP || a == TA_RULINGS || a == TA_DEADLINES ||
                           a == TA_REDRAW) {
                        global_action(t, a);
                } else {
                        tui_message(t, MK_INFO, "%s", _("Esc closes this view"));
                }
                return;
        }
        if (t->pick != TA_NONE) {
                struct pane *p = &t->panes[P_ATTEND];
                if (a == TA_CANCEL) {
                        t->pick = TA_NONE;
                        t->find[0] = '\0';
                        t->focus = t->pick_from;
                        tui_message(t, MK_INFO, "%s", _("cancelled"));
                } else if (is_move(a)) {
                        pane_move(p, a);
                } else if (a == TA_SELECT) {
                        tui_member_action(t, t->pick);
                } else if (is_member_action(a)) {
                        t->pick = a; /* changed their mind: another member action */
                        tui_message(t, MK_INFO, _("%s: choose the member with ↑/↓ and press Enter"),
                                    tui_actions[a].name);
                } else {
                        /* anything else: the pick is dropped and the key does its job */
                        t->pick = TA_NONE;
                        t->focus = t->pick_from;
                        dispatch(t, a);
                }
                return;
        }
        struct pane *p = &t->panes[t->focus];
        if (t->follow && a == TA_SELECT)
                return;
        if (p->visible && p->ops->key && (p->ops->key(t, p, a) & TH_HANDLED))
                return;
        if (is_move(a) && p->visible) {
                pane_move(p, a);
                return;
        }
        global_action(t, a);
}

/* Tab in the command line: completes the member name being typed after a quote. */
static void complete_name(struct tui *t)
{
        struct prompt *pr = &t->prompt;
        int q = -1;
        bool open = false;
        for (int i = 0; i < pr->pos; i++)
                if (pr->buf[i] == L'"' && (i == 0 || pr->buf[i - 1] != L'\\')) {
                        open = !open;
                        q = i;
                }
        if (pr->names) {
                q = -1; /* the whole text is a name */
        } else if (!open) {
                tui_message(t, MK_INFO, "%s", _("Tab completes a member's name after a \""));
                return;
        }
        char typed[1024];
        tui_wcs_to_u8(pr->buf + q + 1, pr->pos - q - 1, typed, sizeof typed);
        const struct pk_state *s = app_state(t->app);
        int body = tui_body(t), first = -1, n = 0;
        struct sb names = {0};
        for (int k = 0; k < s->nmembers; k++)
                if (s->members[k].body == body && tui_find_match(s->members[k].name, typed)) {
                        if (first < 0)
                                first = k;
                        sb_addf(&names, "%s%s", n ? ", " : "", s->members[k].name);
                        n++;
                }
        if (n == 1) {
                /* the whole name and its closing quote replace what was typed */
                wchar_t w[256];
                int wl = tui_u8_to_wcs(s->members[first].name, w, 254);
                if (!pr->names)
                        w[wl++] = L'"';
                int cap = (int)(sizeof pr->buf / sizeof pr->buf[0]) - 1;
                int tail = pr->len - pr->pos;
                if (q + 1 + wl + tail <= cap) {
                        memmove(pr->buf + q + 1 + wl, pr->buf + pr->pos,
                                (size_t)tail * sizeof(wchar_t));
                        memcpy(pr->buf + q + 1, w, (size_t)wl * sizeof(wchar_t));
                        pr->pos = q + 1 + wl;
                        pr->len = pr->pos + tail;
                }
        } else if (n > 1) {
                tui_message(t, MK_INFO, _("%d names: %s"), n, sb_str(&names));
        } else {
                tui_message(t, MK_DENIED, _("no member's name starts with \"%s\""), typed);
        }
        sb_free(&names);
}

static void prompt_key(struct tui *t, int key)
{
        struct prompt *pr = &t->prompt;
        if (pr->yesno) {
                pr->active = false;
                if (key == 'y' || key == 'Y' || key == 'j' || key == 'J')
                        pr->done(t, "y");
                else
                        tui_message(t, MK_INFO, "%s", _("cancelled"));
                return;
        }
        int cap = (int)(sizeof pr->buf / sizeof pr->buf[0]) - 1;
        if (pr->done == cmd_done && (key == (TK_FN | KEY_UP) || key == (TK_FN | KEY_DOWN))) {
                /* the command line's history */
                if (key == (TK_FN | KEY_UP) && pr->hist > 0)
                        pr->hist--;
                else if (key == (TK_FN | KEY_DOWN) && pr->hist < t->nhist)
                        pr->hist++;
                else
                        return;
                const char *h = pr->hist < t->nhist ? t->hist[pr->hist] : "";
                pr->len = pr->pos = tui_u8_to_wcs(h, pr->buf, cap);
                return;
        }
        if ((pr->done == cmd_done || pr->names) && key == TK_TAB) {
                complete_name(t);
                return;
        }
        switch (key) {
        case TK_ENTER: {
                char text[4200];
                tui_wcs_to_u8(pr->buf, pr->len, text, sizeof text); /* UTF-8 in any locale */
                pr->active = false;
                pr->done(t, text); /* may open the next prompt */
                return;
        }
        case TK_ESC:
        case 7: /* C-g */
                pr->active = false;
                tui_message(t, MK_INFO, "%s", _("cancelled"));
                return;
        case TK_FN | KEY_BACKSPACE:
        case 127:
        case 8:
                if (pr->pos > 0) {
                        memmove(pr->buf + pr->pos - 1, pr->buf + pr->pos,
                                (size_t)(pr->len - pr->pos) * sizeof(wchar_t));
                        pr->pos--;
                        pr->len--;
                }
                return;
        case TK_FN | KEY_DC:
                if (pr->pos < pr->len) {
                        memmove(pr->buf + pr->pos, pr->buf + pr->pos + 1,
                                (size_t)(pr->len - pr->pos - 1) * sizeof(wchar_t));
                        pr->len--;
                }
                return;
        case TK_FN | KEY_LEFT:
                if (pr->pos > 0)
                        pr->pos--;
                return;
        case TK_FN | KEY_RIGHT:
                if (pr->pos < pr->len)
                        pr->pos++;
                return;
        case TK_FN | KEY_HOME:
        case 1: /* C-a */
                pr->pos = 0;
                return;
        case TK_FN | KEY_END:
        case 5: /* C-e */
                pr->pos = pr->len;
                return;
        case 21: /* C-u */
                memmove(pr->buf, pr->buf + pr->pos, (size_t)(pr->len - pr->pos) * sizeof(wchar_t));
                pr->len -= pr->pos;
                pr->pos = 0;
                return;
        default:
                break;
        }
        if ((key & TK_FN) || key < 32 || pr->len >= cap)
                return;
        memmove(pr->buf + pr->pos + 1, pr->buf + pr->pos,
                (size_t)(pr->len - pr->pos) * sizeof(wchar_t));
        pr->buf[pr->pos++] = (wchar_t)key;
        pr->len++;
}

static void handle_key(struct tui *t, int key)
{
        if (t->too_small) {
                /* nothing is drawn, so nothing acts (an open prompt keeps its text); q quits */
                if (keys_lookup_pane("global", key) == TA_QUIT)
                        t->quit = true;
                return;
        }
        if (t->prompt.active) {
                prompt_key(t, key);
                return;
        }
        /* type-to-find in the member pickers: the attendance pick and the signing sheet */
        if (t->pick != TA_NONE && t->overlay == OV_NONE &&
            tui_find_key(t, &t->panes[P_ATTEND], key, true))
                return;
        if (t->overlay == OV_SIGN && tui_find_key(t, &t->panes[P_SIGN], key, false))
                return;
        const char *pane = t->overlay != OV_NONE ? t->panes[tui_overlay_pane(t->overlay)].ops->name
                           : t->vote_mode && t->focus == P_VOTE ? "vote"
                                                                : t->panes[t->focus].ops->name;
        enum tui_action a = TA_NONE;
        const struct meeting *cm = tui_meeting(t);
        if (t->overlay == OV_NONE && cm && (cm->state == MS_CLOSED || cm->state == MS_LOCKED))
                a = keys_lookup_pane("closed", key); /* after close: p reads the protocol */
        if (a == TA_NONE)
                a = keys_lookup(pane, key);
        if (a == TA_NONE) {
                char name[32];
                keys_name(key, name, sizeof name);
                tui_message(t, MK_INFO, _("%s does nothing here: ? shows the keys"), name);
                return;
        }
        dispatch(t, a);
}

/* Keeps the UI consistent with the state before each draw. */
static void sync_state(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        if ((!m || m->open_ballot < 0) && t->vote.choice)
                tui_vote_reset(t); /* the ballot is gone (recorded or undone) */
        if (t->vote_mode) {
                if (!m || m->open_ballot < 0)
                        tui_vote_end(t);
                else if (m->open_ballot != t->vote.ballot)
                        tui_vote_begin(t);
        }
        if (t->need_layout)
                layout_apply(t);
        if (!t->too_small && t->overlay == OV_NONE && !t->panes[t->focus].visible)
                focus_step(t, 1);
        tui_refresh_allowed(t);
}

static void poll_follow(struct tui *t)
{
        struct pk_err err = {0};
        if (t->archive)
                return; /* a past meeting does not change */
        if (app_refresh(t->app, &err)) {
                tui_log_reload(t);
                tui_refresh_allowed(t);
        } else if (err.msg[0]) {
                tui_message(t, MK_ERROR, _("error: the record cannot be read: %s"), err.msg);
        }
}

/*
 * In an ASCII locale curses cannot put multi-byte characters together (it drops them, and
 * the keys after them), so the keys are read as bytes: a UTF-8 sequence from the terminal
 * becomes its character; a byte that starts none is taken as ISO-8859-1. c is the first
 * byte (0x80..0xFF). Returns the code point.
 */
static int utf8_key(WINDOW *in, int c)
{
        int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
        char b[4] = {(char)c};
        int n = 1;
        wtimeout(in, 50);
        while (n <= need) {
                int d = wgetch(in);
                if (d == ERR)
                        break;
                if ((d & ~0x3F) != 0x80) {
                        ungetch(d);
                        break;
                }
                b[n++] = (char)d;
        }
        uint32_t cp;
        if (need > 0 && n == need + 1 && tui_u8_decode(b, (size_t)n, &cp) == (size_t)n &&
            cp != 0xFFFD)
                return (int)cp;
        for (int i = n - 1; i >= 1; i--)
                ungetch((unsigned char)b[i]);
        return c;
}

/* Reads the next key from the terminal (or the seam). Returns 0 when there is none yet. */
static int read_key(struct tui *t)
{
        if (t->seam) {
                int key = 0, w = 0, h = 0;
                char arg[1024];
                if (t->follow)
                        poll_follow(t);
                switch (keys_seam_next(t->seam, &key, &w, &h, arg, sizeof arg)) {
                case SEAM_EOF:
                        t->quit = true;
                        return 0;
                case SEAM_RESIZE:
                        resizeterm(h, w);
                        t->need_layout = true;
                        return 0;
                case SEAM_DUMP:
                        if (layout_dump(arg) != 0)
                                fprintf(stderr, _("protokol: cannot write %s\n"), arg);
                        return 0;
                case SEAM_KEY:
                        return key;
                }
                return 0;
        }
        /* the message line reads a prompt's text (its cursor is there); it exists only when
         * the terminal is large enough */
        WINDOW *in = t->prompt.active && t->msgw ? t->msgw : t->keysw ? t->keysw : stdscr;
        int timeout = t->follow ? 500 : -1;
        wtimeout(in, timeout);
        int key;
        if (t->raw_bytes) {
                int c = wgetch(in);
                if (c == ERR) {
                        if (t->follow)
                                poll_follow(t);
                        return 0;
                }
                key = c >= KEY_MIN ? TK_FN | c : c < 0x80 ? c : utf8_key(in, c);
        } else {
                wint_t wc;
                int r = wget_wch(in, &wc);
                if (r == ERR) {
                        if (t->follow)
                                poll_follow(t);
                        return 0;
                }
                key = r == KEY_CODE_YES ? TK_FN | (int)wc : (int)wc;
        }
        if (key == '\r' || key == (TK_FN | KEY_ENTER))
                key = TK_ENTER;
        if (key == 127 || key == 8)
                key = TK_FN | KEY_BACKSPACE;
        return key;
}

/* Whether more keys are already waiting (then the screen is sent after them). */
static bool input_pending(const struct tui *t)
{
        if (t->seam)
                return false;
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

static int check_terminal(void);

/* Starts curses; returns 0, or the exit status (the reason is on stderr). */
static int start_screen(struct tui *t)
{
        const char *keys = getenv("PROTOKOL_TUI_KEYS");
        if (keys && keys[0]) {
                t->seam = fopen(keys, "r");
                if (!t->seam) {
                        fprintf(stderr, _("protokol: %s: cannot read the keys\n"), keys);
                        return PK_EXIT_REFUSED;
                }
                t->seam_out = fopen("/dev/null", "w");
                t->seam_in = fopen("/dev/null", "r");
                const char *term = getenv("PROTOKOL_TUI_TERM");
                t->screen = newterm(term && term[0] ? term : "xterm", t->seam_out, t->seam_in);
                if (!t->screen) {
                        fprintf(stderr, "%s", _("protokol: the test terminal cannot start\n"));
                        return PK_EXIT_REFUSED;
                }
                set_term(t->screen);
        } else {
                /* newterm, not initscr: initscr exits the process when it fails */
                t->screen = newterm(NULL, stdout, stdin);
                if (!t->screen) {
                        const char *term = getenv("TERM");
                        fprintf(stderr,
                                _("protokol: the terminal (TERM=%s) cannot be started; run the "
                                  "UI in a real terminal, or use `protokol run` for scripts\n"),
                                term ? term : "");
                        return PK_EXIT_USAGE;
                }
                set_term(t->screen);
        }
        cbreak();
        noecho();
        typeahead(-1); /* a refresh is never cut short by pending keys */
        keypad(stdscr, TRUE);
        set_escdelay(25);
        tui_colors_init(!getenv("NO_COLOR"));
        return 0;
}

/* The first message: a locale that is not UTF-8, a locked meeting, or the hint for the keys. */
static void first_message(struct tui *t, bool follow)
{
        if (!t->msg[0] && !tui_utf8) {
                /* the locale as the user set it (setlocale says C for POSIX) */
                const char *lc = getenv("LC_ALL");
                if (!lc || !lc[0])
                        lc = getenv("LC_CTYPE");
                if (!lc || !lc[0])
                        lc = getenv("LANG");
                if (!lc || !lc[0])
                        lc = setlocale(LC_CTYPE, NULL);
                tui_message(t, MK_DENIED,
                            _("the locale %s is not UTF-8: letters it lacks are shown as ae, oe, "
                              "aa, ?"),
                            lc ? lc : "");
        }
        const struct meeting *m0 = engine_current_meeting(app_state(t->app));
        if (!t->msg[0] && !follow && m0 && m0->state == MS_LOCKED)
                tui_message(t, MK_INFO, "%s",
                            _("signed and locked; next: :meeting YYYY-MM-DD HH:MM (or :plan)"));
        if (!t->msg[0])
                tui_message(t, MK_INFO, "%s",
                            follow ? _("following the meeting read-only: q quits")
                                   : _("? shows the keys; : takes any script line"));
}

int tui_run(const char *db, bool follow, bool public_)
{
        struct tui t;
        memset(&t, 0, sizeof t);
        t.msg_cite = -1;
        t.reply_rule = R__COUNT;
        t.db = db;
        t.follow = follow;
        t.public_view = follow && public_;
        t.pick = TA_NONE;
        t.vote.ballot = -1;
        tui_locale_init();
        t.raw_bytes = !tui_utf8 && MB_CUR_MAX == 1 && btowc(0xE6) == WEOF;
        /* a terminal curses cannot drive is refused before the database is opened */
        const char *keys = getenv("PROTOKOL_TUI_KEYS");
        if (!(keys && keys[0])) {
                int rc = check_terminal();
                if (rc)
                        return rc;
        }
        struct pk_err err = {0};
        if (app_open(db, follow, &t.app, &err) < 0) {
                char buf[1200];
                pk_err_format(&err, buf, sizeof buf);
                fprintf(stderr, "protokol: %s\n", buf);
                return err.exit_code ? err.exit_code : 3;
        }
        int rc = start_screen(&t);
        if (rc) {
                if (t.seam)
                        fclose(t.seam);
                if (t.seam_out)
                        fclose(t.seam_out);
                if (t.seam_in)
                        fclose(t.seam_in);
                app_close(&t.app);
                return rc;
        }
        const struct pane_ops *ops[P__COUNT] = {
            [P_AGENDA] = &pane_agenda_ops, [P_ATTEND] = &pane_attend_ops,
            [P_ITEM] = &pane_item_ops,     [P_PROTOCOL] = &pane_protocol_ops,
            [P_VOTE] = &pane_vote_ops,     [P_RULINGS] = &pane_rulings_ops,
            [P_HELP] = &pane_help_ops,     [P_DEADLINES] = &pane_deadlines_ops,
            [P_SIGN] = &pane_sign_ops,
        };
        ops[P_ARCHIVE] = &pane_archive_ops; /* the archive's views (pane_archive.c) */
        ops[P_SEARCH] = &pane_search_ops;
        for (int i = 0; i < P__COUNT; i++) {
                t.panes[i].ops = ops[i];
                t.panes[i].at_bottom = true;
        }
        keys_init();
        tui_log_reload(&t);
        const struct meeting *m = tui_meeting(&t);
        t.focus = m && m->current >= 0 ? P_ITEM : P_AGENDA;
        if (m && m->open_ballot >= 0 && !follow)
                tui_vote_begin(&t);
        first_message(&t, follow);
        t.need_layout = true;
        while (!t.quit) {
                sync_state(&t);
                /* keys that came faster than the screen is drawn: the screen goes out after
                 * them (each is still handled on the state the one before left) */
                layout_draw(&t, !input_pending(&t));
                int key = read_key(&t);
                if (!key)
                        continue;
                if (key == (TK_FN | KEY_RESIZE)) {
                        t.need_layout = true; /* handled in the loop, before the next draw */
                        continue;
                }
                handle_key(&t, key);
        }
        endwin();
        layout_free(&t);
        if (t.screen)
                delscreen(t.screen);
        if (t.seam)
                fclose(t.seam);
        if (t.seam_out)
                fclose(t.seam_out);
        if (t.seam_in)
                fclose(t.seam_in);
        for (int i = 0; i < P__COUNT; i++) {
                rows_clear(&t.panes[i].rows);
                free(t.panes[i].rows.v);
        }
        tui_log_clear(&t);
        tui_vote_reset(&t);
        free(t.text_view);
        for (int i = 0; i < t.nmsgs; i++)
                free(t.msgs[i]);
        for (int i = 0; i < t.nhist; i++)
                free(t.hist[i]);
        keys_free();
        tui_archive_free(&t);
        struct pk_err serr = {0};
        if (!follow)
                app_search_update(t.app, db, true, &serr); /* keep a search index current */
        app_close(&t.app);
        return 0;
}

/*
 * term.h comes last: its capability macros (lines, columns, bell, ...) would shadow names
 * in the code above.
 */
#include <term.h>

/*
 * Whether curses can drive this terminal: stdin and stdout are a terminal, and TERM names a
 * type of the terminfo database that can address the cursor (not a hard-copy or generic
 * type such as dumb). Returns 0, or the exit status with the reason on stderr: 1 without a
 * terminal, 2 for a terminal type the UI cannot use.
 */
static int check_terminal(void)
{
        if (!isatty(0) || !isatty(1)) {
                fprintf(stderr, "%s",
                        _("protokol: the terminal UI needs a terminal; use `protokol run` for "
                          "scripts\n"));
                return PK_EXIT_REFUSED;
        }
        const char *term = getenv("TERM");
        if (!term || !term[0]) {
                fprintf(stderr, "%s",
                        _("protokol: TERM is not set, so the terminal type is unknown and the UI "
                          "cannot draw; run it in a real terminal, or use `protokol run` for "
                          "scripts\n"));
                return PK_EXIT_USAGE;
        }
        int err = 0;
        if (setupterm(term, 1, &err) != OK) {
                if (err == 0)
                        fprintf(stderr,
                                _("protokol: TERM=%s is not a terminal type known here (no "
                                  "terminfo entry), so the UI cannot draw; run it in a real "
                                  "terminal (e.g. TERM=xterm-256color), or use `protokol run` "
                                  "for scripts\n"),
                                term);
                else
                        fprintf(stderr,
                                _("protokol: the terminfo database is missing, so TERM=%s is "
                                  "unknown and the UI cannot draw; install ncurses-base, or use "
                                  "`protokol run` for scripts\n"),
                                term);
                return PK_EXIT_USAGE;
        }
        const char *cup = tigetstr("cup");
        bool ok = cup && cup != (char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
        del_curterm(cur_term);
        if (!ok) {
                fprintf(stderr,
                        _("protokol: TERM=%s cannot move the cursor, so the full-screen UI "
                          "cannot draw on it; run it in a real terminal (e.g. "
                          "TERM=xterm-256color), or use `protokol run` for scripts\n"),
                        term);
                return PK_EXIT_USAGE;
        }
        return 0;
}
