/*
 * pdf.c - the minutes as a PDF, laid out by protokol itself with Pango and drawn with cairo:
 * A4, DejaVu Serif (embedded by cairo as font subsets), "Page 3 of 7" at the foot of each page,
 * the title in the document information. The same blocks as the HTML (minutes_int.h).
 *
 * cairo (1.16) cannot set the document's language (/Lang in the catalogue), so it is added by
 * an incremental update appended to the file: a new version of the catalogue object with /Lang,
 * a cross-reference section for it and a trailer pointing back to cairo's (/Prev).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minutes_int.h"
#include "protokol/i18n.h"

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W (210.0 * PT_PER_MM)
#define PAGE_H (297.0 * PT_PER_MM)
#define MARGIN_X (20.0 * PT_PER_MM)
#define MARGIN_TOP (20.0 * PT_PER_MM)
#define MARGIN_BOTTOM (25.0 * PT_PER_MM)
#define TEXT_W (PAGE_W - 2 * MARGIN_X)

static cairo_status_t to_sb(void *closure, const unsigned char *data, unsigned int len)
{
        sb_addn(closure, (const char *)data, len);
        return CAIRO_STATUS_SUCCESS;
}

/* A layout at 72 dpi, so a font's size in points is its size on the page. */
static PangoLayout *new_layout(cairo_t *cr)
{
        PangoLayout *l = pango_cairo_create_layout(cr);
        pango_cairo_context_set_resolution(pango_layout_get_context(l), 72.0);
        pango_layout_context_changed(l);
        return l;
}

static char *escape(const char *s)
{
        return g_markup_escape_text(s, -1);
}

struct pen {
        cairo_t *cr;
        double y;
        int page, pages;
        bool draw;
        const struct blocks *bl;
};

static void footer(struct pen *p)
{
        if (!p->draw)
                return;
        char buf[128];
        snprintf(buf, sizeof buf, p->bl->page_fmt, p->page, p->pages);
        PangoLayout *l = new_layout(p->cr);
        PangoFontDescription *fd = pango_font_description_from_string("DejaVu Serif 9");
        pango_layout_set_font_description(l, fd);
        pango_layout_set_text(l, buf, -1);
        pango_layout_set_width(l, (int)(TEXT_W * PANGO_SCALE));
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        cairo_move_to(p->cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 10.0 * PT_PER_MM);
        pango_cairo_show_layout(p->cr, l);
        pango_font_description_free(fd);
        g_object_unref(l);
}

static void new_page(struct pen *p)
{
        footer(p);
        if (p->draw)
                cairo_show_page(p->cr);
        p->page++;
        p->y = MARGIN_TOP;
}

/* Lays out markup at x with width w; draws it if there is room, else on a new page. Returns
 * its height. keep: space that must follow on the same page (a heading keeps with the next
 * line). */
static double put(struct pen *p, const char *markup, const char *font, double x, double w,
                  double before, double keep, bool measure_only)
{
        PangoLayout *l = new_layout(p->cr);
        PangoFontDescription *fd = pango_font_description_from_string(font);
        pango_layout_set_font_description(l, fd);
        pango_layout_set_markup(l, markup, -1);
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        int wi, he;
        pango_layout_get_size(l, &wi, &he);
        double h = (double)he / PANGO_SCALE;
        if (!measure_only) {
                if (p->y > MARGIN_TOP && p->y + before + h + keep > PAGE_H - MARGIN_BOTTOM)
                        new_page(p);
                else if (p->y > MARGIN_TOP)
                        p->y += before;
                if (p->draw) {
                        cairo_move_to(p->cr, x, p->y);
                        pango_cairo_show_layout(p->cr, l);
                }
        }
        pango_font_description_free(fd);
        g_object_unref(l);
        return h;
}

static void lay_out(struct pen *p)
{
        const struct blocks *bl = p->bl;
        double col[3] = {0.38 * TEXT_W, 0.10 * TEXT_W, 0.52 * TEXT_W};
        p->page = 1;
        p->y = MARGIN_TOP;
        for (int i = 0; i < bl->n; i++) {
                const struct block *b = &bl->b[i];
                char *t = b->text ? escape(b->text) : NULL;
                char *m = NULL;
                double h;
                switch (b->kind) {
                case BK_H1:
                        h = put(p, t, "DejaVu Serif Bold 17", MARGIN_X, TEXT_W, 0, 40, false);
                        p->y += h + 10;
                        break;
                case BK_H2:
                        h = put(p, t, "DejaVu Serif Bold 13.5", MARGIN_X, TEXT_W, 12, 40, false);
                        p->y += h + 5;
                        break;
                case BK_H3:
                        h = put(p, t, "DejaVu Serif Bold 11.5", MARGIN_X, TEXT_W, 9, 30, false);
                        p->y += h + 3;
                        break;
                case BK_P:
                case BK_SMALL:
                        h = put(p, t, b->kind == BK_SMALL ? "DejaVu Serif 8" : "DejaVu Serif 10.5",
                                MARGIN_X, TEXT_W, 0, 0, false);
                        p->y += h + 5;
                        break;
                case BK_LP: {
                        char *lab = escape(b->label);
                        m = g_strdup_printf("<b>%s:</b> %s", lab, t);
                        g_free(lab);
                        h = put(p, m, "DejaVu Serif 10.5", MARGIN_X, TEXT_W, 0, 0, false);
                        p->y += h + 5;
                        break;
                }
                case BK_LI:
                        h = put(p, t, "DejaVu Serif 10.5", MARGIN_X + 14, TEXT_W - 14, 0, 0, false);
                        if (p->draw) {
                                PangoLayout *l = new_layout(p->cr);
                                PangoFontDescription *fd =
                                    pango_font_description_from_string("DejaVu Serif 10.5");
                                pango_layout_set_font_description(l, fd);
                                pango_layout_set_text(l, "•", -1);
                                cairo_move_to(p->cr, MARGIN_X + 3, p->y);
                                pango_cairo_show_layout(p->cr, l);
                                pango_font_description_free(fd);
                                g_object_unref(l);
                        }
                        p->y += h + 3;
                        break;
                case BK_THEAD:
                case BK_TROW: {
                        const char *font =
                            b->kind == BK_THEAD ? "DejaVu Serif Bold 10" : "DejaVu Serif 10";
                        double rowh = 0, x = MARGIN_X;
                        char *cells[BLOCK_MAXCELLS];
                        for (int c = 0; c < b->ncells; c++) {
                                cells[c] = escape(b->cells[c]);
                                double hc = put(p, cells[c], font, x, col[c] - 6, 0, 0, true);
                                rowh = hc > rowh ? hc : rowh;
                                x += col[c];
                        }
                        if (p->y + rowh > PAGE_H - MARGIN_BOTTOM)
                                new_page(p);
                        x = MARGIN_X;
                        for (int c = 0; c < b->ncells; c++) {
                                if (p->draw) {
                                        PangoLayout *l = new_layout(p->cr);
                                        PangoFontDescription *fd =
                                            pango_font_description_from_string(font);
                                        pango_layout_set_font_description(l, fd);
                                        pango_layout_set_markup(l, cells[c], -1);
                                        pango_layout_set_width(l,
                                                               (int)((col[c] - 6) * PANGO_SCALE));
                                        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
                                        cairo_move_to(p->cr, x, p->y);
                                        pango_cairo_show_layout(p->cr, l);
                                        pango_font_description_free(fd);
                                        g_object_unref(l);
                                }
                                g_free(cells[c]);
                                x += col[c];
                        }
                        p->y += rowh + 2;
                        if (p->draw) {
                                cairo_set_line_width(p->cr, b->kind == BK_THEAD ? 0.8 : 0.3);
                                cairo_move_to(p->cr, MARGIN_X, p->y);
                                cairo_line_to(p->cr, MARGIN_X + TEXT_W, p->y);
                                cairo_stroke(p->cr);
                        }
                        p->y += 2;
                        break;
                }
                case BK_TEND:
                        p->y += 6;
                        break;
                default:
                        break;
                }
                g_free(m);
                g_free(t);
        }
        footer(p);
        if (p->draw)
                cairo_show_page(p->cr);
}

/* Finds the last "startxref N" of a PDF; -1 if none. */
static long last_startxref(const char *pdf, size_t len)
{
        const char *k = "startxref";
        for (size_t i = len; i-- > 0;)
                if (i + 9 < len && !memcmp(pdf + i, k, 9))
                        return strtol(pdf + i + 9, NULL, 10);
        return -1;
}

/* Appends an incremental update that gives the catalogue a /Lang. */
static void add_lang(struct sb *out, size_t start, const char *lang)
{
        const char *pdf = out->s + start;
        size_t len = out->len - start;
        const char *cat = NULL;
        for (size_t i = 0; i + 13 < len; i++)
                if (!memcmp(pdf + i, "/Type /Catalog", 14)) {
                        cat = pdf + i;
                        break;
                }
        if (!cat)
                return;
        /* back to "N 0 obj" */
        const char *o = cat;
        while (o > pdf && memcmp(o, " 0 obj", 6))
                o--;
        const char *num = o;
        while (num > pdf && num[-1] >= '0' && num[-1] <= '9')
                num--;
        int objnum = atoi(num);
        const char *dict = strstr(o, "<<");
        const char *end = strstr(o, "endobj");
        if (!objnum || !dict || !end || dict > end)
                return;
        /* trailer's /Size, /Root, /Info */
        const char *tr = NULL;
        for (size_t i = len; i-- > 0;)
                if (i + 7 < len && !memcmp(pdf + i, "trailer", 7)) {
                        tr = pdf + i;
                        break;
                }
        long prev = last_startxref(pdf, len);
        if (!tr || prev < 0)
                return;
        const char *sz = strstr(tr, "/Size"), *info = strstr(tr, "/Info");
        if (!sz)
                return;
        int size = atoi(sz + 5);
        int infonum = info ? atoi(info + 5) : 0;
        size_t dict_len = (size_t)(end - dict);
        char *copy = pk_xmalloc(dict_len + 1);
        memcpy(copy, dict, dict_len);
        copy[dict_len] = '\0';
        struct sb upd = {0};
        if (pdf[len - 1] != '\n')
                sb_add(&upd, "\n");
        size_t obj_off = len + upd.len;
        sb_addf(&upd, "%d 0 obj\n<< /Lang (%s)\n%s", objnum, lang, copy + 2);
        sb_add(&upd, "endobj\n");
        size_t xref_off = len + upd.len;
        sb_addf(&upd, "xref\n%d 1\n%010zu 00000 n \n", objnum, obj_off);
        sb_addf(&upd, "trailer\n<< /Size %d /Root %d 0 R", size, objnum);
        if (infonum)
                sb_addf(&upd, " /Info %d 0 R", infonum);
        sb_addf(&upd, " /Prev %ld >>\nstartxref\n%zu\n%%%%EOF\n", prev, xref_off);
        sb_addn(out, sb_str(&upd), upd.len);
        sb_free(&upd);
        free(copy);
}

/* Gives back Pango's font map for the process; it is set up again when needed. cairo's and
 * fontconfig's own caches are left alone: Pango may still be using them from its font loading
 * thread, and resetting them then aborts the program (cairo_debug_reset_static_data asserts
 * that nothing is alive). */
static void release_fonts(void)
{
        pango_cairo_font_map_set_default(NULL);
}

int minutes_pdf(const struct blocks *bl, struct sb *out, struct pk_err *err)
{
        /* first pass: count the pages */
        struct sb scratch = {0};
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_sb, &scratch, PAGE_W, PAGE_H);
        cairo_t *cr = cairo_create(s);
        struct pen p = {.cr = cr, .bl = bl};
        lay_out(&p);
        int pages = p.page;
        cairo_destroy(cr);
        cairo_surface_finish(s);
        cairo_surface_destroy(s);
        sb_free(&scratch);

        size_t start = out->len;
        s = cairo_pdf_surface_create_for_stream(to_sb, out, PAGE_W, PAGE_H);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
                pk_err_set(err, _("cannot make the PDF: %s"),
                           cairo_status_to_string(cairo_surface_status(s)));
                cairo_surface_destroy(s);
                return -1;
        }
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, bl->title);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "protokol");
        cr = cairo_create(s);
        cairo_set_source_rgb(cr, 0.07, 0.07, 0.07);
        p = (struct pen){.cr = cr, .bl = bl, .draw = true, .pages = pages};
        lay_out(&p);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(s);
        cairo_surface_destroy(s);
        if (st != CAIRO_STATUS_SUCCESS) {
                pk_err_set(err, _("cannot make the PDF: %s"), cairo_status_to_string(st));
                release_fonts();
                return -1;
        }
        add_lang(out, start, bl->lang);
        release_fonts();
        return 0;
}
