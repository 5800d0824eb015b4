/*
 * BW-BUFFER-UNDERWRITE (CWE-124, 127): access before the start of a buffer.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_buffer_underwrite = {
    .info = {
        .id = "BW-BUFFER-UNDERWRITE",
        .title = "Access before the start of a buffer",
        .summary = "A write or read before the start of a buffer (negative index, pointer moved below its base).",
        .cwes = {124, 127, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "8.1",
        .docs = bw_doc_BW_BUFFER_UNDERWRITE,
    },
    .is_taint = false,
    .describe = NULL,
};
