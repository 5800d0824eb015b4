/* writer_sarif.c — SARIF 2.1.0 for GitHub code scanning and other viewers.
 *
 * What GitHub expects and we emit: rule metadata with help text and tags,
 * `security-severity` as a string, CWE relationships to a CWE taxonomy,
 * `partialFingerprints`, `codeFlows` for the flow steps, in-source
 * suppressions, and loosenings as tool configuration notifications. */
#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/text.h"
#include "json_util.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FINGERPRINT_KEY "bulwarkFingerprint/v1"
#define SRCROOT "%SRCROOT%"

static const char *sarif_level(bw_severity sev)
{
    switch (sev) {
    case BW_SEV_ERROR: return "error";
    case BW_SEV_WARNING: return "warning";
    default: return "note";
    }
}

static json_t *text_message(const char *text)
{
    json_t *m = json_object();
    if (m != NULL && !bw_json_set(m, "text", bw_json_str(text ? text : ""))) {
        json_decref(m);
        return NULL;
    }
    return m;
}

/* artifactLocation: relative to %SRCROOT% when inside the root, else a file:// URI. */
static json_t *artifact_location(const char *file, const char *root)
{
    bw_buf uri = BW_BUF_INIT;
    bool relative = false;
    const char *path = file ? file : "";
    char *rel = NULL;
    if (root != NULL && path[0] == '/') {
        rel = bw_path_relative(path, root);
        relative = rel != NULL && rel[0] != '/';
    } else if (path[0] != '/') {
        relative = true;
    }
    if (relative) {
        bw_uri_escape_append(&uri, rel ? rel : path);
    } else {
        bw_buf_puts(&uri, "file://");
        bw_uri_escape_append(&uri, path);
    }
    bw_free(rel);
    char *s = bw_buf_take(&uri);
    json_t *o = json_object();
    bool ok = s != NULL && o != NULL && bw_json_set(o, "uri", json_string(s));
    if (ok && relative)
        ok = bw_json_set(o, "uriBaseId", json_string(SRCROOT));
    bw_free(s);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *region(const bw_location *loc)
{
    json_t *r = json_object();
    bool ok = r != NULL && bw_json_set(r, "startLine", json_integer(loc->line ? loc->line : 1));
    if (ok && loc->column > 0)
        ok = bw_json_set(r, "startColumn", json_integer(loc->column));
    if (ok && loc->end_line >= loc->line && loc->end_line > 0) {
        ok = bw_json_set(r, "endLine", json_integer(loc->end_line));
        if (ok && loc->end_column > 0 && (loc->end_line > loc->line || loc->end_column > loc->column))
            ok = bw_json_set(r, "endColumn", json_integer(loc->end_column));
    }
    if (!ok) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* snippet: the statement's source text, shown by viewers that have no checkout. */
static json_t *physical_location(const bw_location *loc, const char *root, const char *snippet)
{
    json_t *p = json_object();
    bool ok = p != NULL && bw_json_set(p, "artifactLocation", artifact_location(loc->file, root));
    if (ok && loc->line > 0) {
        json_t *r = region(loc); /* owned by p once set; still ours to fill */
        ok = bw_json_set(p, "region", r);
        if (ok && snippet != NULL) {
            json_t *text = json_object();
            ok = text && bw_json_set(text, "text", bw_json_str(snippet)) &&
                 bw_json_move(r, "snippet", &text);
            json_decref(text);
        }
    }
    if (!ok) {
        json_decref(p);
        return NULL;
    }
    return p;
}

static json_t *location(const bw_location *loc, const char *root, const char *message)
{
    json_t *l = json_object();
    bool ok = l != NULL && bw_json_set(l, "physicalLocation", physical_location(loc, root, NULL));
    if (ok && message != NULL)
        ok = bw_json_set(l, "message", text_message(message));
    if (!ok) {
        json_decref(l);
        return NULL;
    }
    return l;
}

static json_t *code_flows(const bw_finding *f, const char *root)
{
    json_t *locs = json_array();
    bool ok = locs != NULL;
    for (size_t i = 0; ok && i < f->step_count; i++) {
        json_t *tfl = json_object();
        ok = tfl != NULL && bw_json_set(tfl, "location", location(&f->steps[i].loc, root, f->steps[i].message)) &&
             bw_json_set(tfl, "executionOrder", json_integer((json_int_t)i + 1));
        ok = ok ? bw_json_append(locs, tfl) : (json_decref(tfl), false);
    }
    json_t *thread = json_object(), *threads = json_array(), *flow = json_object(), *flows = json_array();
    /* Each container takes ownership of the one inside it: NULL it once handed over. */
    ok = ok && thread && threads && flow && flows &&
         bw_json_move(thread, "locations", &locs) &&
         bw_json_append_move(threads, &thread) &&
         bw_json_move(flow, "threadFlows", &threads) &&
         bw_json_append_move(flows, &flow);
    json_decref(locs);
    json_decref(thread);
    json_decref(threads);
    json_decref(flow);
    if (!ok) {
        json_decref(flows);
        return NULL;
    }
    return flows;
}

static json_t *fixes(const bw_finding *f, const char *root)
{
    json_t *deleted = region(&f->fix_range);
    json_t *repl = json_object(), *repls = json_array(), *change = json_object(), *changes = json_array(),
           *fix = json_object(), *list = json_array(), *inserted = json_object();
    bool ok = deleted && repl && repls && change && changes && fix && list && inserted &&
              bw_json_set(inserted, "text", bw_json_str(f->fix_replacement)) &&
              bw_json_move(repl, "deletedRegion", &deleted) &&
              bw_json_move(repl, "insertedContent", &inserted) &&
              bw_json_append_move(repls, &repl) &&
              bw_json_set(change, "artifactLocation", artifact_location(f->fix_range.file, root)) &&
              bw_json_move(change, "replacements", &repls) &&
              bw_json_append_move(changes, &change) &&
              bw_json_set(fix, "description", text_message(f->fix_hint ? f->fix_hint : "apply the suggested fix")) &&
              bw_json_move(fix, "artifactChanges", &changes) &&
              bw_json_append_move(list, &fix);
    json_decref(deleted);
    json_decref(inserted);
    json_decref(repl);
    json_decref(repls);
    json_decref(change);
    json_decref(changes);
    json_decref(fix);
    if (!ok) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static json_t *result_location(const bw_finding *f, const char *root)
{
    json_t *l = json_object();
    if (l != NULL && !bw_json_set(l, "physicalLocation", physical_location(&f->loc, root, f->code))) {
        json_decref(l);
        return NULL;
    }
    return l;
}

static long rule_index(const bw_report *r, const char *id)
{
    for (size_t i = 0; i < r->rule_count; i++)
        if (strcmp(r->rules[i]->id, id) == 0)
            return (long)i;
    return -1;
}

static json_t *result_json(const bw_finding *f, const bw_report *r)
{
    json_t *res = json_object(), *locs = json_array(), *fps = json_object();
    long idx = rule_index(r, f->rule_id);
    bool ok = res && locs && fps && bw_json_set(res, "ruleId", bw_json_str(f->rule_id));
    if (ok && idx >= 0)
        ok = bw_json_set(res, "ruleIndex", json_integer(idx));
    ok = ok && bw_json_set(res, "level", json_string(sarif_level(f->severity))) &&
         bw_json_set(res, "message", text_message(f->message)) &&
         bw_json_append(locs, result_location(f, r->root)) &&
         bw_json_move(res, "locations", &locs) &&
         bw_json_set(fps, FINGERPRINT_KEY, json_string(f->fingerprint)) &&
         bw_json_move(res, "partialFingerprints", &fps);
    if (ok && f->step_count > 0)
        ok = bw_json_set(res, "codeFlows", code_flows(f, r->root));
    if (ok && f->fix_replacement != NULL && f->fix_range.file != NULL)
        ok = bw_json_set(res, "fixes", fixes(f, r->root));
    if (ok && f->suppression != NULL) {
        json_t *sup = json_object(), *sups = json_array();
        ok = sup && sups && bw_json_set(sup, "kind", json_string("inSource")) &&
             bw_json_set(sup, "justification", bw_json_str(f->suppression)) &&
             bw_json_append_move(sups, &sup) &&
             bw_json_move(res, "suppressions", &sups);
        json_decref(sup);
        json_decref(sups);
    }
    if (ok && f->fix_hint != NULL) {
        json_t *props = json_object();
        ok = props && bw_json_set(props, "fixHint", bw_json_str(f->fix_hint)) &&
             bw_json_move(res, "properties", &props);
        json_decref(props);
    }
    json_decref(locs);
    json_decref(fps);
    if (!ok) {
        json_decref(res);
        return NULL;
    }
    return res;
}

/* SARIF wants rule names as PascalCase identifiers: BW-SQL-INJECTION -> SqlInjection. */
static char *rule_name(const char *id)
{
    bw_buf out = BW_BUF_INIT;
    const char *p = strncmp(id, "BW-", 3) == 0 ? id + 3 : id;
    bool upper = true;
    for (; *p; p++) {
        if (*p == '-' || *p == '_') {
            upper = true;
            continue;
        }
        char c = *p;
        if (upper && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bw_buf_putc(&out, c);
        upper = false;
    }
    return bw_buf_take(&out);
}

static json_t *rule_json(const bw_rule_info *info)
{
    json_t *rule = json_object(), *props = json_object(), *tags = json_array(), *rels = json_array(),
           *cfg = json_object(), *help = json_object();
    bw_buf help_uri = BW_BUF_INIT;
    bw_buf_printf(&help_uri, "https://bulwark.invalid/docs/rules/%s.html", info->id);
    char *name = rule_name(info->id);
    bool ok = name && rule && props && tags && rels && cfg && help && bw_buf_status(&help_uri) == BW_OK &&
              bw_json_set(rule, "id", bw_json_str(info->id)) &&
              bw_json_set(rule, "name", bw_json_str(name)) &&
              bw_json_set(rule, "shortDescription", text_message(info->title)) &&
              bw_json_set(rule, "fullDescription", text_message(info->summary)) &&
              bw_json_set(cfg, "level", json_string(sarif_level(info->severity))) &&
              bw_json_move(rule, "defaultConfiguration", &cfg) &&
              bw_json_set(help, "text", bw_json_str(info->docs ? info->docs : info->summary)) &&
              bw_json_set(help, "markdown", bw_json_str(info->docs ? info->docs : info->summary)) &&
              bw_json_move(rule, "help", &help) &&
              bw_json_append(tags, json_string("security"));
    for (size_t i = 0; ok && i < BW_RULE_MAX_CWES && info->cwes[i] != 0; i++) {
        char tag[48], id[16];
        snprintf(tag, sizeof tag, "external/cwe/cwe-%u", info->cwes[i]);
        snprintf(id, sizeof id, "CWE-%u", info->cwes[i]);
        json_t *rel = json_object(), *target = json_object(), *comp = json_object(), *kinds = json_array();
        ok = rel && target && comp && kinds && bw_json_append(tags, json_string(tag)) &&
             bw_json_set(target, "id", json_string(id)) &&
             bw_json_set(comp, "name", json_string("CWE")) &&
             bw_json_move(target, "toolComponent", &comp) &&
             bw_json_move(rel, "target", &target) &&
             bw_json_append(kinds, json_string("superset")) &&
             bw_json_move(rel, "kinds", &kinds) &&
             bw_json_append_move(rels, &rel);
        json_decref(rel);
        json_decref(target);
        json_decref(comp);
        json_decref(kinds);
    }
    ok = ok && bw_json_move(props, "tags", &tags) &&
         bw_json_set(props, "security-severity", bw_json_str(info->security_severity ? info->security_severity : "5.0")) &&
         bw_json_set(props, "precision", json_string("high")) &&
         bw_json_move(rule, "properties", &props) &&
         bw_json_set(rule, "helpUri", json_string(help_uri.data));
    if (ok && json_array_size(rels) > 0) {
        ok = bw_json_set(rule, "relationships", rels);
        rels = NULL;
    }
    bw_buf_free(&help_uri);
    bw_free(name);
    json_decref(props);
    json_decref(tags);
    json_decref(rels);
    json_decref(cfg);
    json_decref(help);
    if (!ok) {
        json_decref(rule);
        return NULL;
    }
    return rule;
}

/* The CWE taxonomy holds every CWE the rules refer to, so relationships resolve. */
static json_t *cwe_taxonomy(const bw_report *r)
{
    json_t *tax = json_object(), *taxa = json_array();
    bool ok = tax && taxa && bw_json_set(tax, "name", json_string("CWE")) &&
              bw_json_set(tax, "organization", json_string("MITRE")) &&
              bw_json_set(tax, "informationUri", json_string("https://cwe.mitre.org/"));
    for (size_t k = 0; ok && k < r->rule_count; k++) {
        for (size_t i = 0; ok && i < BW_RULE_MAX_CWES && r->rules[k]->cwes[i] != 0; i++) {
            char id[16];
            snprintf(id, sizeof id, "CWE-%u", r->rules[k]->cwes[i]);
            bool seen = false;
            for (size_t j = 0; j < json_array_size(taxa); j++)
                seen = seen || strcmp(json_string_value(json_object_get(json_array_get(taxa, j), "id")), id) == 0;
            if (seen)
                continue;
            char uri[96];
            snprintf(uri, sizeof uri, "https://cwe.mitre.org/data/definitions/%u.html", r->rules[k]->cwes[i]);
            json_t *taxon = json_object();
            ok = taxon && bw_json_set(taxon, "id", json_string(id)) &&
                 bw_json_set(taxon, "helpUri", json_string(uri));
            ok = ok ? bw_json_append(taxa, taxon) : (json_decref(taxon), false);
        }
    }
    if (ok) {
        ok = bw_json_set(tax, "taxa", taxa);
        taxa = NULL;
    }
    json_decref(taxa);
    json_t *list = json_array();
    if (!ok || list == NULL || !bw_json_append(list, tax)) {
        if (!ok || list == NULL)
            json_decref(tax);
        json_decref(list);
        return NULL;
    }
    return list;
}

static json_t *invocation(const bw_report *r)
{
    json_t *inv = json_object(), *notes = json_array(), *invs = json_array();
    bool ok = inv && notes && invs &&
              bw_json_set(inv, "executionSuccessful", json_boolean(r->files_failed == 0));
    for (size_t i = 0; ok && r->loosenings != NULL && i < r->loosenings->count; i++) {
        const bw_loosening *l = &r->loosenings->items[i];
        bw_buf text = BW_BUF_INIT;
        bw_buf_printf(&text, "loosening (%s): %s — reason: %s", l->kind ? l->kind : "?",
                      l->subject ? l->subject : "?", l->reason ? l->reason : "(none given)");
        json_t *n = json_object(), *desc = json_object();
        ok = n && desc && bw_buf_status(&text) == BW_OK && bw_json_set(n, "level", json_string("warning")) &&
             bw_json_set(n, "message", text_message(text.data)) &&
             bw_json_set(desc, "id", json_string("bulwark-loosening")) &&
             bw_json_move(n, "descriptor", &desc);
        if (ok && l->loc.file != NULL) {
            json_t *locs = json_array();
            ok = locs && bw_json_append(locs, location(&l->loc, r->root, NULL)) &&
                 bw_json_move(n, "locations", &locs);
            json_decref(locs);
        }
        bw_buf_free(&text);
        json_decref(desc);
        ok = ok ? bw_json_append(notes, n) : (json_decref(n), false);
    }
    if (ok && json_array_size(notes) > 0) {
        ok = bw_json_set(inv, "toolConfigurationNotifications", notes);
        notes = NULL;
    }
    ok = ok && bw_json_append_move(invs, &inv);
    json_decref(notes);
    json_decref(inv);
    if (!ok) {
        json_decref(invs);
        return NULL;
    }
    return invs;
}

static json_t *srcroot(const char *root)
{
    bw_buf uri = BW_BUF_INIT;
    bw_buf_puts(&uri, "file://");
    bw_uri_escape_append(&uri, root);
    if (uri.len == 0 || uri.data[uri.len - 1] != '/')
        bw_buf_putc(&uri, '/');
    char *s = bw_buf_take(&uri);
    json_t *base = json_object(), *bases = json_object();
    bool ok = s && base && bases && bw_json_set(base, "uri", json_string(s)) &&
              bw_json_move(bases, SRCROOT, &base);
    bw_free(s);
    json_decref(base);
    if (!ok) {
        json_decref(bases);
        return NULL;
    }
    return bases;
}

bw_status bw_write_sarif(FILE *out, const bw_report *report)
{
    json_t *doc = json_object(), *runs = json_array(), *run = json_object(), *tool = json_object(),
           *driver = json_object(), *rules = json_array(), *results = json_array();
    bool ok = doc && runs && run && tool && driver && rules && results &&
              bw_json_set(doc, "$schema", json_string(SARIF_SCHEMA)) &&
              bw_json_set(doc, "version", json_string("2.1.0")) &&
              bw_json_set(driver, "name", json_string("Bulwark")) &&
              bw_json_set(driver, "version", bw_json_str(report->tool_version ? report->tool_version : "0")) &&
              bw_json_set(driver, "informationUri", json_string("https://bulwark.invalid/"));
    for (size_t i = 0; ok && i < report->rule_count; i++)
        ok = bw_json_append(rules, rule_json(report->rules[i]));
    ok = ok && bw_json_move(driver, "rules", &rules);
    if (ok && report->rule_count > 0) {
        json_t *comp = json_object(), *comps = json_array();
        ok = comp && comps && bw_json_set(comp, "name", json_string("CWE")) &&
             bw_json_append_move(comps, &comp) &&
             bw_json_move(driver, "supportedTaxonomies", &comps);
        json_decref(comp);
        json_decref(comps);
        ok = ok && bw_json_set(run, "taxonomies", cwe_taxonomy(report));
    }
    ok = ok && bw_json_move(tool, "driver", &driver) &&
         bw_json_move(run, "tool", &tool) &&
         bw_json_set(run, "invocations", invocation(report));
    if (ok && report->root != NULL)
        ok = bw_json_set(run, "originalUriBaseIds", srcroot(report->root));
    for (size_t i = 0; ok && i < report->findings->count; i++)
        ok = bw_json_append(results, result_json(report->findings->items[i], report));
    ok = ok && bw_json_move(run, "results", &results) &&
         bw_json_set(run, "columnKind", json_string("utf16CodeUnits")) &&
         bw_json_append_move(runs, &run) &&
         bw_json_move(doc, "runs", &runs);
    json_decref(runs);
    json_decref(run);
    json_decref(tool);
    json_decref(driver);
    json_decref(rules);
    json_decref(results);
    if (!ok) {
        json_decref(doc);
        return BW_ERR_NOMEM;
    }
    bw_status st = bw_json_dump(out, doc);
    json_decref(doc);
    return st;
}
