/* writer_json.c — Bulwark's own JSON report, read by the tracker and tools. */
#include <string.h>

#include "bulwark/output.h"
#include "json_util.h"

#define BW_JSON_REPORT_VERSION 1

static json_t *location_json(const bw_location *loc)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    bool ok = bw_json_set(o, "file", bw_json_str(loc->file)) &&
              bw_json_set(o, "line", json_integer(loc->line)) &&
              bw_json_set(o, "column", json_integer(loc->column)) &&
              bw_json_set(o, "endLine", json_integer(loc->end_line)) &&
              bw_json_set(o, "endColumn", json_integer(loc->end_column));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *finding_json(const bw_finding *f)
{
    json_t *o = json_object();
    json_t *flow = json_array();
    bool ok = o != NULL && flow != NULL;
    ok = ok && bw_json_set(o, "rule", bw_json_str(f->rule_id)) &&
         bw_json_set(o, "severity", json_string(bw_severity_name(f->severity))) &&
         bw_json_set(o, "message", bw_json_str(f->message)) &&
         bw_json_set(o, "location", location_json(&f->loc)) &&
         bw_json_set(o, "function", bw_json_str(f->function)) &&
         bw_json_set(o, "fingerprint", json_string(f->fingerprint));
    for (size_t i = 0; ok && i < f->step_count; i++) {
        json_t *step = json_object();
        ok = step != NULL && bw_json_set(step, "location", location_json(&f->steps[i].loc)) &&
             bw_json_set(step, "message", bw_json_str(f->steps[i].message));
        ok = ok ? bw_json_append(flow, step) : (json_decref(step), false);
    }
    if (ok) {
        ok = bw_json_set(o, "flow", flow);
        flow = NULL;
    }
    if (ok && f->fix_hint != NULL) {
        json_t *fix = json_object();
        ok = fix != NULL && bw_json_set(fix, "hint", bw_json_str(f->fix_hint));
        if (ok && f->fix_replacement != NULL && f->fix_range.file != NULL)
            ok = bw_json_set(fix, "range", location_json(&f->fix_range)) &&
                 bw_json_set(fix, "replacement", bw_json_str(f->fix_replacement));
        ok = ok ? bw_json_set(o, "fix", fix) : (json_decref(fix), false);
    }
    if (ok && f->suppression != NULL)
        ok = bw_json_set(o, "suppressed", bw_json_str(f->suppression));
    json_decref(flow);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *loosenings_json(const bw_loosenings *ls)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && ls != NULL && i < ls->count; i++) {
        const bw_loosening *l = &ls->items[i];
        json_t *o = json_object();
        bool ok = o != NULL && bw_json_set(o, "kind", bw_json_str(l->kind)) &&
                  bw_json_set(o, "subject", bw_json_str(l->subject)) &&
                  bw_json_set(o, "reason", bw_json_str(l->reason));
        if (ok && l->loc.file != NULL)
            ok = bw_json_set(o, "location", location_json(&l->loc));
        if (!(ok ? bw_json_append(arr, o) : (json_decref(o), false))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *summary_json(const bw_report *r)
{
    json_t *o = json_object();
    json_t *by_rule = json_object();
    size_t by_sev[BW_SEV_ERROR + 1] = {0};
    size_t suppressed = 0;
    bool ok = o != NULL && by_rule != NULL;
    for (size_t i = 0; ok && i < r->findings->count; i++) {
        const bw_finding *f = r->findings->items[i];
        if (f->suppression != NULL) {
            suppressed++;
            continue;
        }
        by_sev[f->severity]++;
        json_t *n = json_object_get(by_rule, f->rule_id);
        ok = bw_json_set(by_rule, f->rule_id, json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    ok = ok && bw_json_set(o, "errors", json_integer((json_int_t)by_sev[BW_SEV_ERROR])) &&
         bw_json_set(o, "warnings", json_integer((json_int_t)by_sev[BW_SEV_WARNING])) &&
         bw_json_set(o, "notes", json_integer((json_int_t)by_sev[BW_SEV_NOTE])) &&
         bw_json_set(o, "suppressed", json_integer((json_int_t)suppressed)) &&
         bw_json_set(o, "filesAnalyzed", json_integer((json_int_t)r->files_analyzed)) &&
         bw_json_set(o, "filesFailed", json_integer((json_int_t)r->files_failed)) &&
         bw_json_set(o, "failLevel", json_string(bw_severity_name(r->fail_level))) &&
         bw_json_move(o, "byRule", &by_rule);
    json_decref(by_rule);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

bw_status bw_write_json(FILE *out, const bw_report *report)
{
    json_t *doc = json_object();
    json_t *findings = json_array();
    bool ok = doc != NULL && findings != NULL &&
              bw_json_set(doc, "tool", json_string("bulwark")) &&
              bw_json_set(doc, "formatVersion", json_integer(BW_JSON_REPORT_VERSION)) &&
              bw_json_set(doc, "version", bw_json_str(report->tool_version));
    for (size_t i = 0; ok && i < report->findings->count; i++)
        ok = bw_json_append(findings, finding_json(report->findings->items[i]));
    if (ok) {
        ok = bw_json_set(doc, "findings", findings);
        findings = NULL;
    }
    ok = ok && bw_json_set(doc, "loosenings", loosenings_json(report->loosenings)) &&
         bw_json_set(doc, "summary", summary_json(report));
    json_decref(findings);
    if (!ok) {
        json_decref(doc);
        return BW_ERR_NOMEM;
    }
    bw_status st = bw_json_dump(out, doc);
    json_decref(doc);
    return st;
}
