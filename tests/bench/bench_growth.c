/*
 * bench_growth.c - per-action cost must not grow with the meeting: one meeting gets N
 * rulings (default 10,000) and, in another database, N items (default 5,000), each an
 * acknowledged action through app_exec (one committed transaction each). The wall and CPU
 * time of the first and of the last tenth of the actions are printed side by side.
 *
 *   bench_growth [--rulings N] [--items N]
 *   (environment: PROTOKOL_BENCH_DIR, the directory for the databases)
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "protokol/app.h"

static int run(const char *db, const char *what, int n)
{
        struct app *a;
        struct pk_err err = {0};
        if (app_open(db, false, &a, &err) < 0) {
                fprintf(stderr, "%s: %s\n", db, err.msg);
                return -1;
        }
        struct bench_script sc = {0};
        bench_gen_body(&sc);
        bench_script_add(&sc, "meeting 2027-01-21 16:00");
        bench_script_add(&sc, "item \"Godkendelse af dagsorden\"");
        bench_script_add(&sc,
                         "present \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" \"%s\" "
                         "\"%s\" \"%s\" \"%s\" \"%s\" \"%s\"",
                         bench_member(0), bench_member(1), bench_member(2), bench_member(3),
                         bench_member(4), bench_member(5), bench_member(6), bench_member(7),
                         bench_member(8), bench_member(9), bench_member(10), bench_member(11),
                         bench_member(12));
        bool items = !strcmp(what, "items");
        if (!items) {
                bench_script_add(&sc, "open");
                bench_script_add(&sc, "take 1");
        }
        struct sb out = {0};
        for (int i = 0; i < sc.n; i++) {
                sb_clear(&out);
                if (app_exec(a, sc.lines[i], strlen(sc.lines[i]), i + 1, &out) != AR_OK) {
                        fprintf(stderr, "set-up line %d (%s): %s\n", i + 1, sc.lines[i],
                                sb_str(&out));
                        return -1;
                }
        }
        bench_script_free(&sc);
        int tenth = n / 10;
        double wall[10] = {0}, cpu[10] = {0};
        char line[256];
        for (int i = 0; i < n; i++) {
                if (items)
                        snprintf(line, sizeof line, "item \"Punkt %d: lokalplan for område %d\"",
                                 i + 2, i);
                else
                        snprintf(line, sizeof line,
                                 "ruling \"Afgørelse %d: spørgsmålet afgøres efter § 11\"", i + 1);
                int64_t t = bench_now_ns(), c = bench_cpu_ns();
                sb_clear(&out);
                if (app_exec(a, line, strlen(line), i + 1, &out) != AR_OK) {
                        fprintf(stderr, "%s: %s\n", line, sb_str(&out));
                        return -1;
                }
                int k = i / tenth < 10 ? i / tenth : 9;
                wall[k] += (double)(bench_now_ns() - t) / 1e6;
                cpu[k] += (double)(bench_cpu_ns() - c) / 1e6;
        }
        sb_free(&out);
        app_close(&a);
        printf("%-8s %6d   %9.3f  %9.3f   %9.3f  %9.3f   x%.2f  x%.2f\n", what, n, wall[0] / tenth,
               cpu[0] / tenth, wall[9] / tenth, cpu[9] / tenth, wall[9] / wall[0], cpu[9] / cpu[0]);
        return 0;
}

int main(int argc, char **argv)
{
        int rulings = 10000, items = 5000;
        for (int i = 1; i + 1 < argc; i += 2) {
                if (!strcmp(argv[i], "--rulings"))
                        rulings = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "--items"))
                        items = atoi(argv[i + 1]);
        }
        int64_t t0 = bench_now_ns();
        char dir[PATH_MAX];
        bench_mkdtemp(dir, sizeof dir, "protokol-bench-growth");
        printf("== per-action cost as the meeting grows (app_exec, one commit each) ==\n");
        bench_print_machine(dir);
        printf("actions  count   first tenth ms/action  last tenth ms/action   last/first\n");
        printf("                    wall       CPU        wall       CPU      wall   CPU\n");
        char db[PATH_MAX + 32];
        snprintf(db, sizeof db, "%s/rulings.db", dir);
        if (run(db, "rulings", rulings) < 0)
                return 1;
        bench_rm_db(db);
        snprintf(db, sizeof db, "%s/items.db", dir);
        if (run(db, "items", items) < 0)
                return 1;
        bench_rm_db(db);
        bench_rmdir(dir);
        bench_print_totals(t0);
        return 0;
}
