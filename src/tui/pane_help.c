/*
 * pane_help.c - help on `?`, generated: the key bindings of every pane from the binding
 * table (so a user's rebinding shows), then every script verb from the action table
 * (pk_verb_info) with its arguments, all of which the command line `:` accepts. The
 * same pane shows the multi-line output of a command (status, allowed).
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

/* One spec letter of action.h as the user writes it. */
static const char *arg_name(char c)
{
        switch (c) {
        case 'S':
        case 's':
                return "\"TEXT\"";
        case 'D':
                return "YYYY-MM-DD";
        case 'T':
                return "HH:MM";
        case 'N':
                return "N";
        case 'A':
                return "\"NAME\"|N";
        case 'W':
        case 'w':
                return "WORD";
        case 'L':
                return "\"A\",\"B\"|party:X|rest|N";
        }
        return "?";
}

/* Writes a verb's usage: positional arguments, [key=VALUE] options and [flag] words. */
static void usage(const struct verb_info *v, struct sb *b)
{
        sb_add(b, v->name);
        for (const char *p = v->pos; *p; p++) {
                if (*p == '+' || *p == '*')
                        continue;
                bool opt = *p == 's' || *p == 'w' || p[1] == '*';
                sb_addf(b, " %s%s%s%s", opt ? "[" : "", arg_name(*p),
                        p[1] == '+' || p[1] == '*' ? "…" : "", opt ? "]" : "");
        }
        const char *o = v->opts;
        while (*o) {
                const char *e = strchr(o, ',');
                size_t n = e ? (size_t)(e - o) : strlen(o);
                const char *eq = memchr(o, '=', n);
                if (eq)
                        sb_addf(b, " [%.*s=%s]", (int)(eq - o), o, arg_name(eq[1]));
                o = e ? e + 1 : o + n;
        }
        if (v->flags[0]) {
                sb_add(b, " [");
                for (const char *f = v->flags; *f; f++)
                        sb_addn(b, *f == ',' ? "|" : f, 1);
                sb_add(b, "]");
        }
}

static void build_help(struct pane *p, struct rows *out)
{
        int width = p->w - 1;
        struct wrapctx w = {out, TC_TITLE};
        static const char *panes[] = {"global",  "agenda",    "attendance", "item",
                                      "vote",    "closed",    "sign",       "protocol",
                                      "rulings", "deadlines", "help"};
        static const char *titles[] = {
            N_("Keys everywhere (a pane's own keys come first when it has the focus)"),
            N_("Keys in the agenda"),
            N_("Keys in the attendance (member actions act on the selected member)"),
            N_("Keys in the current item"),
            N_("Keys in the named vote (v opens it; Enter shows the summary, Enter again "
               "records; PROTOKOL_VOTE_SUMMARY=off records at once)"),
            N_("Keys after the meeting is closed"),
            N_("Keys in the signing sheet (S opens it; letters find a member)"),
            N_("Keys in the protocol"),
            N_("Keys in the rulings view"),
            N_("Keys in the deadlines view"),
            N_("Keys in this help")};
        int n;
        const struct binding *b = keys_table(&n);
        for (size_t pi = 0; pi < sizeof panes / sizeof panes[0]; pi++) {
                bool any = false;
                for (int i = 0; i < n; i++) {
                        if (strcmp(b[i].pane, panes[pi]) || b[i].action == TA_NONE)
                                continue;
                        if (!any) {
                                w.c = TC_TITLE;
                                add_line(&w, _(titles[pi]));
                                any = true;
                        }
                        char key[32], line[600];
                        keys_name(b[i].key, key, sizeof key);
                        snprintf(line, sizeof line, "  %-10s %-14s %s", key,
                                 tui_actions[b[i].action].name, _(tui_actions[b[i].action].help));
                        w.c = TC_NORMAL;
                        tui_wrap(line, width, add_line, &w);
                }
                if (any)
                        add_line(&w, "");
        }
        w.c = TC_TITLE;
        add_line(&w, _("Script verbs: type : and the line, as in a meeting script"));
        for (int i = 0; i < V__COUNT; i++) {
                struct sb u = {0};
                sb_add(&u, "  ");
                usage(&pk_verb_info[i], &u);
                w.c = TC_KEY;
                tui_wrap(sb_str(&u), width, add_line, &w);
                sb_clear(&u);
                sb_addf(&u, "      %s", _(pk_verb_info[i].help));
                w.c = TC_NORMAL;
                tui_wrap(sb_str(&u), width, add_line, &w);
                sb_free(&u);
        }
        add_line(&w, "");
        w.c = TC_TITLE;
        add_line(&w, _("Marks"));
        w.c = TC_NORMAL;
        tui_wrap(_("  agenda: ▶ under treatment, ✓ decided, ~ postponed, → referred, ✗ withdrawn"),
                 width, add_line, &w);
        tui_wrap(_("  attendance: + present, - absent, < left, x disqualified (inhabil), ? not "
                   "recorded; #N waiting for the floor"),
                 width, add_line, &w);
        tui_wrap(_("  item: 1., 2., ... the voting order of the open subjects"), width, add_line,
                 &w);
        tui_wrap(_("  vote: * a member set on their own (a party's key leaves them as they are)"),
                 width, add_line, &w);
        tui_wrap(_("  member pickers: type the first letters of a name (case and accents aside) "
                   "to find the member"),
                 width, add_line, &w);
        tui_wrap(_("  command line (:): ↑/↓ the lines typed before, Tab completes a name after \""),
                 width, add_line, &w);
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        if (!t->text_view) {
                build_help(p, out);
                return;
        }
        struct wrapctx w = {out, TC_NORMAL};
        const char *s = t->text_view;
        while (*s) {
                const char *e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                char line[1200];
                snprintf(line, sizeof line, "%.*s", (int)n, s);
                tui_wrap(line, p->w - 1, add_line, &w);
                s = e ? e + 1 : s + n;
        }
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        snprintf(buf, n, "%s", t->text_view ? t->text_title : _("Help"));
}

const struct pane_ops pane_help_ops = {
    .name = "help",
    .title = N_("Help"),
    .build = build,
    .title_text = title_text,
};
