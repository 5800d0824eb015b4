/* A record laid over bytes read from input (a protocol header cast onto a
 * buffer) is the input: its members reach a sink untrusted.  A member
 * handed to a sink is only read there, so it does not count as a store of
 * its field (the previous build took it for one, found the field's stores
 * empty, and cut every read of it, the sink's own among them).  The twins:
 * the same record over a buffer the program filled with a constant, and a
 * constant table's member (a global's initializer stores into it) read
 * through a handle of unknown origin. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct request {
    int id;
    char name[32];
};

struct preq {
    int id;
    char *name;
};

int stack_overlay_bad(sqlite3 *db, int fd)
{
    char buf[64];
    if (read(fd, buf, sizeof buf) < 0)
        return -1;
    struct request *r = (struct request *)buf;
    return sqlite3_exec(db, r->name, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int heap_overlay_bad(sqlite3 *db, int fd)
{
    char *buf = malloc(64);
    if (buf == NULL || read(fd, buf, 64) < 0)
        return -1;
    struct preq *r = (struct preq *)buf;
    return sqlite3_exec(db, r->name, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int stack_overlay_constant_ok(sqlite3 *db)
{
    char buf[64];
    memset(buf, 0, sizeof buf);
    strcpy(buf + 4, "SELECT 1");
    struct request *r = (struct request *)buf;
    return sqlite3_exec(db, r->name, 0, 0, 0);
}

/* a constant table, and a virtual-table style callback (called through a
 * pointer: what its handle designates is of unknown origin) */
struct pragma {
    const char *name;
    unsigned flags;
};

static const struct pragma pragmas[] = {{"cache_size", 1}, {"page_size", 2}};

struct pragma_vtab {
    sqlite3 *db;
    const struct pragma *which;
};

static int pragma_filter_ok(void *cursor)
{
    struct pragma_vtab *t = (struct pragma_vtab *)cursor;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", t->which->name);
    return sqlite3_exec(t->db, sql, 0, 0, 0);
}

int (*const pragma_filter)(void *) = pragma_filter_ok;

const struct pragma *find_pragma(int i)
{
    return &pragmas[i & 1];
}
