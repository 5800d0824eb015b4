/* Unit tests for the tracker database: schema, migrations, refusal of
 * foreign/corrupt/newer files, records, concurrency, audit-log import. */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/tracker.h"
#include "internal.h"
#include "rm_test.h"

static long long q1(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static bool q_is(const char *db_path, const char *sql, const char *want)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    bool ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL &&
              strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

static void exec_sql(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("sql failed: %s", msg ? msg : "?");
    sqlite3_close(db);
}

static void creates_versioned_database_under_new_directory(void **state)
{
    (void)state;
    char *dir = rm_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/.bulwark/sub/tracker.db", dir);
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_READ, &t, &err), BW_ERR_NOT_FOUND);
    assert_null(t);
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_OK);
    assert_int_equal(bw_tracker_schema_version(t), BW_TRACKER_SCHEMA_VERSION);
    assert_string_equal(bw_tracker_path(t), path);
    bw_tracker_close(t);
    assert_int_equal(q1(path, "PRAGMA user_version"), BW_TRACKER_SCHEMA_VERSION);
    assert_int_equal(q1(path, "PRAGMA application_id"), BW_TRACKER_APPLICATION_ID);
    assert_int_equal(q1(path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
    /* Reopening read-mode works and changes nothing. */
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_READ, &t, &err), BW_OK);
    bw_tracker_close(t);
    bw_tracker_close(NULL);
    rm_remove_tree(dir);
}

static void default_path_honours_bulwark_db(void **state)
{
    (void)state;
    bw_error err = {0};
    char *p = NULL;
    unsetenv("BULWARK_DB");
    assert_int_equal(bw_tracker_default_path("/repo", &p, &err), BW_OK);
    assert_string_equal(p, "/repo/.bulwark/tracker.db");
    bw_free(p);
    assert_int_equal(bw_tracker_default_path(NULL, &p, &err), BW_ERR_USAGE);
    setenv("BULWARK_DB", "/elsewhere/t.db", 1);
    assert_int_equal(bw_tracker_default_path("/repo", &p, &err), BW_OK);
    assert_string_equal(p, "/elsewhere/t.db");
    bw_free(p);
    unsetenv("BULWARK_DB");
}

/* The file's bytes, to prove a refused file was not touched. */
static char *file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *d = malloc((size_t)n + 1);
    assert_non_null(d);
    assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return d;
}

static void assert_refused_untouched(const char *path, bw_status want, const char *words)
{
    size_t n0, n1;
    char *before = file_bytes(path, &n0);
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), want);
    assert_null(t);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, words));
    char *after = file_bytes(path, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat sb;
    assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
}

static void refuses_garbage_foreign_and_newer_files(void **state)
{
    (void)state;
    char *dir = rm_temp_dir();
    char path[512];
    /* Not SQLite at all. */
    snprintf(path, sizeof path, "%s/garbage.db", dir);
    rm_write_file(path, "this is a text file, not a database\n");
    assert_refused_untouched(path, BW_ERR_CORRUPT, "not a tracker database");
    /* SQLite header, damaged body. */
    snprintf(path, sizeof path, "%s/damaged.db", dir);
    {
        char junk[4096];
        memset(junk, 0xA5, sizeof junk);
        memcpy(junk, "SQLite format 3", 16);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
        assert_int_equal(fclose(f), 0);
    }
    assert_refused_untouched(path, BW_ERR_CORRUPT, "damaged");
    /* Another program's SQLite database. */
    snprintf(path, sizeof path, "%s/foreign.db", dir);
    exec_sql(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
    assert_refused_untouched(path, BW_ERR_CORRUPT, "another program");
    snprintf(path, sizeof path, "%s/foreign2.db", dir);
    exec_sql(path, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
    assert_refused_untouched(path, BW_ERR_CORRUPT, "another program");
    /* Ours, from a newer Bulwark. */
    snprintf(path, sizeof path, "%s/newer.db", dir);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 99; CREATE TABLE future (x);",
             BW_TRACKER_APPLICATION_ID);
    exec_sql(path, sql);
    assert_refused_untouched(path, BW_ERR_VERSION, "newer Bulwark");
    /* Ours, but with a table missing. */
    snprintf(path, sizeof path, "%s/gutted.db", dir);
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_OK);
    bw_tracker_close(t);
    exec_sql(path, "DROP TABLE audit_events;");
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_ERR_CORRUPT);
    assert_non_null(strstr(err.message, "audit_events"));
    rm_remove_tree(dir);
}

/* A database at schema version 1, as an older Bulwark wrote it. */
static void make_v1(const char *path)
{
    char *sql = NULL;
    size_t need = strlen(bw_rm_migration_sql(1)) + 256;
    sql = malloc(need);
    snprintf(sql, need, "BEGIN; %s PRAGMA application_id = %d; PRAGMA user_version = 1; COMMIT;",
             bw_rm_migration_sql(1), BW_TRACKER_APPLICATION_ID);
    exec_sql(path, sql);
    free(sql);
    exec_sql(path, "INSERT INTO tu_records (build_id, tu_path, output, recorded_at, hardened, cfi, "
                   "shadow_stack, memory_checks, icalls_instrumented, functions_shadow_stacked, "
                   "memops_checked, residual_unsafe, hardening_flags, compile_ms) VALUES "
                   "('', 'old.c', '', '2024-01-01T00:00:00Z', 1, 1, 0, 0, 5, 0, 0, 0, '[]', 10);");
}

static void upgrades_old_schema_in_place(void **state)
{
    (void)state;
    char *dir = rm_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    make_v1(path);
    assert_int_equal(q1(path, "PRAGMA user_version"), 1);
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_OK);
    assert_int_equal(bw_tracker_schema_version(t), 2);
    bw_tracker_close(t);
    assert_int_equal(q1(path, "PRAGMA user_version"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records WHERE tu_path='old.c' AND icalls_instrumented=5"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM sqlite_master WHERE name='binaries'"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM pragma_table_info('snapshot_components') WHERE name='binaries_total'"), 1);
    assert_true(q_is(path, "PRAGMA integrity_check", "ok"));
    rm_remove_tree(dir);
}

static void failed_migration_changes_nothing(void **state)
{
    (void)state;
    char *dir = rm_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    make_v1(path);
    /* Something in the way of migration 2's CREATE TABLE binaries. */
    exec_sql(path, "CREATE TABLE binaries (unrelated TEXT);");
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_ERR_DB);
    assert_null(t);
    assert_non_null(strstr(err.message, "version 2"));
    assert_int_equal(q1(path, "PRAGMA user_version"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM pragma_table_info('snapshot_components') WHERE name='binaries_total'"), 0);
    assert_int_equal(q1(path, "SELECT count(*) FROM pragma_table_info('binaries') WHERE name='unrelated'"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records"), 1);
    rm_remove_tree(dir);
}

static bw_tracker *open_fresh(char **dir_out, char *path, size_t n)
{
    *dir_out = rm_temp_dir();
    snprintf(path, n, "%s/t.db", *dir_out);
    bw_error err = {0};
    bw_tracker *t = NULL;
    assert_int_equal(bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err), BW_OK);
    return t;
}

static void tu_records_replace_same_identity(void **state)
{
    (void)state;
    char *dir, path[512];
    bw_tracker *t = open_fresh(&dir, path, sizeof path);
    bw_error err = {0};
    bw_findings fs = BW_FINDINGS_INIT;
    bw_location loc = {"src/a.c", 3, 5, 0, 0};
    assert_int_equal(bw_findings_push(&fs, bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR,
                                                          "query built from 'name'", &loc)), BW_OK);
    const char *flags[] = {"-D_FORTIFY_SOURCE=3", "-fstack-protector-strong", "quote\"d"};
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_loosenings_add(&ls, "protection-off", "shadow-stack", "perf test", NULL), BW_OK);
    bw_tu_record r = {.tu_path = "src/a.c", .output = "a.o", .build_id = "b1", .language = "c",
                      .compiler = "clang-19", .protections = {true, false, true, 7, 0, 30, 2},
                      .hardening_flags = flags, .hardening_flag_count = 3,
                      .compile_seconds = 0.25, .findings = &fs, .loosenings = &ls};
    assert_int_equal(bw_tracker_record_tu(t, &r, &err), BW_OK);
    assert_int_equal(bw_tracker_record_tu(t, &r, &err), BW_OK); /* a retry */
    r.build_id = "b2";
    r.protections = (bw_tu_protections){0};
    assert_int_equal(bw_tracker_record_tu(t, &r, &err), BW_OK);
    bw_tu_record bad = {0};
    assert_int_equal(bw_tracker_record_tu(t, &bad, &err), BW_ERR_USAGE);
    bw_tracker_close(t);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records WHERE build_id='b1' AND hardened=1 AND icalls_instrumented=7 AND memops_checked=30 AND residual_unsafe=2 AND compile_ms=250"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records WHERE build_id='b2' AND hardened=0"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM findings"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM findings WHERE rule_id='BW-SQL-INJECTION' AND severity='error' AND line=3"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM loosenings WHERE source='wrapper' AND kind='protection-off'"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records, json_each(hardening_flags) WHERE build_id='b1' AND json_each.value='quote\"d'"), 1);
    bw_findings_free(&fs);
    bw_loosenings_free(&ls);
    rm_remove_tree(dir);
}

static void check_runs_baselines_binaries_loosenings(void **state)
{
    (void)state;
    char *dir, path[512];
    bw_tracker *t = open_fresh(&dir, path, sizeof path);
    bw_error err = {0};
    bw_findings fs = BW_FINDINGS_INIT;
    bw_location loc = {"lib/x.c", 10, 1, 0, 0};
    bw_finding *f = bw_finding_new("BW-FORMAT-STRING", BW_SEV_WARNING, "m", &loc);
    assert_int_equal(bw_finding_set_suppression(f, "reviewed"), BW_OK);
    assert_int_equal(bw_findings_push(&fs, f), BW_OK);
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_location cl = {".bulwark.yaml", 4, 3, 0, 0};
    assert_int_equal(bw_loosenings_add(&ls, "rule-disabled", "BW-XSS", NULL, &cl), BW_OK);
    bw_check_run run = {.git_commit = "abc", .files_analyzed = 3, .findings = &fs, .loosenings = &ls};
    int64_t id = 0;
    assert_int_equal(bw_tracker_record_check(t, &run, &id, &err), BW_OK);
    assert_true(id > 0);
    const char *files[] = {"lib/x.c", "lib/x.c", "src/y.c"};
    bw_baseline_info bi = {.path = ".bulwark-baseline.json", .entries = 3, .entry_files = files,
                           .growth_reason = "vendored import"};
    assert_int_equal(bw_tracker_record_baseline(t, &bi, &err), BW_OK);
    bw_binary_record br = {.path = "out/app", .pie = true, .bulwark_instrumented = true,
                           .bulwark_modules = 2, .passed = true};
    assert_int_equal(bw_tracker_record_binary(t, &br, &err), BW_OK);
    assert_int_equal(bw_tracker_record_loosenings(t, "config", &ls, &err), BW_OK);
    bw_tracker_close(t);
    assert_int_equal(q1(path, "SELECT count(*) FROM findings WHERE run_id IS NOT NULL AND suppression='reviewed'"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM loosenings WHERE kind='rule-disabled' AND reason IS NULL AND file='.bulwark.yaml' AND line=4"), 2);
    assert_int_equal(q1(path, "SELECT entries FROM baseline_files WHERE file='lib/x.c'"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM loosenings WHERE kind='baseline-growth' AND reason='vendored import'"), 1);
    assert_int_equal(q1(path, "SELECT bulwark_modules FROM binaries WHERE path='out/app'"), 2);
    bw_findings_free(&fs);
    bw_loosenings_free(&ls);
    rm_remove_tree(dir);
}

/* Many processes record at once, as `make -j` through the wrapper does. */
static void concurrent_writers_lose_nothing(void **state)
{
    (void)state;
    char *dir, path[512];
    bw_tracker *t0 = open_fresh(&dir, path, sizeof path);
    bw_tracker_close(t0);
    enum { PROCS = 12, EACH = 25 };
    pid_t pids[PROCS];
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            int failures = 0;
            for (int i = 0; i < EACH; i++) {
                /* Each compile opens its own connection, like a wrapper process. */
                bw_error err = {0};
                bw_tracker *t = NULL;
                if (bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err) != BW_OK) {
                    failures++;
                    continue;
                }
                char tu[64];
                snprintf(tu, sizeof tu, "src/p%d/f%d.c", p, i);
                bw_tu_record r = {.tu_path = tu, .build_id = "stress",
                                  .protections = {true, true, true, 1, 1, 1, 0}};
                if (bw_tracker_record_tu(t, &r, &err) != BW_OK)
                    failures++;
                bw_tracker_close(t);
            }
            _exit(failures ? 1 : 0);
        }
    }
    for (int p = 0; p < PROCS; p++) {
        int st = 0;
        assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
        assert_true(WIFEXITED(st));
        assert_int_equal(WEXITSTATUS(st), 0);
    }
    assert_int_equal(q1(path, "SELECT count(*) FROM tu_records"), PROCS * EACH);
    assert_int_equal(q1(path, "SELECT count(DISTINCT tu_path) FROM tu_records"), PROCS * EACH);
    rm_remove_tree(dir);
}

static void imports_audit_logs_counting_bad_lines(void **state)
{
    (void)state;
    char *dir, path[512];
    bw_tracker *t = open_fresh(&dir, path, sizeof path);
    char log[600];
    snprintf(log, sizeof log, "%s/audit.log", dir);
    rm_write_file(log,
        /* 2 good events, one in report mode */
        "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"host\":\"h1\",\"program\":\"/usr/bin/app\",\"pid\":42,"
        "\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\",\"target\":\"0x401000\",\"symbol\":\"evil\",\"module\":\"app\"}\n"
        "{\"v\":1,\"time\":\"2025-03-01T10:00:01.250Z\",\"host\":\"h1\",\"program\":\"srv\",\"pid\":43,"
        "\"kind\":\"shadow-stack\",\"mode\":\"report\",\"action\":\"logged\",\"address\":4198400}\n"
        "\n"
        /* invalid: not JSON, not an object, wrong types, missing field */
        "hello world\n"
        "[1,2,3]\n"
        "{\"v\":\"1\",\"time\":\"2025-03-01T10:00:00Z\",\"program\":\"a\",\"pid\":1,\"kind\":\"k\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"pid\":1,\"kind\":\"k\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        /* forged: impossible combinations and values */
        "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"program\":\"a\",\"pid\":1,\"kind\":\"cfi-icall\",\"mode\":\"report\",\"action\":\"abort\"}\n"
        "{\"v\":1,\"time\":\"2025-03-01 10:00:00\",\"program\":\"a\",\"pid\":1,\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"program\":\"a\",\"pid\":-5,\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        "{\"v\":7,\"time\":\"2025-03-01T10:00:00Z\",\"program\":\"a\",\"pid\":5,\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        "{\"v\":1,\"time\":\"2999-01-01T00:00:00Z\",\"program\":\"a\",\"pid\":5,\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        "{\"v\":1,\"time\":\"2025-03-01T10:00:00Z\",\"program\":\"a\\u001b[2J\",\"pid\":5,\"kind\":\"cfi-icall\",\"mode\":\"enforce\",\"action\":\"abort\"}\n"
        /* truncated: cut mid-line at the end of the file (the writer was killed) */
        "{\"v\":1,\"time\":\"2025-03-01T10:00:02Z\",\"program\":\"app\",\"pid\":44,\"ki");
    FILE *in = fopen(log, "r");
    bw_audit_import_stats st;
    bw_error err = {0};
    assert_int_equal(bw_tracker_import_audit_log(t, in, log, &st, &err), BW_OK);
    fclose(in);
    assert_int_equal(st.imported, 2);
    assert_int_equal(st.duplicates, 0);
    assert_int_equal(st.invalid, 4);
    assert_int_equal(st.forged, 6);
    assert_int_equal(st.truncated, 1);
    assert_int_equal(st.blank, 1);
    assert_int_equal(st.lines, 13);
    /* Importing the same log again stores nothing new. */
    in = fopen(log, "r");
    assert_int_equal(bw_tracker_import_audit_log(t, in, log, &st, &err), BW_OK);
    fclose(in);
    assert_int_equal(st.imported, 0);
    assert_int_equal(st.duplicates, 2);
    bw_tracker_close(t);
    assert_int_equal(q1(path, "SELECT count(*) FROM audit_events"), 2);
    assert_int_equal(q1(path, "SELECT count(*) FROM audit_events WHERE target='0x401000' AND symbol='evil'"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM audit_events WHERE target='0x401000' AND program='srv'"), 1);
    assert_int_equal(q1(path, "SELECT count(*) FROM loosenings WHERE kind='report-only' AND subject='srv'"), 1);
    assert_int_equal(q1(path, "SELECT sum(forged) FROM audit_imports"), 12);
    rm_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(creates_versioned_database_under_new_directory),
        cmocka_unit_test(default_path_honours_bulwark_db),
        cmocka_unit_test(refuses_garbage_foreign_and_newer_files),
        cmocka_unit_test(upgrades_old_schema_in_place),
        cmocka_unit_test(failed_migration_changes_nothing),
        cmocka_unit_test(tu_records_replace_same_identity),
        cmocka_unit_test(check_runs_baselines_binaries_loosenings),
        cmocka_unit_test(concurrent_writers_lose_nothing),
        cmocka_unit_test(imports_audit_logs_counting_bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
