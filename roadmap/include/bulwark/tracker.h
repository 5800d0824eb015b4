/*
 * bulwark/tracker.h — the tracker database: what the compiler wrapper, the
 * checker, the pre-commit baseline, `bulwark verify` and the runtime audit
 * logs record, and what the roadmap snapshots and reports read.
 *
 * The database is one SQLite file, by default `.bulwark/tracker.db` under
 * the repository root; the environment variable BULWARK_DB overrides it.
 *
 * Guarantees
 *   - The schema is versioned (PRAGMA user_version) and marked as ours
 *     (PRAGMA application_id = 0x42574B54, "BWKT").  Opening an older
 *     database upgrades it in place, all migrations in one transaction: on
 *     any failure nothing changes.
 *   - A file that is not SQLite, is damaged, or is another program's SQLite
 *     database is refused with BW_ERR_CORRUPT; a database written by a newer
 *     Bulwark is refused with BW_ERR_VERSION.  Neither is ever modified.
 *   - Every statement is parameterized.  Every write is one transaction
 *     (BEGIN IMMEDIATE), so a killed process leaves the previous state.
 *   - Many processes may write at once (`make -j16` through the wrapper):
 *     the database runs in WAL mode with a busy timeout, and a write that
 *     still meets SQLITE_BUSY is retried with back-off for up to
 *     BW_TRACKER_BUSY_MS milliseconds in total before BW_ERR_DB is returned.
 *
 * Threading: a bw_tracker handle is used by one thread at a time.
 * Strings passed in are copied into the database; the caller keeps
 * ownership.  Destructors accept NULL.
 */
#ifndef BULWARK_TRACKER_H
#define BULWARK_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema version this build writes and the oldest it upgrades. */
#define BW_TRACKER_SCHEMA_VERSION 2
#define BW_TRACKER_APPLICATION_ID 0x42574B54
/* Total time a write waits for other writers before giving up. */
#define BW_TRACKER_BUSY_MS 60000

typedef struct bw_tracker bw_tracker;

/*
 * The database path for the repository at `repo_root`: $BULWARK_DB when set
 * and non-empty, else "<repo_root>/.bulwark/tracker.db".  The caller frees
 * *out with bw_free.  Returns BW_OK, BW_ERR_USAGE (repo_root NULL and no
 * BULWARK_DB) or BW_ERR_NOMEM.
 */
bw_status bw_tracker_default_path(const char *repo_root, char **out, bw_error *err);

typedef enum bw_tracker_mode {
    /* Open an existing database for reading: never creates it
     * (BW_ERR_NOT_FOUND when the file is missing or empty).  The file is
     * still opened read-write, because WAL readers need the -shm file, and
     * an older schema is upgraded in place like in WRITE mode. */
    BW_TRACKER_READ = 0,
    /* Open for writing; create the file (and its parent directory) when
     * missing; upgrade an older schema. */
    BW_TRACKER_WRITE = 1
} bw_tracker_mode;

/*
 * Opens the tracker database at `path`.  On success *out is a handle to
 * close with bw_tracker_close.  Errors (message in err, *out set to NULL):
 *   BW_ERR_NOT_FOUND  READ mode and no such file
 *   BW_ERR_CORRUPT    not an SQLite file, damaged, or not a Bulwark tracker
 *   BW_ERR_VERSION    written by a newer Bulwark (schema version too high)
 *   BW_ERR_DB / BW_ERR_IO  SQLite or the file system failed
 *   BW_ERR_NOMEM
 */
bw_status bw_tracker_open(const char *path, bw_tracker_mode mode, bw_tracker **out,
                          bw_error *err);
void bw_tracker_close(bw_tracker *t);
/* The schema version of the open database. */
int bw_tracker_schema_version(const bw_tracker *t);
/* The path the handle was opened with (owned by the handle). */
const char *bw_tracker_path(const bw_tracker *t);

/* ---- one compile unit, recorded by bulwark-cc / bulwark-launch ---------- */

typedef struct bw_tu_protections {
    bool cfi;                 /* indirect-call CFI applied */
    bool shadow_stack;        /* shadow stack applied */
    bool memory_checks;       /* memory-operation bounds checks applied */
    uint64_t icalls_instrumented;       /* indirect calls given a CFI check */
    uint64_t functions_shadow_stacked;  /* functions whose return is protected */
    uint64_t memops_checked;            /* memory operations given a bounds check */
    uint64_t residual_unsafe;           /* operations left unprotected */
} bw_tu_protections;

typedef struct bw_tu_record {
    const char *tu_path;      /* source file; relative to the repository root
                                 preferred (required) */
    const char *output;       /* object file (-o), or NULL */
    const char *build_id;     /* groups one build (e.g. $BULWARK_BUILD_ID), or NULL */
    const char *language;     /* "c" or "c++", or NULL */
    const char *compiler;     /* the real compiler run, or NULL */
    bw_tu_protections protections;
    /* Hardening flags seen on the command line, verbatim
     * ("-D_FORTIFY_SOURCE=3", "-fstack-protector-strong", "-fcf-protection=full",
     * "-ftrivial-auto-var-init=zero", "-pie", "-Wl,-z,relro", ...). */
    const char *const *hardening_flags;
    size_t hardening_flag_count;
    double compile_seconds;   /* wall time of the compile, >= 0 */
    const bw_findings *findings;      /* this TU's findings, or NULL */
    const bw_loosenings *loosenings;  /* e.g. "protection-off", or NULL */
} bw_tu_record;

/*
 * Records one compile.  A TU is identified by (build_id, tu_path, output):
 * recording the same identity again replaces the earlier record and its
 * findings, so a retried or repeated compile in one build never duplicates.
 * "Hardened" means at least one of cfi/shadow_stack/memory_checks was
 * applied.  Returns BW_OK, BW_ERR_USAGE (NULL rec or tu_path), BW_ERR_DB
 * (including busy past BW_TRACKER_BUSY_MS), BW_ERR_NOMEM.
 */
bw_status bw_tracker_record_tu(bw_tracker *t, const bw_tu_record *rec, bw_error *err);

/* ---- one `bulwark check` run --------------------------------------------- */

typedef struct bw_check_run {
    const char *git_commit;   /* or NULL */
    size_t files_analyzed;
    size_t files_failed;
    const bw_findings *findings;     /* every finding, suppressed ones included */
    const bw_loosenings *loosenings; /* disabled rules, fail-level, suppressions */
} bw_check_run;

/* Records a check run; *run_id (may be NULL) receives its id.  The latest
 * run is what snapshots count as open findings. */
bw_status bw_tracker_record_check(bw_tracker *t, const bw_check_run *run, int64_t *run_id,
                                  bw_error *err);

/* ---- the pre-commit baseline -------------------------------------------- */

typedef struct bw_baseline_info {
    const char *path;         /* the baseline file, relative to the root */
    size_t entries;           /* number of findings it holds */
    /* Optional: the file of each entry (entries items) so that snapshots
     * can split the size per component; NULL when unknown. */
    const char *const *entry_files;
    const char *git_commit;   /* or NULL */
    /* Non-NULL when an update was allowed to grow it (--allow-growth): the
     * reason given.  Growth is recorded as a "baseline-growth" loosening. */
    const char *growth_reason;
} bw_baseline_info;

bw_status bw_tracker_record_baseline(bw_tracker *t, const bw_baseline_info *info,
                                     bw_error *err);

/* ---- `bulwark verify` of a built binary ----------------------------------- */

typedef struct bw_binary_record {
    const char *path;          /* required */
    bool pie, relro, bind_now, nx_stack, stack_protector, cet;
    unsigned fortified, fortifiable;
    bool bulwark_instrumented;
    unsigned bulwark_modules;
    bool passed;               /* met what the config requires */
    const char *detail_json;   /* the full verify JSON, or NULL */
} bw_binary_record;

bw_status bw_tracker_record_binary(bw_tracker *t, const bw_binary_record *rec, bw_error *err);

/* ---- loosenings from anywhere else (config load, wrapper settings) -------- */

/* Records each loosening under `source` ("config", "wrapper", "runtime", ...). */
bw_status bw_tracker_record_loosenings(bw_tracker *t, const char *source,
                                       const bw_loosenings *list, bw_error *err);

/* ---- runtime audit logs --------------------------------------------------- */

typedef struct bw_audit_import_stats {
    size_t lines;       /* lines read (a final unterminated line counts) */
    size_t imported;    /* new events stored */
    size_t duplicates;  /* events already in the database (re-import) */
    size_t invalid;     /* not a JSON object, or a required field missing or of the wrong type */
    size_t truncated;   /* cut-off lines: unterminated at end of file or invalid JSON ending early */
    size_t forged;      /* well-formed but impossible: unknown version, time not RFC 3339
                           UTC, pid < 1, unknown mode/action, or a mode/action pair the
                           runtime never writes (enforce+logged, report+abort) */
    size_t blank;       /* empty lines */
} bw_audit_import_stats;

/*
 * Imports runtime audit log lines (JSON lines, format version 1) from `in`;
 * `source_name` names the log in the import record.  Fields: "v" (1),
 * "time" (RFC 3339 UTC, "...Z"), "host", "program", "pid", "kind"
 * (cfi-icall, shadow-stack, memory-bounds, ...), "mode" (enforce|report),
 * "action" (abort|logged), "target" or "address", "symbol", "module".
 * Bad lines are counted in *stats (may be NULL) and skipped; the good ones
 * are stored in one transaction.  Events are deduplicated, so importing a
 * log twice stores nothing new.  Events in report mode are recorded as
 * "report-only" loosenings of their program.
 * Returns BW_OK (also when some lines were bad), BW_ERR_IO, BW_ERR_DB, BW_ERR_NOMEM.
 */
bw_status bw_tracker_import_audit_log(bw_tracker *t, FILE *in, const char *source_name,
                                      bw_audit_import_stats *stats, bw_error *err);

#ifdef __cplusplus
}
#endif
#endif
