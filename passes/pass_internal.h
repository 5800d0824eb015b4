/*
 * pass_internal.h — shared by the files of the pass core; all hidden.
 */
#ifndef BULWARK_PASS_INTERNAL_H
#define BULWARK_PASS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm/Config/llvm-config.h>

#include "bulwark/pass.h"

#define BW_HIDDEN __attribute__((visibility("hidden")))

/* LLVMAttributeFunctionIndex is an enum constant of -1. */
#define BW_FN_INDEX ((LLVMAttributeIndex)~0u)

/* Statistics of one module; the early counts travel to the late stage in
 * the named metadata !bulwark.early. */
struct bw_stats {
    /* early stage */
    uint64_t type_tests;          /* llvm.type.test replaced by runtime checks */
    uint64_t memops_instrumented; /* memory operations given a check */
    uint64_t memops_unhandled;    /* recognised but not checkable (e.g. va_list scanf) */
    /* late stage */
    uint64_t icalls_typed;        /* indirect calls checked with clang's type id */
    uint64_t icalls_sig;          /* ... with the IR-signature id only (no type id) */
    uint64_t icalls_folded;       /* checks proven at compile time and removed */
    uint64_t registered;          /* functions/vtables registered */
    uint64_t functions;           /* defined functions */
    uint64_t ss_functions;        /* functions given a shadow stack */
    uint64_t ss_skipped;          /* in scope but could not be protected */
    uint64_t ss_lazy;             /* ... of which pushing only on the paths that need it */
    uint64_t ss_in_bounds;        /* -fstack-protector-strong's, left out: stack objects proven in bounds */
    uint64_t mem_runtime_checks;  /* runtime check calls left after optimisation */
    uint64_t mem_unknown_size;    /* ... of which with no compile-time size at all */
    uint64_t mem_small_unchecked; /* ... of which not looked up: end within the smallest heap block */
};

#define BW_EARLY_FIELDS 3

/* Slots of each indirect-call site's target cache; must equal
 * BW_RT_CFI_CACHE_WAYS in runtime/include/bulwark/runtime.h. */
#define BW_CFI_CACHE_WAYS 4

/* String → global cache, for deduplicating site strings. */
struct bw_strmap {
    char **keys;
    LLVMValueRef *vals;
    size_t cap, len;
};

struct bw_ctx {
    LLVMModuleRef m;
    LLVMContextRef c;
    LLVMTargetDataRef dl;
    const bw_pass_config *cfg;
    bw_pass_remark_fn remark;
    void *remark_ctx;
    struct bw_stats st;
    LLVMTypeRef ptr;   /* i8* (LLVM 14) / ptr */
    LLVMTypeRef i1, i8, i32, i64, vd;
    LLVMTypeRef site_ty;
    struct bw_strmap strings;
    unsigned type_kind; /* !type metadata kind id */
};

/* Pointer -> number, open addressing, sized once for the keys it will
 * hold (pass_core.c): a CFG's block indexes, a region's copies. */
struct bw_ptrmap {
    const void **key;
    uintptr_t *val;
    size_t mask;
};

/* A function's control-flow graph (cfg.c): blocks by index in function
 * order, 0 the entry; BW_CFG_NONE for "no block" and for unreachable
 * blocks' postorder number and dominator. */
#define BW_CFG_NONE UINT32_MAX
struct bw_cfg {
    uint32_t n;
    LLVMBasicBlockRef *bb;
    uint32_t *succ_at, *succ; /* successors of b: succ[succ_at[b] .. succ_at[b+1]) */
    uint32_t *pred_at, *pred;
    uint32_t *po;             /* postorder number */
    uint32_t *idom;           /* immediate dominator; the entry's is itself */
    struct bw_ptrmap index;   /* block -> index */
};

/* pass_core.c */
BW_HIDDEN void *bw_xmalloc(size_t n);
BW_HIDDEN void *bw_xrealloc(void *p, size_t n);
BW_HIDDEN void *bw_xcalloc(size_t n, size_t size);
/* Room for n keys, which is all it will ever hold; put replaces. */
BW_HIDDEN void bw_ptrmap_init(struct bw_ptrmap *m, size_t n);
BW_HIDDEN void bw_ptrmap_put(struct bw_ptrmap *m, const void *k, uintptr_t v);
BW_HIDDEN int bw_ptrmap_get(const struct bw_ptrmap *m, const void *k, uintptr_t *v);
BW_HIDDEN void bw_ptrmap_free(struct bw_ptrmap *m);
BW_HIDDEN void bw_remarkf(struct bw_ctx *x, LLVMValueRef at, const char *name,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));
BW_HIDDEN LLVMValueRef bw_const_string(struct bw_ctx *x, const char *s);
BW_HIDDEN LLVMValueRef bw_site(struct bw_ctx *x, LLVMValueRef inst, const char *detail,
                               uint32_t kind);
BW_HIDDEN LLVMValueRef bw_get_fn(struct bw_ctx *x, const char *name, LLVMTypeRef fty);
/* An internal function `name` that calls the runtime's rt_fn(desc), or
 * rt_fn() when desc is NULL; for bw_append_structor. */
BW_HIDDEN LLVMValueRef bw_make_structor(struct bw_ctx *x, const char *name, const char *rt_fn,
                                        LLVMValueRef desc);
BW_HIDDEN void bw_append_structor(struct bw_ctx *x, const char *gname, LLVMValueRef fn);
/* Marks a conditional branch's first successor as the likely one. */
BW_HIDDEN void bw_mark_likely(struct bw_ctx *x, LLVMValueRef br);
/* Gives a runtime entry point LLVM's preserve_most convention, called
 * without lazy binding (see pass_core.c). */
BW_HIDDEN void bw_set_preserve_most(struct bw_ctx *x, LLVMValueRef f);
BW_HIDDEN LLVMValueRef bw_intrinsic(struct bw_ctx *x, const char *name,
                                    LLVMTypeRef *types, size_t ntypes);
BW_HIDDEN const char *bw_callee_name(LLVMValueRef call, size_t *len);
BW_HIDDEN LLVMValueRef bw_strip_casts(LLVMValueRef v);
/* The constant byte offset of a GEP (instruction or constant expression)
 * from its base, or -1 when an index is not a constant. */
BW_HIDDEN int64_t bw_gep_offset(struct bw_ctx *x, LLVMValueRef gep);
BW_HIDDEN uint64_t bw_hash(const char *s, size_t n);
BW_HIDDEN uint64_t bw_type_id_of(struct bw_ctx *x, LLVMValueRef md_value, const char **text,
                                 size_t *text_len);
BW_HIDDEN uint64_t bw_sig_id(LLVMTypeRef fty, char *buf, size_t cap);
BW_HIDDEN int bw_is_call(LLVMValueRef inst);
/* 1 for functions the pass itself added (names "__bw*" and "bw.*"). */
BW_HIDDEN int bw_is_ours(LLVMValueRef fn);
BW_HIDDEN LLVMValueRef bw_function_of(LLVMValueRef inst);

/* cfi.c */
BW_HIDDEN int bw_cfi_early(struct bw_ctx *x);
BW_HIDDEN int bw_cfi_late(struct bw_ctx *x);
BW_HIDDEN int bw_cfi_drop_tests(struct bw_ctx *x);
/* memcheck.c */
BW_HIDDEN int bw_mem_early(struct bw_ctx *x);
BW_HIDDEN void bw_mem_late_count(struct bw_ctx *x);
/* shadow_stack.c */
BW_HIDDEN int bw_ss_late(struct bw_ctx *x);
/* cfg.c */
BW_HIDDEN void bw_cfg_build(struct bw_cfg *g, LLVMValueRef f);
BW_HIDDEN void bw_cfg_free(struct bw_cfg *g);
BW_HIDDEN uint32_t bw_cfg_index(const struct bw_cfg *g, LLVMBasicBlockRef bb);
/* The nearest block dominating both (an unreachable or NONE one is ignored). */
BW_HIDDEN uint32_t bw_cfg_common_dominator(const struct bw_cfg *g, uint32_t a, uint32_t b);
/* Marks the blocks reachable from `from` by at least one edge (so `from`
 * itself only when it is in a cycle). */
BW_HIDDEN void bw_cfg_reach(const struct bw_cfg *g, uint32_t from, unsigned char *mark);

#endif
