// A lambda's body is its closure's call operator: a call of the lambda
// passes its arguments as a call of a function does (the report is at
// the call, with the flow into the body), and a lambda only ever given
// constants is silent.  A lambda handed to a call (an algorithm, a
// thread) is called where the program does not show: its parameters are
// of unknown origin, as a function's whose address is taken.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>
#include <string>
#include <vector>

void called_bad(sqlite3 *db)
{
    auto run = [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run(std::getenv("QUERY")); // expect: BW-SQL-INJECTION // expect-step: passed to operator()() as argument 1
}

void called_ok(sqlite3 *db)
{
    auto run = [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run("DELETE FROM t");
    run("VACUUM");
}

void string_param_bad(sqlite3 *db)
{
    auto run = [db](const std::string &q) { return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    std::string q = std::string("SELECT * FROM t WHERE n = '") + std::getenv("NAME") + "'";
    run(q); // expect: BW-SQL-INJECTION
}

void string_param_ok(sqlite3 *db)
{
    auto run = [db](const std::string &q) { return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    run(std::string("SELECT count(*) FROM t"));
}

void returns_bad(sqlite3 *db)
{
    auto build = [](const char *name) {
        std::string q = "SELECT * FROM t WHERE n = '";
        q += name;
        return q + "'";
    };
    std::string q = build(std::getenv("NAME"));
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void returns_ok(sqlite3 *db)
{
    auto build = [](int n) { return "SELECT * FROM t LIMIT " + std::to_string(n); };
    std::string q = build(std::atoi(std::getenv("N")));
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

void nested_bad(sqlite3 *db)
{
    auto outer = [db](const char *q) {
        auto inner = [db](const char *s) { sqlite3_exec(db, s, nullptr, nullptr, nullptr); };
        inner(q);
    };
    outer(std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

void nested_ok(sqlite3 *db)
{
    auto outer = [db](const char *q) {
        auto inner = [db](const char *s) { sqlite3_exec(db, s, nullptr, nullptr, nullptr); };
        inner(q);
    };
    outer("SELECT 1");
}

// Handed to an algorithm: the elements come from wherever the vector's do.
void algorithm_unknown(sqlite3 *db, const std::vector<const char *> &queries)
{
    std::for_each(queries.begin(), queries.end(),
                  [db](const char *q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }); // expect: BW-SQL-INJECTION
}

void format_bad()
{
    auto say = [](const char *msg) { std::printf(msg); };
    say(std::getenv("GREETING")); // expect: BW-FORMAT-STRING
}

void format_ok()
{
    auto say = [](const char *msg) { std::printf("%s\n", msg); };
    say(std::getenv("GREETING"));
}

// A generic lambda is a template: its body is analysed once, in its
// pattern, and each call passes its arguments in.
void generic_bad(sqlite3 *db)
{
    auto run = [db](const auto &q) { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    run(std::string(std::getenv("QUERY"))); // expect: BW-SQL-INJECTION
}

void generic_ok(sqlite3 *db)
{
    auto run = [db](const auto &q) { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    run(std::string("SELECT 1"));
}

void generic_algorithm(sqlite3 *db, const std::vector<const char *> &queries)
{
    std::for_each(queries.begin(), queries.end(),
                  [db](auto q) { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }); // expect: BW-SQL-INJECTION
}
