/* Tests for bulwark_verify: real binaries built with and without hardening
 * flags by the clang under test, then inspected. */
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/verify.h"

extern char **environ;

static char workdir[64];

static const char sample_c[] =
    "#include <stdio.h>\n#include <string.h>\n"
    "int main(int argc, char **argv) {\n"
    "  char buf[64];\n"
    "  memcpy(buf, argv[0], strlen(argv[0]) % sizeof buf);\n"
    "  snprintf(buf, sizeof buf, \"%s\", argc > 1 ? argv[1] : \"x\");\n"
    "  puts(buf);\n  return 0;\n}\n";

static const char info_c[] =
    "struct rec { unsigned magic, version, prot, icalls, shadow, memops; };\n"
    "__attribute__((section(\"__bulwark_info\"), used)) static const struct rec r1 = {0x494d5742u, 1, 1u | 4u, 3, 0, 5};\n"
    "__attribute__((section(\"__bulwark_info\"), used)) static const struct rec r2 = {0x494d5742u, 1, 1u, 4, 0, 0};\n"
    "int main(void) { return 0; }\n";

/* Runs clang with the given arguments (NULL-terminated); fails the test on error. */
static void run_clang(const char *first, ...)
{
    const char *argv[64];
    size_t n = 0;
    argv[n++] = BW_TEST_CLANG;
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a != NULL && n < 63; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, BW_TEST_CLANG, NULL, NULL, (char *const *)argv, environ), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static char *in_work(const char *name)
{
    char *p = bw_path_join(workdir, name);
    assert_non_null(p);
    return p;
}

static int setup(void **state)
{
    (void)state;
    snprintf(workdir, sizeof workdir, "/tmp/bwverify.XXXXXX");
    if (mkdtemp(workdir) == NULL)
        return -1;
    char *src = in_work("sample.c"), *info = in_work("info.c");
    bw_error err = {0};
    if (bw_file_write_atomic(src, sample_c, sizeof sample_c - 1, &err) != BW_OK ||
        bw_file_write_atomic(info, info_c, sizeof info_c - 1, &err) != BW_OK)
        return -1;
    bw_free(src);
    bw_free(info);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"sample.c", "info.c", "weak", "hard", "lib.so", "obj.o", "info", "text.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = bw_path_join(workdir, names[i]);
        unlink(p);
        bw_free(p);
    }
    rmdir(workdir);
    return 0;
}

static void weak_binary_misses_everything(void **state)
{
    (void)state;
    char *src = in_work("sample.c"), *out = in_work("weak");
    run_clang("-O0", "-fno-stack-protector", "-fno-pie", "-no-pie", "-fcf-protection=none",
              "-Wl,-z,norelro", "-Wl,-z,lazy", "-Wl,-z,execstack", "-U_FORTIFY_SOURCE", "-o", out, src, NULL);
    bw_verify_result r;
    bw_error err = {0};
    assert_int_equal(bw_verify_file(out, &r, &err), BW_OK);
    assert_true(r.is_executable);
    assert_int_equal(r.checks[BW_VERIFY_PIE], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_RELRO], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_BIND_NOW], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_NX], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_STACK_PROTECTOR], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_FORTIFY], BW_VERIFY_NO);
    assert_true(r.unfortified_calls >= 1);
    assert_int_equal(r.checks[BW_VERIFY_CET], BW_VERIFY_NO);
    assert_int_equal(r.checks[BW_VERIFY_BULWARK_CFI], BW_VERIFY_NO);
    bw_verify_policy p;
    assert_int_equal(bw_verify_policy_load(NULL, &p, &err), BW_OK);
    assert_false(bw_verify_meets(&r, &p));
    bw_verify_result_clear(&r);
    bw_free(src);
    bw_free(out);
}

static void hardened_binary_has_what_we_recommend(void **state)
{
    (void)state;
    char *src = in_work("sample.c"), *out = in_work("hard");
    run_clang("-O2", "-D_FORTIFY_SOURCE=3", "-fstack-protector-all", "-fPIE", "-pie", "-fcf-protection=full",
              "-Wl,-z,relro", "-Wl,-z,now", "-Wl,-z,noexecstack", "-o", out, src, NULL);
    bw_verify_result r;
    bw_error err = {0};
    assert_int_equal(bw_verify_file(out, &r, &err), BW_OK);
    assert_true(r.is_executable);
    assert_false(r.is_shared_library);
    assert_int_equal(r.checks[BW_VERIFY_PIE], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_RELRO], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_BIND_NOW], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_NX], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_STACK_PROTECTOR], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_FORTIFY], BW_VERIFY_YES);
    assert_true(r.fortified_calls >= 1);
    /* CET needs every linked object, crt files included, to carry the IBT and
     * SHSTK marks; Debian 12's crt1.o/crti.o do not, so an executable cannot
     * be marked there whatever its own objects say (objects are tested below). */
    /* Not built by Bulwark: its own protections are absent and required. */
    bw_verify_policy p;
    assert_int_equal(bw_verify_policy_load(NULL, &p, &err), BW_OK);
    assert_false(bw_verify_meets(&r, &p));
    for (unsigned c = BW_VERIFY_BULWARK_CFI; c <= BW_VERIFY_BULWARK_MEMORY; c++)
        p.required[c] = false;
    p.required[BW_VERIFY_CET] = false; /* see above */
    assert_true(bw_verify_meets(&r, &p));
    bw_verify_result_clear(&r);
    bw_free(src);
    bw_free(out);
}

static void libraries_objects_and_non_elf(void **state)
{
    (void)state;
    char *src = in_work("sample.c"), *lib = in_work("lib.so"), *obj = in_work("obj.o"), *txt = in_work("text.txt");
    run_clang("-shared", "-fPIC", "-O2", "-Wl,-z,relro,-z,now", "-o", lib, src, NULL);
    run_clang("-c", "-O2", "-fcf-protection=full", "-o", obj, src, NULL);
    bw_verify_result r;
    bw_error err = {0};
    assert_int_equal(bw_verify_file(lib, &r, &err), BW_OK);
    assert_true(r.is_shared_library);
    assert_int_equal(r.checks[BW_VERIFY_PIE], BW_VERIFY_NOT_APPLICABLE);
    assert_int_equal(r.checks[BW_VERIFY_BIND_NOW], BW_VERIFY_YES);
    bw_verify_result_clear(&r);
    assert_int_equal(bw_verify_file(obj, &r, &err), BW_OK);
    assert_false(r.is_executable);
    assert_false(r.is_shared_library);
    assert_int_equal(r.checks[BW_VERIFY_RELRO], BW_VERIFY_NOT_APPLICABLE);
    assert_int_equal(r.checks[BW_VERIFY_CET], BW_VERIFY_YES);
    bw_verify_result_clear(&r);
    run_clang("-c", "-O2", "-fcf-protection=none", "-o", obj, src, NULL);
    assert_int_equal(bw_verify_file(obj, &r, &err), BW_OK);
    assert_int_equal(r.checks[BW_VERIFY_CET], BW_VERIFY_NO);
    bw_verify_result_clear(&r);
    assert_int_equal(bw_file_write_atomic(txt, "hello\n", 6, &err), BW_OK);
    assert_int_equal(bw_verify_file(txt, &r, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "not an ELF file"));
    bw_verify_result_clear(&r);
    assert_int_equal(bw_verify_file("/nonexistent/binary", &r, &err), BW_ERR_NOT_FOUND);
    bw_verify_result_clear(&r);
    bw_free(src);
    bw_free(lib);
    bw_free(obj);
    bw_free(txt);
}

static void module_records_are_counted(void **state)
{
    (void)state;
    char *src = in_work("info.c"), *out = in_work("info");
    run_clang("-O2", "-o", out, src, NULL);
    bw_verify_result r;
    bw_error err = {0};
    assert_int_equal(bw_verify_file(out, &r, &err), BW_OK);
    assert_int_equal(r.bulwark_modules, 2);
    assert_int_equal(r.checks[BW_VERIFY_BULWARK_CFI], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_BULWARK_MEMORY], BW_VERIFY_YES);
    assert_int_equal(r.checks[BW_VERIFY_BULWARK_SHADOW], BW_VERIFY_NO);
    assert_non_null(strstr(r.details[BW_VERIFY_BULWARK_CFI], "2 instrumented modules, 7 indirect calls"));
    bw_verify_result_clear(&r);
    bw_free(src);
    bw_free(out);
}

static bw_status policy_from(const char *yaml, bw_verify_policy *p, bw_error *err)
{
    bw_config *cfg = NULL;
    bw_status st = bw_config_load_buffer(yaml, strlen(yaml), "cfg.yaml", "/tmp", &cfg, err);
    if (st == BW_OK)
        st = bw_verify_policy_load(cfg, p, err);
    bw_config_free(cfg);
    return st;
}

static void waivers_need_reasons_and_are_loosenings(void **state)
{
    (void)state;
    bw_verify_policy p;
    bw_error err = {0};
    assert_int_equal(policy_from("hardening:\n  verify:\n    waive:\n      - {check: cet, reason: \"no CET CPUs\"}\n", &p, &err), BW_OK);
    assert_false(p.required[BW_VERIFY_CET]);
    assert_true(p.required[BW_VERIFY_PIE]);
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_verify_policy_loosenings(&p, &ls), BW_OK);
    assert_int_equal(ls.count, 1);
    assert_string_equal(ls.items[0].subject, "cet");
    assert_int_equal(ls.items[0].loc.line, 4);
    bw_loosenings_free(&ls);
    bw_verify_policy_clear(&p);
    assert_int_equal(policy_from("hardening:\n  verify:\n    waive:\n      - {check: cet}\n", &p, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "cfg.yaml:4:"));
    assert_int_equal(policy_from("hardening:\n  verify:\n    waive:\n      - {check: aslr, reason: x}\n", &p, &err), BW_ERR_PARSE);
    assert_int_equal(policy_from("hardening:\n  verify:\n    require: []\n", &p, &err), BW_ERR_PARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weak_binary_misses_everything),
        cmocka_unit_test(hardened_binary_has_what_we_recommend),
        cmocka_unit_test(libraries_objects_and_non_elf),
        cmocka_unit_test(module_records_are_counted),
        cmocka_unit_test(waivers_need_reasons_and_are_loosenings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
