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
                if (!s->keep_detail)
                        eng_free_details(m);
        }
}

/* Splits one line into fields (unescaped, NULL for "-"). Returns the count, or -1. */
static int split(const char *line, size_t len, char ***out)
{
        char **f = NULL;
        int n = 0;
        size_t i = 0;
        /* the id comes first, without a marker */
        size_t j = i;
        while (j < len && line[j] != '\t')
                j++;
        f = pk_xrealloc(f, sizeof *f);
        f[n] = pk_xmalloc(j - i + 1);
        memcpy(f[n], line + i, j - i);
        f[n++][j - i] = '\0';
        i = j;
        while (i < len) {
                i++; /* the tab */
                if (i >= len)
                        goto bad;
                f = pk_xrealloc(f, (size_t)(n + 1) * sizeof *f);
                if (line[i] == '-') {
                        f[n++] = NULL;
                        i++;
                } else if (line[i] == '=') {
                        struct sb v = {0};
                        for (i++; i < len && line[i] != '\t'; i++) {
                                if (line[i] == '\\' && i + 1 < len) {
                                        i++;
                                        char ch = line[i] == 't'   ? '\t'
                                                  : line[i] == 'n' ? '\n'
                                                                   : line[i];
                                        sb_addn(&v, &ch, 1);
                                } else {
                                        sb_addn(&v, line + i, 1);
                                }
                        }
                        f[n++] = pk_xstrdup(sb_str(&v));
                        sb_free(&v);
                        continue;
                } else {
                        goto bad;
                }
                if (i < len && line[i] != '\t')
                        goto bad;
        }
        *out = f;
        return n;
bad:
        for (int k = 0; k < n; k++)
                free(f[k]);
        free(f);
        return -1;
}

static struct meeting *place(struct pk_state *s, int id)
{
        if (id > s->nmeetings) {
                s->meetings = pk_xrealloc(s->meetings, (size_t)id * sizeof *s->meetings);
                for (int i = s->nmeetings; i < id; i++) {
                        memset(&s->meetings[i], 0, sizeof s->meetings[i]);
                        s->meetings[i].hole = true;
                        s->meetings[i].current = s->meetings[i].last_item = -1;
                        s->meetings[i].open_ballot = -1;
                }
                s->nmeetings = id;
        }
        return s->meetings[id - 1].hole ? &s->meetings[id - 1] : NULL;
}

int engine_restore_archive(struct pk_state *s, const char *text, struct sb *err)
{
        int lineno = 0;
        for (const char *p = text; *p;) {
                const char *e = strchr(p, '\n');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                lineno++;
                char **f = NULL;
                int n = split(p, len, &f);
                int id = n >= ARCH_FIXED ? atoi(f[0]) : 0;
                bool ok = n >= ARCH_FIXED && id >= 1 && id <= 10000000;
                for (int k = 1; ok && k < ARCH_FIXED; k++)
                        if ((k <= 5 || k == 7 || k == 9) && !f[k])
                                ok = false;
                pk_day day = 0;
                struct meeting *m = NULL;
                if (ok && (!cal_parse(f[2], &day) || !(m = place(s, id))))
                        ok = false;
                if (!ok) {
                        sb_addf(err, _("archive summary line %d does not read"), lineno);
                        for (int k = 0; k < n; k++)
                                free(f[k]);
                        free(f);
                        return -1;
                }
                m->hole = false;
                m->archived = true;
                m->body = atoi(f[1]);
                m->date = day;
                m->minute = atoi(f[3]);
                m->kind = (enum meeting_kind)atoi(f[4]);
                m->virtual_ = atoi(f[5]) != 0;
                m->place = f[6];
                m->state = (enum meeting_state)atoi(f[7]);
                m->dispatched = f[8];
                m->dispatch_late = atoi(f[9]) != 0;
                m->opened_at = f[10];
                m->closed_at = f[11];
                m->locked_at = f[12];
                m->current = m->last_item = m->open_ballot = -1;
                for (int k = ARCH_FIXED; k < n; k++) {
                        struct archived *a = &m->arch;
                        a->first_readings = pk_xrealloc(
                            a->first_readings, (size_t)(a->nfirst_readings + 1) * sizeof(char *));
                        a->first_readings[a->nfirst_readings++] = f[k];
                }
                for (int k = 0; k < 10; k++)
                        if (k != 6 && k != 8)
                                free(f[k]);
                free(f);
                p += len;
                if (*p == '\n')
                        p++;
        }
        return 0;
}

bool engine_has_holes(const struct pk_state *s)
{
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].hole)
                        return true;
        return false;
}
