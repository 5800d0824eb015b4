/* A check covers the copies made before it: `q = s; if (!ok(s)) return;
 * use(q);`.  q points to the text s points to, so the check of s is a
 * check of q's text.  Every safe case here was reported by the build
 * before (e0b9a5e).  The bad twins point s elsewhere after the copy,
 * give q other data on another path, or copy something else into q. */
#include <setjmp.h>
#include <sqlite3.h>
#include <stdio.h>
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

/* pointer arithmetic is no copy: `s + 1` of an empty s, `s - 1`, `s +
 * strlen(s) + 1` (a key\0value record) point outside the checked text */
void offset_copy_bad(sqlite3 *db)
{
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, stdin);
    buf[n] = '\0';
    const char *value = buf + strlen(buf) + 1;
    if (!is_word(buf))
        return;
    sqlite3_exec(db, value, 0, 0, 0); // expect: BW-SQL-INJECTION
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

/* a member is no copy's target (a union's other member, a write through
 * a pointer to the record, a callee given the record could change it):
 * the check of r.name leaves q reported (a false positive here, but
 * the reassigned twin is not) */
void member_copy_reassigned_bad(sqlite3 *db)
{
    struct request r;
    r.name = user_query();
    const char *q = r.name;
    r.name = "main";
    if (!is_word(r.name))
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

/* helper-52's review of 11b5f4d: a call given &s may point s elsewhere
 * (with a body or without, a clean store, a library call); a global and a
 * member reached through a pointer are no copy's target; writes into the
 * copy itself end it; a check of a place that only may be s says nothing
 * about s's copies; a static local keeps what an earlier call stored */
extern void next_word(const char **pp);

static void to_main(const char **pp)
{
    *pp = "main";
}

static const char *current;

static void reset_current(void)
{
    current = "main";
}

struct statement {
    const char *sql;
};

static void set_sql(struct statement *st)
{
    st->sql = getenv("OTHER");
}

void repointed_by_unknown_callee_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    next_word(&s);
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void repointed_by_clean_store_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    to_main(&s);
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void repointed_by_library_bad(sqlite3 *db)
{
    char *s = getenv("Q");
    char *q = s;
    strsep(&s, " ");
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void global_target_bad(sqlite3 *db)
{
    current = user_query();
    const char *q = current;
    reset_current();
    if (!is_word(current))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void record_copied_over_bad(sqlite3 *db)
{
    struct statement st, other;
    st.sql = user_query();
    const char *q = st.sql;
    other.sql = "main";
    memcpy(&st, &other, sizeof st);
    if (!is_word(st.sql))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void copy_overwritten_through_pointer_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    const char **where = &q;
    *where = getenv("OTHER");
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void copy_member_overwritten_by_callee_bad(sqlite3 *db)
{
    struct statement st;
    const char *s = user_query();
    st.sql = s;
    set_sql(&st);
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, st.sql, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void check_of_a_maybe_alias_bad(sqlite3 *db, int c)
{
    const char *s = user_query();
    const char *q = s;
    const char *t = c ? s : "main";
    if (!is_word(t))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void static_copy_bad(sqlite3 *db, int c)
{
    static const char *q;
    const char *s = user_query();
    if (c)
        q = s;
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* s++ is not lowered as a write: a stepped place is no copy's target */
void stepped_past_quotes_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    if (s == NULL)
        return;
    while (*s == '\'')
        s++;
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a copy of a copy */
void copy_of_copy_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    const char *r = q;
    if (s == NULL || !is_word(s))
        return;
    sqlite3_exec(db, r, 0, 0, 0);
}

/* helper-54's review of a4ea88f: a target whose address is taken, a
 * union, a volatile, and a copy stepped backwards are not covered */
static void point_to_main(const char **pp)
{
    *pp = "main";
}

void address_taken_target_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char **where = &s;
    const char *q = s;
    point_to_main(where);
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

union text_or_record {
    const char *text;
    struct {
        const char *inner;
    } rec;
};

void union_target_bad(sqlite3 *db)
{
    union text_or_record x;
    x.text = user_query();
    const char *q = x.text;
    x.rec.inner = "main";
    if (!is_word(x.text))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void copy_stepped_back_bad(sqlite3 *db, const char *s)
{
    const char *q = s;
    while (q[-1] == ' ')
        q--;
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void address_before_text_bad(sqlite3 *db)
{
    const char *t = user_query();
    const char *s = t + 1;
    const char *q = &s[-1];
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* helper-55's review of f6f96ef: a function with an asm statement's
 * outputs or setjmp makes no copies (the asm writes s unseen; a longjmp
 * comes back with s as it was when it was made) */
void asm_output_target_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    const char *m = "main";
    __asm__("" : "=r"(s) : "0"(m));
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static jmp_buf again;

void setjmp_target_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    if (setjmp(again)) {
        if (!is_word(s))
            return;
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
        return;
    }
    s = "main";
    longjmp(again, 1);
}

/* helper-57's review of 4c3527a: a write in a variably modified type's
 * size runs even under sizeof; the function makes no copies */
void written_in_array_size_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = s;
    (void)sizeof(char[(s = "main", 1)]);
    if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
