/* Git plumbing on real repositories: index, blobs, the staged diff and its
 * changed lines (staged vs unstaged, renames, deletions, binary files, no
 * commits yet, merges and conflicts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pc_test_util.h"

static const char TEN[] = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";

static bw_git *open_repo(const char *dir)
{
    bw_git *g = NULL;
    bw_error err = {0};
    assert_int_equal(bw_git_open(dir, &g, &err), BW_OK);
    return g;
}

static void test_no_commits_yet(void **state)
{
    (void)state;
    char *dir = new_repo();
    PUT(dir, "a.c", "int a;\nint b;\nint c;\n");
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    bw_git *g = open_repo(dir);
    assert_false(bw_git_has_head(g));
    assert_false(bw_git_merging(g));
    bw_changes ch;
    bw_error err = {0};
    assert_int_equal(bw_git_staged_changes(g, &ch, &err), BW_OK);
    assert_int_equal(ch.count, 1);
    assert_int_equal(ch.items[0].kind, BW_CHANGE_ADDED);
    assert_string_equal(ch.items[0].path, "a.c");
    assert_int_equal(ch.items[0].range_count, 1);
    assert_int_equal(ch.items[0].ranges[0].first, 1);
    assert_int_equal(ch.items[0].ranges[0].last, 3);
    assert_true(bw_changes_line_changed(&ch, "a.c", 3));
    assert_false(bw_changes_line_changed(&ch, "a.c", 4));
    assert_false(bw_changes_line_changed(&ch, "b.c", 1));
    bw_changes_free(&ch);
    bw_git_free(g);
    rm_tree(dir);
}

static void test_staged_vs_unstaged(void **state)
{
    (void)state;
    char *dir = new_repo();
    PUT(dir, "a.c", TEN);
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "one", NULL), 0);
    PUT(dir, "a.c", "l1\nSTAGED\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    PUT(dir, "a.c", "l1\nSTAGED\nl3\nl4\nl5\nl6\nl7\nl8\nUNSTAGED\nl10\n");

    bw_git *g = open_repo(dir);
    assert_true(bw_git_has_head(g));
    bw_error err = {0};
    bw_changes ch;
    assert_int_equal(bw_git_staged_changes(g, &ch, &err), BW_OK);
    assert_int_equal(ch.count, 1);
    assert_int_equal(ch.items[0].kind, BW_CHANGE_MODIFIED);
    assert_true(bw_changes_line_changed(&ch, "a.c", 2));
    assert_false(bw_changes_line_changed(&ch, "a.c", 9)); /* only in the work tree */

    char **paths = NULL;
    size_t n = 0;
    assert_int_equal(bw_git_unstaged_paths(g, &paths, &n, &err), BW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(paths[0], "a.c");
    bw_free(paths[0]);
    bw_free(paths);

    bw_index idx;
    assert_int_equal(bw_git_read_index(g, &idx, &err), BW_OK);
    const bw_index_entry *e = bw_index_find(&idx, "a.c");
    assert_non_null(e);
    assert_int_equal(e->mode, 0100644);
    assert_string_equal(e->oid, ch.items[0].new_oid);
    const char *oid = e->oid;
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(bw_git_read_blobs(g, 1, &oid, &data, &len, &err), BW_OK);
    assert_string_equal(data, "l1\nSTAGED\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
    assert_int_equal(len, strlen(data));
    bw_free(data);
    assert_int_equal(bw_git_read_file(g, "", "a.c", &data, &len, &err), BW_OK);
    assert_non_null(strstr(data, "STAGED"));
    assert_null(strstr(data, "UNSTAGED"));
    bw_free(data);
    assert_int_equal(bw_git_read_file(g, "HEAD", "a.c", &data, &len, &err), BW_OK);
    assert_string_equal(data, TEN);
    bw_free(data);
    assert_int_equal(bw_git_read_file(g, "HEAD", "nope.c", &data, &len, &err), BW_ERR_NOT_FOUND);
    const char *missing = "0123456789012345678901234567890123456789";
    assert_int_equal(bw_git_read_blobs(g, 1, &missing, &data, &len, &err), BW_ERR_NOT_FOUND);

    bw_index_free(&idx);
    bw_changes_free(&ch);
    bw_git_free(g);
    rm_tree(dir);
}

static void test_rename_delete_binary(void **state)
{
    (void)state;
    char *dir = new_repo();
    PUT(dir, "a.c", TEN);
    PUT(dir, "b.c", "int gone;\n");
    put_file(dir, "img.bin", "\x00\x01\x02\x03", 4);
    assert_int_equal(git_in(dir, "add", "a.c", "b.c", "img.bin", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "one", NULL), 0);
    assert_int_equal(git_in(dir, "mv", "a.c", "renamed.c", NULL), 0);
    PUT(dir, "renamed.c", "l1\nl2\nl3\nl4\nFIVE\nl6\nl7\nl8\nl9\nl10\n");
    assert_int_equal(git_in(dir, "add", "renamed.c", NULL), 0);
    assert_int_equal(git_in(dir, "rm", "-q", "b.c", NULL), 0);
    put_file(dir, "img.bin", "\x00\x09\x08\x07\x06", 5);
    assert_int_equal(git_in(dir, "add", "img.bin", NULL), 0);

    bw_git *g = open_repo(dir);
    bw_error err = {0};
    bw_changes ch;
    assert_int_equal(bw_git_staged_changes(g, &ch, &err), BW_OK);
    assert_int_equal(ch.count, 3);
    const bw_file_change *r = bw_changes_find(&ch, "renamed.c");
    assert_non_null(r);
    assert_int_equal(r->kind, BW_CHANGE_RENAMED);
    assert_string_equal(r->old_path, "a.c");
    assert_int_equal(r->range_count, 1);
    assert_true(bw_changes_line_changed(&ch, "renamed.c", 5));
    assert_false(bw_changes_line_changed(&ch, "renamed.c", 4));
    assert_false(bw_changes_line_changed(&ch, "renamed.c", 6));
    assert_null(bw_changes_find(&ch, "b.c")); /* deletions are not "staged files" */
    bool saw_delete = false, saw_binary = false;
    for (size_t i = 0; i < ch.count; i++) {
        if (ch.items[i].kind == BW_CHANGE_DELETED) {
            saw_delete = true;
            assert_string_equal(ch.items[i].path, "b.c");
            assert_string_equal(ch.items[i].new_oid, "");
        }
        if (strcmp(ch.items[i].path, "img.bin") == 0) {
            saw_binary = true;
            assert_true(ch.items[i].binary);
            assert_int_equal(ch.items[i].range_count, 0);
        }
    }
    assert_true(saw_delete);
    assert_true(saw_binary);
    bw_changes_free(&ch);
    bw_git_free(g);
    rm_tree(dir);
}

static void test_pure_deletion_marks_neighbours(void **state)
{
    (void)state;
    char *dir = new_repo();
    PUT(dir, "a.c", TEN);
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "one", NULL), 0);
    /* Delete l5 and l6: the new file's lines 4 (l4) and 5 (l7) border the cut. */
    PUT(dir, "a.c", "l1\nl2\nl3\nl4\nl7\nl8\nl9\nl10\n");
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    bw_git *g = open_repo(dir);
    bw_error err = {0};
    bw_changes ch;
    assert_int_equal(bw_git_staged_changes(g, &ch, &err), BW_OK);
    assert_false(bw_changes_line_changed(&ch, "a.c", 3));
    assert_true(bw_changes_line_changed(&ch, "a.c", 4));
    assert_true(bw_changes_line_changed(&ch, "a.c", 5));
    assert_false(bw_changes_line_changed(&ch, "a.c", 6));
    bw_changes_free(&ch);
    bw_git_free(g);
    rm_tree(dir);
}

static void test_merge_and_conflicts(void **state)
{
    (void)state;
    char *dir = new_repo();
    PUT(dir, "a.c", TEN);
    assert_int_equal(git_in(dir, "add", "a.c", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "one", NULL), 0);
    assert_int_equal(git_in(dir, "checkout", "-q", "-b", "side", NULL), 0);
    PUT(dir, "side.c", "int side;\n");
    assert_int_equal(git_in(dir, "add", "side.c", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "side", NULL), 0);
    assert_int_equal(git_in(dir, "checkout", "-q", "main", NULL), 0);
    PUT(dir, "main.c", "int m;\n");
    assert_int_equal(git_in(dir, "add", "main.c", NULL), 0);
    assert_int_equal(git_in(dir, "commit", "-q", "-m", "main", NULL), 0);
    assert_int_equal(git_in(dir, "merge", "-q", "--no-ff", "--no-commit", "side", NULL), 0);

    bw_git *g = open_repo(dir);
    assert_true(bw_git_merging(g));
    bw_error err = {0};
    bw_changes ch;
    assert_int_equal(bw_git_staged_changes(g, &ch, &err), BW_OK);
    /* Against the first parent: the merge brings side.c. */
    assert_int_equal(ch.count, 1);
    assert_string_equal(ch.items[0].path, "side.c");
    bw_changes_free(&ch);
    bw_index idx;
    assert_int_equal(bw_git_read_index(g, &idx, &err), BW_OK);
    assert_false(bw_index_has_conflicts(&idx));
    bw_index_free(&idx);
    bw_git_free(g);
    assert_int_equal(git_in(dir, "merge", "--abort", NULL), 0);

    /* Both sides edit line 1: an unmerged path appears in stages 1-3. */
    assert_int_equal(git_in(dir, "checkout", "-q", "side", NULL), 0);
    PUT(dir, "a.c", "SIDE\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
    assert_int_equal(git_in(dir, "commit", "-q", "-am", "side edit", NULL), 0);
    assert_int_equal(git_in(dir, "checkout", "-q", "main", NULL), 0);
    PUT(dir, "a.c", "MAIN\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
    assert_int_equal(git_in(dir, "commit", "-q", "-am", "main edit", NULL), 0);
    assert_int_not_equal(git_in(dir, "merge", "-q", "side", NULL), 0);
    g = open_repo(dir);
    assert_int_equal(bw_git_read_index(g, &idx, &err), BW_OK);
    assert_true(bw_index_has_conflicts(&idx));
    assert_null(bw_index_find(&idx, "a.c")); /* no stage-0 entry */
    bw_index_free(&idx);
    bw_git_free(g);
    rm_tree(dir);
}

static void test_not_a_repository(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/bw-pc-norepo.XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    bw_git *g = NULL;
    bw_error err = {0};
    assert_int_equal(bw_git_open(d, &g, &err), BW_ERR_NOT_FOUND);
    assert_null(g);
    assert_non_null(strstr(err.message, "not inside a git work tree"));
    rmdir(d);
}

static void test_patch_parser_rejects_mismatch(void **state)
{
    (void)state;
    bw_changes ch = {0};
    bw_file_change one = {0};
    one.kind = BW_CHANGE_MODIFIED;
    one.path = bw_strdup("a.c");
    ch.items = &one;
    ch.count = 1;
    bw_error err = {0};
    static const char two_sections[] =
        "diff --git a/a.c b/a.c\n@@ -1 +1 @@\n-x\n+y\ndiff --git a/b.c b/b.c\n";
    assert_int_equal(bw_changes_parse_patch(&ch, two_sections, strlen(two_sections), &err), BW_ERR_TOOL);
    bw_free(one.ranges);
    one.ranges = NULL;
    one.range_count = 0;
    /* A hunk line that is neither '-', '+' nor '\' inside a hunk. */
    static const char bad_hunk[] = "diff --git a/a.c b/a.c\n@@ -1,2 +1,2 @@\n-x\n context\n";
    assert_int_equal(bw_changes_parse_patch(&ch, bad_hunk, strlen(bad_hunk), &err), BW_ERR_TOOL);
    bw_free(one.ranges);
    one.ranges = NULL;
    one.range_count = 0;
    /* "diff --git" inside hunk content is content, not a new section. */
    static const char tricky[] = "diff --git a/a.c b/a.c\n@@ -0,0 +1,2 @@\n+diff --git a/x b/x\n+ok\n";
    assert_int_equal(bw_changes_parse_patch(&ch, tricky, strlen(tricky), &err), BW_OK);
    assert_int_equal(one.range_count, 1);
    assert_int_equal(one.ranges[0].last, 2);
    bw_free(one.ranges);
    bw_free(one.path);
}

static void test_paths(void **state)
{
    (void)state;
    assert_true(bw_path_is_c_source("src/a.c"));
    assert_true(bw_path_is_c_source("x.cpp"));
    assert_false(bw_path_is_c_source("x.h"));
    assert_true(bw_path_is_c_family("x.h"));
    assert_true(bw_path_is_c_family("x.hpp"));
    assert_false(bw_path_is_c_family("README.md"));
    assert_false(bw_path_is_c_family("dir.c/file"));
    assert_false(bw_path_is_c_family("Makefile"));
}

int main(void)
{
    git_env();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_commits_yet),
        cmocka_unit_test(test_staged_vs_unstaged),
        cmocka_unit_test(test_rename_delete_binary),
        cmocka_unit_test(test_pure_deletion_marks_neighbours),
        cmocka_unit_test(test_merge_and_conflicts),
        cmocka_unit_test(test_not_a_repository),
        cmocka_unit_test(test_patch_parser_rejects_mismatch),
        cmocka_unit_test(test_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
