#include <cstdlib>
#include <sqlite3.h>
#include <string>

int store_name(sqlite3 *db, const std::string &name);

int main()
{
    store_name(nullptr, "fixed");
    return store_name(nullptr, std::getenv("NAME")); // expect: BW-SQL-INJECTION
}
