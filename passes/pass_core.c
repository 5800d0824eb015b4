/*
 * pass_core.c — configuration, the shared helpers of the pass core, and the
 * per-TU statistics record.
 *
 * The statistics record (docs/hardening.md, "Per-TU statistics") is one JSON
 * line appended with a single write(2) on an O_APPEND descriptor, so
 * parallel compiles never interleave records.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pass_internal.h"

void *bw_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        /* A compiler plugin has no way to continue without memory. */
        static const char msg[] = "bulwark-pass: out of memory\n";
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    return p;
}

void *bw_xcalloc(size_t n, size_t size)
{
    void *p = bw_xmalloc(n * size);
    memset(p, 0, n * size);
    return p;
}

static size_t ptr_hash(const void *p, size_t mask)
{
    uintptr_t v = (uintptr_t)p;
    v ^= v >> 17;
    v *= 0x9e3779b97f4a7c15ull;
    return (size_t)(v >> 24) & mask;
}

void bw_ptrmap_init(struct bw_ptrmap *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    m->key = bw_xcalloc(cap, sizeof *m->key);
    m->val = bw_xmalloc(cap * sizeof *m->val);
    m->mask = cap - 1;
}

static size_t ptrmap_slot(const struct bw_ptrmap *m, const void *k)
{
    size_t h = ptr_hash(k, m->mask);
    while (m->key[h] && m->key[h] != k)
        h = (h + 1) & m->mask;
    return h;
}

void bw_ptrmap_put(struct bw_ptrmap *m, const void *k, uintptr_t v)
{
    size_t h = ptrmap_slot(m, k);
    m->key[h] = k;
    m->val[h] = v;
}

int bw_ptrmap_get(const struct bw_ptrmap *m, const void *k, uintptr_t *v)
{
    size_t h = ptrmap_slot(m, k);
    if (!m->key[h])
        return 0;
    *v = m->val[h];
    return 1;
}

void bw_ptrmap_free(struct bw_ptrmap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

void *bw_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        static const char msg[] = "bulwark-pass: out of memory\n";
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    return q;
}

static int env_off(const char *name)
{
    const char *v = getenv(name);
    return v && (strcmp(v, "0") == 0 || strcmp(v, "off") == 0 || strcmp(v, "no") == 0);
}

void bw_pass_config_from_env(bw_pass_config *cfg)
{
    cfg->cfi = !env_off("BULWARK_PASS_CFI");
    cfg->memory = !env_off("BULWARK_PASS_MEMORY");
    cfg->member_bounds = !env_off("BULWARK_PASS_MEMBER_BOUNDS");
    /* Secure default: exactly -fstack-protector-strong's functions.  An
     * unknown value falls back to it, never to something narrower. */
    cfg->shadow_stack = BW_SS_STRONG;
    const char *ss = getenv("BULWARK_PASS_SHADOW_STACK");
    if (ss && (strcmp(ss, "none") == 0 || strcmp(ss, "0") == 0))
        cfg->shadow_stack = BW_SS_NONE;
    else if (ss && strcmp(ss, "all") == 0)
        cfg->shadow_stack = BW_SS_ALL;
    else if (ss && strcmp(ss, "in-bounds") == 0)
        cfg->shadow_stack = BW_SS_IN_BOUNDS;
    else if (ss && strcmp(ss, "strong-entry") == 0)
        cfg->shadow_stack = BW_SS_STRONG_ENTRY;
    const char *st = getenv("BULWARK_PASS_STATS");
    cfg->stats_path = st && *st ? st : NULL;
}

void bw_remarkf(struct bw_ctx *x, LLVMValueRef at, const char *name, const char *fmt, ...)
{
    if (!x->remark)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    x->remark(x->remark_ctx, at, name, buf);
}

uint64_t bw_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h ? h : 1; /* 0 means "no id" in the runtime */
}

/* ---- strings and site descriptors ---------------------------------- */

static size_t strmap_slot(const struct bw_strmap *m, const char *s)
{
    size_t h = (size_t)bw_hash(s, strlen(s));
    size_t i = h & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], s) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

LLVMValueRef bw_const_string(struct bw_ctx *x, const char *s)
{
    struct bw_strmap *m = &x->strings;
    if (!s)
        return LLVMConstNull(x->ptr);
    if ((m->len + 1) * 2 > m->cap) {
        struct bw_strmap n;
        n.cap = m->cap ? m->cap * 2 : 256;
        n.len = m->len;
        n.keys = bw_xmalloc(n.cap * sizeof *n.keys);
        n.vals = bw_xmalloc(n.cap * sizeof *n.vals);
        memset(n.keys, 0, n.cap * sizeof *n.keys);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = strmap_slot(&n, m->keys[i]);
            n.keys[j] = m->keys[i];
            n.vals[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        *m = n;
    }
    size_t i = strmap_slot(m, s);
    if (m->keys[i])
        return m->vals[i];
    size_t len = strlen(s);
    LLVMValueRef init = LLVMConstStringInContext(x->c, s, (unsigned)len, 0);
    LLVMValueRef g = LLVMAddGlobal(x->m, LLVMTypeOf(init), "bw.str");
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
    LLVMSetAlignment(g, 1);
    LLVMValueRef v = LLVMConstPointerCast(g, x->ptr);
    m->keys[i] = bw_xmalloc(len + 1);
    memcpy(m->keys[i], s, len + 1);
    m->vals[i] = v;
    m->len++;
    return v;
}

/* The constant byte offset of a GEP from its base, or -1 when an index is
 * not a constant. */
int64_t bw_gep_offset(struct bw_ctx *x, LLVMValueRef gep)
{
    LLVMTypeRef t = LLVMGetGEPSourceElementType(gep);
    unsigned n = (unsigned)LLVMGetNumOperands(gep);
    int64_t off = 0;
    for (unsigned k = 1; k < n; k++) {
        LLVMValueRef idx = LLVMGetOperand(gep, k);
        if (!LLVMIsAConstantInt(idx))
            return -1;
        long long i = LLVMConstIntGetSExtValue(idx);
        if (k == 1) {
            off += i * (int64_t)LLVMABISizeOfType(x->dl, t);
            continue;
        }
        if (LLVMGetTypeKind(t) == LLVMStructTypeKind) {
            off += (int64_t)LLVMOffsetOfElement(x->dl, t, (unsigned)i);
            t = LLVMStructGetTypeAtIndex(t, (unsigned)i);
        } else if (LLVMGetTypeKind(t) == LLVMArrayTypeKind) {
            t = LLVMGetElementType(t);
            off += i * (int64_t)LLVMABISizeOfType(x->dl, t);
        } else {
            return -1;
        }
    }
    return off;
}

LLVMValueRef bw_function_of(LLVMValueRef inst)
{
    return LLVMGetBasicBlockParent(LLVMGetInstructionParent(inst));
}

LLVMValueRef bw_site(struct bw_ctx *x, LLVMValueRef inst, const char *detail, uint32_t kind)
{
    size_t flen = 0;
    const char *fname = LLVMGetValueName2(bw_function_of(inst), &flen);
    char fbuf[256];
    snprintf(fbuf, sizeof fbuf, "%.*s", (int)flen, fname);
    unsigned dlen = 0;
    const char *file = NULL;
    unsigned line = 0;
    if (LLVMGetMetadata(inst, LLVMGetMDKindIDInContext(x->c, "dbg", 3))) {
        file = LLVMGetDebugLocFilename(inst, &dlen);
        line = LLVMGetDebugLocLine(inst);
    }
    char filebuf[512];
    if (file && dlen) {
        snprintf(filebuf, sizeof filebuf, "%.*s", (int)dlen, file);
        file = filebuf;
    } else {
        file = NULL;
    }
    LLVMValueRef fields[5] = {
        bw_const_string(x, fbuf),
        bw_const_string(x, detail),
        bw_const_string(x, file),
        LLVMConstInt(x->i32, line, 0),
        LLVMConstInt(x->i32, kind, 0),
    };
    LLVMValueRef init = LLVMConstNamedStruct(x->site_ty, fields, 5);
    LLVMValueRef g = LLVMAddGlobal(x->m, x->site_ty, "bw.site");
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
    return LLVMConstPointerCast(g, x->ptr);
}

LLVMValueRef bw_get_fn(struct bw_ctx *x, const char *name, LLVMTypeRef fty)
{
    LLVMValueRef f = LLVMGetNamedFunction(x->m, name);
    if (!f)
        f = LLVMAddFunction(x->m, name, fty);
    return f;
}

/* Branch weights saying br's first successor is (almost) always taken, so
 * that block placement makes it the fall-through and moves the other one out
 * of the hot code: a check that passes costs a not-taken branch, and its
 * rarely used remainder does not dilute the instruction cache. */
void bw_mark_likely(struct bw_ctx *x, LLVMValueRef br)
{
    LLVMMetadataRef ops[3] = {
        LLVMMDStringInContext2(x->c, "branch_weights", 14),
        LLVMValueAsMetadata(LLVMConstInt(x->i32, 2000, 0)),
        LLVMValueAsMetadata(LLVMConstInt(x->i32, 1, 0)),
    };
    LLVMMetadataRef node = LLVMMDNodeInContext2(x->c, ops, 3);
    LLVMSetMetadata(br, LLVMGetMDKindIDInContext(x->c, "prof", 4),
                    LLVMMetadataAsValue(x->c, node));
}

/* Adds fn to llvm.global_ctors / llvm.global_dtors (priority 0: before the
 * program's own constructors, which may already call instrumented code). */
void bw_append_structor(struct bw_ctx *x, const char *gname, LLVMValueRef fn)
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

LLVMValueRef bw_make_structor(struct bw_ctx *x, const char *name, const char *rt_fn,
                              LLVMValueRef desc)
{
    LLVMTypeRef vty = LLVMFunctionType(x->vd, NULL, 0, 0);
    LLVMValueRef f = LLVMAddFunction(x->m, name, vty);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    LLVMTypeRef pty[1] = { x->ptr };
    unsigned nargs = desc ? 1 : 0;
    LLVMTypeRef rty = LLVMFunctionType(x->vd, pty, nargs, 0);
    LLVMValueRef rt = bw_get_fn(x, rt_fn, rty);
    LLVMBuilderRef b = LLVMCreateBuilderInContext(x->c);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(x->c, f, "entry"));
    LLVMValueRef args[1] = { desc };
    LLVMBuildCall2(b, rty, rt, args, nargs, "");
    LLVMBuildRetVoid(b);
    LLVMDisposeBuilder(b);
    return f;
}

void bw_set_preserve_most(struct bw_ctx *x, LLVMValueRef f)
{
    LLVMSetFunctionCallConv(f, LLVMPreserveMostCallConv);
    /* Call through the GOT, never a lazily bound PLT entry: the dynamic
     * linker's resolver (first call into a shared runtime) keeps only the
     * argument registers, not the r10 etc. that preserve_most callers rely on. */
    unsigned nlb = LLVMGetEnumAttributeKindForName("nonlazybind", 11);
    LLVMAddAttributeAtIndex(f, BW_FN_INDEX, LLVMCreateEnumAttribute(x->c, nlb, 0));
}

LLVMValueRef bw_intrinsic(struct bw_ctx *x, const char *name, LLVMTypeRef *types, size_t ntypes)
{
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    return LLVMGetIntrinsicDeclaration(x->m, id, types, ntypes);
}

int bw_is_ours(LLVMValueRef fn)
{
    size_t len = 0;
    const char *n = LLVMGetValueName2(fn, &len);
    return (len >= 4 && memcmp(n, "__bw", 4) == 0) || (len >= 3 && memcmp(n, "bw.", 3) == 0);
}

int bw_is_call(LLVMValueRef inst)
{
    return LLVMIsACallInst(inst) || LLVMIsAInvokeInst(inst);
}

const char *bw_callee_name(LLVMValueRef call, size_t *len)
{
    LLVMValueRef callee = bw_strip_casts(LLVMGetCalledValue(call));
    *len = 0;
    if (!callee || !LLVMIsAFunction(callee))
        return NULL;
    return LLVMGetValueName2(callee, len);
}

LLVMValueRef bw_strip_casts(LLVMValueRef v)
{
    while (v) {
        if (LLVMIsABitCastInst(v) || LLVMIsAAddrSpaceCastInst(v)) {
            v = LLVMGetOperand(v, 0);
        } else if (LLVMIsAConstantExpr(v)) {
            LLVMOpcode op = LLVMGetConstOpcode(v);
            if (op == LLVMBitCast || op == LLVMAddrSpaceCast)
                v = LLVMGetOperand(v, 0);
            else
                break;
        } else if (LLVMIsAGlobalAlias(v)) {
            v = LLVMAliasGetAliasee(v);
        } else {
            break;
        }
    }
    return v;
}

/* Type id of a !type / llvm.type.test operand: a hash of the MDString, or
 * of the node's identity for the distinct nodes clang uses for types with
 * internal linkage (only meaningful inside this TU, as in clang's CFI). */
uint64_t bw_type_id_of(struct bw_ctx *x, LLVMValueRef mdv, const char **text, size_t *text_len)
{
    unsigned len = 0;
    const char *s = LLVMGetMDString(mdv, &len);
    if (s) {
        *text = s;
        *text_len = len;
        return bw_hash(s, len);
    }
    *text = NULL;
    *text_len = 0;
    LLVMMetadataRef md = LLVMValueAsMetadata(mdv);
    size_t nlen = 0;
    const char *mid = LLVMGetModuleIdentifier(x->m, &nlen);
    uint64_t h = bw_hash(mid, nlen);
    h ^= (uint64_t)(uintptr_t)md * 0x9E3779B97F4A7C15ull;
    return h ? h : 1;
}

static void sig_type(LLVMTypeRef t, char *buf, size_t cap, size_t *n)
{
    char tmp[32];
    const char *s = tmp;
    switch (LLVMGetTypeKind(t)) {
    case LLVMVoidTypeKind: s = "v"; break;
    case LLVMIntegerTypeKind: snprintf(tmp, sizeof tmp, "i%u", LLVMGetIntTypeWidth(t)); break;
    case LLVMHalfTypeKind: s = "h"; break;
    case LLVMFloatTypeKind: s = "f"; break;
    case LLVMDoubleTypeKind: s = "d"; break;
    case LLVMX86_FP80TypeKind: s = "x"; break;
    case LLVMFP128TypeKind: s = "q"; break;
    case LLVMPointerTypeKind: s = "p"; break; /* pointee ignored: same id for LLVM 14 and 15+ */
    case LLVMStructTypeKind: {
        unsigned ne = LLVMCountStructElementTypes(t);
        if (*n + 1 < cap) buf[(*n)++] = '{';
        for (unsigned i = 0; i < ne && i < 64; i++)
            sig_type(LLVMStructGetTypeAtIndex(t, i), buf, cap, n);
        s = "}";
        break;
    }
    case LLVMArrayTypeKind:
        snprintf(tmp, sizeof tmp, "a%u", LLVMGetArrayLength(t));
        for (const char *c = tmp; *c && *n + 1 < cap; c++) buf[(*n)++] = *c;
        sig_type(LLVMGetElementType(t), buf, cap, n);
        s = "";
        break;
    case LLVMVectorTypeKind:
        snprintf(tmp, sizeof tmp, "v%u", LLVMGetVectorSize(t));
        for (const char *c = tmp; *c && *n + 1 < cap; c++) buf[(*n)++] = *c;
        sig_type(LLVMGetElementType(t), buf, cap, n);
        s = "";
        break;
    default: s = "?"; break;
    }
    for (; *s && *n + 1 < cap; s++)
        buf[(*n)++] = *s;
    buf[*n] = '\0';
}

uint64_t bw_sig_id(LLVMTypeRef fty, char *buf, size_t cap)
{
    size_t n = 0;
    const char *pre = "sig:";
    for (; *pre && n + 1 < cap; pre++) buf[n++] = *pre;
    sig_type(LLVMGetReturnType(fty), buf, cap, &n);
    if (n + 1 < cap) buf[n++] = '(';
    unsigned np = LLVMCountParamTypes(fty);
    LLVMTypeRef params[64];
    if (np <= 64) {
        LLVMGetParamTypes(fty, params);
        for (unsigned i = 0; i < np; i++) {
            if (i && n + 1 < cap) buf[n++] = ',';
            sig_type(params[i], buf, cap, &n);
        }
    }
    if (LLVMIsFunctionVarArg(fty))
        for (const char *c = ",..."; *c && n + 1 < cap; c++) buf[n++] = *c;
    if (n + 1 < cap) buf[n++] = ')';
    buf[n] = '\0';
    return bw_hash(buf, n);
}

/* ---- statistics ----------------------------------------------------- */

static void early_save(struct bw_ctx *x)
{
    LLVMValueRef vals[BW_EARLY_FIELDS] = {
        LLVMConstInt(x->i64, x->st.type_tests, 0),
        LLVMConstInt(x->i64, x->st.memops_instrumented, 0),
        LLVMConstInt(x->i64, x->st.memops_unhandled, 0),
    };
    LLVMValueRef node = LLVMMDNodeInContext(x->c, vals, BW_EARLY_FIELDS);
    LLVMAddNamedMetadataOperand(x->m, "bulwark.early", node);
}

static void early_load(struct bw_ctx *x)
{
    unsigned n = LLVMGetNamedMetadataNumOperands(x->m, "bulwark.early");
    if (n == 0)
        return;
    LLVMValueRef *nodes = bw_xmalloc(n * sizeof *nodes);
    LLVMGetNamedMetadataOperands(x->m, "bulwark.early", nodes);
    LLVMValueRef node = nodes[n - 1];
    free(nodes);
    if (LLVMGetMDNodeNumOperands(node) != BW_EARLY_FIELDS)
        return;
    LLVMValueRef ops[BW_EARLY_FIELDS];
    LLVMGetMDNodeOperands(node, ops);
    x->st.type_tests = LLVMConstIntGetZExtValue(ops[0]);
    x->st.memops_instrumented = LLVMConstIntGetZExtValue(ops[1]);
    x->st.memops_unhandled = LLVMConstIntGetZExtValue(ops[2]);
}

static void json_str(char *buf, size_t cap, size_t *n, const char *s, size_t len)
{
    if (*n + 1 < cap) buf[(*n)++] = '"';
    for (size_t i = 0; i < len && *n + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            buf[(*n)++] = '\\';
            buf[(*n)++] = (char)c;
        } else if (c < 0x20) {
            *n += (size_t)snprintf(buf + *n, cap - *n, "\\u%04x", c);
        } else {
            buf[(*n)++] = (char)c;
        }
    }
    if (*n + 1 < cap) buf[(*n)++] = '"';
    buf[*n] = '\0';
}

static void write_stats(struct bw_ctx *x)
{
    const bw_pass_config *cfg = x->cfg;
    if (!cfg->stats_path)
        return;
    char buf[4096];
    size_t n = 0;
    size_t slen = 0, tlen = 0;
    const char *src = LLVMGetSourceFileName(x->m, &slen);
    const char *triple = LLVMGetTarget(x->m);
    tlen = triple ? strlen(triple) : 0;
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    const struct bw_stats *s = &x->st;
    uint64_t icalls = s->icalls_typed + s->icalls_sig;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "{\"v\":%d,\"source\":", BW_PASS_STATS_VERSION);
    json_str(buf, sizeof buf, &n, src, slen);
    n += (size_t)snprintf(buf + n, sizeof buf - n, ",\"directory\":");
    json_str(buf, sizeof buf, &n, cwd, strlen(cwd));
    n += (size_t)snprintf(buf + n, sizeof buf - n, ",\"target\":");
    json_str(buf, sizeof buf, &n, triple ? triple : "", tlen);
    n += (size_t)snprintf(buf + n, sizeof buf - n,
        ",\"llvm\":%d,\"pid\":%ld"
        ",\"protections\":{\"cfi\":%s,\"shadow_stack\":\"%s\",\"memory\":%s,\"member_bounds\":%s}"
        ",\"cfi\":{\"indirect_calls\":%llu,\"with_type_id\":%llu,\"without_type_id\":%llu,"
        "\"proven_at_compile_time\":%llu,\"registered_functions\":%llu}"
        ",\"shadow_stack\":{\"functions\":%llu,\"protected\":%llu,\"unprotected\":%llu,"
        "\"skipped_in_scope\":%llu,\"proven_in_bounds\":%llu,\"pushed_lazily\":%llu}"
        ",\"memory\":{\"instrumented\":%llu,\"runtime_checks\":%llu,\"unknown_size\":%llu,"
        "\"unknown_size_small\":%llu,\"unhandled\":%llu}"
        ",\"residual\":{\"unknown_size_memops\":%llu,\"indirect_calls_without_type_id\":%llu,"
        "\"functions_without_shadow_stack\":%llu}}\n",
        LLVM_VERSION_MAJOR, (long)getpid(),
        cfg->cfi ? "true" : "false",
        cfg->shadow_stack == BW_SS_NONE        ? "none"
        : cfg->shadow_stack == BW_SS_ALL       ? "all"
        : cfg->shadow_stack == BW_SS_IN_BOUNDS ? "in-bounds"
        : cfg->shadow_stack == BW_SS_STRONG_ENTRY ? "strong-entry"
                                               : "strong",
        cfg->memory ? "true" : "false", cfg->member_bounds ? "true" : "false",
        (unsigned long long)icalls, (unsigned long long)s->icalls_typed,
        (unsigned long long)s->icalls_sig, (unsigned long long)s->icalls_folded,
        (unsigned long long)s->registered,
        (unsigned long long)s->functions, (unsigned long long)s->ss_functions,
        (unsigned long long)(s->functions - s->ss_functions), (unsigned long long)s->ss_skipped,
        (unsigned long long)s->ss_in_bounds, (unsigned long long)s->ss_lazy,
        (unsigned long long)s->memops_instrumented, (unsigned long long)s->mem_runtime_checks,
        (unsigned long long)s->mem_unknown_size, (unsigned long long)s->mem_small_unchecked,
        (unsigned long long)s->memops_unhandled,
        (unsigned long long)(s->mem_unknown_size + s->memops_unhandled),
        (unsigned long long)s->icalls_sig,
        (unsigned long long)(s->functions - s->ss_functions));
    if (n >= sizeof buf)
        return; /* cannot happen with these fields; never write a cut record */
    int fd = open(cfg->stats_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    (void)!write(fd, buf, n); /* one write: O_APPEND keeps records whole */
    close(fd);
}

/* ---- the module record for `bulwark verify` ------------------------ */

/* One 24-byte record per instrumented module in section __bulwark_info
 * (layout: verify/verify.c, bw_module_info_record): six little-endian
 * uint32 {magic "BWMI", version 1, protection bits, checked indirect calls,
 * functions on the shadow stack, checked memory operations}.  Section
 * alignment 4 keeps the records of all linked modules back to back.  The
 * constant is private and in llvm.used: -O2 keeps it and, on ELF, LLVM
 * marks its section SHF_GNU_RETAIN, so --gc-sections keeps it as well. */
#define BW_INFO_MAGIC 0x494d5742u
enum { BW_INFO_CFI = 1u, BW_INFO_SHADOW = 2u, BW_INFO_MEMORY = 4u };

static uint32_t clamp32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void add_to_used(struct bw_ctx *x, LLVMValueRef g)
{
    LLVMValueRef old = LLVMGetNamedGlobal(x->m, "llvm.used");
    unsigned n = 0;
    LLVMValueRef *elems = NULL;
    if (old) {
        LLVMValueRef init = LLVMGetInitializer(old);
        n = init ? (unsigned)LLVMGetNumOperands(init) : 0;
        elems = bw_xmalloc((n + 1) * sizeof *elems);
        for (unsigned i = 0; i < n; i++)
            elems[i] = LLVMGetOperand(init, i);
    } else {
        elems = bw_xmalloc(sizeof *elems);
    }
    elems[n++] = LLVMConstPointerCast(g, x->ptr);
    LLVMValueRef arr = LLVMConstArray(x->ptr, elems, n);
    free(elems);
    if (old) {
        LLVMSetValueName2(old, "llvm.used.old", 13);
    }
    LLVMValueRef nu = LLVMAddGlobal(x->m, LLVMTypeOf(arr), "llvm.used");
    LLVMSetInitializer(nu, arr);
    LLVMSetLinkage(nu, LLVMAppendingLinkage);
    LLVMSetSection(nu, "llvm.metadata");
    if (old)
        LLVMDeleteGlobal(old);
}

static void emit_module_info(struct bw_ctx *x)
{
    const bw_pass_config *cfg = x->cfg;
    const struct bw_stats *s = &x->st;
    uint32_t prot = (cfg->cfi ? BW_INFO_CFI : 0u) |
                    (cfg->shadow_stack != BW_SS_NONE ? BW_INFO_SHADOW : 0u) |
                    (cfg->memory ? BW_INFO_MEMORY : 0u);
    if (prot == 0 || LLVMGetNamedGlobal(x->m, "__bw.module_info"))
        return;
    uint32_t fields[6] = {
        BW_INFO_MAGIC, 1u, prot,
        clamp32(s->icalls_typed + s->icalls_sig),
        clamp32(s->ss_functions),
        clamp32(s->memops_instrumented),
    };
    LLVMValueRef vals[6];
    for (int i = 0; i < 6; i++)
        vals[i] = LLVMConstInt(x->i32, fields[i], 0);
    /* An i32 array: the target's byte order is little-endian on every
     * target the runtime supports (x86_64), which the record requires. */
    LLVMValueRef init = LLVMConstArray(x->i32, vals, 6);
    LLVMValueRef g = LLVMAddGlobal(x->m, LLVMTypeOf(init), "__bw.module_info");
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    LLVMSetSection(g, "__bulwark_info");
    LLVMSetAlignment(g, 4);
    add_to_used(x, g);
}

int bw_pass_run(LLVMModuleRef m, bw_pass_stage stage, const bw_pass_config *cfg,
                bw_pass_remark_fn remark, void *remark_ctx)
{
    struct bw_ctx x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.c = LLVMGetModuleContext(m);
    x.dl = LLVMGetModuleDataLayout(m);
    x.cfg = cfg;
    x.remark = remark;
    x.remark_ctx = remark_ctx;
    x.i1 = LLVMInt1TypeInContext(x.c);
    x.i8 = LLVMInt8TypeInContext(x.c);
    x.i32 = LLVMInt32TypeInContext(x.c);
    x.i64 = LLVMInt64TypeInContext(x.c);
    x.vd = LLVMVoidTypeInContext(x.c);
#if LLVM_VERSION_MAJOR >= 15
    x.ptr = LLVMPointerTypeInContext(x.c, 0);
#else
    x.ptr = LLVMPointerType(x.i8, 0);
#endif
    x.site_ty = LLVMGetTypeByName2(x.c, "bw.site_t");
    if (!x.site_ty) {
        LLVMTypeRef el[5] = { x.ptr, x.ptr, x.ptr, x.i32, x.i32 };
        x.site_ty = LLVMStructCreateNamed(x.c, "bw.site_t");
        LLVMStructSetBody(x.site_ty, el, 5, 0);
    }
    x.type_kind = LLVMGetMDKindIDInContext(x.c, "type", 4);

    int changed = 0;
    if (stage == BW_STAGE_EARLY) {
        if (cfg->cfi)
            changed |= bw_cfi_early(&x);
        else
            changed |= bw_cfi_drop_tests(&x);
        if (cfg->memory)
            changed |= bw_mem_early(&x);
        early_save(&x);
        changed = 1;
    } else {
        early_load(&x);
        for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
            if (!LLVMIsDeclaration(f) && !bw_is_ours(f))
                x.st.functions++;
        if (cfg->cfi)
            changed |= bw_cfi_late(&x);
        if (cfg->shadow_stack != BW_SS_NONE)
            changed |= bw_ss_late(&x);
        if (cfg->memory)
            bw_mem_late_count(&x);
        emit_module_info(&x);
        write_stats(&x);
    }
    for (size_t i = 0; i < x.strings.cap; i++)
        free(x.strings.keys[i]);
    free(x.strings.keys);
    free(x.strings.vals);
    return changed;
}
