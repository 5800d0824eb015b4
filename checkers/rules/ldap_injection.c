/*
 * BW-LDAP-INJECTION (CWE-90): an LDAP search filter built from untrusted data.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

static void describe(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint)
{
    bw_buf_printf(msg, "LDAP search filter built from %s data reaches %s()%s",
                  ev->origin == BW_ORIGIN_SOURCE ? "untrusted" : "unknown-origin", ev->sink_function,
                  ev->via_wrapper ? ", which searches with it" : "");
    bw_buf_puts(hint, ev->api_hint != NULL ? ev->api_hint :
                      "escape the value with ldap_bv2escaped_filter_value() before building the filter");
}

const bw_rule bw_rule_ldap_injection = {
    .info = {
        .id = "BW-LDAP-INJECTION",
        .title = "LDAP filter built from untrusted data",
        .summary = "An LDAP search filter assembled from non-constant data: escape every value (RFC 4515).",
        .cwes = {90, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "8.1",
        .docs = bw_doc_BW_LDAP_INJECTION,
    },
    .is_taint = true,
    .taint_kind = BW_TAINT_LDAP,
    .report_unknown = true,
    .describe = describe,
};
