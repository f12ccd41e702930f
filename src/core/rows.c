/*
 * rows.c - generates the read model's rows from the engine state. Pure: the same state
 * always gives the same rows, which is what lets `verify` check the stored tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/rows.h"

const struct dt_desc dt_tables[DT__COUNT] = {
    [DT_MEETINGS] = {"meetings",
                     12,
                     1,
                     "itttttttittt",
                     {"meeting", "body", "date", "time", "kind", "place", "state", "dispatched",
                      "dispatch_late", "opened_at", "closed_at", "locked_at"}},
    [DT_MEMBERS] = {"members",
                    7,
                    2,
                    "ttttttt",
                    {"body", "name", "party", "role", "substitute_for", "born", "since"}},
    [DT_ITEMS] = {"items",
                  16,
                  2,
                  "iiitittitttttiti",
                  {"meeting", "number", "position", "title", "closed", "public_title", "category",
                   "reading", "case_id", "kind", "status", "proposer", "submitted", "late_proposal",
                   "urgent", "voting_begun"}},
    [DT_SUBJECTS] = {"subjects",
                     7,
                     3,
                     "iittttt",
                     {"meeting", "item", "id", "kind", "text", "proposer", "status"}},
    [DT_BALLOTS] = {"ballots",
                    12,
                    2,
                    "iiittiiiitit",
                    {"meeting", "ballot", "item", "subject", "kind", "named", "votes_for",
                     "votes_against", "abstentions", "result", "tie", "opened_at"}},
    [DT_MEMBER_VOTES] =
        {"member_votes", 5, 3, "iittt", {"meeting", "ballot", "member", "party", "vote"}},
    [DT_DECISIONS] = {"decisions",
                      7,
                      2,
                      "iittitt",
                      {"meeting", "item", "text", "public_text", "without_vote", "declared",
                       "referred_to"}},
    [DT_DISSENTS] = {"dissents", 4, 3, "iitt", {"meeting", "item", "member", "text"}},
    [DT_ATTENDANCE] = {"attendance",
                       10,
                       2,
                       "ittttttiii",
                       {"meeting", "member", "status", "reason", "arrived", "left",
                        "substitute_for", "attended", "calls", "denied"}},
    [DT_SIGNATURES] = {"signatures", 3, 2, "itt", {"meeting", "member", "signed_at"}},
    [DT_RULINGS] = {"rulings", 5, 2, "iiitt", {"meeting", "ruling", "item", "text", "at"}},
    [DT_ELECTIONS] = {"elections",
                      8,
                      2,
                      "iiittiit",
                      {"meeting", "election", "item", "title", "method", "seats", "done",
                       "outcome"}},
};

static char *num(long v)
{
        char b[24], *p = b + sizeof b;
        unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
        *--p = '\0';
        do
                *--p = (char)('0' + u % 10);
        while (u /= 10);
        if (v < 0)
                *--p = '-';
        return pk_xstrdup(p);
}

static char *str(const char *s)
{
        return s ? pk_xstrdup(s) : NULL;
}

static struct dt_row *add(struct dt_rows *out, enum dt_table t)
{
        if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 64;
                out->rows = pk_xrealloc(out->rows, (size_t)out->cap * sizeof *out->rows);
        }
        struct dt_row *r = &out->rows[out->n++];
        memset(r, 0, sizeof *r);
        r->table = t;
        return r;
}

/* ---------- one renderer per unit (engine.h: enum dt_unit_kind) ---------- */

static void r_member(const struct pk_state *s, int k, struct dt_rows *out)
{
        const struct member *m = &s->members[k];
        struct dt_row *r = add(out, DT_MEMBERS);
        r->vals[0] = str(s->bodies[m->body].name);
        r->vals[1] = str(m->name);
        r->vals[2] = str(m->party);
        r->vals[3] = str(engine_role_word(m->role));
        r->vals[4] = m->principal >= 0 ? str(s->members[m->principal].name) : NULL;
        r->vals[5] = str(m->born);
        r->vals[6] = str(m->since);
}

static void r_meeting(const struct pk_state *s, int mi, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        struct dt_row *r = add(out, DT_MEETINGS);
        char d[11], t[16];
        cal_format(m->date, d);
        snprintf(t, sizeof t, "%02d:%02d", (m->minute / 60) % 100, m->minute % 60);
        static const char *kinds[] = {"ordinary", "extraordinary", "constituent", "written"};
        r->vals[0] = num(mi + 1);
        r->vals[1] = str(s->bodies[m->body].name);
        r->vals[2] = str(d);
        r->vals[3] = str(t);
        r->vals[4] = str(kinds[m->kind]);
        r->vals[5] = str(m->place);
        r->vals[6] = str(engine_meeting_state_word(m->state));
        r->vals[7] = str(m->dispatched);
        r->vals[8] = num(m->dispatch_late);
        r->vals[9] = str(m->opened_at);
        r->vals[10] = str(m->closed_at);
        r->vals[11] = str(m->locked_at);
}

/* The items row of the item at position p of the order. */
static void r_item(const struct pk_state *s, int mi, int p, struct dt_rows *out)
{
        static const char *ikinds[] = {"ordinary", "budget", "bylaws"};
        const struct meeting *m = &s->meetings[mi];
        const struct item *it = &m->items[m->order[p]];
        struct dt_row *r = add(out, DT_ITEMS);
        r->vals[0] = num(mi + 1);
        r->vals[1] = num(it->number);
        r->vals[2] = num(p + 1);
        r->vals[3] = str(it->title);
        r->vals[4] = num(it->closed);
        r->vals[5] = str(it->public_title);
        r->vals[6] = str(it->category);
        r->vals[7] = num(it->reading);
        r->vals[8] = str(it->case_id);
        r->vals[9] = str(ikinds[it->kind]);
        r->vals[10] = str(engine_item_status_word(it->status));
        r->vals[11] = str(it->proposer);
        r->vals[12] = str(it->submitted);
        r->vals[13] = num(it->late_proposal);
        r->vals[14] = str(it->urgent);
        r->vals[15] = num(it->voting_begun);
}

/* The decisions row and the dissents rows of item i. */
static void r_outcome(const struct pk_state *s, int mi, int i, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        const struct item *it = &m->items[i];
        struct dt_row *r;
        if (it->decision || it->declared || it->referred_to || it->decided_without_vote) {
                r = add(out, DT_DECISIONS);
                r->vals[0] = num(mi + 1);
                r->vals[1] = num(it->number);
                r->vals[2] = str(it->decision);
                r->vals[3] = str(it->public_decision);
                r->vals[4] = num(it->decided_without_vote);
                r->vals[5] = str(it->declared);
                r->vals[6] = str(it->referred_to);
        }
        for (int k = 0; k < it->ndissents; k++) {
                r = add(out, DT_DISSENTS);
                r->vals[0] = num(mi + 1);
                r->vals[1] = num(it->number);
                r->vals[2] = str(s->members[it->dissents[k].member].name);
                r->vals[3] = str(it->dissents[k].text);
        }
}

static void r_subject(const struct pk_state *s, int mi, int k, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        const struct subject *sj = &m->subjects[k];
        struct dt_row *r = add(out, DT_SUBJECTS);
        r->vals[0] = num(mi + 1);
        r->vals[1] = num(sj->item >= 0 ? m->items[sj->item].number : 0);
        r->vals[2] = str(sj->id);
        r->vals[3] = str(engine_subject_kind_word(sj->kind));
        r->vals[4] = str(sj->text);
        r->vals[5] = str(sj->by);
        r->vals[6] = str(engine_subject_status_word(sj->status));
}

/* The ballots row of ballot k and its member_votes rows. */
static void r_ballot(const struct pk_state *s, int mi, int k, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        const struct ballot *b = &m->ballots[k];
        const struct subject *sj = &m->subjects[b->subject];
        struct dt_row *r = add(out, DT_BALLOTS);
        r->vals[0] = num(mi + 1);
        r->vals[1] = num(k + 1);
        r->vals[2] = num(b->item >= 0 ? m->items[b->item].number : 0);
        r->vals[3] = str(sj->id);
        r->vals[4] = str(engine_subject_kind_word(sj->kind));
        r->vals[5] = num(b->named);
        r->vals[6] = num(b->nfor);
        r->vals[7] = num(b->nagainst);
        r->vals[8] = num(b->nabstain);
        r->vals[9] = str(b->open ? "open" : b->adopted ? "adopted" : "rejected");
        r->vals[10] = num(b->tie ? (b->chair_decided ? 2 : 1) : 0);
        r->vals[11] = str(b->opened_at);
        for (int v = 0; b->named && v < b->nvotes && v < s->nmembers; v++) {
                if (b->votes[v] == VC_NONE)
                        continue;
                static const char *vw[] = {"", "for", "against", "abstain"};
                r = add(out, DT_MEMBER_VOTES);
                r->vals[0] = num(mi + 1);
                r->vals[1] = num(k + 1);
                r->vals[2] = str(s->members[v].name);
                r->vals[3] = str(engine_party_at(s, v, m->date));
                r->vals[4] = str(vw[b->votes[v]]);
        }
}

/* The attendance row of member k (if there is anything to say) and its signature. */
static void r_att(const struct pk_state *s, int mi, int k, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        if (k >= m->natt)
                return;
        const struct attendance *a = &m->att[k];
        if (a->status == ATT_UNKNOWN && !a->attended && !a->calls)
                return;
        struct dt_row *r = add(out, DT_ATTENDANCE);
        r->vals[0] = num(mi + 1);
        r->vals[1] = str(s->members[k].name);
        r->vals[2] = str(engine_att_word(a->status));
        r->vals[3] = str(a->reason);
        r->vals[4] = str(a->arrived);
        r->vals[5] = str(a->left);
        r->vals[6] = a->seat_of >= 0 ? str(s->members[a->seat_of].name) : NULL;
        r->vals[7] = num(a->attended);
        r->vals[8] = num(a->calls);
        r->vals[9] = num(a->denied);
        if (a->signed_at) {
                r = add(out, DT_SIGNATURES);
                r->vals[0] = num(mi + 1);
                r->vals[1] = str(s->members[k].name);
                r->vals[2] = str(a->signed_at);
        }
}

static void r_ruling(const struct pk_state *s, int mi, int k, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        struct dt_row *r = add(out, DT_RULINGS);
        r->vals[0] = num(mi + 1);
        r->vals[1] = num(k + 1);
        r->vals[2] = num(m->rulings[k].item >= 0 ? m->items[m->rulings[k].item].number : 0);
        r->vals[3] = str(m->rulings[k].text);
        r->vals[4] = str(m->rulings[k].at);
}

static void r_election(const struct pk_state *s, int mi, int k, struct dt_rows *out)
{
        const struct meeting *m = &s->meetings[mi];
        const struct election *e = &m->elections[k];
        struct dt_row *r = add(out, DT_ELECTIONS);
        r->vals[0] = num(mi + 1);
        r->vals[1] = num(k + 1);
        r->vals[2] = num(e->item >= 0 ? m->items[e->item].number : 0);
        r->vals[3] = str(e->title);
        r->vals[4] = str(e->proportional ? "proportional" : "majority");
        r->vals[5] = num(e->seats);
        r->vals[6] = num(e->done);
        r->vals[7] = e->nlog ? str(e->log[e->nlog - 1]) : NULL;
}

/* ---------- the whole read model ---------- */

void dt_rows_body(const struct pk_state *s, int body, struct dt_rows *out)
{
        if (body < 0 || body >= s->nbodies)
                return;
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body)
                        r_member(s, i, out);
}

void dt_rows_meeting(const struct pk_state *s, int mi, struct dt_rows *out)
{
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole)
                return;
        const struct meeting *m = &s->meetings[mi];
        r_meeting(s, mi, out);
        for (int p = 0; p < m->nitems; p++)
                r_item(s, mi, p, out);
        for (int i = 0; i < m->nitems; i++)
                r_outcome(s, mi, i, out);
        for (int k = 0; k < m->nsubjects; k++)
                r_subject(s, mi, k, out);
        for (int k = 0; k < m->nballots; k++)
                r_ballot(s, mi, k, out);
        for (int k = 0; k < m->natt && k < s->nmembers; k++)
                r_att(s, mi, k, out);
        for (int k = 0; k < m->nrulings; k++)
                r_ruling(s, mi, k, out);
        for (int k = 0; k < m->nelections; k++)
                r_election(s, mi, k, out);
}

void dt_rows_all(const struct pk_state *s, struct dt_rows *out)
{
        for (int b = 0; b < s->nbodies; b++)
                dt_rows_body(s, b, out);
        for (int m = 0; m < s->nmeetings; m++)
                dt_rows_meeting(s, m, out);
}

/* ---------- the rows of one unit, found by its key ---------- */

static int item_index(const struct meeting *m, long number)
{
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == number)
                        return i;
        return -1;
}

static int member_index(const struct pk_state *s, int body, const char *name)
{
        for (int i = 0; i < s->nmembers; i++)
                if (s->members[i].body == body && name && !strcmp(s->members[i].name, name))
                        return i;
        return -1;
}

void dt_rows_unit(const struct pk_state *s, const struct dt_unit *u, struct dt_rows *out)
{
        if (u->kind == DU_MEMBER) {
                for (int b = 0; b < s->nbodies; b++)
                        if (u->k1 && !strcmp(s->bodies[b].name, u->k1)) {
                                int k = member_index(s, b, u->k2);
                                if (k >= 0)
                                        r_member(s, k, out);
                        }
                return;
        }
        int mi = (int)u->meeting - 1;
        if (mi < 0 || mi >= s->nmeetings || s->meetings[mi].hole)
                return;
        const struct meeting *m = &s->meetings[mi];
        int i;
        switch (u->kind) {
        case DU_MEETING:
                r_meeting(s, mi, out);
                break;
        case DU_ITEM:
                if ((i = item_index(m, u->num)) >= 0)
                        for (int p = 0; p < m->nitems; p++)
                                if (m->order[p] == i)
                                        r_item(s, mi, p, out);
                break;
        case DU_OUTCOME:
                if ((i = item_index(m, u->num)) >= 0)
                        r_outcome(s, mi, i, out);
                break;
        case DU_SUBJECT: {
                int item = u->num ? item_index(m, u->num) : -1;
                if (u->num && item < 0)
                        break;
                for (int k = 0; k < m->nsubjects; k++)
                        if (m->subjects[k].item == item && u->k1 &&
                            !strcmp(m->subjects[k].id, u->k1))
                                r_subject(s, mi, k, out);
                break;
        }
        case DU_BALLOT:
                if (u->num >= 1 && u->num <= m->nballots)
                        r_ballot(s, mi, (int)u->num - 1, out);
                break;
        case DU_ATTEND:
                if ((i = member_index(s, m->body, u->k1)) >= 0)
                        r_att(s, mi, i, out);
                break;
        case DU_RULING:
                if (u->num >= 1 && u->num <= m->nrulings)
                        r_ruling(s, mi, (int)u->num - 1, out);
                break;
        case DU_ELECTION:
                if (u->num >= 1 && u->num <= m->nelections)
                        r_election(s, mi, (int)u->num - 1, out);
                break;
        default:
                break;
        }
}

static bool num_is(const char *v, long n)
{
        return v && strtol(v, NULL, 10) == n;
}

static bool str_is(const char *v, const char *k)
{
        return v && k && !strcmp(v, k);
}

bool dt_unit_owns(const struct dt_unit *u, const struct dt_row *r)
{
        char *const *v = r->vals;
        if (u->kind == DU_MEMBER)
                return r->table == DT_MEMBERS && str_is(v[0], u->k1) && str_is(v[1], u->k2);
        if (!num_is(v[0], u->meeting))
                return false;
        switch (u->kind) {
        case DU_MEETING:
                return r->table == DT_MEETINGS;
        case DU_ITEM:
                return r->table == DT_ITEMS && num_is(v[1], u->num);
        case DU_OUTCOME:
                return (r->table == DT_DECISIONS || r->table == DT_DISSENTS) &&
                       num_is(v[1], u->num);
        case DU_SUBJECT:
                return r->table == DT_SUBJECTS && num_is(v[1], u->num) && str_is(v[2], u->k1);
        case DU_BALLOT:
                return (r->table == DT_BALLOTS || r->table == DT_MEMBER_VOTES) &&
                       num_is(v[1], u->num);
        case DU_ATTEND:
                return (r->table == DT_ATTENDANCE || r->table == DT_SIGNATURES) &&
                       str_is(v[1], u->k1);
        case DU_RULING:
                return r->table == DT_RULINGS && num_is(v[1], u->num);
        case DU_ELECTION:
                return r->table == DT_ELECTIONS && num_is(v[1], u->num);
        default:
                return false;
        }
}

/* Integer-typed key columns compare numerically, text ones bytewise. */
static int valcmp(char type, const char *a, const char *b)
{
        if (!a || !b)
                return (a != NULL) - (b != NULL);
        if (type == 'i') {
                /* our integers are written %ld: compare signs, then lengths, then digits */
                bool na = a[0] == '-', nb = b[0] == '-';
                if (na != nb)
                        return na ? -1 : 1;
                size_t la = strlen(a), lb = strlen(b);
                if (la != lb)
                        return na ? (la > lb ? -1 : 1) : (la < lb ? -1 : 1);
                int c = strcmp(a, b);
                return na ? -c : c;
        }
        return strcmp(a, b);
}

int dt_row_keycmp(const struct dt_row *a, const struct dt_row *b)
{
        if (a->table != b->table)
                return (int)a->table - (int)b->table;
        const struct dt_desc *d = &dt_tables[a->table];
        for (int i = 0; i < d->nkeys; i++) {
                int c = valcmp(d->types[i], a->vals[i], b->vals[i]);
                if (c)
                        return c;
        }
        return 0;
}

bool dt_row_equal(const struct dt_row *a, const struct dt_row *b)
{
        if (a->table != b->table)
                return false;
        const struct dt_desc *d = &dt_tables[a->table];
        for (int i = 0; i < d->ncols; i++)
                if (valcmp('t', a->vals[i], b->vals[i]) != 0)
                        return false;
        return true;
}

static int cmp_rows(const void *a, const void *b)
{
        return dt_row_keycmp(a, b);
}

void dt_rows_sort(struct dt_rows *r)
{
        if (r->n > 1)
                qsort(r->rows, (size_t)r->n, sizeof *r->rows, cmp_rows);
}

void dt_rows_free(struct dt_rows *r)
{
        for (int i = 0; i < r->n; i++)
                for (int k = 0; k < DT_MAXCOLS; k++)
                        free(r->rows[i].vals[k]);
        free(r->rows);
        memset(r, 0, sizeof *r);
}

void dt_row_describe(const struct dt_row *r, struct sb *out)
{
        const struct dt_desc *d = &dt_tables[r->table];
        sb_addf(out, "%s(", d->name);
        for (int i = 0; i < d->nkeys; i++)
                sb_addf(out, "%s%s=%s", i ? ", " : "", d->cols[i],
                        r->vals[i] ? r->vals[i] : "NULL");
        sb_add(out, ")");
}
