/* Inline suppressions: with a reason they suppress (and are counted as
 * loosenings); without a reason, for a rule that does not fire, or for an
 * unknown rule they are themselves reported. */
#include <sqlite3.h>
#include <stdlib.h>

void suppressed_same_line(sqlite3 *db)
{
    sqlite3_exec(db, getenv("Q"), 0, 0, 0); // bulwark-ignore(BW-SQL-INJECTION): admin-only debug tool
}

void suppressed_line_before(sqlite3 *db)
{
    // bulwark-ignore(BW-SQL-INJECTION): the query comes from our own config file
    sqlite3_exec(db, getenv("Q"), 0, 0, 0);
}

void no_reason(sqlite3 *db)
{
    // bulwark-ignore(BW-SQL-INJECTION) // expect: BW-BAD-SUPPRESSION
    sqlite3_exec(db, getenv("Q"), 0, 0, 0); // expect: BW-SQL-INJECTION
}

void wrong_rule(sqlite3 *db)
{
    // bulwark-ignore(BW-CMD-INJECTION): not a command // expect: BW-BAD-SUPPRESSION
    sqlite3_exec(db, getenv("Q"), 0, 0, 0); // expect: BW-SQL-INJECTION
}

void stale(sqlite3 *db)
{
    // bulwark-ignore(BW-SQL-INJECTION): was dynamic once // expect: BW-BAD-SUPPRESSION
    sqlite3_exec(db, "SELECT 1", 0, 0, 0);
}

void unknown_rule(sqlite3 *db)
{
    // bulwark-ignore(BW-NO-SUCH-RULE): typo // expect: BW-BAD-SUPPRESSION
    sqlite3_exec(db, "SELECT 1", 0, 0, 0);
}
