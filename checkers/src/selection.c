/* selection.c — see selection.h. */
#include "selection.h"

#include <string.h>

#define MAX_OPERANDS 64

typedef struct expr_kids {
    CXCursor v[MAX_OPERANDS];
    unsigned n;
} expr_kids;

/* The expression children among kids[0..n), or false when there are more
 * than MAX_OPERANDS. */
static bool expr_kids_of(const CXCursor *kids, unsigned n, expr_kids *k)
{
    k->n = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!clang_isExpression(clang_getCursorKind(kids[i])))
            continue;
        if (k->n == MAX_OPERANDS)
            return false;
        k->v[k->n++] = kids[i];
    }
    return true;
}

/* Whether the source text where `c` begins, in the file that spells it
 * (inside a macro's definition for a macro's expansion), starts with
 * `word` as a whole identifier. */
static bool spelled_as(CXCursor c, const char *word)
{
    CXFile file = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(clang_getCursorLocation(c), &file, NULL, NULL, &off);
    if (file == NULL)
        return false;
    size_t size = 0;
    const char *text = clang_getFileContents(clang_Cursor_getTranslationUnit(c), file, &size);
    size_t len = strlen(word);
    if (text == NULL || off > size || size - off < len || memcmp(text + off, word, len) != 0)
        return false;
    if (size - off == len)
        return true;
    char next = text[off + len];
    return !(next == '_' || (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z') ||
             (next >= 'A' && next <= 'Z'));
}

bool bw_eval_int(CXCursor c, long long *out)
{
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (r == NULL)
        return false;
    bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok)
        *out = clang_EvalResult_isUnsignedInt(r) ? (long long)clang_EvalResult_getAsUnsigned(r)
                                                  : clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

/* `__builtin_choose_expr(cond, a, b)`: libclang shows it as an unexposed
 * expression of three operands; the builtin's name is where it begins. */
static bool choose_expr_operand(CXCursor c, const expr_kids *k, CXCursor *chosen)
{
    long long cond = 0;
    if (k->n != 3 || !spelled_as(c, "__builtin_choose_expr") || !bw_eval_int(k->v[0], &cond))
        return false;
    *chosen = k->v[cond != 0 ? 1 : 2];
    return true;
}

/* The spelling file and offset of where `c` begins. */
static bool spelling_start(CXCursor c, bool keyword, CXFile *file, unsigned *off)
{
    CXSourceLocation at = keyword ? clang_getCursorLocation(c) : clang_getRangeStart(clang_getCursorExtent(c));
    *file = NULL;
    clang_getSpellingLocation(at, file, NULL, NULL, off);
    return *file != NULL;
}

/* Whether `first`, the selection's first expression child, is its
 * controlling expression: it is spelled right after `_Generic (`.  In the
 * form with a type (`_Generic(int, int: a, default: b)`, C2y) libclang
 * lists only the associations.  False when that is not certain (the
 * operand spelled in a macro's argument, a comment between): the caller
 * then lowers every operand. */
static bool controlling_is_first(CXCursor sel, CXCursor first)
{
    CXFile kf, ff;
    unsigned ko, fo;
    if (!spelling_start(sel, true, &kf, &ko) || !spelling_start(first, false, &ff, &fo) ||
        !clang_File_isEqual(kf, ff) || fo <= ko)
        return false;
    size_t size = 0;
    const char *text = clang_getFileContents(clang_Cursor_getTranslationUnit(sel), kf, &size);
    const char *kw = "_Generic";
    size_t n = strlen(kw);
    if (text == NULL || fo > size || fo - ko < n || memcmp(text + ko, kw, n) != 0)
        return false;
    bool paren = false;
    for (size_t i = ko + n; i < fo; i++) {
        char ch = text[i];
        if (ch == '(' && !paren)
            paren = true;
        else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\\')
            return false;
    }
    return paren;
}

/* `_Generic(x, ...)`: clang gives the selection the type of the operand it
 * selected, but libclang names neither the selected association nor the
 * associations' types.  The one operand of exactly that type is the
 * selected one; with two or more, which is not known. */
static bool generic_operand(CXCursor c, const expr_kids *k, CXCursor *chosen)
{
    if (k->n < 2 || !controlling_is_first(c, k->v[0]))
        return false;
    CXType t = clang_getCursorType(c);
    if (t.kind == CXType_Invalid || t.kind == CXType_Dependent)
        return false;
    t = clang_getCanonicalType(t);
    unsigned found = 0;
    /* v[0] is the controlling expression */
    for (unsigned i = 1; i < k->n; i++) {
        if (clang_equalTypes(clang_getCanonicalType(clang_getCursorType(k->v[i])), t)) {
            *chosen = k->v[i];
            found++;
        }
    }
    return found == 1;
}

bool bw_selected_operand(CXCursor c, const CXCursor *kids, unsigned n, CXCursor *chosen)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    if ((kind != CXCursor_UnexposedExpr || n != 3) && kind != CXCursor_GenericSelectionExpr)
        return false;
    expr_kids k;
    if (!expr_kids_of(kids, n, &k))
        return false;
    if (kind == CXCursor_GenericSelectionExpr)
        return generic_operand(c, &k, chosen);
    return choose_expr_operand(c, &k, chosen);
}

bool bw_unevaluated_call(CXCursor c)
{
    static const char *const names[] = {"__builtin_constant_p", "__builtin_object_size",
                                        "__builtin_dynamic_object_size"};
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return false;
    CXString s = clang_getCursorSpelling(c);
    const char *name = clang_getCString(s);
    bool found = false;
    for (size_t i = 0; name != NULL && !found && i < sizeof(names) / sizeof(names[0]); i++)
        found = strcmp(name, names[i]) == 0;
    clang_disposeString(s);
    return found;
}
