/*
 * rt_heap.c — heap allocation sizes, so a write through a pointer to the
 * start of a heap block is checked against the block's size even when the
 * allocation is not visible where the write happens.
 *
 * The runtime replaces malloc and friends (glibc supports replacing the
 * allocator; every allocation in the process, libc's own included, then
 * passes through here) and records {start, size} in a fixed, lazily-touched
 * open-addressing table.  Lookups and updates are lock-free (CAS on the key).
 * When the table is crowded an allocation is simply not tracked: checks of
 * it fall back to "size unknown".  BULWARK_HEAP_TRACK=0 turns tracking off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt_internal.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

#define HEAP_SLOTS ((size_t)1 << 22) /* 4 Mi slots, 64 MiB reserved, touched lazily */
#define HEAP_PROBES 64
#define KEY_EMPTY ((uintptr_t)0)
#define KEY_TOMB ((uintptr_t)1)
#define KEY_BUSY ((uintptr_t)2)

struct heap_slot {
    _Atomic(uintptr_t) key;
    _Atomic(size_t) size;
};

/* Hidden, not static: __bw_mem_check_slow_pm (rt_stubs_x86_64.S) reads a
 * block's home slot itself to answer the common "not a block start" case
 * without saving registers. */
BW_HIDDEN struct heap_slot *_Atomic bw_rt_heap_tab;
#define heap_tab bw_rt_heap_tab
/* The stub computes a home slot's byte offset as
 * `(address >> 1) & HEAP_HOME_MASK`, i.e. slot_of(address) * 16. */
_Static_assert(sizeof(struct heap_slot) == 16, "rt_stubs_x86_64.S assumes 16-byte slots");
_Static_assert(((HEAP_SLOTS - 1) << 4) == 0x3fffff0, "rt_stubs_x86_64.S: HEAP_HOME_MASK");
static atomic_int heap_state; /* 0 untried, 1 ready, 2 failed/off */

static struct heap_slot *heap_table(void)
{
    struct heap_slot *t = atomic_load_explicit(&heap_tab, memory_order_acquire);
    if (t)
        return t;
    if (atomic_load(&heap_state) == 2)
        return NULL;
    void *p = mmap(NULL, HEAP_SLOTS * sizeof(struct heap_slot), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        atomic_store(&heap_state, 2);
        return NULL;
    }
    struct heap_slot *expected = NULL;
    if (!atomic_compare_exchange_strong(&heap_tab, &expected, (struct heap_slot *)p)) {
        munmap(p, HEAP_SLOTS * sizeof(struct heap_slot));
        return expected;
    }
    return (struct heap_slot *)p;
}

/* Blocks are mostly handed out in address order, so the address itself is
 * the hash: neighbouring blocks use neighbouring slots (a multiplicative
 * hash scattered every insert onto a new page of the 64 MiB table: a page
 * fault per allocation).  One slot per 32 bytes of address: glibc's
 * smallest chunk is 32 bytes, so two live blocks never share a home slot,
 * and the table is touched half as densely as the heap (one slot per 16
 * bytes touched a table page for every heap page: twice the page faults of
 * the program itself, docs/performance-hardening.md). */
static size_t slot_of(uintptr_t k)
{
    return (size_t)(k >> 5) & (HEAP_SLOTS - 1);
}

static void heap_insert(void *p, size_t size)
{
    if (!p || !bw_rt_cfg.heap_track)
        return;
    struct heap_slot *t = heap_table();
    if (!t)
        return;
    uintptr_t k = (uintptr_t)p;
    size_t i = slot_of(k);
    struct heap_slot *tomb = NULL;
    for (int n = 0; n < HEAP_PROBES; n++, i = (i + 1) & (HEAP_SLOTS - 1)) {
        uintptr_t cur = atomic_load_explicit(&t[i].key, memory_order_acquire);
        if (cur == k) { /* stale entry for a block freed behind our back */
            atomic_store_explicit(&t[i].size, size, memory_order_release);
            return;
        }
        if (cur == KEY_TOMB && !tomb)
            tomb = &t[i];
        if (cur == KEY_EMPTY) {
            struct heap_slot *s = tomb ? tomb : &t[i];
            uintptr_t want = tomb ? KEY_TOMB : KEY_EMPTY;
            if (atomic_compare_exchange_strong(&s->key, &want, KEY_BUSY)) {
                atomic_store_explicit(&s->size, size, memory_order_relaxed);
                atomic_store_explicit(&s->key, k, memory_order_release);
                return;
            }
            /* lost a race for that slot: rescan from here */
            tomb = NULL;
            n--;
            continue;
        }
    }
    if (tomb) {
        uintptr_t want = KEY_TOMB;
        if (atomic_compare_exchange_strong(&tomb->key, &want, KEY_BUSY)) {
            atomic_store_explicit(&tomb->size, size, memory_order_relaxed);
            atomic_store_explicit(&tomb->key, k, memory_order_release);
        }
    }
}

static void heap_remove(void *p)
{
    struct heap_slot *t = atomic_load_explicit(&heap_tab, memory_order_acquire);
    if (!p || !t)
        return;
    uintptr_t k = (uintptr_t)p;
    size_t i = slot_of(k);
    for (int n = 0; n < HEAP_PROBES; n++, i = (i + 1) & (HEAP_SLOTS - 1)) {
        uintptr_t cur = atomic_load_explicit(&t[i].key, memory_order_acquire);
        if (cur == k) {
            atomic_store_explicit(&t[i].key, KEY_TOMB, memory_order_release);
            return;
        }
        if (cur == KEY_EMPTY)
            return;
    }
}

BW_HIDDEN size_t bw_rt_heap_size(const void *p)
{
    struct heap_slot *t = atomic_load_explicit(&heap_tab, memory_order_acquire);
    if (!p || !t || ((uintptr_t)p & 15) != 0) /* malloc's blocks are 16-byte aligned */
        return SIZE_MAX;
    uintptr_t k = (uintptr_t)p;
    size_t i = slot_of(k);
    for (int n = 0; n < HEAP_PROBES; n++, i = (i + 1) & (HEAP_SLOTS - 1)) {
        uintptr_t cur = atomic_load_explicit(&t[i].key, memory_order_acquire);
        if (cur == k)
            return atomic_load_explicit(&t[i].size, memory_order_relaxed);
        if (cur == KEY_EMPTY)
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* ---- the replaced allocator ---------------------------------------- */

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    heap_insert(p, n);
    return p;
}

void free(void *p)
{
    heap_remove(p);
    __libc_free(p);
}

void *calloc(size_t n, size_t m)
{
    void *p = __libc_calloc(n, m);
    if (p)
        heap_insert(p, n * m);
    return p;
}

void *realloc(void *old, size_t n)
{
    size_t oldsz = old ? bw_rt_heap_size(old) : SIZE_MAX;
    if (old)
        heap_remove(old);
    void *p = __libc_realloc(old, n);
    if (p)
        heap_insert(p, n);
    else if (old && n != 0 && oldsz != SIZE_MAX)
        heap_insert(old, oldsz); /* failed: the old block is still live */
    return p;
}

void *reallocarray(void *old, size_t n, size_t m)
{
    size_t total;
    if (__builtin_mul_overflow(n, m, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(old, total);
}

void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    heap_insert(p, n);
    return p;
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    heap_insert(p, n);
    *out = p;
    return 0;
}

void *valloc(size_t n)
{
    return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

void *pvalloc(size_t n)
{
    size_t ps = (size_t)sysconf(_SC_PAGESIZE);
    return memalign(ps, (n + ps - 1) & ~(ps - 1));
}
