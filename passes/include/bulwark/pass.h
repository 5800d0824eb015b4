/*
 * bulwark/pass.h — the C core of libbulwark-pass.so, Bulwark's LLVM pass
 * plugin.  The plugin's C++ shim (passes/plugin.cpp) only registers the two
 * stages below with LLVM's new pass manager and forwards each module here.
 *
 * What the pass does to a module (docs/hardening.md has the full story):
 *   early stage (pipeline start, before any optimisation, also at -O0)
 *     - replaces every llvm.type.test clang emitted for
 *       -fsanitize=cfi-icall by a call to the runtime's __bw_cfi_check;
 *     - instruments memory operations: llvm.memcpy/memmove/memset and the
 *       libc functions listed in passes/memfuncs.def, with the destination
 *       size from llvm.objectsize (dynamic) narrowed to the struct member
 *       written.
 *   late stage (optimizer last, after inlining; also at -O0)
 *     - checks every remaining indirect call not already checked, with the
 *       IR-signature type id;
 *     - registers the module's address-taken and exported functions (and
 *       vtables carrying !type) with the runtime from a constructor, and
 *       unregisters them from a destructor;
 *     - adds the shadow-stack prologue/epilogue on x86_64;
 *     - appends the per-TU statistics record (BULWARK_PASS_STATS) and emits
 *       optimisation remarks (-Rpass-missed=bulwark) for what it could not
 *       make safe.
 */
#ifndef BULWARK_PASS_H
#define BULWARK_PASS_H

#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which functions get a shadow stack.  The default is exactly
 * -fstack-protector-strong's set (issue 5), each pushing where its risky
 * stack objects are first used (the lazy push, docs/hardening.md); only
 * BW_SS_IN_BOUNDS and BW_SS_NONE protect fewer functions, and both are
 * loosenings. */
typedef enum bw_ss_scope {
    BW_SS_NONE = 0,     /* none */
    BW_SS_STRONG = 1,   /* the default: exactly -fstack-protector-strong's functions (a
                           stack array, an alloca, an address-taken local) */
    BW_SS_ALL = 2,      /* every function with a return */
    BW_SS_IN_BOUNDS = 3, /* opt-in narrowing: BW_SS_STRONG's functions but those whose
                           stack objects are all proven to be accessed in bounds only */
    BW_SS_STRONG_ENTRY = 4 /* BW_SS_STRONG's functions, each pushing at its entry */
} bw_ss_scope;

/* Pass options.  Plain data; zero-initialised means "everything off". */
typedef struct bw_pass_config {
    int cfi;               /* forward-edge CFI on indirect calls */
    int memory;            /* checked memory operations */
    int member_bounds;     /* narrow memory checks to the struct member written */
    bw_ss_scope shadow_stack;
    const char *stats_path;/* append one JSON line per module here; NULL: no record */
} bw_pass_config;

/*
 * Fills *cfg with the defaults (everything on, shadow-stack scope strong)
 * overridden by the environment of the compiler process:
 *   BULWARK_PASS_CFI=0            no CFI
 *   BULWARK_PASS_MEMORY=0         no memory checks
 *   BULWARK_PASS_MEMBER_BOUNDS=0  whole-object bounds only (a loosening)
 *   BULWARK_PASS_SHADOW_STACK=none|default|strong|strong-entry|all|in-bounds
 *                                 (default and strong are the same scope;
 *                                 strong-entry and all push at entry;
 *                                 in-bounds is a loosening; anything else
 *                                 is the default)
 *   BULWARK_PASS_STATS=<file>     per-TU statistics record (JSON lines)
 * cfg must not be NULL.  The strings point into the environment.
 */
void bw_pass_config_from_env(bw_pass_config *cfg);

/* Called for each remark: `at` is an instruction or a function, `name` a
 * short CamelCase remark id, `msg` the text.  May be NULL (no remarks). */
typedef void (*bw_pass_remark_fn)(void *ctx, LLVMValueRef at, const char *name,
                                  const char *msg);

typedef enum bw_pass_stage {
    BW_STAGE_EARLY = 1, /* at pipeline start */
    BW_STAGE_LATE = 2   /* at optimizer last */
} bw_pass_stage;

/*
 * Runs one stage over module m.  Both stages must run, early first, for a
 * module to be hardened and its statistics written (the late stage writes
 * them).  Returns 1 when the module was changed, 0 when not.  Never prints;
 * remarks go to `remark`.  Not thread-safe for one module; different modules
 * may be processed in parallel.
 */
int bw_pass_run(LLVMModuleRef m, bw_pass_stage stage, const bw_pass_config *cfg,
                bw_pass_remark_fn remark, void *remark_ctx);

/* The version of the statistics record this pass writes ("v" field). */
#define BW_PASS_STATS_VERSION 1

#ifdef __cplusplus
}
#endif
#endif /* BULWARK_PASS_H */
