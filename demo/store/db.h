/* db.h — the inventory store (SQLite). */
#ifndef DEMO_DB_H
#define DEMO_DB_H

#include <sqlite3.h>

/* Opens (and creates) the inventory database at path. NULL on failure. */
sqlite3 *demo_db_open(const char *path);
/* Prints the items whose name contains `term` as HTML list items. */
int demo_db_search(sqlite3 *db, const char *term);
/* Prints the item with this id (safe: bound parameter). */
int demo_db_show_item(sqlite3 *db, const char *id);
/* Records a page view for `user` (legacy-style query building). */
int demo_db_log_view(sqlite3 *db, const char *user, const char *page);

#endif
