/*
 * sqlite_workload.c — a deterministic SQLite workload for the hardening
 * benchmark: inserts, an index, joins, LIKE, sorting, aggregates, updates
 * and deletes on an in-memory database.  Prints a checksum, which must be
 * the same for every build configuration (a compatibility check too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

static void must(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static unsigned long long checksum;

static int collect(void *arg, int n, char **vals, char **names)
{
    (void)arg;
    (void)names;
    for (int i = 0; i < n; i++)
        for (const char *p = vals[i] ? vals[i] : "null"; *p; p++)
            checksum = checksum * 131 + (unsigned char)*p;
    return 0;
}

int main(int argc, char **argv)
{
    int rows = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 20000;
    sqlite3 *db;
    must(sqlite3_open(":memory:", &db), db, "open");
    must(sqlite3_exec(db,
        "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, cat INTEGER, price REAL, note TEXT);"
        "CREATE TABLE cat(id INTEGER PRIMARY KEY, label TEXT);", NULL, NULL, NULL), db, "schema");
    must(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), db, "begin");
    sqlite3_stmt *st;
    must(sqlite3_prepare_v2(db, "INSERT INTO item(name,cat,price,note) VALUES(?,?,?,?)", -1, &st, NULL), db, "prep");
    char name[64], note[128];
    unsigned x = 12345;
    for (int i = 0; i < rows; i++) {
        x = x * 1103515245u + 12345u;
        snprintf(name, sizeof name, "item-%08u-%d", x % 100000000u, i);
        snprintf(note, sizeof note, "note %u for %s with some padding text", x % 977u, name);
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, (int)(x % 50u));
        sqlite3_bind_double(st, 3, (double)(x % 100000u) / 100.0);
        sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
        must(sqlite3_step(st), db, "insert");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    for (int c = 0; c < 50; c++) {
        char sql[128];
        snprintf(sql, sizeof sql, "INSERT INTO cat VALUES(%d, 'category %d')", c, c * 7);
        must(sqlite3_exec(db, sql, NULL, NULL, NULL), db, "cat");
    }
    must(sqlite3_exec(db, "COMMIT; CREATE INDEX item_cat ON item(cat, price);", NULL, NULL, NULL), db, "index");
    static const char *const queries[] = {
        "SELECT cat, count(*), round(sum(price),2), max(name) FROM item GROUP BY cat ORDER BY cat",
        "SELECT c.label, count(*) FROM item i JOIN cat c ON c.id = i.cat WHERE i.price > 500 GROUP BY c.label ORDER BY 2 DESC LIMIT 10",
        "SELECT name, price FROM item WHERE name LIKE '%77%' ORDER BY price DESC LIMIT 20",
        "SELECT substr(note, 6, 3) AS k, count(*) FROM item GROUP BY k ORDER BY count(*) DESC LIMIT 5",
        "SELECT upper(name), length(note) FROM item WHERE cat = 7 AND price BETWEEN 100 AND 400 ORDER BY name",
    };
    for (int round = 0; round < 3; round++)
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
            must(sqlite3_exec(db, queries[q], collect, NULL, NULL), db, queries[q]);
    must(sqlite3_exec(db, "UPDATE item SET price = price * 1.1 WHERE cat % 3 = 0;"
                          "DELETE FROM item WHERE cat % 7 = 1;", NULL, NULL, NULL), db, "update");
    must(sqlite3_exec(db, "SELECT count(*), round(sum(price),2) FROM item", collect, NULL, NULL), db, "final");
    sqlite3_close(db);
    printf("checksum %llu\n", checksum);
    return 0;
}
