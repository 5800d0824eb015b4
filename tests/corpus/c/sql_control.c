/* BW-SQL-INJECTION across control flow: a flow on some path is reported. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void if_then_bad(sqlite3 *db, int mode)
{
    char q[256] = "SELECT 1";
    if (mode > 3)
        snprintf(q, sizeof q, "SELECT '%s'", getenv("N"));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void if_then_overwrite_safe(sqlite3 *db, int mode)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT '%s'", getenv("N"));
    if (mode > 3)
        strcpy(q, "SELECT 1");
    else
        strcpy(q, "SELECT 2");
    sqlite3_exec(db, q, 0, 0, 0);
}

void if_else_bad(sqlite3 *db, int mode)
{
    const char *q;
    if (mode)
        q = "SELECT 1";
    else
        q = getenv("Q");
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void if_else_safe(sqlite3 *db, int mode)
{
    const char *q;
    if (mode)
        q = "SELECT 1";
    else
        q = "SELECT 2";
    sqlite3_exec(db, q, 0, 0, 0);
}

void else_if_chain_bad(sqlite3 *db, int m)
{
    const char *q = "SELECT 0";
    if (m == 1)
        q = "SELECT 1";
    else if (m == 2)
        q = "SELECT 2";
    else if (m == 3)
        q = getenv("Q");
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void sink_only_in_clean_branch_safe(sqlite3 *db, int m)
{
    const char *q = getenv("Q");
    if (m) {
        q = "SELECT 1";
        sqlite3_exec(db, q, 0, 0, 0);
    }
}

void ternary_bad(sqlite3 *db, int m)
{
    const char *q = m ? "SELECT 1" : getenv("Q");
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void ternary_safe(sqlite3 *db, int m)
{
    const char *q = m ? "SELECT 1" : "SELECT 2";
    sqlite3_exec(db, q, 0, 0, 0);
}

void switch_bad(sqlite3 *db, int m)
{
    char q[256] = "SELECT 0";
    switch (m) {
    case 1:
        strcpy(q, "SELECT 1");
        break;
    case 2:
        snprintf(q, sizeof q, "SELECT '%s'", getenv("N"));
        break;
    default:
        break;
    }
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void switch_fallthrough_bad(sqlite3 *db, int m)
{
    char q[256] = "SELECT 0";
    switch (m) {
    case 1:
        strcpy(q, getenv("Q"));
        /* fall through */
    case 2:
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
        break;
    }
}

void switch_safe(sqlite3 *db, int m)
{
    const char *q;
    switch (m) {
    case 1:
        q = "SELECT 1";
        break;
    default:
        q = "SELECT 2";
        break;
    }
    sqlite3_exec(db, q, 0, 0, 0);
}

void for_loop_bad(sqlite3 *db, char **names, int n)
{
    char q[1024] = "SELECT * FROM t WHERE n IN (";
    (void)names;
    for (int i = 0; i < n; i++) {
        strcat(q, "'");
        strcat(q, getenv("N"));
        strcat(q, "',");
    }
    strcat(q, "'')");
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void for_loop_safe(sqlite3 *db, int n)
{
    char q[1024] = "SELECT * FROM t WHERE id IN (";
    char num[32];
    for (int i = 0; i < n; i++) {
        snprintf(num, sizeof num, "%d,", i);
        strcat(q, num);
    }
    strcat(q, "0)");
    sqlite3_exec(db, q, 0, 0, 0);
}

void while_loop_bad(sqlite3 *db)
{
    char line[256];
    while (fgets(line, sizeof line, stdin) != NULL)
        sqlite3_exec(db, line, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void do_while_bad(sqlite3 *db)
{
    char q[256] = "SELECT 1";
    int tries = 0;
    do {
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
        strcpy(q, getenv("RETRY_QUERY"));
    } while (++tries < 3);
}

void loop_carried_safe(sqlite3 *db)
{
    char q[256] = "SELECT 1";
    for (int i = 0; i < 3; i++) {
        sqlite3_exec(db, q, 0, 0, 0);
        strcpy(q, "SELECT 2");
    }
}

void goto_bad(sqlite3 *db, int m)
{
    const char *q = "SELECT 1";
    if (m)
        goto tainted;
    goto run;
tainted:
    q = getenv("Q");
run:
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void goto_cleanup_safe(sqlite3 *db, int m)
{
    const char *q = getenv("Q");
    if (m)
        goto out;
    q = "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
out:
    return;
}

void break_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    for (;;) {
        q = getenv("Q");
        if (q != NULL)
            break;
    }
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void continue_safe(sqlite3 *db, int n)
{
    for (int i = 0; i < n; i++) {
        const char *q = getenv("Q");
        if (i % 2)
            continue;
        q = "SELECT 1";
        sqlite3_exec(db, q, 0, 0, 0);
    }
}

void early_return_bad(sqlite3 *db)
{
    const char *q = getenv("Q");
    if (q == NULL)
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static int is_safe_name(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_')
            return 0;
    return 1;
}

void validator_function_safe(sqlite3 *db)
{
    char q[256];
    const char *t = getenv("TABLE");
    if (!is_safe_name(t))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void validator_wrong_branch_bad(sqlite3 *db)
{
    char q[256];
    const char *t = getenv("TABLE");
    if (is_safe_name(t))
        puts("ok");
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void inline_ctype_loop_safe(sqlite3 *db)
{
    char q[256];
    const char *t = getenv("TABLE");
    for (const char *p = t; *p; p++)
        if (!isalnum((unsigned char)*p))
            exit(1);
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void strspn_allowlist_safe(sqlite3 *db)
{
    char q[256];
    const char *t = getenv("TABLE");
    if (strspn(t, "abcdefghijklmnopqrstuvwxyz_") != strlen(t))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void strspn_no_exit_bad(sqlite3 *db)
{
    char q[256];
    const char *t = getenv("TABLE");
    if (strspn(t, "abcdefghijklmnopqrstuvwxyz_") != strlen(t))
        puts("suspicious table name");
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void nested_if_bad(sqlite3 *db, int a, int b)
{
    const char *q = "SELECT 1";
    if (a) {
        if (b)
            q = getenv("Q");
    }
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a call in an operand that runs on some paths only: its write may not
 * have happened */
void or_operand_bad(sqlite3 *db, int cached)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    (void)(cached || (strcpy(q, "SELECT 1"), 0));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void ternary_operand_bad(sqlite3 *db, int cached)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    (void)(cached ? 0 : (strcpy(q, "SELECT 1"), 0));
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void comma_operand_safe(sqlite3 *db)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    (void)(strcpy(q, "SELECT 1"), 0);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* an assert written as ?: or ||: the check holds after it */
#define ALLOWED_NAME "abcdefghijklmnopqrstuvwxyz_"

void ternary_assert_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    (strspn(t, ALLOWED_NAME) == strlen(t)) ? (void)0 : abort();
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void or_assert_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    (void)((strspn(t, ALLOWED_NAME) == strlen(t)) || (abort(), 0));
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void ternary_assert_bad(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    (strlen(t) < 64) ? (void)0 : abort();
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}


/* either of two names valid says nothing about one of them */
static int is_plain_name(const char *s)
{
    if (strspn(s, ALLOWED_NAME) != strlen(s))
        return 0;
    return 1;
}

void either_valid_bad(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    if (t == NULL || u == NULL)
        return;
    if (!(is_plain_name(u) || is_plain_name(t)))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void both_valid_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    if (t == NULL || u == NULL)
        return;
    if (!(is_plain_name(u) && is_plain_name(t)))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s JOIN %s", t, u);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* GNU `a ?: b`: b runs only when a is null */
void elvis_maybe_cleared_bad(sqlite3 *db, const char *cached)
{
    char q[64];
    snprintf(q, sizeof q, "%s", getenv("Q"));
    const char *label = cached ?: ({ strcpy(q, "SELECT 1"); "fresh"; });
    (void)label;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void elvis_default_safe(sqlite3 *db, const char *cached)
{
    (void)cached;
    sqlite3_exec(db, "SELECT 2" ?: "SELECT 1", 0, 0, 0);
}

/* a for statement without an init: its condition is the condition (it
 * was taken for the init, and the increment for the condition) */
void for_without_init_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    int tries = 0;
    for (; t == NULL || !is_plain_name(t); tries++)
        t = getenv("OTHER_TABLE");
    snprintf(q, sizeof q, "SELECT * FROM %s LIMIT %d", t, tries);
    sqlite3_exec(db, q, 0, 0, 0);
}

void for_condition_sink_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    int n = 0;
    for (; sqlite3_exec(db, q, 0, 0, 0) != 0 && n < 3; n++) // expect: BW-SQL-INJECTION
        q = getenv("Q");
}

void for_increment_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    for (int i = 0; i < 2; q = getenv("Q"), i++)
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void for_without_init_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    int i = 0;
    for (; i < 2; q = getenv("Q"), i++)
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the increment runs after the body and before the condition: each value
 * it reads is checked before the body uses it (it was lowered before the
 * body, so the body saw the increment's unchecked value) */
void for_increment_checked_safe(sqlite3 *db)
{
    const char *q;
    for (q = getenv("Q"); q != NULL && is_plain_name(q); q = getenv("Q"))
        sqlite3_exec(db, q, 0, 0, 0);
}

/* its twin: the check is in the init only */
void for_increment_unchecked_bad(sqlite3 *db)
{
    const char *q = getenv("Q");
    if (q == NULL || !is_plain_name(q))
        return;
    for (int i = 0; i < 2; q = getenv("Q"), i++)
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* `continue` goes to the increment, which the condition then checks */
void for_continue_to_increment_safe(sqlite3 *db, int skip)
{
    const char *q;
    for (q = getenv("Q"); q != NULL && is_plain_name(q); q = getenv("Q")) {
        if (skip)
            continue;
        sqlite3_exec(db, q, 0, 0, 0);
    }
}

/* likely()/unlikely() around a check */
#define unlikely(x) __builtin_expect(!!(x), 0)

void unlikely_check_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    if (unlikely(t == NULL || !is_plain_name(t)))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void unlikely_check_bad(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    if (unlikely(t == NULL))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* an allow-list loop that also lets a quote through validates nothing */
static int name_or_quote(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '\'')
            return 0;
    return 1;
}

static int name_or_underscore(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return 0;
    return 1;
}

void quote_allowed_bad(sqlite3 *db)
{
    char q[128];
    const char *v = getenv("VALUE");
    if (v == NULL || !name_or_quote(v))
        return;
    snprintf(q, sizeof q, "SELECT * FROM t WHERE v = '%s'", v);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void underscore_allowed_safe(sqlite3 *db)
{
    char q[128];
    const char *v = getenv("VALUE");
    if (v == NULL || !name_or_underscore(v))
        return;
    snprintf(q, sizeof q, "SELECT * FROM t WHERE v = '%s'", v);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* a name checked, then replaced later in the same condition: what the
 * check proved was about the old value */
void checked_then_replaced_bad(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    if (is_plain_name(t) && (t = u) != NULL) {
        snprintf(q, sizeof q, "SELECT * FROM %s", t);
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
    }
}

void checked_then_read_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    if (is_plain_name(t) && (u = t) != NULL) {
        snprintf(q, sizeof q, "SELECT * FROM %s", u);
        sqlite3_exec(db, q, 0, 0, 0);
    }
}

static int next_name(const char **out)
{
    *out = getenv("NEXT_TABLE");
    return *out != NULL;
}

void rejected_unless_checked_then_refilled_bad(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    if (!is_plain_name(t) || !next_name(&t))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void refilled_then_checked_safe(sqlite3 *db)
{
    char q[128];
    const char *t = getenv("TABLE");
    if (!next_name(&t) || !is_plain_name(t))
        return;
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

/* the same in a value: the right operand runs after the check */
void value_checked_then_replaced_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    (is_plain_name(t) && (t = u) != NULL) ? sqlite3_exec(db, t, 0, 0, 0) : 0; // expect: BW-SQL-INJECTION
}

void value_checked_then_skipped_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    (is_plain_name(t) && (t++, sizeof(t = u) > 0)) ? sqlite3_exec(db, t, 0, 0, 0) : 0;
}

void value_checked_then_read_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE"), *u = getenv("USER_TABLE");
    (is_plain_name(t) && (u = t) != NULL) ? sqlite3_exec(db, u, 0, 0, 0) : 0;
}

void value_checked_then_refilled_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    (is_plain_name(t) && next_name(&t)) ? sqlite3_exec(db, t, 0, 0, 0) : 0; // expect: BW-SQL-INJECTION
}

/* allow-list loops that stop checking before the end validate nothing */
static int first_char_plain(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (!isalnum((unsigned char)*p))
            return 0;
        break;
    }
    return 1;
}

static int plain_up_to_space(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == ' ')
            break;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int plain_up_to_equals(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '=')
            return 1;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int plain_or_quote_skipped(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

/* a second rejection, a continue for an allowed character, a continue
 * after the check: still the whole string */
static int plain_without_dots(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (p[0] == '.' && p[1] == '.')
            return 0;
        if (*p == '_')
            continue;
        if (!isalnum((unsigned char)*p) && *p != '.')
            return 0;
        continue;
    }
    return 1;
}

static void select_from(sqlite3 *db, const char *t)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM %s", t);
    sqlite3_exec(db, q, 0, 0, 0);
}

void first_char_checked_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !first_char_plain(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void checked_up_to_space_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !plain_up_to_space(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void checked_up_to_equals_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !plain_up_to_equals(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void quote_skipped_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !plain_or_quote_skipped(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void checked_without_dots_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !plain_without_dots(t))
        return;
    select_from(db, t);
}

/* what may reach the loop's end early, in other shapes */
static int first_char_else_break(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (!isalnum((unsigned char)*p))
            return 0;
        else
            break;
    }
    return 1;
}

#define EACH_CHAR_SKIPPING_QUOTES(s)          \
    for (const char *p_ = (s); *p_; p_++) {   \
        if (*p_ == '\'')                      \
            continue;                         \
        if (!isalnum((unsigned char)*p_))     \
            return 0;                         \
    }

static int quotes_skipped_in_macro(const char *s)
{
    EACH_CHAR_SKIPPING_QUOTES(s);
    return 1;
}

static int plain_until_space_in_cond(const char *s)
{
    for (const char *p = s; *p && *p != ' '; p++)
        if (!isalnum((unsigned char)*p))
            return 0;
    return 1;
}

static int quote_jumps_to_label(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            goto next;
        if (!isalnum((unsigned char)*p))
            return 0;
    next:;
    }
    return 1;
}

void else_break_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !first_char_else_break(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void macro_loop_quote_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quotes_skipped_in_macro(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void stop_in_condition_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !plain_until_space_in_cond(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void goto_into_loop_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quote_jumps_to_label(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the check still covers every character: digits skipped by a continue,
 * a first character held to a stricter class, a switch of allowed
 * characters, the line cut at its newline, and a length limit that
 * rejects */
static int identifier_like(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (isdigit((unsigned char)s[i]) && i > 0)
            continue;
        if (i == 0) {
            if (!isalpha((unsigned char)s[i]))
                return 0;
            continue;
        }
        switch (s[i]) {
        case '_':
        case '-':
            continue;
        default:
            break;
        }
        if (!isalpha((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

static int i_too_long(long n) { return n > 63; }

static int chomp_and_check(char *s)
{
    for (char *p = s; *p; p++) {
        if (*p == '\n') {
            *p = '\0';
            break;
        }
        if (i_too_long(p - s))
            return 0;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void identifier_like_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !identifier_like(t))
        return;
    select_from(db, t);
}

void chomped_line_safe(sqlite3 *db, FILE *f)
{
    char t[64];
    if (fgets(t, sizeof t, f) == NULL || !chomp_and_check(t))
        return;
    select_from(db, t);
}

/* a store through a ?: of addresses, and a call's result kept across the
 * branches of the same statement */
int side_effect(void);

void store_through_conditional_bad(sqlite3 *db, int m, int n)
{
    const char *a = "SELECT 1", *b = "SELECT 2";
    *((m && n) ? &a : &b) = getenv("Q");
    sqlite3_exec(db, a, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void store_through_conditional_safe(sqlite3 *db, int m, int n)
{
    const char *a = "SELECT 1", *b = "SELECT 2";
    *((m && n) ? &a : &b) = "SELECT 3";
    sqlite3_exec(db, a, 0, 0, 0);
}

void result_across_branches_bad(sqlite3 *db, int m)
{
    const char *a = "SELECT 1", *b = "SELECT 2";
    *(m ? (side_effect(), &a) : &b) = getenv("Q");
    sqlite3_exec(db, a, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the review's shapes: a quote under an allowed label, a quote after any
 * letter, a cut of another buffer; and two loops that do check it all */
static int quote_under_underscore_label(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '_':
        case '\'':
            continue;
        default:
            break;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int quote_after_letter(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (p > s && isalpha((unsigned char)p[-1]) && *p == '\'')
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int cut_elsewhere(const char *s, char *copy)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == ' ') {
            copy[i] = '\0';
            break;
        }
        if (!isalnum((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

static int to_nul_then_break(const char *s)
{
    for (const char *p = s;; p++) {
        if (*p == '\0')
            break;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int hex_of_eight(const char *s)
{
    for (int i = 0; i != 8; i++)
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

void quote_under_allowed_label_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quote_under_underscore_label(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void quote_after_letter_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quote_after_letter(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void cut_elsewhere_bad(sqlite3 *db)
{
    char copy[64];
    const char *t = getenv("TABLE");
    if (t == NULL || strlen(t) >= sizeof copy || !cut_elsewhere(t, copy))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void to_nul_then_break_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !to_nul_then_break(t))
        return;
    select_from(db, t);
}

void hex_of_eight_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || strlen(t) != 8 || !hex_of_eight(t))
        return;
    select_from(db, t);
}

/* the third review's shapes */
static int quote_rejected_in_switch(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\'':
            return 0;
        case '_':
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int rejection_jumps_to_failure(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (!isalnum((unsigned char)*p))
            goto fail;
        continue;
    fail:
        return 0;
    }
    return 1;
}

static int copy_in_condition(const char *s)
{
    char c;
    for (const char *p = s; (c = *p) != '\0'; p++)
        if (!isalnum((unsigned char)*p))
            return 0;
    (void)c;
    return 1;
}

static int switch_on_next_char(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (p[1]) {
        case '_':
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int exception_on_next_char(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && p[1] != '_')
            return 0;
    return 1;
}

static int copy_stops_at_space(const char *s)
{
    char c;
    for (const char *p = s; (c = *p) != '\0' && c != ' '; p++)
        if (!isalnum((unsigned char)*p))
            return 0;
    return 1;
}

void quote_rejected_in_switch_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quote_rejected_in_switch(t))
        return;
    select_from(db, t);
}

void rejection_jumps_to_failure_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !rejection_jumps_to_failure(t))
        return;
    select_from(db, t);
}

void copy_in_condition_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_in_condition(t))
        return;
    select_from(db, t);
}

void switch_on_next_char_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !switch_on_next_char(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void exception_on_next_char_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !exception_on_next_char(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void copy_stops_at_space_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_stops_at_space(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the final review's shapes: validators of a struct member, a braced case
 * that leaves the switch, a cleanup before the failure return, a range of
 * letters, a set of allowed characters; and a label that lets quotes on */
struct ident {
    char name[32];
};

void member_name_checked_safe(sqlite3 *db)
{
    struct ident n;
    const char *t = getenv("TABLE");
    if (t == NULL || strlen(t) >= sizeof n.name)
        return;
    strcpy(n.name, t);
    for (int i = 0; n.name[i]; i++)
        if (!isalnum((unsigned char)n.name[i]) && n.name[i] != '_')
            return;
    select_from(db, n.name);
}

static int braced_case_then_allowed(const char *s)
{
    int spaces = 0;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case ' ': {
            spaces++;
            break;
        }
        case '_':
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    (void)spaces;
    return 1;
}

static int cleanup_then_fail(const char *s)
{
    char *copy = strdup(s);
    for (const char *p = s; *p; p++) {
        if (!isalnum((unsigned char)*p))
            goto fail;
        continue;
    fail:
        free(copy);
        return 0;
    }
    free(copy);
    return 1;
}

static int lower_letters_or_digits(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            continue;
        if (!isdigit((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int word_or_dash(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (strchr("_-", *p))
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int quotes_on_request(const char *s, int allow_quotes)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            goto quote;
        if (!isalnum((unsigned char)*p))
            return 0;
        continue;
    quote: {
        if (allow_quotes)
            continue;
        return 0;
    }
    }
    return 1;
}

void braced_case_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !braced_case_then_allowed(t))
        return;
    select_from(db, t);
}

void cleanup_then_fail_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !cleanup_then_fail(t))
        return;
    select_from(db, t);
}

void letter_range_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !lower_letters_or_digits(t))
        return;
    select_from(db, t);
}

void allowed_set_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !word_or_dash(t))
        return;
    select_from(db, t);
}

void quotes_on_request_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !quotes_on_request(t, 1))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* GNU case ranges: a range inside one class is allowed characters; one
 * from 'A' to 'z' also holds [ \ ] ^ and ` */
static int case_range_letters(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case 'a' ... 'z':
        case '0' ... '9':
            continue;
        default:
            break;
        }
        if (!isupper((unsigned char)*p) && *p != '_')
            return 0;
    }
    return 1;
}

static int case_range_across_classes(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case 'A' ... 'z':
            continue;
        default:
            break;
        }
        if (!isdigit((unsigned char)*p))
            return 0;
    }
    return 1;
}

void case_range_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !case_range_letters(t))
        return;
    select_from(db, t);
}

void case_range_across_classes_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !case_range_across_classes(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a range label is the value converted to the switch's type: on an
 * unsigned switch, 'a' ... -1 runs from 'a' to the type's maximum */
static int case_range_to_max(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch ((unsigned)*p) {
        case 'a' ... -1:
            continue;
        default:
            break;
        }
        if (!isdigit((unsigned char)*p))
            return 0;
    }
    return 1;
}

void case_range_to_max_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !case_range_to_max(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a for header written in a macro with one part: its `;` are not in the
 * file where the part is, so the parts are taken in order (the init) */
#define STARTING_AT(q, v) for (q = (v);;)

void macro_for_init_safe(sqlite3 *db, int n)
{
    const char *q = getenv("Q");
    STARTING_AT(q, "SELECT 1")
    {
        sqlite3_exec(db, q, 0, 0, 0);
        if (n-- <= 0)
            break;
    }
}

void macro_for_init_bad(sqlite3 *db)
{
    const char *q = "SELECT 1";
    STARTING_AT(q, getenv("Q"))
    {
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
        break;
    }
}

/* a copy of the element assigned in the body (`c = *p;`), and nothing else
 * changing it there: a guard on the copy after it is a guard on the
 * element; one before it tests the previous character */
static int copy_guard_after(const char *s)
{
    char c;
    for (const char *p = s; *p; p++) {
        c = *p;
        if (c == '_')
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int copy_guard_before(const char *s)
{
    char c = 'x';
    for (const char *p = s; *p; p++) {
        if (c == '_')
            continue;
        c = *p;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

static int copy_changed_again(const char *s)
{
    char c;
    for (const char *p = s; *p; p++) {
        c = *p;
        if (p > s)
            c = '_';
        if (c == '_')
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

/* the pointer moves between the copy and the guard: c is the previous
 * character, and the one p moved to is not checked */
static int copy_then_step(const char *s)
{
    char c;
    for (const char *p = s; *p; p++) {
        c = *p;
        if (c == '_' && p[1] != '\0')
            p++;
        if (c == '_')
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void copy_then_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_then_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void copy_guard_after_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_guard_after(t))
        return;
    select_from(db, t);
}

void copy_guard_before_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_guard_before(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

void copy_changed_again_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_changed_again(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* A guard whose branch moves the pointer before `continue`: in a loop
 * that also steps in its increment or condition the character moved to
 * is skipped unchecked (every build before this case accepted the for
 * loop's form).  A while loop that steps at the end of its body needs
 * the branch's one step; two steps skip. */
static int for_step_skips(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void for_step_skips_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !for_step_skips(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}


static int while_step_once(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void while_step_once_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_step_once(t))
        return;
    select_from(db, t);
}


static int while_step_twice(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') {
            p += 2;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void while_step_twice_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_step_twice(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}


static int index_step_skips(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '-') {
            i++;
            continue;
        }
        if (!isalnum((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

void index_step_skips_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !index_step_skips(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}


static int index_while_once(const char *s)
{
    size_t i = 0;
    while (s[i] != '\0') {
        if (s[i] == '-') {
            ++i;
            continue;
        }
        if (!isalnum((unsigned char)s[i]))
            return 0;
        i++;
    }
    return 1;
}

void index_while_once_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !index_while_once(t))
        return;
    select_from(db, t);
}


static int copy_step_skips(const char *s)
{
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)c))
            return 0;
    }
    return 1;
}

void copy_step_skips_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !copy_step_skips(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

static int cond_step(const char *s)
{
    const char *p = s - 1;
    while (*++p) {
        if (*p == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void cond_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !cond_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* More guards and steps (helper-49's review of e340440).  A loop that steps
 * in its condition or increment must not move the element in its body; one
 * that does not steps in one statement of its body that runs each time,
 * and a guard may take that step early before its continue.  Every bad
 * case here was accepted as a validator by e340440 (and before). */

/* a case label that steps in a for loop */
static int case_step_in_for(const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '_':
            p++;
            continue;
        default:
            break;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void case_step_in_for_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !case_step_in_for(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* chained labels stepping an index */
static int chained_case_step_in_for(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        switch (s[i]) {
        case '-':
        case '_':
            i++;
            continue;
        }
        if (!isalnum((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

void chained_case_step_in_for_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !chained_case_step_in_for(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* one p++ written once but run in a loop */
static int inner_loop_step(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') {
            while (*p++ == '_')
                ;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void inner_loop_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !inner_loop_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a step inside a counted loop of the branch */
static int counted_loop_step(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') {
            for (int k = 0; k < 2; k++)
                p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void counted_loop_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !counted_loop_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the body steps before the guard, which steps again */
static int step_before_guard(const char *s)
{
    const char *p = s;
    while (*p) {
        p++;
        if (p[-1] == '_') { p++; continue; }
        if (!isalnum((unsigned char)p[-1]))
            return 0;
    }
    return 1;
}

void step_before_guard_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !step_before_guard(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the branch steps the base, the increment the index */
static int base_step_index_loop(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '_') { s++; continue; }
        if (!isalnum((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

void base_step_index_loop_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !base_step_index_loop(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a step in the guard's test */
static int step_in_guard_test(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '_' && *++p)
            continue;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void step_in_guard_test_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !step_in_guard_test(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* an element form element_key does not follow */
static int offset_index_step(const char *s)
{
    size_t off = 0;
    for (size_t i = 0; s[off + i]; i++) {
        if (s[off + i] == '_') { i++; continue; }
        if (!isalnum((unsigned char)s[off + i]))
            return 0;
    }
    return 1;
}

void offset_index_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !offset_index_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a do loop whose condition steps */
static int do_cond_step(const char *s)
{
    size_t i = 0;
    do {
        if (s[i] == '_') { i++; continue; }
        if (!isalnum((unsigned char)s[i]))
            return 0;
    } while (s[++i]);
    return 1;
}

void do_cond_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !do_cond_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a step outside any guard in a for loop */
static int body_step_in_for(const char *s)
{
    for (const char *p = s; *p; p++) {
        p++;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void body_step_in_for_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !body_step_in_for(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a step in a guard's else branch */
static int else_step_in_for(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '_')
            continue;
        else
            p++;
        if (!isalnum((unsigned char)*p))
            return 0;
    }
    return 1;
}

void else_step_in_for_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !else_step_in_for(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* p += 1 is one step */
static int while_add_one(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') { p += 1; continue; }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void while_add_one_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_add_one(t))
        return;
    select_from(db, t);
}

/* i += 1 is one step */
static int while_index_add_one(const char *s)
{
    size_t i = 0;
    while (s[i]) {
        if (s[i] == '_') { i += 1; continue; }
        if (!isalnum((unsigned char)s[i]))
            return 0;
        i += 1;
    }
    return 1;
}

void while_index_add_one_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_index_add_one(t))
        return;
    select_from(db, t);
}

/* p = p + 1 is one step */
static int while_assign_plus_one(const char *s)
{
    const char *p = s;
    while (*p != '\0') {
        if (*p == '_') {
            p = p + 1;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p = p + 1;
    }
    return 1;
}

void while_assign_plus_one_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_assign_plus_one(t))
        return;
    select_from(db, t);
}

/* the step inside a copy statement runs once */
static char buf[64];
static int while_copy_out(const char *s)
{
    const char *p = s;
    char *d = buf;
    while (*p) {
        if (*p == '_') { *d++ = *p++; continue; }
        if (!isalnum((unsigned char)*p))
            return 0;
        *d++ = *p++;
    }
    return 1;
}

void while_copy_out_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_copy_out(t))
        return;
    select_from(db, t);
}

/* the rejection steps (*p++) */
static int while_reject_steps(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') { p++; continue; }
        if (!isalnum((unsigned char)*p++))
            return 0;
    }
    return 1;
}

void while_reject_steps_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_reject_steps(t))
        return;
    select_from(db, t);
}

/* a do loop stepping in its body */
static int do_body_steps(const char *s)
{
    const char *p = s;
    do {
        if (*p == '_') { p++; continue; }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    } while (*p);
    return 1;
}

void do_body_steps_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !do_body_steps(t))
        return;
    select_from(db, t);
}

/* a case label that steps in a while loop */
static int while_case_step(const char *s)
{
    const char *p = s;
    while (*p) {
        switch (*p) {
        case '_':
        case '-':
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void while_case_step_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !while_case_step(t))
        return;
    select_from(db, t);
}

/* the rejection steps in its else branch */
static int reject_else_steps(const char *s)
{
    const char *p = s;
    while (*p) {
        if (!isalnum((unsigned char)*p))
            return 0;
        else
            p++;
    }
    return 1;
}

void reject_else_steps_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !reject_else_steps(t))
        return;
    select_from(db, t);
}

/* helper-50's review of 3980557: a guard's step counts only before its
 * continue, the body's step comes after every stepping guard (other
 * statements may follow it), a label in the body may run the step again,
 * and writes of a member count as writes of its variable.  Every bad case
 * was accepted by 3980557 and before; the safe ones were refused by
 * 3980557. */

struct cursor {
    const char *p;
};

/* a guard that steps without continue: the body steps again */
static int step_without_continue(const char *s)
{
    const char *p = s;
    while (*p) {
        if (!isalnum((unsigned char)*p) && *p != '_')
            return 0;
        if (*p == '_')
            p++;
        p++;
    }
    return 1;
}

void step_without_continue_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !step_without_continue(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a case label that steps and falls into another that steps */
static int case_falls_into_step(const char *s)
{
    const char *p = s;
    while (*p) {
        switch (*p) {
        case '_':
            p++;
            /* fall through */
        case '-':
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void case_falls_into_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !case_falls_into_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a jump back runs the one step again */
static int jump_back_to_step(const char *s)
{
    const char *p = s;
    while (*p) {
        if (!isalnum((unsigned char)*p))
            return 0;
    again:;
        p++;
        if (*p == '\'')
            goto again;
    }
    return 1;
}

void jump_back_to_step_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !jump_back_to_step(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the element is reached through a member, stepped in a guard and the increment */
static int member_cursor_steps(const char *s)
{
    struct cursor c = {s};
    for (; *c.p; c.p++) {
        if (*c.p == '_') {
            c.p++;
            continue;
        }
        if (!isalnum((unsigned char)*c.p))
            return 0;
    }
    return 1;
}

void member_cursor_steps_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !member_cursor_steps(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* a loop inside a statement expression steps more than once */
static int statement_expression_loop(const char *s)
{
    const char *p = s;
    while (*p) {
        if (!isalnum((unsigned char)*p))
            return 0;
        ({
            for (int k = 0; k < 2; k++)
                p++;
        });
    }
    return 1;
}

void statement_expression_loop_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !statement_expression_loop(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

/* the element reached through a member, stepped in the increment only */
static int member_cursor(const char *s)
{
    struct cursor c = {s};
    for (; *c.p; c.p++) {
        if (!isalnum((unsigned char)*c.p))
            return 0;
    }
    return 1;
}

void member_cursor_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !member_cursor(t))
        return;
    select_from(db, t);
}

/* a statement after the body's step */
static int count_after_step(const char *s)
{
    const char *p = s;
    size_t n = 0;
    while (*p) {
        if (*p == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
        n++;
    }
    if (n > 64)
        return 0;
    return 1;
}

void count_after_step_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !count_after_step(t))
        return;
    select_from(db, t);
}

/* a DNS-style label check: the guard resets a count */
static int label_lengths(const char *s)
{
    size_t i = 0, len = 0;
    while (s[i]) {
        if (s[i] == '.') {
            i++;
            len = 0;
            continue;
        }
        if (!isalnum((unsigned char)s[i]))
            return 0;
        i++;
        if (++len > 63)
            return 0;
    }
    return 1;
}

void label_lengths_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !label_lengths(t))
        return;
    select_from(db, t);
}

/* the rejection steps, a count follows */
static int reject_steps_then_count(const char *s)
{
    const char *p = s;
    size_t n = 0;
    while (*p) {
        if (*p == '_') {
            p++;
            continue;
        }
        if (!isalnum((unsigned char)*p++))
            return 0;
        n++;
    }
    if (n == 0)
        return 0;
    return 1;
}

void reject_steps_then_count_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !reject_steps_then_count(t))
        return;
    select_from(db, t);
}

/* helper-53's review of 3381d85: a break inside a stepping guard leaves
 * only the switch and reaches the body's step; an index held in an array
 * element; a member cursor stepped in a while body */
static int dotted_name(const char *s)
{
    const char *p = s;
    int dots = 0;
    while (*p) {
        if (!isalnum((unsigned char)*p) && *p != '.')
            return 0;
        switch (*p) {
        case '.':
            p++;
            if (++dots > 3)
                break;
            continue;
        }
        p++;
    }
    return 1;
}

void dotted_name_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !dotted_name(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

static int index_in_array(const char *s)
{
    size_t ix[1] = {0};
    while (s[ix[0]]) {
        if (s[ix[0]] == '_') {
            ix[0] += 2;
            continue;
        }
        if (!isalnum((unsigned char)s[ix[0]]))
            return 0;
        ix[0]++;
    }
    return 1;
}

void index_in_array_bad(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !index_in_array(t))
        return;
    select_from(db, t); // expect: BW-SQL-INJECTION
}

struct lexer {
    const char *cur;
};

static int lexer_word(const char *s)
{
    struct lexer lx = {s};
    while (*lx.cur) {
        if (!isalnum((unsigned char)*lx.cur))
            return 0;
        lx.cur++;
    }
    return 1;
}

void lexer_word_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !lexer_word(t))
        return;
    select_from(db, t);
}

/* helper-56's review of f6f96ef: a break that leaves the loop in a
 * stepping guard, and a write of the element through a pointer, are not
 * steps */
static int word_with_underscores(const char *s)
{
    const char *p = s;
    while (*p) {
        if (*p == '_') {
            p++;
            if (*p == '\0')
                break;
            continue;
        }
        if (!isalnum((unsigned char)*p))
            return 0;
        p++;
    }
    return 1;
}

void word_with_underscores_safe(sqlite3 *db)
{
    const char *t = getenv("TABLE");
    if (t == NULL || !word_with_underscores(t))
        return;
    select_from(db, t);
}

static int lowered_word(char *s)
{
    for (size_t i = 0; s[i]; i++) {
        s[i] = (char)tolower((unsigned char)s[i]);
        if (!isalnum((unsigned char)s[i]) && s[i] != '_')
            return 0;
    }
    return 1;
}

void lowered_word_safe(sqlite3 *db)
{
    char *t = getenv("TABLE");
    if (t == NULL || !lowered_word(t))
        return;
    select_from(db, t);
}
