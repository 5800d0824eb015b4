/* Unit tests for snapshots and reports: measurements land in the right
 * component, phases follow criteria, reports escape hostile text, merges
 * keep products apart, and a killed snapshot leaves the previous state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/roadmap.h"
#include "bulwark/tracker.h"
#include "rm_test.h"

static long long q1(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* A hostile component name: markup, quotes, a newline and a right-to-left override. */
#define HOSTILE "<script>alert(1)</script>\"q'\n\xe2\x80\xae" "evil"

static const char roadmap_text[] =
    "version: 1\n"
    "organization:\n"
    "  name: \"Acme <b>Corp</b>\"\n"
    "  executive-sponsor: \"Jo Doe, CTO\"\n"
    "  memory-safe-new-code-date: 2026-01-01\n"
    "components:\n"
    "  - name: core\n"
    "    paths: [src/core/**]\n"
    "    owner: alice\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2024-06-30, done: true}\n"
    "      - {phase: isolated, target: 2024-12-31}\n"
    "  - name: \"<script>alert(1)</script>\\\"q'\\n\\u202Eevil\"\n"
    "    paths: [src/ui/**]\n"
    "    owner: \"bob & <i>co</i>\"\n"
    "    binaries: [uiapp]\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2099-01-01, done: true}\n"
    "  - name: newlib\n"
    "    paths: [rust/**]\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2099-01-01}\n";

typedef struct fixture {
    char *dir;
    char db[600];
    bw_roadmap *rm;
    bw_tracker *t;
} fixture;

static void setup_tree(fixture *fx)
{
    fx->dir = rm_temp_dir();
    rm_put(fx->dir, "src/core/a.c", "#include <string.h>\nvoid a(char *d, const char *s) {\n"
                                    "  strcpy(d, s);\n}\n");
    rm_put(fx->dir, "src/core/b.h", "/* header */\nint b(void);\n");
    rm_put(fx->dir, "src/ui/ui.cpp", "int ui() { return *(p + 1); }\n");
    rm_put(fx->dir, "rust/lib.rs", "fn a() {}\nfn b() {}\nfn c() {}\n");
    rm_put(fx->dir, "tools/gen.py", "print('x')\n");
    rm_put(fx->dir, "build-x/ignored.c", "int ignored;\n");
    snprintf(fx->db, sizeof fx->db, "%s/.bulwark/tracker.db", fx->dir);
    bw_error err = {0};
    assert_int_equal(bw_roadmap_load_string(roadmap_text, strlen(roadmap_text), "r.yaml", &fx->rm, &err),
                     BW_OK);
    assert_int_equal(bw_tracker_open(fx->db, BW_TRACKER_WRITE, &fx->t, &err), BW_OK);
}

static void teardown_tree(fixture *fx)
{
    bw_tracker_close(fx->t);
    bw_roadmap_free(fx->rm);
    rm_remove_tree(fx->dir);
}

static void record_builds(fixture *fx)
{
    bw_error err = {0};
    /* core: both TUs hardened, no error findings; ui: one error finding. */
    const char *tus[] = {"src/core/a.c", "src/core/b.c"};
    for (int i = 0; i < 2; i++) {
        bw_tu_record r = {.tu_path = tus[i], .protections = {true, true, true, 3, 2, 10, 1}};
        assert_int_equal(bw_tracker_record_tu(fx->t, &r, &err), BW_OK);
    }
    bw_findings fs = BW_FINDINGS_INIT;
    bw_location loc = {"src/ui/ui.cpp", 1, 20, 0, 0};
    bw_finding *f = bw_finding_new("BW-BUFFER-OVERFLOW", BW_SEV_ERROR, HOSTILE, &loc);
    assert_non_null(f);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%s", "00112233445566778899aabbccddeeff");
    assert_int_equal(bw_findings_push(&fs, f), BW_OK);
    bw_location loc2 = {"src/core/a.c", 3, 3, 0, 0};
    bw_finding *g = bw_finding_new("BW-STRCPY", BW_SEV_WARNING, "strcpy", &loc2);
    assert_int_equal(bw_finding_set_suppression(g, "length checked above"), BW_OK);
    assert_int_equal(bw_findings_push(&fs, g), BW_OK);
    bw_tu_record ui = {.tu_path = "src/ui/ui.cpp", .findings = &fs};
    assert_int_equal(bw_tracker_record_tu(fx->t, &ui, &err), BW_OK);
    bw_check_run run = {.findings = &fs, .files_analyzed = 3};
    assert_int_equal(bw_tracker_record_check(fx->t, &run, NULL, &err), BW_OK);
    bw_findings_free(&fs);
    const char *files[] = {"src/ui/ui.cpp", "src/core/a.c"};
    bw_baseline_info bi = {.path = "baseline.json", .entries = 2, .entry_files = files};
    assert_int_equal(bw_tracker_record_baseline(fx->t, &bi, &err), BW_OK);
    FILE *log = tmpfile();
    fputs("{\"v\":1,\"time\":\"2025-01-01T00:00:00Z\",\"program\":\"/opt/uiapp\",\"pid\":9,"
          "\"kind\":\"cfi-icall\",\"mode\":\"report\",\"action\":\"logged\",\"symbol\":\"<img src=x>\"}\n",
          log);
    rewind(log);
    assert_int_equal(bw_tracker_import_audit_log(fx->t, log, "log", NULL, &err), BW_OK);
    fclose(log);
}

static void snapshot_measures_components(void **state)
{
    (void)state;
    fixture fx;
    setup_tree(&fx);
    record_builds(&fx);
    bw_error err = {0};
    int64_t id = 0;
    bw_snapshot_options so = {.root = fx.dir, .taken_at = "2025-01-01T00:00:00Z", .git_commit = "c0ffee",
                              .tool_version = "test"};
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, &id, &err), BW_OK);
    assert_true(id > 0);
    /* Lines by component and language (the build-x directory is skipped). */
    assert_int_equal(q1(fx.db, "SELECT lines FROM snapshot_loc WHERE component='core' AND language='C'"), 5);
    assert_int_equal(q1(fx.db, "SELECT lines FROM snapshot_loc WHERE component='newlib' AND language='Rust'"), 3);
    assert_int_equal(q1(fx.db, "SELECT lines FROM snapshot_loc WHERE component='(unassigned)' AND language='Python'"), 1);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_loc WHERE language='C' AND component='(unassigned)'"), 0);
    assert_int_equal(q1(fx.db, "SELECT count FROM snapshot_unsafe WHERE component='core' AND kind='unchecked-libc-call'"), 1);
    assert_int_equal(q1(fx.db, "SELECT count FROM snapshot_unsafe WHERE component LIKE '<script>%' AND kind='pointer-arithmetic'"), 1);
    /* Findings: the ui error counted once (TU record and check run share a
     * fingerprint); the suppressed core warning is not open. */
    assert_int_equal(q1(fx.db, "SELECT findings_open FROM snapshot_components WHERE component LIKE '<script>%'"), 1);
    assert_int_equal(q1(fx.db, "SELECT findings_high FROM snapshot_components WHERE component LIKE '<script>%'"), 1);
    assert_int_equal(q1(fx.db, "SELECT findings_open FROM snapshot_components WHERE component='core'"), 0);
    assert_int_equal(q1(fx.db, "SELECT tu_hardened * 10 + tu_total FROM snapshot_components WHERE component='core'"), 22);
    assert_int_equal(q1(fx.db, "SELECT icalls_instrumented FROM snapshot_components WHERE component='core'"), 6);
    assert_int_equal(q1(fx.db, "SELECT baseline_size FROM snapshot_components WHERE component='core'"), 1);
    assert_int_equal(q1(fx.db, "SELECT baseline_total FROM snapshots"), 2);
    assert_int_equal(q1(fx.db, "SELECT runtime_report_only FROM snapshot_components WHERE component LIKE '<script>%'"), 1);
    /* Phases: core's "hardened" holds; ui claims hardened but fails. */
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_components WHERE component='core' AND phase='hardened'"), 1);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_components WHERE component LIKE '<script>%' AND phase='legacy'"), 1);
    assert_int_equal(q1(fx.db, "SELECT criteria_hold FROM snapshot_milestones WHERE component LIKE '<script>%' AND phase='hardened'"), 0);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_milestones, json_each(criteria_json) WHERE component LIKE '<script>%' AND json_extract(value,'$.id')='no-high-findings' AND json_extract(value,'$.holds')=0"), 1);
    /* Loosenings in force: the suppression and the report-only runtime. */
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_loosenings WHERE kind='suppression' AND reason='length checked above' AND component='core'"), 1);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_loosenings WHERE kind='report-only'"), 1);
    teardown_tree(&fx);
}

static char *render(bw_rm_report *r, bw_rm_format f)
{
    bw_error err = {0};
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(bw_rm_report_render(r, f, &text, &len, &err), BW_OK);
    assert_int_equal(strlen(text), len);
    return text;
}

static void report_escapes_hostile_text(void **state)
{
    (void)state;
    fixture fx;
    setup_tree(&fx);
    record_builds(&fx);
    bw_error err = {0};
    bw_snapshot_options so = {.root = fx.dir, .taken_at = "2025-01-01T00:00:00Z", .tool_version = "t"};
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, NULL, &err), BW_OK);
    so.taken_at = "2025-02-01T00:00:00Z";
    rm_put(fx.dir, "rust/more.rs", "fn d() {}\n");
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, NULL, &err), BW_OK);
    bw_report_options ro = {.as_of = "2025-03-01", .tool_version = "t"};
    bw_rm_report *r = NULL;
    if (bw_rm_report_from_db(fx.t, &ro, &r, &err) != BW_OK)
        fail_msg("report: %s", err.message);
    assert_true(bw_rm_report_has_problems(r)); /* core's isolated milestone is late */

    char *html = render(r, BW_RM_HTML);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>Corp"));
    assert_null(strstr(html, "\xe2\x80\xae"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;q&#39;&#10;[U+202E]evil"));
    assert_non_null(strstr(html, "bob &amp; &lt;i&gt;co&lt;/i&gt;"));
    assert_non_null(strstr(html, "Content-Security-Policy"));
    assert_non_null(strstr(html, "default-src 'none'"));
    /* No external resource: the only URL is the SVG namespace name. */
    for (const char *u = strstr(html, "://"); u; u = strstr(u + 1, "://"))
        assert_int_equal(strncmp(u - 4, "http://www.w3.org/2000/svg\"", 27), 0);
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<iframe"));
    assert_null(strstr(html, "<object"));
    assert_non_null(strstr(html, "<title id="));      /* chart text alternatives */
    assert_non_null(strstr(html, "<desc id="));
    assert_non_null(strstr(html, "name=\"viewport\""));
    assert_non_null(strstr(html, "@media print"));
    assert_non_null(strstr(html, "st late"));         /* late milestone highlighted */
    assert_non_null(strstr(html, "marked done, but a criterion fails"));
    assert_non_null(strstr(html, "no-high-findings"));
    assert_non_null(strstr(html, "report-only"));     /* loosenings listed */
    assert_non_null(strstr(html, "length checked above"));
    assert_null(strstr(html, " style=\""));           /* CSP: no inline style attributes */
    bw_free(html);

    char *md = render(r, BW_RM_MARKDOWN);
    assert_null(strstr(md, "<script"));
    assert_non_null(strstr(md, "&lt;script&gt;alert\\(1\\)&lt;/script&gt;\"q'"));
    assert_null(strstr(md, "q'\nevil"));
    assert_non_null(strstr(md, "**LATE**"));
    assert_non_null(strstr(md, "Jo Doe, CTO"));
    bw_free(md);

    char *status = render(r, BW_RM_STATUS);
    assert_null(strstr(status, "\xe2\x80\xae"));
    assert_non_null(strstr(status, "\\x0a[U+202E]evil"));
    assert_non_null(strstr(status, "core: hardened -> isolated by 2024-12-31, LATE"));
    bw_free(status);

    char *json = render(r, BW_RM_JSON);
    assert_non_null(strstr(json, "\"format\": \"bulwark-roadmap-report\""));
    assert_non_null(strstr(json, "\"snapshots\": 2"));
    bw_free(json);
    bw_rm_report_free(r);
    teardown_tree(&fx);
}

static void merge_keeps_products_apart(void **state)
{
    (void)state;
    fixture fx;
    setup_tree(&fx);
    bw_error err = {0};
    bw_snapshot_options so = {.root = fx.dir, .taken_at = "2025-01-01T00:00:00Z"};
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, NULL, &err), BW_OK);
    char a[700], b[700], bad[700];
    snprintf(a, sizeof a, "%s/a.json", fx.dir);
    snprintf(b, sizeof b, "%s/b.json", fx.dir);
    snprintf(bad, sizeof bad, "%s/bad.json", fx.dir);
    const char *names[] = {"Product A", "Product B"};
    const char *paths[] = {a, b};
    for (int i = 0; i < 2; i++) {
        bw_report_options ro = {.product = names[i], .as_of = "2025-01-02"};
        bw_rm_report *r = NULL;
        assert_int_equal(bw_rm_report_from_db(fx.t, &ro, &r, &err), BW_OK);
        char *json = render(r, BW_RM_JSON);
        rm_write_file(paths[i], json);
        bw_free(json);
        bw_rm_report_free(r);
    }
    bw_rm_report *m = NULL;
    bw_report_options mo = {.as_of = "2025-01-02"};
    assert_int_equal(bw_rm_report_merge(paths, 2, &mo, &m, &err), BW_OK);
    char *json = render(m, BW_RM_JSON);
    assert_non_null(strstr(json, "\"name\": \"Product A\""));
    assert_non_null(strstr(json, "\"name\": \"Product B\""));
    bw_free(json);
    char *html = render(m, BW_RM_HTML);
    assert_non_null(strstr(html, "<h2>Products</h2>"));
    assert_non_null(strstr(html, "id=\"p0-components\""));
    assert_non_null(strstr(html, "id=\"p1-components\""));
    bw_free(html);
    bw_rm_report_free(m);
    /* The same export twice: both kept, told apart. */
    const char *twice[] = {a, a};
    assert_int_equal(bw_rm_report_merge(twice, 2, &mo, &m, &err), BW_OK);
    json = render(m, BW_RM_JSON);
    assert_non_null(strstr(json, "\"name\": \"Product A (2)\""));
    bw_free(json);
    bw_rm_report_free(m);
    /* Not an export; a newer export. */
    rm_write_file(bad, "{\"hello\": 1}");
    const char *badp[] = {a, bad};
    assert_int_equal(bw_rm_report_merge(badp, 2, &mo, &m, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "not a Bulwark roadmap export"));
    rm_write_file(bad, "{\"format\": \"bulwark-roadmap-report\", \"version\": 9, \"products\": []}");
    assert_int_equal(bw_rm_report_merge(badp, 2, &mo, &m, &err), BW_ERR_VERSION);
    rm_write_file(bad, "{\"format\": \"bulwark-roadmap-report\", \"version\": 1, \"products\": [{\"name\": 5}]}");
    assert_int_equal(bw_rm_report_merge(badp, 2, &mo, &m, &err), BW_ERR_PARSE);
    rm_write_file(bad, "{\"format\": ");
    assert_int_equal(bw_rm_report_merge(badp, 2, &mo, &m, &err), BW_ERR_PARSE);
    teardown_tree(&fx);
}

static void report_needs_a_snapshot(void **state)
{
    (void)state;
    fixture fx;
    setup_tree(&fx);
    bw_error err = {0};
    bw_rm_report *r = NULL;
    assert_int_equal(bw_rm_report_from_db(fx.t, NULL, &r, &err), BW_ERR_NOT_FOUND);
    assert_null(r);
    bw_report_options ro = {.as_of = "2025-02-30"};
    assert_int_equal(bw_rm_report_from_db(fx.t, &ro, &r, &err), BW_ERR_USAGE);
    teardown_tree(&fx);
}

/* kill -9 in the middle of a snapshot: the previous state survives intact. */
static void killed_snapshot_leaves_previous_state(void **state)
{
    (void)state;
    fixture fx;
    setup_tree(&fx);
    bw_error err = {0};
    bw_snapshot_options so = {.root = fx.dir, .taken_at = "2025-01-01T00:00:00Z"};
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, NULL, &err), BW_OK);
    long long rows = q1(fx.db, "SELECT count(*) FROM snapshot_components");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("BULWARK_TEST_SNAPSHOT_DELAY_MS", "5000", 1);
        bw_tracker *t = NULL;
        bw_error e2 = {0};
        if (bw_tracker_open(fx.db, BW_TRACKER_WRITE, &t, &e2) != BW_OK)
            _exit(3);
        bw_snapshot_options s2 = {.root = fx.dir, .taken_at = "2025-02-01T00:00:00Z"};
        bw_snapshot_take(t, fx.rm, &s2, NULL, &e2);
        _exit(0);
    }
    /* Wait until the child holds the write lock (its transaction is open). */
    for (int i = 0; i < 200; i++) {
        sqlite3 *db = NULL;
        sqlite3_open(fx.db, &db);
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE; ROLLBACK;", NULL, NULL, NULL);
        sqlite3_close(db);
        if (rc == SQLITE_BUSY)
            break;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFSIGNALED(st));
    bw_tracker_close(fx.t);
    fx.t = NULL;
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshots"), 1);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshot_components"), rows);
    sqlite3 *db = NULL;
    sqlite3_open(fx.db, &db);
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    sqlite3_close(db);
    /* And the next snapshot works. */
    assert_int_equal(bw_tracker_open(fx.db, BW_TRACKER_WRITE, &fx.t, &err), BW_OK);
    assert_int_equal(bw_snapshot_take(fx.t, fx.rm, &so, NULL, &err), BW_OK);
    assert_int_equal(q1(fx.db, "SELECT count(*) FROM snapshots"), 2);
    teardown_tree(&fx);
}

int main(void)
{
    unsetenv("BULWARK_TEST_SNAPSHOT_DELAY_MS");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snapshot_measures_components),
        cmocka_unit_test(report_escapes_hostile_text),
        cmocka_unit_test(merge_keeps_products_apart),
        cmocka_unit_test(report_needs_a_snapshot),
        cmocka_unit_test(killed_snapshot_leaves_previous_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
