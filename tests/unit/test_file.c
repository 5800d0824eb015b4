/* Unit tests for file helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "test_helpers.h"

static void atomic_write_replaces_and_reads_back(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = bw_path_join(dir, "out.txt");
    bw_error err = {0};
    assert_int_equal(bw_file_write_atomic(path, "old", 3, &err), BW_OK);
    assert_int_equal(bw_file_write_atomic(path, "new content", 11, &err), BW_OK);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(bw_file_read(path, 1024, &data, &len, &err), BW_OK);
    assert_string_equal(data, "new content");
    assert_int_equal(len, 11);
    bw_free(data);
    assert_int_equal(bw_file_read(path, 4, &data, &len, &err), BW_ERR_IO);
    assert_non_null(strstr(err.message, "limit"));
    unlink(path);
    assert_int_equal(bw_file_read(path, 4, &data, &len, &err), BW_ERR_NOT_FOUND);
    rmdir(dir);
    bw_free(path);
}

static void atomic_write_failure_leaves_target(void **state)
{
    (void)state;
    bw_error err = {0};
    assert_int_equal(bw_file_write_atomic("/nonexistent-dir/x", "a", 1, &err), BW_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent-dir/x"));
}

static void path_helpers(void **state)
{
    (void)state;
    char *s;
    s = bw_path_join("a/", "b");
    assert_string_equal(s, "a/b");
    bw_free(s);
    s = bw_path_join("a", "/abs");
    assert_string_equal(s, "/abs");
    bw_free(s);
    s = bw_path_relative("/r/src/x.c", "/r");
    assert_string_equal(s, "src/x.c");
    bw_free(s);
    s = bw_path_relative("/rx/x.c", "/r");
    assert_string_equal(s, "/rx/x.c");
    bw_free(s);
    s = bw_path_dirname("a/b/c.c");
    assert_string_equal(s, "a/b");
    bw_free(s);
    s = bw_path_dirname("c.c");
    assert_string_equal(s, ".");
    bw_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(atomic_write_replaces_and_reads_back),
        cmocka_unit_test(atomic_write_failure_leaves_target),
        cmocka_unit_test(path_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
