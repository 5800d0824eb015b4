/* tu_files.c — a TU's files and their system-header status (see tu_files.h). */
#include "tu_files.h"

#include <string.h>

#include "bulwark/alloc.h"
#include "ir.h"

/* v's index of `f`, added when new; BW_NONE when out of memory. */
static uint32_t intern(bw_tu_files *fs, CXFile f)
{
    uint32_t i = bw_file_ids_find(&fs->ids, f);
    if (i != BW_NONE)
        return i;
    if (!bw_ir_grow((void **)&fs->v, &fs->cap, fs->n + 1, sizeof(bw_tu_file)) ||
        bw_file_ids_add(&fs->ids, f) == BW_NONE)
        return BW_NONE;
    fs->v[fs->n] = (bw_tu_file){f, 0, -1};
    return fs->n++;
}

static void visit(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    bw_tu_files *fs = data;
    if (fs->oom)
        return;
    uint32_t i = intern(fs, file);
    if (i == BW_NONE || !bw_ir_grow((void **)&fs->order, &fs->caporder, fs->norder + 1, sizeof(uint32_t))) {
        fs->oom = true;
        return;
    }
    fs->order[fs->norder++] = i;
    fs->v[i].nids++;
    /* stack[0] is the #include directive, a location inside the includer;
     * in its first FileID while the includer has not been entered again
     * (a FileID exists before the files it includes) */
    if (depth == 0)
        return;
    CXFile inc = NULL;
    clang_getExpansionLocation(stack[0], &inc, NULL, NULL, NULL);
    uint32_t j = inc != NULL ? bw_file_ids_find(&fs->ids, inc) : BW_NONE;
    if (j != BW_NONE && fs->v[j].nids == 1 && fs->v[j].hint < 0)
        fs->v[j].hint = clang_Location_isInSystemHeader(stack[0]) != 0;
}

typedef struct decl_walk {
    bw_tu_files *fs;
    uint32_t left; /* files entered once that have no hint yet */
} decl_walk;

/* A top-level declaration's location is inside the file its expansion
 * location names; that file's only FileID when it was entered once. */
static enum CXChildVisitResult visit_decl(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    decl_walk *w = data;
    CXSourceLocation loc = clang_getCursorLocation(c);
    CXFile f = NULL;
    clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
    uint32_t i = f != NULL ? bw_file_ids_find(&w->fs->ids, f) : BW_NONE;
    if (i != BW_NONE && w->fs->v[i].nids == 1 && w->fs->v[i].hint < 0) {
        w->fs->v[i].hint = clang_Location_isInSystemHeader(loc) != 0;
        if (--w->left == 0)
            return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

bool bw_tu_files_collect(bw_tu_files *fs, CXTranslationUnit ctu)
{
    clang_getInclusions(ctu, visit, fs);
    if (fs->oom)
        return false;
    /* leaf headers (no #include) get their location from a declaration */
    decl_walk w = {fs, 0};
    for (uint32_t i = 0; i < fs->n; i++)
        if (fs->v[i].nids == 1 && fs->v[i].hint < 0)
            w.left++;
    if (w.left > 0)
        clang_visitChildren(clang_getTranslationUnitCursor(ctu), visit_decl, &w);
    return true;
}

/* Whether a digit follows q once white space, backslashes and comments
 * are skipped (newlines too: a line continuation is a backslash and one). */
static bool digit_follows(const char *q, const char *end)
{
    for (;;) {
        if (q < end && (*q == ' ' || *q == '\t' || *q == '\f' || *q == '\v' || *q == '\\' || *q == '\r' ||
                        *q == '\n')) {
            q++;
        } else if (q + 1 < end && q[0] == '/' && q[1] == '*') {
            const char *c = q + 2;
            while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
                c++;
            q = c + 1 < end ? c + 2 : end;
        } else {
            return q < end && *q >= '0' && *q <= '9';
        }
    }
}

/* Whether the text may hold a GNU line marker (`# 12 "x.h" 3`): a '#', or
 * its digraph `%:` or trigraph `??=`, before a digit.  Overcautious on
 * purpose: such a '#' in a string or a comment, or one ending a line, only
 * costs the exact query. */
static bool may_have_line_marker(const char *text, size_t len)
{
    const char *end = text + len;
    static const char *const opens[] = {"#", "%:", "\?\?="};
    for (size_t k = 0; k < sizeof(opens) / sizeof(opens[0]); k++) {
        size_t n = strlen(opens[k]);
        for (const char *p = text; p < end && (p = memchr(p, opens[k][0], (size_t)(end - p))) != NULL; p++)
            if ((size_t)(end - p) >= n && memcmp(p, opens[k], n) == 0 && digit_follows(p + n, end))
                return true;
    }
    return false;
}

bool bw_tu_files_maybe_user(const bw_tu_files *fs, uint32_t i)
{
    return fs->v[i].hint == 0;
}

bool bw_tu_files_is_system(const bw_tu_files *fs, CXTranslationUnit ctu, uint32_t i, const char *text, size_t len)
{
    /* A location inside the file's first FileID (the one libclang's lookup
     * finds) outside any system header: that FileID's own characteristic is
     * "user" unless a line marker before the location switched a system
     * file's text to user code (a pragma can only make text a system
     * header's; libclang's answer at offset 0 is the FileID's own
     * characteristic: no marker can precede offset 0). */
    if (bw_tu_files_maybe_user(fs, i) && text != NULL && !may_have_line_marker(text, len))
        return false;
    CXSourceLocation start = clang_getLocationForOffset(ctu, fs->v[i].file, 0);
    return clang_Location_isInSystemHeader(start) != 0;
}

void bw_tu_files_free(bw_tu_files *fs)
{
    if (fs == NULL)
        return;
    bw_free(fs->v);
    bw_free(fs->order);
    bw_file_ids_free(&fs->ids);
    memset(fs, 0, sizeof(*fs));
}
