#include "fill.h"
#include <stdlib.h>

int lookup(sqlite3 *db)
{
    fill_called();
    run_sql(db, "SELECT 1");            /* a constant: silent */
    return run_sql(db, getenv("QUERY")); // expect: BW-SQL-INJECTION
}
