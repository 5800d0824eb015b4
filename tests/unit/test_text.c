/* Unit tests for UTF-8 and escaping helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/text.h"

typedef void (*escaper)(bw_buf *, const char *);

static void check(escaper fn, const char *in, const char *want)
{
    bw_buf b = BW_BUF_INIT;
    fn(&b, in);
    char *got = bw_buf_take(&b);
    assert_string_equal(got, want);
    bw_free(got);
}

static void utf8_validation(void **state)
{
    (void)state;
    assert_true(bw_utf8_valid("h\xC3\xA9llo \xE2\x80\x8F", 10));
    assert_false(bw_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(bw_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(bw_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(bw_utf8_valid("\xE2\x82", 2));         /* truncated */
    char *s = bw_utf8_sanitize("a\xFF" "b");
    assert_string_equal(s, "a\xEF\xBF\xBD" "b");
    bw_free(s);
}

static void terminal_escaping_neutralises_controls(void **state)
{
    (void)state;
    check(bw_text_escape_append, "a\nb.c:1:1: error: fake", "a\\nb.c:1:1: error: fake");
    check(bw_text_escape_append, "\033[31mred", "\\x1B[31mred");
    check(bw_text_escape_append, "bad\xFFutf", "bad\\xFFutf");
    check(bw_text_escape_append, "\xC2\x9B" "csi", "\\u009Bcsi");
    check(bw_text_escape_append, "caf\xC3\xA9", "caf\xC3\xA9");
}

static void html_escaping(void **state)
{
    (void)state;
    check(bw_html_escape_append, "<script>alert('x')</script>&\"",
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    check(bw_html_escape_append, "\xFF", "\xEF\xBF\xBD");
}

static void uri_escaping(void **state)
{
    (void)state;
    check(bw_uri_escape_append, "src/my file#1%.c", "src/my%20file%231%25.c");
    check(bw_uri_escape_append, "\xC3\xA9", "%C3%A9");
}

static void expect_starts(const char *text, uint32_t want_n, const uint32_t *want)
{
    uint32_t *starts = NULL, n = 0;
    assert_true(bw_line_starts(text, strlen(text), &starts, &n));
    assert_int_equal(n, want_n);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(starts[i], want[i]);
    bw_free(starts);
}

static void line_starts(void **state)
{
    (void)state;
    expect_starts("", 1, (const uint32_t[]){ 0 });
    expect_starts("no newline", 1, (const uint32_t[]){ 0 });
    expect_starts("a\n", 2, (const uint32_t[]){ 0, 2 });
    expect_starts("a\nbc\n\ndef", 4, (const uint32_t[]){ 0, 2, 5, 6 });
    expect_starts("\n\n", 3, (const uint32_t[]){ 0, 1, 2 });
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(terminal_escaping_neutralises_controls),
        cmocka_unit_test(html_escaping),
        cmocka_unit_test(uri_escaping),
        cmocka_unit_test(line_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
