/* loc_cache.c — expansion locations resolved once per TU (see loc_cache.h). */
#include "loc_cache.h"

#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/text.h"

void bw_loc_cache_init(bw_loc_cache *c, CXTranslationUnit ctu)
{
    memset(c, 0, sizeof(*c));
    c->ctu = ctu;
}

/* A new, not yet ready entry for `f`; NULL on out of memory. */
static bw_loc_file *add_file(bw_loc_cache *c, CXFile f)
{
    if (!bw_ir_grow((void **)&c->files, &c->capfiles, c->nfiles + 1, sizeof(bw_loc_file)) ||
        bw_file_ids_add(&c->ids, f) == BW_NONE)
        return NULL;
    bw_loc_file *e = &c->files[c->nfiles++];
    memset(e, 0, sizeof(*e));
    e->file = f;
    return e;
}

bool bw_loc_cache_set_text(bw_loc_cache *c, CXFile f, const char *text, size_t len)
{
    uint32_t i = bw_file_ids_find(&c->ids, f);
    bw_loc_file *e = i != BW_NONE ? &c->files[i] : add_file(c, f);
    if (e == NULL)
        return false;
    if (!e->ready) {
        e->text = text;
        e->len = len;
    }
    return true;
}

/* Appends `part` (a relative path) to `b`, which ends without '/',
 * leaving out its "." components. */
static void append_without_dots(bw_buf *b, const char *part)
{
    while (*part != '\0') {
        const char *end = strchr(part, '/');
        size_t n = end != NULL ? (size_t)(end - part) : strlen(part);
        if (n > 0 && !(n == 1 && part[0] == '.')) {
            bw_buf_putc(b, '/');
            bw_buf_append(b, part, n);
        }
        part += n;
        while (*part == '/')
            part++;
    }
}

uint32_t bw_file_name_intern(bw_ir_tu *tu, CXFile f, const char *dir)
{
    CXString s = clang_getFileName(f);
    const char *name = clang_getCString(s);
    if (name == NULL)
        name = "";
    uint32_t id;
    if (name[0] != '/' && name[0] != '\0' && dir != NULL && dir[0] == '/') {
        bw_buf b = BW_BUF_INIT;
        size_t dl = strlen(dir);
        while (dl > 1 && dir[dl - 1] == '/')
            dl--;
        bw_buf_append(&b, dir, dl == 1 ? 0 : dl);
        append_without_dots(&b, name);
        if (b.len == 0)
            bw_buf_putc(&b, '/');
        id = b.data != NULL ? bw_ir_intern(tu, b.data) : BW_NONE;
        bw_buf_free(&b);
    } else {
        id = bw_ir_intern(tu, name);
    }
    clang_disposeString(s);
    return id;
}

/* Names and indexes an entry at its first location. */
static bool make_ready(bw_loc_cache *c, bw_ir_tu *tu, bw_loc_file *e)
{
    e->name = bw_file_name_intern(tu, e->file, c->dir);
    if (e->name == BW_NONE)
        return false;
    /* libclang also ends lines at '\r' (and "\r\n"); a file with one keeps
     * asking it */
    size_t len = e->len;
    const char *text = e->text != NULL ? e->text : clang_getFileContents(c->ctu, e->file, &len);
    if (text != NULL && memchr(text, '\r', len) == NULL && !bw_line_starts(text, len, &e->starts, &e->nstarts))
        return false;
    e->ready = true;
    return true;
}

/* `f`'s entry in c->files, made ready on first use; NULL on out of memory. */
static bw_loc_file *file_of(bw_loc_cache *c, bw_ir_tu *tu, CXFile f)
{
    if (c->last < c->nfiles && c->files[c->last].file == f && c->files[c->last].ready)
        return &c->files[c->last];
    uint32_t i = bw_file_ids_find(&c->ids, f);
    bw_loc_file *e = i != BW_NONE ? &c->files[i] : add_file(c, f);
    if (e == NULL || (!e->ready && !make_ready(c, tu, e)))
        return NULL;
    c->last = (uint32_t)(e - c->files);
    return e;
}

/* The line (from 1) holding byte `off` of a file indexed by starts.  The
 * lowerings walk a function's code in order, so the line of the previous
 * answer (e->hint) or one just after it is tried before a binary search. */
static uint32_t line_at(bw_loc_file *e, uint32_t off)
{
    uint32_t h = e->hint;
    for (uint32_t k = 0; k < 4 && h < e->nstarts && e->starts[h] <= off; k++, h++)
        if (h + 1 == e->nstarts || off < e->starts[h + 1]) {
            e->hint = h;
            return h + 1;
        }
    uint32_t lo = 0, hi = e->nstarts; /* starts[lo] <= off < starts[hi] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    e->hint = lo;
    return lo + 1;
}

static bw_loc resolve(bw_loc_cache *c, bw_ir_tu *tu, CXSourceLocation sl, bool *oom)
{
    bw_loc l = {BW_NONE, 0, 0};
    CXFile f = NULL;
    unsigned off = 0;
    clang_getExpansionLocation(sl, &f, NULL, NULL, &off);
    bw_loc_file *e = NULL;
    if (f != NULL && (e = file_of(c, tu, f)) == NULL) {
        *oom = true;
        return l;
    }
    if (e != NULL && e->starts != NULL) {
        /* a column counts bytes from the line's start, as libclang's does */
        l.line = line_at(e, off);
        l.col = off - e->starts[l.line - 1] + 1;
    } else {
        clang_getExpansionLocation(sl, NULL, &l.line, &l.col, NULL);
    }
    if (e != NULL)
        l.file = e->name;
    return l;
}

bw_loc bw_loc_get(bw_loc_cache *c, bw_ir_tu *tu, CXSourceLocation sl, bool *oom)
{
    /* the null location, or one of another TU: not cached */
    if (sl.ptr_data[0] == NULL || (c->sm != NULL && c->sm != sl.ptr_data[0]))
        return resolve(c, tu, sl, oom);
    if (c->slots == NULL && (c->slots = bw_calloc(BW_LOC_SLOTS, sizeof(bw_loc_slot))) == NULL) {
        *oom = true;
        return resolve(c, tu, sl, oom);
    }
    c->sm = sl.ptr_data[0];
    uint32_t i = (uint32_t)((sl.int_data * 0x9e3779b97f4a7c15ull) >> 40) & (BW_LOC_SLOTS - 1);
    bw_loc_slot *s = &c->slots[i];
    if (s->used && s->key == sl.int_data)
        return s->loc;
    bool failed = false;
    bw_loc l = resolve(c, tu, sl, &failed);
    if (failed) {
        *oom = true;
        return l;
    }
    *s = (bw_loc_slot){sl.int_data, true, l};
    return l;
}

void bw_loc_cache_free(bw_loc_cache *c)
{
    if (c == NULL)
        return;
    for (uint32_t i = 0; i < c->nfiles; i++)
        bw_free(c->files[i].starts);
    bw_free(c->files);
    bw_file_ids_free(&c->ids);
    bw_free(c->slots);
    memset(c, 0, sizeof(*c));
}
