/* The same flows compiled with _FORTIFY_SOURCE, where glibc turns snprintf,
 * strcpy, fgets, ... into __builtin___*_chk calls. */
#define _FORTIFY_SOURCE 2
#define __OPTIMIZE__ 1 /* what -O2 defines; glibc fortifies only then */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fortified_snprintf_bad(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT '%s'", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void fortified_snprintf_int_safe(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT %d", atoi(getenv("N")));
    sqlite3_exec(db, q, 0, 0, 0);
}

void fortified_strcpy_bad(sqlite3 *db)
{
    char q[128];
    strcpy(q, getenv("Q"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void fortified_fgets_bad(sqlite3 *db)
{
    char q[128];
    if (fgets(q, sizeof q, stdin))
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
