/*
 * test_checkers.c — cmocka tests of the checker engine's pieces: the rule
 * registry and its embedded pages, the taint configuration, the IR
 * encoding, inline suppression parsing, the summary cache, and the session
 * API (compile databases, failures, determinism, warm cache).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulwark/alloc.h"
#include "bulwark/checkers.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "bulwark/rules.h"
#include "cache.h"
#include "extract.h"
#include "analyze.h"
#include "cursor_map.h"
#include "ir.h"
#include "knowledge.h"
#include "memory_know.h"

static char tmpdir[64];

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *path_in(const char *dir, const char *name)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return path;
}

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/bw-checkers-test-XXXXXX");
    return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[128];
    /* test scratch only; the path is ours (mkdtemp) */
    snprintf(cmd, sizeof(cmd), "%s", tmpdir);
    const char *names[] = {"a.c", "b.c", "bad.c", "cache.db", "cache.db-wal", "cache.db-shm", "garbage.db",
                           "compile_commands.json", "cfg.yaml", "x.c", NULL};
    for (size_t i = 0; names[i] != NULL; i++)
        unlink(path_in(tmpdir, names[i]));
    rmdir(cmd);
    return 0;
}

/* ---- registry -------------------------------------------------------------- */

static void front_matter_value(const char *doc, const char *key, char *out, size_t n)
{
    out[0] = '\0';
    assert_true(strncmp(doc, "---\n", 4) == 0);
    const char *end = strstr(doc + 4, "\n---");
    assert_non_null(end);
    size_t kl = strlen(key);
    for (const char *p = doc + 4; p < end; p = strchr(p, '\n') + 1) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
            const char *v = p + kl + 1;
            while (*v == ' ')
                v++;
            const char *e = strchr(v, '\n');
            size_t len = (size_t)(e - v);
            if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
                v++;
                len -= 2;
            }
            snprintf(out, n, "%.*s", (int)len, v);
            return;
        }
    }
}

static void test_registry(void **state)
{
    (void)state;
    assert_true(bw_rules_count() >= 6);
    assert_null(bw_rules_info(bw_rules_count()));
    assert_null(bw_rules_find(NULL));
    assert_null(bw_rules_find("BW-NOPE"));
    const bw_rule_info *sql = bw_rules_find("BW-SQL-INJECTION");
    assert_non_null(sql);
    assert_int_equal(sql->cwes[0], 89);
    assert_ptr_equal(bw_rule_find("BW-SQL-INJECTION")->describe != NULL, true);
    for (size_t i = 0; i < bw_rules_count(); i++) {
        const bw_rule_info *r = bw_rules_info(i);
        assert_ptr_equal(bw_rules_find(r->id), r);
        /* the embedded page is the docs/rules/<id>.md text, and its front
         * matter agrees with the descriptor */
        assert_non_null(r->docs);
        char v[256];
        front_matter_value(r->docs, "id", v, sizeof v);
        assert_string_equal(v, r->id);
        front_matter_value(r->docs, "severity", v, sizeof v);
        assert_string_equal(v, bw_severity_name(r->severity));
        front_matter_value(r->docs, "title", v, sizeof v);
        assert_string_equal(v, r->title);
        front_matter_value(r->docs, "cwe", v, sizeof v);
        char expect[128] = "";
        size_t used = 0;
        for (size_t k = 0; k < BW_RULE_MAX_CWES && r->cwes[k] != 0; k++)
            used += (size_t)snprintf(expect + used, sizeof expect - used, "%s%u", k ? ", " : "", r->cwes[k]);
        if (used == 0)
            snprintf(expect, sizeof expect, "none");
        assert_string_equal(v, expect);
        for (const char *section = "## "; section != NULL; section = NULL)
            assert_non_null(strstr(r->docs, section));
        if (bw_rule_at(i)->is_taint) {
            assert_non_null(strstr(r->docs, "## How to suppress"));
            assert_non_null(strstr(r->docs, "bulwark-ignore(" ));
        }
    }
    bw_taint_kind k;
    assert_true(bw_taint_kind_parse("html", &k));
    assert_int_equal(k, BW_TAINT_HTML);
    assert_false(bw_taint_kind_parse("HTML", &k));
    assert_string_equal(bw_taint_kind_name(BW_TAINT_CMD), "cmd");
    assert_null(bw_taint_kind_name(BW_TAINT_KIND_COUNT));
}

/* ---- taint configuration ------------------------------------------------------ */

static bw_status load_cfg(const char *text, bw_config **cfg, bw_error *err)
{
    write_file(tmpdir, "cfg.yaml", text);
    return bw_config_load(path_in(tmpdir, "cfg.yaml"), cfg, err);
}

static void test_taint_config_valid(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(load_cfg("version: 1\n"
                              "taint:\n"
                              "  sources:\n"
                              "    - function: read_field\n"
                              "    - function: fill\n"
                              "      args: [2]\n"
                              "  sinks:\n"
                              "    - {function: db_run, kind: sql, arg: 2, hint: use db_run_params}\n"
                              "  sanitizers:\n"
                              "    - {function: esc, kinds: [sql, html]}\n"
                              "  validators:\n"
                              "    - {function: is_ident, kinds: all, arg: 1}\n"
                              "  propagators:\n"
                              "    - {function: dup, from: 1, to: return}\n",
                              &cfg, &err),
                     BW_OK);
    assert_int_equal(bw_taint_config_check(cfg, &err), BW_OK);
    bw_kdb *db = NULL;
    assert_int_equal(bw_kdb_new(cfg, &db, &err), BW_OK);
    size_t n = 0;
    const bw_know *const *rows = bw_kdb_lookup(db, "db_run", &n);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0]->role, BW_ROLE_SINK);
    assert_int_equal(rows[0]->arg, 1);
    assert_int_equal(rows[0]->kinds, 1u << BW_TAINT_SQL);
    assert_string_equal(rows[0]->hint, "use db_run_params");
    rows = bw_kdb_lookup(db, "fill", &n);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0]->to, 1);
    rows = bw_kdb_lookup(db, "esc", &n);
    assert_int_equal(rows[0]->kinds, (1u << BW_TAINT_SQL) | (1u << BW_TAINT_HTML));
    /* built-ins are there too, "std::" names fall back to C names */
    rows = bw_kdb_lookup(db, "std::getenv", &n);
    assert_true(n >= 1);
    rows = bw_kdb_lookup(db, "std::system", &n);
    assert_true(n >= 1 && rows[0]->role == BW_ROLE_SINK);
    /* annotations */
    assert_true(bw_kdb_add_annotation(db, "my_sink", "bulwark:sink:cmd:3"));
    rows = bw_kdb_lookup(db, "my_sink", &n);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0]->arg, 2);
    assert_int_equal(rows[0]->kinds, 1u << BW_TAINT_CMD);
    assert_true(bw_kdb_add_annotation(db, "junk", "bulwark:sink:nope:1"));
    bw_kdb_lookup(db, "junk", &n);
    assert_int_equal(n, 0);
    /* a sanitizer: its result, and (kind:N) the argument it fills */
    assert_true(bw_kdb_add_annotation(db, "esc_buf", "bulwark:sanitizer:html"));
    assert_true(bw_kdb_add_annotation(db, "esc_buf", "bulwark:sanitizer:html:2"));
    rows = bw_kdb_lookup(db, "esc_buf", &n);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0]->role, BW_ROLE_SANITIZER);
    assert_int_equal(rows[0]->from, BW_ALL);
    assert_int_equal(rows[0]->to, BW_RET);
    assert_int_equal(rows[1]->role, BW_ROLE_SANITIZER);
    assert_int_equal(rows[1]->from, BW_ALL);
    assert_int_equal(rows[1]->to, 1);
    assert_int_equal(rows[1]->kinds, 1u << BW_TAINT_HTML);
    assert_int_equal(rows[1]->flags, BW_KF_FILLS);
    assert_true(bw_kdb_add_annotation(db, "esc_bad", "bulwark:sanitizer:html:0"));
    assert_true(bw_kdb_add_annotation(db, "esc_bad", "bulwark:sanitizer:html:x"));
    bw_kdb_lookup(db, "esc_bad", &n);
    assert_int_equal(n, 0);
    bw_kdb_free(db);
    bw_config_free(cfg);
}

static void expect_taint_error(const char *yaml, const char *needle)
{
    bw_config *cfg = NULL;
    bw_error err = {0};
    bw_status st = load_cfg(yaml, &cfg, &err);
    if (st == BW_OK)
        st = bw_taint_config_check(cfg, &err);
    assert_int_equal(st, BW_ERR_PARSE);
    if (strstr(err.message, needle) == NULL)
        fail_msg("expected '%s' in '%s'", needle, err.message);
    bw_kdb *db = NULL;
    if (cfg != NULL) {
        assert_int_equal(bw_kdb_new(cfg, &db, &err), BW_ERR_PARSE);
        assert_null(db);
    }
    bw_config_free(cfg);
}

static void test_taint_config_errors(void **state)
{
    (void)state;
    expect_taint_error("taint:\n  sinks:\n    - {function: f, kind: sql, arg: 1, colour: red}\n",
                       "cfg.yaml:3:");
    expect_taint_error("taint:\n  sinks:\n    - {function: f, kind: sql, arg: 1, colour: red}\n",
                       "unknown key 'colour'");
    expect_taint_error("taint:\n  sinks:\n    - {function: f, kind: shell, arg: 1}\n", "unknown taint kind 'shell'");
    expect_taint_error("taint:\n  sinks:\n    - {function: f, kind: sql}\n", "needs 'arg'");
    expect_taint_error("taint:\n  sinks:\n    - {function: f, kind: sql, arg: 0}\n", "cfg.yaml:3:");
    expect_taint_error("taint:\n  sources:\n    - {args: [1]}\n", "needs 'function'");
    expect_taint_error("taint:\n  sauces: []\n", "unknown key 'sauces'");
    expect_taint_error("taint:\n  sinks: {function: f}\n", "must be a list");
    expect_taint_error("taint:\n  propagators:\n    - {function: f, from: 1}\n", "needs 'from' and 'to'");
    expect_taint_error("taint: [1, 2]\n", "'taint' must be a mapping");
}

/* ---- the memory: section ------------------------------------------------------- */

static void test_memory_config_valid(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(load_cfg("version: 1\n"
                              "memory:\n"
                              "  allocators:\n"
                              "    - {function: pool_alloc, size: 2, count: 3}\n"
                              "    - {function: pool_grow, size: 3, reallocates: 2, returns-null: false}\n"
                              "  deallocators:\n"
                              "    - {function: pool_free, arg: 2}\n"
                              "    - {function: obj_free}\n"
                              "  copies:\n"
                              "    - {function: blob_copy, dest: 1, src: 2, len: 3}\n"
                              "    - {function: name_copy, dest: 1, src: 2}\n"
                              "  must-check:\n"
                              "    - function: commit\n"
                              "  cannot-fail:\n"
                              "    - {function: xdup}\n",
                              &cfg, &err),
                     BW_OK);
    assert_int_equal(bw_memory_config_check(cfg, &err), BW_OK);
    bw_mem_know *rows = NULL;
    uint32_t n = 0;
    assert_int_equal(bw_mem_config_rows(cfg, &rows, &n, &err), BW_OK);
    const bw_mem_know *k = bw_mem_lookup(rows, n, "pool_alloc", BW_MR_ALLOC, NULL);
    assert_non_null(k);
    assert_int_equal(k->len, 1);
    assert_int_equal(k->len2, 2);
    assert_int_equal(k->src, -1);
    assert_int_equal(k->flags & BW_MF_NOFAIL, 0);
    k = bw_mem_lookup(rows, n, "pool_grow", BW_MR_ALLOC, NULL);
    assert_int_equal(k->src, 1);
    assert_true(k->flags & BW_MF_NOFAIL);
    assert_int_equal(bw_mem_lookup(rows, n, "pool_free", BW_MR_FREE, NULL)->dst, 1);
    assert_int_equal(bw_mem_lookup(rows, n, "obj_free", BW_MR_FREE, NULL)->dst, 0); /* default: the first */
    k = bw_mem_lookup(rows, n, "blob_copy", BW_MR_WRITE, NULL);
    assert_int_equal(k->dst, 0);
    assert_int_equal(k->len, 2);
    assert_int_equal(k->flags & BW_MF_STRING, 0);
    k = bw_mem_lookup(rows, n, "blob_copy", BW_MR_READ, NULL); /* a copy also reads its source */
    assert_int_equal(k->src, 1);
    assert_int_equal(k->len, 2);
    k = bw_mem_lookup(rows, n, "name_copy", BW_MR_WRITE, NULL);
    assert_true(k->flags & BW_MF_STRING);
    assert_null(bw_mem_lookup(rows, n, "name_copy", BW_MR_READ, NULL));
    assert_non_null(bw_mem_lookup(rows, n, "commit", BW_MR_CHECK, NULL));
    assert_non_null(bw_mem_lookup(rows, n, "xdup", BW_MR_NOFAIL, NULL));
    /* the built-in rows are still found behind the user's */
    assert_non_null(bw_mem_lookup(rows, n, "malloc", BW_MR_ALLOC, NULL));
    bw_free(rows);
    /* a session accepts it */
    bw_kdb *db = NULL;
    assert_int_equal(bw_kdb_new(cfg, &db, &err), BW_OK);
    bw_kdb_free(db);
    bw_config_free(cfg);
    /* no section, no rows */
    assert_int_equal(load_cfg("version: 1\n", &cfg, &err), BW_OK);
    assert_int_equal(bw_mem_config_rows(cfg, &rows, &n, &err), BW_OK);
    assert_null(rows);
    assert_int_equal(n, 0);
    bw_config_free(cfg);
}

static void expect_memory_error(const char *yaml, const char *needle)
{
    bw_config *cfg = NULL;
    bw_error err = {0};
    bw_status st = load_cfg(yaml, &cfg, &err);
    if (st == BW_OK)
        st = bw_memory_config_check(cfg, &err);
    assert_int_equal(st, BW_ERR_PARSE);
    if (strstr(err.message, needle) == NULL)
        fail_msg("expected '%s' in '%s'", needle, err.message);
    if (cfg != NULL) {
        bw_kdb *db = NULL;
        assert_int_equal(bw_kdb_new(cfg, &db, &err), BW_ERR_PARSE); /* a session refuses it too */
        assert_null(db);
    }
    bw_config_free(cfg);
}

static void test_memory_config_errors(void **state)
{
    (void)state;
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 1, colour: red}\n", "cfg.yaml:3:");
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 1, colour: red}\n",
                        "unknown key 'colour' in memory.allocators");
    expect_memory_error("memory:\n  allocators:\n    - {function: f}\n", "needs 'size'");
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 0}\n", "cfg.yaml:3:");
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 17}\n", "cfg.yaml:3:"); /* 16 arguments */
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 1, count: 1}\n", "different arguments");
    expect_memory_error("memory:\n  allocators:\n    - {function: f, size: 1, returns-null: maybe}\n", "cfg.yaml:3:");
    expect_memory_error("memory:\n  deallocators:\n    - {arg: 1}\n", "needs 'function'");
    expect_memory_error("memory:\n  deallocators:\n    - {function: f, arg: x}\n", "cfg.yaml:3:");
    expect_memory_error("memory:\n  copies:\n    - {function: f, src: 2, len: 3}\n", "needs 'dest'");
    expect_memory_error("memory:\n  copies:\n    - {function: f, dest: 1}\n", "needs 'len'");
    expect_memory_error("memory:\n  copies:\n    - {function: f, dest: 1, src: 1, len: 2}\n", "different arguments");
    expect_memory_error("memory:\n  copies:\n    - {function: f, dest: 1, src: 2, count: 3}\n", "give 'len' too");
    expect_memory_error("memory:\n  must-check:\n    - {function: f, arg: 1}\n", "unknown key 'arg' in memory.must-check");
    expect_memory_error("memory:\n  must-check:\n    - f\n", "must be a mapping with 'function'");
    expect_memory_error("memory:\n  cannot-fail:\n    - {function: ''}\n", "must not be empty");
    expect_memory_error("memory:\n  frees: []\n", "unknown key 'frees' in memory");
    expect_memory_error("memory:\n  copies: {function: f}\n", "memory.copies must be a list");
    expect_memory_error("memory: [1]\n", "'memory' must be a mapping");
    expect_memory_error("memory:\n  copies:\n    - {function: f, dest: 1, dest: 2, len: 3}\n", "duplicate key 'dest'");
}

/* ---- IR encoding and suppressions ------------------------------------------------ */

static bw_ir_tu *extract_text(const char *name, const char *text)
{
    write_file(tmpdir, name, text);
    CXIndex idx = clang_createIndex(0, 0);
    bw_ir_tu *tu = NULL;
    char *diags = NULL;
    bw_error err = {0};
    bw_status st = bw_extract_tu(idx, tmpdir, path_in(tmpdir, name), 0, NULL, NULL, 0, &tu, &diags, &err);
    clang_disposeIndex(idx);
    if (st != BW_OK)
        fail_msg("extract: %s %s", err.message, diags != NULL ? diags : "");
    bw_free(diags);
    return tu;
}

static void test_ir_roundtrip(void **state)
{
    (void)state;
    bw_ir_tu *tu = extract_text("x.c", "extern char *getenv(const char *);\n"
                                       "extern int system(const char *);\n"
                                       "struct s { const char *f; char a[4]; };\n"
                                       "static const struct s table[] = {{\"t\", \"u\"}};\n"
                                       "int g(int m) {\n"
                                       "  char buf[8]; buf[0] = 0;\n"
                                       "  struct s v; v.f = getenv(\"X\"); v.a[0] = buf[0];\n"
                                       "  if (m) { return system(v.f); }\n"
                                       "  for (int i = 0; i < m; i++) continue;\n"
                                       "  return 0; // bulwark-ignore(BW-CMD-INJECTION): test\n"
                                       "}\n");
    assert_int_equal(tu->nfuncs, 1);
    assert_int_equal(tu->nsupprs, 1);
    assert_true(tu->ndeps >= 1);
    assert_int_equal(tu->ninit, 2); /* table[]: s.f and s.a */
    bool array_place = false;
    for (uint32_t j = 0; j < tu->funcs[0].nplaces; j++)
        array_place |= (tu->funcs[0].places[j].flags & BW_PLACEF_ARRAY) != 0;
    assert_true(array_place); /* flags above 15 survive the encoding */
    bw_buf b = BW_BUF_INIT;
    assert_int_equal(bw_ir_encode(tu, &b), BW_OK);
    bw_ir_tu *back = NULL;
    bw_error err = {0};
    assert_int_equal(bw_ir_decode(b.data, b.len, &back, &err), BW_OK);
    bw_buf b2 = BW_BUF_INIT;
    assert_int_equal(bw_ir_encode(back, &b2), BW_OK);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    assert_int_equal(back->funcs[0].ninsns, tu->funcs[0].ninsns);
    assert_int_equal(back->ninit, tu->ninit);
    for (uint32_t j = 0; j < tu->funcs[0].nplaces; j++)
        assert_int_equal(back->funcs[0].places[j].flags, tu->funcs[0].places[j].flags);
    /* every truncation and a flipped header are refused, never crash */
    for (size_t cut = 0; cut < b.len; cut += 1 + b.len / 97) {
        bw_ir_tu *x = NULL;
        bw_status st = bw_ir_decode(b.data, cut, &x, &err);
        assert_true(st == BW_ERR_CORRUPT || st == BW_ERR_VERSION);
        assert_null(x);
    }
    b.data[0] = 'X';
    bw_ir_tu *x = NULL;
    assert_int_equal(bw_ir_decode(b.data, b.len, &x, &err), BW_ERR_CORRUPT);
    bw_buf_free(&b);
    bw_buf_free(&b2);
    bw_ir_tu_free(back);
    bw_ir_tu_free(tu);
}

static void test_suppression_parsing(void **state)
{
    (void)state;
    bw_ir_tu *tu = bw_ir_tu_new();
    assert_non_null(tu);
    uint32_t file = bw_ir_intern(tu, "/f.c");
    const char *text = "int a; // bulwark-ignore(BW-XSS): escaped by the template\n"
                       "/* bulwark-ignore(BW-SQL-INJECTION) */\n"
                       "const char *s = \"bulwark-ignore(BW-XSS): not a comment\";\n"
                       "// bulwark-ignore(BW-FORMAT-STRING):    \n";
    assert_true(bw_extract_suppressions(tu, file, text, strlen(text)));
    assert_int_equal(tu->nsupprs, 3);
    assert_string_equal(bw_ir_str(tu, tu->supprs[0].rule), "BW-XSS");
    assert_string_equal(bw_ir_str(tu, tu->supprs[0].reason), "escaped by the template");
    assert_int_equal(tu->supprs[0].loc.line, 1);
    assert_string_equal(bw_ir_str(tu, tu->supprs[1].rule), "BW-SQL-INJECTION");
    assert_int_equal(tu->supprs[1].reason, BW_NONE);
    assert_int_equal(tu->supprs[1].loc.line, 2);
    assert_int_equal(tu->supprs[2].reason, BW_NONE); /* blank reason is no reason */
    assert_int_equal(tu->supprs[2].loc.line, 4);
    bw_ir_tu_free(tu);
}

/* ---- cache ----------------------------------------------------------------------- */

static void test_cache(void **state)
{
    (void)state;
    bw_cache *c = NULL;
    bw_error err = {0};
    char *db = bw_strdup(path_in(tmpdir, "cache.db"));
    assert_int_equal(bw_cache_open(db, false, &c, &err), BW_OK);
    assert_int_equal(bw_cache_begin(c, &err), BW_OK);
    assert_int_equal(bw_cache_put(c, "k1", "/a.c", "/", "-DX=1'); DROP TABLE tu; --", "blob", 4, &err), BW_OK);
    assert_int_equal(bw_cache_commit(c, &err), BW_OK);
    void *blob = NULL;
    size_t len = 0;
    assert_int_equal(bw_cache_get(c, "k1", &blob, &len, &err), BW_OK);
    assert_int_equal(len, 4);
    assert_memory_equal(blob, "blob", 4);
    bw_free(blob);
    assert_int_equal(bw_cache_get(c, "nope", &blob, &len, &err), BW_ERR_NOT_FOUND);
    bw_cache_close(c);
    /* reopen: still there (the hostile args were data, not SQL) */
    assert_int_equal(bw_cache_open(db, true, &c, &err), BW_OK);
    assert_int_equal(bw_cache_get(c, "k1", &blob, &len, &err), BW_OK);
    bw_free(blob);
    bw_cache_close(c);
    /* a file that is not ours is refused and left alone */
    char *garbage = bw_strdup(path_in(tmpdir, "garbage.db"));
    write_file(tmpdir, "garbage.db", "this is not a database at all, not even close........");
    assert_int_equal(bw_cache_open(garbage, false, &c, &err), BW_ERR_CORRUPT);
    assert_null(c);
    FILE *f = fopen(garbage, "r");
    char buf[8];
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, 4, f), 4);
    assert_memory_equal(buf, "this", 4);
    fclose(f);
    bw_free(garbage);
    bw_free(db);
}

/* ---- sessions --------------------------------------------------------------------- */

static const char *const PROGRAM_A = "#include <stdlib.h>\n"
                                     "#include <stdio.h>\n"
                                     "int run(const char *c);\n"
                                     "int main(void) {\n"
                                     "  char cmd[64];\n"
                                     "  snprintf(cmd, sizeof cmd, \"ls %s\", getenv(\"D\"));\n"
                                     "  run(\"true\");\n"
                                     "  return run(cmd);\n"
                                     "}\n";
static const char *const PROGRAM_B = "#include <stdlib.h>\n"
                                     "int run(const char *c) { return system(c); }\n";

static void run_session(const char *cache, unsigned jobs, bw_findings *out, bw_session_stats *stats)
{
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    bw_check_options o;
    bw_check_options_init(&o);
    o.jobs = jobs;
    o.cache_path = cache;
    o.root = tmpdir;
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, &o, &s, &err), BW_OK);
    assert_int_equal(bw_session_add_compdb(s, tmpdir, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    bw_session_get_stats(s, stats);
    assert_int_equal(bw_session_take_findings(s, out, &err), BW_OK);
    bw_session_free(s);
    bw_config_free(cfg);
}

/* Checks tmpdir/name alone with the default config and no flags; the
 * caller frees *out with bw_findings_free. */
static void check_one(const char *name, bw_findings *out)
{
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, NULL, &s, &err), BW_OK);
    assert_int_equal(bw_session_add_tu(s, tmpdir, name, 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    assert_int_equal(bw_session_take_findings(s, out, &err), BW_OK);
    bw_session_free(s);
    bw_config_free(cfg);
}

static void write_compdb(void)
{
    char json[2048];
    snprintf(json, sizeof json,
             "[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-c\", \"a.c\", \"-o\", \"a.o\"]},\n"
             " {\"directory\": \"%s\", \"file\": \"b.c\", \"command\": \"cc -c b.c -o b.o\"}]\n",
             tmpdir, tmpdir);
    write_file(tmpdir, "compile_commands.json", json);
}

static void test_session_crossfile_cache_determinism(void **state)
{
    (void)state;
    write_file(tmpdir, "a.c", PROGRAM_A);
    write_file(tmpdir, "b.c", PROGRAM_B);
    write_compdb();
    char *cache = bw_strdup(path_in(tmpdir, "cache.db"));
    unlink(cache);
    bw_findings f1 = BW_FINDINGS_INIT, f2 = BW_FINDINGS_INIT, f3 = BW_FINDINGS_INIT;
    bw_session_stats s1, s2, s3;
    run_session(NULL, 1, &f1, &s1);
    run_session(cache, 2, &f2, &s2);
    run_session(cache, 2, &f3, &s3);
    assert_int_equal(s1.tus, 2);
    assert_int_equal(s1.parsed, 2);
    assert_int_equal(s2.from_cache, 0);
    assert_int_equal(s3.from_cache, 2); /* warm: nothing parsed */
    assert_int_equal(s3.parsed, 0);
    assert_false(s2.results_from_cache);
    assert_true(s3.results_from_cache); /* nothing changed: no analysis at all */
    assert_int_equal(f1.count, 1);
    const bw_finding *f = f1.items[0];
    assert_string_equal(f->rule_id, "BW-CMD-INJECTION");
    assert_string_equal(f->loc.file, "a.c");
    assert_int_equal(f->loc.line, 8); /* the caller's call: the flow goes through run() */
    assert_int_equal(f->severity, BW_SEV_ERROR);
    assert_true(f->step_count >= 3);
    assert_string_equal(f->steps[f->step_count - 1].loc.file, "b.c");
    assert_true(f->fingerprint[0] != '\0');
    /* same findings with -j1, -j2, cold and warm cache */
    assert_int_equal(f2.count, f1.count);
    assert_int_equal(f3.count, f1.count);
    for (size_t i = 0; i < f1.count; i++) {
        assert_string_equal(f1.items[i]->fingerprint, f2.items[i]->fingerprint);
        assert_string_equal(f1.items[i]->fingerprint, f3.items[i]->fingerprint);
        assert_string_equal(f1.items[i]->message, f3.items[i]->message);
        assert_int_equal(f1.items[i]->step_count, f3.items[i]->step_count);
    }
    /* an edit invalidates the cached TU */
    write_file(tmpdir, "b.c", "int run(const char *c) { (void)c; return 0; }\n");
    bw_findings f4 = BW_FINDINGS_INIT;
    bw_session_stats s4;
    run_session(cache, 2, &f4, &s4);
    assert_int_equal(s4.from_cache, 1);
    assert_int_equal(s4.parsed, 1);
    assert_false(s4.results_from_cache);
    assert_int_equal(f4.count, 0);
    bw_findings_free(&f1);
    bw_findings_free(&f2);
    bw_findings_free(&f3);
    bw_findings_free(&f4);
    bw_free(cache);
}

/* A header found through a relative include directory (the kernel's
 * -I./include) is stored as libclang spells it, "./inc/h.h": the warm run
 * must read it relative to the TU's directory, not the current one. */
static void test_session_cache_relative_include(void **state)
{
    (void)state;
    char sub[512], inc[600];
    snprintf(sub, sizeof sub, "%s/rel", tmpdir);
    snprintf(inc, sizeof inc, "%s/inc", sub);
    mkdir(sub, 0777);
    mkdir(inc, 0777);
    write_file(inc, "h.h", "static inline int twice(int x) { return 2 * x; }\n");
    write_file(sub, "r.c", "#include \"h.h\"\nint f(int x) { return twice(x); }\n");
    char json[2048];
    snprintf(json, sizeof json,
             "[{\"directory\": \"%s\", \"file\": \"r.c\", \"arguments\": [\"cc\", \"-I./inc\", \"-c\", \"r.c\"]}]\n",
             sub);
    write_file(sub, "compile_commands.json", json);
    char *cache = bw_path_join(sub, "cache.db");
    assert_non_null(cache);
    unlink(cache);
    bw_session_stats st[3];
    for (int run = 0; run < 3; run++) {
        if (run == 2) /* an edit of the header invalidates the TU */
            write_file(inc, "h.h", "static inline int twice(int x) { return x + x; }\n");
        bw_config *cfg = NULL;
        bw_error err = {0};
        assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
        bw_check_options o;
        bw_check_options_init(&o);
        o.jobs = 1;
        o.cache_path = cache;
        o.root = sub;
        bw_session *s = NULL;
        assert_int_equal(bw_session_new(cfg, &o, &s, &err), BW_OK);
        assert_int_equal(bw_session_add_compdb(s, sub, &err), BW_OK);
        assert_int_equal(bw_session_run(s, &err), BW_OK);
        bw_session_get_stats(s, &st[run]);
        bw_session_free(s);
        bw_config_free(cfg);
    }
    assert_int_equal(st[0].parsed, 1);
    assert_int_equal(st[1].from_cache, 1); /* warm: nothing parsed */
    assert_int_equal(st[1].parsed, 0);
    assert_true(st[1].results_from_cache);
    assert_int_equal(st[2].parsed, 1);
    assert_int_equal(st[2].from_cache, 0);
    bw_free(cache);
}

static void test_session_errors(void **state)
{
    (void)state;
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, NULL, &s, &err), BW_OK);
    /* missing database */
    unlink(path_in(tmpdir, "compile_commands.json"));
    assert_int_equal(bw_session_add_compdb(s, tmpdir, &err), BW_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "compile_commands.json"));
    /* malformed: line and column */
    write_file(tmpdir, "compile_commands.json", "[\n  {\"directory\": \"/\",\n   \"file\": \"a.c\" \"command\": 1}\n]\n");
    assert_int_equal(bw_session_add_compdb(s, tmpdir, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "compile_commands.json:3:"));
    write_file(tmpdir, "compile_commands.json", "[{\"file\": \"a.c\"}]");
    assert_int_equal(bw_session_add_compdb(s, tmpdir, &err), BW_ERR_PARSE);
    assert_non_null(strstr(err.message, "entry 1"));
    /* a TU that does not compile is skipped with clang's own words */
    write_file(tmpdir, "bad.c", "int main(void) { return undeclared_thing; }\n");
    write_file(tmpdir, "a.c", PROGRAM_A);
    assert_int_equal(bw_session_add_tu(s, tmpdir, "bad.c", 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_add_tu(s, tmpdir, "a.c", 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    bw_session_stats st;
    bw_session_get_stats(s, &st);
    assert_int_equal(st.failed, 1);
    const bw_tu_problem *p = bw_session_problem(s, 0);
    assert_non_null(p);
    assert_non_null(strstr(p->file, "bad.c"));
    assert_non_null(strstr(p->diagnostics, "undeclared_thing"));
    assert_null(bw_session_problem(s, 1));
    /* a.c still analysed: run() is unknown here, so nothing wraps a sink */
    assert_int_equal(bw_session_findings(s)->count, 0);
    bw_session_free(s);
    /* a command naming no source */
    assert_int_equal(bw_session_new(cfg, NULL, &s, &err), BW_OK);
    const char *argv[] = {"cc", "-c", "-o", "x.o"};
    assert_int_equal(bw_session_add_command(s, tmpdir, 4, argv, &err), BW_ERR_USAGE);
    bw_session_free(s);
    bw_config_free(cfg);
}

/* The default config and options for runs of tmpdir with a new summary
 * cache `name` there (removed first); returns the cache's path to free. */
static char *new_cache_options(const char *name, bw_config **cfg, bw_check_options *o)
{
    char *cache = bw_strdup(path_in(tmpdir, name));
    assert_non_null(cache);
    unlink(cache);
    bw_error err = {0};
    assert_int_equal(bw_config_default(cfg, &err), BW_OK);
    bw_check_options_init(o);
    o->cache_path = cache;
    o->root = tmpdir;
    return cache;
}

static void test_check_tu_wrapper_api(void **state)
{
    (void)state;
    /* the compiler wrapper: one TU's argv; context from the cache */
    write_file(tmpdir, "a.c", PROGRAM_A);
    write_file(tmpdir, "b.c", PROGRAM_B);
    bw_config *cfg = NULL;
    bw_error err = {0};
    bw_check_options o;
    char *cache = new_cache_options("cache.db", &cfg, &o);
    const char *argv_b[] = {"clang", "-c", "b.c", "-o", "b.o", "-MD", "-MF", "b.d", "-Wp,-MMD,b.wp.d"};
    const char *argv_a[] = {"clang", "-O2", "-c", "a.c", "-o", "a.o"};
    bw_findings fb = BW_FINDINGS_INIT, fa = BW_FINDINGS_INIT;
    bw_loosenings l = BW_LOOSENINGS_INIT;
    assert_int_equal(bw_check_tu(cfg, tmpdir, 9, argv_b, &o, &fb, &l, &err), BW_OK);
    /* alone, nobody calls run(): its parameter has unknown origin */
    assert_int_equal(fb.count, 1);
    assert_int_equal(fb.items[0]->severity, BW_SEV_WARNING);
    assert_string_equal(fb.items[0]->loc.file, "b.c");
    assert_false(bw_path_exists(path_in(tmpdir, "b.d"))); /* dependency flags were dropped */
    assert_false(bw_path_exists(path_in(tmpdir, "b.wp.d"))); /* also Kbuild's -Wp,-MMD,<file> */
    assert_int_equal(bw_check_tu(cfg, tmpdir, 6, argv_a, &o, &fa, &l, &err), BW_OK);
    assert_int_equal(fa.count, 1); /* b.c's summary came from the cache */
    assert_string_equal(fa.items[0]->loc.file, "a.c");
    bw_findings_free(&fa);
    bw_findings_free(&fb);
    bw_loosenings_free(&l);
    bw_config_free(cfg);
    bw_free(cache);
}

/* Context for one TU (the compiler wrapper): the cached TUs defining what
 * it calls, or sharing one of the program's globals — not every TU that
 * also prints to stderr (a system header's global links nothing). */
static void test_context_skips_system_globals(void **state)
{
    (void)state;
    write_file(tmpdir, "ctx_main.c",
               "#include <stdio.h>\n"
               "int shared_count;\n"
               "void helper(const char *s);\n"
               "int main(void) { fputs(\"main\\n\", stderr); helper(\"x\"); return shared_count; }\n");
    write_file(tmpdir, "ctx_helper.c", "void helper(const char *s) { (void)s; }\n");
    write_file(tmpdir, "ctx_counter.c", "extern int shared_count;\nvoid bump(void) { shared_count++; }\n");
    write_file(tmpdir, "ctx_logger.c",
               "#include <stdio.h>\nvoid log_line(const char *m) { fputs(m, stderr); fputs(\"\\n\", stdout); }\n");
    bw_config *cfg = NULL;
    bw_error err = {0};
    bw_check_options o;
    char *cache = new_cache_options("ctx-cache.db", &cfg, &o);
    /* fill the cache with all four */
    static const char *const files[] = {"ctx_main.c", "ctx_helper.c", "ctx_counter.c", "ctx_logger.c"};
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, &o, &s, &err), BW_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(bw_session_add_tu(s, tmpdir, files[i], 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    bw_session_free(s);
    /* one TU and its related context: the callee's TU and the global's,
     * not the logger that only shares stderr */
    assert_int_equal(bw_session_new(cfg, &o, &s, &err), BW_OK);
    assert_int_equal(bw_session_add_tu(s, tmpdir, "ctx_main.c", 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_parse(s, &err), BW_OK);
    assert_int_equal(bw_session_add_related_cached_tus(s, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    bw_session_stats ss;
    bw_session_get_stats(s, &ss);
    assert_int_equal(ss.tus, 3);
    bw_session_free(s);
    bw_config_free(cfg);
    bw_free(cache);
}

/* A value that is both untrusted (the caller's argument) and of unknown
 * origin (the callee's own path) is reported as untrusted and explained by
 * the untrusted path: the flow starts at the source, not at the unknown
 * parameter the callee's summary happened to record. */
static void test_flow_explains_worst_origin(void **state)
{
    (void)state;
    write_file(tmpdir, "worst.c",
               "#include <stdio.h>\n"
               "#include <stdlib.h>\n"
               "static char *last;\n"
               "void set_last(char *s) { last = s; }\n"
               "char *fetch(char *a) { return a[0] ? last : a; }\n"
               "int main(void)\n"
               "{\n"
               "    char cmd[64];\n"
               "    snprintf(cmd, sizeof cmd, \"ls %s\", fetch(getenv(\"DIR\")));\n"
               "    return system(cmd);\n"
               "}\n");
    bw_findings all = BW_FINDINGS_INIT;
    check_one("worst.c", &all);
    const bw_findings *f = &all;
    size_t cmd = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (strcmp(f->items[i]->rule_id, "BW-CMD-INJECTION") != 0)
            continue;
        cmd++;
        assert_int_equal(f->items[i]->severity, BW_SEV_ERROR);
        assert_true(f->items[i]->step_count > 0);
        assert_non_null(strstr(f->items[i]->steps[0].message, "getenv"));
    }
    assert_int_equal(cmd, 1);
    bw_findings_free(&all);
}

/* A flow longer than the steps kept per value still ends at its sink: the
 * first steps and the sink are what a reader needs, and findings of the same
 * call are merged by their sink. */
static void test_long_flow_ends_at_sink(void **state)
{
    (void)state;
    char src[4096];
    /* the long part inside the callee: its summary's flow is what gets cut */
    size_t n = (size_t)snprintf(src, sizeof src, "#include <stdlib.h>\nstatic int run(const char *v0)\n{\n");
    for (int k = 1; k <= 40; k++)
        n += (size_t)snprintf(src + n, sizeof src - n, "    const char *v%d = v%d;\n", k, k - 1);
    snprintf(src + n, sizeof src - n, "    return system(v40);\n}\nint main(void) { return run(getenv(\"X\")); }\n");
    write_file(tmpdir, "longflow.c", src);
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, NULL, &s, &err), BW_OK);
    assert_int_equal(bw_session_add_tu(s, tmpdir, "longflow.c", 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    const bw_findings *f = bw_session_findings(s);
    assert_int_equal(f->count, 1);
    const bw_finding *x = f->items[0];
    assert_string_equal(x->rule_id, "BW-CMD-INJECTION");
    assert_true(x->step_count > 2);
    assert_non_null(strstr(x->steps[0].message, "getenv"));
    assert_int_equal(x->loc.line, 46); /* at main's call of run() */
    assert_non_null(strstr(x->steps[x->step_count - 1].message, "reaches system()"));
    bw_session_free(s);
    bw_config_free(cfg);
}

/* The per-TU time limit: a TU whose parsing and lowering take longer is
 * skipped and says why (any real parse takes longer than a microsecond). */
static void test_time_limit_skips_tu(void **state)
{
    (void)state;
    write_file(tmpdir, "slow.c", "#include <stdlib.h>\nint main(void) { return system(getenv(\"X\")); }\n");
    bw_config *cfg = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    bw_check_options o;
    bw_check_options_init(&o);
    o.time_limit = 1e-6;
    o.cache_path = NULL;
    bw_session *s = NULL;
    assert_int_equal(bw_session_new(cfg, &o, &s, &err), BW_OK);
    assert_int_equal(bw_session_add_tu(s, tmpdir, "slow.c", 0, NULL, &err), BW_OK);
    assert_int_equal(bw_session_run(s, &err), BW_OK);
    bw_session_stats ss;
    bw_session_get_stats(s, &ss);
    assert_int_equal(ss.failed, 1);
    const bw_tu_problem *p = bw_session_problem(s, 0);
    assert_non_null(p);
    assert_int_equal(p->why, BW_TU_TIME_LIMIT);
    assert_non_null(strstr(p->diagnostics, "time limit"));
    assert_int_equal(bw_session_findings(s)->count, 0);
    bw_session_free(s);
    bw_config_free(cfg);
}

/* The whole-program limit: an analysis that runs past it stops with
 * BW_ERR_TOOL instead of finishing (the same program finishes without). */
static void test_time_limit_stops_analysis(void **state)
{
    (void)state;
    bw_ir_tu *tu = extract_text("limit.c", "#include <stdlib.h>\n"
                                           "static int run(const char *c) { return system(c); }\n"
                                           "int main(void) { return run(getenv(\"X\")); }\n");
    bw_config *cfg = NULL;
    bw_kdb *kdb = NULL;
    bw_error err = {0};
    assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
    assert_int_equal(bw_kdb_new(cfg, &kdb, &err), BW_OK);
    for (int limited = 0; limited < 2; limited++) {
        bw_program *p = bw_program_new(cfg, kdb, tmpdir, NULL, NULL);
        assert_non_null(p);
        assert_true(bw_program_add_tu(p, tu, true));
        if (limited)
            bw_program_set_time_limit(p, 1e-9);
        bw_findings out = {0};
        bw_loosenings loos = {0};
        bw_status st = bw_program_run(p, &out, &loos, NULL, NULL, &err);
        if (limited) {
            assert_int_equal(st, BW_ERR_TOOL);
            assert_non_null(strstr(err.message, "time limit"));
        } else {
            assert_int_equal(st, BW_OK);
            assert_int_equal(out.count, 1);
        }
        bw_findings_free(&out);
        bw_loosenings_free(&loos);
        bw_program_free(p);
    }
    bw_kdb_free(kdb);
    bw_config_free(cfg);
    bw_ir_tu_free(tu);
}

/* _FORTIFY_SOURCE: findings name printf(), not __printf_chk(); the fix hint
 * is the call as written, with the format argument's own text. */
static void test_format_fix_hint_source_text(void **state)
{
    (void)state;
    write_file(tmpdir, "fmt.c",
               "#include <stdio.h>\n"
               "int main(int argc, char **v)\n"
               "{\n"
               "    char buf[64];\n"
               "    printf(v[1]);\n"
               "    snprintf(buf, sizeof buf, v[argc - 1]);\n"
               "    fprintf(stderr, v[2]);\n"
               "    return buf[0];\n"
               "}\n");
    static const char *const flagsets[2][2] = {{"-O2", "-D_FORTIFY_SOURCE=2"}, {"-O0", "-U_FORTIFY_SOURCE"}};
    for (int fs = 0; fs < 2; fs++) {
        bw_config *cfg = NULL;
        bw_error err = {0};
        assert_int_equal(bw_config_default(&cfg, &err), BW_OK);
        bw_session *s = NULL;
        assert_int_equal(bw_session_new(cfg, NULL, &s, &err), BW_OK);
        assert_int_equal(bw_session_add_tu(s, tmpdir, "fmt.c", 2, flagsets[fs], &err), BW_OK);
        assert_int_equal(bw_session_run(s, &err), BW_OK);
        const bw_findings *f = bw_session_findings(s);
        static const char *const want[][2] = {
            {"format string of printf()", "printf(\"%s\", v[1])"},
            {"format string of snprintf()", "snprintf(buf, sizeof buf, \"%s\", v[argc - 1])"},
            {"format string of fprintf()", "fprintf(stderr, \"%s\", v[2])"},
        };
        size_t seen = 0;
        for (size_t i = 0; i < f->count; i++) {
            if (strcmp(f->items[i]->rule_id, "BW-FORMAT-STRING") != 0)
                continue;
            assert_true(seen < 3);
            assert_non_null(strstr(f->items[i]->message, want[seen][0]));
            assert_non_null(f->items[i]->fix_hint);
            assert_non_null(strstr(f->items[i]->fix_hint, want[seen][1]));
            assert_null(strstr(f->items[i]->fix_hint, "_chk"));
            seen++;
        }
        assert_int_equal(seen, 3);
        bw_session_free(s);
        bw_config_free(cfg);
    }
    unlink(path_in(tmpdir, "fmt.c"));
}

/* A wrapper reached through its own format parameter gets the literal
 * format at the call; one whose other argument becomes a format inside it
 * (a name formatted once, then used as a format: Linux's bdi_register_va)
 * is told so, and the fix is inside it. */
static void test_format_wrapper_messages(void **state)
{
    (void)state;
    write_file(tmpdir, "fmtw.c",
               "#include <stdarg.h>\n"
               "#include <stdio.h>\n"
               "#include <stdlib.h>\n"
               "struct dev { char name[32]; };\n"
               "void say(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vprintf(fmt, ap); va_end(ap); }\n"
               "void announce(struct dev *d) { printf(d->name); }\n"
               "int main(void)\n"
               "{\n"
               "    struct dev d;\n"
               "    snprintf(d.name, sizeof d.name, \"%s\", getenv(\"NAME\"));\n"
               "    say(getenv(\"GREETING\"));\n"
               "    announce(&d);\n"
               "    return 0;\n"
               "}\n");
    bw_findings all = BW_FINDINGS_INIT;
    check_one("fmtw.c", &all);
    const bw_findings *f = &all;
    bool own = false, other = false;
    for (size_t i = 0; i < f->count; i++) {
        const bw_finding *x = f->items[i];
        if (strcmp(x->rule_id, "BW-FORMAT-STRING") != 0)
            continue;
        if (x->loc.line == 11) {
            assert_non_null(strstr(x->message, "format string of say() comes from untrusted data"));
            assert_non_null(strstr(x->fix_hint, "say(\"%s\""));
            own = true;
        } else if (x->loc.line == 12) {
            assert_non_null(strstr(x->message, "untrusted data reaches announce(), which uses it as a format string"));
            assert_non_null(strstr(x->fix_hint, "inside announce()"));
            other = true;
        }
    }
    assert_true(own);
    assert_true(other);
    bw_findings_free(&all);
    unlink(path_in(tmpdir, "fmtw.c"));
}

/* cursor_map: every reference to a declaration finds the one entry made
 * for it (the lowerings' var_key/var_place caches rely on that), growth
 * keeps every entry, clear empties the map. */
struct cursor_walk {
    bw_cursor_map refs;  /* referenced declaration -> its first reference's number */
    bw_cursor_map every; /* each cursor of the file -> its visit number */
    uint32_t nrefs, nvisits, nsame;
};

static enum CXChildVisitResult cursor_walk_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cursor_walk *w = data;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    assert_true(bw_cursor_map_put(&w->every, c, w->nvisits++));
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        uint32_t first;
        if (bw_cursor_map_get(&w->refs, d, &first))
            w->nsame++;
        else
            assert_true(bw_cursor_map_put(&w->refs, d, w->nrefs));
        w->nrefs++;
    }
    return CXChildVisit_Recurse;
}

static void test_cursor_map(void **state)
{
    (void)state;
    /* enough declarations to grow the map past its first 256 slots */
    char src[16384];
    size_t n = (size_t)snprintf(src, sizeof src, "int g;\nint f(int a)\n{\n    int x = a;\n    x = x + g + a;\n");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(src + n, sizeof src - n, "    int v%d = x + %d;\n    x = v%d;\n", i, i, i);
    snprintf(src + n, sizeof src - n, "    return x;\n}\n");
    write_file(tmpdir, "cmap.c", src);
    CXIndex idx = clang_createIndex(0, 0);
    CXTranslationUnit tu = clang_parseTranslationUnit(idx, path_in(tmpdir, "cmap.c"), NULL, 0, NULL, 0, 0);
    assert_non_null(tu);
    struct cursor_walk w = {BW_CURSOR_MAP_INIT, BW_CURSOR_MAP_INIT, 0, 0, 0};
    clang_visitChildren(clang_getTranslationUnitCursor(tu), cursor_walk_visit, &w);
    /* a, x, g and the 200 v's are referenced: one entry each */
    assert_int_equal(w.refs.count, 203);
    assert_int_equal(w.nsame, w.nrefs - 203);
    assert_true(w.every.count == w.nvisits && w.nvisits > 512);
    bw_cursor_map_clear(&w.refs);
    assert_int_equal(w.refs.count, 0);
    uint32_t v;
    assert_false(bw_cursor_map_get(&w.refs, clang_getTranslationUnitCursor(tu), &v));
    bw_cursor_map_free(&w.refs);
    bw_cursor_map_free(&w.every);
    bw_cursor_map_free(NULL);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(idx);
    unlink(path_in(tmpdir, "cmap.c"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_taint_config_valid),
        cmocka_unit_test(test_taint_config_errors),
        cmocka_unit_test(test_memory_config_valid),
        cmocka_unit_test(test_memory_config_errors),
        cmocka_unit_test(test_ir_roundtrip),
        cmocka_unit_test(test_suppression_parsing),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_session_crossfile_cache_determinism),
        cmocka_unit_test(test_session_cache_relative_include),
        cmocka_unit_test(test_session_errors),
        cmocka_unit_test(test_check_tu_wrapper_api),
        cmocka_unit_test(test_format_fix_hint_source_text),
        cmocka_unit_test(test_format_wrapper_messages),
        cmocka_unit_test(test_flow_explains_worst_origin),
        cmocka_unit_test(test_long_flow_ends_at_sink),
        cmocka_unit_test(test_time_limit_skips_tu),
        cmocka_unit_test(test_context_skips_system_globals),
        cmocka_unit_test(test_time_limit_stops_analysis),
        cmocka_unit_test(test_cursor_map),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
