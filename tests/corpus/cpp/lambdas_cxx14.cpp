// corpus-flag: -std=c++14
// Before C++17 a lambda handed straight to a call is moved into the
// parameter by an implicit constructor that libclang names no type for:
// the lambda still counts as called through a pointer (its parameters of
// unknown origin), and what it captured is still known.
#include <algorithm>
#include <cstdlib>
#include <sqlite3.h>
#include <vector>

void algorithm_unknown(sqlite3 *db, const std::vector<const char *> &queries)
{
    std::for_each(queries.begin(), queries.end(),
                  [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }); // expect: BW-SQL-INJECTION
}

void algorithm_constant(sqlite3 *db, const std::vector<int> &ids)
{
    std::for_each(ids.begin(), ids.end(), [db](int) { sqlite3_exec(db, "DELETE FROM t", nullptr, nullptr, nullptr); });
}

void algorithm_capture_bad(sqlite3 *db, const std::vector<int> &ids)
{
    const char *q = std::getenv("QUERY");
    std::for_each(ids.begin(), ids.end(), [db, q](int) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }); // expect: BW-SQL-INJECTION
}

void algorithm_capture_ok(sqlite3 *db, const std::vector<int> &ids)
{
    const char *q = "VACUUM";
    std::for_each(ids.begin(), ids.end(), [db, q](int) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); });
}

// Called where it is made: the call passes its arguments in.
void called_bad(sqlite3 *db)
{
    auto run = [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run(std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

void called_ok(sqlite3 *db)
{
    auto run = [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run("VACUUM");
}
