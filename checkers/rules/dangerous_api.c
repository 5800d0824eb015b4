/*
 * BW-DANGEROUS-API (CWE-242, 676): dangerous unbounded api.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_dangerous_api = {
    .info = {
        .id = "BW-DANGEROUS-API",
        .title = "Dangerous unbounded API",
        .summary = "gets(), `cin >> char_array`, or strcpy/strcat/sprintf/unbounded scanf where the fit cannot be proven.",
        .cwes = {242, 676, 0},
        .severity = BW_SEV_WARNING,
        .security_severity = "7.5",
        .docs = bw_doc_BW_DANGEROUS_API,
    },
    .is_taint = false,
    .describe = NULL,
};
