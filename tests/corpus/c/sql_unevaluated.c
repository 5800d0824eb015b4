/* Operands that never run: `__builtin_choose_expr()` and `_Generic` pick
 * one operand when the program is compiled, and `__builtin_constant_p()`
 * only looks at its operand.  What the others would do is not a flow, and
 * a store they would make does not replace what the buffer holds.  Linux's
 * min()/max() are a choose_expr of a plain comparison and a statement
 * expression; tgmath-style macros are _Generic.  Every safe twin here was
 * reported by the build before (and every miss below missed). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *user_query(void) { return getenv("Q"); }

#define PICK(cond, a, b) __builtin_choose_expr(cond, a, b)
#define IS_INT(x) __builtin_types_compatible_p(__typeof__(x), int)
#define QUERY_FOR(x) _Generic((x), int: "SELECT count(*) FROM t", default: user_query())

void choose_literal_safe(sqlite3 *db)
{
    const char *q = __builtin_choose_expr(1, "SELECT 1", user_query());
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_source_bad(sqlite3 *db)
{
    const char *q = __builtin_choose_expr(0, "SELECT 1", user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void choose_in_macro_safe(sqlite3 *db, int n)
{
    const char *q = PICK(IS_INT(n), "SELECT 1", user_query());
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_in_macro_bad(sqlite3 *db, long n)
{
    const char *q = PICK(IS_INT(n), "SELECT 1", user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void generic_literal_safe(sqlite3 *db, int n)
{
    sqlite3_exec(db, QUERY_FOR(n), 0, 0, 0);
}

void generic_default_bad(sqlite3 *db, long n)
{
    sqlite3_exec(db, QUERY_FOR(n), 0, 0, 0); // expect: BW-SQL-INJECTION
}

void constant_p_operand_safe(sqlite3 *db)
{
    const char *q = "SELECT 1";
    if (__builtin_constant_p(({ q = user_query(); 0; })))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void constant_p_beside_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    if (__builtin_constant_p(q) || ({ q = user_query(); 0; }))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the misses: the store that would replace the text never runs */
void unchosen_overwrite_bad(sqlite3 *db)
{
    char q[128];
    strcpy(q, user_query());
    PICK(0, strcpy(q, "SELECT 1"), (void)0);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void chosen_overwrite_safe(sqlite3 *db)
{
    char q[128];
    strcpy(q, user_query());
    PICK(1, strcpy(q, "SELECT 1"), (void)0);
    sqlite3_exec(db, q, 0, 0, 0);
}

void unselected_overwrite_bad(sqlite3 *db, long n)
{
    char q[128];
    strcpy(q, user_query());
    _Generic(n, int: strcpy(q, "SELECT 1"), default: (void)0);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void selected_overwrite_safe(sqlite3 *db, int n)
{
    char q[128];
    strcpy(q, user_query());
    _Generic(n, int: strcpy(q, "SELECT 1"), default: (void)0);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* a check in the chosen operand of a condition decides the branch; one in
 * the operand that is not chosen checks nothing */
static int is_word(const char *s)
{
    if (strspn(s, "abcdefghijklmnopqrstuvwxyz_") != strlen(s))
        return 0;
    return 1;
}

void chosen_check_safe(sqlite3 *db)
{
    const char *q = user_query();
    if (q == NULL || !PICK(1, is_word(q), 1))
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

void unchosen_check_bad(sqlite3 *db)
{
    const char *q = user_query();
    if (q == NULL || !PICK(0, is_word(q), 1))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
