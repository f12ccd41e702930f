/*
 * compose.c - building the script lines the UI sends to the action layer, and the
 * read-only questions about the state the panes ask (who may vote, the voting order).
 * No curses here, so it is unit-tested directly (tests/tui/test_compose.c).
 *
 * Invariant: a line built here parses back to the same names: every name is quoted with
 * " and \ escaped, parties are bare words (the engine registers them as words).
 */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

void tui_quote(struct sb *b, const char *s)
{
        sb_add(b, "\"");
        for (const char *p = s; *p; p++) {
                if (*p == '"' || *p == '\\')
                        sb_addn(b, "\\", 1);
                sb_addn(b, p, 1);
        }
        sb_add(b, "\"");
}

void tui_member_line(struct sb *b, const char *verb, const struct pk_state *s, int k)
{
        sb_add(b, verb);
        sb_add(b, " ");
        tui_quote(b, s->members[k].name);
}

bool tui_seated(const struct pk_state *s, const struct meeting *m, int k)
{
        if (!m || k < 0 || k >= m->natt || m->att[k].status != ATT_PRESENT)
                return false;
        if (s->members[k].principal >= 0)
                return m->att[k].seat_of >= 0;
        return true;
}

static bool inhabil(const struct meeting *m, int item, int k)
{
        if (item < 0 || item >= m->nitems)
                return false;
        const struct item *it = &m->items[item];
        return k < it->ninhabil && it->inhabil[k];
}

bool tui_may_vote(const struct pk_state *s, const struct meeting *m, const struct ballot *b, int k)
{
        return s->members[k].body == m->body && tui_seated(s, m, k) &&
               !inhabil(m, b ? b->item : m->current, k);
}

int tui_parties(const struct pk_state *s, int body, const char **out, int max)
{
        int n = 0;
        for (int i = 0; i < s->nmembers; i++) {
                if (s->members[i].body != body || !s->members[i].party)
                        continue;
                bool seen = false;
                for (int k = 0; k < n && !seen; k++)
                        seen = !strcmp(out[k], s->members[i].party);
                if (!seen && n < max)
                        out[n++] = s->members[i].party;
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
                tui_quote(list, quoted);
        }
}

int tui_vote_line(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                  const enum vote_choice *choice, struct sb *out)
{
        struct sb lists[3] = {{0}, {0}, {0}}; /* for, against, abstain */
        const char *parties[256];
        int np = tui_parties(s, m->body, parties, 256);
        int voters = 0;
        for (int p = 0; p < np; p++) {
                int count[4] = {0, 0, 0, 0};
                for (int k = 0; k < s->nmembers; k++) {
                        if (!tui_may_vote(s, m, b, k) || strcmp(s->members[k].party, parties[p]))
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
                        if (!tui_may_vote(s, m, b, k) || strcmp(s->members[k].party, parties[p]))
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

/* ---------- the voting order (mirrors engine_next_subject's rules) ---------- */

static bool in_scope(const struct meeting *m, const struct subject *sj, const char *done, int i)
{
        if (sj->status != SS_OPEN || done[i])
                return false;
        if (sj->kind == SK_DENY || sj->kind == SK_ORDER)
                return true;
        return m->current >= 0 && sj->item == m->current;
}

static int first_open(const struct meeting *m, const char *done, enum subject_kind k, int parent)
{
        int best = -1;
        for (int i = 0; i < m->nsubjects; i++) {
                const struct subject *sj = &m->subjects[i];
                if (sj->kind != k || !in_scope(m, sj, done, i))
                        continue;
                if (parent >= 0 && sj->parent != parent)
                        continue;
                if (best < 0 || sj->rank < m->subjects[best].rank)
                        best = i;
        }
        return best;
}

static int next_of(const struct meeting *m, const char *done)
{
        for (int i = 0; i < m->nsubjects; i++) {
                enum subject_kind k = m->subjects[i].kind;
                if ((k == SK_CLOSURE || k == SK_DENY || k == SK_ORDER) &&
                    in_scope(m, &m->subjects[i], done, i))
                        return i;
        }
        int k;
        if ((k = first_open(m, done, SK_PROC, -1)) >= 0)
                return k;
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        if (it && it->reading == 1)
                return first_open(m, done, SK_READING, -1);
        int amend = first_open(m, done, SK_AMEND, -1);
        if (amend >= 0) {
                int sub = first_open(m, done, SK_SUB, amend);
                return sub >= 0 ? sub : amend;
        }
        return first_open(m, done, SK_MAIN, -1);
}

int tui_voting_order(const struct pk_state *s, const struct meeting *m, int *out, int max)
{
        if (!m || m->nsubjects == 0)
                return 0;
        char *done = pk_xcalloc((size_t)m->nsubjects, 1);
        int n = 0;
        /* an open ballot is voted first */
        if (m->open_ballot >= 0 && n < max) {
                int k = m->ballots[m->open_ballot].subject;
                out[n++] = k;
                done[k] = 1;
        }
        int k;
        while (n < max && (k = next_of(m, done)) >= 0) {
                out[n++] = k;
                done[k] = 1;
        }
        free(done);
        /* the engine has the last word on what comes next */
        if (m->open_ballot < 0 && n > 0) {
                int e = engine_next_subject(s, m, NULL);
                if (e != out[0]) {
                        out[0] = e;
                        n = e >= 0 ? 1 : 0;
                }
        }
        return n;
}
