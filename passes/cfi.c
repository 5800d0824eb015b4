/*
 * cfi.c — forward-edge CFI without LTO.
 *
 * Early stage: clang's -fsanitize=cfi-icall leaves, before each indirect
 * call, `llvm.type.test(fp, !"<type id>")` guarding a branch to a failure
 * path; without LTO nothing lowers it (codegen treats it as true).  Each
 * type test becomes a call to the runtime's __bw_cfi_check with the hashed
 * type id, and clang's failure handler becomes a trap (the runtime never
 * answers "no": it aborts, or in report mode lets the call proceed).
 *
 * Late stage: every indirect call still unchecked (modules built without
 * the front-end flag, calls the front end does not cover such as virtual
 * calls and member-function pointers) gets a check with the IR-signature
 * id; checks whose target the optimiser made constant are decided at
 * compile time; and the module registers its valid targets with the
 * runtime from a constructor (unregistering from a destructor, so dlclose
 * works).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pass_internal.h"

static LLVMTypeRef check_fn_type(struct bw_ctx *x)
{
    LLVMTypeRef params[4] = { x->ptr, x->i64, x->i64, x->ptr };
    return LLVMFunctionType(x->i32, params, 4, 0);
}

static LLVMValueRef check_fn(struct bw_ctx *x)
{
    LLVMValueRef f = bw_get_fn(x, "__bw_cfi_check", check_fn_type(x));
    LLVMSetLinkage(f, LLVMExternalLinkage);
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

int bw_cfi_early(struct bw_ctx *x)
{
    struct vec tests = { 0 }, fails = { 0 };
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b))
            for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
                if (!LLVMIsACallInst(i))
                    continue;
                size_t len;
                const char *n = bw_callee_name(i, &len);
                if (is_type_test(i))
                    vec_push(&tests, i);
                else if (n && len > 29 && memcmp(n, "__ubsan_handle_cfi_check_fail", 29) == 0)
                    vec_push(&fails, i);
            }
    if (tests.n == 0 && fails.n == 0)
        return 0;
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    LLVMValueRef check = check_fn(x);
    LLVMTypeRef check_ty = check_fn_type(x);
    for (size_t k = 0; k < tests.n; k++) {
        LLVMValueRef tt = tests.v[k];
        LLVMValueRef p = LLVMGetOperand(tt, 0);
        const char *text;
        size_t tlen;
        uint64_t id = bw_type_id_of(x, LLVMGetOperand(tt, 1), &text, &tlen);
        LLVMValueRef call = call_through(p);
        uint64_t sig = 0;
        char sigbuf[256];
        if (call)
            sig = bw_sig_id(LLVMGetCalledFunctionType(call), sigbuf, sizeof sigbuf);
        char detail[256];
        if (text)
            snprintf(detail, sizeof detail, "%.*s", (int)tlen, text);
        else
            snprintf(detail, sizeof detail, "(type with internal linkage)");
        LLVMPositionBuilderBefore(b, tt);
        LLVMValueRef args[4] = {
            LLVMBuildPointerCast(b, p, x->ptr, ""),
            LLVMConstInt(x->i64, id, 0),
            LLVMConstInt(x->i64, sig, 0),
            bw_site(x, tt, detail, 1),
        };
        LLVMValueRef r = LLVMBuildCall2(b, check_ty, check, args, 4, "bw.cfi");
        LLVMValueRef ok = LLVMBuildICmp(b, LLVMIntNE, r, LLVMConstInt(x->i32, 0, 0), "bw.cfi.ok");
        LLVMReplaceAllUsesWith(tt, ok);
        LLVMInstructionEraseFromParent(tt);
        x->st.type_tests++;
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

/* Decide checks whose target became a known function. */
static void fold_constant_checks(struct bw_ctx *x, LLVMValueRef check)
{
    struct vec calls = { 0 };
    for (LLVMUseRef u = LLVMGetFirstUse(check); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (LLVMIsACallInst(user))
            vec_push(&calls, user);
    }
    char sigbuf[256];
    for (size_t k = 0; k < calls.n; k++) {
        LLVMValueRef c = calls.v[k];
        LLVMValueRef target = bw_strip_casts(LLVMGetOperand(c, 0));
        if (!LLVMIsAFunction(target))
            continue;
        uint64_t src = LLVMConstIntGetZExtValue(LLVMGetOperand(c, 1));
        uint64_t sig = LLVMConstIntGetZExtValue(LLVMGetOperand(c, 2));
        struct type_ids t;
        type_ids_of(x, target, &t);
        int ok = 0;
        if (src && (t.nsrc || t.gen)) {
            for (size_t i = 0; i < t.nsrc; i++)
                ok |= t.src[i] == src;
            ok |= t.gen == src;
        } else {
            ok = bw_sig_id(LLVMGlobalGetValueType(target), sigbuf, sizeof sigbuf) == sig;
        }
        if (!ok)
            continue; /* leave it: the runtime reports the mismatch */
        LLVMReplaceAllUsesWith(c, LLVMConstInt(x->i32, 1, 0));
        LLVMInstructionEraseFromParent(c);
        x->st.icalls_folded++;
    }
    free(calls.v);
}

static int instrument_icalls(struct bw_ctx *x, LLVMValueRef check)
{
    LLVMTypeRef check_ty = check_fn_type(x);
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    struct vec checked = { 0 }, todo = { 0 };
    int changed = 0;
    char sigbuf[256];
    for (LLVMValueRef f = LLVMGetFirstFunction(x->m); f; f = LLVMGetNextFunction(f)) {
        if (LLVMIsDeclaration(f) || bw_is_ours(f))
            continue;
        checked.n = 0;
        todo.n = 0;
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
                if (!bw_is_call(i))
                    continue;
                LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(i));
                if (callee == check) {
                    vec_push(&checked, bw_strip_casts(LLVMGetOperand(i, 0)));
                    continue;
                }
                if (!callee || LLVMIsAFunction(callee) || LLVMIsAInlineAsm(callee))
                    continue;
                vec_push(&todo, i);
            }
        for (size_t k = 0; k < todo.n; k++) {
            LLVMValueRef call = todo.v[k];
            LLVMValueRef callee = LLVMGetCalledValue(call);
            if (vec_has(&checked, bw_strip_casts(callee))) {
                x->st.icalls_typed++;
                continue;
            }
            uint64_t sig = bw_sig_id(LLVMGetCalledFunctionType(call), sigbuf, sizeof sigbuf);
            LLVMPositionBuilderBefore(b, call);
            LLVMValueRef args[4] = {
                LLVMBuildPointerCast(b, callee, x->ptr, ""),
                LLVMConstInt(x->i64, 0, 0),
                LLVMConstInt(x->i64, sig, 0),
                bw_site(x, call, sigbuf, 1),
            };
            LLVMBuildCall2(b, check_ty, check, args, 4, "");
            x->st.icalls_sig++;
            changed = 1;
            bw_remarkf(x, call, "IndirectCallWithoutTypeId",
                       "indirect call checked with the IR signature only (%s): build with "
                       "-Xclang -fsanitize=cfi-icall for source-level type ids", sigbuf);
        }
    }
    free(checked.v);
    free(todo.v);
    LLVMDisposeBuilder(b);
    return changed;
}

static void append_structor(struct bw_ctx *x, const char *gname, LLVMValueRef fn)
{
    LLVMValueRef old = LLVMGetNamedGlobal(x->m, gname);
    LLVMTypeRef elem_ty;
    unsigned n = 0;
    LLVMValueRef init = NULL;
    if (old) {
        elem_ty = LLVMGetElementType(LLVMGlobalGetValueType(old));
        init = LLVMGetInitializer(old);
        if (init && !LLVMIsNull(init))
            n = (unsigned)LLVMGetNumOperands(init);
    } else {
        LLVMTypeRef fields[3] = { x->i32, x->ptr, x->ptr };
        elem_ty = LLVMStructTypeInContext(x->c, fields, 3, 0);
    }
    LLVMValueRef *elems = bw_xmalloc((n + 1) * sizeof *elems);
    for (unsigned i = 0; i < n; i++)
        elems[i] = LLVMGetOperand(init, i);
    LLVMValueRef f[3] = {
        LLVMConstInt(x->i32, 0, 0),
        LLVMConstPointerCast(fn, LLVMStructGetTypeAtIndex(elem_ty, 1)),
        LLVMConstNull(LLVMStructGetTypeAtIndex(elem_ty, 2)),
    };
    elems[n] = LLVMConstStructInContext(x->c, f, 3, 0);
    LLVMValueRef arr = LLVMConstArray(elem_ty, elems, n + 1);
    free(elems);
    if (old)
        LLVMDeleteGlobal(old);
    LLVMValueRef g = LLVMAddGlobal(x->m, LLVMTypeOf(arr), gname);
    LLVMSetLinkage(g, LLVMAppendingLinkage);
    LLVMSetInitializer(g, arr);
}

static LLVMValueRef make_structor(struct bw_ctx *x, const char *name, const char *rt_fn,
                                  LLVMValueRef desc)
{
    LLVMTypeRef vty = LLVMFunctionType(x->vd, NULL, 0, 0);
    LLVMValueRef f = LLVMAddFunction(x->m, name, vty);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    LLVMTypeRef pty[1] = { x->ptr };
    LLVMTypeRef rty = LLVMFunctionType(x->vd, pty, 1, 0);
    LLVMValueRef rt = bw_get_fn(x, rt_fn, rty);
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(x->c, f, "entry"));
    LLVMValueRef args[1] = { desc };
    LLVMBuildCall2(b, rty, rt, args, 1, "");
    LLVMBuildRetVoid(b);
    LLVMDisposeBuilder(b);
    return f;
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
    LLVMTypeRef mfields[4] = { x->i32, x->i32, x->ptr, x->ptr };
    LLVMTypeRef mod_ty = LLVMStructTypeInContext(x->c, mfields, 4, 0);
    LLVMValueRef mvals[4] = {
        LLVMConstInt(x->i32, 1, 0), /* BW_RT_ABI_VERSION */
        LLVMConstInt(x->i32, x->st.registered, 0),
        LLVMConstPointerCast(funcs, x->ptr),
        bw_const_string(x, srcbuf),
    };
    LLVMValueRef minit = LLVMConstStructInContext(x->c, mvals, 4, 0);
    LLVMValueRef mod = LLVMAddGlobal(x->m, mod_ty, "bw.module");
    LLVMSetInitializer(mod, minit);
    LLVMSetGlobalConstant(mod, 1);
    LLVMSetLinkage(mod, LLVMPrivateLinkage);
    (void)mod_ty;
    LLVMValueRef desc = LLVMConstPointerCast(mod, x->ptr);
    append_structor(x, "llvm.global_ctors",
                    make_structor(x, "bw.module_ctor", "__bw_register_module", desc));
    append_structor(x, "llvm.global_dtors",
                    make_structor(x, "bw.module_dtor", "__bw_unregister_module", desc));
}

int bw_cfi_late(struct bw_ctx *x)
{
    LLVMValueRef check = LLVMGetNamedFunction(x->m, "__bw_cfi_check");
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
