/*
 * fileio.h - reading an input file whole, and writing an output file so that a reader never
 * sees half of it.
 */
#ifndef PROTOKOL_FILEIO_H
#define PROTOKOL_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "protokol/util.h"

/*
 * Writes len bytes of text to path through a temporary file beside it, synced and renamed
 * over it (created with mode); path NULL or "-" writes to standard output. Returns 0, or -1
 * with err naming the file and the reason (the temporary file is removed).
 */
int pk_write_file(const char *path, const char *text, size_t len, mode_t mode, struct pk_err *err);

/*
 * The database this process works on (its path as given). pk_write_file and
 * pk_output_check then refuse it, its -wal, -shm, -journal and .lock files, through any
 * name (the same inode, or the same place for a file not yet there).
 */
void pk_output_protect(const char *db);

/*
 * Whether path may receive an output file: not the protected database or one of its
 * files, and not any existing SQLite database. 0, or -1 with err (exit status 1).
 */
int pk_output_check(const char *path, struct pk_err *err);

/* What an input file is, for the messages about it. */
struct pk_input {
        const char *noun; /* "the profile": "cannot open the profile: ..." (translated) */
        const char *kind; /* "a profile file": "is a directory, not a profile file" (translated) */
        size_t max;       /* the largest file read, in bytes */
};

/*
 * Reads the regular file path whole into a NUL-terminated heap buffer (*out, owned by the
 * caller; *len its length without the NUL). Returns 0, or -1 with err naming the file and
 * the reason: missing or unreadable, a directory or not a regular file, larger than
 * in->max. err->exit_code is PK_EXIT_IO for a read error, PK_EXIT_REFUSED otherwise.
 */
int pk_read_file(const char *path, const struct pk_input *in, char **out, size_t *len,
                 struct pk_err *err);

#endif
