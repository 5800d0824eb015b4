/*
 * loc_cache.h — the expansion location (file, line, column) of a libclang
 * source location, for the two lowerings: resolving one cost ~850
 * instructions in libclang, ~590,000 times on SQLite.  A miss asks
 * libclang only for the file and offset and finds the line in the file's
 * own line index; a direct-mapped table of recent answers serves the
 * locations asked again soon after (a node and its implicit cast, the
 * nodes of one function).  A table of every location (310,000 distinct)
 * saved no more instructions and raised the peak RSS by 30 MiB.
 *
 * Keys are a location's raw encoding (int_data), valid for the one
 * translation unit whose source manager the first cached location named;
 * other locations are resolved without the table.
 */
#ifndef BW_CHECKERS_LOC_CACHE_H
#define BW_CHECKERS_LOC_CACHE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "cursor_map.h"
#include "ir.h"

typedef struct bw_loc {
    uint32_t file; /* interned file name; BW_NONE when the location has no file */
    uint32_t line, col;
} bw_loc;

typedef struct bw_loc_slot {
    uint32_t key; /* int_data */
    bool used;
    bw_loc loc;
} bw_loc_slot;

/* A file's interned name and, when its lines end in '\n' only, the offset
 * of each line's start (lines then cost a binary search instead of
 * libclang's line and column queries).  An entry can exist before its
 * first location (ready false): the lowering hands over the file's text
 * it already has, since each clang_getFileContents scans the source
 * manager for the file (tu_files.h). */
typedef struct bw_loc_file {
    CXFile file;
    uint32_t name;
    uint32_t *starts; /* NULL: ask libclang for lines and columns */
    uint32_t nstarts;
    uint32_t hint; /* index in starts of the last line answered */
    const char *text; /* libclang's buffer of the file, when handed over */
    size_t len;
    bool ready; /* name and starts are set */
} bw_loc_file;

#define BW_LOC_SLOTS 65536u /* a power of two; 1.25 MiB */

typedef struct bw_loc_cache {
    CXTranslationUnit ctu;
    bw_loc_slot *slots; /* BW_LOC_SLOTS, allocated on first use */
    const void *sm; /* ptr_data[0] of the cached locations (their source manager) */
    bw_loc_file *files;
    uint32_t nfiles, capfiles;
    bw_file_ids ids; /* a file's number is its index in files */
    uint32_t last; /* index in files of the previous miss's file: consecutive
                    * locations nearly always share it */
    const char *dir; /* the TU's directory (NULL: ours), for bw_file_name_intern */
} bw_loc_cache;

/* `f`'s name interned in `tu`, absolute when libclang's is relative and
 * `dir` (the TU's directory) is absolute: a header found through a
 * relative include directory (the kernel's -I./include) is spelled
 * "./include/linux/x.h", relative to the TU's directory, which neither the
 * reader of a report nor the cache is in.  "." components are dropped;
 * ".." ones are kept (a symbolic link makes them not lexical).  BW_NONE
 * when out of memory. */
uint32_t bw_file_name_intern(bw_ir_tu *tu, CXFile f, const char *dir);

/* An empty cache for the locations of `ctu`. */
void bw_loc_cache_init(bw_loc_cache *c, CXTranslationUnit ctu);

/* Hands over `f`'s text (clang_getFileContents' answer, valid while the TU
 * is) so a location in it does not ask again; false when out of memory. */
bool bw_loc_cache_set_text(bw_loc_cache *c, CXFile f, const char *text, size_t len);

/* The expansion location of `sl`, its file name interned in `tu`.  Sets
 * *oom (and answers without caching) when memory runs out. */
bw_loc bw_loc_get(bw_loc_cache *c, bw_ir_tu *tu, CXSourceLocation sl, bool *oom);

/* Frees the cache; accepts an empty one. */
void bw_loc_cache_free(bw_loc_cache *c);

#endif
