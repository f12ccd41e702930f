/*
 * bench.c - shared helpers of the benchmark programs (see bench.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

int64_t bench_now_ns(void)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int64_t bench_cpu_ns(void)
{
        struct timespec t;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int64_t bench_runq_ns(void)
{
        FILE *f = fopen("/proc/self/schedstat", "r");
        long long run = 0, wait = 0;
        if (f) {
                if (fscanf(f, "%lld %lld", &run, &wait) != 2)
                        wait = 0;
                fclose(f);
        }
        return wait;
}

double bench_loadavg(void)
{
        FILE *f = fopen("/proc/loadavg", "r");
        double l = -1;
        if (f) {
                if (fscanf(f, "%lf", &l) != 1)
                        l = -1;
                fclose(f);
        }
        return l;
}

void bench_print_totals(int64_t t0_ns)
{
        struct rusage self, kids;
        getrusage(RUSAGE_SELF, &self);
        getrusage(RUSAGE_CHILDREN, &kids);
        double cpu = (double)self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec +
                     kids.ru_stime.tv_sec +
                     (self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec +
                      kids.ru_stime.tv_usec) /
                         1e6;
        printf("\nthis benchmark: %.0f s wall, %.0f s CPU (all its processes), load average %.2f "
               "at the end\n",
               (double)(bench_now_ns() - t0_ns) / 1e9, cpu, bench_loadavg());
}

long bench_peak_kib(void)
{
        FILE *f = fopen("/proc/self/status", "r");
        if (f) {
                char line[256];
                long kib = -1;
                while (fgets(line, sizeof line, f))
                        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
                                break;
                fclose(f);
                if (kib >= 0)
                        return kib;
        }
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return ru.ru_maxrss;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return x < y ? -1 : x > y;
}

double bench_median(double *v, int n)
{
        if (n <= 0)
                return 0;
        qsort(v, (size_t)n, sizeof *v, cmp_double);
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double bench_percentile_sorted(const double *v, int n, double p)
{
        if (n <= 0)
                return 0;
        int i = (int)(p / 100.0 * (n - 1) + 0.5);
        return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static const char *fs_name(long type)
{
        switch ((unsigned long)type) {
        case 0xEF53:
                return "ext2/3/4";
        case 0x58465342:
                return "xfs";
        case 0x9123683E:
                return "btrfs";
        case 0x01021994:
                return "tmpfs";
        case 0x858458f6:
                return "ramfs";
        case 0x794c7630:
                return "overlayfs";
        case 0x2fc12fc1:
                return "zfs";
        case 0x6969:
                return "nfs";
        default:
                return "other";
        }
}

bool bench_dir_is_ram(const char *dir)
{
        struct statfs sf;
        if (statfs(dir, &sf) != 0)
                return false;
        return (unsigned long)sf.f_type == 0x01021994 || (unsigned long)sf.f_type == 0x858458f6;
}

/* The mount (device, mount point) holding path, from /proc/self/mounts. */
static void mount_of(const char *path, char *dev, char *mnt, size_t n)
{
        char real[PATH_MAX];
        snprintf(dev, n, "?");
        snprintf(mnt, n, "?");
        if (!realpath(path, real))
                return;
        FILE *f = fopen("/proc/self/mounts", "r");
        if (!f)
                return;
        char d[512], m[512], t[64];
        size_t best = 0;
        while (fscanf(f, "%511s %511s %63s %*[^\n]", d, m, t) == 3) {
                size_t l = strlen(m);
                bool under = strncmp(real, m, l) == 0 &&
                             (real[l] == '/' || real[l] == '\0' || (l == 1 && m[0] == '/'));
                if (under && l >= best) {
                        best = l;
                        snprintf(dev, n, "%s", d);
                        snprintf(mnt, n, "%s", m);
                }
        }
        fclose(f);
}

void bench_print_machine(const char *dir)
{
        char model[256] = "?";
        FILE *f = fopen("/proc/cpuinfo", "r");
        if (f) {
                char line[512];
                while (fgets(line, sizeof line, f)) {
                        char *c = strchr(line, ':');
                        if (!strncmp(line, "model name", 10) && c) {
                                snprintf(model, sizeof model, "%s", c + 2);
                                model[strcspn(model, "\n")] = '\0';
                                break;
                        }
                }
                fclose(f);
        }
        long memkib = 0;
        f = fopen("/proc/meminfo", "r");
        if (f) {
                char line[256];
                while (fgets(line, sizeof line, f))
                        if (sscanf(line, "MemTotal: %ld kB", &memkib) == 1)
                                break;
                fclose(f);
        }
        struct utsname u;
        uname(&u);
        struct statfs sf;
        const char *fs = statfs(dir, &sf) == 0 ? fs_name((long)sf.f_type) : "?";
        char dev[512], mnt[512];
        mount_of(dir, dev, mnt, sizeof mnt);
        printf("machine: %ld CPUs, %s, %.1f GiB memory, Linux %s\n", sysconf(_SC_NPROCESSORS_ONLN),
               model, memkib / 1048576.0, u.release);
        printf("databases in: %s (%s on %s, mounted at %s)\n", dir, fs, dev, mnt);
        if (bench_dir_is_ram(dir))
                printf("WARNING: %s is in memory: fsync costs nothing there; set "
                       "PROTOKOL_BENCH_DIR to a directory on a disk\n",
                       dir);
}

static char made_dir[PATH_MAX];

static void remove_made_dir(void)
{
        if (made_dir[0])
                bench_rmdir(made_dir);
}

void bench_mkdtemp(char *out, size_t n, const char *prefix)
{
        const char *base = getenv("PROTOKOL_BENCH_DIR");
        if (!base || !*base)
                base = getenv("TMPDIR");
        if (!base || !*base)
                base = "/var/tmp";
        snprintf(out, n, "%s/%s.XXXXXX", base, prefix);
        if (!mkdtemp(out)) {
                fprintf(stderr, "cannot create a directory under %s: %s\n", base, strerror(errno));
                exit(2);
        }
        /* removed at exit, however the benchmark ends (the children exec, so never theirs) */
        if (!made_dir[0]) {
                snprintf(made_dir, sizeof made_dir, "%s", out);
                atexit(remove_made_dir);
        }
}

void bench_rmdir(const char *dir)
{
        DIR *d = opendir(dir);
        if (!d)
                return;
        struct dirent *e;
        char p[PATH_MAX + 256];
        while ((e = readdir(d)))
                if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                        unlink(p);
                }
        closedir(d);
        rmdir(dir);
}

void bench_rm_db(const char *path)
{
        static const char *suffix[] = {"", "-wal", "-shm", ".lock", "-journal"};
        char p[PATH_MAX + 16];
        for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
                snprintf(p, sizeof p, "%s%s", path, suffix[i]);
                unlink(p);
        }
}

int bench_copy_file(const char *from, const char *to)
{
        int in = open(from, O_RDONLY);
        if (in < 0)
                return -1;
        int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0) {
                close(in);
                return -1;
        }
        char buf[1 << 16];
        ssize_t r;
        int rc = 0;
        while ((r = read(in, buf, sizeof buf)) > 0)
                if (write(out, buf, (size_t)r) != r) {
                        rc = -1;
                        break;
                }
        if (r < 0)
                rc = -1;
        close(in);
        if (close(out) < 0)
                rc = -1;
        return rc;
}

long long bench_file_size(const char *path)
{
        struct stat st;
        return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

char *bench_run_self(const char *const *args)
{
        char exe[PATH_MAX];
        ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (len <= 0) {
                perror("readlink /proc/self/exe");
                return NULL;
        }
        exe[len] = '\0';
        int nargs = 0;
        while (args[nargs])
                nargs++;
        char **argv = calloc((size_t)nargs + 2, sizeof *argv);
        argv[0] = exe;
        for (int i = 0; i < nargs; i++)
                argv[i + 1] = (char *)args[i];
        int fd[2];
        if (pipe(fd) < 0) {
                perror("pipe");
                free(argv);
                return NULL;
        }
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid < 0) {
                perror("fork");
                free(argv);
                return NULL;
        }
        if (pid == 0) {
                dup2(fd[1], 1);
                close(fd[0]);
                close(fd[1]);
                execv(exe, argv);
                perror("execv");
                _exit(127);
        }
        free(argv);
        close(fd[1]);
        struct sb out = {0};
        char buf[4096];
        ssize_t r;
        while ((r = read(fd[0], buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
                if (r > 0)
                        sb_addn(&out, buf, (size_t)r);
        close(fd[0]);
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr, "benchmark child (%s) failed:\n%s\n", args[0], sb_str(&out));
                sb_free(&out);
                return NULL;
        }
        char *s = pk_xstrdup(sb_str(&out));
        sb_free(&out);
        return s;
}

void bench_script_add(struct bench_script *s, const char *fmt, ...)
{
        if (s->n == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 256;
                s->lines = pk_xrealloc(s->lines, (size_t)s->cap * sizeof *s->lines);
                s->linenos = pk_xrealloc(s->linenos, (size_t)s->cap * sizeof *s->linenos);
        }
        struct sb b = {0};
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(&b, fmt, ap);
        va_end(ap);
        s->lines[s->n] = pk_xstrdup(sb_str(&b));
        s->linenos[s->n] = s->n + 1;
        s->n++;
        sb_free(&b);
}

void bench_script_free(struct bench_script *s)
{
        for (int i = 0; i < s->n; i++)
                free(s->lines[i]);
        free(s->lines);
        free(s->linenos);
        memset(s, 0, sizeof *s);
}

static const char *const member_names[BENCH_MEMBERS] = {
    "Anne Sørensen", "Jens Berg",        "Mette Lund",      "Ole Friis",
    "Sara Kjær",     "Peter Dam",        "Lise Krog",       "Karen Holm",
    "Henrik Juul",   "Birgitte Møller",  "Lars Bach",       "Camilla Vestergaard",
    "Søren Thomsen", "Hanne Kristensen", "Mads Nygaard",    "Pia Halberg",
    "Torben Skov",   "Louise Andersen",  "Niels Overgaard", "Rikke Holst",
    "Jesper Bruun",  "Tina Mikkelsen",   "Kasper Lind",     "Dorthe Winther",
    "Erik Dahl",
};
static const char *const member_parties[BENCH_MEMBERS] = {
    "A", "V", "A", "V", "F", "A", "V", "C", "A", "O", "B", "V", "A",
    "F", "Ø", "C", "A", "V", "O", "B", "A", "F", "V", "Ø", "A",
};

const char *bench_member(int i)
{
        return member_names[((i % BENCH_MEMBERS) + BENCH_MEMBERS) % BENCH_MEMBERS];
}

const char *bench_party(int i)
{
        return member_parties[((i % BENCH_MEMBERS) + BENCH_MEMBERS) % BENCH_MEMBERS];
}

void bench_gen_body(struct bench_script *s)
{
        bench_script_add(s, "body \"Bænkby Kommune\" profile=lolland-2023 seats=%d", BENCH_MEMBERS);
        for (int i = 0; i < BENCH_MEMBERS; i++)
                bench_script_add(s, "member \"%s\" party=%s role=%s", bench_member(i),
                                 bench_party(i),
                                 i == 0   ? "mayor"
                                 : i == 1 ? "deputy"
                                          : "member");
}

/* Appends a list of quoted names: the members idx[from..to-1]. */
static void names(struct sb *b, const int *idx, int from, int to)
{
        for (int i = from; i < to; i++)
                sb_addf(b, "%s\"%s\"", i > from ? "," : "", bench_member(idx[i]));
}

/* A named vote among the members in idx[0..n-1] (all present): nfor of them for, nagainst
 * against (after a rotation by rot), the others abstaining. */
static void named_vote(struct bench_script *s, const int *idx, int n, int rot, int nfor,
                       int nagainst)
{
        int r[BENCH_MEMBERS];
        for (int i = 0; i < n; i++)
                r[i] = idx[(i + rot) % n];
        struct sb b = {0};
        sb_add(&b, "vote for=");
        names(&b, r, 0, nfor);
        sb_add(&b, " against=");
        names(&b, r, nfor, nfor + nagainst);
        sb_add(&b, " abstain=rest");
        bench_script_add(s, "%s", sb_str(&b));
        sb_free(&b);
}

/* Day number of a civil date (days since 1970-01-01) and back (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
        y -= m <= 2;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[64])
{
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp + (mp < 10 ? 3 : -9);
        snprintf(out, 64, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

void bench_gen_long_meeting(struct bench_script *s, int target)
{
        bench_gen_body(s);
        /* fixed part: body, members, meeting, dispatched, present, open, close, signatures */
        int fixed = 1 + BENCH_MEMBERS + 4 + 1 + BENCH_MEMBERS;
        int items = (int)((target - fixed) / 21.4 + 0.5);
        if (items < 1)
                items = 1;
        bench_script_add(s, "meeting 2027-03-04 16:00");
        for (int i = 1; i <= items; i++) {
                if (i % 10 == 7)
                        bench_script_add(s, "item \"Køb af ejendom, sag %d\" category=real-estate",
                                         i);
                else
                        bench_script_add(s, "item \"Sag %d: lokalplan og kommuneplantillæg\"", i);
        }
        bench_script_add(s, "dispatched 2027-02-18");
        struct sb b = {0};
        sb_add(&b, "present");
        for (int i = 0; i < BENCH_MEMBERS; i++)
                sb_addf(&b, " \"%s\"", bench_member(i));
        bench_script_add(s, "%s", sb_str(&b));
        sb_free(&b);
        bench_script_add(s, "open");
        /* the named votes name members 0..23; member 24 leaves and comes back now and then */
        int idx[BENCH_MEMBERS - 1];
        for (int i = 0; i < BENCH_MEMBERS - 1; i++)
                idx[i] = i;
        const int n = BENCH_MEMBERS - 1, away = BENCH_MEMBERS - 1;
        /* the open items first, then the closed ones (§ 1, stk. 4) */
        for (int t = 0; t < items; t++) {
                int open_items = items - (items + 3) / 10;
                int i = t < open_items ? t + 1 + (t + 3) / 9 : 7 + 10 * (t - open_items);
                int r = i % n;
                bench_script_add(s, "take %d", i);
                if (i % 5 == 0)
                        bench_script_add(s, "leave \"%s\"", bench_member(away));
                bench_script_add(s, "speaker \"%s\"", bench_member(r));
                bench_script_add(s, "speaker \"%s\"", bench_member(r + 1));
                bench_script_add(s, "next");
                bench_script_add(s, "next");
                bench_script_add(s, "motion \"Indstillingen i sag %d godkendes\" by=\"%s\"", i,
                                 bench_member(0));
                bench_script_add(
                    s, "amend \"Byggehøjden i sag %d nedsættes til tre etager\" by=\"%s\"", i,
                    bench_member(r + 2));
                bench_script_add(s, "amend \"Sag %d genoptages efter høring\" by=\"%s\"", i,
                                 bench_member(r + 3));
                bench_script_add(s, "amend \"Kun to etager\" to=A1 by=\"%s\"", bench_member(r + 4));
                bench_script_add(s, "ballot");
                named_vote(s, idx, n, r, 8, 12); /* A1.1 rejected */
                bench_script_add(s, "ballot");
                named_vote(s, idx, n, r + 5, 13, 9); /* A1 adopted */
                bench_script_add(s, "ballot");
                bench_script_add(s, "vote for=party:A,party:V against=rest"); /* A2 */
                bench_script_add(s, "ballot");
                named_vote(s, idx, n, r + 11, 14, 8); /* M adopted */
                /* the first member voting against M, after the rotation */
                bench_script_add(s, "dissent \"%s\" \"Kan ikke støtte indstillingen\"",
                                 bench_member(idx[(14 + r + 11) % n]));
                if (i % 5 == 0)
                        bench_script_add(s, "arrive \"%s\"", bench_member(away));
                if (i % 10 == 7)
                        bench_script_add(s,
                                         "decision \"Ejendommen matr. nr. %d købes for %d kr.\" "
                                         "public=\"Ejendommen købes\"",
                                         i, 1000000 + 1000 * i);
                else
                        bench_script_add(s,
                                         "decision \"Indstillingen i sag %d er godkendt med "
                                         "ændringsforslag A1 og A2\"",
                                         i);
                bench_script_add(s, "done");
        }
        bench_script_add(s, "close");
        for (int i = 0; i < BENCH_MEMBERS; i++)
                bench_script_add(s, "sign \"%s\"", bench_member(i));
}

void bench_gen_history_meeting(struct bench_script *s, int k, bool current)
{
        char date[64], sent[64];
        long day = days_from_civil(2016, 1, 5) + 7L * k;
        civil_from_days(day, date);
        civil_from_days(day - 14, sent);
        bench_script_add(s, "meeting %s 16:00", date);
        bench_script_add(s, "item \"Godkendelse af dagsorden\"");
        for (int j = 2; j <= 20; j++) {
                if (j == 20) /* the closed item last (§ 1, stk. 4) */
                        bench_script_add(
                            s, "item \"Salg af grund, matr. nr. %d\" category=real-estate",
                            k * 20 + j);
                else
                        bench_script_add(s, "item \"Møde %d, punkt %d: budgetopfølgning\"", k + 1,
                                         j);
        }
        bench_script_add(s, "dispatched %s", sent);
        int absent = k % BENCH_MEMBERS;
        int idx[BENCH_MEMBERS], n = 0;
        struct sb b = {0};
        sb_add(&b, "present");
        for (int i = 0; i < BENCH_MEMBERS; i++)
                if (i != absent) {
                        idx[n++] = i;
                        sb_addf(&b, " \"%s\"", bench_member(i));
                }
        bench_script_add(s, "%s", sb_str(&b));
        sb_free(&b);
        bench_script_add(s, "absent \"%s\" reason=\"ferie\"", bench_member(absent));
        bench_script_add(s, "open");
        bench_script_add(s, "take 1");
        bench_script_add(s, "declare \"Dagsordenen er godkendt\"");
        bench_script_add(s, "decide");
        bench_script_add(s, "done");
        for (int j = 2; j <= 20; j++) {
                bench_script_add(s, "take %d", j);
                bench_script_add(s, "motion \"Indstillingen til punkt %d godkendes\"", j);
                if (j % 4 == 0 || (current && j == 5))
                        bench_script_add(s, "amend \"Punkt %d udsættes til næste møde\" by=\"%s\"",
                                         j, bench_member(idx[(k + j) % n]));
                if (current && j == 5) {
                        bench_script_add(s, "ballot");
                        return;
                }
                if (j % 4 == 0) {
                        bench_script_add(s, "ballot");
                        named_vote(s, idx, n, k + j, 6, 15); /* A1 rejected */
                }
                bench_script_add(s, "ballot");
                if (j % 2 == 0)
                        named_vote(s, idx, n, k + 3 * j, 15, 6);
                else
                        bench_script_add(s, "vote for=rest against=party:Ø,party:B");
                if (j == 20)
                        bench_script_add(s,
                                         "decision \"Grunden sælges til K. Hansen for %d kr.\" "
                                         "public=\"Grunden sælges\"",
                                         500000 + 1000 * k);
                else
                        bench_script_add(s, "decision \"Indstillingen er godkendt\"");
                bench_script_add(s, "done");
        }
        bench_script_add(s, "close");
        for (int i = 0; i < n; i++)
                bench_script_add(s, "sign \"%s\"", bench_member(idx[i]));
}

int bench_parse_sizes(const char *s, int *out, int max)
{
        int n = 0;
        while (*s && n < max) {
                char *end;
                long v = strtol(s, &end, 10);
                if (end == s || v < 1 || v > 100000)
                        return 0;
                if (n > 0 && v <= out[n - 1])
                        return 0;
                out[n++] = (int)v;
                s = end;
                if (*s == ',')
                        s++;
                else if (*s)
                        return 0;
        }
        return n;
}
