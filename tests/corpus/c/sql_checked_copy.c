/* A check covers the copies made before it: `q = s; if (!ok(s)) return;
 * use(q);`.  q points to the text s points to, so the check of s is a
 * check of q's text.  Every safe case here was reported by the build
 * before (e0b9a5e).  The bad twins point s elsewhere after the copy,
 * give q other data on another path, or copy something else into q. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *user_query(void) { return getenv("Q"); }

static int is_word(const char *s)
{
    if (strspn(s, "abcdefghijklmnopqrstuvwxyz_") != strlen(s))
        return 0;
    return 1;
}

void copy_then_check_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void copy_then_repoint_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    s = getenv("OTHER");
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void parameter_copy_safe(sqlite3 *db, const char *s)
{
    const char *q = s;
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void suffix_copy_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s + 1;
    if (s == NULL || s[0] == '\0' || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void buffer_copy_safe(sqlite3 *db)
{
    char buf[64];
    strncpy(buf, user_query(), sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    const char *q = buf;
    if (!is_word(buf))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void buffer_copy_repointed_bad(sqlite3 *db)
{
    char buf[64], other[64];
    strncpy(buf, user_query(), sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    const char *q = buf;
    q = other;
    strncpy(other, user_query(), sizeof other - 1);
    other[sizeof other - 1] = '\0';
    if (!is_word(buf))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

struct request {
    const char *name;
};

void member_copy_safe(sqlite3 *db, struct request *r)
{
    r->name = user_query();
    const char *q = r->name;
    if (r->name == NULL || !is_word(r->name))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void member_copy_reassigned_bad(sqlite3 *db, struct request *r)
{
    r->name = user_query();
    const char *q = r->name;
    r->name = "main";
    if (!is_word(r->name))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a copy on one path, nothing in q on the other */
void copy_on_one_path_safe(sqlite3 *db, int c)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (c)
        q = s;
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void choice_then_check_safe(sqlite3 *db, int c)
{
    const char *s = user_query();
    const char *q = c ? s : "SELECT 1";
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void other_data_on_other_path_bad(sqlite3 *db, int c)
{
    const char *s = user_query();
    const char *q;
    if (c)
        q = s;
    else
        q = getenv("OTHER");
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the copy made in a loop whose next turn points s elsewhere */
void copy_in_loop_bad(sqlite3 *db, int n)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    for (int i = 0; i < n; i++) {
        q = s;
        s = getenv("NEXT");
    }
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* written through a pointer to s: s may point elsewhere */
void repointed_through_pointer_bad(sqlite3 *db)
{
    const char *s = "SELECT 1";
    const char **where = &s;
    const char *q = s;
    *where = user_query();
    q = s;
    s = "SELECT 2";
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
