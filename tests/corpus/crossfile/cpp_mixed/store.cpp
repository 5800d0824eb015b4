#include <sqlite3.h>
#include <string>

int store_name(sqlite3 *db, const std::string &name)
{
    std::string q = "INSERT INTO names VALUES('" + name + "')";
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}
