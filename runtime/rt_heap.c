/*
 * rt_heap.c — heap allocation sizes, so a write through a pointer to the
 * start of a heap block is checked against the block's size even when the
 * allocation is not visible where the write happens.
 *
 * The runtime replaces malloc and friends (glibc supports replacing the
 * allocator; every allocation in the process, libc's own included, then
 * passes through here) and keeps a shadow of the heap: one 16-bit entry per
 * 16-byte granule of address space (glibc's blocks are 16-byte aligned and
 * at least 32 bytes long, so no two live blocks start in one granule).
 *
 *   0            no tracked block starts here
 *   1..0x7fff    a block of (entry - 1) bytes starts here
 *   0x8000|s     a block starts here whose size is malloc_usable_size() - s
 *                (blocks of 32 KiB and more; s saturates at 0x7fff, and then
 *                the block is checked against its usable size)
 *
 * The shadow is an eighth of the heap's size and is touched where the heap
 * is, so it costs few page faults: the open-addressing table it replaces
 * (16 bytes per 32 bytes of heap) added 1,350 page faults to SQLite's 1,800
 * and made the wall time of "all protections" +11.5% against +5.9% of
 * instructions (docs/performance-hardening.md).  The shadow is two-level:
 * one lazily mapped leaf of 128 MiB (reserved, not committed) per GiB of
 * address space that holds a heap block, brought in 64 KiB at a time
 * (prefault_chunk).
 *
 * Entries are written with plain (relaxed atomic) 16-bit stores: a granule
 * belongs to one block at a time, and the block's address reaches other
 * threads through the program's own synchronisation, after our store.
 * BULWARK_HEAP_TRACK=0 turns tracking off; tracking is also off until a
 * module with memory checks has been loaded (__bw_heap_track_on), since no
 * one else asks for heap sizes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt_internal.h"
#include "bulwark/runtime.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

#define GRANULE_SHIFT 4
#define REGION_SHIFT 30                                   /* one leaf per GiB */
#define REGIONS ((size_t)1 << (47 - REGION_SHIFT))         /* x86_64 user space */
#define LEAF_ENTRIES ((size_t)1 << (REGION_SHIFT - GRANULE_SHIFT))
#define SHADOW_BYTES (LEAF_ENTRIES * sizeof(uint16_t))
/* After the shadow: a page for the fast path in rt_stubs_x86_64.S, which
 * reads two bytes at an odd offset for a base that is 8- but not
 * 16-aligned, and a page for the bitmap of prefaulted chunks. */
#define LEAF_BYTES (SHADOW_BYTES + 2 * 4096)
#define PREFAULT_SHIFT 16 /* 64 KiB of shadow, the shadow of 512 KiB of heap */
#define PREFAULT_MAX_BLOCK ((size_t)64 * 1024)
_Static_assert((SHADOW_BYTES >> PREFAULT_SHIFT) / 8 <= 4096, "prefault bitmap fits its page");

#define SMALL_MAX ((size_t)0x7ffe)
#define LARGE_FLAG 0x8000u
#define SLACK_MAX 0x7fffu

typedef _Atomic(uint16_t) shadow_entry;

static shadow_entry *_Atomic heap_dir[REGIONS];

/* The first leaf made (in practice the one of the main heap), for the fast
 * path of __bw_mem_check_slow_pm: bw_rt_heap_region0 is its region number
 * (UINTPTR_MAX until there is one) and bw_rt_heap_leaf0 its address biased
 * so that leaf0 + (address >> 3) is the entry of an address of that region.
 * leaf0 is written before region0 (release); x86 does not reorder the
 * stub's two loads. */
BW_HIDDEN _Atomic(uintptr_t) bw_rt_heap_region0 = UINTPTR_MAX;
BW_HIDDEN _Atomic(uintptr_t) bw_rt_heap_leaf0;
_Static_assert(GRANULE_SHIFT - 1 == 3 && REGION_SHIFT == 30,
               "rt_stubs_x86_64.S: shr $30 for the region, shr $3 for the entry's offset");

static atomic_int heap_tracking; /* set by __bw_heap_track_on */

static shadow_entry *new_leaf(uintptr_t region)
{
    void *p = mmap(NULL, LEAF_BYTES, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    shadow_entry *expected = NULL;
    if (!atomic_compare_exchange_strong(&heap_dir[region], &expected, (shadow_entry *)p)) {
        munmap(p, LEAF_BYTES); /* another thread made it first */
        return expected;
    }
    static atomic_flag leaf0_taken = ATOMIC_FLAG_INIT;
    if (!atomic_flag_test_and_set(&leaf0_taken)) { /* the first leaf of all */
        uintptr_t biased = (uintptr_t)p - ((region << REGION_SHIFT) >> (GRANULE_SHIFT - 1));
        atomic_store_explicit(&bw_rt_heap_leaf0, biased, memory_order_relaxed);
        atomic_store_explicit(&bw_rt_heap_region0, region, memory_order_release);
    }
    return (shadow_entry *)p;
}

/* The entry of address p; NULL when p is outside user space, or its leaf
 * does not exist and create is 0 (or could not be mapped). */
static shadow_entry *entry_of(const void *p, int create)
{
    uintptr_t a = (uintptr_t)p;
    uintptr_t region = a >> REGION_SHIFT;
    if (region >= REGIONS)
        return NULL;
    shadow_entry *leaf = atomic_load_explicit(&heap_dir[region], memory_order_acquire);
    if (!leaf) {
        if (!create)
            return NULL;
        leaf = new_leaf(region);
        if (!leaf)
            return NULL;
    }
    return &leaf[(a >> GRANULE_SHIFT) & (LEAF_ENTRIES - 1)];
}

static uint16_t encode(void *p, size_t size)
{
    if (size <= SMALL_MAX)
        return (uint16_t)(size + 1);
    size_t slack = malloc_usable_size(p) - size;
    return (uint16_t)(LARGE_FLAG | (slack < SLACK_MAX ? slack : SLACK_MAX));
}

/*
 * Shadow pages are made present 64 KiB at a time, with one
 * madvise(MADV_POPULATE_WRITE), the first time a block's entry lands in
 * such a chunk, instead of one page fault per page.  On this project's VM
 * that took the memory checks' wall time on SQLite from +2.3% to +0.4%
 * over plain (docs/performance-hardening.md, session 7), for at most the
 * shadow of the heap's span (an eighth of it) in memory, which the faults
 * would mostly have brought in anyway.  A bitmap per leaf (its last page)
 * records the chunks done, so a malloc pays one load and one bit test;
 * two threads racing on a chunk populate it twice, which is harmless.
 * Large blocks (mmapped by glibc, anywhere in the address space) are left
 * to fault their one page.  Kernels before 5.14 answer EINVAL, and the
 * pages then fault in as before.
 */
static void prefault_chunk(shadow_entry *leaf, const shadow_entry *e)
{
    size_t chunk = (size_t)((const char *)e - (const char *)leaf) >> PREFAULT_SHIFT;
    _Atomic(uint8_t) *done = (_Atomic(uint8_t) *)((char *)leaf + SHADOW_BYTES + 4096);
    uint8_t bit = (uint8_t)(1u << (chunk & 7));
    if (atomic_load_explicit(&done[chunk >> 3], memory_order_relaxed) & bit)
        return;
    atomic_fetch_or_explicit(&done[chunk >> 3], bit, memory_order_relaxed);
    int saved = errno; /* malloc must not change errno when it succeeds */
    (void)madvise((char *)leaf + (chunk << PREFAULT_SHIFT), (size_t)1 << PREFAULT_SHIFT,
                  MADV_POPULATE_WRITE);
    errno = saved;
}

static void heap_insert(void *p, size_t size)
{
    if (!p || !atomic_load_explicit(&heap_tracking, memory_order_relaxed))
        return;
    if ((uintptr_t)p & ((1u << GRANULE_SHIFT) - 1))
        return; /* not malloc's alignment: not tracked */
    shadow_entry *e = entry_of(p, 1);
    if (!e)
        return;
    if (size < PREFAULT_MAX_BLOCK)
        prefault_chunk(e - (((uintptr_t)p >> GRANULE_SHIFT) & (LEAF_ENTRIES - 1)), e);
    atomic_store_explicit(e, encode(p, size), memory_order_relaxed);
}

BW_HIDDEN const void *bw_rt_heap_entry(const void *p)
{
    return entry_of(p, 0);
}

static void heap_remove(void *p)
{
    if (!p || !atomic_load_explicit(&heap_tracking, memory_order_relaxed))
        return;
    shadow_entry *e = entry_of(p, 0);
    if (e)
        atomic_store_explicit(e, 0, memory_order_relaxed);
}

BW_HIDDEN size_t bw_rt_heap_size(const void *p)
{
    if (!p || ((uintptr_t)p & ((1u << GRANULE_SHIFT) - 1)) != 0)
        return SIZE_MAX; /* malloc's blocks are 16-byte aligned */
    shadow_entry *e = entry_of(p, 0);
    uint16_t v = e ? atomic_load_explicit(e, memory_order_relaxed) : 0;
    if (v == 0)
        return SIZE_MAX;
    if (!(v & LARGE_FLAG))
        return (size_t)v - 1;
    size_t usable = malloc_usable_size((void *)p);
    size_t slack = v & SLACK_MAX;
    return slack == SLACK_MAX || slack > usable ? usable : usable - slack;
}

void __bw_heap_track_on(void)
{
    bw_rt_init();
    if (bw_rt_cfg.heap_track)
        atomic_store_explicit(&heap_tracking, 1, memory_order_relaxed);
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
    int tracking = atomic_load_explicit(&heap_tracking, memory_order_relaxed);
    size_t oldsz = old && tracking ? bw_rt_heap_size(old) : SIZE_MAX;
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
