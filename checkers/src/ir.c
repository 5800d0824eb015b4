/*
 * ir.c — arena, string map, TU string table and the IR's binary encoding.
 */
#include "ir.h"
#include "memory.h"

#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"

/* ---- arena ---------------------------------------------------------- */
struct bw_arena_chunk {
    bw_arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

void *bw_arena_alloc(bw_arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    bw_arena_chunk *c = a->head;
    if (c == NULL || c->cap - c->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        c = bw_malloc(sizeof(*c) + cap);
        if (c == NULL) {
            a->failed = true;
            return NULL;
        }
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void bw_arena_free(bw_arena *a)
{
    if (a == NULL)
        return;
    bw_arena_chunk *c = a->head;
    while (c != NULL) {
        bw_arena_chunk *n = c->next;
        bw_free(c);
        c = n;
    }
    a->head = NULL;
}

/* ---- hashing and string map ------------------------------------------- */
bool bw_usr_is_file_local(const char *usr) { return strncmp(usr, "c:", 2) == 0 && usr[2] != '@'; }

uint64_t bw_hash_bytes(const void *data, size_t len, uint64_t seed)
{
    /* FNV-1a over 8-byte words with a final avalanche; not cryptographic,
     * only for cache keys and hash tables. */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h ^= w;
        h *= 0x100000001b3ull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    while (len > 0) {
        h ^= *p++;
        h *= 0x100000001b3ull;
        len--;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static size_t strmap_slot(const bw_strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)bw_hash_bytes(key, strlen(key), 0) & mask;
    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

uint32_t bw_strmap_get(const bw_strmap *m, const char *key)
{
    if (m->cap == 0)
        return BW_NONE;
    size_t i = strmap_slot(m, key);
    return m->keys[i] != NULL ? m->vals[i] : BW_NONE;
}

bool bw_strmap_put(bw_strmap *m, const char *key, uint32_t val)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        bw_strmap n = {bw_calloc(ncap, sizeof(char *)), bw_calloc(ncap, sizeof(uint32_t)), ncap, 0};
        if (n.keys == NULL || n.vals == NULL) {
            bw_free(n.keys);
            bw_free(n.vals);
            return false;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i] != NULL) {
                size_t j = strmap_slot(&n, m->keys[i]);
                n.keys[j] = m->keys[i];
                n.vals[j] = m->vals[i];
                n.count++;
            }
        }
        bw_free(m->keys);
        bw_free(m->vals);
        *m = n;
    }
    size_t i = strmap_slot(m, key);
    if (m->keys[i] == NULL) {
        m->keys[i] = key;
        m->count++;
    }
    m->vals[i] = val;
    return true;
}

void bw_strmap_free(bw_strmap *m)
{
    if (m == NULL)
        return;
    bw_free(m->keys);
    bw_free(m->vals);
    memset(m, 0, sizeof(*m));
}

/* ---- TU ------------------------------------------------------------- */
bw_ir_tu *bw_ir_tu_new(void)
{
    bw_ir_tu *tu = bw_calloc(1, sizeof(*tu));
    if (tu != NULL)
        tu->main_file = BW_NONE;
    return tu;
}

void bw_ir_tu_free(bw_ir_tu *tu)
{
    if (tu == NULL)
        return;
    for (uint32_t i = 0; i < tu->nstrs; i++)
        bw_free(tu->strs[i]);
    bw_free(tu->strs);
    bw_strmap_free(&tu->strmap);
    bw_free(tu->funcs);
    bw_free(tu->decls);
    bw_free(tu->addr_taken);
    bw_free(tu->init_fields);
    bw_free(tu->container_fields);
    bw_free(tu->overrides);
    bw_free(tu->bases);
    bw_free(tu->library_virtuals);
    bw_free(tu->supprs);
    bw_free(tu->deps);
    bw_free(tu->mem);
    bw_arena_free(&tu->arena);
    bw_free(tu);
}

bool bw_ir_grow(void **items, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return true;
    uint32_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > UINT32_MAX / 2)
            return false;
        ncap *= 2;
    }
    void *n = bw_reallocarray(*items, ncap, size);
    if (n == NULL)
        return false;
    *items = n;
    *cap = ncap;
    return true;
}

uint32_t bw_ir_intern_n(bw_ir_tu *tu, const char *s, size_t n)
{
    char *copy = bw_strndup(s, n);
    if (copy == NULL)
        return BW_NONE;
    uint32_t id = bw_strmap_get(&tu->strmap, copy);
    if (id != BW_NONE) {
        bw_free(copy);
        return id;
    }
    if (!bw_ir_grow((void **)&tu->strs, &tu->capstrs, tu->nstrs + 1, sizeof(char *))) {
        bw_free(copy);
        return BW_NONE;
    }
    id = tu->nstrs;
    if (!bw_strmap_put(&tu->strmap, copy, id)) {
        bw_free(copy);
        return BW_NONE;
    }
    tu->strs[tu->nstrs++] = copy;
    return id;
}

uint32_t bw_ir_intern(bw_ir_tu *tu, const char *s)
{
    return bw_ir_intern_n(tu, s, strlen(s));
}

/* ---- encoding ----------------------------------------------------------
 * Little format: "BWIR" + version, then varints.  BW_NONE is written as 0
 * and every other number n as n + 1 where a field may be BW_NONE. */
static void put_u(bw_buf *b, uint64_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        unsigned char c = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            c |= 0x80;
        tmp[n++] = (char)c;
    } while (v);
    bw_buf_append(b, tmp, n);
}
static void put_o(bw_buf *b, uint32_t v) { put_u(b, v == BW_NONE ? 0 : (uint64_t)v + 1); }
/* A list of string ids (the USRs of functions whose address is taken, the
 * fields initializers fill). */
static void put_ids(bw_buf *b, const uint32_t *ids, uint32_t n)
{
    put_u(b, n);
    for (uint32_t i = 0; i < n; i++)
        put_u(b, ids[i]);
}

static void put_loc(bw_buf *b, const bw_ir_loc *l)
{
    put_o(b, l->file);
    put_u(b, l->line);
    put_u(b, l->col);
}
static void put_val(bw_buf *b, const bw_ir_val *v)
{
    put_u(b, v->nrefs);
    for (uint32_t i = 0; i < v->nrefs; i++) {
        put_u(b, v->refs[i].place);
        put_u(b, (uint32_t)v->refs[i].addr | (uint32_t)v->refs[i].elem << 2);
    }
    put_o(b, v->lit);
    put_u(b, v->flags);
    put_u(b, v->container);
}

bw_status bw_ir_encode(const bw_ir_tu *tu, bw_buf *b)
{
    bw_buf_append(b, "BWIR", 4);
    put_u(b, BW_IR_VERSION);
    put_u(b, tu->nstrs);
    for (uint32_t i = 0; i < tu->nstrs; i++) {
        size_t n = strlen(tu->strs[i]);
        put_u(b, n);
        bw_buf_append(b, tu->strs[i], n);
    }
    put_o(b, tu->main_file);
    put_u(b, tu->html_markup);
    put_u(b, tu->ndeps);
    for (uint32_t i = 0; i < tu->ndeps; i++) {
        put_u(b, tu->deps[i].path);
        put_u(b, tu->deps[i].hash);
    }
    put_ids(b, tu->addr_taken, tu->naddr);
    put_ids(b, tu->init_fields, tu->ninit);
    put_ids(b, tu->container_fields, tu->ncont);
    put_ids(b, tu->overrides, tu->nover);
    put_ids(b, tu->bases, tu->nbases);
    put_ids(b, tu->library_virtuals, tu->nlibv);
    put_u(b, tu->nsupprs);
    for (uint32_t i = 0; i < tu->nsupprs; i++) {
        put_loc(b, &tu->supprs[i].loc);
        put_u(b, tu->supprs[i].rule);
        put_o(b, tu->supprs[i].reason);
    }
    put_u(b, tu->ndecls);
    for (uint32_t i = 0; i < tu->ndecls; i++) {
        const bw_ir_decl *d = &tu->decls[i];
        put_u(b, d->usr);
        put_u(b, d->qual);
        put_u(b, d->nannots);
        for (uint32_t j = 0; j < d->nannots; j++)
            put_u(b, d->annots[j]);
        put_u(b, d->fmt_idx);
        put_u(b, d->fmt_first);
        put_u(b, d->nparams);
    }
    put_u(b, tu->nfuncs);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const bw_ir_func *f = &tu->funcs[i];
        put_u(b, f->name);
        put_u(b, f->qual);
        put_u(b, f->usr);
        put_loc(b, &f->loc);
        put_u(b, f->nparams);
        for (uint32_t j = 0; j < f->nparams; j++)
            put_u(b, f->param_names[j]);
        put_u(b, (uint64_t)f->variadic | (uint64_t)f->is_main << 1 | (uint64_t)f->is_method << 2 |
                     (uint64_t)f->is_static << 3 | (uint64_t)f->is_template << 4);
        put_u(b, f->nplaces);
        for (uint32_t j = 0; j < f->nplaces; j++) {
            const bw_ir_place *p = &f->places[j];
            put_u(b, (uint64_t)p->kind | (uint64_t)p->flags << 4);
            put_u(b, p->root);
            put_u(b, p->key);
            put_u(b, p->path);
            put_u(b, p->name);
            put_o(b, p->field);
            put_o(b, p->rtype);
        }
        put_u(b, f->ninsns);
        for (uint32_t j = 0; j < f->ninsns; j++) {
            const bw_ir_insn *in = &f->insns[j];
            put_u(b, in->op);
            put_u(b, in->flags);
            put_loc(b, &in->loc);
            put_o(b, in->dst);
            put_o(b, in->callee);
            put_o(b, in->usr);
            put_o(b, in->recv);
            put_o(b, in->a);
            put_o(b, in->b);
            put_u(b, in->nvals);
            for (uint32_t k = 0; k < in->nvals; k++)
                put_val(b, &in->vals[k]);
            put_u(b, in->nfacts);
            for (uint32_t k = 0; k < in->nfacts; k++) {
                put_u(b, in->facts[k].place);
                put_u(b, in->facts[k].validator);
                put_u(b, in->facts[k].when);
                put_u(b, in->facts[k].arg);
            }
        }
    }
    put_u(b, tu->nmem);
    bw_buf_append(b, (const char *)tu->mem, (size_t)tu->nmem * sizeof(bw_mnode));
    return bw_buf_status(b);
}

typedef struct reader {
    const unsigned char *p, *end;
    bool bad;
} reader;

static uint64_t get_u(reader *r)
{
    uint64_t v = 0;
    unsigned shift = 0;
    for (;;) {
        if (r->p >= r->end || shift > 63) {
            r->bad = true;
            return 0;
        }
        unsigned char c = *r->p++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
        shift += 7;
    }
}
/* A count or index that must be below `limit`. */
static uint32_t get_n(reader *r, uint32_t limit)
{
    uint64_t v = get_u(r);
    if (v >= limit) {
        r->bad = true;
        return 0;
    }
    return (uint32_t)v;
}
static uint32_t get_o(reader *r, uint32_t limit)
{
    uint64_t v = get_u(r);
    if (v == 0)
        return BW_NONE;
    if (v - 1 >= limit) {
        r->bad = true;
        return 0;
    }
    return (uint32_t)(v - 1);
}
#define MAXN 0x1000000u
/* put_ids's list, each id below `nstrs` (r->bad otherwise). */
static void get_ids(reader *r, uint32_t **ids, uint32_t *cap, uint32_t *n, uint32_t nstrs)
{
    uint32_t m = get_n(r, MAXN);
    if (!r->bad && m && bw_ir_grow((void **)ids, cap, m, sizeof(uint32_t))) {
        for (uint32_t i = 0; i < m; i++)
            (*ids)[i] = get_n(r, nstrs);
        *n = m;
    } else if (m) {
        r->bad = true;
    }
}

static void get_loc(reader *r, bw_ir_loc *l, uint32_t nstrs)
{
    l->file = get_o(r, nstrs);
    l->line = get_n(r, UINT32_MAX);
    l->col = get_n(r, UINT32_MAX);
}

bw_status bw_ir_decode(const void *data, size_t len, bw_ir_tu **out, bw_error *err)
{
    *out = NULL;
    reader r = {data, (const unsigned char *)data + len, false};
    if (len < 4 || memcmp(data, "BWIR", 4) != 0)
        return bw_error_set(err, BW_ERR_CORRUPT, "cache entry is not Bulwark IR");
    r.p += 4;
    if (get_u(&r) != BW_IR_VERSION)
        return bw_error_set(err, BW_ERR_VERSION, "cache entry has another IR version");
    bw_ir_tu *tu = bw_ir_tu_new();
    if (tu == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_arena *A = &tu->arena;
    uint32_t nstrs = get_n(&r, MAXN);
    for (uint32_t i = 0; i < nstrs && !r.bad; i++) {
        uint32_t n = get_n(&r, MAXN);
        if (r.bad || (size_t)(r.end - r.p) < n) {
            r.bad = true;
            break;
        }
        uint32_t id = bw_ir_intern_n(tu, (const char *)r.p, n);
        if (id != i) /* duplicate or OOM: either way not ours */
            r.bad = true;
        r.p += n;
    }
    nstrs = tu->nstrs;
    tu->main_file = get_o(&r, nstrs);
    tu->html_markup = (uint8_t)get_n(&r, 2);
    uint32_t n = get_n(&r, MAXN);
    if (!r.bad && n && bw_ir_grow((void **)&tu->deps, &tu->capdeps, n, sizeof(bw_ir_dep))) {
        for (uint32_t i = 0; i < n && !r.bad; i++) {
            tu->deps[i].path = get_n(&r, nstrs);
            tu->deps[i].hash = get_u(&r);
        }
        tu->ndeps = n;
    } else if (n) {
        r.bad = true;
    }
    get_ids(&r, &tu->addr_taken, &tu->capaddr, &tu->naddr, nstrs);
    get_ids(&r, &tu->init_fields, &tu->capinit, &tu->ninit, nstrs);
    get_ids(&r, &tu->container_fields, &tu->capcont, &tu->ncont, nstrs);
    get_ids(&r, &tu->overrides, &tu->capover, &tu->nover, nstrs);
    get_ids(&r, &tu->bases, &tu->capbases, &tu->nbases, nstrs);
    get_ids(&r, &tu->library_virtuals, &tu->caplibv, &tu->nlibv, nstrs);
    if (tu->nover % 3 != 0 || tu->nbases % 2 != 0)
        r.bad = true; /* triples, pairs */
    n = get_n(&r, MAXN);
    if (!r.bad && n && bw_ir_grow((void **)&tu->supprs, &tu->capsupprs, n, sizeof(bw_ir_suppr))) {
        for (uint32_t i = 0; i < n; i++) {
            get_loc(&r, &tu->supprs[i].loc, nstrs);
            tu->supprs[i].rule = get_n(&r, nstrs);
            tu->supprs[i].reason = get_o(&r, nstrs);
        }
        tu->nsupprs = n;
    } else if (n) {
        r.bad = true;
    }
    n = get_n(&r, MAXN);
    if (!r.bad && n && bw_ir_grow((void **)&tu->decls, &tu->capdecls, n, sizeof(bw_ir_decl))) {
        for (uint32_t i = 0; i < n && !r.bad; i++) {
            bw_ir_decl *d = &tu->decls[i];
            d->usr = get_n(&r, nstrs);
            d->qual = get_n(&r, nstrs);
            d->nannots = get_n(&r, 256);
            d->annots = bw_arena_alloc(A, sizeof(uint32_t) * (d->nannots + 1u));
            if (d->annots == NULL) {
                r.bad = true;
                break;
            }
            for (uint32_t j = 0; j < d->nannots; j++)
                d->annots[j] = get_n(&r, nstrs);
            d->fmt_idx = get_n(&r, 4096);
            d->fmt_first = get_n(&r, 4096);
            d->nparams = get_n(&r, 4096);
        }
        tu->ndecls = n;
    } else if (n) {
        r.bad = true;
    }
    n = get_n(&r, MAXN);
    if (!r.bad && n && bw_ir_grow((void **)&tu->funcs, &tu->capfuncs, n, sizeof(bw_ir_func))) {
        memset(tu->funcs, 0, sizeof(bw_ir_func) * n);
        for (uint32_t i = 0; i < n && !r.bad; i++) {
            bw_ir_func *f = &tu->funcs[i];
            f->name = get_n(&r, nstrs);
            f->qual = get_n(&r, nstrs);
            f->usr = get_n(&r, nstrs);
            get_loc(&r, &f->loc, nstrs);
            f->nparams = get_n(&r, 4096);
            f->param_names = bw_arena_alloc(A, sizeof(uint32_t) * (f->nparams + 1u));
            if (f->param_names == NULL) {
                r.bad = true;
                break;
            }
            for (uint32_t j = 0; j < f->nparams; j++)
                f->param_names[j] = get_n(&r, nstrs);
            uint32_t fl = get_n(&r, 16);
            f->variadic = fl & 1;
            f->is_main = (fl >> 1) & 1;
            f->is_method = (fl >> 2) & 1;
            f->is_static = (fl >> 3) & 1;
            f->is_template = (fl >> 4) & 1;
            f->nplaces = get_n(&r, MAXN);
            f->places = bw_arena_alloc(A, sizeof(bw_ir_place) * (f->nplaces + 1u));
            if (r.bad || f->places == NULL) {
                r.bad = true;
                break;
            }
            for (uint32_t j = 0; j < f->nplaces; j++) {
                bw_ir_place *p = &f->places[j];
                uint32_t kf = get_n(&r, 1u << 12); /* kind (4 bits), flags (8 bits) */
                p->kind = (uint8_t)(kf & 15u);
                p->flags = (uint8_t)(kf >> 4);
                if (p->kind >= 4)
                    r.bad = true;
                p->root = get_n(&r, UINT32_MAX);
                p->key = get_n(&r, nstrs);
                p->path = get_n(&r, nstrs);
                p->name = get_n(&r, nstrs);
                p->field = get_o(&r, nstrs);
                p->rtype = get_o(&r, nstrs);
            }
            f->ninsns = get_n(&r, MAXN);
            f->insns = bw_arena_alloc(A, sizeof(bw_ir_insn) * (f->ninsns + 1u));
            if (r.bad || f->insns == NULL) {
                r.bad = true;
                break;
            }
            uint32_t np = f->nplaces, ni = f->ninsns;
            for (uint32_t j = 0; j < ni && !r.bad; j++) {
                bw_ir_insn *in = &f->insns[j];
                in->op = (uint8_t)get_n(&r, BW_OP_NOP + 1);
                in->flags = (uint8_t)get_n(&r, 256);
                get_loc(&r, &in->loc, nstrs);
                in->dst = get_o(&r, np);
                in->callee = get_o(&r, nstrs);
                in->usr = get_o(&r, nstrs);
                in->recv = get_o(&r, nstrs);
                in->a = get_o(&r, ni + 1);
                in->b = get_o(&r, ni + 1);
                in->nvals = get_n(&r, 65536);
                in->vals = bw_arena_alloc(A, sizeof(bw_ir_val) * (in->nvals + 1u));
                if (r.bad || in->vals == NULL) {
                    r.bad = true;
                    break;
                }
                for (uint32_t k = 0; k < in->nvals && !r.bad; k++) {
                    bw_ir_val *v = &in->vals[k];
                    v->nrefs = get_n(&r, 65536);
                    v->refs = bw_arena_alloc(A, sizeof(bw_ir_ref) * (v->nrefs + 1u));
                    if (r.bad || v->refs == NULL) {
                        r.bad = true;
                        break;
                    }
                    for (uint32_t m = 0; m < v->nrefs; m++) {
                        v->refs[m].place = get_n(&r, np);
                        uint32_t ae = get_n(&r, 8);
                        v->refs[m].addr = (uint8_t)(ae & 3u);
                        v->refs[m].elem = (uint8_t)(ae >> 2);
                    }
                    v->lit = get_o(&r, nstrs);
                    v->flags = (uint8_t)get_n(&r, 256);
                    v->container = get_n(&r, nstrs + 1);
                }
                in->nfacts = get_n(&r, 65536);
                in->facts = bw_arena_alloc(A, sizeof(bw_ir_fact) * (in->nfacts + 1u));
                if (r.bad || in->facts == NULL) {
                    r.bad = true;
                    break;
                }
                for (uint32_t k = 0; k < in->nfacts; k++) {
                    in->facts[k].place = get_n(&r, np);
                    in->facts[k].validator = get_n(&r, nstrs);
                    in->facts[k].when = (uint8_t)get_n(&r, 2);
                    in->facts[k].arg = (uint8_t)get_n(&r, 256);
                }
            }
            tu->nfuncs = i + 1;
        }
    } else if (n) {
        r.bad = true;
    }
    n = get_n(&r, UINT32_MAX / sizeof(bw_mnode));
    if (!r.bad && n) {
        size_t bytes = (size_t)n * sizeof(bw_mnode);
        if ((size_t)(r.end - r.p) < bytes || (tu->mem = bw_malloc(bytes)) == NULL) {
            r.bad = true;
        } else {
            memcpy(tu->mem, r.p, bytes);
            r.p += bytes;
            tu->nmem = n;
            if (!bw_mem_valid(tu))
                r.bad = true;
        }
    }
    if (r.bad || r.p != r.end || tu->arena.failed) {
        bw_ir_tu_free(tu);
        return bw_error_set(err, BW_ERR_CORRUPT, "cache entry is truncated or malformed");
    }
    *out = tu;
    return BW_OK;
}

/* ---- debugging ------------------------------------------------------------ */
static const char *const op_names[] = {"assign", "store", "append", "call", "branch", "jump",
                                       "return", "exit", "validate", "nop"};

void bw_ir_dump(const bw_ir_tu *tu, FILE *out)
{
    fprintf(out, "tu %s html=%u deps=%u supprs=%u\n", bw_ir_str(tu, tu->main_file), tu->html_markup, tu->ndeps,
            tu->nsupprs);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const bw_ir_func *f = &tu->funcs[i];
        fprintf(out, "func %s (%s) params=%u variadic=%u\n", bw_ir_str(tu, f->qual), bw_ir_str(tu, f->usr), f->nparams,
                f->variadic);
        for (uint32_t j = 0; j < f->nplaces; j++)
            fprintf(out, "  place %u: key=%s name=%s%s%s%s%s%s%s%s\n", j, bw_ir_str(tu, f->places[j].key),
                    bw_ir_str(tu, f->places[j].name), (f->places[j].flags & BW_PLACEF_HANDLE) ? " handle" : "",
                    (f->places[j].flags & BW_PLACEF_NUMBER) ? " number" : "",
                    (f->places[j].flags & BW_PLACEF_SYSTEM) ? " system" : "",
                    f->places[j].field != BW_NONE ? " field=" : "",
                    f->places[j].field != BW_NONE ? bw_ir_str(tu, f->places[j].field) : "",
                    f->places[j].rtype != BW_NONE ? " rtype=" : "",
                    f->places[j].rtype != BW_NONE ? bw_ir_str(tu, f->places[j].rtype) : "");
        for (uint32_t j = 0; j < f->ninsns; j++) {
            const bw_ir_insn *in = &f->insns[j];
            fprintf(out, "  %3u L%u %s", j, in->loc.line, op_names[in->op]);
            if (in->dst != BW_NONE)
                fprintf(out, " dst=%u", in->dst);
            if (in->callee != BW_NONE)
                fprintf(out, " callee=%s", bw_ir_str(tu, in->callee));
            if (in->usr != BW_NONE && in->op == BW_OP_CALL)
                fprintf(out, " usr=%s", bw_ir_str(tu, in->usr));
            if (in->recv != BW_NONE)
                fprintf(out, " recv=%s", bw_ir_str(tu, in->recv));
            if (in->op == BW_OP_JUMP || in->op == BW_OP_BRANCH)
                fprintf(out, " a=%u b=%u", in->a, in->b);
            fprintf(out, " flags=%u", in->flags);
            for (uint32_t k = 0; k < in->nvals; k++) {
                fprintf(out, " [");
                for (uint32_t m = 0; m < in->vals[k].nrefs; m++)
                    fprintf(out, "%s%u%s", in->vals[k].refs[m].addr ? "&" : "", in->vals[k].refs[m].place,
                            in->vals[k].refs[m].elem ? "[]" : "");
                if (in->vals[k].lit != BW_NONE)
                    fprintf(out, " \"%s\"", bw_ir_str(tu, in->vals[k].lit));
                if (in->vals[k].container != 0)
                    fprintf(out, " container-of %s", bw_ir_str(tu, in->vals[k].container - 1));
                fprintf(out, " f%u]", in->vals[k].flags);
            }
            for (uint32_t k = 0; k < in->nfacts; k++)
                fprintf(out, " fact(%u,%s,when=%u,arg=%u)", in->facts[k].place,
                        bw_ir_str(tu, in->facts[k].validator), in->facts[k].when, in->facts[k].arg);
            fputc('\n', out);
        }
    }
}
