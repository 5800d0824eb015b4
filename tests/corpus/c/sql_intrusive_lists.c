/* Intrusive lists: a request carries a list node, the list links the
 * nodes, and container_of() goes back from a node to the request that holds
 * it (as Linux's list_head, libuv's queue and wayland's wl_list do).  A
 * pointer to such a node stands for the whole request: what the request
 * held comes back with container_of(), through the list's helpers and
 * globals.  Locally, container_of() lands on the request itself, so its
 * other members stay apart.  Also GNU statement expressions `({ ...; v; })`:
 * their statements run and the last one is their value (the analysis saw
 * neither before). */
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct list_head {
    struct list_head *next, *prev;
};

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
/* Linux's form: a statement expression through a void pointer */
#define container_of_gnu(ptr, type, member)                                                        \
    ({                                                                                             \
        void *__mptr = (void *)(ptr);                                                              \
        ((type *)(__mptr - offsetof(type, member)));                                               \
    })

static void list_init(struct list_head *h)
{
    h->next = h;
    h->prev = h;
}

static void list_add(struct list_head *n, struct list_head *head)
{
    n->next = head->next;
    n->prev = head;
    head->next->prev = n;
    head->next = n;
}

/* ---- container_of in one function ---- */
struct request {
    int id;
    struct list_head node;
    char user[64];
    char sql[256];
};

int local_node_bad(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.sql, sizeof req.sql, "SELECT * FROM users WHERE name = '%s'", name);
    struct list_head *n = &req.node;
    struct request *r = container_of(n, struct request, node);
    return sqlite3_exec(db, r->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the request's other member holds the name; the query is a constant */
int local_node_ok(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.user, sizeof req.user, "%s", name);
    strcpy(req.sql, "SELECT * FROM users");
    struct list_head *n = &req.node;
    struct request *r = container_of(n, struct request, node);
    return sqlite3_exec(db, r->sql, 0, 0, 0);
}

int local_gnu_bad(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.sql, sizeof req.sql, "DELETE FROM users WHERE name = '%s'", name);
    struct request *r = container_of_gnu(&req.node, struct request, node);
    return sqlite3_exec(db, r->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int local_gnu_ok(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.user, sizeof req.user, "%s", name);
    strcpy(req.sql, "DELETE FROM users WHERE expired = 1");
    struct request *r = container_of_gnu(&req.node, struct request, node);
    return sqlite3_exec(db, r->sql, 0, 0, 0);
}

/* container_of(...)->member without a variable */
int inline_member_bad(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.sql, sizeof req.sql, "SELECT id FROM users WHERE name = '%s'", name);
    return sqlite3_exec(db, container_of(&req.node, struct request, node)->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int inline_member_ok(sqlite3 *db, const char *name)
{
    struct request req;
    snprintf(req.user, sizeof req.user, "%s", name);
    strcpy(req.sql, "SELECT id FROM users");
    return sqlite3_exec(db, container_of(&req.node, struct request, node)->sql, 0, 0, 0);
}

/* a heap record: container_of() lands on what r points to */
int heap_node_ok(sqlite3 *db, const char *name)
{
    struct request *r = malloc(sizeof *r);
    if (r == NULL)
        return -1;
    snprintf(r->user, sizeof r->user, "%s", name);
    strcpy(r->sql, "SELECT * FROM users");
    struct request *back = container_of(&r->node, struct request, node);
    int rc = sqlite3_exec(db, back->sql, 0, 0, 0);
    free(r);
    return rc;
}

int heap_node_bad(sqlite3 *db, const char *name)
{
    struct request *r = malloc(sizeof *r);
    if (r == NULL)
        return -1;
    snprintf(r->sql, sizeof r->sql, "SELECT * FROM users WHERE name = '%s'", name);
    struct request *back = container_of(&r->node, struct request, node);
    int rc = sqlite3_exec(db, back->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    free(r);
    return rc;
}

/* a record found back from a string member it embeds (a table keyed by
 * name): only a record member is a list's node, so the name is not the
 * whole entry */
struct entry {
    char name[64];
    char note[256];
};

static struct entry *entry_of_name(char *n) { return container_of(n, struct entry, name); }

size_t entry_note_length(char *n) { return strlen(entry_of_name(n)->note); }

int entry_name_ok(sqlite3 *db)
{
    struct entry e;
    strcpy(e.name, "SELECT 1");
    snprintf(e.note, sizeof e.note, "%s", getenv("NOTE"));
    return sqlite3_exec(db, e.name, 0, 0, 0);
}

/* ---- Linux's list_for_each_entry(): typeof in the cast and in offsetof ---- */
#define list_entry(ptr, type, member)                                                              \
    ({                                                                                             \
        const __typeof__(((type *)0)->member) *__mptr = (ptr);                                     \
        (type *)((char *)__mptr - offsetof(type, member));                                         \
    })
#define list_for_each_entry(pos, head, member)                                                     \
    for (pos = list_entry((head)->next, __typeof__(*pos), member); &pos->member != (head);         \
         pos = list_entry(pos->member.next, __typeof__(*pos), member))

struct message {
    struct list_head node;
    char sql[128];
};

static struct list_head inbox = {&inbox, &inbox};

static void receive(int fd)
{
    struct message *m = calloc(1, sizeof *m);
    if (m == NULL || read(fd, m->sql, sizeof m->sql - 1) < 0) {
        free(m);
        return;
    }
    list_add(&m->node, &inbox);
}

static void apply_inbox(sqlite3 *db)
{
    struct message *pos;
    list_for_each_entry(pos, &inbox, node)
        sqlite3_exec(db, pos->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int inbox_bad(sqlite3 *db, int fd)
{
    receive(fd);
    apply_inbox(db);
    return 0;
}

struct notice {
    struct list_head node;
    const char *sql;
};

static struct list_head notices = {&notices, &notices};
static struct notice purge = {{NULL, NULL}, "DELETE FROM notices WHERE seen = 1"};

int notices_ok(sqlite3 *db)
{
    struct notice *pos;
    list_add(&purge.node, &notices);
    list_for_each_entry(pos, &notices, node)
        sqlite3_exec(db, pos->sql, 0, 0, 0);
    return 0;
}

/* a node passed on: the callee reads only the member it goes back to */
struct visit {
    struct list_head node;
    char who[64];
    char sql[128];
};

static int run_visit(sqlite3 *db, struct list_head *n)
{
    struct visit *v = container_of(n, struct visit, node);
    return sqlite3_exec(db, v->sql, 0, 0, 0);
}

int visit_bad(sqlite3 *db, int fd)
{
    struct visit v = {{NULL, NULL}, "", "SELECT 1"};
    if (read(fd, v.sql, sizeof v.sql - 1) < 0)
        return -1;
    struct list_head *n = &v.node;
    return run_visit(db, n); // expect: BW-SQL-INJECTION
}

int visit_ok(sqlite3 *db, int fd)
{
    struct visit v = {{NULL, NULL}, "", "SELECT 1"};
    if (read(fd, v.who, sizeof v.who - 1) < 0)
        return -1;
    return run_visit(db, &v.node);
}

/* container_of in an arm of ?: */
int ternary_node_bad(sqlite3 *db, const char *name, int found)
{
    struct request req;
    snprintf(req.sql, sizeof req.sql, "SELECT * FROM users WHERE name = '%s'", name);
    struct request *r = found ? container_of(&req.node, struct request, node) : NULL;
    return r != NULL ? sqlite3_exec(db, r->sql, 0, 0, 0) : -1; // expect: BW-SQL-INJECTION
}

/* ---- a global queue filled through list_add() and drained elsewhere ---- */
struct job {
    struct list_head link;
    char sql[256];
};

static struct list_head jobs;

static void enqueue_from_socket(int fd)
{
    struct job *j = calloc(1, sizeof *j);
    if (j == NULL)
        return;
    if (read(fd, j->sql, sizeof j->sql - 1) < 0) {
        free(j);
        return;
    }
    list_add(&j->link, &jobs);
}

static void run_jobs(sqlite3 *db)
{
    for (struct list_head *n = jobs.next; n != &jobs; n = n->next) {
        struct job *j = container_of(n, struct job, link);
        sqlite3_exec(db, j->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    }
}

int queue_bad(sqlite3 *db, int fd)
{
    list_init(&jobs);
    enqueue_from_socket(fd);
    run_jobs(db);
    return 0;
}

/* the same queue shape, holding only the program's own statements */
struct task {
    struct list_head link;
    const char *sql;
};

static struct list_head tasks;
static struct task vacuum = {{NULL, NULL}, "VACUUM"};
static struct task analyze = {{NULL, NULL}, "ANALYZE"};

static void run_tasks(sqlite3 *db)
{
    for (struct list_head *n = tasks.next; n != &tasks; n = n->next) {
        struct task *t = container_of_gnu(n, struct task, link);
        sqlite3_exec(db, t->sql, 0, 0, 0);
    }
}

int queue_ok(sqlite3 *db)
{
    list_init(&tasks);
    list_add(&vacuum.link, &tasks);
    list_add(&analyze.link, &tasks);
    run_tasks(db);
    return 0;
}

/* ---- a callee handed the node goes back to the record ---- */
struct order {
    long id;
    struct list_head entry;
    char where[128];
};

static int delete_matching(sqlite3 *db, struct list_head *e)
{
    struct order *o = container_of(e, struct order, entry);
    char q[256];
    snprintf(q, sizeof q, "DELETE FROM orders WHERE %s", o->where);
    return sqlite3_exec(db, q, 0, 0, 0);
}

/* reported at the call: the callee is silent for its other callers */
int callee_node_bad(sqlite3 *db, int fd)
{
    struct order o = {0};
    if (read(fd, o.where, sizeof o.where - 1) < 0)
        return -1;
    return delete_matching(db, &o.entry); // expect: BW-SQL-INJECTION
}

/* the same callee, another caller's constant condition */
int callee_node_ok(sqlite3 *db)
{
    struct order o = {0};
    strcpy(o.where, "created < date('now', '-1 year')");
    return delete_matching(db, &o.entry);
}

/* ---- statement expressions ---- */
#define ENV_OR(name, def)                                                                          \
    ({                                                                                             \
        const char *__v = getenv(name);                                                            \
        __v != NULL ? __v : (def);                                                                 \
    })
#define ONE_OF(a, b) ({ (a) != NULL ? (a) : (b); })

int stmt_expr_value_bad(sqlite3 *db)
{
    return sqlite3_exec(db, ENV_OR("REPORT_QUERY", "SELECT 1"), 0, 0, 0); // expect: BW-SQL-INJECTION
}

int stmt_expr_value_ok(sqlite3 *db, const char *preferred)
{
    (void)preferred;
    return sqlite3_exec(db, ONE_OF("SELECT 2", "SELECT 1"), 0, 0, 0);
}

/* each expansion of a macro has its own locals, nested ones too */
#define FIRST_OF(a, b)                                                                             \
    ({                                                                                             \
        const char *_x = (a);                                                                      \
        (void)(b);                                                                                 \
        _x;                                                                                        \
    })

int nested_macro_bad(sqlite3 *db)
{
    return sqlite3_exec(db, FIRST_OF(getenv("Q"), FIRST_OF("SELECT 1", 0)), 0, 0, 0); // expect: BW-SQL-INJECTION
}

int nested_macro_ok(sqlite3 *db)
{
    return sqlite3_exec(db, FIRST_OF("SELECT 1", FIRST_OF(getenv("Q"), 0)), 0, 0, 0);
}

/* a statement expression in an operand that may not run */
int maybe_cleared_bad(sqlite3 *db, int cached)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    if (cached || ({ strcpy(q, "SELECT 1"); 0; })) {
    }
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int always_cleared_ok(sqlite3 *db)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    (void)({ strcpy(q, "SELECT 1"); 0; });
    return sqlite3_exec(db, q, 0, 0, 0);
}

/* a sink inside a statement expression */
#define EXEC_LOGGED(db, q)                                                                         \
    ({                                                                                             \
        fprintf(stderr, "running a query\n");                                                      \
        sqlite3_exec((db), (q), 0, 0, 0);                                                          \
    })

int stmt_expr_sink_bad(sqlite3 *db, int argc, char **argv)
{
    if (argc < 2)
        return -1;
    return EXEC_LOGGED(db, argv[1]); // expect: BW-SQL-INJECTION
}

int stmt_expr_sink_ok(sqlite3 *db)
{
    return EXEC_LOGGED(db, "DELETE FROM sessions WHERE expired = 1");
}

/* ---- a helper storing into a global's member ---- */
struct holder {
    const char *sql;
};

static struct holder pending_query, pending_cleanup;

static void hold(struct holder *h, const char *sql) { h->sql = sql; }

static void remember_query(const char *text) { hold(&pending_query, text); }

static int run_query(sqlite3 *db) { return sqlite3_exec(db, pending_query.sql, 0, 0, 0); } // expect: BW-SQL-INJECTION

int helper_global_member_bad(sqlite3 *db, int argc, char **argv)
{
    if (argc < 2)
        return -1;
    remember_query(argv[1]);
    return run_query(db);
}

static void schedule_cleanup(void) { hold(&pending_cleanup, "DELETE FROM sessions"); }

static int run_cleanup(sqlite3 *db) { return sqlite3_exec(db, pending_cleanup.sql, 0, 0, 0); }

int helper_global_member_ok(sqlite3 *db)
{
    schedule_cleanup();
    return run_cleanup(db);
}
