/*
 * archive.h - past meetings for viewing: the meetings list and one meeting
 * opened read-only with its details.
 */
#ifndef PROTOKOL_ARCHIVE_H
#define PROTOKOL_ARCHIVE_H

#include "protokol/app.h"

/*
 * Opens meeting (its id, 1-based) of the record at path for viewing: read-only, with every
 * detail of it (agenda with outcomes, attendance as it was, votes, rulings), that meeting
 * current, and item (its number; 0: the first item on the agenda) shown as the item under
 * view. The view records nothing (its store is read-only). 0, or -1 with err set.
 * Today the record is replayed in full; a cheaper per-meeting load may replace the body.
 */
int app_view_meeting(const char *path, int meeting, int item, struct app **out, struct pk_err *err);
/* Shows another meeting of the same view (the record as it was when the view was opened),
 * with item under view; no replay. 0, or -1 with err set (no such meeting). */
int app_view_switch(struct app *view, int meeting, int item, struct pk_err *err);
/* Shows another item (its number) of the viewed meeting as the item under view. */
void app_view_item(struct app *view, int item);

/* The number of agenda items of every meeting, from the record's items table:
 * counts[id - 1] for meeting id (n entries). 0 or -1 with err. */
int store_item_counts(struct store *st, int **counts, int *n, struct pk_err *err);

#endif
