/* Unit tests for the YAML document wrapper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/yaml.h"

static bw_yaml *load(const char *text, bw_status want, bw_error *err)
{
    bw_yaml *doc = NULL;
    assert_int_equal(bw_yaml_load_string(text, strlen(text), "t.yaml", &doc, err), want);
    return doc;
}

static void reads_maps_sequences_and_positions(void **state)
{
    (void)state;
    bw_error err = {0};
    bw_yaml *doc = load("a: 1\nlist:\n  - x\n  - 'y'\nflag: yes\n", BW_OK, &err);
    bw_yaml_node root = bw_yaml_root(doc);
    assert_int_equal(bw_yaml_kind_of(doc, root), BW_YAML_MAPPING);
    long v;
    assert_int_equal(bw_yaml_read_long(doc, bw_yaml_get(doc, root, "a"), 0, 10, &v, &err), BW_OK);
    assert_int_equal(v, 1);
    bw_yaml_node list = bw_yaml_get(doc, root, "list");
    assert_int_equal(bw_yaml_len(doc, list), 2);
    assert_string_equal(bw_yaml_scalar(doc, bw_yaml_at(doc, list, 1)), "y");
    assert_false(bw_yaml_is_plain(doc, bw_yaml_at(doc, list, 1)));
    assert_int_equal(bw_yaml_line(doc, bw_yaml_at(doc, list, 0)), 3);
    assert_int_equal(bw_yaml_column(doc, bw_yaml_at(doc, list, 0)), 5);
    bool flag;
    assert_int_equal(bw_yaml_read_bool(doc, bw_yaml_get(doc, root, "flag"), &flag, &err), BW_OK);
    assert_true(flag);
    assert_int_equal(bw_yaml_get(doc, root, "missing"), 0);
    assert_int_equal(bw_yaml_read_long(doc, bw_yaml_get(doc, root, "a"), 5, 10, &v, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "t.yaml:1:4:"));
    bw_yaml_free(doc);
}

static void syntax_errors_have_positions(void **state)
{
    (void)state;
    bw_error err = {0};
    assert_null(load("a: [1, 2\nb: 3\n", BW_ERR_PARSE, &err));
    assert_non_null(strstr(err.message, "t.yaml:"));
}

static void aliases_are_refused(void **state)
{
    (void)state;
    bw_error err = {0};
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
    assert_null(load(bomb, BW_ERR_PARSE, &err));
    assert_non_null(strstr(err.message, "aliases"));
}

static void empty_and_multi_document(void **state)
{
    (void)state;
    bw_error err = {0};
    bw_yaml *doc = load("", BW_OK, &err);
    assert_int_equal(bw_yaml_root(doc), 0);
    bw_yaml_free(doc);
    assert_null(load("a: 1\n---\nb: 2\n", BW_ERR_PARSE, &err));
    bw_yaml_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_maps_sequences_and_positions),
        cmocka_unit_test(syntax_errors_have_positions),
        cmocka_unit_test(aliases_are_refused),
        cmocka_unit_test(empty_and_multi_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
