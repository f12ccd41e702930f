/*
 * minutes.h - rendering the beslutningsprotokol of one meeting (Markdown, plain text or
 * self-contained HTML), in a full version and a public version that never shows what was
 * treated behind closed doors beyond the item's number, public title and public decision.
 * Pure: state in, text out.
 */
#ifndef PROTOKOL_MINUTES_H
#define PROTOKOL_MINUTES_H

#include <stdbool.h>

#include "protokol/engine.h"
#include "protokol/util.h"

enum minutes_format { MF_MD, MF_TXT, MF_HTML, MF_PDF };

/* A correction in the record: an undo (when, and the action it retracted). */
struct correction {
        const char *at;
        const char *retracted;
};

/* A recorded action of the meeting that stands (not retracted): when, and its script line. */
struct minutes_event {
        const char *at;
        const char *line;
};

struct minutes_opts {
        enum minutes_format format;
        bool public_;           /* the public version */
        const char *chain_head; /* the record's chain head (64 hex digits), or NULL */
        long long chain_seq;    /* the number of the event the chain head belongs to */
        const struct correction *corrections;
        int ncorrections;
        const struct minutes_event *events; /* the meeting's actions in order (calls to order,
                                               doors, when items were treated), or NULL */
        int nevents;
};

/* Parses "md", "txt", "html" or "pdf". Returns false if unknown. */
bool minutes_format_parse(const char *s, enum minutes_format *out);

/* Renders meeting index mi (0-based) into out. */
void minutes_render(const struct pk_state *s, int mi, const struct minutes_opts *o, struct sb *out);
/* The same; a PDF (which can fail) returns -1 with err set. The text is in the language the
 * translation speaks (see pk_use_language). */
int minutes_render_ex(const struct pk_state *s, int mi, const struct minutes_opts *o,
                      struct sb *out, struct pk_err *err);

#endif
