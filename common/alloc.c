/* alloc.c — allocation wrappers with optional fault injection.
 *
 * The fault-injection counters are the one piece of global mutable state in
 * common/: they exist only so the test build can fail the N-th allocation,
 * and are compiled out otherwise. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"

#ifdef BULWARK_FAULT_INJECTION
#include <stdatomic.h>
static atomic_ulong alloc_count;
static atomic_ulong fail_at;
static atomic_int fired;

/* BULWARK_FAIL_ALLOC_AT=N in the environment arms injection for a whole
 * process, so tests/fault/run_faults.sh can fail the N-th allocation of any
 * test program without changing it. */
static void arm_from_environment(void)
{
    static atomic_int armed;
    if (atomic_exchange(&armed, 1))
        return;
    const char *env = getenv("BULWARK_FAIL_ALLOC_AT");
    if (env != NULL && *env != '\0') {
        char *end = NULL;
        unsigned long n = strtoul(env, &end, 10);
        if (end != NULL && *end == '\0')
            atomic_store(&fail_at, n);
    }
}

static int should_fail(void)
{
    arm_from_environment();
    unsigned long n = atomic_fetch_add(&alloc_count, 1) + 1;
    unsigned long target = atomic_load(&fail_at);
    if (target != 0 && n == target) {
        atomic_store(&fired, 1);
        if (getenv("BULWARK_FAIL_ALLOC_REPORT") != NULL)
            fputs("bulwark-fault: injected allocation failure\n", stderr);
        return 1;
    }
    return 0;
}

void bw_fault_fail_alloc_at(unsigned long n)
{
    atomic_store(&alloc_count, 0);
    atomic_store(&fired, 0);
    atomic_store(&fail_at, n);
}

unsigned long bw_fault_alloc_count(void) { return atomic_load(&alloc_count); }
int bw_fault_alloc_fired(void) { return atomic_load(&fired); }
#else
static int should_fail(void) { return 0; }
void bw_fault_fail_alloc_at(unsigned long n) { (void)n; }
unsigned long bw_fault_alloc_count(void) { return 0; }
int bw_fault_alloc_fired(void) { return 0; }
#endif

void *bw_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size == 0 ? 1 : size);
}

void *bw_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    if (count == 0 || size == 0)
        count = size = 1;
    return calloc(count, size);
}

void *bw_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size == 0 ? 1 : size);
}

void *bw_reallocarray(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return bw_realloc(ptr, count * size);
}

char *bw_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = bw_malloc(len + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *bw_strdup(const char *s)
{
    return bw_strndup(s, SIZE_MAX);
}

void bw_free(void *ptr)
{
    free(ptr);
}
