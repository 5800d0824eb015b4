/* BW-SQL-INJECTION through copies, members, arrays, aliases, globals, unions. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request {
    char name[64];
    const char *sort;
    int id;
};

union value {
    const char *text;
    const char *alias;
};

static const char *g_filter;
static char g_query[256];

void copy_chain_bad(sqlite3 *db)
{
    const char *a = getenv("Q");
    const char *b = a;
    const char *c = b;
    sqlite3_exec(db, c, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void copy_chain_reassigned_safe(sqlite3 *db)
{
    const char *a = getenv("Q");
    const char *b = a;
    b = "SELECT 1";
    sqlite3_exec(db, b, 0, 0, 0);
}

void member_bad(sqlite3 *db)
{
    struct request r;
    char q[256];
    r.sort = getenv("SORT");
    r.id = 3;
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", r.sort);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void other_member_safe(sqlite3 *db)
{
    struct request r;
    char q[256];
    r.sort = "name";
    strcpy(r.name, getenv("NAME"));
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", r.sort);
    sqlite3_exec(db, q, 0, 0, 0);
}

void member_int_safe(sqlite3 *db)
{
    struct request r;
    char q[256];
    r.id = atoi(getenv("ID"));
    snprintf(q, sizeof q, "SELECT * FROM t WHERE id = %d", r.id);
    sqlite3_exec(db, q, 0, 0, 0);
}

void member_array_bad(sqlite3 *db)
{
    struct request r;
    char q[256];
    strncpy(r.name, getenv("NAME"), sizeof r.name - 1);
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n = '%s'", r.name);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void struct_copy_bad(sqlite3 *db)
{
    struct request a, b;
    a.sort = getenv("SORT");
    b = a;
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", b.sort);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void pointer_to_struct_bad(sqlite3 *db)
{
    struct request r;
    struct request *p = &r;
    p->sort = getenv("SORT");
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", r.sort);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void array_element_bad(sqlite3 *db)
{
    const char *parts[3];
    parts[0] = "SELECT";
    parts[1] = getenv("COLS");
    parts[2] = "FROM t";
    char q[256];
    snprintf(q, sizeof q, "%s %s %s", parts[0], parts[1], parts[2]);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void array_const_safe(sqlite3 *db)
{
    const char *parts[3] = {"SELECT", "*", "FROM t"};
    char q[256];
    snprintf(q, sizeof q, "%s %s %s", parts[0], parts[1], parts[2]);
    sqlite3_exec(db, q, 0, 0, 0);
}

void char_by_char_bad(sqlite3 *db)
{
    char q[256];
    int i = 0, c;
    while ((c = getchar()) != EOF && i < 255)
        q[i++] = (char)c;
    q[i] = 0;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void alias_write_bad(sqlite3 *db)
{
    char buf[256] = "SELECT * FROM t WHERE n = '";
    char *p = buf;
    strcat(p, getenv("N"));
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void alias_offset_bad(sqlite3 *db)
{
    char buf[256] = "SELECT * FROM t WHERE n = '";
    char *p = buf + strlen(buf);
    strcpy(p, getenv("N"));
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void alias_read_bad(sqlite3 *db)
{
    char buf[256];
    char *p = buf;
    snprintf(buf, sizeof buf, "SELECT '%s'", getenv("N"));
    sqlite3_exec(db, p, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void alias_clean_safe(sqlite3 *db)
{
    char buf[256];
    char *p = buf;
    snprintf(buf, sizeof buf, "SELECT %d", 42);
    sqlite3_exec(db, p, 0, 0, 0);
}

void cast_bad(sqlite3 *db)
{
    const void *v = getenv("Q");
    sqlite3_exec(db, (const char *)v, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void strdup_bad(sqlite3 *db)
{
    char *q = strdup(getenv("Q"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
    free(q);
}

void strchr_bad(sqlite3 *db)
{
    const char *in = getenv("IN");
    const char *q = strchr(in, ':');
    if (q != NULL)
        sqlite3_exec(db, q + 1, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void union_bad(sqlite3 *db)
{
    union value v;
    v.text = getenv("Q");
    sqlite3_exec(db, v.alias, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void union_safe(sqlite3 *db)
{
    union value v;
    v.text = "SELECT 1";
    sqlite3_exec(db, v.alias, 0, 0, 0);
}

void set_filter(void)
{
    g_filter = getenv("FILTER");
}

void global_bad(sqlite3 *db)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE %s", g_filter);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void global_buffer_bad(sqlite3 *db)
{
    snprintf(g_query, sizeof g_query, "SELECT '%s'", getenv("N"));
    sqlite3_exec(db, g_query, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static const char *g_const_query = "SELECT 1";

void global_const_safe(sqlite3 *db)
{
    sqlite3_exec(db, g_const_query, 0, 0, 0);
}

void compound_literal_int_safe(sqlite3 *db)
{
    char q[64];
    unsigned n = (unsigned)strlen(getenv("N"));
    snprintf(q, sizeof q, "SELECT %u", n);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* A pointer to a local record reads the member it names: the name read
 * into the record beside the query is not the query's, even though other
 * code fills the same member with unescaped data. */
struct lookup {
    char who[64];
    char sql[128];
};

void record_pointer_member_bad(sqlite3 *db)
{
    struct lookup l;
    snprintf(l.sql, sizeof l.sql, "SELECT * FROM t WHERE who = '%s'", getenv("WHO"));
    struct lookup *p = &l;
    sqlite3_exec(db, p->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void record_pointer_member_safe(sqlite3 *db)
{
    struct lookup l;
    snprintf(l.who, sizeof l.who, "%s", getenv("WHO"));
    strcpy(l.sql, "SELECT * FROM t");
    struct lookup *p = &l;
    sqlite3_exec(db, p->sql, 0, 0, 0);
}

/* a pointer that is the caller's record or, failing that, a local default:
 * it still carries the record's text */
struct named {
    char who[64];
    char sql[128];
};

static struct named *load_named(FILE *f)
{
    struct named *n = malloc(sizeof *n);
    if (n != NULL && fgets(n->sql, sizeof n->sql, f) == NULL) {
        free(n);
        n = NULL;
    }
    return n;
}

void stored_or_default_bad(sqlite3 *db, FILE *f)
{
    struct named def = {"", "SELECT 1"};
    struct named *p = load_named(f);
    if (p == NULL)
        p = &def;
    sqlite3_exec(db, p->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void default_only_safe(sqlite3 *db, int which)
{
    struct named a = {"", "SELECT 1"}, b = {"", "SELECT 2"};
    struct named *p = which ? &a : &b;
    sqlite3_exec(db, p->sql, 0, 0, 0);
}

/* through the address of a record, (&x)->member */
void addr_arrow_bad(sqlite3 *db)
{
    struct lookup l;
    snprintf(l.sql, sizeof l.sql, "SELECT * FROM t WHERE who = '%s'", getenv("WHO"));
    sqlite3_exec(db, (&l)->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the default record's other member holds input of the same kind: the
 * pointer's own value is still load_named()'s record */
void named_or_default_bad(sqlite3 *db, FILE *f)
{
    struct named def = {"", "SELECT 1"};
    if (fgets(def.who, sizeof def.who, f) == NULL)
        return;
    struct named *p = load_named(f);
    if (p == NULL)
        p = &def;
    sqlite3_exec(db, p->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a pointer to the record's first member's type */
struct query_base {
    char sql[128];
};

struct query_full {
    struct query_base base;
    char who[64];
};

void upcast_bad(sqlite3 *db)
{
    struct query_full q;
    snprintf(q.base.sql, sizeof q.base.sql, "SELECT * FROM t WHERE who = '%s'", getenv("WHO"));
    struct query_base *b = (struct query_base *)&q;
    sqlite3_exec(db, b->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a pointer to a local record, then pointed elsewhere through its address */
static void reload_named(struct named **pp, FILE *f) { *pp = load_named(f); }

void repointed_bad(sqlite3 *db, FILE *f)
{
    struct named def = {"", "SELECT 1"};
    if (fgets(def.who, sizeof def.who, f) == NULL)
        return;
    struct named *p = &def;
    reload_named(&p, f);
    if (p != NULL)
        sqlite3_exec(db, p->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a pointer to a record kept in another record */
struct named_ref {
    struct named *n;
};

void two_levels_bad(sqlite3 *db, FILE *f)
{
    struct named rec = {"", "SELECT 1"};
    struct named_ref ref, *rp = &ref;
    if (fgets(rec.sql, sizeof rec.sql, f) == NULL)
        return;
    ref.n = &rec;
    sqlite3_exec(db, rp->n->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a global that points to a local's text, pointed elsewhere by a callee:
 * the local's text is not written */
static const char *current_query;
static void point_at_input(void) { current_query = getenv("QUERY"); }
static void fill_current(void) { strcpy((char *)current_query, getenv("QUERY")); }

void global_repointed_safe(sqlite3 *db)
{
    const char *q = "SELECT 1";
    current_query = q;
    point_at_input();
    sqlite3_exec(db, q, 0, 0, 0);
}

void global_written_through_bad(sqlite3 *db)
{
    char q[64] = "SELECT 1";
    current_query = q;
    fill_current();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
