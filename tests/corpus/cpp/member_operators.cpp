// An operator whose left operand is a member (`q_ = s`, `r_(s)`) acts on
// that member, not on the whole object that holds it: the other members
// keep their own values.
#include <cstdlib>
#include <sqlite3.h>
#include <string>

struct Query {
    sqlite3 *db_;
    std::string sql_;
    std::string label_;

    void load_bad() { sql_ = std::getenv("QUERY"); }
    void load_ok()
    {
        sql_ = "SELECT count(*) FROM t";
        label_ = std::getenv("LABEL");
    }
    int run() { return sqlite3_exec(db_, sql_.c_str(), nullptr, nullptr, nullptr); }
};

void member_assigned_bad(sqlite3 *db)
{
    Query q{db};
    q.load_bad();
    q.run(); // expect: BW-SQL-INJECTION
}

void member_assigned_ok(sqlite3 *db)
{
    Query q{db};
    q.load_ok();
    q.run();
}

// A member that is a function object: its call passes the arguments to
// its operator().
struct Runner {
    sqlite3 *db;
    int operator()(const char *q) const { return sqlite3_exec(db, q, nullptr, nullptr, nullptr); }
};

struct Job {
    Runner run_;
    const char *name_;
    int go_bad() { return run_(std::getenv("QUERY")); } // expect: BW-SQL-INJECTION
    int go_ok() { return run_("VACUUM"); }
};

void jobs(sqlite3 *db)
{
    Job j{{db}, "nightly"};
    j.go_bad();
    j.go_ok();
}
