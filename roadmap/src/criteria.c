/*
 * criteria.c — the measured criteria a phase must meet before it counts as
 * done.  Each criterion is one row: id, description, evaluator.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bulwark/roadmap.h"

typedef bool (*eval_fn)(const bw_component_metrics *m, char *detail, size_t n);

static bool hardened_build(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " of %" PRIu64 " compile units built with Bulwark hardening",
             m->tu_hardened, m->tu_total);
    if (m->tu_total == 0)
        snprintf(d, n, "no compile unit recorded through bulwark-cc yet");
    return m->tu_total > 0 && m->tu_hardened == m->tu_total;
}

static bool no_high_findings(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " open error-severity findings", m->findings_high);
    return m->findings_high == 0;
}

static bool no_open_findings(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " open findings", m->findings_open);
    return m->findings_open == 0;
}

static bool isolation_declared(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%s",
             m->isolation_declared ? "isolation declared in the roadmap file"
                                   : "no 'isolation' declared for the component");
    return m->isolation_declared;
}

static bool runtime_enforcing(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " runtime violations logged in report-only mode",
             m->runtime_report_only);
    return m->runtime_report_only == 0;
}

static bool no_runtime_violations(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " runtime violations recorded", m->runtime_violations);
    return m->runtime_violations == 0;
}

static bool safe_code_present(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " lines in memory-safe languages", m->lines_safe);
    return m->lines_safe > 0;
}

static bool unsafe_not_growing(const bw_component_metrics *m, char *d, size_t n) {
    if (!m->has_previous) {
        snprintf(d, n, "%" PRIu64 " lines of C/C++/assembly; no earlier snapshot to compare",
                 m->lines_unsafe);
        return true;
    }
    snprintf(d, n, "%" PRIu64 " lines of C/C++/assembly, %" PRIu64 " at the previous snapshot",
             m->lines_unsafe, m->prev_lines_unsafe);
    return m->lines_unsafe <= m->prev_lines_unsafe;
}

static bool no_unsafe_code(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " lines of C/C++/assembly left", m->lines_unsafe);
    return m->lines_unsafe == 0;
}

static bool no_unsafe_constructs(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " unsafe constructs counted", m->unsafe_constructs);
    return m->unsafe_constructs == 0;
}

static bool baseline_empty(const bw_component_metrics *m, char *d, size_t n) {
    snprintf(d, n, "%" PRIu64 " findings in the baseline", m->baseline_size);
    return m->baseline_size == 0;
}

static const struct {
    const char *id;
    const char *description;
    eval_fn eval;
} criteria[] = {
    {"hardened-build", "every compile unit of the component is built with Bulwark hardening",
     hardened_build},
    {"no-high-findings", "no open (unsuppressed) finding of severity error", no_high_findings},
    {"no-open-findings", "no open finding at all", no_open_findings},
    {"isolation-declared", "the component declares how it is sandboxed or bounded",
     isolation_declared},
    {"runtime-enforcing", "no runtime violation was only logged in report-only mode",
     runtime_enforcing},
    {"no-runtime-violations", "no runtime violation recorded", no_runtime_violations},
    {"memory-safe-code-present", "some code is written in a memory-safe language",
     safe_code_present},
    {"unsafe-code-not-growing", "C/C++/assembly lines did not grow since the previous snapshot",
     unsafe_not_growing},
    {"no-unsafe-code", "no C, C++, Objective-C, Zig or assembly code left", no_unsafe_code},
    {"no-unsafe-constructs", "no unsafe construct counted in C/C++ code", no_unsafe_constructs},
    {"baseline-empty", "no finding left in the pre-commit baseline", baseline_empty},
};

const char *bw_criterion_id_at(size_t index) {
    return index < sizeof criteria / sizeof criteria[0] ? criteria[index].id : NULL;
}

const char *bw_criterion_describe(const char *id) {
    for (size_t i = 0; id && i < sizeof criteria / sizeof criteria[0]; i++)
        if (strcmp(criteria[i].id, id) == 0)
            return criteria[i].description;
    return NULL;
}

bw_status bw_criterion_eval(const char *id, const bw_component_metrics *m,
                            bw_criterion_result *out, bw_error *err) {
    for (size_t i = 0; id && m && i < sizeof criteria / sizeof criteria[0]; i++) {
        if (strcmp(criteria[i].id, id) == 0) {
            out->id = criteria[i].id;
            out->detail[0] = '\0';
            out->holds = criteria[i].eval(m, out->detail, sizeof out->detail);
            return BW_OK;
        }
    }
    return bw_error_set(err, BW_ERR_NOT_FOUND, "unknown phase criterion '%s'", id ? id : "(null)");
}
