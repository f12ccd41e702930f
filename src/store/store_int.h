/*
 * store_int.h - what the store's own modules share: the SQLite connection of a store.
 * Only src/store/ includes this (and sqlite3.h).
 */
#ifndef PROTOKOL_STORE_INT_H
#define PROTOKOL_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "protokol/store.h"

/* The connection, or NULL for a read-only file that holds no record yet. */
sqlite3 *store_sqlite(struct store *st);
bool store_writable(const struct store *st);

#endif
