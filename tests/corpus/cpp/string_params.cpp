// A parameter that refers to a std::string (or a string view, or a string
// stream) carries the string's text, as a `const char *` parameter does:
// in a function no caller in the compile database shows (an exported entry
// point), that text is of unknown origin.  A reference to any other record
// is a handle: its members hold the text, each with its own origin.
#include <cstdlib>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <string_view>

int exec_ref_entry(sqlite3 *db, const std::string &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int exec_ptr_entry(sqlite3 *db, const std::string *q)
{
    return sqlite3_exec(db, q->c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int exec_stream_entry(sqlite3 *db, const std::ostringstream &os)
{
    return sqlite3_exec(db, os.str().c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int exec_view_entry(sqlite3 *db, const std::string_view &q)
{
    return sqlite3_exec(db, q.data(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

// Safe twins: the same body where every caller is seen and passes constant
// text, and a handle whose member is a number.
static int exec_ref_known(sqlite3 *db, const std::string &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

int exec_ref_known_caller(sqlite3 *db)
{
    std::string q = "DELETE FROM t";
    return exec_ref_known(db, q);
}

struct Query {
    int id;
};

int exec_handle_entry(sqlite3 *db, const Query &q)
{
    std::string s = "DELETE FROM t WHERE id = " + std::to_string(q.id);
    return sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr);
}

// The known caller with untrusted text: reported at its call.
static int exec_ref_tainted(sqlite3 *db, const std::string &q)
{
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

int exec_ref_tainted_caller(sqlite3 *db)
{
    std::string q = std::string("DELETE FROM t WHERE n = ") + std::getenv("N");
    return exec_ref_tainted(db, q); // expect: BW-SQL-INJECTION
}

// An in-place sanitizer (tests/corpus/cpp/.bulwark.yaml) clears the
// parameter's text, as it clears a `char *` buffer's; so does clear().
void escape_sql_in_place(std::string &s);

int escaped_in_place_entry(sqlite3 *db, std::string &name)
{
    escape_sql_in_place(name);
    std::string q = "DELETE FROM t WHERE n = '" + name + "'";
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

int unescaped_entry(sqlite3 *db, std::string &name)
{
    std::string q = "DELETE FROM t WHERE n = '" + name + "'";
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int cleared_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.clear();
    sql += "DELETE FROM t";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

// erase(), erase(0) and resize(0) empty the string as clear() does;
// erase(3), erase(PREFIX) and resize(n) keep what is before.
int erased_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.erase();
    sql += "DELETE FROM t";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

int erased_from_zero_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.erase(0);
    sql += "DELETE FROM t";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

enum { PREFIX = 4 };

int erased_after_prefix_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.erase(PREFIX);
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int erased_tail_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.erase(3);
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int resized_empty_out_parameter(sqlite3 *db, std::string &sql)
{
    sql.resize(0);
    sql += "DELETE FROM t";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

int resized_out_parameter(sqlite3 *db, std::string &sql, size_t n)
{
    sql.resize(n);
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

// swap() and std::swap() exchange the two strings' texts: a variable's
// text is replaced, a string behind a reference or pointer (which may be
// one element of many) takes the other's too.
int swapped_out(sqlite3 *db)
{
    std::string sql = std::getenv("Q");
    std::string fresh = "DELETE FROM t";
    sql.swap(fresh);
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

int swapped_element(sqlite3 *db, std::string *v)
{
    v[0] = std::getenv("A");
    v[1] = std::getenv("B");
    std::string fresh = "DELETE FROM t";
    std::swap(v[0], fresh);
    return sqlite3_exec(db, v[1].c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int swapped_through_pointer(sqlite3 *db)
{
    std::string arr[2];
    arr[0] = std::getenv("Q");
    std::string *p = &arr[1];
    std::string fresh = "DELETE FROM t";
    std::swap(*p, fresh);
    p->resize(0);
    p->clear();
    return sqlite3_exec(db, arr[0].c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int swapped_pointers(sqlite3 *db)
{
    std::string a = std::getenv("Q"), b = "DELETE FROM t";
    std::string *p = &a, *q = &b;
    std::swap(p, q);
    return sqlite3_exec(db, a.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int swapped_in_tainted(sqlite3 *db)
{
    std::string q = std::getenv("Q");
    std::string fresh = "DELETE FROM t";
    fresh.swap(q);
    return sqlite3_exec(db, fresh.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int std_swapped_in_tainted(sqlite3 *db)
{
    std::string q = std::getenv("Q");
    std::string fresh = "DELETE FROM t";
    std::swap(fresh, q);
    return sqlite3_exec(db, fresh.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int std_swapped_out_tainted(sqlite3 *db)
{
    std::string q = std::getenv("Q");
    std::string fresh = "DELETE FROM t";
    std::swap(fresh, q);
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}

int appended_out_parameter(sqlite3 *db, std::string &sql)
{
    sql += " WHERE n = 1";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

// A subscript of a pointer to strings names one element of many: writing
// one (`v[1] = ...`, `v[1].clear()`) replaces none of the others' text.
int assigned_other_element(sqlite3 *db, std::string *v)
{
    v[0] = std::getenv("Q");
    v[1] = "DELETE FROM t";
    return sqlite3_exec(db, v[0].c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int cleared_other_element(sqlite3 *db, std::string *v, int i, int j)
{
    v[i] = std::getenv("Q");
    v[j].clear();
    return sqlite3_exec(db, v[i].c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

int assign_method_other_element(sqlite3 *db, std::string *v)
{
    v[0] = std::getenv("Q");
    v[1].assign("DELETE FROM t");
    return sqlite3_exec(db, v[0].c_str(), nullptr, nullptr, nullptr); // expect: BW-SQL-INJECTION
}

// the safe twins: the one string a pointer or reference designates
int assigned_through_pointer(sqlite3 *db, std::string *q)
{
    *q = std::getenv("Q");
    *q = "DELETE FROM t";
    return sqlite3_exec(db, q->c_str(), nullptr, nullptr, nullptr);
}

int cleared_through_pointer(sqlite3 *db, std::string *q)
{
    *q = std::getenv("Q");
    q->clear();
    return sqlite3_exec(db, q->c_str(), nullptr, nullptr, nullptr);
}

int assign_method_through_reference(sqlite3 *db, std::string &q)
{
    q = std::getenv("Q");
    q.assign("DELETE FROM t");
    return sqlite3_exec(db, q.c_str(), nullptr, nullptr, nullptr);
}
