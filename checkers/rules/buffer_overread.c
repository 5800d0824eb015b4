/*
 * BW-BUFFER-OVERREAD (CWE-126, 125): read past the end of a buffer.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_buffer_overread = {
    .info = {
        .id = "BW-BUFFER-OVERREAD",
        .title = "Read past the end of a buffer",
        .summary = "A read past the end of a buffer: an index, or a copy from a smaller source.",
        .cwes = {126, 125, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "7.5",
        .docs = bw_doc_BW_BUFFER_OVERREAD,
    },
    .is_taint = false,
    .describe = NULL,
};
