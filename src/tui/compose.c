/*
 * compose.c - building the script lines the UI sends to the action layer, and the
 * read-only questions about the state the panes ask (who may vote, the voting order, the
 * deadlines ahead).
 * No curses here, so it is unit-tested directly (tests/tui/test_compose.c).
 *
 * Invariant: a line built here parses back to the same names: every name is quoted with
 * " and \ escaped, parties are bare words (the engine registers them as words).
 */
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

void tui_member_line(struct sb *b, const char *verb, const struct pk_state *s, int k)
{
        sb_add(b, verb);
        sb_add(b, " ");
        script_quote(b, s->members[k].name);
}

bool tui_seated(const struct pk_state *s, const struct meeting *m, int k)
{
        return engine_seated(s, m, k);
}

bool tui_may_vote(const struct pk_state *s, const struct meeting *m, const struct ballot *b, int k)
{
        return engine_may_vote(s, m, b, k);
}

/* The day whose register a view of m shows: the meeting's, or now (the latest). */
static pk_day view_day(const struct meeting *m)
{
        return m ? m->date : INT32_MAX;
}

const char *tui_party(const struct pk_state *s, const struct meeting *m, int k)
{
        return engine_party_at(s, k, view_day(m));
}

int tui_parties(const struct pk_state *s, int body, const struct meeting *m, const char **out,
                int max)
{
        int n = 0;
        for (int i = 0; i < s->nmembers; i++) {
                const char *p = engine_party_at(s, i, view_day(m));
                if (s->members[i].body != body || !p)
                        continue;
                bool seen = false;
                for (int k = 0; k < n && !seen; k++)
                        seen = !strcmp(out[k], p);
                if (!seen && n < max)
                        out[n++] = p;
        }
        return n;
}

/* Appends one value to a vote list (for=..., against=..., abstain=...). */
static void list_add(struct sb *list, const char *bare, const char *quoted)
{
        if (list->len)
                sb_add(list, ",");
        if (bare) {
                sb_add(list, "party:");
                sb_add(list, bare);
        } else {
                script_quote(list, quoted);
        }
}

/* The choice most of party's voters made (for first on a tie), or VC_NONE without voters. */
static int party_line(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                      const enum vote_choice *choice, const char *party)
{
        int count[4] = {0, 0, 0, 0};
        for (int k = 0; k < s->nmembers; k++) {
                if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), party))
                        continue;
                count[choice[k] == VC_NONE ? VC_ABSTAIN : choice[k]]++;
        }
        int line = VC_NONE;
        for (int c = VC_FOR; c <= VC_ABSTAIN; c++)
                if (count[c] > 0 && (line == VC_NONE || count[c] > count[line]))
                        line = c;
        return line;
}

int tui_vote_deviators(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                       const enum vote_choice *choice, struct sb *out)
{
        static const char *names[4] = {"", N_("for"), N_("against"), N_("abstain")};
        const char *parties[256];
        int np = tui_parties(s, m->body, m, parties, 256), n = 0;
        for (int p = 0; p < np; p++) {
                int line = party_line(s, m, b, choice, parties[p]);
                for (int k = 0; k < s->nmembers; k++) {
                        if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), parties[p]))
                                continue;
                        int c = choice[k] == VC_NONE ? VC_ABSTAIN : (int)choice[k];
                        if (c == line)
                                continue;
                        sb_addf(out, "%s%s (%s) %s", n ? ", " : "", s->members[k].name, parties[p],
                                _(names[c]));
                        n++;
                }
        }
        return n;
}

int tui_vote_line(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                  const enum vote_choice *choice, struct sb *out)
{
        struct sb lists[3] = {{0}, {0}, {0}}; /* for, against, abstain */
        const char *parties[256];
        int np = tui_parties(s, m->body, m, parties, 256);
        int voters = 0;
        for (int p = 0; p < np; p++) {
                int count[4] = {0, 0, 0, 0};
                for (int k = 0; k < s->nmembers; k++) {
                        if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), parties[p]))
                                continue;
                        enum vote_choice c = choice[k] == VC_NONE ? VC_ABSTAIN : choice[k];
                        count[c]++;
                        voters++;
                }
                /* the party's line: the choice most of its voters made (for first on a tie) */
                int line = VC_NONE;
                for (int c = VC_FOR; c <= VC_ABSTAIN; c++)
                        if (count[c] > 0 && (line == VC_NONE || count[c] > count[line]))
                                line = c;
                if (line == VC_NONE)
                        continue;
                list_add(&lists[line - 1], parties[p], NULL);
                for (int k = 0; k < s->nmembers; k++) {
                        if (!tui_may_vote(s, m, b, k) || strcmp(tui_party(s, m, k), parties[p]))
                                continue;
                        enum vote_choice c = choice[k] == VC_NONE ? VC_ABSTAIN : choice[k];
                        if ((int)c != line)
                                list_add(&lists[c - 1], NULL, s->members[k].name);
                }
        }
        static const char *keys[3] = {"for", "against", "abstain"};
        sb_add(out, "vote");
        for (int i = 0; i < 3; i++) {
                if (lists[i].len)
                        sb_addf(out, " %s=%s", keys[i], sb_str(&lists[i]));
                sb_free(&lists[i]);
        }
        return voters;
}

/* ---------- the voting order (the engine's) ---------- */

int tui_voting_order(const struct pk_state *s, const struct meeting *m, int *out, int max)
{
        return engine_voting_order(s, m, out, max);
}

/* ---------- deadlines ---------- */

static int deadline_cmp(const void *a, const void *b)
{
        const struct tui_deadline *x = a, *y = b;
        if (x->day != y->day)
                return x->day < y->day ? -1 : 1;
        if (x->meeting != y->meeting)
                return x->meeting < y->meeting ? -1 : 1;
        return (int)x->key - (int)y->key;
}

int tui_deadlines(const struct pk_state *s, int body, struct tui_deadline **out)
{
        *out = NULL;
        if (body < 0 || body >= s->nbodies)
                return 0;
        const struct profile *p = &s->bodies[body].profile;
        struct tui_deadline *v = NULL;
        int n = 0;
        for (int i = 0; i < s->nmeetings; i++) {
                const struct meeting *m = &s->meetings[i];
                if (m->body != body || (m->state != MS_PLANNED && m->state != MS_OPEN))
                        continue;
                struct deadline d[DK__COUNT];
                int k = deadlines_for_meeting(p, m->date, m->kind, d);
                if (k <= 0)
                        continue;
                v = pk_xrealloc(v, (size_t)(n + k) * sizeof *v);
                for (int j = 0; j < k; j++)
                        v[n++] = (struct tui_deadline){d[j].day, d[j].key, d[j].rule, i};
        }
        if (n > 1)
                qsort(v, (size_t)n, sizeof *v, deadline_cmp);
        *out = v;
        return n;
}

bool tui_deadline_ahead(const struct pk_state *s, int body, pk_day today)
{
        struct tui_deadline *d;
        int n = tui_deadlines(s, body, &d);
        bool ahead = n > 0 && d[n - 1].day >= today;
        free(d);
        return ahead;
}
