/*
 * csv_import.c - members and agenda items from CSV (SPEC §5.5) into meeting-script lines.
 *
 * libcsv splits the file (strict mode, so broken quoting is an error); this file tracks
 * where each field starts, checks the header and every value, and writes one script line
 * per row: `member "NAME" party=X ...` or `item "TITLE" ...`. The action layer runs the
 * lines as one unit, so the engine still judges each row against the rules.
 *
 * Invariants: the first problem in the file is reported (encoding problems first, since
 * they make the rest unreadable); on failure the result is empty. A text value never
 * reaches a script line unescaped: `"` and `\` are written as `\"` and `\\`, line breaks
 * and tabs become spaces, and other control characters are refused. Pure: no I/O.
 */
#include <csv.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/calendar.h"
#include "protokol/engine.h"
#include "protokol/i18n.h"
#include "protokol/import.h"
#include "protokol/script.h"

/* A column a file may have: its name, and its name in Danish (as a Danish office writes the
 * header; either is accepted, in any case). */
struct coldef {
        const char *name;
        bool required;
        const char *da;
};

enum { M_NAME, M_PARTY, M_ROLE, M_SUBSTITUTE, M_BORN, M_SINCE, M_RANK, M__N };
static const struct coldef member_cols[M__N] = {
    {"name", true, "navn"},
    {"party", true, "parti"},
    {"role", false, "rolle"},
    {"substitute", false, "stedfortræder"},
    {"born", false, "født"},
    {"since", false, "indtrådt"},
    {"substitute_rank", false, "stedfortræder_nr"},
};

enum {
        A_NUMBER,
        A_TITLE,
        A_CLOSED,
        A_CATEGORY,
        A_READING,
        A_CASE,
        A_KIND,
        A_PROPOSER,
        A_SUBMITTED,
        A_PUBLIC_TITLE,
        A__N
};
static const struct coldef agenda_cols[A__N] = {
    {"number", true, "nummer"},
    {"title", true, "titel"},
    {"closed", false, "lukket"},
    {"category", false, "kategori"},
    {"reading", false, "behandling"},
    {"case", false, "sag"},
    {"kind", false, "type"},
    {"proposer", false, "forslagsstiller"},
    {"submitted", false, "indleveret"},
    {"public-title", false, "offentlig-titel"},
};

#define MAX_COLS 16

/* One field of the current row, and where it starts in the file. */
struct field {
        char *text;
        int line, col;
};

/* A name taken in the file (line > 0) or already registered in the body (line 0), for the
 * duplicate check: an open-addressing hash table, so each row costs the same however many
 * came before it. */
struct taken {
        const char *name; /* NULL: a free slot */
        int line;
};

struct parser {
        enum import_kind kind;
        const struct coldef *defs;
        int ndefs;
        const struct import_opts *opts;
        struct pk_err *err;
        struct import_result *out;
        bool failed;

        /* the position of the byte being fed, and of the field being read */
        int line, col;
        bool prev_cr, at_row_start, have_start;
        int fline, fcol;

        struct field *f;
        int nf, capf;

        bool header_done;
        int ncols;
        int colmap[64];           /* header column -> coldef index */
        int where[MAX_COLS];      /* coldef index -> header column, or -1 */
        char hname[MAX_COLS][32]; /* coldef index -> its name as the header writes it */

        struct taken *taken; /* capacity cap (a power of two), ntaken used */
        int ntaken, cap;
        char **owned; /* the names the file took (the known ones belong to opts) */
        int nowned;
        int next_number;
        int cap_lines; /* room in out->lines and out->linenos */
};

static void fail_at(struct parser *p, int line, int col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail_at(struct parser *p, int line, int col, const char *field, const char *fmt, ...)
{
        if (p->failed)
                return;
        p->failed = true;
        p->err->line = line;
        p->err->column = col;
        pk_strlcpy(p->err->field, field ? field : "", sizeof p->err->field);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
        va_end(ap);
}

/* Line and column (1-based, counted in characters) of byte off of buf. */
static void locate(const char *buf, size_t off, int *line, int *col)
{
        int l = 1, c = 1;
        for (size_t i = 0; i < off; i++) {
                unsigned char b = (unsigned char)buf[i];
                if (b == '\r' || (b == '\n' && !(i > 0 && buf[i - 1] == '\r'))) {
                        l++;
                        c = 1;
                } else if (b != '\n' && (b & 0xC0) != 0x80) {
                        c++;
                }
        }
        *line = l;
        *col = c;
}

/* A column's name as the file's header writes it (navn or name), for the messages. */
static const char *col_name(const struct parser *p, int def)
{
        return p->hname[def][0] ? p->hname[def] : p->defs[def].name;
}

/* s in lower case: ASCII letters and Æ, Ø, Å (in place; UTF-8 keeps its length). */
static void lower(char *s)
{
        for (unsigned char *u = (unsigned char *)s; *u; u++) {
                if (u[0] == 0xC3 && (u[1] == 0x86 || u[1] == 0x98 || u[1] == 0x85)) {
                        u[1] = (unsigned char)(u[1] + 0x20);
                        u++;
                } else if (*u < 0x80) {
                        *u = (unsigned char)tolower(*u);
                }
        }
}

static bool is_ws(char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The field's text with line breaks and tabs as spaces, runs of white space as one space,
 * and no white space at either end. Owned by the caller. */
static char *normalize(const char *s)
{
        size_t n = strlen(s);
        char *o = pk_xmalloc(n + 1);
        size_t k = 0;
        bool space = false;
        for (size_t i = 0; i < n; i++) {
                if (is_ws(s[i])) {
                        space = k > 0;
                        continue;
                }
                if (space)
                        o[k++] = ' ';
                space = false;
                o[k++] = s[i];
        }
        o[k] = '\0';
        return o;
}

/* A value that a script line takes as a bare word: no white space, quotes, commas or #. */
static bool bare_word(const char *s)
{
        if (!*s)
                return false;
        for (; *s; s++)
                if (is_ws(*s) || *s == '"' || *s == ',' || *s == '#')
                        return false;
        return true;
}

static bool ascii_ieq(const char *a, const char *b)
{
        for (; *a && *b; a++, b++)
                if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
                        return false;
        return *a == *b;
}

/* Dates as YYYY-MM-DD, or as a Danish spreadsheet writes them: DD-MM-YYYY, DD.MM.YYYY or
 * DD/MM/YYYY. Writes YYYY-MM-DD into out (11 bytes). */
static bool parse_date(const char *s, char out[11])
{
        pk_day d;
        if (cal_parse(s, &d)) {
                cal_format(d, out);
                return true;
        }
        int dd, mm, yy, n = 0;
        char s1, s2;
        if (sscanf(s, "%2d%c%2d%c%4d%n", &dd, &s1, &mm, &s2, &yy, &n) != 5 || s[n] || s1 != s2 ||
            (s1 != '-' && s1 != '.' && s1 != '/') || strlen(s) != 10)
                return false;
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", yy, mm, dd);
        if (!cal_parse(iso, &d))
                return false;
        cal_format(d, out);
        return true;
}

/* A field of the current row by column, or NULL when the file or the row lacks it. */
static const struct field *cell(const struct parser *p, int def)
{
        int c = p->where[def];
        return c >= 0 && c < p->nf ? &p->f[c] : NULL;
}

/* Position of a column's field in this row; a missing field is placed at the row's end. */
static void cell_pos(const struct parser *p, int def, int *line, int *col)
{
        const struct field *f = cell(p, def);
        if (f) {
                *line = f->line;
                *col = f->col;
        } else {
                *line = p->line;
                *col = p->col;
        }
}

/* A normalized text value (owned), "" when absent; NULL after a failure. */
static char *text_of(struct parser *p, int def)
{
        const struct field *f = cell(p, def);
        char *t = normalize(f ? f->text : "");
        size_t at;
        unsigned cc = script_control_char(t, strlen(t), &at);
        if (cc) {
                int l, c;
                cell_pos(p, def, &l, &c);
                if (cc >= 0x80)
                        fail_at(p, l, c, col_name(p, def),
                                _("the value contains the control character U+%04X; only text, "
                                  "spaces and line breaks are allowed"),
                                cc);
                else
                        fail_at(p, l, c, col_name(p, def),
                                _("the value contains a control character; only text, spaces "
                                  "and line breaks are allowed"));
                free(t);
                return NULL;
        }
        return t;
}

static void failv(struct parser *p, int def, const char *fmt, const char *value)
{
        int l, c;
        cell_pos(p, def, &l, &c);
        fail_at(p, l, c, col_name(p, def), fmt, value);
}

/* A name that is not blank and holds no invisible or direction-changing character. */
static bool name_ok(struct parser *p, int def, const char *name)
{
        char why[256];
        if (!script_name_problem(name, why, sizeof why))
                return true;
        failv(p, def, "%s", why);
        return false;
}

static unsigned name_hash(const char *s)
{
        unsigned h = 2166136261u; /* FNV-1a */
        for (; *s; s++)
                h = (h ^ (unsigned char)*s) * 16777619u;
        return h;
}

/* The slot of name in the table: where it is, or the free slot where it would go. */
static struct taken *slot(struct parser *p, const char *name)
{
        unsigned i = name_hash(name) & (unsigned)(p->cap - 1);
        while (p->taken[i].name && strcmp(p->taken[i].name, name))
                i = (i + 1) & (unsigned)(p->cap - 1);
        return &p->taken[i];
}

static void put_name(struct parser *p, const char *name, int line)
{
        if (2 * (p->ntaken + 1) > p->cap) {
                struct taken *old = p->taken;
                int oldcap = p->cap;
                p->cap = p->cap ? 2 * p->cap : 64;
                p->taken = pk_xcalloc((size_t)p->cap, sizeof *p->taken);
                for (int i = 0; i < oldcap; i++)
                        if (old[i].name)
                                *slot(p, old[i].name) = old[i];
                free(old);
        }
        struct taken *t = slot(p, name);
        if (!t->name) {
                *t = (struct taken){name, line};
                p->ntaken++;
        }
}

/* Checks that name is not taken in the body or earlier in the file, then takes it. */
static bool take_name(struct parser *p, int def, const char *name)
{
        const struct taken *t = p->cap ? slot(p, name) : NULL;
        if (t && t->name && t->line == 0) {
                failv(p, def, _("\"%s\" is already registered in this body"), name);
                return false;
        }
        if (t && t->name) {
                int l, c;
                cell_pos(p, def, &l, &c);
                fail_at(p, l, c, col_name(p, def),
                        _("\"%s\" appears twice in the file (first on line %d)"), name, t->line);
                return false;
        }
        p->owned = pk_xrealloc(p->owned, (size_t)(p->nowned + 1) * sizeof *p->owned);
        p->owned[p->nowned] = pk_xstrdup(name);
        put_name(p, p->owned[p->nowned++], p->f[0].line);
        return true;
}

/* A role in English or Danish, in any case: the English word the script takes, or NULL. */
static const char *map_role(const char *v)
{
        char *w = pk_xstrdup(v);
        lower(w);
        const char *r = NULL;
        for (int i = 0; i < ROLE__COUNT && !r; i++)
                if (!strcmp(w, engine_role_word(i)) || !strcmp(w, engine_role_da(i)))
                        r = engine_role_word(i);
        free(w);
        return r;
}

/* Optional date column: writes the option into line. */
static bool date_opt(struct parser *p, int def, const char *key, struct sb *line)
{
        char *v = text_of(p, def);
        if (!v)
                return false;
        bool ok = true;
        if (v[0]) {
                char iso[11];
                if (parse_date(v, iso))
                        sb_addf(line, " %s=%s", key, iso);
                else {
                        failv(p, def, _("\"%s\" is not a date: write YYYY-MM-DD (or DD-MM-YYYY)"),
                              v);
                        ok = false;
                }
        }
        free(v);
        return ok;
}

/* substitute_rank: a substitute of the party's list, with its place on the list (1, 2, ...);
 * such a row has no role and no personal substitute. */
static bool rank_opt(struct parser *p, bool role_or_sub, struct sb *line)
{
        char *v = text_of(p, M_RANK);
        if (!v)
                return false;
        bool ok = true;
        if (v[0]) {
                char *end;
                long n = strtol(v, &end, 10);
                if (*end || n < 1 || n > 1000 || !(v[0] >= '0' && v[0] <= '9')) {
                        failv(p, M_RANK,
                              _("\"%s\" is not a place on the list of substitutes (1, 2, ...)"), v);
                        ok = false;
                } else if (role_or_sub) {
                        failv(p, M_RANK,
                              _("\"%s\": a substitute of the list has no role and no personal "
                                "substitute"),
                              v);
                        ok = false;
                } else {
                        sb_addf(line, " rank=%ld", n);
                }
        }
        free(v);
        return ok;
}

static bool member_row(struct parser *p, struct sb *line)
{
        char *name = NULL, *party = NULL, *role = NULL, *sub = NULL;
        bool ok = false;
        if (!(name = text_of(p, M_NAME)) || !(party = text_of(p, M_PARTY)) ||
            !(role = text_of(p, M_ROLE)) || !(sub = text_of(p, M_SUBSTITUTE)))
                goto out;
        if (!name_ok(p, M_NAME, name))
                goto out;
        if (!party[0]) {
                failv(p, M_PARTY, "%s", _("the party is empty (a party letter, e.g. V or A)"));
                goto out;
        }
        if (!bare_word(party)) {
                failv(p, M_PARTY,
                      _("\"%s\" is not one word: a party is written without spaces, quotes, commas "
                        "or # (e.g. V, A, SF)"),
                      party);
                goto out;
        }
        const char *r = NULL;
        if (role[0] && !(r = map_role(role))) {
                failv(
                    p, M_ROLE,
                    _("\"%s\" is not one of mayor, chair, vice-chair, deputy, member (borgmester, "
                      "formand, næstformand, viceborgmester, medlem)"),
                    role);
                goto out;
        }
        if (!take_name(p, M_NAME, name))
                goto out;
        if (sub[0] && !name_ok(p, M_SUBSTITUTE, sub))
                goto out;
        if (sub[0] && !take_name(p, M_SUBSTITUTE, sub))
                goto out;
        sb_add(line, "member ");
        script_quote(line, name);
        sb_addf(line, " party=%s", party);
        if (r)
                sb_addf(line, " role=%s", r);
        if (sub[0]) {
                sb_add(line, " substitute=");
                script_quote(line, sub);
        }
        ok = date_opt(p, M_BORN, "born", line) && date_opt(p, M_SINCE, "since", line) &&
             rank_opt(p, r != NULL || sub[0], line);
out:
        free(name);
        free(party);
        free(role);
        free(sub);
        return ok;
}

/* yes/no/ja/nej/1/0 or empty (no). */
static bool yes_no(const char *v, bool *out)
{
        static const char *yes[] = {"yes", "ja", "1"}, *no[] = {"no", "nej", "0", ""};
        for (int i = 0; i < 3; i++)
                if (ascii_ieq(v, yes[i])) {
                        *out = true;
                        return true;
                }
        for (int i = 0; i < 4; i++)
                if (ascii_ieq(v, no[i])) {
                        *out = false;
                        return true;
                }
        return false;
}

static bool whole_number(const char *v, int *out)
{
        size_t n = strlen(v);
        if (n == 0 || n > 6)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!isdigit((unsigned char)v[i]))
                        return false;
        *out = atoi(v);
        return true;
}

static bool agenda_row(struct parser *p, struct sb *line)
{
        char *v[A__N] = {0};
        bool ok = false;
        for (int i = 0; i < A__N; i++)
                if (!(v[i] = text_of(p, i)))
                        goto out;
        int number;
        if (!whole_number(v[A_NUMBER], &number) || number < 1) {
                failv(p, A_NUMBER, _("\"%s\" is not an item number (1, 2, ...)"), v[A_NUMBER]);
                goto out;
        }
        if (p->next_number == 0)
                p->next_number = number;
        if (number != p->next_number) {
                char want[16];
                snprintf(want, sizeof want, "%d", p->next_number);
                int l, c;
                cell_pos(p, A_NUMBER, &l, &c);
                fail_at(p, l, c, "number",
                        _("\"%s\" is out of order: this row is item %s (items are numbered in "
                          "the order of the file, after those already on the agenda)"),
                        v[A_NUMBER], want);
                goto out;
        }
        p->next_number++;
        char why[256];
        if (!v[A_TITLE][0] || script_text_problem(v[A_TITLE], why, sizeof why)) {
                failv(p, A_TITLE, "%s", _("the title is empty"));
                goto out;
        }
        if (v[A_PROPOSER][0] && !name_ok(p, A_PROPOSER, v[A_PROPOSER]))
                goto out;
        bool closed;
        if (!yes_no(v[A_CLOSED], &closed)) {
                failv(p, A_CLOSED, _("\"%s\" is not one of yes, no, ja, nej, 1, 0 (or empty)"),
                      v[A_CLOSED]);
                goto out;
        }
        for (char *c = v[A_CATEGORY]; *c; c++)
                *c = (char)tolower((unsigned char)*c);
        for (const char *c = v[A_CATEGORY]; *c; c++)
                if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-')) {
                        failv(p, A_CATEGORY,
                              _("\"%s\" is not a category: one word of the letters a-z, digits and "
                                "- as the profiles name them (e.g. personal, real-estate)"),
                              v[A_CATEGORY]);
                        goto out;
                }
        if (v[A_READING][0] && strcmp(v[A_READING], "1") && strcmp(v[A_READING], "2")) {
                failv(p, A_READING, _("\"%s\" is not 1 or 2 (or empty)"), v[A_READING]);
                goto out;
        }
        if (v[A_CASE][0] && !bare_word(v[A_CASE])) {
                failv(
                    p, A_CASE,
                    _("\"%s\" is not a case number: write it without spaces, quotes, commas or #"),
                    v[A_CASE]);
                goto out;
        }
        static const char *kinds[] = {"ordinary", "budget", "bylaws"};
        const char *kind = NULL;
        for (int i = 0; i < 3; i++)
                if (ascii_ieq(v[A_KIND], kinds[i]))
                        kind = kinds[i];
        if (v[A_KIND][0] && !kind) {
                failv(p, A_KIND, _("\"%s\" is not one of ordinary, budget, bylaws (or empty)"),
                      v[A_KIND]);
                goto out;
        }
        char submitted[11] = "";
        if (v[A_SUBMITTED][0] && !parse_date(v[A_SUBMITTED], submitted)) {
                failv(p, A_SUBMITTED, _("\"%s\" is not a date: write YYYY-MM-DD (or DD-MM-YYYY)"),
                      v[A_SUBMITTED]);
                goto out;
        }
        if (v[A_PROPOSER][0] && !submitted[0]) {
                failv(p, p->where[A_SUBMITTED] >= 0 ? A_SUBMITTED : A_PROPOSER, "%s",
                      _("a member's proposal needs both proposer and submitted (the date it came "
                        "in)"));
                goto out;
        }
        if (!v[A_PROPOSER][0] && submitted[0]) {
                failv(p, p->where[A_PROPOSER] >= 0 ? A_PROPOSER : A_SUBMITTED, "%s",
                      _("a member's proposal needs both proposer and submitted (the date it came "
                        "in)"));
                goto out;
        }
        sb_add(line, "item ");
        script_quote(line, v[A_TITLE]);
        if (closed)
                sb_add(line, " closed");
        if (v[A_PUBLIC_TITLE][0]) {
                sb_add(line, " public-title=");
                script_quote(line, v[A_PUBLIC_TITLE]);
        }
        if (v[A_CATEGORY][0])
                sb_addf(line, " category=%s", v[A_CATEGORY]);
        if (v[A_READING][0])
                sb_addf(line, " reading=%s", v[A_READING]);
        if (v[A_CASE][0])
                sb_addf(line, " case=%s", v[A_CASE]);
        if (kind)
                sb_addf(line, " kind=%s", kind);
        if (v[A_PROPOSER][0]) {
                sb_add(line, " proposer=");
                script_quote(line, v[A_PROPOSER]);
                sb_addf(line, " submitted=%s", submitted);
        }
        ok = true;
out:
        for (int i = 0; i < A__N; i++)
                free(v[i]);
        return ok;
}

static void column_list(const struct parser *p, struct sb *b)
{
        for (int i = 0; i < p->ndefs; i++)
                sb_addf(b, "%s%s", i ? ", " : "", p->defs[i].name);
        sb_add(b, _("; in Danish: "));
        for (int i = 0; i < p->ndefs; i++)
                sb_addf(b, "%s%s", i ? ", " : "", p->defs[i].da);
}

static void header_row(struct parser *p)
{
        if (p->nf > (int)(sizeof p->colmap / sizeof p->colmap[0])) {
                fail_at(p, p->f[0].line, p->f[0].col, NULL, _("the header has too many columns"));
                return;
        }
        for (int d = 0; d < p->ndefs; d++)
                p->where[d] = -1;
        for (int i = 0; i < p->nf; i++) {
                char *name = normalize(p->f[i].text);
                lower(name);
                int d = 0;
                while (d < p->ndefs && strcmp(p->defs[d].name, name) && strcmp(p->defs[d].da, name))
                        d++;
                if (!name[0]) {
                        fail_at(p, p->f[i].line, p->f[i].col, NULL,
                                _("column %d of the header has no name"), i + 1);
                } else if (d == p->ndefs) {
                        struct sb known = {0};
                        column_list(p, &known);
                        fail_at(p, p->f[i].line, p->f[i].col, name,
                                _("unknown column \"%s\" (the columns are: %s)"), name,
                                sb_str(&known));
                        sb_free(&known);
                } else if (p->where[d] >= 0) {
                        fail_at(p, p->f[i].line, p->f[i].col, name,
                                _("the column \"%s\" appears twice (first as column %d)"), name,
                                p->where[d] + 1);
                }
                if (!p->failed)
                        pk_strlcpy(p->hname[d], name, sizeof p->hname[d]);
                free(name);
                if (p->failed)
                        return;
                p->colmap[i] = d;
                p->where[d] = i;
        }
        for (int d = 0; d < p->ndefs; d++)
                if (p->defs[d].required && p->where[d] < 0) {
                        struct sb req = {0};
                        for (int k = 0; k < p->ndefs; k++)
                                if (p->defs[k].required)
                                        sb_addf(&req, "%s%s (%s)", req.len ? ", " : "",
                                                p->defs[k].name, p->defs[k].da);
                        fail_at(p, p->f[0].line, p->f[0].col, p->defs[d].name,
                                _("the header lacks the required column \"%s\" (required: %s)"),
                                p->defs[d].name, sb_str(&req));
                        sb_free(&req);
                        return;
                }
        p->ncols = p->nf;
        p->header_done = true;
}

static void data_row(struct parser *p)
{
        bool empty = true;
        for (int i = 0; i < p->nf && empty; i++)
                for (const char *c = p->f[i].text; *c && empty; c++)
                        empty = is_ws(*c);
        if (empty)
                return;
        if (++p->out->rows_read > IMPORT_MAX_ROWS) {
                fail_at(p, p->f[0].line, p->f[0].col, NULL,
                        _("the file has more than %d rows (a council's members or an agenda are "
                          "far fewer): split it"),
                        IMPORT_MAX_ROWS);
                return;
        }
        if (p->nf > p->ncols) {
                const struct field *x = &p->f[p->ncols];
                fail_at(
                    p, x->line, x->col, NULL,
                    _("the row has %d fields, the header %d columns (is there a separator inside "
                      "a value? put the value in double quotes)"),
                    p->nf, p->ncols);
                return;
        }
        struct sb line = {0};
        bool ok = p->kind == IMPORT_MEMBERS ? member_row(p, &line) : agenda_row(p, &line);
        if (ok && line.len > SCRIPT_MAX_LINE) {
                fail_at(p, p->f[0].line, p->f[0].col, NULL,
                        _("the row is too long (%zu bytes as a script line; at most %d)"), line.len,
                        SCRIPT_MAX_LINE);
                ok = false;
        }
        if (ok) {
                struct import_result *o = p->out;
                if (o->n == p->cap_lines) {
                        p->cap_lines = p->cap_lines ? 2 * p->cap_lines : 64;
                        o->lines = pk_xrealloc(o->lines, (size_t)p->cap_lines * sizeof *o->lines);
                        o->linenos =
                            pk_xrealloc(o->linenos, (size_t)p->cap_lines * sizeof *o->linenos);
                }
                o->lines[o->n] = pk_xstrdup(sb_str(&line));
                o->linenos[o->n] = p->f[0].line;
                o->n++;
        }
        sb_free(&line);
}

static void clear_row(struct parser *p)
{
        for (int i = 0; i < p->nf; i++)
                free(p->f[i].text);
        p->nf = 0;
}

/* libcsv: the end of a field. */
static void on_field(void *s, size_t len, void *data)
{
        struct parser *p = data;
        if (p->failed)
                return;
        if (p->nf == p->capf) {
                p->capf = p->capf ? 2 * p->capf : 16;
                p->f = pk_xrealloc(p->f, (size_t)p->capf * sizeof *p->f);
        }
        struct field *f = &p->f[p->nf++];
        f->text = pk_xmalloc(len + 1);
        if (len)
                memcpy(f->text, s, len);
        f->text[len] = '\0';
        f->line = p->have_start ? p->fline : p->line;
        f->col = p->have_start ? p->fcol : p->col;
        p->have_start = false;
        p->at_row_start = false;
}

/* libcsv: the end of a row. */
static void on_row(int c, void *data)
{
        (void)c;
        struct parser *p = data;
        if (!p->failed && p->nf > 0) {
                if (!p->header_done)
                        header_row(p);
                else
                        data_row(p);
        }
        clear_row(p);
        p->at_row_start = true;
        p->have_start = false;
}

/* The separator: ';' if it occurs more often than ',' outside quotes in the header line. */
static unsigned char detect_separator(const char *s, size_t n)
{
        int commas = 0, semis = 0;
        bool inq = false;
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '"')
                        inq = !inq;
                else if (!inq && (s[i] == '\n' || s[i] == '\r'))
                        break;
                else if (!inq && s[i] == ',')
                        commas++;
                else if (!inq && s[i] == ';')
                        semis++;
        }
        return semis > commas ? ';' : ',';
}

/* Refuses what is not UTF-8 text; true if the buffer may be parsed. */
static bool check_encoding(struct parser *p, const char *buf, size_t len)
{
        int l, c;
        if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                         ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
                fail_at(p, 1, 1, NULL,
                        _("the file is in UTF-16: save it as \"CSV UTF-8\", or convert it with "
                          "iconv -f UTF-16 -t UTF-8 in.csv > out.csv"));
                return false;
        }
        if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4)) {
                fail_at(p, 1, 1, NULL,
                        _("this is a spreadsheet workbook, not CSV: save it as \"CSV UTF-8\""));
                return false;
        }
        const char *nul = memchr(buf, '\0', len);
        if (nul) {
                locate(buf, (size_t)(nul - buf), &l, &c);
                fail_at(p, l, c, NULL, _("the file contains a NUL byte: it is not a text file"));
                return false;
        }
        size_t bad;
        if (!pk_utf8_valid(buf, len, &bad)) {
                locate(buf, bad, &l, &c);
                fail_at(p, l, c, NULL,
                        _("the file is not valid UTF-8; it may be in Windows-1252 (as older Excel "
                          "saves CSV): convert it with iconv -f WINDOWS-1252 -t UTF-8 in.csv > "
                          "out.csv, or save it as \"CSV UTF-8\""));
                return false;
        }
        return true;
}

static void feed(struct parser *p, struct csv_parser *cp, const char *buf, size_t len)
{
        for (size_t i = 0; i < len && !p->failed; i++) {
                unsigned char b = (unsigned char)buf[i];
                if (!p->have_start && !(p->at_row_start && (b == '\r' || b == '\n'))) {
                        p->have_start = true;
                        p->fline = p->line;
                        p->fcol = p->col;
                }
                if (csv_parse(cp, buf + i, 1, on_field, on_row, p) != 1) {
                        if (csv_error(cp) != CSV_EPARSE) {
                                fail_at(p, p->line, p->col, NULL, "%s",
                                        csv_strerror(csv_error(cp)));
                                return;
                        }
                        const char *col = NULL;
                        if (p->header_done && p->nf < p->ncols)
                                col = col_name(p, p->colmap[p->nf]);
                        if (b == '"')
                                fail_at(
                                    p, p->line, p->col, col, "%s",
                                    _("broken quoting: a quote inside a value that does not "
                                      "start with a quote (put the whole value in double quotes "
                                      "and write each quote in it as \"\")"));
                        else
                                fail_at(p, p->line, p->col, col, "%s",
                                        _("broken quoting: text after the closing quote of a value "
                                          "(write a quote inside a quoted value as \"\")"));
                        return;
                }
                if (b == '\r' || (b == '\n' && !p->prev_cr)) {
                        p->line++;
                        p->col = 1;
                } else if (b != '\n' && (b & 0xC0) != 0x80) {
                        p->col++;
                }
                p->prev_cr = b == '\r';
        }
}

int csv_import_parse(enum import_kind kind, const char *buf, size_t len, const char *file,
                     const struct import_opts *opts, struct import_result *out, struct pk_err *err)
{
        memset(out, 0, sizeof *out);
        struct parser p = {
            .kind = kind,
            .defs = kind == IMPORT_MEMBERS ? member_cols : agenda_cols,
            .ndefs = kind == IMPORT_MEMBERS ? M__N : A__N,
            .opts = opts,
            .err = err,
            .out = out,
            .line = 1,
            .col = 1,
            .at_row_start = true,
            .next_number = opts && opts->first_number > 0 ? opts->first_number : 0,
        };
        pk_strlcpy(err->file, file ? file : "", sizeof err->file);
        for (int i = 0; opts && i < opts->nknown; i++)
                put_name(&p, opts->known[i], 0);
        if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
                buf += 3;
                len -= 3;
        }
        if (!check_encoding(&p, buf, len))
                goto out;
        size_t lead = 0;
        while (lead < len && is_ws(buf[lead]))
                lead++;
        if (lead == len) {
                fail_at(
                    &p, 1, 1, NULL,
                    kind == IMPORT_MEMBERS
                        ? _("the file is empty: its first line must be the header, e.g. "
                            "name,party,role,substitute")
                        : _("the file is empty: its first line must be the header, e.g. "
                            "number,title,closed,category,reading,case,kind,proposer,submitted"));
                goto out;
        }
        struct csv_parser cp;
        if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
                abort();
        csv_set_delim(&cp, detect_separator(buf + lead, len - lead));
        feed(&p, &cp, buf, len);
        if (!p.failed && csv_fini(&cp, on_field, on_row, &p) != 0)
                fail_at(&p, p.fline, p.fcol, NULL, "%s",
                        _("broken quoting: the quoted value that starts here is never closed (a "
                          "closing quote is missing)"));
        csv_free(&cp);
out:
        clear_row(&p);
        free(p.f);
        for (int i = 0; i < p.nowned; i++)
                free(p.owned[i]);
        free(p.owned);
        free(p.taken);
        if (p.failed) {
                import_result_free(out);
                return -1;
        }
        return 0;
}

void import_result_free(struct import_result *r)
{
        for (int i = 0; i < r->n; i++)
                free(r->lines[i]);
        free(r->lines);
        free(r->linenos);
        memset(r, 0, sizeof *r);
}

bool import_kind_parse(const char *word, enum import_kind *out)
{
        if (!strcmp(word, "members"))
                *out = IMPORT_MEMBERS;
        else if (!strcmp(word, "agenda"))
                *out = IMPORT_AGENDA;
        else
                return false;
        return true;
}
