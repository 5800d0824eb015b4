/*
 * memory_knowledge.c — what the memory rules know about library functions,
 * as data: allocators and their size arguments, functions that free an
 * argument, copy and read functions with their destination and length
 * arguments, functions that cannot fail, and calls whose result must be
 * checked.  Users add rows in the `memory:` section of .bulwark.yaml
 * (parsed and validated at the end of this file).
 */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/checkers.h"
#include "bulwark/yaml.h"
#include "memory.h"
#include "memory_know.h"

#define A(fn, sz, sz2, old, fl) {fn, BW_MR_ALLOC, -1, sz, sz2, old, fl, NULL}
#define F(fn, arg) {fn, BW_MR_FREE, arg, -1, -1, -1, 0, NULL}
#define W(fn, dst, len, len2, src, fl, fix) {fn, BW_MR_WRITE, dst, len, len2, src, fl, fix}
#define R(fn, src, len) {fn, BW_MR_READ, -1, len, -1, src, 0, NULL}
#define C(fn, fl) {fn, BW_MR_CHECK, -1, -1, -1, -1, fl, NULL}
#define N(fn) {fn, BW_MR_NOFAIL, -1, -1, -1, -1, 0, NULL}
#define STR(fn, src) {fn, BW_MR_STRING, -1, -1, -1, src, 0, NULL}

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
    A("g_malloc_n", 0, 1, -1, BW_MF_NOFAIL), /* g_new(T, n) */
    A("g_malloc0_n", 0, 1, -1, BW_MF_NOFAIL),
    A("g_realloc", 1, -1, 0, BW_MF_NOFAIL),
    A("g_realloc_n", 1, 2, 0, BW_MF_NOFAIL),
    A("g_try_malloc", 0, -1, -1, 0),
    A("g_try_malloc0", 0, -1, -1, 0),
    A("g_try_malloc_n", 0, 1, -1, 0),
    A("g_try_realloc", 1, -1, 0, 0),
    A("sqlite3_malloc", 0, -1, -1, 0),
    A("sqlite3_malloc64", 0, -1, -1, 0),
    A("sqlite3_realloc", 1, -1, 0, 0),
    A("sqlite3_realloc64", 1, -1, 0, 0),
    /* Linux socket buffers: the `len` bytes reserved at the tail (put) or
     * head (push) of the packet; never NULL (overrunning the skb panics) */
    A("skb_put", 1, -1, -1, BW_MF_NOFAIL),
    A("__skb_put", 1, -1, -1, BW_MF_NOFAIL),
    A("skb_put_zero", 1, -1, -1, BW_MF_NOFAIL),
    A("skb_push", 1, -1, -1, BW_MF_NOFAIL),
    A("__skb_push", 1, -1, -1, BW_MF_NOFAIL),
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
    /* reads argument `src` as a terminated string (an unterminated buffer
     * passed here is read past its end) */
    STR("puts", 0), STR("fputs", 0), STR("strdup", 0), STR("strcmp", 0), STR("strcmp", 1),
    STR("strcasecmp", 0), STR("strcasecmp", 1), STR("strchr", 0), STR("strrchr", 0), STR("strstr", 0),
    STR("strstr", 1), STR("strspn", 0), STR("strcspn", 0), STR("strcpy", 1), STR("strcat", 1),
    STR("atoi", 0), STR("atol", 0), STR("atoll", 0), STR("strtol", 0), STR("strtoul", 0), STR("strtoll", 0),
    STR("strtoull", 0), STR("strtod", 0), STR("fopen", 0), STR("open", 0), STR("perror", 0),
    STR("sqlite3_exec", 1), STR("sqlite3_prepare_v2", 1),
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

/* ---- the `memory:` section of .bulwark.yaml ------------------------------
 *
 *   memory:
 *     allocators:    [{function: pool_alloc, size: 2, count: 3, reallocates: 1, returns-null: false}]
 *     deallocators:  [{function: pool_free, arg: 2}]
 *     copies:        [{function: buf_copy, dest: 1, src: 2, len: 3}]   # no len: copies the string in src
 *     must-check:    [{function: flush_all}]
 *     cannot-fail:   [{function: xwrite}]
 *
 * Argument numbers are 1-based, as in the `taint:` section.  Each entry
 * becomes rows of the same form as the built-in table; the user's rows are
 * looked up first, so they also override a built-in row of the same role. */

typedef struct mcfg {
    const bw_yaml *doc;
    bool collect; /* false: validate only */
    bw_mem_know *rows;
    uint32_t n, cap;
    bw_error *err;
} mcfg;

static const char *const mem_sections[] = {"allocators", "deallocators", "copies", "must-check", "cannot-fail", NULL};

static bw_status mcfg_add(mcfg *c, bw_mem_know row)
{
    if (!c->collect)
        return BW_OK;
    if (!bw_ir_grow((void **)&c->rows, &c->cap, c->n + 1, sizeof(bw_mem_know)))
        return bw_error_set(c->err, BW_ERR_NOMEM, "out of memory");
    c->rows[c->n++] = row;
    return BW_OK;
}

/* An optional 1-based argument number under `key`; *out stays -1 when absent. */
static bw_status mcfg_argno(mcfg *c, bw_yaml_node e, const char *key, int8_t *out)
{
    bw_yaml_node n = bw_yaml_get(c->doc, e, key);
    if (n == 0)
        return BW_OK;
    long v;
    if (bw_yaml_kind_of(c->doc, n) != BW_YAML_SCALAR)
        return bw_yaml_error(c->doc, n, c->err, "'%s' must be an argument number (1 is the first argument)", key);
    bw_status st = bw_yaml_read_long(c->doc, n, 1, 16, &v, c->err); /* the analysis tracks 16 arguments */
    if (st == BW_OK)
        *out = (int8_t)(v - 1);
    return st;
}

static bw_status mcfg_keys(mcfg *c, const char *section, bw_yaml_node e, const char *const *allowed)
{
    for (size_t i = 0; i < bw_yaml_len(c->doc, e); i++) {
        bw_yaml_node k, v;
        if (!bw_yaml_pair_at(c->doc, e, i, &k, &v))
            continue;
        const char *ks = bw_yaml_scalar(c->doc, k);
        bool ok = false;
        for (size_t j = 0; ks != NULL && allowed[j] != NULL; j++)
            ok |= strcmp(ks, allowed[j]) == 0;
        for (size_t j = 0; ok && j < i; j++) {
            bw_yaml_node pk, pv;
            bw_yaml_pair_at(c->doc, e, j, &pk, &pv);
            const char *ps = bw_yaml_scalar(c->doc, pk);
            if (ps != NULL && strcmp(ps, ks) == 0)
                return bw_yaml_error(c->doc, k, c->err, "duplicate key '%s'", ks);
        }
        if (ok)
            continue;
        bw_buf list = BW_BUF_INIT;
        for (size_t j = 0; allowed[j] != NULL; j++)
            bw_buf_printf(&list, "%s%s", j ? ", " : "", allowed[j]);
        bw_status st = bw_yaml_error(c->doc, k, c->err, "unknown key '%s' in memory.%s (allowed: %s)",
                                     ks != NULL ? ks : "?", section, list.data != NULL ? list.data : "");
        bw_buf_free(&list);
        return st;
    }
    return BW_OK;
}

static bw_status mcfg_alloc(mcfg *c, bw_yaml_node e, const char *fn)
{
    bw_mem_know r = {fn, BW_MR_ALLOC, -1, -1, -1, -1, 0, NULL};
    bw_status st;
    if ((st = mcfg_argno(c, e, "size", &r.len)) != BW_OK || (st = mcfg_argno(c, e, "count", &r.len2)) != BW_OK ||
        (st = mcfg_argno(c, e, "reallocates", &r.src)) != BW_OK)
        return st;
    if (r.len < 0)
        return bw_yaml_error(c->doc, e, c->err, "an allocator needs 'size' (the argument that holds the size in bytes)");
    if (r.len2 == r.len || r.src == r.len)
        return bw_yaml_error(c->doc, e, c->err, "'size', 'count' and 'reallocates' must name different arguments");
    bw_yaml_node rn = bw_yaml_get(c->doc, e, "returns-null");
    bool may_null = true;
    if (rn != 0 && (st = bw_yaml_read_bool(c->doc, rn, &may_null, c->err)) != BW_OK)
        return st;
    if (!may_null)
        r.flags |= BW_MF_NOFAIL;
    return mcfg_add(c, r);
}

static bw_status mcfg_copy(mcfg *c, bw_yaml_node e, const char *fn)
{
    bw_mem_know w = {fn, BW_MR_WRITE, -1, -1, -1, -1, 0, NULL};
    bw_status st;
    if ((st = mcfg_argno(c, e, "dest", &w.dst)) != BW_OK || (st = mcfg_argno(c, e, "src", &w.src)) != BW_OK ||
        (st = mcfg_argno(c, e, "len", &w.len)) != BW_OK || (st = mcfg_argno(c, e, "count", &w.len2)) != BW_OK)
        return st;
    if (w.dst < 0)
        return bw_yaml_error(c->doc, e, c->err, "a copy function needs 'dest' (the argument written to)");
    if (w.len < 0 && w.src < 0)
        return bw_yaml_error(c->doc, e, c->err,
                             "a copy function needs 'len' (bytes written) or 'src' (a string copied with its terminator)");
    if (w.len2 >= 0 && w.len < 0)
        return bw_yaml_error(c->doc, e, c->err, "'count' multiplies 'len': give 'len' too");
    if (w.src == w.dst || w.len == w.dst || (w.src >= 0 && w.src == w.len))
        return bw_yaml_error(c->doc, e, c->err, "'dest', 'src' and 'len' must name different arguments");
    if (w.len < 0)
        w.flags |= BW_MF_STRING; /* strcpy-like: the string in src and its terminator */
    if ((st = mcfg_add(c, w)) != BW_OK)
        return st;
    if (w.src >= 0 && w.len >= 0) {
        bw_mem_know rd = {fn, BW_MR_READ, -1, w.len, -1, w.src, 0, NULL};
        return mcfg_add(c, rd); /* ... and reads len bytes of src */
    }
    return BW_OK;
}

static bw_status mcfg_entry(mcfg *c, const char *section, bw_yaml_node e)
{
    const bw_yaml *doc = c->doc;
    static const char *const k_alloc[] = {"function", "size", "count", "reallocates", "returns-null", NULL};
    static const char *const k_free[] = {"function", "arg", NULL};
    static const char *const k_copy[] = {"function", "dest", "src", "len", "count", NULL};
    static const char *const k_fn[] = {"function", NULL};
    bool is_alloc = strcmp(section, "allocators") == 0, is_free = strcmp(section, "deallocators") == 0,
         is_copy = strcmp(section, "copies") == 0, is_check = strcmp(section, "must-check") == 0;
    if (bw_yaml_kind_of(doc, e) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, e, c->err, "each entry of memory.%s must be a mapping with 'function'", section);
    bw_status st = mcfg_keys(c, section, e, is_alloc ? k_alloc : is_free ? k_free : is_copy ? k_copy : k_fn);
    if (st != BW_OK)
        return st;
    bw_yaml_node fnode = bw_yaml_get(doc, e, "function");
    const char *fn;
    if (fnode == 0)
        return bw_yaml_error(doc, e, c->err, "memory.%s entry needs 'function'", section);
    if ((st = bw_yaml_read_string(doc, fnode, &fn, c->err)) != BW_OK)
        return st;
    if (fn[0] == '\0')
        return bw_yaml_error(doc, fnode, c->err, "'function' must not be empty");
    if (is_alloc)
        return mcfg_alloc(c, e, fn);
    if (is_copy)
        return mcfg_copy(c, e, fn);
    if (is_free) {
        bw_mem_know r = {fn, BW_MR_FREE, 0, -1, -1, -1, 0, NULL};
        if ((st = mcfg_argno(c, e, "arg", &r.dst)) != BW_OK)
            return st;
        return mcfg_add(c, r);
    }
    bw_mem_know r = {fn, is_check ? BW_MR_CHECK : BW_MR_NOFAIL, -1, -1, -1, -1, 0, NULL};
    return mcfg_add(c, r);
}

static bw_status mcfg_section(mcfg *c, bw_yaml_node node)
{
    const bw_yaml *doc = c->doc;
    if (bw_yaml_kind_of(doc, node) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, node, c->err,
                             "'memory' must be a mapping with allocators, deallocators, copies, must-check, cannot-fail");
    for (size_t i = 0; i < bw_yaml_len(doc, node); i++) {
        bw_yaml_node k, v;
        if (!bw_yaml_pair_at(doc, node, i, &k, &v))
            continue;
        const char *ks = bw_yaml_scalar(doc, k);
        bool ok = false;
        for (size_t j = 0; ks != NULL && mem_sections[j] != NULL; j++)
            ok |= strcmp(ks, mem_sections[j]) == 0;
        if (!ok)
            return bw_yaml_error(doc, k, c->err,
                                 "unknown key '%s' in memory (allowed: allocators, deallocators, copies, must-check, "
                                 "cannot-fail)",
                                 ks != NULL ? ks : "?");
        if (bw_yaml_kind_of(doc, v) == BW_YAML_SCALAR && bw_yaml_is_plain(doc, v) &&
            strcmp(bw_yaml_scalar(doc, v), "") == 0)
            continue; /* "copies:" with nothing after it */
        if (bw_yaml_kind_of(doc, v) != BW_YAML_SEQUENCE)
            return bw_yaml_error(doc, v, c->err, "memory.%s must be a list", ks);
        for (size_t j = 0; j < bw_yaml_len(doc, v); j++) {
            bw_status st = mcfg_entry(c, ks, bw_yaml_at(doc, v, j));
            if (st != BW_OK)
                return st;
        }
    }
    return BW_OK;
}

bw_status bw_mem_config_rows(const bw_config *cfg, bw_mem_know **rows, uint32_t *nrows, bw_error *err)
{
    if (rows != NULL)
        *rows = NULL;
    if (nrows != NULL)
        *nrows = 0;
    bw_yaml_node node = bw_config_section(cfg, "memory");
    if (node == 0)
        return BW_OK;
    mcfg c = {cfg->yaml, rows != NULL, NULL, 0, 0, err};
    bw_status st = mcfg_section(&c, node);
    if (st != BW_OK || rows == NULL) {
        bw_free(c.rows);
        return st;
    }
    *rows = c.rows;
    if (nrows != NULL)
        *nrows = c.n;
    return BW_OK;
}

bw_status bw_memory_config_check(const bw_config *cfg, bw_error *err)
{
    return bw_mem_config_rows(cfg, NULL, NULL, err);
}
