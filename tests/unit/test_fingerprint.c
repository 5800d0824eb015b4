/* Unit tests for code normalisation and fingerprints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/finding.h"

static void check_norm(const char *in, const char *want)
{
    char *got = bw_normalize_code(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    bw_free(got);
}

static void normalisation_drops_layout_and_comments(void **state)
{
    (void)state;
    check_norm("sqlite3_exec( db,  q , 0,0,0 ) ;", "sqlite3_exec(db,q,0,0,0);");
    check_norm("return  x;", "return x;");
    check_norm("a /* c */ + // d\n b", "a+b");
    check_norm("unsigned\n\tint x", "unsigned int x");
    check_norm("", "");
}

static void normalisation_keeps_literals(void **state)
{
    (void)state;
    check_norm("printf(\"a  b // c\")", "printf(\"a  b // c\")");
    check_norm("f('\\'',  \"\\\" x\")", "f('\\'',\"\\\" x\")");
}

static void fingerprint_ignores_reformatting(void **state)
{
    (void)state;
    char a[BW_FINGERPRINT_LEN + 1], b[BW_FINGERPRINT_LEN + 1];
    bw_fingerprint("BW-SQL-INJECTION", "src/db.c", "run", "sqlite3_exec(db, q, 0, 0, 0);", 0, a);
    bw_fingerprint("BW-SQL-INJECTION", "src/db.c", "run", "sqlite3_exec(db,q,0,0,0); // why", 0, b);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), BW_FINGERPRINT_LEN);
}

static void fingerprint_distinguishes_inputs(void **state)
{
    (void)state;
    char base[BW_FINGERPRINT_LEN + 1], other[BW_FINGERPRINT_LEN + 1];
    bw_fingerprint("R", "f.c", "fn", "x(y);", 0, base);
    bw_fingerprint("R2", "f.c", "fn", "x(y);", 0, other);
    assert_string_not_equal(base, other);
    bw_fingerprint("R", "g.c", "fn", "x(y);", 0, other);
    assert_string_not_equal(base, other);
    bw_fingerprint("R", "f.c", "fn2", "x(y);", 0, other);
    assert_string_not_equal(base, other);
    bw_fingerprint("R", "f.c", "fn", "x(z);", 0, other);
    assert_string_not_equal(base, other);
    bw_fingerprint("R", "f.c", "fn", "x(y);", 1, other);
    assert_string_not_equal(base, other);
    /* Field boundaries matter: ("ab","c") vs ("a","bc"). */
    bw_fingerprint("R", "ab", "c", "", 0, base);
    bw_fingerprint("R", "a", "bc", "", 0, other);
    assert_string_not_equal(base, other);
}

static bw_finding *mk(const char *code, unsigned line)
{
    bw_location loc = {(char *)"f.c", line, 3, line, 9};
    bw_finding *f = bw_finding_new("BW-XSS", BW_SEV_WARNING, "m", &loc);
    assert_non_null(f);
    assert_int_equal(bw_finding_set_function(f, "handler"), BW_OK);
    assert_int_equal(bw_finding_set_code(f, code), BW_OK);
    return f;
}

static void line_shift_keeps_fingerprints(void **state)
{
    (void)state;
    bw_findings before = BW_FINDINGS_INIT, after = BW_FINDINGS_INIT;
    assert_int_equal(bw_findings_push(&before, mk("puts(x);", 10)), BW_OK);
    assert_int_equal(bw_findings_push(&before, mk("puts(x);", 20)), BW_OK);
    assert_int_equal(bw_findings_push(&after, mk("puts( x );", 15)), BW_OK);
    assert_int_equal(bw_findings_push(&after, mk("puts(x);", 25)), BW_OK);
    assert_int_equal(bw_findings_fingerprint(&before), BW_OK);
    assert_int_equal(bw_findings_fingerprint(&after), BW_OK);
    /* Two identical statements get distinct identities... */
    assert_string_not_equal(before.items[0]->fingerprint, before.items[1]->fingerprint);
    /* ...that survive moving both down and reformatting one. */
    assert_string_equal(before.items[0]->fingerprint, after.items[0]->fingerprint);
    assert_string_equal(before.items[1]->fingerprint, after.items[1]->fingerprint);
    bw_findings_free(&before);
    bw_findings_free(&after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalisation_drops_layout_and_comments),
        cmocka_unit_test(normalisation_keeps_literals),
        cmocka_unit_test(fingerprint_ignores_reformatting),
        cmocka_unit_test(fingerprint_distinguishes_inputs),
        cmocka_unit_test(line_shift_keeps_fingerprints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
