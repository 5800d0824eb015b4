/* BW-SQL-INJECTION: straight-line code, each bad case beside its safe twin. */
#include <mysql.h>
#include <libpq-fe.h>
#include <sql.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void sprintf_bad(sqlite3 *db)
{
    char q[256];
    sprintf(q, "SELECT * FROM users WHERE name = '%s'", getenv("USER_NAME"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void sprintf_int_safe(sqlite3 *db)
{
    char q[256];
    sprintf(q, "SELECT * FROM users WHERE id = %d", atoi(getenv("USER_ID")));
    sqlite3_exec(db, q, 0, 0, 0);
}

void snprintf_bad(sqlite3 *db)
{
    char q[256];
    const char *n = getenv("N");
    snprintf(q, sizeof q, "DELETE FROM t WHERE n='%s'", n);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void snprintf_long_safe(sqlite3 *db)
{
    char q[256];
    long id = strtol(getenv("N"), NULL, 10);
    snprintf(q, sizeof q, "DELETE FROM t WHERE id=%ld", id);
    sqlite3_exec(db, q, 0, 0, 0);
}

void strcat_bad(sqlite3 *db)
{
    char q[256] = "SELECT * FROM t WHERE n = '";
    strcat(q, getenv("N"));
    strcat(q, "'");
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void strcat_const_safe(sqlite3 *db)
{
    char q[256] = "SELECT * FROM t WHERE n = '";
    strcat(q, "fixed");
    strcat(q, "'");
    sqlite3_exec(db, q, 0, 0, 0);
}

void strcpy_bad(sqlite3 *db)
{
    char q[256];
    strcpy(q, getenv("QUERY"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void strcpy_overwritten_safe(sqlite3 *db)
{
    char q[256];
    strcpy(q, getenv("QUERY"));
    strcpy(q, "SELECT 1");
    sqlite3_exec(db, q, 0, 0, 0);
}

void memcpy_bad(sqlite3 *db)
{
    char q[256];
    const char *in = getenv("Q");
    memcpy(q, in, strlen(in) + 1);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void memcpy_safe(sqlite3 *db)
{
    char q[256];
    const char *in = "SELECT 2";
    memcpy(q, in, strlen(in) + 1);
    sqlite3_exec(db, q, 0, 0, 0);
}

void mprintf_percent_s_bad(sqlite3 *db)
{
    char *q = sqlite3_mprintf("SELECT * FROM t WHERE n = '%s'", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
    sqlite3_free(q);
}

void mprintf_percent_q_safe(sqlite3 *db)
{
    char *q = sqlite3_mprintf("SELECT * FROM t WHERE n = '%q'", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
}

void mprintf_percent_Q_safe(sqlite3 *db)
{
    char *q = sqlite3_mprintf("SELECT * FROM t WHERE n = %Q", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
}

void mprintf_percent_w_safe(sqlite3 *db)
{
    char *q = sqlite3_mprintf("SELECT * FROM \"%w\"", getenv("TABLE"));
    sqlite3_exec(db, q, 0, 0, 0);
    sqlite3_free(q);
}

void snprintf_sqlite_bad(sqlite3 *db)
{
    char q[200];
    sqlite3_snprintf(sizeof q, q, "SELECT '%s'", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void snprintf_sqlite_safe(sqlite3 *db)
{
    char q[200];
    sqlite3_snprintf(sizeof q, q, "SELECT %Q", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0);
}

void fgets_bad(sqlite3 *db)
{
    char line[256];
    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    sqlite3_exec(db, line, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void fgets_bound_safe(sqlite3 *db)
{
    char line[256];
    sqlite3_stmt *st = NULL;
    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    sqlite3_prepare_v2(db, "SELECT * FROM t WHERE n = ?", -1, &st, NULL);
    sqlite3_bind_text(st, 1, line, -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

void scanf_s_bad(sqlite3 *db)
{
    char name[64], q[128];
    scanf("%63s", name);
    snprintf(q, sizeof q, "SELECT '%s'", name);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void scanf_d_safe(sqlite3 *db)
{
    int id = 0;
    char q[128];
    scanf("%d", &id);
    snprintf(q, sizeof q, "SELECT * FROM t WHERE id = %d", id);
    sqlite3_exec(db, q, 0, 0, 0);
}

void recv_bad(sqlite3 *db, int sock)
{
    char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return;
    buf[n] = 0;
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void read_bad(sqlite3 *db)
{
    char buf[512];
    ssize_t n = read(0, buf, sizeof buf - 1);
    if (n <= 0)
        return;
    buf[n] = 0;
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void stored_data_bad(sqlite3 *db, sqlite3_stmt *st)
{
    char q[256];
    const unsigned char *v = sqlite3_column_text(st, 0);
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n = '%s'", (const char *)v);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void stored_int_safe(sqlite3 *db, sqlite3_stmt *st)
{
    char q[256];
    int v = sqlite3_column_int(st, 0);
    snprintf(q, sizeof q, "SELECT * FROM t WHERE id = %d", v);
    sqlite3_exec(db, q, 0, 0, 0);
}

void prepare_bad(sqlite3 *db)
{
    char q[256];
    sqlite3_stmt *st = NULL;
    snprintf(q, sizeof q, "SELECT * FROM t ORDER BY %s", getenv("SORT"));
    sqlite3_prepare_v2(db, q, -1, &st, NULL); // expect: BW-SQL-INJECTION
    sqlite3_finalize(st);
}

void prepare_literal_safe(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, "SELECT * FROM t ORDER BY name", -1, &st, NULL);
    sqlite3_finalize(st);
}

void get_table_bad(sqlite3 *db)
{
    char **res;
    int r, c;
    char q[128];
    snprintf(q, sizeof q, "SELECT %s FROM t", getenv("COL"));
    sqlite3_get_table(db, q, &res, &r, &c, 0); // expect: BW-SQL-INJECTION
}

void mysql_bad(MYSQL *m)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n='%s'", getenv("N"));
    mysql_query(m, q); // expect: BW-SQL-INJECTION
}

void mysql_escaped_safe(MYSQL *m)
{
    char esc[512], q[600];
    const char *n = getenv("N");
    mysql_real_escape_string(m, esc, n, strlen(n));
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n='%s'", esc);
    mysql_query(m, q);
}

void mysql_real_query_bad(MYSQL *m)
{
    char q[256];
    snprintf(q, sizeof q, "DELETE FROM t WHERE n='%s'", getenv("N"));
    mysql_real_query(m, q, strlen(q)); // expect: BW-SQL-INJECTION
}

void pq_bad(PGconn *c)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n='%s'", getenv("N"));
    PQexec(c, q); // expect: BW-SQL-INJECTION
}

void pq_escaped_safe(PGconn *c)
{
    char q[256];
    const char *n = getenv("N");
    char *lit = PQescapeLiteral(c, n, strlen(n));
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n=%s", lit);
    PQexec(c, q);
    PQfreemem(lit);
}

void pq_params_safe(PGconn *c)
{
    const char *vals[1] = {getenv("N")};
    PQexecParams(c, "SELECT * FROM t WHERE n=$1", 1, NULL, vals, NULL, NULL, 0);
}

void pq_params_command_bad(PGconn *c)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM %s WHERE n=$1", getenv("T"));
    const char *vals[1] = {"x"};
    PQexecParams(c, q, 1, NULL, vals, NULL, NULL, 0); // expect: BW-SQL-INJECTION
}

void pq_prepare_bad(PGconn *c)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM %s", getenv("T"));
    PQprepare(c, "stmt", q, 0, NULL); // expect: BW-SQL-INJECTION
}

void odbc_bad(SQLHSTMT s)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE n='%s'", getenv("N"));
    SQLExecDirect(s, (SQLCHAR *)q, -3); // expect: BW-SQL-INJECTION
}

void odbc_safe(SQLHSTMT s)
{
    SQLPrepare(s, (SQLCHAR *)"SELECT * FROM t WHERE n=?", -3);
}
