/*
 * memory.h — size, range, nullness and lifetime reasoning for the
 * memory-safety rules (issue 4), on the same engine as the taint rules.
 *
 * Extraction (memory_extract.c) lowers every function of a TU into a compact
 * pre-order tree ("mem tree": statements and expressions with their types'
 * sizes) stored in the TU's `mem` blob, so it is cached with the rest of the
 * IR.  The program phase (memory_analyze.c) interprets those trees with
 * abstract values — object sizes, integer ranges, NULL and free states —
 * computes per-function summaries over the whole compile database (callees
 * first, to a bounded fixpoint) and reports through the shared finding list,
 * where suppressions, fingerprints and output apply as for every rule.
 * Knowledge (allocators, "frees argument N", copy functions and their size
 * arguments, functions that cannot fail) is data in memory_knowledge.c plus
 * the `memory:` section of .bulwark.yaml (bw_mem_config_rows).
 */
#ifndef BW_CHECKERS_MEMORY_H
#define BW_CHECKERS_MEMORY_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "bulwark/config.h"
#include "bulwark/finding.h"
#include "ir.h"

/* Node kinds of the mem tree. */
enum {
    BW_MK_FUNC = 1, /* str: qualified name, str2: USR, ival: nparams; kids: PARAMs then body */
    BW_MK_PARAM,    /* str: key, str2: name; type fields */
    BW_MK_BLOCK,    /* op 2: a label, str its name; op 3: a case label for ival..alen;
                     * op 4: a default label */
    BW_MK_DECL,     /* str: key, str2: name; type fields; kid: initialiser (optional) */
    BW_MK_IF,       /* cond, then, [else] */
    BW_MK_WHILE,    /* cond, body */
    BW_MK_DO,       /* body, cond */
    BW_MK_FOR,      /* init, cond, inc, body (absent parts are NOP) */
    BW_MK_SWITCH,   /* cond, body (op 1: every case label of its own is folded) */
    BW_MK_RETURN,   /* [value] */
    BW_MK_BREAK,
    BW_MK_CONTINUE,
    BW_MK_GOTO,     /* str: the target label's name (BW_NONE: computed goto) */
    BW_MK_NOP,
    /* expressions */
    BW_MK_INT,      /* ival */
    BW_MK_STR,      /* ival: length in characters without the terminator; str: the text
                     * when it contains '%' (a possible format), else BW_NONE */
    BW_MK_REF,      /* str: variable key, str2: name (op 1: a global) */
    BW_MK_CALL,     /* str: callee, str2: USR or NONE; kids: args (object first for methods);
                     * ival: the callee's alloc_size(N[, M]) as N | M << 8 (| 1 << 16:
                     * also returns_nonnull), 0 none */
    BW_MK_BIN,      /* op: CXBinaryOperatorKind; lhs, rhs */
    BW_MK_ASSIGN,   /* op: CXBinaryOperatorKind (= or compound); lhs, rhs */
    BW_MK_UN,       /* op: CXUnaryOperatorKind; operand */
    BW_MK_INDEX,    /* base, index */
    BW_MK_MEMBER,   /* str: member name, op: 1 for ->; ival: byte offset; kid: base */
    BW_MK_COND,     /* c ? a : b */
    BW_MK_SIZEOF,   /* ival: value (sizeof of a pointer-typed operand: op 1) */
    BW_MK_NEW,      /* new T / new T[n]: esize; op: BW_NEW_* flags; kids: the bound first
                     * (BW_NEW_COUNTED), then placement arguments and initialiser */
    BW_MK_DELETE,   /* op 1: delete[]; kid: operand */
    BW_MK_CAST,     /* kid: operand */
    BW_MK_SHIFT_IN, /* `stream >> x` (C++): kid 0 stream, kid 1 target */
    BW_MK_OTHER     /* anything else: kids are evaluated for their effects */
};

/* Other facts of a node. */
enum {
    /* a call of strcpy that a Linux trace event's `__assign_str` makes
     * into the room its `__string` sized for the same source
     * (trace_event.h) */
    BW_MNF_SIZED_BY_EVENT = 1,
    /* of type bool (_Bool): a value stored or cast to it is 0 or 1 */
    BW_MNF_BOOL = 2,
    /* of a volatile-qualified type: two reads may see two values */
    BW_MNF_VOLATILE = 4,
    /* code that runs later, when it is called, not where it is written (a
     * C++ lambda, a block literal), though its kids are lowered here */
    BW_MNF_DEFERRED = 8,
    /* a call whose callee may take an argument by reference (C++), or
     * whose callee's type is not known */
    BW_MNF_REF_PARAMS = 16,
    /* what the analysis does not follow exactly: inline assembly or a call
     * of a block (clang's -fblocks) may write variables unseen; a try
     * statement's throws and a range-for's later passes are not run; a
     * declaration of a variable-length array (a variable, a pointer to
     * one, a typedef) evaluates its size unseen */
    BW_MNF_UNFOLLOWED = 32,
    /* C++'s `this` (for naming what a report is about) */
    BW_MNF_THIS = 64
};

/* op of a BW_MK_NEW node. */
enum {
    BW_NEW_ARRAY = 1,   /* new T[n] */
    BW_NEW_COUNTED = 2, /* kid 0 is the array bound */
    BW_NEW_NOTHROW = 4  /* new (std::nothrow): NULL when it fails */
};

/* Type flags of a node. */
enum {
    BW_MT_PTR = 1,
    BW_MT_ARRAY = 2,
    BW_MT_INT = 4,
    BW_MT_SIGNED = 8,
    BW_MT_CHAR = 16,   /* char-like element or value (char, wchar_t, char16_t ...) */
    BW_MT_FLEX = 32,   /* incomplete array (flexible array member) */
    BW_MT_RECORD = 64,
    BW_MT_CONST_STR = 128
};

typedef struct bw_mnode {
    uint8_t kind, op, tflags, mflags; /* mflags: BW_MNF_* */
    uint32_t end;   /* index after this node's subtree (kids follow the node) */
    uint32_t str, str2;
    uint32_t file, line, col;
    uint32_t tsize; /* sizeof the node's type in bytes, 0 unknown */
    uint32_t esize; /* element (array) or pointee (pointer) size, 0 unknown */
    uint32_t fmt;   /* BW_MK_STR as a printf format: characters of its conversion
                     * specifications (low 16 bits) and the sum of their explicit
                     * widths and precisions (high 16 bits; 0xffff: a '*') */
    int64_t alen;   /* array length (BW_MT_ARRAY), else -1 */
    int64_t ival;
} bw_mnode;

struct bw_loc_cache;
struct bw_cursor_map;

/* Lowers every function defined outside system headers into tu->mem,
 * resolving locations through `locs` (the flow IR's lowering of the same
 * TU fills it first), except those in `skip` (NULL: none): the header
 * functions the flow IR's lowering found unused by the TU.  false on out
 * of memory. */
bool bw_mem_extract(bw_ir_tu *tu, CXTranslationUnit ctu, struct bw_loc_cache *locs,
                    const struct bw_cursor_map *skip);

/* Whether an error diagnostic still leaves the TU worth analysing: the
 * implicit declaration of a function the memory rules always report (`gets`
 * under C11 and later, where <stdio.h> no longer declares it); the call is
 * then in the AST and BW-DANGEROUS-API reports it. */
bool bw_mem_tolerated_error(CXDiagnostic dg);

/* Checks a decoded blob: every index and string id in range. */
bool bw_mem_valid(const bw_ir_tu *tu);

typedef const char *(*bw_mem_content_fn)(void *ctx, const char *path, size_t *len);

/* Analyses the mem trees of `ntus` TUs together (summaries across all of
 * them) and appends findings for TUs with report[i] set.  false on OOM. */
bool bw_mem_run(const bw_config *cfg, const char *root, bw_mem_content_fn content, void *content_ctx,
                const bw_ir_tu *const *tus, const bool *report, uint32_t ntus, bw_findings *out);

#endif
