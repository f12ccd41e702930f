/*
 * archive.c - archived meetings: a signed meeting keeps only its header and the summary
 * later actions read, once a later meeting of its body has opened.
 *
 * Invariant: a full replay (which archives at each open) and an open that restores the
 * archived meetings from the recorded summaries give the same state. Nothing but the
 * header and struct archived of an archived meeting is read by the engine; the summaries
 * are recorded with the `open` event that archived them, so `verify` checks them against a
 * full replay.
 *
 * Text form, one line per meeting, fields separated by tabs; a field is "-" for none or
 * "=" followed by the value with backslash, tab and newline escaped:
 *   id body date minute kind virtual place state dispatched dispatch_late opened closed
 *   locked [first-reading case ids...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"

#define ARCH_FIXED 13

static void put_field(struct sb *b, const char *v)
{
        sb_add(b, "\t");
        if (!v) {
                sb_add(b, "-");
                return;
        }
        sb_add(b, "=");
        for (; *v; v++) {
                if (*v == '\\')
                        sb_add(b, "\\\\");
                else if (*v == '\t')
                        sb_add(b, "\\t");
                else if (*v == '\n')
                        sb_add(b, "\\n");
                else
                        sb_addn(b, v, 1);
        }
}

static void put_num(struct sb *b, long v)
{
        char n[24];
        snprintf(n, sizeof n, "%ld", v);
        put_field(b, n);
}

static void summarise(const struct pk_state *s, int mi, struct sb *out)
{
        const struct meeting *m = &s->meetings[mi];
        char d[11];
        cal_format(m->date, d);
        sb_addf(out, "%d", mi + 1);
        put_num(out, m->body);
        put_field(out, d);
        put_num(out, m->minute);
        put_num(out, m->kind);
        put_num(out, m->virtual_);
        put_field(out, m->place);
        put_num(out, m->state);
        put_field(out, m->dispatched);
        put_num(out, m->dispatch_late);
        put_field(out, m->opened_at);
        put_field(out, m->closed_at);
        put_field(out, m->locked_at);
        for (int k = 0; k < m->arch.nfirst_readings; k++)
                put_field(out, m->arch.first_readings[k]);
        sb_add(out, "\n");
}

void eng_archive_body(struct pk_state *s, int body, int except)
{
        for (int i = 0; i < s->nmeetings; i++) {
                struct meeting *m = &s->meetings[i];
                if (i == except || m->hole || m->archived || m->body != body ||
                    m->state != MS_LOCKED)
                        continue;
                for (int k = 0; k < m->nitems; k++) {
                        const struct item *it = &m->items[k];
                        if (it->reading != 1 || !it->case_id)
                                continue;
                        struct archived *a = &m->arch;
                        a->first_readings = pk_xrealloc(
                            a->first_readings, (size_t)(a->nfirst_readings + 1) * sizeof(char *));
                        a->first_readings[a->nfirst_readings++] = pk_xstrdup(it->case_id);
                }
                m->archived = true;
                summarise(s, i, &s->archive);
                if (!s->keep_detail) {
                        eng_free_details(m);
                        m->summary_only = true;
                }
        }
}

/* One field of a summary line: its text (escaped) and length, or none ("-"). */
struct field {
        const char *p;
        size_t n;
        bool none;
};

/* The field's value, unescaped, as a new string; NULL for none. */
static char *field_dup(const struct field *f)
{
        if (f->none)
                return NULL;
        char *v = pk_xmalloc(f->n + 1), *w = v;
        for (const char *p = f->p, *end = f->p + f->n; p < end; p++) {
                if (*p == '\\' && p + 1 < end) {
                        p++;
                        *w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
                } else {
                        *w++ = *p;
                }
        }
        *w = '\0';
        return v;
}

/* A whole number field (digits only), or -1. */
static long field_num(const struct field *f)
{
        if (f->none || f->n == 0 || f->n > 9)
                return -1;
        long v = 0;
        for (size_t i = 0; i < f->n; i++) {
                if (f->p[i] < '0' || f->p[i] > '9')
                        return -1;
                v = v * 10 + (f->p[i] - '0');
        }
        return v;
}

/* Splits one line into fields (the first is the id, without a marker). Returns the count, or
 * -1 when a field has no marker. */
static int split(const char *line, size_t len, struct field **out, int *cap)
{
        const char *end = line + len, *p = line;
        int n = 0;
        for (;;) {
                const char *q = memchr(p, '\t', (size_t)(end - p));
                if (!q)
                        q = end;
                if (n == *cap) {
                        *cap = *cap ? *cap * 2 : 32;
                        *out = pk_xrealloc(*out, (size_t)*cap * sizeof **out);
                }
                struct field *f = &(*out)[n++];
                if (n == 1)
                        *f = (struct field){p, (size_t)(q - p), false};
                else if (q - p == 1 && *p == '-')
                        *f = (struct field){p, 0, true};
                else if (q > p && *p == '=')
                        *f = (struct field){p + 1, (size_t)(q - p - 1), false};
                else
                        return -1;
                if (q == end)
                        return n;
                p = q + 1;
        }
}

/* Makes room for meetings up to id (new places are holes). */
static void grow(struct pk_state *s, int id)
{
        if (id <= s->nmeetings)
                return;
        s->meetings = pk_xrealloc(s->meetings, (size_t)id * sizeof *s->meetings);
        for (int i = s->nmeetings; i < id; i++) {
                memset(&s->meetings[i], 0, sizeof s->meetings[i]);
                s->meetings[i].hole = true;
                s->meetings[i].current = s->meetings[i].last_item = -1;
                s->meetings[i].agenda_speaker = -1;
                s->meetings[i].open_ballot = -1;
        }
        s->nmeetings = id;
}

int engine_restore_archive(struct pk_state *s, const char *text, struct sb *err)
{
        /* the places first, at once: the highest id */
        int max = 0;
        for (const char *p = text; *p;) {
                int id = atoi(p);
                max = id > max ? id : max;
                const char *e = strchr(p, '\n');
                p = e ? e + 1 : p + strlen(p);
        }
        if (max > 10000000) {
                sb_addf(err, _("archive summary line %d does not read"), 1);
                return -1;
        }
        grow(s, max);
        struct field *f = NULL;
        int cap = 0, lineno = 0;
        for (const char *p = text; *p;) {
                const char *e = strchr(p, '\n');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                lineno++;
                int n = split(p, len, &f, &cap);
                long id = n >= ARCH_FIXED ? field_num(&f[0]) : 0;
                long num[ARCH_FIXED] = {0};
                static const int nums[] = {1, 3, 4, 5, 7, 9};
                bool ok =
                    n >= ARCH_FIXED && id >= 1 && id <= s->nmeetings && s->meetings[id - 1].hole;
                for (size_t k = 0; ok && k < sizeof nums / sizeof nums[0]; k++)
                        if ((num[nums[k]] = field_num(&f[nums[k]])) < 0)
                                ok = false;
                char d[11] = "";
                pk_day day = 0;
                if (ok && (f[2].none || f[2].n != 10))
                        ok = false;
                if (ok) {
                        memcpy(d, f[2].p, 10);
                        ok = cal_parse(d, &day);
                }
                if (!ok || num[7] > MS_LOCKED || num[4] > MK_WRITTEN) {
                        sb_addf(err, _("archive summary line %d does not read"), lineno);
                        free(f);
                        return -1;
                }
                struct meeting *m = &s->meetings[id - 1];
                m->hole = false;
                m->archived = true;
                m->summary_only = true;
                m->body = (int)num[1];
                m->date = day;
                m->minute = (int)num[3];
                m->kind = (enum meeting_kind)num[4];
                m->virtual_ = num[5] != 0;
                m->place = field_dup(&f[6]);
                m->state = (enum meeting_state)num[7];
                m->dispatched = field_dup(&f[8]);
                m->dispatch_late = num[9] != 0;
                m->opened_at = field_dup(&f[10]);
                m->closed_at = field_dup(&f[11]);
                m->locked_at = field_dup(&f[12]);
                m->current = m->last_item = m->open_ballot = -1;
                int nr = n - ARCH_FIXED;
                if (nr > 0) {
                        m->arch.first_readings = pk_xmalloc((size_t)nr * sizeof(char *));
                        for (int k = 0; k < nr; k++)
                                m->arch.first_readings[k] = field_dup(&f[ARCH_FIXED + k]);
                        m->arch.nfirst_readings = nr;
                }
                p += len;
                if (*p == '\n')
                        p++;
        }
        free(f);
        return 0;
}

bool engine_has_holes(const struct pk_state *s)
{
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].hole)
                        return true;
        return false;
}

void eng_free_details(struct meeting *m)
{
        for (int i = 0; i < m->nitems; i++) {
                struct item *it = &m->items[i];
                free(it->title);
                free(it->public_title);
                free(it->title_was);
                free(it->category);
                free(it->case_id);
                free(it->proposer);
                free(it->submitted);
                free(it->first_reading);
                free(it->inhabil);
                free(it->inhabil_how);
                free(it->speakers);
                free(it->declared);
                free(it->decision);
                free(it->public_decision);
                free(it->referred_to);
                free(it->urgent);
                for (int k = 0; k < it->ndissents; k++)
                        free(it->dissents[k].text);
                free(it->dissents);
                free(it->sub_counts);
                free(it->amend_deadline);
                for (int k = 0; k < it->nanswers; k++)
                        free(it->answers[k].on);
                free(it->answers);
        }
        free(m->items);
        free(m->agenda_speakers);
        free(m->demanded_by);
        free(m->hearing_deadline);
        m->agenda_speakers = NULL;
        m->nagenda_speakers = 0;
        m->demanded_by = NULL;
        m->ndemanded_by = 0;
        m->hearing_deadline = NULL;
        for (int i = 0; i < m->nsubjects; i++) {
                free(m->subjects[i].text);
                free(m->subjects[i].by);
                free(m->subjects[i].proc_kind);
                free(m->subjects[i].order);
                free(m->subjects[i].submitted);
        }
        free(m->subjects);
        for (int i = 0; i < m->nballots; i++) {
                free(m->ballots[i].votes);
                free(m->ballots[i].opened_at);
        }
        free(m->ballots);
        for (int i = 0; i < m->natt; i++) {
                free(m->att[i].reason);
                free(m->att[i].arrived);
                free(m->att[i].left);
                free(m->att[i].signed_at);
        }
        free(m->att);
        for (int i = 0; i < m->nrulings; i++) {
                free(m->rulings[i].text);
                free(m->rulings[i].at);
                free(m->rulings[i].rule);
        }
        free(m->rulings);
        for (int i = 0; i < m->nruling_decisions; i++) {
                free(m->ruling_decisions[i].text);
                free(m->ruling_decisions[i].at);
        }
        free(m->ruling_decisions);
        for (int i = 0; i < m->nelections; i++)
                eng_election_free(&m->elections[i]);
        for (int i = 0; i < m->nalliances; i++) {
                struct meeting_alliance *al = &m->alliances[i];
                free(al->name);
                for (int j = 0; j < al->nparties; j++)
                        free(al->parties[j]);
                free(al->parties);
                free(al->reported);
        }
        free(m->alliances);
        m->alliances = NULL;
        m->nalliances = 0;
        free(m->elections);
        free(m->order);
        free(m->agenda_order);
        m->items = NULL;
        m->subjects = NULL;
        m->ballots = NULL;
        m->att = NULL;
        m->rulings = NULL;
        m->elections = NULL;
        m->order = m->agenda_order = NULL;
        m->nitems = m->nsubjects = m->nballots = m->natt = m->nrulings = m->nelections = 0;
        m->current = m->last_item = m->open_ballot = -1;
}
