/* The sinks; their callers in main.c decide (nothing is reported here). */
#include <stdio.h>
#include <stdlib.h>

#include "req.h"

int db_search(sqlite3 *db, const char *term)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT name FROM items WHERE name LIKE '%%%s%%'", term);
    return sqlite3_exec(db, sql, 0, 0, 0);
}

int db_log(sqlite3 *db, const char *user, const char *page)
{
    char *sql = sqlite3_mprintf("INSERT INTO views VALUES('%q', '%s')", user, page);
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

void greet(const char *name)
{
    printf("Content-Type: text/html\r\n\r\n<p>Welcome back, %s!</p>\n", name);
}

int export_report(const char *customer)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "echo exporting %s > /dev/null", customer);
    return system(cmd);
}

void log_message(const char *message)
{
    fprintf(stderr, message);
}
