/*
 * BW-ALLOC-SIZE-OVERFLOW (CWE-190, 680, 789): allocation size may overflow.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_alloc_size_overflow = {
    .info = {
        .id = "BW-ALLOC-SIZE-OVERFLOW",
        .title = "Allocation size may overflow",
        .summary = "An allocation size computed from non-constant values with no overflow check, or an untrusted size with no bound.",
        .cwes = {190, 680, 789, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "8.1",
        .docs = bw_doc_BW_ALLOC_SIZE_OVERFLOW,
    },
    .is_taint = false,
    .describe = NULL,
};
