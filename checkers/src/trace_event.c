/*
 * trace_event.c — the `__string` / `__assign_str` pair of Linux trace
 * events (see trace_event.h).
 *
 * Linux 6.1 include/trace/stages/ defines, for one event:
 *   stage 5: __string(item, src) adds strlen((src) ? (const char *)(src)
 *            : "(null)") + 1 to the record's dynamic size and notes the
 *            item's offset and length in __data_offsets;
 *   stage 6: __assign_str(dst, src) is strcpy(__get_str(dst), (src) ?
 *            (const char *)(src) : "(null)"), where __get_str(dst) is the
 *            record plus the low half of `__entry->__data_loc_dst`.
 * The record is reserved with the size stage 5 computed, so the copy fits
 * when both name the same source.  When they do not (`__string(name, a)`,
 * `__assign_str(name, b)`), it may not: that is still reported.
 *
 * (btrfs's TP_STRUCT__entry_btrfs and TP_fast_assign_btrfs wrap the two
 * sections and count as them.)
 *
 * The event is the outermost macro invocation the copy expands from, read
 * as tokens from the copy's expansion location to the matching `)`: one of
 * the kernel's event macros.  The sizing is taken only from its
 * TP_STRUCT__entry(...), with no preprocessor line inside, and the copy only
 * from its TP_fast_assign(...), and the copy is the `__assign_str` whose
 * arguments hold the text of the strcpy's source (its file location): a
 * strcpy of another macro (`copy(name, other)`, an object-like macro's
 * `__assign_str`) is not one of them.  The source may read only parameters
 * of the event function, which it never writes, assigns through or takes
 * the address of (a local, `const char *name = other;`, shadows one), and
 * must have no effects of its own (`*names++`): the sizing function is
 * called with the same arguments.  A source whose value changes between
 * the two functions without that (a call returning another string each
 * time, a write through another pointer to its object) is not seen; the
 * kernel's sources are pure reads.
 */
#include <string.h>

#include "trace_event.h"

#define DATA_LOC "__data_loc_"
#define MAX_FIELD 128
#define MAX_ARG 1024
#define MAX_EVENT (256u * 1024u) /* bytes of an event's text */
#define FIRST_CHUNK 4096u

static enum CXChildVisitResult first_kid(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

static enum CXChildVisitResult last_kid(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

/* The cursor without the parentheses, casts and implicit nodes around it
 * (a cast's operand is its last child; its first may name the type). */
static CXCursor strip_wrappers(CXCursor c)
{
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr)
            return c;
        CXCursor inner = clang_getNullCursor();
        clang_visitChildren(c, last_kid, &inner);
        if (clang_Cursor_isNull(inner))
            return c;
        c = inner;
    }
}

typedef struct field_search {
    char name[MAX_FIELD];
    bool found, ambiguous;
} field_search;

/* The `__data_loc_<field>` member the destination reads its offset from. */
static enum CXChildVisitResult find_data_loc(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    field_search *f = data;
    if (clang_getCursorKind(c) != CXCursor_MemberRefExpr)
        return CXChildVisit_Recurse;
    CXString s = clang_getCursorSpelling(c);
    const char *m = clang_getCString(s);
    if (m != NULL && strncmp(m, DATA_LOC, strlen(DATA_LOC)) == 0) {
        const char *field = m + strlen(DATA_LOC);
        if (!f->found && strlen(field) < sizeof(f->name)) {
            memcpy(f->name, field, strlen(field) + 1);
            f->found = true;
        } else if (!f->found || strcmp(f->name, field) != 0) {
            f->ambiguous = true;
        }
    }
    clang_disposeString(s);
    return CXChildVisit_Recurse;
}

/* Whether the source is `(src) ? (const char *)(src) : "(null)"`. */
static bool is_null_guarded_source(CXCursor src)
{
    src = strip_wrappers(src);
    if (clang_getCursorKind(src) != CXCursor_ConditionalOperator)
        return false;
    CXCursor otherwise = clang_getNullCursor();
    clang_visitChildren(src, last_kid, &otherwise);
    otherwise = strip_wrappers(otherwise);
    if (clang_getCursorKind(otherwise) != CXCursor_StringLiteral)
        return false;
    CXString s = clang_getCursorSpelling(otherwise);
    bool r = clang_getCString(s) != NULL && strcmp(clang_getCString(s), "\"(null)\"") == 0;
    clang_disposeString(s);
    return r;
}

typedef struct event_tokens {
    CXTranslationUnit tu;
    CXFile file;
    CXToken *t;
    unsigned n;   /* the event's */
    unsigned all; /* tokenized (to dispose of) */
} event_tokens;

static bool token_is(const event_tokens *e, unsigned i, const char *text)
{
    if (i >= e->n)
        return false;
    CXString s = clang_getTokenSpelling(e->tu, e->t[i]);
    bool r = clang_getCString(s) != NULL && strcmp(clang_getCString(s), text) == 0;
    clang_disposeString(s);
    return r;
}

static unsigned token_offset(const event_tokens *e, unsigned i)
{
    unsigned off = 0;
    clang_getFileLocation(clang_getTokenLocation(e->tu, e->t[i]), NULL, NULL, NULL, &off);
    return off;
}

/* The index of the `)` matching the `(` at token open, or e->n. */
static unsigned matching_paren(const event_tokens *e, unsigned open)
{
    int depth = 0;
    for (unsigned i = open; i < e->n; i++) {
        if (clang_getTokenKind(e->t[i]) != CXToken_Punctuation)
            continue;
        if (token_is(e, i, "("))
            depth++;
        else if (token_is(e, i, ")") && --depth == 0)
            return i;
    }
    return e->n;
}

/* Tokens [from, to) joined by single spaces, without parentheses around
 * the whole (`(dev ? dev->name : "NULL")` is `dev ? dev->name : "NULL"`);
 * false when longer than MAX_ARG. */
static bool tokens_text(const event_tokens *e, unsigned from, unsigned to, char out[MAX_ARG])
{
    while (to > from + 1 && token_is(e, from, "(") && matching_paren(e, from) == to - 1) {
        from++;
        to--;
    }
    size_t len = 0;
    out[0] = '\0';
    for (unsigned j = from; j < to; j++) {
        CXString s = clang_getTokenSpelling(e->tu, e->t[j]);
        const char *x = clang_getCString(s) != NULL ? clang_getCString(s) : "";
        size_t xl = strlen(x);
        bool fits = len + xl + 2 <= MAX_ARG;
        if (fits) {
            if (len > 0)
                out[len++] = ' ';
            memcpy(out + len, x, xl + 1);
            len += xl;
        }
        clang_disposeString(s);
        if (!fits)
            return false;
    }
    return len > 0;
}

/* A call of a two-argument macro at token i: `<macro> ( <field> , <arg> )`
 * within [i, end).  *field_at is the field token, [*arg_from, *arg_to) the
 * second argument.  false for another shape (a third argument). */
static bool macro_call(const event_tokens *e, unsigned i, unsigned end, const char *macro, unsigned *field_at,
                       unsigned *arg_from, unsigned *arg_to)
{
    if (!token_is(e, i, macro) || !token_is(e, i + 1, "(") || i + 4 >= end ||
        clang_getTokenKind(e->t[i + 2]) != CXToken_Identifier || !token_is(e, i + 3, ","))
        return false;
    unsigned close = matching_paren(e, i + 1);
    if (close >= end)
        return false;
    int depth = 0;
    for (unsigned j = i + 4; j < close; j++) {
        if (token_is(e, j, "("))
            depth++;
        else if (token_is(e, j, ")"))
            depth--;
        else if (depth == 0 && token_is(e, j, ","))
            return false;
    }
    *field_at = i + 2;
    *arg_from = i + 4;
    *arg_to = close;
    return close > i + 4;
}

static bool token_in(const event_tokens *e, unsigned i, const char *const *names)
{
    for (size_t k = 0; names[k] != NULL; k++)
        if (token_is(e, i, names[k]))
            return true;
    return false;
}

/* The one `<section> ( ... )` of the event, by one of its names (btrfs
 * wraps both sections in its own macros, which expand to the kernel's):
 * [*from, *to) inside the parentheses. */
static bool section(const event_tokens *e, const char *const *names, unsigned *from, unsigned *to)
{
    unsigned found = 0;
    for (unsigned i = 0; i + 1 < e->n; i++) {
        if (clang_getTokenKind(e->t[i]) != CXToken_Identifier || !token_in(e, i, names) || !token_is(e, i + 1, "("))
            continue;
        if (found++ > 0)
            return false;
        *from = i + 2;
        *to = matching_paren(e, i + 1);
    }
    return found == 1 && *to < e->n;
}

static bool is_assignment_operator(const event_tokens *e, unsigned i)
{
    static const char *const ops[] = {"=",  "+=", "-=", "*=", "/=", "%=", "&=",
                                      "|=", "^=", "<<=", ">>=", "++", "--", NULL};
    for (size_t k = 0; ops[k] != NULL; k++)
        if (token_is(e, i, ops[k]))
            return true;
    return false;
}

/* Whether the source's tokens [from, to) change something themselves
 * (`*names++`, `(n += 1, names[n])`): __assign_str evaluates its source
 * twice, and the sizing once more. */
static bool source_has_effects(const event_tokens *e, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++)
        if (clang_getTokenKind(e->t[i]) == CXToken_Punctuation && is_assignment_operator(e, i))
            return true;
    return false;
}

/* The event's `__string(field, src)`, once in TP_STRUCT__entry, and the
 * `__assign_str(field, src)` of TP_fast_assign whose arguments hold the
 * file offset `src_at` of the copy's source, with the same src. */
static bool event_pairs(const event_tokens *e, const char *field, unsigned src_at)
{
    unsigned s0, s1, a0, a1, f, from, to;
    static const char *const fields[] = {"TP_STRUCT__entry", "TP_STRUCT__entry_btrfs", NULL};
    static const char *const assignments[] = {"TP_fast_assign", "TP_fast_assign_btrfs", NULL};
    if (!section(e, fields, &s0, &s1) || !section(e, assignments, &a0, &a1))
        return false;
    char sized[MAX_ARG], copied[MAX_ARG];
    unsigned nstring = 0;
    /* a preprocessor line in the record's fields: the `__string` read may
     * be one the preprocessor skipped (in TP_fast_assign, the copy is
     * found by where its source is, which is compiled text) */
    for (unsigned i = s0; i < s1; i++)
        if (token_is(e, i, "#"))
            return false;
    int depth = 0;
    for (unsigned i = s0; i < s1; i++) {
        /* only the section's own field macros: one inside another macro's
         * arguments (`DROP(__string(name, name))`) may declare nothing */
        if (token_is(e, i, "("))
            depth++;
        else if (token_is(e, i, ")"))
            depth--;
        if (depth != 0 || !macro_call(e, i, s1, "__string", &f, &from, &to) || !token_is(e, f, field))
            continue;
        if (nstring++ > 0 || !tokens_text(e, from, to, sized))
            return false;
    }
    if (nstring != 1)
        return false;
    for (unsigned i = a0; i < a1; i++) {
        if (!macro_call(e, i, a1, "__assign_str", &f, &from, &to))
            continue;
        if (src_at < token_offset(e, from) || src_at > token_offset(e, to))
            continue; /* another copy's */
        return token_is(e, f, field) && tokens_text(e, from, to, copied) && strcmp(copied, sized) == 0 &&
               !source_has_effects(e, from, to);
    }
    return false;
}

/* ---- the source's variables: parameters the function never writes ---- */

#define MAX_SOURCE_PARAMS 8

typedef struct source_params {
    CXCursor v[MAX_SOURCE_PARAMS];
    unsigned n;
    bool unstable; /* a local or global variable, or too many parameters */
    bool written;
} source_params;

static bool is_source_param(const source_params *sp, CXCursor decl)
{
    for (unsigned i = 0; i < sp->n; i++)
        if (clang_equalCursors(sp->v[i], decl))
            return true;
    return false;
}

/* The variables the source reads: only the event function's parameters
 * are the same in the sizing function (it is called with the same
 * arguments); a local (`const char *name = alias;` shadowing one, also
 * from a macro) or a global is not. */
static enum CXChildVisitResult collect_params(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    source_params *sp = data;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor d = clang_getCursorReferenced(c);
    enum CXCursorKind k = clang_getCursorKind(d);
    if (k == CXCursor_VarDecl) {
        sp->unstable = true;
        return CXChildVisit_Break;
    }
    if (k == CXCursor_ParmDecl && !is_source_param(sp, d)) {
        if (sp->n == MAX_SOURCE_PARAMS) {
            sp->unstable = true;
            return CXChildVisit_Break;
        }
        sp->v[sp->n++] = d;
    }
    return CXChildVisit_Continue;
}

/* The variable an lvalue is rooted at (`l` of `l->owner`, `(name)`,
 * `*names`, `a[i]`), or a null cursor. */
static CXCursor root_variable(CXCursor c)
{
    for (unsigned guard = 0; guard < 64; guard++) {
        c = strip_wrappers(c);
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k == CXCursor_DeclRefExpr)
            return clang_getCursorReferenced(c);
        if (k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr && k != CXCursor_UnaryOperator)
            return clang_getNullCursor();
        CXCursor inner = clang_getNullCursor();
        clang_visitChildren(c, first_kid, &inner);
        if (clang_Cursor_isNull(inner))
            return inner;
        c = inner;
    }
    return clang_getNullCursor();
}

/* A write anywhere in the function (before the copy, or after it in a
 * loop) into a source parameter or through it, or its address taken
 * (`memcpy(&name, ...)`, `p = &name; *p = alias;`). */
static enum CXChildVisitResult find_param_write(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    source_params *sp = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor target = clang_getNullCursor();
    if (k == CXCursor_CompoundAssignOperator ||
        (k == CXCursor_BinaryOperator && clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign)) {
        clang_visitChildren(c, first_kid, &target);
        target = root_variable(target);
    } else if (k == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        CXCursor operand = clang_getNullCursor();
        clang_visitChildren(c, first_kid, &operand);
        if (op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PreDec ||
            op == CXUnaryOperator_PostDec)
            target = root_variable(operand);
        else if (op == CXUnaryOperator_AddrOf && clang_getCursorKind(strip_wrappers(operand)) == CXCursor_DeclRefExpr)
            target = clang_getCursorReferenced(strip_wrappers(operand));
    }
    if (!clang_Cursor_isNull(target) && is_source_param(sp, target)) {
        sp->written = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether the copy's source reads only parameters of its function that
 * the function never writes, so that it names the string the sizing
 * function measured.  (A write through another pointer to the same
 * object, `m = l; m->owner = alias;`, is not seen.) */
static bool source_is_stable(CXCursor src)
{
    source_params sp = {.n = 0, .unstable = false, .written = false};
    clang_visitChildren(src, collect_params, &sp);
    if (sp.unstable)
        return false;
    if (sp.n == 0)
        return true;
    CXCursor fn = clang_getCursorSemanticParent(sp.v[0]);
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return false;
    for (unsigned i = 1; i < sp.n; i++)
        if (!clang_equalCursors(clang_getCursorSemanticParent(sp.v[i]), fn))
            return false;
    clang_visitChildren(fn, find_param_write, &sp);
    return !sp.written;
}

/* The kernel's macros that define an event with both sections. */
static bool is_event_macro(const event_tokens *e)
{
    static const char *const macros[] = {"TRACE_EVENT", "TRACE_EVENT_FN", "TRACE_EVENT_FN_COND",
                                         "TRACE_EVENT_CONDITION", "DECLARE_EVENT_CLASS", NULL};
    for (size_t k = 0; macros[k] != NULL; k++)
        if (token_is(e, 0, macros[k]))
            return true;
    return false;
}

static void drop_tokens(event_tokens *e)
{
    if (e->t != NULL)
        clang_disposeTokens(e->tu, e->t, e->all);
    e->t = NULL;
    e->n = e->all = 0;
}

/* The tokens of the event macro invocation `call` expands from, from its
 * expansion location to the matching `)` (libclang's extent of a call in
 * a macro is the macro's own text), read in growing chunks: an event is a
 * few hundred bytes, its header may be long. */
static bool event_text(CXTranslationUnit tu, CXCursor call, event_tokens *e)
{
    unsigned offset;
    clang_getExpansionLocation(clang_getCursorLocation(call), &e->file, NULL, NULL, &offset);
    size_t size = 0;
    if (e->file == NULL || clang_getFileContents(tu, e->file, &size) == NULL || offset >= size)
        return false;
    for (size_t chunk = FIRST_CHUNK;; chunk *= 2) {
        size_t end = size - offset > chunk ? offset + chunk : size;
        CXSourceRange r = clang_getRange(clang_getLocationForOffset(tu, e->file, offset),
                                         clang_getLocationForOffset(tu, e->file, (unsigned)end));
        drop_tokens(e);
        clang_tokenize(tu, r, &e->t, &e->n);
        e->all = e->n;
        if (e->t == NULL || e->n < 2 || !is_event_macro(e) || !token_is(e, 1, "("))
            return false;
        unsigned close = matching_paren(e, 1);
        if (close < e->n) {
            e->n = close + 1; /* the rest is not the event's */
            return true;
        }
        if (end == size || chunk >= MAX_EVENT)
            return false;
    }
}

/* The file offset of the text of the copy's source: the condition of its
 * `(src) ? (const char *)(src) : "(null)"`, where the macro argument was
 * written. */
static bool source_offset(CXCursor src, CXFile file, unsigned *offset)
{
    src = strip_wrappers(src);
    CXCursor cond = clang_getNullCursor();
    clang_visitChildren(src, first_kid, &cond);
    if (clang_Cursor_isNull(cond))
        return false;
    CXFile f;
    clang_getFileLocation(clang_getCursorLocation(strip_wrappers(cond)), &f, NULL, NULL, offset);
    return f != NULL && clang_File_isEqual(f, file);
}

bool bw_trace_event_sized_copy(CXTranslationUnit tu, CXCursor call)
{
    if (clang_Cursor_getNumArguments(call) != 2)
        return false;
    field_search f = {{0}, false, false};
    clang_visitChildren(clang_Cursor_getArgument(call, 0), find_data_loc, &f);
    CXCursor src = clang_Cursor_getArgument(call, 1);
    if (!f.found || f.ambiguous || !is_null_guarded_source(src))
        return false;
    event_tokens e = {tu, NULL, NULL, 0, 0};
    unsigned src_at;
    bool r = source_is_stable(src) && event_text(tu, call, &e) && source_offset(src, e.file, &src_at) &&
             event_pairs(&e, f.name, src_at);
    drop_tokens(&e);
    return r;
}
