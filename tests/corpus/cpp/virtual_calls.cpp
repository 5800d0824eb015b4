// A virtual call runs the override: with one implementation of an
// interface in the program, its callers' data decides, as for a direct
// call (the report is at the caller's call, with the flow through the
// override), and a body that is only ever given constants is silent.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>
#include <string>

struct Store {
    virtual ~Store() {}
    virtual int run(const char *sql) = 0;
};

struct SqliteStore : Store {
    sqlite3 *db = nullptr;
    int run(const char *sql) override
    {
        return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    }
};

int query_bad(Store *s)
{
    std::string q = std::string("SELECT * FROM t WHERE n = '") + std::getenv("NAME") + "'";
    return s->run(q.c_str()); // expect: BW-SQL-INJECTION
}

int query_ok(Store *s)
{
    return s->run("SELECT count(*) FROM t");
}

int query_ref_bad(Store &s)
{
    return s.run(std::getenv("QUERY")); // expect: BW-SQL-INJECTION
}

// LevelDB's logger: Log() has a format attribute, so its format is a
// literal at every call; Logv() is virtual and only Log() calls it.
struct Logger {
    virtual ~Logger() {}
    virtual void Logv(const char *format, va_list ap) = 0;
};

struct StderrLogger : Logger {
    void Logv(const char *format, va_list ap) override
    {
        va_list copy;
        va_copy(copy, ap);
        vfprintf(stderr, format, copy);
        va_end(copy);
    }
};

__attribute__((format(printf, 2, 3))) void Log(Logger *log, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    log->Logv(format, ap);
    va_end(ap);
}

void log_ok(Logger *log, int n)
{
    Log(log, "%d entries\n", n);
}

struct Printer {
    virtual ~Printer() {}
    virtual void print(const char *format) = 0;
};

struct StdoutPrinter : Printer {
    void print(const char *format) override { std::printf(format); }
};

void print_ok(Printer *p)
{
    p->print("hello\n");
}

void print_bad(Printer *p)
{
    p->print(std::getenv("GREETING")); // expect: BW-FORMAT-STRING
}

// two implementations: a virtual call may run either, and each is given
// what the callers pass
struct Sink {
    virtual ~Sink() {}
    virtual void put(const char *text) = 0;
};

struct SqlSink : Sink {
    sqlite3 *db = nullptr;
    void put(const char *text) override { sqlite3_exec(db, text, nullptr, nullptr, nullptr); }
};

struct ShellSink : Sink {
    void put(const char *text) override { std::system(text); }
};

struct NullSink : Sink {
    void put(const char *) override {}
};

void put_ok(Sink *s)
{
    s->put("DELETE FROM log");
}

void put_bad(Sink *s)
{
    s->put(std::getenv("TEXT")); // expect: BW-SQL-INJECTION BW-CMD-INJECTION
}

// a base with a body of its own: a virtual call runs it or an override
struct Runner {
    virtual ~Runner() {}
    virtual void go(const char *cmd) { std::system(cmd); }
};

struct QuietRunner : Runner {
    void go(const char *) override {}
};

void go_ok(Runner *r)
{
    r->go("true");
}

void go_bad(Runner *r)
{
    r->go(std::getenv("CMD")); // expect: BW-CMD-INJECTION
}

// a qualified call runs exactly the method it names
struct Child : Runner {
    void go(const char *cmd) override { Runner::go(cmd); }
};

void qualified_bad(Child *c)
{
    c->Runner::go(std::getenv("CMD")); // expect: BW-CMD-INJECTION
}
