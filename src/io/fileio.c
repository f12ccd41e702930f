/*
 * fileio.c - atomic output files: a temporary file, written whole and synced, then renamed
 * over the target.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protokol/fileio.h"
#include "protokol/i18n.h"

/* Is path the same file as other (same device and inode)? */
static bool same_file(const char *path, const char *other)
{
        struct stat a, b;
        return stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev &&
               a.st_ino == b.st_ino;
}

int pk_check_output(const char *path, const char *db, struct pk_err *err)
{
        if (!path || !strcmp(path, "-"))
                return 0;
        static const char *const ends[] = {"", "-wal", "-shm", "-journal", ".lock"};
        for (size_t i = 0; db && i < sizeof ends / sizeof ends[0]; i++) {
                char p[1100];
                snprintf(p, sizeof p, "%s%s", db, ends[i]);
                if (same_file(path, p)) {
                        pk_strlcpy(err->file, path, sizeof err->file);
                        pk_err_set(err,
                                   _("is the database (or its %s): an output would replace "
                                     "the record; choose another file"),
                                   ends[i][0] ? ends[i] : _("file"));
                        err->exit_code = 1;
                        return -1;
                }
        }
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
                char h[16];
                ssize_t n = read(fd, h, sizeof h);
                close(fd);
                if (n == 16 && !memcmp(h, "SQLite format 3", 16)) {
                        pk_strlcpy(err->file, path, sizeof err->file);
                        pk_err_set(err,
                                   _("is an SQLite database: protokol does not write an output "
                                     "over it; choose another file"));
                        err->exit_code = 1;
                        return -1;
                }
        }
        return 0;
}

int pk_write_file(const char *path, const char *text, size_t len, mode_t mode, struct pk_err *err)
{
        if (pk_check_output(path, NULL, err) < 0)
                return -1;
        if (!path || !strcmp(path, "-")) {
                if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
                        pk_err_set(err, _("cannot write to standard output: %s"), strerror(errno));
                        return -1;
                }
                return 0;
        }
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
