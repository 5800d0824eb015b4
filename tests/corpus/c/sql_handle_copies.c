/* Handles copied into other objects.  Copying a handle (`fr->v = p`)
 * makes fr->v designate p's object: p's members are reachable through it
 * (`fr->v->sql` is p->sql), but the handle's value is not the text of
 * every member of the object, so storing it does not make a neighbouring
 * member text (`fr->name`, `fr->v->db`) carry p's untrusted members. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

struct vm {
    char *sql;
    char *err;
    sqlite3 *db;
};

struct frame {
    struct vm *v;
    char *name;
};

/* the member is read back through the copied handle */
int frame_member_bad(sqlite3 *db, struct frame *fr, struct vm *p)
{
    p->sql = getenv("SQL");
    fr->v = p;
    return sqlite3_exec(db, fr->v->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the untrusted member is another one than the one executed */
int frame_member_safe(sqlite3 *db, struct frame *fr, struct vm *p)
{
    p->err = getenv("ERR");
    p->sql = "SELECT 1";
    fr->v = p;
    return sqlite3_exec(db, fr->v->sql, 0, 0, 0);
}

/* one level deeper: a handle stored in a handle stored in a local */
int frame_deep_bad(sqlite3 *db, struct vm *p, char **argv)
{
    struct frame f;
    struct frame *fp = &f;
    p->sql = argv[1];
    fp->v = p;
    return sqlite3_exec(db, fp->v->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int frame_deep_safe(sqlite3 *db, struct vm *p, char **argv)
{
    struct frame f;
    struct frame *fp = &f;
    p->err = argv[1];
    p->sql = "DELETE FROM t";
    fp->v = p;
    return sqlite3_exec(db, fp->v->sql, 0, 0, 0);
}

/* storing the handle next to a name does not make the name untrusted */
int frame_neighbour_safe(sqlite3 *db, struct frame *fr, struct vm *p)
{
    p->err = getenv("ERR");
    fr->v = p;
    fr->name = "main";
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM %s", fr->name);
    return sqlite3_exec(db, q, 0, 0, 0);
}

/* but a name copied from an untrusted member is */
int frame_neighbour_bad(sqlite3 *db, struct frame *fr, struct vm *p)
{
    p->err = getenv("ERR");
    fr->v = p;
    fr->name = fr->v->err;
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM %s", fr->name);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
