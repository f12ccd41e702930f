/*
 * export_csv.c - the CSV exports of a meeting, each field quoted by libcsv's writer.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/export.h"

static void field(struct sb *out, const char *v, bool first)
{
        if (!first)
                sb_add(out, ",");
        size_t n = strlen(v);
        size_t need = csv_write(NULL, 0, v, n);
        char *buf = pk_xmalloc(need + 1);
        csv_write(buf, need, v, n);
        sb_addn(out, buf, need);
        free(buf);
}

static void row(struct sb *out, int n, const char *const *v)
{
        for (int i = 0; i < n; i++)
                field(out, v[i] ? v[i] : "", i == 0);
        sb_add(out, "\r\n");
}

/* The item a ballot belongs to, or "" for a vote on the meeting (order, floor). */
static void item_number(const struct meeting *m, const struct ballot *b, char *buf, size_t n)
{
        if (b->item >= 0)
                snprintf(buf, n, "%d", m->items[b->item].number);
        else
                buf[0] = '\0';
}

bool csv_export_parse(const char *s, enum csv_export *out)
{
        if (!strcmp(s, "votes"))
                *out = CE_VOTES;
        else if (!strcmp(s, "member-votes"))
                *out = CE_MEMBER_VOTES;
        else if (!strcmp(s, "attendance"))
                *out = CE_ATTENDANCE;
        else
                return false;
        return true;
}

static const char *kind_word(enum subject_kind k)
{
        static const char *n[] = {"main",    "amendment",  "sub-amendment", "procedural",
                                  "closure", "deny-floor", "order",         "reading"};
        return n[k];
}

/* Left out of a public export: anything of, or decided during, a closed-door item. */
static bool hidden(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                   bool public_)
{
        return public_ && !engine_public_ballot(s, m, b);
}

void csv_export(const struct pk_state *s, int mi, enum csv_export what, bool public_,
                struct sb *out)
{
        const struct meeting *m = &s->meetings[mi];
        char a[16], b[16], c[16], d[16], e[16];
        if (what == CE_VOTES) {
                static const char *h[] = {"item", "ballot",  "subject", "kind",  "text",
                                          "for",  "against", "abstain", "result"};
                row(out, 9, h);
                int shown = 0;
                for (int k = 0; k < m->nballots; k++) {
                        const struct ballot *bl = &m->ballots[k];
                        if (bl->open || hidden(s, m, bl, public_))
                                continue;
                        const struct subject *sj = &m->subjects[bl->subject];
                        item_number(m, bl, a, sizeof a);
                        snprintf(b, sizeof b, "%d", public_ ? ++shown : k + 1);
                        snprintf(c, sizeof c, "%d", bl->nfor);
                        snprintf(d, sizeof d, "%d", bl->nagainst);
                        snprintf(e, sizeof e, "%d", bl->nabstain);
                        const char *v[] = {a,
                                           b,
                                           sj->id,
                                           kind_word(sj->kind),
                                           sj->text,
                                           c,
                                           d,
                                           e,
                                           bl->adopted ? "adopted" : "rejected"};
                        row(out, 9, v);
                }
                return;
        }
        if (what == CE_MEMBER_VOTES) {
                static const char *h[] = {"item", "ballot", "subject", "member", "party", "vote"};
                row(out, 6, h);
                int shown = 0;
                for (int k = 0; k < m->nballots; k++) {
                        const struct ballot *bl = &m->ballots[k];
                        if (bl->open || !bl->named || hidden(s, m, bl, public_))
                                continue;
                        const struct subject *sj = &m->subjects[bl->subject];
                        item_number(m, bl, a, sizeof a);
                        snprintf(b, sizeof b, "%d", public_ ? ++shown : k + 1);
                        for (int i = 0; i < s->nmembers; i++) {
                                const struct member *mb = &s->members[i];
                                if (mb->body != m->body)
                                        continue;
                                const char *vote;
                                enum vote_choice vc = i < bl->nvotes ? bl->votes[i] : VC_NONE;
                                bool inh = bl->room >= 0 && i < m->items[bl->room].ninhabil &&
                                           m->items[bl->room].inhabil[i];
                                if (vc == VC_FOR)
                                        vote = "for";
                                else if (vc == VC_AGAINST)
                                        vote = "against";
                                else if (vc == VC_ABSTAIN)
                                        vote = "abstain";
                                else if (inh)
                                        vote = "inhabil";
                                else if (mb->principal >= 0)
                                        continue; /* a substitute not seated has no vote to account
                                                     for */
                                else
                                        vote = "absent";
                                const char *v[] = {a, b, sj->id, mb->name, mb->party, vote};
                                row(out, 6, v);
                        }
                }
                return;
        }
        static const char *h[] = {"member", "party",   "role", "status",
                                  "reason", "arrived", "left", "substitute_for"};
        static const char *roles[] = {"member", "mayor", "chair", "vice-chair", "deputy"};
        row(out, 8, h);
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != m->body)
                        continue;
                const struct attendance *at = i < m->natt ? &m->att[i] : NULL;
                if (mb->principal >= 0 && !(at && at->attended))
                        continue;
                const char *status = "absent";
                if (at && at->attended)
                        status = at->status == ATT_LEFT ? "left" : "present";
                const char *v[] = {mb->name,
                                   mb->party,
                                   roles[mb->role],
                                   status,
                                   at && !at->attended && !public_ ? at->reason : NULL,
                                   at ? at->arrived : NULL,
                                   at ? at->left : NULL,
                                   at && at->seat_of >= 0 ? s->members[at->seat_of].name : NULL};
                row(out, 8, v);
        }
}
