/*
 * BW-USE-AFTER-FREE (CWE-416): memory used after it was freed.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_use_after_free = {
    .info = {
        .id = "BW-USE-AFTER-FREE",
        .title = "Memory used after it was freed",
        .summary = "A pointer is used after the block it points to was freed (directly or by a callee that frees its parameter).",
        .cwes = {416, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "9.8",
        .docs = bw_doc_BW_USE_AFTER_FREE,
    },
    .is_taint = false,
    .describe = NULL,
};
