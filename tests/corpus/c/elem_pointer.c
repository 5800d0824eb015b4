/* Writes through a pointer to an array element's member
 * (`e = &t->items[n++]; copy(e->text, ...)`) reach the array. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
    int id;
    char text[64];
};
struct table {
    struct item items[4];
    size_t n;
};

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] != '\0' && i + 1 < cap; i++)
        dst[i] = src[i];
    dst[i] = '\0';
}

static void add_from_env(struct table *t)
{
    struct item *e = &t->items[t->n++];
    copy_text(e->text, sizeof e->text, getenv("ITEM"));
}

static void add_literal(struct table *t)
{
    struct item *e = &t->items[t->n++];
    copy_text(e->text, sizeof e->text, "bolt");
}

static void add_by_strcpy(struct table *t, const char *line)
{
    struct item *e = &t->items[t->n++];
    strncpy(e->text, line, sizeof e->text - 1);
}

void elem_pointer_callee_bad(sqlite3 *db)
{
    struct table t = {0};
    char q[256];
    add_from_env(&t);
    snprintf(q, sizeof q, "SELECT * FROM items WHERE name = '%s'", t.items[0].text);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void elem_pointer_callee_safe(sqlite3 *db)
{
    struct table t = {0};
    char q[256];
    add_literal(&t);
    snprintf(q, sizeof q, "SELECT * FROM items WHERE name = '%s'", t.items[0].text);
    sqlite3_exec(db, q, 0, 0, 0);
}

void elem_pointer_builtin_bad(sqlite3 *db)
{
    struct table t = {0};
    char line[128], q[256];
    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    add_by_strcpy(&t, line);
    snprintf(q, sizeof q, "DELETE FROM items WHERE name = '%s'", t.items[0].text);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void elem_pointer_builtin_safe(sqlite3 *db)
{
    struct table t = {0};
    char q[256];
    add_by_strcpy(&t, "nut");
    snprintf(q, sizeof q, "DELETE FROM items WHERE name = '%s'", t.items[0].text);
    sqlite3_exec(db, q, 0, 0, 0);
}
