/*
 * elect_int.h - what elect.c shares with elect_kkr.c: exact quotient comparison and the lots.
 */
#ifndef PROTOKOL_ELECT_INT_H
#define PROTOKOL_ELECT_INT_H

#include "protokol/elect.h"

/* a/b compared with c/d (b, d > 0): -1, 0 or 1. */
int elect_qcmp(long long a, long long b, long long c, long long d);
/* The lot must hold exactly the n tied entries, each once: 0, or -1 with err. */
int elect_lot_check(const struct elect_lot *l, const int *tied, int n, struct pk_err *err);
/* Sorts tied[] (n entries) into the lot's order. */
void elect_lot_sort(const struct elect_lot *l, int *tied, int n);
/* The lot drawn for stage at quotient num/den that covers the tied, or NULL. */
const struct elect_lot *elect_find_keyed(const struct elect_keyed_lot *lots, int nlots, int stage,
                                         long long num, long long den, const int *tied, int n);

#endif
