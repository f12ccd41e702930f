/*
 * fileio.c - input files read whole, with one set of messages; atomic output files: a
 * temporary file, written whole and synced, then renamed over the target.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protokol/fileio.h"
#include "protokol/i18n.h"

static int input_fail(struct pk_err *err, const char *path, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int input_fail(struct pk_err *err, const char *path, int code, const char *fmt, ...)
{
        pk_err_clear(err);
        pk_strlcpy(err->file, path, sizeof err->file);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->exit_code = code;
        return -1;
}

int pk_read_file(const char *path, const struct pk_input *in, char **out, size_t *len,
                 struct pk_err *err)
{
        *out = NULL;
        *len = 0;
        FILE *f = fopen(path, "rb");
        if (!f)
                return input_fail(err, path, PK_EXIT_REFUSED, _("cannot open %s: %s"), _(in->noun),
                                  strerror(errno));
        struct stat st;
        if (fstat(fileno(f), &st) != 0) {
                int saved = errno;
                fclose(f);
                return input_fail(err, path, PK_EXIT_IO, _("cannot read %s: %s"), _(in->noun),
                                  strerror(saved));
        }
        if (S_ISDIR(st.st_mode)) {
                fclose(f);
                return input_fail(err, path, PK_EXIT_REFUSED, _("is a directory, not %s"),
                                  _(in->kind));
        }
        if (!S_ISREG(st.st_mode)) {
                fclose(f);
                return input_fail(err, path, PK_EXIT_REFUSED, _("is not a regular file"));
        }
        if ((unsigned long long)st.st_size > in->max) {
                fclose(f);
                return input_fail(err, path, PK_EXIT_REFUSED,
                                  _("the file is larger than %zu bytes"), in->max);
        }
        /* The size may change while reading: read up to max + 1 and check again. */
        size_t cap = (size_t)st.st_size + 1, n = 0;
        char *buf = pk_xmalloc(cap + 1);
        for (;;) {
                if (n == cap) {
                        if (cap > in->max)
                                break;
                        cap = cap * 2 > in->max + 1 ? in->max + 1 : cap * 2;
                        buf = pk_xrealloc(buf, cap + 1);
                }
                size_t k = fread(buf + n, 1, cap - n, f);
                n += k;
                if (k == 0)
                        break;
        }
        bool bad = ferror(f);
        int saved = errno;
        fclose(f);
        if (bad) {
                free(buf);
                return input_fail(err, path, PK_EXIT_IO, _("cannot read %s: %s"), _(in->noun),
                                  strerror(saved));
        }
        if (n > in->max) {
                free(buf);
                return input_fail(err, path, PK_EXIT_REFUSED,
                                  _("the file is larger than %zu bytes"), in->max);
        }
        buf[n] = '\0';
        *out = buf;
        *len = n;
        return 0;
}

static char protected_db[PATH_MAX];

void pk_output_protect(const char *db)
{
        pk_strlcpy(protected_db, db ? db : "", sizeof protected_db);
}

/* The absolute place of path: its directory resolved, and its last name. */
static int place_of(const char *path, char *out, size_t n)
{
        char d[PATH_MAX], b[PATH_MAX], real[PATH_MAX];
        pk_strlcpy(d, path, sizeof d);
        pk_strlcpy(b, path, sizeof b);
        if (!realpath(dirname(d), real))
                return -1;
        snprintf(out, n, "%s/%s", real, basename(b));
        return 0;
}

/* Whether out names the same file as f (same inode, or the same place if either is not
 * there). */
static bool same_file(const char *out, const struct stat *os, bool oexists, const char *f)
{
        struct stat fs;
        if (stat(f, &fs) == 0 && oexists)
                return fs.st_dev == os->st_dev && fs.st_ino == os->st_ino;
        char a[PATH_MAX + 300], b[PATH_MAX + 300];
        return place_of(out, a, sizeof a) == 0 && place_of(f, b, sizeof b) == 0 && !strcmp(a, b);
}

int pk_output_check(const char *path, struct pk_err *err)
{
        if (!path || !strcmp(path, "-"))
                return 0;
        struct stat os;
        bool oexists = stat(path, &os) == 0;
        const char *why = NULL;
        if (protected_db[0]) {
                static const char *suffix[] = {"", "-wal", "-shm", "-journal", ".lock"};
                char real[PATH_MAX];
                bool has_real = realpath(protected_db, real) != NULL;
                for (int i = 0; i < 5 && !why; i++) {
                        char f[PATH_MAX + 16];
                        for (int k = 0; k < (has_real ? 2 : 1) && !why; k++) {
                                snprintf(f, sizeof f, "%s%s", k ? real : protected_db, suffix[i]);
                                if (same_file(path, &os, oexists, f))
                                        why = i == 0   ? _("it is the database")
                                              : i == 1 ? _("it is the database's write-ahead log")
                                              : i == 2 ? _("it is the database's shared-memory "
                                                           "index")
                                              : i == 3 ? _("it is the database's journal")
                                                       : _("it is the database's lock file");
                        }
                }
        }
        if (!why && oexists && S_ISREG(os.st_mode)) {
                int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
                char h[16];
                if (fd >= 0) {
                        if (read(fd, h, sizeof h) == (ssize_t)sizeof h &&
                            !memcmp(h, "SQLite format 3", 16))
                                why = _("it is an SQLite database");
                        close(fd);
                }
        }
        if (!why)
                return 0;
        pk_strlcpy(err->file, path, sizeof err->file);
        pk_err_set(err, _("refusing to write here: %s; nothing was written"), why);
        err->exit_code = 1;
        return -1;
}

int pk_write_file(const char *path, const char *text, size_t len, mode_t mode, struct pk_err *err)
{
        if (!path || !strcmp(path, "-")) {
                if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
                        pk_err_set(err, _("cannot write to standard output: %s"), strerror(errno));
                        return -1;
                }
                return 0;
        }
        if (pk_output_check(path, err) < 0)
                return -1;
        pk_strlcpy(err->file, path, sizeof err->file);
        char tmp[1100];
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0) {
                pk_err_set(err, _("cannot write: %s"), strerror(errno));
                return -1;
        }
        size_t off = 0;
        while (off < len) {
                ssize_t w = write(fd, text + off, len - off);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        pk_err_set(err, _("cannot write: %s"), strerror(errno));
                        close(fd);
                        unlink(tmp);
                        return -1;
                }
                off += (size_t)w;
        }
        if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
                pk_err_set(err, _("cannot write: %s"), strerror(errno));
                unlink(tmp);
                return -1;
        }
        return 0;
}
