/*
 * profile.c - loads a rule profile (assets/profiles/NAME.ini) into struct profile, and
 * finds a profile by name in the profile search path.
 *
 * The file is read whole into memory, checked (size, NUL bytes, UTF-8) and handed to
 * libinih one line at a time through a reader of our own. The reader counts lines and
 * recognises [section] headers itself, because the Debian build of inih gives the handler
 * no line number and does not report sections that have no keys. The handler only
 * collects the raw text of each key; the values are checked once the whole file is read,
 * and the error on the earliest line wins, so a file is always reported at its first
 * problem. A rule that is missing from the file is reported (with line 0) only when
 * nothing else is wrong.
 *
 * A value may continue on the following lines when they are indented (inih's
 * multi-line values); the pieces are joined with a single space.
 */
#if defined(__has_include)
#if __has_include("config.h")
#include "config.h"
#endif
#endif

#include "protokol/profile.h"
#include "protokol/fileio.h"
#include "protokol/i18n.h"

#include <ini.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PROTOKOL_DATADIR
#define PROTOKOL_DATADIR "/usr/local/share/protokol"
#endif

#define PROFILE_MAX_BYTES (1024 * 1024) /* a profile is a few KiB; refuse anything silly */
#define RAW_MAX 1024                    /* raw value of one key, continuation lines included */
#define INT_LIMIT 100000                /* RT_INT and deadline counts: 0..INT_LIMIT */
#define MAX_KNOWN 64                    /* profile names listed in an "unknown profile" message */

static const char *const rule_words[R__COUNT] = {
#define X(id, name, type, words) [id] = words,
    PROFILE_RULES(X)
#undef X
};

/* Sections: one per rule (index = rule id), then [profile]. */
enum { SEC_PROFILE = R__COUNT, SEC_COUNT, SEC_NONE = -1, SEC_IGNORED = -2 };

/* text.da, the Danish paraphrase, is optional: records made before it existed keep replaying. */
enum { K_VALUE, K_CITE, K_TEXT, K_TEXT_DA, RULE_KEY_COUNT };
static const char *const rule_keys[RULE_KEY_COUNT] = {"value", "cite", "text", "text.da"};

enum {
        K_NAME,
        K_TITLE,
        K_SOURCE,
        K_GRUNDLOV,
        K_JULEAFTEN,
        K_NYTAARSAFTEN,
        K_LANGUAGE,
        PROFILE_KEY_COUNT
};
static const char *const profile_keys[PROFILE_KEY_COUNT] = {
    "name", "title", "source", "grundlovsdag", "juleaftensdag", "nytaarsaftensdag", "language"};

#define MAX_KEYS PROFILE_KEY_COUNT

struct slot {
        bool seen;
        bool too_long; /* the raw value did not fit in raw[] */
        int line;
        char raw[RAW_MAX];
};

struct section {
        bool seen;
        int line;
        struct slot keys[MAX_KEYS];
};

/* Everything one load needs; on the heap because the raw values are large. */
struct parse {
        const char *path;
        const char *buf;
        size_t len, pos;
        int line;          /* number of the line last handed to inih */
        bool indented;     /* that line starts with a blank */
        bool have_prev;    /* mirrors inih's "previous key" (continuation lines follow it) */
        struct slot *last; /* the key continuation lines append to, or NULL to drop them */
        int sec;   /* current section, SEC_NONE before the first, SEC_IGNORED after a bad one */
        bool stop; /* the reader gives up (line too long) */
        struct section secs[SEC_COUNT];
        bool failed;
        struct pk_err err; /* the error on the earliest line so far */
        bool missing;      /* a key is missing (reported only if nothing else is wrong) */
        int missing_sec, missing_line;
        const char *missing_key;
};

/* Copies src into dst[n]; returns false (and copies nothing) if it does not fit. */
static bool copy_fit(char *dst, size_t n, const char *src)
{
        size_t len = strlen(src);
        if (len >= n)
                return false;
        memcpy(dst, src, len + 1);
        return true;
}

/* Copies src into dst[n], cutting it short (at a UTF-8 boundary) if needed. */
static void copy_cut(char *dst, size_t n, const char *src)
{
        size_t len = strlen(src);
        if (len >= n) {
                len = n - 1;
                while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
                        len--;
        }
        memcpy(dst, src, len);
        dst[len] = '\0';
}

/* Fills err with file, line, field and a formatted message. */
static void set_err(struct pk_err *err, const char *file, int line, const char *field,
                    const char *fmt, va_list ap)
{
        char msg[sizeof err->msg];
        vsnprintf(msg, sizeof msg, fmt, ap);
        pk_err_clear(err);
        copy_cut(err->file, sizeof err->file, file ? file : "");
        err->line = line;
        copy_cut(err->field, sizeof err->field, field ? field : "");
        pk_err_set(err, "%s", msg);
}

static void fail(struct pk_err *err, const char *file, int line, const char *field, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));
static void fail(struct pk_err *err, const char *file, int line, const char *field, const char *fmt,
                 ...)
{
        va_list ap;
        va_start(ap, fmt);
        set_err(err, file, line, field, fmt, ap);
        va_end(ap);
}

/*
 * Remembers the first missing key (by line of its section). It is reported only when the
 * file has no other error, since a misspelt key is usually the cause and says more.
 */
static void note_missing(struct parse *ps, int sec, const char *key)
{
        int line = ps->secs[sec].line;
        if (ps->missing && ps->missing_line <= line)
                return;
        ps->missing = true;
        ps->missing_sec = sec;
        ps->missing_line = line;
        ps->missing_key = key;
}

/* Records an error unless one on an earlier (or the same) line is already recorded. */
static void note(struct parse *ps, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void note(struct parse *ps, int line, const char *field, const char *fmt, ...)
{
        if (ps->failed && ps->err.line <= line)
                return;
        va_list ap;
        va_start(ap, fmt);
        set_err(&ps->err, ps->path, line, field, fmt, ap);
        va_end(ap);
        ps->failed = true;
}

static const char *section_name(int sec)
{
        return sec == SEC_PROFILE ? "profile" : profile_rule_name(sec);
}

static const char *const *section_keys(int sec, int *n)
{
        if (sec == SEC_PROFILE) {
                *n = PROFILE_KEY_COUNT;
                return profile_keys;
        }
        *n = RULE_KEY_COUNT;
        return rule_keys;
}

/* "section.key", for pk_err.field. */
static void field_name(char *buf, size_t n, int sec, const char *key)
{
        snprintf(buf, n, "%s.%s", section_name(sec), key);
}

/* The known section name closest to name, or NULL if none is close. */
static const char *closest_section(const char *name)
{
        const char *best = NULL;
        int bestd = 3; /* suggest only for small typos */
        for (int s = 0; s < SEC_COUNT; s++) {
                int d = pk_edit_distance(name, section_name(s), 64);
                if (d < bestd) {
                        bestd = d;
                        best = section_name(s);
                }
        }
        return best;
}

static int find_section(const char *name)
{
        for (int s = 0; s < SEC_COUNT; s++)
                if (strcmp(name, section_name(s)) == 0)
                        return s;
        return -1;
}

/* Handles a [section] header seen by the reader (name as inih will see it). */
static void enter_section(struct parse *ps, const char *name)
{
        ps->have_prev = false;
        ps->last = NULL;
        int s = find_section(name);
        if (s < 0) {
                const char *hint = closest_section(name);
                if (hint)
                        note(ps, ps->line, name, _("unknown section [%s] (did you mean [%s]?)"),
                             name, hint);
                else
                        note(ps, ps->line, name, _("unknown section [%s]"), name);
                ps->sec = SEC_IGNORED;
                return;
        }
        if (ps->secs[s].seen) {
                note(ps, ps->line, name, _("duplicate section [%s] (first on line %d)"), name,
                     ps->secs[s].line);
                ps->sec = SEC_IGNORED;
                return;
        }
        ps->secs[s].seen = true;
        ps->secs[s].line = ps->line;
        ps->sec = s;
}

/*
 * Looks at a line before inih does: notes indentation (continuation lines) and handles
 * [section] headers the way inih reads them (the name is everything between '[' and the
 * first ']', unless an inline "; comment" comes first, which inih reports as an error).
 */
static void scan_line(struct parse *ps, const char *line)
{
        const char *s = line;
        if (ps->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
                s += 3;
        ps->indented = (*s == ' ' || *s == '\t');
        while (*s == ' ' || *s == '\t')
                s++;
        if (*s != '[')
                return;
        if (ps->indented) {
                note(ps, ps->line, "",
                     _("a [section] header must start at the beginning of the line"));
                return;
        }
        const char *end = s + 1;
        while (*end && *end != ']' && !(*end == ';' && (end[-1] == ' ' || end[-1] == '\t')))
                end++;
        if (*end != ']')
                return; /* inih reports the line as malformed */
        char name[64];
        size_t n = (size_t)(end - (s + 1));
        if (n >= sizeof name)
                n = sizeof name - 1;
        memcpy(name, s + 1, n);
        name[n] = '\0';
        const char *rest = end + 1;
        while (*rest == ' ' || *rest == '\t' || *rest == '\r' || *rest == '\n')
                rest++;
        if (*rest && *rest != ';' && *rest != '#')
                note(ps, ps->line, name, _("unexpected text after the section header [%s]"), name);
        enter_section(ps, name);
}

/* inih's line reader: hands out one line of the buffer per call and counts lines. */
static char *reader(char *str, int num, void *stream)
{
        struct parse *ps = stream;
        if (ps->stop || ps->pos >= ps->len)
                return NULL;
        const char *start = ps->buf + ps->pos;
        const char *nl = memchr(start, '\n', ps->len - ps->pos);
        size_t n = nl ? (size_t)(nl - start) + 1 : ps->len - ps->pos;
        ps->line++;
        if (num < 3 || n > (size_t)num - 1) {
                /* inih would split the line silently; refuse it instead */
                note(ps, ps->line, "",
                     _("the line is too long (at most %d bytes; continue a long value on indented "
                       "lines)"),
                     num > 3 ? num - 2 : 0);
                ps->stop = true;
                return NULL;
        }
        memcpy(str, start, n);
        str[n] = '\0';
        ps->pos += n;
        scan_line(ps, str);
        return str;
}

/* Appends a continuation line to a key's raw value, joined by one space. */
static void append_raw(struct slot *slot, const char *value)
{
        size_t have = strlen(slot->raw), add = strlen(value);
        size_t sep = have > 0 ? 1 : 0;
        if (have + sep + add >= sizeof slot->raw) {
                slot->too_long = true;
                return;
        }
        if (sep)
                slot->raw[have++] = ' ';
        memcpy(slot->raw + have, value, add + 1);
}

/* inih's handler: records the raw value of each key; always returns 1 (errors are noted). */
static int handler(void *user, const char *section, const char *name, const char *value)
{
        struct parse *ps = user;
        (void)section; /* the reader tracks sections itself */

        if (ps->indented && ps->have_prev) {
                if (ps->last)
                        append_raw(ps->last, value);
                return 1;
        }
        ps->have_prev = true;
        ps->last = NULL;

        if (ps->sec == SEC_NONE) {
                note(ps, ps->line, name, _("\"%s\" comes before any [section]"), name);
                return 1;
        }
        if (ps->sec == SEC_IGNORED)
                return 1; /* the section header is already reported */

        char field[sizeof ps->err.field];
        int nkeys;
        const char *const *keys = section_keys(ps->sec, &nkeys);
        int k = 0;
        while (k < nkeys && strcmp(keys[k], name) != 0)
                k++;
        field_name(field, sizeof field, ps->sec, name);
        if (k == nkeys) {
                char expected[160] = "";
                for (int i = 0; i < nkeys; i++) {
                        if (i)
                                strcat(expected, ", ");
                        strcat(expected, keys[i]);
                }
                note(ps, ps->line, field, _("unknown key \"%s\" in [%s] (expected: %s)"), name,
                     section_name(ps->sec), expected);
                return 1;
        }
        struct slot *slot = &ps->secs[ps->sec].keys[k];
        if (slot->seen) {
                note(ps, ps->line, field, _("duplicate key \"%s\" (first on line %d)"), name,
                     slot->line);
                return 1;
        }
        slot->seen = true;
        slot->line = ps->line;
        slot->too_long = !copy_fit(slot->raw, sizeof slot->raw, value);
        ps->last = slot;
        return 1;
}

/* Parses a whole number 0..INT_LIMIT written in decimal digits only. */
static bool parse_count(const char *s, int *out)
{
        long v = 0;
        if (!*s)
                return false;
        for (const char *c = s; *c; c++) {
                if (*c < '0' || *c > '9')
                        return false;
                v = v * 10 + (*c - '0');
                if (v > INT_LIMIT)
                        return false;
        }
        *out = (int)v;
        return true;
}

/* Checks that s is a whole number; notes the error otherwise. */
static bool check_int(struct parse *ps, const struct slot *slot, const char *field, int *out)
{
        const char *s = slot->raw;
        bool digits = *s != '\0';
        for (const char *c = s; *c; c++)
                if (*c < '0' || *c > '9')
                        digits = false;
        if (!digits) {
                note(ps, slot->line, field, _("\"%s\" is not a whole number"), s);
                return false;
        }
        if (!parse_count(s, out)) {
                note(ps, slot->line, field, _("%s is too large (at most %d)"), s, INT_LIMIT);
                return false;
        }
        return true;
}

/* Index of word in the '|'-separated list words, or -1. */
static int enum_index(const char *words, const char *word)
{
        size_t wl = strlen(word);
        int i = 0;
        for (const char *p = words; *p; i++) {
                const char *bar = strchr(p, '|');
                size_t n = bar ? (size_t)(bar - p) : strlen(p);
                if (n == wl && strncmp(p, word, n) == 0)
                        return i;
                if (!bar)
                        break;
                p = bar + 1;
        }
        return -1;
}

/* "a|b|c" -> "a, b, c" */
static void enum_list(char *buf, size_t n, const char *words)
{
        size_t o = 0;
        for (const char *p = words; *p && o + 3 < n; p++) {
                if (*p == '|') {
                        buf[o++] = ',';
                        buf[o++] = ' ';
                } else {
                        buf[o++] = *p;
                }
        }
        buf[o] = '\0';
}

static bool list_word_char(char c)
{
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Normalises "a, b,c" into "a,b,c" in out[n]; notes and returns false on a bad list. */
static bool check_list(struct parse *ps, const struct slot *slot, const char *field, char *out,
                       size_t n)
{
        const char *p = slot->raw;
        size_t o = 0;
        out[0] = '\0';
        if (!*p)
                return true;
        for (;;) {
                while (*p == ' ' || *p == '\t')
                        p++;
                const char *w = p;
                while (*p && *p != ',' && *p != ' ' && *p != '\t')
                        p++;
                size_t wl = (size_t)(p - w);
                while (*p == ' ' || *p == '\t')
                        p++;
                if (wl == 0) {
                        note(ps, slot->line, field, _("\"%s\" has an empty entry in the list"),
                             slot->raw);
                        return false;
                }
                for (size_t i = 0; i < wl; i++) {
                        if (!list_word_char(w[i])) {
                                note(ps, slot->line, field,
                                     _("\"%.*s\" is not a lowercase word (a-z, 0-9 and -)"),
                                     (int)wl, w);
                                return false;
                        }
                }
                if (*p && *p != ',') {
                        note(ps, slot->line, field,
                             _("\"%s\" is not a comma-separated list of words"), slot->raw);
                        return false;
                }
                if (o + (o ? 1 : 0) + wl >= n) {
                        note(ps, slot->line, field, _("the list is too long (at most %zu bytes)"),
                             n - 1);
                        return false;
                }
                if (o)
                        out[o++] = ',';
                memcpy(out + o, w, wl);
                o += wl;
                out[o] = '\0';
                if (!*p)
                        return true;
                p++; /* past ',' */
        }
}

/* Parses "none", "N days" or "N working-days" (singular forms accepted). */
static bool parse_deadline(const char *s, int *n, enum deadline_unit *unit)
{
        if (strcmp(s, "none") == 0) {
                *n = 0;
                *unit = DL_NONE;
                return true;
        }
        char num[16];
        size_t i = 0;
        while (s[i] >= '0' && s[i] <= '9' && i + 1 < sizeof num) {
                num[i] = s[i];
                i++;
        }
        num[i] = '\0';
        if (i == 0 || (s[i] != ' ' && s[i] != '\t'))
                return false;
        if (!parse_count(num, n))
                return false;
        const char *u = s + i;
        while (*u == ' ' || *u == '\t')
                u++;
        if (strcmp(u, "days") == 0 || strcmp(u, "day") == 0)
                *unit = DL_DAYS;
        else if (strcmp(u, "working-days") == 0 || strcmp(u, "working-day") == 0)
                *unit = DL_WORKING_DAYS;
        else
                return false;
        return true;
}

/* Checks one rule section and fills r; problems are noted. */
static void check_rule(struct parse *ps, enum rule_id id, struct rule *r)
{
        const struct section *sec = &ps->secs[id];
        char field[sizeof ps->err.field];
        memset(r, 0, sizeof *r);
        r->line = sec->line;

        for (int k = 0; k < RULE_KEY_COUNT; k++) {
                const struct slot *slot = &sec->keys[k];
                field_name(field, sizeof field, id, rule_keys[k]);
                if (!slot->seen) {
                        if (k != K_TEXT_DA)
                                note_missing(ps, id, rule_keys[k]);
                        continue;
                }
                if (slot->too_long) {
                        note(ps, slot->line, field, _("the value is too long"));
                        continue;
                }
                const char *v = slot->raw;
                switch (k) {
                case K_VALUE:
                        switch (profile_rule_type(id)) {
                        case RT_BOOL:
                                if (strcmp(v, "yes") == 0)
                                        r->ival = 1;
                                else if (strcmp(v, "no") == 0)
                                        r->ival = 0;
                                else
                                        note(ps, slot->line, field, _("\"%s\" is not yes or no"),
                                             v);
                                copy_fit(r->sval, sizeof r->sval, r->ival ? "yes" : "no");
                                break;
                        case RT_INT:
                                if (!check_int(ps, slot, field, &r->ival))
                                        break;
                                if (id == R_QUORUM_PERCENT && (r->ival < 1 || r->ival > 100))
                                        note(ps, slot->line, field,
                                             _("%d is not a percentage of the members (1-100)"),
                                             r->ival);
                                copy_fit(r->sval, sizeof r->sval, v);
                                break;
                        case RT_ENUM: {
                                int i = enum_index(rule_words[id], v);
                                if (i < 0) {
                                        char allowed[256];
                                        enum_list(allowed, sizeof allowed, rule_words[id]);
                                        note(ps, slot->line, field, _("\"%s\" is not one of: %s"),
                                             v, allowed);
                                        break;
                                }
                                r->ival = i;
                                copy_fit(r->sval, sizeof r->sval, v);
                                break;
                        }
                        case RT_LIST:
                                check_list(ps, slot, field, r->sval, sizeof r->sval);
                                break;
                        case RT_DEADLINE:
                                if (!parse_deadline(v, &r->ival, &r->unit))
                                        note(ps, slot->line, field,
                                             _("\"%s\" is not a deadline (none, N days or N "
                                               "working-days, N at most %d)"),
                                             v, INT_LIMIT);
                                else
                                        copy_fit(r->sval, sizeof r->sval, v);
                                break;
                        }
                        break;
                case K_CITE:
                        if (strcmp(v, "-") == 0) {
                                r->cite[0] = '\0';
                        } else if (strncmp(v, "§ ", strlen("§ ")) != 0 || !v[strlen("§ ")]) {
                                note(ps, slot->line, field,
                                     _("\"%s\" is not a citation: write - or start with \"§ \" "
                                       "(e.g. "
                                       "\"§ 4, stk. 1\")"),
                                     v);
                        } else if (!copy_fit(r->cite, sizeof r->cite, v)) {
                                note(ps, slot->line, field,
                                     _("the citation is too long (at most %zu bytes)"),
                                     sizeof r->cite - 1);
                        }
                        break;
                case K_TEXT:
                        if (!*v)
                                note(ps, slot->line, field,
                                     _("the text is empty (paraphrase the rule, or say what "
                                       "protokol "
                                       "does where the source is silent)"));
                        else if (!copy_fit(r->text, sizeof r->text, v))
                                note(ps, slot->line, field,
                                     _("the text is too long (at most %zu bytes)"),
                                     sizeof r->text - 1);
                        break;
                case K_TEXT_DA:
                        if (!*v)
                                note(ps, slot->line, field,
                                     _("the Danish text is empty (paraphrase the rule in Danish, "
                                       "or leave the key out)"));
                        else if (!copy_fit(r->text_da, sizeof r->text_da, v))
                                note(ps, slot->line, field,
                                     _("the text is too long (at most %zu bytes)"),
                                     sizeof r->text_da - 1);
                        break;
                }
        }
}

static bool name_char(char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
}

/* Checks the [profile] section and fills the header fields of p. */
static void check_header(struct parse *ps, struct profile *p)
{
        const struct section *sec = &ps->secs[SEC_PROFILE];
        char field[sizeof ps->err.field];
        size_t sizes[] = {sizeof p->name, sizeof p->title, sizeof p->source};
        char *dst[] = {p->name, p->title, p->source};
        bool *holiday[] = {&p->grundlovsdag_working, &p->juleaftensdag_working,
                           &p->nytaarsaftensdag_working};

        for (int k = 0; k < PROFILE_KEY_COUNT; k++) {
                const struct slot *slot = &sec->keys[k];
                field_name(field, sizeof field, SEC_PROFILE, profile_keys[k]);
                if (!slot->seen) {
                        if (k == K_NAME)
                                note_missing(ps, SEC_PROFILE, profile_keys[k]);
                        continue;
                }
                if (slot->too_long) {
                        note(ps, slot->line, field, _("the value is too long"));
                        continue;
                }
                const char *v = slot->raw;
                if (k <= K_SOURCE) {
                        if (!copy_fit(dst[k], sizes[k], v)) {
                                note(ps, slot->line, field, _("too long (at most %zu bytes)"),
                                     sizes[k] - 1);
                                continue;
                        }
                        if (k != K_NAME)
                                continue;
                        if (!*v) {
                                note(ps, slot->line, field, _("the profile name is empty"));
                                continue;
                        }
                        for (const char *c = v; *c; c++) {
                                if (!name_char(*c)) {
                                        note(
                                            ps, slot->line, field,
                                            _("\"%s\" is not a profile name (letters, digits, -, _ "
                                              "and . only)"),
                                            v);
                                        break;
                                }
                        }
                        continue;
                }
                if (k == K_LANGUAGE) {
                        if (strcmp(v, "da") == 0 || strcmp(v, "en") == 0)
                                copy_fit(p->language, sizeof p->language, v);
                        else
                                note(ps, slot->line, field, _("\"%s\" is not one of: da, en"), v);
                        continue;
                }
                if (strcmp(v, "working") == 0)
                        *holiday[k - K_GRUNDLOV] = true;
                else if (strcmp(v, "off") == 0)
                        *holiday[k - K_GRUNDLOV] = false;
                else
                        note(ps, slot->line, field, _("\"%s\" is not one of: off, working"), v);
        }
}

/* Line number (1-based) of byte offset off in buf. */
static int line_of(const char *buf, size_t off)
{
        int line = 1;
        for (size_t i = 0; i < off; i++)
                if (buf[i] == '\n')
                        line++;
        return line;
}

/* Parses a profile held in buf (len bytes, NUL-terminated); path labels messages. */
static int parse_buf(const char *path, char *buf, size_t len, struct profile *p, struct pk_err *err,
                     int *name_line)
{
        if (len == 0) {
                fail(err, path, 0, "",
                     _("the file is empty; a profile needs [profile] and one "
                       "section per rule"));
                return -1;
        }
        const char *nul = memchr(buf, '\0', len);
        if (nul) {
                int line = line_of(buf, (size_t)(nul - buf));
                fail(err, path, line, "", _("the file contains a NUL byte; is it a text file?"));
                return -1;
        }
        size_t bad;
        if (!pk_utf8_valid(buf, len, &bad)) {
                int line = line_of(buf, bad);
                fail(err, path, line, "", _("invalid UTF-8; save the file as UTF-8"));
                return -1;
        }

        struct parse *ps = calloc(1, sizeof *ps);
        if (!ps) {
                fail(err, path, 0, "", _("out of memory"));
                return -1;
        }
        ps->path = path;
        ps->buf = buf;
        ps->len = len;
        ps->sec = SEC_NONE;

        int rc = ini_parse_stream(reader, ps, handler, ps);
        if (rc > 0)
                note(ps, rc, "", _("expected a [section], a key = value line or a comment"));
        else if (rc < 0)
                note(ps, 0, "", _("the profile could not be parsed (out of memory)"));

        memset(p, 0, sizeof *p);
        pk_strlcpy(p->language, "en", sizeof p->language);
        if (ps->secs[SEC_PROFILE].seen)
                check_header(ps, p);
        for (int id = 0; id < R__COUNT; id++)
                if (ps->secs[id].seen)
                        check_rule(ps, (enum rule_id)id, &p->rules[id]);
        if (!ps->failed && ps->missing) {
                char field[sizeof ps->err.field];
                field_name(field, sizeof field, ps->missing_sec, ps->missing_key);
                note(ps, ps->missing_line, field, _("missing key %s in [%s]"), ps->missing_key,
                     section_name(ps->missing_sec));
        }
        if (!ps->failed) {
                if (!ps->secs[SEC_PROFILE].seen) {
                        note(ps, 0, "profile", _("missing section [profile]"));
                } else {
                        for (int id = 0; id < R__COUNT; id++) {
                                if (!ps->secs[id].seen) {
                                        note(ps, 0, profile_rule_name(id),
                                             _("missing section [%s]"), profile_rule_name(id));
                                        break;
                                }
                        }
                }
        }

        int result = 0;
        if (ps->failed) {
                *err = ps->err;
                result = -1;
        } else {
                copy_fit(p->path, sizeof p->path, path);
                if (name_line)
                        *name_line = ps->secs[SEC_PROFILE].keys[K_NAME].line;
        }
        free(ps);
        return result;
}

/* profile_load, also telling the line of the name key (for profile_find's message). */
static int load(const char *path, struct profile *p, struct pk_err *err, int *name_line)
{
        pk_err_clear(err);
        if (!path || !*path) {
                fail(err, "", 0, "", _("no profile file given"));
                return -1;
        }
        if (strlen(path) >= sizeof p->path) {
                fail(err, path, 0, "", _("the path is too long"));
                return -1;
        }
        static const struct pk_input profile_input = {N_("the profile"), N_("a profile file"),
                                                      PROFILE_MAX_BYTES};
        size_t len;
        char *buf;
        if (pk_read_file(path, &profile_input, &buf, &len, err) < 0)
                return -1;
        int rc = parse_buf(path, buf, len, p, err, name_line);
        free(buf);
        return rc;
}

int profile_parse(const char *text, const char *label, struct profile *p, struct pk_err *err)
{
        pk_err_clear(err);
        size_t len = strlen(text);
        if (len > PROFILE_MAX_BYTES) {
                fail(err, label, 0, "", _("the profile is too large (more than %d bytes)"),
                     PROFILE_MAX_BYTES);
                return -1;
        }
        char *buf = malloc(len + 1);
        if (!buf) {
                fail(err, label, 0, "", _("out of memory"));
                return -1;
        }
        memcpy(buf, text, len + 1);
        int rc = parse_buf(label, buf, len, p, err, NULL);
        free(buf);
        return rc;
}

/*
 * Loads the profile file at path. Returns 0 with *p filled, or -1 with *err naming the
 * file, the line (0 when the problem is not on one line) and the field "section.key".
 */
int profile_load(const char *path, struct profile *p, struct pk_err *err)
{
        return load(path, p, err, NULL);
}

/*
 * The profile search path, in order: $PROTOKOL_PROFILES, $XDG_CONFIG_HOME/protokol/profiles
 * (~/.config/... by default), <directory of the running binary>/assets/profiles (the
 * build tree), PROTOKOL_DATADIR/profiles. Returns how many of dirs[] were filled.
 */
static int search_dirs(char dirs[4][PATH_MAX])
{
        int n = 0;
        const char *env = getenv("PROTOKOL_PROFILES");
        if (env && *env && strlen(env) < PATH_MAX)
                copy_fit(dirs[n++], PATH_MAX, env);

        const char *xdg = getenv("XDG_CONFIG_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0] == '/') {
                if (snprintf(dirs[n], PATH_MAX, "%s/protokol/profiles", xdg) < PATH_MAX)
                        n++;
        } else if (home && *home) {
                if (snprintf(dirs[n], PATH_MAX, "%s/.config/protokol/profiles", home) < PATH_MAX)
                        n++;
        }

        char exe[PATH_MAX];
        ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (len > 0) {
                exe[len] = '\0';
                char *slash = strrchr(exe, '/');
                if (slash) {
                        *slash = '\0';
                        if (snprintf(dirs[n], PATH_MAX, "%s/assets/profiles", exe) < PATH_MAX)
                                n++;
                }
        }

        copy_fit(dirs[n++], PATH_MAX, PROTOKOL_DATADIR "/profiles");
        return n;
}

static int cmp_names(const void *a, const void *b)
{
        return strcmp((const char *)a, (const char *)b);
}

/* Fills buf with "a, b, c": the distinct NAME.ini files found in dirs, sorted. */
static void known_profiles(char dirs[4][PATH_MAX], int ndirs, char *buf, size_t n)
{
        char names[MAX_KNOWN][64];
        int count = 0;
        for (int d = 0; d < ndirs; d++) {
                DIR *dir = opendir(dirs[d]);
                if (!dir)
                        continue;
                struct dirent *e;
                while ((e = readdir(dir)) != NULL && count < MAX_KNOWN) {
                        size_t len = strlen(e->d_name);
                        if (len <= 4 || len - 4 >= sizeof names[0] ||
                            strcmp(e->d_name + len - 4, ".ini") != 0 || e->d_name[0] == '.')
                                continue;
                        char name[64];
                        memcpy(name, e->d_name, len - 4);
                        name[len - 4] = '\0';
                        bool dup = false;
                        for (int i = 0; i < count && !dup; i++)
                                dup = strcmp(names[i], name) == 0;
                        if (!dup)
                                memcpy(names[count++], name, len - 3);
                }
                closedir(dir);
        }
        qsort(names, (size_t)count, sizeof names[0], cmp_names);
        buf[0] = '\0';
        size_t o = 0;
        for (int i = 0; i < count; i++) {
                size_t len = strlen(names[i]);
                if (o + len + 2 + 5 >= n) {
                        snprintf(buf + o, n - o, "%s...", i ? ", " : "");
                        return;
                }
                o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", names[i]);
        }
}

static bool ends_with(const char *s, const char *suffix)
{
        size_t a = strlen(s), b = strlen(suffix);
        return a >= b && strcmp(s + a - b, suffix) == 0;
}

/*
 * Finds a profile by name: a name with a '/' or ending in ".ini" is a path and is loaded
 * as is; otherwise NAME.ini is looked for in the search path (see search_dirs) and the
 * first one found is loaded, even if it fails (a broken profile is reported, not passed
 * over). A profile found by name must declare that name in [profile].
 * Returns 0, or -1 with *err set; an unknown name lists the profiles that were found.
 */
int profile_find(const char *name, struct profile *p, struct pk_err *err)
{
        pk_err_clear(err);
        if (!name || !*name) {
                fail(err, "", 0, "", _("no profile name given"));
                return -1;
        }
        if (strchr(name, '/') || ends_with(name, ".ini"))
                return profile_load(name, p, err);

        char dirs[4][PATH_MAX];
        int ndirs = search_dirs(dirs);
        for (int d = 0; d < ndirs; d++) {
                char path[PATH_MAX + 80];
                if (snprintf(path, sizeof path, "%s/%s.ini", dirs[d], name) >= (int)sizeof path)
                        continue;
                struct stat st;
                if (stat(path, &st) != 0)
                        continue;
                int name_line = 0;
                if (load(path, p, err, &name_line) != 0)
                        return -1;
                if (strcmp(p->name, name) != 0) {
                        fail(err, path, name_line, "profile.name",
                             _("the file declares the name \"%s\" but was found as \"%s\"; set "
                               "name = "
                               "%s"),
                             p->name, name, name);
                        return -1;
                }
                return 0;
        }

        char known[400];
        known_profiles(dirs, ndirs, known, sizeof known);
        if (known[0])
                fail(err, "", 0, "", _("unknown profile \"%.60s\" (known: %s)"), name, known);
        else
                fail(err, "", 0, "",
                     _("unknown profile \"%.60s\" (no profiles found; set "
                       "PROTOKOL_PROFILES to a directory of NAME.ini files)"),
                     name);
        return -1;
}

int profile_locate(const char *name, char *out, size_t n, struct pk_err *err)
{
        pk_err_clear(err);
        if (!name || !*name) {
                fail(err, "", 0, "", _("no profile name given"));
                return -1;
        }
        if (strchr(name, '/') || ends_with(name, ".ini")) {
                if (strlen(name) >= n) {
                        fail(err, name, 0, "", _("the path is too long"));
                        return -1;
                }
                copy_fit(out, n, name);
                return 0;
        }
        char dirs[4][PATH_MAX];
        int ndirs = search_dirs(dirs);
        for (int d = 0; d < ndirs; d++) {
                char path[PATH_MAX + 80];
                if (snprintf(path, sizeof path, "%s/%s.ini", dirs[d], name) >= (int)sizeof path)
                        continue;
                struct stat st;
                if (stat(path, &st) != 0)
                        continue;
                if (strlen(path) >= n) {
                        fail(err, path, 0, "", _("the path is too long"));
                        return -1;
                }
                copy_fit(out, n, path);
                return 0;
        }
        char known[400];
        known_profiles(dirs, ndirs, known, sizeof known);
        if (known[0])
                fail(err, "", 0, "", _("unknown profile \"%.60s\" (known: %s)"), name, known);
        else
                fail(err, "", 0, "",
                     _("unknown profile \"%.60s\" (no profiles found; set "
                       "PROTOKOL_PROFILES to a directory of NAME.ini files)"),
                     name);
        return -1;
}
