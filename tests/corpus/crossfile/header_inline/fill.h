/* Header functions (static or inline) are analysed in the TUs that use
 * them: called, or named as a function pointer, directly or through another
 * header function.  One that no TU uses is code no TU runs, and is not
 * reported (as scan-build does not analyse header functions on their own). */
#pragma once
#include <sqlite3.h>
#include <string.h>

static inline void fill_called(void)
{
    char b[4];
    memset(b, 0, 8); // expect: BW-BUFFER-OVERFLOW
    (void)b;
}

static inline void fill_inner(void)
{
    char b[4];
    memset(b, 0, 8); // expect: BW-BUFFER-OVERFLOW
    (void)b;
}

static inline void fill_outer(void) { fill_inner(); }

static inline void fill_by_pointer(void)
{
    char b[4];
    memset(b, 0, 8); // expect: BW-BUFFER-OVERFLOW
    (void)b;
}

/* its safe twin: the same code, which no TU uses */
static inline void fill_unused(void)
{
    char b[4];
    memset(b, 0, 8);
    (void)b;
}

static inline int run_sql(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, 0, 0, 0); }

static inline int run_sql_unused(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, 0, 0, 0); }
