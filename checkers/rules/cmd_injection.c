/*
 * BW-CMD-INJECTION (CWE-78): a shell command built from untrusted data.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

static void describe(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint)
{
    bw_buf_printf(msg, "shell command built from %s data reaches %s()%s",
                  ev->origin == BW_ORIGIN_SOURCE ? "untrusted" : "unknown-origin", ev->sink_function,
                  ev->via_wrapper ? ", which runs it" : "");
    bw_buf_puts(hint, ev->api_hint != NULL ? ev->api_hint :
                      "run the program with execv()/posix_spawn() and pass the value as its own argument");
}

const bw_rule bw_rule_cmd_injection = {
    .info = {
        .id = "BW-CMD-INJECTION",
        .title = "OS command built from untrusted data",
        .summary = "A string built from non-constant data is run by a shell: use execv() with an argument vector.",
        .cwes = {78, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "9.8",
        .docs = bw_doc_BW_CMD_INJECTION,
    },
    .is_taint = true,
    .taint_kind = BW_TAINT_CMD,
    .report_unknown = true,
    .describe = describe,
};
