/*
 * util.c - error records, string buffers, checked allocation and UTF-8 checks.
 * Pure: no I/O beyond aborting when memory is exhausted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "protokol/util.h"

void pk_err_clear(struct pk_err *e)
{
        memset(e, 0, sizeof *e);
}

void pk_err_set(struct pk_err *e, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
}

void pk_err_format(const struct pk_err *e, char *buf, size_t n)
{
        struct sb b = {0};
        if (e->file[0]) {
                sb_add(&b, e->file);
                if (e->line > 0)
                        sb_addf(&b, ":%d", e->line);
                if (e->column > 0)
                        sb_addf(&b, ":%d", e->column);
                sb_add(&b, ": ");
        } else if (e->line > 0) {
                sb_addf(&b, "line %d: ", e->line);
        }
        if (e->field[0])
                sb_addf(&b, "%s: ", e->field);
        sb_add(&b, e->msg);
        pk_strlcpy(buf, sb_str(&b), n);
        sb_free(&b);
}

void *pk_xmalloc(size_t n)
{
        void *p = malloc(n ? n : 1);
        if (!p)
                abort();
        return p;
}

void *pk_xcalloc(size_t n, size_t size)
{
        void *p = calloc(n ? n : 1, size ? size : 1);
        if (!p)
                abort();
        return p;
}

void *pk_xrealloc(void *p, size_t n)
{
        void *q = realloc(p, n ? n : 1);
        if (!q)
                abort();
        return q;
}

char *pk_xstrdup(const char *s)
{
        size_t n = strlen(s ? s : "");
        char *p = pk_xmalloc(n + 1);
        memcpy(p, s ? s : "", n + 1);
        return p;
}

static void sb_grow(struct sb *b, size_t extra)
{
        if (b->len + extra + 1 <= b->cap)
                return;
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + extra + 1)
                cap *= 2;
        b->s = pk_xrealloc(b->s, cap);
        b->cap = cap;
}

void sb_addn(struct sb *b, const char *s, size_t n)
{
        sb_grow(b, n);
        memcpy(b->s + b->len, s, n);
        b->len += n;
        b->s[b->len] = '\0';
}

void sb_add(struct sb *b, const char *s)
{
        sb_addn(b, s, strlen(s));
}

void sb_vaddf(struct sb *b, const char *fmt, va_list ap)
{
        va_list cp;
        va_copy(cp, ap);
        int n = vsnprintf(NULL, 0, fmt, cp);
        va_end(cp);
        if (n < 0)
                return;
        sb_grow(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
}

void sb_addf(struct sb *b, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(b, fmt, ap);
        va_end(ap);
}

void sb_clear(struct sb *b)
{
        b->len = 0;
        if (b->s)
                b->s[0] = '\0';
}

void sb_free(struct sb *b)
{
        free(b->s);
        b->s = NULL;
        b->len = b->cap = 0;
}

const char *sb_str(const struct sb *b)
{
        return b->s ? b->s : "";
}

void pk_strlcpy(char *dst, const char *src, size_t n)
{
        if (n == 0)
                return;
        size_t len = strlen(src);
        if (len >= n) {
                len = n - 1;
                /* back off to a character boundary */
                while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
                        len--;
        }
        memcpy(dst, src, len);
        dst[len] = '\0';
}

bool pk_utf8_valid(const char *s, size_t n, size_t *bad_off)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;
        while (i < n) {
                unsigned c = p[i];
                size_t need;
                unsigned cp;
                if (c < 0x80) {
                        i++;
                        continue;
                } else if (c >= 0xC2 && c <= 0xDF) {
                        need = 1;
                        cp = c & 0x1F;
                } else if (c >= 0xE0 && c <= 0xEF) {
                        need = 2;
                        cp = c & 0x0F;
                } else if (c >= 0xF0 && c <= 0xF4) {
                        need = 3;
                        cp = c & 0x07;
                } else {
                        goto bad;
                }
                for (size_t k = 1; k <= need; k++) {
                        if (i + k >= n || (p[i + k] & 0xC0) != 0x80)
                                goto bad;
                        cp = (cp << 6) | (p[i + k] & 0x3F);
                }
                if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
                    (cp >= 0xD800 && cp <= 0xDFFF))
                        goto bad;
                i += need + 1;
        }
        return true;
bad:
        if (bad_off)
                *bad_off = i;
        return false;
}

size_t pk_utf8_len(const char *s)
{
        size_t n = 0;
        for (; *s; s++)
                if (((unsigned char)*s & 0xC0) != 0x80)
                        n++;
        return n;
}

static pk_translator translator;
static bool translation_off;

bool pk_tr_off(bool off)
{
        bool was = translation_off;
        translation_off = off;
        return was;
}

void pk_set_translator(pk_translator t)
{
        translator = t;
}

const char *pk_tr(const char *msgid)
{
        return translator && !translation_off ? translator(msgid) : msgid;
}

const char *pk_language(void)
{
        /* TRANSLATORS: the ISO 639-1 code of the language of this catalogue (da). */
        return _("en");
}

bool pk_language_is_da(void)
{
        return strcmp(pk_language(), "da") == 0;
}

static pk_lang_switcher lang_switcher;

void pk_set_lang_switcher(pk_lang_switcher f)
{
        lang_switcher = f;
}

bool pk_use_language(const char *lang)
{
        return lang_switcher && lang_switcher(lang);
}

int pk_edit_distance(const char *a, const char *b, int cap)
{
        int la = (int)strlen(a), lb = (int)strlen(b);
        if (abs(la - lb) > cap)
                return cap + 1;
        int *row = pk_xcalloc((size_t)lb + 1, sizeof *row);
        for (int j = 0; j <= lb; j++)
                row[j] = j;
        for (int i = 1; i <= la; i++) {
                int diag = row[0];
                row[0] = i;
                for (int j = 1; j <= lb; j++) {
                        int up = row[j];
                        int best = diag + (a[i - 1] != b[j - 1]);
                        if (up + 1 < best)
                                best = up + 1;
                        if (row[j - 1] + 1 < best)
                                best = row[j - 1] + 1;
                        row[j] = best;
                        diag = up;
                }
        }
        int d = row[lb];
        free(row);
        return d > cap ? cap + 1 : d;
}
