/*
 * shadow_stack.c — backward-edge protection on x86_64.
 *
 * For each function in scope, at the late stage (after inlining, so only
 * real frames pay), a push of {frame id, return address} at entry
 * (build_push) and, before each `ret`, a compare of the saved return
 * address with the one `ret` will use and a pop (build_check): eleven
 * instructions per call, no register kept across the function.  Where the
 * function's risky stack objects are only used off the entry block, the
 * push goes there instead and only the paths after it check (the lazy
 * push, below).  The top
 * is the TLS variable __bw_ss_top_v3 (ss_top_variable: local-exec in
 * executables).  The return address is re-read from its stack slot right
 * before the return, so an overwrite anywhere in between is seen.  The
 * runtime's mismatch handler tells frames skipped by longjmp/exceptions
 * (their entries are above ours and are dropped) from a corrupted return
 * address.
 *
 * The default scope ("strong") is exactly -fstack-protector-strong's:
 * functions with a stack array (or aggregate containing one), a
 * variable-size alloca, or a local whose address escapes.  "all" protects
 * every function; "in-bounds", an explicit loosening, leaves out those of
 * the strong scope whose stack objects are proven accessed in bounds (the
 * proof runs only in that scope, so no other scope pays its compile time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pass_internal.h"

static int contains_array(LLVMTypeRef t, int depth)
{
    if (depth > 8)
        return 0;
    switch (LLVMGetTypeKind(t)) {
    case LLVMArrayTypeKind:
        return 1;
    case LLVMStructTypeKind: {
        unsigned n = LLVMCountStructElementTypes(t);
        for (unsigned i = 0; i < n; i++)
            if (contains_array(LLVMStructGetTypeAtIndex(t, i), depth + 1))
                return 1;
        return 0;
    }
    default:
        return 0;
    }
}

static int is_lifetime_or_dbg(LLVMValueRef user)
{
    size_t len;
    const char *n = bw_callee_name(user, &len);
    return n && ((len > 13 && memcmp(n, "llvm.lifetime", 13) == 0) ||
                 (len > 8 && memcmp(n, "llvm.dbg", 8) == 0));
}

/*
 * Is the address of v (with `size` bytes of its object from v on) taken,
 * by -fstack-protector-strong's rule (LLVM's StackProtector
 * HasAddressTaken): stored, passed to a call, converted to an integer, or
 * used to reach outside the object.  Loads and stores that stay inside it
 * are not, nor is a GEP to a constant offset inside it whose uses are not
 * (which is how -O0 code reaches a struct's members).  Phis and selects
 * count as taken here (LLVM follows them): a function more, never one less.
 */
static int escapes(struct bw_ctx *x, LLVMValueRef v, int64_t size, int depth)
{
    if (depth > 8)
        return 1;
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (LLVMIsALoadInst(user)) {
            if ((int64_t)LLVMABISizeOfType(x->dl, LLVMTypeOf(user)) > size)
                return 1;
            continue;
        }
        if (LLVMIsAStoreInst(user)) {
            if (LLVMGetOperand(user, 0) == v)
                return 1; /* the address itself is stored */
            if ((int64_t)LLVMABISizeOfType(x->dl, LLVMTypeOf(LLVMGetOperand(user, 0))) > size)
                return 1;
            continue;
        }
        if (bw_is_call(user) && is_lifetime_or_dbg(user))
            continue;
        if (LLVMIsABitCastInst(user)) {
            if (escapes(x, user, size, depth + 1))
                return 1;
            continue;
        }
        if (LLVMIsAGetElementPtrInst(user) && LLVMGetOperand(user, 0) == v) {
            int64_t off = bw_gep_offset(x, user);
            if (off < 0 || off >= size || escapes(x, user, size - off, depth + 1))
                return 1;
            continue;
        }
        return 1; /* calls, ptrtoint, phis, selects, variable indexing ... */
    }
    return 0;
}

/*
 * Proving a function's stack objects are only accessed in bounds (scope
 * "in-bounds" only, an opt-in loosening).  -fstack-protector-strong
 * protects a function when one of its stack objects is an array or has its
 * address taken, because such an
 * object may be written past its end.  When every access to every such
 * object is proven to stay inside it, nothing in the function's frame can
 * overflow and the function is left out, the way LLVM's SafeStack keeps
 * "safe" allocas on the normal stack next to the return address.  The
 * proof follows the object's address through constant-offset GEPs, casts,
 * loads and stores of a known size, constant-length memcpy/memmove/memset,
 * and into direct calls of functions of this module that cannot be
 * replaced at link or load time (internal linkage), whose parameter is then
 * followed the same way.  Anything else — the address stored, converted to
 * an integer, returned, merged by a phi or select, indexed by a variable,
 * or passed to any other call — and the function keeps its shadow stack.
 */
struct ext_memo {
    LLVMValueRef fn;
    unsigned arg;
    int64_t ext;
};

struct ss_scan {
    struct bw_ctx *x;
    struct ext_memo *memo;
    size_t n, cap;
};

static int64_t extent(struct ss_scan *s, LLVMValueRef v, int depth);

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* Bytes a parameter's uses reach from its value (memoised per function and
 * argument; a function reached again while its parameter is being followed
 * counts as unbounded). */
static int64_t param_extent(struct ss_scan *s, LLVMValueRef fn, unsigned arg, int depth)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->memo[k].fn == fn && s->memo[k].arg == arg)
            return s->memo[k].ext;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->memo = bw_xrealloc(s->memo, s->cap * sizeof *s->memo);
    }
    size_t at = s->n++;
    s->memo[at] = (struct ext_memo){ fn, arg, -1 };
    int64_t e = extent(s, LLVMGetParam(fn, arg), depth + 1);
    s->memo[at].ext = e;
    return e;
}

/* Is the integer v (a pointer converted) only compared, possibly after
 * masking with a constant: the memory checks' "16-byte aligned, non-null"
 * test of a destination. */
static int only_compared(LLVMValueRef v, int depth)
{
    if (depth > 2)
        return 0;
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (LLVMIsAICmpInst(user))
            continue;
        if (LLVMIsABinaryOperator(user) && LLVMGetInstructionOpcode(user) == LLVMAnd &&
            LLVMIsAConstantInt(LLVMGetOperand(user, 1)) && only_compared(user, depth + 1))
            continue;
        return 0;
    }
    return 1;
}

/* A call's reach through v, one of its arguments: the length of a
 * constant-length memory intrinsic, the parameter's reach in a function of
 * this module that nothing can replace, nothing for the memory checks'
 * slow path (it reads neither the destination nor the base, it only looks
 * up their heap block); -1 otherwise. */
static int64_t call_extent(struct ss_scan *s, LLVMValueRef call, LLVMValueRef v, int depth)
{
    if (is_lifetime_or_dbg(call))
        return 0;
    LLVMValueRef fn = LLVMGetCalledValue(call);
    if (!fn || !LLVMIsAFunction(fn) || fn == v)
        return -1;
    unsigned na = (unsigned)LLVMGetNumArgOperands(call);
    size_t len = 0;
    const char *n = LLVMGetValueName2(fn, &len);
    if ((len == 19 && memcmp(n, "__bw_mem_check_slow", 19) == 0) ||
        (len == 22 && memcmp(n, "__bw_mem_check_slow_pm", 22) == 0)) {
        for (unsigned i = 0; i < na; i++)
            if (LLVMGetOperand(call, i) == v && i != 0 && i != 3)
                return -1;
        return 0;
    }
    int memset_ = len >= 11 && memcmp(n, "llvm.memset", 11) == 0;
    if (memset_ || (len >= 11 && memcmp(n, "llvm.memcpy", 11) == 0) ||
        (len >= 12 && memcmp(n, "llvm.memmove", 12) == 0)) {
        LLVMValueRef l = na > 2 ? LLVMGetOperand(call, 2) : NULL;
        if (!l || !LLVMIsAConstantInt(l) || LLVMGetOperand(call, 2) == v)
            return -1;
        for (unsigned i = 0; i < na; i++)
            if (LLVMGetOperand(call, i) == v && (i > 1 || (memset_ && i == 1)))
                return -1;
        int64_t l64 = (int64_t)LLVMConstIntGetZExtValue(l);
        return l64 < 0 ? -1 : l64;
    }
    LLVMLinkage link = LLVMGetLinkage(fn);
    if (LLVMIsDeclaration(fn) || (link != LLVMInternalLinkage && link != LLVMPrivateLinkage) ||
        na > LLVMCountParams(fn))
        return -1;
    unsigned byval = LLVMGetEnumAttributeKindForName("byval", 5);
    int64_t ext = 0;
    for (unsigned i = 0; i < na; i++) {
        if (LLVMGetOperand(call, i) != v)
            continue;
        if (LLVMGetEnumAttributeAtIndex(fn, i + 1, byval) ||
            LLVMTypeOf(LLVMGetParam(fn, i)) != LLVMTypeOf(v))
            return -1;
        int64_t e = param_extent(s, fn, i, depth);
        if (e < 0)
            return -1;
        ext = max64(ext, e);
    }
    return ext;
}

/* The highest byte offset from v that v's uses (and those of pointers
 * derived from it at constant offsets) read or write, or -1 when a use may
 * reach anything (see above). */
static int64_t extent(struct ss_scan *s, LLVMValueRef v, int depth)
{
    struct bw_ctx *x = s->x;
    if (depth > 8)
        return -1;
    int64_t ext = 0;
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        int64_t e = -1;
        if (LLVMIsALoadInst(user)) {
            e = (int64_t)LLVMABISizeOfType(x->dl, LLVMTypeOf(user));
        } else if (LLVMIsAStoreInst(user)) {
            if (LLVMGetOperand(user, 0) != v)
                e = (int64_t)LLVMABISizeOfType(x->dl, LLVMTypeOf(LLVMGetOperand(user, 0)));
        } else if (LLVMIsABitCastInst(user)) {
            e = extent(s, user, depth + 1);
        } else if (LLVMIsAICmpInst(user)) {
            e = 0; /* compared, not dereferenced */
        } else if (LLVMIsAPtrToIntInst(user)) {
            e = only_compared(user, 0) ? 0 : -1;
        } else if (LLVMIsAGetElementPtrInst(user) && LLVMGetOperand(user, 0) == v) {
            int64_t off = bw_gep_offset(x, user);
            int64_t r = off < 0 ? -1 : extent(s, user, depth + 1);
            e = r < 0 ? -1 : off + r;
        } else if (LLVMIsACallInst(user)) {
            e = call_extent(s, user, v, depth);
        }
        if (e < 0)
            return -1;
        ext = max64(ext, e);
    }
    return ext;
}

/* Is every access to the static stack object a (of `size` bytes) in bounds? */
static int in_bounds(struct ss_scan *s, LLVMValueRef a, int64_t size)
{
    int64_t e = extent(s, a, 0);
    return e >= 0 && e <= size;
}

/* Why the stack object `a` puts its frame in -fstack-protector-strong's
 * scope, or NULL. */
static const char *alloca_risk(struct bw_ctx *x, LLVMValueRef a)
{
    LLVMValueRef cnt = LLVMGetOperand(a, 0);
    int64_t size = (int64_t)LLVMABISizeOfType(x->dl, LLVMGetAllocatedType(a));
    if (contains_array(LLVMGetAllocatedType(a), 0))
        return "stack array";
    if (!LLVMIsAConstantInt(cnt) || LLVMConstIntGetZExtValue(cnt) != 1)
        return "alloca";
    if (escapes(x, a, size, 0))
        return "address-taken local";
    return NULL;
}

static int single_object(LLVMValueRef a)
{
    LLVMValueRef cnt = LLVMGetOperand(a, 0);
    return LLVMIsAConstantInt(cnt) && LLVMConstIntGetZExtValue(cnt) == 1;
}

/* Why f needs a shadow stack in the configured scope, or NULL.  *proven is
 * set when -fstack-protector-strong would protect f but every access to its
 * stack objects is proven in bounds (scope "in-bounds" only: the default
 * never runs the proof). */
static const char *needs_protection(struct ss_scan *s, LLVMValueRef f, int *proven)
{
    struct bw_ctx *x = s->x;
    const char *why = NULL;
    *proven = 0;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
            if (!LLVMIsAAllocaInst(i))
                continue;
            const char *r = alloca_risk(x, i);
            if (!r)
                continue;
            if (!single_object(i))
                return r; /* a variable-size alloca: never proven */
            if (x->cfg->shadow_stack == BW_SS_IN_BOUNDS &&
                in_bounds(s, i, (int64_t)LLVMABISizeOfType(x->dl, LLVMGetAllocatedType(i)))) {
                *proven = 1;
                continue;
            }
            why = r;
        }
    if (why)
        *proven = 0;
    return why;
}

/* Why f cannot get a shadow stack, or NULL. */
static const char *cannot_protect(LLVMValueRef f)
{
    unsigned naked = LLVMGetEnumAttributeKindForName("naked", 5);
    if (LLVMGetEnumAttributeAtIndex(f, BW_FN_INDEX, naked))
        return "naked function";
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
#if LLVM_VERSION_MAJOR >= 18
            /* A musttail call must stay directly before its ret.  (LLVM-C
             * before 18 cannot tell musttail from tail; see docs.) */
            if (LLVMIsACallInst(i) && LLVMGetTailCallKind(i) == LLVMTailCallKindMustTail)
                return "musttail call";
#endif
            if (LLVMGetInstructionOpcode(i) == LLVMCallBr)
                return "asm goto";
        }
    return NULL;
}

/* The address of the return-address slot, computed where it is used: one
 * value kept from the entry to every return would hold a callee-saved
 * register (a push and a pop) in every protected function, while each use
 * folds into a stack-relative address. */
static LLVMValueRef build_slot(struct bw_ctx *x, LLVMBuilderRef b)
{
    LLVMTypeRef pt[1] = { x->ptr };
    LLVMValueRef aora = bw_intrinsic(x, "llvm.addressofreturnaddress", pt, 1);
    LLVMTypeRef aora_ty = LLVMFunctionType(x->ptr, NULL, 0, 0);
    return LLVMBuildCall2(b, aora_ty, aora, NULL, 0, "bw.ss.slot");
}

/* Does f move the stack pointer after its prologue (a variable-size or
 * non-entry alloca, llvm.stacksave)?  Then rsp at a return is not rsp at
 * the entry. */
static int moves_stack_pointer(LLVMValueRef f)
{
    LLVMBasicBlockRef first = LLVMGetEntryBasicBlock(f);
    for (LLVMBasicBlockRef bb = first; bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
            if (LLVMIsAAllocaInst(i) &&
                (bb != first || !LLVMIsAConstantInt(LLVMGetOperand(i, 0))))
                return 1;
            size_t len;
            const char *n = bw_is_call(i) ? bw_callee_name(i, &len) : NULL;
            if (n && len >= 14 && memcmp(n, "llvm.stacksave", 14) == 0)
                return 1;
        }
    return 0;
}

/*
 * The word that identifies a frame's entry (the runtime's mismatch handler
 * looks for it under entries of frames skipped by longjmp/unwinding): the
 * stack pointer after the prologue where it stays put until the return —
 * one instruction to store — else the address of the return-address slot.
 * Either is unique among a thread's live frames.
 */
static LLVMValueRef build_frame_id(struct bw_ctx *x, LLVMBuilderRef b, int by_sp)
{
    if (!by_sp)
        return build_slot(x, b);
    LLVMTypeRef it[1] = { x->i64 };
    LLVMValueRef rr = bw_intrinsic(x, "llvm.read_register", it, 1);
    LLVMTypeRef mdt = LLVMMetadataTypeInContext(x->c);
    LLVMTypeRef rr_ty = LLVMFunctionType(x->i64, &mdt, 1, 0);
    LLVMMetadataRef name = LLVMMDStringInContext2(x->c, "rsp", 3);
    LLVMValueRef args[1] = { LLVMMetadataAsValue(x->c, LLVMMDNodeInContext2(x->c, &name, 1)) };
    LLVMValueRef sp = LLVMBuildCall2(b, rr_ty, rr, args, 1, "bw.ss.sp");
    return LLVMBuildIntToPtr(b, sp, x->ptr, "");
}

/* Moves f's static allocas into `entry`, which becomes the entry block. */
static void hoist_static_allocas(LLVMBuilderRef b, LLVMBasicBlockRef old, LLVMBasicBlockRef entry)
{
    LLVMPositionBuilderAtEnd(b, entry);
    for (LLVMValueRef i = LLVMGetFirstInstruction(old); i;) {
        LLVMValueRef next = LLVMGetNextInstruction(i);
        if (LLVMIsAAllocaInst(i) && LLVMIsAConstantInt(LLVMGetOperand(i, 0))) {
            LLVMInstructionRemoveFromParent(i);
            LLVMInsertIntoBuilder(b, i);
        }
        i = next;
    }
}

/*
 * The push, at the end of `entry` and in new blocks before `old` (f's
 * former entry block, or the block where a lazy push goes):
 *
 *   bw.ss.entry: %n = load top + 2 words; store %n, top; br (%n < 0), bw.ss.init, bw.ss.push
 *   bw.ss.init:  call __bw_ss_init_v3_pm()   ; maps the shadow stack, pushes
 *   bw.ss.push:  signal fence; %p = load volatile top;
 *                %p[-2] = frame id; %p[-1] = *slot
 *
 * The load, the addition and the store become one `add $16, top` whose
 * sign flag is the test: a thread without a shadow stack has a negative
 * top (BW_SS_UNMAPPED, runtime.h).  The top is stored before the entry is
 * written (the fence keeps that order), so a signal handler that runs in
 * between pushes above the entry.  Six instructions in all.
 */
static void build_push(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef top, LLVMValueRef init_fn,
                       int by_sp, LLVMBasicBlockRef entry, LLVMBasicBlockRef old)
{
    LLVMBasicBlockRef init = LLVMInsertBasicBlockInContext(x->c, old, "bw.ss.init");
    LLVMBasicBlockRef push = LLVMInsertBasicBlockInContext(x->c, old, "bw.ss.push");
    LLVMTypeRef pp = x->ptr; /* element type of the shadow stack: a pointer */

    /* Integer arithmetic on the top: as a pointer the sign test would be
     * an unsigned compare, and no addition may be assumed inbounds. */
    LLVMPositionBuilderAtEnd(b, entry);
    LLVMValueRef topi = LLVMBuildPointerCast(b, top, LLVMPointerType(x->i64, 0), "");
    LLVMValueRef t0 = LLVMBuildLoad2(b, x->i64, topi, "bw.ss.top");
    LLVMValueRef n0 = LLVMBuildAdd(b, t0, LLVMConstInt(x->i64, 2 * 8, 0), "bw.ss.newtop");
    LLVMBuildStore(b, n0, topi);
    LLVMValueRef unmapped = LLVMBuildICmp(b, LLVMIntSLT, n0, LLVMConstInt(x->i64, 0, 0), "");
    LLVMBuildCondBr(b, unmapped, init, push);

    LLVMPositionBuilderAtEnd(b, init);
    LLVMTypeRef vty = LLVMFunctionType(x->vd, NULL, 0, 0);
    LLVMSetInstructionCallConv(LLVMBuildCall2(b, vty, init_fn, NULL, 0, ""), LLVMPreserveMostCallConv);
    LLVMBuildBr(b, push);

    LLVMPositionBuilderAtEnd(b, push);
    LLVMBuildFence(b, LLVMAtomicOrderingSequentiallyConsistent, 1, "");
    LLVMValueRef n = LLVMBuildLoad2(b, x->ptr, top, "bw.ss.n");
    LLVMSetVolatile(n, 1);
    LLVMValueRef np = LLVMBuildPointerCast(b, n, LLVMPointerType(pp, 0), "");
    LLVMValueRef mtwo[1] = { LLVMConstInt(x->i64, (unsigned long long)-2, 1) };
    LLVMValueRef mone[1] = { LLVMConstInt(x->i64, (unsigned long long)-1, 1) };
    LLVMValueRef slot = build_slot(x, b);
    LLVMValueRef s0 = LLVMBuildStore(b, build_frame_id(x, b, by_sp), LLVMBuildGEP2(b, pp, np, mtwo, 1, ""));
    LLVMSetVolatile(s0, 1);
    LLVMValueRef slotp = LLVMBuildPointerCast(b, slot, LLVMPointerType(pp, 0), "");
    LLVMValueRef ra = LLVMBuildLoad2(b, pp, slotp, "bw.ss.ra");
    LLVMValueRef s1 = LLVMBuildStore(b, ra, LLVMBuildGEP2(b, pp, np, mone, 1, ""));
    LLVMSetVolatile(s1, 1);
    LLVMBuildBr(b, old);
}

/*
 * Before `ret`:
 *
 *     %cur = load volatile *slot          ; the address ret will use
 *     %ct = load volatile top
 *     (%ct[-1] == %cur) ? (top = %ct - 2 words; ret) : (mismatch(slot, %cur); ret)
 *
 * One compare: the saved return address against the one `ret` is about to
 * use.  The entry's slot word is not compared here: the top entry is the
 * returning frame's own unless longjmp/unwinding skipped frames above it,
 * and then the runtime's mismatch handler (which does compare slots) finds
 * the frame's entry further down.  What that gives up is documented in
 * docs/hardening.md ("Shadow stack"): right after frames were skipped, a
 * return address overwritten with exactly the address saved in the stale
 * top entry passes.
 */
static void build_check(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef f, LLVMValueRef ret,
                        LLVMValueRef top, LLVMValueRef mismatch_fn, LLVMValueRef site, int by_sp)
{
    LLVMTypeRef pp = x->ptr;
    LLVMValueRef rv = LLVMGetNumOperands(ret) ? LLVMGetOperand(ret, 0) : NULL;
    LLVMPositionBuilderBefore(b, ret);
    LLVMValueRef slotp = LLVMBuildPointerCast(b, build_slot(x, b), LLVMPointerType(pp, 0), "");
    /* The return address first: volatile loads are never folded into a
     * compare, and a plain load after a volatile one is not either, so
     * reading it last cost an extra move. */
    LLVMValueRef cur = LLVMBuildLoad2(b, pp, slotp, "bw.ss.cur");
    LLVMSetVolatile(cur, 1);
    LLVMValueRef ct = LLVMBuildLoad2(b, x->ptr, top, "");
    LLVMSetVolatile(ct, 1);
    LLVMValueRef ctp = LLVMBuildPointerCast(b, ct, LLVMPointerType(pp, 0), "");
    LLVMValueRef mtwo[1] = { LLVMConstInt(x->i64, (unsigned long long)-2, 1) };
    LLVMValueRef mone[1] = { LLVMConstInt(x->i64, (unsigned long long)-1, 1) };
    LLVMValueRef er = LLVMBuildLoad2(b, pp, LLVMBuildGEP2(b, pp, ctp, mone, 1, ""), "");
    LLVMValueRef ok = LLVMBuildICmp(b, LLVMIntEQ, LLVMBuildPtrToInt(b, er, x->i64, ""),
                                    LLVMBuildPtrToInt(b, cur, x->i64, ""), "bw.ss.ok");
    LLVMBasicBlockRef okb = LLVMAppendBasicBlockInContext(x->c, f, "bw.ss.pop");
    LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(x->c, f, "bw.ss.bad");
    LLVMBuildCondBr(b, ok, okb, bad);
    LLVMInstructionEraseFromParent(ret);
    LLVMPositionBuilderAtEnd(b, okb);
    /* The pop reads the top again, plainly, so that the load, the
     * subtraction and the store become one read-modify-write instruction. */
    LLVMValueRef pt = LLVMBuildLoad2(b, x->ptr, top, "");
    LLVMValueRef ptp = LLVMBuildPointerCast(b, pt, LLVMPointerType(pp, 0), "");
    LLVMValueRef pe = LLVMBuildGEP2(b, pp, ptp, mtwo, 1, "bw.ss.pop");
    LLVMBuildStore(b, LLVMBuildPointerCast(b, pe, x->ptr, ""), top);
    if (rv) LLVMBuildRet(b, rv); else LLVMBuildRetVoid(b);
    LLVMPositionBuilderAtEnd(b, bad);
    LLVMTypeRef mt[3] = { x->ptr, x->ptr, x->ptr };
    LLVMTypeRef mty = LLVMFunctionType(x->vd, mt, 3, 0);
    LLVMValueRef margs[3] = { build_frame_id(x, b, by_sp), LLVMBuildPointerCast(b, cur, x->ptr, ""), site };
    LLVMSetInstructionCallConv(LLVMBuildCall2(b, mty, mismatch_fn, margs, 3, ""),
                               LLVMPreserveMostCallConv);
    if (rv) LLVMBuildRet(b, rv); else LLVMBuildRetVoid(b);
}

/* The setjmp and longjmp families (glibc names; setjmp() is a macro for
 * _setjmp, sigsetjmp() for __sigsetjmp; __longjmp_chk is longjmp under
 * _FORTIFY_SOURCE). */
static int name_in(const char *n, size_t len, const char *const *names)
{
    for (; *names; names++)
        if (strlen(*names) == len && memcmp(*names, n, len) == 0)
            return 1;
    return 0;
}

static const char *const setjmp_names[] = { "setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", NULL };
static const char *const longjmp_names[] = { "longjmp", "_longjmp", "siglongjmp", "__longjmp_chk",
                                             NULL };

/*
 * The lazy push.  A frame is only at risk once one of its risky stack
 * objects (those that put it in scope) is used: before that no pointer to
 * them exists, so nothing can write past them.  When every such use is on
 * paths that leave the entry block — an error branch, a rare slow path — the
 * push goes to the first block that dominates all of them (P), and the
 * blocks reachable from P are cloned: P's edges lead into the copies, whose
 * returns check and pop, while the original blocks stay on the paths that
 * never went through P and return with no shadow-stack work at all.  Which
 * copy a return is in says whether this call pushed, so nothing has to be
 * remembered in the frame (where an overflow could change it) or guessed
 * from the shadow stack (where an entry left by a frame that longjmp or an
 * exception skipped could look like this call's own).  P runs at most once
 * per call: it is moved up the dominator tree until it is in no cycle.
 */

/* Instructions cloned per function at most: the copy is code size. */
#define LAZY_CLONE_BUDGET 400

/* What a push and its checks refer to. */
struct ss_rt {
    LLVMValueRef top, init_fn, mismatch_fn, site;
    int by_sp;
};

/* Is the block where the push would go one it cannot start with: an
 * exception-handling pad (the pad instruction must come first and edges
 * into it are unwind edges, which cannot be redirected)? */
static int is_eh_pad(LLVMBasicBlockRef bb)
{
    LLVMValueRef i = LLVMGetFirstInstruction(bb);
    while (i && LLVMIsAPHINode(i))
        i = LLVMGetNextInstruction(i);
    return !i || LLVMIsALandingPadInst(i) || LLVMIsACatchSwitchInst(i) || LLVMIsACatchPadInst(i) ||
           LLVMIsACleanupPadInst(i);
}

/* Marks in `risky` the blocks where v's address is used, through casts
 * and address arithmetic (which write nothing); lifetime markers and debug
 * intrinsics do not count.  0 when a use cannot be placed (a phi, a
 * constant expression, too deep). */
static int use_blocks(const struct bw_cfg *g, LLVMValueRef v, unsigned char *risky, int depth)
{
    if (depth > 8)
        return 0;
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (!LLVMIsAInstruction(user) || LLVMIsAPHINode(user))
            return 0;
        if (bw_is_call(user) && is_lifetime_or_dbg(user))
            continue;
        if (LLVMIsABitCastInst(user) || LLVMIsAGetElementPtrInst(user)) {
            if (!use_blocks(g, user, risky, depth + 1))
                return 0;
            continue;
        }
        uint32_t k = bw_cfg_index(g, LLVMGetInstructionParent(user));
        if (k != BW_CFG_NONE && g->idom[k] != BW_CFG_NONE)
            risky[k] = 1; /* (uses in unreachable blocks never run) */
    }
    return 1;
}

/* Does f call a function that returns twice (setjmp, vfork)?  Code after
 * such a call runs again with the frame as it was, so a push that a second
 * return skipped would be missing: these functions push at entry. */
static int calls_returns_twice(LLVMValueRef f)
{
    unsigned rt = LLVMGetEnumAttributeKindForName("returns_twice", 13);
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
            if (!bw_is_call(i))
                continue;
            LLVMValueRef callee = LLVMIsAFunction(LLVMGetCalledValue(i));
            if (LLVMGetCallSiteEnumAttribute(i, BW_FN_INDEX, rt) ||
                (callee && LLVMGetEnumAttributeAtIndex(callee, BW_FN_INDEX, rt)))
                return 1;
            size_t len;
            const char *n = bw_callee_name(i, &len);
            if (n && (name_in(n, len, setjmp_names) || (len == 5 && memcmp(n, "vfork", 5) == 0)))
                return 1;
        }
    return 0;
}

/* Marks in `risky` the blocks that use f's risky stack objects; 0 when
 * the push must stay at the entry. */
static int risky_blocks(struct bw_ctx *x, LLVMValueRef f, const struct bw_cfg *g, unsigned char *risky)
{
    LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(f);
    memset(risky, 0, g->n);
    for (LLVMBasicBlockRef bb = entry; bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
            if (!LLVMIsAAllocaInst(i) || !alloca_risk(x, i))
                continue;
            if (bb != entry || !single_object(i) || !use_blocks(g, i, risky, 0))
                return 0;
        }
    return !risky[0] && !calls_returns_twice(f);
}

/* Instructions in the blocks marked in in_r, or SIZE_MAX when one of them
 * cannot be cloned (an indirectbr: a block address cannot be redirected to
 * a copy). */
static size_t region_cost(const struct bw_cfg *g, const unsigned char *in_r)
{
    size_t cost = 0;
    for (uint32_t k = 0; k < g->n; k++) {
        if (!in_r[k])
            continue;
        LLVMValueRef t = LLVMGetBasicBlockTerminator(g->bb[k]);
        if (!t || LLVMIsAIndirectBrInst(t))
            return SIZE_MAX;
        for (LLVMValueRef i = LLVMGetFirstInstruction(g->bb[k]); i; i = LLVMGetNextInstruction(i))
            cost++;
    }
    return cost;
}

/* One push point for all risky blocks: their nearest common dominator,
 * moved up while it is in a cycle or an EH pad.  0 when that is the entry;
 * `in_r` gets the blocks reachable from it. */
static uint32_t common_point(const struct bw_cfg *g, const unsigned char *risky, unsigned char *in_r)
{
    uint32_t p = BW_CFG_NONE;
    for (uint32_t k = 0; k < g->n; k++)
        if (risky[k])
            p = bw_cfg_common_dominator(g, p, k);
    if (p == BW_CFG_NONE)
        return 0;
    while (p != 0 && (bw_cfg_reach(g, p, in_r), in_r[p] || is_eh_pad(g->bb[p])))
        p = g->idom[p];
    return p;
}

/* v's copy in the region (vm: instruction -> copy), or v itself when it
 * was not copied. */
static LLVMValueRef copy_of(const struct bw_ptrmap *vm, LLVMValueRef v)
{
    uintptr_t c;
    return bw_ptrmap_get(vm, v, &c) ? (LLVMValueRef)c : v;
}

static int is_dbg(LLVMValueRef i)
{
    size_t len;
    const char *n = bw_is_call(i) ? bw_callee_name(i, &len) : NULL;
    return n && len > 8 && memcmp(n, "llvm.dbg", 8) == 0;
}

/* Fills `into` with phi's incoming edges: for a copy (vm given) those from
 * P and from copies, values and blocks mapped; for the original, all but
 * P's (P now branches to the copies). */
static LLVMValueRef rebuild_phi(LLVMValueRef phi, const struct bw_cfg *g, uint32_t p,
                                const unsigned char *in_r, LLVMBasicBlockRef *copy, const struct bw_ptrmap *vm,
                                LLVMValueRef into)
{
    unsigned n = LLVMCountIncoming(phi);
    for (unsigned k = 0; k < n; k++) {
        LLVMBasicBlockRef from = LLVMGetIncomingBlock(phi, k);
        uint32_t fi = bw_cfg_index(g, from);
        LLVMValueRef v = LLVMGetIncomingValue(phi, k);
        if (vm) { /* the copy: edges from P and from copies */
            if (fi != p && (fi == BW_CFG_NONE || !in_r[fi]))
                continue;
            v = copy_of(vm, v);
            from = fi == p ? from : copy[fi];
        } else if (fi == p) { /* the original: P no longer branches here */
            continue;
        }
        LLVMAddIncoming(into, &v, &from, 1);
    }
    return into;
}

/* Clones the blocks of in_r (all reachable from P) and sends P's edges to
 * the copies.  Returns the copies' `ret`s. */
static LLVMValueRef *clone_region(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef f, const struct bw_cfg *g,
                                  uint32_t p, const unsigned char *in_r, size_t *nret)
{
    struct bw_ptrmap vm;
    bw_ptrmap_init(&vm, region_cost(g, in_r));
    LLVMBasicBlockRef *copy = bw_xcalloc(g->n + 1, sizeof *copy);
    LLVMValueRef *rets = bw_xmalloc((g->n + 1) * sizeof *rets);
    *nret = 0;
    for (uint32_t k = 0; k < g->n; k++)
        if (in_r[k])
            copy[k] = LLVMAppendBasicBlockInContext(x->c, f, "bw.ss.pushed");
    for (uint32_t k = 0; k < g->n; k++) {
        if (!in_r[k])
            continue;
        LLVMPositionBuilderAtEnd(b, copy[k]);
        for (LLVMValueRef i = LLVMGetFirstInstruction(g->bb[k]); i; i = LLVMGetNextInstruction(i)) {
            if (is_dbg(i))
                continue; /* a location in the copy is not worth remapping metadata */
            LLVMValueRef c;
            if (LLVMIsAPHINode(i)) {
                c = LLVMBuildPhi(b, LLVMTypeOf(i), "");
            } else {
                c = LLVMInstructionClone(i);
                LLVMInsertIntoBuilder(b, c);
            }
            bw_ptrmap_put(&vm, i, (uintptr_t)c);
        }
    }
    for (uint32_t k = 0; k < g->n; k++) {
        if (!in_r[k])
            continue;
        for (LLVMValueRef i = LLVMGetFirstInstruction(g->bb[k]); i; i = LLVMGetNextInstruction(i)) {
            if (is_dbg(i))
                continue;
            LLVMValueRef c = copy_of(&vm, i);
            if (LLVMIsAPHINode(i)) {
                rebuild_phi(i, g, p, in_r, copy, &vm, c);
                continue;
            }
            int nops = LLVMGetNumOperands(c);
            for (int o = 0; o < nops; o++) {
                LLVMValueRef op = LLVMGetOperand(c, (unsigned)o);
                if (op && LLVMIsAInstruction(op))
                    LLVMSetOperand(c, (unsigned)o, copy_of(&vm, op));
            }
            if (LLVMIsATerminatorInst(c)) {
                unsigned ns = LLVMGetNumSuccessors(c);
                for (unsigned q = 0; q < ns; q++)
                    LLVMSetSuccessor(c, q, copy[bw_cfg_index(g, LLVMGetSuccessor(c, q))]);
                if (LLVMIsAReturnInst(c))
                    rets[(*nret)++] = c;
            }
        }
    }
    /* P now leads into the copies; the originals' phis lose its edges. */
    LLVMValueRef pt = LLVMGetBasicBlockTerminator(g->bb[p]);
    for (unsigned q = 0; q < LLVMGetNumSuccessors(pt); q++)
        LLVMSetSuccessor(pt, q, copy[bw_cfg_index(g, LLVMGetSuccessor(pt, q))]);
    for (uint32_t k = 0; k < g->n; k++) {
        if (!in_r[k])
            continue;
        for (LLVMValueRef i = LLVMGetFirstInstruction(g->bb[k]); i && LLVMIsAPHINode(i);) {
            LLVMValueRef next = LLVMGetNextInstruction(i);
            LLVMPositionBuilderBefore(b, i);
            LLVMValueRef np = rebuild_phi(i, g, p, in_r, copy, NULL, LLVMBuildPhi(b, LLVMTypeOf(i), ""));
            LLVMReplaceAllUsesWith(i, np);
            LLVMInstructionEraseFromParent(i);
            i = next;
        }
    }
    bw_ptrmap_free(&vm);
    free(copy);
    return rets;
}

/* A new block before P taking all of P's edges and its phis: the push goes
 * there, and falls through into P. */
static LLVMBasicBlockRef split_before(struct bw_ctx *x, LLVMBuilderRef b, const struct bw_cfg *g, uint32_t p)
{
    LLVMBasicBlockRef pb = g->bb[p];
    LLVMBasicBlockRef q = LLVMInsertBasicBlockInContext(x->c, pb, "bw.ss.lazy");
    LLVMPositionBuilderAtEnd(b, q);
    for (LLVMValueRef i = LLVMGetFirstInstruction(pb); i && LLVMIsAPHINode(i);) {
        LLVMValueRef next = LLVMGetNextInstruction(i), np = LLVMBuildPhi(b, LLVMTypeOf(i), "");
        unsigned n = LLVMCountIncoming(i);
        for (unsigned k = 0; k < n; k++) {
            LLVMValueRef v = LLVMGetIncomingValue(i, k);
            LLVMBasicBlockRef from = LLVMGetIncomingBlock(i, k);
            LLVMAddIncoming(np, &v, &from, 1);
        }
        LLVMReplaceAllUsesWith(i, np);
        LLVMInstructionEraseFromParent(i);
        i = next;
    }
    for (uint32_t k = g->pred_at[p]; k < g->pred_at[p + 1]; k++) {
        LLVMValueRef t = LLVMGetBasicBlockTerminator(g->bb[g->pred[k]]);
        for (unsigned s = 0; s < LLVMGetNumSuccessors(t); s++)
            if (LLVMGetSuccessor(t, s) == pb)
                LLVMSetSuccessor(t, s, q);
    }
    return q;
}

/* Pushes at P, the copies of the blocks reachable from it (in_r) checking
 * before their returns. */
static void push_at(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef f, const struct bw_cfg *g, uint32_t p,
                    const unsigned char *in_r, const struct ss_rt *rt)
{
    size_t nret;
    LLVMValueRef *rets = clone_region(x, b, f, g, p, in_r, &nret);
    /* P itself may end in a return (it has no successors to copy then) */
    LLVMValueRef own = LLVMGetBasicBlockTerminator(g->bb[p]);
    LLVMBasicBlockRef q = split_before(x, b, g, p);
    build_push(x, b, rt->top, rt->init_fn, rt->by_sp, q, g->bb[p]);
    if (own && LLVMIsAReturnInst(own))
        build_check(x, b, f, own, rt->top, rt->mismatch_fn, rt->site, rt->by_sp);
    for (size_t k = 0; k < nret; k++)
        build_check(x, b, f, rets[k], rt->top, rt->mismatch_fn, rt->site, rt->by_sp);
    free(rets);
}

/* Can each risky block take its own push: none is in a cycle or an EH pad
 * (it must run at most once per call, before anything else in it), and the
 * copies stay within the budget? */
static int each_block_ok(const struct bw_cfg *g, const unsigned char *risky, unsigned char *in_r)
{
    size_t cost = 0;
    for (uint32_t k = 0; k < g->n; k++) {
        if (!risky[k])
            continue;
        bw_cfg_reach(g, k, in_r);
        size_t c = region_cost(g, in_r);
        if (in_r[k] || is_eh_pad(g->bb[k]) || c == SIZE_MAX || (cost += c) > LAZY_CLONE_BUDGET)
            return 0;
    }
    return 1;
}

/*
 * The lazy push: returns 0 to push at the entry instead.  With one point
 * that dominates every risky block, one copy.  Otherwise each risky block
 * is a push point of its own, taken in order, each on the function as the
 * previous ones left it: a risky block reachable from an earlier point also
 * has a copy on the pushed side, which needs nothing, while the original is
 * still on paths that have not pushed and gets its own push and copy.  (One
 * transformation at a time keeps every copy's values defined on every path
 * into it: each point is in no cycle, so nothing it reaches is on the way to
 * it.)
 */
static int protect_lazily(struct bw_ctx *x, LLVMBuilderRef b, LLVMValueRef f, struct ss_rt *rt)
{
    struct bw_cfg g;
    bw_cfg_build(&g, f);
    unsigned char *risky = bw_xmalloc(g.n + 1), *in_r = bw_xmalloc(g.n + 1);
    LLVMBasicBlockRef *points = bw_xmalloc((g.n + 1) * sizeof *points);
    uint32_t np = 0, p = 0;
    if (risky_blocks(x, f, &g, risky)) {
        p = common_point(&g, risky, in_r);
        if (p != 0 && region_cost(&g, in_r) <= LAZY_CLONE_BUDGET)
            points[np++] = g.bb[p];
        else if (each_block_ok(&g, risky, in_r))
            for (uint32_t k = 0; k < g.n; k++)
                if (risky[k])
                    points[np++] = g.bb[k]; /* function order: the entry's side first */
    }
    if (np)
        rt->site = bw_site(x, LLVMGetFirstInstruction(LLVMGetEntryBasicBlock(f)), "return", 3);
    for (uint32_t k = 0; k < np; k++) {
        if (k > 0) { /* the function with the copies made so far: more blocks */
            bw_cfg_free(&g);
            bw_cfg_build(&g, f);
            in_r = bw_xrealloc(in_r, g.n + 1);
        }
        uint32_t at = bw_cfg_index(&g, points[k]);
        if (g.idom[at] == BW_CFG_NONE)
            continue; /* only on paths an earlier point now sends to its copy */
        bw_cfg_reach(&g, at, in_r);
        push_at(x, b, f, &g, at, in_r, rt);
    }
    free(points);
    free(in_r);
    free(risky);
    bw_cfg_free(&g);
    return np > 0;
}

/* Returns 1 when the push went to a later block (lazy), 0 at entry. */
static int protect(struct bw_ctx *x, LLVMValueRef f, LLVMValueRef top, LLVMValueRef init_fn,
                   LLVMValueRef mismatch_fn)
{
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    int by_sp = !moves_stack_pointer(f);
    struct ss_rt rt = { top, init_fn, mismatch_fn, NULL, by_sp };
    int at_entry = x->cfg->shadow_stack == BW_SS_ALL || x->cfg->shadow_stack == BW_SS_STRONG_ENTRY;
    if (!at_entry && protect_lazily(x, b, f, &rt)) {
        LLVMDisposeBuilder(b);
        return 1;
    }
    LLVMBasicBlockRef old = LLVMGetEntryBasicBlock(f);
    LLVMBasicBlockRef entry = LLVMInsertBasicBlockInContext(x->c, old, "bw.ss.entry");

    /* Static allocas stay in the entry block. */
    hoist_static_allocas(b, old, entry);
    build_push(x, b, top, init_fn, by_sp, entry, old);

    /* Epilogues. */
    size_t nret = 0, cap = 16;
    LLVMValueRef *rets = bw_xmalloc(cap * sizeof *rets);
    for (LLVMBasicBlockRef bb = old; bb; bb = LLVMGetNextBasicBlock(bb)) {
        LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
        if (!term || !LLVMIsAReturnInst(term))
            continue;
        if (nret == cap)
            rets = bw_xrealloc(rets, (cap *= 2) * sizeof *rets);
        rets[nret++] = term;
    }
    LLVMValueRef site = bw_site(x, LLVMGetFirstInstruction(old), "return", 3);
    for (size_t k = 0; k < nret; k++)
        build_check(x, b, f, rets[k], top, mismatch_fn, site, by_sp);
    free(rets);
    LLVMDisposeBuilder(b);
    return 0;
}

/* longjmp is a return to the context setjmp saved, and the saved program
 * counter and stack pointer sit in a buffer an overflow can reach (glibc's
 * pointer mangling does not help once its guard has leaked).  Each setjmp
 * call is followed by __bw_jmp_save(env) and each longjmp call preceded by
 * __bw_jmp_check(env, site): the runtime refuses a longjmp through a buffer
 * whose registers changed since its setjmp. */
static int guard_jmp_bufs(struct bw_ctx *x)
{
    LLVMTypeRef pt[2] = { x->ptr, x->ptr };
    LLVMTypeRef save_ty = LLVMFunctionType(x->vd, pt, 1, 0);
    LLVMTypeRef check_ty = LLVMFunctionType(x->vd, pt, 2, 0);
    LLVMValueRef save = NULL, check = NULL;
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    int changed = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (LLVMIsDeclaration(f) || bw_is_ours(f))
            continue;
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
                size_t len;
                const char *n = LLVMIsACallInst(i) ? bw_callee_name(i, &len) : NULL;
                if (!n || LLVMGetNumArgOperands(i) < 1)
                    continue;
                LLVMValueRef env = LLVMGetOperand(i, 0);
                if (name_in(n, len, setjmp_names)) {
                    if (!save)
                        save = bw_get_fn(x, "__bw_jmp_save", save_ty);
                    LLVMValueRef next = LLVMGetNextInstruction(i);
                    LLVMPositionBuilderBefore(b, next);
                    LLVMValueRef args[1] = { LLVMBuildPointerCast(b, env, x->ptr, "") };
                    i = LLVMBuildCall2(b, save_ty, save, args, 1, ""); /* visit next */
                    changed = 1;
                } else if (name_in(n, len, longjmp_names)) {
                    if (!check)
                        check = bw_get_fn(x, "__bw_jmp_check", check_ty);
                    LLVMPositionBuilderBefore(b, i);
                    LLVMValueRef args[2] = { LLVMBuildPointerCast(b, env, x->ptr, ""),
                                             bw_site(x, i, n, 3) };
                    LLVMBuildCall2(b, check_ty, check, args, 2, "");
                    changed = 1;
                }
            }
    }
    LLVMDisposeBuilder(b);
    return changed;
}

/* Is this module compiled for an executable: -fPIE ("PIE Level") or not
 * position-independent at all (no "PIC Level")?  -fPIC code may end up in a
 * shared object. */
static int for_executable(struct bw_ctx *x)
{
    return LLVMGetModuleFlag(x->m, "PIE Level", 9) != NULL ||
           LLVMGetModuleFlag(x->m, "PIC Level", 9) == NULL;
}

/*
 * The shadow-stack top, __bw_ss_top_v3.  In an executable it is accessed with
 * the local-exec model: one %fs-relative instruction, no GOT load and no
 * register to keep the offset in.  Local-exec needs the variable defined in
 * the executable itself, so the module carries a weak definition: with the
 * static runtime (the default) the runtime's own definition wins at link
 * time; with the shared runtime the executable's copy is the only one in
 * it, and the linker exports it because libbulwark-rt.so defines the same
 * symbol, so the runtime's (initial-exec, interposable) accesses and every
 * instrumented shared object resolve to it as well.  Code that may go into
 * a shared object keeps the initial-exec model through the GOT.  The names
 * carry the version of the push/check contract (runtime/include/bulwark/
 * runtime.h): the module always refers to __bw_ss_init_v3_pm, which only a
 * runtime of the same version defines, so a mismatched pair fails to link.
 */
static LLVMValueRef ss_top_variable(struct bw_ctx *x)
{
    LLVMValueRef top = LLVMGetNamedGlobal(x->m, "__bw_ss_top_v3");
    if (top)
        return top;
    top = LLVMAddGlobal(x->m, x->ptr, "__bw_ss_top_v3");
    LLVMSetThreadLocal(top, 1);
    if (for_executable(x)) {
        LLVMSetThreadLocalMode(top, LLVMLocalExecTLSModel);
        LLVMSetLinkage(top, LLVMWeakAnyLinkage);
        /* BW_SS_UNMAPPED, as the runtime's own definition */
        LLVMSetInitializer(top, LLVMConstIntToPtr(LLVMConstInt(x->i64, 1ull << 63, 0), x->ptr));
    } else {
        LLVMSetThreadLocalMode(top, LLVMInitialExecTLSModel);
        LLVMSetLinkage(top, LLVMExternalLinkage);
    }
    return top;
}

int bw_ss_late(struct bw_ctx *x)
{
    const char *triple = LLVMGetTarget(x->m);
    struct ss_scan s = { x, NULL, 0, 0 };
    int proven;
    if (!triple || strncmp(triple, "x86_64", 6) != 0) {
        for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f))
            if (!LLVMIsDeclaration(f) && !bw_is_ours(f) && needs_protection(&s, f, &proven)) {
                x->st.ss_skipped++;
                bw_remarkf(x, f, "NoShadowStack", "no shadow stack: target is not x86_64");
            }
        free(s.memo);
        return 0;
    }
    LLVMValueRef top = ss_top_variable(x);
    LLVMTypeRef vty = LLVMFunctionType(x->vd, NULL, 0, 0);
    /* The preserve_most entry points (runtime/rt_stubs_x86_64.S): the
     * rarely taken init and mismatch calls cost the function no spills. */
    LLVMValueRef init_fn = bw_get_fn(x, "__bw_ss_init_v3_pm", vty);
    LLVMTypeRef mt[3] = { x->ptr, x->ptr, x->ptr };
    LLVMValueRef mismatch_fn = bw_get_fn(x, "__bw_ss_mismatch_pm", LLVMFunctionType(x->vd, mt, 3, 0));
    unsigned cold = LLVMGetEnumAttributeKindForName("cold", 4);
    unsigned nu = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMValueRef slowfns[2] = { init_fn, mismatch_fn };
    for (int k = 0; k < 2; k++) {
        bw_set_preserve_most(x, slowfns[k]);
        LLVMAddAttributeAtIndex(slowfns[k], BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, cold, 0));
        LLVMAddAttributeAtIndex(slowfns[k], BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nu, 0));
    }
    int changed = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (LLVMIsDeclaration(f) || bw_is_ours(f))
            continue;
        const char *why = x->cfg->shadow_stack == BW_SS_ALL ? "all functions"
                                                            : needs_protection(&s, f, &proven);
        if (!why) {
            if (proven) {
                x->st.ss_in_bounds++;
                bw_remarkf(x, f, "NoShadowStackInBounds",
                           "no shadow stack: every access to its stack objects is proven in "
                           "bounds (scope in-bounds, a loosening; the default scope protects it)");
            }
            continue;
        }
        const char *no = cannot_protect(f);
        if (no) {
            x->st.ss_skipped++;
            bw_remarkf(x, f, "NoShadowStack", "no shadow stack (needed: %s): %s", why, no);
            continue;
        }
        x->st.ss_lazy += (uint64_t)protect(x, f, top, init_fn, mismatch_fn);
        x->st.ss_functions++;
        changed = 1;
    }
    free(s.memo);
    changed |= guard_jmp_bufs(x);
    return changed;
}
