// What a lambda's body reads of a variable it captures, by copy, by
// reference, implicitly ([=], [&]) or in an init capture ([s = ...]), is
// what the function gave it: however the lambda is called (directly, by
// an algorithm, through a std::function).  A capture of a constant or of
// escaped text is silent.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <sqlite3.h>
#include <string>
#include <vector>

void copy_bad(sqlite3 *db)
{
    std::string q = std::string("SELECT * FROM t WHERE n = '") + std::getenv("NAME") + "'";
    auto run = [db, q]() { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION // expect-step: 'q' is captured by a lambda here
    run();
}

void copy_ok(sqlite3 *db)
{
    std::string q = "SELECT count(*) FROM t";
    auto run = [db, q]() { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    run();
}

void implicit_ref_bad(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    run();
}

void implicit_ref_ok(sqlite3 *db)
{
    char *q = sqlite3_mprintf("SELECT * FROM t WHERE n = %Q", std::getenv("NAME"));
    auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run();
    sqlite3_free(q);
}

void implicit_copy_bad()
{
    const char *fmt = std::getenv("GREETING");
    auto say = [=]() { std::printf(fmt); }; // expect: BW-FORMAT-STRING
    say();
}

void implicit_copy_ok()
{
    const char *fmt = "%s\n";
    auto say = [=]() { std::printf(fmt, "hello"); };
    say();
}

void init_capture_bad(sqlite3 *db)
{
    auto run = [db, s = std::string("DELETE FROM t WHERE n = ") + std::getenv("N")]() {
        sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
    };
    run();
}

void init_capture_ok(sqlite3 *db)
{
    auto run = [db, s = "DELETE FROM t WHERE n = " + std::to_string(std::atoi(std::getenv("N")))]() {
        sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr);
    };
    run();
}

// Handed to an algorithm: its parameter is of unknown origin, but what it
// captured is known.
void algorithm_capture_bad(sqlite3 *db, const std::vector<int> &ids)
{
    const char *table = std::getenv("TABLE");
    std::for_each(ids.begin(), ids.end(), [db, table](int id) {
        char *q = sqlite3_mprintf("DELETE FROM %s WHERE id = %d", table, id);
        sqlite3_exec(db, q, nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
        sqlite3_free(q);
    });
}

void algorithm_capture_ok(sqlite3 *db, const std::vector<int> &ids)
{
    const char *table = "items";
    std::for_each(ids.begin(), ids.end(), [db, table](int id) {
        char *q = sqlite3_mprintf("DELETE FROM %s WHERE id = %d", table, id);
        sqlite3_exec(db, q, nullptr, nullptr, nullptr);
        sqlite3_free(q);
    });
}

void function_object_bad(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    std::function<int()> run = [db, q]() { return sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    run();
}

void function_object_ok(sqlite3 *db)
{
    const char *q = "VACUUM";
    std::function<int()> run = [db, q]() { return sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run();
}

// A lambda inside a lambda captures what the outer one captured.
void nested_capture_bad(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto outer = [db, q]() {
        auto inner = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
        inner();
    };
    outer();
}

void nested_three_deep_bad(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto outer = [=]() {
        auto middle = [=]() {
            auto inner = [=]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
            inner();
        };
        middle();
    };
    outer();
}

void nested_three_deep_ok(sqlite3 *db)
{
    const char *q = "VACUUM";
    auto outer = [=]() {
        auto middle = [=]() {
            auto inner = [=]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
            inner();
        };
        middle();
    };
    outer();
}

void nested_capture_ok(sqlite3 *db)
{
    const char *q = "SELECT 1";
    auto outer = [db, q]() {
        auto inner = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
        inner();
    };
    outer();
}

// A captured parameter carries what the function's callers pass.
static void run_later(sqlite3 *db, const char *q)
{
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    run();
}

static void run_later_constant(sqlite3 *db, const char *q)
{
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run();
}

void captured_parameters(sqlite3 *db)
{
    run_later(db, std::getenv("QUERY"));
    run_later_constant(db, "DELETE FROM t");
}

// A lambda inside a function template: the call of its variable, which
// the pattern leaves unresolved, is the closure's call.
template <typename T>
void template_run(sqlite3 *db, T q)
{
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    run();
}

template <typename T>
void template_run_constant(sqlite3 *db, T q)
{
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    run();
}

void templates(sqlite3 *db)
{
    template_run(db, std::getenv("QUERY")); // expect-step: captured by a lambda in template_run()
    template_run_constant(db, "VACUUM");
}

// The body writes the variable it captured by reference.
void written_in_lambda_bad(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto load = [&]() { q = std::getenv("QUERY"); };
    load(); // expect-step: written to a captured variable by operator()()
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void written_in_lambda_ok(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto load = [&]() { q = "SELECT 2"; };
    load();
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

// Made in a loop: each lambda captures the element of its iteration.
void loop_bad(sqlite3 *db, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *q = argv[i];
        auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
        run();
    }
}

void loop_ok(sqlite3 *db)
{
    const char *queries[] = {"VACUUM", "ANALYZE"};
    for (const char *q : queries) {
        auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
        run();
    }
}

// A lambda that uses its method's `this` reads the object's members when
// the method calls it.
struct Store {
    sqlite3 *db_;
    std::string sql_;
    std::string label_;

    void load_bad() { sql_ = std::getenv("QUERY"); }
    void load_ok()
    {
        sql_ = "VACUUM";
        label_ = std::getenv("LABEL");
    }
    void run_later()
    {
        auto run = [this]() { sqlite3_exec(db_, sql_.c_str(), nullptr, nullptr, nullptr); };
        run();
    }
};

void this_capture_bad(sqlite3 *db)
{
    Store s{db};
    s.load_bad();
    s.run_later(); // expect: BW-SQL-INJECTION
}

void this_capture_ok(sqlite3 *db)
{
    Store s{db};
    s.load_ok();
    s.run_later();
}

// Where the lambda runs counts for what it captured by reference, or as
// a pointer: a check or a change made after the lambda is made, before
// its call, is seen in its body.
void checked_after_ok(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    if (std::strspn(q, "abcdefghijklmnopqrstuvwxyz_") != std::strlen(q))
        return;
    run();
}

void checked_after_by_reference_ok(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    if (std::strspn(q, "abcdefghijklmnopqrstuvwxyz_") != std::strlen(q))
        return;
    run();
}

void changed_after_by_reference_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    q = std::getenv("QUERY");
    run();
}

void changed_after_by_reference_ok(sqlite3 *db)
{
    const char *q = std::getenv("QUERY");
    auto run = [&]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    q = "SELECT 1";
    run();
}

void buffer_written_after_bad(sqlite3 *db)
{
    char buf[64] = "SELECT 1";
    char *p = buf;
    auto run = [db, p]() { sqlite3_exec(db, p, nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    std::snprintf(buf, sizeof buf, "%s", std::getenv("QUERY"));
    run();
}

// A pointer captured by copy keeps what it pointed to where the lambda
// was made, when the function points it elsewhere later; a record or an
// array captured by copy is a copy: later changes on either side stay on
// that side.
void pointer_repointed_ok(sqlite3 *db)
{
    const char *q = "SELECT 1";
    auto run = [db, q]() { sqlite3_exec(db, q, nullptr, nullptr, nullptr); };
    q = std::getenv("QUERY");
    run();
    std::puts(q);
}

void string_changed_after_ok(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto run = [db, q]() { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    q += std::getenv("QUERY");
    run();
    std::puts(q.c_str());
}

void copy_changed_in_lambda_ok(sqlite3 *db)
{
    std::string q = "SELECT 1";
    char buf[64] = "SELECT 2";
    auto fill = [q, buf]() mutable {
        q += std::getenv("QUERY");
        std::snprintf(buf, sizeof buf, "%s", std::getenv("QUERY"));
        std::puts(q.c_str());
        std::puts(buf);
    };
    fill();
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
    sqlite3_exec(db, buf, nullptr, nullptr, nullptr);
}

// The body's assignment to a variable captured by reference is the
// variable's after the call.
void assigned_by_reference_bad()
{
    const char *cmd = "ls";
    auto load = [&]() { cmd = std::getenv("CMD"); };
    load();
    std::system(cmd); // expect: BW-CMD-INJECTION
}

void assigned_by_reference_at_once_bad()
{
    const char *cmd = "ls";
    [&]() { cmd = std::getenv("CMD"); }();
    std::system(cmd); // expect: BW-CMD-INJECTION
}

void assigned_by_reference_ok(bool all)
{
    const char *cmd = "ls";
    auto load = [&]() { cmd = "ls -l"; };
    if (all)
        load();
    std::system(cmd);
}

// A copy of the lambda, or a reference to it, reads the variables where
// it runs.
void closure_copy_bad(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto run = [&]() { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); }; // expect: BW-SQL-INJECTION
    auto again = run;
    q = std::getenv("QUERY");
    again();
}

void closure_copy_ok(sqlite3 *db)
{
    std::string q = std::getenv("QUERY");
    auto run = [&]() { sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); };
    auto again = run;
    q = "SELECT 1";
    auto &same = again;
    same();
}

// Written in a macro: the capture's kind comes from the lambda itself.
#define RUN_BY_REFERENCE(db, s) [&s, db]() { sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr); }
#define RUN_BY_COPY(db, s) [s, db]() { sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr); }

void macro_by_reference_bad(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto run = RUN_BY_REFERENCE(db, q); // expect: BW-SQL-INJECTION
    q = std::getenv("QUERY");
    run();
}

void macro_by_copy_ok(sqlite3 *db)
{
    std::string q = "SELECT 1";
    auto run = RUN_BY_COPY(db, q);
    q = std::getenv("QUERY");
    run();
}

// `this` is the object whose method wrote the lambda: a lambda another
// object's method made reads that object; `[*this]` reads a copy made
// where the lambda was.
struct Shell {
    std::string cmd_ = "ls";
    auto runner()
    {
        return [this]() { std::system(cmd_.c_str()); };
    }
    void other_object_ok(Shell &other)
    {
        cmd_ = std::getenv("CMD");
        auto run = other.runner();
        run();
    }
    void copied_object_ok()
    {
        auto run = [*this]() { std::system(cmd_.c_str()); };
        cmd_ = std::getenv("CMD");
        run();
    }
};

void shells()
{
    Shell a, b;
    a.other_object_ok(b);
    a.copied_object_ok();
}
