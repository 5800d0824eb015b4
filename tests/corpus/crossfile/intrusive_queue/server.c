#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "node.h"

struct req {
    struct node base;
    char sql[256];
};

static void take(int fd)
{
    struct req *r = malloc(sizeof *r);
    if (r == NULL || read(fd, r->sql, 255) < 0)
        return;
    r->sql[255] = '\0';
    pending = (struct node *)r;
}

int run_ready_bad(sqlite3 *db, int fd)
{
    take(fd);
    promote();
    struct req *r = (struct req *)ready;
    return sqlite3_exec(db, r->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}
