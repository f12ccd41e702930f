/*
 * import.c - `protokol [--db FILE] import members|agenda FILE.csv [--meeting ID]`.
 *
 * The file is read and checked whole before the database is opened, so a malformed file
 * never touches it. The rows then go to the action layer as one batch: every row is
 * accepted and all are committed in one transaction, or nothing is recorded and the first
 * refused row is named by its CSV line. Members join the current body; agenda items are
 * added to the current meeting (--meeting ID only confirms which one that is).
 *
 * Exit status: 0 imported; 1 the file or a row was refused; 2 usage; 3 database or I/O.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "protokol/app.h"
#include "protokol/calendar.h"
#include "protokol/cli.h"
#include "protokol/fileio.h"
#include "protokol/i18n.h"
#include "protokol/import.h"

/* Largest CSV file read (a council's members or an agenda are a few kilobytes). */
#define IMPORT_MAX_BYTES (16u * 1024 * 1024)

static int usage(void)
{
        fprintf(stderr, "%s",
                _("usage: protokol [--db FILE] import members FILE.csv [--term-from YYYY-MM-DD]\n"
                  "       protokol [--db FILE] import agenda FILE.csv [--meeting ID]\n"));
        return PK_EXIT_USAGE;
}

static int refuse(const struct pk_err *e)
{
        char buf[1200];
        pk_err_format(e, buf, sizeof buf);
        fprintf(stderr, "protokol: %s\n", buf);
        fprintf(stderr, "%s", _("import: refused; nothing was imported\n"));
        return PK_EXIT_REFUSED;
}

/* Reads the whole file into *buf (owned by the caller). Returns 0 or an exit status. */
static int read_csv(const char *path, char **buf, size_t *len)
{
        static const struct pk_input csv_input = {N_("the file"), N_("a CSV file"),
                                                  IMPORT_MAX_BYTES};
        struct pk_err err = {0};
        if (pk_read_file(path, &csv_input, buf, len, &err) == 0)
                return 0;
        char msg[1024];
        pk_err_format(&err, msg, sizeof msg);
        fprintf(stderr, "protokol: %s\n", msg);
        return err.exit_code;
}

/* msg past the action layer's "error: line N: " for lineno N, or NULL if it names another. */
static const char *after_line(const char *msg, int lineno)
{
        char prefix[64];
        snprintf(prefix, sizeof prefix, _("error: line %d: %s"), lineno, "");
        size_t n = strlen(prefix);
        return strncmp(msg, prefix, n) ? NULL : msg + n;
}

/*
 * The index of the row the engine denied. The action layer does not name a denied line,
 * so the rows are run again in prefixes ending in a line that can never be accepted (so
 * nothing is ever committed), and the shortest prefix that is denied is found by bisection.
 */
static int denied_row(struct app *a, const struct import_result *r)
{
        const char **lines = pk_xcalloc((size_t)r->n + 1, sizeof *lines);
        int *linenos = pk_xcalloc((size_t)r->n + 1, sizeof *linenos);
        int lo = 1, hi = r->n;
        struct sb out = {0};
        while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                for (int i = 0; i < mid; i++) {
                        lines[i] = r->lines[i];
                        linenos[i] = r->linenos[i];
                }
                lines[mid] = "\""; /* an unclosed string: always refused */
                linenos[mid] = 0;
                sb_clear(&out);
                app_exec_batch(a, lines, linenos, mid + 1, &out);
                if (after_line(sb_str(&out), 0)) /* the sentinel's refusal */
                        lo = mid + 1;
                else
                        hi = mid;
        }
        sb_free(&out);
        free(lines);
        free(linenos);
        return lo - 1;
}

/* Writes the refusal of row i (the action layer's out) as FILE:LINE: reason. */
static int refuse_row(const char *file, const struct import_result *r, int i, const struct sb *out)
{
        const char *msg = after_line(sb_str(out), r->linenos[i]);
        if (!msg)
                msg = strncmp(sb_str(out), "denied: ", 8) ? sb_str(out) : sb_str(out) + 8;
        struct pk_err e = {0};
        pk_strlcpy(e.file, file, sizeof e.file);
        e.line = r->linenos[i];
        pk_err_set(&e, "%s", msg);
        return refuse(&e);
}

/* The index of the row that msg (an "error: line N: ..." refusal) names, or -1. */
static int row_of_line(const struct import_result *r, const char *msg)
{
        for (int i = 0; i < r->n; i++)
                if (after_line(msg, r->linenos[i]))
                        return i;
        return -1;
}

/* Names registered in the current body (members and their substitutes). Free the array. */
static const char **known_names(const struct pk_state *s, int *n)
{
        const char **v = pk_xcalloc((size_t)s->nmembers + 1, sizeof *v);
        *n = 0;
        for (int i = 0; i < s->nmembers; i++)
                if (s->cur_body >= 0 && s->members[i].body == s->cur_body)
                        v[(*n)++] = s->members[i].name;
        return v;
}

/* The options of `import KIND ...` after KIND: -1 when they are good (the file, --meeting and
 * --term-from into the pointers), else the exit status, the message written. */
static int import_args(int argc, char **argv, enum import_kind kind, const char **file,
                       int *meeting, const char **term)
{
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--term-from") && i + 1 < argc && kind == IMPORT_MEMBERS) {
                        pk_day d;
                        *term = argv[++i];
                        if (!cal_parse(*term, &d)) {
                                fprintf(stderr,
                                        _("protokol: --term-from: \"%s\" is not a date "
                                          "(YYYY-MM-DD)\n"),
                                        *term);
                                return PK_EXIT_USAGE;
                        }
                } else if (!strcmp(argv[i], "--meeting") && i + 1 < argc && kind == IMPORT_AGENDA) {
                        char *end;
                        long v = strtol(argv[++i], &end, 10);
                        if (*end || v < 1 || v > 1000000) {
                                fprintf(stderr,
                                        _("protokol: --meeting: \"%s\" is not a meeting number\n"),
                                        argv[i]);
                                return PK_EXIT_USAGE;
                        }
                        *meeting = (int)v;
                } else if (!strcmp(argv[i], "--meeting") && kind == IMPORT_MEMBERS) {
                        fprintf(stderr, "%s",
                                _("protokol: import members: --meeting is for agenda imports; "
                                  "members join the current body\n"));
                        return PK_EXIT_USAGE;
                } else if (argv[i][0] == '-' && argv[i][1]) {
                        fprintf(stderr, _("protokol: import %s: unknown option \"%s\"\n"), argv[0],
                                argv[i]);
                        return usage();
                } else if (!*file) {
                        *file = argv[i];
                } else {
                        return usage();
                }
        }
        return -1;
}

/* Records the import's lines as one unit and says how it went: 0, or the exit status with the
 * row (or the new term) that was refused. */
static int run_batch(struct app *a, const char *file, const char *term, struct import_result *res)
{
        int rc;
        struct sb result = {0};
        enum app_result ar =
            app_exec_batch(a, (const char *const *)res->lines, res->linenos, res->n, &result);
        if (ar == AR_OK) {
                printf(_("import: %d rows read, %d imported\n"), res->rows_read,
                       res->n - (term != NULL));
                rc = 0;
        } else if (ar == AR_IO) {
                fprintf(stderr, "protokol: %s: %s\n", file, sb_str(&result));
                rc = PK_EXIT_IO;
        } else {
                int row = ar == AR_DENIED ? denied_row(a, res) : row_of_line(res, sb_str(&result));
                if (row == 0 && term) {
                        const char *msg = sb_str(&result);
                        fprintf(stderr, "protokol: --term-from %s: %s\n", term,
                                strncmp(msg, "denied: ", 8) ? msg : msg + 8);
                        fprintf(stderr, "%s", _("import: refused; nothing was imported\n"));
                        rc = PK_EXIT_REFUSED;
                } else if (row >= 0) {
                        rc = refuse_row(file, res, row, &result);
                } else {
                        fprintf(stderr, "protokol: %s: %s\n", file, sb_str(&result));
                        fprintf(stderr, "%s", _("import: refused; nothing was imported\n"));
                        rc = PK_EXIT_REFUSED;
                }
        }
        sb_free(&result);
        return rc;
}

int cli_import(const char *db, int argc, char **argv)
{
        enum import_kind kind;
        const char *file = NULL;
        int meeting = 0;
        const char *term = NULL;
        if (argc < 1 || !import_kind_parse(argv[0], &kind))
                return usage();
        int rc = import_args(argc, argv, kind, &file, &meeting, &term);
        if (rc >= 0)
                return rc;
        if (!file)
                return usage();

        char *buf;
        size_t len;
        rc = read_csv(file, &buf, &len);
        if (rc) {
                fprintf(stderr, "%s", _("import: refused; nothing was imported\n"));
                return rc;
        }
        /* the file on its own first: a malformed file never opens the database */
        struct import_result res;
        struct pk_err err = {0};
        if (csv_import_parse(kind, buf, len, file, NULL, &res, &err) < 0) {
                free(buf);
                return refuse(&err);
        }
        import_result_free(&res);

        struct stat st;
        if (stat(db, &st) != 0) {
                fprintf(stderr,
                        _("protokol: %s: no such database (create the body first: "
                          "echo 'body \"NAME\" profile=P' | protokol --db %s run -)\n"),
                        db, db);
                free(buf);
                return PK_EXIT_IO;
        }
        struct app *a;
        if (app_open(db, false, &a, &err) < 0) {
                char msg[1200];
                pk_err_format(&err, msg, sizeof msg);
                fprintf(stderr, "protokol: %s\n", msg);
                free(buf);
                return err.exit_code ? err.exit_code : PK_EXIT_IO;
        }
        const struct pk_state *s = app_state(a);
        struct import_opts opts = {0};
        if (kind == IMPORT_AGENDA && s->cur_meeting >= 0) {
                if (meeting && meeting != s->cur_meeting + 1) {
                        fprintf(
                            stderr,
                            meeting > s->nmeetings
                                ? _("protokol: there is no meeting %d; items are added to the "
                                    "current meeting, %d\n")
                                : _("protokol: meeting %d is not the current meeting; items are "
                                    "added to the current meeting, %d\n"),
                            meeting, s->cur_meeting + 1);
                        fprintf(stderr, "%s", _("import: refused; nothing was imported\n"));
                        rc = PK_EXIT_REFUSED;
                        goto out;
                }
                /* a closed or locked meeting takes no items: the engine says so on the
                 * first row, so the numbering is not checked against its agenda */
                const struct meeting *m = &s->meetings[s->cur_meeting];
                if (m->state != MS_CLOSED && m->state != MS_LOCKED && !m->archived)
                        opts.first_number = m->nitems + 1;
        }
        /* a new term: the members of the last term may be registered again */
        opts.known = term ? pk_xcalloc(1, sizeof *opts.known) : known_names(s, &opts.nknown);
        rc = csv_import_parse(kind, buf, len, file, &opts, &res, &err);
        free((void *)opts.known);
        if (rc < 0) {
                rc = refuse(&err);
                goto out;
        }
        if (res.n == 0) {
                printf(_("import: %d rows read, %d imported\n"), res.rows_read, 0);
                rc = 0;
                goto done;
        }
        if (term) {
                /* the new term first, in the same batch: all of it is recorded, or nothing */
                res.lines = pk_xrealloc(res.lines, (size_t)(res.n + 1) * sizeof *res.lines);
                res.linenos = pk_xrealloc(res.linenos, (size_t)(res.n + 1) * sizeof *res.linenos);
                memmove(res.lines + 1, res.lines, (size_t)res.n * sizeof *res.lines);
                memmove(res.linenos + 1, res.linenos, (size_t)res.n * sizeof *res.linenos);
                struct sb tl = {0};
                sb_addf(&tl, "term %s", term);
                res.lines[0] = pk_xstrdup(sb_str(&tl));
                res.linenos[0] = 1;
                res.n++;
                sb_free(&tl);
        }
        rc = run_batch(a, file, term, &res);
done:
        import_result_free(&res);
out:
        app_close(&a);
        free(buf);
        return rc;
}
