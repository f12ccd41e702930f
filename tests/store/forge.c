/*
 * forge.c - a test helper that plays a forger with protokol's own store code: it appends
 * one event with a valid hash, bypassing the engine (no rule is checked, no derived row is
 * written). Usage: forge DB VERB MEETING RETRACTS LINE
 */
#include <stdio.h>
#include <stdlib.h>

#include "protokol/store.h"

int main(int argc, char **argv)
{
        if (argc != 6) {
                fprintf(stderr, "usage: forge DB VERB MEETING RETRACTS LINE\n");
                return 2;
        }
        struct store *st;
        struct pk_err err = {0};
        if (store_open(argv[1], STORE_WRITE, &st, &err) < 0) {
                fprintf(stderr, "forge: %s\n", err.msg);
                return 3;
        }
        struct event ev = {.at = "2027-01-21T18:00:00",
                           .verb = argv[2],
                           .line = argv[5],
                           .result = "ok",
                           .meeting = atoi(argv[3]),
                           .retracts = atoll(argv[4])};
        int rc = store_append(st, &ev, NULL, &err);
        if (rc < 0)
                fprintf(stderr, "forge: %s\n", err.msg);
        else
                printf("%lld\n", (long long)ev.seq);
        store_close(&st);
        return rc < 0 ? 3 : 0;
}
