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

/* a global of the same record initialised with no text (`= {0}`) does
 * not make the overlay's member a field the program fills */
static struct request last_request = {0};

int overlay_beside_zeroed_global_bad(sqlite3 *db, int fd)
{
    char buf[64];
    if (read(fd, buf, sizeof buf) < 0)
        return -1;
    struct request *r = (struct request *)buf;
    last_request.id = r->id;
    return sqlite3_exec(db, r->name, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* constant tables in other shapes: a static local, a member inside an
 * anonymous union; and a member the module fills with its own helper */
struct alias_pragma {
    union {
        const char *name;
        const char *alias;
    };
    unsigned flags;
};

struct alias_vtab {
    sqlite3 *db;
    const struct alias_pragma *which;
};

static int alias_filter_ok(void *cursor)
{
    struct alias_vtab *t = (struct alias_vtab *)cursor;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", t->which->name);
    return sqlite3_exec(t->db, sql, 0, 0, 0);
}

int (*const alias_filter)(void *) = alias_filter_ok;

const struct alias_pragma *find_alias(int i)
{
    static const struct alias_pragma aliases[] = {{{"cache_size"}, 1}, {{"page_size"}, 2}};
    return &aliases[i & 1];
}

struct module_obj {
    sqlite3 *db;
    char table[32];
};

static void set_table(char *d)
{
    strcpy(d, "t1");
}

void module_init(struct module_obj *o, sqlite3 *db)
{
    o->db = db;
    set_table(o->table);
}

static int module_filter_ok(void *cursor)
{
    struct module_obj *o = cursor;
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT * FROM %s", o->table);
    return sqlite3_exec(o->db, sql, 0, 0, 0);
}

int (*const module_filter)(void *) = module_filter_ok;

/* a setter of another member of the overlaid record (the program's own
 * function writing r->id) does not make r->name a field the program fills */
static void set_request_id(struct request *r, int id)
{
    r->id = id;
}

void renumber(struct request *r)
{
    set_request_id(r, 7);
}

int overlay_beside_setter_bad(sqlite3 *db, int fd)
{
    char buf[64];
    if (read(fd, buf, sizeof buf) < 0)
        return -1;
    struct request *r = (struct request *)buf;
    return sqlite3_exec(db, r->name, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a formatter that writes the caller's buffer, or its own when given
 * none: the member passed to it is filled */
static char own_buf[32];

static char *format_table(char *buf, int id)
{
    if (buf == NULL)
        buf = own_buf;
    snprintf(buf, 32, "t%d", id);
    return buf;
}

struct formatted_obj {
    sqlite3 *db;
    char table[32];
};

void formatted_init(struct formatted_obj *o, sqlite3 *db)
{
    o->db = db;
    format_table(o->table, 1);
}

static int formatted_filter_ok(void *cursor)
{
    struct formatted_obj *o = cursor;
    return sqlite3_exec(o->db, o->table, 0, 0, 0);
}

int (*const formatted_filter)(void *) = formatted_filter_ok;
