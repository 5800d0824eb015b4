/* A value chosen after a check: `q = ok(s) ? s : "default"` and
 * `q = "default"; if (ok(s)) q = s;`.  After the choice, q is s only on
 * the path where s was checked; on the other path s is unchecked but q is
 * the literal.  The analysis keeps one value per variable at a merge, so
 * it used to read q through its link to s and find s's unchecked value of
 * the other path.  Every safe case here was reported by the build before
 * (766faae); the bad twins choose without a check, check the other arm,
 * or write the text after the choice. */
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

void choose_checked_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = is_word(s) ? s : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_unchecked_arm_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = is_word(s) ? "SELECT 1" : s;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void choose_negated_check_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = !is_word(s) ? "SELECT 1" : s;
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_without_check_bad(sqlite3 *db, int n)
{
    const char *s = user_query();
    const char *q = n > 0 ? s : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a comma's value is its right operand, which decides */
void choose_after_comma_safe(sqlite3 *db, int *calls)
{
    const char *s = user_query();
    const char *q = ((*calls)++, is_word(s)) ? s : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_comma_reassigns_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = (is_word(s), s = user_query()) ? s : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void choose_compound_check_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = (s != NULL && is_word(s)) ? s : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void choose_other_source_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = is_word(s) ? s : user_query();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void choose_then_overwrite_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = is_word(s) ? (s = user_query(), s) : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void assign_if_checked_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (is_word(s))
        q = s;
    sqlite3_exec(db, q, 0, 0, 0);
}

void assign_if_else_checked_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q;
    if (s != NULL && is_word(s))
        q = s;
    else
        q = "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void assign_if_unchecked_bad(sqlite3 *db, int n)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (n > 0)
        q = s;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* the check is on the path that does not choose s */
void assign_check_elsewhere_bad(sqlite3 *db, int n)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (n > 0)
        q = s;
    else if (!is_word(s))
        return;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* s changes after the choice; q still holds the checked text */
void assign_then_reuse_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (is_word(s))
        q = s;
    s = user_query();
    sqlite3_exec(db, q, 0, 0, 0);
}

/* a buffer chosen on one path and filled after the choice: clean on both
 * paths at the merge, so q still sees what is written into it */
void buffer_filled_after_choice_bad(sqlite3 *db, int n)
{
    char buf[64] = "SELECT ";
    const char *q = "SELECT 1";
    if (n > 0)
        q = buf;
    strcat(buf, user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a text chosen after its check and written after the merge: the
 * merge stops reading the other path's value through q, not what is
 * written into the text later (each of these was missed by a build that
 * cut the link at the merge) */
void array_written_after_choice_bad(sqlite3 *db)
{
    char buf[128];
    strcpy(buf, user_query());
    const char *q = "SELECT 1";
    if (is_word(buf))
        q = buf;
    strcat(buf, user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void param_written_after_choice_bad(sqlite3 *db, char *s)
{
    const char *q = "SELECT 1";
    if (is_word(s))
        q = s;
    strcpy(s, user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a write through the chosen pointer reaches the text it names */
void written_through_choice_bad(sqlite3 *db)
{
    char buf[128], other[128];
    strcpy(buf, user_query());
    char *p = other;
    if (is_word(buf))
        p = buf;
    strcpy(buf, "SELECT 1");
    strcat(p, user_query());
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a callee that writes the chosen text through a global: the call is not
 * given the text, but it stores into globals */
static char table_name[128];

static void append_suffix(void)
{
    strcat(table_name, user_query());
}

void callee_writes_choice_bad(sqlite3 *db)
{
    strcpy(table_name, user_query());
    const char *q = "SELECT 1";
    if (is_word(table_name))
        q = table_name;
    append_suffix();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a logging helper that keeps its argument in a global stores into
 * globals, but none this function mentions: the chosen text stays
 * checked (builds before this case read it again after every such call) */
static const char *last_message;

static void note_message(const char *m)
{
    last_message = m;
}

void log_after_choice_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (is_word(s))
        q = s;
    note_message(s);
    sqlite3_exec(db, q, 0, 0, 0);
}

void log_after_ternary_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = is_word(s) ? s : "SELECT 1";
    note_message(q);
    sqlite3_exec(db, q, 0, 0, 0);
}

void log_after_local_choice_safe(sqlite3 *db)
{
    char buf[64];
    strncpy(buf, user_query(), sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    const char *q = "SELECT 1";
    if (is_word(buf))
        q = buf;
    note_message(user_query());
    sqlite3_exec(db, q, 0, 0, 0);
}

/* ...but a global this function points at its buffer is one the callee
 * writes through */
static char *shared_text;

static void append_to_shared(void)
{
    strcat(shared_text, user_query());
}

void shared_buffer_written_bad(sqlite3 *db)
{
    char buf[256] = "SELECT 1";
    shared_text = buf;
    const char *q = "SELECT 2";
    if (is_word(buf))
        q = buf;
    append_to_shared();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void shared_parameter_written_bad(sqlite3 *db, char *buf)
{
    shared_text = buf;
    const char *q = "SELECT 2";
    if (is_word(buf))
        q = buf;
    append_to_shared();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a callee that writes through a global reaches text this function does
 * not see the global point to: set by a setter, by an initializer, or
 * returned by an accessor (helper-48's a1, b1, h1).  The analysis does not
 * follow that write (a text checked before it is reported only when it
 * held unchecked data on the other path: every build shares the miss
 * without it); it reads the text again after such a call. */
static void set_shared(char *p)
{
    shared_text = p;
}

void shared_by_setter_bad(sqlite3 *db)
{
    char buf[256];
    strcpy(buf, user_query());
    set_shared(buf);
    const char *q = "SELECT 2";
    if (is_word(buf))
        q = buf;
    append_to_shared();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static char text_area[256];
static char *text_cursor = text_area;

static void refill_at_cursor(void)
{
    strcpy(text_cursor, user_query());
}

void cursor_into_buffer_bad(sqlite3 *db)
{
    strcpy(text_area, user_query());
    const char *q = "SELECT 2";
    if (is_word(text_area))
        q = text_area;
    refill_at_cursor();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static char *text_area_of(void)
{
    return text_area;
}

static void refill_area(void)
{
    strcpy(text_area, user_query());
}

void buffer_from_accessor_bad(sqlite3 *db)
{
    char *buf = text_area_of();
    strcpy(buf, user_query());
    const char *q = "SELECT 2";
    if (is_word(buf))
        q = buf;
    refill_area();
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* a callee that writes through a local copy of its parameter */
static void append_to(char *p)
{
    char *end = p + strlen(p);
    strcpy(end, user_query());
}

void callee_writes_through_alias_bad(sqlite3 *db)
{
    char buf[128];
    strcpy(buf, user_query());
    const char *q = "SELECT 1";
    if (is_word(buf))
        q = buf;
    append_to(buf);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* reading the chosen text writes nothing: the check still holds */
void choose_then_measure_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (is_word(s))
        q = s;
    if (strlen(q) > 100)
        return;
    sqlite3_exec(db, q, 0, 0, 0);
}

/* a loop that checks each value before its body uses it */
void loop_checks_each_safe(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    while (is_word(q)) {
        sqlite3_exec(db, q, 0, 0, 0);
        q = s;
    }
}

void loop_checks_first_only_bad(sqlite3 *db)
{
    const char *s = user_query();
    const char *q = "SELECT 1";
    if (!is_word(q))
        return;
    for (int i = 0; i < 2; i++) {
        sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
        q = s;
    }
}

/* a member as the chosen text: the member has no members of its own, so
 * the link to it is muted like a variable's (every build before this case
 * reported the safe ones); writes into it, through an alias of its
 * record, into the whole record or by a callee given the record unmute it */
struct request {
    char *table;
    int count;
    char name[32];
};

void member_choice_safe(sqlite3 *db, struct request *r)
{
    r->table = (char *)user_query();
    const char *q = is_word(r->table) ? r->table : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void member_if_choice_safe(sqlite3 *db, struct request *r)
{
    r->table = (char *)user_query();
    const char *q = "SELECT 1";
    if (is_word(r->table))
        q = r->table;
    r->count = 5;
    sqlite3_exec(db, q, 0, 0, 0);
}

void local_record_choice_safe(sqlite3 *db)
{
    struct request r;
    strncpy(r.name, user_query(), sizeof r.name - 1);
    r.name[sizeof r.name - 1] = '\0';
    const char *q = is_word(r.name) ? r.name : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0);
}

void member_choice_unchecked_bad(sqlite3 *db, struct request *r)
{
    r->table = (char *)user_query();
    const char *q = "SELECT 1";
    if (r->count > 0)
        q = r->table;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void member_choice_written_bad(sqlite3 *db)
{
    struct request r;
    strncpy(r.name, user_query(), sizeof r.name - 1);
    r.name[sizeof r.name - 1] = '\0';
    const char *q = is_word(r.name) ? r.name : "SELECT 1";
    strncat(r.name, user_query(), 4);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void member_choice_alias_written_bad(sqlite3 *db, struct request *r)
{
    struct request *same = r;
    r->table = malloc(256);
    if (r->table == NULL)
        return;
    strcpy(r->table, user_query());
    const char *q = is_word(r->table) ? r->table : "SELECT 1";
    strcat(same->table, user_query());
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void member_choice_record_copied_bad(sqlite3 *db, struct request *r, const struct request *other)
{
    r->table = (char *)user_query();
    const char *q = is_word(r->table) ? r->table : "SELECT 1";
    memcpy(r, other, sizeof *r);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

static void fill_request(struct request *x)
{
    x->table = (char *)user_query();
}

void member_choice_callee_fills_bad(sqlite3 *db, struct request *r)
{
    r->table = malloc(256);
    if (r->table == NULL)
        return;
    strcpy(r->table, "x");
    const char *q = is_word(r->table) ? r->table : "SELECT 1";
    fill_request(r);
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

/* helper-51's review of e0b9a5e: a record assigned over the member, a
 * write below the chosen text (a cast gives it members), and members of
 * an array's elements (one place for every element) */
void member_choice_record_assigned_bad(sqlite3 *db)
{
    struct request r, src;
    strncpy(src.name, user_query(), sizeof src.name - 1);
    src.name[sizeof src.name - 1] = '\0';
    strncpy(r.name, user_query(), 8);
    r.name[8] = '\0';
    const char *q = is_word(r.name) ? r.name : "SELECT 1";
    r = src;
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

struct header {
    char kind[8];
};

void choice_written_through_cast_bad(sqlite3 *db)
{
    char buf[64];
    strncpy(buf, user_query(), 8);
    buf[8] = '\0';
    const char *q = is_word(buf) ? buf : "SELECT 1";
    struct header *h = (struct header *)buf;
    const char *u = user_query();
    h->kind[0] = u[0];
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void element_member_choice_bad(sqlite3 *db)
{
    struct request rs[4];
    strncpy(rs[0].name, user_query(), 8);
    rs[0].name[8] = '\0';
    strncpy(rs[1].name, user_query(), 8);
    rs[1].name[8] = '\0';
    const char *q = is_word(rs[0].name) ? rs[1].name : "SELECT 1";
    sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
}
