/*
 * BW-UNCHECKED-RETURN (CWE-252, 253): result of a fallible call ignored or tested wrongly.
 * Found by the memory analysis (checkers/src/memory_analyze.c), which
 * writes the message with the sizes involved and the fix hint.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_unchecked_return = {
    .info = {
        .id = "BW-UNCHECKED-RETURN",
        .title = "Result of a fallible call ignored or tested wrongly",
        .summary = "The result of a call whose failure leaves memory or state undefined is ignored or tested wrongly.",
        .cwes = {252, 253, 0},
        .severity = BW_SEV_WARNING,
        .security_severity = "5.3",
        .docs = bw_doc_BW_UNCHECKED_RETURN,
    },
    .is_taint = false,
    .describe = NULL,
};
