/* fault_tracker.c — the roadmap tracker under SQLite and allocation faults.
 *
 * Every operation the CLI and the wrapper perform on the tracker, each as
 * its own open/work/close (one process each in real use): create the
 * database, upgrade a version-1 database, record compiles (and replace
 * one), a check run, a baseline, a verified binary, loosenings, import an
 * audit log, take a snapshot, build and render the report.  tests/fault/
 * run_faults.sh runs it failing the 1st, 2nd, ... SQLite call
 * (BULWARK_FAIL_SQLITE_AT), SQLite allocation (BULWARK_FAIL_SQLITE_MALLOC_AT)
 * or bw_malloc allocation (BULWARK_FAIL_ALLOC_AT); fault_ops.c checks each
 * run (clean status, old-or-new state, integrity, usable afterwards).
 * usage: fault_tracker <scratch-dir> */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/roadmap.h"
#include "bulwark/tracker.h"
#include "fault_db.h"
#include "fault_ops.h"
#include "internal.h" /* bw_rm_migration_sql: builds a version-1 database */

typedef struct ctx {
    char dir[512];
    char v1_test[600], v1_ref[600];
    char log[600];
    bw_roadmap *rm;
    char *report_got; /* a faulted run's reports, compared with the reference run's */
} ctx;

static const char roadmap_text[] =
    "version: 1\n"
    "organization:\n"
    "  name: Acme\n"
    "  executive-sponsor: Jo\n"
    "  memory-safe-new-code-date: 2026-01-01\n"
    "components:\n"
    "  - name: core\n"
    "    paths: [src/core/**]\n"
    "    owner: alice\n"
    "    binaries: [app]\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2024-06-30, done: true}\n"
    "  - name: ui\n"
    "    paths: [src/ui/**]\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2099-01-01}\n";

static void put_file(const char *dir, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    }
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

/* A finding list the records carry; NULL when an allocation failed. */
static bw_status make_findings(bw_findings *fs, const char *file, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        bw_location loc = {(char *)file, 10 + i, 3, 0, 0};
        bw_finding *f = bw_finding_new(i % 2 ? "BW-FORMAT-STRING" : "BW-BUFFER-OVERFLOW",
                                       i % 2 ? BW_SEV_WARNING : BW_SEV_ERROR, "message <x> 'q'", &loc);
        if (f == NULL)
            return BW_ERR_NOMEM;
        snprintf(f->fingerprint, sizeof f->fingerprint, "%032x", 0xabc0 + i);
        bw_status st = bw_finding_set_function(f, "fn");
        if (st == BW_OK && i == 2)
            st = bw_finding_set_suppression(f, "reviewed");
        if (st == BW_OK)
            st = bw_findings_push(fs, f);
        else
            bw_finding_free(f);
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

static bw_status make_loosenings(bw_loosenings *ls)
{
    bw_location loc = {(char *)".bulwark.yaml", 4, 1, 0, 0};
    bw_status st = bw_loosenings_add(ls, "rule-disabled", "BW-XSS", "no html", &loc);
    if (st == BW_OK)
        st = bw_loosenings_add(ls, "protection-off", "shadow-stack", "jit", NULL);
    return st;
}

static bw_status with_tracker(const char *db, bw_tracker **t, bw_error *err)
{
    return bw_tracker_open(db, BW_TRACKER_WRITE, t, err);
}

/* ---- the operations ---------------------------------------------------------- */

static bw_status op_create(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    bw_tracker_close(t);
    return st;
}

static bw_status record_tu(const char *db, const char *tu, unsigned nfindings, bw_error *err)
{
    bw_tracker *t = NULL;
    bw_findings fs = BW_FINDINGS_INIT;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    static const char *const flags[] = {"-D_FORTIFY_SOURCE=3", "-fstack-protector-strong", "-pie"};
    bw_status st = make_findings(&fs, tu, nfindings);
    if (st == BW_OK)
        st = make_loosenings(&ls);
    if (st != BW_OK)
        bw_error_set(err, st, "out of memory");
    if (st == BW_OK)
        st = with_tracker(db, &t, err);
    if (st == BW_OK) {
        bw_tu_record r = {.tu_path = tu,
                          .output = "build/a.o",
                          .build_id = "b1",
                          .language = "c",
                          .compiler = "clang-19",
                          .protections = {true, true, false, 7, 3, 0, 2},
                          .hardening_flags = flags,
                          .hardening_flag_count = 3,
                          .compile_seconds = 0.25,
                          .findings = &fs,
                          .loosenings = &ls};
        st = bw_tracker_record_tu(t, &r, err);
    }
    bw_tracker_close(t);
    bw_findings_free(&fs);
    bw_loosenings_free(&ls);
    return st;
}

static bw_status op_record_tu(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    return record_tu(db, "src/core/a.c", 3, err);
}

static bw_status op_record_tu2(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    return record_tu(db, "src/ui/ui.c", 2, err);
}

/* The same TU of the same build again: replaces the first record. */
static bw_status op_replace_tu(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    return record_tu(db, "src/core/a.c", 5, err);
}

static bw_status op_check(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_findings fs = BW_FINDINGS_INIT;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_status st = make_findings(&fs, "src/ui/ui.c", 4);
    if (st == BW_OK)
        st = make_loosenings(&ls);
    if (st != BW_OK)
        bw_error_set(err, st, "out of memory");
    if (st == BW_OK)
        st = with_tracker(db, &t, err);
    if (st == BW_OK) {
        bw_check_run run = {.git_commit = "c0ffee", .files_analyzed = 2, .files_failed = 0,
                            .findings = &fs, .loosenings = &ls};
        int64_t id = 0;
        st = bw_tracker_record_check(t, &run, &id, err);
    }
    bw_tracker_close(t);
    bw_findings_free(&fs);
    bw_loosenings_free(&ls);
    return st;
}

static bw_status op_baseline(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    if (st == BW_OK) {
        static const char *const files[] = {"src/ui/ui.c", "src/core/a.c", "src/ui/ui.c"};
        bw_baseline_info b = {.path = ".bulwark-baseline.json", .entries = 3, .entry_files = files,
                              .git_commit = "c0ffee", .growth_reason = "vendor import"};
        st = bw_tracker_record_baseline(t, &b, err);
    }
    bw_tracker_close(t);
    return st;
}

static bw_status op_binary(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    if (st == BW_OK) {
        bw_binary_record r = {.path = "build/app", .pie = true, .relro = true, .bind_now = true,
                              .nx_stack = true, .stack_protector = true, .fortified = 3,
                              .fortifiable = 4, .bulwark_instrumented = true, .bulwark_modules = 2,
                              .passed = true, .detail_json = "{\"pie\":true}"};
        st = bw_tracker_record_binary(t, &r, err);
    }
    bw_tracker_close(t);
    return st;
}

static bw_status op_loosenings(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_status st = make_loosenings(&ls);
    if (st != BW_OK)
        bw_error_set(err, st, "out of memory");
    if (st == BW_OK)
        st = with_tracker(db, &t, err);
    if (st == BW_OK)
        st = bw_tracker_record_loosenings(t, "config", &ls, err);
    bw_tracker_close(t);
    bw_loosenings_free(&ls);
    return st;
}

static bw_status op_audit(void *vc, const char *db, bool ref, bw_error *err)
{
    (void)ref;
    ctx *c = vc;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    FILE *in = NULL;
    if (st == BW_OK && (in = fopen(c->log, "r")) == NULL)
        st = bw_error_set(err, BW_ERR_IO, "%s: cannot open", c->log);
    if (st == BW_OK) {
        bw_audit_import_stats stats;
        st = bw_tracker_import_audit_log(t, in, c->log, &stats, err);
    }
    if (in != NULL)
        fclose(in);
    bw_tracker_close(t);
    return st;
}

static bw_status op_snapshot(void *vc, const char *db, bool ref, bw_error *err)
{
    (void)ref;
    ctx *c = vc;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    if (st == BW_OK) {
        bw_snapshot_options o = {.root = c->dir, .taken_at = "2026-01-02T03:04:05Z",
                                 .git_commit = "c0ffee", .tool_version = "0.1.0"};
        int64_t id = 0;
        st = bw_snapshot_take(t, c->rm, &o, &id, err);
    }
    bw_tracker_close(t);
    return st;
}

/* Blanks every "YYYY-MM-DDTHH:MM:SS" (the reports say when they were
 * generated). */
static void mask_times(char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    size_t n = strlen(s), k = sizeof shape - 1;
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (shape[j] == 'd' ? (s[i + j] >= '0' && s[i + j] <= '9') : s[i + j] == shape[j]))
            j++;
        if (j == k)
            memset(s + i, '#', k);
    }
}

/* Reading only: the report must fail cleanly and leave the database alone,
 * and a report that succeeds must be the same as without faults (a failed
 * read taken for "no rows" would show a wrong dashboard). */
static bw_status op_report(void *vc, const char *db, bool ref, bw_error *err)
{
    ctx *c = vc;
    bw_tracker *t = NULL;
    char *all = NULL;
    size_t all_len = 0;
    bw_rm_report *r = NULL;
    bw_status st = bw_tracker_open(db, BW_TRACKER_READ, &t, err);
    if (st == BW_OK) {
        bw_report_options o = {.product = "acme", .as_of = "2026-01-03", .tool_version = "0.1.0"};
        st = bw_rm_report_from_db(t, &o, &r, err);
    }
    static const bw_rm_format formats[] = {BW_RM_HTML, BW_RM_MARKDOWN, BW_RM_JSON, BW_RM_STATUS};
    for (size_t i = 0; st == BW_OK && i < 4; i++) {
        char *out = NULL;
        size_t len = 0;
        st = bw_rm_report_render(r, formats[i], &out, &len, err);
        if (st == BW_OK) {
            char *grown = realloc(all, all_len + len + 1);
            if (grown == NULL)
                abort();
            all = grown;
            memcpy(all + all_len, out, len);
            all_len += len;
            all[all_len] = '\0';
        }
        bw_free(out);
    }
    bw_rm_report_free(r);
    bw_tracker_close(t);
    if (all != NULL)
        mask_times(all);
    if (!ref) {
        /* kept for the reference run that follows a fault */
        free(c->report_got);
        c->report_got = NULL;
        if (st == BW_OK) {
            c->report_got = all;
            all = NULL;
        }
    } else if (st == BW_OK && c->report_got != NULL && strcmp(all, c->report_got) != 0) {
        fdb_violation("fault_tracker", "the report succeeded after an injected failure but differs from a "
                      "fault-free one", c->report_got, all);
    }
    free(all);
    return st;
}

/* Opening a version-1 database upgrades it in one transaction. */
static bw_status op_upgrade(void *c, const char *db, bool ref, bw_error *err)
{
    (void)c;
    (void)ref;
    bw_tracker *t = NULL;
    bw_status st = with_tracker(db, &t, err);
    bw_tracker_close(t);
    return st;
}

/* A version-1 tracker with one compile recorded, written with plain SQLite. */
static void make_v1(const char *path)
{
    fault_pause(true);
    sqlite3 *db = NULL;
    char sql[256];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 1;",
             BW_TRACKER_APPLICATION_ID);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, bw_rm_migration_sql(1), NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db,
                     "INSERT INTO tu_records (tu_path, recorded_at, hardened, cfi, shadow_stack, "
                     "memory_checks, icalls_instrumented, functions_shadow_stacked, memops_checked, "
                     "residual_unsafe, hardening_flags, compile_ms) "
                     "VALUES ('src/core/a.c', '2025-01-01T00:00:00Z', 1, 1, 1, 0, 1, 1, 0, 0, '[]', 5)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "fault_tracker: cannot build the version-1 database: %s\n", sqlite3_errmsg(db));
        exit(2);
    }
    sqlite3_close(db);
    fault_pause(false);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (!fault_init())
        return 0;
    static ctx c;
    if (!fdb_scratch_dir(c.dir, sizeof c.dir, argv[1], "tracker"))
        return 2;
    put_file(c.dir, "src/core/a.c", "#include <string.h>\nvoid a(char *d, const char *s) { strcpy(d, s); }\n");
    put_file(c.dir, "src/ui/ui.c", "int ui(int *p) { return *(p + 1); }\n");
    put_file(c.dir, "src/ui/lib.rs", "fn a() {}\n");
    snprintf(c.log, sizeof c.log, "%s/audit.log", c.dir);
    put_file(c.dir, "audit.log",
             "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"host\":\"h\",\"program\":\"/opt/app\",\"pid\":42,"
             "\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\",\"target\":\"0x401000\"}\n"
             "{\"v\":1,\"time\":\"2025-03-01T10:00:01Z\",\"program\":\"app\",\"pid\":43,"
             "\"kind\":\"shadow-stack\",\"mode\":\"report\",\"action\":\"logged\",\"address\":4198400}\n"
             "not json\n");
    snprintf(c.v1_test, sizeof c.v1_test, "%s/v1-test.db", c.dir);
    snprintf(c.v1_ref, sizeof c.v1_ref, "%s/v1-ref.db", c.dir);
    make_v1(c.v1_test);
    make_v1(c.v1_ref);
    char test_db[600], ref_db[600];
    snprintf(test_db, sizeof test_db, "%s/test/tracker.db", c.dir);
    snprintf(ref_db, sizeof ref_db, "%s/ref/tracker.db", c.dir);

    bw_error err = {0};
    fault_pause(true);
    bw_status st = bw_roadmap_load_string(roadmap_text, sizeof roadmap_text - 1, "r.yaml", &c.rm, &err);
    fault_pause(false);
    if (st != BW_OK) {
        fprintf(stderr, "fault_tracker: %s\n", err.message);
        return 2;
    }
    static const fault_op ops[] = {
        {"create", op_create},           {"record compile", op_record_tu},
        {"record second compile", op_record_tu2}, {"replace compile", op_replace_tu},
        {"record check run", op_check},  {"record baseline", op_baseline},
        {"record binary", op_binary},    {"record loosenings", op_loosenings},
        {"import audit log", op_audit},  {"snapshot", op_snapshot},
        {"report", op_report},
    };
    int rc = fault_run_ops("fault_tracker", ops, sizeof ops / sizeof ops[0], &c, test_db, ref_db, NULL,
                           fdb_no_rows_is_absent);
    /* The upgrade works on files of its own. */
    static const fault_op upgrade[] = {{"upgrade version 1", op_upgrade}};
    if (rc == 0)
        rc = fault_run_ops("fault_tracker", upgrade, 1, &c, c.v1_test, c.v1_ref, NULL, NULL);
    bw_roadmap_free(c.rm);
    free(c.report_got);
    fdb_remove_tree(c.dir);
    return rc == 3 ? 3 : 0;
}
