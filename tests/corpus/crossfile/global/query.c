#include <sqlite3.h>
#include <stdio.h>

extern const char *g_sort_column;
extern const char *g_table;
void load_config(void);

int list_users(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM %s ORDER BY %s", g_table, g_sort_column);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int count_users(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT count(*) FROM %s", g_table);
    return sqlite3_exec(db, q, 0, 0, 0);
}

int main(void)
{
    load_config();
    list_users(NULL);
    return count_users(NULL);
}
