/*
 * bulwark/checkers.h — the static analysis engine.
 *
 * One analysis is a session: create it from a configuration, add translation
 * units (from a compile database, from explicit compiler arguments, or plain
 * paths), run it, then read the findings and loosenings.  Running happens in
 * two phases:
 *
 *   1. Per TU, in parallel: libclang parses the TU and the engine lowers every
 *      function defined outside system headers into a small flow IR (kept in
 *      the summary cache, keyed by the content of the TU and every header it
 *      includes plus its flags, so an unchanged TU is never parsed again).
 *   2. Whole program, deterministic: per-function summaries (which parameter
 *      reaches which sink kind, the return value, an out-parameter or a
 *      global; which functions are sources, sanitizers or sink wrappers) are
 *      computed to a fixpoint over every function of every TU, and then each
 *      function is checked against the rules with its callees' summaries.
 *
 * Output order does not depend on -j or on cache state: findings are sorted,
 * de-duplicated and fingerprinted before they are returned.
 *
 * Error handling follows status.h: every fallible function returns a
 * bw_status and fills the caller's bw_error; nothing here prints.  A TU that
 * fails to parse is not an error of bw_session_run(): it is skipped, counted
 * (bw_session_failed_count) and its compiler diagnostics are available from
 * bw_session_problem().  Destructors accept NULL.
 *
 * Thread safety: a session must be used from one thread at a time; it
 * starts its own worker threads inside bw_session_run().
 */
#ifndef BULWARK_CHECKERS_H
#define BULWARK_CHECKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/config.h"
#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bw_session bw_session;

/* Called from the thread that runs bw_session_run() after each TU of phase 1
 * (done counts up to total; file is the TU just finished).  May be NULL. */
typedef void (*bw_progress_fn)(void *ctx, size_t done, size_t total, const char *file);

typedef struct bw_check_options {
    unsigned jobs;            /* worker threads for parsing; 0 = one per online CPU */
    const char *cache_path;   /* SQLite summary cache; NULL = no cache */
    bool cache_read_only;     /* read the cache but never write it */
    bw_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
    const char *root;         /* project root: findings' paths are made relative
                                 to it; NULL = the config's root */
    double time_limit;        /* seconds per TU: lowering stops after it, the
                                 whole-program analysis after it times the TUs;
                                 the TU or run then fails (BW_ERR_TOOL); 0 = none.
                                 A parse libclang has not finished at twice
                                 the limit, and 1 s past it (clang loops for
                                 ever on some malformed code), is left running
                                 and its TU fails (stats.left_running) */
    bool all_header_functions; /* also analyse the static and inline functions
                                  of headers that the TU does not use (default:
                                  only those it calls or names, as scan-build) */
} bw_check_options;

#define BW_DEFAULT_TIME_LIMIT 300.0

/* Fills opts with the defaults: all cores, no cache, no progress, root NULL,
 * BW_DEFAULT_TIME_LIMIT. */
void bw_check_options_init(bw_check_options *opts);

/* The default cache location for a run: "<build_dir>/bulwark-cache.db" when
 * build_dir is non-NULL, else "<root>/.bulwark/cache.db".  The caller frees
 * the result with bw_free; NULL on allocation failure.  The directory is
 * created by the session when it opens the cache. */
char *bw_default_cache_path(const char *build_dir, const char *root);

/* Creates a session.  `cfg` must outlive the session (it is not copied);
 * `opts` is copied (its strings too) and may be NULL for the defaults.
 * The `taint:` section of cfg is validated here: BW_ERR_PARSE with a
 * "file:line:col: message" detail when it is malformed. */
bw_status bw_session_new(const bw_config *cfg, const bw_check_options *opts,
                         bw_session **out, bw_error *err);
/* Safe while parses left running still read the session: the last of the
 * owner and those parses frees it. */
void bw_session_free(bw_session *s);

/* How many parses, of every session in the process, were left running
 * (stats.left_running) and are still inside libclang.  A program should
 * end with _exit() while any is, once its output is flushed, so that
 * libclang's static destructors do not run under them. */
unsigned bw_checkers_parses_left_running(void);

/* Adds every TU of `<build_dir>/compile_commands.json` (each with its own
 * flags and working directory; a file listed twice is analysed once, with
 * its first command).  BW_ERR_NOT_FOUND when the file does not exist,
 * BW_ERR_PARSE (with line and column) when it is not a valid compile
 * database. */
bw_status bw_session_add_compdb(bw_session *s, const char *build_dir, bw_error *err);

/* Adds one TU: the source `file` (relative to `directory` unless absolute),
 * compiled in `directory` (NULL = the current directory) with compiler flags
 * `args[0..nargs)` — flags only: no compiler name, no source file. */
bw_status bw_session_add_tu(bw_session *s, const char *directory, const char *file,
                            size_t nargs, const char *const *args, bw_error *err);

/* Adds one TU from a full compiler command line (argv[0] is the compiler, as
 * in a compile database's "arguments" or the compiler wrapper's argv).  The
 * source files are found among the arguments; output, dependency-file and
 * -c/-S/-E options are dropped.  BW_ERR_USAGE when argv names no C/C++
 * source. */
bw_status bw_session_add_command(bw_session *s, const char *directory, size_t argc,
                                 const char *const *argv, bw_error *err);

/* Adds a source file that has no compile command: its flags are the config's
 * `compile-flags` when it has any, else those of an already added TU in the
 * same directory (the nearest neighbour), else none. */
bw_status bw_session_add_file(bw_session *s, const char *file, bw_error *err);

/* Analyses `path` (a TU or a header) with `data` instead of its content on
 * disk (the pre-commit checker passes staged content).  The data is copied.
 * Call it before bw_session_run: a run's parses read the content it replaces. */
bw_status bw_session_set_content(bw_session *s, const char *path, const char *data,
                                 size_t len, bw_error *err);

/* Restricts the reported findings to files added with this call (absolute or
 * cwd-relative paths).  Without any call every file is reported.  TUs not in
 * focus still take part in the summaries (from the cache when unchanged). */
bw_status bw_session_focus(bw_session *s, const char *path, bw_error *err);

/* Adds, as context, every TU stored in the cache that is not otherwise part of
 * the session (the compiler wrapper uses this to see the callers and callees
 * compiled earlier).  Their stored IR is used only while their files are
 * unchanged; no findings are reported in them unless focused.  No-op without
 * a cache. */
bw_status bw_session_add_cached_tus(bw_session *s, bw_error *err);
/* Parses (or loads from the cache) the TUs added so far, without analysing;
 * bw_session_run does it for whatever is still missing. */
bw_status bw_session_parse(bw_session *s, bw_error *err);
/* After bw_session_parse: adds as context only the cached TUs the added
 * TUs can reach — those defining functions they call (transitively) or
 * sharing a global — and notes which of their functions other cached TUs
 * call.  What bw_check_tu uses; bw_session_add_cached_tus adds them all. */
bw_status bw_session_add_related_cached_tus(bw_session *s, bw_error *err);

/* Runs both phases.  Returns BW_OK even when TUs failed to parse (see
 * bw_session_failed_count); errors are for the run itself (out of memory,
 * cache corruption, libclang unusable). */
bw_status bw_session_run(bw_session *s, bw_error *err);

/* Results, valid until bw_session_free().  The findings are sorted and
 * fingerprinted; suppressed findings are included with `suppression` set. */
const bw_findings *bw_session_findings(const bw_session *s);
/* Moves the findings into `out` (appended); the session's list is emptied. */
bw_status bw_session_take_findings(bw_session *s, bw_findings *out, bw_error *err);
/* The loosenings of this run: the config's and every inline suppression. */
const bw_loosenings *bw_session_loosenings(const bw_session *s);

/* Counters of the last run. */
typedef struct bw_session_stats {
    size_t tus;          /* TUs in the session */
    size_t parsed;       /* parsed by libclang in this run */
    size_t from_cache;   /* taken from the cache unparsed */
    size_t failed;       /* failed to parse (skipped) */
    size_t functions;    /* functions analysed */
    unsigned fixpoint_rounds;
    bool results_from_cache; /* nothing changed: the findings came from the cache */
    size_t left_running; /* parses libclang had not finished in time (see
                            time_limit; BW_TU_TIME_LIMIT): their threads were
                            left running (bw_checkers_parses_left_running).
                            After as many as the run has workers, the TUs
                            not parsed yet are skipped */
} bw_session_stats;
void bw_session_get_stats(const bw_session *s, bw_session_stats *out);

/* Why a TU was skipped. */
typedef enum bw_tu_failure {
    BW_TU_DOES_NOT_COMPILE, /* clang reported errors */
    BW_TU_UNREADABLE,       /* the file could not be read */
    BW_TU_TIME_LIMIT        /* lowering it took longer than opts.time_limit,
                               or libclang's parse far longer */
} bw_tu_failure;

/* TUs that failed to parse, could not be read or ran out of time: index <
 * stats.failed.  `file` is the TU; `diagnostics` is clang's own text (one
 * diagnostic per line) or the reason in one line.  NULL out of range. */
typedef struct bw_tu_problem {
    const char *file;
    const char *diagnostics;
    bw_tu_failure why;
} bw_tu_problem;
const bw_tu_problem *bw_session_problem(const bw_session *s, size_t index);

/*
 * The per-TU entry point for the compiler wrapper: analyse the TU compiled by
 * `argv` (full compiler command, argv[0] the compiler) in `directory`, with
 * every other TU in the cache as context, store its IR in the cache, and
 * append the findings located in this TU's files to `out` and the run's
 * loosenings to `loosenings` (may be NULL).  BW_ERR_TOOL when the TU does
 * not parse, with clang's diagnostics in err.
 */
bw_status bw_check_tu(const bw_config *cfg, const char *directory, size_t argc,
                      const char *const *argv, const bw_check_options *opts,
                      bw_findings *out, bw_loosenings *loosenings, bw_error *err);

/* Validates the `taint:` section of cfg (the same check bw_session_new does);
 * `bulwark config check` uses it.  BW_OK when absent. */
bw_status bw_taint_config_check(const bw_config *cfg, bw_error *err);

/* Validates the `memory:` section of cfg (allocators, deallocators, copies,
 * must-check, cannot-fail; see docs/checkers.md), as bw_session_new does.
 * BW_OK when absent; BW_ERR_PARSE with "file:line:col: message". */
bw_status bw_memory_config_check(const bw_config *cfg, bw_error *err);

#ifdef __cplusplus
}
#endif
#endif
