// A virtual call runs the override: with one implementation of an
// interface in the program, its callers' data decides, as for a direct
// call (the report is at the caller's call, with the flow through the
// override), and a body that is only ever given constants is silent.
#include <cstdarg>
#include <cstdio>
#include <bulwark/annotations.h>
#include <cstdlib>
#include <exception>
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
    return s.run(std::getenv("QUERY")); // expect: BW-SQL-INJECTION // expect-step: passed to run() as argument 1
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

// the object's class decides which overrides may run: a sibling's cannot
struct Handler {
    virtual ~Handler() {}
    virtual void handle(const char *arg) { std::puts(arg); }
};

struct EchoHandler : Handler {
    void banner() { std::puts("echo"); }
};

struct ShellHandler : Handler {
    void handle(const char *arg) override { std::system(arg); }
};

void echo_ok(EchoHandler *h)
{
    h->handle(std::getenv("MSG"));
}

void shell_handler_bad(ShellHandler &h)
{
    h.handle(std::getenv("MSG")); // expect: BW-CMD-INJECTION
}

// an object itself (not a pointer or reference) is of its own class
struct Job {
    virtual ~Job() {}
    virtual void start(const char *arg) { std::puts(arg); }
};

struct ShellJob : Job {
    void start(const char *arg) override { std::system(arg); }
};

void job_by_value_ok(void)
{
    Job j;
    j.start(std::getenv("ARG"));
}

void shell_job_by_value_bad(void)
{
    ShellJob j;
    j.start(std::getenv("ARG")); // expect: BW-CMD-INJECTION
}

// in a constructor or destructor the object is of that class: its own
// method runs, not an override
struct Plugin {
    Plugin() { configure(std::getenv("PLUGIN_OPTS")); }
    virtual ~Plugin() {}
    virtual void configure(const char *opts) { std::puts(opts); }
};

struct ShellPlugin : Plugin {
    void configure(const char *opts) override { std::system(opts); }
};

void plugin_bad(Plugin *p)
{
    p->configure(std::getenv("PLUGIN_OPTS")); // expect: BW-CMD-INJECTION
}

// an annotation on the interface's method says what every
// implementation does
struct Quoter {
    virtual ~Quoter() {}
    virtual std::string quote(const char *s) BW_SANITIZER(cmd) = 0;
};

struct ShellQuoter : Quoter {
    std::string quote(const char *s) override
    {
        std::string r = "'";
        for (const char *p = s; *p; p++)
            r += *p == '\'' ? std::string("'\\''") : std::string(1, *p);
        return r + "'";
    }
};

void quoted_ok(Quoter *q)
{
    std::string cmd = "cat " + q->quote(std::getenv("FILE"));
    std::system(cmd.c_str());
}

void unquoted_bad(void)
{
    std::string cmd = std::string("cat ") + std::getenv("FILE");
    std::system(cmd.c_str()); // expect: BW-CMD-INJECTION
}

// operators: called by name or in operator syntax, on a pointer or reference
struct Command {
    virtual ~Command() {}
    virtual void operator()(const char *c) = 0;
};

struct ShellCommand : Command {
    void operator()(const char *c) override { std::system(c); }
};

void call_operator_ok(Command *c)
{
    (*c)("true");
    c->operator()("true");
}

void call_operator_bad(Command *c, Command &r)
{
    (*c)(std::getenv("A")); // expect: BW-CMD-INJECTION
    c->operator()(std::getenv("B")); // expect: BW-CMD-INJECTION
    r(std::getenv("C")); // expect: BW-CMD-INJECTION
}

// a library's virtual method may run the library's own bodies, too
struct ConfigError : std::exception {
    const char *what() const noexcept override { return "bad config"; }
};

void report_bad(const std::exception &e)
{
    std::printf(e.what()); // expect: BW-FORMAT-STRING
}

// a format attribute on the interface's method checks the call's format;
// the override still runs
struct FormatDb {
    virtual ~FormatDb() {}
    virtual int execf(const char *fmt, ...) __attribute__((format(printf, 2, 3))) = 0;
};

struct SqliteFormatDb : FormatDb {
    sqlite3 *db = nullptr;
    int execf(const char *fmt, ...) override
    {
        char sql[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(sql, sizeof sql, fmt, ap);
        va_end(ap);
        return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    }
};

int execf_bad(FormatDb *d)
{
    return d->execf("SELECT * FROM t WHERE n = '%s'", std::getenv("NAME")); // expect: BW-SQL-INJECTION
}

int execf_ok(FormatDb *d)
{
    return d->execf("SELECT count(*) FROM t WHERE n = %d", 3);
}

// a class template's own method body runs no library code
template <class T> struct Describer {
    virtual ~Describer() {}
    virtual const char *fmt() const { return "base %d\n"; }
};

struct Counter : Describer<int> {
    const char *fmt() const override { return "count %d\n"; }
};

void describe_ok(const Describer<int> &d)
{
    std::printf(d.fmt(), 1);
}

// p[0] through a pointer is *p
void first_element_bad(Command *c)
{
    c[0](std::getenv("D")); // expect: BW-CMD-INJECTION
}

// *this in a constructor is of that class
struct Widget {
    Widget(const char *name) { (*this).draw(name); }
    virtual ~Widget() {}
    virtual void draw(const char *name) { std::puts(name); }
};

struct ShellWidget : Widget {
    ShellWidget() : Widget(std::getenv("NAME")) {}
    void draw(const char *name) override { std::system(name); } // expect: BW-CMD-INJECTION (nothing calls it: of unknown origin)
};

// a virtual method with no body the TU sees may be a library's
struct Labelled {
    virtual ~Labelled() {}
    virtual const char *label() const; // defined in a library
};

struct Fixed : Labelled {
    const char *label() const override { return "fixed"; }
};

void label_bad(const Labelled &l)
{
    std::printf(l.label()); // expect: BW-FORMAT-STRING
}
