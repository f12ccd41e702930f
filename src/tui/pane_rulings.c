/*
 * pane_rulings.c - the chair's rulings view: what may happen now, and for everything
 * that may not, the reason with the § and stk. of the rules of procedure and the
 * profile's paraphrase of the rule. Generated from engine_allowed(state, true).
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
        struct sb all = {0};
        engine_allowed(app_state(t->app), true, &all);
        struct wrapctx w = {out, TC_TITLE};
        add_line(&w, _("Allowed now"));
        /* the allowed verbs, each with what it does */
        const char *s = sb_str(&all);
        while (*s) {
                const char *e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                char line[1200];
                snprintf(line, sizeof line, "%.*s", (int)n, s);
                if (!strncmp(line, "allowed: ", 9)) {
                        char verb[64];
                        sscanf(line + 9, "%63s", verb);
                        enum pk_verb v = verb_lookup(verb);
                        char b[1400];
                        snprintf(b, sizeof b, "  ✓ %s — %s", line + 9,
                                 v < V__COUNT ? _(pk_verb_info[v].help) : "");
                        w.c = TC_OK;
                        tui_wrap(b, width, add_line, &w);
                }
                s = e ? e + 1 : s + n;
        }
        w.c = TC_TITLE;
        add_line(&w, "");
        add_line(&w, _("Not allowed now, and why"));
        s = sb_str(&all);
        while (*s) {
                const char *e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                char line[1200];
                snprintf(line, sizeof line, "%.*s", (int)n, s);
                char b[1400];
                if (!strncmp(line, "denied: ", 8)) {
                        snprintf(b, sizeof b, "  ✗ %s", line + 8);
                        w.c = TC_DENIED;
                        tui_wrap(b, width, add_line, &w);
                } else if (line[0] == ' ') {
                        /* the profile's paraphrase of the rule, under its refusal */
                        snprintf(b, sizeof b, "      %s", line + 2);
                        w.c = TC_DIM;
                        tui_wrap(b, width, add_line, &w);
                }
                s = e ? e + 1 : s + n;
        }
        sb_free(&all);
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
