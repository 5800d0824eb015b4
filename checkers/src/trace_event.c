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
 * The event's text is what libclang gives as the call's extent: the
 * outermost macro invocation it expands from (TRACE_EVENT(...) or
 * DECLARE_EVENT_CLASS(...)), which holds both macros' arguments.
 */
#include <string.h>

#include "trace_event.h"

#define DATA_LOC "__data_loc_"
#define MAX_FIELD 128
#define MAX_ARG 1024
#define MAX_EVENT (256u * 1024u) /* bytes of an event's text */

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
    CXCursor otherwise = strip_wrappers(clang_getNullCursor());
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

/* At token i, `<macro> ( <field> ,` ; *arg gets the second argument's
 * tokens joined by single spaces.  false when i starts no such call or the
 * argument is longer than MAX_ARG. */
static bool macro_call_arg(const event_tokens *e, unsigned i, const char *macro, const char *field,
                           char arg[MAX_ARG])
{
    if (!token_is(e, i, macro) || !token_is(e, i + 1, "(") || !token_is(e, i + 2, field) ||
        !token_is(e, i + 3, ","))
        return false;
    size_t len = 0;
    arg[0] = '\0';
    int depth = 0;
    for (unsigned j = i + 4; j < e->n; j++) {
        CXString s = clang_getTokenSpelling(e->tu, e->t[j]);
        const char *x = clang_getCString(s);
        if (x == NULL)
            x = "";
        if (strcmp(x, "(") == 0)
            depth++;
        else if (strcmp(x, ")") == 0 && depth-- == 0) {
            clang_disposeString(s);
            return len > 0;
        } else if (strcmp(x, ",") == 0 && depth == 0) {
            clang_disposeString(s);
            return false; /* a third argument: another macro */
        }
        size_t xl = strlen(x);
        if (len + xl + 2 > MAX_ARG) {
            clang_disposeString(s);
            return false;
        }
        if (len > 0)
            arg[len++] = ' ';
        memcpy(arg + len, x, xl + 1);
        len += xl;
        clang_disposeString(s);
    }
    return false;
}

/* The event's tokens: exactly one `__string(field, src)`, at least one
 * `__assign_str(field, src)`, each with the same src, and no strcpy named
 * in the event's own text. */
static bool event_pairs(const event_tokens *e, const char *field)
{
    char sized[MAX_ARG], copied[MAX_ARG];
    unsigned nstring = 0, nassign = 0;
    for (unsigned i = 0; i < e->n; i++) {
        if (clang_getTokenKind(e->t[i]) != CXToken_Identifier)
            continue;
        if (token_is(e, i, "strcpy") || token_is(e, i, "__builtin_strcpy"))
            return false;
        if (macro_call_arg(e, i, "__string", field, nstring == 0 ? sized : copied) && ++nstring > 1)
            return false;
    }
    if (nstring != 1)
        return false;
    for (unsigned i = 0; i < e->n; i++) {
        if (clang_getTokenKind(e->t[i]) != CXToken_Identifier || !token_is(e, i, "__assign_str"))
            continue;
        if (!macro_call_arg(e, i, "__assign_str", field, copied)) {
            if (token_is(e, i + 2, field))
                return false; /* this field's, in a form the model does not know */
            continue;     /* another field's */
        }
        if (strcmp(copied, sized) != 0)
            return false;
        nassign++;
    }
    return nassign > 0;
}

/* The tokens of the macro invocation `call` expands from, found from its
 * expansion location: its name, `(`, and everything to the matching `)`
 * (libclang's extent of a call in a macro is the macro's own text). */
static bool event_text(CXTranslationUnit tu, CXCursor call, event_tokens *e)
{
    CXFile file;
    unsigned offset;
    clang_getExpansionLocation(clang_getCursorLocation(call), &file, NULL, NULL, &offset);
    size_t size = 0;
    if (file == NULL || clang_getFileContents(tu, file, &size) == NULL || offset >= size)
        return false;
    size_t end = size - offset > MAX_EVENT ? offset + MAX_EVENT : size;
    CXSourceRange r = clang_getRange(clang_getLocationForOffset(tu, file, offset),
                                     clang_getLocationForOffset(tu, file, (unsigned)end));
    clang_tokenize(tu, r, &e->t, &e->n);
    e->all = e->n;
    if (e->t == NULL)
        return false;
    if (e->n < 2 || clang_getTokenKind(e->t[0]) != CXToken_Identifier || !token_is(e, 1, "("))
        return false;
    int depth = 0;
    for (unsigned i = 1; i < e->n; i++) {
        if (token_is(e, i, "("))
            depth++;
        else if (token_is(e, i, ")") && --depth == 0) {
            e->n = i + 1; /* the rest of the file is not the event's */
            return true;
        }
    }
    return false; /* longer than MAX_EVENT */
}

bool bw_trace_event_sized_copy(CXTranslationUnit tu, CXCursor call)
{
    if (clang_Cursor_getNumArguments(call) != 2)
        return false;
    field_search f = {{0}, false, false};
    clang_visitChildren(clang_Cursor_getArgument(call, 0), find_data_loc, &f);
    if (!f.found || f.ambiguous || !is_null_guarded_source(clang_Cursor_getArgument(call, 1)))
        return false;
    event_tokens e = {tu, NULL, 0, 0};
    bool r = event_text(tu, call, &e) && event_pairs(&e, f.name);
    if (e.t != NULL)
        clang_disposeTokens(tu, e.t, e.all);
    return r;
}
