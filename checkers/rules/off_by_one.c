/*
 * BW-OFF-BY-ONE (CWE-193, 131, 170): off-by-one size or terminator error.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_off_by_one = {
    .info = {
        .id = "BW-OFF-BY-ONE",
        .title = "Off-by-one size or terminator error",
        .summary = "A buffer is one element too small, or a string may lose its terminator.",
        .cwes = {193, 131, 170, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "7.8",
        .docs = bw_doc_BW_OFF_BY_ONE,
    },
    .is_taint = false,
    .describe = NULL,
};
