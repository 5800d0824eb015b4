#include "db.h"
#include <stdlib.h>

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    if (argc < 2)
        return 1;
    db_run(db, "CREATE TABLE users(name TEXT)");
    db_find_user(db, "admin");
    return db_find_user(db, argv[1]); // expect: BW-SQL-INJECTION
}
