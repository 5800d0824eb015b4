/*
 * rt_shadow.c — the per-thread shadow stack (x86_64).
 *
 * Instrumented functions push {address of their return-address slot,
 * return address} at entry and, before returning, compare the top entry
 * with the slot and the return address the `ret` is about to use.  The
 * push/pop is inlined by the pass; this file owns the memory and the slow
 * path.  Each thread's shadow stack is its own mmap with a PROT_NONE guard
 * region on both sides, allocated at the thread's first instrumented call.
 *
 * Why the slot address is kept: longjmp, siglongjmp, C++ exceptions and
 * thread cancellation leave frames without running their epilogues, so their
 * entries stay on the shadow stack.  When the top entry is not the returning
 * frame's, __bw_ss_mismatch looks further down for the entry with this slot
 * and return address and drops everything above it (frames that were
 * skipped).  A return address that differs from the one saved for the same
 * slot is a violation; so is a slot the shadow stack never saw.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt_internal.h"

#define SS_ENTRIES (1u << 19)                    /* 512 Ki frames, 8 MiB */
#define SS_BYTES ((size_t)SS_ENTRIES * 2 * sizeof(void *))
#define SS_GUARD ((size_t)64 * 1024)

__attribute__((tls_model("initial-exec"))) __thread void **__bw_ss_top;
__attribute__((tls_model("initial-exec"))) static __thread void **ss_base;

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
        __bw_ss_top = NULL;
        ss_base = NULL;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
    }
    munmap((char *)base - SS_GUARD, SS_BYTES + 2 * SS_GUARD);
}

static void ss_key_init(void)
{
    (void)pthread_key_create(&ss_key, ss_free);
}

void __bw_ss_init(void)
{
    if (__bw_ss_top)
        return;
    size_t total = SS_BYTES + 2 * SS_GUARD;
    char *p = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED || mprotect(p + SS_GUARD, SS_BYTES, PROT_READ | PROT_WRITE) != 0) {
        static const char msg[] = "bulwark: cannot map a shadow stack for a new thread; aborting\n";
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (__bw_ss_top) {
        /* A signal handler's instrumented code mapped one while we were
         * mapping ours: keep the one in use. */
        munmap(p, total);
        return;
    }
    ss_base = (void **)(void *)(p + SS_GUARD);
    __bw_ss_top = ss_base;
    pthread_once(&ss_once, ss_key_init);
    (void)pthread_setspecific(ss_key, ss_base);
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
    void **top = __bw_ss_top;
    void **base = ss_base;
    if (!top || !base || top <= base) {
        ss_violation(ra, NULL, "return with an empty shadow stack", site);
        return;
    }
    if (top[-2] == (void *)slot) {
        /* Same frame, different return address: the classic overwrite. */
        void *expected = top[-1];
        ss_violation(ra, expected, "return address overwritten", site);
        __bw_ss_top = top - 2; /* report mode: keep going */
        return;
    }
    for (void **p = top - 2; p >= base; p -= 2) {
        if (p[0] == (void *)slot) {
            if (p[1] == ra) {
                __bw_ss_top = p; /* drop frames skipped by longjmp/unwinding */
                return;
            }
            ss_violation(ra, p[1], "return address overwritten", site);
            __bw_ss_top = p;
            return;
        }
    }
    ss_violation(ra, top[-1], "return through a frame the shadow stack never saw", site);
}

/* Hidden aliases the preserve_most stubs call (rt_stubs_x86_64.S). */
extern __typeof__(bw_rt_ss_init_local) bw_rt_ss_init_local __attribute__((alias("__bw_ss_init")));
extern __typeof__(bw_rt_ss_mismatch_local) bw_rt_ss_mismatch_local
    __attribute__((alias("__bw_ss_mismatch")));
