/*
 * extract.h — lowering a translation unit into the flow IR with libclang.
 */
#ifndef BW_CHECKERS_EXTRACT_H
#define BW_CHECKERS_EXTRACT_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "ir.h"

/*
 * Parses `file` (absolute path) as compiled in `directory` with `args`
 * (compiler flags only) and lowers every function defined outside system
 * headers, except a header's static and inline functions that the TU does
 * not use (called or named by lowered code, directly or through other
 * header functions).  On a parse failure or error diagnostics returns BW_ERR_TOOL and
 * sets *diags_out to clang's formatted diagnostics (caller frees).
 */
bw_status bw_extract_tu(CXIndex index, const char *directory, const char *file,
                        size_t nargs, const char *const *args,
                        struct CXUnsavedFile *unsaved, unsigned nunsaved,
                        bw_ir_tu **out, char **diags_out, bw_error *err);

/* Where the lowering may read the text of the TU's files (their hash and
 * suppressions) instead of asking libclang: clang_getFileContents finds a
 * file by a linear scan of the source manager, ~300,000 instructions per
 * header in a kernel TU, and a reader shared by the TUs of a run reads each
 * header once.  `read` returns the text of `path` (absolute) and its
 * modification time after it was read (seconds), or NULL; the text is used
 * only when that time is the one libclang saw (clang_getFileTime), and it
 * must stay valid while the lowering runs. */
typedef struct bw_extract_reader {
    const char *(*read)(void *ctx, const char *path, size_t *len, int64_t *mtime);
    void *ctx;
} bw_extract_reader;

/* How bw_extract_tu_limited lowers. */
typedef struct bw_extract_options {
    const bw_extract_reader *reader; /* NULL: libclang gives every text */
    double time_limit;               /* seconds from the call; 0 = none */
    bool all_header_functions;       /* also the header functions the TU does not use */
} bw_extract_options;

/* The same with options (NULL: the defaults).  At the time limit, lowering
 * stops at the next top-level declaration and the TU fails with
 * BW_ERR_TOOL, a one-line diagnostic saying so and *timed_out set
 * (timed_out may be NULL). */
bw_status bw_extract_tu_limited(CXIndex index, const char *directory, const char *file,
                                size_t nargs, const char *const *args,
                                struct CXUnsavedFile *unsaved, unsigned nunsaved,
                                const bw_extract_options *opts, bool *timed_out,
                                bw_ir_tu **out, char **diags_out, bw_error *err);

/* Scans `text` (the content of `path_id`'s file) for inline suppressions
 * and appends them to tu.  Exposed for the unit tests. */
bool bw_extract_suppressions(bw_ir_tu *tu, uint32_t path_id, const char *text, size_t len);

/* True when a literal looks like HTML: a content type or markup. */
bool bw_is_html_markup(const char *s);

/* True when `name` never returns (exit, abort, longjmp, err, ...). */
bool bw_is_noreturn(const char *name);

#endif
