/*
 * BW-UNCHECKED-ALLOC (CWE-690, 476, 252): allocation result used without a null check.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_unchecked_alloc = {
    .info = {
        .id = "BW-UNCHECKED-ALLOC",
        .title = "Allocation result used without a NULL check",
        .summary = "The result of an allocator is dereferenced, indexed or passed to a memory function on a path without a NULL check.",
        .cwes = {690, 476, 252, 0},
        .severity = BW_SEV_WARNING,
        .security_severity = "5.5",
        .docs = bw_doc_BW_UNCHECKED_ALLOC,
    },
    .is_taint = false,
    .describe = NULL,
};
