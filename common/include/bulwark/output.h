/*
 * bulwark/output.h — the writers that render findings: clang-style text,
 * JSON and SARIF 2.1.0.  Rules never print; the CLI picks a writer.
 *
 * Every writer escapes whatever it is given (file names, messages, code)
 * for its format, so hostile strings from analysed code cannot break the
 * output.  Writers return BW_ERR_IO when the stream fails and BW_ERR_NOMEM
 * when memory runs out; they write nothing partial they can avoid.
 */
#ifndef BULWARK_OUTPUT_H
#define BULWARK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/rule_info.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bw_format { BW_FORMAT_TEXT, BW_FORMAT_JSON, BW_FORMAT_SARIF } bw_format;

/* "text", "json", "sarif". */
bool bw_format_parse(const char *name, bw_format *out);

typedef struct bw_report {
    const bw_findings *findings;          /* sorted and fingerprinted */
    const bw_rule_info *const *rules;     /* every rule that ran (for SARIF rule metadata) */
    size_t rule_count;
    const bw_loosenings *loosenings;      /* shown in every report; may be NULL */
    const char *tool_version;             /* "0.1.0" */
    const char *root;                     /* project root for relative SARIF URIs; may be NULL */
    bw_severity fail_level;               /* for the summary line */
    size_t files_analyzed;
    size_t files_failed;                  /* TUs that did not parse */
} bw_report;

typedef struct bw_text_options {
    bool color;        /* ANSI colours (the CLI enables them only on a TTY) */
    bool show_source;  /* caret lines read from the source files */
    bool summary;      /* the closing summary line */
} bw_text_options;

/* clang-style diagnostics:
 *   file:line:col: warning: message [BW-RULE]
 *   <source line>
 *       ^~~~
 *   file:line:col: note: flow step ...
 *   note: fix: ...
 * followed by a summary with counts by rule and every loosening. */
bw_status bw_write_text(FILE *out, const bw_report *report, const bw_text_options *opts);
/* One JSON document: {"version":..,"findings":[..],"loosenings":[..],"summary":{..}}. */
bw_status bw_write_json(FILE *out, const bw_report *report);
/* A SARIF 2.1.0 log with one run. */
bw_status bw_write_sarif(FILE *out, const bw_report *report);

/* Writes a single finding in text form (the compiler wrapper prints them one TU at a time). */
bw_status bw_write_text_finding(FILE *out, const bw_finding *f, const bw_text_options *opts);

#ifdef __cplusplus
}
#endif
#endif
