/*
 * assets.h - finding protokol's data files (demo scripts and the like): next to the
 * binary in the build tree (build/assets/...), then in the installed data directory.
 */
#ifndef PROTOKOL_ASSETS_H
#define PROTOKOL_ASSETS_H

#include <stddef.h>

/* Finds rel (e.g. "demo/council.txt"). Returns 0 with out filled, or -1 if not found. */
int asset_path(const char *rel, char *out, size_t n);

#endif
