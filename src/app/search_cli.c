/*
 * search_cli.c - `protokol search QUERY [--public] [--body NAME] [--from DATE] [--to DATE]
 * [--format text|csv] [--rulings RULE] [--limit N]`.
 *
 * A current index is queried straight from the file (read-only, nothing replayed); only a
 * missing or stale one costs a replay (src/app/search.c says how the index is kept).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/app.h"
#include "protokol/calendar.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"
#include "protokol/search.h"

static int usage(void)
{
        fprintf(stderr, _("usage: protokol [--db FILE] search QUERY [--public] [--body NAME] "
                          "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|csv] "
                          "[--rulings RULE] [--limit N]\n"));
        return PK_EXIT_USAGE;
}

static const char *word(const char *code)
{
        static const struct {
                const char *code, *text;
        } w[] = {
            {"pending", N_("pending")},
            {"debate", N_("debate")},
            {"decided", N_("decided")},
            {"postponed", N_("postponed")},
            {"referred", N_("referred")},
            {"withdrawn", N_("withdrawn")},
            {"adopted", N_("adopted")},
            {"rejected", N_("rejected")},
            {"binding", N_("binding")},
            {"final", N_("final")},
            {"upheld", N_("upheld")},
            {"overturned", N_("overturned")},
            {"without-vote", N_("without a vote")},
        };
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
                if (!strcmp(code, w[i].code))
                        return _(w[i].text);
        return code;
}

void search_outcome_words(const struct search_hit *h, struct sb *out)
{
        const char *o = h->d.outcome ? h->d.outcome : "";
        if (h->d.kind && !strcmp(h->d.kind, "ruling")) {
                sb_add(out, word(o));
                if (h->council)
                        sb_addf(out, "; %s", h->council);
                return;
        }
        /* STATUS[|ID|adopted|F|A|X] or STATUS|-|without-vote */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", o);
        char *parts[6] = {0};
        int n = 0;
        for (char *p = buf; n < 6;) {
                parts[n++] = p;
                char *bar = strchr(p, '|');
                if (!bar)
                        break;
                *bar = '\0';
                p = bar + 1;
        }
        sb_add(out, word(parts[0]));
        if (n >= 3 && !strcmp(parts[1], "-"))
                sb_addf(out, " (%s)", word(parts[2]));
        else if (n == 6)
                sb_addf(out, ": %s %s %s-%s-%s", parts[1], word(parts[2]), parts[3], parts[4],
                        parts[5]);
}

/* "§ 4, stk. 1" and "§4" alike: spaces and case left out. */
static void squeeze(const char *s, char *out, size_t n)
{
        size_t k = 0;
        for (; *s && k + 1 < n; s++)
                if (*s != ' ')
                        out[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
        out[k] = '\0';
}

/* A ruling is on rule RULE: its key, or a citation that begins with RULE ("§4" finds
 * "§ 4, stk. 2" but not "§ 41"). */
static bool on_rule(const struct search_hit *h, const char *rule)
{
        if (h->d.rule && !strcmp(h->d.rule, rule))
                return true;
        if (!h->d.cite || strncmp(rule, "§", strlen("§")) != 0)
                return false;
        char a[128], b[128];
        squeeze(h->d.cite, a, sizeof a);
        squeeze(rule, b, sizeof b);
        size_t n = strlen(b);
        return !strncmp(a, b, n) && !(a[n] >= '0' && a[n] <= '9');
}

static void csv_field(struct sb *out, const char *s, bool last)
{
        s = s ? s : "";
        if (strpbrk(s, ",\"\r\n")) {
                sb_add(out, "\"");
                for (; *s; s++)
                        sb_add(out, *s == '"' ? "\"\"" : (char[2]){*s, '\0'});
                sb_add(out, "\"");
        } else {
                sb_add(out, s);
        }
        sb_add(out, last ? "\r\n" : ",");
}

/* The snippet on one line (FTS5 keeps the document's line breaks). */
static void one_line(char *s)
{
        for (; s && *s; s++)
                if (*s == '\n' || *s == '\r' || *s == '\t')
                        *s = ' ';
}

static void print_text(const struct search_hits *h, struct sb *out)
{
        for (int i = 0; i < h->n; i++) {
                const struct search_hit *x = &h->v[i];
                struct sb oc = {0};
                search_outcome_words(x, &oc);
                one_line(x->snippet);
                sb_addf(out, "%s  %s  ", x->d.date ? x->d.date : "", x->d.body ? x->d.body : "");
                if (!strcmp(x->d.kind, "ruling")) {
                        sb_addf(out, _("meeting %d, ruling %d"), x->d.meeting, x->d.ruling);
                        if (x->d.item)
                                sb_addf(out, _(" (item %d)"), x->d.item);
                        if (x->d.rule)
                                sb_addf(out, _(": on %s"), x->d.rule);
                        if (x->d.cite)
                                sb_addf(out, " (%s)", x->d.cite);
                } else if (!strcmp(x->d.kind, "council")) {
                        sb_addf(out, _("meeting %d: the council on ruling %d of meeting %d"),
                                x->d.meeting, x->d.ruling, x->d.ref_meeting);
                } else {
                        sb_addf(out, _("meeting %d, item %d: %s"), x->d.meeting, x->d.item,
                                x->d.title ? x->d.title : _("Closed item"));
                }
                sb_addf(out, "\n    %s\n    %s\n", sb_str(&oc), x->snippet ? x->snippet : "");
                sb_free(&oc);
        }
}

static void print_csv(const struct search_hits *h, struct sb *out)
{
        sb_add(out, "body,date,meeting,item,kind,ruling,title,outcome,rule,cite,match\r\n");
        for (int i = 0; i < h->n; i++) {
                const struct search_hit *x = &h->v[i];
                struct sb oc = {0};
                char num[3][16];
                search_outcome_words(x, &oc);
                one_line(x->snippet);
                snprintf(num[0], sizeof num[0], "%d", x->d.meeting);
                snprintf(num[1], sizeof num[1], "%d", x->d.item);
                snprintf(num[2], sizeof num[2], "%d", x->d.ruling);
                csv_field(out, x->d.body, false);
                csv_field(out, x->d.date, false);
                csv_field(out, num[0], false);
                csv_field(out, num[1], false);
                csv_field(out, x->d.kind, false);
                csv_field(out, x->d.ruling ? num[2] : "", false);
                csv_field(out,
                          x->d.title                   ? x->d.title
                          : !strcmp(x->d.kind, "item") ? _("Closed item")
                                                       : "",
                          false);
                csv_field(out, sb_str(&oc), false);
                csv_field(out, x->d.rule, false);
                csv_field(out, x->d.cite, false);
                csv_field(out, x->snippet, true);
                sb_free(&oc);
        }
}

static bool known_rule(const char *r)
{
        return !strncmp(r, "§", strlen("§")) || profile_rule_lookup(r) >= 0;
}

/* Reads the search options and the query from argv; 0, or the exit code to return. */
static int parse_args(int argc, char **argv, struct search_query *qp, const char **queryp,
                      const char **fmtp, const char **rulep)
{
        const char *query = NULL, *fmt = "text", *rule = NULL;
        struct search_query q = {0};
        for (int i = 0; i < argc; i++) {
                const char *a = argv[i];
                bool more = i + 1 < argc;
                if (!strcmp(a, "--public"))
                        q.public_ = true;
                else if (!strcmp(a, "--body") && more)
                        q.body = argv[++i];
                else if ((!strcmp(a, "--from") || !strcmp(a, "--to")) && more) {
                        pk_day d;
                        if (!cal_parse(argv[i + 1], &d)) {
                                fprintf(stderr,
                                        _("protokol: search: %s %s: not a date (YYYY-MM-DD)\n"), a,
                                        argv[i + 1]);
                                return PK_EXIT_USAGE;
                        }
                        *(a[2] == 'f' ? &q.from : &q.to) = argv[++i];
                } else if (!strcmp(a, "--format") && more) {
                        fmt = argv[++i];
                        if (strcmp(fmt, "text") && strcmp(fmt, "csv")) {
                                fprintf(stderr, _("protokol: search: --format %s: text or csv\n"),
                                        fmt);
                                return PK_EXIT_USAGE;
                        }
                } else if (!strcmp(a, "--rulings") && more)
                        rule = argv[++i];
                else if (!strcmp(a, "--limit") && more) {
                        char *end;
                        long v = strtol(argv[++i], &end, 10);
                        if (*end || v < 1 || v > 100000) {
                                fprintf(stderr,
                                        _("protokol: search: --limit %s: a number from 1\n"),
                                        argv[i]);
                                return PK_EXIT_USAGE;
                        }
                        q.limit = (int)v;
                } else if (a[0] == '-' && a[1] == '-') {
                        fprintf(stderr, _("protokol: search: unknown option %s\n"), a);
                        return usage();
                } else if (!query)
                        query = a;
                else {
                        fprintf(stderr,
                                _("protokol: search: one query only (quote it: \"%s %s\")\n"),
                                query, a);
                        return PK_EXIT_USAGE;
                }
        }
        *qp = q;
        *queryp = query;
        *fmtp = fmt;
        *rulep = rule;
        return 0;
}

/* Runs the query on the current index, or on the replayed record; -1 with err set on failure. */
static int run_query(const char *db, const struct search_query *q, struct search_hits *hits,
                     struct pk_err *err)
{
        int rc = -1;
        /* a current index is read without replaying the record */
        struct store *st = NULL;
        if (store_open(db, STORE_READ, &st, err) < 0)
                return -2;
        bool present;
        int64_t seq;
        int version;
        if (store_search_info(st, &present, &seq, &version, err) == 0 && present &&
            version == SEARCH_INDEX_VERSION && seq == store_last_seq(st)) {
                rc = store_search_query(st, q, hits, err);
                store_close(&st);
        } else {
                store_close(&st);
                struct app *a = NULL;
                struct pk_err e1 = {0};
                /* the writer's lock free: the index is stored; else a TEMP part of our own */
                if (app_open(db, false, &a, &e1) < 0 && app_open(db, true, &a, err) < 0)
                        a = NULL;
                if (a)
                        rc = app_search_query(a, db, q, hits, err);
                app_close(&a);
        }
        return rc;
}

int search_cli(const char *db, int argc, char **argv)
{
        const char *query, *fmt, *rule;
        struct search_query q;
        int prc = parse_args(argc, argv, &q, &query, &fmt, &rule);
        if (prc)
                return prc;
        if (!query && !rule)
                return usage();
        if (rule && !known_rule(rule)) {
                int order[R__COUNT];
                profile_rules_by_closeness(rule, order);
                fprintf(stderr, _("protokol: search: --rulings %s: no such rule; the rules are "),
                        rule);
                for (int i = 0; i < R__COUNT; i++)
                        fprintf(stderr, "%s%s", i ? ", " : "",
                                profile_rule_name((enum rule_id)order[i]));
                fprintf(stderr, _(", or a citation such as §4\n"));
                return PK_EXIT_USAGE;
        }
        struct sb expr = {0};
        if (query && search_match_expr(query, &expr) < 0) {
                fprintf(stderr,
                        _("protokol: search: the query \"%s\" holds no word to search for\n"),
                        query);
                sb_free(&expr);
                return PK_EXIT_REFUSED;
        }
        q.match = query ? sb_str(&expr) : NULL;
        int limit = q.limit > 0 ? q.limit : 50;
        if (rule) {
                q.kind = "ruling";
                q.limit = 100000; /* filtered by rule below */
        }
        struct pk_err err = {0};
        struct search_hits hits = {0};
        int rc = run_query(db, &q, &hits, &err);
        if (rc == -2) {
                sb_free(&expr);
                char buf[1200];
                pk_err_format(&err, buf, sizeof buf);
                fprintf(stderr, "protokol: %s\n", buf);
                return PK_EXIT_IO;
        }
        sb_free(&expr);
        if (rc < 0) {
                char buf[1200];
                pk_err_format(&err, buf, sizeof buf);
                fprintf(stderr, "protokol: %s\n", buf);
                search_hits_free(&hits);
                return err.exit_code ? err.exit_code : 3;
        }
        if (rule) {
                /* keep the rulings on the rule, in order */
                int k = 0;
                for (int i = 0; i < hits.n; i++) {
                        if (on_rule(&hits.v[i], rule) && k < limit)
                                hits.v[k++] = hits.v[i];
                        else
                                search_hit_free(&hits.v[i]);
                }
                hits.n = k;
        }
        struct sb out = {0};
        if (!strcmp(fmt, "csv"))
                print_csv(&hits, &out);
        else
                print_text(&hits, &out);
        fputs(sb_str(&out), stdout);
        sb_free(&out);
        int n = hits.n;
        search_hits_free(&hits);
        if (!n && strcmp(fmt, "csv") != 0)
                fprintf(stderr, _("protokol: search: nothing found\n"));
        return n ? 0 : 1;
}
