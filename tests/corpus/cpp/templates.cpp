// A template's body is analysed once, in its pattern: a call of an
// instantiation passes its arguments into it as a call of a function
// does (the report is at the call, with the flow into the body), and
// a template only ever given constants is silent.  Calls the pattern
// leaves unresolved because their arguments' types depend on a template
// parameter are resolved when the name means one function, a library's or
// the program's (a template: its pattern); of a member
// call on a dependent type, only the string accessors (`q.c_str()` of a
// `const T &q`) are followed.
#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>
#include <string>

template <typename Db>
int run_text(Db *db, const char *q)
{
    return sqlite3_exec(db, q, nullptr, nullptr, nullptr);
}

void function_template_bad(sqlite3 *db)
{
    run_text(db, std::getenv("QUERY")); // expect: BW-SQL-INJECTION // expect-step: passed to run_text() as argument 2
}

void function_template_ok(sqlite3 *db)
{
    run_text(db, "DELETE FROM t");
}

template <typename T>
struct Table {
    sqlite3 *db;
    T rows;
    int exec(const char *q) { return sqlite3_exec(db, q, nullptr, nullptr, nullptr); }
    int exec_twice(const char *q);
};

template <typename T>
int Table<T>::exec_twice(const char *q)
{
    exec(q);
    return exec(q);
}

void class_template_bad(sqlite3 *db)
{
    Table<int> t{db, 0};
    t.exec(std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

void class_template_ok(sqlite3 *db)
{
    Table<int> t{db, 0};
    t.exec("VACUUM");
}

void out_of_line_member_bad(sqlite3 *db)
{
    Table<long> t{db, 0};
    t.exec_twice(std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

void out_of_line_member_ok(sqlite3 *db)
{
    Table<long> t{db, 0};
    t.exec_twice("SELECT 1");
}

// A dependent argument type: the call of sqlite3_exec is resolved.
template <typename Text>
int run_dependent(sqlite3 *db, Text q)
{
    return sqlite3_exec(db, q, nullptr, nullptr, nullptr);
}

void dependent_bad(sqlite3 *db)
{
    run_dependent(db, std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

void dependent_ok(sqlite3 *db)
{
    run_dependent(db, "SELECT 2");
}

// An explicit specialization has a body of its own.
template <typename T>
void log_value(T v)
{
    std::printf("%d\n", (int)v);
}

template <>
void log_value<char *>(char *v)
{
    std::printf(v);
}

void specialization_bad()
{
    log_value(std::getenv("MSG")); // expect: BW-FORMAT-STRING
}

void specialization_ok()
{
    log_value(42);
}

// A format string through a template's return value.
template <typename T>
T pass(T v)
{
    return v;
}

void returned_bad()
{
    std::printf(pass(std::getenv("MSG"))); // expect: BW-FORMAT-STRING
}

void returned_ok()
{
    std::printf(pass("%s\n"), "fixed");
}

// A member function template is a method: `this` is its first parameter.
struct Logger {
    int level = 0;
    template <typename T>
    Logger &log(T value, const char *fmt)
    {
        this->level++;
        std::printf(fmt, value);
        return *this;
    }
};

void member_template_ok(Logger &l)
{
    l.log(std::getenv("USER"), "%s\n");
}

void member_template_bad(Logger &l)
{
    l.log(1, std::getenv("FMT")); // expect: BW-FORMAT-STRING
}

// A member template of a class template: the call reaches the pattern.
template <typename T>
struct Box {
    T value;
    template <typename U>
    void put(U fmt) { std::printf(fmt); }
};

void class_member_template_ok()
{
    Box<int> b{0};
    b.put("hello\n");
}

void class_member_template_bad()
{
    Box<int> b{0};
    b.put(std::getenv("FMT")); // expect: BW-FORMAT-STRING
}

// Called only from another template, through an overloaded name the
// pattern cannot resolve: nothing reaches it, and it is not an entry
// point with data of unknown origin.
template <typename T>
void put_value(const char *fmt, T v)
{
    std::printf(fmt, v);
}

template <typename T>
void put_value(const char *fmt, T *v, int n)
{
    std::printf(fmt, v, n);
}

template <typename T>
void outer(T v)
{
    put_value("%d\n", v);
}

void unresolved_from_pattern_ok()
{
    outer(1);
}

// A constructor's parameter 0 is the object it builds: the arguments
// count from 1, for a constructor template and a plain one alike.
struct Line {
    template <typename A>
    Line(A a, const char *fmt) { std::printf(fmt, a); }
};

struct Plain {
    Plain(int a, const char *fmt) { std::printf(fmt, a); }
};

void constructor_ok()
{
    Line l(std::getenv("A"), "%s\n");
    Plain p(1, "%d\n");
}

void constructor_template_bad()
{
    Line l(1, std::getenv("FMT")); // expect: BW-FORMAT-STRING
}

void constructor_bad()
{
    Plain p(1, std::getenv("FMT")); // expect: BW-FORMAT-STRING
}

// A member that gives a string's text, called on an object of a
// template's parameter type: the text is the object's.
template <typename Str>
int run_string(sqlite3 *db, const Str &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

template <typename Str>
int run_string_pointer(sqlite3 *db, const Str *q)
{
    return sqlite3_exec(db, q->data(), nullptr, nullptr, nullptr);
}

void dependent_member_bad(sqlite3 *db)
{
    std::string q = std::string("DELETE FROM t WHERE n = ") + std::getenv("N");
    run_string(db, q);          // expect: BW-SQL-INJECTION
    run_string_pointer(db, &q); // expect: BW-SQL-INJECTION
}

void dependent_member_ok(sqlite3 *db)
{
    std::string q = "DELETE FROM t WHERE n = " + std::to_string(std::atoi(std::getenv("N")));
    run_string(db, q);
    run_string_pointer(db, &q);
}

// A template's call of another of the program's templates, or of one of
// its functions, with an argument of a dependent type: the name means one
// declaration, so the call is resolved to it (to the template's pattern).
template <typename Str>
int exec_text(sqlite3 *db, const Str &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

template <typename Str>
int exec_through(sqlite3 *db, const Str &q)
{
    return exec_text(db, q); // expect-step: passed to exec_text() as argument 2
}

static int log_line(const char *fmt, int n)
{
    return std::printf(fmt, n);
}

template <typename Fmt>
int log_through(Fmt fmt)
{
    return log_line(fmt, 1); // expect-step: passed to log_line() as argument 1
}

void template_to_template_bad(sqlite3 *db)
{
    std::string q = std::string("DELETE FROM t WHERE n = ") + std::getenv("N");
    exec_through(db, q); // expect: BW-SQL-INJECTION
}

void template_to_template_ok(sqlite3 *db)
{
    std::string q = "DELETE FROM t WHERE n = 1";
    exec_through(db, q);
}

void template_to_function_bad()
{
    log_through(std::getenv("FMT")); // expect: BW-FORMAT-STRING
}

void template_to_function_ok()
{
    log_through("%d\n");
}

// A name the program declares more than once (in another namespace, where
// argument-dependent lookup finds it, or after the template) may mean
// another function at an instantiation, and a template with an explicit
// specialization may run it instead of the pattern: such calls stay
// unresolved.  C++ calls the binding app::bind_run() and the specialization
// here, both safe.
static int bind_run(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

template <typename Q>
int execute_adl(sqlite3 *db, const Q &q)
{
    return bind_run(db, q);
}

namespace app {
struct Insert {
    std::string name;
};

int bind_run(sqlite3 *db, const Insert &ins)
{
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &st, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, ins.name.c_str(), -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}
} // namespace app

int vacuum_adl(sqlite3 *db)
{
    return bind_run(db, "VACUUM");
}

int insert_adl_ok(sqlite3 *db)
{
    app::Insert ins{std::getenv("USER_NAME")};
    return execute_adl(db, ins);
}

struct Name {
    std::string text;
    const char *c_str() const { return text.c_str(); }
};

template <typename Q>
int run_named(sqlite3 *db, const Q &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

template <>
int run_named<Name>(sqlite3 *db, const Name &n)
{
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(db, "DELETE FROM t WHERE n = ?", -1, &st, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, n.text.c_str(), -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

template <typename Q>
int execute_named(sqlite3 *db, const Q &q)
{
    return run_named(db, q);
}

int specialized_ok(sqlite3 *db)
{
    Name n{std::getenv("N")};
    return execute_named(db, n);
}
