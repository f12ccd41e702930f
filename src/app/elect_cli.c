/*
 * elect_cli.c - `protokol elect`: the election calculations of SPEC §5.6 on CSV input.
 *
 *   protokol elect proportional --seats N [--order] [--waive GROUP]... [--reserved GROUP]...
 *                               [--lot NAMES]... FILE.csv
 *       FILE: group,votes. Prints CSV group,votes,seats (input order), or with --order
 *       seat,group,quotient. Lots and waivers are reported on stderr (`lot: ...`).
 *   protokol elect majority --profile NAME [--present N] [--lot NAMES]... FILE.csv
 *       FILE: round,candidate,votes; candidate `blank` gives the blank ballots of a round,
 *       candidate `present` the members present in it (instead of --present). Prints one
 *       line per round: `round N: <SPEC §5.2 message> (detail)`, and `round N: lot ...`.
 *   protokol elect kkr --municipalities N [--explain] [--lot NAMES]... FILE.csv
 *       FILE: party,votes,mayors,represented. Prints CSV party,votes,mayors,additional,seats.
 *
 * A lot is drawn here, in the CLI layer, from the operating system (getrandom(2)): a
 * uniformly random order of the tied names. `--lot NAMES` (a CSV row of names in drawn
 * order, e.g. --lot '"B","A"') gives a lot drawn elsewhere - by the mayor in the room -
 * for the next tie; it must name exactly the tied. Every lot is reported with what it was
 * drawn among, the order drawn and where it came from.
 *
 * Exit status: 0; 1 invalid input (file:line:column: field: message on stderr) or a lot
 * that does not fit; 2 usage; 3 the file cannot be read or the output not written.
 */
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "protokol/cli.h"
#include "protokol/elect.h"
#include "protokol/export.h"
#include "protokol/fileio.h"
#include "protokol/i18n.h"
#include "protokol/profile.h"

static int usage(const char *why)
{
        if (why)
                fprintf(stderr, "protokol: elect: %s\n", why);
        fprintf(stderr, "%s",
                _("usage: protokol elect proportional --seats N [--order] [--waive GROUP]...\n"
                  "                                   [--reserved GROUP]... [--lot NAMES]... "
                  "FILE.csv\n"
                  "       protokol elect majority --profile NAME [--present N] [--lot NAMES]... "
                  "FILE.csv\n"
                  "       protokol elect kkr --municipalities N [--explain] [--lot NAMES]... "
                  "FILE.csv\n"));
        return PK_EXIT_USAGE;
}

static int report(const struct pk_err *e, int code)
{
        char buf[1200];
        pk_err_format(e, buf, sizeof buf);
        fprintf(stderr, e->file[0] ? "protokol: %s\n" : "protokol: elect: %s\n", buf);
        return e->exit_code ? e->exit_code : code;
}

/* ---- reading CSV ---------------------------------------------------------------------- */

struct row {
        int line;
        int nf;
        char **f;
};

struct table {
        const char *file;
        int nrows;
        struct row *rows;
        /* while parsing */
        int line;
        int nf, cap;
        char **f;
        int row_line;
        bool bad;
        struct pk_err *err;
};

static void on_field(void *s, size_t len, void *data)
{
        struct table *t = data;
        if (t->bad)
                return;
        int nl = 0;
        for (size_t i = 0; i < len; i++)
                nl += ((char *)s)[i] == '\n';
        if (t->nf == 0)
                t->row_line = t->line - nl;
        if (memchr(s, '\0', len) || nl || memchr(s, '\r', len)) {
                pk_strlcpy(t->err->file, t->file, sizeof t->err->file);
                t->err->line = t->row_line;
                t->err->column = t->nf + 1;
                pk_err_set(t->err, nl || memchr(s, '\r', len) ? _("a line break inside a field")
                                                              : _("a NUL byte inside a field"));
                t->bad = true;
                return;
        }
        size_t bad;
        if (!pk_utf8_valid(s, len, &bad)) {
                pk_strlcpy(t->err->file, t->file, sizeof t->err->file);
                t->err->line = t->row_line;
                t->err->column = t->nf + 1;
                pk_err_set(t->err, _("not valid UTF-8 (byte %zu of the field)"), bad + 1);
                t->bad = true;
                return;
        }
        if (t->nf == t->cap) {
                t->cap = t->cap ? 2 * t->cap : 8;
                t->f = pk_xrealloc(t->f, sizeof *t->f * (size_t)t->cap);
        }
        char *v = pk_xmalloc(len + 1);
        memcpy(v, s, len);
        v[len] = '\0';
        t->f[t->nf++] = v;
}

static void on_row(int c, void *data)
{
        (void)c;
        struct table *t = data;
        if (t->bad || t->nf == 0)
                return;
        t->rows = pk_xrealloc(t->rows, sizeof *t->rows * (size_t)(t->nrows + 1));
        struct row *r = &t->rows[t->nrows++];
        r->line = t->row_line;
        r->nf = t->nf;
        r->f = t->f;
        t->f = NULL;
        t->nf = t->cap = 0;
}

static void table_free(struct table *t)
{
        for (int i = 0; i < t->nrows; i++) {
                for (int j = 0; j < t->rows[i].nf; j++)
                        free(t->rows[i].f[j]);
                free(t->rows[i].f);
        }
        free(t->rows);
        for (int j = 0; j < t->nf; j++)
                free(t->f[j]);
        free(t->f);
        memset(t, 0, sizeof *t);
}

/*
 * Parses the whole file into rows (blank lines skipped), each with its line number. The
 * header row must hold exactly the columns of want[] (any order; case and surrounding
 * spaces ignored); col[i] receives the position of want[i]. Returns 0, or -1 with *err.
 */
static int read_csv(const char *path, const char *const *want, int nwant, int *col, struct table *t,
                    struct pk_err *err)
{
        memset(t, 0, sizeof *t);
        t->file = path;
        t->err = err;
        char *text;
        size_t n;
        static const struct pk_input csv_input = {N_("the file"), N_("a CSV file"),
                                                  64u * 1024 * 1024};
        if (pk_read_file(path, &csv_input, &text, &n, err) < 0) {
                err->exit_code = PK_EXIT_IO; /* elect: an unreadable input is an I/O failure */
                return -1;
        }
        struct csv_parser p;
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
                abort();
        size_t off = 0;
        if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
                off = 3;
        t->line = 0;
        int rc = 0;
        while (off < n && !t->bad) {
                const char *nl = memchr(text + off, '\n', n - off);
                size_t len = nl ? (size_t)(nl - (text + off)) + 1 : n - off;
                t->line++;
                size_t done = csv_parse(&p, text + off, len, on_field, on_row, t);
                if (done != len && !t->bad) {
                        pk_strlcpy(err->file, path, sizeof err->file);
                        err->line = t->line;
                        err->column = (int)done + 1;
                        if (csv_error(&p) == CSV_EPARSE)
                                pk_err_set(err,
                                           _("malformed CSV: a quote inside an unquoted field, or "
                                             "text after a closing quote"));
                        else
                                pk_err_set(err, _("malformed CSV: %s"),
                                           csv_strerror(csv_error(&p)));
                        t->bad = true;
                }
                off += len;
        }
        if (!t->bad && csv_fini(&p, on_field, on_row, t) != 0 && !t->bad) {
                pk_strlcpy(err->file, path, sizeof err->file);
                err->line = t->line;
                pk_err_set(err, _("malformed CSV: a quoted field is not closed"));
                t->bad = true;
        }
        csv_free(&p);
        free(text);
        if (t->bad)
                rc = -1;
        if (rc == 0 && t->nrows == 0) {
                pk_strlcpy(err->file, path, sizeof err->file);
                pk_err_set(err, _("empty file: a header row is required"));
                rc = -1;
        }
        if (rc == 0) {
                const struct row *h = &t->rows[0];
                for (int i = 0; i < nwant; i++)
                        col[i] = -1;
                struct sb expect = {0};
                for (int i = 0; i < nwant; i++)
                        sb_addf(&expect, "%s%s", i ? "," : "", want[i]);
                for (int j = 0; j < h->nf && rc == 0; j++) {
                        int w = -1;
                        for (int i = 0; i < nwant; i++)
                                if (!strcasecmp(h->f[j], want[i]))
                                        w = i;
                        pk_strlcpy(err->file, path, sizeof err->file);
                        err->line = h->line;
                        err->column = j + 1;
                        if (w < 0) {
                                pk_err_set(err,
                                           _("unknown column \"%s\" in the header (expected %s)"),
                                           h->f[j], sb_str(&expect));
                                rc = -1;
                        } else if (col[w] >= 0) {
                                pk_err_set(err, _("the column \"%s\" appears twice"), want[w]);
                                rc = -1;
                        } else {
                                col[w] = j;
                        }
                }
                for (int i = 0; i < nwant && rc == 0; i++)
                        if (col[i] < 0) {
                                err->column = 0;
                                pk_err_set(err,
                                           _("the header has no column \"%s\" (a header row %s is "
                                             "required)"),
                                           want[i], sb_str(&expect));
                                rc = -1;
                        }
                sb_free(&expect);
                for (int r = 1; r < t->nrows && rc == 0; r++)
                        if (t->rows[r].nf != h->nf) {
                                err->line = t->rows[r].line;
                                err->column = 0;
                                pk_err_set(err, _("%d fields, but the header has %d"),
                                           t->rows[r].nf, h->nf);
                                rc = -1;
                        }
                if (rc == 0) {
                        err->line = 0;
                        err->column = 0;
                }
        }
        if (rc < 0)
                table_free(t);
        return rc;
}

/* Points *err at a field of a row for a message. */
static struct pk_err *at(struct pk_err *err, const struct table *t, const struct row *r, int column,
                         const char *name)
{
        pk_strlcpy(err->file, t->file, sizeof err->file);
        err->line = r->line;
        err->column = column + 1;
        pk_strlcpy(err->field, name, sizeof err->field);
        return err;
}

static bool parse_count(const char *s, long long max, long long *out)
{
        if (!*s)
                return false;
        long long v = 0;
        for (const char *c = s; *c; c++) {
                if (*c < '0' || *c > '9')
                        return false;
                v = v * 10 + (*c - '0');
                if (v > max)
                        return false;
        }
        *out = v;
        return true;
}

static int field_count(struct table *t, const struct row *r, int column, const char *name,
                       long long max, long long *out, struct pk_err *err)
{
        if (parse_count(r->f[column], max, out))
                return 0;
        pk_err_set(at(err, t, r, column, name), _("\"%s\" is not a whole number from 0 to %lld"),
                   r->f[column], max);
        return -1;
}

static int field_name(struct table *t, const struct row *r, int column, const char *name,
                      struct pk_err *err)
{
        if (!r->f[column][0]) {
                pk_err_set(at(err, t, r, column, name), _("empty"));
                return -1;
        }
        if (strlen(r->f[column]) >= ELECT_NAME_MAX) {
                pk_err_set(at(err, t, r, column, name), _("longer than %d bytes"),
                           ELECT_NAME_MAX - 1);
                return -1;
        }
        return 0;
}

/* ---- writing CSV ---------------------------------------------------------------------- */

static void csv_field(struct sb *out, const char *v, bool first)
{
        if (!first)
                sb_add(out, ",");
        char *neutral = NULL;
        if (csv_formula_like(v)) { /* a group named =HYPERLINK(...) is not a formula */
                neutral = pk_xmalloc(strlen(v) + 2);
                neutral[0] = '\'';
                strcpy(neutral + 1, v);
                v = neutral;
        }
        size_t n = strlen(v);
        bool quote = n > 0 && (v[0] == ' ' || v[n - 1] == ' ');
        for (const char *c = v; *c && !quote; c++)
                quote = *c == ',' || *c == '"' || *c == '\r' || *c == '\n';
        if (!quote) {
                sb_add(out, v);
                free(neutral);
                return;
        }
        size_t need = csv_write(NULL, 0, v, n);
        char *buf = pk_xmalloc(need + 1);
        csv_write(buf, need, v, n);
        sb_addn(out, buf, need);
        free(buf);
        free(neutral);
}

static void csv_end(struct sb *out)
{
        sb_add(out, "\r\n");
}

static int flush_out(const struct sb *out)
{
        fputs(sb_str(out), stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, _("protokol: elect: cannot write the output: %s\n"),
                        strerror(errno));
                return PK_EXIT_IO;
        }
        return 0;
}

/* ---- lots ----------------------------------------------------------------------------- */

/* Appends the drawn order: `"C", "A", "B"`. */
static void drawn_order(const char *const *names, const struct elect_lot *lot, struct sb *out)
{
        for (int i = 0; i < lot->n; i++)
                sb_addf(out, "%s\"%s\"", i ? ", " : "", names[lot->order[i]]);
}

struct lots {
        int n, used;
        char **spec; /* the --lot values, in order */
};

/* A uniformly random integer in [0, n) from the operating system. */
static int os_random_below(uint32_t n)
{
        uint32_t limit = UINT32_MAX - UINT32_MAX % n, x;
        do {
                ssize_t k;
                do
                        k = getrandom(&x, sizeof x, 0);
                while (k < 0 && errno == EINTR);
                if (k != (ssize_t)sizeof x) {
                        fprintf(stderr,
                                _("protokol: elect: the operating system gave no random "
                                  "numbers for the lot: %s\n"),
                                strerror(errno));
                        exit(PK_EXIT_IO);
                }
        } while (x >= limit);
        return (int)(x % n);
}

/* Splits a --lot value (a CSV row) into names. Returns the count, or -1 if malformed. */
struct name_list {
        int n;
        char names[ELECT_MAX_GROUPS][ELECT_NAME_MAX];
        bool overflow;
};

static void nl_field(void *s, size_t len, void *data)
{
        struct name_list *l = data;
        if (l->n >= ELECT_MAX_GROUPS || len >= ELECT_NAME_MAX) {
                l->overflow = true;
                return;
        }
        memcpy(l->names[l->n], s, len);
        l->names[l->n][len] = '\0';
        l->n++;
}

static void nl_row(int c, void *data)
{
        (void)c;
        (void)data;
}

static int split_names(const char *spec, struct name_list *l)
{
        memset(l, 0, sizeof *l);
        struct csv_parser p;
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
                abort();
        size_t n = strlen(spec);
        int rc = 0;
        if (csv_parse(&p, spec, n, nl_field, nl_row, l) != n ||
            csv_fini(&p, nl_field, nl_row, l) != 0 || l->overflow || l->n == 0)
                rc = -1;
        csv_free(&p);
        return rc;
}

/*
 * Draws (or takes from the next --lot) the order of the tied entries, whose names are
 * names[tied[i]]. Describes the draw in *how ("getrandom" or "--lot"). Returns 0, or -1
 * with *err set when the --lot does not fit the tie.
 */
static int draw(struct lots *ls, const char *const *names, const int *tied, int nt,
                struct elect_lot *lot, const char **how, struct pk_err *err)
{
        lot->n = nt;
        if (ls->used < ls->n) {
                const char *spec = ls->spec[ls->used++];
                struct name_list l;
                *how = "--lot";
                struct sb want = {0};
                elect_format_names(names, tied, nt, &want);
                if (split_names(spec, &l) < 0 || l.n != nt) {
                        pk_err_set(err,
                                   _("the lot given (--lot %s) does not fit the tie between %s"),
                                   spec, sb_str(&want));
                        sb_free(&want);
                        return -1;
                }
                for (int i = 0; i < nt; i++) {
                        int found = -1;
                        for (int j = 0; j < nt; j++)
                                if (!strcmp(names[tied[j]], l.names[i]))
                                        found = tied[j];
                        for (int k = 0; k < i && found >= 0; k++)
                                if (lot->order[k] == found)
                                        found = -1;
                        if (found < 0) {
                                pk_err_set(
                                    err,
                                    _("the lot given (--lot %s) does not fit the tie between "
                                      "%s"),
                                    spec, sb_str(&want));
                                sb_free(&want);
                                return -1;
                        }
                        lot->order[i] = found;
                }
                sb_free(&want);
                return 0;
        }
        *how = "getrandom";
        for (int i = 0; i < nt; i++)
                lot->order[i] = tied[i];
        for (int i = nt - 1; i > 0; i--) {
                int j = os_random_below((uint32_t)i + 1);
                int x = lot->order[i];
                lot->order[i] = lot->order[j];
                lot->order[j] = x;
        }
        return 0;
}

static int check_lots_used(const struct lots *ls)
{
        if (ls->used < ls->n) {
                fprintf(stderr,
                        _("protokol: elect: --lot %s was not needed: no tie was left to draw\n"),
                        ls->spec[ls->used]);
                return PK_EXIT_REFUSED;
        }
        return 0;
}

/* ---- proportional --------------------------------------------------------------------- */

/* Writes the allocation as CSV: the seats in order, or the seats of each group; the exit code. */
static int write_prop(const struct elect_prop *e, const struct elect_prop_result *r,
                      const char *const *names, bool order)
{
        struct sb out = {0};
        char buf[64];
        if (order) {
                sb_add(&out, "seat,group,quotient");
                csv_end(&out);
                for (int i = 0; i < r->nseats; i++) {
                        const struct elect_seat *s = &r->order[i];
                        snprintf(buf, sizeof buf, "%d", i + 1);
                        csv_field(&out, buf, true);
                        csv_field(&out, names[s->group], false);
                        elect_format_quotient(s->num, s->den, buf, sizeof buf);
                        csv_field(&out, buf, false);
                        csv_end(&out);
                        if (s->reserved)
                                fprintf(stderr, _("seat %d: held ex officio, counted in \"%s\"\n"),
                                        i + 1, names[s->group]);
                }
        } else {
                sb_add(&out, "group,votes,seats");
                csv_end(&out);
                for (int g = 0; g < e->ngroups; g++) {
                        csv_field(&out, names[g], true);
                        snprintf(buf, sizeof buf, "%lld", e->group[g].votes);
                        csv_field(&out, buf, false);
                        snprintf(buf, sizeof buf, "%d", r->seats[g]);
                        csv_field(&out, buf, false);
                        csv_end(&out);
                }
        }
        if (r->status == EP_UNFILLED)
                fprintf(stderr,
                        _("protokol: elect: %d seat(s) stay empty: no group can take more\n"),
                        r->unfilled);
        int rc = flush_out(&out);
        sb_free(&out);
        return rc;
}

static int cmd_proportional(int seats, bool order, char **waive, int nwaive, char **reserved,
                            int nreserved, struct lots *ls, const char *file)
{
        static const char *const want[] = {"group", "votes"};
        int col[2];
        struct table t;
        struct pk_err err = {0};
        if (read_csv(file, want, 2, col, &t, &err) < 0)
                return report(&err, PK_EXIT_REFUSED);
        struct elect_prop *e = pk_xcalloc(1, sizeof *e);
        struct elect_prop_result *r = pk_xcalloc(1, sizeof *r);
        int rc = 0;
        elect_prop_init(e, seats);
        e->rank_all_ties = order;
        for (int i = 1; i < t.nrows && rc == 0; i++) {
                const struct row *row = &t.rows[i];
                long long v;
                if (field_name(&t, row, col[0], "group", &err) < 0 ||
                    field_count(&t, row, col[1], "votes", ELECT_MAX_VOTES, &v, &err) < 0 ||
                    elect_prop_group(e, row->f[col[0]], v, at(&err, &t, row, col[0], "group")) < 0)
                        rc = report(&err, PK_EXIT_REFUSED);
        }
        if (rc == 0 && e->ngroups == 0) {
                pk_strlcpy(err.file, file, sizeof err.file);
                pk_err_set(&err, _("no groups: the file has only its header"));
                rc = report(&err, PK_EXIT_REFUSED);
        }
        for (int i = 0; i < nreserved && rc == 0; i++) {
                int g = elect_prop_find(e, reserved[i]);
                pk_err_clear(&err);
                if (g < 0) {
                        fprintf(stderr, _("protokol: elect: --reserved: no group \"%s\" in %s\n"),
                                reserved[i], file);
                        rc = PK_EXIT_USAGE;
                } else if (elect_prop_reserve(e, g, &err) < 0) {
                        rc = report(&err, PK_EXIT_REFUSED);
                }
        }
        const char *names[ELECT_MAX_GROUPS];
        for (int g = 0; g < e->ngroups; g++)
                names[g] = e->group[g].name;
        for (int i = 0; i < nwaive && rc == 0; i++)
                if (elect_prop_find(e, waive[i]) < 0) {
                        fprintf(stderr, _("protokol: elect: --waive: no group \"%s\" in %s\n"),
                                waive[i], file);
                        rc = PK_EXIT_USAGE;
                }
        int w = 0;
        while (rc == 0) {
                pk_err_clear(&err);
                if (elect_prop_allocate(e, r, &err) < 0) {
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                if (r->status == EP_LOT_NEEDED) {
                        struct elect_lot lot;
                        const char *how;
                        if (draw(ls, names, r->tied, r->ntied, &lot, &how, &err) < 0 ||
                            elect_prop_lot(e, r, &lot, &err) < 0) {
                                rc = report(&err, PK_EXIT_REFUSED);
                                break;
                        }
                        char q[32];
                        struct sb m = {0};
                        elect_format_quotient(r->num, r->den, q, sizeof q);
                        elect_format_names(names, r->tied, r->ntied, &m);
                        bool seat = r->places < r->ntied;
                        if (!seat)
                                fprintf(stderr,
                                        _("lot: %s are tied at quotient %s; the order of their %d "
                                          "seats "
                                          "drawn: "),
                                        sb_str(&m), q, r->places);
                        else if (r->places == 1)
                                fprintf(stderr,
                                        _("lot: %s are tied at quotient %s for 1 seat; drawn: "),
                                        sb_str(&m), q);
                        else
                                fprintf(stderr,
                                        _("lot: %s are tied at quotient %s for %d seats; drawn: "),
                                        sb_str(&m), q, r->places);
                        sb_clear(&m);
                        drawn_order(names, &lot, &m);
                        fprintf(stderr, "%s (%s)\n", sb_str(&m), how);
                        sb_free(&m);
                        continue;
                }
                if (r->status == EP_TIE) {
                        fprintf(stderr, _("protokol: elect: a tie that needs a lot, and lots are "
                                          "not allowed\n"));
                        rc = PK_EXIT_REFUSED;
                        break;
                }
                if (w < nwaive) {
                        int g = elect_prop_find(e, waive[w]);
                        if (elect_prop_waive(e, r, g, &err) < 0) {
                                rc = report(&err, PK_EXIT_REFUSED);
                                break;
                        }
                        fprintf(stderr,
                                _("waive: \"%s\" gives up one of its %d seat(s) and keeps %d\n"),
                                names[g], r->seats[g], r->seats[g] - 1);
                        w++;
                        continue;
                }
                break;
        }
        if (rc == 0)
                rc = check_lots_used(ls);
        if (rc == 0)
                rc = write_prop(e, r, names, order);
        free(e);
        free(r);
        table_free(&t);
        return rc;
}

/* ---- majority ------------------------------------------------------------------------- */

static void detail(const struct elect_majority *e, const struct elect_outcome *o, struct sb *out)
{
        const struct elect_round *r = &e->round[o->round - 1];
        const char *basis =
            e->rules.basis == EB_PRESENT ? _("members present") : _("votes cast, blank included");
        if (o->state == ES_ELECTED) {
                switch (o->how) {
                case EH_MAJORITY:
                        sb_addf(out, _(" (%d votes; a majority is %d of %d %s)"),
                                r->votes[o->elected], o->needed, o->basis, basis);
                        return;
                case EH_SOLE:
                        sb_addf(out, _(" (the only candidate with votes: %d)"),
                                r->votes[o->elected]);
                        return;
                case EH_ALONE:
                        sb_add(out, _(" (the only candidate, so the bound election has one name)"));
                        return;
                case EH_BOUND: {
                        int other = o->pair[0] == o->elected ? o->pair[1] : o->pair[0];
                        sb_addf(out, _(" (bound election, %d votes to %d)"), r->votes[o->elected],
                                r->votes[other]);
                        return;
                }
                case EH_LOT:
                        sb_add(out, _(" (by lot after a tie in the bound election)"));
                        return;
                }
        }
        if (o->state == ES_ROUND2 || o->state == ES_BOUND) {
                int best = 0;
                for (int i = 1; i < e->ncand; i++)
                        if (r->votes[i] > r->votes[best])
                                best = i;
                sb_addf(out, _(" (most votes: \"%s\" %d; a majority is %d of %d %s)"),
                        e->cand[best], r->votes[best], o->needed, o->basis, basis);
        }
}

struct mround {
        int line;    /* first row of the round */
        int present; /* from a `present` row, or -1 */
        int blank;
        int nv;
        char names[ELECT_MAX_CANDIDATES][ELECT_NAME_MAX];
        int votes[ELECT_MAX_CANDIDATES];
        int vline[ELECT_MAX_CANDIDATES];
};

/* Reads the rows of the majority file into its rounds, in order; 0, or the exit code. */
static int read_rounds(struct table *t, const int *col, struct mround *rd, int *nrp,
                       struct pk_err *err)
{
        int nr = 0, rc = 0;
        for (int i = 1; i < t->nrows && rc == 0; i++) {
                const struct row *row = &t->rows[i];
                long long k, v;
                if (!parse_count(row->f[col[0]], 3, &k) || k < 1) {
                        pk_err_set(
                            at(err, t, row, col[0], "round"),
                            _("\"%s\" is not a round: 1, 2 or 3 (the 3rd is the bound election)"),
                            row->f[col[0]]);
                        rc = report(err, PK_EXIT_REFUSED);
                        break;
                }
                if (field_name(t, row, col[1], "candidate", err) < 0 ||
                    field_count(t, row, col[2], "votes", ELECT_MAX_VOTES, &v, err) < 0) {
                        rc = report(err, PK_EXIT_REFUSED);
                        break;
                }
                if (k < nr || k > nr + 1) {
                        pk_err_set(at(err, t, row, col[0], "round"),
                                   k < nr
                                       ? _("round %lld after round %d: list the rounds in order")
                                       : _("round %lld: the rounds are 1, 2 and 3, in order (the "
                                           "last was %d)"),
                                   k, nr);
                        rc = report(err, PK_EXIT_REFUSED);
                        break;
                }
                if (k == nr + 1) {
                        nr++;
                        rd[nr - 1].line = row->line;
                        rd[nr - 1].present = -1;
                        rd[nr - 1].blank = -1;
                }
                struct mround *m = &rd[nr - 1];
                const char *name = row->f[col[1]];
                if (!strcmp(name, "blank") || !strcmp(name, "present")) {
                        int *slot = name[0] == 'b' ? &m->blank : &m->present;
                        if (*slot >= 0) {
                                pk_err_set(at(err, t, row, col[1], "candidate"),
                                           _("\"%s\" is given twice in round %lld"), name, k);
                                rc = report(err, PK_EXIT_REFUSED);
                                break;
                        }
                        *slot = (int)v;
                        continue;
                }
                for (int j = 0; j < m->nv; j++)
                        if (!strcmp(m->names[j], name)) {
                                pk_err_set(at(err, t, row, col[1], "candidate"),
                                           _("\"%s\" is given twice in round %lld"), name, k);
                                rc = report(err, PK_EXIT_REFUSED);
                        }
                if (rc)
                        break;
                if (m->nv >= ELECT_MAX_CANDIDATES) {
                        pk_err_set(at(err, t, row, col[1], "candidate"),
                                   _("more than %d candidates"), ELECT_MAX_CANDIDATES);
                        rc = report(err, PK_EXIT_REFUSED);
                        break;
                }
                pk_strlcpy(m->names[m->nv], name, ELECT_NAME_MAX);
                m->votes[m->nv] = (int)v;
                m->vline[m->nv] = row->line;
                m->nv++;
        }
        *nrp = nr;
        return rc;
}

static int cmd_majority(const char *profile_name, int present, struct lots *ls, const char *file)
{
        struct profile *p = pk_xcalloc(1, sizeof *p);
        struct pk_err err = {0};
        if (profile_find(profile_name, p, &err) < 0) {
                free(p);
                return report(&err, PK_EXIT_REFUSED);
        }
        struct elect_majority_rules rules = elect_majority_rules_from_profile(p);
        free(p);
        static const char *const want[] = {"round", "candidate", "votes"};
        int col[3];
        struct table t;
        if (read_csv(file, want, 3, col, &t, &err) < 0)
                return report(&err, PK_EXIT_REFUSED);
        struct mround *rd = pk_xcalloc(3, sizeof *rd);
        int nr = 0;
        int rc = read_rounds(&t, col, rd, &nr, &err);
        if (rc == 0 && nr == 0) {
                pk_strlcpy(err.file, file, sizeof err.file);
                pk_err_set(&err, _("no rounds: the file has only its header"));
                rc = report(&err, PK_EXIT_REFUSED);
        }
        struct elect_majority *e = pk_xcalloc(1, sizeof *e);
        elect_majority_init(e, &rules);
        struct sb out = {0};
        for (int k = 0; k < nr && rc == 0; k++) {
                struct mround *m = &rd[k];
                pk_strlcpy(err.file, file, sizeof err.file);
                err.line = m->line;
                struct elect_outcome o;
                elect_majority_eval(e, &o);
                if (o.state == ES_ELECTED) {
                        pk_err_set(&err, _("round %d is given, but \"%s\" was elected in round %d"),
                                   k + 1, e->cand[o.elected], o.round);
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                for (int j = 0; j < m->nv && rc == 0; j++) {
                        err.line = m->vline[j];
                        if (elect_majority_candidate(e, m->names[j], &err) < 0)
                                rc = report(&err, PK_EXIT_REFUSED);
                }
                if (rc)
                        break;
                err.line = m->line;
                int votes[ELECT_MAX_CANDIDATES] = {0};
                for (int j = 0; j < m->nv; j++)
                        votes[elect_majority_find(e, m->names[j])] = m->votes[j];
                int pres = m->present >= 0 ? m->present : present;
                if (rules.basis == EB_PRESENT && pres < 0) {
                        pk_err_set(
                            &err,
                            _("round %d: the number of members present is needed (--present N, "
                              "or a row %d,present,N): the rules require a majority of the "
                              "members present"),
                            k + 1, k + 1);
                        rc = report(&err, PK_EXIT_USAGE);
                        break;
                }
                if (elect_majority_round(e, votes, m->blank > 0 ? m->blank : 0, pres, &o, &err) <
                    0) {
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                for (;;) {
                        sb_addf(&out, _("round %d: "), k + 1);
                        elect_outcome_format(e, &o, &out);
                        detail(e, &o, &out);
                        sb_add(&out, "\n");
                        if (o.state != ES_LOT_NEEDED)
                                break;
                        const char *names[ELECT_MAX_CANDIDATES];
                        for (int i = 0; i < e->ncand; i++)
                                names[i] = e->cand[i];
                        struct elect_lot lot;
                        const char *how;
                        int places = o.places;
                        if (draw(ls, names, o.tied, o.ntied, &lot, &how, &err) < 0) {
                                err.line = 0;
                                err.file[0] = '\0';
                                rc = report(&err, PK_EXIT_REFUSED);
                                break;
                        }
                        sb_addf(&out, _("round %d: lot among "), k + 1);
                        elect_format_names(names, o.tied, o.ntied, &out);
                        if (places == 1)
                                sb_add(&out, _(" for 1 place; drawn: "));
                        else
                                sb_addf(&out, _(" for %d places; drawn: "), places);
                        drawn_order(names, &lot, &out);
                        sb_addf(&out, " (%s)\n", how);
                        if (elect_majority_lot(e, &lot, &o, &err) < 0) {
                                rc = report(&err, PK_EXIT_REFUSED);
                                break;
                        }
                }
        }
        if (rc == 0)
                rc = check_lots_used(ls);
        if (rc == 0)
                rc = flush_out(&out);
        sb_free(&out);
        free(e);
        free(rd);
        table_free(&t);
        return rc;
}

/* ---- KKR ------------------------------------------------------------------------------ */

static bool parse_yes_no(const char *s, bool *out)
{
        static const char *const yes[] = {"yes", "1", "ja", "true", "y"};
        static const char *const no[] = {"no", "0", "nej", "false", "n"};
        for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
                if (!strcasecmp(s, yes[i])) {
                        *out = true;
                        return true;
                }
        for (size_t i = 0; i < sizeof no / sizeof *no; i++)
                if (!strcasecmp(s, no[i])) {
                        *out = false;
                        return true;
                }
        return false;
}

/* Writes the seats of each party as CSV, with the steps on stderr if asked; the exit code. */
static int write_kkr(const struct elect_kkr *k, const struct elect_kkr_result *r,
                     const char *const *names, bool explain)
{
        if (explain) {
                fprintf(stderr, _("total-votes: %lld\n"), r->total_votes);
                fprintf(stderr, _("threshold: %lld (2 %% of the votes, rounded up)\n"),
                        (r->total_votes + 49) / 50);
                fprintf(stderr, "%s", _("eligible:"));
                for (int i = 0; i < k->nparties; i++)
                        if (r->row[i].eligible)
                                fprintf(stderr, " \"%s\"", names[i]);
                fprintf(stderr, "\n");
                fprintf(stderr, _("seats-eligible: %d (rule 2)\n"), r->seats_eligible);
                fprintf(stderr, _("other-mayors: %d\n"), r->other_mayors);
                fprintf(stderr, _("cap: %d (%s)\n"), r->cap,
                        r->cap_binds ? _("binds: rule 3") : _("does not bind"));
                fprintf(stderr, _("size: %d\n"), r->size);
        }
        if (r->minimum_over_cap)
                fprintf(stderr,
                        _("protokol: elect: the mayors and one seat for each eligible party "
                          "already exceed the cap of %d; those minimum seats are kept "
                          "(§ 3, stk. 2)\n"),
                        r->cap);
        struct sb out = {0};
        char buf[64];
        sb_add(&out, "party,votes,mayors,additional,seats");
        csv_end(&out);
        for (int i = 0; i < k->nparties; i++) {
                csv_field(&out, names[i], true);
                snprintf(buf, sizeof buf, "%lld", k->party[i].votes);
                csv_field(&out, buf, false);
                snprintf(buf, sizeof buf, "%d", k->party[i].mayors);
                csv_field(&out, buf, false);
                snprintf(buf, sizeof buf, "%d", r->row[i].additional);
                csv_field(&out, buf, false);
                snprintf(buf, sizeof buf, "%d", r->row[i].seats);
                csv_field(&out, buf, false);
                csv_end(&out);
        }
        int rc = flush_out(&out);
        sb_free(&out);
        return rc;
}

static int cmd_kkr(int municipalities, bool explain, struct lots *ls, const char *file)
{
        static const char *const want[] = {"party", "votes", "mayors", "represented"};
        int col[4];
        struct table t;
        struct pk_err err = {0};
        if (read_csv(file, want, 4, col, &t, &err) < 0)
                return report(&err, PK_EXIT_REFUSED);
        struct elect_kkr *k = pk_xcalloc(1, sizeof *k);
        struct elect_kkr_result *r = pk_xcalloc(1, sizeof *r);
        k->municipalities = municipalities;
        k->lot_allowed = true;
        int rc = 0;
        for (int i = 1; i < t.nrows && rc == 0; i++) {
                const struct row *row = &t.rows[i];
                long long v, m;
                bool rep;
                if (field_name(&t, row, col[0], "party", &err) < 0 ||
                    field_count(&t, row, col[1], "votes", ELECT_MAX_VOTES, &v, &err) < 0 ||
                    field_count(&t, row, col[2], "mayors", municipalities, &m, &err) < 0) {
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                if (!parse_yes_no(row->f[col[3]], &rep)) {
                        pk_err_set(at(&err, &t, row, col[3], "represented"),
                                   _("\"%s\" is not yes or no (yes/no, 1/0)"), row->f[col[3]]);
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                for (int j = 0; j < k->nparties; j++)
                        if (!strcmp(k->party[j].name, row->f[col[0]])) {
                                pk_err_set(at(&err, &t, row, col[0], "party"),
                                           _("\"%s\" is listed twice"), row->f[col[0]]);
                                rc = report(&err, PK_EXIT_REFUSED);
                        }
                if (rc)
                        break;
                if (k->nparties >= ELECT_MAX_GROUPS) {
                        pk_err_set(at(&err, &t, row, col[0], "party"), _("more than %d parties"),
                                   ELECT_MAX_GROUPS);
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                struct elect_kkr_party *pp = &k->party[k->nparties++];
                pk_strlcpy(pp->name, row->f[col[0]], sizeof pp->name);
                pp->votes = v;
                pp->mayors = (int)m;
                pp->represented = rep;
        }
        if (rc == 0 && k->nparties == 0) {
                pk_strlcpy(err.file, file, sizeof err.file);
                pk_err_set(&err, _("no parties: the file has only its header"));
                rc = report(&err, PK_EXIT_REFUSED);
        }
        const char *names[ELECT_MAX_GROUPS];
        for (int i = 0; i < k->nparties; i++)
                names[i] = k->party[i].name;
        while (rc == 0) {
                pk_err_clear(&err);
                if (elect_kkr(k, r, &err) < 0) {
                        pk_strlcpy(err.file, file, sizeof err.file);
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                if (r->status == EK_DONE)
                        break;
                struct elect_lot lot;
                const char *how;
                if (draw(ls, names, r->tied, r->ntied, &lot, &how, &err) < 0 ||
                    elect_kkr_lot(k, r, &lot, &err) < 0) {
                        rc = report(&err, PK_EXIT_REFUSED);
                        break;
                }
                char q[32];
                struct sb m = {0};
                elect_format_quotient(r->num, r->den, q, sizeof q);
                elect_format_names(names, r->tied, r->ntied, &m);
                const char *unit = r->stage == ELECT_STAGE_DHONDT ? _("quotient ") : "";
                const char *per =
                    r->stage == ELECT_STAGE_DHONDT ? "" : _(" votes per seat with equal seats,");
                if (r->places == 1)
                        fprintf(stderr, _("lot: %s are tied at %s%s%s for 1 seat; drawn: "),
                                sb_str(&m), unit, q, per);
                else
                        fprintf(stderr, _("lot: %s are tied at %s%s%s for %d seats; drawn: "),
                                sb_str(&m), unit, q, per, r->places);
                sb_clear(&m);
                drawn_order(names, &lot, &m);
                fprintf(stderr, "%s (%s)\n", sb_str(&m), how);
                sb_free(&m);
        }
        if (rc == 0)
                rc = check_lots_used(ls);
        if (rc == 0)
                rc = write_kkr(k, r, names, explain);
        free(k);
        free(r);
        table_free(&t);
        return rc;
}

/* ---- arguments ------------------------------------------------------------------------ */

static bool parse_int_arg(const char *s, int min, int max, int *out)
{
        long long v;
        if (!parse_count(s, max, &v) || v < min)
                return false;
        *out = (int)v;
        return true;
}

/* The three calculations of elect. */
enum calc_kind { PROP, MAJ, KKR };

/* Checks that option a is one of this calculation's and has its value; -1, or the exit code. */
static int check_option(enum calc_kind kind, const char *what, int argc, char **argv, int i)
{
        const char *a = argv[i];
        char why[400];
        bool takes = !strcmp(a, "--seats") || !strcmp(a, "--waive") || !strcmp(a, "--reserved") ||
                     !strcmp(a, "--lot") || !strcmp(a, "--profile") || !strcmp(a, "--present") ||
                     !strcmp(a, "--municipalities");
        bool allowed =
            (kind == PROP && (!strcmp(a, "--seats") || !strcmp(a, "--waive") ||
                              !strcmp(a, "--reserved") || !strcmp(a, "--order"))) ||
            (kind == MAJ && (!strcmp(a, "--profile") || !strcmp(a, "--present"))) ||
            (kind == KKR && (!strcmp(a, "--municipalities") || !strcmp(a, "--explain"))) ||
            !strcmp(a, "--lot");
        if (a[0] == '-' && a[1]) {
                if (!allowed) {
                        snprintf(why, sizeof why, _("unknown option \"%s\" for elect %s"), a, what);
                        return usage(why);
                }
                if (takes && i + 1 >= argc) {
                        snprintf(why, sizeof why, _("%s needs a value"), a);
                        return usage(why);
                }
        }
        return -1;
}

int cli_elect(int argc, char **argv)
{
        if (argc < 1)
                return usage(_("which calculation: proportional, majority or kkr?"));
        const char *what = argv[0];
        enum calc_kind kind;
        if (!strcmp(what, "proportional"))
                kind = PROP;
        else if (!strcmp(what, "majority"))
                kind = MAJ;
        else if (!strcmp(what, "kkr"))
                kind = KKR;
        else if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
                usage(NULL);
                return 0;
        } else {
                char why[300];
                snprintf(why, sizeof why, _("unknown calculation \"%s\""), what);
                return usage(why);
        }
        int seats = -1, present = -1, municipalities = -1;
        bool order = false, explain = false;
        const char *profile = NULL, *file = NULL;
        char **waive = pk_xcalloc((size_t)argc, sizeof *waive);
        char **reserved = pk_xcalloc((size_t)argc, sizeof *reserved);
        struct lots ls = {0, 0, pk_xcalloc((size_t)argc, sizeof(char *))};
        int nwaive = 0, nreserved = 0, rc = -1;
        char why[400];
        for (int i = 1; i < argc && rc < 0; i++) {
                const char *a = argv[i];
                rc = check_option(kind, what, argc, argv, i);
                if (rc >= 0)
                        break;
                if (!strcmp(a, "--seats")) {
                        if (seats >= 0 || !parse_int_arg(argv[++i], 1, ELECT_MAX_SEATS, &seats)) {
                                snprintf(why, sizeof why,
                                         _("--seats needs a whole number from 1 to %d, given once"),
                                         ELECT_MAX_SEATS);
                                rc = usage(why);
                        }
                } else if (!strcmp(a, "--present")) {
                        if (present >= 0 || !parse_int_arg(argv[++i], 1, 100000, &present)) {
                                rc = usage(
                                    _("--present needs a whole number of members, given once"));
                        }
                } else if (!strcmp(a, "--municipalities")) {
                        if (municipalities >= 0 ||
                            !parse_int_arg(argv[++i], 1, ELECT_MAX_SEATS / 2, &municipalities)) {
                                snprintf(
                                    why, sizeof why,
                                    _("--municipalities needs a whole number from 1 to %d, given "
                                      "once"),
                                    ELECT_MAX_SEATS / 2);
                                rc = usage(why);
                        }
                } else if (!strcmp(a, "--profile")) {
                        if (profile) {
                                rc = usage(_("--profile is given twice"));
                        }
                        profile = argv[++i];
                } else if (!strcmp(a, "--waive")) {
                        waive[nwaive++] = argv[++i];
                } else if (!strcmp(a, "--reserved")) {
                        reserved[nreserved++] = argv[++i];
                } else if (!strcmp(a, "--lot")) {
                        struct name_list l;
                        if (split_names(argv[i + 1], &l) < 0) {
                                snprintf(
                                    why, sizeof why,
                                    _("--lot needs the tied names in drawn order, as a CSV row "
                                      "(\"%s\")"),
                                    argv[i + 1]);
                                rc = usage(why);
                        }
                        ls.spec[ls.n++] = argv[++i];
                } else if (!strcmp(a, "--order")) {
                        order = true;
                } else if (!strcmp(a, "--explain")) {
                        explain = true;
                } else if (file) {
                        snprintf(why, sizeof why, _("one input file only (\"%s\" and \"%s\")"),
                                 file, a);
                        rc = usage(why);
                } else {
                        file = a;
                }
        }
        if (rc < 0 && !file)
                rc = usage(_("the input file (FILE.csv) is missing"));
        if (rc < 0 && kind == PROP && seats < 0)
                rc = usage(_("--seats N is required"));
        if (rc < 0 && kind == MAJ && !profile)
                rc = usage(_("--profile NAME is required"));
        if (rc < 0 && kind == KKR && municipalities < 0)
                rc = usage(_("--municipalities N is required"));
        if (rc < 0) {
                if (kind == PROP)
                        rc = cmd_proportional(seats, order, waive, nwaive, reserved, nreserved, &ls,
                                              file);
                else if (kind == MAJ)
                        rc = cmd_majority(profile, present, &ls, file);
                else
                        rc = cmd_kkr(municipalities, explain, &ls, file);
        }
        free(waive);
        free(reserved);
        free(ls.spec);
        return rc;
}
