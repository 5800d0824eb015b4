/* A function that knowledge rows describe -- a library's own
 * sqlite3_exec() or sqlite3_get_table() when the program compiles the SQL
 * engine, or a wrapper annotated BW_SINK -- is checked at its callers,
 * against the rows.  Its SQL parameter is the API's input: the body that
 * forwards it to the engine's own prepare is not reported again as "SQL of
 * unknown origin".  The same forwarding in an exported function that no
 * row describes is. */
#include <bulwark/annotations.h>
#include <stdlib.h>

int system(const char *command);

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **out, const char **tail);
int sqlite3_step(sqlite3_stmt *p);
int sqlite3_finalize(sqlite3_stmt *p);

/* the engine's own API functions, as the amalgamation defines them */
int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg, char **err)
{
    sqlite3_stmt *st = NULL;
    (void)cb, (void)arg, (void)err;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == 0)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

int sqlite3_get_table(sqlite3 *db, const char *sql, char ***result, int *nrow, int *ncol, char **err)
{
    (void)result, (void)nrow, (void)ncol;
    return sqlite3_exec(db, sql, 0, 0, err);
}

/* an annotated wrapper, exported */
int db_run(sqlite3 *db, const char *sql) BW_SINK(sql, 2);
int db_run(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, 0, 0, 0);
}

/* the same forwarding with no row: an exported function whose SQL text
 * nobody in the program explains (it is called only through the table) */
int run_text(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the loadable-extension table (sqlite3_api_routines) takes every API
 * function's address: a caller through it is one nobody sees */
struct api_routines {
    int (*exec)(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *, char **);
    int (*get_table)(sqlite3 *, const char *, char ***, int *, int *, char **);
    int (*run)(sqlite3 *, const char *);
    int (*run_text)(sqlite3 *, const char *);
};
const struct api_routines api = {sqlite3_exec, sqlite3_get_table, db_run, run_text};

/* callers of the described functions are checked against their rows */
int table_from_env_bad(sqlite3 *db)
{
    char **rows;
    int nrow, ncol;
    return sqlite3_get_table(db, getenv("QUERY"), &rows, &nrow, &ncol, NULL); // expect: BW-SQL-INJECTION
}

int wrapper_from_env_bad(sqlite3 *db)
{
    return db_run(db, getenv("QUERY")); // expect: BW-SQL-INJECTION
}

int wrapper_constant_safe(sqlite3 *db)
{
    return db_run(db, "DELETE FROM cache");
}

/* a row covers the parameters and kinds it names: the annotated wrapper's
 * other parameter, run as a command, is still of unknown origin */
int db_run_and_hook(sqlite3 *db, const char *sql, const char *hook) BW_SINK(sql, 2);
int db_run_and_hook(sqlite3 *db, const char *sql, const char *hook)
{
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    system(hook); // expect: BW-CMD-INJECTION
    return rc;
}

int (*const run_and_hook)(sqlite3 *, const char *, const char *) = db_run_and_hook;

/* A trusted row says what every call of the function passes: no SQL text
 * (sqlite3_reset() and sqlite3_step() take a statement whose text was
 * checked where it was prepared).  The engine's own sqlite3_reset(), which
 * runs text kept in the statement, is not reported for text it receives
 * from callers nobody sees; the same body under a name no row describes
 * is.  Untrusted data the body itself reads is reported either way. */
struct stmt_impl {
    sqlite3 *db;
    char *sql;
};

static int run_kept_text(struct stmt_impl *v)
{
    return sqlite3_exec(v->db, v->sql, 0, 0, 0);
}

int sqlite3_reset(sqlite3_stmt *p)
{
    return run_kept_text((struct stmt_impl *)p);
}

int stmt_rerun(sqlite3_stmt *p)
{
    return run_kept_text((struct stmt_impl *)p); // expect: BW-SQL-INJECTION
}

int sqlite3_finalize(sqlite3_stmt *p)
{
    struct stmt_impl *v = (struct stmt_impl *)p;
    v->sql = getenv("FINAL_SQL");
    return run_kept_text(v); // expect: BW-SQL-INJECTION
}

int (*const reset_entry)(sqlite3_stmt *) = sqlite3_reset;
int (*const rerun_entry)(sqlite3_stmt *) = stmt_rerun;
int (*const finalize_entry)(sqlite3_stmt *) = sqlite3_finalize;

/* The statement handle's row is about SQL only: text the library's own
 * sqlite3_step() runs as a command (a value bound to the statement) is
 * still of unknown origin.  And a row that says only what a function
 * returns (setlocale(): constant text) says nothing about its arguments. */
char *strdup(const char *s);

struct bound_stmt {
    char *sql;
    char *bound;
};

int sqlite3_bind_text(sqlite3_stmt *p, int i, const char *z, int n, void (*d)(void *))
{
    struct bound_stmt *v = (struct bound_stmt *)p;
    (void)i, (void)n, (void)d;
    v->bound = strdup(z);
    return 0;
}

static int run_bound_value(struct bound_stmt *v)
{
    return system(v->bound);
}

int sqlite3_step(sqlite3_stmt *p)
{
    return run_bound_value((struct bound_stmt *)p); // expect: BW-CMD-INJECTION
}

char *setlocale(int category, const char *locale)
{
    (void)category;
    system(locale); // expect: BW-CMD-INJECTION
    return 0;
}

int (*const step_entry)(sqlite3_stmt *) = sqlite3_step;
int (*const bind_entry)(sqlite3_stmt *, int, const char *, int, void (*)(void *)) = sqlite3_bind_text;
char *(*const setlocale_entry)(int, const char *) = setlocale;
