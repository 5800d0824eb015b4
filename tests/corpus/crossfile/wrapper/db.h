#pragma once
#include <sqlite3.h>
int db_run(sqlite3 *db, const char *sql);
int db_find_user(sqlite3 *db, const char *name);
