/* db.c — the inventory store.
 * demo_db_show_item binds its parameter (safe); demo_db_search builds SQL
 * with snprintf from the search term (BW-SQL-INJECTION); demo_db_log_view
 * uses sqlite3_mprintf with %q (safe) for one value and %s for the other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../web/render.h"
#include "db.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS items(id INTEGER PRIMARY KEY, name TEXT, price INTEGER, secret TEXT);"
    "CREATE TABLE IF NOT EXISTS views(user TEXT, page TEXT);"
    "INSERT OR IGNORE INTO items VALUES(1, 'bolt', 3, 'supplier-key-1');"
    "INSERT OR IGNORE INTO items VALUES(2, 'nut', 2, 'supplier-key-2');"
    "INSERT OR IGNORE INTO items VALUES(3, 'washer', 1, 'supplier-key-3');";

sqlite3 *demo_db_open(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int print_row(void *unused, int ncol, char **values, char **names)
{
    (void)unused;
    (void)names;
    printf("<li>");
    for (int i = 0; i < ncol; i++) {
        demo_html_escape(stdout, values[i] ? values[i] : "");
        printf(i + 1 < ncol ? " | " : "");
    }
    printf("</li>\n");
    return 0;
}

int demo_db_search(sqlite3 *db, const char *term)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT name, price FROM items WHERE name LIKE '%%%s%%'", term);
    return sqlite3_exec(db, sql, print_row, NULL, NULL);
}

int demo_db_show_item(sqlite3 *db, const char *id)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT name, price FROM items WHERE id = ?1", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        printf("<p>");
        demo_html_escape(stdout, (const char *)sqlite3_column_text(stmt, 0));
        printf(": %d</p>\n", sqlite3_column_int(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int demo_db_log_view(sqlite3 *db, const char *user, const char *page)
{
    char *sql = sqlite3_mprintf("INSERT INTO views VALUES('%q', '%s')", user, page);
    if (sql == NULL)
        return SQLITE_NOMEM;
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}
