/*
 * fileio.c - atomic output files: a temporary file, written whole and synced, then renamed
 * over the target.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "protokol/fileio.h"
#include "protokol/i18n.h"

int pk_write_file(const char *path, const char *text, size_t len, mode_t mode, struct pk_err *err)
{
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
