/*
 * bulwark/roadmap.h — the memory-safety roadmap: the roadmap file, the
 * measurements a snapshot takes, the phase criteria, and the reports.
 *
 * The roadmap file (default `bulwark-roadmap.yaml` at the repository root,
 * docs/roadmap.md describes every key) declares the organisation-level
 * items CISA's "The Case for Memory Safe Roadmaps" asks for and, per
 * component, its paths, owner, phase plan with target dates and external
 * dependencies.  A snapshot measures every component and stores the result
 * in the tracker database (bulwark/tracker.h) in one transaction; reports
 * are rendered from the database or from merged JSON exports.
 *
 * Every function that can fail returns a bw_status with detail in a
 * bw_error; nothing here prints.  Destructors accept NULL.
 */
#ifndef BULWARK_ROADMAP_H
#define BULWARK_ROADMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/status.h"
#include "bulwark/tracker.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BW_ROADMAP_FILENAME "bulwark-roadmap.yaml"
/* Version of the roadmap file format this build reads. */
#define BW_ROADMAP_FILE_VERSION 1

/* ---- the roadmap file --------------------------------------------------------- */

typedef struct bw_rm_phase {
    char *name;
    char *description;   /* or NULL */
    char **criteria;     /* criterion ids (see bw_criterion_*) */
    size_t criteria_count;
} bw_rm_phase;

typedef struct bw_rm_milestone {
    char *phase;         /* a phase name */
    char *target;        /* "YYYY-MM-DD" */
    bool done;           /* the team claims it done; criteria decide */
    unsigned line;
} bw_rm_milestone;

typedef struct bw_rm_dependency {
    char *name;
    char *language;      /* or NULL */
    char *status;        /* free text: "hardened", "replacing with X", ... */
    char *plan;          /* or NULL */
    unsigned line;
} bw_rm_dependency;

typedef struct bw_rm_component {
    char *name;
    char **paths;        /* globs relative to the root; "**" crosses directories */
    size_t path_count;
    char *owner;
    char *isolation;     /* how it is sandboxed / bounded, or NULL */
    char **binaries;     /* globs for the programs/modules built from it, matched
                            against audit-log "program"/"module" and verified
                            binary paths (full path or base name) */
    size_t binary_count;
    bw_rm_milestone *plan;
    size_t plan_count;
    bw_rm_dependency *deps;
    size_t dep_count;
    unsigned line;
} bw_rm_component;

typedef struct bw_roadmap {
    char *source;                 /* file name, for messages */
    char *organization;
    char *executive_sponsor;
    char *memory_safe_new_code_date;  /* "YYYY-MM-DD" */
    char *training_plan;
    char *transparency;           /* publication cadence, e.g. "quarterly" */
    char *cve_policy;
    char *dependency_plan;        /* plan for external C/C++ dependencies */
    bw_rm_phase *phases;          /* in order; the first is the starting phase */
    size_t phase_count;
    bw_rm_component *components;
    size_t component_count;
} bw_roadmap;

/* Loads and validates a roadmap file.  On BW_ERR_PARSE, err holds
 * "file:line:col: message" naming the first problem. */
bw_status bw_roadmap_load_file(const char *path, bw_roadmap **out, bw_error *err);
bw_status bw_roadmap_load_string(const char *text, size_t len, const char *name,
                                 bw_roadmap **out, bw_error *err);
void bw_roadmap_free(bw_roadmap *rm);

/* Index of the phase called `name`, or -1. */
int bw_roadmap_phase_index(const bw_roadmap *rm, const char *name);

/* The commented starter file for `bulwark roadmap init`: one component per
 * top-level directory of `root` that holds source files (hidden and build
 * directories skipped).  Caller frees *out with bw_free. */
bw_status bw_roadmap_starter(const char *root, char **out, bw_error *err);

/* The repository root for `start` (a directory): the nearest directory at
 * or above it holding ".git", else `start` itself, as an absolute path
 * without symlinks.  Caller frees *out with bw_free. */
bw_status bw_roadmap_find_root(const char *start, char **out, bw_error *err);

/* Glob matching for component paths: '*' and '?' stay inside one path
 * segment, "**" matches any number of segments, "[...]" classes; a pattern
 * ending in '/', or without wildcards naming a directory, matches
 * everything below it. */
bool bw_glob_match(const char *pattern, const char *path);
/* Index of the first component whose paths match `relpath`, or -1. */
int bw_roadmap_component_for(const bw_roadmap *rm, const char *relpath);
/* Index of the first component whose `binaries` match a program or module
 * name or path (its base name is tried too), or -1. */
int bw_roadmap_component_for_binary(const bw_roadmap *rm, const char *name);

/* ---- languages and code metrics -------------------------------------------------- */

typedef enum bw_comment_style {
    BW_COMMENTS_C,      /* // and slash-star */
    BW_COMMENTS_HASH,   /* # */
    BW_COMMENTS_ASM,    /* ; # // and slash-star */
    BW_COMMENTS_NONE
} bw_comment_style;

typedef struct bw_language {
    const char *name;       /* "C", "C++", "Rust", ... */
    bool memory_safe;
    bool c_family;          /* scanned for unsafe constructs */
    bw_comment_style comments;
} bw_language;

/* The language table (data); index -1 is "not source code". */
size_t bw_language_count(void);
const bw_language *bw_language_at(size_t index);
/* Language of a file by name/extension, or -1. */
int bw_language_for_path(const char *path);

typedef enum bw_unsafe_kind {
    BW_UNSAFE_LIBC_CALL,      /* calls to unchecked libc functions (table) */
    BW_UNSAFE_POINTER_ARITH,  /* *(p + n), p += n on a dereferenced pointer, ... */
    BW_UNSAFE_POINTER_CAST,   /* casts to a non-void pointer type, reinterpret_cast */
    BW_UNSAFE_INLINE_ASM,     /* asm / __asm__ */
    BW_UNSAFE_SUPPRESSION,    /* bulwark-ignore comments */
    BW_UNSAFE_KIND_COUNT
} bw_unsafe_kind;

/* "unchecked-libc-call", "pointer-arithmetic", "pointer-cast", "inline-asm", "suppression". */
const char *bw_unsafe_kind_name(bw_unsafe_kind kind);

typedef struct bw_file_metrics {
    uint64_t code_lines;      /* lines holding code (not blank, not only comment) */
    uint64_t unsafe[BW_UNSAFE_KIND_COUNT];
} bw_file_metrics;

/* Measures one file's text in language `lang` (an index from the table).
 * Never fails; unknown languages count non-blank lines. */
void bw_metrics_scan(int lang, const char *text, size_t len, bw_file_metrics *out);

/* ---- phase criteria --------------------------------------------------------------- */

/* What criteria are evaluated against: one component's measurements. */
typedef struct bw_component_metrics {
    uint64_t lines_unsafe;        /* C, C++, assembly, Objective-C, ... */
    uint64_t lines_safe;          /* Rust, Go, Swift, Java, C#, Python, ... */
    bool has_previous;            /* a previous snapshot exists */
    uint64_t prev_lines_unsafe;   /* its lines_unsafe */
    uint64_t unsafe_constructs;
    uint64_t findings_open;       /* unsuppressed findings */
    uint64_t findings_high;       /* unsuppressed, severity error */
    uint64_t tu_total, tu_hardened;
    uint64_t runtime_violations;
    uint64_t runtime_report_only; /* violations logged in report-only mode */
    uint64_t baseline_size;
    bool isolation_declared;
} bw_component_metrics;

typedef struct bw_criterion_result {
    const char *id;
    bool holds;
    char detail[200];             /* why it holds or fails, with the numbers */
} bw_criterion_result;

/* The known criterion ids, in table order; NULL past the end. */
const char *bw_criterion_id_at(size_t index);
/* A one-line description of a criterion, or NULL when unknown. */
const char *bw_criterion_describe(const char *id);
/* Evaluates one criterion.  BW_ERR_NOT_FOUND for an unknown id. */
bw_status bw_criterion_eval(const char *id, const bw_component_metrics *m,
                            bw_criterion_result *out, bw_error *err);

/* ---- snapshots ---------------------------------------------------------------------- */

typedef struct bw_snapshot_options {
    const char *root;           /* repository root (required) */
    const char *taken_at;       /* RFC 3339 UTC; NULL = now */
    const char *git_commit;     /* NULL = `git rev-parse HEAD` (none outside git) */
    const char *tool_version;   /* recorded with the snapshot */
} bw_snapshot_options;

/* Measures every component and stores one snapshot atomically.  Files come
 * from `git ls-files` (or a directory walk outside git); findings from the
 * latest check run and the latest record of each TU; baseline size from the
 * latest baseline; loosenings from everything recorded.  *snapshot_id may
 * be NULL. */
bw_status bw_snapshot_take(bw_tracker *t, const bw_roadmap *rm, const bw_snapshot_options *opts,
                           int64_t *snapshot_id, bw_error *err);

/* ---- reports ---------------------------------------------------------------------------- */

typedef struct bw_rm_report bw_rm_report;

typedef enum bw_rm_format {
    BW_RM_HTML,
    BW_RM_MARKDOWN,
    BW_RM_JSON,
    BW_RM_STATUS      /* the terminal summary of `bulwark roadmap status` */
} bw_rm_format;

/* "html", "markdown" (or "md"), "json", "status". */
bool bw_rm_format_parse(const char *name, bw_rm_format *out);

typedef struct bw_report_options {
    const char *product;   /* product name shown; NULL = repository directory name */
    const char *as_of;     /* "YYYY-MM-DD" for due/late; NULL = today (UTC) */
    const char *tool_version;
    /* Longest series drawn per chart (older points are thinned evenly). */
    size_t max_points;     /* 0 = 200 */
} bw_report_options;

/* Builds the report model from the tracker database (BW_ERR_NOT_FOUND when
 * there is no snapshot yet). */
bw_status bw_rm_report_from_db(bw_tracker *t, const bw_report_options *opts,
                               bw_rm_report **out, bw_error *err);
/* Merges JSON exports (--format json) of several repositories into one
 * organisation-level report; each product's components stay apart. */
bw_status bw_rm_report_merge(const char *const *paths, size_t count,
                             const bw_report_options *opts, bw_rm_report **out, bw_error *err);
/* Renders the report.  *out is NUL-terminated; caller frees with bw_free. */
bw_status bw_rm_report_render(const bw_rm_report *r, bw_rm_format format, char **out,
                              size_t *len, bw_error *err);
/* True when some milestone is late or claimed done while a criterion fails. */
bool bw_rm_report_has_problems(const bw_rm_report *r);
void bw_rm_report_free(bw_rm_report *r);

#ifdef __cplusplus
}
#endif
#endif
