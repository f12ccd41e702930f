/*
 * minutes_int.h - the minutes as a list of blocks (headings, paragraphs, labelled
 * paragraphs, list items, table rows), built once and then written as Markdown, plain text,
 * HTML (minutes.c) or PDF (pdf.c), so every format carries the same content.
 */
#ifndef PROTOKOL_MINUTES_INT_H
#define PROTOKOL_MINUTES_INT_H

#include <stdbool.h>

#include "protokol/util.h"

enum block_kind {
        BK_H1,
        BK_H2,
        BK_H3,
        BK_P,     /* a paragraph */
        BK_LP,    /* a labelled paragraph: label (bold) and text */
        BK_LI,    /* an item of a bulleted list */
        BK_THEAD, /* the header row of a table: cells[0..ncells) */
        BK_TROW,  /* a row of the table: cells[0] is the row's header cell */
        BK_TEND,  /* the end of the table */
        BK_SMALL, /* a small print paragraph (the chain head) */
        BK__COUNT
};

#define BLOCK_MAXCELLS 3

struct block {
        enum block_kind kind;
        char *label;                 /* BK_LP */
        char *text;                  /* every kind but the table's */
        char *cells[BLOCK_MAXCELLS]; /* BK_THEAD, BK_TROW */
        int ncells;
};

struct blocks {
        struct block *b;
        int n, cap;
        char *title;    /* the document's title */
        char *lang;     /* its language ("da", "en") */
        char *page_fmt; /* "Page %d of %d" in that language */
};

void blocks_free(struct blocks *bl);

/* Writes the blocks as a PDF (A4, embedded fonts, page numbers) into out. 0, or -1 with err. */
int minutes_pdf(const struct blocks *bl, struct sb *out, struct pk_err *err);

#endif
