/*
 * memory_knowledge.c — what the memory rules know about library functions,
 * as data: allocators and their size arguments, functions that free an
 * argument, copy and read functions with their destination and length
 * arguments, functions that cannot fail, and calls whose result must be
 * checked.  Users add rows in .bulwark.yaml under `taint: memory:`.
 */
#include <string.h>

#include "memory.h"
#include "memory_know.h"

#define A(fn, sz, sz2, old, fl) {fn, BW_MR_ALLOC, -1, sz, sz2, old, fl, NULL}
#define F(fn, arg) {fn, BW_MR_FREE, arg, -1, -1, -1, 0, NULL}
#define W(fn, dst, len, len2, src, fl, fix) {fn, BW_MR_WRITE, dst, len, len2, src, fl, fix}
#define R(fn, src, len) {fn, BW_MR_READ, -1, len, -1, src, 0, NULL}
#define C(fn, fl) {fn, BW_MR_CHECK, -1, -1, -1, -1, fl, NULL}
#define N(fn) {fn, BW_MR_NOFAIL, -1, -1, -1, -1, 0, NULL}

const bw_mem_know bw_mem_builtin[] = {
    /* allocators: size = arg `len` (times arg `len2`); `src` = the block reallocated */
    A("malloc", 0, -1, -1, 0),
    A("calloc", 0, 1, -1, 0),
    A("realloc", 1, -1, 0, 0),
    A("reallocarray", 1, 2, 0, 0),
    A("aligned_alloc", 1, -1, -1, 0),
    A("memalign", 1, -1, -1, 0),
    A("valloc", 0, -1, -1, 0),
    A("pvalloc", 0, -1, -1, 0),
    A("strdup", -1, -1, -1, BW_MF_DUP),
    A("strndup", 1, -1, -1, BW_MF_DUP),
    A("wcsdup", -1, -1, -1, BW_MF_DUP | BW_MF_WIDE),
    A("alloca", 0, -1, -1, BW_MF_STACK | BW_MF_NOFAIL),
    A("__builtin_alloca", 0, -1, -1, BW_MF_STACK | BW_MF_NOFAIL),
    A("xmalloc", 0, -1, -1, BW_MF_NOFAIL),
    A("xcalloc", 0, 1, -1, BW_MF_NOFAIL),
    A("xrealloc", 1, -1, 0, BW_MF_NOFAIL),
    A("xstrdup", -1, -1, -1, BW_MF_DUP | BW_MF_NOFAIL),
    A("g_malloc", 0, -1, -1, BW_MF_NOFAIL),
    A("g_malloc0", 0, -1, -1, BW_MF_NOFAIL),
    A("g_strdup", -1, -1, -1, BW_MF_DUP | BW_MF_NOFAIL),
    A("sqlite3_malloc", 0, -1, -1, 0),
    A("sqlite3_malloc64", 0, -1, -1, 0),
    A("sqlite3_realloc", 1, -1, 0, 0),
    A("sqlite3_realloc64", 1, -1, 0, 0),
    /* deallocators */
    F("free", 0),
    F("cfree", 0),
    F("g_free", 0),
    F("sqlite3_free", 0),
    F("xfree", 0),
    /* writes into argument `dst`: `len` bytes (times `len2`) or, without a
     * length, the string in argument `src` (plus its terminator) */
    W("memcpy", 0, 2, -1, 1, 0, NULL),
    W("memmove", 0, 2, -1, 1, 0, NULL),
    W("__builtin_memcpy", 0, 2, -1, 1, 0, NULL),
    W("__builtin_memmove", 0, 2, -1, 1, 0, NULL),
    W("mempcpy", 0, 2, -1, 1, 0, NULL),
    W("memset", 0, 2, -1, -1, 0, NULL),
    W("__builtin_memset", 0, 2, -1, -1, 0, NULL),
    W("bzero", 0, 1, -1, -1, 0, NULL),
    W("explicit_bzero", 0, 1, -1, -1, 0, NULL),
    W("wmemcpy", 0, 2, -1, 1, BW_MF_WIDE, NULL),
    W("wmemmove", 0, 2, -1, 1, BW_MF_WIDE, NULL),
    W("wmemset", 0, 2, -1, -1, BW_MF_WIDE, NULL),
    W("strncpy", 0, 2, -1, 1, BW_MF_NOTERM, NULL),
    W("wcsncpy", 0, 2, -1, 1, BW_MF_NOTERM | BW_MF_WIDE, NULL),
    W("strncat", 0, 2, -1, 1, BW_MF_APPEND, NULL),
    W("wcsncat", 0, 2, -1, 1, BW_MF_APPEND | BW_MF_WIDE, NULL),
    W("snprintf", 0, 1, -1, -1, 0, NULL),
    W("vsnprintf", 0, 1, -1, -1, 0, NULL),
    W("swprintf", 0, 1, -1, -1, BW_MF_WIDE, NULL),
    W("fgets", 0, 1, -1, -1, BW_MF_SOURCE, NULL),
    W("fgetws", 0, 1, -1, -1, BW_MF_SOURCE | BW_MF_WIDE, NULL),
    W("read", 1, 2, -1, -1, BW_MF_SOURCE, NULL),
    W("pread", 1, 2, -1, -1, BW_MF_SOURCE, NULL),
    W("recv", 1, 2, -1, -1, BW_MF_SOURCE, NULL),
    W("recvfrom", 1, 2, -1, -1, BW_MF_SOURCE, NULL),
    W("fread", 0, 1, 2, -1, BW_MF_SOURCE, NULL),
    W("getcwd", 0, 1, -1, -1, 0, NULL),
    W("readlink", 1, 2, -1, -1, 0, NULL),
    W("strlcpy", 0, 2, -1, 1, 0, NULL),
    W("strlcat", 0, 2, -1, 1, 0, NULL),
    W("strcpy", 0, -1, -1, 1, BW_MF_STRING, "strncpy"),
    W("wcscpy", 0, -1, -1, 1, BW_MF_STRING | BW_MF_WIDE, "wcsncpy"),
    W("stpcpy", 0, -1, -1, 1, BW_MF_STRING, NULL),
    W("strcat", 0, -1, -1, 1, BW_MF_STRING | BW_MF_APPEND, "strncat"),
    W("wcscat", 0, -1, -1, 1, BW_MF_STRING | BW_MF_APPEND | BW_MF_WIDE, "wcsncat"),
    W("sprintf", 0, -1, -1, 1, BW_MF_FORMAT, "snprintf"),
    W("vsprintf", 0, -1, -1, 1, BW_MF_FORMAT | BW_MF_VA, "vsnprintf"),
    W("gets", 0, -1, -1, -1, BW_MF_UNBOUNDED | BW_MF_SOURCE, "fgets"),
    /* reads `len` bytes from argument `src` */
    R("memcpy", 1, 2),
    R("memmove", 1, 2),
    R("memcmp", 0, 2),
    R("memcmp", 1, 2),
    R("write", 1, 2),
    R("send", 1, 2),
    R("fwrite", 0, 1),
    /* results that must be checked (BW_MF_COUNT: a conversion count) */
    C("fgets", 0),
    C("fread", 0),
    C("read", 0),
    C("recv", 0),
    C("recvfrom", 0),
    C("scanf", BW_MF_COUNT),
    C("fscanf", BW_MF_COUNT),
    C("sscanf", BW_MF_COUNT),
    C("realloc", 0),
    C("setuid", 0),
    C("setgid", 0),
    C("seteuid", 0),
    C("setegid", 0),
    C("setreuid", 0),
    C("setregid", 0),
    C("setresuid", 0),
    C("setresgid", 0),
    C("chroot", 0),
    C("fwrite", 0),
    C("remove", 0),
    C("rename", 0),
    C("fputs", BW_MF_RELIED),
    C("fprintf", BW_MF_RELIED),
    C("snprintf", BW_MF_LENGTH),
    C("vsnprintf", BW_MF_LENGTH),
    /* allocation-like results that are never NULL */
    N("xmalloc"),
    N("g_malloc"),
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

const bw_mem_know *bw_mem_lookup(const bw_mem_know *extra, uint32_t nextra, const char *fn, uint8_t role,
                                 const bw_mem_know *after)
{
    bool past = after == NULL;
    for (uint32_t i = 0; i < nextra; i++) {
        if (!past) {
            past = &extra[i] == after;
            continue;
        }
        if (extra[i].role == role && strcmp(extra[i].function, fn) == 0)
            return &extra[i];
    }
    for (const bw_mem_know *k = bw_mem_builtin; k->function != NULL; k++) {
        if (!past) {
            past = k == after;
            continue;
        }
        if (k->role == role && strcmp(k->function, fn) == 0)
            return k;
    }
    return NULL;
}

bool bw_mem_tolerated_error(CXDiagnostic dg)
{
    CXString opt = clang_getDiagnosticOption(dg, NULL);
    const char *o = clang_getCString(opt);
    bool implicit = o != NULL && strcmp(o, "-Wimplicit-function-declaration") == 0;
    clang_disposeString(opt);
    if (!implicit)
        return false;
    /* "call to undeclared function 'gets'; ISO C99 and later ..." */
    CXString sp = clang_getDiagnosticSpelling(dg);
    const char *t = clang_getCString(sp);
    const char *a = t != NULL ? strchr(t, '\'') : NULL;
    const char *b = a != NULL ? strchr(a + 1, '\'') : NULL;
    bool ok = false;
    if (b != NULL && b - a - 1 < 64) {
        char name[64];
        memcpy(name, a + 1, (size_t)(b - a - 1));
        name[b - a - 1] = '\0';
        for (const bw_mem_know *k = bw_mem_lookup(NULL, 0, name, BW_MR_WRITE, NULL); k != NULL && !ok;
             k = bw_mem_lookup(NULL, 0, name, BW_MR_WRITE, k))
            ok = (k->flags & BW_MF_UNBOUNDED) != 0;
    }
    clang_disposeString(sp);
    return ok;
}
