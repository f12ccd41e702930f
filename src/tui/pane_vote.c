/*
 * pane_vote.c - the named vote: the members who may vote, by party, with the live
 * count. Whole parties (a digit sets party N: for, then against, abstain; or f/a/x on a
 * party row) and exceptions (f/a/x on a member) in any order: a party key never moves the
 * cursor and never overwrites a member set on their own (marked "*"); F/A/X set everyone
 * not yet set. Enter shows a summary on one screen (the counts and, by name, every member
 * who votes otherwise than most of their party); a second Enter records one
 * `vote for=... against=... abstain=...` line with party:X and the quoted names of those
 * members. PROTOKOL_VOTE_SUMMARY=off records on the first Enter. Members left unset are
 * recorded as abstaining, after a warning. A party-line vote: v, one key per party line,
 * Enter, Enter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

static const struct ballot *open_ballot(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        return m && m->open_ballot >= 0 ? &m->ballots[m->open_ballot] : NULL;
}

/* Makes the draft cover every member index (members may be added while it is open). */
static void draft_fit(struct tui *t)
{
        int n = app_state(t->app)->nmembers;
        if (t->vote.n >= n)
                return;
        t->vote.choice = pk_xrealloc(t->vote.choice, (size_t)n * sizeof *t->vote.choice);
        t->vote.exc = pk_xrealloc(t->vote.exc, (size_t)n * sizeof *t->vote.exc);
        for (int i = t->vote.n; i < n; i++) {
                t->vote.choice[i] = VC_NONE;
                t->vote.exc[i] = false;
        }
        t->vote.n = n;
}

/* The parties that have members who may vote, in registration order. */
static int voting_parties(struct tui *t, const char **out, int max)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        const char *all[256];
        int na = tui_parties(s, m->body, m, all, 256), n = 0;
        for (int p = 0; p < na && n < max; p++)
                for (int k = 0; k < s->nmembers; k++)
                        if (tui_may_vote(s, m, b, k) && !strcmp(tui_party(s, m, k), all[p])) {
                                out[n++] = all[p];
                                break;
                        }
        return n;
}

static const char *choice_name(enum vote_choice c)
{
        switch (c) {
        case VC_FOR:
                return _("for");
        case VC_AGAINST:
                return _("against");
        case VC_ABSTAIN:
                return _("abstain");
        case VC_NONE:
                break;
        }
        return "·";
}

static enum tui_color choice_color(enum vote_choice c)
{
        return c == VC_FOR       ? TC_FOR
               : c == VC_AGAINST ? TC_AGAINST
               : c == VC_ABSTAIN ? TC_ABSTAIN
                                 : TC_DIM;
}

/* The common choice of a party's voters who follow the party line, or -1 if they differ. */
static int party_choice(struct tui *t, const char *party)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        int c = -2;
        for (int k = 0; k < s->nmembers; k++) {
                if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), party) ||
                    t->vote.exc[k])
                        continue;
                if (c == -2)
                        c = (int)t->vote.choice[k];
                else if (c != (int)t->vote.choice[k])
                        return -1;
        }
        return c < 0 ? -1 : c;
}

static void counts(struct tui *t, int c[4])
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        c[0] = c[1] = c[2] = c[3] = 0;
        for (int k = 0; k < s->nmembers; k++)
                if (tui_may_vote(s, m, b, k))
                        c[t->vote.choice[k]]++;
}

bool tui_vote_summary_on(void)
{
        const char *e = getenv("PROTOKOL_VOTE_SUMMARY");
        return !(e && (!strcmp(e, "off") || !strcmp(e, "0") || !strcmp(e, "no")));
}

struct wrapctx {
        struct rows *out;
        enum tui_color c;
};

static void add_wrapped(void *ctx, const char *line)
{
        struct wrapctx *w = ctx;
        rows_add(w->out, line, NULL, w->c, TC_NORMAL, false, -1);
}

/* The summary Enter shows before recording: the counts, the parties, who differs. */
static void build_summary(struct tui *t, struct pane *p, struct rows *out)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        int width = p->w - (p->sep ? 1 : 0);
        int c[4];
        counts(t, c);
        char line[512];
        const struct subject *sj = &m->subjects[b->subject];
        snprintf(line, sizeof line, _("Record this vote on %s (%s)?"), sj->id,
                 engine_subject_kind_name(sj->kind));
        rows_add(out, line, NULL, TC_TITLE, TC_NORMAL, false, -1);
        snprintf(line, sizeof line, _("for %d  against %d  abstain %d"), c[VC_FOR], c[VC_AGAINST],
                 c[VC_ABSTAIN] + c[VC_NONE]);
        rows_add(out, line, NULL, TC_OK, TC_NORMAL, false, -1);
        if (c[VC_NONE]) {
                snprintf(line, sizeof line, _("(%d not set, recorded as abstaining)"), c[VC_NONE]);
                rows_add(out, line, NULL, TC_WARN, TC_NORMAL, false, -1);
        }
        struct sb parts = {0};
        const char *parties[256];
        int np = voting_parties(t, parties, 256);
        for (int pi = 0; pi < np; pi++) {
                int pc = party_choice(t, parties[pi]);
                sb_addf(&parts, "%s%s %s", pi ? "  " : "", parties[pi],
                        pc < 0 ? _("mixed") : choice_name((enum vote_choice)pc));
        }
        struct wrapctx w = {out, TC_NORMAL};
        tui_wrap(sb_str(&parts), width, add_wrapped, &w);
        sb_free(&parts);
        struct sb dev = {0};
        int nd = tui_vote_deviators(s, m, b, t->vote.choice, &dev);
        rows_add(out, "", NULL, TC_NORMAL, TC_NORMAL, false, -1);
        if (nd == 0) {
                rows_add(out, _("every member votes with their party"), NULL, TC_NORMAL, TC_NORMAL,
                         false, -1);
        } else {
                snprintf(line, sizeof line, _("%d vote otherwise than their party:"), nd);
                rows_add(out, line, NULL, TC_WARN, TC_NORMAL, false, -1);
                /* one per row: split the list at ", " before a name */
                const char *d = sb_str(&dev);
                while (*d) {
                        const char *e = strstr(d, ", ");
                        size_t n = e ? (size_t)(e - d) : strlen(d);
                        snprintf(line, sizeof line, "  %.*s", (int)n, d);
                        w.c = TC_WARN;
                        tui_wrap(line, width, add_wrapped, &w);
                        d = e ? e + 2 : d + n;
                }
        }
        sb_free(&dev);
        rows_add(out, "", NULL, TC_NORMAL, TC_NORMAL, false, -1);
        rows_add(out, _("Enter records it · Esc goes back to change it"), NULL, TC_KEY, TC_NORMAL,
                 false, -1);
}

static void build(struct tui *t, struct pane *p, struct rows *out)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        if (!b) {
                rows_add(out, _("no ballot is open"), NULL, TC_DIM, TC_NORMAL, false, -1);
                return;
        }
        draft_fit(t);
        if (t->vote.summary) {
                build_summary(t, p, out);
                return;
        }
        int c[4];
        counts(t, c);
        char line[256];
        snprintf(line, sizeof line, _("for %d  against %d  abstain %d"), c[VC_FOR], c[VC_AGAINST],
                 c[VC_ABSTAIN]);
        rows_add(out, line, NULL, TC_TITLE, TC_NORMAL, false, -1);
        if (c[VC_NONE]) {
                snprintf(line, sizeof line, _("not set %d (recorded as abstaining)"), c[VC_NONE]);
                rows_add(out, line, NULL, TC_WARN, TC_NORMAL, false, -1);
        }
        const char *parties[256];
        int np = voting_parties(t, parties, 256);
        for (int pi = 0; pi < np; pi++) {
                int pc = party_choice(t, parties[pi]);
                char head[300];
                if (pi < 9)
                        snprintf(head, sizeof head, "%d %s", pi + 1, parties[pi]);
                else
                        snprintf(head, sizeof head, "  %s", parties[pi]);
                rows_add(out, head, pc < 0 ? _("mixed") : choice_name((enum vote_choice)pc),
                         TC_TITLE, pc < 0 ? TC_WARN : choice_color((enum vote_choice)pc), true,
                         -2 - pi);
                for (int k = 0; k < s->nmembers; k++) {
                        if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), parties[pi]))
                                continue;
                        enum vote_choice ch = t->vote.choice[k];
                        /* * marks a member set on their own: the party's key leaves them */
                        snprintf(line, sizeof line, "  %s %s", t->vote.exc[k] ? "*" : " ",
                                 s->members[k].name);
                        bool odd = (pc < 0 && ch != VC_NONE) || (t->vote.exc[k] && (int)ch != pc);
                        if (t->vote.fresh) {
                                p->cursor = out->n; /* the first member */
                                t->vote.fresh = false;
                        }
                        rows_add(out, line, choice_name(ch), odd ? TC_WARN : TC_NORMAL,
                                 choice_color(ch), true, k);
                }
        }
        /* who is in the room but may not vote */
        for (int k = 0; k < s->nmembers; k++)
                if (s->members[k].body == m->body && tui_seated(s, m, k) &&
                    !tui_may_vote(s, m, b, k)) {
                        snprintf(line, sizeof line, "    %s", s->members[k].name);
                        rows_add(out, line, _("inhabil"), TC_DIM, TC_DIM, false, -1);
                }
}

static void title_text(struct tui *t, struct pane *p, char *buf, size_t n)
{
        (void)p;
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        if (!b) {
                snprintf(buf, n, "%s", _("Vote"));
                return;
        }
        const struct subject *sj = &m->subjects[b->subject];
        snprintf(buf, n, _("Vote on %s (%s)"), sj->id, engine_subject_kind_name(sj->kind));
}

/* Sets a party's line: every voter of the party but those set on their own. */
static void set_party(struct tui *t, const char *party, enum vote_choice c)
{
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        for (int k = 0; k < s->nmembers; k++)
                if (tui_may_vote(s, m, b, k) && !strcmp(tui_party(s, m, k), party) &&
                    !t->vote.exc[k])
                        t->vote.choice[k] = c;
}

static enum vote_choice cycle(int c)
{
        return c == VC_FOR ? VC_AGAINST : c == VC_AGAINST ? VC_ABSTAIN : VC_FOR;
}

/* Sets the row under the cursor (a party or a member); cyc: cycle instead of c. */
static void set_row(struct tui *t, struct pane *p, enum vote_choice c, bool cyc)
{
        if (p->cursor < 0 || p->cursor >= p->rows.n)
                return;
        int pay = p->rows.v[p->cursor].payload;
        if (pay >= 0 && pay < t->vote.n) {
                t->vote.choice[pay] = cyc ? cycle((int)t->vote.choice[pay]) : c;
                /* cleared: the member follows the party again (from its next key) */
                t->vote.exc[pay] = t->vote.choice[pay] != VC_NONE;
                if (!t->vote.exc[pay]) {
                        int pc = party_choice(t, tui_party(app_state(t->app), tui_meeting(t), pay));
                        t->vote.choice[pay] = pc < 0 ? VC_NONE : (enum vote_choice)pc;
                }
                return;
        }
        const char *parties[256];
        int np = voting_parties(t, parties, 256), pi = -2 - pay;
        if (pi < 0 || pi >= np)
                return;
        set_party(t, parties[pi], cyc ? cycle(party_choice(t, parties[pi])) : c);
}

static void counts_done(struct tui *t, const char *text)
{
        int f = 0, a = 0, x = 0;
        if (sscanf(text, "%d%*[ ,]%d%*[ ,]%d", &f, &a, &x) < 1) {
                tui_message(t, MK_ERROR, _("write the counts as FOR,AGAINST,ABSTAIN, e.g. 14,9,2"));
                return;
        }
        char line[128];
        snprintf(line, sizeof line, "vote for=%d against=%d abstain=%d", f, a, x);
        if (tui_exec(t, line) == AR_OK)
                tui_vote_end(t);
}

/* Enter: shows the summary, then records the vote (asking once if members are not set). */
static void confirm(struct tui *t)
{
        const struct meeting *m = tui_meeting(t);
        const struct ballot *b = open_ballot(t);
        int c[4];
        counts(t, c);
        if (!t->vote.summary && tui_vote_summary_on()) {
                t->vote.summary = true;
                t->vote.warned = true; /* the summary says who is not set */
                t->need_layout = true;
                tui_message(t, MK_INFO, "%s",
                            _("check the vote: Enter records it, Esc goes back to change it"));
                return;
        }
        if (c[VC_NONE] > 0 && !t->vote.warned) {
                t->vote.warned = true;
                tui_message(t, MK_DENIED,
                            _("%d members have no vote set: Enter again records them as "
                              "abstaining"),
                            c[VC_NONE]);
                return;
        }
        struct sb line = {0}, dev = {0};
        tui_vote_line(app_state(t->app), m, b, t->vote.choice, &line);
        int nd = tui_vote_deviators(app_state(t->app), m, b, t->vote.choice, &dev);
        if (tui_exec(t, sb_str(&line)) == AR_OK) {
                tui_vote_end(t);
                /* the result names who voted otherwise than their party */
                if (nd > 0 && strlen(t->msg) + dev.len + 40 < sizeof t->msg) {
                        char msg[sizeof t->msg];
                        snprintf(msg, sizeof msg, "%s", t->msg);
                        tui_message(t, MK_OK, _("%s; otherwise than their party: %s"), msg,
                                    sb_str(&dev));
                }
        } else {
                t->vote.summary = false;
                t->need_layout = true;
        }
        sb_free(&line);
        sb_free(&dev);
}

static bool is_nav(enum tui_action a)
{
        return a == TA_UP || a == TA_DOWN || a == TA_PGUP || a == TA_PGDN || a == TA_HOME ||
               a == TA_END;
}

static unsigned key(struct tui *t, struct pane *p, enum tui_action a)
{
        if (!open_ballot(t)) {
                if (a == TA_SELECT || a == TA_CANCEL) {
                        tui_vote_end(t);
                        return TH_HANDLED | TH_REDRAW;
                }
                return TH_UNHANDLED;
        }
        draft_fit(t);
        if (t->vote.summary && a != TA_SELECT) {
                /* any other key goes back to the draft (Esc only does that) */
                t->vote.summary = false;
                t->need_layout = true;
                tui_message(t, MK_INFO, "%s", _("not recorded: change the vote, Enter again"));
                if (a == TA_CANCEL || is_nav(a))
                        return TH_HANDLED | TH_REDRAW;
        }
        if (a != TA_SELECT)
                t->vote.warned = false;
        if (a >= TA_V_PARTY1 && a <= TA_V_PARTY9) {
                const char *parties[256];
                int np = voting_parties(t, parties, 256), pi = (int)(a - TA_V_PARTY1);
                if (pi >= np) {
                        tui_message(t, MK_ERROR, _("there is no party %d in this vote"), pi + 1);
                        return TH_HANDLED | TH_REDRAW;
                }
                /* the cursor stays where it is: an exception set next lands where it shows */
                set_party(t, parties[pi], cycle(party_choice(t, parties[pi])));
                return TH_HANDLED | TH_REDRAW;
        }
        switch (a) {
        case TA_V_FOR:
        case TA_V_AGAINST:
        case TA_V_ABSTAIN:
                set_row(t, p,
                        a == TA_V_FOR       ? VC_FOR
                        : a == TA_V_AGAINST ? VC_AGAINST
                                            : VC_ABSTAIN,
                        false);
                pane_move(p, TA_DOWN);
                return TH_HANDLED | TH_REDRAW;
        case TA_V_CYCLE:
                set_row(t, p, VC_NONE, true);
                return TH_HANDLED | TH_REDRAW;
        case TA_V_CLEAR:
                set_row(t, p, VC_NONE, false);
                return TH_HANDLED | TH_REDRAW;
        case TA_V_REST_FOR:
        case TA_V_REST_AGAINST:
        case TA_V_REST_ABSTAIN: {
                enum vote_choice c = a == TA_V_REST_FOR       ? VC_FOR
                                     : a == TA_V_REST_AGAINST ? VC_AGAINST
                                                              : VC_ABSTAIN;
                for (int k = 0; k < t->vote.n; k++)
                        if (t->vote.choice[k] == VC_NONE)
                                t->vote.choice[k] = c;
                return TH_HANDLED | TH_REDRAW;
        }
        case TA_V_COUNTS:
                tui_prompt(t, _("Counts for,against,abstain: "), "", counts_done, "");
                return TH_HANDLED | TH_REDRAW;
        case TA_SELECT:
                confirm(t);
                return TH_HANDLED | TH_REDRAW;
        case TA_CANCEL:
                tui_vote_end(t);
                tui_message(t, MK_INFO,
                            _("the ballot stays open: v records the vote, u undoes the ballot"));
                return TH_HANDLED | TH_REDRAW;
        default:
                return TH_UNHANDLED;
        }
}

const struct pane_ops pane_vote_ops = {
    .name = "vote",
    .title = N_("Vote"),
    .build = build,
    .key = key,
    .title_text = title_text,
    .cursor = true,
};
