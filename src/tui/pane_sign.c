/*
 * pane_sign.c - the signing sheet after `close`: every member who attended, whether they
 * have signed and when. Enter records the signature of the member under the cursor (one
 * `sign "NAME"` line) and moves on to the next who has not signed; S records it for all who
 * attended and have not signed, after one question (still one `sign` line per member);
 * typing letters finds a member (see tui_find).
 */
#include <stdio.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        (void)p;
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        if (!m || (m->state != MS_CLOSED && m->state != MS_LOCKED)) {
                rows_add(out, _("the protocol is signed after the meeting is closed (C)"), NULL,
                         TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        int total = 0, done = 0;
        for (int k = 0; k < m->natt && k < s->nmembers; k++)
                if (m->att[k].attended) {
                        total++;
                        done += m->att[k].signed_at ? 1 : 0;
                }
        char line[512];
        snprintf(line, sizeof line, _("%d of %d who attended have signed"), done, total);
        rows_add(out, line, m->state == MS_LOCKED ? _("locked") : NULL, TC_TITLE, TC_OK, false, -1);
        for (int k = 0; k < m->natt && k < s->nmembers; k++) {
                const struct attendance *a = &m->att[k];
                if (!a->attended)
                        continue;
                char right[64] = "";
                if (a->signed_at)
                        snprintf(right, sizeof right, _("signed %.5s"),
                                 strlen(a->signed_at) >= 16 ? a->signed_at + 11 : a->signed_at);
                snprintf(line, sizeof line, "%s %s", a->signed_at ? "✓" : " ", s->members[k].name);
                rows_add(out, line, right, a->signed_at ? TC_DIM : TC_NORMAL, TC_OK, true, k);
        }
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        if (t->find[0])
                snprintf(buf, n, _("Signing sheet · find: %s"), t->find);
        else
                snprintf(buf, n, "%s", _("Signing sheet: Enter signs, S all sign, Esc closes"));
}

/* The members who attended and have not signed: how many. */
static int unsigned_count(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        int n = 0;
        for (int k = 0; m && k < m->natt; k++)
                n += m->att[k].attended && !m->att[k].signed_at ? 1 : 0;
        return n;
}

static void sign_all_done(struct tui *t, const char *text)
{
        (void)text;
        const struct pk_state *s = app_state(t->app);
        int n = 0, want = unsigned_count(t);
        for (int k = 0; k < s->nmembers; k++) {
                const struct meeting *m = tui_meeting(t);
                if (!m || k >= m->natt || !m->att[k].attended || m->att[k].signed_at)
                        continue;
                struct sb line = {0};
                tui_member_line(&line, "sign", s, k);
                enum app_result r = tui_exec(t, sb_str(&line));
                sb_free(&line);
                if (r != AR_OK)
                        return; /* the refusal is on the message line */
                n++;
        }
        if (n == want && n > 0) {
                char last[sizeof t->reply_text];
                snprintf(last, sizeof last, "%s", t->reply_text);
                tui_message(t, MK_OK, _("%d signatures recorded; %s"), n, last);
        }
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        if (a == TA_SIGN_ALL) {
                int n = unsigned_count(t);
                if (n == 0) {
                        tui_message(t, MK_DENIED, "%s", _("no one is left to sign"));
                        return TH_HANDLED | TH_REDRAW;
                }
                char q[200];
                snprintf(q, sizeof q, _("All %d who attended and have not signed sign now?"), n);
                tui_ask(t, q, sign_all_done, NULL);
                return TH_HANDLED | TH_REDRAW;
        }
        if (a == TA_SELECT) {
                if (p->cursor < 0 || p->cursor >= p->rows.n || p->rows.v[p->cursor].payload < 0)
                        return TH_HANDLED;
                int k = p->rows.v[p->cursor].payload;
                struct sb line = {0};
                tui_member_line(&line, "sign", app_state(t->app), k);
                if (tui_exec(t, sb_str(&line)) == AR_OK) {
                        /* on to the next who has not signed */
                        const struct meeting *m = tui_meeting(t);
                        for (int i = p->cursor + 1; m && i < p->rows.n; i++) {
                                int j = p->rows.v[i].payload;
                                if (j >= 0 && j < m->natt && !m->att[j].signed_at) {
                                        p->cursor = i;
                                        break;
                                }
                        }
                }
                sb_free(&line);
                t->find[0] = '\0';
                return TH_HANDLED | TH_REDRAW;
        }
        return TH_UNHANDLED;
}

const struct pane_ops pane_sign_ops = {
    .name = "sign",
    .title = N_("Signing sheet"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};
