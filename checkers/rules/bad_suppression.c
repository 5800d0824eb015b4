/*
 * BW-BAD-SUPPRESSION: an inline `bulwark-ignore` that gives no reason,
 * names no rule, or suppresses nothing.  Reported by the engine itself.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

const bw_rule bw_rule_bad_suppression = {
    .info = {
        .id = "BW-BAD-SUPPRESSION",
        .title = "Malformed or unused inline suppression",
        .summary = "A bulwark-ignore comment without a reason, for an unknown rule, or with nothing to suppress.",
        .cwes = {0},
        .severity = BW_SEV_WARNING,
        .security_severity = "0.0",
        .docs = bw_doc_BW_BAD_SUPPRESSION,
    },
    .is_taint = false,
    .describe = NULL,
};
