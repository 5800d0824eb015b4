/*
 * rt_cfi.c — forward-edge CFI: the registry of functions instrumented
 * modules declared as valid indirect-call targets, and the check.
 *
 * The registry is an open-addressing hash table keyed by address.  Writers
 * (module constructors and destructors) take a mutex; readers take nothing:
 * they load the current table with acquire ordering and probe it.  Growing
 * copies into a new table and publishes it; the old one is never freed, so
 * a reader still probing it is safe (the waste is bounded by the geometric
 * growth).  Unregistering marks entries dead; it never moves them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt_internal.h"

struct reg_entry {
    _Atomic(uintptr_t) addr; /* 0 = empty slot; published last */
    uint64_t src_id, gen_id, sig_id;
    const char *name;
    const struct bw_rt_module *mod;
    atomic_int dead;
};

struct reg_table {
    size_t mask;  /* capacity - 1 */
    size_t used;  /* slots taken, live or dead (writer only) */
    struct reg_entry e[];
};

#define MAX_MODULES 1024
struct mod_slot {
    const struct bw_rt_module *m;
    uintptr_t lo, hi; /* executable range of the ELF object holding m */
    atomic_int live;
};

#define MAX_JIT 64
struct jit_slot {
    _Atomic(uintptr_t) lo;
    uintptr_t hi;
};

#define ALLOWED_CACHE 1024

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(struct reg_table *) reg_cur;
static struct mod_slot mods[MAX_MODULES];
static atomic_size_t nmods;
static struct jit_slot jits[MAX_JIT];
static _Atomic(uintptr_t) allowed_cache[ALLOWED_CACHE];

/* Functions that are never legitimate indirect-call targets unless some
 * instrumented module took their address (then they are registered and the
 * type check applies).  Knowledge as data: add rows here. */
static const char *const dangerous_names[] = {
    "system", "popen", "execl", "execle", "execlp", "execv", "execve",
    "execvp", "execvpe", "fexecve", "posix_spawn", "posix_spawnp",
    "mprotect", "pkey_mprotect", "dlopen", "dlmopen", "setcontext",
    "longjmp", "_longjmp", "siglongjmp", "__libc_system",
};
#define NDANGEROUS (sizeof dangerous_names / sizeof dangerous_names[0])
static uintptr_t dangerous_addrs[NDANGEROUS];
static atomic_int dangerous_ready;

static size_t hash_addr(uintptr_t a, size_t mask)
{
    uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20) & mask;
}

static struct reg_table *table_new(size_t cap)
{
    size_t bytes = sizeof(struct reg_table) + cap * sizeof(struct reg_entry);
    /* MAP_POPULATE: entries are spread over the whole table by the hash,
     * so every page is about to be written; one populate costs a fraction
     * of a page fault per page (≈ 1.5 µs each on a VM) at start-up. */
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
                   -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    struct reg_table *t = p;
    t->mask = cap - 1;
    t->used = 0;
    return t;
}

/* Writer only (reg_lock held). */
static void table_put(struct reg_table *t, const struct bw_rt_func *f,
                      const struct bw_rt_module *m, uintptr_t addr)
{
    size_t i = hash_addr(addr, t->mask);
    while (atomic_load_explicit(&t->e[i].addr, memory_order_relaxed) != 0)
        i = (i + 1) & t->mask;
    struct reg_entry *e = &t->e[i];
    e->src_id = f->src_id;
    e->gen_id = f->gen_id;
    e->sig_id = f->sig_id;
    e->name = f->name;
    e->mod = m;
    atomic_store_explicit(&e->dead, 0, memory_order_relaxed);
    atomic_store_explicit(&e->addr, addr, memory_order_release);
    t->used++;
}

/* Writer only: make room for n more entries, growing by copy-and-publish. */
static struct reg_table *table_reserve(size_t n)
{
    struct reg_table *t = atomic_load_explicit(&reg_cur, memory_order_relaxed);
    if (t && (t->used + n) * 2 <= t->mask + 1)
        return t;
    size_t cap = 1024;
    size_t live = 0;
    if (t)
        for (size_t i = 0; i <= t->mask; i++)
            if (t->e[i].addr && !atomic_load(&t->e[i].dead))
                live++;
    while ((live + n) * 2 > cap)
        cap *= 2;
    struct reg_table *nt = table_new(cap);
    if (!nt)
        return NULL;
    if (t) {
        for (size_t i = 0; i <= t->mask; i++) {
            struct reg_entry *e = &t->e[i];
            uintptr_t a = atomic_load_explicit(&e->addr, memory_order_relaxed);
            if (!a || atomic_load(&e->dead))
                continue;
            struct bw_rt_func f = { (const void *)a, e->src_id, e->gen_id, e->sig_id, e->name };
            table_put(nt, &f, e->mod, a);
        }
    }
    atomic_store_explicit(&reg_cur, nt, memory_order_release);
    return nt;
}

struct find_obj {
    uintptr_t addr;
    uintptr_t lo, hi;
    int found;
};

static int find_obj_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct find_obj *fo = data;
    int contains = 0;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t s = info->dlpi_addr + ph->p_vaddr;
        uintptr_t e = s + ph->p_memsz;
        if (fo->addr >= s && fo->addr < e)
            contains = 1;
        if (ph->p_flags & PF_X) {
            if (s < lo)
                lo = s;
            if (e > hi)
                hi = e;
        }
    }
    if (!contains)
        return 0;
    fo->lo = lo;
    fo->hi = hi;
    fo->found = 1;
    return 1;
}

/* Executable range of the ELF object holding addr, and whether the address
 * itself is inside one of its executable segments (*in_exec). */
static int object_exec_range(uintptr_t addr, uintptr_t *lo, uintptr_t *hi)
{
    struct find_obj fo = { addr, 0, 0, 0 };
    dl_iterate_phdr(find_obj_cb, &fo);
    if (!fo.found)
        return 0;
    *lo = fo.lo;
    *hi = fo.hi;
    return 1;
}

static void resolve_dangerous(void)
{
    if (atomic_load_explicit(&dangerous_ready, memory_order_acquire))
        return;
    for (size_t i = 0; i < NDANGEROUS; i++)
        dangerous_addrs[i] = (uintptr_t)dlsym(RTLD_DEFAULT, dangerous_names[i]);
    atomic_store_explicit(&dangerous_ready, 1, memory_order_release);
}

/*
 * A process that exits keeps its modules mapped to the end, so their
 * registrations stay valid and unregistering them only costs time: on
 * SQLite, 107,000 instructions, a third of what CFI adds to a process's
 * start and exit, spent clearing caches and scanning the table for a
 * process about to go.
 * exit() runs atexit handlers in reverse order of registration, and ours is
 * registered after the C library's own (the one that runs the modules'
 * destructors), so the flag is set before any module destructor runs at
 * exit; a dlclose before that still unregisters.
 */
static atomic_int process_exiting;

static void note_process_exit(void)
{
    atomic_store_explicit(&process_exiting, 1, memory_order_relaxed);
}

void __bw_register_module(const struct bw_rt_module *m)
{
    bw_rt_init();
    if (!m)
        return;
    if (m->abi != BW_RT_ABI_VERSION) {
        static const char msg[] = "bulwark: a module was built for another runtime ABI version; it is not protected\n";
        (void)!write(2, msg, sizeof msg - 1);
        return;
    }
    uintptr_t lo = 0, hi = 0;
    int have_range = object_exec_range((uintptr_t)m, &lo, &hi);
    pthread_mutex_lock(&reg_lock);
    static int exit_noted;
    if (!exit_noted)
        exit_noted = atexit(note_process_exit) == 0;
    resolve_dangerous();
    struct reg_table *t = table_reserve(m->nfuncs);
    if (t)
        for (uint32_t i = 0; i < m->nfuncs; i++)
            if (m->funcs[i].addr)
                table_put(t, &m->funcs[i], m, (uintptr_t)m->funcs[i].addr);
    size_t n = atomic_load(&nmods);
    if (have_range) {
        size_t slot = n;
        for (size_t i = 0; i < n; i++) /* reuse the slot of a dlclose'd module */
            if (!atomic_load(&mods[i].live)) {
                slot = i;
                break;
            }
        if (slot < MAX_MODULES) {
            mods[slot].m = m;
            mods[slot].lo = lo;
            mods[slot].hi = hi;
            atomic_store_explicit(&mods[slot].live, 1, memory_order_release);
            if (slot == n)
                atomic_store_explicit(&nmods, n + 1, memory_order_release);
        }
    }
    pthread_mutex_unlock(&reg_lock);
}

void __bw_unregister_module(const struct bw_rt_module *m)
{
    if (!m || atomic_load_explicit(&process_exiting, memory_order_relaxed))
        return;
    pthread_mutex_lock(&reg_lock);
    struct reg_table *t = atomic_load(&reg_cur);
    if (t)
        for (size_t i = 0; i <= t->mask; i++)
            if (t->e[i].addr && t->e[i].mod == m)
                atomic_store_explicit(&t->e[i].dead, 1, memory_order_release);
    size_t n = atomic_load(&nmods);
    for (size_t i = 0; i < n; i++)
        if (mods[i].m == m)
            atomic_store(&mods[i].live, 0);
    /* Cached targets may be in the module going away: forget them all.
     * (Only live modules: a dead one's descriptor may be unmapped.) */
    for (size_t i = 0; i < n; i++) {
        if (!atomic_load(&mods[i].live))
            continue;
        const struct bw_rt_module *mm = mods[i].m;
        for (uint32_t k = 0; mm && mm->cfi_caches && k < mm->ncaches; k++)
            __atomic_store_n(&mm->cfi_caches[k], NULL, __ATOMIC_RELAXED);
    }
    for (uint32_t k = 0; m->cfi_caches && k < m->ncaches; k++)
        __atomic_store_n(&m->cfi_caches[k], NULL, __ATOMIC_RELAXED);
    /* Targets cached as "uninstrumented file-backed" may now be unmapped. */
    for (size_t i = 0; i < ALLOWED_CACHE; i++)
        atomic_store_explicit(&allowed_cache[i], 0, memory_order_relaxed);
    pthread_mutex_unlock(&reg_lock);
}

int bw_rt_declare_jit_region(const void *start, size_t size)
{
    if (!start || size == 0)
        return -1;
    int rc = -1;
    pthread_mutex_lock(&reg_lock);
    for (size_t i = 0; i < MAX_JIT; i++) {
        if (atomic_load(&jits[i].lo) == 0) {
            jits[i].hi = (uintptr_t)start + size;
            atomic_store_explicit(&jits[i].lo, (uintptr_t)start, memory_order_release);
            rc = 0;
            break;
        }
    }
    pthread_mutex_unlock(&reg_lock);
    if (rc == 0) {
        struct bw_rt_event ev;
        memset(&ev, 0, sizeof ev);
        ev.kind = BW_KIND_JIT;
        ev.reason = "program declared a JIT code region";
        ev.address = start;
        ev.size = size;
        ev.avail = SIZE_MAX;
        ev.has_size = 1;
        ev.caller = __builtin_return_address(0);
        ev.allowed = 1;
        ev.allow_action = "declared";
        bw_rt_report(&ev);
    }
    return rc;
}

int bw_rt_forget_jit_region(const void *start)
{
    int rc = -1;
    pthread_mutex_lock(&reg_lock);
    for (size_t i = 0; i < MAX_JIT; i++) {
        if (atomic_load(&jits[i].lo) == (uintptr_t)start && start) {
            atomic_store(&jits[i].lo, 0);
            rc = 0;
        }
    }
    for (size_t i = 0; i < ALLOWED_CACHE; i++)
        atomic_store_explicit(&allowed_cache[i], 0, memory_order_relaxed);
    pthread_mutex_unlock(&reg_lock);
    return rc;
}

static bool cache_has(uintptr_t a)
{
    size_t i = hash_addr(a, ALLOWED_CACHE - 1);
    for (int k = 0; k < 16; k++, i = (i + 1) & (ALLOWED_CACHE - 1)) {
        uintptr_t v = atomic_load_explicit(&allowed_cache[i], memory_order_acquire);
        if (v == a)
            return true;
        if (v == 0)
            return false;
    }
    return false;
}

/* Returns true when a was inserted now (first sighting). */
static bool cache_add(uintptr_t a)
{
    size_t i = hash_addr(a, ALLOWED_CACHE - 1);
    for (int k = 0; k < 16; k++, i = (i + 1) & (ALLOWED_CACHE - 1)) {
        uintptr_t expected = 0;
        if (atomic_compare_exchange_strong(&allowed_cache[i], &expected, a))
            return true;
        if (expected == a)
            return false;
    }
    return true; /* cache full: treat as new (logged again) */
}

__attribute__((noinline, cold)) static int violation(const void *target, const char *reason,
                                                     uint64_t src_id, const struct bw_rt_site *site,
                                                     const void *caller)
{
    struct bw_rt_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = BW_KIND_CFI;
    ev.reason = reason;
    ev.address = target;
    ev.caller = caller;
    ev.expected_type = site ? site->detail : NULL;
    ev.site = site;
    (void)src_id;
    bw_rt_report(&ev);
    return 1; /* report mode: let the call proceed */
}

/* Remember an accepted target in the call site's cache, most recent first. */
static inline void cache_accept(void **cache, const void *target)
{
    if (!cache)
        return;
    void *prev = (void *)target;
    for (int i = 0; i < BW_RT_CFI_CACHE_WAYS; i++) {
        void *cur = __atomic_load_n(&cache[i], __ATOMIC_RELAXED);
        __atomic_store_n(&cache[i], prev, __ATOMIC_RELAXED);
        if (cur == target)
            return;
        prev = cur;
    }
}

__attribute__((noinline, cold)) static int allow_logged(const void *target, const char *action,
                                                        const struct bw_rt_site *site,
                                                        const void *caller, void **cache)
{
    cache_accept(cache, target);
    if (cache_add((uintptr_t)target)) {
        struct bw_rt_event ev;
        memset(&ev, 0, sizeof ev);
        ev.kind = BW_KIND_CFI;
        ev.reason = strcmp(action, "allowed-jit") == 0
                        ? "target in a declared JIT region"
                        : "target in a module built without Bulwark";
        ev.address = target;
        ev.caller = caller;
        ev.expected_type = site ? site->detail : NULL;
        ev.site = site;
        ev.allowed = 1;
        ev.allow_action = action;
        bw_rt_report(&ev);
    }
    return 1;
}

__attribute__((noinline)) static int check_slow(const void *target, uint64_t src_id,
                                                const struct bw_rt_site *site, const void *caller,
                                                void **cache)
{
    uintptr_t a = (uintptr_t)target;
    if (cache_has(a)) {
        cache_accept(cache, target);
        return 1;
    }
    for (size_t i = 0; i < MAX_JIT; i++) {
        uintptr_t lo = atomic_load_explicit(&jits[i].lo, memory_order_acquire);
        if (lo && a >= lo && a < jits[i].hi)
            return allow_logged(target, "allowed-jit", site, caller, cache);
    }
    size_t n = atomic_load_explicit(&nmods, memory_order_acquire);
    for (size_t i = 0; i < n; i++)
        if (atomic_load_explicit(&mods[i].live, memory_order_relaxed) && a >= mods[i].lo && a < mods[i].hi) {
            /* An exported function that starts exactly here comes from a
             * translation unit built without Bulwark inside an instrumented
             * object: allowed and logged, like an uninstrumented module
             * (denied in strict mode).  Anything else is mid-function code
             * or an unexported function nobody registered. */
            Dl_info info;
            if (!bw_rt_cfg.cfi_strict && dladdr(target, &info) && info.dli_saddr == target)
                return allow_logged(target, "allowed-uninstrumented", site, caller, cache);
            return violation(target, "target is not a valid function entry of an instrumented module",
                             src_id, site, caller);
        }
    if (atomic_load_explicit(&dangerous_ready, memory_order_acquire))
        for (size_t i = 0; i < NDANGEROUS; i++)
            if (dangerous_addrs[i] == a)
                return violation(target, "target is a dangerous libc function no instrumented code took the address of",
                                 src_id, site, caller);
    if (a == 0)
        return violation(target, "null function pointer", src_id, site, caller);
    uintptr_t lo, hi;
    if (object_exec_range(a, &lo, &hi) && a >= lo && a < hi) {
        if (bw_rt_cfg.cfi_strict)
            return violation(target, "target in a module built without Bulwark (strict mode)",
                             src_id, site, caller);
        return allow_logged(target, "allowed-uninstrumented", site, caller, cache);
    }
    return violation(target, "target outside every loaded code segment (stack, heap or anonymous memory)",
                     src_id, site, caller);
}

int __bw_cfi_check(const void *target, uint64_t src_id, uint64_t sig_id,
                   const struct bw_rt_site *site, void **cache)
{
    return bw_rt_cfi_check_from(target, src_id, sig_id, site, cache, __builtin_return_address(0));
}

/* The body of both entry points: __bw_cfi_check (C convention) and
 * __bw_cfi_check_pm (rt_stubs_x86_64.S, preserve_most), which passes the
 * instrumented caller's return address. */
int bw_rt_cfi_check_from(const void *target, uint64_t src_id, uint64_t sig_id,
                         const struct bw_rt_site *site, void **cache, const void *caller)
{
    uintptr_t a = (uintptr_t)target;
    struct reg_table *t = atomic_load_explicit(&reg_cur, memory_order_acquire);
    int seen = 0;
    if (t) {
        size_t i = hash_addr(a, t->mask);
        for (;;) {
            struct reg_entry *e = &t->e[i];
            uintptr_t ea = atomic_load_explicit(&e->addr, memory_order_acquire);
            if (ea == 0)
                break;
            if (ea == a && !atomic_load_explicit(&e->dead, memory_order_relaxed)) {
                seen = 1;
                int ok = src_id && (e->src_id || e->gen_id)
                             ? (e->src_id == src_id || e->gen_id == src_id)
                             : e->sig_id == sig_id;
                if (ok) {
                    cache_accept(cache, target);
                    return 1;
                }
            }
            i = (i + 1) & t->mask;
        }
    }
    if (seen)
        return violation(target, "function type mismatch", src_id, site, caller);
    return check_slow(target, src_id, site, caller, cache);
}
