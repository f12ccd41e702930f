/*
 * main.c - the protokol command line: parses global options and dispatches to the
 * subcommands (run, verify, ...) and to the terminal UI.
 *
 * Exit status: 0 success; 1 a command was refused or an input was invalid; 2 usage;
 * 3 database or I/O failure.
 */
#include <errno.h>
#include <stdbool.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "protokol/app.h"
#include "protokol/assets.h"
#include "protokol/cli.h"
#include "protokol/fileio.h"
#include "protokol/i18n.h"
#include "protokol/minutes.h"
#include "protokol/script.h"
#include "protokol/search.h"
#include "protokol/tui.h"

static void usage(FILE *f)
{
        fprintf(
            f, "%s",
            _("usage:\n"
              "  protokol [--db FILE]                      open the live terminal UI\n"
              "  protokol [--db FILE] --follow             follow a meeting read-only\n"
              "  protokol [--db FILE] --follow --public    the projector's view: only what the\n"
              "                                            public minutes show\n"
              "  protokol --demo [--db FILE]               build the demo database and open it\n"
              "  protokol [--db FILE] run [SCRIPT|-]       run a meeting script\n"
              "  protokol [--db FILE] import members FILE.csv [--term-from YYYY-MM-DD]\n"
              "  protokol [--db FILE] import agenda FILE.csv [--meeting ID]\n"
              "  protokol [--db FILE] export minutes --meeting ID [--format md|html|txt|pdf]\n"
              "                                  [--lang da|en] [--public] [-o FILE]\n"
              "  protokol [--db FILE] export votes|member-votes|attendance --meeting ID\n"
              "                                  [--excel|--csv] [--lang da|en] [--public] [-o "
              "FILE]\n"
              "  protokol [--db FILE] export members --date YYYY-MM-DD [--body NAME] "
              "[--excel|--csv]\n"
              "                                  [-o FILE]   the register as of a date\n"
              "  protokol [--db FILE] export calendar --year YYYY [--body NAME] [-o FILE]\n"
              "  protokol [--db FILE] deadlines --profile NAME --date YYYY-MM-DD | --meeting ID\n"
              "  protokol [--db FILE] verify [--head N:HASH]  check the record (chain, replay,\n"
              "                                  tables), and a chain head printed in minutes\n"
              "  protokol [--db FILE] backup COPY          a consistent copy, also while a\n"
              "                                  meeting runs\n"
              "  protokol [--db FILE] search QUERY [--public] [--body NAME] [--from DATE]\n"
              "                                  [--to DATE] [--format text|csv] [--rulings RULE]\n"
              "  protokol elect proportional|majority|kkr ...  election calculations from CSV\n"
              "  protokol --help | --version\n"
              "\n"
              "The default database is $XDG_DATA_HOME/protokol/protokol.db.\n"
              "\n"
              "Script verbs:\n"));
        for (int i = 0; i < V__COUNT; i++)
                fprintf(f, "  %-14s %s\n", pk_verb_info[i].name, _(pk_verb_info[i].help));
}

static int mkdirs(const char *path)
{
        char buf[1024];
        pk_strlcpy(buf, path, sizeof buf);
        for (char *p = buf + 1; *p; p++) {
                if (*p != '/')
                        continue;
                *p = '\0';
                if (mkdir(buf, 0700) < 0 && errno != EEXIST)
                        return -1;
                *p = '/';
        }
        return 0;
}

static const char *default_db(char *buf, size_t n)
{
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0])
                snprintf(buf, n, "%s/protokol/protokol.db", xdg);
        else
                snprintf(buf, n, "%s/.local/share/protokol/protokol.db", home ? home : ".");
        mkdirs(buf);
        return buf;
}

static int report_err(const struct pk_err *e)
{
        char buf[1200];
        pk_err_format(e, buf, sizeof buf);
        fprintf(stderr, "protokol: %s\n", buf);
        return e->exit_code ? e->exit_code : PK_EXIT_IO;
}

/* Whether the database file is there; if not, says so on stderr. */
static bool db_exists(const char *db)
{
        struct stat sb;
        if (stat(db, &sb) == 0)
                return true;
        fprintf(stderr, _("protokol: %s: no such database\n"), db);
        return false;
}

/* Runs a script, one result line per command, flushed after each commit. */
static int cmd_run(const char *db, const char *script)
{
        FILE *in = stdin;
        const char *label = "-";
        if (script && strcmp(script, "-") != 0) {
                struct stat sb;
                if (stat(script, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                        fprintf(stderr, _("protokol: %s: is a directory, not a script\n"), script);
                        return PK_EXIT_REFUSED;
                }
                in = fopen(script, "rb");
                if (!in) {
                        fprintf(stderr, _("protokol: %s: cannot open the script: %s\n"), script,
                                strerror(errno));
                        return PK_EXIT_REFUSED;
                }
                label = script;
        }
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, false, &a, &err) < 0) {
                if (in != stdin)
                        fclose(in);
                return report_err(&err);
        }
        int status = 0, lineno = 0;
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        struct sb out = {0};
        while ((len = getline(&line, &cap, in)) >= 0) {
                lineno++;
                if (len > 0 && line[len - 1] == '\n')
                        len--;
                const char *text = line;
                if (lineno == 1 && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
                        text += 3; /* a UTF-8 byte-order mark, as some editors write */
                        len -= 3;
                }
                sb_clear(&out);
                enum app_result r = app_exec(a, text, (size_t)len, lineno, &out);
                if (r == AR_EMPTY)
                        continue;
                puts(sb_str(&out));
                fflush(stdout);
                if (r == AR_ERROR) {
                        /* the message on stderr names the file and line, as for every bad input */
                        const char *msg = sb_str(&out);
                        const char *colon = strstr(msg, ": ");
                        colon = colon ? strstr(colon + 2, ": ") : NULL;
                        fprintf(stderr, "protokol: %s:%d: %s\n", label, lineno,
                                colon ? colon + 2 : msg);
                } else if (r == AR_DENIED) {
                        fprintf(stderr, "protokol: %s:%d: %s\n", label, lineno, sb_str(&out));
                }
                if (r == AR_IO) {
                        status = PK_EXIT_IO;
                        break;
                }
                if (r != AR_OK)
                        status = PK_EXIT_REFUSED;
        }
        sb_free(&out);
        free(line);
        if (in != stdin)
                fclose(in);
        struct pk_err serr = {0};
        app_search_update(a, db, true, &serr); /* keep an existing search index current */
        app_close(&a);
        return status;
}

/* protokol verify [--head N:HEX]: the record, and optionally that event N still has the
 * hash printed in earlier minutes. */
static int cmd_verify(const char *db, int argc, char **argv)
{
        long long head_seq = 0;
        char head_hex[65] = "";
        if (argc == 2 && !strcmp(argv[0], "--head")) {
                char *colon = strchr(argv[1], ':');
                char *end = NULL;
                head_seq = colon ? strtoll(argv[1], &end, 10) : 0;
                if (!colon || end != colon || head_seq < 1 || strlen(colon + 1) != 64) {
                        fprintf(stderr,
                                _("protokol: --head: write N:HASH as printed in the minutes\n"));
                        return PK_EXIT_USAGE;
                }
                pk_strlcpy(head_hex, colon + 1, sizeof head_hex);
        } else if (argc != 0) {
                usage(stderr);
                return PK_EXIT_USAGE;
        }
        struct app *a;
        struct pk_err err = {0};
        if (!db_exists(db))
                return PK_EXIT_IO;
        /* the file first (its log, its schema), then the chain: a changed event is named as
         * such, not as a replay failure */
        struct store *st;
        if (store_open(db, STORE_READ, &st, &err) < 0)
                return report_err(&err);
        int chain = store_wal_damage(st, &err) < 0 || store_verify_schema(st, &err) < 0 ||
                            store_verify_chain(st, &err) < 0
                        ? -1
                        : 0;
        if (chain == 0 && head_seq) {
                struct sb hrep = {0};
                chain = app_verify_head(st, head_seq, head_hex, &hrep, &err);
                if (hrep.len)
                        printf("%s\n", sb_str(&hrep));
                sb_free(&hrep);
                if (chain == 0)
                        printf(_("ok: event %lld has the hash printed in the minutes\n"), head_seq);
        }
        store_close(&st);
        if (chain < 0) {
                pk_strlcpy(err.file, db, sizeof err.file);
                report_err(&err);
                return PK_EXIT_REFUSED;
        }
        if (app_open_full(db, true, &a, &err) < 0) {
                report_err(&err);
                return PK_EXIT_REFUSED;
        }
        struct sb rep = {0};
        if (app_verify(a, &rep, &err) < 0) {
                report_err(&err);
                sb_free(&rep);
                app_close(&a);
                return PK_EXIT_REFUSED;
        }
        char head[65], last_at[64];
        int64_t last;
        store_head(app_store(a), head);
        store_last_event(app_store(a), &last, last_at, sizeof last_at);
        printf(_("ok: the record is intact: %s; chain head after event %lld: %s\n"), sb_str(&rep),
               (long long)store_last_seq(app_store(a)), head);
        /* so that a stale copy is evident */
        if (last)
                printf(_("last event: %lld at %s\n"), (long long)last, last_at);
        else
                printf(_("last event: none (the record is empty)\n"));
        sb_free(&rep);
        app_close(&a);
        return 0;
}

/* protokol backup FILE: a consistent copy of the database, also while a meeting runs. */
static int cmd_backup(const char *db, int argc, char **argv)
{
        if (argc != 1) {
                fprintf(stderr, _("protokol: backup needs the FILE to write\n"));
                return PK_EXIT_USAGE;
        }
        if (!db_exists(db))
                return PK_EXIT_IO;
        struct pk_err err = {0};
        struct store *st;
        if (pk_output_check(argv[0], &err) < 0 || store_open(db, STORE_READ, &st, &err) < 0)
                return report_err(&err);
        int rc = store_backup(st, argv[0], &err);
        store_close(&st);
        if (rc < 0)
                return report_err(&err);
        printf(_("ok: backup of %s written to %s\n"), db, argv[0]);
        return 0;
}

/* Runs one demo script into the open database; every line must be accepted. */
static int demo_script(struct app *a, const char *rel)
{
        char path[1024];
        if (asset_path(rel, path, sizeof path) < 0) {
                fprintf(stderr, _("protokol: the demo script %s is not installed\n"), rel);
                return PK_EXIT_IO;
        }
        FILE *f = fopen(path, "rb");
        if (!f) {
                fprintf(stderr, _("protokol: %s: %s\n"), path, strerror(errno));
                return PK_EXIT_IO;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        int lineno = 0, rc = 0;
        struct sb out = {0};
        while ((len = getline(&line, &cap, f)) >= 0) {
                lineno++;
                if (len > 0 && line[len - 1] == '\n')
                        len--;
                sb_clear(&out);
                enum app_result r = app_exec(a, line, (size_t)len, lineno, &out);
                if (r != AR_OK && r != AR_EMPTY) {
                        fprintf(stderr, "protokol: %s:%d: %s\n", path, lineno, sb_str(&out));
                        rc = r == AR_IO ? PK_EXIT_IO : PK_EXIT_REFUSED;
                        break;
                }
        }
        sb_free(&out);
        free(line);
        fclose(f);
        return rc;
}

/* Builds the demo database (a council meeting and a KKR meeting) if it is new. */
static int cmd_demo(const char *db)
{
        struct stat sb;
        bool fresh = stat(db, &sb) != 0;
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, false, &a, &err) < 0)
                return report_err(&err);
        int rc = 0;
        if (fresh) {
                rc = demo_script(a, "demo/council.txt");
                if (rc == 0)
                        rc = demo_script(a, "demo/kkr.txt");
        }
        if (rc == 0) {
                struct sb out = {0};
                /* a new demo opens on the council meeting (once: the selection is recorded) */
                const char *sel = "body \"Lolland Kommune\"";
                if (fresh)
                        app_exec(a, sel, strlen(sel), 0, &out);
                sb_clear(&out);
                engine_status(app_state(a), &out);
                /* scripted use (stdout not a terminal) gets the status; a person gets the UI */
                if (!isatty(1) && !getenv("PROTOKOL_TUI_KEYS"))
                        printf(_("demo database: %s\n%s"), db, sb_str(&out));
                sb_free(&out);
        }
        app_close(&a);
        if (rc == 0 && (isatty(1) || getenv("PROTOKOL_TUI_KEYS")))
                return tui_run(db, false, false);
        return rc;
}

/* Writes an export to path (or stdout); 0 or PK_EXIT_IO with the message on stderr. */
static int write_out(const char *path, const char *text, size_t len, mode_t mode)
{
        struct pk_err err = {0};
        if (pk_write_file(path, text, len, mode, &err) == 0)
                return 0;
        return report_err(&err);
}

/* protokol export members --date D [--body NAME] [--excel|--csv] [-o FILE]: the register of the
 * body (the current one, or NAME) as of day D. */
static int export_members(const char *db, const char *date, const char *body, int csv_style,
                          const char *out)
{
        pk_day d;
        if (!date) {
                fprintf(stderr, "%s", _("protokol: export members needs --date YYYY-MM-DD\n"));
                return PK_EXIT_USAGE;
        }
        if (!cal_parse(date, &d)) {
                fprintf(stderr, _("protokol: --date: \"%s\" is not a date (YYYY-MM-DD)\n"), date);
                return PK_EXIT_USAGE;
        }
        if (!db_exists(db))
                return PK_EXIT_IO;
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, true, &a, &err) < 0)
                return report_err(&err);
        struct sb text = {0};
        if (app_export_members(a, body, d, csv_style == CSV_STYLE_EXCEL, &text, &err) < 0) {
                sb_free(&text);
                app_close(&a);
                return report_err(&err);
        }
        int rc = write_out(out, sb_str(&text), text.len, 0644);
        sb_free(&text);
        app_close(&a);
        return rc;
}

/* protokol export minutes|votes|member-votes|attendance --meeting ID [--format F] [--public] [-o
 * FILE] */
static int cmd_export(const char *db, int argc, char **argv)
{
        if (argc < 1) {
                fprintf(stderr, _("protokol: export needs what to export\n"));
                return PK_EXIT_USAGE;
        }
        const char *what = argv[0], *out = NULL, *fmt = "md", *lang = NULL;
        const char *date = NULL, *body = NULL;
        int meeting = 0, csv_style = CSV_STYLE_AUTO;
        bool public_ = false;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--meeting") && i + 1 < argc) {
                        char *end;
                        long v = strtol(argv[++i], &end, 10);
                        if (*end || v < 1 || v > 1000000) {
                                fprintf(stderr,
                                        _("protokol: --meeting: \"%s\" is not a meeting number\n"),
                                        argv[i]);
                                return PK_EXIT_USAGE;
                        }
                        meeting = (int)v;
                } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
                        fmt = argv[++i];
                } else if (!strcmp(argv[i], "--public")) {
                        public_ = true;
                } else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
                        lang = argv[++i];
                        if (strcmp(lang, "da") && strcmp(lang, "en")) {
                                fprintf(stderr, _("protokol: --lang: \"%s\" is not da or en\n"),
                                        lang);
                                return PK_EXIT_USAGE;
                        }
                } else if (!strcmp(argv[i], "--excel")) {
                        csv_style = CSV_STYLE_EXCEL;
                } else if (!strcmp(argv[i], "--csv")) {
                        csv_style = CSV_STYLE_CSV;
                } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
                        out = argv[++i];
                } else if (!strcmp(argv[i], "--date") && i + 1 < argc && !strcmp(what, "members")) {
                        date = argv[++i];
                } else if (!strcmp(argv[i], "--body") && i + 1 < argc && !strcmp(what, "members")) {
                        body = argv[++i];
                } else {
                        fprintf(stderr, _("protokol: export: unknown argument \"%s\"\n"), argv[i]);
                        return PK_EXIT_USAGE;
                }
        }
        if (!strcmp(what, "members"))
                return export_members(db, date, body, csv_style, out);
        if (!meeting) {
                fprintf(stderr, _("protokol: export needs --meeting ID\n"));
                return PK_EXIT_USAGE;
        }
        if (!db_exists(db))
                return PK_EXIT_IO;
        struct app *a;
        struct pk_err err = {0};
        if (app_open_full(db, true, &a, &err) < 0)
                return report_err(&err);
        struct sb text = {0};
        int rc;
        if (!strcmp(what, "minutes")) {
                enum minutes_format f;
                if (!minutes_format_parse(fmt, &f)) {
                        fprintf(stderr,
                                _("protokol: --format: \"%s\" is not md, txt, html or pdf\n"), fmt);
                        app_close(&a);
                        return PK_EXIT_USAGE;
                }
                rc = app_export_minutes_lang(a, meeting, (int)f, public_, lang, &text, &err);
        } else {
                rc = app_export_csv_style(a, meeting, what, public_, lang, csv_style, &text, &err);
        }
        if (rc < 0)
                rc = report_err(&err);
        else
                rc = write_out(out, sb_str(&text), text.len, public_ ? 0644 : 0600);
        sb_free(&text);
        app_close(&a);
        return rc;
}

/* Set while output is written in English whatever the locale (export --lang en). */
static bool force_english;

static const char *translate(const char *msgid)
{
        return force_english ? msgid : gettext(msgid);
}

/*
 * Switches gettext to lang ("da", "en") for one export, or back to the locale's language
 * (NULL). Danish comes from the same catalogue through LANGUAGE, which gettext ignores in
 * the C locale, so LC_MESSAGES is moved to C.UTF-8 (or da_DK.UTF-8) for the while.
 */
static bool switch_language(const char *lang)
{
        static char *saved_messages, *saved_language;
        static bool switched;
        if (!lang) {
                if (!switched)
                        return true;
                force_english = false;
                if (saved_language)
                        setenv("LANGUAGE", saved_language, 1);
                else
                        unsetenv("LANGUAGE");
                setlocale(LC_MESSAGES, saved_messages ? saved_messages : "");
                free(saved_messages);
                free(saved_language);
                saved_messages = saved_language = NULL;
                switched = false;
                textdomain(GETTEXT_PACKAGE);
                return true;
        }
        if (strcmp(lang, "en") && strcmp(lang, "da"))
                return false;
        if (!switched) {
                const char *cur = setlocale(LC_MESSAGES, NULL);
                const char *env = getenv("LANGUAGE");
                saved_messages = cur ? strdup(cur) : NULL;
                saved_language = env ? strdup(env) : NULL;
                switched = true;
        }
        if (!strcmp(lang, "en")) {
                force_english = true;
                return true;
        }
        force_english = false;
        setenv("LANGUAGE", "da", 1);
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX"))
                if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "da_DK.UTF-8"))
                        return false;
        textdomain(GETTEXT_PACKAGE); /* gettext forgets the translations it has looked up */
        return true;
}

/* The message catalogues: next to the binary in the build tree (build/po), else installed. */
static const char *locale_dir(void)
{
        static char dir[1100];
        char exe[1024];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
                exe[n] = '\0';
                char *slash = strrchr(exe, '/');
                if (slash) {
                        *slash = '\0';
                        snprintf(dir, sizeof dir, "%s/po/da/LC_MESSAGES/protokol.mo", exe);
                        struct stat sb;
                        if (stat(dir, &sb) == 0) {
                                snprintf(dir, sizeof dir, "%s/po", exe);
                                return dir;
                        }
                }
        }
        return PROTOKOL_LOCALEDIR;
}

/*
 * Under LeakSanitizer (the sanitizer builds of the tests): fontconfig keeps its
 * configuration and caches for the life of the process. The PDF renderer does not tear them
 * down (FcFini), because Pango's font thread may still hold them; so they are not leaks of
 * protokol's and are not reported. Any other leak still is. Unused in a normal build.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
        return "leak:libfontconfig.so\n";
}

int main(int argc, char **argv)
{
        setlocale(LC_ALL, "");
        bindtextdomain(GETTEXT_PACKAGE, locale_dir());
        bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
        textdomain(GETTEXT_PACKAGE);
        pk_set_translator(translate);
        pk_set_lang_switcher(switch_language);
        const char *db = NULL;
        char dbbuf[1024];
        bool demo = false, follow = false, public_ = false;
        int i = 1;
        for (; i < argc; i++) {
                if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
                        usage(stdout);
                        return 0;
                }
                if (!strcmp(argv[i], "--version")) {
                        printf("protokol %s\n", PROTOKOL_VERSION);
                        return 0;
                }
                if (!strcmp(argv[i], "--db")) {
                        if (i + 1 >= argc) {
                                fprintf(stderr, _("protokol: --db needs a FILE\n"));
                                return PK_EXIT_USAGE;
                        }
                        db = argv[++i];
                        continue;
                }
                if (!strcmp(argv[i], "--demo")) {
                        demo = true;
                        continue;
                }
                if (!strcmp(argv[i], "--follow")) {
                        follow = true;
                        continue;
                }
                if (!strcmp(argv[i], "--public")) {
                        public_ = true;
                        continue;
                }
                if (!strncmp(argv[i], "--db=", 5)) {
                        db = argv[i] + 5;
                        continue;
                }
                break;
        }
        if (demo) {
                if (!db) {
                        const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
                        if (xdg && xdg[0])
                                snprintf(dbbuf, sizeof dbbuf, "%s/protokol/demo.db", xdg);
                        else
                                snprintf(dbbuf, sizeof dbbuf, "%s/.local/share/protokol/demo.db",
                                         home ? home : ".");
                        mkdirs(dbbuf);
                        db = dbbuf;
                }
                pk_output_protect(db);
                return cmd_demo(db);
        }
        if (!db)
                db = default_db(dbbuf, sizeof dbbuf);
        if (public_ && (!follow || i < argc)) {
                fprintf(stderr, "%s",
                        _("protokol: --public goes with --follow (the projector's view)\n"));
                return PK_EXIT_USAGE;
        }
        pk_output_protect(db); /* no output file may land on the record */
        if (i >= argc)
                return tui_run(db, follow, public_);
        const char *cmd = argv[i];
        if (!strcmp(cmd, "run")) {
                if (argc - i > 2) {
                        usage(stderr);
                        return PK_EXIT_USAGE;
                }
                return cmd_run(db, i + 1 < argc ? argv[i + 1] : "-");
        }
        if (!strcmp(cmd, "verify"))
                return cmd_verify(db, argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "backup"))
                return cmd_backup(db, argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "export") && i + 1 < argc && !strcmp(argv[i + 1], "calendar"))
                return cli_export_calendar(db, argc - i - 2, argv + i + 2);
        if (!strcmp(cmd, "export"))
                return cmd_export(db, argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "import"))
                return cli_import(db, argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "deadlines"))
                return cli_deadlines(db, argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "elect"))
                return cli_elect(argc - i - 1, argv + i + 1);
        if (!strcmp(cmd, "search"))
                return search_cli(db, argc - i - 1, argv + i + 1);
        fprintf(stderr, _("protokol: unknown command \"%s\"\n"), cmd);
        usage(stderr);
        return PK_EXIT_USAGE;
}
