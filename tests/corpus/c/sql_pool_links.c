/* Allocators that keep freed blocks on a list.  The list's slot is a
 * struct whose only member points to its own type (`struct slot { struct
 * slot *next; }`), and no other record embeds it: a pointer to one stored
 * in memory designates no text, so what a block held before it was freed
 * onto the list (a request read from a socket) does not come back with the
 * next allocation.  A header with more members (a message queue's), a node
 * laid first in a request, a record that can hold text, and a slot kept in
 * the function's own variables still carry the input. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a global free list ---- */
typedef struct slot {
    struct slot *next;
} slot;

static slot *free_list;

static void pool_free(void *p)
{
    slot *s = (slot *)p;
    s->next = free_list;
    free_list = s;
}

static void *pool_alloc(size_t n)
{
    slot *s = free_list;
    if (s != NULL) {
        free_list = s->next;
        return s;
    }
    return malloc(n < sizeof(slot) ? sizeof(slot) : n);
}

static void log_request(int fd)
{
    char *req = pool_alloc(256);
    if (req == NULL)
        return;
    ssize_t n = read(fd, req, 255);
    req[n > 0 ? n : 0] = '\0';
    pool_free(req);
}

static int count_rows_ok(sqlite3 *db)
{
    char *q = pool_alloc(64);
    if (q == NULL)
        return -1;
    q[0] = '\0';
    strcat(q, "SELECT count(*) FROM t");
    int rc = sqlite3_exec(db, q, 0, 0, 0);
    pool_free(q);
    return rc;
}

/* ---- a free list kept in a context (SQLite's lookaside) ---- */
typedef struct lslot {
    struct lslot *next;
} lslot;

struct ctx {
    lslot *free;
    char *start, *end;
};

static void ctx_free(struct ctx *c, void *p)
{
    if ((char *)p >= c->start && (char *)p < c->end) {
        lslot *l = (lslot *)p;
        l->next = c->free;
        c->free = l;
        return;
    }
    free(p);
}

static void *ctx_alloc(struct ctx *c, size_t n)
{
    lslot *l = c->free;
    if (l != NULL) {
        c->free = l->next;
        return l;
    }
    return malloc(n);
}

static int ctx_query_ok(struct ctx *c, sqlite3 *db, int fd)
{
    char *in = ctx_alloc(c, 128);
    if (in == NULL || read(fd, in, 127) < 0)
        return -1;
    ctx_free(c, in);
    char *q = ctx_alloc(c, 64);
    if (q == NULL)
        return -1;
    q[0] = '\0';
    strcat(q, "DELETE FROM cache");
    int rc = sqlite3_exec(db, q, 0, 0, 0);
    ctx_free(c, q);
    return rc;
}

/* ---- records that can hold text, laid over input: still untrusted ---- */
struct boxed {
    struct boxed *next;
    void *data;
};

static void *pass_boxed(struct boxed *b)
{
    return b;
}

static int boxed_bad(sqlite3 *db, int fd)
{
    char *buf = malloc(256);
    if (buf == NULL || read(fd, buf, 255) < 0)
        return -1;
    buf[255] = '\0';
    char *q = pass_boxed((struct boxed *)buf);
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* ---- a link in a local is still the block it points to: input cast to
 * a link and back is the input ---- */
static int cast_back_bad(sqlite3 *db, int fd)
{
    char *buf = malloc(256);
    if (buf == NULL || read(fd, buf, 255) < 0)
        return -1;
    buf[255] = '\0';
    slot *s = (slot *)buf;
    char *q = (char *)s;
    return sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* ---- not a free list's slot: a header before its payload, a node laid
 * first in a request (or a base), a slot in a local array ---- */
struct msg {
    struct msg *next;
    size_t len;
};

static struct msg *queue;

static void enqueue(int fd)
{
    struct msg *h = malloc(sizeof *h + 256);
    if (h == NULL)
        return;
    ssize_t n = read(fd, (char *)(h + 1), 255);
    ((char *)(h + 1))[n > 0 ? n : 0] = '\0';
    h->len = (size_t)n;
    h->next = queue;
    queue = h;
}

static int run_queue_bad(sqlite3 *db, int fd)
{
    enqueue(fd);
    struct msg *h = queue;
    queue = h->next;
    return sqlite3_exec(db, (char *)(h + 1), 0, 0, 0); // expect: BW-SQL-INJECTION
}

struct node {
    struct node *next;
};

struct req {
    struct node base;
    char sql[256];
};

static struct node *pending;

static void take(int fd)
{
    struct req *r = malloc(sizeof *r);
    if (r == NULL || read(fd, r->sql, 255) < 0)
        return;
    r->sql[255] = '\0';
    r->base.next = pending;
    pending = (struct node *)r;
}

static int run_pending_bad(sqlite3 *db, int fd)
{
    take(fd);
    struct req *r = (struct req *)pending;
    return sqlite3_exec(db, r->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static int local_array_bad(sqlite3 *db, int fd)
{
    char *buf = malloc(256);
    if (buf == NULL || read(fd, buf, 255) < 0)
        return -1;
    buf[255] = '\0';
    slot *a[2];
    a[0] = (slot *)buf;
    return sqlite3_exec(db, (char *)a[0], 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a request declared inside the function that queues it through its
 * first member */
static int local_request_bad(sqlite3 *db, int fd)
{
    struct local_req {
        struct node base;
        char sql[256];
    };
    struct local_req *r = malloc(sizeof *r);
    if (r == NULL || read(fd, r->sql, 255) < 0)
        return -1;
    r->sql[255] = '\0';
    pending = (struct node *)r;
    struct local_req *back = (struct local_req *)pending;
    return sqlite3_exec(db, back->sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

int serve(struct ctx *c, sqlite3 *db, int fd)
{
    log_request(fd);
    int rc = count_rows_ok(db);
    rc |= ctx_query_ok(c, db, fd);
    rc |= cast_back_bad(db, fd);
    rc |= run_queue_bad(db, fd);
    rc |= run_pending_bad(db, fd);
    rc |= local_array_bad(db, fd);
    rc |= local_request_bad(db, fd);
    return rc | boxed_bad(db, fd);
}
