#include <sqlite3.h>
#include <string>

#include "store.h"

namespace {
struct SqliteStore : Store {
    sqlite3 *db = nullptr;
    int run(const char *sql) override { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
    int count(const char *table) override
    {
        std::string q = std::string("SELECT count(*) FROM ") + table;
        return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
    }
};
} // namespace

Store *open_store(const char *path)
{
    SqliteStore *s = new SqliteStore;
    sqlite3_open(path, &s->db);
    return s;
}
