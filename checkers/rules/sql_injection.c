/*
 * BW-SQL-INJECTION (CWE-89): SQL text built from untrusted or unknown data.
 */
#include "bulwark/rules.h"
#include "rule_docs.h"

static void describe(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint)
{
    if (ev->origin == BW_ORIGIN_SOURCE)
        bw_buf_printf(msg, "SQL query built from untrusted data reaches %s()%s", ev->sink_function,
                      ev->via_wrapper ? ", which executes it" : "");
    else
        bw_buf_printf(msg, "SQL query built from data of unknown origin reaches %s()%s",
                      ev->sink_function, ev->via_wrapper ? ", which executes it" : "");
    if (ev->mprintf_percent_s)
        bw_buf_puts(msg, "; the value was inserted with %s where %q or %Q was meant");
    if (ev->mprintf_percent_s)
        bw_buf_puts(hint, "use %q (or %Q, which adds the quotes and handles NULL) instead of %s in "
                          "sqlite3_mprintf(); better: ");
    bw_buf_puts(hint, ev->api_hint != NULL ? ev->api_hint :
                      "use a prepared statement with placeholders and bind the values");
}

const bw_rule bw_rule_sql_injection = {
    .info = {
        .id = "BW-SQL-INJECTION",
        .title = "SQL query built from untrusted data",
        .summary = "A query assembled from non-constant data is executed: bind the values instead.",
        .cwes = {89, 0},
        .severity = BW_SEV_ERROR,
        .security_severity = "9.8",
        .docs = bw_doc_BW_SQL_INJECTION,
    },
    .is_taint = true,
    .taint_kind = BW_TAINT_SQL,
    .report_unknown = true,
    .describe = describe,
};
