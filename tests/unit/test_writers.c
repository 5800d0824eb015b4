/* Unit tests for the text, JSON and SARIF writers, with hostile strings. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/output.h"
#include "test_helpers.h"

#define HOSTILE "q\"uo'te \\back\nnew\tline \x01\x1b[31m <script>alert(1)</script> bad\xFF\xFE utf"

static const bw_rule_info sql_rule = {
    "BW-SQL-INJECTION", "SQL query built from untrusted data", "Finds SQL text built from data.",
    {89, 0}, BW_SEV_ERROR, "9.8", "# BW-SQL-INJECTION\n\nUse bind parameters.\n"};
static const bw_rule_info *const rules[] = {&sql_rule};

typedef struct fixture {
    bw_findings findings;
    bw_loosenings loosenings;
    bw_report report;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1; /* cmocka: the setup failed */
    bw_location loc = {(char *)"/src/proj/dir with space/" HOSTILE ".c", 12, 5, 12, 30};
    bw_finding *f = bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR, "query from " HOSTILE, &loc);
    bw_location src = {(char *)"/src/proj/main.c", 3, 14, 3, 18};
    bw_finding_add_step(f, &src, "argv " HOSTILE " is untrusted");
    bw_finding_add_step(f, &loc, "reaches sqlite3_exec()");
    bw_finding_set_function(f, "run_" HOSTILE);
    bw_finding_set_code(f, "sqlite3_exec(db, q, 0, 0, 0);");
    bw_finding_set_fix(f, "bind with sqlite3_bind_text " HOSTILE, &loc, "?" HOSTILE);
    bw_findings_push(&fx->findings, f);
    bw_location loc2 = {(char *)"rel/other.c", 1, 1, 0, 0};
    bw_finding *g = bw_finding_new("BW-SQL-INJECTION", BW_SEV_WARNING, "unknown origin", &loc2);
    bw_finding_set_suppression(g, "reviewed " HOSTILE);
    bw_findings_push(&fx->findings, g);
    bw_findings_sort(&fx->findings);
    bw_findings_fingerprint(&fx->findings);
    bw_location cfg = {(char *)"/src/proj/.bulwark.yaml", 4, 3, 0, 0};
    bw_loosenings_add(&fx->loosenings, "rule-disabled", "BW-XSS", "no html " HOSTILE, &cfg);
    fx->report = (bw_report){&fx->findings, rules, 1, &fx->loosenings, "0.1.0", "/src/proj",
                             BW_SEV_NOTE, 2, 0};
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    bw_findings_free(&fx->findings);
    bw_loosenings_free(&fx->loosenings);
    free(fx);
    return 0;
}

/* Every output line must be a single line; no raw control characters may survive. */
static void text_output_is_one_line_per_diagnostic(void **state)
{
    fixture *fx = *state;
    FILE *out = tmpfile();
    bw_text_options opts = {false, false, true};
    assert_int_equal(bw_write_text(out, &fx->report, &opts), BW_OK);
    char *s = slurp(out);
    fclose(out);
    assert_non_null(strstr(s, ":12:5: error: query from q\"uo'te \\back\\nnew\\tline \\x01\\x1B[31m"));
    assert_non_null(strstr(s, "[BW-SQL-INJECTION]\n"));
    assert_non_null(strstr(s, "main.c:3:14: note: [1/2] argv"));
    assert_non_null(strstr(s, "note: fix: bind with sqlite3_bind_text"));
    assert_non_null(strstr(s, "fix-it:\""));
    assert_null(strstr(s, "unknown origin")); /* suppressed findings are not printed */
    assert_non_null(strstr(s, "1 finding (1 error, 0 warnings, 0 notes) in 2 files, 1 suppressed"));
    assert_non_null(strstr(s, "rule-disabled: BW-XSS (/src/proj/.bulwark.yaml:4)"));
    for (const char *p = s; *p; p++)
        assert_false((unsigned char)*p < 0x20 && *p != '\n');
    assert_null(strstr(s, "\xFF"));
    free(s);
}

static void json_output_round_trips(void **state)
{
    fixture *fx = *state;
    FILE *out = tmpfile();
    assert_int_equal(bw_write_json(out, &fx->report), BW_OK);
    char *s = slurp(out);
    fclose(out);
    json_error_t jerr;
    json_t *doc = json_loads(s, 0, &jerr);
    assert_non_null(doc);
    json_t *findings = json_object_get(doc, "findings");
    assert_int_equal(json_array_size(findings), 2);
    json_t *f0 = json_array_get(findings, 0);
    const char *msg = json_string_value(json_object_get(f0, "message"));
    assert_non_null(strstr(msg, "\n"));
    assert_non_null(strstr(msg, "<script>"));
    assert_non_null(strstr(msg, "\xEF\xBF\xBD")); /* invalid bytes became U+FFFD */
    assert_int_equal(json_array_size(json_object_get(f0, "flow")), 2);
    assert_int_equal(strlen(json_string_value(json_object_get(f0, "fingerprint"))), 32);
    json_t *summary = json_object_get(doc, "summary");
    assert_int_equal(json_integer_value(json_object_get(summary, "errors")), 1);
    assert_int_equal(json_integer_value(json_object_get(summary, "suppressed")), 1);
    assert_int_equal(json_array_size(json_object_get(doc, "loosenings")), 1);
    json_decref(doc);
    free(s);
}

static void sarif_output_has_what_code_scanning_needs(void **state)
{
    fixture *fx = *state;
    FILE *out = tmpfile();
    assert_int_equal(bw_write_sarif(out, &fx->report), BW_OK);
    char *s = slurp(out);
    fclose(out);
    json_error_t jerr;
    json_t *doc = json_loads(s, 0, &jerr);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "version")), "2.1.0");
    json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
    json_t *rule = json_array_get(json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules"), 0);
    json_t *props = json_object_get(rule, "properties");
    assert_true(json_is_string(json_object_get(props, "security-severity")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(props, "tags"), 1)), "external/cwe/cwe-89");
    json_t *results = json_object_get(run, "results");
    assert_int_equal(json_array_size(results), 2);
    json_t *r0 = json_array_get(results, 0);
    assert_non_null(json_object_get(json_object_get(r0, "partialFingerprints"), "bulwarkFingerprint/v1"));
    json_t *tfl = json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(r0, "codeFlows"), 0), "threadFlows"), 0), "locations");
    assert_int_equal(json_array_size(tfl), 2);
    const char *uri = json_string_value(json_object_get(json_object_get(json_object_get(
        json_array_get(json_object_get(r0, "locations"), 0), "physicalLocation"), "artifactLocation"), "uri"));
    assert_non_null(uri);
    assert_non_null(strstr(uri, "dir%20with%20space/q%22uo%27te"));
    assert_null(strchr(uri, ' '));
    json_t *r1 = json_array_get(results, 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(r1, "suppressions"), 0), "kind")), "inSource");
    json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
    assert_int_equal(json_array_size(json_object_get(inv, "toolConfigurationNotifications")), 1);
    json_decref(doc);
    free(s);
}

static void writers_report_io_errors(void **state)
{
    fixture *fx = *state;
    FILE *ro = fopen("/dev/full", "w");
    if (ro == NULL)
        skip();
    assert_int_equal(bw_write_json(ro, &fx->report), BW_ERR_IO);
    assert_int_equal(bw_write_sarif(ro, &fx->report), BW_ERR_IO);
    bw_text_options opts = {false, false, true};
    assert_int_equal(bw_write_text(ro, &fx->report, &opts), BW_ERR_IO);
    fclose(ro);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(text_output_is_one_line_per_diagnostic, setup, teardown),
        cmocka_unit_test_setup_teardown(json_output_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(sarif_output_has_what_code_scanning_needs, setup, teardown),
        cmocka_unit_test_setup_teardown(writers_report_io_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
