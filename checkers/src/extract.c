/*
 * extract.c — lowers the functions of one translation unit into the flow IR.
 *
 * Walks libclang cursors.  Expressions become "values" (the places they
 * read); nested calls become CALL instructions into temporaries; statements
 * become a control-flow graph (BRANCH/JUMP) so that if/switch/loops/goto
 * and early returns are all just edges for the analysis.  Conditions that
 * check a value with a function (`if (!valid(s)) return;`) or an allow-list
 * (`strspn(s, ok) != strlen(s)`) carry facts on their edges; loops that
 * reject any character failing a <ctype.h> test end in a VALIDATE.
 *
 * Every CXString is disposed where it is obtained.
 */
#include "extract.h"
#include "cursor_map.h"
#include "decl_text.h"
#include "loc_cache.h"
#include "selection.h"
#include "tu_files.h"
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "bulwark/alloc.h"
#include "bulwark/clock.h"
#include "bulwark/file.h"

/* ---- small helpers ---------------------------------------------------- */

typedef struct kids {
    CXCursor *items;
    unsigned n, cap;
    CXCursor inl[8];
} kids;

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    kids *k = data;
    if (k->n == k->cap) {
        unsigned ncap = k->cap * 2;
        CXCursor *n = bw_reallocarray(k->items == k->inl ? NULL : k->items, ncap, sizeof(CXCursor));
        if (n == NULL)
            return CXChildVisit_Break;
        if (k->items == k->inl)
            memcpy(n, k->inl, sizeof(k->inl));
        k->items = n;
        k->cap = ncap;
    }
    k->items[k->n++] = c;
    return CXChildVisit_Continue;
}

static void kids_get(CXCursor c, kids *k)
{
    k->items = k->inl;
    k->n = 0;
    k->cap = 8;
    clang_visitChildren(c, collect_kid, k);
}

static void kids_free(kids *k)
{
    if (k->items != k->inl)
        bw_free(k->items);
}

static bool is_arith_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return (c.kind >= CXType_Bool && c.kind <= CXType_LastBuiltin && c.kind != CXType_NullPtr &&
            c.kind != CXType_Overload && c.kind != CXType_Dependent) ||
           c.kind == CXType_Enum;
}

static bool is_char_type(CXType t)
{
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    return k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar || k == CXType_UChar ||
           k == CXType_WChar || k == CXType_Char16 || k == CXType_Char32;
}

static bool is_array_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray ||
           c.kind == CXType_VariableArray || c.kind == CXType_DependentSizedArray;
}

/* The canonical element type of a (nested) array, or t itself. */
static CXType array_base_type(CXType t)
{
    t = clang_getCanonicalType(t);
    while (is_array_type(t))
        t = clang_getCanonicalType(clang_getArrayElementType(t));
    return t;
}

static bool is_void_pointer(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Pointer && clang_getCanonicalType(clang_getPointeeType(c)).kind == CXType_Void;
}

static bool is_pointer_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Pointer || is_array_type(c);
}

static bool is_union_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind == CXType_Pointer)
        c = clang_getCanonicalType(clang_getPointeeType(c));
    if (c.kind != CXType_Record)
        return false;
    CXCursor d = clang_getTypeDeclaration(c);
    return clang_getCursorKind(d) == CXCursor_UnionDecl;
}

static const char *const noreturn_names[] = {
    "exit", "_exit", "_Exit", "abort", "quick_exit", "err", "errx", "verr", "verrx",
    "longjmp", "siglongjmp", "_longjmp", "__assert_fail", "__assert_rtn", "__assert",
    "pthread_exit", "__builtin_unreachable", "__builtin_trap", "__builtin_abort",
    "std::exit", "std::abort", "std::terminate", "std::quick_exit", "std::_Exit",
    "g_error", "FCGX_Finish_exit", NULL};

bool bw_is_noreturn(const char *name)
{
    for (size_t i = 0; noreturn_names[i] != NULL; i++)
        if (strcmp(name, noreturn_names[i]) == 0)
            return true;
    return false;
}

/* ---- lowering state ----------------------------------------------------- */

typedef struct label_ref {
    uint32_t name;  /* label name */
    uint32_t insn;  /* JUMP to patch, or BW_NONE for a definition */
    uint32_t target;
} label_ref;

/* A `case` label of the switch being lowered: where its code starts and
 * its value (known = false for `default` and case ranges). */
typedef struct case_label {
    uint32_t at;
    long long value;
    bool known;
    bool is_default;
} case_label;

/* The innermost switch being lowered: the variable it switches on (when
 * its condition is one), so `arr[var]` inside a case group can be resolved
 * to the elements those labels select. */
typedef struct switch_ctx {
    CXCursor var;
    CXCursor body;
    bool has_var;
    uint32_t start;      /* its dispatch instruction */
    uint32_t body_start; /* its body's first instruction */
    case_label *labels;
    uint32_t nlabels, caplabels;
    struct switch_ctx *outer;
} switch_ctx;

/* A local array initialised with string literals only: the ASSIGN that
 * initialises it carries the elements (BW_ASSIGN_ELEMENTS). */
typedef struct lit_array {
    uint32_t place;
    uint32_t insn;
} lit_array;

/* What the lowering asks of a type (the type predicates below), worked out on
 * a type's first use: every expression asked several, ~1.6 M
 * clang_getCursorType and ~1 M clang_getCanonicalType calls on SQLite for
 * a few thousand distinct types. */
enum {
    TF_ARITH = 1,     /* is_arith_type */
    TF_CHAR = 2,      /* is_char_type */
    TF_ARRAY = 4,     /* is_array_type */
    TF_POINTER = 8,   /* is_pointer_type */
    TF_VOIDPTR = 16,  /* is_void_pointer */
    TF_UNION = 32,    /* is_union_type */
    TF_CPTR = 64,     /* the canonical type is a pointer */
    TF_STRUCT = 128,  /* is_struct_type */
    TF_VOID = 256,    /* the canonical type is void */
    TF_LINK = 512     /* points_to_free_list_slot */
};

struct type_slot {
    CXType t;
    uint16_t flags;     /* TF_* */
    uint8_t place;      /* place_type_flags */
    uint8_t rknown;     /* bit 1 << n: rusr[n] is record_usr(t, n) */
    uint32_t rusr[2];
    bool used;
};

typedef struct lower {
    bw_ir_tu *tu;
    CXTranslationUnit ctu;
    bool oom;
    double deadline; /* CLOCK_MONOTONIC seconds; 0 = none */
    bool timed_out;
    const bw_extract_reader *reader; /* NULL: file texts from libclang */
    const char *dir;                 /* the TU's directory (NULL: ours) */
    /* current function */
    CXCursor fn;
    CXCursor *params;
    uint32_t nparams;
    bool is_method;
    bool cxx; /* the TU is C++ (its file name or an -x c++ argument) */
    bw_ir_insn *insns;
    uint32_t ninsns, capinsns;
    bw_ir_place *places;
    uint32_t nplaces, capplaces;
    bw_strmap placemap;
    bw_cursor_map var_places; /* declaration -> var_place's place, in this function */
    bw_loc_cache *locs;       /* shared with the memory lowering */
    bw_cursor_pairs callees;  /* called declaration -> qualified name, USR (BW_NONE: none); whole TU */
    uint32_t ntemps;
    uint32_t brk, cont; /* current break/continue JUMP chains: insn list heads */
    uint32_t *brk_list, nbrk, capbrk;
    uint32_t *cont_list, ncont, capcont;
    label_ref *labels;
    uint32_t nlabels, caplabels;
    /* switch lowering */
    uint32_t *case_list, ncase, capcase; /* branch insns waiting for their case target */
    bool in_switch;
    switch_ctx *sw;
    lit_array *litarrs;
    uint32_t nlitarrs, caplitarrs;
    bw_buf scratch;
    bw_buf ext_root, ext_path, ext_name; /* place_extend's */
    struct type_slot *types; /* type_info's cache, BW_TYPE_SLOTS slots */
    struct type_slot type_tmp; /* type_info's answer when the cache could not be allocated */
    /* header functions lowered only once something lowered names them */
    struct deferred_fn *deferred;
    uint32_t ndeferred, capdeferred;
    uint8_t *usr_marks; /* by string id: USR_* marks of a function's USR */
    uint32_t capmarks;
    CXFile main_file;
    bool all_header_functions; /* defer nothing */
    /* the call operators of the lambdas lowered code holds, lowered once
     * the function that holds them is (lower_lambdas) */
    CXCursor *lambdas;
    uint32_t nlambdas, caplambdas;
    /* the function being lowered is a lambda's call operator, and its body
     * (what the lambda declares itself lies inside it) */
    bool in_lambda;
    CXCursor body;
    /* the function's variables a lambda initialises: their captures are
     * stored where the variable is used (closure_used) */
    struct closure_var *closure_vars;
    uint32_t nclosure_vars, capclosure_vars;
    uint64_t closure_epoch;
    unsigned closure_depth;
    CXCursor closure_copied; /* the reference a registered copy is made from: no use */
    /* the program's non-member functions by name, and its templates with an
     * explicit specialization: built on first use (program_names) */
    bool names_built;
    bw_strmap fn_names;    /* name -> index in name_keys of its USR, or NAME_MANY */
    bw_strmap specialized; /* a template's USR -> 1 */
    char **name_keys;      /* the maps' keys and USRs, owned */
    uint32_t nname_keys, capname_keys;
} lower;

/* How a lambda's captures are stored (plan_captures): each variable its
 * body names from outside, a reference to it there, and where its value
 * goes into the capture. */
typedef struct capture {
    CXCursor decl, ref;
    bool value;       /* a record or an array by copy: a copy of its value */
    bool at_creation; /* stored where the lambda is made */
    bool at_use;      /* stored where a lambda held in a variable runs */
    bool copy_back;   /* by reference: the body's assignment comes back after a call */
} capture;

typedef struct capture_plan {
    capture *c;
    uint32_t n;
} capture_plan;

typedef struct closure_var {
    CXCursor var, lambda, op;
    capture_plan plan;
    uint64_t epoch; /* the use (closure_used) that last stored its captures */
} closure_var;

/* A header function whose body waits until lowered code names it. */
typedef struct deferred_fn {
    CXCursor fn, body;
    uint32_t usr, qual;
    int np;
    bool method, done;
} deferred_fn;

/* bw_ir_intern, looking the text up first: most strings the lowering
 * interns are interned already, and bw_ir_intern copies the text (a malloc
 * and a free) before it looks.  The same id either way. */
static uint32_t intern_tu(bw_ir_tu *tu, const char *s)
{
    uint32_t id = bw_strmap_get(&tu->strmap, s);
    return id != BW_NONE ? id : bw_ir_intern(tu, s);
}

static uint32_t intern_cx(lower *L, CXString s)
{
    const char *c = clang_getCString(s);
    uint32_t id = intern_tu(L->tu, c != NULL ? c : "");
    clang_disposeString(s);
    if (id == BW_NONE)
        L->oom = true;
    return id;
}

static uint32_t intern(lower *L, const char *s)
{
    uint32_t id = intern_tu(L->tu, s);
    if (id == BW_NONE)
        L->oom = true;
    return id;
}

static bw_ir_loc loc_of(lower *L, CXCursor c)
{
    bw_ir_loc l = {BW_NONE, 0, 0};
    bw_loc r = bw_loc_get(L->locs, L->tu, clang_getCursorLocation(c), &L->oom);
    if (r.file != BW_NONE) {
        l.file = r.file;
        l.line = r.line;
        l.col = r.col;
    }
    return l;
}

static void *arena(lower *L, size_t n)
{
    void *p = bw_arena_alloc(&L->tu->arena, n);
    if (p == NULL)
        L->oom = true;
    return p;
}

static uint32_t emit(lower *L, bw_ir_op op, CXCursor at)
{
    if (!bw_ir_grow((void **)&L->insns, &L->capinsns, L->ninsns + 1, sizeof(bw_ir_insn))) {
        L->oom = true;
        return BW_NONE;
    }
    bw_ir_insn *in = &L->insns[L->ninsns];
    memset(in, 0, sizeof(*in));
    in->op = (uint8_t)op;
    in->loc = loc_of(L, at);
    in->dst = in->callee = in->usr = in->recv = in->a = in->b = BW_NONE;
    return L->ninsns++;
}

static bw_ir_insn *insn(lower *L, uint32_t i)
{
    static bw_ir_insn dummy;
    return i < L->ninsns ? &L->insns[i] : &dummy;
}

/* Flags insns [from, now) as lowered inside a branching expression. */
static void mark_in_expr(lower *L, uint32_t from)
{
    for (uint32_t i = from; i < L->ninsns; i++)
        L->insns[i].flags |= BW_INSN_IN_EXPR;
}

static bool push_u32(lower *L, uint32_t **arr, uint32_t *n, uint32_t *cap, uint32_t v)
{
    if (!bw_ir_grow((void **)arr, cap, *n + 1, sizeof(uint32_t))) {
        L->oom = true;
        return false;
    }
    (*arr)[(*n)++] = v;
    return true;
}

/* A place: kind + root + member path.  Keys are unique strings. */
static uint32_t place_get(lower *L, uint8_t kind, uint32_t root, const char *rootkey,
                          const char *path, const char *name)
{
    /* appends, not a printf: places are looked up ~180,000 times on SQLite */
    bw_buf_reset(&L->scratch);
    bw_buf_putc(&L->scratch, "lpgt"[kind]);
    bw_buf_puts(&L->scratch, rootkey);
    bw_buf_puts(&L->scratch, path);
    if (L->scratch.data == NULL || L->scratch.failed) {
        L->oom = true;
        return 0;
    }
    /* a place already made is found by its key's text: its key was interned
     * when it was made, so not interning again changes no string id */
    uint32_t idx = bw_strmap_get(&L->placemap, L->scratch.data);
    if (idx != BW_NONE)
        return idx;
    uint32_t key = intern(L, L->scratch.data);
    if (key == BW_NONE)
        return 0;
    if (!bw_ir_grow((void **)&L->places, &L->capplaces, L->nplaces + 1, sizeof(bw_ir_place))) {
        L->oom = true;
        return 0;
    }
    bw_ir_place *p = &L->places[L->nplaces];
    p->kind = kind;
    p->flags = 0;
    p->root = root;
    p->key = key;
    p->path = intern(L, path);
    p->name = intern(L, name);
    p->field = p->rtype = BW_NONE;
    if (!bw_strmap_put(&L->placemap, bw_ir_str(L->tu, key), L->nplaces)) {
        L->oom = true;
        return 0;
    }
    return L->nplaces++;
}

static uint32_t place_extend(lower *L, uint32_t base, const char *field, bool arrow)
{
    bw_ir_place b = L->places[base];
    {
        /* at most 4 members deep: a->b->c->d.e stands for everything below */
        unsigned depth = 0;
        for (const char *q = bw_ir_str(L->tu, b.path); *q; q++)
            depth += *q == '.';
        if (depth >= 4)
            return base;
    }
    /* the root's key is the base key without its kind letter and path */
    const char *bk = bw_ir_str(L->tu, b.key);
    size_t klen = strlen(bk), plen = strlen(bw_ir_str(L->tu, b.path));
    /* the lowering's own buffers, not three allocations per member access */
    bw_buf *rk = &L->ext_root, *path = &L->ext_path, *name = &L->ext_name;
    bw_buf_reset(rk);
    bw_buf_reset(path);
    bw_buf_reset(name);
    bw_buf_append(rk, bk + 1, klen > plen ? klen - plen - 1 : 0);
    bw_buf_puts(path, bw_ir_str(L->tu, b.path));
    bw_buf_putc(path, '.');
    bw_buf_puts(path, field);
    bw_buf_puts(name, bw_ir_str(L->tu, b.name));
    bw_buf_puts(name, arrow ? "->" : ".");
    bw_buf_puts(name, field);
    if (rk->failed || path->failed || name->failed || path->data == NULL || name->data == NULL) {
        L->oom = true;
        return 0;
    }
    return place_get(L, b.kind, b.root, rk->data != NULL ? rk->data : "", path->data, name->data);
}

static uint32_t new_temp(lower *L, const char *name)
{
    char key[32];
    uint32_t id = L->ntemps++;
    snprintf(key, sizeof(key), "%u", id);
    return place_get(L, BW_PLACE_TEMP, id, key, "", name);
}

/* ---- values --------------------------------------------------------------- */

typedef struct vbuild {
    bw_ir_ref refs[16];
    uint32_t n;
    uint32_t lit;
    uint32_t container; /* bw_ir_val's: a field + 1, or 0 */
    uint8_t flags;
} vbuild;

/* A reference; `elem`: one element of many (bw_ir_ref).  The same place
 * twice is one reference, an element if either is. */
static void vb_add_ref(vbuild *v, uint32_t place, uint8_t addr, bool elem)
{
    for (uint32_t i = 0; i < v->n; i++)
        if (v->refs[i].place == place) {
            v->refs[i].addr |= addr;
            v->refs[i].elem |= elem;
            return;
        }
    if (v->n < 16)
        v->refs[v->n++] = (bw_ir_ref){place, addr, elem};
}

static void vb_add(vbuild *v, uint32_t place, uint8_t addr)
{
    vb_add_ref(v, place, addr, false);
}

static void vb_merge(vbuild *dst, const vbuild *src)
{
    for (uint32_t i = 0; i < src->n; i++)
        vb_add_ref(dst, src->refs[i].place, src->refs[i].addr, src->refs[i].elem);
    if (dst->n > 0 || src->n > 0) {
        dst->flags &= (uint8_t)~(BW_VAL_LITERAL | BW_VAL_ZERO | BW_VAL_NONZERO);
    }
}

static bw_ir_val *vb_finish(lower *L, const vbuild *v, bw_ir_val *out)
{
    out->nrefs = v->n;
    out->refs = arena(L, sizeof(bw_ir_ref) * (v->n + 1u));
    if (out->refs != NULL)
        memcpy(out->refs, v->refs, sizeof(bw_ir_ref) * v->n);
    out->lit = v->lit;
    out->flags = v->flags;
    out->container = v->container;
    return out;
}

/* An instruction `op` writing one value into dst. */
static bw_ir_insn *emit_store(lower *L, bw_ir_op op, CXCursor at, uint32_t dst, const vbuild *v)
{
    uint32_t i = emit(L, op, at);
    bw_ir_insn *in = insn(L, i);
    in->dst = dst;
    in->vals = arena(L, sizeof(bw_ir_val));
    in->nvals = 1;
    if (in->vals != NULL)
        vb_finish(L, v, in->vals);
    return in;
}

static unsigned lower_expr(lower *L, CXCursor c, vbuild *v);
static void lower_stmt(lower *L, CXCursor c);
static uint32_t lower_call(lower *L, CXCursor c);

/* A cast written in the source: its operand is its last child (a type
 * may come first, with an expression in it: `(typeof(*pos) *)p`). */
static bool is_explicit_cast(enum CXCursorKind k)
{
    return k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr || k == CXCursor_CXXConstCastExpr ||
           k == CXCursor_CXXReinterpretCastExpr;
}

static CXCursor strip(CXCursor c)
{
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr &&
            k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXConstCastExpr &&
            k != CXCursor_CXXReinterpretCastExpr && k != CXCursor_CXXFunctionalCastExpr)
            return c;
        kids k2;
        kids_get(c, &k2);
        CXCursor next = clang_getNullCursor();
        bool ok = false;
        /* a cast's children may start with a type reference, or with an
         * expression inside its type (`(typeof(*pos) *)p`): its operand is
         * the last */
        bool cast = is_explicit_cast(k);
        for (unsigned i = 0; i < k2.n; i++) {
            if (clang_isExpression(clang_getCursorKind(k2.items[i]))) {
                if (ok && !cast) {
                    ok = false;
                    break;
                }
                next = k2.items[i];
                ok = true;
            }
        }
        kids_free(&k2);
        if (!ok)
            return c;
        c = next;
    }
}

/* The text of a string literal from its spelling ("a\\n" with quotes and
 * prefix; adjacent literals arrive already joined).  NULL on OOM. */
static char *unescape_literal(const char *sp)
{
    while (*sp && *sp != '"')
        sp++; /* L, u8, u, U prefixes */
    if (*sp != '"')
        return bw_strdup("");
    sp++;
    size_t n = strlen(sp);
    char *out = bw_malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = sp[i];
        if (ch == '"')
            break;
        if (ch != '\\' || i + 1 >= n) {
            out[o++] = ch;
            continue;
        }
        char e = sp[++i];
        switch (e) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned val = 0;
            int k = 0;
            while (k < 3 && i < n && sp[i] >= '0' && sp[i] <= '7') {
                val = val * 8 + (unsigned)(sp[i] - '0');
                i++;
                k++;
            }
            i--;
            out[o++] = (char)(val ? val : '?');
            break;
        }
        case 'x': {
            unsigned val = 0;
            while (i + 1 < n && strchr("0123456789abcdefABCDEF", sp[i + 1]) != NULL && sp[i + 1] != '\0') {
                char h = sp[++i];
                val = val * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
            }
            out[o++] = (char)(val ? val : '?');
            break;
        }
        default: out[o++] = e; break;
        }
    }
    out[o] = '\0';
    return out;
}

/* A pointer (or reference) to a struct, union or class: a handle whose
 * members may hold text, but which is not text itself. */
static bool points_to_record(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Pointer && t.kind != CXType_LValueReference && t.kind != CXType_RValueReference)
        return false;
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(t));
    return pointee.kind == CXType_Record;
}

/* A standard library object whose value is text itself, not a handle whose
 * members hold it: std::basic_string, std::basic_string_view and the string
 * streams (in namespace std, through an inline namespace such as
 * libstdc++'s __cxx11 or libc++'s __1). */
static bool is_library_text_object(CXType record)
{
    CXCursor d = clang_getTypeDeclaration(record);
    if (clang_Cursor_isNull(d) || !clang_Location_isInSystemHeader(clang_getCursorLocation(d)))
        return false;
    CXCursor tmpl = clang_getSpecializedCursorTemplate(d);
    CXString name = clang_getCursorSpelling(clang_Cursor_isNull(tmpl) ? d : tmpl);
    static const char *const text_classes[] = {"basic_string", "basic_string_view", "basic_ostringstream",
                                               "basic_istringstream", "basic_stringstream"};
    bool named = false;
    for (size_t i = 0; i < sizeof text_classes / sizeof text_classes[0] && !named; i++)
        named = strcmp(clang_getCString(name), text_classes[i]) == 0;
    clang_disposeString(name);
    if (!named)
        return false;
    CXCursor ns = clang_getCursorSemanticParent(d);
    while (clang_getCursorKind(ns) == CXCursor_Namespace && clang_Cursor_isInlineNamespace(ns))
        ns = clang_getCursorSemanticParent(ns);
    if (clang_getCursorKind(ns) != CXCursor_Namespace ||
        clang_getCursorKind(clang_getCursorSemanticParent(ns)) != CXCursor_TranslationUnit)
        return false;
    CXString ns_name = clang_getCursorSpelling(ns);
    bool in_std = strcmp(clang_getCString(ns_name), "std") == 0;
    clang_disposeString(ns_name);
    return in_std;
}

/* A pointer to a function (or a block of them): code, not text. */
static bool is_function_pointer(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_Pointer)
        return false;
    enum CXTypeKind k = clang_getCanonicalType(clang_getPointeeType(c)).kind;
    return k == CXType_FunctionProto || k == CXType_FunctionNoProto;
}

/* What a place's type says about its value (BW_PLACEF_*). */
static uint8_t place_type_flags(CXType t)
{
    if (is_array_type(t))
        return BW_PLACEF_ARRAY;
    if (points_to_record(t))
        return BW_PLACEF_HANDLE |
               (is_library_text_object(clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(t))))
                    ? BW_PLACEF_TEXT
                    : 0);
    if (is_function_pointer(t))
        return BW_PLACEF_NUMBER; /* carries no text, as a number does */
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    bool text_char = k == CXType_Char_S || k == CXType_Char_U || k == CXType_WChar || k == CXType_Char16 ||
                     k == CXType_Char32;
    return is_arith_type(t) && !text_char ? BW_PLACEF_NUMBER : 0;
}

/* The USR of the struct, union or class a type is (or, with
 * `through_pointer`, points to), interned; BW_NONE for other types and for
 * records of system headers: the library fills those, not the program, so
 * the program's own stores say nothing about their members. */
static uint32_t record_usr(lower *L, CXType t, bool through_pointer)
{
    t = clang_getCanonicalType(t);
    if (through_pointer && (t.kind == CXType_Pointer || t.kind == CXType_LValueReference ||
                            t.kind == CXType_RValueReference))
        t = clang_getCanonicalType(clang_getPointeeType(t));
    if (t.kind != CXType_Record)
        return BW_NONE;
    CXCursor d = clang_getTypeDeclaration(t);
    if (clang_Cursor_isNull(d) || clang_Location_isInSystemHeader(clang_getCursorLocation(d)))
        return BW_NONE;
    return intern_cx(L, clang_getCursorUSR(d));
}

static bool points_to_free_list_slot(lower *L, CXType t);
static bool casts_freed_block(CXCursor c);

/* ---- type facts, once per type -------------------------------------------- */

static bool is_struct_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Record && clang_getCursorKind(clang_getTypeDeclaration(c)) == CXCursor_StructDecl;
}

static void type_fill(lower *L, struct type_slot *e, CXType t)
{
    e->t = t;
    e->flags = (uint16_t)((is_arith_type(t) ? TF_ARITH : 0) | (is_char_type(t) ? TF_CHAR : 0) |
                          (is_array_type(t) ? TF_ARRAY : 0) | (is_pointer_type(t) ? TF_POINTER : 0) |
                          (is_void_pointer(t) ? TF_VOIDPTR : 0) | (is_union_type(t) ? TF_UNION : 0) |
                          (clang_getCanonicalType(t).kind == CXType_Pointer ? TF_CPTR : 0) |
                          (is_struct_type(t) ? TF_STRUCT : 0) |
                          (clang_getCanonicalType(t).kind == CXType_Void ? TF_VOID : 0) |
                          (points_to_free_list_slot(L, t) ? TF_LINK : 0));
    e->place = place_type_flags(t);
    e->rknown = 0;
    e->used = true;
}

/* `t`'s slot in the direct-mapped cache, filled on a miss. */
static struct type_slot *type_info(lower *L, CXType t)
{
    if (L->types == NULL && (L->types = bw_calloc(BW_TYPE_SLOTS, sizeof(*L->types))) == NULL) {
        L->oom = true;
        type_fill(L, &L->type_tmp, t);
        return &L->type_tmp;
    }
    struct type_slot *e = &L->types[bw_type_slot(t)];
    if (!e->used || !bw_same_type(e->t, t))
        type_fill(L, e, t);
    return e;
}

static bool type_is(lower *L, CXType t, unsigned flag)
{
    return (type_info(L, t)->flags & flag) != 0;
}

/* record_usr through the type cache.  A miss interns the USR exactly as
 * record_usr always did; a hit names a string interned then, so string ids
 * do not change. */
static uint32_t record_usr_cached(lower *L, CXType t, bool through_pointer)
{
    struct type_slot *e = type_info(L, t);
    unsigned bit = through_pointer ? 2u : 1u;
    if (!(e->rknown & bit)) {
        uint32_t u = record_usr(L, t, through_pointer);
        if (L->oom)
            return u;
        e->rusr[through_pointer] = u;
        e->rknown |= (uint8_t)bit;
    }
    return e->rusr[through_pointer];
}

/* The field "<record USR>.member" (string id), or BW_NONE (L->oom when
 * out of memory). */
static uint32_t field_id(lower *L, uint32_t rec, const char *member)
{
    bw_buf_reset(&L->scratch);
    bw_buf_puts(&L->scratch, bw_ir_str(L->tu, rec));
    bw_buf_putc(&L->scratch, '.');
    bw_buf_puts(&L->scratch, member);
    if (L->scratch.data == NULL || L->scratch.failed) {
        L->oom = true;
        return BW_NONE;
    }
    return intern(L, L->scratch.data);
}

/* Types a place the first time it is made (later spellings of the same
 * path reuse it): its record type, and for a member the field
 * "<record USR>.name" of the record `base_type` is or points to. */
static void type_new_place(lower *L, uint32_t place, uint32_t nplaces_before, CXType type, CXType base_type,
                           const char *member)
{
    if (L->oom || place < nplaces_before || place >= L->nplaces)
        return; /* not new */
    uint32_t rt = record_usr_cached(L, type, true);
    uint32_t field = BW_NONE;
    if (member != NULL && member[0] != '\0') {
        uint32_t rec = record_usr_cached(L, base_type, true);
        if (rec != BW_NONE)
            field = field_id(L, rec, member);
    }
    if (L->oom)
        return;
    L->places[place].rtype = rt;
    L->places[place].field = field;
    if (rt != BW_NONE && record_usr_cached(L, type, false) != BW_NONE)
        L->places[place].flags |= BW_PLACEF_RECORD;
}

bool bw_is_html_markup(const char *s)
{
    if (strstr(s, "text/html") != NULL || strstr(s, "</") != NULL)
        return true;
    static const char *const tags[] = {"<html", "<HTML", "<body", "<p>", "<div", "<table", "<td", "<h1",
                                       "<h2", "<span", "<a href", "<ul", "<li", "<br", NULL};
    for (size_t i = 0; tags[i] != NULL; i++)
        if (strstr(s, tags[i]) != NULL)
            return true;
    return false;
}

static void note_literal(lower *L, const char *s)
{
    if (!L->tu->html_markup && bw_is_html_markup(s))
        L->tu->html_markup = 1;
}


/* A declaration whose variable may change without a write the IR lowers
 * (BW_PLACEF_UNTRACKED): static, volatile, a union (its members are the
 * union, but not those of a struct inside it), or of C++ code, where a
 * reference or a lambda's capture may write it under another name. */
static bool untracked_decl(const lower *L, CXCursor decl)
{
    CXType t = clang_getCursorType(decl);
    return L->cxx || clang_Cursor_getStorageClass(decl) == CX_SC_Static || clang_isVolatileQualifiedType(t) ||
           is_union_type(t);
}

/* Whether a TU is C++: by its file's extension, or an `-x c++` argument. */
static bool tu_is_cxx(const char *file, size_t nargs, const char *const *args)
{
    /* clang's own C++ (and Objective-C++, CUDA, HIP) names: a file it parses
     * as C is C here, and has no references */
    static const char *const exts[] = {".cc",  ".cpp", ".cxx", ".c++", ".C",   ".cp",  ".CPP", ".CC", ".CXX", ".C++",
                                       ".cppm", ".ixx", ".ii",  ".hpp", ".hh",  ".hxx", ".h++", ".H",  ".HPP", ".HXX",
                                       ".hp",  ".mm",  ".M",   ".cu",  ".cuh", ".hip", ".inl", ".tcc", ".ipp", NULL};
    const char *dot = strrchr(file, '.');
    for (size_t i = 0; dot != NULL && exts[i] != NULL; i++)
        if (strcmp(dot, exts[i]) == 0)
            return true;
    for (size_t i = 0; i < nargs; i++) {
        const char *a = args[i];
        const char *lang = NULL;
        if (strncmp(a, "-x", 2) == 0)
            lang = a[2] != '\0' ? a + 2 : (i + 1 < nargs ? args[i + 1] : "");
        else if (strncmp(a, "--language=", 11) == 0)
            lang = a + 11;
        else if (strcmp(a, "--language") == 0)
            lang = i + 1 < nargs ? args[i + 1] : "";
        if (lang != NULL && (strstr(lang, "c++") != NULL || strcmp(lang, "cuda") == 0 || strcmp(lang, "hip") == 0))
            return true;
        if (strncmp(a, "-std=c++", 8) == 0 || strncmp(a, "-std=gnu++", 10) == 0 ||
            strcmp(a, "--driver-mode=g++") == 0 || strcmp(a, "--driver-mode=cl") == 0)
            return true;
    }
    return false;
}

/* A function's `static` local is a global of its own: its value lives from
 * one call to the next, so what one call stores there another call reads
 * (`static const char *last; prev = last; last = name;`).  Not an array: a
 * static buffer is most often a formatter's scratch space that each call
 * fills anew (`static char out[64]; memcpy(out, s, n); out[n] = 0; return
 * out;`), and a write that may be partial would keep an earlier call's
 * text in what a later one returns; an array stays a variable of each call. */
static bool static_local(lower *L, CXCursor decl)
{
    return clang_Cursor_getStorageClass(decl) == CX_SC_Static &&
           !type_is(L, clang_getCursorType(decl), TF_ARRAY);
}

/* A static local's key: its USR (the file, the declaration's offset, the
 * function and the name).  Two declarations spelled at the same place in
 * one function, a macro's static in nested expansions, share one; the
 * later ones get `#n` after it, as locals do.  BW_NONE without a USR (the
 * variable is then one of each call) or out of memory (L->oom). */
static uint32_t static_local_usr(lower *L, CXCursor decl)
{
    CXString u = clang_getCursorUSR(decl);
    const char *usr = clang_getCString(u);
    uint32_t id = BW_NONE;
    if (usr != NULL && usr[0] != '\0') {
        bw_buf key = BW_BUF_INIT;
        bw_buf_putc(&key, 'g');
        bw_buf_puts(&key, usr);
        size_t len = key.len;
        for (unsigned n = 2; !key.failed && bw_strmap_get(&L->placemap, key.data) != BW_NONE && n < 100000; n++) {
            key.len = len;
            bw_buf_printf(&key, "#%u", n);
        }
        if (key.failed || key.data == NULL)
            L->oom = true;
        else
            id = intern(L, key.data + 1);
        bw_buf_free(&key);
    }
    clang_disposeString(u);
    return id;
}

static bool is_captured_decl(const lower *L, CXCursor decl);
static uint32_t capture_place(lower *L, CXCursor op, CXCursor decl);

static bool var_place_compute(lower *L, CXCursor decl, uint32_t *out)
{
    enum CXCursorKind k = clang_getCursorKind(decl);
    CXString sp = clang_getCursorSpelling(decl);
    const char *name = clang_getCString(sp);
    if (name == NULL)
        name = "";
    bool ok = true;
    if (k == CXCursor_ParmDecl) {
        uint32_t i;
        for (i = 0; i < L->nparams; i++)
            if (clang_equalCursors(L->params[i], decl))
                break;
        if (i == L->nparams && L->in_lambda && is_captured_decl(L, decl)) {
            *out = capture_place(L, L->fn, decl); /* the enclosing function's, captured */
        } else if (i == L->nparams) {
            ok = false; /* a parameter of another function (a lambda, a prototype) */
        } else {
            uint32_t pi = i + (L->is_method ? 1u : 0u);
            char key[16];
            snprintf(key, sizeof(key), "%u", pi);
            uint32_t before = L->nplaces;
            *out = place_get(L, BW_PLACE_PARAM, pi, key, "", name);
            CXType dt = clang_getCursorType(decl);
            uint8_t pf = type_info(L, dt)->place;
            if (!L->oom)
                L->places[*out].flags |= pf | (untracked_decl(L, decl) ? BW_PLACEF_UNTRACKED : 0);
            type_new_place(L, *out, before, dt, dt, NULL);
        }
    } else if (k == CXCursor_VarDecl) {
        CXCursor parent = clang_getCursorSemanticParent(decl);
        enum CXCursorKind pk = clang_getCursorKind(parent);
        bool global = pk == CXCursor_TranslationUnit || pk == CXCursor_Namespace ||
                      pk == CXCursor_StructDecl || pk == CXCursor_ClassDecl ||
                      clang_Cursor_getStorageClass(decl) == CX_SC_Extern;
        uint32_t usr = BW_NONE;
        if (global)
            usr = intern_cx(L, clang_getCursorUSR(decl));
        else if (static_local(L, decl))
            usr = static_local_usr(L, decl);
        uint32_t before = L->nplaces;
        if (L->oom || (global && usr == BW_NONE)) {
            ok = false;
        } else if (usr == BW_NONE && L->in_lambda && is_captured_decl(L, decl)) {
            *out = capture_place(L, L->fn, decl);
        } else if (usr != BW_NONE) {
            *out = place_get(L, BW_PLACE_GLOBAL, usr, bw_ir_str(L->tu, usr), "", name);
            if (!L->oom && clang_Location_isInSystemHeader(clang_getCursorLocation(decl)))
                L->places[*out].flags |= BW_PLACEF_SYSTEM;
        } else {
            CXSourceLocation sl = clang_getCursorLocation(decl);
            unsigned off = 0, line = 0;
            clang_getSpellingLocation(sl, NULL, &line, NULL, &off);
            char key[64];
            snprintf(key, sizeof(key), "%u_%s", off, name);
            /* another declaration spelled at the same place is another
             * variable: a macro's local (`({ T _x = (a); _x; })`) in each of
             * its expansions, nested ones too (var_place asks once per
             * declaration, so the first keeps the plain key) */
            char lkey[72];
            snprintf(lkey, sizeof(lkey), "l%s", key);
            for (unsigned n = 2; bw_strmap_get(&L->placemap, lkey) != BW_NONE && n < 100000; n++) {
                snprintf(key, sizeof(key), "%u_%s#%u", off, name, n);
                snprintf(lkey, sizeof(lkey), "l%s", key);
            }
            *out = place_get(L, BW_PLACE_LOCAL, off, key, "", name);
            if (!L->oom && untracked_decl(L, decl))
                L->places[*out].flags |= BW_PLACEF_UNTRACKED;
        }
        if (ok) {
            CXType dt = clang_getCursorType(decl);
            if (!L->oom && type_is(L, dt, TF_ARRAY))
                L->places[*out].flags |= BW_PLACEF_ARRAY;
            type_new_place(L, *out, before, dt, dt, NULL);
        }
    } else if (k == CXCursor_FieldDecl && L->is_method) {
        /* implicit this->field */
        uint32_t self = place_get(L, BW_PLACE_PARAM, 0, "0", "", "this");
        *out = place_extend(L, self, name, true);
    } else {
        ok = false;
    }
    clang_disposeString(sp);
    return ok;
}

/* var_place, worked out once per declaration and function: a variable is
 * referenced many times, and each answer asked libclang for its parent,
 * USR or location again (~0.5 G instructions on SQLite).  A second call
 * would find the place made by the first and change nothing. */
static bool var_place(lower *L, CXCursor decl, uint32_t *out)
{
    if (bw_cursor_map_get(&L->var_places, decl, out))
        return true;
    if (!var_place_compute(L, decl, out))
        return false;
    if (!L->oom && !bw_cursor_map_put(&L->var_places, decl, *out))
        L->oom = true;
    return true;
}

enum {
    USR_NAMED = 1,   /* lowered code calls it or takes its address */
    USR_DEFINED = 2, /* its definition is lowered or deferred (one per USR per TU) */
    USR_INIT = 4,    /* a record a global's initializer fills: its fields are in init_fields */
    USR_EMBEDDED = 8, /* a record that is a member or a base of another (mark_embedded) */
    USR_BASES = 16    /* a class whose bases are in tu->bases */
};

/* Marks the function `usr` (a string id). */
static void mark_usr(lower *L, uint32_t usr, uint8_t mark)
{
    if (usr == BW_NONE)
        return;
    if (usr >= L->capmarks) {
        uint32_t cap = L->capmarks ? L->capmarks : 1024;
        while (cap <= usr)
            cap *= 2;
        uint8_t *m = bw_reallocarray(L->usr_marks, cap, 1);
        if (m == NULL) {
            L->oom = true;
            return;
        }
        memset(m + L->capmarks, 0, cap - L->capmarks);
        L->usr_marks = m;
        L->capmarks = cap;
    }
    L->usr_marks[usr] |= mark;
}

static bool usr_marked(const lower *L, uint32_t usr, uint8_t mark)
{
    return usr < L->capmarks && (L->usr_marks[usr] & mark) != 0;
}

/* Remembers that lowered code names the function `usr`, so a deferred
 * header function of that USR gets lowered too. */
static void note_named(lower *L, uint32_t usr) { mark_usr(L, usr, USR_NAMED); }

static bool is_named(const lower *L, uint32_t usr) { return usr_marked(L, usr, USR_NAMED); }

/* Adds string id `id` to a TU's list of ids unless it is there. */
static void note_id_once(lower *L, uint32_t **ids, uint32_t *cap, uint32_t *n, uint32_t id)
{
    for (uint32_t i = 0; i < *n; i++)
        if ((*ids)[i] == id)
            return;
    if (!bw_ir_grow((void **)ids, cap, *n + 1, sizeof(uint32_t))) {
        L->oom = true;
        return;
    }
    (*ids)[(*n)++] = id;
}

static uint32_t function_usr(lower *L, CXCursor fn);

static void note_addr_taken(lower *L, CXCursor decl)
{
    uint32_t usr = function_usr(L, decl);
    if (usr == BW_NONE)
        return;
    note_named(L, usr);
    note_id_once(L, &L->tu->addr_taken, &L->tu->capaddr, &L->tu->naddr, usr);
}

/* The one member `offsetof(T, member)` names (the MemberRef beside the
 * TypeRef of an OffsetOfExpr, which libclang 19 shows as an UnexposedExpr),
 * or a null cursor: for anything else, a nested member (a.b) or an element
 * (a[i]). */
static CXCursor offsetof_member(CXCursor c)
{
    for (unsigned depth = 0; depth < 8; depth++) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_UnaryExpr && k != CXCursor_ParenExpr &&
            k != CXCursor_CStyleCastExpr)
            break;
        kids ks;
        kids_get(c, &ks);
        CXCursor member = clang_getNullCursor(), last = clang_getNullCursor();
        unsigned nmembers = 0, nexpr = 0;
        bool index = false;
        for (unsigned i = 0; i < ks.n; i++) {
            enum CXCursorKind kk = clang_getCursorKind(ks.items[i]);
            if (kk == CXCursor_MemberRef) {
                member = ks.items[i];
                nmembers++;
            } else if (clang_isExpression(kk)) {
                /* after the member: an element's index; before it: inside
                 * the type (offsetof(typeof(*pos), m)) */
                index |= nmembers > 0;
                last = ks.items[i];
                nexpr++;
            }
        }
        kids_free(&ks);
        if (nmembers > 0)
            return nmembers == 1 && !index ? member : clang_getNullCursor();
        /* parentheses, a cast (its operand is the last child), an implicit
         * conversion */
        if (k == CXCursor_UnaryExpr || nexpr == 0 || (nexpr > 1 && k != CXCursor_CStyleCastExpr))
            break;
        c = last;
    }
    return clang_getNullCursor();
}

static bool is_offsetof(CXCursor c) { return !clang_Cursor_isNull(offsetof_member(c)); }

/* The field ("<record USR>.member") + 1 of `offsetof(T, member)`, or 0:
 * a pointer minus it is the record that holds the member (container_of).
 * The field is noted in the TU's container_fields. */
static uint32_t offsetof_field(lower *L, CXCursor c)
{
    CXCursor m = offsetof_member(c);
    CXCursor fd = clang_Cursor_isNull(m) ? m : clang_getCursorReferenced(m);
    if (clang_getCursorKind(fd) != CXCursor_FieldDecl)
        return 0;
    uint32_t rec = record_usr_cached(L, clang_getCursorType(clang_getCursorSemanticParent(fd)), true);
    if (rec == BW_NONE || L->oom)
        return 0;
    CXString sp = clang_getCursorSpelling(fd);
    uint32_t id = field_id(L, rec, clang_getCString(sp) != NULL ? clang_getCString(sp) : "");
    clang_disposeString(sp);
    if (id == BW_NONE) {
        L->oom = true;
        return 0;
    }
    bw_ir_tu *tu = L->tu;
    note_id_once(L, &tu->container_fields, &tu->capcont, &tu->ncont, id);
    return L->oom ? 0 : id + 1;
}

/* A GNU statement expression `({ s1; ...; e; })`: its statements run, and
 * its value is the last one's (Linux's container_of and min() are these). */
static void lower_stmt_expr(lower *L, CXCursor c, vbuild *v)
{
    kids ks;
    kids_get(c, &ks);
    CXCursor body = ks.n == 1 ? ks.items[0] : clang_getNullCursor();
    kids_free(&ks);
    if (clang_getCursorKind(body) != CXCursor_CompoundStmt)
        return;
    uint32_t from = L->ninsns;
    kids_get(body, &ks);
    for (unsigned i = 0; i + 1 < ks.n; i++)
        lower_stmt(L, ks.items[i]);
    if (ks.n > 0) {
        CXCursor last = ks.items[ks.n - 1];
        if (clang_isExpression(clang_getCursorKind(last)))
            lower_expr(L, last, v);
        else
            lower_stmt(L, last);
    }
    kids_free(&ks);
    mark_in_expr(L, from);
}

static bool lower_place_temp(lower *L, CXCursor c, uint32_t *out);
static void lower_maybe(lower *L, CXCursor c, vbuild *v, CXCursor ctl, bool run_when);
static bool is_compound_cond(CXCursor c);
static void lower_cond_arms(lower *L, CXCursor cond, CXCursor t, CXCursor f, vbuild *a, vbuild *b);

/* v gets the values of both arms of a conditional, and the container_of
 * they share (`c ? container_of(n, T, m) : NULL`). */
static void merge_arms(vbuild *v, const vbuild *a, const vbuild *b)
{
    vb_merge(v, a);
    vb_merge(v, b);
    if (a->container == b->container || b->n == 0)
        v->container = a->container;
    else if (a->n == 0)
        v->container = b->container;
}

/* GNU `a ?: b`, which libclang shows as an UnexposedExpr of four
 * expressions: the common operand, the condition and the true value (all
 * three `a`, one source range), then `b`, which runs only when a is 0.
 * Returns false for anything else. */
static bool lower_elvis(lower *L, CXCursor c, vbuild *v)
{
    kids ks;
    kids_get(c, &ks);
    bool elvis = ks.n == 4;
    for (unsigned i = 0; elvis && i < 4; i++)
        elvis = clang_isExpression(clang_getCursorKind(ks.items[i]));
    if (elvis) {
        CXSourceRange r0 = clang_getCursorExtent(ks.items[0]);
        elvis = clang_equalRanges(r0, clang_getCursorExtent(ks.items[1])) &&
                clang_equalRanges(r0, clang_getCursorExtent(ks.items[2])) &&
                !clang_equalRanges(r0, clang_getCursorExtent(ks.items[3]));
    }
    if (elvis) {
        vbuild a = {.lit = BW_NONE}, b = {.lit = BW_NONE};
        lower_expr(L, ks.items[0], &a);
        lower_maybe(L, ks.items[3], &b, ks.items[1], false);
        merge_arms(v, &a, &b);
    }
    kids_free(&ks);
    return elvis;
}

typedef struct factset {
    bw_ir_fact items[8];
    uint32_t n;
} factset;
static void cond_facts(lower *L, CXCursor c, bool pos, factset *f);
static void set_facts(lower *L, uint32_t br, const factset *f);

/* A value computed on one path (an operand behind a branch, an arm of
 * `?:`) that is a call's result: temporaries end with the block, so a
 * local (flagged HELD) holds it, and *inner becomes that local. */
static void hold_value(lower *L, CXCursor c, vbuild *inner);

static void hold_temps(lower *L, CXCursor c, vbuild *inner)
{
    bool temps = false;
    for (uint32_t i = 0; i < inner->n; i++)
        temps |= L->places[inner->refs[i].place].kind == BW_PLACE_TEMP;
    if (temps)
        hold_value(L, c, inner);
}

/* *inner, copied into a local (flagged HELD) where it was computed; *inner
 * becomes that local. */
static void hold_value(lower *L, CXCursor c, vbuild *inner)
{
    char key[32];
    uint32_t id = L->ntemps++;
    snprintf(key, sizeof(key), "~%u", id);
    uint32_t held = place_get(L, BW_PLACE_LOCAL, id, key, "", "expression");
    if (!L->oom)
        L->places[held].flags |= BW_PLACEF_HELD;
    emit_store(L, BW_OP_ASSIGN, c, held, inner);
    vbuild one = {.lit = BW_NONE};
    vb_add(&one, held, 0);
    one.flags = inner->flags & (uint8_t)~(BW_VAL_LITERAL | BW_VAL_ZERO | BW_VAL_NONZERO);
    one.container = inner->container;
    *inner = one;
}

/* Lowers c, an operand that runs only when `ctl` is `run_when` (the right
 * of && and ||, an arm of ?:), behind a branch that may skip it: what it
 * does (a call's writes, a statement expression's stores) need not have
 * happened after it, and each edge knows what ctl was (`x || (abort(), 0)`
 * leaves x checked).  An operand that lowers to no instruction needs no
 * branch. */
static void lower_maybe(lower *L, CXCursor c, vbuild *v, CXCursor ctl, bool run_when)
{
    factset f = {.n = 0};
    cond_facts(L, ctl, run_when, &f);
    uint32_t br = emit(L, BW_OP_BRANCH, c);
    if (br == BW_NONE)
        return;
    set_facts(L, br, &f);
    insn(L, br)->a = br + 1;
    vbuild inner = {.lit = BW_NONE};
    lower_expr(L, c, &inner);
    bool ran = L->ninsns > br + 1;
    /* a value the edge's facts may check (`ok(s) ? s : "x"`) is read there,
     * not after the merge, where s is also the unchecked s of the other path */
    bool checked = f.n > 0 && inner.n > 0;
    bool skipped = ran || checked;
    if (!skipped)
        L->ninsns--; /* nothing to skip */
    else if (checked)
        hold_value(L, c, &inner);
    else
        hold_temps(L, c, &inner);
    if (skipped) {
        insn(L, br)->b = L->ninsns;
        mark_in_expr(L, br);
    }
    vb_merge(v, &inner);
    v->flags |= inner.flags;
    v->lit = inner.lit;
    v->container = inner.container;
}

/*
 * The place an lvalue (or pointer-valued expression) designates.  *content
 * is set when the expression is an element or the pointee (a store through
 * it changes only part of the object).  Returns false when the expression
 * designates nothing trackable.
 */
static void closure_used(lower *L, CXCursor ref);

/* lower_place, and whether the place is reached through a pointer's
 * subscript or arithmetic (`recs[i].name`, `(p + 1)->title`, `s[j]`): one
 * element of many that the place stands for all of (bw_ir_ref.elem). */
static bool lower_place_at(lower *L, CXCursor c, uint32_t *out, bool *content, bool *elem);

static bool lower_place(lower *L, CXCursor c, uint32_t *out, bool *content)
{
    bool elem = false;
    return lower_place_at(L, c, out, content, &elem);
}

static bool lower_place_at(lower *L, CXCursor c, uint32_t *out, bool *content, bool *elem)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        closure_used(L, c);
        return var_place(L, d, out);
    }
    if (k == CXCursor_CXXThisExpr && L->is_method) {
        *out = place_get(L, BW_PLACE_PARAM, 0, "0", "", "this");
        return true;
    }
    if (k == CXCursor_MemberRefExpr) {
        kids ks;
        kids_get(c, &ks);
        CXString fs = clang_getCursorSpelling(c);
        const char *field = clang_getCString(fs);
        bool ok = false;
        if (ks.n == 0) {
            CXCursor d = clang_getCursorReferenced(c);
            ok = var_place(L, d, out);
        } else {
            uint32_t base;
            bool bc = false;
            CXCursor b = ks.items[0];
            if (lower_place_at(L, b, &base, &bc, elem)) {
                CXType bt = clang_getCursorType(strip(b));
                unsigned bf = type_info(L, bt)->flags;
                if (bf & TF_UNION) {
                    *out = base;
                } else {
                    bool arrow = (bf & TF_CPTR) != 0;
                    uint32_t before = L->nplaces;
                    *out = place_extend(L, base, field != NULL ? field : "", arrow);
                    CXType ct = clang_getCursorType(c);
                    uint8_t pf = type_info(L, ct)->place;
                    if (!L->oom && *out != base)
                        L->places[*out].flags |= pf;
                    type_new_place(L, *out, before, ct, bt, field);
                }
                ok = true;
            }
        }
        clang_disposeString(fs);
        kids_free(&ks);
        return ok;
    }
    if (k == CXCursor_ArraySubscriptExpr) {
        kids ks;
        kids_get(c, &ks);
        bool ok = false;
        if (ks.n == 2) {
            vbuild idx = {.lit = BW_NONE};
            lower_expr(L, ks.items[1], &idx); /* side effects */
            bool bc;
            ok = lower_place_at(L, ks.items[0], out, &bc, elem);
            *content = true;
            if (type_is(L, clang_getCursorType(strip(ks.items[0])), TF_CPTR))
                *elem = true;
        }
        kids_free(&ks);
        return ok;
    }
    if (k == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        bool ok = false;
        if (ks.n == 1 && op == CXUnaryOperator_AddrOf) {
            /* (&x)->f, (&x)[i]: through x's address, x itself */
            bool bc;
            ok = lower_place_at(L, ks.items[0], out, &bc, elem);
        } else if (ks.n == 1 && (op == CXUnaryOperator_Deref || op == CXUnaryOperator_PostInc ||
                          op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostDec ||
                          op == CXUnaryOperator_PreDec)) {
            bool bc;
            ok = lower_place_at(L, ks.items[0], out, &bc, elem);
            if (op == CXUnaryOperator_Deref)
                *content = true;
        }
        kids_free(&ks);
        return ok;
    }
    if (k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        bool ok = false;
        if (ks.n == 2 && (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub)) {
            int pi = type_is(L, clang_getCursorType(ks.items[0]), TF_POINTER) ? 0 :
                     type_is(L, clang_getCursorType(ks.items[1]), TF_POINTER) ? 1 : -1;
            if (pi == 0 && op == CXBinaryOperator_Sub && is_offsetof(ks.items[1])) {
                /* container_of(p, T, m)->f: the record, through a temporary */
                kids_free(&ks);
                return lower_place_temp(L, c, out);
            }
            if (pi >= 0) {
                vbuild other = {.lit = BW_NONE};
                lower_expr(L, ks.items[1 - pi], &other);
                bool bc;
                ok = lower_place_at(L, ks.items[pi], out, &bc, elem);
                *elem = true;
            }
        } else if (ks.n == 2 && op == CXBinaryOperator_Comma) {
            lower_stmt(L, ks.items[0]);
            ok = lower_place_at(L, ks.items[1], out, content, elem);
        } else if (ks.n == 2 && op == CXBinaryOperator_Assign) {
            lower_stmt(L, c);
            ok = lower_place_at(L, ks.items[0], out, content, elem);
        }
        kids_free(&ks);
        return ok;
    }
    /* anything else (a call, a conditional): evaluate into a temporary */
    if (clang_isExpression(k))
        return lower_place_temp(L, c, out);
    return false;
}

/* `s++`, `&s`: the variable may change in ways the IR does not lower as
 * writes (BW_PLACEF_UNTRACKED).  (Members are never a copy's target.) */
static void note_untracked(lower *L, CXCursor operand)
{
    CXCursor o = strip(operand);
    uint32_t p;
    bool content = false;
    if (clang_getCursorKind(o) == CXCursor_DeclRefExpr && lower_place(L, o, &p, &content) && !content && !L->oom)
        L->places[p].flags |= BW_PLACEF_UNTRACKED;
}

/* The place of expression c's value: the one place it reads, else a
 * temporary assigned the value. */
static bool lower_place_temp(lower *L, CXCursor c, uint32_t *out)
{
    vbuild v = {.lit = BW_NONE};
    lower_expr(L, c, &v);
    /* a container_of value is not the place it reads: it goes back from it */
    if (v.n == 1 && !(v.flags & BW_VAL_LITERAL) && v.container == 0) {
        *out = v.refs[0].place;
        return true;
    }
    uint32_t t = new_temp(L, "expression");
    emit_store(L, BW_OP_ASSIGN, c, t, &v);
    *out = t;
    return true;
}

static void const_value(CXCursor c, vbuild *v)
{
    long long n = 0;
    if (bw_eval_int(c, &n))
        v->flags |= n == 0 ? BW_VAL_ZERO : BW_VAL_NONZERO;
}

static void lower_assign(lower *L, CXCursor c, CXCursor lhs, CXCursor rhs, bool compound)
{
    vbuild v = {.lit = BW_NONE};
    lower_expr(L, rhs, &v);
    uint32_t dst;
    bool content = false, elem = false;
    if (!lower_place_at(L, lhs, &dst, &content, &elem))
        return;
    bw_ir_op op = content ? BW_OP_APPEND : compound ? BW_OP_APPEND : BW_OP_ASSIGN;
    if (compound && type_is(L, clang_getCursorType(lhs), TF_ARITH))
        v.flags |= BW_VAL_ARITH;
    bw_ir_insn *in = emit_store(L, op, c, dst, &v);
    if (elem && op == BW_OP_ASSIGN)
        in->flags |= BW_ASSIGN_ONE_OF_MANY;
}

static void lower_expr_inner(lower *L, CXCursor c, unsigned tf, vbuild *v);

/* ---- lambdas ------------------------------------------------------------ */

/* A lambda's body is the call operator of its closure class, and a call
 * of the lambda (`auto run = [db](const std::string &q) {...}; run(s);`)
 * names that operator: it is lowered as a method of its own, its object
 * the closure, once the function holding the lambda is (lower_lambdas).
 * What the body reads of its captures is a global of the closure's own
 * (lambda captures, below). */
static enum CXChildVisitResult find_call_operator(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    /* a generic lambda's (`[](auto q) {...}`) is a template, lowered in its
     * pattern as a function template is */
    if (clang_getCursorKind(c) != CXCursor_CXXMethod && clang_getCursorKind(c) != CXCursor_FunctionTemplate)
        return CXChildVisit_Continue;
    CXString sp = clang_getCursorSpelling(c);
    const char *name = clang_getCString(sp);
    bool call = name != NULL && strcmp(name, "operator()") == 0;
    clang_disposeString(sp);
    if (!call)
        return CXChildVisit_Continue;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

/* Whether cls is a lambda's closure class (libclang has no test; its
 * spelling is "(lambda at FILE:LINE:COL)"). */
static bool is_closure_class(CXCursor cls)
{
    if (clang_getCursorKind(cls) != CXCursor_ClassDecl)
        return false;
    CXString sp = clang_getCursorSpelling(cls);
    const char *name = clang_getCString(sp);
    bool lambda = name != NULL && strncmp(name, "(lambda at ", 11) == 0;
    clang_disposeString(sp);
    return lambda;
}

/* Whether fn is a lambda's call operator (a method of a closure class). */
static bool is_lambda_operator(const lower *L, CXCursor fn)
{
    return L->cxx && is_closure_class(clang_getCursorSemanticParent(fn));
}

/* A function's USR, for the IR: a lambda's call operator's with its
 * closure's place appended.  libclang gives two lambdas of one signature
 * in an inline function or a method defined in its class one USR, and
 * each call would reach one of the two bodies. */
static uint32_t function_usr(lower *L, CXCursor fn)
{
    char place[64];
    if (L->cxx && clang_getCursorKind(fn) == CXCursor_FunctionTemplate) {
        /* overloads that differ only in their constraints (C++20) share a
         * USR: the first declaration's line and column tell them apart */
        unsigned line = 0, col = 0;
        clang_getExpansionLocation(clang_getCursorLocation(clang_getCanonicalCursor(fn)), NULL, &line, &col, NULL);
        snprintf(place, sizeof place, "%u:%u", line, col);
    } else if (is_lambda_operator(L, fn)) {
        unsigned line = 0, col = 0;
        clang_getExpansionLocation(clang_getCursorLocation(clang_getCursorSemanticParent(fn)), NULL, &line, &col,
                                   NULL);
        snprintf(place, sizeof place, "lambda:%u:%u", line, col);
    } else {
        return intern_cx(L, clang_getCursorUSR(fn));
    }
    CXString u = clang_getCursorUSR(fn);
    bw_buf b = BW_BUF_INIT;
    bw_buf_printf(&b, "%s@%s", clang_getCString(u) != NULL ? clang_getCString(u) : "", place);
    clang_disposeString(u);
    uint32_t id = b.data != NULL ? intern(L, b.data) : BW_NONE;
    if (b.data == NULL)
        L->oom = true;
    bw_buf_free(&b);
    return id;
}

/* The call operator of a lambda's closure type t, or a null cursor (not a
 * closure, or a generic lambda's, which is a template). */
static CXCursor closure_call_operator(CXType t)
{
    CXCursor op = clang_getNullCursor();
    CXCursor cls = clang_getTypeDeclaration(clang_getNonReferenceType(t));
    if (!clang_Cursor_isNull(cls) && is_closure_class(cls))
        clang_visitChildren(cls, find_call_operator, &op);
    return op;
}

/* Whether a lambda's body uses the `this` of the method it is in:
 * `this`, or a member named without an object (`q_`, `run()`).  Its call
 * operator's object is the closure, whose only members the body names so
 * are the method's: a call of it in that method passes the method's
 * object instead (lower_call), so what the body reads of the members is
 * what the object holds.  Its other captures are globals of their own
 * (lambda captures). */
static bool uses_enclosing_this(CXCursor c, void *ctx)
{
    (void)ctx;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CXXThisExpr)
        return true;
    if (k != CXCursor_MemberRefExpr)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool implicit = ks.n == 0;
    kids_free(&ks);
    return implicit;
}

static bool any_descendant(CXCursor c, bool (*match)(CXCursor, void *), void *ctx);

/* What a lambda's capture list (the tokens of range r, from its `[`)
 * says: whether it captures the variable called `name` by reference
 * (`[&name]`, or `[&]` and no `name` of its own in the list), and whether
 * it copies the object (`[*this]`).  libclang says nothing of a capture's
 * kind. */
typedef struct capture_list {
    bool by_ref;
    bool copies_this;
} capture_list;

static capture_list read_capture_list(lower *L, CXSourceRange r, const char *name)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->ctu, r, &toks, &n);
    bool by_ref_default = false, found = false, by_ref = false, copies_this = false;
    unsigned depth = 0;
    bool item_ref = false, item_star = false, item_start = true;
    for (unsigned i = 0; i < n; i++) {
        CXString sp = clang_getTokenSpelling(L->ctu, toks[i]);
        const char *t = clang_getCString(sp);
        t = t != NULL ? t : "";
        bool punct = clang_getTokenKind(toks[i]) == CXToken_Punctuation;
        bool end = false;
        if (punct && (strcmp(t, "[") == 0 || strcmp(t, "(") == 0 || strcmp(t, "{") == 0)) {
            depth++;
        } else if (punct && (strcmp(t, "]") == 0 || strcmp(t, ")") == 0 || strcmp(t, "}") == 0)) {
            end = depth == 1;
            by_ref_default |= end && item_ref && item_start; /* `[... , &]` */
            depth -= depth > 0 ? 1u : 0u;
        } else if (depth == 1 && punct && strcmp(t, ",") == 0) {
            by_ref_default |= item_ref && item_start; /* `[&, ...]` */
            item_ref = item_star = false;
            item_start = true;
        } else if (depth == 1 && punct && item_start && strcmp(t, "&") == 0) {
            item_ref = true;
        } else if (depth == 1 && punct && item_start && strcmp(t, "*") == 0) {
            item_star = true;
        } else if (depth == 1 && item_start) {
            copies_this |= item_star && strcmp(t, "this") == 0;
            if (!found && clang_getTokenKind(toks[i]) == CXToken_Identifier && strcmp(t, name) == 0) {
                found = true;
                by_ref = item_ref;
            }
            item_start = false;
        }
        clang_disposeString(sp);
        if (end)
            break;
    }
    if (toks != NULL)
        clang_disposeTokens(L->ctu, toks, n);
    return (capture_list){found ? by_ref : by_ref_default, copies_this};
}

/* Whether a lambda's capture list copies the object (`[*this]`): its
 * body reads the copy, made where the lambda was. */
static bool lambda_copies_this(lower *L, CXCursor cls, CXCursor op)
{
    /* the closure class's extent is its `[`: up to its operator's end */
    CXSourceRange r = clang_getRange(clang_getRangeStart(clang_getCursorExtent(cls)),
                                     clang_getRangeEnd(clang_getCursorExtent(op)));
    return read_capture_list(L, r, "").copies_this;
}

/* Whether a call of lambda operator op, in the function being lowered,
 * passes that function's object for the closure: the lambda was written
 * in it (not returned by another object's method), uses its `this`, and
 * does not copy it. */
static bool lambda_shares_this(lower *L, CXCursor op)
{
    CXCursor cls = clang_getCursorSemanticParent(op);
    return L->is_method && clang_equalCursors(clang_getCursorSemanticParent(cls), L->fn) &&
           any_descendant(op, uses_enclosing_this, NULL) && !lambda_copies_this(L, cls, op);
}

/* A construction libclang names no constructor or type for: before C++17,
 * the implicit move of a closure handed straight to a call
 * (`std::for_each(b, e, [db](const char *q) {...})`). */
static bool unnamed_construction(CXCursor c)
{
    enum CXTypeKind t = clang_getCursorType(c).kind;
    return clang_Cursor_isNull(clang_getCursorReferenced(c)) && (t == CXType_Invalid || t == CXType_Unexposed);
}

/* A lambda given to a call (`std::for_each(b, e, [db](auto &q) {...})`,
 * `std::thread t(f)`), itself or by its variable, is called where the
 * program does not show: its operator counts as called through a pointer
 * (its parameters' origin unknown), as a function whose address is
 * taken. */
static enum CXChildVisitResult note_escaping_closure(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lower *L = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    /* a call: of the lambda, or one whose own lowering looks at its
     * arguments; but a copy of a closure passes the closure on */
    if (k == CXCursor_CallExpr)
        return is_closure_class(clang_getTypeDeclaration(clang_getCursorType(c))) || unnamed_construction(c)
                   ? CXChildVisit_Recurse
                   : CXChildVisit_Continue;
    if (k != CXCursor_LambdaExpr && k != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor op = closure_call_operator(clang_getCursorType(c));
    if (!clang_Cursor_isNull(op))
        note_addr_taken(L, op);
    return CXChildVisit_Continue;
}

/* The lambdas argument `arg` of `call`, a call of `callee`, passes on:
 * none when the call is the closure's own (its operator, or its copy or
 * move constructor, implicit and so without a cursor: `auto f = [..](..)
 * {..};` before C++17, `auto g = f;`). */
static void note_escaping_closures(lower *L, CXCursor call, CXCursor callee, CXCursor arg)
{
    /* an unresolved call (in a template's pattern): nothing is known of it */
    (void)call;
    if (!L->cxx || clang_Cursor_isNull(callee) || is_lambda_operator(L, callee))
        return;
    note_escaping_closure(arg, arg, L) == CXChildVisit_Recurse ? (void)clang_visitChildren(arg, note_escaping_closure, L)
                                                                : (void)0;
}

static void lower_captures(lower *L, CXCursor lambda, CXCursor op);
static closure_var *closure_var_of_lambda(lower *L, CXCursor lambda);
static void closure_used(lower *L, CXCursor ref);
static CXCursor initializer_lambda(CXCursor var);
static CXCursor initializer_core(CXCursor var);
static CXCursor var_initializer(CXCursor var);
static void note_closure_init(lower *L, CXCursor var);
static void closure_called(lower *L, CXCursor obj, CXCursor at);

static void note_lambda(lower *L, CXCursor lambda)
{
    CXCursor op = closure_call_operator(clang_getCursorType(lambda));
    if (clang_Cursor_isNull(op))
        return;
    /* a lambda that initialises a variable stores some of what it
     * captures where the variable is used */
    lower_captures(L, lambda, op);
    if (!bw_ir_grow((void **)&L->lambdas, &L->caplambdas, L->nlambdas + 1, sizeof(CXCursor))) {
        L->oom = true;
        return;
    }
    L->lambdas[L->nlambdas++] = op;
}

/* ---- lambda captures ---------------------------------------------------- */

/* What a lambda's body reads of a variable it captures is what the
 * variable holds where the lambda runs.  Each captured variable is a
 * global of the closure's own, keyed by its call operator's USR and the
 * variable's, which the body reads.  The function that makes the lambda
 * stores it (lower_captures): where the lambda is made when it is handed
 * on at once (to an algorithm, a thread, a std::function, a return), and
 * at each use of the variable it initialises or of a copy of that
 * (`auto run = [q] {...};` ... `run();`, closure_used), so what the
 * function checked or changed in between counts; plan_captures says
 * which capture goes where.  A closure that an algorithm or a thread
 * calls, its parameters of unknown origin, still reads exactly what it
 * captured.  A capture by copy of a record or an array is a copy of its
 * value (the body's writes to it stay in the closure); by reference, and
 * a pointer by copy, it designates what the variable does, so the body's
 * writes through it are seen by the function, and its assignments to a
 * capture by reference come back after the call (copy_back_captures). */

/* Whether file location l lies inside range r. */
static bool location_within(CXSourceLocation l, CXSourceRange r)
{
    CXFile f = NULL, fa = NULL, fb = NULL;
    unsigned off = 0, a = 0, b = 0;
    clang_getFileLocation(l, &f, NULL, NULL, &off);
    clang_getFileLocation(clang_getRangeStart(r), &fa, NULL, NULL, &a);
    clang_getFileLocation(clang_getRangeEnd(r), &fb, NULL, NULL, &b);
    return f != NULL && fa != NULL && clang_File_isEqual(f, fa) && a <= off && off <= b;
}

/* Whether a variable or parameter is a function's local: not a global, a
 * member, an extern or a static local (all of which a lambda names
 * without capturing them). */
static bool is_local_decl(CXCursor decl)
{
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k == CXCursor_ParmDecl)
        return true;
    if (k != CXCursor_VarDecl)
        return false;
    enum CXCursorKind pk = clang_getCursorKind(clang_getCursorSemanticParent(decl));
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
#if CINDEX_VERSION_MINOR >= 63
    if (clang_getCursorTLSKind(decl) != CXTLS_None)
        return false; /* a thread_local is one variable per thread, not captured */
#endif
    return pk != CXCursor_TranslationUnit && pk != CXCursor_Namespace && pk != CXCursor_StructDecl &&
           pk != CXCursor_ClassDecl && pk != CXCursor_ClassTemplate && sc != CX_SC_Extern && sc != CX_SC_Static;
}

/* Whether decl, named in the body of the lambda being lowered, is one it
 * captures: a local or parameter declared outside that body (the
 * enclosing function's, or an init capture in the capture list). */
static bool is_captured_decl(const lower *L, CXCursor decl)
{
    return is_local_decl(decl) && !location_within(clang_getCursorLocation(decl), clang_getCursorExtent(L->body));
}

/* The global that holds what the lambda of call operator op captured of
 * decl. */
static uint32_t capture_place(lower *L, CXCursor op, CXCursor decl)
{
    uint32_t opusr = function_usr(L, op);
    CXString u = clang_getCursorUSR(decl);
    CXString sp = clang_getCursorSpelling(decl);
    bw_buf key = BW_BUF_INIT;
    bw_buf_printf(&key, "%s|capture|%s", opusr != BW_NONE ? bw_ir_str(L->tu, opusr) : "",
                  clang_getCString(u) != NULL ? clang_getCString(u) : "");
    uint32_t id = key.failed || key.data == NULL ? BW_NONE : intern(L, key.data);
    uint32_t before = L->nplaces, p = 0;
    if (id == BW_NONE) {
        L->oom = true;
    } else {
        const char *name = clang_getCString(sp);
        p = place_get(L, BW_PLACE_GLOBAL, id, key.data, "", name != NULL ? name : "");
        CXType dt = clang_getCursorType(decl);
        if (!L->oom && type_is(L, dt, TF_ARRAY))
            L->places[p].flags |= BW_PLACEF_ARRAY;
        type_new_place(L, p, before, dt, dt, NULL);
    }
    bw_buf_free(&key);
    clang_disposeString(u);
    clang_disposeString(sp);
    return p;
}

/* The variables of the function being lowered that a lambda's body names
 * (a nested lambda's body too): declared outside the lambda, each once. */
typedef struct capture_scan {
    CXSourceRange lambda;
    CXCursor *refs; /* a DeclRefExpr naming each: in the body itself if one is */
    CXCursor *decls;
    bool *nested;   /* refs[i] is in a nested lambda's body */
    uint32_t n, cap;
    bool in_nested;
    bool oom;
} capture_scan;

static enum CXChildVisitResult scan_capture(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    capture_scan *cs = data;
    if (clang_getCursorKind(c) == CXCursor_LambdaExpr) {
        bool was = cs->in_nested;
        cs->in_nested = true;
        clang_visitChildren(c, scan_capture, cs);
        cs->in_nested = was;
        return cs->oom ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor d = clang_getCursorReferenced(c);
    if (!is_local_decl(d) || location_within(clang_getCursorLocation(d), cs->lambda))
        return CXChildVisit_Continue;
    for (uint32_t i = 0; i < cs->n; i++)
        if (clang_equalCursors(cs->decls[i], d)) {
            if (cs->nested[i] && !cs->in_nested) {
                cs->refs[i] = c;
                cs->nested[i] = false;
            }
            return CXChildVisit_Continue;
        }
    uint32_t cap = cs->cap, cap2 = cs->cap;
    if (!bw_ir_grow((void **)&cs->decls, &cap, cs->n + 1, sizeof(CXCursor)) ||
        !bw_ir_grow((void **)&cs->nested, &cap2, cs->n + 1, sizeof(bool)) ||
        !bw_ir_grow((void **)&cs->refs, &cs->cap, cs->n + 1, sizeof(CXCursor))) {
        cs->oom = true;
        return CXChildVisit_Break;
    }
    cs->decls[cs->n] = d;
    cs->nested[cs->n] = cs->in_nested;
    cs->refs[cs->n++] = c;
    return CXChildVisit_Continue;
}

static void lower_var_init(lower *L, CXCursor d, uint32_t p, CXType ty, CXCursor init);

static unsigned writes_in(CXCursor scope, CXCursor var);

/* Whether the function being lowered writes variable decl anywhere after
 * declaring it (or takes its address). */
static bool variable_written(lower *L, CXCursor decl)
{
    return writes_in(L->body, decl) > 0;
}

/* Whether a lambda is written inside a macro: its capture list's tokens
 * are the macro's call, not the list. */
static bool lambda_in_macro(CXCursor lambda)
{
    CXSourceLocation at = clang_getRangeStart(clang_getCursorExtent(lambda));
    CXFile fe = NULL, fs = NULL;
    unsigned oe = 0, os = 0;
    clang_getExpansionLocation(at, &fe, NULL, NULL, &oe);
    clang_getSpellingLocation(at, &fs, NULL, NULL, &os);
    return oe != os || fe == NULL || fs == NULL || !clang_File_isEqual(fe, fs);
}

static void plan_free(capture_plan *p)
{
    bw_free(p->c);
    memset(p, 0, sizeof(*p));
}

/* The plan of the lambda expression `lambda` (false: out of memory).  A
 * record or an array captured by copy is a copy of its value, made where
 * the lambda is, not of its address (analyze.c drops the links the copy
 * made).  A capture by reference, and a pointer by copy, share what the
 * variable designates where the lambda runs; a pointer the function
 * points elsewhere later is copied where the lambda is made instead
 * (`[q]`, then `q = other;`).  A capture whose kind is not known (a
 * mutable lambda written in a macro) is stored in both places. */
static bool plan_captures(lower *L, CXCursor lambda, CXCursor op, capture_plan *out)
{
    memset(out, 0, sizeof(*out));
    capture_scan cs = {.lambda = clang_getCursorExtent(lambda)};
    kids ks;
    kids_get(lambda, &ks);
    for (unsigned i = 0; i < ks.n; i++)
        if (clang_getCursorKind(ks.items[i]) == CXCursor_CompoundStmt)
            clang_visitChildren(ks.items[i], scan_capture, &cs);
    kids_free(&ks);
    bool ok = !cs.oom && (cs.n == 0 || (out->c = bw_calloc(cs.n, sizeof(capture))) != NULL);
    bool op_const = clang_getCursorKind(op) == CXCursor_CXXMethod && clang_CXXMethod_isConst(op);
    bool macro = ok && cs.n > 0 && lambda_in_macro(lambda);
    for (uint32_t i = 0; ok && i < cs.n; i++) {
        capture *c = &out->c[out->n++];
        c->decl = cs.decls[i];
        c->ref = cs.refs[i];
        CXType t = clang_getNonReferenceType(clang_getCursorType(c->decl));
        /* in a lambda that is not mutable, a copy is const where the
         * variable is not; else the capture list says (its tokens: not
         * in a macro, where they are the macro's call) */
        bool known = true, by_ref;
        if (op_const && !cs.nested[i] && !clang_isConstQualifiedType(t)) {
            by_ref = !clang_isConstQualifiedType(clang_getNonReferenceType(clang_getCursorType(c->ref)));
        } else if (!macro) {
            CXString sp = clang_getCursorSpelling(c->decl);
            by_ref = read_capture_list(L, clang_getCursorExtent(lambda), clang_getCString(sp) != NULL ? clang_getCString(sp) : "").by_ref;
            clang_disposeString(sp);
        } else {
            by_ref = false;
            known = false;
        }
        bool record = type_is(L, t, TF_ARRAY) || clang_getCanonicalType(t).kind == CXType_Record;
        c->value = known && !by_ref && record;
        c->at_creation = !known || c->value || (!by_ref && variable_written(L, c->decl));
        c->at_use = !known || !c->at_creation;
        c->copy_back = known && by_ref && !record;
    }
    bw_free(cs.refs);
    bw_free(cs.decls);
    bw_free(cs.nested);
    if (!ok)
        plan_free(out);
    return ok;
}

/* The stores of a lambda's captures into their globals, at `at`: those
 * the plan stores where the lambda is made (creation) or where it runs. */
static void store_captures(lower *L, CXCursor op, const capture_plan *plan, bool creation, CXCursor at)
{
    for (uint32_t i = 0; i < plan->n && !L->oom; i++) {
        const capture *c = &plan->c[i];
        if (creation ? !c->at_creation : !c->at_use)
            continue;
        vbuild v = {.lit = BW_NONE};
        lower_expr(L, c->ref, &v);
        for (uint32_t r = 0; c->value && r < v.n; r++)
            v.refs[r].addr = 0;
        emit_store(L, BW_OP_ASSIGN, at, capture_place(L, op, c->decl), &v);
        if (!L->oom)
            insn(L, L->ninsns - 1)->flags |= BW_ASSIGN_CAPTURE | (c->value ? BW_ASSIGN_BY_VALUE : 0);
    }
}

/* After a call of a lambda: what its body assigned to a variable it
 * captures by reference (`[&] { q = getenv("Q"); }`) is the variable's. */
static void copy_back_captures(lower *L, CXCursor op, const capture_plan *plan, CXCursor at)
{
    for (uint32_t i = 0; i < plan->n && !L->oom; i++) {
        const capture *c = &plan->c[i];
        uint32_t p;
        if (!c->copy_back || !var_place(L, c->decl, &p))
            continue;
        vbuild v = {.lit = BW_NONE};
        vb_add(&v, capture_place(L, op, c->decl), 0);
        emit_store(L, BW_OP_APPEND, at, p, &v);
    }
}

/* The init captures' stores (`[s = std::string(q)]`: a variable of the
 * lambda's own, declared in its capture list), where the lambda is made. */
static void store_init_captures(lower *L, CXCursor lambda, CXCursor op)
{
    CXSourceRange extent = clang_getCursorExtent(lambda);
    kids ks;
    kids_get(lambda, &ks);
    for (unsigned i = 0; i < ks.n && !L->oom; i++) {
        if (clang_getCursorKind(ks.items[i]) != CXCursor_VariableRef)
            continue;
        CXCursor d = clang_getCursorReferenced(ks.items[i]);
        if (clang_getCursorKind(d) != CXCursor_VarDecl || !location_within(clang_getCursorLocation(d), extent))
            continue;
        CXCursor init = var_initializer(d);
        uint32_t from = L->ninsns;
        if (!clang_Cursor_isNull(init))
            lower_var_init(L, d, capture_place(L, op, d), clang_getCursorType(d), init);
        for (uint32_t j = from; j < L->ninsns && !L->oom; j++)
            if (insn(L, j)->op == BW_OP_ASSIGN)
                insn(L, j)->flags |= BW_ASSIGN_CAPTURE;
    }
    kids_free(&ks);
}

/* The variable a lambda expression initialises, registered by
 * lower_var_decl, or NULL. */
static closure_var *closure_var_of_lambda(lower *L, CXCursor lambda)
{
    for (uint32_t i = 0; i < L->nclosure_vars; i++)
        if (clang_equalCursors(L->closure_vars[i].lambda, lambda))
            return &L->closure_vars[i];
    return NULL;
}

/* The registered variable `ref` (a DeclRefExpr) names, or NULL. */
static closure_var *closure_var_named(lower *L, CXCursor ref)
{
    if (L->nclosure_vars == 0 || clang_getCursorKind(ref) != CXCursor_DeclRefExpr)
        return NULL;
    CXCursor d = clang_getCursorReferenced(ref);
    for (uint32_t i = 0; i < L->nclosure_vars; i++)
        if (clang_equalCursors(L->closure_vars[i].var, d))
            return &L->closure_vars[i];
    return NULL;
}

/* Registers a variable that holds a lambda (`auto run = [q] {...};`, or a
 * copy of one, `auto again = run;`), before its initializer is lowered:
 * `lambda` is the lambda expression, `from` the registered variable it
 * copies (NULL: none). */
static void note_closure_var(lower *L, CXCursor var, CXCursor lambda, const closure_var *from)
{
    /* the closure itself: not a std::function or a thread it was handed
     * to, which may call it without the variable's being named again */
    CXCursor op = from != NULL ? from->op : closure_call_operator(clang_getCursorType(lambda));
    if (clang_Cursor_isNull(op) || !is_closure_class(clang_getTypeDeclaration(clang_getNonReferenceType(clang_getCursorType(var)))))
        return;
    capture_plan plan = {0};
    if (from != NULL) {
        if (from->plan.n > 0 && (plan.c = bw_malloc(from->plan.n * sizeof(capture))) == NULL) {
            L->oom = true;
            return;
        }
        if (from->plan.n > 0)
            memcpy(plan.c, from->plan.c, from->plan.n * sizeof(capture));
        plan.n = from->plan.n;
        lambda = from->lambda;
    } else if (!plan_captures(L, lambda, op, &plan)) {
        L->oom = true;
        return;
    }
    if (!bw_ir_grow((void **)&L->closure_vars, &L->capclosure_vars, L->nclosure_vars + 1, sizeof(closure_var))) {
        plan_free(&plan);
        L->oom = true;
        return;
    }
    L->closure_vars[L->nclosure_vars++] = (closure_var){var, lambda, op, plan, 0};
}

/* Registers what `var`'s initializer makes it hold: a lambda, or a copy
 * of (or a reference to) a registered variable. */
static void note_closure_init(lower *L, CXCursor var)
{
    CXCursor e = initializer_core(var);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_LambdaExpr) {
        note_closure_var(L, var, e, NULL);
    } else if (k == CXCursor_DeclRefExpr) {
        const closure_var *from = closure_var_named(L, e);
        if (from != NULL) {
            closure_var copy = *from; /* the table may move */
            note_closure_var(L, var, copy.lambda, &copy);
            /* the copy's own uses store what it captures */
            L->closure_copied = e;
        }
    }
}

/* A use of variable reference `ref`: when it names a variable that holds
 * a lambda, what the lambda captures by reference is stored here.  Each
 * lambda's once per use: one that captures another by reference stores
 * the other's too, and a chain of them would otherwise store the first
 * ones again at every link. */
static void closure_used(lower *L, CXCursor ref)
{
    closure_var *cv = closure_var_named(L, ref);
    if (cv == NULL || clang_equalCursors(ref, L->closure_copied))
        return;
    if (L->closure_depth == 0)
        L->closure_epoch++;
    if (cv->epoch == L->closure_epoch)
        return;
    cv->epoch = L->closure_epoch;
    capture_plan plan = cv->plan; /* the table may move; the plan does not */
    CXCursor op = cv->op;
    L->closure_depth++;
    store_captures(L, op, &plan, false, ref);
    L->closure_depth--;
}

/* After a call of a lambda whose object is `obj`: its body's assignments
 * to what it captures by reference come back (copy_back_captures). */
static void closure_called(lower *L, CXCursor obj, CXCursor at)
{
    obj = strip(obj);
    closure_var *cv = closure_var_named(L, obj);
    if (cv != NULL) {
        capture_plan plan = cv->plan;
        copy_back_captures(L, cv->op, &plan, at);
        return;
    }
    if (clang_getCursorKind(obj) != CXCursor_LambdaExpr)
        return;
    CXCursor op = closure_call_operator(clang_getCursorType(obj));
    capture_plan plan; /* called where it is made: `[&] { ... }()` */
    if (clang_Cursor_isNull(op))
        return;
    if (!plan_captures(L, obj, op, &plan)) {
        L->oom = true;
        return;
    }
    copy_back_captures(L, op, &plan, at);
    plan_free(&plan);
}

/* The stores of what the lambda expression `lambda` made here captures:
 * all of it when it is handed on at once; when it initialises a variable,
 * what the plan stores where it is made (the rest at the variable's uses,
 * closure_used). */
static void lower_captures(lower *L, CXCursor lambda, CXCursor op)
{
    store_init_captures(L, lambda, op);
    closure_var *cv = closure_var_of_lambda(L, lambda);
    if (cv != NULL) {
        capture_plan plan = cv->plan;
        store_captures(L, op, &plan, true, lambda);
        return;
    }
    capture_plan plan;
    if (!plan_captures(L, lambda, op, &plan)) {
        L->oom = true;
        return;
    }
    /* handed on at once: stored here, whatever the plan */
    for (uint32_t i = 0; i < plan.n; i++)
        plan.c[i].at_creation = true;
    store_captures(L, op, &plan, true, lambda);
    plan_free(&plan);
}

/* Where control enters the code at `at` from other than the switch's
 * dispatch: the earliest instruction that falls through or jumps to it
 * from earlier in the body, or UINT32_MAX when none does.  (Breaks,
 * continues and gotos are patched later and never name a case's start.) */
static uint32_t entered_from(lower *L, const switch_ctx *sw, uint32_t at)
{
    if (at <= sw->body_start)
        return UINT32_MAX;
    for (uint32_t i = sw->body_start; i + 1 < at; i++) {
        const bw_ir_insn *in = insn(L, i);
        if ((in->op == BW_OP_JUMP || in->op == BW_OP_BRANCH) && (in->a == at || in->b == at))
            return i;
    }
    uint8_t op = insn(L, at - 1)->op;
    const bw_ir_insn *prev = insn(L, at - 1);
    bool falls = op != BW_OP_JUMP && op != BW_OP_RETURN && op != BW_OP_EXIT;
    return falls || prev->a == at || (op == BW_OP_BRANCH && prev->b == at) ? at - 1 : UINT32_MAX;
}

/* The values the innermost switch's variable can have here, from the case
 * labels of the group the code is in (`case A: case B: ...`, and every
 * group that falls into it).  false when unknown: a `default` or a case
 * range in the group, code entered from further up, a label (goto
 * target) inside the group, the variable written since the switch began
 * or its address ever taken. */
static bool case_group_values(lower *L, uint32_t var, long long *out, uint32_t max, uint32_t *n, bool *with_default)
{
    *with_default = false;
    const switch_ctx *sw = L->sw;
    *n = 0;
    if (sw == NULL || sw->nlabels == 0)
        return false;
    for (uint32_t i = 0; i < L->ninsns; i++) {
        const bw_ir_insn *in = insn(L, i);
        if (i >= sw->start && in->dst == var && in->op != BW_OP_CALL && in->op != BW_OP_VALIDATE)
            return false;
        for (uint32_t k = 0; k < in->nvals; k++)
            for (uint32_t r = 0; r < in->vals[k].nrefs; r++)
                if (in->vals[k].refs[r].place == var && in->vals[k].refs[r].addr)
                    return false;
    }
    uint32_t k = sw->nlabels - 1;
    for (;;) {
        const case_label *lab = &sw->labels[k];
        if (lab->is_default)
            *with_default = true;
        else if (!lab->known || *n >= max)
            return false;
        else
            out[(*n)++] = lab->value;
        if (k > 0 && sw->labels[k - 1].at == lab->at) {
            k--; /* stacked labels: case A: case B: */
            continue;
        }
        uint32_t from = entered_from(L, sw, lab->at);
        if (from == UINT32_MAX)
            break;
        /* the group above falls (or jumps) into this one; from further up
         * than that group, the values are not known */
        if (k == 0 || from < sw->labels[k - 1].at)
            return false;
        k--;
    }
    uint32_t first = sw->labels[k].at;
    for (uint32_t i = 0; i < L->nlabels; i++)
        if (L->labels[i].insn == BW_NONE && L->labels[i].target >= first)
            return false;
    return true;
}

typedef struct case_values {
    long long *v;
    uint32_t n, max;
    bool ok;
} case_values;

static enum CXChildVisitResult collect_case(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    case_values *cv = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_SwitchStmt)
        return CXChildVisit_Continue; /* its labels are its own */
    if (k == CXCursor_CaseStmt) {
        kids ks;
        kids_get(c, &ks);
        long long value = 0;
        if (ks.n == 2 && bw_eval_int(ks.items[0], &value) && cv->n < cv->max)
            cv->v[cv->n++] = value;
        else
            cv->ok = false;
        kids_free(&ks);
        if (!cv->ok)
            return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* The indexes in [0, nelems) that no `case` label of the innermost switch
 * names: what `default` reaches (an index outside the array would be
 * undefined behaviour).  Appended to out; false when a label is not a
 * constant the analysis can read. */
static bool default_values(lower *L, uint32_t nelems, long long *out, uint32_t max, uint32_t *n)
{
    long long all[256];
    case_values cv = {all, 0, 256, true};
    clang_visitChildren(L->sw->body, collect_case, &cv);
    if (!cv.ok)
        return false;
    for (uint32_t i = 0; i < nelems; i++) {
        bool named = false;
        for (uint32_t j = 0; j < cv.n && !named; j++)
            named = all[j] == (long long)i;
        if (named)
            continue;
        if (*n >= max)
            return false;
        out[(*n)++] = i;
    }
    return true;
}

/* `a[i]` read from a local array of literals (note_literal_elements) where
 * i is a constant or the variable of the switch whose case group this is:
 * a temporary assigned the array (as any element read) that also names
 * the element literals it can be (BW_ASSIGN_ELEMENTS).  false when the
 * read is not of that shape (the caller lowers it the usual way). */
static bool lower_literal_element(lower *L, CXCursor c, vbuild *v)
{
    if (L->nlitarrs == 0)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool done = false;
    uint32_t arr;
    CXCursor base = ks.n == 2 ? strip(ks.items[0]) : clang_getNullCursor();
    if (ks.n == 2 && clang_getCursorKind(base) == CXCursor_DeclRefExpr &&
        var_place(L, clang_getCursorReferenced(base), &arr)) {
        const lit_array *la = NULL;
        for (uint32_t i = L->nlitarrs; i-- > 0 && la == NULL;)
            if (L->litarrs[i].place == arr)
                la = &L->litarrs[i];
        long long idx[64];
        uint32_t nidx = 0;
        bool known = false;
        CXCursor ic = strip(ks.items[1]);
        if (la != NULL) {
            long long value = 0;
            if (bw_eval_int(ic, &value)) {
                idx[nidx++] = value;
                known = true;
            }
            uint32_t var;
            if (!known && L->sw != NULL && L->sw->has_var && clang_getCursorKind(ic) == CXCursor_DeclRefExpr &&
                clang_equalCursors(clang_getCursorReferenced(ic), L->sw->var) &&
                var_place(L, L->sw->var, &var))
            {
                bool with_default = false;
                known = case_group_values(L, var, idx, 64, &nidx, &with_default);
                if (known && with_default)
                    known = default_values(L, insn(L, la->insn)->nvals - 1, idx, 64, &nidx);
            }
        }
        const bw_ir_insn *init = la != NULL ? insn(L, la->insn) : NULL;
        for (uint32_t i = 0; known && i < nidx; i++)
            known = idx[i] >= 0 && idx[i] + 1 < (long long)init->nvals;
        bw_ir_val *vals = known ? arena(L, sizeof(bw_ir_val) * (nidx + 2u)) : NULL;
        if (vals != NULL) {
            vbuild a = {.lit = BW_NONE};
            vb_add(&a, arr, 0);
            vb_finish(L, &a, &vals[0]);
            init = insn(L, la->insn);
            for (uint32_t i = 0; i < nidx; i++)
                vals[i + 1] = init->vals[idx[i] + 1];
            uint32_t t = new_temp(L, "element");
            uint32_t at = emit(L, BW_OP_ASSIGN, c);
            bw_ir_insn *in = insn(L, at);
            in->dst = t;
            in->vals = vals;
            in->nvals = nidx + 1;
            in->flags = BW_ASSIGN_ELEMENTS;
            vb_add(v, t, 0);
            done = true;
        }
    }
    kids_free(&ks);
    return done;
}

/* Whether a member expression reaches its object through an element or a
 * pointer (`g.r[i].name`, `p->title`): an array it yields, as a value,
 * stands for the array of one object of many (ref addr 2, as `&v[0]`),
 * not for the whole text of the place. */
static bool through_element(CXCursor c)
{
    for (c = strip(c); clang_getCursorKind(c) == CXCursor_MemberRefExpr;) {
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 0) {
            kids_free(&ks);
            return false;
        }
        CXCursor b = strip(ks.items[0]);
        kids_free(&ks);
        CXType bt = clang_getCanonicalType(clang_getCursorType(b));
        if (bt.kind == CXType_Pointer || clang_getCursorKind(b) == CXCursor_ArraySubscriptExpr)
            return true;
        c = b;
    }
    return false;
}

/* A character is text, not a number: it keeps its taint (char-by-char
 * copies).  Returns the TF_* facts of c's type, asked once here for
 * lower_expr_inner and the caller. */
static unsigned lower_expr(lower *L, CXCursor c, vbuild *v)
{
    unsigned tf = type_info(L, clang_getCursorType(c))->flags;
    lower_expr_inner(L, c, tf, v);
    if (tf & TF_CHAR)
        v->flags |= BW_VAL_CHAR;
    if ((tf & TF_LINK) && casts_freed_block(c))
        v->flags |= BW_VAL_LINK;
    return tf;
}

static void lower_expr_inner(lower *L, CXCursor c, unsigned tf, vbuild *v)
{
    if (L->oom)
        return;
    enum CXCursorKind k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_StringLiteral: {
        v->flags |= BW_VAL_LITERAL;
        CXString sp = clang_getCursorSpelling(c);
        const char *t = clang_getCString(sp);
        char *text = t != NULL ? unescape_literal(t) : NULL;
        clang_disposeString(sp);
        if (text != NULL) {
            v->lit = intern(L, text);
            note_literal(L, text);
            bw_free(text);
        }
        return;
    }
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_CXXBoolLiteralExpr:
        v->flags |= BW_VAL_ARITH;
        const_value(c, v);
        return;
    case CXCursor_FloatingLiteral:
    case CXCursor_UnaryExpr: /* sizeof, alignof */
        v->flags |= BW_VAL_ARITH;
        return;
    case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_GNUNullExpr:
        v->flags |= BW_VAL_NULLPTR;
        return;
    case CXCursor_CallExpr: {
        if (bw_unevaluated_call(c)) {
            v->flags |= BW_VAL_ARITH;
            return;
        }
        uint32_t t = lower_call(L, c);
        if (t != BW_NONE)
            vb_add(v, t, 0);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_FunctionDecl || dk == CXCursor_CXXMethod) {
            note_addr_taken(L, d);
            return;
        }
        if (dk == CXCursor_EnumConstantDecl) {
            v->flags |= BW_VAL_ARITH;
            return;
        }
        closure_used(L, c);
        uint32_t p;
        if (var_place(L, d, &p))
            vb_add(v, p, (tf & TF_ARRAY) ? 1 : 0);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
    case CXCursor_CXXThisExpr: {
        if (k == CXCursor_ArraySubscriptExpr && lower_literal_element(L, c, v))
            return;
        uint32_t p;
        bool content = false, elem = false;
        if (lower_place_at(L, c, &p, &content, &elem))
            vb_add_ref(v, p, (tf & TF_ARRAY) ? (content || through_element(c) ? 2 : 1) : 0, elem);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 1) {
            if (op == CXUnaryOperator_AddrOf) {
                uint32_t p;
                bool content = false;
                CXCursor sub = strip(ks.items[0]);
                enum CXCursorKind sk = clang_getCursorKind(sub);
                if (sk == CXCursor_DeclRefExpr) {
                    CXCursor d = clang_getCursorReferenced(sub);
                    enum CXCursorKind dk = clang_getCursorKind(d);
                    if (dk == CXCursor_FunctionDecl || dk == CXCursor_CXXMethod) {
                        note_addr_taken(L, d);
                        kids_free(&ks);
                        return;
                    }
                }
                bool elem = false;
                if (lower_place_at(L, ks.items[0], &p, &content, &elem))
                    vb_add_ref(v, p, content ? 2 : 1, elem);
                note_untracked(L, ks.items[0]);
            } else if (op == CXUnaryOperator_Deref) {
                uint32_t p;
                bool content = false, elem = false;
                if (lower_place_at(L, c, &p, &content, &elem))
                    vb_add_ref(v, p, 0, elem);
            } else if (op == CXUnaryOperator_LNot) {
                vbuild tmp = {.lit = BW_NONE};
                lower_expr(L, ks.items[0], &tmp);
                v->flags |= BW_VAL_ARITH;
            } else {
                lower_expr(L, ks.items[0], v);
                if (op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreDec ||
                    op == CXUnaryOperator_PostDec)
                    note_untracked(L, ks.items[0]);
            }
        }
        kids_free(&ks);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 2) {
            if (op == CXBinaryOperator_Assign || (op >= CXBinaryOperator_MulAssign && op <= CXBinaryOperator_OrAssign)) {
                lower_assign(L, c, ks.items[0], ks.items[1], op != CXBinaryOperator_Assign);
                uint32_t p;
                bool content = false;
                CXCursor lhs = strip(ks.items[0]);
                enum CXCursorKind lk = clang_getCursorKind(lhs);
                if ((lk == CXCursor_DeclRefExpr || lk == CXCursor_MemberRefExpr) &&
                    lower_place(L, lhs, &p, &content))
                    vb_add(v, p, 0);
            } else if (op == CXBinaryOperator_Comma) {
                lower_stmt(L, ks.items[0]);
                lower_expr(L, ks.items[1], v);
            } else if ((op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub) &&
                       (tf & TF_POINTER)) {
                int pi = type_is(L, clang_getCursorType(ks.items[0]), TF_POINTER) ? 0 : 1;
                vbuild other = {.lit = BW_NONE};
                lower_expr(L, ks.items[1 - pi], &other);
                vbuild base = {.lit = BW_NONE};
                lower_expr(L, ks.items[pi], &base);
                for (uint32_t i = 0; i < base.n; i++)
                    vb_add_ref(v, base.refs[i].place, base.refs[i].addr, base.refs[i].elem);
                if (op == CXBinaryOperator_Sub && pi == 0)
                    v->container = offsetof_field(L, ks.items[1]);
            } else if (op >= CXBinaryOperator_LT && op <= CXBinaryOperator_NE) {
                vbuild a = {.lit = BW_NONE}, b = {.lit = BW_NONE};
                lower_expr(L, ks.items[0], &a);
                lower_expr(L, ks.items[1], &b);
                v->flags |= BW_VAL_ARITH;
            } else if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
                vbuild a = {.lit = BW_NONE}, b = {.lit = BW_NONE};
                lower_expr(L, ks.items[0], &a);
                lower_maybe(L, ks.items[1], &b, ks.items[0], op == CXBinaryOperator_LAnd);
                v->flags |= BW_VAL_ARITH;
            } else {
                vbuild a = {.lit = BW_NONE}, b = {.lit = BW_NONE};
                lower_expr(L, ks.items[0], &a);
                lower_expr(L, ks.items[1], &b);
                vb_merge(v, &a);
                vb_merge(v, &b);
            }
        }
        /* `s + n`, `buf + strlen(buf) + 1`: pointer arithmetic points
         * elsewhere in the text or outside it (no copy of s, analyze.c) */
        if (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub)
            v->flags |= BW_VAL_OFFSET;
        kids_free(&ks);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_ConditionalOperator: {
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 3) {
            vbuild a = {.lit = BW_NONE}, b = {.lit = BW_NONE};
            if (is_compound_cond(ks.items[0])) {
                lower_cond_arms(L, ks.items[0], ks.items[1], ks.items[2], &a, &b);
            } else {
                vbuild cond = {.lit = BW_NONE};
                lower_expr(L, ks.items[0], &cond);
                lower_maybe(L, ks.items[1], &a, ks.items[0], true);
                lower_maybe(L, ks.items[2], &b, ks.items[0], false);
            }
            merge_arms(v, &a, &b);
            if ((a.flags & BW_VAL_LITERAL) && (b.flags & (BW_VAL_LITERAL | BW_VAL_NULLPTR)) && v->n == 0)
                v->flags |= BW_VAL_LITERAL; /* both literal: constant, text unknown */
        }
        kids_free(&ks);
        if ((tf & TF_ARITH))
            v->flags |= BW_VAL_ARITH;
        return;
    }
    case CXCursor_StmtExpr:
        lower_stmt_expr(L, c, v);
        return;
    case CXCursor_LambdaExpr:
        note_lambda(L, c);
        return;
    case CXCursor_BlockExpr:
        return;
    default:
        break;
    }
    if (k == CXCursor_UnexposedExpr && lower_elvis(L, c, v))
        return;
    /* casts, parentheses, implicit nodes, init lists, new-expressions:
     * the union of the children; of a cast, only its operand, the last
     * child (an expression before it is in the type: `(typeof(*pos) *)p`,
     * never evaluated) */
    kids ks;
    kids_get(c, &ks);
    CXCursor chosen;
    if (bw_selected_operand(c, ks.items, ks.n, &chosen)) {
        lower_expr(L, chosen, v);
        kids_free(&ks);
        return;
    }
    bool single = true;
    vbuild acc = {.lit = BW_NONE};
    unsigned nexpr = 0;
    bool cast = is_explicit_cast(k);
    for (unsigned i = cast && ks.n > 0 ? ks.n - 1 : 0; i < ks.n; i++) {
        if (!clang_isExpression(clang_getCursorKind(ks.items[i])))
            continue;
        vbuild sub = {.lit = BW_NONE};
        lower_expr(L, ks.items[i], &sub);
        if (nexpr == 0) {
            acc = sub;
        } else {
            single = false;
            vb_merge(&acc, &sub);
        }
        nexpr++;
    }
    kids_free(&ks);
    if (nexpr > 0) {
        if (!single)
            acc.lit = BW_NONE;
        for (uint32_t i = 0; i < acc.n; i++)
            vb_add_ref(v, acc.refs[i].place, acc.refs[i].addr, acc.refs[i].elem);
        v->flags |= acc.flags & BW_VAL_OFFSET; /* through a cast too */
        if (v->n == 0) {
            v->flags |= acc.flags;
            v->lit = acc.lit;
        }
        if (single && v->n == acc.n)
            v->container = acc.container; /* a cast or parentheses */
    }
    if ((tf & TF_ARITH)) {
        v->flags |= BW_VAL_ARITH;
        v->flags &= (uint8_t)~BW_VAL_LITERAL;
    }
}

/* Qualified name of a function declaration for the knowledge tables:
 * "getenv", "std::basic_string::append", "ns::Class::method".  Inline and
 * reserved namespaces (std::__cxx11) are skipped. */
static void qualified_name(CXCursor d, bw_buf *out)
{
    CXCursor parts[16];
    int n = 0;
    CXCursor p = d;
    while (n < 16) {
        enum CXCursorKind k = clang_getCursorKind(p);
        if (k == CXCursor_TranslationUnit || clang_Cursor_isNull(p) || k == CXCursor_InvalidFile ||
            clang_isInvalid(k))
            break;
        if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) {
            p = clang_getCursorSemanticParent(p);
            continue;
        }
        parts[n++] = p;
        p = clang_getCursorSemanticParent(p);
    }
    bool first = true;
    for (int i = n - 1; i >= 0; i--) {
        CXString s = clang_getCursorSpelling(parts[i]);
        const char *t = clang_getCString(s);
        if (t == NULL)
            t = "";
        enum CXCursorKind k = clang_getCursorKind(parts[i]);
        bool skip = i > 0 && (t[0] == '\0' || (k == CXCursor_Namespace && t[0] == '_' && t[1] == '_'));
        if (!skip) {
            if (!first)
                bw_buf_puts(out, "::");
            /* class template specialisations spell as "basic_string<char>" */
            const char *lt = i > 0 ? strchr(t, '<') : NULL;
            bw_buf_append(out, t, lt != NULL ? (size_t)(lt - t) : strlen(t));
            first = false;
        }
        clang_disposeString(s);
    }
}

/* The qualified name and USR a call of `callee` was given before, if one
 * was: each answer was a walk up the semantic parents, their spellings and
 * a USR (~3,000 instructions), for far fewer functions than calls. */
static bool callee_cached(lower *L, CXCursor callee, uint32_t *qual, uint32_t *usr)
{
    uint32_t pair[2];
    if (!bw_cursor_pairs_get(&L->callees, callee, pair))
        return false;
    *qual = pair[0];
    *usr = pair[1];
    return true;
}

static void callee_remember(lower *L, CXCursor callee, uint32_t qual, uint32_t usr)
{
    if (!L->oom && !bw_cursor_pairs_add(&L->callees, callee, qual, usr))
        L->oom = true;
}

/* e without parentheses and implicit conversions (not casts written in
 * the source: `static_cast<Base &>(d)` is a reference). */
static CXCursor strip_implicit(CXCursor e)
{
    for (unsigned depth = 0; depth < 32; depth++) {
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
            return e;
        kids ks;
        kids_get(e, &ks);
        CXCursor only = clang_getNullCursor();
        unsigned n = 0;
        for (unsigned i = 0; i < ks.n; i++)
            if (clang_isExpression(clang_getCursorKind(ks.items[i]))) {
                only = ks.items[i];
                n++;
            }
        kids_free(&ks);
        if (n != 1)
            return e;
        e = only;
    }
    return e;
}

static bool is_reference_type(CXType t)
{
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    return k == CXType_LValueReference || k == CXType_RValueReference;
}

/* Whether the object expression `e` of a member call (not a pointer) may
 * be of a class derived from its type: a reference, `*p`, or what a
 * function returns by reference; not a variable, member or temporary
 * that is an object itself (`r.go()` runs its class's go()). */
static bool may_be_derived(CXCursor e)
{
    e = strip_implicit(e);
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
        return is_reference_type(clang_getCursorType(clang_getCursorReferenced(e)));
    case CXCursor_CallExpr: {
        CXCursor f = clang_getCursorReferenced(e);
        return clang_Cursor_isNull(f) || is_reference_type(clang_getCursorResultType(f));
    }
    case CXCursor_ArraySubscriptExpr: {
        /* p[i] through a pointer is *(p + i); a[i] of an array is an object */
        kids ks;
        kids_get(e, &ks);
        bool ptr = ks.n > 0 && clang_getCanonicalType(clang_getCursorType(strip_implicit(ks.items[0]))).kind ==
                                   CXType_Pointer;
        kids_free(&ks);
        return ptr;
    }
    case CXCursor_CXXFunctionalCastExpr: /* a temporary, T(x) */
        return false;
    default: /* *p, this, a cast to a reference, ... */
        return true;
    }
}

/* `this` or `*this`. */
static bool is_this(CXCursor e)
{
    e = strip_implicit(e);
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator) {
        kids ks;
        kids_get(e, &ks);
        CXCursor op = ks.n == 1 ? strip_implicit(ks.items[0]) : clang_getNullCursor();
        kids_free(&ks);
        return clang_getCursorKind(op) == CXCursor_CXXThisExpr;
    }
    return clang_getCursorKind(e) == CXCursor_CXXThisExpr;
}

/* Whether a virtual call `c` dispatches on its object's dynamic type, and
 * the object's class (*recv, its USR): not a call on an object itself
 * (may_be_derived), nor one on this in a constructor or destructor (the
 * object is of that class while they run). */
static bool dispatched(lower *L, CXCursor c, bool operator_syntax, uint32_t *recv)
{
    CXCursor base = clang_getNullCursor();
    if (operator_syntax) {
        /* (*p)(x), *p << x: the object is the first operand */
        if (clang_Cursor_getNumArguments(c) < 1)
            return false;
        base = clang_Cursor_getArgument(c, 0);
    } else {
        kids ks;
        kids_get(c, &ks);
        CXCursor mref = ks.n > 0 ? ks.items[0] : clang_getNullCursor();
        kids_free(&ks);
        if (clang_getCursorKind(mref) != CXCursor_MemberRefExpr)
            return false;
        kids mk;
        kids_get(mref, &mk);
        for (unsigned i = 0; i < mk.n && clang_Cursor_isNull(base); i++)
            if (clang_isExpression(clang_getCursorKind(mk.items[i])))
                base = mk.items[i];
        kids_free(&mk);
    }
    CXType t;
    if (clang_Cursor_isNull(base) || is_this(base)) {
        enum CXCursorKind fk = clang_getCursorKind(L->fn);
        if (fk == CXCursor_Constructor || fk == CXCursor_Destructor)
            return false;
        t = clang_getCursorType(clang_getCursorSemanticParent(L->fn));
    } else {
        /* the object's own type, under the conversion to the method's
         * class that an inherited method's call adds */
        t = clang_getCanonicalType(clang_getCursorType(strip_implicit(base)));
        if (t.kind == CXType_Pointer)
            t = clang_getPointeeType(t);
        else if (!may_be_derived(base))
            return false;
    }
    CXCursor cls = clang_getTypeDeclaration(clang_getCanonicalType(t));
    *recv = clang_Cursor_isNull(cls) ? BW_NONE : intern_cx(L, clang_getCursorUSR(cls));
    return true;
}

/* A call written object.method(...) or p->method(...).  An operator's
 * first child is its left operand, which may be a member too: `name_ = s`
 * and `f_(x)` (a member functor) are operator syntax, their object that
 * member, not the object holding it. */
static bool named_member_call(CXCursor c)
{
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    if (ks.n > 0 && clang_getCursorKind(ks.items[0]) == CXCursor_MemberRefExpr) {
        enum CXCursorKind m = clang_getCursorKind(clang_getCursorReferenced(ks.items[0]));
        r = m == CXCursor_CXXMethod || m == CXCursor_ConversionFunction || m == CXCursor_FunctionTemplate ||
            m == CXCursor_Destructor;
    }
    kids_free(&ks);
    return r;
}

/* A virtual method called virtually whose own body may be a library's:
 * not pure, and declared in a system header or with no body this TU sees
 * (std::exception::what()).  The call may run that body; analyze.c adds
 * its unknown result unless the program defines the method after all (in
 * another TU).  A class template's own method in the program's headers
 * is defined here, though not lowered. */
static void note_library_virtual(lower *L, CXCursor m)
{
    if (clang_CXXMethod_isPureVirtual(m) || (!clang_Location_isInSystemHeader(clang_getCursorLocation(m)) &&
                                             !clang_Cursor_isNull(clang_getCursorDefinition(m))))
        return;
    uint32_t usr = intern_cx(L, clang_getCursorUSR(m));
    if (usr != BW_NONE)
        note_id_once(L, &L->tu->library_virtuals, &L->tu->caplibv, &L->tu->nlibv, usr);
}

/* Lowers a call; returns the temporary holding its result (BW_NONE for
 * void).  The callee's names come from callee_cached after its first call;
 * that first call interns them where it always did, so string ids do not
 * change. */
static bool in_system(CXCursor c);

/* The template a call's callee was instantiated from, when the program
 * defines it: the function the lowering lowered (once, in its pattern).
 * An explicit specialization has a body of its own (it is declared
 * elsewhere than its template), and a library's template stays the
 * instantiation its knowledge rows name. */
static CXCursor template_pattern(const lower *L, CXCursor callee)
{
    if (!L->cxx)
        return callee;
    /* a member template of a class template's instantiation is itself
     * instantiated from the pattern's member template: up to the pattern */
    CXCursor cur = callee;
    for (unsigned depth = 0; depth < 4; depth++) {
        CXCursor t = clang_getSpecializedCursorTemplate(cur);
        if (clang_Cursor_isNull(t) || in_system(t) || clang_equalCursors(t, cur))
            break;
        /* an instantiation is where its pattern is declared or defined (a
         * member defined outside its class template: the definition) */
        CXSourceLocation at = clang_getCursorLocation(cur);
        CXCursor def = clang_getCursorDefinition(t);
        if (!clang_equalLocations(clang_getCursorLocation(t), at) &&
            (clang_Cursor_isNull(def) || !clang_equalLocations(clang_getCursorLocation(def), at)))
            break;
        cur = t;
    }
    return cur;
}

#define NAME_MANY (BW_NONE - 1)

/* An owned copy of `text` for the name maps' keys; NULL when out of memory. */
static const char *name_key(lower *L, const char *text)
{
    if (!bw_ir_grow((void **)&L->name_keys, &L->capname_keys, L->nname_keys + 1, sizeof(char *)))
        return NULL;
    char *k = bw_strdup(text);
    if (k != NULL)
        L->name_keys[L->nname_keys++] = k;
    return k;
}

static void note_program_function(lower *L, CXCursor fn)
{
    CXString name = clang_getCursorSpelling(fn), usr = clang_getCursorUSR(fn);
    const char *n = clang_getCString(name), *u = clang_getCString(usr);
    uint32_t had = bw_strmap_get(&L->fn_names, n);
    if (had == BW_NONE) {
        uint32_t at = L->nname_keys;
        const char *nk = name_key(L, n);
        if (nk == NULL || name_key(L, u) == NULL || !bw_strmap_put(&L->fn_names, nk, at + 1))
            L->oom = true;
    } else if (had != NAME_MANY && strcmp(L->name_keys[had], u) != 0 &&
               !bw_strmap_put(&L->fn_names, L->name_keys[had - 1], NAME_MANY)) {
        L->oom = true;
    }
    /* an explicit specialization is a FunctionDecl the cursor tree holds
     * (implicit instantiations are not in it) */
    CXCursor tmpl = clang_getCursorKind(fn) == CXCursor_FunctionDecl ? clang_getSpecializedCursorTemplate(fn)
                                                                      : clang_getNullCursor();
    if (!clang_Cursor_isNull(tmpl)) {
        CXString tu = clang_getCursorUSR(tmpl);
        if (bw_strmap_get(&L->specialized, clang_getCString(tu)) == BW_NONE) {
            const char *k = name_key(L, clang_getCString(tu));
            if (k == NULL || !bw_strmap_put(&L->specialized, k, 1))
                L->oom = true;
        }
        clang_disposeString(tu);
    }
    clang_disposeString(name);
    clang_disposeString(usr);
}

static enum CXChildVisitResult visit_program_names(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lower *L = data;
    if (L->oom || in_system(c))
        return CXChildVisit_Continue;
    switch (clang_getCursorKind(c)) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_UnexposedDecl: /* extern "C" { } in some libclang versions */
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
    case CXCursor_ClassTemplate:
    case CXCursor_ClassTemplatePartialSpecialization:
    case CXCursor_FriendDecl: /* a hidden friend: only argument-dependent lookup finds it */
        return CXChildVisit_Recurse;
    case CXCursor_FunctionDecl:
    case CXCursor_FunctionTemplate:
        note_program_function(L, c);
        return CXChildVisit_Continue;
    default:
        return CXChildVisit_Continue;
    }
}

/* Names the program's non-member functions (and hidden friends) under
 * more than one declaration, and its templates that have an explicit
 * specialization: what a call in a template's pattern may mean at an
 * instantiation besides the declaration the pattern's lookup found. */
static void program_names(lower *L)
{
    if (L->names_built)
        return;
    L->names_built = true;
    clang_visitChildren(clang_getTranslationUnitCursor(L->ctu), visit_program_names, L);
}

/* The callee of a call a template's body leaves unresolved because an
 * argument's type depends on a parameter (`sqlite3_exec(db, q, ...)` or
 * the program's `run_query(q)` with `const T &q`): the one declaration its
 * name can mean, a library's or the program's (a function template's
 * pattern), or a null cursor (overloaded, or a member of a dependent type:
 * `q.c_str()`).  A program's function is taken only when no other of the
 * program's functions has its name (argument-dependent lookup or an
 * overload declared after the template would pick it at an instantiation)
 * and, for a template, when it has no explicit specialization (which an
 * instantiation would run instead of the pattern). */
static CXCursor unresolved_callee(lower *L, CXCursor c)
{
    kids ks;
    kids_get(c, &ks);
    CXCursor callee = clang_getNullCursor();
    if (ks.n > 0 && clang_getCursorKind(ks.items[0]) == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(ks.items[0]);
        if (clang_getCursorKind(ref) == CXCursor_OverloadedDeclRef && clang_getNumOverloadedDecls(ref) == 1)
            callee = clang_getOverloadedDecl(ref, 0);
    }
    kids_free(&ks);
    if (clang_Cursor_isNull(callee) || in_system(callee))
        return callee;
    program_names(L);
    CXString name = clang_getCursorSpelling(callee), usr = clang_getCursorUSR(callee);
    bool sole = bw_strmap_get(&L->fn_names, clang_getCString(name)) != NAME_MANY &&
                bw_strmap_get(&L->specialized, clang_getCString(usr)) == BW_NONE;
    clang_disposeString(name);
    clang_disposeString(usr);
    return sole ? callee : clang_getNullCursor();
}

/* A construction of an object from one of its own type that libclang
 * names no constructor for: the implicit copy or move of a temporary
 * (`std::string q = a + b;` before C++17, where the move is not elided
 * from the language).  The object is its argument's copy. */
static bool implicit_copy(const lower *L, CXCursor c)
{
    if (!L->cxx || clang_Cursor_getNumArguments(c) != 1)
        return false;
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    CXType a = clang_getCanonicalType(clang_getNonReferenceType(clang_getCursorType(clang_Cursor_getArgument(c, 0))));
    return t.kind == CXType_Record && clang_equalTypes(clang_getUnqualifiedType(t), clang_getUnqualifiedType(a));
}

/* A variable's initializer expression, or a null cursor. */
static CXCursor var_initializer(CXCursor var)
{
    kids ks;
    kids_get(var, &ks);
    CXCursor e = clang_getNullCursor();
    for (unsigned i = 0; i < ks.n; i++)
        if (clang_isExpression(clang_getCursorKind(ks.items[i])))
            e = ks.items[i];
    kids_free(&ks);
    return e;
}

/* What a variable's initializer copies or converts, through the implicit
 * nodes around it (a conversion, a temporary, a copy's constructor with
 * one operand), or a null cursor. */
static CXCursor initializer_core(CXCursor var)
{
    CXCursor e = var_initializer(var);
    for (unsigned depth = 0; depth < 8 && !clang_Cursor_isNull(e); depth++) {
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CallExpr)
            return e;
        /* a call only as a copy: unnamed or a constructor, one operand */
        if (k == CXCursor_CallExpr && !clang_Cursor_isNull(clang_getCursorReferenced(e)) &&
            clang_getCursorKind(clang_getCursorReferenced(e)) != CXCursor_Constructor)
            return e;
        kids ek;
        kids_get(e, &ek);
        CXCursor next = ek.n == 1 && clang_isExpression(clang_getCursorKind(ek.items[0])) ? ek.items[0]
                                                                                          : clang_getNullCursor();
        kids_free(&ek);
        e = next;
    }
    return clang_getNullCursor();
}

/* The lambda expression a variable's initializer is, through the implicit
 * nodes around it (a conversion, a temporary, the closure's copy), or a
 * null cursor. */
static CXCursor initializer_lambda(CXCursor var)
{
    CXCursor e = initializer_core(var);
    return clang_getCursorKind(e) == CXCursor_LambdaExpr ? e : clang_getNullCursor();
}

/* A call of a lambda held in a local variable that a template's body
 * leaves unresolved, its closure's type depending on a parameter
 * (`auto run = [db, q] {...}; run();` in a function template; libclang's
 * callee is the variable): the closure's call operator, and the
 * variable's reference in *var_ref; a null cursor otherwise. */
static CXCursor dependent_closure_call(CXCursor c, CXCursor *var_ref)
{
    kids ks;
    kids_get(c, &ks);
    CXCursor op = clang_getNullCursor();
    if (ks.n > 0 && clang_getCursorKind(ks.items[0]) == CXCursor_DeclRefExpr) {
        CXCursor var = clang_getCursorReferenced(ks.items[0]);
        CXCursor lambda = clang_getCursorKind(var) == CXCursor_VarDecl ? initializer_lambda(var) : clang_getNullCursor();
        if (!clang_Cursor_isNull(lambda)) {
            op = closure_call_operator(clang_getCursorType(lambda));
            *var_ref = ks.items[0];
        }
    }
    kids_free(&ks);
    return op;
}

/* A call a template's body leaves unresolved because its object's type
 * depends on a parameter, of a member that gives a string's text
 * (`q.c_str()`, `q->data()`, `os.str()` of a `const T &q`): the object
 * (its expression in *obj).  Its name is only in the source: libclang
 * names no member for a dependent type. */
static bool dependent_text_accessor(lower *L, CXCursor c, CXCursor *obj)
{
    static const char *const accessors[] = {"c_str", "data", "str", NULL};
    if (clang_getCursorType(c).kind != CXType_Dependent || clang_Cursor_getNumArguments(c) != 0)
        return false;
    kids ks;
    kids_get(c, &ks);
    CXCursor m = ks.n == 1 ? ks.items[0] : clang_getNullCursor();
    kids_free(&ks);
    if (clang_getCursorKind(m) != CXCursor_MemberRefExpr || !clang_Cursor_isNull(clang_getCursorReferenced(m)))
        return false;
    kids mk;
    kids_get(m, &mk);
    bool found = false;
    if (mk.n == 1) {
        CXToken *toks = NULL;
        unsigned n = 0;
        clang_tokenize(L->ctu, clang_getCursorExtent(m), &toks, &n);
        if (n > 0 && clang_getTokenKind(toks[n - 1]) == CXToken_Identifier) {
            CXString sp = clang_getTokenSpelling(L->ctu, toks[n - 1]);
            const char *name = clang_getCString(sp);
            for (unsigned i = 0; accessors[i] != NULL && name != NULL && !found; i++)
                found = strcmp(name, accessors[i]) == 0;
            clang_disposeString(sp);
        }
        if (toks != NULL)
            clang_disposeTokens(L->ctu, toks, n);
        *obj = mk.items[0];
    }
    kids_free(&mk);
    return found;
}

static uint32_t lower_call(lower *L, CXCursor c)
{
    CXCursor callee = clang_getCursorReferenced(c);
    CXCursor closure_ref = clang_getNullCursor(); /* dependent_closure_call's variable */
    if (L->cxx && clang_Cursor_isNull(callee)) {
        if (implicit_copy(L, c)) {
            vbuild a = {.lit = BW_NONE};
            lower_expr(L, clang_Cursor_getArgument(c, 0), &a);
            uint32_t t = new_temp(L, "copy");
            emit_store(L, BW_OP_ASSIGN, c, t, &a);
            return t;
        }
        CXCursor obj;
        if (dependent_text_accessor(L, c, &obj)) {
            vbuild a = {.lit = BW_NONE};
            uint32_t p;
            bool content = false;
            if (lower_place(L, obj, &p, &content))
                vb_add(&a, p, 0);
            uint32_t t = new_temp(L, "text");
            emit_store(L, BW_OP_ASSIGN, c, t, &a);
            return t;
        }
        callee = unresolved_callee(L, c);
    }
    if (L->cxx && clang_getCursorKind(callee) == CXCursor_VarDecl) {
        /* libclang names the variable a template's call of a lambda calls */
        CXCursor op = dependent_closure_call(c, &closure_ref);
        if (!clang_Cursor_isNull(op))
            callee = op;
    }
    enum CXCursorKind ck = clang_getCursorKind(callee);
    bool known = ck == CXCursor_FunctionDecl || ck == CXCursor_CXXMethod || ck == CXCursor_Constructor ||
                 ck == CXCursor_ConversionFunction || ck == CXCursor_FunctionTemplate ||
                 ck == CXCursor_Destructor;
    uint8_t flags = 0;
    bw_buf qn = BW_BUF_INIT;
    uint32_t cqual = BW_NONE, cusr = BW_NONE;
    bool cached = known && callee_cached(L, callee, &cqual, &cusr);
    CXCursor named = cached || !known ? callee : template_pattern(L, callee);
    if (cached) {
        /* interned already */
    } else if (known) {
        qualified_name(callee, &qn);
    } else {
        flags |= BW_CALL_INDIRECT;
        bw_buf_puts(&qn, "(indirect)");
    }
    if (!cached && qn.data == NULL) {
        L->oom = true;
        return BW_NONE;
    }
    const char *name = cached ? bw_ir_str(L->tu, cqual) : qn.data;
    const char *last = strrchr(name, ':');
    last = last != NULL ? last + 1 : name;
    bool is_operator = strncmp(last, "operator", 8) == 0 && !(last[8] >= 'a' && last[8] <= 'z');
    bool is_ctor = ck == CXCursor_Constructor;
    bool is_member = (ck == CXCursor_CXXMethod || ck == CXCursor_ConversionFunction) &&
                     !clang_CXXMethod_isStatic(callee);
    uint32_t recv = BW_NONE;
    /* libclang calls only a named call dynamic: an operator's is decided
     * from its object alone */
    bool operator_syntax = is_member && is_operator && !named_member_call(c);
    if (is_member && clang_CXXMethod_isVirtual(callee) && (operator_syntax || clang_Cursor_isDynamicCall(c)) &&
        dispatched(L, c, operator_syntax, &recv)) {
        flags |= BW_CALL_VIRTUAL;
        note_library_virtual(L, callee);
    }

    /* arguments; not a standard library function's default ones
     * (`s.erase()` passes pos 0 and n npos): lowered, they read as numbers
     * of no known value that the call passed, as `s.erase(PREFIX)` does
     * (analyze.c, empties_string).  libclang gives a default argument no
     * extent. */
    int nargs = clang_Cursor_getNumArguments(c);
    if (nargs < 0)
        nargs = 0;
    while (nargs > 0 && strncmp(name, "std::", 5) == 0 &&
           clang_Range_isNull(clang_getCursorExtent(clang_Cursor_getArgument(c, (unsigned)nargs - 1))))
        nargs--;
    vbuild obj = {.lit = BW_NONE};
    bool has_obj = false;
    /* an operator called by name, p->operator()(x), is a method call: its
     * object is not among the arguments, as it is in (*p)(x) */
    if (is_member && !operator_syntax) {
        kids ks;
        kids_get(c, &ks);
        if (ks.n > 0) {
            CXCursor m = ks.items[0];
            if (clang_getCursorKind(m) == CXCursor_MemberRefExpr) {
                kids mk;
                kids_get(m, &mk);
                if (mk.n > 0) {
                    uint32_t p;
                    bool content = false, elem = false;
                    if (lower_place_at(L, mk.items[0], &p, &content, &elem))
                        vb_add_ref(&obj, p, 0, elem);
                } else if (L->is_method) {
                    vb_add(&obj, place_get(L, BW_PLACE_PARAM, 0, "0", "", "this"), 0);
                }
                kids_free(&mk);
                has_obj = true;
            }
        }
        kids_free(&ks);
        if (!has_obj && L->is_method) {
            vb_add(&obj, place_get(L, BW_PLACE_PARAM, 0, "0", "", "this"), 0);
            has_obj = true;
        }
    }
    /* a program's constructor is a method: its parameter 0 is the object
     * it builds, the call's result, and the arguments come after it (a
     * library's keeps its arguments first, as its knowledge rows count) */
    uint32_t ctor_obj = BW_NONE;
    if (is_ctor && L->cxx && !in_system(callee)) {
        bw_buf tn = BW_BUF_INIT;
        bw_buf_printf(&tn, "%s()", last);
        ctor_obj = new_temp(L, tn.data != NULL ? tn.data : "call");
        bw_buf_free(&tn);
        vb_add(&obj, ctor_obj, 0);
        has_obj = true;
    }
    /* the closure a template's unresolved call of a lambda calls: its
     * object, which a resolved call has among its arguments */
    if (!clang_Cursor_isNull(closure_ref)) {
        uint32_t p;
        bool content = false;
        if (lambda_shares_this(L, callee)) {
            closure_used(L, closure_ref);
            vb_add(&obj, place_get(L, BW_PLACE_PARAM, 0, "0", "", "this"), 0);
        }
        else if (lower_place(L, closure_ref, &p, &content))
            vb_add(&obj, p, 0);
        has_obj = true;
    }
    uint32_t nvals = (uint32_t)nargs + (has_obj ? 1u : 0u);
    bw_ir_val *vals = arena(L, sizeof(bw_ir_val) * (nvals + 1u));
    if (vals == NULL) {
        bw_buf_free(&qn);
        return BW_NONE;
    }
    uint32_t vi = 0;
    if (has_obj)
        vb_finish(L, &obj, &vals[vi++]);
    /* a method's call of a lambda that uses the method's `this` passes
     * that object instead of the closure (lambda_shares_this) */
    bool pass_this = operator_syntax && is_lambda_operator(L, callee) && lambda_shares_this(L, callee);
    for (int i = 0; i < nargs; i++) {
        vbuild a = {.lit = BW_NONE};
        CXCursor arg = clang_Cursor_getArgument(c, (unsigned)i);
        if (i == 0 && pass_this) {
            closure_used(L, strip(arg));
            vb_add(&a, place_get(L, BW_PLACE_PARAM, 0, "0", "", "this"), 0);
            vb_finish(L, &a, &vals[vi++]);
            continue;
        }
        note_escaping_closures(L, c, callee, arg);
        unsigned atf = lower_expr(L, arg, &a);
        if (atf & TF_ARITH)
            a.flags |= BW_VAL_ARITH;
        if (atf & TF_CHAR)
            a.flags |= BW_VAL_CHAR;
        vb_finish(L, &a, &vals[vi++]);
    }
    unsigned rtf = type_info(L, clang_getCursorType(c))->flags;
    bool void_ret = (rtf & TF_VOID) != 0;
    uint32_t i = emit(L, BW_OP_CALL, c);
    bw_ir_insn *in = insn(L, i);
    in->callee = cached ? cqual : intern(L, name);
    if (known && !L->oom && cached) {
        in->usr = cusr;
    } else if (known && !L->oom) {
        uint32_t u = function_usr(L, named);
        if (u != BW_NONE && bw_ir_str(L->tu, u)[0] != '\0')
            in->usr = u;
        callee_remember(L, callee, in->callee, in->usr);
        in = insn(L, i);
    }
    if (known)
        note_named(L, in->usr); /* marks only: the instruction stays where it is */
    in->recv = recv;
    in->vals = vals;
    in->nvals = nvals;
    in->flags = (uint8_t)(flags | (has_obj ? BW_CALL_METHOD : 0) | (is_ctor ? BW_CALL_CTOR : 0) |
                          (is_operator ? BW_CALL_OPERATOR : 0) |
                          ((rtf & TF_ARITH) ? BW_CALL_RET_ARITH : 0) |
                          ((rtf & TF_VOIDPTR) ? BW_CALL_RET_VOIDPTR : 0));
    uint32_t t = ctor_obj;
    if (t != BW_NONE) {
        insn(L, i)->dst = t;
    } else if (!void_ret || is_ctor) {
        bw_buf tn = BW_BUF_INIT;
        bw_buf_printf(&tn, "%s()", last);
        t = new_temp(L, tn.data != NULL ? tn.data : "call");
        bw_buf_free(&tn);
        insn(L, i)->dst = t;
    }
    /* what the lambda's body assigned to its captures by reference */
    if (L->cxx && is_lambda_operator(L, callee)) {
        if (operator_syntax && nargs > 0)
            closure_called(L, clang_Cursor_getArgument(c, 0), c);
        else if (!clang_Cursor_isNull(closure_ref))
            closure_called(L, closure_ref, c);
    }
    if (bw_is_noreturn(name))
        emit(L, BW_OP_EXIT, c);
    bw_buf_free(&qn);
    return t;
}

/* ---- conditions -------------------------------------------------------- */


static void fact_add(factset *s, uint32_t place, uint32_t validator, uint8_t when, uint8_t arg)
{
    if (s->n < 8)
        s->items[s->n++] = (bw_ir_fact){place, validator, when, arg};
}

static bool call_name_is(CXCursor c, const char *const *names)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return false;
    CXString s = clang_getCursorSpelling(c);
    const char *t = clang_getCString(s);
    bool r = false;
    for (size_t i = 0; t != NULL && names[i] != NULL; i++)
        if (strcmp(t, names[i]) == 0)
            r = true;
    clang_disposeString(s);
    return r;
}

static bool same_place(lower *L, CXCursor a, CXCursor b, uint32_t *out)
{
    uint32_t pa, pb;
    bool ca = false, cb = false;
    if (!lower_place(L, a, &pa, &ca) || !lower_place(L, b, &pb, &cb))
        return false;
    *out = pa;
    return pa == pb;
}

/* The place an operand names without evaluating anything: a variable, or
 * a member path of one (`t`, `r.name`, `r->req.sql`); false otherwise. */
static bool named_place(lower *L, CXCursor c, uint32_t *out)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr)
        return var_place(L, clang_getCursorReferenced(c), out);
    if (k != CXCursor_MemberRefExpr)
        return false;
    for (CXCursor b = c;;) {
        kids ks;
        kids_get(b, &ks);
        CXCursor base = ks.n > 0 ? strip(ks.items[0]) : clang_getNullCursor();
        unsigned n = ks.n;
        kids_free(&ks);
        enum CXCursorKind bk = n > 0 ? clang_getCursorKind(base) : CXCursor_DeclRefExpr;
        if (bk == CXCursor_MemberRefExpr) {
            b = base;
            continue;
        }
        if (bk != CXCursor_DeclRefExpr && bk != CXCursor_CXXThisExpr)
            return false;
        break;
    }
    bool content = false;
    return lower_place(L, c, out, &content);
}

/* Whether place `inner` is place `outer` or one of its members. */
static bool place_within(lower *L, uint32_t inner, uint32_t outer)
{
    if (inner == outer)
        return true;
    const char *ik = bw_ir_str(L->tu, L->places[inner].key);
    const char *ok = bw_ir_str(L->tu, L->places[outer].key);
    size_t n = strlen(ok);
    return strncmp(ik, ok, n) == 0 && ik[n] == '.';
}

typedef struct write_probe {
    lower *L;
    uint32_t place;
    bool found;
} write_probe;

/* The operand an assignment (plain or compound) stores into, or null. */
static CXCursor assigned_operand(CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    bool assign = k == CXCursor_CompoundAssignOperator ||
                  (k == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign);
    if (!assign)
        return clang_getNullCursor();
    kids ks;
    kids_get(c, &ks);
    CXCursor w = ks.n > 0 ? ks.items[0] : clang_getNullCursor();
    kids_free(&ks);
    return w;
}

static enum CXChildVisitResult probe_write(CXCursor c, CXCursor parent, CXClientData data);

/* Looks for the write in what c runs: not in operands that never run
 * (sizeof, __builtin_constant_p, the arms a compile-time selection does
 * not pick). */
static void probe_operands(CXCursor c, write_probe *w)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_UnaryExpr || (k == CXCursor_CallExpr && bw_unevaluated_call(c)))
        return;
    kids ks;
    kids_get(c, &ks);
    CXCursor chosen;
    if (bw_selected_operand(c, ks.items, ks.n, &chosen)) {
        kids_free(&ks);
        if (probe_write(chosen, c, w) == CXChildVisit_Recurse)
            probe_operands(chosen, w);
        return;
    }
    for (unsigned i = 0; i < ks.n && !w->found; i++)
        if (probe_write(ks.items[i], c, w) == CXChildVisit_Recurse)
            probe_operands(ks.items[i], w);
    kids_free(&ks);
}

static enum CXChildVisitResult probe_write(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    write_probe *w = data;
    CXCursor op = assigned_operand(c);
    uint32_t p;
    if (!clang_Cursor_isNull(op) && named_place(w->L, op, &p) && place_within(w->L, w->place, p)) {
        w->found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether evaluating `c` assigns `place` or a variable or member that
 * holds it.  Increments keep what a check proved (a suffix of an
 * allow-listed string is one), and neither a write through another
 * pointer nor a callee given `&t` is seen: the engine sees those where
 * the condition is jumping code (if, loops). */
static bool may_write(lower *L, CXCursor c, uint32_t place)
{
    write_probe w = {L, place, false};
    if (probe_write(c, clang_getNullCursor(), &w) == CXChildVisit_Recurse)
        probe_operands(c, &w);
    return w.found;
}

/* The facts of the left operand of a conjunction that still hold after
 * the right one ran (`ok(t) && (t = u)` proves nothing about t), and then
 * the right one's, into *out. */
static void conjunction_facts(lower *L, CXCursor a, CXCursor b, bool pos, factset *out)
{
    factset fa = {.n = 0};
    cond_facts(L, a, pos, &fa);
    for (uint32_t i = 0; i < fa.n; i++)
        if (!may_write(L, b, fa.items[i].place))
            fact_add(out, fa.items[i].place, fa.items[i].validator, fa.items[i].when, fa.items[i].arg);
    cond_facts(L, b, pos, out);
}

/* Facts about `c` being true (when=1) / false (when=0) are added to `f`,
 * where `pos` says whether we are looking at c or at !c. */
static void cond_facts(lower *L, CXCursor c, bool pos, factset *f)
{
    c = strip(c);
    /* likely(x), unlikely(x): __builtin_expect(!!(x), v) is x */
    static const char *const expect_names[] = {"__builtin_expect", NULL};
    if (call_name_is(c, expect_names) && clang_Cursor_getNumArguments(c) == 2)
        c = strip(clang_Cursor_getArgument(c, 0));
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Comma) {
        /* `(log(), ok(t))`: the right operand is the value; the left one ran
         * before it, so what the right one proves still holds */
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 2)
            cond_facts(L, ks.items[1], pos, f);
        kids_free(&ks);
        return;
    }
    if (k == CXCursor_UnexposedExpr || k == CXCursor_GenericSelectionExpr) {
        /* `__builtin_choose_expr(1, ok(t), 0)`, `_Generic(t, char *: ok(t), ...)`:
         * the operand that runs decides */
        kids ks;
        kids_get(c, &ks);
        CXCursor chosen;
        bool sel = bw_selected_operand(c, ks.items, ks.n, &chosen);
        kids_free(&ks);
        if (sel) {
            cond_facts(L, chosen, pos, f);
            return;
        }
    }
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot) {
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 1)
            cond_facts(L, ks.items[0], !pos, f);
        kids_free(&ks);
        return;
    }
    if (k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        if (ks.n != 2) {
            kids_free(&ks);
            return;
        }
        CXCursor a = strip(ks.items[0]), b = strip(ks.items[1]);
        if ((op == CXBinaryOperator_LAnd && pos) || (op == CXBinaryOperator_LOr && !pos)) {
            /* a && b true: both true; a || b false: both false.  What one
             * of them being false proves (when 0) holds on no edge of the
             * whole: `ok(u) || ok(t)` false says nothing about t alone */
            factset sub = {.n = 0};
            conjunction_facts(L, a, b, pos, &sub);
            for (uint32_t i = 0; i < sub.n; i++)
                if (sub.items[i].when == 1)
                    fact_add(f, sub.items[i].place, sub.items[i].validator, 1, sub.items[i].arg);
        } else if ((op == CXBinaryOperator_LAnd && !pos) || (op == CXBinaryOperator_LOr && pos)) {
            /* the other edge of the same: !(a && b) false is both true,
             * a || b false is both false (`if (!s || !ok(s)) return;`) */
            factset sub = {.n = 0};
            conjunction_facts(L, a, b, !pos, &sub);
            for (uint32_t i = 0; i < sub.n; i++)
                if (sub.items[i].when == 1)
                    fact_add(f, sub.items[i].place, sub.items[i].validator, 0, sub.items[i].arg);
        } else if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) {
            bool eq = (op == CXBinaryOperator_EQ) == pos; /* the edge where a == b holds */
            static const char *const strspn_names[] = {"strspn", NULL};
            static const char *const strlen_names[] = {"strlen", NULL};
            vbuild bz = {.lit = BW_NONE}, az = {.lit = BW_NONE};
            /* x == 0 / x != 0 */
            enum CXCursorKind bk = clang_getCursorKind(b);
            if (bk == CXCursor_IntegerLiteral || bk == CXCursor_CharacterLiteral || bk == CXCursor_GNUNullExpr ||
                bk == CXCursor_CXXNullPtrLiteralExpr)
                const_value(b, &bz);
            (void)az;
            if (call_name_is(a, strspn_names) && call_name_is(b, strlen_names)) {
                CXCursor ca = strip(a), cb = strip(b);
                uint32_t p;
                if (clang_Cursor_getNumArguments(ca) == 2 && clang_Cursor_getNumArguments(cb) == 1 &&
                    same_place(L, clang_Cursor_getArgument(ca, 0), clang_Cursor_getArgument(cb, 0), &p))
                    fact_add(f, p, intern(L, "=allowlist"), eq ? 1 : 0, 0);
            } else if (call_name_is(b, strspn_names) && call_name_is(a, strlen_names)) {
                CXCursor ca = strip(b), cb = strip(a);
                uint32_t p;
                if (clang_Cursor_getNumArguments(ca) == 2 && clang_Cursor_getNumArguments(cb) == 1 &&
                    same_place(L, clang_Cursor_getArgument(ca, 0), clang_Cursor_getArgument(cb, 0), &p))
                    fact_add(f, p, intern(L, "=allowlist"), eq ? 1 : 0, 0);
            } else if (clang_getCursorKind(a) == CXCursor_ArraySubscriptExpr && (bz.flags & BW_VAL_ZERO)) {
                /* s[strspn(s, ok)] == '\0' */
                kids sk;
                kids_get(a, &sk);
                if (sk.n == 2 && call_name_is(sk.items[1], strspn_names)) {
                    CXCursor ca = strip(sk.items[1]);
                    uint32_t p;
                    if (clang_Cursor_getNumArguments(ca) == 2 &&
                        same_place(L, sk.items[0], clang_Cursor_getArgument(ca, 0), &p))
                        fact_add(f, p, intern(L, "=allowlist"), eq ? 1 : 0, 0);
                }
                kids_free(&sk);
            } else if (bz.flags & BW_VAL_ZERO) {
                /* f(x) == 0 is !f(x) */
                cond_facts(L, a, !eq, f);
            } else if (bz.flags & BW_VAL_NONZERO) {
                if (eq)
                    cond_facts(L, a, true, f);
            }
        }
        kids_free(&ks);
        return;
    }
    if (k == CXCursor_CallExpr) {
        CXCursor callee = clang_getCursorReferenced(c);
        if (clang_Cursor_isNull(callee))
            return;
        uint32_t vname, vusr;
        if (!callee_cached(L, callee, &vname, &vusr)) {
            bw_buf qn = BW_BUF_INIT;
            qualified_name(callee, &qn);
            if (qn.data == NULL)
                return;
            vname = intern(L, qn.data);
            bw_buf_free(&qn);
        }
        int n = clang_Cursor_getNumArguments(c);
        for (int i = 0; i < n && i < 8; i++) {
            uint32_t p;
            bool content = false;
            CXCursor arg = strip(clang_Cursor_getArgument(c, (unsigned)i));
            enum CXCursorKind ak = clang_getCursorKind(arg);
            if ((ak == CXCursor_DeclRefExpr || ak == CXCursor_MemberRefExpr) &&
                lower_place(L, arg, &p, &content))
                fact_add(f, p, vname, pos ? 1 : 0, (uint8_t)i);
        }
    }
}

/* The edges that leave a condition lowered as jumping code: each is a
 * branch insn's true (a) or false (b) edge, as insn * 2 + (1 for a). */
#define MAX_COND_EXITS 32

typedef struct cond_exits {
    uint32_t t[MAX_COND_EXITS]; /* taken when the condition is true */
    uint32_t f[MAX_COND_EXITS]; /* when it is false */
    uint32_t nt, nf;
} cond_exits;

static void patch_exits(lower *L, const uint32_t *edges, uint32_t n, uint32_t target)
{
    for (uint32_t i = 0; i < n; i++) {
        bw_ir_insn *in = insn(L, edges[i] >> 1);
        if (edges[i] & 1u)
            in->a = target;
        else
            in->b = target;
    }
}

static void add_exits(uint32_t *to, uint32_t *nto, const uint32_t *from, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        to[(*nto)++] = from[i];
}

/* `a && b` (op LAnd), `a || b` (LOr), `!(a && b)` and the like, seen
 * through parentheses and likely()/unlikely(): the operands into *a and
 * *b, and whether the whole is negated into *neg; false for a leaf. */
static bool cond_split(CXCursor c, CXCursor *a, CXCursor *b, enum CXBinaryOperatorKind *op, bool *neg)
{
    static const char *const expect_names[] = {"__builtin_expect", NULL};
    *neg = false;
    for (;;) {
        c = strip(c);
        if (call_name_is(c, expect_names) && clang_Cursor_getNumArguments(c) == 2) {
            c = clang_Cursor_getArgument(c, 0);
            continue;
        }
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot) {
            kids ks;
            kids_get(c, &ks);
            bool one = ks.n == 1;
            if (one)
                c = ks.items[0];
            kids_free(&ks);
            if (!one)
                return false;
            *neg = !*neg;
            continue;
        }
        if (k != CXCursor_BinaryOperator)
            return false;
        *op = clang_getCursorBinaryOperatorKind(c);
        if (*op != CXBinaryOperator_LAnd && *op != CXBinaryOperator_LOr)
            return false;
        kids ks;
        kids_get(c, &ks);
        bool two = ks.n == 2;
        if (two) {
            *a = ks.items[0];
            *b = ks.items[1];
        }
        kids_free(&ks);
        return two;
    }
}

/* How many leaves lower_cond would make of c (capped at limit + 1). */
static uint32_t cond_leaf_count(CXCursor c, uint32_t limit)
{
    CXCursor a, b;
    enum CXBinaryOperatorKind op;
    bool neg;
    if (!cond_split(c, &a, &b, &op, &neg))
        return 1;
    uint32_t n = cond_leaf_count(a, limit);
    return n > limit ? n : n + cond_leaf_count(b, limit - n + 1);
}

/* A condition that is not && or ||: evaluated, then one BRANCH with the
 * facts its result proves on each edge. */
static void lower_cond_leaf(lower *L, CXCursor cond, cond_exits *x)
{
    vbuild v = {.lit = BW_NONE};
    lower_expr(L, cond, &v);
    factset f = {.n = 0};
    cond_facts(L, cond, true, &f);
    uint32_t b = emit(L, BW_OP_BRANCH, cond);
    set_facts(L, b, &f);
    x->t[x->nt++] = b * 2u + 1u;
    x->f[x->nf++] = b * 2u;
}

/* Jumping code: `a && b` branches out on a false a before b runs, `a ||
 * b` on a true one, so each operand's facts hold exactly where it was
 * decided (a check of t followed by `t = u` in the same condition proves
 * nothing about the new t), and a path that skipped b does not take the
 * edge where b held. */
static void lower_cond(lower *L, CXCursor c, cond_exits *x)
{
    CXCursor a, b;
    enum CXBinaryOperatorKind op;
    bool neg;
    if (!cond_split(c, &a, &b, &op, &neg)) {
        lower_cond_leaf(L, c, x);
        return;
    }
    cond_exits xa = {.nt = 0}, xb = {.nt = 0};
    lower_cond(L, a, &xa);
    bool and = op == CXBinaryOperator_LAnd;
    /* b runs when a is true (&&) or false (||) */
    patch_exits(L, and ? xa.t : xa.f, and ? xa.nt : xa.nf, L->ninsns);
    lower_cond(L, b, &xb);
    /* what decides the whole: a's other edges and both of b's */
    uint32_t *on_t = neg ? x->f : x->t, *on_f = neg ? x->t : x->f;
    uint32_t *n_t = neg ? &x->nf : &x->nt, *n_f = neg ? &x->nt : &x->nf;
    if (and)
        add_exits(on_f, n_f, xa.f, xa.nf);
    else
        add_exits(on_t, n_t, xa.t, xa.nt);
    add_exits(on_t, n_t, xb.t, xb.nt);
    add_exits(on_f, n_f, xb.f, xb.nf);
}

/* Lowers a condition; its exits go into *x, for the caller to patch to the
 * true and false targets (patch_exits).  A condition of more operands
 * than the exits hold is one leaf. */
static void lower_branch(lower *L, CXCursor cond, cond_exits *x)
{
    x->nt = x->nf = 0;
    if (cond_leaf_count(cond, MAX_COND_EXITS) > MAX_COND_EXITS)
        lower_cond_leaf(L, cond, x);
    else
        lower_cond(L, cond, x);
}

/* Whether c is an && or || (under ! and likely()) that lower_cond makes
 * jumping code of. */
static bool is_compound_cond(CXCursor c)
{
    CXCursor a, b;
    enum CXBinaryOperatorKind op;
    bool neg;
    return cond_split(c, &a, &b, &op, &neg) && cond_leaf_count(c, MAX_COND_EXITS) <= MAX_COND_EXITS;
}

/* `cond ? t : f` with a compound condition: jumping code, so an arm runs
 * on the edges where the condition was decided, with the facts of the
 * operands that ran (`(ok(t) && (u = t)) ? use(u) : 0` uses the checked
 * t); the arms' values into *a and *b. */
static void lower_cond_arms(lower *L, CXCursor cond, CXCursor t, CXCursor f, vbuild *a, vbuild *b)
{
    uint32_t from = L->ninsns;
    cond_exits x;
    lower_branch(L, cond, &x);
    patch_exits(L, x.t, x.nt, L->ninsns);
    /* each arm's value is read on its own edges, where the facts hold */
    lower_expr(L, t, a);
    if (a->n > 0)
        hold_value(L, t, a);
    uint32_t j = emit(L, BW_OP_JUMP, t);
    patch_exits(L, x.f, x.nf, L->ninsns);
    lower_expr(L, f, b);
    if (b->n > 0)
        hold_value(L, f, b);
    if (j != BW_NONE)
        insn(L, j)->a = L->ninsns;
    mark_in_expr(L, from);
}

/* Attaches f to branch br: they hold on its edges. */
static void set_facts(lower *L, uint32_t br, const factset *f)
{
    if (br == BW_NONE || f->n == 0)
        return;
    bw_ir_insn *in = insn(L, br);
    in->facts = arena(L, sizeof(bw_ir_fact) * f->n);
    if (in->facts != NULL) {
        memcpy(in->facts, f->items, sizeof(bw_ir_fact) * f->n);
        in->nfacts = f->n;
    }
}

/* ---- allow-list loops -------------------------------------------------- */

static const char *const ctype_safe[] = {"isalnum", "isalpha", "isdigit", "isxdigit", "isupper",
                                         "islower", "iswalnum", "iswalpha", "iswdigit", NULL};

static bool ends_path(CXCursor s)
{
    s = strip(s);
    enum CXCursorKind k = clang_getCursorKind(s);
    if (k == CXCursor_ReturnStmt || k == CXCursor_GotoStmt)
        return true;
    if (k == CXCursor_CallExpr) {
        CXString sp = clang_getCursorSpelling(s);
        bool r = clang_getCString(sp) != NULL && bw_is_noreturn(clang_getCString(sp));
        clang_disposeString(sp);
        return r;
    }
    if (k == CXCursor_CompoundStmt) {
        kids ks;
        kids_get(s, &ks);
        bool r = false;
        for (unsigned i = 0; i < ks.n; i++)
            if (ends_path(ks.items[i]))
                r = true;
        kids_free(&ks);
        return r;
    }
    return false;
}

/* glibc's <ctype.h> macros expand isalnum(c) to
 * (*__ctype_b_loc())[(int)(c)] & (unsigned short)_ISalnum; finds c when the
 * class is one that admits only letters and digits. */
static bool glibc_ctype_arg(CXCursor c, CXCursor *arg)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator || clang_getCursorBinaryOperatorKind(c) != CXBinaryOperator_And)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool ok = false;
    if (ks.n == 2) {
        CXCursor sub = strip(ks.items[0]), cls = strip(ks.items[1]);
        if (clang_getCursorKind(sub) == CXCursor_ArraySubscriptExpr && clang_getCursorKind(cls) == CXCursor_DeclRefExpr) {
            CXString cn = clang_getCursorSpelling(cls);
            const char *n = clang_getCString(cn);
            static const char *const safe[] = {"_ISalnum", "_ISalpha", "_ISdigit", "_ISxdigit", "_ISupper", "_ISlower", NULL};
            bool safe_cls = false;
            for (size_t i = 0; n != NULL && safe[i] != NULL; i++)
                if (strcmp(n, safe[i]) == 0)
                    safe_cls = true;
            clang_disposeString(cn);
            kids sk;
            kids_get(sub, &sk);
            if (safe_cls && sk.n == 2) {
                *arg = strip(sk.items[1]);
                ok = true;
            }
            kids_free(&sk);
        }
    }
    kids_free(&ks);
    return ok;
}

/* Whether c is `elem == 'x'` (eq) or `elem != 'x'` (!eq) with x one of
 * the characters an allow-list may add to letters and digits, or an `||`
 * (eq) / `&&` (!eq) of such tests. */
static bool safe_exception(CXCursor c, bool eq)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
        return false;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    if (ks.n == 2 && op == (eq ? CXBinaryOperator_LOr : CXBinaryOperator_LAnd)) {
        r = safe_exception(ks.items[0], eq) && safe_exception(ks.items[1], eq);
    } else if (ks.n == 2 && op == (eq ? CXBinaryOperator_EQ : CXBinaryOperator_NE)) {
        for (unsigned i = 0; i < 2 && !r; i++) {
            long long ch = 0;
            if (bw_eval_int(strip(ks.items[i]), &ch))
                r = ch == '_' || ch == '.' || ch == '-';
        }
    }
    kids_free(&ks);
    return r;
}

/* In `!isalnum(s[i])`-style conditions, finds the checked string. */
static bool ctype_reject(lower *L, CXCursor c, bool neg, uint32_t *place)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor macro_arg;
    bool via_macro = neg && glibc_ctype_arg(c, &macro_arg);
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot) {
        kids ks;
        kids_get(c, &ks);
        bool r = ks.n == 1 && ctype_reject(L, ks.items[0], !neg, place);
        kids_free(&ks);
        return r;
    }
    if (k == CXCursor_BinaryOperator && !via_macro) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        kids ks;
        kids_get(c, &ks);
        bool r = false;
        if (ks.n == 2) {
            if ((op == CXBinaryOperator_LOr && neg) || (op == CXBinaryOperator_LAnd && !neg)) {
                /* !(isalnum(c) || c == '_'), !isalnum(c) && c != '_': one
                 * side a ctype test, the other letting through only
                 * characters no query, command or page gives a meaning to
                 * (not `c != '\''`, not `strict`, which lets all through) */
                bool eq = op == CXBinaryOperator_LOr;
                r = (ctype_reject(L, ks.items[0], neg, place) && safe_exception(ks.items[1], eq)) ||
                    (ctype_reject(L, ks.items[1], neg, place) && safe_exception(ks.items[0], eq));
            } else if (op == CXBinaryOperator_EQ) {
                vbuild z = {.lit = BW_NONE};
                const_value(strip(ks.items[1]), &z);
                if (z.flags & BW_VAL_ZERO)
                    r = ctype_reject(L, ks.items[0], !neg, place);
            }
        }
        kids_free(&ks);
        return r;
    }
    if (via_macro || (neg && k == CXCursor_CallExpr && call_name_is(c, ctype_safe) && clang_Cursor_getNumArguments(c) == 1)) {
        CXCursor arg = via_macro ? macro_arg : strip(clang_Cursor_getArgument(c, 0));
        enum CXCursorKind ak = clang_getCursorKind(arg);
        if (ak == CXCursor_ArraySubscriptExpr ||
            (ak == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(arg) == CXUnaryOperator_Deref)) {
            bool content = false;
            return lower_place(L, arg, place, &content);
        }
    }
    return false;
}

/* What else in an allow-list loop's body may let a character reach the
 * loop's end unchecked: a return or a goto out leaves the loop on a path
 * that does not reach its end, where the check counts, so only what
 * reaches the end early matters: a break, a continue that skips the check
 * for a character it would reject, a goto back into the loop.  Tests are
 * of "the element", what the rejection tests (`*p`, `s[i]`); a test of
 * another character (`p[-1]`, `s[0]`) says nothing about it. */
#define MAX_LOOP_LABELS 16

/* An element as a base variable and an index: `*p`, `p[0]`, `*p++` are
 * (p, 0); `s[i]`, `*(s + i)` are (s, i); `c = *p`, and a local declared
 * `char c = *p`, are *p's (a later assignment to that local is not
 * looked at).  False for anything else. */
typedef struct elem_key {
    CXCursor base, index; /* declarations; index null for a constant */
    long long offset;     /* the constant index */
} elem_key;

typedef struct early_probe {
    lower *L;
    CXCursor skip;     /* the rejecting if */
    CXCursor elem;     /* the element it tests */
    unsigned loops;    /* nested loops around the statement */
    unsigned switches; /* nested switches */
    unsigned safe;     /* guards that let through only allowed characters */
    unsigned at_end;   /* guards that hold only at the string's end */
    bool seen_if;      /* the check is complete (statements are visited in order) */
    bool found;
    CXCursor body;     /* the loop's body */
    const struct elem_vars *ev; /* the variables the element moves with */
    bool header;       /* the loop's condition or increment moves the element */
    unsigned guard_steps; /* guards that step once before their continue (guard_skips) */
    unsigned guard_end;   /* the file offset where the last of them ends */
    CXCursor copy;     /* `c` after a statement `c = *p;` of the body: the element too */
    bool has_copy;
    /* note_copy's answers, so that thousands of `c = *p;` do not each walk
     * the function again: writes of a local (cursor -> count) and whether
     * the element's variables are written in the body (for moved_key) */
    bw_cursor_map local_writes;
    elem_key moved_key;
    int moved; /* -1: not asked yet */
    int next_label;    /* probe_block's verdict on the label it probes next: 1 exits, 0 not, -1 none */
    CXCursor labels[MAX_LOOP_LABELS]; /* labels inside the loop */
    CXCursor gotos[MAX_LOOP_LABELS];  /* the labels gotos in the loop name */
    unsigned nlabels, ngotos;
} early_probe;

static bool decl_of(CXCursor c, CXCursor *decl)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return false;
    *decl = clang_getCursorReferenced(c);
    return true;
}

/* A pointer operand that reads the element at the variable itself:
 * `p`, `p++`, `p--` (the post forms read before the step). */
static bool pointer_base(CXCursor c, CXCursor *decl)
{
    c = strip(c);
    if (clang_getCursorKind(c) == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        if (op != CXUnaryOperator_PostInc && op != CXUnaryOperator_PostDec)
            return false;
        kids ks;
        kids_get(c, &ks);
        bool r = ks.n == 1 && decl_of(ks.items[0], decl);
        kids_free(&ks);
        return r;
    }
    return decl_of(c, decl);
}

static bool index_of(CXCursor c, elem_key *k)
{
    c = strip(c);
    if (decl_of(c, &k->index)) {
        k->offset = 0;
        return true;
    }
    if (!bw_eval_int(c, &k->offset))
        return false;
    k->index = clang_getNullCursor();
    return true;
}

static bool element_key(CXCursor c, elem_key *k);

/* `unsigned char c = *p;` in the loop: c's uses are that element. */
static bool local_copy_key(CXCursor c, elem_key *k)
{
    CXCursor d;
    if (!decl_of(c, &d) || clang_getCursorKind(d) != CXCursor_VarDecl)
        return false;
    kids ks;
    kids_get(d, &ks);
    CXCursor init = ks.n > 0 ? strip(ks.items[ks.n - 1]) : clang_getNullCursor();
    kids_free(&ks);
    if (clang_Cursor_isNull(init) || !clang_isExpression(clang_getCursorKind(init)) ||
        clang_getCursorKind(init) == CXCursor_DeclRefExpr)
        return false;
    return element_key(init, k);
}

static bool element_key(CXCursor c, elem_key *k)
{
    c = strip(c);
    if (local_copy_key(c, k))
        return true;
    enum CXCursorKind kind = clang_getCursorKind(c);
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    if (kind == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign && ks.n == 2) {
        r = element_key(ks.items[1], k); /* `(c = *p)`: the value is *p */
    } else if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Deref &&
               ks.n == 1) {
        CXCursor in = strip(ks.items[0]);
        kids ik;
        kids_get(in, &ik);
        if (clang_getCursorKind(in) == CXCursor_BinaryOperator &&
            clang_getCursorBinaryOperatorKind(in) == CXBinaryOperator_Add && ik.n == 2) {
            /* *(s + i), *(i + s) */
            enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(strip(ik.items[0]))).kind;
            bool pa = tk == CXType_Pointer || tk == CXType_ConstantArray || tk == CXType_IncompleteArray;
            r = decl_of(ik.items[pa ? 0 : 1], &k->base) && index_of(ik.items[pa ? 1 : 0], k);
        } else {
            r = pointer_base(in, &k->base);
            k->index = clang_getNullCursor();
            k->offset = 0;
        }
        kids_free(&ik);
    } else if (kind == CXCursor_ArraySubscriptExpr && ks.n == 2) {
        r = pointer_base(ks.items[0], &k->base) && index_of(ks.items[1], k);
    }
    kids_free(&ks);
    return r;
}

/* Whether a and b are the same element (element_key): `*p` and `p[0]`,
 * `s[i]` and `*(s + i)`; not `p[1]`, `s[i + 1]` or `p[-1]`. */
/* Whether a and b are the same expression by structure: kinds,
 * operators, the declarations and members they name, constants. */
static bool same_expr(CXCursor a, CXCursor b)
{
    a = strip(a);
    b = strip(b);
    enum CXCursorKind k = clang_getCursorKind(a);
    if (k != clang_getCursorKind(b))
        return false;
    if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
        if (!clang_equalCursors(clang_getCursorReferenced(a), clang_getCursorReferenced(b)))
            return false;
    } else if (k == CXCursor_BinaryOperator) {
        if (clang_getCursorBinaryOperatorKind(a) != clang_getCursorBinaryOperatorKind(b))
            return false;
    } else if (k == CXCursor_UnaryOperator) {
        if (clang_getCursorUnaryOperatorKind(a) != clang_getCursorUnaryOperatorKind(b))
            return false;
    } else if (k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral) {
        long long va, vb;
        return bw_eval_int(a, &va) && bw_eval_int(b, &vb) && va == vb;
    } else if (k != CXCursor_ArraySubscriptExpr && k != CXCursor_CXXThisExpr) {
        return false; /* calls and the rest: not an element */
    }
    kids x, y;
    kids_get(a, &x);
    kids_get(b, &y);
    bool r = x.n == y.n;
    for (unsigned i = 0; i < x.n && r; i++)
        r = same_expr(x.items[i], y.items[i]);
    kids_free(&x);
    kids_free(&y);
    return r;
}

static bool same_element(CXCursor a, CXCursor b)
{
    elem_key x, y;
    if (!element_key(a, &x) || !element_key(b, &y))
        return same_expr(a, b); /* `n.name[i]`, `s[off + i]`, `*c->cur` */
    if (!clang_equalCursors(x.base, y.base))
        return false;
    if (clang_Cursor_isNull(x.index) != clang_Cursor_isNull(y.index))
        return false;
    return clang_Cursor_isNull(x.index) ? x.offset == y.offset : clang_equalCursors(x.index, y.index);
}

/* Whether c or one of its descendants satisfies match (pre-order; the
 * walk stops at the first). */
typedef bool (*cursor_match)(CXCursor c, void *ctx);

typedef struct {
    cursor_match match;
    void *ctx;
    bool found;
} descendant_search;

static enum CXChildVisitResult visit_descendant(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    descendant_search *d = data;
    if (d->match(c, d->ctx)) {
        d->found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* libclang's own recursion: no list of children is built per node, which
 * matters for the walks over whole function bodies. */
static bool any_descendant(CXCursor c, cursor_match match, void *ctx)
{
    if (match(c, ctx))
        return true;
    descendant_search d = {match, ctx, false};
    clang_visitChildren(c, visit_descendant, &d);
    return d.found;
}

/* The element a ctype test (`isalnum(c)`, glibc's macro form) tests. */
static bool ctype_test_arg(CXCursor c, CXCursor *arg)
{
    c = strip(c);
    if (glibc_ctype_arg(c, arg))
        return true;
    if (call_name_is(c, ctype_safe) && clang_Cursor_getNumArguments(c) == 1) {
        *arg = strip(clang_Cursor_getArgument(c, 0));
        return true;
    }
    return false;
}

static bool is_ctype_test(CXCursor c, void *elem)
{
    return ctype_test_arg(c, elem);
}

/* The first element a ctype test in c tests. */
static bool find_ctype_elem(CXCursor c, CXCursor *elem)
{
    return any_descendant(c, is_ctype_test, elem);
}

/* `elem == 'x'` (eq) or `elem != 'x'` (!eq) with x one of `_ . -`. */
static bool elem_is_allowed_char(CXCursor c, CXCursor elem, bool eq)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator ||
        clang_getCursorBinaryOperatorKind(c) != (eq ? CXBinaryOperator_EQ : CXBinaryOperator_NE))
        return false;
    kids ks;
    kids_get(c, &ks);
    bool r = ks.n == 2 && ((same_element(ks.items[0], elem) && safe_exception(c, eq)) ||
                           (same_element(ks.items[1], elem) && safe_exception(c, eq)));
    kids_free(&ks);
    return r;
}

/* `isdigit(*p)`, `isalnum(*p) || *p == '_'`, `isdigit(*p) && i > 0`: a
 * test of the element that holds only for characters an allow-list may
 * let through. */
static bool allowed_char(long long ch)
{
    return ch == '_' || ch == '.' || ch == '-' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z');
}

/* [lo, hi] inside one class of allowed characters (digits, lower case or
 * upper case letters): `'a' ... 'z'`, `'0'..'7'`.  `'A' ... 'z'` also
 * holds `[ \ ] ^ _ \``, so it is not one. */
static bool allowed_range(long long lo, long long hi)
{
    return lo <= hi && ((lo >= '0' && hi <= '9') || (lo >= 'a' && hi <= 'z') || (lo >= 'A' && hi <= 'Z'));
}

/* `elem >= 'a'`, `'z' >= elem` and the like: narrows [*lo, *hi]. */
static bool elem_bound(CXCursor c, CXCursor elem, long long *lo, long long *hi)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
        return false;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    long long v;
    if (ks.n == 2 && op >= CXBinaryOperator_LT && op <= CXBinaryOperator_GE) {
        bool left = same_element(ks.items[0], elem) && bw_eval_int(strip(ks.items[1]), &v);
        bool right = !left && same_element(ks.items[1], elem) && bw_eval_int(strip(ks.items[0]), &v);
        if (left || right) {
            /* as `elem OP v` */
            if (right)
                op = op == CXBinaryOperator_LT   ? CXBinaryOperator_GT
                     : op == CXBinaryOperator_GT ? CXBinaryOperator_LT
                     : op == CXBinaryOperator_LE ? CXBinaryOperator_GE
                                                 : CXBinaryOperator_LE;
            if (op == CXBinaryOperator_GE || op == CXBinaryOperator_GT)
                *lo = op == CXBinaryOperator_GE ? v : v + 1;
            else
                *hi = op == CXBinaryOperator_LE ? v : v - 1;
            r = true;
        }
    }
    kids_free(&ks);
    return r;
}

/* `strchr("_-", *p)` (also `!= NULL`): the element is one of the listed
 * characters, all allowed ones. */
static bool allowed_set_test(CXCursor c, CXCursor elem)
{
    static const char *const strchr_names[] = {"strchr", NULL};
    c = strip(c);
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_NE) {
        kids ks;
        kids_get(c, &ks);
        vbuild z = {.lit = BW_NONE};
        if (ks.n == 2)
            const_value(strip(ks.items[1]), &z);
        CXCursor call = ks.n == 2 ? strip(ks.items[0]) : clang_getNullCursor();
        kids_free(&ks);
        if (!(z.flags & (BW_VAL_ZERO | BW_VAL_NULLPTR)))
            return false;
        c = call;
    }
    if (!call_name_is(c, strchr_names) || clang_Cursor_getNumArguments(c) != 2 ||
        !same_element(clang_Cursor_getArgument(c, 1), elem))
        return false;
    /* the literal as spelled (libclang does not evaluate a call's
     * argument): "..." with no escapes, every character allowed */
    CXCursor lit = strip(clang_Cursor_getArgument(c, 0));
    if (clang_getCursorKind(lit) != CXCursor_StringLiteral)
        return false;
    CXString sp = clang_getCursorSpelling(lit);
    const char *t = clang_getCString(sp);
    size_t n = t != NULL ? strlen(t) : 0;
    bool r = n > 2 && t[0] == '"' && t[n - 1] == '"';
    for (size_t i = 1; r && i + 1 < n; i++)
        r = allowed_char((unsigned char)t[i]);
    clang_disposeString(sp);
    return r;
}

static bool allowed_chars_test(CXCursor c, CXCursor elem)
{
    CXCursor arg;
    c = strip(c);
    if (ctype_test_arg(c, &arg))
        return same_element(arg, elem);
    if (elem_is_allowed_char(c, elem, true) || allowed_set_test(c, elem))
        return true;
    /* `*p >= 'a' && *p <= 'z'`: a range of one class */
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_LAnd) {
        kids ks;
        kids_get(c, &ks);
        long long lo = LLONG_MIN, hi = LLONG_MAX;
        bool both = ks.n == 2 && elem_bound(ks.items[0], elem, &lo, &hi) && elem_bound(ks.items[1], elem, &lo, &hi);
        kids_free(&ks);
        if (both && allowed_range(lo, hi))
            return true;
    }
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
        return false;
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
    if (op != CXBinaryOperator_LOr && op != CXBinaryOperator_LAnd)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool a = ks.n == 2 && allowed_chars_test(ks.items[0], elem);
    bool b = ks.n == 2 && allowed_chars_test(ks.items[1], elem);
    kids_free(&ks);
    /* both sides for `||`; one is enough for `&&` */
    return op == CXBinaryOperator_LOr ? a && b : a || b;
}

/* `elem == 0`, `!elem`, `elem == '\0'`: the string's end. */
static bool elem_at_end(CXCursor c, CXCursor elem)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot && ks.n == 1) {
        r = same_element(ks.items[0], elem);
    } else if (k == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_EQ && ks.n == 2) {
        for (unsigned i = 0; i < 2 && !r; i++) {
            vbuild z = {.lit = BW_NONE};
            const_value(strip(ks.items[1 - i]), &z);
            r = same_element(ks.items[i], elem) && (z.flags & BW_VAL_ZERO);
        }
    }
    kids_free(&ks);
    return r;
}

/* The character labels of a case (nested `case 'a': case 'b':` too, and
 * GNU ranges `case 'a' ... 'z':` inside one class): all allowed, and no
 * default among them. */
static bool allowed_case(CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DefaultStmt)
        return false;
    if (k != CXCursor_CaseStmt)
        return true; /* the statement the labels are on */
    kids ks;
    kids_get(c, &ks);
    long long lo = 0, hi = 0;
    bool r = false;
    /* the labels as converted to the switch's type (`case 'a' ... -1:` on
     * an unsigned value runs to its maximum) */
    if (ks.n == 2)
        r = bw_eval_int(ks.items[0], &lo) && allowed_char(lo);
    else if (ks.n == 3)
        r = bw_eval_int(ks.items[0], &lo) && bw_eval_int(ks.items[1], &hi) && allowed_range(lo, hi);
    r = r && allowed_case(ks.items[ks.n - 1]);
    kids_free(&ks);
    return r;
}

/* `*p = '\0'`, `s[i] = 0` on the element: the string is cut there. */
static bool cuts_string(CXCursor c, CXCursor elem)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator || clang_getCursorBinaryOperatorKind(c) != CXBinaryOperator_Assign)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    if (ks.n == 2 && same_element(ks.items[0], elem)) {
        vbuild z = {.lit = BW_NONE};
        const_value(strip(ks.items[1]), &z);
        r = (z.flags & BW_VAL_ZERO) != 0;
    }
    kids_free(&ks);
    return r;
}

/* A statement after which the next one is not reached by falling through
 * (under its case labels, if any). */
static bool is_barrier(CXCursor s)
{
    s = strip(s);
    enum CXCursorKind k = clang_getCursorKind(s);
    if (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt || k == CXCursor_LabelStmt) {
        kids ks;
        kids_get(s, &ks);
        bool r = ks.n > 0 && is_barrier(ks.items[ks.n - 1]);
        kids_free(&ks);
        return r;
    }
    if (k == CXCursor_CompoundStmt || k == CXCursor_IfStmt) {
        /* a block whose last statement is one; an if whose both branches are */
        kids ks;
        kids_get(s, &ks);
        bool r = false;
        if (k == CXCursor_CompoundStmt)
            r = ks.n > 0 && is_barrier(ks.items[ks.n - 1]);
        else
            r = ks.n == 3 && is_barrier(ks.items[1]) && is_barrier(ks.items[2]);
        kids_free(&ks);
        return r || ends_path(s);
    }
    return k == CXCursor_BreakStmt || k == CXCursor_ContinueStmt || k == CXCursor_ReturnStmt ||
           k == CXCursor_GotoStmt || ends_path(s);
}

enum { RUN_FALLS, RUN_EXITS, RUN_LEAVES };

static bool is_leave(CXCursor c, void *unused)
{
    (void)unused;
    enum CXCursorKind k = clang_getCursorKind(c);
    return k == CXCursor_BreakStmt || k == CXCursor_ContinueStmt || k == CXCursor_GotoStmt ||
           k == CXCursor_IndirectGotoStmt;
}

/* Whether c has a break, continue or goto anywhere inside. */
static bool contains_leave(CXCursor c)
{
    return any_descendant(c, is_leave, NULL);
}

static int run_seq(const CXCursor *v, unsigned n);

/* How running statement s ends: at a return or a call that does not
 * return (exits), at a break, continue or goto (leaves), or by falling
 * through. */
static int run_stmt(CXCursor s)
{
    enum CXCursorKind k = clang_getCursorKind(s);
    if (k == CXCursor_ReturnStmt)
        return RUN_EXITS;
    if (k == CXCursor_CompoundStmt || k == CXCursor_LabelStmt) {
        kids ks;
        kids_get(s, &ks);
        int r = k == CXCursor_CompoundStmt ? run_seq(ks.items, ks.n)
                                            : ks.n > 0 ? run_stmt(ks.items[ks.n - 1]) : RUN_FALLS;
        kids_free(&ks);
        return r;
    }
    if (contains_leave(s))
        return RUN_LEAVES;
    if (clang_isExpression(k) && ends_path(s))
        return RUN_EXITS; /* exit(), abort() */
    return RUN_FALLS;
}

static int run_seq(const CXCursor *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        int r = run_stmt(v[i]);
        if (r != RUN_FALLS)
            return r;
    }
    return RUN_FALLS;
}

static void probe_early(CXCursor s, early_probe *e);

/* `if (!isalpha(*p)) return 0;` other than the loop's rejection, of the
 * same element: what follows it in its block is checked (a stricter class
 * for the first character, `if (i == 0) { ...; continue; }`). */
static bool own_rejection(early_probe *e, CXCursor ifs)
{
    if (clang_equalCursors(ifs, e->skip))
        return false;
    kids ks;
    kids_get(ifs, &ks);
    CXCursor el;
    uint32_t place;
    bool r = ks.n == 2 && ends_path(ks.items[1]) && find_ctype_elem(ks.items[0], &el) && same_element(el, e->elem) &&
             ctype_reject(e->L, ks.items[0], false, &place);
    kids_free(&ks);
    return r;
}

typedef struct assign_count {
    CXCursor var;
    unsigned n;
} assign_count;

/* Counts what may change `var`: assignments, increments, its address. */
static enum CXChildVisitResult count_writes(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    assign_count *a = data;
    CXCursor target = assigned_operand(c);
    if (clang_Cursor_isNull(target) && clang_getCursorKind(c) == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        if (op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PreDec || op == CXUnaryOperator_PostInc ||
            op == CXUnaryOperator_PostDec || op == CXUnaryOperator_AddrOf) {
            kids ks;
            kids_get(c, &ks);
            if (ks.n == 1)
                target = ks.items[0];
            kids_free(&ks);
        }
    }
    /* `c.p++`, `c->p = q`, `ix[0] += 2`: a write of the record or array
     * variable (or through the pointer) the member or element is reached
     * from */
    while (!clang_Cursor_isNull(target) && (clang_getCursorKind(strip(target)) == CXCursor_MemberRefExpr ||
                                            clang_getCursorKind(strip(target)) == CXCursor_ArraySubscriptExpr)) {
        bool subscript = clang_getCursorKind(strip(target)) == CXCursor_ArraySubscriptExpr;
        kids mk;
        kids_get(strip(target), &mk);
        target = mk.n > 0 ? mk.items[0] : clang_getNullCursor();
        kids_free(&mk);
        /* `s[i] = c` through a pointer writes the text, not s */
        enum CXTypeKind bk = clang_Cursor_isNull(target) ? CXType_Invalid
                                                         : clang_getCanonicalType(clang_getCursorType(strip(target))).kind;
        if (subscript && bk != CXType_ConstantArray && bk != CXType_IncompleteArray && bk != CXType_VariableArray)
            target = clang_getNullCursor();
    }
    CXCursor d;
    if (!clang_Cursor_isNull(target) && decl_of(target, &d) && clang_equalCursors(d, a->var))
        a->n++;
    return CXChildVisit_Recurse;
}

/* How many writes of `var` (count_writes) `scope` holds, `scope` itself
 * included (a bare `p++`); none for a null scope. */
static unsigned writes_in(CXCursor scope, CXCursor var)
{
    assign_count a = {var, 0};
    if (!clang_Cursor_isNull(scope)) {
        count_writes(scope, clang_getNullCursor(), &a);
        clang_visitChildren(scope, count_writes, &a);
    }
    return a.n;
}

/* ---- guards that move the element ---- */

#define MAX_ELEM_VARS 4

/* The variables the element moves with. */
typedef struct elem_vars {
    CXCursor v[MAX_ELEM_VARS];
    unsigned n;
    bool overflow;
} elem_vars;

static bool note_elem_var(CXCursor c, void *data)
{
    elem_vars *ev = data;
    CXCursor d;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || !decl_of(c, &d))
        return false;
    enum CXCursorKind k = clang_getCursorKind(d);
    if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
        return false;
    for (unsigned i = 0; i < ev->n; i++)
        if (clang_equalCursors(ev->v[i], d))
            return false;
    if (ev->n == MAX_ELEM_VARS) {
        ev->overflow = true;
        return true;
    }
    ev->v[ev->n++] = d;
    return false;
}

/* Its base and index (element_key), or for a form element_key does not
 * follow (`s[off + i]`, `t->name[i]`) every variable it names. */
static void elem_vars_of(CXCursor elem, elem_vars *ev)
{
    elem_key key;
    ev->n = 0;
    ev->overflow = false;
    if (element_key(elem, &key)) {
        ev->v[ev->n++] = key.base;
        if (!clang_Cursor_isNull(key.index))
            ev->v[ev->n++] = key.index;
        return;
    }
    any_descendant(elem, note_elem_var, ev);
}

static unsigned elem_writes(CXCursor scope, const elem_vars *ev)
{
    unsigned n = 0;
    for (unsigned i = 0; i < ev->n; i++)
        n += writes_in(scope, ev->v[i]);
    return n;
}

/* A variable of the element, or a member of one (`lx.cur`). */
static bool is_elem_var(CXCursor c, const elem_vars *ev)
{
    c = strip(c);
    while (clang_getCursorKind(c) == CXCursor_MemberRefExpr) {
        kids mk;
        kids_get(c, &mk);
        CXCursor base = mk.n > 0 ? strip(mk.items[0]) : clang_getNullCursor();
        kids_free(&mk);
        if (clang_Cursor_isNull(base))
            return false;
        c = base;
    }
    CXCursor d;
    if (!decl_of(c, &d))
        return false;
    for (unsigned i = 0; i < ev->n; i++)
        if (clang_equalCursors(ev->v[i], d))
            return true;
    return false;
}

/* `p++`, `++p`, `p += 1`, `p = p + 1` of one of the variables. */
static bool is_unit_step(CXCursor c, const elem_vars *ev)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    long long one = 0;
    if (k == CXCursor_UnaryOperator && ks.n == 1) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        r = (op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostInc) && is_elem_var(ks.items[0], ev);
    } else if (k == CXCursor_CompoundAssignOperator && ks.n == 2) {
        r = clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_AddAssign && is_elem_var(ks.items[0], ev) &&
            bw_eval_int(strip(ks.items[1]), &one) && one == 1;
    } else if (k == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign &&
               ks.n == 2) {
        CXCursor sum = strip(ks.items[1]);
        kids sk;
        kids_get(sum, &sk);
        r = clang_getCursorKind(sum) == CXCursor_BinaryOperator &&
            clang_getCursorBinaryOperatorKind(sum) == CXBinaryOperator_Add && sk.n == 2 &&
            is_elem_var(ks.items[0], ev) && same_expr(strip(ks.items[0]), strip(sk.items[0])) &&
            bw_eval_int(strip(sk.items[1]), &one) && one == 1;
        kids_free(&sk);
    }
    kids_free(&ks);
    return r;
}

typedef struct step_probe {
    const elem_vars *ev;
    bool step, branches;
} step_probe;

static bool probe_step(CXCursor c, void *data)
{
    step_probe *sp = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_ConditionalOperator || k == CXCursor_StmtExpr ||
        (k == CXCursor_BinaryOperator && (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_LAnd ||
                                          clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_LOr)))
        sp->branches = true;
    sp->step |= is_unit_step(c, sp->ev);
    return false;
}

/* Whether c holds a unit step outside any `?:`, `&&`, `||` or statement
 * expression (which may run it never or more than once). */
static bool unbranched_step(CXCursor c, const elem_vars *ev)
{
    step_probe sp = {ev, false, false};
    any_descendant(c, probe_step, &sp);
    return sp.step && !sp.branches;
}

/* An expression statement that runs such a step once: the step itself,
 * or its only write inside an expression that always evaluates it
 * (`*d++ = *p++;`, not `c ? p++ : 0`, `ok && p++` or a statement
 * expression, which may hold a loop). */
static bool steps_once(CXCursor st, const elem_vars *ev)
{
    if (is_unit_step(st, ev))
        return true;
    return clang_isExpression(clang_getCursorKind(st)) && elem_writes(st, ev) == 1 && unbranched_step(st, ev);
}

/* Whether one of stmts is such a step, or a block holding one directly
 * (not inside a loop or an if, where it may run more or less than once). */
static bool steps_at_top(const CXCursor *stmts, unsigned n, const elem_vars *ev)
{
    for (unsigned i = 0; i < n; i++) {
        CXCursor st = strip(stmts[i]);
        if (steps_once(st, ev))
            return true;
        if (clang_getCursorKind(st) == CXCursor_CompoundStmt) {
            kids ks;
            kids_get(st, &ks);
            bool r = steps_at_top(ks.items, ks.n, ev);
            kids_free(&ks);
            if (r)
                return true;
        }
    }
    return false;
}

/* Whether the last of stmts is a `continue` (or a block ending in one). */
static bool ends_in_continue(const CXCursor *stmts, unsigned n)
{
    if (n == 0)
        return false;
    CXCursor last = strip(stmts[n - 1]);
    if (clang_getCursorKind(last) == CXCursor_CompoundStmt) {
        kids ks;
        kids_get(last, &ks);
        bool r = ends_in_continue(ks.items, ks.n);
        kids_free(&ks);
        return r;
    }
    return clang_getCursorKind(last) == CXCursor_ContinueStmt;
}

static unsigned file_offset(CXSourceLocation l)
{
    unsigned off = 0;
    clang_getFileLocation(l, NULL, NULL, NULL, &off);
    return off;
}

/* Whether c holds a `break` that leaves a switch or loop around it (one
 * inside a loop or switch of c's own stays there). */
static bool breaks_out(CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_BreakStmt)
        return true;
    if (k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_SwitchStmt ||
        k == CXCursor_CXXForRangeStmt || k == CXCursor_BlockExpr || k == CXCursor_LambdaExpr)
        return false;
    kids ks;
    kids_get(c, &ks);
    bool r = false;
    for (unsigned i = 0; i < ks.n && !r; i++)
        r = breaks_out(ks.items[i]);
    kids_free(&ks);
    return r;
}

/* `if (*p == '_') { p++; continue; }`, `case '_': i++; continue;`: whether
 * a guard of the loop (test `test`, or null for a case label; the
 * statements it runs, stmts, ending in `continue`) moves the element so
 * that the character it moves to is not checked.  It may step once, by a
 * unit step (`p++`, `i += 1`) directly in its statements, in a loop whose
 * condition and increment do not move the element (`while (*p)`): that is
 * the loop's own step taken early, and loop_steps_once counts it.  A step
 * in the test (`*p == '_' && *++p`), two steps, a step inside a loop of
 * the branch, a `break` on the way that leaves only a switch (and goes on
 * to the body's step), and any step in a loop that also steps in its
 * header (`for (...; p++)`, the base or the index) skip.  A guard that does not end in
 * `continue` (or is inside an inner loop, whose continue it is) goes on
 * into the body, and its steps are the body's (loop_steps_once). */
static bool guard_skips(early_probe *e, CXCursor guard, CXCursor test, const CXCursor *stmts, unsigned n)
{
    if (e->loops > 0 || !ends_in_continue(stmts, n))
        return false;
    unsigned w = 0;
    for (unsigned i = 0; i < n; i++)
        w += elem_writes(stmts[i], e->ev);
    unsigned in_test = elem_writes(test, e->ev);
    if (w + in_test == 0)
        return false;
    /* inside a switch, a `break` on the way leaves only the switch and goes
     * on to the body's own step: two steps (outside one it leaves the loop) */
    bool breaks = false;
    for (unsigned i = 0; i < n && !breaks && e->switches > 0; i++)
        breaks = breaks_out(stmts[i]);
    if (in_test > 0 || w > 1 || e->header || breaks || !steps_at_top(stmts, n, e->ev))
        return true;
    e->guard_steps++;
    unsigned end = file_offset(clang_getRangeEnd(clang_getCursorExtent(guard)));
    if (end > e->guard_end)
        e->guard_end = end;
    return false;
}

/* A statement that runs one unit step each time the loop goes on past
 * it: an expression or declaration (steps_once), an if whose condition
 * does and whose branches do not write the element's variables (`if
 * (!isalnum(*p++)) return 0;`), or the loop's rejection stepping in its
 * else branch (`if (!isalnum(*p)) return 0; else p++;`). */
static bool statement_steps_once(const early_probe *e, CXCursor st)
{
    const elem_vars *ev = e->ev;
    st = strip(st);
    enum CXCursorKind k = clang_getCursorKind(st);
    if (elem_writes(st, ev) != 1)
        return false;
    if (k == CXCursor_IfStmt) {
        kids ks;
        kids_get(st, &ks);
        bool r = ks.n > 0 && elem_writes(ks.items[0], ev) == 1 && steps_once(strip(ks.items[0]), ev);
        if (!r && ks.n == 3 && clang_equalCursors(st, e->skip))
            r = steps_at_top(&ks.items[2], 1, ev);
        kids_free(&ks);
        return r;
    }
    if (k == CXCursor_DeclStmt)
        return unbranched_step(st, ev);
    return steps_once(st, ev);
}

static bool is_label(CXCursor c, void *unused)
{
    (void)unused;
    return clang_getCursorKind(c) == CXCursor_LabelStmt;
}

/* Whether the loop moves the element one character per iteration as far
 * as the allow-list check goes: a loop that steps in its condition or
 * increment does not move it in its body; one that does not, moves it in
 * one statement of its body that runs each time it is reached, after the
 * guards that take that step early before their continue (guard_skips),
 * and nowhere else.  Stepping over a character anywhere else (`if (*p ==
 * '\\') p++;`, `p++` at the top of a `for (...; p++)` body) lets it
 * through unchecked; so may a label in the body, which a jump back can
 * run the step through again. */
static bool loop_steps_once(const early_probe *e)
{
    unsigned w = elem_writes(e->body, e->ev);
    if (e->header)
        return w == 0;
    if (w == 0)
        return true;
    if (w != e->guard_steps + 1 || any_descendant(e->body, is_label, NULL))
        return false;
    if (clang_getCursorKind(e->body) != CXCursor_CompoundStmt)
        return e->guard_steps == 0 && statement_steps_once(e, e->body);
    /* the body's own step: the last statement that writes, once, after
     * every stepping guard */
    kids ks;
    kids_get(e->body, &ks);
    bool r = false;
    for (unsigned i = ks.n; i-- > 0;) {
        if (elem_writes(ks.items[i], e->ev) == 0)
            continue;
        r = statement_steps_once(e, ks.items[i]) &&
            (e->guard_steps == 0 || file_offset(clang_getRangeStart(clang_getCursorExtent(ks.items[i]))) > e->guard_end);
        break;
    }
    kids_free(&ks);
    return r;
}

/* The statements a case label runs: its own (below labels chained to
 * it) and the block's statements after it up to the next label; false
 * when there are more than `max`. */
static bool case_group(const kids *ks, unsigned i, CXCursor *out, unsigned max, unsigned *n)
{
    CXCursor c = ks->items[i];
    enum CXCursorKind k = clang_getCursorKind(c);
    while (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt) {
        kids ck;
        kids_get(c, &ck);
        CXCursor sub = ck.n > 0 ? ck.items[ck.n - 1] : clang_getNullCursor();
        kids_free(&ck);
        if (clang_Cursor_isNull(sub))
            break;
        c = sub;
        k = clang_getCursorKind(c);
    }
    *n = 0;
    out[(*n)++] = c;
    for (unsigned j = i + 1; j < ks->n; j++) {
        enum CXCursorKind jk = clang_getCursorKind(ks->items[j]);
        if (jk == CXCursor_CaseStmt || jk == CXCursor_DefaultStmt)
            break;
        if (*n == max)
            return false;
        out[(*n)++] = ks->items[j];
    }
    return true;
}

#define MAX_CASE_STMTS 32

static bool case_skips(early_probe *e, const kids *ks, unsigned i)
{
    CXCursor group[MAX_CASE_STMTS];
    unsigned n = 0;
    if (!case_group(ks, i, group, MAX_CASE_STMTS, &n))
        return true;
    return guard_skips(e, ks->items[i], clang_getNullCursor(), group, n);
}

/* Whether the element's base or index variable is written in the loop's
 * body (remembered for the last key asked). */
static bool key_moved_in_body(early_probe *e, const elem_key *key)
{
    if (e->moved >= 0 && clang_equalCursors(e->moved_key.base, key->base) &&
        clang_equalCursors(e->moved_key.index, key->index))
        return e->moved != 0;
    bool moved = writes_in(e->body, key->base) > 0 ||
                 (!clang_Cursor_isNull(key->index) && writes_in(e->body, key->index) > 0);
    e->moved_key = *key;
    e->moved = moved ? 1 : 0;
    return moved;
}

/* writes_in(fn, d), remembered per variable (a map out of memory only
 * forgets). */
static unsigned local_writes(early_probe *e, CXCursor fn, CXCursor d)
{
    uint32_t n;
    if (bw_cursor_map_get(&e->local_writes, d, &n))
        return n;
    n = writes_in(fn, d);
    (void)bw_cursor_map_put(&e->local_writes, d, n);
    return n;
}

/* A statement `c = *p;` of the loop's body, the only write of the local c
 * in the function (and no `&c`), where nothing in the body changes the
 * element's pointer or index (`p++` in the body would leave c the
 * previous character): from there on, a guard on
 * c is a guard on the element (`c = *p; if (c == '_') continue;`).  A
 * guard before it tests the previous character and is not looked at. */
static void note_copy(CXCursor st, early_probe *e)
{
    st = strip(st);
    if (e->has_copy || clang_getCursorKind(st) != CXCursor_BinaryOperator ||
        clang_getCursorBinaryOperatorKind(st) != CXBinaryOperator_Assign)
        return;
    kids ks;
    kids_get(st, &ks);
    CXCursor d;
    if (ks.n == 2 && decl_of(ks.items[0], &d) && clang_getCursorKind(d) == CXCursor_VarDecl &&
        same_element(ks.items[1], e->elem)) {
        /* c's only write in the whole function, so no pointer to it and
         * no callee changes it (a local: a global's parent is no function) */
        CXCursor fn = clang_getCursorSemanticParent(d);
        enum CXCursorKind fk = clang_getCursorKind(fn);
        bool local = fk == CXCursor_FunctionDecl || fk == CXCursor_CXXMethod || fk == CXCursor_Constructor ||
                     fk == CXCursor_Destructor || fk == CXCursor_FunctionTemplate;
        elem_key key;
        /* an element of another form is not followed */
        bool moved = !element_key(ks.items[1], &key) || key_moved_in_body(e, &key);
        if (local && !moved && local_writes(e, fn, d) == 1) {
            e->copy = strip(ks.items[0]);
            e->has_copy = true;
        }
    }
    kids_free(&ks);
}

/* The statements of a block in order.  In a switch's body, a statement
 * under case labels of allowed characters only (in a switch on the
 * element, and not reached by falling through from other labels) lets
 * only those through; after the string is cut at the element a break
 * ends it there; after a rejection of its own (own_rejection) a continue
 * skips only checked characters; after a copy of the element in the
 * loop's body (note_copy) a guard on the copy is one on the element. */
static void probe_block(CXCursor s, early_probe *e, bool in_switch, bool on_elem)
{
    kids ks;
    kids_get(s, &ks);
    unsigned safe_here = 0;
    bool cut = false, fell = false;
    for (unsigned i = 0; i < ks.n && !e->found; i++) {
        CXCursor st = ks.items[i];
        enum CXCursorKind k = clang_getCursorKind(st);
        if (in_switch && (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt)) {
            /* falling into these labels from the ones above keeps their
             * safety only when those were safe too */
            bool allowed = on_elem && allowed_case(st) && (!fell || safe_here == 1) && !case_skips(e, &ks, i);
            e->safe -= safe_here;
            safe_here = allowed ? 1 : 0;
            e->safe += safe_here;
        }
        if (k == CXCursor_BreakStmt && cut && e->loops == 0 && e->switches == 0)
            continue;
        if (k == CXCursor_LabelStmt) {
            int r = run_stmt(st);
            if (r == RUN_FALLS)
                r = run_seq(ks.items + i + 1, ks.n - i - 1);
            e->next_label = r == RUN_EXITS;
        }
        probe_early(st, e);
        if (!in_switch && clang_equalCursors(s, e->body))
            note_copy(st, e);
        cut |= cuts_string(st, e->elem);
        fell = !is_barrier(st);
        if (k == CXCursor_IfStmt && safe_here == 0 && own_rejection(e, st)) {
            safe_here = 1;
            e->safe++;
        }
    }
    e->safe -= safe_here;
    kids_free(&ks);
}

static void probe_goto_or_label(CXCursor s, early_probe *e)
{
    bool is_goto = clang_getCursorKind(s) == CXCursor_GotoStmt;
    CXCursor target = s;
    if (is_goto) {
        kids ks;
        kids_get(s, &ks);
        target = ks.n > 0 ? clang_getCursorReferenced(ks.items[0]) : clang_getNullCursor();
        kids_free(&ks);
    }
    if (!is_goto) {
        /* `fail: free(copy); return 0;` inside the loop: reaching it ends
         * the path (probe_block looks at the statements after the label) */
        bool exits = e->next_label >= 0 ? e->next_label == 1 : run_stmt(s) == RUN_EXITS;
        e->next_label = -1;
        if (exits)
            return;
    } else if (e->seen_if) {
        return; /* a jump after the check skips no check */
    }
    CXCursor *list = is_goto ? e->gotos : e->labels;
    unsigned *n = is_goto ? &e->ngotos : &e->nlabels;
    if (*n == MAX_LOOP_LABELS || clang_Cursor_isNull(target))
        e->found = true; /* not followed: refused */
    else
        list[(*n)++] = target;
}

static void probe_if(CXCursor s, early_probe *e)
{
    kids ks;
    kids_get(s, &ks);
    if (ks.n >= 2) {
        bool rejecting = clang_equalCursors(s, e->skip);
        /* `if (c == '_') continue;`, `if (*p == '\0') break;` */
        bool allowed = !rejecting &&
                       (allowed_chars_test(ks.items[0], e->elem) ||
                        (e->has_copy && allowed_chars_test(ks.items[0], e->copy))) &&
                       !guard_skips(e, s, ks.items[0], &ks.items[1], 1);
        bool at_end = !rejecting && elem_at_end(ks.items[0], e->elem);
        probe_early(ks.items[0], e);
        e->safe += allowed;
        e->at_end += at_end;
        probe_early(ks.items[1], e);
        e->safe -= allowed;
        e->at_end -= at_end;
        /* the rejection's then-branch is part of the check; what follows
         * it, its else included, runs after */
        if (rejecting)
            e->seen_if = true;
        for (unsigned i = 2; i < ks.n; i++)
            probe_early(ks.items[i], e);
    }
    kids_free(&ks);
}

/* `tolower(*p)`, `toupper(*p)`: the element, as far as which characters
 * a case label lets through goes (for the letters and `_ . -` that
 * allowed_case admits). */
static CXCursor case_folded(CXCursor c)
{
    static const char *const fold[] = {"tolower", "toupper", NULL};
    c = strip(c);
    if (call_name_is(c, fold) && clang_Cursor_getNumArguments(c) == 1)
        return strip(clang_Cursor_getArgument(c, 0));
    return c;
}

static void probe_early(CXCursor s, early_probe *e)
{
    if (e->found)
        return;
    enum CXCursorKind k = clang_getCursorKind(s);
    switch (k) {
    case CXCursor_BreakStmt:
        e->found = e->loops == 0 && e->switches == 0 && e->at_end == 0;
        return;
    case CXCursor_ContinueStmt:
        /* one after the check is the loop's next step */
        e->found = e->loops == 0 && !e->seen_if && e->safe == 0;
        return;
    case CXCursor_IndirectGotoStmt:
        e->found = true;
        return;
    case CXCursor_GotoStmt:
        probe_goto_or_label(s, e);
        return;
    case CXCursor_LabelStmt:
        probe_goto_or_label(s, e);
        break;
    case CXCursor_IfStmt:
        probe_if(s, e);
        return;
    case CXCursor_CompoundStmt:
        probe_block(s, e, false, false);
        return;
    case CXCursor_BlockExpr:
    case CXCursor_LambdaExpr:
        return; /* a body of its own */
    default:
        break;
    }
    bool loop = k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt ||
                k == CXCursor_CXXForRangeStmt;
    bool sw = k == CXCursor_SwitchStmt;
    e->loops += loop;
    e->switches += sw;
    kids ks;
    kids_get(s, &ks);
    /* case labels say which characters get there only in a switch on the element */
    bool on_elem = sw && ks.n > 0 &&
                   (same_element(case_folded(ks.items[0]), e->elem) ||
                    (e->has_copy && same_element(case_folded(ks.items[0]), e->copy)));
    for (unsigned i = 0; i < ks.n && !e->found; i++) {
        if (sw && clang_getCursorKind(ks.items[i]) == CXCursor_CompoundStmt)
            probe_block(ks.items[i], e, true, on_elem);
        else
            probe_early(ks.items[i], e);
    }
    kids_free(&ks);
    e->loops -= loop;
    e->switches -= sw;
}

/* The element, and up to four variables a loop condition copies it into
 * (`(c = *p) != '\0' && c != ' '`). */
typedef struct elem_names {
    CXCursor elem;
    CXCursor alias[4];
    unsigned nalias;
} elem_names;

static bool names_elem(CXCursor c, const elem_names *n)
{
    if (same_element(c, n->elem))
        return true;
    CXCursor d;
    for (unsigned i = 0; i < n->nalias; i++)
        if (decl_of(c, &d) && clang_equalCursors(d, n->alias[i]))
            return true;
    return false;
}

static void find_aliases(CXCursor c, elem_names *n)
{
    c = strip(c);
    kids ks;
    kids_get(c, &ks);
    CXCursor d;
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator &&
        clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign && ks.n == 2 &&
        same_element(ks.items[1], n->elem) && decl_of(ks.items[0], &d) && n->nalias < 4)
        n->alias[n->nalias++] = d;
    for (unsigned i = 0; i < ks.n; i++)
        find_aliases(ks.items[i], n);
    kids_free(&ks);
}

static bool is_elem_name(CXCursor c, void *n)
{
    return names_elem(c, n);
}

/* Whether c mentions the element. */
static bool mentions_elem(CXCursor c, const elem_names *n)
{
    return any_descendant(c, is_elem_name, (void *)n);
}

/* A loop condition that may end the loop before the string's end: a part
 * of its `&&` that tests the element (or a copy of it) other than for the
 * end (`*p != ' '`, `!isspace(*p)`, `*p > ' '`, `c != ' '`).  Parts that
 * do not test it (`i < 8`, a length limit) are not looked at. */
static bool stops_early_part(CXCursor c, const elem_names *n)
{
    c = strip(c);
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_LAnd) {
        kids ks;
        kids_get(c, &ks);
        bool r = ks.n == 2 && (stops_early_part(ks.items[0], n) || stops_early_part(ks.items[1], n));
        kids_free(&ks);
        return r;
    }
    if (!mentions_elem(c, n) || names_elem(c, n))
        return false;
    /* `*p != '\0'`, `s[i] != 0`, `(c = *p) != 0` */
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_NE) {
        kids ks;
        kids_get(c, &ks);
        bool end = false;
        for (unsigned i = 0; ks.n == 2 && i < 2 && !end; i++) {
            vbuild z = {.lit = BW_NONE};
            const_value(strip(ks.items[1 - i]), &z);
            end = names_elem(ks.items[i], n) && (z.flags & BW_VAL_ZERO);
        }
        kids_free(&ks);
        return !end;
    }
    return true;
}

static bool stops_early(CXCursor c, CXCursor elem)
{
    elem_names n = {.elem = elem, .nalias = 0};
    find_aliases(c, &n);
    return stops_early_part(c, &n);
}

/* Finds the rejecting `if` of an allow-list loop's body (at its top level
 * or in nested blocks). */
static bool find_reject_if(lower *L, CXCursor body, uint32_t *place, CXCursor *ifs)
{
    body = strip(body);
    enum CXCursorKind k = clang_getCursorKind(body);
    if (k == CXCursor_IfStmt) {
        kids ks;
        kids_get(body, &ks);
        bool r = ks.n >= 2 && ends_path(ks.items[1]) && ctype_reject(L, ks.items[0], false, place);
        kids_free(&ks);
        if (r)
            *ifs = body;
        return r;
    }
    if (k == CXCursor_CompoundStmt) {
        kids ks;
        kids_get(body, &ks);
        bool r = false;
        for (unsigned i = 0; i < ks.n && !r; i++)
            r = find_reject_if(L, ks.items[i], place, ifs);
        kids_free(&ks);
        return r;
    }
    return false;
}

/* An allow-list loop: its body rejects (returns, jumps out, exits) when a
 * character is outside a ctype class, and nothing reaches the loop's end
 * before the last character was checked (early_probe); its condition
 * does not stop at some other character. */
/* Whether every `x == 'c'` / `x != 'c'` in the rejection's condition (the
 * characters it lets through besides the class) tests the element: `!isalnum(*p)
 * && p[1] != '_'` lets any character through before an underscore. */
static bool exceptions_on_elem(CXCursor c, CXCursor elem)
{
    c = strip(c);
    kids ks;
    kids_get(c, &ks);
    bool ok = true;
    if (clang_getCursorKind(c) == CXCursor_BinaryOperator && ks.n == 2) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) {
            for (unsigned i = 0; i < 2 && ok; i++) {
                long long value = 0;
                if (bw_eval_int(strip(ks.items[i]), &value) && value != 0)
                    ok = same_element(ks.items[1 - i], elem);
            }
        }
    }
    for (unsigned i = 0; i < ks.n && ok; i++)
        ok = exceptions_on_elem(ks.items[i], elem);
    kids_free(&ks);
    return ok;
}

static bool find_reject_loop(lower *L, CXCursor body, CXCursor cond, CXCursor step, uint32_t *place)
{
    CXCursor ifs, elem;
    if (!find_reject_if(L, body, place, &ifs))
        return false;
    kids ks;
    kids_get(ifs, &ks);
    bool has_elem = ks.n >= 2 && find_ctype_elem(ks.items[0], &elem) && exceptions_on_elem(ks.items[0], elem);
    kids_free(&ks);
    if (!has_elem || (!clang_Cursor_isNull(cond) && stops_early(cond, elem)))
        return false;
    elem_vars ev;
    elem_vars_of(elem, &ev);
    if (ev.overflow)
        return false;
    early_probe e = {.L = L,
                     .skip = ifs,
                     .elem = elem,
                     .found = false,
                     .next_label = -1,
                     .body = strip(body),
                     .ev = &ev,
                     .header = elem_writes(cond, &ev) > 0 || elem_writes(step, &ev) > 0,
                     .local_writes = BW_CURSOR_MAP_INIT,
                     .moved = -1};
    probe_early(e.body, &e);
    bw_cursor_map_free(&e.local_writes);
    /* a goto to a label inside the loop reaches the end without the check */
    for (unsigned g = 0; g < e.ngotos && !e.found; g++)
        for (unsigned l = 0; l < e.nlabels && !e.found; l++)
            e.found = clang_equalLocations(clang_getCursorLocation(e.gotos[g]), clang_getCursorLocation(e.labels[l]));
    return !e.found && loop_steps_once(&e);
}

/* ---- statements ------------------------------------------------------- */

static void patch_list(lower *L, uint32_t *list, uint32_t from, uint32_t to, uint32_t target)
{
    for (uint32_t i = from; i < to; i++)
        insn(L, list[i])->a = target;
}

static void lower_loop_body(lower *L, CXCursor body, uint32_t cont_target, uint32_t *brk_from,
                            uint32_t *cont_from)
{
    *brk_from = L->nbrk;
    *cont_from = L->ncont;
    bool sw = L->in_switch;
    L->in_switch = false;
    lower_stmt(L, body);
    L->in_switch = sw;
    (void)cont_target;
}

/* ---- struct initializer lists, member by member ---- */

typedef struct field_list {
    CXCursor items[64];
    unsigned n;
} field_list;

static enum CXVisitorResult collect_field(CXCursor c, CXClientData data)
{
    field_list *fl = data;
    if (fl->n >= 64)
        return CXVisit_Break;
    fl->items[fl->n++] = c;
    return CXVisit_Continue;
}

/* dst = value, for an initialiser (of a variable or one of its members) */
static void emit_init(lower *L, CXCursor at, uint32_t dst, CXType ty, CXCursor value)
{
    vbuild v = {.lit = BW_NONE};
    lower_expr(L, value, &v);
    if (type_is(L, ty, TF_ARITH))
        v.flags |= BW_VAL_ARITH;
    emit_store(L, BW_OP_ASSIGN, at, dst, &v);
}

static void lower_record_init(lower *L, CXCursor at, uint32_t place, CXType ty, CXCursor list);

/* One element of a struct's initializer list: `value` for `field` (a
 * nested list initialises the member's own members). */
static void init_member(lower *L, CXCursor at, uint32_t place, CXCursor field, CXCursor value)
{
    CXString fs = clang_getCursorSpelling(field);
    const char *name = clang_getCString(fs);
    uint32_t before = L->nplaces;
    uint32_t m = place_extend(L, place, name != NULL ? name : "", false);
    CXType fty = clang_getCursorType(field);
    type_new_place(L, m, before, fty, clang_getCursorType(clang_getCursorSemanticParent(field)), name);
    clang_disposeString(fs);
    if (L->oom)
        return;
    if (m != place)
        L->places[m].flags |= type_info(L, fty)->place;
    if (clang_getCursorKind(strip(value)) == CXCursor_InitListExpr && type_is(L, fty, TF_STRUCT))
        lower_record_init(L, at, m, fty, strip(value));
    else
        emit_init(L, at, m, fty, value);
}

/* `struct s v = {a, .f = b}`: each member is assigned its own value, so a
 * handle stored in one member (`{&cfg}`) is that member's, not the whole
 * object's.  Designators are an UnexposedExpr whose first child is the
 * member's MemberRef and last child the value; positional elements follow
 * the field order from the last designated member.  Returns false (nothing
 * emitted) for shapes it does not know: array designators, nested
 * designators, anonymous members. */
static bool record_init_shape_ok(CXCursor list, const field_list *fl)
{
    kids ks;
    kids_get(list, &ks);
    bool ok = ks.n <= fl->n;
    for (unsigned i = 0; i < ks.n && ok; i++) {
        kids d;
        kids_get(ks.items[i], &d);
        unsigned refs = 0;
        for (unsigned j = 0; j < d.n; j++)
            refs += clang_getCursorKind(d.items[j]) == CXCursor_MemberRef;
        ok = refs <= 1 && !(refs == 1 && (d.n != 2 || clang_getCursorKind(d.items[0]) != CXCursor_MemberRef));
        kids_free(&d);
    }
    for (unsigned i = 0; i < fl->n && ok; i++) {
        CXString fs = clang_getCursorSpelling(fl->items[i]);
        const char *n = clang_getCString(fs);
        ok = n != NULL && n[0] != '\0';
        clang_disposeString(fs);
    }
    kids_free(&ks);
    return ok;
}

static void lower_record_init(lower *L, CXCursor at, uint32_t place, CXType ty, CXCursor list)
{
    field_list fl = {.n = 0};
    clang_Type_visitFields(clang_getCanonicalType(ty), collect_field, &fl);
    kids ks;
    kids_get(list, &ks);
    unsigned next = 0;
    for (unsigned i = 0; i < ks.n && !L->oom; i++) {
        kids d;
        kids_get(ks.items[i], &d);
        if (d.n == 2 && clang_getCursorKind(d.items[0]) == CXCursor_MemberRef) {
            CXCursor f = clang_getCursorReferenced(d.items[0]);
            for (unsigned k = 0; k < fl.n; k++)
                if (clang_equalCursors(fl.items[k], f))
                    next = k;
            init_member(L, at, place, f, d.items[1]);
            next++;
        } else if (next < fl.n) {
            init_member(L, at, place, fl.items[next++], ks.items[i]);
        }
        kids_free(&d);
    }
    kids_free(&ks);
}

/* `const char *a[] = {"x", "y"}`: when every element is a string literal
 * (positional, no designators), the initialising ASSIGN `at` also carries
 * each element's literal (BW_ASSIGN_ELEMENTS), and reads `a[i]` can name
 * the literal(s) they reach (lower_literal_element). */
static void note_literal_elements(lower *L, uint32_t place, uint32_t at, CXCursor list)
{
    kids ks;
    kids_get(list, &ks);
    bool ok = ks.n > 0 && ks.n <= 4096;
    for (unsigned i = 0; i < ks.n && ok; i++)
        ok = clang_getCursorKind(strip(ks.items[i])) == CXCursor_StringLiteral;
    bw_ir_val *vals = ok && insn(L, at)->nvals == 1 ? arena(L, sizeof(bw_ir_val) * (ks.n + 2u)) : NULL;
    if (vals != NULL && !bw_ir_grow((void **)&L->litarrs, &L->caplitarrs, L->nlitarrs + 1, sizeof(lit_array)))
        L->oom = true;
    else if (vals != NULL) {
        bw_ir_insn *in = insn(L, at);
        vals[0] = in->vals[0];
        for (unsigned i = 0; i < ks.n; i++) {
            vbuild e = {.lit = BW_NONE};
            lower_expr(L, ks.items[i], &e);
            vb_finish(L, &e, &vals[i + 1]);
        }
        in = insn(L, at);
        in->vals = vals;
        in->nvals = ks.n + 1u;
        in->flags |= BW_ASSIGN_ELEMENTS;
        L->litarrs[L->nlitarrs++] = (lit_array){place, at};
    }
    kids_free(&ks);
}

static void note_global_initializer(lower *L, CXCursor var);
static void lower_var_init(lower *L, CXCursor d, uint32_t p, CXType ty, CXCursor init);

static void lower_var_decl(lower *L, CXCursor d)
{
    if (clang_Cursor_getStorageClass(d) == CX_SC_Static)
        note_global_initializer(L, d); /* a static local's table is a global's */
    CXCursor init = var_initializer(d);
    bool has = !clang_Cursor_isNull(init);
    uint32_t p;
    if (!var_place(L, d, &p))
        return;
    CXType ty = clang_getCursorType(d);
    if (has && L->cxx)
        note_closure_init(L, d);
    if (!has) {
        /* an uninitialised local still needs a place; nothing flows in */
        return;
    }
    if (L->oom)
        return;
    if (!static_local(L, d) || L->places[p].kind != BW_PLACE_GLOBAL) {
        lower_var_init(L, d, p, ty, init);
        return;
    }
    /* a static local holds its initializer's value until a call stores
     * another: the initializer is a branch that the analysis may take or
     * skip (what an earlier call stored), on every call.  C++ runs a
     * dynamic one (`static std::string home = getenv("HOME");`) at the
     * first call; C's are constants, set before the program runs. */
    uint32_t br = emit(L, BW_OP_BRANCH, d);
    if (br == BW_NONE)
        return;
    insn(L, br)->a = br + 1;
    lower_var_init(L, d, p, ty, init);
    insn(L, br)->b = L->ninsns;
}

/* A variable's initializer, lowered as its first assignment. */
static void lower_var_init(lower *L, CXCursor d, uint32_t p, CXType ty, CXCursor init)
{
    if (type_is(L, ty, TF_ARRAY) && clang_getCursorKind(strip(init)) == CXCursor_IntegerLiteral)
        return; /* char buf[N]: the child is the size */
    if (clang_getCursorKind(strip(init)) == CXCursor_InitListExpr && type_is(L, ty, TF_STRUCT)) {
        field_list fl = {.n = 0};
        clang_Type_visitFields(clang_getCanonicalType(ty), collect_field, &fl);
        if (fl.n < 64 && record_init_shape_ok(strip(init), &fl)) {
            lower_record_init(L, d, p, ty, strip(init));
            return;
        }
    }
    uint32_t at = L->ninsns;
    emit_init(L, d, p, ty, init);
    if (type_is(L, ty, TF_ARRAY) && clang_getCursorKind(strip(init)) == CXCursor_InitListExpr && L->ninsns == at + 1)
        note_literal_elements(L, p, at, strip(init));
}

/* Records a case label of the innermost switch; `value` is null for
 * `default` and for case ranges (any value). */
static void note_case_label(lower *L, CXCursor value, bool is_default)
{
    switch_ctx *sw = L->sw;
    case_label lab = {L->ninsns, 0, false, is_default};
    if (!clang_Cursor_isNull(value)) {
        long long v = 0;
        if (bw_eval_int(value, &v)) {
            lab.value = v;
            lab.known = true;
        }
    }
    if (!bw_ir_grow((void **)&sw->labels, &sw->caplabels, sw->nlabels + 1, sizeof(case_label))) {
        L->oom = true;
        return;
    }
    sw->labels[sw->nlabels++] = lab;
}

/* Whether `at` is inside a macro's expansion: where it is spelled is not
 * where it is in the file. */
static bool from_macro(CXSourceLocation at)
{
    CXFile ef, sf;
    unsigned eo = 0, so = 0;
    clang_getExpansionLocation(at, &ef, NULL, NULL, &eo);
    clang_getSpellingLocation(at, &sf, NULL, NULL, &so);
    return eo != so || !clang_File_isEqual(ef, sf);
}

/* Which of a for statement's children (all but the body, the last) are
 * its init, condition and increment: libclang gives only the parts that
 * are there, so each is placed by where it starts against the two `;` of
 * the header.  A header that comes from a macro has no `;` in the file
 * where its parts are (tokens between the macro's definition and its use
 * are not the header's), so its children are taken in order, as they are
 * when all three are there. */
static void for_parts(lower *L, CXCursor c, const kids *ks, uint32_t fp[3])
{
    unsigned nparts = ks->n > 0 ? ks->n - 1 : 0;
    unsigned semi[2] = {0, 0}, nsemi = 0;
    CXToken *toks = NULL;
    unsigned n = 0;
    if (nparts > 0 && nparts < 3 && !from_macro(clang_getCursorLocation(c))) {
        CXSourceRange body = clang_getCursorExtent(ks->items[ks->n - 1]);
        CXSourceRange head = clang_getRange(clang_getRangeStart(clang_getCursorExtent(c)), clang_getRangeStart(body));
        clang_tokenize(L->ctu, head, &toks, &n);
        int depth = 0;
        for (unsigned i = 0; i < n && nsemi < 2; i++) {
            if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
                continue;
            CXString t = clang_getTokenSpelling(L->ctu, toks[i]);
            const char *p = clang_getCString(t);
            if (p != NULL && (strcmp(p, "(") == 0 || strcmp(p, "[") == 0 || strcmp(p, "{") == 0))
                depth++;
            else if (p != NULL && (strcmp(p, ")") == 0 || strcmp(p, "]") == 0 || strcmp(p, "}") == 0))
                depth--;
            else if (p != NULL && strcmp(p, ";") == 0 && depth == 1)
                clang_getFileLocation(clang_getTokenLocation(L->ctu, toks[i]), NULL, NULL, NULL, &semi[nsemi++]);
            clang_disposeString(t);
        }
        if (toks != NULL)
            clang_disposeTokens(L->ctu, toks, n);
    }
    if (nparts == 3 || nsemi != 2) {
        for (unsigned i = 0; i < nparts && i < 3; i++)
            fp[i] = i;
        return;
    }
    for (unsigned i = 0; i < nparts; i++) {
        unsigned off = 0;
        clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(ks->items[i])), NULL, NULL, NULL, &off);
        fp[off < semi[0] ? 0 : off < semi[1] ? 1 : 2] = i;
    }
}

static void lower_stmt(lower *L, CXCursor c)
{
    if (L->oom)
        return;
    enum CXCursorKind k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_CompoundStmt: {
        kids ks;
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++)
            lower_stmt(L, ks.items[i]);
        kids_free(&ks);
        return;
    }
    case CXCursor_DeclStmt: {
        kids ks;
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++)
            if (clang_getCursorKind(ks.items[i]) == CXCursor_VarDecl)
                lower_var_decl(L, ks.items[i]);
        kids_free(&ks);
        return;
    }
    case CXCursor_IfStmt: {
        kids ks;
        kids_get(c, &ks);
        unsigned base = 0;
        /* C++17 if-with-initialiser / condition variable come first */
        while (ks.n - base > 3 ||
               (ks.n - base == 3 && clang_getCursorKind(ks.items[base]) == CXCursor_DeclStmt)) {
            lower_stmt(L, ks.items[base]);
            base++;
        }
        if (ks.n - base >= 2) {
            CXCursor cond = ks.items[base];
            if (clang_getCursorKind(cond) == CXCursor_VarDecl) {
                lower_var_decl(L, cond);
            }
            cond_exits x;
            lower_branch(L, cond, &x);
            patch_exits(L, x.t, x.nt, L->ninsns);
            lower_stmt(L, ks.items[base + 1]);
            if (ks.n - base >= 3) {
                uint32_t j = emit(L, BW_OP_JUMP, c);
                patch_exits(L, x.f, x.nf, L->ninsns);
                lower_stmt(L, ks.items[base + 2]);
                insn(L, j)->a = L->ninsns;
            } else {
                patch_exits(L, x.f, x.nf, L->ninsns);
            }
        }
        kids_free(&ks);
        return;
    }
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_DoStmt:
    case CXCursor_CXXForRangeStmt: {
        kids ks;
        kids_get(c, &ks);
        if (ks.n == 0) {
            kids_free(&ks);
            return;
        }
        CXCursor body = ks.items[ks.n - 1];
        CXCursor cond = clang_getNullCursor();
        uint32_t fp[3] = {BW_NONE, BW_NONE, BW_NONE}; /* a for's init, cond, inc: indices in ks */
        uint32_t saved_brk = L->nbrk, saved_cont = L->ncont;
        if (k == CXCursor_DoStmt) {
            body = ks.items[0];
            cond = ks.n > 1 ? ks.items[1] : clang_getNullCursor();
        } else if (k == CXCursor_WhileStmt) {
            cond = ks.n > 1 ? ks.items[0] : clang_getNullCursor();
        } else if (k == CXCursor_ForStmt) {
            for_parts(L, c, &ks, fp);
            if (fp[0] != BW_NONE)
                lower_stmt(L, ks.items[fp[0]]);
        } else {
            /* range-for: the loop variable takes the range's elements */
            for (unsigned i = 0; i + 1 < ks.n; i++) {
                CXCursor ch = ks.items[i];
                if (clang_getCursorKind(ch) == CXCursor_VarDecl) {
                    uint32_t p;
                    if (var_place(L, ch, &p)) {
                        vbuild v = {.lit = BW_NONE};
                        for (unsigned j = 0; j + 1 < ks.n; j++)
                            if (clang_isExpression(clang_getCursorKind(ks.items[j])))
                                lower_expr(L, ks.items[j], &v);
                        emit_store(L, BW_OP_ASSIGN, ch, p, &v);
                    }
                }
            }
        }
        uint32_t head = L->ninsns;
        cond_exits x = {.nt = 0, .nf = 0}; /* leaving the loop: x.f */
        if (k == CXCursor_WhileStmt && !clang_Cursor_isNull(cond)) {
            lower_branch(L, cond, &x);
            patch_exits(L, x.t, x.nt, L->ninsns);
        } else if (k == CXCursor_ForStmt) {
            /* the condition runs before every iteration; the increment,
             * lowered after the body, where `continue` goes too */
            if (fp[1] != BW_NONE) {
                lower_branch(L, ks.items[fp[1]], &x);
                patch_exits(L, x.t, x.nt, L->ninsns);
            }
            if (x.nf == 0) {
                uint32_t br = emit(L, BW_OP_BRANCH, c);
                insn(L, br)->a = L->ninsns;
                x.f[x.nf++] = br * 2u;
            }
        } else if (k == CXCursor_CXXForRangeStmt) {
            uint32_t br = emit(L, BW_OP_BRANCH, c);
            insn(L, br)->a = L->ninsns;
            x.f[x.nf++] = br * 2u;
        }
        uint32_t brk_from, cont_from;
        lower_loop_body(L, body, head, &brk_from, &cont_from);
        uint32_t cont_target = L->ninsns;
        if (k == CXCursor_ForStmt && fp[2] != BW_NONE)
            lower_stmt(L, ks.items[fp[2]]);
        if (k == CXCursor_DoStmt && !clang_Cursor_isNull(cond)) {
            lower_branch(L, cond, &x);
            patch_exits(L, x.t, x.nt, head);
        } else {
            uint32_t j = emit(L, BW_OP_JUMP, c);
            insn(L, j)->a = head;
        }
        uint32_t exit_pt = L->ninsns;
        patch_exits(L, x.f, x.nf, exit_pt);
        patch_list(L, L->cont_list, cont_from, L->ncont, cont_target);
        patch_list(L, L->brk_list, brk_from, L->nbrk, exit_pt);
        L->nbrk = saved_brk;
        L->ncont = saved_cont;
        uint32_t checked;
        CXCursor loop_cond = k != CXCursor_ForStmt ? cond : fp[1] != BW_NONE ? ks.items[fp[1]] : clang_getNullCursor();
        CXCursor step = k == CXCursor_ForStmt && fp[2] != BW_NONE ? ks.items[fp[2]] : clang_getNullCursor();
        if (find_reject_loop(L, body, loop_cond, step, &checked)) {
            uint32_t vi = emit(L, BW_OP_VALIDATE, c);
            insn(L, vi)->dst = checked;
            insn(L, vi)->callee = intern(L, "=ctype");
        }
        kids_free(&ks);
        return;
    }
    case CXCursor_SwitchStmt: {
        kids ks;
        kids_get(c, &ks);
        if (ks.n >= 2) {
            for (unsigned i = 0; i + 2 < ks.n; i++)
                lower_stmt(L, ks.items[i]);
            vbuild v = {.lit = BW_NONE};
            lower_expr(L, ks.items[ks.n - 2], &v);
            uint32_t saved_case = L->ncase, saved_brk = L->nbrk;
            bool saved_sw = L->in_switch;
            /* dispatch: one branch per case, filled in as cases are met */
            uint32_t dispatch = emit(L, BW_OP_JUMP, c);
            L->in_switch = true;
            uint32_t case_from = L->ncase;
            uint32_t body_start = L->ninsns;
            switch_ctx sw = {.start = dispatch, .body_start = body_start, .outer = L->sw, .body = ks.items[ks.n - 1]};
            CXCursor cond = strip(ks.items[ks.n - 2]);
            if (clang_getCursorKind(cond) == CXCursor_DeclRefExpr) {
                sw.var = clang_getCursorReferenced(cond);
                enum CXCursorKind vk = clang_getCursorKind(sw.var);
                sw.has_var = vk == CXCursor_VarDecl || vk == CXCursor_ParmDecl;
            }
            L->sw = &sw;
            lower_stmt(L, ks.items[ks.n - 1]);
            L->sw = sw.outer;
            bw_free(sw.labels);
            uint32_t end_jump = emit(L, BW_OP_JUMP, c);
            /* dispatch block: a chain of branches to every case, then to the
             * default or the end */
            uint32_t chain = L->ninsns;
            insn(L, dispatch)->a = chain;
            bool has_default = false;
            for (uint32_t i = case_from; i < L->ncase; i++) {
                uint32_t target = L->case_list[i] & 0x7fffffffu;
                if (L->case_list[i] & 0x80000000u)
                    has_default = true;
                uint32_t b = emit(L, BW_OP_BRANCH, c);
                insn(L, b)->a = target;
                insn(L, b)->b = L->ninsns;
            }
            uint32_t last = emit(L, BW_OP_JUMP, c);
            uint32_t exit_pt = L->ninsns;
            insn(L, last)->a = has_default ? exit_pt : exit_pt;
            if (has_default) {
                for (uint32_t i = case_from; i < L->ncase; i++)
                    if (L->case_list[i] & 0x80000000u)
                        insn(L, last)->a = L->case_list[i] & 0x7fffffffu;
            }
            (void)body_start;
            insn(L, end_jump)->a = exit_pt;
            patch_list(L, L->brk_list, saved_brk, L->nbrk, exit_pt);
            L->nbrk = saved_brk;
            L->ncase = saved_case;
            L->in_switch = saved_sw;
        }
        kids_free(&ks);
        return;
    }
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        push_u32(L, &L->case_list, &L->ncase, &L->capcase,
                 L->ninsns | (k == CXCursor_DefaultStmt ? 0x80000000u : 0u));
        kids ks;
        kids_get(c, &ks);
        if (L->sw != NULL)
            note_case_label(L, k == CXCursor_CaseStmt && ks.n == 2 ? ks.items[0] : clang_getNullCursor(),
                            k == CXCursor_DefaultStmt);
        if (ks.n > 0)
            lower_stmt(L, ks.items[ks.n - 1]);
        kids_free(&ks);
        return;
    }
    case CXCursor_BreakStmt: {
        uint32_t j = emit(L, BW_OP_JUMP, c);
        push_u32(L, &L->brk_list, &L->nbrk, &L->capbrk, j);
        return;
    }
    case CXCursor_ContinueStmt: {
        uint32_t j = emit(L, BW_OP_JUMP, c);
        push_u32(L, &L->cont_list, &L->ncont, &L->capcont, j);
        return;
    }
    case CXCursor_ReturnStmt: {
        kids ks;
        kids_get(c, &ks);
        vbuild v = {.lit = BW_NONE};
        bool has = false;
        for (unsigned i = 0; i < ks.n; i++)
            if (clang_isExpression(clang_getCursorKind(ks.items[i]))) {
                lower_expr(L, ks.items[i], &v);
                const_value(strip(ks.items[i]), &v);
                has = true;
            }
        kids_free(&ks);
        uint32_t r = emit(L, BW_OP_RETURN, c);
        if (has) {
            bw_ir_insn *in = insn(L, r);
            in->vals = arena(L, sizeof(bw_ir_val));
            in->nvals = 1;
            if (in->vals != NULL)
                vb_finish(L, &v, in->vals);
        }
        return;
    }
    case CXCursor_LabelStmt: {
        uint32_t name = intern_cx(L, clang_getCursorSpelling(c));
        if (bw_ir_grow((void **)&L->labels, &L->caplabels, L->nlabels + 1, sizeof(label_ref)))
            L->labels[L->nlabels++] = (label_ref){name, BW_NONE, L->ninsns};
        else
            L->oom = true;
        kids ks;
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++)
            lower_stmt(L, ks.items[i]);
        kids_free(&ks);
        return;
    }
    case CXCursor_GotoStmt: {
        kids ks;
        kids_get(c, &ks);
        uint32_t j = emit(L, BW_OP_JUMP, c);
        if (ks.n > 0) {
            CXCursor lab = clang_getCursorReferenced(ks.items[0]);
            uint32_t name = intern_cx(L, clang_getCursorSpelling(lab));
            if (bw_ir_grow((void **)&L->labels, &L->caplabels, L->nlabels + 1, sizeof(label_ref)))
                L->labels[L->nlabels++] = (label_ref){name, j, BW_NONE};
            else
                L->oom = true;
        }
        kids_free(&ks);
        return;
    }
    case CXCursor_IndirectGotoStmt:
    case CXCursor_NullStmt:
    case CXCursor_AsmStmt:
        return;
    case CXCursor_CXXTryStmt: {
        /* the body, or any handler after any point of it */
        kids ks;
        kids_get(c, &ks);
        if (ks.n > 0) {
            uint32_t br = emit(L, BW_OP_BRANCH, c);
            insn(L, br)->a = L->ninsns;
            lower_stmt(L, ks.items[0]);
            uint32_t j = emit(L, BW_OP_JUMP, c);
            insn(L, br)->b = L->ninsns;
            uint32_t *ends = NULL, nend = 0, capend = 0;
            for (unsigned i = 1; i < ks.n; i++) {
                uint32_t b2 = emit(L, BW_OP_BRANCH, ks.items[i]);
                insn(L, b2)->a = L->ninsns;
                kids hk;
                kids_get(ks.items[i], &hk);
                for (unsigned h = 0; h < hk.n; h++)
                    lower_stmt(L, hk.items[h]);
                kids_free(&hk);
                uint32_t j2 = emit(L, BW_OP_JUMP, ks.items[i]);
                push_u32(L, &ends, &nend, &capend, j2);
                insn(L, b2)->b = L->ninsns;
            }
            insn(L, j)->a = L->ninsns;
            for (uint32_t i = 0; i < nend; i++)
                insn(L, ends[i])->a = L->ninsns;
            bw_free(ends);
        }
        kids_free(&ks);
        return;
    }
    case CXCursor_VarDecl:
        lower_var_decl(L, c);
        return;
    default:
        break;
    }
    if (clang_isExpression(k)) {
        vbuild v = {.lit = BW_NONE};
        lower_expr(L, c, &v);
        return;
    }
    /* other statements (SEH, OpenMP, ...): lower their children in order */
    kids ks;
    kids_get(c, &ks);
    for (unsigned i = 0; i < ks.n; i++)
        lower_stmt(L, ks.items[i]);
    kids_free(&ks);
}

/* ---- functions and declarations -------------------------------------- */

static bool in_system(CXCursor c)
{
    return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0;
}

/* ---- free lists' slots ------------------------------------------------------ */

/* A free list's slot: a C-style struct whose only member points to its own
 * type (`struct slot { struct slot *next; }`, SQLite's PgFreeslot and
 * LookasideSlot), declared outside system headers, and neither a member
 * nor a base of another record of the TU (an intrusive list's node laid
 * first in a request stands for the request).  An allocator casts a freed
 * block to one and keeps it on a list: such a cast (casts_freed_block),
 * stored in memory, designates no text (analyze.c: BW_VAL_LINK), whatever
 * the block held before it was freed.  A header with more members (a
 * message's length before its payload) is not one. */
struct slot_walk {
    CXType self;
    unsigned fields;
    bool self_link;
};

static enum CXVisitorResult slot_field(CXCursor field, CXClientData data)
{
    struct slot_walk *w = data;
    w->fields++;
    CXType t = clang_getCanonicalType(clang_getCursorType(field));
    w->self_link = t.kind == CXType_Pointer && clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(t)), w->self);
    return w->fields > 1 ? CXVisit_Break : CXVisit_Continue;
}

/* Children of a plain struct: its fields (and attributes), no base, no
 * method, no nested declaration. */
static enum CXChildVisitResult only_fields(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_FieldDecl || clang_isAttribute(k))
        return CXChildVisit_Continue;
    *(bool *)data = false;
    return CXChildVisit_Break;
}

static bool is_free_list_slot(lower *L, CXType rec)
{
    rec = clang_getCanonicalType(rec);
    if (rec.kind != CXType_Record)
        return false;
    struct slot_walk w = {rec, 0, false};
    clang_Type_visitFields(rec, slot_field, &w);
    if (w.fields != 1 || !w.self_link)
        return false;
    CXCursor d = clang_getTypeDeclaration(rec);
    if (clang_getCursorKind(d) != CXCursor_StructDecl)
        return false;
    bool plain = true;
    clang_visitChildren(d, only_fields, &plain);
    if (!plain)
        return false;
    uint32_t usr = record_usr(L, rec, false);
    return usr != BW_NONE && !usr_marked(L, usr, USR_EMBEDDED);
}

static bool points_to_free_list_slot(lower *L, CXType t)
{
    t = clang_getCanonicalType(t);
    return t.kind == CXType_Pointer && is_free_list_slot(L, clang_getPointeeType(t));
}

/* `c` converts a parameter that is raw memory (`void *`, `char *`) to a
 * pointer to a free list's slot: the block handed to a deallocator
 * (`slot *s = (slot *)p;` in `void pool_free(void *p)`).  A slot pointer
 * from anywhere else (a list's push taking a `struct node *`, a fresh
 * malloc() with a payload after the slot) may still be the record it
 * heads. */
static bool casts_freed_block(CXCursor c)
{
    CXCursor a = strip(c);
    if (clang_equalCursors(a, c) || clang_getCursorKind(a) != CXCursor_DeclRefExpr)
        return false;
    CXCursor d = clang_getCursorReferenced(a);
    if (clang_getCursorKind(d) != CXCursor_ParmDecl)
        return false;
    CXType t = clang_getCanonicalType(clang_getCursorType(d));
    if (t.kind != CXType_Pointer)
        return false;
    CXType pt = clang_getCanonicalType(clang_getPointeeType(t));
    return pt.kind == CXType_Void || is_char_type(pt);
}

/* Marks the records embedded in another (a member by value, a base): the
 * TU's record declarations, before any function is lowered. */
static enum CXChildVisitResult mark_embedded(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lower *L = data;
    if (L->oom)
        return CXChildVisit_Break;
    switch (clang_getCursorKind(c)) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_UnexposedDecl:
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
    case CXCursor_ClassDecl:
    case CXCursor_ClassTemplate:
        return in_system(c) ? CXChildVisit_Continue : CXChildVisit_Recurse;
    case CXCursor_FieldDecl:
    case CXCursor_CXXBaseSpecifier: {
        CXType t = array_base_type(clang_getCursorType(c));
        if (t.kind == CXType_Record)
            mark_usr(L, record_usr(L, t, false), USR_EMBEDDED);
        return CXChildVisit_Continue;
    }
    default:
        return CXChildVisit_Continue;
    }
}


typedef struct attr_scan {
    lower *L;
    bool may_format; /* variadic or takes a va_list: a format attribute is possible */
    bool attr_unread; /* an attribute whose tokens did not read as format(printf, N, M) */
    uint32_t annots[16];
    uint32_t nannots;
    uint32_t fmt_idx, fmt_first;
    CXCursor body;
    bool has_body;
} attr_scan;

static void scan_format_attr(lower *L, CXCursor attr, attr_scan *s)
{
    CXSourceRange r = clang_getCursorExtent(attr);
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(L->ctu, r, &toks, &n);
    /* format ( printf , 2 , 3 ) */
    if (n >= 8) {
        CXString t0 = clang_getTokenSpelling(L->ctu, toks[0]);
        CXString t2 = clang_getTokenSpelling(L->ctu, toks[2]);
        const char *a = clang_getCString(t0), *b = clang_getCString(t2);
        if (a != NULL && b != NULL && (strcmp(a, "format") == 0 || strcmp(a, "__format__") == 0) &&
            strstr(b, "printf") != NULL) {
            CXString t4 = clang_getTokenSpelling(L->ctu, toks[4]);
            CXString t6 = clang_getTokenSpelling(L->ctu, toks[6]);
            const char *i4 = clang_getCString(t4), *i6 = clang_getCString(t6);
            char *e1 = NULL, *e2 = NULL;
            long fi = i4 != NULL ? strtol(i4, &e1, 10) : 0;
            long ff = i6 != NULL ? strtol(i6, &e2, 10) : 0;
            if (fi > 0 && fi < 4096 && ff >= 0 && ff < 4096 && e1 != NULL && *e1 == '\0') {
                s->fmt_idx = (uint32_t)fi;
                s->fmt_first = (uint32_t)ff;
            }
            clang_disposeString(t4);
            clang_disposeString(t6);
        }
        clang_disposeString(t0);
        clang_disposeString(t2);
    }
    if (toks != NULL)
        clang_disposeTokens(L->ctu, toks, n);
}

static enum CXChildVisitResult scan_fn_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    attr_scan *s = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_AnnotateAttr) {
        CXString sp = clang_getCursorSpelling(c);
        const char *t = clang_getCString(sp);
        if (t != NULL && strncmp(t, "bulwark:", 8) == 0 && s->nannots < 16)
            s->annots[s->nannots++] = intern(s->L, t);
        clang_disposeString(sp);
    } else if (k == CXCursor_UnexposedAttr && s->may_format) {
        CXSourceRange r = clang_getCursorExtent(c);
        unsigned b = 0, e = 0;
        CXFile fb = NULL, fe = NULL;
        clang_getSpellingLocation(clang_getRangeStart(r), &fb, NULL, NULL, &b);
        clang_getSpellingLocation(clang_getRangeEnd(r), &fe, NULL, NULL, &e);
        if (fb != NULL && fb == fe && e >= b && e - b < 256)
            scan_format_attr(s->L, c, s);
        if (s->fmt_idx == 0)
            s->attr_unread = true;
    } else if (k == CXCursor_CompoundStmt) {
        s->body = c;
        s->has_body = true;
    } else if (k == CXCursor_CXXTryStmt) {
        s->body = c;
        s->has_body = true;
    }
    return CXChildVisit_Continue;
}

static void record_decl(lower *L, CXCursor d, const attr_scan *s, uint32_t usr, uint32_t qual, uint32_t nparams)
{
    if (s->nannots == 0 && s->fmt_idx == 0)
        return;
    bw_ir_tu *tu = L->tu;
    for (uint32_t i = 0; i < tu->ndecls; i++)
        if (tu->decls[i].usr == usr)
            return;
    if (!bw_ir_grow((void **)&tu->decls, &tu->capdecls, tu->ndecls + 1, sizeof(bw_ir_decl))) {
        L->oom = true;
        return;
    }
    bw_ir_decl *dd = &tu->decls[tu->ndecls];
    memset(dd, 0, sizeof(*dd));
    dd->usr = usr;
    dd->qual = qual;
    dd->annots = arena(L, sizeof(uint32_t) * (s->nannots + 1u));
    if (dd->annots != NULL) {
        memcpy(dd->annots, s->annots, sizeof(uint32_t) * s->nannots);
        dd->nannots = s->nannots;
    }
    dd->fmt_idx = s->fmt_idx;
    dd->fmt_first = s->fmt_first;
    dd->nparams = nparams;
    tu->ndecls++;
    (void)d;
}

static bool may_have_format(CXCursor fn)
{
    if (clang_Cursor_isVariadic(fn))
        return true;
    int n = clang_Cursor_getNumArguments(fn);
    for (int i = 0; i < n; i++) {
        CXString t = clang_getTypeSpelling(clang_getCursorType(clang_Cursor_getArgument(fn, (unsigned)i)));
        const char *ts = clang_getCString(t);
        bool va = ts != NULL && strstr(ts, "va_list") != NULL;
        clang_disposeString(t);
        if (va)
            return true;
    }
    return false;
}

static bool deferrable(const lower *L, CXCursor fn);
static bool is_template_code(CXCursor fn);
static void note_virtual_method(lower *L, CXCursor m, uint32_t usr);
static void defer_function(lower *L, const deferred_fn *d);
static void lower_body(lower *L, CXCursor fn, CXCursor body, uint32_t usr, uint32_t qual, int np, bool method);
static void lower_lambdas(lower *L);

/* Reads "format(printf, N, M)" (any underscores) from clang's printing of
 * a declaration's attributes; false when it has none. */
static bool format_in_printed(CXCursor d, uint32_t *fmt_idx, uint32_t *fmt_first)
{
    CXString t;
    if (!bw_decl_text(d, &t))
        return false;
    const char *text = clang_getCString(t);
    bool found = false;
    for (const char *p = text != NULL ? strstr(text, "format") : NULL; p != NULL && !found;
         p = strstr(p + 1, "format")) {
        const char *q = p + 6;
        while (*q == '_')
            q++;
        while (*q == ' ')
            q++;
        if (*q != '(')
            continue;
        q++;
        while (*q == '_' || *q == ' ')
            q++;
        if (strncmp(q, "printf", 6) != 0)
            continue;
        unsigned long fi = 0, ff = 0;
        int used = 0;
        q += 6;
        while (*q == '_')
            q++;
        if (sscanf(q, " , %lu , %lu )%n", &fi, &ff, &used) == 2 && used > 0 && fi > 0 && fi < 4096 && ff < 4096) {
            *fmt_idx = (uint32_t)fi;
            *fmt_first = (uint32_t)ff;
            found = true;
        }
    }
    clang_disposeString(t);
    return found;
}

/* A format attribute written through a macro (Linux's `__printf(2, 0)`,
 * GLib's G_GNUC_PRINTF) has the macro's tokens, whose indexes are
 * parameter names: clang's printing of the declaration that wrote it has
 * the numbers.  A definition's printing leaves out the attributes it
 * inherits, so the first declaration (the header's prototype) is asked
 * too. */
static void format_attr_printed(CXCursor fn, attr_scan *s)
{
    if (!format_in_printed(fn, &s->fmt_idx, &s->fmt_first))
        (void)format_in_printed(clang_getCanonicalCursor(fn), &s->fmt_idx, &s->fmt_first);
}

/* A function template's parameters are its ParmDecl children (libclang
 * counts arguments only of functions and methods). */
typedef struct parm_walk {
    CXCursor *out; /* NULL: count only */
    int n;
} parm_walk;

static enum CXChildVisitResult parm_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    parm_walk *w = data;
    if (clang_getCursorKind(c) == CXCursor_ParmDecl) {
        if (w->out != NULL)
            w->out[w->n] = c;
        w->n++;
    }
    return CXChildVisit_Continue;
}

static int param_count(CXCursor fn)
{
    int np = clang_Cursor_getNumArguments(fn);
    if (np >= 0 || clang_getCursorKind(fn) != CXCursor_FunctionTemplate)
        return np < 0 ? 0 : np;
    parm_walk w = {NULL, 0};
    clang_visitChildren(fn, parm_cb, &w);
    return w.n;
}

/* params[0..np) of fn (np from param_count). */
static void param_cursors(CXCursor fn, CXCursor *params, int np)
{
    if (clang_getCursorKind(fn) != CXCursor_FunctionTemplate) {
        for (int i = 0; i < np; i++)
            params[i] = clang_Cursor_getArgument(fn, (unsigned)i);
        return;
    }
    parm_walk w = {params, 0};
    clang_visitChildren(fn, parm_cb, &w);
}

/* Whether a function template's ParmDecl children are its parameters, in
 * order: not when its return type declares some too (a pointer to
 * function, `-> void (*)(int r)`), nor when a pack comes before another
 * parameter (a call's arguments then do not match them by position). */
static bool params_lowerable(CXCursor fn, int np)
{
    CXType ft = clang_getCursorType(fn);
    if (clang_getNumArgTypes(ft) != np)
        return false;
    CXCursor *ps = bw_calloc((size_t)np + 1, sizeof(CXCursor));
    if (ps == NULL)
        return false;
    param_cursors(fn, ps, np);
    bool ok = true;
    for (int i = 0; i + 1 < np && ok; i++) {
        CXString t = clang_getTypeSpelling(clang_getCursorType(ps[i]));
        const char *ts = clang_getCString(t);
        ok = ts == NULL || strstr(ts, "...") == NULL;
        clang_disposeString(t);
    }
    bw_free(ps);
    return ok;
}

/* A parameter a sanitizer may fill or escape in place: a pointer to
 * characters that are not const (`char *buf`). */
static bool fills_text(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_Pointer)
        return false;
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(c));
    return !clang_isConstQualifiedType(pointee) && is_char_type(pointee);
}

/* The kind of a plain `BW_SANITIZER(kind)` annotation, else NULL. */
static const char *plain_sanitizer_kind(const char *t)
{
    const char *kind = strncmp(t, "bulwark:sanitizer:", 18) == 0 ? t + 18 : NULL;
    return kind != NULL && strchr(kind, ':') == NULL ? kind : NULL;
}

/* The sanitizer annotations of a function and its buffer parameters.
 *
 * `BW_SANITIZER(kind)` promises that the result is safe for kind: the
 * return value and every text parameter the function fills
 * (annotations.h).  Such a parameter N gets the annotation
 * "bulwark:sanitizer:kind:N" (knowledge.c: the sanitized text of the
 * arguments goes into argument N), so `escape(buf, sizeof buf)` escapes
 * buf where it lies.  Only a function that returns no pointer or object
 * (`char *html_escape(char *s)` returns its result) and has one such
 * parameter (`escape_into(char *dst, char *src)`: legacy code leaves
 * inputs non-const).  Only in C: rows are found by name, and a C++
 * overload's rows would reach every other overload (BW_SANITIZER_ARG is
 * explicit).
 *
 * `BW_SANITIZER_ARG(kind, n)` on a parameter that points to const: the
 * function only reads it, and nothing is escaped there; the annotation is
 * dropped (docs/checkers.md).
 *
 * Only a function with a sanitizer annotation has its parameters read. */
static void sanitizer_buffers(lower *L, CXCursor fn, attr_scan *s, int np, bool method)
{
    bool any = false;
    for (uint32_t a = 0; a < s->nannots && !any; a++)
        any = strncmp(bw_ir_str(L->tu, s->annots[a]), "bulwark:sanitizer:", 18) == 0;
    if (!any || clang_getCursorKind(fn) == CXCursor_FunctionTemplate || np <= 0 || np > 64)
        return;
    CXCursor params[64];
    param_cursors(fn, params, np);
    uint32_t w = 0;
    for (uint32_t a = 0; a < s->nannots; a++) {
        const char *t = bw_ir_str(L->tu, s->annots[a]);
        const char *rest = strncmp(t, "bulwark:sanitizer:", 18) == 0 ? strchr(t + 18, ':') : NULL;
        long n = rest != NULL ? strtol(rest + 1, NULL, 10) - (method ? 2 : 1) : -1;
        bool drop = false;
        if (n >= 0 && n < np) {
            CXType c = clang_getCanonicalType(clang_getCursorType(params[n]));
            drop = (c.kind == CXType_Pointer || c.kind == CXType_LValueReference) &&
                   clang_isConstQualifiedType(clang_getCanonicalType(clang_getPointeeType(c)));
        }
        if (!drop)
            s->annots[w++] = s->annots[a];
    }
    s->nannots = w;
    CXType rt = clang_getCanonicalType(clang_getCursorResultType(fn));
    if (L->cxx || rt.kind == CXType_Pointer || rt.kind == CXType_Record)
        return;
    int filled = -1;
    for (int i = 0; i < np; i++) {
        if (!fills_text(clang_getCursorType(params[i])))
            continue;
        if (filled >= 0)
            return; /* two: the output, and an input left non-const? */
        filled = i;
    }
    uint32_t nplain = s->nannots;
    for (uint32_t a = 0; a < nplain && filled >= 0 && s->nannots < 16; a++) {
        const char *kind = plain_sanitizer_kind(bw_ir_str(L->tu, s->annots[a]));
        if (kind == NULL)
            continue;
        char buf[96];
        int len = snprintf(buf, sizeof buf, "bulwark:sanitizer:%s:%d", kind, filled + 1);
        if (len > 0 && (size_t)len < sizeof buf)
            s->annots[s->nannots++] = intern(L, buf);
    }
}

static void lower_function(lower *L, CXCursor fn)
{
    attr_scan s = {.L = L, .may_format = may_have_format(fn)};
    clang_visitChildren(fn, scan_fn_child, &s);
    if (s.attr_unread && s.fmt_idx == 0)
        format_attr_printed(fn, &s);
    bw_buf qn = BW_BUF_INIT;
    qualified_name(fn, &qn);
    if (qn.data == NULL) {
        L->oom = true;
        return;
    }
    uint32_t qual = intern(L, qn.data);
    bw_buf_free(&qn);
    uint32_t usr = function_usr(L, fn);
    int np = param_count(fn);
    enum CXCursorKind fk = clang_getCursorKind(fn);
    /* a member function template is a method (its templated declaration's kind) */
    enum CXCursorKind mk = fk == CXCursor_FunctionTemplate ? clang_getTemplateCursorKind(fn) : fk;
    bool method = (mk == CXCursor_CXXMethod || mk == CXCursor_Constructor || mk == CXCursor_Destructor ||
                   mk == CXCursor_ConversionFunction) &&
                  !clang_CXXMethod_isStatic(fn);
    if (fk == CXCursor_FunctionTemplate && !params_lowerable(fn, np))
        return;
    uint32_t nparams = (uint32_t)np + (method ? 1u : 0u);
    sanitizer_buffers(L, fn, &s, np, method);
    record_decl(L, fn, &s, usr, qual, nparams);
    if (!s.has_body || !clang_isCursorDefinition(fn))
        return;
    /* one definition per USR per TU (templates instantiate once here) */
    if (usr_marked(L, usr, USR_DEFINED))
        return;
    mark_usr(L, usr, USR_DEFINED);
    if (fk == CXCursor_CXXMethod && clang_CXXMethod_isVirtual(fn))
        note_virtual_method(L, fn, usr);
    if (deferrable(L, fn) && !is_named(L, usr)) {
        defer_function(L, &(deferred_fn){.fn = fn, .body = s.body, .usr = usr, .qual = qual, .np = np,
                                         .method = method});
        return;
    }
    lower_body(L, fn, s.body, usr, qual, np, method);
    lower_lambdas(L);
}

/* The call operators of the lambdas lowered code held (note_lambda), and
 * of those their bodies hold. */
static void lower_lambdas(lower *L)
{
    while (L->nlambdas > 0 && !L->oom) {
        CXCursor op = L->lambdas[--L->nlambdas];
        lower_function(L, op);
    }
}

/* A class's bases, directly or not, as pairs (class, base) in tu->bases,
 * each once: which overrides a virtual call through a pointer to one of
 * them may run (analyze.c). */
static void note_bases(lower *L, CXCursor cls, uint32_t cls_usr, unsigned depth);

typedef struct base_walk {
    lower *L;
    uint32_t cls_usr;
    unsigned depth;
} base_walk;

static enum CXChildVisitResult base_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    base_walk *w = data;
    if (clang_getCursorKind(c) != CXCursor_CXXBaseSpecifier)
        return CXChildVisit_Continue;
    CXCursor b = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(c)));
    if (clang_Cursor_isNull(b))
        return CXChildVisit_Continue;
    lower *L = w->L;
    uint32_t busr = intern_cx(L, clang_getCursorUSR(b));
    if (busr == BW_NONE)
        return CXChildVisit_Continue;
    /* this class's pairs are the last ones (a diamond reaches a base twice) */
    for (uint32_t k = L->tu->nbases; k >= 2 && L->tu->bases[k - 2] == w->cls_usr; k -= 2)
        if (L->tu->bases[k - 1] == busr)
            return CXChildVisit_Continue;
    if (!bw_ir_grow((void **)&L->tu->bases, &L->tu->capbases, L->tu->nbases + 2, sizeof(uint32_t))) {
        L->oom = true;
        return CXChildVisit_Break;
    }
    L->tu->bases[L->tu->nbases++] = w->cls_usr;
    L->tu->bases[L->tu->nbases++] = busr;
    if (w->depth < 16)
        note_bases(L, b, w->cls_usr, w->depth + 1);
    return CXChildVisit_Continue;
}

static void note_bases(lower *L, CXCursor cls, uint32_t cls_usr, unsigned depth)
{
    base_walk w = {L, cls_usr, depth};
    clang_visitChildren(cls, base_cb, &w);
}

/* The methods a virtual method `m` of class `cls` overrides, directly or
 * through the methods they override, as triples (usr, overridden, class)
 * in tu->overrides: a virtual call of one of them may run this
 * definition (analyze.c). */
static void note_overrides(lower *L, CXCursor m, uint32_t usr, uint32_t cls, unsigned depth)
{
    CXCursor *over = NULL;
    unsigned n = 0;
    clang_getOverriddenCursors(m, &over, &n);
    for (unsigned i = 0; i < n && !L->oom; i++) {
        uint32_t base = intern_cx(L, clang_getCursorUSR(over[i]));
        if (base == BW_NONE)
            continue;
        /* this method's triples are the last ones */
        bool seen = false;
        for (uint32_t k = L->tu->nover; k >= 3 && L->tu->overrides[k - 3] == usr && !seen; k -= 3)
            seen = L->tu->overrides[k - 2] == base;
        if (seen)
            continue;
        if (!bw_ir_grow((void **)&L->tu->overrides, &L->tu->capover, L->tu->nover + 3, sizeof(uint32_t))) {
            L->oom = true;
            break;
        }
        L->tu->overrides[L->tu->nover++] = usr;
        L->tu->overrides[L->tu->nover++] = base;
        L->tu->overrides[L->tu->nover++] = cls;
        if (depth < 16)
            note_overrides(L, over[i], usr, cls, depth + 1);
    }
    if (over != NULL)
        clang_disposeOverriddenCursors(over);
}

/* A virtual method that defines something to override: its class's
 * bases and what it overrides. */
static void note_virtual_method(lower *L, CXCursor m, uint32_t usr)
{
    CXCursor cls = clang_getCursorSemanticParent(m);
    uint32_t cusr = intern_cx(L, clang_getCursorUSR(cls));
    if (cusr == BW_NONE)
        return;
    uint32_t before = L->tu->nover;
    note_overrides(L, m, usr, cusr, 0);
    if (L->tu->nover == before)
        return; /* overrides nothing */
    if (!usr_marked(L, cusr, USR_BASES)) {
        mark_usr(L, cusr, USR_BASES);
        note_bases(L, cls, cusr, 0);
    }
}

/* A function that is only this TU's if something in it names it: a
 * `static` or `inline` function of a header (the kernel's headers hold
 * ~2,000 per TU, most of them unused by any one TU).  Lowering one that
 * nothing names would only analyse code this TU never runs; a TU that calls
 * it lowers it.  Functions the main file defines are always lowered. */
static bool deferrable(const lower *L, CXCursor fn)
{
    /* a lambda nothing calls or passes on is never run: its body waits
     * until a call names it (a closure returned and called elsewhere) */
    if (is_lambda_operator(L, fn))
        return true;
    if (L->main_file == NULL || L->all_header_functions)
        return false;
    if (clang_getCursorKind(fn) == CXCursor_CXXMethod && clang_CXXMethod_isVirtual(fn))
        return false; /* a virtual call names only the method it overrides */
    if (!is_template_code(fn) &&
        (clang_getCursorKind(fn) != CXCursor_FunctionDecl ||
         !(clang_getCursorLinkage(fn) == CXLinkage_Internal || clang_Cursor_isFunctionInlined(fn))))
        return false;
    /* where it is expanded: a function a macro of the main file defines
     * (SQLite's IOMETHODS) is the main file's */
    CXFile f = NULL;
    clang_getExpansionLocation(clang_getCursorLocation(fn), &f, NULL, NULL, NULL);
    return f != NULL && !clang_File_isEqual(f, L->main_file);
}

/* A function template, or a method of a class template: a header's is
 * deferred as an inline function is (every TU that includes it would
 * lower it otherwise). */
static bool is_template_code(CXCursor fn)
{
    if (clang_getCursorKind(fn) == CXCursor_FunctionTemplate)
        return true;
    /* a method of a class template, or of a class inside one */
    CXCursor p = clang_getCursorSemanticParent(fn);
    for (unsigned depth = 0; depth < 16 && !clang_Cursor_isNull(p); depth++) {
        enum CXCursorKind pk = clang_getCursorKind(p);
        if (pk == CXCursor_ClassTemplate || pk == CXCursor_ClassTemplatePartialSpecialization ||
            pk == CXCursor_FunctionTemplate)
            return true;
        if (pk != CXCursor_ClassDecl && pk != CXCursor_StructDecl && pk != CXCursor_UnionDecl)
            return false;
        p = clang_getCursorSemanticParent(p);
    }
    return false;
}

static void defer_function(lower *L, const deferred_fn *d)
{
    if (!bw_ir_grow((void **)&L->deferred, &L->capdeferred, L->ndeferred + 1, sizeof(deferred_fn))) {
        L->oom = true;
        return;
    }
    L->deferred[L->ndeferred++] = *d;
}

/* Lowers the deferred functions that lowered code names, until lowering
 * them names no more; the rest go to the memory lowering as `skipped`. */
static void lower_named_deferred(lower *L, bw_cursor_map *skipped)
{
    bool progress = true;
    while (progress && !L->oom) {
        progress = false;
        for (uint32_t i = 0; i < L->ndeferred && !L->oom; i++) {
            deferred_fn d = L->deferred[i];
            if (d.done || !is_named(L, d.usr))
                continue;
            if (L->deadline > 0 && bw_monotonic_seconds() > L->deadline) {
                L->timed_out = true; /* as visit_top stops */
                return;
            }
            L->deferred[i].done = true;
            lower_body(L, d.fn, d.body, d.usr, d.qual, d.np, d.method);
            lower_lambdas(L);
            progress = true;
        }
    }
    /* a template's or a lambda's body the memory lowering decides about
     * itself, as it did before this lowering deferred them */
    for (uint32_t i = 0; i < L->ndeferred && !L->oom; i++)
        if (!L->deferred[i].done &&
            !((L->cxx && is_template_code(L->deferred[i].fn)) || is_lambda_operator(L, L->deferred[i].fn)) &&
            !bw_cursor_map_put(skipped, L->deferred[i].fn, 1))
            L->oom = true;
}

/* A construct through which a function's variables may change under
 * another name or without a write the IR lowers: a lambda or a block (a
 * capture by reference), a reference bound to a variable or passed a
 * reference parameter, an asm statement's outputs, setjmp or vfork (a
 * longjmp comes back with the variables as they were when it was made),
 * an OpenMP region, the size of a variably modified type, an address
 * taken by __builtin_addressof. */
static bool variably_modified(CXType t)
{
    t = clang_getCanonicalType(t);
    while (t.kind == CXType_Pointer)
        t = clang_getCanonicalType(clang_getPointeeType(t));
    return t.kind == CXType_VariableArray;
}

static bool is_write_expr(CXCursor c, void *unused)
{
    (void)unused;
    if (!clang_Cursor_isNull(assigned_operand(c)))
        return true;
    if (clang_getCursorKind(c) != CXCursor_UnaryOperator)
        return false;
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
    return op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreDec ||
           op == CXUnaryOperator_PostDec;
}

static bool writes_unseen(CXCursor c, void *data)
{
    const lower *L = data;
    static const char *const setjmps[] = {"setjmp",     "_setjmp", "sigsetjmp", "__sigsetjmp",
                                          "__builtin_setjmp", "savectx", "getcontext", "vfork",
                                          "__builtin_addressof", NULL};
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_LambdaExpr || k == CXCursor_BlockExpr || k == CXCursor_GCCAsmStmt || k == CXCursor_AsmStmt ||
        k == CXCursor_MSAsmStmt)
        return true;
    /* OpenMP and OpenACC regions (their bodies run as other functions) */
    if (k >= CXCursor_OMPParallelDirective && k <= CXCursor_LastStmt && k != CXCursor_SEHLeaveStmt &&
        k != CXCursor_BuiltinBitCastExpr)
        return true;
    /* a variably modified type's size is evaluated (`char (*p)[(s = x, 1)]`) */
    if ((k == CXCursor_VarDecl || k == CXCursor_TypedefDecl) && variably_modified(clang_getCursorType(c)))
        return true;
    if (k == CXCursor_TypedefDecl && variably_modified(clang_getTypedefDeclUnderlyingType(c)))
        return true;
    /* a write inside sizeof or _Alignof runs only in a variably modified
     * type's size (`sizeof(char[(s = x, 1)])`) */
    if (k == CXCursor_UnaryExpr && any_descendant(c, is_write_expr, NULL))
        return true;
    if (k == CXCursor_CallExpr && call_name_is(c, setjmps))
        return true;
    if (!L->cxx)
        return false; /* C has no references */
    if (k == CXCursor_VarDecl || k == CXCursor_ParmDecl || k == CXCursor_FieldDecl) {
        enum CXTypeKind t = clang_getCursorType(c).kind;
        return t == CXType_LValueReference || t == CXType_RValueReference;
    }
    if (k == CXCursor_CallExpr) {
        CXType ft = clang_getCursorType(clang_getCursorReferenced(c));
        int n = clang_getNumArgTypes(ft);
        for (int i = 0; i < n; i++) {
            enum CXTypeKind t = clang_getArgType(ft, (unsigned)i).kind;
            if (t == CXType_LValueReference || t == CXType_RValueReference)
                return true;
        }
    }
    return false;
}

static void lower_body(lower *L, CXCursor fn, CXCursor body, uint32_t usr, uint32_t qual, int np, bool method)
{
    uint32_t nparams = (uint32_t)np + (method ? 1u : 0u);
    L->fn = fn;
    L->body = body;
    L->in_lambda = is_lambda_operator(L, fn);
    L->closure_copied = clang_getNullCursor();
    for (uint32_t i = 0; i < L->nclosure_vars; i++)
        plan_free(&L->closure_vars[i].plan);
    L->nclosure_vars = 0;
    L->nparams = (uint32_t)np;
    L->is_method = method;
    L->params = bw_calloc((size_t)np + 1, sizeof(CXCursor));
    if (L->params == NULL) {
        L->oom = true;
        return;
    }
    param_cursors(fn, L->params, np);
    L->ninsns = L->nplaces = L->ntemps = 0;
    bw_cursor_map_clear(&L->var_places);
    L->nbrk = L->ncont = L->nlabels = L->ncase = 0;
    L->nlitarrs = 0;
    L->in_switch = false;
    L->sw = NULL;
    bw_strmap_free(&L->placemap);

    lower_stmt(L, body);
    emit(L, BW_OP_RETURN, body);
    if (!L->oom && (L->cxx || any_descendant(body, writes_unseen, L)))
        for (uint32_t i = 0; i < L->nplaces; i++)
            L->places[i].flags |= BW_PLACEF_UNTRACKED;
    /* resolve gotos */
    for (uint32_t i = 0; i < L->nlabels; i++) {
        if (L->labels[i].insn == BW_NONE)
            continue;
        uint32_t target = L->ninsns - 1;
        for (uint32_t j = 0; j < L->nlabels; j++)
            if (L->labels[j].insn == BW_NONE && L->labels[j].name == L->labels[i].name)
                target = L->labels[j].target;
        insn(L, L->labels[i].insn)->a = target;
    }
    /* every dangling edge falls through to the next instruction */
    for (uint32_t i = 0; i < L->ninsns; i++) {
        bw_ir_insn *in = &L->insns[i];
        if (in->op == BW_OP_JUMP && (in->a == BW_NONE || in->a >= L->ninsns))
            in->a = L->ninsns - 1;
        if (in->op == BW_OP_BRANCH) {
            if (in->a == BW_NONE || in->a >= L->ninsns)
                in->a = i + 1 < L->ninsns ? i + 1 : L->ninsns - 1;
            if (in->b == BW_NONE || in->b >= L->ninsns)
                in->b = L->ninsns - 1;
        }
    }
    if (L->oom) {
        bw_free(L->params);
        L->params = NULL;
        return;
    }
    bw_ir_tu *tu = L->tu;
    if (!bw_ir_grow((void **)&tu->funcs, &tu->capfuncs, tu->nfuncs + 1, sizeof(bw_ir_func))) {
        L->oom = true;
        bw_free(L->params);
        L->params = NULL;
        return;
    }
    bw_ir_func *f = &tu->funcs[tu->nfuncs];
    memset(f, 0, sizeof(*f));
    f->name = intern_cx(L, clang_getCursorSpelling(fn));
    f->qual = qual;
    f->usr = usr;
    f->loc = loc_of(L, fn);
    f->nparams = nparams;
    f->param_names = arena(L, sizeof(uint32_t) * (nparams + 1u));
    if (f->param_names != NULL) {
        uint32_t pi = 0;
        if (method)
            f->param_names[pi++] = intern(L, "this");
        for (int i = 0; i < np; i++)
            f->param_names[pi++] = intern_cx(L, clang_getCursorSpelling(L->params[i]));
    }
    f->variadic = clang_Cursor_isVariadic(fn) ? 1 : 0;
    f->is_main = strcmp(bw_ir_str(tu, f->name), "main") == 0 && !method;
    f->is_method = method;
    f->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
    f->is_template = L->cxx && is_template_code(fn);
    f->nplaces = L->nplaces;
    f->places = arena(L, sizeof(bw_ir_place) * (L->nplaces + 1u));
    f->ninsns = L->ninsns;
    f->insns = arena(L, sizeof(bw_ir_insn) * (L->ninsns + 1u));
    if (f->places != NULL && f->insns != NULL && !L->oom) {
        if (L->nplaces > 0)
            memcpy(f->places, L->places, sizeof(bw_ir_place) * L->nplaces);
        memcpy(f->insns, L->insns, sizeof(bw_ir_insn) * L->ninsns);
        tu->nfuncs++;
    }
    bw_free(L->params);
    L->params = NULL;
}

/* The functions a global's initializer names take their address; a call
 * there (a C++ dynamic initializer) calls its callee, so only its
 * arguments are looked at. */
static enum CXChildVisitResult visit_global_init(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lower *L = data;
    if (L->oom)
        return CXChildVisit_Break;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CallExpr) {
        int n = clang_Cursor_getNumArguments(c);
        for (int i = 0; i < n; i++) {
            CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
            if (visit_global_init(a, c, L) == CXChildVisit_Recurse)
                clang_visitChildren(a, visit_global_init, L);
        }
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_FunctionDecl || dk == CXCursor_CXXMethod)
            note_addr_taken(L, d);
    }
    return CXChildVisit_Recurse;
}

/* ---- fields a global's initializer stores into ---- */

/* A global (or static local) whose initializer holds text (a constant
 * table: `static const PragmaName aPragmaName[] = {{"analysis_limit",
 * ...}, ...}`) stores into every field of its record type, of the records
 * nested in it by value, and of its bases: the analysis counts those fields
 * as ones the program fills (analyze.c, P->filled), as it does fields a
 * function stores into.  An initializer without a string literal (`= {0}`,
 * `{ .id = 7 }`) stores no text, and does not count: a field the program
 * never fills with text keeps what the access path brings (a record laid
 * over input). */
#define INIT_DEPTH 4

static void note_init_record(lower *L, CXType t, unsigned depth);
static void note_init_fields(lower *L, CXType t, uint32_t rec, unsigned depth);

struct init_walk {
    lower *L;
    uint32_t rec;
    unsigned depth;
};

static enum CXVisitorResult init_field(CXCursor field, CXClientData data)
{
    struct init_walk *w = data;
    lower *L = w->L;
    CXType ft = array_base_type(clang_getCursorType(field));
    CXString sp = clang_getCursorSpelling(field);
    const char *name = clang_getCString(sp);
    bool named = name != NULL && name[0] != '\0' && !clang_Cursor_isAnonymousRecordDecl(clang_getTypeDeclaration(ft));
    if (named) {
        uint32_t id = field_id(L, w->rec, name);
        bw_ir_tu *tu = L->tu;
        if (id == BW_NONE || !bw_ir_grow((void **)&tu->init_fields, &tu->capinit, tu->ninit + 1, sizeof(uint32_t)))
            L->oom = true;
        else
            tu->init_fields[tu->ninit++] = id;
    }
    clang_disposeString(sp);
    if (L->oom)
        return CXVisit_Break;
    if (ft.kind == CXType_Record) {
        /* an anonymous struct or union's members are the enclosing record's */
        if (named)
            note_init_record(L, ft, w->depth + 1);
        else
            note_init_fields(L, ft, w->rec, w->depth + 1);
    }
    return CXVisit_Continue;
}

static enum CXChildVisitResult init_base(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct init_walk *w = data;
    if (clang_getCursorKind(c) == CXCursor_CXXBaseSpecifier) {
        /* a base's member read through the derived type is named after the
         * derived record (`Pragma.name`), through the base after the base */
        note_init_fields(w->L, clang_getCursorType(c), w->rec, w->depth + 1);
        note_init_record(w->L, clang_getCursorType(c), w->depth + 1);
    }
    return CXChildVisit_Continue;
}

/* Notes the fields of record `t` under the name of record `rec`. */
static void note_init_fields(lower *L, CXType t, uint32_t rec, unsigned depth)
{
    if (depth > INIT_DEPTH || L->oom)
        return;
    struct init_walk w = {L, rec, depth};
    clang_Type_visitFields(clang_getCanonicalType(t), init_field, &w);
    clang_visitChildren(clang_getTypeDeclaration(clang_getCanonicalType(t)), init_base, &w);
}

/* Notes the fields of record type `t` (once per record and TU). */
static void note_init_record(lower *L, CXType t, unsigned depth)
{
    if (depth > INIT_DEPTH || L->oom)
        return;
    uint32_t rec = record_usr_cached(L, t, false);
    if (rec == BW_NONE || usr_marked(L, rec, USR_INIT))
        return;
    mark_usr(L, rec, USR_INIT);
    note_init_fields(L, t, rec, depth);
}

static enum CXChildVisitResult find_string_literal(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_StringLiteral)
        return CXChildVisit_Recurse;
    *(bool *)data = true;
    return CXChildVisit_Break;
}

static void note_global_initializer(lower *L, CXCursor var)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(var);
    if (clang_Cursor_isNull(init) || clang_isInvalid(clang_getCursorKind(init)))
        return;
    CXType t = array_base_type(clang_getCursorType(var));
    if (t.kind != CXType_Record)
        return;
    bool text = clang_getCursorKind(init) == CXCursor_StringLiteral;
    if (!text)
        clang_visitChildren(init, find_string_literal, &text);
    if (text)
        note_init_record(L, t, 0);
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lower *L = data;
    if (L->oom)
        return CXChildVisit_Break;
    if (L->deadline > 0 && bw_monotonic_seconds() > L->deadline) {
        L->timed_out = true;
        return CXChildVisit_Break;
    }
    enum CXCursorKind k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
    case CXCursor_UnexposedDecl:
    /* a class template's methods are lowered once, in their pattern
     * (calls of an instantiation name it: template_pattern) */
    case CXCursor_ClassTemplate:
    case CXCursor_ClassTemplatePartialSpecialization:
        if (in_system(c))
            return CXChildVisit_Continue;
        return CXChildVisit_Recurse;
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_Destructor:
    case CXCursor_ConversionFunction:
    case CXCursor_FunctionTemplate:
        if (!in_system(c))
            lower_function(L, c);
        return CXChildVisit_Continue;
    case CXCursor_VarDecl:
        /* a function named in a global's initializer (a module's method
         * table, `static const sqlite3_module m = {..., xFilter, ...}`) is
         * called through a pointer: its parameters' origin is unknown even
         * when nothing calls it directly */
        if (!in_system(c)) {
            clang_visitChildren(c, visit_global_init, L);
            note_global_initializer(L, c);
        }
        return CXChildVisit_Continue;
    default:
        return CXChildVisit_Continue;
    }
}

/* ---- suppressions ------------------------------------------------------ */

/* True when a // or /x comment opens between the line start ls and m, outside
 * string and character literals: a marker quoted in a string (a message
 * that explains the syntax) is not a suppression. */
static bool comment_opens_before(const char *ls, const char *m)
{
    char quote = 0;
    for (const char *q = ls; q < m; q++) {
        if (quote != 0) {
            if (*q == '\\' && q + 1 < m)
                q++;
            else if (*q == quote)
                quote = 0;
        } else if (*q == '"' || *q == '\'') {
            quote = *q;
        } else if (q + 1 < m && q[0] == '/' && (q[1] == '/' || q[1] == '*')) {
            return true;
        }
    }
    return false;
}

bool bw_extract_suppressions(bw_ir_tu *tu, uint32_t path_id, const char *text, size_t len)
{
    static const char marker[] = "bulwark-ignore";
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *m = memmem(p, (size_t)(end - p), marker, sizeof(marker) - 1);
        if (m == NULL)
            break;
        /* must be inside a comment: // or /x on the same line before it */
        const char *ls = m;
        while (ls > text && ls[-1] != '\n')
            ls--;
        uint32_t line = 1;
        for (const char *q = text; q < ls; q++)
            if (*q == '\n')
                line++;
        bool comment = comment_opens_before(ls, m);
        const char *q = m + sizeof(marker) - 1;
        p = q;
        if (!comment || q >= end || *q != '(')
            continue;
        const char *rs = ++q;
        while (q < end && *q != ')' && *q != '\n')
            q++;
        if (q >= end || *q != ')')
            continue;
        uint32_t rule = bw_ir_intern_n(tu, rs, (size_t)(q - rs));
        q++;
        uint32_t reason = BW_NONE;
        if (q < end && *q == ':') {
            q++;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            const char *re = q;
            while (re < end && *re != '\n' && !(re[0] == '*' && re + 1 < end && re[1] == '/'))
                re++;
            while (re > q && (re[-1] == ' ' || re[-1] == '\t' || re[-1] == '\r'))
                re--;
            if (re > q)
                reason = bw_ir_intern_n(tu, q, (size_t)(re - q));
        }
        if (rule == BW_NONE ||
            !bw_ir_grow((void **)&tu->supprs, &tu->capsupprs, tu->nsupprs + 1, sizeof(bw_ir_suppr)))
            return false;
        tu->supprs[tu->nsupprs++] =
            (bw_ir_suppr){{path_id, line, (uint32_t)(m - ls) + 1}, rule, reason};
    }
    return true;
}

/* ---- TU --------------------------------------------------------------- */

/* The text of a TU's file: the reader's when the file's time is the one
 * libclang saw (a file changed since would hash and index wrong), else
 * libclang's buffer. */
static const char *file_text(lower *L, CXFile file, size_t *size)
{
    if (L->reader != NULL) {
        CXString s = clang_getFileName(file);
        const char *name = clang_getCString(s);
        char *path = NULL;
        if (name != NULL && name[0] != '\0')
            path = name[0] == '/' || L->dir == NULL ? bw_strdup(name) : bw_path_join(L->dir, name);
        clang_disposeString(s);
        int64_t mtime = 0;
        const char *text = path != NULL ? L->reader->read(L->reader->ctx, path, size, &mtime) : NULL;
        bw_free(path);
        if (text != NULL && mtime == (int64_t)clang_getFileTime(file))
            return text;
    }
    return clang_getFileContents(L->ctu, file, size);
}

/* Records file v[i] of the TU, unless it is a system header: its content
 * hash (a dependency of the cached IR) and its suppressions. */
static void record_file(lower *L, const bw_tu_files *fs, uint32_t i)
{
    if (L->oom)
        return;
    CXFile file = fs->v[i].file;
    size_t size = 0;
    const char *content = NULL;
    /* the text first only where it lets the system question be answered
     * without libclang's per-file lookup (tu_files.h) */
    bool fetched = bw_tu_files_maybe_user(fs, i);
    if (fetched)
        content = file_text(L, file, &size);
    if (bw_tu_files_is_system(fs, L->ctu, i, content, size))
        return;
    if (!fetched)
        content = file_text(L, file, &size);
    if (content != NULL && !bw_loc_cache_set_text(L->locs, file, content, size)) {
        L->oom = true;
        return;
    }
    uint32_t path = bw_file_name_intern(L->tu, file, L->dir);
    if (path == BW_NONE) {
        L->oom = true;
        return;
    }
    bw_ir_tu *tu = L->tu;
    for (uint32_t d = 0; d < tu->ndeps; d++)
        if (tu->deps[d].path == path)
            return;
    if (!bw_ir_grow((void **)&tu->deps, &tu->capdeps, tu->ndeps + 1, sizeof(bw_ir_dep))) {
        L->oom = true;
        return;
    }
    tu->deps[tu->ndeps++] = (bw_ir_dep){path, content != NULL ? bw_hash_bytes(content, size, 0) : 0};
    if (content != NULL && !bw_extract_suppressions(tu, path, content, size))
        L->oom = true;
}

/* Every file of the TU in libclang's inclusion order, each once (a file
 * entered again adds nothing: libclang answered its questions about the
 * file's first FileID every time). */
static void record_files(lower *L)
{
    bw_tu_files fs;
    memset(&fs, 0, sizeof(fs));
    if (!bw_tu_files_collect(&fs, L->ctu))
        L->oom = true;
    uint8_t *done = bw_calloc(fs.n + 1, 1);
    if (done == NULL)
        L->oom = true;
    for (uint32_t k = 0; k < fs.norder && !L->oom; k++) {
        uint32_t i = fs.order[k];
        if (done[i])
            continue;
        done[i] = 1;
        record_file(L, &fs, i);
    }
    bw_free(done);
    bw_tu_files_free(&fs);
}

#ifndef BW_CLANG_RESOURCE_DIR
#define BW_CLANG_RESOURCE_DIR ""
#endif

/* Whether to name clang's own header directory (stdarg.h, stddef.h): the
 * one found when Bulwark was built, if it is still there and the command
 * names none itself.  libclang's own guess is relative to where it is
 * installed, and on Debian it comes out as "lib/clang/N", which clang looks
 * up from the TU's working directory. */
static bool use_resource_dir(size_t nargs, const char *const *args)
{
    struct stat st;
    if (BW_CLANG_RESOURCE_DIR[0] == '\0' || stat(BW_CLANG_RESOURCE_DIR, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    for (size_t i = 0; i < nargs; i++)
        if (strncmp(args[i], "-resource-dir", 13) == 0)
            return false;
    return true;
}

bw_status bw_extract_tu(CXIndex index, const char *directory, const char *file, size_t nargs,
                        const char *const *args, struct CXUnsavedFile *unsaved, unsigned nunsaved,
                        bw_ir_tu **out, char **diags_out, bw_error *err)
{
    return bw_extract_tu_limited(index, directory, file, nargs, args, unsaved, nunsaved, NULL, NULL, out, diags_out,
                                 err);
}

bw_status bw_extract_tu_limited(CXIndex index, const char *directory, const char *file, size_t nargs,
                                const char *const *args, struct CXUnsavedFile *unsaved, unsigned nunsaved,
                                const bw_extract_options *opts, bool *timed_out, bw_ir_tu **out,
                                char **diags_out, bw_error *err)
{
    const bw_extract_options defaults = {0};
    if (opts == NULL)
        opts = &defaults;
    const bw_extract_reader *reader = opts->reader;
    double time_limit = opts->time_limit;
    *out = NULL;
    *diags_out = NULL;
    bw_status st = BW_OK;
    const char **argv = bw_calloc(nargs + 4, sizeof(char *));
    char *wd = NULL;
    lower L;
    memset(&L, 0, sizeof(L));
    bw_loc_cache locs;
    bw_loc_cache_init(&locs, NULL);
    L.locs = &locs;
    bw_cursor_map skipped = BW_CURSOR_MAP_INIT;
    L.reader = reader;
    L.dir = directory;
    L.all_header_functions = opts->all_header_functions;
    if (time_limit > 0)
        L.deadline = bw_monotonic_seconds() + time_limit; /* parsing counts too, though libclang cannot be stopped */
    if (argv == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    size_t n = 0;
    if (use_resource_dir(nargs, args)) {
        argv[n++] = "-resource-dir";
        argv[n++] = BW_CLANG_RESOURCE_DIR;
    }
    if (directory != NULL) {
        size_t wl = strlen(directory) + sizeof("-working-directory=");
        wd = bw_malloc(wl);
        if (wd == NULL) {
            bw_free(argv);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        snprintf(wd, wl, "-working-directory=%s", directory);
        argv[n++] = wd;
    }
    for (size_t i = 0; i < nargs; i++)
        argv[n++] = args[i];
    CXTranslationUnit ctu = NULL;
    enum CXErrorCode ec = clang_parseTranslationUnit2(
        index, file, argv, (int)n, unsaved, nunsaved,
        CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &ctu);
    if (ec != CXError_Success || ctu == NULL) {
        const char *why = ec == CXError_Crashed ? "libclang crashed while parsing" :
                          ec == CXError_InvalidArguments ? "libclang rejected the arguments" :
                          ec == CXError_ASTReadError ? "libclang could not read the AST" :
                          "libclang could not parse the file";
        bw_buf d = BW_BUF_INIT;
        bw_buf_printf(&d, "%s: %s", file, why);
        *diags_out = bw_buf_take(&d);
        st = bw_error_set(err, BW_ERR_TOOL, "%s: %s", file, why);
        goto done;
    }
    {
        unsigned nd = clang_getNumDiagnostics(ctu);
        bw_buf d = BW_BUF_INIT;
        bool failed = false;
        for (unsigned i = 0; i < nd; i++) {
            CXDiagnostic dg = clang_getDiagnostic(ctu, i);
            enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(dg);
            if (sev >= CXDiagnostic_Error && !bw_mem_tolerated_error(dg)) {
                failed = true;
                CXString s = clang_formatDiagnostic(dg, clang_defaultDiagnosticDisplayOptions());
                bw_buf_puts(&d, clang_getCString(s));
                bw_buf_putc(&d, '\n');
                clang_disposeString(s);
            }
            clang_disposeDiagnostic(dg);
        }
        if (failed) {
            *diags_out = bw_buf_take(&d);
            st = bw_error_set(err, BW_ERR_TOOL, "%s: the file does not compile", file);
            goto done;
        }
        bw_buf_free(&d);
    }
    L.tu = bw_ir_tu_new();
    if (L.tu == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    L.ctu = ctu;
    L.cxx = tu_is_cxx(file, nargs, args);
    bw_loc_cache_init(&locs, ctu); /* nothing cached yet */
    locs.dir = directory;
    {
        CXFile mf = clang_getFile(ctu, file);
        L.main_file = mf;
        if (mf != NULL)
            L.tu->main_file = bw_file_name_intern(L.tu, mf, directory);
        else
            L.tu->main_file = intern(&L, file);
    }
    record_files(&L);
    clang_visitChildren(clang_getTranslationUnitCursor(ctu), mark_embedded, &L);
    clang_visitChildren(clang_getTranslationUnitCursor(ctu), visit_top, &L);
    if (!L.timed_out)
        lower_named_deferred(&L, &skipped);
    if (L.timed_out) {
        if (timed_out != NULL)
            *timed_out = true;
        bw_buf d = BW_BUF_INIT;
        bw_buf_printf(&d, "%s: lowering stopped at the time limit (%g s per TU; raise it with --time-limit)", file,
                      time_limit);
        *diags_out = bw_buf_take(&d);
        st = bw_error_set(err, BW_ERR_TOOL, "%s: lowering stopped at the time limit (%g s)", file, time_limit);
        goto done;
    }
    if (!L.oom && !bw_mem_extract(L.tu, ctu, &locs, &skipped))
        L.oom = true;
    if (L.oom || L.tu->arena.failed) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory while lowering %s", file);
        goto done;
    }
    *out = L.tu;
    L.tu = NULL;
done:
    bw_ir_tu_free(L.tu);
    bw_free(L.insns);
    bw_free(L.places);
    bw_strmap_free(&L.placemap);
    bw_cursor_map_free(&L.var_places);
    bw_cursor_map_free(&skipped);
    bw_free(L.deferred);
    bw_free(L.lambdas);
    bw_strmap_free(&L.fn_names);
    bw_strmap_free(&L.specialized);
    for (uint32_t i = 0; i < L.nname_keys; i++)
        bw_free(L.name_keys[i]);
    bw_free(L.name_keys);
    for (uint32_t i = 0; i < L.nclosure_vars; i++)
        plan_free(&L.closure_vars[i].plan);
    bw_free(L.closure_vars);
    bw_free(L.usr_marks);
    bw_cursor_pairs_free(&L.callees);
    bw_loc_cache_free(&locs);
    bw_free(L.brk_list);
    bw_free(L.cont_list);
    bw_free(L.labels);
    bw_free(L.case_list);
    bw_free(L.litarrs);
    bw_buf_free(&L.scratch);
    bw_buf_free(&L.ext_root);
    bw_buf_free(&L.ext_path);
    bw_buf_free(&L.ext_name);
    bw_free(L.types);
    if (ctu != NULL)
        clang_disposeTranslationUnit(ctu);
    bw_free(wd);
    bw_free(argv);
    return st;
}

