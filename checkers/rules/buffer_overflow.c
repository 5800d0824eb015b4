/*
 * BW-BUFFER-OVERFLOW (CWE-120, 121, 122, 787, 805, 129): write past the end of a buffer.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_buffer_overflow = {
    .info = {
        .id = "BW-BUFFER-OVERFLOW",
        .title = "Write past the end of a buffer",
        .summary = "A copy, read or index writes past the end of its destination.",
        .cwes = {120, 121, 122, 787, 805, 129, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "9.8",
        .docs = bw_doc_BW_BUFFER_OVERFLOW,
    },
    .is_taint = false,
    .describe = NULL,
};
