/* Unit tests for .bulwark.yaml loading: secure defaults, reasons, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "test_helpers.h"

static bw_status load_text(const char *text, bw_config **cfg, bw_error *err)
{
    char *dir = make_temp_dir();
    assert_non_null(dir);
    char *path = bw_path_join(dir, ".bulwark.yaml");
    write_text(path, text);
    bw_status st = bw_config_load(path, cfg, err);
    unlink(path);
    rmdir(dir);
    bw_free(path);
    return st;
}

static void defaults_are_strict(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    assert_int_equal(cfg->fail_level, BW_SEV_NOTE);
    assert_true(bw_config_rule_enabled(cfg, "BW-SQL-INJECTION"));
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_config_loosenings(cfg, &ls), BW_OK);
    assert_int_equal(ls.count, 0);
    bw_config_free(cfg);
}

static void disabling_needs_a_reason_and_is_reported(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(load_text("version: 1\nrules:\n  BW-XSS:\n    enabled: false\n", &cfg, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, ":4:"));
    assert_non_null(strstr(err.message, "reason"));
    assert_int_equal(load_text("version: 1\nfail-level: error\nrules:\n"
                               "  BW-XSS: {enabled: false, reason: \"no HTML output\"}\n"
                               "  BW-FORMAT-STRING: {severity: warning, reason: legacy logging}\n"
                               "compile-flags: [-Iinclude, -DX=1]\nwerror: error\n",
                               &cfg, &err), BW_OK);
    assert_false(bw_config_rule_enabled(cfg, "BW-XSS"));
    assert_true(bw_config_rule_enabled(cfg, "BW-SQL-INJECTION"));
    assert_int_equal(bw_config_rule_severity(cfg, "BW-FORMAT-STRING", BW_SEV_ERROR), BW_SEV_WARNING);
    assert_int_equal(cfg->compile_flag_count, 2);
    assert_string_equal(cfg->compile_flags[1], "-DX=1");
    assert_int_equal(cfg->werror_level, BW_SEV_ERROR);
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_config_loosenings(cfg, &ls), BW_OK);
    assert_int_equal(ls.count, 3);
    assert_string_equal(ls.items[0].kind, "rule-disabled");
    assert_string_equal(ls.items[0].reason, "no HTML output");
    assert_int_equal(ls.items[0].loc.line, 4);
    assert_string_equal(ls.items[2].kind, "fail-level");
    bw_loosenings_free(&ls);
    bw_config_free(cfg);
}

static void unknown_keys_and_bad_values_are_errors(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(load_text("version: 1\nfail-levle: error\n", &cfg, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, ":2:1: unknown key 'fail-levle'"));
    assert_int_equal(load_text("version: 2\n", &cfg, &err), BW_ERR_PARSE);
    assert_int_equal(load_text("fail-level: fatal\n", &cfg, &err), BW_ERR_PARSE);
    assert_int_equal(load_text("rules:\n  SQL: {}\n", &cfg, &err), BW_ERR_PARSE);
    assert_int_equal(load_text("- a\n- b\n", &cfg, &err), BW_ERR_PARSE);
    assert_int_equal(load_text("taint: [1]\n", &cfg, &err), BW_ERR_PARSE);
    assert_int_equal(load_text("version: 1\nversion: 1\n", &cfg, &err), BW_ERR_PARSE);
    /* Found by fuzz_yaml_config: a repeated key inside a rule setting leaked. */
    assert_int_equal(load_text("rules:\n  BW-XSS: {enabled: false, reason: a, reason: b}\n", &cfg, &err),
                     BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "duplicate key 'reason'"));
    assert_null(cfg);
}

static void sections_are_kept_for_their_owners(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(load_text("taint:\n  sinks: []\n", &cfg, &err), BW_OK);
    bw_yaml_node taint = bw_config_section(cfg, "taint");
    assert_int_equal(bw_yaml_kind_of(cfg->yaml, taint), BW_YAML_MAPPING);
    assert_int_equal(bw_config_section(cfg, "hardening"), 0);
    bw_config_free(cfg);
    /* the memory rules' section is kept for the checkers too */
    assert_int_equal(load_text("memory:\n  allocators: []\n", &cfg, &err), BW_OK);
    assert_int_equal(bw_yaml_kind_of(cfg->yaml, bw_config_section(cfg, "memory")), BW_YAML_MAPPING);
    bw_config_free(cfg);
    assert_int_equal(load_text("memory: [1]\n", &cfg, &err), BW_ERR_PARSE); /* a section must be a mapping */
    assert_null(cfg);
}

static void nearest_config_is_found_upward(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *sub = bw_path_join(dir, "a");
    char *subsub = bw_path_join(sub, "b");
    char *cfgpath = bw_path_join(dir, ".bulwark.yaml");
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(subsub, 0700), 0);
    write_text(cfgpath, "fail-level: warning\n");
    char *found = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_find(subsub, &found, &err), BW_OK);
    assert_non_null(strstr(found, ".bulwark.yaml"));
    bw_config *cfg = NULL;
    assert_int_equal(bw_config_load_nearest(subsub, &cfg, &err), BW_OK);
    assert_int_equal(cfg->fail_level, BW_SEV_WARNING);
    bw_config_free(cfg);
    bw_free(found);
    unlink(cfgpath);
    rmdir(subsub);
    rmdir(sub);
    rmdir(dir);
    bw_free(cfgpath);
    bw_free(subsub);
    bw_free(sub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_strict),
        cmocka_unit_test(disabling_needs_a_reason_and_is_reported),
        cmocka_unit_test(unknown_keys_and_bad_values_are_errors),
        cmocka_unit_test(sections_are_kept_for_their_owners),
        cmocka_unit_test(nearest_config_is_found_upward),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
