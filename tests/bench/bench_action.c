/*
 * bench_action.c - what one acknowledged action costs, against a bare SQLite
 * insert-and-commit of the same row on the same disk (SPEC §6: at most twice).
 *
 * One scripted meeting of about 2,000 commands (25 members, many items, amendments and
 * sub-amendments, named votes, speakers, departures, dissents, signatures) goes through
 * the real action layer (app_exec, one committed transaction per action) into a database
 * file. The baseline inserts the very rows that run recorded in its events table (same
 * text, same hashes) into a bare table of the same columns, one BEGIN IMMEDIATE / INSERT /
 * COMMIT per row, with the store's settings (journal_mode=WAL, synchronous=FULL), in the
 * same directory. Rounds alternate which side goes first; each side runs in a process of
 * its own (so its peak memory is its own); the medians are reported. The first round
 * runs the action layer first: the rows it records are the baseline's rows in every round.
 *
 * House rule: only src/store includes sqlite3.h. This benchmark includes it too, for the
 * bare baseline only (and to read back the rows the action layer recorded).
 *
 *   bench_action [--commands N] [--rounds N] [--print-script]
 *   (environment: PROTOKOL_BENCH_DIR, the directory for the databases; default $TMPDIR
 *   or /var/tmp; PROTOKOL_BENCH_COMMANDS, PROTOKOL_BENCH_ROUNDS)
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "protokol/app.h"

#define NSTATS 12

/* What a side reports: its figures, one "key=value" per field, on one line. */
struct side_result {
        long n;
        double wall_ms, cpu_ms, runq_ms, p50_us, p90_us, p99_us, max_us, first_us, last_us,
            peak_kib, db_bytes;
};

static void print_side(long n, int64_t wall, int64_t cpu, int64_t runq, double *lat_us,
                       const char *db)
{
        /* mean latency of the first and the last tenth of the actions */
        int tenth = (int)(n / 10 > 0 ? n / 10 : 1);
        double first = 0, last = 0;
        for (int i = 0; i < tenth; i++) {
                first += lat_us[i];
                last += lat_us[n - 1 - i];
        }
        first /= tenth;
        last /= tenth;
        bench_median(lat_us, (int)n); /* sorts */
        printf("n=%ld wall_ms=%.3f cpu_ms=%.3f runq_ms=%.3f p50_us=%.1f p90_us=%.1f p99_us=%.1f "
               "max_us=%.1f "
               "first_us=%.1f last_us=%.1f peak_kib=%ld db_bytes=%lld\n",
               n, wall / 1e6, cpu / 1e6, runq / 1e6, bench_percentile_sorted(lat_us, (int)n, 50),
               bench_percentile_sorted(lat_us, (int)n, 90),
               bench_percentile_sorted(lat_us, (int)n, 99), lat_us[n - 1], first, last,
               bench_peak_kib(), bench_file_size(db));
}

static int parse_side(const char *s, struct side_result *r)
{
        return s && sscanf(s,
                           "n=%ld wall_ms=%lf cpu_ms=%lf runq_ms=%lf p50_us=%lf p90_us=%lf "
                           "p99_us=%lf "
                           "max_us=%lf first_us=%lf last_us=%lf peak_kib=%lf db_bytes=%lf",
                           &r->n, &r->wall_ms, &r->cpu_ms, &r->runq_ms, &r->p50_us, &r->p90_us,
                           &r->p99_us, &r->max_us, &r->first_us, &r->last_us, &r->peak_kib,
                           &r->db_bytes) == NSTATS
                   ? 0
                   : -1;
}

/* The action layer: every line through app_exec, each committed before the next. */
static int side_protokol(const char *db, int commands)
{
        struct bench_script sc = {0};
        bench_gen_long_meeting(&sc, commands);
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, false, &a, &err) < 0) {
                fprintf(stderr, "app_open %s: %s\n", db, err.msg);
                return 1;
        }
        double *lat = pk_xcalloc((size_t)sc.n, sizeof *lat);
        struct sb out = {0};
        int64_t cpu0 = bench_cpu_ns(), rq0 = bench_runq_ns(), t0 = bench_now_ns();
        for (int i = 0; i < sc.n; i++) {
                sb_clear(&out);
                int64_t t = bench_now_ns();
                enum app_result r = app_exec(a, sc.lines[i], strlen(sc.lines[i]), i + 1, &out);
                lat[i] = (double)(bench_now_ns() - t) / 1e3;
                if (r != AR_OK) {
                        fprintf(stderr, "line %d not accepted: %s\n  %s\n", i + 1, sc.lines[i],
                                sb_str(&out));
                        return 1;
                }
        }
        int64_t wall = bench_now_ns() - t0, cpu = bench_cpu_ns() - cpu0,
                runq = bench_runq_ns() - rq0;
        app_close(&a);
        print_side(sc.n, wall, cpu, runq, lat, db);
        sb_free(&out);
        free(lat);
        bench_script_free(&sc);
        return 0;
}

struct row {
        char *at, *verb, *line, *result, *attachment;
        sqlite3_int64 seq, retracts;
        int meeting, has_retracts;
        unsigned char prev[32], hash[32];
};

static char *dup_col(sqlite3_stmt *q, int i)
{
        const unsigned char *t = sqlite3_column_text(q, i);
        return t ? pk_xstrdup((const char *)t) : NULL;
}

static int sql_fail(sqlite3 *db, const char *what)
{
        fprintf(stderr, "%s: %s\n", what, db ? sqlite3_errmsg(db) : "no database");
        return 1;
}

/* The baseline: the rows src recorded, one insert-and-commit each into a bare table. */
static int side_bare(const char *db, const char *src)
{
        sqlite3 *in = NULL;
        if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
                return sql_fail(in, src);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(in,
                               "SELECT seq, at, verb, line, result, attachment, retracts, meeting,"
                               " prev, hash FROM events ORDER BY seq",
                               -1, &q, NULL) != SQLITE_OK)
                return sql_fail(in, "read the recorded events");
        struct row *rows = NULL;
        int n = 0, cap = 0;
        while (sqlite3_step(q) == SQLITE_ROW) {
                if (n == cap) {
                        cap = cap ? cap * 2 : 1024;
                        rows = pk_xrealloc(rows, (size_t)cap * sizeof *rows);
                }
                struct row *r = &rows[n++];
                memset(r, 0, sizeof *r);
                r->seq = sqlite3_column_int64(q, 0);
                r->at = dup_col(q, 1);
                r->verb = dup_col(q, 2);
                r->line = dup_col(q, 3);
                r->result = dup_col(q, 4);
                r->attachment = dup_col(q, 5);
                r->has_retracts = sqlite3_column_type(q, 6) != SQLITE_NULL;
                r->retracts = sqlite3_column_int64(q, 6);
                r->meeting = sqlite3_column_int(q, 7);
                if (sqlite3_column_bytes(q, 8) == 32)
                        memcpy(r->prev, sqlite3_column_blob(q, 8), 32);
                if (sqlite3_column_bytes(q, 9) == 32)
                        memcpy(r->hash, sqlite3_column_blob(q, 9), 32);
        }
        sqlite3_finalize(q);
        sqlite3_close(in);
        if (n == 0) {
                fprintf(stderr, "%s holds no events\n", src);
                return 1;
        }

        sqlite3 *d = NULL;
        if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
                return sql_fail(d, db);
        if (sqlite3_exec(d,
                         "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                         "CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
                         " verb TEXT NOT NULL, line TEXT NOT NULL, result TEXT NOT NULL,"
                         " attachment TEXT, retracts INTEGER, meeting INTEGER NOT NULL,"
                         " prev BLOB NOT NULL, hash BLOB NOT NULL);",
                         NULL, NULL, NULL) != SQLITE_OK)
                return sql_fail(d, "create the bare table");
        sqlite3_stmt *begin = NULL, *ins = NULL, *commit = NULL;
        if (sqlite3_prepare_v2(d, "BEGIN IMMEDIATE", -1, &begin, NULL) != SQLITE_OK ||
            sqlite3_prepare_v2(d, "COMMIT", -1, &commit, NULL) != SQLITE_OK ||
            sqlite3_prepare_v2(d,
                               "INSERT INTO events (seq, at, verb, line, result, attachment,"
                               " retracts, meeting, prev, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               -1, &ins, NULL) != SQLITE_OK)
                return sql_fail(d, "prepare");
        double *lat = pk_xcalloc((size_t)n, sizeof *lat);
        int64_t cpu0 = bench_cpu_ns(), rq0 = bench_runq_ns(), t0 = bench_now_ns();
        for (int i = 0; i < n; i++) {
                const struct row *r = &rows[i];
                int64_t t = bench_now_ns();
                if (sqlite3_step(begin) != SQLITE_DONE)
                        return sql_fail(d, "begin");
                sqlite3_reset(begin);
                sqlite3_bind_int64(ins, 1, r->seq);
                sqlite3_bind_text(ins, 2, r->at, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 3, r->verb, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 4, r->line, -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 5, r->result, -1, SQLITE_STATIC);
                if (r->attachment)
                        sqlite3_bind_text(ins, 6, r->attachment, -1, SQLITE_STATIC);
                else
                        sqlite3_bind_null(ins, 6);
                if (r->has_retracts)
                        sqlite3_bind_int64(ins, 7, r->retracts);
                else
                        sqlite3_bind_null(ins, 7);
                sqlite3_bind_int(ins, 8, r->meeting);
                sqlite3_bind_blob(ins, 9, r->prev, 32, SQLITE_STATIC);
                sqlite3_bind_blob(ins, 10, r->hash, 32, SQLITE_STATIC);
                if (sqlite3_step(ins) != SQLITE_DONE)
                        return sql_fail(d, "insert");
                sqlite3_reset(ins);
                if (sqlite3_step(commit) != SQLITE_DONE)
                        return sql_fail(d, "commit");
                sqlite3_reset(commit);
                lat[i] = (double)(bench_now_ns() - t) / 1e3;
        }
        int64_t wall = bench_now_ns() - t0, cpu = bench_cpu_ns() - cpu0,
                runq = bench_runq_ns() - rq0;
        sqlite3_finalize(begin);
        sqlite3_finalize(ins);
        sqlite3_finalize(commit);
        sqlite3_close(d);
        print_side(n, wall, cpu, runq, lat, db);
        for (int i = 0; i < n; i++) {
                free(rows[i].at);
                free(rows[i].verb);
                free(rows[i].line);
                free(rows[i].result);
                free(rows[i].attachment);
        }
        free(rows);
        free(lat);
        return 0;
}

static int run_side(const char *which, const char *db, const char *arg, struct side_result *r)
{
        bench_rm_db(db);
        const char *args[] = {"--side", which, db, arg, NULL};
        char *out = bench_run_self(args);
        int rc = parse_side(out, r);
        if (rc < 0 && out)
                fprintf(stderr, "unreadable figures from the %s side: %s\n", which, out);
        free(out);
        return rc;
}

static int env_int(const char *name, int def)
{
        const char *v = getenv(name);
        return v && atoi(v) > 0 ? atoi(v) : def;
}

int main(int argc, char **argv)
{
        if (argc == 5 && !strcmp(argv[1], "--side")) {
                if (!strcmp(argv[2], "protokol"))
                        return side_protokol(argv[3], atoi(argv[4]));
                if (!strcmp(argv[2], "bare"))
                        return side_bare(argv[3], argv[4]);
                return 2;
        }
        int commands = env_int("PROTOKOL_BENCH_COMMANDS", 2000);
        int rounds = env_int("PROTOKOL_BENCH_ROUNDS", 3);
        bool print_script = false;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--commands") && i + 1 < argc)
                        commands = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
                        rounds = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--print-script"))
                        print_script = true;
                else {
                        fprintf(stderr, "usage: %s [--commands N] [--rounds N] [--print-script]\n",
                                argv[0]);
                        return 2;
                }
        }
        if (commands < 100 || rounds < 1) {
                fprintf(stderr, "need --commands >= 100 and --rounds >= 1\n");
                return 2;
        }
        if (print_script) {
                struct bench_script sc = {0};
                bench_gen_long_meeting(&sc, commands);
                for (int i = 0; i < sc.n; i++)
                        printf("%s\n", sc.lines[i]);
                bench_script_free(&sc);
                return 0;
        }

        int64_t t_start = bench_now_ns();
        char dir[PATH_MAX], pdb[PATH_MAX + 32], bdb[PATH_MAX + 32], src[PATH_MAX + 32];
        bench_mkdtemp(dir, sizeof dir, "protokol-bench-action");
        snprintf(pdb, sizeof pdb, "%s/protokol.db", dir);
        snprintf(bdb, sizeof bdb, "%s/bare.db", dir);
        snprintf(src, sizeof src, "%s/rows.db", dir);
        char cmds[32];
        snprintf(cmds, sizeof cmds, "%d", commands);

        printf("== action cost: one scripted meeting through app_exec vs bare SQLite "
               "insert-and-commit ==\n");
        bench_print_machine(dir);
        printf("SQLite %s; both sides: journal_mode=WAL, synchronous=FULL, same directory\n",
               sqlite3_libversion());

        double *ratio = pk_xcalloc((size_t)rounds, sizeof(double));
        double *ratio_own = pk_xcalloc((size_t)rounds, sizeof(double));
        struct side_result *ps = pk_xcalloc((size_t)rounds, sizeof *ps);
        struct side_result *bs = pk_xcalloc((size_t)rounds, sizeof *bs);
        double load0 = bench_loadavg();
        const char *header = "round  first     protokol ms  bare ms  ratio | less run-queue wait: "
                             "protokol ms  bare ms  ratio\n";
        for (int r = 0; r < rounds; r++) {
                /* round 1 goes protokol first: its record gives the baseline its rows */
                bool pfirst = r % 2 == 0;
                const char *pdb_r = r == 0 ? src : pdb;
                int rc = pfirst ? (run_side("protokol", pdb_r, cmds, &ps[r]) < 0 ||
                                   run_side("bare", bdb, src, &bs[r]) < 0)
                                : (run_side("bare", bdb, src, &bs[r]) < 0 ||
                                   run_side("protokol", pdb_r, cmds, &ps[r]) < 0);
                if (rc)
                        return 1;
                if (r == 0)
                        printf("script: %ld actions (%d requested), one meeting of 25 members; %d "
                               "rounds\n\n%s",
                               ps[0].n, commands, rounds, header);
                ratio[r] = ps[r].wall_ms / bs[r].wall_ms;
                double pown = ps[r].wall_ms - ps[r].runq_ms, bown = bs[r].wall_ms - bs[r].runq_ms;
                ratio_own[r] = pown / bown;
                printf("%5d  %-8s  %11.0f  %7.0f  %5.2f | %31.0f  %7.0f  %5.2f\n", r + 1,
                       pfirst ? "protokol" : "bare", ps[r].wall_ms, bs[r].wall_ms, ratio[r], pown,
                       bown, ratio_own[r]);
        }
        double load1 = bench_loadavg();
        bench_rm_db(pdb);
        bench_rm_db(bdb);
        bench_rm_db(src);
        bench_rmdir(dir);

        /* medians over the rounds, field by field */
        double v[2][NSTATS];
        for (int side = 0; side < 2; side++) {
                struct side_result *s = side ? bs : ps;
                double *t = pk_xcalloc((size_t)rounds, sizeof *t);
#define MED(i, f)                                                                                  \
        do {                                                                                       \
                for (int r = 0; r < rounds; r++)                                                   \
                        t[r] = s[r].f;                                                             \
                v[side][i] = bench_median(t, rounds);                                              \
        } while (0)
                MED(0, wall_ms);
                MED(1, cpu_ms);
                MED(2, runq_ms);
                MED(3, p50_us);
                MED(4, p90_us);
                MED(5, p99_us);
                MED(6, max_us);
                MED(7, first_us);
                MED(8, last_us);
                MED(9, peak_kib);
                MED(10, db_bytes);
#undef MED
                free(t);
        }
        double n = (double)ps[0].n, med_ratio = bench_median(ratio, rounds);
        printf("\nmedian ratio (protokol / bare, wall time of the %ld actions): %.2f   goal <= "
               "2.0: "
               "%s\n",
               ps[0].n, med_ratio, med_ratio <= 2.0 ? "met" : "NOT met");
        printf("median ratio less the time each side waited for a CPU: %.2f\n",
               bench_median(ratio_own, rounds));
        printf("load average (other work on the machine): %.2f at the start, %.2f at the end\n",
               load0, load1);
        printf("\nper action (medians of the rounds)      protokol       bare\n");
        printf("  mean wall time, ms                   %9.3f  %9.3f\n", v[0][0] / n, v[1][0] / n);
        printf("  mean CPU time (user+sys), ms         %9.3f  %9.3f\n", v[0][1] / n, v[1][1] / n);
        printf("  mean wait for a CPU (run queue), ms  %9.3f  %9.3f\n", v[0][2] / n, v[1][2] / n);
        printf("  mean wait for the disk, ms           %9.3f  %9.3f\n",
               (v[0][0] - v[0][1] - v[0][2]) / n, (v[1][0] - v[1][1] - v[1][2]) / n);
        printf("  latency p50, ms                      %9.3f  %9.3f\n", v[0][3] / 1e3,
               v[1][3] / 1e3);
        printf("  latency p90, ms                      %9.3f  %9.3f\n", v[0][4] / 1e3,
               v[1][4] / 1e3);
        printf("  latency p99, ms                      %9.3f  %9.3f\n", v[0][5] / 1e3,
               v[1][5] / 1e3);
        printf("  latency max, ms                      %9.3f  %9.3f\n", v[0][6] / 1e3,
               v[1][6] / 1e3);
        printf("  mean of the first tenth, ms          %9.3f  %9.3f\n", v[0][7] / 1e3,
               v[1][7] / 1e3);
        printf("  mean of the last tenth, ms           %9.3f  %9.3f\n", v[0][8] / 1e3,
               v[1][8] / 1e3);
        printf("  database file after close, KiB       %9.0f  %9.0f\n", v[0][10] / 1024,
               v[1][10] / 1024);
        printf("  peak resident memory, MiB            %9.1f  %9.1f\n", v[0][9] / 1024,
               v[1][9] / 1024);
        bench_print_totals(t_start);
        free(ratio);
        free(ratio_own);
        free(ps);
        free(bs);
        return 0;
}
