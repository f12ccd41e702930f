/*
 * bench.h - shared helpers of the benchmark programs under tests/bench: clocks, peak
 * memory, medians, the machine description, child processes (each measured part runs in a
 * process of its own so that its peak memory is its own), and the generated meeting
 * scripts (25 members; long meetings with amendments and named votes; ten years of
 * ordinary meetings).
 *
 * Benchmarks print figures; they do not pass or fail on them. A benchmark fails only when
 * the scripted actions are not accepted (then the figures would mean nothing).
 */
#ifndef PROTOKOL_BENCH_H
#define PROTOKOL_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protokol/util.h"

/* Nanoseconds of CLOCK_MONOTONIC. */
int64_t bench_now_ns(void);
/* Nanoseconds of CPU time (user + system) this process has used so far. */
int64_t bench_cpu_ns(void);
/* Nanoseconds this thread has waited on a run queue (for a CPU) so far; 0 if unknown. */
int64_t bench_runq_ns(void);
/* The 1-minute load average (other work on the machine), or -1. */
double bench_loadavg(void);
/* Prints the wall time since t0_ns and the CPU time of this process and its children. */
void bench_print_totals(int64_t t0_ns);
/* Peak resident memory of this process in KiB (VmHWM; ru_maxrss if /proc is missing). */
long bench_peak_kib(void);

/* Median of n values (the array is sorted in place); 0 for n == 0. */
double bench_median(double *v, int n);
/* The p-th percentile (0..100) of n values sorted ascending. */
double bench_percentile_sorted(const double *v, int n, double p);

/* Prints the machine: CPUs, CPU model, memory, kernel, SQLite, the file system of dir. */
void bench_print_machine(const char *dir);
/* True if dir is on a file system where fsync costs nothing (tmpfs, ramfs). */
bool bench_dir_is_ram(const char *dir);

/* A fresh directory under $PROTOKOL_BENCH_DIR, else $TMPDIR, else /var/tmp. Exits on
 * failure. The first one made is removed (with the files in it) when the program exits. */
void bench_mkdtemp(char *out, size_t n, const char *prefix);
/* Removes a directory and the files directly in it. */
void bench_rmdir(const char *dir);
/* Removes a database file and its -wal, -shm and .lock companions. */
void bench_rm_db(const char *path);
/* Copies a file. 0 or -1. */
int bench_copy_file(const char *from, const char *to);
/* Size of a file in bytes, 0 if missing. */
long long bench_file_size(const char *path);

/*
 * Runs this same program with args (NULL-terminated) in a new process and returns its
 * standard output (caller frees), or NULL if the child failed (its standard error passes
 * through). The child's environment is this one's.
 */
char *bench_run_self(const char *const *args);

/* A script: lines of meeting-script text. */
struct bench_script {
        char **lines;
        int *linenos;
        int n, cap;
};
void bench_script_add(struct bench_script *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bench_script_free(struct bench_script *s);

#define BENCH_MEMBERS 25
/* The i-th member's name (0 <= i < BENCH_MEMBERS) and party letter. */
const char *bench_member(int i);
const char *bench_party(int i);

/* body "..." profile=lolland-2023 seats=25 and its 25 members. */
void bench_gen_body(struct bench_script *s);
/*
 * One very long meeting: about target commands in all (with the body and members), many
 * items, each with a main proposal, two amendments and a sub-amendment, four ballots of
 * which three are named votes, speakers, departures and arrivals, a dissent, the decision;
 * then close and 25 signatures.
 */
void bench_gen_long_meeting(struct bench_script *s, int target);
/*
 * The k-th (0-based) ordinary meeting of the ten-year history: one a week from
 * 5 January 2016, 20 items (about 150-180 commands), closed and signed. With current set,
 * the meeting is left open in the middle of item 5 with a ballot open (the "current
 * meeting" whose status is asked for).
 */
void bench_gen_history_meeting(struct bench_script *s, int k, bool current);

/* Parses "50,100,250" into up to max sizes; returns the count (0 on a malformed list). */
int bench_parse_sizes(const char *s, int *out, int max);

#endif
