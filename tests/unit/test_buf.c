/* Unit tests for bw_buf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"

static void appends_and_formats(void **state)
{
    (void)state;
    bw_buf b = BW_BUF_INIT;
    bw_buf_puts(&b, "abc");
    bw_buf_putc(&b, '-');
    bw_buf_printf(&b, "%d/%s", 42, "x");
    assert_int_equal(bw_buf_status(&b), BW_OK);
    assert_string_equal(b.data, "abc-42/x");
    assert_int_equal(b.len, 8);
    char *s = bw_buf_take(&b);
    assert_string_equal(s, "abc-42/x");
    assert_null(b.data);
    bw_free(s);
}

static void grows_past_initial_capacity(void **state)
{
    (void)state;
    bw_buf b = BW_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        bw_buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.data[9999], 'a' + 9999 % 26);
    assert_int_equal(b.data[10000], '\0');
    bw_buf_free(&b);
}

static void take_of_empty_buffer_is_empty_string(void **state)
{
    (void)state;
    bw_buf b = BW_BUF_INIT;
    char *s = bw_buf_take(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    bw_free(s);
}

static void failure_is_sticky(void **state)
{
    (void)state;
    bw_buf b = BW_BUF_INIT;
    b.failed = true;
    bw_buf_puts(&b, "ignored");
    assert_int_equal(bw_buf_status(&b), BW_ERR_NOMEM);
    assert_null(bw_buf_take(&b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_and_formats),
        cmocka_unit_test(grows_past_initial_capacity),
        cmocka_unit_test(take_of_empty_buffer_is_empty_string),
        cmocka_unit_test(failure_is_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
