/*
 * fileio.h - writing an output file so that a reader never sees half of it.
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
/*
 * May an output be written to path? Refused (-1, err set, exit status 1) when path is the
 * database db (or its -wal, -shm, -journal or .lock file), whatever path reaches it, or any
 * existing SQLite file. "-" and NULL (standard output) are always fine.
 */
int pk_check_output(const char *path, const char *db, struct pk_err *err);
int pk_write_file(const char *path, const char *text, size_t len, mode_t mode, struct pk_err *err);

#endif
