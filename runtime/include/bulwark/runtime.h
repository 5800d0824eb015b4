/*
 * bulwark/runtime.h — libbulwark-rt, the run-time half of Bulwark's hardening.
 *
 * Programs compiled with the Bulwark pass plugin (libbulwark-pass.so) call
 * into this library; nothing here is meant to be called by hand except the
 * two "program API" functions at the top.  The rest is the ABI between the
 * pass and the runtime.  It is versioned by BW_RT_ABI_VERSION: a module built
 * for another ABI version is refused at registration (with one message) and
 * left unprotected rather than misread.
 *
 * Threading: every function may be called from any thread.  The check
 * entry points (__bw_cfi_check, __bw_mem_check_slow, the __bw_str* and
 * scanf/printf wrappers, the shadow-stack hooks) take no lock and allocate
 * nothing, with one documented exception: the first time a CFI target is
 * found outside every instrumented module, the runtime asks the dynamic
 * loader which file maps it (dl_iterate_phdr, which takes the loader lock);
 * the answer is cached lock-free.
 *
 * Behaviour on a violation: see docs/hardening.md.  In short, one line on
 * stderr, one JSON line in the audit log (BULWARK_LOG / BULWARK_SYSLOG,
 * format in docs/audit-log.md), then abort() — or, with BULWARK_MODE=report,
 * the call proceeds and the action recorded is "logged".
 *
 * Environment (read once, at load):
 *   BULWARK_MODE=enforce|report   default enforce
 *   BULWARK_CFI=default|strict    strict also denies targets in file-backed
 *                                 modules built without Bulwark
 *   BULWARK_LOG=<path>            append audit records (JSON lines) here
 *   BULWARK_SYSLOG=1              also send audit records to syslog (/dev/log)
 *   BULWARK_HEAP_TRACK=0          do not track heap allocation sizes
 */
#ifndef BULWARK_RUNTIME_H
#define BULWARK_RUNTIME_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI between libbulwark-pass and libbulwark-rt.  Bumped on any change to
 * the structures or entry points below. */
#define BW_RT_ABI_VERSION 1

/* Slots of each indirect-call site's target cache (passes/pass_internal.h
 * has the same constant). */
#define BW_RT_CFI_CACHE_WAYS 4

/* ------------------------------------------------------------------ */
/* Program API                                                          */
/* ------------------------------------------------------------------ */

/*
 * Declare [start, start+size) as a region of generated code (a JIT).
 * Indirect calls into it are then allowed by CFI (no type check is possible
 * there) and each first call to a new target is written to the audit log
 * with kind "cfi-icall" and action "allowed-jit": declaring a region is an
 * explicit loosening and reports show it.
 * Returns 0 on success, -1 if start is NULL, size is 0 or the fixed table of
 * 64 regions is full.  Thread-safe (takes a lock).  Never allocates.
 */
int bw_rt_declare_jit_region(const void *start, size_t size);

/*
 * Remove a region declared with bw_rt_declare_jit_region (same start).
 * Returns 0 if it was found, -1 otherwise.  Thread-safe.
 */
int bw_rt_forget_jit_region(const void *start);

/*
 * 1 when the process runs in report-only mode (BULWARK_MODE=report),
 * 0 in the default enforcing mode.  Async-signal-safe.
 */
int bw_rt_report_only(void);

/* ------------------------------------------------------------------ */
/* ABI used by instrumented code (emitted by the pass; not for humans)  */
/* ------------------------------------------------------------------ */

/* What a check site is, for the violation report.  One constant per site,
 * emitted by the pass.  Any string may be NULL. */
struct bw_rt_site {
    const char *function; /* enclosing function */
    const char *detail;   /* CFI: expected type id; memory: callee name */
    const char *file;     /* source file when debug info is present */
    uint32_t line;        /* 0 when unknown */
    uint32_t kind;        /* enum bw_rt_site_kind */
};

enum bw_rt_site_kind {
    BW_RT_SITE_CFI = 1,
    BW_RT_SITE_MEM = 2,
    BW_RT_SITE_SHADOW = 3
};

/* One function (or vtable address point) a module registers: its run-time
 * address and the type ids calls to it may carry.  An id of 0 means none. */
struct bw_rt_func {
    const void *addr;
    uint64_t src_id;   /* clang's type id (-fsanitize=cfi-icall), exact */
    uint64_t gen_id;   /* clang's ".generalized" type id */
    uint64_t sig_id;   /* Bulwark's IR-signature type id */
    const char *name;  /* symbol name, for reports */
};

/* A module's registration record, a constant emitted by the pass. */
struct bw_rt_module {
    uint32_t abi;                  /* BW_RT_ABI_VERSION */
    uint32_t nfuncs;
    const struct bw_rt_func *funcs;
    const char *name;              /* the module's source file name */
    void **cfi_caches;             /* the module's per-call-site caches, BW_RT_CFI_CACHE_WAYS slots a site (may be NULL) */
    uint32_t ncaches;              /* slots */
    uint32_t reserved;             /* 0 */
};

/*
 * Register/unregister a module's functions.  Called from the module's
 * constructor / destructor (so dlopen/dlclose register and unregister).
 * Takes the registration lock; may allocate (the registry grows by
 * copy-and-publish, readers never wait).  m must stay valid until
 * __bw_unregister_module(m).  Unregistering an unknown m does nothing.
 */
void __bw_register_module(const struct bw_rt_module *m);
void __bw_unregister_module(const struct bw_rt_module *m);

/*
 * The forward-edge check before an indirect call (or virtual call through a
 * loaded vtable slot) to `target`.  src_id is clang's type id for the call
 * (0 when the module was built without -fsanitize=cfi-icall), sig_id the
 * IR-signature id.  Returns 1 when the call may proceed.  Returns 0 never in
 * enforce mode (the process is aborted instead); in report mode a violation
 * is logged and 1 returned.  Lock-free and allocation-free on the path for
 * registered targets.
 *
 * cache (may be NULL) is the call site's BW_RT_CFI_CACHE_WAYS-entry cache
 * (cache[0] most recent): instrumented code skips the call when any entry
 * equals target, and the runtime stores accepted targets there (never one
 * let through by report mode).  All caches of all
 * modules are cleared when any module unregisters, so a target that goes
 * away with dlclose is never accepted from a cache.
 */
int __bw_cfi_check(const void *target, uint64_t src_id, uint64_t sig_id,
                   const struct bw_rt_site *site, void **cache);

/*
 * Memory-operation check for a write of len bytes at dst when the compile
 * time could not prove it in bounds.  avail is the number of bytes the pass
 * knows are writable at dst (SIZE_MAX when unknown), base the start of the
 * underlying object as the pass saw it (may be NULL).  When avail is
 * SIZE_MAX the heap shadow is asked about base (instrumented code calls only
 * when base is 16-byte aligned and non-null: other pointers cannot start a
 * malloc block).  Returns only when the write is in bounds or the mode is
 * report.
 */
void __bw_mem_check_slow(void *dst, size_t len, size_t avail,
                         const void *base, const struct bw_rt_site *site);

/*
 * Starts recording heap block sizes (unless BULWARK_HEAP_TRACK=0).  Called
 * from the constructor of every module with memory checks, since only they
 * ask for heap sizes: a program hardened with CFI or the shadow stack alone
 * does not pay for the bookkeeping.  Blocks allocated before the first call
 * are not tracked (writes to them are checked as "size unknown").  Idempotent.
 */
void __bw_heap_track_on(void);

/* Checked replacements for functions whose write length is only known while
 * they run.  Same results as the originals when in bounds.  On overflow the
 * write is not done past the end (printf-family output and scanf strings are
 * truncated), the violation is reported and, in enforce mode, the process
 * aborts. */
char *__bw_strcpy(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site);
char *__bw_stpcpy(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site);
char *__bw_strcat(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site);
char *__bw_strncat(char *d, const char *s, size_t n, size_t avail,
                   const void *base, const struct bw_rt_site *site);
int __bw_vsprintf(char *d, size_t avail, const void *base,
                  const struct bw_rt_site *site, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
int __bw_sprintf(char *d, size_t avail, const void *base,
                 const struct bw_rt_site *site, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The format attributes let compilers and Bulwark's own checker treat `fmt`
 * as the caller's format string (checked at the caller), as for libc. */
/* scanf family: avails[i] is the writable size behind the i-th pointer
 * argument after the format (SIZE_MAX when unknown), nav their count. */
int __bw_vsscanf(const char *str, const size_t *avails, size_t nav,
                 const struct bw_rt_site *site, const char *fmt, va_list ap)
    __attribute__((format(scanf, 5, 0)));
int __bw_sscanf(const char *str, const size_t *avails, size_t nav,
                const struct bw_rt_site *site, const char *fmt, ...)
    __attribute__((format(scanf, 5, 6)));
int __bw_vfscanf(FILE *f, const size_t *avails, size_t nav,
                 const struct bw_rt_site *site, const char *fmt, va_list ap)
    __attribute__((format(scanf, 5, 0)));
int __bw_fscanf(FILE *f, const size_t *avails, size_t nav,
                const struct bw_rt_site *site, const char *fmt, ...)
    __attribute__((format(scanf, 5, 6)));
int __bw_scanf(const size_t *avails, size_t nav,
               const struct bw_rt_site *site, const char *fmt, ...)
    __attribute__((format(scanf, 4, 5)));

/*
 * Shadow stack (x86_64).  Instrumented functions keep the current thread's
 * shadow-stack top in the TLS variable __bw_ss_top_v3 (initial-exec in code
 * that may go into a shared object; local-exec, through a weak definition
 * of their own, in executables); an entry is two words {frame id, return
 * address}, the frame id being the stack pointer after the prologue or, in
 * functions that move it later (variable-size allocas), the address of the
 * return-address slot.  The push adds two words to the top in memory and
 * then writes the entry below the new top.  A thread starts with the top
 * BW_SS_UNMAPPED, a negative value, and every negative top means "no
 * shadow stack yet" (mapped tops are user-space addresses): when the
 * push's addition gives a negative result, the caller calls
 * __bw_ss_init_v3(), which maps the thread's shadow stack (own mapping,
 * guard pages on both sides) if it has none and then makes the push
 * (top += 2 words), and the caller writes its entry below the top.
 * __bw_ss_mismatch(id, ra) is called when the top entry's return address is
 * not the one the returning frame is about to use: it pops frames skipped
 * by longjmp / exceptions / siglongjmp (looking for the entry with this
 * frame id and return address) and returns, or reports a violation
 * (corrupted return address).
 *
 * Version 3 of this contract (the negative start value, the push that
 * tests the sign of "top + 2 words", an init call that pushes) is in the
 * names: __bw_ss_top_v3 and __bw_ss_init_v3 (and its stub
 * __bw_ss_init_v3_pm).  A module built for another version refers to
 * other names and fails to link with this runtime instead of crashing at
 * its first call.  The entry point carries the version too because
 * executables define the top themselves (weakly): a renamed top alone
 * would link against an old runtime.
 */
#define BW_SS_UNMAPPED ((void **)(uintptr_t)(UINT64_C(1) << 63))
extern __thread void **__bw_ss_top_v3;
void __bw_ss_init_v3(void);
void __bw_ss_mismatch(void **slot, void *ra, const struct bw_rt_site *site);

/*
 * jmp_buf integrity (x86_64, part of the shadow stack: longjmp is a return
 * to a saved context).  The pass calls __bw_jmp_save(env) right after every
 * setjmp/_setjmp/sigsetjmp/__sigsetjmp call and __bw_jmp_check(env, site)
 * right before every longjmp/_longjmp/siglongjmp/__longjmp_chk call.  The
 * runtime keeps, per env address, a keyed hash of the register block
 * (__jmpbuf) in its own table; a longjmp through a block whose contents
 * changed since its setjmp is a violation ("jmp_buf overwritten").  A block
 * the table does not know (set by code built without Bulwark, copied
 * elsewhere, or the table full) is allowed.  No allocation, no lock.
 */
void __bw_jmp_save(const void *env);
void __bw_jmp_check(const void *env, const struct bw_rt_site *site);

#ifdef __cplusplus
}
#endif
#endif /* BULWARK_RUNTIME_H */
