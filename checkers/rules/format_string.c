/*
 * BW-FORMAT-STRING (CWE-134): a format string that is not a literal and
 * comes from untrusted or unknown data.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

static void describe(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint)
{
    if (ev->via_other_param) {
        /* not the callee's own format parameter: the format is made inside
         * it from this argument (a name formatted once, then used as a
         * format), and the fix is there */
        bw_buf_printf(msg, "%s reaches %s(), which uses it as a format string",
                      ev->origin == BW_ORIGIN_SOURCE ? "untrusted data" : "data of unknown origin",
                      ev->sink_function);
        bw_buf_printf(hint, "inside %s(), pass the text as an argument of a literal format (\"%%s\")",
                      ev->sink_function);
        return;
    }
    bw_buf_printf(msg, "format string of %s() comes from %s data%s", ev->sink_function,
                  ev->origin == BW_ORIGIN_SOURCE ? "untrusted" : "unknown-origin",
                  ev->via_wrapper ? " (through its format parameter)" : "");
    bw_buf_printf(hint, "pass the text as an argument of a literal format: %s(%s\"%%s\", %s)",
                  ev->sink_function, ev->args_before != NULL ? ev->args_before : "",
                  ev->value_name != NULL ? ev->value_name : "text");
}

const bw_rule bw_rule_format_string = {
    .info = {
        .id = "BW-FORMAT-STRING",
        .title = "Non-literal format string from untrusted data",
        .summary = "printf-style format built from non-constant data: use a literal format with %s.",
        .cwes = {134, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "8.1",
        .docs = bw_doc_BW_FORMAT_STRING,
    },
    .is_taint = true,
    .taint_kind = BW_TAINT_FORMAT,
    .report_unknown = true,
    .describe = describe,
};
