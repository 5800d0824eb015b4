/* A program that compiles the SQL engine itself, as projects that vendor
 * SQLite's amalgamation do.  The engine's own sqlite3_step() re-runs
 * schema text that it read from the database and stored in the statement
 * (SQLite's OP_ParseSchema does this); from its body alone, step "runs SQL
 * held by the statement".  But sqlite3_step() is an API with a contract:
 * it runs a statement whose text was checked where it was prepared
 * (sqlite3_prepare*, the sink), so a statement handle passed to it is not
 * a query — the knowledge row says so and the body is not used at calls. */
#include <stdlib.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

struct sqlite3_stmt {
    sqlite3 *db;
    char *zSql;        /* the text it was prepared from */
    char *zSchemaSql;  /* schema text read back from the database */
};

int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg, char **err);
int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **out, const char **tail);
const unsigned char *sqlite3_column_text(sqlite3_stmt *p, int col);

/* the engine: reads schema text from the database and runs it on a schema
 * change (its own business, not the caller's query) */
int sqlite3_step(sqlite3_stmt *p)
{
    p->zSchemaSql = (char *)sqlite3_column_text(p, 4);
    if (p->zSchemaSql != NULL)
        return sqlite3_exec(p->db, p->zSchemaSql, 0, 0, 0); // bulwark-ignore(BW-SQL-INJECTION): the engine re-runs schema text it stored itself
    return 0;
}

/* the application: a constant statement, stepped */
int app_count_safe(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, NULL) != 0)
        return -1;
    return sqlite3_step(st);
}

/* the application: the statement's text itself is untrusted */
int app_query_bad(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, getenv("QUERY"), -1, &st, NULL) != 0) // expect: BW-SQL-INJECTION
        return -1;
    return sqlite3_step(st);
}
