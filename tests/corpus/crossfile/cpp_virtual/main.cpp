#include <cstdlib>

#include "store.h"

int main(int argc, char **argv)
{
    Store *s = open_store("app.db");
    s->run("CREATE TABLE IF NOT EXISTS t(n TEXT)");
    s->count("t");
    if (argc > 1)
        s->count(argv[1]); // expect: BW-SQL-INJECTION
    return s->run(std::getenv("SQL")); // expect: BW-SQL-INJECTION
}
