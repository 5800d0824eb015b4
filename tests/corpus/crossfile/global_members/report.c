#include <sqlite3.h>
#include <stdio.h>
#include "settings.h"

/* only the table name: never written from outside */
int count_items_safe(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT count(*) FROM %s", g_settings.table);
    return sqlite3_exec(db, q, 0, 0, 0);
}

/* the sort column comes from the environment */
int list_items_bad(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM %s ORDER BY %s", g_settings.table, g_settings.sort_column);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the log path is set through the exported setter: unknown origin */
int log_table_bad(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "ATTACH %s AS log", g_settings.log_path);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int main(void)
{
    settings_load_env();
    count_items_safe(NULL);
    log_table_bad(NULL);
    return list_items_bad(NULL);
}
