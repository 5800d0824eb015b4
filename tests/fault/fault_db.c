/* fault_db.c — see fault_db.h. */
#include "fault_db.h"

#include <ftw.h>

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sqlite_fault.h"

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (p == NULL)
            abort();
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

__attribute__((format(printf, 2, 3))) static void printf_(text *t, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    puts_(t, buf);
}

static bool time_column(const char *name)
{
    static const char *const cols[] = {"recorded_at", "taken_at", "imported_at", "updated",
                                       "compile_ms", NULL};
    for (size_t i = 0; cols[i]; i++)
        if (strcmp(name, cols[i]) == 0)
            return true;
    return false;
}

static bool skipped(const char *table, const char *const *skip)
{
    for (size_t i = 0; skip && skip[i]; i++)
        if (strcmp(table, skip[i]) == 0)
            return true;
    return false;
}

static void dump_table(sqlite3 *db, const char *table, text *t)
{
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", table);
    sqlite3_stmt *st = NULL;
    if (sql == NULL || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        printf_(t, "table %s: unreadable: %s\n", table, sqlite3_errmsg(db));
        sqlite3_free(sql);
        return;
    }
    sqlite3_free(sql);
    printf_(t, "table %s\n", table);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            if (time_column(sqlite3_column_name(st, c)))
                continue;
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_NULL:
                puts_(t, "|NULL");
                break;
            case SQLITE_INTEGER:
                printf_(t, "|%lld", (long long)sqlite3_column_int64(st, c));
                break;
            case SQLITE_FLOAT:
                printf_(t, "|%.17g", sqlite3_column_double(st, c));
                break;
            default: {
                const void *p = sqlite3_column_blob(st, c);
                int n = sqlite3_column_bytes(st, c);
                printf_(t, "|%d:", n);
                if (p != NULL && n > 0)
                    put(t, p, (size_t)n);
                break;
            }
            }
        }
        puts_(t, "\n");
    }
    if (rc != SQLITE_DONE)
        printf_(t, "table %s: read failed: %s\n", table, sqlite3_errmsg(db));
    sqlite3_finalize(st);
}

char *fdb_state(const char *path, const char *const *skip)
{
    text t = {0};
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size == 0) {
        puts_(&t, "absent");
        return t.s;
    }
    bw_sqlfault_pause(true);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        printf_(&t, "CORRUPT: cannot open: %s", db ? sqlite3_errmsg(db) : "?");
        sqlite3_close(db);
        bw_sqlfault_pause(false);
        return t.s;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = NULL;
    const unsigned char *verdict = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        verdict = sqlite3_column_text(st, 0);
    if (verdict == NULL || strcmp((const char *)verdict, "ok") != 0) {
        printf_(&t, "CORRUPT: integrity_check: %s", verdict ? (const char *)verdict : sqlite3_errmsg(db));
        sqlite3_finalize(st);
        sqlite3_close(db);
        bw_sqlfault_pause(false);
        return t.s;
    }
    sqlite3_finalize(st);
    st = NULL;
    static const char *const pragmas[] = {"PRAGMA user_version", "PRAGMA application_id"};
    for (size_t i = 0; i < 2; i++) {
        if (sqlite3_prepare_v2(db, pragmas[i], -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            printf_(&t, "%s = %lld\n", pragmas[i], (long long)sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
        st = NULL;
    }
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &st,
                           NULL) == SQLITE_OK) {
        char *names[64];
        size_t n = 0;
        while (n < 64 && sqlite3_step(st) == SQLITE_ROW)
            names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        for (size_t i = 0; i < n; i++) {
            if (names[i] != NULL && !skipped(names[i], skip))
                dump_table(db, names[i], &t);
            free(names[i]);
        }
    } else {
        printf_(&t, "CORRUPT: cannot list tables: %s", sqlite3_errmsg(db));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    bw_sqlfault_pause(false);
    /* A file SQLite created but nothing was written into holds no data: the
     * same as no file (the tracker and the cache treat it as new). */
    if (strcmp(t.s, "PRAGMA user_version = 0\nPRAGMA application_id = 0\n") == 0) {
        t.len = 0;
        puts_(&t, "absent");
    }
    return t.s;
}

char *fdb_no_rows_is_absent(char *state)
{
    if (strncmp(state, "CORRUPT", 7) != 0 && strstr(state, "\n|") == NULL && strlen(state) >= 7)
        snprintf(state, strlen(state) + 1, "%s", "absent");
    return state;
}

long long fdb_query(const char *path, const char *sql)
{
    bw_sqlfault_pause(true);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    bw_sqlfault_pause(false);
    return v;
}

/* Prints up to 12 lines of `s` from line `from`. */
static void print_lines(const char *label, const char *s, size_t from)
{
    fprintf(stderr, "--- %s, from line %zu:\n", label, from + 1);
    size_t line = 0;
    for (const char *p = s; *p && line < from + 12; line++) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (line >= from)
            fprintf(stderr, "%.*s\n", (int)(len > 300 ? 300 : len), p);
        p += len + (e ? 1 : 0);
    }
}

_Noreturn void fdb_violation(const char *driver, const char *what, const char *a, const char *b)
{
    fprintf(stderr, "%s: VIOLATION: %s\n", driver, what);
    /* Show where the two texts start to differ. */
    size_t line = 0;
    if (a != NULL && b != NULL)
        for (size_t i = 0; a[i] && a[i] == b[i]; i++)
            if (a[i] == '\n')
                line++;
    size_t from = line > 3 ? line - 3 : 0;
    if (a != NULL)
        print_lines("got", a, from);
    if (b != NULL)
        print_lines("expected", b, from);
    exit(3);
}

void fdb_old_or_new(const char *driver, const char *op, const char *got, const char *old_state,
                    const char *new_state)
{
    char what[256];
    if (strncmp(got, "CORRUPT", 7) == 0) {
        snprintf(what, sizeof what, "%s: the database is damaged", op);
        fdb_violation(driver, what, got, NULL);
    }
    if (strcmp(got, old_state) == 0 || strcmp(got, new_state) == 0)
        return;
    snprintf(what, sizeof what, "%s failed and left a state that is neither the old nor the new one", op);
    fdb_violation(driver, what, got, new_state);
}

bool fdb_scratch_dir(char *dir, size_t cap, const char *root, const char *name)
{
    snprintf(dir, cap, "%s/%s.XXXXXX", root, name);
    if (mkdtemp(dir) != NULL)
        return true;
    perror(dir);
    return false;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fdb_remove_tree(const char *dir) { nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS); }
