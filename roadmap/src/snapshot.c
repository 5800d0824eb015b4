/*
 * snapshot.c — measuring every component and storing one snapshot.
 *
 * The tree is scanned first (no lock held); then everything the snapshot
 * reads from and writes to the database happens in one write transaction,
 * so a snapshot is all there or not there at all.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/roadmap.h"
#include "internal.h"

/* Files larger than this are not source code we measure (generated blobs). */
#define MAX_SOURCE_FILE (32u * 1024u * 1024u)

typedef struct rule_count {
    char *rule_id;
    char *severity;
    uint64_t count;
} rule_count;

typedef struct comp_acc {
    const char *name;
    uint64_t files;
    uint64_t *lang_lines;   /* per language */
    uint64_t *lang_files;
    uint64_t unsafe[BW_UNSAFE_KIND_COUNT];
    bw_component_metrics m;
    uint64_t icalls, shadow, memops, residual;
    uint64_t bin_total, bin_passed;
    rule_count *rules;
    size_t rule_count, rule_cap;
    const char *phase;
} comp_acc;

typedef struct snap {
    const bw_roadmap *rm;
    const bw_snapshot_options *opts;
    size_t ncomp;          /* rm->component_count + 1 ("(unassigned)") */
    comp_acc *comps;
    char *root_prefix;     /* "<root>/" for making paths relative */
    char *commit;
    bool dirty;
    char taken_at[32];
    int64_t id;
    uint64_t baseline_total;
    bool oom;              /* an allocation failed while measuring: the numbers are incomplete */
} snap;

static const char unassigned[] = "(unassigned)";

/* ---- scanning the tree --------------------------------------------------------------- */

static void measure_file(snap *S, const char *rel, const char *abs) {
    int lang = bw_language_for_path(rel);
    if (lang < 0)
        return;
    int fd = open(abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return; /* deleted in the work tree, or a symlink: not measured */
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > MAX_SOURCE_FILE) {
        close(fd);
        return;
    }
    size_t size = (size_t)sb.st_size;
    char *data = bw_malloc(size + 1);
    size_t got = 0;
    while (data && got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!data) {
        S->oom = true;
        return;
    }
    bw_file_metrics fm;
    bw_metrics_scan(lang, data, got, &fm);
    bw_free(data);
    int ci = bw_roadmap_component_for(S->rm, rel);
    comp_acc *c = &S->comps[ci < 0 ? S->ncomp - 1 : (size_t)ci];
    c->files++;
    c->lang_lines[lang] += fm.code_lines;
    c->lang_files[lang]++;
    const bw_language *l = bw_language_at((size_t)lang);
    if (l->memory_safe)
        c->m.lines_safe += fm.code_lines;
    else
        c->m.lines_unsafe += fm.code_lines;
    for (int k = 0; k < BW_UNSAFE_KIND_COUNT; k++) {
        c->unsafe[k] += fm.unsafe[k];
        c->m.unsafe_constructs += fm.unsafe[k];
    }
}

static bool skip_walk_dir(const char *name) {
    return name[0] == '.' || strcmp(name, "node_modules") == 0 ||
           strncmp(name, "build", 5) == 0 || strncmp(name, "cmake-build", 11) == 0;
}

static void walk(snap *S, const char *rel, int depth) {
    if (depth > 64)
        return;
    bw_buf dir = BW_BUF_INIT;
    bw_buf_printf(&dir, "%s%s", S->root_prefix, rel);
    DIR *d = dir.data ? opendir(dir.data) : NULL;
    if (!dir.data)
        S->oom = true;
    bw_buf_free(&dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        bw_buf r = BW_BUF_INIT, a = BW_BUF_INIT;
        bw_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        bw_buf_printf(&a, "%s%s", S->root_prefix, r.data ? r.data : "");
        struct stat sb;
        if (!r.data || !a.data)
            S->oom = true;
        if (r.data && a.data && lstat(a.data, &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) {
                if (!skip_walk_dir(e->d_name))
                    walk(S, r.data, depth + 1);
            } else if (S_ISREG(sb.st_mode)) {
                measure_file(S, r.data, a.data);
            }
        }
        bw_buf_free(&r);
        bw_buf_free(&a);
    }
    closedir(d);
}

static bw_status scan_tree(snap *S, bw_error *err) {
    const char *root = S->opts->root;
    char *out = NULL;
    size_t len = 0;
    char *const ls[] = {"git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                        NULL};
    bw_error gerr = {0};
    bw_status gs = bw_rm_run_capture(root, ls, (size_t)1 << 30, &out, &len, &gerr);
    if (gs == BW_OK) {
        bw_buf abs = BW_BUF_INIT;
        for (size_t i = 0; i < len;) {
            const char *rel = out + i;
            size_t n = strlen(rel);
            i += n + 1;
            if (n == 0)
                continue;
            abs.len = 0;
            abs.failed = false;
            bw_buf_printf(&abs, "%s%s", S->root_prefix, rel);
            if (abs.data && !abs.failed)
                measure_file(S, rel, abs.data);
            else
                S->oom = true;
        }
        bw_buf_free(&abs);
        bw_free(out);
    } else if (gs == BW_ERR_NOMEM) {
        S->oom = true; /* not "outside git": walking instead would count other files */
    } else {
        walk(S, "", 0);
    }
    if (S->oom)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory while measuring the tree");
    return BW_OK;
}

static void git_info(snap *S) {
    const char *root = S->opts->root;
    if (S->opts->git_commit) {
        S->commit = bw_strdup(S->opts->git_commit);
        if (!S->commit)
            S->oom = true;
        return;
    }
    char *out = NULL;
    size_t len = 0;
    bw_error e = {0};
    char *const head[] = {"git", "rev-parse", "--verify", "-q", "HEAD", NULL};
    if (bw_rm_run_capture(root, head, 4096, &out, &len, &e) == BW_OK) {
        while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
            out[--len] = '\0';
        if (len > 0)
            S->commit = out;
        else
            bw_free(out);
        char *const st[] = {"git", "status", "--porcelain", "--untracked-files=no", NULL};
        out = NULL;
        if (S->commit && bw_rm_run_capture(root, st, (size_t)1 << 24, &out, &len, &e) == BW_OK)
            S->dirty = len > 0;
        bw_free(out);
    }
    if (e.status == BW_ERR_NOMEM)
        S->oom = true;
}

/* ---- helpers over the accumulators ------------------------------------------------------- */

static comp_acc *comp_for_file(snap *S, const char *file) {
    if (!file)
        return &S->comps[S->ncomp - 1];
    const char *rel = file;
    size_t pl = strlen(S->root_prefix);
    if (strncmp(file, S->root_prefix, pl) == 0)
        rel = file + pl;
    int ci = bw_roadmap_component_for(S->rm, rel);
    return &S->comps[ci < 0 ? S->ncomp - 1 : (size_t)ci];
}

static comp_acc *comp_for_binary(snap *S, const char *name) {
    int ci = bw_roadmap_component_for_binary(S->rm, name);
    return ci < 0 ? NULL : &S->comps[ci];
}

static bw_status add_rule(comp_acc *c, const char *rule, const char *sev, bw_error *err) {
    for (size_t i = 0; i < c->rule_count; i++)
        if (strcmp(c->rules[i].rule_id, rule) == 0 && strcmp(c->rules[i].severity, sev) == 0) {
            c->rules[i].count++;
            return BW_OK;
        }
    if (c->rule_count == c->rule_cap) {
        size_t nc = c->rule_cap ? c->rule_cap * 2 : 8;
        rule_count *nr = bw_reallocarray(c->rules, nc, sizeof *nr);
        if (!nr)
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        c->rules = nr;
        c->rule_cap = nc;
    }
    rule_count *r = &c->rules[c->rule_count];
    r->rule_id = bw_strdup(rule);
    r->severity = bw_strdup(sev);
    r->count = 1;
    if (!r->rule_id || !r->severity) {
        bw_free(r->rule_id);
        bw_free(r->severity);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    c->rule_count++;
    return BW_OK;
}

static const char *col_text(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : NULL;
}

static uint64_t col_u64(sqlite3_stmt *st, int i) {
    sqlite3_int64 v = sqlite3_column_int64(st, i);
    return v < 0 ? 0 : (uint64_t)v;
}

/* ---- reading what others recorded ------------------------------------------------------- */

/* Open findings: the latest check run plus the latest record of each TU,
 * one per fingerprint (or per rule/file/line/message without one). */
static const char findings_sql[] =
    "WITH latest_tu AS (SELECT max(id) AS id FROM tu_records GROUP BY tu_path),"
    " f AS (SELECT rule_id, severity, file, line, message, fingerprint, suppression"
    "       FROM findings WHERE run_id = (SELECT max(id) FROM check_runs)"
    "       UNION ALL"
    "       SELECT rule_id, severity, file, line, message, fingerprint, suppression"
    "       FROM findings WHERE tu_id IN (SELECT id FROM latest_tu))"
    " SELECT rule_id, severity, file, max(suppression IS NOT NULL)"
    " FROM f GROUP BY CASE WHEN fingerprint <> '' THEN fingerprint ELSE"
    "   rule_id || char(31) || ifnull(file,'') || char(31) || ifnull(line,0) || char(31) || message"
    " END";

static bw_status read_findings(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db, findings_sql, &st, err);
    int rc;
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 3))
            continue; /* suppressed: listed as a loosening, not open */
        const char *rule = col_text(st, 0), *sev = col_text(st, 1);
        comp_acc *c = comp_for_file(S, col_text(st, 2));
        c->m.findings_open++;
        if (sev && strcmp(sev, "error") == 0)
            c->m.findings_high++;
        s = add_rule(c, rule ? rule : "?", sev ? sev : "note", err);
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = bw_rm_sqlite_error(db, rc, "reading findings", err);
    sqlite3_finalize(st);
    return s;
}

static bw_status read_tus(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        db,
        "SELECT tu_path, hardened, icalls_instrumented, functions_shadow_stacked, memops_checked,"
        " residual_unsafe FROM tu_records WHERE id IN (SELECT max(id) FROM tu_records GROUP BY "
        "tu_path)",
        &st, err);
    int rc = SQLITE_DONE;
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        comp_acc *c = comp_for_file(S, col_text(st, 0));
        c->m.tu_total++;
        if (sqlite3_column_int(st, 1))
            c->m.tu_hardened++;
        c->icalls += col_u64(st, 2);
        c->shadow += col_u64(st, 3);
        c->memops += col_u64(st, 4);
        c->residual += col_u64(st, 5);
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = bw_rm_sqlite_error(db, rc, "reading compile records", err);
    sqlite3_finalize(st);
    return s;
}

static bw_status read_baseline(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db, "SELECT id, entries FROM baselines ORDER BY id DESC LIMIT 1",
                                &st, err);
    int64_t id = -1;
    if (s == BW_OK) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            id = sqlite3_column_int64(st, 0);
            S->baseline_total = col_u64(st, 1);
        } else if (rc != SQLITE_DONE) {
            s = bw_rm_sqlite_error(db, rc, "reading the baseline", err);
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (s != BW_OK || id < 0)
        return s;
    s = bw_rm_prepare(db, "SELECT file, entries FROM baseline_files WHERE baseline_id = ?1", &st,
                      err);
    int rc = SQLITE_DONE;
    if (s == BW_OK) {
        sqlite3_bind_int64(st, 1, id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            comp_for_file(S, col_text(st, 0))->m.baseline_size += col_u64(st, 1);
        if (rc != SQLITE_DONE)
            s = bw_rm_sqlite_error(db, rc, "reading the baseline", err);
    }
    sqlite3_finalize(st);
    return s;
}

static bw_status read_runtime(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db,
                                "SELECT program, module, mode = 'report', count(*) FROM audit_events "
                                "GROUP BY program, module, mode",
                                &st, err);
    int rc = SQLITE_DONE;
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        comp_acc *c = comp_for_binary(S, col_text(st, 1));
        if (!c)
            c = comp_for_binary(S, col_text(st, 0));
        if (!c)
            c = &S->comps[S->ncomp - 1];
        uint64_t n = col_u64(st, 3);
        c->m.runtime_violations += n;
        if (sqlite3_column_int(st, 2))
            c->m.runtime_report_only += n;
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = bw_rm_sqlite_error(db, rc, "reading runtime events", err);
    sqlite3_finalize(st);
    if (s != BW_OK)
        return s;
    s = bw_rm_prepare(db,
                      "SELECT path, passed FROM binaries WHERE id IN "
                      "(SELECT max(id) FROM binaries GROUP BY path)",
                      &st, err);
    while (s == BW_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        comp_acc *c = comp_for_binary(S, col_text(st, 0));
        if (!c)
            c = &S->comps[S->ncomp - 1];
        c->bin_total++;
        if (sqlite3_column_int(st, 1))
            c->bin_passed++;
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = bw_rm_sqlite_error(db, rc, "reading verified binaries", err);
    sqlite3_finalize(st);
    return s;
}

static bw_status read_previous(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        db,
        "SELECT lines_unsafe FROM snapshot_components WHERE component = ?1 AND snapshot_id = "
        "(SELECT max(snapshot_id) FROM snapshot_components WHERE component = ?1)",
        &st, err);
    for (size_t i = 0; s == BW_OK && i < S->ncomp; i++) {
        bw_rm_bind_text(st, 1, S->comps[i].name);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            S->comps[i].m.has_previous = true;
            S->comps[i].m.prev_lines_unsafe = col_u64(st, 0);
        } else if (rc != SQLITE_DONE) {
            s = bw_rm_sqlite_error(db, rc, "reading the previous snapshot", err);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return s;
}

/* ---- loosenings in force ------------------------------------------------------------------ */

/* Everything in force now: the latest check run's, the latest TU records',
 * suppressed open findings, and every config/baseline/runtime loosening ever
 * recorded (a loosening that happened stays visible). */
static const char loosenings_sql[] =
    "WITH latest_tu AS (SELECT max(id) AS id FROM tu_records GROUP BY tu_path),"
    " l AS ("
    "  SELECT source, kind, subject, reason, file, line FROM loosenings"
    "   WHERE (source = 'check' AND source_id = (SELECT max(id) FROM check_runs))"
    "      OR (source = 'wrapper' AND source_id IN (SELECT id FROM latest_tu))"
    "      OR source NOT IN ('check', 'wrapper')"
    "  UNION ALL"
    "  SELECT 'check', 'suppression', rule_id, suppression, file, line FROM findings"
    "   WHERE suppression IS NOT NULL AND (run_id = (SELECT max(id) FROM check_runs)"
    "      OR tu_id IN (SELECT id FROM latest_tu)))"
    " SELECT source, kind, subject, reason, file, line, count(*) FROM l"
    " GROUP BY kind, subject, ifnull(reason, ''), ifnull(file, ''), ifnull(line, 0)"
    " ORDER BY kind, subject, file, line";

static bw_status store_loosenings(snap *S, sqlite3 *db, bw_error *err) {
    sqlite3_stmt *rd = NULL, *wr = NULL;
    bw_status s = bw_rm_prepare(db, loosenings_sql, &rd, err);
    if (s == BW_OK)
        s = bw_rm_prepare(db,
                          "INSERT INTO snapshot_loosenings (snapshot_id, seq, source, component, "
                          "kind, subject, reason, file, line, occurrences) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                          &wr, err);
    int rc = SQLITE_DONE;
    int64_t seq = 0;
    while (s == BW_OK && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
        const char *file = col_text(rd, 4);
        const char *comp = NULL;
        if (file) {
            comp_acc *c = comp_for_file(S, file);
            comp = c->name;
        }
        sqlite3_bind_int64(wr, 1, S->id);
        sqlite3_bind_int64(wr, 2, seq++);
        bw_rm_bind_text(wr, 3, col_text(rd, 0));
        bw_rm_bind_text(wr, 4, comp);
        bw_rm_bind_text(wr, 5, col_text(rd, 1));
        bw_rm_bind_text(wr, 6, col_text(rd, 2) ? col_text(rd, 2) : "");
        bw_rm_bind_text(wr, 7, col_text(rd, 3));
        bw_rm_bind_text(wr, 8, file);
        if (sqlite3_column_type(rd, 5) == SQLITE_NULL)
            sqlite3_bind_null(wr, 9);
        else
            sqlite3_bind_int64(wr, 9, sqlite3_column_int64(rd, 5));
        sqlite3_bind_int64(wr, 10, sqlite3_column_int64(rd, 6));
        s = bw_rm_exec_stmt(db, wr, "storing a loosening", err);
    }
    if (s == BW_OK && rc != SQLITE_DONE)
        s = bw_rm_sqlite_error(db, rc, "reading loosenings", err);
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    return s;
}

/* ---- the roadmap as stored with the snapshot ------------------------------------------------ */

static int jset_str(json_t *o, const char *key, const char *v) {
    return v ? json_object_set_new(o, key, json_string(v)) : 0;
}

static char *roadmap_json(const bw_roadmap *rm) {
    json_t *o = json_object();
    json_t *org = json_object();
    json_t *phases = json_array();
    json_t *comps = json_array();
    if (!o || !org || !phases || !comps) {
        json_decref(o);
        json_decref(org);
        json_decref(phases);
        json_decref(comps);
        return NULL;
    }
    jset_str(org, "name", rm->organization);
    jset_str(org, "executive_sponsor", rm->executive_sponsor);
    jset_str(org, "memory_safe_new_code_date", rm->memory_safe_new_code_date);
    jset_str(org, "training_plan", rm->training_plan);
    jset_str(org, "transparency", rm->transparency);
    jset_str(org, "cve_policy", rm->cve_policy);
    jset_str(org, "dependency_plan", rm->dependency_plan);
    json_object_set_new(o, "organization", org);
    for (size_t i = 0; i < rm->phase_count; i++) {
        json_t *p = json_object();
        json_t *crit = json_array();
        jset_str(p, "name", rm->phases[i].name);
        jset_str(p, "description", rm->phases[i].description);
        for (size_t j = 0; j < rm->phases[i].criteria_count; j++)
            json_array_append_new(crit, json_string(rm->phases[i].criteria[j]));
        json_object_set_new(p, "criteria", crit);
        json_array_append_new(phases, p);
    }
    json_object_set_new(o, "phases", phases);
    for (size_t i = 0; i < rm->component_count; i++) {
        const bw_rm_component *c = &rm->components[i];
        json_t *j = json_object();
        json_t *paths = json_array(), *deps = json_array(), *plan = json_array();
        jset_str(j, "name", c->name);
        jset_str(j, "owner", c->owner);
        jset_str(j, "isolation", c->isolation);
        for (size_t k = 0; k < c->path_count; k++)
            json_array_append_new(paths, json_string(c->paths[k]));
        json_object_set_new(j, "paths", paths);
        for (size_t k = 0; k < c->plan_count; k++) {
            json_t *m = json_object();
            jset_str(m, "phase", c->plan[k].phase);
            jset_str(m, "target", c->plan[k].target);
            json_object_set_new(m, "done", json_boolean(c->plan[k].done));
            json_array_append_new(plan, m);
        }
        json_object_set_new(j, "plan", plan);
        for (size_t k = 0; k < c->dep_count; k++) {
            json_t *d = json_object();
            jset_str(d, "name", c->deps[k].name);
            jset_str(d, "language", c->deps[k].language);
            jset_str(d, "status", c->deps[k].status);
            jset_str(d, "plan", c->deps[k].plan);
            json_array_append_new(deps, d);
        }
        json_object_set_new(j, "dependencies", deps);
        json_array_append_new(comps, j);
    }
    json_object_set_new(o, "components", comps);
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!text)
        return NULL;
    char *copy = bw_strdup(text);
    free(text); /* jansson's allocation */
    return copy;
}

/* ---- storing --------------------------------------------------------------------------------- */

static bw_status store_milestones(snap *S, sqlite3 *db, size_t ci, bw_error *err) {
    const bw_rm_component *rc = &S->rm->components[ci];
    comp_acc *c = &S->comps[ci];
    c->phase = S->rm->phases[0].name;
    bool chain = true; /* every earlier planned phase is done */
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db,
                                "INSERT INTO snapshot_milestones (snapshot_id, component, seq, "
                                "phase, target, claimed_done, criteria_hold, criteria_json) "
                                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
                                &st, err);
    for (size_t k = 0; s == BW_OK && k < rc->plan_count; k++) {
        const bw_rm_milestone *ms = &rc->plan[k];
        int pi = bw_roadmap_phase_index(S->rm, ms->phase);
        const bw_rm_phase *ph = &S->rm->phases[pi];
        bool hold = true;
        json_t *arr = json_array();
        for (size_t q = 0; s == BW_OK && q < ph->criteria_count; q++) {
            bw_criterion_result r;
            s = bw_criterion_eval(ph->criteria[q], &c->m, &r, err);
            if (s != BW_OK)
                break;
            hold = hold && r.holds;
            json_t *jo = json_object();
            json_object_set_new(jo, "id", json_string(r.id));
            json_object_set_new(jo, "holds", json_boolean(r.holds));
            json_object_set_new(jo, "detail", json_string(r.detail));
            json_array_append_new(arr, jo);
        }
        char *text = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
        json_decref(arr);
        if (s == BW_OK && !text)
            s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        if (s == BW_OK) {
            sqlite3_bind_int64(st, 1, S->id);
            bw_rm_bind_text(st, 2, rc->name);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)k);
            bw_rm_bind_text(st, 4, ms->phase);
            bw_rm_bind_text(st, 5, ms->target);
            sqlite3_bind_int(st, 6, ms->done);
            sqlite3_bind_int(st, 7, hold);
            bw_rm_bind_text(st, 8, text);
            s = bw_rm_exec_stmt(db, st, "storing a milestone", err);
        }
        free(text); /* jansson's allocation */
        if (chain && ms->done && hold)
            c->phase = ms->phase;
        else
            chain = false;
    }
    sqlite3_finalize(st);
    return s;
}

static bw_status store_component(snap *S, sqlite3 *db, sqlite3_stmt *comp_st,
                                 sqlite3_stmt *loc_st, sqlite3_stmt *uns_st, sqlite3_stmt *fnd_st,
                                 size_t ci, bw_error *err) {
    comp_acc *c = &S->comps[ci];
    bw_status s = BW_OK;
    if (ci < S->rm->component_count)
        s = store_milestones(S, db, ci, err);
    else
        c->phase = "";
    if (s != BW_OK)
        return s;
    sqlite3_stmt *st = comp_st;
    sqlite3_bind_int64(st, 1, S->id);
    bw_rm_bind_text(st, 2, c->name);
    bw_rm_bind_text(st, 3, c->phase);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)c->files);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)c->m.lines_unsafe);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)c->m.lines_safe);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)c->m.unsafe_constructs);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)c->m.findings_open);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)c->m.findings_high);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)c->m.baseline_size);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)c->m.tu_total);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)c->m.tu_hardened);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)c->icalls);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)c->shadow);
    sqlite3_bind_int64(st, 15, (sqlite3_int64)c->memops);
    sqlite3_bind_int64(st, 16, (sqlite3_int64)c->residual);
    sqlite3_bind_int64(st, 17, (sqlite3_int64)c->m.runtime_violations);
    sqlite3_bind_int64(st, 18, (sqlite3_int64)c->m.runtime_report_only);
    sqlite3_bind_int64(st, 19, (sqlite3_int64)c->bin_total);
    sqlite3_bind_int64(st, 20, (sqlite3_int64)c->bin_passed);
    if ((s = bw_rm_exec_stmt(db, st, "storing a component", err)) != BW_OK)
        return s;
    for (size_t l = 0; s == BW_OK && l < bw_language_count(); l++) {
        if (!c->lang_files[l])
            continue;
        sqlite3_bind_int64(loc_st, 1, S->id);
        bw_rm_bind_text(loc_st, 2, c->name);
        bw_rm_bind_text(loc_st, 3, bw_language_at(l)->name);
        sqlite3_bind_int64(loc_st, 4, (sqlite3_int64)c->lang_files[l]);
        sqlite3_bind_int64(loc_st, 5, (sqlite3_int64)c->lang_lines[l]);
        s = bw_rm_exec_stmt(db, loc_st, "storing lines of code", err);
    }
    for (int k = 0; s == BW_OK && k < BW_UNSAFE_KIND_COUNT; k++) {
        sqlite3_bind_int64(uns_st, 1, S->id);
        bw_rm_bind_text(uns_st, 2, c->name);
        bw_rm_bind_text(uns_st, 3, bw_unsafe_kind_name((bw_unsafe_kind)k));
        sqlite3_bind_int64(uns_st, 4, (sqlite3_int64)c->unsafe[k]);
        s = bw_rm_exec_stmt(db, uns_st, "storing unsafe constructs", err);
    }
    for (size_t r = 0; s == BW_OK && r < c->rule_count; r++) {
        sqlite3_bind_int64(fnd_st, 1, S->id);
        bw_rm_bind_text(fnd_st, 2, c->name);
        bw_rm_bind_text(fnd_st, 3, c->rules[r].rule_id);
        bw_rm_bind_text(fnd_st, 4, c->rules[r].severity);
        sqlite3_bind_int64(fnd_st, 5, (sqlite3_int64)c->rules[r].count);
        s = bw_rm_exec_stmt(db, fnd_st, "storing findings", err);
    }
    return s;
}

static void test_delay(void) {
    /* Crash-safety tests set this to widen the window in which a snapshot
     * transaction is open, so a kill -9 lands inside it. */
    const char *d = getenv("BULWARK_TEST_SNAPSHOT_DELAY_MS");
    if (!d || !*d)
        return;
    char *end;
    long ms = strtol(d, &end, 10);
    if (*end || ms <= 0 || ms > 60000)
        return;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static bw_status snapshot_tx(sqlite3 *db, void *ctx, bw_error *err) {
    snap *S = ctx;
    /* A retried transaction starts from the scanned numbers again. */
    for (size_t i = 0; i < S->ncomp; i++) {
        comp_acc *c = &S->comps[i];
        for (size_t r = 0; r < c->rule_count; r++) {
            bw_free(c->rules[r].rule_id);
            bw_free(c->rules[r].severity);
        }
        c->rule_count = 0;
        uint64_t ls = c->m.lines_safe, lu = c->m.lines_unsafe, uc = c->m.unsafe_constructs;
        memset(&c->m, 0, sizeof c->m);
        c->m.lines_safe = ls;
        c->m.lines_unsafe = lu;
        c->m.unsafe_constructs = uc;
        c->m.isolation_declared = i < S->rm->component_count && S->rm->components[i].isolation;
        c->icalls = c->shadow = c->memops = c->residual = c->bin_total = c->bin_passed = 0;
    }
    S->baseline_total = 0;
    bw_status s;
    if ((s = read_previous(S, db, err)) != BW_OK || (s = read_findings(S, db, err)) != BW_OK ||
        (s = read_tus(S, db, err)) != BW_OK || (s = read_baseline(S, db, err)) != BW_OK ||
        (s = read_runtime(S, db, err)) != BW_OK)
        return s;

    char *rj = roadmap_json(S->rm);
    if (!rj)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st = NULL;
    s = bw_rm_prepare(db,
                      "INSERT INTO snapshots (taken_at, git_commit, git_dirty, baseline_total, "
                      "roadmap_json, tool_version) VALUES (?1,?2,?3,?4,?5,?6)",
                      &st, err);
    if (s == BW_OK) {
        bw_rm_bind_text(st, 1, S->taken_at);
        bw_rm_bind_text(st, 2, S->commit);
        sqlite3_bind_int(st, 3, S->dirty);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)S->baseline_total);
        bw_rm_bind_text(st, 5, rj);
        bw_rm_bind_text(st, 6, S->opts->tool_version ? S->opts->tool_version : "unknown");
        s = bw_rm_exec_stmt(db, st, "storing the snapshot", err);
    }
    sqlite3_finalize(st);
    bw_free(rj);
    if (s != BW_OK)
        return s;
    S->id = sqlite3_last_insert_rowid(db);
    test_delay();

    sqlite3_stmt *comp_st = NULL, *loc_st = NULL, *uns_st = NULL, *fnd_st = NULL;
    if ((s = bw_rm_prepare(db,
                           "INSERT INTO snapshot_components (snapshot_id, component, phase, files, "
                           "lines_unsafe, lines_safe, unsafe_constructs, "
                           "findings_open, findings_high, baseline_size, tu_total, tu_hardened, "
                           "icalls_instrumented, functions_shadow_stacked, memops_checked, "
                           "residual_unsafe, runtime_violations, runtime_report_only, "
                           "binaries_total, binaries_passed) VALUES "
                           "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
                           "?20)",
                           &comp_st, err)) == BW_OK &&
        (s = bw_rm_prepare(db,
                           "INSERT INTO snapshot_loc (snapshot_id, component, language, files, "
                           "lines) VALUES (?1,?2,?3,?4,?5)",
                           &loc_st, err)) == BW_OK &&
        (s = bw_rm_prepare(db,
                           "INSERT INTO snapshot_unsafe (snapshot_id, component, kind, count) "
                           "VALUES (?1,?2,?3,?4)",
                           &uns_st, err)) == BW_OK &&
        (s = bw_rm_prepare(db,
                           "INSERT INTO snapshot_findings (snapshot_id, component, rule_id, "
                           "severity, count) VALUES (?1,?2,?3,?4,?5)",
                           &fnd_st, err)) == BW_OK) {
        for (size_t i = 0; s == BW_OK && i < S->ncomp; i++) {
            comp_acc *c = &S->comps[i];
            /* The unassigned bucket is stored only when something landed in it. */
            if (i == S->ncomp - 1 && c->files == 0 && c->m.findings_open == 0 &&
                c->m.tu_total == 0 && c->m.runtime_violations == 0 && c->bin_total == 0)
                continue;
            s = store_component(S, db, comp_st, loc_st, uns_st, fnd_st, i, err);
        }
    }
    sqlite3_finalize(comp_st);
    sqlite3_finalize(loc_st);
    sqlite3_finalize(uns_st);
    sqlite3_finalize(fnd_st);
    if (s == BW_OK)
        s = store_loosenings(S, db, err);
    test_delay();
    return s;
}

bw_status bw_snapshot_take(bw_tracker *t, const bw_roadmap *rm, const bw_snapshot_options *opts,
                           int64_t *snapshot_id, bw_error *err) {
    if (!t || !rm || !opts || !opts->root)
        return bw_error_set(err, BW_ERR_USAGE, "bw_snapshot_take: missing argument");
    if (opts->taken_at) {
        int64_t secs;
        if (!bw_rm_parse_rfc3339_utc(opts->taken_at, &secs))
            return bw_error_set(err, BW_ERR_USAGE, "snapshot time '%s' is not RFC 3339 UTC",
                                opts->taken_at);
    }
    snap S = {.rm = rm, .opts = opts, .ncomp = rm->component_count + 1};
    bw_status s = BW_OK;
    size_t nl = bw_language_count();
    S.comps = bw_calloc(S.ncomp, sizeof *S.comps);
    bw_buf prefix = BW_BUF_INIT;
    bw_buf_printf(&prefix, "%s/", opts->root);
    S.root_prefix = bw_buf_take(&prefix);
    if (!S.comps || !S.root_prefix) {
        s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < S.ncomp; i++) {
        comp_acc *c = &S.comps[i];
        c->name = i < rm->component_count ? rm->components[i].name : unassigned;
        c->lang_lines = bw_calloc(nl, sizeof *c->lang_lines);
        c->lang_files = bw_calloc(nl, sizeof *c->lang_files);
        if (!c->lang_lines || !c->lang_files) {
            s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    if (opts->taken_at)
        snprintf(S.taken_at, sizeof S.taken_at, "%s", opts->taken_at);
    else
        bw_rm_now_utc(S.taken_at);
    git_info(&S);
    if ((s = scan_tree(&S, err)) != BW_OK)
        goto done;
    s = bw_rm_transaction(t, snapshot_tx, &S, err);
    if (s == BW_OK && snapshot_id)
        *snapshot_id = S.id;
done:
    for (size_t i = 0; S.comps && i < S.ncomp; i++) {
        comp_acc *c = &S.comps[i];
        bw_free(c->lang_lines);
        bw_free(c->lang_files);
        for (size_t r = 0; r < c->rule_count; r++) {
            bw_free(c->rules[r].rule_id);
            bw_free(c->rules[r].severity);
        }
        bw_free(c->rules);
    }
    bw_free(S.comps);
    bw_free(S.root_prefix);
    bw_free(S.commit);
    return s;
}
