/*
 * memory_know.h — the memory rules' knowledge rows (memory_knowledge.c).
 */
#ifndef BW_CHECKERS_MEMORY_KNOW_H
#define BW_CHECKERS_MEMORY_KNOW_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/config.h"
#include "bulwark/status.h"

typedef enum bw_mem_role {
    BW_MR_ALLOC = 1, /* returns a new block of `len` (x `len2`) bytes; `src`: the block it replaces */
    BW_MR_FREE,      /* frees argument `dst` */
    BW_MR_WRITE,     /* writes into argument `dst` */
    BW_MR_READ,      /* reads `len` bytes of argument `src` */
    BW_MR_CHECK,     /* the result must be checked */
    BW_MR_NOFAIL,    /* never returns NULL */
    BW_MR_STRING     /* reads the string in argument `src` up to its terminator */
} bw_mem_role;

enum {
    BW_MF_DUP = 1,        /* ALLOC: a copy of the string in argument 0 */
    BW_MF_STACK = 2,      /* ALLOC: on the stack (alloca) */
    BW_MF_NOFAIL = 4,     /* ALLOC: never NULL */
    BW_MF_WIDE = 8,       /* lengths count wide characters */
    BW_MF_NOTERM = 16,    /* WRITE: may leave no terminator (strncpy) */
    BW_MF_APPEND = 32,    /* WRITE: appends to the string in dst */
    BW_MF_STRING = 64,    /* WRITE: copies the string in `src` with its terminator */
    BW_MF_FORMAT = 128,   /* WRITE: printf-style format in `src` */
    BW_MF_VA = 256,       /* WRITE: arguments as a va_list */
    BW_MF_UNBOUNDED = 512, /* WRITE: no bound at all (gets) */
    BW_MF_SOURCE = 1024,  /* WRITE: the data written is untrusted input */
    BW_MF_COUNT = 2048,   /* CHECK: returns a conversion count (EOF is -1) */
    BW_MF_RELIED = 4096,  /* CHECK: only when the program relies on success (not reported alone) */
    BW_MF_LENGTH = 8192   /* CHECK: the result is a would-be length, not the written one */
};

typedef struct bw_mem_know {
    const char *function;
    uint8_t role;
    int8_t dst, len, len2, src;
    unsigned flags;
    const char *fix; /* bounded replacement (DANGEROUS-API fix-it) */
} bw_mem_know;

extern const bw_mem_know bw_mem_builtin[];

/* The first row for `fn` with `role` after `after` (NULL: from the start);
 * the user's rows (`extra`) come first. */
const bw_mem_know *bw_mem_lookup(const bw_mem_know *extra, uint32_t nextra, const char *fn, uint8_t role,
                                 const bw_mem_know *after);

/* The rows declared in the `memory:` section of cfg (allocators,
 * deallocators, copies, must-check, cannot-fail).  *rows (freed with
 * bw_free) points into cfg's YAML for the function names, so it lives no
 * longer than cfg; rows may be NULL to validate only.  BW_OK with no rows
 * when cfg or the section is absent; BW_ERR_PARSE with "file:line:col:
 * message" for an invalid section. */
bw_status bw_mem_config_rows(const bw_config *cfg, bw_mem_know **rows, uint32_t *nrows, bw_error *err);

#endif
