/*
 * bulwark/finding.h — the finding model shared by the checkers, the compiler
 * wrapper, the pre-commit checker and the roadmap tracker.
 *
 * A finding is one rule violation at one primary location, with the ordered
 * flow that leads to it (source -> ... -> sink), a fix hint, and a stable
 * fingerprint that survives line shifts and reformatting.  A finding owns
 * every string it points to; bw_finding_free() releases them.
 */
#ifndef BULWARK_FINDING_H
#define BULWARK_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bw_severity {
    BW_SEV_NONE = 0, /* below every level; used as "fail on nothing" */
    BW_SEV_NOTE,
    BW_SEV_WARNING,
    BW_SEV_ERROR
} bw_severity;

/* "note", "warning", "error" ("none" for BW_SEV_NONE). */
const char *bw_severity_name(bw_severity sev);
/* Parses the names above; returns false for anything else. */
bool bw_severity_parse(const char *name, bw_severity *out);

/* A source range.  Lines and columns are 1-based; 0 means unknown.
 * `file` is owned by whatever owns the location. */
typedef struct bw_location {
    char *file;
    unsigned line, column;
    unsigned end_line, end_column;
} bw_location;

typedef struct bw_flow_step {
    bw_location loc;
    char *message; /* e.g. "'name' comes from getenv()" */
} bw_flow_step;

#define BW_FINGERPRINT_LEN 32 /* hex digits */

typedef struct bw_finding {
    char *rule_id;          /* "BW-SQL-INJECTION" */
    bw_severity severity;
    char *message;          /* one sentence, no trailing newline */
    bw_location loc;        /* primary location (the sink) */
    char *function;         /* enclosing function, or NULL at file scope */
    char *code;             /* source text of the primary statement (fingerprint input) */
    bw_flow_step *steps;    /* ordered: source first, sink last */
    size_t step_count;
    char *fix_hint;         /* human advice, or NULL */
    bw_location fix_range;  /* range a machine fix replaces (file NULL: none) */
    char *fix_replacement;  /* replacement text for fix_range, or NULL */
    char *suppression;      /* non-NULL: suppressed inline; the reason given */
    char fingerprint[BW_FINGERPRINT_LEN + 1]; /* "" until computed */
} bw_finding;

/* Creates a finding; copies every string.  NULL on allocation failure. */
bw_finding *bw_finding_new(const char *rule_id, bw_severity severity,
                           const char *message, const bw_location *loc);
/* Appends a flow step (copied). */
bw_status bw_finding_add_step(bw_finding *f, const bw_location *loc, const char *message);
bw_status bw_finding_set_function(bw_finding *f, const char *function);
bw_status bw_finding_set_code(bw_finding *f, const char *code);
/* hint may be NULL; range/replacement may be NULL for "no machine fix". */
bw_status bw_finding_set_fix(bw_finding *f, const char *hint,
                             const bw_location *range, const char *replacement);
bw_status bw_finding_set_suppression(bw_finding *f, const char *reason);
/* Deep copy; NULL on allocation failure. */
bw_finding *bw_finding_clone(const bw_finding *f);
void bw_finding_free(bw_finding *f);

/* Location helpers: copy (file duplicated) and release. */
bw_status bw_location_copy(bw_location *dst, const bw_location *src);
void bw_location_clear(bw_location *loc);

/* An owning list of findings. */
typedef struct bw_findings {
    bw_finding **items;
    size_t count;
    size_t capacity;
} bw_findings;

#define BW_FINDINGS_INIT {NULL, 0, 0}

/* Takes ownership of f (also on failure, when f is freed). */
bw_status bw_findings_push(bw_findings *list, bw_finding *f);
/* Deterministic order: file, line, column, rule, message, then the flow
 * (fewest steps first) and every other field: a total order. */
void bw_findings_sort(bw_findings *list);
/* Removes the duplicates (same rule, location and message) of a sorted
 * list: the first of them, by the order above, is kept. */
void bw_findings_dedup(bw_findings *list);
/* Computes every fingerprint.  Identical (rule, file, function, code) tuples
 * are numbered in location order so they stay distinct. */
bw_status bw_findings_fingerprint(bw_findings *list);
/* Counts findings at or above `level` that are not suppressed. */
size_t bw_findings_count_at_least(const bw_findings *list, bw_severity level);
/* Frees the findings after the first `count` (an analysis discarding what
 * a pass it redoes reported). */
void bw_findings_truncate(bw_findings *list, size_t count);
void bw_findings_free(bw_findings *list);

/*
 * Fingerprints.  The input is the rule id, the file path as reported
 * (callers pass a path relative to the project root), the enclosing function
 * and the source text of the statement; line numbers are deliberately not
 * part of it.  The code is normalised first: comments removed, whitespace
 * dropped except where it separates two identifier characters, string and
 * character literals kept verbatim.  `occurrence` tells apart identical
 * statements in one function.  `out` receives 32 hex digits and a NUL.
 */
void bw_fingerprint(const char *rule_id, const char *file, const char *function,
                    const char *code, unsigned occurrence,
                    char out[BW_FINGERPRINT_LEN + 1]);
/* The normalised form used above; caller frees with bw_free. NULL on OOM. */
char *bw_normalize_code(const char *code);

#ifdef __cplusplus
}
#endif
#endif
