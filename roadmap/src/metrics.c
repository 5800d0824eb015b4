/*
 * metrics.c — lines of code by language and the C/C++ unsafe-construct
 * count (the cargo-geiger idea for C: count what would need `unsafe` in a
 * memory-safe language, so migration work shows before it is finished).
 *
 * The scanner is lexical: comments, strings and character literals are
 * recognised, types are not.  Each heuristic is described at its table.
 */
#include <stdbool.h>
#include <string.h>

#include "bulwark/roadmap.h"

/* ---- languages (data) ------------------------------------------------------------ */

static const bw_language languages[] = {
    {"C", false, true, BW_COMMENTS_C},
    {"C++", false, true, BW_COMMENTS_C},
    {"Objective-C", false, true, BW_COMMENTS_C},
    {"Assembly", false, false, BW_COMMENTS_ASM},
    {"Zig", false, false, BW_COMMENTS_C},
    {"Rust", true, false, BW_COMMENTS_C},
    {"Go", true, false, BW_COMMENTS_C},
    {"Swift", true, false, BW_COMMENTS_C},
    {"Java", true, false, BW_COMMENTS_C},
    {"Kotlin", true, false, BW_COMMENTS_C},
    {"C#", true, false, BW_COMMENTS_C},
    {"Python", true, false, BW_COMMENTS_HASH},
    {"JavaScript", true, false, BW_COMMENTS_C},
    {"TypeScript", true, false, BW_COMMENTS_C},
    {"Ruby", true, false, BW_COMMENTS_HASH},
    {"Scala", true, false, BW_COMMENTS_C},
    {"Dart", true, false, BW_COMMENTS_C},
};

enum { L_C, L_CXX, L_OBJC, L_ASM, L_ZIG, L_RUST, L_GO, L_SWIFT, L_JAVA, L_KOTLIN, L_CSHARP,
       L_PYTHON, L_JS, L_TS, L_RUBY, L_SCALA, L_DART };

static const struct {
    const char *ext; /* compared case-sensitively: ".C" is C++, ".c" is C */
    int lang;
} extensions[] = {
    {".c", L_C},       {".h", L_C},        {".cc", L_CXX},     {".cpp", L_CXX},
    {".cxx", L_CXX},   {".c++", L_CXX},    {".C", L_CXX},      {".hh", L_CXX},
    {".hpp", L_CXX},   {".hxx", L_CXX},    {".h++", L_CXX},    {".ipp", L_CXX},
    {".tpp", L_CXX},   {".inl", L_CXX},    {".m", L_OBJC},     {".mm", L_OBJC},
    {".s", L_ASM},     {".S", L_ASM},      {".asm", L_ASM},    {".zig", L_ZIG},
    {".rs", L_RUST},   {".go", L_GO},      {".swift", L_SWIFT}, {".java", L_JAVA},
    {".kt", L_KOTLIN}, {".kts", L_KOTLIN}, {".cs", L_CSHARP},  {".py", L_PYTHON},
    {".js", L_JS},     {".mjs", L_JS},     {".cjs", L_JS},     {".ts", L_TS},
    {".tsx", L_TS},    {".rb", L_RUBY},    {".scala", L_SCALA}, {".dart", L_DART},
};

size_t bw_language_count(void) { return sizeof languages / sizeof languages[0]; }

const bw_language *bw_language_at(size_t index) {
    return index < bw_language_count() ? &languages[index] : NULL;
}

int bw_language_for_path(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return -1;
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
        if (strcmp(dot, extensions[i].ext) == 0)
            return extensions[i].lang;
    return -1;
}

const char *bw_unsafe_kind_name(bw_unsafe_kind kind) {
    static const char *const names[BW_UNSAFE_KIND_COUNT] = {
        "unchecked-libc-call", "pointer-arithmetic", "pointer-cast", "inline-asm", "suppression"};
    return (unsigned)kind < BW_UNSAFE_KIND_COUNT ? names[kind] : "unknown";
}

/* libc functions whose bounds the caller must get right by hand: copies
 * and formats without a destination size, or with one that is easy to get
 * wrong.  A call is the name followed by '(' not after '.' or '->'. */
static const char *const unchecked_libc[] = {
    "gets",    "strcpy",  "strncpy", "stpcpy",  "stpncpy", "strcat",   "strncat", "sprintf",
    "vsprintf", "scanf",  "sscanf",  "fscanf",  "vscanf",  "vsscanf",  "vfscanf", "memcpy",
    "memmove", "mempcpy", "wcscpy",  "wcsncpy", "wcscat",  "wcsncat",  "alloca",  "strtok",
    "getwd",   "realpath", "wmemcpy", "wmemmove", "bcopy", NULL};

/* ---- the scanner ----------------------------------------------------------------------- */

typedef enum tok_kind { T_NONE, T_IDENT, T_NUMBER, T_STRING, T_PUNCT } tok_kind;

typedef struct tok {
    tok_kind kind;
    const char *p;
    size_t n;
} tok;

/* A small window of recent tokens and open constructs. */
typedef struct scan {
    bw_file_metrics *m;
    tok prev, prev2;
    /* pointer-arithmetic: '*' '(' seen in unary position; depth inside it */
    int deref_depth;
    bool deref_has_arith;
    int paren_depth;
    /* pointer-cast: state machine over "( qualifiers* ident '*'+ qualifiers* )" */
    int cast_state; /* 0 none, 1 after '(', 2 after type name, 3 after '*' */
    bool cast_void;
    bool cast_after_sizeof;
    bool pending_cast; /* a cast-looking group closed; decide on the next token */
} scan;

static bool tok_is(const tok *t, const char *s) {
    size_t n = strlen(s);
    return t->n == n && memcmp(t->p, s, n) == 0;
}

static bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

/* True when the previous token leaves the next operator in unary position. */
static bool unary_position(const tok *prev) {
    if (prev->kind == T_NONE)
        return true;
    if (prev->kind == T_IDENT)
        return tok_is(prev, "return") || tok_is(prev, "case") || tok_is(prev, "sizeof");
    if (prev->kind == T_NUMBER || prev->kind == T_STRING)
        return false;
    return !(tok_is(prev, ")") || tok_is(prev, "]") || tok_is(prev, "++") || tok_is(prev, "--"));
}

static bool qualifier(const tok *t) {
    return tok_is(t, "const") || tok_is(t, "volatile") || tok_is(t, "struct") ||
           tok_is(t, "union") || tok_is(t, "enum") || tok_is(t, "unsigned") ||
           tok_is(t, "signed") || tok_is(t, "restrict") || tok_is(t, "__restrict");
}

static bool keyword_not_type(const tok *t) {
    static const char *const kw[] = {"return", "if", "while", "for", "switch", "case", "sizeof",
                                     "do", "else", "goto", "break", "continue", NULL};
    for (size_t i = 0; kw[i]; i++)
        if (tok_is(t, kw[i]))
            return true;
    return false;
}

static void on_token(scan *s, tok t) {
    bw_file_metrics *m = s->m;

    /* A closed "(type *)" group is a cast when an operand follows. */
    if (s->pending_cast) {
        s->pending_cast = false;
        if (t.kind == T_IDENT || t.kind == T_NUMBER || t.kind == T_STRING || tok_is(&t, "(") ||
            tok_is(&t, "&") || tok_is(&t, "*"))
            m->unsafe[BW_UNSAFE_POINTER_CAST]++;
    }

    if (t.kind == T_IDENT) {
        bool member = tok_is(&s->prev, ".") || tok_is(&s->prev, "->") || tok_is(&s->prev, "::");
        if (tok_is(&t, "reinterpret_cast"))
            m->unsafe[BW_UNSAFE_POINTER_CAST]++;
        if (!member && (tok_is(&t, "asm") || tok_is(&t, "__asm__") || tok_is(&t, "__asm")))
            m->unsafe[BW_UNSAFE_INLINE_ASM]++;
    }
    if (tok_is(&t, "(") && s->prev.kind == T_IDENT) {
        bool member = tok_is(&s->prev2, ".") || tok_is(&s->prev2, "->");
        if (!member)
            for (size_t i = 0; unchecked_libc[i]; i++)
                if (tok_is(&s->prev, unchecked_libc[i])) {
                    m->unsafe[BW_UNSAFE_LIBC_CALL]++;
                    break;
                }
    }

    /* Pointer arithmetic under a dereference: *(p + n), *(p - n). */
    if (tok_is(&t, "(")) {
        s->paren_depth++;
        if (s->deref_depth == 0 && tok_is(&s->prev, "*") && unary_position(&s->prev2)) {
            s->deref_depth = s->paren_depth;
            s->deref_has_arith = false;
        }
    } else if (tok_is(&t, ")")) {
        if (s->deref_depth && s->paren_depth == s->deref_depth) {
            if (s->deref_has_arith)
                m->unsafe[BW_UNSAFE_POINTER_ARITH]++;
            s->deref_depth = 0;
        }
        if (s->paren_depth > 0)
            s->paren_depth--;
    } else if (s->deref_depth && s->paren_depth == s->deref_depth &&
               (tok_is(&t, "+") || tok_is(&t, "-")) && !unary_position(&s->prev)) {
        s->deref_has_arith = true;
    } else if (tok_is(&t, ";") || tok_is(&t, "{") || tok_is(&t, "}")) {
        s->deref_depth = 0;
        s->paren_depth = 0;
    }

    /* Casts to a pointer type other than void *: "(" quals* T "*"+ quals* ")". */
    switch (s->cast_state) {
    case 0:
        if (tok_is(&t, "(")) {
            s->cast_state = 1;
            s->cast_void = false;
            s->cast_after_sizeof = s->prev.kind == T_IDENT &&
                                   (tok_is(&s->prev, "sizeof") || tok_is(&s->prev, "_Alignof") ||
                                    tok_is(&s->prev, "alignof") || tok_is(&s->prev, "offsetof"));
        }
        break;
    case 1:
        if (t.kind == T_IDENT && qualifier(&t))
            break;
        if (t.kind == T_IDENT && !keyword_not_type(&t)) {
            s->cast_void = tok_is(&t, "void");
            s->cast_state = 2;
        } else {
            s->cast_state = tok_is(&t, "(") ? 1 : 0;
        }
        break;
    case 2:
        if (t.kind == T_IDENT && (qualifier(&t) || tok_is(&t, "int") || tok_is(&t, "char") ||
                                  tok_is(&t, "long") || tok_is(&t, "short")))
            break; /* "unsigned long", "char const" */
        if (tok_is(&t, "*"))
            s->cast_state = 3;
        else
            s->cast_state = tok_is(&t, "(") ? 1 : 0;
        break;
    case 3:
        if (tok_is(&t, "*")) {
            s->cast_void = false; /* void ** is a real pointer type */
            break;
        }
        if (t.kind == T_IDENT && qualifier(&t))
            break;
        if (tok_is(&t, ")") && !s->cast_void && !s->cast_after_sizeof)
            s->pending_cast = true;
        s->cast_state = tok_is(&t, "(") ? 1 : 0;
        break;
    default:
        s->cast_state = 0;
    }

    s->prev2 = s->prev;
    s->prev = t;
}

static const char *const multi_punct[] = {"->", "++", "--", "<<=", ">>=", "<<", ">>", "<=",
                                          ">=", "==", "!=", "&&", "||", "+=", "-=", "*=",
                                          "/=", "%=", "&=", "|=", "^=", "::", NULL};

static bool find_sub(const char *p, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (p[i] == needle[0] && memcmp(p + i, needle, k) == 0)
            return true;
    return false;
}

/* Lines and unsafe constructs of C-family text. */
static void scan_c_family(const char *text, size_t len, bw_file_metrics *m, bool tokens) {
    scan s = {.m = m};
    bool line_code = false;
    bool line_start = true; /* only whitespace so far on this line */
    size_t i = 0;
    while (i < len) {
        char c = text[i];
        if (c == '\n') {
            if (line_code)
                m->code_lines++;
            line_code = false;
            line_start = true;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (c == '/' && i + 1 < len && text[i + 1] == '/') {
            size_t j = i;
            while (j < len && text[j] != '\n')
                j++;
            if (find_sub(text + i, j - i, "bulwark-ignore"))
                m->unsafe[BW_UNSAFE_SUPPRESSION]++;
            i = j;
            continue;
        }
        if (c == '/' && i + 1 < len && text[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < len && !(text[j] == '*' && text[j + 1] == '/'))
                j++;
            size_t end = j + 1 < len ? j + 2 : len;
            if (find_sub(text + i, end - i, "bulwark-ignore"))
                m->unsafe[BW_UNSAFE_SUPPRESSION]++;
            /* Lines inside the comment are not code; the closing line may be. */
            for (size_t k = i; k < end; k++)
                if (text[k] == '\n') {
                    if (line_code)
                        m->code_lines++;
                    line_code = false;
                    line_start = true;
                }
            i = end;
            continue;
        }
        line_code = true;
        if (c == '#' && line_start) {
            /* Preprocessor line: skip #include paths, scan the rest. */
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t'))
                j++;
            if (len - j >= 7 && memcmp(text + j, "include", 7) == 0) {
                while (j < len && text[j] != '\n')
                    j++;
                i = j;
                continue;
            }
        }
        line_start = false;
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < len && text[j] != c && text[j] != '\n') {
                if (text[j] == '\\' && j + 1 < len)
                    j++;
                j++;
            }
            if (tokens)
                on_token(&s, (tok){T_STRING, text + i, j - i});
            i = j < len && text[j] == c ? j + 1 : j;
            continue;
        }
        if (is_ident_start(c)) {
            size_t j = i + 1;
            while (j < len && is_ident_char(text[j]))
                j++;
            if (tokens)
                on_token(&s, (tok){T_IDENT, text + i, j - i});
            i = j;
            continue;
        }
        if (c >= '0' && c <= '9') {
            size_t j = i + 1;
            while (j < len && (is_ident_char(text[j]) || text[j] == '.'))
                j++;
            if (tokens)
                on_token(&s, (tok){T_NUMBER, text + i, j - i});
            i = j;
            continue;
        }
        size_t n = 1;
        for (size_t k = 0; multi_punct[k]; k++) {
            size_t pl = strlen(multi_punct[k]);
            if (pl <= len - i && memcmp(text + i, multi_punct[k], pl) == 0) {
                n = pl;
                break;
            }
        }
        if (tokens)
            on_token(&s, (tok){T_PUNCT, text + i, n});
        i += n;
    }
    if (line_code)
        m->code_lines++;
}

static void scan_lines(const char *text, size_t len, bw_comment_style style, bw_file_metrics *m) {
    bool line_code = false;
    size_t i = 0;
    while (i < len) {
        char c = text[i];
        if (c == '\n') {
            if (line_code)
                m->code_lines++;
            line_code = false;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        bool line_comment = (style == BW_COMMENTS_HASH && c == '#') ||
                            (style == BW_COMMENTS_ASM && (c == ';' || c == '#' || c == '@')) ||
                            ((style == BW_COMMENTS_C || style == BW_COMMENTS_ASM) && c == '/' &&
                             i + 1 < len && text[i + 1] == '/');
        if (line_comment) {
            while (i < len && text[i] != '\n')
                i++;
            continue;
        }
        if ((style == BW_COMMENTS_C || style == BW_COMMENTS_ASM) && c == '/' && i + 1 < len &&
            text[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < len && !(text[j] == '*' && text[j + 1] == '/')) {
                if (text[j] == '\n') {
                    if (line_code)
                        m->code_lines++;
                    line_code = false;
                }
                j++;
            }
            i = j + 1 < len ? j + 2 : len;
            continue;
        }
        line_code = true;
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < len && text[j] != c && text[j] != '\n') {
                if (text[j] == '\\' && j + 1 < len)
                    j++;
                j++;
            }
            i = j < len && text[j] == c ? j + 1 : j;
            continue;
        }
        i++;
    }
    if (line_code)
        m->code_lines++;
}

void bw_metrics_scan(int lang, const char *text, size_t len, bw_file_metrics *out) {
    memset(out, 0, sizeof *out);
    if (!text)
        return;
    const bw_language *l = lang >= 0 ? bw_language_at((size_t)lang) : NULL;
    if (l && l->c_family)
        scan_c_family(text, len, out, true);
    else
        scan_lines(text, len, l ? l->comments : BW_COMMENTS_NONE, out);
}
