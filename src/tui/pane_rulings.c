/*
 * pane_rulings.c - the chair's rulings view: what may happen now, and for everything
 * that may not, the reason with the § and stk. of the rules of procedure and the
 * profile's paraphrase of the very rule it rests on. Built from engine_allowed_set.
 */
#include <stdio.h>
#include <string.h>

#include "protokol/action.h"
#include "protokol/i18n.h"
#include "tui_int.h"

struct wrapctx {
        struct rows *out;
        enum tui_color c;
};

static void add_line(void *ctx, const char *line)
{
        struct wrapctx *w = ctx;
        rows_add(w->out, line, NULL, w->c, TC_NORMAL, false, -1);
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        int width = p->w - 1;
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        int body = m ? m->body : s->cur_body;
        const struct profile *prof = body >= 0 ? &s->bodies[body].profile : NULL;
        struct pk_verdict vd[V__COUNT];
        engine_allowed_set(s, vd);
        struct wrapctx w = {out, TC_TITLE};
        add_line(&w, _("Allowed now"));
        /* the allowed verbs, each with what it does */
        char b[1400];
        for (int v = 0; v < V__COUNT; v++) {
                if (!pk_verb_info[v].records || !vd[v].allowed)
                        continue;
                char next[200] = "";
                int k = v == V_BALLOT && m ? engine_next_subject(s, m, NULL) : -1;
                if (k >= 0)
                        snprintf(next, sizeof next, _(" (next: %s, %s)"), m->subjects[k].id,
                                 engine_subject_kind_name(m->subjects[k].kind));
                snprintf(b, sizeof b, "  ✓ %s%s — %s", pk_verb_info[v].name, next,
                         _(pk_verb_info[v].help));
                w.c = TC_OK;
                tui_wrap(b, width, add_line, &w);
        }
        w.c = TC_TITLE;
        add_line(&w, "");
        add_line(&w, _("Not allowed now, and why"));
        for (int v = 0; v < V__COUNT; v++) {
                if (!pk_verb_info[v].records || vd[v].allowed)
                        continue;
                if (vd[v].cite[0])
                        snprintf(b, sizeof b, "  ✗ %s: %s (%s)", pk_verb_info[v].name, vd[v].why,
                                 vd[v].cite);
                else
                        snprintf(b, sizeof b, "  ✗ %s: %s", pk_verb_info[v].name, vd[v].why);
                w.c = TC_DENIED;
                tui_wrap(b, width, add_line, &w);
                if (prof && vd[v].rule < R__COUNT) {
                        /* the paraphrase of the very rule the refusal rests on */
                        snprintf(b, sizeof b, "      %s", profile_rule_text(prof, vd[v].rule));
                        w.c = TC_DIM;
                        tui_wrap(b, width, add_line, &w);
                }
        }
        engine_verdicts_free(vd);
        tui_precedents(t, width, out);
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        const struct meeting *m = tui_meeting(t);
        const struct body *b = m ? engine_body_of(app_state(t->app), m) : NULL;
        if (b)
                snprintf(buf, n, _("Rulings: what the rules allow now (%s)"), b->profile.name);
        else
                snprintf(buf, n, "%s", _("Rulings: what the rules allow now"));
}

const struct pane_ops pane_rulings_ops = {
    .name = "rulings",
    .title = N_("Rulings"),
    .build = build,
    .title_text = title_text,
};
