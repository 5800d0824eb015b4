/* Flow explanations (docs/triage.md, "Explanation defects"): each flow step
 * must name what really carried the value.  The sinks are the same as in
 * other cases; the `expect-step` lines check the text of the steps. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

/* (i) A callee builds one query from two parameters; the caller passes a
 * constant in the first and untrusted data in the second.  The callee's
 * steps must start at the second parameter, the one the caller's data
 * arrives in, not at the first one the callee's query also mentions. */
static int run_pair(sqlite3 *db, const char *table, const char *filter) // expect-step: 'filter' comes from the caller of run_pair()
{
    char *q = sqlite3_mprintf("SELECT * FROM %s WHERE %s", table, filter);
    int rc = sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
    return rc;
}

int pair_caller(sqlite3 *db)
{
    return run_pair(db, "users", getenv("FILTER")); // expect: BW-SQL-INJECTION
}

/* Both parameters carry data here, the first of unknown origin (a
 * parameter of a function nobody calls), the second untrusted: the finding
 * is about the worse one, and explained through it. */
int pair_mixed(sqlite3 *db, const char *table)
{
    return run_pair(db, table, getenv("SORT")); // expect: BW-SQL-INJECTION // expect-step: getenv("SORT") returns untrusted data
}

/* (ii) A query assembled with sqlite3_str: the quoted argument of the
 * appendf is escaped, the appendall's piece is not, so the appendall is the
 * step that carries the SQL text. */
int str_builder(sqlite3 *db, const char *user, const char *column) // expect-step: 'column' is a parameter of str_builder()
{
    sqlite3_str *acc = sqlite3_str_new(db);
    sqlite3_str_appendf(acc, "SELECT %Q, ", user);
    sqlite3_str_appendall(acc, column); // expect-step: copied by sqlite3_str_appendall()
    char *q = sqlite3_str_finish(acc);
    int rc = sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(q);
    return rc;
}

/* (iii) A method whose address is taken only in a static initializer (a
 * module table, as SQLite's virtual tables): it is called through a
 * pointer, and it has no direct caller. */
struct module {
    int (*filter)(sqlite3 *db, const char *arg);
};

static int table_filter(sqlite3 *db, const char *arg) // expect-step: is called through a pointer
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE a = '%s'", arg);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static const struct module the_module = {table_filter};

const struct module *module_get(void) { return &the_module; }

/* (i) again, one call deeper: the caller's data goes through mid_pair()
 * into the second parameter of inner_pair(). */
static int inner_pair(sqlite3 *db, const char *a, const char *b) // expect-step: 'b' comes from the caller of inner_pair()
{
    char *q = sqlite3_mprintf("SELECT %s FROM %s", a, b);
    int rc = sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
    return rc;
}

static int mid_pair(sqlite3 *db, const char *x, const char *y) // expect-step: 'y' comes from the caller of mid_pair()
{
    return inner_pair(db, x, y);
}

int deep_caller(sqlite3 *db)
{
    return mid_pair(db, "name", getenv("TABLE")); // expect: BW-SQL-INJECTION
}
