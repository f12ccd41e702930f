/*
 * fuzz_actions.c - libFuzzer harness for the engine: a meeting is set up, then each line of
 * the input is applied as an action. After every action the engine's invariants are checked:
 *  - present never exceeds the seats;
 *  - a ballot is opened only when the meeting is quorate;
 *  - the voting order is never violated (no main proposal before its amendments, no
 *    amendment before its sub-amendments, nothing before a pending immediate vote);
 *  - a refused action changes nothing (the derived rows are the same before and after);
 *  - replaying the accepted actions into a fresh state gives the same rows and status;
 *  - the derived tables kept as the store keeps them (each action replaces the rows of the
 *    units it touched) always equal a full render of the state: the touched-sets are exact.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/engine.h"
#include "protokol/profile.h"
#include "protokol/rows.h"
#include "protokol/script.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static struct profile profiles[3];
static const char *names[3] = {"lolland-2023", "standard-2023", "kkr-2026"};

static const char *setup[] = {
    "member \"Anna\" party=A role=mayor",
    "member \"Bo\" party=A role=chair",
    "member \"Carl\" party=V role=vice-chair",
    "member \"Dina\" party=V",
    "member \"Eva\" party=F",
    "member \"Finn\" party=O",
    "member \"Gry\" party=C",
    "meeting 2027-01-21 16:00",
    "item \"Et\"",
    "item \"To\" reading=1 case=X",
    "item \"Tre\" closed category=real-estate",
    "present \"Anna\" \"Bo\" \"Carl\" \"Dina\" \"Eva\"",
    "open",
};

static void rows_text(const struct pk_state *s, struct sb *out)
{
        struct dt_rows r = {0};
        dt_rows_all(s, &r);
        dt_rows_sort(&r);
        for (int i = 0; i < r.n; i++) {
                dt_row_describe(&r.rows[i], out);
                for (int k = 0; k < dt_tables[r.rows[i].table].ncols; k++)
                        sb_addf(out, "|%s", r.rows[i].vals[k] ? r.rows[i].vals[k] : "NULL");
                sb_add(out, "\n");
        }
        dt_rows_free(&r);
        engine_status(s, out);
}

/* The derived rows as the store keeps them: stored is updated by each action's touched-set
 * only, then compared with a full render. */
static void rows_dump(struct dt_rows *r, struct sb *out)
{
        dt_rows_sort(r);
        for (int i = 0; i < r->n; i++) {
                for (int k = 0; k < dt_tables[r->rows[i].table].ncols; k++)
                        sb_addf(out, "|%s", r->rows[i].vals[k] ? r->rows[i].vals[k] : "NULL");
                sb_add(out, "\n");
        }
}

static void stored_update(struct dt_rows *stored, struct pk_state *s)
{
        int w = 0;
        for (int i = 0; i < stored->n; i++) {
                bool owned = false;
                for (int u = 0; u < s->touched.n && !owned; u++)
                        owned = dt_unit_owns(&s->touched.u[u], &stored->rows[i]);
                if (owned) {
                        for (int k = 0; k < DT_MAXCOLS; k++)
                                free(stored->rows[i].vals[k]);
                } else {
                        stored->rows[w++] = stored->rows[i];
                }
        }
        stored->n = w;
        for (int u = 0; u < s->touched.n; u++)
                dt_rows_unit(s, &s->touched.u[u], stored);
}

static void stored_check(struct dt_rows *stored, const struct pk_state *s)
{
        struct dt_rows full = {0};
        dt_rows_all(s, &full);
        struct sb a = {0}, b = {0};
        rows_dump(stored, &a);
        rows_dump(&full, &b);
        if (strcmp(sb_str(&a), sb_str(&b)) != 0) {
                fprintf(stderr, "touched-set incomplete:\nstored:\n%s\nfull:\n%s\n", sb_str(&a),
                        sb_str(&b));
                abort();
        }
        sb_free(&a);
        sb_free(&b);
        dt_rows_free(&full);
}

static enum pk_result apply(struct pk_state *s, const char *line, size_t len, int prof)
{
        struct action a;
        struct pk_err e = {0};
        if (script_parse_line(line, len, &a, &e) != SP_ACTION)
                return PK_ERROR;
        if (a.verb == V_STATUS || a.verb == V_ALLOWED || a.verb == V_UNDO || a.verb == V_BODY) {
                action_free(&a);
                return PK_ERROR;
        }
        struct engine_input in = {
            .action = &a, .time = "2027-01-21T16:00:00", .profile = &profiles[prof]};
        struct pk_reply rep = {0};
        enum pk_result r = engine_apply(s, &in, &rep);
        if (r == PK_OK)
                engine_touched_unique(s); /* as the action layer does before it renders */
        pk_reply_free(&rep);
        action_free(&a);
        return r;
}

static struct pk_state *start(int prof)
{
        struct pk_state *s = engine_new();
        char body[128];
        snprintf(body, sizeof body, "body \"Fuzz\" profile=%s seats=7", names[prof]);
        struct action a;
        struct pk_err e = {0};
        script_parse_line(body, strlen(body), &a, &e);
        struct engine_input in = {
            .action = &a, .time = "2027-01-21T16:00:00", .profile = &profiles[prof]};
        struct pk_reply rep = {0};
        if (engine_apply(s, &in, &rep) != PK_OK)
                abort();
        pk_reply_free(&rep);
        action_free(&a);
        for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++) {
                char line[256];
                snprintf(line, sizeof line, "%s", setup[i]);
                /* KKR members have personal substitutes; KKR items have no readings */
                if (prof == 2 && !strncmp(line, "member \"Anna\"", 13))
                        snprintf(line, sizeof line, "%s substitute=\"Sub Anna\"", setup[i]);
                if (prof == 2 && !strncmp(line, "member \"Carl\"", 13))
                        snprintf(line, sizeof line, "%s substitute=\"Sub Carl\"", setup[i]);
                if (prof == 2 && strstr(line, "reading=1"))
                        snprintf(line, sizeof line, "item \"To\" case=X");
                /* a category must be one of the profile's: real estate is lolland-2023's */
                if (prof != 0 && strstr(line, "category=real-estate"))
                        snprintf(line, sizeof line, "item \"Tre\" closed");
                if (apply(s, line, strlen(line), prof) != PK_OK)
                        abort();
        }
        return s;
}

static void check(const struct pk_state *s)
{
        const struct meeting *m = engine_current_meeting(s);
        if (!m)
                return;
        int seats = s->bodies[m->body].seats;
        if (engine_present(s, m) > seats)
                abort();
        if (m->open_ballot >= 0) {
                const struct ballot *b = &m->ballots[m->open_ballot];
                const struct subject *sj = &m->subjects[b->subject];
                bool council = !strcmp(s->bodies[m->body].profile.rules[R_VOTING_ORDER].sval,
                                       "sub-amendments-first");
                for (int i = 0; i < m->nsubjects; i++) {
                        const struct subject *o = &m->subjects[i];
                        if (o->status != SS_OPEN || o->item != sj->item || i == b->subject)
                                continue;
                        if (council && sj->kind == SK_MAIN &&
                            (o->kind == SK_AMEND || o->kind == SK_SUB))
                                abort();
                        if (council && sj->kind == SK_AMEND && o->kind == SK_SUB &&
                            o->parent == b->subject)
                                abort();
                }
        }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        (void)argc;
        (void)argv;
        for (int i = 0; i < 3; i++) {
                char path[512];
                struct pk_err e = {0};
                snprintf(path, sizeof path, "%s/assets/profiles/%s.ini", SRCDIR, names[i]);
                if (profile_load(path, &profiles[i], &e) < 0) {
                        fprintf(stderr, "%s: %s\n", path, e.msg);
                        abort();
                }
        }
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size < 1 || size > 4096)
                return 0; /* at most 64 lines of it are used */
        int prof = data[0] % 3;
        const char *text = (const char *)data + 1;
        size_t n = size - 1;
        struct pk_state *s = start(prof);
        struct dt_rows stored = {0};
        dt_rows_all(s, &stored);
        s->touched.track = true;
        struct sb accepted = {0};
        size_t off = 0;
        int lines = 0;
        while (off < n && lines++ < 64) {
                const char *nl = memchr(text + off, '\n', n - off);
                size_t len = nl ? (size_t)(nl - (text + off)) : n - off;
                const char *line = text + off;
                struct sb before = {0}, after = {0};
                rows_text(s, &before);
                const struct meeting *m = engine_current_meeting(s);
                int had_ballot = m ? m->open_ballot : -1;
                enum pk_result r = apply(s, line, len, prof);
                rows_text(s, &after);
                if (r != PK_OK && strcmp(sb_str(&before), sb_str(&after)) != 0)
                        abort(); /* a refusal changed the state */
                m = engine_current_meeting(s);
                if (r == PK_OK && m && m->open_ballot >= 0 && had_ballot < 0 &&
                    engine_present(s, m) < engine_quorum_need(s, m))
                        abort(); /* a ballot without quorum */
                if (r == PK_OK) {
                        sb_addn(&accepted, line, len);
                        sb_add(&accepted, "\n");
                        stored_update(&stored, s);
                        stored_check(&stored, s);
                }
                check(s);
                sb_free(&before);
                sb_free(&after);
                off += len + 1;
        }
        /* replay equals live state */
        struct pk_state *t = start(prof);
        const char *p = sb_str(&accepted);
        while (*p) {
                const char *nl = strchr(p, '\n');
                if (apply(t, p, (size_t)(nl - p), prof) != PK_OK)
                        abort();
                p = nl + 1;
        }
        struct sb x = {0}, y = {0};
        rows_text(s, &x);
        rows_text(t, &y);
        if (strcmp(sb_str(&x), sb_str(&y)) != 0)
                abort();
        sb_free(&x);
        sb_free(&y);
        sb_free(&accepted);
        dt_rows_free(&stored);
        engine_free(&s);
        engine_free(&t);
        return 0;
}
