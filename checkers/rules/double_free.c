/*
 * BW-DOUBLE-FREE (CWE-415): memory freed twice.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_double_free = {
    .info = {
        .id = "BW-DOUBLE-FREE",
        .title = "Memory freed twice",
        .summary = "A block is freed a second time on some path.",
        .cwes = {415, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "9.8",
        .docs = bw_doc_BW_DOUBLE_FREE,
    },
    .is_taint = false,
    .describe = NULL,
};
