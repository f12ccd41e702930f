/*
 * assets.c - locates data files: <directory of the binary>/assets/REL (the build tree),
 * then PROTOKOL_DATADIR/REL (the installed data directory).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "protokol/assets.h"

static int try_path(const char *path, char *out, size_t n)
{
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || strlen(path) >= n)
                return -1;
        memcpy(out, path, strlen(path) + 1);
        return 0;
}

int asset_path(const char *rel, char *out, size_t n)
{
        char exe[PATH_MAX], path[PATH_MAX + 256];
        ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (len > 0) {
                exe[len] = '\0';
                char *slash = strrchr(exe, '/');
                if (slash) {
                        *slash = '\0';
                        snprintf(path, sizeof path, "%s/assets/%s", exe, rel);
                        if (try_path(path, out, n) == 0)
                                return 0;
                }
        }
        snprintf(path, sizeof path, "%s/%s", PROTOKOL_DATADIR, rel);
        return try_path(path, out, n);
}
