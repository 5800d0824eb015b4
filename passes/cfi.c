/*
 * cfi.c — forward-edge CFI without LTO.
 *
 * clang's -fsanitize=cfi-icall leaves, before each indirect call,
 * `llvm.type.test(fp, !"<type id>")` guarding a branch to a trap; without
 * LTO nothing lowers it (codegen treats it as true).
 *
 * Early stage: the type tests are left alone, so the optimiser (inlining
 * above all) sees the small intrinsic call and branch it would see in a
 * clang CFI build, not the expanded check; clang's failure handler becomes
 * a trap.  Indirect calls without a type test (modules built without the
 * front-end flag) get a check with the IR-signature id here.
 *
 * Late stage (after inlining): each remaining type test becomes the check,
 * written out in place — one load and compare per way of the call site's
 * target cache, then a call into the runtime (__bw_cfi_check, which never
 * answers "no": it aborts, or in report mode lets the call proceed); tests
 * whose target the optimiser made a known function are decided at compile
 * time.  Every indirect call still unchecked (calls the front end does not
 * cover such as virtual calls and member-function pointers) gets a check
 * with the IR-signature id, and the module registers its valid targets with
 * the runtime from a constructor (unregistering from a destructor, so
 * dlclose works).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/DebugInfo.h>

#include "pass_internal.h"

static LLVMTypeRef check_fn_type(struct bw_ctx *x)
{
    LLVMTypeRef params[5] = { x->ptr, x->i64, x->i64, x->ptr, x->ptr };
    return LLVMFunctionType(x->i32, params, 5, 0);
}

static LLVMValueRef check_fn(struct bw_ctx *x)
{
    LLVMValueRef f = LLVMGetNamedFunction(x->m, "__bw_cfi_check");
    if (f)
        return f;
    f = bw_get_fn(x, "__bw_cfi_check", check_fn_type(x));
    LLVMSetLinkage(f, LLVMExternalLinkage);
    unsigned nu = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nu, 0));
#if LLVM_VERSION_MAJOR >= 16
    /* memory(argmem: readwrite, inaccessiblemem: readwrite): it reads the
     * registry and writes only the cache slot it is given. */
    unsigned me = LLVMGetEnumAttributeKindForName("memory", 6);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, me, 15));
#else
    unsigned me = LLVMGetEnumAttributeKindForName("inaccessiblemem_or_argmemonly", 29);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, me, 0));
#endif
    return f;
}

/* On x86_64 the fast path's slow call goes to __bw_cfi_check_pm, the same
 * check with LLVM's preserve_most convention (runtime/rt_stubs_x86_64.S):
 * the caller needs no spills around a call that almost never happens. */
static int use_pm(struct bw_ctx *x)
{
    const char *triple = LLVMGetTarget(x->m);
    return triple && strncmp(triple, "x86_64", 6) == 0;
}

static LLVMValueRef check_pm_fn(struct bw_ctx *x)
{
    LLVMValueRef f = LLVMGetNamedFunction(x->m, "__bw_cfi_check_pm");
    if (f)
        return f;
    f = bw_get_fn(x, "__bw_cfi_check_pm", check_fn_type(x));
    LLVMSetLinkage(f, LLVMExternalLinkage);
    bw_set_preserve_most(x, f);
    unsigned nu = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nu, 0));
    unsigned cold = LLVMGetEnumAttributeKindForName("cold", 4);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, cold, 0));
#if LLVM_VERSION_MAJOR >= 16
    unsigned me = LLVMGetEnumAttributeKindForName("memory", 6);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, me, 15));
#else
    unsigned me = LLVMGetEnumAttributeKindForName("inaccessiblemem_or_argmemonly", 29);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, me, 0));
#endif
    return f;
}

/* Is fn one of the check entry points (or the fast-path helper)? */
static int is_check_fn(LLVMValueRef fn)
{
    if (!fn || !LLVMIsAFunction(fn))
        return 0;
    size_t len = 0;
    const char *n = LLVMGetValueName2(fn, &len);
    return (len == 14 && memcmp(n, "__bw_cfi_check", 14) == 0) ||
           (len == 17 && memcmp(n, "__bw_cfi_check_pm", 17) == 0) ||
           (len == 6 && memcmp(n, "bw.cfi", 6) == 0);
}

/* internal i1 bw.cfi(target, src, sig, site, cache), always inlined: the
 * per-site cache holds the last target the runtime accepted for this site,
 * so a monomorphic call site costs a load and a compare.
 *
 * cache_load_ordering: the cache slots are read with `unordered` atomic
 * loads.  The runtime writes them (atomic stores) while other threads read,
 * so a plain load would be a data race, undefined in LLVM's memory model;
 * `monotonic` is defined but x86 instruction selection does not fold it
 * into the compare (`mov slot,%rax; cmp %rax,%r9` per way); `unordered` is
 * defined for racing accesses (the load returns some value that was stored:
 * never a torn one) and folds (`cmp %r9,slot`).  A stale value can only
 * miss and take the runtime's path, so no stronger ordering is needed. */
static LLVMValueRef fast_fn(struct bw_ctx *x)
{
    LLVMValueRef f = LLVMGetNamedFunction(x->m, "bw.cfi");
    if (f)
        return f;
    LLVMTypeRef params[5] = { x->ptr, x->i64, x->i64, x->ptr, x->ptr };
    f = LLVMAddFunction(x->m, "bw.cfi", LLVMFunctionType(x->i1, params, 5, 0));
    LLVMSetLinkage(f, LLVMInternalLinkage);
    unsigned ai = LLVMGetEnumAttributeKindForName("alwaysinline", 12);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, ai, 0));
    LLVMBasicBlockRef from[BW_CFI_CACHE_WAYS + 1];
    for (unsigned k = 0; k < BW_CFI_CACHE_WAYS; k++)
        from[k] = LLVMAppendBasicBlockInContext(x->c, f, k ? "way" : "entry");
    LLVMBasicBlockRef hit = LLVMAppendBasicBlockInContext(x->c, f, "hit");
    LLVMBasicBlockRef slow = LLVMAppendBasicBlockInContext(x->c, f, "slow");
    from[BW_CFI_CACHE_WAYS] = slow;
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    LLVMPositionBuilderAtEnd(b, from[0]);
    LLVMValueRef target = LLVMBuildPtrToInt(b, LLVMGetParam(f, 0), x->i64, "target");
    for (unsigned k = 0; k < BW_CFI_CACHE_WAYS; k++) {
        LLVMPositionBuilderAtEnd(b, from[k]);
        LLVMValueRef idx[1] = { LLVMConstInt(x->i64, k, 0) };
        LLVMValueRef slot = LLVMBuildInBoundsGEP2(b, x->ptr, LLVMGetParam(f, 4), idx, 1, "");
        LLVMValueRef cached = LLVMBuildLoad2(b, x->ptr, slot, "cached");
        LLVMSetOrdering(cached, LLVMAtomicOrderingUnordered); /* see cache_load_ordering */
        LLVMSetAlignment(cached, 8);
        LLVMValueRef eq = LLVMBuildICmp(b, LLVMIntEQ, LLVMBuildPtrToInt(b, cached, x->i64, ""),
                                        target, "");
        LLVMValueRef br0 = LLVMBuildCondBr(b, eq, hit, from[k + 1]);
        if (k == 0)
            bw_mark_likely(x, br0);
    }
    LLVMPositionBuilderAtEnd(b, hit);
    LLVMBuildRet(b, LLVMConstInt(x->i1, 1, 0));
    LLVMPositionBuilderAtEnd(b, slow);
    LLVMValueRef args[5];
    for (unsigned i = 0; i < 5; i++)
        args[i] = LLVMGetParam(f, i);
    LLVMValueRef r = LLVMBuildCall2(b, check_fn_type(x), use_pm(x) ? check_pm_fn(x) : check_fn(x),
                                    args, 5, "");
    if (use_pm(x))
        LLVMSetInstructionCallConv(r, LLVMPreserveMostCallConv);
    LLVMBuildRet(b, LLVMBuildICmp(b, LLVMIntNE, r, LLVMConstInt(x->i32, 0, 0), ""));
    LLVMDisposeBuilder(b);
    return f;
}

struct vec {
    LLVMValueRef *v;
    size_t n, cap;
};

static void vec_push(struct vec *a, LLVMValueRef v)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->v = bw_xrealloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = v;
}

static int vec_has(const struct vec *a, LLVMValueRef v)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i] == v)
            return 1;
    return 0;
}

static int is_type_test(LLVMValueRef inst)
{
    size_t len;
    const char *n = bw_callee_name(inst, &len);
    return n && ((len == 14 && memcmp(n, "llvm.type.test", 14) == 0) ||
                 (len == 21 && memcmp(n, "llvm.public.type.test", 21) == 0));
}

/* The indirect call that calls through p (or a cast of it), if any. */
static LLVMValueRef call_through(LLVMValueRef p)
{
    LLVMValueRef q = bw_strip_casts(p);
    for (LLVMUseRef u = LLVMGetFirstUse(q); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (bw_is_call(user) && bw_strip_casts(LLVMGetCalledValue(user)) == q)
            return user;
    }
    return NULL;
}

static int is_indirect(LLVMValueRef inst)
{
    if (!bw_is_call(inst))
        return 0;
    LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(inst));
    return callee && !LLVMIsAFunction(callee) && !LLVMIsAInlineAsm(callee);
}

int bw_cfi_early(struct bw_ctx *x)
{
    struct vec tests = { 0 }, fails = { 0 }, calls = { 0 }, covered = { 0 };
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (bw_is_ours(f))
            continue;
        covered.n = 0;
        size_t first_call = calls.n;
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b))
            for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
                size_t len;
                const char *n = LLVMIsACallInst(i) ? bw_callee_name(i, &len) : NULL;
                if (LLVMIsACallInst(i) && is_type_test(i)) {
                    vec_push(&tests, i);
                    vec_push(&covered, bw_strip_casts(LLVMGetOperand(i, 0)));
                } else if (n && len > 29 && memcmp(n, "__ubsan_handle_cfi_check_fail", 29) == 0) {
                    vec_push(&fails, i);
                } else if (is_indirect(i)) {
                    vec_push(&calls, i);
                }
            }
        /* Calls already guarded by a type test need no second check. */
        size_t keep = first_call;
        for (size_t k = first_call; k < calls.n; k++)
            if (!vec_has(&covered, bw_strip_casts(LLVMGetCalledValue(calls.v[k]))))
                calls.v[keep++] = calls.v[k];
        calls.n = keep;
    }
    if (tests.n == 0 && fails.n == 0 && calls.n == 0) {
        free(covered.v);
        return 0;
    }
    /* Type tests stay in the IR until the late stage (expand_type_tests):
     * an intrinsic call and a branch to a trap weigh far less in the
     * inliner's cost model than the expanded fast path, so hot functions
     * are inlined as in a build without Bulwark. */
    x->st.type_tests += tests.n;
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    if (calls.n) {
        LLVMValueRef fast = fast_fn(x);
        LLVMTypeRef fast_ty = LLVMGlobalGetValueType(fast);
        LLVMTypeRef cache_ty = LLVMArrayType(x->ptr, (unsigned)(BW_CFI_CACHE_WAYS * calls.n));
        LLVMValueRef caches = LLVMAddGlobal(x->m, cache_ty, "bw.cfi.caches");
        LLVMSetInitializer(caches, LLVMConstNull(cache_ty));
        LLVMSetLinkage(caches, LLVMInternalLinkage);
        LLVMSetAlignment(caches, 8);
        char sigbuf[256];
        for (size_t k = 0; k < calls.n; k++) {
            LLVMValueRef call = calls.v[k];
            LLVMValueRef callee = LLVMGetCalledValue(call);
            uint64_t sig = bw_sig_id(LLVMGetCalledFunctionType(call), sigbuf, sizeof sigbuf);
            LLVMPositionBuilderBefore(b, call);
            LLVMValueRef idx[2] = { LLVMConstInt(x->i64, 0, 0), LLVMConstInt(x->i64, BW_CFI_CACHE_WAYS * k, 0) };
            LLVMValueRef args[5] = {
                LLVMBuildPointerCast(b, callee, x->ptr, ""),
                LLVMConstInt(x->i64, 0, 0),
                LLVMConstInt(x->i64, sig, 0),
                bw_site(x, call, sigbuf, 1),
                LLVMConstPointerCast(LLVMConstInBoundsGEP2(cache_ty, caches, idx, 2), x->ptr),
            };
            LLVMBuildCall2(b, fast_ty, fast, args, 5, "");
        }
    }
    LLVMValueRef trap = bw_intrinsic(x, "llvm.trap", NULL, 0);
    LLVMTypeRef trap_ty = LLVMFunctionType(x->vd, NULL, 0, 0);
    for (size_t k = 0; k < fails.n; k++) {
        LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(fails.v[k]));
        LLVMPositionBuilderBefore(b, fails.v[k]);
        LLVMBuildCall2(b, trap_ty, trap, NULL, 0, "");
        LLVMInstructionEraseFromParent(fails.v[k]);
        if (LLVMIsAFunction(callee) && !LLVMGetFirstUse(callee))
            LLVMDeleteFunction(callee);
    }
    LLVMDisposeBuilder(b);
    free(tests.v);
    free(fails.v);
    free(calls.v);
    free(covered.v);
    return 1;
}

/* CFI switched off but the front end still emitted type tests: answer them
 * "true", as a non-LTO pipeline would (codegen cannot always lower them). */
int bw_cfi_drop_tests(struct bw_ctx *x)
{
    struct vec tests = { 0 };
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b))
            for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i))
                if (LLVMIsACallInst(i) && is_type_test(i))
                    vec_push(&tests, i);
    for (size_t k = 0; k < tests.n; k++) {
        LLVMReplaceAllUsesWith(tests.v[k], LLVMConstInt(x->i1, 1, 0));
        LLVMInstructionEraseFromParent(tests.v[k]);
    }
    free(tests.v);
    return tests.n > 0;
}

/* ---- type ids of a global ------------------------------------------ */

struct type_ids {
    uint64_t src[8];
    uint64_t offset[8];
    size_t nsrc;
    uint64_t gen;
};

static void type_ids_of(struct bw_ctx *x, LLVMValueRef g, struct type_ids *t)
{
    memset(t, 0, sizeof *t);
    size_t n = 0;
    LLVMValueMetadataEntry *md = LLVMGlobalCopyAllMetadata(g, &n);
    for (size_t i = 0; i < n; i++) {
        if (LLVMValueMetadataEntriesGetKind(md, (unsigned)i) != x->type_kind)
            continue;
        LLVMValueRef node = LLVMMetadataAsValue(x->c, LLVMValueMetadataEntriesGetMetadata(md, (unsigned)i));
        if (LLVMGetMDNodeNumOperands(node) != 2)
            continue;
        LLVMValueRef ops[2];
        LLVMGetMDNodeOperands(node, ops);
        const char *text;
        size_t len;
        uint64_t id = bw_type_id_of(x, ops[1], &text, &len);
        uint64_t off = LLVMIsAConstantInt(ops[0]) ? LLVMConstIntGetZExtValue(ops[0]) : 0;
        if (text && len > 12 && memcmp(text + len - 12, ".generalized", 12) == 0)
            t->gen = id;
        else if (t->nsrc < 8) {
            t->offset[t->nsrc] = off;
            t->src[t->nsrc++] = id;
        }
    }
    if (md)
        LLVMDisposeValueMetadataEntries(md);
}

/* ---- late stage ----------------------------------------------------- */

/* Does anything other than a direct call use v's address? */
static int address_taken(LLVMValueRef v)
{
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (bw_is_call(user)) {
            if (bw_strip_casts(LLVMGetCalledValue(user)) != bw_strip_casts(v))
                return 1;
            unsigned na = (unsigned)LLVMGetNumArgOperands(user);
            for (unsigned i = 0; i < na; i++)
                if (bw_strip_casts(LLVMGetOperand(user, i)) == bw_strip_casts(v))
                    return 1;
            continue;
        }
        if (LLVMIsAConstantExpr(user)) {
            LLVMOpcode op = LLVMGetConstOpcode(user);
            if ((op == LLVMBitCast || op == LLVMAddrSpaceCast) && !address_taken(user))
                continue;
            return 1;
        }
        return 1;
    }
    return 0;
}

/* Would the runtime accept a call of the defined or declared function fn
 * with source type id src (0: none) and IR-signature id sig? */
static int target_matches(struct bw_ctx *x, LLVMValueRef fn, uint64_t src, uint64_t sig)
{
    char sigbuf[256];
    struct type_ids t;
    type_ids_of(x, fn, &t);
    if (src && (t.nsrc || t.gen)) {
        int ok = t.gen == src;
        for (size_t i = 0; i < t.nsrc; i++)
            ok |= t.src[i] == src;
        return ok;
    }
    return bw_sig_id(LLVMGlobalGetValueType(fn), sigbuf, sizeof sigbuf) == sig;
}

/* Decide checks whose target became a known function. */
static void fold_constant_checks(struct bw_ctx *x, LLVMValueRef check)
{
    struct vec calls = { 0 };
    for (LLVMUseRef u = LLVMGetFirstUse(check); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (LLVMIsACallInst(user))
            vec_push(&calls, user);
    }
    for (size_t k = 0; k < calls.n; k++) {
        LLVMValueRef c = calls.v[k];
        LLVMValueRef target = bw_strip_casts(LLVMGetOperand(c, 0));
        if (!LLVMIsAFunction(target))
            continue;
        uint64_t src = LLVMConstIntGetZExtValue(LLVMGetOperand(c, 1));
        uint64_t sig = LLVMConstIntGetZExtValue(LLVMGetOperand(c, 2));
        if (!target_matches(x, target, src, sig))
            continue; /* leave it: the runtime reports the mismatch */
        LLVMReplaceAllUsesWith(c, LLVMConstInt(x->i32, 1, 0));
        LLVMInstructionEraseFromParent(c);
        x->st.icalls_folded++;
    }
    free(calls.v);
}

/* ---- late expansion of the type tests -------------------------------- */

/* The conditional branch on tt that is its only use, if the expansion can
 * rewrite it in place: the failure block must not merge values (it is
 * clang's trap block), since the tested block stops being its predecessor. */
static LLVMValueRef branch_on(LLVMValueRef tt)
{
    LLVMUseRef u = LLVMGetFirstUse(tt);
    if (!u || LLVMGetNextUse(u))
        return NULL;
    LLVMValueRef br = LLVMGetUser(u);
    if (!LLVMIsABranchInst(br) || !LLVMIsConditional(br) || LLVMGetCondition(br) != tt)
        return NULL;
    LLVMBasicBlockRef pass = LLVMGetSuccessor(br, 0), fail = LLVMGetSuccessor(br, 1);
    if (pass == fail || LLVMGetInstructionParent(br) == fail)
        return NULL;
    LLVMValueRef first = LLVMGetFirstInstruction(fail);
    return first && LLVMIsAPHINode(first) ? NULL : br;
}

/* Every phi of `to` gets, for each block of `from`, the value it has for
 * the edge from `pred` (the new blocks branch to `to` as pred did). */
static void copy_incoming(LLVMBasicBlockRef to, LLVMBasicBlockRef pred,
                          LLVMBasicBlockRef *from, unsigned nfrom)
{
    for (LLVMValueRef phi = LLVMGetFirstInstruction(to); phi && LLVMIsAPHINode(phi);
         phi = LLVMGetNextInstruction(phi)) {
        unsigned n = LLVMCountIncoming(phi);
        for (unsigned i = 0; i < n; i++) {
            if (LLVMGetIncomingBlock(phi, i) != pred)
                continue;
            LLVMValueRef v = LLVMGetIncomingValue(phi, i);
            for (unsigned k = 0; k < nfrom; k++)
                LLVMAddIncoming(phi, &v, &from[k], 1);
            break;
        }
    }
}

struct late_check {
    LLVMValueRef target;   /* the tested pointer */
    uint64_t src, sig;
    LLVMValueRef site, cache;
};

static LLVMValueRef build_slow_call(struct bw_ctx *x, LLVMBuilderRef b, const struct late_check *c)
{
    LLVMValueRef args[5] = { LLVMBuildPointerCast(b, c->target, x->ptr, ""),
                             LLVMConstInt(x->i64, c->src, 0), LLVMConstInt(x->i64, c->sig, 0),
                             c->site, c->cache };
    LLVMValueRef r = LLVMBuildCall2(b, check_fn_type(x), use_pm(x) ? check_pm_fn(x) : check_fn(x),
                                    args, 5, "bw.cfi.r");
    if (use_pm(x))
        LLVMSetInstructionCallConv(r, LLVMPreserveMostCallConv);
    return LLVMBuildICmp(b, LLVMIntNE, r, LLVMConstInt(x->i32, 0, 0), "bw.cfi.ok");
}

/* Replace `br tt, pass, fail` by the fast path written out in place: one
 * load and compare per cache way, each hit going straight to `pass`; the
 * last miss calls the runtime, whose answer picks pass or fail. */
static void expand_in_place(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef br,
                            const struct late_check *c)
{
    LLVMBasicBlockRef bb = LLVMGetInstructionParent(br);
    LLVMBasicBlockRef pass = LLVMGetSuccessor(br, 0), fail = LLVMGetSuccessor(br, 1);
    LLVMValueRef fn = LLVMGetBasicBlockParent(bb);
    LLVMBasicBlockRef added[BW_CFI_CACHE_WAYS];
    unsigned nadded = 0;
    LLVMPositionBuilderBefore(b, br);
    LLVMValueRef target = LLVMBuildPtrToInt(b, LLVMBuildPointerCast(b, c->target, x->ptr, ""),
                                            x->i64, "bw.cfi.target");
    /* An array of pointers (i8** under LLVM 14's typed pointers). */
    LLVMValueRef ways = LLVMBuildPointerCast(b, c->cache, LLVMPointerType(x->ptr, 0), "");
    for (unsigned k = 0; k < BW_CFI_CACHE_WAYS; k++) {
        LLVMBasicBlockRef next = k + 1 < BW_CFI_CACHE_WAYS
            ? LLVMInsertBasicBlockInContext(x->c, pass, "bw.cfi.way")
            : LLVMAppendBasicBlockInContext(x->c, fn, "bw.cfi.slow");
        LLVMValueRef idx[1] = { LLVMConstInt(x->i64, k, 0) };
        LLVMValueRef slot = LLVMBuildInBoundsGEP2(b, x->ptr, ways, idx, 1, "");
        LLVMValueRef cached = LLVMBuildLoad2(b, x->ptr, slot, "bw.cfi.cached");
        LLVMSetOrdering(cached, LLVMAtomicOrderingUnordered); /* see cache_load_ordering */
        LLVMSetAlignment(cached, 8);
        LLVMValueRef eq = LLVMBuildICmp(b, LLVMIntEQ, LLVMBuildPtrToInt(b, cached, x->i64, ""),
                                        target, "");
        LLVMValueRef br0 = LLVMBuildCondBr(b, eq, pass, next);
        if (k == 0)
            bw_mark_likely(x, br0);
        LLVMPositionBuilderAtEnd(b, next);
        added[nadded++] = next;
    }
    LLVMBuildCondBr(b, build_slow_call(x, b, c), pass, fail);
    LLVMInstructionEraseFromParent(br);
    copy_incoming(pass, bb, added, nadded);
}

/* Each llvm.type.test the optimiser left becomes a runtime check with a
 * per-site cache, or `true` when its target became a function whose type
 * matches.  The caches of the early stage's sites (calls without a type
 * test) and of these share one array, which the runtime clears at dlclose. */
static void expand_type_tests(struct bw_ctx *x)
{
    struct vec tests = { 0 };
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i))
                if (LLVMIsACallInst(i) && is_type_test(i))
                    vec_push(&tests, i);
    if (tests.n == 0)
        return;
    LLVMValueRef old = LLVMGetNamedGlobal(x->m, "bw.cfi.caches");
    unsigned nold = old ? LLVMGetArrayLength(LLVMGlobalGetValueType(old)) : 0;
    LLVMTypeRef cache_ty = LLVMArrayType(x->ptr, nold + (unsigned)(BW_CFI_CACHE_WAYS * tests.n));
    if (old)
        LLVMSetValueName2(old, "bw.cfi.caches.early", 19);
    LLVMValueRef caches = LLVMAddGlobal(x->m, cache_ty, "bw.cfi.caches");
    LLVMSetInitializer(caches, LLVMConstNull(cache_ty));
    LLVMSetLinkage(caches, LLVMInternalLinkage);
    LLVMSetAlignment(caches, 8);
    if (old) {
        LLVMReplaceAllUsesWith(old, LLVMConstPointerCast(caches, LLVMTypeOf(old)));
        LLVMDeleteGlobal(old);
    }
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    char sigbuf[256], detail[256];
    for (size_t k = 0; k < tests.n; k++) {
        LLVMValueRef tt = tests.v[k];
        struct late_check c;
        const char *text;
        size_t tlen;
        c.target = LLVMGetOperand(tt, 0);
        c.src = bw_type_id_of(x, LLVMGetOperand(tt, 1), &text, &tlen);
        LLVMValueRef call = call_through(c.target);
        c.sig = call ? bw_sig_id(LLVMGetCalledFunctionType(call), sigbuf, sizeof sigbuf) : 0;
        LLVMValueRef fn = bw_strip_casts(c.target);
        if (LLVMIsAFunction(fn) && target_matches(x, fn, c.src, c.sig)) {
            LLVMReplaceAllUsesWith(tt, LLVMConstInt(x->i1, 1, 0));
            LLVMInstructionEraseFromParent(tt);
            x->st.icalls_folded++;
            continue;
        }
        if (text)
            snprintf(detail, sizeof detail, "%.*s", (int)tlen, text);
        else
            snprintf(detail, sizeof detail, "(type with internal linkage)");
        c.site = bw_site(x, tt, detail, 1);
        LLVMValueRef idx[2] = { LLVMConstInt(x->i64, 0, 0),
                                LLVMConstInt(x->i64, nold + BW_CFI_CACHE_WAYS * k, 0) };
        c.cache = LLVMConstPointerCast(LLVMConstInBoundsGEP2(cache_ty, caches, idx, 2), x->ptr);
        LLVMSetCurrentDebugLocation2(b, LLVMInstructionGetDebugLoc(tt));
        LLVMValueRef br = branch_on(tt);
        if (br) {
            expand_in_place(x, b, br, &c);
        } else {
            /* The test was hoisted or its result is used more than once:
             * call the always-inline fast path, which the plugin's
             * always-inliner right after this stage expands. */
            LLVMPositionBuilderBefore(b, tt);
            LLVMValueRef fast = fast_fn(x);
            LLVMValueRef args[5] = { LLVMBuildPointerCast(b, c.target, x->ptr, ""),
                                     LLVMConstInt(x->i64, c.src, 0), LLVMConstInt(x->i64, c.sig, 0),
                                     c.site, c.cache };
            LLVMReplaceAllUsesWith(tt, LLVMBuildCall2(b, LLVMGlobalGetValueType(fast), fast, args, 5,
                                                      "bw.cfi.ok"));
        }
        LLVMInstructionEraseFromParent(tt);
    }
    LLVMDisposeBuilder(b);
    free(tests.v);
}

/* Does block bb end in a passed check of v: either it calls the check
 * (or the fast path) on v, or it ends in the inlined fast path's cache hit
 * `br (icmp eq v, load bw.cfi.caches[k]), <phi block>, ...`? */
static int block_checks(LLVMBasicBlockRef bb, LLVMValueRef v, LLVMBasicBlockRef to)
{
    LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
    if (!term || !LLVMIsABranchInst(term))
        return 0;
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
        if (!LLVMIsACallInst(i))
            continue;
        LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(i));
        if (is_check_fn(callee) && bw_strip_casts(LLVMGetOperand(i, 0)) == v)
            return 1;
    }
    if (!LLVMIsConditional(term) || LLVMGetSuccessor(term, 0) != to)
        return 0;
    LLVMValueRef cond = LLVMGetCondition(term);
    if (!LLVMIsAICmpInst(cond) || LLVMGetICmpPredicate(cond) != LLVMIntEQ)
        return 0;
    for (unsigned k = 0; k < 2; k++) {
        LLVMValueRef a = bw_strip_casts(LLVMGetOperand(cond, k));
        LLVMValueRef c = LLVMGetOperand(cond, 1 - k);
        if (LLVMIsAPtrToIntInst(a))
            a = bw_strip_casts(LLVMGetOperand(a, 0));
        if (LLVMIsAPtrToIntInst(c))
            c = LLVMGetOperand(c, 0);
        if (a != v || !LLVMIsALoadInst(c))
            continue;
        LLVMValueRef addr = LLVMGetOperand(c, 0);
        while (addr && (LLVMIsAConstantExpr(addr) || LLVMIsAGetElementPtrInst(addr)) &&
               !LLVMIsAGlobalVariable(addr))
            addr = LLVMGetOperand(addr, 0);
        size_t len = 0;
        const char *n = addr && LLVMIsAGlobalVariable(addr) ? LLVMGetValueName2(addr, &len) : NULL;
        if (n && len >= 13 && memcmp(n, "bw.cfi.caches", 13) == 0)
            return 1;
    }
    return 0;
}

/* Is the callee v checked: a value some check of this function was made
 * on, or a phi whose every incoming value was checked in the block it comes
 * from (the optimiser merges two checked loads into one call: each path
 * passed its own check right before the merge). */
static int covered_by(const struct vec *checked, LLVMValueRef v)
{
    v = bw_strip_casts(v);
    if (vec_has(checked, v))
        return 1;
    if (!LLVMIsAPHINode(v))
        return 0;
    unsigned n = LLVMCountIncoming(v);
    LLVMBasicBlockRef to = LLVMGetInstructionParent(v);
    for (unsigned i = 0; i < n; i++) {
        LLVMValueRef in = bw_strip_casts(LLVMGetIncomingValue(v, i));
        if (!vec_has(checked, in) || !block_checks(LLVMGetIncomingBlock(v, i), in, to))
            return 0;
    }
    return n > 0;
}

/* Late stage: count the indirect calls and how they are checked; check any
 * the early stage could not see (calls created by the optimiser). */
static int instrument_icalls(struct bw_ctx *x, LLVMValueRef check)
{
    LLVMTypeRef check_ty = check_fn_type(x);
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    struct vec typed = { 0 }, untyped = { 0 }, todo = { 0 };
    int changed = 0;
    char sigbuf[256];
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (LLVMIsDeclaration(f) || bw_is_ours(f))
            continue;
        typed.n = untyped.n = todo.n = 0;
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
                if (!bw_is_call(i))
                    continue;
                LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(i));
                if (callee == check || is_check_fn(callee)) {
                    LLVMValueRef src = LLVMGetOperand(i, 1);
                    int has_src = !LLVMIsAConstantInt(src) || LLVMConstIntGetZExtValue(src) != 0;
                    vec_push(has_src ? &typed : &untyped, bw_strip_casts(LLVMGetOperand(i, 0)));
                    continue;
                }
                if (!callee || LLVMIsAFunction(callee) || LLVMIsAInlineAsm(callee))
                    continue;
                vec_push(&todo, i);
            }
        for (size_t k = 0; k < todo.n; k++) {
            LLVMValueRef call = todo.v[k];
            LLVMValueRef callee = LLVMGetCalledValue(call);
            uint64_t sig = bw_sig_id(LLVMGetCalledFunctionType(call), sigbuf, sizeof sigbuf);
            if (covered_by(&typed, callee)) {
                x->st.icalls_typed++;
                continue;
            }
            x->st.icalls_sig++;
            bw_remarkf(x, call, "IndirectCallWithoutTypeId",
                       "indirect call checked with the IR signature only (%s): build with "
                       "-Xclang -fsanitize=cfi-icall for source-level type ids", sigbuf);
            if (covered_by(&untyped, callee))
                continue;
            LLVMPositionBuilderBefore(b, call);
            LLVMValueRef args[5] = {
                LLVMBuildPointerCast(b, callee, x->ptr, ""),
                LLVMConstInt(x->i64, 0, 0),
                LLVMConstInt(x->i64, sig, 0),
                bw_site(x, call, sigbuf, 1),
                LLVMConstNull(x->ptr), /* no cache slot */
            };
            LLVMBuildCall2(b, check_ty, check, args, 5, "");
            changed = 1;
        }
    }
    free(typed.v);
    free(untyped.v);
    free(todo.v);
    LLVMDisposeBuilder(b);
    return changed;
}

static void register_module(struct bw_ctx *x)
{
    LLVMTypeRef fields[5] = { x->ptr, x->i64, x->i64, x->i64, x->ptr };
    LLVMTypeRef func_ty = LLVMGetTypeByName2(x->c, "bw.func_t");
    if (!func_ty) {
        func_ty = LLVMStructCreateNamed(x->c, "bw.func_t");
        LLVMStructSetBody(func_ty, fields, 5, 0);
    }
    struct vec entries = { 0 };
    char sigbuf[256];
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        size_t nlen;
        const char *name = LLVMGetValueName2(f, &nlen);
        if (bw_is_ours(f) || (nlen > 5 && memcmp(name, "llvm.", 5) == 0) || LLVMGetIntrinsicID(f))
            continue;
        LLVMLinkage l = LLVMGetLinkage(f);
        int local = l == LLVMInternalLinkage || l == LLVMPrivateLinkage;
        int decl = LLVMIsDeclaration(f) || l == LLVMAvailableExternallyLinkage;
        int taken = address_taken(f);
        if (!(taken || (!decl && !local)))
            continue;
        struct type_ids t;
        type_ids_of(x, f, &t);
        uint64_t sig = bw_sig_id(LLVMGlobalGetValueType(f), sigbuf, sizeof sigbuf);
        size_t nrec = t.nsrc ? t.nsrc : 1;
        for (size_t k = 0; k < nrec; k++) {
            LLVMValueRef vals[5] = {
                LLVMConstPointerCast(f, x->ptr),
                LLVMConstInt(x->i64, t.nsrc ? t.src[k] : 0, 0),
                LLVMConstInt(x->i64, t.gen, 0),
                LLVMConstInt(x->i64, sig, 0),
                bw_const_string(x, name),
            };
            vec_push(&entries, LLVMConstNamedStruct(func_ty, vals, 5));
        }
    }
    /* Vtables (and other globals) that carry !type: their address points. */
    for (LLVMValueRef g = LLVMGetFirstGlobal(x->m); g; g = LLVMGetNextGlobal(g)) {
        if (LLVMIsDeclaration(g))
            continue;
        struct type_ids t;
        type_ids_of(x, g, &t);
        size_t nlen;
        const char *name = LLVMGetValueName2(g, &nlen);
        for (size_t k = 0; k < t.nsrc; k++) {
            LLVMValueRef idx[1] = { LLVMConstInt(x->i64, t.offset[k], 0) };
            LLVMValueRef base = LLVMConstPointerCast(g, LLVMPointerType(x->i8, 0));
            LLVMValueRef ap = LLVMConstInBoundsGEP2(x->i8, base, idx, 1);
            LLVMValueRef vals[5] = {
                LLVMConstPointerCast(ap, x->ptr),
                LLVMConstInt(x->i64, t.src[k], 0),
                LLVMConstInt(x->i64, 0, 0),
                LLVMConstInt(x->i64, 0, 0),
                bw_const_string(x, name),
            };
            vec_push(&entries, LLVMConstNamedStruct(func_ty, vals, 5));
        }
    }
    LLVMValueRef arr = LLVMConstArray(func_ty, entries.v, (unsigned)entries.n);
    LLVMValueRef funcs = LLVMAddGlobal(x->m, LLVMTypeOf(arr), "bw.funcs");
    LLVMSetInitializer(funcs, arr);
    LLVMSetGlobalConstant(funcs, 1);
    LLVMSetLinkage(funcs, LLVMPrivateLinkage);
    x->st.registered = entries.n;
    free(entries.v);

    size_t slen;
    const char *src = LLVMGetSourceFileName(x->m, &slen);
    char srcbuf[512];
    snprintf(srcbuf, sizeof srcbuf, "%.*s", (int)slen, src);
    LLVMValueRef caches = LLVMGetNamedGlobal(x->m, "bw.cfi.caches");
    unsigned ncaches = caches ? LLVMGetArrayLength(LLVMGlobalGetValueType(caches)) : 0;
    LLVMTypeRef mfields[7] = { x->i32, x->i32, x->ptr, x->ptr, x->ptr, x->i32, x->i32 };
    LLVMTypeRef mod_ty = LLVMStructTypeInContext(x->c, mfields, 7, 0);
    LLVMValueRef mvals[7] = {
        LLVMConstInt(x->i32, 1, 0), /* BW_RT_ABI_VERSION */
        LLVMConstInt(x->i32, x->st.registered, 0),
        LLVMConstPointerCast(funcs, x->ptr),
        bw_const_string(x, srcbuf),
        caches ? LLVMConstPointerCast(caches, x->ptr) : LLVMConstNull(x->ptr),
        LLVMConstInt(x->i32, ncaches, 0),
        LLVMConstInt(x->i32, 0, 0),
    };
    LLVMValueRef minit = LLVMConstStructInContext(x->c, mvals, 7, 0);
    LLVMValueRef mod = LLVMAddGlobal(x->m, mod_ty, "bw.module");
    LLVMSetInitializer(mod, minit);
    LLVMSetGlobalConstant(mod, 1);
    LLVMSetLinkage(mod, LLVMPrivateLinkage);
    (void)mod_ty;
    LLVMValueRef desc = LLVMConstPointerCast(mod, x->ptr);
    bw_append_structor(x, "llvm.global_ctors",
                       bw_make_structor(x, "bw.module_ctor", "__bw_register_module", desc));
    bw_append_structor(x, "llvm.global_dtors",
                       bw_make_structor(x, "bw.module_dtor", "__bw_unregister_module", desc));
}

int bw_cfi_late(struct bw_ctx *x)
{
    expand_type_tests(x);
    LLVMValueRef check = LLVMGetNamedFunction(x->m, "__bw_cfi_check");
    LLVMValueRef check_pm = LLVMGetNamedFunction(x->m, "__bw_cfi_check_pm");
    if (check_pm)
        fold_constant_checks(x, check_pm);
    if (check)
        fold_constant_checks(x, check);
    else
        check = check_fn(x);
    instrument_icalls(x, check);
    if (!LLVMGetFirstUse(check))
        LLVMDeleteFunction(check);
    register_module(x);
    return 1;
}
