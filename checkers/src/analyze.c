/*
 * analyze.c — the taint engine.
 *
 * Values are taint sets per kind: for each bw_taint_kind a bit set of
 * origins that may reach this value *unsanitized for that kind*.  Origin
 * bit 0 is "a source", bit 1 "unknown", bits 2.. are the function's slots:
 * a parameter, or a member path under a parameter, whose data comes from
 * the callers.  Sanitizing for a kind clears that kind's bits.
 *
 * Per function, a forward may-analysis over the IR's control-flow graph
 * (block entry states, sparse, joined at merges) computes the state at every
 * instruction; calls apply built-in/configured knowledge or the callee's
 * summary (slot bits substituted by the actual arguments).  Summaries record
 * what the function does with its slots: which reach a sink of which kind,
 * the return value, an out-parameter or a global.  A worklist recomputes a
 * function's callers when its summary grows, until nothing changes; then a
 * last pass reports.  Slot bits reaching a sink are reported by the callers;
 * in a function nobody in the program calls they are "unknown origin".
 */
#include "analyze.h"
#include "memory.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/clock.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/rules.h"
#include "extract.h"
#include "source_lines.h"

#define NK BW_TAINT_KIND_COUNT
#define O_SRC 1u
#define O_UNK 2u
#define O_CONCRETE (O_SRC | O_UNK)
#define NSLOTS 30
#define SLOTBIT(s) (1u << ((s) + 2))
#define MAXPTS 4
#define MAX_SINKS_PER_SLOT 1 /* summary sinks per slot and kind (4 doubled the SQLite findings, all FP-handle) */
#define BIG_FUNCTION 1500u  /* instructions above which a function is analysed flow-insensitively */
#define MAX_GLOBAL_ROUNDS 3 /* passes over the program for values stored in globals */
#define MAX_CAPTURE_ROUNDS 5 /* more passes for values stored in lambdas' captures only */
#define MAX_CHAIN 24        /* flow steps kept per value */
#define MAX_STEPS 200000u   /* flow steps per function analysis */
#define MAX_REANALYSES 12   /* a function's summary is final after this many recomputations */
#define WIDEN_AFTER 3       /* recomputations in a recursive component before values widen */
#define ALL_SLOT_BITS (((1u << NSLOTS) - 1u) << 2)
#define SLOT_STEP 0x7ffffd00u /* pseudo-instruction of the step "'p' comes from the caller", + slot */
#define MAX_EXPLAIN_DEPTH 8  /* callees explained inside an explanation */
#define TWO_VIEWS_MAX_COMPONENT 32 /* larger recursive components: one view of a function called through a pointer */
#define MAX_TARGETS 8 /* bodies a C++ virtual call may run that the analysis applies */
/* A loop over the taint kinds, unrolled: these loops run billions of times
 * on SQLite, and -O2 neither unrolls nor vectorizes them. */
#define FOR_KINDS(i) _Pragma("GCC unroll 8") for (int i = 0; i < NK; i++)

typedef struct tv {
    uint32_t k[NK];
    uint32_t why; /* step index, 0 = none */
} tv;

static bool tv_empty(const tv *t)
{
    uint32_t any = 0;
    FOR_KINDS(i)
        any |= t->k[i];
    return any == 0;
}

/* What a number (or a function pointer, or memory handed out) still holds
 * of a value: only a real source's taint — a character read by getchar()
 * can become text again, nothing else can. */
static void tv_keep_source(tv *t)
{
    FOR_KINDS(k)
        t->k[k] &= O_SRC;
}

static uint32_t tv_any(const tv *t)
{
    uint32_t r = 0;
    FOR_KINDS(i)
        r |= t->k[i];
    return r;
}


static int rank_of(uint32_t any) { return (any & O_SRC) ? 3 : (any & O_UNK) ? 2 : any ? 1 : 0; }

/* The kinds whose origins reach `rank` (rank_of of the kind's bits). */
static uint32_t kinds_at_rank(const tv *t, int rank)
{
    uint32_t m = 0;
    FOR_KINDS(i)
        if (rank_of(t->k[i]) >= rank)
            m |= 1u << i;
    return m;
}

/* The hottest function of the analysis.  One `why` explains the value's
 * worst origin: the joined value's is the one of the side with the worse
 * origin, or, at the same rank, of the side that has it in strictly more
 * kinds.  Without that tie-break, `acc` after appendf(acc, "%Q", user)
 * (unknown in every kind but SQL) kept its explanation when
 * appendall(acc, column) added unknown SQL text, and the SQL finding named
 * the appendf (docs/triage.md, #5). */
static void tv_join(tv *d, const tv *s)
{
    uint32_t da = 0, sa = 0;
    FOR_KINDS(i) {
        da |= d->k[i];
        sa |= s->k[i];
    }
    if (sa == 0) { /* what the general case does with nothing to add */
        if (d->why == 0)
            d->why = s->why;
        return;
    }
    int rd = rank_of(da), rs = rank_of(sa);
    bool take = rs > rd || d->why == 0;
    if (!take && rs == rd && rs > 0 && s->why != 0 && s->why != d->why) {
        uint32_t ms = kinds_at_rank(s, rs), md = kinds_at_rank(d, rd);
        take = (ms & md) == md && ms != md;
    }
    FOR_KINDS(i)
        d->k[i] |= s->k[i];
    if (take)
        d->why = s->why;
}

/* Whether every bit of a is in b. */
static bool tv_within(const tv *a, const tv *b)
{
    uint32_t extra = 0;
    FOR_KINDS(k)
        extra |= a->k[k] & ~b->k[k];
    return extra == 0;
}

static bool tv_same_bits(const tv *a, const tv *b)
{
    return memcmp(a->k, b->k, sizeof a->k) == 0; /* inlined: a few wide compares */
}

/* strcmp(a, b) == 0 without a call: member paths are short, and
 * note_out and slot_find compared ~15 million of them on SQLite. */
static inline bool same_path(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* ---- steps ------------------------------------------------------------- */

typedef struct step {
    uint32_t prev;
    uint32_t depth; /* steps before this one */
    const bw_ir_tu *tu;
    bw_ir_loc loc;
    const char *msg;  /* interned in the program (msg_intern) */
    uint8_t pct_s;    /* built with %s by sqlite3_mprintf */
    uint8_t cls;      /* where the chain starts: CLS_SOURCE, CLS_UNKNOWN or 0 (a caller's data) */
    uint8_t oslot;    /* the parameter slot the chain starts at, + 1 (0: it starts elsewhere) */
} step;

enum { CLS_CALLER = 0, CLS_UNKNOWN = 1, CLS_SOURCE = 2 };

/* A copied chain (source first) kept in summaries. */
typedef struct fstep {
    const bw_ir_tu *tu;
    bw_ir_loc loc;
    const char *msg; /* interned in the program */
    uint8_t pct_s;
    uint8_t cls; /* of the chain's start, as step.cls */
    uint8_t oslot; /* as step.oslot */
} fstep;

typedef struct chain {
    fstep *s;
    uint32_t n;
} chain;

static void chain_free(chain *c)
{
    bw_free(c->s);
    c->s = NULL;
    c->n = 0;
}

/* ---- summaries --------------------------------------------------------- */

typedef struct slotdef {
    uint32_t param;
    char *path; /* "" or ".f.g" */
    uint32_t len; /* strlen(path): slots are looked up ~15 million times on SQLite */
    const char *msg; /* slot_step's message (interned in the program) for ... */
    char *msg_name;  /* ... the place of this name, or NULL */
} slotdef;

/* Whether slot sd is (param, path of length len). */
static inline bool slot_is(const slotdef *sd, uint32_t param, const char *path, size_t len)
{
    return sd->param == param && sd->len == len && memcmp(sd->path, path, len) == 0;
}

typedef struct sum_out {
    uint32_t param;
    char *path;
    tv v;
    chain why;
} sum_out;

typedef struct sum_glob {
    char *key; /* global root key (USR) */
    tv v;
    chain why;
    /* written through (a global's content, members, what it points to),
     * not only the global variable itself assigned (`last = m;`) */
    bool through;
} sum_glob;

typedef struct sum_sink {
    uint32_t slot;
    unsigned kind;
    char *sink_fn;
    const char *hint;
    uint8_t pct_s;
    chain why; /* from the slot to the sink, sink step last */
} sum_sink;

typedef struct summary {
    tv ret;
    chain ret_why;
    sum_out *outs;
    uint32_t nouts;
    sum_glob *globs;
    uint32_t nglobs;
    sum_sink *sinks;
    uint32_t nsinks;
    unsigned validates[32]; /* per param: kinds a non-zero result proves safe */
    /* a printf-style wrapper: parameter fmt_param (1-based; 0 = not one) is a
     * format whose arguments are the variadic ones (or va_list parameter
     * va_param, 1-based); mprintf: sqlite's %q %Q %w escape for SQL */
    uint32_t fmt_param, va_param;
    bool fmt_variadic, fmt_mprintf;
    bool any_nonzero_return;
} summary;

static void summary_free(summary *s)
{
    chain_free(&s->ret_why);
    for (uint32_t i = 0; i < s->nouts; i++) {
        bw_free(s->outs[i].path);
        chain_free(&s->outs[i].why);
    }
    bw_free(s->outs);
    for (uint32_t i = 0; i < s->nglobs; i++) {
        bw_free(s->globs[i].key);
        chain_free(&s->globs[i].why);
    }
    bw_free(s->globs);
    for (uint32_t i = 0; i < s->nsinks; i++) {
        bw_free(s->sinks[i].sink_fn);
        chain_free(&s->sinks[i].why);
    }
    bw_free(s->sinks);
    memset(s, 0, sizeof(*s));
}

/* Order-independent: the same facts found in another order hash the same. */
static uint64_t summary_hash(const summary *s)
{
    uint64_t h = bw_hash_bytes(s->ret.k, sizeof(s->ret.k), 1);
    for (uint32_t i = 0; i < s->nouts; i++) {
        uint64_t x = bw_hash_bytes(s->outs[i].v.k, sizeof(s->outs[i].v.k), 2);
        h += bw_hash_bytes(s->outs[i].path, strlen(s->outs[i].path), x ^ s->outs[i].param);
    }
    for (uint32_t i = 0; i < s->nglobs; i++) {
        uint64_t x = bw_hash_bytes(s->globs[i].v.k, sizeof(s->globs[i].v.k), 3 + s->globs[i].through);
        h += bw_hash_bytes(s->globs[i].key, strlen(s->globs[i].key), x);
    }
    for (uint32_t i = 0; i < s->nsinks; i++)
        h += bw_hash_bytes(&s->sinks[i].slot, sizeof(uint32_t), 4 + s->sinks[i].kind * 7919u);
    h ^= bw_hash_bytes(s->validates, sizeof(s->validates), 5);
    h ^= (uint64_t)s->fmt_param * 0x9e3779b97f4a7c15ull ^ (uint64_t)s->va_param << 17 ^
         (uint64_t)s->fmt_variadic << 29 ^ (uint64_t)s->fmt_mprintf << 31;
    return h;
}

/* A summary sink's chain redone with only its own slot tainted: for the
 * callee `sumhash` described, the sink call `key` (sink_key) and kind. */
struct explanation {
    uint32_t slot;
    unsigned kind;
    uint64_t key, sumhash;
    chain why; /* empty: the redo found none; the summary's chain stands */
};

/* ---- program ------------------------------------------------------------ */

/* A field (IR string "<record USR>.member") an analysis read, what the
 * program's store held then, and the kinds that matter (a read capped to
 * nothing only depends on the kinds it cut). */
struct fdep {
    const char *field;
    tv seen;
    uint8_t kinds;
};

typedef struct pfunc {
    const bw_ir_tu *tu;
    const bw_ir_func *f;
    const char *name, *qual, *usr;
    bool report;
    bool has_callers;
    bool addr_taken;
    bool reads_globals;
    uint32_t writes_params; /* bit per parameter (< 32): the body may write what it points to */
    int fmt_param; /* 0-based format parameter (format attribute) or -1 */
    int fmt_first; /* 0-based first data argument, -1 for a va_list form */
    bool overridden; /* knowledge rows (config/annotation) replace the summary */
    uint32_t overrides_tu; /* 1 + the TU whose list of what it overrides went into P->overrides; 0: none */
    slotdef slots[NSLOTS];
    uint32_t nslots;
    summary sum;
    uint64_t sumhash;
    uint32_t *callers;
    uint32_t ncallers, capcallers;
    bool queued;
    bool self_recursive;
    bool scc_queued;
    uint32_t in_scc;
    uint32_t scc_size; /* functions in its recursive component (when in_scc) */
    unsigned analyses;
    bool report_pending; /* a recursive member whose reports wait for the last round */
    uint64_t analysed_at; /* P->gclock when its last analysis started */
    uint64_t analysed_sclock; /* P->sclock when its last analysis started */
    uint64_t sum_changed_at;  /* P->sclock when its summary last changed */
    /* its last analysis (either view) met a sink with data of a concrete
     * origin: analysed to report, it would have reported there */
    bool would_report;
    bool slots_grew; /* its last analysis made parameter slots (note_slots_grown) */
    bool widened; /* its last analysis widened its summary */
    uint32_t *callees;
    uint32_t ncallees, capcallees;
    /* struct members whose program-wide stores this function's last
     * analysis read: it runs again when they hold more than it saw */
    struct fdep *fdeps;
    uint32_t nfdeps, capfdeps;
    /* sink chains redone for one slot (explain_sink), and the guard
     * against explaining a function inside its own explanation */
    struct explanation **expl;
    uint32_t nexpl, capexpl;
    bool explaining;
    /* how many steps its last analysis made: the next one (most functions
     * are analysed several times) starts with room for them instead of
     * doubling its way there, copying every step each time */
    uint32_t steps_hint;
    /* ... and how many entries its step and place memos held: they start
     * that large instead of rehashing their way there */
    uint32_t memo_hint, place_memo_hint;
    /* the parameters that can carry text (text_params) */
    uint32_t text_params;
    bool text_params_known;
} pfunc;

typedef struct ptu {
    const bw_ir_tu *tu;
    bool report;
} ptu;

typedef struct gstore_ent {
    char *key;
    tv v;
    chain why;
    uint64_t grew_at; /* P->gclock when it last grew */
} gstore_ent;

struct bw_program {
    const bw_config *cfg;
    bw_kdb *kdb;
    char *root;
    bw_content_fn content;
    void *content_ctx;
    ptu *tus;
    uint32_t ntus, captus;
    pfunc *funcs;
    uint32_t nfuncs, capfuncs;
    bw_strmap by_usr;  /* usr -> func */
    bw_strmap by_qual; /* qualified name -> func (first) */
    /* a virtual method's USR -> its first override in vt, a list: the
     * bodies a virtual call of it may run besides its own (call_targets) */
    bw_strmap overrides;
    struct vtarget {
        uint32_t func, next; /* next: index in vt or BW_NONE */
        const char *cls;     /* the override's class (USR) */
    } *vt;
    uint32_t nvt, capvt;
    bw_strmap derives; /* "class USR\nbase USR" of every class and each of its bases */
    bw_strmap libv;    /* USRs of virtual methods whose own body is a library's (tu->library_virtuals) */
    bw_arena key_arena; /* the keys of derives */
    gstore_ent *gstore;
    uint32_t ngstore, capgstore;
    bw_strmap gindex;
    bool html_program;
    const bw_rule *rule_for_kind[NK];
    bool kind_enabled[NK];
    bw_findings findings;
    double deadline; /* CLOCK_MONOTONIC seconds; 0 = no time limit */
    double time_limit; /* seconds */
    bw_strmap ext_called, ext_addr; /* USRs called / address-taken by TUs not loaded (owned keys) */
    bw_source_lines lines; /* the files findings quote a line of */
    bool oom;
    uint64_t gclock; /* counts growths of stored global values */
    uint64_t sclock; /* counts changes of functions' summaries */
    /* fields ("<record USR>.member") and record USRs some instruction of
     * the program stores into: only those have field-based values */
    bw_strmap filled;
    /* fields ("<record USR>.member") some container_of() of the program
     * goes back from (bw_ir_tu.container_fields): a pointer to one stands
     * for the record that holds it */
    bw_strmap containers;
    /* flow-step messages, each text once (msg_intern): steps, summary
     * chains and the global store share them until the program is freed,
     * so copying a chain copies no text */
    bw_arena msg_arena;
    bw_strmap msg_index; /* text -> index in msgv */
    const char **msgv;
    uint32_t nmsgv, capmsgv;
};

bw_program *bw_program_new(const bw_config *cfg, bw_kdb *kdb, const char *root, bw_content_fn content,
                           void *content_ctx)
{
    bw_program *p = bw_calloc(1, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->cfg = cfg;
    p->kdb = kdb;
    p->root = root != NULL ? bw_strdup(root) : NULL;
    p->content = content;
    p->content_ctx = content_ctx;
    for (size_t i = 0; i < bw_rules_count(); i++) {
        const bw_rule *r = bw_rule_at(i);
        if (r != NULL && r->is_taint && r->taint_kind < NK) {
            p->rule_for_kind[r->taint_kind] = r;
            p->kind_enabled[r->taint_kind] = cfg == NULL || bw_config_rule_enabled(cfg, r->info.id);
        }
    }
    return p;
}

void bw_program_free(bw_program *p)
{
    if (p == NULL)
        return;
    for (uint32_t i = 0; i < p->nfuncs; i++) {
        summary_free(&p->funcs[i].sum);
        for (uint32_t s = 0; s < p->funcs[i].nslots; s++) {
            bw_free(p->funcs[i].slots[s].path);
            bw_free(p->funcs[i].slots[s].msg_name);
        }
        bw_free(p->funcs[i].callers);
        bw_free(p->funcs[i].callees);
        bw_free(p->funcs[i].fdeps);
        for (uint32_t e = 0; e < p->funcs[i].nexpl; e++) {
            chain_free(&p->funcs[i].expl[e]->why);
            bw_free(p->funcs[i].expl[e]);
        }
        bw_free(p->funcs[i].expl);
    }
    bw_free(p->funcs);
    bw_free(p->tus);
    for (uint32_t i = 0; i < p->ngstore; i++) {
        bw_free(p->gstore[i].key);
        chain_free(&p->gstore[i].why);
    }
    bw_free(p->gstore);
    bw_strmap_free(&p->gindex);
    bw_strmap_free(&p->filled);
    bw_strmap_free(&p->containers);
    bw_strmap_free(&p->by_usr);
    bw_strmap_free(&p->by_qual);
    bw_strmap_free(&p->overrides);
    bw_free(p->vt);
    bw_strmap_free(&p->derives);
    bw_strmap_free(&p->libv);
    bw_arena_free(&p->key_arena);
    bw_findings_free(&p->findings);
    for (size_t i = 0; i < p->ext_called.cap; i++)
        bw_free((char *)p->ext_called.keys[i]);
    for (size_t i = 0; i < p->ext_addr.cap; i++)
        bw_free((char *)p->ext_addr.keys[i]);
    bw_strmap_free(&p->ext_called);
    bw_strmap_free(&p->ext_addr);
    bw_strmap_free(&p->msg_index);
    bw_free(p->msgv);
    bw_arena_free(&p->msg_arena);
    bw_source_lines_free(&p->lines);
    bw_free(p->root);
    bw_free(p);
}

void bw_program_set_time_limit(bw_program *p, double seconds) { p->time_limit = seconds; }

/* Checked before each function analysis: one function is bounded
 * (MAX_STEPS, MAX_REANALYSES), so the overrun is at most one function. */
static bool over_time(const bw_program *P) { return P->deadline > 0 && bw_monotonic_seconds() > P->deadline; }

bool bw_program_note_external_use(bw_program *p, const char *usr, bool address_taken)
{
    bw_strmap *m = address_taken ? &p->ext_addr : &p->ext_called;
    if (bw_strmap_get(m, usr) != BW_NONE)
        return true;
    char *k = bw_strdup(usr);
    if (k == NULL || !bw_strmap_put(m, k, 1)) {
        bw_free(k);
        return false;
    }
    return true;
}

bool bw_program_add_tu(bw_program *p, const bw_ir_tu *tu, bool report)
{
    if (!bw_ir_grow((void **)&p->tus, &p->captus, p->ntus + 1, sizeof(ptu)))
        return false;
    p->tus[p->ntus++] = (ptu){tu, report};
    return true;
}

/* ---- function analysis context ------------------------------------------ */

#define MAX_MIDS 4

typedef struct aplace {
    const char *key;
    const char *path;
    const char *name;
    uint8_t kind;
    uint32_t param;    /* for params */
    const char *gkey;  /* for globals: root key */
    uint32_t root;     /* index of the place without path */
    bool init_done;    /* `init` holds the initial value */
    tv init;
    uint32_t pathlen;
    uint8_t flags;     /* BW_PLACEF_* of the IR place (0 for places made here) */
    const char *field; /* the IR place's field ("<record USR>.member") or NULL */
    const char *rtype; /* the IR place's record type (USR) or NULL */
    uint32_t *rel;     /* cached: family members whose path is related */
    uint32_t nrel, caprel;
    uint32_t rel_for;  /* family size `rel` was computed for (+1; 0 = never) */
    uint32_t *family;  /* for roots: every place with this root */
    uint32_t nfamily, capfamily;
    /* read_place's enclosing members (".a" and ".a.b" of ".a.b.c"): mid[j]
     * is the j-th, looked up when the function had mid_npl[j] - 1 places
     * (0: never); a place found stays valid, BW_NONE only until a place is
     * made */
    uint32_t mid[MAX_MIDS], mid_npl[MAX_MIDS];
    /* a parameter member's slot (slot_find; `slot_n` = the function's slot
     * count then + 1, 0 = not looked up: slots are only ever added, so a
     * slot found stays, none found holds until one is added) and its entry
     * in the summary's outs (+ 1, 0 = none yet: outs are only added during
     * the analysis) — each return looked both up by comparing paths */
    int slot;
    uint32_t slot_n;
    uint32_t out;
    uint8_t intrusive; /* 0: not asked yet, 1: its field is no container_of()'s, 2: it is */
} aplace;

typedef struct ent {
    uint32_t place;
    uint8_t written : 1;
    /* a pointer whose value came only from taking its targets' addresses
     * (`p = &req`) on every path: all it holds is theirs (through_known_pointer) */
    uint8_t addr_only : 1;
    /* a local whose value is only what it read through its one link when it
     * was assigned (`q = s`, `q = &x`), to a place of the function's own
     * not written since (copy_target): a check of the target is a check of
     * it (sanitize_copies) */
    uint8_t copy : 1;
    /* some entry is such a copy of this place (a write here ends them) */
    uint8_t copied : 1;
    /* bit k: pts[k] is not read through (a link muted at a merge, see
     * "links that only one side of a join has"); writes still go through */
    uint8_t muted;
    uint8_t npts;
    uint8_t pk; /* the place's kind (BW_PLACE_*): loops over entries need it, and
                   C->pl[place] is a cache miss away */
    uint32_t pts[MAXPTS];
    tv v;
} ent;

typedef struct state {
    ent *e;
    uint32_t n, cap;
    bool live;
    uint32_t version; /* bumped whenever which places have entries, or where, changes */
    bool any_muted;   /* some entry may have a muted link (never reset but by a copy) */
    bool any_copy;    /* some entry may be a copy (ent.copy; never reset but by a copy) */
} state;

/* A map from non-zero 64-bit keys to 32-bit values, open addressing
 * (key 0 marks an empty slot), grown at half load. */
typedef struct u64map {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;
} u64map;

/* The slot a key starts probing at: a 64-bit finalizer (murmur3's), inline
 * (bw_hash_bytes's general loop for 8 bytes was ~2% of a cold SQLite run:
 * the maps are probed ~7 million times). */
static size_t u64map_slot(const u64map *m, uint64_t key)
{
    uint64_t h = key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    size_t j = (size_t)h & (m->cap - 1);
    while (m->k[j] != 0 && m->k[j] != key)
        j = (j + 1) & (m->cap - 1);
    return j;
}

static bool u64map_find(const u64map *m, uint64_t key, uint32_t *out)
{
    if (m->cap == 0)
        return false;
    size_t j = u64map_slot(m, key);
    if (m->k[j] == 0)
        return false;
    *out = m->v[j];
    return true;
}

/* false when out of memory (the map is unchanged) */
/* Moves m's keys into a new table of `cap` slots (a power of two); false,
 * and m unchanged, when out of memory. */
static bool u64map_rehash(u64map *m, size_t cap)
{
    u64map g = {bw_calloc(cap, sizeof(uint64_t)), bw_calloc(cap, sizeof(uint32_t)), cap, m->n};
    if (g.k == NULL || g.v == NULL) {
        bw_free(g.k);
        bw_free(g.v);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->k[i] == 0)
            continue;
        size_t j = u64map_slot(&g, m->k[i]);
        g.k[j] = m->k[i];
        g.v[j] = m->v[i];
    }
    bw_free(m->k);
    bw_free(m->v);
    *m = g;
    return true;
}

static bool u64map_put(u64map *m, uint64_t key, uint32_t v)
{
    if ((m->cap == 0 || (m->n + 1) * 2 > m->cap) && !u64map_rehash(m, m->cap ? m->cap * 2 : 256))
        return false;
    size_t j = u64map_slot(m, key);
    if (m->k[j] == 0)
        m->n++;
    m->k[j] = key;
    m->v[j] = v;
    return true;
}

/* Room for n keys without growing (false when out of memory; the map,
 * empty, is unchanged). */
static bool u64map_reserve(u64map *m, size_t n)
{
    if (m->cap != 0 || n == 0)
        return true;
    size_t cap = 256; /* a power of two, at most half full with n keys (u64map_put) */
    while (cap < 2 * (n + 1))
        cap *= 2;
    return u64map_rehash(m, cap);
}

static void u64map_free(u64map *m)
{
    bw_free(m->k);
    bw_free(m->v);
    memset(m, 0, sizeof(*m));
}

typedef struct fctx {
    bw_program *P;
    pfunc *pf;
    const bw_ir_tu *tu;
    const bw_ir_func *f;
    bool reporting;
    bool would_report; /* see pfunc.would_report; set whether reporting or not */
    /* the analysis of a function called both directly and through a
     * pointer for its pointer callers: its parameters are of unknown
     * origin; its summary is not kept (run_function) */
    bool pointer_view;
    aplace *pl;
    uint32_t npl, cappl;
    bw_strmap plmap;
    char **owned;
    uint32_t nowned, capowned;
    bw_arena strs; /* the key, path and name of members made during the analysis */
    step *steps;
    uint32_t nsteps, capsteps;
    u64map memo;       /* (instruction, previous step, kind) -> step; chain imports */
    u64map place_memo; /* place_with_path: (base, extra) -> place */
    summary sum; /* being built */
    summary fstores; /* its stores into struct members and records (globs only), merged after it */
    bool oom;
    unsigned validates_acc[32];
    bool saw_nonzero;
    bool weak; /* a very large function: flow-insensitive, weak updates only */
    bool in_known_pointer; /* through_known_pointer is reading its targets */
    /* the value being evaluated leaves the function's own variables (an
     * argument, a return value, a store into memory or a global): an
     * intrusive list's node then stands for its whole record */
    bool escaping;
    bool forwarding_format; /* this call passes our own format parameter with our variadic
                               arguments (a va_list): unknown origin is our callers' business */
    uint32_t cur_insn;
    const char *fix_before; /* for the next report: source text of the sink call's arguments before the value */
    /* reported (insn, kind) pairs, to report each sink once */
    uint64_t *reported;
    uint32_t nreported, capreported;
    uint32_t *lit_of; /* per IR place: the one literal every assignment gives it, or BW_NONE */
    uint8_t *slot_local; /* per IR place: a local that only ever holds a freed block cast
                            to a free list's slot (find_slot_locals) */
    uint32_t *elems_of; /* per IR place: the BW_ASSIGN_ELEMENTS instruction naming the literals a
                           read of it can be (an array of literals, an element of one), or BW_NONE */
    uint8_t *capmask;   /* per IR place with a field: kinds no store of that field carries */
    uint32_t *cap_gen;  /* per IR place: cap_now + 1 when capmask was computed (0 = never) */
    uint32_t cap_now;   /* bumped when this function stores a value into a field */
    /* st_lookup's index of one state (ix_state as it was at ix_e, ix_n,
     * ix_version): ix_pos[place] = its entry + 1, 0 when it has none;
     * ix_list names every place whose ix_pos is set */
    uint32_t *ix_pos, ix_cap;
    uint32_t *ix_list, ix_nlist, ix_caplist;
    const state *ix_state;
    const ent *ix_e;
    uint32_t ix_n, ix_version;
    /* explain mode (explain_sink): only this slot (+ 1) carries data, no
     * source or unknown origin exists, nothing is reported or recorded
     * outside the context; the chain of the sink `explain_key` of kind
     * `explain_kind` reached from the slot is kept in `explained` */
    uint32_t explain_slot;
    unsigned explain_kind;
    uint64_t explain_key;
    unsigned explain_depth;
    chain explained;
    const char **via_msgs; /* via_step's messages, per instruction and VIA_* (lazily) */
} fctx;

static char *fx_own(fctx *C, char *s)
{
    if (s == NULL) {
        C->oom = true;
        return NULL;
    }
    if (!bw_ir_grow((void **)&C->owned, &C->capowned, C->nowned + 1, sizeof(char *))) {
        bw_free(s);
        C->oom = true;
        return NULL;
    }
    C->owned[C->nowned++] = s;
    return s;
}

static const char *S(const fctx *C, uint32_t id) { return bw_ir_str(C->tu, id); }

static void family_add(fctx *C, uint32_t root, uint32_t member)
{
    aplace *r = &C->pl[root];
    if (!bw_ir_grow((void **)&r->family, &r->capfamily, r->nfamily + 1, sizeof(uint32_t))) {
        C->oom = true;
        return;
    }
    r->family[r->nfamily++] = member;
}

#define MAX_PATH_DEPTH 3

static uint32_t place_with_path_slow(fctx *C, uint32_t base, const char *extra);

/* Finds or creates the place with this root and path (cached by base and
 * the address of `extra`, which is a stable summary or place string).  The
 * key holds both whole: a user-space address fits in 47 bits and the base
 * in the 17 above them (a larger base is not cached).  An XOR of the two
 * could give two pairs one key, depending on where the heap put the
 * strings: a run's flows would then depend on the address layout. */
static uint32_t place_with_path(fctx *C, uint32_t base, const char *extra)
{
    if (extra == NULL || extra[0] == '\0')
        return base;
    uint64_t addr = (uint64_t)(uintptr_t)extra;
    if (base >= (1u << 17) || (addr >> 47) != 0)
        return place_with_path_slow(C, base, extra);
    uint64_t key = (uint64_t)base << 47 | addr;
    uint32_t hit;
    if (u64map_find(&C->place_memo, key, &hit))
        return hit;
    uint32_t r = place_with_path_slow(C, base, extra);
    if (!u64map_put(&C->place_memo, key, r))
        C->oom = true;
    return r;
}

/* dst (room for alen + blen + 1 bytes) := a followed by the first blen
 * bytes of b, NUL-terminated; returns dst. */
static char *join_into(char *dst, const char *a, size_t alen, const char *b, size_t blen)
{
    memcpy(dst, a, alen);
    memcpy(dst + alen, b, blen);
    dst[alen + blen] = '\0';
    return dst;
}

/* The place whose key is `a` followed by the first `blen` bytes of `b`, or
 * BW_NONE; a short key is looked up without allocating. */
static uint32_t place_by_key(fctx *C, const char *a, const char *b, size_t blen)
{
    char small[256];
    size_t alen = strlen(a);
    char *k = alen + blen + 1 <= sizeof small ? small : bw_malloc(alen + blen + 1);
    if (k == NULL) {
        C->oom = true;
        return BW_NONE;
    }
    uint32_t p = bw_strmap_get(&C->plmap, join_into(k, a, alen, b, blen));
    if (k != small)
        bw_free(k);
    return p;
}

/* How much of `extra` fits under a path of `depth` members: recursive
 * structures (list->next->next...) must not grow paths forever, and a
 * prefix stands for everything below it. */
static size_t path_keep(const char *extra, unsigned depth)
{
    size_t i = 0;
    for (; extra[i]; i++)
        if (extra[i] == '.' && ++depth > MAX_PATH_DEPTH)
            return i;
    return i;
}

/* `a` followed by the first `blen` bytes of `b`, in the analysis's arena
 * (NULL and C->oom when out of memory).  Members are made by the hundred
 * thousand on SQLite: a printf, then a malloc and free per string were
 * 6% and 2% of a cold run's instructions. */
static char *fx_concat(fctx *C, const char *a, const char *b, size_t blen)
{
    size_t alen = strlen(a);
    char *r = bw_arena_alloc(&C->strs, alen + blen + 1);
    if (r == NULL) {
        C->oom = true;
        return NULL;
    }
    return join_into(r, a, alen, b, blen);
}

static uint32_t place_with_path_slow(fctx *C, uint32_t base, const char *extra)
{
    aplace b = C->pl[base];
    if (C->npl > 4 * C->f->nplaces + 256)
        return base; /* enough members: the object stands for them */
    unsigned depth = 0;
    for (const char *q = b.path; *q; q++)
        if (*q == '.' && ++depth > MAX_PATH_DEPTH)
            return base; /* already at the depth limit */
    size_t keep = path_keep(extra, depth);
    if (keep == 0)
        return base;
    /* look the member up before building anything: it usually exists */
    uint32_t idx = place_by_key(C, b.key, extra, keep);
    if (idx != BW_NONE || C->oom)
        return idx != BW_NONE ? idx : base;
    char *k = fx_concat(C, b.key, extra, keep);
    if (k == NULL)
        return base;
    char *pth = fx_concat(C, b.path, extra, keep);
    char *nm = fx_concat(C, b.name, extra, keep);
    if (k == NULL || pth == NULL || nm == NULL ||
        !bw_ir_grow((void **)&C->pl, &C->cappl, C->npl + 1, sizeof(aplace))) {
        C->oom = true;
        return base;
    }
    uint32_t i = C->npl++;
    aplace *np = &C->pl[i];
    memset(np, 0, sizeof(*np));
    np->key = k;
    np->path = pth;
    np->pathlen = (uint32_t)strlen(pth);
    np->name = nm;
    np->kind = b.kind;
    np->param = b.param;
    np->gkey = b.gkey;
    np->root = b.root;
    if (!bw_strmap_put(&C->plmap, k, i))
        C->oom = true;
    family_add(C, C->pl[i].root, i);
    return i;
}

static bool fx_init_places(fctx *C)
{
    const bw_ir_func *f = C->f;
    if (!bw_ir_grow((void **)&C->pl, &C->cappl, f->nplaces + 8, sizeof(aplace)))
        return false;
    C->npl = f->nplaces;
    memset(C->pl, 0, sizeof(aplace) * f->nplaces);
    for (uint32_t i = 0; i < f->nplaces; i++) {
        const bw_ir_place *ip = &f->places[i];
        aplace *a = &C->pl[i];
        a->key = S(C, ip->key);
        a->path = S(C, ip->path);
        a->pathlen = (uint32_t)strlen(a->path);
        a->name = S(C, ip->name);
        a->kind = ip->kind;
        a->param = ip->kind == BW_PLACE_PARAM ? ip->root : 0;
        a->gkey = ip->kind == BW_PLACE_GLOBAL ? S(C, ip->root) : NULL;
        a->root = i;
        a->flags = ip->flags;
        a->field = ip->field != BW_NONE ? S(C, ip->field) : NULL;
        a->rtype = ip->rtype != BW_NONE ? S(C, ip->rtype) : NULL;
        if (!bw_strmap_put(&C->plmap, a->key, i))
            return false;
    }
    /* link members to their roots (create missing roots) */
    for (uint32_t i = 0; i < f->nplaces; i++) {
        const char *path = C->pl[i].path;
        if (path[0] == '\0')
            continue;
        const char *key = C->pl[i].key;
        size_t rootlen = strlen(key) - strlen(path);
        char *rk = bw_strndup(key, rootlen);
        if (rk == NULL)
            return false;
        uint32_t r = bw_strmap_get(&C->plmap, rk);
        if (r == BW_NONE) {
            if (!bw_ir_grow((void **)&C->pl, &C->cappl, C->npl + 1, sizeof(aplace))) {
                bw_free(rk);
                return false;
            }
            r = C->npl++;
            aplace *a = &C->pl[r];
            memset(a, 0, sizeof(*a));
            a->key = fx_own(C, rk);
            a->path = "";
            const char *nm = C->pl[i].name;
            const char *dot = strpbrk(nm, ".-");
            a->name = fx_own(C, bw_strndup(nm, dot != NULL ? (size_t)(dot - nm) : strlen(nm)));
            a->kind = C->pl[i].kind;
            a->param = C->pl[i].param;
            a->gkey = C->pl[i].gkey;
            a->root = r;
            if (a->key == NULL || a->name == NULL || !bw_strmap_put(&C->plmap, a->key, r))
                return false;
        } else {
            bw_free(rk);
        }
        C->pl[i].root = r;
    }
    for (uint32_t i = 0; i < C->npl; i++)
        family_add(C, C->pl[i].root, i);
    return !C->oom;
}

static uint32_t new_step(fctx *C, uint32_t prev, const bw_ir_loc *loc, const char *msg, uint8_t pct_s)
{
    if (msg == NULL) {
        C->oom = true;
        return prev;
    }
    if (!bw_ir_grow((void **)&C->steps, &C->capsteps, C->nsteps + 1, sizeof(step))) {
        C->oom = true;
        return prev;
    }
    if (C->nsteps == 0) {
        memset(&C->steps[0], 0, sizeof(step));
        C->nsteps = 1;
        if (!bw_ir_grow((void **)&C->steps, &C->capsteps, C->nsteps + 1, sizeof(step))) {
            C->oom = true;
            return prev;
        }
    }
    uint32_t i = C->nsteps++;
    uint32_t depth = prev != 0 && prev < i ? C->steps[prev].depth + 1 : 0;
    uint8_t cls = prev != 0 && prev < i ? C->steps[prev].cls : CLS_CALLER;
    uint8_t oslot = prev != 0 && prev < i ? C->steps[prev].oslot : 0;
    C->steps[i] = (step){prev, depth, C->tu, *loc, msg, pct_s, cls, oslot};
    return i;
}

/* The program's copy of the message `text` (NULL when out of memory).
 * Steps are made by the hundred thousand and copied into summary chains
 * by the million on SQLite; with one shared copy of each text, neither
 * allocates nor frees a string. */
static const char *msg_intern(bw_program *P, const char *text)
{
    uint32_t i = bw_strmap_get(&P->msg_index, text);
    if (i != BW_NONE)
        return P->msgv[i];
    size_t n = strlen(text) + 1;
    char *copy = bw_arena_alloc(&P->msg_arena, n);
    if (copy == NULL || !bw_ir_grow((void **)&P->msgv, &P->capmsgv, P->nmsgv + 1, sizeof(char *)))
        return NULL;
    memcpy(copy, text, n);
    if (!bw_strmap_put(&P->msg_index, copy, P->nmsgv))
        return NULL;
    P->msgv[P->nmsgv++] = copy;
    return copy;
}

/* vsnprintf for what step messages use: %s, %d, %u and %%, without width
 * or precision.  Returns the length, or -1 when the format has anything
 * else or the text does not fit (the caller then uses vsnprintf).  About
 * five times cheaper than glibc's for these short messages. */
static int fmt_simple(char *out, size_t cap, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *f = fmt; *f != '\0'; f++) {
        char num[24];
        const char *piece = num;
        size_t len;
        if (*f != '%') {
            piece = f;
            len = 1;
        } else if (f[1] == '%') {
            piece = "%";
            len = 1;
            f++;
        } else if (f[1] == 's') {
            piece = va_arg(ap, const char *);
            if (piece == NULL)
                piece = "(null)"; /* as glibc prints it */
            len = strlen(piece);
            f++;
        } else if (f[1] == 'd' || f[1] == 'u') {
            bool neg = false;
            unsigned long long v;
            if (f[1] == 'd') {
                int x = va_arg(ap, int);
                neg = x < 0;
                v = neg ? 0ull - (unsigned long long)(long long)x : (unsigned long long)x;
            } else {
                v = va_arg(ap, unsigned);
            }
            char *e = num + sizeof num, *q = e;
            do {
                *--q = (char)('0' + v % 10);
                v /= 10;
            } while (v != 0);
            if (neg)
                *--q = '-';
            piece = q;
            len = (size_t)(e - q);
            f++;
        } else {
            return -1;
        }
        if (n + len >= cap)
            return -1;
        memcpy(out + n, piece, len);
        n += len;
    }
    out[n] = '\0';
    return (int)n;
}

/* A formatted message, interned (NULL when out of memory), formatted into
 * a stack buffer for the usual short step message. */
static const char *vfmt_step_msg(bw_program *P, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static const char *vfmt_step_msg(bw_program *P, const char *fmt, va_list ap)
{
    char small[256];
    va_list copy;
    va_copy(copy, ap);
    int n = fmt_simple(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n >= 0)
        return msg_intern(P, small);
    va_copy(copy, ap);
    n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof small)
        return msg_intern(P, small);
    bw_buf b = BW_BUF_INIT;
    bw_buf_vprintf(&b, fmt, ap);
    char *text = bw_buf_take(&b);
    const char *r = text != NULL ? msg_intern(P, text) : NULL;
    bw_free(text);
    return r;
}

static const char *step_msg(bw_program *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *step_msg(bw_program *P, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *r = vfmt_step_msg(P, fmt, ap);
    va_end(ap);
    return r;
}

/* A newly allocated formatted message (NULL when out of memory). */
static char *fmt_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *fmt_msg(const char *fmt, ...)
{
    bw_buf b = BW_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bw_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return bw_buf_take(&b);
}

/* The memoised step for `key`, 0 when none. */
static uint32_t memo_get(fctx *C, uint64_t key)
{
    uint32_t v = 0;
    return u64map_find(&C->memo, key, &v) ? v : 0;
}

static void memo_put(fctx *C, uint64_t key, uint32_t v)
{
    if (v != 0 && !u64map_put(&C->memo, key, v))
        C->oom = true;
}

static uint64_t step_key(uint32_t insn, uint32_t prev, const char *kindtag)
{
    uint64_t key = ((uint64_t)insn << 32) ^ prev ^ ((uint64_t)(unsigned char)kindtag[0] << 56);
    return key != 0 ? key : 1;
}

/* Long chains (a loop appending to itself) stop growing: the first steps
 * and the sink say enough, and the analysis stays bounded.  A flow always
 * ends at its sink: the sink step ("S") ends a chain, so allowing it past
 * the limit adds at most one step. */
static bool chain_full(const fctx *C, uint32_t prev, const char *kindtag)
{
    return prev != 0 && ((C->steps[prev].depth >= MAX_CHAIN && kindtag[0] != 'S') || C->nsteps > MAX_STEPS);
}

/* A step for (insn, prev), created once per pair; insn >= ninsns are
 * pseudo-instructions (function entry) located at the function. */
static uint32_t memo_step(fctx *C, uint32_t insn, uint32_t prev, const char *kindtag, const char *msg, uint8_t pct)
{
    uint64_t key = step_key(insn, prev, kindtag);
    uint32_t hit = memo_get(C, key);
    if (hit != 0 || chain_full(C, prev, kindtag))
        return hit != 0 ? hit : prev;
    uint32_t s = new_step(C, prev, insn < C->f->ninsns ? &C->f->insns[insn].loc : &C->f->loc, msg, pct);
    if (s != prev && prev == 0) { /* a chain starts: main's arguments and sources, or an unknown parameter */
        C->steps[s].cls = kindtag[0] == 'A' || kindtag[0] == 'R' ? CLS_SOURCE :
                          kindtag[0] == 'U'                        ? CLS_UNKNOWN :
                                                                     CLS_CALLER;
        if (kindtag[0] == 'P' && insn >= SLOT_STEP && insn - SLOT_STEP < NSLOTS)
            C->steps[s].oslot = (uint8_t)(insn - SLOT_STEP + 1);
    }
    if (s != prev)
        memo_put(C, key, s);
    return s;
}


/* Like memo_step, but formats the message only when the step is new. */
static uint32_t memo_stepf(fctx *C, uint32_t insn, uint32_t prev, const char *kindtag, uint8_t pct, const char *fmt,
                           ...) __attribute__((format(printf, 6, 7)));
static uint32_t memo_stepf(fctx *C, uint32_t insn, uint32_t prev, const char *kindtag, uint8_t pct, const char *fmt,
                           ...)
{
    uint32_t hit = memo_get(C, step_key(insn, prev, kindtag));
    if (hit != 0)
        return hit;
    if (chain_full(C, prev, kindtag))
        return prev;
    va_list ap;
    va_start(ap, fmt);
    const char *msg = vfmt_step_msg(C->P, fmt, ap);
    va_end(ap);
    return memo_step(C, insn, prev, kindtag, msg, pct);
}

/* Copies the chain ending at step `s` (source first). */
static bool chain_from(fctx *C, uint32_t s, chain *out)
{
    uint32_t n = 0;
    for (uint32_t i = s; i != 0 && n < 64; i = C->steps[i].prev)
        n++;
    out->s = bw_calloc(n + 1, sizeof(fstep));
    out->n = 0;
    if (out->s == NULL)
        return false;
    uint32_t i = s;
    for (uint32_t k = n; k > 0; k--) {
        step *st = &C->steps[i];
        out->s[k - 1] = (fstep){st->tu, st->loc, st->msg, st->pct_s, st->cls, st->oslot};
        out->n++;
        i = st->prev;
    }
    return true;
}

/* Where a chain explaining v's worst origin starts (a source, else an
 * unknown parameter, else a caller's data). */
static uint8_t worst_class(const tv *v)
{
    uint32_t any = tv_any(v);
    return any & O_SRC ? CLS_SOURCE : any & O_UNK ? CLS_UNKNOWN : CLS_CALLER;
}

/* Keeps in `ch` the chain that explains the worst origin of `v`: the first
 * one recorded, replaced when a later one starts where v's worst origin
 * does (a source, else an unknown parameter) and the kept one does not. */
static void chain_keep_worst(fctx *C, chain *ch, uint32_t why, const tv *v)
{
    if (why == 0)
        return;
    uint8_t want = worst_class(v);
    if (ch->n > 0 && (ch->s[0].cls == want || C->steps[why].cls != want))
        return;
    chain nc = {NULL, 0};
    if (!chain_from(C, why, &nc)) {
        chain_free(&nc);
        C->oom = true;
        return;
    }
    chain_free(ch);
    *ch = nc;
}

static uint32_t import_chain_raw(fctx *C, uint32_t prev, const chain *ch);

/* Recreates a copied chain as steps after `prev`, once per (chain, prev). */
static uint32_t import_chain(fctx *C, uint32_t prev, const chain *ch)
{
    if (ch->n == 0)
        return prev;
    /* one import per (chain, instruction): the first caller-side prefix
     * stands for the others (each is a real path to the same value) */
    /* the chain and the instruction hashed together: as the seed of a
     * hash of the address alone, the instruction was XORed with it, so
     * two chains whose addresses differed in those bits shared a key
     * (a chain of instruction 27 came back at 35), as often as the heap's
     * layout put them there: about one libxml2 run in four showed other
     * flow steps */
    const uint64_t id[2] = {(uint64_t)(uintptr_t)ch, C->cur_insn}; /* no padding to hash */
    uint64_t key = bw_hash_bytes(id, sizeof id, 0x49) | 1u;
    key ^= (uint64_t)0x49 << 56;
    /* ... of each origin class: an untrusted value must not be explained by
     * the first prefix, which may start at an unknown parameter */
    key ^= (uint64_t)(prev != 0 ? C->steps[prev].cls : 3) << 48;
    uint32_t hit = memo_get(C, key);
    if (hit != 0)
        return hit;
    uint32_t r = import_chain_raw(C, prev, ch);
    memo_put(C, key, r);
    return r;
}

/* The imported steps borrow the chain's messages: a callee's summary (and
 * the global store) is only replaced between function analyses, after this
 * analysis has copied what it keeps (chain_from). */
static uint32_t import_chain_raw(fctx *C, uint32_t prev, const chain *ch)
{
    /* room for the whole chain at once (and step 0): ~4 million steps are
     * imported on SQLite */
    if (!bw_ir_grow((void **)&C->steps, &C->capsteps, C->nsteps + ch->n + 2, sizeof(step))) {
        C->oom = true;
        return prev;
    }
    for (uint32_t i = 0; i < ch->n; i++) {
        if (C->nsteps == 0) {
            memset(&C->steps[0], 0, sizeof(step));
            C->nsteps = 1;
        }
        uint32_t k = C->nsteps++;
        C->steps[k] = (step){prev,
                             prev != 0 ? C->steps[prev].depth + 1 : 0,
                             ch->s[i].tu,
                             ch->s[i].loc,
                             ch->s[i].msg,
                             ch->s[i].pct_s,
                             prev != 0 ? C->steps[prev].cls : ch->s[i].cls,
                             prev != 0 ? C->steps[prev].oslot : ch->s[i].oslot};
        prev = k;
    }
    return prev;
}

/* ---- slots -------------------------------------------------------------- */

/* A place that points to a struct or class whose members hold its text
 * (a handle), not to a std::string, whose text is the object's own. */
static bool text_in_members(uint8_t flags)
{
    return (flags & BW_PLACEF_HANDLE) && !(flags & BW_PLACEF_TEXT);
}

static bool param_has_root_slot(const pfunc *pf, uint32_t param)
{
    for (uint32_t i = 0; i < pf->nslots; i++)
        if (pf->slots[i].param == param && pf->slots[i].len == 0)
            return true;
    return false;
}

/* The parameters that carry text themselves (a place of the parameter
 * itself that is neither a number nor a handle: a handle's text is in its
 * members, except a std::string's), as a bit mask; computed once per
 * function. */
static uint32_t text_params(fctx *C)
{
    pfunc *pf = C->pf;
    if (!pf->text_params_known) {
        pf->text_params = 0;
        for (uint32_t i = 0; i < C->f->nplaces; i++) {
            const bw_ir_place *ip = &C->f->places[i];
            if (ip->kind == BW_PLACE_PARAM && ip->root < 32 && !(ip->flags & BW_PLACEF_NUMBER) &&
                !text_in_members(ip->flags) &&
                bw_ir_str(C->tu, ip->path)[0] == '\0')
                pf->text_params |= 1u << ip->root;
        }
        pf->text_params_known = true;
    }
    return pf->text_params;
}

/* Whether a new member slot would take one of the last free slots, which
 * wait for the parameters' own slots: a function reading more members
 * than there are slots (libxml2's error helpers read a dozen members of
 * each handle) left its last parameters no slot at all, and what they
 * received became data of unknown origin.  A parameter with its own slot
 * always has an enclosing slot for its members. */
static bool members_must_wait(fctx *C)
{
    const pfunc *pf = C->pf;
    uint32_t free_slots = NSLOTS - pf->nslots;
    if (free_slots > C->f->nparams + 1)
        return false;
    uint32_t waiting = text_params(C);
    for (uint32_t i = 0; i < pf->nslots; i++)
        if (pf->slots[i].param < 32 && pf->slots[i].len == 0)
            waiting &= ~(1u << pf->slots[i].param);
    return waiting != 0 && free_slots <= (uint32_t)__builtin_popcount(waiting);
}

static int slot_for(fctx *C, uint32_t param, const char *path)
{
    pfunc *pf = C->pf;
    size_t len = strlen(path);
    for (uint32_t i = 0; i < pf->nslots; i++)
        if (slot_is(&pf->slots[i], param, path, len))
            return (int)i;
    if (pf->nslots < NSLOTS && C->explain_slot == 0) {
        if (len > 0 && members_must_wait(C)) {
            /* the last free slots are the parameters' own: this member
             * shares its parameter's (found below, or made here) */
            if (param < 32 && (text_params(C) & (1u << param)) && !param_has_root_slot(pf, param))
                return slot_for(C, param, "");
            goto enclosing;
        }
        char *p = bw_strdup(path);
        if (p == NULL) {
            C->oom = true;
            return -1;
        }
        pf->slots[pf->nslots] = (slotdef){param, p, (uint32_t)len, NULL, NULL};
        return (int)pf->nslots++;
    }
enclosing:;
    /* out of slots: the nearest enclosing member that has one stands for
     * this one (".a.b.c" -> ".a.b" -> ".a" -> the parameter itself); the
     * whole object only as a last resort, since it conflates every member */
    int best = -1;
    size_t best_len = 0;
    for (uint32_t i = 0; i < pf->nslots; i++) {
        const slotdef *sd = &pf->slots[i];
        size_t n = sd->len;
        if (sd->param != param || strncmp(sd->path, path, n) != 0 || (path[n] != '\0' && path[n] != '.'))
            continue;
        if (best < 0 || n > best_len) {
            best = (int)i;
            best_len = n;
        }
    }
    return best;
}

static const gstore_ent *gstore_get(const bw_program *P, const char *key)
{
    uint32_t i = bw_strmap_get(&P->gindex, key);
    return i == BW_NONE ? NULL : &P->gstore[i];
}

/* Values stored in globals are kept per member ("USR.member.sub", a
 * place's key without its kind letter), so a library's one exported setter
 * of one configuration member does not make every member of its
 * configuration struct unknown text.  A member holds what was stored in it
 * and in every object enclosing it (a whole-struct copy); calls `fn` for
 * each of those store entries that exists. */
static void gstore_each_enclosing(const bw_program *P, const char *key, size_t rootlen,
                                  void (*fn)(const gstore_ent *, void *), void *ctx)
{
    char small[256];
    size_t len = strlen(key);
    char *buf = len < sizeof small ? small : bw_malloc(len + 1);
    if (buf == NULL)
        return;
    memcpy(buf, key, len + 1);
    for (size_t n = rootlen; n <= len; n++) {
        if (n < len && buf[n] != '.')
            continue;
        char c = buf[n];
        buf[n] = '\0';
        const gstore_ent *g = gstore_get(P, buf);
        buf[n] = c;
        if (g != NULL)
            fn(g, ctx);
    }
    if (buf != small)
        bw_free(buf);
}

/* The store key of a global place: its key without the kind letter. */
static const char *global_key(const char *place_key) { return place_key + 1; }

static void initial_value_compute(fctx *C, uint32_t place, tv *out);
static size_t field_rootlen(const char *field);
static bool field_filled(const fctx *C, uint32_t place);
static void note_fdep(fctx *C, const char *field, uint8_t kinds);
static void sum_glob_join(fctx *C, summary *sm, const char *key, const tv *v, bool through);

/* The value a place has before the function writes it (computed once). */
static void initial_value(fctx *C, uint32_t place, tv *out)
{
    aplace *a = &C->pl[place];
    if (!a->init_done) {
        initial_value_compute(C, place, &a->init);
        a = &C->pl[place]; /* the table may have grown */
        a->init_done = true;
    }
    *out = a->init;
}

struct global_read {
    fctx *C;
    tv *out;
};

static void global_read_one(const gstore_ent *g, void *ctx)
{
    struct global_read *gr = ctx;
    if (tv_empty(&g->v))
        return;
    tv v = g->v;
    v.why = import_chain(gr->C, 0, &g->why);
    tv_join(gr->out, &v);
}

/* The step "'name' comes from the caller of f()" that starts the chains of
 * slot s in this analysis (memo_stepf's, keyed by the slot: the first place
 * read names it).  Its message is kept in the slot between analyses, for
 * the same name: each analysis formatted it again (~0.1 million on
 * SQLite). */
static uint32_t slot_step(fctx *C, uint32_t s, const char *name)
{
    uint32_t hit = memo_get(C, step_key(SLOT_STEP + s, 0, "P"));
    if (hit != 0)
        return hit;
    slotdef *sd = &C->pf->slots[s];
    if (sd->msg == NULL || strcmp(sd->msg_name, name) != 0) {
        char *copy = bw_strdup(name);
        const char *msg = step_msg(C->P, "'%s' comes from the caller of %s()", name, S(C, C->f->name));
        if (copy == NULL || msg == NULL) {
            bw_free(copy);
            C->oom = true;
            return 0;
        }
        bw_free(sd->msg_name);
        sd->msg_name = copy;
        sd->msg = msg;
    }
    return memo_step(C, SLOT_STEP + s, 0, "P", sd->msg, 0);
}

/* The kinds for which the rows of `fn` settle at every call what argument
 * `arg` may carry: an unconditional sink row naming it checks each call,
 * and a statement or blob handle's row says no SQL text goes in through
 * the handle (sqlite3_step() runs SQL checked where it was prepared).  A
 * row about the return value only (strerror()) settles nothing about the
 * arguments. */
static unsigned contract_kinds(bw_program *P, const char *fn, uint32_t arg)
{
    size_t n = 0;
    const bw_know *const *rows = bw_kdb_lookup(P->kdb, fn, &n);
    unsigned kinds = 0;
    /* a row that is a sink only under a condition (exec of a shell, stdout
     * in a CGI program) does not check every call */
    const unsigned conditional = BW_KF_SHELL_EXEC | BW_KF_CGI | BW_KF_STREAM | BW_KF_FD;
    for (size_t i = 0; i < n; i++) {
        const bw_know *r = rows[i];
        if (r->arg < 0 || (uint32_t)r->arg != arg)
            continue;
        if (r->role == BW_ROLE_TRUSTED && (r->flags & BW_KF_SQL_HANDLE))
            kinds |= 1u << BW_TAINT_SQL;
        else if (r->role == BW_ROLE_SINK && !(r->flags & conditional))
            kinds |= r->kinds;
    }
    return kinds;
}

/* A function called through a pointer whose recursive component is
 * large keeps one view, parameters of unknown origin for every call: two
 * views made the components of SQLite's code generator (57 to 83
 * functions) settle their summaries with slots at a cost of 40% of the
 * whole run (docs/performance-checkers.md, session 18). */
static bool one_view_only(const pfunc *pf)
{
    return pf->addr_taken && pf->in_scc != 0 && pf->scc_size > TWO_VIEWS_MAX_COMPONENT;
}

static void initial_value_compute(fctx *C, uint32_t place, tv *out)
{
    memset(out, 0, sizeof(*out));
    aplace *a = &C->pl[place];
    if (C->explain_slot != 0) {
        /* only the explained slot carries data */
        if (a->kind != BW_PLACE_PARAM || (place < C->f->nplaces && (C->f->places[place].flags & BW_PLACEF_NUMBER)) ||
            slot_for(C, a->param, a->path) != (int)C->explain_slot - 1)
            return;
        for (int k = 0; k < NK; k++)
            out->k[k] = SLOTBIT(C->explain_slot - 1);
        out->why = memo_stepf(C, SLOT_STEP + C->explain_slot - 1, 0, "P", 0, "'%s' comes from the caller of %s()",
                              a->name, S(C, C->f->name));
        return;
    }
    if (a->kind == BW_PLACE_PARAM) {
        pfunc *pf = C->pf;
        const bw_ir_func *f = C->f;
        /* a number from the caller carries no text (and needs no slot:
         * a large function reading many numeric members of its parameter
         * ran out of slots and fell back to the whole object) */
        if (place < f->nplaces && (f->places[place].flags & BW_PLACEF_NUMBER))
            return;
        /* nor does a member that is a handle (`p->pConfig`): its own members
         * have their own slots; reading `pC->zContent` after `pC =
         * p->pConfig` reads p->pConfig->zContent, not "the caller's whole
         * config object" */
        if (place < f->nplaces && (f->places[place].flags & BW_PLACEF_HANDLE) && a->path[0] != '\0')
            return;
        const char *pname = a->param < f->nparams ? S(C, f->param_names[a->param]) : "...";
        if (pf->fmt_param >= 0 && a->param == (uint32_t)pf->fmt_param)
            return; /* a format parameter: the compiler checks the callers */
        if (f->is_main && (a->param == 1 || a->param == 2)) {
            for (int k = 0; k < NK; k++)
                out->k[k] = O_SRC;
            out->why = memo_stepf(C, 0x7fffff00u + a->param, 0, "A", 0, "'%s' holds the %s (untrusted input)", pname,
                                         a->param == 1 ? "command-line arguments" : "environment");
            return;
        }
        if (!pf->has_callers || C->pointer_view || one_view_only(pf)) {
            /* a parameter that a sink row of the function itself names (a
             * library's own sqlite3_exec(), an annotated BW_SINK wrapper)
             * is checked at every call against that row, and a statement
             * handle's row (the library's own sqlite3_step()) says that no
             * SQL text comes in through it: for the row's kinds, what it
             * receives from callers nobody sees is the contract's, not
             * data of unknown origin to report again inside the body.  Its
             * other kinds, and other parameters, stay unknown. */
            unsigned contract = pf->overridden ? contract_kinds(C->P, pf->qual, a->param) : 0;
            /* a handle (a pointer to a struct) is not text of unknown origin:
             * its members are, each with its own initial value; giving the
             * whole object the unknown origin made every statement or index
             * handle a carrier of "unknown SQL" (docs/triage.md, FP-handle).
             * A std::string's text is the object's own (`const std::string
             * &q` of an entry point was silent where `const char *q` is
             * not). */
            if (place < f->nplaces && text_in_members(f->places[place].flags))
                return;
            bool any = false;
            for (int k = 0; k < NK; k++) {
                out->k[k] = (contract & (1u << k)) ? 0 : O_UNK;
                any |= out->k[k] != 0;
            }
            if (!any)
                return;
            out->why = memo_stepf(C, 0x7ffffe00u + a->param, 0, "U", 0, "'%s' is a parameter of %s(), which %s; its origin is unknown",
                                         pname, S(C, f->name),
                                         pf->addr_taken ? "is called through a pointer" :
                                                          "has no caller in the compile database");
            return;
        }
        int s = slot_for(C, a->param, a->path);
        if (s < 0) {
            for (int k = 0; k < NK; k++)
                out->k[k] = O_UNK;
            out->why = memo_stepf(C, 0x7ffffc00u + a->param, 0, "U", 0,
                                  "'%s' is a parameter of %s(), which reads more parameters and members than the "
                                  "analysis keeps apart (%d); its origin is unknown",
                                  pname, S(C, f->name), NSLOTS);
            return;
        }
        for (int k = 0; k < NK; k++)
            out->k[k] = SLOTBIT(s);
        out->why = slot_step(C, (uint32_t)s, a->name);
        return;
    }
    if (a->kind == BW_PLACE_GLOBAL && a->gkey != NULL) {
        struct global_read gr = {C, out};
        gstore_each_enclosing(C->P, global_key(a->key), strlen(a->gkey), global_read_one, &gr);
    }
}

/* ---- field-based member values -------------------------------------------- */

/*
 * Every store of a non-number into a struct member (an IR place with a
 * field, "<record USR>.member") is also kept for the field itself, program
 * wide, in the global store (keys that are field strings cannot be a
 * global's: a struct's USR is not a variable's).  A store of a whole
 * struct (a copy, memcpy into *p) is kept under the record type.  A
 * caller's data stored there counts as data of unknown origin (following
 * it into the callers, as for globals, made the summaries of SQLite's
 * recursive code generator grow round after round).  The join of what is
 * stored in a field is an upper bound of what any read of it can see,
 * however the object was reached; so a member read carries nothing of a
 * kind that no store of its field carries — not the unknown origin of a
 * parameter of a function called through a pointer, nor a taint that the
 * access path smeared over the whole object (docs/triage.md FP-fts5cfg,
 * FP-vtabobj).  Only for fields the program stores into at all
 * (P->filled): members of records that a library fills (declared in
 * system headers, or never written by the program) keep their value.
 * Reads capped while the store was still empty are analysed again when it
 * grows in the kinds they cut (struct fdep).
 */
static size_t field_rootlen(const char *field)
{
    const char *d = strrchr(field, '.');
    return d != NULL ? (size_t)(d - field) : strlen(field);
}

/* Whether the program stores into this member place's field (or whole
 * record). */
static bool field_filled(const fctx *C, uint32_t place)
{
    if (place >= C->f->nplaces)
        return false;
    const aplace *a = &C->pl[place];
    if (a->field == NULL || (a->flags & BW_PLACEF_NUMBER))
        return false;
    if (bw_strmap_get(&C->P->filled, a->field) != BW_NONE)
        return true;
    char rec[256];
    size_t n = field_rootlen(a->field);
    if (n >= sizeof rec)
        return false;
    memcpy(rec, a->field, n);
    rec[n] = '\0';
    return bw_strmap_get(&C->P->filled, rec) != BW_NONE;
}

static void field_bound_one(const gstore_ent *g, void *ctx) { tv_join(ctx, &g->v); }

/* What the program's store holds for a field (and its whole record). */
static void field_stored(const bw_program *P, const char *field, tv *out)
{
    memset(out, 0, sizeof(*out));
    gstore_each_enclosing(P, field, field_rootlen(field), field_bound_one, out);
}

/* This analysis read the program's store of `field` for `kinds`: when the
 * store holds more of those kinds, the function runs again
 * (reads_grown_global). */
static void note_fdep(fctx *C, const char *field, uint8_t kinds)
{
    pfunc *pf = C->pf;
    if (C->explain_slot != 0)
        return; /* an explanation changes nothing the fixpoint depends on */
    for (uint32_t i = 0; i < pf->nfdeps; i++)
        if (pf->fdeps[i].field == field) {
            pf->fdeps[i].kinds |= kinds;
            return;
        }
    if (!bw_ir_grow((void **)&pf->fdeps, &pf->capfdeps, pf->nfdeps + 1, sizeof(struct fdep))) {
        C->oom = true;
        return;
    }
    struct fdep *d = &pf->fdeps[pf->nfdeps++];
    d->field = field;
    d->kinds = kinds;
    field_stored(C->P, field, &d->seen);
    pf->reads_globals = true;
}

/* Whether a field's store holds more of the kinds an analysis read. */
static bool fdep_grew(const bw_program *P, const struct fdep *d)
{
    tv now;
    field_stored(P, d->field, &now);
    for (int k = 0; k < NK; k++)
        if ((d->kinds & (1u << k)) && (now.k[k] & ~d->seen.k[k]))
            return true;
    return false;
}

/* The kinds no store of the place's field carries (so far: the program's
 * store, and this function's own stores before they are merged into it). */
static uint8_t field_capmask(fctx *C, uint32_t place)
{
    uint32_t n = C->f->nplaces;
    if (C->cap_gen == NULL) {
        C->capmask = bw_calloc(n + 1, 1);
        C->cap_gen = bw_calloc(n + 1, sizeof(uint32_t));
        if (C->capmask == NULL || C->cap_gen == NULL) {
            C->oom = true;
            return 0;
        }
    }
    if (C->cap_gen[place] == C->cap_now + 1)
        return C->capmask[place];
    uint8_t mask = 0;
    if (field_filled(C, place)) {
        const char *field = C->pl[place].field;
        size_t rl = field_rootlen(field);
        tv b;
        field_stored(C->P, field, &b);
        for (uint32_t i = 0; i < C->fstores.nglobs; i++) {
            const char *k = C->fstores.globs[i].key;
            if (strcmp(k, field) == 0 || (strlen(k) == rl && strncmp(k, field, rl) == 0))
                tv_join(&b, &C->fstores.globs[i].v);
        }
        for (int k = 0; k < NK; k++)
            if (b.k[k] == 0)
                mask |= (uint8_t)(1u << k);
    }
    C->capmask[place] = mask;
    C->cap_gen[place] = C->cap_now + 1;
    return mask;
}

/* A member read: no more than its field's stores carry. */
static void field_cap(fctx *C, uint32_t place, tv *v)
{
    /* a handle's or a number's value is not the text the cap is about */
    if (place >= C->f->nplaces || C->pl[place].field == NULL || tv_empty(v) ||
        (C->pl[place].flags & (BW_PLACEF_HANDLE | BW_PLACEF_NUMBER)))
        return;
    uint8_t mask = field_capmask(C, place);
    uint8_t cut = 0;
    for (int k = 0; k < NK; k++)
        if ((mask & (1u << k)) && v->k[k]) {
            v->k[k] = 0;
            cut |= (uint8_t)(1u << k);
        }
    if (cut) {
        note_fdep(C, C->pl[place].field, cut);
        if (tv_empty(v))
            v->why = 0;
    }
}

/* A store into a member (or, `whole`, into a whole struct): the field's
 * (or record's) program-wide value grows. */
static void note_field_write(fctx *C, uint32_t place, const tv *v, bool whole)
{
    if (place >= C->f->nplaces || tv_empty(v))
        return;
    const aplace *a = &C->pl[place];
    if (a->flags & BW_PLACEF_NUMBER)
        return;
    /* a caller's data (a slot) stored here is not followed into the callers
     * (that made the summaries of recursive code generators grow round
     * after round): it counts as data of unknown origin */
    tv w = *v;
    for (int k = 0; k < NK; k++)
        if (w.k[k] & ~O_CONCRETE)
            w.k[k] = (w.k[k] & O_CONCRETE) | O_UNK;
    if (a->field != NULL)
        sum_glob_join(C, &C->fstores, a->field, &w, true);
    if (whole && a->rtype != NULL)
        sum_glob_join(C, &C->fstores, a->rtype, &w, true);
    if (a->field != NULL || (whole && a->rtype != NULL))
        C->cap_now++;
}

/* ---- states ------------------------------------------------------------- */

static ent *st_find(const state *s, uint32_t place)
{
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->e[mid].place < place)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->e[lo].place == place ? &s->e[lo] : NULL;
}

/* ---- the state index ---------------------------------------------------- */

/* Looking places up in a state was a binary search each time: ~18 million
 * on SQLite, 7% of a cold run.  One state at a time (the one the transfer
 * functions work on) has a direct index, rebuilt when another state is
 * asked about or the state changed in a way the index did not follow. */

static inline bool ix_valid(const fctx *C, const state *s)
{
    return C->ix_state == s && C->ix_e == s->e && C->ix_n == s->n && C->ix_version == s->version;
}

static void ix_follow(fctx *C, const state *s)
{
    C->ix_state = s;
    C->ix_e = s->e;
    C->ix_n = s->n;
    C->ix_version = s->version;
}

/* ix_pos has a slot for `place` (new slots 0). */
static bool ix_reserve(fctx *C, uint32_t place)
{
    if (place < C->ix_cap)
        return true;
    uint32_t ncap = C->ix_cap ? C->ix_cap : 256;
    while (ncap <= place)
        ncap *= 2;
    uint32_t *np = bw_reallocarray(C->ix_pos, ncap, sizeof(uint32_t));
    if (np == NULL)
        return false;
    memset(np + C->ix_cap, 0, sizeof(uint32_t) * (ncap - C->ix_cap));
    C->ix_pos = np;
    C->ix_cap = ncap;
    return true;
}

static bool ix_list_add(fctx *C, uint32_t place)
{
    if (!bw_ir_grow((void **)&C->ix_list, &C->ix_caplist, C->ix_nlist + 1, sizeof(uint32_t)))
        return false;
    C->ix_list[C->ix_nlist++] = place;
    return true;
}

/* Makes the index describe `s`; false when out of memory. */
static bool ix_rebuild(fctx *C, const state *s)
{
    for (uint32_t i = 0; i < C->ix_nlist; i++)
        C->ix_pos[C->ix_list[i]] = 0;
    C->ix_nlist = 0;
    C->ix_state = NULL;
    if (s->n > 0 && !ix_reserve(C, s->e[s->n - 1].place))
        return false;
    if (!bw_ir_grow((void **)&C->ix_list, &C->ix_caplist, s->n + 1, sizeof(uint32_t)))
        return false;
    for (uint32_t i = 0; i < s->n; i++) {
        C->ix_pos[s->e[i].place] = i + 1;
        C->ix_list[i] = s->e[i].place;
    }
    C->ix_nlist = s->n;
    ix_follow(C, s);
    return true;
}

/* Entries from `from` on moved (an insertion or a removal at `from`): an
 * index that described `s` just before follows, or is dropped. */
static void ix_moved(fctx *C, const state *s, bool had, uint32_t from)
{
    if (!had)
        return;
    if (C->ix_nlist > 2 * s->n + 64) { /* removed places pile up in the list */
        C->ix_state = NULL;
        return;
    }
    for (uint32_t k = from; k < s->n; k++)
        C->ix_pos[s->e[k].place] = k + 1;
    ix_follow(C, s);
}

/* The index describes `s` (false when out of memory: lookups then search). */
static inline bool ix_build(fctx *C, const state *s)
{
    return ix_valid(C, s) || ix_rebuild(C, s);
}

/* The entry for `place` in `s` when the index describes `s`. */
static inline ent *ix_entry(const fctx *C, const state *s, uint32_t place)
{
    uint32_t i = place < C->ix_cap ? C->ix_pos[place] : 0;
    return i != 0 ? &s->e[i - 1] : NULL;
}

/* The entry for `place` in `s`, or NULL. */
static inline ent *st_lookup(fctx *C, const state *s, uint32_t place)
{
    return ix_build(C, s) ? ix_entry(C, s, place) : st_find(s, place);
}

/* needs_initial of an entry's place. */
static inline bool ent_needs_initial(const ent *e)
{
    return e->pk == BW_PLACE_PARAM || e->pk == BW_PLACE_GLOBAL;
}

static bool needs_initial(const fctx *C, uint32_t place)
{
    uint8_t k = C->pl[place].kind;
    return k == BW_PLACE_PARAM || k == BW_PLACE_GLOBAL;
}

/* The entry for place, created with its initial value when absent. */
static ent *st_get(fctx *C, state *s, uint32_t place)
{
    bool had = ix_build(C, s);
    if (had) {
        uint32_t i = place < C->ix_cap ? C->ix_pos[place] : 0;
        if (i != 0)
            return &s->e[i - 1];
    }
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->e[mid].place < place)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n && s->e[lo].place == place)
        return &s->e[lo];
    if (!bw_ir_grow((void **)&s->e, &s->cap, s->n + 1, sizeof(ent))) {
        C->oom = true;
        return NULL;
    }
    memmove(&s->e[lo + 1], &s->e[lo], sizeof(ent) * (s->n - lo));
    s->n++;
    s->version++;
    ent *e = &s->e[lo];
    memset(e, 0, sizeof(*e));
    e->place = place;
    e->pk = C->pl[place].kind;
    if (had && (!ix_reserve(C, place) || !ix_list_add(C, place)))
        had = false; /* the index is rebuilt at the next lookup */
    ix_moved(C, s, had, lo);
    if (needs_initial(C, place))
        initial_value(C, place, &e->v);
    return e;
}

static bool st_copy(state *d, const state *s)
{
    if (!bw_ir_grow((void **)&d->e, &d->cap, s->n + 1, sizeof(ent)))
        return false;
    if (s->n > 0)
        memcpy(d->e, s->e, sizeof(ent) * s->n);
    d->n = s->n;
    d->live = s->live;
    d->any_muted = s->any_muted;
    d->any_copy = s->any_copy;
    d->version++;
    return true;
}

/* Adds link p, muted or not; a link both muted and not is read. */
static void pts_add_m(ent *e, uint32_t p, bool muted)
{
    for (uint8_t i = 0; i < e->npts; i++) {
        if (e->pts[i] == p) {
            if (!muted)
                e->muted &= (uint8_t)~(1u << i);
            return;
        }
    }
    if (e->npts < MAXPTS) {
        if (muted)
            e->muted |= (uint8_t)(1u << e->npts);
        e->pts[e->npts++] = p;
    }
}

static void pts_add(ent *e, uint32_t p)
{
    pts_add_m(e, p, false);
}

static inline bool link_read(const ent *e, uint8_t k)
{
    return !((e->muted >> k) & 1u);
}

static inline bool same_pts(const ent *a, const ent *b)
{
    return a->npts == b->npts && (a->npts == 0 || memcmp(a->pts, b->pts, sizeof(uint32_t) * a->npts) == 0);
}

/* Whether joining `se` into `e` can change nothing: the same bits, `why`,
 * points-to and written flag (most entries at a merge are copies of one
 * value; this is much cheaper than the join that would find no change). */
static inline bool ent_same(const ent *e, const ent *se)
{
    return e->v.why == se->v.why && e->written == se->written && e->addr_only == se->addr_only &&
           e->muted == se->muted && e->copy == se->copy && e->copied == se->copied && tv_same_bits(&e->v, &se->v) &&
           same_pts(e, se);
}

/* The joined entry of a place present in both states (callers skip the
 * call when ent_same: ~24 million joins on SQLite, most of them no-ops). */
static bool ent_join(ent *e, const ent *se)
{
    tv before = e->v;
    uint8_t np = e->npts, w = e->written, ao = e->addr_only, mu = e->muted, cp = e->copy, cd = e->copied;
    tv_join(&e->v, &se->v);
    for (uint8_t k = 0; k < se->npts; k++)
        pts_add_m(e, se->pts[k], !link_read(se, k));
    e->written |= se->written;
    e->addr_only &= se->addr_only;
    e->copy &= se->copy;
    e->copied |= se->copied;
    return !tv_same_bits(&before, &e->v) || np != e->npts || w != e->written || ao != e->addr_only || mu != e->muted ||
           cp != e->copy || cd != e->copied;
}

/* A place of `d` that `s` lacks has its initial value there. */
static bool ent_join_initial(fctx *C, ent *e)
{
    if (!ent_needs_initial(e))
        return false;
    tv init, before = e->v;
    initial_value(C, e->place, &init);
    tv_join(&e->v, &init);
    return !tv_same_bits(&before, &e->v);
}

/* Joins `s` into `d` when every place of `s` is already in `d` (st_scan). */
static bool st_join_in_place(fctx *C, state *d, const state *s, bool *changed)
{
    uint32_t i = 0;
    for (uint32_t j = 0; j <= s->n; j++) {
        uint32_t stop = j < s->n ? s->e[j].place : UINT32_MAX;
        for (; i < d->n && d->e[i].place < stop; i++)
            if (ent_join_initial(C, &d->e[i]))
                *changed = true;
        if (j < s->n) {
            ent *de = &d->e[i++];
            if (!ent_same(de, &s->e[j]) && ent_join(de, &s->e[j]))
                *changed = true;
        }
    }
    return true;
}

/* ---- links that only one side of a join has ---------------------------- */

/* `q = "SELECT 1"; if (ok(s)) q = s;`: after the if, q points to s on one
 * path only, and s is checked on that path only.  A state keeps one value
 * and one points-to set per place, so the joined q would read, through its
 * link, s's unchecked value from the path where q never pointed to s.
 * When the side without the link holds more in the target than the side
 * with it, the join mutes the link: q keeps in its own value what it read
 * through it on the linked side, and reads nothing more through it until
 * the target is written (unmute_written).  Writes through q still go to
 * the target.  Only whole places without members are muted: a member read
 * through q (q->name) goes through its links. */
#define MAX_UNLINKS 8

typedef struct unlink_rec {
    uint32_t place, target;
    tv fold;       /* the target's value on the linked side */
    bool in_dest;  /* the link is the destination's (else the source's) */
} unlink_rec;

typedef struct unlinks {
    unlink_rec r[MAX_UNLINKS];
    uint32_t n;
} unlinks;

/* What `place` holds in `s`: its entry, else its initial value or nothing. */
static void value_in(fctx *C, const state *s, uint32_t place, tv *out)
{
    const ent *e = st_find(s, place);
    if (e != NULL)
        *out = e->v;
    else if (needs_initial(C, place))
        initial_value(C, place, out);
    else
        memset(out, 0, sizeof(*out));
}

/* Whether e reads through a link to p. */
static bool reads_through(const ent *e, uint32_t p)
{
    for (uint8_t i = 0; i < e->npts; i++)
        if (e->pts[i] == p)
            return link_read(e, i);
    return false;
}

static bool memberless(const fctx *C, uint32_t place)
{
    const aplace *a = &C->pl[place];
    return a->pathlen == 0 && C->pl[a->root].nfamily <= 1;
}

static void read_local(fctx *C, const state *s, uint32_t place, tv *out);
static bool path_related_n(const char *a, size_t la, const char *b, size_t lb);

/* A target a link may be muted to: a variable without tracked members,
 * or a member without them that is not a record or a pointer to one
 * (`q = ok(r->table) ? r->table : "main"`), nor a member of an array's
 * elements, which are one place (`rs[0].name` is `rs[1].name`).  Either
 * may gain members later (a cast: `((struct hdr *)r.name)->k`): a write
 * into one unmutes its link (unmute_written). */
static bool mutable_target(const fctx *C, uint32_t o)
{
    if (memberless(C, o))
        return true;
    const aplace *a = &C->pl[o];
    if (a->pathlen == 0 || (a->flags & (BW_PLACEF_RECORD | BW_PLACEF_HANDLE)))
        return false;
    const aplace *r = &C->pl[a->root];
    if (r->flags & BW_PLACEF_ARRAY)
        return false;
    for (uint32_t i = 0; i < r->nfamily; i++) {
        const aplace *q = &C->pl[r->family[i]];
        if (q->pathlen > a->pathlen && path_related_n(q->path, q->pathlen, a->path, a->pathlen))
            return false;
        if (q->pathlen < a->pathlen && q->pathlen > 0 && (q->flags & BW_PLACEF_ARRAY) &&
            path_related_n(q->path, q->pathlen, a->path, a->pathlen))
            return false;
    }
    return true;
}

/* What reading through a link to target o gives in s: a member's value
 * includes what its enclosing objects hold (read_local). */
static void target_value(fctx *C, const state *s, uint32_t o, tv *out)
{
    if (C->pl[o].pathlen == 0) {
        value_in(C, s, o, out);
        return;
    }
    memset(out, 0, sizeof(*out));
    read_local(C, s, o, out);
}

/* The links `le` (an entry of `ls`) reads through and `oe` (the same
 * place's entry in `os`, or NULL) does not, where os holds more in the
 * target than ls. */
static void note_one_sided(fctx *C, const ent *le, const state *ls, const ent *oe, const state *os,
                           bool in_dest, unlinks *u)
{
    if (!memberless(C, le->place))
        return;
    for (uint8_t k = 0; k < le->npts && u->n < MAX_UNLINKS; k++) {
        uint32_t o = le->pts[k];
        if (!link_read(le, k) || (oe != NULL && reads_through(oe, o)) || !mutable_target(C, o))
            continue;
        tv lv, ov;
        target_value(C, ls, o, &lv);
        target_value(C, os, o, &ov);
        if (!tv_within(&ov, &lv))
            u->r[u->n++] = (unlink_rec){le->place, o, lv, in_dest};
    }
}

/* One walk over both states, sorted by place: whether every place of `s`
 * is in `d` (the common case at loop heads and merges: the join needs no
 * new array), and the one-sided links of the join into *u. */
static bool st_scan(fctx *C, const state *d, const state *s, unlinks *u)
{
    bool subset = true;
    uint32_t i = 0, j = 0;
    while (i < d->n || j < s->n) {
        if (j >= s->n || (i < d->n && d->e[i].place < s->e[j].place)) {
            if (d->e[i].npts > 0)
                note_one_sided(C, &d->e[i], d, NULL, s, true, u);
            i++;
        } else if (i >= d->n || s->e[j].place < d->e[i].place) {
            subset = false;
            if (s->e[j].npts > 0)
                note_one_sided(C, &s->e[j], s, NULL, d, false, u);
            j++;
        } else {
            const ent *de = &d->e[i], *se = &s->e[j];
            if ((de->npts | se->npts) != 0 && (!same_pts(de, se) || de->muted != se->muted)) {
                note_one_sided(C, de, d, se, s, true, u);
                note_one_sided(C, se, s, de, d, false, u);
            }
            i++;
            j++;
        }
    }
    return subset;
}

/* Mutes the link r names in `st`, folding what it read into the entry's
 * value; whether the entry changed. */
static bool mute_link(state *st, const unlink_rec *r)
{
    ent *e = st_find(st, r->place);
    if (e == NULL)
        return false;
    bool changed = false;
    for (uint8_t i = 0; i < e->npts; i++) {
        if (e->pts[i] == r->target && link_read(e, i)) {
            e->muted |= (uint8_t)(1u << i);
            changed = true;
        }
    }
    st->any_muted = true;
    tv before = e->v;
    tv_join(&e->v, &r->fold);
    return changed || !tv_same_bits(&before, &e->v);
}

/* After a write into the places in written[0..n) (and what they point
 * to), the links to them are read through again: what q reads through a
 * muted link is the target's value at the merge, and a write after it
 * (strcat(s, more)) must reach q's readers. */
static bool encloses(const fctx *C, uint32_t outer, uint32_t inner)
{
    const aplace *a = &C->pl[outer], *b = &C->pl[inner];
    return a->root == b->root && a->pathlen < b->pathlen && path_related_n(a->path, a->pathlen, b->path, b->pathlen);
}

static void unmute_written(const fctx *C, state *s, const uint32_t *written, uint32_t n)
{
    if (!s->any_muted || n == 0)
        return;
    for (uint32_t e = 0; e < s->n; e++) {
        ent *en = &s->e[e];
        for (uint8_t k = 0; en->muted != 0 && k < en->npts; k++) {
            if (link_read(en, k))
                continue;
            uint32_t o = en->pts[k];
            bool hit = false;
            for (uint32_t w = 0; w < n && !hit; w++)
                hit = written[w] == o || encloses(C, written[w], o) || encloses(C, o, written[w]);
            const ent *oe = hit ? NULL : st_find(s, o);
            for (uint8_t m = 0; oe != NULL && m < oe->npts && !hit; m++)
                for (uint32_t w = 0; w < n && !hit; w++)
                    hit = written[w] == oe->pts[m];
            if (hit)
                en->muted &= (uint8_t)~(1u << k);
        }
    }
}

static bool st_join_plain(fctx *C, state *d, const state *s, bool subset);

/* Joins `s` into `d`; returns true when d changed (bits or points-to).
 * Both are sorted by place: one linear merge.  A place present on one side
 * only has its initial value on the other (parameters, globals) or nothing. */
static bool st_join(fctx *C, state *d, const state *s)
{
    if (!s->live)
        return false;
    if (!d->live) {
        if (!st_copy(d, s))
            C->oom = true;
        d->live = true;
        return true;
    }
    unlinks u = {.n = 0};
    bool subset = st_scan(C, d, s, &u);
    d->any_muted |= s->any_muted || u.n > 0;
    d->any_copy |= s->any_copy;
    if (u.n == 0)
        return st_join_plain(C, d, s, subset);
    /* mute the destination's links in place and the source's in a copy */
    bool changed = false, from_source = false;
    for (uint32_t k = 0; k < u.n; k++) {
        if (u.r[k].in_dest)
            changed |= mute_link(d, &u.r[k]);
        else
            from_source = true;
    }
    if (!from_source)
        return st_join_plain(C, d, s, subset) || changed;
    state cut = {NULL, 0, 0, false, 0, false, false};
    if (!st_copy(&cut, s)) {
        C->oom = true;
        return changed;
    }
    for (uint32_t k = 0; k < u.n; k++)
        if (!u.r[k].in_dest)
            mute_link(&cut, &u.r[k]);
    changed |= st_join_plain(C, d, &cut, subset);
    bw_free(cut.e);
    return changed;
}

/* st_join without the muting of one-sided links; `subset`: st_scan found
 * every place of s in d (muting links adds no place). */
static bool st_join_plain(fctx *C, state *d, const state *s, bool subset)
{
    bool changed = false;
    if (subset) {
        st_join_in_place(C, d, s, &changed);
        return changed;
    }
    ent *out = NULL;
    uint32_t n = 0, cap = 0;
    if (!bw_ir_grow((void **)&out, &cap, d->n + s->n + 1, sizeof(ent))) {
        C->oom = true;
        return false;
    }
    uint32_t i = 0, j = 0;
    while (i < d->n || j < s->n) {
        if (j >= s->n || (i < d->n && d->e[i].place < s->e[j].place)) {
            ent e = d->e[i++];
            if (ent_needs_initial(&e)) {
                tv init;
                initial_value(C, e.place, &init);
                tv before = e.v;
                tv_join(&e.v, &init);
                if (!tv_same_bits(&before, &e.v))
                    changed = true;
            }
            out[n++] = e;
        } else if (i >= d->n || s->e[j].place < d->e[i].place) {
            ent e = s->e[j++];
            if (ent_needs_initial(&e)) {
                tv init;
                initial_value(C, e.place, &init);
                tv before = init;
                tv_join(&e.v, &init);
                if (!tv_same_bits(&before, &e.v) || e.npts || e.written)
                    changed = true;
                e.written = e.written; /* keep */
            } else {
                changed = true;
            }
            out[n++] = e;
        } else {
            ent e = d->e[i++];
            if (!ent_same(&e, &s->e[j]) && ent_join(&e, &s->e[j]))
                changed = true;
            j++;
            out[n++] = e;
        }
    }
    bw_free(d->e);
    d->e = out;
    d->n = n;
    d->cap = cap;
    d->version++;
    return changed;
}

/* Drops an entry that carries nothing (a clean local or temporary). */
static void st_drop_if_clean(fctx *C, state *s, uint32_t place)
{
    if (needs_initial(C, place))
        return;
    ent *e = st_lookup(C, s, place);
    if (e == NULL || !tv_empty(&e->v) || e->npts != 0 || e->written || e->copied)
        return;
    bool had = ix_valid(C, s);
    size_t idx = (size_t)(e - s->e);
    memmove(&s->e[idx], &s->e[idx + 1], sizeof(ent) * (s->n - idx - 1));
    s->n--;
    s->version++;
    if (had)
        C->ix_pos[place] = 0;
    ix_moved(C, s, had, (uint32_t)idx);
}

/* ---- reading and writing places ---------------------------------------- */

static bool path_related_n(const char *a, size_t la, const char *b, size_t lb)
{
    size_t m = la < lb ? la : lb;
    for (size_t i = 0; i < m; i++) /* paths are short: no strncmp call */
        if (a[i] != b[i])
            return false;
    if (la == lb)
        return true;
    return (la > lb ? a[lb] : b[la]) == '.';
}


/* The family members related to `place` (itself, enclosing objects,
 * members), extended only by the members added since it was last asked:
 * a family only grows at its end, so the list stays in family order. */
static const uint32_t *related(fctx *C, uint32_t place, uint32_t *n)
{
    aplace *a = &C->pl[place];
    aplace *r = &C->pl[a->root];
    if (a->rel_for != r->nfamily + 1) {
        uint32_t nf = r->nfamily;
        uint32_t from = a->rel_for != 0 ? a->rel_for - 1 : 0;
        if (from == 0)
            a->nrel = 0;
        /* a handle's value does not include its members (read_local) */
        bool handle = (a->flags & BW_PLACEF_HANDLE) != 0;
        for (uint32_t i = from; i < nf; i++) {
            uint32_t q = C->pl[a->root].family[i];
            const aplace *qa = &C->pl[q], *pa = &C->pl[place];
            if ((handle && qa->pathlen > pa->pathlen) || !path_related_n(qa->path, qa->pathlen, pa->path, pa->pathlen))
                continue;
            a = &C->pl[place];
            if (!bw_ir_grow((void **)&a->rel, &a->caprel, a->nrel + 1, sizeof(uint32_t))) {
                C->oom = true;
                break;
            }
            a->rel[a->nrel++] = q;
        }
        a = &C->pl[place];
        a->rel_for = nf + 1;
    }
    *n = a->nrel;
    return a->rel;
}

static void read_local(fctx *C, const state *s, uint32_t place, tv *out);

/* Whether q, an entry on the way to a member `plen` long, is a pointer to
 * records of its own type that the function has, taken by address on every
 * path (`r = &req`, `r = c ? &a : &b`), holding nothing but what they hold:
 * the member is then read in them (read_place), and the pointer's own
 * value, all they hold (every member of req), says nothing about this one
 * member.  A pointer that copies another (`n = head.next`), that also came
 * from elsewhere (`p = load(fd); if (!p) p = &def;`) or that points to
 * another type (`(struct base *)&derived`) still brings its value. */
static bool through_known_pointer(fctx *C, const state *s, const ent *e, uint32_t q, uint32_t plen)
{
    if (!e->addr_only || e->npts == 0 || e->npts >= MAXPTS || C->pl[q].pathlen >= plen || C->in_known_pointer ||
        (C->pl[q].flags & (BW_PLACEF_RECORD | BW_PLACEF_ARRAY)) || C->pl[q].rtype == NULL)
        return false;
    uint32_t targets[MAXPTS];
    uint8_t nt = e->npts;
    memcpy(targets, e->pts, sizeof(uint32_t) * nt);
    tv v = e->v, held;
    memset(&held, 0, sizeof(held));
    /* records of the pointer's own type: through a pointer to another
     * (`(struct base *)&derived`) the member is elsewhere in the target */
    for (uint8_t i = 0; i < nt; i++) {
        const aplace *t = &C->pl[targets[i]];
        if (!(t->flags & BW_PLACEF_RECORD) || t->rtype == NULL || strcmp(t->rtype, C->pl[q].rtype) != 0)
            return false;
    }
    C->in_known_pointer = true;
    for (uint8_t i = 0; i < nt; i++)
        read_local(C, s, targets[i], &held);
    C->in_known_pointer = false;
    return tv_within(&v, &held);
}

#define MAX_DEFERRED 8

static void read_local(fctx *C, const state *s, uint32_t place, tv *out)
{
    uint32_t deferred[MAX_DEFERRED];
    uint32_t ndeferred = 0;
    uint32_t nrel;
    const uint32_t *rel = related(C, place, &nrel);
    /* a handle's value is which object it designates, not the object's
     * members: those are read through their own paths (and the handle's
     * points-to targets), so copying a handle does not smear every member
     * of its object into whatever it is stored in; related() leaves them out */
    uint32_t plen = C->pl[place].pathlen;
    bool indexed = ix_build(C, s); /* nothing below changes the state */
    for (uint32_t i = 0; i < nrel; i++) {
        uint32_t q = rel[i];
        const ent *e = indexed ? ix_entry(C, s, q) : st_find(s, q);
        if (e != NULL && ndeferred + e->npts <= MAX_DEFERRED && through_known_pointer(C, s, e, q, plen)) {
            /* the member, in each target (read_place follows only the
             * place's own enclosing pointers, not those of a target's);
             * read after this loop, which reading would disturb */
            const char *rest = C->pl[place].path + C->pl[q].pathlen;
            for (uint8_t k = 0; k < e->npts; k++)
                deferred[ndeferred++] = place_with_path(C, e->pts[k], rest);
            continue;
        }
        if (e != NULL) {
            tv_join(out, &e->v);
        } else if (needs_initial(C, q) && C->pl[q].pathlen >= plen) {
            /* an enclosing object's own initial value says nothing about
             * this member: the member has its own */
            tv init;
            initial_value(C, q, &init);
            tv_join(out, &init);
        }
    }
    bool nested = C->in_known_pointer;
    C->in_known_pointer = true;
    for (uint32_t i = 0; i < ndeferred; i++)
        read_local(C, s, deferred[i], out);
    C->in_known_pointer = nested;
}

/* The member of place's root whose path is `path` up to `dot` (the j-th
 * enclosing member of `place`), or BW_NONE; remembered in the place, since
 * each read of a member ".a.b.c" asks for ".a" and ".a.b" (~1.5 million
 * string-keyed lookups on SQLite). */
static uint32_t enclosing_member(fctx *C, uint32_t place, unsigned j, const char *path, const char *dot)
{
    aplace *a = &C->pl[place];
    if (j < MAX_MIDS && a->mid_npl[j] != 0 && (a->mid[j] != BW_NONE || a->mid_npl[j] == C->npl + 1))
        return a->mid[j];
    uint32_t mid = place_by_key(C, C->pl[a->root].key, path, (size_t)(dot - path));
    if (j < MAX_MIDS && !C->oom) {
        a = &C->pl[place];
        a->mid[j] = mid;
        a->mid_npl[j] = C->npl + 1;
    }
    return mid;
}

/* The taint of what `place` holds or points to. */
static void read_place(fctx *C, state *s, uint32_t place, tv *out)
{
    read_local(C, s, place, out);
    uint32_t root = C->pl[place].root;
    const ent *re = st_lookup(C, s, root);
    const ent *pe = st_lookup(C, s, place);
    const char *path = C->pl[place].path;
    if (re != NULL) {
        for (uint8_t i = 0; i < re->npts; i++) {
            if (!link_read(re, i))
                continue;
            uint32_t o = path[0] ? place_with_path(C, re->pts[i], path) : re->pts[i];
            if (o != place)
                read_local(C, s, o, out);
        }
    }
    if (pe != NULL && pe != re) {
        for (uint8_t i = 0; i < pe->npts; i++)
            if (pe->pts[i] != place && link_read(pe, i))
                read_local(C, s, pe->pts[i], out);
    }
    /* a member reached through an enclosing member that points elsewhere
     * (`fr->v = p; ... fr->v->err` reads p->err) */
    unsigned j = 0;
    for (const char *dot = path[0] ? strchr(path + 1, '.') : NULL; dot != NULL; dot = strchr(dot + 1, '.'), j++) {
        uint32_t mid = enclosing_member(C, place, j, path, dot);
        const ent *me = mid != BW_NONE ? st_lookup(C, s, mid) : NULL;
        for (uint8_t i = 0; me != NULL && i < me->npts; i++) {
            uint32_t o = place_with_path(C, me->pts[i], dot);
            if (o != place)
                read_local(C, s, o, out);
        }
    }
}

/* The place that holds member place `p` (its path without the last
 * member: `r` for `r->node`, `x.a` for `x.a.node`), or BW_NONE. */
static uint32_t holder_of(fctx *C, uint32_t p)
{
    const aplace *a = &C->pl[p];
    const char *dot = a->pathlen > 0 ? strrchr(a->path, '.') : NULL;
    if (dot == NULL)
        return BW_NONE;
    return place_by_key(C, C->pl[a->root].key, a->path, (size_t)(dot - a->path));
}

/* Whether place p is the member `field` ("<record USR>.member") names: by
 * its field, or for a place made during the analysis (which has none) by
 * its last member's name. */
static bool place_is_field(const fctx *C, uint32_t p, const char *field)
{
    const aplace *a = &C->pl[p];
    if (a->field != NULL)
        return strcmp(a->field, field) == 0;
    const char *m = strrchr(field, '.'), *d = a->pathlen > 0 ? strrchr(a->path, '.') : NULL;
    return m != NULL && d != NULL && strcmp(m, d) == 0;
}

/* The record holding member place p when some container_of() of the
 * program goes back from that member (an intrusive list's node: the
 * pointer to it stands for the record), else BW_NONE. */
static uint32_t intrusive_holder(fctx *C, uint32_t p)
{
    aplace *a = &C->pl[p];
    if (a->intrusive == 0)
        a->intrusive = a->field != NULL && (a->flags & BW_PLACEF_RECORD) && C->P->containers.count > 0 &&
                               bw_strmap_get(&C->P->containers, a->field) != BW_NONE ? 2 : 1;
    return a->intrusive == 2 ? holder_of(C, p) : BW_NONE;
}

typedef struct aval {
    tv v;
    /* evaluated as leaving the function (C->escaping): what the records of
     * the intrusive nodes it points to hold; joined where the value is
     * stored, not where it is read (a callee reads a record's members
     * through its own paths) */
    tv held;
    uint32_t pts[MAXPTS];
    uint8_t npts;
    uint8_t muted;  /* bit k: pts[k] is a muted link copied from a variable */
    bool only_addr; /* every reference is an address taken (`&req`) */
    bool copy;      /* one place read, which is its one link (ent.copy) */
    uint32_t first_place; /* for messages: the first place read, or BW_NONE */
    uint8_t flags;
    const char *lit;
    /* more than one literal it can be (an array element): each of
     * cands[0..ncands) is a literal value; lit is the first */
    const bw_ir_val *cands;
    uint32_t ncands;
} aval;

static bool is_number(const aval *a) { return (a->flags & BW_VAL_ARITH) && !(a->flags & BW_VAL_CHAR); }

static void eval(fctx *C, state *s, const bw_ir_val *v, aval *out);

/* A number carries no text: of its origins only a real source (a character
 * read by getchar(), say) can still become text later. */
static void eval_value(fctx *C, state *s, const bw_ir_val *v, aval *out)
{
    eval(C, s, v, out);
    if (is_number(out)) {
        tv_keep_source(&out->v);
        if (tv_empty(&out->v))
            out->v.why = 0;
    }
}

/* container_of(p, T, member): each target of p that is that member
 * becomes the record holding it (a target that is not, such as a
 * parameter's pointee, stays: its members are read through it).  Its
 * members are read there; a pointer to it that leaves the function carries
 * what the record holds, as `&r` does. */
static void go_to_containers(fctx *C, state *s, const char *field, aval *out)
{
    for (uint8_t i = 0; i < out->npts; i++) {
        uint32_t h = place_is_field(C, out->pts[i], field) ? holder_of(C, out->pts[i]) : BW_NONE;
        if (h != BW_NONE) {
            out->pts[i] = h;
            if (C->escaping)
                read_place(C, s, h, &out->held);
        }
    }
}

static void eval(fctx *C, state *s, const bw_ir_val *v, aval *out)
{
    memset(out, 0, sizeof(*out));
    out->first_place = BW_NONE;
    out->flags = v->flags;
    out->lit = v->lit != BW_NONE ? S(C, v->lit) : NULL;
    if (out->lit == NULL && v->nrefs == 1 && !v->refs[0].addr && C->lit_of != NULL &&
        v->refs[0].place < C->f->nplaces && C->lit_of[v->refs[0].place] != BW_NONE) {
        out->lit = S(C, C->lit_of[v->refs[0].place]);
        out->flags |= BW_VAL_LITERAL;
    } else if (out->lit == NULL && v->nrefs == 1 && !v->refs[0].addr && C->elems_of != NULL &&
               v->refs[0].place < C->f->nplaces && C->elems_of[v->refs[0].place] != BW_NONE) {
        const bw_ir_insn *el = &C->f->insns[C->elems_of[v->refs[0].place]];
        out->cands = &el->vals[1];
        out->ncands = el->nvals - 1;
        out->lit = S(C, out->cands[0].lit);
        out->flags |= BW_VAL_LITERAL;
    }
    out->only_addr = v->nrefs > 0;
    for (uint32_t i = 0; i < v->nrefs; i++) {
        uint32_t p = v->refs[i].place;
        out->only_addr = out->only_addr && v->refs[i].addr;
        if (p >= C->npl)
            continue;
        if (out->first_place == BW_NONE)
            out->first_place = p;
        if (v->nrefs == 1 && !v->refs[0].addr && C->slot_local != NULL && p < C->f->nplaces && C->slot_local[p])
            out->flags |= BW_VAL_LINK;
        if (p < C->f->nplaces && C->pl[p].field != NULL) {
            tv m;
            memset(&m, 0, sizeof(m));
            read_place(C, s, p, &m);
            field_cap(C, p, &m);
            tv_join(&out->v, &m);
        } else {
            read_place(C, s, p, &out->v);
        }
        if (v->refs[i].addr) {
            if (out->npts < MAXPTS)
                out->pts[out->npts++] = p;
        } else {
            const ent *e = st_lookup(C, s, p);
            for (uint8_t k = 0; e != NULL && k < e->npts; k++) {
                if (out->npts < MAXPTS) {
                    if (!link_read(e, k))
                        out->muted |= (uint8_t)(1u << out->npts);
                    out->pts[out->npts++] = e->pts[k];
                }
            }
            /* a copy of a pointer whose target we do not model aliases the
             * original: writes and checks through one reach the other */
            if ((e == NULL || e->npts == 0) && !(v->flags & BW_VAL_ARITH) && C->pl[p].kind != BW_PLACE_TEMP &&
                out->npts < MAXPTS)
                out->pts[out->npts++] = p;
        }
    }
    /* `q = s`, `q = buf`, and a copy of a copy (`r = q` where q copies s);
     * not `s + n` or `s - 1`, which point elsewhere */
    out->copy = false;
    if (v->nrefs == 1 && out->npts == 1 && v->container == 0 && out->lit == NULL &&
        !(v->flags & (BW_VAL_ARITH | BW_VAL_OFFSET)) && v->refs[0].place < C->npl) {
        const ent *re = v->refs[0].addr ? NULL : st_lookup(C, s, v->refs[0].place);
        /* an address only of an array's storage (`q = buf`; `q = &s[-1]` of a
         * pointer s points before its text) */
        bool array = (C->pl[v->refs[0].place].flags & BW_PLACEF_ARRAY) != 0;
        out->copy = (out->pts[0] == v->refs[0].place && (!v->refs[0].addr || array)) ||
                    (re != NULL && re->copy && re->npts == 1 && re->pts[0] == out->pts[0]);
    }
    if (v->container != 0)
        go_to_containers(C, s, S(C, v->container - 1), out);
    /* &r->node of an intrusive list, leaving the function: whoever gets the
     * node can go back to all of r */
    for (uint8_t i = 0; C->escaping && i < out->npts; i++) {
        uint32_t h = intrusive_holder(C, out->pts[i]);
        if (h != BW_NONE)
            read_place(C, s, h, &out->held);
    }
}



static void note_global_write(fctx *C, uint32_t place, const tv *v, bool through);

/* An assignment of the variable itself (`last = m;`), not of a member or
 * of a whole record (which changes what its members point to). */
static bool assigns_variable_only(const fctx *C, uint32_t dst)
{
    return C->pl[dst].path[0] == '\0' && !(C->pl[dst].flags & (BW_PLACEF_RECORD | BW_PLACEF_ARRAY));
}

/* Whether e is a copy (ent.copy) of place. */
static bool is_copy_of(const ent *e, uint32_t place)
{
    return e->copy && e->npts == 1 && e->pts[0] == place;
}

/* Place `place` is written: the entries that copied it hold another
 * text now (or may: a write through a pointer to it), and are no longer
 * its copies. */
static void end_copies(state *s, ent *target)
{
    if (target == NULL || !target->copied)
        return;
    uint32_t place = target->place;
    target->copied = 0;
    for (uint32_t i = 0; i < s->n; i++)
        if (is_copy_of(&s->e[i], place))
            s->e[i].copy = 0;
}

static bool encloses(const fctx *C, uint32_t outer, uint32_t inner);
static bool place_in_memory(const fctx *C, uint32_t place);

static bool at_or_inside(const fctx *C, uint32_t place, uint32_t p)
{
    return p == place || encloses(C, place, p);
}

/* What a call may write without the analysis seeing a write: `place` and
 * what lies inside it (`next(&s)`, `strsep(&s, " ")`, `fill(&r)` with
 * a clean store, a function with no body).  Copies of it end, and so do
 * copies held there (`set(&q)` re-points q). */
static void end_copies_within(const fctx *C, state *s, uint32_t place)
{
    if (!s->any_copy)
        return;
    for (uint32_t i = 0; i < s->n; i++) {
        ent *e = &s->e[i];
        if (e->copy && (at_or_inside(C, place, e->place) || (e->npts == 1 && at_or_inside(C, place, e->pts[0]))))
            e->copy = 0;
    }
}

/* After a call: what it may have re-pointed through the addresses it was
 * given (`&s`, `&r`, `&r.name`) and the records its pointer arguments
 * point to (`fill(p)` where p = &req). */
static void end_copies_after_call(fctx *C, state *s, const bw_ir_insn *in)
{
    if (!s->any_copy)
        return;
    for (uint32_t v = 0; v < in->nvals; v++) {
        for (uint32_t r = 0; r < in->vals[v].nrefs; r++) {
            const bw_ir_ref *ref = &in->vals[v].refs[r];
            if (ref->place >= C->npl)
                continue;
            if (ref->addr && !(C->pl[ref->place].flags & BW_PLACEF_ARRAY)) {
                end_copies_within(C, s, ref->place);
                continue;
            }
            const ent *e = st_find(s, ref->place);
            uint32_t targets[MAXPTS];
            uint8_t nt = e != NULL ? e->npts : 0;
            if (nt > 0)
                memcpy(targets, e->pts, sizeof(uint32_t) * nt);
            for (uint8_t k = 0; k < nt; k++)
                if (C->pl[targets[k]].flags & BW_PLACEF_RECORD)
                    end_copies_within(C, s, targets[k]);
        }
    }
}

/* The targets a copy may have: a variable of the function's own (a local
 * or a parameter itself, not a member) that nothing changes but the
 * writes the IR lowers: not static or volatile, never stepped (`s++` is
 * not a write in the IR), its address never taken (`pp = &s; to_main(pp)`
 * re-points it unseen), and not in C++ code (references, lambdas).  An
 * array's own storage cannot be re-pointed: it may be taken by address. */
static bool copy_target(const fctx *C, uint32_t t)
{
    const aplace *a = &C->pl[t];
    return (a->kind == BW_PLACE_LOCAL || a->kind == BW_PLACE_PARAM) && a->pathlen == 0 &&
           !(a->flags & BW_PLACEF_UNTRACKED);
}

/* Members of dst are overwritten with it: they hold nothing of their own. */
static void clear_members(fctx *C, state *s, uint32_t dst)
{
    const char *path = C->pl[dst].path;
    aplace *r = &C->pl[C->pl[dst].root];
    for (uint32_t i = 0; i < r->nfamily; i++) {
        uint32_t q = r->family[i];
        if (q == dst || C->pl[q].pathlen <= C->pl[dst].pathlen ||
            !path_related_n(C->pl[q].path, C->pl[q].pathlen, path, C->pl[dst].pathlen))
            continue;
        ent *qe = st_get(C, s, q);
        if (qe != NULL) {
            end_copies(s, qe);
            memset(&qe->v, 0, sizeof(qe->v));
            qe->npts = 0;
            qe->muted = 0;
            qe->copy = 0;
        }
    }
}

/* The same member as member place p in each object p's root points to,
 * p itself left out: where a write into p lands too (`r2 = r;
 * strcpy(r2->table, u)` writes r's target's table), so where assign and
 * write_content write beside p and whose links unmute_after unmutes. */
static uint8_t member_mirrors(fctx *C, const state *s, uint32_t p, uint32_t out[MAXPTS])
{
    if (C->pl[p].pathlen == 0)
        return 0;
    const ent *re = st_lookup(C, s, C->pl[p].root);
    uint32_t roots[MAXPTS]; /* place_with_path may make places: copy first */
    uint8_t nr = re != NULL ? re->npts : 0, n = 0;
    if (nr > 0)
        memcpy(roots, re->pts, sizeof(uint32_t) * nr);
    for (uint8_t i = 0; i < nr; i++) {
        uint32_t o = place_with_path(C, roots[i], C->pl[p].path);
        if (o != BW_NONE && o != p)
            out[n++] = o;
    }
    return n;
}

/* What an assignment writes into member place dst, joined into the same
 * member of each object dst's root points to (member_mirrors). */
static void join_into_mirrors(fctx *C, state *s, uint32_t dst, const tv *written, const aval *a)
{
    uint32_t mirrors[MAXPTS];
    uint8_t nm = member_mirrors(C, s, dst, mirrors);
    for (uint8_t i = 0; i < nm; i++) {
        ent *oe = st_get(C, s, mirrors[i]);
        if (oe == NULL)
            continue;
        end_copies(s, oe);
        oe->copy = 0;
        tv_join(&oe->v, written);
        oe->written = 1;
        oe->addr_only = 0;
        /* `hp->p = &b`: h.p may point to b now */
        for (uint8_t k = 0; k < a->npts; k++)
            pts_add(oe, a->pts[k]);
    }
}

/* dst = value (pointer/variable assignment); `weak`: dst is one element
 * of many (one_of_many), which keeps what the others hold. */
static void assign(fctx *C, state *s, uint32_t dst, const aval *a, uint32_t why, bool weak)
{
    aval number;
    if (C->pl[dst].flags & BW_PLACEF_NUMBER) {
        /* stored into a number (or a function pointer): only a source's
         * character can still become text (as eval_value) */
        number = *a;
        tv_keep_source(&number.v);
        a = &number;
    }
    /* nothing into a local or temporary that holds nothing: the entry
     * made below would be dropped again at the end (st_drop_if_clean), so
     * only its members' reset and the field note remain.  Most assignments
     * are of numbers: inserting and removing the entry moved ~0.4 G bytes
     * of states on SQLite. */
    if (!C->weak && tv_empty(&a->v) && a->npts == 0 && C->pl[dst].path[0] == '\0' &&
        C->pl[dst].kind != BW_PLACE_GLOBAL && !needs_initial(C, dst) && st_lookup(C, s, dst) == NULL) {
        clear_members(C, s, dst);
        note_field_write(C, dst, &a->v, (C->pl[dst].flags & BW_PLACEF_RECORD) != 0);
        return;
    }
    ent *e = st_get(C, s, dst);
    if (e == NULL)
        return;
    end_copies(s, e);
    if (C->weak || weak) {
        e->copy = 0;
        tv v = a->v;
        v.why = why;
        tv_join(&e->v, &v);
        for (uint8_t i = 0; i < a->npts; i++)
            pts_add_m(e, a->pts[i], (a->muted >> i) & 1u);
        e->addr_only = 0;
        if (C->pl[dst].path[0] != '\0' || C->pl[dst].kind == BW_PLACE_GLOBAL)
            e->written = 1;
        e = NULL; /* st_get below may move the entries */
        if (weak) /* `p = arr; p[i].name = v`: the member of what p points to too */
            join_into_mirrors(C, s, dst, &v, a);
        if (C->pl[dst].kind == BW_PLACE_GLOBAL)
            note_global_write(C, dst, &a->v, !assigns_variable_only(C, dst));
        note_field_write(C, dst, &a->v, (C->pl[dst].flags & BW_PLACEF_RECORD) != 0);
        return;
    }
    e->v = a->v;
    e->v.why = why;
    e->npts = 0;
    e->muted = 0;
    for (uint8_t i = 0; i < a->npts; i++)
        pts_add_m(e, a->pts[i], (a->muted >> i) & 1u);
    e->addr_only = a->only_addr && a->npts > 0;
    e->copy = a->copy && a->npts == 1 && C->pl[dst].kind == BW_PLACE_LOCAL && C->pl[dst].pathlen == 0 &&
              !(C->pl[dst].flags & BW_PLACEF_UNTRACKED) && copy_target(C, a->pts[0]);
    bool copy = e->copy;
    const char *path = C->pl[dst].path;
    if (path[0] != '\0' || C->pl[dst].kind == BW_PLACE_GLOBAL)
        e->written = 1;
    /* st_get below may grow or shift the entry array: keep the value, not `e` */
    const tv written = e->v;
    e = NULL;
    if (copy) {
        s->any_copy = true;
        ent *te = st_get(C, s, a->pts[0]);
        if (te != NULL)
            te->copied = 1;
    }
    clear_members(C, s, dst);
    /* a member written through a pointer reaches the pointee's member */
    join_into_mirrors(C, s, dst, &written, a);
    if (C->pl[dst].kind == BW_PLACE_GLOBAL)
        note_global_write(C, dst, &a->v, !assigns_variable_only(C, dst));
    note_field_write(C, dst, &a->v, (C->pl[dst].flags & BW_PLACEF_RECORD) != 0);
    st_drop_if_clean(C, s, dst);
}

/* The content dst points to receives v (strong: overwritten). */
static void write_content(fctx *C, state *s, uint32_t dst, const tv *v, bool strong)
{
    strong = strong && !C->weak;
    ent *e = st_get(C, s, dst);
    if (e == NULL)
        return;
    end_copies(s, e);
    e->addr_only = 0;
    if (strong && e->npts == 0) {
        e->v = *v;
    } else {
        tv_join(&e->v, v);
        if (strong)
            e->v.why = v->why;
    }
    e->written = 1;
    uint32_t targets[2 * MAXPTS];
    uint8_t nt = e->npts;
    memcpy(targets, e->pts, sizeof(uint32_t) * nt);
    /* a member reached through a pointer (`prm = &req->params[n]; f(prm->value)`):
     * the content written is the pointee's member too */
    uint32_t mirrors[MAXPTS];
    uint8_t nm = member_mirrors(C, s, dst, mirrors);
    for (uint8_t i = 0; i < nm; i++) {
        bool dup = false;
        for (uint8_t j = 0; j < nt && !dup; j++)
            dup = targets[j] == mirrors[i];
        if (!dup)
            targets[nt++] = mirrors[i];
    }
    for (uint8_t i = 0; i < nt; i++) {
        ent *oe = st_get(C, s, targets[i]);
        if (oe == NULL)
            continue;
        end_copies(s, oe);
        oe->copy = 0;
        if (strong && nt == 1)
            oe->v = *v;
        else
            tv_join(&oe->v, v);
        oe->written = 1;
        oe->addr_only = 0;
        if (C->pl[targets[i]].kind == BW_PLACE_GLOBAL)
            note_global_write(C, targets[i], v, true);
    }
    if (C->pl[dst].kind == BW_PLACE_GLOBAL)
        note_global_write(C, dst, v, true);
    note_field_write(C, dst, v, true);
}

/* Place q receives t too (weak), and nothing it points to: a callee's
 * out-parameter write of a member, and its assignment of a global variable
 * itself (`through` false: `last = m;`, where what the global pointed to
 * here keeps its own text: `G = q; f();` with f setting `G = getenv(..)`
 * leaves q's alone).  A global written by a helper (`list_add(&r->node,
 * &queue)`) is the program's store too. */
static void join_write(fctx *C, state *s, uint32_t q, const tv *t, bool through)
{
    ent *e = st_get(C, s, q);
    if (e == NULL)
        return;
    end_copies(s, e);
    e->copy = 0;
    tv_join(&e->v, t);
    e->written = 1;
    e->addr_only = 0;
    if (C->pl[q].kind == BW_PLACE_GLOBAL)
        note_global_write(C, q, t, through);
}

/* A place inside an array: the array, or a member of its elements. */
static bool in_array(const fctx *C, uint32_t place)
{
    return (C->pl[place].flags & BW_PLACEF_ARRAY) || (C->pl[C->pl[place].root].flags & BW_PLACEF_ARRAY);
}

/* A reference to what an element of an array points to (`v[0]` of
 * `char *v[4]`), to a member of an element (`recs[i].name`), or to an
 * element through a pointer (`s[j]`, `p[i].name`: ref.elem): one place
 * stands for every element, so a write there replaces none of them. */
static bool one_of_many(const fctx *C, const bw_ir_ref *r)
{
    const aplace *a = &C->pl[r->place];
    return r->elem || (r->addr == 0 && (a->flags & BW_PLACEF_ARRAY)) ||
           (a->root != r->place && (C->pl[a->root].flags & BW_PLACEF_ARRAY));
}

/* Writes into every place an argument value designates. */
static void write_arg(fctx *C, state *s, const bw_ir_val *v, const char *path, const tv *t, bool strong)
{
    for (uint32_t i = 0; i < v->nrefs; i++) {
        uint32_t p = v->refs[i].place;
        if (p >= C->npl)
            continue;
        if (path != NULL && path[0] != '\0') {
            /* a member of what the argument points to */
            join_write(C, s, place_with_path(C, p, path), t, true);
            const ent *pe = st_lookup(C, s, p);
            uint32_t targets[MAXPTS];
            uint8_t nt = pe != NULL ? pe->npts : 0;
            for (uint8_t k = 0; k < nt; k++)
                targets[k] = pe->pts[k];
            for (uint8_t k = 0; k < nt; k++)
                join_write(C, s, place_with_path(C, targets[k], path), t, true);
            continue;
        }
        write_content(C, s, p, t, strong && !one_of_many(C, &v->refs[i]));
    }
}

static void clear_kinds_of(ent *e, unsigned kinds)
{
    for (int k = 0; e != NULL && k < NK; k++)
        if (kinds & (1u << k))
            e->v.k[k] = 0;
}

/* The copies (ent.copy) of a place a check cleared: what they hold is
 * what they read from it, the text just checked (`q = s; if (!ok(s))
 * return; use(q);`). */
static void sanitize_copies(state *s, uint32_t place, unsigned kinds)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (is_copy_of(&s->e[i], place))
            clear_kinds_of(&s->e[i], kinds);
}

static void sanitize_place(fctx *C, state *s, uint32_t place, unsigned kinds)
{
    ent *e = st_get(C, s, place);
    if (e == NULL)
        return;
    clear_kinds_of(e, kinds);
    bool copies = e->copied;
    uint32_t targets[MAXPTS];
    uint8_t nt = e->npts;
    memcpy(targets, e->pts, sizeof(uint32_t) * nt);
    /* (the copies of what the place may point to are not cleared: `t = c
     * ? s : "main"` may not designate s's text) */
    for (uint8_t i = 0; i < nt; i++)
        clear_kinds_of(st_get(C, s, targets[i]), kinds);
    if (copies)
        sanitize_copies(s, place, kinds);
    /* members read through this place */
    aplace *r = &C->pl[C->pl[place].root];
    for (uint32_t i = 0; i < r->nfamily; i++) {
        uint32_t q = r->family[i];
        if (q == place || !path_related_n(C->pl[q].path, C->pl[q].pathlen, C->pl[place].path, C->pl[place].pathlen))
            continue;
        ent *qe = st_get(C, s, q);
        clear_kinds_of(qe, kinds);
        if (qe != NULL && qe->copied && C->pl[q].pathlen > C->pl[place].pathlen)
            sanitize_copies(s, q, kinds);
    }
}

/* ---- summary building --------------------------------------------------- */

static void note_global_write(fctx *C, uint32_t place, const tv *v, bool through)
{
    tv number;
    if (C->pl[place].flags & BW_PLACEF_NUMBER) {
        number = *v;
        tv_keep_source(&number);
        v = &number;
    }
    if (tv_empty(v))
        return;
    if (C->pl[place].gkey == NULL)
        return;
    sum_glob_join(C, &C->sum, global_key(C->pl[place].key), v, through);
}

/* Joins v into this function's store of `key` (a global's, or a field's). */
static void sum_glob_join(fctx *C, summary *sm, const char *key, const tv *v, bool through)
{
    for (uint32_t i = 0; i < sm->nglobs; i++) {
        if (strcmp(sm->globs[i].key, key) == 0) {
            sm->globs[i].through |= through;
            tv_join(&sm->globs[i].v, v);
            chain_keep_worst(C, &sm->globs[i].why, v->why, &sm->globs[i].v);
            return;
        }
    }
    if (!bw_ir_grow((void **)&sm->globs, &(uint32_t){sm->nglobs}, sm->nglobs + 1, sizeof(sum_glob))) {
        C->oom = true;
        return;
    }
    sum_glob *g = &sm->globs[sm->nglobs];
    memset(g, 0, sizeof(*g));
    g->key = bw_strdup(key);
    if (g->key == NULL) {
        C->oom = true;
        return;
    }
    g->v = *v;
    g->through = through;
    if (v->why != 0 && !chain_from(C, v->why, &g->why))
        C->oom = true;
    sm->nglobs++;
}

/* The slot of (param, path) if it has one; never creates one. */
static int slot_find(const pfunc *pf, uint32_t param, const char *path)
{
    size_t len = strlen(path);
    for (uint32_t i = 0; i < pf->nslots; i++)
        if (slot_is(&pf->slots[i], param, path, len))
            return (int)i;
    return -1;
}

/* What an out-parameter tells its caller, without what the caller already
 * knows: a number carries no text (only a source's character can become
 * text), and the member's own incoming value written back — on the paths
 * that do not write it — changes nothing at the call. */
/* slot_find for a parameter member place, remembered in the place. */
static int place_slot(fctx *C, aplace *a)
{
    const pfunc *pf = C->pf;
    if (a->slot_n == 0 || (a->slot < 0 && a->slot_n != pf->nslots + 1)) {
        a->slot = slot_find(pf, a->param, a->path);
        a->slot_n = pf->nslots + 1;
    }
    return a->slot;
}

static void out_value_trim(fctx *C, aplace *a, tv *v)
{
    if (a->flags & BW_PLACEF_NUMBER)
        tv_keep_source(v);
    int s = place_slot(C, a);
    if (s >= 0)
        for (int k = 0; k < NK; k++)
            v->k[k] &= ~SLOTBIT(s);
    if (tv_empty(v))
        v->why = 0;
}

/* True when `outer` is a strict enclosing member path of `inner`
 * ("" and ".db" enclose ".db.pVdbe"). */
static bool path_encloses(const char *outer, const char *inner)
{
    size_t n = 0;
    for (; outer[n] != '\0'; n++) /* strncmp without the call; stops at inner's end too */
        if (outer[n] != inner[n])
            return false;
    return inner[n] == '.';
}

/* Once a value holds data from a real source for a kind, which of the
 * caller's values it also holds changes no report (the source is the worst
 * origin and is what the flow explains); forgetting them keeps the
 * summaries of code where sources reach everything small. */
static void tv_saturate(tv *v)
{
    for (int k = 0; k < NK; k++)
        if (v->k[k] & O_SRC)
            v->k[k] &= O_CONCRETE;
}

/* A caller reading a member also reads every object enclosing it, so an
 * out-parameter member whose value an enclosing out already carries adds
 * nothing (the enclosing member's own incoming value, trimmed from its out
 * by out_value_trim, counts as carried).  Dropping them keeps summaries of
 * pointer-heavy functions small: they were hundreds of members, each
 * applied at every call. */
static bool out_subsumed(const pfunc *pf, const sum_out *inner, const sum_out *outer)
{
    if (inner->param != outer->param || !path_encloses(outer->path, inner->path))
        return false;
    int s = slot_find(pf, outer->param, outer->path);
    uint32_t own = s >= 0 ? SLOTBIT(s) : 0;
    for (int k = 0; k < NK; k++)
        if (inner->v.k[k] & ~(outer->v.k[k] | own))
            return false;
    return true;
}

/* Widening for recursive components: a value still growing after a few
 * recomputations takes every parameter slot at once, so a component of
 * dozens of mutually recursive functions (a compiler's code generator)
 * settles in a few sweeps instead of creeping up one slot per sweep.
 * An over-approximation: it only adds flows. */
static void tv_widen(tv *v)
{
    for (int k = 0; k < NK; k++)
        if (v->k[k] & ALL_SLOT_BITS)
            v->k[k] |= ALL_SLOT_BITS;
}

static void summary_widen(summary *sm)
{
    tv_widen(&sm->ret);
    for (uint32_t i = 0; i < sm->nouts; i++)
        tv_widen(&sm->outs[i].v);
    for (uint32_t i = 0; i < sm->nglobs; i++)
        tv_widen(&sm->globs[i].v);
}

static bool chain_clone(const chain *src, chain *dst)
{
    dst->s = NULL;
    dst->n = 0;
    if (src->n == 0)
        return true;
    dst->s = bw_calloc(src->n, sizeof(fstep));
    if (dst->s == NULL)
        return false;
    memcpy(dst->s, src->s, sizeof(fstep) * src->n); /* the messages are shared */
    dst->n = src->n;
    return true;
}

static bool join_out(summary *sm, const sum_out *o)
{
    for (uint32_t i = 0; i < sm->nouts; i++) {
        sum_out *n = &sm->outs[i];
        if (n->param == o->param && same_path(n->path, o->path)) {
            tv_join(&n->v, &o->v);
            return n->why.n > 0 || chain_clone(&o->why, &n->why);
        }
    }
    if (!bw_ir_grow((void **)&sm->outs, &(uint32_t){sm->nouts}, sm->nouts + 1, sizeof(sum_out)))
        return false;
    sum_out *n = &sm->outs[sm->nouts];
    *n = (sum_out){o->param, bw_strdup(o->path), o->v, {NULL, 0}};
    if (n->path == NULL)
        return false;
    sm->nouts++;
    return chain_clone(&o->why, &n->why);
}

static bool join_glob(summary *sm, const sum_glob *g)
{
    for (uint32_t i = 0; i < sm->nglobs; i++) {
        sum_glob *n = &sm->globs[i];
        if (strcmp(n->key, g->key) == 0) {
            n->through |= g->through;
            tv_join(&n->v, &g->v);
            return n->why.n > 0 || chain_clone(&g->why, &n->why);
        }
    }
    if (!bw_ir_grow((void **)&sm->globs, &(uint32_t){sm->nglobs}, sm->nglobs + 1, sizeof(sum_glob)))
        return false;
    sum_glob *n = &sm->globs[sm->nglobs];
    *n = (sum_glob){bw_strdup(g->key), g->v, {NULL, 0}, g->through};
    if (n->key == NULL)
        return false;
    sm->nglobs++;
    return chain_clone(&g->why, &n->why);
}

static bool join_sink(summary *sm, const sum_sink *k)
{
    for (uint32_t i = 0; i < sm->nsinks; i++)
        if (sm->sinks[i].slot == k->slot && sm->sinks[i].kind == k->kind)
            return true;
    if (!bw_ir_grow((void **)&sm->sinks, &(uint32_t){sm->nsinks}, sm->nsinks + 1, sizeof(sum_sink)))
        return false;
    sum_sink *n = &sm->sinks[sm->nsinks];
    *n = *k;
    n->why = (chain){NULL, 0};
    n->sink_fn = bw_strdup(k->sink_fn);
    if (n->sink_fn == NULL)
        return false;
    sm->nsinks++;
    return chain_clone(&k->why, &n->why);
}

/* A recursive component's summaries only grow: each recomputation is
 * joined with the one before.  Recomputed from scratch, a member's
 * summary could change shape back and forth (an out-parameter member
 * present, then folded into its enclosing object, then present again) and
 * the component never settled; joined, every change is growth, and the
 * lattice is finite. */
static void summary_join_previous(fctx *C, summary *sm, const summary *prev)
{
    tv_join(&sm->ret, &prev->ret);
    if (sm->ret_why.n == 0 && !chain_clone(&prev->ret_why, &sm->ret_why))
        C->oom = true;
    for (uint32_t i = 0; i < prev->nouts && !C->oom; i++)
        if (!join_out(sm, &prev->outs[i]))
            C->oom = true;
    for (uint32_t i = 0; i < prev->nglobs && !C->oom; i++)
        if (!join_glob(sm, &prev->globs[i]))
            C->oom = true;
    for (uint32_t i = 0; i < prev->nsinks && !C->oom; i++)
        if (!join_sink(sm, &prev->sinks[i]))
            C->oom = true;
}

/* The summary as callers see it: saturated values, no redundant outs. */
static void summary_finalize(fctx *C, summary *sm)
{
    tv_saturate(&sm->ret);
    for (uint32_t i = 0; i < sm->nouts; i++)
        tv_saturate(&sm->outs[i].v);
    for (uint32_t i = 0; i < sm->nglobs; i++)
        tv_saturate(&sm->globs[i].v);
    if (sm->nouts < 2)
        return;
    bool *drop = bw_calloc(sm->nouts, sizeof(bool));
    if (drop == NULL) {
        C->oom = true;
        return;
    }
    for (uint32_t i = 0; i < sm->nouts; i++)
        for (uint32_t j = 0; j < sm->nouts && !drop[i]; j++)
            drop[i] = j != i && out_subsumed(C->pf, &sm->outs[i], &sm->outs[j]);
    uint32_t w = 0;
    for (uint32_t i = 0; i < sm->nouts; i++) {
        if (drop[i]) {
            bw_free(sm->outs[i].path);
            chain_free(&sm->outs[i].why);
            continue;
        }
        sm->outs[w++] = sm->outs[i];
    }
    sm->nouts = w;
    bw_free(drop);
}

/* The out-parameter member `a` (a place of this function) holds v at a
 * return. */
static void note_out(fctx *C, aplace *a, const tv *v)
{
    if (tv_empty(v))
        return;
    summary *sm = &C->sum;
    uint32_t param = a->param;
    const char *path = a->path;
    for (uint32_t i = 0; a->out == 0 && i < sm->nouts; i++)
        if (sm->outs[i].param == param && same_path(sm->outs[i].path, path))
            a->out = i + 1;
    if (a->out != 0) {
        sum_out *o = &sm->outs[a->out - 1];
        tv_join(&o->v, v);
        chain_keep_worst(C, &o->why, v->why, &o->v);
        return;
    }
    if (!bw_ir_grow((void **)&sm->outs, &(uint32_t){sm->nouts}, sm->nouts + 1, sizeof(sum_out))) {
        C->oom = true;
        return;
    }
    sum_out *o = &sm->outs[sm->nouts];
    memset(o, 0, sizeof(*o));
    o->param = param;
    o->path = bw_strdup(path);
    if (o->path == NULL) {
        C->oom = true;
        return;
    }
    o->v = *v;
    if (v->why != 0 && !chain_from(C, v->why, &o->why))
        C->oom = true;
    a->out = ++sm->nouts;
}

/* Identity of a sink call (file, line, column): one call site can reach
 * several different sinks through a callee, and each is its own finding. */
static uint64_t sink_key(const bw_ir_tu *tu, const bw_ir_loc *loc)
{
    const char *file = bw_ir_str(tu, loc->file);
    uint64_t h = bw_hash_bytes(file, strlen(file), 0x5eed);
    uint32_t lc[2] = {loc->line, loc->col};
    return bw_hash_bytes(lc, sizeof lc, h);
}

static void note_summary_sink(fctx *C, uint32_t slot, unsigned kind, const char *sink_fn, const char *hint,
                              uint32_t why, uint8_t pct)
{
    summary *sm = &C->sum;
    /* one entry per slot, kind and sink call, at most MAX_SINKS_PER_SLOT */
    uint64_t key = why != 0 ? sink_key(C->steps[why].tu, &C->steps[why].loc) : 0;
    if (C->explain_slot != 0 && slot + 1 == C->explain_slot && kind == C->explain_kind && key == C->explain_key &&
        C->explained.n == 0 && !chain_from(C, why, &C->explained))
        C->oom = true;
    unsigned same = 0;
    for (uint32_t i = 0; i < sm->nsinks; i++) {
        const sum_sink *k = &sm->sinks[i];
        if (k->slot != slot || k->kind != kind)
            continue;
        if (++same >= MAX_SINKS_PER_SLOT ||
            (k->why.n > 0 && sink_key(k->why.s[k->why.n - 1].tu, &k->why.s[k->why.n - 1].loc) == key))
            return;
    }
    if (!bw_ir_grow((void **)&sm->sinks, &(uint32_t){sm->nsinks}, sm->nsinks + 1, sizeof(sum_sink))) {
        C->oom = true;
        return;
    }
    sum_sink *k = &sm->sinks[sm->nsinks];
    memset(k, 0, sizeof(*k));
    k->slot = slot;
    k->kind = kind;
    k->sink_fn = bw_strdup(sink_fn);
    k->hint = hint;
    k->pct_s = pct;
    if (k->sink_fn == NULL || !chain_from(C, why, &k->why)) {
        C->oom = true;
        return;
    }
    sm->nsinks++;
}

/* ---- findings ------------------------------------------------------------- */

static char *rel_path(fctx *C, const char *path)
{
    if (C->P->root == NULL)
        return bw_strdup(path);
    return bw_path_relative(path, C->P->root);
}

static void set_loc(fctx *C, bw_location *l, const bw_ir_tu *tu, const bw_ir_loc *il)
{
    memset(l, 0, sizeof(*l));
    if (il->file == BW_NONE)
        return;
    l->file = rel_path(C, bw_ir_str(tu, il->file));
    l->line = il->line;
    l->column = il->col;
}

/* The source line at loc (for the finding's code and fingerprint):
 * BW_ERR_NOT_FOUND when the file or line is not available. */
static bw_status line_text(bw_program *P, const char *path, unsigned line, char **out)
{
    size_t len = 0;
    const char *text = P->content != NULL ? P->content(P->content_ctx, path, &len) : NULL;
    return bw_source_line(&P->lines, text, len, line, out);
}

static bool already_reported(fctx *C, uint32_t insn, unsigned kind, bw_origin origin, uint64_t sink)
{
    uint32_t ik[3] = {insn, kind, (uint32_t)origin};
    uint64_t key = bw_hash_bytes(ik, sizeof ik, sink);
    for (uint32_t i = 0; i < C->nreported; i++)
        if (C->reported[i] == key)
            return true;
    if (bw_ir_grow((void **)&C->reported, &C->capreported, C->nreported + 1, sizeof(uint64_t)))
        C->reported[C->nreported++] = key;
    return false;
}

static const chain *explain_sink(fctx *C, pfunc *callee, const sum_sink *sk);

/* Whether what reaches `sk` in `fn` is fn's own format parameter, whole
 * (say(fmt, ...)): then a literal format at the call is the fix; else the
 * format is made inside fn from another argument. */
static bool via_own_format(const pfunc *fn, const sum_sink *sk)
{
    const slotdef *sd = &fn->slots[sk->slot];
    if (sd->len != 0)
        return false;
    return (fn->fmt_param >= 0 && sd->param == (uint32_t)fn->fmt_param) ||
           (fn->sum.fmt_param > 0 && sd->param == fn->sum.fmt_param - 1);
}

/* `via_fn`/`via_sink`: the sink is inside this callee, reached through
 * this summary sink (its chain is appended to the flow); else NULL. */
static void report(fctx *C, uint32_t insn, unsigned kind, uint32_t origins, uint32_t why, const char *sink_fn,
                   const char *hint, const char *value_name, pfunc *via_fn, const sum_sink *via_sink, uint8_t pct)
{
    bool via = via_sink != NULL;
    const chain *callee = via ? &via_sink->why : NULL;
    const bw_rule *rule = C->P->rule_for_kind[kind];
    if (rule == NULL || !C->P->kind_enabled[kind])
        return;
    bw_origin origin;
    if (origins & O_SRC)
        origin = BW_ORIGIN_SOURCE;
    else if ((origins & O_UNK) && rule->report_unknown && !C->forwarding_format)
        origin = BW_ORIGIN_UNKNOWN;
    else
        return;
    const bw_ir_insn *in = &C->f->insns[insn];
    uint64_t sk = callee != NULL && callee->n > 0 ? sink_key(callee->s[callee->n - 1].tu, &callee->s[callee->n - 1].loc) :
                                                     sink_key(C->tu, &in->loc);
    /* once per origin: a visit before the state settles may see only data
     * of unknown origin where a later one sees a source (the program's
     * dedup keeps the worse of the two findings) */
    if (already_reported(C, insn, kind, origin, sk))
        return;
    if (via)
        callee = explain_sink(C, via_fn, via_sink); /* the same sink call: redone only when shown */
    /* the chain: source first */
    uint32_t idx[128];
    uint32_t n = 0;
    for (uint32_t i = why; i != 0 && n < 128; i = C->steps[i].prev)
        idx[n++] = i;
    bool pct_s = pct != 0;
    for (uint32_t i = 0; i < n; i++)
        if (C->steps[idx[i]].pct_s)
            pct_s = true;
    for (uint32_t i = 0; callee != NULL && i < callee->n; i++)
        if (callee->s[i].pct_s)
            pct_s = true;
    const char *source_desc = n > 0 ? C->steps[idx[n - 1]].msg : NULL;
    bw_sink_event ev = {origin, sink_fn, hint, value_name, source_desc, via, false, pct_s, NULL};
    ev.via_other_param = via && via_fn != NULL && !via_own_format(via_fn, via_sink);
    if (callee == NULL)
        ev.args_before = C->fix_before;
    bw_buf msg = BW_BUF_INIT, fix = BW_BUF_INIT;
    rule->describe(&ev, &msg, &fix);
    bw_severity sev = origin == BW_ORIGIN_SOURCE ? rule->info.severity : BW_SEV_WARNING;
    if (C->P->cfg != NULL) {
        const bw_rule_setting *rs = bw_config_rule(C->P->cfg, rule->info.id);
        if (rs != NULL && rs->severity != BW_SEV_NONE)
            sev = rs->severity;
    }
    bw_location loc;
    set_loc(C, &loc, C->tu, &in->loc);
    bw_finding *f = msg.data != NULL ? bw_finding_new(rule->info.id, sev, msg.data, &loc) : NULL;
    if (f == NULL) {
        C->oom = true;
        goto out;
    }
    bw_status st = bw_finding_set_function(f, S(C, C->f->name));
    for (uint32_t i = n; i > 0 && st == BW_OK; i--) {
        const step *sp = &C->steps[idx[i - 1]];
        bw_location sl;
        set_loc(C, &sl, sp->tu, &sp->loc);
        st = bw_finding_add_step(f, &sl, sp->msg);
        bw_location_clear(&sl);
    }
    for (uint32_t i = 0; callee != NULL && i < callee->n && st == BW_OK; i++) {
        bw_location sl;
        set_loc(C, &sl, callee->s[i].tu, &callee->s[i].loc);
        st = bw_finding_add_step(f, &sl, callee->s[i].msg);
        bw_location_clear(&sl);
    }
    if (st == BW_OK && callee == NULL) {
        char *m = fmt_msg("reaches %s()", sink_fn);
        if (m != NULL) {
            st = bw_finding_add_step(f, &loc, m);
            bw_free(m);
        }
    }
    if (st == BW_OK && fix.data != NULL)
        st = bw_finding_set_fix(f, fix.data, NULL, NULL);
    if (st == BW_OK && in->loc.file != BW_NONE) {
        char *code = NULL;
        bw_status ls = line_text(C->P, S(C, in->loc.file), in->loc.line, &code);
        if (ls == BW_OK)
            st = bw_finding_set_code(f, code);
        else if (ls == BW_ERR_NOMEM)
            st = BW_ERR_NOMEM;
        bw_free(code);
    }
    if (st != BW_OK || bw_findings_push(&C->P->findings, f) != BW_OK)
        C->oom = true;
out:
    bw_location_clear(&loc);
    bw_buf_free(&msg);
    bw_buf_free(&fix);
}

/* A value of kind `kind` arrives at a sink. */
static void sink_hit(fctx *C, uint32_t insn, unsigned kind, const tv *v, const char *sink_fn, const char *hint,
                     const char *value_name)
{
    uint32_t o = v->k[kind];
    if (o == 0)
        return;
    uint8_t pct = 0;
    for (uint32_t i = v->why; i != 0; i = C->steps[i].prev)
        if (C->steps[i].pct_s)
            pct = 1;
    if ((o & O_CONCRETE) && C->pf->report) {
        C->would_report = true;
        if (C->reporting)
            report(C, insn, kind, o, v->why, sink_fn, hint, value_name, NULL, NULL, pct);
    }
    {
        for (uint32_t s = 0; s < NSLOTS; s++) {
            if (!(o & SLOTBIT(s)))
                continue;
            uint32_t w = memo_stepf(C, insn, v->why, "S", 0, "reaches %s()", sink_fn);
            note_summary_sink(C, s, kind, sink_fn, hint, w, pct);
        }
    }
}

/* ---- format strings ------------------------------------------------------- */

/* Classifies the conversions of a printf/scanf format: 's' text, 'q' SQL-
 * escaped text (sqlite3 %q %Q %w), 'h' HTML-escaped, 'n' number/pointer/
 * nothing, one letter per data argument.  Returns the count. */
static int fmt_classes(const char *fmt, bool scanf_style, bool mprintf, char *out, int max)
{
    int n = 0;
    for (const char *p = fmt; *p && n < max; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        bool suppress = false;
        if (scanf_style && *p == '*') {
            suppress = true;
            p++;
        }
        /* flags, width, precision, length */
        while (*p && strchr("-+ #0'I", *p))
            p++;
        while (*p && (strchr("0123456789.*$", *p) != NULL)) {
            if (*p == '*' && !scanf_style && n < max)
                out[n++] = 'n';
            p++;
        }
        while (*p && strchr("hlLqjztm", *p) != NULL && !(mprintf && (*p == 'q')))
            p++;
        if (*p == '\0')
            break;
        char c = *p;
        if (c == '[') {
            while (p[1] && p[1] != ']')
                p++;
            c = 's';
        }
        if (suppress)
            continue;
        if (c == 's' || c == 'S' || c == 'c' || c == 'C' || (mprintf && c == 'z'))
            out[n++] = 's';
        else if (mprintf && (c == 'q' || c == 'Q' || c == 'w'))
            out[n++] = 'q';
        else
            out[n++] = 'n';
    }
    return n;
}

/* The conversion classes of a value used as a format: its literal's, or
 * when it can be one of several literals (an element of an array of
 * literals) their join per argument position — text when any candidate
 * prints it as text, escaped when none does and one escapes it, else a
 * number.  -1 when the format is not a literal. */
static int val_fmt_classes(const fctx *C, const aval *f, bool scanf_style, bool mprintf, char *out, int max)
{
    if (f->lit == NULL)
        return -1;
    if (f->ncands < 2)
        return fmt_classes(f->lit, scanf_style, mprintf, out, max);
    int n = 0;
    for (int i = 0; i < max; i++)
        out[i] = 'n';
    for (uint32_t c = 0; c < f->ncands; c++) {
        char one[64];
        int m = fmt_classes(S(C, f->cands[c].lit), scanf_style, mprintf, one, max < 64 ? max : 64);
        for (int i = 0; i < m; i++)
            if (one[i] == 's' || (one[i] == 'q' && out[i] == 'n'))
                out[i] = one[i];
        if (m > n)
            n = m;
    }
    return n;
}

/* Whether the value is (or, for an array element, can be) a literal that
 * `pred` accepts. */
static bool any_lit(const fctx *C, const aval *a, bool (*pred)(const char *))
{
    if (a->ncands < 2)
        return a->lit != NULL && pred(a->lit);
    for (uint32_t c = 0; c < a->ncands; c++)
        if (pred(S(C, a->cands[c].lit)))
            return true;
    return false;
}

static bool is_dash_c(const char *s) { return strcmp(s, "-c") == 0; }

/* ---- calls -------------------------------------------------------------- */

typedef struct callctx {
    uint32_t insn;
    const bw_ir_insn *in;
    const char *callee;
    const char *short_name;
    const char *shown; /* the name the source spells (printf for __printf_chk) */
    char shown_buf[64];
    aval *args;
    uint32_t nargs;
    tv result;
    bool result_set;
    uint32_t result_pts[MAXPTS];
    uint8_t result_npts;
} callctx;

static void result_join(callctx *cc, const tv *v)
{
    tv_join(&cc->result, v);
    cc->result_set = true;
}

/* The stream argument of a stream-writing row: fprintf-style rows take it
 * first, others name it in `fmt`. */
static int row_stream_arg(const bw_know *r) { return (r->flags & BW_KF_PRINTF) ? 0 : r->fmt; }

/* The name of the standard output stream, as the code spells it. */
static bool is_stdout_name(const char *n)
{
    return strcmp(n, "stdout") == 0 || strcmp(n, "cout") == 0 || strcmp(n, "std::cout") == 0;
}

static bool value_is_stream(fctx *C, const aval *a)
{
    return a->first_place != BW_NONE && is_stdout_name(C->pl[a->first_place].name);
}

static bool ends_with_sh(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    return n >= 2 && strcmp(s + n - 2, "sh") == 0;
}

static void note_format_wrapper(fctx *C, const aval *fmt, const aval *args, bool mprintf);
static bool forwards_own_format(fctx *C, const aval *fmt, const aval *va);

static bool call_arg_text(fctx *C, const bw_ir_loc *loc, uint32_t nargs, uint32_t idx, const char **before,
                          const char **arg);

static void apply_sink_row(fctx *C, state *s, callctx *cc, const bw_know *r)
{
    (void)s;
    unsigned kind = 0;
    while (kind < NK && !(r->kinds & (1u << kind)))
        kind++;
    if (kind >= NK)
        return;
    const bw_ir_insn *in = cc->in;
    if (r->flags & BW_KF_CGI) {
        if (!C->P->html_program)
            return;
        int stream = row_stream_arg(r);
        if ((r->flags & BW_KF_STREAM) &&
            (stream < 0 || (uint32_t)stream >= cc->nargs || !value_is_stream(C, &cc->args[stream])))
            return;
        if ((r->flags & BW_KF_FD) &&
            ((uint32_t)r->fmt >= cc->nargs || !(cc->args[r->fmt].flags & BW_VAL_NONZERO)))
            return;
    }
    if (r->flags & BW_KF_SHELL_EXEC) {
        if (cc->nargs == 0 || !any_lit(C, &cc->args[0], ends_with_sh))
            return;
        bool list = strncmp(cc->short_name, "execl", 5) == 0;
        if (list) {
            for (uint32_t i = 1; i + 1 < cc->nargs; i++) {
                if (any_lit(C, &cc->args[i], is_dash_c)) {
                    const aval *a = &cc->args[i + 1];
                    sink_hit(C, cc->insn, kind, &a->v, cc->shown, r->hint,
                             a->first_place != BW_NONE ? C->pl[a->first_place].name : "the command");
                    break;
                }
            }
        } else if (cc->nargs > 1) {
            const aval *a = &cc->args[1];
            sink_hit(C, cc->insn, kind, &a->v, cc->shown, r->hint,
                     a->first_place != BW_NONE ? C->pl[a->first_place].name : "the command");
        }
        return;
    }
    if (r->arg >= 0 && !(r->flags & BW_KF_PRINTF)) {
        if ((uint32_t)r->arg >= cc->nargs)
            return;
        const aval *a = &cc->args[r->arg];
        if (is_number(a))
            return;
        sink_hit(C, cc->insn, kind, &a->v, cc->shown, r->hint,
                 a->first_place != BW_NONE ? C->pl[a->first_place].name : "the value");
        return;
    }
    if (r->flags & BW_KF_PRINTF) {
        if (r->fmt < 0 || (uint32_t)r->fmt >= cc->nargs)
            return;
        const aval *f = &cc->args[r->fmt];
        if (kind == BW_TAINT_FORMAT) {
            if (f->flags & BW_VAL_LITERAL)
                return;
            const char *before = NULL, *text = NULL;
            if (!C->reporting || !call_arg_text(C, &cc->in->loc, cc->nargs, (uint32_t)r->fmt, &before, &text)) {
                before = NULL;
                text = f->first_place != BW_NONE ? C->pl[f->first_place].name : "the format";
            }
            C->fix_before = before;
            C->forwarding_format = (r->flags & BW_KF_VA) && (uint32_t)r->first < cc->nargs &&
                                   forwards_own_format(C, f, &cc->args[r->first]);
            /* a wrapper writing to a stream that is no HTML output (stderr,
             * a log file) is found here, not by the data-argument kinds */
            if ((r->flags & BW_KF_VA) && (uint32_t)r->first < cc->nargs)
                note_format_wrapper(C, f, &cc->args[r->first], false);
            sink_hit(C, cc->insn, kind, &f->v, cc->shown, r->hint, text);
            C->forwarding_format = false;
            C->fix_before = NULL;
            return;
        }
        /* data arguments that print as text */
        sink_hit(C, cc->insn, kind, &f->v, cc->shown, r->hint,
                 f->first_place != BW_NONE ? C->pl[f->first_place].name : "the format");
        char cls[64];
        int ncls = -1;
        ncls = val_fmt_classes(C, f, false, false, cls, 64);
        if (r->flags & BW_KF_VA) {
            if ((uint32_t)r->first < cc->nargs)
                note_format_wrapper(C, f, &cc->args[r->first], false);
            bool text = ncls < 0;
            for (int i = 0; i < ncls; i++)
                if (cls[i] == 's')
                    text = true;
            if (text && (uint32_t)r->first < cc->nargs)
                sink_hit(C, cc->insn, kind, &cc->args[r->first].v, cc->shown, r->hint, "the arguments");
            return;
        }
        for (uint32_t i = (uint32_t)r->first; i < cc->nargs; i++) {
            int ci = (int)(i - (uint32_t)r->first);
            if (ncls >= 0 && (ci >= ncls || cls[ci] != 's'))
                continue;
            const aval *a = &cc->args[i];
            if (ncls < 0 && is_number(a))
                continue;
            sink_hit(C, cc->insn, kind, &a->v, cc->shown, r->hint,
                     a->first_place != BW_NONE ? C->pl[a->first_place].name : "a value");
        }
    }
    (void)in;
}

/* The source text of argument `idx` (of `nargs` in the IR) of the call that
 * starts at `loc`, and of the arguments before it ("stderr, "), read from
 * the line.  The IR may have more arguments than the source (the _FORTIFY
 * builtins insert flags and sizes before the format): they are counted
 * from the end.  false when the call spans lines or is not plain text. */
static bool call_arg_text(fctx *C, const bw_ir_loc *loc, uint32_t nargs, uint32_t idx, const char **before,
                          const char **arg)
{
    size_t len = 0;
    const char *path = S(C, loc->file);
    const char *text = C->P->content != NULL ? C->P->content(C->P->content_ctx, path, &len) : NULL;
    if (text == NULL || loc->line == 0 || loc->col == 0)
        return false;
    const char *p = text, *end = text + len;
    for (unsigned l = 1; l < loc->line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return false;
        p = nl + 1;
    }
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (eol == NULL)
        eol = end;
    if ((size_t)(eol - p) < loc->col)
        return false;
    p += loc->col - 1;
    while (p < eol && (isalnum((unsigned char)*p) || *p == '_' || *p == ':'))
        p++;
    while (p < eol && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= eol || *p != '(')
        return false;
    const char *open = ++p;
    const char *starts[64];
    uint32_t n = 0;
    int depth = 0;
    starts[n++] = open;
    const char *close = NULL;
    for (; p < eol && close == NULL; p++) {
        char c = *p;
        if (c == '"' || c == '\'') {
            for (p++; p < eol && *p != c; p++)
                if (*p == '\\' && p + 1 < eol)
                    p++;
            if (p >= eol)
                return false;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0 && c == ')')
                close = p;
            else
                depth--;
        } else if (c == ',' && depth == 0) {
            if (n == 64)
                return false;
            starts[n++] = p + 1;
        }
    }
    if (close == NULL || n > nargs || nargs - n > idx)
        return false;
    uint32_t k = idx - (nargs - n);
    const char *a = starts[k];
    const char *ae = k + 1 < n ? starts[k + 1] - 1 : close;
    while (a < ae && isspace((unsigned char)*a))
        a++;
    while (ae > a && isspace((unsigned char)ae[-1]))
        ae--;
    if (ae == a)
        return false;
    char *at = fx_own(C, bw_strndup(a, (size_t)(ae - a)));
    bw_buf b = BW_BUF_INIT;
    for (uint32_t i = 0; i < k; i++) {
        const char *x = starts[i], *xe = starts[i + 1] - 1;
        while (x < xe && isspace((unsigned char)*x))
            x++;
        while (xe > x && isspace((unsigned char)xe[-1]))
            xe--;
        bw_buf_printf(&b, "%.*s, ", (int)(xe - x), x);
    }
    char *bt = k > 0 ? fx_own(C, bw_buf_take(&b)) : NULL;
    bw_buf_free(&b);
    if (at == NULL || (k > 0 && bt == NULL))
        return false;
    *arg = at;
    *before = bt != NULL ? bt : "";
    return true;
}

static uint32_t step_for(fctx *C, callctx *cc, uint32_t prev, const char *tag, const char *msg, uint8_t pct)
{
    return memo_step(C, cc->insn, prev, tag, msg, pct);
}

#define step_forf(C, cc, prev, tag, pct, ...) memo_stepf((C), (cc)->insn, (prev), (tag), (pct), __VA_ARGS__)

static void apply_source_row(fctx *C, state *s, callctx *cc, const bw_know *r)
{
    if (C->explain_slot != 0)
        return;
    tv t;
    memset(&t, 0, sizeof(t));
    for (int k = 0; k < NK; k++)
        t.k[k] = O_SRC;
    if (r->flags & BW_KF_SCANF) {
        if (r->fmt < 0 || (uint32_t)r->fmt >= cc->nargs)
            return;
        const aval *f = &cc->args[r->fmt];
        char cls[64];
        int ncls = val_fmt_classes(C, f, true, false, cls, 64);
        t.why = step_forf(C, cc, 0, "R", 0, "%s() reads untrusted input", cc->shown);
        for (uint32_t i = (uint32_t)r->first; i < cc->nargs; i++) {
            int ci = (int)(i - (uint32_t)r->first);
            if (ncls >= 0 && (ci >= ncls || cls[ci] != 's'))
                continue;
            write_arg(C, s, &cc->in->vals[i], NULL, &t, true);
        }
        return;
    }
    if (r->to == BW_RET) {
        const char *what = cc->nargs > 0 && cc->args[0].lit != NULL ? cc->args[0].lit : NULL;
        t.why = step_for(C, cc, 0, "R",
                         what != NULL ? step_msg(C->P, "%s(\"%s\") returns untrusted data", cc->shown, what) :
                                        step_msg(C->P, "%s() returns untrusted data", cc->shown),
                         0);
        result_join(cc, &t);
        return;
    }
    if (r->to >= 0 && (uint32_t)r->to < cc->nargs) {
        t.why = step_forf(C, cc, 0, "R", 0, "%s() reads untrusted input into argument %d", cc->shown,
                                               r->to + 1);
        write_arg(C, s, &cc->in->vals[r->to], NULL, &t, (r->flags & BW_KF_STRONG) != 0);
    }
}

static void clear_kinds(tv *t, unsigned kinds)
{
    for (int k = 0; k < NK; k++)
        if (kinds & (1u << k))
            t->k[k] = 0;
}

/* A sanitizer that escapes its argument where it lies (`from` and `to`
 * are the same argument: `escape_percents(&msg)`): afterwards the text
 * there, and what the argument points to, is escaped.  Only a strong
 * update, of one text:
 * - the address of a variable or a member (`&msg`, `&e.msg`), not of an
 *   element or pointee (`&v[0]`, `&argv[1]`: one place stands for all the
 *   elements), nor of a whole struct or array cast to the argument's type;
 * - or a pointer (`msg`, a `char **` parameter), taken to designate one
 *   text when the analysis does not know what it points to: `escape(pm)`
 *   counts for `pm[1]` too, and so do `escape(pm + 1)` for `pm[0]` and
 *   `v = malloc(...); escape(v)` for `v[1]` (false negatives the lowering
 *   cannot tell apart); when it knows, only a pointer to a variable or a
 *   member (`q = &msg`), not to an array (`q = &v[0]`, `q = buf`: a
 *   character array escaped in place stays a false positive), not one
 *   that may point to one of two texts (`p = c ? a : b`: a read of p
 *   carries both; a false positive), nor a pointer to a struct;
 * - not a member of an array's element (`&v[0].msg`); a member reached
 *   through an element pointer (`&(*pp)->msg`) still counts for
 *   `pp[1]->msg` (a false negative);
 * and not in the flow-insensitive mode, where the call is not ordered
 * before the uses. */
static bool one_text_place(const fctx *C, uint32_t place)
{
    const aplace *a = &C->pl[place];
    return a->kind != BW_PLACE_TEMP && !(a->flags & (BW_PLACEF_ARRAY | BW_PLACEF_RECORD)) &&
           !text_in_members(a->flags) &&
           !(C->pl[a->root].flags & BW_PLACEF_ARRAY); /* `&v[0].msg` is every element's member */
}

static void sanitize_arg_in_place(fctx *C, state *s, const bw_ir_val *v, unsigned kinds)
{
    if (C->weak || v->nrefs != 1 || v->refs[0].place >= C->npl || v->refs[0].addr > 1)
        return;
    uint32_t place = v->refs[0].place;
    if (!one_text_place(C, place))
        return;
    ent *e = st_get(C, s, place);
    if (e == NULL || e->npts > 1)
        return;
    /* a pointer that designates something the analysis knows must
     * designate a variable or a member, not an array's or a block's
     * elements (`q = &v[0]`, `q = v`, `v = malloc(...)`) */
    if (v->refs[0].addr == 0 && e->npts == 1 && (e->pts[0] >= C->npl || !one_text_place(C, e->pts[0])))
        return;
    sanitize_place(C, s, place, kinds);
}

/* A sanitizer's buffer argument (BW_KF_FILLS): a character array of the
 * function's own or a global's, passed whole (`escape(buf, sizeof buf)`,
 * `escape(pg.title, n)`), is escaped where it lies; and what the argument
 * designates receives the sanitized text of the arguments
 * (`escape_into(out, n, src)`), joined.  Through a pointer it may be one
 * of many (`escape(tags[0], n)`, `escape(recs[j].name, n)` for every
 * recs[i].name), whose others keep their text: `escape(p->title, n)` is
 * not seen to escape p->title (a false positive). */
static void fill_buffer(fctx *C, state *s, const bw_ir_val *v, const tv *t, unsigned kinds)
{
    if (!C->weak && v->nrefs == 1 && v->refs[0].place < C->npl && v->refs[0].addr == 1 &&
        !(v->flags & BW_VAL_OFFSET)) {
        uint32_t p = v->refs[0].place;
        const aplace *a = &C->pl[p], *r = &C->pl[a->root];
        bool own = (r->kind == BW_PLACE_LOCAL || r->kind == BW_PLACE_GLOBAL) &&
                   (a->root == p || (r->flags & BW_PLACEF_RECORD));
        if ((a->flags & BW_PLACEF_ARRAY) && own)
            sanitize_place(C, s, p, kinds);
    }
    write_arg(C, s, v, NULL, t, false);
}

static void apply_flow_row(fctx *C, state *s, callctx *cc, const bw_know *r)
{
    tv v;
    memset(&v, 0, sizeof(v));
    uint8_t pct = 0;
    bool sanit = r->role == BW_ROLE_SANITIZER;
    if ((r->flags & BW_KF_PRINTF) && r->fmt >= 0 && (uint32_t)r->fmt < cc->nargs) {
        const aval *f = &cc->args[r->fmt];
        tv_join(&v, &f->v);
        char cls[64];
        bool mp = (r->flags & BW_KF_MPRINTF) != 0;
        int ncls = val_fmt_classes(C, f, false, mp, cls, 64);
        if (r->flags & BW_KF_VA) {
            if ((uint32_t)r->first < cc->nargs) {
                note_format_wrapper(C, f, &cc->args[r->first], mp);
                tv a = cc->args[r->first].v;
                bool text = ncls < 0, escaped = false;
                for (int i = 0; i < ncls; i++) {
                    text |= cls[i] == 's';
                    escaped |= cls[i] == 'q';
                }
                if (text) {
                    if (mp && ncls >= 0)
                        pct = 1;
                    tv_join(&v, &a);
                } else if (escaped) {
                    clear_kinds(&a, 1u << BW_TAINT_SQL);
                    tv_join(&v, &a);
                }
            }
        } else {
            for (uint32_t i = (uint32_t)r->first; i < cc->nargs; i++) {
                int ci = (int)(i - (uint32_t)r->first);
                tv a = cc->args[i].v;
                char c = ncls < 0 ? (is_number(&cc->args[i]) ? 'n' : 's') : ci < ncls ? cls[ci] : 'n';
                if (c == 'n')
                    continue;
                if (c == 'q')
                    clear_kinds(&a, 1u << BW_TAINT_SQL);
                else if (mp && ncls >= 0 && !tv_empty(&a))
                    pct = 1;
                if (r->flags & BW_KF_ESC_HTML)
                    clear_kinds(&a, 1u << BW_TAINT_HTML);
                tv_join(&v, &a);
            }
        }
    } else if (r->flags & BW_KF_SCANF) {
        if (r->from < 0 || (uint32_t)r->from >= cc->nargs || r->fmt < 0 || (uint32_t)r->fmt >= cc->nargs)
            return;
        tv src = cc->args[r->from].v;
        if (tv_empty(&src))
            return;
        const aval *f = &cc->args[r->fmt];
        char cls[64];
        int ncls = val_fmt_classes(C, f, true, false, cls, 64);
        src.why = step_forf(C, cc, src.why, "F", 0, "parsed by %s()", cc->shown);
        for (uint32_t i = (uint32_t)r->first; i < cc->nargs; i++) {
            int ci = (int)(i - (uint32_t)r->first);
            if (ncls >= 0 && (ci >= ncls || cls[ci] != 's'))
                continue;
            write_arg(C, s, &cc->in->vals[i], NULL, &src, true);
        }
        return;
    } else if (r->from == BW_ALL) {
        for (uint32_t i = 0; i < cc->nargs; i++)
            if (!is_number(&cc->args[i]))
                tv_join(&v, &cc->args[i].v);
    } else if (r->from >= 0 && (uint32_t)r->from < cc->nargs) {
        tv_join(&v, &cc->args[r->from].v);
    } else {
        return;
    }
    if (sanit)
        clear_kinds(&v, r->kinds);
    if (!tv_empty(&v)) {
        v.why = sanit ? step_forf(C, cc, v.why, "F", 0, "escaped by %s()", cc->shown) :
                pct   ? step_forf(C, cc, v.why, "%", pct, "inserted with %%s (not %%q) by %s()", cc->shown) :
                        step_forf(C, cc, v.why, "F", 0, "copied by %s()", cc->shown);
    } else {
        v.why = 0;
    }
    if ((r->flags & BW_KF_FILLS) && r->to >= 0 && (uint32_t)r->to < cc->nargs) {
        fill_buffer(C, s, &cc->in->vals[r->to], &v, r->kinds);
    } else if (r->to == BW_RET) {
        result_join(cc, &v);
        if (!sanit && r->from >= 0 && (uint32_t)r->from < cc->nargs) {
            /* strchr & co. return a pointer into their argument */
            const aval *a = &cc->args[r->from];
            for (uint8_t i = 0; i < a->npts && cc->result_npts < MAXPTS; i++)
                cc->result_pts[cc->result_npts++] = a->pts[i];
        }
    } else if (sanit && r->from == r->to && r->to >= 0 && (uint32_t)r->to < cc->nargs) {
        /* the text stays where it is; only what it may carry changes */
        sanitize_arg_in_place(C, s, &cc->in->vals[r->to], r->kinds);
    } else if (r->to >= 0 && (uint32_t)r->to < cc->nargs) {
        write_arg(C, s, &cc->in->vals[r->to], NULL, &v, (r->flags & BW_KF_STRONG) != 0);
    }
}

/* When `v` carries exactly one origin, the root slot of a parameter of
 * this function (for any kind), that parameter (0-based); else -1. */
static int sole_param(fctx *C, const tv *v)
{
    uint32_t any = tv_any(v);
    if (any == 0 || (any & O_CONCRETE) || (any & (any - 1)))
        return -1;
    for (uint32_t sl = 0; sl < C->pf->nslots; sl++)
        if (any == SLOTBIT(sl) && C->pf->slots[sl].path[0] == '\0')
            return (int)C->pf->slots[sl].param;
    return -1;
}

/* A call that hands our own format parameter on together with a va_list
 * of our variadic arguments (or our va_list parameter): the shape of every
 * logging wrapper.  Like a function with a format attribute, such a wrapper
 * is checked at its callers; with none in the compile database (an exported
 * API) its format is not "unknown data" but its callers' literal. */
static bool forwards_own_format(fctx *C, const aval *fmt, const aval *va)
{
    if (fmt->lit != NULL || fmt->first_place == BW_NONE || va->first_place == BW_NONE || (fmt->v.k[BW_TAINT_FORMAT] & O_SRC))
        return false;
    const aplace *fp = &C->pl[fmt->first_place], *vp = &C->pl[va->first_place];
    if (fp->kind != BW_PLACE_PARAM || fp->path[0] != '\0')
        return false;
    return C->f->variadic || (vp->kind == BW_PLACE_PARAM && vp->path[0] == '\0' && vp->param != fp->param);
}

/* A printf-family call whose format is our parameter and whose arguments
 * are our variadic ones (or our va_list parameter): we are a printf-style
 * wrapper, and our callers' literal formats decide per conversion. */
static void note_format_wrapper(fctx *C, const aval *fmt, const aval *args, bool mprintf)
{
    if (fmt->lit != NULL)
        return;
    int fp = sole_param(C, &fmt->v);
    int ap = sole_param(C, &args->v);
    if (fp < 0 || ap < 0 || fp == ap)
        return;
    C->sum.fmt_param = (uint32_t)fp + 1;
    C->sum.fmt_variadic = (uint32_t)ap == C->f->nparams;
    C->sum.va_param = C->sum.fmt_variadic ? 0 : (uint32_t)ap + 1;
    C->sum.fmt_mprintf |= mprintf;
}

/* The slot value for callee slot `sd` at this call site. */
static void actual_for_slot(fctx *C, state *s, callctx *cc, const pfunc *callee, const slotdef *sd, tv *out)
{
    memset(out, 0, sizeof(*out));
    uint32_t np = callee->f->nparams;
    if (sd->param >= np) {
        /* the variadic arguments; through a printf-style wrapper called with
         * a literal format, each as its conversion prints it */
        const summary *cs = &callee->sum;
        char cls[64];
        int ncls = -1;
        if (cs->fmt_param > 0 && cs->fmt_variadic && cs->fmt_param - 1 < cc->nargs)
            ncls = val_fmt_classes(C, &cc->args[cs->fmt_param - 1], false, cs->fmt_mprintf, cls, 64);
        for (uint32_t i = np; i < cc->nargs; i++) {
            if (is_number(&cc->args[i]))
                continue;
            int ci = (int)(i - np);
            char c = ncls < 0 ? 's' : ci < ncls ? cls[ci] : 'n';
            if (c == 'n')
                continue;
            tv a = cc->args[i].v;
            if (c == 'q')
                clear_kinds(&a, 1u << BW_TAINT_SQL);
            tv_join(out, &a);
        }
        return;
    }
    if (sd->param >= cc->nargs)
        return;
    if (sd->path[0] == '\0') {
        *out = cc->args[sd->param].v;
        return;
    }
    const bw_ir_val *v = &cc->in->vals[sd->param];
    for (uint32_t i = 0; i < v->nrefs; i++) {
        uint32_t p = v->refs[i].place;
        if (p >= C->npl)
            continue;
        uint32_t q = place_with_path(C, p, sd->path);
        read_place(C, s, q, out);
    }
    /* a callee handed &r->node (or a copy of it) may read r's members
     * through container_of(): the path is then below r */
    const aval *a = &cc->args[sd->param];
    for (uint8_t i = 0; i < a->npts; i++) {
        uint32_t h = intrusive_holder(C, a->pts[i]);
        if (h != BW_NONE)
            read_place(C, s, place_with_path(C, h, sd->path), out);
    }
}

static void subst(const tv *t, const tv *actual, uint32_t nslots, tv *out)
{
    memset(out, 0, sizeof(*out));
    for (int k = 0; k < NK; k++) {
        out->k[k] = t->k[k] & O_CONCRETE;
        uint32_t slots = t->k[k] >> 2; /* bit sl = slot sl (SLOTBIT) */
        while (slots != 0) {
            uint32_t sl = (uint32_t)__builtin_ctz(slots);
            slots &= slots - 1;
            if (sl < nslots)
                out->k[k] |= actual[sl].k[k];
        }
    }
}

/* subst for one call: the callee's outs and globals often carry the same
 * bits (widened summaries saturate them), so the last answer is kept. */
typedef struct subst_memo {
    const tv *actual;
    uint32_t nslots;
    bool have;
    tv t, out;
} subst_memo;

static void subst_once(subst_memo *m, const tv *t, tv *out)
{
    if (m->have && memcmp(m->t.k, t->k, sizeof t->k) == 0) {
        *out = m->out;
        return;
    }
    subst(t, m->actual, m->nslots, out);
    m->t = *t;
    m->out = *out;
    m->have = true;
}

/* What a callee's summary did to a value, in the step that shows it. */
enum { VIA_RETURN, VIA_OUT, VIA_GLOBAL, VIA_CAPTURE, VIA_CAPTURE_WRITE, VIA_KINDS };
static const char *const via_text[VIA_KINDS] = {"returned by", "written by", "stored in a global by",
                                                "captured by a lambda in", "written to a captured variable by"};
/* each kind its own step key: a call that both returns a value and stores
 * it in a global (`prev = last; last = name; return prev;`) shows each */
static const char *const via_tag[VIA_KINDS] = {"I", "J", "K", "C", "D"};

/* The step "<what> <callee>()" after `prev` at this call: memo_stepf, with
 * the message formatted once per call instruction and `what` in an
 * analysis (C->via_msgs) instead of once per new step (~0.4 million on
 * SQLite, most of them at the same calls). */
static uint32_t via_step(fctx *C, callctx *cc, uint32_t prev, unsigned what)
{
    uint32_t hit = memo_get(C, step_key(cc->insn, prev, via_tag[what]));
    if (hit != 0)
        return hit;
    if (chain_full(C, prev, via_tag[what]))
        return prev;
    if (C->via_msgs == NULL && (C->via_msgs = bw_calloc((size_t)C->f->ninsns * VIA_KINDS, sizeof(char *))) == NULL) {
        C->oom = true;
        return prev;
    }
    const char **m = &C->via_msgs[(size_t)cc->insn * VIA_KINDS + what];
    if (*m == NULL)
        *m = step_msg(C->P, "%s %s()", via_text[what], cc->shown);
    return memo_step(C, cc->insn, prev, via_tag[what], *m, 0);
}

/* How a callee's store in global `key` reads in a step: a lambda's
 * capture is a global of its closure (extract.c, "<call operator's
 * USR>|capture|<variable's USR>"), which a function that makes the lambda
 * stores, or the lambda's own body writes. */
static unsigned glob_via(fctx *C, const callctx *cc, const char *key)
{
    const char *cap = strstr(key, "|capture|");
    if (cap == NULL)
        return VIA_GLOBAL;
    const char *usr = cc->in->usr != BW_NONE ? S(C, cc->in->usr) : "";
    size_t n = (size_t)(cap - key);
    return strlen(usr) == n && strncmp(usr, key, n) == 0 ? VIA_CAPTURE_WRITE : VIA_CAPTURE;
}

static uint32_t subst_why(fctx *C, callctx *cc, const tv *t, const tv *res, const chain *inner, const tv *actual,
                          uint32_t nslots, unsigned what)
{
    if (tv_empty(res))
        return 0;
    uint32_t a = tv_any(t);
    /* explain the worst origin of the result: an untrusted value that the
     * callee got from this caller's argument is shown through that
     * argument, not through the callee's own unknown-origin path */
    uint32_t worst = tv_any(res) & O_SRC ? O_SRC : tv_any(res) & O_UNK ? O_UNK : 0;
    if (worst != 0 && !(a & worst)) {
        for (uint32_t sl = 0; sl < nslots; sl++)
            if ((a & SLOTBIT(sl)) && (tv_any(&actual[sl]) & worst))
                return via_step(C, cc, actual[sl].why, what);
    }
    if (a & O_CONCRETE)
        return via_step(C, cc, import_chain(C, 0, inner), what);
    for (uint32_t sl = 0; sl < nslots; sl++)
        if ((a & SLOTBIT(sl)) && !tv_empty(&actual[sl]))
            return via_step(C, cc, actual[sl].why, what);
    return 0;
}

static bool analyze_function(fctx *C);
static void fctx_free(fctx *C);

/* Whether every step of a copied chain belongs to a chain that starts at
 * `slot` (an imported callee part that explains another of the callee's
 * slots has its steps' oslot cleared: apply_summary). */
static bool chain_starts_at(const chain *c, uint32_t slot)
{
    for (uint32_t i = 0; i < c->n; i++)
        if (c->s[i].oslot != slot + 1)
            return false;
    return true;
}

/*
 * The chain to show for a callee's summary sink.  A value that reaches a
 * sink carries every slot it was built from but one `why`: the chain of
 * whichever slot came first (or of an origin inside the callee).  The
 * summary records that chain for each slot, so a caller whose data is in
 * another slot was shown the wrong parameter's steps (docs/triage.md, #8,
 * #9, #10).  Such a chain is redone on demand — only when a finding or
 * another explanation shows it — by analysing the callee again with only
 * that slot carrying data (explain mode), and kept for the callee's
 * current summary.  Callees above BIG_FUNCTION are not redone (one more
 * analysis of SQLite's sqlite3VdbeExec cost 0.35 s).  Returns the
 * summary's own chain when it already starts at the slot, or when the redo
 * finds no chain.
 */
static const chain *explain_sink(fctx *C, pfunc *callee, const sum_sink *sk)
{
    const chain *own = &sk->why;
    if (own->n == 0 || chain_starts_at(own, sk->slot) || callee->explaining ||
        C->explain_depth >= MAX_EXPLAIN_DEPTH || callee->f->ninsns == 0 || callee->f->ninsns > BIG_FUNCTION)
        return own;
    uint64_t key = sink_key(own->s[own->n - 1].tu, &own->s[own->n - 1].loc);
    for (uint32_t i = 0; i < callee->nexpl; i++) {
        const struct explanation *e = callee->expl[i];
        if (e->slot == sk->slot && e->kind == sk->kind && e->key == key && e->sumhash == callee->sumhash)
            return e->why.n > 0 ? &e->why : own;
    }
    struct explanation *e = bw_calloc(1, sizeof(*e));
    if (e == NULL || !bw_ir_grow((void **)&callee->expl, &callee->capexpl, callee->nexpl + 1, sizeof(e))) {
        bw_free(e);
        C->oom = true;
        return own;
    }
    *e = (struct explanation){sk->slot, sk->kind, key, callee->sumhash, {NULL, 0}};
    fctx E;
    memset(&E, 0, sizeof(E));
    E.P = C->P;
    E.pf = callee;
    E.tu = callee->tu;
    E.f = callee->f;
    E.explain_slot = sk->slot + 1;
    E.explain_kind = sk->kind;
    E.explain_key = key;
    E.explain_depth = C->explain_depth + 1;
    callee->explaining = true;
    if (analyze_function(&E) && !E.oom) {
        e->why = E.explained;
        memset(&E.explained, 0, sizeof(E.explained));
    }
    callee->explaining = false;
    if (E.oom)
        C->oom = true;
    fctx_free(&E);
    callee->expl[callee->nexpl++] = e;
    return e->why.n > 0 ? &e->why : own;
}

/* In explain mode a callee's result holds only what came from the
 * explained slot: its own sources and unknown origins are left out. */
static void explain_strip(const fctx *C, tv *v)
{
    if (C->explain_slot == 0)
        return;
    for (int k = 0; k < NK; k++)
        v->k[k] &= ~O_CONCRETE;
    if (tv_empty(v))
        v->why = 0;
}

/* A sink inside the callee that the actual `a` of its slot reaches: the
 * step passing `a` to the callee, and, when `rep`, the finding at this
 * call. */
static uint32_t via_summary_sink(fctx *C, callctx *cc, pfunc *callee, const sum_sink *sk, const tv *a, bool rep)
{
    const summary *sm = &callee->sum;
    uint32_t o = a->k[sk->kind];
    const slotdef *sd = &callee->slots[sk->slot];
    /* a method's parameter 0 is its object: arguments count as written */
    bool method = callee->f->is_method;
    uint32_t pass =
        sd->param >= callee->f->nparams ?
            step_forf(C, cc, a->why, "W", 0, "passed to %s() as a variadic argument", callee->name) :
        method && sd->param == 0 ?
            step_forf(C, cc, a->why, "W", 0, "passed to %s() as its object", callee->name) :
            step_forf(C, cc, a->why, "W", 0, "passed to %s() as argument %u", callee->name,
                      sd->param + (method ? 0u : 1u));
    C->forwarding_format = sk->kind == BW_TAINT_FORMAT && sm->fmt_param > 0 && !sm->fmt_variadic &&
                           sd->param == sm->fmt_param - 1 && sm->va_param - 1 < cc->nargs &&
                           sm->fmt_param - 1 < cc->nargs &&
                           forwards_own_format(C, &cc->args[sm->fmt_param - 1], &cc->args[sm->va_param - 1]);
    if ((o & O_CONCRETE) && C->pf->report)
        C->would_report = true;
    if (rep && (o & O_CONCRETE))
        report(C, cc->insn, sk->kind, o, pass, callee->name, sk->hint,
               sd->param < cc->nargs && cc->args[sd->param].first_place != BW_NONE ?
                   C->pl[cc->args[sd->param].first_place].name :
                   "the value",
               callee, sk, sk->pct_s);
    C->forwarding_format = false;
    return pass;
}

static void apply_summary(fctx *C, state *s, callctx *cc, pfunc *callee)
{
    summary *sm = &callee->sum;
    tv actual[NSLOTS];
    uint32_t ns = callee->nslots;
    for (uint32_t i = 0; i < ns; i++)
        actual_for_slot(C, s, cc, callee, &callee->slots[i], &actual[i]);
    /* sinks inside the callee; a sink that several slots reach is one
     * finding (report() keeps the first), so the slots holding a source's
     * data are reported first: the finding is an error, explained through
     * the untrusted argument, even when another argument holds data of
     * unknown origin */
    bool rep = C->reporting && C->pf->report;
    for (uint32_t i = 0; rep && i < sm->nsinks; i++) {
        const sum_sink *sk = &sm->sinks[i];
        if (sk->slot < ns && (actual[sk->slot].k[sk->kind] & O_SRC))
            via_summary_sink(C, cc, callee, sk, &actual[sk->slot], true);
    }
    for (uint32_t i = 0; i < sm->nsinks; i++) {
        const sum_sink *sk = &sm->sinks[i];
        if (sk->slot >= ns)
            continue;
        const tv *a = &actual[sk->slot];
        uint32_t o = a->k[sk->kind];
        if (o == 0)
            continue;
        uint32_t pass = via_summary_sink(C, cc, callee, sk, a, rep);
        /* summaries keep the callee's chain as it is (redoing it for every
         * call would cost an analysis each); an explanation redoes it,
         * since it is shown */
        const chain *inner = C->explain_slot != 0 ? explain_sink(C, callee, sk) : &sk->why;
        bool wrong = !chain_starts_at(inner, sk->slot);
        for (uint32_t sl = 0; sl < NSLOTS; sl++) {
            if (!(o & SLOTBIT(sl)))
                continue;
            uint32_t w = import_chain(C, pass, inner);
            /* the callee's part explains another of its slots: this
             * chain, too, is redone when it is shown */
            for (uint32_t j = w; wrong && j != 0 && j != pass; j = C->steps[j].prev)
                C->steps[j].oslot = 0;
            note_summary_sink(C, sl, sk->kind, callee->name, sk->hint, w, sk->pct_s);
        }
    }
    /* a wrapper of a printf-style wrapper is one too */
    if (sm->fmt_param > 0 && sm->fmt_param - 1 < cc->nargs) {
        uint32_t vi = sm->fmt_variadic ? callee->f->nparams : sm->va_param - 1;
        if (vi < cc->nargs) {
            aval va = cc->args[vi];
            if (sm->fmt_variadic) {
                memset(&va.v, 0, sizeof(va.v));
                for (uint32_t i = callee->f->nparams; i < cc->nargs; i++)
                    tv_join(&va.v, &cc->args[i].v);
            }
            note_format_wrapper(C, &cc->args[sm->fmt_param - 1], &va, sm->fmt_mprintf);
        }
    }
    /* what the callee stores (out-parameters, globals): an intrusive node
     * passed in stands there for its whole record.  Not what it returns:
     * most callees given a node return something read through it
     * (`req_of(n)->cmd`), and the record there would be every member */
    tv stored_actual[NSLOTS];
    const tv *sa = actual;
    for (uint32_t i = 0; i < ns; i++) {
        const slotdef *sd = &callee->slots[i];
        if (sd->path[0] == '\0' && sd->param < cc->nargs && !tv_empty(&cc->args[sd->param].held)) {
            if (sa == actual)
                memcpy(stored_actual, actual, sizeof(tv) * ns);
            sa = stored_actual;
            tv_join(&stored_actual[i], &cc->args[sd->param].held);
        }
    }
    subst_memo sm_memo = {actual, ns, false, {{0}, 0}, {{0}, 0}};
    subst_memo st_memo = {sa, ns, false, {{0}, 0}, {{0}, 0}};
    subst_memo *om = sa == actual ? &sm_memo : &st_memo;
    /* return value; a void pointer from our own code is memory it hands
     * out (allocators, pools, lookaside lists), not text it passes on */
    tv r;
    subst_once(&sm_memo, &sm->ret, &r);
    if (cc->in->flags & BW_CALL_RET_VOIDPTR)
        tv_keep_source(&r);
    explain_strip(C, &r);
    r.why = subst_why(C, cc, &sm->ret, &r, &sm->ret_why, actual, ns, VIA_RETURN);
    result_join(cc, &r);
    /* out-parameters */
    for (uint32_t i = 0; i < sm->nouts; i++) {
        const sum_out *o = &sm->outs[i];
        if (o->param >= cc->nargs)
            continue;
        tv w;
        subst_once(om, &o->v, &w);
        explain_strip(C, &w);
        if (tv_empty(&w))
            continue;
        w.why = subst_why(C, cc, &o->v, &w, &o->why, sa, ns, VIA_OUT);
        write_arg(C, s, &cc->in->vals[o->param], o->path, &w, false);
    }
    /* globals */
    for (uint32_t i = 0; i < sm->nglobs; i++) {
        const sum_glob *g = &sm->globs[i];
        tv w;
        subst_once(om, &g->v, &w);
        explain_strip(C, &w);
        if (tv_empty(&w))
            continue;
        w.why = subst_why(C, cc, &g->v, &w, &g->why, sa, ns, glob_via(C, cc, g->key));
        /* the global's place in this function, if it mentions it */
        uint32_t p = place_by_key(C, "g", g->key, strlen(g->key));
        if (p != BW_NONE && g->through)
            write_content(C, s, p, &w, false);
        else if (p != BW_NONE)
            join_write(C, s, p, &w, false);
        else
            sum_glob_join(C, &C->sum, g->key, &w, g->through); /* the effect, for our own callers */
    }
}

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

/* A std::string member call that leaves the string empty: clear(),
 * erase() and erase(0) (the lowering leaves a library's default arguments
 * out: `s.erase(PREFIX)` with an enum constant still has its argument),
 * resize(0).  A stream's clear() resets only its state. */
static bool empties_string(const callctx *cc)
{
    if (strncmp(cc->callee, "std::basic_string::", 19) != 0)
        return false;
    const char *m = cc->callee + 19;
    if (strcmp(m, "clear") == 0)
        return cc->nargs == 1;
    if (strcmp(m, "erase") == 0)
        return cc->nargs == 1 || (cc->nargs == 2 && (cc->in->vals[1].flags & BW_VAL_ZERO));
    if (strcmp(m, "resize") == 0)
        return cc->nargs >= 2 && (cc->in->vals[1].flags & BW_VAL_ZERO);
    return false;
}

/* Whether a std::swap's USR takes a reference to a std::basic_string
 * ("&$@N@std@N@__cxx11@S@basic_string>..."), not a specialization for
 * pointers to strings or for pairs or vectors of them. */
static bool swaps_std_strings(const char *usr)
{
    for (const char *p = strstr(usr, "&$@N@std@"); p != NULL; p = strstr(p + 1, "&$@N@std@")) {
        const char *q = p + 9;
        while (strncmp(q, "N@", 2) == 0) { /* inline namespaces: __cxx11, __1 */
            q = strchr(q + 2, '@');
            if (q == NULL)
                return false;
            q++;
        }
        if (strncmp(q, "S@basic_string>", 15) == 0)
            return true;
    }
    return false;
}

/* Whether the argument designates a string that may be one of many
 * (one_of_many, or a pointer to an array's element, `p = &arr[1]`):
 * writing its text then replaces none. */
static bool string_one_of_many(fctx *C, state *s, const bw_ir_val *v)
{
    if (v->nrefs != 1 || v->refs[0].place >= C->npl || one_of_many(C, &v->refs[0]))
        return true;
    const ent *e = st_lookup(C, s, v->refs[0].place);
    for (uint8_t i = 0; e != NULL && i < e->npts; i++)
        if (e->pts[i] >= C->npl || in_array(C, e->pts[i]))
            return true;
    return false;
}

/* Writes a string's new text: replaced in a variable that holds it,
 * joined elsewhere (a reference or pointer may designate one element of
 * many, `std::swap(v[i], t)`, whose others keep their text). */
static void write_whole_string(fctx *C, state *s, const bw_ir_val *v, const tv *t)
{
    bool whole = false;
    if (!string_one_of_many(C, s, v)) {
        const aplace *a = &C->pl[v->refs[0].place];
        whole = (a->kind == BW_PLACE_LOCAL || a->kind == BW_PLACE_GLOBAL) && a->path[0] == '\0';
    }
    write_arg(C, s, v, NULL, t, whole);
}

/* `a.swap(b)`, `std::swap(a, b)`: each string takes the other's text. */
static void swap_texts(fctx *C, state *s, callctx *cc)
{
    tv va = cc->args[0].v, vb = cc->args[1].v;
    if (!tv_empty(&va))
        va.why = step_forf(C, cc, va.why, "A", 0, "swapped into '%s' by %s",
                           cc->args[1].first_place != BW_NONE ? C->pl[cc->args[1].first_place].name : "the other string",
                           cc->short_name);
    if (!tv_empty(&vb))
        vb.why = step_forf(C, cc, vb.why, "A", 0, "swapped into '%s' by %s",
                           cc->args[0].first_place != BW_NONE ? C->pl[cc->args[0].first_place].name : "the other string",
                           cc->short_name);
    write_whole_string(C, s, &cc->in->vals[0], &vb);
    write_whole_string(C, s, &cc->in->vals[1], &va);
    cc->result_set = true;
}

/* std::string, std::ostringstream & co.: text in, text out. */
static bool apply_std_generic(fctx *C, state *s, callctx *cc)
{
    const char *q = cc->callee;
    if (strncmp(q, "std::", 5) != 0)
        return false;
    if (strcmp(q, "std::swap") == 0 && cc->nargs == 2 && cc->in->usr != BW_NONE &&
        swaps_std_strings(S(C, cc->in->usr))) {
        swap_texts(C, s, cc);
        return true;
    }
    static const char *const classes[] = {"std::basic_string", "std::basic_ostringstream",
                                          "std::basic_stringstream", "std::basic_ostream",
                                          "std::basic_string_view", "std::basic_istringstream",
                                          "std::basic_stringbuf", "std::basic_ios", NULL};
    const char *last = cc->short_name;
    bool member = false;
    for (size_t i = 0; classes[i] != NULL; i++) {
        size_t n = strlen(classes[i]);
        if (strncmp(q, classes[i], n) == 0 && q[n] == ':')
            member = true;
    }
    bool free_op = strncmp(q, "std::operator", 13) == 0 || strcmp(q, "std::to_string") == 0 ||
                   strcmp(q, "std::move") == 0;
    if (!member && !free_op && !(cc->in->flags & BW_CALL_CTOR))
        return false;
    static const char *const mutators[] = {"append", "operator+=", "assign", "operator=", "insert",
                                           "push_back", "replace", "operator<<", "write", "put", "str", NULL};
    bool has_obj = (cc->in->flags & (BW_CALL_METHOD | BW_CALL_OPERATOR)) && cc->nargs > 0 && member;
    if (has_obj && cc->nargs == 2 && strcmp(last, "swap") == 0) {
        swap_texts(C, s, cc);
        return true;
    }
    if (has_obj && empties_string(cc)) {
        /* `out.clear(); out += "..."`: the string's text is gone (an out
         * parameter's unknown text with it) */
        tv empty;
        memset(&empty, 0, sizeof(empty));
        write_arg(C, s, &cc->in->vals[0], NULL, &empty, !string_one_of_many(C, s, &cc->in->vals[0]));
        cc->result_set = true;
        return true;
    }
    if (strcmp(q, "std::operator<<") == 0 && cc->nargs == 2) {
        /* free operator<<(ostream&, text) appends to the stream */
        has_obj = true;
    }
    tv in;
    memset(&in, 0, sizeof(in));
    for (uint32_t i = has_obj ? 1u : 0u; i < cc->nargs; i++)
        if (!is_number(&cc->args[i]))
            tv_join(&in, &cc->args[i].v);
    if (has_obj && in_list(last, mutators) && cc->nargs > 1) {
        bool strong = strcmp(last, "assign") == 0 || strcmp(last, "operator=") == 0 || strcmp(last, "str") == 0;
        if (!tv_empty(&in))
            in.why = step_forf(C, cc, in.why, "A", 0, "appended by %s", last);
        write_arg(C, s, &cc->in->vals[0], NULL, &in, strong);
        /* the result is the object itself (chains like oss << a << b) */
        const bw_ir_val *ov = &cc->in->vals[0];
        for (uint32_t i = 0; i < ov->nrefs && cc->result_npts < MAXPTS; i++)
            cc->result_pts[cc->result_npts++] = ov->refs[i].place;
        tv ob;
        memset(&ob, 0, sizeof(ob));
        for (uint32_t i = 0; i < ov->nrefs; i++)
            read_place(C, s, ov->refs[i].place, &ob);
        result_join(cc, &ob);
        return true;
    }
    if (cc->in->flags & BW_CALL_RET_ARITH) {
        cc->result_set = true;
        return true;
    }
    tv all = in;
    if (has_obj)
        tv_join(&all, &cc->args[0].v);
    if (!tv_empty(&all))
        all.why = step_forf(C, cc, all.why, "G", 0, "passed through %s", last);
    result_join(cc, &all);
    if (has_obj) {
        const aval *o = &cc->args[0];
        for (uint8_t i = 0; i < o->npts && cc->result_npts < MAXPTS; i++)
            cc->result_pts[cc->result_npts++] = o->pts[i];
    }
    return true;
}

static bool only_format_rows(const bw_know *const *rows, size_t n);

/* Whether class `d` is `b` or derives from it (both USRs). */
static bool derives_from(const bw_program *P, const char *d, const char *b)
{
    if (strcmp(d, b) == 0)
        return true;
    size_t ld = strlen(d), lb = strlen(b);
    char small[512];
    char *key = ld + lb + 2 <= sizeof(small) ? small : bw_malloc(ld + lb + 2);
    if (key == NULL)
        return true; /* out of memory: it may */
    memcpy(key, d, ld);
    key[ld] = '\n';
    memcpy(key + ld + 1, b, lb + 1);
    bool r = bw_strmap_get(&P->derives, key) != BW_NONE;
    if (key != small)
        bw_free(key);
    return r;
}

/* The program's functions a call runs: the callee's definition (*own:
 * out[0] is it), and for a C++ virtual call the overrides of the method
 * that the program defines in the class of the object the call is made
 * on or a class derived from it (the first MAX_TARGETS; the others have
 * no callers and take data of unknown origin, as before this was
 * followed).  Returns how many. */
static unsigned call_targets(const bw_program *P, const bw_ir_tu *tu, const bw_ir_insn *in, uint32_t *out, bool *own)
{
    *own = false;
    if (in->usr == BW_NONE)
        return 0;
    const char *usr = bw_ir_str(tu, in->usr);
    unsigned n = 0;
    uint32_t i = bw_strmap_get(&P->by_usr, usr);
    if (i != BW_NONE) {
        out[n++] = i;
        *own = true;
    }
    if (!(in->flags & BW_CALL_VIRTUAL))
        return n;
    /* rows for the method itself (config, annotations: BW_SANITIZER on an
     * interface's method) say what every implementation does */
    size_t nrows = 0;
    const bw_know *const *rows = in->callee != BW_NONE ? bw_kdb_lookup(P->kdb, bw_ir_str(tu, in->callee), &nrows) : NULL;
    if (nrows > 0 && !only_format_rows(rows, nrows) && (!*own || P->funcs[out[0]].overridden))
        return n; /* (a format attribute only checks the call's format) */
    const char *recv = in->recv != BW_NONE ? bw_ir_str(tu, in->recv) : NULL;
    for (uint32_t k = bw_strmap_get(&P->overrides, usr); k != BW_NONE && n < MAX_TARGETS; k = P->vt[k].next)
        if (recv == NULL || derives_from(P, P->vt[k].cls, recv))
            out[n++] = P->vt[k].func;
    return n;
}

/* A virtual call runs one of the overrides, or the method's own body: one
 * the program defines, or a library's (std::exception::what(): then what
 * it returns is also of unknown origin). */
static bool only_overrides_run(const bw_program *P, const bw_ir_tu *tu, const bw_ir_insn *in)
{
    if (!(in->flags & BW_CALL_VIRTUAL) || in->usr == BW_NONE)
        return false;
    const char *usr = bw_ir_str(tu, in->usr);
    return bw_strmap_get(&P->libv, usr) == BW_NONE || bw_strmap_get(&P->by_usr, usr) != BW_NONE;
}

/* What the bodies a call runs write through its arguments (bit per
 * argument): the union over call_targets. */
static uint32_t targets_write_params(const bw_program *P, const bw_ir_tu *tu, const bw_ir_insn *in)
{
    uint32_t targets[MAX_TARGETS], w = 0;
    bool own;
    unsigned n = call_targets(P, tu, in, targets, &own);
    for (unsigned t = 0; t < n; t++)
        w |= P->funcs[targets[t]].writes_params;
    return w;
}

/* _FORTIFY_SOURCE turns printf into __printf_chk and snprintf into
 * __builtin___snprintf_chk: messages name what the source says. */
static const char *source_level_name(const char *n, char *buf, size_t cap)
{
    size_t len = strlen(n);
    if (len < 5 || strcmp(n + len - 4, "_chk") != 0)
        return n;
    const char *b = n;
    if (strncmp(b, "__builtin___", 12) == 0)
        b += 12;
    else if (strncmp(b, "__", 2) == 0)
        b += 2;
    else
        return n;
    size_t bl = (size_t)(n + len - 4 - b);
    if (bl == 0 || bl + 1 > cap)
        return n;
    memcpy(buf, b, bl);
    buf[bl] = '\0';
    return buf;
}

/* Knowledge rows of a called function, in their order. */
static void apply_rows(fctx *C, state *s, callctx *cc, const bw_know *const *rows, size_t nrows)
{
    for (size_t i = 0; i < nrows; i++) {
        const bw_know *r = rows[i];
        switch (r->role) {
        case BW_ROLE_SINK:
            apply_sink_row(C, s, cc, r);
            break;
        case BW_ROLE_SOURCE:
            apply_source_row(C, s, cc, r);
            break;
        case BW_ROLE_PROPAGATOR:
        case BW_ROLE_SANITIZER:
            apply_flow_row(C, s, cc, r);
            break;
        case BW_ROLE_TRUSTED:
            cc->result_set = true;
            break;
        case BW_ROLE_VALIDATOR:
            break;
        }
    }
}

/* The program's function `tf` that a call runs: the rows that replace
 * its summary (config, annotations), or its summary and the format
 * argument its format attribute names. */
static void apply_target(fctx *C, state *s, callctx *cc, pfunc *tf)
{
    if (tf->overridden) {
        size_t n = 0;
        const bw_know *const *rows = bw_kdb_lookup(C->P->kdb, tf->qual, &n);
        apply_rows(C, s, cc, rows, n);
        return;
    }
    apply_summary(C, s, cc, tf);
    /* a format attribute: the format argument is checked here, at the call */
    if (tf->fmt_param >= 0) {
        bw_know r = {cc->callee, BW_ROLE_SINK, tf->fmt_param, -1, -1, 1u << BW_TAINT_FORMAT, tf->fmt_param,
                     tf->fmt_first, BW_KF_PRINTF | (tf->fmt_first < 0 ? BW_KF_VA : 0), NULL};
        apply_sink_row(C, s, cc, &r);
    }
}

static void do_call(fctx *C, state *s, uint32_t insn)
{
    const bw_ir_insn *in = &C->f->insns[insn];
    callctx cc;
    memset(&cc, 0, sizeof(cc));
    cc.insn = insn;
    cc.in = in;
    cc.callee = in->callee != BW_NONE ? S(C, in->callee) : "(indirect)";
    const char *sn = strrchr(cc.callee, ':');
    cc.short_name = sn != NULL ? sn + 1 : cc.callee;
    cc.shown = source_level_name(cc.short_name, cc.shown_buf, sizeof cc.shown_buf);
    aval argbuf[16];
    cc.args = in->nvals <= 16 ? argbuf : bw_calloc(in->nvals, sizeof(aval));
    if (cc.args == NULL) {
        C->oom = true;
        return;
    }
    cc.nargs = in->nvals;
    C->escaping = true;
    for (uint32_t i = 0; i < in->nvals; i++)
        eval_value(C, s, &in->vals[i], &cc.args[i]);
    C->escaping = false;

    /* va_start(ap, last): ap carries the variadic arguments */
    if (strcmp(cc.callee, "__builtin_va_start") == 0 || strcmp(cc.callee, "__builtin_c23_va_start") == 0) {
        if (in->nvals >= 1 && in->vals[0].nrefs > 0 && C->f->variadic) {
            bw_ir_place tmp;
            (void)tmp;
            /* the variadic pseudo-parameter */
            uint32_t vp;
            char key[32];
            snprintf(key, sizeof(key), "p%u", C->f->nparams);
            vp = bw_strmap_get(&C->plmap, key);
            tv t;
            memset(&t, 0, sizeof(t));
            if (vp == BW_NONE) {
                if (bw_ir_grow((void **)&C->pl, &C->cappl, C->npl + 1, sizeof(aplace))) {
                    vp = C->npl++;
                    aplace *a = &C->pl[vp];
                    memset(a, 0, sizeof(*a));
                    a->key = fx_own(C, bw_strdup(key));
                    a->path = "";
                    a->name = "...";
                    a->kind = BW_PLACE_PARAM;
                    a->param = C->f->nparams;
                    a->root = vp;
                    if (a->key != NULL)
                        bw_strmap_put(&C->plmap, a->key, vp);
                    family_add(C, vp, vp);
                }
            }
            if (vp != BW_NONE)
                read_place(C, s, vp, &t);
            aval av;
            memset(&av, 0, sizeof(av));
            av.v = t;
            assign(C, s, in->vals[0].refs[0].place, &av, t.why, false);
        }
        goto out;
    }
    if (strcmp(cc.callee, "__builtin_va_copy") == 0) {
        if (in->nvals >= 2 && in->vals[0].nrefs > 0)
            assign(C, s, in->vals[0].refs[0].place, &cc.args[1], cc.args[1].v.why, false);
        goto out;
    }

    size_t nrows = 0;
    const bw_know *const *rows =
        (in->flags & BW_CALL_INDIRECT) ? NULL : bw_kdb_lookup(C->P->kdb, cc.callee, &nrows);
    uint32_t targets[MAX_TARGETS];
    bool own;
    unsigned ntargets = call_targets(C->P, C->tu, in, targets, &own);
    pfunc *callee = own ? &C->P->funcs[targets[0]] : NULL;
    bool handled = false;
    if (nrows > 0 && (callee == NULL || callee->overridden)) {
        handled = true;
        apply_rows(C, s, &cc, rows, nrows);
        /* for C++ string classes a sink row does not stop text flowing */
        if (!cc.result_set && strncmp(cc.callee, "std::", 5) == 0)
            apply_std_generic(C, s, &cc);
    } else if (callee != NULL) {
        handled = true;
        apply_target(C, s, &cc, callee);
    } else if (apply_std_generic(C, s, &cc)) {
        handled = true;
    }
    /* a virtual call: each override it may run, as a call of it */
    for (unsigned t = own ? 1 : 0; t < ntargets; t++)
        apply_target(C, s, &cc, &C->P->funcs[targets[t]]);
    if (ntargets > (own ? 1u : 0u) && only_overrides_run(C->P, C->tu, in))
        handled = true;
    if (!handled && in->dst != BW_NONE &&
        !(in->flags & (BW_CALL_RET_ARITH | BW_CALL_INDIRECT | BW_CALL_RET_VOIDPTR))) {
        static const char *const fresh[] = {"malloc", "calloc", "alloca", "__builtin_alloca", "xmalloc",
                                            "xcalloc", "sqlite3_malloc", "sqlite3_malloc64", "g_malloc",
                                            "g_malloc0", "operator new", "operator new[]", "fopen",
                                            "fdopen", "opendir", "sqlite3_column_name", NULL};
        if (in->flags & BW_CALL_CTOR) {
            /* a user type built from its arguments */
            tv t;
            memset(&t, 0, sizeof(t));
            for (uint32_t i = 0; i < cc.nargs; i++)
                if (!is_number(&cc.args[i]))
                    tv_join(&t, &cc.args[i].v);
            result_join(&cc, &t);
        } else if (!in_list(cc.callee, fresh) && strncmp(cc.short_name, "operator", 8) != 0 && C->explain_slot == 0) {
            tv t;
            memset(&t, 0, sizeof(t));
            for (int k = 0; k < NK; k++)
                t.k[k] = O_UNK;
            t.why = step_forf(C, &cc, 0, "X", 0, "returned by %s(), which is not in the compile database; its origin is "
                                     "unknown",
                                     cc.short_name);
            result_join(&cc, &t);
        }
    }
    if (in->dst != BW_NONE && in->dst < C->npl) {
        aval r;
        memset(&r, 0, sizeof(r));
        r.v = cc.result;
        if ((in->flags & BW_CALL_RET_ARITH) && handled && !cc.result_set)
            memset(&r.v, 0, sizeof(r.v));
        for (uint8_t i = 0; i < cc.result_npts; i++)
            r.pts[r.npts++] = cc.result_pts[i];
        assign(C, s, in->dst, &r, r.v.why, false);
    }
out:
    if (cc.args != argbuf)
        bw_free(cc.args);
}

/* ---- validators ------------------------------------------------------------ */

static unsigned validator_kinds(fctx *C, const bw_ir_fact *fa)
{
    const char *v = S(C, fa->validator);
    if (strcmp(v, "=allowlist") == 0 || strcmp(v, "=ctype") == 0)
        return BW_TAINT_ALL_KINDS;
    size_t n = 0;
    const bw_know *const *rows = bw_kdb_lookup(C->P->kdb, v, &n);
    unsigned kinds = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i]->role == BW_ROLE_VALIDATOR && rows[i]->arg == fa->arg)
            kinds |= rows[i]->kinds;
    uint32_t fi = bw_strmap_get(&C->P->by_qual, v);
    if (fi != BW_NONE && fa->arg < 32) {
        pfunc *pf = &C->P->funcs[fi];
        uint32_t arg = fa->arg + (pf->f->is_method ? 1u : 0u);
        if (arg < 32)
            kinds |= pf->sum.validates[arg];
    }
    return kinds;
}

/* ---- the per-function dataflow --------------------------------------------- */

/* Whether `place`'s storage is outside the function's own variables: a
 * global's, or a member reached through a pointer (a struct variable's or
 * a struct parameter's own member is its storage). */
static bool place_in_memory(const fctx *C, uint32_t place)
{
    const aplace *d = &C->pl[place], *r = &C->pl[d->root];
    if (r->kind == BW_PLACE_GLOBAL)
        return true;
    return d->path[0] != '\0' && !(r->flags & BW_PLACEF_RECORD);
}

/* Whether an assignment or store puts its value in memory: a global, a
 * member through a pointer, what a pointer points to (not an array
 * variable's own elements).  A freed block cast to a free list's slot (ir.h
 * BW_VAL_LINK) stored there designates no text: what the block held
 * before the allocator put it on its list does not come back with the next
 * allocation.  In the function's own variables it keeps what it points to
 * (input cast to a slot and back is still the input). */
static bool stored_in_memory(const fctx *C, const bw_ir_insn *in)
{
    if (in->op == BW_OP_ASSIGN)
        return place_in_memory(C, in->dst);
    return !(C->pl[in->dst].flags & BW_PLACEF_ARRAY) || place_in_memory(C, in->dst);
}

#define MAX_WRITTEN 32

static void add_written(const state *s, uint32_t p, uint32_t *w, uint32_t *n, bool *all)
{
    const ent *e = st_find(s, p);
    if (*n + 1 + (e != NULL ? e->npts : 0) > MAX_WRITTEN) {
        *all = true; /* more than we keep: every link is read again */
        return;
    }
    w[(*n)++] = p;
    for (uint8_t k = 0; e != NULL && k < e->npts; k++)
        w[(*n)++] = e->pts[k];
}

/* add_written, and for a member reached through a pointer the same
 * member of what the pointer points to (where write_content and an
 * assignment write it too: `r2 = r; strcpy(r2->table, u)`). */
static void add_written_member(fctx *C, const state *s, uint32_t p, uint32_t *w, uint32_t *n, bool *all)
{
    add_written(s, p, w, n, all);
    uint32_t mirrors[MAXPTS];
    uint8_t nm = member_mirrors(C, s, p, mirrors);
    for (uint8_t i = 0; i < nm && !*all; i++)
        add_written(s, mirrors[i], w, n, all);
}

static void unmute_all(state *s)
{
    for (uint32_t e = 0; e < s->n; e++)
        s->e[e].muted = 0;
}

static bool rows_write_arg(const bw_know *const *rows, size_t n, uint32_t i);

/* What rows say a call writes through its arguments (bit per argument). */
static uint32_t rows_writes(const bw_ir_insn *in, const bw_know *const *rows, size_t nrows)
{
    uint32_t w = 0;
    for (uint32_t v = 0; v < in->nvals && v < 32; v++)
        if (rows_write_arg(rows, nrows, v))
            w |= 1u << v;
    return w;
}

/* What do_call's apply_target applies for `tf`: its rows' writes, or the
 * summary's writes through parameters (also those made through a local
 * alias, strcat(d = p, u)) and the body's own stores through them, and
 * the globals it stores into (*globs; two bodies' globals: *all). */
static uint32_t target_writes(fctx *C, const bw_ir_insn *in, const pfunc *tf, bool *all, const summary **globs)
{
    if (tf->overridden) {
        size_t n = 0;
        const bw_know *const *rows = bw_kdb_lookup(C->P->kdb, tf->qual, &n);
        return rows_writes(in, rows, n);
    }
    if (tf->sum.nglobs > 0) {
        if (*globs != NULL && *globs != &tf->sum)
            *all = true;
        *globs = &tf->sum;
    }
    uint32_t w = tf->writes_params;
    for (uint32_t o = 0; o < tf->sum.nouts; o++)
        w |= tf->sum.outs[o].param < 32 ? 1u << tf->sum.outs[o].param : 0u;
    return w;
}

/* Which arguments (bit < 32) call `in` may write through, as the
 * analysis applies it: a row's, the program's function's (writes_params),
 * any of a C++ library call's, and of each override a virtual call may
 * run; *globs the summary of a program function
 * that stores into globals (unmute_after); *all when the call may write
 * anything: an indirect call.  Arguments past the 32nd count as
 * written. */
static uint32_t call_writes(fctx *C, const bw_ir_insn *in, bool *all, const summary **globs)
{
    if ((in->flags & BW_CALL_INDIRECT) || in->callee == BW_NONE) {
        *all = true;
        return 0;
    }
    size_t nrows = 0;
    const bw_know *const *rows = bw_kdb_lookup(C->P->kdb, S(C, in->callee), &nrows);
    uint32_t targets[MAX_TARGETS];
    bool own;
    unsigned ntargets = call_targets(C->P, C->tu, in, targets, &own);
    const pfunc *callee = own ? &C->P->funcs[targets[0]] : NULL;
    unsigned first = own ? 1 : 0;
    uint32_t w = 0;
    if (nrows > 0 && (callee == NULL || callee->overridden)) {
        w = rows_writes(in, rows, nrows);
    } else if (callee != NULL) {
        w = target_writes(C, in, callee, all, globs);
    } else if (!(ntargets > first && only_overrides_run(C->P, C->tu, in))) {
        /* a function the analysis knows nothing of writes nothing it is
         * given (do_call), but a C++ library call may (apply_std_generic) */
        const char *name = S(C, in->callee);
        if ((in->flags & (BW_CALL_METHOD | BW_CALL_OPERATOR | BW_CALL_CTOR)) || strncmp(name, "std::", 5) == 0)
            return ~0u;
    }
    /* of every override a virtual call may run, too */
    for (unsigned t = first; t < ntargets; t++)
        w |= target_writes(C, in, &C->P->funcs[targets[t]], all, globs);
    return w;
}

/* Unmutes the links to what instruction i may write: a store's or an
 * append's destination, what a call may write through its arguments
 * (strcpy(s, more)), and everything after an indirect call or a call of
 * a function that writes through a global (strcat(shared, u), into a
 * global buffer or a global's member): a global may point to any text,
 * set by a setter, through `*pp`, by a caller, and do_call's own write
 * reaches only what this function saw it point to.  A function that
 * only assigns global variables (a logging helper keeping its argument,
 * `last = m;`) changes what reading them gives, here the globals this
 * function mentions and what they point to (do_call's write_content), and
 * no other text. */
static void unmute_after(fctx *C, state *s, const bw_ir_insn *in)
{
    if (!s->any_muted)
        return;
    uint32_t w[MAX_WRITTEN], n = 0;
    bool all = false;
    const summary *globs = NULL;
    /* (a member's enclosing objects are not written: a store into
     * r->count leaves a link to r->table muted; unmute_written unmutes
     * the links to what encloses a written place or lies inside it) */
    if (in->dst != BW_NONE && in->dst < C->npl)
        add_written_member(C, s, in->dst, w, &n, &all);
    uint32_t args = in->op == BW_OP_CALL ? call_writes(C, in, &all, &globs) : 0;
    for (uint32_t g = 0; globs != NULL && g < globs->nglobs && !all; g++) {
        const char *key = globs->globs[g].key;
        if (globs->globs[g].through) {
            all = true; /* the text a global reaches may be any */
            continue;
        }
        uint32_t p = place_by_key(C, "g", key, strlen(key));
        if (p != BW_NONE)
            add_written(s, p, w, &n, &all);
    }
    for (uint32_t v = 0; v < in->nvals && !all; v++) {
        if (v < 32 && !(args & (1u << v)))
            continue;
        for (uint32_t r = 0; r < in->vals[v].nrefs; r++)
            if (in->vals[v].refs[r].place < C->npl)
                add_written_member(C, s, in->vals[v].refs[r].place, w, &n, &all);
    }
    if (all)
        unmute_all(s);
    else
        unmute_written(C, s, w, n);
}

static void transfer(fctx *C, state *s, uint32_t i)
{
    const bw_ir_insn *in = &C->f->insns[i];
    C->cur_insn = i;
    switch (in->op) {
    case BW_OP_ASSIGN:
    case BW_OP_STORE:
    case BW_OP_APPEND: {
        if (in->dst == BW_NONE || in->dst >= C->npl || in->nvals == 0)
            return;
        aval a;
        const aplace *d = &C->pl[in->dst];
        C->escaping = in->op != BW_OP_ASSIGN || d->pathlen > 0 ||
                      (d->kind != BW_PLACE_LOCAL && d->kind != BW_PLACE_TEMP);
        eval_value(C, s, &in->vals[0], &a);
        C->escaping = false;
        tv_join(&a.v, &a.held);
        if ((a.flags & BW_VAL_LINK) && stored_in_memory(C, in))
            memset(&a.v, 0, sizeof(a.v));
        uint32_t why = a.v.why;
        if (!tv_empty(&a.v)) {
            const char *dn = C->pl[in->dst].name;
            bool temp = C->pl[in->dst].kind == BW_PLACE_TEMP || (C->pl[in->dst].flags & BW_PLACEF_HELD);
            if (!temp)
                why = memo_stepf(C, i, why, "=", 0, "'%s' %s here", dn,
                                 in->op != BW_OP_ASSIGN                ? "is appended to" :
                                 (in->flags & BW_ASSIGN_CAPTURE) != 0 ? "is captured by a lambda" :
                                                                         "is assigned");
        }
        a.v.why = why;
        if (in->op == BW_OP_ASSIGN) {
            /* `recs[i].name = v` (a member of an array's elements, or of
             * elements through a pointer): the others keep their values */
            uint32_t root = C->pl[in->dst].root; /* (eval_value may have moved C->pl) */
            bool many = (in->flags & BW_ASSIGN_ONE_OF_MANY) ||
                        (root != in->dst && (C->pl[root].flags & BW_PLACEF_ARRAY));
            assign(C, s, in->dst, &a, why, many);
            /* a record assigned overwrites the arrays in it (`r = src;`
             * where q points to r.name); a pointer assigned leaves the
             * text an earlier copy of it points to */
            if (in->dst < C->npl && (C->pl[in->dst].flags & BW_PLACEF_RECORD))
                unmute_after(C, s, in);
            /* a copy of a record's or an array's value (a lambda's capture
             * by copy): what is written into the copy stays there */
            ent *ce = (in->flags & BW_ASSIGN_BY_VALUE) ? st_lookup(C, s, in->dst) : NULL;
            if (ce != NULL) {
                ce->npts = 0;
                ce->muted = 0;
                ce->copy = 0;
                ce->addr_only = 0;
            }
        } else {
            write_content(C, s, in->dst, &a.v, in->op == BW_OP_STORE);
            unmute_after(C, s, in);
        }
        return;
    }
    case BW_OP_CALL:
        do_call(C, s, i);
        unmute_after(C, s, in);
        end_copies_after_call(C, s, in);
        return;
    case BW_OP_VALIDATE:
        if (in->dst != BW_NONE && in->dst < C->npl)
            sanitize_place(C, s, in->dst, BW_TAINT_ALL_KINDS);
        return;
    case BW_OP_RETURN:
        if (in->nvals > 0) {
            aval a;
            C->escaping = true;
            eval(C, s, &in->vals[0], &a);
            C->escaping = false;
            tv_join(&a.v, &a.held);
            if (!is_number(&a) || (a.v.k[0] & O_SRC)) {
                tv r = a.v;
                if (!tv_empty(&r) && r.why != 0)
                    r.why = memo_stepf(C, i, r.why, "r", 0, "returned by %s()", S(C, C->f->name));
                tv_join(&C->sum.ret, &r);
                if (!tv_empty(&r))
                    chain_keep_worst(C, &C->sum.ret_why, r.why, &C->sum.ret);
            }
            if (in->vals[0].flags & BW_VAL_NONZERO) {
                /* a validator: which parameters are proven safe here */
                C->saw_nonzero = true;
                for (uint32_t p = 0; p < C->f->nparams && p < 32; p++) {
                    char key[32];
                    snprintf(key, sizeof(key), "p%u", p);
                    uint32_t pl = bw_strmap_get(&C->plmap, key);
                    unsigned ok = 0;
                    if (pl != BW_NONE) {
                        int sl = slot_for(C, p, "");
                        tv v;
                        memset(&v, 0, sizeof(v));
                        read_place(C, s, pl, &v);
                        for (int k = 0; k < NK && sl >= 0; k++)
                            if (!(v.k[k] & SLOTBIT(sl)))
                                ok |= 1u << k;
                    }
                    C->validates_acc[p] &= ok;
                }
            }
        }
        /* out-parameters and globals written on this path */
        for (uint32_t e = 0; e < s->n; e++) {
            const ent *en = &s->e[e];
            if (!en->written)
                continue;
            aplace *a = &C->pl[en->place];
            if (a->kind != BW_PLACE_PARAM)
                continue;
            tv v = en->v;
            out_value_trim(C, a, &v);
            note_out(C, a, &v);
        }
        return;
    default:
        return;
    }
}

static void apply_facts(fctx *C, state *s, const bw_ir_insn *in, uint8_t when)
{
    for (uint32_t i = 0; i < in->nfacts; i++) {
        const bw_ir_fact *fa = &in->facts[i];
        if (fa->when != when || fa->place >= C->npl)
            continue;
        unsigned kinds = validator_kinds(C, fa);
        if (kinds)
            sanitize_place(C, s, fa->place, kinds);
    }
}

static void fctx_free(fctx *C)
{
    for (uint32_t i = 0; i < C->npl; i++) {
        bw_free(C->pl[i].family);
        bw_free(C->pl[i].rel);
    }
    bw_free(C->pl);
    bw_strmap_free(&C->plmap);
    for (uint32_t i = 0; i < C->nowned; i++)
        bw_free(C->owned[i]);
    bw_free(C->owned);
    bw_arena_free(&C->strs);
    bw_free(C->ix_pos);
    bw_free(C->ix_list);
    bw_free(C->steps);
    u64map_free(&C->memo);
    u64map_free(&C->place_memo);
    bw_free(C->reported);
    bw_free(C->lit_of);
    bw_free(C->slot_local);
    bw_free(C->elems_of);
    bw_free(C->capmask);
    bw_free(C->cap_gen);
    summary_free(&C->sum);
    summary_free(&C->fstores);
    chain_free(&C->explained);
    bw_free(C->via_msgs);
}

/* Analyses one function; on return C->sum holds its new summary. */
#define LIT_UNSET (BW_NONE - 1u)

/* A local whose address is taken can be written through the address: it
 * leaves `map` (the literal passes' candidates). */
static void poison_addressed(const fctx *C, uint32_t *map, const bw_ir_val *v)
{
    for (uint32_t r = 0; r < v->nrefs; r++)
        if (v->refs[r].addr && v->refs[r].place < C->f->nplaces)
            map[v->refs[r].place] = BW_NONE;
}

/* map[p] = LIT_UNSET for each whole local variable (not a member path),
 * BW_NONE for every other place: the candidates the literal passes track. */
static void mark_whole_locals(const fctx *C, uint32_t *map)
{
    for (uint32_t p = 0; p < C->f->nplaces; p++) {
        const bw_ir_place *ip = &C->f->places[p];
        map[p] = ip->kind == BW_PLACE_LOCAL && S(C, ip->path)[0] == '\0' ? LIT_UNSET : BW_NONE;
    }
}

/* Local arrays of string literals (`const char *azStmt[] = {"SELECT %Q",
 * ...}`) that nothing but their initialiser writes and whose address is
 * never taken: an element read names the literals it can be — every
 * element, or the ones its constant index or its switch's case labels
 * select (the temporaries extract.c assigns with BW_ASSIGN_ELEMENTS). */
static bool find_literal_arrays(fctx *C)
{
    const bw_ir_func *f = C->f;
    bool any = false;
    for (uint32_t i = 0; i < f->ninsns && !any; i++)
        any = f->insns[i].op == BW_OP_ASSIGN && (f->insns[i].flags & BW_ASSIGN_ELEMENTS);
    if (!any)
        return true;
    C->elems_of = bw_malloc(sizeof(uint32_t) * (f->nplaces + 1));
    if (C->elems_of == NULL)
        return false;
    mark_whole_locals(C, C->elems_of);
    for (uint32_t i = 0; i < f->ninsns; i++) {
        const bw_ir_insn *in = &f->insns[i];
        for (uint32_t k = 0; k < in->nvals; k++)
            poison_addressed(C, C->elems_of, &in->vals[k]);
        if (in->dst == BW_NONE || in->dst >= f->nplaces || C->elems_of[in->dst] == BW_NONE ||
            in->op == BW_OP_BRANCH || in->op == BW_OP_JUMP)
            continue;
        bool init = in->op == BW_OP_ASSIGN && (in->flags & BW_ASSIGN_ELEMENTS) && in->nvals > 1 &&
                    C->elems_of[in->dst] == LIT_UNSET;
        C->elems_of[in->dst] = init ? i : BW_NONE;
    }
    for (uint32_t p = 0; p < f->nplaces; p++)
        if (C->elems_of[p] == LIT_UNSET)
            C->elems_of[p] = BW_NONE;
    /* element reads into temporaries, from arrays that qualified */
    for (uint32_t i = 0; i < f->ninsns; i++) {
        const bw_ir_insn *in = &f->insns[i];
        if (in->op != BW_OP_ASSIGN || !(in->flags & BW_ASSIGN_ELEMENTS) || in->nvals < 2 || in->dst >= f->nplaces ||
            f->places[in->dst].kind != BW_PLACE_TEMP || in->vals[0].nrefs != 1)
            continue;
        uint32_t arr = in->vals[0].refs[0].place;
        if (arr < f->nplaces && C->elems_of[arr] != BW_NONE && f->places[arr].kind == BW_PLACE_LOCAL)
            C->elems_of[in->dst] = i;
    }
    return true;
}

/* Locals that only ever hold one string literal (`const char *fmt =
 * "SELECT %Q"; ... sqlite3_mprintf(fmt, v)`): every assignment in the
 * function gives them the same literal and their address is never taken,
 * so reading them reads the literal — its conversions decide which
 * arguments are escaped, as if it were written at the call. */
static bool find_literal_locals(fctx *C)
{
    const bw_ir_func *f = C->f;
    C->lit_of = bw_calloc(f->nplaces + 1, sizeof(uint32_t));
    if (C->lit_of == NULL)
        return false;
    mark_whole_locals(C, C->lit_of);
    for (uint32_t i = 0; i < f->ninsns; i++) {
        const bw_ir_insn *in = &f->insns[i];
        for (uint32_t k = 0; k < in->nvals; k++)
            poison_addressed(C, C->lit_of, &in->vals[k]);
        if (in->dst == BW_NONE || in->dst >= f->nplaces || C->lit_of[in->dst] == BW_NONE)
            continue;
        const bw_ir_val *v = in->nvals > 0 ? &in->vals[0] : NULL;
        bool literal = in->op == BW_OP_ASSIGN && v != NULL && (v->flags & BW_VAL_LITERAL) && v->lit != BW_NONE &&
                       v->nrefs == 0;
        uint32_t *l = &C->lit_of[in->dst];
        *l = !literal ? BW_NONE : (*l == LIT_UNSET || *l == v->lit) ? v->lit : BW_NONE;
    }
    for (uint32_t p = 0; p < f->nplaces; p++)
        if (C->lit_of[p] == LIT_UNSET)
            C->lit_of[p] = BW_NONE;
    return find_literal_arrays(C);
}

/* Locals that only ever hold a freed block cast to a free list's slot
 * (`slot *s = (slot *)p;` in a deallocator, BW_VAL_LINK) and whose address
 * is never taken: reading one reads such a link, which designates no text
 * once stored in memory (`free_list = s;`). */
static bool find_slot_locals(fctx *C)
{
    const bw_ir_func *f = C->f;
    bool any = false;
    for (uint32_t i = 0; i < f->ninsns && !any; i++)
        any = f->insns[i].nvals > 0 && (f->insns[i].vals[0].flags & BW_VAL_LINK);
    if (!any)
        return true;
    uint32_t *cand = bw_calloc(f->nplaces + 1, sizeof(uint32_t));
    C->slot_local = bw_calloc(f->nplaces + 1, 1);
    if (cand == NULL || C->slot_local == NULL) {
        bw_free(cand);
        return false;
    }
    mark_whole_locals(C, cand); /* LIT_UNSET: a candidate, BW_NONE: not one */
    for (uint32_t i = 0; i < f->ninsns; i++) {
        const bw_ir_insn *in = &f->insns[i];
        for (uint32_t k = 0; k < in->nvals; k++)
            poison_addressed(C, cand, &in->vals[k]);
        if (in->dst == BW_NONE || in->dst >= f->nplaces || cand[in->dst] == BW_NONE)
            continue;
        bool link = in->op == BW_OP_ASSIGN && in->nvals > 0 && (in->vals[0].flags & BW_VAL_LINK);
        cand[in->dst] = link ? 1 : BW_NONE;
    }
    for (uint32_t p = 0; p < f->nplaces; p++)
        C->slot_local[p] = cand[p] == 1;
    bw_free(cand);
    return true;
}

/* The successors of the block ending at instruction `last` (those inside
 * the function): as the dataflow below follows them. */
static int block_succs(const bw_ir_func *f, uint32_t last, uint32_t succ[2])
{
    const bw_ir_insn *x = &f->insns[last];
    int ns = 0;
    if (x->op == BW_OP_JUMP) {
        succ[ns++] = x->a;
    } else if (x->op == BW_OP_BRANCH) {
        succ[ns++] = x->a;
        succ[ns++] = x->b;
    } else if (x->op != BW_OP_RETURN && x->op != BW_OP_EXIT && last + 1 < f->ninsns) {
        succ[ns++] = last + 1;
    }
    int kept = 0;
    for (int k = 0; k < ns; k++)
        if (succ[k] < f->ninsns)
            succ[kept++] = succ[k];
    return kept;
}

/* once[b]: block b is visited exactly once, after every join into it: no
 * back edge reaches it and all its predecessors are such blocks too (the
 * dataflow takes the first queued block in program order, and those
 * predecessors all come before b).  Its entry state is not needed after
 * that visit, which then takes it instead of copying it (most functions
 * have no loop; copying entry states was ~4% of a cold SQLite run). */
static void mark_visited_once(const bw_ir_func *f, const uint32_t *starts, const uint32_t *block_of, uint32_t nb,
                              uint8_t *once)
{
    memset(once, 1, nb);
    uint32_t succ[2];
    for (uint32_t b = 0; b < nb; b++) {
        int ns = block_succs(f, starts[b + 1] - 1, succ);
        for (int k = 0; k < ns; k++)
            if (block_of[succ[k]] <= b)
                once[block_of[succ[k]]] = 0;
    }
    for (uint32_t b = 0; b < nb; b++) {
        if (once[b])
            continue;
        int ns = block_succs(f, starts[b + 1] - 1, succ);
        for (int k = 0; k < ns; k++)
            once[block_of[succ[k]]] = 0;
    }
}

/* ---- locals no path refers to again ------------------------------------ */

/* A local stops mattering where no path from there refers to it again; its
 * entry then only makes every later copy and join of the state longer
 * (SQLite's code generator: functions of 400-700 places, most of them
 * locals of one `case`).  Candidates are the function's own locals whose
 * value the IR sees change (not static, volatile, address-taken: those
 * are BW_PLACEF_UNTRACKED).  The liveness is by reference, not by value:
 * a later assignment counts as a use too, so a local stays while any
 * instruction ahead names it or one of its members. */
typedef struct deadlocals {
    uint32_t *bit;    /* per place: 1 + its root's candidate bit, 0: never dropped */
    uint32_t nbit, capbit; /* places bit covers (the analysis makes more) */
    uint64_t *live;   /* per block, `words` words: the candidates live at its end */
    uint32_t words;
} deadlocals;

static void deadlocals_free(deadlocals *d)
{
    bw_free(d->bit);
    bw_free(d->live);
}

/* Adds candidate `bit` (1-based, as deadlocals.bit holds it; 0: none) to set. */
static void dl_set(uint64_t *set, uint32_t bit)
{
    if (bit != 0)
        set[(bit - 1) / 64] |= 1ull << ((bit - 1) % 64);
}

static void dl_mark(const deadlocals *d, const bw_ir_func *f, uint64_t *set, uint32_t place)
{
    if (place < f->nplaces)
        dl_set(set, d->bit[place]);
}

/* The candidates every instruction of block [from, to] names. */
static void dl_block_refs(const deadlocals *d, const bw_ir_func *f, uint32_t from, uint32_t to, uint64_t *set)
{
    for (uint32_t i = from; i <= to; i++) {
        const bw_ir_insn *x = &f->insns[i];
        dl_mark(d, f, set, x->dst);
        for (uint32_t v = 0; v < x->nvals; v++)
            for (uint32_t r = 0; r < x->vals[v].nrefs; r++)
                dl_mark(d, f, set, x->vals[v].refs[r].place);
        for (uint32_t k = 0; k < x->nfacts; k++)
            dl_mark(d, f, set, x->facts[k].place);
    }
}

/* live[b] = what the blocks after b name, to a fixpoint over the edges
 * block_succs gives (the analysis's own).  False: out of memory. */
static bool deadlocals_compute(const fctx *C, const uint32_t *starts, const uint32_t *block_of, uint32_t nb,
                               deadlocals *d)
{
    const bw_ir_func *f = C->f;
    memset(d, 0, sizeof(*d));
    if (!bw_ir_grow((void **)&d->bit, &d->capbit, f->nplaces + 1, sizeof(uint32_t)))
        return false;
    memset(d->bit, 0, sizeof(uint32_t) * (f->nplaces + 1));
    d->nbit = f->nplaces;
    uint32_t ncand = 0;
    for (uint32_t p = 0; p < f->nplaces; p++) {
        const bw_ir_place *ip = &f->places[p];
        if (ip->kind == BW_PLACE_LOCAL && C->pl[p].pathlen == 0 && !(ip->flags & BW_PLACEF_UNTRACKED))
            d->bit[p] = ++ncand;
    }
    if (ncand == 0)
        return true;
    for (uint32_t p = 0; p < f->nplaces; p++) /* members share their root's bit */
        if (C->pl[p].root < f->nplaces && C->pl[p].root != p)
            d->bit[p] = d->bit[C->pl[p].root];
    d->words = (ncand + 63) / 64;
    uint64_t *refs = bw_calloc((size_t)nb * d->words, sizeof(uint64_t));
    d->live = bw_calloc((size_t)nb * d->words, sizeof(uint64_t));
    if (refs == NULL || d->live == NULL) {
        bw_free(refs);
        return false;
    }
    for (uint32_t b = 0; b < nb; b++)
        dl_block_refs(d, f, starts[b], starts[b + 1] - 1, refs + (size_t)b * d->words);
    /* backwards, repeated until nothing grows: loops are the only reason
     * for a second sweep */
    bool grew = true;
    while (grew) {
        grew = false;
        for (uint32_t b = nb; b-- > 0;) {
            uint32_t succ[2];
            int ns = block_succs(f, starts[b + 1] - 1, succ);
            uint64_t *out = d->live + (size_t)b * d->words;
            for (int k = 0; k < ns; k++) {
                uint32_t sb = block_of[succ[k]];
                const uint64_t *in_r = refs + (size_t)sb * d->words, *in_l = d->live + (size_t)sb * d->words;
                for (uint32_t w = 0; w < d->words; w++) {
                    uint64_t v = out[w] | in_r[w] | in_l[w];
                    grew |= v != out[w];
                    out[w] = v;
                }
            }
        }
    }
    /* the branch that ends a block applies its facts after the block's
     * entries are dropped: what they check is live there (a check of p
     * clears what p points to) */
    for (uint32_t b = 0; b < nb; b++) {
        const bw_ir_insn *x = &f->insns[starts[b + 1] - 1];
        if (x->op != BW_OP_BRANCH)
            continue;
        for (uint32_t k = 0; k < x->nfacts; k++)
            dl_mark(d, f, d->live + (size_t)b * d->words, x->facts[k].place);
    }
    bw_free(refs);
    return true;
}

/* Whether the entry of `place` (< d->nbit) is a candidate not live at the
 * end of the block whose set is `live`. */
static inline bool dl_dead(const deadlocals *d, const uint64_t *live, uint32_t place)
{
    uint32_t k = d->bit[place];
    return k != 0 && !((live[(k - 1) / 64] >> ((k - 1) % 64)) & 1u);
}

/* Extends bit over the places the analysis has made since: a member place
 * shares its root's bit. */
static bool dl_cover(fctx *C, deadlocals *d)
{
    if (d->nbit >= C->npl)
        return true;
    if (!bw_ir_grow((void **)&d->bit, &d->capbit, C->npl, sizeof(uint32_t)))
        return false;
    for (uint32_t p = d->nbit; p < C->npl; p++) {
        uint32_t r = C->pl[p].root;
        d->bit[p] = r < C->f->nplaces ? d->bit[r] : 0;
    }
    d->nbit = C->npl;
    return true;
}

/* Drops the entries of locals dead at the end of block b, unless an entry
 * links to them (what a live pointer points to is read through it). */
static void drop_dead_locals(fctx *C, deadlocals *d, uint32_t b, state *s, uint64_t *scratch)
{
    if (d->live == NULL)
        return;
    if (!dl_cover(C, d)) {
        C->oom = true;
        return;
    }
    const uint64_t *live = d->live + (size_t)b * d->words;
    uint32_t first = 0;
    while (first < s->n && !dl_dead(d, live, s->e[first].place))
        first++;
    if (first == s->n)
        return;
    /* what a link points to is kept: scratch holds the linked candidates;
     * a full points-to set may have lost a link (pts_add_m), so nothing
     * is dropped while one is */
    memset(scratch, 0, sizeof(uint64_t) * d->words);
    for (uint32_t e = 0; e < s->n; e++) {
        if (s->e[e].npts >= MAXPTS)
            return;
        for (uint8_t k = 0; k < s->e[e].npts; k++) {
            uint32_t t = s->e[e].pts[k];
            dl_set(scratch, t < d->nbit ? d->bit[t] : 0);
        }
    }
    uint32_t kept = first;
    for (uint32_t e = first; e < s->n; e++) {
        if (dl_dead(d, live, s->e[e].place) && dl_dead(d, scratch, s->e[e].place)) /* dead, unlinked */
            continue;
        if (kept != e)
            s->e[kept] = s->e[e];
        kept++;
    }
    if (kept != s->n) {
        s->n = kept;
        s->version++;
    }
}

/* d takes s's entries (and s d's buffer, emptied): st_copy without the copy. */
static void st_take(state *d, state *s)
{
    state t = *d;
    *d = *s;
    d->version = t.version + 1;
    *s = (state){t.e, 0, t.cap, false, s->version + 1, false, false};
}

static bool analyze_function(fctx *C)
{
    const bw_ir_func *f = C->f;
    uint32_t n = f->ninsns;
    if (n == 0)
        return true;
    if (!fx_init_places(C) || !find_literal_locals(C) || !find_slot_locals(C))
        return false;
    for (uint32_t p = 0; p < 32; p++)
        C->validates_acc[p] = BW_TAINT_ALL_KINDS;
    if (n > BIG_FUNCTION) {
        /* flow-insensitive: every instruction against one state, weak
         * updates, until nothing grows (a sound over-approximation that
         * keeps generated or huge functions linear) */
        C->weak = true;
        state st = {NULL, 0, 0, true, 0, false, false};
        for (unsigned pass = 0; pass < 4 && !C->oom; pass++) {
            uint64_t before = 0;
            for (uint32_t e = 0; e < st.n; e++)
                before = bw_hash_bytes(&st.e[e].v.k, sizeof(st.e[e].v.k), before ^ st.e[e].place ^ st.e[e].npts);
            uint32_t nb_before = st.n;
            for (uint32_t i = 0; i < n && !C->oom; i++) {
                uint8_t op = f->insns[i].op;
                if (op == BW_OP_BRANCH || op == BW_OP_JUMP || op == BW_OP_EXIT || op == BW_OP_VALIDATE)
                    continue;
                transfer(C, &st, i);
            }
            uint64_t after = 0;
            for (uint32_t e = 0; e < st.n; e++)
                after = bw_hash_bytes(&st.e[e].v.k, sizeof(st.e[e].v.k), after ^ st.e[e].place ^ st.e[e].npts);
            if (after == before && st.n == nb_before)
                break;
        }
        bw_free(st.e);
        for (uint32_t p = 0; p < 32; p++)
            C->sum.validates[p] = 0;
        return !C->oom;
    }
    /* basic blocks */
    uint8_t *leader = bw_calloc(n + 1, 1);
    uint32_t *block_of = bw_calloc(n + 1, sizeof(uint32_t));
    uint32_t *starts = NULL;
    state *in = NULL;
    uint8_t *once = NULL;
    uint8_t *queued = NULL;
    deadlocals dl = {NULL, 0, 0, NULL, 0};
    uint64_t *dl_scratch = NULL;
    bool ok = false;
    if (leader == NULL || block_of == NULL)
        goto done;
    leader[0] = 1;
    for (uint32_t i = 0; i < n; i++) {
        const bw_ir_insn *x = &f->insns[i];
        if (x->op == BW_OP_JUMP || x->op == BW_OP_BRANCH || x->op == BW_OP_RETURN || x->op == BW_OP_EXIT) {
            if (i + 1 < n)
                leader[i + 1] = 1;
            if ((x->op == BW_OP_JUMP || x->op == BW_OP_BRANCH) && x->a < n)
                leader[x->a] = 1;
            if (x->op == BW_OP_BRANCH && x->b < n)
                leader[x->b] = 1;
        }
    }
    uint32_t nb = 0;
    for (uint32_t i = 0; i < n; i++)
        if (leader[i])
            nb++;
    starts = bw_calloc(nb + 1, sizeof(uint32_t));
    in = bw_calloc(nb + 1, sizeof(state));
    once = bw_calloc(nb + 1, 1);
    queued = bw_calloc(nb + 1, 1);
    if (starts == NULL || in == NULL || once == NULL || queued == NULL)
        goto done;
    for (uint32_t i = 0, b = 0; i < n; i++) {
        if (leader[i])
            starts[b++] = i;
        block_of[i] = b - 1;
    }
    starts[nb] = n;
    mark_visited_once(f, starts, block_of, nb, once);
    if (!deadlocals_compute(C, starts, block_of, nb, &dl) ||
        (dl.words > 0 && (dl_scratch = bw_calloc(dl.words, sizeof(uint64_t))) == NULL))
        goto done;
    in[0].live = true;
    /* always the first queued block in program order: forward edges go
     * down and loop back edges up, so a loop settles before the code after
     * it runs (a sweep over the whole function per back edge visited the
     * rest of SQLite's sqlite3Pragma, 727 blocks, once per round of each of
     * its loops), and straight-line code is visited once */
    queued[0] = 1;
    state cur = {NULL, 0, 0, false, 0, false, false};
    state alt = {NULL, 0, 0, false, 0, false, false};
    size_t visits = 0;
    const size_t max_visits = (size_t)nb * 16 + 256;
    for (uint32_t b = 0, next = 0; b < nb && !C->oom; b = next) {
        next = b + 1;
        if (!queued[b])
            continue;
        queued[b] = 0;
        visits++;
        if (once[b])
            st_take(&cur, &in[b]);
        else if (!st_copy(&cur, &in[b])) {
            C->oom = true;
            break;
        }
        bool ended = false;
        uint32_t last = starts[b + 1] - 1;
        for (uint32_t i = starts[b]; i <= last && !C->oom; i++) {
            const bw_ir_insn *x = &f->insns[i];
            if (x->op == BW_OP_EXIT) {
                ended = true;
                break;
            }
            transfer(C, &cur, i);
            if (x->op == BW_OP_RETURN) {
                ended = true;
                break;
            }
        }
        if (ended || C->oom)
            continue;
        /* temporaries live within one statement: they end with the
         * block, unless the block ends inside a branching expression
         * (`f() + (c ? g() : 0)` still needs f's result) */
        uint32_t kept = 0;
        bool stmt_end = !(f->insns[last].flags & BW_INSN_IN_EXPR);
        for (uint32_t e = 0; e < cur.n; e++)
            if (!stmt_end || cur.e[e].pk != BW_PLACE_TEMP) {
                if (kept != e)
                    cur.e[kept] = cur.e[e];
                kept++;
            }
        if (kept != cur.n)
            cur.version++;
        cur.n = kept;
        drop_dead_locals(C, &dl, b, &cur, dl_scratch);
        const bw_ir_insn *x = &f->insns[last];
        uint32_t succ[2];
        state *sst[2] = {&cur, &cur};
        int ns = 0;
        if (x->op == BW_OP_JUMP) {
            succ[ns++] = x->a;
        } else if (x->op == BW_OP_BRANCH) {
            if (x->nfacts > 0) {
                if (!st_copy(&alt, &cur)) {
                    C->oom = true;
                    break;
                }
                apply_facts(C, &cur, x, 1);
                apply_facts(C, &alt, x, 0);
                sst[1] = &alt;
            }
            succ[ns++] = x->a;
            succ[ns++] = x->b;
        } else if (last + 1 < n) {
            succ[ns++] = last + 1;
        }
        for (int k = 0; k < ns; k++) {
            if (succ[k] >= n)
                continue;
            uint32_t sb = block_of[succ[k]];
            /* the first state to reach a block is its entry state: the
             * last use of cur (or alt) hands it over instead of a copy
             * (k + 1 >= ns: no successor after this one) */
            bool last_use = k + 1 >= ns || sst[k + 1] != sst[k];
            bool grew;
            if (last_use && !in[sb].live && sst[k]->live) {
                st_take(&in[sb], sst[k]);
                grew = true;
            } else {
                grew = st_join(C, &in[sb], sst[k]);
            }
            /* a back edge: the loop again first; past the budget
             * (pathological) back edges are not followed, so the code after
             * the loop is still visited */
            if (grew) {
                queued[sb] = 1;
                if (sb < next && visits < max_visits)
                    next = sb;
            }
        }
    }
    bw_free(cur.e);
    bw_free(alt.e);
    for (uint32_t p = 0; p < 32; p++)
        C->sum.validates[p] = C->saw_nonzero && p < f->nparams ? C->validates_acc[p] : 0;
    ok = !C->oom;
done:
    if (in != NULL)
        for (uint32_t b = 0; b < nb; b++)
            bw_free(in[b].e);
    bw_free(in);
    bw_free(starts);
    bw_free(once);
    bw_free(queued);
    bw_free(leader);
    bw_free(block_of);
    deadlocals_free(&dl);
    bw_free(dl_scratch);
    return ok;
}

/* ---- program ------------------------------------------------------------- */

static int tu_cmp(const void *a, const void *b)
{
    const ptu *x = a, *y = b;
    return strcmp(bw_ir_str(x->tu, x->tu->main_file), bw_ir_str(y->tu, y->tu->main_file));
}

static bool add_caller(pfunc *callee, uint32_t caller)
{
    for (uint32_t i = 0; i < callee->ncallers; i++)
        if (callee->callers[i] == caller)
            return true;
    if (!bw_ir_grow((void **)&callee->callers, &callee->capcallers, callee->ncallers + 1, sizeof(uint32_t)))
        return false;
    callee->callers[callee->ncallers++] = caller;
    return true;
}

/* An argument that is the standard output stream (or std::cout). */
static bool ir_val_is_stdout(const bw_ir_tu *tu, const bw_ir_func *f, const bw_ir_val *v)
{
    if (v->nrefs == 0 || v->refs[0].place >= f->nplaces)
        return false;
    return is_stdout_name(bw_ir_str(tu, f->places[v->refs[0].place].name));
}

/* Whether the TU writes HTML to standard output itself — a literal with a
 * content type or markup given to printf/puts/fputs(stdout)/... — which is
 * what makes a program's stdout a CGI response.  A literal with markup
 * anywhere (an HTML report built in a buffer and written to a file) does
 * not: a compile database holds many programs, and a tool that also writes
 * reports is no web application. */
static bool writes_markup_to_stdout(bw_program *P, const bw_ir_tu *tu)
{
    for (uint32_t fi = 0; fi < tu->nfuncs; fi++) {
        const bw_ir_func *f = &tu->funcs[fi];
        for (uint32_t i = 0; i < f->ninsns; i++) {
            const bw_ir_insn *in = &f->insns[i];
            if (in->op != BW_OP_CALL || (in->flags & BW_CALL_INDIRECT))
                continue;
            size_t nrows = 0;
            const bw_know *const *rows = bw_kdb_lookup(P->kdb, bw_ir_str(tu, in->callee), &nrows);
            for (size_t r = 0; r < nrows; r++) {
                if (!(rows[r]->flags & BW_KF_CGI))
                    continue;
                int stream = row_stream_arg(rows[r]);
                if ((rows[r]->flags & BW_KF_STREAM) &&
                    (stream < 0 || (uint32_t)stream >= in->nvals || !ir_val_is_stdout(tu, f, &in->vals[stream])))
                    continue;
                for (uint32_t a = 0; a < in->nvals; a++)
                    if (in->vals[a].lit != BW_NONE && bw_is_html_markup(bw_ir_str(tu, in->vals[a].lit)))
                        return true;
            }
        }
    }
    return false;
}

static bool mark_filled(bw_program *P, const bw_ir_tu *tu, uint32_t id)
{
    return id == BW_NONE || bw_strmap_get(&P->filled, bw_ir_str(tu, id)) != BW_NONE ||
           bw_strmap_put(&P->filled, bw_ir_str(tu, id), 1);
}

/* A store of a parameter's value into a field: the analysis turns a
 * caller's data stored in a field into data of unknown origin
 * (note_field_write), so the field holds unknown text of every kind.  It
 * is entered before the analysis starts, so that reads analysed before the
 * store are not capped for a round and analysed again. */
static bool seed_param_store(bw_program *P, const bw_ir_tu *tu, const bw_ir_func *f, const bw_ir_insn *in)
{
    const bw_ir_place *d = &f->places[in->dst];
    if (d->field == BW_NONE || (d->flags & (BW_PLACEF_NUMBER | BW_PLACEF_HANDLE)) || in->nvals == 0 ||
        (in->vals[0].flags & BW_VAL_ARITH))
        return true;
    bool from_param = false;
    for (uint32_t r = 0; r < in->vals[0].nrefs && !from_param; r++) {
        const bw_ir_place *q = &f->places[in->vals[0].refs[r].place];
        from_param = q->kind == BW_PLACE_PARAM && !(q->flags & (BW_PLACEF_NUMBER | BW_PLACEF_HANDLE));
    }
    if (!from_param)
        return true;
    const char *key = bw_ir_str(tu, d->field);
    uint32_t gi = bw_strmap_get(&P->gindex, key);
    if (gi == BW_NONE) {
        if (!bw_ir_grow((void **)&P->gstore, &P->capgstore, P->ngstore + 1, sizeof(gstore_ent)))
            return false;
        gi = P->ngstore;
        gstore_ent *ge = &P->gstore[gi];
        memset(ge, 0, sizeof(*ge));
        ge->key = bw_strdup(key);
        if (ge->key == NULL || !bw_strmap_put(&P->gindex, ge->key, gi))
            return false;
        P->ngstore++;
    }
    for (int k = 0; k < NK; k++)
        P->gstore[gi].v.k[k] |= O_UNK;
    return true;
}

/* Whether a knowledge row writes argument `i` of a call (a source's or a
 * propagator's destination, a scanf output). */
static bool row_writes_arg(const bw_know *r, uint32_t i)
{
    if (r->role != BW_ROLE_SOURCE && r->role != BW_ROLE_PROPAGATOR && r->role != BW_ROLE_SANITIZER)
        return false;
    if (r->flags & BW_KF_SCANF)
        return r->first >= 0 && i >= (uint32_t)r->first;
    return r->to == BW_ALL || (r->to >= 0 && (uint32_t)r->to == i);
}

/* ... and whether any of a call's `n` rows does. */
static bool rows_write_arg(const bw_know *const *rows, size_t n, uint32_t i)
{
    for (size_t j = 0; j < n; j++)
        if (row_writes_arg(rows[j], i))
            return true;
    return false;
}

/* The parameter (< 32) that IR place `place` is, or is a member of; -1. */
static int param_of_place(const bw_ir_func *f, uint32_t place)
{
    if (place >= f->nplaces)
        return -1;
    const bw_ir_place *q = &f->places[place];
    return q->kind == BW_PLACE_PARAM && q->root < 32 ? (int)q->root : -1;
}

/* The parameters a function's own body may write through (syntactically:
 * stores through them, member stores, the arguments of described calls
 * that write, and — to a fixpoint — arguments of the program's functions
 * that write theirs).  A member of a caller's struct handed to such a
 * function is a store of its field (note_filled_fields): the program's
 * own helper fills it (`set_name(o->name)`). */
static uint32_t own_param_writes(bw_program *P, const pfunc *pf)
{
    const bw_ir_func *f = pf->f;
    uint32_t w = 0, by_value = 0;
    /* a parameter passed by value is the body's own copy.  (One the body
     * points elsewhere on some path, `if (!buf) buf = scratch;`, still
     * counts: the caller's buffer is written on the others.) */
    for (uint32_t k = 0; k < f->nplaces; k++) {
        int pi = param_of_place(f, k);
        if (pi >= 0 && (f->places[k].flags & BW_PLACEF_RECORD) && bw_ir_str(pf->tu, f->places[k].path)[0] == '\0')
            by_value |= 1u << pi;
    }
    for (uint32_t k = 0; k < f->ninsns; k++) {
        const bw_ir_insn *in = &f->insns[k];
        int pi = in->dst != BW_NONE ? param_of_place(f, in->dst) : -1;
        if (pi >= 0 && (in->op == BW_OP_STORE || in->op == BW_OP_APPEND)) {
            w |= 1u << pi; /* *p = v, p[i] = v */
        } else if (pi >= 0 && in->op == BW_OP_ASSIGN && bw_ir_str(pf->tu, f->places[in->dst].path)[0] != '\0') {
            w |= 1u << pi; /* p->x = v */
        } else if (in->op == BW_OP_CALL && in->callee != BW_NONE && !(in->flags & BW_CALL_INDIRECT)) {
            size_t nrows = 0;
            const bw_know *const *rows = bw_kdb_lookup(P->kdb, bw_ir_str(pf->tu, in->callee), &nrows);
            uint32_t callee_writes = nrows == 0 ? targets_write_params(P, pf->tu, in) : 0;
            for (uint32_t v = 0; v < in->nvals; v++) {
                bool writes = rows_write_arg(rows, nrows, v) || (v < 32 && (callee_writes & (1u << v)));
                for (uint32_t r = 0; writes && r < in->vals[v].nrefs; r++) {
                    const bw_ir_ref *ref = &in->vals[v].refs[r];
                    int ap = param_of_place(f, ref->place);
                    if (ap >= 0 && (!ref->addr || bw_ir_str(pf->tu, f->places[ref->place].path)[0] != '\0'))
                        w |= 1u << ap;
                }
            }
        }
    }
    return w & ~by_value;
}

/* own_param_writes for every function, to a fixpoint over the calls. */
static void find_param_writes(bw_program *P)
{
    for (unsigned round = 0; round < 16; round++) {
        bool changed = false;
        for (uint32_t i = 0; i < P->nfuncs; i++) {
            uint32_t w = own_param_writes(P, &P->funcs[i]);
            if ((w & ~P->funcs[i].writes_params) != 0) {
                P->funcs[i].writes_params |= w;
                changed = true;
            }
        }
        if (!changed)
            return;
    }
}

/* The fields and records this function stores into (P->filled): member
 * stores, whole-struct stores (a struct assigned, *p stored), and the
 * arguments that calls described by knowledge rows write (strcpy(p->name,
 * s), memcpy(p, ...)): they record what they write.  An argument a row
 * only reads (a sink's: sqlite3_exec(db, r->name, ...)) is not a store:
 * counting it made the field "filled" with nothing, and the cap then cut
 * every read of it, the sink's own among them (a request laid over bytes
 * read from a socket reached the sink unseen).  Calls of functions outside
 * the program with no row write nothing the analysis sees, so they do not
 * count. */
static bool note_filled_fields(bw_program *P, const pfunc *pf)
{
    const bw_ir_func *f = pf->f;
    for (uint32_t k = 0; k < f->ninsns; k++) {
        const bw_ir_insn *in = &f->insns[k];
        if ((in->op == BW_OP_ASSIGN || in->op == BW_OP_STORE || in->op == BW_OP_APPEND) && in->dst < f->nplaces) {
            const bw_ir_place *d = &f->places[in->dst];
            bool whole = in->op != BW_OP_ASSIGN || (d->flags & BW_PLACEF_RECORD);
            if (!mark_filled(P, pf->tu, d->field) || (whole && !mark_filled(P, pf->tu, d->rtype)) ||
                !seed_param_store(P, pf->tu, f, in))
                return false;
        } else if (in->op == BW_OP_CALL && in->callee != BW_NONE && !(in->flags & BW_CALL_INDIRECT)) {
            size_t nrows = 0;
            const bw_know *const *rows = bw_kdb_lookup(P->kdb, bw_ir_str(pf->tu, in->callee), &nrows);
            uint32_t callee_writes = nrows == 0 ? targets_write_params(P, pf->tu, in) : 0;
            for (uint32_t v = 0; v < in->nvals; v++) {
                /* the program's own function may write some member of what
                 * it is given, not the whole of it: only a member passed
                 * itself (set_name(o->name)) is a store of its field */
                bool own = v < 32 && (callee_writes & (1u << v));
                bool written = rows_write_arg(rows, nrows, v);
                for (uint32_t r = 0; (written || own) && r < in->vals[v].nrefs; r++) {
                    const bw_ir_place *d = &f->places[in->vals[v].refs[r].place];
                    if (!mark_filled(P, pf->tu, d->field) || (written && !mark_filled(P, pf->tu, d->rtype)))
                        return false;
                }
            }
        }
    }
    return true;
}

/* Whether `rows` only say "argument N is a printf format" (what a format
 * attribute adds): a function the program defines with such an attribute
 * is still summarised from its body.  A library function the program
 * defines itself (the kernel's vsnprintf, with __printf(3, 0)) also has
 * the built-in rows that say where its text goes, and those decide. */
static bool only_format_rows(const bw_know *const *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i]->role != BW_ROLE_SINK || rows[i]->kinds != (1u << BW_TAINT_FORMAT))
            return false;
    return true;
}

/* P->overrides, derives and libv from one TU: each overridden method's
 * list of the functions that override it (head first; a function's
 * overrides are taken from the first TU that defines it, each TU listing
 * them once), which classes derive from which, and the virtual methods
 * whose own body may be a library's. */
static bool note_overrides(bw_program *P, const bw_ir_tu *tu, uint32_t t)
{
    for (uint32_t o = 0; o + 2 < tu->nover; o += 3) {
        uint32_t fi = bw_strmap_get(&P->by_usr, bw_ir_str(tu, tu->overrides[o]));
        if (fi == BW_NONE || (P->funcs[fi].overrides_tu != 0 && P->funcs[fi].overrides_tu != t + 1))
            continue;
        P->funcs[fi].overrides_tu = t + 1;
        const char *base = bw_ir_str(tu, tu->overrides[o + 1]);
        if (!bw_ir_grow((void **)&P->vt, &P->capvt, P->nvt + 1, sizeof(*P->vt)))
            return false;
        P->vt[P->nvt] = (struct vtarget){fi, bw_strmap_get(&P->overrides, base), bw_ir_str(tu, tu->overrides[o + 2])};
        if (!bw_strmap_put(&P->overrides, base, P->nvt))
            return false;
        P->nvt++;
    }
    for (uint32_t b = 0; b + 1 < tu->nbases; b += 2) {
        const char *d = bw_ir_str(tu, tu->bases[b]), *base = bw_ir_str(tu, tu->bases[b + 1]);
        size_t ld = strlen(d), lb = strlen(base);
        char *k = bw_arena_alloc(&P->key_arena, ld + lb + 2);
        if (k == NULL)
            return false;
        memcpy(k, d, ld);
        k[ld] = '\n';
        memcpy(k + ld + 1, base, lb + 1);
        if (bw_strmap_get(&P->derives, k) == BW_NONE && !bw_strmap_put(&P->derives, k, 1))
            return false;
    }
    for (uint32_t v = 0; v < tu->nlibv; v++)
        if (!bw_strmap_put(&P->libv, bw_ir_str(tu, tu->library_virtuals[v]), 1))
            return false;
    return true;
}

/* Overrides that virtual calls in TUs not loaded may run (the overridden
 * method's USR in ext_called) have callers, as a function those TUs call
 * directly has. */
static void note_external_virtual_callers(bw_program *P)
{
    for (uint32_t t = 0; t < P->ntus; t++) {
        const bw_ir_tu *tu = P->tus[t].tu;
        for (uint32_t o = 0; o + 2 < tu->nover; o += 3) {
            uint32_t fi = bw_strmap_get(&P->by_usr, bw_ir_str(tu, tu->overrides[o]));
            if (fi != BW_NONE && bw_strmap_get(&P->ext_called, bw_ir_str(tu, tu->overrides[o + 1])) != BW_NONE)
                P->funcs[fi].has_callers = true;
        }
    }
}

static bool build_program(bw_program *P)
{
    if (P->ntus > 1) /* qsort(NULL, 0) is undefined */
        qsort(P->tus, P->ntus, sizeof(ptu), tu_cmp);
    for (uint32_t t = 0; t < P->ntus; t++) {
        const bw_ir_tu *tu = P->tus[t].tu;
        if (tu->html_markup && !P->html_program)
            P->html_program = writes_markup_to_stdout(P, tu);
        /* annotations and format attributes become knowledge rows */
        for (uint32_t d = 0; d < tu->ndecls; d++) {
            const bw_ir_decl *dd = &tu->decls[d];
            const char *q = bw_ir_str(tu, dd->qual);
            for (uint32_t a = 0; a < dd->nannots; a++)
                if (!bw_kdb_add_annotation(P->kdb, q, bw_ir_str(tu, dd->annots[a])))
                    return false;
        }
        for (uint32_t i = 0; i < tu->nfuncs; i++) {
            const bw_ir_func *f = &tu->funcs[i];
            const char *usr = bw_ir_str(tu, f->usr);
            if (bw_strmap_get(&P->by_usr, usr) != BW_NONE)
                continue; /* defined in a header seen by several TUs */
            if (!bw_ir_grow((void **)&P->funcs, &P->capfuncs, P->nfuncs + 1, sizeof(pfunc)))
                return false;
            pfunc *pf = &P->funcs[P->nfuncs];
            memset(pf, 0, sizeof(*pf));
            pf->tu = tu;
            pf->f = f;
            pf->name = bw_ir_str(tu, f->name);
            pf->qual = bw_ir_str(tu, f->qual);
            pf->usr = usr;
            pf->report = P->tus[t].report;
            pf->fmt_param = -1;
            pf->fmt_first = -1;
            if (!bw_strmap_put(&P->by_usr, usr, P->nfuncs))
                return false;
            if (bw_strmap_get(&P->by_qual, pf->qual) == BW_NONE && !bw_strmap_put(&P->by_qual, pf->qual, P->nfuncs))
                return false;
            P->nfuncs++;
        }
    }
    /* format attributes, annotations that override, callers */
    for (uint32_t t = 0; t < P->ntus; t++) {
        const bw_ir_tu *tu = P->tus[t].tu;
        for (uint32_t d = 0; d < tu->ndecls; d++) {
            const bw_ir_decl *dd = &tu->decls[d];
            uint32_t fi = bw_strmap_get(&P->by_usr, bw_ir_str(tu, dd->usr));
            if (dd->fmt_idx > 0) {
                int fmt = (int)dd->fmt_idx - 1, first = dd->fmt_first > 0 ? (int)dd->fmt_first - 1 : -1;
                const char *q = bw_ir_str(tu, dd->qual);
                /* knowledge is by name, and a static function's name is
                 * its TU's alone: another TU's static report() is not this one */
                size_t nr = 0;
                bw_kdb_lookup(P->kdb, q, &nr);
                if (!bw_usr_is_file_local(bw_ir_str(tu, dd->usr)) && nr == 0 && !bw_kdb_add_format(P->kdb, q, fmt, first))
                    return false;
                if (fi != BW_NONE) {
                    P->funcs[fi].fmt_param = fmt;
                    P->funcs[fi].fmt_first = first;
                }
            }
            if (fi != BW_NONE && dd->nannots > 0)
                P->funcs[fi].overridden = true;
        }
        for (uint32_t a = 0; a < tu->naddr; a++) {
            uint32_t fi = bw_strmap_get(&P->by_usr, bw_ir_str(tu, tu->addr_taken[a]));
            if (fi != BW_NONE)
                P->funcs[fi].addr_taken = true;
        }
        if (!note_overrides(P, tu, t))
            return false;
        /* a constant table's members are fields the program fills */
        for (uint32_t a = 0; a < tu->ninit; a++)
            if (!mark_filled(P, tu, tu->init_fields[a]))
                return false;
        for (uint32_t a = 0; a < tu->ncont; a++) {
            const char *field = bw_ir_str(tu, tu->container_fields[a]);
            if (bw_strmap_get(&P->containers, field) == BW_NONE && !bw_strmap_put(&P->containers, field, 1))
                return false;
        }
    }
    note_external_virtual_callers(P);
    /* every function's own facts first: call_targets reads a callee's */
    for (uint32_t i = 0; i < P->nfuncs; i++) {
        pfunc *pf = &P->funcs[i];
        if (bw_strmap_get(&P->ext_called, pf->usr) != BW_NONE)
            pf->has_callers = true;
        /* a template runs only where a call instantiates it, and a call the
         * lowering could not resolve (inside another template) says nothing
         * of its arguments: with no resolved caller, nothing comes in */
        if (pf->f->is_template)
            pf->has_callers = true;
        if (bw_strmap_get(&P->ext_addr, pf->usr) != BW_NONE)
            pf->addr_taken = true;
        size_t nr = 0;
        const bw_know *const *rows = bw_kdb_lookup(P->kdb, pf->qual, &nr);
        if (nr > 0 && (pf->fmt_param < 0 || !only_format_rows(rows, nr)))
            pf->overridden = true; /* the config, an annotation or a built-in row says what it does */
    }
    for (uint32_t i = 0; i < P->nfuncs; i++) {
        pfunc *pf = &P->funcs[i];
        for (uint32_t k = 0; k < pf->f->ninsns; k++) {
            const bw_ir_insn *in = &pf->f->insns[k];
            if (in->op == BW_OP_CALL && in->usr != BW_NONE) {
                uint32_t targets[MAX_TARGETS];
                bool own;
                unsigned ntargets = call_targets(P, pf->tu, in, targets, &own);
                for (unsigned t = 0; t < ntargets; t++) {
                    uint32_t ci = targets[t];
                    if (ci == i) {
                        pf->self_recursive = true;
                        continue;
                    }
                    P->funcs[ci].has_callers = true;
                    if (!add_caller(&P->funcs[ci], i))
                        return false;
                    bool seen = false;
                    for (uint32_t q = 0; q < pf->ncallees && !seen; q++)
                        seen = pf->callees[q] == ci;
                    if (!seen) {
                        if (!bw_ir_grow((void **)&pf->callees, &pf->capcallees, pf->ncallees + 1, sizeof(uint32_t)))
                            return false;
                        pf->callees[pf->ncallees++] = ci;
                    }
                }
            }
        }
        for (uint32_t k = 0; k < pf->f->nplaces; k++)
            if (pf->f->places[k].kind == BW_PLACE_GLOBAL)
                pf->reads_globals = true;
    }
    find_param_writes(P);
    for (uint32_t i = 0; i < P->nfuncs; i++)
        if (!note_filled_fields(P, &P->funcs[i]))
            return false;
    return true;
}

/* Whether a global this function mentions grew in the last merge: only
 * those functions see a different initial value in the next round. */
struct grown {
    uint64_t since;
    bool grown;
};

static void note_grown(const gstore_ent *g, void *ctx)
{
    struct grown *gr = ctx;
    gr->grown |= g->grew_at > gr->since;
}

/* Whether a global this function mentions grew after its last analysis
 * started: only then does it see a different initial value.  With
 * `captures`, only a lambda's captures count (extract.c: "<call
 * operator's USR>|capture|<variable's USR>"). */
static bool reads_grown_global(const bw_program *P, const pfunc *pf, bool captures)
{
    struct grown gr = {pf->analysed_at, false};
    for (uint32_t k = 0; k < pf->nfdeps && !gr.grown && !captures; k++)
        gr.grown = fdep_grew(P, &pf->fdeps[k]);
    for (uint32_t k = 0; k < pf->f->nplaces && !gr.grown; k++) {
        const bw_ir_place *ip = &pf->f->places[k];
        if (ip->kind != BW_PLACE_GLOBAL)
            continue;
        const char *root = bw_ir_str(pf->tu, ip->root);
        if (!captures || strstr(root, "|capture|") != NULL)
            gstore_each_enclosing(P, global_key(bw_ir_str(pf->tu, ip->key)), strlen(root), note_grown, &gr);
    }
    return gr.grown;
}

/* Joins what one function stores in globals into the program's store as
 * soon as it is analysed, so readers analysed later in the same round see
 * it; a growth is stamped with the clock, and readers analysed before it
 * run again in the next round (reads_grown_global). */
static bool merge_function_globals(bw_program *P, const summary *sm)
{
    for (uint32_t g = 0; g < sm->nglobs; g++) {
        tv v = sm->globs[g].v;
        for (int k = 0; k < NK; k++)
            v.k[k] &= O_CONCRETE;
        if (tv_empty(&v))
            continue;
        uint32_t gi = bw_strmap_get(&P->gindex, sm->globs[g].key);
        if (gi == BW_NONE) {
            if (!bw_ir_grow((void **)&P->gstore, &P->capgstore, P->ngstore + 1, sizeof(gstore_ent)))
                return false;
            gi = P->ngstore;
            gstore_ent *ge = &P->gstore[gi];
            memset(ge, 0, sizeof(*ge));
            ge->key = bw_strdup(sm->globs[g].key);
            if (ge->key == NULL || !bw_strmap_put(&P->gindex, ge->key, gi))
                return false;
            P->ngstore++;
        }
        gstore_ent *ge = &P->gstore[gi];
        tv before = ge->v;
        tv_join(&ge->v, &v);
        /* the chain of the worst origin, as chain_keep_worst */
        uint8_t want = worst_class(&ge->v);
        const chain *src = &sm->globs[g].why;
        if (ge->why.n > 0 && src->n > 0 && ge->why.s[0].cls != want && src->s[0].cls == want)
            chain_free(&ge->why);
        if (ge->why.n == 0 && src->n > 0 && !chain_clone(src, &ge->why))
            return false;
        if (!tv_same_bits(&before, &ge->v))
            ge->grew_at = ++P->gclock;
    }
    return true;
}

/* An analysis context for one function, before its analysis. */
static void fctx_start(fctx *C, bw_program *P, pfunc *pf, bool reporting)
{
    memset(C, 0, sizeof(*C));
    C->P = P;
    C->pf = pf;
    C->tu = pf->tu;
    C->f = pf->f;
    C->reporting = reporting;
}

/* An analysis made parameter slots (`before`: how many there were).  Its
 * values computed before a slot existed took the enclosing one's; and
 * callers substitute the new slots too (a widened value takes every slot
 * there is): for them the summary changed even when its hash did not.
 * Only report_run_needed reads this. */
static void note_slots_grown(bw_program *P, pfunc *pf, uint32_t before)
{
    if (pf->nslots == before)
        return;
    pf->slots_grew = true;
    pf->sum_changed_at = ++P->sclock;
}

/* The analysis of a function called through a pointer as well as
 * directly: its pointer callers pass data nobody sees, its direct callers
 * their own.  The summary comes from the view with parameter slots, which
 * the direct calls substitute; a second view, with parameters of unknown
 * origin, reports what the body does with them and stores what it stores
 * (a global then holds data of unknown origin).  Giving that unknown
 * origin to the summary too made every direct caller's result of unknown
 * origin: `xmlStrdup("lit")`, with xmlStrdup a memory hook, was unknown
 * text (docs/triage.md, libxml2).  The second view can differ from the
 * first only where a parameter reaches a sink or a global, which the
 * first view's summary shows; without such a flow it is not run. */
static bool run_pointer_view(bw_program *P, pfunc *pf, bool reporting)
{
    fctx C;
    fctx_start(&C, P, pf, reporting);
    C.pointer_view = true;
    uint32_t nslots = pf->nslots;
    bool ok = analyze_function(&C);
    pf->would_report |= C.would_report;
    note_slots_grown(P, pf, nslots);
    if (ok && C.sum.nglobs > 0 && !merge_function_globals(P, &C.sum))
        C.oom = true;
    if (ok && C.fstores.nglobs > 0 && !merge_function_globals(P, &C.fstores))
        C.oom = true;
    ok = ok && !C.oom;
    fctx_free(&C);
    return ok;
}

static bool globs_hold_slots(const summary *sm)
{
    for (uint32_t i = 0; i < sm->nglobs; i++)
        for (int k = 0; k < NK; k++)
            if (sm->globs[i].v.k[k] & ALL_SLOT_BITS)
                return true;
    return false;
}

/* Whether a parameter reaches a sink or a global in this analysis (its
 * summary before finalizing).  Its stores into struct members are the
 * same in both views: a member store keeps a parameter's data as data of
 * unknown origin already (note_field_write). */
static bool params_reach_effects(const fctx *C)
{
    return C->sum.nsinks > 0 || globs_hold_slots(&C->sum);
}

static bool run_function(bw_program *P, pfunc *pf, bool reporting, bool widen, bool *changed)
{
    pf->analysed_at = P->gclock;
    pf->analysed_sclock = P->sclock;
    pf->nfdeps = 0; /* this analysis records what it reads */
    fctx C;
    fctx_start(&C, P, pf, reporting);
    if ((pf->steps_hint > 0 && !bw_ir_grow((void **)&C.steps, &C.capsteps, pf->steps_hint, sizeof(step))) ||
        !u64map_reserve(&C.memo, pf->memo_hint) || !u64map_reserve(&C.place_memo, pf->place_memo_hint)) {
        fctx_free(&C);
        return false;
    }
    uint32_t nslots = pf->nslots;
    pf->slots_grew = false;
    pf->widened = widen;
    bool ok = analyze_function(&C);
    pf->would_report = C.would_report;
    note_slots_grown(P, pf, nslots);
    pf->steps_hint = C.nsteps;
    pf->memo_hint = (uint32_t)C.memo.n;
    pf->place_memo_hint = (uint32_t)C.place_memo.n;
    bool pointer_view = ok && pf->addr_taken && pf->has_callers && !one_view_only(pf) && params_reach_effects(&C);
    if (ok && widen)
        summary_widen(&C.sum);
    if (ok && pf->in_scc != 0)
        summary_join_previous(&C, &C.sum, &pf->sum);
    if (ok)
        summary_finalize(&C, &C.sum);
    if (ok && !pf->overridden) {
        uint64_t h = summary_hash(&C.sum);
        if (h != pf->sumhash) {
            *changed = true;
            pf->sum_changed_at = ++P->sclock;
            pf->sumhash = h;
            summary_free(&pf->sum);
            pf->sum = C.sum;
            memset(&C.sum, 0, sizeof(C.sum));
            if (pf->sum.nglobs > 0 && !merge_function_globals(P, &pf->sum))
                C.oom = true;
        }
    }
    /* what it stores in struct members, whether or not its summary changed */
    if (ok && C.fstores.nglobs > 0 && !merge_function_globals(P, &C.fstores))
        C.oom = true;
    ok = ok && !C.oom;
    fctx_free(&C);
    if (ok && pointer_view)
        ok = run_pointer_view(P, pf, reporting);
    return ok;
}

/* ---- suppressions --------------------------------------------------------- */

typedef struct supp {
    const bw_ir_tu *tu;
    const bw_ir_suppr *s;
    char *file; /* relative */
    bool used;
} supp;

static int supp_cmp(const void *a, const void *b)
{
    const supp *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c != 0)
        return c;
    if (x->s->loc.line != y->s->loc.line)
        return x->s->loc.line < y->s->loc.line ? -1 : 1;
    return strcmp(bw_ir_str(x->tu, x->s->rule), bw_ir_str(y->tu, y->s->rule));
}

static bw_status bad_suppression(bw_program *P, const supp *s, const char *msg, const char *hint)
{
    const bw_rule_info *ri = bw_rules_find(BW_RULE_BAD_SUPPRESSION);
    if (ri == NULL || (P->cfg != NULL && !bw_config_rule_enabled(P->cfg, BW_RULE_BAD_SUPPRESSION)))
        return BW_OK;
    bw_location loc = {s->file, s->s->loc.line, s->s->loc.col, 0, 0};
    bw_severity sev = P->cfg != NULL ? bw_config_rule_severity(P->cfg, ri->id, ri->severity) : ri->severity;
    bw_finding *f = bw_finding_new(ri->id, sev, msg, &loc);
    if (f == NULL)
        return BW_ERR_NOMEM;
    bw_status st = bw_finding_set_fix(f, hint, NULL, NULL);
    char *code = NULL;
    bw_status ls = st == BW_OK ? line_text(P, bw_ir_str(s->tu, s->s->loc.file), s->s->loc.line, &code) :
                                 BW_ERR_NOT_FOUND;
    if (ls == BW_OK)
        st = bw_finding_set_code(f, code);
    else if (ls == BW_ERR_NOMEM)
        st = BW_ERR_NOMEM;
    bw_free(code);
    if (st != BW_OK) {
        bw_finding_free(f);
        return st;
    }
    return bw_findings_push(&P->findings, f);
}

static bw_status apply_suppressions(bw_program *P, bw_loosenings *loos)
{
    supp *list = NULL;
    uint32_t n = 0, cap = 0;
    bw_status st = BW_OK;
    for (uint32_t t = 0; t < P->ntus; t++) {
        if (!P->tus[t].report)
            continue;
        const bw_ir_tu *tu = P->tus[t].tu;
        for (uint32_t i = 0; i < tu->nsupprs; i++) {
            if (!bw_ir_grow((void **)&list, &cap, n + 1, sizeof(supp))) {
                st = BW_ERR_NOMEM;
                goto out;
            }
            const char *abs = bw_ir_str(tu, tu->supprs[i].loc.file);
            char *rel = P->root != NULL ? bw_path_relative(abs, P->root) : bw_strdup(abs);
            if (rel == NULL) {
                st = BW_ERR_NOMEM;
                goto out;
            }
            list[n++] = (supp){tu, &tu->supprs[i], rel, false};
        }
    }
    if (n > 1)
        qsort(list, n, sizeof(supp), supp_cmp);
    /* the same header seen through several TUs */
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (m > 0 && supp_cmp(&list[m - 1], &list[i]) == 0) {
            bw_free(list[i].file);
            continue;
        }
        list[m++] = list[i];
    }
    n = m;
    size_t nf = P->findings.count;
    for (uint32_t i = 0; i < n && st == BW_OK; i++) {
        supp *s = &list[i];
        const char *rule = bw_ir_str(s->tu, s->s->rule);
        bool has_reason = s->s->reason != BW_NONE;
        const bw_rule_info *ri = bw_rules_find(rule);
        if (ri == NULL) {
            char *m2 = fmt_msg("bulwark-ignore names '%s', which is not a Bulwark rule", rule);
            st = m2 != NULL ? bad_suppression(P, s, m2, "use a rule id from `bulwark list-rules`") : BW_ERR_NOMEM;
            bw_free(m2);
            continue;
        }
        if (P->cfg != NULL && !bw_config_rule_enabled(P->cfg, rule))
            continue;
        if (!has_reason) {
            char *m2 = fmt_msg("bulwark-ignore(%s) gives no reason; it is not applied", rule);
            st = m2 != NULL ? bad_suppression(P, s, m2,
                                              "write the reason after a colon: "
                                              "// bulwark-ignore(RULE): why this is safe") :
                              BW_ERR_NOMEM;
            bw_free(m2);
            continue;
        }
        for (size_t k = 0; k < nf; k++) {
            bw_finding *f = P->findings.items[k];
            if (f->suppression != NULL || strcmp(f->rule_id, rule) != 0 || f->loc.file == NULL ||
                strcmp(f->loc.file, s->file) != 0)
                continue;
            if (f->loc.line == s->s->loc.line || f->loc.line == s->s->loc.line + 1) {
                st = bw_finding_set_suppression(f, bw_ir_str(s->tu, s->s->reason));
                s->used = true;
                if (st != BW_OK)
                    break;
            }
        }
        if (st != BW_OK)
            break;
        if (!s->used) {
            char *m2 = fmt_msg("bulwark-ignore(%s) suppresses nothing: the rule does not fire on this line or the "
                               "next",
                               rule);
            st = m2 != NULL ? bad_suppression(P, s, m2, "remove the stale suppression") : BW_ERR_NOMEM;
            bw_free(m2);
            continue;
        }
        if (loos != NULL) {
            bw_location loc = {s->file, s->s->loc.line, s->s->loc.col, 0, 0};
            st = bw_loosenings_add(loos, "suppression", rule, bw_ir_str(s->tu, s->s->reason), &loc);
        }
    }
out:
    for (uint32_t i = 0; i < n; i++)
        bw_free(list[i].file);
    bw_free(list);
    return st;
}

/* Tarjan's strongly connected components over the call graph, iterative.
 * Components come out callees first.  order[] lists functions grouped by
 * component; component c is order[start[c] .. start[c+1]). */
static bool scc_order(bw_program *P, uint32_t **order_out, uint32_t **start_out, uint32_t *nscc_out)
{
    uint32_t n = P->nfuncs;
    uint32_t *index = bw_calloc(n + 1, sizeof(uint32_t)), *low = bw_calloc(n + 1, sizeof(uint32_t));
    uint32_t *stack = bw_calloc(n + 1, sizeof(uint32_t)), *order = bw_calloc(n + 1, sizeof(uint32_t));
    uint32_t *start = bw_calloc(n + 2, sizeof(uint32_t));
    uint32_t *cs_node = bw_calloc(n + 1, sizeof(uint32_t)), *cs_edge = bw_calloc(n + 1, sizeof(uint32_t));
    uint8_t *on = bw_calloc(n + 1, 1);
    bool ok = index && low && stack && order && start && cs_node && cs_edge && on;
    uint32_t next = 1, sp = 0, no = 0, nscc = 0;
    for (uint32_t root = 0; ok && root < n; root++) {
        if (index[root])
            continue;
        uint32_t csp = 0;
        cs_node[csp] = root;
        cs_edge[csp++] = 0;
        index[root] = low[root] = next++;
        stack[sp++] = root;
        on[root] = 1;
        while (csp > 0) {
            uint32_t v = cs_node[csp - 1];
            pfunc *pv = &P->funcs[v];
            if (cs_edge[csp - 1] < pv->ncallees) {
                uint32_t w = pv->callees[cs_edge[csp - 1]++];
                if (!index[w]) {
                    index[w] = low[w] = next++;
                    stack[sp++] = w;
                    on[w] = 1;
                    cs_node[csp] = w;
                    cs_edge[csp++] = 0;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                start[nscc++] = no;
                uint32_t w;
                do {
                    w = stack[--sp];
                    on[w] = 0;
                    order[no++] = w;
                } while (w != v);
            }
            csp--;
            if (csp > 0) {
                uint32_t u = cs_node[csp - 1];
                if (low[v] < low[u])
                    low[u] = low[v];
            }
        }
    }
    if (ok)
        start[nscc] = no;
    bw_free(index);
    bw_free(low);
    bw_free(stack);
    bw_free(cs_node);
    bw_free(cs_edge);
    bw_free(on);
    if (!ok) {
        bw_free(order);
        bw_free(start);
        return false;
    }
    *order_out = order;
    *start_out = start;
    *nscc_out = nscc;
    return true;
}

/* The memory rules (memory_analyze.c) over the same TUs and findings list. */
static bool mem_run(bw_program *P)
{
    const bw_ir_tu **tus = bw_calloc(P->ntus + 1, sizeof(*tus));
    bool *rep = bw_calloc(P->ntus + 1, sizeof(*rep));
    bool ok = tus != NULL && rep != NULL;
    for (uint32_t i = 0; ok && i < P->ntus; i++) {
        tus[i] = P->tus[i].tu;
        rep[i] = P->tus[i].report;
    }
    ok = ok && bw_mem_run(P->cfg, P->root, P->content, P->content_ctx, tus, rep, P->ntus, &P->findings);
    bw_free(tus);
    bw_free(rep);
    return ok;
}

/* Both findings end at the same sink call (or neither has a flow). */
static bool same_last_step(const bw_finding *a, const bw_finding *b)
{
    if (a->step_count == 0 || b->step_count == 0)
        return a->step_count == b->step_count;
    const bw_location *la = &a->steps[a->step_count - 1].loc, *lb = &b->steps[b->step_count - 1].loc;
    return la->line == lb->line && la->column == lb->column && la->file != NULL && lb->file != NULL &&
           strcmp(la->file, lb->file) == 0;
}

/* Whether a recursive member must be analysed again for its reports.  Not
 * when its last analysis in the fixpoint left its summary as it was (an
 * analysis that changed it can change it again with the same inputs: the
 * join with the previous summary is not idempotent, SQLite's windowAggStep
 * gains outs on a second run), had the inputs a report run would have (no
 * summary it applies changed after that analysis started, no slot was
 * made, nothing stored in a global or member it reads grew) and met no
 * sink with data of a concrete origin: the report run would report
 * nothing and keep its summary.  SQLite: 82 of the 338 report runs. */
static bool report_run_needed(const bw_program *P, const pfunc *pf)
{
    if (pf->would_report || pf->slots_grew || pf->sum_changed_at > pf->analysed_sclock)
        return true;
    for (uint32_t q = 0; q < pf->ncallees; q++)
        if (P->funcs[pf->callees[q]].sum_changed_at > pf->analysed_sclock)
            return true;
    return reads_grown_global(P, pf, false);
}

/* What analysing a member of a recursive component again costs, roughly:
 * its size, times one more than the analyses it has had this round. */
static uint64_t component_cost(const pfunc *pf)
{
    return (uint64_t)pf->f->ninsns * (pf->analyses + 1);
}

/* The member of the recursive component order[a..b) to analyse next: the
 * cheapest queued one (component_cost; the first in callee order of
 * those).  The large functions of a component (SQLite's sqlite3Select,
 * sqlite3Pragma: 40 ms an analysis) then run once the small ones around
 * them have settled, instead of again after each small one's change (in
 * the component's order they ran 7-9 times each), and the count keeps a
 * function that keeps changing from starving the others.  BW_NONE:
 * settled. */
static uint32_t component_next(const bw_program *P, const uint32_t *order, uint32_t a, uint32_t b)
{
    uint32_t best = BW_NONE;
    uint64_t best_cost = 0;
    for (uint32_t k = a; k < b; k++) {
        const pfunc *q = &P->funcs[order[k]];
        if (!q->scc_queued || q->analyses >= MAX_REANALYSES)
            continue;
        uint64_t cost = component_cost(q);
        if (best == BW_NONE || cost < best_cost) {
            best = k;
            best_cost = cost;
        }
    }
    return best;
}

bw_status bw_program_run(bw_program *P, bw_findings *out, bw_loosenings *loos, size_t *nfuncs, unsigned *rounds,
                         bw_error *err)
{
    if (!build_program(P))
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory building the program");
    uint32_t n = P->nfuncs;
    uint32_t *order = NULL, *scc_start = NULL;
    uint32_t nscc = 0;
    if (!scc_order(P, &order, &scc_start, &nscc))
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory ordering the call graph");
    /* callees before callers: each non-recursive function is analysed once
     * per round, with its callees' final summaries, and reports then */
    unsigned round = 0;
    bool gchanged = true;
    bw_status fail = BW_OK;
    if (P->time_limit > 0)
        P->deadline = bw_monotonic_seconds() + P->time_limit;
    for (uint32_t i = 0; i < n; i++)
        P->funcs[i].queued = true; /* dirty */
    while (gchanged && round < MAX_GLOBAL_ROUNDS + MAX_CAPTURE_ROUNDS && fail == BW_OK) {
        round++;
        for (uint32_t c = 0; c < nscc && fail == BW_OK; c++) {
            uint32_t a = scc_start[c], b = scc_start[c + 1];
            bool dirty = false;
            for (uint32_t k = a; k < b; k++)
                dirty |= P->funcs[order[k]].queued;
            if (!dirty)
                continue;
            bool recursive = b - a > 1 || P->funcs[order[a]].self_recursive;
            bool any_changed = false;
            if (recursive) {
                /* a worklist inside the component: a member whose summary
                 * grew requeues its callers in the component; only the
                 * members whose inputs changed start queued (in a later
                 * round most of a large component is still settled) */
                for (uint32_t k = a; k < b; k++) {
                    P->funcs[order[k]].in_scc = c + 1;
                    P->funcs[order[k]].scc_size = b - a;
                    P->funcs[order[k]].scc_queued = P->funcs[order[k]].queued;
                    P->funcs[order[k]].analyses = 0;
                }
                uint32_t k;
                while (fail == BW_OK && (k = component_next(P, order, a, b)) != BW_NONE) {
                    pfunc *pf = &P->funcs[order[k]];
                    pf->scc_queued = false;
                    pf->analyses++;
                    bool changed = false;
                    if (over_time(P))
                        fail = BW_ERR_TOOL;
                    else if (!run_function(P, pf, false, pf->analyses > WIDEN_AFTER, &changed))
                        fail = BW_ERR_NOMEM;
                    if (!changed)
                        continue;
                    any_changed = true;
                    for (uint32_t q = 0; q < pf->ncallers; q++) {
                        pfunc *cf = &P->funcs[pf->callers[q]];
                        if (cf->in_scc == c + 1 && cf->analyses < MAX_REANALYSES)
                            cf->scc_queued = true;
                    }
                }
            }
            for (uint32_t k = a; k < b && fail == BW_OK; k++) {
                pfunc *pf = &P->funcs[order[k]];
                if (recursive) {
                    /* settled by the worklist; it reports once, after the
                     * last round, with its final summary and callees' */
                    pf->report_pending |= pf->analyses > 0;
                    pf->queued = false;
                    continue;
                }
                bool changed = false;
                if (over_time(P))
                    fail = BW_ERR_TOOL;
                else if (!run_function(P, pf, pf->report, false, &changed))
                    fail = BW_ERR_NOMEM;
                any_changed |= changed;
                pf->queued = false;
            }
            /* callers outside the component see a new summary (inside, the
             * worklist has already taken it into account) */
            if (any_changed) {
                for (uint32_t k = a; k < b; k++) {
                    pfunc *pf = &P->funcs[order[k]];
                    for (uint32_t q = 0; q < pf->ncallers; q++) {
                        pfunc *cf = &P->funcs[pf->callers[q]];
                        if (!recursive || cf->in_scc != c + 1)
                            cf->queued = true;
                    }
                }
            }
        }
        if (fail != BW_OK)
            break;
        /* another round for the functions that read a global which grew
         * after they were analysed; past MAX_GLOBAL_ROUNDS, only for a
         * lambda's captures (each lambda nested in another is one more
         * store away from the function that gave it its values) */
        gchanged = false;
        bool captures = round >= MAX_GLOBAL_ROUNDS;
        for (uint32_t i = 0; i < n; i++)
            if (P->funcs[i].reads_globals && reads_grown_global(P, &P->funcs[i], captures)) {
                P->funcs[i].queued = true;
                gchanged = true;
            }
    }
    for (uint32_t c = 0; c < nscc && fail == BW_OK; c++) {
        for (uint32_t k = scc_start[c]; k < scc_start[c + 1] && fail == BW_OK; k++) {
            pfunc *pf = &P->funcs[order[k]];
            if (!pf->report_pending)
                continue;
            pf->report_pending = false;
            if (!report_run_needed(P, pf))
                continue;
            /* widened as its last analysis in the fixpoint was: the same
             * inputs then give the same summary (widening the others here
             * changed summaries that only the callers reporting after them
             * saw) */
            bool changed = false;
            if (over_time(P))
                fail = BW_ERR_TOOL;
            else if (!run_function(P, pf, pf->report, pf->widened, &changed))
                fail = BW_ERR_NOMEM;
        }
    }
    bw_free(order);
    bw_free(scc_start);
    if (fail == BW_ERR_TOOL)
        return bw_error_set(err, fail,
                            "the analysis stopped at its time limit (%g s for %u TU%s; raise it with --time-limit)",
                            P->time_limit, P->ntus, P->ntus == 1 ? "" : "s");
    if (fail != BW_OK)
        return bw_error_set(err, fail, "out of memory analysing the program");
    if (!mem_run(P))
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory in the memory analysis");
    bw_findings_sort(&P->findings);
    bw_findings_dedup(&P->findings);
    /* one finding per rule and place: a later round may have found a worse
     * origin (untrusted, after unknown) for the same sink */
    {
        size_t w = 0;
        for (size_t i = 0; i < P->findings.count; i++) {
            bw_finding *f = P->findings.items[i];
            /* the same sink: same rule and place, and the same last flow step
             * (a call can reach several sinks through its callee) */
            size_t same = w;
            for (size_t j = w; j > 0; j--) {
                bw_finding *q = P->findings.items[j - 1];
                if (strcmp(q->rule_id, f->rule_id) != 0 || q->loc.line != f->loc.line ||
                    q->loc.column != f->loc.column || q->loc.file == NULL || f->loc.file == NULL ||
                    strcmp(q->loc.file, f->loc.file) != 0)
                    break;
                if (same_last_step(q, f)) {
                    same = j - 1;
                    break;
                }
            }
            bw_finding *prev = same < w ? P->findings.items[same] : NULL;
            if (prev != NULL) {
                if (f->severity > prev->severity) {
                    P->findings.items[same] = f;
                    bw_finding_free(prev);
                } else {
                    bw_finding_free(f);
                }
                continue;
            }
            P->findings.items[w++] = f;
        }
        P->findings.count = w;
    }
    bw_status st = apply_suppressions(P, loos);
    if (st != BW_OK)
        return bw_error_set(err, st, "applying suppressions: %s", bw_status_str(st));
    bw_findings_sort(&P->findings);
    st = bw_findings_fingerprint(&P->findings);
    if (st != BW_OK)
        return bw_error_set(err, st, "fingerprinting findings: %s", bw_status_str(st));
    for (size_t i = 0; i < P->findings.count; i++) {
        st = bw_findings_push(out, P->findings.items[i]);
        P->findings.items[i] = NULL;
        if (st != BW_OK) {
            for (size_t k = i + 1; k < P->findings.count; k++) {
                bw_finding_free(P->findings.items[k]);
                P->findings.items[k] = NULL;
            }
            P->findings.count = 0;
            return bw_error_set(err, st, "out of memory");
        }
    }
    P->findings.count = 0;
    if (nfuncs != NULL)
        *nfuncs = n;
    if (rounds != NULL)
        *rounds = round;
    return BW_OK;
}
