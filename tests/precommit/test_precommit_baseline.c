/* The baseline: format, sorting, matching by fingerprint and by code
 * fingerprint, the ratchet, and the staged-growth check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pc_test_util.h"

static bw_finding *mk(const char *rule, const char *file, unsigned line, const char *fn,
                      const char *code)
{
    bw_location loc = {(char *)file, line, 5, line, 20};
    bw_finding *f = bw_finding_new(rule, BW_SEV_ERROR, "query built from untrusted data", &loc);
    assert_non_null(f);
    assert_int_equal(bw_finding_set_function(f, fn), BW_OK);
    assert_int_equal(bw_finding_set_code(f, code), BW_OK);
    return f;
}

static void fill(bw_findings *l)
{
    assert_int_equal(bw_findings_push(l, mk("BW-SQL-INJECTION", "src/db.c", 10, "lookup",
                                            "sqlite3_exec(db, sql, 0, 0, 0);")), BW_OK);
    assert_int_equal(bw_findings_push(l, mk("BW-XSS", "src/web.c", 30, "page",
                                            "printf(\"<p>%s</p>\", name);")), BW_OK);
    assert_int_equal(bw_findings_push(l, mk("BW-CMD-INJECTION", "a/first.c", 3, "run",
                                            "system(cmd);")), BW_OK);
    bw_findings_sort(l);
    assert_int_equal(bw_findings_fingerprint(l), BW_OK);
}

static void test_roundtrip_sorted(void **state)
{
    (void)state;
    bw_findings l = BW_FINDINGS_INIT;
    fill(&l);
    bw_baseline b = BW_BASELINE_INIT;
    bw_error err = {0};
    assert_int_equal(bw_baseline_add_findings(&b, &l, &err), BW_OK);
    bw_buf text = BW_BUF_INIT;
    assert_int_equal(bw_baseline_serialize(&b, &text), BW_OK);
    /* Sorted by file: a/first.c, src/db.c, src/web.c; one entry per line. */
    const char *p1 = strstr(text.data, "a/first.c"), *p2 = strstr(text.data, "src/db.c"),
               *p3 = strstr(text.data, "src/web.c");
    assert_true(p1 != NULL && p2 != NULL && p3 != NULL && p1 < p2 && p2 < p3);
    assert_non_null(strstr(text.data, "\"function\": \"page\""));
    size_t entry_lines = 0;
    for (const char *p = text.data; (p = strstr(p, "\n    {\"rule\": ")) != NULL; p++)
        entry_lines++;
    assert_int_equal(entry_lines, 3);
    /* Escaping of the printf format's quotes is not needed (code is not
     * stored) but file names with quotes must stay valid JSON. */
    bw_baseline again = BW_BASELINE_INIT;
    assert_int_equal(bw_baseline_parse(text.data, text.len, "t", &again, &err), BW_OK);
    assert_int_equal(again.count, 3);
    bw_buf text2 = BW_BUF_INIT;
    assert_int_equal(bw_baseline_serialize(&again, &text2), BW_OK);
    assert_string_equal(text.data, text2.data);

    /* Written atomically to a file and read back. */
    char tmpl[] = "/tmp/bw-pc-bl.XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char path[256];
    snprintf(path, sizeof path, "%s/b.json", d);
    assert_int_equal(bw_baseline_write(&b, path, &err), BW_OK);
    bw_baseline loaded = BW_BASELINE_INIT;
    assert_int_equal(bw_baseline_load(path, &loaded, &err), BW_OK);
    assert_int_equal(loaded.count, 3);
    unlink(path);
    rmdir(d);

    bw_buf_free(&text);
    bw_buf_free(&text2);
    bw_baseline_free(&b);
    bw_baseline_free(&again);
    bw_baseline_free(&loaded);
    bw_findings_free(&l);
}

static void test_parse_errors(void **state)
{
    (void)state;
    bw_baseline b;
    bw_error err = {0};
    static const char broken[] = "{\n  \"bulwark-baseline\": 1,\n  \"findings\": [\n    {\"rule\": }\n]}";
    assert_int_equal(bw_baseline_parse(broken, strlen(broken), "b.json", &b, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "b.json:4:"));
    static const char newer[] = "{\"bulwark-baseline\": 2, \"findings\": []}";
    assert_int_equal(bw_baseline_parse(newer, strlen(newer), "b.json", &b, &err), BW_ERR_VERSION);
    static const char badfp[] = "{\"bulwark-baseline\": 1, \"findings\": [{\"rule\": \"R\", \"file\": \"f\", \"fingerprint\": \"xyz\"}]}";
    assert_int_equal(bw_baseline_parse(badfp, strlen(badfp), "b.json", &b, &err), BW_ERR_PARSE);
    static const char noreason[] = "{\"bulwark-baseline\": 1, \"findings\": [], \"growth\": [{\"date\": \"d\", \"added\": 1, \"reason\": \"\"}]}";
    assert_int_equal(bw_baseline_parse(noreason, strlen(noreason), "b.json", &b, &err), BW_ERR_PARSE);
    static const char foreign[] = "{\"version\": 1}";
    assert_int_equal(bw_baseline_parse(foreign, strlen(foreign), "b.json", &b, &err), BW_ERR_PARSE);
    assert_int_equal(bw_baseline_load("/nonexistent/b.json", &b, &err), BW_ERR_NOT_FOUND);
}

static void test_match_same_moved_new_stale(void **state)
{
    (void)state;
    bw_findings old = BW_FINDINGS_INIT;
    fill(&old);
    bw_baseline b = BW_BASELINE_INIT;
    bw_error err = {0};
    assert_int_equal(bw_baseline_add_findings(&b, &old, &err), BW_OK);

    /* Now: db.c's finding moved 40 lines down (same), web.c renamed to
     * html.c (moved), first.c's finding fixed (stale), one new finding, and
     * one suppressed finding. */
    bw_findings now = BW_FINDINGS_INIT;
    assert_int_equal(bw_findings_push(&now, mk("BW-SQL-INJECTION", "src/db.c", 50, "lookup",
                                               "sqlite3_exec(db,  sql, 0, 0, 0); /* c */")), BW_OK);
    assert_int_equal(bw_findings_push(&now, mk("BW-XSS", "src/html.c", 30, "page",
                                               "printf(\"<p>%s</p>\", name);")), BW_OK);
    assert_int_equal(bw_findings_push(&now, mk("BW-SQL-INJECTION", "src/db.c", 70, "remove",
                                               "sqlite3_exec(db, del, 0, 0, 0);")), BW_OK);
    bw_finding *sup = mk("BW-FORMAT-STRING", "src/log.c", 3, "log", "printf(msg);");
    assert_int_equal(bw_finding_set_suppression(sup, "msg is a constant table entry"), BW_OK);
    assert_int_equal(bw_findings_push(&now, sup), BW_OK);
    bw_findings_sort(&now);
    assert_int_equal(bw_findings_fingerprint(&now), BW_OK);

    bw_match m;
    assert_int_equal(bw_baseline_match(&b, &now, &m, &err), BW_OK);
    assert_int_equal(m.same_count, 1);
    assert_int_equal(m.moved_count, 1);
    assert_int_equal(m.new_count, 1);
    assert_int_equal(m.suppressed_count, 1);
    assert_int_equal(m.stale_count, 1);
    for (size_t i = 0; i < now.count; i++) {
        const bw_finding *f = now.items[i];
        if (f->loc.line == 50)
            assert_int_equal(m.finding[i], BW_MATCH_SAME);
        else if (strcmp(f->loc.file, "src/html.c") == 0)
            assert_int_equal(m.finding[i], BW_MATCH_MOVED);
        else if (f->loc.line == 70)
            assert_int_equal(m.finding[i], BW_MATCH_NEW);
        else
            assert_int_equal(m.finding[i], BW_MATCH_SUPPRESSED);
    }
    bw_match_free(&m);

    /* A different rule with the same code fingerprint input is not "moved". */
    bw_findings other = BW_FINDINGS_INIT;
    assert_int_equal(bw_findings_push(&other, mk("BW-FORMAT-STRING", "src/html.c", 30, "page",
                                                 "printf(\"<p>%s</p>\", name);")), BW_OK);
    assert_int_equal(bw_findings_fingerprint(&other), BW_OK);
    assert_int_equal(bw_baseline_match(&b, &other, &m, &err), BW_OK);
    assert_int_equal(m.new_count, 1);
    bw_match_free(&m);
    bw_findings_free(&other);

    /* Classification against a change that touched line 70 of src/db.c. */
    bw_changes ch = {0};
    bw_file_change fc = {0};
    bw_line_range r = {69, 71};
    fc.kind = BW_CHANGE_MODIFIED;
    fc.path = (char *)"src/db.c";
    fc.ranges = &r;
    fc.range_count = 1;
    ch.items = &fc;
    ch.count = 1;
    bw_pc_result res;
    assert_int_equal(bw_precommit_classify(&b, &now, &ch, &res, &err), BW_OK);
    assert_int_equal(res.counts[BW_PC_NEW_LINE], 1);
    assert_int_equal(res.counts[BW_PC_BASELINED], 1);
    assert_int_equal(res.counts[BW_PC_MOVED], 1);
    assert_int_equal(res.counts[BW_PC_SUPPRESSED], 1);
    assert_int_equal(res.stale, 1);
    bw_pc_result_free(&res);

    /* The same new finding with the change elsewhere: a flow step on a
     * changed line makes it NEW_FLOW; without one it is NEW_FILE (same
     * file) or NEW_ELSEWHERE (another file). */
    r.first = r.last = 200;
    bw_finding *nf = NULL;
    for (size_t i = 0; i < now.count; i++)
        if (now.items[i]->loc.line == 70)
            nf = now.items[i];
    assert_non_null(nf);
    assert_int_equal(bw_precommit_classify(&b, &now, &ch, &res, &err), BW_OK);
    assert_int_equal(res.counts[BW_PC_NEW_FILE], 1);
    bw_pc_result_free(&res);
    bw_location step = {(char *)"src/db.c", 200, 3, 200, 9};
    assert_int_equal(bw_finding_add_step(nf, &step, "'del' comes from getenv()"), BW_OK);
    assert_int_equal(bw_precommit_classify(&b, &now, &ch, &res, &err), BW_OK);
    assert_int_equal(res.counts[BW_PC_NEW_FLOW], 1);
    bw_pc_result_free(&res);
    fc.path = (char *)"src/other.c";
    assert_int_equal(bw_precommit_classify(&b, &now, &ch, &res, &err), BW_OK);
    assert_int_equal(res.counts[BW_PC_NEW_ELSEWHERE], 1);
    assert_false(bw_pc_blocks(BW_PC_NEW_ELSEWHERE, false));
    assert_true(bw_pc_blocks(BW_PC_NEW_ELSEWHERE, true));
    assert_true(bw_pc_blocks(BW_PC_NEW_FLOW, false));
    assert_false(bw_pc_blocks(BW_PC_MOVED, true));
    bw_pc_result_free(&res);

    bw_baseline_free(&b);
    bw_findings_free(&old);
    bw_findings_free(&now);
}

static void test_ratchet(void **state)
{
    (void)state;
    bw_findings old = BW_FINDINGS_INIT;
    fill(&old);
    bw_baseline b = BW_BASELINE_INIT, out;
    bw_error err = {0};
    bw_baseline_update up;
    assert_int_equal(bw_baseline_add_findings(&b, &old, &err), BW_OK);

    /* One fixed: the update removes it. */
    bw_findings fewer = BW_FINDINGS_INIT;
    for (size_t i = 1; i < old.count; i++)
        assert_int_equal(bw_findings_push(&fewer, bw_finding_clone(old.items[i])), BW_OK);
    assert_int_equal(bw_baseline_ratchet(&b, &fewer, false, NULL, "2024-01-01T00:00:00Z", &out, &up, &err), BW_OK);
    assert_false(up.refused);
    assert_int_equal(up.removed, 1);
    assert_int_equal(up.kept, 2);
    assert_int_equal(out.count, 2);
    assert_int_equal(out.growth_count, 0);
    bw_baseline_free(&out);

    /* One new: refused, unchanged. */
    bw_findings more = BW_FINDINGS_INIT;
    for (size_t i = 0; i < old.count; i++)
        assert_int_equal(bw_findings_push(&more, bw_finding_clone(old.items[i])), BW_OK);
    assert_int_equal(bw_findings_push(&more, mk("BW-LDAP-INJECTION", "src/dir.c", 4, "find",
                                                "ldap_search_s(ld, base, 2, filter, 0, 0, &res);")), BW_OK);
    bw_findings_sort(&more);
    assert_int_equal(bw_findings_fingerprint(&more), BW_OK);
    assert_int_equal(bw_baseline_ratchet(&b, &more, false, NULL, "d", &out, &up, &err), BW_OK);
    assert_true(up.refused);
    assert_int_equal(up.added, 1);
    assert_int_equal(out.count, 3);
    bw_baseline_free(&out);
    /* Growth needs a reason. */
    assert_int_equal(bw_baseline_ratchet(&b, &more, true, "", "d", &out, &up, &err), BW_ERR_USAGE);
    assert_int_equal(bw_baseline_ratchet(&b, &more, true, NULL, "d", &out, &up, &err), BW_ERR_USAGE);
    /* With a reason it grows and records it; it is a loosening. */
    assert_int_equal(bw_baseline_ratchet(&b, &more, true, "legacy LDAP code, ticket 42",
                                         "2024-02-02T00:00:00Z", &out, &up, &err), BW_OK);
    assert_false(up.refused);
    assert_int_equal(out.count, 4);
    assert_int_equal(out.growth_count, 1);
    assert_string_equal(out.growth[0].reason, "legacy LDAP code, ticket 42");
    assert_int_equal(out.growth[0].added, 1);
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_baseline_loosenings(&out, "bl.json", &ls), BW_OK);
    assert_int_equal(ls.count, 1);
    assert_string_equal(ls.items[0].kind, "baseline-growth");
    assert_string_equal(ls.items[0].reason, "legacy LDAP code, ticket 42");
    bw_loosenings_free(&ls);

    /* The staged-file check: growth with a record is explained; a hand edit
     * (same growth, no record) or a dropped record is not. */
    size_t grown;
    bool unexplained;
    bw_baseline_compare_staged(&b, &out, &grown, &unexplained);
    assert_int_equal(grown, 1);
    assert_false(unexplained);
    bw_baseline hand = BW_BASELINE_INIT;
    assert_int_equal(bw_baseline_add_findings(&hand, &more, &err), BW_OK);
    bw_baseline_compare_staged(&b, &hand, &grown, &unexplained);
    assert_int_equal(grown, 1);
    assert_true(unexplained);
    bw_baseline_compare_staged(&out, &b, &grown, &unexplained); /* shrink but drops the record */
    assert_int_equal(grown, 0);
    assert_true(unexplained);
    bw_baseline_compare_staged(&b, &b, &grown, &unexplained);
    assert_false(unexplained);

    bw_baseline_free(&hand);
    bw_baseline_free(&out);
    bw_baseline_free(&b);
    bw_findings_free(&old);
    bw_findings_free(&fewer);
    bw_findings_free(&more);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_sorted),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_match_same_moved_new_stale),
        cmocka_unit_test(test_ratchet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
