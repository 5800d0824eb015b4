/*
 * memcheck.c — run-time-checked memory operations.
 *
 * Runs at pipeline start, on the IR as clang wrote it, because that is where
 * struct-member accesses are still visible as typed GEPs (the optimiser
 * later folds them into byte offsets).  For each write it computes what is
 * writable at the destination:
 *   avail = min(llvm.objectsize(dst, dynamic), bytes left in the struct
 *               member dst points into)
 * and either checks `len <= avail` inline (through the always-inline helper
 * bw.memchk, which calls the runtime only when the check fails or avail is
 * unknown) or replaces the call by a runtime wrapper that measures while it
 * runs (strcpy, sprintf, sscanf ...).  Because llvm.objectsize is only
 * lowered late, inlining and constant propagation make most avail values
 * exact and fold most checks away, as _FORTIFY_SOURCE's
 * __builtin_dynamic_object_size does.
 *
 * Only array members narrow the bound (writing from a scalar member to the
 * end of the struct is a common way to clear a struct's tail).  A trailing
 * array in a struct (a flexible array member, also the old [1]/[0] idioms)
 * is bounded by the whole object, not by the member.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pass_internal.h"

enum mf_kind {
    MF_FIXED, MF_PRODUCT, MF_STR, MF_STRN, MF_PRINTF, MF_VPRINTF,
    MF_SSCANF, MF_FSCANF, MF_SCANF, MF_UNHANDLED
};

struct memfn {
    const char *name;
    enum mf_kind kind;
    int dst, len, len2;
    const char *wrapper;
};

static const struct memfn memfns[] = {
#define BW_MEMFN(name, kind, dst, len, len2, wrapper) { name, kind, dst, len, len2, wrapper },
#include "memfuncs.def"
#undef BW_MEMFN
};

static const struct memfn *lookup(const char *name, size_t len)
{
    static const struct memfn intr = { "llvm.mem*", MF_FIXED, 0, 2, -1, NULL };
    if ((len > 12 && memcmp(name, "llvm.memcpy.", 12) == 0) ||
        (len > 13 && memcmp(name, "llvm.memmove.", 13) == 0) ||
        (len > 12 && memcmp(name, "llvm.memset.", 12) == 0))
        return &intr;
    for (size_t i = 0; i < sizeof memfns / sizeof memfns[0]; i++)
        if (strlen(memfns[i].name) == len && memcmp(memfns[i].name, name, len) == 0)
            return &memfns[i];
    return NULL;
}

static int is_gep(LLVMValueRef v)
{
    return LLVMIsAGetElementPtrInst(v) ||
           (LLVMIsAConstantExpr(v) && LLVMGetConstOpcode(v) == LLVMGetElementPtr);
}

static LLVMValueRef underlying(LLVMValueRef v)
{
    for (int depth = 0; depth < 32; depth++) {
        v = bw_strip_casts(v);
        if (!is_gep(v))
            break;
        v = LLVMGetOperand(v, 0);
    }
    return v;
}

/* Finds the struct member p points into: builds a pointer to the member's
 * start before the builder's position and returns it with its size. */
static LLVMValueRef find_member(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef p,
                                uint64_t *size)
{
    LLVMValueRef v = p;
    for (int depth = 0; depth < 16; depth++) {
        v = bw_strip_casts(v);
        if (!is_gep(v))
            return NULL;
        LLVMTypeRef t = LLVMGetGEPSourceElementType(v);
        unsigned nops = (unsigned)LLVMGetNumOperands(v);
        int best = -1;
        LLVMTypeRef best_ty = NULL;
        for (unsigned j = 2; j < nops; j++) { /* operand j is index j-1; index 0 steps the pointer */
            LLVMTypeKind k = LLVMGetTypeKind(t);
            if (k == LLVMStructTypeKind) {
                LLVMValueRef idx = LLVMGetOperand(v, j);
                if (!LLVMIsAConstantInt(idx))
                    break;
                unsigned fi = (unsigned)LLVMConstIntGetZExtValue(idx);
                unsigned nf = LLVMCountStructElementTypes(t);
                if (fi >= nf)
                    break;
                LLVMTypeRef ft = LLVMStructGetTypeAtIndex(t, fi);
                /* Only array members bound a write: `memset(&p->scalar, 0,
                 * sizeof *p - offsetof(T, scalar))` clears a struct's tail
                 * on purpose, while the attack is an overflow out of a
                 * buffer.  A trailing array is a flexible array member. */
                int is_array = LLVMGetTypeKind(ft) == LLVMArrayTypeKind;
                int trailing = fi == nf - 1 && is_array;
                if (is_array && !trailing) {
                    best = (int)j;
                    best_ty = ft;
                }
                t = ft;
            } else if (k == LLVMArrayTypeKind || k == LLVMVectorTypeKind) {
                t = LLVMGetElementType(t);
            } else {
                break;
            }
        }
        if (best >= 0) {
            LLVMValueRef idx[16];
            unsigned n = (unsigned)best; /* operands 1..best */
            if (n > 16)
                return NULL;
            for (unsigned j = 1; j <= n; j++)
                idx[j - 1] = LLVMGetOperand(v, j);
            LLVMValueRef base = LLVMGetOperand(v, 0);
            LLVMTypeRef src = LLVMGetGEPSourceElementType(v);
            *size = LLVMABISizeOfType(x->dl, best_ty);
            return LLVMBuildInBoundsGEP2(b, src, base, idx, n, "bw.member");
        }
        v = LLVMGetOperand(v, 0);
    }
    return NULL;
}

/* Bytes known writable at p (i64, all-ones when unknown), computed before
 * the builder's position. */
static LLVMValueRef avail_of(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef p)
{
    LLVMValueRef p8 = LLVMBuildPointerCast(b, p, x->ptr, "");
    LLVMTypeRef ot[2] = { x->i64, x->ptr };
    LLVMValueRef os = bw_intrinsic(x, "llvm.objectsize", ot, 2);
    LLVMTypeRef pt[4] = { x->ptr, x->i1, x->i1, x->i1 };
    LLVMTypeRef os_ty = LLVMFunctionType(x->i64, pt, 4, 0);
    LLVMValueRef args[4] = { p8, LLVMConstInt(x->i1, 0, 0), LLVMConstInt(x->i1, 1, 0),
                             LLVMConstInt(x->i1, 1, 0) };
    LLVMValueRef avail = LLVMBuildCall2(b, os_ty, os, args, 4, "bw.objsize");
    if (x->cfg->member_bounds) {
        uint64_t msize = 0;
        LLVMValueRef mp = find_member(x, b, p, &msize);
        if (mp) {
            LLVMValueRef pi = LLVMBuildPtrToInt(b, p8, x->i64, "");
            LLVMValueRef mi = LLVMBuildPtrToInt(b, mp, x->i64, "");
            LLVMValueRef off = LLVMBuildSub(b, pi, mi, "");
            LLVMValueRef left = LLVMBuildSub(b, LLVMConstInt(x->i64, msize, 0), off, "bw.member.left");
            LLVMValueRef lt = LLVMBuildICmp(b, LLVMIntULT, left, avail, "");
            avail = LLVMBuildSelect(b, lt, left, avail, "bw.avail");
        }
    }
    return avail;
}

static LLVMTypeRef slow_ty(struct bw_ctx *x)
{
    LLVMTypeRef p[5] = { x->ptr, x->i64, x->i64, x->ptr, x->ptr };
    return LLVMFunctionType(x->vd, p, 5, 0);
}

/* internal void bw.memchk(dst, len, avail, base, site), always inlined. */
static LLVMValueRef memchk_fn(struct bw_ctx *x)
{
    LLVMValueRef f = LLVMGetNamedFunction(x->m, "bw.memchk");
    if (f)
        return f;
    f = LLVMAddFunction(x->m, "bw.memchk", slow_ty(x));
    LLVMSetLinkage(f, LLVMInternalLinkage);
    unsigned ai = LLVMGetEnumAttributeKindForName("alwaysinline", 12);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, ai, 0));
    unsigned nu = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nu, 0));
    /* On x86_64 the preserve_most entry point (runtime/rt_stubs_x86_64.S):
     * the rarely taken call costs the caller no spills. */
    const char *triple = LLVMGetTarget(x->m);
    int pm = triple && strncmp(triple, "x86_64", 6) == 0;
    LLVMValueRef slow = bw_get_fn(x, pm ? "__bw_mem_check_slow_pm" : "__bw_mem_check_slow", slow_ty(x));
    if (pm)
        bw_set_preserve_most(x, slow);
    unsigned cold = LLVMGetEnumAttributeKindForName("cold", 4);
    LLVMAddAttributeAtIndex(slow, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, cold, 0));
    LLVMAddAttributeAtIndex(slow, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nu, 0));

    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(x->c, f, "entry");
    LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(x->c, f, "bad");
    LLVMBasicBlockRef done = LLVMAppendBasicBlockInContext(x->c, f, "done");
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    LLVMPositionBuilderAtEnd(b, entry);
    LLVMValueRef len = LLVMGetParam(f, 1), avail = LLVMGetParam(f, 2);
    LLVMValueRef unk = LLVMBuildICmp(b, LLVMIntEQ, avail, LLVMConstAllOnes(x->i64), "");
    LLVMValueRef over = LLVMBuildICmp(b, LLVMIntUGT, len, avail, "");
    /* Size unknown: only a 16-byte-aligned base can be the start of a heap
     * block (malloc's alignment), so only then ask the runtime.  A null base
     * is aligned too and goes to the runtime, which finds no block for it
     * (rt_heap.c); testing it here as well cost four instructions on every
     * execution (two setcc and an or: x86 has no single test for both)
     * against a call that only a null destination with unknown size pays. */
    LLVMValueRef bi = LLVMBuildPtrToInt(b, LLVMGetParam(f, 3), x->i64, "");
    LLVMValueRef aligned = LLVMBuildICmp(b, LLVMIntEQ,
        LLVMBuildAnd(b, bi, LLVMConstInt(x->i64, 15, 0), ""), LLVMConstInt(x->i64, 0, 0), "");
    LLVMValueRef heap = LLVMBuildAnd(b, unk, aligned, "");
    LLVMBuildCondBr(b, LLVMBuildOr(b, heap, over, ""), bad, done);
    LLVMPositionBuilderAtEnd(b, bad);
    LLVMValueRef args[5];
    for (unsigned i = 0; i < 5; i++)
        args[i] = LLVMGetParam(f, i);
    LLVMValueRef sc = LLVMBuildCall2(b, slow_ty(x), slow, args, 5, "");
    if (pm)
        LLVMSetInstructionCallConv(sc, LLVMPreserveMostCallConv);
    LLVMBuildBr(b, done);
    LLVMPositionBuilderAtEnd(b, done);
    LLVMBuildRetVoid(b);
    LLVMDisposeBuilder(b);
    return f;
}

static LLVMValueRef to_i64(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef v)
{
    if (LLVMGetTypeKind(LLVMTypeOf(v)) != LLVMIntegerTypeKind)
        return NULL;
    return LLVMBuildIntCast2(b, v, x->i64, 0, "");
}

static void instrument_fixed(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef call,
                             const struct memfn *mf, const char *name)
{
    LLVMPositionBuilderBefore(b, call);
    LLVMValueRef dst = LLVMGetOperand(call, (unsigned)mf->dst);
    LLVMValueRef len = to_i64(x, b, LLVMGetOperand(call, (unsigned)mf->len));
    if (!len)
        return;
    if (mf->kind == MF_PRODUCT) {
        LLVMValueRef l2 = to_i64(x, b, LLVMGetOperand(call, (unsigned)mf->len2));
        if (!l2)
            return;
        len = LLVMBuildMul(b, len, l2, "");
    }
    LLVMValueRef args[5] = {
        LLVMBuildPointerCast(b, dst, x->ptr, ""),
        len,
        avail_of(x, b, dst),
        LLVMBuildPointerCast(b, underlying(dst), x->ptr, ""),
        bw_site(x, call, name, 2),
    };
    LLVMBuildCall2(b, slow_ty(x), memchk_fn(x), args, 5, "");
    x->st.memops_instrumented++;
}

/* Replaces call by wrapper(prefix..., rest of the original arguments). */
static void replace_call(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef call,
                         const char *wrapper, LLVMValueRef *prefix, unsigned nprefix,
                         unsigned first_rest, int variadic)
{
    unsigned nargs = (unsigned)LLVMGetNumArgOperands(call);
    unsigned nrest = nargs > first_rest ? nargs - first_rest : 0;
    LLVMValueRef *args = bw_xmalloc((nprefix + nrest) * sizeof *args);
    LLVMTypeRef *types = bw_xmalloc((nprefix + nrest) * sizeof *types);
    for (unsigned i = 0; i < nprefix; i++)
        args[i] = prefix[i];
    for (unsigned i = 0; i < nrest; i++)
        args[nprefix + i] = LLVMGetOperand(call, first_rest + i);
    unsigned nfixed = variadic ? nprefix + 1 : nprefix + nrest; /* + fmt */
    for (unsigned i = 0; i < nfixed && i < nprefix + nrest; i++)
        types[i] = LLVMTypeOf(args[i]);
    LLVMTypeRef fty = LLVMFunctionType(LLVMTypeOf(call), types, nfixed, variadic);
    LLVMValueRef fn = bw_get_fn(x, wrapper, fty);
    LLVMValueRef nc;
    if (LLVMIsAInvokeInst(call)) /* C++: a call that may throw, inside a try or with cleanups */
        nc = LLVMBuildInvoke2(b, fty, fn, args, nprefix + nrest, LLVMGetNormalDest(call),
                              LLVMGetUnwindDest(call), "");
    else
        nc = LLVMBuildCall2(b, fty, fn, args, nprefix + nrest, "");
    LLVMReplaceAllUsesWith(call, nc);
    LLVMInstructionEraseFromParent(call);
    free(args);
    free(types);
}

static LLVMValueRef avails_array(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef call,
                                 unsigned first, unsigned *count)
{
    unsigned nargs = (unsigned)LLVMGetNumArgOperands(call);
    unsigned n = nargs > first ? nargs - first : 0;
    *count = n;
    if (n == 0)
        return LLVMConstNull(x->ptr);
    /* The array lives in the entry block so loops do not grow the stack. */
    LLVMValueRef fn = bw_function_of(call);
    LLVMBuilderRef eb = LLVMCreateBuilderInContext(x->c);
    LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
    LLVMPositionBuilderBefore(eb, LLVMGetFirstInstruction(entry));
    LLVMTypeRef aty = LLVMArrayType(x->i64, n);
    LLVMValueRef arr = LLVMBuildAlloca(eb, aty, "bw.avails");
    LLVMDisposeBuilder(eb);
    for (unsigned i = 0; i < n; i++) {
        LLVMValueRef a = LLVMGetOperand(call, first + i);
        LLVMValueRef v = LLVMGetTypeKind(LLVMTypeOf(a)) == LLVMPointerTypeKind
                             ? avail_of(x, b, a)
                             : LLVMConstAllOnes(x->i64);
        LLVMValueRef idx[2] = { LLVMConstInt(x->i64, 0, 0), LLVMConstInt(x->i64, i, 0) };
        LLVMValueRef slot = LLVMBuildInBoundsGEP2(b, aty, arr, idx, 2, "");
        LLVMBuildStore(b, v, slot);
    }
    return LLVMBuildPointerCast(b, arr, x->ptr, "");
}

static void instrument_wrapped(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef call,
                               const struct memfn *mf, const char *name)
{
    unsigned nargs = (unsigned)LLVMGetNumArgOperands(call);
    LLVMPositionBuilderBefore(b, call);
    LLVMValueRef site = bw_site(x, call, name, 2);
    LLVMValueRef pre[6];
    switch (mf->kind) {
    case MF_STR: {
        if (nargs != 2) goto unhandled;
        LLVMValueRef d = LLVMGetOperand(call, 0);
        pre[0] = d;
        pre[1] = LLVMGetOperand(call, 1);
        pre[2] = avail_of(x, b, d);
        pre[3] = LLVMBuildPointerCast(b, underlying(d), x->ptr, "");
        pre[4] = site;
        replace_call(x, b, call, mf->wrapper, pre, 5, nargs, 0);
        break;
    }
    case MF_STRN: {
        if (nargs != 3) goto unhandled;
        LLVMValueRef d = LLVMGetOperand(call, 0);
        pre[0] = d;
        pre[1] = LLVMGetOperand(call, 1);
        pre[2] = to_i64(x, b, LLVMGetOperand(call, 2));
        pre[3] = avail_of(x, b, d);
        pre[4] = LLVMBuildPointerCast(b, underlying(d), x->ptr, "");
        pre[5] = site;
        replace_call(x, b, call, mf->wrapper, pre, 6, nargs, 0);
        break;
    }
    case MF_PRINTF:
    case MF_VPRINTF: {
        if (nargs < 2) goto unhandled;
        LLVMValueRef d = LLVMGetOperand(call, 0);
        pre[0] = d;
        pre[1] = avail_of(x, b, d);
        pre[2] = LLVMBuildPointerCast(b, underlying(d), x->ptr, "");
        pre[3] = site;
        replace_call(x, b, call, mf->wrapper, pre, 4, 1, mf->kind == MF_PRINTF);
        break;
    }
    case MF_SSCANF:
    case MF_FSCANF: {
        if (nargs < 2) goto unhandled;
        unsigned n;
        LLVMValueRef arr = avails_array(x, b, call, 2, &n);
        pre[0] = LLVMGetOperand(call, 0);
        pre[1] = arr;
        pre[2] = LLVMConstInt(x->i64, n, 0);
        pre[3] = site;
        replace_call(x, b, call, mf->wrapper, pre, 4, 1, 1);
        break;
    }
    case MF_SCANF: {
        if (nargs < 1) goto unhandled;
        unsigned n;
        LLVMValueRef arr = avails_array(x, b, call, 1, &n);
        pre[0] = arr;
        pre[1] = LLVMConstInt(x->i64, n, 0);
        pre[2] = site;
        replace_call(x, b, call, mf->wrapper, pre, 3, 0, 1);
        break;
    }
    default:
        goto unhandled;
    }
    x->st.memops_instrumented++;
    return;
unhandled:
    x->st.memops_unhandled++;
    bw_remarkf(x, call, "MemOpUnchecked", "call to %s cannot be checked", name);
}

int bw_mem_early(struct bw_ctx *x)
{
    LLVMValueRef *calls = NULL;
    const struct memfn **kinds = NULL;
    size_t n = 0, cap = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (bw_is_ours(f))
            continue;
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
                if (!bw_is_call(i))
                    continue;
                size_t len;
                const char *name = bw_callee_name(i, &len);
                const struct memfn *mf = name ? lookup(name, len) : NULL;
                if (!mf)
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 64;
                    calls = bw_xrealloc(calls, cap * sizeof *calls);
                    kinds = bw_xrealloc(kinds, cap * sizeof *kinds);
                }
                calls[n] = i;
                kinds[n++] = mf;
            }
    }
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    for (size_t k = 0; k < n; k++) {
        size_t len;
        const char *cn = bw_callee_name(calls[k], &len);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, cn);
        if (name[0] == 'l') { /* llvm.memcpy.p0.p0.i64 -> memcpy */
            const char *s = name + 5;
            size_t l = strcspn(s, ".");
            memmove(name, s, l);
            name[l] = '\0';
        }
        const struct memfn *mf = kinds[k];
        if (mf->kind == MF_FIXED || mf->kind == MF_PRODUCT)
            instrument_fixed(x, b, calls[k], mf, name);
        else if (mf->kind == MF_UNHANDLED) {
            x->st.memops_unhandled++;
            bw_remarkf(x, calls[k], "MemOpUnchecked",
                       "call to %s cannot be checked (no destination sizes through a va_list)", name);
        } else
            instrument_wrapped(x, b, calls[k], mf, name);
    }
    LLVMDisposeBuilder(b);
    free(calls);
    free(kinds);
    return n > 0;
}

/*
 * Every block glibc's malloc returns has at least 3 pointers' worth of
 * usable bytes (its smallest chunk, MINSIZE, is 4 words, one of them the
 * size header: 24 bytes on x86_64).  A write that ends within that many
 * bytes of a block's start stays inside the block's own chunk, so it cannot
 * reach another object or malloc's metadata, and looking its base up in
 * the runtime's heap sizes (a likely cache miss in the heap shadow) buys
 * nothing that matters.  What that gives up: a write past the requested
 * size of a block smaller than this, into the block's own padding
 * (malloc(4) and then an 8-byte store), is not reported.
 */
static uint64_t min_usable_bytes(struct bw_ctx *x)
{
    return 3 * (uint64_t)LLVMPointerSize(x->dl);
}

/* The constant byte offset of dst from base (dst reached from base through
 * casts and constant GEPs), or -1.  Not underlying()'s walk to the root:
 * after inlining, base itself is often a GEP (a caller's `&s->member`),
 * and the walk must stop there (on SQLite, 39 of the 88 removable lookups). */
static int64_t offset_from(struct bw_ctx *x, LLVMValueRef dst, LLVMValueRef base)
{
    int64_t total = 0;
    base = bw_strip_casts(base);
    for (int depth = 0; depth < 32; depth++) {
        dst = bw_strip_casts(dst);
        if (dst == base)
            return total;
        if (!is_gep(dst))
            return -1;
        int64_t off = bw_gep_offset(x, dst);
        if (off < 0)
            return -1;
        total += off;
        dst = LLVMGetOperand(dst, 0);
    }
    return -1;
}

/* A surviving slow-path call (dst, len, avail, base, site) whose only use
 * would be the heap lookup (no size known) and whose write ends within
 * min_usable_bytes of base. */
static int lookup_only_small(struct bw_ctx *x, LLVMValueRef call)
{
    LLVMValueRef len = LLVMGetOperand(call, 1);
    if (!LLVMIsAConstantInt(len))
        return 0;
    int64_t off = offset_from(x, LLVMGetOperand(call, 0), LLVMGetOperand(call, 3));
    return off >= 0 && (uint64_t)off + LLVMConstIntGetZExtValue(len) <= min_usable_bytes(x);
}

/* Is i a cast or GEP used only inside its own block (an argument of the
 * call computed next to it, as LLVM 14's typed pointers leave them)? */
static int local_address_arith(LLVMValueRef i)
{
    if (!LLVMIsACastInst(i) && !LLVMIsAGetElementPtrInst(i))
        return 0;
    LLVMBasicBlockRef bb = LLVMGetInstructionParent(i);
    for (LLVMUseRef u = LLVMGetFirstUse(i); u; u = LLVMGetNextUse(u))
        if (LLVMGetInstructionParent(LLVMGetUser(u)) != bb)
            return 0;
    return 1;
}

/* Can call be taken out: does it sit alone (but for the arithmetic of its
 * arguments) in the block bw.memchk made for it ("call; br done"), entered
 * only by conditional branches whose other way is `done`?  Anything else
 * stays and answers at run time. */
static int droppable(LLVMValueRef call)
{
    LLVMBasicBlockRef bb = LLVMGetInstructionParent(call);
    LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i != call; i = LLVMGetNextInstruction(i))
        if (!local_address_arith(i))
            return 0;
    if (LLVMGetNextInstruction(call) != term || !LLVMIsABranchInst(term) || LLVMIsConditional(term))
        return 0;
    LLVMBasicBlockRef done = LLVMGetSuccessor(term, 0);
    LLVMValueRef first = LLVMGetFirstInstruction(done);
    if (first && LLVMIsAPHINode(first))
        return 0;
    LLVMValueRef bbv = LLVMBasicBlockAsValue(bb);
    for (LLVMUseRef u = LLVMGetFirstUse(bbv); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef br = LLVMGetUser(u);
        if (!LLVMIsABranchInst(br) || !LLVMIsConditional(br))
            return 0;
        LLVMBasicBlockRef other = LLVMGetSuccessor(br, 0) == bb ? LLVMGetSuccessor(br, 1)
                                                                  : LLVMGetSuccessor(br, 0);
        if (other != done)
            return 0;
    }
    return 1;
}

/* Takes a droppable() call out: each branch into its block goes to `done`. */
static void drop_lookup(LLVMBuilderRef b, LLVMValueRef call)
{
    LLVMBasicBlockRef bb = LLVMGetInstructionParent(call);
    LLVMBasicBlockRef done = LLVMGetSuccessor(LLVMGetBasicBlockTerminator(bb), 0);
    LLVMValueRef bbv = LLVMBasicBlockAsValue(bb);
    LLVMUseRef u;
    while ((u = LLVMGetFirstUse(bbv)) != NULL) {
        LLVMValueRef br = LLVMGetUser(u);
        LLVMPositionBuilderBefore(b, br);
        LLVMBuildBr(b, done);
        LLVMInstructionEraseFromParent(br);
    }
    LLVMValueRef site = bw_strip_casts(LLVMGetOperand(call, 4));
    LLVMDeleteBasicBlock(bb);
    if (LLVMIsAGlobalVariable(site) && !LLVMGetFirstUse(site))
        LLVMDeleteGlobal(site); /* its report text is not needed any more */
}

/* Late stage: count the checks that survived optimisation; those with no
 * compile-time size are the residual "unknown size" operations. */
void bw_mem_late_count(struct bw_ctx *x)
{
    static const struct { const char *name; int avail_arg; } rt[] = {
        { "__bw_mem_check_slow", 2 }, { "__bw_mem_check_slow_pm", 2 }, { "bw.memchk", 2 },
        { "__bw_strcpy", 2 }, { "__bw_stpcpy", 2 }, { "__bw_strcat", 2 },
        { "__bw_strncat", 3 }, { "__bw_sprintf", 1 }, { "__bw_vsprintf", 1 },
        { "__bw_sscanf", -1 }, { "__bw_fscanf", -1 }, { "__bw_scanf", -1 },
    };
    LLVMValueRef *small = NULL; /* lookups to remove (lookup_only_small) */
    size_t nsmall = 0, small_cap = 0;
    for (size_t r = 0; r < sizeof rt / sizeof rt[0]; r++) {
        LLVMValueRef f = LLVMGetNamedFunction(x->m, rt[r].name);
        if (!f)
            continue;
        for (LLVMUseRef u = LLVMGetFirstUse(f); u; u = LLVMGetNextUse(u)) {
            LLVMValueRef call = LLVMGetUser(u);
            if (!bw_is_call(call) || bw_strip_casts(LLVMGetCalledValue(call)) != f)
                continue;
            if (bw_is_ours(bw_function_of(call)))
                continue;
            x->st.mem_runtime_checks++;
            if (rt[r].avail_arg < 0)
                continue;
            LLVMValueRef a = LLVMGetOperand(call, (unsigned)rt[r].avail_arg);
            if (!LLVMIsAConstantInt(a) || LLVMConstIntGetSExtValue(a) != -1)
                continue;
            x->st.mem_unknown_size++;
            if (r < 2 && lookup_only_small(x, call) && droppable(call)) {
                bw_remarkf(x, call, "MemOpSizeUnknown",
                           "destination size unknown at compile time: the write ends within the smallest heap block, so it is not checked");
                if (nsmall == small_cap)
                    small = bw_xrealloc(small, (small_cap = small_cap * 2 + 16) * sizeof *small);
                small[nsmall++] = call;
                continue;
            }
            bw_remarkf(x, call, "MemOpSizeUnknown",
                       "destination size unknown at compile time: checked only if it is the start of a heap block");
        }
    }
    /* Taken out after the walk over the uses, which removal would disturb
     * (each sits in a block of its own, so one removal leaves the others
     * droppable). */
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    for (size_t k = 0; k < nsmall; k++)
        drop_lookup(b, small[k]);
    x->st.mem_runtime_checks -= nsmall;
    x->st.mem_small_unchecked += nsmall;
    LLVMDisposeBuilder(b);
    free(small);
    /* Only the memory checks ask the runtime for heap block sizes: the
     * bookkeeping starts when the first module that has them is loaded. */
    if (x->st.mem_runtime_checks > 0)
        bw_append_structor(x, "llvm.global_ctors",
                           bw_make_structor(x, "bw.heap_ctor", "__bw_heap_track_on", NULL));
}
