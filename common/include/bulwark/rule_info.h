/*
 * bulwark/rule_info.h — the metadata of a checker rule that output writers,
 * `bulwark explain`, `list-rules`, the docs index and the dashboard read.
 *
 * The table of rules lives in checkers/ (checkers/include/bulwark/rules.h);
 * this header only describes one entry so that common/ writers need not
 * depend on the checker engine.
 */
#ifndef BULWARK_RULE_INFO_H
#define BULWARK_RULE_INFO_H

#include "bulwark/finding.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BW_RULE_MAX_CWES 8

typedef struct bw_rule_info {
    const char *id;                 /* "BW-SQL-INJECTION" */
    const char *title;              /* "SQL query built from untrusted data" */
    const char *summary;            /* one sentence for list-rules and SARIF shortDescription */
    unsigned cwes[BW_RULE_MAX_CWES];/* CWE numbers, 0-terminated */
    bw_severity severity;           /* default severity */
    const char *security_severity;  /* CVSS-like score as text, e.g. "9.8" (SARIF/GitHub) */
    const char *docs;               /* full Markdown page (docs/rules/<id>.md), or NULL */
} bw_rule_info;

#ifdef __cplusplus
}
#endif
#endif
