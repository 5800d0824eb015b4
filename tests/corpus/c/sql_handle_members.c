/* A member that is itself a handle (`p->pConfig`) is not text: reading
 * `pC->zContent` after `pC = p->pConfig` reads that one member of the
 * config object, so an untrusted value in another member of the same
 * object (an error message) does not make the query text untrusted. */
#include <sqlite3.h>
#include <stdlib.h>

struct cfg {
    const char *zContent;
    const char *zErr;
};

struct tbl {
    struct cfg *pConfig;
};

static int get_stmt(sqlite3 *db, struct tbl *p)
{
    struct cfg *pC = p->pConfig;
    char *sql = sqlite3_mprintf("SELECT * FROM %s", pC->zContent);
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

static int run_other_member_safe(sqlite3 *db)
{
    struct cfg c = {"main.items", NULL};
    struct tbl t = {&c};
    c.zErr = getenv("LAST_ERROR");
    return get_stmt(db, &t);
}

static int run_content_bad(sqlite3 *db)
{
    struct cfg c = {"main.items", NULL};
    struct tbl t = {&c};
    c.zContent = getenv("TABLE");
    return get_stmt(db, &t); // expect: BW-SQL-INJECTION
}

int main(void)
{
    return run_other_member_safe(NULL) + run_content_bad(NULL);
}
