/*
 * tracker.c — opening, creating and upgrading the tracker database, and the
 * record functions the wrapper, checker, baseline and verify call.
 */
#include "bulwark/tracker.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/clock.h"
#include "bulwark/sqlite_wal.h"
#include "internal.h"

struct bw_tracker {
    sqlite3 *db;
    char *path;
    int version;
};

/* ---- schema ----------------------------------------------------------------
 * Migration N upgrades version N-1 to N.  Never edit a released migration:
 * add a new one.  Each runs inside the one upgrade transaction. */
static const char *const migrations[] = {
    /* 1: the initial schema */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE tu_records ("
    "  id INTEGER PRIMARY KEY,"
    "  build_id TEXT NOT NULL DEFAULT '',"
    "  tu_path TEXT NOT NULL,"
    "  output TEXT NOT NULL DEFAULT '',"
    "  language TEXT, compiler TEXT,"
    "  recorded_at TEXT NOT NULL,"
    "  hardened INTEGER NOT NULL,"
    "  cfi INTEGER NOT NULL, shadow_stack INTEGER NOT NULL, memory_checks INTEGER NOT NULL,"
    "  icalls_instrumented INTEGER NOT NULL, functions_shadow_stacked INTEGER NOT NULL,"
    "  memops_checked INTEGER NOT NULL, residual_unsafe INTEGER NOT NULL,"
    "  hardening_flags TEXT NOT NULL,"
    "  compile_ms INTEGER NOT NULL,"
    "  UNIQUE (build_id, tu_path, output));"
    "CREATE INDEX tu_records_path ON tu_records (tu_path, id);"
    "CREATE TABLE findings ("
    "  id INTEGER PRIMARY KEY,"
    "  tu_id INTEGER REFERENCES tu_records(id) ON DELETE CASCADE,"
    "  run_id INTEGER REFERENCES check_runs(id) ON DELETE CASCADE,"
    "  rule_id TEXT NOT NULL, severity TEXT NOT NULL,"
    "  file TEXT, line INTEGER, col INTEGER, function TEXT,"
    "  message TEXT NOT NULL, fingerprint TEXT NOT NULL,"
    "  suppression TEXT,"
    "  CHECK ((tu_id IS NULL) != (run_id IS NULL)));"
    "CREATE INDEX findings_tu ON findings (tu_id);"
    "CREATE INDEX findings_run ON findings (run_id);"
    "CREATE TABLE check_runs ("
    "  id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, git_commit TEXT,"
    "  files_analyzed INTEGER NOT NULL, files_failed INTEGER NOT NULL);"
    "CREATE TABLE loosenings ("
    "  id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL,"
    "  source TEXT NOT NULL, source_id INTEGER,"
    "  kind TEXT NOT NULL, subject TEXT NOT NULL, reason TEXT,"
    "  file TEXT, line INTEGER);"
    "CREATE INDEX loosenings_source ON loosenings (source, source_id);"
    "CREATE TABLE baselines ("
    "  id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, path TEXT NOT NULL,"
    "  entries INTEGER NOT NULL, git_commit TEXT, growth_reason TEXT);"
    "CREATE TABLE baseline_files ("
    "  baseline_id INTEGER NOT NULL REFERENCES baselines(id) ON DELETE CASCADE,"
    "  file TEXT NOT NULL, entries INTEGER NOT NULL, PRIMARY KEY (baseline_id, file));"
    "CREATE TABLE audit_events ("
    "  id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE,"
    "  time TEXT NOT NULL, host TEXT, program TEXT NOT NULL, pid INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, mode TEXT NOT NULL, action TEXT NOT NULL,"
    "  target TEXT, symbol TEXT, module TEXT);"
    "CREATE INDEX audit_events_time ON audit_events (time);"
    "CREATE TABLE audit_imports ("
    "  id INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, source TEXT NOT NULL,"
    "  lines INTEGER NOT NULL, imported INTEGER NOT NULL, duplicates INTEGER NOT NULL,"
    "  invalid INTEGER NOT NULL, truncated INTEGER NOT NULL, forged INTEGER NOT NULL);"
    "CREATE TABLE snapshots ("
    "  id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL, git_commit TEXT,"
    "  git_dirty INTEGER NOT NULL DEFAULT 0,"
    "  baseline_total INTEGER NOT NULL DEFAULT 0,"
    "  roadmap_json TEXT NOT NULL, tool_version TEXT NOT NULL);"
    "CREATE INDEX snapshots_time ON snapshots (taken_at, id);"
    "CREATE TABLE snapshot_components ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  component TEXT NOT NULL,"
    "  phase TEXT NOT NULL,"
    "  files INTEGER NOT NULL,"
    "  lines_unsafe INTEGER NOT NULL, lines_safe INTEGER NOT NULL,"
    "  unsafe_constructs INTEGER NOT NULL,"
    "  findings_open INTEGER NOT NULL, findings_high INTEGER NOT NULL,"
    "  baseline_size INTEGER NOT NULL,"
    "  tu_total INTEGER NOT NULL, tu_hardened INTEGER NOT NULL,"
    "  icalls_instrumented INTEGER NOT NULL, functions_shadow_stacked INTEGER NOT NULL,"
    "  memops_checked INTEGER NOT NULL, residual_unsafe INTEGER NOT NULL,"
    "  runtime_violations INTEGER NOT NULL, runtime_report_only INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_id, component));"
    "CREATE TABLE snapshot_loc ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  component TEXT NOT NULL, language TEXT NOT NULL,"
    "  files INTEGER NOT NULL, lines INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_id, component, language));"
    "CREATE TABLE snapshot_unsafe ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  component TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_id, component, kind));"
    "CREATE TABLE snapshot_findings ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  component TEXT NOT NULL, rule_id TEXT NOT NULL, severity TEXT NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_id, component, rule_id, severity));"
    "CREATE TABLE snapshot_milestones ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  component TEXT NOT NULL, seq INTEGER NOT NULL, phase TEXT NOT NULL,"
    "  target TEXT, claimed_done INTEGER NOT NULL, criteria_hold INTEGER NOT NULL,"
    "  criteria_json TEXT NOT NULL,"
    "  PRIMARY KEY (snapshot_id, component, seq));"
    "CREATE TABLE snapshot_loosenings ("
    "  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, source TEXT NOT NULL, component TEXT,"
    "  kind TEXT NOT NULL, subject TEXT NOT NULL, reason TEXT,"
    "  file TEXT, line INTEGER, occurrences INTEGER NOT NULL,"
    "  PRIMARY KEY (snapshot_id, seq));",

    /* 2: `bulwark verify` results of built binaries */
    "CREATE TABLE binaries ("
    "  id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, path TEXT NOT NULL,"
    "  pie INTEGER NOT NULL, relro INTEGER NOT NULL, bind_now INTEGER NOT NULL,"
    "  nx_stack INTEGER NOT NULL, stack_protector INTEGER NOT NULL, cet INTEGER NOT NULL,"
    "  fortified INTEGER NOT NULL, fortifiable INTEGER NOT NULL,"
    "  bulwark_instrumented INTEGER NOT NULL, bulwark_modules INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL, detail_json TEXT);"
    "CREATE INDEX binaries_path ON binaries (path, id);"
    "ALTER TABLE snapshot_components ADD COLUMN binaries_total INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE snapshot_components ADD COLUMN binaries_passed INTEGER NOT NULL DEFAULT 0;",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == BW_TRACKER_SCHEMA_VERSION,
               "one migration per schema version");

const char *bw_rm_migration_sql(int version) {
    if (version < 1 || version > BW_TRACKER_SCHEMA_VERSION)
        return NULL;
    return migrations[version - 1];
}

/* Tables every Bulwark tracker of a given version has (checked on open). */
static const struct {
    const char *name;
    int since;
} required_tables[] = {
    {"meta", 1},          {"tu_records", 1},    {"findings", 1},
    {"check_runs", 1},    {"loosenings", 1},    {"baselines", 1},
    {"audit_events", 1},  {"snapshots", 1},     {"snapshot_components", 1},
    {"snapshot_loc", 1},  {"binaries", 2},
};

/* ---- small SQLite helpers (shared through internal.h) --------------------- */

sqlite3 *bw_rm_db(bw_tracker *t) { return t->db; }

bw_status bw_rm_sqlite_error(sqlite3 *db, int rc, const char *what, bw_error *err) {
    int primary = rc & 0xff;
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (primary == SQLITE_NOMEM)
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", what);
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return bw_error_set(err, BW_ERR_CORRUPT,
                            "%s: the tracker database is damaged or not a database (%s); "
                            "it was left untouched",
                            what, msg);
    if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
        primary == SQLITE_READONLY || primary == SQLITE_PERM)
        return bw_error_set(err, BW_ERR_IO, "%s: %s", what, msg);
    return bw_error_set(err, BW_ERR_DB, "%s: %s", what, msg);
}

bw_status bw_rm_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out, bw_error *err) {
    int rc = sqlite3_prepare_v2(db, sql, -1, out, NULL);
    if (rc != SQLITE_OK) {
        *out = NULL;
        return bw_rm_sqlite_error(db, rc, "preparing a statement", err);
    }
    return BW_OK;
}

/* A text bind fails when SQLite cannot copy the value (out of memory), and
 * the parameter silently stays NULL: stepping the statement would store or
 * match NULL instead.  The failure is kept here until the next statement
 * run by bw_rm_exec_stmt or the end of the transaction, which then fail. */
static _Thread_local int bind_failure;

int bw_rm_bind_text(sqlite3_stmt *st, int idx, const char *s) {
    int rc = s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
    if (rc != SQLITE_OK && bind_failure == SQLITE_OK)
        bind_failure = rc;
    return rc;
}

bw_status bw_rm_exec_stmt(sqlite3 *db, sqlite3_stmt *st, const char *what, bw_error *err) {
    if (bind_failure != SQLITE_OK) {
        int failed = bind_failure;
        bind_failure = SQLITE_OK;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return bw_rm_sqlite_error(NULL, failed, what, err);
    }
    int rc = sqlite3_step(st);
    bw_status s = BW_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        s = bw_rm_sqlite_error(db, rc, what, err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return s;
}

static bool is_busy(int rc) {
    int p = rc & 0xff;
    return p == SQLITE_BUSY || p == SQLITE_LOCKED;
}

static int64_t monotonic_ms(void) { return (int64_t)(bw_monotonic_seconds() * 1000.0); }

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

bw_status bw_rm_transaction(bw_tracker *t, bw_rm_tx_fn fn, void *ctx, bw_error *err) {
    int64_t start = monotonic_ms();
    long backoff = 2;
    for (;;) {
        int rc = sqlite3_exec(t->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            bw_error inner = {0};
            bind_failure = SQLITE_OK;
            bw_status s = fn(t->db, ctx, &inner);
            if (s == BW_OK && bind_failure != SQLITE_OK) /* a query ran with a NULL parameter */
                s = bw_rm_sqlite_error(NULL, bind_failure, "binding a value", &inner);
            bind_failure = SQLITE_OK;
            if (s == BW_OK) {
                rc = sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL);
                if (rc == SQLITE_OK)
                    return BW_OK;
                if (!is_busy(rc)) {
                    bw_status e = bw_rm_sqlite_error(t->db, rc, "committing", err);
                    sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
                    return e;
                }
            } else {
                sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
                /* A busy error inside the body is retried like a busy BEGIN. */
                if (!(s == BW_ERR_DB && is_busy(sqlite3_extended_errcode(t->db)))) {
                    if (err)
                        *err = inner;
                    return s;
                }
            }
            sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
        } else if (!is_busy(rc)) {
            return bw_rm_sqlite_error(t->db, rc, "starting a transaction", err);
        }
        if (monotonic_ms() - start > BW_TRACKER_BUSY_MS)
            return bw_error_set(err, BW_ERR_DB,
                                "%s: still locked by another writer after %d ms", t->path,
                                BW_TRACKER_BUSY_MS);
        sleep_ms(backoff + (long)(getpid() % 7));
        if (backoff < 100)
            backoff *= 2;
    }
}

/* ---- opening ---------------------------------------------------------------- */

bw_status bw_tracker_default_path(const char *repo_root, char **out, bw_error *err) {
    *out = NULL;
    const char *env = getenv("BULWARK_DB");
    if (env && *env) {
        *out = bw_strdup(env);
    } else {
        if (!repo_root)
            return bw_error_set(err, BW_ERR_USAGE, "no repository root and BULWARK_DB is not set");
        bw_buf b = BW_BUF_INIT;
        bw_buf_printf(&b, "%s/.bulwark/tracker.db", repo_root);
        *out = bw_buf_take(&b);
    }
    if (!*out)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

/* Who the database says it is: application_id, user_version and how many
 * schema objects it has — read by one statement, so from one snapshot.
 * Read one by one (three read transactions), a new tracker that another
 * process was creating at that moment could show an id of 0 and then a
 * non-empty schema: "a database of another program" (flaky parallel first
 * builds through the compiler wrapper). */
static bw_status read_identity(sqlite3 *db, long long *app, long long *version, long long *tables,
                               const char *path, bw_error *err) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT (SELECT application_id FROM pragma_application_id),"
                                " (SELECT user_version FROM pragma_user_version),"
                                " (SELECT count(*) FROM sqlite_master)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *app = sqlite3_column_int64(st, 0);
            *version = sqlite3_column_int64(st, 1);
            *tables = sqlite3_column_int64(st, 2);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? BW_OK : bw_rm_sqlite_error(db, rc, path, err);
}

/* The first 16 bytes of every SQLite 3 database file. */
static const char sqlite_magic[16] = "SQLite format 3";

static bw_status check_header(const char *path, bool *is_empty, bw_error *err) {
    *is_empty = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bw_error_set(err, BW_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char head[16];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == 0) {
        *is_empty = true;
        return BW_OK;
    }
    if (n != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0)
        return bw_error_set(err, BW_ERR_CORRUPT,
                            "%s: not a tracker database (not an SQLite 3 file); "
                            "refusing to touch it — move it away or set BULWARK_DB",
                            path);
    return BW_OK;
}

static bw_status make_parent_dir(const char *path, bw_error *err) {
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return BW_OK;
    size_t len = (size_t)(slash - path);
    char *dir = bw_strndup(path, len);
    if (!dir)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status s = BW_OK;
    /* Create each missing component (like mkdir -p). */
    for (size_t i = 1; i <= len && s == BW_OK; i++) {
        if (i == len || dir[i] == '/') {
            char saved = dir[i];
            dir[i] = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                s = bw_error_set(err, BW_ERR_IO, "%s: cannot create directory: %s", dir,
                                 strerror(errno));
            dir[i] = saved;
        }
    }
    bw_free(dir);
    return s;
}

static bw_status apply_migrations(sqlite3 *db, void *ctx, bw_error *err) {
    bw_tracker *t = ctx;
    long long version = 0, app = 0, tables = 0;
    bw_status s;
    /* Re-read inside the write transaction: another process may have
     * created or upgraded the database meanwhile. */
    if ((s = read_identity(db, &app, &version, &tables, t->path, err)) != BW_OK)
        return s;
    if (version == 0 && app == 0 && tables > 0)
        return bw_error_set(err, BW_ERR_CORRUPT,
                            "%s: an SQLite database of another program, not a Bulwark tracker; "
                            "refusing to touch it",
                            t->path);
    if (app != 0 && app != BW_TRACKER_APPLICATION_ID)
        return bw_error_set(err, BW_ERR_CORRUPT,
                            "%s: an SQLite database of another program (application_id %lld); "
                            "refusing to touch it",
                            t->path, app);
    if (version > BW_TRACKER_SCHEMA_VERSION)
        return bw_error_set(err, BW_ERR_VERSION,
                            "%s: written by a newer Bulwark (schema %lld, this one knows %d)",
                            t->path, version, BW_TRACKER_SCHEMA_VERSION);
    for (long long v = version; v < BW_TRACKER_SCHEMA_VERSION; v++) {
        char *msg = NULL;
        int rc = sqlite3_exec(db, migrations[v], NULL, NULL, &msg);
        if (rc != SQLITE_OK) {
            bw_error_set(err, rc == SQLITE_NOMEM ? BW_ERR_NOMEM : BW_ERR_DB,
                         "%s: upgrading the schema to version %lld failed: %s; "
                         "the database was left at version %lld",
                         t->path, v + 1, msg ? msg : sqlite3_errstr(rc), version);
            sqlite3_free(msg);
            return err ? err->status : BW_ERR_DB;
        }
    }
    /* PRAGMA arguments cannot be bound; these are compile-time integers. */
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             BW_TRACKER_APPLICATION_ID, BW_TRACKER_SCHEMA_VERSION);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return bw_rm_sqlite_error(db, rc, t->path, err);
    t->version = BW_TRACKER_SCHEMA_VERSION;
    return BW_OK;
}

static bw_status check_tables(bw_tracker *t, bw_error *err) {
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(t->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1",
                                &st, err);
    for (size_t i = 0; s == BW_OK && i < sizeof required_tables / sizeof required_tables[0]; i++) {
        if (required_tables[i].since > t->version)
            continue;
        sqlite3_bind_text(st, 1, required_tables[i].name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            s = bw_rm_sqlite_error(t->db, rc, t->path, err);
        else if (rc == SQLITE_DONE)
            s = bw_error_set(err, BW_ERR_CORRUPT,
                             "%s: marked as a Bulwark tracker (schema %d) but table '%s' is "
                             "missing; the database is damaged and was left untouched",
                             t->path, t->version, required_tables[i].name);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return s;
}

/* Sets WAL mode, retrying while another process holds a lock (SQLite
 * does not wait for the lock this conversion needs). */
static bw_status set_wal(bw_tracker *t, bw_error *err) {
    return bw_sqlite_set_wal(t->db, t->path, BW_TRACKER_BUSY_MS / 1000.0, err);
}

bw_status bw_tracker_open(const char *path, bw_tracker_mode mode, bw_tracker **out,
                          bw_error *err) {
    *out = NULL;
    if (!path || !*path)
        return bw_error_set(err, BW_ERR_USAGE, "no tracker database path");
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists && mode != BW_TRACKER_WRITE)
        return bw_error_set(err, BW_ERR_NOT_FOUND,
                            "%s: no tracker database (run `bulwark roadmap snapshot` first)",
                            path);
    if (exists && !S_ISREG(sb.st_mode))
        return bw_error_set(err, BW_ERR_CORRUPT, "%s: not a regular file", path);
    bool empty = !exists;
    bw_status s;
    if (exists && (s = check_header(path, &empty, err)) != BW_OK)
        return s;
    if (!exists && (s = make_parent_dir(path, err)) != BW_OK)
        return s;

    bw_tracker *t = bw_calloc(1, sizeof *t);
    if (!t)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    t->path = bw_strdup(path);
    if (!t->path) {
        s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto fail;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == BW_TRACKER_WRITE)
        flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &t->db, flags, NULL);
    if (rc != SQLITE_OK) {
        s = bw_rm_sqlite_error(t->db, rc, path, err);
        goto fail;
    }
    sqlite3_extended_result_codes(t->db, 1);
    sqlite3_busy_timeout(t->db, 5000);

    long long app = 0, version = 0, tables = 0;
    if ((s = read_identity(t->db, &app, &version, &tables, path, err)) != BW_OK)
        goto fail;
    if (app != BW_TRACKER_APPLICATION_ID && (app != 0 || version != 0 || tables != 0)) {
        s = bw_error_set(err, BW_ERR_CORRUPT,
                         "%s: an SQLite database of another program, not a Bulwark tracker; "
                         "refusing to touch it — move it away or set BULWARK_DB",
                         path);
        goto fail;
    }
    if (version > BW_TRACKER_SCHEMA_VERSION) {
        s = bw_error_set(err, BW_ERR_VERSION,
                         "%s: written by a newer Bulwark (schema %lld; this one knows up to %d); "
                         "upgrade Bulwark — the database was left untouched",
                         path, version, BW_TRACKER_SCHEMA_VERSION);
        goto fail;
    }
    if (app == 0 && mode != BW_TRACKER_WRITE) {
        s = bw_error_set(err, BW_ERR_NOT_FOUND, "%s: the tracker database is empty", path);
        goto fail;
    }
    (void)empty;
    t->version = (int)version;
    if ((s = set_wal(t, err)) != BW_OK)
        goto fail;
    if ((rc = sqlite3_exec(t->db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL", NULL, NULL,
                           NULL)) != SQLITE_OK) {
        s = bw_rm_sqlite_error(t->db, rc, path, err);
        goto fail;
    }
    if (t->version < BW_TRACKER_SCHEMA_VERSION) {
        if ((s = bw_rm_transaction(t, apply_migrations, t, err)) != BW_OK)
            goto fail;
    }
    if ((s = check_tables(t, err)) != BW_OK)
        goto fail;
    *out = t;
    return BW_OK;
fail:
    bw_tracker_close(t);
    return s;
}

void bw_tracker_close(bw_tracker *t) {
    if (!t)
        return;
    sqlite3_close_v2(t->db);
    bw_free(t->path);
    bw_free(t);
}

int bw_tracker_schema_version(const bw_tracker *t) { return t ? t->version : 0; }

const char *bw_tracker_path(const bw_tracker *t) { return t ? t->path : NULL; }

/* ---- shared pieces of the record functions ---------------------------------- */

static bw_status insert_findings(sqlite3 *db, const bw_findings *list, const char *owner_col,
                                 int64_t owner_id, bw_error *err) {
    if (!list || list->count == 0)
        return BW_OK;
    static const char tu_sql[] =
        "INSERT INTO findings (tu_id, rule_id, severity, file, line, col, function, message, "
        "fingerprint, suppression) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
    static const char run_sql[] =
        "INSERT INTO findings (run_id, rule_id, severity, file, line, col, function, message, "
        "fingerprint, suppression) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db, strcmp(owner_col, "tu_id") == 0 ? tu_sql : run_sql, &st, err);
    for (size_t i = 0; s == BW_OK && i < list->count; i++) {
        const bw_finding *f = list->items[i];
        if (!f || !f->rule_id)
            continue;
        sqlite3_bind_int64(st, 1, owner_id);
        bw_rm_bind_text(st, 2, f->rule_id);
        bw_rm_bind_text(st, 3, bw_severity_name(f->severity));
        bw_rm_bind_text(st, 4, f->loc.file);
        sqlite3_bind_int64(st, 5, f->loc.line);
        sqlite3_bind_int64(st, 6, f->loc.column);
        bw_rm_bind_text(st, 7, f->function);
        bw_rm_bind_text(st, 8, f->message ? f->message : "");
        bw_rm_bind_text(st, 9, f->fingerprint);
        bw_rm_bind_text(st, 10, f->suppression);
        s = bw_rm_exec_stmt(db, st, "recording a finding", err);
    }
    sqlite3_finalize(st);
    return s;
}

static bw_status insert_loosening(sqlite3 *db, sqlite3_stmt *st, const char *now,
                                  const char *source, const int64_t *source_id, const char *kind,
                                  const char *subject, const char *reason, const char *file,
                                  unsigned line, bw_error *err) {
    bw_rm_bind_text(st, 1, now);
    bw_rm_bind_text(st, 2, source);
    if (source_id)
        sqlite3_bind_int64(st, 3, *source_id);
    else
        sqlite3_bind_null(st, 3);
    bw_rm_bind_text(st, 4, kind);
    bw_rm_bind_text(st, 5, subject ? subject : "");
    bw_rm_bind_text(st, 6, reason);
    bw_rm_bind_text(st, 7, file);
    if (line)
        sqlite3_bind_int64(st, 8, line);
    else
        sqlite3_bind_null(st, 8);
    return bw_rm_exec_stmt(db, st, "recording a loosening", err);
}

static const char loosening_sql[] =
    "INSERT INTO loosenings (recorded_at, source, source_id, kind, subject, reason, file, line) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)";

static bw_status insert_loosenings(sqlite3 *db, const char *source, const int64_t *source_id,
                                   const bw_loosenings *list, bw_error *err) {
    if (!list || list->count == 0)
        return BW_OK;
    char now[32];
    bw_rm_now_utc(now);
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db, loosening_sql, &st, err);
    for (size_t i = 0; s == BW_OK && i < list->count; i++) {
        const bw_loosening *l = &list->items[i];
        if (!l->kind)
            continue;
        s = insert_loosening(db, st, now, source, source_id, l->kind, l->subject, l->reason,
                             l->loc.file, l->loc.line, err);
    }
    sqlite3_finalize(st);
    return s;
}

/* ---- compile units ------------------------------------------------------------ */

static bw_status tu_tx(sqlite3 *db, void *ctx, bw_error *err) {
    const bw_tu_record *r = ctx;
    char now[32];
    bw_rm_now_utc(now);
    bw_buf flags = BW_BUF_INIT;
    /* The flags are stored as a JSON array of strings. */
    bw_buf_putc(&flags, '[');
    for (size_t i = 0; i < r->hardening_flag_count; i++) {
        const char *f = r->hardening_flags[i];
        if (!f)
            continue;
        if (flags.len > 1)
            bw_buf_putc(&flags, ',');
        bw_buf_putc(&flags, '"');
        for (const unsigned char *p = (const unsigned char *)f; *p; p++) {
            if (*p == '"' || *p == '\\')
                bw_buf_printf(&flags, "\\%c", *p);
            else if (*p < 0x20)
                bw_buf_printf(&flags, "\\u%04x", *p);
            else
                bw_buf_putc(&flags, (char)*p);
        }
        bw_buf_putc(&flags, '"');
    }
    bw_buf_putc(&flags, ']');
    if (bw_buf_status(&flags) != BW_OK) {
        bw_buf_free(&flags);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    /* Replace an earlier record of the same TU in the same build. */
    sqlite3_stmt *del = NULL, *ins = NULL;
    static const char *const del_sql[] = {
        /* its loosenings, then the record (its findings cascade) */
        "DELETE FROM loosenings WHERE source='wrapper' AND source_id IN "
        "(SELECT id FROM tu_records WHERE build_id=?1 AND tu_path=?2 AND output=?3)",
        "DELETE FROM tu_records WHERE build_id=?1 AND tu_path=?2 AND output=?3"};
    bw_status s = BW_OK;
    for (size_t k = 0; s == BW_OK && k < 2; k++) {
        s = bw_rm_prepare(db, del_sql[k], &del, err);
        if (s == BW_OK) {
            bw_rm_bind_text(del, 1, r->build_id ? r->build_id : "");
            bw_rm_bind_text(del, 2, r->tu_path);
            bw_rm_bind_text(del, 3, r->output ? r->output : "");
            s = bw_rm_exec_stmt(db, del, "replacing a compile record", err);
        }
        sqlite3_finalize(del);
        del = NULL;
    }
    if (s == BW_OK)
        s = bw_rm_prepare(db,
                          "INSERT INTO tu_records (build_id, tu_path, output, language, compiler, "
                          "recorded_at, hardened, cfi, shadow_stack, memory_checks, "
                          "icalls_instrumented, functions_shadow_stacked, memops_checked, "
                          "residual_unsafe, hardening_flags, compile_ms) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
                          &ins, err);
    if (s == BW_OK) {
        const bw_tu_protections *p = &r->protections;
        bw_rm_bind_text(ins, 1, r->build_id ? r->build_id : "");
        bw_rm_bind_text(ins, 2, r->tu_path);
        bw_rm_bind_text(ins, 3, r->output ? r->output : "");
        bw_rm_bind_text(ins, 4, r->language);
        bw_rm_bind_text(ins, 5, r->compiler);
        bw_rm_bind_text(ins, 6, now);
        sqlite3_bind_int(ins, 7, p->cfi || p->shadow_stack || p->memory_checks);
        sqlite3_bind_int(ins, 8, p->cfi);
        sqlite3_bind_int(ins, 9, p->shadow_stack);
        sqlite3_bind_int(ins, 10, p->memory_checks);
        sqlite3_bind_int64(ins, 11, (sqlite3_int64)p->icalls_instrumented);
        sqlite3_bind_int64(ins, 12, (sqlite3_int64)p->functions_shadow_stacked);
        sqlite3_bind_int64(ins, 13, (sqlite3_int64)p->memops_checked);
        sqlite3_bind_int64(ins, 14, (sqlite3_int64)p->residual_unsafe);
        if (sqlite3_bind_text(ins, 15, flags.data, (int)flags.len, SQLITE_TRANSIENT) != SQLITE_OK &&
            bind_failure == SQLITE_OK)
            bind_failure = SQLITE_NOMEM;
        double ms = r->compile_seconds > 0 ? r->compile_seconds * 1000.0 : 0.0;
        sqlite3_bind_int64(ins, 16, (sqlite3_int64)(ms + 0.5));
        s = bw_rm_exec_stmt(db, ins, "recording a compile", err);
    }
    int64_t id = sqlite3_last_insert_rowid(db);
    if (s == BW_OK)
        s = insert_findings(db, r->findings, "tu_id", id, err);
    if (s == BW_OK)
        s = insert_loosenings(db, "wrapper", &id, r->loosenings, err);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    bw_buf_free(&flags);
    return s;
}

bw_status bw_tracker_record_tu(bw_tracker *t, const bw_tu_record *rec, bw_error *err) {
    if (!t || !rec || !rec->tu_path || !*rec->tu_path)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_tu: no TU path");
    if (rec->hardening_flag_count && !rec->hardening_flags)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_tu: flag count without flags");
    return bw_rm_transaction(t, tu_tx, (void *)rec, err);
}

/* ---- check runs ------------------------------------------------------------------ */

struct check_ctx {
    const bw_check_run *run;
    int64_t id;
};

static bw_status check_tx(sqlite3 *db, void *ctx, bw_error *err) {
    struct check_ctx *c = ctx;
    char now[32];
    bw_rm_now_utc(now);
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db,
                                "INSERT INTO check_runs (recorded_at, git_commit, files_analyzed, "
                                "files_failed) VALUES (?1,?2,?3,?4)",
                                &st, err);
    if (s == BW_OK) {
        bw_rm_bind_text(st, 1, now);
        bw_rm_bind_text(st, 2, c->run->git_commit);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)c->run->files_analyzed);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)c->run->files_failed);
        s = bw_rm_exec_stmt(db, st, "recording a check run", err);
    }
    sqlite3_finalize(st);
    c->id = sqlite3_last_insert_rowid(db);
    if (s == BW_OK)
        s = insert_findings(db, c->run->findings, "run_id", c->id, err);
    if (s == BW_OK)
        s = insert_loosenings(db, "check", &c->id, c->run->loosenings, err);
    return s;
}

bw_status bw_tracker_record_check(bw_tracker *t, const bw_check_run *run, int64_t *run_id,
                                  bw_error *err) {
    if (!t || !run)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_check: no run");
    struct check_ctx c = {run, 0};
    bw_status s = bw_rm_transaction(t, check_tx, &c, err);
    if (s == BW_OK && run_id)
        *run_id = c.id;
    return s;
}

/* ---- baselines ---------------------------------------------------------------------- */

static bw_status baseline_tx(sqlite3 *db, void *ctx, bw_error *err) {
    const bw_baseline_info *b = ctx;
    char now[32];
    bw_rm_now_utc(now);
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(db,
                                "INSERT INTO baselines (recorded_at, path, entries, git_commit, "
                                "growth_reason) VALUES (?1,?2,?3,?4,?5)",
                                &st, err);
    if (s == BW_OK) {
        bw_rm_bind_text(st, 1, now);
        bw_rm_bind_text(st, 2, b->path);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)b->entries);
        bw_rm_bind_text(st, 4, b->git_commit);
        bw_rm_bind_text(st, 5, b->growth_reason);
        s = bw_rm_exec_stmt(db, st, "recording a baseline", err);
    }
    sqlite3_finalize(st);
    st = NULL;
    int64_t id = sqlite3_last_insert_rowid(db);
    if (s == BW_OK && b->entry_files)
        s = bw_rm_prepare(db,
                          "INSERT INTO baseline_files (baseline_id, file, entries) VALUES (?1,?2,1) "
                          "ON CONFLICT (baseline_id, file) DO UPDATE SET entries = entries + 1",
                          &st, err);
    for (size_t i = 0; s == BW_OK && b->entry_files && i < b->entries; i++) {
        sqlite3_bind_int64(st, 1, id);
        bw_rm_bind_text(st, 2, b->entry_files[i] ? b->entry_files[i] : "");
        s = bw_rm_exec_stmt(db, st, "recording a baseline entry", err);
    }
    sqlite3_finalize(st);
    if (s == BW_OK && b->growth_reason) {
        st = NULL;
        s = bw_rm_prepare(db, loosening_sql, &st, err);
        if (s == BW_OK)
            s = insert_loosening(db, st, now, "baseline", &id, "baseline-growth", b->path,
                                 b->growth_reason, b->path, 0, err);
        sqlite3_finalize(st);
    }
    return s;
}

bw_status bw_tracker_record_baseline(bw_tracker *t, const bw_baseline_info *info,
                                     bw_error *err) {
    if (!t || !info || !info->path)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_baseline: no baseline path");
    return bw_rm_transaction(t, baseline_tx, (void *)info, err);
}

/* ---- binaries ------------------------------------------------------------------------- */

static bw_status binary_tx(sqlite3 *db, void *ctx, bw_error *err) {
    const bw_binary_record *r = ctx;
    char now[32];
    bw_rm_now_utc(now);
    sqlite3_stmt *st = NULL;
    bw_status s = bw_rm_prepare(
        db,
        "INSERT INTO binaries (recorded_at, path, pie, relro, bind_now, nx_stack, "
        "stack_protector, cet, fortified, fortifiable, bulwark_instrumented, bulwark_modules, "
        "passed, detail_json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
        &st, err);
    if (s == BW_OK) {
        bw_rm_bind_text(st, 1, now);
        bw_rm_bind_text(st, 2, r->path);
        sqlite3_bind_int(st, 3, r->pie);
        sqlite3_bind_int(st, 4, r->relro);
        sqlite3_bind_int(st, 5, r->bind_now);
        sqlite3_bind_int(st, 6, r->nx_stack);
        sqlite3_bind_int(st, 7, r->stack_protector);
        sqlite3_bind_int(st, 8, r->cet);
        sqlite3_bind_int64(st, 9, r->fortified);
        sqlite3_bind_int64(st, 10, r->fortifiable);
        sqlite3_bind_int(st, 11, r->bulwark_instrumented);
        sqlite3_bind_int64(st, 12, r->bulwark_modules);
        sqlite3_bind_int(st, 13, r->passed);
        bw_rm_bind_text(st, 14, r->detail_json);
        s = bw_rm_exec_stmt(db, st, "recording a verified binary", err);
    }
    sqlite3_finalize(st);
    return s;
}

bw_status bw_tracker_record_binary(bw_tracker *t, const bw_binary_record *rec, bw_error *err) {
    if (!t || !rec || !rec->path)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_binary: no path");
    return bw_rm_transaction(t, binary_tx, (void *)rec, err);
}

/* ---- loosenings ----------------------------------------------------------------------- */

struct loosen_ctx {
    const char *source;
    const bw_loosenings *list;
};

static bw_status loosen_tx(sqlite3 *db, void *ctx, bw_error *err) {
    struct loosen_ctx *c = ctx;
    return insert_loosenings(db, c->source, NULL, c->list, err);
}

bw_status bw_tracker_record_loosenings(bw_tracker *t, const char *source,
                                       const bw_loosenings *list, bw_error *err) {
    if (!t || !source || !list)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_record_loosenings: missing argument");
    struct loosen_ctx c = {source, list};
    return bw_rm_transaction(t, loosen_tx, &c, err);
}
