/* The sink wrappers live here; the callers in main.c decide. */
#include "db.h"
#include <stdio.h>

int db_run(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, 0, 0, 0);
}

int db_find_user(sqlite3 *db, const char *name)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM users WHERE name = '%s'", name);
    return db_run(db, q);
}
