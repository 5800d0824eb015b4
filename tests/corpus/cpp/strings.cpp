// BW-SQL-INJECTION and friends through std::string and std::ostringstream.
#include <cstdlib>
#include <iostream>
#include <sqlite3.h>
#include <sstream>
#include <string>

void plus_bad(sqlite3 *db)
{
    std::string name = std::getenv("NAME");
    std::string q = "SELECT * FROM t WHERE n = '" + name + "'";
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void plus_const_safe(sqlite3 *db)
{
    std::string name = "admin";
    std::string q = "SELECT * FROM t WHERE n = '" + name + "'";
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

void plus_assign_bad(sqlite3 *db)
{
    std::string q = "SELECT * FROM t WHERE n = '";
    q += std::getenv("NAME");
    q += "'";
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void append_bad(sqlite3 *db)
{
    std::string q("SELECT * FROM t ORDER BY ");
    q.append(std::getenv("SORT"));
    sqlite3_exec(db, q.data(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void to_string_safe(sqlite3 *db)
{
    int id = std::atoi(std::getenv("ID"));
    std::string q = "SELECT * FROM t WHERE id = " + std::to_string(id);
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

void ostringstream_bad(sqlite3 *db)
{
    std::ostringstream os;
    os << "SELECT * FROM t WHERE n = '" << std::getenv("NAME") << "'";
    sqlite3_exec(db, os.str().c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void ostringstream_int_safe(sqlite3 *db)
{
    std::ostringstream os;
    long id = std::strtol(std::getenv("ID"), nullptr, 10);
    os << "SELECT * FROM t WHERE id = " << id;
    sqlite3_exec(db, os.str().c_str(), nullptr, nullptr, nullptr);
}

void getline_bad(sqlite3 *db)
{
    std::string line;
    std::getline(std::cin, line);
    sqlite3_exec(db, line.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void cin_bad(sqlite3 *db)
{
    std::string word;
    std::cin >> word;
    std::string q = "DELETE FROM t WHERE n = '" + word + "'";
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void cin_int_safe(sqlite3 *db)
{
    int n = 0;
    std::cin >> n;
    std::string q = "DELETE FROM t WHERE id = " + std::to_string(n);
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

static std::string quote_wrapper(const std::string &s)
{
    return "'" + s + "'";
}

void helper_bad(sqlite3 *db)
{
    std::string q = "SELECT * FROM t WHERE n = " + quote_wrapper(std::getenv("N"));
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

void helper_safe(sqlite3 *db)
{
    std::string q = "SELECT * FROM t WHERE n = " + quote_wrapper("fixed");
    sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

class Repo {
  public:
    explicit Repo(sqlite3 *db) : db_(db) {}
    void find(const std::string &name)
    {
        std::string q = "SELECT * FROM t WHERE n = '" + name + "'";
        sqlite3_exec(db_, q.c_str(), nullptr, nullptr, nullptr);
    }

  private:
    sqlite3 *db_;
};

void method_bad(sqlite3 *db)
{
    Repo r(db);
    r.find(std::getenv("NAME")); // expect: BW-SQL-INJECTION
}

void method_safe(sqlite3 *db)
{
    Repo r(db);
    r.find("root");
}

void system_bad()
{
    std::string cmd = std::string("ls ") + std::getenv("DIR");
    std::system(cmd.c_str()); // expect: BW-CMD-INJECTION
}

void printf_bad()
{
    std::string fmt = std::getenv("FMT");
    std::printf(fmt.c_str()); // expect: BW-FORMAT-STRING
}
