/* Struct initializer lists are lowered member by member: positional and
 * designated elements, nested structs.  A value in one member does not
 * reach another. */
#include <sqlite3.h>
#include <stdlib.h>

struct query {
    const char *sql;
    const char *label;
};

struct job {
    struct query q;
    int retries;
};

int designated_bad(sqlite3 *db, char **argv)
{
    struct query r = {.label = "user", .sql = argv[1]};
    return sqlite3_exec(db, r.sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int designated_safe(sqlite3 *db, char **argv)
{
    struct query r = {.sql = "SELECT 1", .label = argv[1]};
    return sqlite3_exec(db, r.sql, 0, 0, 0);
}

int positional_bad(sqlite3 *db)
{
    struct query r = {getenv("SQL"), "env"};
    return sqlite3_exec(db, r.sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int positional_safe(sqlite3 *db)
{
    struct query r = {"SELECT 2", getenv("LABEL")};
    return sqlite3_exec(db, r.sql, 0, 0, 0);
}

int nested_bad(sqlite3 *db)
{
    struct job j = {{getenv("SQL"), "nested"}, 3};
    return sqlite3_exec(db, j.q.sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int nested_safe(sqlite3 *db)
{
    struct job j = {.q = {.sql = "SELECT 3", .label = getenv("LABEL")}, .retries = 1};
    return sqlite3_exec(db, j.q.sql, 0, 0, 0);
}
