/* A struct member holds no more than the program ever stores in it.  A
 * virtual-table style method (called only through a pointer) reads its
 * object's members through its parameter: their origin would be unknown,
 * but every store the program makes to `cfg.zContent` is a name quoted
 * with %Q, so the SQL built from it is safe, whatever else the object
 * holds (an error message, an untrusted locale).  A member that some store
 * fills with unescaped data is still reported.  (FTS5's Fts5Config, read
 * through xFilter/xUpdate: docs/triage.md FP-fts5cfg.) */
#include <sqlite3.h>
#include <stdlib.h>

struct cfg {
    char *zContent;  /* "%Q.'%q_content'": always quoted */
    char *zRaw;      /* a table name as given: not quoted */
    char *zErr;      /* an error message */
    const char *zLocale;
};

struct vtab {
    struct cfg *pConfig;
    sqlite3 *db;
};

struct module {
    int (*xFilter)(struct vtab *);
    int (*xRaw)(struct vtab *);
};

static int open_cfg(struct cfg *c, const char *zDb, const char *zName)
{
    c->zContent = sqlite3_mprintf("%Q.'%q_content'", zDb, zName);
    c->zRaw = sqlite3_mprintf("%s", zName);
    c->zErr = sqlite3_mprintf("no such table: %s", zName);
    c->zLocale = getenv("LC_ALL");
    return c->zContent != 0;
}

/* reads the always-quoted member */
static int filter_safe(struct vtab *p)
{
    struct cfg *pC = p->pConfig;
    char *sql = sqlite3_mprintf("SELECT * FROM %s", pC->zContent);
    int rc = sqlite3_exec(p->db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

/* reads the member that a store fills with the unquoted name */
static int filter_raw_bad(struct vtab *p)
{
    struct cfg *pC = p->pConfig;
    char *sql = sqlite3_mprintf("SELECT * FROM %s", pC->zRaw);
    int rc = sqlite3_exec(p->db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

static const struct module mod = {filter_safe, filter_raw_bad};

int create(sqlite3 *db, int argc, char **argv, struct vtab *p)
{
    if (argc < 3 || !open_cfg(p->pConfig, argv[1], argv[2]))
        return 1;
    p->db = db;
    return mod.xFilter(p) + mod.xRaw(p);
}
