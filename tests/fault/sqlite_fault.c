/* sqlite_fault.c — see sqlite_fault.h. */
#include "sqlite_fault.h"

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The real functions (the linker's --wrap names them __real_*). */
int __real_sqlite3_open_v2(const char *, sqlite3 **, int, const char *);
int __real_sqlite3_prepare_v2(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
int __real_sqlite3_step(sqlite3_stmt *);
int __real_sqlite3_exec(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *,
                        char **);
int __real_sqlite3_bind_text(sqlite3_stmt *, int, const char *, int, void (*)(void *));
int __real_sqlite3_bind_blob64(sqlite3_stmt *, int, const void *, sqlite3_uint64,
                               void (*)(void *));

int __wrap_sqlite3_open_v2(const char *, sqlite3 **, int, const char *);
int __wrap_sqlite3_prepare_v2(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
int __wrap_sqlite3_step(sqlite3_stmt *);
int __wrap_sqlite3_exec(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *,
                        char **);
int __wrap_sqlite3_bind_text(sqlite3_stmt *, int, const char *, int, void (*)(void *));
int __wrap_sqlite3_bind_blob64(sqlite3_stmt *, int, const void *, sqlite3_uint64,
                               void (*)(void *));

static atomic_ulong api_calls, api_fail_at, mem_calls, mem_fail_at;
static atomic_bool paused, fired;
static sqlite3_mem_methods real_mem;

void bw_sqlfault_pause(bool p) { atomic_store(&paused, p); }
bool bw_sqlfault_fired(void) { return atomic_load(&fired); }

static void announce(const char *what)
{
    atomic_store(&fired, true);
    fprintf(stderr, "bulwark-fault: injected SQLite failure (%s)\n", what);
}

/* True when this call is the one to fail. */
static bool api_should_fail(const char *what)
{
    if (atomic_load(&paused))
        return false;
    unsigned long n = atomic_fetch_add(&api_calls, 1) + 1;
    if (n != atomic_load(&api_fail_at))
        return false;
    announce(what);
    return true;
}

/* The error a failing read or write returns, varied so each mapping
 * (BW_ERR_IO, BW_ERR_NOMEM, ...) is taken. */
static int failure_code(void)
{
    static const int codes[] = {SQLITE_IOERR, SQLITE_FULL, SQLITE_NOMEM};
    return codes[atomic_load(&api_fail_at) % 3];
}

static void *fault_malloc(int n)
{
    if (!atomic_load(&paused)) {
        unsigned long k = atomic_fetch_add(&mem_calls, 1) + 1;
        if (k == atomic_load(&mem_fail_at)) {
            announce("memory allocation");
            return NULL;
        }
    }
    return real_mem.xMalloc(n);
}

static void *fault_realloc(void *p, int n)
{
    if (!atomic_load(&paused)) {
        unsigned long k = atomic_fetch_add(&mem_calls, 1) + 1;
        if (k == atomic_load(&mem_fail_at)) {
            announce("memory reallocation");
            return NULL;
        }
    }
    return real_mem.xRealloc(p, n);
}

static unsigned long env_number(const char *name)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return 0;
    char *end = NULL;
    unsigned long n = strtoul(v, &end, 10);
    return end != NULL && *end == '\0' ? n : 0;
}

/* Before main(), so before anything initialises SQLite. */
__attribute__((constructor)) static void arm(void)
{
    atomic_store(&api_fail_at, env_number("BULWARK_FAIL_SQLITE_AT"));
    unsigned long m = env_number("BULWARK_FAIL_SQLITE_MALLOC_AT");
    if (m != 0) {
        static sqlite3_mem_methods mine;
        if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) != SQLITE_OK) {
            fputs("sqlite_fault: cannot read SQLite's allocator\n", stderr);
            abort();
        }
        mine = real_mem;
        mine.xMalloc = fault_malloc;
        mine.xRealloc = fault_realloc;
        if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mine) != SQLITE_OK) {
            fputs("sqlite_fault: cannot install the failing allocator\n", stderr);
            abort();
        }
        atomic_store(&mem_fail_at, m);
    }
}

/* Opening fails like a missing directory or permission problem does: SQLite
 * still hands back a handle, which the caller must close. */
int __wrap_sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
    int rc = __real_sqlite3_open_v2(path, db, flags, vfs);
    if (rc == SQLITE_OK && api_should_fail("sqlite3_open_v2"))
        return SQLITE_CANTOPEN;
    return rc;
}

int __wrap_sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st,
                              const char **tail)
{
    if (api_should_fail("sqlite3_prepare_v2")) {
        *st = NULL;
        return failure_code();
    }
    return __real_sqlite3_prepare_v2(db, sql, n, st, tail);
}

int __wrap_sqlite3_step(sqlite3_stmt *st)
{
    if (api_should_fail("sqlite3_step"))
        return failure_code();
    return __real_sqlite3_step(st);
}

/* A failing sqlite3_exec hands an error message to callers that ask for one
 * (they must sqlite3_free it). */
int __wrap_sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **),
                        void *ctx, char **errmsg)
{
    if (api_should_fail("sqlite3_exec")) {
        int rc = failure_code();
        if (errmsg != NULL)
            *errmsg = sqlite3_mprintf("injected failure: %s", sqlite3_errstr(rc));
        return rc;
    }
    return __real_sqlite3_exec(db, sql, cb, ctx, errmsg);
}

/* Binding a copied value fails when SQLite cannot allocate the copy. */
int __wrap_sqlite3_bind_text(sqlite3_stmt *st, int i, const char *s, int n, void (*d)(void *))
{
    if (api_should_fail("sqlite3_bind_text")) {
        if (d != SQLITE_STATIC && d != SQLITE_TRANSIENT)
            d((void *)s);
        return SQLITE_NOMEM;
    }
    return __real_sqlite3_bind_text(st, i, s, n, d);
}

int __wrap_sqlite3_bind_blob64(sqlite3_stmt *st, int i, const void *p, sqlite3_uint64 n,
                               void (*d)(void *))
{
    if (api_should_fail("sqlite3_bind_blob64")) {
        if (d != SQLITE_STATIC && d != SQLITE_TRANSIENT)
            d((void *)p);
        return SQLITE_NOMEM;
    }
    return __real_sqlite3_bind_blob64(st, i, p, n, d);
}
