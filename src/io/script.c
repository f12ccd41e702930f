/*
 * script.c - parser of meeting-script lines into actions, checked against the action
 * table's argument specs (see action.h). It does not judge the rules of procedure; it
 * only says whether a line is well formed, and where it is not.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/calendar.h"
#include "protokol/i18n.h"
#include "protokol/script.h"

struct rawtok {
        char *key;       /* option key, or NULL for a positional token */
        bool key_quoted; /* "NAME"=value */
        struct tok *vals;
        int nvals;
        int column;
};

struct lexer {
        const char *s;
        size_t n, i;
        struct pk_err *err;
};

static bool fail(struct lexer *lx, size_t at, const char *msg)
{
        lx->err->column = (int)at + 1;
        pk_err_set(lx->err, "%s", msg);
        return false;
}

static void push_val(struct rawtok *t, char *text, bool quoted)
{
        t->vals = pk_xrealloc(t->vals, (size_t)(t->nvals + 1) * sizeof *t->vals);
        t->vals[t->nvals].text = text;
        t->vals[t->nvals].quoted = quoted;
        t->nvals++;
}

/* Reads a quoted string starting at the opening quote. */
static bool read_quoted(struct lexer *lx, char **out)
{
        size_t start = lx->i++;
        struct sb b = {0};
        while (lx->i < lx->n && lx->s[lx->i] != '"') {
                char ch = lx->s[lx->i];
                if (ch == '\\' && lx->i + 1 < lx->n &&
                    (lx->s[lx->i + 1] == '"' || lx->s[lx->i + 1] == '\\')) {
                        lx->i++;
                        ch = lx->s[lx->i];
                }
                sb_addn(&b, &ch, 1);
                lx->i++;
        }
        if (lx->i >= lx->n) {
                sb_free(&b);
                return fail(lx, start, _("unbalanced quotes: a string is not closed"));
        }
        lx->i++;
        *out = pk_xstrdup(sb_str(&b));
        sb_free(&b);
        return true;
}

static bool is_end(char c)
{
        return c == ' ' || c == '\t';
}

/* Reads a bare word up to a space (and, inside a value list, up to a comma). */
static bool read_bare(struct lexer *lx, bool in_list, char **out)
{
        size_t start = lx->i;
        while (lx->i < lx->n && !is_end(lx->s[lx->i]) && !(in_list && lx->s[lx->i] == ',')) {
                if (lx->s[lx->i] == '"')
                        return fail(lx, lx->i, _("unexpected quote inside a word"));
                lx->i++;
        }
        size_t len = lx->i - start;
        *out = pk_xmalloc(len + 1);
        memcpy(*out, lx->s + start, len);
        (*out)[len] = '\0';
        return true;
}

static bool read_token(struct lexer *lx, struct rawtok *t)
{
        memset(t, 0, sizeof *t);
        t->column = (int)lx->i + 1;
        if (lx->s[lx->i] == '"') {
                char *q;
                if (!read_quoted(lx, &q))
                        return false;
                if (lx->i < lx->n && lx->s[lx->i] == '=') {
                        /* "NAME"=value */
                        t->key = q;
                        t->key_quoted = true;
                        lx->i++;
                        if (lx->i >= lx->n || is_end(lx->s[lx->i]))
                                return fail(lx, lx->i, _("a value is missing after '='"));
                        char *v;
                        bool quoted = lx->s[lx->i] == '"';
                        if (quoted ? !read_quoted(lx, &v) : !read_bare(lx, false, &v))
                                return false;
                        push_val(t, v, quoted);
                        if (lx->i < lx->n && !is_end(lx->s[lx->i]))
                                return fail(lx, lx->i, _("a value must be followed by a space"));
                        return true;
                }
                push_val(t, q, true);
                if (lx->i < lx->n && !is_end(lx->s[lx->i]))
                        return fail(lx, lx->i, _("a string must be followed by a space"));
                return true;
        }
        /* key=value? the key is letters, digits and '-' */
        size_t k = lx->i;
        while (k < lx->n && (isalnum((unsigned char)lx->s[k]) || lx->s[k] == '-'))
                k++;
        if (k < lx->n && lx->s[k] == '=' && k > lx->i) {
                t->key = pk_xmalloc(k - lx->i + 1);
                memcpy(t->key, lx->s + lx->i, k - lx->i);
                t->key[k - lx->i] = '\0';
                lx->i = k + 1;
                for (;;) {
                        if (lx->i >= lx->n || is_end(lx->s[lx->i]))
                                return fail(lx, lx->i, _("a value is missing after '=' or ','"));
                        char *v;
                        bool quoted = lx->s[lx->i] == '"';
                        if (quoted ? !read_quoted(lx, &v) : !read_bare(lx, true, &v))
                                return false;
                        push_val(t, v, quoted);
                        if (lx->i < lx->n && lx->s[lx->i] == ',') {
                                lx->i++;
                                continue;
                        }
                        if (lx->i < lx->n && !is_end(lx->s[lx->i]))
                                return fail(lx, lx->i, _("values are separated by commas"));
                        return true;
                }
        }
        char *w;
        if (!read_bare(lx, false, &w))
                return false;
        push_val(t, w, false);
        return true;
}

static void rawtok_free(struct rawtok *t)
{
        free(t->key);
        for (int i = 0; i < t->nvals; i++)
                free(t->vals[i].text);
        free(t->vals);
}

/* Index of word in a comma-separated list, or -1. */
static int list_index(const char *list, const char *word)
{
        size_t n = strlen(word);
        int i = 0;
        for (const char *p = list; *p;) {
                const char *e = strchr(p, ',');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (len == n && strncmp(p, word, n) == 0)
                        return i;
                i++;
                if (!e)
                        break;
                p = e + 1;
        }
        return -1;
}

/* Type letter of option key in the verb's option spec, or 0 if unknown. */
static char opt_type(const char *spec, const char *key)
{
        size_t n = strlen(key);
        for (const char *p = spec; *p;) {
                const char *eq = strchr(p, '=');
                if (!eq)
                        break;
                if ((size_t)(eq - p) == n && strncmp(p, key, n) == 0)
                        return eq[1];
                const char *e = strchr(eq, ',');
                if (!e)
                        break;
                p = e + 1;
        }
        return 0;
}

static bool valid_time(const char *t)
{
        return strlen(t) == 5 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
               t[2] == ':' && isdigit((unsigned char)t[3]) && isdigit((unsigned char)t[4]) &&
               (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[3] - '0') < 6;
}

static bool valid_number(const char *t)
{
        size_t n = strlen(t);
        if (n == 0 || n > 6)
                return false;
        for (size_t i = 0; i < n; i++)
                if (!isdigit((unsigned char)t[i]))
                        return false;
        return true;
}

/* The code point of the UTF-8 character at s (valid UTF-8) and its length in *len. */
static unsigned decode(const char *s, int *len)
{
        const unsigned char *u = (const unsigned char *)s;
        if (u[0] < 0x80) {
                *len = 1;
                return u[0];
        }
        if ((u[0] & 0xE0) == 0xC0 && u[1]) {
                *len = 2;
                return (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
        }
        if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2]) {
                *len = 3;
                return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
        }
        if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3]) {
                *len = 4;
                return (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 |
                       (u[3] & 0x3Fu);
        }
        *len = 1;
        return u[0];
}

unsigned script_control_char(const char *s, size_t n, size_t *off)
{
        for (size_t i = 0; i < n;) {
                int len;
                unsigned cp = decode(s + i, &len);
                if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
                        *off = i;
                        return cp;
                }
                i += (size_t)len;
        }
        return 0;
}

/* The characters a name may not hold: they change the direction of the text or are
 * invisible, so two names could look alike or a name could reorder what follows it. */
static const struct {
        unsigned cp;
        const char *name;
} hidden_chars[] = {
    {0x200B, "ZERO WIDTH SPACE"},
    {0x200C, "ZERO WIDTH NON-JOINER"},
    {0x200D, "ZERO WIDTH JOINER"},
    {0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, "RIGHT-TO-LEFT MARK"},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2060, "WORD JOINER"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
};

/* Blank: nothing but spaces, tabs and no-break spaces. */
static bool blank(const char *s)
{
        for (int len; *s; s += len) {
                unsigned cp = decode(s, &len);
                if (cp != ' ' && cp != '\t' && cp != 0xA0)
                        return false;
        }
        return true;
}

const char *script_text_problem(const char *s, char *why, size_t n)
{
        if (!blank(s))
                return NULL;
        snprintf(why, n, "%s", s[0] ? _("the text is only spaces") : _("the text is empty"));
        return why;
}

const char *script_name_problem(const char *s, char *why, size_t n)
{
        if (blank(s)) {
                snprintf(why, n, "%s",
                         s[0] ? _("the name is only spaces") : _("the name is empty"));
                return why;
        }
        int at = 1;
        for (int len; *s; s += len, at++) {
                unsigned cp = decode(s, &len);
                for (size_t k = 0; k < sizeof hidden_chars / sizeof hidden_chars[0]; k++)
                        if (hidden_chars[k].cp == cp) {
                                snprintf(why, n,
                                         _("the name holds U+%04X %s at character %d: a name may "
                                           "not hold invisible or direction-changing characters"),
                                         cp, hidden_chars[k].name, at);
                                return why;
                        }
        }
        return NULL;
}

/* Checks one value against a type letter; writes the problem into err. */
static bool check_value(char type, const struct tok *v, const char *what, struct pk_err *err)
{
        pk_day d;
        char why[256];
        switch (type) {
        case 'A':
                if (!v->quoted)
                        return check_value('N', v, what, err);
                return check_value('P', v, what, err);
        case 'P':
        case 'X':
                if (v->quoted && (type == 'P' ? script_name_problem(v->text, why, sizeof why)
                                              : script_text_problem(v->text, why, sizeof why))) {
                        pk_err_set(err, "%s: %s", what, why);
                        return false;
                }
                /* fall through */
        case 'S':
        case 's':
                if (!v->quoted) {
                        pk_err_set(err,
                                   _("%s: a name or text must be in double quotes, e.g. \"%s\""),
                                   what, v->text);
                        return false;
                }
                return true;
        case 'W':
        case 'w':
                if (v->quoted) {
                        pk_err_set(err, _("%s: expected a word, not a quoted string"), what);
                        return false;
                }
                return true;
        case 'D':
                if (v->quoted || !cal_parse(v->text, &d)) {
                        pk_err_set(err, _("%s: \"%s\" is not a valid date (YYYY-MM-DD)"), what,
                                   v->text);
                        return false;
                }
                return true;
        case 'T':
                if (v->quoted || !valid_time(v->text)) {
                        pk_err_set(err, _("%s: \"%s\" is not a valid time (HH:MM)"), what, v->text);
                        return false;
                }
                return true;
        case 'N':
                if (v->quoted || !valid_number(v->text)) {
                        pk_err_set(err, _("%s: \"%s\" is not a whole number"), what, v->text);
                        return false;
                }
                return true;
        default:
                return true;
        }
}

/* Checks the bytes of a line and finds its text without comment and blanks; SP_EMPTY if none. */
static enum script_parse line_bounds(const char *line, size_t len, size_t *startp, size_t *endp,
                                     struct pk_err *err)
{
        if (len && line[len - 1] == '\r')
                len--; /* a CRLF line end is not part of the line */
        if (len > SCRIPT_MAX_LINE) {
                pk_err_set(err, _("the line is longer than %d bytes"), SCRIPT_MAX_LINE);
                return SP_ERROR;
        }
        size_t bad;
        if (memchr(line, '\0', len)) {
                err->column = (int)((const char *)memchr(line, '\0', len) - line) + 1;
                pk_err_set(err, _("the line contains a NUL byte"));
                return SP_ERROR;
        }
        if (!pk_utf8_valid(line, len, &bad)) {
                err->column = (int)bad + 1;
                pk_err_set(err, _("the line is not valid UTF-8 (is the file in Windows-1252? "
                                  "convert it with iconv -f WINDOWS-1252 -t UTF-8)"));
                return SP_ERROR;
        }
        /* strip a trailing CR, and the comment outside quotes */
        size_t end = len;
        if (end && line[end - 1] == '\r')
                end--;
        bool inq = false;
        for (size_t i = 0; i < end; i++) {
                if (inq && line[i] == '\\' && i + 1 < end &&
                    (line[i + 1] == '"' || line[i + 1] == '\\'))
                        i++; /* an escaped quote or backslash inside a string */
                else if (line[i] == '"')
                        inq = !inq;
                else if (line[i] == '#' && !inq) {
                        end = i;
                        break;
                }
        }
        size_t at;
        unsigned cc = script_control_char(line, end, &at);
        if (cc) {
                err->column = (int)at + 1;
                if (cc >= 0x80)
                        pk_err_set(err, _("the line contains the control character U+%04X"), cc);
                else
                        pk_err_set(err, _("the line contains a control character"));
                return SP_ERROR;
        }
        size_t start = 0;
        while (start < end && is_end(line[start]))
                start++;
        while (end > start && is_end(line[end - 1]))
                end--;
        *startp = start;
        *endp = end;
        return start == end ? SP_EMPTY : SP_ACTION;
}

/* Checks option t against the verb's options and moves it into the action. */
static bool add_option(struct action *a, const struct verb_info *vi, struct rawtok *t,
                       struct pk_err *err)
{
        char type = opt_type(vi->opts, t->key_quoted ? "\"*\"" : t->key);
        if (!type && t->key_quoted) {
                err->column = t->column;
                pk_err_set(err, _("%s: \"NAME\"=value is not an option of this verb"), vi->name);
                return false;
        }
        if (!type) {
                err->column = t->column;
                pk_err_set(err, _("%s: unknown option \"%s\""), vi->name, t->key);
                return false;
        }
        if (strlen(t->key) >= sizeof a->opts[0].key) {
                err->column = t->column;
                pk_err_set(err, _("%s: the name \"%.40s...\" is too long"), vi->name, t->key);
                return false;
        }
        if (action_optv(a, t->key)) {
                err->column = t->column;
                pk_err_set(err, _("%s: option \"%s\" is given twice"), vi->name, t->key);
                return false;
        }
        if (type != 'L' && t->nvals != 1) {
                err->column = t->column;
                pk_err_set(err, _("%s: option \"%s\" takes one value"), vi->name, t->key);
                return false;
        }
        for (int k = 0; k < t->nvals; k++)
                if (!check_value(type, &t->vals[k], t->key, err)) {
                        err->column = t->column;
                        return false;
                }
        a->opts = pk_xrealloc(a->opts, (size_t)(a->nopts + 1) * sizeof *a->opts);
        struct opt *o = &a->opts[a->nopts++];
        pk_strlcpy(o->key, t->key, sizeof o->key);
        o->key_quoted = t->key_quoted;
        o->nvals = t->nvals;
        o->vals = t->vals;
        t->vals = NULL;
        t->nvals = 0;
        return true;
}

/* Checks the positional arguments against the verb's spec. */
static bool check_positionals(const struct verb_info *vi, struct tok *posv, const int *poscol,
                              int npos, size_t end, struct pk_err *err)
{
        int pi = 0;
        for (const char *sp = vi->pos; *sp; sp++) {
                char type = *sp;
                char rep = sp[1] == '+' || sp[1] == '*' ? sp[1] : 0;
                int got = 0;
                while (pi < npos) {
                        char what[64];
                        snprintf(what, sizeof what, "%s", vi->name);
                        if (!check_value(type, &posv[pi], what, err)) {
                                err->column = poscol[pi];
                                return false;
                        }
                        pi++;
                        got++;
                        if (!rep)
                                break;
                }
                if (got == 0 && type != 's' && type != 'w' && rep != '*') {
                        err->column = (int)end + 1;
                        static const char *names[] = {"S", N_("a quoted name or text"),
                                                      "P", N_("a quoted name"),
                                                      "X", N_("a quoted text"),
                                                      "D", N_("a date (YYYY-MM-DD)"),
                                                      "T", N_("a time (HH:MM)"),
                                                      "N", N_("a number"),
                                                      "W", N_("a word")};
                        const char *need = N_("an argument");
                        for (size_t k = 0; k < sizeof names / sizeof names[0]; k += 2)
                                if (names[k][0] == type)
                                        need = names[k + 1];
                        pk_err_set(err, _("%s: %s is missing"), vi->name, _(need));
                        return false;
                }
                if (rep)
                        sp++;
        }
        if (pi < npos) {
                err->column = poscol[pi];
                pk_err_set(err, _("%s: unexpected argument \"%s\""), vi->name, posv[pi].text);
                return false;
        }
        return true;
}

enum script_parse script_parse_line(const char *line, size_t len, struct action *a,
                                    struct pk_err *err)
{
        memset(a, 0, sizeof *a);
        size_t start, end;
        enum script_parse lb = line_bounds(line, len, &start, &end, err);
        if (lb != SP_ACTION)
                return lb;

        struct lexer lx = {.s = line, .n = end, .i = start, .err = err};
        struct rawtok *toks = NULL;
        int ntoks = 0;
        enum script_parse rc = SP_ERROR;
        while (lx.i < lx.n) {
                while (lx.i < lx.n && is_end(lx.s[lx.i]))
                        lx.i++;
                if (lx.i >= lx.n)
                        break;
                toks = pk_xrealloc(toks, (size_t)(ntoks + 1) * sizeof *toks);
                if (!read_token(&lx, &toks[ntoks])) {
                        rawtok_free(&toks[ntoks]);
                        goto out;
                }
                ntoks++;
        }
        if (toks[0].key || toks[0].vals[0].quoted) {
                err->column = toks[0].column;
                pk_err_set(err, _("a line starts with a verb, e.g. item \"TITLE\""));
                goto out;
        }
        enum pk_verb v = verb_lookup(toks[0].vals[0].text);
        if (v == V__COUNT) {
                err->column = toks[0].column;
                pk_err_set(err, _("unknown verb \"%s\" (see protokol --help for the verbs)"),
                           toks[0].vals[0].text);
                goto out;
        }
        const struct verb_info *vi = &pk_verb_info[v];
        a->verb = v;
        a->text = pk_xmalloc(end - start + 1);
        memcpy(a->text, line + start, end - start);
        a->text[end - start] = '\0';
        /* flags and options */
        struct tok *posv = NULL;
        int npos = 0;
        int *poscol = NULL;
        for (int i = 1; i < ntoks; i++) {
                struct rawtok *t = &toks[i];
                if (t->key) {
                        if (!add_option(a, vi, t, err))
                                goto out_pos;
                        continue;
                }
                int fi = t->vals[0].quoted ? -1 : list_index(vi->flags, t->vals[0].text);
                if (fi >= 0) {
                        a->flags |= 1u << fi;
                        continue;
                }
                posv = pk_xrealloc(posv, (size_t)(npos + 1) * sizeof *posv);
                poscol = pk_xrealloc(poscol, (size_t)(npos + 1) * sizeof *poscol);
                posv[npos] = t->vals[0];
                poscol[npos] = t->column;
                npos++;
                free(t->vals);
                t->vals = NULL;
                t->nvals = 0;
        }
        /* positional arguments against the spec */
        if (!check_positionals(vi, posv, poscol, npos, end, err))
                goto out_pos;
        a->pos = posv;
        a->npos = npos;
        posv = NULL;
        npos = 0;
        rc = SP_ACTION;
out_pos:
        for (int i = 0; i < npos; i++)
                free(posv[i].text);
        free(posv);
        free(poscol);
out:
        for (int i = 0; i < ntoks; i++)
                rawtok_free(&toks[i]);
        free(toks);
        if (rc != SP_ACTION)
                action_free(a);
        return rc;
}

void script_quote(struct sb *b, const char *s)
{
        sb_add(b, "\"");
        for (const char *p = s; *p; p++) {
                if (*p == '"' || *p == '\\')
                        sb_addn(b, "\\", 1);
                sb_addn(b, p, 1);
        }
        sb_add(b, "\"");
}

static void format_tok(const struct tok *t, struct sb *b)
{
        if (t->quoted)
                script_quote(b, t->text);
        else
                sb_add(b, t->text);
}

void script_format_action(const struct action *a, struct sb *b)
{
        const struct verb_info *vi = &pk_verb_info[a->verb];
        sb_add(b, vi->name);
        for (int i = 0; i < a->npos; i++) {
                sb_add(b, " ");
                format_tok(&a->pos[i], b);
        }
        int fi = 0;
        for (const char *p = vi->flags; *p; fi++) {
                const char *e = strchr(p, ',');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (a->flags & (1u << fi)) {
                        sb_add(b, " ");
                        sb_addn(b, p, len);
                }
                if (!e)
                        break;
                p = e + 1;
        }
        for (int i = 0; i < a->nopts; i++) {
                const struct opt *o = &a->opts[i];
                sb_add(b, " ");
                if (o->key_quoted)
                        script_quote(b, o->key);
                else
                        sb_add(b, o->key);
                sb_add(b, "=");
                for (int k = 0; k < o->nvals; k++) {
                        if (k)
                                sb_add(b, ",");
                        format_tok(&o->vals[k], b);
                }
        }
}
