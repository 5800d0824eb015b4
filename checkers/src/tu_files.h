/*
 * tu_files.h — the files a parsed TU was read from, in libclang's order,
 * and which of them are system headers, asked of libclang as rarely as
 * possible.
 *
 * The lowering records every non-system file of a TU (its content hash for
 * the cache, its suppressions).  It used to ask, per inclusion,
 * clang_Location_isInSystemHeader(clang_getLocationForOffset(tu, f, 0)) and
 * clang_getFileContents(tu, f).  Both find the file's FileID by a linear
 * scan of the source manager's entries — one per inclusion and per macro
 * expansion, ~10^5 in a Linux kernel TU that includes ~600 headers — and
 * the location query also builds the file's macro-argument map: ~500,000
 * and ~300,000 instructions per file, an eighth of a kernel TU's run.
 *
 * Here the system question is first answered from a location libclang
 * hands out anyway: an #include directive inside the file (the inclusion
 * stack of a file it includes) or, for a header that includes nothing, a
 * top-level declaration in it.  Such an answer is the exact one when the
 * location lies in the file's first FileID (the one libclang's lookup
 * finds) and no line marker (`# 12 "x.h"`, which can switch a system
 * header's text back to user code) precedes it; bw_tu_files_is_system
 * checks both and asks libclang the old way whenever it cannot tell
 * (headers of macros only, files entered twice, a possible marker): on
 * three kernel TUs 225 of 1,654 files.
 */
#ifndef BW_CHECKERS_TU_FILES_H
#define BW_CHECKERS_TU_FILES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor_map.h"

typedef struct bw_tu_file {
    CXFile file;
    uint32_t nids; /* how often libclang's inclusion walk named it (its FileIDs) */
    int8_t hint;   /* clang_Location_isInSystemHeader of a location in its first FileID; -1: none */
} bw_tu_file;

typedef struct bw_tu_files {
    bw_tu_file *v; /* each file once */
    uint32_t n, cap;
    uint32_t *order; /* index in v of each inclusion, in clang_getInclusions' order */
    uint32_t norder, caporder;
    bw_file_ids ids; /* a file's number is its index in v */
    bool oom;
} bw_tu_files;

/* Walks `ctu`'s inclusions into fs (which must be zeroed); false when out
 * of memory. */
bool bw_tu_files_collect(bw_tu_files *fs, CXTranslationUnit ctu);

/* Whether v[i] is a system header, exactly as
 * clang_Location_isInSystemHeader(clang_getLocationForOffset(ctu, file, 0))
 * answers.  `text`/`len`: the file's content from clang_getFileContents
 * (NULL when not fetched): the cheap answer needs it to rule out line
 * markers. */
bool bw_tu_files_is_system(const bw_tu_files *fs, CXTranslationUnit ctu, uint32_t i, const char *text, size_t len);

/* Whether the cheap answer may be used for v[i] once its text is known:
 * the caller fetches the text first only then. */
bool bw_tu_files_maybe_user(const bw_tu_files *fs, uint32_t i);

/* Frees fs' memory; accepts a zeroed one. */
void bw_tu_files_free(bw_tu_files *fs);

#endif
