/* Unit tests of the wrapper library: command-line classification, build
 * probes, the pass statistics parser, settings from env and config, and
 * what an object file says about its instrumentation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "bulwark/wrapper.h"

/* ---- classification ------------------------------------------------------------ */

typedef struct parse_case {
    const char *line;        /* arguments after the compiler, space-separated */
    bool cxx;
    bw_cc_action action;
    size_t sources;
    const char *why;         /* expected passthrough reason, or NULL */
} parse_case;

static const parse_case parse_cases[] = {
    {"-c a.c -o a.o", false, BW_CC_COMPILE, 1, NULL},
    {"-O2 -Iinc -D X=1 -c src/a.c", false, BW_CC_COMPILE, 1, NULL},
    {"-c a.c b.c", false, BW_CC_COMPILE, 2, NULL},
    {"-S a.c", false, BW_CC_COMPILE, 1, NULL},
    {"a.c b.o -o prog", false, BW_CC_COMPILE_LINK, 1, NULL},
    {"a.o b.o -o prog -lm", false, BW_CC_LINK, 0, NULL},
    {"-shared a.o -o libx.so", false, BW_CC_LINK, 0, NULL},
    {"-E a.c", false, BW_CC_PASSTHROUGH, 1, "preprocess only"},
    {"-M a.c", false, BW_CC_PASSTHROUGH, 1, "dependency listing (-M)"},
    {"-MM -MF a.d a.c", false, BW_CC_PASSTHROUGH, 1, "dependency listing (-MM)"},
    {"-MD -MF a.d -c a.c -o a.o", false, BW_CC_COMPILE, 1, NULL},
    {"--version", false, BW_CC_PASSTHROUGH, 0, "version query"},
    {"-v", false, BW_CC_PASSTHROUGH, 0, "version query"},
    {"-dumpmachine", false, BW_CC_PASSTHROUGH, 0, "target query"},
    {"-print-search-dirs", false, BW_CC_PASSTHROUGH, 0, "driver query"},
    {"-c start.S -o start.o", false, BW_CC_PASSTHROUGH, 0, "assembler"},
    {"-x assembler-with-cpp -c boot.s", false, BW_CC_PASSTHROUGH, 0, "assembler"},
    {"-c conftest.c", false, BW_CC_PASSTHROUGH, 1, "build-system probe"},
    {"-o conftest conftest.c -lm", false, BW_CC_PASSTHROUGH, 1, "build-system probe"},
    {"-o conftest conftest.o", false, BW_CC_PASSTHROUGH, 0, "build-system probe"},
    {"-c /b/CMakeFiles/CMakeScratch/TryCompile-x/src.c -o src.o", false, BW_CC_PASSTHROUGH, 1,
     "build-system probe"},
    {"/b/meson-private/tmpab/testfile.c -o /b/meson-private/tmpab/output.exe", false,
     BW_CC_PASSTHROUGH, 1, "build-system probe"},
    {"-x c -c -", false, BW_CC_PASSTHROUGH, 0, "source from standard input"},
    {"-fsyntax-only a.c", false, BW_CC_PASSTHROUGH, 1, "syntax check only"},
    {"-x c-header -c a.h -o a.h.pch", false, BW_CC_PASSTHROUGH, 0, "precompiled header"},
    {"-c a.m", false, BW_CC_PASSTHROUGH, 0, "not C or C++"},
    {"", false, BW_CC_PASSTHROUGH, 0, "no input files"},
    {"-c a.cpp -o a.o", false, BW_CC_COMPILE, 1, NULL},
    {"-x c++ -c a.c", false, BW_CC_COMPILE, 1, NULL},
    /* the value of -o, -I, -include is never taken for an input */
    {"-include pre.h -I dir -o out.o -c a.c", false, BW_CC_COMPILE, 1, NULL},
    {"-Wl,-r a.o b.o -o part.o", false, BW_CC_LINK, 0, NULL},
};

static char **split(const char *line, size_t *n)
{
    char *copy = bw_strdup(line);
    assert_non_null(copy);
    char **v = bw_calloc(64, sizeof *v);
    assert_non_null(v);
    size_t k = 0;
    for (char *p = copy; *p;) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        v[k++] = p;
        while (*p && *p != ' ')
            p++;
    }
    if (k == 0)
        bw_free(copy);
    *n = k;
    return v;
}

static void free_split(char **v, size_t n)
{
    if (n > 0)
        bw_free(v[0]);
    bw_free(v);
}

static void test_classification(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const parse_case *pc = &parse_cases[i];
        size_t n = 0;
        char **v = split(pc->line, &n);
        bw_cc_cmd cmd;
        bw_error err = {0};
        assert_int_equal(bw_cc_parse(n, (const char *const *)v, pc->cxx, &cmd, &err), BW_OK);
        if (cmd.action != pc->action || cmd.source_count != pc->sources)
            fail_msg("'%s': action %d sources %zu, expected %d and %zu (why: %s)", pc->line,
                     (int)cmd.action, cmd.source_count, (int)pc->action, pc->sources,
                     cmd.why ? cmd.why : "-");
        if (pc->why != NULL)
            assert_string_equal(cmd.why, pc->why);
        bw_cc_cmd_clear(&cmd);
        free_split(v, n);
    }
}

static void test_languages_and_output(void **state)
{
    (void)state;
    size_t n = 0;
    char **v = split("-c a.c b.cc -x c++ c.c -x none d.c", &n);
    bw_cc_cmd cmd;
    assert_int_equal(bw_cc_parse(n, (const char *const *)v, false, &cmd, NULL), BW_OK);
    assert_int_equal(cmd.source_count, 4);
    assert_int_equal(cmd.sources[0].lang, BW_LANG_C);
    assert_int_equal(cmd.sources[1].lang, BW_LANG_CXX);
    assert_int_equal(cmd.sources[2].lang, BW_LANG_CXX);
    assert_int_equal(cmd.sources[3].lang, BW_LANG_C);
    bw_cc_cmd_clear(&cmd);
    /* a C++ driver compiles .c as C++ */
    assert_int_equal(bw_cc_parse(n, (const char *const *)v, true, &cmd, NULL), BW_OK);
    assert_int_equal(cmd.sources[0].lang, BW_LANG_CXX);
    bw_cc_cmd_clear(&cmd);
    free_split(v, n);

    v = split("-c -oobj/x.o x.c", &n);
    assert_int_equal(bw_cc_parse(n, (const char *const *)v, false, &cmd, NULL), BW_OK);
    assert_string_equal(cmd.output, "obj/x.o");
    assert_string_equal(cmd.sources[0].path, "x.c");
    bw_cc_cmd_clear(&cmd);
    free_split(v, n);
}

static bool has_flag(const bw_cc_cmd *cmd, const char *flag)
{
    for (size_t i = 0; i < cmd->hardening_flag_count; i++)
        if (strcmp(cmd->hardening_flags[i], flag) == 0)
            return true;
    return false;
}

static void test_hardening_flags(void **state)
{
    (void)state;
    size_t n = 0;
    char **v = split("-O2 -D_FORTIFY_SOURCE=3 -D NDEBUG -D _FORTIFY_SOURCE=2 "
                     "-fstack-protector-strong -fcf-protection=full "
                     "-ftrivial-auto-var-init=zero -fPIE -Wall -pie -Wl,-z,relro,-z,now "
                     "-z noexecstack -Wl,--as-needed a.c -o prog",
                     &n);
    bw_cc_cmd cmd;
    assert_int_equal(bw_cc_parse(n, (const char *const *)v, false, &cmd, NULL), BW_OK);
    assert_true(has_flag(&cmd, "-D_FORTIFY_SOURCE=3"));
    assert_true(has_flag(&cmd, "-D_FORTIFY_SOURCE=2"));
    assert_true(has_flag(&cmd, "-fstack-protector-strong"));
    assert_true(has_flag(&cmd, "-fcf-protection=full"));
    assert_true(has_flag(&cmd, "-ftrivial-auto-var-init=zero"));
    assert_true(has_flag(&cmd, "-fPIE"));
    assert_true(has_flag(&cmd, "-pie"));
    assert_true(has_flag(&cmd, "-Wl,-z,relro,-z,now"));
    assert_true(has_flag(&cmd, "-z noexecstack"));
    assert_false(has_flag(&cmd, "-Wall"));
    assert_false(has_flag(&cmd, "-DNDEBUG"));
    assert_false(has_flag(&cmd, "-Wl,--as-needed"));
    assert_int_equal(cmd.hardening_flag_count, 9);
    bw_cc_cmd_clear(&cmd);
    free_split(v, n);
}

static void test_probe_paths(void **state)
{
    (void)state;
    assert_true(bw_cc_is_probe_path("conftest.c"));
    assert_true(bw_cc_is_probe_path("./conftest"));
    assert_true(bw_cc_is_probe_path("/x/CMakeFiles/3.25.1/CompilerIdC/CMakeCCompilerId.c"));
    assert_true(bw_cc_is_probe_path("/b/meson-private/sanitycheckc.c"));
    assert_false(bw_cc_is_probe_path("src/config.c"));
    assert_false(bw_cc_is_probe_path("contest.c"));
    assert_false(bw_cc_is_probe_path(NULL));
}

/* ---- pass statistics ------------------------------------------------------------ */

static void test_stats_parse(void **state)
{
    (void)state;
    const char *text =
        "{\"v\":1,\"source\":\"src/a.c\",\"protections\":{\"cfi\":true,\"shadow_stack\":"
        "\"default\",\"memory\":true,\"member_bounds\":true},\"cfi\":{\"indirect_calls\":3},"
        "\"shadow_stack\":{\"protected\":2},\"memory\":{\"instrumented\":5},"
        "\"residual\":{\"unknown_size_memops\":1,\"indirect_calls_without_type_id\":1,"
        "\"functions_without_shadow_stack\":4}}\n"
        "not json at all\n"
        "{\"v\":2,\"source\":\"future.c\",\"protections\":{}}\n"
        "{\"v\":1,\"source\":\"b.c\",\"protections\":{\"cfi\":false,\"shadow_stack\":\"none\","
        "\"memory\":false},\"cfi\":{\"indirect_calls\":7}}\n"
        "{\"v\":1,\"source\":\"torn.c\",\"protec";
    bw_tu_stats_list list;
    assert_int_equal(bw_tu_stats_parse(text, strlen(text), &list, NULL), BW_OK);
    assert_int_equal(list.count, 2);
    const bw_tu_stats *a = bw_tu_stats_find(&list, "src/a.c");
    assert_non_null(a);
    assert_true(a->cfi && a->shadow_stack && a->memory);
    assert_int_equal(a->icalls, 3);
    assert_int_equal(a->shadow_functions, 2);
    assert_int_equal(a->memops, 5);
    assert_int_equal(a->residual, 6);
    /* matched by basename when the compiler spelled the path differently */
    assert_ptr_equal(bw_tu_stats_find(&list, "./b.c"), &list.items[1]);
    const bw_tu_stats *b = &list.items[1];
    assert_false(b->cfi || b->shadow_stack || b->memory);
    assert_int_equal(b->icalls, 0); /* CFI off: nothing counts as checked */
    assert_null(bw_tu_stats_find(&list, "torn.c"));
    bw_tu_stats_clear(&list);
}

/* ---- settings --------------------------------------------------------------------- */

static void clear_env(void)
{
    unsetenv("BULWARK_OFF");
    unsetenv("BULWARK_OFF_REASON");
    unsetenv("BULWARK_RUNTIME");
    unsetenv("BULWARK_WERROR");
    unsetenv("BULWARK_CHECK_IN");
}

static void test_settings_env(void **state)
{
    (void)state;
    clear_env();
    bw_wrap_settings s;
    bw_error err = {0};
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_true(s.cfi && s.shadow_stack && s.memory && s.member_bounds && s.checkers);
    assert_true(s.shadow_stack_in_bounds);
    assert_int_equal(s.runtime, BW_RUNTIME_STATIC);
    assert_int_equal(s.werror, BW_SEV_NONE);
    assert_int_equal(s.loosenings.count, 0);
    bw_wrap_settings_clear(&s);

    setenv("BULWARK_OFF", "cfi,memory", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_ERR_USAGE);
    assert_non_null(strstr(err.message, "BULWARK_OFF_REASON"));
    setenv("BULWARK_OFF_REASON", "JIT calls through data pointers", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_false(s.cfi);
    assert_false(s.memory);
    assert_true(s.shadow_stack);
    assert_int_equal(s.loosenings.count, 2);
    assert_string_equal(s.loosenings.items[0].kind, "protection-off");
    assert_string_equal(s.loosenings.items[0].subject, "cfi");
    assert_string_equal(s.loosenings.items[1].reason, "JIT calls through data pointers");
    bw_wrap_settings_clear(&s);

    /* the shadow stack's narrower scope is a loosening of its own */
    setenv("BULWARK_OFF", "shadow-stack-in-bounds", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_true(s.shadow_stack && s.cfi);
    assert_false(s.shadow_stack_in_bounds);
    assert_int_equal(s.loosenings.count, 1);
    assert_string_equal(s.loosenings.items[0].subject, "shadow-stack-in-bounds");
    bw_wrap_settings_clear(&s);

    setenv("BULWARK_OFF", "cfi,bogus", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_ERR_USAGE);
    setenv("BULWARK_OFF", "all", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_int_equal(s.loosenings.count, 6);
    bw_wrap_settings_clear(&s);
    clear_env();

    setenv("BULWARK_RUNTIME", "shared", 1);
    setenv("BULWARK_WERROR", "1", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_int_equal(s.runtime, BW_RUNTIME_SHARED);
    assert_int_equal(s.werror, BW_SEV_NOTE);
    bw_wrap_settings_clear(&s);
    setenv("BULWARK_WERROR", "error", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_int_equal(s.werror, BW_SEV_ERROR);
    bw_wrap_settings_clear(&s);
    setenv("BULWARK_WERROR", "sometimes", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_ERR_USAGE);
    setenv("BULWARK_RUNTIME", "dynamic", 1);
    setenv("BULWARK_WERROR", "0", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_ERR_USAGE);
    clear_env();

    /* where the checkers run: the compile by default, the wrapper on request */
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_false(s.check_in_wrapper);
    bw_wrap_settings_clear(&s);
    setenv("BULWARK_CHECK_IN", "wrapper", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_true(s.check_in_wrapper);
    assert_int_equal(s.loosenings.count, 0); /* the same checks, not a loosening */
    bw_wrap_settings_clear(&s);
    setenv("BULWARK_CHECK_IN", "compiler", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_OK);
    assert_false(s.check_in_wrapper);
    bw_wrap_settings_clear(&s);
    setenv("BULWARK_CHECK_IN", "wrapr", 1);
    assert_int_equal(bw_wrap_settings_load(NULL, &s, &err), BW_ERR_USAGE);
    assert_non_null(strstr(err.message, "BULWARK_CHECK_IN"));
    clear_env();
}

static bw_config *load_config(const char *text, bw_error *err, bw_status *st)
{
    bw_config *cfg = NULL;
    *st = bw_config_load_buffer(text, strlen(text), "/p/.bulwark.yaml", "/p", &cfg, err);
    return cfg;
}

static void test_settings_config(void **state)
{
    (void)state;
    clear_env();
    bw_status st;
    bw_error err = {0};
    bw_config *cfg = load_config("version: 1\n"
                                 "werror: warning\n"
                                 "hardening:\n"
                                 "  runtime: shared\n"
                                 "  off:\n"
                                 "    - {protection: shadow-stack, reason: \"uses makecontext\"}\n"
                                 "  verify:\n"
                                 "    waive: []\n",
                                 &err, &st);
    assert_int_equal(st, BW_OK);
    bw_wrap_settings s;
    assert_int_equal(bw_wrap_settings_load(cfg, &s, &err), BW_OK);
    assert_int_equal(s.runtime, BW_RUNTIME_SHARED);
    assert_false(s.shadow_stack);
    assert_true(s.cfi);
    assert_int_equal(s.werror, BW_SEV_WARNING);
    assert_int_equal(s.loosenings.count, 1);
    assert_string_equal(s.loosenings.items[0].subject, "shadow-stack");
    assert_string_equal(s.loosenings.items[0].reason, "uses makecontext");
    assert_int_equal(s.loosenings.items[0].loc.line, 6);
    bw_wrap_settings_clear(&s);
    /* BULWARK_WERROR=1 takes the config's level; =0 overrides it */
    setenv("BULWARK_WERROR", "0", 1);
    assert_int_equal(bw_wrap_settings_load(cfg, &s, &err), BW_OK);
    assert_int_equal(s.werror, BW_SEV_NONE);
    bw_wrap_settings_clear(&s);
    clear_env();
    bw_config_free(cfg);

    static const char *const bad[] = {
        "hardening:\n  off:\n    - {protection: cfi}\n",
        "hardening:\n  off:\n    - {protection: cfi, reason: \"\"}\n",
        "hardening:\n  off:\n    - {protection: canaries, reason: x}\n",
        "hardening:\n  runtime: dynamic\n",
        "hardening:\n  shadowstack: off\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cfg = load_config(bad[i], &err, &st);
        if (st != BW_OK)
            continue; /* refused by the config loader itself: fine too */
        memset(&err, 0, sizeof err);
        assert_int_equal(bw_wrap_settings_load(cfg, &s, &err), BW_ERR_PARSE);
        assert_non_null(strstr(err.message, ".bulwark.yaml:"));
        bw_config_free(cfg);
    }
}

/* ---- the object file ------------------------------------------------------------ */

static void test_object_not_elf(void **state)
{
    (void)state;
    char path[] = "/tmp/bw-wrapper-unit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "hello", 5), 5);
    close(fd);
    bw_tu_stats s;
    bool counts = true;
    bw_error err = {0};
    assert_int_equal(bw_object_instrumentation(path, &s, &counts, &err), BW_ERR_PARSE);
    unlink(path);
    assert_int_equal(bw_object_instrumentation(path, &s, &counts, &err), BW_ERR_IO);
}

static void test_compiler_identify(void **state)
{
    (void)state;
    bw_compiler_info info;
    bw_compiler_identify("clang-19", &info);
    assert_int_equal(info.kind, BW_COMPILER_CLANG);
    assert_int_equal(info.major, 19);
    assert_false(info.cxx);
    bw_compiler_identify("/usr/bin/clang++-14", &info);
    assert_int_equal(info.kind, BW_COMPILER_CLANG);
    assert_int_equal(info.major, 14);
    assert_true(info.cxx);
    bw_compiler_identify("x86_64-linux-gnu-gcc-12", &info);
    assert_int_equal(info.kind, BW_COMPILER_GCC);
    bw_compiler_identify("g++", &info);
    assert_int_equal(info.kind, BW_COMPILER_GCC);
    assert_true(info.cxx);
    bw_compiler_identify(BW_TEST_CLANG, &info);
    assert_int_equal(info.kind, BW_COMPILER_CLANG);
    assert_true(info.major >= 14);
}


/* BULWARK_TIMINGS: each compile appends one JSON line; names are escaped,
 * CPU is rounded to milliseconds, an unwritable path is an error. */
static void test_timings_lines(void **state)
{
    (void)state;
    char path[] = "/tmp/bw-wrapper-times-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bw_wrap_times t;
    memset(&t, 0, sizeof t);
    t.load = 0.0164;
    t.parse = 0.0125;
    t.analysis = 0.001;
    t.wrapper = 0.0301;
    t.compiler = 1.25;
    t.wall = 0.5;
    t.checked = true;
    bw_error err = {0};
    assert_int_equal(bw_wrap_times_append(path, "dir/a \"q\".c", &t, &err), BW_OK);
    t.checked = false;
    assert_int_equal(bw_wrap_times_append(path, "b.c", &t, &err), BW_OK);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(bw_file_read(path, 1u << 16, &data, &len, &err), BW_OK);
    unlink(path);
    assert_string_equal(data,
                        "{\"tu\":\"dir/a \\\"q\\\".c\",\"cpu_ms\":{\"start\":0,\"setup\":0,"
                        "\"load\":16,\"parse\":13,\"analysis\":1,\"report\":0,\"record\":0,"
                        "\"wrapper\":30,\"compiler\":1250},\"wall_ms\":500,\"checked\":true,"
                        "\"checked_in\":\"wrapper\"}\n"
                        "{\"tu\":\"b.c\",\"cpu_ms\":{\"start\":0,\"setup\":0,"
                        "\"load\":16,\"parse\":13,\"analysis\":1,\"report\":0,\"record\":0,"
                        "\"wrapper\":30,\"compiler\":1250},\"wall_ms\":500,\"checked\":false,"
                        "\"checked_in\":\"none\"}\n");
    bw_free(data);
    assert_int_equal(bw_wrap_times_append("/nonexistent-dir/times", "a.c", &t, &err), BW_ERR_IO);
    /* the process's own CPU only grows */
    double a = bw_wrap_cpu_seconds();
    volatile unsigned long spin = 0;
    for (unsigned long i = 0; i < 20000000ul; i++)
        spin += i;
    assert_true(bw_wrap_cpu_seconds() > a);
}

/* ---- the request and response of checks inside the compiler ----------------------- */

static char *scratch_file(void)
{
    char *path = bw_strdup("/tmp/bw-check-wire-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A hostile name: not UTF-8, with a quote, a backslash and a newline. */
#define HOSTILE "dir/b\xff\xfe\"q\\\n.c"

static void test_check_request_round_trip(void **state)
{
    (void)state;
    char *path = scratch_file();
    char *argv[] = {"clang-19", "-DX=\"\xc3\xa9\"", "-c", HOSTILE};
    bw_check_request req = {"/work dir", "/work", NULL, "/work/.bulwark.yaml", argv, 4};
    bw_error err = {0};
    assert_int_equal(bw_check_request_write(path, &req, &err), BW_OK);
    bw_check_request got;
    bool answered = true;
    assert_int_equal(bw_check_request_read(path, &got, &answered, &err), BW_OK);
    assert_false(answered);
    assert_string_equal(got.directory, "/work dir");
    assert_string_equal(got.root, "/work");
    assert_null(got.cache_path);
    assert_string_equal(got.config_path, "/work/.bulwark.yaml");
    assert_int_equal(got.argc, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(got.argv[i], argv[i]);
    bw_check_request_clear(&got);
    /* the request is not a response yet: the wrapper must check itself */
    bw_check_response resp;
    bool present = true;
    assert_int_equal(bw_check_response_read(path, &resp, &present, &err), BW_OK);
    assert_false(present);
    unlink(path);
    bw_free(path);
}

static bw_finding *sample_finding(void)
{
    bw_location loc = {HOSTILE, 12, 5, 12, 30};
    bw_finding *f = bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR, "query built with '%s'", &loc);
    assert_non_null(f);
    bw_location src = {"main.c", 3, 1, 0, 0};
    bw_location fix = {HOSTILE, 12, 10, 12, 12};
    assert_int_equal(bw_finding_add_step(f, &src, "'argv[1]' comes from the command line"), BW_OK);
    assert_int_equal(bw_finding_add_step(f, &loc, "reaches sqlite3_exec()"), BW_OK);
    assert_int_equal(bw_finding_set_function(f, "run"), BW_OK);
    assert_int_equal(bw_finding_set_code(f, "sqlite3_exec(db, q, 0, 0, 0);"), BW_OK);
    assert_int_equal(bw_finding_set_fix(f, "use sqlite3_bind_text()", &fix, "%Q"), BW_OK);
    assert_int_equal(bw_finding_set_suppression(f, "reviewed \xe2\x9c\x93"), BW_OK);
    memcpy(f->fingerprint, "0123456789abcdef0123456789abcdef", BW_FINGERPRINT_LEN + 1);
    return f;
}

static void assert_same_location(const bw_location *a, const bw_location *b)
{
    if (a->file == NULL || b->file == NULL)
        assert_ptr_equal(a->file, b->file);
    else
        assert_string_equal(a->file, b->file);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->column, b->column);
    assert_int_equal(a->end_line, b->end_line);
    assert_int_equal(a->end_column, b->end_column);
}

static void test_check_response_round_trip(void **state)
{
    (void)state;
    char *path = scratch_file();
    bw_check_response resp;
    memset(&resp, 0, sizeof resp);
    bw_finding *f = sample_finding();
    bw_finding *plain = bw_finding_new("BW-XSS", BW_SEV_WARNING, "m", NULL);
    assert_non_null(plain);
    assert_int_equal(bw_findings_push(&resp.findings, f), BW_OK);
    assert_int_equal(bw_findings_push(&resp.findings, plain), BW_OK);
    bw_location at = {".bulwark.yaml", 4, 3, 0, 0};
    assert_int_equal(bw_loosenings_add(&resp.loosenings, "suppression", "BW-XSS", NULL, &at), BW_OK);
    assert_int_equal(bw_loosenings_add(&resp.loosenings, "rule-off", HOSTILE, "why", NULL), BW_OK);
    resp.error.status = BW_ERR_TOOL;
    snprintf(resp.error.message, sizeof resp.error.message, "x.c does not parse");
    resp.parse_cpu = 0.25;
    resp.analysis_cpu = 0.125;
    bw_error err = {0};
    assert_int_equal(bw_check_response_write(path, &resp, &err), BW_OK);

    bw_check_response got;
    bool present = false;
    assert_int_equal(bw_check_response_read(path, &got, &present, &err), BW_OK);
    assert_true(present);
    assert_int_equal(got.error.status, BW_ERR_TOOL);
    assert_string_equal(got.error.message, "x.c does not parse");
    assert_true(got.parse_cpu == 0.25 && got.analysis_cpu == 0.125);
    assert_int_equal(got.findings.count, 2);
    const bw_finding *g = got.findings.items[0];
    assert_string_equal(g->rule_id, f->rule_id);
    assert_int_equal(g->severity, BW_SEV_ERROR);
    assert_string_equal(g->message, f->message);
    assert_same_location(&g->loc, &f->loc);
    assert_string_equal(g->function, "run");
    assert_string_equal(g->code, f->code);
    assert_string_equal(g->fix_hint, f->fix_hint);
    assert_same_location(&g->fix_range, &f->fix_range);
    assert_string_equal(g->fix_replacement, "%Q");
    assert_string_equal(g->suppression, f->suppression);
    assert_string_equal(g->fingerprint, f->fingerprint);
    assert_int_equal(g->step_count, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_same_location(&g->steps[i].loc, &f->steps[i].loc);
        assert_string_equal(g->steps[i].message, f->steps[i].message);
    }
    const bw_finding *h = got.findings.items[1];
    assert_null(h->loc.file);
    assert_null(h->function);
    assert_null(h->suppression);
    assert_null(h->fix_range.file);
    assert_string_equal(h->fingerprint, "");
    assert_int_equal(got.loosenings.count, 2);
    assert_string_equal(got.loosenings.items[0].kind, "suppression");
    assert_null(got.loosenings.items[0].reason);
    assert_same_location(&got.loosenings.items[0].loc, &at);
    assert_string_equal(got.loosenings.items[1].subject, HOSTILE);
    assert_null(got.loosenings.items[1].loc.file);
    bw_check_response_clear(&got);
    /* a second compiler job of the same compile sees the answer and stays out */
    bw_check_request req;
    bool answered = false;
    assert_int_equal(bw_check_request_read(path, &req, &answered, &err), BW_OK);
    assert_true(answered);
    bw_check_response_clear(&resp);
    unlink(path);
    bw_free(path);
}

/* Damaged answers are errors (the wrapper then checks itself), never findings. */
static void test_check_response_damaged(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[],\"loosen",
        "{\"bulwark_check\":2,\"response\":{\"status\":0,\"findings\":[],\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":[]}",
        "{\"bulwark_check\":1,\"response\":{\"status\":99,\"findings\":[],\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[{}],\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[{\"rule\":\"R\","
        "\"severity\":\"loud\",\"message\":\"m\",\"fingerprint\":\"\",\"steps\":[]}],"
        "\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[{\"rule\":{\"hex\":\"4g\"},"
        "\"severity\":\"note\",\"message\":\"m\",\"fingerprint\":\"\",\"steps\":[]}],"
        "\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[{\"rule\":\"a\\u0000b\","
        "\"severity\":\"note\",\"message\":\"m\",\"fingerprint\":\"\",\"steps\":[]}],"
        "\"loosenings\":[]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[],"
        "\"loosenings\":[{\"kind\":\"k\",\"subject\":null,\"loc\":null}]}}",
        "{\"bulwark_check\":1,\"response\":{\"status\":0,\"findings\":[{\"rule\":\"R\","
        "\"severity\":\"note\",\"message\":\"m\",\"fingerprint\":\"\",\"loc\":{\"file\":\"a\","
        "\"line\":-1},\"steps\":[]}],\"loosenings\":[]}}",
    };
    char *path = scratch_file();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_text(path, bad[i]);
        bw_check_response got;
        bool present = true;
        bw_error err = {0};
        bw_status st = bw_check_response_read(path, &got, &present, &err);
        if (st != BW_ERR_PARSE)
            fail_msg("case %zu: status %d, want BW_ERR_PARSE", i, (int)st);
        assert_false(present);
        assert_int_equal(got.findings.count, 0);
    }
    /* the same shapes as a request */
    write_text(path, "{\"bulwark_check\":1,\"request\":{\"directory\":\"/\",\"root\":\"/\",\"argv\":[]}}");
    bw_check_request req;
    bool answered = true;
    bw_error err = {0};
    assert_int_equal(bw_check_request_read(path, &req, &answered, &err), BW_ERR_PARSE);
    assert_false(answered);
    unlink(path);
    assert_int_equal(bw_check_request_read(path, &req, &answered, &err), BW_ERR_NOT_FOUND);
    /* the file must exist: the wrapper made it */
    bw_check_response resp;
    memset(&resp, 0, sizeof resp);
    assert_int_equal(bw_check_response_write(path, &resp, &err), BW_ERR_IO);
    bw_free(path);
}

/* The scratch file shared with the compiler has no name once open (where
 * /proc exists), is private, is reached through its path by anyone who
 * inherited it, and is gone after close. */
static void test_child_file(void **state)
{
    (void)state;
    bw_child_file f = BW_CHILD_FILE_INIT;
    bw_error err = {0};
    assert_int_equal(bw_child_file_open(&f, "bw-unit", &err), BW_OK);
    assert_true(f.fd >= 0);
    assert_null(f.name); /* this machine has /proc */
    char want[64];
    snprintf(want, sizeof want, "/proc/self/fd/%d", f.fd);
    assert_string_equal(f.path, want);
    struct stat st;
    assert_int_equal(fstat(f.fd, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_nlink, 0);
    /* a child process writes through the path; the parent reads it back */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bw_check_response resp;
        memset(&resp, 0, sizeof resp);
        bw_error e = {0};
        _exit(bw_check_response_write(f.path, &resp, &e) == BW_OK ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    bw_check_response got;
    bool present = false;
    assert_int_equal(bw_check_response_read(f.path, &got, &present, &err), BW_OK);
    assert_true(present);
    bw_check_response_clear(&got);
    int fd = f.fd;
    bw_child_file_close(&f);
    assert_int_equal(f.fd, -1);
    assert_null(f.path);
    assert_int_equal(fcntl(fd, F_GETFD), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classification),
        cmocka_unit_test(test_languages_and_output),
        cmocka_unit_test(test_hardening_flags),
        cmocka_unit_test(test_probe_paths),
        cmocka_unit_test(test_stats_parse),
        cmocka_unit_test(test_settings_env),
        cmocka_unit_test(test_settings_config),
        cmocka_unit_test(test_object_not_elf),
        cmocka_unit_test(test_compiler_identify),
        cmocka_unit_test(test_timings_lines),
        cmocka_unit_test(test_check_request_round_trip),
        cmocka_unit_test(test_check_response_round_trip),
        cmocka_unit_test(test_check_response_damaged),
        cmocka_unit_test(test_child_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
