/* Test-framework assertions: cmocka's assert_non_null(p) (declared here as
 * cmocka.h does) ends the test when p is NULL, so p is checked after it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void _assert_true(const uintmax_t result, const char *const expression, const char *const file, const int line);
#define assert_non_null(c) _assert_true((uintmax_t)(size_t)(c), #c, __FILE__, __LINE__)

void asserted_safe(void)
{
    char *p = malloc(37);
    assert_non_null(p);
    memset(p, 0, 37);
    free(p);
}

void asserted_other_bad(void)
{
    char *p = malloc(37);
    char *q = malloc(37);
    assert_non_null(q);
    memset(p, 0, 37); // expect: BW-UNCHECKED-ALLOC
    free(p);
    free(q);
}
