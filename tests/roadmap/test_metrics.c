/* Unit tests for lines of code, unsafe constructs, globs, phase criteria
 * and the roadmap file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/roadmap.h"
#include "rm_test.h"

static bw_file_metrics scan(const char *path, const char *text)
{
    bw_file_metrics m;
    bw_metrics_scan(bw_language_for_path(path), text, strlen(text), &m);
    return m;
}

static const char *lang_name(const char *path)
{
    int l = bw_language_for_path(path);
    return l < 0 ? "none" : bw_language_at((size_t)l)->name;
}

static void languages_by_extension(void **state)
{
    (void)state;
    assert_string_equal(lang_name("a/b.c"), "C");
    assert_string_equal(lang_name("x.h"), "C");
    assert_string_equal(lang_name("x.C"), "C++");
    assert_string_equal(lang_name("x.cpp"), "C++");
    assert_string_equal(lang_name("x.S"), "Assembly");
    assert_string_equal(lang_name("lib.rs"), "Rust");
    assert_string_equal(lang_name("main.go"), "Go");
    assert_string_equal(lang_name("tool.py"), "Python");
    assert_string_equal(lang_name("README.md"), "none");
    assert_string_equal(lang_name(".c"), "none");
    assert_string_equal(lang_name("Makefile"), "none");
    assert_false(bw_language_at((size_t)bw_language_for_path("a.c"))->memory_safe);
    assert_true(bw_language_at((size_t)bw_language_for_path("a.rs"))->memory_safe);
}

static void counts_code_lines_not_comments_or_blanks(void **state)
{
    (void)state;
    bw_file_metrics m = scan("a.c", "/* header\n * comment\n */\n#include <stdio.h>\n\n"
                                    "int main(void) { // hi\n    return 0; /* x */\n}\n"
                                    "// trailing\n   \n");
    assert_int_equal(m.code_lines, 4);
    m = scan("a.c", "int x; /* starts\n ends */ int y;\nint z;");
    assert_int_equal(m.code_lines, 3);
    m = scan("a.c", "const char *s = \"/* not a comment\";\nint y;\n");
    assert_int_equal(m.code_lines, 2);
    m = scan("t.py", "# comment\nimport os\n\n    x = '#not'  # c\n");
    assert_int_equal(m.code_lines, 2);
    m = scan("x.s", "; comment\n  mov %eax, %ebx  # c\n# only\n");
    assert_int_equal(m.code_lines, 1);
    m = scan("x.rs", "// c\nfn main() {}\n");
    assert_int_equal(m.code_lines, 1);
    m = scan("a.c", "");
    assert_int_equal(m.code_lines, 0);
}

static void counts_unsafe_constructs(void **state)
{
    (void)state;
    bw_file_metrics m = scan("a.c",
        "#include <string.h>\n"
        "void f(char *d, const char *s, char *p, int n) {\n"
        "  strcpy(d, s);\n"                 /* libc */
        "  memcpy(d, s, (size_t)n);\n"      /* libc; cast to non-pointer: no */
        "  obj.strcpy(d);\n"                /* member: no */
        "  char c = *(p + n);\n"            /* pointer arithmetic */
        "  int k = n * (n + 1);\n"          /* multiplication: no */
        "  struct s *q = (struct s *)p;\n"  /* pointer cast */
        "  void *v = (void *)p;\n"          /* void *: no */
        "  size_t z = sizeof(char *) * 2;\n"/* sizeof: no */
        "  unsigned long *u = (unsigned long *)v;\n" /* pointer cast */
        "  __asm__ volatile (\"nop\");\n"   /* inline asm */
        "  gets(d); // bulwark-ignore BW-GETS: test fixture\n" /* libc + suppression */
        "  const char *t = \"strcpy(x, y)\";\n" /* in a string: no */
        "  /* sprintf(d, s) in a comment: no */\n"
        "}\n");
    assert_int_equal(m.unsafe[BW_UNSAFE_LIBC_CALL], 3);
    assert_int_equal(m.unsafe[BW_UNSAFE_POINTER_ARITH], 1);
    assert_int_equal(m.unsafe[BW_UNSAFE_POINTER_CAST], 2);
    assert_int_equal(m.unsafe[BW_UNSAFE_INLINE_ASM], 1);
    assert_int_equal(m.unsafe[BW_UNSAFE_SUPPRESSION], 1);
    m = scan("a.cpp", "auto *x = reinterpret_cast<int *>(p);\n");
    assert_int_equal(m.unsafe[BW_UNSAFE_POINTER_CAST], 1);
    /* Not scanned outside the C family. */
    m = scan("a.rs", "unsafe { strcpy(a, b); }\n");
    assert_int_equal(m.unsafe[BW_UNSAFE_LIBC_CALL], 0);
    assert_string_equal(bw_unsafe_kind_name(BW_UNSAFE_POINTER_CAST), "pointer-cast");
}

static void glob_semantics(void **state)
{
    (void)state;
    assert_true(bw_glob_match("src/**", "src/a/b/c.c"));
    assert_true(bw_glob_match("src/**", "src/x.c"));
    assert_false(bw_glob_match("src/**", "srcx/x.c"));
    assert_true(bw_glob_match("src/*.c", "src/x.c"));
    assert_false(bw_glob_match("src/*.c", "src/a/x.c"));
    assert_true(bw_glob_match("**/*.h", "include/a/b.h"));
    assert_true(bw_glob_match("**/*.h", "b.h"));
    assert_true(bw_glob_match("src/parser", "src/parser/a.c"));
    assert_true(bw_glob_match("src/parser/", "src/parser/a.c"));
    assert_false(bw_glob_match("src/parser", "src/parser2/a.c"));
    assert_true(bw_glob_match("*", "main.c"));
    assert_false(bw_glob_match("*", "src/main.c"));
    assert_true(bw_glob_match("lib/[a-c]?.c", "lib/b1.c"));
    assert_false(bw_glob_match("lib/[!a-c]?.c", "lib/b1.c"));
    assert_true(bw_glob_match("./src/**", "src/q.c"));
}

static void criteria_hold_and_fail_with_numbers(void **state)
{
    (void)state;
    bw_error err = {0};
    bw_criterion_result r;
    bw_component_metrics m = {.tu_total = 4, .tu_hardened = 3};
    assert_int_equal(bw_criterion_eval("hardened-build", &m, &r, &err), BW_OK);
    assert_false(r.holds);
    assert_non_null(strstr(r.detail, "3 of 4"));
    m.tu_hardened = 4;
    assert_int_equal(bw_criterion_eval("hardened-build", &m, &r, &err), BW_OK);
    assert_true(r.holds);
    m = (bw_component_metrics){0};
    assert_int_equal(bw_criterion_eval("hardened-build", &m, &r, &err), BW_OK);
    assert_false(r.holds); /* nothing built: not hardened */
    m.findings_high = 2;
    assert_int_equal(bw_criterion_eval("no-high-findings", &m, &r, &err), BW_OK);
    assert_false(r.holds);
    assert_non_null(strstr(r.detail, "2 open"));
    m = (bw_component_metrics){.has_previous = true, .lines_unsafe = 101, .prev_lines_unsafe = 100};
    assert_int_equal(bw_criterion_eval("unsafe-code-not-growing", &m, &r, &err), BW_OK);
    assert_false(r.holds);
    m.lines_unsafe = 90;
    assert_int_equal(bw_criterion_eval("unsafe-code-not-growing", &m, &r, &err), BW_OK);
    assert_true(r.holds);
    m = (bw_component_metrics){.runtime_report_only = 1};
    assert_int_equal(bw_criterion_eval("runtime-enforcing", &m, &r, &err), BW_OK);
    assert_false(r.holds);
    assert_int_equal(bw_criterion_eval("isolation-declared", &m, &r, &err), BW_OK);
    assert_false(r.holds);
    m.isolation_declared = true;
    assert_int_equal(bw_criterion_eval("isolation-declared", &m, &r, &err), BW_OK);
    assert_true(r.holds);
    m = (bw_component_metrics){.lines_safe = 10, .lines_unsafe = 0};
    assert_int_equal(bw_criterion_eval("no-unsafe-code", &m, &r, &err), BW_OK);
    assert_true(r.holds);
    assert_int_equal(bw_criterion_eval("memory-safe-code-present", &m, &r, &err), BW_OK);
    assert_true(r.holds);
    assert_int_equal(bw_criterion_eval("no-such-criterion", &m, &r, &err), BW_ERR_NOT_FOUND);
    /* Every listed criterion is described and evaluates. */
    for (size_t i = 0; bw_criterion_id_at(i); i++) {
        assert_non_null(bw_criterion_describe(bw_criterion_id_at(i)));
        assert_int_equal(bw_criterion_eval(bw_criterion_id_at(i), &m, &r, &err), BW_OK);
    }
}

static const char good_roadmap[] =
    "version: 1\n"
    "organization:\n"
    "  name: Acme\n"
    "  executive-sponsor: \"Jo Doe, CTO\"\n"
    "  memory-safe-new-code-date: 2026-01-01\n"
    "components:\n"
    "  - name: parser\n"
    "    paths: [src/parser/**]\n"
    "    owner: alice\n"
    "    binaries: [parserd]\n"
    "    plan:\n"
    "      - {phase: hardened, target: 2025-06-30, done: true}\n"
    "      - {phase: migrating, target: 2026-06-30}\n"
    "    dependencies:\n"
    "      - {name: zlib, language: C, status: vendored}\n"
    "  - name: net\n"
    "    paths: src/net\n";

static void loads_a_roadmap_with_default_phases(void **state)
{
    (void)state;
    bw_error err = {0};
    bw_roadmap *rm = NULL;
    assert_int_equal(bw_roadmap_load_string(good_roadmap, strlen(good_roadmap), "r.yaml", &rm, &err),
                     BW_OK);
    assert_int_equal(rm->phase_count, 5);
    assert_string_equal(rm->phases[0].name, "legacy");
    assert_string_equal(rm->phases[4].name, "memory-safe");
    assert_int_equal(bw_roadmap_phase_index(rm, "isolated"), 2);
    assert_string_equal(rm->executive_sponsor, "Jo Doe, CTO");
    assert_int_equal(rm->component_count, 2);
    assert_int_equal(rm->components[0].plan_count, 2);
    assert_true(rm->components[0].plan[0].done);
    assert_int_equal(rm->components[0].plan[0].line, 12);
    assert_string_equal(rm->components[0].deps[0].name, "zlib");
    assert_int_equal(bw_roadmap_component_for(rm, "src/parser/x/y.c"), 0);
    assert_int_equal(bw_roadmap_component_for(rm, "src/net/a.c"), 1);
    assert_int_equal(bw_roadmap_component_for(rm, "tools/a.c"), -1);
    assert_int_equal(bw_roadmap_component_for_binary(rm, "/usr/sbin/parserd"), 0);
    assert_int_equal(bw_roadmap_component_for_binary(rm, "other"), -1);
    bw_roadmap_free(rm);
    bw_roadmap_free(NULL);
}

static void expect_error(const char *text, const char *where, const char *words)
{
    bw_error err = {0};
    bw_roadmap *rm = NULL;
    assert_int_not_equal(bw_roadmap_load_string(text, strlen(text), "r.yaml", &rm, &err), BW_OK);
    assert_null(rm);
    if (!strstr(err.message, where) || !strstr(err.message, words))
        fail_msg("error '%s' lacks '%s' or '%s'", err.message, where, words);
}

static void validation_errors_carry_line_numbers(void **state)
{
    (void)state;
    expect_error("components: []\n", "r.yaml:1", "version");
    expect_error("version: 2\ncomponents: []\n", "r.yaml:1", "newer");
    expect_error("version: 1\ncomponets: []\n", "r.yaml:2", "unknown key 'componets'");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n    plan:\n"
                 "      - {phase: hardened, target: 2025-13-01}\n",
                 "r.yaml:6", "YYYY-MM-DD");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n    plan:\n"
                 "      - {phase: hardend, target: 2025-01-01}\n",
                 "r.yaml:6", "unknown phase 'hardend'");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n    plan:\n"
                 "      - {phase: migrating, target: 2025-01-01}\n"
                 "      - {phase: hardened, target: 2026-01-01}\n",
                 "r.yaml:7", "out of order");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n    plan:\n"
                 "      - {phase: hardened, target: 2026-01-01}\n"
                 "      - {phase: migrating, target: 2025-01-01}\n",
                 "r.yaml:7", "before the target");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n  - name: a\n    paths: [y]\n",
                 "r.yaml:5", "declared twice (first on line 3)");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [/etc]\n", "r.yaml:4",
                 "relative");
    expect_error("version: 1\ncomponents:\n  - name: a\n", "r.yaml:3", "'paths' is required");
    expect_error("version: 1\nphases:\n  - name: one\n    criteria: [no-such]\ncomponents:\n"
                 "  - {name: a, paths: [x]}\n",
                 "r.yaml:4", "unknown criterion 'no-such'");
    expect_error("version: 1\ncomponents:\n  - name: a\n    paths: [x]\n    plan:\n"
                 "      - {phase: hardened, target: 2025-01-01, done: maybe}\n",
                 "r.yaml:6", "");
    /* Alias bombs are refused by the YAML layer. */
    expect_error("version: 1\nx: &a [1, 1, 1]\ny: [*a, *a, *a]\ncomponents: []\n", "r.yaml", "alias");
    expect_error("", "r.yaml", "empty");
}

static void custom_phases(void **state)
{
    (void)state;
    const char *text = "version: 1\nphases:\n  - name: before\n  - name: after\n"
                       "    criteria: [no-open-findings, baseline-empty]\n"
                       "components:\n  - name: a\n    paths: [x]\n    plan:\n"
                       "      - {phase: after, target: 2025-01-01}\n";
    bw_error err = {0};
    bw_roadmap *rm = NULL;
    assert_int_equal(bw_roadmap_load_string(text, strlen(text), "r.yaml", &rm, &err), BW_OK);
    assert_int_equal(rm->phase_count, 2);
    assert_int_equal(rm->phases[1].criteria_count, 2);
    bw_roadmap_free(rm);
}

static void starter_file_lists_top_level_directories_and_loads(void **state)
{
    (void)state;
    char *dir = rm_temp_dir();
    rm_put(dir, "src/core/a.c", "int a;\n");
    rm_put(dir, "lib/b.rs", "fn b() {}\n");
    rm_put(dir, "docs/readme.txt", "no code\n");
    rm_put(dir, "build/gen.c", "int g;\n");
    rm_put(dir, "we\"ird/x.c", "int w;\n");
    rm_put(dir, "main.c", "int main(void) { return 0; }\n");
    bw_error err = {0};
    char *text = NULL;
    assert_int_equal(bw_roadmap_starter(dir, &text, &err), BW_OK);
    bw_roadmap *rm = NULL;
    assert_int_equal(bw_roadmap_load_string(text, strlen(text), "starter", &rm, &err), BW_OK);
    /* top-level, lib, src, we"ird; no docs (no code), no build */
    assert_int_equal(rm->component_count, 4);
    assert_string_equal(rm->components[0].name, "top-level");
    assert_string_equal(rm->components[1].name, "lib");
    assert_string_equal(rm->components[2].name, "src");
    assert_string_equal(rm->components[3].name, "we\"ird");
    assert_string_equal(rm->components[3].paths[0], "we\"ird/**");
    assert_int_equal(bw_roadmap_component_for(rm, "main.c"), 0);
    assert_non_null(strstr(text, "executive-sponsor"));
    bw_roadmap_free(rm);
    bw_free(text);
    rm_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(languages_by_extension),
        cmocka_unit_test(counts_code_lines_not_comments_or_blanks),
        cmocka_unit_test(counts_unsafe_constructs),
        cmocka_unit_test(glob_semantics),
        cmocka_unit_test(criteria_hold_and_fail_with_numbers),
        cmocka_unit_test(loads_a_roadmap_with_default_phases),
        cmocka_unit_test(validation_errors_carry_line_numbers),
        cmocka_unit_test(custom_phases),
        cmocka_unit_test(starter_file_lists_top_level_directories_and_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
