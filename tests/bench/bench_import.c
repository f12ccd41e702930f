/*
 * bench_import.c - `protokol import` at scale: the wall time and the
 * peak resident memory of importing N members (into a body with N seats) and N agenda
 * items (into a new meeting), for N = 1000, 4000 and 10000 by default. Each import runs as
 * `protokol --db DB import ...` in a process of its own, so the peak memory (ru_maxrss from
 * wait4) is the import's alone. Import must be linear: the figures for 10000 rows should be
 * about ten times those for 1000 (the memory a few megabytes above the process's own).
 *
 *   bench_import --protokol PATH [--sizes 1000,4000,10000]
 *   (environment: PROTOKOL_BENCH_DIR, the directory for the files; PROTOKOL_BENCH_SIZES)
 *
 * It fails only if an import is refused (then the figures would mean nothing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define MAXSIZES 16

/* Runs argv with stdin from infile (or /dev/null); returns the exit status, or -1. Writes
 * the wall time in seconds and the peak resident memory in KiB. */
static int run(char *const *argv, const char *infile, double *secs, long *kib)
{
        fflush(stdout); /* the child must not write this process's buffered output again */
        int64_t t0 = bench_now_ns();
        pid_t pid = fork();
        if (pid < 0)
                return -1;
        if (pid == 0) {
                if (!freopen(infile ? infile : "/dev/null", "r", stdin) ||
                    !freopen("/dev/null", "w", stdout))
                        _exit(127);
                execv(argv[0], argv);
                _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0)
                return -1;
        *secs = (double)(bench_now_ns() - t0) / 1e9;
        *kib = ru.ru_maxrss;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int write_file(const char *path, const char *text)
{
        FILE *f = fopen(path, "w");
        if (!f)
                return -1;
        fputs(text, f);
        return fclose(f);
}

static int gen_csv(const char *path, bool members, int n)
{
        FILE *f = fopen(path, "w");
        if (!f)
                return -1;
        fputs(members ? "name,party,role\n" : "number,title,closed,category\n", f);
        for (int i = 0; i < n; i++) {
                if (members)
                        fprintf(f, "Medlem nummer %d,%c,%s\n", i + 1, "AVCFOB"[i % 6],
                                i == 0 ? "mayor" : "member");
                else
                        fprintf(f, "%d,Punkt %d: lokalplan for område %d,%s,\n", i + 1, i + 1,
                                i % 97, i % 10 == 9 ? "ja" : "nej");
        }
        return fclose(f);
}

int main(int argc, char **argv)
{
        const char *protokol = NULL;
        const char *sizes_s = getenv("PROTOKOL_BENCH_SIZES");
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--protokol") && i + 1 < argc)
                        protokol = argv[++i];
                else if (!strcmp(argv[i], "--sizes") && i + 1 < argc)
                        sizes_s = argv[++i];
                else {
                        fprintf(stderr, "usage: bench_import --protokol PATH [--sizes N,...]\n");
                        return 2;
                }
        }
        if (!protokol) {
                fprintf(stderr, "bench_import: --protokol PATH is needed\n");
                return 2;
        }
        int sizes[MAXSIZES],
            nsizes = bench_parse_sizes(sizes_s ? sizes_s : "1000,4000,10000", sizes, MAXSIZES);
        if (nsizes == 0) {
                fprintf(stderr, "bench_import: bad sizes\n");
                return 2;
        }
        char dir[512];
        bench_mkdtemp(dir, sizeof dir, "protokol-bench-import");
        bench_print_machine(dir);
        printf("\nimport (one process each; peak = its maximum resident set)\n");
        printf("%-8s %7s %10s %10s %12s\n", "kind", "rows", "seconds", "peak MiB", "KiB per row");
        int rc = 0;
        for (int k = 0; k < 2 && rc == 0; k++) {
                bool members = k == 0;
                for (int si = 0; si < nsizes && rc == 0; si++) {
                        int n = sizes[si];
                        char db[600], csv[600], script[600], text[256];
                        snprintf(db, sizeof db, "%s/%s-%d.db", dir, members ? "m" : "a", n);
                        snprintf(csv, sizeof csv, "%s/%s-%d.csv", dir, members ? "m" : "a", n);
                        snprintf(script, sizeof script, "%s/setup-%d.txt", dir, n);
                        snprintf(text, sizeof text,
                                 "body \"Bench Kommune\" profile=lolland-2023 seats=%d\n%s",
                                 members ? n : 25, members ? "" : "meeting 2027-02-01 16:00\n");
                        double secs;
                        long kib;
                        char *setup[] = {(char *)protokol, "--db", db, "run", "-", NULL};
                        if (write_file(script, text) < 0 || gen_csv(csv, members, n) < 0 ||
                            run(setup, script, &secs, &kib) != 0) {
                                fprintf(stderr, "bench_import: setup for %d rows failed\n", n);
                                rc = 1;
                                break;
                        }
                        char *imp[] = {(char *)protokol,
                                       "--db",
                                       db,
                                       "import",
                                       members ? "members" : "agenda",
                                       csv,
                                       NULL};
                        int st = run(imp, NULL, &secs, &kib);
                        if (st != 0) {
                                fprintf(stderr, "bench_import: import of %d %s refused (%d)\n", n,
                                        members ? "members" : "items", st);
                                rc = 1;
                                break;
                        }
                        printf("%-8s %7d %10.3f %10.1f %12.2f\n", members ? "members" : "agenda", n,
                               secs, (double)kib / 1024, (double)kib / n);
                        fflush(stdout);
                        bench_rm_db(db);
                        remove(csv);
                        remove(script);
                }
        }
        return rc;
}
