/*
 * BW-XSS (CWE-79): untrusted data written into an HTML response unescaped.
 * Only flows from real sources are reported: text of unknown origin in a
 * page is too common to be a useful warning.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

static void describe(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint)
{
    bw_buf_printf(msg, "untrusted data is written into an HTML response by %s() without HTML escaping",
                  ev->sink_function);
    bw_buf_puts(hint, ev->api_hint != NULL ? ev->api_hint :
                      "escape the value for HTML (g_markup_escape_text() or an escaper marked BW_SANITIZER(html))");
}

const bw_rule bw_rule_xss = {
    .info = {
        .id = "BW-XSS",
        .title = "Untrusted data in an HTML response",
        .summary = "Request data reaches an HTML page unescaped: escape it for HTML first.",
        .cwes = {79, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "6.1",
        .docs = bw_doc_BW_XSS,
    },
    .is_taint = true,
    .taint_kind = BW_TAINT_HTML,
    .report_unknown = false,
    .describe = describe,
};
