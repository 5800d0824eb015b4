/*
 * cursor_map.h — remembers a small result per libclang cursor, for the
 * lowerings' questions whose answer depends only on the cursor (a
 * variable's key or place): each reference to a variable asked libclang
 * for its USR or spelling location again, ~0.9 G instructions on SQLite.
 *
 * Keys are compared with clang_equalCursors.  The map keeps copies of the
 * cursors, which stay valid while their translation unit does.  The
 * lowerings' per-type tables share their slot function here too.
 */
#ifndef BW_CHECKERS_CURSOR_MAP_H
#define BW_CHECKERS_CURSOR_MAP_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct bw_cursor_map {
    CXCursor *keys;
    uint32_t *vals;
    uint8_t *used;
    uint32_t cap, count;
} bw_cursor_map;

#define BW_CURSOR_MAP_INIT {NULL, NULL, NULL, 0, 0}

/* true and *val when `c` is in the map. */
bool bw_cursor_map_get(const bw_cursor_map *m, CXCursor c, uint32_t *val);
/* Inserts or replaces; false when out of memory (the map is unchanged). */
bool bw_cursor_map_put(bw_cursor_map *m, CXCursor c, uint32_t val);
/* Empties the map, keeping its memory. */
void bw_cursor_map_clear(bw_cursor_map *m);
/* Frees the map; accepts an empty one. */
void bw_cursor_map_free(bw_cursor_map *m);

/* Both lowerings remember facts per libclang type in a direct-mapped
 * table of BW_TYPE_SLOTS slots: a few thousand types on SQLite answer half
 * a million nodes, and each answer took several libclang calls. */
#define BW_TYPE_SLOTS 4096u /* a power of two */

/* `t`'s slot in such a table. */
static inline uint32_t bw_type_slot(CXType t)
{
    uint64_t h = ((uint64_t)(uintptr_t)t.data[0] ^ (uint64_t)(uintptr_t)t.data[1] >> 4 ^ (uint64_t)t.kind) *
                 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 52) & (BW_TYPE_SLOTS - 1);
}

/* clang_equalTypes without the library call (it compares these fields). */
static inline bool bw_same_type(CXType a, CXType b)
{
    return a.kind == b.kind && a.data[0] == b.data[0] && a.data[1] == b.data[1];
}

/* Two numbers remembered per cursor (both lowerings keep a called
 * declaration's interned names this way). */
typedef struct bw_cursor_pairs {
    bw_cursor_map index; /* cursor -> its pair's index in vals */
    uint32_t (*vals)[2];
    uint32_t n, cap;
} bw_cursor_pairs;

#define BW_CURSOR_PAIRS_INIT {BW_CURSOR_MAP_INIT, NULL, 0, 0}

/* true and pair[0..1] when `c` has a pair. */
bool bw_cursor_pairs_get(const bw_cursor_pairs *m, CXCursor c, uint32_t pair[2]);
/* Remembers (a, b) for `c`, which has none yet; false when out of memory. */
bool bw_cursor_pairs_add(bw_cursor_pairs *m, CXCursor c, uint32_t a, uint32_t b);
/* Frees the pairs; accepts an empty set. */
void bw_cursor_pairs_free(bw_cursor_pairs *m);

/* Dense numbers for a TU's libclang files, 0, 1, 2, ... in the order they
 * are added (the TU's file list and the location cache each keep a record
 * per file in an array; a kernel TU has ~600 files, so no linear search). */
typedef struct bw_file_ids {
    CXFile *files;   /* by number */
    uint32_t *slots; /* open addressing on the CXFile pointer: number + 1, 0 empty */
    uint32_t n, cap, capslots;
} bw_file_ids;

/* f's number, or UINT32_MAX when it has none. */
uint32_t bw_file_ids_find(const bw_file_ids *t, CXFile f);
/* Numbers `f`, which has none yet: returns its number (the previous n), or
 * UINT32_MAX when out of memory (t is unchanged). */
uint32_t bw_file_ids_add(bw_file_ids *t, CXFile f);
/* Frees t's memory; accepts a zeroed one. */
void bw_file_ids_free(bw_file_ids *t);

#endif
