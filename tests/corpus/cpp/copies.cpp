// A check covers the copies made before it only in C: in C++ a reference
// or a lambda's capture can point the checked variable elsewhere under a
// name the analysis does not follow (helper-54's R1, R2).
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *user_query() { return getenv("Q"); }

static int is_word(const char *s)
{
    if (strspn(s, "abcdefghijklmnopqrstuvwxyz_") != strlen(s))
        return 0;
    return 1;
}

static void point_to_main(const char *&p)
{
    p = "main";
}

void repointed_by_reference_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    point_to_main(s);
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void repointed_by_lambda_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    auto reset = [&]() { s = "main"; };
    reset();
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void copy_checked_itself_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    if (!is_word(q))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}
