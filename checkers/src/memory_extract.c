/*
 * memory_extract.c — lowering functions into the mem tree (see memory.h).
 *
 * The tree keeps what size and lifetime reasoning needs and the flow IR
 * drops: integer constants (folded by clang), the sizes of types, array
 * lengths, member offsets, operators, and the statement structure.
 */
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "cursor_map.h"
#include "decl_text.h"
#include "loc_cache.h"
#include "memory.h"
#include "selection.h"
#include "trace_event.h"

struct type_slot;

#define MEMBER_CACHE 1024u

/* member_of's answer for one base type and member name. */
typedef struct member_slot {
    CXType bt;
    uint32_t name;
    long long off;
    bool arrow;
    bool used;
} member_slot;

typedef struct mx {
    bw_ir_tu *tu;
    CXTranslationUnit ctu;
    bw_mnode *nodes;
    uint32_t n, cap;
    bool oom;
    unsigned depth;
    bool case_unfolded;     /* a case label of the switch being lowered has no folded value */
    bw_cursor_map array_defs; /* global declared without a length -> index + 1 in array_types (0: none) */
    CXType *array_types;
    uint32_t narray_types, caparray_types;
    bw_loc_cache *locs;     /* shared with the flow IR's lowering */
    CXCursor null;          /* clang_getNullCursor(), for is_null */
    bw_cursor_pairs callees; /* function declaration -> its callee_name answer: name, usr */
    bw_cursor_map alloc_sizes; /* function declaration -> callee_alloc_size's answer */
    const bw_cursor_map *skip; /* functions not to lower (bw_mem_extract) */
    bw_cursor_map var_keys; /* declaration -> its var_info's index in vars */
    struct var_info *vars;
    uint32_t nvars, capvars;
    struct type_slot *types; /* type_facts_cached, BW_TYPE_SLOTS slots */
    member_slot members[MEMBER_CACHE];
} mx;

/* A cursor's children; most have a few, kept in `inl` without a heap
 * allocation (one per node was ~0.2 G instructions of malloc and free on
 * SQLite).  Filled in place by kids_of, released by mkids_free. */
typedef struct mkids {
    CXCursor *v;
    unsigned n, cap;
    bool oom;
    CXCursor inl[8];
} mkids;

static enum CXChildVisitResult kid_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    mkids *k = data;
    if (k->n == k->cap) {
        unsigned nc = k->cap * 2;
        CXCursor *nv = bw_reallocarray(k->v == k->inl ? NULL : k->v, nc, sizeof(CXCursor));
        if (nv == NULL) {
            k->oom = true;
            return CXChildVisit_Break;
        }
        if (k->v == k->inl)
            memcpy(nv, k->inl, sizeof(k->inl));
        k->v = nv;
        k->cap = nc;
    }
    k->v[k->n++] = c;
    return CXChildVisit_Continue;
}

static void kids_of(mx *X, CXCursor c, mkids *k)
{
    k->v = k->inl;
    k->n = 0;
    k->cap = 8;
    k->oom = false;
    clang_visitChildren(c, kid_cb, k);
    if (k->oom)
        X->oom = true;
}

static void mkids_free(mkids *k)
{
    if (k->v != k->inl)
        bw_free(k->v);
}

/* clang_Cursor_isNull without the two library calls it makes (~80
 * instructions, asked ~1.4 M times on SQLite): the null cursor is no
 * declaration, so clang_equalCursors compares its kind and data as they
 * are. */
static bool is_null(const mx *X, CXCursor c)
{
    return c.kind == X->null.kind && c.data[0] == X->null.data[0] && c.data[1] == X->null.data[1] &&
           c.data[2] == X->null.data[2];
}

static uint32_t intern(mx *X, const char *s)
{
    /* looked up first: bw_ir_intern copies the text (a malloc and a free)
     * before it finds the string most calls ask for again; same id */
    const char *t = s != NULL ? s : "";
    uint32_t id = bw_strmap_get(&X->tu->strmap, t);
    if (id == BW_NONE)
        id = bw_ir_intern(X->tu, t);
    if (id == BW_NONE)
        X->oom = true;
    return id;
}

static uint32_t intern_cx(mx *X, CXString s)
{
    uint32_t id = intern(X, clang_getCString(s));
    clang_disposeString(s);
    return id;
}

static uint32_t node(mx *X, uint8_t kind, CXCursor at)
{
    if (X->n == X->cap) {
        uint32_t nc = X->cap ? X->cap * 2 : 256;
        bw_mnode *nv = bw_reallocarray(X->nodes, nc, sizeof(bw_mnode));
        if (nv == NULL) {
            X->oom = true;
            return BW_NONE;
        }
        X->nodes = nv;
        X->cap = nc;
    }
    bw_mnode *m = &X->nodes[X->n];
    memset(m, 0, sizeof(*m));
    m->kind = kind;
    m->str = m->str2 = m->file = BW_NONE;
    m->alen = -1;
    if (!is_null(X, at)) {
        bw_loc l = bw_loc_get(X->locs, X->tu, clang_getCursorLocation(at), &X->oom);
        m->file = l.file;
        m->line = l.line;
        m->col = l.col;
    }
    return X->n++;
}

static void close_node(mx *X, uint32_t i)
{
    if (i != BW_NONE)
        X->nodes[i].end = X->n;
}

static bool is_charlike(CXType t)
{
    switch (clang_getCanonicalType(t).kind) {
    case CXType_Char_S: case CXType_Char_U: case CXType_SChar: case CXType_UChar:
    case CXType_WChar: case CXType_Char16: case CXType_Char32:
        return true;
    default:
        return false;
    }
}

static bool is_int_kind(enum CXTypeKind k, bool *is_signed)
{
    *is_signed = false;
    switch (k) {
    case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt:
    case CXType_ULong: case CXType_ULongLong: case CXType_UInt128: case CXType_Char16: case CXType_Char32:
        return true;
    case CXType_Char_S: case CXType_SChar: case CXType_WChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong: case CXType_Int128: case CXType_Enum:
        *is_signed = true;
        return true;
    default:
        return false;
    }
}

static uint32_t size_of(CXType t)
{
    long long s = clang_Type_getSizeOf(t);
    return s > 0 && s < UINT32_MAX ? (uint32_t)s : 0;
}

/* What a node's type says: set_type's fields, worked out once per type. */
typedef struct tfacts {
    uint32_t tsize, esize;
    int64_t alen;
    uint8_t tflags;
    uint8_t sets; /* 1: esize, 2: alen */
    uint8_t mflags; /* BW_MNF_BOOL */
} tfacts;

struct type_slot {
    CXType t;
    tfacts f;
    bool used;
    uint8_t va; /* is_va_list_type: 0 not asked yet, 1 no, 2 yes */
};

static tfacts type_facts(CXType t)
{
    tfacts f = {0, 0, 0, 0, 0, 0};
    CXType c = clang_getCanonicalType(t);
    f.tsize = size_of(c);
    if (clang_isVolatileQualifiedType(t) || clang_isVolatileQualifiedType(c)) /* also through a typedef */
        f.mflags |= BW_MNF_VOLATILE;
    bool sg;
    switch (c.kind) {
    case CXType_Pointer: {
        CXType p = clang_getPointeeType(c);
        f.tflags |= BW_MT_PTR;
        f.esize = clang_getCanonicalType(p).kind == CXType_Void ? 1 : size_of(p);
        f.sets |= 1;
        if (is_charlike(p))
            f.tflags |= BW_MT_CHAR;
        if (clang_isConstQualifiedType(p) && is_charlike(p))
            f.tflags |= BW_MT_CONST_STR;
        break;
    }
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray: {
        CXType e = clang_getArrayElementType(c);
        f.tflags |= BW_MT_ARRAY;
        f.esize = size_of(e);
        f.alen = c.kind == CXType_ConstantArray ? clang_getArraySize(c) : 0;
        f.sets |= 3;
        if (c.kind == CXType_IncompleteArray)
            f.tflags |= BW_MT_FLEX;
        if (c.kind == CXType_VariableArray)
            f.alen = -1;
        if (is_charlike(e))
            f.tflags |= BW_MT_CHAR;
        break;
    }
    case CXType_Record:
        f.tflags |= BW_MT_RECORD;
        break;
    default:
        if (c.kind == CXType_Bool)
            f.mflags |= BW_MNF_BOOL;
        if (is_int_kind(c.kind, &sg)) {
            f.tflags |= BW_MT_INT;
            if (sg)
                f.tflags |= BW_MT_SIGNED;
            if (is_charlike(c))
                f.tflags |= BW_MT_CHAR;
        }
        break;
    }
    return f;
}

/* The cache slot holding `t`'s facts (filled on a miss), NULL when the
 * cache could not be allocated: half a million nodes on SQLite have a few
 * thousand types, and each answer took several libclang calls
 * (canonical type, size, pointee). */
static struct type_slot *type_slot_of(mx *X, CXType t)
{
    if (X->types == NULL && (X->types = bw_calloc(BW_TYPE_SLOTS, sizeof(*X->types))) == NULL) {
        X->oom = true;
        return NULL;
    }
    struct type_slot *e = &X->types[bw_type_slot(t)];
    if (!e->used || !bw_same_type(e->t, t)) {
        e->t = t;
        e->f = type_facts(t);
        e->used = true;
        e->va = 0;
    }
    return e;
}

static tfacts type_facts_cached(mx *X, CXType t)
{
    const struct type_slot *e = type_slot_of(X, t);
    return e != NULL ? e->f : type_facts(t);
}

static void set_type(mx *X, uint32_t i, CXType t)
{
    if (i == BW_NONE)
        return;
    tfacts f = type_facts_cached(X, t);
    bw_mnode *m = &X->nodes[i];
    m->tsize = f.tsize;
    m->tflags |= f.tflags;
    m->mflags |= f.mflags;
    if (f.sets & 1)
        m->esize = f.esize;
    if (f.sets & 2)
        m->alen = f.alen;
}

static bool in_system(CXCursor c) { return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0; }

/* "l:name:line:col" for a local or parameter, "g:USR" for a global. */
static uint32_t var_key_compute(mx *X, CXCursor decl, bool *global)
{
    char buf[512];
    *global = false;
    if (clang_getCursorKind(decl) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(decl) == 1) {
        CXString u = clang_getCursorUSR(decl);
        snprintf(buf, sizeof(buf), "g:%s", clang_getCString(u));
        clang_disposeString(u);
        *global = true;
        return intern(X, buf);
    }
    CXString s = clang_getCursorSpelling(decl);
    unsigned line = 0, col = 0;
    clang_getSpellingLocation(clang_getCursorLocation(decl), NULL, &line, &col, NULL);
    snprintf(buf, sizeof(buf), "l:%s:%u:%u", clang_getCString(s), line, col);
    clang_disposeString(s);
    return intern(X, buf);
}

/* What the nodes naming a variable carry: its key, its name and whether
 * it is global. */
typedef struct var_info {
    uint32_t key, name;
    bool global;
} var_info;

/* var_info, worked out once per declaration: a variable is referenced
 * many times and each answer cost a USR or a spelling location and a
 * spelling from libclang.  The name is interned right after the key, as
 * every caller did, so strings keep their ids. */
static var_info var_of(mx *X, CXCursor decl)
{
    uint32_t v;
    if (bw_cursor_map_get(&X->var_keys, decl, &v))
        return X->vars[v];
    var_info vi;
    vi.key = var_key_compute(X, decl, &vi.global);
    vi.name = intern_cx(X, clang_getCursorSpelling(decl));
    if (X->oom)
        return vi;
    if (!bw_ir_grow((void **)&X->vars, &X->capvars, X->nvars + 1, sizeof(var_info)) ||
        !bw_cursor_map_put(&X->var_keys, decl, X->nvars)) {
        X->oom = true;
        return vi;
    }
    X->vars[X->nvars++] = vi;
    return vi;
}

static void lower_expr(mx *X, CXCursor c);
static void lower_stmt(mx *X, CXCursor c);

/* Folds an integer constant expression; false when it is not one. */
static bool fold_int(CXCursor c, int64_t *out)
{
    long long v = 0;
    if (!bw_eval_int(c, &v))
        return false;
    *out = (int64_t)v;
    return true;
}

static bool foldable_kind(CXCursor c)
{
    switch (clang_getCursorKind(c)) {
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_BinaryOperator:
    case CXCursor_UnaryOperator:
    case CXCursor_UnaryExpr:
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
        return true;
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl)
            return true;
        return clang_getCursorKind(d) == CXCursor_VarDecl &&
               clang_isConstQualifiedType(clang_getCursorType(d));
    }
    default:
        return false;
    }
}

static void lower_kids_as(mx *X, CXCursor c, uint8_t kind)
{
    uint32_t i = node(X, kind, c);
    set_type(X, i, clang_getCursorType(c));
    enum CXCursorKind ck = clang_getCursorKind(c);
    if (i != BW_NONE && (ck == CXCursor_LambdaExpr || ck == CXCursor_BlockExpr))
        X->nodes[i].mflags |= BW_MNF_DEFERRED;
    mkids k;
    kids_of(X, c, &k);
    for (unsigned j = 0; j < k.n; j++)
        if (clang_isExpression(clang_getCursorKind(k.v[j])) || clang_isStatement(clang_getCursorKind(k.v[j])))
            lower_expr(X, k.v[j]);
    mkids_free(&k);
    close_node(X, i);
}

/* The expressions among c's children, lowered in order. */
static void lower_expr_kids(mx *X, CXCursor c)
{
    mkids ks;
    kids_of(X, c, &ks);
    for (unsigned j = 0; j < ks.n; j++)
        if (clang_isExpression(clang_getCursorKind(ks.v[j])))
            lower_expr(X, ks.v[j]);
    mkids_free(&ks);
}

/* The one expression child of a transparent wrapper, or a null cursor. */
static CXCursor only_expr_kid(mx *X, CXCursor c)
{
    mkids k;
    kids_of(X, c, &k);
    CXCursor r = clang_getNullCursor();
    unsigned n = 0;
    for (unsigned j = 0; j < k.n; j++)
        if (clang_isExpression(clang_getCursorKind(k.v[j]))) {
            r = k.v[j];
            n++;
        }
    mkids_free(&k);
    return n == 1 ? r : clang_getNullCursor();
}

/* True when the tokens of `c` contain `want` before any '(' (new/delete [). */
static bool has_bracket_token(mx *X, CXCursor c)
{
    CXToken *toks = NULL;
    unsigned nt = 0;
    clang_tokenize(X->ctu, clang_getCursorExtent(c), &toks, &nt);
    bool found = false;
    for (unsigned i = 0; i < nt && i < 8; i++) {
        CXString s = clang_getTokenSpelling(X->ctu, toks[i]);
        const char *t = clang_getCString(s);
        bool stop = strcmp(t, "(") == 0;
        if (strcmp(t, "[") == 0)
            found = true;
        clang_disposeString(s);
        if (found || stop)
            break;
    }
    clang_disposeTokens(X->ctu, toks, nt);
    return found;
}

static void callee_name_compute(mx *X, CXCursor ref, uint32_t *name, uint32_t *usr)
{
    CXString sp = clang_getCursorSpelling(ref);
    const char *s = clang_getCString(sp);
    char buf[512];
    enum CXCursorKind k = clang_getCursorKind(ref);
    if (k == CXCursor_CXXMethod || k == CXCursor_Constructor) {
        CXString ps = clang_getCursorSpelling(clang_getCursorSemanticParent(ref));
        snprintf(buf, sizeof(buf), "%s::%s", clang_getCString(ps), s);
        clang_disposeString(ps);
    } else {
        snprintf(buf, sizeof(buf), "%s", s);
    }
    clang_disposeString(sp);
    *name = intern(X, buf);
    CXString u = clang_getCursorUSR(ref);
    const char *us = clang_getCString(u);
    *usr = us != NULL && us[0] ? intern(X, us) : BW_NONE;
    clang_disposeString(u);
}

/* callee_name_compute once per declaration: a function is called many
 * times, and each answer was a spelling, a USR and two interns.  A miss
 * interns what it always did, so strings keep their ids. */
static void callee_name(mx *X, CXCursor ref, uint32_t *name, uint32_t *usr)
{
    uint32_t pair[2];
    if (bw_cursor_pairs_get(&X->callees, ref, pair)) {
        *name = pair[0];
        *usr = pair[1];
        return;
    }
    callee_name_compute(X, ref, name, usr);
    if (!X->oom && !bw_cursor_pairs_add(&X->callees, ref, *name, *usr))
        X->oom = true;
}

static enum CXChildVisitResult find_unexposed_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    *(bool *)data = true;
    return CXChildVisit_Break;
}

/* Reads "alloc_size(N[, M])" (any underscores) at `p`: N | M << 8, 0 when
 * the text there is something else. */
static uint32_t alloc_size_at(const char *p)
{
    p += 10; /* "alloc_size" */
    while (*p == '_')
        p++;
    unsigned long a = 0, b = 0;
    int used = 0;
    if (sscanf(p, " ( %lu , %lu )%n", &a, &b, &used) == 2 && used > 0 && a > 0 && a < 256 && b > 0 && b < 256)
        return (uint32_t)(a | b << 8);
    if (sscanf(p, " ( %lu )%n", &a, &used) == 1 && used > 0 && a > 0 && a < 256)
        return (uint32_t)a;
    return 0;
}

/* The attributes in clang's printing `text` of function `name`: the
 * whole text except the parameter list (a parameter's name or type may
 * spell "alloc_size" too).  Fills the two spans; false when the name and
 * its list are not found. */
static bool attr_spans(const char *text, const char *name, const char **a_end, const char **b_start)
{
    size_t nl = strlen(name);
    for (const char *p = strstr(text, name); p != NULL && nl > 0; p = strstr(p + 1, name)) {
        const char *q = p + nl;
        while (*q == ' ')
            q++;
        if (*q != '(' || (p > text && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
                                       (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'))))
            continue;
        int depth = 0;
        for (; *q != '\0'; q++) {
            depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
            if (depth == 0)
                break;
        }
        if (*q == '\0')
            return false;
        *a_end = p;
        *b_start = q + 1;
        return true;
    }
    return false;
}

/* A function's alloc_size(N[, M]) and returns_nonnull in clang's printing
 * of declaration `d` (libclang has no cursor kind for them, and Linux
 * writes alloc_size through a macro, `__alloc_size(1)`, whose tokens are
 * not the numbers): N | M << 8, | 1 << 16 for returns_nonnull; 0 none. */
static uint32_t alloc_size_printed(CXCursor d)
{
    bool has_attr = false;
    clang_visitChildren(d, find_unexposed_attr, &has_attr);
    CXString t;
    if (!has_attr || !bw_decl_text(d, &t))
        return 0;
    CXString sp = clang_getCursorSpelling(d);
    const char *text = clang_getCString(t), *name = clang_getCString(sp);
    const char *a_end = NULL, *b_start = NULL;
    uint32_t code = 0;
    if (text != NULL && name != NULL && attr_spans(text, name, &a_end, &b_start)) {
        for (const char *p = strstr(text, "alloc_size"); p != NULL && code == 0; p = strstr(p + 1, "alloc_size"))
            if (p < a_end || p >= b_start)
                code = alloc_size_at(p);
        for (const char *p = strstr(text, "returns_nonnull"); p != NULL && code != 0; p = strstr(p + 1, "returns_nonnull"))
            if (p < a_end || p >= b_start) {
                code |= 1u << 16;
                break;
            }
    }
    clang_disposeString(sp);
    clang_disposeString(t);
    return code;
}

/* The alloc_size attribute of a called function (kmalloc, kcalloc, any
 * GCC-style allocator): the memory rules take it as an allocator row whose
 * size is those arguments.  The first declaration is asked too, as a
 * definition's printing leaves out the attributes it inherits. */
static uint32_t callee_alloc_size(mx *X, CXCursor ref)
{
    uint32_t code = 0;
    if (bw_cursor_map_get(&X->alloc_sizes, ref, &code))
        return code;
    code = alloc_size_printed(ref);
    if (code == 0) {
        CXCursor first = clang_getCanonicalCursor(ref);
        if (!clang_equalCursors(first, ref))
            code = alloc_size_printed(first);
    }
    if (!bw_cursor_map_put(&X->alloc_sizes, ref, code))
        X->oom = true;
    return code;
}

typedef struct array_definition {
    CXCursor canonical;
    CXType type;
    bool found;
} array_definition;

static enum CXChildVisitResult find_attribute(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c))) {
        *(bool *)data = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* A file-scope declaration of the variable with a length, without
 * attributes (a weak definition may be replaced by another size). */
static enum CXChildVisitResult find_array_definition(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    array_definition *a = data;
    if (clang_getCursorKind(c) != CXCursor_VarDecl ||
        !clang_equalCursors(clang_getCanonicalCursor(c), a->canonical))
        return CXChildVisit_Continue;
    CXType t = clang_getCursorType(c);
    bool attributed = false;
    clang_visitChildren(c, find_attribute, &attributed);
    if (clang_getCanonicalType(t).kind == CXType_ConstantArray && !attributed) {
        a->type = t;
        a->found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* The type of the declaration of global `d` that gives its array a length
 * (a definition, `char name[8];` tentative or not), else `t`.  libclang's
 * definition lookup misses C's tentative definitions, so the TU's
 * file-scope declarations are searched (for arrays declared without a
 * length only, and once per variable). */
static CXType defined_array_type(mx *X, CXCursor d, CXType t)
{
    uint32_t idx;
    if (bw_cursor_map_get(&X->array_defs, d, &idx))
        return idx == 0 ? t : X->array_types[idx - 1];
    array_definition a = {clang_getCanonicalCursor(d), t, false};
    CXCursor def = clang_getCursorDefinition(d); /* C++'s, and C's initialised ones */
    if (!is_null(X, def))
        find_array_definition(def, def, &a);
    if (!a.found)
        clang_visitChildren(clang_getTranslationUnitCursor(X->ctu), find_array_definition, &a);
    idx = 0;
    if (a.found && bw_ir_grow((void **)&X->array_types, &X->caparray_types, X->narray_types + 1, sizeof(CXType))) {
        X->array_types[X->narray_types++] = a.type;
        idx = X->narray_types;
    }
    if (!bw_cursor_map_put(&X->array_defs, d, idx))
        X->oom = true;
    return a.found ? a.type : t;
}

static bool is_function_decl(enum CXCursorKind k)
{
    return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
           k == CXCursor_Destructor || k == CXCursor_ConversionFunction || k == CXCursor_FunctionTemplate;
}

/* The type of the function call c calls: the callee's (ref), else the
 * called expression's, through a pointer or a block pointer (*block: a
 * block literal's, `^{ done = 0; }()`, whose body the mem tree does not
 * hold).  CXType_Invalid when neither is known. */
static CXType called_function_type(mx *X, CXCursor c, CXCursor ref, bool *block)
{
    *block = false;
    if (!is_null(X, ref) && is_function_decl(clang_getCursorKind(ref))) {
        CXType ft = clang_getCursorType(ref);
        if (ft.kind == CXType_FunctionProto || ft.kind == CXType_FunctionNoProto)
            return ft;
    }
    mkids k;
    kids_of(X, c, &k);
    CXType ft = k.n > 0 ? clang_getCanonicalType(clang_getCursorType(k.v[0])) : (CXType){CXType_Invalid, {0}};
    mkids_free(&k);
    *block = ft.kind == CXType_BlockPointer;
    if (ft.kind == CXType_Pointer || ft.kind == CXType_BlockPointer)
        ft = clang_getCanonicalType(clang_getPointeeType(ft));
    return ft;
}

/* Whether a function of type ft may take an argument by reference (a C++
 * `int &`): true when its type is not known, false for one without a
 * prototype (C's `int f();`, which takes copies). */
static bool takes_reference(CXType ft)
{
    if (ft.kind == CXType_FunctionNoProto)
        return false;
    if (ft.kind != CXType_FunctionProto)
        return true;
    int n = clang_getNumArgTypes(ft);
    for (int a = 0; a < n; a++) {
        enum CXTypeKind k = clang_getCanonicalType(clang_getArgType(ft, (unsigned)a)).kind;
        if (k == CXType_LValueReference || k == CXType_RValueReference)
            return true;
    }
    return false;
}

static void lower_call(mx *X, CXCursor c)
{
    CXCursor ref = clang_getCursorReferenced(c);
    int nargs = clang_Cursor_getNumArguments(c);
    uint32_t name = BW_NONE, usr = BW_NONE;
    /* a call through a pointer has no callee the rules know, whatever
     * the pointer is called (`attr->free(mod)` is not free()) */
    if (!is_null(X, ref) && is_function_decl(clang_getCursorKind(ref)))
        callee_name(X, ref, &name, &usr);
    const char *nm = bw_ir_str(X->tu, name);
    if (strcmp(nm, "operator>>") == 0 && nargs == 2) {
        uint32_t i = node(X, BW_MK_SHIFT_IN, c);
        set_type(X, i, clang_getCursorType(c));
        lower_expr(X, clang_Cursor_getArgument(c, 0));
        lower_expr(X, clang_Cursor_getArgument(c, 1));
        close_node(X, i);
        return;
    }
    uint32_t i = node(X, BW_MK_CALL, c);
    set_type(X, i, clang_getCursorType(c));
    if (i != BW_NONE) {
        X->nodes[i].str = name;
        X->nodes[i].str2 = usr;
    }
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (i != BW_NONE && rk == CXCursor_FunctionDecl)
        X->nodes[i].ival = callee_alloc_size(X, ref);
    bool block;
    CXType ft = called_function_type(X, c, ref, &block);
    if (i != BW_NONE && takes_reference(ft))
        X->nodes[i].mflags |= BW_MNF_REF_PARAMS;
    if (i != BW_NONE && block)
        X->nodes[i].mflags |= BW_MNF_UNFOLLOWED; /* its __block variables */
    if (i != BW_NONE && (strcmp(nm, "strcpy") == 0 || strcmp(nm, "__builtin_strcpy") == 0) &&
        bw_trace_event_sized_copy(X->ctu, c))
        X->nodes[i].mflags |= BW_MNF_SIZED_BY_EVENT;
    if (rk == CXCursor_CXXMethod) {
        /* the object: the base of the callee's member reference */
        mkids k;
        kids_of(X, c, &k);
        if (k.n > 0 && clang_getCursorKind(k.v[0]) == CXCursor_MemberRefExpr) {
            CXCursor obj = only_expr_kid(X, k.v[0]);
            if (!is_null(X, obj)) {
                if (i != BW_NONE)
                    X->nodes[i].op = 1;
                lower_expr(X, obj);
            }
        }
        mkids_free(&k);
    }
    for (int a = 0; a < nargs; a++)
        lower_expr(X, clang_Cursor_getArgument(c, (unsigned)a));
    close_node(X, i);
}

/* Whether type `t` is the va_list of the x86-64 and AArch64 ABIs (an array
 * of, or a pointer to, struct __va_list_tag / __va_list). */
static bool is_va_list_type(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    CXType e = c.kind == CXType_Pointer ? clang_getPointeeType(c)
               : c.kind == CXType_ConstantArray ? clang_getArrayElementType(c) : c;
    e = clang_getCanonicalType(e);
    if (e.kind != CXType_Record)
        return false;
    CXString sp = clang_getCursorSpelling(clang_getTypeDeclaration(e));
    const char *n = clang_getCString(sp);
    bool va = n != NULL && (strcmp(n, "__va_list_tag") == 0 || strcmp(n, "__va_list") == 0);
    clang_disposeString(sp);
    return va;
}

/* is_va_list_type, remembered with the type's facts: every cast and
 * implicit node asks it of its operand's type (~0.1 G instructions). */
static bool is_va_list_cached(mx *X, CXType t)
{
    struct type_slot *e = type_slot_of(X, t);
    if (e == NULL)
        return is_va_list_type(t);
    if (e->va == 0)
        e->va = is_va_list_type(t) ? 2 : 1;
    return e->va == 2;
}

/* A VAArgExpr (libclang exposes it as an unexposed expression of type `t`
 * whose one child is the va_list): its value is the next variadic argument. */
static bool is_va_arg(mx *X, CXCursor only_kid, CXType t)
{
    if (is_null(X, only_kid) || !is_va_list_cached(X, clang_getCursorType(only_kid)))
        return false;
    return !is_va_list_cached(X, t); /* not the array-to-pointer decay of `ap` itself */
}

/* The literal `t` read as a printf format: the characters of its conversion
 * specifications (each is replaced by its conversion's output; "%%" prints
 * one of its two) and the sum of their explicit widths and precisions (a
 * conversion prints at least its width), packed as memory.h's `fmt`. */
static uint32_t printf_specs(const char *t)
{
    uint32_t spec = 0, widths = 0;
    bool star = false;
    for (const char *p = t; (p = strchr(p, '%')) != NULL;) {
        const char *q = p + 1;
        if (*q == '%') {
            spec++;
            p = q + 1;
            continue;
        }
        while (*q != '\0' && strchr("-+ #0'", *q) != NULL)
            q++;
        uint32_t w = 0;
        for (bool prec = false;; prec = true) {
            if (*q == '*') {
                star = true;
                q++;
            }
            while (*q >= '0' && *q <= '9' && w < 100000)
                w = w * 10 + (uint32_t)(*q++ - '0');
            if (prec || *q != '.')
                break;
            q++;
        }
        while (*q != '\0' && strchr("hlLqjzt", *q) != NULL)
            q++;
        if (*q != '\0')
            q++; /* the conversion */
        spec += (uint32_t)(q - p);
        widths += w;
        p = q;
    }
    if (spec > 0xffff)
        spec = 0xffff;
    if (star || widths >= 0xffff)
        widths = 0xffff;
    return spec | widths << 16;
}

/* Whether a member access through a base of type `bt` is an arrow and
 * the member's offset in bits (clang_Type_getOffsetOf: -1 and below when
 * unknown), through a direct-mapped cache: ~0.1 G instructions of record
 * lookups by name on SQLite, for a few thousand distinct accesses. */
static const member_slot *member_of(mx *X, CXType bt, uint32_t name, const char *spelling)
{
    uint64_t h = ((uint64_t)(uintptr_t)bt.data[0] ^ (uint64_t)(uintptr_t)bt.data[1] >> 4 ^ (uint64_t)bt.kind ^
                  (uint64_t)name << 32) * 0x9e3779b97f4a7c15ull;
    member_slot *e = &X->members[h >> 54 & (MEMBER_CACHE - 1)];
    if (e->used && e->name == name && e->bt.kind == bt.kind && e->bt.data[0] == bt.data[0] &&
        e->bt.data[1] == bt.data[1])
        return e;
    CXType c = clang_getCanonicalType(bt);
    bool arrow = c.kind == CXType_Pointer;
    CXType rt = arrow ? clang_getCanonicalType(clang_getPointeeType(c)) : c;
    *e = (member_slot){bt, name, clang_Type_getOffsetOf(rt, spelling), arrow, true};
    return e;
}

/* The operand a compile-time selection (`__builtin_choose_expr`,
 * `_Generic`) picks, as if written alone; every child when which one is
 * not known. */
static void lower_selection_or_kids(mx *X, CXCursor c)
{
    mkids ks;
    kids_of(X, c, &ks);
    CXCursor chosen;
    bool known = !ks.oom && bw_selected_operand(c, ks.v, ks.n, &chosen);
    mkids_free(&ks);
    if (known)
        lower_expr(X, chosen);
    else
        lower_kids_as(X, c, BW_MK_OTHER);
}

/* Where a new-expression's array bound is written: the file offsets of
 * the first `[` and its `]` outside parentheses, braces and template
 * arguments (`new (buf) T[n]`, `new (std::nothrow) T[n]`,
 * `new std::map<K, V>[n]`, not `new T(a[1])`), in the file of the
 * expression's tokens; false for the scalar form.  Angle brackets count
 * only outside parentheses, where they can only be template arguments. */
typedef struct new_bound {
    CXFile file;
    unsigned open, close; /* offsets of `[` and its `]` */
} new_bound;

static bool find_new_bound(mx *X, CXCursor c, new_bound *nb)
{
    CXToken *toks = NULL;
    unsigned nt = 0;
    clang_tokenize(X->ctu, clang_getCursorExtent(c), &toks, &nt);
    int parens = 0, angles = 0, square = 0;
    bool found = false, done = false;
    for (unsigned i = 0; i < nt && !done; i++) {
        CXString s = clang_getTokenSpelling(X->ctu, toks[i]);
        const char *t = clang_getCString(s);
        unsigned off = 0;
        if (strcmp(t, "(") == 0 || strcmp(t, "{") == 0)
            parens++;
        else if (strcmp(t, ")") == 0 || strcmp(t, "}") == 0)
            done = --parens < 0;
        else if (parens == 0 && square == 0 && strcmp(t, "<") == 0)
            angles++;
        else if (parens == 0 && square == 0 && (strcmp(t, ">") == 0 || strcmp(t, ">>") == 0))
            angles -= t[1] == '>' ? 2 : 1;
        else if (parens == 0 && angles <= 0 && strcmp(t, "[") == 0) {
            if (square++ == 0 && !found)
                clang_getSpellingLocation(clang_getTokenLocation(X->ctu, toks[i]), &nb->file, NULL, NULL, &nb->open);
        } else if (parens == 0 && angles <= 0 && strcmp(t, "]") == 0 && square > 0) {
            if (--square == 0 && !found) {
                clang_getSpellingLocation(clang_getTokenLocation(X->ctu, toks[i]), NULL, NULL, NULL, &off);
                nb->close = off;
                found = true;
            }
        }
        clang_disposeString(s);
    }
    clang_disposeTokens(X->ctu, toks, nt);
    return found;
}

/* A placement argument of type std::nothrow_t (of the top-level
 * namespace std): this new returns NULL when it fails, like malloc(). */
static bool is_nothrow_tag(CXCursor e)
{
    CXCursor d = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(e)));
    if (clang_Cursor_isNull(d))
        return false;
    CXCursor ns = clang_getCursorSemanticParent(d);
    /* libc++ puts it in std::__1, an inline namespace of std */
    if (clang_getCursorKind(ns) == CXCursor_Namespace && clang_Cursor_isInlineNamespace(ns))
        ns = clang_getCursorSemanticParent(ns);
    /* <new> declares it inside extern "C++" { } */
    CXCursor top = clang_getCursorSemanticParent(ns);
    while (clang_getCursorKind(top) == CXCursor_LinkageSpec)
        top = clang_getCursorSemanticParent(top);
    CXString n = clang_getCursorSpelling(d);
    CXString nss = clang_getCursorSpelling(ns);
    bool r = strcmp(clang_getCString(n), "nothrow_t") == 0 && clang_getCursorKind(ns) == CXCursor_Namespace &&
             strcmp(clang_getCString(nss), "std") == 0 && clang_getCursorKind(top) == CXCursor_TranslationUnit;
    clang_disposeString(n);
    clang_disposeString(nss);
    return r;
}

/* Whether expression `e` is written between the bound's brackets: where
 * it is expanded (a macro's argument or body counts where it is used). */
static bool inside_bound(CXCursor e, const new_bound *nb)
{
    CXFile f = NULL;
    unsigned off = 0;
    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(e)), &f, NULL, NULL, &off);
    return f != NULL && nb->file != NULL && clang_File_isEqual(f, nb->file) && off > nb->open && off < nb->close;
}

/* new-expression: op BW_NEW_ARRAY for the array form, BW_NEW_COUNTED when
 * kid 0 is its bound (lowered first; placement arguments and the
 * initialiser follow it), BW_NEW_NOTHROW for new (std::nothrow).  The
 * bound is the kid written in the first brackets (of `new T[n][4]`, n:
 * libclang visits the inner 4 first); `new T[]{...}` takes the
 * initialiser's length. */
static void lower_new(mx *X, CXCursor c, CXType t)
{
    uint32_t i = node(X, BW_MK_NEW, c);
    set_type(X, i, t);
    new_bound nb = {0};
    bool array = find_new_bound(X, c, &nb);
    mkids ks;
    kids_of(X, c, &ks);
    unsigned count = ks.n;
    uint8_t op = array ? BW_NEW_ARRAY : 0;
    int64_t from_init = -1;
    for (unsigned j = 0; j < ks.n; j++) {
        CXCursor e = ks.v[j];
        enum CXCursorKind ek = clang_getCursorKind(e);
        if (!clang_isExpression(ek))
            continue;
        if (array && count == ks.n && inside_bound(e, &nb))
            count = j;
        if (ek == CXCursor_InitListExpr && clang_getArraySize(clang_getCursorType(e)) >= 0)
            from_init = clang_getArraySize(clang_getCursorType(e));
        if (is_nothrow_tag(e))
            op |= BW_NEW_NOTHROW;
    }
    if (count < ks.n) {
        op |= BW_NEW_COUNTED;
        lower_expr(X, ks.v[count]);
    } else if (array && nb.close == nb.open + 1 && from_init >= 0) {
        /* new T[]{a, b, c}: as many elements as the initialiser has */
        op |= BW_NEW_COUNTED;
        uint32_t n = node(X, BW_MK_INT, c);
        if (n != BW_NONE)
            X->nodes[n].ival = from_init;
        close_node(X, n);
    }
    for (unsigned j = 0; j < ks.n; j++)
        if (j != count && clang_isExpression(clang_getCursorKind(ks.v[j])))
            lower_expr(X, ks.v[j]);
    mkids_free(&ks);
    if (i != BW_NONE)
        X->nodes[i].op = op;
    close_node(X, i);
}

static void lower_expr(mx *X, CXCursor c)
{
    if (X->oom || is_null(X, c))
        return;
    if (++X->depth > 400) {
        uint32_t i = node(X, BW_MK_OTHER, c);
        close_node(X, i);
        X->depth--;
        return;
    }
    enum CXCursorKind k = clang_getCursorKind(c);
    CXType t = clang_getCursorType(c);
    int64_t v;
    /* BW_MT_INT: the canonical type is an integer kind (is_int_kind) */
    if ((type_facts_cached(X, t).tflags & BW_MT_INT) && foldable_kind(c) && fold_int(c, &v)) {
        uint32_t i = node(X, BW_MK_INT, c);
        set_type(X, i, t);
        if (i != BW_NONE) {
            X->nodes[i].ival = v;
            if (k == CXCursor_UnaryExpr) {
                /* sizeof: remember whether the operand is a pointer */
                CXCursor e = only_expr_kid(X, c);
                CXType et = clang_getCanonicalType(clang_getCursorType(e));
                if (!is_null(X, e) && et.kind == CXType_Pointer) {
                    X->nodes[i].kind = BW_MK_SIZEOF;
                    X->nodes[i].op = 1;
                }
            }
        }
        close_node(X, i);
        X->depth--;
        return;
    }
    switch (k) {
    case CXCursor_GNUNullExpr:          /* C++'s NULL */
    case CXCursor_CXXNullPtrLiteralExpr: {
        /* the null pointer, as C's ((void *)0) lowers: a 0 that the NULL
         * checks (is_nullish) and stores of NULL recognise */
        uint32_t i = node(X, BW_MK_INT, c);
        set_type(X, i, t);
        if (i != BW_NONE)
            X->nodes[i].ival = 0;
        close_node(X, i);
        break;
    }
    case CXCursor_StringLiteral: {
        uint32_t i = node(X, BW_MK_STR, c);
        set_type(X, i, t);
        if (i != BW_NONE) {
            X->nodes[i].ival = X->nodes[i].alen > 0 ? X->nodes[i].alen - 1 : 0;
            /* a scanf-style %s or %[ with no width (op 1) */
            CXEvalResult r = clang_Cursor_Evaluate(c);
            const char *txt = r != NULL && clang_EvalResult_getKind(r) == CXEval_StrLiteral ? clang_EvalResult_getAsStr(r) : NULL;
            /* an array initialiser gives the literal the array's type: measure the text */
            if (txt != NULL && X->nodes[i].esize == 1)
                X->nodes[i].ival = (int64_t)strlen(txt);
            /* libclang evaluates only some literals (not a call's argument):
             * read the conversions from the spelling then ("%s" as written) */
            CXString sp = clang_getCursorSpelling(c);
            if (txt == NULL)
                txt = clang_getCString(sp);
            for (const char *p = txt; p != NULL && (p = strchr(p, '%')) != NULL;) {
                p++;
                if (*p == '%') {
                    p++;
                    continue;
                }
                if (*p == '*')
                    p++;
                bool width = *p >= '0' && *p <= '9';
                while ((*p >= '0' && *p <= '9') || *p == 'l' || *p == 'h' || *p == 'm')
                    p++;
                if ((*p == 's' || *p == '[') && !width)
                    X->nodes[i].op = 1;
            }
            if (txt != NULL && strchr(txt, '%') != NULL) {
                /* a format: keep its text for sizing each conversion */
                X->nodes[i].fmt = printf_specs(txt);
                X->nodes[i].str = intern(X, txt);
            }
            clang_disposeString(sp);
            if (r != NULL)
                clang_EvalResult_dispose(r);
        }
        close_node(X, i);
        break;
    }
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_VarDecl || dk == CXCursor_ParmDecl) {
            uint32_t i = node(X, BW_MK_REF, c);
            /* `extern char name[];` from a header, used before the
             * definition gives its length: the definition's type */
            if (dk == CXCursor_VarDecl && clang_getCanonicalType(t).kind == CXType_IncompleteArray)
                t = defined_array_type(X, d, t);
            set_type(X, i, t);
            var_info vi = var_of(X, d);
            if (i != BW_NONE) {
                X->nodes[i].str = vi.key;
                X->nodes[i].str2 = vi.name;
                X->nodes[i].op = vi.global;
            }
            close_node(X, i);
        } else {
            uint32_t i = node(X, BW_MK_OTHER, c);
            set_type(X, i, t);
            close_node(X, i);
        }
        break;
    }
    case CXCursor_CallExpr:
        if (bw_unevaluated_call(c)) {
            /* a number; its operand is only looked at */
            uint32_t i = node(X, BW_MK_OTHER, c);
            set_type(X, i, t);
            close_node(X, i);
        } else {
            lower_call(X, c);
        }
        break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
        bool assign = op == CXBinaryOperator_Assign || (op >= CXBinaryOperator_MulAssign && op <= CXBinaryOperator_OrAssign);
        uint32_t i = node(X, assign ? BW_MK_ASSIGN : BW_MK_BIN, c);
        set_type(X, i, t);
        if (i != BW_NONE)
            X->nodes[i].op = (uint8_t)op;
        mkids ks;
        kids_of(X, c, &ks);
        for (unsigned j = 0; j < ks.n; j++)
            lower_expr(X, ks.v[j]);
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_UnaryOperator: {
        uint32_t i = node(X, BW_MK_UN, c);
        set_type(X, i, t);
        if (i != BW_NONE)
            X->nodes[i].op = (uint8_t)clang_getCursorUnaryOperatorKind(c);
        lower_expr(X, only_expr_kid(X, c));
        close_node(X, i);
        break;
    }
    case CXCursor_ArraySubscriptExpr: {
        uint32_t i = node(X, BW_MK_INDEX, c);
        set_type(X, i, t);
        mkids ks;
        kids_of(X, c, &ks);
        for (unsigned j = 0; j < ks.n; j++)
            lower_expr(X, ks.v[j]);
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_MemberRefExpr: {
        uint32_t i = node(X, BW_MK_MEMBER, c);
        set_type(X, i, t);
        CXCursor base = only_expr_kid(X, c);
        CXString ms = clang_getCursorSpelling(c);
        if (i != BW_NONE) {
            X->nodes[i].str = intern(X, clang_getCString(ms));
            const member_slot *ms_ = member_of(X, clang_getCursorType(base), X->nodes[i].str, clang_getCString(ms));
            X->nodes[i].op = ms_->arrow;
            X->nodes[i].ival = ms_->off >= 0 ? ms_->off / 8 : -1;
        }
        clang_disposeString(ms);
        lower_expr(X, base);
        close_node(X, i);
        break;
    }
    case CXCursor_ConditionalOperator:
        lower_kids_as(X, c, BW_MK_COND);
        break;
    case CXCursor_UnaryExpr: {
        /* sizeof of something non-constant (a VLA) */
        lower_kids_as(X, c, BW_MK_OTHER);
        break;
    }
    case CXCursor_CXXNewExpr:
        lower_new(X, c, t);
        break;
    case CXCursor_CXXThisExpr: {
        uint32_t i = node(X, BW_MK_OTHER, c);
        set_type(X, i, t);
        if (i != BW_NONE)
            X->nodes[i].mflags |= BW_MNF_THIS;
        close_node(X, i);
        break;
    }
    case CXCursor_CXXDeleteExpr: {
        uint32_t i = node(X, BW_MK_DELETE, c);
        set_type(X, i, t);
        if (i != BW_NONE)
            X->nodes[i].op = has_bracket_token(X, c);
        lower_expr(X, only_expr_kid(X, c));
        close_node(X, i);
        break;
    }
    case CXCursor_UnexposedExpr:
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_CXXStaticCastExpr:
    case CXCursor_CXXReinterpretCastExpr:
    case CXCursor_CXXConstCastExpr:
    case CXCursor_CXXFunctionalCastExpr: {
        CXCursor e = only_expr_kid(X, c);
        if (k == CXCursor_UnexposedExpr && is_va_arg(X, e, t)) {
            /* va_arg(ap, T) reads the next argument, not memory of `ap` */
            uint32_t i = node(X, BW_MK_OTHER, c);
            set_type(X, i, t);
            lower_expr(X, e);
            close_node(X, i);
        } else if (!is_null(X, e)) {
            uint32_t i = node(X, BW_MK_CAST, c);
            set_type(X, i, t);
            lower_expr(X, e);
            close_node(X, i);
        } else {
            lower_selection_or_kids(X, c);
        }
        break;
    }
    case CXCursor_GenericSelectionExpr:
        lower_selection_or_kids(X, c);
        break;
    default:
        if (clang_isStatement(k) && !clang_isExpression(k))
            lower_stmt(X, c);
        else
            lower_kids_as(X, c, BW_MK_OTHER);
        break;
    }
    X->depth--;
}

/* Classifies the children of a for statement by the header's semicolons. */
static void lower_for(mx *X, CXCursor c)
{
    uint32_t i = node(X, BW_MK_FOR, c);
    mkids ks;
    kids_of(X, c, &ks);
    CXCursor parts[4];
    for (int p = 0; p < 4; p++)
        parts[p] = clang_getNullCursor();
    if (ks.n > 0) {
        parts[3] = ks.v[ks.n - 1];
        CXToken *toks = NULL;
        unsigned nt = 0;
        CXSourceRange r = clang_getRange(clang_getRangeStart(clang_getCursorExtent(c)),
                                         clang_getRangeStart(clang_getCursorExtent(parts[3])));
        clang_tokenize(X->ctu, r, &toks, &nt);
        unsigned semi[2] = {0, 0}, ns = 0;
        int depth = 0;
        for (unsigned t = 0; t < nt && ns < 2; t++) {
            CXString s = clang_getTokenSpelling(X->ctu, toks[t]);
            const char *sp = clang_getCString(s);
            if (strcmp(sp, "(") == 0)
                depth++;
            else if (strcmp(sp, ")") == 0)
                depth--;
            else if (strcmp(sp, ";") == 0 && depth == 1) {
                unsigned off;
                clang_getSpellingLocation(clang_getTokenLocation(X->ctu, toks[t]), NULL, NULL, NULL, &off);
                semi[ns++] = off;
            }
            clang_disposeString(s);
        }
        clang_disposeTokens(X->ctu, toks, nt);
        for (unsigned j = 0; j + 1 < ks.n && ns == 2; j++) {
            unsigned off;
            clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(ks.v[j])), NULL, NULL, NULL, &off);
            int slot = off < semi[0] ? 0 : off < semi[1] ? 1 : 2;
            parts[slot] = ks.v[j];
        }
    }
    for (int p = 0; p < 4; p++) {
        if (is_null(X, parts[p])) {
            uint32_t n = node(X, BW_MK_NOP, c);
            close_node(X, n);
        } else if (p == 0 || p == 3) {
            lower_stmt(X, parts[p]);
        } else {
            lower_expr(X, parts[p]);
        }
    }
    mkids_free(&ks);
    close_node(X, i);
}

/* Whether type t is a variable-length array or leads to one through
 * pointers (`__typeof__(char[n++]) *q`): its size expressions run where it
 * is declared, unseen. */
static bool variably_modified(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    for (int depth = 0; depth < 8; depth++) {
        if (c.kind == CXType_VariableArray)
            return true;
        if (c.kind == CXType_Pointer)
            c = clang_getCanonicalType(clang_getPointeeType(c));
        else if (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray)
            c = clang_getCanonicalType(clang_getArrayElementType(c));
        else
            return false;
    }
    return false;
}

static void lower_decl(mx *X, CXCursor d)
{
    uint32_t i = node(X, BW_MK_DECL, d);
    set_type(X, i, clang_getCursorType(d));
    var_info vi = var_of(X, d);
    if (i != BW_NONE) {
        X->nodes[i].str = vi.key;
        X->nodes[i].str2 = vi.name;
        X->nodes[i].op = vi.global;
        if (variably_modified(clang_getCursorType(d)))
            X->nodes[i].mflags |= BW_MNF_UNFOLLOWED;
    }
    CXCursor init = clang_Cursor_getVarDeclInitializer(d);
    if (!is_null(X, init) && clang_isExpression(clang_getCursorKind(init)))
        lower_expr(X, init);
    close_node(X, i);
}

/* The declarations and statements under statement c, into block node i. */
static void lower_block_kids(mx *X, CXCursor c, uint32_t i)
{
    mkids ks;
    kids_of(X, c, &ks);
    for (unsigned j = 0; j < ks.n; j++) {
        enum CXCursorKind jk = clang_getCursorKind(ks.v[j]);
        if (jk == CXCursor_VarDecl)
            lower_decl(X, ks.v[j]);
        else if (clang_isStatement(jk) || clang_isExpression(jk))
            lower_stmt(X, ks.v[j]);
        /* a variable-length array typedef's size expressions run here, unseen */
        if (i != BW_NONE && jk == CXCursor_TypedefDecl &&
            variably_modified(clang_getTypedefDeclUnderlyingType(ks.v[j])))
            X->nodes[i].mflags |= BW_MNF_UNFOLLOWED;
    }
    mkids_free(&ks);
}

static void lower_stmt(mx *X, CXCursor c)
{
    if (X->oom || is_null(X, c))
        return;
    if (++X->depth > 400) {
        uint32_t i = node(X, BW_MK_OTHER, c);
        close_node(X, i);
        X->depth--;
        return;
    }
    enum CXCursorKind k = clang_getCursorKind(c);
    mkids ks;
    switch (k) {
    case CXCursor_CompoundStmt:
    case CXCursor_DeclStmt:
    case CXCursor_LabelStmt:
    case CXCursor_DefaultStmt: {
        uint32_t i = node(X, BW_MK_BLOCK, c);
        if (k == CXCursor_LabelStmt && i != BW_NONE) {
            X->nodes[i].op = 2; /* a goto target */
            X->nodes[i].str = intern_cx(X, clang_getCursorSpelling(c));
        }
        if (k == CXCursor_DefaultStmt && i != BW_NONE)
            X->nodes[i].op = 4;
        lower_block_kids(X, c, i);
        close_node(X, i);
        break;
    }
    case CXCursor_CXXTryStmt:
    case CXCursor_SEHTryStmt:
    case CXCursor_ObjCAtTryStmt:
    case CXCursor_CXXForRangeStmt: {
        /* run once, in order: a throw's way to its handler and a range-for's
         * later passes are not followed */
        uint32_t i = node(X, BW_MK_BLOCK, c);
        if (i != BW_NONE)
            X->nodes[i].mflags |= BW_MNF_UNFOLLOWED;
        lower_block_kids(X, c, i);
        close_node(X, i);
        break;
    }
    case CXCursor_CaseStmt: {
        uint32_t i = node(X, BW_MK_BLOCK, c);
        kids_of(X, c, &ks);
        /* case K: (kids K, statement) or GNU's case A ... B: (A, B, statement) */
        unsigned first = ks.n >= 3 ? 2 : 1;
        int64_t lo = 0, hi = 0;
        if (i != BW_NONE && ks.n >= 2 && fold_int(ks.v[0], &lo) && (first == 1 || fold_int(ks.v[1], &hi))) {
            X->nodes[i].op = 3; /* a case label: ival..alen */
            X->nodes[i].ival = lo;
            X->nodes[i].alen = first == 1 ? lo : hi;
        } else {
            X->case_unfolded = true;
        }
        for (unsigned j = first; j < ks.n; j++)
            lower_stmt(X, ks.v[j]);
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_IfStmt: {
        kids_of(X, c, &ks);
        uint32_t i = node(X, BW_MK_IF, c);
        unsigned first = ks.n > 3 ? ks.n - 3 : 0;
        for (unsigned j = first; j < ks.n; j++) {
            if (j == first && clang_getCursorKind(ks.v[j]) == CXCursor_VarDecl) {
                lower_decl(X, ks.v[j]);
                continue;
            }
            if (j == first)
                lower_expr(X, ks.v[j]);
            else
                lower_stmt(X, ks.v[j]);
        }
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_WhileStmt:
    case CXCursor_SwitchStmt: {
        kids_of(X, c, &ks);
        uint32_t i = node(X, k == CXCursor_WhileStmt ? BW_MK_WHILE : BW_MK_SWITCH, c);
        /* a switch's labels are its own, not the enclosing switch's (a
         * while's belong to the switch around it) */
        bool outer_unfolded = X->case_unfolded;
        if (k == CXCursor_SwitchStmt)
            X->case_unfolded = false;
        if (ks.n >= 2) {
            lower_expr(X, ks.v[ks.n - 2]);
            lower_stmt(X, ks.v[ks.n - 1]);
        }
        if (k == CXCursor_SwitchStmt) {
            if (i != BW_NONE && ks.n >= 2 && !X->case_unfolded)
                X->nodes[i].op = 1;
            X->case_unfolded = outer_unfolded;
        }
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_DoStmt: {
        kids_of(X, c, &ks);
        uint32_t i = node(X, BW_MK_DO, c);
        if (ks.n >= 2) {
            lower_stmt(X, ks.v[0]);
            lower_expr(X, ks.v[1]);
        }
        mkids_free(&ks);
        close_node(X, i);
        break;
    }
    case CXCursor_ForStmt:
        lower_for(X, c);
        break;
    case CXCursor_ReturnStmt: {
        uint32_t i = node(X, BW_MK_RETURN, c);
        CXCursor e = only_expr_kid(X, c);
        if (!is_null(X, e))
            lower_expr(X, e);
        close_node(X, i);
        break;
    }
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
    case CXCursor_NullStmt: {
        uint32_t i = node(X, k == CXCursor_BreakStmt ? BW_MK_BREAK : k == CXCursor_ContinueStmt ? BW_MK_CONTINUE :
                              k == CXCursor_NullStmt ? BW_MK_NOP : BW_MK_GOTO, c);
        if (k == CXCursor_GotoStmt && i != BW_NONE) {
            CXCursor target = clang_getCursorReferenced(c);
            if (!is_null(X, target) && clang_getCursorKind(target) == CXCursor_LabelStmt)
                X->nodes[i].str = intern_cx(X, clang_getCursorSpelling(target));
        }
        close_node(X, i);
        break;
    }
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt: {
        /* its operands are read here; what it writes is not seen */
        uint32_t i = node(X, BW_MK_OTHER, c);
        if (i != BW_NONE)
            X->nodes[i].mflags |= BW_MNF_UNFOLLOWED;
        lower_expr_kids(X, c);
        close_node(X, i);
        break;
    }
    default:
        if (clang_isExpression(k)) {
            lower_expr(X, c);
        } else {
            uint32_t i = node(X, BW_MK_BLOCK, c);
            lower_block_kids(X, c, i);
            close_node(X, i);
        }
        break;
    }
    X->depth--;
}

static void lower_function(mx *X, CXCursor fn)
{
    CXCursor def = clang_getCursorDefinition(fn);
    if (is_null(X, def) || !clang_equalCursors(def, fn))
        return;
    uint32_t i = node(X, BW_MK_FUNC, fn);
    uint32_t name, usr;
    callee_name(X, fn, &name, &usr);
    int np = clang_Cursor_getNumArguments(fn);
    if (i != BW_NONE) {
        X->nodes[i].str = name;
        X->nodes[i].str2 = usr;
        X->nodes[i].ival = np > 0 ? np : 0;
        CXString ms = clang_getCursorSpelling(fn);
        X->nodes[i].op = strcmp(clang_getCString(ms), "main") == 0;
        clang_disposeString(ms);
    }
    for (int a = 0; a < np; a++) {
        CXCursor p = clang_Cursor_getArgument(fn, (unsigned)a);
        uint32_t pi = node(X, BW_MK_PARAM, p);
        set_type(X, pi, clang_getCursorType(p));
        var_info vi = var_of(X, p);
        if (pi != BW_NONE) {
            X->nodes[pi].str = vi.key;
            X->nodes[pi].str2 = vi.name;
        }
        close_node(X, pi);
    }
    mkids ks;
    kids_of(X, fn, &ks);
    for (unsigned j = 0; j < ks.n; j++)
        if (clang_getCursorKind(ks.v[j]) == CXCursor_CompoundStmt)
            lower_stmt(X, ks.v[j]);
    mkids_free(&ks);
    close_node(X, i);
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    mx *X = data;
    if (X->oom)
        return CXChildVisit_Break;
    switch (clang_getCursorKind(c)) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
    case CXCursor_UnexposedDecl:
        return in_system(c) ? CXChildVisit_Continue : CXChildVisit_Recurse;
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_Destructor: {
        uint32_t unused;
        if (!in_system(c) && !(X->skip != NULL && bw_cursor_map_get(X->skip, c, &unused)))
            lower_function(X, c);
        return CXChildVisit_Continue;
    }
    default:
        return CXChildVisit_Continue;
    }
}

bool bw_mem_extract(bw_ir_tu *tu, CXTranslationUnit ctu, bw_loc_cache *locs, const bw_cursor_map *skip)
{
    mx X;
    memset(&X, 0, sizeof(X));
    X.skip = skip;
    X.tu = tu;
    X.ctu = ctu;
    X.locs = locs;
    X.null = clang_getNullCursor();
    clang_visitChildren(clang_getTranslationUnitCursor(ctu), visit_top, &X);
    bw_cursor_map_free(&X.var_keys);
    bw_cursor_map_free(&X.array_defs);
    bw_free(X.array_types);
    bw_free(X.vars);
    bw_cursor_pairs_free(&X.callees);
    bw_cursor_map_free(&X.alloc_sizes);
    bw_free(X.types);
    if (X.oom) {
        bw_free(X.nodes);
        return false;
    }
    bw_free(tu->mem);
    tu->mem = X.nodes;
    tu->nmem = X.n;
    return true;
}

bool bw_mem_valid(const bw_ir_tu *tu)
{
    for (uint32_t i = 0; i < tu->nmem; i++) {
        const bw_mnode *m = &tu->mem[i];
        if (m->end <= i || m->end > tu->nmem)
            return false;
        if ((m->str != BW_NONE && m->str >= tu->nstrs) || (m->str2 != BW_NONE && m->str2 >= tu->nstrs) ||
            (m->file != BW_NONE && m->file >= tu->nstrs))
            return false;
    }
    /* subtrees nest */
    for (uint32_t i = 0; i < tu->nmem; i++)
        for (uint32_t k = i + 1; k < tu->mem[i].end; k = tu->mem[k].end)
            if (tu->mem[k].end > tu->mem[i].end)
                return false;
    return true;
}
