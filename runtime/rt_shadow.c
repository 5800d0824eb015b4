/*
 * rt_shadow.c — the per-thread shadow stack (x86_64).
 *
 * Instrumented functions push {frame id, return address} at entry (the id
 * is the stack pointer after the prologue, or the address of the
 * return-address slot in functions that move the stack pointer later) and,
 * before returning, compare the top entry's return address with the one
 * the `ret` is about to use.  The
 * push/pop is inlined by the pass; this file owns the memory and the slow
 * path.  Each thread's shadow stack is its own mmap with a PROT_NONE guard
 * region on both sides, allocated at the thread's first instrumented call.
 *
 * Why the slot address is kept: longjmp, siglongjmp, C++ exceptions and
 * thread cancellation leave frames without running their epilogues, so their
 * entries stay on the shadow stack.  When the top entry is not the returning
 * frame's, __bw_ss_mismatch looks further down for the entry with this
 * frame id and return address and drops everything above it (frames that were
 * skipped).  A return address that differs from the one saved for the same
 * frame id is a violation; so is a frame id the shadow stack never saw.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "rt_internal.h"

#define SS_ENTRIES (1u << 19)                    /* 512 Ki frames, 8 MiB */
#define SS_BYTES ((size_t)SS_ENTRIES * 2 * sizeof(void *))
#define SS_GUARD ((size_t)64 * 1024)

/* A thread without a shadow stack yet has a negative top (BW_SS_UNMAPPED,
 * the TLS initial image, plus two words per push attempted since): the
 * instrumented entry adds two words to the top in memory and branches on
 * the sign of the result, so that one read-modify-write instruction is
 * the push and the test for "map one first".  Mapped tops are user-space
 * addresses, never negative. */
__attribute__((tls_model("initial-exec"))) __thread void **__bw_ss_top_v3 = BW_SS_UNMAPPED;
__attribute__((tls_model("initial-exec"))) static __thread void **ss_base;

static int ss_unmapped(void **top)
{
    return (intptr_t)top < 0;
}

static pthread_key_t ss_key;
static pthread_once_t ss_once = PTHREAD_ONCE_INIT;

/* Thread exit (the key's destructor).  The thread is detached from its
 * shadow stack before the memory goes: a signal handled in between (a
 * process-wide timer reaches exiting threads too) then maps a fresh one
 * from its first instrumented call instead of pushing onto unmapped memory
 * (a crash seen in compat/stress_signals at -O0, about 1 run in 20). */
static void ss_free(void *base)
{
    if (!base)
        return;
    if (ss_base == base) {
        __bw_ss_top_v3 = BW_SS_UNMAPPED;
        ss_base = NULL;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
    }
    munmap((char *)base - SS_GUARD, SS_BYTES + 2 * SS_GUARD);
}

static void ss_key_init(void)
{
    (void)pthread_key_create(&ss_key, ss_free);
}

/* Gives the thread its shadow stack: top = the mapping's base. */
static void ss_map(void)
{
    size_t total = SS_BYTES + 2 * SS_GUARD;
    char *p = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED || mprotect(p + SS_GUARD, SS_BYTES, PROT_READ | PROT_WRITE) != 0) {
        static const char msg[] = "bulwark: cannot map a shadow stack for a new thread; aborting\n";
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (!ss_unmapped(__bw_ss_top_v3)) {
        /* A signal handler's instrumented code mapped one while we were
         * mapping ours: keep the one in use. */
        munmap(p, total);
        return;
    }
    ss_base = (void **)(void *)(p + SS_GUARD);
    __bw_ss_top_v3 = ss_base;
    pthread_once(&ss_once, ss_key_init);
    (void)pthread_setspecific(ss_key, ss_base);
}

/* The push found the top negative: its addition went to the unmapped
 * value.  Map the thread's shadow stack (unless a signal handler did in
 * the meantime) and make the push the caller attempted: the caller writes
 * its entry below the top it reads after this call.  A signal handler's
 * instrumented code that runs during this call pushes and pops above
 * whatever the top is, so the top is the same again when it returns. */
void __bw_ss_init_v3(void)
{
    if (ss_unmapped(__bw_ss_top_v3))
        ss_map();
    __bw_ss_top_v3 += 2;
}

static void ss_violation(void *ra, void *expected, const char *reason,
                         const struct bw_rt_site *site)
{
    struct bw_rt_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = BW_KIND_SHADOW;
    ev.reason = reason;
    ev.address = ra;
    ev.expected = expected;
    ev.site = site;
    bw_rt_report(&ev);
}

void __bw_ss_mismatch(void **slot, void *ra, const struct bw_rt_site *site)
{
    void **top = __bw_ss_top_v3;
    void **base = ss_base;
    if (ss_unmapped(top) || !base || top <= base) {
        ss_violation(ra, NULL, "return with an empty shadow stack", site);
        return;
    }
    if (top[-2] == (void *)slot) {
        /* Same frame, different return address: the classic overwrite. */
        void *expected = top[-1];
        ss_violation(ra, expected, "return address overwritten", site);
        __bw_ss_top_v3 = top - 2; /* report mode: keep going */
        return;
    }
    for (void **p = top - 2; p >= base; p -= 2) {
        if (p[0] == (void *)slot) {
            if (p[1] == ra) {
                __bw_ss_top_v3 = p; /* drop frames skipped by longjmp/unwinding */
                return;
            }
            ss_violation(ra, p[1], "return address overwritten", site);
            __bw_ss_top_v3 = p;
            return;
        }
    }
    ss_violation(ra, top[-1], "return through a frame the shadow stack never saw", site);
}

/* ---- jmp_buf integrity ---------------------------------------------- */

#define JB_SLOTS 4096u /* setjmp buffers tracked at once, process-wide */
#define JB_PROBES 32
#define JB_WORDS 8     /* glibc x86_64 __jmpbuf: rbx rbp r12-r15 rsp pc */
#define JB_BUSY ((uintptr_t)1)

struct jb_slot {
    _Atomic(uintptr_t) env;
    _Atomic(uint64_t) mac;
};

static struct jb_slot jb_tab[JB_SLOTS];
static _Atomic(uint64_t) jb_key;

/* The secret the hashes are keyed with: from getrandom, not AT_RANDOM
 * (glibc derives the stack canary and the pointer guard from that, and
 * the attacks we defend against assume the pointer guard leaked). */
static uint64_t jb_secret(void)
{
    uint64_t k = atomic_load_explicit(&jb_key, memory_order_acquire);
    if (k)
        return k;
    uint64_t r = 0;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
        r = ((uint64_t)(uintptr_t)&r * UINT64_C(0x9e3779b97f4a7c15)) ^ (uint64_t)(unsigned)getpid();
    r |= 1;
    uint64_t expected = 0;
    if (!atomic_compare_exchange_strong(&jb_key, &expected, r))
        return expected; /* another thread set it first */
    return r;
}

/* Keyed hash of env's register block and its address: the table is not
 * where an overflow of the buffer can reach, and without the key a changed
 * block cannot be given a matching hash. */
static uint64_t jb_mac(const void *env)
{
    const uint64_t *w = env;
    uint64_t h = jb_secret() ^ (uint64_t)(uintptr_t)env;
    for (int i = 0; i < JB_WORDS; i++) {
        h ^= w[i];
        h *= 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    return h ? h : 1;
}

static size_t jb_home(const void *env)
{
    return (size_t)((uintptr_t)env >> 4) & (JB_SLOTS - 1);
}

void __bw_jmp_save(const void *env)
{
    if (!env)
        return;
    uint64_t mac = jb_mac(env);
    uintptr_t k = (uintptr_t)env;
    size_t i = jb_home(env);
    for (int n = 0; n < JB_PROBES; n++, i = (i + 1) & (JB_SLOTS - 1)) {
        uintptr_t cur = atomic_load_explicit(&jb_tab[i].env, memory_order_acquire);
        if (cur == k) {
            atomic_store_explicit(&jb_tab[i].mac, mac, memory_order_release);
            return;
        }
        if (cur != 0)
            continue;
        uintptr_t want = 0;
        /* Claim, fill, publish: a check never sees the key without its hash. */
        if (atomic_compare_exchange_strong(&jb_tab[i].env, &want, JB_BUSY)) {
            atomic_store_explicit(&jb_tab[i].mac, mac, memory_order_relaxed);
            atomic_store_explicit(&jb_tab[i].env, k, memory_order_release);
            return;
        }
    }
    /* Table crowded: this buffer is not tracked, its longjmp is allowed. */
}

void __bw_jmp_check(const void *env, const struct bw_rt_site *site)
{
    if (!env)
        return;
    uintptr_t k = (uintptr_t)env;
    size_t i = jb_home(env);
    for (int n = 0; n < JB_PROBES; n++, i = (i + 1) & (JB_SLOTS - 1)) {
        uintptr_t cur = atomic_load_explicit(&jb_tab[i].env, memory_order_acquire);
        if (cur == 0)
            return; /* never saved by instrumented code */
        if (cur != k)
            continue;
        if (atomic_load_explicit(&jb_tab[i].mac, memory_order_relaxed) == jb_mac(env))
            return;
        /* Where the longjmp would go: glibc mangles the saved pc with the
         * pointer guard (%fs:0x30): rotate right by 17, then xor. */
        uintptr_t pc = ((const uintptr_t *)env)[7], guard;
        __asm__("mov %%fs:0x30, %0" : "=r"(guard));
        pc = ((pc >> 17) | (pc << 47)) ^ guard;
        ss_violation((void *)pc, NULL, "jmp_buf overwritten before longjmp", site);
        return;
    }
}

/* Hidden aliases the preserve_most stubs call (rt_stubs_x86_64.S). */
extern __typeof__(bw_rt_ss_init_local) bw_rt_ss_init_local __attribute__((alias("__bw_ss_init_v3")));
extern __typeof__(bw_rt_ss_mismatch_local) bw_rt_ss_mismatch_local
    __attribute__((alias("__bw_ss_mismatch")));
