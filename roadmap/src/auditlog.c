/*
 * auditlog.c — importing the hardening runtime's JSON-lines audit logs.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulwark/alloc.h"
#include "bulwark/tracker.h"
#include "internal.h"

/* Longest line we look at; longer ones are invalid. */
#define MAX_LINE (64 * 1024)
/* Events dated further than this into the future are forged. */
#define FUTURE_SLACK_SECS (24 * 3600)
/* Highest pid Linux hands out (pid_max limit). */
#define MAX_PID 4194304

typedef struct event {
    char digest[33];
    char *time, *host, *program, *kind, *mode, *action, *target, *symbol, *module;
    long long pid;
} event;

typedef struct import_ctx {
    event *events;
    size_t count, cap;
    const char *source;
    bw_audit_import_stats stats;
} import_ctx;

static void event_free(event *e) {
    bw_free(e->time);
    bw_free(e->host);
    bw_free(e->program);
    bw_free(e->kind);
    bw_free(e->mode);
    bw_free(e->action);
    bw_free(e->target);
    bw_free(e->symbol);
    bw_free(e->module);
}

static uint64_t fnv1a(const char *s, size_t n, uint64_t h) {
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Outcome of looking at one line. */
enum verdict { V_OK, V_INVALID, V_TRUNCATED, V_FORGED, V_NOMEM };

static bool kind_ok(const char *s) {
    if (!*s || strlen(s) > 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

static bool no_controls(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* A string field: missing is allowed when !required.  Returns false on a wrong type. */
static bool get_str(json_t *o, const char *key, bool required, const char **out) {
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return !required;
    if (!json_is_string(v))
        return false;
    *out = json_string_value(v);
    return true;
}

static char *dup_opt(const char *s, bool *oom) {
    if (!s)
        return NULL;
    char *d = bw_strdup(s);
    if (!d)
        *oom = true;
    return d;
}

static enum verdict examine(const char *line, size_t len, bool terminated, event *ev) {
    memset(ev, 0, sizeof *ev);
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) {
        if (!terminated || json_error_code(&jerr) == json_error_premature_end_of_input)
            return V_TRUNCATED;
        return V_INVALID;
    }
    enum verdict v = V_OK;
    const char *time_s, *host, *program, *kind, *mode, *action, *target, *symbol, *module;
    json_t *ver = json_object_get(o, "v");
    json_t *pid = json_object_get(o, "pid");
    json_t *tgt = json_object_get(o, "target");
    if (!tgt || json_is_null(tgt))
        tgt = json_object_get(o, "address");
    char numbuf[32];
    if (!json_is_object(o) || !json_is_integer(ver) || !json_is_integer(pid) ||
        !get_str(o, "time", true, &time_s) || !get_str(o, "host", false, &host) ||
        !get_str(o, "program", true, &program) || !get_str(o, "kind", true, &kind) ||
        !get_str(o, "mode", true, &mode) || !get_str(o, "action", true, &action) ||
        !get_str(o, "symbol", false, &symbol) || !get_str(o, "module", false, &module)) {
        v = V_INVALID;
        goto done;
    }
    if (!tgt || json_is_null(tgt)) {
        target = NULL;
    } else if (json_is_string(tgt)) {
        target = json_string_value(tgt);
    } else if (json_is_integer(tgt)) {
        snprintf(numbuf, sizeof numbuf, "0x%llx", (unsigned long long)json_integer_value(tgt));
        target = numbuf;
    } else {
        v = V_INVALID;
        goto done;
    }
    int64_t secs;
    bool enforce = strcmp(mode, "enforce") == 0, report = strcmp(mode, "report") == 0;
    bool abort_ = strcmp(action, "abort") == 0, logged = strcmp(action, "logged") == 0;
    if (json_integer_value(ver) != 1 || !bw_rm_parse_rfc3339_utc(time_s, &secs) ||
        secs > (int64_t)time(NULL) + FUTURE_SLACK_SECS || json_integer_value(pid) < 1 ||
        json_integer_value(pid) > MAX_PID || !(enforce || report) || !(abort_ || logged) ||
        (enforce && logged) || (report && abort_) || !kind_ok(kind) || !*program ||
        !no_controls(program) || (host && !no_controls(host)) ||
        (symbol && !no_controls(symbol)) || (module && !no_controls(module)) ||
        (target && !no_controls(target))) {
        v = V_FORGED;
        goto done;
    }
    /* The identity of an event is its canonical JSON form. */
    char *canon = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    if (!canon) {
        v = V_NOMEM;
        goto done;
    }
    size_t cl = strlen(canon);
    snprintf(ev->digest, sizeof ev->digest, "%016llx%016llx",
             (unsigned long long)fnv1a(canon, cl, 0xcbf29ce484222325ULL),
             (unsigned long long)fnv1a(canon, cl, 0x84222325cbf29ce4ULL));
    free(canon); /* allocated by jansson */
    bool oom = false;
    ev->time = dup_opt(time_s, &oom);
    ev->host = dup_opt(host, &oom);
    ev->program = dup_opt(program, &oom);
    ev->kind = dup_opt(kind, &oom);
    ev->mode = dup_opt(mode, &oom);
    ev->action = dup_opt(action, &oom);
    ev->target = dup_opt(target, &oom);
    ev->symbol = dup_opt(symbol, &oom);
    ev->module = dup_opt(module, &oom);
    ev->pid = (long long)json_integer_value(pid);
    if (oom) {
        event_free(ev);
        v = V_NOMEM;
    }
done:
    json_decref(o);
    return v;
}

static bw_status store_tx(sqlite3 *db, void *vctx, bw_error *err) {
    import_ctx *c = vctx;
    c->stats.imported = 0;
    c->stats.duplicates = 0;
    sqlite3_stmt *ins = NULL, *loose_q = NULL, *loose_i = NULL, *imp = NULL;
    char now[32];
    bw_rm_now_utc(now);
    bw_status s = bw_rm_prepare(db,
                                "INSERT OR IGNORE INTO audit_events (digest, time, host, program, "
                                "pid, kind, mode, action, target, symbol, module) "
                                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
                                &ins, err);
    if (s == BW_OK)
        s = bw_rm_prepare(db,
                          "SELECT 1 FROM loosenings WHERE source='runtime' AND kind='report-only' "
                          "AND subject=?1",
                          &loose_q, err);
    if (s == BW_OK)
        s = bw_rm_prepare(db,
                          "INSERT INTO loosenings (recorded_at, source, kind, subject, reason) "
                          "VALUES (?1, 'runtime', 'report-only', ?2, ?3)",
                          &loose_i, err);
    for (size_t i = 0; s == BW_OK && i < c->count; i++) {
        event *e = &c->events[i];
        bw_rm_bind_text(ins, 1, e->digest);
        bw_rm_bind_text(ins, 2, e->time);
        bw_rm_bind_text(ins, 3, e->host);
        bw_rm_bind_text(ins, 4, e->program);
        sqlite3_bind_int64(ins, 5, e->pid);
        bw_rm_bind_text(ins, 6, e->kind);
        bw_rm_bind_text(ins, 7, e->mode);
        bw_rm_bind_text(ins, 8, e->action);
        bw_rm_bind_text(ins, 9, e->target);
        bw_rm_bind_text(ins, 10, e->symbol);
        bw_rm_bind_text(ins, 11, e->module);
        s = bw_rm_exec_stmt(db, ins, "storing an audit event", err);
        if (s != BW_OK)
            break;
        if (sqlite3_changes(db) == 0) {
            c->stats.duplicates++;
            continue;
        }
        c->stats.imported++;
        if (strcmp(e->mode, "report") != 0)
            continue;
        bw_rm_bind_text(loose_q, 1, e->program);
        int rc = sqlite3_step(loose_q);
        sqlite3_reset(loose_q);
        if (rc == SQLITE_DONE) {
            bw_rm_bind_text(loose_i, 1, now);
            bw_rm_bind_text(loose_i, 2, e->program);
            bw_rm_bind_text(loose_i, 3,
                            "runtime ran in report-only mode (BULWARK_MODE=report): violations "
                            "were logged, not stopped");
            s = bw_rm_exec_stmt(db, loose_i, "recording a report-only runtime", err);
        } else if (rc != SQLITE_ROW) {
            s = bw_rm_sqlite_error(db, rc, "reading loosenings", err);
        }
    }
    if (s == BW_OK)
        s = bw_rm_prepare(db,
                          "INSERT INTO audit_imports (imported_at, source, lines, imported, "
                          "duplicates, invalid, truncated, forged) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
                          &imp, err);
    if (s == BW_OK) {
        bw_rm_bind_text(imp, 1, now);
        bw_rm_bind_text(imp, 2, c->source);
        sqlite3_bind_int64(imp, 3, (sqlite3_int64)c->stats.lines);
        sqlite3_bind_int64(imp, 4, (sqlite3_int64)c->stats.imported);
        sqlite3_bind_int64(imp, 5, (sqlite3_int64)c->stats.duplicates);
        sqlite3_bind_int64(imp, 6, (sqlite3_int64)c->stats.invalid);
        sqlite3_bind_int64(imp, 7, (sqlite3_int64)c->stats.truncated);
        sqlite3_bind_int64(imp, 8, (sqlite3_int64)c->stats.forged);
        s = bw_rm_exec_stmt(db, imp, "recording the import", err);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(loose_q);
    sqlite3_finalize(loose_i);
    sqlite3_finalize(imp);
    return s;
}

bw_status bw_tracker_import_audit_log(bw_tracker *t, FILE *in, const char *source_name,
                                      bw_audit_import_stats *stats, bw_error *err) {
    if (stats)
        memset(stats, 0, sizeof *stats);
    if (!t || !in)
        return bw_error_set(err, BW_ERR_USAGE, "bw_tracker_import_audit_log: missing argument");
    import_ctx c = {.source = source_name ? source_name : "-"};
    bw_status s = BW_OK;
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        ssize_t n = getline(&line, &cap, in);
        if (n < 0)
            break;
        c.stats.lines++;
        size_t len = (size_t)n;
        bool terminated = len > 0 && line[len - 1] == '\n';
        if (terminated)
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0) {
            c.stats.lines--;
            c.stats.blank++;
            continue;
        }
        if (len > MAX_LINE) {
            c.stats.invalid++;
            continue;
        }
        event ev;
        enum verdict v = examine(line, len, terminated, &ev);
        if (v == V_NOMEM) {
            s = bw_error_set(err, BW_ERR_NOMEM, "out of memory reading %s", c.source);
            break;
        }
        if (v == V_INVALID) {
            c.stats.invalid++;
            continue;
        }
        if (v == V_TRUNCATED) {
            c.stats.truncated++;
            continue;
        }
        if (v == V_FORGED) {
            c.stats.forged++;
            continue;
        }
        if (c.count == c.cap) {
            size_t ncap = c.cap ? c.cap * 2 : 64;
            event *ne = bw_reallocarray(c.events, ncap, sizeof *ne);
            if (!ne) {
                event_free(&ev);
                s = bw_error_set(err, BW_ERR_NOMEM, "out of memory reading %s", c.source);
                break;
            }
            c.events = ne;
            c.cap = ncap;
        }
        c.events[c.count++] = ev;
    }
    free(line); /* from getline */
    if (s == BW_OK && ferror(in))
        s = bw_error_set(err, BW_ERR_IO, "%s: read error", c.source);
    if (s == BW_OK)
        s = bw_rm_transaction(t, store_tx, &c, err);
    for (size_t i = 0; i < c.count; i++)
        event_free(&c.events[i]);
    bw_free(c.events);
    if (stats)
        *stats = c.stats;
    return s;
}
