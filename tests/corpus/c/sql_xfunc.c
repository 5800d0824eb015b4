/* BW-SQL-INJECTION across functions: arguments, returns, out-parameters,
 * struct pointers, sink wrappers, sanitizers, and callers that decide. */
#include <bulwark/annotations.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    sqlite3 *db;
    char filter[128];
    const char *order;
};

/* a wrapper: sinks through its parameter */
static int run_sql(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, 0, 0, 0);
}

void wrapper_tainted_bad(sqlite3 *db)
{
    run_sql(db, getenv("Q")); // expect: BW-SQL-INJECTION
}

void wrapper_literal_safe(sqlite3 *db)
{
    run_sql(db, "SELECT 1");
}

/* builds SQL from its parameter; only ever called with constants: silent */
static void delete_table(sqlite3 *db, const char *table)
{
    char q[128];
    snprintf(q, sizeof q, "DELETE FROM %s", table);
    sqlite3_exec(db, q, 0, 0, 0);
}

void callers_constant_safe(sqlite3 *db)
{
    delete_table(db, "sessions");
    delete_table(db, "cache");
}

/* two levels of wrappers */
static void build_and_run(sqlite3 *db, const char *name)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n='%s'", name);
    run_sql(db, q);
}

void two_level_bad(sqlite3 *db)
{
    build_and_run(db, getenv("N")); // expect: BW-SQL-INJECTION
}

void two_level_safe(sqlite3 *db)
{
    build_and_run(db, "admin");
}

/* a function that returns untrusted data is a source */
static const char *read_param(const char *name)
{
    return getenv(name);
}

void return_value_bad(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT '%s'", read_param("N"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static const char *default_order(void)
{
    return "name";
}

void return_const_safe(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", default_order());
    sqlite3_exec(db, q, 0, 0, 0);
}

/* returns its argument: a propagator */
static const char *pass(const char *s)
{
    return s;
}

void passthrough_bad(sqlite3 *db)
{
    sqlite3_exec(db, pass(getenv("Q")), 0, 0, 0); // expect: BW-SQL-INJECTION
}

void passthrough_safe(sqlite3 *db)
{
    sqlite3_exec(db, pass("SELECT 1"), 0, 0, 0);
}

/* out-parameter */
static void read_name(char *out, size_t n)
{
    if (fgets(out, (int)n, stdin) == NULL)
        out[0] = 0;
}

void out_param_bad(sqlite3 *db)
{
    char name[64], q[128];
    read_name(name, sizeof name);
    snprintf(q, sizeof q, "SELECT '%s'", name);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static void default_name(char *out, size_t n)
{
    snprintf(out, n, "%s", "guest");
}

void out_param_safe(sqlite3 *db)
{
    char name[64], q[128];
    default_name(name, sizeof name);
    snprintf(q, sizeof q, "SELECT '%s'", name);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* struct pointers */
static void load_ctx(struct ctx *c)
{
    c->order = getenv("ORDER");
}

void struct_pointer_bad(sqlite3 *db)
{
    struct ctx c;
    char q[128];
    load_ctx(&c);
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", c.order);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static void query_with_ctx(struct ctx *c)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE %s", c->filter);
    sqlite3_exec(c->db, q, 0, 0, 0);
}

void struct_pointer_sink_bad(sqlite3 *db)
{
    struct ctx c;
    c.db = db;
    strcpy(c.filter, getenv("FILTER"));
    query_with_ctx(&c); // expect: BW-SQL-INJECTION
}

void struct_pointer_sink_safe(sqlite3 *db)
{
    struct ctx c;
    c.db = db;
    strcpy(c.filter, "1=1");
    query_with_ctx(&c);
}

/* a user sanitizer found by its summary: returns only digits */
static const char *digits_only(const char *s)
{
    static char out[32];
    size_t n = 0;
    for (; *s && n < sizeof out - 1; s++)
        if (*s >= '0' && *s <= '9')
            out[n++] = '0';
    out[n] = 0;
    return out;
}

void summary_sanitizer_safe(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE id = %s", digits_only(getenv("ID")));
    sqlite3_exec(db, q, 0, 0, 0);
}

/* annotated functions */
char *escape_sql_text(const char *s) BW_SANITIZER(sql);
int db_execute(void *handle, const char *sql) BW_SINK(sql, 2);
const char *request_field(const char *name) BW_SOURCE;

void annotated_sink_bad(void *h)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT '%s'", getenv("N"));
    db_execute(h, q); // expect: BW-SQL-INJECTION
}

void annotated_sanitizer_safe(void *h)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT '%s'", escape_sql_text(getenv("N")));
    db_execute(h, q);
}

void annotated_source_bad(sqlite3 *db)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT '%s'", request_field("name"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* recursion reaches a fixpoint */
static void recurse(sqlite3 *db, const char *s, int depth)
{
    if (depth > 0) {
        recurse(db, s, depth - 1);
        return;
    }
    sqlite3_exec(db, s, 0, 0, 0);
}

void recursion_bad(sqlite3 *db)
{
    recurse(db, getenv("Q"), 3); // expect: BW-SQL-INJECTION
}

void recursion_safe(sqlite3 *db)
{
    recurse(db, "SELECT 1", 3);
}
