/* A local that only ever holds one string literal is that literal: its
 * conversions decide what is escaped (%q/%Q) and it is a literal format.
 * One that may hold something else (two literals, a non-literal, its
 * address taken) is not. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int quoted_local_safe(sqlite3 *db)
{
    const char *zSelect = "SELECT v FROM %Q.'%q_config'";
    char *sql = sqlite3_mprintf(zSelect, getenv("DB"), getenv("TABLE"));
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

int unquoted_local_bad(sqlite3 *db)
{
    const char *zSelect = "SELECT v FROM %s";
    char *sql = sqlite3_mprintf(zSelect, getenv("TABLE"));
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* two literals: which one is used is not known, the %s one may be */
int two_literals_bad(sqlite3 *db, int raw)
{
    const char *zFmt = "DELETE FROM t WHERE k = %Q";
    if (raw)
        zFmt = "DELETE FROM t WHERE k = %s";
    char *sql = sqlite3_mprintf(zFmt, getenv("KEY"));
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* the same literal on both branches is still that literal */
int same_literal_safe(sqlite3 *db, int again)
{
    const char *zFmt = "DELETE FROM t WHERE k = %Q";
    if (again)
        zFmt = "DELETE FROM t WHERE k = %Q";
    char *sql = sqlite3_mprintf(zFmt, getenv("KEY"));
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

static void pick_format(const char **out) { *out = getenv("FMT"); }

/* its address is taken: anything may have been stored in it */
int address_taken_bad(sqlite3 *db)
{
    const char *zFmt = "SELECT %Q";
    pick_format(&zFmt);
    char *sql = sqlite3_mprintf(zFmt, "x"); // expect: BW-FORMAT-STRING
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* a format kept in a local is a literal format */
void local_format_safe(const char *user)
{
    const char *fmt = "user %s logged in\n";
    fprintf(stderr, fmt, user);
}

void local_format_bad(void)
{
    const char *fmt = "user %s logged in\n";
    fmt = getenv("LOG_FORMAT");
    fprintf(stderr, fmt, "root"); // expect: BW-FORMAT-STRING
}
