/*
 * text.c - UTF-8 text on the terminal: decoding and encoding, display width (with ASCII
 * stand-ins where the locale cannot show a character), truncation to a width, and
 * wrapping into lines. The one place the UI measures or cuts text.
 */
#include <langinfo.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

/*
 * The engine's texts are always UTF-8, whatever the locale; the locale only says what the
 * terminal can show. In a UTF-8 locale every character is drawn as it is. In any other
 * (C, POSIX, ISO-8859-1, ...) a character the locale's character set lacks is drawn as an
 * ASCII stand-in (æ as ae, § as par., │ as |) or '?', so no broken bytes reach the screen;
 * widths and cuts are computed on what is drawn.
 */
bool tui_utf8 = true;

void tui_locale_init(void)
{
        const char *cs = nl_langinfo(CODESET);
        tui_utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8"));
}

size_t tui_u8_decode(const char *s, size_t len, uint32_t *cp)
{
        const unsigned char *u = (const unsigned char *)s;
        if (len == 0) {
                *cp = 0;
                return 0;
        }
        if (u[0] < 0x80) {
                *cp = u[0];
                return 1;
        }
        size_t n = u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 0;
        if (n == 0 || u[0] >= 0xF5 || n > len) {
                *cp = 0xFFFD;
                return 1;
        }
        uint32_t c = u[0] & (0x7F >> n);
        for (size_t i = 1; i < n; i++) {
                if ((u[i] & 0xC0) != 0x80) {
                        *cp = 0xFFFD;
                        return 1;
                }
                c = c << 6 | (u[i] & 0x3F);
        }
        /* overlong forms, surrogates and code points past U+10FFFF are not characters */
        if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
            (c >= 0xD800 && c <= 0xDFFF)) {
                *cp = 0xFFFD;
                return 1;
        }
        *cp = c;
        return n;
}

size_t tui_u8_encode(uint32_t c, char out[4])
{
        if (c >= 0xD800 && c <= 0xDFFF)
                c = 0xFFFD;
        if (c < 0x80) {
                out[0] = (char)c;
                return 1;
        }
        if (c < 0x800) {
                out[0] = (char)(0xC0 | c >> 6);
                out[1] = (char)(0x80 | (c & 0x3F));
                return 2;
        }
        if (c < 0x10000) {
                out[0] = (char)(0xE0 | c >> 12);
                out[1] = (char)(0x80 | (c >> 6 & 0x3F));
                out[2] = (char)(0x80 | (c & 0x3F));
                return 3;
        }
        if (c > 0x10FFFF)
                return tui_u8_encode(0xFFFD, out);
        out[0] = (char)(0xF0 | c >> 18);
        out[1] = (char)(0x80 | (c >> 12 & 0x3F));
        out[2] = (char)(0x80 | (c >> 6 & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        return 4;
}

int tui_u8_to_wcs(const char *s, wchar_t *out, int cap)
{
        size_t len = strlen(s);
        int n = 0;
        while (len > 0 && n < cap) {
                uint32_t c;
                size_t r = tui_u8_decode(s, len, &c);
                s += r;
                len -= r;
                out[n++] = (wchar_t)c;
        }
        if (n < cap)
                out[n] = L'\0';
        return n;
}

void tui_wcs_to_u8(const wchar_t *w, int n, char *out, size_t cap)
{
        size_t at = 0;
        for (int i = 0; i < n && cap > 0; i++) {
                char b[4];
                size_t k = tui_u8_encode((uint32_t)w[i], b);
                if (at + k >= cap)
                        break;
                memcpy(out + at, b, k);
                at += k;
        }
        if (cap > 0)
                out[at] = '\0';
}

/* ASCII stand-ins for the characters a non-UTF-8 locale may lack. */
static const struct {
        uint32_t c;
        const char *ascii;
} stand_ins[] = {
    {0xC6, "Ae"},   {0xE6, "ae"},    {0xD8, "Oe"},  {0xF8, "oe"},    {0xC5, "Aa"},   {0xE5, "aa"},
    {0xC4, "Ae"},   {0xE4, "ae"},    {0xD6, "Oe"},  {0xF6, "oe"},    {0xDC, "Ue"},   {0xFC, "ue"},
    {0xDF, "ss"},   {0xC9, "E"},     {0xE9, "e"},   {0xC8, "E"},     {0xE8, "e"},    {0xCA, "E"},
    {0xEA, "e"},    {0xCB, "E"},     {0xEB, "e"},   {0xC1, "A"},     {0xE1, "a"},    {0xC0, "A"},
    {0xE0, "a"},    {0xC2, "A"},     {0xE2, "a"},   {0xCD, "I"},     {0xED, "i"},    {0xEF, "i"},
    {0xD3, "O"},    {0xF3, "o"},     {0xD4, "O"},   {0xF4, "o"},     {0xDA, "U"},    {0xFA, "u"},
    {0xD1, "N"},    {0xF1, "n"},     {0xC7, "C"},   {0xE7, "c"},     {0xDD, "Y"},    {0xFD, "y"},
    {0xD0, "D"},    {0xF0, "d"},     {0xDE, "Th"},  {0xFE, "th"},    {0xA7, "par."}, {0xB7, "-"},
    {0xD7, "x"},    {0xAB, "\""},    {0xBB, "\""},  {0xA0, " "},     {0xB0, "o"},    {0xAD, "-"},
    {0x2013, "-"},  {0x2014, "-"},   {0x2018, "'"}, {0x2019, "'"},   {0x201C, "\""}, {0x201D, "\""},
    {0x201E, "\""}, {0x2026, "..."}, {0x2022, "*"}, {0x20AC, "EUR"}, {0x2190, "<-"}, {0x2192, "->"},
    {0x2191, "^"},  {0x2193, "v"},   {0x21B3, ">"}, {0x2264, "<="},  {0x2265, ">="}, {0x2502, "|"},
    {0x2500, "-"},  {0x25B6, ">"},   {0x2713, "*"}, {0x2717, "x"},   {0x2260, "!="},
};

/* True if the locale's character set has c and the terminal shows it in w > 0 columns. */
static bool in_charset(uint32_t c, int *w)
{
        char mb[MB_LEN_MAX];
        mbstate_t st = {0};
        if (c < 0x80) {
                *w = 1;
                return true;
        }
        if (wcrtomb(mb, (wchar_t)c, &st) == (size_t)-1)
                return false;
        *w = wcwidth((wchar_t)c);
        return *w > 0;
}

/*
 * What is drawn for code point c: up to 4 characters into out[], with their widths.
 * Returns the count.
 */
static int glyph(uint32_t c, wchar_t out[4], int wid[4])
{
        if (c < 32 || c == 127 || (c >= 0x80 && c < 0xA0))
                c = ' ';
        if (tui_utf8) {
                int w = wcwidth((wchar_t)c);
                out[0] = w < 0 ? L'?' : (wchar_t)c;
                wid[0] = w < 0 ? 1 : w;
                return 1;
        }
        int w;
        if (in_charset(c, &w)) {
                out[0] = (wchar_t)c;
                wid[0] = w;
                return 1;
        }
        for (size_t i = 0; i < sizeof stand_ins / sizeof stand_ins[0]; i++)
                if (stand_ins[i].c == c) {
                        int n = 0;
                        for (const char *a = stand_ins[i].ascii; *a && n < 4; a++, n++) {
                                out[n] = (wchar_t)(unsigned char)*a;
                                wid[n] = 1;
                        }
                        return n;
                }
        out[0] = L'?';
        wid[0] = 1;
        return 1;
}

int tui_cwidth(wchar_t c)
{
        wchar_t g[4];
        int wid[4], w = 0;
        int n = glyph((uint32_t)c, g, wid);
        for (int i = 0; i < n; i++)
                w += wid[i];
        return w;
}

/* Decodes s into what is drawn (at most cap characters) with their widths; the count. */
static int decode(const char *s, wchar_t *wc, int *wid, int cap)
{
        size_t len = strlen(s);
        int n = 0;
        while (len > 0 && n < cap) {
                uint32_t c;
                size_t r = tui_u8_decode(s, len, &c);
                s += r;
                len -= r;
                wchar_t g[4];
                int gw[4];
                int k = glyph(c == 0xFFFD ? '?' : c, g, gw);
                for (int i = 0; i < k && n < cap; i++) {
                        wc[n] = g[i];
                        wid[n] = gw[i];
                        n++;
                }
        }
        return n;
}

static int tui_width_n(const char *s, size_t n);

/* Columns of the first n bytes of s. */
static int tui_width_n(const char *s, size_t n)
{
        char buf[1024];
        if (n >= sizeof buf)
                n = sizeof buf - 1;
        memcpy(buf, s, n);
        buf[n] = '\0';
        return tui_width(buf);
}

int tui_width(const char *s)
{
        wchar_t wc[1024];
        int wid[1024];
        int n = decode(s, wc, wid, 1024), w = 0;
        for (int i = 0; i < n; i++)
                w += wid[i];
        return w;
}

int tui_put(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr)
{
        if (maxw <= 0 || !s)
                return 0;
        wchar_t wc[1024];
        int wid[1024];
        int n = decode(s, wc, wid, 1024), total = 0;
        for (int i = 0; i < n; i++)
                total += wid[i];
        int cut = n, used = 0;
        if (total > maxw) {
                /* leave one column for the ellipsis */
                cut = 0;
                while (cut < n && used + wid[cut] <= maxw - 1)
                        used += wid[cut++];
        } else {
                used = total;
        }
        wattron(w, attr);
        mvwaddnwstr(w, y, x, wc, cut);
        if (cut < n) {
                /* the cut: … where the terminal has it */
                waddnwstr(w, tui_utf8 ? L"…" : L"~", 1);
                used++;
        }
        wattroff(w, attr);
        return used;
}

void tui_wrap(const char *s, int width, void (*add)(void *ctx, const char *line), void *ctx)
{
        if (width < 8)
                width = 8;
        if (tui_width(s) <= width) {
                add(ctx, s); /* fits: keep its spacing */
                return;
        }
        /*
         * The lines after the first hang under the text that follows the first line's last
         * gap of two or more spaces (a help column), else two columns in from its indent.
         */
        int indent = (int)strspn(s, " "), cont = indent + 2, col = 0;
        for (const char *q = s; *q && col < width; q++) {
                if (q[0] == ' ' && q[1] == ' ') {
                        size_t n = strspn(q, " ");
                        int at = tui_width_n(s, (size_t)(q - s)) + (int)n;
                        if (at < width / 2)
                                cont = at;
                        q += n - 1;
                }
                col++;
        }
        struct sb line = {0};
        int lw = 0;
        bool words = false;
        const char *p = s;
        while (*p) {
                size_t nsp = strspn(p, " ");
                const char *w = p + nsp, *e = w;
                while (*e && *e != ' ')
                        e++;
                int ww = tui_width_n(w, (size_t)(e - w));
                if (words && lw + (int)nsp + ww > width) {
                        add(ctx, sb_str(&line));
                        sb_clear(&line);
                        for (int i = 0; i < cont; i++)
                                sb_add(&line, " ");
                        lw = cont;
                        nsp = 0;
                }
                for (size_t i = 0; i < nsp; i++)
                        sb_add(&line, " ");
                sb_addn(&line, w, (size_t)(e - w));
                lw += (int)nsp + ww;
                words = words || e > w;
                p = e;
        }
        if (line.len)
                add(ctx, sb_str(&line));
        sb_free(&line);
}
