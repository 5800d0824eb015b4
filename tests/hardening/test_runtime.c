/*
 * test_runtime.c — unit tests of libbulwark-rt internals.  Runs with
 * BULWARK_MODE=report (set by ctest), so violations are logged to
 * BULWARK_LOG and the call returns instead of aborting.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulwark/runtime.h"
#include "rt_internal.h"

static void test_time_format(void **state)
{
    (void)state;
    char buf[64];
    struct bw_fmt f = { buf, sizeof buf, 0 };
    bw_fmt_time(&f, 0, 0);
    assert_string_equal(buf, "1970-01-01T00:00:00.000Z");
    f.len = 0;
    bw_fmt_time(&f, 951782400 + 86399, 999000000); /* 2000-02-29 23:59:59.999 */
    assert_string_equal(buf, "2000-02-29T23:59:59.999Z");
    f.len = 0;
    bw_fmt_time(&f, 4102444800, 5000000); /* 2100-01-01 */
    assert_string_equal(buf, "2100-01-01T00:00:00.005Z");
}

static void test_json_escape(void **state)
{
    (void)state;
    char buf[64];
    struct bw_fmt f = { buf, sizeof buf, 0 };
    bw_fmt_json_str(&f, "a\"b\\c\n\x01");
    assert_string_equal(buf, "\"a\\\"b\\\\c\\u000a\\u0001\"");
    f.len = 0;
    bw_fmt_hex(&f, 0xdeadbeef);
    assert_string_equal(buf, "0xdeadbeef");
    f.len = 0;
    bw_fmt_dec(&f, 18446744073709551615ull);
    assert_string_equal(buf, "18446744073709551615");
}

static void test_fmt_truncates(void **state)
{
    (void)state;
    char buf[8];
    struct bw_fmt f = { buf, sizeof buf, 0 };
    bw_fmt_str(&f, "0123456789");
    assert_int_equal(f.len, 7);
    assert_string_equal(buf, "0123456");
}

static void test_heap_sizes(void **state)
{
    (void)state;
    __bw_heap_track_on(); /* what a module with memory checks does at load */
    char *p = malloc(37);
    assert_non_null(p);
    assert_int_equal(bw_rt_heap_size(p), 37);
    assert_int_equal(bw_rt_heap_size(p + 1), SIZE_MAX); /* only block starts */
    char *grown = realloc(p, 100);
    assert_non_null(grown);
    p = grown;
    assert_int_equal(bw_rt_heap_size(p), 100);
    void *q = calloc(3, 7);
    assert_int_equal(bw_rt_heap_size(q), 21);
    free(p);
    free(q);
    void *a = NULL;
    assert_int_equal(posix_memalign(&a, 64, 200), 0);
    assert_int_equal(bw_rt_heap_size(a), 200);
    free(a);
    /* large blocks: the shadow keeps their usable size minus the slack */
    char *big = malloc(100000);
    assert_int_equal(bw_rt_heap_size(big), 100000);
    char *huge = malloc(5u << 20); /* mmapped by glibc, in another region */
    assert_int_equal(bw_rt_heap_size(huge), 5u << 20);
    assert_int_equal(bw_rt_heap_size(huge + 16), SIZE_MAX);
    free(huge);
    assert_int_equal(bw_rt_heap_size(big), 100000);
    free(big);
    int local;
    assert_int_equal(bw_rt_heap_size(&local), SIZE_MAX);
    /* effective availability: heap block narrows an unknown size */
    char *h = malloc(16);
    assert_int_equal(bw_rt_effective_avail(h + 4, SIZE_MAX, h), 12);
    assert_int_equal(bw_rt_effective_avail(h + 4, 5, h), 5);
    assert_int_equal(bw_rt_effective_avail(h, SIZE_MAX, NULL), SIZE_MAX);
    free(h);
}

static int f_int(int v) { return v; }
static int f_int2(int v) { return v + 1; }
static const char *f_str(const char *s) { return s; }

static size_t audit_lines(const char *needle)
{
    const char *path = getenv("BULWARK_LOG");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return 0;
    char line[4096];
    size_t n = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, needle))
            n++;
    fclose(f);
    return n;
}

/* Resident pages among the n pages from the page of p on.  Page by
 * page: the window may reach past either end of the shadow leaf's
 * mapping (an entry in its first or last 15 pages), and mincore() fails
 * with ENOMEM for a range with an unmapped page in it, which made this
 * test fail now and then, by where the heap happened to lie. */
static size_t resident_pages(const void *p, size_t n)
{
    uintptr_t page = (uintptr_t)p & ~(uintptr_t)4095;
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char v = 0;
        if (mincore((void *)(page + i * 4096), 4096, &v) == 0)
            r += v & 1;
        else
            assert_int_equal(errno, ENOMEM); /* not mapped: not resident */
    }
    return r;
}

/* A block's shadow entry brings in the whole 64 KiB chunk of shadow around
 * it (16 pages) with one madvise, not page by page (rt_heap.c). */
static void test_heap_shadow_prefault(void **state)
{
    (void)state;
    void *probe = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(probe != MAP_FAILED);
    int supported = madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
    munmap(probe, 4096);
    if (!supported)
        skip(); /* kernel before 5.14: the pages fault in one by one */
    __bw_heap_track_on();
    /* a block in a fresh stretch of heap, 2 MiB past what the test used */
    char *gap = malloc(2u << 20);
    char *p = malloc(48);
    assert_non_null(p);
    const char *e = bw_rt_heap_entry(p);
    assert_non_null(e);
    /* the chunk holding e: 16 pages, all resident, somewhere in the 31
     * pages around e's own */
    size_t around = resident_pages(e - 15 * 4096, 31);
    assert_true(around >= 16);
    free(p);
    free(gap);
}

static void test_cfi_registry(void **state)
{
    (void)state;
    static const struct bw_rt_func funcs[] = {
        { (const void *)f_int, 11, 12, 13, "f_int" },
        { (const void *)f_str, 21, 0, 23, "f_str" },
    };
    static void *caches[2 * BW_RT_CFI_CACHE_WAYS];
    static const struct bw_rt_module mod = { BW_RT_ABI_VERSION, 2, funcs, "unit.c", caches, 2 * BW_RT_CFI_CACHE_WAYS, 0 };
    static const struct bw_rt_site site = { "test", "_ZTSFiiE", "unit.c", 1, BW_RT_SITE_CFI };
    assert_true(bw_rt_report_only());
    __bw_register_module(&mod);
    size_t before = audit_lines("\"kind\":\"cfi-icall\"");
    /* right type by source id, by generalized id, by signature id */
    assert_int_equal(__bw_cfi_check((const void *)f_int, 11, 0, &site, NULL), 1);
    assert_int_equal(__bw_cfi_check((const void *)f_int, 12, 0, &site, NULL), 1);
    assert_int_equal(__bw_cfi_check((const void *)f_str, 0, 23, &site, NULL), 1);
    assert_int_equal(audit_lines("\"kind\":\"cfi-icall\""), before);
    /* the cache slot gets accepted targets, never rejected ones */
    assert_int_equal(__bw_cfi_check((const void *)f_int, 11, 0, &site, &caches[0]), 1);
    assert_ptr_equal(caches[0], (void *)f_int);
    assert_int_equal(__bw_cfi_check((const void *)f_str, 11, 0, &site, &caches[BW_RT_CFI_CACHE_WAYS]), 1);
    assert_null(caches[BW_RT_CFI_CACHE_WAYS]);
    /* wrong type: logged (report mode lets it through) */
    assert_int_equal(__bw_cfi_check((const void *)f_str, 11, 0, &site, NULL), 1);
    assert_int_equal(audit_lines("function type mismatch"), 2);
    /* heap memory is never a valid target */
    void *heap = malloc(16);
    __bw_cfi_check(heap, 11, 0, &site, NULL);
    assert_int_equal(audit_lines("outside every loaded code segment"), 1);
    free(heap);
    /* a libc function no instrumented code registered: allowed and logged once */
    __bw_cfi_check((const void *)abs, 11, 0, &site, NULL);
    __bw_cfi_check((const void *)abs, 11, 0, &site, NULL);
    assert_int_equal(audit_lines("allowed-uninstrumented"), 1);
    /* system() is on the deny list */
    __bw_cfi_check((const void *)system, 11, 0, &site, NULL);
    assert_int_equal(audit_lines("dangerous libc function"), 1);
    /* after unregistering, f_int is an unregistered address in this module */
    (void)f_int2;
    __bw_unregister_module(&mod);
    assert_null(caches[0]); /* unregistering clears every cache */
    __bw_cfi_check((const void *)f_int, 11, 0, &site, NULL);
    size_t after = audit_lines("\"kind\":\"cfi-icall\"");
    assert_true(after >= before + 4);
}

static void test_jit_region(void **state)
{
    (void)state;
    static const struct bw_rt_site site = { "test", "sig", NULL, 0, BW_RT_SITE_CFI };
    static char region[256];
    size_t before = audit_lines("allowed-jit");
    assert_int_equal(bw_rt_declare_jit_region(region, sizeof region), 0);
    assert_int_equal(__bw_cfi_check(region + 16, 0, 1, &site, NULL), 1);
    assert_int_equal(audit_lines("allowed-jit"), before + 1);
    assert_int_equal(bw_rt_forget_jit_region(region), 0);
    assert_int_equal(bw_rt_forget_jit_region(region), -1);
    assert_int_equal(bw_rt_declare_jit_region(NULL, 4), -1);
}

static void test_shadow_stack_unwind(void **state)
{
    (void)state;
    static const struct bw_rt_site site = { "test", "return", NULL, 0, BW_RT_SITE_SHADOW };
    __bw_ss_init_v3(); /* maps this thread's shadow stack and pushes one entry */
    void **base = __bw_ss_top_v3;
    assert_non_null(base);
    void *slots[3];
    /* three frames pushed, the top two skipped by a longjmp */
    for (int i = 0; i < 3; i++) {
        __bw_ss_top_v3[0] = &slots[i];
        __bw_ss_top_v3[1] = (void *)(uintptr_t)(0x1000 + i);
        __bw_ss_top_v3 += 2;
    }
    size_t before = audit_lines("\"kind\":\"shadow-stack\"");
    __bw_ss_mismatch((void **)&slots[0], (void *)0x1000, &site);
    assert_ptr_equal(__bw_ss_top_v3, base); /* popped down to and including frame 0 */
    assert_int_equal(audit_lines("\"kind\":\"shadow-stack\""), before);
    /* same slot, different return address: a violation */
    __bw_ss_top_v3[0] = &slots[0];
    __bw_ss_top_v3[1] = (void *)0x1000;
    __bw_ss_top_v3 += 2;
    __bw_ss_mismatch((void **)&slots[0], (void *)0x6666, &site);
    assert_int_equal(audit_lines("return address overwritten"), 1);
    assert_ptr_equal(__bw_ss_top_v3, base);
}

/* What the instrumented entry does before it writes its entry: the top
 * grows by two words in memory; a negative result sends it to init. */
static void **push_attempt(void)
{
    __bw_ss_top_v3 += 2;
    if ((intptr_t)__bw_ss_top_v3 < 0)
        __bw_ss_init_v3();
    return __bw_ss_top_v3;
}

/* A new thread starts with no shadow stack; its first push maps one, and
 * pushes attempted while unmapped (a signal handler's, nested in the
 * first one's init) leave the top negative until then. */
static void *first_push_thread(void *arg)
{
    (void)arg;
    if (__bw_ss_top_v3 != BW_SS_UNMAPPED)
        return (void *)"thread did not start unmapped";
    __bw_ss_top_v3 += 2; /* an entry interrupted before its init call */
    if ((intptr_t)__bw_ss_top_v3 >= 0)
        return (void *)"an attempted push made the top non-negative";
    void **t1 = push_attempt(); /* the nested handler's push: maps */
    if ((intptr_t)t1 < 0)
        return (void *)"init left the top unmapped";
    __bw_ss_top_v3 -= 2; /* the handler returns */
    __bw_ss_init_v3();   /* the interrupted entry's init: only pushes */
    if (__bw_ss_top_v3 != t1)
        return (void *)"init after a handler mapped did not push exactly one entry";
    void **t2 = push_attempt();
    if (t2 != t1 + 2)
        return (void *)"push on a mapped stack is not two words";
    return NULL;
}

static void test_shadow_stack_first_push(void **state)
{
    (void)state;
    pthread_t t;
    void *err = (void *)"not run";
    assert_int_equal(pthread_create(&t, NULL, first_push_thread, NULL), 0);
    assert_int_equal(pthread_join(t, &err), 0);
    if (err)
        fail_msg("%s", (const char *)err);
}

static void test_string_wrappers(void **state)
{
    (void)state;
    static const struct bw_rt_site site = { "test", "strcpy", NULL, 0, BW_RT_SITE_MEM };
    char buf[8];
    size_t before = audit_lines("\"kind\":\"memory-bounds\"");
    __bw_strcpy(buf, "1234567", sizeof buf, buf, &site);
    assert_string_equal(buf, "1234567");
    assert_int_equal(audit_lines("\"kind\":\"memory-bounds\""), before);
    char *h = malloc(8);
    __bw_strcpy(h, "0123", SIZE_MAX, h, &site);
    __bw_strcat(h, "456", SIZE_MAX, h, &site);
    assert_string_equal(h, "0123456");
    assert_int_equal(audit_lines("\"kind\":\"memory-bounds\""), before);
    char big[32];
    int n = __bw_sprintf(big, 6, big, &site, "%d", 123456); /* needs 7 */
    assert_int_equal(n, 6);
    assert_int_equal(audit_lines("formatted output past"), 1);
    size_t av[2] = { 4, SIZE_MAX };
    char w[16], w2[16];
    n = __bw_sscanf("abc defgh", av, 2, &site, "%s %s", w, w2);
    assert_int_equal(n, 2);
    assert_int_equal(audit_lines("scanf string conversion"), 0);
    av[1] = 4;
    __bw_sscanf("abc defgh", av, 2, &site, "%s %s", w, w2);
    assert_int_equal(audit_lines("scanf string conversion"), 1);
    free(h);
    __bw_mem_check_slow(big, 40, 32, big, &site);
    assert_int_equal(audit_lines("write past the end"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_format),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_fmt_truncates),
        cmocka_unit_test(test_heap_sizes),
        cmocka_unit_test(test_heap_shadow_prefault),
        cmocka_unit_test(test_cfi_registry),
        cmocka_unit_test(test_jit_region),
        cmocka_unit_test(test_shadow_stack_unwind),
        cmocka_unit_test(test_shadow_stack_first_push),
        cmocka_unit_test(test_string_wrappers),
    };
    const char *log = getenv("BULWARK_LOG");
    if (log) { /* the runtime opened it at start-up with O_APPEND; start empty */
        FILE *f = fopen(log, "w");
        if (f)
            fclose(f);
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
