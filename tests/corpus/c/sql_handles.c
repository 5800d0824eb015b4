/* Handles: a pointer to a struct is not text.  An exported function's
 * handle parameter has no "unknown" text of its own — its members do, each
 * on its own — so a statement built from constants and run through a
 * handle stays silent even when the handle also holds a connection of
 * unknown origin. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct stmt {
    char *sql;
    char *err;
    sqlite3 *db;
};

static int stmt_exec(struct stmt *p)
{
    return sqlite3_exec(p->db, p->sql, 0, 0, 0);
}

static struct stmt *stmt_new(sqlite3 *db, const char *sql)
{
    struct stmt *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->db = db;
    s->sql = strdup(sql);
    return s;
}

/* exported, no caller here: `db` is a handle of unknown origin, the SQL a literal */
int run_constant_safe(sqlite3 *db)
{
    struct stmt *s = stmt_new(db, "DELETE FROM cache");
    return s != NULL ? stmt_exec(s) : 1;
}

/* exported: the statement's text is whatever the caller put in the handle */
int run_member_unknown_bad(struct stmt *p)
{
    return sqlite3_exec(p->db, p->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the handle is fine, the SQL comes from the environment */
int run_env_bad(sqlite3 *db)
{
    struct stmt *s = stmt_new(db, getenv("SQL"));
    return s != NULL ? stmt_exec(s) : 1; // expect: BW-SQL-INJECTION
}
