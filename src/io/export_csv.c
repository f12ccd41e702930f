/*
 * export_csv.c - the CSV exports of a meeting, each field quoted by libcsv's writer, in two
 * styles: RFC 4180 (comma, CRLF, UTF-8 without BOM, English headers and words) and the way
 * Danish Excel opens a file (UTF-8 with a byte order mark, semicolons, CRLF, Danish headers
 * and words).
 *
 * In both, a cell that a spreadsheet would take for a formula (it starts with = + - @, a tab
 * or a carriage return) is written with a single quote in front ('=HYPERLINK(...)), so a
 * name, motion or reason can never run as a formula when the file is opened.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/export.h"

struct csv_out {
        struct sb *out;
        bool excel;
};

bool csv_formula_like(const char *v)
{
        return v[0] && strchr("=+-@\t\r", v[0]) != NULL;
}

static void field(const struct csv_out *co, const char *v, bool first)
{
        struct sb *out = co->out;
        if (!first)
                sb_add(out, co->excel ? ";" : ",");
        char *neutral = NULL;
        if (csv_formula_like(v)) {
                size_t len = strlen(v);
                neutral = pk_xmalloc(len + 2);
                neutral[0] = '\'';
                memcpy(neutral + 1, v, len + 1);
                v = neutral;
        }
        size_t n = strlen(v);
        size_t need = csv_write(NULL, 0, v, n);
        char *buf = pk_xmalloc(need + 1);
        csv_write(buf, need, v, n);
        sb_addn(out, buf, need);
        free(buf);
        free(neutral);
}

static void row(const struct csv_out *co, int n, const char *const *v)
{
        for (int i = 0; i < n; i++)
                field(co, v[i] ? v[i] : "", i == 0);
        sb_add(co->out, "\r\n");
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

static const char *kind_word(enum subject_kind k, bool da)
{
        return da ? engine_subject_kind_da(k) : engine_subject_kind_word(k);
}

/* A word of the export in the style's language. */
static const char *w(bool da, const char *en, const char *dk)
{
        return da ? dk : en;
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
        csv_export_styled(s, mi, what, public_, false, out);
}

void csv_export_styled(const struct pk_state *s, int mi, enum csv_export what, bool public_,
                       bool excel, struct sb *outb)
{
        const struct meeting *m = &s->meetings[mi];
        const struct csv_out co = {.out = outb, .excel = excel};
        const struct csv_out *out = &co;
        const bool da = excel;
        if (excel)
                sb_add(outb, "\xEF\xBB\xBF"); /* the byte order mark Excel reads UTF-8 by */
        char a[16], b[16], c[16], d[16], e[16];
        if (what == CE_VOTES) {
                static const char *h[] = {"item", "ballot",  "subject", "kind",  "text",
                                          "for",  "against", "abstain", "result"};
                static const char *hd[] = {"punkt", "afstemning", "forslag", "art",     "tekst",
                                           "for",   "imod",       "undlod",  "resultat"};
                row(out, 9, da ? hd : h);
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
                                           kind_word(sj->kind, da),
                                           sj->text,
                                           c,
                                           d,
                                           e,
                                           bl->adopted ? w(da, "adopted", "vedtaget")
                                                       : w(da, "rejected", "forkastet")};
                        row(out, 9, v);
                }
                return;
        }
        if (what == CE_MEMBER_VOTES) {
                static const char *h[] = {"item", "ballot", "subject", "member", "party", "vote"};
                static const char *hd[] = {"punkt",  "afstemning", "forslag",
                                           "medlem", "parti",      "stemme"};
                row(out, 6, da ? hd : h);
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
                                        vote = w(da, "against", "imod");
                                else if (vc == VC_ABSTAIN)
                                        vote = w(da, "abstain", "undlod");
                                else if (inh)
                                        vote = "inhabil";
                                else if (!engine_own_seat_at(s, i, m->date) ||
                                         engine_leave_at(s, i, m->date) >= 0)
                                        continue; /* no seat that day (a substitute not seated, a
                                                     member on leave, outside their term) */
                                else
                                        vote = w(da, "absent", "fraværende");
                                const char *v[] = {
                                    a, b, sj->id, mb->name, engine_party_at(s, i, m->date), vote};
                                row(out, 6, v);
                        }
                }
                return;
        }
        static const char *h[] = {"member", "party",   "role", "status",
                                  "reason", "arrived", "left", "substitute_for"};
        static const char *hd[] = {"navn",        "parti", "rolle", "status",
                                   "begrundelse", "ankom", "gik",   "stedfortræder for"};
        row(out, 8, da ? hd : h);
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != m->body)
                        continue;
                const struct attendance *at = i < m->natt ? &m->att[i] : NULL;
                if (!engine_own_seat_at(s, i, m->date) && !(at && at->attended))
                        continue;
                const char *status = w(da, "absent", "fraværende");
                if (engine_leave_at(s, i, m->date) >= 0)
                        status = w(da, "on-leave", "orlov");
                if (at && at->attended)
                        status = at->status == ATT_LEFT ? w(da, "left", "gået")
                                                        : w(da, "present", "til stede");
                const char *v[] = {mb->name,
                                   engine_party_at(s, i, m->date),
                                   da ? engine_role_da(engine_role_at(s, i, m->date))
                                      : engine_role_word(engine_role_at(s, i, m->date)),
                                   status,
                                   at && !at->attended && !public_ ? at->reason : NULL,
                                   at ? at->arrived : NULL,
                                   at ? at->left : NULL,
                                   at && at->seat_of >= 0 ? s->members[at->seat_of].name : NULL};
                row(out, 8, v);
        }
}

/*
 * The register of body on day d: every member holding a seat then (their party and role that
 * day, their personal substitute, on leave or not), every substitute called in for a member on
 * leave (substitute_for), and the substitutes of the lists (substitute_rank).
 */
void csv_export_members(const struct pk_state *s, int body, pk_day d, bool excel, struct sb *out)
{
        const struct csv_out co = {out, excel};
        static const char *h[] = {
            "name", "party", "role", "substitute", "substitute_rank", "status", "substitute_for"};
        static const char *hd[] = {"navn",
                                   "parti",
                                   "rolle",
                                   "stedfortræder",
                                   "stedfortræder_nr",
                                   "status",
                                   "stedfortræder for"};
        if (excel)
                sb_add(out, "\xEF\xBB\xBF");
        row(&co, 7, excel ? hd : h);
        for (int i = 0; i < s->nmembers; i++) {
                const struct member *mb = &s->members[i];
                if (mb->body != body)
                        continue;
                enum role r = engine_role_at(s, i, d);
                const char *party = engine_party_at(s, i, d);
                const char *role = excel ? engine_role_da(r) : engine_role_word(r);
                int lv = engine_leave_sub_at(s, i, d);
                if (engine_own_seat_at(s, i, d)) {
                        const char *sub = NULL;
                        for (int j = 0; j < s->nmembers; j++)
                                if (s->members[j].body == body && engine_principal_at(s, j, d) == i)
                                        sub = s->members[j].name;
                        bool away = engine_leave_at(s, i, d) >= 0;
                        const char *v[] = {
                            mb->name,
                            party,
                            role,
                            sub,
                            NULL,
                            away ? (excel ? "orlov" : "on-leave") : (excel ? "medlem" : "member"),
                            NULL};
                        row(&co, 7, v);
                } else if (lv >= 0) {
                        const char *v[] = {mb->name,
                                           party,
                                           excel ? engine_role_da(ROLE_MEMBER)
                                                 : engine_role_word(ROLE_MEMBER),
                                           NULL,
                                           NULL,
                                           excel ? "stedfortræder" : "substitute",
                                           s->members[s->leaves[lv].member].name};
                        row(&co, 7, v);
                } else if (engine_rank_at(s, i, d) > 0 && engine_principal_at(s, i, d) < 0) {
                        char rank[16];
                        snprintf(rank, sizeof rank, "%d", engine_rank_at(s, i, d));
                        const char *v[] = {
                            mb->name, party, NULL, NULL, rank, excel ? "liste" : "list", NULL};
                        row(&co, 7, v);
                }
        }
}
