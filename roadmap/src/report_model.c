/*
 * report_model.c — the report model: built from the tracker database or
 * merged from JSON exports.  The model *is* the JSON export (format
 * "bulwark-roadmap-report", version 1, documented in docs/roadmap.md), so
 * every renderer reads the same data whichever way it was made.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/roadmap.h"
#include "internal.h"
#include "report.h"

#define REPORT_FORMAT "bulwark-roadmap-report"
#define REPORT_VERSION 1
/* The most recent runtime events listed in the report. */
#define RECENT_EVENTS 20
/* Largest JSON export accepted by --merge. */
#define MAX_EXPORT_SIZE (256u * 1024u * 1024u)

/* ---- rule classes (data): the burn-down groups findings by these ------------------- */

static const struct {
    const char *needle; /* substring of the rule id */
    const char *cls;
} rule_classes[] = {
    {"INJECTION", "injection"},       {"SQL", "injection"},
    {"COMMAND", "injection"},         {"FORMAT", "injection"},
    {"XSS", "injection"},             {"PATH-TRAVERSAL", "injection"},
    {"OVERFLOW", "memory-bounds"},    {"BOUNDS", "memory-bounds"},
    {"BUFFER", "memory-bounds"},      {"MEMCPY", "memory-bounds"},
    {"STRCPY", "memory-bounds"},      {"INDEX", "memory-bounds"},
    {"OOB", "memory-bounds"},         {"COPY", "memory-bounds"},
    {"USE-AFTER-FREE", "memory-lifetime"}, {"DOUBLE-FREE", "memory-lifetime"},
    {"FREE", "memory-lifetime"},      {"LEAK", "memory-lifetime"},
    {"NULL", "memory-lifetime"},      {"UNINIT", "memory-lifetime"},
    {"INTEGER", "integer"},           {"SIGN", "integer"},
    {"TRUNCAT", "integer"},           {"SUPPRESSION", "hygiene"},
};

const char *bw_rm_rule_class(const char *rule_id) {
    for (size_t i = 0; rule_id && i < sizeof rule_classes / sizeof rule_classes[0]; i++)
        if (strstr(rule_id, rule_classes[i].needle))
            return rule_classes[i].cls;
    return "other";
}

/* ---- small JSON helpers ---------------------------------------------------------------- */

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }

/* json_string refuses invalid UTF-8; database text from hostile sources
 * might be, so fall back to a lossy copy. */
static json_t *jtext(const unsigned char *s) {
    if (!s)
        return json_null();
    json_t *j = json_string((const char *)s);
    if (j)
        return j;
    size_t n = strlen((const char *)s);
    char *copy = bw_malloc(n + 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++)
        copy[i] = s[i] < 0x80 ? (char)s[i] : '?';
    copy[n] = '\0';
    j = json_string(copy);
    bw_free(copy);
    return j;
}

/* A copy of v, or JSON null when v is absent. */
static json_t *jcopy(json_t *v) { return v ? json_deep_copy(v) : json_null(); }

static json_t *col_json(sqlite3_stmt *st, int i) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return json_null();
    return jtext(sqlite3_column_text(st, i));
}

static json_int_t col_int(sqlite3_stmt *st, int i) { return (json_int_t)sqlite3_column_int64(st, i); }

static double share(json_int_t safe, json_int_t unsafe) {
    json_int_t total = safe + unsafe;
    return total > 0 ? (double)safe / (double)total : 0.0;
}

/* Indices of at most k of n points, evenly spread, first and last included. */
static size_t thin(size_t n, size_t k, size_t j) {
    if (n <= k || k < 2)
        return j;
    return (size_t)(((unsigned long long)j * (n - 1)) / (k - 1));
}

static size_t thin_count(size_t n, size_t k) { return n <= k || k < 2 ? n : k; }

struct bw_rm_report {
    json_t *root;
};

json_t *bw_rm_report_json(const bw_rm_report *r) { return r->root; }

void bw_rm_report_free(bw_rm_report *r) {
    if (!r)
        return;
    json_decref(r->root);
    bw_free(r);
}

bool bw_rm_format_parse(const char *name, bw_rm_format *out) {
    if (!name)
        return false;
    if (strcmp(name, "html") == 0)
        *out = BW_RM_HTML;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = BW_RM_MARKDOWN;
    else if (strcmp(name, "json") == 0)
        *out = BW_RM_JSON;
    else if (strcmp(name, "status") == 0)
        *out = BW_RM_STATUS;
    else
        return false;
    return true;
}

/* ---- building from the database --------------------------------------------------------- */

typedef struct builder {
    sqlite3 *db;
    const bw_report_options *opts;
    char as_of[16];
    long as_of_days;
    int64_t *snap_ids;
    size_t nsnap;
    size_t max_points;
    json_t *thinned_ids; /* JSON array text bound into queries */
    char *thinned_text;
    char *comp_thinned_text; /* fewer points for each component's history */
    bw_error *err;
    bool oom;
} builder;

static bw_status sqlfail(builder *B, int rc, const char *what) {
    return bw_rm_sqlite_error(B->db, rc, what, B->err);
}

static void put(builder *B, json_t *obj, const char *key, json_t *v) {
    if (!v || json_object_set_new(obj, key, v) != 0)
        B->oom = true;
}

static void push(builder *B, json_t *arr, json_t *v) {
    if (!v || json_array_append_new(arr, v) != 0)
        B->oom = true;
}

static bw_status load_snapshots(builder *B, json_t *product, json_t **roadmap_out) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(B->db,
                                "SELECT id, taken_at, git_commit, git_dirty, roadmap_json, "
                                "baseline_total FROM snapshots ORDER BY taken_at, id",
                                &st, B->err);
    if (s != BW_OK)
        return s;
    size_t cap = 0;
    int rc;
    const unsigned char *last_rm = NULL;
    json_t *last_time = NULL, *last_commit = NULL;
    bool last_dirty = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (B->nsnap == cap) {
            size_t nc = cap ? cap * 2 : 64;
            int64_t *ni = bw_reallocarray(B->snap_ids, nc, sizeof *ni);
            if (!ni) {
                B->oom = true;
                break;
            }
            B->snap_ids = ni;
            cap = nc;
        }
        B->snap_ids[B->nsnap++] = sqlite3_column_int64(st, 0);
        json_decref(last_time);
        json_decref(last_commit);
        last_time = col_json(st, 1);
        last_commit = col_json(st, 2);
        last_dirty = sqlite3_column_int(st, 3) != 0;
        last_rm = sqlite3_column_text(st, 4);
        if (last_rm) {
            json_decref(*roadmap_out);
            *roadmap_out = json_loads((const char *)last_rm, 0, NULL);
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading snapshots");
    sqlite3_finalize(st);
    if (s == BW_OK && B->nsnap == 0)
        s = bw_error_set(B->err, BW_ERR_NOT_FOUND,
                         "no snapshot in the tracker yet (run `bulwark roadmap snapshot`)");
    if (s == BW_OK && !*roadmap_out)
        s = bw_error_set(B->err, BW_ERR_CORRUPT, "the latest snapshot's roadmap is unreadable");
    if (s == BW_OK) {
        put(B, product, "snapshot_time", last_time ? last_time : json_null());
        put(B, product, "git_commit", last_commit ? last_commit : json_null());
        put(B, product, "git_dirty", json_boolean(last_dirty));
        put(B, product, "snapshots", json_integer((json_int_t)B->nsnap));
        last_time = last_commit = NULL;
    }
    json_decref(last_time);
    json_decref(last_commit);
    if (s != BW_OK)
        return s;
    /* The snapshots that charts show. */
    B->thinned_ids = json_array();
    size_t k = thin_count(B->nsnap, B->max_points);
    for (size_t j = 0; B->thinned_ids && j < k; j++)
        push(B, B->thinned_ids, json_integer(B->snap_ids[thin(B->nsnap, B->max_points, j)]));
    B->thinned_text = B->thinned_ids ? json_dumps(B->thinned_ids, JSON_COMPACT) : NULL;
    if (!B->thinned_text)
        B->oom = true;
    /* Per-component history: a quarter of the points (at least 2), so 100
     * components x 1,000 snapshots stay well under 2 MB in every format. */
    size_t ck = B->max_points / 4 < 2 ? 2 : B->max_points / 4;
    json_t *cids = json_array();
    for (size_t j = 0; cids && j < thin_count(B->nsnap, ck); j++)
        push(B, cids, json_integer(B->snap_ids[thin(B->nsnap, ck, j)]));
    B->comp_thinned_text = cids ? json_dumps(cids, JSON_COMPACT) : NULL;
    json_decref(cids);
    if (!B->comp_thinned_text)
        B->oom = true;
    return B->oom ? bw_error_set(B->err, BW_ERR_NOMEM, "out of memory") : BW_OK;
}

static int64_t latest(const builder *B) { return B->snap_ids[B->nsnap - 1]; }

static bw_status load_trend(builder *B, json_t *product) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        B->db,
        "SELECT s.id, s.taken_at, s.git_commit, s.baseline_total, sum(c.lines_safe), "
        "sum(c.lines_unsafe), sum(c.findings_open), sum(c.findings_high), sum(c.tu_total), "
        "sum(c.tu_hardened), sum(c.unsafe_constructs), sum(c.runtime_violations) "
        "FROM snapshots s LEFT JOIN snapshot_components c ON c.snapshot_id = s.id "
        "WHERE s.id IN (SELECT value FROM json_each(?1)) GROUP BY s.id ORDER BY s.taken_at, s.id",
        &st, B->err);
    if (s != BW_OK)
        return s;
    if (bw_rm_bind_text(st, 1, B->thinned_text) != SQLITE_OK) { /* would read no snapshot at all */
        sqlite3_finalize(st);
        return bw_rm_sqlite_error(NULL, SQLITE_NOMEM, "reading the snapshots", B->err);
    }
    json_t *trend = json_array();
    int rc;
    while (trend && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *p = json_object();
        if (!p) {
            B->oom = true;
            break;
        }
        json_int_t safe = col_int(st, 4), unsafe = col_int(st, 5);
        put(B, p, "time", col_json(st, 1));
        put(B, p, "commit", col_json(st, 2));
        put(B, p, "baseline_size", json_integer(col_int(st, 3)));
        put(B, p, "lines_safe", json_integer(safe));
        put(B, p, "lines_unsafe", json_integer(unsafe));
        put(B, p, "memory_safe_share", json_real(share(safe, unsafe)));
        put(B, p, "findings_open", json_integer(col_int(st, 6)));
        put(B, p, "findings_high", json_integer(col_int(st, 7)));
        put(B, p, "tu_total", json_integer(col_int(st, 8)));
        put(B, p, "tu_hardened", json_integer(col_int(st, 9)));
        put(B, p, "unsafe_constructs", json_integer(col_int(st, 10)));
        put(B, p, "runtime_violations", json_integer(col_int(st, 11)));
        push(B, trend, p);
    }
    if (!trend)
        B->oom = true;
    else if (rc != SQLITE_DONE && !B->oom)
        s = sqlfail(B, rc, "reading the trend");
    sqlite3_finalize(st);
    put(B, product, "trend", trend);
    return s;
}

static bw_status load_burndown(builder *B, json_t *product) {
    /* classes x thinned snapshots */
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        B->db,
        "SELECT s.id, s.taken_at, f.rule_id, sum(f.count) FROM snapshots s "
        "LEFT JOIN snapshot_findings f ON f.snapshot_id = s.id "
        "WHERE s.id IN (SELECT value FROM json_each(?1)) "
        "GROUP BY s.id, f.rule_id ORDER BY s.taken_at, s.id",
        &st, B->err);
    if (s != BW_OK)
        return s;
    if (bw_rm_bind_text(st, 1, B->thinned_text) != SQLITE_OK) { /* would read no snapshot at all */
        sqlite3_finalize(st);
        return bw_rm_sqlite_error(NULL, SQLITE_NOMEM, "reading the snapshots", B->err);
    }
    json_t *classes = json_array(), *points = json_array();
    json_t *cur = NULL, *counts = NULL;
    int64_t cur_id = -1;
    int rc;
    while (classes && points && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id != cur_id) {
            cur = json_object();
            counts = json_object();
            put(B, cur, "time", col_json(st, 1));
            put(B, cur, "counts", counts);
            push(B, points, cur);
            cur_id = id;
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL || !counts)
            continue;
        const char *cls = bw_rm_rule_class((const char *)sqlite3_column_text(st, 2));
        json_t *old = json_object_get(counts, cls);
        json_int_t n = col_int(st, 3) + (old ? json_integer_value(old) : 0);
        put(B, counts, cls, json_integer(n));
        bool seen = false;
        size_t i;
        json_t *v;
        json_array_foreach(classes, i, v) if (strcmp(json_string_value(v), cls) == 0) seen = true;
        if (!seen)
            push(B, classes, json_string(cls));
    }
    if (!classes || !points)
        B->oom = true;
    else if (rc != SQLITE_DONE && !B->oom)
        s = sqlfail(B, rc, "reading the findings burn-down");
    sqlite3_finalize(st);
    json_t *bd = json_object();
    put(B, bd, "classes", classes);
    put(B, bd, "points", points);
    put(B, product, "burndown", bd);
    return s;
}

static json_t *find_named(json_t *arr, const char *name) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        const char *n = json_string_value(json_object_get(v, "name"));
        if (n && strcmp(n, name) == 0)
            return v;
    }
    return NULL;
}

/* Milestone status at as_of: done, late, blocked (claimed done, a criterion
 * fails) or due. */
static const char *milestone_status(builder *B, const char *target, bool claimed, bool hold) {
    if (claimed && hold)
        return "done";
    long days;
    if (target && bw_rm_parse_date(target, &days) && days < B->as_of_days)
        return "late";
    return claimed ? "blocked" : "due";
}

static bw_status load_components(builder *B, json_t *product, json_t *roadmap) {
    json_t *rm_comps = json_object_get(roadmap, "components");
    json_t *comps = json_array();
    json_t *totals = json_object();
    json_t *languages = json_object();
    json_t *unsafe_kinds = json_object();
    if (!comps || !totals || !languages || !unsafe_kinds) {
        json_decref(comps);
        json_decref(totals);
        json_decref(languages);
        json_decref(unsafe_kinds);
        return bw_error_set(B->err, BW_ERR_NOMEM, "out of memory");
    }
    put(B, product, "components", comps);
    put(B, product, "totals", totals);
    static const char *const num_cols[] = {
        "files",          "lines_unsafe",      "lines_safe",     "unsafe_constructs",
        "findings_open",  "findings_high",     "baseline_size",  "tu_total",
        "tu_hardened",    "icalls_instrumented", "functions_shadow_stacked",
        "memops_checked", "residual_unsafe",   "runtime_violations",
        "runtime_report_only", "binaries_total", "binaries_passed"};
    enum { NCOLS = sizeof num_cols / sizeof num_cols[0] };
    json_int_t tot[NCOLS] = {0};
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        B->db,
        "SELECT component, phase, files, lines_unsafe, lines_safe, unsafe_constructs, "
        "findings_open, findings_high, baseline_size, tu_total, tu_hardened, icalls_instrumented, "
        "functions_shadow_stacked, memops_checked, residual_unsafe, runtime_violations, "
        "runtime_report_only, binaries_total, binaries_passed FROM snapshot_components "
        "WHERE snapshot_id = ?1",
        &st, B->err);
    if (s != BW_OK) {
        json_decref(languages);
        json_decref(unsafe_kinds);
        return s;
    }
    sqlite3_bind_int64(st, 1, latest(B));
    int rc;
    json_int_t late_count = 0;
    /* Components in roadmap order; the unassigned bucket last. */
    size_t i;
    json_t *rc_json;
    json_array_foreach(rm_comps, i, rc_json) {
        json_t *c = json_object();
        put(B, c, "name", jcopy(json_object_get(rc_json, "name")));
        put(B, c, "owner", jcopy(json_object_get(rc_json, "owner")));
        put(B, c, "isolation", jcopy(json_object_get(rc_json, "isolation")));
        put(B, c, "paths", jcopy(json_object_get(rc_json, "paths")));
        put(B, c, "dependencies", jcopy(json_object_get(rc_json, "dependencies")));
        put(B, c, "milestones", json_array());
        push(B, comps, c);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            continue;
        json_t *c = find_named(comps, name);
        if (!c) {
            c = json_object();
            put(B, c, "name", jtext((const unsigned char *)name));
            put(B, c, "unassigned", json_true());
            put(B, c, "milestones", json_array());
            push(B, comps, c);
        }
        put(B, c, "phase", col_json(st, 1));
        for (int k = 0; k < NCOLS; k++) {
            json_int_t v = col_int(st, k + 2);
            put(B, c, num_cols[k], json_integer(v));
            tot[k] += v;
        }
        put(B, c, "memory_safe_share", json_real(share(col_int(st, 4), col_int(st, 3))));
        put(B, c, "languages", json_object());
        put(B, c, "unsafe_by_kind", json_object());
        put(B, c, "findings", json_array());
        put(B, c, "history", json_array());
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading components");
    sqlite3_finalize(st);
    st = NULL;
    for (int k = 0; k < NCOLS; k++)
        put(B, totals, num_cols[k], json_integer(tot[k]));
    put(B, totals, "memory_safe_share", json_real(share(tot[2], tot[1])));
    if (s != BW_OK) {
        json_decref(languages);
        json_decref(unsafe_kinds);
        return s;
    }

    /* Lines by language. */
    s = bw_rm_prepare(B->db,
                      "SELECT component, language, files, lines FROM snapshot_loc "
                      "WHERE snapshot_id = ?1 ORDER BY lines DESC",
                      &st, B->err);
    if (s != BW_OK) {
        json_decref(languages);
        json_decref(unsafe_kinds);
        return s;
    }
    sqlite3_bind_int64(st, 1, latest(B));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *c = find_named(comps, (const char *)sqlite3_column_text(st, 0));
        const char *lang = (const char *)sqlite3_column_text(st, 1);
        if (!c || !lang)
            continue;
        put(B, json_object_get(c, "languages"), lang, json_integer(col_int(st, 3)));
        json_t *l = json_object_get(languages, lang);
        if (!l) {
            l = json_object();
            put(B, languages, lang, l);
            put(B, l, "files", json_integer(0));
            put(B, l, "lines", json_integer(0));
            bool safe = false;
            for (size_t q = 0; q < bw_language_count(); q++)
                if (strcmp(bw_language_at(q)->name, lang) == 0)
                    safe = bw_language_at(q)->memory_safe;
            put(B, l, "memory_safe", json_boolean(safe));
        }
        put(B, l, "files", json_integer(json_integer_value(json_object_get(l, "files")) +
                                        col_int(st, 2)));
        put(B, l, "lines", json_integer(json_integer_value(json_object_get(l, "lines")) +
                                        col_int(st, 3)));
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading lines of code");
    sqlite3_finalize(st);
    st = NULL;
    put(B, product, "languages", languages);
    if (s != BW_OK) {
        json_decref(unsafe_kinds);
        return s;
    }

    /* Unsafe constructs by kind. */
    s = bw_rm_prepare(B->db,
                      "SELECT component, kind, count FROM snapshot_unsafe WHERE snapshot_id = ?1",
                      &st, B->err);
    if (s != BW_OK) {
        json_decref(unsafe_kinds);
        return s;
    }
    sqlite3_bind_int64(st, 1, latest(B));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *c = find_named(comps, (const char *)sqlite3_column_text(st, 0));
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        if (!c || !kind)
            continue;
        put(B, json_object_get(c, "unsafe_by_kind"), kind, json_integer(col_int(st, 2)));
        json_t *old = json_object_get(unsafe_kinds, kind);
        put(B, unsafe_kinds, kind,
            json_integer(col_int(st, 2) + (old ? json_integer_value(old) : 0)));
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading unsafe constructs");
    sqlite3_finalize(st);
    st = NULL;
    put(B, product, "unsafe_by_kind", unsafe_kinds);
    if (s != BW_OK)
        return s;

    /* Findings by rule. */
    json_t *by_rule = json_object();
    s = bw_rm_prepare(B->db,
                      "SELECT component, rule_id, severity, count FROM snapshot_findings "
                      "WHERE snapshot_id = ?1 ORDER BY count DESC, rule_id",
                      &st, B->err);
    if (s != BW_OK) {
        json_decref(by_rule);
        return s;
    }
    sqlite3_bind_int64(st, 1, latest(B));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *c = find_named(comps, (const char *)sqlite3_column_text(st, 0));
        if (!c)
            continue;
        json_t *f = json_object();
        put(B, f, "rule", col_json(st, 1));
        put(B, f, "severity", col_json(st, 2));
        put(B, f, "class", json_string(bw_rm_rule_class((const char *)sqlite3_column_text(st, 1))));
        put(B, f, "count", json_integer(col_int(st, 3)));
        push(B, json_object_get(c, "findings"), f);
        const char *rule = (const char *)sqlite3_column_text(st, 1);
        if (rule && by_rule) {
            json_t *old = json_object_get(by_rule, rule);
            put(B, by_rule, rule, json_integer(col_int(st, 3) + (old ? json_integer_value(old) : 0)));
        }
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading findings");
    sqlite3_finalize(st);
    st = NULL;
    put(B, product, "findings_by_rule", by_rule);
    if (s != BW_OK)
        return s;

    /* Milestones and criteria. */
    s = bw_rm_prepare(B->db,
                      "SELECT component, phase, target, claimed_done, criteria_hold, criteria_json "
                      "FROM snapshot_milestones WHERE snapshot_id = ?1 ORDER BY component, seq",
                      &st, B->err);
    if (s != BW_OK)
        return s;
    sqlite3_bind_int64(st, 1, latest(B));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *c = find_named(comps, (const char *)sqlite3_column_text(st, 0));
        if (!c)
            continue;
        json_t *m = json_object();
        const char *target = (const char *)sqlite3_column_text(st, 2);
        bool claimed = sqlite3_column_int(st, 3) != 0, hold = sqlite3_column_int(st, 4) != 0;
        put(B, m, "phase", col_json(st, 1));
        put(B, m, "target", col_json(st, 2));
        put(B, m, "claimed_done", json_boolean(claimed));
        put(B, m, "criteria_hold", json_boolean(hold));
        put(B, m, "status", json_string(milestone_status(B, target, claimed, hold)));
        const char *cj = (const char *)sqlite3_column_text(st, 5);
        json_t *crit = cj ? json_loads(cj, 0, NULL) : NULL;
        put(B, m, "criteria", crit ? crit : json_array());
        push(B, json_object_get(c, "milestones"), m);
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading milestones");
    sqlite3_finalize(st);
    st = NULL;
    if (s != BW_OK)
        return s;

    /* Per component: next milestone and status. */
    json_array_foreach(comps, i, rc_json) {
        json_t *ms = json_object_get(rc_json, "milestones");
        const char *status = json_array_size(ms) ? "done" : "no-plan";
        json_t *next = NULL;
        size_t k;
        json_t *m;
        json_array_foreach(ms, k, m) {
            const char *st_s = json_string_value(json_object_get(m, "status"));
            if (st_s && strcmp(st_s, "done") != 0 && !next)
                next = m;
            if (st_s && strcmp(st_s, "late") == 0)
                status = "late";
        }
        if (next && strcmp(status, "late") != 0)
            status = "on-track";
        if (!json_object_get(rc_json, "phase")) {
            /* Declared but not measured (added after the latest snapshot). */
            put(B, rc_json, "phase", json_null());
            status = "not-measured";
        }
        put(B, rc_json, "status", json_string(status));
        put(B, rc_json, "next_phase",
            next ? jcopy(json_object_get(next, "phase")) : json_null());
        put(B, rc_json, "next_target",
            next ? jcopy(json_object_get(next, "target")) : json_null());
        if (strcmp(status, "late") == 0)
            late_count++;
    }
    put(B, totals, "components", json_integer((json_int_t)json_array_size(comps)));
    put(B, totals, "components_late", json_integer(late_count));

    /* History of each component over the charted snapshots. */
    s = bw_rm_prepare(B->db,
                      "SELECT c.component, s.taken_at, c.lines_safe, c.lines_unsafe, "
                      "c.findings_open, c.unsafe_constructs FROM snapshot_components c "
                      "JOIN snapshots s ON s.id = c.snapshot_id "
                      "WHERE c.snapshot_id IN (SELECT value FROM json_each(?1)) "
                      "ORDER BY c.component, s.taken_at, s.id",
                      &st, B->err);
    if (s != BW_OK)
        return s;
    if (bw_rm_bind_text(st, 1, B->comp_thinned_text) != SQLITE_OK) { /* would read no snapshot at all */
        sqlite3_finalize(st);
        return bw_rm_sqlite_error(NULL, SQLITE_NOMEM, "reading the snapshots", B->err);
    }
    json_t *cur = NULL;
    const char *cur_name = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            continue;
        if (!cur_name || strcmp(cur_name, name) != 0) {
            json_t *c = find_named(comps, name);
            cur = c ? json_object_get(c, "history") : NULL;
            cur_name = c ? json_string_value(json_object_get(c, "name")) : NULL;
        }
        if (!cur)
            continue;
        json_t *p = json_object();
        put(B, p, "time", col_json(st, 1));
        put(B, p, "memory_safe_share", json_real(share(col_int(st, 2), col_int(st, 3))));
        put(B, p, "lines_unsafe", json_integer(col_int(st, 3)));
        put(B, p, "findings_open", json_integer(col_int(st, 4)));
        put(B, p, "unsafe_constructs", json_integer(col_int(st, 5)));
        push(B, cur, p);
    }
    if (rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading component history");
    sqlite3_finalize(st);
    return s;
}

static bw_status load_loosenings(builder *B, json_t *product) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(B->db,
                                "SELECT source, component, kind, subject, reason, file, line, "
                                "occurrences FROM snapshot_loosenings WHERE snapshot_id = ?1 "
                                "ORDER BY seq",
                                &st, B->err);
    if (s != BW_OK)
        return s;
    sqlite3_bind_int64(st, 1, latest(B));
    json_t *arr = json_array();
    int rc;
    while (arr && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *l = json_object();
        put(B, l, "source", col_json(st, 0));
        put(B, l, "component", col_json(st, 1));
        put(B, l, "kind", col_json(st, 2));
        put(B, l, "subject", col_json(st, 3));
        put(B, l, "reason", col_json(st, 4));
        put(B, l, "file", col_json(st, 5));
        put(B, l, "line", sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null()
                                                                    : json_integer(col_int(st, 6)));
        put(B, l, "occurrences", json_integer(col_int(st, 7)));
        push(B, arr, l);
    }
    if (!arr)
        B->oom = true;
    else if (rc != SQLITE_DONE && !B->oom)
        s = sqlfail(B, rc, "reading loosenings");
    sqlite3_finalize(st);
    put(B, product, "loosenings", arr);
    return s;
}

static bw_status load_runtime(builder *B, json_t *product) {
    json_t *rt = json_object(), *by_kind = json_array(), *recent = json_array(),
           *imports = json_object();
    put(B, product, "runtime", rt);
    put(B, rt, "by_kind", by_kind);
    put(B, rt, "recent", recent);
    put(B, rt, "imports", imports);
    if (B->oom)
        return bw_error_set(B->err, BW_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(B->db,
                                "SELECT kind, mode, count(*) FROM audit_events GROUP BY kind, mode "
                                "ORDER BY count(*) DESC, kind",
                                &st, B->err);
    int rc = SQLITE_DONE;
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *k = json_object();
        put(B, k, "kind", col_json(st, 0));
        put(B, k, "mode", col_json(st, 1));
        put(B, k, "count", json_integer(col_int(st, 2)));
        push(B, by_kind, k);
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading runtime events");
    sqlite3_finalize(st);
    st = NULL;
    if (s == BW_OK)
        s = bw_rm_prepare(B->db,
                          "SELECT time, host, program, pid, kind, mode, action, target, symbol, "
                          "module FROM audit_events ORDER BY time DESC, id DESC LIMIT ?1",
                          &st, B->err);
    if (s == BW_OK)
        sqlite3_bind_int(st, 1, RECENT_EVENTS);
    static const char *const ev_cols[] = {"time", "host", "program", "pid", "kind",
                                          "mode", "action", "target", "symbol", "module"};
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *e = json_object();
        for (int k = 0; k < 10; k++)
            put(B, e, ev_cols[k], k == 3 ? json_integer(col_int(st, k)) : col_json(st, k));
        push(B, recent, e);
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = sqlfail(B, rc, "reading runtime events");
    sqlite3_finalize(st);
    st = NULL;
    if (s == BW_OK)
        s = bw_rm_prepare(B->db,
                          "SELECT count(*), ifnull(sum(lines),0), ifnull(sum(imported),0), "
                          "ifnull(sum(duplicates),0), ifnull(sum(invalid),0), "
                          "ifnull(sum(truncated),0), ifnull(sum(forged),0) FROM audit_imports",
                          &st, B->err);
    if (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        static const char *const imp_cols[] = {"imports",    "lines",     "imported", "duplicates",
                                               "invalid",    "truncated", "forged"};
        for (int k = 0; k < 7; k++)
            put(B, imports, imp_cols[k], json_integer(col_int(st, k)));
    } else if (s == BW_OK) {
        s = sqlfail(B, rc, "reading audit imports");
    }
    sqlite3_finalize(st);
    return s;
}

static json_t *new_root(builder *B, const bw_report_options *opts) {
    json_t *root = json_object();
    char now[32];
    bw_rm_now_utc(now);
    put(B, root, "format", json_string(REPORT_FORMAT));
    put(B, root, "version", json_integer(REPORT_VERSION));
    put(B, root, "generated_at", json_string(now));
    put(B, root, "as_of", json_string(B->as_of));
    put(B, root, "tool_version", jstr(opts && opts->tool_version ? opts->tool_version : NULL));
    put(B, root, "products", json_array());
    return root;
}

static bw_status init_builder(builder *B, const bw_report_options *opts, bw_error *err) {
    memset(B, 0, sizeof *B);
    B->opts = opts;
    B->err = err;
    B->max_points = opts && opts->max_points ? opts->max_points : 200;
    if (opts && opts->as_of) {
        if (!bw_rm_parse_date(opts->as_of, &B->as_of_days))
            return bw_error_set(err, BW_ERR_USAGE, "--as-of '%s' is not a YYYY-MM-DD date",
                                opts->as_of);
        snprintf(B->as_of, sizeof B->as_of, "%s", opts->as_of);
    } else {
        bw_rm_today(B->as_of);
        bw_rm_parse_date(B->as_of, &B->as_of_days);
    }
    return BW_OK;
}

bw_status bw_rm_report_from_db(bw_tracker *t, const bw_report_options *opts, bw_rm_report **out,
                               bw_error *err) {
    *out = NULL;
    if (!t)
        return bw_error_set(err, BW_ERR_USAGE, "bw_rm_report_from_db: no tracker");
    builder B;
    bw_status s = init_builder(&B, opts, err);
    if (s != BW_OK)
        return s;
    B.db = bw_rm_db(t);
    json_t *root = new_root(&B, opts);
    json_t *product = json_object();
    json_t *roadmap = NULL;
    if (!root || !product || B.oom) {
        json_decref(root);
        json_decref(product);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    push(&B, json_object_get(root, "products"), product);
    /* One read transaction: the report sees one consistent state even while
     * writers go on. */
    int rc = sqlite3_exec(B.db, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        s = sqlfail(&B, rc, "starting to read");
    if (s == BW_OK)
        s = load_snapshots(&B, product, &roadmap);
    if (s == BW_OK) {
        const char *name = opts && opts->product ? opts->product : NULL;
        json_t *org = json_object_get(roadmap, "organization");
        if (!name)
            name = json_string_value(json_object_get(org, "name"));
        put(&B, product, "name", jstr(name ? name : "repository"));
        put(&B, product, "organization", org ? jcopy(org) : json_object());
        put(&B, product, "phases", jcopy(json_object_get(roadmap, "phases")));
    }
    if (s == BW_OK)
        s = load_trend(&B, product);
    if (s == BW_OK)
        s = load_burndown(&B, product);
    if (s == BW_OK)
        s = load_components(&B, product, roadmap);
    if (s == BW_OK)
        s = load_loosenings(&B, product);
    if (s == BW_OK)
        s = load_runtime(&B, product);
    sqlite3_exec(B.db, "COMMIT", NULL, NULL, NULL);
    if (s == BW_OK && B.oom)
        s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    json_decref(roadmap);
    json_decref(B.thinned_ids);
    free(B.thinned_text); /* jansson's allocations */
    free(B.comp_thinned_text);
    bw_free(B.snap_ids);
    if (s != BW_OK) {
        json_decref(root);
        return s;
    }
    bw_rm_report *r = bw_calloc(1, sizeof *r);
    if (!r) {
        json_decref(root);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    r->root = root;
    *out = r;
    return BW_OK;
}

/* ---- merging exports ------------------------------------------------------------------- */

/* Checks the parts of an export the renderers rely on, so that a hostile or
 * damaged file is refused with a clear message instead of rendered oddly. */
static bw_status validate_product(json_t *p, const char *path, size_t index, bw_error *err) {
    if (!json_is_object(p) || !json_is_string(json_object_get(p, "name")) ||
        !json_is_array(json_object_get(p, "components")) ||
        !json_is_object(json_object_get(p, "totals")))
        return bw_error_set(err, BW_ERR_PARSE,
                            "%s: product %zu lacks a name, components or totals", path, index);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(p, "components"), i, c) {
        if (!json_is_object(c) || !json_is_string(json_object_get(c, "name")))
            return bw_error_set(err, BW_ERR_PARSE, "%s: product %zu, component %zu has no name",
                                path, index, i);
    }
    return BW_OK;
}

bw_status bw_rm_report_merge(const char *const *paths, size_t count,
                             const bw_report_options *opts, bw_rm_report **out, bw_error *err) {
    *out = NULL;
    if (!paths || count == 0)
        return bw_error_set(err, BW_ERR_USAGE, "--merge needs at least one JSON export");
    builder B;
    bw_status s = init_builder(&B, opts, err);
    if (s != BW_OK)
        return s;
    json_t *root = new_root(&B, opts);
    if (!root || B.oom) {
        json_decref(root);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    json_t *products = json_object_get(root, "products");
    for (size_t i = 0; s == BW_OK && i < count; i++) {
        json_error_t jerr;
        json_t *doc = json_load_file(paths[i], JSON_REJECT_DUPLICATES, &jerr);
        if (!doc) {
            s = bw_error_set(err, BW_ERR_PARSE, "%s:%d:%d: %s", paths[i], jerr.line, jerr.column,
                             jerr.text);
            break;
        }
        const char *fmt = json_string_value(json_object_get(doc, "format"));
        json_t *ver = json_object_get(doc, "version");
        if (!fmt || strcmp(fmt, REPORT_FORMAT) != 0 || !json_is_integer(ver)) {
            s = bw_error_set(err, BW_ERR_PARSE,
                             "%s: not a Bulwark roadmap export (make one with `bulwark report "
                             "--format json`)",
                             paths[i]);
        } else if (json_integer_value(ver) > REPORT_VERSION) {
            s = bw_error_set(err, BW_ERR_VERSION,
                             "%s: export format version %lld is newer than this Bulwark reads (%d)",
                             paths[i], (long long)json_integer_value(ver), REPORT_VERSION);
        } else {
            size_t k;
            json_t *p;
            json_array_foreach(json_object_get(doc, "products"), k, p) {
                if ((s = validate_product(p, paths[i], k, err)) != BW_OK)
                    break;
                /* Same product name from two files: keep both, told apart. */
                const char *name = json_string_value(json_object_get(p, "name"));
                size_t dup = 0, q;
                json_t *o;
                json_array_foreach(products, q, o) {
                    const char *on = json_string_value(json_object_get(o, "name"));
                    size_t nl = name ? strlen(name) : 0;
                    if (on && name &&
                        (strcmp(on, name) == 0 ||
                         (strncmp(on, name, nl) == 0 && strncmp(on + nl, " (", 2) == 0)))
                        dup++;
                }
                json_t *copy = jcopy(p);
                if (copy && dup) {
                    bw_buf nb = BW_BUF_INIT;
                    bw_buf_printf(&nb, "%s (%zu)", name, dup + 1);
                    if (nb.data)
                        put(&B, copy, "name", json_string(nb.data));
                    bw_buf_free(&nb);
                }
                push(&B, products, copy);
                if (copy)
                    put(&B, copy, "source", json_string(paths[i]));
            }
        }
        json_decref(doc);
    }
    if (s == BW_OK && B.oom)
        s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (s != BW_OK) {
        json_decref(root);
        return s;
    }
    bw_rm_report *r = bw_calloc(1, sizeof *r);
    if (!r) {
        json_decref(root);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    r->root = root;
    *out = r;
    return BW_OK;
}

bool bw_rm_report_has_problems(const bw_rm_report *r) {
    size_t i, k, m;
    json_t *p, *c, *ms;
    json_array_foreach(json_object_get(r->root, "products"), i, p) {
        json_array_foreach(json_object_get(p, "components"), k, c) {
            json_array_foreach(json_object_get(c, "milestones"), m, ms) {
                const char *st = json_string_value(json_object_get(ms, "status"));
                if (st && (strcmp(st, "late") == 0 || strcmp(st, "blocked") == 0))
                    return true;
            }
        }
    }
    return false;
}

bw_status bw_rm_report_render(const bw_rm_report *r, bw_rm_format format, char **out, size_t *len,
                              bw_error *err) {
    *out = NULL;
    if (len)
        *len = 0;
    if (!r)
        return bw_error_set(err, BW_ERR_USAGE, "no report");
    bw_buf b = BW_BUF_INIT;
    switch (format) {
    case BW_RM_JSON: {
        char *text = json_dumps(r->root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        if (!text)
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        bw_buf_puts(&b, text);
        bw_buf_putc(&b, '\n');
        free(text); /* jansson's allocation */
        break;
    }
    case BW_RM_HTML:
        bw_rm_render_html(&b, r->root);
        break;
    case BW_RM_MARKDOWN:
        bw_rm_render_markdown(&b, r->root);
        break;
    case BW_RM_STATUS:
        bw_rm_render_status(&b, r->root);
        break;
    default:
        return bw_error_set(err, BW_ERR_USAGE, "unknown report format");
    }
    if (bw_buf_status(&b) != BW_OK) {
        bw_buf_free(&b);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory rendering the report");
    }
    if (!b.data)
        bw_buf_puts(&b, "");
    if (len)
        *len = b.len;
    *out = bw_buf_take(&b);
    if (!*out)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}
