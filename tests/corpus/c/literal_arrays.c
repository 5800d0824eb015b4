/* A format that is an element of a local array of string literals is one
 * of those literals: indexed by a constant, it is that element; inside a
 * `case` of a switch on the index, it is one of the elements the case
 * labels select; otherwise it is any element, and an argument counts as
 * escaped only when every element escapes it (%q/%Q).  An array written
 * after its initialiser, or whose address is taken, is not a literal.
 * (FTS5's fts5StorageGetStmt() keeps its statements this way.) */
#include <sqlite3.h>
#include <stdlib.h>

enum { STMT_LOOKUP, STMT_INSERT, STMT_DELETE, STMT_RAW, STMT_DROP };

static int run(sqlite3 *db, char *sql)
{
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

/* every case's literals escape the table name: nothing to report
 * (`default` reaches the elements no case names: DROP_TABLE) */
int per_case_safe(sqlite3 *db, int eStmt)
{
    const char *azStmt[] = {
        "SELECT v FROM %Q.'%q_data' WHERE id=?",
        "INSERT INTO %Q.'%q_data' VALUES(?)",
        "DELETE FROM %Q.'%q_data' WHERE id=?",
        "SELECT %s FROM t",
        "DROP TABLE %Q.'%q_data'",
    };
    char *sql = 0;
    switch (eStmt) {
    case STMT_LOOKUP:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("DB"), getenv("TABLE"));
        break;
    case STMT_INSERT:
    case STMT_DELETE:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("DB"), getenv("TABLE"));
        break;
    case STMT_RAW:
        sql = sqlite3_mprintf(azStmt[eStmt], "rowid");
        break;
    default:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("DB"), getenv("TABLE"));
        break;
    }
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

/* `default` reaches an element that inserts the name raw */
int default_bad(sqlite3 *db, int eStmt)
{
    const char *azStmt[] = {"SELECT v FROM %Q", "DROP TABLE %s"};
    char *sql = 0;
    switch (eStmt) {
    case 0:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("TABLE"));
        break;
    default:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("TABLE"));
        break;
    }
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* the case group reaches the %s literal */
int per_case_bad(sqlite3 *db, int eStmt)
{
    const char *azStmt[] = {
        "SELECT v FROM %Q WHERE id=?",
        "SELECT %s FROM t",
    };
    char *sql = 0;
    switch (eStmt) {
    case 0:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("TABLE"));
        break;
    case 1:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("COLUMN"));
        break;
    }
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* case 0 falls through into case 1: both formats reach the call */
int fall_through_bad(sqlite3 *db, int eStmt)
{
    static const char *const azStmt[] = {
        "SELECT %s FROM t",
        "SELECT v FROM %Q",
    };
    char *sql = 0;
    switch (eStmt) {
    case 0:
        sqlite3_free(sql);
        /* fall through */
    case 1:
        sql = sqlite3_mprintf(azStmt[eStmt], getenv("TABLE"));
        break;
    }
    int rc = sqlite3_exec(db, sql, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(sql);
    return rc;
}

/* no switch: any element; all of them quote the argument */
int joined_safe(sqlite3 *db, int i)
{
    const char *azFmt[] = {"SELECT * FROM %Q", "DELETE FROM %Q", "DROP TABLE %Q"};
    return run(db, sqlite3_mprintf(azFmt[i & 1], getenv("TABLE")));
}

/* no switch: one element inserts the argument raw */
int joined_bad(sqlite3 *db, int i)
{
    const char *azFmt[] = {"SELECT * FROM %Q", "DELETE FROM %s"};
    return run(db, sqlite3_mprintf(azFmt[i & 1], getenv("TABLE"))); // expect: BW-SQL-INJECTION
}

/* a constant index is that element */
int constant_index_safe(sqlite3 *db)
{
    const char *azFmt[] = {"SELECT * FROM %s", "SELECT * FROM %Q"};
    return run(db, sqlite3_mprintf(azFmt[1], getenv("TABLE")));
}

/* an element written after the initialiser: not a literal any more */
int written_element_bad(sqlite3 *db, int i)
{
    const char *azFmt[] = {"SELECT * FROM %Q", "DELETE FROM %Q"};
    azFmt[1] = getenv("FMT");
    return run(db, sqlite3_mprintf(azFmt[i & 1], "t")); // expect: BW-FORMAT-STRING BW-SQL-INJECTION
}
