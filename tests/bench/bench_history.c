/*
 * bench_history.c - ten years of meetings: opening the database and answering `status`
 * for the current meeting (SPEC §6: well under 50 ms, not growing with the past), the
 * minutes and member-votes exports of one meeting and of all of them (linear), and the
 * peak memory of each part.
 *
 * The history is generated once per run: a body of 25 members, then one ordinary
 * meeting a week from January 2016 (20 items each, named and counted votes, amendments,
 * a closed item, closed and signed by all present: about 180 actions), each meeting's
 * actions through app_exec_batch (one transaction per meeting; the same events as one
 * app_exec per line). When the history reaches each size (50, 100, 250, 500 past
 * meetings by default) a copy of the file gets a current meeting, opened and left in the
 * middle of item 5 with a ballot open, through app_exec. Every measured part runs in a
 * process of its own (its peak resident memory is its own).
 *
 * With --protokol PATH, `PATH --db DB run -` answering status is timed as well, from
 * process start to exit.
 *
 *   bench_history [--sizes 50,100,250,500] [--reps N] [--protokol PATH] [--print-meeting K]
 *   (environment: PROTOKOL_BENCH_DIR, the directory for the databases; default $TMPDIR
 *   or /var/tmp; PROTOKOL_BENCH_SIZES, PROTOKOL_BENCH_REPS)
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "protokol/app.h"

#define MAXSIZES 16

/* The copy of the history at size past meetings: with a current meeting (open, in item 5),
 * or (none) as the history left it, every meeting signed: the normal state between
 * meetings. */
static void snap_path(char *out, size_t n, const char *dir, int size, bool none)
{
        snprintf(out, n, "%s/past-%d%s.db", dir, size, none ? "-none" : "");
}

static int open_app(const char *db, bool full, struct app **a)
{
        struct pk_err err = {0};
        if ((full ? app_open_full(db, false, a, &err) : app_open(db, false, a, &err)) < 0) {
                char buf[1024];
                pk_err_format(&err, buf, sizeof buf);
                fprintf(stderr, "app_open %s: %s\n", db, buf);
                return -1;
        }
        return 0;
}

static int batch(struct app *a, struct bench_script *sc, const char *what)
{
        struct sb out = {0};
        enum app_result r =
            app_exec_batch(a, (const char *const *)sc->lines, sc->linenos, sc->n, &out);
        if (r != AR_OK) {
                fprintf(stderr, "%s not accepted: %s\n", what, sb_str(&out));
                for (int i = 0; i < sc->n; i++)
                        fprintf(stderr, "%4d %s\n", i + 1, sc->lines[i]);
        }
        sb_free(&out);
        return r == AR_OK ? 0 : -1;
}

/* Gives a copy of the history its current meeting, one app_exec per line. */
static int add_current(const char *db, int k)
{
        struct app *a;
        if (open_app(db, false, &a) < 0)
                return -1;
        struct bench_script sc = {0};
        bench_gen_history_meeting(&sc, k, true);
        struct sb out = {0};
        int rc = 0;
        for (int i = 0; i < sc.n && rc == 0; i++) {
                sb_clear(&out);
                if (app_exec(a, sc.lines[i], strlen(sc.lines[i]), i + 1, &out) != AR_OK) {
                        fprintf(stderr, "current meeting, line %d not accepted: %s\n  %s\n", i + 1,
                                sc.lines[i], sb_str(&out));
                        rc = -1;
                }
        }
        sb_free(&out);
        bench_script_free(&sc);
        app_close(&a);
        return rc;
}

/* Child: generates the history in dir and a snapshot at each size. */
static int child_gen(const char *dir, const char *sizes_s)
{
        int sizes[MAXSIZES];
        int nsizes = bench_parse_sizes(sizes_s, sizes, MAXSIZES);
        char main_db[PATH_MAX + 32];
        snprintf(main_db, sizeof main_db, "%s/history.db", dir);
        struct app *a;
        if (open_app(main_db, false, &a) < 0)
                return 1;
        struct bench_script sc = {0};
        bench_gen_body(&sc);
        if (batch(a, &sc, "the body") < 0)
                return 1;
        bench_script_free(&sc);
        long actions = 1 + BENCH_MEMBERS;
        int done = 0;
        for (int si = 0; si < nsizes; si++) {
                int64_t t0 = bench_now_ns(), cpu0 = bench_cpu_ns();
                long actions0 = actions;
                for (; done < sizes[si]; done++) {
                        bench_gen_history_meeting(&sc, done, false);
                        char what[64];
                        snprintf(what, sizeof what, "meeting %d", done + 1);
                        if (batch(a, &sc, what) < 0)
                                return 1;
                        actions += sc.n;
                        bench_script_free(&sc);
                }
                double gen_ms = (double)(bench_now_ns() - t0) / 1e6;
                double cpu_ms = (double)(bench_cpu_ns() - cpu0) / 1e6;
                int segment = sizes[si] - (si ? sizes[si - 1] : 0);
                /* the file is whole once closed (the WAL is checkpointed into it) */
                app_close(&a);
                char snap[PATH_MAX + 32];
                for (int none = 1; none >= 0; none--) {
                        snap_path(snap, sizeof snap, dir, sizes[si], none);
                        bench_rm_db(snap);
                        if (bench_copy_file(main_db, snap) < 0) {
                                fprintf(stderr, "cannot copy %s to %s\n", main_db, snap);
                                return 1;
                        }
                        char wal[PATH_MAX + 40], snapwal[PATH_MAX + 40];
                        snprintf(wal, sizeof wal, "%s-wal", main_db);
                        snprintf(snapwal, sizeof snapwal, "%s-wal", snap);
                        if (bench_file_size(wal) > 0 && bench_copy_file(wal, snapwal) < 0)
                                return 1;
                }
                if (add_current(snap, done) < 0)
                        return 1;
                int64_t t1 = bench_now_ns();
                if (open_app(main_db, false, &a) < 0)
                        return 1;
                double reopen_ms = (double)(bench_now_ns() - t1) / 1e6;
                printf("size=%d actions=%ld segment_ms=%.1f segment_cpu_ms=%.1f "
                       "per_meeting_ms=%.2f "
                       "per_action_us=%.1f reopen_ms=%.1f db_bytes=%lld\n",
                       sizes[si], actions, gen_ms, cpu_ms, gen_ms / segment,
                       gen_ms * 1e3 / (double)(actions - actions0), reopen_ms,
                       bench_file_size(snap));
        }
        app_close(&a);
        bench_rm_db(main_db);
        printf("peak_kib=%ld\n", bench_peak_kib());
        return 0;
}

/* Child: opens db and answers status, timed apart. */
static int child_open(const char *db, bool show)
{
        struct app *a;
        int64_t c0 = bench_cpu_ns(), q0 = bench_runq_ns(), t0 = bench_now_ns();
        if (open_app(db, false, &a) < 0)
                return 1;
        int64_t t1 = bench_now_ns(), c1 = bench_cpu_ns(), q1 = bench_runq_ns();
        struct sb out = {0};
        enum app_result r = app_exec(a, "status", 6, 1, &out);
        int64_t t2 = bench_now_ns();
        if (r != AR_OK) {
                fprintf(stderr, "status: %s\n", sb_str(&out));
                return 1;
        }
        printf("open_ms=%.3f open_cpu_ms=%.3f open_runq_ms=%.3f status_ms=%.3f peak_kib=%ld\n",
               (double)(t1 - t0) / 1e6, (double)(c1 - c0) / 1e6, (double)(q1 - q0) / 1e6,
               (double)(t2 - t1) / 1e6, bench_peak_kib());
        if (show)
                printf("%s\n", sb_str(&out));
        sb_free(&out);
        app_close(&a);
        return 0;
}

/*
 * Runs `protokol --db db run -` with "status" on its standard input, as a user would, and
 * returns the wall time in ms (-1 on failure); *peak_kib gets the child's peak memory.
 */
static double time_cli_status(const char *protokol, const char *db, long *peak_kib)
{
        int in[2];
        if (pipe(in) < 0)
                return -1;
        fflush(stdout);
        int64_t t0 = bench_now_ns();
        pid_t pid = fork();
        if (pid < 0)
                return -1;
        if (pid == 0) {
                dup2(in[0], 0);
                close(in[0]);
                close(in[1]);
                int null = open("/dev/null", O_WRONLY);
                if (null >= 0)
                        dup2(null, 1);
                execl(protokol, "protokol", "--db", db, "run", "-", (char *)NULL);
                _exit(127);
        }
        close(in[0]);
        if (write(in[1], "status\n", 7) != 7) {
                /* the child failed early; its exit status says so */
        }
        close(in[1]);
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return -1;
        *peak_kib = ru.ru_maxrss;
        return (double)(bench_now_ns() - t0) / 1e6;
}

enum { EX_MINUTES, EX_CSV };

static int export_one(struct app *a, int kind, int meeting, struct sb *out)
{
        struct pk_err err = {0};
        int rc = kind == EX_MINUTES ? app_export_minutes(a, meeting, 0, false, out, &err)
                                    : app_export_csv(a, meeting, "member-votes", false, out, &err);
        if (rc < 0)
                fprintf(stderr, "export of meeting %d: %s\n", meeting, err.msg);
        return rc;
}

/*
 * Child: the exports of db with past past meetings, opened with app_open_full (exports of
 * signed meetings need every event replayed): one meeting (the last signed one; the first
 * call after opening apart from the repeated ones) and every meeting in turn.
 */
static int child_export(const char *db, int past, int reps)
{
        struct app *a;
        int64_t t0 = bench_now_ns();
        if (open_app(db, true, &a) < 0)
                return 1;
        double open_ms = (double)(bench_now_ns() - t0) / 1e6;
        struct sb out = {0};
        double first[2], med[2], all_ms[2], all_cpu_ms[2], all_bytes[2], one_bytes[2];
        double *t = pk_xcalloc((size_t)reps, sizeof *t);
        for (int kind = 0; kind < 2; kind++) {
                for (int r = 0; r <= reps; r++) {
                        sb_clear(&out);
                        int64_t s = bench_now_ns();
                        if (export_one(a, kind, past, &out) < 0)
                                return 1;
                        double ms = (double)(bench_now_ns() - s) / 1e6;
                        if (r == 0)
                                first[kind] = ms;
                        else
                                t[r - 1] = ms;
                }
                one_bytes[kind] = (double)out.len;
                med[kind] = bench_median(t, reps);
        }
        for (int kind = 0; kind < 2; kind++) {
                double bytes = 0;
                int64_t s = bench_now_ns(), c = bench_cpu_ns();
                for (int m = 1; m <= past; m++) {
                        sb_clear(&out);
                        if (export_one(a, kind, m, &out) < 0)
                                return 1;
                        bytes += (double)out.len;
                }
                all_ms[kind] = (double)(bench_now_ns() - s) / 1e6;
                all_cpu_ms[kind] = (double)(bench_cpu_ns() - c) / 1e6;
                all_bytes[kind] = bytes;
        }
        printf("open_ms=%.1f min_first_ms=%.3f min_one_ms=%.3f min_one_bytes=%.0f "
               "csv_first_ms=%.3f csv_one_ms=%.3f csv_one_bytes=%.0f min_all_ms=%.1f "
               "min_all_cpu_ms=%.1f min_all_bytes=%.0f csv_all_ms=%.1f csv_all_cpu_ms=%.1f "
               "csv_all_bytes=%.0f peak_kib=%ld\n",
               open_ms, first[0], med[0], one_bytes[0], first[1], med[1], one_bytes[1], all_ms[0],
               all_cpu_ms[0], all_bytes[0], all_ms[1], all_cpu_ms[1], all_bytes[1],
               bench_peak_kib());
        free(t);
        sb_free(&out);
        app_close(&a);
        return 0;
}

/* Reads "key=value" from a line of figures; NAN-free: 0 if missing. */
static double field(const char *s, const char *key)
{
        size_t kl = strlen(key);
        for (const char *p = s; p && *p; p = strchr(p, ' ')) {
                while (*p == ' ' || *p == '\n')
                        p++;
                if (!strncmp(p, key, kl) && p[kl] == '=')
                        return atof(p + kl + 1);
        }
        return 0;
}

static int env_int(const char *name, int def)
{
        const char *v = getenv(name);
        return v && atoi(v) > 0 ? atoi(v) : def;
}

int main(int argc, char **argv)
{
        if (argc == 4 && !strcmp(argv[1], "--gen"))
                return child_gen(argv[2], argv[3]);
        if (argc >= 3 && !strcmp(argv[1], "--open"))
                return child_open(argv[2], argc > 3);
        if (argc == 5 && !strcmp(argv[1], "--export"))
                return child_export(argv[2], atoi(argv[3]), atoi(argv[4]));

        const char *sizes_s = getenv("PROTOKOL_BENCH_SIZES");
        if (!sizes_s || !*sizes_s)
                sizes_s = "1,50,500";
        int reps = env_int("PROTOKOL_BENCH_REPS", 5);
        const char *protokol = NULL;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
                        sizes_s = argv[++i];
                } else if (!strcmp(argv[i], "--protokol") && i + 1 < argc) {
                        protokol = argv[++i];
                } else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
                        reps = atoi(argv[++i]);
                } else if (!strcmp(argv[i], "--print-meeting") && i + 1 < argc) {
                        struct bench_script sc = {0};
                        int k = atoi(argv[++i]);
                        if (k == 0)
                                bench_gen_body(&sc);
                        else
                                bench_gen_history_meeting(&sc, k > 0 ? k - 1 : 0, k < 0);
                        for (int j = 0; j < sc.n; j++)
                                printf("%s\n", sc.lines[j]);
                        bench_script_free(&sc);
                        return 0;
                } else {
                        fprintf(stderr,
                                "usage: %s [--sizes 50,100,250,500] [--reps N] [--print-meeting "
                                "K]\n"
                                "  --print-meeting K prints meeting K's script (0: the body, -1: a "
                                "current meeting)\n",
                                argv[0]);
                        return 2;
                }
        }
        int sizes[MAXSIZES];
        int nsizes = bench_parse_sizes(sizes_s, sizes, MAXSIZES);
        if (nsizes == 0 || reps < 1) {
                fprintf(stderr, "--sizes needs ascending numbers (50,100,250,500), --reps >= 1\n");
                return 2;
        }
        char norm[256] = "";
        for (int i = 0; i < nsizes; i++)
                snprintf(norm + strlen(norm), sizeof norm - strlen(norm), "%s%d", i ? "," : "",
                         sizes[i]);

        int64_t t_start = bench_now_ns();
        char dir[PATH_MAX];
        bench_mkdtemp(dir, sizeof dir, "protokol-bench-history");
        printf("== ten years of meetings: open + status, exports, memory ==\n");
        bench_print_machine(dir);
        printf("history: 25 members, one meeting a week from 2016-01-05, 20 items each, closed "
               "and signed;\n  the current meeting is open in item 5 with a ballot open\n\n");

        /* 1. the history, once */
        const char *gargs[] = {"--gen", dir, norm, NULL};
        char *gen = bench_run_self(gargs);
        if (!gen)
                return 1;
        printf("generation (app_exec_batch, one transaction per meeting)\n");
        printf("past meetings  actions  DB MiB  segment s  ms/meeting  us/action  reopen ms\n");
        long actions[MAXSIZES] = {0};
        double dbmib[MAXSIZES] = {0};
        int si = 0;
        for (char *line = strtok(gen, "\n"); line; line = strtok(NULL, "\n")) {
                if (!strncmp(line, "peak_kib=", 9)) {
                        printf("peak resident memory of the generation: %.1f MiB\n\n",
                               field(line, "peak_kib") / 1024);
                        continue;
                }
                if (si >= nsizes)
                        continue;
                actions[si] = (long)field(line, "actions");
                dbmib[si] = field(line, "db_bytes") / 1048576.0;
                printf("%13d  %7ld  %6.1f  %9.1f  %10.2f  %9.1f  %9.1f\n", sizes[si], actions[si],
                       dbmib[si], field(line, "segment_ms") / 1e3, field(line, "per_meeting_ms"),
                       field(line, "per_action_us"), field(line, "reopen_ms"));
                si++;
        }
        free(gen);

        /* 2. open + status */
        printf("open + status of the current meeting (%d processes per size; median, min-max)\n",
               reps);
        printf("past meetings  events  app_open ms (min-max)      its CPU ms  waiting for a CPU ms "
               " "
               "status ms  open+status ms  peak MiB\n");
        double *oc = pk_xcalloc((size_t)reps, sizeof *oc),
               *oq = pk_xcalloc((size_t)reps, sizeof *oq);
        double *o = pk_xcalloc((size_t)reps, sizeof *o), *st = pk_xcalloc((size_t)reps, sizeof *st),
               *tot = pk_xcalloc((size_t)reps, sizeof *tot),
               *pk = pk_xcalloc((size_t)reps, sizeof *pk);
        double open_med[2][MAXSIZES], open_cpu[2][MAXSIZES];
        for (int none = 0; none < 2; none++)
                for (int i = 0; i < nsizes; i++) {
                        char db[PATH_MAX + 32];
                        snap_path(db, sizeof db, dir, sizes[i], none);
                        if (i == 0)
                                printf("%s\n", none ? "no meeting current (every meeting signed):"
                                                    : "a current meeting (open, a ballot open):");
                        for (int r = 0; r < reps; r++) {
                                const char *args[] = {"--open", db, NULL};
                                char *res = bench_run_self(args);
                                if (!res)
                                        return 1;
                                o[r] = field(res, "open_ms");
                                oc[r] = field(res, "open_cpu_ms");
                                oq[r] = field(res, "open_runq_ms");
                                st[r] = field(res, "status_ms");
                                tot[r] = o[r] + st[r];
                                pk[r] = field(res, "peak_kib");
                                free(res);
                        }
                        double mn = o[0], mx = o[0];
                        for (int r = 1; r < reps; r++) {
                                mn = o[r] < mn ? o[r] : mn;
                                mx = o[r] > mx ? o[r] : mx;
                        }
                        open_med[none][i] = bench_median(o, reps);
                        open_cpu[none][i] = bench_median(oc, reps);
                        double stm = bench_median(st, reps), tm = bench_median(tot, reps);
                        double pm = bench_median(pk, reps);
                        char range[64];
                        snprintf(range, sizeof range, "%.1f (%.1f-%.1f)", open_med[none][i], mn,
                                 mx);
                        printf("%13d  %6ld  %-25s  %10.1f  %20.1f  %9.3f  %14.1f  %8.1f\n",
                               sizes[i], actions[i], range, bench_median(oc, reps),
                               bench_median(oq, reps), stm, tm, pm / 1024);
                }
        for (int none = 0; nsizes > 1 && none < 2; none++)
                printf("app_open at %d vs %d past meetings, %s: wall x%.2f, CPU x%.2f "
                       "(target: at most x1.5; %s)\n",
                       sizes[nsizes - 1], sizes[0], none ? "none current" : "a current meeting",
                       open_med[none][nsizes - 1] / open_med[none][0],
                       open_cpu[none][nsizes - 1] / open_cpu[none][0],
                       open_med[none][nsizes - 1] < 50 ? "under 50 ms" : "NOT under 50 ms");
        if (protokol) {
                printf("the same through the command line: `protokol --db DB run -` given "
                       "\"status\" "
                       "(process start to exit; median of %d)\n",
                       reps);
                printf("past meetings  current  wall ms (min-max)          peak MiB\n");
                double cli_med[2][MAXSIZES];
                for (int none = 0; none < 2; none++)
                        for (int i = 0; i < nsizes; i++) {
                                char db[PATH_MAX + 32];
                                snap_path(db, sizeof db, dir, sizes[i], none);
                                for (int r = 0; r < reps; r++) {
                                        long kib = 0;
                                        o[r] = time_cli_status(protokol, db, &kib);
                                        if (o[r] < 0) {
                                                fprintf(stderr, "%s --db %s run - failed\n",
                                                        protokol, db);
                                                return 1;
                                        }
                                        pk[r] = (double)kib;
                                }
                                double mn = o[0], mx = o[0];
                                for (int r = 1; r < reps; r++) {
                                        mn = o[r] < mn ? o[r] : mn;
                                        mx = o[r] > mx ? o[r] : mx;
                                }
                                char range[64];
                                snprintf(range, sizeof range, "%.1f (%.1f-%.1f)",
                                         bench_median(o, reps), mn, mx);
                                cli_med[none][i] = bench_median(o, reps);
                                printf("%13d  %-7s  %-25s  %8.1f\n", sizes[i],
                                       none ? "none" : "open", range,
                                       bench_median(pk, reps) / 1024);
                        }
                for (int none = 0; nsizes > 1 && none < 2; none++)
                        printf("status as a whole process at %d vs %d past meetings, %s: x%.2f "
                               "(target: at most x1.5)\n",
                               sizes[nsizes - 1], sizes[0],
                               none ? "none current" : "a meeting open",
                               cli_med[none][nsizes - 1] / cli_med[none][0]);
        }
        {
                char db[PATH_MAX + 32];
                snap_path(db, sizeof db, dir, sizes[nsizes - 1], false);
                const char *args[] = {"--open", db, "show", NULL};
                char *res = bench_run_self(args);
                if (!res)
                        return 1;
                char *nl = strchr(res, '\n');
                printf("status at %d past meetings:\n%s\n", sizes[nsizes - 1], nl ? nl + 1 : "");
                free(res);
        }
        free(o);
        free(oc);
        free(oq);
        free(st);
        free(tot);
        free(pk);

        /* 3. exports: one child per size; two tables from the same figures */
        char *res_ex[MAXSIZES] = {0};
        for (int i = 0; i < nsizes; i++) {
                char db[PATH_MAX + 32], past[16], rs[16];
                snap_path(db, sizeof db, dir, sizes[i], false);
                snprintf(past, sizeof past, "%d", sizes[i]);
                snprintf(rs, sizeof rs, "%d", reps);
                const char *args[] = {"--export", db, past, rs, NULL};
                if (!(res_ex[i] = bench_run_self(args)))
                        return 1;
        }
        printf("exports of one meeting (the last signed one): markdown minutes and member-votes "
               "CSV, ms;\n  the first call after app_open_full, then the median of %d more\n",
               reps);
        printf("past meetings  app_open_full ms  minutes 1st  minutes  CSV 1st     CSV\n");
        for (int i = 0; i < nsizes; i++) {
                const char *r = res_ex[i];
                printf("%13d  %16.0f  %11.2f  %7.2f  %7.2f  %6.2f\n", sizes[i], field(r, "open_ms"),
                       field(r, "min_first_ms"), field(r, "min_one_ms"), field(r, "csv_first_ms"),
                       field(r, "csv_one_ms"));
        }
        printf("  (one meeting: minutes %.0f bytes, CSV %.0f bytes)\n",
               field(res_ex[0], "min_one_bytes"), field(res_ex[0], "csv_one_bytes"));
        printf("\nexports of every past meeting in turn (the whole history)\n");
        printf("past meetings  minutes s  ms/meeting  CPU ms/meeting |  CSV s  ms/meeting  CPU "
               "ms/meeting | MiB out  peak MiB\n");
        double per_min[MAXSIZES], per_csv[MAXSIZES];
        for (int i = 0; i < nsizes; i++) {
                const char *r = res_ex[i];
                per_min[i] = field(r, "min_all_cpu_ms") / sizes[i];
                per_csv[i] = field(r, "csv_all_cpu_ms") / sizes[i];
                printf("%13d  %9.2f  %10.2f  %14.2f | %6.2f  %10.3f  %14.3f | %7.1f  %8.1f\n",
                       sizes[i], field(r, "min_all_ms") / 1e3, field(r, "min_all_ms") / sizes[i],
                       per_min[i], field(r, "csv_all_ms") / 1e3, field(r, "csv_all_ms") / sizes[i],
                       per_csv[i],
                       (field(r, "min_all_bytes") + field(r, "csv_all_bytes")) / 1048576.0,
                       field(r, "peak_kib") / 1024);
                free(res_ex[i]);
        }
        if (nsizes > 1)
                printf("CPU ms per meeting at %d vs %d past meetings: minutes x%.2f, CSV x%.2f "
                       "(1.00 is linear)\n",
                       sizes[nsizes - 1], sizes[0], per_min[nsizes - 1] / per_min[0],
                       per_csv[nsizes - 1] / per_csv[0]);

        for (int i = 0; i < nsizes; i++)
                for (int none = 0; none < 2; none++) {
                        char db[PATH_MAX + 32];
                        snap_path(db, sizeof db, dir, sizes[i], none);
                        bench_rm_db(db);
                }
        bench_rmdir(dir);
        bench_print_totals(t_start);
        return 0;
}
