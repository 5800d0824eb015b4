/*
 * memory_analyze.c — abstract interpretation of the mem tree (memory.h).
 *
 * State per program point: variables -> values (an integer range, or a
 * pointer: object + byte-offset range), and objects (allocation sites,
 * arrays, literals, parameters) with their size range, NULL state, free
 * state and known string length.  Branches fork and join the state; guards
 * narrow ranges and NULL states; loops run twice over a widened state.
 * Per-function summaries (frees parameter N, returns an allocation of size
 * S that may be NULL, writes up to N bytes into parameter P, indexes an
 * array with parameter P) are computed for every function of the program,
 * callees' summaries reused by callers, to a bounded fixpoint.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/rules.h"
#include "extract.h"
#include "memory.h"
#include "memory_know.h"
#include "source_lines.h"

#define INF INT64_MAX
#define NINF INT64_MIN
#define MAXP 16

typedef struct range {
    int64_t lo, hi;
} range;

static const range TOP = {NINF, INF};

enum { OK_STACK = 1, OK_HEAP, OK_LIT, OK_NEW, OK_NEWARR, OK_PARAM, OK_GLOBAL, OK_MEMBER, OK_VAR };
enum { VF_TAINT = 1, VF_NULL = 2, VF_STRLEN = 4, VF_SNPRINTF = 8, VF_SIZEOF_PTR = 16, VF_SOURCE_STR = 32,
       VF_TYPEONLY = 64, /* the range is only the type's: no constant or guard bounds it */
       VF_LOADED = 128,  /* a pointer read from memory (s->p, *pp): another copy of it is still there */
       VF_FIELD = 256,   /* `w & 0xc` of a type-only w: `(w & 0xc) >> 2` is a field (packed_field) */
       VF_CHECKED = 512  /* a parameter that a check narrowed on this path, also where the
                          * checks' join spans its type again (`d < 1 || d > 5`) */ };

/* A length known only as strlen() of the string at an offset of an object
 * (obj -1: none), as `strlen(p)` is before anything says how long p is.
 * The offset keeps strlen(p + 1) from being taken for strlen(p).  An
 * offset known only as a range names the string only through the
 * variable it was read from (`key`): two pointers somewhere in [0, 3] of
 * one buffer need not start at the same place. */
typedef struct sterm {
    int obj;
    int16_t lo, hi;
    uint32_t key; /* BW_NONE when the offset is one number */
} sterm;

#define NO_TERM ((sterm){-1, 0, 0, BW_NONE})

/* Variables whose values tell whether a block was freed: it was freed (1)
 * only on paths where each of them holds its value (`res = YIELD;
 * destroy(op);` in one case of a switch, `if (res == HANDLED)
 * destroy(op);` after it).  A key of BW_NONE is an empty slot. */
#define FREE_GUARDS 2
typedef struct fguard {
    uint32_t key[FREE_GUARDS];
    int64_t val[FREE_GUARDS];
} fguard;

typedef struct mobj {
    range size;       /* bytes */
    uint32_t site;    /* node index (or string id for globals, | 1<<31) */
    uint32_t name;    /* string id */
    uint8_t kind;
    uint8_t freed;    /* 0 live, 1 maybe freed, 2 freed */
    uint8_t null;     /* 1: may be NULL and not checked */
    uint8_t noterm;   /* 1: may lack a terminator (strncpy) */
    uint8_t from_strlen; /* size is strlen(sized[0]) [+ strlen(sized[1])] + strlen_add */
    sterm sized[2];      /* (sized[1].obj -1: one term) */
    int32_t strlen_add;
    uint8_t tainted;  /* content is untrusted input */
    uint8_t measured; /* strlen() of its string was taken (a term names it) */
    uint32_t guard;   /* null: a variable whose truth says it is not NULL
                       * (`ok = p && q;` then `if (ok)`), BW_NONE none */
    uint8_t opaque;   /* stands only for the string another function returned
                       * (name_pointee): writes into it are not judged */
    int8_t param;     /* parameter object */
    uint32_t free_line, alloc_line;
    range slen;       /* length of the string it holds */
    uint8_t grown;    /* bit d: on some path, nothing but appends wrote the
                       * string since the loop at depth d began a pass ... */
    uint8_t appd;     /* ... and on such a path something was appended
                       * (exec_loop widens a length those paths grew) */
    uint8_t written;  /* its contents were written (a parameter's: msum.writes) */
    uint32_t parent;  /* a member array's: the site of the object it is part of
                       * (a write into that object is one into it), BW_NONE */
    int64_t moff;     /* ... and its byte offset there */
    uint8_t app_ok;   /* a parameter's: it still holds the caller's string ... */
    range app;        /* ... with this many characters appended (msum.append) */
    sterm fits_in;    /* its string (from its start) is no longer than the one at
                       * this term: `strlen(x) <= strlen(y)` held, so strcpy(y, x)
                       * fits (NO_TERM: nothing known) */
    fguard fg;        /* freed == 1: the variables that say where */
} mobj;

typedef struct mval {
    range r;          /* integer value, or byte offset of a pointer */
    int obj;          /* object index, -1 none */
    uint16_t flags;
    int8_t param;     /* the unmodified value of parameter `param` */
    sterm sl[2];      /* VF_STRLEN: strlen(sl[0]) [+ strlen(sl[1]), as `len =
                       * strlen(a) + strlen(b) + 2` sizes "%s@%s"] ... */
    int32_t slen_add; /* ... plus this constant */
} mval;

typedef struct mvar {
    uint32_t key;
    mval v;
} mvar;

typedef struct mstate {
    mvar *vars;
    uint32_t nvars, capvars;
    mobj *objs;
    uint32_t nobjs, capobjs;
    bool dead;
    bool free_guards; /* some object may have an fguard: variable writes look */
    bool fits;        /* some object may have a fits_in */
} mstate;

typedef struct msum {
    bool known, is_alloc, may_null, nofail;
    uint32_t frees;           /* bit per parameter: freed on every return */
    range ret_size;           /* size of the returned allocation */
    int8_t ret_size_param;    /* size = this parameter's value (+ ret_size.lo) */
    int64_t write_const[MAXP]; /* bytes written into parameter p (-1 none) */
    int8_t write_param[MAXP];  /* ... or the value of this parameter */
    int64_t idx_bound[MAXP];   /* parameter p indexes an array of this many elements (0 none) */
    uint32_t idx_line[MAXP];
    uint32_t write_dep;        /* bit p: a write into parameter p has a length computed from
                                * parameters (only their types bound it): see call_summary */
    uint32_t writes;           /* bit p: may write into what parameter p points to */
    int64_t append[MAXP];      /* characters appended to the caller's string in parameter p
                                * (-1 none): strcat(p, "...") in a helper */
    uint32_t app_only;         /* bit p: it only appends there (the string's length after
                                * the call is the caller's plus append[p]) */
    uint32_t str_writes;       /* bit p: write_const[p] includes a string written from the
                                * start of p's block (checked at every call) */
    uint32_t null_params;      /* may_null only through NULL returns after checks of integer
                                * parameters (`if (digits < 1 || digits > 5) return NULL;`),
                                * bit p: parameter p was checked on the way to one (0: some
                                * NULL return needs no such check): see call_summary */
} msum;

typedef struct mfunc {
    const bw_ir_tu *tu;
    uint32_t node;
    bool report;
    bool callers_checked; /* called directly, and its address is not taken:
                           * every call applies its summary */
    msum sum;
} mfunc;

typedef struct loopctx {
    mstate brk, cont;
    bool is_switch;
    struct loopctx *up;
    const mstate *entry; /* a switch: the state before it ... */
    uint32_t cvar;       /* ... and the variable it tests (BW_NONE: none) ... */
    uint32_t cexpr;      /* ... in this expression (with its casts) */
    /* a switch on a constant (`switch (_NSIG_WORDS)`, a configuration
     * macro) with every label folded: only the matching label is entered */
    bool on_constant;
    int64_t constant;
    bool label_matches; /* some case label of it holds the constant */
} loopctx;

typedef struct mprog {
    const bw_config *cfg;
    const char *root;
    bw_mem_content_fn content;
    void *content_ctx;
    mfunc *funcs;
    uint32_t nfuncs;
    bw_strmap by_name;
    bw_findings *out;
    bool oom;
    bool enabled[16];
    bw_mem_know *user; /* rows from the config's memory: section, looked up first */
    bw_source_lines lines; /* the files findings quote a line of */
    uint32_t nuser;
    bw_strmap known;   /* every function with a knowledge row: most calls have none */
    int depth;         /* nesting of callees analysed again with a call's arguments */
    bw_strmap null_memo; /* null_again's results, by callee, summaries' epoch and
                          * argument ranges ... */
    char **null_keys;    /* ... and the keys it owns */
    uint32_t n_null_keys, cap_null_keys;
    uint32_t epoch;      /* counts the summaries that changed (summarize) */
} mprog;

/* The joined states of the gotos to one label seen so far. */
typedef struct golabel {
    uint32_t name;
    mstate st;
} golabel;

typedef struct fctx {
    mprog *P;
    mfunc *F;
    const bw_ir_tu *tu;
    const bw_mnode *n;
    bool reporting;
    loopctx *loop;
    unsigned loop_depth;
    mstate ret, go;   /* go: the states of computed gotos (any label) */
    struct golabel *labels; /* the states of gotos, by target label */
    uint32_t nlabels, caplabels;
    bool have_ret;
    uint32_t nparams;
    uint32_t param_key[MAXP];
    msum sum;
    bool ret_alloc; /* a return of a fresh block was seen ... */
    bool ret_other; /* ... and of something that is neither it nor NULL */
    bool null_always;     /* a NULL return on a path where no check narrowed an integer
                           * parameter (or an allocation's NULL): msum.null_params is 0 */
    unsigned fix_eline, fix_ecol; /* end of the next report's fix range (0: an insertion) */
    bool store_zero; /* the store being evaluated writes 0 (a terminator) */
    /* words that the function masks with constants, and each one's masks
     * together (packed_field); filled as they are asked for */
    uint32_t mask_key[8];
    uint64_t mask_bits[8];
    unsigned nmask;
    struct gkey *gkeys; /* the variables whose values are exact (build_guard_keys) ... */
    uint32_t ngkeys;
    uint32_t nguards;   /* ... of them tested by a condition (free guards) */
    bool gkeys_built;
} fctx;

/* rule indices */
enum { R_OVERFLOW, R_UNDERWRITE, R_OVERREAD, R_OFFBYONE, R_ALLOCSZ, R_UNCHECKED_ALLOC, R_UAF, R_DFREE,
       R_DANGER, R_UNCHECKED_RET, R_COUNT };
static const char *const rule_ids[R_COUNT] = {
    "BW-BUFFER-OVERFLOW", "BW-BUFFER-UNDERWRITE", "BW-BUFFER-OVERREAD", "BW-OFF-BY-ONE",
    "BW-ALLOC-SIZE-OVERFLOW", "BW-UNCHECKED-ALLOC", "BW-USE-AFTER-FREE", "BW-DOUBLE-FREE",
    "BW-DANGEROUS-API", "BW-UNCHECKED-RETURN"};

static const char *S(const fctx *C, uint32_t id) { return id == BW_NONE ? "" : bw_ir_str(C->tu, id); }

/* Knowledge rows for `fn`: the user's (.bulwark.yaml memory:) first. */
static const bw_mem_know *know(const mprog *P, const char *fn, uint8_t role, const bw_mem_know *after)
{
    if (bw_strmap_get(&P->known, fn) == BW_NONE)
        return NULL; /* a program's own function: no row to scan for */
    return bw_mem_lookup(P->user, P->nuser, fn, role, after);
}

/* Fills P->known with the name of every knowledge row. */
static bool index_knowledge(mprog *P)
{
    for (const bw_mem_know *k = bw_mem_builtin; k->function != NULL; k++)
        if (!bw_strmap_put(&P->known, k->function, 1))
            return false;
    for (uint32_t i = 0; i < P->nuser; i++)
        if (!bw_strmap_put(&P->known, P->user[i].function, 1))
            return false;
    return true;
}

/* A function declared as unable to fail: its result is never NULL and
 * needs no check. */
static bool cannot_fail(const mprog *P, const char *fn) { return know(P, fn, BW_MR_NOFAIL, NULL) != NULL; }

/* ---- ranges ---------------------------------------------------------- */
static bool r_known(range r) { return r.lo == r.hi && r.lo != NINF && r.lo != INF; }
static bool r_bounded_hi(range r) { return r.hi < ((int64_t)1 << 31) - 1; }
static range r_const(int64_t v) { return (range){v, v}; }
static range r_join(range a, range b) { return (range){a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi}; }
static int64_t sat_add(int64_t a, int64_t b)
{
    if (a == NINF || b == NINF)
        return (a == INF || b == INF) ? NINF : NINF;
    if (a == INF || b == INF)
        return INF;
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? INF : NINF;
    return r;
}
static range r_add(range a, range b)
{
    range r = {sat_add(a.lo, b.lo), sat_add(a.hi, b.hi)};
    if (a.hi == INF || b.hi == INF)
        r.hi = INF;
    if (a.lo == NINF || b.lo == NINF)
        r.lo = NINF;
    return r;
}
static range r_neg(range a)
{
    return (range){a.hi == INF ? NINF : a.hi == NINF ? INF : -a.hi, a.lo == NINF ? INF : a.lo == INF ? NINF : -a.lo};
}
static range r_mul(range a, range b)
{
    if (a.lo == NINF || a.hi == INF || b.lo == NINF || b.hi == INF) {
        if (a.lo >= 0 && b.lo >= 0)
            return (range){0, INF};
        return TOP;
    }
    int64_t c[4];
    int64_t p[4][2] = {{a.lo, b.lo}, {a.lo, b.hi}, {a.hi, b.lo}, {a.hi, b.hi}};
    for (int i = 0; i < 4; i++)
        if (__builtin_mul_overflow(p[i][0], p[i][1], &c[i]))
            return (a.lo >= 0 && b.lo >= 0) ? (range){0, INF} : TOP;
    range r = {c[0], c[0]};
    for (int i = 1; i < 4; i++) {
        if (c[i] < r.lo)
            r.lo = c[i];
        if (c[i] > r.hi)
            r.hi = c[i];
    }
    return r;
}
static range type_range(const bw_mnode *m)
{
    if (!(m->tflags & BW_MT_INT) || m->tsize == 0 || m->tsize > 8)
        return TOP;
    if (m->mflags & BW_MNF_BOOL)
        return (range){0, 1};
    if (m->tflags & BW_MT_SIGNED) {
        if (m->tsize == 8)
            return TOP;
        int64_t h = ((int64_t)1 << (m->tsize * 8 - 1)) - 1;
        return (range){-h - 1, h};
    }
    if (m->tsize == 8)
        return (range){0, INF};
    return (range){0, ((int64_t)1 << (m->tsize * 8)) - 1};
}
/* A value stored into an integer of type `m`: clamped to the type.  When
 * its upper end was past the type's (a count that grew in an unbounded
 * loop), the stored upper end is only the type's: mark it so that n - 1
 * is not taken for a real bound of INT_MAX - 1. */
static range r_clamp_type(range r, const bw_mnode *m);

/* VF_TYPEONLY for a value of type m that only its type bounds.  A bool
 * variable's or parameter's type is a real bound (0 or 1), and guards on
 * it narrow it; a bool read from memory (`p->flag`, `*pb`) is not narrowed
 * by a test of it, so it stays only its type's like any such number. */
static uint16_t type_only(const bw_mnode *m)
{
    bool variable = m->kind == BW_MK_REF || m->kind == BW_MK_PARAM || m->kind == BW_MK_DECL ||
                    m->kind == BW_MK_CAST;
    return (m->mflags & BW_MNF_BOOL) && variable ? 0 : VF_TYPEONLY;
}

/* A number converted to bool: 0 stays 0, anything else is 1 (`bool hi =
 * flags & 16;` is 0 or 1, not 0 or 16).  What it was (a length, a field,
 * a type's bound) it is no more. */
static void to_bool(mval *v)
{
    /* a bool read from memory stays only its type's (type_only) */
    bool bool_typeonly = (v->flags & VF_TYPEONLY) && v->r.lo >= 0 && v->r.hi <= 1;
    bool zero = v->r.lo <= 0 && v->r.hi >= 0;
    bool nonzero = v->r.lo != 0 || v->r.hi != 0;
    v->r = (range){zero ? 0 : 1, nonzero ? 1 : 0};
    v->flags &= (uint16_t)~(VF_STRLEN | VF_SNPRINTF | VF_SIZEOF_PTR | VF_TYPEONLY | VF_FIELD);
    if (bool_typeonly)
        v->flags |= VF_TYPEONLY;
    v->param = -1;
}

static void clamp_store(mval *v, const bw_mnode *m)
{
    if (!(m->tflags & BW_MT_INT))
        return;
    if ((m->mflags & BW_MNF_BOOL) && v->obj < 0) {
        to_bool(v);
        return;
    }
    if (v->obj < 0 && v->r.hi > type_range(m).hi) {
        v->flags |= VF_TYPEONLY;
        if (m->tsize != 0 && m->tsize < 4) /* `unsigned char n = strlen(p)` wraps: not strlen(p) any more */
            v->flags &= (uint16_t)~VF_STRLEN;
    }
    v->r = r_clamp_type(v->r, m);
}
static range r_clamp_type(range r, const bw_mnode *m)
{
    range t = type_range(m);
    if (r.lo < t.lo)
        r.lo = t.lo;
    if (r.hi > t.hi)
        r.hi = t.hi;
    return r.lo <= r.hi ? r : t;
}

/* ---- state ----------------------------------------------------------- */
static void st_free(mstate *s)
{
    bw_free(s->vars);
    bw_free(s->objs);
    memset(s, 0, sizeof(*s));
}

static bool st_copy(mprog *P, mstate *d, const mstate *s)
{
    st_free(d);
    d->dead = s->dead;
    d->free_guards = s->free_guards;
    d->fits = s->fits;
    if (s->nvars) {
        d->vars = bw_malloc(s->nvars * sizeof(mvar));
        if (d->vars == NULL)
            return !(P->oom = true);
        memcpy(d->vars, s->vars, s->nvars * sizeof(mvar));
        d->nvars = d->capvars = s->nvars;
    }
    if (s->nobjs) {
        d->objs = bw_malloc(s->nobjs * sizeof(mobj));
        if (d->objs == NULL)
            return !(P->oom = true);
        memcpy(d->objs, s->objs, s->nobjs * sizeof(mobj));
        d->nobjs = d->capobjs = s->nobjs;
    }
    return true;
}

static mval v_top(void) { return (mval){.r = TOP, .obj = -1, .param = -1, .sl = {NO_TERM, NO_TERM}}; }

/* A pointer at byte offset `r` of object `obj`. */
static mval v_at(int obj, range r)
{
    mval v = v_top();
    v.obj = obj;
    v.r = r;
    return v;
}

/* The string pointer `p` starts, read from variable `key` (BW_NONE: not
 * a variable): a term for strlen() of it. */
static sterm term_at(const mval *p, uint32_t key)
{
    if (p->obj < 0 || p->r.lo < 0 || p->r.hi > INT16_MAX)
        return NO_TERM;
    if (p->r.lo != p->r.hi && key == BW_NONE)
        return NO_TERM;
    return (sterm){p->obj, (int16_t)p->r.lo, (int16_t)p->r.hi, p->r.lo == p->r.hi ? BW_NONE : key};
}

static bool term_eq(sterm a, sterm b) { return a.obj == b.obj && a.lo == b.lo && a.hi == b.hi && a.key == b.key; }

static bool term_before(sterm a, sterm b)
{
    if (a.obj != b.obj)
        return a.obj < b.obj;
    if (a.lo != b.lo)
        return a.lo < b.lo;
    return a.hi != b.hi ? a.hi < b.hi : a.key < b.key;
}

static mval *st_var(mstate *s, uint32_t key)
{
    for (uint32_t i = s->nvars; i-- > 0;)
        if (s->vars[i].key == key)
            return &s->vars[i].v;
    return NULL;
}

static void drop_free_guards(mstate *s, uint32_t key);
static bool guard_key_ok(fctx *C, uint32_t key);
#define NO_FGUARD ((fguard){{BW_NONE, BW_NONE}, {0, 0}})

static void st_set(fctx *C, mstate *s, uint32_t key, mval v)
{
    if (s->free_guards && guard_key_ok(C, key))
        drop_free_guards(s, key);
    mval *e = st_var(s, key);
    if (e != NULL) {
        *e = v;
        return;
    }
    if (!bw_ir_grow((void **)&s->vars, &s->capvars, s->nvars + 1, sizeof(mvar))) {
        C->P->oom = true;
        return;
    }
    s->vars[s->nvars++] = (mvar){key, v};
}

static void forget_fits(mstate *s, int o);

/* The object of allocation site `site` (created on first use, reset on reuse). */
static int st_obj(fctx *C, mstate *s, uint32_t site, uint8_t kind, range size, uint32_t name, uint32_t line)
{
    for (uint32_t i = 0; i < s->nobjs; i++)
        if (s->objs[i].site == site) {
            mobj *o = &s->objs[i];
            if (kind != OK_VAR && kind != OK_MEMBER && kind != OK_GLOBAL && kind != OK_STACK && kind != OK_LIT) {
                forget_fits(s, (int)i); /* a new block: no comparison of it holds */
                o->freed = 0;
                o->fg = NO_FGUARD;
                o->size = size;
                o->alloc_line = line;
            }
            return (int)i;
        }
    if (!bw_ir_grow((void **)&s->objs, &s->capobjs, s->nobjs + 1, sizeof(mobj))) {
        C->P->oom = true;
        return -1;
    }
    mobj *o = &s->objs[s->nobjs];
    memset(o, 0, sizeof(*o));
    o->site = site;
    o->kind = kind;
    o->size = size;
    o->fits_in = NO_TERM;
    o->fg = NO_FGUARD;
    o->name = name;
    o->param = -1;
    o->guard = BW_NONE;
    o->parent = BW_NONE;
    o->alloc_line = line;
    o->slen = (range){0, INF};
    return (int)s->nobjs++;
}

static void v_join(mval *a, const mval *b)
{
    a->r = r_join(a->r, b->r);
    if (a->obj != b->obj)
        a->obj = -1;
    a->flags = (uint16_t)(a->flags | b->flags);
    if (a->param != b->param)
        a->param = -1;
    if (!term_eq(a->sl[0], b->sl[0]) || !term_eq(a->sl[1], b->sl[1]) || a->slen_add != b->slen_add) {
        a->sl[0] = a->sl[1] = NO_TERM;
        a->flags &= (uint16_t)~VF_STRLEN;
    }
}

/* Object sites: a node's index (an allocation, a declaration), a
 * variable's storage (a global, or `&r`) its key | VAR_STORAGE, or a site
 * derived from others (a join of literals, a member of an object): a hash
 * below VAR_STORAGE with bit 30 set, above any node index. */
#define VAR_STORAGE 0x80000000u
static uint32_t derived_site(uint64_t h) { return 0x40000000u | (uint32_t)(h & 0x3fffffffu); }

/* The string literal `v` (a value in state st) points to the start of,
 * or NULL. */
static const mobj *literal_start(const mstate *st, const mval *v)
{
    if (v->obj < 0 || (uint32_t)v->obj >= st->nobjs || v->r.lo != 0 || v->r.hi != 0)
        return NULL;
    const mobj *o = &st->objs[v->obj];
    return o->kind == OK_LIT ? o : NULL;
}

/* One of the literals x and y, as a literal of its own at `site` in s:
 * its size and string length are the two joined, so strcpy() and %s know
 * how much a pointer to either copies.  Its index, or -1. */
static int joined_literal(fctx *C, mstate *s, uint32_t site, uint32_t line, const mobj *x, const mobj *y)
{
    /* taken before st_obj, which may move s's objects (x or y may be one) */
    range size = r_join(x->size, y->size), slen = r_join(x->slen, y->slen);
    int o = st_obj(C, s, site, OK_LIT, size, BW_NONE, line);
    if (o >= 0) {
        s->objs[o].size = size;
        s->objs[o].slen = slen;
    }
    return o;
}

/* A pointer to one of two string literals at a join (`name = "'Read"` in
 * one case, `"'Write"` in another): the joined literal, in d's objects; -1
 * when a (in d) or b (in s) is not the start of a literal.  The object's
 * site is made from the two literals' sites, so the same join finds the
 * same object. */
static int join_literals(fctx *C, mstate *d, const mval *a, const mstate *s, const mval *b)
{
    const mobj *x = literal_start(d, a), *y = literal_start(s, b);
    if (x == NULL || y == NULL)
        return -1;
    if (x->site == y->site)
        return a->obj; /* the same literal, perhaps at another index */
    uint32_t lo = x->site < y->site ? x->site : y->site, hi = x->site < y->site ? y->site : x->site;
    return joined_literal(C, d, derived_site(lo * 0x9e3779b1u ^ hi * 0x85ebca77u), x->alloc_line, x, y);
}

static uint32_t strip(const fctx *C, uint32_t i);
static uint32_t kid(const fctx *C, uint32_t i, unsigned k);

/* ---- free guards: which variables may say where a block was freed -------- */

/* A local integer variable whose value the analysis follows exactly: the
 * only kind whose value may decide that a free did not happen, or be
 * passed to a callee analysed again with it (call_summary).
 * - Its one declaration is in this function, or it is a parameter (not a
 *   global, not static: a recursive call may change it; a C++ reference's
 *   type is no integer).
 * - Every write to it is a statement of its own (`done = 1;`, `res++;`, a
 *   for's increment): one inside a `?:`, `&&` or `||` arm may not run in
 *   the analysis's state.
 * - It is only read by operators, conditions, indexes and copies into
 *   integers: not bound to a reference, handed to a call that may take a
 *   reference, its address taken, or used inside a construct the analysis
 *   does not follow (a lambda).
 * - The function has no setjmp() or other function that returns twice,
 *   inline assembly, call of a block, backward goto, try statement,
 *   range-for or variable-length array: an older value comes back, a write
 *   or a path is not seen, a later pass is not analysed.
 * - What is written to it is computed from constants and itself, or read
 *   from memory or a call (an unknown value); never copied from another
 *   variable, whose value the analysis may keep from before a call changed
 *   it.
 * A guard must also be tested by some condition. */
enum { GK_BAD = 1, GK_TESTED = 2, GK_COPIED = 4 };

typedef struct gkey {
    uint32_t key;
    uint8_t flags;
} gkey;

static int gkey_cmp(const void *a, const void *b)
{
    uint32_t x = ((const gkey *)a)->key, y = ((const gkey *)b)->key;
    return x < y ? -1 : x > y;
}

static gkey *gkey_find(gkey *v, uint32_t n, uint32_t key)
{
    gkey probe = {key, 0};
    return n == 0 ? NULL : bsearch(&probe, v, n, sizeof(gkey), gkey_cmp);
}

/* Whether position `idx` of node k holds a statement (not a value). */
static bool statement_position(const bw_mnode *k, unsigned idx)
{
    switch (k->kind) {
    case BW_MK_BLOCK: return true;
    case BW_MK_IF: return idx >= 1;
    case BW_MK_WHILE: return idx == 1;
    case BW_MK_DO: return idx == 0;
    case BW_MK_FOR: return idx != 1;
    case BW_MK_SWITCH: return idx == 1;
    default: return false;
    }
}

static bool is_step(const bw_mnode *m)
{
    return m->kind == BW_MK_UN && (m->op == CXUnaryOperator_PostInc || m->op == CXUnaryOperator_PreInc ||
                                   m->op == CXUnaryOperator_PostDec || m->op == CXUnaryOperator_PreDec);
}

/* What the use of a variable as kid `idx` of node k allows: 0 nothing
 * (the variable is no guard), 1 a read, 2 a read in a condition. */
static int read_use(fctx *C, uint32_t k, unsigned idx)
{
    const bw_mnode *m = &C->n[k];
    switch (m->kind) {
    case BW_MK_BIN:
        if (m->op == CXBinaryOperator_Comma)
            return 0; /* its value is the right operand itself (an lvalue in C++) */
        return (m->op >= CXBinaryOperator_LT && m->op <= CXBinaryOperator_NE) || m->op == CXBinaryOperator_LAnd ||
                       m->op == CXBinaryOperator_LOr
                   ? 2 : 1;
    case BW_MK_UN:
        if (m->op == CXUnaryOperator_AddrOf || m->op == CXUnaryOperator_Deref)
            return 0;
        return m->op == CXUnaryOperator_LNot ? 2 : 1;
    case BW_MK_IF:
    case BW_MK_WHILE:
    case BW_MK_SWITCH: return idx == 0 ? 2 : 1;
    case BW_MK_DO: return idx == 1 ? 2 : 1;
    case BW_MK_FOR: return idx == 1 ? 2 : 1;
    case BW_MK_COND: return idx == 0 ? 2 : 0; /* an arm may be an lvalue */
    case BW_MK_ASSIGN: { /* a copy into an integer (not into a C++ reference) */
        uint32_t l = strip(C, kid(C, k, 0));
        return idx == 1 && l != BW_NONE && (C->n[l].tflags & BW_MT_INT) ? 1 : 0;
    }
    case BW_MK_DECL: return (m->tflags & BW_MT_INT) ? 1 : 0; /* a copy; a reference is no integer */
    case BW_MK_INDEX: return idx == 1 ? 1 : 0;
    case BW_MK_RETURN:
    case BW_MK_BLOCK: return 1;
    default: return 0; /* a call's argument, a member's base, sizeof, new, `cin >> x` ... */
    }
}

/* Whether the value of e is made of constants, variable `self` and values
 * the analysis does not know (memory, calls): not of another variable. */
static bool own_value(fctx *C, uint32_t e, uint32_t self)
{
    e = strip(C, e);
    if (e == BW_NONE)
        return true;
    const bw_mnode *m = &C->n[e];
    switch (m->kind) {
    case BW_MK_INT:
    case BW_MK_SIZEOF:
    case BW_MK_STR:
    case BW_MK_CALL:
    case BW_MK_MEMBER:
    case BW_MK_INDEX: return true;
    case BW_MK_REF: return m->str == self;
    case BW_MK_UN:
        if (m->op == CXUnaryOperator_Deref)
            return true;
        break;
    case BW_MK_BIN:
    case BW_MK_COND:
    case BW_MK_ASSIGN: break;
    default: return false;
    }
    for (uint32_t c = e + 1; c < m->end; c = C->n[c].end)
        if (!own_value(C, c, self))
            return false;
    return true;
}

/* Whether the goto at node k jumps back to a label before it (or one it
 * cannot name): the analysis does not run the code after the label again,
 * so a value there may be one of a later pass. */
static bool goes_back(fctx *C, uint32_t k)
{
    if (C->n[k].str == BW_NONE)
        return true; /* a computed goto */
    for (uint32_t j = C->F->node; j < k; j++)
        if (C->n[j].kind == BW_MK_BLOCK && C->n[j].op == 2 && C->n[j].str == C->n[k].str)
            return true;
    return false;
}

/* Functions that return twice: a variable's value after the second return
 * is one the analysis did not see (a user's returns_twice function is not
 * known). */
static bool calls_setjmp(const char *fn)
{
    static const char *const twice[] = {"setjmp",      "_setjmp",    "sigsetjmp", "__sigsetjmp",
                                        "__builtin_setjmp", "getcontext", "savectx",   "vfork"};
    for (size_t i = 0; i < sizeof(twice) / sizeof(twice[0]); i++)
        if (strcmp(fn, twice[i]) == 0)
            return true;
    return false;
}

/* The function's guard variables, sorted (C->gkeys), worked out on first use. */
static void build_guard_keys(fctx *C)
{
    C->gkeys_built = true;
    const bw_mnode *n = C->n;
    uint32_t f = C->F->node, cap = 0, nk = 0;
    gkey *v = NULL;
    for (uint32_t k = f; k < n[f].end; k++) {
        if ((n[k].kind == BW_MK_CALL && n[k].str != BW_NONE && calls_setjmp(S(C, n[k].str))) ||
            (n[k].mflags & BW_MNF_UNFOLLOWED) || (n[k].kind == BW_MK_GOTO && goes_back(C, k))) {
            bw_free(v);
            return;
        }
        if ((n[k].kind != BW_MK_DECL && n[k].kind != BW_MK_PARAM) || !(n[k].tflags & BW_MT_INT) ||
            (n[k].mflags & BW_MNF_VOLATILE) ||
            strncmp(S(C, n[k].str), "g:", 2) == 0) /* a static: a recursive call may change it */
            continue;
        if (!bw_ir_grow((void **)&v, &cap, nk + 1, sizeof(gkey))) {
            C->P->oom = true;
            bw_free(v);
            return;
        }
        v[nk++] = (gkey){n[k].str, 0};
        if (k + 1 < n[k].end && !own_value(C, k + 1, n[k].str))
            v[nk - 1].flags |= GK_COPIED;
    }
    if (nk == 0)
        return; /* (qsort's array may not be NULL) */
    qsort(v, nk, sizeof(gkey), gkey_cmp);
    for (uint32_t i = 1; i < nk; i++) /* two declarations, one key (a macro's) */
        if (v[i].key == v[i - 1].key)
            v[i].flags = v[i - 1].flags = GK_BAD;
    for (uint32_t k = f; k < n[f].end && nk > 0; k++) {
        if (n[k].kind == BW_MK_CAST)
            continue; /* seen through from its parent */
        if (n[k].kind == BW_MK_OTHER && (n[k].mflags & BW_MNF_DEFERRED)) {
            /* anywhere inside a lambda: its body runs when it is called
             * (a GNU statement expression's runs in place) */
            for (uint32_t c = k + 1; c < n[k].end; c++) {
                gkey *g = n[c].kind == BW_MK_REF ? gkey_find(v, nk, n[c].str) : NULL;
                if (g != NULL)
                    g->flags |= GK_BAD;
            }
            continue;
        }
        unsigned idx = 0;
        for (uint32_t c = k + 1; c < n[k].end; c = n[c].end, idx++) {
            uint32_t r = strip(C, c);
            if (r == BW_NONE)
                continue;
            /* a write: a statement of its own, of the variable's own value */
            if (n[r].kind == BW_MK_ASSIGN || is_step(&n[r])) {
                uint32_t t = r + 1 < n[r].end ? strip(C, r + 1) : BW_NONE;
                gkey *g = t != BW_NONE && n[t].kind == BW_MK_REF ? gkey_find(v, nk, n[t].str) : NULL;
                if (g != NULL && !statement_position(&n[k], idx))
                    g->flags |= GK_BAD;
                if (g != NULL && n[r].kind == BW_MK_ASSIGN && !own_value(C, kid(C, r, 1), g->key))
                    g->flags |= GK_COPIED;
            }
            if (n[r].kind != BW_MK_REF)
                continue;
            gkey *g = gkey_find(v, nk, n[r].str);
            if (g == NULL)
                continue;
            if ((n[k].kind == BW_MK_ASSIGN && idx == 0) || is_step(&n[k]))
                continue; /* the write itself, judged above from its parent */
            int use = read_use(C, k, idx);
            if (use == 0 && n[k].kind == BW_MK_CALL && !(n[k].mflags & BW_MNF_REF_PARAMS) &&
                idx >= (n[k].op ? 1u : 0u))
                use = 1; /* a copy: no parameter is a reference */
            if (use == 0)
                g->flags |= GK_BAD;
            else if (use == 2)
                g->flags |= GK_TESTED;
        }
    }
    uint32_t m = 0, nguards = 0;
    for (uint32_t i = 0; i < nk; i++)
        if (!(v[i].flags & (GK_BAD | GK_COPIED))) {
            v[m++] = v[i];
            nguards += (v[i].flags & GK_TESTED) != 0;
        }
    C->gkeys = v;
    C->ngkeys = m;
    C->nguards = nguards;
}

/* The function's exact variables' entry for `key`, or NULL. */
static const gkey *guard_key(fctx *C, uint32_t key)
{
    if (!C->gkeys_built)
        build_guard_keys(C);
    return gkey_find(C->gkeys, C->ngkeys, key);
}

/* Whether variable `key` is one whose value the analysis follows exactly. */
static bool exact_local(fctx *C, uint32_t key) { return guard_key(C, key) != NULL; }

/* ... and one some condition tests: a free guard. */
static bool guard_key_ok(fctx *C, uint32_t key)
{
    const gkey *g = guard_key(C, key);
    return g != NULL && (g->flags & GK_TESTED);
}

static bool guard_keys_any(fctx *C)
{
    (void)guard_key(C, BW_NONE); /* (builds the table) */
    return C->nguards > 0;
}

static bool fguard_eq(const fguard *a, const fguard *b)
{
    for (int k = 0; k < FREE_GUARDS; k++)
        if (a->key[k] != b->key[k] || (a->key[k] != BW_NONE && a->val[k] != b->val[k]))
            return false;
    return true;
}

static bool fguard_any(const fguard *g)
{
    for (int k = 0; k < FREE_GUARDS; k++)
        if (g->key[k] != BW_NONE)
            return true;
    return false;
}

/* Variable `key`'s value in vars[] (n of them), or NULL. */
static const mval *var_in(const mvar *vars, uint32_t n, uint32_t at, uint32_t key)
{
    if (at < n && vars[at].key == key)
        return &vars[at].v;
    for (uint32_t i = 0; i < n; i++)
        if (vars[i].key == key)
            return &vars[i].v;
    return NULL;
}

static bool constant_of(const mval *v, int64_t *val)
{
    if (v == NULL || v->obj >= 0 || v->r.lo != v->r.hi || v->r.lo == NINF || v->r.lo == INF)
        return false;
    *val = v->r.lo;
    return true;
}

/* The guards a side that freed the block for sure (fv: its variables)
 * gives it at a join with a side that did not (ov): variables that hold a
 * constant there, those whose value on the other side excludes it first.
 * A value the same on both sides tells nothing. */
static fguard fresh_guards(fctx *C, const mvar *fv, uint32_t nfv, const mvar *ov, uint32_t nov)
{
    fguard g = NO_FGUARD;
    int n = 0;
    for (int want = 2; want >= 1 && n < FREE_GUARDS; want--)
        for (uint32_t i = 0; i < nfv && n < FREE_GUARDS; i++) {
            int64_t c, o;
            if (!constant_of(&fv[i].v, &c) || !guard_key_ok(C, fv[i].key))
                continue;
            const mval *ovv = var_in(ov, nov, i, fv[i].key);
            int rank = ovv == NULL || (ovv->r.lo <= c && c <= ovv->r.hi) ? 1 : 2;
            if (constant_of(ovv, &o) && o == c)
                rank = 0;
            if (rank == want) {
                g.key[n] = fv[i].key;
                g.val[n++] = c;
            }
        }
    return g;
}

/* The guards of x that a side that freed the block for sure (vars[]: its
 * variables) satisfies too. */
static fguard guards_held(const fguard *x, const mvar *vars, uint32_t n)
{
    fguard g = NO_FGUARD;
    int m = 0;
    for (int k = 0; k < FREE_GUARDS; k++) {
        int64_t c;
        if (x->key[k] != BW_NONE && constant_of(var_in(vars, n, 0, x->key[k]), &c) && c == x->val[k]) {
            g.key[m] = x->key[k];
            g.val[m++] = c;
        }
    }
    return g;
}

/* The guards x and y both have. */
static fguard guards_common(const fguard *x, const fguard *y)
{
    fguard g = NO_FGUARD;
    int m = 0;
    for (int k = 0; k < FREE_GUARDS; k++)
        for (int j = 0; j < FREE_GUARDS; j++)
            if (x->key[k] != BW_NONE && x->key[k] == y->key[j] && x->val[k] == y->val[j]) {
                g.key[m] = x->key[k];
                g.val[m++] = x->val[k];
            }
    return g;
}

/* The guards of a block at a join where its frees differ: dobj on d's
 * side (dv: d's variables before the join), so on s's.  A side that did
 * not free it says nothing; one that freed it keeps the guards the other
 * side satisfies as well. */
static fguard join_free_guard(fctx *C, const mobj *dobj, const mvar *dv, uint32_t ndv, const mobj *so,
                              const mstate *s)
{
    if (dobj->freed == 0)
        return so->freed == 1 ? so->fg : fresh_guards(C, s->vars, s->nvars, dv, ndv);
    if (so->freed == 0)
        return dobj->freed == 1 ? dobj->fg : fresh_guards(C, dv, ndv, s->vars, s->nvars);
    if (dobj->freed == 1 && so->freed == 1)
        return guards_common(&dobj->fg, &so->fg);
    if (dobj->freed == 1)
        return guards_held(&dobj->fg, s->vars, s->nvars);
    if (so->freed == 1)
        return guards_held(&so->fg, dv, ndv);
    return NO_FGUARD; /* (freed on both sides: not a join of frees that differ) */
}

/* The index of the object of `site` in state s, looked for at index `at`
 * first (states at a merge mostly come from one state, so an object
 * usually sits at the same index on both sides); s->nobjs when it has
 * none. */
static uint32_t site_index(const mstate *s, uint32_t site, uint32_t at)
{
    if (at < s->nobjs && s->objs[at].site == site)
        return at;
    uint32_t i = 0;
    while (i < s->nobjs && s->objs[i].site != site)
        i++;
    return i;
}

/* Whether some block is freed on one side of the join of d and s and not
 * (or under other guards) on the other. */
static bool frees_differ(const mstate *d, const mstate *s)
{
    for (uint32_t i = 0; i < s->nobjs; i++) {
        const mobj *so = &s->objs[i];
        uint32_t j = site_index(d, so->site, i);
        if (j < d->nobjs && (d->objs[j].freed != so->freed ||
                             (so->freed == 1 && !fguard_eq(&d->objs[j].fg, &so->fg))))
            return true;
    }
    return false;
}

/* Whether term a (of state d's objects) and b (of s's) name the same
 * place: objects are numbered apart in two states. */
static bool fits_same(const mstate *d, sterm a, const mstate *s, sterm b)
{
    if (a.obj < 0 || b.obj < 0)
        return a.obj < 0 && b.obj < 0;
    return (uint32_t)a.obj < d->nobjs && (uint32_t)b.obj < s->nobjs && d->objs[a.obj].site == s->objs[b.obj].site &&
           a.lo == b.lo && a.hi == b.hi && a.key == b.key;
}

/* d = d JOIN s */
static void st_join(fctx *C, mstate *d, const mstate *s)
{
    if (s->dead)
        return;
    if (d->dead) {
        st_copy(C->P, d, s);
        return;
    }
    /* d's guard variables before the join, for the guards of frees on one
     * side (in a function that has such variables) */
    mvar *dv = NULL;
    uint32_t ndv = 0;
    bool guarding = frees_differ(d, s) && guard_keys_any(C);
    for (uint32_t i = 0; guarding && i < d->nvars; i++) {
        if (!guard_key_ok(C, d->vars[i].key))
            continue;
        if (dv == NULL && (dv = bw_malloc(d->nvars * sizeof(mvar))) == NULL) {
            guarding = false; /* the guards are lost, not the join */
            break;
        }
        dv[ndv++] = d->vars[i];
    }
    /* states at a merge mostly come from one state, so a variable or an
     * object usually sits at the same index on both sides (keys and sites
     * are unique in a state): looked there first, the join is linear
     * instead of quadratic in the common case */
    for (uint32_t i = 0; i < d->nvars; i++) {
        mval *o = i < s->nvars && s->vars[i].key == d->vars[i].key ? &((mstate *)s)->vars[i].v :
                                                                       st_var((mstate *)s, d->vars[i].key);
        if (o == NULL) {
            d->vars[i].v = v_top();
        } else {
            int lit = join_literals(C, d, &d->vars[i].v, s, o);
            v_join(&d->vars[i].v, o);
            if (lit >= 0)
                d->vars[i].v.obj = lit;
        }
    }
    for (uint32_t i = 0; i < s->nobjs; i++) {
        const mobj *so = &s->objs[i];
        uint32_t j = site_index(d, so->site, i);
        if (j == d->nobjs) {
            /* exists only on one side: keep it, its state "maybe" */
            if (!bw_ir_grow((void **)&d->objs, &d->capobjs, d->nobjs + 1, sizeof(mobj))) {
                C->P->oom = true;
                bw_free(dv);
                return;
            }
            d->objs[d->nobjs] = *so;
            d->objs[d->nobjs].fits_in = NO_TERM; /* (an index of s's objects) */
            if (d->objs[d->nobjs].freed == 2)
                d->objs[d->nobjs].freed = 1;
            d->nobjs++;
            /* variables pointing to it by index must follow: indexes differ, so drop */
            for (uint32_t k = 0; k < d->nvars; k++) {
                mval *sv = st_var((mstate *)s, d->vars[k].key);
                if (sv != NULL && sv->obj == (int)i && d->vars[k].v.obj == -1)
                    d->vars[k].v.obj = (int)(d->nobjs - 1);
            }
            continue;
        }
        mobj *dobj = &d->objs[j];
        dobj->size = r_join(dobj->size, so->size);
        if (dobj->freed != so->freed || (dobj->freed == 1 && !fguard_eq(&dobj->fg, &so->fg))) {
            if (so->freed && !dobj->freed)
                dobj->free_line = so->free_line;
            dobj->fg = guarding ? join_free_guard(C, dobj, dv, ndv, so, s) : NO_FGUARD;
            dobj->freed = 1;
            if (fguard_any(&dobj->fg))
                d->free_guards = true;
        }
        /* a block unchecked on one side only keeps that side's guard */
        if (!dobj->null)
            dobj->guard = so->guard;
        else if (so->null && dobj->guard != so->guard)
            dobj->guard = BW_NONE;
        dobj->null |= so->null;
        dobj->noterm |= so->noterm;
        dobj->tainted |= so->tainted;
        dobj->measured |= so->measured;
        dobj->from_strlen &= so->from_strlen && term_eq(dobj->sized[0], so->sized[0]) &&
                             term_eq(dobj->sized[1], so->sized[1]) && dobj->strlen_add == so->strlen_add;
        dobj->slen = r_join(dobj->slen, so->slen);
        dobj->grown |= so->grown; /* some path only appended */
        dobj->appd |= so->appd;
        dobj->written |= so->written;
        dobj->app_ok &= so->app_ok;
        dobj->app = r_join(dobj->app, so->app);
        if (!fits_same(d, dobj->fits_in, s, so->fits_in))
            dobj->fits_in = NO_TERM;
    }
    /* a comparison made on d's side of an object s does not have */
    for (uint32_t j = 0; j < d->nobjs; j++)
        if (d->objs[j].fits_in.obj >= 0 && site_index(s, d->objs[j].site, j) == s->nobjs)
            d->objs[j].fits_in = NO_TERM;
    d->free_guards |= s->free_guards;
    d->fits |= s->fits;
    bw_free(dv);
}

/* Variable `key` is set: no free depends on its old value. */
static void drop_free_guards(mstate *s, uint32_t key)
{
    for (uint32_t j = 0; j < s->nobjs; j++)
        for (int k = 0; k < FREE_GUARDS; k++)
            if (s->objs[j].fg.key[k] == key)
                s->objs[j].fg.key[k] = BW_NONE;
}

/* ---- findings ------------------------------------------------------------ */
static bw_status line_text(mprog *P, const char *path, unsigned line, char **out)
{
    size_t len = 0;
    const char *text = P->content != NULL ? P->content(P->content_ctx, path, &len) : NULL;
    return bw_source_line(&P->lines, text, len, line, out);
}

static void report(fctx *C, uint32_t at, int rule, const char *hint, const char *fix_repl, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The bounded rewrite of the printf-style call at node `at` (`sprintf(d, f,
 * ...)` -> `fix(d, SIZE, f, ...)`), read from the source text: the whole call
 * from its callee name to the closing parenthesis, so the result compiles.
 * Sets C->fix_eline/fix_ecol to the end of that text (exclusive).  NULL when
 * the text is not a plain call (a macro, another spelling). */
static char *bounded_call_fix(fctx *C, uint32_t at, const char *fix, bool dst_array, int64_t size)
{
    const bw_mnode *m = &C->n[at];
    const char *fn = S(C, m->str);
    size_t len = 0;
    const char *text = C->P->content != NULL ? C->P->content(C->P->content_ctx, S(C, m->file), &len) : NULL;
    if (text == NULL || m->line == 0 || m->col == 0)
        return NULL;
    const char *p = text, *end = text + len;
    for (unsigned l = 1; l < m->line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return NULL;
        p = nl + 1;
    }
    p += m->col - 1;
    size_t fl = strlen(fn);
    if (p + fl > end || strncmp(p, fn, fl) != 0)
        return NULL;
    const char *q = p + fl;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (q >= end || *q != '(')
        return NULL;
    const char *open = q, *comma = NULL, *close = NULL;
    int depth = 0;
    for (; q < end && close == NULL; q++) {
        char c = *q;
        if (c == '"' || c == '\'') {
            for (q++; q < end && *q != c; q++)
                if (*q == '\\')
                    q++;
            if (q >= end)
                return NULL;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (--depth == 0)
                close = q;
        } else if (c == ',' && depth == 1 && comma == NULL) {
            comma = q;
        }
    }
    if (close == NULL || comma == NULL)
        return NULL;
    const char *a0 = open + 1, *a0e = comma;
    while (a0 < a0e && (*a0 == ' ' || *a0 == '\t' || *a0 == '\n'))
        a0++;
    while (a0e > a0 && (a0e[-1] == ' ' || a0e[-1] == '\t' || a0e[-1] == '\n'))
        a0e--;
    if (a0 == a0e)
        return NULL;
    char sz[32] = "";
    if (!dst_array)
        snprintf(sz, sizeof(sz), "%lld", (long long)size);
    bw_buf b = BW_BUF_INIT;
    bw_buf_printf(&b, "%s(%.*s, ", fix, (int)(a0e - a0), a0);
    if (dst_array)
        bw_buf_printf(&b, "sizeof(%.*s)", (int)(a0e - a0), a0);
    else
        bw_buf_puts(&b, sz);
    bw_buf_printf(&b, ",%.*s)", (int)(close - comma - 1), comma + 1);
    char *out = bw_buf_take(&b);
    if (out == NULL) {
        C->P->oom = true;
        return NULL;
    }
    unsigned eline = m->line, ecol = m->col;
    for (const char *r = p; r <= close; r++) {
        if (*r == '\n')
            eline++, ecol = 1;
        else
            ecol++;
    }
    C->fix_eline = eline;
    C->fix_ecol = ecol;
    return out;
}
static void report(fctx *C, uint32_t at, int rule, const char *hint, const char *fix_repl, const char *fmt, ...)
{
    if (!C->reporting || !C->F->report || !C->P->enabled[rule])
        return;
    const bw_mnode *m = &C->n[at];
    if (m->file == BW_NONE)
        return;
    const bw_rule_info *ri = bw_rules_find(rule_ids[rule]);
    if (ri == NULL)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    const char *abs = S(C, m->file);
    bw_location loc = {0};
    loc.file = C->P->root != NULL ? bw_path_relative(abs, C->P->root) : bw_strdup(abs);
    loc.line = m->line;
    loc.column = m->col;
    bw_severity sev = C->P->cfg != NULL ? bw_config_rule_severity(C->P->cfg, ri->id, ri->severity) : ri->severity;
    bw_finding *f = loc.file != NULL ? bw_finding_new(ri->id, sev, msg, &loc) : NULL;
    bw_status st = f != NULL ? BW_OK : BW_ERR_NOMEM;
    if (st == BW_OK)
        st = bw_finding_set_function(f, S(C, C->n[C->F->node].str));
    if (st == BW_OK) {
        bw_location fr = {0};
        if (fix_repl != NULL) {
            fr.file = loc.file;
            fr.line = fr.end_line = m->line;
            fr.column = m->col;
            fr.end_column = m->col;
            if (C->fix_eline != 0) {
                fr.end_line = C->fix_eline;
                fr.end_column = C->fix_ecol;
            }
        }
        C->fix_eline = C->fix_ecol = 0;
        st = bw_finding_set_fix(f, hint, fix_repl != NULL ? &fr : NULL, fix_repl);
    }
    char *code = NULL;
    bw_status ls = st == BW_OK ? line_text(C->P, abs, m->line, &code) : BW_ERR_NOT_FOUND;
    if (ls == BW_OK)
        st = bw_finding_set_code(f, code);
    else if (ls == BW_ERR_NOMEM)
        st = BW_ERR_NOMEM;
    bw_free(code);
    if (st != BW_OK || bw_findings_push(C->P->out, f) != BW_OK) {
        if (st != BW_OK)
            bw_finding_free(f);
        C->P->oom = true;
    }
    bw_free(loc.file);
}

/* ---- tree helpers --------------------------------------------------------- */
static uint32_t kid(const fctx *C, uint32_t i, unsigned k)
{
    uint32_t c = i + 1;
    for (unsigned j = 0; j < k && c < C->n[i].end; j++)
        c = C->n[c].end;
    return c < C->n[i].end ? c : BW_NONE;
}
static unsigned nkids(const fctx *C, uint32_t i)
{
    unsigned n = 0;
    for (uint32_t c = i + 1; c < C->n[i].end; c = C->n[c].end)
        n++;
    return n;
}
static uint32_t strip(const fctx *C, uint32_t i)
{
    while (i != BW_NONE && C->n[i].kind == BW_MK_CAST)
        i = kid(C, i, 0);
    return i;
}
/* The spelled name of an expression for messages ("buf", "p->data"). */
static const char *expr_name(const fctx *C, uint32_t i, char *buf, size_t n)
{
    i = strip(C, i);
    if (i == BW_NONE) {
        snprintf(buf, n, "the buffer");
        return buf;
    }
    const bw_mnode *m = &C->n[i];
    if (m->kind == BW_MK_REF)
        snprintf(buf, n, "%s", S(C, m->str2));
    else if (m->kind == BW_MK_MEMBER && kid(C, i, 0) == BW_NONE)
        snprintf(buf, n, "%s", S(C, m->str)); /* a C++ member through the implicit this */
    else if (m->kind == BW_MK_MEMBER) {
        char b2[128];
        snprintf(buf, n, "%s%s%s", expr_name(C, kid(C, i, 0), b2, sizeof(b2)), m->op ? "->" : ".", S(C, m->str));
    } else if (m->kind == BW_MK_OTHER && (m->mflags & BW_MNF_THIS))
        snprintf(buf, n, "this"); else if (m->kind == BW_MK_UN && (m->op == CXUnaryOperator_AddrOf || m->op == CXUnaryOperator_Deref))
        return expr_name(C, kid(C, i, 0), buf, n);
    else if (m->kind == BW_MK_BIN || m->kind == BW_MK_INDEX)
        return expr_name(C, kid(C, i, 0), buf, n);
    else if (m->kind == BW_MK_CALL)
        snprintf(buf, n, "%s()", S(C, m->str));
    else
        snprintf(buf, n, "the buffer");
    return buf;
}

static mfunc *find_func(fctx *C, uint32_t call)
{
    const bw_mnode *m = &C->n[call];
    uint32_t f = BW_NONE;
    if (m->str2 != BW_NONE)
        f = bw_strmap_get(&C->P->by_name, S(C, m->str2));
    if (f == BW_NONE && m->str != BW_NONE)
        f = bw_strmap_get(&C->P->by_name, S(C, m->str));
    return f != BW_NONE ? &C->P->funcs[f] : NULL;
}

/* ---- evaluation ------------------------------------------------------------ */
static mval eval(fctx *C, mstate *s, uint32_t i, bool write);
static void exec(fctx *C, mstate *s, uint32_t i);
static void check_terminated(fctx *C, mstate *s, uint32_t call, uint32_t a, const mval *v, const char *fn);
static void refine(fctx *C, mstate *s, uint32_t cond, bool truth);
static void drop_guards(mstate *s, uint32_t key);
static void note_guards(fctx *C, mstate *s, uint32_t cond, uint32_t key);

static void fmt_size(char *buf, size_t n, range r)
{
    if (r.hi == INF)
        snprintf(buf, n, "an unbounded number of");
    else if (r.lo == r.hi || r.lo < 0)
        snprintf(buf, n, "%lld", (long long)r.hi);
    else
        snprintf(buf, n, "up to %lld", (long long)r.hi);
}

/* Use of a pointer value: NULL and free checks. */
static void check_use(fctx *C, mstate *s, uint32_t at, const mval *p, uint32_t expr)
{
    if (p->obj < 0 || (uint32_t)p->obj >= s->nobjs)
        return;
    mobj *o = &s->objs[p->obj];
    char nb[160];
    if (o->freed) {
        report(C, at, R_UAF, "do not use memory after free(); set the pointer to NULL when freeing it and check",
               NULL, "'%s' is used after it was freed%s (line %u)", expr_name(C, expr, nb, sizeof(nb)),
               o->freed == 1 ? " on some path" : "", o->free_line);
        o->freed = 0; /* one report per free */
    }
    if (o->null) {
        report(C, at, R_UNCHECKED_ALLOC, "check the result for NULL before using it (if (p == NULL) { ... })",
               NULL, "'%s' may be NULL here: the result of the allocation at line %u is used without a NULL check",
               expr_name(C, expr, nb, sizeof(nb)), o->alloc_line);
        o->null = 0;
    }
}

/* An access of `bytes` bytes at pointer `p` (index access or a copy). */
static void check_access(fctx *C, mstate *s, uint32_t at, const mval *p, range bytes, bool write, uint32_t expr,
                         bool elem, const mval *lenval, const char *what)
{
    check_use(C, s, at, p, expr);
    if (p->obj < 0 || (uint32_t)p->obj >= s->nobjs)
        return;
    mobj *o = &s->objs[p->obj];
    char nb[160], sz[64];
    expr_name(C, expr, nb, sizeof(nb));
    if (o->kind == OK_PARAM && o->param >= 0 && o->param < MAXP && write && p->r.lo == 0 && p->r.hi == 0) {
        /* summary: bytes written into a parameter's buffer.  A length that
         * only its type bounds (computed from a parameter: bitmap_size(nbits))
         * is no constant: its end is the type's, not what any caller passes */
        bool typeonly = lenval != NULL && (lenval->flags & (VF_TYPEONLY | VF_TAINT)) == VF_TYPEONLY;
        if (lenval != NULL && lenval->param >= 0 && !r_bounded_hi(lenval->r))
            C->sum.write_param[o->param] = lenval->param;
        else if (!typeonly && r_bounded_hi(bytes) && bytes.hi > C->sum.write_const[o->param])
            C->sum.write_const[o->param] = bytes.hi;
        if (typeonly)
            C->sum.write_dep |= 1u << o->param;
    }
    if (o->kind == OK_PARAM && elem && o->param >= 0 && lenval != NULL && lenval->param >= 0) {
        /* handled by the caller through idx_bound (only for local arrays) */
    }
    if (!r_bounded_hi(o->size) || o->size.lo != o->size.hi)
        return;
    int64_t size = o->size.hi;
    range off = p->r;
    bool taint = lenval != NULL && (lenval->flags & VF_TAINT);
    bool typeonly_off = !taint && (p->flags & VF_TYPEONLY);
    bool typeonly_len = !taint && lenval != NULL && (lenval->flags & VF_TYPEONLY);
    if (typeonly_off || typeonly_len) {
        /* only the type bounds its upper end: that end says nothing, but a
         * lower end a guard set is the program's (`if (n > sizeof b)
         * memcpy(b, s, n)` with n a parameter copies at least 33 bytes) */
        if (off.lo < 0 || bytes.lo < 0)
            return;
        if (typeonly_off)
            off.hi = INF;
        if (typeonly_len)
            bytes.hi = INF;
    }
    /* a type's whole range says nothing: treat it as unknown */
    if (off.lo <= -((int64_t)1 << 31))
        off.lo = NINF;
    if (off.hi >= ((int64_t)1 << 31) - 1)
        off.hi = INF;
    if (bytes.hi >= ((int64_t)1 << 31) - 1)
        bytes.hi = INF;
    if (taint && (off.hi == INF || bytes.hi == INF || off.lo == NINF)) {
        report(C, at, write ? R_OVERFLOW : R_OVERREAD, "check the untrusted value against the buffer size before using it", NULL,
               "%s uses an untrusted %s with no %s bound on '%s' (%lld bytes)", what, elem ? "index" : "length",
               off.hi == INF || bytes.hi == INF ? "upper" : "lower", nb, (long long)size);
        return;
    }
    if (off.lo == NINF && off.hi == INF)
        return;
    if (off.lo < 0 && off.lo != NINF) {
        report(C, at, write ? R_UNDERWRITE : R_UNDERWRITE, "keep the index non-negative (check i >= 0)", NULL,
               "%s %s %lld bytes before the start of '%s' (%lld bytes)", what, write ? "writes" : "reads",
               (long long)-off.lo, nb, (long long)size);
        return;
    }
    if ((bytes.hi == INF || off.hi == INF) && !taint) {
        /* no upper bound, but a lower bound the buffer cannot hold */
        int64_t least = sat_add(off.lo, bytes.lo);
        if (off.lo >= 0 && bytes.lo > 0 && least > size && least < ((int64_t)1 << 31) - 1)
            report(C, at, write ? R_OVERFLOW : R_OVERREAD,
                   write ? "bound the length by the destination size (sizeof dest or the allocation size)"
                         : "bound the length by the source size",
                   NULL, "%s %s at least %lld bytes %s '%s' (%lld bytes)", what, write ? "writes" : "reads",
                   (long long)least, write ? "into" : "from", nb, (long long)size);
        return;
    }
    int64_t end = sat_add(off.hi, bytes.hi);
    if (end <= size)
        return;
    int rule = write ? R_OVERFLOW : R_OVERREAD;
    fmt_size(sz, sizeof(sz), bytes.hi == INF || off.hi == INF ? TOP : (range){bytes.lo, end});
    if (taint && (bytes.hi == INF || off.hi == INF)) {
        report(C, at, rule, "check the untrusted value against the buffer size before using it", NULL,
               "%s uses an untrusted %s with no upper bound on '%s' (%lld bytes)", what,
               elem ? "index" : "length", nb, (long long)size);
        return;
    }
    int64_t esz = bytes.hi > 0 && elem ? bytes.hi : 1;
    if (elem && end - size <= esz && off.hi == size) {
        report(C, at, R_OFFBYONE, "the last valid index is size - 1: use < instead of <=, or make room for the terminator",
               NULL, "%s one element past the end of '%s' (%lld bytes, offset %lld)", write ? "writes" : "reads", nb,
               (long long)size, (long long)off.hi);
        return;
    }
    if (elem)
        report(C, at, rule, "check the index against the number of elements before the access", NULL,
               "%s at byte offset %lld of '%s' (%lld bytes)", write ? "writes" : "reads", (long long)off.hi, nb,
               (long long)size);
    else
        report(C, at, rule, write ? "bound the length by the destination size (sizeof dest or the allocation size)"
                                  : "bound the length by the source size",
               NULL, "%s %s %s bytes %s '%s' (%lld bytes)", what, write ? "copies" : "reads", sz,
               write ? "into" : "from", nb, (long long)(size - (off.lo > 0 ? off.lo : 0)));
}

static mval eval_ref(fctx *C, mstate *s, uint32_t i)
{
    const bw_mnode *m = &C->n[i];
    mval *v = st_var(s, m->str);
    if (m->tflags & BW_MT_ARRAY) {
        if (v != NULL && v->obj >= 0)
            return *v;
        /* a global or static array, or one not declared in this function */
        range sz = m->alen > 0 && m->esize ? r_const(m->alen * m->esize) : (range){0, INF};
        int o = st_obj(C, s, m->str | VAR_STORAGE, OK_GLOBAL, sz, m->str2, m->line);
        mval r = v_at(o, r_const(0));
        st_set(C, s, m->str, r);
        return r;
    }
    if (v != NULL)
        return *v;
    mval r = v_top();
    r.r = type_range(m);
    r.flags |= type_only(m);
    return r;
}

static bool is_alloc_row_nofail(const bw_mem_know *k) { return (k->flags & BW_MF_NOFAIL) != 0; }

static range arg_range(fctx *C, mstate *s, uint32_t call, int a, mval *out, unsigned first)
{
    uint32_t k = a >= 0 ? kid(C, call, (unsigned)a + first) : BW_NONE;
    if (k == BW_NONE) {
        if (out)
            *out = v_top();
        return TOP;
    }
    mval v = eval(C, s, k, false);
    if (out)
        *out = v;
    return v.r;
}

/* The longest text the string argument `v` can insert; -1 when unknown. */
static int64_t string_arg_max(const mstate *s, const mval *v)
{
    if (v->obj < 0 || (uint32_t)v->obj >= s->nobjs)
        return -1;
    const mobj *o = &s->objs[v->obj];
    if (r_bounded_hi(o->slen))
        return o->slen.hi;
    if (r_bounded_hi(o->size) && !o->noterm)
        return o->size.hi - 1;
    return -1;
}

/* The longest conversion of an integer argument of `tsize` bytes: decimal
 * with sign or octal, 11 characters for 32 bits, 22 for 64. */
static int64_t int_conv_max(uint32_t tsize) { return tsize != 0 && tsize <= 4 ? 11 : 22; }

/* Digits of `n` (>= 0) in base `base`. */
static int64_t digits_in(int64_t n, int base)
{
    int64_t d = 1;
    while (n >= base) {
        n /= base;
        d++;
    }
    return d;
}

/* The longest text conversion `conv` prints for an integer in `r` (an
 * argument of `tsize` bytes), with '+'/' ' (`sign`) and '#' (`alt`): from
 * the range when both its ends are known (`sprintf(buf, "%d", n)` with n in
 * [0, 99] is 2 characters, not 11), else the type's longest. */
static int64_t int_conv_len(range r, char conv, uint32_t tsize, bool sign, bool alt)
{
    if (r.lo == NINF || r.hi == INF)
        return int_conv_max(tsize);
    if (conv == 'd' || conv == 'i') {
        int64_t neg = r.lo == INT64_MIN ? INT64_MAX : -r.lo; /* the largest magnitude below 0 */
        return digits_in(r.hi > neg ? r.hi : neg, 10) + (r.lo < 0 || sign ? 1 : 0);
    }
    if (r.lo < 0) /* an unsigned conversion of a negative value: the type's largest */
        return int_conv_max(tsize);
    if (conv == 'u')
        return digits_in(r.hi, 10);
    if (conv == 'x' || conv == 'X')
        return digits_in(r.hi, 16) + (alt ? 2 : 0);
    if (conv == 'o')
        return digits_in(r.hi, 8) + (alt ? 1 : 0);
    return int_conv_max(tsize);
}

static void forget_strlen_of(mstate *s, int o);

/* Member array o may have been written over: its string is unknown.  When
 * the write is known to reach it (`exact`: the whole struct, an overlapping
 * member), so is what a strlen() of it measured (a block sized from it).
 * A write that may reach it only because the analysis cannot place it (a
 * member of a[i], a call given the address of a sibling member) keeps
 * that: dropping it there turned every `b = malloc(strlen(r.name) + 1);
 * strcpy(b, r.name)` near such a write into a false overflow error. */
static void forget_member(mstate *s, uint32_t o, bool exact)
{
    if (exact)
        forget_strlen_of(s, (int)o);
    mobj *m = &s->objs[o];
    m->slen = (range){0, INF};
    m->written = 1;
    m->grown = m->appd = 0;
}

/* A write of `len` bytes at byte offset `from` of the object at `site` (a
 * struct, or a variable's storage) may be one into any of its member
 * arrays (member_site) but those wholly before it, or wholly after a
 * bounded one. */
static void forget_members_in(mstate *s, uint32_t site, bool exact, int64_t from, range len)
{
    for (uint32_t j = 0; j < s->nobjs; j++) {
        const mobj *x = &s->objs[j];
        if (x->parent != site || site == BW_NONE)
            continue;
        if (r_bounded_hi(x->size) && x->moff + x->size.hi <= from)
            continue;
        if (r_bounded_hi(len) && x->moff >= from + len.hi)
            continue;
        forget_member(s, j, exact);
    }
}

/* ... a write into the whole object, into any of them. */
static void forget_members(mstate *s, uint32_t site, bool exact)
{
    forget_members_in(s, site, exact, NINF, TOP);
}

/* A write the analysis cannot place may be one into any member array it
 * tracks. */
static void forget_all_members(mstate *s)
{
    for (uint32_t j = 0; j < s->nobjs; j++)
        if (s->objs[j].parent != BW_NONE)
            forget_member(s, j, false);
}

/* Member array o was written: so was the object it is part of (a helper
 * writing p->name writes p), and any member that overlaps it (a union's);
 * a member the analysis could not place ((*p).name, a[i].name) may be any
 * tracked member. */
static void member_written(mstate *s, int o)
{
    const mobj m = s->objs[o];
    if (m.parent == BW_NONE) {
        forget_all_members(s); /* o itself has no parent: untouched */
        return;
    }
    for (uint32_t j = 0; j < s->nobjs; j++) {
        mobj *x = &s->objs[j];
        if ((int)j == o)
            continue;
        if (x->site == m.parent) {
            x->written = 1;
            x->app_ok = 0; /* not an append to a string at its start */
        }
        else if (x->parent == m.parent && r_bounded_hi(x->size) && r_bounded_hi(m.size) &&
                 x->moff < m.moff + m.size.hi && m.moff < x->moff + x->size.hi)
            forget_member(s, j, true);
    }
}

/* Object o's contents were written.  Other than by an append, its string
 * no longer grows from what it held when a loop pass began; other than by
 * an append its `app` counts (`counted`), it is no longer the caller's
 * string plus what was appended. */
static void note_written(mstate *s, int o, bool append, bool counted)
{
    if (o < 0 || (uint32_t)o >= s->nobjs)
        return;
    forget_members(s, s->objs[o].site, true);
    s->objs[o].written = 1;
    if (append)
        s->objs[o].appd |= s->objs[o].grown;
    else
        s->objs[o].grown = s->objs[o].appd = 0;
    if (!append || !counted)
        s->objs[o].app_ok = 0;
    if (s->objs[o].kind == OK_MEMBER)
        member_written(s, o);
}

/* Object o's string may have changed: no comparison of its length with
 * another's holds. */
static void forget_fits(mstate *s, int o)
{
    if (o < 0 || (uint32_t)o >= s->nobjs)
        return;
    s->objs[o].fits_in = NO_TERM;
    for (uint32_t j = 0; j < s->nobjs; j++)
        if (s->objs[j].fits_in.obj == o)
            s->objs[j].fits_in = NO_TERM;
}

/* Object `o`'s string may have changed (written, or passed to a function
 * that may write it): a length or a block size taken from strlen() of it
 * no longer says anything about it. */
static void forget_strlen_of(mstate *s, int o)
{
    if (o < 0 || (uint32_t)o >= s->nobjs || !s->objs[o].measured)
        return;
    forget_fits(s, o);
    s->objs[o].measured = 0;
    for (uint32_t j = 0; j < s->nobjs; j++) {
        mobj *b = &s->objs[j];
        if (b->from_strlen && (b->sized[0].obj == o || b->sized[1].obj == o))
            b->from_strlen = 0;
    }
    for (uint32_t j = 0; j < s->nvars; j++) {
        mval *v = &s->vars[j].v;
        if ((v->flags & VF_STRLEN) && (v->sl[0].obj == o || v->sl[1].obj == o))
            v->flags &= (uint16_t)~VF_STRLEN;
    }
}

/* Whatever o held may have been rewritten: no string length, no strlen()
 * sized from it. */
static void forget_contents(mstate *s, int o)
{
    if (o < 0 || (uint32_t)o >= s->nobjs)
        return;
    forget_strlen_of(s, o);
    note_written(s, o, false, false);
    if (s->objs[o].kind != OK_LIT)
        s->objs[o].slen = (range){0, INF};
}

/* The variable an expression names through casts (`std::cin`): its REF
 * node, or BW_NONE. */
static uint32_t var_ref(const fctx *C, uint32_t e)
{
    e = strip(C, e);
    return e != BW_NONE && C->n[e].kind == BW_MK_REF ? e : BW_NONE;
}

/* ... and that variable's key, or BW_NONE. */
static uint32_t ref_key(const fctx *C, uint32_t e)
{
    e = var_ref(C, e);
    return e != BW_NONE ? C->n[e].str : BW_NONE;
}

/* What a printf-style call writes, counted a second way: its %s strings
 * whose length is known only as strlen() of them (at most two, as a
 * block's size has) by name, the rest in bytes, so that the text can be
 * compared with a block sized from the same strlen() calls. */
typedef struct fmt_terms {
    sterm term[2];
    unsigned n;
    int64_t fixed; /* bytes besides the terms' strings, with the terminator */
    bool ok;       /* every other conversion has a bounded length */
    bool exact;    /* ... and `fixed` is exact: literal text, %c and unpadded terms */
} fmt_terms;

/* The longest a floating-point conversion prints, width aside.  %f: a
 * sign, up to 309 digits (DBL_MAX; long double's 4933), the point and the
 * precision (6 by default).  %e: a sign, a digit, the point, the precision
 * and an exponent of up to three digits (four for long double) with its
 * sign.  %g of precision P (6; 0 is 1) prints P significant digits in
 * either form: at most a sign, P digits, the point and that exponent
 * ("-1.2345678901234567e-308"), or in the fixed form for exponents from
 * -4 to P - 1 at most "-0.000" before them.  %a: a sign, "0x1.", the
 * hexadecimal digits (13 for a double, up to 28 for a long double) and a
 * binary exponent. */
static int64_t float_conv_len(char conv, int64_t prec, bool long_double)
{
    int64_t exp_digits = long_double ? 4 : 3;
    switch (conv) {
    case 'e':
    case 'E':
        return 1 + 1 + 1 + (prec >= 0 ? prec : 6) + 2 + exp_digits;
    case 'g':
    case 'G': {
        int64_t p = prec < 0 ? 6 : prec == 0 ? 1 : prec;
        int64_t sci = 1 + p + 1 + 2 + exp_digits, fixed = 1 + 2 + 3 + p;
        return sci > fixed ? sci : fixed;
    }
    case 'a':
    case 'A':
        /* long double: 28 digits where it is a binary128 (aarch64) */
        return 1 + 4 + (prec >= 0 ? prec : long_double ? 28 : 13) + 2 + (long_double ? 5 : 4);
    default:
        return (long_double ? 4940 : 320) + (prec >= 0 ? prec : 6); /* %f */
    }
}

/* The longest a `*` width or precision taken from `r` makes a conversion;
 * a negative width pads on the left by its absolute value.  -1: unknown. */
static int64_t star_value(range r)
{
    if (!r_bounded_hi(r) || r.lo == NINF)
        return -1;
    return r.lo < 0 && -r.lo > r.hi ? -r.lo : r.hi;
}

/* Max bytes (with the terminator) that the printf-style call at `call`
 * writes, its format being argument `fmt_arg`, read conversion by
 * conversion: each prints max(width, its own longest output), a precision
 * bounds a %s; INF when unknown (*unbounded_src: an argument's length).
 * `terms` (may be NULL) gets the count by strlen() terms. */
static int64_t format_max(fctx *C, mstate *s, uint32_t call, unsigned fmt_arg, bool *unbounded_src,
                          fmt_terms *terms)
{
    uint32_t fk = strip(C, kid(C, call, fmt_arg));
    fmt_terms none;
    if (terms == NULL)
        terms = &none;
    *terms = (fmt_terms){{NO_TERM, NO_TERM}, 0, 0, true, true};
    *unbounded_src = false;
    if (fk == BW_NONE || C->n[fk].kind != BW_MK_STR) {
        terms->ok = false;
        return INF;
    }
    const char *txt = C->n[fk].str != BW_NONE ? S(C, C->n[fk].str) : "";
    /* the literal's characters outside its conversion specifications */
    int64_t total = C->n[fk].ival - (int64_t)(C->n[fk].fmt & 0xffff);
    if (total < 0)
        total = 0;
    int64_t sym = total;
    bool unbounded = false;
    unsigned na = nkids(C, call), a = fmt_arg + 1;
    for (const char *p = txt; (p = strchr(p, '%')) != NULL;) {
        const char *q = p + 1;
        if (*q == '%') {
            p = q + 1;
            continue;
        }
        bool sign = false, alt = false;
        for (; *q != '\0' && strchr("-+ #0'", *q) != NULL; q++) {
            sign |= *q == '+' || *q == ' ';
            alt |= *q == '#';
        }
        int64_t w = 0, prec = -1;
        bool star_unknown = false;
        bool prec_may_be_absent = false; /* a negative `*` precision is none */
        for (int part = 0; part < 2; part++) {
            int64_t n = 0;
            if (*q == '*') { /* the value comes from the next argument */
                range sr = a < na ? eval(C, s, kid(C, call, a++), false).r : TOP;
                n = star_value(sr);
                star_unknown |= n < 0;
                if (part == 1 && sr.lo < 0 && n >= 0) {
                    prec_may_be_absent = true;
                    n = sr.hi > 0 ? sr.hi : 0;
                }
                q++;
            }
            while (*q >= '0' && *q <= '9' && n < 100000)
                n = n * 10 + (*q++ - '0');
            if (part == 0)
                w = n;
            else
                prec = n;
            if (part == 1 || *q != '.')
                break;
            q++;
            prec = 0;
        }
        bool wide = false, long_double = false;
        for (; *q != '\0' && strchr("hlLqjzt", *q) != NULL; q++) {
            wide |= *q == 'l';
            /* glibc reads %lle and %qe as long double too */
            long_double |= *q == 'L' || *q == 'q' || (*q == 'l' && q[1] == 'l');
        }
        char conv = *q;
        if (conv != '\0')
            q++;
        p = q;
        if (a >= na)
            break;
        uint32_t ak = kid(C, call, a++);
        mval v = eval(C, s, ak, false);
        const bw_mnode *am = &C->n[strip(C, ak)];
        if (star_unknown) {
            unbounded = true;
            terms->ok = false;
            continue;
        }
        int64_t out;
        bool is_str = conv == 's' || (conv != 'p' && (am->tflags & (BW_MT_PTR | BW_MT_ARRAY)));
        if (is_str) {
            out = string_arg_max(s, &v);
            if (prec >= 0 && !prec_may_be_absent && (out < 0 || prec < out))
                out = prec;
        } else if (conv == 'c') {
            out = 1;
        } else if (conv == 'p') {
            out = 18; /* 0x and 16 hex digits */
        } else if (conv == 'n') {
            out = 0;
        } else if (am->tflags & BW_MT_INT) {
            out = int_conv_len(v.r, conv, am->tsize, sign, alt);
            if (prec + 1 > out)
                out = prec + 1;
        } else {
            out = float_conv_len(conv, prec, long_double);
            if (prec_may_be_absent) {
                int64_t dflt = float_conv_len(conv, -1, long_double);
                out = dflt > out ? dflt : out;
            }
        }
        if (out < 0)
            unbounded = true;
        else
            total = sat_add(total, w > out ? w : out);
        /* the count by terms: a plain %s of a string's start is its strlen() */
        sterm t = is_str && conv == 's' && !wide && prec < 0 ? term_at(&v, ref_key(C, ak)) : NO_TERM;
        if (t.obj >= 0 && terms->n < 2) {
            terms->term[terms->n++] = t;
            sym = sat_add(sym, w); /* max(width, strlen) <= width + strlen */
            terms->exact &= w == 0;
        } else if (out >= 0) {
            sym = sat_add(sym, w > out ? w : out);
            terms->exact &= conv == 'c' && w <= 1;
        } else {
            terms->ok = false;
        }
    }
    /* arguments no conversion names (or a format without kept text) */
    for (; a < na; a++) {
        uint32_t ak = kid(C, call, a);
        mval v = eval(C, s, ak, false);
        const bw_mnode *am = &C->n[strip(C, ak)];
        int64_t out = (am->tflags & (BW_MT_PTR | BW_MT_ARRAY)) ? string_arg_max(s, &v)
                      : (am->tflags & BW_MT_INT) ? int_conv_max(am->tsize) : 320;
        if (out < 0)
            unbounded = true;
        total = sat_add(total, out < 0 ? 0 : out);
        terms->ok = false;
    }
    if (C->n[fk].str == BW_NONE && (C->n[fk].fmt >> 16) != 0) {
        /* a cache written before the text was kept: widths as a sum */
        terms->ok = false;
        if ((C->n[fk].fmt >> 16) == 0xffff)
            unbounded = true;
        else
            total = sat_add(total, (int64_t)(C->n[fk].fmt >> 16));
    }
    terms->fixed = sat_add(sym, 1);
    if (unbounded) {
        *unbounded_src = true;
        return INF;
    }
    return sat_add(total, 1);
}

typedef enum { SIZED_UNKNOWN, SIZED_FITS, SIZED_SHORT } sized_verdict;

/* Compares t->fixed bytes plus the strings of `t` with the block `dst`
 * points to the start of, when that block was sized strlen(a) [+
 * strlen(b)] + c: FITS when each string of `t` is one of a, b and c >=
 * t->fixed, whatever their lengths (kmalloc(strlen(path) + 15) for
 * "DEVPATH_OLD=%s"); SHORT, with *over bytes too many, when the strings
 * are exactly a [and b], t->fixed is exact and c is less. */
static sized_verdict strlen_sized_for(const mstate *s, const mval *dst, const fmt_terms *t, int64_t *over)
{
    int64_t fixed = t->fixed;
    if (!t->ok || t->n == 0)
        return SIZED_UNKNOWN;
    if (dst->obj < 0 || (uint32_t)dst->obj >= s->nobjs || dst->r.lo != 0 || dst->r.hi != 0)
        return SIZED_UNKNOWN;
    const mobj *o = &s->objs[dst->obj];
    if (!o->from_strlen || o->sized[0].obj < 0)
        return SIZED_UNKNOWN;
    sterm have[2] = {o->sized[0], o->sized[1]};
    for (unsigned k = 0; k < t->n; k++) {
        unsigned j = 0;
        while (j < 2 && !term_eq(have[j], t->term[k]))
            j++;
        if (j == 2)
            return SIZED_UNKNOWN;
        have[j] = NO_TERM; /* each strlen() pays for one string */
    }
    if (fixed <= o->strlen_add)
        return SIZED_FITS;
    if (have[0].obj >= 0 || have[1].obj >= 0 || !t->exact)
        return SIZED_UNKNOWN; /* a string the text leaves out, a long string
                               * that needs no padding or a number shorter
                               * than its longest may make up the difference */
    *over = fixed - o->strlen_add;
    return SIZED_SHORT;
}

/* "strlen(a) + strlen(b) + n" for a block sized from strlen(): its
 * strings by the names their objects have. */
static void strlen_sum_text(fctx *C, const mstate *s, const mobj *o, int64_t n, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned k = 0; k < 2; k++) {
        sterm t = o->sized[k];
        if (t.obj < 0 || (uint32_t)t.obj >= s->nobjs || used >= cap)
            continue;
        uint32_t nm = s->objs[t.obj].name;
        char off[24] = "";
        if (t.lo == t.hi && t.lo > 0)
            snprintf(off, sizeof(off), " + %d", (int)t.lo);
        int w = snprintf(out + used, cap - used, "strlen(%s%s) + ", nm != BW_NONE ? S(C, nm) : "s", off);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used < cap)
        snprintf(out + used, cap - used, "%lld", (long long)n);
}

/* strcpy/strcat/sprintf at `at` in a parameter's block, whose size only
 * the callers know: a write of bounded length (`strcpy(buf, "x")`, or a
 * strcat after it) goes into the summary as bytes written (write_const,
 * str_writes; `n` with the terminator), and a bounded strcat onto the
 * caller's string (`append`) as characters appended (append[]; `n`
 * without it), for every call to check against the caller's buffer.  Whether the finding is
 * left to the callers: only when every call applies the summary
 * (callers_checked) and the summary they applied already covers this write
 * (a recursion or a chain deeper than summarize's rounds may not). */
static bool param_string_write(fctx *C, mobj *dobj, range at, bool append, range n)
{
    if (dobj == NULL || dobj->kind != OK_PARAM || dobj->param < 0 || dobj->param >= MAXP)
        return false;
    if (r_bounded_hi(dobj->size) || at.lo != 0 || at.hi != 0) {
        if (append) /* onto the string somewhere past its start: not counted */
            dobj->app = (range){0, INF};
        return false;
    }
    int p = dobj->param;
    const msum *used = &C->F->sum; /* what the callers were checked against */
    if (append) {
        if (!dobj->app_ok || !r_bounded_hi(n) || n.lo < 0) {
            dobj->app = (range){0, INF};
            return false;
        }
        dobj->app = r_add(dobj->app, n);
        if (!r_bounded_hi(dobj->app))
            return false;
        if (dobj->app.hi > C->sum.append[p])
            C->sum.append[p] = dobj->app.hi;
        return C->F->callers_checked && used->append[p] >= dobj->app.hi;
    }
    if (!r_bounded_hi(n))
        return false;
    if (n.hi > C->sum.write_const[p])
        C->sum.write_const[p] = n.hi;
    C->sum.str_writes |= 1u << p;
    return C->F->callers_checked && used->write_const[p] >= n.hi && (used->str_writes & (1u << p));
}

/* Whether evaluating node `m` changes something: a call, an assignment,
 * new or delete, an increment or decrement. */
static bool has_effect(const bw_mnode *m)
{
    return m->kind == BW_MK_CALL || m->kind == BW_MK_ASSIGN || m->kind == BW_MK_NEW || m->kind == BW_MK_DELETE ||
           is_step(m);
}

/* Whether subtrees a and b are the same expression, casts and parentheses
 * aside: the same variables, members, constants and operators, read twice
 * in one call's arguments.  Only strlen() among calls (it reads what the
 * other read sees); no other effect, and nothing volatile. */
static bool same_expr(const fctx *C, uint32_t a, uint32_t b)
{
    a = strip(C, a);
    b = strip(C, b);
    if (a == BW_NONE || b == BW_NONE || C->n[a].end - a != C->n[b].end - b)
        return false;
    for (uint32_t j = 0; j < C->n[a].end - a; j++) {
        const bw_mnode *x = &C->n[a + j], *y = &C->n[b + j];
        if (x->kind != y->kind || x->op != y->op || x->str != y->str || x->str2 != y->str2 || x->ival != y->ival ||
            x->end - (a + j) != y->end - (b + j))
            return false;
        bool strlen_call = x->kind == BW_MK_CALL && strcmp(S(C, x->str), "strlen") == 0;
        if ((has_effect(x) && !strlen_call) || (x->mflags & BW_MNF_VOLATILE))
            return false;
    }
    return true;
}

/* The constant an expression is without evaluating anything that could
 * report (sizeof, a number, casts of them, their sums, differences and
 * products). */
static bool const_expr(fctx *C, mstate *s, uint32_t e, int64_t *out)
{
    e = strip(C, e);
    if (e == BW_NONE)
        return false;
    for (uint32_t j = e; j < C->n[e].end; j++) {
        unsigned kd = C->n[j].kind;
        if (kd != BW_MK_INT && kd != BW_MK_SIZEOF && kd != BW_MK_CAST &&
            !(kd == BW_MK_BIN && (C->n[j].op == CXBinaryOperator_Add || C->n[j].op == CXBinaryOperator_Sub ||
                                  C->n[j].op == CXBinaryOperator_Mul)))
            return false;
    }
    mval v = eval(C, s, e, false);
    if (!r_known(v.r))
        return false;
    *out = v.r.lo;
    return true;
}

/*
 * A write at `buf + e` of at most `K - e` bytes (snprintf(buf + len, sizeof
 * buf - len, ...); also K - e - c, K - (e + c), K - e + c, and `buf + e +
 * c1` or `&buf[e]` for the destination): both arguments read the same e,
 * so the write ends at buf's offset + K - c whatever e is.  Their ranges
 * taken apart cannot tell: an e of up to 255 next to a room of up to 256
 * would end at 511.  Only while the room cannot be negative (0 <= e
 * <= K - c as the analysis sees the room, so an offset that a truncated
 * snprintf's return pushed past the end is still judged apart).  dst and
 * len are the two arguments' values; on success *base is buf's and *room
 * what may be written from buf.
 */
static bool room_after(fctx *C, mstate *s, uint32_t dk, uint32_t lk, const mval *dst, range len, mval *base,
                       range *room)
{
    uint32_t d = strip(C, dk), l = strip(C, lk);
    if (d == BW_NONE || l == BW_NONE || dst->obj < 0 || dst->r.lo == NINF || dst->r.hi == INF)
        return false;
    /* the destination: buf + e, buf + e + c1 (the constant is part of the
     * base's offset below), or &buf[e] */
    int64_t c1 = 0;
    if (C->n[d].kind == BW_MK_BIN && C->n[d].op == CXBinaryOperator_Add && C->n[d].esize <= 1 &&
        const_expr(C, s, kid(C, d, 1), &c1)) {
        uint32_t inner = strip(C, kid(C, d, 0));
        if (inner != BW_NONE && C->n[inner].kind == BW_MK_BIN && C->n[inner].op == CXBinaryOperator_Add)
            d = inner;
    }
    uint32_t e;
    if (C->n[d].kind == BW_MK_BIN && C->n[d].op == CXBinaryOperator_Add && C->n[d].esize <= 1) {
        e = kid(C, d, 1);
    } else if (C->n[d].kind == BW_MK_UN && C->n[d].op == CXUnaryOperator_AddrOf) {
        uint32_t x = strip(C, kid(C, d, 0));
        if (x == BW_NONE || C->n[x].kind != BW_MK_INDEX || C->n[x].tsize != 1)
            return false;
        e = kid(C, x, 1);
    } else {
        return false;
    }
    /* the room: K - e, K - e - c, K - (e + c) or K - e + c */
    int64_t k = 0, c = 0;
    if (C->n[l].kind == BW_MK_BIN && C->n[l].op == CXBinaryOperator_Add && const_expr(C, s, kid(C, l, 1), &c)) {
        c = -c;
        l = strip(C, kid(C, l, 0));
        if (l == BW_NONE)
            return false;
    }
    if (C->n[l].kind != BW_MK_BIN || C->n[l].op != CXBinaryOperator_Sub)
        return false;
    uint32_t kk = kid(C, l, 0), sub = kid(C, l, 1);
    uint32_t ks = strip(C, kk), ss = strip(C, sub);
    int64_t more = 0;
    if (same_expr(C, sub, e)) {
        /* K - e (also when e is itself `n + 1`) */
    } else if (ks != BW_NONE && C->n[ks].kind == BW_MK_BIN && C->n[ks].op == CXBinaryOperator_Sub &&
               const_expr(C, s, sub, &more)) {
        kk = kid(C, ks, 0); /* K - e - c */
        sub = kid(C, ks, 1);
    } else if (ss != BW_NONE && C->n[ss].kind == BW_MK_BIN && C->n[ss].op == CXBinaryOperator_Add &&
               const_expr(C, s, kid(C, ss, 1), &more)) {
        sub = kid(C, ss, 0); /* K - (e + c) */
    }
    if (more < 0 || !same_expr(C, sub, e) || !const_expr(C, s, kk, &k))
        return false;
    c += more;
    if (k - c < 0 || len.lo < 0 || len.hi > k - c)
        return false;
    /* e = K - c - len; the write starts at dst = buf + e + c1 and ends at
     * buf + c1 + K - c */
    int64_t elo = k - c - len.hi, ehi = k - c - len.lo;
    *base = *dst;
    base->r = (range){dst->r.lo - elo, dst->r.hi - ehi};
    /* ranges that disagree (the offset's and the room's were narrowed
     * apart) are judged apart, as before */
    if (base->r.lo > base->r.hi || (base->r.lo < 0 && dst->r.lo >= 0))
        return false;
    *room = (range){len.lo, k - c};
    return true;
}

/* Checks the write the call at `i` makes by knowledge row `k`; *written:
 * the object written (-1 none); *counted_append: an append whose
 * characters the object's `app` counts (or no parameter's object). */
static void call_write_into(fctx *C, mstate *s, uint32_t i, const bw_mem_know *k, unsigned first, int *written,
                            bool *counted_append)
{
    const bw_mnode *m = &C->n[i];
    const char *fn = S(C, m->str);
    uint32_t dk = kid(C, i, (unsigned)k->dst + first);
    if (dk == BW_NONE)
        return;
    mval dst = eval(C, s, dk, false);
    *written = dst.obj;
    /* a pointer known only by its string (name_pointee) is written as a
     * pointer to nothing known was */
    if (dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs && s->objs[dst.obj].opaque)
        dst.obj = -1;
    unsigned el = (k->flags & BW_MF_WIDE) ? (C->n[strip(C, dk)].esize ? C->n[strip(C, dk)].esize : 4) : 1;
    char what[96];
    snprintf(what, sizeof(what), "%s()", fn);
    mobj *dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
    if (k->flags & BW_MF_UNBOUNDED) {
        check_use(C, s, i, &dst, dk);
        char nb[160];
        report(C, i, R_DANGER, "gets() cannot be used safely: use fgets(buf, sizeof buf, stdin)", NULL,
               "gets() writes an unbounded line into '%s'%s", expr_name(C, dk, nb, sizeof(nb)), "");
        if (dobj)
            dobj->tainted = 1, dobj->slen = (range){0, INF};
        return;
    }
    if (k->flags & (BW_MF_STRING | BW_MF_FORMAT)) {
        range bytes;
        bool unknown_src = false, sized_for_text = false;
        int64_t text_over = 0; /* SIZED_SHORT: bytes past a block sized from strlen() */
        mval src = v_top();
        if (k->flags & BW_MF_FORMAT) {
            if (k->flags & BW_MF_VA) {
                bytes = (range){0, INF};
                unknown_src = true;
            } else {
                fmt_terms terms;
                int64_t mx = format_max(C, s, i, (unsigned)k->src + first, &unknown_src, &terms);
                bytes = (range){0, mx};
                sized_verdict v = strlen_sized_for(s, &dst, &terms, &text_over);
                if (v != SIZED_UNKNOWN) {
                    sized_for_text = v == SIZED_FITS;
                    unknown_src = false;
                }
            }
        } else {
            uint32_t sk = kid(C, i, (unsigned)k->src + first);
            src = sk != BW_NONE ? eval(C, s, sk, false) : v_top();
            if (sk != BW_NONE)
                check_terminated(C, s, i, sk, &src, fn);
            mobj *so = src.obj >= 0 && (uint32_t)src.obj < s->nobjs ? &s->objs[src.obj] : NULL;
            if (so && r_bounded_hi(so->slen))
                bytes = (range){(so->slen.lo + 1) * el, (so->slen.hi + 1) * el};
            else if (so && r_bounded_hi(so->size) && !so->noterm && so->kind != OK_PARAM)
                bytes = (range){el, so->size.hi};
            else
                bytes = (range){el, INF}, unknown_src = true;
        }
        /* evaluating the arguments may have grown (moved) the object table */
        dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
        bool unknown_cur = false; /* strcat onto a string of unknown length */
        range src_bytes = bytes;
        if (k->flags & BW_MF_APPEND) {
            range cur = dobj && r_bounded_hi(dobj->slen) ? (range){dobj->slen.lo * el, dobj->slen.hi * el}
                                                          : (range){0, INF};
            if (!r_bounded_hi(cur) && dobj && r_bounded_hi(dobj->size)) {
                unknown_cur = !unknown_src;
                unknown_src = true;
            }
            bytes = r_add(bytes, cur);
        }
        bool to_callers = false;
        if (el == 1 && (k->flags & BW_MF_APPEND) && (k->flags & BW_MF_STRING) && dobj && !r_bounded_hi(dobj->slen)) {
            to_callers = param_string_write(C, dobj, dst.r, true,
                                            r_bounded_hi(src_bytes) ? (range){src_bytes.lo - 1, src_bytes.hi - 1}
                                                                    : (range){0, INF});
            *counted_append = dobj->kind != OK_PARAM || (dobj->app_ok && r_bounded_hi(dobj->app));
        } else if (el == 1 && !unknown_src) {
            to_callers = param_string_write(C, dobj, dst.r, false, bytes);
        }
        char nb[160];
        expr_name(C, dk, nb, sizeof(nb));
        bool fits = dobj && r_bounded_hi(dobj->size) && dobj->size.lo == dobj->size.hi &&
                    r_bounded_hi(bytes) && sat_add(dst.r.hi, bytes.hi) <= dobj->size.hi;
        /* malloc(strlen(s)) then strcpy(p, s): one byte short; malloc(strlen(s)
         * + 1) (or more) then strcpy(p, s): fits whatever s's length */
        uint32_t sk = kid(C, i, (unsigned)k->src + first);
        mval sv = (k->flags & BW_MF_STRING) && sk != BW_NONE ? src : v_top();
        bool sized_for_src = dobj && dobj->from_strlen && (k->flags & BW_MF_STRING) && !(k->flags & BW_MF_APPEND) &&
                             sv.obj >= 0 && (uint32_t)sv.obj < s->nobjs &&
                             term_eq(dobj->sized[0], term_at(&sv, ref_key(C, sk))) && dobj->sized[1].obj < 0 &&
                             dst.r.lo == 0 && dst.r.hi == 0;
        /* strcpy(y, x) after strlen(x) <= strlen(y) */
        bool shorter = dobj && (k->flags & BW_MF_STRING) && !(k->flags & BW_MF_APPEND) && sv.obj >= 0 &&
                       (uint32_t)sv.obj < s->nobjs && sv.r.lo == 0 && sv.r.hi == 0 &&
                       s->objs[sv.obj].fits_in.obj >= 0 &&
                       term_eq(s->objs[sv.obj].fits_in, term_at(&dst, ref_key(C, dk)));
        if ((sized_for_src && dobj->strlen_add >= (int32_t)el) || sized_for_text || shorter ||
            (C->n[i].mflags & BW_MNF_SIZED_BY_EVENT))
            fits = true;
        if (text_over > 0) {
            char wrote[200], had[200];
            strlen_sum_text(C, s, dobj, text_over + dobj->strlen_add, wrote, sizeof(wrote));
            strlen_sum_text(C, s, dobj, dobj->strlen_add, had, sizeof(had));
            report(C, i, text_over == 1 ? R_OFFBYONE : R_OVERFLOW,
                   "size the block for the whole text: the strings' lengths, every other character and the terminator",
                   NULL, "%s writes %s bytes into '%s', allocated with %s bytes", what, wrote, nb, had);
        } else if (sized_for_src && dobj->strlen_add < (int32_t)el) {
            report(C, i, R_OFFBYONE, "allocate strlen(s) + 1 bytes: the terminator needs room", NULL,
                   "%s copies strlen(%s) + 1 bytes into '%s', allocated with strlen() bytes (no room for the terminator)",
                   what, expr_name(C, sk, (char[160]){0}, 160), nb);
        } else if (!fits && to_callers) {
            check_use(C, s, i, &dst, dk);
        } else if (!fits && (unknown_src || (dobj && !r_bounded_hi(dobj->size)))) {
            if (k->fix != NULL) {
                char hint[768];
                if (k->flags & BW_MF_FORMAT)
                    snprintf(hint, sizeof(hint), "use %s(%s, sizeof %s, ...) and check the result for truncation",
                             k->fix, nb, nb);
                else if (k->flags & BW_MF_APPEND)
                    snprintf(hint, sizeof(hint), "use snprintf or %s(%s, src, sizeof %s - strlen(%s) - 1)", k->fix, nb,
                             nb, nb);
                else
                    snprintf(hint, sizeof(hint), "use snprintf(%s, sizeof %s, \"%%s\", src) (or %s and terminate)", nb,
                             nb, k->fix);
                char *repl = NULL;
                if ((k->flags & BW_MF_FORMAT) && dobj && r_bounded_hi(dobj->size) &&
                    dobj->size.lo == dobj->size.hi && dst.r.lo == 0 && dst.r.hi == 0)
                    repl = bounded_call_fix(C, i, k->fix, (C->n[strip(C, dk)].tflags & BW_MT_ARRAY) != 0,
                                            dobj->size.hi);
                report(C, i, R_DANGER, hint, repl, "%s into '%s'%s: %sthe fit cannot be proven", what, nb,
                       dobj && r_bounded_hi(dobj->size) ? "" : " (of unknown size)",
                       unknown_cur   ? "the length of the string already there is not known, so "
                       : unknown_src ? "the source length is not known, so "
                                     : "");
                bw_free(repl);
                C->fix_eline = C->fix_ecol = 0;
            }
            check_use(C, s, i, &dst, dk);
        } else if (!fits && dobj) {
            check_access(C, s, i, &dst, bytes, true, dk, false, NULL, what);
        } else {
            check_use(C, s, i, &dst, dk);
        }
        if (dobj) {
            if ((k->flags & BW_MF_STRING) && !(k->flags & BW_MF_APPEND)) {
                mobj *so = sv.obj >= 0 && (uint32_t)sv.obj < s->nobjs ? &s->objs[sv.obj] : NULL;
                dobj->slen = so ? so->slen : (range){0, INF};
                dobj->tainted = so ? so->tainted : dobj->tainted;
            } else {
                dobj->slen = r_bounded_hi(bytes) && bytes.hi >= el ? (range){0, bytes.hi / el - 1} : (range){0, INF};
            }
            dobj->noterm = 0;
        }
        return;
    }
    mval lv;
    range len = arg_range(C, s, i, k->len, &lv, first);
    if (k->len2 >= 0) {
        mval lv2;
        range l2 = arg_range(C, s, i, k->len2, &lv2, first);
        len = r_mul(len, l2);
        lv.flags |= lv2.flags;
        lv.param = -1;
    }
    if (el > 1)
        len = r_mul(len, r_const(el));
    /* memcpy(d, s, strlen(s) + 1) into malloc(strlen(s)): sizes unknown,
     * but the difference is not */
    dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
    if (dobj && dobj->from_strlen && k->len2 < 0 && el == 1 && (lv.flags & VF_STRLEN) &&
        term_eq(lv.sl[0], dobj->sized[0]) && term_eq(lv.sl[1], dobj->sized[1]) && dst.r.lo == 0 && dst.r.hi == 0 &&
        lv.slen_add > dobj->strlen_add) {
        char nb[160];
        int32_t over = lv.slen_add - dobj->strlen_add;
        report(C, i, over == 1 ? R_OFFBYONE : R_OVERFLOW, "allocate strlen(s) + 1 bytes: the terminator needs room",
               NULL, "%s copies strlen() + %d bytes into '%s', allocated with strlen() + %d bytes", what,
               (int)lv.slen_add, expr_name(C, dk, nb, sizeof(nb)), (int)dobj->strlen_add);
    }
    if (lv.flags & VF_SIZEOF_PTR) {
        char nb[160];
        report(C, i, R_OFFBYONE, "sizeof of a pointer is the pointer's size: pass the buffer's real size", NULL,
               "%s uses sizeof(pointer) (%lld bytes) as the size of '%s'", what, (long long)len.hi,
               expr_name(C, dk, nb, sizeof(nb)));
    }
    if (len.lo < 0)
        len.lo = 0;
    /* strncat(d, src, n): up to n characters (fewer when src is shorter)
     * and a terminator, after the string already there -- the classic
     * misuse is n = sizeof d.  With that string's length unknown only n
     * itself is checked: `sizeof d - strlen(d) - 1` is not related to it. */
    range after = {0, INF};
    bool counted = false;
    dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
    if ((k->flags & BW_MF_APPEND) && dobj && r_bounded_hi(dobj->slen) && dst.r.lo == 0 && dst.r.hi == 0 &&
        k->src >= 0) {
        uint32_t sk = kid(C, i, (unsigned)k->src + first);
        mval sv = sk != BW_NONE ? eval(C, s, sk, false) : v_top();
        dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
        const mobj *so = sv.obj >= 0 && (uint32_t)sv.obj < s->nobjs ? &s->objs[sv.obj] : NULL;
        range n = len;
        if (so && r_bounded_hi(so->slen) && so->slen.hi * (int64_t)el < n.hi)
            n = (range){n.lo < so->slen.lo * (int64_t)el ? n.lo : so->slen.lo * (int64_t)el, so->slen.hi * (int64_t)el};
        if (dobj && r_bounded_hi(n)) {
            len = (range){dobj->slen.lo * (int64_t)el + el, dobj->slen.hi * (int64_t)el + n.hi + el};
            after = (range){dobj->slen.lo, dobj->slen.hi + n.hi / (int64_t)el};
            counted = true;
        }
    }
    /* strncat onto the caller's string in our parameter: an append of up to
     * n characters, for the callers to check (param_string_write) */
    bool to_callers = false;
    if ((k->flags & BW_MF_APPEND) && !counted && dobj && !r_bounded_hi(dobj->slen)) {
        to_callers = param_string_write(C, dobj, dst.r, true, el == 1 ? (range){0, len.hi} : (range){0, INF});
        *counted_append = dobj->kind != OK_PARAM || (dobj->app_ok && r_bounded_hi(dobj->app));
    }
    if (!to_callers) {
        mval base;
        range room;
        uint32_t lk = k->len >= 0 ? kid(C, i, (unsigned)k->len + first) : BW_NONE;
        if (k->len2 < 0 && el == 1 && !(k->flags & BW_MF_APPEND) && lk != BW_NONE &&
            room_after(C, s, dk, lk, &dst, lv.r, &base, &room))
            check_access(C, s, i, &base, room, true, dk, false, &lv, what);
        else
            check_access(C, s, i, &dst, len, true, dk, false, &lv, what);
    }
    dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL; /* the table may have moved */
    if (counted && dobj) {
        dobj->slen = after;
        dobj->noterm = 0;
    } else if (k->flags & BW_MF_NOTERM) {
        if (dobj && r_bounded_hi(dobj->size) && len.hi >= dobj->size.hi) {
            dobj->noterm = 1;
            dobj->slen = (range){0, INF};
        } else if (dobj) {
            dobj->slen = (range){0, len.hi > 0 ? len.hi - 1 : 0};
        }
    } else if (dobj && (strcmp(fn, "snprintf") == 0 || strcmp(fn, "fgets") == 0 || strcmp(fn, "vsnprintf") == 0)) {
        dobj->slen = (range){0, len.hi > 0 ? len.hi / el - 1 : 0};
        dobj->noterm = 0;
    } else if (dobj && (strcmp(fn, "memset") == 0 || strcmp(fn, "__builtin_memset") == 0)) {
        /* filled completely with a non-zero byte: no terminator left */
        mval cv;
        range c = arg_range(C, s, i, 1, &cv, first);
        /* the fill's evaluation may replace the table (a ?: whose arm
         * cannot run swaps the state) */
        dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
        if (dobj == NULL) {
            /* no object left to describe */
        } else if (r_known(c) && (c.lo & 0xff) != 0 && r_bounded_hi(dobj->size) && dst.r.lo == 0 && dst.r.hi == 0 &&
            len.lo >= dobj->size.hi) {
            dobj->noterm = 2;
            dobj->slen = (range){0, INF};
        } else if (r_known(c) && c.lo == 0 && dst.r.lo == 0 && dst.r.hi == 0 && len.lo > 0) {
            dobj->noterm = 0;
            dobj->slen = r_const(0);
        }
    } else if (dobj) {
        dobj->slen = (range){0, INF};
    }
    if (dobj && (k->flags & BW_MF_SOURCE))
        dobj->tainted = 1;
    if (k->flags & BW_MF_SOURCE) {
        /* read(fd, &n, sizeof n): n is untrusted */
        uint32_t ds = strip(C, dk);
        if (ds != BW_NONE && C->n[ds].kind == BW_MK_UN && C->n[ds].op == CXUnaryOperator_AddrOf) {
            uint32_t t = strip(C, kid(C, ds, 0));
            if (t != BW_NONE && C->n[t].kind == BW_MK_REF && (C->n[t].tflags & BW_MT_INT)) {
                mval tv = v_top();
                tv.r = type_range(&C->n[t]);
                tv.flags = VF_TAINT;
                st_set(C, s, C->n[t].str, tv);
            }
        }
    }
    /* the source side of a copy */
    if (k->src >= 0 && k->len >= 0 && !(k->flags & BW_MF_NOTERM) && !(k->flags & BW_MF_APPEND)) {
        uint32_t sk = kid(C, i, (unsigned)k->src + first);
        if (sk != BW_NONE) {
            mval src = eval(C, s, sk, false);
            mobj *so = src.obj >= 0 && (uint32_t)src.obj < s->nobjs ? &s->objs[src.obj] : NULL;
            if (so && so->kind != OK_PARAM)
                check_access(C, s, i, &src, len, false, sk, false, &lv, what);
            else
                check_use(C, s, i, &src, sk);
            so = src.obj >= 0 && (uint32_t)src.obj < s->nobjs ? &s->objs[src.obj] : NULL;
            dobj = dst.obj >= 0 && (uint32_t)dst.obj < s->nobjs ? &s->objs[dst.obj] : NULL;
            if (so && dobj)
                dobj->tainted |= so->tainted;
        }
    }
}

/* A write through `&p->hdr` or `&r.hdr` (the address of a member that is no
 * array: memcpy(&p->hdr, src, sizeof *p), read(fd, &r.hdr, ...)) reaches
 * the enclosing object's member arrays too; one the analysis cannot place
 * may reach any of them. */
static uint32_t addressed_member(const fctx *C, uint32_t e);

static void forget_members_under(fctx *C, mstate *s, uint32_t e, range len, bool unknown_reaches)
{
    uint32_t mm = addressed_member(C, e);
    if (mm == BW_NONE)
        return;
    /* `len` bytes from the member's address: no more than the member's own
     * size stays inside it (read(fd, &r.id, sizeof r.id)); a known length
     * past it reaches what follows (memcpy(&r.id, src, sizeof r)), and a
     * string measured there is another now; so may a described write of
     * unknown length (`unknown_reaches`), while a callee given &r.id may
     * or may not, and resets the strings only */
    uint32_t msize = C->n[mm].tsize;
    if (msize > 0 && r_bounded_hi(len) && len.hi <= (int64_t)msize)
        return;
    bool exact = msize > 0 && r_bounded_hi(len) ? true : unknown_reaches;
    /* the write starts at the member: what lies before it is untouched */
    int64_t from = C->n[mm].ival;
    uint32_t b = strip(C, kid(C, mm, 0)), r = var_ref(C, b);
    const mval *pv = C->n[mm].op && r != BW_NONE ? st_var(s, C->n[r].str) : NULL;
    if (pv != NULL && pv->obj >= 0 && (uint32_t)pv->obj < s->nobjs && pv->r.lo == pv->r.hi &&
        pv->r.lo >= 0 && pv->r.lo < INT32_MAX)
        forget_members_in(s, s->objs[pv->obj].site, exact, from + pv->r.lo, len);
    else if (pv != NULL && pv->obj >= 0 && (uint32_t)pv->obj < s->nobjs)
        forget_members(s, s->objs[pv->obj].site, exact); /* p somewhere in its object */
    else if (!C->n[mm].op && r != BW_NONE)
        forget_members_in(s, C->n[r].str | VAR_STORAGE, exact, from, len);
    else
        forget_all_members(s);
}

/* Whether evaluating node `e` again changes nothing (no call, assignment,
 * increment or decrement in it). */
static bool pure_expr(const fctx *C, uint32_t e)
{
    if (e == BW_NONE)
        return false;
    for (uint32_t j = e; j < C->n[e].end; j++)
        if (has_effect(&C->n[j]))
            return false;
    return true;
}

/* The non-array member whose address `e` takes (`&r.id`, `&p->hdr`), or
 * BW_NONE. */
static uint32_t addressed_member(const fctx *C, uint32_t e)
{
    e = strip(C, e);
    if (e == BW_NONE || C->n[e].kind != BW_MK_UN || C->n[e].op != CXUnaryOperator_AddrOf)
        return BW_NONE;
    uint32_t mm = strip(C, kid(C, e, 0));
    return mm != BW_NONE && C->n[mm].kind == BW_MK_MEMBER && !(C->n[mm].tflags & BW_MT_ARRAY) ? mm : BW_NONE;
}

/* The most bytes a described call writes at its destination `dk`:
 * argument `len` (times `len2`: fread's size and count, times the element
 * size of a wide function), or unknown; an argument whose evaluation has
 * effects is not evaluated again. */
static range call_write_len(fctx *C, mstate *s, uint32_t i, const bw_mem_know *k, unsigned first, uint32_t dk)
{
    if (k->len < 0)
        return TOP;
    uint32_t a = kid(C, i, (unsigned)k->len + first);
    uint32_t b = k->len2 >= 0 ? kid(C, i, (unsigned)k->len2 + first) : BW_NONE;
    if (!pure_expr(C, a) || (k->len2 >= 0 && !pure_expr(C, b)))
        return TOP;
    range len = arg_range(C, s, i, k->len, NULL, first);
    if (k->len2 >= 0)
        len = r_mul(len, arg_range(C, s, i, k->len2, NULL, first));
    if (k->flags & BW_MF_WIDE) {
        /* the element the call writes is the argument's as passed (a cast
         * to wchar_t * included), not the member's */
        len = r_mul(len, r_const(dk != BW_NONE && C->n[dk].esize > 1 ? C->n[dk].esize : 4));
    }
    return len.lo < 0 ? TOP : len;
}

static void call_write(fctx *C, mstate *s, uint32_t i, const bw_mem_know *k, unsigned first)
{
    int written = -1;
    bool counted_append = false;
    call_write_into(C, s, i, k, first, &written, &counted_append);
    if (k->dst >= 0) {
        uint32_t d = kid(C, i, (unsigned)k->dst + first);
        forget_members_under(C, s, d, addressed_member(C, d) != BW_NONE ? call_write_len(C, s, i, k, first, d) : TOP,
                             true);
    }
    forget_strlen_of(s, written);
    note_written(s, written, (k->flags & BW_MF_APPEND) != 0, counted_append);
}

static void do_free(fctx *C, mstate *s, uint32_t at, uint32_t arg, const char *how)
{
    mval p = eval(C, s, arg, false);
    if (p.obj < 0 || (uint32_t)p.obj >= s->nobjs)
        return;
    mobj *o = &s->objs[p.obj];
    char nb[160];
    if (o->freed) {
        report(C, at, R_DFREE, "set the pointer to NULL after freeing it, and free each block exactly once", NULL,
               "'%s' is freed twice%s: it was already freed at line %u", expr_name(C, arg, nb, sizeof(nb)),
               o->freed == 1 ? " on some path" : "", o->free_line);
    }
    (void)how;
    o->freed = 2;
    o->fg = NO_FGUARD;
    o->null = 0;
    o->free_line = C->n[at].line;
}

static bool is_nullish(fctx *C, uint32_t i)
{
    i = strip(C, i);
    return i != BW_NONE && C->n[i].kind == BW_MK_INT && C->n[i].ival == 0;
}

/* Argument `a` of call `call` is read as a terminated string: report a
 * buffer that strncpy() or memset() filled completely. */
static void check_terminated(fctx *C, mstate *s, uint32_t call, uint32_t a, const mval *v, const char *fn)
{
    if (v->obj < 0 || (uint32_t)v->obj >= s->nobjs || !s->objs[v->obj].noterm)
        return;
    mobj *o = &s->objs[v->obj];
    char nb[160];
    report(C, call, R_OFFBYONE, "terminate the buffer after filling it (buf[sizeof buf - 1] = '\\0')", NULL,
           "'%s' may not be terminated: %s filled it completely and %s() reads it as a string past its end",
           expr_name(C, a, nb, sizeof(nb)), o->noterm == 2 ? "memset()" : "strncpy()", fn);
    o->noterm = 0; /* one report per fill */
}

/* Every argument that a knowledge row says is read as a string. */
static void check_string_args(fctx *C, mstate *s, uint32_t call, const char *fn, unsigned first, unsigned na,
                              const mval *args)
{
    for (const bw_mem_know *k = know(C->P, fn, BW_MR_STRING, NULL); k != NULL; k = know(C->P, fn, BW_MR_STRING, k))
        if (k->src >= 0 && (unsigned)k->src + first < na && k->src < MAXP)
            check_terminated(C, s, call, kid(C, call, (unsigned)k->src + first), &args[k->src], fn);
}

/* State key of "the width set on stream variable K": K's string id with a
 * bit no string id of a TU uses. */
#define WIDTH_KEY 0x40000000u

/* Test-framework assertions that end the test when their first argument
 * is false (cmocka's assert_true/assert_non_null expand to _assert_true): past
 * the call, the argument holds, as after `if (!x) abort();`. */
static bool is_assertion(const char *fn) { return strcmp(fn, "_assert_true") == 0; }

static void analyze_with(mprog *P, mfunc *F, bool reporting, const range *args, unsigned nargs, msum *out);

static bool exact_local(fctx *C, uint32_t key);

/* Whether argument expression e has a value the analysis knows exactly:
 * constants, and variables whose every value it follows (exact_local), with
 * operators.  A global's or an address-taken variable's value may be one
 * from before a call or a pointer changed it. */
static bool exact_arg(fctx *C, uint32_t e)
{
    e = strip(C, e);
    if (e == BW_NONE)
        return false;
    const bw_mnode *m = &C->n[e];
    switch (m->kind) {
    case BW_MK_INT:
    case BW_MK_SIZEOF: return true;
    case BW_MK_REF: return m->op != 1 && exact_local(C, m->str);
    case BW_MK_UN:
        if (m->op != CXUnaryOperator_Minus && m->op != CXUnaryOperator_Plus && m->op != CXUnaryOperator_Not &&
            m->op != CXUnaryOperator_LNot)
            return false;
        break;
    case BW_MK_BIN:
        if (m->op == CXBinaryOperator_Comma)
            return false;
        break;
    case BW_MK_COND: break;
    default: return false;
    }
    for (uint32_t c = e + 1; c < m->end; c = C->n[c].end)
        if (!exact_arg(C, c))
            return false;
    return true;
}

/* The result of analysing callee uf again for its NULL returns with the
 * parameters in `params` set to ar[]: memoised by callee, ranges and the
 * summaries' epoch, as a call in a loop or in a condition is evaluated
 * more than once.  -1 when not known (out of memory). */
static int null_again(fctx *C, mfunc *uf, uint32_t params, const range *ar, unsigned nargs)
{
    mprog *P = C->P;
    char key[32 + MAXP * 44];
    int len = snprintf(key, sizeof(key), "%u@%u", (unsigned)(uf - P->funcs), P->epoch);
    for (unsigned p = 0; p < MAXP && len > 0 && (size_t)len < sizeof(key); p++)
        if (params & (1u << p))
            len += snprintf(key + len, sizeof(key) - (size_t)len, ":%u=%lld,%lld", p, (long long)ar[p].lo,
                            (long long)ar[p].hi);
    if (len <= 0 || (size_t)len >= sizeof(key))
        return -1;
    uint32_t hit = bw_strmap_get(&P->null_memo, key);
    if (hit != BW_NONE)
        return (int)hit;
    msum again;
    P->depth++;
    analyze_with(P, uf, false, ar, nargs, &again);
    P->depth--;
    char *owned = bw_malloc((size_t)len + 1);
    if (owned == NULL || !bw_ir_grow((void **)&P->null_keys, &P->cap_null_keys, P->n_null_keys + 1, sizeof(char *))) {
        bw_free(owned);
        return again.may_null;
    }
    memcpy(owned, key, (size_t)len + 1);
    P->null_keys[P->n_null_keys++] = owned;
    if (!bw_strmap_put(&P->null_memo, owned, again.may_null ? 1u : 0u))
        P->oom = true;
    return again.may_null;
}

/* The summary of callee `uf` for this call (node `call`, its first
 * argument at kid `first`).  When a write into one of its
 * parameters is sized from its other parameters (bitmap_fill(dst, nbits)
 * writes ALIGN(nbits, 64) / 8 bytes), the summary alone has no size: the
 * callee is analysed again with the call's constant arguments (nesting
 * bounded), and those writes take that analysis's sizes.  A callee whose
 * NULL returns all follow checks of its integer parameters (`if (digits <
 * 1 || digits > 5) return NULL;`) is analysed again with the values of
 * those parameters' arguments, when the analysis knows them exactly
 * (exact_arg): whether it may return NULL is decided for this call.  *ctx
 * holds the result when one is made. */
static const msum *call_summary(fctx *C, mfunc *uf, uint32_t call, unsigned first, const mval *args, unsigned na,
                                msum *ctx)
{
    const msum *su = &uf->sum;
    if (C->P->depth >= 3)
        return su;
    unsigned nargs = na < MAXP ? na : MAXP;
    /* the NULL returns: every checked parameter's argument known exactly */
    uint32_t np = su->is_alloc && !su->nofail ? su->null_params : 0;
    range nr[MAXP];
    for (unsigned p = 0; p < MAXP; p++) {
        nr[p] = TOP;
        if (!(np & (1u << p)))
            continue;
        uint32_t e = p < na ? kid(C, call, p + first) : BW_NONE;
        bool known = p < na && args[p].obj < 0 && args[p].r.lo != NINF && args[p].r.hi != INF && e != BW_NONE &&
                     exact_arg(C, e);
        if (!known) {
            np = 0;
            break;
        }
        nr[p] = args[p].r;
    }
    /* (analysed with those parameters alone: another argument's constant
     * may be a value the analysis keeps from before a change) */
    int may_null = np != 0 ? null_again(C, uf, np, nr, nargs) : -1;
    /* the writes sized from parameters: the call's constants */
    range ar[MAXP];
    bool any = false;
    for (unsigned p = 0; p < MAXP; p++) {
        ar[p] = TOP;
        if (su->write_dep != 0 && p < na && args[p].obj < 0 && r_known(args[p].r)) {
            ar[p] = args[p].r;
            any = true;
        }
    }
    if (!any) {
        if (may_null < 0)
            return su;
        *ctx = *su;
        ctx->may_null = may_null != 0;
        return ctx;
    }
    msum again;
    C->P->depth++;
    analyze_with(C->P, uf, false, ar, nargs, &again);
    C->P->depth--;
    *ctx = *su;
    if (may_null >= 0)
        ctx->may_null = may_null != 0;
    for (unsigned p = 0; p < MAXP; p++)
        if (su->write_dep & (1u << p)) {
            ctx->write_const[p] = again.write_const[p];
            if (!(again.write_dep & (1u << p)))
                ctx->write_dep &= ~(1u << p);
        }
    return ctx;
}

/* A local pointer `p` that points to nothing the analysis knows (another
 * function's result) gets an object of unknown size at strlen(p), so that
 * "strlen(p) + 15" names the same string as a later "%s" of p: Linux's
 * `devpath = kobject_get_path(...)`, then kmalloc(strlen(devpath) + 15). */
static mval name_pointee(fctx *C, mstate *s, uint32_t arg, mval v, uint32_t at)
{
    uint32_t k = var_ref(C, arg);
    if (k == BW_NONE || !(C->n[k].tflags & BW_MT_PTR) || C->n[k].op == 1)
        return v;
    int o = st_obj(C, s, at, OK_PARAM, (range){0, INF}, C->n[k].str2, C->n[at].line);
    if (o < 0)
        return v;
    s->objs[o].opaque = 1;
    v.obj = o;
    v.r = r_const(0);
    v.param = -1;
    st_set(C, s, C->n[k].str, v);
    return v;
}

/* A callee appends up to `add` characters to the caller's string in *av
 * (msum.append: `strcat(buf, ", PIC")` in a helper that describes flags):
 * with the string's length known here, the room is checked here; into our
 * own parameter's block of unknown size it is our append, for our callers
 * to check; otherwise the fit cannot be proven.  The string's length after
 * the call. */
static range call_append(fctx *C, mstate *s, uint32_t call, uint32_t ak, mval *av, int64_t add, const char *fn,
                         unsigned p, bool *counted)
{
    *counted = false;
    char nb[160], what[128];
    expr_name(C, ak, nb, sizeof(nb));
    snprintf(what, sizeof(what), "%s() (appending through its parameter %u)", fn, p + 1);
    mobj *ao = av->obj >= 0 && (uint32_t)av->obj < s->nobjs ? &s->objs[av->obj] : NULL;
    bool at_start = av->r.lo == 0 && av->r.hi == 0;
    if (ao && at_start && r_bounded_hi(ao->slen)) {
        range after = {ao->slen.lo, ao->slen.hi + add};
        range bytes = {after.lo + 1, after.hi + 1};
        *counted = true;
        if (r_bounded_hi(ao->size)) {
            check_access(C, s, call, av, bytes, true, ak, false, NULL, what);
            return after;
        }
        if (param_string_write(C, ao, av->r, false, bytes))
            return after;
    } else if (ao && at_start && ao->kind == OK_PARAM && !r_bounded_hi(ao->size)) {
        bool deferred = param_string_write(C, ao, av->r, true, (range){0, add});
        ao = &s->objs[av->obj];
        *counted = ao->app_ok && r_bounded_hi(ao->app);
        if (deferred)
            return ao->slen;
    }
    report(C, call, R_DANGER, "give the callee the buffer's size, or check the room before the call", NULL,
           "%s() appends up to %lld characters to the string in '%s'%s: %sthe fit cannot be proven", fn,
           (long long)add, nb, ao && r_bounded_hi(ao->size) ? "" : " (of unknown size)",
           ao && at_start && r_bounded_hi(ao->slen) ? "" : "the length of the string already there is not known, so ");
    return ao && at_start && r_bounded_hi(ao->slen) ? (range){ao->slen.lo, ao->slen.hi + add} : (range){0, INF};
}

/* A callee writes a string of up to `bytes` bytes from the start of *av
 * (msum.str_writes: `strcpy(out, "executable")` in a helper): a block of
 * known size is checked here unless the caller of this already checked
 * write_const (`checked`); into our own parameter's block it is our write,
 * for our callers to check; into a block nobody knows the size of, the fit
 * cannot be proven. */
static void call_string_write(fctx *C, mstate *s, uint32_t call, uint32_t ak, mval *av, int64_t bytes,
                              const char *fn, bool checked)
{
    mobj *ao = av->obj >= 0 && (uint32_t)av->obj < s->nobjs ? &s->objs[av->obj] : NULL;
    if (ao && r_bounded_hi(ao->size)) {
        if (!checked) { /* the summary's write sized from a parameter was checked instead */
            char what[128];
            snprintf(what, sizeof(what), "%s() (writing a string through its argument)", fn);
            check_access(C, s, call, av, (range){0, bytes}, true, ak, false, NULL, what);
        }
        return;
    }
    if (ao && param_string_write(C, ao, av->r, false, (range){0, bytes}))
        return;
    char nb[160];
    report(C, call, R_DANGER, "give the callee the buffer's size (or pass one of known size)", NULL,
           "%s() writes a string of up to %lld bytes into '%s' (of unknown size): the fit cannot be proven", fn,
           (long long)bytes, expr_name(C, ak, nb, sizeof(nb)));
}

/* The appends of `appends` (a bit per argument) into a block that
 * another argument of the call also points to, through which the callee
 * may write anything (`h(buf, buf)`): the string's length after the call
 * is not the appended one. */
static uint32_t aliased_writes(const mfunc *uf, unsigned first, unsigned na, const mval *args, uint32_t appends)
{
    uint32_t writes = uf != NULL && uf->sum.known ? uf->sum.writes : UINT32_MAX, out = 0;
    for (unsigned p = 0; p < MAXP && p + first < na; p++)
        for (unsigned q = 0; q < MAXP && q + first < na && (appends & (1u << p)); q++)
            if (q != p && args[q].obj == args[p].obj && args[p].obj >= 0 && (writes & (1u << q)))
                out |= 1u << p;
    return out;
}

/* The characters the callee appends to the string in argument p's block,
 * through every parameter that points there (`h(buf, buf)` appending
 * through both appends both); -1 when p appends nothing, or when an
 * earlier parameter on the same block already accounts for them. */
static int64_t shared_append(const msum *su, const mval *args, unsigned p, unsigned n)
{
    if (su->append[p] < 0)
        return -1;
    int64_t add = 0;
    for (unsigned q = 0; q < MAXP && q < n; q++) {
        bool same = q == p || (args[p].obj >= 0 && args[q].obj == args[p].obj);
        if (!same || su->append[q] < 0)
            continue;
        if (q < p)
            return -1;
        add += su->append[q];
    }
    return add;
}

/* What a call of a function without a write row may write through its
 * arguments (args[]: their values, the first MAXP): f(&p) may store
 * another pointer (or number) in p, so what p held before the call (a
 * freed block, a count) is no longer known; and f(p) with p not a pointer
 * to const may change the string p points to. */
static void forget_callee_writes(fctx *C, mstate *s, uint32_t call, const mfunc *uf, unsigned first, unsigned na,
                                 const mval *args, uint32_t appends)
{
    /* a function of the program whose summary leaves an argument's contents
     * alone keeps what is known of them; any other callee may have written
     * a string of any length there */
    uint32_t writes = uf != NULL && uf->sum.known ? uf->sum.writes : UINT32_MAX;
    for (unsigned k = first; k < na; k++) {
        uint32_t an = kid(C, call, k), ak = strip(C, an);
        if ((C->n[an].tflags & BW_MT_PTR) && !(C->n[an].tflags & BW_MT_CONST_STR) && k - first < MAXP &&
            (writes & (1u << (k - first)))) {
            int o = args[k - first].obj;
            forget_members_under(C, s, an, TOP, false);
            if (o >= 0 && (uint32_t)o < s->nobjs && ((appends >> (k - first)) & 1)) {
                forget_strlen_of(s, o);
                note_written(s, o, true, true);
            } else if (o >= 0 && (uint32_t)o < s->nobjs) {
                forget_contents(s, o);
            }
        }
        if (ak == BW_NONE || C->n[ak].kind != BW_MK_UN || C->n[ak].op != CXUnaryOperator_AddrOf)
            continue;
        uint32_t t = var_ref(C, kid(C, ak, 0));
        if (t == BW_NONE || (C->n[t].tflags & BW_MT_ARRAY))
            continue;
        /* f(&p) of a function nobody here summarises may write through p
         * as well as change it */
        const mval *pv = (C->n[t].tflags & BW_MT_PTR) && (uf == NULL || !uf->sum.known) ? st_var(s, C->n[t].str) : NULL;
        if (pv != NULL)
            forget_contents(s, pv->obj);
        mval v = v_top();
        v.r = type_range(&C->n[t]);
        v.flags |= type_only(&C->n[t]);
        st_set(C, s, C->n[t].str, v);
    }
}

/* The storage of variable `ref` (a BW_MK_REF), as &var points to it. */
static mval var_storage(fctx *C, mstate *s, uint32_t ref, uint32_t line)
{
    const bw_mnode *r = &C->n[ref];
    int o = st_obj(C, s, r->str | VAR_STORAGE, OK_VAR, r->tsize ? r_const(r->tsize) : (range){0, INF}, r->str2, line);
    return v_at(o, r_const(0));
}

/* A call of a member of namespace std (its USR says so), not of a
 * program's own class of the same name. */
static bool is_std_member(const fctx *C, const bw_mnode *call)
{
    return call->str2 != BW_NONE && strncmp(S(C, call->str2), "c:@N@std@", 9) == 0;
}

static mval eval_call(fctx *C, mstate *s, uint32_t i)
{
    const bw_mnode *m = &C->n[i];
    const char *fn = S(C, m->str);
    unsigned first = m->op ? 1 : 0;
    unsigned na = nkids(C, i);
    mval res = v_top();
    res.r = type_range(m);
    /* the program's functions and unknown ones may change any string
     * (a global, one a struct passed to them leads to): the tests of
     * lengths end here (knowledge rows say what theirs write) */
    if (s->fits && bw_strmap_get(&C->P->known, fn) == BW_NONE) {
        for (uint32_t j = 0; j < s->nobjs; j++)
            s->objs[j].fits_in = NO_TERM;
        s->fits = false;
    }
    if (is_assertion(fn) && na > first) {
        uint32_t a = kid(C, i, first);
        if (a != BW_NONE) {
            (void)eval(C, s, a, false);
            while (a != BW_NONE && C->n[a].kind == BW_MK_CAST)
                a = kid(C, a, 0);
            if (a != BW_NONE)
                refine(C, s, a, true);
        }
        return res;
    }
    /* std::vector<T>::data(): the vector's storage, size unknown */
    if (strncmp(fn, "strlen", 6) == 0 || strcmp(fn, "wcslen") == 0) {
        uint32_t a = kid(C, i, first);
        mval v = a != BW_NONE ? eval(C, s, a, false) : v_top();
        if (v.obj < 0 && a != BW_NONE)
            v = name_pointee(C, s, a, v, i);
        check_use(C, s, i, &v, a);
        res.r = (range){0, INF};
        if (v.obj >= 0 && (uint32_t)v.obj < s->nobjs) {
            check_terminated(C, s, i, a, &v, fn);
            mobj *o = &s->objs[v.obj];
            if (r_bounded_hi(o->slen))
                res.r = o->slen;
            else if (r_bounded_hi(o->size))
                res.r = (range){0, o->size.hi - 1};
            /* the term names the string by object and offset: strlen(p + 1)
             * is not strlen(p); wcslen() counts characters, not bytes */
            res.sl[0] = fn[0] == 's' ? term_at(&v, ref_key(C, a)) : NO_TERM;
            if (res.sl[0].obj >= 0) {
                res.flags |= VF_STRLEN;
                o->measured = 1;
            }
            if (o->tainted)
                res.flags |= VF_TAINT;
        }
        return res;
    }
    if (strcmp(fn, "atoi") == 0 || strcmp(fn, "atol") == 0 || strcmp(fn, "strtol") == 0 ||
        strcmp(fn, "strtoul") == 0 || strcmp(fn, "strtoll") == 0 || strcmp(fn, "strtoull") == 0) {
        uint32_t a = kid(C, i, first);
        mval v = a != BW_NONE ? eval(C, s, a, false) : v_top();
        if (a != BW_NONE)
            check_terminated(C, s, i, a, &v, fn);
        for (unsigned k = first + 1; k < na; k++)
            eval(C, s, kid(C, i, k), false);
        if ((v.obj >= 0 && (uint32_t)v.obj < s->nobjs && s->objs[v.obj].tainted) || (v.flags & VF_SOURCE_STR))
            res.flags |= VF_TAINT;
        return res;
    }
    if (strcmp(fn, "getenv") == 0) {
        for (unsigned k = first; k < na; k++)
            eval(C, s, kid(C, i, k), false);
        res.flags |= VF_SOURCE_STR;
        int o = st_obj(C, s, i, OK_HEAP, (range){1, INF}, m->str, m->line);
        if (o >= 0)
            s->objs[o].tainted = 1;
        res.obj = o;
        res.r = r_const(0);
        return res;
    }
    /* stream.width(n): the next `stream >> char_buffer` reads at most n - 1
     * characters (the width is consumed by that read) */
    size_t fl = strlen(fn);
    if (m->op && na == 2 && fl >= 7 && strcmp(fn + fl - 7, "::width") == 0) {
        uint32_t sk = var_ref(C, kid(C, i, 0));
        mval wv = eval(C, s, kid(C, i, 1), false);
        if (sk != BW_NONE) {
            mval w = v_top();
            w.r = wv.r;
            st_set(C, s, C->n[sk].str | WIDTH_KEY, w);
        }
        return res;
    }
    if (strcmp(fn, "array::data") == 0 && is_std_member(C, m)) {
        /* std::array<T, N>::data(): the array's own storage, N elements */
        uint32_t obj = strip(C, kid(C, i, 0));
        mval v = eval(C, s, kid(C, i, 0), false);
        if (obj != BW_NONE && C->n[obj].kind == BW_MK_REF && !(C->n[obj].tflags & (BW_MT_ARRAY | BW_MT_PTR)))
            return var_storage(C, s, obj, m->line);
        (void)v;
        return res;
    }
    if (strcmp(fn, "vector::data") == 0 || strcmp(fn, "basic_string::c_str") == 0) {
        for (unsigned k = 0; k < na; k++)
            eval(C, s, kid(C, i, k), false);
        return res;
    }
    /* scanf family */
    bool is_scanf = strcmp(fn, "scanf") == 0 || strcmp(fn, "fscanf") == 0 || strcmp(fn, "sscanf") == 0;
    const bw_mem_know *w = know(C->P, fn, BW_MR_WRITE, NULL);
    const bw_mem_know *al = know(C->P, fn, BW_MR_ALLOC, NULL);
    const bw_mem_know *fr = know(C->P, fn, BW_MR_FREE, NULL);
    bw_mem_know attr_row; /* a declaration's alloc_size(N[, M]) when no row names it */
    if (al == NULL && m->ival > 0 && m->ival < 0x20000 && (m->ival & 0xffff) != 0 && first == 0) {
        int n1 = (int)(m->ival & 0xff), n2 = (int)((m->ival >> 8) & 0xff);
        /* never NULL: returns_nonnull, or a body that allocates and says so
         * (it aborts on failure); a body whose result the analysis cannot
         * follow (the slab allocator's) says nothing */
        const mfunc *body = find_func(C, i);
        bool nonnull = (m->ival >> 16) != 0 || (body != NULL && body->sum.known && body->sum.is_alloc &&
                                                 (body->sum.nofail || !body->sum.may_null));
        attr_row = (bw_mem_know){fn, BW_MR_ALLOC, -1, (int8_t)(n1 - 1), (int8_t)(n2 - 1), -1,
                                 nonnull ? BW_MF_NOFAIL : 0u, NULL};
        if ((unsigned)n1 <= na && (unsigned)n2 <= na)
            al = &attr_row;
    }
    if (al != NULL) {
        range sz = (range){0, INF};
        mval sv = v_top();
        if (al->flags & BW_MF_DUP) {
            arg_range(C, s, i, 0, &sv, first);
            check_terminated(C, s, i, kid(C, i, first), &sv, fn);
            /* the length argument's evaluation and st_obj may move
             * s->objs: keep what we need of the source, not a pointer */
            const mobj *so = sv.obj >= 0 && (uint32_t)sv.obj < s->nobjs ? &s->objs[sv.obj] : NULL;
            range sl = so && r_bounded_hi(so->slen) ? so->slen : (range){0, INF};
            bool src_tainted = so != NULL && so->tainted;
            so = NULL;
            if (al->len >= 0) {
                range n = arg_range(C, s, i, al->len, NULL, first);
                if (n.hi < sl.hi)
                    sl.hi = n.hi;
            }
            sz = r_add(sl, r_const(1));
            int o = st_obj(C, s, i, OK_HEAP, sz, m->str, m->line);
            if (o >= 0) {
                s->objs[o].slen = sl;
                s->objs[o].null = !is_alloc_row_nofail(al) && !cannot_fail(C->P, fn);
                s->objs[o].tainted = src_tainted;
            }
            res = v_at(o, r_const(0));
            return res;
        }
        mval lv = v_top(), lv2 = v_top();
        if (al->src >= 0) {
            uint32_t ok = kid(C, i, (unsigned)al->src + first);
            if (ok != BW_NONE) {
                mval old = eval(C, s, ok, false);
                if (old.obj >= 0 && (uint32_t)old.obj < s->nobjs) {
                    check_use(C, s, i, &old, ok);
                }
            }
        }
        sz = arg_range(C, s, i, al->len, &lv, first);
        if (al->len2 >= 0) {
            range b = arg_range(C, s, i, al->len2, &lv2, first);
            sz = r_mul(sz, b);
        } else {
            uint32_t lk = strip(C, kid(C, i, (unsigned)al->len + first));
            /* size computed by * or + of non-constant values without an overflow check */
            /* n * m + 8: the product inside a sum overflows first */
            if (lk != BW_NONE && C->n[lk].kind == BW_MK_BIN && C->n[lk].op == CXBinaryOperator_Add &&
                !r_bounded_hi(lv.r)) {
                for (unsigned side = 0; side < 2; side++) {
                    uint32_t t = strip(C, kid(C, lk, side));
                    if (t != BW_NONE && C->n[t].kind == BW_MK_BIN && C->n[t].op == CXBinaryOperator_Mul) {
                        lk = t;
                        break;
                    }
                }
            }
            if (lk != BW_NONE && C->n[lk].kind == BW_MK_BIN &&
                (C->n[lk].op == CXBinaryOperator_Mul || C->n[lk].op == CXBinaryOperator_Add) &&
                !r_bounded_hi(lv.r)) {
                uint32_t a0 = kid(C, lk, 0), a1 = kid(C, lk, 1);
                mval x = eval(C, s, a0, false), y = eval(C, s, a1, false);
                bool nonconst = !r_known(x.r) && !r_known(y.r);
                bool mul = C->n[lk].op == CXBinaryOperator_Mul;
                if ((mul && (!r_known(x.r) || !r_known(y.r)) && (nonconst || (x.flags | y.flags) & VF_TAINT)) ||
                    (!mul && (x.flags | y.flags) & VF_TAINT)) {
                    report(C, i, R_ALLOCSZ, "use calloc(n, size) or reallocarray(), or check with __builtin_mul_overflow",
                           NULL, "the size passed to %s() is computed with %s of %s values and may overflow", fn,
                           mul ? "a multiplication" : "an addition",
                           ((x.flags | y.flags) & VF_TAINT) ? "untrusted" : "unchecked");
                    lv.flags &= (uint16_t)~VF_TAINT;
                }
            }
        }
        if ((lv.flags & VF_TAINT) && !r_bounded_hi(lv.r))
            report(C, i, R_ALLOCSZ, "bound the untrusted size (if (n > LIMIT) fail) before allocating", NULL,
                   "%s() is called with an untrusted size that has no upper bound", fn);
        if (al->src >= 0 && strcmp(fn, "realloc") == 0) {
            /* p = realloc(p, n): checked by the assignment */
        }
        int o = st_obj(C, s, i, (al->flags & BW_MF_STACK) ? OK_STACK : OK_HEAP, sz, m->str, m->line);
        if (o >= 0) {
            s->objs[o].null = !is_alloc_row_nofail(al) && !cannot_fail(C->P, fn);
            s->objs[o].slen = (range){0, INF};
            s->objs[o].from_strlen = 0;
            /* calloc(strlen(s) + 1, 1) (XCNEWVEC(char, n)) is n bytes too */
            if (al->len2 >= 0 && r_known(lv.r) && lv.r.lo == 1 && (lv2.flags & VF_STRLEN))
                lv = lv2;
            else if (al->len2 >= 0 && !(r_known(lv2.r) && lv2.r.lo == 1))
                lv.flags &= (uint16_t)~VF_STRLEN;
            if ((lv.flags & VF_STRLEN) && lv.sl[0].obj >= 0) {
                s->objs[o].from_strlen = 1;
                s->objs[o].sized[0] = lv.sl[0];
                s->objs[o].sized[1] = lv.sl[1];
                s->objs[o].strlen_add = lv.slen_add;
            }
        }
        if (al->src >= 0) {
            uint32_t ok = kid(C, i, (unsigned)al->src + first);
            mval old = ok != BW_NONE ? eval(C, s, ok, false) : v_top();
            (void)old;
        }
        return v_at(o, r_const(0));
    }
    if (fr != NULL) {
        uint32_t a = kid(C, i, (unsigned)fr->dst + first);
        if (a != BW_NONE)
            do_free(C, s, i, a, fn);
        return res;
    }
    if (w != NULL) {
        call_write(C, s, i, w, first);
        for (unsigned k = first; k < na; k++)
            if ((int)(k - first) != w->dst)
                eval(C, s, kid(C, i, k), false);
    } else if (is_scanf) {
        /* unbounded %s: needs the format text; without it, every char
         * buffer argument after the format is a possible unbounded write */
        unsigned fa = strcmp(fn, "scanf") == 0 ? 0 : 1;
        uint32_t fk = strip(C, kid(C, i, fa + first));
        for (unsigned k = first; k < na; k++) {
            uint32_t ak = kid(C, i, k);
            mval v = eval(C, s, ak, false);
            if (k <= fa + first)
                continue;
            const bw_mnode *am = &C->n[strip(C, ak)];
            if ((am->tflags & BW_MT_CHAR) && (am->tflags & (BW_MT_ARRAY | BW_MT_PTR)) && fk != BW_NONE &&
                C->n[fk].kind == BW_MK_STR && C->n[fk].op == 1) {
                char nb[160];
                report(C, i, R_DANGER, "give every %s conversion a width one less than the buffer size (%63s)", NULL,
                       "%s() reads a %%s conversion with no width into '%s'", fn, expr_name(C, ak, nb, sizeof(nb)));
            }
            if (v.obj >= 0 && (uint32_t)v.obj < s->nobjs)
                s->objs[v.obj].tainted = 1;
            forget_strlen_of(s, v.obj);
            note_written(s, v.obj, false, false);
            uint32_t sk = strip(C, ak);
            if (sk != BW_NONE && C->n[sk].kind == BW_MK_UN && C->n[sk].op == CXUnaryOperator_AddrOf) {
                uint32_t t = strip(C, kid(C, sk, 0));
                if (t != BW_NONE && C->n[t].kind == BW_MK_REF) {
                    mval tv = v_top();
                    tv.r = type_range(&C->n[t]);
                    tv.flags = VF_TAINT;
                    st_set(C, s, C->n[t].str, tv);
                }
            }
        }
        res.flags |= VF_SNPRINTF; /* a count that may be EOF */
        return res;
    } else {
        const bw_mem_know *rd = know(C->P, fn, BW_MR_READ, NULL);
        mval args[MAXP];
        for (unsigned k = first; k < na; k++) {
            uint32_t ak = kid(C, i, k);
            mval v = eval(C, s, ak, false);
            if (k - first < MAXP)
                args[k - first] = v;
            if (rd == NULL && v.obj >= 0 && (uint32_t)v.obj < s->nobjs && (C->n[strip(C, ak)].tflags & BW_MT_PTR) &&
                s->objs[v.obj].freed && find_func(C, i) == NULL)
                check_use(C, s, i, &v, ak);
        }
        check_string_args(C, s, i, fn, first, na, args);
        for (; rd != NULL; rd = know(C->P, fn, BW_MR_READ, rd)) {
            if (rd->src < 0 || rd->len < 0 || rd->src >= MAXP || rd->len >= MAXP || (unsigned)rd->src >= na - first ||
                (unsigned)rd->len >= na - first)
                continue; /* args[] holds the first MAXP arguments */
            mval p = args[rd->src], l = args[rd->len];
            char what[96];
            snprintf(what, sizeof(what), "%s()", fn);
            if (l.flags & VF_SNPRINTF) {
                report(C, i, R_UNCHECKED_RET, "check the result: if (n < 0 || (size_t)n >= sizeof buf) handle truncation",
                       NULL, "the result of snprintf() is used as a length without checking for truncation or error");
                l.r.hi = INF;
            }
            mobj *po = p.obj >= 0 && (uint32_t)p.obj < s->nobjs ? &s->objs[p.obj] : NULL;
            if (po && po->kind != OK_PARAM)
                check_access(C, s, i, &p, l.r.lo < 0 ? (range){0, l.r.hi} : l.r, false,
                             kid(C, i, (unsigned)rd->src + first), false, &l, what);
            else
                check_use(C, s, i, &p, kid(C, i, (unsigned)rd->src + first));
        }
        mfunc *uf = find_func(C, i);
        msum ctx;
        range after[MAXP]; /* the string's length in an argument a callee appends to */
        uint32_t has_after = 0;
        if (uf != NULL && uf->sum.known) {
            const msum *su = call_summary(C, uf, i, first, args, na - first, &ctx);
            for (unsigned p = 0; p < MAXP && p + first < na; p++) {
                uint32_t ak = kid(C, i, p + first);
                mval av = args[p];
                mobj *ao = av.obj >= 0 && (uint32_t)av.obj < s->nobjs ? &s->objs[av.obj] : NULL;
                if (su->frees & (1u << p)) {
                    do_free(C, s, i, ak, fn);
                    continue;
                }
                if (ao && ao->freed)
                    check_use(C, s, i, &av, ak);
                range wb = {-1, -1};
                mval lv = v_top();
                if (su->write_param[p] >= 0 && (unsigned)su->write_param[p] + first < na) {
                    lv = args[su->write_param[p]];
                    wb = lv.r;
                } else if (su->write_const[p] > 0) {
                    wb = r_const(su->write_const[p]);
                }
                /* a write sized from the callee's parameters, into one of ours */
                if ((su->write_dep & (1u << p)) && ao && ao->kind == OK_PARAM && ao->param >= 0 &&
                    av.r.lo == 0 && av.r.hi == 0)
                    C->sum.write_dep |= 1u << ao->param;
                if (ao && wb.hi > 0) {
                    char what[128];
                    snprintf(what, sizeof(what), "%s() (through its parameter %u)", fn, p + 1);
                    check_access(C, s, i, &av, (range){wb.lo < 0 ? 0 : wb.lo, wb.hi}, true, ak, false, &lv, what);
                }
                if ((su->str_writes & (1u << p)) && su->write_const[p] > 0)
                    call_string_write(C, s, i, ak, &av, su->write_const[p], fn, su->write_param[p] < 0);
                int64_t add = shared_append(su, args, p, na - first);
                if (add >= 0) {
                    bool counted = false;
                    after[p] = call_append(C, s, i, ak, &av, add, fn, p, &counted);
                    if ((su->app_only & (1u << p)) && counted)
                        has_after |= 1u << p;
                }
                if (su->idx_bound[p] > 0 && r_bounded_hi(av.r) && av.r.hi >= su->idx_bound[p] &&
                    (!(av.flags & VF_TYPEONLY) || (av.flags & VF_TAINT))) {
                    report(C, i, R_OVERFLOW, "check the index against the array size in the callee or here", NULL,
                           "%s() uses its parameter %u (up to %lld here) as an index into an array of %lld elements (line %u)",
                           fn, p + 1, (long long)av.r.hi, (long long)su->idx_bound[p], su->idx_line[p]);
                } else if (su->idx_bound[p] > 0 && (av.flags & VF_TAINT) && !r_bounded_hi(av.r)) {
                    report(C, i, R_OVERFLOW, "check the untrusted index before passing it", NULL,
                           "%s() uses its parameter %u, an untrusted value with no upper bound, as an index into an array of %lld elements",
                           fn, p + 1, (long long)su->idx_bound[p]);
                }
            }
            if (su->is_alloc) {
                range sz = su->ret_size;
                if (su->ret_size_param >= 0 && (unsigned)su->ret_size_param + first < na)
                    sz = r_add(args[su->ret_size_param].r, su->ret_size);
                int o = st_obj(C, s, i, OK_HEAP, sz, m->str, m->line);
                if (o >= 0) {
                    s->objs[o].null = su->may_null && !su->nofail && !cannot_fail(C->P, fn);
                    s->objs[o].slen = (range){0, INF};
                    s->objs[o].from_strlen = 0;
                    /* a wrapper of malloc passed strlen(s) + c: still sized from s */
                    const mval *sa = su->ret_size_param >= 0 && (unsigned)su->ret_size_param + first < na
                                         ? &args[su->ret_size_param] : NULL;
                    if (sa != NULL && (sa->flags & VF_STRLEN) && sa->sl[0].obj >= 0 && r_known(su->ret_size) &&
                        su->ret_size.lo >= 0 && su->ret_size.lo < 4096) {
                        s->objs[o].from_strlen = 1;
                        s->objs[o].sized[0] = sa->sl[0];
                        s->objs[o].sized[1] = sa->sl[1];
                        s->objs[o].strlen_add = sa->slen_add + (int32_t)su->ret_size.lo;
                    }
                }
                res = v_at(o, r_const(0));
            }
        }
        has_after &= ~aliased_writes(uf, first, na, args, has_after);
        forget_callee_writes(C, s, i, uf, first, na, args, has_after);
        for (unsigned p = 0; p < MAXP && has_after; p++)
            if ((has_after & (1u << p)) && args[p].obj >= 0 && (uint32_t)args[p].obj < s->nobjs)
                s->objs[args[p].obj].slen = after[p];
    }
    if (strcmp(fn, "snprintf") == 0 || strcmp(fn, "vsnprintf") == 0)
        res.flags |= VF_SNPRINTF;
    if (strcmp(fn, "read") == 0 || strcmp(fn, "recv") == 0 || strcmp(fn, "fread") == 0)
        res.r = (range){-1, INF};
    return res;
}

static void assign_to(fctx *C, mstate *s, uint32_t lhs, mval v)
{
    lhs = strip(C, lhs);
    if (lhs == BW_NONE)
        return;
    const bw_mnode *m = &C->n[lhs];
    if (m->kind == BW_MK_REF && !(m->tflags & (BW_MT_INT | BW_MT_PTR)))
        forget_members(s, m->str | VAR_STORAGE, true); /* `r = other`: r's member arrays too */
    if (m->kind == BW_MK_REF) {
        clamp_store(&v, m);
        v.param = -1;
        st_set(C, s, m->str, v);
        return;
    }
    /* a store through a pointer/index/member: evaluate as a write access */
    mval t = eval(C, s, lhs, true);
    (void)t;
}

/* Elements other than a terminator stored at byte offsets `at` (es bytes
 * each) of o: landing on or after the first place the terminator may be,
 * they may join the string to whatever follows (`strcpy(b, "ab"); b[2] =
 * 'x';`).  A store the ranges cannot place (`for (p = buf; *p; p++) *p =
 * c`, an edit in place) is not taken to reach the terminator. */
static void char_stored(mobj *o, range at, int64_t es)
{
    if (!r_bounded_hi(o->slen) || at.lo < 0 || !r_bounded_hi(at) || es <= 0 || at.hi / es < o->slen.lo)
        return;
    o->slen = (range){0, INF};
}

/* An element of es bytes stored at *p (`buf[i] = c`, `*q = c`); `zero`: a
 * terminator, which only shortens the string and keeps strlen() terms. */
static void element_stored(mstate *s, const mval *p, int64_t es, bool zero)
{
    if (p->obj < 0 || (uint32_t)p->obj >= s->nobjs)
        return;
    if (!zero) {
        forget_strlen_of(s, p->obj);
        char_stored(&s->objs[p->obj], p->r, es);
    }
    note_written(s, p->obj, false, false);
}

static mval eval_index(fctx *C, mstate *s, uint32_t i, bool write)
{
    bool zero = write && C->store_zero; /* buf[k] = '\0' (not an index inside it) */
    C->store_zero = false;
    uint32_t b = kid(C, i, 0), x = kid(C, i, 1);
    mval base = eval(C, s, b, false);
    mval idx = eval(C, s, x, false);
    const bw_mnode *bm = &C->n[strip(C, b)];
    int64_t es = C->n[i].tsize ? C->n[i].tsize : (bm->esize ? bm->esize : 1);
    mval p = base;
    p.r = r_add(base.r, r_mul(idx.r, r_const(es)));
    p.flags |= idx.flags & VF_TYPEONLY;
    if (write)
        element_stored(s, &p, es, zero);
    mobj *o = base.obj >= 0 && (uint32_t)base.obj < s->nobjs ? &s->objs[base.obj] : NULL;
    if (o && idx.param >= 0 && idx.param < MAXP && !r_bounded_hi(idx.r) && r_bounded_hi(o->size) &&
        o->kind != OK_PARAM) {
        int64_t n = o->size.hi / es;
        if (C->sum.idx_bound[idx.param] == 0 || n < C->sum.idx_bound[idx.param]) {
            C->sum.idx_bound[idx.param] = n;
            C->sum.idx_line[idx.param] = C->n[i].line;
        }
        check_use(C, s, i, &base, b);
    } else {
        check_access(C, s, i, &p, r_const(es), write, b, true, &idx, write ? "the write" : "the read");
    }
    mval r = v_top();
    r.r = type_range(&C->n[i]);
    if (o && o->tainted)
        r.flags |= VF_SOURCE_STR;
    if ((C->n[i].tflags & BW_MT_ARRAY)) {
        r = p;
        /* rows[1] of char rows[4][8] is an array of 8: a copy into it that
         * runs into rows[2] overflows it.  rows[0] stays the whole array,
         * the usual base for treating it flat (memset(rows[0], 0, sizeof rows)). */
        if (o && C->n[i].tsize > 0 && !(r_known(idx.r) && idx.r.lo == 0)) {
            int so = st_obj(C, s, i, OK_MEMBER, r_const((int64_t)C->n[i].tsize), BW_NONE, C->n[i].line);
            if (so >= 0)
                r = v_at(so, r_const(0));
            o = base.obj >= 0 && (uint32_t)base.obj < s->nobjs ? &s->objs[base.obj] : NULL; /* the table may have moved */
        }
    }
    /* buf[n-1] = 0 terminates; so may buf[len] = 0 with len unknown: a
     * store at an index the ranges cannot place is taken as the terminator */
    if (write && o && o->noterm && (!r_known(p.r) || p.r.hi == o->size.hi - es))
        o->noterm = 0;
    /* a terminator at a known index bounds the string: strlen(buf) <= k */
    if (zero && o && r_known(p.r) && p.r.lo >= 0 && (C->n[i].tflags & BW_MT_CHAR)) {
        int64_t k = p.r.lo / es;
        o->noterm = 0;
        if (!r_bounded_hi(o->slen) || o->slen.hi > k)
            o->slen = (range){0, k};
    }
    return r;
}

static mval eval_inner(fctx *C, mstate *s, uint32_t i, bool write);

/* `x & ~(A - 1)` with A a power of two (ALIGN, round_down) clears x's low
 * bits: it rounds x down, so it bounds x by x's own range and not by the
 * mask, which is nearly the whole type.  ((n + 63) & ~63u) / 8 with n
 * unknown was [0, 536870904] and counted as a real length; (off + 64) &
 * ~63ul with off in [0, 63] is 64, not "anything".  True with *r set when
 * the constant at node yk is such a mask for the type of node m (an
 * unsigned wrap of x + A - 1 gives the type's range, as eval does for
 * unsigned sums). */
static bool align_mask(const fctx *C, const bw_mnode *m, mval x, uint32_t yk, mval *r)
{
    /* the constant's node, not its value: eval widens an unsigned 64-bit
     * constant above INT64_MAX (~63ul) to the type's range */
    yk = strip(C, yk);
    if (yk == BW_NONE || C->n[yk].kind != BW_MK_INT || !(m->tflags & BW_MT_INT) || m->tsize == 0 ||
        m->tsize > 8 || x.obj >= 0)
        return false;
    uint64_t all = m->tsize == 8 ? UINT64_MAX : ((uint64_t)1 << (m->tsize * 8)) - 1;
    uint64_t mask = (uint64_t)C->n[yk].ival & all, low = (~mask + 1) & all;
    if (mask == 0 || mask == all || (low & (low - 1)) != 0)
        return false;
    range t = type_range(m);
    *r = v_top();
    r->flags = x.flags & (VF_TAINT | VF_TYPEONLY);
    if (x.r.lo < 0 || x.r.hi > t.hi) {
        r->r = t.lo < 0 ? t : (range){0, t.hi == INF ? INF : (int64_t)(mask & (uint64_t)t.hi)};
        if (!(x.flags & VF_TAINT))
            r->flags |= VF_TYPEONLY;
        return true;
    }
    r->r = (range){(int64_t)((uint64_t)x.r.lo & mask), x.r.hi == INF ? INF : (int64_t)((uint64_t)x.r.hi & mask)};
    return true;
}

/* The constant a mask node holds, or -1. */
static int64_t mask_const(const fctx *C, uint32_t k)
{
    k = strip(C, k);
    return k != BW_NONE && C->n[k].kind == BW_MK_INT && C->n[k].ival > 0 ? C->n[k].ival : -1;
}

/* Every constant the function masks the variable `key` with, or-ed. */
static uint64_t masks_of(fctx *C, uint32_t key)
{
    for (unsigned j = 0; j < C->nmask; j++)
        if (C->mask_key[j] == key)
            return C->mask_bits[j];
    uint64_t bits = 0;
    uint32_t fi = C->F->node;
    for (uint32_t k = fi; k < C->n[fi].end; k++) {
        if (C->n[k].kind != BW_MK_BIN || C->n[k].op != CXBinaryOperator_And)
            continue;
        uint32_t a = kid(C, k, 0), b = kid(C, k, 1);
        int64_t c = ref_key(C, a) == key ? mask_const(C, b) : ref_key(C, b) == key ? mask_const(C, a) : -1;
        if (c > 0)
            bits |= (uint64_t)c;
    }
    if (C->nmask < sizeof C->mask_key / sizeof C->mask_key[0]) {
        C->mask_key[C->nmask] = key;
        C->mask_bits[C->nmask++] = bits;
    }
    return bits;
}

/* `w & m` that takes a field out of a packed word of unknown origin:
 * `(w >> k) & m`, `(w & m) >> k` (with VF_FIELD, which the `>>` case
 * reads), or `w & m` where the function also tests bits of w outside m
 * (`tag = flags & 0x0f; if (flags & 0x10)`).  How the program
 * builds the word bounds the field, as a bit-field's width bounds it, so
 * [0, m] is only the field's type (VF_TYPEONLY): an index stays silent
 * unless a guard bounds it or the word is untrusted.  A mask of a whole
 * word (`table[hash & 15]`) is a bound the program chose, and stays one. */
static bool packed_field(fctx *C, mval w, uint32_t wn, uint32_t mn, mval *r)
{
    int64_t m = mask_const(C, mn);
    if (m < 0 || w.obj >= 0 || (w.flags & (VF_TYPEONLY | VF_TAINT | VF_SOURCE_STR)) != VF_TYPEONLY)
        return false;
    uint32_t e = strip(C, wn), key = ref_key(C, wn);
    bool shifted = e != BW_NONE && C->n[e].kind == BW_MK_BIN && C->n[e].op == CXBinaryOperator_Shr &&
                   mask_const(C, kid(C, e, 1)) > 0;
    *r = v_top();
    r->r = (range){0, m};
    if (shifted || (key != BW_NONE && (masks_of(C, key) & ~(uint64_t)m) != 0))
        r->flags = VF_TYPEONLY;
    else if ((m & 1) == 0)
        r->flags = VF_FIELD; /* a field if shifted down next: see the `>>` case */
    else
        return false;
    return true;
}

/* `(w & 0xc) >> 2`: the mask x (evaluated from node a) is the `&` itself,
 * and the shift drops only bits the mask cleared. */
static bool field_shift(const fctx *C, uint32_t a, mval x, mval y)
{
    a = strip(C, a);
    return a != BW_NONE && C->n[a].kind == BW_MK_BIN && C->n[a].op == CXBinaryOperator_And && r_known(y.r) &&
           y.r.lo >= 1 && y.r.lo < 63 && x.r.lo == 0 && r_bounded_hi(x.r) &&
           (x.r.hi & (((int64_t)1 << y.r.lo) - 1)) == 0;
}

/* `c ? "big-endian" : "little-endian"`: the joined literal (site: the ?:
 * node) in s, or -1 when x (in state sx) and y (in sy: each side's
 * objects are in the state it was evaluated in) are not two literals'
 * starts. */
static int cond_literal(fctx *C, mstate *s, uint32_t at, const mstate *sx, const mval *x, const mstate *sy,
                        const mval *y)
{
    const mobj *a = literal_start(sx, x), *b = literal_start(sy, y);
    return a != NULL && b != NULL ? joined_literal(C, s, at, C->n[at].line, a, b) : -1;
}

/* An arm of `?:` that is a call of abort(), exit(), __assert_fail() ...
 * (under casts: `(void)abort()`) */
static bool arm_never_returns(const fctx *C, uint32_t arm)
{
    uint32_t k = strip(C, arm);
    return k != BW_NONE && C->n[k].kind == BW_MK_CALL && C->n[k].str != BW_NONE && bw_is_noreturn(S(C, C->n[k].str));
}

static mval eval(fctx *C, mstate *s, uint32_t i, bool write)
{
    mval v = eval_inner(C, s, i, write);
    if (i != BW_NONE && v.obj < 0 && (C->n[i].tflags & BW_MT_INT)) {
        range t = type_range(&C->n[i]);
        /* unsigned arithmetic wraps: `k - first` with k >= first unknown to
         * the ranges is not -1 but the type's whole range, and neither is
         * `done + 64` with done of unknown value ([64, UINT_MAX + 64] would
         * claim a lower end of 64 that the wrap does not keep) */
        if (!(C->n[i].tflags & BW_MT_SIGNED) && t.lo == 0 && (v.r.lo < 0 || (v.r.hi > t.hi && t.hi != INF)))
            v.r = t;
        if (v.r.lo <= t.lo && v.r.hi >= t.hi)
            v.flags |= type_only(&C->n[i]);
    }
    return v;
}

/* The site of the member array at node i: one object per member of one
 * enclosing object, so that `strcpy(p->name, "ab")` and a later
 * `strcat(p->name, "cd")` (two nodes) name the same string -- p's object
 * (or the variable r's storage, for r.name) and the member's offset.  Any
 * other base: the node itself. */
static uint32_t member_site(const fctx *C, const mstate *s, uint32_t i, const mval *base, uint32_t *parent,
                            int64_t *moff)
{
    const bw_mnode *m = &C->n[i];
    uint32_t b = strip(C, kid(C, i, 0)), id;
    int64_t off;
    if (m->op && base->obj >= 0 && (uint32_t)base->obj < s->nobjs && r_known(base->r)) {
        id = s->objs[base->obj].site;
        off = base->r.lo + m->ival;
    } else if (!m->op && b != BW_NONE && C->n[b].kind == BW_MK_REF) {
        id = C->n[b].str | VAR_STORAGE; /* as `&r` names r's storage */
        off = m->ival;
    } else {
        return i;
    }
    *parent = id;
    *moff = off;
    /* the size too: union members (or a struct cast onto another) at one
     * offset are different arrays */
    int64_t key[2] = {off, (int64_t)m->tsize};
    return derived_site(bw_hash_bytes(key, sizeof(key), id));
}

static mval eval_inner(fctx *C, mstate *s, uint32_t i, bool write)
{
    if (i == BW_NONE || C->P->oom)
        return v_top();
    const bw_mnode *m = &C->n[i];
    mval r = v_top();
    switch (m->kind) {
    case BW_MK_INT:
        r.r = r_const(m->ival);
        return r;
    case BW_MK_SIZEOF:
        r.r = r_const(m->ival);
        if (m->op == 1)
            r.flags |= VF_SIZEOF_PTR;
        return r;
    case BW_MK_STR: {
        int o = st_obj(C, s, i, OK_LIT, r_const((m->ival + 1) * (m->esize ? m->esize : 1)), BW_NONE, m->line);
        if (o >= 0)
            s->objs[o].slen = r_const(m->ival);
        return v_at(o, r_const(0));
    }
    case BW_MK_REF: {
        r = eval_ref(C, s, i);
        if (m->tflags & BW_MT_PTR && C->F != NULL) {
            for (uint32_t p = 0; p < C->nparams && p < MAXP; p++)
                if (C->param_key[p] == m->str && r.obj < 0)
                    r.param = (int8_t)p;
        }
        return r;
    }
    case BW_MK_CAST: {
        uint32_t k0 = kid(C, i, 0);
        r = eval(C, s, k0, write);
        if ((m->tflags & BW_MT_INT) && r.obj >= 0 && m->tsize != 0 && k0 != BW_NONE && m->tsize < C->n[k0].tsize) {
            /* (int)(intptr_t)p: a pointer cut to fewer bits than an address
             * has is a number of unknown value (SQLITE_PTR_TO_INT), not a
             * place in p's block */
            r = v_top();
            r.r = type_range(m);
            r.flags = VF_TYPEONLY;
            return r;
        }
        if ((m->tflags & BW_MT_INT) && (m->mflags & BW_MNF_BOOL) && r.obj < 0) {
            /* a conversion to bool; a bool read as a value (an implicit
             * cast from bool) keeps what it was */
            if (k0 == BW_NONE || !(C->n[k0].mflags & BW_MNF_BOOL))
                to_bool(&r);
            return r;
        }
        if ((m->tflags & BW_MT_INT) && r.obj < 0) {
            range t = type_range(m);
            if (r.r.lo < t.lo || r.r.hi > t.hi) {
                /* a narrow type wraps: (unsigned char)strlen(p) is not
                 * strlen(p); 32 bits hold any string a program builds */
                uint16_t fl = m->tsize != 0 && m->tsize < 4 ? r.flags & (uint16_t)~VF_STRLEN : r.flags;
                r.r = t;
                r.flags = fl;
                r.param = -1;
            }
        }
        return r;
    }
    case BW_MK_CALL:
        return eval_call(C, s, i);
    case BW_MK_INDEX:
        return eval_index(C, s, i, write);
    case BW_MK_MEMBER: {
        uint32_t b = kid(C, i, 0);
        mval base = eval(C, s, b, false);
        if (m->op)
            check_use(C, s, i, &base, b);
        if (m->tflags & BW_MT_ARRAY) {
            if ((m->tflags & BW_MT_FLEX) || m->alen == 0) {
                if (base.obj >= 0 && m->ival >= 0)
                    return v_at(base.obj, r_add(base.r, r_const(m->ival)));
                return v_top();
            }
            range sz = r_const((int64_t)m->tsize);
            uint32_t parent = BW_NONE;
            int64_t moff = 0;
            uint32_t site = member_site(C, s, i, &base, &parent, &moff);
            int o = st_obj(C, s, site, OK_MEMBER, sz, BW_NONE, m->line);
            if (o >= 0) {
                s->objs[o].parent = parent;
                s->objs[o].moff = moff;
            }
            return v_at(o, r_const(0));
        }
        r.r = type_range(m);
        if (base.obj >= 0 && (uint32_t)base.obj < s->nobjs && s->objs[base.obj].tainted && (m->tflags & BW_MT_INT))
            r.flags |= VF_TAINT;
        if (m->tflags & BW_MT_PTR)
            r.flags |= VF_LOADED;
        return r;
    }
    case BW_MK_UN: {
        uint32_t k = kid(C, i, 0);
        switch (m->op) {
        case CXUnaryOperator_AddrOf: {
            uint32_t ks = strip(C, k);
            if (ks != BW_NONE && C->n[ks].kind == BW_MK_REF && !(C->n[ks].tflags & BW_MT_ARRAY))
                return var_storage(C, s, ks, m->line);
            if (ks != BW_NONE && C->n[ks].kind == BW_MK_INDEX) {
                uint32_t b = kid(C, ks, 0), x = kid(C, ks, 1);
                mval base = eval(C, s, b, false), idx = eval(C, s, x, false);
                int64_t es = C->n[ks].tsize ? C->n[ks].tsize : 1;
                base.r = r_add(base.r, r_mul(idx.r, r_const(es)));
                base.param = -1;
                /* &a[i] with i bounded only by its type is an address
                 * nothing is known about, as a[i] is (eval_index) */
                base.flags |= idx.flags & VF_TYPEONLY;
                return base;
            }
            return eval(C, s, k, false);
        }
        case CXUnaryOperator_Deref: {
            mval p = eval(C, s, k, false);
            int64_t es = m->tsize ? m->tsize : 1;
            if (write)
                element_stored(s, &p, es, C->store_zero);
            check_access(C, s, i, &p, r_const(es), write, k, true, NULL, write ? "the write" : "the read");
            r.r = type_range(m);
            if (m->tflags & BW_MT_PTR)
                r.flags |= VF_LOADED;
            return r;
        }
        case CXUnaryOperator_PostInc:
        case CXUnaryOperator_PreInc:
        case CXUnaryOperator_PostDec:
        case CXUnaryOperator_PreDec: {
            mval v = eval(C, s, k, false);
            bool inc = m->op == CXUnaryOperator_PostInc || m->op == CXUnaryOperator_PreInc;
            const bw_mnode *km = &C->n[strip(C, k)];
            int64_t step = (km->tflags & BW_MT_PTR) ? (km->esize ? km->esize : 1) : 1;
            mval nv = v;
            nv.r = r_add(v.r, r_const(inc ? step : -step));
            nv.param = -1;
            nv.flags &= (uint16_t)~VF_STRLEN;
            assign_to(C, s, k, nv);
            return (m->op == CXUnaryOperator_PostInc || m->op == CXUnaryOperator_PostDec) ? v : nv;
        }
        case CXUnaryOperator_Minus: {
            mval v = eval(C, s, k, false);
            r.r = r_neg(v.r);
            r.flags = v.flags & VF_TAINT;
            return r;
        }
        case CXUnaryOperator_LNot:
            eval(C, s, k, false);
            r.r = (range){0, 1};
            return r;
        default:
            eval(C, s, k, false);
            r.r = type_range(m);
            return r;
        }
    }
    case BW_MK_BIN: {
        uint32_t a = kid(C, i, 0), b = kid(C, i, 1);
        if (m->op == CXBinaryOperator_LAnd || m->op == CXBinaryOperator_LOr) {
            eval(C, s, a, false);
            mstate t = {0};
            st_copy(C->P, &t, s);
            refine(C, &t, a, m->op == CXBinaryOperator_LAnd);
            if (!t.dead)
                eval(C, &t, b, false);
            st_free(&t);
            r.r = (range){0, 1};
            return r;
        }
        mval x = eval(C, s, a, false), y = eval(C, s, b, false);
        uint16_t fl = (uint16_t)((x.flags | y.flags) & (VF_TAINT | VF_TYPEONLY));
        switch (m->op) {
        case CXBinaryOperator_Add:
        case CXBinaryOperator_Sub: {
            bool sub = m->op == CXBinaryOperator_Sub;
            if (x.obj >= 0 && y.obj < 0 && (C->n[i].tflags & BW_MT_PTR)) {
                int64_t es = C->n[i].esize ? C->n[i].esize : 1;
                range d = r_mul(y.r, r_const(es));
                x.r = r_add(x.r, sub ? r_neg(d) : d);
                x.param = -1;
                x.flags |= y.flags & VF_TYPEONLY;
                return x;
            }
            if (y.obj >= 0 && !sub && (C->n[i].tflags & BW_MT_PTR)) {
                int64_t es = C->n[i].esize ? C->n[i].esize : 1;
                y.r = r_add(y.r, r_mul(x.r, r_const(es)));
                y.param = -1;
                return y;
            }
            if (x.obj >= 0 || y.obj >= 0) {
                r.r = TOP;
                return r;
            }
            r.r = r_add(x.r, sub ? r_neg(y.r) : y.r);
            r.flags = fl | (x.flags & VF_SNPRINTF);
            /* strlen(s) + c stays "the length of s plus c": malloc(strlen(s) + 1)
             * holds a copy of s, memcpy(d, s, strlen(s) + 1) copies its terminator */
            if ((x.flags & VF_STRLEN) && !(y.flags & VF_STRLEN) && r_known(y.r) && y.r.lo > -4096 && y.r.lo < 4096) {
                r.flags |= VF_STRLEN;
                r.sl[0] = x.sl[0];
                r.sl[1] = x.sl[1];
                r.slen_add = x.slen_add + (int32_t)(sub ? -y.r.lo : y.r.lo);
            } else if (!sub && (y.flags & VF_STRLEN) && !(x.flags & VF_STRLEN) && r_known(x.r) && x.r.lo > -4096 &&
                       x.r.lo < 4096) {
                r.flags |= VF_STRLEN;
                r.sl[0] = y.sl[0];
                r.sl[1] = y.sl[1];
                r.slen_add = y.slen_add + (int32_t)x.r.lo;
            } else if (!sub && (x.flags & y.flags & VF_STRLEN) && x.sl[1].obj < 0 && y.sl[1].obj < 0 &&
                       x.sl[0].obj >= 0 && y.sl[0].obj >= 0) {
                /* strlen(a) + strlen(b): two terms, in object order so that
                 * equal sums compare equal */
                r.flags |= VF_STRLEN;
                bool xf = term_before(x.sl[0], y.sl[0]);
                r.sl[0] = xf ? x.sl[0] : y.sl[0];
                r.sl[1] = xf ? y.sl[0] : x.sl[0];
                r.slen_add = x.slen_add + y.slen_add;
            }
            return r;
        }
        case CXBinaryOperator_Mul:
            r.r = r_mul(x.r, y.r);
            r.flags = fl;
            /* sizeof(char) * (strlen(s) + 1) (XNEWVEC, g_new) is still strlen(s) + 1 */
            if ((x.flags & VF_STRLEN) && r_known(y.r) && y.r.lo == 1) {
                r.flags |= VF_STRLEN;
                r.sl[0] = x.sl[0];
                r.sl[1] = x.sl[1];
                r.slen_add = x.slen_add;
            } else if ((y.flags & VF_STRLEN) && r_known(x.r) && x.r.lo == 1) {
                r.flags |= VF_STRLEN;
                r.sl[0] = y.sl[0];
                r.sl[1] = y.sl[1];
                r.slen_add = y.slen_add;
            }
            return r;
        case CXBinaryOperator_Div:
            if (r_known(y.r) && y.r.lo > 0 && x.r.lo >= 0)
                r.r = (range){x.r.lo / y.r.lo, x.r.hi == INF ? INF : x.r.hi / y.r.lo};
            else
                r.r = type_range(m);
            r.flags = fl;
            return r;
        case CXBinaryOperator_Rem:
            /* the sign of x % y is x's; a sign that only x's type allows
             * (an unknown int) is not taken as a negative index */
            if (r_known(y.r) && y.r.lo > 0 && (x.r.lo >= 0 || ((x.flags & VF_TYPEONLY) && !(x.flags & VF_TAINT))))
                r.r = (range){0, x.r.hi >= 0 && x.r.hi < y.r.lo - 1 ? x.r.hi : y.r.lo - 1};
            else if (r_known(y.r) && y.r.lo > 0)
                r.r = x.r.hi <= 0 ? (range){-(y.r.lo - 1), 0} : (range){-(y.r.lo - 1), y.r.lo - 1};
            else
                r.r = type_range(m), r.flags = fl;
            return r;
        case CXBinaryOperator_And:
            if (align_mask(C, m, x, b, &r) || align_mask(C, m, y, a, &r))
                return r;
            if (packed_field(C, x, a, b, &r) || packed_field(C, y, b, a, &r))
                return r;
            if (r_known(y.r) && y.r.lo >= 0)
                r.r = (range){0, y.r.lo};
            else if (r_known(x.r) && x.r.lo >= 0)
                r.r = (range){0, x.r.lo};
            else
                r.r = type_range(m), r.flags = fl;
            return r;
        case CXBinaryOperator_Shr:
            if ((x.flags & VF_FIELD) && field_shift(C, a, x, y)) {
                r.r = (range){0, x.r.hi >> y.r.lo};
                r.flags = VF_TYPEONLY;
                return r;
            }
            /* a shifted type-only value (flags >> 1 of a u8) is still bounded
             * only by the type */
            if (x.r.lo >= 0 && r_known(y.r) && y.r.lo >= 0 && y.r.lo < 63)
                r.r = (range){x.r.lo >> y.r.lo, x.r.hi == INF ? INF : x.r.hi >> y.r.lo};
            else
                r.r = type_range(m);
            /* a byte of an untrusted buffer stays one when shifted, so that
             * a field of it is not taken for a field of unknown origin */
            r.flags = fl | (x.flags & VF_SOURCE_STR);
            return r;
        case CXBinaryOperator_LT: case CXBinaryOperator_GT: case CXBinaryOperator_LE: case CXBinaryOperator_GE:
        case CXBinaryOperator_EQ: case CXBinaryOperator_NE:
            r.r = (range){0, 1};
            return r;
        case CXBinaryOperator_Comma:
            return y;
        default:
            r.r = type_range(m);
            r.flags = fl;
            return r;
        }
    }
    case BW_MK_ASSIGN: {
        uint32_t a = kid(C, i, 0), b = kid(C, i, 1);
        mval v = eval(C, s, b, false);
        uint32_t as = strip(C, a);
        if (m->op != CXBinaryOperator_Assign) {
            mval cur = eval(C, s, a, false);
            if (m->op == CXBinaryOperator_AddAssign || m->op == CXBinaryOperator_SubAssign) {
                bool sub = m->op == CXBinaryOperator_SubAssign;
                const bw_mnode *am = &C->n[as];
                int64_t es = (am->tflags & BW_MT_PTR) ? (am->esize ? am->esize : 1) : 1;
                range d = r_mul(v.r, r_const(es));
                cur.r = r_add(cur.r, sub ? r_neg(d) : d);
                cur.flags |= v.flags & VF_TAINT;
            } else if (m->op == CXBinaryOperator_MulAssign) {
                cur.r = r_mul(cur.r, v.r);
            } else {
                cur.r = type_range(&C->n[as]);
                cur.obj = -1;
            }
            cur.param = -1;
            v = cur;
        }
        /* p = realloc(p, n): the old block is lost when realloc fails */
        uint32_t bs = strip(C, b);
        const bw_mem_know *ra = bs != BW_NONE && C->n[bs].kind == BW_MK_CALL
                                    ? know(C->P, S(C, C->n[bs].str), BW_MR_ALLOC, NULL) : NULL;
        /* ... unless the variable holds a copy of a pointer that is still
         * stored elsewhere (q = s->buf; q = realloc(q, n); if (q) s->buf = q;) */
        const mval *cur = as != BW_NONE && C->n[as].kind == BW_MK_REF ? st_var(s, C->n[as].str) : NULL;
        if (ra != NULL && ra->src >= 0 && !is_alloc_row_nofail(ra) && !cannot_fail(C->P, S(C, C->n[bs].str)) &&
            C->n[as].kind == BW_MK_REF && (cur == NULL || !(cur->flags & VF_LOADED))) {
            const char *rf = S(C, C->n[bs].str);
            uint32_t old = strip(C, kid(C, bs, (unsigned)ra->src + (C->n[bs].op ? 1u : 0u)));
            if (old != BW_NONE && C->n[old].kind == BW_MK_REF && C->n[old].str == C->n[as].str)
                report(C, i, R_UNCHECKED_ALLOC, "assign to a temporary: tmp = realloc(p, n); if (tmp == NULL) { free(p); ... } p = tmp;",
                       NULL, "'%s = %s(%s, ...)' loses the only pointer to the old block when %s() fails",
                       S(C, C->n[as].str2), rf, S(C, C->n[as].str2), rf);
        }
        if (as != BW_NONE && C->n[as].kind == BW_MK_REF) {
            assign_to(C, s, a, v);
            drop_guards(s, C->n[as].str);
            if (m->op == CXBinaryOperator_Assign && !(C->n[as].tflags & BW_MT_PTR))
                note_guards(C, s, b, C->n[as].str);
        } else {
            C->store_zero = m->op == CXBinaryOperator_Assign && is_nullish(C, b);
            eval(C, s, a, true);
            C->store_zero = false;
        }
        return v;
    }
    case BW_MK_COND: {
        uint32_t c = kid(C, i, 0);
        eval(C, s, c, false);
        mstate t = {0}, e = {0};
        st_copy(C->P, &t, s);
        st_copy(C->P, &e, s);
        refine(C, &t, c, true);
        refine(C, &e, c, false);
        mval x = t.dead ? v_top() : eval(C, &t, kid(C, i, 1), false);
        mval y = e.dead ? v_top() : eval(C, &e, kid(C, i, 2), false);
        t.dead |= arm_never_returns(C, kid(C, i, 1));
        e.dead |= arm_never_returns(C, kid(C, i, 2));
        int lit = t.dead || e.dead ? -1 : cond_literal(C, s, i, &t, &x, &e, &y);
        if (t.dead)
            x = y;
        if (e.dead)
            y = x;
        v_join(&x, &y);
        if (lit >= 0)
            x.obj = lit;
        /* an arm that cannot return ends its path: what follows runs in
         * the other arm's state, with its check (C++'s assert(),
         * `p ? (void)0 : abort()`).  Two arms that go on are not joined
         * back: joining made objects created in the arms meet by index
         * (v_join), a flag set in an arm stop guarding a free, and chains
         * of ?: over literals grow the state quadratically (helper-75) */
        if (t.dead && e.dead) {
            s->dead = true;
        } else if (t.dead || e.dead) {
            mstate *live = t.dead ? &e : &t, was = *s;
            *s = *live;
            *live = was;
        } else if (lit < 0 && x.obj >= 0 &&
                   ((uint32_t)x.obj >= s->nobjs || (uint32_t)x.obj >= t.nobjs || s->objs[x.obj].site != t.objs[x.obj].site)) {
            /* an object the arms made (c ? malloc(64) : malloc(32)) is in
             * the dropped states: its index names another object here */
            x.obj = -1;
        }
        st_free(&t);
        st_free(&e);
        return x;
    }
    case BW_MK_NEW: {
        /* the bound first, then placement arguments and the initialiser */
        range cnt = (m->op & BW_NEW_ARRAY) ? TOP : r_const(1);
        for (uint32_t k = i + 1; k < m->end; k = C->n[k].end) {
            range kr = eval(C, s, k, false).r;
            if (k == i + 1 && (m->op & BW_NEW_COUNTED))
                cnt = kr;
        }
        int64_t es = m->esize ? m->esize : 1;
        int o = st_obj(C, s, i, (m->op & BW_NEW_ARRAY) ? OK_NEWARR : OK_NEW, r_mul(cnt, r_const(es)), BW_NONE, m->line);
        if (o >= 0 && (m->op & BW_NEW_NOTHROW))
            s->objs[o].null = 1; /* new (std::nothrow) returns NULL when it fails */
        return v_at(o, r_const(0));
    }
    case BW_MK_DELETE: {
        uint32_t k = kid(C, i, 0);
        if (k != BW_NONE)
            do_free(C, s, i, k, m->op ? "delete[]" : "delete");
        return r;
    }
    case BW_MK_SHIFT_IN: {
        uint32_t st = kid(C, i, 0), t = kid(C, i, 1);
        eval(C, s, st, false);
        uint32_t ts = strip(C, t);
        const bw_mnode *tm = ts != BW_NONE ? &C->n[ts] : NULL;
        bool width = false;
        for (uint32_t q = st; q != BW_NONE && q < C->n[st].end; q++)
            if (C->n[q].kind == BW_MK_CALL && strcmp(S(C, C->n[q].str), "setw") == 0)
                width = true;
        /* cin.width(n) before this read */
        uint32_t sr = var_ref(C, st);
        mval *wv = sr != BW_NONE ? st_var(s, C->n[sr].str | WIDTH_KEY) : NULL;
        range wr = wv != NULL ? wv->r : TOP;
        if (wv != NULL && wr.lo > 0) {
            width = true;
            wv->r = r_const(0); /* consumed by this read */
        }
        mval tv = eval(C, s, t, false);
        if (width && wv != NULL && wr.lo > 0 && tv.obj >= 0 && (uint32_t)tv.obj < s->nobjs && tm &&
            (tm->tflags & BW_MT_CHAR) && r_bounded_hi(wr) && r_bounded_hi(s->objs[tv.obj].size) &&
            s->objs[tv.obj].size.lo == s->objs[tv.obj].size.hi &&
            sat_add(tv.r.hi, wr.hi * (tm->esize ? tm->esize : 1)) > s->objs[tv.obj].size.hi) {
            char nb[160];
            report(C, i, R_OVERFLOW, "set the width to the buffer's size: std::cin.width(sizeof buf)", NULL,
                   "'>>' stores up to %lld characters and a terminator (width %lld) into '%s' (%lld bytes)",
                   (long long)wr.hi - 1, (long long)wr.hi, expr_name(C, t, nb, sizeof(nb)),
                   (long long)s->objs[tv.obj].size.hi);
        }
        if (tm && (tm->tflags & BW_MT_CHAR) && (tm->tflags & (BW_MT_ARRAY | BW_MT_PTR)) && !width) {
            char nb[160];
            report(C, i, R_DANGER, "read into std::string, or set a width first: std::cin >> std::setw(sizeof buf) >> buf",
                   NULL, "'>>' into the character buffer '%s' has no width: the input can be longer than the buffer",
                   expr_name(C, t, nb, sizeof(nb)));
        }
        if (tv.obj >= 0 && (uint32_t)tv.obj < s->nobjs)
            s->objs[tv.obj].tainted = 1;
        if (tm && tm->kind == BW_MK_REF && (tm->tflags & BW_MT_INT)) {
            mval nv = v_top();
            nv.r = type_range(tm);
            nv.flags = VF_TAINT;
            st_set(C, s, tm->str, nv);
        }
        return r;
    }
    default:
        for (uint32_t k = i + 1; k < m->end; k = C->n[k].end) {
            if (C->n[k].kind >= BW_MK_INT)
                eval(C, s, k, false);
            else
                exec(C, s, k);
        }
        r.r = type_range(m);
        return r;
    }
}

/* ---- guards --------------------------------------------------------------- */
static uint32_t guard_var(fctx *C, uint32_t e)
{
    e = strip(C, e);
    if (e != BW_NONE && C->n[e].kind == BW_MK_ASSIGN)
        e = strip(C, kid(C, e, 0));
    return e != BW_NONE && C->n[e].kind == BW_MK_REF ? e : BW_NONE;
}

static void set_nonnull(fctx *C, mstate *s, uint32_t ref, bool nonnull)
{
    mval *v = st_var(s, C->n[ref].str);
    if (v == NULL || v->obj < 0 || (uint32_t)v->obj >= s->nobjs)
        return;
    /* either way the check was made; on the NULL edge this copy of the
     * pointer is NULL (a use there is no use of the block, and a return
     * of it returns NULL) */
    s->objs[v->obj].null = 0;
    s->objs[v->obj].guard = BW_NONE;
    if (nonnull)
        v->flags &= (uint16_t)~VF_NULL;
    else
        v->flags |= VF_NULL;
}

/* Variable `key` was narrowed to r (by `op bound`): the blocks freed only
 * where it holds another value (one of `keep`: casts_keep) were not freed
 * on this path. */
static void unfree_where(mstate *s, uint32_t key, int op, range bound, range r, range keep)
{
    for (uint32_t j = 0; j < s->nobjs; j++) {
        mobj *o = &s->objs[j];
        for (int k = 0; k < FREE_GUARDS; k++) {
            int64_t c = o->fg.val[k];
            if (o->freed == 1 && o->fg.key[k] == key && c >= keep.lo && c <= keep.hi &&
                (c < r.lo || c > r.hi || (op == CXBinaryOperator_NE && r_known(bound) && bound.lo == c))) {
                o->freed = 0;
                o->fg = NO_FGUARD;
            }
        }
    }
}

/* The values of the variable expression e reads that the casts between
 * them keep, so that a check of e is one of the variable: all of them for
 * casts to a type as wide with the same signedness or wider (from a signed
 * type: to a signed one), those from 0 to the signed type's maximum across
 * signedness, none (lo > hi) through a cast that drops bits (`(unsigned
 * char)st == 0` holds for 256).  A truth test (`truth`) counts a cast to
 * bool as keeping every value: it tests x != 0 either way. */
static range casts_keep(fctx *C, uint32_t e, bool truth)
{
    const range none = {1, 0};
    uint32_t v = strip(C, e);
    if (v == BW_NONE || C->n[v].kind != BW_MK_REF)
        return none;
    const bw_mnode *r = &C->n[v];
    bool rs = (r->tflags & BW_MT_SIGNED) != 0;
    range keep = TOP;
    for (uint32_t j = e; j != v; j = kid(C, j, 0)) {
        const bw_mnode *c = &C->n[j];
        bool cs = (c->tflags & BW_MT_SIGNED) != 0;
        if (truth && (c->mflags & BW_MNF_BOOL) && j == e)
            continue;
        if (!(c->tflags & BW_MT_INT) || (c->mflags & BW_MNF_BOOL) || c->tsize == 0 || r->tsize == 0 ||
            c->tsize < r->tsize || c->tsize > 8 || r->tsize > 8)
            return none;
        if (cs != rs && (c->tsize == r->tsize || rs)) {
            int64_t max = (int64_t)((UINT64_C(1) << (8 * (c->tsize < r->tsize ? c->tsize : r->tsize) - 1)) - 1);
            keep = (range){0, max < keep.hi ? max : keep.hi};
        }
    }
    return keep;
}

/* After a check `e op bound` narrowed the variable e reads: the blocks
 * freed only where it holds a value the check excludes were not freed on
 * this path. */
static void unfree_after(fctx *C, mstate *s, uint32_t e, int op, range bound, bool truth)
{
    if (!s->free_guards || s->dead)
        return;
    range keep = casts_keep(C, e, truth);
    if (keep.lo > keep.hi)
        return;
    uint32_t key = C->n[strip(C, e)].str; /* (casts_keep: a variable) */
    const mval *v = st_var(s, key);
    if (v != NULL && v->obj < 0)
        unfree_where(s, key, op, bound, v->r, keep);
}

/* Narrows variable `ref` by the guard `ref op bound`.  A bound that only
 * its type limits (`i < n` with n unknown) proves the guard was made — an
 * untrusted value compared with it is checked — but gives no upper bound:
 * INT_MAX - 1 is the type's limit, not the program's. */
static void narrow(fctx *C, mstate *s, uint32_t ref, int op, range bound, bool bound_typeonly)
{
    mval *v = st_var(s, C->n[ref].str);
    mval nv;
    if (v == NULL) {
        nv = eval_ref(C, s, ref);
        st_set(C, s, C->n[ref].str, nv);
        v = st_var(s, C->n[ref].str);
        if (v == NULL)
            return;
    }
    if (v->obj >= 0)
        return;
    range r = v->r;
    switch (op) {
    case CXBinaryOperator_LT:
        if (bound.hi != INF && sat_add(bound.hi, -1) < r.hi)
            r.hi = sat_add(bound.hi, -1);
        break;
    case CXBinaryOperator_LE:
        if (bound.hi < r.hi)
            r.hi = bound.hi;
        break;
    case CXBinaryOperator_GT:
        if (bound.lo != NINF && sat_add(bound.lo, 1) > r.lo)
            r.lo = sat_add(bound.lo, 1);
        break;
    case CXBinaryOperator_GE:
        if (bound.lo > r.lo)
            r.lo = bound.lo;
        break;
    case CXBinaryOperator_EQ:
        if (r_known(bound))
            r = bound;
        break;
    case CXBinaryOperator_NE:
        /* n != 0 with n in [-26, 0]: n in [-26, -1] */
        if (r_known(bound) && bound.lo == r.hi && r.hi != INF)
            r.hi = r.hi - 1;
        else if (r_known(bound) && bound.lo == r.lo && r.lo != NINF)
            r.lo = r.lo + 1;
        else
            return;
        break;
    default:
        return;
    }
    if (r.lo > r.hi) {
        s->dead = true;
        return;
    }
    if (v->param >= 0 && (r.lo != v->r.lo || r.hi != v->r.hi))
        v->flags |= VF_CHECKED;
    if (bound_typeonly && (op == CXBinaryOperator_LT || op == CXBinaryOperator_LE)) {
        if (r_bounded_hi(r) && r.lo != NINF)
            v->flags &= (uint16_t)~VF_TAINT;
        return;
    }
    /* only a new upper bound makes a type-only value known: after `n >= 0`
     * or `s1 == s2` (both unknown) its upper end is still the type's */
    if (r.hi < v->r.hi)
        v->flags &= (uint16_t)~VF_TYPEONLY;
    v->r = r;
    if (r_bounded_hi(r) && r.lo != NINF)
        v->flags &= (uint16_t)~VF_TAINT;
    if (r_bounded_hi(r))
        v->flags &= (uint16_t)~VF_SNPRINTF;
}

static int flip(int op)
{
    switch (op) {
    case CXBinaryOperator_LT: return CXBinaryOperator_GT;
    case CXBinaryOperator_GT: return CXBinaryOperator_LT;
    case CXBinaryOperator_LE: return CXBinaryOperator_GE;
    case CXBinaryOperator_GE: return CXBinaryOperator_LE;
    default: return op;
    }
}
static int negate(int op)
{
    switch (op) {
    case CXBinaryOperator_LT: return CXBinaryOperator_GE;
    case CXBinaryOperator_GE: return CXBinaryOperator_LT;
    case CXBinaryOperator_GT: return CXBinaryOperator_LE;
    case CXBinaryOperator_LE: return CXBinaryOperator_GT;
    case CXBinaryOperator_EQ: return CXBinaryOperator_NE;
    case CXBinaryOperator_NE: return CXBinaryOperator_EQ;
    default: return op;
    }
}

/* The blocks whose NULL check variable `key` holds no longer depend on it
 * (it is assigned again). */
static void drop_guards(mstate *s, uint32_t key)
{
    for (uint32_t j = 0; j < s->nobjs; j++)
        if (s->objs[j].guard == key)
            s->objs[j].guard = BW_NONE;
}

/* `ok = p && q != NULL`: when `ok` is true, the unchecked blocks p and q
 * point to are not NULL (Bulwark's own `bool ok = a && b; for (...; ok &&
 * ...; ...)`).  Marks those blocks with `key`; || says nothing of either. */
static void note_guards(fctx *C, mstate *s, uint32_t cond, uint32_t key)
{
    cond = strip(C, cond);
    if (cond == BW_NONE)
        return;
    const bw_mnode *m = &C->n[cond];
    if (m->kind == BW_MK_BIN && m->op == CXBinaryOperator_LAnd) {
        note_guards(C, s, kid(C, cond, 0), key);
        note_guards(C, s, kid(C, cond, 1), key);
        return;
    }
    uint32_t ref = BW_NONE;
    if (m->kind == BW_MK_REF)
        ref = cond;
    else if (m->kind == BW_MK_BIN && m->op == CXBinaryOperator_NE && is_nullish(C, kid(C, cond, 1)))
        ref = strip(C, kid(C, cond, 0));
    else if (m->kind == BW_MK_BIN && m->op == CXBinaryOperator_NE && is_nullish(C, kid(C, cond, 0)))
        ref = strip(C, kid(C, cond, 1));
    if (ref == BW_NONE || C->n[ref].kind != BW_MK_REF || !(C->n[ref].tflags & BW_MT_PTR))
        return;
    const mval *v = st_var(s, C->n[ref].str);
    if (v != NULL && v->obj >= 0 && (uint32_t)v->obj < s->nobjs && s->objs[v->obj].null)
        s->objs[v->obj].guard = key;
}

/* `x & m` with m one less than a power of two, tested against zero:
 * x is a multiple of m + 1 exactly when it is zero, so an end of x's
 * range that is one is excluded by a non-zero result (`if ((n & 31) !=
 * 0) w[n >> 5]` with n at most 64 reads w[1] at most), and a zero result
 * rounds the bounds to multiples.  Only for a variable not below zero. */
static void refine_mask(fctx *C, mstate *s, uint32_t x, uint32_t mk, bool nonzero)
{
    uint32_t v = guard_var(C, x), ks = strip(C, mk);
    if (v == BW_NONE || !(C->n[v].tflags & BW_MT_INT) || ks == BW_NONE || C->n[ks].kind != BW_MK_INT)
        return;
    /* a cast that drops bits tests another value: `(uint8_t)n & 511` */
    for (uint32_t j = x; j != BW_NONE && C->n[j].kind == BW_MK_CAST; j = kid(C, j, 0))
        if (C->n[j].tsize != 0 && C->n[v].tsize != 0 && C->n[j].tsize < C->n[v].tsize)
            return;
    int64_t m = C->n[ks].ival;
    if (m <= 0 || m >= ((int64_t)1 << 30) || (m & (m + 1)) != 0)
        return;
    mval *cur = st_var(s, C->n[v].str);
    if (cur == NULL || cur->r.lo < 0 || !r_bounded_hi(cur->r) || (cur->flags & VF_TYPEONLY))
        return;
    /* the bounds only: a mask test is no check of the value's origin, so
     * its flags (untrusted, a length from snprintf) stay */
    int64_t unit = m + 1;
    range r = cur->r;
    if (nonzero) {
        if (r.hi % unit == 0)
            r.hi--;
        if (r.lo % unit == 0)
            r.lo++;
    } else {
        r.hi = r.hi / unit * unit;
        r.lo = (r.lo + m) / unit * unit;
    }
    if (r.lo > r.hi)
        s->dead = true;
    else
        cur->r = r;
}

/* refine_mask for `a & b` with the mask on either side. */
static void refine_masked(fctx *C, mstate *s, uint32_t a, uint32_t b, bool nonzero)
{
    uint32_t sa = strip(C, a);
    if (sa != BW_NONE && C->n[sa].kind == BW_MK_INT)
        refine_mask(C, s, b, a, nonzero);
    else
        refine_mask(C, s, a, b, nonzero);
}

/* `strlen(x) + a <= strlen(y) + b` (or <, >, >=; both constants not
 * negative, as strlen(y) - 1 wraps around for an empty y) held with b <= a
 * (b <= a + 1 for <): x's string is no longer than y's, so strcpy(y, x)
 * fits.  x is measured from its object's start, y at one known offset. */
static void note_shorter(mstate *s, int op, const mval *xa, const mval *xb)
{
    if (op == CXBinaryOperator_GE || op == CXBinaryOperator_GT) {
        const mval *t = xa;
        xa = xb;
        xb = t;
        op = op == CXBinaryOperator_GE ? CXBinaryOperator_LE : CXBinaryOperator_LT;
    }
    if (op != CXBinaryOperator_LE && op != CXBinaryOperator_LT)
        return;
    if (!(xa->flags & VF_STRLEN) || !(xb->flags & VF_STRLEN) || xa->sl[1].obj >= 0 || xb->sl[1].obj >= 0)
        return;
    /* strlen(y) - 1 wraps around for an empty y: a size_t holds no less */
    if (xa->slen_add < 0 || xb->slen_add < 0)
        return;
    sterm x = xa->sl[0], y = xb->sl[0];
    int64_t slack = (int64_t)xb->slen_add - xa->slen_add - (op == CXBinaryOperator_LT);
    /* (y at one offset: `p = buf + i` tested, then `p = buf + j` in the same
     * range is a term of the same name) */
    if (x.obj < 0 || y.obj < 0 || (uint32_t)x.obj >= s->nobjs || x.obj == y.obj || slack > 0 || x.lo != 0 ||
        x.hi != 0 || x.key != BW_NONE || y.lo != y.hi || y.key != BW_NONE)
        return;
    s->objs[x.obj].fits_in = y;
    s->fits = true;
}

static void refine(fctx *C, mstate *s, uint32_t c, bool truth)
{
    uint32_t c0 = c; /* with its casts (unfree_after) */
    c = strip(C, c);
    if (c == BW_NONE || s->dead)
        return;
    const bw_mnode *m = &C->n[c];
    if (m->kind == BW_MK_UN && m->op == CXUnaryOperator_LNot) {
        refine(C, s, kid(C, c, 0), !truth);
        return;
    }
    if (m->kind == BW_MK_INT) {
        if ((m->ival != 0) != truth)
            s->dead = true;
        return;
    }
    /* likely(x) and unlikely(x): __builtin_expect(!!(x), v) is x */
    if (m->kind == BW_MK_CALL && m->str != BW_NONE && nkids(C, c) >= 1 &&
        strncmp(S(C, m->str), "__builtin_expect", 16) == 0) {
        refine(C, s, kid(C, c, 0), truth);
        return;
    }
    if (m->kind == BW_MK_REF && truth && !(m->tflags & BW_MT_PTR))
        for (uint32_t j = 0; j < s->nobjs; j++)
            if (s->objs[j].guard == m->str && s->objs[j].null) {
                s->objs[j].null = 0;
                s->objs[j].guard = BW_NONE;
            }
    if (m->kind == BW_MK_REF || m->kind == BW_MK_ASSIGN) {
        uint32_t v = guard_var(C, c);
        if (v != BW_NONE && (C->n[v].tflags & BW_MT_PTR))
            set_nonnull(C, s, v, truth);
        else if (v != BW_NONE && (C->n[v].tflags & BW_MT_INT)) {
            narrow(C, s, v, truth ? CXBinaryOperator_NE : CXBinaryOperator_EQ, r_const(0), false);
            unfree_after(C, s, c0, truth ? CXBinaryOperator_NE : CXBinaryOperator_EQ, r_const(0), true);
        }
        return;
    }
    if (m->kind != BW_MK_BIN)
        return;
    int op = m->op;
    uint32_t a = kid(C, c, 0), b = kid(C, c, 1);
    if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
        bool conj = (op == CXBinaryOperator_LAnd) == truth;
        if (conj) {
            refine(C, s, a, truth);
            refine(C, s, b, truth);
        } else {
            mstate t = {0};
            st_copy(C->P, &t, s);
            refine(C, s, a, truth);
            refine(C, &t, a, !truth);
            refine(C, &t, b, truth);
            st_join(C, s, &t);
            st_free(&t);
        }
        return;
    }
    if (op == CXBinaryOperator_And) {
        refine_masked(C, s, a, b, truth);
        return;
    }
    if (op < CXBinaryOperator_LT || op > CXBinaryOperator_NE)
        return;
    if (!truth)
        op = negate(op);
    uint32_t ma = strip(C, a), mb = strip(C, b);
    if ((op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) && ma != BW_NONE && mb != BW_NONE &&
        C->n[ma].kind == BW_MK_BIN && C->n[ma].op == CXBinaryOperator_And && C->n[mb].kind == BW_MK_INT &&
        C->n[mb].ival == 0)
        refine_masked(C, s, kid(C, ma, 0), kid(C, ma, 1), op == CXBinaryOperator_NE);
    uint32_t va = guard_var(C, a), vb = guard_var(C, b);
    /* NULL checks */
    if (va != BW_NONE && (C->n[va].tflags & BW_MT_PTR) && is_nullish(C, b)) {
        if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE)
            set_nonnull(C, s, va, op == CXBinaryOperator_NE);
        return;
    }
    if (vb != BW_NONE && (C->n[vb].tflags & BW_MT_PTR) && is_nullish(C, a)) {
        if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE)
            set_nonnull(C, s, vb, op == CXBinaryOperator_NE);
        return;
    }
    mstate scratch = {0};
    st_copy(C->P, &scratch, s);
    bool save = C->reporting;
    C->reporting = false;
    mval xa = eval(C, &scratch, a, false), xb = eval(C, &scratch, b, false);
    C->reporting = save;
    st_free(&scratch);
    /* (a free is undone only by a comparison with a value the analysis
     * knows exactly: a global's may be one from before a call) */
    if (va != BW_NONE && (C->n[va].tflags & BW_MT_INT)) {
        narrow(C, s, va, op, xb.r, (xb.flags & VF_TYPEONLY) != 0);
        if (s->free_guards && exact_arg(C, b))
            unfree_after(C, s, a, op, xb.r, false);
    }
    if (vb != BW_NONE && (C->n[vb].tflags & BW_MT_INT)) {
        narrow(C, s, vb, flip(op), xa.r, (xa.flags & VF_TYPEONLY) != 0);
        if (s->free_guards && exact_arg(C, a))
            unfree_after(C, s, b, flip(op), xa.r, false);
    }
    /* n + c < K narrows n */
    uint32_t as = strip(C, a);
    if (va == BW_NONE && as != BW_NONE && C->n[as].kind == BW_MK_BIN && C->n[as].op == CXBinaryOperator_Add) {
        uint32_t v2 = guard_var(C, kid(C, as, 0));
        uint32_t ck = strip(C, kid(C, as, 1));
        if (v2 != BW_NONE && ck != BW_NONE && C->n[ck].kind == BW_MK_INT && (C->n[v2].tflags & BW_MT_INT))
            narrow(C, s, v2, op, r_add(xb.r, r_const(-C->n[ck].ival)), (xb.flags & VF_TYPEONLY) != 0);
    }
    /* strlen(x) < K: the string in x is shorter */
    if (as != BW_NONE && C->n[as].kind == BW_MK_CALL && strcmp(S(C, C->n[as].str), "strlen") == 0 &&
        (xa.flags & VF_STRLEN) && xa.sl[1].obj < 0 && xa.sl[0].obj >= 0 && (uint32_t)xa.sl[0].obj < s->nobjs) {
        /* strlen(p + k) < K: the string from p's start is shorter than K + k */
        mobj *o = &s->objs[xa.sl[0].obj];
        int64_t k = xa.sl[0].hi;
        if (op == CXBinaryOperator_LT && r_bounded_hi(xb.r))
            o->slen = (range){0, xb.r.hi - 1 + k}, o->tainted = 0;
        else if (op == CXBinaryOperator_LE && r_bounded_hi(xb.r))
            o->slen = (range){0, xb.r.hi + k}, o->tainted = 0;
    }
    note_shorter(s, op, &xa, &xb);
}

/* ---- statements ------------------------------------------------------------ */
/* The variables assigned in the subtree at `i`: keys[], how they change
 * (mono) and, for a variable only ever stepped by one constant (i += 2),
 * that step (stride[], 0 otherwise). */
static void assigned_in(fctx *C, uint32_t i, uint32_t *keys, uint8_t *mono, int64_t *stride, uint32_t *n,
                        uint32_t max)
{
    for (uint32_t k = i; k < C->n[i].end; k++) {
        const bw_mnode *m = &C->n[k];
        uint32_t t = BW_NONE;
        uint8_t how = 3; /* 1 increasing by 1, 2 decreasing, 3 other, 4 increasing by more */
        int64_t step = 0;
        if (m->kind == BW_MK_ASSIGN) {
            t = guard_var(C, kid(C, k, 0));
            uint32_t r = strip(C, kid(C, k, 1));
            if (m->op == CXBinaryOperator_AddAssign && r != BW_NONE && C->n[r].kind == BW_MK_INT && C->n[r].ival > 0) {
                how = C->n[r].ival == 1 ? 1 : 4;
                step = C->n[r].ival;
            }
        } else if (m->kind == BW_MK_UN && (m->op == CXUnaryOperator_PostInc || m->op == CXUnaryOperator_PreInc)) {
            t = guard_var(C, kid(C, k, 0));
            how = 1;
            step = 1;
        } else if (m->kind == BW_MK_UN && (m->op == CXUnaryOperator_PostDec || m->op == CXUnaryOperator_PreDec)) {
            t = guard_var(C, kid(C, k, 0));
            how = 2;
        } else if (m->kind == BW_MK_UN && m->op == CXUnaryOperator_AddrOf) {
            t = guard_var(C, kid(C, k, 0));
        }
        if (t == BW_NONE)
            continue;
        uint32_t j;
        for (j = 0; j < *n; j++)
            if (keys[j] == C->n[t].str)
                break;
        if (j == *n) {
            if (*n == max)
                continue;
            keys[j] = C->n[t].str;
            mono[j] = how;
            stride[j] = step;
            (*n)++;
        } else {
            stride[j] = 0; /* assigned twice: no single step */
            if (mono[j] != how)
                mono[j] = (mono[j] == 1 || mono[j] == 4) && (how == 1 || how == 4) ? 4 : 3;
        }
    }
}

static void havoc(mstate *s, const uint32_t *keys, const uint8_t *mono, uint32_t n)
{
    for (uint32_t j = 0; j < n; j++) {
        if (s->free_guards)
            drop_free_guards(s, keys[j]);
        mval *v = st_var(s, keys[j]);
        if (v == NULL)
            continue;
        if (mono[j] == 1 || mono[j] == 4)
            v->r.hi = INF;
        else if (mono[j] == 2)
            v->r.lo = NINF;
        else {
            v->r = TOP;
            v->obj = -1;
        }
        v->param = -1;
        v->flags &= (uint16_t)~VF_STRLEN;
    }
}

/* A counter that starts at a known value and only steps by a constant
 * takes only start + k * step: `for (i = 0; i < 10; i += 2)` ends at 8, so
 * a[i + 1] stays inside a 10-element array. */
static void align_strides(mstate *b, mstate *entry, const uint32_t *keys, const int64_t *stride, uint32_t nk)
{
    for (uint32_t j = 0; j < nk; j++) {
        if (stride[j] <= 1)
            continue;
        mval *v = st_var(b, keys[j]), *e = st_var(entry, keys[j]);
        if (v == NULL || e == NULL || v->obj >= 0 || e->obj >= 0 || !r_known(e->r) || v->r.hi == INF ||
            v->r.lo < e->r.lo)
            continue;
        int64_t hi = e->r.lo + (v->r.hi - e->r.lo) / stride[j] * stride[j];
        if (hi >= v->r.lo)
            v->r.hi = hi;
    }
}

/* Loops: every object's string at the start of a pass (bit: the loop's
 * depth). */
static void mark_grown(mstate *s, uint8_t bit)
{
    for (uint32_t o = 0; o < s->nobjs; o++) {
        s->objs[o].grown |= bit;
        s->objs[o].appd &= (uint8_t)~bit;
    }
}

/* After the first pass: a string that the pass only appended to, and that
 * came out longer than it went in, grows with every iteration (`strcat(buf,
 * "abcd")` in a loop): its length has no upper bound at the loop's head.
 * One reset in the body (`strcpy(line, prefix)`, then appends) keeps it. */
static void widen_appended(mstate *head, const mstate *b, uint8_t bit)
{
    for (uint32_t o = 0; o < b->nobjs && o < head->nobjs; o++) {
        const mobj *x = &b->objs[o];
        mobj *h = &head->objs[o];
        /* loops nested deeper than the bits: any growth is widened */
        if (h->site != x->site || (bit != 0 && !(x->appd & bit)))
            continue;
        if (x->slen.hi > h->slen.hi)
            h->slen.hi = INF;
        if (x->app.hi > h->app.hi)
            h->app.hi = INF;
    }
}

/* Whether the expression at `e` reads variable `key`. */
static bool mentions(const fctx *C, uint32_t e, uint32_t key)
{
    for (uint32_t k = e; k < C->n[e].end; k++)
        if (C->n[k].kind == BW_MK_REF && C->n[k].str == key)
            return true;
    return false;
}

/* The back edge narrowing joins must be the loop's only way back to its
 * head: no goto in the function (a jump back before the loop re-enters it
 * with another state), nor a setjmp. */
static bool function_has_goto(const fctx *C)
{
    static const char *const setjmps[] = {"setjmp", "_setjmp", "__setjmp", "sigsetjmp", "__sigsetjmp", NULL};
    uint32_t f = C->F->node;
    for (uint32_t k = f; k < C->n[f].end; k++) {
        if (C->n[k].kind == BW_MK_GOTO)
            return true;
        if (C->n[k].kind == BW_MK_CALL && C->n[k].str != BW_NONE) /* a longjmp comes back like a goto */
            for (int j = 0; setjmps[j] != NULL; j++)
                if (strcmp(S(C, C->n[k].str), setjmps[j]) == 0)
                    return true;
    }
    return false;
}

/* Whether a loop inside the subtree at `i` writes the variable `key`: at
 * such a loop's exit a counter its condition tests is taken to end at its
 * bound (exec_loop), a guess that the back edge must not turn into the
 * outer loop's invariant (`for (; s[len] == ' '; len++) ;`). */
static bool inner_loop_writes(fctx *C, uint32_t i, uint32_t key)
{
    for (uint32_t k = i; k < C->n[i].end; k++) {
        uint8_t kind = C->n[k].kind;
        if (kind != BW_MK_FOR && kind != BW_MK_WHILE && kind != BW_MK_DO)
            continue;
        for (uint32_t w = k + 1; w < C->n[k].end; w++) {
            const bw_mnode *m = &C->n[w];
            bool writes = m->kind == BW_MK_ASSIGN ||
                          (m->kind == BW_MK_UN && (m->op == CXUnaryOperator_PostInc || m->op == CXUnaryOperator_PreInc ||
                                                   m->op == CXUnaryOperator_PostDec || m->op == CXUnaryOperator_PreDec));
            if (!writes)
                continue;
            uint32_t t = guard_var(C, kid(C, w, 0));
            if (t != BW_NONE && C->n[t].str == key)
                return true;
        }
    }
    return false;
}

/* The counter must change only where the body writes it: a local of the
 * function whose address is never taken (a write through a pointer or in
 * a callee is not a step the body shows; a global may change in any
 * callee). */
static bool unaliased_local(fctx *C, uint32_t key)
{
    uint32_t f = C->F->node;
    for (uint32_t k = f; k < C->n[f].end; k++) {
        const bw_mnode *m = &C->n[k];
        if (m->kind == BW_MK_REF && m->str == key && m->op == 1)
            return false;
        if (m->kind == BW_MK_UN && m->op == CXUnaryOperator_AddrOf) {
            uint32_t r = guard_var(C, kid(C, k, 0));
            if (r != BW_NONE && C->n[r].str == key)
                return false; /* `&len` (a scalar local: only its own address reaches it) */
        }
    }
    return true;
}

/* Whether the back edge bounds variable `key` soundly (see narrows). */
static bool narrowable(fctx *C, uint32_t body, uint32_t key)
{
    return unaliased_local(C, key) && (body == BW_NONE || !inner_loop_writes(C, body, key));
}

/* In the narrowed head, every variable the loop writes that is not
 * narrowable gets its widened value back (havoc, as for the first head). */
static void rewiden_unsafe(fctx *C, mstate *head, uint32_t body, const uint32_t *keys, const uint8_t *mono, uint32_t nk)
{
    for (uint32_t j = 0; j < nk; j++)
        if (!narrowable(C, body, keys[j]))
            havoc(head, &keys[j], &mono[j], 1);
}

/* Narrowing.  The head a loop's passes start from is the entry with
 * every counter the body steps widened (`len` to [0, +inf)), a state
 * that holds on every iteration.  So does the entry joined with the state
 * at the end of a pass from it, which can be tighter: a body that leaves
 * the function once its counter reaches a bound (`if (len >= MAX) { ...;
 * return copy; }`, libxml2's name parsers) only comes back below it.
 * Whether that join bounds a counter the widening left unbounded (only
 * then is the extra pass run; not in loops nested deeper than 3, where
 * each pass runs the inner ones again). */
static bool narrows(fctx *C, uint32_t body, mstate *head, mstate *entry, mstate *back, const uint32_t *keys,
                    const uint8_t *mono, uint32_t nk)
{
    if (back->dead || C->loop_depth > 3 || function_has_goto(C))
        return false;
    for (uint32_t j = 0; j < nk; j++) {
        if ((mono[j] != 1 && mono[j] != 2) || !narrowable(C, body, keys[j]))
            continue;
        mval *h = st_var(head, keys[j]), *b = st_var(back, keys[j]), *e = st_var(entry, keys[j]);
        if (h == NULL || b == NULL || e == NULL || h->obj >= 0 || b->obj >= 0 || e->obj >= 0)
            continue;
        /* a bound of the program's own, not the type's (`i < n` with n
         * unknown bounds i only by INT_MAX: no pass is worth running) */
        const int64_t wide = ((int64_t)1 << 31) - 1;
        if (mono[j] == 1 && h->r.hi == INF && b->r.hi < wide && e->r.hi < wide)
            return true;
        if (mono[j] == 2 && h->r.lo == NINF && b->r.lo > -wide && e->r.lo > -wide)
            return true;
    }
    return false;
}

static void exec_loop(fctx *C, mstate *s, uint32_t i)
{
    const bw_mnode *m = &C->n[i];
    uint32_t init = BW_NONE, cond = BW_NONE, inc = BW_NONE, body = BW_NONE;
    if (m->kind == BW_MK_FOR) {
        init = kid(C, i, 0);
        cond = kid(C, i, 1);
        inc = kid(C, i, 2);
        body = kid(C, i, 3);
    } else if (m->kind == BW_MK_WHILE) {
        cond = kid(C, i, 0);
        body = kid(C, i, 1);
    } else {
        body = kid(C, i, 0);
        cond = kid(C, i, 1);
    }
    if (cond != BW_NONE && C->n[cond].kind == BW_MK_NOP)
        cond = BW_NONE;
    if (init != BW_NONE)
        exec(C, s, init);
    uint32_t keys[64];
    uint8_t mono[64];
    int64_t stride[64];
    uint32_t nk = 0;
    if (cond != BW_NONE)
        assigned_in(C, cond, keys, mono, stride, &nk, 64);
    if (inc != BW_NONE)
        assigned_in(C, inc, keys, mono, stride, &nk, 64);
    if (body != BW_NONE)
        assigned_in(C, body, keys, mono, stride, &nk, 64);
    bool save = C->reporting;
    mstate head = {0}, exitst = {0};
    exitst.dead = true;
    mstate entry = {0};
    st_copy(C->P, &entry, s);
    st_copy(C->P, &head, s);
    havoc(&head, keys, mono, nk);
    uint8_t bit = C->loop_depth < 8 ? (uint8_t)(1u << C->loop_depth) : 0;
    mark_grown(&head, bit);
    mark_grown(&entry, bit);
    C->loop_depth++;
    size_t reported_before = C->P->out->count;
    int last_pass = 1;
    for (int pass = 0; pass <= last_pass && !C->P->oom; pass++) {
        C->reporting = save && pass >= 1;
        loopctx lc = {.is_switch = false, .up = C->loop, .entry = NULL, .cvar = BW_NONE, .cexpr = BW_NONE};
        lc.brk.dead = lc.cont.dead = true;
        C->loop = &lc;
        mstate b = {0};
        if (m->kind == BW_MK_DO && cond != BW_NONE) {
            /* the body runs first from the entry state, then from states
             * where the condition held at the end of the previous pass */
            st_copy(C->P, &b, &head);
            refine(C, &b, cond, true);
            st_join(C, &b, &entry);
        } else {
            st_copy(C->P, &b, &head);
        }
        if (cond != BW_NONE && m->kind != BW_MK_DO) {
            eval(C, &b, cond, false);
            refine(C, &b, cond, true);
            align_strides(&b, &entry, keys, stride, nk);
        }
        if (!b.dead)
            exec(C, &b, body);
        st_join(C, &b, &lc.cont);
        if (!b.dead && m->kind == BW_MK_DO && cond != BW_NONE) {
            eval(C, &b, cond, false);
            mstate ex = {0};
            st_copy(C->P, &ex, &b);
            refine(C, &ex, cond, false);
            if (pass >= 1)
                st_join(C, &exitst, &ex);
            st_free(&ex);
            refine(C, &b, cond, true);
        }
        if (!b.dead && inc != BW_NONE)
            exec(C, &b, inc);
        C->loop = lc.up;
        if (pass >= 1)
            st_join(C, &exitst, &lc.brk);
        st_free(&lc.brk);
        st_free(&lc.cont);
        if (pass == 0) {
            havoc(&b, keys, mono, nk);
            widen_appended(&head, &b, bit);
            st_join(C, &head, &b);
        } else if (m->kind != BW_MK_DO && cond != BW_NONE) {
            mstate ex = {0};
            st_copy(C->P, &ex, &head);
            st_join(C, &ex, &b);
            refine(C, &ex, cond, false);
            /* a counter stepped by one leaves the loop at the bound the
             * condition tests; not a pointer (`*p++ = c` in a loop on i says
             * nothing about where p ends), and not a count the condition
             * does not read (`n++` in a list walk ends anywhere) */
            for (uint32_t j = 0; j < nk; j++) {
                mval *v = st_var(&ex, keys[j]);
                if (v != NULL && mono[j] == 1 && v->obj < 0 && v->r.hi >= ((int64_t)1 << 31) - 1 &&
                    v->r.lo != NINF && v->r.lo < ((int64_t)1 << 31) - 1 && mentions(C, cond, keys[j]))
                    v->r.hi = v->r.lo;
            }
            st_join(C, &exitst, &ex);
            st_free(&ex);
            if (pass == 1 && narrows(C, body, &head, &entry, &b, keys, mono, nk)) {
                /* once more from the narrowed head, reporting only then;
                 * the counters narrowing may not bound keep the widening */
                st_free(&head);
                st_copy(C->P, &head, &entry);
                st_join(C, &head, &b);
                rewiden_unsafe(C, &head, body, keys, mono, nk);
                st_free(&exitst);
                exitst = (mstate){0};
                exitst.dead = true;
                bw_findings_truncate(C->P->out, reported_before);
                last_pass = 2;
            }
        }
        st_free(&b);
    }
    C->reporting = save;
    C->loop_depth--;
    st_free(&head);
    st_free(&entry);
    st_copy(C->P, s, &exitst);
    st_free(&exitst);
}

/* The integer parameters, still unmodified, that a check narrowed on the
 * way to state s (bit p: parameter p). */
static uint32_t int_params_narrowed(fctx *C, mstate *s)
{
    uint32_t bits = 0;
    for (uint32_t p = 0; p < C->nparams && p < MAXP; p++) {
        const mval *v = st_var(s, C->param_key[p]);
        if (v != NULL && v->param == (int8_t)p && v->obj < 0 && (v->flags & VF_CHECKED))
            bits |= 1u << p;
    }
    return bits;
}

static void note_return(fctx *C, mstate *s, uint32_t val)
{
    mval v = val != BW_NONE ? eval(C, s, val, false) : v_top();
    if (s->dead)
        return;
    st_join(C, &C->ret, s);
    if (val == BW_NONE)
        return;
    mobj *o = v.obj >= 0 && (uint32_t)v.obj < s->nobjs ? &s->objs[v.obj] : NULL;
    /* a scalar new counts when it may be NULL (new (std::nothrow) T) */
    bool alloc = o && (o->kind == OK_HEAP || o->kind == OK_NEWARR || (o->kind == OK_NEW && o->null)) &&
                 o->freed == 0 && v.r.lo == 0 && v.r.hi == 0;
    /* NULL returned: the literal, or a pointer on the edge where a check
     * found it NULL (`if (!p) return p;`) */
    bool null = is_nullish(C, val) || (v.flags & VF_NULL);
    if (alloc) {
        C->sum.ret_size = C->ret_alloc ? r_join(C->sum.ret_size, o->size) : o->size;
        C->ret_alloc = true;
        C->sum.may_null |= o->null;
        if (o->null)
            C->null_always = true;
    } else if (!null) {
        C->ret_other = true;
    }
    if (null) {
        C->sum.may_null = true; /* on some path */
        uint32_t checked = int_params_narrowed(C, s);
        C->sum.null_params |= checked;
        if (checked == 0)
            C->null_always = true;
    }
    C->sum.is_alloc = C->ret_alloc && !C->ret_other;
}

/* Result of a call discarded (statement position). */
static void check_discarded(fctx *C, uint32_t i)
{
    uint32_t c = i;
    if (C->n[c].kind != BW_MK_CALL)
        return;
    const char *fn = S(C, C->n[c].str);
    const bw_mem_know *k = know(C->P, fn, BW_MR_CHECK, NULL);
    if (k == NULL || (k->flags & (BW_MF_RELIED | BW_MF_LENGTH)) || cannot_fail(C->P, fn))
        return;
    /* what failure leaves behind: only functions that fill a buffer leave
     * its contents undefined (remove() or a user's must-check function do not) */
    const char *why = ": a failure goes unnoticed and the program continues as if the call had succeeded";
    if (strcmp(fn, "realloc") == 0)
        why = ": the new block is lost and the old one may have moved";
    else if (strncmp(fn, "set", 3) == 0 || strcmp(fn, "chroot") == 0)
        why = ": on failure the program keeps its privileges";
    else if (k->flags & BW_MF_COUNT)
        why = ": on a matching failure or EOF the outputs stay uninitialised";
    else if (know(C->P, fn, BW_MR_WRITE, NULL) != NULL)
        why = ": on failure the buffer's contents are undefined";
    report(C, c, R_UNCHECKED_RET, "check the result; cast to (void) with a comment if failure is really harmless", NULL,
           "the result of %s() is ignored%s", fn, why);
}

/* The pending state of gotos to label `name` (NULL: none yet; with
 * `make`, created dead). */
static mstate *label_state(fctx *C, uint32_t name, bool make)
{
    for (uint32_t j = 0; j < C->nlabels; j++)
        if (C->labels[j].name == name)
            return &C->labels[j].st;
    if (!make)
        return NULL;
    if (!bw_ir_grow((void **)&C->labels, &C->caplabels, C->nlabels + 1, sizeof(golabel))) {
        C->P->oom = true;
        return NULL;
    }
    golabel *g = &C->labels[C->nlabels++];
    memset(g, 0, sizeof(*g));
    g->name = name;
    g->st.dead = true;
    return &g->st;
}

/* `case K:` (or GNU's `case A ... B:`) of the innermost switch: the
 * switch's entry state joins here with its variable narrowed to K;
 * `default:` takes it whole. */
static void enter_case(fctx *C, mstate *s, const bw_mnode *m)
{
    loopctx *l = C->loop;
    while (l != NULL && !l->is_switch)
        l = l->up;
    if (l == NULL || l->entry == NULL)
        return;
    if (l->on_constant && (m->op == 3 ? l->constant < m->ival || l->constant > m->alen : l->label_matches))
        return; /* never entered */
    mstate t = {0};
    st_copy(C->P, &t, l->entry);
    if (m->op == 3 && l->cvar != BW_NONE && (C->n[l->cvar].tflags & BW_MT_INT)) {
        if (m->ival == m->alen) {
            narrow(C, &t, l->cvar, CXBinaryOperator_EQ, r_const(m->ival), false);
        } else {
            narrow(C, &t, l->cvar, CXBinaryOperator_GE, r_const(m->ival), false);
            narrow(C, &t, l->cvar, CXBinaryOperator_LE, r_const(m->alen), false);
        }
        unfree_after(C, &t, l->cexpr, CXBinaryOperator_GE, r_const(m->ival), false);
    }
    st_join(C, s, &t);
    st_free(&t);
}

/* The node after k in a switch body's walk over its own labels: a switch
 * nested in it is skipped whole (its labels are its own). */
static uint32_t own_next(const fctx *C, uint32_t k)
{
    return C->n[k].kind == BW_MK_SWITCH ? C->n[k].end : k + 1;
}

static bool is_case_label(const bw_mnode *m) { return m->kind == BW_MK_BLOCK && (m->op == 3 || m->op == 4); }

/* Whether the switch body at `body` has a default label of its own (not
 * one of a switch nested in it). */
static bool has_default(const fctx *C, uint32_t body)
{
    if (body == BW_NONE)
        return false;
    for (uint32_t k = body; k < C->n[body].end; k = k == body ? k + 1 : own_next(C, k))
        if (C->n[k].kind == BW_MK_BLOCK && C->n[k].op == 4)
            return true; /* (the body itself too: `switch (x) default: ...`) */
    return false;
}

/* Whether every label of the switch body at `body` (not of a switch
 * nested in it) is one of its own statements, and no goto label is in it:
 * a case inside a loop or an if (Duff's device) is entered in the middle
 * of that statement, and a goto may come back to a label in a label's
 * code, which a switch on a constant would leave unvisited. */
static bool labels_on_top(const fctx *C, uint32_t body)
{
    if (body == BW_NONE || C->n[body].kind != BW_MK_BLOCK || C->n[body].op != 0)
        return false; /* a body that is one labelled statement: every label followed */
    unsigned top = 0, all = 0;
    for (uint32_t k = body + 1; k < C->n[body].end; k = C->n[k].end)
        top += is_case_label(&C->n[k]);
    for (uint32_t k = body + 1; k < C->n[body].end; k++)
        if (C->n[k].kind == BW_MK_BLOCK && C->n[k].op == 2)
            return false; /* also inside a nested switch */
    for (uint32_t k = body + 1; k < C->n[body].end; k = own_next(C, k))
        all += is_case_label(&C->n[k]);
    return top == all;
}

/* Whether a case label of the switch body at `body` (not of a switch
 * nested in it) holds `value`. */
static bool case_matches(const fctx *C, uint32_t body, int64_t value)
{
    if (body == BW_NONE)
        return false;
    for (uint32_t k = body + 1; k < C->n[body].end; k = own_next(C, k))
        if (C->n[k].kind == BW_MK_BLOCK && C->n[k].op == 3 && C->n[k].ival <= value && value <= C->n[k].alen)
            return true;
    return false;
}

/* Whether a goto seen so far may jump to a label inside the statement at
 * `i`, or a switch to a case label in it. */
static bool has_label(fctx *C, uint32_t i)
{
    for (uint32_t k = i; k < C->n[i].end; k++)
        if (C->n[k].kind == BW_MK_BLOCK && (C->n[k].op == 3 || C->n[k].op == 4))
            return true;
        else if (C->n[k].kind == BW_MK_BLOCK && C->n[k].op == 2) {
            if (!C->go.dead)
                return true;
            const mstate *g = label_state(C, C->n[k].str, false);
            if (g != NULL && !g->dead)
                return true;
        }
    return false;
}

static void exec(fctx *C, mstate *s, uint32_t i)
{
    if (i == BW_NONE || C->P->oom)
        return;
    const bw_mnode *m = &C->n[i];
    if (s->dead && m->kind != BW_MK_BLOCK)
        return;
    switch (m->kind) {
    case BW_MK_BLOCK:
        if (m->op == 3 || m->op == 4)
            enter_case(C, s, m);
        if (m->op == 2) {
            /* a label: the gotos to it so far, and any computed goto */
            mstate *g = m->str != BW_NONE ? label_state(C, m->str, false) : NULL;
            if (g != NULL && !g->dead)
                st_join(C, s, g);
            if (!C->go.dead)
                st_join(C, s, &C->go);
        }
        for (uint32_t k = i + 1; k < m->end; k = C->n[k].end) {
            if (s->dead && !has_label(C, k))
                continue; /* unreachable unless a goto jumps to a label in it */
            exec(C, s, k);
        }
        return;
    case BW_MK_DECL: {
        uint32_t init = kid(C, i, 0);
        mval v = v_top();
        if (m->tflags & BW_MT_ARRAY) {
            range sz = m->alen > 0 && m->esize ? r_const(m->alen * m->esize) : (range){0, INF};
            if (init != BW_NONE && m->alen == 0 && C->n[strip(C, init)].kind == BW_MK_STR)
                sz = r_const((C->n[strip(C, init)].ival + 1) * (m->esize ? m->esize : 1));
            int o = st_obj(C, s, i, OK_STACK, sz, m->str2, m->line);
            if (init != BW_NONE) {
                mval iv = eval(C, s, init, false);
                if (o >= 0 && iv.obj >= 0 && (uint32_t)iv.obj < s->nobjs)
                    s->objs[o].slen = s->objs[iv.obj].slen;
            }
            v = v_at(o, r_const(0));
        } else if (init != BW_NONE) {
            v = eval(C, s, init, false);
            clamp_store(&v, m);
            v.param = -1;
        } else {
            v.r = type_range(m);
        }
        if (init != BW_NONE && (m->tflags & BW_MT_PTR) && v.obj >= 0 && (uint32_t)v.obj < s->nobjs &&
            s->objs[v.obj].name == BW_NONE && s->objs[v.obj].kind != OK_LIT)
            s->objs[v.obj].name = m->str2;
        st_set(C, s, m->str, v);
        drop_guards(s, m->str);
        if (!(m->tflags & (BW_MT_INT | BW_MT_PTR | BW_MT_ARRAY)))
            forget_members(s, m->str | VAR_STORAGE, true); /* a new struct (again, in a loop) */
        if (init != BW_NONE && !(m->tflags & (BW_MT_PTR | BW_MT_ARRAY)))
            note_guards(C, s, init, m->str);
        return;
    }
    case BW_MK_IF: {
        uint32_t c = kid(C, i, 0);
        if (C->n[c].kind == BW_MK_DECL) {
            exec(C, s, c);
            c = BW_NONE;
        }
        uint32_t th = kid(C, i, 1), el = kid(C, i, 2);
        if (c != BW_NONE)
            eval(C, s, c, false);
        mstate e = {0};
        st_copy(C->P, &e, s);
        if (c != BW_NONE) {
            refine(C, s, c, true);
            refine(C, &e, c, false);
        }
        exec(C, s, th);
        if (el != BW_NONE)
            exec(C, &e, el);
        st_join(C, s, &e);
        st_free(&e);
        return;
    }
    case BW_MK_WHILE:
    case BW_MK_DO:
    case BW_MK_FOR:
        exec_loop(C, s, i);
        return;
    case BW_MK_SWITCH: {
        uint32_t c = kid(C, i, 0), body = kid(C, i, 1);
        eval(C, s, c, false);
        loopctx lc = {.is_switch = true, .up = C->loop, .entry = NULL, .cvar = guard_var(C, c), .cexpr = c};
        uint32_t sc = strip(C, c);
        if (m->op == 1 && sc != BW_NONE && C->n[sc].kind == BW_MK_INT && labels_on_top(C, body)) {
            lc.on_constant = true;
            lc.constant = C->n[sc].ival;
            lc.label_matches = case_matches(C, body, lc.constant);
        }
        lc.brk.dead = true;
        lc.cont.dead = true;
        mstate entry = {0};
        st_copy(C->P, &entry, s);
        lc.entry = &entry;
        C->loop = &lc;
        /* (a body that is one labelled statement, `switch (x) case 1: f();`,
         * is run as that label: enter_case) */
        if (body != BW_NONE && C->n[body].kind == BW_MK_BLOCK && C->n[body].op == 0) {
            s->dead = true;
            for (uint32_t k = body + 1; k < C->n[body].end; k = C->n[k].end) {
                /* (a block among the labels may be an unfolded label; on a
                 * constant every label is folded, and the others are entered
                 * only by falling into them: `fallthrough;`, a declaration) */
                if (C->n[k].kind == BW_MK_BLOCK && C->n[k].op == 0 && !lc.on_constant)
                    st_join(C, s, &entry);
                exec(C, s, k);
            }
        } else {
            exec(C, s, body);
        }
        C->loop = lc.up;
        st_join(C, s, &lc.brk);
        if (!has_default(C, body) && !(lc.on_constant && lc.label_matches))
            st_join(C, s, &entry); /* no matching case */
        if (lc.cont.dead == false && C->loop != NULL)
            st_join(C, &C->loop->cont, &lc.cont);
        st_free(&lc.brk);
        st_free(&lc.cont);
        st_free(&entry);
        return;
    }
    case BW_MK_RETURN:
        note_return(C, s, kid(C, i, 0));
        s->dead = true;
        return;
    case BW_MK_BREAK:
        if (C->loop != NULL)
            st_join(C, &C->loop->brk, s);
        s->dead = true;
        return;
    case BW_MK_CONTINUE: {
        loopctx *l = C->loop;
        while (l != NULL && l->is_switch)
            l = l->up;
        if (l != NULL)
            st_join(C, &l->cont, s);
        s->dead = true;
        return;
    }
    case BW_MK_GOTO: {
        mstate *g = m->str != BW_NONE ? label_state(C, m->str, true) : &C->go;
        if (g != NULL)
            st_join(C, g, s);
        s->dead = true;
        return;
    }
    case BW_MK_NOP:
        return;
    case BW_MK_CALL:
        eval(C, s, i, false);
        check_discarded(C, i);
        /* exit, abort, err, longjmp ...: nothing after the call runs on
         * this path (`if (!a || !p) abort();` leaves p checked) */
        if (bw_is_noreturn(S(C, m->str)))
            s->dead = true;
        return;
    case BW_MK_CAST: {
        /* (void)call(): an explicit decision to ignore the result */
        uint32_t k = kid(C, i, 0);
        eval(C, s, k, false);
        return;
    }
    default:
        eval(C, s, i, false);
        return;
    }
}

/* Wrong tests: `if (scanf(...))` treats EOF (-1) as success. */
static void check_wrong_tests(fctx *C, uint32_t fn)
{
    for (uint32_t i = fn; i < C->n[fn].end; i++) {
        const bw_mnode *m = &C->n[i];
        if (m->kind != BW_MK_IF && m->kind != BW_MK_WHILE)
            continue;
        uint32_t c = strip(C, kid(C, i, 0));
        bool neg = false;
        if (c != BW_NONE && C->n[c].kind == BW_MK_UN && C->n[c].op == CXUnaryOperator_LNot) {
            c = strip(C, kid(C, c, 0));
            neg = true;
        }
        if (c == BW_NONE || C->n[c].kind != BW_MK_CALL)
            continue;
        const bw_mem_know *k = know(C->P, S(C, C->n[c].str), BW_MR_CHECK, NULL);
        if (k != NULL && (k->flags & BW_MF_COUNT) && !cannot_fail(C->P, S(C, C->n[c].str)))
            report(C, c, R_UNCHECKED_RET, "compare the count with the number of conversions: if (scanf(\"%d\", &x) != 1)",
                   NULL, "the result of %s() is tested as a boolean%s: EOF (-1) counts as success and a partial match is not caught",
                   S(C, C->n[c].str), neg ? " (negated)" : "");
    }
}

static void analyze_fn(mprog *P, mfunc *F, bool reporting) { analyze_with(P, F, reporting, NULL, 0, &F->sum); }

/* Analyses F (reporting its findings when `reporting`) into *out; of the
 * first `nargs` parameters, the integer ones take args[] where those are
 * bounded ranges (TOP: unknown). */
static void analyze_with(mprog *P, mfunc *F, bool reporting, const range *args, unsigned nargs, msum *out)
{
    fctx C;
    memset(&C, 0, sizeof(C));
    C.P = P;
    C.F = F;
    C.tu = F->tu;
    C.n = F->tu->mem;
    C.reporting = reporting;
    C.go.dead = true;
    C.ret.dead = true;
    for (int p = 0; p < MAXP; p++) {
        C.sum.write_const[p] = -1;
        C.sum.write_param[p] = -1;
    }
    C.sum.ret_size_param = -1;
    for (int p = 0; p < MAXP; p++)
        C.sum.append[p] = -1;
    mstate s = {0};
    uint32_t fi = F->node;
    uint32_t body = BW_NONE;
    for (uint32_t k = fi + 1; k < C.n[fi].end; k = C.n[k].end) {
        const bw_mnode *m = &C.n[k];
        if (m->kind != BW_MK_PARAM) {
            body = k;
            continue;
        }
        mval v = v_top();
        v.r = type_range(m);
        /* an integer parameter is bounded only by its type, and stays so
         * after guards that raise no upper bound (`if (n == 0) return;`):
         * eval marks a whole-type range when it reads one, and [1, UINT_MAX]
         * is not one */
        if (m->tflags & BW_MT_INT)
            v.flags |= type_only(m);
        if (C.nparams < nargs && args[C.nparams].lo != NINF && args[C.nparams].hi != INF &&
            (m->tflags & BW_MT_INT)) {
            v.r = r_clamp_type(args[C.nparams], m);
            v.flags &= (uint16_t)~VF_TYPEONLY;
        }
        if (C.nparams < MAXP) {
            C.param_key[C.nparams] = m->str;
            if (m->tflags & (BW_MT_PTR | BW_MT_ARRAY)) {
                int o = st_obj(&C, &s, k, OK_PARAM, (range){0, INF}, m->str2, m->line);
                if (o >= 0) {
                    s.objs[o].param = (int8_t)C.nparams;
                    s.objs[o].app_ok = 1; /* the caller's string, nothing appended yet */
                    s.objs[o].app = r_const(0);
                }
                v = v_at(o, r_const(0));
                v.param = (int8_t)C.nparams;
            } else {
                v.param = (int8_t)C.nparams;
            }
            /* main's argv strings are untrusted */
            if (C.n[fi].op == 1 && C.nparams == 1) {
                v.flags |= VF_SOURCE_STR;
                if (v.obj >= 0 && (uint32_t)v.obj < s.nobjs)
                    s.objs[v.obj].tainted = 1;
            }
        }
        C.nparams++;
        st_set(&C, &s, m->str, v);
    }
    if (body != BW_NONE) {
        exec(&C, &s, body);
        if (!C.go.dead) {
            /* labels after gotos are not tracked precisely: the rest of the body
             * already ran; nothing more to do */
        }
    }
    if (!s.dead)
        st_join(&C, &C.ret, &s);
    if (reporting)
        check_wrong_tests(&C, fi);
    /* summary */
    C.sum.known = true;
    if (C.null_always)
        C.sum.null_params = 0;
    if (!C.ret.dead) {
        for (uint32_t o = 0; o < C.ret.nobjs; o++) {
            const mobj *ob = &C.ret.objs[o];
            if (ob->kind == OK_PARAM && ob->param >= 0 && ob->param < 32 && ob->freed == 2)
                C.sum.frees |= 1u << ob->param;
            if (ob->kind != OK_PARAM || ob->param < 0 || ob->param >= MAXP || !ob->written)
                continue;
            C.sum.writes |= 1u << ob->param;
            /* every path that wrote there only appended: the length after
             * the call is the caller's plus append[] */
            if (ob->app_ok && r_bounded_hi(ob->app)) {
                if (ob->app.hi > C.sum.append[ob->param])
                    C.sum.append[ob->param] = ob->app.hi;
                C.sum.app_only |= 1u << ob->param;
            }
        }
    }
    /* allocation size as a parameter: malloc(n) with n a parameter */
    for (uint32_t k = fi; k < C.n[fi].end && C.sum.is_alloc; k++) {
        if (C.n[k].kind == BW_MK_CALL && know(P, S(&C, C.n[k].str), BW_MR_ALLOC, NULL) != NULL) {
            const bw_mem_know *al = know(P, S(&C, C.n[k].str), BW_MR_ALLOC, NULL);
            if (al->flags & BW_MF_NOFAIL)
                C.sum.nofail = true;
            uint32_t a = al->len >= 0 && al->len2 < 0 ? strip(&C, kid(&C, k, (unsigned)al->len)) : BW_NONE;
            if (a != BW_NONE && C.n[a].kind == BW_MK_REF)
                for (uint32_t p = 0; p < C.nparams && p < MAXP; p++)
                    if (C.param_key[p] == C.n[a].str) {
                        C.sum.ret_size_param = (int8_t)p;
                        C.sum.ret_size = r_const(0);
                    }
        }
    }
    *out = C.sum;
    st_free(&s);
    st_free(&C.ret);
    st_free(&C.go);
    for (uint32_t j = 0; j < C.nlabels; j++)
        st_free(&C.labels[j].st);
    bw_free(C.labels);
    bw_free(C.gkeys);
}

/* The program's functions that function `f` calls (by USR, else by name,
 * as find_func resolves them), appended to *out. */
static bool callees_of(mprog *P, const mfunc *f, uint32_t **out, uint32_t *n, uint32_t *cap)
{
    const bw_ir_tu *tu = f->tu;
    for (uint32_t k = f->node; k < tu->mem[f->node].end; k++) {
        const bw_mnode *m = &tu->mem[k];
        if (m->kind != BW_MK_CALL)
            continue;
        uint32_t c = m->str2 != BW_NONE ? bw_strmap_get(&P->by_name, bw_ir_str(tu, m->str2)) : BW_NONE;
        if (c == BW_NONE && m->str != BW_NONE)
            c = bw_strmap_get(&P->by_name, bw_ir_str(tu, m->str));
        if (c == BW_NONE)
            continue;
        if (!bw_ir_grow((void **)out, cap, *n + 1, sizeof(uint32_t)))
            return false;
        (*out)[(*n)++] = c;
    }
    return true;
}

/* mfunc.callers_checked: a function of one file (static: nobody outside
 * the program calls it) that other functions call directly, all of them
 * reported in this run, and whose address no TU takes -- so that every
 * call to it applies its summary and is checked. */
/* The program's calls between its functions: function f calls
 * calls[first[f]] .. calls[first[f + 1] - 1]. */
typedef struct callgraph {
    uint32_t *first, *calls;
} callgraph;

static bool build_callgraph(mprog *P, callgraph *g)
{
    uint32_t ncalls = 0, cap = 0;
    g->calls = NULL;
    g->first = bw_calloc(P->nfuncs + 1, sizeof(uint32_t));
    bool ok = g->first != NULL;
    for (uint32_t f = 0; ok && f < P->nfuncs; f++) {
        g->first[f] = ncalls;
        ok = callees_of(P, &P->funcs[f], &g->calls, &ncalls, &cap);
    }
    if (ok)
        g->first[P->nfuncs] = ncalls;
    return ok;
}

static bool mark_checked_callers(mprog *P, const callgraph *g, const bw_ir_tu *const *tus, uint32_t ntus)
{
    uint8_t *seen = bw_calloc(P->nfuncs ? P->nfuncs : 1, 1); /* 1 called, 2 by a caller not reported */
    if (seen == NULL)
        return false;
    for (uint32_t f = 0; f < P->nfuncs; f++)
        for (uint32_t c = g->first[f]; c < g->first[f + 1]; c++)
            if (g->calls[c] != f)
                seen[g->calls[c]] |= P->funcs[f].report ? 1 : 3;
    for (uint32_t f = 0; f < P->nfuncs; f++) {
        const mfunc *mf = &P->funcs[f];
        const char *usr = mf->tu->mem[mf->node].str2 != BW_NONE ? bw_ir_str(mf->tu, mf->tu->mem[mf->node].str2) : "";
        P->funcs[f].callers_checked = seen[f] == 1 && bw_usr_is_file_local(usr);
    }
    for (uint32_t t = 0; t < ntus; t++)
        for (uint32_t a = 0; a < tus[t]->naddr; a++) {
            uint32_t f = bw_strmap_get(&P->by_name, bw_ir_str(tus[t], tus[t]->addr_taken[a]));
            if (f != BW_NONE)
                P->funcs[f].callers_checked = false;
        }
    bw_free(seen);
    return true;
}

/* Summaries: three rounds so that callees settle before callers.  A
 * function's summary depends on its own tree and its callees' summaries,
 * so after the first round only functions with a callee whose summary
 * changed in the previous round are analysed again.  (Where call_summary
 * analyses a callee again with a call's arguments, the callee's own
 * callees count too: a change there is not seen by the caller's
 * re-analysis trigger, so that result may lag by a round.) */
static void summarize(mprog *P, const callgraph *g)
{
    const uint32_t *first = g->first, *calls = g->calls;
    bool *changed = bw_calloc(P->nfuncs ? P->nfuncs : 1, sizeof(bool)),
         *next = bw_calloc(P->nfuncs ? P->nfuncs : 1, sizeof(bool));
    bool ok = changed != NULL && next != NULL;
    if (!ok)
        P->oom = true;
    for (int round = 0; round < 3 && ok && !P->oom; round++) {
        for (uint32_t f = 0; f < P->nfuncs && !P->oom; f++) {
            bool stale = round == 0;
            for (uint32_t c = first[f]; !stale && c < first[f + 1]; c++)
                stale = changed[calls[c]];
            next[f] = false;
            if (!stale)
                continue;
            msum before = P->funcs[f].sum;
            analyze_fn(P, &P->funcs[f], false);
            next[f] = memcmp(&before, &P->funcs[f].sum, sizeof(msum)) != 0;
            if (next[f])
                P->epoch++; /* what null_again remembered may have changed */
        }
        bool *t = changed;
        changed = next;
        next = t;
    }
    bw_free(changed);
    bw_free(next);
}

bool bw_mem_run(const bw_config *cfg, const char *root, bw_mem_content_fn content, void *content_ctx,
                const bw_ir_tu *const *tus, const bool *report, uint32_t ntus, bw_findings *out)
{
    mprog P;
    memset(&P, 0, sizeof(P));
    P.cfg = cfg;
    P.root = root;
    P.content = content;
    P.content_ctx = content_ctx;
    P.out = out;
    /* the config's memory: rows; a session has already rejected an invalid
     * section (bw_kdb_new), so an error here can only be out of memory */
    bw_error err = {0};
    if (bw_mem_config_rows(cfg, &P.user, &P.nuser, &err) == BW_ERR_NOMEM)
        return false;
    bool any = false;
    for (int r = 0; r < R_COUNT; r++) {
        P.enabled[r] = bw_rules_find(rule_ids[r]) != NULL && (cfg == NULL || bw_config_rule_enabled(cfg, rule_ids[r]));
        any |= P.enabled[r];
    }
    if (!any) {
        bw_free(P.user);
        return true;
    }
    if (!index_knowledge(&P)) {
        bw_strmap_free(&P.known);
        bw_free(P.user);
        return false;
    }
    uint32_t cap = 0;
    for (uint32_t t = 0; t < ntus; t++) {
        const bw_ir_tu *tu = tus[t];
        for (uint32_t i = 0; i < tu->nmem; i = tu->mem[i].end) {
            if (tu->mem[i].kind != BW_MK_FUNC)
                continue;
            if (!bw_ir_grow((void **)&P.funcs, &cap, P.nfuncs + 1, sizeof(mfunc))) {
                bw_free(P.funcs);
                bw_free(P.user);
                bw_strmap_free(&P.known);
                return false;
            }
            mfunc *f = &P.funcs[P.nfuncs];
            memset(f, 0, sizeof(*f));
            f->tu = tu;
            f->node = i;
            f->report = report[t];
            const char *key = tu->mem[i].str2 != BW_NONE ? bw_ir_str(tu, tu->mem[i].str2) : bw_ir_str(tu, tu->mem[i].str);
            if (bw_strmap_get(&P.by_name, key) == BW_NONE && !bw_strmap_put(&P.by_name, key, P.nfuncs))
                P.oom = true;
            const char *nm = bw_ir_str(tu, tu->mem[i].str);
            if (bw_strmap_get(&P.by_name, nm) == BW_NONE && !bw_strmap_put(&P.by_name, nm, P.nfuncs))
                P.oom = true;
            P.nfuncs++;
        }
    }
    callgraph g;
    if (!build_callgraph(&P, &g) || !mark_checked_callers(&P, &g, tus, ntus))
        P.oom = true;
    else
        summarize(&P, &g);
    bw_free(g.first);
    bw_free(g.calls);
    for (uint32_t f = 0; f < P.nfuncs && !P.oom; f++)
        if (P.funcs[f].report)
            analyze_fn(&P, &P.funcs[f], true);
    bw_strmap_free(&P.by_name);
    bw_free(P.funcs);
    bw_free(P.user);
    bw_strmap_free(&P.known);
    bw_strmap_free(&P.null_memo);
    for (uint32_t k = 0; k < P.n_null_keys; k++)
        bw_free(P.null_keys[k]);
    bw_free(P.null_keys);
    bw_source_lines_free(&P.lines);
    return !P.oom;
}
