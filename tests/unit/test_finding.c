/* Unit tests for the finding model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/finding.h"

static bw_finding *mk(const char *file, unsigned line, const char *rule)
{
    bw_location loc = {(char *)file, line, 1, 0, 0};
    bw_finding *f = bw_finding_new(rule, BW_SEV_ERROR, "msg", &loc);
    assert_non_null(f);
    return f;
}

static void severity_names_round_trip(void **state)
{
    (void)state;
    for (bw_severity s = BW_SEV_NONE; s <= BW_SEV_ERROR; s++) {
        bw_severity back;
        assert_true(bw_severity_parse(bw_severity_name(s), &back));
        assert_int_equal(back, s);
    }
    bw_severity x;
    assert_false(bw_severity_parse("fatal", &x));
    assert_false(bw_severity_parse(NULL, &x));
}

static void findings_own_copies_and_clone_deeply(void **state)
{
    (void)state;
    char file[] = "a.c";
    bw_location loc = {file, 3, 4, 3, 9};
    bw_finding *f = bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR, "query built from argv", &loc);
    assert_non_null(f);
    file[0] = 'z'; /* the finding must not alias the caller's string */
    assert_string_equal(f->loc.file, "a.c");
    bw_location src = {(char *)"a.c", 1, 1, 0, 0};
    assert_int_equal(bw_finding_add_step(f, &src, "argv[1] is untrusted"), BW_OK);
    assert_int_equal(bw_finding_add_step(f, &loc, "reaches sqlite3_exec"), BW_OK);
    assert_int_equal(bw_finding_set_fix(f, "use sqlite3_bind_text", &loc, "?"), BW_OK);
    assert_int_equal(bw_finding_set_suppression(f, "reviewed"), BW_OK);
    bw_finding *c = bw_finding_clone(f);
    assert_non_null(c);
    bw_finding_free(f);
    assert_int_equal(c->step_count, 2);
    assert_string_equal(c->steps[0].message, "argv[1] is untrusted");
    assert_string_equal(c->fix_replacement, "?");
    assert_string_equal(c->suppression, "reviewed");
    bw_finding_free(c);
    bw_finding_free(NULL);
}

static void sort_dedup_and_count(void **state)
{
    (void)state;
    bw_findings l = BW_FINDINGS_INIT;
    assert_int_equal(bw_findings_push(&l, mk("b.c", 1, "BW-A")), BW_OK);
    assert_int_equal(bw_findings_push(&l, mk("a.c", 9, "BW-A")), BW_OK);
    assert_int_equal(bw_findings_push(&l, mk("a.c", 2, "BW-B")), BW_OK);
    assert_int_equal(bw_findings_push(&l, mk("a.c", 2, "BW-B")), BW_OK);
    bw_findings_sort(&l);
    bw_findings_dedup(&l);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0]->loc.file, "a.c");
    assert_int_equal(l.items[0]->loc.line, 2);
    assert_int_equal(l.items[1]->loc.line, 9);
    assert_string_equal(l.items[2]->loc.file, "b.c");
    assert_int_equal(bw_finding_set_suppression(l.items[2], "ok"), BW_OK);
    assert_int_equal(bw_findings_count_at_least(&l, BW_SEV_ERROR), 2);
    assert_int_equal(bw_findings_count_at_least(&l, BW_SEV_NONE), 0);
    bw_findings_free(&l);
}

/* Two reports of one finding (same place, rule and message) with other
 * flows: the one kept does not depend on the order they were made in. */
static bw_finding *mk_flow(const char *first_step, unsigned nsteps)
{
    bw_finding *f = mk("a.c", 5, "BW-A");
    bw_location at = {(char *)"a.c", 1, 1, 0, 0};
    for (unsigned i = 0; i < nsteps; i++)
        assert_int_equal(bw_finding_add_step(f, &at, i == 0 ? first_step : "step"), BW_OK);
    return f;
}

static void dedup_keeps_the_same_report(void **state)
{
    (void)state;
    for (int order = 0; order < 2; order++) {
        bw_findings l = BW_FINDINGS_INIT;
        bw_finding *longer = mk_flow("a", 3), *later = mk_flow("b", 2), *kept = mk_flow("a", 2);
        bw_finding *in[3] = {longer, later, kept};
        for (int i = 0; i < 3; i++)
            assert_int_equal(bw_findings_push(&l, in[order == 0 ? i : 2 - i]), BW_OK);
        bw_findings_sort(&l);
        bw_findings_dedup(&l);
        assert_int_equal(l.count, 1);
        assert_int_equal(l.items[0]->step_count, 2);
        assert_string_equal(l.items[0]->steps[0].message, "a");
        bw_findings_free(&l);
    }
}

static void truncate_frees_the_tail(void **state)
{
    (void)state;
    bw_findings l = BW_FINDINGS_INIT;
    assert_int_equal(bw_findings_push(&l, mk("a.c", 1, "BW-A")), BW_OK);
    assert_int_equal(bw_findings_push(&l, mk("a.c", 2, "BW-B")), BW_OK);
    assert_int_equal(bw_findings_push(&l, mk("a.c", 3, "BW-C")), BW_OK);
    bw_findings_truncate(&l, 5); /* beyond the end: nothing */
    assert_int_equal(l.count, 3);
    bw_findings_truncate(&l, 1);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0]->rule_id, "BW-A");
    assert_int_equal(bw_findings_push(&l, mk("b.c", 4, "BW-D")), BW_OK);
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[1]->loc.line, 4);
    bw_findings_truncate(&l, 0);
    assert_int_equal(l.count, 0);
    bw_findings_truncate(NULL, 0);
    bw_findings_free(&l);
}

static void fault_injection_fails_cleanly(void **state)
{
    (void)state;
#ifdef BULWARK_FAULT_INJECTION
    /* Fail every allocation in turn: construction must return NULL, never leak. */
    for (unsigned long n = 1; n < 64; n++) {
        bw_fault_fail_alloc_at(n);
        bw_location loc = {(char *)"f.c", 1, 1, 0, 0};
        bw_finding *f = bw_finding_new("R", BW_SEV_NOTE, "m", &loc);
        bw_status st = f ? bw_finding_add_step(f, &loc, "s") : BW_ERR_NOMEM;
        bw_finding *c = (f && st == BW_OK) ? bw_finding_clone(f) : NULL;
        bool fired = bw_fault_alloc_fired();
        bw_fault_fail_alloc_at(0);
        if (!fired) {
            assert_non_null(c);
            bw_finding_free(c);
            bw_finding_free(f);
            break;
        }
        bw_finding_free(c);
        bw_finding_free(f);
    }
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(severity_names_round_trip),
        cmocka_unit_test(findings_own_copies_and_clone_deeply),
        cmocka_unit_test(sort_dedup_and_count),
        cmocka_unit_test(dedup_keeps_the_same_report),
        cmocka_unit_test(truncate_frees_the_tail),
        cmocka_unit_test(fault_injection_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
