/* BW-SQL-INJECTION with unknown origin: no caller in the compile database
 * shows where `name` comes from, so raw SQL building is a warning. */
#include <sqlite3.h>
#include <stdio.h>

int exported_lookup(sqlite3 *db, const char *name)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM users WHERE name = '%s'", name);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int exported_lookup_bound(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT * FROM users WHERE name = ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int exported_lookup_quoted(sqlite3 *db, const char *name)
{
    char *q = sqlite3_mprintf("SELECT * FROM users WHERE name = %Q", name);
    int rc = sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
    return rc;
}
