/*
 * ir.h — the engine's flow IR (internal to checkers/).
 *
 * extract.c lowers each function of a TU into a control-flow graph of a few
 * instruction kinds over "places" (access paths: a local, a parameter, a
 * global or a temporary, plus member names); analyze.c runs the taint
 * analysis over it; cache.c stores it.  Everything a TU owns lives in its
 * arena and its string table, so a TU is freed in one call and serialised
 * without pointers.
 */
#ifndef BW_CHECKERS_IR_H
#define BW_CHECKERS_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/buf.h"
#include "bulwark/status.h"

#define BW_NONE UINT32_MAX
/* Part of every cache key: bumped when what a TU lowers to changes, not
 * only its encoding (12: header functions only when the TU uses them,
 * absolute names for files libclang names relative to the TU). */
#define BW_IR_VERSION 67u

/* ---- arena ---------------------------------------------------------- */
typedef struct bw_arena_chunk bw_arena_chunk;
typedef struct bw_arena {
    bw_arena_chunk *head;
    bool failed;
} bw_arena;
void *bw_arena_alloc(bw_arena *a, size_t size); /* zeroed; NULL on OOM */
void bw_arena_free(bw_arena *a);

/* ---- string map (open addressing, keys owned by the caller) ------------ */
typedef struct bw_strmap {
    const char **keys;
    uint32_t *vals;
    size_t cap, count;
} bw_strmap;
/* Returns BW_NONE when absent. */
uint32_t bw_strmap_get(const bw_strmap *m, const char *key);
/* Inserts or replaces; the key pointer must stay valid. false on OOM. */
bool bw_strmap_put(bw_strmap *m, const char *key, uint32_t val);
void bw_strmap_free(bw_strmap *m);
uint64_t bw_hash_bytes(const void *data, size_t len, uint64_t seed);
/* Whether a clang USR names something local to one file (a static
 * function: "c:file.c@F@name"; external ones are "c:@F@name"). */
bool bw_usr_is_file_local(const char *usr);

/* ---- IR ------------------------------------------------------------- */
typedef struct bw_ir_loc {
    uint32_t file; /* string id of the path */
    uint32_t line, col;
} bw_ir_loc;

enum { BW_PLACE_LOCAL, BW_PLACE_PARAM, BW_PLACE_GLOBAL, BW_PLACE_TEMP };

enum {
    BW_PLACEF_HANDLE = 1, /* points to a struct or union: a handle, not text */
    BW_PLACEF_NUMBER = 2, /* arithmetic, enum, bool (not a character) or a function
                             pointer: carries no text */
    BW_PLACEF_SYSTEM = 4, /* a global declared in a system header (stderr, environ) */
    BW_PLACEF_RECORD = 8, /* a struct or union itself (not a pointer to one): writing it writes every member */
    BW_PLACEF_ARRAY = 16, /* an array: a store into its elements is into its own storage */
    BW_PLACEF_HELD = 32,  /* a local the lowering made to hold a conditional operand's value
                             past the branch that may skip it (temporaries end with their
                             block): no flow step of its own */
    BW_PLACEF_UNTRACKED = 64, /* a variable that may change without a write the IR lowers, or
                                 through a name it does not see: a static local, a volatile,
                                 a union, one whose address is taken (`&s`), one stepped (`s++`
                                 is not lowered as a write), any of a C++ TU (references) */
    BW_PLACEF_TEXT = 128      /* with HANDLE: it points to a standard library object whose
                                 value is text itself (std::string, std::string_view, a
                                 string stream), not to a record whose members hold it */
};

typedef struct bw_ir_place {
    uint8_t kind;
    uint8_t flags; /* BW_PLACEF_* */
    uint32_t root;   /* local id, param index, global name string, temp id */
    uint32_t key;    /* string: unique key within the function ("l3.f") */
    uint32_t path;   /* string: member path ".f.g" or "" */
    uint32_t name;   /* string: how the code spells it ("r->f") */
    /* the struct member a member place is, by type: "<record USR>.f" (string),
     * or BW_NONE (not a member, a record of a system header, or two types
     * through casts); the same in every TU, for field-based member values */
    uint32_t field;
    /* the record a place of struct type, or of pointer-to-struct type,
     * holds or designates: its USR (string) or BW_NONE; a write of the
     * whole object (struct copy, memcpy into *p) writes every member */
    uint32_t rtype;
} bw_ir_place;

/* BW_OP_ASSIGN: vals[1..] are the candidate values of vals[0], each a
 * string literal: the elements of an array initialised with literals (in
 * order), or the elements such an array's read `a[i]` can reach (by a
 * constant index, or by the `case` labels of a switch on i).  vals[0] is
 * what the assignment writes; the candidates only say which literal it is
 * when the array is never written otherwise (analyze.c). */
enum {
    BW_ASSIGN_ELEMENTS = 1,
    BW_ASSIGN_CAPTURE = 2, /* a lambda's capture of a variable (extract.c, lower_captures) */
    BW_ASSIGN_BY_VALUE = 4, /* a copy of a record's or array's value: no link to it */
    BW_ASSIGN_ONE_OF_MANY = 8 /* dst is reached through a pointer's subscript or arithmetic
                                 (`recs[i].name = v`): one element of many, a weak update */
};
/* On any insn: lowered inside an expression that branches (an operand
 * that may not run, an arm of `?:`, a statement expression), so the
 * block it ends is not the end of its statement: the statement's
 * temporaries (a call's result computed before the branch) live on. */
enum { BW_INSN_IN_EXPR = 128 };

typedef struct bw_ir_ref {
    uint32_t place;
    uint8_t addr; /* the address of the place is taken (&x, array decay): 1; 2 for
                   * the address of an element or pointee it stands for (`&v[0]`,
                   * `&*p`); 3 both (merged arms) */
    /* 1: reached through a subscript of, or arithmetic on, a pointer
     * (`s[j]`, `recs[i].name`, `(p + 1)->title`): one element of many,
     * which the place stands for all of, so writing it replaces none */
    uint8_t elem;
} bw_ir_ref;

enum {
    BW_VAL_ARITH = 1,   /* arithmetic/enum/bool type: carries no string data */
    BW_VAL_LITERAL = 2, /* a string literal (text in `lit`) */
    BW_VAL_NULLPTR = 4,
    BW_VAL_ZERO = 8,    /* an integer constant equal to 0 */
    BW_VAL_NONZERO = 16, /* an integer constant other than 0 */
    BW_VAL_CHAR = 32,    /* a character type (text, not a number) */
    BW_VAL_LINK = 64,    /* a freed block (a `void *` or `char *` parameter) cast to
                            a pointer to a free list's slot (extract.c,
                            casts_freed_block): stored in memory, it
                            designates no text */
    BW_VAL_OFFSET = 128  /* pointer arithmetic (`s + n`, `s - 1`): elsewhere in its
                            text, or outside it */
};

typedef struct bw_ir_val {
    uint32_t nrefs;
    uint32_t lit;   /* literal text (string id) or BW_NONE */
    bw_ir_ref *refs;
    /* the field ("<record USR>.member") + 1 when the value is a pointer to
     * that member minus its offset, `container_of(p, T, member)`: the record
     * that holds the member p points to; 0 otherwise */
    uint32_t container;
    uint8_t flags;
} bw_ir_val;

typedef enum bw_ir_op {
    BW_OP_ASSIGN,   /* dst = vals[0] (strong update of the place and its points-to) */
    BW_OP_STORE,    /* content of dst overwritten with vals[0] (*p = v, strong on dst) */
    BW_OP_APPEND,   /* content of dst joined with vals[0] (element store: weak) */
    BW_OP_CALL,     /* dst (temp or BW_NONE) = callee(vals...) */
    BW_OP_BRANCH,   /* to a (true) or b (false); facts hold on their edge */
    BW_OP_JUMP,     /* to a */
    BW_OP_RETURN,   /* return vals[0] (nvals may be 0) */
    BW_OP_EXIT,     /* the path ends (noreturn call) */
    BW_OP_VALIDATE, /* dst has passed the allow-list check `callee` */
    BW_OP_NOP
} bw_ir_op;

enum {
    BW_CALL_METHOD = 1,    /* vals[0] is the object (this) */
    BW_CALL_RET_ARITH = 2, /* the result has arithmetic type */
    BW_CALL_CTOR = 4,      /* a constructor: dst is the constructed object */
    BW_CALL_INDIRECT = 8,  /* through a function pointer: callee unknown */
    BW_CALL_OPERATOR = 16, /* an overloaded operator; vals[0] is the left operand */
    BW_CALL_RET_VOIDPTR = 32, /* the result is a void pointer: raw memory, not text */
    BW_CALL_VIRTUAL = 64     /* a C++ virtual call: dispatched to an override (tu->overrides) */
};

typedef struct bw_ir_fact {
    uint32_t place;     /* the value checked */
    uint32_t validator; /* function name, "=allowlist" or "=ctype" */
    uint8_t when;       /* 1: holds on the true edge, 0: on the false edge */
    uint8_t arg;        /* argument index of the validator call that was checked */
} bw_ir_fact;

typedef struct bw_ir_insn {
    uint8_t op;
    uint8_t flags;
    bw_ir_loc loc;
    uint32_t dst;
    uint32_t callee; /* qualified callee name (string) */
    uint32_t usr;    /* callee USR (string) or BW_NONE */
    uint32_t recv;   /* BW_CALL_VIRTUAL: the receiver's class USR (string) or BW_NONE */
    uint32_t a, b;
    uint32_t nvals;
    bw_ir_val *vals;
    uint32_t nfacts;
    bw_ir_fact *facts;
} bw_ir_insn;

typedef struct bw_ir_func {
    uint32_t name, qual, usr;
    bw_ir_loc loc;
    uint32_t nparams;
    uint32_t *param_names;
    uint8_t variadic, is_main, is_method, is_static;
    uint8_t is_template; /* a template's pattern: only the calls the lowering resolved reach it */
    uint32_t nplaces;
    bw_ir_place *places;
    uint32_t ninsns;
    bw_ir_insn *insns;
} bw_ir_func;

/* A function declaration that carries knowledge: annotations or a format
 * attribute (from a header the user wrote). */
typedef struct bw_ir_decl {
    uint32_t usr, qual;
    uint32_t nannots;
    uint32_t *annots;
    uint32_t fmt_idx, fmt_first; /* 1-based, 0 = none */
    uint32_t nparams;
} bw_ir_decl;

typedef struct bw_ir_suppr {
    bw_ir_loc loc;
    uint32_t rule;   /* rule id text */
    uint32_t reason; /* BW_NONE: no reason given */
} bw_ir_suppr;

typedef struct bw_ir_dep {
    uint32_t path;
    uint64_t hash;
} bw_ir_dep;

typedef struct bw_ir_tu {
    bw_arena arena;
    char **strs;
    uint32_t nstrs, capstrs;
    bw_strmap strmap;
    uint32_t main_file;
    uint8_t html_markup; /* a literal with an HTML content type or markup */
    uint32_t nfuncs, capfuncs;
    bw_ir_func *funcs;
    uint32_t ndecls, capdecls;
    bw_ir_decl *decls;
    uint32_t naddr, capaddr;
    uint32_t *addr_taken; /* USRs of functions whose address is taken */
    uint32_t ncont, capcont;
    uint32_t *container_fields; /* fields ("<record USR>.member") some container_of() of the
                                   TU goes back from: a pointer to such a member stands for
                                   the record that holds it */
    uint32_t ninit, capinit;
    uint32_t *init_fields; /* fields ("<record USR>.member") of records a global's or a
                              static local's initializer that holds text stores into
                              (a constant table's members) */
    uint32_t nover, capover;
    uint32_t *overrides; /* triples of USRs: a C++ method this TU defines, a method it
                            overrides (directly or through another override), its class */
    uint32_t nbases, capbases;
    uint32_t *bases; /* pairs of USRs: such a class and a class it derives from
                        (directly or not) */
    uint32_t nlibv, caplibv;
    uint32_t *library_virtuals; /* USRs of virtual methods this TU calls virtually whose own
                                   body may be a library's: not pure, and declared in a system
                                   header or with no body this TU sees (std::exception::what) */
    uint32_t nsupprs, capsupprs;
    bw_ir_suppr *supprs;
    uint32_t ndeps, capdeps;
    bw_ir_dep *deps; /* every non-system file of the TU with its content hash */
    uint32_t nmem;
    struct bw_mnode *mem; /* the memory rules' tree (memory.h), owned */
} bw_ir_tu;

bw_ir_tu *bw_ir_tu_new(void);
void bw_ir_tu_free(bw_ir_tu *tu);
/* Interns s (copied); BW_NONE on OOM. */
uint32_t bw_ir_intern(bw_ir_tu *tu, const char *s);
uint32_t bw_ir_intern_n(bw_ir_tu *tu, const char *s, size_t n);
static inline const char *bw_ir_str(const bw_ir_tu *tu, uint32_t id)
{
    return id < tu->nstrs ? tu->strs[id] : "";
}
/* Growable-array helpers on the TU (false on OOM). */
bool bw_ir_grow(void **items, uint32_t *cap, uint32_t need, size_t size);

/* Serialisation (cache blobs).  Decode validates every index and returns
 * BW_ERR_CORRUPT on malformed input. */
bw_status bw_ir_encode(const bw_ir_tu *tu, bw_buf *out);
bw_status bw_ir_decode(const void *data, size_t len, bw_ir_tu **out, bw_error *err);

/* Prints the IR (debugging; the ir_dump test tool). */
void bw_ir_dump(const bw_ir_tu *tu, FILE *out);

#endif
