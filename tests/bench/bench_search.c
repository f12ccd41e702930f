/*
 * bench_search.c - `protokol search` over ten years of meetings, timed as a whole
 * process (goal: under 50 ms wall), and opening an archived meeting for the UI
 * (app_view_meeting; goal: under 100 ms).
 *
 * The history is bench_history's (one meeting a week from 2016, 20 items each, closed and
 * signed; the last one current and open), generated once per run with app_exec_batch. Then:
 *  - the first search, which builds the index (a full replay), once;
 *  - each query of a set (a frequent word, a rare one, a prefix, a phrase, --public, a
 *    filter by date, CSV) in `reps` fresh processes: wall time from fork to exit and the
 *    child's CPU time (user + system, from wait4);
 *  - app_view_meeting of a meeting in the middle of the history, in `reps` fresh processes.
 *
 *   bench_search --protokol PATH [--size N] [--reps N]
 *   (environment: PROTOKOL_BENCH_DIR, PROTOKOL_BENCH_SEARCH_SIZE, PROTOKOL_BENCH_REPS)
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "protokol/app.h"
#include "protokol/archive.h"

static int open_app(const char *db, struct app **a)
{
        struct pk_err err = {0};
        if (app_open(db, false, a, &err) < 0) {
                char buf[1024];
                pk_err_format(&err, buf, sizeof buf);
                fprintf(stderr, "app_open %s: %s\n", db, buf);
                return -1;
        }
        return 0;
}

/* Child: the history of n past meetings and a current one, in db. */
static int child_gen(const char *db, int n)
{
        struct app *a;
        if (open_app(db, &a) < 0)
                return 1;
        struct bench_script sc = {0};
        struct sb out = {0};
        bench_gen_body(&sc);
        for (int k = 0; k <= n; k++) {
                if (k > 0)
                        bench_gen_history_meeting(&sc, k - 1, false);
                if (app_exec_batch(a, (const char *const *)sc.lines, sc.linenos, sc.n, &out) !=
                    AR_OK) {
                        fprintf(stderr, "meeting %d not accepted: %s\n", k, sb_str(&out));
                        return 1;
                }
                bench_script_free(&sc);
                sb_clear(&out);
        }
        bench_gen_history_meeting(&sc, n, true);
        for (int i = 0; i < sc.n; i++) {
                sb_clear(&out);
                if (app_exec(a, sc.lines[i], strlen(sc.lines[i]), i + 1, &out) != AR_OK) {
                        fprintf(stderr, "current meeting: %s: %s\n", sc.lines[i], sb_str(&out));
                        return 1;
                }
        }
        bench_script_free(&sc);
        sb_free(&out);
        app_close(&a);
        return 0;
}

/* Child: opens meeting m for viewing, timed. */
static int child_view(const char *db, int m)
{
        int64_t c0 = bench_cpu_ns(), t0 = bench_now_ns();
        struct app *v;
        struct pk_err err = {0};
        if (app_view_meeting(db, m, 5, &v, &err) < 0) {
                fprintf(stderr, "app_view_meeting: %s\n", err.msg);
                return 1;
        }
        int64_t t1 = bench_now_ns(), c1 = bench_cpu_ns();
        /* the UI keeps the view: another past meeting is then a switch, no replay */
        if (app_view_switch(v, m - 1, 3, &err) < 0) {
                fprintf(stderr, "app_view_switch: %s\n", err.msg);
                return 1;
        }
        int64_t t2 = bench_now_ns();
        printf("view_ms=%.3f view_cpu_ms=%.3f switch_ms=%.4f peak_kib=%ld\n",
               (double)(t1 - t0) / 1e6, (double)(c1 - c0) / 1e6, (double)(t2 - t1) / 1e6,
               bench_peak_kib());
        app_close(&v);
        return 0;
}

/* Runs argv as a process, output to /dev/null; wall ms, child CPU ms; exit status. */
static int run_timed(char *const argv[], double *wall, double *cpu)
{
        fflush(stdout);
        int64_t t0 = bench_now_ns();
        pid_t pid = fork();
        if (pid < 0)
                return -1;
        if (pid == 0) {
                int null = open("/dev/null", O_WRONLY);
                dup2(null, 1);
                dup2(null, 2);
                execv(argv[0], argv);
                _exit(127);
        }
        int st;
        struct rusage ru;
        if (wait4(pid, &st, 0, &ru) < 0)
                return -1;
        *wall = (double)(bench_now_ns() - t0) / 1e6;
        *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static double field(const char *s, const char *key)
{
        const char *p = s ? strstr(s, key) : NULL;
        return p ? atof(p + strlen(key) + 1) : -1;
}

int main(int argc, char **argv)
{
        if (argc == 4 && !strcmp(argv[1], "--gen"))
                return child_gen(argv[2], atoi(argv[3]));
        if (argc == 4 && !strcmp(argv[1], "--view"))
                return child_view(argv[2], atoi(argv[3]));
        const char *protokol = NULL;
        int size =
            getenv("PROTOKOL_BENCH_SEARCH_SIZE") ? atoi(getenv("PROTOKOL_BENCH_SEARCH_SIZE")) : 500;
        int reps = getenv("PROTOKOL_BENCH_REPS") ? atoi(getenv("PROTOKOL_BENCH_REPS")) : 5;
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--protokol") && i + 1 < argc)
                        protokol = argv[++i];
                else if (!strcmp(argv[i], "--size") && i + 1 < argc)
                        size = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
                        reps = atoi(argv[++i]);
                else {
                        fprintf(stderr, "usage: %s --protokol PATH [--size N] [--reps N]\n",
                                argv[0]);
                        return 2;
                }
        }
        if (!protokol || size < 2 || reps < 1 || reps > 1000) {
                fprintf(stderr, "usage: %s --protokol PATH [--size N >= 2] [--reps N]\n", argv[0]);
                return 2;
        }
        int64_t t_all = bench_now_ns();
        char dir[PATH_MAX];
        bench_mkdtemp(dir, sizeof dir, "protokol-bench-search");
        printf("== search over ten years of meetings; an archived meeting opened ==\n");
        bench_print_machine(dir);
        char db[PATH_MAX + 32], sz[16];
        snprintf(db, sizeof db, "%s/history.db", dir);
        snprintf(sz, sizeof sz, "%d", size);
        int64_t g0 = bench_now_ns();
        const char *gen[] = {"--gen", db, sz, NULL};
        char *o = bench_run_self(gen);
        if (!o)
                return 1;
        free(o);
        printf("history: %d past meetings and a current one (bench_history's), %.1f MiB, "
               "generated in %.1f s\n\n",
               size, (double)bench_file_size(db) / 1048576.0, (double)(bench_now_ns() - g0) / 1e9);

        /* the first search builds the index */
        double wall, cpu;
        char *first[] = {(char *)protokol, "--db", db, "search", "budgetopfølgning", NULL};
        int rc = run_timed(first, &wall, &cpu);
        if (rc != 0) {
                fprintf(stderr, "the first search failed (exit %d)\n", rc);
                return 1;
        }
        printf("first search (builds the index: full replay, %lld bytes of database after): "
               "%.0f ms wall, %.0f ms CPU\n\n",
               bench_file_size(db), wall, cpu);

        struct {
                const char *what;
                const char *args[8];
        } q[] = {
            {"a frequent word", {"budgetopfølgning"}},
            {"a rare word", {"matr"}},
            {"a prefix", {"indstilling*"}},
            {"a phrase", {"\"næste møde\""}},
            {"--public", {"budgetopfølgning", "--public"}},
            {"--from/--to", {"godkendes", "--from", "2020-01-01", "--to", "2020-12-31"}},
            {"--format csv", {"budgetopfølgning", "--format", "csv"}},
            {"--rulings (none)", {"--rulings", "closure"}},
        };
        printf("`protokol --db DB search ...` as a whole process (%d processes each; median, "
               "min-max)\n",
               reps);
        printf("query                 wall ms (min-max)         CPU ms   exit\n");
        double worst = 0;
        for (size_t k = 0; k < sizeof q / sizeof q[0]; k++) {
                char *av[16] = {(char *)protokol, "--db", db, "search"};
                int na = 4;
                for (int j = 0; q[k].args[j]; j++)
                        av[na++] = (char *)q[k].args[j];
                av[na] = NULL;
                double *w = calloc((size_t)reps, sizeof *w), *c = calloc((size_t)reps, sizeof *c);
                int ex = 0;
                for (int r = 0; r < reps; r++)
                        ex = run_timed(av, &w[r], &c[r]);
                double mn = w[0], mx = w[0];
                for (int r = 0; r < reps; r++) {
                        mn = w[r] < mn ? w[r] : mn;
                        mx = w[r] > mx ? w[r] : mx;
                }
                char range[64];
                double med = bench_median(w, reps);
                snprintf(range, sizeof range, "%.1f (%.1f-%.1f)", med, mn, mx);
                printf("%-20s  %-24s  %6.1f   %d\n", q[k].what, range, bench_median(c, reps), ex);
                worst = med > worst ? med : worst;
                free(w);
                free(c);
        }
        printf("slowest median: %.1f ms (goal: under 50 ms)\n\n", worst);

        char mid[16];
        snprintf(mid, sizeof mid, "%d", size / 2);
        printf("app_view_meeting: meeting %d of %d opened for the archive view (%d processes; "
               "median, min-max)\n",
               size / 2, size + 1, reps);
        double *w = calloc((size_t)reps, sizeof *w), *c = calloc((size_t)reps, sizeof *c);
        double mn = 1e18, mx = 0, kib = 0, sw = 0;
        for (int r = 0; r < reps; r++) {
                const char *args[] = {"--view", db, mid, NULL};
                char *out = bench_run_self(args);
                if (!out)
                        return 1;
                w[r] = field(out, "view_ms");
                c[r] = field(out, "view_cpu_ms");
                kib = field(out, "peak_kib");
                sw = field(out, "switch_ms");
                mn = w[r] < mn ? w[r] : mn;
                mx = w[r] > mx ? w[r] : mx;
                free(out);
        }
        printf("view ms %.1f (%.1f-%.1f), CPU ms %.1f, peak %.1f MiB (goal: under 100 ms)\n",
               bench_median(w, reps), mn, mx, bench_median(c, reps), kib / 1024.0);
        printf("then another past meeting from the same view (app_view_switch, as the UI does "
               "while the record has not changed): %.4f ms\n\n",
               sw);
        free(w);
        free(c);
        bench_print_totals(t_all);
        return 0;
}
