/*
 * search.c - `protokol search`: the documents the index holds (derived from the replayed
 * state), keeping the index current, the query, verify's check of the index, and the check
 * that a council decision names a ruling the record holds.
 *
 * How the index stays current: it records the seq of the last event it reflects. Whoever
 * searches first checks that seq against the record; the meetings of the events after it
 * (every event names its meeting) are indexed again. A process that may write (no other
 * protokol holds the record) stores the result; one that may not (a second terminal while
 * the meeting runs) indexes those meetings into TEMP tables for its own query only. A
 * writer (`run`, the UI) refreshes an existing index as it exits, so the common search finds
 * it current and replays nothing. A missing index, or one of an older format, is built whole.
 *
 * The documents hold no translated words (their outcome is a coded string, see
 * outcome_code), so an index built under one language verifies under another.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/app.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/search.h"

static void add_part(struct sb *s, const char *sep, const char *text)
{
        if (!text || !*text)
                return;
        if (s->len)
                sb_add(s, sep);
        sb_add(s, text);
}

/* A name once in the names column ("; " between them: a name may hold a comma). */
static void add_name(struct sb *s, const char *name)
{
        if (!name || !*name)
                return;
        size_t n = strlen(name);
        for (const char *p = sb_str(s); (p = strstr(p, name)) != NULL; p += n)
                if ((p == s->s || (p >= s->s + 2 && !strncmp(p - 2, "; ", 2))) &&
                    (p[n] == '\0' || !strncmp(p + n, "; ", 2)))
                        return;
        add_part(s, "; ", name);
}

static char *take(struct sb *s)
{
        if (!s->len) {
                sb_free(s);
                return NULL;
        }
        return s->s;
}

/* "STATUS" or "STATUS|ID|adopted|F|A|X": the item's status and the last vote on its main
 * proposal (or, without one, on any of its subjects). */
static char *outcome_code(const struct meeting *m, int i, bool with_vote)
{
        const struct item *it = &m->items[i];
        struct sb s = {0};
        sb_add(&s, engine_item_status_word(it->status));
        if (!with_vote)
                return s.s;
        int best = -1;
        for (int k = 0; k < m->nballots; k++) {
                const struct ballot *b = &m->ballots[k];
                if (b->item != i || b->open)
                        continue;
                if (best < 0 || m->subjects[b->subject].kind == SK_MAIN ||
                    m->subjects[m->ballots[best].subject].kind != SK_MAIN)
                        best = k;
        }
        if (best >= 0) {
                const struct ballot *b = &m->ballots[best];
                sb_addf(&s, "|%s|%s|%d|%d|%d", m->subjects[b->subject].id,
                        b->adopted ? "adopted" : "rejected", b->nfor, b->nagainst, b->nabstain);
        } else if (it->decided_without_vote) {
                sb_add(&s, "|-|without-vote");
        }
        return s.s;
}

void search_docs_meeting(const struct pk_state *s, int mi, struct search_docs *out)
{
        if (mi < 0 || mi >= s->nmeetings)
                return;
        const struct meeting *m = &s->meetings[mi];
        const struct body *b = &s->bodies[m->body];
        char date[11];
        cal_format(m->date, date);
        for (int p = 0; p < m->nitems; p++) {
                int i = m->order[p];
                const struct item *it = &m->items[i];
                struct sb text = {0}, names = {0};
                for (int k = 0; k < m->nsubjects; k++) {
                        const struct subject *sj = &m->subjects[k];
                        if (sj->item != i || !sj->text)
                                continue;
                        if (text.len)
                                sb_add(&text, "\n");
                        sb_addf(&text, "%s: %s", sj->id, sj->text);
                        add_name(&names, sj->by);
                }
                add_part(&text, "\n", it->declared);
                add_part(&text, "\n", it->decision);
                add_part(&text, "\n", it->referred_to);
                add_name(&names, it->proposer);
                for (int k = 0; k < it->ndissents; k++) {
                        const char *who = s->members[it->dissents[k].member].name;
                        if (text.len)
                                sb_add(&text, "\n");
                        sb_addf(&text, "%s: %s", who, it->dissents[k].text);
                        add_name(&names, who);
                }
                for (int k = 0; k < m->nelections; k++)
                        if (m->elections[k].item == i) {
                                const struct election *e = &m->elections[k];
                                add_part(&text, "\n", e->title);
                                if (e->nlog)
                                        add_part(&text, "\n", e->log[e->nlog - 1]);
                        }
                for (int k = 0; k < m->nballots; k++) {
                        const struct ballot *bl = &m->ballots[k];
                        for (int v = 0; bl->item == i && bl->named && v < bl->nvotes; v++)
                                if (bl->votes[v] == VC_AGAINST)
                                        add_name(&names, s->members[v].name);
                }
                struct search_doc *d = search_docs_add(out);
                d->scope = it->closed ? 'F' : 'A';
                d->meeting = mi + 1;
                d->item = it->number;
                d->kind = pk_xstrdup("item");
                d->body = pk_xstrdup(b->name);
                d->date = pk_xstrdup(date);
                d->outcome = outcome_code(m, i, true);
                d->title = it->title ? pk_xstrdup(it->title) : NULL;
                d->case_id = it->case_id ? pk_xstrdup(it->case_id) : NULL;
                d->text = take(&text);
                d->names = take(&names);
                if (it->closed) {
                        /* what the public minutes show: number, public title, public decision */
                        d = search_docs_add(out);
                        d->scope = 'P';
                        d->meeting = mi + 1;
                        d->item = it->number;
                        d->kind = pk_xstrdup("item");
                        d->body = pk_xstrdup(b->name);
                        d->date = pk_xstrdup(date);
                        d->outcome = outcome_code(m, i, false);
                        d->title = it->public_title ? pk_xstrdup(it->public_title) : NULL;
                        d->text = it->public_decision ? pk_xstrdup(it->public_decision) : NULL;
                }
        }
        for (int k = 0; k < m->nrulings; k++) {
                const struct ruling *r = &m->rulings[k];
                struct search_doc *d = search_docs_add(out);
                /* the public minutes leave out a ruling given under a closed item */
                d->scope = r->item >= 0 && m->items[r->item].closed ? 'F' : 'A';
                d->meeting = mi + 1;
                d->item = r->item >= 0 ? m->items[r->item].number : 0;
                d->ruling = k + 1;
                d->kind = pk_xstrdup("ruling");
                d->body = pk_xstrdup(b->name);
                d->date = pk_xstrdup(date);
                d->outcome = pk_xstrdup(b->profile.rules[R_RULINGS].sval);
                d->text = r->text ? pk_xstrdup(r->text) : NULL;
                if (r->rule) {
                        int id = profile_rule_lookup(r->rule);
                        d->rule = pk_xstrdup(r->rule);
                        if (id >= 0 && b->profile.rules[id].cite[0])
                                d->cite = pk_xstrdup(b->profile.rules[id].cite);
                }
        }
        for (int k = 0; k < m->nruling_decisions; k++) {
                const struct ruling_decision *rd = &m->ruling_decisions[k];
                struct search_doc *d = search_docs_add(out);
                d->scope = 'A';
                d->meeting = mi + 1;
                d->ruling = rd->ruling;
                d->ref_meeting = rd->meeting + 1;
                d->kind = pk_xstrdup("council");
                d->body = pk_xstrdup(b->name);
                d->date = pk_xstrdup(date);
                d->outcome = pk_xstrdup(rd->upheld ? "upheld" : "overturned");
                d->text = rd->text ? pk_xstrdup(rd->text) : NULL;
        }
}

/* A word of the query: letters, digits and anything not ASCII (æøå, §). */
int search_match_expr(const char *q, struct sb *out)
{
        int terms = 0;
        bool pending_op = false;
        const char *op = NULL;
        while (*q) {
                while (*q == ' ' || *q == '\t')
                        q++;
                if (!*q)
                        break;
                struct sb term = {0};
                bool phrase = *q == '"';
                if (phrase) {
                        q++;
                        while (*q && *q != '"')
                                sb_addf(&term, "%c", *q++);
                        if (*q == '"')
                                q++;
                } else {
                        while (*q && *q != ' ' && *q != '\t' && *q != '"')
                                sb_addf(&term, "%c", *q++);
                }
                bool prefix = false;
                if (!phrase && term.len > 1 && term.s[term.len - 1] == '*') {
                        term.s[--term.len] = '\0';
                        prefix = true;
                } else if (phrase && *q == '*') {
                        prefix = true;
                        q++;
                }
                if (!phrase && (!strcmp(sb_str(&term), "OR") || !strcmp(sb_str(&term), "AND") ||
                                !strcmp(sb_str(&term), "NOT"))) {
                        if (terms) {
                                op = !strcmp(term.s, "OR")    ? "OR"
                                     : !strcmp(term.s, "NOT") ? "NOT"
                                                              : "AND";
                                pending_op = true;
                        }
                        sb_free(&term);
                        continue;
                }
                /* a term of no letter or digit (a lone "-") would match nothing at all */
                bool word = false;
                for (size_t k = 0; k < term.len; k++) {
                        unsigned char c = (unsigned char)term.s[k];
                        if (c >= 0x80 || (c >= '0' && c <= '9') ||
                            ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                                word = true;
                }
                if (!word) {
                        sb_free(&term);
                        continue;
                }
                if (terms)
                        sb_addf(out, " %s ", pending_op ? op : "AND");
                pending_op = false;
                sb_add(out, "\"");
                for (size_t k = 0; k < term.len; k++)
                        sb_add(out, term.s[k] == '"' ? "\"\"" : (char[2]){term.s[k], '\0'});
                sb_add(out, prefix ? "\"*" : "\"");
                terms++;
                sb_free(&term);
        }
        return terms ? 0 : -1;
}

/* The state, with the details of every meeting in ms (all when all): the app's own, or
 * the record replayed in full (*full, to be closed by the caller). */
static const struct pk_state *state_for(struct app *a, const char *path, bool all, const int *ms,
                                        int n, struct app **full, struct pk_err *err)
{
        const struct pk_state *s = app_state(a);
        bool need = false;
        for (int i = 0; i < (all ? s->nmeetings : n); i++) {
                int mi = all ? i : ms[i] - 1;
                if (mi >= 0 && mi < s->nmeetings && s->meetings[mi].archived && !s->keep_detail)
                        need = true;
        }
        if (!need)
                return s;
        if (app_open_full(path, true, full, err) < 0)
                return NULL;
        return app_state(*full);
}

int app_search_update(struct app *a, const char *path, bool only_if_present, struct pk_err *err)
{
        struct store *st = app_store(a);
        bool present;
        int64_t seq;
        int version;
        if (store_search_info(st, &present, &seq, &version, err) < 0)
                return -1;
        if (!present && only_if_present)
                return 0;
        int64_t last = store_last_seq(st);
        bool all = !present || version != SEARCH_INDEX_VERSION;
        if (!all && seq == last) {
                store_search_drop_temp(st); /* a reader's own part is no longer needed */
                return 0;
        }
        app_refresh(a, err);
        int *ms = NULL, n = 0;
        if (!all && store_search_changed(st, seq, &ms, &n, err) < 0)
                return -1;
        struct app *full = NULL;
        const struct pk_state *s = state_for(a, path, all, ms, n, &full, err);
        if (!s) {
                free(ms);
                return -1;
        }
        struct search_docs docs = {0};
        for (int i = 0; i < (all ? s->nmeetings : n); i++)
                search_docs_meeting(s, all ? i : ms[i] - 1, &docs);
        int rc = store_search_write(st, !store_search_writable(st), all, ms, n, &docs, last, err);
        search_docs_free(&docs);
        free(ms);
        app_close(&full);
        return rc;
}

int app_search_query(struct app *a, const char *path, const struct search_query *q,
                     struct search_hits *out, struct pk_err *err)
{
        if (app_search_update(a, path, false, err) < 0)
                return -1;
        return store_search_query(app_store(a), q, out, err);
}

int app_search_verify(struct app *a, struct sb *report, struct pk_err *err)
{
        struct store *st = app_store(a);
        bool present;
        int64_t seq;
        int version;
        if (store_search_info(st, &present, &seq, &version, err) < 0)
                return -1;
        if (!present || version != SEARCH_INDEX_VERSION) {
                sb_add(report, _("; no current search index (it is built by the next search)"));
                return 0;
        }
        int *ms = NULL, n = 0;
        if (store_search_changed(st, seq, &ms, &n, err) < 0)
                return -1;
        const struct pk_state *s = app_state(a);
        struct search_docs want = {0}, have = {0}, keep = {0};
        for (int mi = 0; mi < s->nmeetings; mi++) {
                bool changed = false;
                for (int k = 0; k < n; k++)
                        changed |= ms[k] == mi + 1;
                if (!changed)
                        search_docs_meeting(s, mi, &want);
        }
        int rc = store_search_load(st, &have, err);
        /* the documents of meetings changed since the index was written are not compared */
        for (int i = 0; rc == 0 && i < have.n; i++) {
                bool changed = false;
                for (int k = 0; k < n; k++)
                        changed |= ms[k] == have.v[i].meeting;
                if (!changed) {
                        *search_docs_add(&keep) = have.v[i];
                        memset(&have.v[i], 0, sizeof have.v[i]);
                }
        }
        search_docs_sort(&want);
        search_docs_sort(&keep);
        for (int i = 0; rc == 0 && i < (want.n > keep.n ? want.n : keep.n); i++) {
                const struct search_doc *w = i < want.n ? &want.v[i] : NULL;
                const struct search_doc *h = i < keep.n ? &keep.v[i] : NULL;
                if (w && h && search_doc_equal(w, h))
                        continue;
                const struct search_doc *x = w ? w : h;
                pk_err_set(err,
                           _("the search index differs from the record at meeting %d, %s %d "
                             "(%s): rebuild it by deleting the tables search_docs, search_fts "
                             "and search_meta"),
                           x->meeting, x->kind ? x->kind : "?", x->ruling ? x->ruling : x->item,
                           x->scope == 'P'   ? _("public")
                           : x->scope == 'F' ? _("full")
                                             : _("both"));
                rc = -1;
        }
        if (rc == 0)
                rc = store_search_integrity(st, err);
        if (rc == 0)
                sb_addf(report, _("; %d search documents match the record"), keep.n);
        search_docs_free(&want);
        search_docs_free(&have);
        search_docs_free(&keep);
        free(ms);
        return rc;
}
