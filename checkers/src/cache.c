/*
 * cache.c — see cache.h.
 */
#include "cache.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/sqlite_wal.h"

#define SCHEMA_ID "bulwark-summary-cache-1"
#define WAL_WAIT_SECONDS 60.0 /* as the compiler wrapper's own conversion (wrapper/src/databases.c) */

struct bw_cache {
    sqlite3 *db;
    sqlite3_stmt *get, *put;
    bool read_only;
    bool bulk; /* between bw_cache_bulk_start and _end: indexes dropped, no DELETE needed */
};

/* The indexes of the symbol and dependency tables: created with the cache,
 * and again after a bulk load (the same text, so the same schema). */
#define SYM_DEP_INDEXES                                                                                        \
    "CREATE INDEX IF NOT EXISTS sym_usr ON sym(usr, role);"                                                   \
    "CREATE INDEX IF NOT EXISTS sym_tu ON sym(tu, role);"                                                     \
    "CREATE INDEX IF NOT EXISTS dep_tu ON dep(tu);"

static bw_status db_error(bw_cache *c, bw_error *err, const char *what)
{
    return bw_error_set(err, BW_ERR_DB, "summary cache: %s: %s", what, sqlite3_errmsg(c->db));
}

static bw_status exec(bw_cache *c, const char *sql, bw_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        bw_status st = bw_error_set(err, BW_ERR_DB, "summary cache: %s", msg != NULL ? msg : "error");
        sqlite3_free(msg);
        return st;
    }
    return BW_OK;
}

static bool make_dirs(const char *path)
{
    char *dir = bw_path_dirname(path);
    if (dir == NULL)
        return false;
    bool ok = true;
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                ok = false;
            *p = '/';
        }
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        ok = false;
    bw_free(dir);
    return ok;
}

void bw_cache_close(bw_cache *c)
{
    if (c == NULL)
        return;
    sqlite3_finalize(c->get);
    sqlite3_finalize(c->put);
    sqlite3_close(c->db);
    bw_free(c);
}

bw_status bw_cache_open(const char *path, bool read_only, bw_cache **out, bw_error *err)
{
    *out = NULL;
    bw_cache *c = bw_calloc(1, sizeof(*c));
    if (c == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    c->read_only = read_only;
    bw_status st = BW_OK;
    if (!read_only && !bw_path_exists(path) && !make_dirs(path)) {
        bw_free(c);
        return bw_error_set(err, BW_ERR_IO, "summary cache: cannot create the directory for %s: %s", path,
                            strerror(errno));
    }
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        st = bw_error_set(err, BW_ERR_DB, "summary cache %s: %s", path,
                          c->db != NULL ? sqlite3_errmsg(c->db) : "cannot open");
        goto fail;
    }
    sqlite3_busy_timeout(c->db, 10000);
    /* Is it ours?  An existing database must have our meta row. */
    {
        sqlite3_stmt *q = NULL;
        int rc = sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_master", -1, &q, NULL);
        if (rc != SQLITE_OK) {
            st = bw_error_set(err, rc == SQLITE_NOTADB ? BW_ERR_CORRUPT : BW_ERR_DB,
                              "summary cache %s is not a Bulwark cache (%s); move it away or pass --no-cache",
                              path, sqlite3_errmsg(c->db));
            sqlite3_finalize(q);
            goto fail;
        }
        rc = sqlite3_step(q);
        if (rc != SQLITE_ROW) {
            st = bw_error_set(err, rc == SQLITE_NOTADB ? BW_ERR_CORRUPT : BW_ERR_DB,
                              "summary cache %s is not a Bulwark cache (%s); move it away or pass --no-cache",
                              path, sqlite3_errmsg(c->db));
            sqlite3_finalize(q);
            goto fail;
        }
        int tables = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
        if (tables > 0) {
            rc = sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &q, NULL);
            bool ours = rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW &&
                        sqlite3_column_text(q, 0) != NULL &&
                        strcmp((const char *)sqlite3_column_text(q, 0), SCHEMA_ID) == 0;
            sqlite3_finalize(q);
            if (!ours) {
                st = bw_error_set(err, BW_ERR_CORRUPT,
                                  "summary cache %s exists but is not a Bulwark summary cache of this version; "
                                  "move it away or pass --no-cache",
                                  path);
                goto fail;
            }
        } else if (read_only) {
            st = bw_error_set(err, BW_ERR_NOT_FOUND, "summary cache %s is empty", path);
            goto fail;
        }
    }
    if (!read_only) {
        /* two runs opening one new cache at once: the conversion waits for
         * the other's lock (SQLite's busy timeout does not cover it) */
        bw_buf name = BW_BUF_INIT;
        bw_buf_printf(&name, "summary cache %s", path);
        st = bw_sqlite_set_wal(c->db, name.data != NULL ? name.data : "summary cache", WAL_WAIT_SECONDS, err);
        bw_buf_free(&name);
        if (st != BW_OK || (st = exec(c, "PRAGMA synchronous=NORMAL;", err)) != BW_OK)
            goto fail;
        st = exec(c,
                  "BEGIN IMMEDIATE;"
                  "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                  "INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '" SCHEMA_ID "');"
                  "CREATE TABLE IF NOT EXISTS tu(key TEXT PRIMARY KEY, file TEXT NOT NULL, directory TEXT,"
                  " args TEXT NOT NULL, ir BLOB NOT NULL, updated INTEGER NOT NULL);"
                  "CREATE INDEX IF NOT EXISTS tu_file ON tu(file, updated);"
                  "CREATE TABLE IF NOT EXISTS result(key TEXT PRIMARY KEY, findings TEXT NOT NULL,"
                  " updated INTEGER NOT NULL);"
                  /* what each TU defines, calls and which globals it mentions
                   * (added after schema 1 was released: a TU without rows
                   * here is an older one and is always context) */
                  "CREATE TABLE IF NOT EXISTS sym(tu TEXT NOT NULL, usr TEXT NOT NULL, role INTEGER NOT NULL);"
                  /* each TU's files and content hashes, readable without
                   * decoding its IR (a warm run checks only these) */
                  "CREATE TABLE IF NOT EXISTS dep(tu TEXT NOT NULL, path TEXT NOT NULL, hash INTEGER NOT NULL);"
                  SYM_DEP_INDEXES
                  "COMMIT;",
                  err);
        if (st != BW_OK) {
            exec(c, "ROLLBACK", NULL);
            goto fail;
        }
        if (sqlite3_prepare_v2(c->db,
                               "INSERT OR REPLACE INTO tu(key, file, directory, args, ir, updated) "
                               "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                               -1, &c->put, NULL) != SQLITE_OK) {
            st = db_error(c, err, "prepare");
            goto fail;
        }
    }
    if (sqlite3_prepare_v2(c->db, "SELECT ir FROM tu WHERE key = ?1", -1, &c->get, NULL) != SQLITE_OK) {
        st = db_error(c, err, "prepare");
        goto fail;
    }
    *out = c;
    return BW_OK;
fail:
    bw_cache_close(c);
    return st;
}

bw_status bw_cache_get(bw_cache *c, const char *key, void **blob, size_t *len, bw_error *err)
{
    *blob = NULL;
    *len = 0;
    sqlite3_reset(c->get);
    int rc = sqlite3_bind_text(c->get, 1, key, -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) /* would look up NULL: a miss that is not one */
        return bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: read: %s",
                            sqlite3_errstr(rc));
    rc = sqlite3_step(c->get);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(c->get);
        return BW_ERR_NOT_FOUND;
    }
    if (rc != SQLITE_ROW) {
        bw_status st = db_error(c, err, "read");
        sqlite3_reset(c->get);
        return st;
    }
    int n = sqlite3_column_bytes(c->get, 0);
    const void *p = sqlite3_column_blob(c->get, 0);
    *blob = bw_malloc(n > 0 ? (size_t)n : 1);
    if (*blob == NULL) {
        sqlite3_reset(c->get);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    if (n > 0)
        memcpy(*blob, p, (size_t)n);
    *len = (size_t)n;
    sqlite3_reset(c->get);
    return BW_OK;
}

bw_status bw_cache_begin(bw_cache *c, bw_error *err) { return exec(c, "BEGIN IMMEDIATE", err); }

bw_status bw_cache_bulk_start(bw_cache *c, bw_error *err)
{
    if (c->read_only || c->bulk)
        return BW_OK;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT EXISTS(SELECT 1 FROM sym) OR EXISTS(SELECT 1 FROM dep)", -1, &q, NULL) !=
        SQLITE_OK)
        return db_error(c, err, "prepare");
    int rc = sqlite3_step(q);
    bool empty = rc == SQLITE_ROW && sqlite3_column_int(q, 0) == 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return db_error(c, err, "read");
    if (!empty)
        return BW_OK;
    bw_status st = exec(c, "DROP INDEX sym_usr; DROP INDEX sym_tu; DROP INDEX dep_tu;", err);
    if (st == BW_OK)
        c->bulk = true;
    return st;
}

bw_status bw_cache_bulk_end(bw_cache *c, bw_error *err)
{
    if (!c->bulk)
        return BW_OK;
    c->bulk = false;
    return exec(c, SYM_DEP_INDEXES, err);
}
bw_status bw_cache_commit(bw_cache *c, bw_error *err)
{
    bw_status st = bw_cache_bulk_end(c, err); /* never commit a schema without its indexes */
    return st == BW_OK ? exec(c, "COMMIT", err) : st;
}

void bw_cache_rollback(bw_cache *c)
{
    c->bulk = false; /* the rollback brings the dropped indexes back */
    exec(c, "ROLLBACK", NULL);
}

bw_status bw_cache_put(bw_cache *c, const char *key, const char *file, const char *directory, const char *args,
                       const void *blob, size_t len, bw_error *err)
{
    if (c->put == NULL)
        return BW_OK;
    sqlite3_reset(c->put);
    /* A bind that fails (no memory for the copy) leaves its parameter NULL:
     * stepping anyway would store a row without a key or IR. */
    int rc = sqlite3_bind_text(c->put, 1, key, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(c->put, 2, file, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = directory != NULL ? sqlite3_bind_text(c->put, 3, directory, -1, SQLITE_TRANSIENT)
                               : sqlite3_bind_null(c->put, 3);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(c->put, 4, args, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_blob64(c->put, 5, blob, len, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(c->put, 6, (sqlite3_int64)time(NULL));
    if (rc != SQLITE_OK) {
        sqlite3_clear_bindings(c->put);
        return bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: write: %s",
                            sqlite3_errstr(rc));
    }
    rc = sqlite3_step(c->put);
    sqlite3_reset(c->put);
    if (rc != SQLITE_DONE)
        return db_error(c, err, "write");
    return BW_OK;
}

bw_status bw_cache_each(bw_cache *c, bw_cache_row_fn fn, void *ctx, bw_error *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT key, file, directory, args FROM tu t WHERE updated = "
                           "(SELECT max(updated) FROM tu u WHERE u.file = t.file) ORDER BY file, key",
                           -1, &q, NULL) != SQLITE_OK)
        return db_error(c, err, "list");
    bw_status st = BW_OK;
    const char *last = NULL;
    char *lastbuf = NULL;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(q, 0);
        const char *file = (const char *)sqlite3_column_text(q, 1);
        const char *dir = (const char *)sqlite3_column_text(q, 2);
        const char *args = (const char *)sqlite3_column_text(q, 3);
        if (key == NULL || file == NULL || args == NULL)
            continue;
        if (last != NULL && strcmp(last, file) == 0)
            continue;
        bw_free(lastbuf);
        lastbuf = bw_strdup(file);
        last = lastbuf;
        if (!fn(ctx, key, file, dir, args)) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            break;
        }
    }
    if (st == BW_OK && rc != SQLITE_DONE)
        st = db_error(c, err, "list");
    bw_free(lastbuf);
    sqlite3_finalize(q);
    return st;
}

bw_status bw_cache_get_result(bw_cache *c, const char *key, char **text, bw_error *err)
{
    *text = NULL;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT findings FROM result WHERE key = ?1", -1, &q, NULL) != SQLITE_OK) {
        /* an older cache without the table: nothing stored */
        sqlite3_finalize(q);
        return BW_ERR_NOT_FOUND;
    }
    int rc = sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(q);
        return bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: read result: %s",
                            sqlite3_errstr(rc));
    }
    rc = sqlite3_step(q);
    bw_status st = BW_ERR_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        *text = bw_strdup(t != NULL ? t : "");
        st = *text != NULL ? BW_OK : bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    } else if (rc != SQLITE_DONE) {
        st = db_error(c, err, "read result");
    }
    sqlite3_finalize(q);
    return st;
}

bw_status bw_cache_put_result(bw_cache *c, const char *key, const char *text, bw_error *err)
{
    if (c->read_only)
        return BW_OK;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT OR REPLACE INTO result(key, findings, updated) VALUES(?1, ?2, ?3)", -1, &q,
                           NULL) != SQLITE_OK)
        return db_error(c, err, "prepare");
    int rc = sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(q, 3, (sqlite3_int64)time(NULL));
    if (rc != SQLITE_OK) { /* would store a result without a key or findings */
        sqlite3_finalize(q);
        return bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: write result: %s",
                            sqlite3_errstr(rc));
    }
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return db_error(c, err, "write result");
    /* keep the table small: results are only useful for the newest state */
    sqlite3_exec(c->db, "DELETE FROM result WHERE key NOT IN (SELECT key FROM result ORDER BY updated DESC LIMIT 16)",
                 NULL, NULL, NULL);
    return BW_OK;
}

/* Replaces the rows of TU `key` in a (tu, text, number) table: the
 * statements name the table, `what` the error message. */
static bw_status replace_rows(bw_cache *c, const char *del_sql, const char *ins_sql, const char *key,
                              const bw_cache_pair *rows, size_t n, const char *what, bw_error *err)
{
    if (c->read_only)
        return BW_OK;
    sqlite3_stmt *del = NULL, *ins = NULL;
    bw_status st = BW_OK;
    if (sqlite3_prepare_v2(c->db, del_sql, -1, &del, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, ins_sql, -1, &ins, NULL) != SQLITE_OK) {
        st = db_error(c, err, "prepare");
        goto out;
    }
    int rc = sqlite3_bind_text(del, 1, key, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK && !c->bulk && sqlite3_step(del) != SQLITE_DONE) {
        st = db_error(c, err, what);
        goto out;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        sqlite3_reset(ins);
        rc = sqlite3_bind_text(ins, 2, rows[i].text, -1, SQLITE_TRANSIENT);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(ins, 3, (sqlite3_int64)rows[i].num);
        if (rc == SQLITE_OK && sqlite3_step(ins) != SQLITE_DONE) {
            st = db_error(c, err, what);
            goto out;
        }
    }
    if (rc != SQLITE_OK)
        st = bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: %s: %s", what,
                          sqlite3_errstr(rc));
out:
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    return st;
}

bw_status bw_cache_put_symbols(bw_cache *c, const char *key, const bw_cache_pair *syms, size_t n, bw_error *err)
{
    return replace_rows(c, "DELETE FROM sym WHERE tu = ?1", "INSERT INTO sym(tu, usr, role) VALUES(?1, ?2, ?3)", key,
                        syms, n, "write symbols", err);
}

/* The TUs reachable from `key`: the TUs that define a function it calls or
 * mention a global it mentions, and so on from those, plus every TU stored
 * without symbol rows (an older cache). */
static const char RELATED_SQL[] =
    "WITH RECURSIVE reach(tu) AS ("
    "  SELECT ?1"
    "  UNION"
    "  SELECT d.tu FROM reach r"
    "  JOIN sym s ON s.tu = r.tu AND s.role IN (1, 2)"
    "  JOIN sym d ON d.usr = s.usr AND d.role = CASE s.role WHEN 1 THEN 0 ELSE 2 END"
    ")"
    " SELECT t.key, t.file, t.directory, t.args FROM tu t WHERE t.key IN (SELECT tu FROM reach)"
    "   OR NOT EXISTS (SELECT 1 FROM sym x WHERE x.tu = t.key)"
    " ORDER BY t.file, t.updated DESC, t.key";

static const char CALLED_SQL[] =
    "SELECT DISTINCT d.usr, c.role FROM sym d JOIN sym c ON c.usr = d.usr AND c.role IN (1, 3) AND c.tu <> d.tu"
    " JOIN tu t ON t.key = c.tu"
    " WHERE d.tu = ?1 AND d.role = 0";

bw_status bw_cache_each_related(bw_cache *c, const char *key, bw_cache_row_fn fn, bw_cache_usr_fn called,
                                void *ctx, bw_error *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db, RELATED_SQL, -1, &q, NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return BW_ERR_NOT_FOUND; /* a read-only older cache without the symbol table */
    }
    bw_status st = BW_OK;
    int rc = sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(q);
        return bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB, "summary cache: list: %s",
                            sqlite3_errstr(rc));
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        const char *file = (const char *)sqlite3_column_text(q, 1);
        const char *dir = (const char *)sqlite3_column_text(q, 2);
        const char *args = (const char *)sqlite3_column_text(q, 3);
        if (k == NULL || file == NULL || args == NULL || strcmp(k, key) == 0)
            continue;
        if (!fn(ctx, k, file, dir, args)) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            break;
        }
    }
    if (st == BW_OK && rc != SQLITE_DONE)
        st = db_error(c, err, "list");
    sqlite3_finalize(q);
    q = NULL;
    if (st != BW_OK)
        return st;
    if (sqlite3_prepare_v2(c->db, CALLED_SQL, -1, &q, NULL) != SQLITE_OK)
        return db_error(c, err, "prepare");
    rc = sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *usr = (const char *)sqlite3_column_text(q, 0);
        if (usr != NULL && !called(ctx, usr, sqlite3_column_int(q, 1))) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            break;
        }
        rc = SQLITE_OK;
    }
    if (st == BW_OK && rc != SQLITE_DONE)
        st = db_error(c, err, "list callers");
    sqlite3_finalize(q);
    return st;
}

bw_status bw_cache_put_deps(bw_cache *c, const char *key, const bw_cache_pair *deps, size_t n, bw_error *err)
{
    return replace_rows(c, "DELETE FROM dep WHERE tu = ?1", "INSERT INTO dep(tu, path, hash) VALUES(?1, ?2, ?3)", key,
                        deps, n, "write dependencies", err);
}

bw_status bw_cache_each_dep(bw_cache *c, const char *key, bw_cache_dep_fn fn, void *ctx, bw_error *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT path, hash FROM dep WHERE tu = ?1 ORDER BY rowid", -1, &q, NULL) !=
        SQLITE_OK) {
        sqlite3_finalize(q);
        return BW_ERR_NOT_FOUND; /* an older read-only cache without the table */
    }
    int rc = sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    bw_status st = BW_ERR_NOT_FOUND;
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(q, 0);
        if (path != NULL && !fn(ctx, path, (uint64_t)sqlite3_column_int64(q, 1))) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            break;
        }
        st = BW_OK;
        rc = SQLITE_OK;
    }
    if ((st == BW_OK || st == BW_ERR_NOT_FOUND) && rc != SQLITE_DONE && rc != SQLITE_OK)
        st = db_error(c, err, "read dependencies");
    sqlite3_finalize(q);
    return st;
}
