/*
 * bulwark/rules.h — the checker rule registry.
 *
 * Every rule is one file checkers/rules/<name>.c exporting one `bw_rule`
 * descriptor; checkers/rules/rules.def lists every rule exactly once, and
 * that list is the only table: `bulwark list-rules`, `bulwark explain`,
 * enabling/disabling in .bulwark.yaml, the SARIF rule metadata and the docs
 * index all read it.  Rules never print: they describe what a flow means
 * (message, fix hint) and the engine builds the finding.
 *
 * Thread safety: the registry is immutable static data; every function here
 * may be called from any thread at any time.
 */
#ifndef BULWARK_RULES_H
#define BULWARK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/buf.h"
#include "bulwark/rule_info.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Taint kinds: what a sink consumes and what a sanitizer makes safe.  A
 * value sanitized for one kind (HTML-escaped) is still dangerous for another
 * (SQL).  The names are the ones written in .bulwark.yaml and in the
 * annotation macros of <bulwark/annotations.h>.
 */
typedef enum bw_taint_kind {
    BW_TAINT_SQL = 0,
    BW_TAINT_CMD,
    BW_TAINT_LDAP,
    BW_TAINT_HTML,
    BW_TAINT_FORMAT,
    BW_TAINT_KIND_COUNT
} bw_taint_kind;

#define BW_TAINT_ALL_KINDS ((1u << BW_TAINT_KIND_COUNT) - 1u)

/* "sql", "cmd", "ldap", "html", "format"; NULL for an out-of-range kind. */
const char *bw_taint_kind_name(bw_taint_kind kind);
/* Parses one of the names above; false for anything else. */
bool bw_taint_kind_parse(const char *name, bw_taint_kind *out);

/* Where the data that reached a sink comes from. */
typedef enum bw_origin {
    BW_ORIGIN_SOURCE = 0, /* an untrusted input: argv, getenv, recv, a database read, ... */
    BW_ORIGIN_UNKNOWN     /* non-constant data nobody in the compile database explains */
} bw_origin;

/* What the engine tells a rule about one flow that reached one sink. */
typedef struct bw_sink_event {
    bw_origin origin;
    const char *sink_function;  /* "sqlite3_exec", or the user wrapper at a call site */
    const char *api_hint;       /* the sink table's replacement advice, or NULL */
    const char *value_name;     /* the expression that reached the sink, e.g. "query" */
    const char *source_desc;    /* "getenv()" / "parameter 'name' of f()" / NULL */
    bool via_wrapper;           /* the sink is inside a called function */
    bool via_other_param;       /* via_wrapper, and what reaches the sink there is not the
                                   called function's own format parameter (another
                                   argument, or a member of one) */
    bool mprintf_percent_s;     /* the SQL was built by sqlite3_mprintf-style %s */
    const char *args_before;    /* source text of the sink call's arguments before the value
                                   ("stderr, "), NULL when unknown or none precede it */
} bw_sink_event;

/*
 * One rule.  `info` is what the outside world sees.  Taint rules set
 * `taint_kind` and `describe`; rules that are not about taint (issue 4's
 * memory-safety rules) leave `describe` NULL and will add their own hook.
 */
typedef struct bw_rule {
    bw_rule_info info;
    bool is_taint;              /* uses the flow engine's sinks of `taint_kind` */
    bw_taint_kind taint_kind;
    bool report_unknown;        /* report flows of unknown origin (as warnings) */
    /* Writes the one-sentence message and the fix hint for `ev`.
     * Must only append to msg/hint; never NULL for taint rules. */
    void (*describe)(const bw_sink_event *ev, bw_buf *msg, bw_buf *hint);
} bw_rule;

/* Number of rules in the registry (constant for the life of the process). */
size_t bw_rules_count(void);
/* The metadata of rule `index` (0 <= index < bw_rules_count()), in the
 * registry's fixed order; NULL when index is out of range. */
const bw_rule_info *bw_rules_info(size_t index);
/* The rule with this id ("BW-SQL-INJECTION"; exact, case-sensitive match),
 * or NULL when no rule has it or id is NULL. */
const bw_rule_info *bw_rules_find(const char *id);

/* The full descriptor of rule `index` / `id` (engine and tests); NULL when
 * absent. */
const bw_rule *bw_rule_at(size_t index);
const bw_rule *bw_rule_find(const char *id);

/* The meta-rule that reports malformed or unused inline suppressions. */
#define BW_RULE_BAD_SUPPRESSION "BW-BAD-SUPPRESSION"

#ifdef __cplusplus
}
#endif
#endif
