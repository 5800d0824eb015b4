/*
 * cache.h — the SQLite summary cache: one row per TU command (file, working
 * directory, flags), holding the TU's flow IR and the content hash of every
 * non-system file it includes.  A row is used only while all of those
 * hashes still match; otherwise the TU is parsed again and the row replaced.
 *
 * Every statement is parameterized; all writes of a run happen in one
 * transaction; the database runs in WAL mode with a busy timeout so several
 * compiler-wrapper processes can share it.  A file that is not a Bulwark
 * cache is never overwritten (BW_ERR_CORRUPT).
 */
#ifndef BW_CHECKERS_CACHE_H
#define BW_CHECKERS_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/status.h"

typedef struct bw_cache bw_cache;

/* Opens (creating it and its directory when needed unless read_only). */
bw_status bw_cache_open(const char *path, bool read_only, bw_cache **out, bw_error *err);
void bw_cache_close(bw_cache *c);

/* The stored IR for `key`: *blob is allocated (bw_free).  BW_ERR_NOT_FOUND
 * when absent. */
bw_status bw_cache_get(bw_cache *c, const char *key, void **blob, size_t *len, bw_error *err);

bw_status bw_cache_begin(bw_cache *c, bw_error *err);
bw_status bw_cache_commit(bw_cache *c, bw_error *err);
void bw_cache_rollback(bw_cache *c);

/* Inside a transaction, before storing TUs whose keys are all different:
 * when the cache holds no symbol and no dependency row yet (a first run),
 * drops those tables' indexes so the rows go in without index upkeep, and
 * the put functions skip their DELETE (no row can match).  On a kernel
 * TU's ~3,300 symbol rows the index upkeep was half of storing the TU.
 * bw_cache_bulk_end builds the same indexes again (bw_cache_commit calls
 * it; the schema and every row are then as without bulk loading); it does
 * nothing when no bulk load was started.  A rollback restores the indexes
 * too. */
bw_status bw_cache_bulk_start(bw_cache *c, bw_error *err);
bw_status bw_cache_bulk_end(bw_cache *c, bw_error *err);
bw_status bw_cache_put(bw_cache *c, const char *key, const char *file, const char *directory,
                       const char *args, const void *blob, size_t len, bw_error *err);

/* Whole-program results: the findings of a run, keyed by everything they
 * depend on (every TU's key and content hashes, the config, the engine).
 * BW_ERR_NOT_FOUND when absent. */
bw_status bw_cache_get_result(bw_cache *c, const char *key, char **text, bw_error *err);
bw_status bw_cache_put_result(bw_cache *c, const char *key, const char *text, bw_error *err);

/* Calls fn for the newest row of every file, in file order. */
typedef bool (*bw_cache_row_fn)(void *ctx, const char *key, const char *file, const char *directory,
                                const char *args);
bw_status bw_cache_each(bw_cache *c, bw_cache_row_fn fn, void *ctx, bw_error *err);

/* A row of a TU's symbol table (USR, role) or dependency table (path,
 * content hash as stored bits). */
typedef struct bw_cache_pair {
    const char *text;
    int64_t num;
} bw_cache_pair;

/* The symbols of the TU stored under `key`: role 0 = defines the function
 * with this USR, 1 = calls it, 2 = mentions the global, 3 = takes the
 * function's address.  Replaces earlier rows of the key; call inside the
 * transaction of bw_cache_put. */
bw_status bw_cache_put_symbols(bw_cache *c, const char *key, const bw_cache_pair *syms, size_t n, bw_error *err);

/* The context a compile of one TU needs (the compiler wrapper): calls fn for
 * every stored TU that defines a function it calls, transitively, or shares
 * a global with it (and for TUs stored without symbols), then `called` for
 * each function of the TU that another stored TU calls (role 1) or takes the
 * address of (role 3).  BW_ERR_NOT_FOUND
 * when the cache has no symbol table (an older, read-only cache). */
typedef bool (*bw_cache_usr_fn)(void *ctx, const char *usr, int role);
bw_status bw_cache_each_related(bw_cache *c, const char *key, bw_cache_row_fn fn, bw_cache_usr_fn called,
                                void *ctx, bw_error *err);

/* The files of the TU stored under `key` and their content hashes (the IR
 * holds them too), so that a run can tell an unchanged TU without decoding
 * its IR.  bw_cache_each_dep: BW_ERR_NOT_FOUND when none are stored. */
bw_status bw_cache_put_deps(bw_cache *c, const char *key, const bw_cache_pair *deps, size_t n, bw_error *err);
typedef bool (*bw_cache_dep_fn)(void *ctx, const char *path, uint64_t hash);
bw_status bw_cache_each_dep(bw_cache *c, const char *key, bw_cache_dep_fn fn, void *ctx, bw_error *err);

#endif
